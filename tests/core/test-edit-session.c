/* test-edit-session.c: a file opened for editing and saved back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavEditSession against an in-process server that keeps files in memory
 * and honours If-Match, If-None-Match and If-Unmodified-Since as RFC 9110
 * §13 says: an unchanged save sends nothing, a changed one a PUT on the
 * ETag it came with, someone else's change a 412 and a question, and each
 * answer to it leaves exactly what it says on the server and in the cache.
 */

#include <string.h>

#include <glib/gstdio.h>

#include "dav-edit-session.h"
#include "dav-test-async.h"
#include "dav-test-soup-server.h"

typedef struct {
  GHashTable *files;         /* path -> GBytes */
  GHashTable *etags;         /* path -> etag */
  guint       version;
  gboolean    no_etag;       /* the server sends no ETag at all */
  gboolean    no_put_etag;   /* no ETag in a PUT's answer */
  guint       fail_put;      /* answer PUTs with this status */
  gboolean    locked;
  const char *propfind_etag; /* PROPFIND says this (a change after it is a race) */
} Store;

static void
store_set (Store      *store,
           const char *path,
           const char *text)
{
  g_hash_table_insert (store->files, g_strdup (path), g_bytes_new (text, strlen (text)));
  g_hash_table_insert (store->etags, g_strdup (path), g_strdup_printf ("\"v%u\"", ++store->version));
}

static char *
store_get (Store      *store,
           const char *path)
{
  GBytes *bytes = g_hash_table_lookup (store->files, path);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

#define DATE "Thu, 03 Dec 2026 10:00:00 GMT"

static void
store_handler (SoupServer        *soup_server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Server *server = user_data;
  Store *store = server->data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);
  GBytes *bytes = g_hash_table_lookup (store->files, path);
  const char *etag = g_hash_table_lookup (store->etags, path);
  const char *if_match = soup_message_headers_get_one (in, "If-Match");
  const char *if_none = soup_message_headers_get_one (in, "If-None-Match");
  const char *if_date = soup_message_headers_get_one (in, "If-Unmodified-Since");

  if (g_str_equal (method, "GET"))
    {
      if (bytes == NULL)
        {
          respond (msg, 404, "text/plain", "no");
          return;
        }
      if (!store->no_etag)
        soup_message_headers_replace (out, "ETag", etag);
      soup_message_headers_replace (out, "Last-Modified", DATE);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      return;
    }

  if (g_str_equal (method, "PUT"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) sent = soup_message_body_flatten (body);

      if (store->fail_put != 0)
        {
          respond (msg, store->fail_put, "text/plain", "refused");
          return;
        }
      if ((if_match != NULL && (bytes == NULL || (!g_str_equal (if_match, "*") &&
                                                  g_strcmp0 (if_match, etag) != 0))) ||
          (if_none != NULL && bytes != NULL) ||
          (if_date != NULL && (bytes == NULL || !g_str_equal (if_date, DATE))))
        {
          respond (msg, 412, "text/plain", "precondition");
          return;
        }
      g_hash_table_insert (store->files, g_strdup (path), g_bytes_ref (sent));
      g_hash_table_insert (store->etags, g_strdup (path), g_strdup_printf ("\"v%u\"", ++store->version));
      if (!store->no_etag && !store->no_put_etag)
        soup_message_headers_replace (out, "ETag", g_hash_table_lookup (store->etags, path));
      soup_server_message_set_status (msg, bytes ? 204 : 201, NULL);
      return;
    }

  if (g_str_equal (method, "PROPFIND"))
    {
      g_autofree char *xml = NULL;
      g_autofree char *etag_xml = NULL;

      if (store->propfind_etag != NULL)
        etag = store->propfind_etag;
      if (bytes == NULL)
        {
          respond (msg, 404, "text/plain", "no");
          return;
        }
      xml = g_strdup_printf ("<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\"><D:response>"
                             "<D:href>%s</D:href><D:propstat><D:prop>%s"
                             "<D:getlastmodified>" DATE "</D:getlastmodified></D:prop>"
                             "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
                             "</D:multistatus>",
                             path, store->no_etag ? "" : (etag_xml = g_strdup_printf ("<D:getetag>%s</D:getetag>", etag)));
      respond (msg, 207, "application/xml", xml);
      return;
    }

  if (g_str_equal (method, "LOCK"))
    {
      store->locked = TRUE;
      soup_message_headers_replace (out, "Lock-Token", "<opaquelocktoken:t1>");
      respond (msg, 200, "application/xml",
               "<?xml version=\"1.0\"?><D:prop xmlns:D=\"DAV:\"><D:lockdiscovery><D:activelock>"
               "<D:locktype><D:write/></D:locktype><D:lockscope><D:exclusive/></D:lockscope>"
               "<D:depth>0</D:depth><D:timeout>Infinite</D:timeout>"
               "<D:locktoken><D:href>opaquelocktoken:t1</D:href></D:locktoken>"
               "</D:activelock></D:lockdiscovery></D:prop>");
      return;
    }

  if (g_str_equal (method, "UNLOCK"))
    {
      store->locked = FALSE;
      soup_server_message_set_status (msg, 204, NULL);
      return;
    }

  respond (msg, 405, "text/plain", "no");
}

