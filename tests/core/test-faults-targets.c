/* test-faults-targets.c: names, listings, and what a bulk action may touch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavClient, DavResourceStore and DavBatch against servers that list
 * awkward or hostile entries (docs/hostile-servers.md cases 17, 18,
 * 20-22 and 25): names with reserved characters or invalid UTF-8, self entries
 * sent twice or not at all, hrefs outside the folder or on another
 * origin. A DELETE goes to exactly the resource listed, and nothing
 * outside the chosen folder is ever sent.
 */

#include <string.h>

#include "dav-href.h"
#include "dav-resource.h"
#include "dav-resource-store.h"

#include "faults.h"

/* An href as a server may send it, and the request-target a DELETE of
 * that resource must carry. */
static const struct {
  const char *href;
  const char *target;
  const char *name;
} awkward[] = {
  { "/dav/a%23b", "/dav/a%23b", "a#b" },
  { "/dav/a%3Fb", "/dav/a%3Fb", "a?b" },
  { "/dav/100%25", "/dav/100%25", "100%" },
  { "/dav/x%20y", "/dav/x%20y", "x y" },
  { "/dav/x y2", "/dav/x%20y2", "x y2" },
  { "/dav/a+b", "/dav/a+b", "a+b" },
  { "/dav/semi%3Bcolon", "/dav/semi%3Bcolon", "semi;colon" },
  { "/dav/semi;colon2", "/dav/semi;colon2", "semi;colon2" },
  { "/dav/caf%C3%A9", "/dav/caf%C3%A9", "café" },
  { "/dav/caf\xc3\xa9" "2", "/dav/caf%C3%A92", "café2" },
  { "/dav/%7euser", "/dav/~user", "~user" },
  { "/dav/%FF%FE", "/dav/%FF%FE", "\\xff\\xfe" },
  { "/dav/bad%FFname%C0%AE.txt", "/dav/bad%FFname%C0%AE.txt", "bad\\xffname\\xc0\\xae.txt" },
};

static gboolean
awkward_func (Raw           *raw,
              GOutputStream *out,
              guint          index,
              const char    *head)
{
  if (g_str_has_prefix (head, "PROPFIND "))
    {
      GString *body = g_string_new (XML_HEAD);
      g_autofree char *self = response_xml ("/dav/");

      g_string_append (body, self);
      for (guint i = 0; i < G_N_ELEMENTS (awkward); i++)
        {
          g_autofree char *response = response_xml (awkward[i].href);

          g_string_append (body, response);
        }
      /* A raw "#": a fragment, so no name at all. */
      g_string_append (body, "<D:response><D:href>/dav/raw#frag</D:href>"
                             "<D:status>HTTP/1.1 200 OK</D:status></D:response>\n" XML_TAIL);
      write_207_head (out, body->len);
      write_all (out, body->str, body->len);
      g_string_free (body, TRUE);
      return TRUE;
    }

  write_str (out, "HTTP/1.1 204 No Content\r\n\r\n");
  return TRUE;
}

/* docs/hostile-servers.md cases 22 and 25: names with reserved characters,
 * raw or invalid UTF-8 are shown decoded (escaped where they must be), and
 * a DELETE of each goes to exactly that resource: the bytes of the href,
 * percent-encoded as they must be, never the folder ("a#b" is /dav/a%23b,
 * never /dav/). */
