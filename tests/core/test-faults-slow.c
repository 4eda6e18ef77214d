/* test-faults-slow.c: answers that trickle, never end, or never come
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavClient against a raw socket server that is slow on purpose
 * (docs/hostile-servers.md cases 5 and 28-31): a body one byte at a
 * time, an endless 207, endless 102 Processing, silence after the
 * request, a gzip bomb, and an OPTIONS body announced and never sent.
 * The client's limits, deadlines and Cancel end each one promptly. And a
 * listing that stalls after its first entries shows them meanwhile.
 */

#include <string.h>

#include "dav-resource-store.h"
#include "faults.h"

static gboolean
trickle_func (Raw           *raw,
              GOutputStream *out,
              guint          index,
              const char    *head)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  write_text (out, "HTTP/1.1 207 Multi-Status\r\n"
                   "Content-Type: application/xml; charset=utf-8\r\n"
                   "Content-Length: 1000000\r\n\r\n" XML_HEAD);
  /* One byte every 50 ms, well inside any per-read timeout. */
  while (!raw_stopping (raw) && g_get_monotonic_time () < deadline)
    {
      if (!g_output_stream_write_all (out, " ", 1, NULL, NULL, NULL) ||
          !g_output_stream_flush (out, NULL, NULL))
        break;
      g_usleep (50 * 1000);
    }

  return FALSE;
}

static gboolean
cancel_cb (gpointer user_data)
{
  GCancellable *cancellable = user_data;
  gint64 *cancelled_at = g_object_get_data (G_OBJECT (cancellable), "at");

  *cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);

  return G_SOURCE_REMOVE;
}

/* docs/hostile-servers.md case 28: a server trickling bytes never trips
 * libsoup's per-read timeout; the client's own minimum speed and deadline
 * do. */
