/* test-property-column.c: a property column's cells, order and names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs in the C locale, untranslated.
 */

#include "dav-property-column.h"

#include <gio/gio.h>

#define NS "http://example.com/ns/davscope-demo"

/* A response with @value for {NS}author in a 200 propstat, or a 404
 * propstat naming it when @value is NULL. */
static DavResponse *
make_response (const char *value,
               gboolean    is_xml)
{
  DavResponse *response = dav_response_new ();
  DavPropstat *propstat = dav_propstat_new ();
  DavProperty *property = dav_property_new (NS, "author");

  property->value = g_strdup (value);
  property->is_xml = is_xml;
  property->status = value ? 200 : 404;
  propstat->status = property->status;
  g_ptr_array_add (propstat->properties, property);
  g_ptr_array_add (response->propstats, propstat);
  g_ptr_array_add (response->hrefs, g_strdup ("/dav/a.txt"));

  return response;
}

static DavPropertyCell *
cell_of (const char *value,
         gboolean    is_xml)
{
  DavResponse *response = make_response (value, is_xml);
  DavPropertyCell *cell = dav_property_cell_new (response, NS, "author");

  dav_response_unref (response);
  return cell;
}

static void
test_cell (void)
{
  g_autoptr(DavPropertyCell) text = cell_of ("Alice  Liddell", FALSE);
  g_autoptr(DavPropertyCell) xml = cell_of ("<x:tag xmlns:x=\"" NS "\">demo</x:tag>\n  <x:tag xmlns:x=\"" NS "\">sample</x:tag>", TRUE);
  g_autoptr(DavPropertyCell) missing = cell_of (NULL, FALSE);
  g_autoptr(DavPropertyCell) unasked = dav_property_cell_new (NULL, NS, "author");
  g_autofree char *long_value = g_strnfill (300, 'a');
  g_autoptr(DavPropertyCell) shortened = cell_of (long_value, FALSE);

  g_assert_cmpstr (text->text, ==, "Alice Liddell");
  g_assert_cmpuint (text->status, ==, 200);
  g_assert_cmpstr (xml->text, ==, "demo sample");
  g_assert_cmpstr (missing->text, ==, "");
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpuint (unasked->status, ==, 0);
  g_assert_cmpint (g_utf8_strlen (shortened->text, -1), ==, 200);
  g_assert_true (g_str_has_suffix (shortened->text, "…"));
}

static void
test_compare (void)
{
  g_autoptr(DavPropertyCell) nine = cell_of ("9", FALSE);
  g_autoptr(DavPropertyCell) ten = cell_of ("10", FALSE);
  g_autoptr(DavPropertyCell) alice = cell_of ("Alice", FALSE);
  g_autoptr(DavPropertyCell) bob = cell_of ("bob", FALSE);
  g_autoptr(DavPropertyCell) missing = cell_of (NULL, FALSE);

  /* Numbers by value, where a text compare puts "10" first. */
  g_assert_cmpint (dav_property_cell_compare (nine, ten), <, 0);
  g_assert_cmpint (dav_property_cell_compare (alice, bob), <, 0);
  g_assert_cmpint (dav_property_cell_compare (bob, alice), >, 0);
  /* Missing values after all the others. */
  g_assert_cmpint (dav_property_cell_compare (missing, alice), >, 0);
  g_assert_cmpint (dav_property_cell_compare (ten, missing), <, 0);
  g_assert_cmpint (dav_property_cell_compare (missing, missing), ==, 0);

  /* What a sort puts last either way: a failed or unnamed property, not
   * an empty value. */
  {
    g_autoptr(DavPropertyCell) empty = cell_of ("", FALSE);
    g_autoptr(DavPropertyCell) unasked = dav_property_cell_new (NULL, NS, "author");

    g_assert_true (dav_property_cell_has_value (alice));
    g_assert_true (dav_property_cell_has_value (empty));
    g_assert_false (dav_property_cell_has_value (missing));
    g_assert_false (dav_property_cell_has_value (unasked));
  }
}

static void
test_check (void)
{
  g_autofree char *clark = NULL;
  g_autofree char *message = NULL;

  g_assert_true (dav_property_column_check (NS, " author ", &clark, &message));
  g_assert_cmpstr (clark, ==, "{" NS "}author");
  g_assert_null (message);
  g_clear_pointer (&clark, g_free);

  /* A pasted Clark name wins over the namespace field. */
  g_assert_true (dav_property_column_check ("urn:other", "{" NS "}tags", &clark, &message));
  g_assert_cmpstr (clark, ==, "{" NS "}tags");
  g_clear_pointer (&clark, g_free);

  g_assert_true (dav_property_column_check ("DAV:", "getetag", &clark, &message));
  g_clear_pointer (&clark, g_free);

  g_assert_false (dav_property_column_check ("", "", &clark, &message));
  g_assert_null (message);

  g_assert_false (dav_property_column_check (NS, "x:author", &clark, &message));
  g_assert_nonnull (message);
  g_assert_null (clark);
  g_clear_pointer (&message, g_free);

  g_assert_false (dav_property_column_check ("", "author", &clark, &message));
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);

  g_assert_false (dav_property_column_check ("not a uri", "author", &clark, &message));
  g_assert_nonnull (message);
}

static void
test_origin (void)
{
  g_autofree char *plain = dav_property_column_origin ("http://example.com/dav/a/");
  g_autofree char *port = dav_property_column_origin ("https://Example.com:8443/dav/");
  g_autofree char *tls = dav_property_column_origin ("https://example.com/");
  g_autofree char *none = dav_property_column_origin ("not a url");

  g_assert_cmpstr (plain, ==, "http://example.com:80");
  g_assert_cmpstr (port, ==, "https://example.com:8443");
  g_assert_cmpstr (tls, ==, "https://example.com:443");
  g_assert_null (none);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/property-column/cell", test_cell);
  g_test_add_func ("/property-column/compare", test_compare);
  g_test_add_func ("/property-column/check", test_check);
  g_test_add_func ("/property-column/origin", test_origin);

  return g_test_run ();
}
