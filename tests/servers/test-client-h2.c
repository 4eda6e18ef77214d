/* test-client-h2.c: DavClient and DavBatch over https with HTTP/2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under `tests/servers/with-apache --tls` (mod_ssl + mod_http2, a CA
 * made at start, DAVSCOPE_TEST_CA_FILE). The CA is trusted by nothing but
 * this test's own setting (a GTlsFileDatabase on the client's session):
 * without it the certificate is rejected. With it libsoup negotiates
 * HTTP/2, and a bulk DELETE keeps up to 100 requests in flight on it
 * instead of the four given for HTTP/1.1 (issue 16), all on the client's
 * one connection — seen in the batch's count
 * and, through tests/servers/latency-proxy, in the time: 200 DELETEs at
 * 50 ms round trip take a few round trips, not 50. A walk of a tree
 * (Depth 1 a folder) sends a level's listings all at once over it.
 * A large download goes over HTTP/1.1 on a connection of its own.
 */

#include <glib/gstdio.h>

#include "dav-batch.h"
#include "dav-walk.h"
#include "dav-client-private.h"
#include "dav-error.h"
#include "dav-test-async.h"
#include "dav-test-client.h"

static const char *
base_url (void)
{
  return g_getenv ("DAVSCOPE_TEST_URL");
}

/* Skips unless under with-apache --tls. */
static gboolean
have_server (void)
{
  if (base_url () != NULL && g_str_has_prefix (base_url (), "https://") &&
      g_getenv ("DAVSCOPE_TEST_CA_FILE") != NULL)
    return TRUE;
  g_test_skip ("needs tests/servers/with-apache --tls");
  return FALSE;
}

/* A client of @url that trusts the test CA, and nothing else, with one
 * connection: what is in flight at once is multiplexed on it. (More would
 * also leave connections still in their handshake when a fast batch ends,
 * which libsoup warns about when the session goes.) */
static DavClient *
trusting_client_new (const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (g_getenv ("DAVSCOPE_TEST_CA_FILE"), &error);
  DavClient *client = client_new (url);

  g_assert_no_error (error);
  dav_client_set_max_connections (client, 1);
  soup_session_set_tls_database (dav_client_get_session (client), database);
  return client;
}

static void
test_untrusted_by_default (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_server ())
    return;
  client = client_new (base_url ());
  result = do_propfind (client, base_url (), &error);
  g_assert_null (result);
  g_assert_true (error->domain == G_TLS_ERROR || error->domain == DAV_ERROR);
  g_test_message ("without the test CA: %s", error->message);
}

static void
test_negotiated (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_server ())
    return;
  client = trusting_client_new (base_url ());
  result = do_propfind (client, base_url (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 207);
  g_assert_cmpint (result->http_version, ==, SOUP_HTTP_2_0);

  /* What libsoup itself says of the message on that session. */
  msg = soup_message_new ("OPTIONS", base_url ());
  body = soup_session_send_and_read (dav_client_get_session (client), msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpint (soup_message_get_http_version (msg), ==, SOUP_HTTP_2_0);
}

/* @n empty files in a new folder @name, written straight into the share. */
static char *
make_files (DavClient  *client,
            const char *name,
            guint       n)
{
  g_autofree char *folder = g_strconcat (base_url (), name, "/", NULL);
  g_autofree char *dir = g_build_filename (g_getenv ("DAVSCOPE_TEST_ROOT"), name, NULL);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = do_mkcol (client, folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 201);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/f%03u.txt", dir, i);

      g_assert_true (g_file_set_contents (path, "", 0, NULL));
    }
  return g_steal_pointer (&folder);
}

static DavReport *
delete_all (DavClient  *client,
            const char *folder,
            guint       n,
            guint      *peak)
{
  g_autoptr(DavBatch) batch = dav_batch_new (client, 4);
  DavReport *report;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *url = g_strdup_printf ("%sf%03u.txt", folder, i);
      g_autoptr(GError) error = NULL;

      g_assert_true (dav_batch_add_delete (batch, url, &error));
      g_assert_no_error (error);
    }
  report = run_batch (batch);
  *peak = dav_batch_get_peak_in_flight (batch);
  return report;
}

static void
test_in_flight (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autofree char *folder = NULL;
  guint peak = 0;

  if (!have_server ())
    return;
  client = trusting_client_new (base_url ());
  folder = make_files (client, "in-flight", 300);
  report = delete_all (client, folder, 300, &peak);
  g_assert_cmpuint (dav_report_count (report, DAV_OUTCOME_DONE), ==, 300);
  g_test_message ("peak in flight over HTTP/2 on one connection, batch concurrency 4: %u", peak);
  g_assert_cmpuint (peak, >, 4);
  g_assert_cmpuint (peak, <=, 100);
}

/* Through the latency proxy, 25 ms each way: 200 DELETEs one connection
 * after another at 4 at a time would take 50 round trips (2.5 s). */
