/* dav-status-line.c: lenient parsing of the text of a <DAV:status> element
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-status-line.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dav-text.h"

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Reads "HTTP/1.1", "HTTP/2", "HTTP 1.1", "http/1.0": returns the end of
 * the version, or NULL when @p does not start with one. @strict says
 * whether it had the exact form HTTP/DIGIT.DIGIT. */
static const char *
read_version (const char *p,
              gboolean   *strict)
{
  const char *q;

  *strict = FALSE;
  if (g_ascii_strncasecmp (p, "HTTP", 4) != 0)
    return NULL;

  q = p + 4;
  if (*q == '/' || *q == ' ')
    q++;
  else if (!g_ascii_isdigit (*q))
    return NULL;

  if (!g_ascii_isdigit (*q))
    return NULL;
  while (g_ascii_isdigit (*q) || *q == '.')
    q++;

  *strict = strncmp (p, "HTTP/", 5) == 0 &&
            q - p == 8 &&
            g_ascii_isdigit (p[5]) && p[6] == '.' && g_ascii_isdigit (p[7]);

  return q;
}

/* Whether dav_status_lookup() knows @code, without the translated texts
 * it would look up for it. */
static gboolean
is_known_code (guint code)
{
  static guint8 known[1000];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      gsize n_codes;
      const guint *codes = dav_status_known_codes (&n_codes);

      for (gsize i = 0; i < n_codes; i++)
        if (codes[i] < G_N_ELEMENTS (known))
          known[codes[i]] = 1;

      g_once_init_leave (&initialized, 1);
    }

  return code < G_N_ELEMENTS (known) && known[code];
}

/* The text for messages, escaped. */
static const char *
shown_text (const char *trimmed,
            char      **shown)
{
  if (*shown == NULL)
    *shown = dav_text_escape (trimmed, -1);

  return *shown;
}

gboolean
dav_status_line_parse (const char    *text,
                       DavStatusLine *out,
                       GPtrArray     *problems,
                       guint          line,
                       guint          column)
{
  static const char common[] = "HTTP/1.1 200 OK";
  g_autofree char *copy = NULL;
  g_autofree char *shown = NULL;
  const char *trimmed;
  const char *p;
  const char *version_end;
  gboolean strict = FALSE;
  gsize length;
  guint code;

  if (out != NULL)
    memset (out, 0, sizeof *out);

  /* Trimmed in place when nothing follows the text's end. */
  trimmed = text ? text : "";
  while (is_space (*trimmed))
    trimmed++;
  length = strlen (trimmed);
  while (length > 0 && is_space (trimmed[length - 1]))
    length--;
  if (trimmed[length] != '\0')
    trimmed = copy = g_strndup (trimmed, length);

  /* Nearly every status is this one: well-formed, known, final. */
  if (length == sizeof common - 1 && memcmp (trimmed, common, length) == 0)
    {
      if (out != NULL)
        {
          out->code = 200;
          out->reason = g_strdup ("OK");
          out->version = g_strdup ("HTTP/1.1");
        }
      return TRUE;
    }

  p = trimmed;

  version_end = read_version (p, &strict);
  if (version_end != NULL)
    {
      if (out != NULL)
        out->version = g_strndup (p, version_end - p);
      p = version_end;
      if (*p != ' ')
        strict = FALSE;
      while (is_space (*p))
        p++;
      if (p - version_end > 1)
        strict = FALSE;
    }

  if (!(g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])) ||
      (p[3] != '\0' && !is_space (p[3])) ||
      p[0] == '0')
    {
      if (problems != NULL)
        g_ptr_array_add (problems,
                         dav_problem_new (DAV_PROBLEM_BAD_STATUS_LINE, line, column,
                                          _("The status “%s” holds no HTTP status code, so the outcome of this item is unknown."),
                                          shown_text (trimmed, &shown)));
      if (out != NULL)
        g_clear_pointer (&out->version, g_free);
      return FALSE;
    }

  code = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
  p += 3;

  /* RFC 9110 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ];
   * the space before an empty reason may be lost to trimming, so only an
   * absent version or a malformed one is lenient. */
  if (*p == ' ')
    p++;
  else if (*p != '\0')
    {
      strict = FALSE;
      while (is_space (*p))
        p++;
    }

  if (out != NULL)
    {
      out->code = code;
      out->reason = g_strdup (p);
    }

  if (problems == NULL)
    return TRUE;

  if (version_end == NULL || !strict)
    g_ptr_array_add (problems,
                     dav_problem_new (DAV_PROBLEM_LENIENT_STATUS_LINE, line, column,
                                      _("The status “%s” is not in the form “HTTP/1.1 200 OK”; it was read as %u."),
                                      shown_text (trimmed, &shown), code));

  if (code < 200)
    g_ptr_array_add (problems,
                     dav_problem_new (DAV_PROBLEM_INTERIM_STATUS, line, column,
                                      _("The server recorded the interim status %u for this item. A 1xx code is never a final answer and must not appear in a Multi-Status body (RFC 4918 §13), so the real outcome is unknown."),
                                      code));

  if (!is_known_code (code))
    g_ptr_array_add (problems,
                     dav_problem_new (DAV_PROBLEM_UNKNOWN_STATUS, line, column,
                                      _("The code %u is not a registered HTTP status code; it is treated like %u, the first code of its class (RFC 9110 §15)."),
                                      code, (code / 100) * 100));

  return TRUE;
}

void
dav_status_line_clear (DavStatusLine *status_line)
{
  if (status_line == NULL)
    return;

  g_clear_pointer (&status_line->reason, g_free);
  g_clear_pointer (&status_line->version, g_free);
  status_line->code = 0;
}
