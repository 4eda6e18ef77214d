/* davscope-inspector-window.h: the exchanges behind what the window shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The recent requests of a client (its DavExchangeLog): method, URL,
 * status, time and size; for the selected one, the request and response
 * headers and bodies, XML pretty-printed and highlighted, and for a 207
 * the parsed tree beside the raw XML. "Copy as curl" repeats a request.
 */

#pragma once

#include <adwaita.h>

#include "dav-client.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_INSPECTOR_WINDOW (davscope_inspector_window_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeInspectorWindow, davscope_inspector_window, DAVSCOPE, INSPECTOR_WINDOW, AdwWindow)

/* Shows the inspector of @client (one per client: presented again if it
 * is open), with the exchange @exchange_id selected when it is non-zero
 * and still in the log. */
DavscopeInspectorWindow *davscope_inspector_window_show (GtkWindow *parent,
                                                         DavClient *client,
                                                         guint64    exchange_id);

G_END_DECLS
