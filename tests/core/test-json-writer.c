/* test-json-writer.c: the JSON writer's strings and layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer copies strings that need no escape eight bytes at a time
 * (issue 16): every character that needs one is put at every offset of
 * strings of every short length and compared with a plain byte-by-byte
 * escaper, so that a word boundary can hide nothing.
 */

#include <string.h>

#include "dav-json-writer.h"

/* What docs/cli-json.md asks of a string, one byte at a time. */
static char *
reference_escape (const char *text)
{
  GString *out = g_string_new ("\"");
  const char *end = text + strlen (text);
  const char *p = text;

  while (p < end)
    {
      guchar c = (guchar) *p;

      if (c >= 0x80)
        {
          gunichar u = g_utf8_get_char_validated (p, end - p);

          if (u == (gunichar) -1 || u == (gunichar) -2)
            {
              g_string_append (out, "\\ufffd");
              p++;
              continue;
            }
          if (u == 0x2028 || u == 0x2029)
            g_string_append_printf (out, "\\u%04x", u);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          p = g_utf8_next_char (p);
          continue;
        }

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7F)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
      p++;
    }
  g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}

static void
check_string (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *expected = reference_escape (text);

  dav_json_append_string (out, text);
  g_assert_cmpstr (out->str, ==, expected);
  g_assert_cmpuint (out->len, ==, strlen (expected));
}

static void
test_strings_every_offset (void)
{
  /* Each needs an escape, or is a multi-byte character kept as it is. */
  static const char * const specials[] = {
    "\"", "\\", "\n", "\r", "\t", "\x01", "\x1f", "\x7f",
    "\xc3\xa9",              /* é, kept */
    "\xe5\x86\x99",          /* 写, kept */
    "\xf0\x9f\x98\x80",      /* U+1F600, kept */
    "\xe2\x80\xa8",          /* U+2028, escaped */
    "\xe2\x80\xa9",          /* U+2029, escaped */
    "\xff",                  /* never UTF-8 */
    "\xc0\xaf",              /* overlong "/" */
    "\xed\xa0\x80",          /* a surrogate */
    "\xe2\x80",              /* cut off (at the end of the string, too) */
    "\x80",                  /* a lone continuation byte */
    "\xc2\x80", "\xdf\xbf",  /* the ends of the two-byte range */
    "\xe0\xa0\x80",          /* U+0800 */
    "\xe0\x9f\xbf",          /* overlong U+07FF */
    "\xed\x9f\xbf",          /* U+D7FF, below the surrogates */
    "\xee\x80\x80",          /* U+E000 */
    "\xe2\x80\xa7",          /* U+2027, kept */
    "\xef\xb7\x90",          /* U+FDD0, a non-character */
    "\xef\xbf\xbe",          /* U+FFFE */
    "\xc3\xa9\xe5\x86\x99\xc3", /* é写 and a cut-off one */
    " ", "~", "}",           /* plain: 0x20, 0x7E and a byte near DEL */
  };

  for (gsize s = 0; s < G_N_ELEMENTS (specials); s++)
    for (gsize length = 0; length <= 24; length++)
      for (gsize offset = 0; offset <= length; offset++)
        {
          g_autoptr(GString) text = g_string_new (NULL);

          for (gsize i = 0; i < offset; i++)
            g_string_append_c (text, (char) ('a' + i % 26));
          g_string_append (text, specials[s]);
          for (gsize i = offset; i < length; i++)
            g_string_append_c (text, (char) ('A' + i % 26));
          check_string (text->str);
        }
}

static void
test_strings_plain (void)
{
  check_string ("");
  check_string ("a");
  check_string ("1234567");
  check_string ("12345678");
  check_string ("123456789");
  check_string ("/dav/flat-100000/file%20000001%20%E2%80%93%20Gr%C3%BC%C3%9Fe.txt");
  check_string ("The request worked for this item. For a property, its value was read or changed as asked.");
  /* Two specials in one word, and one in each of two words. */
  check_string ("ab\"cd\\ef");
  check_string ("abcdefg\"hijklmn\n");
}

/* The layout docs/cli-json.md shows: two spaces per level, "name": value,
 * commas at the ends of lines; deeper than the writer's run of spaces. */
