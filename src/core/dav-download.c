/* dav-download.c: one GET into a local file that survives the network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Beside the target: ".davscope-HASH.part", the bytes so far, and
 * ".davscope-HASH.resume", a key file with the URL and the validator they
 * belong to (HASH: of the target's path, so the next download into it
 * finds them). Both exist only while a download is unfinished.
 */

#include "dav-download.h"

#include <glib/gi18n-lib.h>

#include "dav-error.h"
#include "dav-local-file.h"
#include "dav-request-private.h"
#include "dav-transfer-run-private.h"

struct _DavDownload
{
  GObject         parent_instance;

  GFile          *part;
  GFile          *state;
  GFileIOStream  *stream;
  goffset         offset;        /* what this request asked to start from */
  char           *validator;     /* If-Range of the partial file, or NULL */
  gboolean        restarted;     /* a 416 sent it again from the start */
  goffset         resumed_from;
  gboolean        saved;

  gboolean        claimed;       /* holds the partial file (claim_part) */
  DavTransferRun  run;
};

G_DEFINE_FINAL_TYPE (DavDownload, dav_download, G_TYPE_OBJECT)

static void send_request (DavDownload *self);

/* The partial files in use by a download of this process: a second
 * download into the same target while the first runs would write into
 * the same file. */
G_LOCK_DEFINE_STATIC (in_use);
static GHashTable *in_use;

static gboolean
claim_part (DavDownload  *self,
            GError      **error)
{
  const char *path = g_file_peek_path (self->part);
  gboolean claimed;

  G_LOCK (in_use);
  if (in_use == NULL)
    in_use = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  claimed = g_hash_table_add (in_use, g_strdup (path));
  G_UNLOCK (in_use);

  if (!claimed)
    {
      g_autofree char *shown = g_file_get_parse_name (self->run.file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("“%s” is being downloaded already; this download was not started."), shown);
      return FALSE;
    }
  self->claimed = TRUE;
  return TRUE;
}

static void
release_part (DavDownload *self)
{
  if (!self->claimed)
    return;

  G_LOCK (in_use);
  g_hash_table_remove (in_use, g_file_peek_path (self->part));
  G_UNLOCK (in_use);
  self->claimed = FALSE;
}

static void
end_with_result (DavDownload *self)
{
  release_part (self);
  dav_transfer_run_return_result (&self->run);
}

static void
end_with_error (DavDownload *self,
                GError      *error)
{
  release_part (self);
  dav_transfer_run_return_error (&self->run, error);
}

/* ---- the partial file and its state ------------------------------------ */

static gboolean
name_files (DavDownload  *self,
            GError      **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (self->run.file);
  g_autofree char *dir = parent != NULL ? g_file_get_path (parent) : NULL;
  g_autofree char *path = g_file_get_path (self->run.file);
  g_autofree char *hash = NULL;
  g_autofree char *part = NULL;
  g_autofree char *state = NULL;

  if (dir == NULL || path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Downloads can only be saved in a local folder."));
      return FALSE;
    }

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);
  hash[16] = '\0';
  part = g_strdup_printf (".davscope-%s.part", hash);
  state = g_strdup_printf (".davscope-%s.resume", hash);
  self->part = g_file_new_build_filename (dir, part, NULL);
  self->state = g_file_new_build_filename (dir, state, NULL);
  return TRUE;
}

/* The validator of the partial file, when it is of this URL. */
static char *
load_validator (DavDownload *self)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *url = NULL;

  if (!g_key_file_load_from_file (keys, g_file_peek_path (self->state), G_KEY_FILE_NONE, NULL))
    return NULL;
  url = g_key_file_get_string (keys, "download", "url", NULL);
  if (g_strcmp0 (url, self->run.url) != 0)
    return NULL;
  return g_key_file_get_string (keys, "download", "validator", NULL);
}

static void
save_validator (DavDownload *self)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  if (self->validator == NULL)
    {
      g_file_delete (self->state, NULL, NULL);
      return;
    }

  g_key_file_set_string (keys, "download", "url", self->run.url);
  g_key_file_set_string (keys, "download", "validator", self->validator);
  /* Without it the partial file is only thrown away later: no failure. */
  if (!g_key_file_save_to_file (keys, g_file_peek_path (self->state), &error))
    g_debug ("cannot keep the state of a partial download: %s", error->message);
}

/* Both files go: what they hold cannot be continued. */
static void
discard_partial (DavDownload *self)
{
  if (self->stream != NULL)
    g_io_stream_close (G_IO_STREAM (self->stream), NULL, NULL);
  g_clear_object (&self->stream);
  dav_local_file_abort (self->part);
  g_file_delete (self->state, NULL, NULL);
}

