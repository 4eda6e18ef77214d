/* davscope-cli-session.c: what every remote subcommand of davscope-cli shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "davscope-cli-session.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "dav-client-certificate.h"
#include "dav-error.h"
#include "dav-text.h"

void
davscope_cli_session_add_options (DavscopeCliSession *session,
                                  GOptionContext     *context,
                                  const char         *command)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &session->json, N_("Print JSON instead of text"), NULL },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &session->user, N_("Log in as USER; the password comes from DAVSCOPE_PASSWORD or a prompt"), N_("USER") },
    { "insecure", 0, 0, G_OPTION_ARG_NONE, &session->insecure, N_("Accept any TLS certificate (an explicit choice: the connection can be intercepted)"), NULL },
    { "cacert", 0, 0, G_OPTION_ARG_FILENAME, &session->cacert, N_("Trust the certificate authorities in FILE (PEM) in addition to the system’s"), N_("FILE") },
    { "allow-insecure-auth", 0, 0, G_OPTION_ARG_NONE, &session->allow_insecure_auth, N_("Allow sending a password with Basic authentication over plain http"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &session->timeout, N_("Give up when the server is silent for SECONDS (default 60)"), N_("SECONDS") },
    { "connections", 0, 0, G_OPTION_ARG_INT, &session->connections, N_("Use at most N connections to the server (default 8; over HTTP/2 one carries many requests)"), N_("N") },
    { "proxy", 0, 0, G_OPTION_ARG_STRING, &session->proxy, N_("Go through the proxy at URL instead of the system’s proxy settings"), N_("URL") },
    { "client-cert", 0, 0, G_OPTION_ARG_FILENAME, &session->client_cert, N_("Show the server that asks for one the client certificate in FILE (PEM with its key, or PKCS#12 with the password in DAVSCOPE_CLIENT_CERT_PASSWORD) or at a pkcs11: URI"), N_("FILE") },
    { "proxy-user", 0, 0, G_OPTION_ARG_STRING, &session->proxy_user, N_("Log in to the proxy as USER; the password comes from DAVSCOPE_PROXY_PASSWORD or a prompt"), N_("USER") },
    { NULL }
  };

  session->command = command;
  session->timeout = 60;
  session->connections = 8;
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

gboolean
davscope_cli_session_parse (DavscopeCliSession  *session,
                            GOptionContext      *context,
                            int                 *argc,
                            char              ***argv,
                            GError             **error)
{
  gboolean wants_json = davscope_cli_args_want_json (*argc, *argv);

  if (g_option_context_parse (context, argc, argv, error))
    return TRUE;

  session->json = wants_json;
  return FALSE;
}

int
davscope_cli_session_usage (DavscopeCliSession *session,
                            const char         *message)
{
  return davscope_cli_fail (session->json, session->command, NULL, NULL,
                            DAVSCOPE_CLI_FAILURE_USAGE, message);
}

static char *
prompt_password (const char *user,
                 const char *realm,
                 const char *host)
{
  struct termios saved, quiet;
  FILE *tty = fopen ("/dev/tty", "r+");
  char buffer[512];
  gboolean restore = FALSE;
  size_t len;

  if (tty == NULL)
    return NULL;

  if (realm != NULL)
    fprintf (tty, _("Password for %s at %s (%s): "), user, host, realm);
  else
    fprintf (tty, _("Password for %s at %s: "), user, host);
  fflush (tty);
  if (tcgetattr (fileno (tty), &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      restore = tcsetattr (fileno (tty), TCSAFLUSH, &quiet) == 0;
    }

  if (fgets (buffer, sizeof buffer, tty) == NULL)
    buffer[0] = '\0';

  if (restore)
    tcsetattr (fileno (tty), TCSAFLUSH, &saved);
  fputc ('\n', tty);
  fclose (tty);

  len = strlen (buffer);
  while (len > 0 && (buffer[len - 1] == '\n' || buffer[len - 1] == '\r'))
    buffer[--len] = '\0';

  {
    char *password = g_strdup (buffer);

    explicit_bzero (buffer, sizeof buffer);
    return password;
  }
}

static gboolean
is_loopback (const char *host)
{
  return g_str_equal (host, "127.0.0.1") || g_str_equal (host, "::1") ||
         g_str_equal (host, "[::1]") || g_ascii_strcasecmp (host, "localhost") == 0;
}

static gboolean
on_authenticate (DavClient *client,
                 SoupAuth  *auth,
                 gboolean   retrying,
                 gpointer   user_data)
{
  DavscopeCliSession *session = user_data;
  g_autofree char *realm = dav_text_escape (soup_auth_get_realm (auth) ? soup_auth_get_realm (auth) : "", -1);
  const char *scheme = soup_auth_get_scheme_name (auth);
  g_autoptr(GUri) base = g_uri_parse (dav_client_get_base_url (client), G_URI_FLAGS_NONE, NULL);
  const char *host = base ? g_uri_get_host (base) : "";

  if (session->user == NULL)
    {
      g_printerr (_("%s: the server asks for a login (realm “%s”); run again with --user NAME.\n"),
                  session->command, realm);
      session->auth_refused = TRUE;
      return FALSE;
    }

  if (retrying)
    {
      g_printerr (_("%s: the server did not accept the password for %s (realm “%s”).\n"),
                  session->command, session->user, realm);
      session->auth_refused = TRUE;
      return FALSE;
    }

  /* Basic over http shows the password to anyone on the path
   * (docs/hostile-servers.md case 35): only on this machine, or when
   * asked for. */
  if (g_ascii_strcasecmp (scheme, "Basic") == 0 && base != NULL &&
      g_ascii_strcasecmp (g_uri_get_scheme (base), "http") == 0)
    {
      if (!is_loopback (host) && !session->allow_insecure_auth)
        {
          g_printerr (_("%s: the server wants the password in clear text (Basic) over unencrypted http. Use https, or --allow-insecure-auth if you accept that risk.\n"),
                      session->command);
          session->auth_refused = TRUE;
          return FALSE;
        }
      g_printerr (_("%s: warning: sending the password with Basic authentication over unencrypted http.\n"),
                  session->command);
    }

  if (session->password == NULL)
    {
      const char *env = g_getenv ("DAVSCOPE_PASSWORD");

      session->password = env ? g_strdup (env) : prompt_password (session->user, realm, host);
    }
  if (session->password == NULL)
    {
      g_printerr (_("%s: no password: set DAVSCOPE_PASSWORD or run from a terminal.\n"), session->command);
      session->auth_refused = TRUE;
      return FALSE;
    }

  soup_auth_authenticate (auth, session->user, session->password);
  return TRUE;
}

