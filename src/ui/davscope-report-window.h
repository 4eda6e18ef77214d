/* davscope-report-window.h: a bulk delete, its progress and its per-item report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs a DavBatch and shows, while it runs, how far it got, and then one
 * row per target with its status icon, code, reason and explanation; a
 * collection whose DELETE answered with a multistatus expands into its
 * member rows (423 on the locked file, 424 on what depended on it).
 * "Retry Failed" runs the failed targets again, "Copy Report" puts a text
 * report on the clipboard, "Export…" writes JSON or CSV. When the batch
 * ends, the store is brought up to date from the server.
 */

#pragma once

#include <adwaita.h>

#include "dav-batch.h"
#include "dav-resource-store.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_REPORT_WINDOW (davscope_report_window_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeReportWindow, davscope_report_window, DAVSCOPE, REPORT_WINDOW, AdwWindow)

/* @urls: the targets the user chose and confirmed. The window runs a
 * DELETE batch on them with @store's client and shows itself. A URL the
 * batch refuses (another origin, outside the base, given twice) becomes a
 * row saying why, and is never sent. Closing the window cancels the batch;
 * the store is updated from its report all the same.
 *
 * Returns: (transfer none): the window belongs to GTK's list of toplevels,
 * like any other, and is destroyed when closed (Escape, Ctrl+W). */
DavscopeReportWindow *davscope_report_window_new (GtkWindow        *parent,
                                                  DavResourceStore *store,
                                                  GPtrArray        *urls);

G_END_DECLS
