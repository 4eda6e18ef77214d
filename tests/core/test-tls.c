/* test-tls.c: certificates a server should not have, and ones that change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/hostile-servers.md case 39 (and the TLS parts of 30 and 35). The
 * certificates are made when the test starts, with openssl: self-signed,
 * expired, for another host, and a second self-signed one for the same
 * host. The server is a socket service of our own that wraps each
 * connection in a GTlsServerConnection with whatever certificate is
 * current when the connection comes in, so the certificate can change
 * between two connections of one client while a keep-alive connection
 * stays open.
 */

#include <string.h>

#include "dav-client.h"
#include "dav-error.h"
#include "dav-resource-store.h"

#include "dav-test-async.h"
#include "dav-test-client.h"
#include "dav-test-raw-server.h"
#include "dav-test-tls.h"

static char *cert_dir;

typedef enum {
  CERT_A,          /* self-signed, 127.0.0.1 */
  CERT_B,          /* another self-signed one, 127.0.0.1 */
  CERT_EXPIRED,    /* self-signed, 127.0.0.1, expired */
  CERT_WRONG_HOST, /* self-signed, wrong.example */
  N_CERTS
} CertKind;

static GTlsCertificate *certs[N_CERTS];

/* ---- certificates -------------------------------------------------------- */

static gboolean
make_certificates (GError **error)
{
  cert_dir = g_dir_make_tmp ("davscope-tls-XXXXXX", error);
  if (cert_dir == NULL)
    return FALSE;

  certs[CERT_A] = dav_test_make_certificate (cert_dir, "a", "127.0.0.1", "IP:127.0.0.1", FALSE, error);
  if (certs[CERT_A] != NULL)
    certs[CERT_B] = dav_test_make_certificate (cert_dir, "b", "127.0.0.1", "IP:127.0.0.1", FALSE, error);
  if (certs[CERT_B] != NULL)
    certs[CERT_EXPIRED] = dav_test_make_certificate (cert_dir, "expired", "127.0.0.1", "IP:127.0.0.1", TRUE, error);
  if (certs[CERT_EXPIRED] != NULL)
    certs[CERT_WRONG_HOST] = dav_test_make_certificate (cert_dir, "wrong", "wrong.example", "DNS:wrong.example",
                                                        FALSE, error);

  return certs[CERT_WRONG_HOST] != NULL;
}

static void
remove_certificates (void)
{
  for (guint i = 0; i < N_CERTS; i++)
    g_clear_object (&certs[i]);
  if (cert_dir == NULL)
    return;

  dav_test_remove_dir (cert_dir);
  g_clear_pointer (&cert_dir, g_free);
}

/* Skips the test when there are no certificates to test with. */
static gboolean
have_tls (void)
{
  if (certs[CERT_A] != NULL)
    return TRUE;

  g_test_skip ("no TLS backend or no openssl to make certificates");
  return FALSE;
}

/* ---- a TLS server whose certificate can change ------------------------- */

typedef struct {
  GSocketService *service;
  guint16         port;
  char           *dav_url;      /* https://127.0.0.1:PORT/dav/ */
  GMutex          lock;
  GTlsCertificate *cert;        /* for the next connection */
  char           *redirect;     /* answer every request with a 301 there */
  guint           handshakes;   /* that succeeded */
  guint           refused;      /* handshakes the client broke off */
  guint           requests;
  gboolean        require_client; /* mutual TLS: no client certificate, no connection */
  guint           clients;      /* handshakes with a client certificate */
  gint            active;       /* atomic */
  gint            stopping;     /* atomic */
} TlsServer;

