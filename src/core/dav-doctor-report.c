/* dav-doctor-report.c: a doctor's run as a document (JSON, Markdown) and
 * its one-line summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON for scripts (the schema is docs/doctor.md's; names stay stable),
 * Markdown for a bug report to the server's maintainers: what was checked
 * and with what, a table of the findings, then each finding with the
 * exchange that showed it and a curl command that shows it again. Both
 * quote the server's text as it came; Markdown escapes its controls and
 * puts it in fenced blocks or escapes its Markdown, so that a server can
 * neither format the report nor a terminal showing it.
 */

#include "config.h"

#include "dav-doctor.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dav-doctor-faults.h"
#include "dav-json-writer.h"
#include "dav-text.h"

/* Stable ids of the groups for JSON (the titles are translated). */
static const char *
group_to_string (DavDoctorGroup group)
{
  static const char *const ids[] = {
    "connection", "auth", "options", "propfind", "content", "folders",
    "files", "properties", "copy-move", "delete", "locks",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (ids) == DAV_DOCTOR_N_GROUPS);
  g_return_val_if_fail (group < DAV_DOCTOR_N_GROUPS, NULL);
  return ids[group];
}

typedef struct {
  guint checks;
  guint by_state[DAV_DOCTOR_CHECK_CANCELLED + 1];
  guint by_severity[DAV_DOCTOR_ERROR + 1];
} Counts;

static void
count (DavDoctor *self,
       Counts    *counts)
{
  GListModel *checks = dav_doctor_get_checks (self);

  memset (counts, 0, sizeof *counts);
  counts->checks = g_list_model_get_n_items (checks);
  for (guint i = 0; i < counts->checks; i++)
    {
      g_autoptr(DavDoctorCheck) check = g_list_model_get_item (checks, i);
      GPtrArray *findings = dav_doctor_check_get_findings (check);

      counts->by_state[dav_doctor_check_get_state (check)]++;
      for (guint j = 0; j < findings->len; j++)
        {
          DavDoctorFinding *finding = g_ptr_array_index (findings, j);
          counts->by_severity[finding->severity]++;
        }
    }
}

static char *
format_started (DavDoctor  *self,
                const char *format)
{
  GDateTime *started = dav_doctor_get_started (self);

  return started != NULL ? g_date_time_format (started, format) : NULL;
}

char *
dav_doctor_dup_summary_line (DavDoctor *self)
{
  Counts counts;
  GString *line = g_string_new (NULL);
  const char *scratch = dav_doctor_get_scratch_url (self);
  GStrv leftovers = dav_doctor_get_leftovers (self);
  guint n_left = leftovers != NULL ? g_strv_length (leftovers) : 0;

  g_return_val_if_fail (DAV_IS_DOCTOR (self), NULL);

  count (self, &counts);

  if (dav_doctor_get_cancelled (self))
    /* Translators: the start of the summary line of a cancelled check. */
    g_string_append_printf (line, _("Cancelled after %u of %u checks: "),
                            dav_doctor_get_done (self) - counts.by_state[DAV_DOCTOR_CHECK_CANCELLED],
                            counts.checks);

  /* Translators: "3 errors, 2 warnings, 1 info in 27 checks". */
  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors",
                                             counts.by_severity[DAV_DOCTOR_ERROR]),
                          counts.by_severity[DAV_DOCTOR_ERROR]);
  g_string_append (line, ", ");
  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                             counts.by_severity[DAV_DOCTOR_WARNING]),
                          counts.by_severity[DAV_DOCTOR_WARNING]);
  g_string_append (line, ", ");
  /* Translators: findings of severity "info". */
  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%u info", "%u infos",
                                             counts.by_severity[DAV_DOCTOR_INFO]),
                          counts.by_severity[DAV_DOCTOR_INFO]);
  g_string_append_c (line, ' ');
  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "in %u check", "in %u checks", counts.checks),
                          counts.checks);

  if (!dav_doctor_get_write (self))
    g_string_append (line, _("; read-only, nothing written"));
  else if (n_left > 0)
    g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE,
                                               "; %u item could not be removed from the server",
                                               "; %u items could not be removed from the server",
                                               n_left),
                            n_left);
  else if (scratch != NULL)
    g_string_append (line, _("; scratch folder removed"));
  else if (dav_doctor_get_finished (self))
    g_string_append (line, _("; no scratch folder was made"));

  return g_string_free (line, FALSE);
}

