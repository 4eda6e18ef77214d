/* test-resource.c: what a DavResource makes of hostile property values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavResource is what the browser shows of one entry of a listing. Its
 * name comes from the href, never from displayname, and values it
 * interprets (size, date, type) are unknown rather than wrong when a
 * server sends nonsense (docs/hostile-servers.md cases 24, 25 and 27).
 */

#include <string.h>

#include "dav-multistatus-parser.h"
#include "dav-resource.h"
#include "dav-result.h"
#include "dav-text.h"

#define BASE "http://127.0.0.1:8080/dav/"

/* One response with @props in a 200 propstat, for @href. */
static DavResource *
resource_from (const char *href,
               const char *props)
{
  g_autofree char *body = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                           "<D:multistatus xmlns:D=\"DAV:\" xmlns:X=\"urn:example:junk\">"
                                           "<D:response><D:href>%s</D:href><D:propstat><D:prop>%s</D:prop>"
                                           "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
                                           "</D:multistatus>\n",
                                           href, props);
  g_autoptr(DavMultistatus) ms = dav_multistatus_parse (body, strlen (body), NULL);
  g_autoptr(DavHref) resolved = NULL;
  const DavResponse *response;
  DavResource *resource;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->responses->len, ==, 1);
  response = g_ptr_array_index (ms->responses, 0);
  resolved = dav_href_resolve (BASE, dav_response_get_href (response));
  resource = dav_resource_new (resolved);
  dav_resource_update (resource, response, resolved);

  return resource;
}

/* Nothing a server sent reaches people with a control byte, a bidi
 * control or invalid UTF-8 in it. */
static void
assert_shown_safely (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0));
      g_assert_false (dav_text_is_format_char (c));
    }
}

/* docs/hostile-servers.md case 27: sizes that are no size are unknown
 * (-1), never negative, wrapped or rounded. */
static void
test_hostile_sizes (void)
{
  static const struct {
    const char *value;
    gint64      size;
  } sizes[] = {
    { "-1", -1 },
    { "99999999999999999999", -1 },
    { "1e309", -1 },
    { "", -1 },
    { "   ", -1 },
    { "12abc", -1 },
    { "0x10", -1 },
    { "+5", -1 },
    { "9223372036854775808", -1 },     /* G_MAXINT64 + 1 */
    { "18446744073709551616", -1 },    /* G_MAXUINT64 + 1 */
    { "NaN", -1 },
    { "9223372036854775807", G_MAXINT64 },
    { "0", 0 },
    { "12345", 12345 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *props = g_strdup_printf ("<D:getcontentlength>%s</D:getcontentlength>", sizes[i].value);
      g_autoptr(DavResource) resource = resource_from ("/dav/file.bin", props);

      g_test_message ("getcontentlength “%s” -> %" G_GINT64_FORMAT, sizes[i].value,
                      dav_resource_get_size (resource));
      g_assert_cmpint (dav_resource_get_size (resource), ==, sizes[i].size);
    }
}

/* Dates that are no date are unknown (NULL). DavResource reads only
 * getlastmodified: creationdate is never interpreted anywhere, it stays
 * the text it was (shown escaped). */
static void
test_hostile_dates (void)
{
  static const char * const bad[] = {
    "",
    "yesterday",
    "Mon, 32 Foo 2024 99:99:99 GMT",
    "Wed, 01 Jan 99999999999 00:00:00 GMT",
    "-1",
    "1e309",
    "2025-01-01T00:00:00Z",   /* ISO 8601 is not an HTTP date */
  };
  g_autoptr(DavResource) good = resource_from ("/dav/f.txt",
                                               "<D:getlastmodified>Wed, 01 Jan 2025 10:20:30 GMT</D:getlastmodified>");

  g_assert_nonnull (dav_resource_get_modified (good));
  g_assert_cmpint (g_date_time_get_year (dav_resource_get_modified (good)), ==, 2025);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *props = g_strdup_printf ("<D:getlastmodified>%s</D:getlastmodified>"
                                                "<D:creationdate>%s</D:creationdate>"
                                                "<D:getcontentlength>7</D:getcontentlength>",
                                                bad[i], bad[i]);
      g_autoptr(DavResource) resource = resource_from ("/dav/f.txt", props);

      g_test_message ("getlastmodified “%s”", bad[i]);
      g_assert_null (dav_resource_get_modified (resource));
      /* The rest of the entry is still read. */
      g_assert_cmpint (dav_resource_get_size (resource), ==, 7);
      g_assert_false (dav_resource_is_flagged (resource));
    }
}

