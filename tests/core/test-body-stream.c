/* test-body-stream.c: DavBodyStream, a local file's bytes as a request body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup splices a request body 8 KiB at a time; the stream must give the
 * file's bytes exactly, be read without GIO's thread pool (that was the
 * cost of a big PUT), and leave the file open when it is closed, so a
 * request sent again reads the same bytes from the start. It reads the file
 * 64 KiB at a time, not once per splice chunk.
 */

#include <glib/gstdio.h>

#include "dav-body-stream.h"

#define SIZE (300 * 1024 + 17)   /* several splice chunks, and a short last one */

typedef struct {
  char  *path;
  GFile *file;
  GBytes *content;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint8 *bytes = g_malloc (SIZE);
  int fd;

  for (gsize i = 0; i < SIZE; i++)
    bytes[i] = (guint8) (i * 7 + i / 251);
  fixture->content = g_bytes_new_take (bytes, SIZE);
  fd = g_file_open_tmp ("davscope-body-XXXXXX", &fixture->path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (fixture->path, (const char *) bytes, SIZE, &error));
  g_assert_no_error (error);
  fixture->file = g_file_new_for_path (fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unlink (fixture->path);
  g_free (fixture->path);
  g_object_unref (fixture->file);
  g_bytes_unref (fixture->content);
}

static void
spliced_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (res);
}

/* What libsoup does with a body: splice it, closing the source. */
static GBytes *
splice_all (GInputStream *body)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  gssize n;

  g_output_stream_splice_async (out, body,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, spliced_cb, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  n = g_output_stream_splice_finish (out, res, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, SIZE);
  g_assert_true (g_input_stream_is_closed (body));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_splice (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) source = g_file_read (fixture->file, NULL, &error);
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(GBytes) got = NULL;

  g_assert_no_error (error);
  body = dav_body_stream_new (G_INPUT_STREAM (source));

  /* GIO reads a stream asynchronously in a thread unless it can be
   * polled: the file's own stream cannot, this one can, and is always
   * readable. */
  g_assert_false (G_IS_POLLABLE_INPUT_STREAM (source));
  g_assert_true (G_IS_POLLABLE_INPUT_STREAM (body));
  g_assert_true (g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (body)));
  g_assert_true (g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (body)));

  got = splice_all (body);
  g_assert_true (g_bytes_equal (got, fixture->content));
}

/* Closed by libsoup after the first sending, the file is still open: sent
 * again from the start, the same bytes. */
static void
test_send_again (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) source = g_file_read (fixture->file, NULL, &error);
  g_autoptr(GInputStream) first = NULL;
  g_autoptr(GInputStream) again = NULL;
  g_autoptr(GBytes) got = NULL;

  g_assert_no_error (error);
  first = dav_body_stream_new (G_INPUT_STREAM (source));
  got = splice_all (first);
  g_assert_false (g_input_stream_is_closed (G_INPUT_STREAM (source)));

  g_assert_true (g_seekable_seek (G_SEEKABLE (source), 0, G_SEEK_SET, NULL, &error));
  g_assert_no_error (error);
  again = dav_body_stream_new (G_INPUT_STREAM (source));
  g_clear_pointer (&got, g_bytes_unref);
  got = splice_all (again);
  g_assert_true (g_bytes_equal (got, fixture->content));

  /* The splices' last references go in idles of their own. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (&first));
  g_assert_finalize_object (g_steal_pointer (&again));
}

/* A file's stream that counts the reads that reach it. */
#define TEST_TYPE_COUNTING_STREAM (test_counting_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestCountingStream, test_counting_stream, TEST, COUNTING_STREAM, GFilterInputStream)

struct _TestCountingStream
{
  GFilterInputStream parent_instance;

  guint              reads;
};

G_DEFINE_FINAL_TYPE (TestCountingStream, test_counting_stream, G_TYPE_FILTER_INPUT_STREAM)

static gssize
test_counting_stream_read (GInputStream  *stream,
                           void          *buffer,
                           gsize          count,
                           GCancellable  *cancellable,
                           GError       **error)
{
  GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (stream));

  TEST_COUNTING_STREAM (stream)->reads++;
  return g_input_stream_read (base, buffer, count, cancellable, error);
}

static void
test_counting_stream_class_init (TestCountingStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_counting_stream_read;
}

static void
test_counting_stream_init (TestCountingStream *self)
{
}

/* 300 KiB spliced 8 KiB at a time: 38 chunks, but only five 64 KiB reads
 * of the file (and the one that finds its end), plus the first 8 KiB read
 * that shows the file is not a small one. */
static void
test_reads_ahead (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) file = g_file_read (fixture->file, NULL, &error);
  g_autoptr(TestCountingStream) source = NULL;
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(GBytes) got = NULL;

  g_assert_no_error (error);
  source = g_object_new (TEST_TYPE_COUNTING_STREAM, "base-stream", file, NULL);
  body = dav_body_stream_new (G_INPUT_STREAM (source));
  got = splice_all (body);
  g_assert_true (g_bytes_equal (got, fixture->content));
  g_assert_cmpuint (source->reads, <=, 1 + (SIZE - 8192) / (64 * 1024) + 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/body-stream/splice", Fixture, NULL, fixture_set_up, test_splice, fixture_tear_down);
  g_test_add ("/body-stream/reads-ahead", Fixture, NULL, fixture_set_up, test_reads_ahead, fixture_tear_down);
  g_test_add ("/body-stream/send-again", Fixture, NULL, fixture_set_up, test_send_again, fixture_tear_down);

  return g_test_run ();
}
