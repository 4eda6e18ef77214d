/* test-faults-sink.c: a GET's body on its way to the disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The body of a download goes to its file in big blocks, read while the
 * previous block is written (issue 16: a 1 GiB GET was 2.5x curl when
 * every 32 KiB read waited for its own write in GIO's worker thread). A
 * sink stream of the test's own counts the writes and notes whether a
 * read came in while one was under way; a download cut off mid-block
 * keeps every byte it read, and its resume gives the file byte for
 * byte; so does one cancelled before a stalled block went to disk by
 * itself; a disk that fails ends the request with the disk's error.
 */

#include <string.h>

#include <glib/gstdio.h>

#include "dav-download.h"

#include "faults.h"

#define BODY_SIZE  (8 * 1024 * 1024)
#define BIG_WRITE  (256 * 1024)
/* Mid-block, not on a boundary of anything. */
#define DROP_AT    (1536 * 1024 + 12345)

/* Made in main(), before any server thread reads it. */
static char *the_body;

static const char *
body (void)
{
  return the_body;
}

static void
make_body (void)
{
  the_body = g_malloc (BODY_SIZE);
  for (guint i = 0; i < BODY_SIZE; i++)
    the_body[i] = (char) ((i * 7 + i / 251) & 0xff);
}

/* ---- a sink that counts ------------------------------------------------- */

#define TEST_TYPE_SINK (test_sink_get_type ())
G_DECLARE_FINAL_TYPE (TestSink, test_sink, TEST, SINK, GOutputStream)

struct _TestSink
{
  GOutputStream  parent_instance;

  GMutex         lock;
  GByteArray    *data;        /* under lock */
  guint          n_writes;    /* under lock */
  gsize          big_bytes;   /* under lock: bytes in writes of BIG_WRITE or more */
  gint           in_write;    /* atomic */
  gsize          fail_after;  /* a full disk after this many bytes, or 0 */
};

G_DEFINE_FINAL_TYPE (TestSink, test_sink, G_TYPE_OUTPUT_STREAM)

/* Runs in GIO's worker thread (the stream is not pollable), slowly, as a
 * disk may: a read that lands meanwhile shows that the two overlap. */
static gssize
test_sink_write_fn (GOutputStream  *stream,
                    const void     *buffer,
                    gsize           count,
                    GCancellable   *cancellable,
                    GError        **error)
{
  TestSink *self = TEST_SINK (stream);
  gssize written = (gssize) count;

  g_atomic_int_set (&self->in_write, 1);
  g_usleep (10 * 1000);
  g_mutex_lock (&self->lock);
  if (self->fail_after > 0 && self->data->len + count > self->fail_after)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on device");
      written = -1;
    }
  else
    {
      g_byte_array_append (self->data, buffer, (guint) count);
      self->n_writes++;
      if (count >= BIG_WRITE)
        self->big_bytes += count;
    }
  g_mutex_unlock (&self->lock);
  g_atomic_int_set (&self->in_write, 0);

  return written;
}

static void
test_sink_finalize (GObject *object)
{
  TestSink *self = TEST_SINK (object);

  g_byte_array_unref (self->data);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (test_sink_parent_class)->finalize (object);
}

static void
test_sink_class_init (TestSinkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_sink_finalize;
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = test_sink_write_fn;
}

static void
test_sink_init (TestSink *self)
{
  g_mutex_init (&self->lock);
  self->data = g_byte_array_new ();
}

/* ---- servers ------------------------------------------------------------ */

/* The whole body announced with a strong validator, its first @sent
 * bytes sent. */
static void
write_body_start (GOutputStream *out,
                  gsize          sent)
{
  g_autofree char *headers = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Length: %d\r\nETag: \"v1\"\r\n\r\n", BODY_SIZE);

  write_text (out, headers);
  write_all (out, body (), sent);
  g_output_stream_flush (out, NULL, NULL);
}

/* The whole body, with a strong validator. */
static gboolean
whole_func (Raw           *raw,
            GOutputStream *out,
            guint          index,
            const char    *head)
{
  write_body_start (out, BODY_SIZE);
  return TRUE;
}

/* 0: the whole body announced, DROP_AT bytes sent, the connection closed.
 * 1: the rest, from where Range says, if If-Range holds. */
static gboolean
drop_func (Raw           *raw,
           GOutputStream *out,
           guint          index,
           const char    *head)
{
  if (index == 0)
    {
      write_body_start (out, DROP_AT);
      return FALSE;
    }

  write_resumed (out, head, body (), BODY_SIZE);
  return FALSE;
}

/* The whole body announced, DROP_AT bytes sent, then nothing more. */
static gboolean
stall_func (Raw           *raw,
            GOutputStream *out,
            guint          index,
            const char    *head)
{
  write_body_start (out, DROP_AT);
  raw_hold (raw);
  return FALSE;
}

/* ---- tests -------------------------------------------------------------- */

typedef struct {
  TestSink *sink;
  guint     n_reads;
  guint     overlapped;  /* reads that came in during a write */
} Watch;

static void
on_progress (goffset  done,
             goffset  total,
             gpointer user_data)
{
  Watch *watch = user_data;

  watch->n_reads++;
  if (g_atomic_int_get (&watch->sink->in_write))
    watch->overlapped++;
}