static void
answer (TlsServer     *server,
        GOutputStream *out,
        const char    *head)
{
  static const char body[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">"
    "<D:response><D:href>/dav/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype>"
    "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
    "</D:multistatus>\n";
  g_autofree char *text = NULL;
  g_autofree char *redirect = NULL;

  g_mutex_lock (&server->lock);
  server->requests++;
  redirect = g_strdup (server->redirect);
  g_mutex_unlock (&server->lock);

  /* A slow answer keeps its connection busy. */
  if (strstr (head, "/slow/") != NULL)
    g_usleep (1500 * 1000);

  if (redirect != NULL)
    text = g_strdup_printf ("HTTP/1.1 301 Moved Permanently\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n", redirect);
  else
    text = g_strdup_printf ("HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml; charset=utf-8\r\n"
                            "Content-Length: %zu\r\n\r\n%s", strlen (body), body);
  write_text (out, text);
}

static gboolean
accept_any_cb (GTlsConnection       *connection,
               GTlsCertificate      *peer,
               GTlsCertificateFlags  errors,
               gpointer              user_data)
{
  return TRUE;
}

static gboolean
tls_run_cb (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source_object,
            TlsServer              *server)
{
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;

  g_atomic_int_inc (&server->active);

  g_mutex_lock (&server->lock);
  cert = g_object_ref (server->cert);
  g_mutex_unlock (&server->lock);

  tls = g_tls_server_connection_new (G_IO_STREAM (connection), cert, &error);
  g_assert_no_error (error);
  if (server->require_client)
    {
      /* Any certificate will do: what is tested is that one is shown. */
      g_object_set (tls, "authentication-mode", G_TLS_AUTHENTICATION_REQUIRED, NULL);
      g_signal_connect (tls, "accept-certificate", G_CALLBACK (accept_any_cb), NULL);
    }
  if (!g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, &error))
    {
      g_mutex_lock (&server->lock);
      server->refused++;
      g_mutex_unlock (&server->lock);
      g_atomic_int_dec_and_test (&server->active);
      return TRUE;
    }
  g_mutex_lock (&server->lock);
  server->handshakes++;
  if (g_tls_connection_get_peer_certificate (G_TLS_CONNECTION (tls)) != NULL)
    server->clients++;
  g_mutex_unlock (&server->lock);

  in = g_data_input_stream_new (g_io_stream_get_input_stream (tls));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (in), FALSE);
  for (;;)
    {
      g_autofree char *head = raw_read_request (in);

      if (head == NULL || g_atomic_int_get (&server->stopping))
        break;
      answer (server, g_io_stream_get_output_stream (tls), head);
    }

  g_io_stream_close (tls, NULL, NULL);
  g_atomic_int_dec_and_test (&server->active);

  return TRUE;
}

