/* davscope-property-grid.h: the outcome of an Apply on several items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The property editor's grid after an Apply to several items: items down,
 * the properties sent across, a status in each cell.
 */

#pragma once

#include <gtk/gtk.h>

#include "dav-property-sheet.h"

G_BEGIN_DECLS

/* Empties @grid and fills it from the last Apply of @sheet. */
void davscope_property_grid_fill (GtkGrid          *grid,
                                  DavPropertySheet *sheet);

G_END_DECLS