typedef struct {
  Server         *server;
  Store           store;
  DavClient      *client;
  DavEditSession *session;
  char           *cache;
  char           *url;
  guint           unchanged;
  guint           saved;
  guint           conflicts;
  guint           conflict_status;
  guint           failed;
  int             last_step;
  guint64         failed_exchange;
} Fixture;

static void
on_unchanged (DavEditSession *session,
              Fixture        *fixture)
{
  fixture->unchanged++;
}

static void
on_saved (DavEditSession *session,
          int             step,
          DavResult      *result,
          Fixture        *fixture)
{
  g_assert_true (dav_status_is_success (result->status));
  fixture->saved++;
  fixture->last_step = step;
}

static void
on_conflict (DavEditSession *session,
             DavResult      *result,
             Fixture        *fixture)
{
  /* The PUT's 412, or the PROPFIND before it that showed another version. */
  g_assert_true (result->status == 412 || result->status == 207);
  fixture->conflict_status = result->status;
  fixture->conflicts++;
}

static void
on_failed (DavEditSession *session,
           int             step,
           DavResult      *result,
           GError         *error,
           Fixture        *fixture)
{
  g_assert_nonnull (error);
  fixture->failed++;
  fixture->last_step = step;
  fixture->failed_exchange = result ? result->exchange_id : 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store.files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  fixture->store.etags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fixture->server = server_new (store_handler, &fixture->store);
  fixture->client = client_new (fixture->server->dav_url);
  fixture->cache = g_build_filename (g_get_user_cache_dir (), "edit-test", NULL);
  fixture->url = g_strconcat (fixture->server->dav_url, "notes.txt", NULL);
  store_set (&fixture->store, "/dav/notes.txt", "first\n");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->session != NULL)
    {
      dav_edit_session_close (fixture->session);
      wait_for_finalize (g_steal_pointer (&fixture->session), "the session's end");
    }
  g_assert_finalize_object (g_steal_pointer (&fixture->client));
  g_clear_pointer (&fixture->server, server_free);
  g_hash_table_unref (fixture->store.files);
  g_hash_table_unref (fixture->store.etags);
  g_free (fixture->cache);
  g_free (fixture->url);
}

static void
open_session (Fixture  *fixture,
              gboolean  lock)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->session = dav_edit_session_new (fixture->client, fixture->url, fixture->cache);
  dav_edit_session_set_debounce (fixture->session, 50);
  dav_edit_session_set_lock (fixture->session, lock);
  g_signal_connect (fixture->session, "unchanged", G_CALLBACK (on_unchanged), fixture);
  g_signal_connect (fixture->session, "saved", G_CALLBACK (on_saved), fixture);
  g_signal_connect (fixture->session, "conflict", G_CALLBACK (on_conflict), fixture);
  g_signal_connect (fixture->session, "failed", G_CALLBACK (on_failed), fixture);
  dav_edit_session_open_async (fixture->session, NULL, store_result_cb, &slot);
  result = wait_for_result (&slot, "the download");
  g_assert_true (dav_edit_session_open_finish (fixture->session, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dav_edit_session_get_state (fixture->session), ==, DAV_EDIT_STATE_WATCHING);
}