/* A proxy's 407: the proxy's own login (--proxy-user), never the
 * server's. */
static gboolean
on_authenticate_proxy (DavClient *client,
                       SoupAuth  *auth,
                       gboolean   retrying,
                       gpointer   user_data)
{
  DavscopeCliSession *session = user_data;
  g_autofree char *realm = dav_text_escape (soup_auth_get_realm (auth) ? soup_auth_get_realm (auth) : "", -1);
  g_autofree char *proxy = dav_text_escape (soup_auth_get_authority (auth), -1);

  if (session->proxy_user == NULL)
    {
      g_printerr (_("%s: the proxy %s asks for a login (realm “%s”); run again with --proxy-user NAME.\n"),
                  session->command, proxy, realm);
      session->auth_refused = TRUE;
      return FALSE;
    }
  if (retrying)
    {
      g_printerr (_("%s: the proxy %s did not accept the password for %s (realm “%s”).\n"),
                  session->command, proxy, session->proxy_user, realm);
      session->auth_refused = TRUE;
      return FALSE;
    }

  if (session->proxy_password == NULL)
    {
      const char *env = g_getenv ("DAVSCOPE_PROXY_PASSWORD");

      session->proxy_password = env ? g_strdup (env) : prompt_password (session->proxy_user, realm, proxy);
    }
  if (session->proxy_password == NULL)
    {
      g_printerr (_("%s: no password for the proxy: set DAVSCOPE_PROXY_PASSWORD or run from a terminal.\n"),
                  session->command);
      session->auth_refused = TRUE;
      return FALSE;
    }

  soup_auth_authenticate (auth, session->proxy_user, session->proxy_password);
  return TRUE;
}

char *
davscope_cli_session_dup_password (DavscopeCliSession *session,
                                   const char         *url)
{
  const char *env = g_getenv ("DAVSCOPE_PASSWORD");
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;

  if (session->user == NULL)
    return NULL;
  if (env != NULL)
    return g_strdup (env);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  host = dav_text_escape (uri != NULL && g_uri_get_host (uri) ? g_uri_get_host (uri) : url, -1);
  return prompt_password (session->user, NULL, host);
}