static TlsServer *
tls_server_new (CertKind kind)
{
  TlsServer *server = g_new0 (TlsServer, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_mutex_init (&server->lock);
  server->cert = g_object_ref (certs[kind]);
  server->service = g_threaded_socket_service_new (8);
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  server->dav_url = g_strdup_printf ("https://127.0.0.1:%u/dav/", server->port);
  g_signal_connect (server->service, "run", G_CALLBACK (tls_run_cb), server);
  g_socket_service_start (server->service);

  return server;
}

static void
tls_server_set_certificate (TlsServer *server,
                            CertKind   kind)
{
  g_mutex_lock (&server->lock);
  g_set_object (&server->cert, certs[kind]);
  g_mutex_unlock (&server->lock);
}

static guint
tls_server_get (TlsServer *server,
                guint     *field)
{
  guint value;

  g_mutex_lock (&server->lock);
  value = *field;
  g_mutex_unlock (&server->lock);

  return value;
}

static void
tls_server_free (TlsServer *server)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_atomic_int_set (&server->stopping, 1);
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  while (g_atomic_int_get (&server->active) > 0 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  g_assert_cmpint (g_atomic_int_get (&server->active), ==, 0);

  g_object_unref (server->service);
  g_clear_object (&server->cert);
  g_mutex_clear (&server->lock);
  g_free (server->redirect);
  g_free (server->dav_url);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlsServer, tls_server_free)

/* ---- driving the client -------------------------------------------------- */

static void
assert_listed (DavClient  *client,
               const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = do_propfind (client, url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->status, ==, 207);
  g_assert_true (result->complete);
}

/* The request fails on the certificate, and the client says which one it
 * was and why: what a prompt shows. */
static GTlsCertificate *
assert_rejected (DavClient            *client,
                 const char           *url,
                 CertKind              kind,
                 GTlsCertificateFlags  expected)
{
  g_autoptr(DavPropfind) propfind = dav_propfind_new (DAV_DEPTH_1, DAV_PROPFIND_ALLPROP, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = NULL;
  GAsyncResult *res = NULL;
  GTlsCertificateFlags flags = 0;
  GTlsCertificate *rejected;

  dav_client_propfind_async (client, url, propfind, NULL, store_result_cb, &res);
  wait_for (&res);
  result = dav_client_propfind_finish (client, res, &error);
  g_assert_null (result);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  /* The refused certificate comes with the failed request, not from
   * state left on the client. */
  rejected = dav_client_get_rejected_certificate (client, res, &flags);
  g_assert_nonnull (rejected);
  g_assert_true (g_tls_certificate_is_same (rejected, certs[kind]));
  g_test_message ("rejected, flags 0x%x", flags);
  g_assert_cmpint (flags & expected, ==, expected);
  g_object_ref (rejected);
  g_clear_object (&res);

  return rejected;
}

/* ---- the tests ----------------------------------------------------------- */

static guint
count_threads (void)
{
  g_autoptr(GDir) tasks = g_dir_open ("/proc/self/task", 0, NULL);
  guint n = 0;

  while (tasks != NULL && g_dir_read_name (tasks) != NULL)
    n++;

  return n;
}

/* Fatal by default: a self-signed, an expired and a wrong-host
 * certificate each stop the request before it is sent. */
static void
test_untrusted_fatal (void)
{
  static const struct {
    CertKind             kind;
    GTlsCertificateFlags flags;
  } cases[] = {
    { CERT_A, G_TLS_CERTIFICATE_UNKNOWN_CA },
    { CERT_EXPIRED, G_TLS_CERTIFICATE_EXPIRED },
    { CERT_WRONG_HOST, G_TLS_CERTIFICATE_BAD_IDENTITY },
  };

  if (!have_tls ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TlsServer) server = tls_server_new (cases[i].kind);
      g_autoptr(DavClient) client = client_new (server->dav_url);

      g_object_unref (assert_rejected (client, server->dav_url, cases[i].kind, cases[i].flags));
      /* Nothing was sent over it. */
      g_assert_cmpuint (tls_server_get (server, &server->requests), ==, 0);

      g_assert_finalize_object (g_steal_pointer (&client));
    }
}

/* The exception is the exact certificate: pinned, it is accepted; any
 * other, though its faults are the very same (self-signed for the same
 * host), is rejected, also on a new connection while a keep-alive one
 * with the pinned certificate is still open; accepting the new one is a
 * new, explicit pin. */
static void
test_pinned_certificate_changes (void)
{
  g_autoptr(TlsServer) server = NULL;
  g_autoptr(DavClient) client = NULL;
  g_autofree char *slow = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavPropfind) slow_propfind = dav_propfind_new (DAV_DEPTH_1, DAV_PROPFIND_ALLPROP, NULL);
  g_autoptr(GTlsCertificate) rejected = NULL;
  GAsyncResult *slow_res = NULL;
  DavResult *result;

  if (!have_tls ())
    return;

  server = tls_server_new (CERT_A);
  client = client_new (server->dav_url);
  slow = g_strconcat (server->dav_url, "slow/", NULL);

  rejected = assert_rejected (client, server->dav_url, CERT_A, G_TLS_CERTIFICATE_UNKNOWN_CA);
  dav_client_pin_certificate (client, rejected);
  g_clear_object (&rejected);
  assert_listed (client, server->dav_url);
  g_assert_cmpuint (tls_server_get (server, &server->handshakes), ==, 1);

  /* The server changes its certificate. The keep-alive connection still
   * has the old one: a slow request goes over it... */
  tls_server_set_certificate (server, CERT_B);
  dav_client_propfind_async (client, slow, slow_propfind, NULL, store_result_cb, &slow_res);
  g_usleep (300 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* ... and one more while it is busy needs a new connection: the new
   * certificate, rejected, and named for a new prompt. */
  rejected = assert_rejected (client, server->dav_url, CERT_B, G_TLS_CERTIFICATE_UNKNOWN_CA);

  result = finish_request (client, &slow_res, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 207);
  dav_result_unref (result);
  g_assert_cmpuint (tls_server_get (server, &server->handshakes), ==, 1);
  g_assert_cmpuint (tls_server_get (server, &server->refused), >=, 1);

  /* The user accepts the new one: only then. */
  dav_client_pin_certificate (client, rejected);
  g_clear_object (&rejected);
  assert_listed (client, server->dav_url);

  /* And the old one is no longer what is accepted. */
  tls_server_set_certificate (server, CERT_A);
  g_assert_finalize_object (g_steal_pointer (&client));
  client = client_new (server->dav_url);
  dav_client_pin_certificate (client, certs[CERT_B]);
  g_object_unref (assert_rejected (client, server->dav_url, CERT_A, G_TLS_CERTIFICATE_UNKNOWN_CA));

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* A pin belongs to one client, for one host and port: another server
 * with the very same certificate is not trusted by it. */
static void
test_pin_is_per_origin (void)
{
  g_autoptr(TlsServer) first = NULL;
  g_autoptr(TlsServer) second = NULL;
  g_autoptr(DavClient) pinned = NULL;
  g_autoptr(DavClient) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = NULL;

  if (!have_tls ())
    return;

  first = tls_server_new (CERT_A);
  second = tls_server_new (CERT_A);
  pinned = client_new (first->dav_url);
  other = client_new (second->dav_url);

  dav_client_pin_certificate (pinned, certs[CERT_A]);
  assert_listed (pinned, first->dav_url);
  g_object_unref (assert_rejected (other, second->dav_url, CERT_A, G_TLS_CERTIFICATE_UNKNOWN_CA));

  /* The pinned client does not go to the other port either. */
  result = do_propfind (pinned, second->dav_url, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_test_message ("pinned client, other port: %s", error->message);
  g_assert_cmpuint (tls_server_get (second, &second->requests), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&pinned));
  g_assert_finalize_object (g_steal_pointer (&other));
}

/* A plain http server that counts what reaches it. */
static gboolean
count_incoming_cb (GSocketService    *service,
                   GSocketConnection *connection,
                   GObject           *source_object,
                   guint             *count)
{
  (*count)++;
  return FALSE;
}

/* docs/hostile-servers.md case 35: https -> http is never followed. */
static void
test_redirect_to_http (void)
{
  g_autoptr(TlsServer) server = NULL;
  g_autoptr(DavClient) client = NULL;
  g_autoptr(GSocketService) plain = g_socket_service_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (plain), NULL, &error);
  guint connections = 0;

  if (!have_tls ())
    return;

  g_assert_no_error (error);
  g_signal_connect (plain, "incoming", G_CALLBACK (count_incoming_cb), &connections);
  g_socket_service_start (plain);

  server = tls_server_new (CERT_A);
  server->redirect = g_strdup_printf ("http://127.0.0.1:%u/dav/", port);
  client = client_new (server->dav_url);
  dav_client_pin_certificate (client, certs[CERT_A]);

  result = do_propfind (client, server->dav_url, &error);
  g_assert_null (result);
  g_assert_error (error, DAV_ERROR, DAV_ERROR_REDIRECT);
  g_assert_true (g_str_has_prefix (dav_error_get_redirect_target (error), server->redirect));
  g_assert_cmpuint (tls_server_get (server, &server->requests), ==, 1);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (connections, ==, 0);

  g_socket_service_stop (plain);
  g_socket_listener_close (G_SOCKET_LISTENER (plain));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* Keeps every connection open and never says a word. */
static gboolean
hold_incoming_cb (GSocketService    *service,
                  GSocketConnection *connection,
                  GObject           *source_object,
                  GPtrArray         *held)
{
  g_ptr_array_add (held, g_object_ref (connection));
  return TRUE;
}

/* docs/hostile-servers.md case 30: a TLS handshake that never finishes
 * ends in a timeout error, like silence after it. */
static void
test_handshake_never_finishes (void)
{
  g_autoptr(GSocketService) silent = g_socket_service_new ();
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (silent), NULL, &error);
  gint64 start, elapsed;

  if (!have_tls ())
    return;

  g_assert_no_error (error);
  g_signal_connect (silent, "incoming", G_CALLBACK (hold_incoming_cb), held);
  g_socket_service_start (silent);
  url = g_strdup_printf ("https://127.0.0.1:%u/dav/", port);
  client = client_new (url);
  dav_client_set_timeout (client, 2);

  start = g_get_monotonic_time ();
  result = do_propfind (client, url, &error);
  elapsed = g_get_monotonic_time () - start;

  g_assert_null (result);
  g_assert_nonnull (error);
  g_test_message ("TLS handshake without an answer, after %.1f s: %s %d: %s",
                  elapsed / (double) G_USEC_PER_SEC, g_quark_to_string (error->domain), error->code,
                  error->message);
  g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
                 g_error_matches (error, DAV_ERROR, DAV_ERROR_TIMEOUT));
  g_assert_cmpint (elapsed, <, 8 * G_USEC_PER_SEC);
  g_assert_cmpuint (held->len, >=, 1);

  g_socket_service_stop (silent);
  g_socket_listener_close (G_SOCKET_LISTENER (silent));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* What the window asks about: a listing that failed on the certificate
 * leaves the G_TLS_ERROR and that certificate on its folder, and a
 * listing that then succeeds leaves neither. */
static void
test_store_folder_certificate (void)
{
  g_autoptr(TlsServer) server = NULL;
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavResourceStore) store = NULL;
  GTlsCertificateFlags flags = 0;
  GTlsCertificate *rejected;
  DavFolder *root;

  if (!have_tls ())
    return;

  server = tls_server_new (CERT_A);
  client = client_new (server->dav_url);
  store = dav_resource_store_new (client);
  root = dav_resource_store_get_root (store);

  dav_resource_store_load (store, root);
  wait_for_folder (root);
  g_assert_error (dav_folder_get_error (root), G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_false (dav_folder_get_loaded (root));
  rejected = dav_folder_get_rejected_certificate (root, &flags);
  g_assert_nonnull (rejected);
  g_assert_true (g_tls_certificate_is_same (rejected, certs[CERT_A]));
  g_assert_cmpint (flags & G_TLS_CERTIFICATE_UNKNOWN_CA, ==, G_TLS_CERTIFICATE_UNKNOWN_CA);
  g_assert_cmpuint (tls_server_get (server, &server->requests), ==, 0);

  /* The user accepts it. */
  dav_client_pin_certificate (client, rejected);
  dav_resource_store_refresh (store, root);
  wait_for_folder (root);
  g_assert_no_error (dav_folder_get_error (root));
  g_assert_true (dav_folder_get_loaded (root));
  g_assert_null (dav_folder_get_rejected_certificate (root, &flags));
  g_assert_cmpint (flags, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* --insecure is an explicit choice: then any certificate goes. */
static void
test_accept_invalid (void)
{
  g_autoptr(TlsServer) server = NULL;
  g_autoptr(DavClient) client = NULL;

  if (!have_tls ())
    return;

  server = tls_server_new (CERT_EXPIRED);
  client = client_new (server->dav_url);
  dav_client_set_accept_invalid_certificates (client, TRUE);
  assert_listed (client, server->dav_url);

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* A server that requires a client certificate (mutual TLS, issue 16):
 * without one the request fails with G_TLS_ERROR_CERTIFICATE_REQUIRED
 * and says so; with one it is listed, and the server saw it. */
static void
test_client_certificate_required (void)
{
  g_autoptr(TlsServer) server = NULL;
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavClient) with = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = NULL;

  if (!have_tls ())
    return;

  server = tls_server_new (CERT_A);
  server->require_client = TRUE;

  client = client_new (server->dav_url);
  dav_client_set_accept_invalid_certificates (client, TRUE);
  result = do_propfind (client, server->dav_url, &error);
  g_assert_null (result);
  g_test_message ("%s", error->message);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED);
  g_assert_nonnull (strstr (error->message, "client certificate"));
  g_assert_true (dav_error_is_never_sent (error));
  g_assert_cmpuint (tls_server_get (server, &server->requests), ==, 0);
  g_assert_cmpuint (tls_server_get (server, &server->clients), ==, 0);

  with = client_new (server->dav_url);
  dav_client_set_accept_invalid_certificates (with, TRUE);
  dav_client_set_client_certificate (with, certs[CERT_B]);
  assert_listed (with, server->dav_url);
  g_assert_cmpuint (tls_server_get (server, &server->clients), >=, 1);

  g_assert_finalize_object (g_steal_pointer (&client));
  g_assert_finalize_object (g_steal_pointer (&with));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  guint threads;
  int status;

  /* As in the test-faults-* programs: no GSettings schemas in the
   * isolated dirs for the GNOME proxy resolver, and 127.0.0.1 never goes
   * through a proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  dav_test_set_wait_seconds (20);
  dav_test_set_client_timeout (10);
  threads = count_threads ();

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    g_test_message ("no TLS backend: the TLS tests are skipped");
  else if (!make_certificates (&error))
    {
      g_test_message ("cannot make certificates: %s", error->message);
      remove_certificates ();
    }

  g_test_add_func ("/tls/untrusted-fatal", test_untrusted_fatal);
  g_test_add_func ("/tls/pinned-certificate-changes", test_pinned_certificate_changes);
  g_test_add_func ("/tls/pin-is-per-origin", test_pin_is_per_origin);
  g_test_add_func ("/tls/redirect-to-http", test_redirect_to_http);
  g_test_add_func ("/tls/handshake-never-finishes", test_handshake_never_finishes);
  g_test_add_func ("/tls/accept-invalid", test_accept_invalid);
  g_test_add_func ("/tls/store-folder-certificate", test_store_folder_certificate);
  g_test_add_func ("/tls/client-certificate-required", test_client_certificate_required);

  status = g_test_run ();
  remove_certificates ();

  /* Idle pool threads that ran GnuTLS code keep its dynamic TLS; GCC 12's
   * LeakSanitizer crashes on that at exit ("Tracer caught signal 11").
   * Let them end first: back to the threads there were before the tests
   * (and GLib's worker), or five seconds. */
  g_thread_pool_set_max_unused_threads (0);
  for (guint i = 0; i < 500 && count_threads () > threads + 1; i++)
    {
      g_thread_pool_stop_unused_threads ();
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }

  return status;
}
