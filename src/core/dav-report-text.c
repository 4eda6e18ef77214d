/* dav-report-text.c: a report as text for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of dav_report_to_text() and dav_report_item_append_text(): what
 * davscope-cli prints after rm and proppatch, and what the report window's
 * "Copy Report" puts on the clipboard. Every string from the server goes
 * through dav_text_escape(); the JSON and CSV of a report are in
 * dav-report.c.
 */

#include "dav-report.h"

#include <glib/gi18n-lib.h>

#include "dav-text.h"

const char *
dav_severity_to_mark (DavSeverity severity)
{
  switch (severity)
    {
    case DAV_SEVERITY_OK:      return "✔";
    case DAV_SEVERITY_INFO:    return "ℹ";
    case DAV_SEVERITY_WARNING: return "⚠";
    case DAV_SEVERITY_ERROR:
    default:                   return "✘";
    }
}

static char *
paint_text (DavReportPaintFunc  paint,
            gpointer            paint_data,
            DavSeverity         severity,
            const char         *text)
{
  return paint != NULL ? paint (severity, text, paint_data) : g_strdup (text);
}

/* A URL or href to show: escaped, and decoded first if asked. */
static char *
shown_url (const char         *url,
           DavReportTextFlags  flags)
{
  g_autofree char *decoded = NULL;

  if (flags & DAV_REPORT_TEXT_DECODE_URLS)
    decoded = g_uri_unescape_string (url, NULL);

  return dav_text_escape (decoded != NULL ? decoded : url, -1);
}

static char *
shown_explanation (const char         *explanation,
                   DavReportTextFlags  flags)
{
  if (flags & DAV_REPORT_TEXT_ESCAPE_EXPLANATIONS)
    return dav_text_escape (explanation != NULL ? explanation : "", -1);

  return g_strdup (explanation);
}

static void
append_description (GString    *out,
                    const char *pad,
                    const char *description)
{
  g_autofree char *shown = NULL;

  if (description == NULL)
    return;

  shown = dav_text_escape (description, -1);
  g_string_append_printf (out, "%s%s %s\n", pad, _("Description:"), shown);
}

void
dav_report_append_conditions_text (GString   *out,
                                   guint      indent,
                                   GPtrArray *conditions)
{
  g_autofree char *pad = g_strnfill (indent, ' ');

  g_return_if_fail (out != NULL);
  g_return_if_fail (conditions != NULL);

  for (guint i = 0; i < conditions->len; i++)
    {
      const DavCondition *condition = g_ptr_array_index (conditions, i);
      g_autofree char *name = dav_condition_dup_clark_name (condition);
      g_autofree char *shown = dav_text_escape (name, -1);
      DavConditionInfo info;

      g_string_append_printf (out, "%s%s %s\n", pad, _("Condition:"), shown);
      if (dav_condition_lookup (condition->namespace_uri, condition->name, &info))
        {
          g_string_append_printf (out, "%s  %s\n", pad, info.explanation);
          g_string_append_printf (out, "%s  %s %s\n", pad, _("Try:"), info.advice);
          g_string_append_printf (out, "%s  %s %s\n", pad, _("See:"), info.reference);
        }
      if (condition->content != NULL)
        {
          g_autofree char *content = dav_text_escape (condition->content, -1);

          g_string_append_printf (out, "%s%s\n", pad, content);
        }
    }
}

void
dav_report_append_problems_text (GString            *out,
                                 guint               indent,
                                 GPtrArray          *problems,
                                 DavReportPaintFunc  paint,
                                 gpointer            paint_data)
{
  g_autofree char *pad = g_strnfill (indent, ' ');

  g_return_if_fail (out != NULL);
  g_return_if_fail (problems != NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const DavProblem *problem = g_ptr_array_index (problems, i);
      DavSeverity severity = dav_problem_kind_severity (problem->kind);
      g_autofree char *label = g_strdup_printf ("%s %s:", dav_severity_to_mark (severity),
                                                dav_problem_kind_to_string (problem->kind));
      g_autofree char *painted = paint_text (paint, paint_data, severity, label);

      /* Messages already carry escaped server text. */
      if (problem->line > 0)
        {
          /* the position of a problem in the body */
          g_autofree char *where = g_strdup_printf (_("(line %u)"), problem->line);

          g_string_append_printf (out, "%s%s %s %s\n", pad, painted, problem->message, where);
        }
      else
        g_string_append_printf (out, "%s%s %s\n", pad, painted, problem->message);
    }
}

