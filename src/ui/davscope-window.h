/* davscope-window.h: the main browser window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dav-report.h"
#include "dav-resource-store.h"
#include "davscope-application.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_WINDOW (davscope_window_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeWindow, davscope_window, DAVSCOPE, WINDOW, AdwApplicationWindow)

DavscopeWindow *davscope_window_new  (DavscopeApplication *application);
/* Connects to @url (http, https, dav, davs; "host/path" means https). */
void            davscope_window_open (DavscopeWindow      *self,
                                      const char          *url);
/* Goes to @folder_url (same server: the same connection) and selects
 * the item at @url there once it is listed. */
void            davscope_window_show_in_folder (DavscopeWindow *self,
                                                const char     *folder_url,
                                                const char     *url);

/* A batch run with @store has ended and @store has its report: the
 * other tabs of every window that show a folder it changed list it
 * again (a MOVE dragged out of another tab, a DELETE of what another
 * tab shows). */
void            davscope_window_folders_changed (DavResourceStore *store,
                                                 DavReport        *report);

/* Opens the tabs open at the end of the last run, when the setting says
 * so and the window shows nothing yet. */
void            davscope_window_restore_tabs   (DavscopeWindow *self);

G_END_DECLS
