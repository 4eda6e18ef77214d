/* test-file-sink.c: DavFileSink, a download's sink that writes a small
 * file in place and a big one through GIO's threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GET writes its body with g_output_stream_write_all_async (). The first
 * 64 KiB must be written in the thread that asks (no hand-over to a worker
 * and back between two small GETs), what follows in GIO's threads (a busy
 * disk must not hold the main loop); every byte in order either way; and
 * closing the sink leaves the file open for the download to commit.
 */

#include <string.h>

#include "dav-file-sink.h"

/* A file's stream stand-in: keeps the bytes, and the threads that wrote. */
#define TEST_TYPE_RECORDING_STREAM (test_recording_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestRecordingStream, test_recording_stream, TEST, RECORDING_STREAM, GOutputStream)

struct _TestRecordingStream
{
  GOutputStream  parent_instance;

  GByteArray    *bytes;
  guint          in_caller;   /* writes in the main thread */
  guint          in_worker;   /* writes in another one */
};

G_DEFINE_FINAL_TYPE (TestRecordingStream, test_recording_stream, G_TYPE_OUTPUT_STREAM)

static GThread *main_thread;

static gssize
test_recording_stream_write (GOutputStream  *stream,
                             const void     *buffer,
                             gsize           count,
                             GCancellable   *cancellable,
                             GError        **error)
{
  TestRecordingStream *self = TEST_RECORDING_STREAM (stream);

  /* At most 8 KiB a call, as a write () may do. */
  count = MIN (count, 8192);
  g_byte_array_append (self->bytes, buffer, count);
  if (g_thread_self () == main_thread)
    self->in_caller++;
  else
    self->in_worker++;
  return count;
}

static void
test_recording_stream_finalize (GObject *object)
{
  g_byte_array_unref (TEST_RECORDING_STREAM (object)->bytes);

  G_OBJECT_CLASS (test_recording_stream_parent_class)->finalize (object);
}

static void
test_recording_stream_class_init (TestRecordingStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_recording_stream_finalize;
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = test_recording_stream_write;
}

static void
test_recording_stream_init (TestRecordingStream *self)
{
  self->bytes = g_byte_array_new ();
}

static void
written_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (res);
}

/* What dav-request.c does with a body's chunk. */
static void
write_all (GOutputStream *sink,
           const guint8  *data,
           gsize          length)
{
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  gsize written = 0;

  g_output_stream_write_all_async (sink, data, length, G_PRIORITY_DEFAULT, NULL, written_cb, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_output_stream_write_all_finish (sink, res, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written, ==, length);
}

static guint8 *
pattern (gsize size)
{
  guint8 *bytes = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    bytes[i] = (guint8) (i * 7 + i / 251);
  return bytes;
}

/* A small file's body, a few KiB: written where it is asked, no thread. */
static void
test_small_in_place (void)
{
  g_autoptr(TestRecordingStream) file = g_object_new (TEST_TYPE_RECORDING_STREAM, NULL);
  g_autoptr(GOutputStream) sink = dav_file_sink_new (G_OUTPUT_STREAM (file));
  g_autofree guint8 *data = pattern (3000);

  g_assert_true (G_IS_POLLABLE_OUTPUT_STREAM (sink));
  g_assert_true (g_pollable_output_stream_can_poll (G_POLLABLE_OUTPUT_STREAM (sink)));
  write_all (sink, data, 3000);
  write_all (sink, data, 1);
  g_assert_cmpuint (file->in_caller, ==, 2);
  g_assert_cmpuint (file->in_worker, ==, 0);
  g_assert_cmpuint (file->bytes->len, ==, 3001);
  g_assert_cmpmem (file->bytes->data, 3000, data, 3000);

  /* Closed, the file is not: the download commits it itself. */
  g_assert_true (g_output_stream_close (sink, NULL, NULL));
  g_assert_false (g_output_stream_is_closed (G_OUTPUT_STREAM (file)));
}

/* Past 64 KiB the writes go to GIO's threads; every byte in order. */
static void
test_big_in_threads (void)
{
  g_autoptr(TestRecordingStream) file = g_object_new (TEST_TYPE_RECORDING_STREAM, NULL);
  g_autoptr(GOutputStream) sink = dav_file_sink_new (G_OUTPUT_STREAM (file));
  gsize size = 1024 * 1024 + 17, chunk = 32 * 1024;
  g_autofree guint8 *data = pattern (size);

  for (gsize at = 0; at < size; at += chunk)
    write_all (sink, data + at, MIN (chunk, size - at));
  g_assert_false (g_pollable_output_stream_can_poll (G_POLLABLE_OUTPUT_STREAM (sink)));
  g_assert_cmpuint (file->bytes->len, ==, size);
  g_assert_cmpmem (file->bytes->data, size, data, size);
  /* 64 KiB in 8 KiB writes in place, the other 960 KiB in threads. */
  g_assert_cmpuint (file->in_caller, ==, 8);
  g_assert_cmpuint (file->in_worker, >=, (size - 64 * 1024) / 8192);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  main_thread = g_thread_self ();

  g_test_add_func ("/file-sink/small-in-place", test_small_in_place);
  g_test_add_func ("/file-sink/big-in-threads", test_big_in_threads);

  return g_test_run ();
}
