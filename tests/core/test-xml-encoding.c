/* test-xml-encoding.c: which encoding a document says it is in, and charset names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parser flags a 207 whose Content-Type charset and XML declaration
 * disagree (docs/hostile-servers.md case 15); the doctor will check the
 * same. Both rest on these two functions.
 */

#include <glib.h>
#include <string.h>

#include "dav-xml-encoding.h"

static void
check_sniff (const char *data,
             gsize       length,
             const char *expected)
{
  g_autofree char *found = dav_xml_sniff_encoding ((const guint8 *) data, length);

  g_assert_cmpstr (found, ==, expected);
}

static void
test_sniff (void)
{
  static const char utf8_bom[] = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"latin1\"?><a/>";
  static const char utf16le_bom[] = "\xFF\xFE<\0?\0x\0";
  static const char utf16be_bom[] = "\xFE\xFF\0<\0?\0x";
  static const char utf16le[] = "<\0?\0x\0m\0l\0";
  static const char utf16be[] = "\0<\0?\0x\0m\0l";

  /* A byte order mark wins over the declaration. */
  check_sniff (utf8_bom, sizeof utf8_bom - 1, "UTF-8");
  check_sniff (utf16le_bom, sizeof utf16le_bom - 1, "UTF-16LE");
  check_sniff (utf16be_bom, sizeof utf16be_bom - 1, "UTF-16BE");
  check_sniff (utf16le, sizeof utf16le - 1, "UTF-16LE");
  check_sniff (utf16be, sizeof utf16be - 1, "UTF-16BE");

  /* The declaration, as written, with either quote and spaces around =. */
  check_sniff ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", 44, "ISO-8859-1");
  check_sniff ("<?xml version='1.0' encoding = 'utf-8' ?>", 41, "utf-8");

  /* Nothing said: UTF-8 (XML 1.0 §4.3.3). */
  check_sniff ("<?xml version=\"1.0\"?><a/>", 25, "UTF-8");
  check_sniff ("<a encoding=\"latin1\"/>", 22, "UTF-8");
  check_sniff ("", 0, "UTF-8");
  /* "encoding" after the declaration's end is content, not a declaration. */
  check_sniff ("<?xml version=\"1.0\"?><a encoding=\"latin1\"/>", 43, "UTF-8");
  /* An unterminated quote says nothing. */
  check_sniff ("<?xml version=\"1.0\" encoding=\"latin1", 36, "UTF-8");
  /* "<?xmlfoo" is a processing instruction, not the declaration. */
  check_sniff ("<?xmlfoo encoding=\"latin1\"?>", 28, "UTF-8");
}

static void
check_canonical (const char *name,
                 const char *expected)
{
  g_autofree char *found = dav_charset_canonical (name);

  g_assert_cmpstr (found, ==, expected);
}

static void
test_canonical (void)
{
  check_canonical ("utf-8", "UTF8");
  check_canonical ("UTF8", "UTF8");
  check_canonical ("Utf_8", "UTF8");
  check_canonical ("ISO-8859-1", "ISO88591");
  check_canonical ("latin1", "ISO88591");
  check_canonical ("l1", "ISO88591");
  check_canonical ("CP819", "ISO88591");
  check_canonical ("iso-ir-100", "ISO88591");
  check_canonical ("windows-1252", "WINDOWS1252");
  check_canonical ("", "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml-encoding/sniff", test_sniff);
  g_test_add_func ("/xml-encoding/canonical", test_canonical);

  return g_test_run ();
}