/* ---- JSON ----------------------------------------------------------------- */

static void
write_clients (DavJsonWriter        *json,
               const DavDoctorFault *fault)
{
  dav_json_writer_member (json, "clients");
  dav_json_writer_begin_array (json);
  for (const DavClientImpact *impact = fault ? fault->impacts : NULL;
       impact != NULL && impact->client != DAV_N_CLIENTS; impact++)
    {
      dav_json_writer_begin_object (json);
      dav_json_writer_add_string (json, "client", dav_client_app_to_string (impact->client));
      dav_json_writer_add_string (json, "name", dav_client_app_get_name (impact->client));
      dav_json_writer_add_string (json, "effect", dav_client_effect_to_string (impact->effect));
      dav_json_writer_add_string (json, "what", impact->what ? _(impact->what) : NULL);
      dav_json_writer_add_string (json, "evidence", impact->evidence);
      dav_json_writer_end_object (json);
    }
  dav_json_writer_end_array (json);
}

static void
write_finding (DavJsonWriter    *json,
               DavDoctorFinding *finding)
{
  const DavDoctorFault *fault = dav_doctor_fault_lookup (finding->fault);
  g_autofree char *clients_line = fault ? dav_doctor_fault_dup_clients_line (fault) : NULL;

  dav_json_writer_begin_object (json);
  dav_json_writer_add_string (json, "fault", finding->fault);
  dav_json_writer_add_string (json, "severity", dav_doctor_severity_to_string (finding->severity));
  dav_json_writer_add_string (json, "title", finding->title);
  dav_json_writer_add_string (json, "explanation", fault && fault->explanation ? _(fault->explanation) : NULL);
  dav_json_writer_add_string (json, "rfc", fault ? fault->rfc : NULL);
  dav_json_writer_add_string (json, "expected", finding->expected);
  dav_json_writer_add_string (json, "got", finding->got);
  dav_json_writer_add_string (json, "detail", finding->detail);
  write_clients (json, fault);
  dav_json_writer_add_string (json, "clients_line", clients_line && *clients_line ? clients_line : NULL);
  dav_json_writer_add_string (json, "method", finding->method);
  dav_json_writer_add_string (json, "url", finding->url);
  dav_json_writer_add_status (json, "status", finding->status);
  dav_json_writer_add_string (json, "request", finding->request);
  dav_json_writer_add_string (json, "response", finding->response);
  dav_json_writer_add_string (json, "curl", finding->curl);
  dav_json_writer_end_object (json);
}

