/* test-faults-auth.c: authentication challenges a server should not send
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavClient against in-process SoupServers that answer with 401s
 * (docs/hostile-servers.md cases 35 and 38): Digest, then Basic to lure
 * the password out in the clear; Digest challenges missing their fields;
 * a 401 even to the right password; NTLM and Negotiate, well formed or
 * garbage. Nobody is asked more than a few times, and nothing leaks.
 * And a proxy that wants a login (407): its own signal, never the
 * server's, and a listing it refused says which proxy and what login.
 */

#include "faults.h"

#include <string.h>

#include "dav-resource-store.h"

static void
downgrade_handler (SoupServer        *soup_server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "Authorization");
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  if (authorization != NULL && g_ascii_strncasecmp (authorization, "Basic", 5) == 0)
    {
      /* The password went out in the clear: what must not happen. */
      g_autofree char *body = multistatus_xml (1);

      respond (msg, 207, "application/xml; charset=utf-8", body);
      return;
    }

  soup_server_message_set_status (msg, 401, NULL);
  if (authorization == NULL)
    soup_message_headers_replace (response, "WWW-Authenticate",
                                  "Digest realm=\"faults\", nonce=\"d2Vha2VyLWJ5LWRlc2lnbg\", "
                                  "qop=\"auth\", algorithm=MD5");
  else
    soup_message_headers_replace (response, "WWW-Authenticate", "Basic realm=\"faults\"");
}

typedef struct {
  guint digest;
  guint basic;
} SchemeCount;

static gboolean
count_schemes_cb (DavClient   *client,
                  SoupAuth    *auth,
                  gboolean     retrying,
                  SchemeCount *count)
{
  if (g_ascii_strcasecmp (soup_auth_get_scheme_name (auth), "Basic") == 0)
    count->basic++;
  else
    count->digest++;
  soup_auth_authenticate (auth, "alice", "s3cret-faults");

  return TRUE;
}

static void
test_auth_digest_then_basic (void)
{
  g_autoptr(Server) server = server_new (downgrade_handler, NULL);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SchemeCount count = { 0, 0 };

  g_signal_connect (client, "authenticate", G_CALLBACK (count_schemes_cb), &count);

  /* The refusal is only a debug message: any server can cause it. */
  result = do_options (client, server->dav_url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->status, ==, 401);
  g_assert_cmpuint (count.digest, ==, 1);
  g_assert_cmpuint (count.basic, ==, 0);
  /* Two requests: none, then Digest. Never Basic. */
  g_assert_cmpuint (server->seen->len, ==, 2);
  for (guint i = 0; i < server->seen->len; i++)
    {
      const Seen *seen = g_ptr_array_index (server->seen, i);
      const char *authorization = soup_message_headers_get_one (seen->headers, "Authorization");

      g_assert_true (authorization == NULL || g_ascii_strncasecmp (authorization, "Digest", 6) == 0);
    }

  g_signal_handlers_disconnect_by_data (client, &count);
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* Every request gets a 401 with the challenges in server->data, whatever
 * credentials it brings (even the right ones). */
static void
challenge_handler (SoupServer        *soup_server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  Server *server = user_data;
  const char * const *challenges = server->data;
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, 401, NULL);
  for (guint i = 0; challenges[i] != NULL; i++)
    soup_message_headers_append (response, "WWW-Authenticate", challenges[i]);
}

typedef struct {
  guint  calls;
  GSList *schemes;   /* char*, as libsoup named them */
} Prompts;

static gboolean
prompt_cb (DavClient *client,
           SoupAuth  *auth,
           gboolean   retrying,
           Prompts   *prompts)
{
  prompts->calls++;
  prompts->schemes = g_slist_append (prompts->schemes, g_strdup (soup_auth_get_scheme_name (auth)));
  /* The right password, as far as the user knows. */
  soup_auth_authenticate (auth, "alice", "s3cret-faults");

  return TRUE;
}