/* The type depends on a DAV:collection child of resourcetype, and only
 * on that: junk around it, before or after, changes nothing, and a
 * "collection" in another namespace is no collection. */
static void
test_hostile_resourcetype (void)
{
  static const struct {
    const char *href;
    const char *value;
    gboolean    collection;
  } types[] = {
    { "/dav/a/", "<D:collection/>", TRUE },
    { "/dav/a/", "<D:collection/><X:junk/>", TRUE },
    { "/dav/a/", "<X:junk>text</X:junk><D:collection/>", TRUE },
    { "/dav/a/", "<D:collection>junk</D:collection><X:junk/>", TRUE },
    { "/dav/a", "<D:collection/><X:principal/>", TRUE },
    { "/dav/a/", "<X:junk/>", FALSE },
    { "/dav/a/", "<X:collection/>", FALSE },
    { "/dav/a/", "", FALSE },
    { "/dav/a/", "collection", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *props = g_strdup_printf ("<D:resourcetype>%s</D:resourcetype>", types[i].value);

      /* The same answer read twice gives the same type. */
      for (guint round = 0; round < 2; round++)
        {
          g_autoptr(DavResource) resource = resource_from (types[i].href, props);

          g_test_message ("resourcetype “%s” for %s", types[i].value, types[i].href);
          g_assert_cmpint (dav_resource_is_collection (resource), ==, types[i].collection);
        }
    }
}

/* docs/hostile-servers.md case 24: the name shown as identity is the
 * href's last segment, with visible markers for bidi and format controls;
 * displayname is kept apart, and never becomes the name. */
static void
test_identity_from_href (void)
{
  g_autoptr(DavResource) spoof = resource_from ("/dav/payload.exe",
                                                "<D:displayname>report.pdf</D:displayname>");
  g_autoptr(DavResource) bidi = resource_from ("/dav/invoice%E2%80%AEfdp.exe",
                                               "<D:displayname>invoice.pdf</D:displayname>");
  g_autoptr(DavResource) zero_width = resource_from ("/dav/pay%E2%80%8Bpal.txt", "");

  g_assert_cmpstr (dav_resource_get_name (spoof), ==, "payload.exe");
  g_assert_cmpstr (dav_resource_get_display_name (spoof), ==, "report.pdf");
  g_assert_true (g_str_has_suffix (dav_resource_get_url (spoof), "/dav/payload.exe"));

  /* The real extension is the last thing of the shown name. */
  g_assert_cmpstr (dav_resource_get_name (bidi), ==, "invoice\\u{202E}fdp.exe");
  assert_shown_safely (dav_resource_get_name (bidi));
  assert_shown_safely (dav_resource_get_path (bidi));
  g_assert_cmpstr (dav_resource_get_name (zero_width), ==, "pay\\u{200B}pal.txt");
  assert_shown_safely (dav_resource_get_name (zero_width));
}

/* docs/hostile-servers.md case 25: bytes that are no UTF-8 once decoded
 * are shown escaped, and the URL used for requests keeps them exactly. */
static void
test_invalid_utf8_name (void)
{
  g_autoptr(DavResource) resource = resource_from ("/dav/%FF%FE", "<D:getcontentlength>3</D:getcontentlength>");
  g_autoptr(DavResource) mixed = resource_from ("/dav/caf%E9.txt", "");

  g_assert_cmpstr (dav_resource_get_name (resource), ==, "\\xff\\xfe");
  assert_shown_safely (dav_resource_get_name (resource));
  assert_shown_safely (dav_resource_get_path (resource));
  g_assert_cmpstr (dav_resource_get_url (resource), ==, "http://127.0.0.1:8080/dav/%FF%FE");
  g_assert_false (dav_resource_is_flagged (resource));

  g_assert_cmpstr (dav_resource_get_name (mixed), ==, "caf\\xe9.txt");
  g_assert_cmpstr (dav_resource_get_url (mixed), ==, "http://127.0.0.1:8080/dav/caf%E9.txt");
}

/* A body of one response per href in @hrefs (NULL-terminated), each
 * carrying its place as displayname, so a test sees which was found. */
static DavMultistatus *
multistatus_of (const char * const *hrefs)
{
  g_autoptr(GString) body = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                          "<D:multistatus xmlns:D=\"DAV:\">");
  DavMultistatus *ms;

  for (guint i = 0; hrefs[i] != NULL; i++)
    g_string_append_printf (body, "<D:response><D:href>%s</D:href><D:propstat><D:prop>"
                                  "<D:displayname>%u</D:displayname></D:prop>"
                                  "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>",
                            hrefs[i], i);
  g_string_append (body, "</D:multistatus>\n");
  ms = dav_multistatus_parse (body->str, body->len, NULL);
  g_assert_true (ms->complete);

  return ms;
}

