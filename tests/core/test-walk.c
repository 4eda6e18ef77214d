/* test-walk.c: DavWalk against servers that treat Depth: infinity
 * differently
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An in-process SoupServer serves one small tree and answers
 * Depth: infinity as Apache does (the whole tree), as most servers do
 * (403 with DAV:propfind-finite-depth), as some do (Depth 1 only), or
 * with a body cut off; one folder may fail. The walk must hand over every
 * resource of the tree exactly once, say how it got them, and list what
 * it could not list. The real servers are in tests/servers.
 */

#include <string.h>

#include "dav-walk.h"

#include "dav-test-async.h"
#include "dav-test-soup-server.h"

typedef enum {
  INFINITY_HONOURED,
  INFINITY_REFUSED,
  INFINITY_AS_DEPTH_1,
  INFINITY_CUT_OFF,
} InfinityMode;

/* The tree: folders end with a slash. */
static const char * const tree[] = {
  "/dav/",
  "/dav/a.txt",
  "/dav/with space.txt",
  "/dav/one/",
  "/dav/one/b.txt",
  "/dav/one/two/",
  "/dav/one/two/c.txt",
  "/dav/one/two/three/",
  "/dav/empty/",
  "/dav/broken/",
  "/dav/broken/hidden.txt",
  NULL
};

typedef struct {
  Server       *server;
  const char   *url;        /* the server's /dav/ */
  InfinityMode  mode;
  gboolean      broken;     /* /dav/broken/ answers 500 */
  guint         n_infinity;
  guint         n_depth_1;
} Fixture;

static char *
escape_path (const char *path)
{
  return g_uri_escape_string (path, "/", FALSE);
}

static void
add_response (GString    *body,
              const char *path)
{
  g_autofree char *href = escape_path (path);
  gboolean folder = g_str_has_suffix (path, "/");

  g_string_append_printf (body,
                          "<D:response><D:href>%s</D:href><D:propstat><D:prop><D:resourcetype>%s</D:resourcetype>"
                          "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n",
                          href, folder ? "<D:collection/>" : "");
}

