/* dav-upload.h: one PUT of a local file, verified where the server can
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * To ownCloud and Nextcloud (a URL under /remote.php/) the file goes with
 * `OC-Checksum: SHA1:…`, which they check before they keep it. Where the
 * answer to any server's PUT says what the stored file hashes to
 * (Repr-Digest, Digest, OC-Checksum), the local file is hashed and
 * compared: a mismatch is an upload that failed. Used by DavBatch and
 * `davscope-cli put`.
 */

#pragma once

#include "dav-checksum.h"
#include "dav-client.h"

G_BEGIN_DECLS

#define DAV_TYPE_UPLOAD (dav_upload_get_type ())

G_DECLARE_FINAL_TYPE (DavUpload, dav_upload, DAV, UPLOAD, GObject)

/* A PUT of the local file @source (@size bytes) to @url; without
 * @overwrite only if nothing is there (If-None-Match: *). */
DavUpload         *dav_upload_new        (DavClient           *client,
                                          const char          *url,
                                          GFile               *source,
                                          goffset              size,
                                          const char          *content_type,
                                          gboolean             overwrite);
/* Opens @source: the local failure, before anything is sent. */
gboolean           dav_upload_open       (DavUpload           *self,
                                          GError             **error);
void               dav_upload_run_async  (DavUpload           *self,
                                          DavProgressFunc      progress,
                                          gpointer             progress_data,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
DavResult         *dav_upload_run_finish (DavUpload           *self,
                                          GAsyncResult        *result,
                                          GError             **error);
/* Why an upload the server confirmed is not right: what it stored does
 * not hash to the local file's checksum. NULL otherwise. */
const GError      *dav_upload_get_problem  (DavUpload         *self);
/* The checksum of the server's answer the local file matched, or NULL. */
const DavChecksum *dav_upload_get_verified (DavUpload         *self);
/* Whether it was sent with OC-Checksum for the server to check. */
gboolean           dav_upload_sent_checksum (DavUpload        *self);
GTlsCertificate   *dav_upload_get_rejected_certificate
                                         (DavUpload            *self,
                                          GTlsCertificateFlags *errors);

G_END_DECLS