/* Opens the partial file: the one a cut-off download of this URL left,
 * at its end, or a new empty one. */
static gboolean
open_partial (DavDownload  *self,
              GError      **error)
{
  g_autofree char *validator = load_validator (self);
  g_autoptr(GError) local = NULL;

  if (validator != NULL)
    {
      self->stream = g_file_open_readwrite (self->part, NULL, NULL);
      if (self->stream != NULL &&
          g_seekable_seek (G_SEEKABLE (self->stream), 0, G_SEEK_END, NULL, NULL) &&
          g_seekable_tell (G_SEEKABLE (self->stream)) > 0)
        {
          self->offset = g_seekable_tell (G_SEEKABLE (self->stream));
          self->validator = g_steal_pointer (&validator);
          return TRUE;
        }
    }

  discard_partial (self);
  self->stream = g_file_create_readwrite (self->part, G_FILE_CREATE_PRIVATE, NULL, &local);
  if (self->stream == NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->part);
      g_autofree char *shown = g_file_get_parse_name (parent);

      /* The folder is what the person chose; the hidden file is ours. */
      g_set_error (error, local->domain, local->code, _("Cannot write in “%s”: %s"), shown, local->message);
      return FALSE;
    }
  return TRUE;
}

/* RFC 9110 §13.1.5: If-Range takes a strong entity tag, or a
 * Last-Modified that is strong: at least a second before the Date of the
 * answer (a file changed twice in that second would look the same). */
static char *
strong_validator (SoupMessageHeaders *headers)
{
  const char *etag = soup_message_headers_get_one (headers, "ETag");
  const char *modified = soup_message_headers_get_one (headers, "Last-Modified");
  const char *date = soup_message_headers_get_one (headers, "Date");
  g_autoptr(GDateTime) modified_time = NULL;
  g_autoptr(GDateTime) date_time = NULL;

  if (etag != NULL && etag[0] == '"')
    return g_strdup (etag);
  if (etag != NULL || modified == NULL || date == NULL)
    return NULL;

  modified_time = soup_date_time_new_from_http_string (modified);
  date_time = soup_date_time_new_from_http_string (date);
  if (modified_time == NULL || date_time == NULL ||
      g_date_time_difference (date_time, modified_time) < G_TIME_SPAN_SECOND)
    return NULL;
  return g_strdup (modified);
}

/* A small body is fetched again whole rather than continued: no state
 * file is written for each of a thousand small downloads. */
#define RESUME_MIN_SIZE (64 * 1024)

static gboolean
worth_resuming (SoupMessageHeaders *headers)
{
  goffset length = soup_message_headers_get_content_length (headers);

  return soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH ||
         length >= RESUME_MIN_SIZE;
}

/* ---- the answer --------------------------------------------------------- */

static gboolean
refuse_body (DavDownload *self,
             char        *message)
{
  g_clear_error (&self->run.problem);
  self->run.problem = g_error_new_literal (DAV_ERROR, DAV_ERROR_STATUS, message);
  g_free (message);
  return FALSE;
}

/* A 206 continues the partial file only from its end, and only the same
 * file (RFC 9110 §14.4, §13.1.5): anything else would splice two files. */
static gboolean
accept_partial (DavDownload *self,
                DavResult   *result)
{
  const char *etag = soup_message_headers_get_one (result->headers, "ETag");
  goffset start, end, total;

  if (self->offset == 0)
    return refuse_body (self, g_strdup (_("The server sent part of the file (206 Partial Content) when all of it was asked for; nothing was saved.")));

  if (!soup_message_headers_get_content_range (result->headers, &start, &end, &total))
    return refuse_body (self, g_strdup (_("The server sent part of the file without a Content-Range saying which part; it was not added to the partial download, which was discarded. Try again to download the whole file.")));

  if (start != self->offset)
    /* Translators: both are byte offsets in the file. */
    return refuse_body (self, g_strdup_printf (_("The server continued the download at byte %lu, not at byte %lu where the partial download ended; nothing was added, and the partial download was discarded. Try again to download the whole file."),
                                               (unsigned long) start, (unsigned long) self->offset));

  if (etag != NULL && self->validator != NULL && self->validator[0] == '"' && !g_str_equal (etag, self->validator))
    return refuse_body (self, g_strdup (_("The server sent the rest of a different version of the file; nothing was added, and the partial download was discarded. Try again to download the whole file.")));

  self->resumed_from = self->offset;
  return TRUE;
}