static char *
cached_text (Fixture *fixture)
{
  g_autofree char *path = g_file_get_path (dav_edit_session_get_file (fixture->session));
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* As an editor saves: a new file renamed over the old one. */
static void
edit_cached (Fixture    *fixture,
             const char *text)
{
  g_autofree char *path = g_file_get_path (dav_edit_session_get_file (fixture->session));

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static gboolean
is_idle (gpointer data)
{
  Fixture *fixture = data;
  DavEditState state = dav_edit_session_get_state (fixture->session);

  return state != DAV_EDIT_STATE_UPLOADING && state != DAV_EDIT_STATE_DOWNLOADING;
}

static const Seen *
last_seen (Server     *server,
           const char *method)
{
  for (guint i = server->seen->len; i > 0; i--)
    {
      const Seen *seen = g_ptr_array_index (server->seen, i - 1);

      if (g_str_equal (seen->method, method))
        return seen;
    }
  return NULL;
}

/* A header of the last PUT the server read. */
static const char *
last_put_header (Server     *server,
                 const char *name)
{
  const Seen *seen = last_seen (server, "PUT");

  g_assert_nonnull (seen);
  return seen ? soup_message_headers_get_one (seen->headers, name) : NULL;
}

static void
test_download (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;

  open_session (fixture, FALSE);
  text = cached_text (fixture);
  g_assert_cmpstr (text, ==, "first\n");
  g_assert_cmpstr (dav_edit_session_get_etag (fixture->session), ==, "\"v1\"");
  g_assert_cmpstr (dav_edit_session_get_condition (fixture->session), ==, "If-Match");
  /* $cache/<per-file folder>/<name> */
  path = g_file_get_path (dav_edit_session_get_file (fixture->session));
  g_assert_true (g_str_has_prefix (path, fixture->cache));
  g_assert_true (g_str_has_suffix (path, "/notes.txt"));
}

static void
test_unchanged_sends_nothing (Fixture       *fixture,
                              gconstpointer  data)
{
  open_session (fixture, FALSE);
  fixture->unchanged = 0;

  /* Saved with the same bytes, through the monitor. */
  edit_cached (fixture, "first\n");
  wait_for_count (&fixture->unchanged, 1, "the unchanged save");
  g_assert_cmpuint (server_count (fixture->server, "PUT"), ==, 0);
  g_assert_cmpuint (fixture->saved, ==, 0);
}

static void
test_change_puts_if_match (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *stored = NULL;

  open_session (fixture, FALSE);
  edit_cached (fixture, "second\n");
  wait_for_count (&fixture->saved, 1, "the upload");
  g_assert_cmpint (fixture->last_step, ==, DAV_EDIT_STEP_UPLOAD);
  g_assert_cmpuint (server_count (fixture->server, "PUT"), ==, 1);
  g_assert_cmpstr (last_put_header (fixture->server, "If-Match"),
                   ==, "\"v1\"");
  stored = store_get (&fixture->store, "/dav/notes.txt");
  g_assert_cmpstr (stored, ==, "second\n");
  /* The PUT's answer gave the next ETag: only the look before it. */
  g_assert_cmpstr (dav_edit_session_get_etag (fixture->session), ==, "\"v2\"");
  g_assert_cmpuint (server_count (fixture->server, "PROPFIND"), ==, 1);

  /* The next save goes on that one. */
  wait_until (is_idle, fixture, "idle");
  edit_cached (fixture, "third\n");
  wait_for_count (&fixture->saved, 2, "the second upload");
  g_assert_cmpstr (last_put_header (fixture->server, "If-Match"),
                   ==, "\"v2\"");
  g_clear_pointer (&stored, g_free);
  stored = store_get (&fixture->store, "/dav/notes.txt");
  g_assert_cmpstr (stored, ==, "third\n");
}

static void
test_etag_after_put_asked (Fixture       *fixture,
                           gconstpointer  data)
{
  fixture->store.no_put_etag = TRUE;
  open_session (fixture, FALSE);
  edit_cached (fixture, "second\n");
  wait_for_count (&fixture->saved, 1, "the upload");
  wait_until (is_idle, fixture, "the new ETag");
  /* The look before the PUT, and the question after it. */
  g_assert_cmpuint (server_count (fixture->server, "PROPFIND"), ==, 2);
  g_assert_cmpstr (dav_edit_session_get_etag (fixture->session), ==, "\"v2\"");
}

static void
test_no_etag_uses_date (Fixture       *fixture,
                        gconstpointer  data)
{
  fixture->store.no_etag = TRUE;
  open_session (fixture, FALSE);
  g_assert_null (dav_edit_session_get_etag (fixture->session));
  g_assert_cmpstr (dav_edit_session_get_condition (fixture->session), ==, "If-Unmodified-Since");
  edit_cached (fixture, "second\n");
  wait_for_count (&fixture->saved, 1, "the upload");
  g_assert_null (last_put_header (fixture->server, "If-Match"));
  g_assert_cmpstr (last_put_header (fixture->server, "If-Unmodified-Since"),
                   ==, DATE);
}

/* Someone else saves on the server; then we do. */
static void
make_conflict (Fixture *fixture)
{
  open_session (fixture, FALSE);
  store_set (&fixture->store, "/dav/notes.txt", "theirs\n");
  edit_cached (fixture, "mine\n");
  wait_for_count (&fixture->conflicts, 1, "the conflict");
  g_assert_cmpuint (dav_edit_session_get_state (fixture->session), ==, DAV_EDIT_STATE_CONFLICT);
  g_assert_cmpuint (fixture->saved, ==, 0);
}

static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *stored = NULL;

  make_conflict (fixture);
  stored = store_get (&fixture->store, "/dav/notes.txt");
  g_assert_cmpstr (stored, ==, "theirs\n");

  /* Further saves wait for the answer. */
  edit_cached (fixture, "mine again\n");
  g_usleep (200000);
  drain_main_context ();
  g_assert_cmpuint (server_count (fixture->server, "PUT"), ==, 0);
  g_assert_cmpuint (fixture->conflicts, ==, 1);
}

/* Changed between the look before the PUT and the PUT: the 412 asks. */
static void
test_conflict_race (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *stored = NULL;

  open_session (fixture, FALSE);
  store_set (&fixture->store, "/dav/notes.txt", "theirs\n");
  fixture->store.propfind_etag = "\"v1\"";
  edit_cached (fixture, "mine\n");
  wait_for_count (&fixture->conflicts, 1, "the conflict");
  g_assert_cmpuint (fixture->conflict_status, ==, 412);
  g_assert_cmpuint (server_count (fixture->server, "PUT"), ==, 1);
  g_assert_cmpstr (last_put_header (fixture->server, "If-Match"), ==, "\"v1\"");
  stored = store_get (&fixture->store, "/dav/notes.txt");
  g_assert_cmpstr (stored, ==, "theirs\n");
}

/* A server that ignores If-Match (nginx): the look before the PUT finds
 * the other version, and nothing is sent. */
static void
test_conflict_seen_first (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *stored = NULL;

  make_conflict (fixture);
  g_assert_cmpuint (fixture->conflict_status, ==, 207);
  g_assert_cmpuint (server_count (fixture->server, "PUT"), ==, 0);
  stored = store_get (&fixture->store, "/dav/notes.txt");
  g_assert_cmpstr (stored, ==, "theirs\n");
}

static void
test_keep_both (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *stored = NULL;
  g_autofree char *cached = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *copy_path = NULL;
  GHashTableIter iter;
  gpointer key;
  guint files = 0;

  make_conflict (fixture);
  dav_edit_session_resolve (fixture->session, DAV_EDIT_KEEP_BOTH);
  wait_for_count (&fixture->saved, 1, "the copy");
  wait_until (is_idle, fixture, "idle");
  g_assert_cmpint (fixture->last_step, ==, DAV_EDIT_STEP_KEEP_BOTH);

  /* Theirs untouched, ours beside it, sent only if that name was free. */
  stored = store_get (&fixture->store, "/dav/notes.txt");
  g_assert_cmpstr (stored, ==, "theirs\n");
  g_hash_table_iter_init (&iter, fixture->store.files);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      files++;
      /* The server's handler gets the path decoded. */
      if (g_str_has_prefix (key, "/dav/notes (conflict "))
        copy_path = g_strdup (key);
    }
  g_assert_cmpuint (files, ==, 2);
  g_assert_nonnull (copy_path);
  g_assert_true (g_str_has_suffix (copy_path, ").txt"));
  copy = store_get (&fixture->store, copy_path);
  g_assert_cmpstr (copy, ==, "mine\n");
  g_assert_cmpstr (last_put_header (fixture->server, "If-None-Match"),
                   ==, "*");
  cached = cached_text (fixture);
  g_assert_cmpstr (cached, ==, "mine\n");
  g_assert_nonnull (strstr (dav_edit_session_get_url (fixture->session), "/dav/notes%20%28conflict%20"));

  /* Further saves go to the copy. */
  edit_cached (fixture, "mine, later\n");
  wait_for_count (&fixture->saved, 2, "the save to the copy");
  g_clear_pointer (&copy, g_free);
  copy = store_get (&fixture->store, copy_path);
  g_assert_cmpstr (copy, ==, "mine, later\n");
  g_clear_pointer (&stored, g_free);
  stored = store_get (&fixture->store, "/dav/notes.txt");
  g_assert_cmpstr (stored, ==, "theirs\n");
}

