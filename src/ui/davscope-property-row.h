/* davscope-property-row.h: one property in the property editor's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row shows one DavPropertyEntry of a DavPropertySheet: its name and
 * namespace, the value on the server (or the one to be sent), the status
 * of its propstat, what is pending and the outcome of the last Apply; and
 * it has the buttons and the value editor that change the entry through
 * the sheet. It shows the entry again whenever the entry emits "changed".
 */

#pragma once

#include <gtk/gtk.h>

#include "dav-property-sheet.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_PROPERTY_ROW (davscope_property_row_get_type ())

G_DECLARE_FINAL_TYPE (DavscopePropertyRow, davscope_property_row, DAVSCOPE, PROPERTY_ROW, GtkListBoxRow)

/* @expanded: whether its value editor starts open. */
GtkWidget        *davscope_property_row_new          (DavPropertySheet    *sheet,
                                                      DavPropertyEntry    *entry,
                                                      gboolean             expanded);
DavPropertyEntry *davscope_property_row_get_entry    (DavscopePropertyRow *self);
/* Whether its value editor is open (property "expanded"). */
gboolean          davscope_property_row_get_expanded (DavscopePropertyRow *self);
void              davscope_property_row_set_expanded (DavscopePropertyRow *self,
                                                      gboolean             expanded);

G_END_DECLS