static gboolean
accept_body (DavResult *result,
             gpointer   user_data)
{
  DavDownload *self = user_data;
  const char *encoding = soup_message_headers_get_one (result->headers, "Content-Encoding");
  gboolean identity = encoding == NULL || g_ascii_strcasecmp (encoding, "identity") == 0;

  if (result->status == 206)
    {
      if (!accept_partial (self, result))
        return FALSE;
    }
  else
    {
      g_autoptr(GError) error = NULL;

      /* Range ignored, or the file changed (If-Range): the whole file
       * comes, and replaces what the partial file held. */
      if (self->offset > 0 &&
          (!g_seekable_truncate (G_SEEKABLE (self->stream), 0, NULL, &error) ||
           !g_seekable_seek (G_SEEKABLE (self->stream), 0, G_SEEK_SET, NULL, &error)))
        {
          g_clear_error (&self->run.problem);
          self->run.problem = g_steal_pointer (&error);
          return FALSE;
        }
      self->offset = 0;
      self->resumed_from = 0;
      g_free (self->validator);
      self->validator = worth_resuming (result->headers) ? strong_validator (result->headers) : NULL;
      save_validator (self);
    }

  /* A digest of encoded bytes is not one of the file's. */
  g_clear_pointer (&self->run.checksum, dav_checksum_free);
  if (identity)
    self->run.checksum = dav_checksum_from_headers (result->headers, result->status == 200);

  return TRUE;
}

static void
on_progress (goffset  done,
             goffset  total,
             gpointer user_data)
{
  DavDownload *self = user_data;

  if (self->run.progress != NULL)
    self->run.progress (self->offset + done, total >= 0 ? self->offset + total : -1, self->run.progress_data);
}

/* ---- the end ------------------------------------------------------------ */

static void
save (DavDownload *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_io_stream_close (G_IO_STREAM (self->stream), NULL, &error))
    {
      discard_partial (self);
      self->run.problem = g_steal_pointer (&error);
      return;
    }
  g_clear_object (&self->stream);

  g_file_delete (self->state, NULL, NULL);
  if (dav_local_file_commit (self->part, self->run.file, self->run.overwrite, &error))
    self->saved = TRUE;
  else
    self->run.problem = g_steal_pointer (&error);
}

static void
on_hashed (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  DavDownload *self = user_data;
  g_autofree char *hex = NULL;
  GError *error = NULL;

  hex = dav_checksum_compute_file_finish (res, &error);
  if (hex != NULL && dav_checksum_check (self->run.checksum, hex, &error))
    {
      self->run.verified = TRUE;
      save (self);
    }
  else
    {
      discard_partial (self);
      self->run.problem = error;
    }

  end_with_result (self);
}

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  DavDownload *self = user_data;
  g_autoptr(DavResult) result = NULL;
  GError *error = NULL;

  result = dav_transfer_run_finish_request (&self->run, source, res, dav_download_run_async, &error);
  if (result == NULL)
    {
      /* Cut off: what arrived is kept for the next try, if it can be
       * continued at all. */
      if (self->validator == NULL ||
          (g_seekable_tell (G_SEEKABLE (self->stream)) == 0 && self->offset == 0))
        discard_partial (self);
      else
        {
          g_io_stream_close (G_IO_STREAM (self->stream), NULL, NULL);
          g_clear_object (&self->stream);
        }
      end_with_error (self, error);
      return;
    }

  /* 416: the partial file is not a part of the file as it is now
   * (RFC 9110 §15.5.17); once more, the whole of it. */
  if (result->status == 416 && self->offset > 0 && !self->restarted)
    {
      self->restarted = TRUE;
      discard_partial (self);
      self->offset = 0;
      g_clear_pointer (&self->validator, g_free);
      self->stream = g_file_create_readwrite (self->part, G_FILE_CREATE_PRIVATE, NULL, &error);
      if (self->stream != NULL)
        {
          send_request (self);
          return;
        }
      self->run.problem = error;
    }

  self->run.result = dav_result_ref (result);
  if (self->run.problem == NULL && SOUP_STATUS_IS_SUCCESSFUL (result->status) &&
      result->status != 207 && result->complete)
    {
      if (self->run.checksum == NULL)
        save (self);
      else
        {
          /* The file's bytes are on the disk now, a resumed file's too. */
          g_output_stream_flush (g_io_stream_get_output_stream (G_IO_STREAM (self->stream)), NULL, NULL);
          dav_checksum_compute_file_async (self->run.checksum->type, self->part,
                                           dav_transfer_run_get_cancellable (&self->run), on_hashed, self);
          return;
        }
    }
  else if (self->stream != NULL)
    discard_partial (self);

  end_with_result (self);
}

