/* davscope-cli-output.c: how davscope-cli shows things to people and scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "davscope-cli-output.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "dav-error.h"
#include "dav-problem.h"
#include "dav-report.h"
#include "dav-response.h"
#include "dav-text.h"

void
davscope_cli_output_init (DavscopeCliOutput *out,
                          FILE              *stream,
                          gboolean           json)
{
  out->stream = stream;
  out->json = json;
  /* https://no-color.org: NO_COLOR set to anything turns colour off. */
  out->color = !json && isatty (fileno (stream)) && g_getenv ("NO_COLOR") == NULL;
}

char *
davscope_cli_output_paint (DavscopeCliOutput *out,
                           DavSeverity        severity,
                           const char        *text)
{
  const char *start;

  if (!out->color)
    return g_strdup (text);

  switch (severity)
    {
    case DAV_SEVERITY_OK:      start = "\033[32m"; break;
    case DAV_SEVERITY_INFO:    start = "\033[36m"; break;
    case DAV_SEVERITY_WARNING: start = "\033[33m"; break;
    case DAV_SEVERITY_ERROR:
    default:                   start = "\033[1;31m"; break;
    }

  return g_strconcat (start, text, "\033[0m", NULL);
}

char *
davscope_cli_output_paint_func (DavSeverity  severity,
                                const char  *text,
                                gpointer     out)
{
  return davscope_cli_output_paint (out, severity, text);
}

void
davscope_cli_output_print_escaped (DavscopeCliOutput *out,
                                   const char        *prefix,
                                   const char        *text)
{
  g_autofree char *shown = dav_text_escape (text ? text : "", -1);

  fprintf (out->stream, "%s%s\n", prefix, shown);
}

/* dav_status_lookup() or dav_status_lookup_property(), remembered: a
 * listing asks for the same few codes once per entry, and each lookup
 * translates four texts. The texts do not change while the program runs. */
static void
lookup_status (guint          code,
               gboolean       for_property,
               const char    *method,
               DavStatusInfo *info)
{
  static struct {
    guint         code;
    gboolean      for_property;
    char          method[16];
    gboolean      valid;
    DavStatusInfo info;
  } cache[4];
  static guint next;

  for (guint i = 0; i < G_N_ELEMENTS (cache); i++)
    if (cache[i].valid && cache[i].code == code && cache[i].for_property == for_property &&
        g_strcmp0 (cache[i].method, method ? method : "") == 0)
      {
        *info = cache[i].info;
        return;
      }

  if (for_property)
    dav_status_lookup_property (code, info);
  else
    dav_status_lookup_for_method (code, method, info);

  cache[next].code = code;
  cache[next].for_property = for_property;
  g_strlcpy (cache[next].method, method ? method : "", sizeof cache[next].method);
  cache[next].info = *info;
  cache[next].valid = TRUE;
  next = (next + 1) % G_N_ELEMENTS (cache);
}

static void print_status (DavscopeCliOutput *out,
                          guint              indent,
                          guint              code,
                          const char        *reason_sent,
                          gboolean           explain,
                          gboolean           for_property,
                          const char        *method);

void
davscope_cli_output_print_status (DavscopeCliOutput *out,
                                  guint              indent,
                                  guint              code,
                                  const char        *reason_sent,
                                  gboolean           explain,
                                  gboolean           for_property)
{
  print_status (out, indent, code, reason_sent, explain, for_property, NULL);
}

void
davscope_cli_output_print_status_for (DavscopeCliOutput *out,
                                      guint              indent,
                                      guint              code,
                                      const char        *reason_sent,
                                      const char        *method)
{
  print_status (out, indent, code, reason_sent, TRUE, FALSE, method);
}

