/* test-client-auth.c: Basic and Digest against real servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The right password, a wrong one and none, for Basic and (where the
 * server has it) Digest, and a PUT that needs them: what the server
 * answers, how often the user is asked, and that no password or
 * credential appears in the exchange log. The run and the table of what
 * each server does are in client.h.
 */

#include <string.h>

#include "dav-exchange-log.h"

#include "client.h"

typedef struct {
  const char *password;   /* NULL: let the 401 through */
  guint       calls;
  guint       retries;    /* calls with retrying TRUE */
  GPtrArray  *schemes;
} AuthState;

static gboolean
authenticate_cb (DavClient *client,
                 SoupAuth  *auth,
                 gboolean   retrying,
                 AuthState *state)
{
  state->calls++;
  if (retrying)
    state->retries++;
  g_ptr_array_add (state->schemes, g_strdup (soup_auth_get_scheme_name (auth)));

  if (state->password == NULL)
    return FALSE;

  soup_auth_authenticate (auth, g_getenv ("DAVSCOPE_TEST_USER"), state->password);
  return TRUE;
}

static gboolean
contains (const char *haystack,
          gsize       length,
          const char *needle)
{
  return haystack != NULL && g_strstr_len (haystack, length, needle) != NULL;
}

static void
assert_no_secret_in (const char *text,
                     gsize       length,
                     const char *password,
                     const char *basic)
{
  g_assert_false (contains (text, length, password));
  g_assert_false (contains (text, length, basic));
}

static void
assert_no_secret_in_headers (GPtrArray  *headers,
                             const char *password,
                             const char *basic,
                             guint      *n_authorization)
{
  for (guint i = 0; i < headers->len; i++)
    {
      const DavHeader *header = g_ptr_array_index (headers, i);

      assert_no_secret_in (header->name, -1, password, basic);
      assert_no_secret_in (header->value, -1, password, basic);
      if (g_ascii_strcasecmp (header->name, "Authorization") == 0)
        {
          g_assert_cmpstr (header->value, ==, DAV_EXCHANGE_REDACTED);
          (*n_authorization)++;
        }
    }
}

static void
assert_no_secret_in_body (GBytes     *body,
                          const char *password,
                          const char *basic)
{
  gsize length;
  const char *data;

  if (body == NULL)
    return;
  data = g_bytes_get_data (body, &length);
  assert_no_secret_in (data, length, password, basic);
}

/* Every exchange of @client: Authorization redacted, the password (and
 * its Basic encoding) nowhere. Returns how many Authorization headers
 * were sent. */
static guint
assert_log_clean (DavClient  *client,
                  const char *password)
{
  GListModel *log = G_LIST_MODEL (dav_client_get_exchange_log (client));
  g_autofree char *userpass = g_strdup_printf ("%s:%s", g_getenv ("DAVSCOPE_TEST_USER"), password);
  g_autofree char *basic = g_base64_encode ((const guchar *) userpass, strlen (userpass));
  guint n_authorization = 0;

  g_assert_cmpuint (g_list_model_get_n_items (log), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(DavExchange) exchange = g_list_model_get_item (log, i);
      g_autofree char *curl = dav_exchange_to_curl (exchange);

      assert_no_secret_in (dav_exchange_get_url (exchange), -1, password, basic);
      assert_no_secret_in (curl, -1, password, basic);
      assert_no_secret_in (dav_exchange_get_error (exchange), -1, password, basic);
      assert_no_secret_in (dav_exchange_get_reason (exchange), -1, password, basic);
      assert_no_secret_in_headers (dav_exchange_get_request_headers (exchange), password, basic,
                                   &n_authorization);
      assert_no_secret_in_headers (dav_exchange_get_response_headers (exchange), password, basic,
                                   &n_authorization);
      assert_no_secret_in_body (dav_exchange_get_request_body (exchange), password, basic);
      assert_no_secret_in_body (dav_exchange_get_response_body (exchange), password, basic);
      if (strstr (curl, "Authorization") != NULL)
        g_assert_nonnull (strstr (curl, DAV_EXCHANGE_REDACTED));
    }

  return n_authorization;
}

typedef enum {
  AUTH_RIGHT,
  AUTH_WRONG,
  AUTH_NONE,
} AuthCase;

