/* test-search.c: DavSearch, by SEARCH where offered and by walking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * None of Apache, nginx or lighttpd offer DASL, so an in-process
 * SoupServer plays a server that does: OPTIONS advertises
 * DAV:basicsearch, SEARCH answers with a 207 of what matches (or is
 * refused, to see the walk take over). Without DASL the same server is
 * walked: matches by name and by a dead property's value come as each
 * folder is read, and a folder it refuses to list is handed over with its
 * status and exchange. The walk against a real server is in
 * tests/ui/test-search.py.
 */

#include <string.h>

#include "dav-error.h"
#include "dav-request-body-private.h"
#include "dav-search.h"

#include "dav-test-async.h"
#include "dav-test-soup-server.h"

/* The tree: folders end with a slash; a colour is a dead property. */
static const struct {
  const char *path;
  const char *colour;
} tree[] = {
  { "/dav/", NULL },
  { "/dav/readme.txt", NULL },
  { "/dav/one/", NULL },
  { "/dav/one/two/", NULL },
  { "/dav/one/two/three/", NULL },
  { "/dav/one/two/three/Deep Café.txt", NULL },
  { "/dav/one/painted.txt", "Sea Green" },
  { "/dav/locked/", NULL },
  { "/dav/locked/secret cafe.txt", NULL },
};

typedef struct {
  Server   *server;
  gboolean  dasl;          /* OPTIONS offers DAV:basicsearch */
  guint     search_status; /* 0: SEARCH answers 207 */
  char     *search_body;   /* the last SEARCH request's body */
} Fixture;

typedef struct {
  GPtrArray *matches;      /* char*: decoded paths, in the order handed over */
  GPtrArray *failures;     /* char*: "path status exchange" */
  guint      failures_before_end;
  gboolean   ended;
} Got;

static void
add_response (GString    *body,
              const char *path,
              const char *colour)
{
  g_autofree char *href = g_uri_escape_string (path, "/", FALSE);

  g_string_append_printf (body,
                          "<D:response><D:href>%s</D:href><D:propstat><D:prop><D:resourcetype>%s</D:resourcetype>",
                          href, g_str_has_suffix (path, "/") ? "<D:collection/>" : "");
  if (colour != NULL)
    g_string_append_printf (body, "<X:colour xmlns:X=\"urn:x\">%s</X:colour>", colour);
  g_string_append (body, "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n");
}

static void
respond_207 (SoupServerMessage *msg,
             GString           *body)
{
  g_string_append (body, "</D:multistatus>\n");
  soup_server_message_set_status (msg, SOUP_STATUS_MULTI_STATUS, NULL);
  soup_server_message_set_response (msg, "application/xml; charset=utf-8", SOUP_MEMORY_TAKE,
                                    body->str, body->len);
  g_string_free (body, FALSE);
}

static gboolean
is_member (const char *path,
           const char *folder)
{
  const char *rest;
  const char *slash;

  if (!g_str_has_prefix (path, folder))
    return FALSE;
  rest = path + strlen (folder);
  slash = strchr (rest, '/');
  return slash == NULL || slash[1] == '\0';
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *fixture = ((Server *) user_data)->data;
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *folder = g_uri_unescape_string (path, NULL);
  GString *body = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">\n");

  if (g_str_equal (method, "OPTIONS"))
    {
      g_string_free (body, TRUE);
      soup_message_headers_append (soup_server_message_get_response_headers (msg), "DAV", "1, 2");
      if (fixture->dasl)
        soup_message_headers_append (soup_server_message_get_response_headers (msg), "DASL", "<DAV:basicsearch>");
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
    }
  else if (g_str_equal (method, "SEARCH"))
    {
      SoupMessageBody *request = soup_server_message_get_request_body (msg);

      g_free (fixture->search_body);
      fixture->search_body = g_strndup (request->data, request->length);
      if (fixture->search_status != 0)
        {
          g_string_free (body, TRUE);
          soup_server_message_set_status (msg, fixture->search_status, NULL);
          return;
        }
      /* Only what the tests ask: names containing "caf", any case. */
      for (guint i = 0; i < G_N_ELEMENTS (tree); i++)
        if (strstr (tree[i].path, "af") != NULL)
          add_response (body, tree[i].path, tree[i].colour);
      respond_207 (msg, body);
    }
  else if (g_str_equal (method, "PROPFIND"))
    {
      if (g_str_equal (folder, "/dav/locked/"))
        {
          g_string_free (body, TRUE);
          soup_server_message_set_status (msg, SOUP_STATUS_FORBIDDEN, NULL);
          return;
        }
      for (guint i = 0; i < G_N_ELEMENTS (tree); i++)
        if (is_member (tree[i].path, folder))
          add_response (body, tree[i].path, tree[i].colour);
      respond_207 (msg, body);
    }
  else
    {
      g_string_free (body, TRUE);
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = server_new (handler, fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->server, server_free);
  g_free (fixture->search_body);
}