static void
send_request (DavDownload *self)
{
  DavRequest *req = dav_request_new (self->run.client, "GET", self->run.url);

  if (self->offset > 0)
    {
      g_autofree char *range = g_strdup_printf ("bytes=%" G_GOFFSET_FORMAT "-", self->offset);

      dav_request_set_header (req, "Range", range);
      dav_request_set_header (req, "If-Range", self->validator);
    }
  /* RFC 9530 §4: a checksum to verify the file with, where the server
   * can give one. */
  dav_request_set_header (req, "Want-Repr-Digest", "sha-256=10, sha-512=9");
  req->sink = g_object_ref (g_io_stream_get_output_stream (G_IO_STREAM (self->stream)));
  req->progress = on_progress;
  req->progress_data = self;
  req->accept_body = accept_body;
  req->accept_data = self;

  dav_request_start (req, dav_download_run_async, dav_transfer_run_get_cancellable (&self->run), on_done, self);
}

/* ---- public ------------------------------------------------------------- */

gboolean
dav_download_open (DavDownload  *self,
                   GError      **error)
{
  g_return_val_if_fail (DAV_IS_DOWNLOAD (self), FALSE);
  g_return_val_if_fail (self->stream == NULL && self->part == NULL, FALSE);

  if (!name_files (self, error) || !claim_part (self, error))
    return FALSE;
  if (!open_partial (self, error))
    {
      release_part (self);
      return FALSE;
    }
  return TRUE;
}

void
dav_download_run_async (DavDownload         *self,
                        DavProgressFunc      progress,
                        gpointer             progress_data,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GError *error = NULL;

  g_return_if_fail (DAV_IS_DOWNLOAD (self));

  dav_transfer_run_start (&self->run, self, dav_download_run_async, progress, progress_data,
                          cancellable, callback, user_data);
  if (self->stream == NULL && !dav_download_open (self, &error))
    {
      end_with_error (self, error);
      return;
    }

  send_request (self);
}

DavResult *
dav_download_run_finish (DavDownload   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (DAV_IS_DOWNLOAD (self), NULL);

  return dav_transfer_run_finish (self, result, error);
}

gboolean
dav_download_is_saved (DavDownload *self)
{
  g_return_val_if_fail (DAV_IS_DOWNLOAD (self), FALSE);

  return self->saved;
}

const GError *
dav_download_get_problem (DavDownload *self)
{
  g_return_val_if_fail (DAV_IS_DOWNLOAD (self), NULL);

  return self->run.problem;
}

goffset
dav_download_get_resumed_from (DavDownload *self)
{
  g_return_val_if_fail (DAV_IS_DOWNLOAD (self), 0);

  return self->resumed_from;
}

const DavChecksum *
dav_download_get_verified (DavDownload *self)
{
  g_return_val_if_fail (DAV_IS_DOWNLOAD (self), NULL);

  return self->run.verified ? self->run.checksum : NULL;
}

GTlsCertificate *
dav_download_get_rejected_certificate (DavDownload          *self,
                                       GTlsCertificateFlags *errors)
{
  g_return_val_if_fail (DAV_IS_DOWNLOAD (self), NULL);

  return dav_transfer_run_get_rejected (&self->run, errors);
}

char *
dav_download_describe (DavDownload *self,
                       const char  *shown_target)
{
  GString *text;

  g_return_val_if_fail (DAV_IS_DOWNLOAD (self), NULL);

  text = g_string_new (NULL);
  g_string_append_printf (text, _("Saved as “%s”."), shown_target);
  if (self->resumed_from > 0)
    {
      g_autofree char *size = g_format_size (self->resumed_from);

      g_string_append_c (text, ' ');
      /* Translators: %s is a size, "1.2 MB". */
      g_string_append_printf (text, _("Continued after the first %s, which an earlier try had fetched."), size);
    }
  if (self->run.verified)
    {
      g_autofree char *match = dav_checksum_describe_match (self->run.checksum);

      g_string_append_printf (text, " %s", match);
    }

  return g_string_free (text, FALSE);
}

static void
dav_download_finalize (GObject *object)
{
  DavDownload *self = (DavDownload *) object;

  release_part (self);
  g_clear_object (&self->part);
  g_clear_object (&self->state);
  g_clear_object (&self->stream);
  g_free (self->validator);
  dav_transfer_run_clear (&self->run);

  G_OBJECT_CLASS (dav_download_parent_class)->finalize (object);
}

static void
dav_download_class_init (DavDownloadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dav_download_finalize;
}

static void
dav_download_init (DavDownload *self)
{
}

DavDownload *
dav_download_new (DavClient  *client,
                  const char *url,
                  GFile      *target,
                  gboolean    overwrite)
{
  DavDownload *self;

  g_return_val_if_fail (DAV_IS_CLIENT (client), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (target), NULL);

  self = g_object_new (DAV_TYPE_DOWNLOAD, NULL);
  dav_transfer_run_init (&self->run, client, url, target, overwrite);

  return self;
}
