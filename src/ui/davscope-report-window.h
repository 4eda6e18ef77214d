/* davscope-report-window.h: a bulk operation, its progress and its per-item report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs a DavBatch (delete, new folders, copy, move, upload, download) and
 * shows, while it runs, how far it got, and then one
 * row per target with its status icon, code, reason and explanation; a
 * collection whose DELETE answered with a multistatus expands into its
 * member rows (423 on the locked file, 424 on what depended on it).
 * "Retry Failed" runs the failed targets again, "Replace Existing" runs
 * again those that were not done because something was in the way (only
 * after the user says so), "Copy Report" puts a text
 * report on the clipboard, "Export…" writes JSON or CSV. When the batch
 * ends, the store is brought up to date from the server.
 */

#pragma once

#include <adwaita.h>

#include "dav-batch.h"
#include "dav-operation.h"
#include "dav-resource-store.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_REPORT_WINDOW (davscope_report_window_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeReportWindow, davscope_report_window, DAVSCOPE, REPORT_WINDOW, AdwWindow)

/* Runs @batch, which the caller built for @operation with the typed
 * adders of DavBatch and @store's client, and shows itself. A target the
 * batch refused (another origin, outside the base, given twice) is a row
 * saying why, and is never sent. @overwrite: whether the batch may replace
 * what exists, for its retries. Closing the window cancels the batch; the
 * store is updated from its report all the same.
 *
 * Returns: (transfer none): the window belongs to GTK's list of toplevels,
 * like any other, and is destroyed when closed (Escape, Ctrl+W). */
DavscopeReportWindow *davscope_report_window_run (GtkWindow        *parent,
                                                  DavResourceStore *store,
                                                  DavOperation      operation,
                                                  DavBatch         *batch,
                                                  gboolean          overwrite);

/* Shows a report that has already ended (a single change that failed, run
 * without a window); "Retry Failed" and "Replace Existing" work as usual.
 * The store is not updated again. */
DavscopeReportWindow *davscope_report_window_show_report (GtkWindow        *parent,
                                                          DavResourceStore *store,
                                                          DavOperation      operation,
                                                          DavReport        *report,
                                                          gboolean          overwrite);

/* A batch for @client: as many requests at once over HTTP/1.1 as the
 * connections it may open (the setting), more over HTTP/2 (DavBatch). */
DavBatch           *davscope_report_window_new_batch (DavClient *client);

G_END_DECLS