static void
on_match (DavSearch         *search,
          const DavResponse *response,
          const DavHref     *href,
          Got              *seen)
{
  g_assert_false (seen->ended);
  g_ptr_array_add (seen->matches, g_uri_unescape_string (href->path, NULL));
}

static void
on_failed (DavSearch            *search,
           const DavWalkFailure *failure,
           Got                 *seen)
{
  g_autoptr(GUri) uri = g_uri_parse (failure->url, G_URI_FLAGS_ENCODED, NULL);

  g_assert_false (seen->ended);
  g_ptr_array_add (seen->failures, g_strdup_printf ("%s %u %s", g_uri_get_path (uri), failure->status,
                                                    failure->exchange_id > 0 ? "exchange" : "none"));
}

static void
got_clear (Got *seen)
{
  g_ptr_array_unref (seen->matches);
  g_ptr_array_unref (seen->failures);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Got, got_clear)

static gint
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Runs a search below /dav/; the matches sorted. */
static DavSearch *
run (Fixture    *fixture,
     const char *name,
     const char *property,
     const char *value,
     Got       *seen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DavClient) client = client_new (fixture->server->dav_url);
  DavSearch *search = dav_search_new (client, fixture->server->dav_url, name, property, value, NULL, &error);
  GAsyncResult *res = NULL;

  g_assert_no_error (error);
  seen->matches = g_ptr_array_new_with_free_func (g_free);
  seen->failures = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (search, "match", G_CALLBACK (on_match), seen);
  g_signal_connect (search, "failed", G_CALLBACK (on_failed), seen);
  dav_search_set_concurrency (search, 2);
  dav_search_run_async (search, NULL, store_result_cb, &res);
  wait_for (&res);
  seen->ended = TRUE;
  g_assert_true (dav_search_run_finish (search, res, &error));
  g_assert_no_error (error);
  g_object_unref (res);
  g_ptr_array_sort (seen->matches, compare_paths);

  return search;
}

static void
assert_paths (GPtrArray          *paths,
              const char * const *expected)
{
  for (guint i = 0; i < paths->len && expected[i] != NULL; i++)
    g_assert_cmpstr (g_ptr_array_index (paths, i), ==, expected[i]);
  g_assert_cmpuint (paths->len, ==, g_strv_length ((char **) expected));
}

/* The query body: the listing's properties, the scope, and DAV:like
 * patterns with the wildcards of the text escaped. */