/* "✔ 204 No Content", coloured as it went. */
static char *
status_label (DavReportPaintFunc  paint,
              gpointer            paint_data,
              gboolean            ok,
              const char         *text)
{
  return paint_text (paint, paint_data, ok ? DAV_SEVERITY_OK : DAV_SEVERITY_ERROR, text);
}

static void
append_members (const DavReportItem *item,
                GString             *out,
                DavReportTextFlags   flags,
                DavReportPaintFunc   paint,
                gpointer             paint_data)
{
  for (guint i = 0; i < item->members->len; i++)
    {
      const DavReportMember *member = g_ptr_array_index (item->members, i);
      g_autofree char *href = shown_url (member->href ? member->href : _("(no href)"), flags);
      g_autofree char *explanation = shown_explanation (member->explanation, flags);
      g_autofree char *label = NULL;
      g_autofree char *painted = NULL;
      DavStatusInfo info;

      dav_status_lookup_for_method (member->status, item->method, &info);
      label = g_strdup_printf ("%s %u %s", member->ok ? "✔" : "✘", member->status,
                               member->status ? info.reason : _("no status"));
      painted = status_label (paint, paint_data, member->ok, label);
      g_string_append_printf (out, "      %s  %s\n          %s\n", painted, href, explanation);
      append_description (out, "          ", member->description);
      dav_report_append_conditions_text (out, 10, member->conditions);
    }
}

static void
append_properties (const DavReportItem *item,
                   GString             *out,
                   DavReportTextFlags   flags,
                   DavReportPaintFunc   paint,
                   gpointer             paint_data)
{
  for (guint i = 0; i < item->properties->len; i++)
    {
      const DavReportProperty *property = g_ptr_array_index (item->properties, i);
      g_autofree char *name = g_strdup_printf ("{%s}%s", property->namespace_uri, property->name);
      g_autofree char *shown = dav_text_escape (name, -1);
      g_autofree char *explanation = shown_explanation (property->explanation, flags);
      /* Status 0: the answer did not mention it. */
      g_autofree char *label = property->status != 0
        ? g_strdup_printf ("%s %u", property->ok ? "✔" : "✘", property->status)
        : g_strdup_printf ("✘ %s", _("no answer"));
      g_autofree char *painted = status_label (paint, paint_data, property->ok, label);

      g_string_append_printf (out, "      %s  %s\n          %s\n", painted, shown, explanation);
      append_description (out, "          ", property->description);
    }
}

void
dav_report_item_append_text (const DavReportItem *item,
                             GString             *out,
                             gboolean             refused,
                             DavReportTextFlags   flags,
                             DavReportPaintFunc   paint,
                             gpointer             paint_data)
{
  g_autofree char *url = NULL;
  g_autofree char *explanation = NULL;

  g_return_if_fail (item != NULL);
  g_return_if_fail (out != NULL);

  url = shown_url (item->url, flags);
  explanation = shown_explanation (item->explanation, flags);

  if (refused || item->outcome == DAV_OUTCOME_UNKNOWN || item->outcome == DAV_OUTCOME_NOT_ATTEMPTED)
    {
      const char *label = refused ? _("- refused")
                        : item->outcome == DAV_OUTCOME_UNKNOWN ? _("? no answer")
                        : _("- not attempted");
      g_autofree char *painted = paint_text (paint, paint_data, DAV_SEVERITY_WARNING, label);

      g_string_append_printf (out, "%s  %s\n      %s\n", painted, url, explanation);
      return;
    }

  {
    DavStatusInfo info;
    g_autofree char *label = NULL;
    g_autofree char *painted = NULL;

    dav_status_lookup_for_method (item->status, item->method, &info);
    /* ✔ only for what the server confirmed. */
    label = g_strdup_printf ("%s %u %s", item->ok ? "✔" : "✘", item->status, info.reason);
    painted = status_label (paint, paint_data, item->ok, label);
    g_string_append_printf (out, "%s  %s\n", painted, url);
    /* Done says no more, unless the answer contradicts the request. */
    if (!item->ok || item->problems->len > 0)
      g_string_append_printf (out, "      %s\n", explanation);
  }

  append_description (out, "      ", item->description);
  dav_report_append_conditions_text (out, 6, item->conditions);
  if (flags & DAV_REPORT_TEXT_PROBLEMS)
    dav_report_append_problems_text (out, 6, item->problems, paint, paint_data);
  append_members (item, out, flags, paint, paint_data);
  append_properties (item, out, flags, paint, paint_data);
}

char *
dav_report_to_text (DavReport          *self,
                    DavReportTextFlags  flags)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    dav_report_item_append_text (g_ptr_array_index (self->items, i), out, FALSE, flags, NULL, NULL);

  return g_string_free (out, FALSE);
}