/* Runs OPTIONS and PROPFIND against challenges that never accept. */
static void
run_challenges (const char * const *challenges,
                Prompts            *prompts,
                Server            **server_out)
{
  Server *server = server_new (challenge_handler, (gpointer) challenges);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(GError) error = NULL;
  DavResult *result;

  g_signal_connect (client, "authenticate", G_CALLBACK (prompt_cb), prompts);

  result = do_options (client, server->dav_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->status, ==, 401);
  g_assert_false (dav_result_is_success (result));
  dav_result_unref (result);

  result = do_propfind (client, server->dav_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->status, ==, 401);
  assert_not_complete_listing (result);
  dav_result_unref (result);

  g_signal_handlers_disconnect_by_data (client, prompts);
  g_assert_finalize_object (g_steal_pointer (&client));
  *server_out = server;
}

/* Digest without realm or nonce (CVE-2025-32910, -32912 in libsoup's
 * own code): no crash; libsoup 3.2.3 makes no SoupAuth of such a
 * challenge, so nobody is asked and nothing is sent. */
static void
test_auth_digest_missing_fields (void)
{
  static const char * const no_realm[] = { "Digest nonce=\"bm9uY2U\", qop=\"auth\"", NULL };
  static const char * const no_nonce[] = { "Digest realm=\"faults\", qop=\"auth\"", NULL };
  static const char * const bare[] = { "Digest", NULL };
  static const char * const empty[] = { "Digest realm=\"\", nonce=\"\", qop=\"\", algorithm=", NULL };
  static const char * const junk[] = { "Digest realm=\"faults\", nonce=\"x\", algorithm=SHA-999, qop=\"auth-nonsense\", stale=maybe", NULL };
  const char * const *cases[] = { no_realm, no_nonce, bare, empty, junk };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Server) server = NULL;
      Prompts prompts = { 0, NULL };
      guint with_digest = 0;

      run_challenges (cases[i], &prompts, &server);
      g_test_message ("“%s”: %u prompts, %u requests", cases[i][0], prompts.calls, server->seen->len);

      /* At most the three tries a request gets, for each of the two;
       * found with libsoup 3.2.3: none at all. */
      g_assert_cmpuint (prompts.calls, <=, 2 * 3);
      g_assert_cmpuint (server->seen->len, <=, 2 * 4);
      g_assert_cmpuint (prompts.calls, ==, 0);
      g_assert_cmpuint (server->seen->len, ==, 2);
      for (guint j = 0; j < server->seen->len; j++)
        {
          const Seen *seen = g_ptr_array_index (server->seen, j);
          const char *authorization = soup_message_headers_get_one (seen->headers, "Authorization");

          if (authorization != NULL)
            {
              g_assert_true (g_ascii_strncasecmp (authorization, "Digest", 6) == 0);
              with_digest++;
            }
        }
      g_assert_cmpuint (with_digest, <=, prompts.calls);
      g_slist_free_full (prompts.schemes, g_free);
    }
}

/* A 401 every time, even after the right password: at most three
 * tries per request, then the 401 is the answer. */
static void
test_auth_always_401 (void)
{
  static const char * const basic[] = { "Basic realm=\"faults\"", NULL };
  static const char * const digest[] = { "Digest realm=\"faults\", nonce=\"bm9uY2U\", qop=\"auth\", algorithm=MD5", NULL };
  const char * const *cases[] = { basic, digest };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Server) server = NULL;
      Prompts prompts = { 0, NULL };

      run_challenges (cases[i], &prompts, &server);
      g_test_message ("“%s”: %u prompts, %u requests", cases[i][0], prompts.calls, server->seen->len);

      /* OPTIONS and PROPFIND: three prompts each, the first without a
       * password and three with one. */
      g_assert_cmpuint (prompts.calls, ==, 2 * 3);
      g_assert_cmpuint (server->seen->len, ==, 2 * 4);
      g_slist_free_full (prompts.schemes, g_free);
    }
}

/* NTLM and Negotiate, well formed or garbage: libsoup 3 does not add
 * them to a session unless asked, and the client does not: nobody is
 * asked, nothing answers them. */
