/* davscope-cli-ops.c: the single-resource subcommands of davscope-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * info (OPTIONS), mkdir (MKCOL), cp and mv (COPY, MOVE), lock and unlock,
 * get and put (streamed, never the whole file in memory).
 */

#include "davscope-cli.h"

#include "dav-href.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dav-download.h"
#include "dav-upload.h"
#include "dav-local-file.h"
#include "dav-lock.h"
#include "dav-text.h"
#include "davscope-cli-session.h"

/* Parses the common options plus @entries, connects to @base_arg (the
 * argument whose URL the client is for), resolving nothing yet. */
static gboolean
session_start (DavscopeCliSession *session,
               const char         *command,
               const char         *usage,
               const GOptionEntry *entries,
               int                *argc,
               char             ***argv,
               int                 n_args,
               int                 base_arg)
{
  g_autoptr(GOptionContext) context = g_option_context_new (usage);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;

  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  davscope_cli_session_add_options (session, context, command);

  if (!davscope_cli_session_parse (session, context, argc, argv, &error))
    {
      davscope_cli_session_usage (session, error->message);
      return FALSE;
    }
  if (*argc != n_args + 1)
    {
      g_autofree char *line = g_strdup_printf (_("Usage: %s %s\n"), command, usage);

      davscope_cli_fail (session->json, NULL, NULL, NULL, DAVSCOPE_CLI_FAILURE_USAGE, g_strchomp (line));
      return FALSE;
    }

  /* The client's base is the parent of the resource, so that the
   * resource itself may be changed and nothing beside it. */
  base = davscope_cli_parent_url ((*argv)[base_arg]);
  return davscope_cli_session_connect (session, base);
}

typedef DavResult *(*FinishFunc) (DavClient     *client,
                                  GAsyncResult  *result,
                                  GError       **error);

/* Waits for the verb, finishes it with its @finish, and keeps the
 * certificate it refused for davscope_cli_session_print_error (). */
static DavResult *
wait_result (DavscopeCliSession  *session,
             GAsyncResult       **done,
             FinishFunc           finish,
             GError             **error)
{
  GTlsCertificateFlags rejected_errors = 0;
  GTlsCertificate *rejected;

  davscope_cli_session_wait (session, done);
  rejected = dav_client_get_rejected_certificate (session->client, *done, &rejected_errors);
  davscope_cli_session_set_rejected (session, rejected, rejected_errors);

  return finish (session->client, *done, error);
}

/* Where a COPY, MOVE or PUT writes. Asked to keep what is there
 * (Overwrite: F, If-None-Match: *), a 412 means that something is
 * (RFC 4918 §9.8.5, RFC 9110 §13.1.2). */
typedef struct {
  const char *destination;    /* COPY, MOVE: the absolute URL; PUT: NULL, it is the URL */
  gboolean    keeps_existing; /* sent without --overwrite */
} Target;

static gboolean
found_existing (const Target *target,
                DavResult    *result)
{
  return target != NULL && target->keeps_existing &&
         result->status == SOUP_STATUS_PRECONDITION_FAILED;
}

static const char *
exists_explanation (void)
{
  return _("Not done: something already exists there, and replacing it was not asked for; use --overwrite to replace it.");
}

/* The one JSON document of a single-request command: what the server
 * answered, its explanation worded as rm words an item. */
static void
print_answer_json (DavResult           *result,
                   const DavReportItem *item,
                   const Target        *target)
{
  g_autoptr(DavJsonWriter) json = dav_json_writer_new (TRUE);
  gboolean exists = found_existing (target, result);

  dav_json_writer_begin_object (json);
  dav_json_writer_add_string (json, "url", result->url);
  dav_json_writer_add_string (json, "method", result->method);
  if (target != NULL && target->destination != NULL)
    dav_json_writer_add_string (json, "destination", target->destination);
  if (target != NULL)
    dav_json_writer_add_boolean (json, "destination_exists", exists);
  dav_json_writer_add_string (json, "outcome", dav_outcome_to_string (item->outcome));
  davscope_cli_json_answer_fields (json, result, item->ok, exists ? exists_explanation () : item->explanation,
                                   item->problems);
  if (result->lock_token != NULL)
    dav_json_writer_add_string (json, "lock_token", result->lock_token);
  dav_json_writer_add_boolean (json, "complete", dav_result_is_whole (result));
  dav_json_writer_end_object (json);
  davscope_cli_json_flush (json, stdout);
}