static void
test_overwrite (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *stored = NULL;
  g_autofree char *cached = NULL;

  make_conflict (fixture);
  dav_edit_session_resolve (fixture->session, DAV_EDIT_OVERWRITE);
  wait_for_count (&fixture->saved, 1, "the overwrite");
  wait_until (is_idle, fixture, "idle");
  g_assert_cmpint (fixture->last_step, ==, DAV_EDIT_STEP_OVERWRITE);
  /* On the version that is there now, not blindly. */
  g_assert_cmpstr (last_put_header (fixture->server, "If-Match"),
                   ==, "\"v2\"");
  stored = store_get (&fixture->store, "/dav/notes.txt");
  g_assert_cmpstr (stored, ==, "mine\n");
  cached = cached_text (fixture);
  g_assert_cmpstr (cached, ==, "mine\n");
  g_assert_cmpuint (g_hash_table_size (fixture->store.files), ==, 1);
  g_assert_cmpstr (dav_edit_session_get_etag (fixture->session), ==, "\"v3\"");
}

static void
test_discard (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *stored = NULL;
  g_autofree char *cached = NULL;
  guint puts;

  make_conflict (fixture);
  puts = server_count (fixture->server, "PUT");
  dav_edit_session_resolve (fixture->session, DAV_EDIT_DISCARD);
  wait_for_count (&fixture->saved, 1, "the server's version");
  wait_until (is_idle, fixture, "idle");
  g_assert_cmpint (fixture->last_step, ==, DAV_EDIT_STEP_DISCARD);
  stored = store_get (&fixture->store, "/dav/notes.txt");
  g_assert_cmpstr (stored, ==, "theirs\n");
  cached = cached_text (fixture);
  g_assert_cmpstr (cached, ==, "theirs\n");
  g_assert_cmpuint (g_hash_table_size (fixture->store.files), ==, 1);
  g_assert_cmpstr (dav_edit_session_get_etag (fixture->session), ==, "\"v2\"");

  /* Still watched; replacing the cache sent nothing. */
  g_usleep (200000);
  drain_main_context ();
  g_assert_cmpuint (server_count (fixture->server, "PUT"), ==, puts);
  edit_cached (fixture, "theirs, then mine\n");
  wait_for_count (&fixture->saved, 2, "the next save");
  g_assert_cmpstr (last_put_header (fixture->server, "If-Match"),
                   ==, "\"v2\"");
}