static void
test_awkward_names (void)
{
  g_autoptr(Raw) raw = raw_new (awkward_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavBatch) batch = dav_batch_new (client, 1);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint members = 0;

  result = do_propfind (client, raw->dav_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->body->responses->len, ==, G_N_ELEMENTS (awkward) + 2);

  for (guint i = 0; i < result->body->responses->len; i++)
    {
      const DavResponse *response = g_ptr_array_index (result->body->responses, i);
      g_autoptr(DavHref) href = dav_href_resolve (result->url, dav_response_get_href (response));
      g_autoptr(DavResource) resource = dav_resource_new (href);

      dav_resource_update (resource, response, href);
      if (href->relation == DAV_HREF_SELF)
        continue;

      if (i == result->body->responses->len - 1)
        {
          /* The raw fragment: flagged, and no URL to act on. */
          g_assert_cmpint (href->relation, ==, DAV_HREF_INVALID);
          g_assert_true (dav_resource_is_flagged (resource));
          g_assert_null (dav_resource_get_url (resource));
          continue;
        }

      g_test_message ("%s: name “%s”, url %s", awkward[members].href,
                      dav_resource_get_name (resource), dav_resource_get_url (resource));
      g_assert_cmpint (href->relation, ==, DAV_HREF_MEMBER);
      g_assert_false (dav_resource_is_flagged (resource));
      g_assert_cmpstr (dav_resource_get_name (resource), ==, awkward[members].name);
      g_assert_true (dav_batch_add_delete (batch, dav_resource_get_url (resource), &error));
      g_assert_no_error (error);
      members++;
    }
  g_assert_cmpuint (members, ==, G_N_ELEMENTS (awkward));

  report = run_batch (batch);
  g_assert_true (dav_report_all_ok (report));
  g_assert_cmpuint (dav_report_count (report, DAV_OUTCOME_DONE), ==, G_N_ELEMENTS (awkward));

  /* Exactly these request-targets, in this order, one each. */
  lines = raw_request_lines (raw, "DELETE");
  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (awkward));
  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *expected = g_strdup_printf ("DELETE %s HTTP/1.1", awkward[i].target);

      g_assert_cmpstr (g_ptr_array_index (lines, i), ==, expected);
    }

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* PROPFIND gets the 207 body in server->data; anything else a 204. */
static void
listing_handler (SoupServer        *soup_server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Server *server = user_data;

  if (g_str_equal (soup_server_message_get_method (msg), "PROPFIND"))
    {
      respond (msg, 207, "application/xml; charset=utf-8", server->data);
      return;
    }

  soup_server_message_set_status (msg, 204, NULL);
}

static void
load_folder (DavResourceStore *store,
             DavFolder        *folder)
{
  dav_resource_store_load (store, folder);
  wait_for_folder (folder);
  g_assert_false (dav_folder_get_loading (folder));
}

#define R(href) "<D:response><D:href>" href "</D:href><D:propstat><D:prop><D:resourcetype/>" \
                "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n"

/* A listing of /dav/chosen/ with every kind of entry that must not
 * become a child, or not twice: the self entry twice and not first,
 * other origins, hrefs outside the folder, dot segments, duplicates. */
#define HOSTILE_LISTING \
  XML_HEAD \
  R ("/dav/chosen/x") \
  R ("/dav/chosen")                         /* self, plain */ \
  R ("/dav/chosen/x/")                      /* x again, with a slash */ \
  R ("/dav/chosen/%%7euser") \
  R ("/dav/chosen/~user")                   /* the same once decoded */ \
  R ("/dav/chosen/")                        /* self again, with a slash */ \
  R ("https://evil.example/dav/chosen/y")   /* another origin */ \
  R ("https://127.0.0.1:%u/dav/chosen/z")   /* another scheme (port of this server) */ \
  R ("http://127.0.0.1:%u/dav/chosen/w")    /* another port */ \
  R ("/") \
  R ("/dav/") \
  R ("/dav/sibling/f") \
  R ("/dav/chosenX/f") \
  R ("//dav/chosen/f") \
  R ("/dav/chosen/../../etc/") \
  R ("/dav/chosen/%%2e%%2e/") \
  R ("/dav/chosen/a%%2Fb") \
  R ("/dav/chosen/%%00") \
  R ("/dav/chosen/deeper/f") \
  XML_TAIL

/* docs/hostile-servers.md cases 17, 18, 20 and 21, the way the browser
 * lists a folder: only x and ~user are children, once each; the self
 * entry is the folder's own, never a child; everything else is shown
 * flagged, and a "select all, delete" built from the listing deletes x
 * and ~user and nothing else. */
