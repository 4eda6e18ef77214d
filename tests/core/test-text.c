/* test-text.c: finding a name as it is typed (dav_text_fold,
 * dav_text_name_matches), as the browser's Find filters a folder
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/find/cases", test_cases);
  g_test_add_func ("/text/find/empty", test_empty);

  return g_test_run ();
}
