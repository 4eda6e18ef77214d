/* test-faults-busy.c: a server that says it is busy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavBatch against servers answering 503 Service Unavailable and 429 Too
 * Many Requests with Retry-After (issue 16): the batch waits as long as
 * asked (seconds or an HTTP-date, within a cap), sends again only what
 * may be sent twice, gives up after a few tries, and its report stays
 * exact when it is cancelled while waiting. Also the Retry-After reader.
 */

#include "dav-retry-after.h"

#include <glib/gstdio.h>

#include "faults.h"

/* ---- the reader ------------------------------------------------------------ */

static void
test_parse (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 3, 22, 0, 0);

  g_assert_cmpint (dav_retry_after_parse ("0", now, 1), ==, 0);
  g_assert_cmpint (dav_retry_after_parse ("7", now, 1), ==, 7000);
  g_assert_cmpint (dav_retry_after_parse (" 12 ", now, 1), ==, 12000);
  g_assert_cmpint (dav_retry_after_parse ("60", now, 1), ==, 60000);
  /* Longer than the cap: not waited for. */
  g_assert_cmpint (dav_retry_after_parse ("61", now, 1), ==, -1);
  g_assert_cmpint (dav_retry_after_parse ("99999999999999999999", now, 1), ==, -1);
  /* HTTP-dates (RFC 9110 §5.6.7), the preferred and the obsolete forms. */
  g_assert_cmpint (dav_retry_after_parse ("Thu, 03 Dec 2026 22:00:30 GMT", now, 1), ==, 30000);
  g_assert_cmpint (dav_retry_after_parse ("Thursday, 03-Dec-26 22:00:05 GMT", now, 1), ==, 5000);
  g_assert_cmpint (dav_retry_after_parse ("Thu Dec  3 22:00:02 2026", now, 1), ==, 2000);
  g_assert_cmpint (dav_retry_after_parse ("Thu, 03 Dec 2026 21:59:00 GMT", now, 1), ==, 0);
  g_assert_cmpint (dav_retry_after_parse ("Thu, 03 Dec 2026 23:00:00 GMT", now, 1), ==, -1);
  /* None, or unreadable: 1 s, doubled per attempt. */
  g_assert_cmpint (dav_retry_after_parse (NULL, now, 1), ==, 1000);
  g_assert_cmpint (dav_retry_after_parse (NULL, now, 2), ==, 2000);
  g_assert_cmpint (dav_retry_after_parse (NULL, now, 3), ==, 4000);
  g_assert_cmpint (dav_retry_after_parse ("soon", now, 1), ==, 1000);
  g_assert_cmpint (dav_retry_after_parse ("-5", now, 1), ==, 1000);
}

/* ---- a busy server --------------------------------------------------------- */

typedef struct {
  guint        status;        /* 503 or 429 */
  const char  *retry_after;   /* NULL: none; "date+N": an HTTP-date N s ahead */
  guint        busy_times;    /* answers per path before it gives 204/201 */
  GHashTable  *count;         /* path -> times seen */
  GPtrArray   *times;         /* gint64*: when each request came, in order */
  GPtrArray   *paths;         /* char*: its path */
} Busy;

static Busy *
busy_new (guint       status,
          const char *retry_after,
          guint       busy_times)
{
  Busy *busy = g_new0 (Busy, 1);

  busy->status = status;
  busy->retry_after = retry_after;
  busy->busy_times = busy_times;
  busy->count = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  busy->times = g_ptr_array_new_with_free_func (g_free);
  busy->paths = g_ptr_array_new_with_free_func (g_free);
  return busy;
}

static void
busy_free (Busy *busy)
{
  g_hash_table_unref (busy->count);
  g_ptr_array_unref (busy->times);
  g_ptr_array_unref (busy->paths);
  g_free (busy);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Busy, busy_free)

static void
busy_handler (SoupServer        *soup_server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Server *server = user_data;
  Busy *busy = server->data;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (busy->count, path)) + 1;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  g_hash_table_replace (busy->count, g_strdup (path), GUINT_TO_POINTER (n));
  g_ptr_array_add (busy->times, g_memdup2 (&(gint64) { g_get_monotonic_time () }, sizeof (gint64)));
  g_ptr_array_add (busy->paths, g_strdup (path));

  if (n <= busy->busy_times)
    {
      if (busy->retry_after != NULL && g_str_has_prefix (busy->retry_after, "date+"))
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
          g_autoptr(GDateTime) when = g_date_time_add_seconds (now, g_ascii_strtod (busy->retry_after + 5, NULL));
          g_autofree char *date = soup_date_time_to_string (when, SOUP_DATE_HTTP);

          soup_message_headers_replace (headers, "Retry-After", date);
        }
      else if (busy->retry_after != NULL)
        soup_message_headers_replace (headers, "Retry-After", busy->retry_after);
      respond (msg, busy->status, "text/plain", "busy\n");
      return;
    }

  if (g_str_equal (soup_server_message_get_method (msg), "DELETE"))
    respond (msg, SOUP_STATUS_NO_CONTENT, NULL, NULL);
  else if (g_str_equal (soup_server_message_get_method (msg), "GET"))
    respond (msg, SOUP_STATUS_OK, "text/plain", "the server's bytes\n");
  else
    respond (msg, SOUP_STATUS_CREATED, NULL, NULL);
}