/* Which response (its place) dav_multistatus_find_response gives for
 * @url, -1 for none; dav_result_dup_own_response must agree. */
static int
found_for (const char * const *hrefs,
           const char         *url)
{
  g_autoptr(DavMultistatus) ms = multistatus_of (hrefs);
  g_autoptr(DavResult) result = dav_result_new ("PROPFIND", url);
  g_autoptr(DavResponse) own = NULL;
  DavResponse *response = dav_multistatus_find_response (ms, url);

  result->body = dav_multistatus_ref (ms);
  own = dav_result_dup_own_response (result, url);
  g_assert_true (own == response);
  if (response == NULL)
    return -1;

  for (guint i = 0; i < ms->responses->len; i++)
    if (g_ptr_array_index (ms->responses, i) == response)
      return (int) i;
  g_assert_not_reached ();
}

/* "The response about this URL", as the details pane, the property
 * editor, the lock dialog and the file actions all ask for it. */
static void
test_find_own_response (void)
{
  const char * const other_first[] = { "/dav/other.txt", "/dav/file.txt", NULL };
  const char * const only_other[] = { "/dav/other.txt", "/dav/", NULL };
  const char * const folder[] = { "/dav/docs", NULL };
  const char * const folder_slash[] = { "/dav/docs/", NULL };
  const char * const escaped[] = { "/dav/Tom%20%26%20Jerry.txt", NULL };
  const char * const unescaped[] = { "/dav/Tom &amp; Jerry.txt", NULL };
  const char * const absolute[] = { "http://127.0.0.1:8080/dav/file.txt", NULL };
  const char * const other_server[] = { "http://example.com:8080/dav/file.txt", NULL };

  /* A response about another URL first is passed over. */
  g_assert_cmpint (found_for (other_first, BASE "file.txt"), ==, 1);
  /* None about it: none, never the first. */
  g_assert_cmpint (found_for (only_other, BASE "file.txt"), ==, -1);
  /* A collection with or without its trailing slash, either way round. */
  g_assert_cmpint (found_for (folder, BASE "docs/"), ==, 0);
  g_assert_cmpint (found_for (folder_slash, BASE "docs"), ==, 0);
  /* Escaped or not, in the href or in the URL. */
  g_assert_cmpint (found_for (escaped, BASE "Tom%20%26%20Jerry.txt"), ==, 0);
  g_assert_cmpint (found_for (unescaped, BASE "Tom%20%26%20Jerry.txt"), ==, 0);
  g_assert_cmpint (found_for (escaped, BASE "Tom%20&%20Jerry.txt"), ==, 0);
  /* An absolute href or a path alone; another origin is not it. */
  g_assert_cmpint (found_for (absolute, BASE "file.txt"), ==, 0);
  g_assert_cmpint (found_for (other_server, BASE "file.txt"), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/resource/hostile/sizes", test_hostile_sizes);
  g_test_add_func ("/resource/hostile/dates", test_hostile_dates);
  g_test_add_func ("/resource/hostile/resourcetype", test_hostile_resourcetype);
  g_test_add_func ("/resource/identity-from-href", test_identity_from_href);
  g_test_add_func ("/resource/invalid-utf8-name", test_invalid_utf8_name);
  g_test_add_func ("/resource/find-own-response", test_find_own_response);

  return g_test_run ();
}
