/* davscope-preferences-window.h: the settings a person may change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_PREFERENCES_WINDOW (davscope_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (DavscopePreferencesWindow, davscope_preferences_window, DAVSCOPE, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *davscope_preferences_window_new (GtkWindow *parent);

G_END_DECLS
