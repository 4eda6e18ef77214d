/* davscope-cli-doctor.c: `davscope-cli doctor URL`, the server doctor on the
 * command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs DavDoctor (src/core/dav-doctor.h) and prints what it found: for
 * people the checks by group, each failed one with its findings (what was
 * expected, what came, the RFC, the clients it breaks, a curl command);
 * for scripts the doctor's JSON, for a bug report its Markdown
 * (--markdown; docs/doctor.md). Progress goes to stderr
 * when that is a terminal. Ctrl+C cancels, and the doctor still removes
 * its scratch folder before the command ends. Exit status: 0 no
 * error-severity finding, 2 some, 1 could not run (docs/doctor.md).
 */

#include "davscope-cli.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libsoup/soup.h>

#include "dav-client-certificate.h"
#include "dav-doctor.h"
#include "dav-doctor-faults.h"
#include "dav-text.h"
#include "davscope-cli-session.h"

typedef struct {
  DavscopeCliSession *session;
  DavDoctor          *doctor;
  GCancellable       *cancellable;
  gboolean            progress;     /* stderr is a terminal */
  guint               interrupts;
} Doctor;

static DavSeverity
severity_paint (DavDoctorSeverity severity)
{
  switch (severity)
    {
    case DAV_DOCTOR_ERROR:   return DAV_SEVERITY_ERROR;
    case DAV_DOCTOR_WARNING: return DAV_SEVERITY_WARNING;
    case DAV_DOCTOR_INFO:
    default:                 return DAV_SEVERITY_INFO;
    }
}

static void
on_check_state (DavDoctorCheck *check,
                GParamSpec     *pspec,
                Doctor         *self)
{
  g_autofree char *title = NULL;

  if (!self->progress || dav_doctor_check_get_state (check) != DAV_DOCTOR_CHECK_RUNNING)
    return;

  title = dav_text_escape (dav_doctor_check_get_title (check), -1);
  /* Back to the start of the line, erased: one progress line, rewritten. */
  fputs ("\r\033[K", stderr);
  /* Translators: progress on a terminal: "[3/27] PROPFIND with Depth: 0…". */
  fprintf (stderr, _("[%u/%u] %s…"), dav_doctor_get_done (self->doctor) + 1,
           g_list_model_get_n_items (dav_doctor_get_checks (self->doctor)), title);
  fflush (stderr);
}

static gboolean
on_interrupt (gpointer user_data)
{
  Doctor *self = user_data;

  if (++self->interrupts == 1)
    {
      g_printerr (self->progress ? "\r\033[K%s\n" : "%s\n",
                  dav_doctor_get_write (self->doctor)
                    ? _("Cancelling: removing what the checks made on the server (press Ctrl+C again to stop at once)…")
                    : _("Cancelling…"));
      g_cancellable_cancel (self->cancellable);
      return G_SOURCE_CONTINUE;
    }

  /* Asked twice: the person wants out, whatever is left behind. */
  g_printerr ("%s\n", _("Stopped: the scratch folder may be left on the server."));
  _exit (130);
}

/* A command to copy: its first line after @indent, the others as they
 * are, since they continue a quoted body (escaped all the same). */
static void
print_command (const char *indent,
               const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  printf ("%s", indent);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = dav_text_escape (lines[i], -1);

      if (lines[i + 1] == NULL && lines[i][0] == '\0')
        break;
      printf ("%s\n", line);
    }
}

