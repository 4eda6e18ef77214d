/* dav-xml-encoding.c: which encoding an XML document is in, and whether two names of one agree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parser compares what the HTTP header says (the charset of the
 * Content-Type) with what the document says of itself: when they differ,
 * one of them is wrong (docs/hostile-servers.md case 15).
 */

#include "dav-xml-encoding.h"

#include <string.h>

char *
dav_xml_sniff_encoding (const guint8 *data,
                        gsize         length)
{
  const char *text = (const char *) data;
  const char *end = text + length;
  const char *p;
  const char *close;

  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    return g_strdup ("UTF-8");
  if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    return g_strdup ("UTF-16LE");
  if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    return g_strdup ("UTF-16BE");
  if (length >= 4 && memcmp (data, "<\0?\0", 4) == 0)
    return g_strdup ("UTF-16LE");
  if (length >= 4 && memcmp (data, "\0<\0?", 4) == 0)
    return g_strdup ("UTF-16BE");

  if (length < 6 || memcmp (data, "<?xml", 5) != 0 || !g_ascii_isspace (text[5]))
    return g_strdup ("UTF-8");
  close = g_strstr_len (text, length, "?>");
  if (close != NULL)
    end = close;
  p = g_strstr_len (text, end - text, "encoding");
  if (p == NULL)
    return g_strdup ("UTF-8");

  for (p += strlen ("encoding"); p < end && g_ascii_isspace (*p); p++)
    ;
  if (p >= end || *p != '=')
    return g_strdup ("UTF-8");
  for (p++; p < end && g_ascii_isspace (*p); p++)
    ;
  if (p < end && (*p == '"' || *p == '\''))
    {
      const char *quote = memchr (p + 1, *p, end - p - 1);

      if (quote != NULL)
        return g_strndup (p + 1, quote - p - 1);
    }

  return g_strdup ("UTF-8");
}

char *
dav_charset_canonical (const char *name)
{
  static const char * const latin1[] = { "LATIN1", "L1", "ISO88591", "ISO885911987", "CP819", "IBM819", "ISOIR100" };
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_toupper (*p));

  for (guint i = 0; i < G_N_ELEMENTS (latin1); i++)
    if (g_str_equal (out->str, latin1[i]))
      g_string_assign (out, "ISO88591");

  return g_string_free (out, FALSE);
}
