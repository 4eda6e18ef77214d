/* dav-text.c: making server text safe to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-text.h"

#include <string.h>

/* Bidi embeddings, overrides and isolates, zero-width and other format
 * characters that can make a name look like another one. */
gboolean
dav_text_is_format_char (gunichar c)
{
  return (c >= 0x200B && c <= 0x200F) ||
         (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2069) ||
         c == 0x00AD || c == 0x061C || c == 0xFEFF;
}

/* Whether dav_text_escape() writes the character at @p as an escape. */
static gboolean
is_escaped_at (const char *p,
               const char *end)
{
  guchar b = (guchar) *p;
  gunichar c;

  if (b < 0x80)
    return b < 0x20 || b == 0x7F;

  c = g_utf8_get_char_validated (p, end - p);
  return c == (gunichar) -1 || c == (gunichar) -2 ||
         (c >= 0x80 && c < 0xA0) || dav_text_is_format_char (c);
}

char *
dav_text_escape (const char *text,
                 gssize      length)
{
  GString *out;
  const char *p;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);

  /* Most text (every name of a listing) needs no escape: it is copied
   * whole. A backslash takes the long way, which decides whether to
   * double it. */
  p = text;
  end = text + length;
  while (p < end)
    {
      guchar b = (guchar) *p;

      if (b >= 0x20 && b < 0x7F && b != '\\')
        p++;
      else if (b < 0x80 || is_escaped_at (p, end))
        break;
      else
        p = g_utf8_next_char (p);
    }
  if (p >= end)
    return g_strndup (text, length);

  out = g_string_sized_new (length + 8);
  g_string_append_len (out, text, p - text);

  while (p < end)
    {
      guchar b = (guchar) *p;
      gunichar c;

      if (b < 0x80)
        {
          if (b < 0x20 || b == 0x7F)
            g_string_append_printf (out, "\\x%02x", b);
          else if (b == '\\')
            {
              /* "Sabre\DAV\Exception" shows as sent. A run of backslashes
               * is doubled only where it could be read as the start of
               * an escape: before "x", "u", an escaped character, or the
               * end of the text (which may be followed by anything). */
              const char *run_end = p;
              gboolean doubled;

              while (run_end < end && *run_end == '\\')
                run_end++;
              doubled = run_end == end || *run_end == 'x' || *run_end == 'u' ||
                        is_escaped_at (run_end, end);
              for (; p < run_end; p++)
                g_string_append (out, doubled ? "\\\\" : "\\");
              continue;
            }
          else
            g_string_append_c (out, (char) b);
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", b);
          p++;
          continue;
        }

      if ((c >= 0x80 && c < 0xA0) || dav_text_is_format_char (c))
        g_string_append_printf (out, "\\u{%04X}", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);

      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

static inline gboolean
is_xml_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

char *
dav_text_strip (char *text)
{
  char *start;
  gsize len;

  if (text == NULL)
    return NULL;

  start = text;
  while (is_xml_space (*start))
    start++;

  len = strlen (start);
  while (len > 0 && is_xml_space (start[len - 1]))
    len--;

  memmove (text, start, len);
  text[len] = '\0';

  return text;
}

gboolean
dav_text_is_blank (const char *text,
                   gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!is_xml_space (text[i]))
      return FALSE;

  return TRUE;
}

char *
dav_text_squeeze (const char *text)
{
  GString *out;
  gboolean in_space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (is_xml_space (*p))
        {
          in_space = TRUE;
          continue;
        }
      /* Layout between two tags is no text at all. */
      if (in_space && out->len > 0 && !(out->str[out->len - 1] == '>' && *p == '<'))
        g_string_append_c (out, ' ');
      in_space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* ---- finding names ------------------------------------------------------ */

char *
dav_text_fold (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) bare = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  decomposed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFD);
  bare = g_string_sized_new (strlen (decomposed));
  /* Accents are marks after their letter in NFD: searching ignores them,
   * as GNOME Files' search does. */
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, bare->len);
}

static gboolean
is_ascii (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p >= 0x80)
      return FALSE;
  return TRUE;
}

/* @folded is ASCII and lower case (dav_text_fold of ASCII text). */
static gboolean
ascii_contains (const char *name,
                const char *folded)
{
  gsize n = strlen (folded);

  for (const char *start = name; *start != '\0'; start++)
    {
      gsize i = 0;

      while (i < n && start[i] != '\0' && g_ascii_tolower (start[i]) == folded[i])
        i++;
      if (i == n)
        return TRUE;
      if (start[i] == '\0')
        return FALSE;
    }
  return FALSE;
}

gboolean
dav_text_name_matches (const char *name,
                       const char *folded)
{
  g_autofree char *folded_name = NULL;

  g_return_val_if_fail (name != NULL && folded != NULL, FALSE);

  if (*folded == '\0')
    return TRUE;

  if (is_ascii (name))
    /* Folding ASCII only lowers it; a query left with other letters
     * after folding cannot be in it. */
    return is_ascii (folded) && ascii_contains (name, folded);

  folded_name = dav_text_fold (name);
  return strstr (folded_name, folded) != NULL;
}