gboolean
davscope_cli_session_connect (DavscopeCliSession *session,
                              const char         *base_url)
{
  g_autoptr(GError) error = NULL;

  davscope_cli_output_init (&session->out, stdout, session->json);

  session->client = dav_client_new (base_url, &error);
  if (session->client == NULL)
    {
      davscope_cli_session_usage (session, error->message);
      return FALSE;
    }

  dav_client_set_timeout (session->client, MAX (session->timeout, 1));
  dav_client_set_max_connections (session->client, MAX (session->connections, 1));
  dav_client_set_accept_invalid_certificates (session->client, session->insecure);
  if (session->cacert != NULL &&
      !dav_client_add_trusted_ca_file (session->client, session->cacert, &error))
    {
      g_autofree char *message = g_strdup_printf (_("cannot use the CA file %s: %s"), session->cacert, error->message);

      davscope_cli_fail (session->json, session->command, base_url, NULL,
                         DAVSCOPE_CLI_FAILURE_LOCAL, message);
      g_clear_object (&session->client);
      return FALSE;
    }
  g_signal_connect (session->client, "authenticate", G_CALLBACK (on_authenticate), session);
  g_signal_connect (session->client, "authenticate-proxy", G_CALLBACK (on_authenticate_proxy), session);
  if (session->proxy != NULL)
    dav_client_set_proxy (session->client, session->proxy);
  if (session->client_cert != NULL)
    {
      g_autoptr(GTlsCertificate) certificate = NULL;

      certificate = dav_client_certificate_load (session->client_cert, g_getenv ("DAVSCOPE_CLIENT_CERT_PASSWORD"), &error);
      if (certificate == NULL)
        {
          davscope_cli_fail (session->json, session->command, base_url, NULL,
                             DAVSCOPE_CLI_FAILURE_LOCAL, error->message);
          g_clear_object (&session->client);
          return FALSE;
        }
      dav_client_set_client_certificate (session->client, certificate);
    }

  return TRUE;
}

void
davscope_cli_session_clear (DavscopeCliSession *session)
{
  if (session->password != NULL)
    {
      explicit_bzero (session->password, strlen (session->password));
      g_clear_pointer (&session->password, g_free);
    }
  if (session->proxy_password != NULL)
    {
      explicit_bzero (session->proxy_password, strlen (session->proxy_password));
      g_clear_pointer (&session->proxy_password, g_free);
    }
  g_clear_pointer (&session->user, g_free);
  g_clear_pointer (&session->proxy, g_free);
  g_clear_pointer (&session->proxy_user, g_free);
  g_clear_pointer (&session->client_cert, g_free);
  g_clear_pointer (&session->cacert, g_free);
  g_clear_object (&session->client);
  g_clear_object (&session->rejected);
}

void
davscope_cli_session_done (GObject      *source,
                           GAsyncResult *result,
                           gpointer      slot)
{
  *(GAsyncResult **) slot = g_object_ref (result);
}