static void
test_round_trips (void)
{
  g_autofree char *proxy = g_test_build_filename (G_TEST_DIST, "servers", "latency-proxy", NULL);
  const char *argv[] = { proxy, "--target", g_getenv ("DAVSCOPE_TEST_PORT"), "--delay", "25",
                         "--lifetime", "120", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(DavClient) local = NULL;
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *far_url = NULL;
  g_autofree char *far_folder = NULL;
  gint64 start;
  guint peak = 0;

  if (!have_server ())
    return;
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  port = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (port);

  local = trusting_client_new (base_url ());
  folder = make_files (local, "far", 200);
  far_url = g_strdup_printf ("https://127.0.0.1:%s/dav/", port);
  far_folder = g_strconcat (far_url, "far/", NULL);
  client = trusting_client_new (far_url);

  start = g_get_monotonic_time ();
  report = delete_all (client, far_folder, 200, &peak);
  g_test_message ("200 DELETEs over HTTP/2 at 50 ms round trip: %.2f s, peak in flight %u",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, peak);
  g_assert_cmpuint (dav_report_count (report, DAV_OUTCOME_DONE), ==, 200);
  g_assert_cmpuint (peak, >, 4);
  /* Under AddressSanitizer (build-aux/test's second pass) the client's
   * own work, not the round trips, sets the time. */
  if (g_getenv ("ASAN_OPTIONS") == NULL)
    g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);

  /* The client goes while its connection is still there to close. */
  g_assert_finalize_object (g_steal_pointer (&client));
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

/* A tree written straight into the share: @n_top folders under @name,
 * each with @n_sub empty folders. Returns the tree's URL. */
static char *
make_tree (const char *name,
           guint       n_top,
           guint       n_sub)
{
  g_autofree char *dir = g_build_filename (g_getenv ("DAVSCOPE_TEST_ROOT"), name, NULL);

  for (guint i = 0; i < n_top; i++)
    for (guint j = 0; j < n_sub; j++)
      {
        g_autofree char *path = g_strdup_printf ("%s/t%u/s%02u", dir, i, j);

        g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
      }
  return g_strconcat (base_url (), name, "/", NULL);
}

static void
count_cb (DavWalk           *walk,
          const DavResponse *response,
          const char        *href_text,
          const DavHref     *href,
          gpointer           user_data)
{
  (*(guint *) user_data)++;
}

/* A walk level by level, asked for four at a time: once the first answer
 * shows HTTP/2, a folder's 40 subfolders are listed all at once, not four
 * by four (one round trip a level at a distance, issue 16). */
static void
test_walk_levels (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavWalk) walk = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GAsyncResult *res = NULL;
  guint n_items = 0;

  if (!have_server ())
    return;
  url = make_tree ("walk", 3, 40);
  client = trusting_client_new (base_url ());
  walk = dav_walk_new (client, url, DAV_PROPFIND_PROP, NULL);
  dav_walk_set_try_infinity (walk, FALSE);
  dav_walk_set_concurrency (walk, 4);
  dav_walk_run_async (walk, count_cb, &n_items, NULL, store_result_cb, &res);
  wait_for (&res);
  g_assert_true (dav_walk_run_finish (walk, res, &error));
  g_assert_no_error (error);
  g_object_unref (res);

  g_assert_true (dav_walk_get_complete (walk));
  g_assert_cmpuint (n_items, ==, 1 + 3 + 3 * 40);
  g_assert_cmpuint (dav_walk_get_n_folders (walk), ==, 1 + 3 + 3 * 40);
  g_test_message ("peak listings in flight over HTTP/2, asked for 4: %u",
                  dav_walk_get_peak_in_flight (walk));
  g_assert_cmpuint (dav_walk_get_peak_in_flight (walk), >=, 40);
}

/* dav_client_add_trusted_ca_file (--cacert): the test CA beside the
 * system's, and a file that is not there refused. */
static void
test_trusted_ca_file (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavClient) other = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_server ())
    return;
  client = client_new (base_url ());
  g_assert_true (dav_client_add_trusted_ca_file (client, g_getenv ("DAVSCOPE_TEST_CA_FILE"), &error));
  g_assert_no_error (error);
  result = do_propfind (client, base_url (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 207);

  other = client_new (base_url ());
  g_assert_false (dav_client_add_trusted_ca_file (other, "/nonexistent/ca.pem", &error));
  g_assert_nonnull (error);
}

static void
on_network_event (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  if (event == G_SOCKET_CLIENT_CONNECTED)
    (*(guint *) user_data)++;
}

static void
on_request_queued (SoupSession *session,
                   SoupMessage *msg,
                   gpointer     user_data)
{
  g_signal_connect (msg, "network-event", G_CALLBACK (on_network_event), user_data);
}

/* COPY is no idempotent method: libsoup gives each a new connection
 * unless told otherwise. Over HTTP/2 they share the one the listing came
 * on (dav-request.c). */
