/* dav-doctor-read.c: the doctor's read-only checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a client meets before it writes anything: the connection (TCP,
 * TLS, HTTP version, redirects), the login, OPTIONS, the PROPFIND forms
 * (Depth 0, 1 and infinity; allprop, propname, named properties, broken
 * bodies), the values of the properties, and GET/HEAD of a file against
 * them. Each check learns what later ones need (the DAV classes, a file
 * and a folder of the collection) into the DavDoctorRun. The faults and
 * the clients they break are docs/clients.md's; a finding quotes what the
 * server sent, and is only reported when the exchange shows it.
 */

#include "dav-doctor-read.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dav-doctor-private.h"
#include "dav-error.h"
#include "dav-exchange.h"
#include "dav-href.h"
#include "dav-text.h"
#include "dav-xml-encoding.h"

/* A property no server has: it must come back in a 404 propstat. */
#define DOCTOR_NS "urn:x-davscope:doctor"

static const char allprop_body[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<D:propfind xmlns:D=\"DAV:\"><D:allprop/></D:propfind>\n";

static const char propname_body[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<D:propfind xmlns:D=\"DAV:\"><D:propname/></D:propfind>\n";

static const char resourcetype_body[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/></D:prop></D:propfind>\n";

static const char named_body[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<D:propfind xmlns:D=\"DAV:\" xmlns:X=\"" DOCTOR_NS "\"><D:prop>"
  "<D:resourcetype/><D:getcontentlength/><D:getlastmodified/>"
  "<D:quota-available-bytes/><D:quota-used-bytes/>"
  "<X:no-such-property/>"
  "</D:prop></D:propfind>\n";

static const char values_body[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<D:propfind xmlns:D=\"DAV:\"><D:prop>"
  "<D:resourcetype/><D:getcontentlength/><D:getlastmodified/><D:creationdate/>"
  "<D:getetag/><D:getcontenttype/>"
  "</D:prop></D:propfind>\n";

/* litmus propfind_invalid: not well-formed. */
static const char broken_body[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag></D:prop>\n";

/* litmus propfind_invalid2: a prefix bound to the empty namespace name,
 * which Namespaces in XML 1.0 §3 forbids (only the default namespace
 * may be undeclared so). */
static const char bad_namespace_body[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<propfind xmlns=\"DAV:\"><prop><bar:foo xmlns:bar=\"\"/></prop></propfind>\n";

static const char xml_type[] = "application/xml; charset=utf-8";

/* For report_full (): the catalogue's severity. */
#define CATALOGUE_SEVERITY ((DavDoctorSeverity) -1)

/* ---- pure parts ----------------------------------------------------------- */

static gboolean
is_digits (const char *s,
           guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

gboolean
dav_doctor_is_http_date (const char *value)
{
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", NULL };
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", NULL };
  gboolean day_ok = FALSE, month_ok = FALSE;

  /* "Sun, 06 Nov 1994 08:49:37 GMT" */
  if (value == NULL || strlen (value) != 29)
    return FALSE;

  for (guint i = 0; days[i] != NULL; i++)
    day_ok |= strncmp (value, days[i], 3) == 0;
  for (guint i = 0; months[i] != NULL; i++)
    month_ok |= strncmp (value + 8, months[i], 3) == 0;

  return day_ok && month_ok &&
         strncmp (value + 3, ", ", 2) == 0 && is_digits (value + 5, 2) && value[7] == ' ' &&
         value[11] == ' ' && is_digits (value + 12, 4) && value[16] == ' ' &&
         is_digits (value + 17, 2) && value[19] == ':' && is_digits (value + 20, 2) &&
         value[22] == ':' && is_digits (value + 23, 2) && strcmp (value + 25, " GMT") == 0;
}

gboolean
dav_doctor_is_rfc3339_date (const char *value)
{
  const char *p;

  /* 1997-12-01T17:42:21Z, 1997-12-01T17:42:21.5-08:00 (RFC 3339 §5.6;
   * §5.6's note allows a lower-case t and z) */
  if (value == NULL || strlen (value) < 20)
    return FALSE;
  if (!(is_digits (value, 4) && value[4] == '-' && is_digits (value + 5, 2) && value[7] == '-' &&
        is_digits (value + 8, 2) && (value[10] == 'T' || value[10] == 't') &&
        is_digits (value + 11, 2) && value[13] == ':' && is_digits (value + 14, 2) &&
        value[16] == ':' && is_digits (value + 17, 2)))
    return FALSE;

  p = value + 19;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
    return TRUE;

  return (*p == '+' || *p == '-') && is_digits (p + 1, 2) && p[3] == ':' &&
         is_digits (p + 4, 2) && p[6] == '\0';
}

gboolean
dav_doctor_is_entity_tag (const char *value)
{
  const guchar *p = (const guchar *) value;

  if (value == NULL)
    return FALSE;
  if (strncmp (value, "W/", 2) == 0)
    p += 2;
  if (*p != '"')
    return FALSE;

  /* etagc = %x21 / %x23-7E / obs-text */
  for (p++; *p != '\0' && *p != '"'; p++)
    if (*p < 0x21 || *p == 0x7f)
      return FALSE;

  return *p == '"' && p[1] == '\0';
}

gboolean
dav_doctor_href_is_unescaped (const char *href)
{
  const guchar *p = (const guchar *) href;

  if (href == NULL)
    return FALSE;

  /* The authority of an absolute URI may hold "[" and "]" (IPv6). */
  if (g_ascii_strncasecmp (href, "http://", 7) == 0 || g_ascii_strncasecmp (href, "https://", 8) == 0)
    {
      const char *path = strchr (strstr (href, "//") + 2, '/');

      if (path == NULL)
        return FALSE;
      p = (const guchar *) path;
    }

  for (; *p != '\0'; p++)
    {
      if (*p <= 0x20 || *p >= 0x7f || strchr ("\"<>\\^`{|}[]", *p) != NULL)
        return TRUE;
      if (*p == '%' && !(g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2])))
        return TRUE;
    }

  return FALSE;
}

gboolean
dav_doctor_root_is_unprefixed (const char *data,
                               gsize       length)
{
  gsize i = 0;

  while (i < length)
    {
      if (g_ascii_isspace (data[i]))
        {
          i++;
          continue;
        }
      if (data[i] != '<' || i + 1 >= length)
        return FALSE;

      /* The prolog: declarations, comments, processing instructions. */
      if (data[i + 1] == '?' || data[i + 1] == '!')
        {
          gboolean comment = length - i >= 4 && strncmp (data + i, "<!--", 4) == 0;
          const char *end = g_strstr_len (data + i, length - i, comment ? "-->" : ">");

          if (end == NULL)
            return FALSE;
          i = end - data + (comment ? 3 : 1);
          continue;
        }

      for (gsize j = i + 1; j < length; j++)
        {
          if (data[j] == ':')
            return FALSE;
          if (g_ascii_isspace (data[j]) || data[j] == '>' || data[j] == '/')
            return j > i + 1;
        }
      return FALSE;
    }

  return FALSE;
}

GStrv
dav_doctor_split_dav_header (const char *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (value == NULL)
    return g_strv_builder_end (builder);

  parts = g_strsplit (value, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *token = g_strstrip (parts[i]);

      if (*token != '\0')
        g_strv_builder_add (builder, token);
    }

  return g_strv_builder_end (builder);
}

GStrv
dav_doctor_auth_schemes (const char *challenges)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = challenges;

  /* challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ], and
   * several of them in one field, separated by commas (RFC 9110 §11.6.1):
   * a scheme is an element whose first word has no "=". */
  while (p != NULL && *p != '\0')
    {
      const char *start, *end;
      gboolean quoted = FALSE;

      while (*p == ' ' || *p == '\t' || *p == ',')
        p++;
      start = p;
      while (*p != '\0' && *p != ' ' && *p != '\t' && *p != ',' && *p != '=')
        p++;
      end = p;
      while (*p == ' ' || *p == '\t')
        p++;

      if (end > start && *p != '=')
        {
          g_autofree char *scheme = g_strndup (start, end - start);
          g_strv_builder_add (builder, scheme);
        }

      /* To the end of this element, skipping quoted commas. */
      for (; *p != '\0'; p++)
        {
          if (*p == '\\' && quoted && p[1] != '\0')
            p++;
          else if (*p == '"')
            quoted = !quoted;
          else if (*p == ',' && !quoted)
            break;
        }
    }

  return g_strv_builder_end (builder);
}

/* ---- findings ------------------------------------------------------------ */

/* dav_doctor_report () with what came escaped as a whole: it quotes the
 * server's headers, reason phrases, hrefs and values, which must not
 * reach a label or a terminal raw (docs/hostile-servers.md promise 7). */
static void report_full (DavDoctorRun      *run,
                         const char        *fault,
                         DavDoctorSeverity  severity,
                         DavResult         *result,
                         const char        *expected,
                         const char        *detail,
                         const char        *got_format,
                         ...) G_GNUC_PRINTF (7, 8);

static void
report_full (DavDoctorRun      *run,
             const char        *fault,
             DavDoctorSeverity  severity,
             DavResult         *result,
             const char        *expected,
             const char        *detail,
             const char        *got_format,
             ...)
{
  g_autofree char *got = NULL;
  g_autofree char *shown = NULL;
  va_list args;

  va_start (args, got_format);
  got = g_strdup_vprintf (got_format, args);
  va_end (args);
  shown = dav_text_escape (got, -1);

  if ((int) severity < 0)
    {
      const DavDoctorFault *info = dav_doctor_fault_lookup (fault);

      g_return_if_fail (info != NULL);
      severity = info->severity;
    }

  dav_doctor_report_full (run, fault, severity, result, expected, detail, "%s", shown);
}

#define report(run, fault, result, expected, ...) \
  report_full ((run), (fault), CATALOGUE_SEVERITY, (result), (expected), NULL, __VA_ARGS__)

/* ---- helpers -------------------------------------------------------------- */

static gboolean
strv_has_token (GStrv       strv,
                const char *token)
{
  for (guint i = 0; strv[i] != NULL; i++)
    if (g_ascii_strcasecmp (strv[i], token) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
has_token (const char *list,
           const char *token)
{
  g_auto(GStrv) tokens = dav_doctor_split_dav_header (list);

  return strv_has_token (tokens, token);
}

static const char *
header (DavResult  *result,
        const char *name)
{
  return result->headers != NULL ? soup_message_headers_get_one (result->headers, name) : NULL;
}

static char *
header_list (DavResult  *result,
             const char *name)
{
  const char *list = result->headers != NULL ? soup_message_headers_get_list (result->headers, name) : NULL;

  return g_strdup (list);
}

static DavResult *
propfind (DavDoctorRun  *run,
          const char    *url,
          const char    *depth,
          const char    *body,
          GError       **error)
{
  return dav_doctor_send (run, "PROPFIND", url, (const char *[]) { "Depth", depth, NULL },
                          body, xml_type, error);
}

static gboolean
is_xml_media_type (const char *type)
{
  return type != NULL && (g_str_equal (type, "application/xml") || g_str_equal (type, "text/xml") ||
                          g_str_has_suffix (type, "+xml"));
}

/* Content-Type against the body: an XML type, and a charset that agrees
 * with the document's own declaration (RFC 7303 §3: the HTTP charset
 * wins, so a wrong one garbles the names for clients that obey it). */
static void
check_content_type (DavDoctorRun *run,
                    DavResult    *result)
{
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *charset;

  if (!is_xml_media_type (result->content_type))
    {
      report (run, "propfind-content-type", result,
              _("Content-Type: application/xml; charset=utf-8"),
              _("Content-Type: %s"),
              header (result, "Content-Type") ? header (result, "Content-Type")
                                              : _("(none)"));
      return;
    }

  soup_message_headers_get_content_type (result->headers, &params);
  charset = params != NULL ? g_hash_table_lookup (params, "charset") : NULL;
  body = dav_doctor_dup_body (run, result);
  if (charset != NULL && body != NULL && g_bytes_get_size (body) > 0)
    {
      g_autofree char *declared = dav_xml_sniff_encoding (g_bytes_get_data (body, NULL),
                                                          g_bytes_get_size (body));
      g_autofree char *a = dav_charset_canonical (charset);
      g_autofree char *b = dav_charset_canonical (declared);

      if (!g_str_equal (a, b))
        report (run, "propfind-content-type", result,
                _("The charset of Content-Type and the XML declaration agree"),
                _("charset=%s in Content-Type, but the body is in %s"), charset, declared);
    }
}

/* The status of a PROPFIND: 207 (a 2xx with a multistatus body is read
 * all the same, after its finding). TRUE when there is a multistatus to
 * look at; its Content-Type and the parser's problems are reported. */
static gboolean
expect_multistatus (DavDoctorRun *run,
                    DavResult    *result)
{
  if (result->status == 207)
    ;
  else if (result->status / 100 == 2 && dav_result_has_multistatus (result))
    report (run, "propfind-200-not-207", result, _("207 Multi-Status"),
            "%u %s", result->status, dav_doctor_reason (result));
  else
    {
      report (run, result->status >= 500 ? "server-error" : "propfind-failed", result,
              _("207 Multi-Status"), "%u %s", result->status,
              dav_doctor_reason (result));
      return FALSE;
    }

  check_content_type (run, result);
  dav_doctor_report_problems (run, result);

  if (result->body == NULL || !result->body->is_multistatus)
    {
      /* The parser said why (multistatus-malformed); a 207 without any
       * XML at all needs saying here. */
      if (result->body == NULL)
        report (run, "multistatus-malformed", result, _("A multistatus XML body"),
                "%s", _("No XML body"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
propfind_answered (DavDoctorRun *run,
                   DavResult    *result,
                   const char   *url,
                   const GError *error)
{
  if (result != NULL)
    return TRUE;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    dav_doctor_report_error (run, "propfind-failed", "PROPFIND", url, _("207 Multi-Status"), error);
  return FALSE;
}

static void
check_self_entry (DavDoctorRun *run,
                  DavResult    *result,
                  const char   *url)
{
  g_autoptr(DavResponse) self = dav_result_dup_own_response (result, url);

  if (self == NULL)
    {
      const char *first = NULL;

      if (result->body->responses->len > 0)
        first = dav_response_get_href (g_ptr_array_index (result->body->responses, 0));
      report (run, "self-entry-missing", result,
              _("A response whose href is the requested folder"),
              _("%u responses, none for the folder itself (the first: %s)"),
              result->body->responses->len, first ? first : _("none"));
    }
}

/* A PROPFIND of the folder that must come back as a 207, with what every
 * such answer is checked for; NULL when there is nothing more to look at. */
static DavResult *
ask_folder (DavDoctorRun *run,
            const char   *depth,
            const char   *body,
            gboolean      self_entry)
{
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = propfind (run, run->url, depth, body, &error);
  if (!propfind_answered (run, result, run->url, error) || !expect_multistatus (run, result))
    return NULL;
  if (self_entry)
    check_self_entry (run, result, run->url);

  return g_steal_pointer (&result);
}

static void
check_default_namespace (DavDoctorRun *run,
                         DavResult    *result)
{
  g_autoptr(GBytes) body = dav_doctor_dup_body (run, result);

  if (body != NULL &&
      dav_doctor_root_is_unprefixed (g_bytes_get_data (body, NULL), g_bytes_get_size (body)))
    report (run, "multistatus-default-namespace", result,
            _("<D:multistatus xmlns:D=\"DAV:\">"),
            "%s", _("<multistatus xmlns=\"DAV:\">: DAV: as the default namespace"));
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

/* The first problem of @kind the parser found in @result, or NULL. */
static const DavProblem *
find_problem (DavResult      *result,
              DavProblemKind  kind)
{
  for (guint i = 0; i < result->body->problems->len; i++)
    {
      const DavProblem *problem = g_ptr_array_index (result->body->problems, i);

      if (problem->kind == kind)
        return problem;
    }

  for (guint i = 0; i < result->body->responses->len; i++)
    {
      DavResponse *response = g_ptr_array_index (result->body->responses, i);

      for (guint j = 0; response->problems != NULL && j < response->problems->len; j++)
        {
          const DavProblem *problem = g_ptr_array_index (response->problems, j);

          if (problem->kind == kind)
            return problem;
        }
    }

  return NULL;
}

/* @href with "[" and "]" percent-encoded. */
static char *
bracket_escape (const char *href)
{
  GString *out = g_string_new (NULL);

  for (const char *p = href; *p != '\0'; p++)
    {
      if (*p == '[')
        g_string_append (out, "%5B");
      else if (*p == ']')
        g_string_append (out, "%5D");
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
has_problem (DavResult      *result,
             DavProblemKind  kind)
{
  return find_problem (result, kind) != NULL;
}

/* The size of @result's body: its Content-Length, else what came (the
 * exchange log counts past what it keeps). */
static gint64
body_length (DavDoctorRun *run,
             DavResult    *result)
{
  g_autoptr(DavExchange) exchange = NULL;
  goffset length = soup_message_headers_get_content_length (result->headers);

  if (length > 0 || soup_message_headers_get_one (result->headers, "Content-Length") != NULL)
    return length;

  exchange = dav_exchange_log_lookup (dav_client_get_exchange_log (run->client), result->exchange_id);
  return exchange != NULL ? (gint64) dav_exchange_get_response_body_size (exchange) : -1;
}

/* ---- connection ------------------------------------------------------------ */

typedef struct {
  GTlsCertificateFlags errors;
  gboolean             handshake;
  GTlsCertificate     *own;        /* the run's client certificate, or NULL */
} TlsSeen;

static gboolean
on_probe_accept_certificate (GTlsConnection       *connection,
                             GTlsCertificate      *certificate,
                             GTlsCertificateFlags  errors,
                             gpointer              user_data)
{
  TlsSeen *seen = user_data;

  /* Refused whatever the person chose: a handshake accepted here would
   * leave a TLS session that the run's own client could resume without
   * seeing the certificate again. The HTTP version is then not asked. */
  seen->errors |= errors;
  return FALSE;
}

static void
on_probe_event (GSocketClient      *client,
                GSocketClientEvent  event,
                GSocketConnectable *connectable,
                GIOStream          *connection,
                gpointer            user_data)
{
  TlsSeen *seen = user_data;

  if (event == G_SOCKET_CLIENT_TLS_HANDSHAKING)
    {
      seen->handshake = TRUE;
      g_signal_connect (connection, "accept-certificate",
                        G_CALLBACK (on_probe_accept_certificate), user_data);
      /* A server that wants one refuses the probe without it. */
      if (seen->own != NULL)
        g_tls_connection_set_certificate (G_TLS_CONNECTION (connection), seen->own);
    }
}

static void
report_certificate (DavDoctorRun         *run,
                    GTlsCertificateFlags  errors)
{
  const char *expected = _("A certificate for this host name, valid today, from an authority this system trusts");

  if (errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    report (run, "tls-untrusted", NULL, expected, "%s",
            _("The certificate is not signed by a trusted authority (self-signed, or the chain is incomplete)."));
  if (errors & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
    report (run, "tls-expired", NULL, expected, "%s",
            (errors & G_TLS_CERTIFICATE_EXPIRED)
            ? _("The certificate has expired.")
            : _("The certificate is not valid yet."));
  if (errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    report (run, "tls-name-mismatch", NULL, expected, "%s",
            _("The certificate does not name this host."));
  if (errors & (G_TLS_CERTIFICATE_REVOKED | G_TLS_CERTIFICATE_INSECURE | G_TLS_CERTIFICATE_GENERIC_ERROR))
    report (run, "tls-untrusted", NULL, expected, "%s",
            (errors & G_TLS_CERTIFICATE_REVOKED)
            ? _("The certificate has been revoked.")
            : _("The certificate uses an insecure algorithm, or could not be checked."));
}

/* A connection of our own, past libsoup: it hides both the certificate's
 * problems once accepted and how the answer was framed. It goes the
 * run's way: through its proxy (a CONNECT tunnel for an HTTP one, GIO's
 * GProxy), showing its client certificate. */
static GSocketConnection *
probe_connect (DavDoctorRun  *run,
               GUri          *uri,
               TlsSeen       *seen,
               GError       **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnectable) address = NULL;
  gboolean tls = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;
  int port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : (tls ? 443 : 80);

  g_socket_client_set_timeout (client, 30);
  g_socket_client_set_tls (client, tls);
  if (run->proxy != NULL)
    {
      g_autoptr(GProxyResolver) resolver = g_simple_proxy_resolver_new (run->proxy, NULL);

      g_socket_client_set_proxy_resolver (client, resolver);
    }
  seen->own = run->client_certificate;
  g_signal_connect (client, "event", G_CALLBACK (on_probe_event), seen);

  address = g_network_address_new (g_uri_get_host (uri), port);
  return g_socket_client_connect (client, address, run->cancellable, error);
}

/* The request line and headers of a request of our own. */
static char *
probe_request_head (GUri       *uri,
                    const char *method,
                    const char *extra_headers)
{
  gboolean tls = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;
  int port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : (tls ? 443 : 80);
  g_autofree char *host = strchr (g_uri_get_host (uri), ':') != NULL
                          ? g_strdup_printf ("[%s]", g_uri_get_host (uri))
                          : g_strdup (g_uri_get_host (uri));
  const char *path = *g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/";

  return g_strdup_printf ("%s %s%s%s HTTP/1.1\r\n"
                          "Host: %s:%d\r\n"
                          "User-Agent: Davscope doctor\r\n"
                          "Connection: close\r\n"
                          "%s"
                          "\r\n",
                          method, path, g_uri_get_query (uri) ? "?" : "",
                          g_uri_get_query (uri) ? g_uri_get_query (uri) : "",
                          host, port, extra_headers ? extra_headers : "");
}

/* Reads the status line of one OPTIONS of our own. FALSE, with @error,
 * when there is no connection at all. */
static gboolean
probe_connection (DavDoctorRun  *run,
                  GUri          *uri,
                  char         **status_line,
                  GError       **error)
{
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *request = NULL;
  gboolean tls = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;
  TlsSeen seen = { 0 };
  gsize length;

  connection = probe_connect (run, uri, &seen, error);
  if (connection == NULL)
    {
      if (seen.handshake)
        report_certificate (run, seen.errors);
      return FALSE;
    }

  if (tls)
    report_certificate (run, seen.errors);

  request = probe_request_head (uri, "OPTIONS", NULL);
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                  request, strlen (request), NULL, run->cancellable, error))
    return FALSE;

  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (in), 1024);
  *status_line = g_data_input_stream_read_line (in, &length, run->cancellable, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

/* Reads and drops @count bytes; how many came before the end. */
static guint64
skip_bytes (GInputStream *in,
            guint64       count,
            GCancellable *cancellable)
{
  g_autofree char *buffer = g_malloc (64 * 1024);
  guint64 done = 0;

  while (done < count)
    {
      gssize n = g_input_stream_read (in, buffer, MIN (count - done, 64 * 1024), cancellable, NULL);

      if (n <= 0)
        break;
      done += n;
    }

  return done;
}

static char *
read_probe_line (GDataInputStream *in,
                 GCancellable     *cancellable)
{
  gsize length;
  char *line = g_data_input_stream_read_line (in, &length, cancellable, NULL);

  return line != NULL ? g_strchomp (line) : NULL;
}

/* Sends a PROPFIND of our own and reads its answer by its framing
 * (RFC 9112 §6): all the bytes Content-Length promised, or chunks up to
 * the last, empty one. libsoup's reader stops at the end of the XML
 * document, so a body that ends there but short of its framing would
 * pass; a client that reads to the end fails on it. Returns why the
 * body was cut short (translated), or NULL when it was whole or could
 * not be asked (no 207, no connection). */
static char *
probe_framing (DavDoctorRun *run,
               const char   *url,
               const char   *depth,
               const char   *body)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *headers = NULL;
  g_autofree char *request = NULL;
  g_autofree char *status = NULL;
  g_autofree char *length = NULL;
  gboolean chunked = FALSE;
  TlsSeen seen = { 0 };
  char *why = NULL;

  if (uri == NULL)
    return NULL;
  connection = probe_connect (run, uri, &seen, NULL);
  if (connection == NULL)
    return NULL;

  headers = g_strdup_printf ("Depth: %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n",
                             depth, xml_type, strlen (body));
  request = probe_request_head (uri, "PROPFIND", headers);
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                  request, strlen (request), NULL, run->cancellable, NULL) ||
      !g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                  body, strlen (body), NULL, run->cancellable, NULL))
    return NULL;

  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  status = read_probe_line (in, run->cancellable);
  if (status == NULL || !g_str_has_prefix (status, "HTTP/1.1 207"))
    goto out;

  for (;;)
    {
      g_autofree char *line = read_probe_line (in, run->cancellable);
      char *colon;

      if (line == NULL)
        goto out;
      if (*line == '\0')
        break;
      colon = strchr (line, ':');
      if (colon == NULL)
        continue;
      *colon = '\0';
      if (g_ascii_strcasecmp (line, "Transfer-Encoding") == 0 && strstr (colon + 1, "chunked") != NULL)
        chunked = TRUE;
      else if (g_ascii_strcasecmp (line, "Content-Length") == 0)
        {
          g_free (length);
          length = g_strstrip (g_strdup (colon + 1));
        }
    }

  if (chunked)
    {
      for (;;)
        {
          g_autofree char *size_line = read_probe_line (in, run->cancellable);
          guint64 size;

          if (size_line == NULL)
            {
              why = g_strdup (_("The chunked body ended without its last, empty chunk."));
              break;
            }
          size = g_ascii_strtoull (size_line, NULL, 16);
          if (size == 0)
            break;
          if (skip_bytes (G_INPUT_STREAM (in), size, run->cancellable) < size)
            {
              why = g_strdup (_("The chunked body ended in the middle of a chunk."));
              break;
            }
          g_free (read_probe_line (in, run->cancellable));
        }
    }
  else if (length != NULL)
    {
      guint64 promised = g_ascii_strtoull (length, NULL, 10);
      guint64 came = skip_bytes (G_INPUT_STREAM (in), promised, run->cancellable);

      if (came < promised)
        {
          g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, came);

          why = g_strdup_printf (_("Content-Length: %s, but the connection closed after %s bytes."),
                                 length, count);
        }
    }

out:
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return why;
}

/* No answer: the rest of the run cannot go on. A certificate refused
 * has its finding already. */
static void
give_up (DavDoctorRun  *run,
         GError       **error,
         const char    *expected)
{
  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if ((*error)->domain != G_TLS_ERROR)
    dav_doctor_report_error (run, "connection-failed", "OPTIONS", run->url, expected, *error);
  run->unreachable = TRUE;
  run->unreachable_error = g_steal_pointer (error);
}

void
dav_doctor_check_connection (DavDoctorRun *run)
{
  g_autoptr(GUri) uri = g_uri_parse (run->url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autofree char *status_line = NULL;

  g_return_if_fail (uri != NULL);

  /* A certificate refused by the probe is reported; the run's client
   * then decides whether to go on. */
  if (!probe_connection (run, uri, &status_line, &error))
    {
      if (error->domain != G_TLS_ERROR)
        {
          give_up (run, &error, _("A connection to the server"));
          return;
        }
      g_clear_error (&error);
    }

  if (status_line != NULL && g_str_has_prefix (status_line, "HTTP/1.0 "))
    report (run, "http-1.0", NULL, _("HTTP/1.1"), _("The status line “%s”"),
            g_strstrip (status_line));

  /* The real client now: what every later check goes through. */
  run->no_follow = TRUE;
  result = dav_doctor_send (run, "OPTIONS", run->url, NULL, NULL, NULL, &error);
  run->no_follow = FALSE;
  if (result == NULL)
    {
      give_up (run, &error, _("An answer to OPTIONS"));
      return;
    }

  g_free (run->server);
  run->server = g_strdup (header (result, "Server"));

  if (result->status / 100 == 3 && result->location != NULL)
    {
      g_autoptr(GUri) target = g_uri_parse_relative (uri, result->location, SOUP_HTTP_URI_FLAGS, NULL);

      if (target != NULL && !same_origin (uri, target))
        {
          gboolean to_https = g_str_equal (g_uri_get_scheme (uri), "http") &&
                              g_str_equal (g_uri_get_scheme (target), "https") &&
                              g_ascii_strcasecmp (g_uri_get_host (uri), g_uri_get_host (target)) == 0;
          g_autofree char *shown = g_uri_to_string_partial (target, G_URI_HIDE_USERINFO);

          report (run, to_https ? "redirect-http-https" : "redirect-other-origin", result,
                  /* Translators: a redirect the server sent: status code, reason phrase, where to. */
                  _("An answer from this address"), _("%u %s to %s"),
                  result->status, dav_doctor_reason (result), shown);
          run->unreachable = TRUE;
          run->unreachable_error = g_error_new (DAV_ERROR, DAV_ERROR_REDIRECT,
                                                _("The server sends this address to “%s”: check that address instead."),
                                                shown);
        }
    }
  else if (result->status >= 500)
    report (run, "server-error", result, _("An answer to OPTIONS"),
            "%u %s", result->status, dav_doctor_reason (result));
}

/* ---- redirects --------------------------------------------------------- */

/* Where a redirect of @result goes, resolved; NULL if it is none. */
static GUri *
redirect_target (DavResult *result)
{
  g_autoptr(GUri) base = NULL;

  if (result->status / 100 != 3 || result->location == NULL)
    return NULL;

  base = g_uri_parse (result->url, SOUP_HTTP_URI_FLAGS, NULL);
  return base != NULL ? g_uri_parse_relative (base, result->location, SOUP_HTTP_URI_FLAGS, NULL) : NULL;
}

void
dav_doctor_check_redirects (DavDoctorRun *run)
{
  g_autoptr(GUri) uri = g_uri_parse (run->url, SOUP_HTTP_URI_FLAGS, NULL);
  const char *path = g_uri_get_path (uri);
  gboolean tested = FALSE;

  if (run->unreachable)
    {
      dav_doctor_skip (run, "%s", _("No connection to the server: see Connection."));
      return;
    }

  run->no_follow = TRUE;

  /* The folder without its slash, as the Windows redirector and people
   * typing addresses ask for it. */
  if (!g_str_equal (path, "/"))
    {
      g_autofree char *bare_path = g_strndup (path, strlen (path) - 1);
      g_autoptr(GUri) bare = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL,
                                          g_uri_get_host (uri), g_uri_get_port (uri), bare_path,
                                          g_uri_get_query (uri), NULL);
      g_autofree char *bare_url = g_uri_to_string (bare);
      g_autoptr(GError) error = NULL;
      g_autoptr(DavResult) result = propfind (run, bare_url, "0", resourcetype_body, &error);
      g_autoptr(GUri) target = result != NULL ? redirect_target (result) : NULL;

      tested = result != NULL;
      if (target != NULL)
        {
          g_autofree char *shown = g_uri_to_string_partial (target, G_URI_HIDE_USERINFO);

          if (!same_origin (uri, target))
            report (run, "redirect-other-origin", result, _("207 Multi-Status, or a redirect on this server"),
                    /* Translators: a redirect the server sent: status code, reason phrase, where to. */
                    _("%u %s to %s"), result->status, dav_doctor_reason (result), shown);
          else
            report_full (run, "collection-redirect-301",
                         /* 307 and 308 keep the method: only a detour. */
                         result->status == 307 || result->status == 308
                         ? DAV_DOCTOR_INFO : CATALOGUE_SEVERITY,
                         result, _("207 Multi-Status for the folder"), NULL,
                         /* Translators: a redirect the server sent: status code, reason phrase, where to. */
                         _("%u %s to %s"), result->status, dav_doctor_reason (result), shown);
        }
      else if (result != NULL && result->status >= 500)
        report (run, "server-error", result, _("207 Multi-Status for the folder"),
                "%u %s", result->status, dav_doctor_reason (result));
    }

  /* Over https, the same share over plain http on port 80: what a
   * client given the http address meets. */
  if (g_str_equal (g_uri_get_scheme (uri), "https") &&
      (g_uri_get_port (uri) == -1 || g_uri_get_port (uri) == 443))
    {
      g_autoptr(GUri) plain = g_uri_build (G_URI_FLAGS_ENCODED, "http", NULL, g_uri_get_host (uri), -1,
                                           path, g_uri_get_query (uri), NULL);
      g_autofree char *plain_url = g_uri_to_string (plain);
      g_autoptr(GError) error = NULL;
      g_autoptr(DavResult) result = propfind (run, plain_url, "0", resourcetype_body, &error);
      g_autoptr(GUri) target = result != NULL ? redirect_target (result) : NULL;

      tested = tested || result != NULL;
      if (target != NULL && g_str_equal (g_uri_get_scheme (target), "https"))
        {
          g_autofree char *shown = g_uri_to_string_partial (target, G_URI_HIDE_USERINFO);

          /* The person uses https: only clients given the http address suffer. */
          report_full (run, "redirect-http-https", DAV_DOCTOR_INFO, result,
                       _("207 Multi-Status at the http address, or no http at all"),
                       _("Only clients given the http address meet this."),
                       /* Translators: a redirect the server sent: status code, reason phrase, where to. */
                       _("%u %s to %s"), result->status, dav_doctor_reason (result), shown);
        }
      else if (result != NULL && result->status == 401)
        {
          g_autofree char *challenges = header_list (result, "WWW-Authenticate");
          g_auto(GStrv) schemes = dav_doctor_auth_schemes (challenges);

          if (strv_has_token (schemes, "Basic"))
            report (run, "basic-over-http", result, _("No login over plain http"),
                    _("The http address asks for a Basic login: %s"), challenges);
        }
    }

  if (!tested)
    dav_doctor_skip (run, "%s", _("The address is the server's root over https on another port: nothing to ask."));
}

/* ---- authentication -------------------------------------------------------- */

typedef struct {
  gboolean declined;  /* the runner had no login to give */
} AuthSeen;

static gboolean
on_authenticate_seen (DavClient *client,
                      SoupAuth  *auth,
                      gboolean   retrying,
                      gpointer   user_data)
{
  AuthSeen *seen = user_data;

  /* Runs after the runner's handler, only when it gave no login: on the
   * first challenge that means there is none. */
  if (!retrying)
    seen->declined = TRUE;
  return FALSE;
}

void
dav_doctor_check_auth (DavDoctorRun *run)
{
  g_autoptr(DavClient) anonymous = dav_doctor_new_client (run);
  g_autoptr(DavResult) bare = NULL;
  g_autoptr(DavResult) logged = NULL;
  g_autoptr(GError) error = NULL;
  DavClient *own = run->client;
  gboolean plain_http = g_str_has_prefix (run->url, "http:");
  gboolean challenged = FALSE;
  AuthSeen seen = { FALSE };
  gulong handler;

  /* Without a login: the run's client may have one. The certificate
   * was looked at by the connection check, and this client sends no
   * login anywhere; it goes the run's way (proxy, client certificate),
   * as a server that wants a certificate asks before any login. */
  dav_client_set_accept_invalid_certificates (anonymous, TRUE);
  run->client = anonymous;
  bare = propfind (run, run->url, "0", resourcetype_body, &error);
  if (bare != NULL && bare->status == 401)
    {
      g_autofree char *challenges = header_list (bare, "WWW-Authenticate");
      g_auto(GStrv) schemes = dav_doctor_auth_schemes (challenges);

      challenged = schemes[0] != NULL;
      if (!challenged)
        report (run, "401-no-challenge", bare,
                _("401 with a WWW-Authenticate header naming how to log in"),
                "%s", _("401 without WWW-Authenticate"));
      if (plain_http && strv_has_token (schemes, "Basic"))
        report (run, "basic-over-http", bare, _("No Basic login over plain http"),
                "WWW-Authenticate: %s", challenges);
    }
  run->client = own;
  g_clear_error (&error);

  if (dav_doctor_cancelled (run))
    return;

  /* With the login, if one was given. */
  handler = g_signal_connect (run->client, "authenticate", G_CALLBACK (on_authenticate_seen), &seen);
  logged = propfind (run, run->url, "0", resourcetype_body, &error);
  g_signal_handler_disconnect (run->client, handler);
  if (logged == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dav_doctor_report_error (run, "propfind-failed", "PROPFIND", run->url,
                                 _("207 Multi-Status"), error);
      return;
    }

  if (logged->status == 401)
    {
      run->auth_failed = TRUE;
      if (!challenged)
        dav_doctor_skip (run, "%s", _("The server asks for a login without saying how."));
      else if (seen.declined)
        dav_doctor_skip (run, "%s", _("The server asks for a login, and none was given."));
      else
        report (run, "auth-login-refused", logged, _("207 Multi-Status with the login given"),
                "%u %s", logged->status, dav_doctor_reason (logged));
    }
  else if (logged->status == 403)
    {
      run->auth_failed = TRUE;
      dav_doctor_skip (run, "%s", _("The server refuses access to this folder (403 Forbidden)."));
    }
  else if (bare != NULL && bare->status == 403 && logged->status / 100 == 2)
    {
      run->client = anonymous;
      report (run, "auth-403-not-401", bare,
              _("401 Unauthorized with a WWW-Authenticate challenge"),
              _("%u %s without a login; %u with it"), bare->status, dav_doctor_reason (bare),
              logged->status);
      run->client = own;
    }
}

/* ---- OPTIONS ------------------------------------------------------------ */

void
dav_doctor_check_options (DavDoctorRun *run)
{
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dav = NULL;
  g_autofree char *allow = NULL;

  result = dav_doctor_send (run, "OPTIONS", run->url, NULL, NULL, NULL, &error);
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dav_doctor_report_error (run, "options-failed", "OPTIONS", run->url, _("200 OK with a DAV header"), error);
      return;
    }

  if (result->status / 100 != 2)
    {
      report (run, result->status >= 500 ? "server-error" : "options-failed", result,
              _("200 OK with a DAV header"), "%u %s", result->status, dav_doctor_reason (result));
      return;
    }

  /* Several DAV headers are one list (Apache sends a second one). */
  dav = header_list (result, "DAV");
  allow = header_list (result, "Allow");
  g_free (run->dav_header);
  run->dav_header = g_strdup (dav);
  g_free (run->allow);
  run->allow = g_strdup (allow);
  if (run->server == NULL)
    run->server = g_strdup (header (result, "Server"));

  if (dav == NULL)
    {
      report (run, "options-no-dav-header", result, _("DAV: 1, 2"), "%s",
              _("No DAV header"));
      return;
    }

  run->class1 = has_token (dav, "1");
  run->class2 = has_token (dav, "2");
  if (run->class2 && !run->class1)
    report (run, "options-class2-without-1", result, _("DAV: 1, 2"), "DAV: %s", dav);
  else if (!run->class1)
    report (run, "options-no-dav-header", result, _("DAV: 1, 2"), "DAV: %s", dav);
  if (!run->class2)
    report (run, "options-no-class-2", result, _("DAV: 1, 2"), "DAV: %s", dav);

  if (allow == NULL)
    report (run, "options-no-allow", result, _("An Allow header naming PROPFIND"), "%s",
            _("No Allow header"));
  else
    {
      if (!has_token (allow, "PROPFIND"))
        report (run, "options-allow-incomplete", result, _("PROPFIND in Allow"),
                "Allow: %s", allow);
      if (run->class2 && (!has_token (allow, "LOCK") || !has_token (allow, "UNLOCK")))
        report (run, "options-class2-no-lock", result, _("LOCK and UNLOCK in Allow, as DAV: 2 promises"),
                "Allow: %s", allow);
    }
}

/* ---- PROPFIND Depth 0 -------------------------------------------------------- */

void
dav_doctor_check_propfind_depth0 (DavDoctorRun *run)
{
  g_autoptr(DavResult) result = NULL;
  g_autoptr(DavResponse) self = NULL;

  result = ask_folder (run, "0", allprop_body, TRUE);
  if (result == NULL)
    return;

  check_default_namespace (run, result);

  self = dav_result_dup_own_response (result, run->url);
  if (self != NULL && dav_response_get_listing_status (self) / 100 == 2)
    {
      const DavProperty *type = dav_response_find_property (self, "DAV:", "resourcetype");

      if (type == NULL || type->status / 100 != 2)
        report (run, "resourcetype-missing", result,
                _("<D:resourcetype><D:collection/></D:resourcetype> for the folder"),
                "%s", _("No DAV:resourcetype"));
      else if (type->value == NULL || strstr (type->value, "collection") == NULL)
        report (run, "resourcetype-missing", result,
                _("<D:resourcetype><D:collection/></D:resourcetype> for the folder"),
                _("DAV:resourcetype “%s”"), type->value ? type->value : "");
    }
}

/* ---- PROPFIND Depth 1 ---------------------------------------------------- */

/* The smallest file of a listing that has bytes, for GET and ranges; the
 * first folder. */
static void
learn_members (DavDoctorRun *run,
               DavResult    *result)
{
  guint64 best = G_MAXUINT64;

  g_clear_pointer (&run->member_file, g_free);
  g_clear_pointer (&run->member_folder, g_free);

  for (guint i = 0; i < result->body->responses->len; i++)
    {
      DavResponse *response = g_ptr_array_index (result->body->responses, i);
      const char *href = dav_response_get_href (response);
      g_autoptr(DavHref) resolved = NULL;
      const DavProperty *length;
      guint64 size = 0;

      if (href == NULL || dav_response_get_listing_status (response) / 100 != 2)
        continue;
      resolved = dav_href_resolve (result->url, href);
      if (resolved->relation != DAV_HREF_MEMBER)
        continue;

      if (dav_response_is_collection (response, resolved->collection))
        {
          if (run->member_folder == NULL)
            run->member_folder = g_strdup (resolved->uri);
          continue;
        }

      length = dav_response_find_property (response, "DAV:", "getcontentlength");
      if (length != NULL && length->value != NULL)
        size = g_ascii_strtoull (length->value, NULL, 10);
      /* An empty file cannot show a range; any file beats none. */
      if (run->member_file == NULL || (size > 1 && (best <= 1 || size < best)))
        {
          g_free (run->member_file);
          run->member_file = g_strdup (resolved->uri);
          best = size;
        }
    }
}

void
dav_doctor_check_propfind_depth1 (DavDoctorRun *run)
{
  g_autoptr(DavResult) result = NULL;
  g_autofree char *unescaped = NULL;
  g_autofree char *no_slash = NULL;
  g_autofree char *foreign = NULL;
  g_autofree char *outside = NULL;
  guint n_unescaped = 0, n_no_slash = 0, n_foreign = 0, n_outside = 0;
  gboolean only_brackets = TRUE;
  gint64 size;

  result = ask_folder (run, "1", allprop_body, TRUE);
  if (result == NULL)
    return;

  /* The parser found a cut in the document itself; a body whose document
   * ended but not its framing needs reading by hand. */
  if (!has_problem (result, DAV_PROBLEM_TRUNCATED))
    {
      g_autofree char *cut = probe_framing (run, run->url, "1", allprop_body);

      if (cut != NULL)
        report (run, "propfind-truncated", result,
                _("The whole body its Content-Length or chunks announce"), "%s", cut);
    }

  for (guint i = 0; i < result->body->responses->len; i++)
    {
      DavResponse *response = g_ptr_array_index (result->body->responses, i);

      for (guint j = 0; j < response->hrefs->len; j++)
        {
          const char *href = g_ptr_array_index (response->hrefs, j);
          g_autoptr(DavHref) resolved = dav_href_resolve (result->url, href);

          if (dav_doctor_href_is_unescaped (href))
            {
              g_autofree char *bracketed = bracket_escape (href);

              if (n_unescaped++ == 0)
                unescaped = g_strdup (href);
              only_brackets = only_brackets && !dav_doctor_href_is_unescaped (bracketed);
            }
          if (resolved->relation == DAV_HREF_OTHER_ORIGIN && n_foreign++ == 0)
            foreign = g_strdup (href);
          if (resolved->relation == DAV_HREF_OUTSIDE && n_outside++ == 0)
            outside = g_strdup (href);

          if (resolved->relation == DAV_HREF_MEMBER && !resolved->collection &&
              response->propstats->len > 0 && dav_response_is_collection (response, FALSE) &&
              n_no_slash++ == 0)
            no_slash = g_strdup (href);
        }
    }

  /* Raw "[" and "]" break only strict URI parsers (Java's, so
   * Cyberduck); a raw space or byte breaks more. */
  if (n_unescaped > 0)
    report_full (run, "href-unescaped", only_brackets ? DAV_DOCTOR_WARNING : CATALOGUE_SEVERITY, result,
                 _("Hrefs with every space, non-ASCII byte and reserved character percent-encoded"),
                 only_brackets ? _("Only “[” and “]” are left raw: RFC 3986 allows them in a host, not in a path.") : NULL,
                 g_dngettext (GETTEXT_PACKAGE, "%u href not escaped, e.g. “%s”",
                              "%u hrefs not escaped, e.g. “%s”", n_unescaped),
                 n_unescaped, unescaped);
  /* What the parser did not already say. */
  if (n_foreign > 0 && !has_problem (result, DAV_PROBLEM_OTHER_ORIGIN))
    report (run, "href-foreign", result, _("Hrefs on this server, under the folder"),
            g_dngettext (GETTEXT_PACKAGE, "%u href on another server, e.g. “%s”",
                         "%u hrefs on another server, e.g. “%s”", n_foreign),
            n_foreign, foreign);
  if (n_outside > 0 && !has_problem (result, DAV_PROBLEM_OUTSIDE_COLLECTION))
    report (run, "href-outside", result, _("Hrefs of the folder and its members"),
            g_dngettext (GETTEXT_PACKAGE, "%u href outside the folder, e.g. “%s”",
                         "%u hrefs outside the folder, e.g. “%s”", n_outside),
            n_outside, outside);
  if (n_no_slash > 0)
    report (run, "collection-href-no-slash", result, _("Folders' hrefs ending in “/”"),
            g_dngettext (GETTEXT_PACKAGE, "%u folder without the slash, e.g. “%s”",
                         "%u folders without the slash, e.g. “%s”", n_no_slash),
            n_no_slash, no_slash);

  /* The Windows redirector's limit (docs/clients.md). */
  size = body_length (run, result);
  if (size > 1000 * 1000)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, size);

      report (run, "propfind-response-too-large", result, _("At most 1,000,000 bytes"),
              /* Translators: the size of the server's answer. */
              _("%s bytes"), count);
    }

  learn_members (run, result);
}

/* ---- propname ------------------------------------------------------------ */

void
dav_doctor_check_propfind_propname (DavDoctorRun *run)
{
  g_autoptr(DavResult) result = NULL;
  g_autofree char *valued = NULL;
  g_autofree char *no_namespace = NULL;
  guint n_valued = 0;
  gboolean any_dav = FALSE;

  result = ask_folder (run, "1", propname_body, TRUE);
  if (result == NULL)
    return;

  for (guint i = 0; i < result->body->responses->len; i++)
    {
      DavResponse *response = g_ptr_array_index (result->body->responses, i);

      for (guint j = 0; j < response->propstats->len; j++)
        {
          DavPropstat *propstat = g_ptr_array_index (response->propstats, j);

          for (guint k = 0; k < propstat->properties->len; k++)
            {
              DavProperty *property = g_ptr_array_index (propstat->properties, k);

              if (g_str_equal (property->namespace_uri, "DAV:"))
                any_dav = TRUE;
              else if (*property->namespace_uri == '\0' && no_namespace == NULL &&
                       dav_property_is_live ("DAV:", property->name))
                no_namespace = g_strdup (property->name);

              /* RFC 4918 §9.1: names only, the elements empty. */
              if (property->value != NULL && *property->value != '\0' && n_valued++ == 0)
                {
                  g_autofree char *name = dav_property_dup_clark_name (property);
                  g_autofree char *value = g_strndup (property->value, 80);

                  valued = g_strdup_printf ("%s = “%s”", name, value);
                }
            }
        }
    }

  if (n_valued > 0)
    report (run, "propname-with-values", result, _("Empty property elements: names only"),
            g_dngettext (GETTEXT_PACKAGE, "%u property with its value, e.g. %s",
                         "%u properties with their values, e.g. %s", n_valued),
            n_valued, valued);
  /* A DAV: property named in no namespace is another property, one the
   * resource does not have. */
  if (no_namespace != NULL && !any_dav)
    report (run, "propname-no-namespace", result, _("<D:%s/> in the DAV: namespace"),
            _("<%s/> in no namespace"), no_namespace);
}

/* ---- named properties -------------------------------------------------- */

void
dav_doctor_check_propfind_named (DavDoctorRun *run)
{
  static const char *const asked[] = { "resourcetype", "getcontentlength", "getlastmodified", NULL };
  g_autoptr(DavResult) result = NULL;
  g_autoptr(DavResponse) self = NULL;
  g_autofree char *omitted = NULL;
  g_autofree char *empty_200 = NULL;
  guint n_omitted = 0, n_empty = 0;

  result = ask_folder (run, "1", named_body, TRUE);
  if (result == NULL)
    return;

  for (guint i = 0; i < result->body->responses->len; i++)
    {
      DavResponse *response = g_ptr_array_index (result->body->responses, i);
      const char *href = dav_response_get_href (response);
      const DavProperty *bogus;

      /* A response with a status of its own (404 for the whole item)
       * answers for all its properties. */
      if (response->status != 0 || href == NULL)
        continue;

      bogus = dav_response_find_property (response, DOCTOR_NS, "no-such-property");
      if (bogus == NULL && n_omitted++ == 0)
        omitted = g_strdup_printf ("{" DOCTOR_NS "}no-such-property (%s)", href);
      else if (bogus != NULL && bogus->status / 100 == 2 && n_empty++ == 0)
        empty_200 = g_strdup_printf ("{" DOCTOR_NS "}no-such-property (%s): %u", href, bogus->status);

      for (guint j = 0; asked[j] != NULL; j++)
        if (dav_response_find_property (response, "DAV:", asked[j]) == NULL && n_omitted++ == 0)
          omitted = g_strdup_printf ("{DAV:}%s (%s)", asked[j], href);
    }

  if (n_omitted > 0)
    report (run, "named-prop-omitted", result,
            _("Every property asked for in the answer, those the item lacks in a 404 propstat"),
            g_dngettext (GETTEXT_PACKAGE, "%u property left out, e.g. %s",
                         "%u properties left out, e.g. %s", n_omitted),
            n_omitted, omitted);
  if (n_empty > 0)
    report (run, "named-prop-omitted", result,
            _("A property that does not exist in a 404 propstat"),
            g_dngettext (GETTEXT_PACKAGE, "%u item says it has it, e.g. %s",
                         "%u items say they have it, e.g. %s", n_empty),
            n_empty, empty_200);

  self = dav_result_dup_own_response (result, run->url);
  if (self != NULL)
    {
      const DavProperty *available = dav_response_find_property (self, "DAV:", "quota-available-bytes");
      const DavProperty *used = dav_response_find_property (self, "DAV:", "quota-used-bytes");

      if (available == NULL || available->status / 100 != 2 || used == NULL || used->status / 100 != 2)
        report (run, "quota-props-missing", result,
                _("DAV:quota-available-bytes and DAV:quota-used-bytes of the folder"),
                "%s", _("Not given"));
    }
}

/* ---- Depth infinity ------------------------------------------------------- */

static gboolean
has_finite_depth (DavDoctorRun *run,
                  DavResult    *result)
{
  g_autoptr(GBytes) body = NULL;

  if (result->body != NULL)
    for (guint i = 0; i < result->body->errors->len; i++)
      {
        DavCondition *condition = g_ptr_array_index (result->body->errors, i);

        if (g_str_equal (condition->name, "propfind-finite-depth"))
          return TRUE;
      }

  /* An error body the parser could not place in DAV: (an undeclared
   * prefix: its own finding) still names the condition. */
  body = dav_doctor_dup_body (run, result);
  return body != NULL && g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                       "propfind-finite-depth") != NULL;
}

/* The undeclared prefixes of an error body or of the answer to a broken
 * request (not a listing, so the parser's other complaints about it do
 * not apply). */
static void
report_namespace_problems (DavDoctorRun *run,
                           DavResult    *result)
{
  const DavProblem *problem = result->body != NULL ? find_problem (result, DAV_PROBLEM_NAMESPACE) : NULL;

  if (problem != NULL)
    dav_doctor_report (run, "multistatus-undeclared-prefix", result,
                       _("A namespace-well-formed body: every prefix declared"), "%s", problem->message);
}

/* Whether the folder at @url has members: then an answer to Depth
 * infinity without them was a Depth 1 answer. */
static gboolean
folder_has_members (DavDoctorRun *run,
                    const char   *url)
{
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = propfind (run, url, "1", resourcetype_body, &error);
  if (result == NULL || result->body == NULL)
    return FALSE;

  for (guint i = 0; i < result->body->responses->len; i++)
    {
      const char *href = dav_response_get_href (g_ptr_array_index (result->body->responses, i));
      g_autoptr(DavHref) resolved = href != NULL ? dav_href_resolve (result->url, href) : NULL;

      if (resolved != NULL && resolved->relation == DAV_HREF_MEMBER)
        return TRUE;
    }

  return FALSE;
}

void
dav_doctor_check_propfind_infinity (DavDoctorRun *run)
{
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  guint deeper = 0;

  result = propfind (run, run->url, "infinity", resourcetype_body, &error);
  if (!propfind_answered (run, result, run->url, error))
    return;

  /* Refused: RFC 4918 §9.1 says with 403 and propfind-finite-depth. */
  if (result->status / 100 == 4 || result->status == 501)
    {
      if (result->status != 403 || !has_finite_depth (run, result))
        report (run, "depth-infinity-refused-no-precondition", result,
                _("207 Multi-Status, or 403 with <D:error><D:propfind-finite-depth/></D:error>"),
                "%u %s%s", result->status, dav_doctor_reason (result),
                has_finite_depth (run, result) ? "" : _(" without propfind-finite-depth"));
      report_namespace_problems (run, result);
      return;
    }

  if (!expect_multistatus (run, result))
    return;

  for (guint i = 0; i < result->body->responses->len; i++)
    {
      DavResponse *response = g_ptr_array_index (result->body->responses, i);
      const char *href = dav_response_get_href (response);
      g_autoptr(DavHref) resolved = href != NULL ? dav_href_resolve (result->url, href) : NULL;

      if (resolved == NULL)
        continue;
      if (resolved->relation == DAV_HREF_DESCENDANT)
        deeper++;
      else if (resolved->relation == DAV_HREF_MEMBER &&
               dav_response_is_collection (response, resolved->collection) && folders->len < 5)
        g_ptr_array_add (folders, g_strdup (resolved->uri));
    }

  if (deeper > 0)
    return;

  /* Nothing below the members: fine if they have no members either. */
  for (guint i = 0; i < folders->len && !dav_doctor_cancelled (run); i++)
    if (folder_has_members (run, g_ptr_array_index (folders, i)))
      {
        const char *shown = g_ptr_array_index (folders, i);

        report (run, "depth-infinity", result,
                _("The whole tree, or 403 with propfind-finite-depth"),
                _("Only the folder and its members, as for Depth 1; %s has members of its own"),
                shown);
        return;
      }
}

/* ---- broken bodies ------------------------------------------------------ */

static void
judge_invalid (DavDoctorRun *run,
               DavResult    *result,
               const char   *what)
{
  if (result->status == 400)
    return;

  if (result->status / 100 == 2)
    {
      report_full (run, "propfind-invalid-accepted", CATALOGUE_SEVERITY, result, _("400 Bad Request"), what,
                   "%u %s", result->status, dav_doctor_reason (result));
      /* What it answered may be broken too (lighttpd echoes the
       * unbound prefix). */
      report_namespace_problems (run, result);
    }
  else if (result->status >= 500)
    report_full (run, "server-error", CATALOGUE_SEVERITY, result, _("400 Bad Request"), what,
                 "%u %s", result->status, dav_doctor_reason (result));
  else
    report_full (run, "propfind-invalid-status", CATALOGUE_SEVERITY, result, _("400 Bad Request"), what,
                 "%u %s", result->status, dav_doctor_reason (result));
}

void
dav_doctor_check_propfind_invalid (DavDoctorRun *run)
{
  g_autoptr(DavResult) broken = NULL;
  g_autoptr(DavResult) bad_namespace = NULL;
  g_autoptr(DavResult) untyped = NULL;
  g_autoptr(GError) error = NULL;

  broken = propfind (run, run->url, "0", broken_body, &error);
  if (!propfind_answered (run, broken, run->url, error))
    return;
  judge_invalid (run, broken, _("The body was not well-formed XML (litmus propfind_invalid)."));

  bad_namespace = propfind (run, run->url, "0", bad_namespace_body, &error);
  if (!propfind_answered (run, bad_namespace, run->url, error))
    return;
  judge_invalid (run, bad_namespace,
                 _("The body bound a prefix to the empty namespace name, which XML Namespaces 1.0 forbids (litmus propfind_invalid2)."));

  /* litmus sends its bodies without a Content-Type: a server that
   * refuses those (415) fails litmus for that alone. */
  untyped = dav_doctor_send (run, "PROPFIND", run->url, (const char *[]) { "Depth", "0", NULL },
                             broken_body, NULL, &error);
  if (untyped != NULL && untyped->status == 415)
    report_full (run, "body-without-content-type-refused", CATALOGUE_SEVERITY, untyped,
                 _("400 Bad Request, the body being read whatever its type"),
                 _("This is why litmus's propfind_invalid and propfind_invalid2 fail here: litmus sends no Content-Type."),
                 "%u %s", untyped->status, dav_doctor_reason (untyped));
}

/* ---- property values ------------------------------------------------------ */

typedef struct {
  const char *fault;
  guint       count;
  char       *example;
} Tally;

static void
tally (Tally      *t,
       const char *href,
       const char *what)
{
  if (t->count++ == 0)
    {
      t->example = g_strdup_printf ("%s: %s", href, what);
    }
}

static char *
trimmed_value (const DavProperty *property)
{
  if (property == NULL || property->status / 100 != 2)
    return NULL;
  return g_strstrip (g_strdup (property->value != NULL ? property->value : ""));
}

/* Whether @modified is within two seconds of the answer's Date: then a
 * weak tag is the server being honest (Apache makes the tag of a file
 * changed in the last second weak, RFC 9110 §8.8.1), not a fault. */
static gboolean
just_modified (DavResult  *result,
               const char *modified)
{
  const char *date = header (result, "Date");
  g_autoptr(GDateTime) then = modified != NULL ? soup_date_time_new_from_http_string (modified) : NULL;
  g_autoptr(GDateTime) now = date != NULL ? soup_date_time_new_from_http_string (date) : NULL;

  return then != NULL && now != NULL && g_date_time_difference (now, then) <= 2 * G_TIME_SPAN_SECOND;
}

void
dav_doctor_check_property_values (DavDoctorRun *run)
{
  g_autoptr(DavResult) result = NULL;
  Tally tallies[] = {
    { "resourcetype-missing" }, { "getlastmodified-format" }, { "creationdate-format" },
    { "getcontentlength-wrong" }, { "getetag-missing-weak" }, { "getcontenttype-missing" },
  };
  enum { RESOURCETYPE, LASTMODIFIED, CREATIONDATE, LENGTH, ETAG, CONTENTTYPE };
  const char *expected[] = {
    N_("DAV:resourcetype on every entry"),
    N_("DAV:getlastmodified as an HTTP date: “Sun, 06 Nov 1994 08:49:37 GMT”"),
    N_("DAV:creationdate as an RFC 3339 date: “1997-12-01T17:42:21Z”"),
    N_("DAV:getcontentlength on every file, a number of bytes"),
    N_("DAV:getetag on every file, a strong entity tag: “\"abc\"”"),
    N_("DAV:getcontenttype on every file"),
  };

  result = ask_folder (run, "1", values_body, FALSE);
  if (result == NULL)
    return;

  for (guint i = 0; i < result->body->responses->len; i++)
    {
      DavResponse *response = g_ptr_array_index (result->body->responses, i);
      const char *href = dav_response_get_href (response);
      g_autoptr(DavHref) resolved = NULL;
      g_autofree char *type = NULL;
      g_autofree char *modified = NULL;
      g_autofree char *created = NULL;
      g_autofree char *length = NULL;
      g_autofree char *etag = NULL;
      g_autofree char *content_type = NULL;
      gboolean collection;

      if (href == NULL || dav_response_get_listing_status (response) / 100 != 2)
        continue;
      resolved = dav_href_resolve (result->url, href);
      if (resolved->relation != DAV_HREF_SELF && resolved->relation != DAV_HREF_MEMBER)
        continue;

      type = trimmed_value (dav_response_find_property (response, "DAV:", "resourcetype"));
      modified = trimmed_value (dav_response_find_property (response, "DAV:", "getlastmodified"));
      created = trimmed_value (dav_response_find_property (response, "DAV:", "creationdate"));
      length = trimmed_value (dav_response_find_property (response, "DAV:", "getcontentlength"));
      etag = trimmed_value (dav_response_find_property (response, "DAV:", "getetag"));
      content_type = trimmed_value (dav_response_find_property (response, "DAV:", "getcontenttype"));
      collection = dav_response_is_collection (response, resolved->collection);

      if (type == NULL)
        /* Translators: a property the server did not send. */
        tally (&tallies[RESOURCETYPE], href, _("none"));
      if (modified != NULL && !dav_doctor_is_http_date (modified))
        tally (&tallies[LASTMODIFIED], href, modified);
      if (created != NULL && !dav_doctor_is_rfc3339_date (created))
        tally (&tallies[CREATIONDATE], href, created);

      if (collection)
        continue;

      if (length == NULL)
        tally (&tallies[LENGTH], href, _("none"));
      else if (*length == '\0' || !is_digits (length, strlen (length)))
        tally (&tallies[LENGTH], href, length);

      if (etag == NULL || *etag == '\0')
        tally (&tallies[ETAG], href, _("none"));
      else if (!dav_doctor_is_entity_tag (etag))
        tally (&tallies[ETAG], href, etag);
      else if (g_str_has_prefix (etag, "W/") && !just_modified (result, modified))
        tally (&tallies[ETAG], href, etag);

      if (content_type == NULL || *content_type == '\0')
        tally (&tallies[CONTENTTYPE], href, _("none"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (tallies); i++)
    {
      if (tallies[i].count > 0)
        report (run, tallies[i].fault, result, _(expected[i]),
                /* Translators: how many entries of a listing have the fault, and the first one's address and value. */
                g_dngettext (GETTEXT_PACKAGE, "%u entry, e.g. %s", "%u entries, e.g. %s",
                             tallies[i].count),
                tallies[i].count, tallies[i].example);
      g_free (tallies[i].example);
    }
}

/* ---- GET and HEAD -------------------------------------------------------- */

static const char *
strip_weak (const char *etag)
{
  return g_str_has_prefix (etag, "W/") ? etag + 2 : etag;
}

static gboolean
same_http_date (const char *a,
                const char *b)
{
  g_autoptr(GDateTime) da = a != NULL ? soup_date_time_new_from_http_string (a) : NULL;
  g_autoptr(GDateTime) db = b != NULL ? soup_date_time_new_from_http_string (b) : NULL;

  if (da == NULL || db == NULL)
    return TRUE;  /* nothing to compare: the format is property-values' */
  return g_date_time_equal (da, db);
}


static void
compare_head (DavDoctorRun *run,
              DavResult    *get,
              DavResult    *head)
{
  static const char *const names[] = { "ETag", "Last-Modified", "Content-Length", "Content-Type", NULL };

  if (head->status != get->status)
    {
      /* Translators: HEAD's status code and reason phrase, then GET's status code. */
      report (run, "head-differs", head, _("The status of GET"), _("%u %s, GET %u"),
              head->status, dav_doctor_reason (head), get->status);
      return;
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *in_get = header (get, names[i]);
      const char *in_head = header (head, names[i]);

      /* RFC 9110 §9.3.2: HEAD may leave out what it would have to
       * compute, but what it sends must be what GET sends (an entity tag
       * that turned strong between the two aside). */
      if (in_head != NULL && in_get != NULL && !g_str_equal (strip_weak (in_head), strip_weak (in_get)))
        {
          report (run, "head-differs", head, _("The headers of GET"),
                  /* Translators: a header name, its value in the answer to HEAD, its value in the answer to GET. */
                  _("%s: %s; GET: %s"), names[i], in_head, in_get);
          return;
        }
    }
}

static void
check_range (DavDoctorRun *run,
             const char   *url,
             gint64        size)
{
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_range = g_strdup_printf ("bytes 1-1/%" G_GINT64_FORMAT, size);
  const char *range;

  result = dav_doctor_send (run, "GET", url, (const char *[]) { "Range", "bytes=1-1", NULL },
                            NULL, NULL, &error);
  if (result == NULL)
    return;

  range = header (result, "Content-Range");
  if (result->status == 206 && range != NULL && g_str_equal (range, expected_range) &&
      body_length (run, result) == 1)
    return;

  if (result->status == 206)
    {
      g_autofree char *expected = g_strdup_printf (_("206 Partial Content with Content-Range: %s and one byte"),
                                                   expected_range);
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, body_length (run, result));

      report (run, "range-ignored", result, expected, _("206 with Content-Range: %s and %s bytes"),
              range ? range : _("(none)"), count);
    }
  else
    report (run, "range-ignored", result, _("206 Partial Content for Range: bytes=1-1"),
            _("%u %s, Accept-Ranges: %s"), result->status, dav_doctor_reason (result),
            header (result, "Accept-Ranges") ? header (result, "Accept-Ranges") : _("(none)"));
}

void
dav_doctor_check_get_head (DavDoctorRun *run)
{
  g_autoptr(DavResult) props = NULL;
  g_autoptr(DavResult) get = NULL;
  g_autoptr(DavResult) head = NULL;
  g_autoptr(DavResponse) self = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *modified = NULL;
  g_autofree char *length = NULL;
  const char *url = run->member_file;
  gint64 size;

  if (url == NULL)
    {
      dav_doctor_skip (run, "%s", _("The folder has no file to read."));
      return;
    }

  props = propfind (run, url, "0", values_body, &error);
  if (!propfind_answered (run, props, url, error))
    return;
  if (props->body != NULL)
    self = dav_result_dup_own_response (props, url);
  if (self != NULL)
    {
      etag = trimmed_value (dav_response_find_property (self, "DAV:", "getetag"));
      modified = trimmed_value (dav_response_find_property (self, "DAV:", "getlastmodified"));
      length = trimmed_value (dav_response_find_property (self, "DAV:", "getcontentlength"));
    }

  get = dav_doctor_send (run, "GET", url, NULL, NULL, NULL, &error);
  if (get == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dav_doctor_report_error (run, "get-failed", "GET", url, _("200 OK"), error);
      return;
    }
  if (get->status != 200)
    {
      report (run, get->status >= 500 ? "server-error" : "get-failed", get, _("200 OK"),
              "%u %s", get->status, dav_doctor_reason (get));
      return;
    }

  /* Weakly compared (RFC 9110 §8.8.3.2): the tag of a file changed a
   * moment ago may turn strong between the two requests. */
  if (etag != NULL && *etag != '\0' && header (get, "ETag") != NULL &&
      !g_str_equal (strip_weak (etag), strip_weak (header (get, "ETag"))))
    report (run, "get-etag-mismatch", get, _("The ETag of GET equal to DAV:getetag"),
            _("ETag: %s; DAV:getetag: %s"), header (get, "ETag"), etag);
  if (modified != NULL && header (get, "Last-Modified") != NULL &&
      !same_http_date (modified, header (get, "Last-Modified")))
    report (run, "get-last-modified-mismatch", get,
            _("Last-Modified of GET equal to DAV:getlastmodified"),
            _("Last-Modified: %s; DAV:getlastmodified: %s"), header (get, "Last-Modified"), modified);

  size = body_length (run, get);
  /* A compressed answer's length is not the file's. */
  if (length != NULL && size >= 0 && header (get, "Content-Encoding") == NULL &&
      g_ascii_strtoll (length, NULL, 10) != size)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, size);

      report (run, "getcontentlength-wrong", get, _("GET sends as many bytes as DAV:getcontentlength says"),
              _("%s bytes; DAV:getcontentlength: %s"), count, length);
    }

  if (header (get, "Accept-Ranges") == NULL ||
      g_ascii_strcasecmp (header (get, "Accept-Ranges"), "none") == 0)
    report (run, "options-no-accept-ranges", get, "Accept-Ranges: bytes", "%s",
            header (get, "Accept-Ranges") ? "Accept-Ranges: none" : _("No Accept-Ranges header"));

  if (dav_doctor_cancelled (run))
    return;

  head = dav_doctor_send (run, "HEAD", url, NULL, NULL, NULL, &error);
  if (head == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dav_doctor_report_error (run, "head-differs", "HEAD", url, _("200 OK"), error);
      return;
    }
  compare_head (run, get, head);

  if (size >= 2 && header (get, "Content-Encoding") == NULL && !dav_doctor_cancelled (run))
    check_range (run, url, size);
}