static void
test_body (void)
{
  g_autoptr(GError) error = NULL;
  const char *names[] = { "{DAV:}getcontentlength", "{urn:x}colour", NULL };
  g_autoptr(GBytes) body = dav_request_body_search ("/dav/a%20b/", names, "50%_off<&", "{urn:x}colour",
                                                    "green", &error);
  g_autoptr(GBytes) bad = NULL;
  const char *text;

  g_assert_no_error (error);
  text = g_bytes_get_data (body, NULL);
  g_assert_cmpstr (text, ==,
                   "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                   "<D:searchrequest xmlns:D=\"DAV:\"><D:basicsearch>"
                   "<D:select><D:prop><D:getcontentlength/><N:colour xmlns:N=\"urn:x\"/></D:prop></D:select>"
                   "<D:from><D:scope><D:href>/dav/a%20b/</D:href><D:depth>infinity</D:depth></D:scope></D:from>"
                   "<D:where><D:and>"
                   "<D:like caseless=\"yes\"><D:prop><D:displayname/></D:prop>"
                   "<D:literal>%50\\%\\_off&lt;&amp;%</D:literal></D:like>"
                   "<D:like caseless=\"yes\"><D:prop><N:colour xmlns:N=\"urn:x\"/></D:prop>"
                   "<D:literal>%green%</D:literal></D:like>"
                   "</D:and></D:where></D:basicsearch></D:searchrequest>\n");

  bad = dav_request_body_search ("/dav/", NULL, NULL, "colour", "x", &error);
  g_assert_null (bad);
  g_assert_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT);
}

static void
test_nothing_asked (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DavClient) client = client_new ("http://127.0.0.1:1/dav/");
  g_autoptr(DavSearch) search = dav_search_new (client, "http://127.0.0.1:1/dav/", "", NULL, NULL, NULL, &error);

  g_assert_null (search);
  g_assert_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT);
}

/* No DASL: a walk, a folder at a time; the folder refused is an item. */
static void
test_walk_by_name (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Got) seen = { 0, };
  g_autoptr(DavSearch) search = run (fixture, "CAFE", NULL, NULL, &seen);
  const char *expected[] = { "/dav/one/two/three/Deep Café.txt", NULL };

  assert_paths (seen.matches, expected);
  g_assert_cmpint (dav_search_get_method (search), ==, DAV_SEARCH_METHOD_WALK);
  g_assert_cmpuint (server_count (fixture->server, "SEARCH"), ==, 0);
  g_assert_cmpuint (seen.failures->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen.failures, 0), ==, "/dav/locked/ 403 exchange");
  g_assert_cmpuint (dav_search_get_n_failures (search), ==, 1);
  /* /dav/, one, two, three, locked. */
  g_assert_cmpuint (dav_search_get_n_folders (search), ==, 5);
  g_assert_cmpuint (dav_search_get_n_in_flight (search), ==, 0);
  g_assert_null (dav_search_get_fallback_reason (search, NULL));
}

static void
test_walk_by_property (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Got) seen = { 0, };
  g_autoptr(DavSearch) search = run (fixture, NULL, "{urn:x}colour", "sea g", &seen);
  const char *expected[] = { "/dav/one/painted.txt", NULL };

  assert_paths (seen.matches, expected);
  g_assert_cmpuint (dav_search_get_n_matches (search), ==, 1);
}

/* Name and value together: both must match. */
static void
test_walk_both (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Got) seen = { 0, };
  g_autoptr(DavSearch) search = run (fixture, "deep", "{urn:x}colour", "", &seen);

  g_assert_cmpuint (seen.matches->len, ==, 0);
  g_assert_cmpuint (seen.failures->len, ==, 1);
}

/* DASL offered: one SEARCH, no PROPFIND, the server's matches. */
static void
test_search_method (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Got) seen = { 0, };
  g_autoptr(DavSearch) search = NULL;
  const char *expected[] = { "/dav/locked/secret cafe.txt", "/dav/one/two/three/Deep Café.txt", NULL };

  fixture->dasl = TRUE;
  search = run (fixture, "caf", NULL, NULL, &seen);

  assert_paths (seen.matches, expected);
  g_assert_cmpint (dav_search_get_method (search), ==, DAV_SEARCH_METHOD_SEARCH);
  g_assert_cmpuint (server_count (fixture->server, "SEARCH"), ==, 1);
  g_assert_cmpuint (server_count (fixture->server, "PROPFIND"), ==, 0);
  g_assert_cmpuint (seen.failures->len, ==, 0);
  g_assert_nonnull (strstr (fixture->search_body, "<D:href>/dav/</D:href><D:depth>infinity</D:depth>"));
  g_assert_nonnull (strstr (fixture->search_body, "<D:literal>%caf%</D:literal>"));
  g_assert_null (dav_search_get_fallback_reason (search, NULL));
}

