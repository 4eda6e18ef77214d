/* davscope-name-cell.h: the name column's cell of the folder listing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_NAME_CELL (davscope_name_cell_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeNameCell, davscope_name_cell, DAVSCOPE, NAME_CELL, GtkWidget)

/* The cell of @list_item (property "list-item", not a reference). */
GtkWidget      *davscope_name_cell_new          (GtkListItem      *list_item);
/* The GtkTreeListRow of a DavResource shown, or NULL (property "list-row"). */
void            davscope_name_cell_set_list_row (DavscopeNameCell *self,
                                                 GtkTreeListRow   *list_row);
GtkTreeListRow *davscope_name_cell_get_list_row (DavscopeNameCell *self);
/* The row's position in the list, or GTK_INVALID_LIST_POSITION. */
guint           davscope_name_cell_get_position (DavscopeNameCell *self);

G_END_DECLS