static void
test_listing_hostile_entries (void)
{
  g_autoptr(Server) server = server_new (listing_handler, NULL);
  g_autofree char *body = g_strdup_printf (HOSTILE_LISTING, server->port, server->port + 1);
  g_autofree char *chosen = g_strconcat (server->dav_url, "chosen/", NULL);
  g_autoptr(DavClient) client = client_new (chosen);
  g_autoptr(DavResourceStore) store = dav_resource_store_new (client);
  g_autoptr(DavBatch) batch = dav_batch_new (client, 1);
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  DavFolder *folder = dav_resource_store_get_root (store);
  guint n_items, n_flagged = 0, n_targets = 0;

  server->data = body;
  load_folder (store, folder);
  g_assert_null (dav_folder_get_error (folder));
  g_assert_cmpuint (dav_folder_get_status (folder), ==, 207);

  /* The folder's own entry, found though not first and sent twice. */
  g_assert_nonnull (dav_folder_get_resource (folder));
  g_assert_cmpint (dav_resource_get_relation (dav_folder_get_resource (folder)), ==, DAV_HREF_SELF);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (folder));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DavResource) item = g_list_model_get_item (G_LIST_MODEL (folder), i);
      g_autoptr(GError) error = NULL;
      const char *url = dav_resource_get_url (item);

      g_test_message ("%s: %s, %s%s", dav_resource_get_path (item),
                      dav_href_relation_to_string (dav_resource_get_relation (item)),
                      dav_resource_is_flagged (item) ? "flagged: " : "fine",
                      dav_resource_is_flagged (item) ? dav_resource_get_problem (item) : "");
      g_assert_cmpint (dav_resource_get_relation (item), !=, DAV_HREF_SELF);
      if (dav_resource_is_flagged (item))
        n_flagged++;
      else
        g_ptr_array_add (names, (gpointer) dav_resource_get_name (item));

      /* Select all: the core refuses any target outside the folder or on
       * another origin, whatever the view offers. */
      if (url != NULL && dav_batch_add_delete (batch, url, &error))
        {
          g_assert_true (dav_resource_get_relation (item) == DAV_HREF_MEMBER ||
                         dav_resource_get_relation (item) == DAV_HREF_DESCENDANT);
          n_targets++;
        }
      else if (url != NULL)
        g_assert_true (g_error_matches (error, DAV_ERROR, DAV_ERROR_OUTSIDE) ||
                       g_error_matches (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT));
    }

  /* x, ~user and deeper/f (a descendant, flagged as no member) are no
   * duplicates; everything else but the self entry is there, flagged. */
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "x");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "~user");
  g_assert_cmpuint (n_flagged, ==, 13);
  g_assert_cmpuint (dav_folder_get_n_flagged (folder), ==, n_flagged);
  g_assert_cmpuint (n_items, ==, 2 + n_flagged);

  /* Only the descendant of the flagged ones is inside the folder. */
  g_assert_cmpuint (n_targets, ==, 3);
  report = run_batch (batch);
  g_assert_true (dav_report_all_ok (report));
  g_assert_cmpuint (server_count (server, "DELETE"), ==, 3);
  for (guint i = 0; i < server->seen->len; i++)
    {
      const Seen *seen = g_ptr_array_index (server->seen, i);

      if (g_str_equal (seen->method, "DELETE"))
        g_assert_true (g_str_equal (seen->path, "/dav/chosen/x/") || g_str_equal (seen->path, "/dav/chosen/x") ||
                       g_str_equal (seen->path, "/dav/chosen/~user") ||
                       g_str_equal (seen->path, "/dav/chosen/deeper/f"));
    }

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&client));
}

static char listing_without_self[] =
  XML_HEAD R ("/dav/chosen/a") R ("/dav/chosen/b/") XML_TAIL;

/* No self entry at all: the children are listed, and nothing stands in
 * for the folder; no fallback to another one. */
static void
test_listing_without_self (void)
{
  g_autoptr(Server) server = server_new (listing_handler, (gpointer) listing_without_self);
  g_autofree char *chosen = g_strconcat (server->dav_url, "chosen/", NULL);
  g_autoptr(DavClient) client = client_new (chosen);
  g_autoptr(DavResourceStore) store = dav_resource_store_new (client);
  DavFolder *folder = dav_resource_store_get_root (store);

  load_folder (store, folder);
  g_assert_null (dav_folder_get_resource (folder));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (folder)), ==, 2);
  g_assert_cmpuint (dav_folder_get_n_flagged (folder), ==, 0);
  g_assert_cmpuint (server->seen->len, ==, 1);

  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* docs/hostile-servers.md cases 18 and 20, for targets given directly:
 * outside the chosen folder or on another origin, a target is refused
 * before anything is sent; one resource named twice is acted on once. */