static void
run_slow (guint deadline,
          guint min_bytes,
          guint window)
{
  g_autoptr(Raw) raw = raw_new (trickle_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *res = NULL;
  gint64 start = g_get_monotonic_time ();

  dav_client_set_speed_limits (client, deadline, min_bytes, window);
  {
    g_autoptr(DavPropfind) propfind = dav_propfind_new (DAV_DEPTH_1, DAV_PROPFIND_ALLPROP, NULL);

    dav_client_propfind_async (client, raw->dav_url, propfind, NULL, store_result_cb, &res);
  }
  wait_for (&res);
  result = dav_client_propfind_finish (client, res, &error);
  g_clear_object (&res);

  g_assert_null (result);
  g_assert_error (error, DAV_ERROR, DAV_ERROR_TIMEOUT);
  /* Before the 15 s the server would trickle for (the limits stop it
   * after 2-4 s; the margin is for valgrind on a busy machine, where 6 s
   * was once missed by 14 ms). */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 12 * G_USEC_PER_SEC);

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_slow_min_speed (void)
{
  /* 20 bytes a second against at least 100 in every 2 seconds. */
  run_slow (0, 100, 2);
}

static void
test_slow_deadline (void)
{
  run_slow (2, 0, 0);
}

static void
test_cancel_trickle (void)
{
  g_autoptr(Raw) raw = raw_new (trickle_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *res = NULL;
  gint64 cancelled_at = 0;
  gint64 elapsed;

  g_object_set_data (G_OBJECT (cancellable), "at", &cancelled_at);
  {
    g_autoptr(DavPropfind) propfind = dav_propfind_new (DAV_DEPTH_1, DAV_PROPFIND_ALLPROP, NULL);

    dav_client_propfind_async (client, raw->dav_url, propfind, cancellable, store_result_cb, &res);
  }
  g_timeout_add (500, cancel_cb, cancellable);
  wait_for (&res);
  elapsed = g_get_monotonic_time () - cancelled_at;
  result = dav_client_propfind_finish (client, res, &error);
  g_clear_object (&res);

  g_assert_cmpint (cancelled_at, >, 0);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Promptly: not after the next byte or a timeout. */
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* Chunked, a hundred whole responses per chunk, for ever: until the
 * client goes away (sws "stream"). */
static gboolean
endless_chunked_func (Raw           *raw,
                      GOutputStream *out,
                      guint          index,
                      const char    *head)
{
  g_autofree char *first = g_strdup_printf ("%zx\r\n%s\r\n", strlen (XML_HEAD), XML_HEAD);
  guint64 n = 0;

  if (!write_str (out, "HTTP/1.1 207 Multi-Status\r\n"
                       "Content-Type: application/xml; charset=utf-8\r\n"
                       "Transfer-Encoding: chunked\r\n\r\n") ||
      !write_all (out, first, strlen (first)))
    return FALSE;

  while (!raw_stopping (raw))
    {
      g_autoptr(GString) chunk = g_string_new (NULL);
      g_autofree char *framed = NULL;

      for (guint i = 0; i < 100; i++, n++)
        {
          g_autofree char *href = g_strdup_printf ("/dav/endless-%" G_GUINT64_FORMAT ".txt", n);
          g_autofree char *response = response_xml (href);

          g_string_append (chunk, response);
        }
      framed = g_strdup_printf ("%zx\r\n%s\r\n", chunk->len, chunk->str);
      if (!write_all (out, framed, strlen (framed)))
        break;
    }

  return FALSE;
}

/* A DavResponseFunc for do_propfind_full(): the listing is streamed the
 * way the browser lists a folder, responses handed over and not kept, so
 * memory stays flat; this only counts them. */
static void
count_cb (DavResponse *response,
          gpointer     user_data)
{
  guint *count = user_data;

  (*count)++;
}

static const char *
problem_message (const DavMultistatus *body,
                 DavProblemKind        kind)
{
  for (guint i = 0; body != NULL && i < body->problems->len; i++)
    {
      const DavProblem *problem = g_ptr_array_index (body->problems, i);

      if (problem->kind == kind)
        return problem->message;
    }

  return NULL;
}

/* docs/hostile-servers.md case 29: an endless 207 stops at the byte cap,
 * with an error, and is never a listing. */
static void
test_endless_chunked_body (void)
{
  g_autoptr(Raw) raw = raw_new (endless_chunked_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DavParserLimits limits;
  const char *limit;
  gint64 start = g_get_monotonic_time ();
  guint count = 0;

  dav_parser_limits_init_default (&limits);
  /* The default is 1 GiB; a smaller cap keeps the test quick, also
   * under AddressSanitizer. */
  g_assert_cmpuint (limits.max_body_bytes, ==, G_GUINT64_CONSTANT (1) << 30);
  limits.max_body_bytes = 256 * 1024;
  dav_client_set_parser_limits (client, &limits);

  result = do_propfind_full (client, raw->dav_url, DAV_DEPTH_1, DAV_PROPFIND_ALLPROP, NULL,
                             count_cb, &count, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->status, ==, 207);
  assert_not_complete_listing (result);
  limit = problem_message (result->body, DAV_PROBLEM_LIMIT);
  g_test_message ("endless chunked body: %u responses, then: %s", count, limit);
  g_assert_true (limit != NULL && strstr (limit, "larger than the limit") != NULL);
  /* About 256 KiB of responses of some 200 bytes each, and no more. */
  g_assert_cmpuint (count, >, 500);
  g_assert_cmpuint (count, <, 256 * 1024 / 150);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 15 * G_USEC_PER_SEC);

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* docs/hostile-servers.md case 5: a listing with more entries than the cap
 * stops at it, says the listing is too large, and is not complete, so bulk
 * actions are not offered on it. */
static void
test_listing_too_large (void)
{
  g_autoptr(Raw) raw = raw_new (endless_chunked_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DavParserLimits limits;
  const char *limit;
  guint count = 0;

  dav_parser_limits_init_default (&limits);
  /* A folder of a million members, and its own response. */
  g_assert_cmpuint (limits.max_responses, ==, 1000001);
  limits.max_responses = 1000;
  dav_client_set_parser_limits (client, &limits);

  result = do_propfind_full (client, raw->dav_url, DAV_DEPTH_1, DAV_PROPFIND_ALLPROP, NULL,
                             count_cb, &count, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  assert_not_complete_listing (result);
  limit = problem_message (result->body, DAV_PROBLEM_LIMIT);
  g_test_message ("endless listing: %s", limit);
  g_assert_true (limit != NULL && strstr (limit, "more resources than the limit") != NULL);
  g_assert_cmpuint (count, ==, 1000);
  g_assert_cmpuint (result->body->n_responses, ==, 1000);
  g_assert_cmpuint (result->body->responses->len, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* 102 Processing, every 20 ms, for ever; never a final answer. */
static gboolean
endless_processing_func (Raw           *raw,
                         GOutputStream *out,
                         guint          index,
                         const char    *head)
{
  const char *interim = "HTTP/1.1 102 Processing\r\n\r\n";
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!raw_stopping (raw) && g_get_monotonic_time () < deadline)
    {
      if (!write_all (out, interim, strlen (interim)))
        break;
      g_usleep (20 * 1000);
    }

  return FALSE;
}

/* docs/hostile-servers.md case 29: interim answers keep the connection
 * busy, so no per-read timeout fires; the overall deadline does. */
static void
test_endless_processing (void)
{
  g_autoptr(Raw) raw = raw_new (endless_processing_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  dav_client_set_speed_limits (client, 2, 0, 0);
  result = do_propfind (client, raw->dav_url, &error);

  g_assert_null (result);
  g_assert_error (error, DAV_ERROR, DAV_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 6 * G_USEC_PER_SEC);

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* A DELETE may take the server long (the deadline is for listings), so
 * it is Cancel that ends endless 102s there: at once, and the item is
 * not reported as done. */
static void
test_endless_processing_cancel (void)
{
  g_autoptr(Raw) raw = raw_new (endless_processing_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (raw->dav_url, "slow-folder/", NULL);
  GAsyncResult *res = NULL;
  gint64 cancelled_at = 0;

  g_object_set_data (G_OBJECT (cancellable), "at", &cancelled_at);
  dav_client_delete_async (client, url, cancellable, store_result_cb, &res);
  g_timeout_add (1500, cancel_cb, cancellable);
  result = finish_request (client, &res, &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, G_USEC_PER_SEC);

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* Reads the request, then says nothing (sws "idle"). */
static gboolean
silent_func (Raw           *raw,
             GOutputStream *out,
             guint          index,
             const char    *head)
{
  raw_hold (raw);
  return FALSE;
}

/* docs/hostile-servers.md case 30: libsoup has no timeout of its own; the
 * client sets one, and silence ends in a timeout error. */
static void
test_silent_server (void)
{
  g_autoptr(Raw) raw = raw_new (silent_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  dav_client_set_timeout (client, 2);
  result = do_propfind (client, raw->dav_url, &error);
  elapsed = g_get_monotonic_time () - start;

  g_assert_null (result);
  g_assert_nonnull (error);
  g_test_message ("silent server, after %.1f s: %s %d: %s", elapsed / (double) G_USEC_PER_SEC,
                  g_quark_to_string (error->domain), error->code, error->message);
  /* libsoup 3.2.3: its per-operation timeout gives G_IO_ERROR_TIMED_OUT. */
  g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
                 g_error_matches (error, DAV_ERROR, DAV_ERROR_TIMEOUT));
  g_assert_cmpint (elapsed, >=, G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, 8 * G_USEC_PER_SEC);

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* Without any timeout set, the overall deadline still ends a listing
 * from a server that accepts and never answers. */
static void
test_silent_server_deadline (void)
{
  g_autoptr(Raw) raw = raw_new (silent_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  dav_client_set_timeout (client, 0);
  dav_client_set_speed_limits (client, 2, 0, 0);
  result = do_propfind (client, raw->dav_url, &error);

  g_assert_null (result);
  g_assert_error (error, DAV_ERROR, DAV_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 6 * G_USEC_PER_SEC);

  g_assert_finalize_object (g_steal_pointer (&client));
}

typedef struct {
  gsize  decoded;     /* bytes of XML the compressed stream stands for */
  gsize  sent;        /* compressed bytes written before the client left */
  char  *encodings;   /* the Accept-Encoding the client sent */
} Bomb;

static Bomb bomb;

/* "Content-Encoding: gzip", close-delimited: a 207 whose body expands to
 * bomb.decoded bytes of XML (mostly spaces between elements), streamed
 * through a compressor so that neither side holds it. */
static gboolean
gzip_bomb_func (Raw           *raw,
                GOutputStream *out,
                guint          index,
                const char    *head)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) gzip = NULL;
  g_autofree char *spaces = g_malloc (64 * 1024);
  g_auto(GStrv) lines = g_strsplit (head, "\n", -1);
  g_autofree char *first = response_xml ("/dav/");
  gsize written = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], "Accept-Encoding:", 16) == 0)
      bomb.encodings = g_strstrip (g_strdup (lines[i] + 16));

  if (!write_str (out, "HTTP/1.1 207 Multi-Status\r\n"
                       "Content-Type: application/xml; charset=utf-8\r\n"
                       "Content-Encoding: gzip\r\n"
                       "Connection: close\r\n\r\n"))
    return FALSE;

  memset (spaces, ' ', 64 * 1024);
  gzip = g_converter_output_stream_new (out, G_CONVERTER (compressor));
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (gzip), FALSE);
  if (write_all (gzip, XML_HEAD, strlen (XML_HEAD)) && write_all (gzip, first, strlen (first)))
    while (written < bomb.decoded && !raw_stopping (raw))
      {
        if (!write_all (gzip, spaces, 64 * 1024))
          break;
        written += 64 * 1024;
      }
  g_output_stream_close (gzip, NULL, NULL);

  return FALSE;
}

/* docs/hostile-servers.md case 31: the byte cap counts what the body
 * expands to, not what came over the wire. */
static void
test_gzip_bomb (void)
{
  g_autoptr(Raw) raw = NULL;
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autofree char *spaces = g_malloc (1024 * 1024);
  g_autofree char *packed = g_malloc (64 * 1024);
  DavParserLimits limits;
  gsize read = 0, wire = 0;
  gint64 start = g_get_monotonic_time ();

  /* The body stands for 256 MiB of XML; the cap is 4 MiB. Twice the cap
   * in spaces gzips to a few kilobytes: a cap counting what came over
   * the wire would let the bomb through. */
  bomb.decoded = 256 * 1024 * 1024;
  memset (spaces, ' ', 1024 * 1024);
  for (guint i = 0; i < 8; i++)
    {
      gsize in = 0, out = 0;

      g_converter_convert (G_CONVERTER (compressor), spaces, 1024 * 1024, packed, 64 * 1024,
                           i == 7 ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS, &in, &out, NULL);
      read += in;
      wire += out;
    }
  g_test_message ("%zu bytes of spaces gzip to about %zu bytes", read, wire);
  g_assert_cmpuint (wire, <, 64 * 1024);

  raw = raw_new (gzip_bomb_func);
  client = client_new (raw->dav_url);
  dav_parser_limits_init_default (&limits);
  limits.max_body_bytes = 4 * 1024 * 1024;
  dav_client_set_parser_limits (client, &limits);

  result = do_propfind (client, raw->dav_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->status, ==, 207);
  assert_not_complete_listing (result);
  g_assert_true (body_has_problem (result->body, DAV_PROBLEM_LIMIT));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  /* libsoup 3.2 asks for compressed answers and decodes them itself. */
  g_test_message ("Accept-Encoding: %s", bomb.encodings);
  g_assert_nonnull (bomb.encodings);
  g_assert_nonnull (strstr (bomb.encodings, "gzip"));

  g_assert_finalize_object (g_steal_pointer (&client));
  g_clear_pointer (&bomb.encodings, g_free);
}

/* lighttpd 1.4.69 answers OPTIONS of an unmapped URL with a chunked
 * body it never sends: the headers are the answer. */
static gboolean
options_no_body_func (Raw           *raw,
                      GOutputStream *out,
                      guint          index,
                      const char    *head)
{
  write_text (out, "HTTP/1.1 200 OK\r\nDAV: 1, 2\r\nAllow: OPTIONS, PROPFIND\r\n"
                   "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
  /* Silent until the client goes. */
  while (!raw_stopping (raw))
    g_usleep (10 * 1000);
  return FALSE;
}

static void
test_options_body_never_sent (void)
{
  g_autoptr(Raw) raw = raw_new (options_no_body_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = NULL;

  /* client_new sets a 10 s timeout: without the fix, the read of the
   * body times out and this is an error. */
  result = do_options (client, raw->dav_url, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 200);
  g_assert_true (result->complete);
  g_assert_cmpstr (soup_message_headers_get_one (result->headers, "DAV"), ==, "1, 2");

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* The head and the first entries of a big listing (~8 KiB, fewer than the
 * folder's first batch of 64), then nothing until the test ends, as a slow
 * server or a long round trip gives them. */
#define STALL_ENTRIES 40

static gboolean
stall_func (Raw           *raw,
            GOutputStream *out,
            guint          index,
            const char    *head)
{
  write_text (out, "HTTP/1.1 207 Multi-Status\r\n"
                   "Content-Type: application/xml; charset=utf-8\r\n"
                   "Content-Length: 1000000\r\n\r\n" XML_HEAD);
  for (guint i = 0; i <= STALL_ENTRIES; i++)
    {
      g_autofree char *href = i == 0 ? g_strdup ("/dav/") : g_strdup_printf ("/dav/file-%u.txt", i);
      g_autofree char *response = response_xml (href);

      write_text (out, response);
    }
  g_output_stream_flush (out, NULL, NULL);
  raw_hold (raw);

  return FALSE;
}

static gboolean
folder_has_rows (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (data)) > 0;
}

/* Issue 16: the browser's first rows as soon as the first entries are
 * parsed, not once a batch of them is full or the body ended (at 50 ms
 * round trip, a folder of 1,000 waited for the next chunks). */
static void
test_stalled_listing_shows_first_rows (void)
{
  g_autoptr(Raw) raw = raw_new (stall_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavResourceStore) store = dav_resource_store_new (client);
  DavFolder *folder = dav_resource_store_get_root (store);

  dav_resource_store_load (store, folder);
  wait_until (folder_has_rows, folder, "the first rows of a stalled listing");

  g_assert_true (dav_folder_get_loading (folder));
  g_assert_false (dav_folder_get_loaded (folder));
  /* The parser gets whole blocks of 4 KiB (dav-multistatus-parser.c):
   * the entries of the first one at least. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (folder)), >=, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (folder)), <=, STALL_ENTRIES);
  {
    g_autoptr(DavResource) first = g_list_model_get_item (G_LIST_MODEL (folder), 0);

    g_assert_cmpstr (dav_resource_get_name (first), ==, "file-1.txt");
  }

  /* Dropping the store cancels the listing still waiting for its end;
   * the client goes once the cancelled request returned. */
  g_object_ref (folder);
  g_clear_object (&store);
  wait_for_folder (folder);
  g_object_unref (folder);
  drain_main_context ();
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* A whole listing of 200 entries, at once. */
static gboolean
whole_listing_func (Raw           *raw,
                    GOutputStream *out,
                    guint          index,
                    const char    *head)
{
  g_autofree char *body = multistatus_xml (200);

  write_207_head (out, strlen (body));
  write_text (out, body);
  return TRUE;
}

/* What a window whose frames take longer than a frame's time does to the
 * main loop: something at the redraw's priority is always ready. */
static gboolean
busy_redraw_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* The listing's pauses for a frame (DAV_PROPFIND_FLAGS_FIRST_FRAMES) wait
 * below the redraw's priority; while the frames never let the loop idle
 * (three restored tabs with a spinner each under llvmpipe), such a pause
 * starved and the listing never ended: it is bounded. */
static void
test_first_frames_busy_loop (void)
{
  g_autoptr(Raw) raw = raw_new (whole_listing_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavResourceStore) store = dav_resource_store_new (client);
  DavFolder *folder = dav_resource_store_get_root (store);
  guint busy = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, busy_redraw_cb, NULL, NULL);

  dav_resource_store_load (store, folder);
  wait_for_folder (folder);
  g_source_remove (busy);

  g_assert_true (dav_folder_get_loaded (folder));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (folder)), ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  faults_init (&argc, &argv);

  g_test_add_func ("/faults/cancel/trickle", test_cancel_trickle);
  g_test_add_func ("/faults/slow/min-speed", test_slow_min_speed);
  g_test_add_func ("/faults/slow/deadline", test_slow_deadline);
  g_test_add_func ("/faults/endless/chunked-body", test_endless_chunked_body);
  g_test_add_func ("/faults/endless/listing-too-large", test_listing_too_large);
  g_test_add_func ("/faults/endless/processing-102", test_endless_processing);
  g_test_add_func ("/faults/endless/processing-102-cancel", test_endless_processing_cancel);
  g_test_add_func ("/faults/endless/gzip-bomb", test_gzip_bomb);
  g_test_add_func ("/faults/silent/no-answer", test_silent_server);
  g_test_add_func ("/faults/silent/deadline", test_silent_server_deadline);
  g_test_add_func ("/faults/silent/options-body-never-sent", test_options_body_never_sent);
  g_test_add_func ("/faults/stalled/first-rows", test_stalled_listing_shows_first_rows);
  g_test_add_func ("/faults/busy-loop/first-frames", test_first_frames_busy_loop);

  return g_test_run ();
}
