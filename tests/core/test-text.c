/* test-text.c: finding a name as it is typed (dav_text_fold,
 * dav_text_name_matches), as the browser's Find filters a folder; and
 * dav_text_escape, whose text that needs no escape is copied whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-text.h"

/* name, query, whether the name is found */
static const struct {
  const char *name;
  const char *query;
  gboolean    found;
} cases[] = {
  { "Report-2024.PDF", "report", TRUE },
  { "Report-2024.PDF", "T-20", TRUE },
  { "Report-2024.PDF", ".pdf", TRUE },
  { "Report-2024.PDF", "reports", FALSE },
  { "abc", "abcd", FALSE },
  { "aab", "ab", TRUE },
  { "aab", "ac", FALSE },
  { "ÉTÉ.txt", "été", TRUE },
  { "Straße.odt", "STRASSE", TRUE },
  { "STRASSE.odt", "straße", TRUE },
  /* "é" composed (NFC) and as e + U+0301 (NFD, as macOS names files). */
  { "Caf\xc3\xa9.txt", "cafe", TRUE },
  { "Cafe\xcc\x81.txt", "caf\xc3\xa9", TRUE },
  { "Cafe.txt", "CAF\xc3\x89", TRUE },
  { "Ångström", "angstrom", TRUE },
  { "日本語のファイル", "ファイル", TRUE },
  { "Café.txt", "cafa", FALSE },
  { "plain.txt", "ü", FALSE },
  /* Invalid UTF-8 from a server: found by its valid part, never a crash. */
  { "bad\xff" "name", "name", TRUE },
  { "bad\xff" "name", "zzz", FALSE },
  { "", "a", FALSE },
};

static void
test_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = dav_text_fold (cases[i].query);

      g_test_message ("%s in %s", cases[i].query, cases[i].name);
      g_assert_cmpint (dav_text_name_matches (cases[i].name, folded), ==, cases[i].found);
    }
}

static void
test_empty (void)
{
  g_autofree char *folded = dav_text_fold ("");

  g_assert_cmpstr (folded, ==, "");
  g_assert_true (dav_text_name_matches ("anything", folded));
  g_assert_true (dav_text_name_matches ("", folded));
}

/* Text as sent, and as shown: escapes after a stretch that needs none
 * (copied whole) must come out as those of the character-by-character
 * path. */
static const struct {
  const char *text;
  gssize      length;
  const char *shown;
} escapes[] = {
  { "", -1, "" },
  { "file 000001 – Grüße.txt", -1, "file 000001 – Grüße.txt" },
  { "写真 000003.jpg", -1, "写真 000003.jpg" },
  { "Grüße\x1b[31m", -1, "Grüße\\x1b[31m" },
  { "tab\there", -1, "tab\\x09here" },
  { "del\x7f", -1, "del\\x7f" },
  { "c1 \xc2\x85 next", -1, "c1 \\u{0085} next" },
  { "Denied \u202Egnp.exe", -1, "Denied \\u{202E}gnp.exe" },
  { "bad \xff byte", -1, "bad \\xff byte" },
  { "cut \xe2\x80", -1, "cut \\xe2\\x80" },
  { "Sabre\\DAV\\Exception", -1, "Sabre\\DAV\\Exception" },
  { "a\\x", -1, "a\\\\x" },
  { "ends\\", -1, "ends\\\\" },
  { "nul\0after", 9, "nul\\x00after" },
  { "only the first five", 5, "only " },
};

static void
test_escape (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (escapes); i++)
    {
      g_autofree char *shown = dav_text_escape (escapes[i].text, escapes[i].length);

      g_assert_cmpstr (shown, ==, escapes[i].shown);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/find/cases", test_cases);
  g_test_add_func ("/text/find/empty", test_empty);
  g_test_add_func ("/text/escape", test_escape);

  return g_test_run ();
}
