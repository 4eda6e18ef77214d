/* dav-batch.h: many requests, with bounded concurrency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A batch runs one request per target, at most N at a time over the
 * client's keep-alive connections, and collects a DavReport with one item
 * per target, in the order the targets were added: DELETE, PROPPATCH,
 * MKCOL, COPY, MOVE, and uploads (PUT) and downloads (GET) streamed from
 * and to local files. A target given twice is sent once
 * (docs/hostile-servers.md case 20). When the server goes away, the
 * targets not yet sent are reported as not attempted (case 40). Every
 * target that changes the server is checked by dav_client_check_target
 * (promise 1); for COPY and MOVE, the destination too. A target an
 * adder refuses is kept, with the reason, in its place among the others
 * (dav_batch_order_report), so that a report can say why it was not sent.
 */

#pragma once

#include "dav-client.h"
#include "dav-report.h"

G_BEGIN_DECLS

#define DAV_TYPE_BATCH (dav_batch_get_type ())

G_DECLARE_FINAL_TYPE (DavBatch, dav_batch, DAV, BATCH, GObject)

/* @concurrency: requests in flight over HTTP/1.1 (one per connection);
 * over HTTP/2 up to 100 on one connection, unless it is 1 (one at a time,
 * in order). */
DavBatch  *dav_batch_new            (DavClient           *client,
                                     guint                concurrency);
/* FALSE when @url is not a target this client may change (the error says
 * why), or was added already. */
gboolean   dav_batch_add_delete     (DavBatch            *self,
                                     const char          *url,
                                     GError             **error);
/* @patches: DavPropPatch*; the batch takes a reference. */
gboolean   dav_batch_add_proppatch  (DavBatch            *self,
                                     const char          *url,
                                     GPtrArray           *patches,
                                     GError             **error);
gboolean   dav_batch_add_mkcol      (DavBatch            *self,
                                     const char          *url,
                                     GError             **error);
/* @overwrite: FALSE sends "Overwrite: F", and an existing destination
 * gives 412 (RFC 4918 §9.8.5). */
gboolean   dav_batch_add_copy       (DavBatch            *self,
                                     const char          *url,
                                     const char          *destination,
                                     gboolean             overwrite,
                                     GError             **error);
gboolean   dav_batch_add_move       (DavBatch            *self,
                                     const char          *url,
                                     const char          *destination,
                                     gboolean             overwrite,
                                     GError             **error);
/* PUT of the local regular file @source to @url, streamed; without
 * @overwrite only if nothing is there (a 412 otherwise). */
gboolean   dav_batch_add_upload     (DavBatch            *self,
                                     GFile               *source,
                                     const char          *url,
                                     gboolean             overwrite,
                                     GError             **error);
/* GET of @url into the local file @target, streamed into a temporary file
 * beside it and moved in place once the whole body arrived; an existing
 * @target is replaced only with @overwrite. Two downloads into one file
 * are refused. */
gboolean   dav_batch_add_download   (DavBatch            *self,
                                     const char          *url,
                                     GFile               *target,
                                     gboolean             overwrite,
                                     GError             **error);
guint      dav_batch_get_n_targets  (DavBatch            *self);
/* The most requests that were in flight at once (a run's measure). */
guint      dav_batch_get_peak_in_flight (DavBatch        *self);
/* The request of a report's @item once more (a retry): its method, URL
 * and destination; COPY, MOVE, uploads and downloads with @overwrite.
 * PROPPATCH items cannot be (their changes are not in the report). */
gboolean   dav_batch_add_again      (DavBatch            *self,
                                     const DavReportItem *item,
                                     gboolean             overwrite,
                                     GError             **error);
/* The targets the adders refused: DavReportItem*, never attempted, each
 * with the reason as its explanation.
 *
 * Returns: (transfer none) */
GPtrArray *dav_batch_get_refused    (DavBatch            *self);
/* @report, the batch's, with the refused targets in their places: every
 * target in the order it was given. Its items are borrowed from @report
 * and from the batch, which must outlive it.
 *
 * Returns: (transfer full) */
DavReport *dav_batch_order_report   (DavBatch            *self,
                                     DavReport           *report);
void       dav_batch_run_async      (DavBatch            *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
/* Never fails: cancellation and lost connections are in the report. */
DavReport *dav_batch_run_finish     (DavBatch            *self,
                                     GAsyncResult        *result);

G_END_DECLS
