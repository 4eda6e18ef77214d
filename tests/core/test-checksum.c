/* test-checksum.c: reading the checksums servers offer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavChecksum from RFC 3230 Digest, RFC 9530 Repr-Digest and
 * Content-Digest, and ownCloud's OC-Checksum / oc:checksums: the
 * strongest one offered, values that are no digest ignored.
 */

#include <string.h>

#include "dav-checksum.h"

/* "hello\n" */
#define SHA256_HEX "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
#define SHA256_B64 "WJG1tSLV3whtD/CxEPvZ0hu0/HFjrzTQgoai6Eb2vgM="
#define SHA1_HEX   "f572d396fae9206628714fb2ce00f72e94f2258f"
#define MD5_HEX    "b1946ac92492d2347c6235b4d2611184"
#define MD5_B64    "sZRqySSS0jR8YjW00mERhA=="

static DavChecksum *
from (const char *name,
      const char *value,
      gboolean    whole)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

  soup_message_headers_append (headers, name, value);
  return dav_checksum_from_headers (headers, whole);
}

static void
test_repr_digest (void)
{
  g_autoptr(DavChecksum) sum = from ("Repr-Digest", "md5=:" MD5_B64 ":, sha-256=:" SHA256_B64 ":", FALSE);

  g_assert_nonnull (sum);
  g_assert_cmpint (sum->type, ==, G_CHECKSUM_SHA256);
  g_assert_cmpstr (sum->hex, ==, SHA256_HEX);
  g_assert_cmpstr (sum->source, ==, "Repr-Digest");
  g_assert_cmpstr (sum->name, ==, "SHA-256");
}

static void
test_digest (void)
{
  g_autoptr(DavChecksum) md5 = from ("Digest", "MD5=" MD5_B64, FALSE);
  g_autoptr(DavChecksum) hex = from ("Digest", "md5=" MD5_HEX, FALSE);
  g_autoptr(DavChecksum) junk = from ("Digest", "SHA-256=not-base64!, UNIXsum=30637", FALSE);

  g_assert_cmpstr (md5->hex, ==, MD5_HEX);
  /* Some servers send hex where base64 is due: it is read as what it is. */
  g_assert_cmpstr (hex->hex, ==, MD5_HEX);
  g_assert_null (junk);
}

static void
test_oc (void)
{
  g_autoptr(DavChecksum) header = from ("OC-Checksum", "SHA1:" SHA1_HEX, FALSE);
  g_autoptr(DavChecksum) property = dav_checksum_from_oc ("SHA1:" SHA1_HEX " MD5:" MD5_HEX " ADLER32:0a2b03c1",
                                                          "oc:checksums");

  g_assert_cmpint (header->type, ==, G_CHECKSUM_SHA1);
  g_assert_cmpstr (header->hex, ==, SHA1_HEX);
  g_assert_cmpint (property->type, ==, G_CHECKSUM_SHA1);
  g_assert_cmpstr (property->source, ==, "oc:checksums");
  g_assert_null (dav_checksum_from_oc ("ADLER32:0a2b03c1", "oc:checksums"));
}

static void
test_content_digest_only_whole (void)
{
  g_autoptr(DavChecksum) partial = from ("Content-Digest", "sha-256=:" SHA256_B64 ":", FALSE);
  g_autoptr(DavChecksum) whole = from ("Content-Digest", "sha-256=:" SHA256_B64 ":", TRUE);

  /* A 206's Content-Digest covers only the part sent. */
  g_assert_null (partial);
  g_assert_nonnull (whole);
}

static void
test_check (void)
{
  g_autoptr(DavChecksum) sum = from ("Repr-Digest", "sha-256=:" SHA256_B64 ":", FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *match = dav_checksum_describe_match (sum);

  g_assert_true (dav_checksum_check (sum, SHA256_HEX, &error));
  g_assert_no_error (error);
  g_assert_false (dav_checksum_check (sum, MD5_HEX, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "SHA-256"));
  g_assert_cmpstr (match, ==, "Its SHA-256 matches the one the server gave in Repr-Digest.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/checksum/repr-digest", test_repr_digest);
  g_test_add_func ("/checksum/digest", test_digest);
  g_test_add_func ("/checksum/oc", test_oc);
  g_test_add_func ("/checksum/content-digest-only-whole", test_content_digest_only_whole);
  g_test_add_func ("/checksum/check", test_check);

  return g_test_run ();
}