static void
test_batch_targets (void)
{
  g_autoptr(Server) server = server_new (no_content_handler, NULL);
  g_autofree char *chosen = g_strconcat (server->dav_url, "chosen/", NULL);
  g_autoptr(DavClient) client = client_new (chosen);
  g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *origin = g_strdup_printf ("http://127.0.0.1:%u", server->port);
  const char *outside[] = { "/", "/dav/", "/dav/sibling/f", "/dav/chosen/../../etc/", "/dav/chosenX/f",
                            "//dav/chosen/f", "/dav/chosen/%2e%2e/%2e%2e/etc/" };
  const char *twice[][2] = {
    { "/dav/chosen/x", "/dav/chosen/x/" },
    { "/dav/chosen/%7euser", "/dav/chosen/~user" },
    { "/dav/chosen/%41", "/dav/chosen/A" },
    { "/dav/chosen/a%20b", "/dav/chosen/a%20b/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      g_autofree char *url = g_strconcat (origin, outside[i], NULL);
      DavResult *result;

      g_test_message ("outside: %s", url);
      g_assert_false (dav_batch_add_delete (batch, url, &error));
      g_assert_error (error, DAV_ERROR, DAV_ERROR_OUTSIDE);
      g_clear_error (&error);

      result = do_delete (client, url, &error);
      g_assert_null (result);
      g_assert_error (error, DAV_ERROR, DAV_ERROR_OUTSIDE);
      g_clear_error (&error);
    }
  g_assert_false (dav_batch_add_delete (batch, "https://evil.example/dav/chosen/x", &error));
  g_assert_error (error, DAV_ERROR, DAV_ERROR_OUTSIDE);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (twice); i++)
    {
      g_autofree char *first = g_strconcat (origin, twice[i][0], NULL);
      g_autofree char *second = g_strconcat (origin, twice[i][1], NULL);

      g_assert_true (dav_batch_add_delete (batch, first, &error));
      g_assert_no_error (error);
      g_assert_false (dav_batch_add_delete (batch, second, &error));
      g_assert_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  g_assert_cmpuint (dav_batch_get_n_targets (batch), ==, G_N_ELEMENTS (twice));

  report = run_batch (batch);
  g_assert_true (dav_report_all_ok (report));
  /* Nothing outside was ever sent; each resource once. */
  g_assert_cmpuint (server->seen->len, ==, G_N_ELEMENTS (twice));

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* A folder the user chose in another tab (a drag from it) may be changed
 * too, on the same origin only, and only until the base moves. */
static void
test_batch_targets_also_below (void)
{
  g_autoptr(Server) server = server_new (no_content_handler, NULL);
  g_autofree char *chosen = g_strconcat (server->dav_url, "chosen/", NULL);
  g_autofree char *sibling = g_strconcat (server->dav_url, "sibling/", NULL);
  g_autofree char *in_sibling = g_strconcat (sibling, "f", NULL);
  g_autofree char *next_to = g_strconcat (server->dav_url, "siblingX/f", NULL);
  g_autoptr(DavClient) client = client_new (chosen);
  g_autoptr(GError) error = NULL;
  DavResult *result;

  g_assert_false (dav_client_check_target (client, in_sibling, &error));
  g_assert_error (error, DAV_ERROR, DAV_ERROR_OUTSIDE);
  g_clear_error (&error);

  g_assert_false (dav_client_allow_below (client, "https://evil.example/dav/sibling/", &error));
  g_assert_error (error, DAV_ERROR, DAV_ERROR_OUTSIDE);
  g_clear_error (&error);

  g_assert_true (dav_client_allow_below (client, sibling, &error));
  g_assert_no_error (error);
  g_assert_true (dav_client_check_target (client, in_sibling, &error));
  g_assert_false (dav_client_check_target (client, next_to, &error));
  g_assert_error (error, DAV_ERROR, DAV_ERROR_OUTSIDE);
  g_clear_error (&error);

  /* Sent, and answered: the check at sending agrees. */
  result = do_delete (client, in_sibling, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  dav_result_unref (result);
  g_assert_cmpuint (server->seen->len, ==, 1);

  /* Browsing elsewhere ends it. */
  g_assert_true (dav_client_set_base_url (client, chosen, &error));
  g_assert_false (dav_client_check_target (client, in_sibling, &error));
  g_assert_error (error, DAV_ERROR, DAV_ERROR_OUTSIDE);
  g_clear_error (&error);

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* No server there: the folder keeps the connection's own error. */
static void
test_folder_error_server_down (void)
{
  g_autoptr(Server) server = server_new (count_handler, NULL);
  g_autofree char *url = g_strdup (server->dav_url);
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavResourceStore) store = NULL;
  DavFolder *folder;

  g_clear_pointer (&server, server_free);
  client = client_new (url);
  store = dav_resource_store_new (client);
  folder = dav_resource_store_get_root (store);

  load_folder (store, folder);
  g_test_message ("server down: %s", dav_folder_get_error_message (folder));
  g_assert_error (dav_folder_get_error (folder), G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_false (dav_folder_get_loaded (folder));
  g_assert_cmpuint (dav_folder_get_status (folder), ==, 0);
  g_assert_null (dav_error_get_redirect_target (dav_folder_get_error (folder)));

  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
count_response_cb (DavPropfind *propfind,
                   DavResponse *response,
                   guint       *count)
{
  (*count)++;
}

static DavResult *
run_propfind (DavClient        *client,
              const char       *url,
              DavPropfindFlags  flags,
              guint            *count)
{
  g_autoptr(DavPropfind) propfind = dav_propfind_new (DAV_DEPTH_1, DAV_PROPFIND_ALLPROP, NULL);
  g_autoptr(GError) error = NULL;
  GAsyncResult *res = NULL;
  DavResult *result;

  dav_propfind_set_flags (propfind, flags);
  if (count != NULL)
    g_signal_connect (propfind, "response", G_CALLBACK (count_response_cb), count);
  dav_client_propfind_async (client, url, propfind, NULL, store_result_cb, &res);
  wait_for (&res);
  g_assert_true (g_async_result_is_tagged (res, dav_client_propfind_async));
  result = dav_client_propfind_finish (client, res, &error);
  g_clear_object (&res);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->status, ==, 207);
  g_assert_true (result->complete);

  return result;
}

/* Not streamed, the result holds every response and ::response is
 * never emitted; streamed, each is emitted once and none is kept. */
static void
test_propfind_kept_or_streamed (void)
{
  g_autofree char *body = multistatus_xml (5);
  g_autoptr(Server) server = server_new (listing_handler, body);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  DavResult *result;
  guint count = 0;

  result = run_propfind (client, server->dav_url, DAV_PROPFIND_FLAGS_NONE, &count);
  g_assert_cmpuint (count, ==, 0);
  g_assert_cmpuint (result->body->responses->len, ==, 6);
  g_assert_cmpuint (result->body->n_responses, ==, 6);
  dav_result_unref (result);

  result = run_propfind (client, server->dav_url, DAV_PROPFIND_FLAGS_STREAM, &count);
  g_assert_cmpuint (count, ==, 6);
  g_assert_cmpuint (result->body->responses->len, ==, 0);
  g_assert_cmpuint (result->body->n_responses, ==, 6);
  dav_result_unref (result);

  /* Streamed with nobody listening: still nothing kept. */
  result = run_propfind (client, server->dav_url, DAV_PROPFIND_FLAGS_STREAM, NULL);
  g_assert_cmpuint (result->body->responses->len, ==, 0);
  g_assert_cmpuint (result->body->n_responses, ==, 6);
  dav_result_unref (result);

  g_assert_finalize_object (g_steal_pointer (&client));
}

int
main (int   argc,
      char *argv[])
{
  faults_init (&argc, &argv);

  g_test_add_func ("/faults/names/awkward", test_awkward_names);
  g_test_add_func ("/faults/listing/hostile-entries", test_listing_hostile_entries);
  g_test_add_func ("/faults/listing/without-self", test_listing_without_self);
  g_test_add_func ("/faults/batch/targets", test_batch_targets);
  g_test_add_func ("/faults/batch/targets-also-below", test_batch_targets_also_below);
  g_test_add_func ("/faults/listing/folder-error-server-down", test_folder_error_server_down);
  g_test_add_func ("/faults/listing/propfind-kept-or-streamed", test_propfind_kept_or_streamed);

  return g_test_run ();
}