static void
print_finding (DavscopeCliOutput *out,
               DavDoctorFinding  *finding)
{
  const DavDoctorFault *fault = dav_doctor_fault_lookup (finding->fault);
  g_autofree char *clients = fault ? dav_doctor_fault_dup_clients_line (fault) : NULL;
  g_autofree char *label = g_utf8_strup (dav_doctor_severity_get_label (finding->severity), -1);
  g_autofree char *painted = davscope_cli_output_paint (out, severity_paint (finding->severity), label);
  g_autofree char *title = dav_text_escape (finding->title ? finding->title : finding->fault, -1);

  printf ("      %s %s [%s]\n", painted, title, finding->fault);
  if (finding->expected != NULL)
    davscope_cli_output_print_escaped (out, _("        Expected: "), finding->expected);
  if (finding->got != NULL)
    davscope_cli_output_print_escaped (out, _("        Got:      "), finding->got);
  if (finding->detail != NULL)
    davscope_cli_output_print_escaped (out, "        ", finding->detail);
  if (finding->method != NULL)
    {
      g_autofree char *line = finding->status != 0
        ? g_strdup_printf ("%s %s → %u", finding->method, finding->url, finding->status)
        : g_strdup_printf ("%s %s", finding->method, finding->url);

      davscope_cli_output_print_escaped (out, _("        Request:  "), line);
    }
  if (fault != NULL && fault->rfc != NULL)
    printf ("%s%s\n", _("        See:      "), fault->rfc);
  if (clients != NULL && *clients != '\0')
    printf ("%s%s\n", _("        Clients:  "), clients);
  if (finding->curl != NULL)
    {
      printf ("%s\n", _("        Reproduce:"));
      print_command ("          ", finding->curl);
    }
}

static const char *
state_mark (DavDoctorCheckState state,
            DavSeverity        *paint)
{
  switch (state)
    {
    case DAV_DOCTOR_CHECK_PASSED:    *paint = DAV_SEVERITY_OK;      return "✔";
    case DAV_DOCTOR_CHECK_FAILED:    *paint = DAV_SEVERITY_ERROR;   return "✘";
    case DAV_DOCTOR_CHECK_SKIPPED:   *paint = DAV_SEVERITY_INFO;    return "○";
    case DAV_DOCTOR_CHECK_CANCELLED: *paint = DAV_SEVERITY_WARNING; return "■";
    case DAV_DOCTOR_CHECK_PENDING:
    case DAV_DOCTOR_CHECK_RUNNING:
    default:                         *paint = DAV_SEVERITY_INFO;    return "·";
    }
}

static void
print_text (Doctor *self)
{
  DavscopeCliOutput *out = &self->session->out;
  DavDoctor *doctor = self->doctor;
  GListModel *checks = dav_doctor_get_checks (doctor);
  guint n = g_list_model_get_n_items (checks), n_write = 0;
  int group = -1;
  GStrv leftovers = dav_doctor_get_leftovers (doctor);
  g_autofree char *summary = dav_doctor_dup_summary_line (doctor);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DavDoctorCheck) check = g_list_model_get_item (checks, i);
      n_write += dav_doctor_check_get_writes (check) ? 1 : 0;
    }

  davscope_cli_output_print_escaped (out, _("URL:      "), dav_doctor_get_url (doctor));
  davscope_cli_output_print_escaped (out, _("Server:   "),
                                     dav_doctor_get_server (doctor) ? dav_doctor_get_server (doctor)
                                                                    : _("(did not say)"));
  if (dav_doctor_get_write (doctor))
    printf (_("Checked:  %u read-only checks and %u write checks (--write), in a scratch folder under the URL\n"),
            n - n_write, n_write);
  else
    printf (_("Checked:  %u read-only checks; nothing was written (--write adds the write checks)\n"), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DavDoctorCheck) check = g_list_model_get_item (checks, i);
      DavDoctorCheckState state = dav_doctor_check_get_state (check);
      GPtrArray *findings = dav_doctor_check_get_findings (check);
      g_autofree char *title = dav_text_escape (dav_doctor_check_get_title (check), -1);
      g_autofree char *painted = NULL;
      DavSeverity paint;
      const char *mark = state_mark (state, &paint);

      if ((int) dav_doctor_check_get_group (check) != group)
        {
          group = dav_doctor_check_get_group (check);
          printf ("\n%s\n", dav_doctor_group_get_title (group));
        }

      painted = davscope_cli_output_paint (out, paint, mark);
      printf ("  %s %s", painted, title);
      if (state == DAV_DOCTOR_CHECK_SKIPPED && dav_doctor_check_get_reason (check) != NULL)
        {
          g_autofree char *reason = dav_text_escape (dav_doctor_check_get_reason (check), -1);

          /* Translators: after a skipped check's title. */
          printf (_(" (skipped: %s)"), reason);
        }
      else if (state == DAV_DOCTOR_CHECK_CANCELLED)
        printf ("%s", _(" (cancelled)"));
      printf ("\n");

      for (guint j = 0; j < findings->len; j++)
        print_finding (out, g_ptr_array_index (findings, j));
    }

  printf ("\n%s\n", summary);
  for (guint i = 0; leftovers != NULL && leftovers[i] != NULL; i++)
    davscope_cli_output_print_escaped (out, _("  left on the server: "), leftovers[i]);
}

