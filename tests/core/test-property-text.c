/* test-property-text.c: dates and live properties in words people read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs in the C locale, untranslated: the English formats are pinned.
 */

#include "dav-date-text.h"
#include "dav-lock.h"
#include "dav-property-text.h"

#include <gio/gio.h>

/* g_format_size () puts a no-break space before the unit. */
#define NBSP "\xc2\xa0"

/* 2026-12-03 08:19 at UTC+02:00: the "now" of every date case. */
static GDateTime *
make_now (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+02:00");

  return g_date_time_new (zone, 2026, 12, 3, 8, 19, 0);
}

static char *
format_utc (int          year,
            int          month,
            int          day,
            int          hour,
            int          minute,
            DavDateStyle style,
            gboolean     clock_12h)
{
  g_autoptr(GDateTime) now = make_now ();
  g_autoptr(GDateTime) date = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return dav_date_text_format (date, now, style, clock_12h);
}

typedef struct {
  int          year, month, day, hour, minute;  /* UTC */
  DavDateStyle style;
  gboolean     clock_12h;
  const char  *expected;
} DateCase;

static const DateCase date_cases[] = {
  /* Today, in now's zone: 06:19 UTC is 08:19 at +02:00. */
  { 2026, 12, 3, 6, 19, DAV_DATE_STYLE_SHORT, FALSE, "Today 08:19" },
  { 2026, 12, 3, 6, 19, DAV_DATE_STYLE_DETAILED, FALSE, "Today 08:19" },
  { 2026, 12, 3, 6, 19, DAV_DATE_STYLE_SHORT, TRUE, "Today 8:19 AM" },
  { 2026, 12, 3, 14, 5, DAV_DATE_STYLE_SHORT, TRUE, "Today 4:05 PM" },
  /* 22:30 UTC on the 2nd is already the 3rd at +02:00. */
  { 2026, 12, 2, 22, 30, DAV_DATE_STYLE_SHORT, FALSE, "Today 00:30" },
  /* 21:59 UTC on the 2nd is 23:59 on the 2nd there: yesterday. */
  { 2026, 12, 2, 21, 59, DAV_DATE_STYLE_SHORT, FALSE, "Yesterday 23:59" },
  { 2026, 12, 2, 15, 2, DAV_DATE_STYLE_SHORT, FALSE, "Yesterday 17:02" },
  { 2026, 12, 2, 15, 2, DAV_DATE_STYLE_SHORT, TRUE, "Yesterday 5:02 PM" },
  /* This year: the day; the pane adds the time. */
  { 2026, 12, 1, 6, 0, DAV_DATE_STYLE_SHORT, FALSE, "1 Dec" },
  { 2026, 1, 3, 6, 0, DAV_DATE_STYLE_SHORT, FALSE, "3 Jan" },
  { 2026, 1, 3, 6, 0, DAV_DATE_STYLE_DETAILED, FALSE, "3 Jan 08:00" },
  { 2026, 1, 3, 6, 0, DAV_DATE_STYLE_DETAILED, TRUE, "3 Jan 8:00 AM" },
  /* Older: with the year. */
  { 2025, 12, 3, 6, 19, DAV_DATE_STYLE_SHORT, FALSE, "3 Dec 2025" },
  { 2025, 12, 3, 6, 19, DAV_DATE_STYLE_DETAILED, FALSE, "3 Dec 2025 08:19" },
  { 1999, 7, 14, 10, 0, DAV_DATE_STYLE_SHORT, FALSE, "14 Jul 1999" },
  /* Later today is still today; after today never is: a server clock
   * ahead of ours shows its full date. */
  { 2026, 12, 3, 20, 0, DAV_DATE_STYLE_SHORT, FALSE, "Today 22:00" },
  { 2026, 12, 3, 22, 0, DAV_DATE_STYLE_SHORT, FALSE, "4 Dec 2026 00:00" },
  { 2027, 2, 1, 10, 0, DAV_DATE_STYLE_SHORT, TRUE, "1 Feb 2027 12:00 PM" },
};

static void
test_date_case (gconstpointer data)
{
  const DateCase *c = data;
  g_autofree char *text = format_utc (c->year, c->month, c->day, c->hour, c->minute, c->style, c->clock_12h);

  g_assert_cmpstr (text, ==, c->expected);
}

/* New Year's Day: the last day of the old year is yesterday, not "31 Dec
 * 2025" and not this year's. */
