/* dav-problem.c: one oddity found in a server's answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-problem.h"

G_DEFINE_BOXED_TYPE (DavProblem, dav_problem, dav_problem_copy, dav_problem_free)

static const struct {
  const char *id;
  DavSeverity severity;
  gboolean    fatal;
} kinds[] = {
  [DAV_PROBLEM_NOT_WELL_FORMED]          = { "not-well-formed",          DAV_SEVERITY_ERROR,   TRUE },
  [DAV_PROBLEM_TRUNCATED]                = { "truncated",                DAV_SEVERITY_ERROR,   TRUE },
  [DAV_PROBLEM_EMPTY_BODY]               = { "empty-body",               DAV_SEVERITY_ERROR,   TRUE },
  [DAV_PROBLEM_NOT_MULTISTATUS]          = { "not-multistatus",          DAV_SEVERITY_ERROR,   TRUE },
  [DAV_PROBLEM_FORBIDDEN_DTD]            = { "forbidden-dtd",            DAV_SEVERITY_ERROR,   TRUE },
  [DAV_PROBLEM_LIMIT]                    = { "limit",                    DAV_SEVERITY_ERROR,   TRUE },
  [DAV_PROBLEM_VALUE_TRUNCATED]          = { "value-truncated",          DAV_SEVERITY_WARNING, TRUE },
  [DAV_PROBLEM_NAMESPACE]                = { "namespace",                DAV_SEVERITY_ERROR,   TRUE },
  [DAV_PROBLEM_MISSING_HREF]             = { "missing-href",             DAV_SEVERITY_ERROR,   TRUE },
  [DAV_PROBLEM_EMPTY_HREF]               = { "empty-href",               DAV_SEVERITY_ERROR,   TRUE },
  [DAV_PROBLEM_INVALID_HREF]             = { "invalid-href",             DAV_SEVERITY_ERROR,   TRUE },
  [DAV_PROBLEM_OTHER_ORIGIN]             = { "other-origin",             DAV_SEVERITY_WARNING, FALSE },
  [DAV_PROBLEM_OUTSIDE_COLLECTION]       = { "outside-collection",       DAV_SEVERITY_WARNING, FALSE },
  [DAV_PROBLEM_DUPLICATE_HREF]           = { "duplicate-href",           DAV_SEVERITY_WARNING, FALSE },
  [DAV_PROBLEM_MISSING_STATUS]           = { "missing-status",           DAV_SEVERITY_ERROR,   TRUE },
  [DAV_PROBLEM_BAD_STATUS_LINE]          = { "bad-status-line",          DAV_SEVERITY_ERROR,   TRUE },
  [DAV_PROBLEM_LENIENT_STATUS_LINE]      = { "lenient-status-line",      DAV_SEVERITY_INFO,    FALSE },
  [DAV_PROBLEM_INTERIM_STATUS]           = { "interim-status",           DAV_SEVERITY_WARNING, FALSE },
  [DAV_PROBLEM_UNKNOWN_STATUS]           = { "unknown-status",           DAV_SEVERITY_WARNING, FALSE },
  [DAV_PROBLEM_STATUS_AND_PROPSTAT]      = { "status-and-propstat",      DAV_SEVERITY_WARNING, FALSE },
  [DAV_PROBLEM_HREFS_WITH_PROPSTAT]      = { "hrefs-with-propstat",      DAV_SEVERITY_WARNING, FALSE },
  [DAV_PROBLEM_DUPLICATE_ELEMENT]        = { "duplicate-element",        DAV_SEVERITY_WARNING, FALSE },
  [DAV_PROBLEM_DUPLICATE_PROPERTY]       = { "duplicate-property",       DAV_SEVERITY_INFO,    FALSE },
  [DAV_PROBLEM_UNEXPECTED_ELEMENT]       = { "unexpected-element",       DAV_SEVERITY_INFO,    FALSE },
  [DAV_PROBLEM_UNEXPECTED_TEXT]          = { "unexpected-text",          DAV_SEVERITY_INFO,    FALSE },
  [DAV_PROBLEM_VALUE_IN_FAILED_PROPSTAT] = { "value-in-failed-propstat", DAV_SEVERITY_INFO,    FALSE },
  [DAV_PROBLEM_EMPTY_PROPSTAT]           = { "empty-propstat",           DAV_SEVERITY_INFO,    FALSE },
  [DAV_PROBLEM_ENCODING]                 = { "encoding",                 DAV_SEVERITY_ERROR,   TRUE },
  [DAV_PROBLEM_UNANSWERED_PROPERTY]      = { "unanswered-property",      DAV_SEVERITY_ERROR,   FALSE },
  [DAV_PROBLEM_UNASKED_PROPERTY]         = { "unasked-property",         DAV_SEVERITY_ERROR,   FALSE },
  [DAV_PROBLEM_PROTECTED_CHANGED]        = { "protected-property-changed", DAV_SEVERITY_ERROR, FALSE },
  [DAV_PROBLEM_CONTRADICTS_REQUEST]      = { "contradicts-request",      DAV_SEVERITY_WARNING, FALSE },
  [DAV_PROBLEM_ALLPROP_INCOMPLETE]       = { "allprop-incomplete",       DAV_SEVERITY_WARNING, FALSE },
};

DavProblem *
dav_problem_new (DavProblemKind  kind,
                 guint           line,
                 guint           column,
                 const char     *format,
                 ...)
{
  DavProblem *problem;
  va_list args;

  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), NULL);
  g_return_val_if_fail (format != NULL, NULL);

  problem = g_new0 (DavProblem, 1);
  problem->kind = kind;
  problem->line = line;
  problem->column = column;

  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  return problem;
}

DavProblem *
dav_problem_copy (const DavProblem *problem)
{
  DavProblem *copy;

  g_return_val_if_fail (problem != NULL, NULL);

  copy = g_memdup2 (problem, sizeof *problem);
  copy->message = g_strdup (problem->message);

  return copy;
}

void
dav_problem_free (DavProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->message);
  g_free (problem);
}

const char *
dav_problem_kind_to_string (DavProblemKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), "unknown");

  return kinds[kind].id;
}

DavSeverity
dav_problem_kind_severity (DavProblemKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), DAV_SEVERITY_ERROR);

  return kinds[kind].severity;
}

gboolean
dav_problem_kind_is_fatal (DavProblemKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), TRUE);

  return kinds[kind].fatal;
}
