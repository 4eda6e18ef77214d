/* test-faults-transfer.c: downloads that survive the network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavBatch's downloads (DavDownload) against a raw server: a download
 * cancelled half-way keeps its partial file, and the retry of its report
 * item continues it with Range and If-Range; a download whose checksum
 * (Repr-Digest) does not match is a failed item, not a finished one
 * (issue 16), as is an upload whose stored file hashes to something
 * else than the local file. The CLI's cases, more of them, are in test-cli-transfer.py.
 */

#include <string.h>

#include <glib/gstdio.h>

#include "dav-download.h"

#include "faults.h"

#define BODY_SIZE 100000
#define CANCEL_AT 30000

static char *
make_body (void)
{
  char *body = g_malloc (BODY_SIZE);

  for (guint i = 0; i < BODY_SIZE; i++)
    body[i] = (char) ((i * 7 + i / 251) & 0xff);
  return body;
}

/* 0: the whole file, but only CANCEL_AT bytes of it, then nothing more.
 * 1: the rest, from where the Range header says, if If-Range holds. */
static gboolean
resume_func (Raw           *raw,
             GOutputStream *out,
             guint          index,
             const char    *head)
{
  g_autofree char *body = make_body ();
  g_autofree char *headers = NULL;

  if (index == 0)
    {
      headers = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Length: %d\r\nETag: \"v1\"\r\n\r\n", BODY_SIZE);
      write_text (out, headers);
      write_all (out, body, CANCEL_AT);
      raw_hold (raw);
      return FALSE;
    }

  write_resumed (out, head, body, BODY_SIZE);
  return FALSE;
}

typedef struct {
  GCancellable *cancellable;
  GFile        *dir;
  guint         poll;
} Cancel;

static goffset
partial_size (GFile *dir)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                                   0, NULL, NULL);
  GFileInfo *info;
  goffset size = -1;

  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      if (g_str_has_suffix (g_file_info_get_name (info), ".part"))
        size = g_file_info_get_size (info);
      g_object_unref (info);
    }
  return size;
}

/* The person presses Cancel once what came is on the disk. */
static gboolean
cancel_when_written (gpointer data)
{
  Cancel *cancel = data;

  if (partial_size (cancel->dir) < CANCEL_AT)
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (cancel->cancellable);
  cancel->poll = 0;
  return G_SOURCE_REMOVE;
}

static void
cancel_half_way (DavBatch *batch,
                 guint64   done,
                 gint64    total,
                 Cancel   *cancel)
{
  if (done >= CANCEL_AT && cancel->poll == 0 && !g_cancellable_is_cancelled (cancel->cancellable))
    cancel->poll = g_timeout_add (10, cancel_when_written, cancel);
}

static guint
count_partial (GFile *dir)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
  GFileInfo *info;
  guint n = 0;

  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      n += g_str_has_prefix (g_file_info_get_name (info), ".davscope-");
      g_object_unref (info);
    }
  return n;
}

static void
test_cancel_then_retry (void)
{
  g_autoptr(Raw) raw = raw_new (resume_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
  g_autoptr(DavBatch) again = dav_batch_new (client, 2);
  g_autoptr(DavReport) report = NULL;
  g_autoptr(DavReport) retried = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *local = g_dir_make_tmp ("davscope-transfer-XXXXXX", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (local);
  g_autoptr(GFile) target = g_file_get_child (dir, "f.bin");
  g_autofree char *url = g_strconcat (raw->dav_url, "f.bin", NULL);
  g_autofree char *expected = make_body ();
  g_autofree char *contents = NULL;
  Cancel cancel = { cancellable, dir, 0 };
  const DavReportItem *item;
  gsize length = 0;

  g_assert_true (dav_batch_add_download (batch, url, target, FALSE, &error));
  g_signal_connect (batch, "progress", G_CALLBACK (cancel_half_way), &cancel);
  dav_batch_run_async (batch, cancellable, store_result_cb, &res);
  wait_for (&res);
  report = dav_batch_run_finish (batch, res);

  item = g_ptr_array_index (report->items, 0);
  g_assert_false (item->ok);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_UNKNOWN);
  g_assert_false (g_file_query_exists (target, NULL));
  /* The partial file and its state are kept for the retry. */
  g_assert_cmpuint (count_partial (dir), ==, 2);
  g_assert_cmpint (partial_size (dir), ==, CANCEL_AT);

  /* Retry, as the report window does it. */
  g_assert_true (dav_batch_add_again (again, item, FALSE, &error));
  g_assert_no_error (error);
  retried = run_batch (again);
  item = g_ptr_array_index (retried->items, 0);
  g_assert_true (item->ok);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_DONE);
  g_assert_cmpuint (item->status, ==, 206);
  g_assert_nonnull (strstr (item->explanation, "Continued after"));
  g_assert_true (g_file_load_contents (target, NULL, &contents, &length, NULL, NULL));
  g_assert_cmpmem (contents, length, expected, BODY_SIZE);
  g_assert_cmpuint (count_partial (dir), ==, 0);
  g_assert_cmpint (g_atomic_int_get (&raw->n_requests), ==, 2);
  g_assert_cmpuint (dav_batch_get_n_targets (again), ==, 1);

  g_file_delete (target, NULL, NULL);
  g_rmdir (local);
}