static void
print_status (DavscopeCliOutput *out,
              guint              indent,
              guint              code,
              const char        *reason_sent,
              gboolean           explain,
              gboolean           for_property,
              const char        *method)
{
  DavStatusInfo info;
  g_autofree char *pad = g_strnfill (indent, ' ');
  g_autofree char *line = NULL;
  g_autofree char *painted = NULL;
  g_autofree char *sent = NULL;

  if (code == 0)
    {
      painted = davscope_cli_output_paint (out, DAV_SEVERITY_ERROR, _("✘ no usable status"));
      fprintf (out->stream, "%s%s\n", pad, painted);
      if (explain)
        fprintf (out->stream, "%s  %s\n", pad,
                 _("The server gave no status that can be read, so the outcome is unknown."));
      return;
    }

  lookup_status (code, for_property, method, &info);
  line = g_strdup_printf ("%s %u %s", dav_severity_to_mark (info.severity), code, info.reason);
  painted = davscope_cli_output_paint (out, info.severity, line);

  /* The server's own phrase, when it says something else ("404 Gone"). */
  if (reason_sent != NULL && *reason_sent != '\0' &&
      g_ascii_strcasecmp (reason_sent, info.standard_reason) != 0)
    {
      g_autofree char *escaped = dav_text_escape (reason_sent, -1);

      sent = g_strdup_printf (_(" (server said “%s”)"), escaped);
    }

  fprintf (out->stream, "%s%s%s\n", pad, painted, sent ? sent : "");

  if (explain && info.severity != DAV_SEVERITY_OK)
    {
      fprintf (out->stream, "%s  %s\n", pad, info.explanation);
      fprintf (out->stream, "%s  %s %s\n", pad, _("Try:"), info.advice);
      fprintf (out->stream, "%s  %s %s%s%s\n", pad, _("See:"), info.reference,
               info.rfc2616 ? "; " : "", info.rfc2616 ? info.rfc2616 : "");
    }
}

void
davscope_cli_output_print_problems (DavscopeCliOutput *out,
                                    guint              indent,
                                    GPtrArray         *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);

  dav_report_append_problems_text (text, indent, problems, davscope_cli_output_paint_func, out);
  fputs (text->str, out->stream);
}

void
davscope_cli_output_print_conditions (DavscopeCliOutput *out,
                                      guint              indent,
                                      GPtrArray         *conditions)
{
  g_autoptr(GString) text = g_string_new (NULL);

  dav_report_append_conditions_text (text, indent, conditions);
  fputs (text->str, out->stream);
}

static void
json_status (DavJsonWriter *json,
             guint          code,
             const char    *reason_sent,
             gboolean       for_property,
             const char    *method,
             const char    *explanation)
{
  DavStatusInfo info;

  dav_json_writer_add_status (json, "status", code);
  dav_json_writer_add_string (json, "reason", reason_sent);
  if (code == 0)
    {
      dav_json_writer_add_string (json, "severity", dav_severity_to_string (DAV_SEVERITY_ERROR));
      dav_json_writer_add_string (json, "explanation",
                                  _("The server gave no status that can be read, so the outcome is unknown."));
      return;
    }

  lookup_status (code, for_property, method, &info);
  dav_json_writer_add_string (json, "severity", dav_severity_to_string (info.severity));
  dav_json_writer_add_boolean (json, "known", info.known);
  dav_json_writer_add_string (json, "explanation", explanation ? explanation : info.explanation);
}

void
davscope_cli_json_status_fields (DavJsonWriter *json,
                                 guint          code,
                                 const char    *reason_sent,
                                 gboolean       for_property)
{
  json_status (json, code, reason_sent, for_property, NULL, NULL);
}

void
davscope_cli_json_status_explained (DavJsonWriter *json,
                                    guint          code,
                                    const char    *reason_sent,
                                    const char    *method,
                                    const char    *explanation)
{
  json_status (json, code, reason_sent, FALSE, method, explanation);
}

