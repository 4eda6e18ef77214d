/* davscope-accessible.h: accessible names as GTK 4.8 should give them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GTK 4.8 names a labelled button after both its "label" property and the
 * label inside it ("_Cancel Cancel"), and a check button with its
 * underscore: leave the name people see, for screen readers and the
 * dogtail tests. Walks all of @root; call again after changing a label. */
void davscope_accessible_fix_names (GtkWidget *root);

G_END_DECLS
