/* davscope-details-pane.h: the properties of the selected resource
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dav-client.h"
#include "dav-folder.h"
#include "dav-resource.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_DETAILS_PANE (davscope_details_pane_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeDetailsPane, davscope_details_pane, DAVSCOPE, DETAILS_PANE, GtkWidget)

GtkWidget *davscope_details_pane_new          (void);
/* With a client, the pane asks for every property of the selected item
 * (allprop, Depth 0): a listing only asks for a few, and dead properties
 * would never show. */
void       davscope_details_pane_set_client   (DavscopeDetailsPane *self,
                                               DavClient           *client);
/* NULL shows a hint to select one item. @folder (may be NULL) is the
 * listing @resource came from: its badges offer that exchange. The pane
 * follows @resource: each time its listing is read again, it shows it. */
void       davscope_details_pane_set_resource (DavscopeDetailsPane *self,
                                               DavResource         *resource,
                                               DavFolder           *folder);
/* Not one item selected: @selected (two or more) of @rows, a model of
 * GtkTreeListRow, are counted (folders, files, their size) once the
 * current burst of changes is over. NULL or fewer: the pane shows what
 * set_resource() gave it. */
void       davscope_details_pane_set_selection (DavscopeDetailsPane *self,
                                                GListModel          *rows,
                                                GtkBitset           *selected);
/* Times on the 12-hour clock ("8:19 AM"), as GNOME's clock-format says. */
void       davscope_details_pane_set_clock_12h (DavscopeDetailsPane *self,
                                                gboolean             clock_12h);

G_END_DECLS