/* Whether @path is @folder itself, a member of it or (@deep) below it. */
static gboolean
listed_in (const char *path,
           const char *folder,
           gboolean    deep)
{
  const char *rest;
  const char *slash;

  if (!g_str_has_prefix (path, folder))
    return FALSE;
  rest = path + strlen (folder);
  if (*rest == '\0' || deep)
    return TRUE;
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
  const char *depth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Depth");
  gboolean infinity = depth == NULL || g_ascii_strcasecmp (depth, "infinity") == 0;
  g_autofree char *folder = g_uri_unescape_string (path, NULL);
  GString *body;

  if (!g_str_equal (soup_server_message_get_method (msg), "PROPFIND"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }
  if (infinity)
    fixture->n_infinity++;
  else
    fixture->n_depth_1++;

  if (infinity && fixture->mode == INFINITY_REFUSED)
    {
      static const char refused[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                    "<D:error xmlns:D=\"DAV:\"><D:propfind-finite-depth/></D:error>\n";

      soup_server_message_set_status (msg, SOUP_STATUS_FORBIDDEN, NULL);
      soup_server_message_set_response (msg, "application/xml; charset=utf-8", SOUP_MEMORY_STATIC,
                                        refused, strlen (refused));
      return;
    }
  if (fixture->broken && g_str_equal (folder, "/dav/broken/"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    }

  body = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">\n");
  for (guint i = 0; tree[i] != NULL; i++)
    if (listed_in (tree[i], folder, infinity && fixture->mode != INFINITY_AS_DEPTH_1))
      add_response (body, tree[i]);
  if (infinity && fixture->mode == INFINITY_CUT_OFF)
    g_string_truncate (body, strstr (body->str, "/dav/one/b.txt") - body->str);
  else
    g_string_append (body, "</D:multistatus>\n");

  soup_server_message_set_status (msg, SOUP_STATUS_MULTI_STATUS, NULL);
  soup_server_message_set_response (msg, "application/xml; charset=utf-8", SOUP_MEMORY_TAKE,
                                    body->str, body->len);
  g_string_free (body, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->mode = GPOINTER_TO_INT (data);
  fixture->server = server_new (handler, fixture);
  fixture->url = fixture->server->dav_url;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->server, server_free);
}

static void
collect_cb (DavWalk           *walk,
            const DavResponse *response,
            const char        *href_text,
            const DavHref     *href,
            gpointer           user_data)
{
  GPtrArray *paths = user_data;

  /* Only the cut-off answer ends in a response that names nothing yet. */
  if (href == NULL)
    return;
  g_assert_null (href->problem);
  g_ptr_array_add (paths, g_uri_unescape_string (href->path, NULL));
}

/* g_ptr_array_sort () hands over pointers to the elements. */
static gint
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Runs a walk; returns the paths handed over, sorted. */
static GPtrArray *
walk (Fixture   *fixture,
      gboolean   try_infinity,
      DavWalk  **out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DavClient) client = dav_client_new (fixture->url, &error);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  GAsyncResult *res = NULL;
  DavWalk *self;

  g_assert_no_error (error);
  self = dav_walk_new (client, fixture->url, DAV_PROPFIND_PROP, NULL);
  dav_walk_set_try_infinity (self, try_infinity);
  dav_walk_set_concurrency (self, 3);
  dav_walk_run_async (self, collect_cb, paths, NULL, store_result_cb, &res);
  wait_for (&res);
  g_assert_true (dav_walk_run_finish (self, res, &error));
  g_assert_no_error (error);
  g_object_unref (res);

  g_ptr_array_sort (paths, compare_paths);
  *out = self;
  return paths;
}

/* Every path of the tree, once, in order (hidden.txt only when
 * /dav/broken/ answers). */
static void
assert_whole_tree (GPtrArray *paths,
                   gboolean   with_broken)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();

  for (guint i = 0; tree[i] != NULL; i++)
    if (with_broken || !g_str_equal (tree[i], "/dav/broken/hidden.txt"))
      g_ptr_array_add (expected, (gpointer) tree[i]);
  g_ptr_array_sort (expected, compare_paths);

  for (guint i = 0; i < MIN (paths->len, expected->len); i++)
    g_assert_cmpstr (g_ptr_array_index (paths, i), ==, g_ptr_array_index (expected, i));
  g_assert_cmpuint (paths->len, ==, expected->len);
}

static void
test_infinity_honoured (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(DavWalk) self = NULL;
  g_autoptr(GPtrArray) paths = walk (fixture, TRUE, &self);

  assert_whole_tree (paths, TRUE);
  g_assert_cmpint (dav_walk_get_mode (self), ==, DAV_WALK_INFINITY);
  g_assert_true (dav_walk_get_complete (self));
  g_assert_cmpuint (fixture->n_infinity, ==, 1);
  g_assert_cmpuint (fixture->n_depth_1, ==, 0);
  g_assert_cmpuint (dav_walk_get_n_requests (self), ==, 1);
}

static void
test_infinity_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(DavWalk) self = NULL;
  g_autoptr(GPtrArray) paths = walk (fixture, TRUE, &self);

  assert_whole_tree (paths, TRUE);
  g_assert_cmpint (dav_walk_get_mode (self), ==, DAV_WALK_INFINITY_REFUSED);
  g_assert_true (dav_walk_get_complete (self));
  g_assert_nonnull (dav_walk_get_infinity_result (self));
  g_assert_cmpuint (dav_walk_get_infinity_result (self)->status, ==, 403);
  /* One listing per folder: /dav/, one, two, three, empty, broken. */
  g_assert_cmpuint (fixture->n_depth_1, ==, 6);
  g_assert_cmpuint (dav_walk_get_n_folders (self), ==, 6);
}

static void
test_infinity_as_depth_1 (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(DavWalk) self = NULL;
  g_autoptr(GPtrArray) paths = walk (fixture, TRUE, &self);

  assert_whole_tree (paths, TRUE);
  g_assert_cmpint (dav_walk_get_mode (self), ==, DAV_WALK_INFINITY_IGNORED);
  g_assert_true (dav_walk_get_complete (self));
  /* The root came with the infinity answer: the other five folders. */
  g_assert_cmpuint (fixture->n_depth_1, ==, 5);
}