GAsyncResult *
davscope_cli_session_wait (DavscopeCliSession  *session,
                           GAsyncResult       **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
print_certificate (DavscopeCliSession   *session,
                   GTlsCertificate      *certificate,
                   GTlsCertificateFlags  errors)
{
  g_autofree char *subject = NULL;
  g_autofree char *issuer = NULL;
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) reasons = g_string_new (NULL);

  g_object_get (certificate, "subject-name", &subject, "issuer-name", &issuer,
                "certificate", &der, NULL);

  if (errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    g_string_append (reasons, _(" it is not signed by an authority this system trusts;"));
  if (errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    g_string_append (reasons, _(" it was made for another host name;"));
  if (errors & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    g_string_append (reasons, _(" it is not valid yet;"));
  if (errors & G_TLS_CERTIFICATE_EXPIRED)
    g_string_append (reasons, _(" it has expired;"));
  if (errors & G_TLS_CERTIFICATE_REVOKED)
    g_string_append (reasons, _(" it has been revoked;"));
  if (errors & G_TLS_CERTIFICATE_INSECURE)
    g_string_append (reasons, _(" it uses an insecure algorithm;"));

  g_printerr (_("%s: the server's certificate is not trusted:%s\n"), session->command, reasons->str);
  g_printerr (_("  subject: %s\n  issuer: %s\n"), subject ? subject : "?", issuer ? issuer : "?");
  if (der != NULL)
    {
      g_checksum_update (sum, der->data, der->len);
      g_printerr (_("  SHA-256: %s\n"), g_checksum_get_string (sum));
    }
  g_printerr (_("  Use --insecure only if you know why it is not trusted.\n"));
}

void
davscope_cli_session_set_rejected (DavscopeCliSession   *session,
                                   GTlsCertificate      *certificate,
                                   GTlsCertificateFlags  errors)
{
  g_set_object (&session->rejected, certificate);
  session->rejected_errors = errors;
}

DavscopeCliFailure
davscope_cli_failure_for_error (const GError *error)
{
  if (dav_error_is_never_sent (error))
    return DAVSCOPE_CLI_FAILURE_NOT_SENT;

  return DAVSCOPE_CLI_FAILURE_NO_ANSWER;
}

int
davscope_cli_session_print_error (DavscopeCliSession *session,
                                  const GError       *error)
{
  if (error->domain == G_TLS_ERROR && session->rejected != NULL)
    print_certificate (session, session->rejected, session->rejected_errors);
  else if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED) && session->client_cert == NULL)
    g_printerr (_("%s: the server asks for a client certificate; give yours with --client-cert FILE.\n"),
                session->command);
  else
    {
      g_autofree char *shown = dav_text_escape (error->message, -1);

      g_printerr ("%s: %s\n", session->command, shown);
    }

  return DAVSCOPE_CLI_EXIT_CANNOT;
}

int
davscope_cli_session_fail (DavscopeCliSession *session,
                           const char         *url,
                           const char         *method,
                           const GError       *error)
{
  if (session->json)
    davscope_cli_json_failure (url, method, davscope_cli_failure_for_error (error), error->message);

  return davscope_cli_session_print_error (session, error);
}

/* What a plain-text or HTML error page says, in one line: Apache puts
 * the reason an UNLOCK or PUT failed there. */
static char *
server_says (DavResult *result)
{
  g_autoptr(GString) text = NULL;
  const char *data;
  gsize length;
  gboolean in_tag = FALSE;

  if (result->raw_body == NULL || result->content_type == NULL ||
      (!g_str_equal (result->content_type, "text/plain") && !g_str_equal (result->content_type, "text/html")))
    return NULL;

  data = g_bytes_get_data (result->raw_body, &length);
  text = g_string_new (NULL);
  for (gsize i = 0; i < length && text->len < 400; i++)
    {
      char c = data[i];

      if (c == '<')
        in_tag = TRUE;
      else if (c == '>')
        {
          in_tag = FALSE;
          if (text->len > 0 && text->str[text->len - 1] != ' ')
            g_string_append_c (text, ' ');
        }
      else if (!in_tag)
        g_string_append_c (text, g_ascii_isspace (c) ? ' ' : c);
    }

  {
    g_autofree char *squeezed = dav_text_squeeze (text->str);

    return *squeezed ? dav_text_escape (squeezed, -1) : NULL;
  }
}

static void
json_empty_array (DavJsonWriter *json,
                  const char    *name)
{
  dav_json_writer_member (json, name);
  dav_json_writer_begin_array (json);
  dav_json_writer_end_array (json);
}

void
davscope_cli_json_answer_fields (DavJsonWriter *json,
                                 DavResult     *result,
                                 gboolean       ok,
                                 const char    *explanation,
                                 GPtrArray     *more_problems)
{
  g_autofree char *says = server_says (result);

  davscope_cli_json_status_explained (json, result->status, result->reason, result->method, explanation);
  dav_json_writer_add_boolean (json, "ok", ok);
  dav_json_writer_add_string (json, "location", result->location);
  dav_json_writer_add_string (json, "server_says", says);
  if (result->body != NULL)
    {
      dav_json_writer_add_string (json, "description", result->body->description);
      dav_report_write_conditions (json, result->body->errors);
      dav_report_write_problems (json, result->body->problems, more_problems);
    }
  else
    {
      dav_json_writer_add_string (json, "description", NULL);
      json_empty_array (json, "error");
      dav_report_write_problems (json, NULL, more_problems);
    }
}

int
davscope_cli_session_print_result (DavscopeCliSession *session,
                                   DavResult          *result)
{
  DavscopeCliOutput err;
  g_autofree char *what = g_strdup_printf ("%s %s", result->method, result->url);
  g_autofree char *says = server_says (result);

  /* The login was refused, and the authenticate handler said why. */
  if (result->status == 401 && session->auth_refused)
    return DAVSCOPE_CLI_EXIT_CANNOT;

  davscope_cli_output_init (&err, stderr, FALSE);
  davscope_cli_output_print_escaped (&err, "", what);
  davscope_cli_output_print_status_for (&err, 2, result->status, result->reason, result->method);
  if (says != NULL)
    fprintf (stderr, _("  The server says: %s\n"), says);
  if (result->body != NULL)
    davscope_cli_output_print_conditions (&err, 2, result->body->errors);
  if (result->location != NULL)
    davscope_cli_output_print_escaped (&err, _("  Redirected to (not followed): "), result->location);

  if (!dav_result_is_whole (result))
    return DAVSCOPE_CLI_EXIT_MALFORMED;

  return DAVSCOPE_CLI_EXIT_FAILED;
}

char *
davscope_cli_parent_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *path = NULL;
  char *slash;

  if (uri == NULL)
    return g_strdup (url);

  path = g_strdup (g_uri_get_path (uri));
  while (strlen (path) > 1 && g_str_has_suffix (path, "/"))
    path[strlen (path) - 1] = '\0';
  slash = strrchr (path, '/');
  if (slash != NULL)
    slash[1] = '\0';

  return g_uri_join (SOUP_HTTP_URI_FLAGS, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), *path ? path : "/", NULL, NULL);
}
