/* dav-download.h: one GET into a local file that survives the network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The body goes into a partial file beside the target, moved in place
 * only once it arrived whole (and, where the server offered a checksum,
 * matched it). A download cut off (the connection dropped, the person
 * cancelled) keeps its partial file and the validator of what it holds;
 * the next download into the same target continues with `Range` and
 * `If-Range`, and is spliced only where the 206's Content-Range starts at
 * the partial file's end. Used by DavBatch and `davscope-cli get`.
 */

#pragma once

#include "dav-checksum.h"
#include "dav-client.h"

G_BEGIN_DECLS

#define DAV_TYPE_DOWNLOAD (dav_download_get_type ())

G_DECLARE_FINAL_TYPE (DavDownload, dav_download, DAV, DOWNLOAD, GObject)

/* A GET of @url into the local file @target, which is replaced only with
 * @overwrite. */
DavDownload       *dav_download_new              (DavClient           *client,
                                                  const char          *url,
                                                  GFile               *target,
                                                  gboolean             overwrite);
/* Opens the partial file (a new one, or the one a download cut off left
 * for the same URL): the local failures, before anything is sent.
 * dav_download_run_async () does it when it was not done. */
gboolean           dav_download_open             (DavDownload         *self,
                                                  GError             **error);
void               dav_download_run_async        (DavDownload         *self,
                                                  DavProgressFunc      progress,
                                                  gpointer             progress_data,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* The server's answer (NULL, with @error, when none came). The file is
 * saved only when dav_download_is_saved () says so. */
DavResult         *dav_download_run_finish       (DavDownload         *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
gboolean           dav_download_is_saved         (DavDownload         *self);
/* Why an answer that came was not saved: a body spliced wrong refused,
 * a checksum that does not match, the local file system (G_IO_ERROR;
 * G_IO_ERROR_EXISTS when the target is in the way); NULL otherwise. */
const GError      *dav_download_get_problem      (DavDownload         *self);
/* Where the body continued a partial file, or 0 (a whole body). */
goffset            dav_download_get_resumed_from (DavDownload         *self);
/* The checksum the saved file matched, or NULL when the server offered
 * none. */
const DavChecksum *dav_download_get_verified     (DavDownload         *self);
/* The certificate the server's connection was refused for, or NULL. */
GTlsCertificate   *dav_download_get_rejected_certificate
                                                 (DavDownload          *self,
                                                  GTlsCertificateFlags *errors);
/* The text for people of a saved download: where, resumed, verified. */
char              *dav_download_describe         (DavDownload         *self,
                                                  const char          *shown_target);

G_END_DECLS