static void
test_big_blocks_overlapped (void)
{
  g_autoptr(Raw) raw = raw_new (whole_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(TestSink) sink = g_object_new (TEST_TYPE_SINK, NULL);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (raw->dav_url, "big.bin", NULL);
  Watch watch = { sink, 0, 0 };

  dav_client_get_async (client, url, G_OUTPUT_STREAM (sink), on_progress, &watch, NULL, store_result_cb, &res);
  wait_for (&res);
  result = dav_client_get_finish (client, res, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 200);
  g_assert_true (result->complete);

  g_assert_cmpmem (sink->data->data, sink->data->len, body (), BODY_SIZE);
  g_test_message ("%u reads, %u writes, %u reads during a write", watch.n_reads, sink->n_writes, watch.overlapped);
  /* A write per block, not per read: most bytes went in big writes (a
   * stalled block may go smaller). */
  g_assert_cmpuint (sink->big_bytes, >=, BODY_SIZE / 4 * 3);
  /* The network was read while the disk was written. */
  g_assert_cmpuint (watch.overlapped, >, 0);
}

static goffset
file_size (GFile *dir,
           const char *suffix)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                                   0, NULL, NULL);
  GFileInfo *info;
  goffset size = -1;

  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      if (g_str_has_suffix (g_file_info_get_name (info), suffix))
        size = g_file_info_get_size (info);
      g_object_unref (info);
    }
  return size;
}

static void
test_drop_mid_block_resume (void)
{
  g_autoptr(Raw) raw = raw_new (drop_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavDownload) first = NULL;
  g_autoptr(DavDownload) second = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *local = g_dir_make_tmp ("davscope-sink-XXXXXX", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (local);
  g_autoptr(GFile) target = g_file_get_child (dir, "big.bin");
  g_autofree char *url = g_strconcat (raw->dav_url, "big.bin", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  first = dav_download_new (client, url, target, FALSE);
  dav_download_run_async (first, NULL, NULL, NULL, store_result_cb, &res);
  wait_for (&res);
  result = dav_download_run_finish (first, res, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_assert_false (dav_download_is_saved (first));
  /* Everything that came is on the disk, though no block was full. */
  g_assert_cmpint (file_size (dir, ".part"), ==, DROP_AT);
  g_assert_false (g_file_query_exists (target, NULL));
  g_clear_error (&error);
  g_clear_object (&res);

  second = dav_download_new (client, url, target, FALSE);
  dav_download_run_async (second, NULL, NULL, NULL, store_result_cb, &res);
  wait_for (&res);
  result = dav_download_run_finish (second, res, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 206);
  g_assert_true (dav_download_is_saved (second));
  g_assert_cmpint (dav_download_get_resumed_from (second), ==, DROP_AT);
  g_assert_true (g_file_load_contents (target, NULL, &contents, &length, NULL, NULL));
  g_assert_cmpmem (contents, length, body (), BODY_SIZE);
  g_assert_cmpint (file_size (dir, ".part"), ==, -1);
  g_assert_cmpint (g_atomic_int_get (&raw->n_requests), ==, 2);

  g_file_delete (target, NULL, NULL);
  g_rmdir (local);
}

/* Cancel as soon as the progress shows all that will come: sooner than
 * a stalled block is written by itself. */
static void
cancel_at_drop (goffset  done,
                goffset  total,
                gpointer user_data)
{
  if (done >= DROP_AT)
    g_cancellable_cancel (user_data);
}

static void
test_cancel_writes_what_came (void)
{
  g_autoptr(Raw) raw = raw_new (stall_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavDownload) download = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *local = g_dir_make_tmp ("davscope-sink-XXXXXX", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (local);
  g_autoptr(GFile) target = g_file_get_child (dir, "big.bin");
  g_autofree char *url = g_strconcat (raw->dav_url, "big.bin", NULL);
  g_autoptr(GFile) part = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  download = dav_download_new (client, url, target, FALSE);
  dav_download_run_async (download, cancel_at_drop, cancellable, cancellable, store_result_cb, &res);
  wait_for (&res);
  result = dav_download_run_finish (download, res, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (dav_download_is_saved (download));

  /* Every byte read is in the partial file, in order: what a resume
   * continues from. */
  g_assert_cmpint (file_size (dir, ".part"), ==, DROP_AT);
  {
    g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
    GFileInfo *info;

    while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

        if (g_str_has_suffix (g_file_info_get_name (info), ".part"))
          g_set_object (&part, child);
        else
          g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
  }
  g_assert_nonnull (part);
  g_assert_true (g_file_load_contents (part, NULL, &contents, &length, NULL, NULL));
  g_assert_cmpmem (contents, length, body (), DROP_AT);

  g_file_delete (part, NULL, NULL);
  g_rmdir (local);
}

static void
test_disk_full (void)
{
  g_autoptr(Raw) raw = raw_new (whole_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(TestSink) sink = g_object_new (TEST_TYPE_SINK, NULL);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (raw->dav_url, "big.bin", NULL);

  sink->fail_after = 3 * 1024 * 1024;
  dav_client_get_async (client, url, G_OUTPUT_STREAM (sink), NULL, NULL, NULL, store_result_cb, &res);
  wait_for (&res);
  result = dav_client_get_finish (client, res, &error);
  /* The disk's error, never a finished download. */
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (sink->data->len, <=, 3 * 1024 * 1024);
  g_assert_cmpmem (sink->data->data, sink->data->len, body (), sink->data->len);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  faults_init (&argc, &argv);
  make_body ();

  g_test_add_func ("/faults/sink/big-blocks-overlapped", test_big_blocks_overlapped);
  g_test_add_func ("/faults/sink/drop-mid-block-resume", test_drop_mid_block_resume);
  g_test_add_func ("/faults/sink/cancel-writes-what-came", test_cancel_writes_what_came);
  g_test_add_func ("/faults/sink/disk-full", test_disk_full);

  status = g_test_run ();
  g_free (the_body);
  return status;
}