static guint
busy_seen (Busy       *busy,
           const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (busy->count, path));
}

/* The time of the @nth request (from 1) to @path. */
static gint64
busy_time (Busy       *busy,
           const char *path,
           guint       nth)
{
  for (guint i = 0; i < busy->paths->len; i++)
    if (g_str_equal (g_ptr_array_index (busy->paths, i), path) && --nth == 0)
      return *(gint64 *) g_ptr_array_index (busy->times, i);
  g_assert_not_reached ();
}

static DavBatch *
delete_batch (DavClient  *client,
              Server     *server,
              guint       n,
              guint       concurrency)
{
  DavBatch *batch = dav_batch_new (client, concurrency);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *url = g_strdup_printf ("%sf%u.txt", server->dav_url, i);
      g_autoptr(GError) error = NULL;

      g_assert_true (dav_batch_add_delete (batch, url, &error));
      g_assert_no_error (error);
    }
  return batch;
}

/* Each of 6 DELETEs is answered 503 "Retry-After: 1" once: all are done
 * in the end, none was sent again before its second. */
static void
test_503_seconds (void)
{
  g_autoptr(Busy) busy = busy_new (SOUP_STATUS_SERVICE_UNAVAILABLE, "1", 1);
  g_autoptr(Server) server = server_new (busy_handler, busy);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavBatch) batch = delete_batch (client, server, 6, 3);
  g_autoptr(DavReport) report = NULL;

  report = run_batch (batch);
  g_assert_cmpuint (report->items->len, ==, 6);
  g_assert_true (dav_report_all_ok (report));
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *path = g_strdup_printf ("/dav/f%u.txt", i);

      g_assert_cmpuint (busy_seen (busy, path), ==, 2);
      g_assert_cmpint (busy_time (busy, path, 2) - busy_time (busy, path, 1), >=, 950 * 1000);
    }
  g_assert_cmpuint (server_count (server, "DELETE"), ==, 12);

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* 429 with an HTTP-date two seconds ahead (a second or two, as dates
 * count whole seconds), then done. */
static void
test_429_date (void)
{
  g_autoptr(Busy) busy = busy_new (429, "date+2", 1);
  g_autoptr(Server) server = server_new (busy_handler, busy);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavBatch) batch = delete_batch (client, server, 2, 2);
  g_autoptr(DavReport) report = NULL;
  gint64 waited;

  report = run_batch (batch);
  g_assert_true (dav_report_all_ok (report));
  waited = busy_time (busy, "/dav/f0.txt", 2) - busy_time (busy, "/dav/f0.txt", 1);
  g_assert_cmpint (waited, >=, 900 * 1000);
  g_assert_cmpint (waited, <, 3000 * 1000);

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* A MOVE and a MKCOL are not sent twice: their items report the 503
 * (answered, not done); the DELETE beside them is sent again. */
static void
test_not_repeated (void)
{
  g_autoptr(Busy) busy = busy_new (SOUP_STATUS_SERVICE_UNAVAILABLE, "0", 1);
  g_autoptr(Server) server = server_new (busy_handler, busy);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
  g_autoptr(DavReport) report = NULL;
  g_autofree char *a = g_strconcat (server->dav_url, "a.txt", NULL);
  g_autofree char *b = g_strconcat (server->dav_url, "b.txt", NULL);
  g_autofree char *dir = g_strconcat (server->dav_url, "dir/", NULL);
  g_autofree char *gone = g_strconcat (server->dav_url, "gone.txt", NULL);
  g_autoptr(GError) error = NULL;
  const DavReportItem *item;

  g_assert_true (dav_batch_add_move (batch, a, b, FALSE, &error));
  g_assert_true (dav_batch_add_mkcol (batch, dir, &error));
  g_assert_true (dav_batch_add_delete (batch, gone, &error));
  g_assert_no_error (error);
  report = run_batch (batch);

  item = g_ptr_array_index (report->items, 0);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
  g_assert_cmpuint (item->status, ==, 503);
  item = g_ptr_array_index (report->items, 1);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
  g_assert_cmpuint (item->status, ==, 503);
  item = g_ptr_array_index (report->items, 2);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_DONE);
  g_assert_cmpuint (item->status, ==, 204);
  g_assert_cmpuint (busy_seen (busy, "/dav/a.txt"), ==, 1);
  g_assert_cmpuint (busy_seen (busy, "/dav/dir/"), ==, 1);
  g_assert_cmpuint (busy_seen (busy, "/dav/gone.txt"), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* Always busy: four tries, then the 503 stands. A wait longer than the
 * cap is not kept: the answer is reported at once. */
static void
test_gives_up (void)
{
  g_autoptr(Busy) busy = busy_new (SOUP_STATUS_SERVICE_UNAVAILABLE, "0", G_MAXUINT);
  g_autoptr(Server) server = server_new (busy_handler, busy);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavBatch) batch = delete_batch (client, server, 1, 2);
  g_autoptr(DavReport) report = NULL;
  const DavReportItem *item;

  report = run_batch (batch);
  item = g_ptr_array_index (report->items, 0);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
  g_assert_cmpuint (item->status, ==, 503);
  g_assert_cmpuint (busy_seen (busy, "/dav/f0.txt"), ==, 4);
  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
  g_clear_pointer (&report, dav_report_unref);
  g_clear_pointer (&server, server_free);
  g_clear_pointer (&busy, busy_free);

  {
    g_autoptr(Busy) later = busy_new (429, "3600", G_MAXUINT);
    g_autoptr(Server) server2 = server_new (busy_handler, later);
    g_autoptr(DavClient) client2 = client_new (server2->dav_url);
    g_autoptr(DavBatch) batch2 = delete_batch (client2, server2, 1, 2);
    g_autoptr(DavReport) report2 = NULL;
    gint64 start = g_get_monotonic_time ();

    report2 = run_batch (batch2);
    item = g_ptr_array_index (report2->items, 0);
    g_assert_cmpuint (item->status, ==, 429);
    g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
    g_assert_cmpuint (busy_seen (later, "/dav/f0.txt"), ==, 1);
    g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  }
}