/* SEARCH advertised but refused: the walk takes over, and says why. */
static void
test_search_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Got) seen = { 0, };
  g_autoptr(DavSearch) search = NULL;
  const char *expected[] = { "/dav/one/two/three/Deep Café.txt", NULL };
  guint64 exchange = 0;
  const char *reason;

  fixture->dasl = TRUE;
  fixture->search_status = GPOINTER_TO_UINT (data);
  search = run (fixture, "café", NULL, NULL, &seen);

  assert_paths (seen.matches, expected);
  g_assert_cmpint (dav_search_get_method (search), ==, DAV_SEARCH_METHOD_WALK);
  g_assert_cmpuint (server_count (fixture->server, "SEARCH"), ==, 1);
  reason = dav_search_get_fallback_reason (search, &exchange);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, fixture->search_status == 501 ? "501" : "422"));
  g_assert_cmpuint (exchange, >, 0);
  g_assert_cmpuint (seen.failures->len, ==, 1);
}

/* The collection itself refused: one item for it, not "nothing found". */
static void
test_root_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DavClient) client = client_new (fixture->server->dav_url);
  g_autofree char *url = g_strconcat (fixture->server->dav_url, "locked/", NULL);
  g_autoptr(DavSearch) search = dav_search_new (client, url, "x", NULL, NULL, NULL, &error);
  g_auto(Got) seen = { 0, };
  GAsyncResult *res = NULL;

  seen.matches = g_ptr_array_new_with_free_func (g_free);
  seen.failures = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (search, "failed", G_CALLBACK (on_failed), &seen);
  dav_search_run_async (search, NULL, store_result_cb, &res);
  wait_for (&res);
  g_assert_true (dav_search_run_finish (search, res, &error));
  g_object_unref (res);
  g_assert_cmpuint (seen.failures->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen.failures, 0), ==, "/dav/locked/ 403 exchange");
}

/* Cancel stops it: the search ends cancelled and nothing more comes. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DavClient) client = client_new (fixture->server->dav_url);
  g_autoptr(DavSearch) search = dav_search_new (client, fixture->server->dav_url, "caf", NULL, NULL, NULL, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GAsyncResult *res = NULL;

  dav_search_set_use_search (search, FALSE);
  dav_search_run_async (search, cancellable, store_result_cb, &res);
  g_cancellable_cancel (cancellable);
  wait_for (&res);
  g_assert_false (dav_search_run_finish (search, res, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_object_unref (res);
  g_assert_cmpuint (dav_search_get_n_in_flight (search), ==, 0);
}

static void
test_offers (void)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

  g_assert_false (dav_search_offers_basicsearch (headers));
  soup_message_headers_append (headers, "DASL", "<urn:other:grammar>");
  g_assert_false (dav_search_offers_basicsearch (headers));
  soup_message_headers_append (headers, "DASL", "<DAV:basicsearch>");
  g_assert_true (dav_search_offers_basicsearch (headers));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  dav_test_set_wait_seconds (20);

  g_test_add_func ("/search/body", test_body);
  g_test_add_func ("/search/nothing-asked", test_nothing_asked);
  g_test_add_func ("/search/offers", test_offers);
#define ADD(name, data, fn) \
  g_test_add ("/search/" name, Fixture, GUINT_TO_POINTER (data), fixture_set_up, fn, fixture_tear_down)
  ADD ("walk-by-name", 0, test_walk_by_name);
  ADD ("walk-by-property", 0, test_walk_by_property);
  ADD ("walk-both", 0, test_walk_both);
  ADD ("search-method", 0, test_search_method);
  ADD ("search-refused-501", 501, test_search_refused);
  ADD ("search-refused-422", 422, test_search_refused);
  ADD ("root-refused", 0, test_root_refused);
  ADD ("cancel", 0, test_cancel);
#undef ADD

  return g_test_run ();
}