static void
test_date_new_year (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("-05:00");
  g_autoptr(GDateTime) now = g_date_time_new (zone, 2026, 1, 1, 9, 0, 0);
  g_autoptr(GDateTime) eve = g_date_time_new (zone, 2025, 12, 31, 23, 30, 0);
  g_autoptr(GDateTime) before = g_date_time_new (zone, 2025, 12, 30, 23, 30, 0);
  g_autofree char *yesterday = dav_date_text_format (eve, now, DAV_DATE_STYLE_SHORT, FALSE);
  g_autofree char *older = dav_date_text_format (before, now, DAV_DATE_STYLE_SHORT, FALSE);

  g_assert_cmpstr (yesterday, ==, "Yesterday 23:30");
  g_assert_cmpstr (older, ==, "30 Dec 2025");
}

/* ---- values in words -------------------------------------------------------- */

/* A property value and the words it should make (NULL: none). */
typedef struct {
  const char *xml;
  const char *expected;
} TextCase;

static void
check_cases (const TextCase *cases,
             gsize           n_cases,
             char         *(*words) (const char *xml))
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *text = words (cases[i].xml);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static char *
lock_words (const char *xml)
{
  g_autoptr(GPtrArray) locks = dav_lock_parse_discovery (xml);

  return dav_property_text_locks (locks);
}

static char *
supported_words (const char *xml)
{
  g_autoptr(GPtrArray) entries = dav_lock_parse_supported (xml);

  return dav_property_text_supported_locks (entries);
}

/* ---- locks ---------------------------------------------------------------- */

#define ACTIVELOCK(scope, owner, timeout) \
  "<activelock xmlns=\"DAV:\"><locktype xmlns=\"DAV:\"><write xmlns=\"DAV:\"/></locktype>" \
  "<lockscope xmlns=\"DAV:\"><" scope " xmlns=\"DAV:\"/></lockscope><depth xmlns=\"DAV:\">0</depth>" \
  owner timeout \
  "<locktoken xmlns=\"DAV:\"><href xmlns=\"DAV:\">opaquelocktoken:1</href></locktoken></activelock>"

static void
test_locks (void)
{
  static const TextCase cases[] = {
    { NULL, "Not locked" },
    { "", "Not locked" },
    { ACTIVELOCK ("exclusive", "<owner xmlns=\"DAV:\">demo</owner>",
                  "<timeout xmlns=\"DAV:\">Second-540</timeout>"),
      "Locked (exclusive write) by demo, 9 min left" },
    { ACTIVELOCK ("exclusive", "<owner xmlns=\"DAV:\"><href xmlns=\"DAV:\">mailto:a@example.com</href></owner>",
                  "<timeout xmlns=\"DAV:\">Infinite</timeout>"),
      "Locked (exclusive write) by mailto:a@example.com, no time limit" },
    { ACTIVELOCK ("exclusive", "", ""), "Locked (exclusive write)" },
    { ACTIVELOCK ("exclusive", "", "<timeout xmlns=\"DAV:\">Second-30</timeout>"),
      "Locked (exclusive write), less than a minute left" },
    { ACTIVELOCK ("exclusive", "", "<timeout xmlns=\"DAV:\">Second-7200</timeout>"),
      "Locked (exclusive write), about 2 hours left" },
    { ACTIVELOCK ("exclusive", "", "<timeout xmlns=\"DAV:\">Second-604800</timeout>"),
      "Locked (exclusive write), about 7 days left" },
    /* A timeout nobody can read is left out, not shown raw. */
    { ACTIVELOCK ("exclusive", "<owner xmlns=\"DAV:\">x</owner>", "<timeout xmlns=\"DAV:\">soon</timeout>"),
      "Locked (exclusive write) by x" },
    /* A hostile owner is escaped. */
    { ACTIVELOCK ("exclusive", "<owner xmlns=\"DAV:\">\xe2\x80\xae" "evil</owner>", ""),
      "Locked (exclusive write) by \\u{202E}evil" },
    { ACTIVELOCK ("shared", "<owner xmlns=\"DAV:\">Alice</owner>", "<timeout xmlns=\"DAV:\">Second-540</timeout>")
      ACTIVELOCK ("shared", "<owner xmlns=\"DAV:\">Bob</owner>", "<timeout xmlns=\"DAV:\">Infinite</timeout>"),
      "2 locks: shared write by Alice, 9 min left; shared write by Bob, no time limit" },
  };

  check_cases (cases, G_N_ELEMENTS (cases), lock_words);
}

