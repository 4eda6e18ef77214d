/* dav-upload.c: one PUT of a local file, verified where the server can
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-upload.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dav-client-private.h"
#include "dav-error.h"
#include "dav-transfer-run-private.h"

struct _DavUpload
{
  GObject               parent_instance;

  goffset               size;
  char                 *content_type;

  GFileInputStream     *input;
  char                 *sha1;       /* of the local file, when it was needed */
  DavTransferRun        run;
};

G_DEFINE_FINAL_TYPE (DavUpload, dav_upload, G_TYPE_OBJECT)

/* ownCloud's and Nextcloud's WebDAV lives under remote.php (remote.php/dav,
 * remote.php/webdav); they check an OC-Checksum sent with a PUT. */
static gboolean
is_owncloud (const char *url)
{
  return strstr (url, "/remote.php/") != NULL;
}

static void
hash_async (DavUpload           *self,
            GChecksumType        type,
            GAsyncReadyCallback  callback)
{
  dav_checksum_compute_file_async (type, self->run.file, dav_transfer_run_get_cancellable (&self->run), callback, self);
}

static void
compare (DavUpload  *self,
         const char *hex)
{
  g_autoptr(GError) error = NULL;

  if (dav_checksum_check (self->run.checksum, hex, &error))
    {
      self->run.verified = TRUE;
      return;
    }

  /* Translators: the first %s is an algorithm ("SHA-256"), the second a
   * header name ("Repr-Digest"). */
  self->run.problem = g_error_new (DAV_ERROR, DAV_ERROR_STATUS,
                               _("The server stored a file whose %s (in %s) is not the local file’s: it was damaged on the way. Upload it again."),
                               self->run.checksum->name, self->run.checksum->source);
}

static void
on_answer_hashed (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  DavUpload *self = user_data;
  g_autofree char *hex = NULL;
  g_autoptr(GError) error = NULL;

  hex = dav_checksum_compute_file_finish (res, &error);
  if (hex != NULL)
    compare (self, hex);
  else
    g_debug ("the uploaded file could not be read again to check it: %s", error->message);

  dav_transfer_run_return_result (&self->run);
}

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  DavUpload *self = user_data;
  g_autoptr(DavResult) result = NULL;
  GError *error = NULL;

  result = dav_transfer_run_finish_request (&self->run, source, res, dav_upload_run_async, &error);
  g_clear_object (&self->input);
  if (result == NULL)
    {
      dav_transfer_run_return_error (&self->run, error);
      return;
    }

  self->run.result = dav_result_ref (result);
  if (SOUP_STATUS_IS_SUCCESSFUL (result->status))
    self->run.checksum = dav_checksum_from_headers (result->headers, FALSE);
  if (self->run.checksum == NULL)
    {
      dav_transfer_run_return_result (&self->run);
      return;
    }
  if (self->run.checksum->type == G_CHECKSUM_SHA1 && self->sha1 != NULL)
    {
      compare (self, self->sha1);
      dav_transfer_run_return_result (&self->run);
      return;
    }
  hash_async (self, self->run.checksum->type, on_answer_hashed);
}

static void
send_request (DavUpload *self)
{
  DavRequest *req = dav_client_new_put (self->run.client, self->run.url, G_INPUT_STREAM (self->input),
                                        self->size, self->content_type, self->run.overwrite);

  req->source_local = g_file_is_native (self->run.file);
  if (self->sha1 != NULL)
    {
      g_autofree char *value = g_strconcat ("SHA1:", self->sha1, NULL);

      dav_request_set_header (req, "OC-Checksum", value);
    }
  /* RFC 9530 §4: the checksum of what it stored, to compare. */
  dav_request_set_header (req, "Want-Repr-Digest", "sha-256=10, sha-512=9");
  req->progress = self->run.progress;
  req->progress_data = self->run.progress_data;

  dav_request_start (req, dav_upload_run_async, dav_transfer_run_get_cancellable (&self->run), on_done, self);
}

static void
on_sha1 (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  DavUpload *self = user_data;
  GError *error = NULL;

  self->sha1 = dav_checksum_compute_file_finish (res, &error);
  if (self->sha1 == NULL)
    {
      dav_transfer_run_return_error (&self->run, error);
      return;
    }

  send_request (self);
}

gboolean
dav_upload_open (DavUpload  *self,
                 GError    **error)
{
  g_return_val_if_fail (DAV_IS_UPLOAD (self), FALSE);
  g_return_val_if_fail (self->input == NULL, FALSE);

  self->input = g_file_read (self->run.file, NULL, error);
  return self->input != NULL;
}

void
dav_upload_run_async (DavUpload           *self,
                      DavProgressFunc      progress,
                      gpointer             progress_data,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GError *error = NULL;

  g_return_if_fail (DAV_IS_UPLOAD (self));

  dav_transfer_run_start (&self->run, self, dav_upload_run_async, progress, progress_data,
                          cancellable, callback, user_data);
  if (self->input == NULL && !dav_upload_open (self, &error))
    {
      dav_transfer_run_return_error (&self->run, error);
      return;
    }

  if (is_owncloud (self->run.url))
    hash_async (self, G_CHECKSUM_SHA1, on_sha1);
  else
    send_request (self);
}

DavResult *
dav_upload_run_finish (DavUpload     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (DAV_IS_UPLOAD (self), NULL);

  return dav_transfer_run_finish (self, result, error);
}

const GError *
dav_upload_get_problem (DavUpload *self)
{
  g_return_val_if_fail (DAV_IS_UPLOAD (self), NULL);

  return self->run.problem;
}

const DavChecksum *
dav_upload_get_verified (DavUpload *self)
{
  g_return_val_if_fail (DAV_IS_UPLOAD (self), NULL);

  return self->run.verified ? self->run.checksum : NULL;
}

gboolean
dav_upload_sent_checksum (DavUpload *self)
{
  g_return_val_if_fail (DAV_IS_UPLOAD (self), FALSE);

  return self->sha1 != NULL;
}

GTlsCertificate *
dav_upload_get_rejected_certificate (DavUpload            *self,
                                     GTlsCertificateFlags *errors)
{
  g_return_val_if_fail (DAV_IS_UPLOAD (self), NULL);

  return dav_transfer_run_get_rejected (&self->run, errors);
}

static void
dav_upload_finalize (GObject *object)
{
  DavUpload *self = (DavUpload *) object;

  g_free (self->content_type);
  g_clear_object (&self->input);
  g_free (self->sha1);
  dav_transfer_run_clear (&self->run);

  G_OBJECT_CLASS (dav_upload_parent_class)->finalize (object);
}

static void
dav_upload_class_init (DavUploadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dav_upload_finalize;
}

static void
dav_upload_init (DavUpload *self)
{
}

DavUpload *
dav_upload_new (DavClient  *client,
                const char *url,
                GFile      *source,
                goffset     size,
                const char *content_type,
                gboolean    overwrite)
{
  DavUpload *self;

  g_return_val_if_fail (DAV_IS_CLIENT (client), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  self = g_object_new (DAV_TYPE_UPLOAD, NULL);
  dav_transfer_run_init (&self->run, client, url, source, overwrite);
  self->size = size;
  self->content_type = g_strdup (content_type);

  return self;
}
