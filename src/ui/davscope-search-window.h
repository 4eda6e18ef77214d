/* davscope-search-window.h: Search Below Here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window of its own (Ctrl+Shift+F) that searches a folder and every
 * folder below it by name and/or a property's value (DavSearch: SEARCH
 * where the server offers it, else a walk), and lists the results as they
 * come, with a row for each folder that could not be searched and why.
 * Results can be shown in the main window's folder, their exchange
 * opened in the inspector, their location copied, or deleted through the
 * usual report.
 */

#pragma once

#include <adwaita.h>

#include "dav-resource-store.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_SEARCH_WINDOW (davscope_search_window_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeSearchWindow, davscope_search_window, DAVSCOPE, SEARCH_WINDOW, AdwWindow)

/* Searches below @url with @store's client; @names: the properties of
 * the listing (read for each result, offered as properties to search).
 * @parent: the main window, where "Show in Folder" goes.
 *
 * Returns: (transfer none): the window, destroyed when closed. */
DavscopeSearchWindow *davscope_search_window_show (GtkWindow          *parent,
                                                   DavResourceStore   *store,
                                                   const char         *url,
                                                   const char * const *names);

G_END_DECLS