#define LOCKENTRY(scope, type) \
  "<lockentry xmlns=\"DAV:\"><lockscope xmlns=\"DAV:\"><" scope " xmlns=\"DAV:\"/></lockscope>" \
  "<locktype xmlns=\"DAV:\"><" type " xmlns=\"DAV:\"/></locktype></lockentry>"

static void
test_supported_locks (void)
{
  static const TextCase cases[] = {
    { NULL, "No locks offered" },
    { LOCKENTRY ("exclusive", "write") LOCKENTRY ("shared", "write"), "Exclusive and shared write locks" },
    { LOCKENTRY ("exclusive", "write"), "Exclusive write locks only" },
    { LOCKENTRY ("shared", "write"), "Shared write locks only" },
    { LOCKENTRY ("exclusive", "write") LOCKENTRY ("exclusive", "checkin"),
      "Locks: exclusive write, exclusive checkin" },
  };

  check_cases (cases, G_N_ELEMENTS (cases), supported_words);
}

static void
test_lock_scope_depth (void)
{
  g_autofree char *exclusive = dav_property_text_lock_scope ("exclusive");
  g_autofree char *shared = dav_property_text_lock_scope ("shared");
  g_autofree char *odd = dav_property_text_lock_scope ("odd\x01");
  g_autofree char *zero = dav_property_text_lock_depth ("0");
  g_autofree char *infinity = dav_property_text_lock_depth ("Infinity");
  g_autofree char *one = dav_property_text_lock_depth ("1");

  g_assert_cmpstr (exclusive, ==, "Exclusive");
  g_assert_cmpstr (shared, ==, "Shared");
  /* A server's own word is shown as it came, its controls escaped. */
  g_assert_cmpstr (odd, ==, "odd\\x01");
  g_assert_cmpstr (zero, ==, "This item only");
  g_assert_cmpstr (infinity, ==, "This folder and everything in it");
  g_assert_cmpstr (one, ==, "1");
  g_assert_null (dav_property_text_lock_scope (NULL));
  g_assert_null (dav_property_text_lock_depth (NULL));
}

/* ---- types, sizes, the rest ------------------------------------------------ */

static void
test_resource_type (void)
{
  static const TextCase cases[] = {
    { NULL, "File" },
    { "  ", "File" },
    { "<collection xmlns=\"DAV:\"/>", "Folder" },
    { "<D:collection xmlns:D=\"DAV:\"/>", "Folder" },
    { "<collection xmlns=\"DAV:\"/><calendar xmlns=\"urn:ietf:params:xml:ns:caldav\"/>", "Folder (calendar)" },
    { "<collection xmlns=\"DAV:\"/><addressbook xmlns=\"urn:ietf:params:xml:ns:carddav\"/>",
      "Folder (address book)" },
    { "<principal xmlns=\"DAV:\"/>", "Item (principal)" },
    { "<collection xmlns=\"DAV:\"/><shelf xmlns=\"urn:x\"/>", "Folder (shelf)" },
    /* The DAV: name alone makes a folder, not a look-alike. */
    { "<collection xmlns=\"urn:x\"/>", "Item (collection)" },
    { "<broken", NULL },
  };

  check_cases (cases, G_N_ELEMENTS (cases), dav_property_text_resource_type);
}

static void
test_content_type (void)
{
  g_autofree char *folder = dav_property_text_content_type ("text/plain", TRUE);
  g_autofree char *none = dav_property_text_content_type (NULL, FALSE);
  g_autofree char *blank = dav_property_text_content_type (" ; charset=utf-8", FALSE);
  g_autofree char *plain = dav_property_text_content_type ("Text/Plain; charset=utf-8", FALSE);
  g_autofree char *described = NULL;
  g_autofree char *hostile = dav_property_text_content_type ("x/\x1b[31m", FALSE);
  g_autofree char *type = g_content_type_from_mime_type ("text/plain");

  g_assert_cmpstr (folder, ==, "Folder");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (blank, ==, "");
  /* What GIO says of text/plain ("plain text document" with
   * shared-mime-info 2.2), parameters and case ignored, with a capital. */
  described = g_content_type_get_description (type);
  g_assert_true (g_unichar_isupper (g_utf8_get_char (plain)));
  g_assert_cmpstr (g_utf8_next_char (plain), ==, g_utf8_next_char (described));
  if (g_str_equal (described, "plain text document"))
    g_assert_cmpstr (plain, ==, "Plain text document");
  g_assert_null (strchr (hostile, '\x1b'));
}