static void
test_infinity_cut_off (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(DavWalk) self = NULL;
  g_autoptr(GPtrArray) paths = walk (fixture, TRUE, &self);

  /* What the cut-off answer held is not handed over twice. */
  assert_whole_tree (paths, TRUE);
  g_assert_cmpint (dav_walk_get_mode (self), ==, DAV_WALK_INFINITY_REFUSED);
  g_assert_true (dav_walk_get_complete (self));
  g_assert_cmpuint (dav_walk_get_infinity_result (self)->status, ==, 207);
  g_assert_false (dav_walk_get_infinity_result (self)->complete);
}

static void
test_levels (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(DavWalk) self = NULL;
  g_autoptr(GPtrArray) paths = walk (fixture, FALSE, &self);

  assert_whole_tree (paths, TRUE);
  g_assert_cmpint (dav_walk_get_mode (self), ==, DAV_WALK_LEVELS);
  g_assert_cmpuint (fixture->n_infinity, ==, 0);
  g_assert_cmpuint (fixture->n_depth_1, ==, 6);
}

/* A folder that cannot be listed: the rest of the tree is there, and the
 * walk says which folder is missing and why. */
static void
test_folder_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DavWalk) self = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  const DavWalkFailure *failure;

  fixture->broken = TRUE;
  paths = walk (fixture, TRUE, &self);

  assert_whole_tree (paths, FALSE);
  g_assert_false (dav_walk_get_complete (self));
  g_assert_cmpuint (dav_walk_get_failures (self)->len, ==, 1);
  failure = g_ptr_array_index (dav_walk_get_failures (self), 0);
  g_assert_true (g_str_has_suffix (failure->url, "/dav/broken/"));
  g_assert_cmpuint (failure->status, ==, 500);
  g_assert_cmpuint (failure->exchange_id, >, 0);
}

/* The root cannot be listed at all: an error, with the answer kept. */
static void
test_root_fails (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavWalk) self = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *url = g_strconcat (fixture->url, "broken/", NULL);
  GAsyncResult *res = NULL;

  fixture->broken = TRUE;
  client = dav_client_new (fixture->url, &error);
  g_assert_no_error (error);
  self = dav_walk_new (client, url, DAV_PROPFIND_PROP, NULL);
  dav_walk_run_async (self, collect_cb, paths, NULL, store_result_cb, &res);
  wait_for (&res);
  g_assert_false (dav_walk_run_finish (self, res, &error));
  g_assert_nonnull (error);
  g_object_unref (res);
  g_assert_cmpuint (paths->len, ==, 0);
  g_assert_nonnull (dav_walk_get_root_result (self));
  g_assert_cmpuint (dav_walk_get_root_result (self)->status, ==, 500);
  g_assert_false (dav_walk_get_complete (self));
}

int
main (int   argc,
      char *argv[])
{
  /* The isolated dirs have no GSettings schemas for GNOME's proxy resolver. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  dav_test_set_wait_seconds (20);

#define ADD(name, mode, fn) \
  g_test_add ("/walk/" name, Fixture, GINT_TO_POINTER (mode), fixture_set_up, fn, fixture_tear_down)
  ADD ("infinity-honoured", INFINITY_HONOURED, test_infinity_honoured);
  ADD ("infinity-refused", INFINITY_REFUSED, test_infinity_refused);
  ADD ("infinity-as-depth-1", INFINITY_AS_DEPTH_1, test_infinity_as_depth_1);
  ADD ("infinity-cut-off", INFINITY_CUT_OFF, test_infinity_cut_off);
  ADD ("levels", INFINITY_HONOURED, test_levels);
  ADD ("folder-fails", INFINITY_REFUSED, test_folder_fails);
  ADD ("root-fails", INFINITY_REFUSED, test_root_fails);
#undef ADD

  return g_test_run ();
}