DavProblem *
davscope_cli_href_problem (const DavHref *href,
                           guint          line)
{
  DavProblemKind kind;

  switch (href->relation)
    {
    case DAV_HREF_INVALID:      kind = DAV_PROBLEM_INVALID_HREF; break;
    case DAV_HREF_OTHER_ORIGIN: kind = DAV_PROBLEM_OTHER_ORIGIN; break;
    case DAV_HREF_OUTSIDE:      kind = DAV_PROBLEM_OUTSIDE_COLLECTION; break;
    case DAV_HREF_SELF:
    case DAV_HREF_MEMBER:
    case DAV_HREF_DESCENDANT:
    default:
      return NULL;
    }

  return dav_problem_new (kind, line, 0, "%s", href->problem ? href->problem : "");
}

void
davscope_cli_json_flush (DavJsonWriter *json,
                         FILE          *stream)
{
  GString *buffer = dav_json_writer_get_buffer (json);

  fwrite (buffer->str, 1, buffer->len, stream);
  g_string_truncate (buffer, 0);
}

void
davscope_cli_json_failure_fields (DavJsonWriter      *json,
                                  const char         *method,
                                  DavscopeCliFailure  failure,
                                  const char         *message)
{
  static const char * const members[] = {
    [DAVSCOPE_CLI_FAILURE_USAGE] = "usage_error",
    [DAVSCOPE_CLI_FAILURE_LOCAL] = "local_error",
    [DAVSCOPE_CLI_FAILURE_NOT_SENT] = "transport_error",
    [DAVSCOPE_CLI_FAILURE_NO_ANSWER] = "transport_error",
  };
  g_autoptr(DavReportItem) item = dav_report_item_new (method, NULL);
  g_autoptr(GError) error = g_error_new_literal (DAV_ERROR, DAV_ERROR_FAILED, message);

  /* Worded as rm and proppatch word an item that was never sent, or
   * that got no answer. */
  dav_report_item_set_error (item,
                             failure == DAVSCOPE_CLI_FAILURE_NO_ANSWER ? DAV_OUTCOME_UNKNOWN
                                                                       : DAV_OUTCOME_NOT_ATTEMPTED,
                             error);

  dav_json_writer_add_string (json, "method", method);
  dav_json_writer_add_string (json, "outcome", dav_outcome_to_string (item->outcome));
  dav_json_writer_add_status (json, "status", 0);
  dav_json_writer_add_string (json, "reason", NULL);
  dav_json_writer_add_boolean (json, "ok", FALSE);
  dav_json_writer_add_string (json, "explanation", item->explanation);
  dav_json_writer_add_string (json, members[failure], message);
  dav_json_writer_add_boolean (json, "complete", FALSE);
}

void
davscope_cli_json_failure (const char         *url,
                           const char         *method,
                           DavscopeCliFailure  failure,
                           const char         *message)
{
  g_autoptr(DavJsonWriter) json = dav_json_writer_new (TRUE);

  dav_json_writer_begin_object (json);
  dav_json_writer_add_string (json, "url", url);
  davscope_cli_json_failure_fields (json, method, failure, message);
  dav_json_writer_end_object (json);
  davscope_cli_json_flush (json, stdout);
}

int
davscope_cli_fail (gboolean            json,
                   const char         *command,
                   const char         *url,
                   const char         *method,
                   DavscopeCliFailure  failure,
                   const char         *message)
{
  g_autofree char *shown = dav_text_escape (message, -1);

  if (command != NULL)
    g_printerr ("%s: %s\n", command, shown);
  else
    g_printerr ("%s\n", shown);

  if (json)
    davscope_cli_json_failure (url, method, failure, message);

  return DAVSCOPE_CLI_EXIT_CANNOT;
}

gboolean
davscope_cli_args_want_json (int    argc,
                             char **argv)
{
  for (int i = 1; i < argc && argv[i] != NULL; i++)
    {
      /* After "--" everything is an argument. */
      if (g_str_equal (argv[i], "--"))
        return FALSE;
      if (g_str_equal (argv[i], "--json"))
        return TRUE;
    }

  return FALSE;
}
