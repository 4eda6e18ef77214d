/* test-doctor-read.c: what the doctor's read checks decide from text, and
 * what the connection check sees that a real test server cannot show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pure parts of dav-doctor-read.c (dates, entity tags, hrefs, the
 * DAV and WWW-Authenticate headers) on the forms servers send; then the
 * connection check against servers of the test itself: certificates
 * that are self-signed, expired or for another host (reported, and the
 * run stops unless the certificates are accepted, when it goes on), and
 * a server that answers with HTTP/1.0. tests/doctor/faults_read.py
 * proves the other checks against Apache.
 */

#include <string.h>

#include "dav-doctor.h"
#include "dav-doctor-read.h"

#include "dav-test-async.h"
#include "dav-test-raw-server.h"
#include "dav-test-tls.h"

/* ---- pure parts ------------------------------------------------------------ */

static void
test_http_date (void)
{
  static const char *const good[] = {
    "Sun, 06 Nov 1994 08:49:37 GMT",
    "Thu, 03 Dec 2026 17:47:00 GMT",
  };
  static const char *const bad[] = {
    "",
    "Sun, 6 Nov 1994 08:49:37 GMT",      /* no leading zero */
    "Sun, 06 Nov 1994 08:49:37 UTC",
    "Sun, 06 Nov 1994 08:49:37 +0000",
    "Sunday, 06-Nov-94 08:49:37 GMT",    /* RFC 850 */
    "Sun Nov  6 08:49:37 1994",          /* asctime */
    "1994-11-06T08:49:37Z",
    "Sun, 06 Nov 1994 08:49:37 GMT ",
    "Xyz, 06 Nov 1994 08:49:37 GMT",
    "Sun, 06 Noe 1994 08:49:37 GMT",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (dav_doctor_is_http_date (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (dav_doctor_is_http_date (bad[i]));
  g_assert_false (dav_doctor_is_http_date (NULL));
}

static void
test_rfc3339_date (void)
{
  static const char *const good[] = {
    "1997-12-01T17:42:21Z",
    "1997-12-01T17:42:21.5-08:00",
    "2026-12-03t17:47:00z",
    "2026-12-03T17:47:00+01:00",
  };
  static const char *const bad[] = {
    "",
    "1997-12-01 17:42:21Z",
    "1997-12-01T17:42:21",
    "1997-12-01T17:42:21+0800",
    "1997-12-01T17:42:21.Z",
    "Tue, 02 Jan 2024 03:04:05 GMT",
    "1997-12-01",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (dav_doctor_is_rfc3339_date (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (dav_doctor_is_rfc3339_date (bad[i]));
}

static void
test_entity_tag (void)
{
  static const char *const good[] = { "\"abc\"", "W/\"abc\"", "\"\"", "\"21-661be60aab9bb\"" };
  static const char *const bad[] = { "", "abc", "W/abc", "\"a b\"", "\"abc", "\"a\"b\"", "w/\"abc\"" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (dav_doctor_is_entity_tag (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (dav_doctor_is_entity_tag (bad[i]));
}

static void
test_href_escaping (void)
{
  static const char *const escaped[] = {
    "/dav/a%20b/",
    "/dav/a+b=c;d,e.txt",
    "/dav/it's%20quoted.txt",
    "/dav/Tom%20&%20Jerry.txt",
    "/dav/100%25%20done.txt",
    "http://[::1]:8080/dav/x",
    "https://example.org/dav/na%C3%AFve",
    "relative:colon.vcf",
  };
  static const char *const unescaped[] = {
    "/dav/a b",
    "/dav/na\xC3\xAFve",
    "/dav/brackets%20[1].txt",
    "/dav/100%",
    "/dav/%zz",
    "/dav/{3}",
    "/dav/a|b",
    "http://example.org/dav/a b",
    "http://[::1]/dav/[x]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (escaped); i++)
    g_assert_false (dav_doctor_href_is_unescaped (escaped[i]));
  for (guint i = 0; i < G_N_ELEMENTS (unescaped); i++)
    g_assert_true (dav_doctor_href_is_unescaped (unescaped[i]));
}

static void
check_root (const char *xml,
            gboolean    expected)
{
  g_assert_cmpint (dav_doctor_root_is_unprefixed (xml, strlen (xml)), ==, expected);
}

static void
test_root_prefix (void)
{
  check_root ("<?xml version=\"1.0\"?>\n<multistatus xmlns=\"DAV:\"><response/></multistatus>", TRUE);
  check_root ("<multistatus xmlns=\"DAV:\"/>", TRUE);
  check_root ("<!-- made by hand -->\n<multistatus xmlns=\"DAV:\">", TRUE);
  check_root ("<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\">", FALSE);
  check_root ("<?xml version=\"1.0\"?><!-- a > b --><d:multistatus xmlns:d=\"DAV:\">", FALSE);
  check_root ("", FALSE);
  check_root ("not xml", FALSE);
}

static void
check_tokens (GStrv               tokens,
              const char * const *expected)
{
  g_assert_cmpstrv (tokens, expected);
  g_strfreev (tokens);
}

static void
test_headers (void)
{
  check_tokens (dav_doctor_split_dav_header ("1,2, <http://apache.org/dav/propset/fs/1>"),
                (const char *[]) { "1", "2", "<http://apache.org/dav/propset/fs/1>", NULL });
  check_tokens (dav_doctor_split_dav_header (" 1, , 3,extended-mkcol "),
                (const char *[]) { "1", "3", "extended-mkcol", NULL });
  check_tokens (dav_doctor_split_dav_header (NULL), (const char *[]) { NULL });

  check_tokens (dav_doctor_auth_schemes ("Basic realm=\"Davscope Test\", charset=\"UTF-8\""),
                (const char *[]) { "Basic", NULL });
  /* soup_message_headers_get_list () joins two fields with ", " */
  check_tokens (dav_doctor_auth_schemes ("Digest realm=\"a, b\", nonce=\"x\", algorithm=MD5, qop=\"auth\", "
                                         "Basic realm=\"a\""),
                (const char *[]) { "Digest", "Basic", NULL });
  check_tokens (dav_doctor_auth_schemes ("Negotiate abc==, Bearer"),
                (const char *[]) { "Negotiate", "Bearer", NULL });
  check_tokens (dav_doctor_auth_schemes ("Basic realm=\"say \\\"hi, there\\\"\", Digest realm=x"),
                (const char *[]) { "Basic", "Digest", NULL });
  check_tokens (dav_doctor_auth_schemes (""), (const char *[]) { NULL });
}

/* ---- running the doctor -------------------------------------------------- */

static const char multistatus[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">"
  "<D:response><D:href>/dav/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype>"
  "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
  "</D:multistatus>\n";

/* A small WebDAV server's answers, in HTTP/@version. */
static char *
canned_answer (const char *head,
               const char *version)
{
  if (g_str_has_prefix (head, "OPTIONS "))
    return g_strdup_printf ("HTTP/%s 200 OK\r\nDAV: 1, 2\r\nAllow: OPTIONS, GET, PROPFIND, LOCK, UNLOCK\r\n"
                            "Content-Length: 0\r\n\r\n", version);
  if (g_str_has_prefix (head, "PROPFIND "))
    return g_strdup_printf ("HTTP/%s 207 Multi-Status\r\nContent-Type: application/xml; charset=utf-8\r\n"
                            "Content-Length: %zu\r\n\r\n%s", version, strlen (multistatus), multistatus);
  return g_strdup_printf ("HTTP/%s 404 Not Found\r\nContent-Length: 0\r\n\r\n", version);
}

static DavDoctor *
run_doctor (const char *url,
            gboolean    accept_invalid,
            GError    **error)
{
  g_autoptr(DavDoctor) doctor = dav_doctor_new (url, FALSE, NULL);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  dav_doctor_set_accept_invalid_certificates (doctor, accept_invalid);
  dav_doctor_set_timeout (doctor, 10);
  dav_doctor_run_async (doctor, NULL, store_result_cb, &slot);
  result = wait_for_result (&slot, "the doctor's run");
  dav_doctor_run_finish (doctor, result, error);

  return g_steal_pointer (&doctor);
}

static gboolean
has_finding (DavDoctor  *doctor,
             const char *check_id,
             const char *fault)
{
  GPtrArray *findings = dav_doctor_check_get_findings (dav_doctor_find_check (doctor, check_id));

  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (((DavDoctorFinding *) g_ptr_array_index (findings, i))->fault, fault))
      return TRUE;

  return FALSE;
}

static DavDoctorCheckState
state_of (DavDoctor  *doctor,
          const char *check_id)
{
  return dav_doctor_check_get_state (dav_doctor_find_check (doctor, check_id));
}

/* HTTP/1.0 over plain http: an info finding, and the run goes on. */
static gboolean
http10_answer (Raw           *raw,
               GOutputStream *out,
               guint          index,
               const char    *head)
{
  g_autofree char *text = canned_answer (head, "1.0");

  write_text (out, text);
  return FALSE;
}

static void
test_http10 (void)
{
  g_autoptr(Raw) raw = raw_new (http10_answer);
  g_autoptr(GError) error = NULL;
  g_autoptr(DavDoctor) doctor = run_doctor (raw->dav_url, FALSE, &error);

  g_assert_no_error (error);
  g_assert_true (has_finding (doctor, "connection", "http-1.0"));
  g_assert_cmpint (state_of (doctor, "options"), ==, DAV_DOCTOR_CHECK_PASSED);
}

/* No server at all: a finding, the rest skipped, and the run fails. */
static void
test_unreachable (void)
{
  g_autoptr(Raw) raw = raw_new (http10_answer);
  g_autofree char *url = g_strdup (raw->dav_url);
  g_autoptr(DavDoctor) doctor = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&raw, raw_free);
  doctor = run_doctor (url, FALSE, &error);

  g_assert_nonnull (error);
  g_assert_true (has_finding (doctor, "connection", "connection-failed"));
  g_assert_cmpint (state_of (doctor, "options"), ==, DAV_DOCTOR_CHECK_SKIPPED);
}

/* ---- TLS ----------------------------------------------------------------- */

static char *cert_dir;

typedef struct {
  GSocketService  *service;
  char            *dav_url;
  GTlsCertificate *cert;
  gint             active;   /* atomic */
} TlsServer;

static gboolean
tls_run_cb (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source_object,
            TlsServer              *server)
{
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;

  g_atomic_int_inc (&server->active);
  tls = g_tls_server_connection_new (G_IO_STREAM (connection), server->cert, &error);
  g_assert_no_error (error);
  if (g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, NULL))
    {
      in = g_data_input_stream_new (g_io_stream_get_input_stream (tls));
      g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (in), FALSE);
      for (;;)
        {
          g_autofree char *head = raw_read_request (in);
          g_autofree char *text = NULL;

          if (head == NULL)
            break;
          text = canned_answer (head, "1.1");
          write_text (g_io_stream_get_output_stream (tls), text);
        }
      g_io_stream_close (tls, NULL, NULL);
    }
  g_atomic_int_dec_and_test (&server->active);

  return TRUE;
}

static TlsServer *
tls_server_new (GTlsCertificate *cert)
{
  TlsServer *server = g_new0 (TlsServer, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  server->cert = g_object_ref (cert);
  server->service = g_threaded_socket_service_new (8);
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  server->dav_url = g_strdup_printf ("https://127.0.0.1:%u/dav/",
                                     g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_signal_connect (server->service, "run", G_CALLBACK (tls_run_cb), server);
  g_socket_service_start (server->service);

  return server;
}

static void
tls_server_free (TlsServer *server)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  while (g_atomic_int_get (&server->active) > 0 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }

  g_object_unref (server->service);
  g_object_unref (server->cert);
  g_free (server->dav_url);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlsServer, tls_server_free)

static void
check_certificate (const char *name,
                   const char *common_name,
                   const char *alt_name,
                   gboolean    expired,
                   const char *const *faults)
{
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(TlsServer) server = NULL;
  g_autoptr(GError) error = NULL;

  if (cert_dir == NULL)
    {
      g_test_skip ("no TLS backend or no openssl to make certificates");
      return;
    }
  cert = dav_test_make_certificate (cert_dir, name, common_name, alt_name, expired, &error);
  g_assert_no_error (error);
  server = tls_server_new (cert);

  /* Refused, as every client would: found, and nothing else runs. */
  {
    g_autoptr(DavDoctor) doctor = run_doctor (server->dav_url, FALSE, &error);

    g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
    g_clear_error (&error);
    for (guint i = 0; faults[i] != NULL; i++)
      g_assert_true (has_finding (doctor, "connection", faults[i]));
    g_assert_cmpint (state_of (doctor, "connection"), ==, DAV_DOCTOR_CHECK_FAILED);
    g_assert_cmpint (state_of (doctor, "options"), ==, DAV_DOCTOR_CHECK_SKIPPED);
  }

  /* Accepted: still found, and the other checks run. */
  {
    g_autoptr(DavDoctor) doctor = run_doctor (server->dav_url, TRUE, &error);

    g_assert_no_error (error);
    for (guint i = 0; faults[i] != NULL; i++)
      g_assert_true (has_finding (doctor, "connection", faults[i]));
    g_assert_cmpint (state_of (doctor, "options"), ==, DAV_DOCTOR_CHECK_PASSED);
  }
}

static void
test_tls_untrusted (void)
{
  check_certificate ("self", "127.0.0.1", "IP:127.0.0.1", FALSE,
                     (const char *[]) { "tls-untrusted", NULL });
}

static void
test_tls_expired (void)
{
  check_certificate ("expired", "127.0.0.1", "IP:127.0.0.1", TRUE,
                     (const char *[]) { "tls-untrusted", "tls-expired", NULL });
}

static void
test_tls_name (void)
{
  check_certificate ("wrong", "wrong.example", "DNS:wrong.example", FALSE,
                     (const char *[]) { "tls-untrusted", "tls-name-mismatch", NULL });
}

static guint
count_threads (void)
{
  g_autoptr(GDir) tasks = g_dir_open ("/proc/self/task", 0, NULL);
  guint n = 0;

  while (tasks != NULL && g_dir_read_name (tasks) != NULL)
    n++;

  return n;
}

int
main (int   argc,
      char *argv[])
{
  guint threads;
  int status;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  dav_test_set_wait_seconds (60);
  threads = count_threads ();

  if (g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GTlsCertificate) probe = NULL;

      cert_dir = g_dir_make_tmp ("davscope-doctor-XXXXXX", NULL);
      if (cert_dir != NULL)
        probe = dav_test_make_certificate (cert_dir, "probe", "127.0.0.1", "IP:127.0.0.1", FALSE, &error);
      if (probe == NULL)
        {
          g_test_message ("cannot make certificates: %s", error ? error->message : "no folder");
          if (cert_dir != NULL)
            dav_test_remove_dir (cert_dir);
          g_clear_pointer (&cert_dir, g_free);
        }
    }

  g_test_add_func ("/doctor-read/http-date", test_http_date);
  g_test_add_func ("/doctor-read/rfc3339-date", test_rfc3339_date);
  g_test_add_func ("/doctor-read/entity-tag", test_entity_tag);
  g_test_add_func ("/doctor-read/href-escaping", test_href_escaping);
  g_test_add_func ("/doctor-read/root-prefix", test_root_prefix);
  g_test_add_func ("/doctor-read/headers", test_headers);
  g_test_add_func ("/doctor-read/http-1.0", test_http10);
  g_test_add_func ("/doctor-read/unreachable", test_unreachable);
  g_test_add_func ("/doctor-read/tls-untrusted", test_tls_untrusted);
  g_test_add_func ("/doctor-read/tls-expired", test_tls_expired);
  g_test_add_func ("/doctor-read/tls-name", test_tls_name);

  status = g_test_run ();

  if (cert_dir != NULL)
    dav_test_remove_dir (cert_dir);
  g_free (cert_dir);

  /* As test-tls.c: let the pool threads that ran GnuTLS code end before
   * exit (LeakSanitizer). */
  g_thread_pool_set_max_unused_threads (0);
  for (guint i = 0; i < 500 && count_threads () > threads + 1; i++)
    {
      g_thread_pool_stop_unused_threads ();
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }

  return status;
}