/* An upload and a download answered 503 once are sent again, each as a
 * transfer of its own: the file arrives whole, nothing of the busy
 * answer is kept, and the upload's second PUT carries the whole file. */
static void
test_transfers_resent (void)
{
  g_autoptr(Busy) busy = busy_new (SOUP_STATUS_SERVICE_UNAVAILABLE, "0", 1);
  g_autoptr(Server) server = server_new (busy_handler, busy);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
  g_autoptr(DavReport) report = NULL;
  g_autofree char *dir = g_dir_make_tmp ("busy-XXXXXX", NULL);
  g_autofree char *local = g_build_filename (dir, "up.txt", NULL);
  g_autofree char *fetched = g_build_filename (dir, "down.txt", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (local);
  g_autoptr(GFile) target = g_file_new_for_path (fetched);
  g_autofree char *up = g_strconcat (server->dav_url, "up.txt", NULL);
  g_autofree char *down = g_strconcat (server->dav_url, "down.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (local, "mine\n", -1, &error));
  g_assert_true (dav_batch_add_upload (batch, source, up, TRUE, &error));
  g_assert_true (dav_batch_add_download (batch, down, target, FALSE, &error));
  g_assert_no_error (error);
  report = run_batch (batch);

  g_assert_true (dav_report_all_ok (report));
  g_assert_cmpuint (busy_seen (busy, "/dav/up.txt"), ==, 2);
  g_assert_cmpuint (busy_seen (busy, "/dav/down.txt"), ==, 2);
  g_assert_true (g_file_get_contents (fetched, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "the server's bytes\n");

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
  g_unlink (fetched);
  g_unlink (local);
  g_rmdir (dir);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* "Retry-After: 30" on the first of 5 DELETEs, one at a time: the batch
 * waits; cancelled then, the first keeps its 503 (answered, not done) and
 * the other four were never sent. The run ends at once. */
static void
test_cancelled_while_waiting (void)
{
  g_autoptr(Busy) busy = busy_new (SOUP_STATUS_SERVICE_UNAVAILABLE, "30", 1);
  g_autoptr(Server) server = server_new (busy_handler, busy);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavBatch) batch = delete_batch (client, server, 5, 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DavReport) report = NULL;
  GAsyncResult *res = NULL;
  gint64 start = g_get_monotonic_time ();
  const DavReportItem *item;

  g_timeout_add (300, cancel_cb, cancellable);
  dav_batch_run_async (batch, cancellable, store_result_cb, &res);
  wait_for (&res);
  report = dav_batch_run_finish (batch, res);
  g_object_unref (res);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  item = g_ptr_array_index (report->items, 0);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
  g_assert_cmpuint (item->status, ==, 503);
  for (guint i = 1; i < 5; i++)
    {
      item = g_ptr_array_index (report->items, i);
      g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_NOT_ATTEMPTED);
    }
  g_assert_cmpuint (server_count (server, "DELETE"), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
}

int
main (int    argc,
      char **argv)
{
  faults_init (&argc, &argv);

  g_test_add_func ("/retry-after/parse", test_parse);
  g_test_add_func ("/busy/503-seconds", test_503_seconds);
  g_test_add_func ("/busy/429-date", test_429_date);
  g_test_add_func ("/busy/not-repeated", test_not_repeated);
  g_test_add_func ("/busy/gives-up", test_gives_up);
  g_test_add_func ("/busy/transfers-resent", test_transfers_resent);
  g_test_add_func ("/busy/cancelled-while-waiting", test_cancelled_while_waiting);

  return g_test_run ();
}
