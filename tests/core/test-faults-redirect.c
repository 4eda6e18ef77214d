/* test-faults-redirect.c: redirects a client must not follow blindly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavClient and DavBatch against in-process SoupServers that redirect
 * (docs/hostile-servers.md cases 34, 36 and 37): to another origin, with and
 * without credentials to leak, in long chains and loops, and in answer to
 * a change, which must never be re-sent as a GET or to the Location.
 */

#include <stdio.h>
#include <string.h>

#include "dav-resource-store.h"
#include "faults.h"

typedef struct {
  Server     *target;
  guint       status;
  gboolean    require_auth;
} CrossRedirect;

static void
cross_redirect_handler (SoupServer        *soup_server,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  Server *server = user_data;
  CrossRedirect *redirect = server->data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  g_autofree char *location = g_strconcat (redirect->target->dav_url, "moved/", NULL);

  if (redirect->require_auth && soup_message_headers_get_one (request, "Authorization") == NULL)
    {
      soup_server_message_set_status (msg, 401, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Basic realm=\"faults\"");
      return;
    }
  if (g_str_equal (soup_server_message_get_method (msg), "OPTIONS"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      return;
    }

  soup_server_message_set_status (msg, redirect->status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
}

typedef struct {
  guint calls;
} AuthCount;

static gboolean
authenticate_cb (DavClient *client,
                 SoupAuth  *auth,
                 gboolean   retrying,
                 AuthCount *count)
{
  count->calls++;
  soup_auth_authenticate (auth, "alice", "s3cret-faults");
  return TRUE;
}

static void
check_cross_origin (guint    status,
                    gboolean with_credentials)
{
  g_autoptr(Server) target = server_new (count_handler, NULL);
  CrossRedirect redirect = { target, status, with_credentials };
  g_autoptr(Server) server = server_new (cross_redirect_handler, &redirect);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AuthCount count = { 0 };

  if (with_credentials)
    {
      /* Log in first (OPTIONS, no body), as the browser does when it
       * connects; libsoup then sends the credentials with the PROPFIND
       * before being asked. */
      g_signal_connect (client, "authenticate", G_CALLBACK (authenticate_cb), &count);
      result = do_options (client, server->dav_url, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (result->status, ==, 200);
      g_clear_pointer (&result, dav_result_unref);
    }

  result = do_propfind (client, server->dav_url, &error);
  if (status == 303)
    {
      /* A 303 is never followed with PROPFIND (it would become a GET):
       * the answer itself is the result, and it is no listing. */
      g_assert_no_error (error);
      g_assert_nonnull (result);
      g_assert_cmpuint (result->status, ==, 303);
      g_assert_true (g_str_has_prefix (result->location, target->dav_url));
      g_assert_null (result->body);
      g_assert_false (dav_result_is_success (result));
    }
  else
    {
      g_assert_null (result);
      g_assert_error (error, DAV_ERROR, DAV_ERROR_REDIRECT);
      /* The error carries where it pointed, for the user to decide on. */
      g_assert_true (g_str_has_prefix (dav_error_get_redirect_target (error), target->dav_url));
    }

  /* Not followed: nothing reached the other port, credentials least. */
  g_assert_cmpuint (server_count (target, NULL), ==, 0);
  for (guint i = 0; i < target->seen->len; i++)
    {
      const Seen *seen = g_ptr_array_index (target->seen, i);

      g_assert_null (soup_message_headers_get_one (seen->headers, "Authorization"));
    }

  if (with_credentials)
    {
      const Seen *last;

      /* The credentials were there to leak: the first server got them. */
      g_assert_cmpuint (count.calls, ==, 1);
      g_assert_cmpuint (server->seen->len, ==, 3);
      last = g_ptr_array_index (server->seen, 2);
      g_assert_cmpstr (last->method, ==, "PROPFIND");
      g_assert_nonnull (soup_message_headers_get_one (last->headers, "Authorization"));
      g_signal_handlers_disconnect_by_data (client, &count);
    }
  else
    g_assert_cmpuint (server->seen->len, ==, 1);

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_redirect_cross_origin (void)
{
  const guint statuses[] = { 301, 302, 303, 307, 308 };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    check_cross_origin (statuses[i], FALSE);
}

static void
test_redirect_cross_origin_credentials (void)
{
  check_cross_origin (302, TRUE);
  check_cross_origin (307, TRUE);
}

/* /dav/hop/N/ redirects to /dav/hop/N+1/ until data hops. */
static void
chain_handler (SoupServer        *soup_server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Server *server = user_data;
  guint hops = GPOINTER_TO_UINT (server->data);
  guint n = 0;

  if (sscanf (path, "/dav/hop/%u/", &n) == 1 && n < hops)
    {
      g_autofree char *next = g_strdup_printf ("/dav/hop/%u/", n + 1);

      soup_server_message_set_status (msg, 301, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", next);
    }
  else
    {
      g_autofree char *body = multistatus_xml (2);

      respond (msg, 207, "application/xml; charset=utf-8", body);
    }
}

static void
test_redirect_chain_long (void)
{
  g_autoptr(Server) server = server_new (chain_handler, GUINT_TO_POINTER (25));
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (server->dav_url, "hop/0/", NULL);
  g_autofree char *message = NULL;

  result = do_propfind (client, url, &error);
  g_assert_null (result);
  g_assert_error (error, DAV_ERROR, DAV_ERROR_REDIRECT);
  message = g_ascii_strdown (error->message, -1);
  g_assert_nonnull (strstr (message, "too many redirects"));
  /* Stopped at 20 (docs/hostile-servers.md case 36): the first request and
   * 20 hops. */
  g_assert_cmpuint (server_count (server, "PROPFIND"), ==, 21);
  g_assert_cmpuint (server->seen->len, ==, 21);

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* /dav/a/ and /dav/b/ redirect to each other. */
static void
loop_handler (SoupServer        *soup_server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  soup_server_message_set_status (msg, g_str_has_suffix (path, "/a/") ? 302 : 307, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                g_str_has_suffix (path, "/a/") ? "/dav/b/" : "/dav/a/");
}

/* A -> B -> A: stopped at 20 redirects, like the 50-hop chain. */
static void
test_redirect_loop (void)
{
  g_autoptr(Server) server = server_new (loop_handler, NULL);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (server->dav_url, "a/", NULL);

  result = do_propfind (client, url, &error);
  g_assert_null (result);
  g_assert_error (error, DAV_ERROR, DAV_ERROR_REDIRECT);
  g_assert_nonnull (strstr (error->message, "Too many redirects"));
  /* A loop is nothing to open elsewhere. */
  g_assert_null (dav_error_get_redirect_target (error));
  g_assert_cmpuint (server_count (server, "PROPFIND"), ==, 21);
  g_assert_cmpuint (server->seen->len, ==, 21);

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_redirect_chain_short (void)
{
  g_autoptr(Server) server = server_new (chain_handler, GUINT_TO_POINTER (3));
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (server->dav_url, "hop/0/", NULL);

  result = do_propfind (client, url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->status, ==, 207);
  g_assert_true (result->complete);
  g_assert_true (g_str_has_suffix (result->url, "/dav/hop/3/"));
  g_assert_cmpuint (result->body->responses->len, ==, 3);
  g_assert_cmpuint (server_count (server, "PROPFIND"), ==, 4);
  g_assert_cmpuint (server->seen->len, ==, 4);
  /* The method and its body went along, not a GET. */
  g_assert_cmpuint (server_count (server, "GET"), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* /dav/redir/CODE/...: any change is answered with that redirect. */
static void
mutating_redirect_handler (SoupServer        *soup_server,
                           SoupServerMessage *msg,
                           const char        *path,
                           GHashTable        *query,
                           gpointer           user_data)
{
  guint code = 0;

  if (g_str_equal (soup_server_message_get_method (msg), "GET") ||
      sscanf (path, "/dav/redir/%u/", &code) != 1)
    {
      /* A GET here would make a DELETE look like it worked. */
      respond (msg, 200, "text/plain", "this is not a deletion");
      return;
    }

  soup_server_message_set_status (msg, code, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Location", "/dav/elsewhere/");
}

static GPtrArray *
one_patch (void)
{
  GPtrArray *patches = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_prop_patch_free);

  g_ptr_array_add (patches, dav_prop_patch_new_set ("urn:x-davscope:test", "note", "value", FALSE));

  return patches;
}

static void
test_redirect_mutating (void)
{
  const guint codes[] = { 302, 303 };
  g_autoptr(Server) server = server_new (mutating_redirect_handler, NULL);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavBatch) batch = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) patches = one_patch ();

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *url = g_strdup_printf ("%sredir/%u/file.txt", server->dav_url, codes[i]);
      g_autofree char *destination = g_strconcat (server->dav_url, "moved.txt", NULL);
      DavResult *results[3];

      results[0] = do_delete (client, url, &error);
      g_assert_no_error (error);
      results[1] = do_copy_or_move (client, TRUE, url, destination, TRUE, &error);
      g_assert_no_error (error);
      results[2] = do_proppatch (client, url, patches, &error);
      g_assert_no_error (error);

      for (guint j = 0; j < G_N_ELEMENTS (results); j++)
        {
          g_assert_nonnull (results[j]);
          g_assert_cmpuint (results[j]->status, ==, codes[i]);
          g_assert_false (dav_result_is_success (results[j]));
          g_assert_cmpstr (results[j]->location, ==, "/dav/elsewhere/");
          dav_result_unref (results[j]);
        }
    }

  batch = dav_batch_new (client, 2);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *deleted = g_strdup_printf ("%sredir/%u/batch-delete.txt", server->dav_url, codes[i]);
      g_autofree char *patched = g_strdup_printf ("%sredir/%u/batch-patch.txt", server->dav_url, codes[i]);

      g_assert_true (dav_batch_add_delete (batch, deleted, &error));
      g_assert_true (dav_batch_add_proppatch (batch, patched, patches, &error));
      g_assert_no_error (error);
    }
  report = run_batch (batch);
  g_assert_cmpuint (report->items->len, ==, 4);
  for (guint i = 0; i < report->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (report->items, i);

      g_assert_false (item->ok);
      g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
      g_assert_cmpuint (item->status, ==, codes[i / 2]);
    }
  g_assert_cmpuint (dav_report_count (report, DAV_OUTCOME_DONE), ==, 0);

  /* Never re-sent as GET, never sent to the Location. */
  g_assert_cmpuint (server_count (server, "GET"), ==, 0);
  for (guint i = 0; i < server->seen->len; i++)
    {
      const Seen *seen = g_ptr_array_index (server->seen, i);

      g_assert_true (g_str_has_prefix (seen->path, "/dav/redir/"));
    }
  g_assert_cmpuint (server->seen->len, ==, 2 * 3 + 4);

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* A listing redirected to another server: the folder's error is the
 * refused redirect, with where it pointed, for the window to offer. */
static void
test_folder_error_redirect (void)
{
  g_autoptr(Server) target = server_new (count_handler, NULL);
  CrossRedirect redirect = { target, 302, FALSE };
  g_autoptr(Server) server = server_new (cross_redirect_handler, &redirect);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavResourceStore) store = dav_resource_store_new (client);
  DavFolder *folder = dav_resource_store_get_root (store);
  const GError *error;

  dav_resource_store_load (store, folder);
  wait_for_folder (folder);
  error = dav_folder_get_error (folder);
  g_assert_error (error, DAV_ERROR, DAV_ERROR_REDIRECT);
  g_assert_true (g_str_has_prefix (dav_error_get_redirect_target (error), target->dav_url));
  g_assert_cmpstr (dav_folder_get_error_message (folder), ==, error->message);
  g_assert_false (dav_folder_get_loaded (folder));
  g_assert_cmpuint (dav_folder_get_status (folder), ==, 0);
  g_assert_cmpuint (server_count (target, NULL), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&client));
}

int
main (int   argc,
      char *argv[])
{
  faults_init (&argc, &argv);

  g_test_add_func ("/faults/redirect/cross-origin", test_redirect_cross_origin);
  g_test_add_func ("/faults/redirect/cross-origin-credentials", test_redirect_cross_origin_credentials);
  g_test_add_func ("/faults/redirect/chain-too-long", test_redirect_chain_long);
  g_test_add_func ("/faults/redirect/chain-short", test_redirect_chain_short);
  g_test_add_func ("/faults/redirect/loop", test_redirect_loop);
  g_test_add_func ("/faults/redirect/mutating", test_redirect_mutating);
  g_test_add_func ("/faults/listing/folder-error-redirect", test_folder_error_redirect);

  return g_test_run ();
}