/* right.bin with its SHA-256, wrong.bin with another file's. */
static gboolean
digest_func (Raw           *raw,
             GOutputStream *out,
             guint          index,
             const char    *head)
{
  g_autofree char *body = make_body ();
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize size = sizeof digest;
  g_autofree char *encoded = NULL;
  g_autofree char *headers = NULL;

  g_checksum_update (checksum, (const guchar *) body, strstr (head, "wrong.bin") != NULL ? BODY_SIZE - 1 : BODY_SIZE);
  g_checksum_get_digest (checksum, digest, &size);
  encoded = g_base64_encode (digest, size);
  headers = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Length: %d\r\nRepr-Digest: sha-256=:%s:\r\n\r\n",
                             BODY_SIZE, encoded);
  write_text (out, headers);
  write_all (out, body, BODY_SIZE);
  return TRUE;
}

static void
test_checksum_mismatch_fails_item (void)
{
  g_autoptr(Raw) raw = raw_new (digest_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *local = g_dir_make_tmp ("davscope-transfer-XXXXXX", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (local);
  g_autoptr(GFile) right = g_file_get_child (dir, "right.bin");
  g_autoptr(GFile) wrong = g_file_get_child (dir, "wrong.bin");
  g_autofree char *right_url = g_strconcat (raw->dav_url, "right.bin", NULL);
  g_autofree char *wrong_url = g_strconcat (raw->dav_url, "wrong.bin", NULL);
  const DavReportItem *item;

  g_assert_true (dav_batch_add_download (batch, right_url, right, FALSE, &error));
  g_assert_true (dav_batch_add_download (batch, wrong_url, wrong, FALSE, &error));
  report = run_batch (batch);

  item = g_ptr_array_index (report->items, 0);
  g_assert_true (item->ok);
  g_assert_nonnull (strstr (item->explanation, "Its SHA-256 matches the one the server gave in Repr-Digest."));
  g_assert_true (g_file_query_exists (right, NULL));

  item = g_ptr_array_index (report->items, 1);
  g_assert_false (item->ok);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
  g_assert_cmpuint (item->status, ==, 200);
  g_assert_nonnull (strstr (item->explanation, "SHA-256 does not match"));
  g_assert_false (g_file_query_exists (wrong, NULL));
  g_assert_false (dav_report_all_ok (report));
  g_assert_cmpuint (count_partial (dir), ==, 0);

  g_file_delete (right, NULL, NULL);
  g_rmdir (local);
}

/* 201, with the SHA-256 of something else than what was sent. */
static gboolean
wrong_stored_func (Raw           *raw,
                   GOutputStream *out,
                   guint          index,
                   const char    *head)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize size = sizeof digest;
  g_autofree char *encoded = NULL;
  g_autofree char *headers = NULL;

  g_checksum_update (checksum, (const guchar *) "not it", -1);
  g_checksum_get_digest (checksum, digest, &size);
  encoded = g_base64_encode (digest, size);
  headers = g_strdup_printf ("HTTP/1.1 201 Created\r\nContent-Length: 0\r\nRepr-Digest: sha-256=:%s:\r\n\r\n", encoded);
  write_text (out, headers);
  return TRUE;
}

static void
test_upload_stored_wrong (void)
{
  g_autoptr(Raw) raw = raw_new (wrong_stored_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *local = g_dir_make_tmp ("davscope-transfer-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (local, "up.txt", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autofree char *url = g_strconcat (raw->dav_url, "up.txt", NULL);
  const DavReportItem *item;

  g_assert_true (g_file_set_contents (path, "the local file\n", -1, NULL));
  g_assert_true (dav_batch_add_upload (batch, source, url, TRUE, &error));
  report = run_batch (batch);

  item = g_ptr_array_index (report->items, 0);
  g_assert_false (item->ok);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
  g_assert_cmpuint (item->status, ==, 201);
  g_assert_nonnull (strstr (item->explanation, "is not the local file"));

  g_unlink (path);
  g_rmdir (local);
}

typedef struct {
  DavBatch     *second;
  GAsyncResult *second_done;
  GCancellable *cancellable;
} Twice;

/* Once the first download is under way, the same target again. */
static void
start_second (DavBatch *batch,
              guint64   done,
              gint64    total,
              Twice    *twice)
{
  if (twice->second == NULL || dav_batch_get_n_targets (twice->second) == 0 || twice->cancellable == NULL)
    return;
  dav_batch_run_async (twice->second, NULL, store_result_cb, &twice->second_done);
  wait_for (&twice->second_done);
  g_cancellable_cancel (twice->cancellable);
  twice->cancellable = NULL;
}

static void
empty_dir (GFile *dir)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
  GFileInfo *info;

  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

      g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
}

static void
test_same_target_twice (void)
{
  g_autoptr(Raw) raw = raw_new (resume_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavBatch) first = dav_batch_new (client, 2);
  g_autoptr(DavBatch) second = dav_batch_new (client, 2);
  g_autoptr(DavReport) report = NULL;
  g_autoptr(DavReport) second_report = NULL;
  g_autoptr(DavDownload) later = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *local = g_dir_make_tmp ("davscope-transfer-XXXXXX", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (local);
  g_autoptr(GFile) target = g_file_get_child (dir, "f.bin");
  g_autofree char *url = g_strconcat (raw->dav_url, "f.bin", NULL);
  Twice twice = { second, NULL, cancellable };
  const DavReportItem *item;

  g_assert_true (dav_batch_add_download (first, url, target, FALSE, &error));
  g_assert_true (dav_batch_add_download (second, url, target, FALSE, &error));
  g_signal_connect (first, "progress", G_CALLBACK (start_second), &twice);
  dav_batch_run_async (first, cancellable, store_result_cb, &res);
  wait_for (&res);
  report = dav_batch_run_finish (first, res);

  /* The second never touched the partial file the first was writing. */
  g_assert_nonnull (twice.second_done);
  second_report = dav_batch_run_finish (second, twice.second_done);
  g_clear_object (&twice.second_done);
  item = g_ptr_array_index (second_report->items, 0);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_NOT_ATTEMPTED);
  g_assert_nonnull (strstr (item->error, "is being downloaded already"));
  g_assert_cmpint (g_atomic_int_get (&raw->n_requests), ==, 1);

  /* Once the first ended, the target is free again. */
  later = dav_download_new (client, url, target, FALSE);
  g_assert_true (dav_download_open (later, &error));
  g_assert_no_error (error);
  g_clear_object (&later);

  empty_dir (dir);
  g_rmdir (local);
}

int
main (int   argc,
      char *argv[])
{
  faults_init (&argc, &argv);

  g_test_add_func ("/faults/transfer/cancel-then-retry", test_cancel_then_retry);
  g_test_add_func ("/faults/transfer/checksum-mismatch", test_checksum_mismatch_fails_item);
  g_test_add_func ("/faults/transfer/upload-stored-wrong", test_upload_stored_wrong);
  g_test_add_func ("/faults/transfer/same-target-twice", test_same_target_twice);

  return g_test_run ();
}