char *
dav_doctor_to_json (DavDoctor *self,
                    gboolean   pretty)
{
  g_autoptr(DavJsonWriter) json = dav_json_writer_new (pretty);
  GListModel *checks;
  g_autofree char *started = NULL;
  Counts counts;
  GStrv leftovers;

  g_return_val_if_fail (DAV_IS_DOCTOR (self), NULL);

  checks = dav_doctor_get_checks (self);
  started = format_started (self, "%Y-%m-%dT%H:%M:%SZ");
  leftovers = dav_doctor_get_leftovers (self);
  count (self, &counts);

  dav_json_writer_begin_object (json);
  dav_json_writer_add_string (json, "url", dav_doctor_get_url (self));
  dav_json_writer_add_string (json, "server", dav_doctor_get_server (self));
  dav_json_writer_add_boolean (json, "write", dav_doctor_get_write (self));
  dav_json_writer_add_string (json, "davscope_version", PACKAGE_VERSION);
  dav_json_writer_add_string (json, "started", started);
  dav_json_writer_member (json, "duration_ms");
  if (dav_doctor_get_finished (self))
    dav_json_writer_int (json, dav_doctor_get_duration (self) / 1000);
  else
    dav_json_writer_null (json);
  dav_json_writer_add_boolean (json, "finished", dav_doctor_get_finished (self));
  dav_json_writer_add_boolean (json, "cancelled", dav_doctor_get_cancelled (self));

  dav_json_writer_member (json, "summary");
  dav_json_writer_begin_object (json);
  dav_json_writer_add_int (json, "checks", counts.checks);
  for (DavDoctorCheckState state = DAV_DOCTOR_CHECK_PENDING; state <= DAV_DOCTOR_CHECK_CANCELLED; state++)
    dav_json_writer_add_int (json, dav_doctor_check_state_to_string (state), counts.by_state[state]);
  dav_json_writer_add_int (json, "errors", counts.by_severity[DAV_DOCTOR_ERROR]);
  dav_json_writer_add_int (json, "warnings", counts.by_severity[DAV_DOCTOR_WARNING]);
  dav_json_writer_add_int (json, "infos", counts.by_severity[DAV_DOCTOR_INFO]);
  {
    g_autofree char *line = dav_doctor_dup_summary_line (self);
    dav_json_writer_add_string (json, "text", line);
  }
  dav_json_writer_end_object (json);

  dav_json_writer_add_string (json, "scratch", dav_doctor_get_scratch_url (self));
  dav_json_writer_member (json, "leftovers");
  dav_json_writer_begin_array (json);
  for (guint i = 0; leftovers != NULL && leftovers[i] != NULL; i++)
    dav_json_writer_string (json, leftovers[i]);
  dav_json_writer_end_array (json);

  dav_json_writer_member (json, "checks");
  dav_json_writer_begin_array (json);
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(DavDoctorCheck) check = g_list_model_get_item (checks, i);
      GPtrArray *findings = dav_doctor_check_get_findings (check);
      DavDoctorGroup group = dav_doctor_check_get_group (check);

      dav_json_writer_begin_object (json);
      dav_json_writer_add_string (json, "id", dav_doctor_check_get_id (check));
      dav_json_writer_add_string (json, "group", group_to_string (group));
      dav_json_writer_add_string (json, "group_title", dav_doctor_group_get_title (group));
      dav_json_writer_add_string (json, "title", dav_doctor_check_get_title (check));
      dav_json_writer_add_string (json, "summary", dav_doctor_check_get_summary (check));
      dav_json_writer_add_boolean (json, "writes", dav_doctor_check_get_writes (check));
      dav_json_writer_add_string (json, "state", dav_doctor_check_state_to_string (dav_doctor_check_get_state (check)));
      dav_json_writer_add_string (json, "reason", dav_doctor_check_get_reason (check));
      dav_json_writer_member (json, "findings");
      dav_json_writer_begin_array (json);
      for (guint j = 0; j < findings->len; j++)
        write_finding (json, g_ptr_array_index (findings, j));
      dav_json_writer_end_array (json);
      dav_json_writer_end_object (json);
    }
  dav_json_writer_end_array (json);

  dav_json_writer_end_object (json);

  return dav_json_writer_free_to_string (g_steal_pointer (&json));
}

/* ---- Markdown ------------------------------------------------------------- */

/* The server's text with its controls, bidi characters and bad bytes
 * escaped (dav_text_escape), line breaks kept. */
static char *
md_escape_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *escaped = dav_text_escape (lines[i], -1);

      g_free (lines[i]);
      lines[i] = escaped;
    }
  return g_strjoinv ("\n", lines);
}

/* @text inline, its Markdown and HTML characters escaped, on one line. */
static void
md_inline (GString    *out,
           const char *text)
{
  g_autofree char *escaped = md_escape_lines (text);

  for (const char *p = escaped; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else if (strchr ("\\`*_[]<>|#!~&", *p) != NULL)
        {
          if (*p == '<')
            g_string_append (out, "&lt;");
          else if (*p == '>')
            g_string_append (out, "&gt;");
          else if (*p == '&')
            g_string_append (out, "&amp;");
          else
            {
              g_string_append_c (out, '\\');
              g_string_append_c (out, *p);
            }
        }
      else
        g_string_append_c (out, *p);
    }
}

