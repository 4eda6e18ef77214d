/* dav-transfer-run.c: what DavDownload and DavUpload share while they run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-transfer-run-private.h"

#include "dav-request-private.h"

void
dav_transfer_run_init (DavTransferRun *run,
                       DavClient      *client,
                       const char     *url,
                       GFile          *file,
                       gboolean        overwrite)
{
  run->client = g_object_ref (client);
  run->url = g_strdup (url);
  run->file = g_object_ref (file);
  run->overwrite = overwrite;
}

void
dav_transfer_run_start (DavTransferRun      *run,
                        gpointer             source,
                        gpointer             source_tag,
                        DavProgressFunc      progress,
                        gpointer             progress_data,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (run->task == NULL && run->result == NULL);

  run->task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (run->task, source_tag);
  run->progress = progress;
  run->progress_data = progress_data;
}

GCancellable *
dav_transfer_run_get_cancellable (DavTransferRun *run)
{
  return g_task_get_cancellable (run->task);
}

DavResult *
dav_transfer_run_finish_request (DavTransferRun  *run,
                                 GObject         *client,
                                 GAsyncResult    *res,
                                 gpointer         source_tag,
                                 GError         **error)
{
  g_clear_object (&run->rejected);
  run->rejected = dav_request_get_rejected_certificate (res, &run->rejected_errors);
  if (run->rejected != NULL)
    g_object_ref (run->rejected);

  return dav_request_finish (DAV_CLIENT (client), res, source_tag, error);
}

void
dav_transfer_run_return_error (DavTransferRun *run,
                               GError         *error)
{
  GTask *task = g_steal_pointer (&run->task);

  g_task_return_error (task, error);
  g_object_unref (task);
}

void
dav_transfer_run_return_result (DavTransferRun *run)
{
  GTask *task = g_steal_pointer (&run->task);

  g_task_return_pointer (task, dav_result_ref (run->result), (GDestroyNotify) dav_result_unref);
  g_object_unref (task);
}

DavResult *
dav_transfer_run_finish (gpointer       source,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GTlsCertificate *
dav_transfer_run_get_rejected (DavTransferRun       *run,
                               GTlsCertificateFlags *errors)
{
  if (errors != NULL)
    *errors = run->rejected_errors;
  return run->rejected;
}

void
dav_transfer_run_clear (DavTransferRun *run)
{
  g_clear_object (&run->client);
  g_clear_pointer (&run->url, g_free);
  g_clear_object (&run->file);
  g_clear_error (&run->problem);
  g_clear_pointer (&run->checksum, dav_checksum_free);
  g_clear_pointer (&run->result, dav_result_unref);
  g_clear_object (&run->rejected);
}