static void
test_auth_ntlm_negotiate (void)
{
  static const char * const ntlm[] = { "NTLM", NULL };
  /* A type-2 message that is none: bad signature, lengths past the end. */
  static const char * const ntlm_garbage[] = { "NTLM TlRMTVNTUAACAAAA//////////8FAoIC////////////////////AAAAAA==", NULL };
  static const char * const negotiate[] = { "Negotiate", "Negotiate YIIBFAYGKwYBBQUCoIIBCDCCAQSgGDAWBgkqhkiC9xIBAgIGCSqGSIb3EgECAg==", NULL };
  static const char * const both[] = { "Negotiate", "NTLM", NULL };
  const char * const *cases[] = { ntlm, ntlm_garbage, negotiate, both };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Server) server = NULL;
      Prompts prompts = { 0, NULL };

      run_challenges (cases[i], &prompts, &server);
      g_test_message ("“%s”: %u prompts, %u requests", cases[i][0], prompts.calls, server->seen->len);

      g_assert_cmpuint (prompts.calls, ==, 0);
      g_assert_cmpuint (server->seen->len, ==, 2);
      for (guint j = 0; j < server->seen->len; j++)
        {
          const Seen *seen = g_ptr_array_index (server->seen, j);

          g_assert_null (soup_message_headers_get_one (seen->headers, "Authorization"));
        }
      g_slist_free_full (prompts.schemes, g_free);
    }
}

/* A proxy that refuses everyone: every request, whatever its target,
 * gets a 407. */
static void
proxy_407_handler (SoupServer        *soup_server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  soup_server_message_set_status (msg, SOUP_STATUS_PROXY_UNAUTHORIZED, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Proxy-Authenticate", "Basic realm=\"Corp \x1b[31mProxy\"");
}

static gboolean
count_cb (DavClient *client,
          SoupAuth  *auth,
          gboolean   retrying,
          guint     *calls)
{
  (*calls)++;
  return FALSE;
}

static gboolean
proxy_prompt_cb (DavClient *client,
                 SoupAuth  *auth,
                 gboolean   retrying,
                 char     **authority)
{
  g_assert_true (soup_auth_is_for_proxy (auth));
  g_free (*authority);
  *authority = g_strdup (soup_auth_get_authority (auth));
  /* As the GUI's Cancel. */
  soup_auth_cancel (auth);
  return TRUE;
}

/* A 407 the user did not answer: the proxy was asked about, the server's
 * login never, and the folder's error names the proxy, its scheme and
 * its realm (escaped), and says the server was not reached. */
