/* davscope-location-completion.h: addresses offered while one is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The saved servers' and bookmarks' URLs (davscope-places.h) and the
 * recent locations, for the location entry and the start page's.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Completes @entry from the places and @settings' recent locations. */
void davscope_location_completion_attach (GtkEntry  *entry,
                                          GSettings *settings);

/* Sets @entry's text, as the window does when its location changes,
 * without offering it as a completion. */
void davscope_location_completion_set_text (GtkEntry   *entry,
                                            const char *text);

G_END_DECLS