static void
test_failed_upload (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *stored = NULL;

  fixture->store.fail_put = 507;
  open_session (fixture, FALSE);
  edit_cached (fixture, "second\n");
  wait_for_count (&fixture->failed, 1, "the failure");
  g_assert_cmpint (fixture->last_step, ==, DAV_EDIT_STEP_UPLOAD);
  g_assert_cmpuint (fixture->failed_exchange, !=, 0);
  g_assert_cmpuint (dav_edit_session_get_state (fixture->session), ==, DAV_EDIT_STATE_FAILED);
  g_assert_cmpuint (fixture->saved, ==, 0);

  /* The next save tries again, on the same ETag. */
  fixture->store.fail_put = 0;
  edit_cached (fixture, "third\n");
  wait_for_count (&fixture->saved, 1, "the retry");
  stored = store_get (&fixture->store, "/dav/notes.txt");
  g_assert_cmpstr (stored, ==, "third\n");
  g_assert_cmpstr (last_put_header (fixture->server, "If-Match"),
                   ==, "\"v1\"");
}

static gboolean
is_locked (gpointer data)
{
  return ((Store *) data)->locked;
}

static void
test_lock (Fixture       *fixture,
           gconstpointer  data)
{
  const char *if_header;

  open_session (fixture, TRUE);
  wait_until (is_locked, &fixture->store, "the LOCK");
  drain_main_context ();
  edit_cached (fixture, "second\n");
  wait_for_count (&fixture->saved, 1, "the upload");
  if_header = last_put_header (fixture->server, "If");
  g_assert_nonnull (if_header);
  g_assert_nonnull (strstr (if_header, "opaquelocktoken:t1"));

  dav_edit_session_close (fixture->session);
  while (fixture->store.locked)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (server_count (fixture->server, "UNLOCK"), ==, 1);
}

