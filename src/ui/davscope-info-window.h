/* davscope-info-window.h: a small window of facts read from the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The frame the lock dialog and the server information share: an
 * AdwWindow with a header bar over a stack whose "loading" page is a
 * spinner, closed by Escape; pages of AdwPreferencesGroups whose rows
 * show a title and a value (server text, escaped, selectable): a short
 * value beside its title, a long one under it.
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Returns: (transfer floating): the window, modal to @parent; its stack
 * (showing "loading") in @stack. */
GtkWidget *davscope_info_window_new   (GtkWindow          *parent,
                                       const char         *title,
                                       int                 width,
                                       int                 height,
                                       GtkWidget         **stack);
/* Appends a group to @page. @description may be NULL. */
GtkWidget *davscope_info_group_new    (GtkWidget          *page,
                                       const char         *title,
                                       const char         *description);
/* A row "title … value", or the title over a long value that wraps
 * between words; @value is server text, escaped here. */
void       davscope_info_add_value    (GtkWidget          *group,
                                       const char         *title,
                                       const char         *value);

G_END_DECLS