/* An http:// URL of another machine than this one. */
static gboolean
plain_http_elsewhere (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ||
      g_ascii_strcasecmp (g_uri_get_scheme (uri), "davs") == 0)
    return FALSE;

  host = g_uri_get_host (uri) ? g_uri_get_host (uri) : "";
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return FALSE;
  address = g_inet_address_new_from_string (host);
  return address == NULL || !g_inet_address_get_is_loopback (address);
}

static const char *
description (void)
{
  return _("Checks what a WebDAV server does wrong: OPTIONS, PROPFIND at each depth, GET and HEAD; "
           "with --write also MKCOL, PUT, PROPPATCH, COPY, MOVE, DELETE and LOCK in a scratch folder "
           "it makes under URL and always removes. Each finding says what was expected, what came, "
           "the RFC section, which clients it breaks and a curl command that shows it again.\n\n"
           "Exit status: 0 no error-severity finding; 2 at least one; "
           "1 could not run (usage, no connection, interrupted).");
}

int
davscope_cli_doctor (int    argc,
                     char **argv)
{
  DavscopeCliSession session = { 0 };
  Doctor self = { 0 };
  gboolean write = FALSE;
  gboolean markdown = FALSE;
  GOptionEntry entries[] = {
    { "write", 0, 0, G_OPTION_ARG_NONE, &write, N_("Also run the write checks, in a scratch folder under URL that is removed afterwards"), NULL },
    { "markdown", 0, 0, G_OPTION_ARG_NONE, &markdown, N_("Print the report as Markdown, for a bug report to the server's maintainers"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("URL — check what a WebDAV server does wrong"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(DavDoctor) doctor = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *password = NULL;
  GListModel *checks;
  guint sigint, sigterm;
  gboolean ran;
  int exit_code;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, description ());
  davscope_cli_session_add_options (&session, context, "davscope-cli doctor");
  if (!davscope_cli_session_parse (&session, context, &argc, &argv, &error))
    {
      exit_code = davscope_cli_session_usage (&session, error->message);
      davscope_cli_session_clear (&session);
      return exit_code;
    }
  if (argc != 2 || (markdown && session.json))
    {
      exit_code = davscope_cli_fail (session.json, NULL, NULL, NULL, DAVSCOPE_CLI_FAILURE_USAGE,
                                     _("Usage: davscope-cli doctor URL [--write] [--json | --markdown]"));
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  davscope_cli_output_init (&session.out, stdout, session.json);
  doctor = dav_doctor_new (argv[1], write, &error);
  if (doctor == NULL)
    {
      exit_code = davscope_cli_fail (session.json, session.command, argv[1], NULL,
                                     DAVSCOPE_CLI_FAILURE_USAGE, error->message);
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  /* The doctor's client logs in with whatever scheme the server offers:
   * over plain http to another host that may be Basic, the password in
   * clear (docs/hostile-servers.md case 35), as for every command. */
  if (session.user != NULL && !session.allow_insecure_auth && plain_http_elsewhere (argv[1]))
    {
      exit_code = davscope_cli_fail (session.json, session.command, argv[1], NULL, DAVSCOPE_CLI_FAILURE_USAGE,
                                     _("a login over unencrypted http may send the password in clear text (Basic); use https, or --allow-insecure-auth if you accept that risk"));
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  password = davscope_cli_session_dup_password (&session, argv[1]);
  if (session.user != NULL && password == NULL)
    {
      exit_code = davscope_cli_fail (session.json, session.command, argv[1], NULL, DAVSCOPE_CLI_FAILURE_USAGE,
                                     _("no password: set DAVSCOPE_PASSWORD or run from a terminal"));
      davscope_cli_session_clear (&session);
      return exit_code;
    }
  if (session.user != NULL)
    dav_doctor_set_credentials (doctor, session.user, password);
  if (password != NULL)
    explicit_bzero (password, strlen (password));
  dav_doctor_set_accept_invalid_certificates (doctor, session.insecure);
  dav_doctor_set_timeout (doctor, MAX (session.timeout, 1));

  /* --proxy and --client-cert, as every command takes them. */
  if (session.proxy != NULL || session.client_cert != NULL)
    {
      g_autoptr(DavClient) like = dav_client_new (dav_doctor_get_url (doctor), NULL);

      if (session.proxy != NULL)
        dav_client_set_proxy (like, session.proxy);
      if (session.client_cert != NULL)
        {
          g_autoptr(GTlsCertificate) certificate =
            dav_client_certificate_load (session.client_cert, g_getenv ("DAVSCOPE_CLIENT_CERT_PASSWORD"), &error);

          if (certificate == NULL)
            {
              exit_code = davscope_cli_fail (session.json, session.command, argv[1], NULL,
                                             DAVSCOPE_CLI_FAILURE_LOCAL, error->message);
              davscope_cli_session_clear (&session);
              return exit_code;
            }
          dav_client_set_client_certificate (like, certificate);
        }
      dav_doctor_set_connection_from (doctor, like);
    }

  self.session = &session;
  self.doctor = doctor;
  self.cancellable = cancellable;
  self.progress = isatty (fileno (stderr)) && g_getenv ("TERM") != NULL &&
                  !g_str_equal (g_getenv ("TERM"), "dumb");

  checks = dav_doctor_get_checks (doctor);
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(DavDoctorCheck) check = g_list_model_get_item (checks, i);
      g_signal_connect (check, "notify::state", G_CALLBACK (on_check_state), &self);
    }

  sigint = g_unix_signal_add (SIGINT, on_interrupt, &self);
  sigterm = g_unix_signal_add (SIGTERM, on_interrupt, &self);
  dav_doctor_run_async (doctor, cancellable, davscope_cli_session_done, &done);
  davscope_cli_session_wait (&session, &done);
  ran = dav_doctor_run_finish (doctor, done, &error);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  if (self.progress)
    fputs ("\r\033[K", stderr);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(DavDoctorCheck) check = g_list_model_get_item (checks, i);
      g_signal_handlers_disconnect_by_data (check, &self);
    }

  if (!ran)
    {
      /* No connection: what the connection check found says why. */
      if (!session.json && !markdown)
        print_text (&self);
      exit_code = davscope_cli_session_fail (&session, dav_doctor_get_url (doctor), NULL, error);
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  if (session.json)
    {
      g_autofree char *text = dav_doctor_to_json (doctor, TRUE);
      printf ("%s\n", text);
    }
  else if (markdown)
    {
      g_autofree char *text = dav_doctor_to_markdown (doctor);
      fputs (text, stdout);
    }
  else
    print_text (&self);
  fflush (stdout);

  if (g_strv_length (dav_doctor_get_leftovers (doctor)) > 0)
    g_printerr (_("%s: warning: what the checks made could not all be removed from the server (listed above).\n"),
                session.command);

  if (dav_doctor_get_cancelled (doctor))
    exit_code = DAVSCOPE_CLI_EXIT_CANNOT;
  else if (dav_doctor_count_findings (doctor, DAV_DOCTOR_ERROR) > 0)
    exit_code = DAVSCOPE_CLI_EXIT_FAILED;
  else
    exit_code = DAVSCOPE_CLI_EXIT_OK;

  davscope_cli_session_clear (&session);
  return exit_code;
}
