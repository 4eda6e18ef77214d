/* test-text.c: finding a name as it is typed (dav_text_fold,
 * dav_text_name_matches), as the browser's Find filters a folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-text.h"

static gboolean
matches (const char *name,
         const char *query)
{
  g_autofree char *folded = dav_text_fold (query);

  return dav_text_name_matches (name, folded);
}

static void
test_case (void)
{
  g_assert_true (matches ("Report-2024.PDF", "report"));
  g_assert_true (matches ("Report-2024.PDF", "T-20"));
  g_assert_true (matches ("Report-2024.PDF", ".pdf"));
  g_assert_true (matches ("ÉTÉ.txt", "été"));
  g_assert_true (matches ("Straße.odt", "STRASSE"));
  g_assert_true (matches ("STRASSE.odt", "straße"));
  g_assert_false (matches ("Report-2024.PDF", "reports"));
  g_assert_false (matches ("abc", "abcd"));
  g_assert_false (matches ("aab", "ac"));
  g_assert_true (matches ("aab", "ab"));
}

static void
test_accents (void)
{
  /* "é" composed (NFC) and as e + U+0301 (NFD, as macOS names files). */
  g_assert_true (matches ("Caf\xc3\xa9.txt", "cafe"));
  g_assert_true (matches ("Cafe\xcc\x81.txt", "caf\xc3\xa9"));
  g_assert_true (matches ("Cafe.txt", "CAF\xc3\x89"));
  g_assert_true (matches ("Ångström", "angstrom"));
  g_assert_true (matches ("日本語のファイル", "ファイル"));
  g_assert_false (matches ("Café.txt", "cafa"));
  g_assert_false (matches ("plain.txt", "ü"));
}

static void
test_empty (void)
{
  g_autofree char *folded = dav_text_fold ("");

  g_assert_cmpstr (folded, ==, "");
  g_assert_true (dav_text_name_matches ("anything", folded));
  g_assert_true (dav_text_name_matches ("", folded));
  g_assert_false (matches ("", "a"));
}

static void
test_invalid (void)
{
  /* A name the server sent as invalid UTF-8 is still found by its
   * valid part, and never crashes the filter. */
  g_assert_true (matches ("bad\xff" "name", "name"));
  g_assert_false (matches ("bad\xff" "name", "zzz"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/find/case", test_case);
  g_test_add_func ("/text/find/accents", test_accents);
  g_test_add_func ("/text/find/empty", test_empty);
  g_test_add_func ("/text/find/invalid", test_invalid);

  return g_test_run ();
}