/* The end of every single-request command: a success line, or the answer
 * explained with its exit code; with --json one document either way.
 * @url and @method say what got no answer when @result is NULL. The
 * answer is judged as rm judges an item (DavReportItem): a 2xx that
 * contradicts the request is done, and flagged as the server's fault. */
static int
finish_simple (DavscopeCliSession *session,
               const char         *url,
               const char         *method,
               const Target       *target,
               DavResult          *result,
               const GError       *error,
               const char         *done_message)
{
  g_autoptr(DavReportItem) item = NULL;
  int exit_code;

  if (result == NULL)
    return davscope_cli_session_fail (session, url, method, error);

  item = dav_report_item_new (result->method, result->url);
  item->overwrite = target != NULL && !target->keeps_existing;
  dav_report_item_set_result (item, result);

  if (session->json)
    print_answer_json (result, item, target);

  if (!item->ok)
    {
      if (dav_result_has_multistatus (result) && !session->json)
        {
          /* A 207 to COPY, MOVE or LOCK is a partial failure: show each item. */
          DavscopeCliOutput err;

          davscope_cli_output_init (&err, stderr, FALSE);
          for (guint i = 0; i < result->body->responses->len; i++)
            {
              const DavResponse *response = g_ptr_array_index (result->body->responses, i);

              davscope_cli_output_print_escaped (&err, "  ", dav_response_get_href (response));
              davscope_cli_output_print_status_for (&err, 4, dav_response_get_effective_status (response),
                                                    response->reason, result->method);
              davscope_cli_output_print_conditions (&err, 4, response->errors);
            }
        }
      exit_code = davscope_cli_session_print_result (session, result);
      if (found_existing (target, result))
        g_printerr ("  %s\n", exists_explanation ());
      return exit_code;
    }

  if (!session->json && done_message != NULL)
    printf ("%s\n", done_message);
  if (!session->json && item->problems->len > 0)
    {
      DavscopeCliOutput err;

      davscope_cli_output_init (&err, stderr, FALSE);
      davscope_cli_output_print_problems (&err, 2, item->problems);
    }

  return DAVSCOPE_CLI_EXIT_OK;
}

/* An argument that names nothing on the connected server is a usage
 * error: nothing is sent. */
static char *
resolve_or_fail (DavscopeCliSession *session,
                 const char         *url,
                 int                *exit_code)
{
  g_autoptr(GError) error = NULL;
  char *resolved = dav_client_resolve (session->client, url, &error);

  if (resolved == NULL)
    *exit_code = davscope_cli_session_usage (session, error->message);

  return resolved;
}