static void
check_auth (const char *env_url,
            const char *scheme,
            AuthCase    which)
{
  const char *url = g_getenv (env_url);
  const char *password = g_getenv ("DAVSCOPE_TEST_PASSWORD");
  g_autofree char *wrong = g_strconcat (password ? password : "", "-not", NULL);
  AuthState state = { NULL, 0, 0, g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_authorization;

  if (test_url () != NULL && g_str_equal (scheme, "Digest") && !expect->has_digest)
    {
      /* Not a share this server has: with-server exports none. */
      g_assert_null (url);
      g_test_skip_printf ("%s has no Digest share", expect->name);
      g_ptr_array_unref (state.schemes);
      return;
    }
  if (test_url () == NULL || url == NULL || password == NULL)
    {
      if (!g_test_failed ())
        g_test_skip ("no authenticated share");
      g_ptr_array_unref (state.schemes);
      return;
    }

  client = client_new (url);
  /* Apache answers at once; a stall is a failure, not something to wait
   * a minute for. */
  dav_client_set_timeout (client, 5);
  if (which != AUTH_NONE)
    {
      state.password = which == AUTH_RIGHT ? password : wrong;
      g_signal_connect (client, "authenticate", G_CALLBACK (authenticate_cb), &state);
    }

  result = do_propfind (client, url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  switch (which)
    {
    case AUTH_RIGHT:
      assert_status (result, error, 207);
      g_assert_true (result->complete);
      g_assert_cmpuint (state.calls, ==, 1);
      g_assert_cmpuint (state.retries, ==, 0);
      break;
    case AUTH_WRONG:
      assert_status (result, error, 401);
      g_assert_false (dav_result_is_success (result));
      /* Asked again with retrying set, and not for ever. */
      g_assert_cmpuint (state.calls, >=, 2);
      g_assert_cmpuint (state.calls, <=, 3);
      g_assert_cmpuint (state.retries, >=, 1);
      break;
    case AUTH_NONE:
    default:
      assert_status (result, error, 401);
      g_assert_cmpuint (state.calls, ==, 0);
      break;
    }
  for (guint i = 0; i < state.schemes->len; i++)
    g_assert_cmpstr (g_ptr_array_index (state.schemes, i), ==, scheme);

  n_authorization = assert_log_clean (client, password);
  if (which == AUTH_NONE)
    g_assert_cmpuint (n_authorization, ==, 0);
  else
    g_assert_cmpuint (n_authorization, >=, 1);
  assert_log_clean (client, wrong);

  g_signal_handlers_disconnect_by_data (client, &state);
  g_ptr_array_unref (state.schemes);
  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_auth_basic_right (void)
{
  check_auth ("DAVSCOPE_TEST_BASIC_URL", "Basic", AUTH_RIGHT);
}

static void
test_auth_basic_wrong (void)
{
  check_auth ("DAVSCOPE_TEST_BASIC_URL", "Basic", AUTH_WRONG);
}

static void
test_auth_basic_none (void)
{
  check_auth ("DAVSCOPE_TEST_BASIC_URL", "Basic", AUTH_NONE);
}

static void
test_auth_digest_right (void)
{
  check_auth ("DAVSCOPE_TEST_DIGEST_URL", "Digest", AUTH_RIGHT);
}

static void
test_auth_digest_wrong (void)
{
  check_auth ("DAVSCOPE_TEST_DIGEST_URL", "Digest", AUTH_WRONG);
}

static void
test_auth_digest_none (void)
{
  check_auth ("DAVSCOPE_TEST_DIGEST_URL", "Digest", AUTH_NONE);
}

/* The first request of a client is answered 401 and sent again with
 * credentials: its body must go again too, whole. */
static void
test_auth_put (void)
{
  const char *url = g_getenv ("DAVSCOPE_TEST_BASIC_URL");
  const char *password = g_getenv ("DAVSCOPE_TEST_PASSWORD");
  AuthState state = { password, 0, 0, g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavClient) reader = NULL;
  g_autofree char *file = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (test_url () == NULL || url == NULL || password == NULL)
    {
      if (!g_test_failed ())
        g_test_skip ("no authenticated share");
      g_ptr_array_unref (state.schemes);
      return;
    }

  client = client_new (url);
  dav_client_set_timeout (client, 5);
  g_signal_connect (client, "authenticate", G_CALLBACK (authenticate_cb), &state);
  name = g_strdup_printf ("t%d-auth put.txt", (int) getpid ());
  file = child_url (url, name, FALSE);
  put_text (client, file, "the whole body, after the 401\n", 201);
  g_assert_cmpuint (state.calls, ==, 1);

  /* Read back by another client, so nothing is cached. */
  reader = client_new (url);
  g_signal_connect (reader, "authenticate", G_CALLBACK (authenticate_cb), &state);
  text = get_text (reader, file);
  g_assert_cmpstr (text, ==, "the whole body, after the 401\n");

  assert_log_clean (client, password);
  assert_log_clean (reader, password);
  g_signal_handlers_disconnect_by_data (client, &state);
  g_signal_handlers_disconnect_by_data (reader, &state);
  g_ptr_array_unref (state.schemes);
  g_assert_finalize_object (g_steal_pointer (&reader));
  g_assert_finalize_object (g_steal_pointer (&client));
}

int
main (int   argc,
      char *argv[])
{
  client_init (&argc, &argv);

  g_test_add_func ("/client/auth/basic/right", test_auth_basic_right);
  g_test_add_func ("/client/auth/basic/wrong", test_auth_basic_wrong);
  g_test_add_func ("/client/auth/basic/none", test_auth_basic_none);
  g_test_add_func ("/client/auth/digest/right", test_auth_digest_right);
  g_test_add_func ("/client/auth/digest/wrong", test_auth_digest_wrong);
  g_test_add_func ("/client/auth/digest/none", test_auth_digest_none);
  g_test_add_func ("/client/auth/basic/put", test_auth_put);

  return g_test_run ();
}