static void
test_quota (void)
{
  g_autofree char *both = dav_property_text_quota (1200000000, 3400000000);
  g_autofree char *used = dav_property_text_quota (1200000000, -1);
  g_autofree char *available = dav_property_text_quota (-1, 3400000000);
  g_autofree char *neither = dav_property_text_quota (-1, -1);

  g_assert_cmpstr (both, ==, "1.2" NBSP "GB used, 3.4" NBSP "GB free");
  g_assert_cmpstr (used, ==, "1.2" NBSP "GB used");
  g_assert_cmpstr (available, ==, "3.4" NBSP "GB free");
  g_assert_null (neither);
}

static char *
describe (const char *name,
          const char *value,
          gboolean    is_xml,
          guint       status)
{
  g_autoptr(GDateTime) now = make_now ();
  DavProperty property = { (char *) "DAV:", (char *) name, (char *) value, is_xml, status };

  return dav_property_text_describe (&property, now, FALSE);
}

static void
test_describe (void)
{
  static const struct {
    const char *name;
    const char *value;
    gboolean    is_xml;
    guint       status;
    const char *expected;  /* NULL: no readable form */
  } cases[] = {
    { "getcontentlength", "1041", FALSE, 200, "1.0" NBSP "kB (1041 bytes)" },
    { "getcontentlength", "-1", FALSE, 200, NULL },
    { "getcontentlength", "1041", FALSE, 404, NULL },
    { "getlastmodified", "Thu, 03 Dec 2026 06:19:00 GMT", FALSE, 200, "Today 08:19" },
    { "getlastmodified", "Tue, 01 Dec 2026 06:19:00 GMT", FALSE, 200, "1 Dec 08:19" },
    { "getlastmodified", "yesterday-ish", FALSE, 200, NULL },
    { "creationdate", "2025-12-03T06:19:00Z", FALSE, 200, "3 Dec 2025 08:19" },
    { "getetag", "\"5f3-1a2b\"", FALSE, 200, "5f3-1a2b" },
    { "getetag", "W/\"5f3\"", FALSE, 200, "5f3 (weak)" },
    { "getetag", "unquoted", FALSE, 200, NULL },
    { "quota-used-bytes", "1200000000", FALSE, 200, "1.2" NBSP "GB used" },
    { "quota-available-bytes", "3400000000", FALSE, 200, "3.4" NBSP "GB free" },
    { "resourcetype", NULL, FALSE, 200, "File" },
    { "resourcetype", "<collection xmlns=\"DAV:\"/>", TRUE, 200, "Folder" },
    { "resourcetype", "collection", FALSE, 200, NULL },
    { "lockdiscovery", NULL, FALSE, 200, "Not locked" },
    { "lockdiscovery", ACTIVELOCK ("exclusive", "<owner xmlns=\"DAV:\">demo</owner>",
                                   "<timeout xmlns=\"DAV:\">Infinite</timeout>"), TRUE, 200,
      "Locked (exclusive write) by demo, no time limit" },
    { "supportedlock", LOCKENTRY ("exclusive", "write") LOCKENTRY ("shared", "write"), TRUE, 200,
      "Exclusive and shared write locks" },
    { "displayname", "Readme", FALSE, 200, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = describe (cases[i].name, cases[i].value, cases[i].is_xml, cases[i].status);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  {
    g_autoptr(GDateTime) now = make_now ();
    DavProperty other = { (char *) "urn:x", (char *) "getcontentlength", (char *) "12", FALSE, 200 };

    /* Only DAV:'s properties mean what their names say. */
    g_assert_null (dav_property_text_describe (&other, now, FALSE));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/property-text/date/%" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &date_cases[i], test_date_case);
    }
  g_test_add_func ("/property-text/date/new-year", test_date_new_year);
  g_test_add_func ("/property-text/locks", test_locks);
  g_test_add_func ("/property-text/supported-locks", test_supported_locks);
  g_test_add_func ("/property-text/lock-scope-depth", test_lock_scope_depth);
  g_test_add_func ("/property-text/resource-type", test_resource_type);
  g_test_add_func ("/property-text/content-type", test_content_type);
  g_test_add_func ("/property-text/quota", test_quota);
  g_test_add_func ("/property-text/describe", test_describe);

  return g_test_run ();
}