static void
test_auth_proxy_407_listing (void)
{
  g_autoptr(Server) proxy = server_new (proxy_407_handler, NULL);
  /* The origin is never reached: only the proxy answers. */
  g_autoptr(DavClient) client = client_new ("http://dav.invalid/dav/");
  g_autoptr(DavResourceStore) store = dav_resource_store_new (client);
  g_autofree char *proxy_url = g_strdup_printf ("http://127.0.0.1:%u", proxy->port);
  g_autofree char *proxy_authority = g_strdup_printf ("127.0.0.1:%u", proxy->port);
  g_autofree char *asked = NULL;
  g_autoptr(GError) error = NULL;
  guint server_logins = 0;
  const char *message;
  DavFolder *root;

  dav_client_set_proxy (client, proxy_url);
  g_signal_connect (client, "authenticate", G_CALLBACK (count_cb), &server_logins);
  g_signal_connect (client, "authenticate-proxy", G_CALLBACK (proxy_prompt_cb), &asked);

  root = dav_resource_store_open (store, "http://dav.invalid/dav/", &error);
  g_assert_no_error (error);
  wait_for_folder (root);

  g_assert_cmpstr (asked, ==, proxy_authority);
  g_assert_cmpuint (server_logins, ==, 0);
  g_assert_cmpuint (server_count (proxy, "PROPFIND"), >=, 1);
  g_assert_false (dav_folder_get_loaded (root));
  g_assert_cmpuint (dav_folder_get_status (root), ==, 407);
  g_assert_error (dav_folder_get_error (root), DAV_ERROR, DAV_ERROR_STATUS);
  message = dav_folder_get_error_message (root);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, proxy_authority));
  g_assert_nonnull (strstr (message, "Basic"));
  g_assert_nonnull (strstr (message, "Corp \\x1b[31mProxy"));
  g_assert_null (strchr (message, '\x1b'));

  /* Asked again on the next request: a refusal is not remembered. */
  g_clear_pointer (&asked, g_free);
  {
    DavResult *again = do_propfind (client, "http://dav.invalid/dav/", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (again->status, ==, 407);
    dav_result_unref (again);
  }
  g_assert_cmpstr (asked, ==, proxy_authority);

  g_signal_handlers_disconnect_by_data (client, &server_logins);
  g_signal_handlers_disconnect_by_data (client, &asked);
  g_clear_object (&store);
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* A proxy that refuses every CONNECT with 407 (an https server behind
 * it): libsoup's tunnel message, not the request, gets the challenge. */
static gboolean
connect_407_func (Raw           *raw,
                  GOutputStream *out,
                  guint          index,
                  const char    *head)
{
  write_text (out, "HTTP/1.1 407 Proxy Authentication Required\r\n"
                   "Proxy-Authenticate: Basic realm=\"Tunnel Proxy\"\r\n"
                   "Content-Length: 0\r\n\r\n");
  return TRUE;
}

/* https through a proxy that wants a login: asked for with
 * ::authenticate-proxy, asked again after a refusal, and a listing it
 * refused names it. */
static void
test_auth_proxy_407_connect (void)
{
  g_autoptr(Raw) proxy = raw_new (connect_407_func);
  g_autoptr(DavClient) client = client_new ("https://dav.invalid/dav/");
  g_autoptr(DavResourceStore) store = dav_resource_store_new (client);
  g_autofree char *proxy_url = g_strdup_printf ("http://127.0.0.1:%u", proxy->port);
  g_autofree char *proxy_authority = g_strdup_printf ("127.0.0.1:%u", proxy->port);
  g_autoptr(GPtrArray) connects = NULL;
  g_autofree char *asked = NULL;
  g_autoptr(GError) error = NULL;
  guint server_logins = 0;
  const char *message;
  DavFolder *root;

  dav_client_set_proxy (client, proxy_url);
  g_signal_connect (client, "authenticate", G_CALLBACK (count_cb), &server_logins);
  g_signal_connect (client, "authenticate-proxy", G_CALLBACK (proxy_prompt_cb), &asked);

  root = dav_resource_store_open (store, "https://dav.invalid/dav/", &error);
  g_assert_no_error (error);
  wait_for_folder (root);

  connects = raw_request_lines (proxy, "CONNECT");
  g_assert_cmpuint (connects->len, >=, 1);
  g_assert_cmpstr (asked, ==, proxy_authority);
  g_assert_cmpuint (server_logins, ==, 0);
  g_assert_false (dav_folder_get_loaded (root));
  message = dav_folder_get_error_message (root);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "407"));
  g_assert_nonnull (strstr (message, proxy_authority));
  g_assert_nonnull (strstr (message, "Tunnel Proxy"));

  /* Asked again on the next request. */
  g_clear_pointer (&asked, g_free);
  dav_resource_store_refresh (store, root);
  wait_for_folder (root);
  g_assert_cmpstr (asked, ==, proxy_authority);

  g_signal_handlers_disconnect_by_data (client, &server_logins);
  g_signal_handlers_disconnect_by_data (client, &asked);
  g_clear_object (&store);
  g_assert_finalize_object (g_steal_pointer (&client));
}

int
main (int   argc,
      char *argv[])
{
  faults_init (&argc, &argv);

  g_test_add_func ("/faults/auth/digest-then-basic", test_auth_digest_then_basic);
  g_test_add_func ("/faults/auth/digest-missing-fields", test_auth_digest_missing_fields);
  g_test_add_func ("/faults/auth/always-401", test_auth_always_401);
  g_test_add_func ("/faults/auth/ntlm-negotiate", test_auth_ntlm_negotiate);
  g_test_add_func ("/faults/auth/proxy-407-listing", test_auth_proxy_407_listing);
  g_test_add_func ("/faults/auth/proxy-407-connect", test_auth_proxy_407_connect);

  return g_test_run ();
}