int
davscope_cli_info (int    argc,
                   char **argv)
{
  DavscopeCliSession session = { 0 };
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GAsyncResult) quota_done = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(DavResult) quota = NULL;
  g_autoptr(DavPropfind) quota_propfind = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  static const char * const quota_names[] = {
    "{DAV:}quota-available-bytes", "{DAV:}quota-used-bytes", NULL
  };
  const char *dav, *allow, *server;
  int exit_code = DAVSCOPE_CLI_EXIT_CANNOT;

  if (!session_start (&session, "davscope-cli info", _("URL — what the server supports"),
                      NULL, &argc, &argv, 1, 1) ||
      (url = resolve_or_fail (&session, argv[1], &exit_code)) == NULL)
    {
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  dav_client_options_async (session.client, url, NULL, davscope_cli_session_done, &done);
  result = wait_result (&session, &done, dav_client_options_finish, &error);
  if (result == NULL || !SOUP_STATUS_IS_SUCCESSFUL (result->status))
    {
      exit_code = finish_simple (&session, url, "OPTIONS", NULL, result, error, NULL);
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  /* Quota (RFC 4331) when the server has it; its absence is no error. */
  quota_propfind = dav_propfind_new (DAV_DEPTH_0, DAV_PROPFIND_PROP, quota_names);
  dav_client_propfind_async (session.client, url, quota_propfind, NULL, davscope_cli_session_done, &quota_done);
  quota = wait_result (&session, &quota_done, dav_client_propfind_finish, NULL);

  dav = soup_message_headers_get_list (result->headers, "DAV");
  allow = soup_message_headers_get_list (result->headers, "Allow");
  server = soup_message_headers_get_one (result->headers, "Server");

  if (session.json)
    {
      g_autoptr(DavJsonWriter) json = dav_json_writer_new (TRUE);

      dav_json_writer_begin_object (json);
      dav_json_writer_add_string (json, "url", url);
      dav_json_writer_add_string (json, "method", result->method);
      davscope_cli_json_status_fields (json, result->status, result->reason, FALSE);
      /* No DAV header: it answered, but it is no WebDAV resource. */
      dav_json_writer_add_boolean (json, "ok", dav != NULL);
      dav_json_writer_add_string (json, "dav", dav);
      dav_json_writer_add_string (json, "allow", allow);
      dav_json_writer_add_string (json, "server", server);
      if (quota != NULL && dav_result_has_multistatus (quota) && quota->body->responses->len > 0)
        {
          const DavResponse *response = g_ptr_array_index (quota->body->responses, 0);
          const DavProperty *available = dav_response_find_property (response, "DAV:", "quota-available-bytes");
          const DavProperty *used = dav_response_find_property (response, "DAV:", "quota-used-bytes");

          dav_json_writer_add_string (json, "quota_available_bytes",
                                      available && available->status == 200 ? available->value : NULL);
          dav_json_writer_add_string (json, "quota_used_bytes",
                                      used && used->status == 200 ? used->value : NULL);
        }
      dav_json_writer_add_boolean (json, "complete", TRUE);
      dav_json_writer_end_object (json);
      davscope_cli_json_flush (json, stdout);
    }
  else
    {
      g_autofree char *shown_dav = dav_text_escape (dav ? dav : _("(none: not a WebDAV resource)"), -1);
      g_autofree char *shown_allow = dav_text_escape (allow ? allow : _("(not said)"), -1);

      printf (_("URL:               %s\n"), url);
      printf (_("WebDAV classes:    %s\n"), shown_dav);
      printf (_("Allowed methods:   %s\n"), shown_allow);
      if (server != NULL)
        davscope_cli_output_print_escaped (&session.out, _("Server:            "), server);
      if (quota != NULL && dav_result_has_multistatus (quota) && quota->body->responses->len > 0)
        {
          const DavResponse *response = g_ptr_array_index (quota->body->responses, 0);
          const DavProperty *available = dav_response_find_property (response, "DAV:", "quota-available-bytes");
          const DavProperty *used = dav_response_find_property (response, "DAV:", "quota-used-bytes");
          guint64 bytes;

          if (available && available->status == 200 && available->value &&
              g_ascii_string_to_unsigned (available->value, 10, 0, G_MAXINT64, &bytes, NULL))
            {
              g_autofree char *size = g_format_size (bytes);

              printf (_("Space available:   %s\n"), size);
            }
          if (used && used->status == 200 && used->value &&
              g_ascii_string_to_unsigned (used->value, 10, 0, G_MAXINT64, &bytes, NULL))
            {
              g_autofree char *size = g_format_size (bytes);

              printf (_("Space used:        %s\n"), size);
            }
        }
    }

  davscope_cli_session_clear (&session);
  return dav != NULL ? DAVSCOPE_CLI_EXIT_OK : DAVSCOPE_CLI_EXIT_FAILED;
}

int
davscope_cli_mkdir (int    argc,
                    char **argv)
{
  DavscopeCliSession session = { 0 };
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  int exit_code = DAVSCOPE_CLI_EXIT_CANNOT;

  if (!session_start (&session, "davscope-cli mkdir", _("URL — create a collection"),
                      NULL, &argc, &argv, 1, 1) ||
      (url = resolve_or_fail (&session, argv[1], &exit_code)) == NULL)
    {
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  dav_client_mkcol_async (session.client, url, NULL, davscope_cli_session_done, &done);
  result = wait_result (&session, &done, dav_client_mkcol_finish, &error);
  exit_code = finish_simple (&session, url, "MKCOL", NULL, result, error, _("Created."));

  davscope_cli_session_clear (&session);
  return exit_code;
}

static int
copy_or_move (int      argc,
              char   **argv,
              gboolean move)
{
  const char *command = move ? "davscope-cli mv" : "davscope-cli cp";
  DavscopeCliSession session = { 0 };
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *base = NULL;
  gboolean overwrite = FALSE;
  Target target;
  int exit_code = DAVSCOPE_CLI_EXIT_CANNOT;
  const GOptionEntry entries[] = {
    { "overwrite", 'f', 0, G_OPTION_ARG_NONE, &overwrite, N_("Replace the destination if it exists (Overwrite: T)"), NULL },
    { NULL }
  };

  if (!session_start (&session, command, _("SOURCE DESTINATION — or SOURCE… COLLECTION/ for many, with a report per item"), entries, &argc, &argv, 2, 1))
    {
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  /* Both ends must be inside the client's base: make it their common
   * ancestor, on the same server. The destination may be a path. */
  if ((destination = resolve_or_fail (&session, argv[2], &exit_code)) == NULL)
    {
      davscope_cli_session_clear (&session);
      return exit_code;
    }
  g_clear_object (&session.client);
  {
    g_autofree char *a = davscope_cli_parent_url (argv[1]);
    g_autofree char *b = davscope_cli_parent_url (destination);
    gsize n = 0;

    while (a[n] != '\0' && a[n] == b[n])
      n++;
    while (n > 0 && a[n - 1] != '/')
      n--;
    base = g_strndup (a, n);
  }
  g_clear_pointer (&destination, g_free);
  if (!davscope_cli_session_connect (&session, base) ||
      (source = resolve_or_fail (&session, argv[1], &exit_code)) == NULL ||
      (destination = resolve_or_fail (&session, argv[2], &exit_code)) == NULL)
    {
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  if (move)
    dav_client_move_async (session.client, source, destination, overwrite, NULL, davscope_cli_session_done, &done);
  else
    dav_client_copy_async (session.client, source, destination, overwrite, NULL, davscope_cli_session_done, &done);
  result = wait_result (&session, &done, move ? dav_client_move_finish : dav_client_copy_finish, &error);
  target = (Target) { destination, !overwrite };
  exit_code = finish_simple (&session, source, move ? "MOVE" : "COPY", &target, result, error,
                             result && result->status == 201 ? _("Done; the destination is new.")
                                                             : _("Done; the destination was replaced."));

  davscope_cli_session_clear (&session);
  return exit_code;
}

int
davscope_cli_cp (int    argc,
                 char **argv)
{
  if (davscope_cli_is_many (argc, argv, DAVSCOPE_CLI_MANY_COPY))
    return davscope_cli_many (argc, argv, DAVSCOPE_CLI_MANY_COPY);
  return copy_or_move (argc, argv, FALSE);
}

int
davscope_cli_mv (int    argc,
                 char **argv)
{
  if (davscope_cli_is_many (argc, argv, DAVSCOPE_CLI_MANY_MOVE))
    return davscope_cli_many (argc, argv, DAVSCOPE_CLI_MANY_MOVE);
  return copy_or_move (argc, argv, TRUE);
}

int
davscope_cli_lock (int    argc,
                   char **argv)
{
  DavscopeCliSession session = { 0 };
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *message = NULL;
  g_autofree char *depth = NULL;
  gboolean shared = FALSE;
  int timeout = 0;
  int exit_code = DAVSCOPE_CLI_EXIT_CANNOT;
  const GOptionEntry entries[] = {
    { "shared", 0, 0, G_OPTION_ARG_NONE, &shared, N_("A shared lock instead of an exclusive one"), NULL },
    { "depth", 'd', 0, G_OPTION_ARG_STRING, &depth, N_("0 or infinity (the default, for a collection and all it holds)"), N_("DEPTH") },
    { "lock-timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Ask for the lock to last SECONDS (default: infinite)"), N_("SECONDS") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, N_("Who holds the lock, as others will see it"), N_("TEXT") },
    { NULL }
  };

  if (!session_start (&session, "davscope-cli lock", _("URL — lock a resource and print the lock token"),
                      entries, &argc, &argv, 1, 1) ||
      (url = resolve_or_fail (&session, argv[1], &exit_code)) == NULL)
    {
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  dav_client_lock_async (session.client, url, shared ? DAV_LOCK_SHARED : DAV_LOCK_EXCLUSIVE,
                         depth != NULL && g_str_equal (depth, "0") ? DAV_DEPTH_0 : DAV_DEPTH_INFINITY,
                         MAX (timeout, 0), owner ? owner : g_get_user_name (),
                         NULL, davscope_cli_session_done, &done);
  result = wait_result (&session, &done, dav_client_lock_finish, &error);
  if (result != NULL && result->lock_token != NULL)
    {
      g_autofree char *token = dav_text_escape (result->lock_token, -1);
      g_autoptr(GPtrArray) locks = NULL;
      const DavLock *lock = NULL;

      /* The lock as granted is in the body (RFC 4918 §9.10.1). */
      if (result->body != NULL && result->body->is_prop_body && result->body->responses->len > 0)
        locks = dav_lock_list_from_response (g_ptr_array_index (result->body->responses, 0));
      for (guint i = 0; locks != NULL && i < locks->len; i++)
        if (g_strcmp0 (((DavLock *) g_ptr_array_index (locks, i))->token, result->lock_token) == 0)
          lock = g_ptr_array_index (locks, i);

      if (lock != NULL)
        {
          g_autofree char *scope = dav_text_escape (lock->scope ? lock->scope : "?", -1);
          g_autofree char *depth_shown = dav_text_escape (lock->depth ? lock->depth : "?", -1);
          g_autofree char *timeout_shown = dav_text_escape (lock->timeout ? lock->timeout : "?", -1);
          g_autofree char *owner_shown = dav_text_escape (lock->owner ? lock->owner : "", -1);

          message = g_strdup_printf (_("Locked. Token: %s\nScope: %s, depth %s, timeout %s\nOwner: %s"),
                                     token, scope, depth_shown, timeout_shown, owner_shown);
        }
      else
        message = g_strdup_printf (_("Locked. Token: %s"), token);
    }
  exit_code = finish_simple (&session, url, "LOCK", NULL, result, error, message);

  davscope_cli_session_clear (&session);
  return exit_code;
}

int
davscope_cli_unlock (int    argc,
                     char **argv)
{
  DavscopeCliSession session = { 0 };
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  int exit_code = DAVSCOPE_CLI_EXIT_CANNOT;

  if (!session_start (&session, "davscope-cli unlock", _("URL TOKEN — release a lock"),
                      NULL, &argc, &argv, 2, 1) ||
      (url = resolve_or_fail (&session, argv[1], &exit_code)) == NULL)
    {
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  dav_client_unlock_async (session.client, url, argv[2], NULL, davscope_cli_session_done, &done);
  result = wait_result (&session, &done, dav_client_unlock_finish, &error);
  exit_code = finish_simple (&session, url, "UNLOCK", NULL, result, error, _("Unlocked."));

  davscope_cli_session_clear (&session);
  return exit_code;
}

/* ---- transfers ---------------------------------------------------------- */

typedef struct {
  gboolean tty;
  gint64   last;
} Progress;

static void
on_progress (goffset  done,
             goffset  total,
             gpointer user_data)
{
  Progress *progress = user_data;
  gint64 now = g_get_monotonic_time ();
  g_autofree char *done_text = NULL;

  /* Progress only on a terminal, at most ten times a second. */
  if (!progress->tty || now - progress->last < G_USEC_PER_SEC / 10)
    return;
  progress->last = now;

  done_text = g_format_size (done);
  if (total > 0)
    {
      g_autofree char *total_text = g_format_size (total);

      fprintf (stderr, "\r%s / %s (%d%%)   ", done_text, total_text, (int) (done * 100 / total));
    }
  else
    fprintf (stderr, "\r%s   ", done_text);
}

/* The server answered, but the transfer is not right: the local disk
 * (exit code 1), or an answer that would have made a wrong file, a body
 * continued at the wrong place or a checksum that does not match (the
 * item failed, 2). @not_saved: a download, whose file was not kept. */
static int
fail_transfer (DavscopeCliSession *session,
               DavResult          *result,
               const GError       *problem,
               gboolean            not_saved)
{
  g_autoptr(DavReportItem) item = NULL;
  g_autofree char *shown = NULL;

  if (problem->domain == G_IO_ERROR)
    return davscope_cli_fail (session->json, session->command, result->url, result->method,
                              DAVSCOPE_CLI_FAILURE_LOCAL, problem->message);

  item = dav_report_item_new (result->method, result->url);
  dav_report_item_set_result (item, result);
  item->outcome = DAV_OUTCOME_FAILED;
  item->ok = FALSE;
  g_free (item->explanation);
  /* Translators: %s says why, a sentence. */
  item->explanation = not_saved ? g_strdup_printf (_("Not saved: %s"), problem->message) : g_strdup (problem->message);
  if (session->json)
    print_answer_json (result, item, NULL);
  shown = dav_text_escape (item->explanation, -1);
  g_printerr ("%s: %s\n", session->command, shown);

  return DAVSCOPE_CLI_EXIT_FAILED;
}

int
davscope_cli_get (int    argc,
                  char **argv)
{
  DavscopeCliSession session = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(DavDownload) download = NULL;
  GTlsCertificate *rejected;
  GTlsCertificateFlags rejected_errors = 0;
  const GError *problem;
  g_autofree char *url = NULL;
  g_autofree char *target = NULL;
  gboolean force = FALSE;
  Progress progress = { isatty (2), 0 };
  int exit_code = DAVSCOPE_CLI_EXIT_CANNOT;
  const GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    { NULL }
  };

  if (davscope_cli_is_many (argc, argv, DAVSCOPE_CLI_MANY_GET))
    return davscope_cli_many (argc, argv, DAVSCOPE_CLI_MANY_GET);

  context = g_option_context_new (_("URL [FILE] — download a file (streamed); URL… DIRECTORY for many"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  davscope_cli_session_add_options (&session, context, "davscope-cli get");
  if (!davscope_cli_session_parse (&session, context, &argc, &argv, &error) || argc < 2 || argc > 3)
    {
      exit_code = davscope_cli_session_usage (&session, error ? error->message : _("give a URL and optionally a FILE"));
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  target = argc == 3 ? g_strdup (argv[2]) : dav_href_local_name (argv[1]);
  file = g_file_new_for_commandline_arg (target);
  if (!force && g_file_query_exists (file, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("%s exists; use --force to replace it."), target);

      exit_code = davscope_cli_fail (session.json, session.command, argv[1], NULL,
                                     DAVSCOPE_CLI_FAILURE_LOCAL, message);
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  if (!davscope_cli_session_connect (&session, argv[1]) ||
      (url = resolve_or_fail (&session, argv[1], &exit_code)) == NULL)
    {
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  /* Written to a partial file beside the target, moved in place only
   * when the whole body came (and matched the server's checksum): a
   * failed download loses nothing, and one cut off continues where it
   * stopped the next time (dav-download.c). */
  download = dav_download_new (session.client, url, file, force);
  if (!dav_download_open (download, &error))
    {
      exit_code = davscope_cli_fail (session.json, session.command, url, NULL,
                                     DAVSCOPE_CLI_FAILURE_LOCAL, error->message);
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  dav_download_run_async (download, on_progress, &progress, NULL, davscope_cli_session_done, &done);
  davscope_cli_session_wait (&session, &done);
  rejected = dav_download_get_rejected_certificate (download, &rejected_errors);
  davscope_cli_session_set_rejected (&session, rejected, rejected_errors);
  result = dav_download_run_finish (download, done, &error);
  if (progress.tty && progress.last != 0)
    fputc ('\n', stderr);

  problem = dav_download_get_problem (download);
  if (problem != NULL && result != NULL)
    {
      exit_code = fail_transfer (&session, result, problem, TRUE);
      davscope_cli_session_clear (&session);
      return exit_code;
    }
  if (dav_download_is_saved (download) && !session.json)
    {
      g_autofree char *said = dav_download_describe (download, target);

      printf ("%s\n", said);
    }

  exit_code = finish_simple (&session, url, "GET", NULL, result, error, NULL);
  davscope_cli_session_clear (&session);
  return exit_code;
}

/* "Uploaded (new file)." and how it was verified. */
static char *
upload_message (DavUpload *upload,
                DavResult *result)
{
  const DavChecksum *verified = dav_upload_get_verified (upload);
  const char *done = result && result->status == 201 ? _("Uploaded (new file).") : _("Uploaded (replaced).");
  g_autofree char *match = verified ? dav_checksum_describe_match (verified) : NULL;

  if (match != NULL)
    return g_strdup_printf ("%s %s", done, match);
  if (dav_upload_sent_checksum (upload))
    return g_strdup_printf ("%s %s", done, _("It was sent with its SHA-1 (OC-Checksum), which the server checks before it keeps a file."));
  return g_strdup (done);
}

int
davscope_cli_put (int    argc,
                  char **argv)
{
  DavscopeCliSession session = { 0 };
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(DavUpload) upload = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *said = NULL;
  GTlsCertificate *rejected;
  GTlsCertificateFlags rejected_errors = 0;
  g_autofree char *url = NULL;
  g_autofree char *target = NULL;
  g_autofree char *content_type = NULL;
  gboolean overwrite = FALSE;
  Target replacing;
  Progress progress = { isatty (2), 0 };
  int exit_code = DAVSCOPE_CLI_EXIT_CANNOT;
  const GOptionEntry entries[] = {
    { "overwrite", 'f', 0, G_OPTION_ARG_NONE, &overwrite, N_("Replace the file on the server if it exists (otherwise If-None-Match: * keeps it)"), NULL },
    { NULL }
  };

  if (davscope_cli_is_many (argc, argv, DAVSCOPE_CLI_MANY_PUT))
    return davscope_cli_many (argc, argv, DAVSCOPE_CLI_MANY_PUT);

  if (!session_start (&session, "davscope-cli put", _("FILE URL — upload a file (streamed); FILE… COLLECTION/ for many"),
                      entries, &argc, &argv, 2, 2))
    {
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","  G_FILE_ATTRIBUTE_STANDARD_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_autofree char *message = g_strdup_printf (_("cannot read %s: %s"), argv[1],
                                                  error ? error->message : _("not a regular file"));

      exit_code = davscope_cli_fail (session.json, session.command, NULL, NULL,
                                     DAVSCOPE_CLI_FAILURE_LOCAL, message);
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  /* "put a.txt http://host/dir/" uploads into the folder. */
  if (g_str_has_suffix (argv[2], "/"))
    {
      g_autofree char *escaped = g_uri_escape_string (g_file_info_get_name (info), NULL, FALSE);

      g_clear_object (&session.client);
      if (!davscope_cli_session_connect (&session, argv[2]))
        {
          davscope_cli_session_clear (&session);
          return exit_code;
        }
      target = g_strconcat (argv[2], escaped, NULL);
    }
  else
    target = g_strdup (argv[2]);

  if ((url = resolve_or_fail (&session, target, &exit_code)) == NULL)
    {
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  content_type = g_content_type_get_mime_type (g_file_info_get_content_type (info));
  /* An existing file is replaced only when asked, as cp, mv and get do:
   * without --overwrite it is sent with If-None-Match: *. */
  upload = dav_upload_new (session.client, url, file, g_file_info_get_size (info), content_type, overwrite);
  if (!dav_upload_open (upload, &error))
    {
      g_autofree char *message = g_strdup_printf (_("cannot read %s: %s"), argv[1], error->message);

      exit_code = davscope_cli_fail (session.json, session.command, NULL, NULL,
                                     DAVSCOPE_CLI_FAILURE_LOCAL, message);
      davscope_cli_session_clear (&session);
      return exit_code;
    }
  dav_upload_run_async (upload, on_progress, &progress, NULL, davscope_cli_session_done, &done);
  davscope_cli_session_wait (&session, &done);
  rejected = dav_upload_get_rejected_certificate (upload, &rejected_errors);
  davscope_cli_session_set_rejected (&session, rejected, rejected_errors);
  result = dav_upload_run_finish (upload, done, &error);
  if (progress.tty && progress.last != 0)
    fputc ('\n', stderr);

  if (result != NULL && dav_upload_get_problem (upload) != NULL)
    {
      exit_code = fail_transfer (&session, result, dav_upload_get_problem (upload), FALSE);
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  said = upload_message (upload, result);
  replacing = (Target) { NULL, !overwrite };
  exit_code = finish_simple (&session, url, "PUT", &replacing, result, error, said);
  davscope_cli_session_clear (&session);
  return exit_code;
}