/* @text as inline code: a fence of backticks longer than any run in it. */
static void
md_code (GString    *out,
         const char *text)
{
  guint longest = 0, run = 0;
  g_autofree char *fence = NULL;
  g_autofree char *flat = md_escape_lines (text);

  g_strdelimit (flat, "\n", ' ');
  for (const char *p = flat; *p != '\0'; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  fence = g_strnfill (longest + 1, '`');
  g_string_append_printf (out, "%s%s%s%s%s", fence, flat[0] == '`' ? " " : "", flat,
                          g_str_has_suffix (flat, "`") ? " " : "", fence);
}

/* @text in a fenced block whose fence no line of it can close. */
static void
md_block (GString    *out,
          const char *info,
          const char *text)
{
  guint longest = 0, run = 0;
  g_autofree char *fence = NULL;
  g_autofree char *escaped = md_escape_lines (text);

  text = escaped;
  for (const char *p = text; *p != '\0'; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  fence = g_strnfill (MAX (3, longest + 1), '`');
  g_string_append_printf (out, "%s%s\n%s%s%s\n\n", fence, info, text,
                          g_str_has_suffix (text, "\n") ? "" : "\n", fence);
}

static const char *
state_mark (DavDoctorCheckState state)
{
  switch (state)
    {
    case DAV_DOCTOR_CHECK_PASSED:    return "✔";
    case DAV_DOCTOR_CHECK_FAILED:    return "✘";
    case DAV_DOCTOR_CHECK_SKIPPED:   return "○";
    case DAV_DOCTOR_CHECK_CANCELLED: return "■";
    case DAV_DOCTOR_CHECK_PENDING:
    case DAV_DOCTOR_CHECK_RUNNING:
    default:                         return "·";
    }
}

static const char *
state_label (DavDoctorCheckState state)
{
  switch (state)
    {
    case DAV_DOCTOR_CHECK_PASSED:    return _("passed");
    case DAV_DOCTOR_CHECK_FAILED:    return _("failed");
    case DAV_DOCTOR_CHECK_SKIPPED:   return _("skipped");
    case DAV_DOCTOR_CHECK_CANCELLED: return _("cancelled");
    case DAV_DOCTOR_CHECK_PENDING:
    case DAV_DOCTOR_CHECK_RUNNING:
    default:                         return _("not run");
    }
}

static void
md_finding (GString          *out,
            guint             number,
            DavDoctorCheck   *check,
            DavDoctorFinding *finding)
{
  const DavDoctorFault *fault = dav_doctor_fault_lookup (finding->fault);
  g_autofree char *clients_line = fault ? dav_doctor_fault_dup_clients_line (fault) : NULL;

  g_string_append_printf (out, "### %u. %s: ", number, dav_doctor_severity_get_label (finding->severity));
  md_inline (out, finding->title);
  g_string_append (out, "\n\n");

  /* Translators: Markdown; "Check: OPTIONS (`options`) · fault `dav-missing` · RFC 4918 §10.1". */
  g_string_append_printf (out, "%s ", _("Check:"));
  md_inline (out, dav_doctor_check_get_title (check));
  g_string_append (out, " (");
  md_code (out, dav_doctor_check_get_id (check));
  g_string_append_printf (out, ") · %s ", _("fault"));
  md_code (out, finding->fault);
  if (fault != NULL && fault->rfc != NULL)
    g_string_append_printf (out, " · %s", fault->rfc);
  g_string_append (out, "\n\n");

  if (fault != NULL && fault->explanation != NULL && *fault->explanation != '\0')
    {
      md_inline (out, _(fault->explanation));
      g_string_append (out, "\n\n");
    }

  g_string_append_printf (out, "- **%s** ", _("Expected:"));
  md_inline (out, finding->expected);
  g_string_append_printf (out, "\n- **%s** ", _("Got:"));
  md_inline (out, finding->got);
  g_string_append_c (out, '\n');
  if (finding->detail != NULL)
    {
      g_string_append (out, "- ");
      md_inline (out, finding->detail);
      g_string_append_c (out, '\n');
    }
  if (finding->method != NULL)
    {
      g_string_append_printf (out, "- **%s** ", _("Request:"));
      md_code (out, finding->method);
      g_string_append_c (out, ' ');
      md_code (out, finding->url);
      if (finding->status != 0)
        g_string_append_printf (out, " → %u", finding->status);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');

  if (clients_line != NULL && *clients_line != '\0')
    {
      g_string_append_printf (out, "**%s** ", _("Clients:"));
      md_inline (out, clients_line);
      g_string_append (out, "\n\n");
    }
  if (fault != NULL && fault->impacts != NULL && fault->impacts[0].client != DAV_N_CLIENTS)
    {
      g_string_append_printf (out, "| %s | %s | %s | %s |\n| --- | --- | --- | --- |\n",
                              _("client"), _("effect"), _("what happens"), _("source"));
      for (const DavClientImpact *impact = fault->impacts; impact->client != DAV_N_CLIENTS; impact++)
        {
          g_string_append (out, "| ");
          md_inline (out, dav_client_app_get_name (impact->client));
          g_string_append (out, " | ");
          md_inline (out, dav_client_effect_get_label (impact->effect));
          g_string_append (out, " | ");
          md_inline (out, impact->what ? _(impact->what) : "");
          g_string_append (out, " | ");
          md_inline (out, impact->evidence);
          g_string_append (out, " |\n");
        }
      g_string_append_c (out, '\n');
    }

  if (finding->request != NULL)
    {
      g_string_append_printf (out, "%s\n\n", _("The request:"));
      md_block (out, "http", finding->request);
    }
  if (finding->response != NULL)
    {
      g_string_append_printf (out, "%s\n\n", _("The answer:"));
      md_block (out, "http", finding->response);
    }
  if (finding->curl != NULL)
    {
      g_string_append_printf (out, "%s\n\n", _("To see it again:"));
      md_block (out, "sh", finding->curl);
    }
}

typedef struct {
  DavDoctorCheck   *check;      /* borrowed: the doctor's list holds them */
  DavDoctorFinding *finding;
} Found;

/* Every finding with its check, errors first, then in the order found. */
static GArray *
findings_worst_first (DavDoctor *self)
{
  GListModel *checks = dav_doctor_get_checks (self);
  GArray *found = g_array_new (FALSE, FALSE, sizeof (Found));

  for (int severity = DAV_DOCTOR_ERROR; severity >= DAV_DOCTOR_INFO; severity--)
    for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
      {
        g_autoptr(DavDoctorCheck) check = g_list_model_get_item (checks, i);
        GPtrArray *findings = dav_doctor_check_get_findings (check);

        for (guint j = 0; j < findings->len; j++)
          {
            Found f = { check, g_ptr_array_index (findings, j) };

            if ((int) f.finding->severity == severity)
              g_array_append_val (found, f);
          }
      }

  return found;
}

char *
dav_doctor_to_markdown (DavDoctor *self)
{
  GString *out = g_string_new (NULL);
  GListModel *checks;
  g_autofree char *started = NULL;
  g_autofree char *summary = NULL;
  const char *server;
  g_autoptr(GArray) found = NULL;
  GStrv leftovers;

  g_return_val_if_fail (DAV_IS_DOCTOR (self), NULL);

  checks = dav_doctor_get_checks (self);
  server = dav_doctor_get_server (self);
  started = format_started (self, "%Y-%m-%d %H:%M UTC");
  summary = dav_doctor_dup_summary_line (self);
  leftovers = dav_doctor_get_leftovers (self);

  /* Translators: Markdown title of the report; %s is the URL. */
  g_string_append (out, "# ");
  {
    g_autofree char *title = g_strdup_printf (_("WebDAV server check of %s"), dav_doctor_get_url (self));
    md_inline (out, title);
  }
  g_string_append (out, "\n\n");

  if (server != NULL)
    {
      g_string_append_printf (out, "%s ", _("Server:"));
      md_code (out, server);
      g_string_append (out, "  \n");
    }
  /* Translators: Markdown; "Checked by Davscope 0.1.0 on 2026-12-03 17:40 UTC". */
  g_string_append_printf (out, _("Checked by Davscope %s on %s"), PACKAGE_VERSION,
                          started ? started : _("(not run)"));
  g_string_append (out, ", ");
  if (dav_doctor_get_write (self))
    g_string_append (out, _("with the write checks (`davscope-cli doctor --write`), in a scratch folder under the URL that was removed afterwards"));
  else
    g_string_append (out, _("read-only (`davscope-cli doctor`): nothing was written"));
  if (dav_doctor_get_finished (self))
    {
      double seconds = dav_doctor_get_duration (self) / (double) G_USEC_PER_SEC;

      /* Translators: Markdown; how long the run took. */
      g_string_append_printf (out, _(", in %.*f s"), seconds < 10 ? 2 : 0, seconds);
    }
  g_string_append (out, ".\n\n**");
  md_inline (out, summary);
  g_string_append (out, "**\n\n");

  if (leftovers != NULL && leftovers[0] != NULL)
    {
      g_string_append_printf (out, "%s\n\n", _("Could not be removed from the server (the doctor made them):"));
      for (guint i = 0; leftovers[i] != NULL; i++)
        {
          g_string_append (out, "- ");
          md_code (out, leftovers[i]);
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
    }

  found = findings_worst_first (self);
  if (found->len > 0)
    {
      g_string_append_printf (out, "## %s\n\n", _("Findings"));
      g_string_append_printf (out, "| # | %s | %s | %s | %s |\n| --- | --- | --- | --- | --- |\n",
                              _("severity"), _("check"), _("what is wrong"), _("RFC"));
      for (guint i = 0; i < found->len; i++)
        {
          const Found *f = &g_array_index (found, Found, i);
          const DavDoctorFault *fault = dav_doctor_fault_lookup (f->finding->fault);

          g_string_append_printf (out, "| %u | %s | ", i + 1,
                                  dav_doctor_severity_get_label (f->finding->severity));
          md_inline (out, dav_doctor_check_get_title (f->check));
          g_string_append (out, " | ");
          md_inline (out, f->finding->title);
          g_string_append (out, " (");
          md_code (out, f->finding->fault);
          g_string_append (out, ") | ");
          md_inline (out, fault && fault->rfc ? fault->rfc : "");
          g_string_append (out, " |\n");
        }
      g_string_append_c (out, '\n');

      for (guint i = 0; i < found->len; i++)
        {
          const Found *f = &g_array_index (found, Found, i);
          md_finding (out, i + 1, f->check, f->finding);
        }
    }

  g_string_append_printf (out, "## %s\n\n", _("All checks"));
  g_string_append_printf (out, "| | %s | %s | %s |\n| --- | --- | --- | --- |\n",
                          _("group"), _("check"), _("result"));
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(DavDoctorCheck) check = g_list_model_get_item (checks, i);
      DavDoctorCheckState state = dav_doctor_check_get_state (check);
      GPtrArray *findings = dav_doctor_check_get_findings (check);

      g_string_append_printf (out, "| %s | ", state_mark (state));
      md_inline (out, dav_doctor_group_get_title (dav_doctor_check_get_group (check)));
      g_string_append (out, " | ");
      md_inline (out, dav_doctor_check_get_title (check));
      g_string_append (out, " | ");
      md_inline (out, state_label (state));
      if (dav_doctor_check_get_reason (check) != NULL)
        {
          g_string_append (out, ": ");
          md_inline (out, dav_doctor_check_get_reason (check));
        }
      else if (findings->len > 0)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " (%u finding)", " (%u findings)",
                                                  findings->len), findings->len);
      g_string_append (out, " |\n");
    }

  return g_string_free (out, FALSE);
}
