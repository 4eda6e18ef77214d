/* dav-transfer-run-private.h: what DavDownload and DavUpload share while
 * they run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a transfer is (the client, the URL, the local file, whether it may
 * replace), the task of one run, its progress callback, the answer it
 * ends with, what made that answer a failure although the server
 * succeeded, and the certificate its request refused.
 */

#pragma once

#include "dav-checksum.h"
#include "dav-client.h"

G_BEGIN_DECLS

typedef struct {
  DavClient            *client;
  char                 *url;
  GFile                *file;          /* the download's target, the upload's source */
  gboolean              overwrite;
  GError               *problem;       /* a 2xx that is a failure all the same */
  DavChecksum          *checksum;      /* what the server said the file hashes to */
  gboolean              verified;      /* and the file does */
  GTask                *task;          /* while running */
  DavResult            *result;        /* the server's answer, once it came */
  GTlsCertificate      *rejected;
  GTlsCertificateFlags  rejected_errors;
  DavProgressFunc       progress;
  gpointer              progress_data;
} DavTransferRun;

void             dav_transfer_run_init           (DavTransferRun       *run,
                                                  DavClient            *client,
                                                  const char           *url,
                                                  GFile                *file,
                                                  gboolean              overwrite);
void             dav_transfer_run_start          (DavTransferRun       *run,
                                                  gpointer              source,
                                                  gpointer              source_tag,
                                                  DavProgressFunc       progress,
                                                  gpointer              progress_data,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GCancellable    *dav_transfer_run_get_cancellable (DavTransferRun      *run);
/* The answer of the transfer's request (@res of dav_request_start with
 * @source_tag), keeping the certificate it refused. */
DavResult       *dav_transfer_run_finish_request (DavTransferRun       *run,
                                                  GObject              *client,
                                                  GAsyncResult         *res,
                                                  gpointer              source_tag,
                                                  GError              **error);
/* Ends the run with @error (taken), or with run->result. */
void             dav_transfer_run_return_error   (DavTransferRun       *run,
                                                  GError               *error);
void             dav_transfer_run_return_result  (DavTransferRun       *run);
DavResult       *dav_transfer_run_finish         (gpointer              source,
                                                  GAsyncResult         *result,
                                                  GError              **error);
GTlsCertificate *dav_transfer_run_get_rejected   (DavTransferRun       *run,
                                                  GTlsCertificateFlags *errors);
void             dav_transfer_run_clear          (DavTransferRun       *run);

G_END_DECLS