static void
test_conflict_name (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 12, 3, 14, 5, 0);
  g_autofree char *a = dav_edit_session_conflict_name ("report.odt", when, 0);
  g_autofree char *b = dav_edit_session_conflict_name (".bashrc", when, 0);
  g_autofree char *c = dav_edit_session_conflict_name ("README", when, 1);

  g_assert_cmpstr (a, ==, "report (conflict 2026-12-03 14.05).odt");
  g_assert_cmpstr (b, ==, ".bashrc (conflict 2026-12-03 14.05)");
  g_assert_cmpstr (c, ==, "README (conflict 2026-12-03 14.05 2)");
}

#define ADD(name, func) \
  g_test_add ("/edit-session/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The isolated dirs have no GSettings schemas for GNOME's proxy
   * resolver, and 127.0.0.1 never goes through a proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  ADD ("download", test_download);
  ADD ("unchanged-sends-nothing", test_unchanged_sends_nothing);
  ADD ("change-puts-if-match", test_change_puts_if_match);
  ADD ("etag-after-put-asked", test_etag_after_put_asked);
  ADD ("no-etag-uses-date", test_no_etag_uses_date);
  ADD ("conflict", test_conflict);
  ADD ("conflict-race", test_conflict_race);
  ADD ("conflict-seen-first", test_conflict_seen_first);
  ADD ("keep-both", test_keep_both);
  ADD ("overwrite", test_overwrite);
  ADD ("discard", test_discard);
  ADD ("failed-upload", test_failed_upload);
  ADD ("lock", test_lock);
  g_test_add_func ("/edit-session/conflict-name", test_conflict_name);

  return g_test_run ();
}