static void
test_layout (void)
{
  DavJsonWriter *json = dav_json_writer_new (TRUE);
  g_autofree char *text = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  const guint deep = 40;

  dav_json_writer_begin_object (json);
  dav_json_writer_add_string (json, "url", "http://h/dav/");
  dav_json_writer_add_boolean (json, "complete", TRUE);
  dav_json_writer_add_status (json, "status", 0);
  dav_json_writer_add_int (json, "n", -42);
  dav_json_writer_member (json, "deep");
  for (guint i = 0; i < deep; i++)
    dav_json_writer_begin_array (json);
  dav_json_writer_string (json, NULL);
  for (guint i = 0; i < deep; i++)
    dav_json_writer_end_array (json);
  dav_json_writer_member (json, "empty");
  dav_json_writer_begin_array (json);
  dav_json_writer_end_array (json);
  dav_json_writer_end_object (json);
  text = dav_json_writer_free_to_string (json);

  g_string_append (expected, "{\n  \"url\": \"http://h/dav/\",\n  \"complete\": true,\n"
                             "  \"status\": null,\n  \"n\": -42,\n  \"deep\": ");
  for (guint i = 0; i < deep; i++)
    {
      g_string_append_c (expected, '[');
      g_string_append_c (expected, '\n');
      for (guint j = 0; j < (i + 2) * 2; j++)
        g_string_append_c (expected, ' ');
    }
  g_string_append (expected, "null");
  for (guint i = deep; i > 0; i--)
    {
      g_string_append_c (expected, '\n');
      for (guint j = 0; j < i * 2; j++)
        g_string_append_c (expected, ' ');
      g_string_append_c (expected, ']');
    }
  g_string_append (expected, ",\n  \"empty\": []\n}\n");

  g_assert_cmpstr (text, ==, expected->str);
}

/* The members of one item, written either directly or, where @piece has
 * them, copied from it. */
static void
write_item (DavJsonWriter *json,
            DavJsonPiece  *piece,
            const char    *name,
            gboolean       keep)
{
  dav_json_writer_begin_object (json);
  dav_json_writer_add_string (json, "name", name);
  if (piece == NULL || !dav_json_writer_piece_write (json, piece))
    {
      if (keep)
        dav_json_writer_piece_begin (json, piece);
      dav_json_writer_add_boolean (json, "known", TRUE);
      dav_json_writer_member (json, "list");
      dav_json_writer_begin_array (json);
      dav_json_writer_int (json, 1);
      dav_json_writer_end_array (json);
      if (keep)
        dav_json_writer_piece_end (json, piece);
    }
  dav_json_writer_add_status (json, "status", 200);
  dav_json_writer_end_object (json);
}

/* A copied piece writes what writing the values again would, commas and
 * indentation included, and is refused where it would not fit. */
static void
test_pieces (void)
{
  for (guint pretty = 0; pretty < 2; pretty++)
    {
      g_autoptr(DavJsonWriter) direct = dav_json_writer_new (pretty);
      g_autoptr(DavJsonWriter) copied = dav_json_writer_new (pretty);
      DavJsonPiece piece = { 0 };
      DavJsonPiece first = { 0 };

      for (DavJsonWriter *json = direct; json != NULL; json = json == direct ? copied : NULL)
        {
          DavJsonPiece *kept = json == copied ? &piece : NULL;

          dav_json_writer_begin_object (json);
          dav_json_writer_member (json, "items");
          dav_json_writer_begin_array (json);
          for (guint i = 0; i < 5; i++)
            write_item (json, kept, i % 2 ? "b\"" : "a", kept != NULL && i == 0);
          dav_json_writer_end_array (json);
          dav_json_writer_end_object (json);
        }
      g_assert_cmpstr (dav_json_writer_get_buffer (copied)->str, ==,
                       dav_json_writer_get_buffer (direct)->str);

      /* Kept as the first value of an object: refused after another
       * value, after a member name and at another level. */
      dav_json_writer_begin_object (copied);
      dav_json_writer_member (copied, "a");
      dav_json_writer_begin_object (copied);
      dav_json_writer_piece_begin (copied, &first);
      dav_json_writer_add_int (copied, "n", 1);
      dav_json_writer_piece_end (copied, &first);
      g_assert_false (dav_json_writer_piece_write (copied, &first));
      dav_json_writer_end_object (copied);
      dav_json_writer_member (copied, "b");
      g_assert_false (dav_json_writer_piece_write (copied, &first));
      dav_json_writer_begin_object (copied);
      g_assert_true (dav_json_writer_piece_write (copied, &first));
      dav_json_writer_member (copied, "deeper");
      dav_json_writer_begin_object (copied);
      g_assert_false (dav_json_writer_piece_write (copied, &first));
      dav_json_writer_end_object (copied);
      dav_json_writer_end_object (copied);
      dav_json_writer_end_object (copied);
      g_assert_true (g_str_has_suffix (dav_json_writer_get_buffer (copied)->str,
                                       pretty ? "{\n  \"a\": {\n    \"n\": 1\n  },\n  \"b\": {\n    \"n\": 1,\n    \"deeper\": {}\n  }\n}\n"
                                              : "{\"a\":{\"n\":1},\"b\":{\"n\":1,\"deeper\":{}}}"));

      /* A piece that does not close what it opens is not kept. */
      dav_json_writer_begin_array (copied);
      dav_json_writer_piece_begin (copied, &first);
      dav_json_writer_begin_array (copied);
      dav_json_writer_piece_end (copied, &first);
      g_assert_false (dav_json_writer_piece_write (copied, &first));

      dav_json_piece_clear (&piece);
      dav_json_piece_clear (&first);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json/strings/every-offset", test_strings_every_offset);
  g_test_add_func ("/json/strings/plain", test_strings_plain);
  g_test_add_func ("/json/layout", test_layout);
  g_test_add_func ("/json/pieces", test_pieces);

  return g_test_run ();
}