static void
test_copy_one_connection (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(DavBatch) batch = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *target = NULL;
  guint connections = 0;

  if (!have_server ())
    return;
  client = client_new (base_url ());
  dav_client_set_max_connections (client, 8);
  g_assert_true (dav_client_add_trusted_ca_file (client, g_getenv ("DAVSCOPE_TEST_CA_FILE"), &error));
  folder = make_files (client, "copy-h2", 100);
  target = g_strconcat (base_url (), "copy-h2-to/", NULL);
  result = do_mkcol (client, target, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->http_version, ==, SOUP_HTTP_2_0);

  g_signal_connect (dav_client_get_session (client), "request-queued", G_CALLBACK (on_request_queued), &connections);
  batch = dav_batch_new (client, 8);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *url = g_strdup_printf ("%sf%03u.txt", folder, i);
      g_autofree char *destination = g_strdup_printf ("%sf%03u.txt", target, i);

      g_assert_true (dav_batch_add_copy (batch, url, destination, FALSE, &error));
      g_assert_no_error (error);
    }
  report = run_batch (batch);
  g_assert_cmpuint (dav_report_count (report, DAV_OUTCOME_DONE), ==, 100);
  g_test_message ("100 COPYs over HTTP/2: %u new connections", connections);
  g_assert_cmpuint (connections, <=, 1);
}

/* A GET into a sink whose HTTP/2 answer is large is fetched again over
 * HTTP/1.1 on a connection of its own (libsoup 3.2 would hold the whole
 * body in memory; dav-request.c, "large bodies"); a small one, before and
 * after it, stays on the shared HTTP/2 connection. */
static void
test_large_get_http1 (void)
{
  const gsize large = 17 * 1024 * 1024;   /* just above the threshold */
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GOutputStream) sink = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *data = g_malloc (large);
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *small_url = NULL;

  if (!have_server ())
    return;
  client = client_new (base_url ());
  dav_client_set_max_connections (client, 4);
  g_assert_true (dav_client_add_trusted_ca_file (client, g_getenv ("DAVSCOPE_TEST_CA_FILE"), &error));
  for (gsize i = 0; i < large; i++)
    data[i] = (guint8) (i * 7 + i / 4096);
  path = g_build_filename (g_getenv ("DAVSCOPE_TEST_ROOT"), "large.bin", NULL);
  g_assert_true (g_file_set_contents (path, (const char *) data, large, &error));
  g_clear_pointer (&path, g_free);
  path = g_build_filename (g_getenv ("DAVSCOPE_TEST_ROOT"), "small.txt", NULL);
  g_assert_true (g_file_set_contents (path, "small", -1, &error));
  url = g_strconcat (base_url (), "large.bin", NULL);
  small_url = g_strconcat (base_url (), "small.txt", NULL);

  sink = g_memory_output_stream_new_resizable ();
  result = do_get (client, small_url, sink, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 200);
  g_assert_cmpint (result->http_version, ==, SOUP_HTTP_2_0);
  g_clear_pointer (&result, dav_result_unref);

  g_clear_object (&sink);
  sink = g_memory_output_stream_new_resizable ();
  result = do_get (client, url, sink, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 200);
  g_assert_true (result->complete);
  g_assert_cmpint (result->http_version, ==, SOUP_HTTP_1_1);
  g_assert_true (g_output_stream_close (sink, NULL, &error));
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (sink)), ==, large);
  g_assert_true (memcmp (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (sink)), data, large) == 0);
  g_clear_pointer (&result, dav_result_unref);

  /* The HTTP/1.1 connection was closed after it: not taken by this one. */
  g_clear_object (&sink);
  sink = g_memory_output_stream_new_resizable ();
  result = do_get (client, small_url, sink, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->http_version, ==, SOUP_HTTP_2_0);
  g_assert_true (g_output_stream_close (sink, NULL, &error));
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (sink)), ==, 5);
}

/* LeakSanitizer's tracer crashes at the exit of this program (signal 11
 * while it stops the threads, after HTTP/2 over GnuTLS), before it reports
 * anything; the client's code paths here are leak-checked by the other
 * programs, so this one opts out of the leak check alone. */
int __lsan_is_turned_off (void);

int
__lsan_is_turned_off (void)
{
  return 1;
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);
  dav_test_set_client_timeout (30);

  g_test_add_func ("/h2/untrusted-by-default", test_untrusted_by_default);
  g_test_add_func ("/h2/negotiated", test_negotiated);
  g_test_add_func ("/h2/in-flight", test_in_flight);
  g_test_add_func ("/h2/round-trips", test_round_trips);
  g_test_add_func ("/h2/walk-levels", test_walk_levels);
  g_test_add_func ("/h2/trusted-ca-file", test_trusted_ca_file);
  g_test_add_func ("/h2/copy-one-connection", test_copy_one_connection);
  g_test_add_func ("/h2/large-get-http1", test_large_get_http1);

  return g_test_run ();
}
