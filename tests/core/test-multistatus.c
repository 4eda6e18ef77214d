/* test-multistatus.c: the 207 Multi-Status parser against the fixtures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every fixture in tests/fixtures/207 is parsed whole, byte by byte, in
 * random chunks and through the streaming callback, and the results must
 * agree. Then each fixture has a test for the quirk it was written for.
 * Hostile bodies built in the test are in test-multistatus-hostile.c.
 */

#include "dav-multistatus-parser.h"
#include "dav-error.h"
#include "dav-text.h"

#include <string.h>

#include "dav-test-multistatus.h"

/* Generic tests, one of each per fixture */

static void
test_chunking (gconstpointer user_data)
{
  const char *name = user_data;
  g_autoptr(DavMultistatus) whole = NULL;
  g_autoptr(DavMultistatus) bytes = NULL;
  g_autofree char *data = NULL;
  g_autofree char *whole_dump = NULL;
  g_autofree char *bytes_dump = NULL;
  gsize length = 0;

  data = load_fixture (name, &length);
  whole = dav_multistatus_parse (data, length, NULL);
  whole_dump = canonical_dump (whole);
  assert_complete_consistent (whole);
  g_assert_cmpuint (whole->n_responses, ==, whole->responses->len);

  bytes = parse_in_chunks (data, length, one_byte);
  bytes_dump = canonical_dump (bytes);
  g_assert_cmpstr (bytes_dump, ==, whole_dump);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(DavMultistatus) random = parse_in_chunks (data, length, random_size);
      g_autofree char *random_dump = canonical_dump (random);

      g_assert_cmpstr (random_dump, ==, whole_dump);
    }
}

typedef struct {
  GPtrArray *responses;
  guint      calls;
} StreamState;

static void
collect_response (DavResponse *response,
                  gpointer     user_data)
{
  StreamState *state = user_data;

  g_assert_cmpuint (response->index, ==, state->calls);
  state->calls++;
  g_ptr_array_add (state->responses, dav_response_ref (response));
}

static void
test_streaming (gconstpointer user_data)
{
  const char *name = user_data;
  g_autoptr(DavMultistatus) whole = NULL;
  g_autoptr(DavMultistatus) streamed = NULL;
  g_autoptr(DavMultistatusParser) parser = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  StreamState state = { NULL, 0 };
  gsize length = 0;

  data = load_fixture (name, &length);
  whole = dav_multistatus_parse (data, length, NULL);

  responses = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_response_unref);
  state.responses = responses;
  parser = dav_multistatus_parser_new ();
  dav_multistatus_parser_set_response_func (parser, collect_response, &state, NULL);
  if (!dav_multistatus_parser_feed (parser, data, length, &error))
    g_assert_nonnull (error);
  streamed = dav_multistatus_parser_finish (parser);

  g_assert_cmpuint (state.calls, ==, whole->n_responses);
  g_assert_cmpuint (streamed->n_responses, ==, whole->n_responses);
  g_assert_cmpuint (streamed->responses->len, ==, 0);
  g_assert_cmpint (streamed->complete, ==, whole->complete);
  g_assert_cmpint (streamed->well_formed, ==, whole->well_formed);

  /* The same responses, in the same order, as the whole parse. */
  for (guint i = 0; i < responses->len; i++)
    {
      g_autofree char *a = canonical_dump_response (g_ptr_array_index (responses, i));
      g_autofree char *b = canonical_dump_response (g_ptr_array_index (whole->responses, i));

      g_assert_cmpstr (a, ==, b);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names must outlive the tests that use them. */
static void
add_fixture_tests (GPtrArray *names)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *path = NULL;
  const char *entry;

  path = g_test_build_filename (G_TEST_DIST, "fixtures", "207", NULL);
  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);

  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (entry, ".xml"))
      g_ptr_array_add (names, g_strdup (entry));

  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *base = g_strndup (name, strlen (name) - strlen (".xml"));
      g_autofree char *chunking = g_strdup_printf ("/multistatus/chunking/%s", base);
      g_autofree char *streaming = g_strdup_printf ("/multistatus/streaming/%s", base);

      g_test_add_data_func (chunking, name, test_chunking);
      g_test_add_data_func (streaming, name, test_streaming);
    }
}

/* Specific fixtures */

static void
test_hrefs_with_propstat (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("hrefs-with-propstat.xml");
  const DavResponse *r;

  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r->hrefs, 0), ==, "/dav/coll/one");
  g_assert_cmpstr (g_ptr_array_index (r->hrefs, 1), ==, "/dav/coll/two");
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_HREFS_WITH_PROPSTAT));
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 200);
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "displayname"), ==, "Which one?");
  g_assert_true (ms->well_formed);
  g_assert_true (ms->complete);
}

static void
test_activelock_nested_hrefs (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("activelock-nested-hrefs.xml");
  const char *lock;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  g_assert_cmpuint (response_at (ms, 0)->hrefs->len, ==, 1);
  g_assert_cmpuint (response_at (ms, 1)->hrefs->len, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/depot/");
  g_assert_cmpstr (href_at (ms, 1), ==, "/depot/held.txt");
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "resourcetype"), ==, "<collection xmlns=\"DAV:\"/>");
  g_assert_null (property_value (ms, 0, "DAV:", "lockdiscovery"));

  /* The owner and lock token hrefs stay inside the value. */
  lock = property_value (ms, 1, "DAV:", "lockdiscovery");
  g_assert_true (find_property (ms, 1, "DAV:", "lockdiscovery")->is_xml);
  g_assert_true (g_str_has_prefix (lock, "<activelock xmlns=\"DAV:\">"));
  g_assert_nonnull (strstr (lock, "<owner><href>mailto:owner@example.org</href></owner>"));
  g_assert_nonnull (strstr (lock, "<href>opaquelocktoken:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0</href>"));
  g_assert_cmpuint (propstat_at (ms, 1, 0)->properties->len, ==, 9);
  g_assert_cmpstr (property_value (ms, 1, "http://apache.org/dav/props/", "executable"), ==, "F");
}

static void
test_apache_lp1_prefixes (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("apache-lp1-prefixes.xml");

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->problems->len, ==, 0);
  g_assert_cmpuint (ms->n_responses, ==, 3);
  /* Lower-case percent-encoding is kept as sent. */
  g_assert_cmpstr (href_at (ms, 1), ==, "/share/a%3cb%3e.txt");
  g_assert_cmpstr (href_at (ms, 2), ==, "/share/%e4%b8%ad%e6%96%87.txt");
  for (guint i = 0; i < 3; i++)
    {
      const DavProperty *etag = find_property (ms, i, "DAV:", "getetag");

      /* lp1: is DAV: too. */
      g_assert_nonnull (etag);
      g_assert_cmpuint (etag->status, ==, 200);
      g_assert_cmpuint (response_at (ms, i)->problems->len, ==, 0);
    }
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "resourcetype"), ==, "<collection xmlns=\"DAV:\"/>");
  g_assert_null (property_value (ms, 1, "DAV:", "resourcetype"));
  g_assert_cmpstr (property_value (ms, 1, "DAV:", "getetag"), ==, "\"5-62f1a0b0c0d00\"");
  g_assert_cmpstr (property_value (ms, 2, "http://apache.org/dav/props/", "executable"), ==, "F");
  g_assert_cmpstr (property_value (ms, 2, "DAV:", "getcontentlength"), ==, "12");
}

static void
test_apache_named_404_many_prefixes (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("apache-named-404-many-prefixes.xml");
  const DavPropstat *missing;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  g_assert_cmpstr (href_at (ms, 0), ==, "/my%20box/");
  /* %20 and %23 stay encoded, raw parentheses stay raw. */
  g_assert_cmpstr (href_at (ms, 1), ==, "/my%20box/photo%20%232%20(edit).jpg");

  /* DAV: is bound to D, ns0, lp1 and g0 at once: all are DAV:. */
  missing = propstat_at (ms, 0, 1);
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpstr (missing->reason, ==, "Not Found");
  g_assert_cmpuint (missing->properties->len, ==, 4);
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->namespace_uri, ==, "DAV:");
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->name, ==, "displayname");
  g_assert_cmpstr (property_at (ms, 0, 1, 1)->namespace_uri, ==, "DAV:");
  g_assert_cmpstr (property_at (ms, 0, 1, 2)->namespace_uri, ==, "http://example.org/ns/colors");
  g_assert_cmpstr (property_at (ms, 0, 1, 2)->name, ==, "hue");
  g_assert_cmpstr (property_at (ms, 0, 1, 3)->namespace_uri, ==, "http://apache.org/dav/props/");
  for (guint i = 0; i < missing->properties->len; i++)
    {
      const DavProperty *property = g_ptr_array_index (missing->properties, i);

      g_assert_null (property->value);
      g_assert_cmpuint (property->status, ==, 404);
    }
  /* Empty elements in a 404 propstat are names, not values. */
  g_assert_false (has_problem_anywhere (ms, DAV_PROBLEM_VALUE_IN_FAILED_PROPSTAT));

  g_assert_cmpuint (propstat_at (ms, 1, 0)->status, ==, 200);
  g_assert_cmpstr (property_value (ms, 1, "DAV:", "getcontentlength"), ==, "7");
  g_assert_cmpstr (property_value (ms, 1, "http://apache.org/dav/props/", "executable"), ==, "T");
  g_assert_cmpuint (propstat_at (ms, 1, 1)->properties->len, ==, 2);
}

static void
test_attribute_without_value (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("attribute-without-value.xml");
  const DavResponse *r;
  const DavProblem *problem;

  /* A valueless attribute is not XML: parsing stops there. */
  g_assert_false (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_NOT_WELL_FORMED));
  problem = g_ptr_array_index (ms->problems, 0);
  g_assert_cmpuint (problem->kind, ==, DAV_PROBLEM_NOT_WELL_FORMED);
  g_assert_cmpuint (problem->line, ==, 11);
  g_assert_cmpuint (problem->column, >, 0);

  /* The open response is handed over all the same, marked as cut off. */
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/remote.php/dav/files/kim/tagged/");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_TRUNCATED));
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "getetag"), ==, "\"77aa\"");
  g_assert_nonnull (find_property (ms, 0, "http://ns.example.org/tags", "labels"));
  g_assert_false (dump_contains (ms, "Blue"));
}

static void
test_cdata_href_and_value (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("cdata-href-and-value.xml");
  const DavProperty *name;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  /* CDATA is text: its '&' is a plain character, not an entity. */
  g_assert_cmpstr (href_at (ms, 0), ==, "/dav/coll/a&b");
  /* An href made of text, CDATA and text again is one href. */
  g_assert_cmpuint (response_at (ms, 1)->hrefs->len, ==, 1);
  g_assert_cmpstr (href_at (ms, 1), ==, "/dav/coll/x&y.txt");
  g_assert_cmpuint (response_at (ms, 1)->status, ==, 200);

  /* Markup inside CDATA is text, not XML. */
  name = find_property (ms, 0, "DAV:", "displayname");
  g_assert_nonnull (name);
  g_assert_cmpstr (name->value, ==, "<b>bold</b>");
  g_assert_false (name->is_xml);
  g_assert_false (has_problem_anywhere (ms, DAV_PROBLEM_UNEXPECTED_ELEMENT));
}

static void
test_comments_between_elements (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("comments-between-elements.xml");

  /* Comments anywhere, even before and after the root, are nothing. */
  g_assert_true (ms->complete);
  g_assert_true (ms->well_formed);
  g_assert_cmpuint (ms->problems->len, ==, 0);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  g_assert_cmpstr (href_at (ms, 0), ==, "/dav/coll/c1");
  g_assert_cmpuint (response_at (ms, 0)->status, ==, 200);
  g_assert_cmpuint (response_at (ms, 0)->problems->len, ==, 0);
  g_assert_cmpstr (href_at (ms, 1), ==, "/dav/coll/c2");
  g_assert_cmpuint (response_at (ms, 1)->problems->len, ==, 0);
  g_assert_cmpuint (propstat_at (ms, 1, 0)->properties->len, ==, 1);
  g_assert_cmpstr (property_value (ms, 1, "DAV:", "getetag"), ==, "\"c2\"");
  g_assert_false (dump_contains (ms, "inside prop"));
}

static void
test_delete_403_members_no_slash (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("delete-403-members-no-slash.xml");
  const char *hrefs[] = { "/trash", "/trash/keep", "/trash/keep/a.txt", "/trash/keep/b%20c.txt" };

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, G_N_ELEMENTS (hrefs));
  for (guint i = 0; i < G_N_ELEMENTS (hrefs); i++)
    {
      const DavResponse *r = response_at (ms, i);

      /* Collections without their trailing slash are kept as sent. */
      g_assert_cmpstr (href_at (ms, i), ==, hrefs[i]);
      g_assert_cmpuint (r->status, ==, 403);
      g_assert_cmpstr (r->reason, ==, "Forbidden");
      g_assert_cmpstr (r->status_line, ==, "HTTP/1.1 403 Forbidden");
      g_assert_cmpuint (r->propstats->len, ==, 0);
      g_assert_cmpuint (r->problems->len, ==, 0);
    }
  g_assert_true (dav_multistatus_has_failures (ms));
}

static void
test_delete_single_423 (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("delete-single-423.xml");
  const DavResponse *r;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/vault/inner/held%20open.txt");
  g_assert_cmpuint (r->status, ==, 423);
  g_assert_cmpstr (r->reason, ==, "Locked");
  g_assert_cmpuint (r->propstats->len, ==, 0);
  g_assert_cmpuint (r->problems->len, ==, 0);
  g_assert_cmpuint (dav_response_get_effective_status (r), ==, 423);
  g_assert_false (dav_response_is_ok (r));
  g_assert_true (dav_multistatus_has_failures (ms));
}

static void
test_depth1_mixed_propstat_statuses (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("depth1-mixed-propstat-statuses.xml");
  const DavProperty *length;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 5);
  g_assert_cmpstr (href_at (ms, 0), ==, "/archive");
  g_assert_cmpstr (href_at (ms, 4), ==, "/archive/old");

  /* 200 and 404, the 404 one naming an empty getcontentlength. */
  g_assert_cmpuint (response_at (ms, 0)->propstats->len, ==, 2);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 200);
  g_assert_cmpuint (propstat_at (ms, 0, 1)->status, ==, 404);
  length = property_at (ms, 0, 1, 0);
  g_assert_cmpstr (length->name, ==, "getcontentlength");
  g_assert_null (length->value);
  g_assert_cmpuint (length->status, ==, 404);
  g_assert_cmpuint (response_at (ms, 0)->problems->len, ==, 0);
  g_assert_cmpuint (response_at (ms, 4)->propstats->len, ==, 2);
  g_assert_cmpuint (response_at (ms, 4)->problems->len, ==, 0);

  g_assert_cmpuint (propstat_at (ms, 1, 0)->status, ==, 200);
  g_assert_cmpstr (property_value (ms, 1, "DAV:", "getcontentlength"), ==, "4096");

  /* 403 and 425 propstats that still carry values: kept, and flagged. */
  g_assert_cmpuint (propstat_at (ms, 2, 0)->status, ==, 403);
  g_assert_cmpstr (propstat_at (ms, 2, 0)->reason, ==, "Forbidden");
  g_assert_cmpstr (property_value (ms, 2, "DAV:", "displayname"), ==, "Budget");
  g_assert_cmpuint (find_property (ms, 2, "DAV:", "displayname")->status, ==, 403);
  g_assert_true (has_problem (response_at (ms, 2)->problems, DAV_PROBLEM_VALUE_IN_FAILED_PROPSTAT));
  g_assert_cmpuint (propstat_at (ms, 3, 0)->status, ==, 425);
  g_assert_cmpstr (propstat_at (ms, 3, 0)->reason, ==, "Too Early");
  g_assert_cmpstr (property_value (ms, 3, "DAV:", "getcontentlength"), ==, "3");
  g_assert_true (has_problem (response_at (ms, 3)->problems, DAV_PROBLEM_VALUE_IN_FAILED_PROPSTAT));
  /* An empty resourcetype in a failed propstat is no value. */
  g_assert_cmpuint (count_problems (response_at (ms, 3)->problems, DAV_PROBLEM_VALUE_IN_FAILED_PROPSTAT), ==, 2);
}

/* A DOCTYPE of any kind stops the parse before anything is listed. */
static void
assert_forbidden_dtd (DavMultistatus *ms,
                      guint           line)
{
  const DavProblem *problem;

  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_FORBIDDEN_DTD));
  problem = g_ptr_array_index (ms->problems, 0);
  g_assert_cmpuint (problem->kind, ==, DAV_PROBLEM_FORBIDDEN_DTD);
  g_assert_cmpuint (problem->line, ==, line);
  g_assert_false (ms->complete);
  g_assert_false (ms->is_multistatus);
  g_assert_cmpuint (ms->n_responses, ==, 0);
  g_assert_cmpuint (ms->responses->len, ==, 0);
  g_assert_false (dump_contains (ms, "/dav/coll"));
}

static void
test_doctype_billion_laughs (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("doctype-billion-laughs.xml");

  assert_forbidden_dtd (ms, 2);
  g_assert_false (dump_contains (ms, "HAHA"));
}

static void
test_doctype_external_dtd (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("doctype-external-dtd.xml");

  assert_forbidden_dtd (ms, 2);
}

static void
test_doctype_parameter_entity (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("doctype-parameter-entity.xml");

  assert_forbidden_dtd (ms, 2);
}

static void
test_doctype_plain (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("doctype-plain.xml");

  /* Even a harmless DOCTYPE: we never process one. */
  assert_forbidden_dtd (ms, 2);
}

static void
test_doctype_xxe_system_entity (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("doctype-xxe-system-entity.xml");

  assert_forbidden_dtd (ms, 2);
  g_assert_false (dump_contains (ms, "root:"));
}

static void
test_draft_namespace_root (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("draft-namespace-root.xml");

  /* The pre-RFC 2518 draft namespace is not DAV:. */
  g_assert_true (ms->well_formed);
  g_assert_false (ms->is_multistatus);
  g_assert_false (ms->complete);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_NOT_MULTISTATUS));
  g_assert_cmpuint (ms->n_responses, ==, 0);
  g_assert_cmpuint (ms->responses->len, ==, 0);
}

static void
test_duplicate_href_423_404_gone (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("duplicate-href-423-404-gone.xml");
  const DavResponse *first;
  const DavResponse *second;

  /* Both are kept; only the second is flagged, and that is no reason to
   * doubt the whole body. */
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  first = response_at (ms, 0);
  second = response_at (ms, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "http://localhost/shelf/item7");
  g_assert_cmpstr (href_at (ms, 1), ==, "http://localhost/shelf/item7");
  g_assert_cmpuint (first->status, ==, 423);
  g_assert_cmpstr (first->reason, ==, "Locked");
  g_assert_cmpstr (first->description, ==, "Someone holds the lock");
  g_assert_false (has_problem (first->problems, DAV_PROBLEM_DUPLICATE_HREF));
  /* The reason does not match the code: the code decides, the reason is kept. */
  g_assert_cmpuint (second->status, ==, 404);
  g_assert_cmpstr (second->reason, ==, "Gone");
  g_assert_cmpstr (second->status_line, ==, "HTTP/1.1 404 Gone");
  g_assert_cmpstr (second->description, ==, "Nothing here any more");
  g_assert_true (has_problem (second->problems, DAV_PROBLEM_DUPLICATE_HREF));
  g_assert_cmpuint (count_problems (second->problems, DAV_PROBLEM_DUPLICATE_HREF), ==, 1);
}

static void
test_duplicate_prop_200_and_404 (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("duplicate-prop-200-and-404.xml");
  const DavResponse *r;
  const DavProperty *best;

  /* No XML declaration, default namespace, one line. */
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "https://192.0.2.10/cloud/");
  g_assert_cmpuint (r->propstats->len, ==, 2);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_DUPLICATE_PROPERTY));
  g_assert_cmpuint (count_problems (r->problems, DAV_PROBLEM_DUPLICATE_PROPERTY), ==, 1);

  /* Both reports are kept, each with its status. */
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->name, ==, "resourcetype");
  g_assert_cmpuint (property_at (ms, 0, 0, 0)->status, ==, 200);
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->name, ==, "resourcetype");
  g_assert_cmpuint (property_at (ms, 0, 1, 0)->status, ==, 404);

  /* The 200 one wins. */
  best = dav_response_find_property (r, "DAV:", "resourcetype");
  g_assert_nonnull (best);
  g_assert_cmpuint (best->status, ==, 200);
  g_assert_cmpstr (best->value, ==, "<collection xmlns=\"DAV:\"/>");
}

static void
test_empty_multistatus_multiline_root (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("empty-multistatus-multiline-root.xml");

  /* An empty listing is a complete answer, not an empty body. */
  g_assert_true (ms->is_multistatus);
  g_assert_true (ms->well_formed);
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 0);
  g_assert_cmpuint (ms->problems->len, ==, 0);
  g_assert_false (dav_multistatus_has_failures (ms));
}

static void
test_empty_multistatus_selfclosing (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("empty-multistatus-selfclosing.xml");

  g_assert_true (ms->is_multistatus);
  g_assert_true (ms->well_formed);
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 0);
  g_assert_cmpuint (ms->problems->len, ==, 0);
  g_assert_false (has_problem (ms->problems, DAV_PROBLEM_EMPTY_BODY));
}

static void
test_empty_prop_404 (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("empty-prop-404.xml");
  const DavResponse *r;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/no/such/file.txt");
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_cmpuint (r->propstats->len, ==, 1);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 404);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->properties->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_EMPTY_PROPSTAT));
  /* The whole item failed. */
  g_assert_cmpuint (dav_response_get_effective_status (r), ==, 404);
  g_assert_true (dav_multistatus_has_failures (ms));
}

static void
test_error_lock_token_submitted_423 (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("error-lock-token-submitted-423.xml");
  const DavResponse *r;
  const DavCondition *condition;

  g_assert_true (ms->complete);
  g_assert_true (ms->is_multistatus);
  g_assert_cmpuint (ms->errors->len, ==, 0);
  g_assert_cmpuint (ms->n_responses, ==, 2);

  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "http://example.net/shared/plan.odt");
  g_assert_cmpuint (r->status, ==, 423);
  g_assert_cmpuint (r->errors->len, ==, 1);
  condition = g_ptr_array_index (r->errors, 0);
  g_assert_cmpstr (condition->namespace_uri, ==, "DAV:");
  g_assert_cmpstr (condition->name, ==, "lock-token-submitted");
  /* The href inside the condition belongs to it, not to the response. */
  g_assert_cmpstr (condition->content, ==, "<href xmlns=\"DAV:\">/shared/</href>");
  g_assert_cmpuint (r->problems->len, ==, 0);

  r = response_at (ms, 1);
  g_assert_cmpstr (href_at (ms, 1), ==, "http://example.net/shared/notes.txt");
  g_assert_cmpuint (r->status, ==, 423);
  g_assert_cmpuint (r->errors->len, ==, 1);
  condition = g_ptr_array_index (r->errors, 0);
  g_assert_cmpstr (condition->name, ==, "no-conflicting-lock");
  g_assert_null (condition->content);
}

static void
test_escaped_reason_bidi (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("escaped-reason-bidi.xml");
  const DavResponse *r;
  g_autofree char *shown = NULL;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  /* The bidi override stays percent-encoded in the href. */
  g_assert_cmpstr (href_at (ms, 0), ==, "/dav/coll/invoice%E2%80%AEfdp.exe");
  /* The code decides; the reason is kept as sent, and shown escaped. */
  g_assert_cmpuint (r->status, ==, 403);
  g_assert_cmpstr (r->reason, ==, "Denied \u202Egnp.exe");
  shown = dav_text_escape (r->reason, -1);
  g_assert_cmpstr (shown, ==, "Denied \\u{202E}gnp.exe");
}

static void
test_extended_mkcol_403_unused_ns (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("extended-mkcol-403-unused-ns.xml");
  const DavProperty *name;

  /* An unused namespace declaration is harmless. */
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->problems->len, ==, 0);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/projects/new-board");
  g_assert_cmpuint (response_at (ms, 0)->problems->len, ==, 0);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 403);
  g_assert_cmpstr (propstat_at (ms, 0, 0)->reason, ==, "Forbidden");
  name = property_at (ms, 0, 0, 0);
  g_assert_cmpstr (name->namespace_uri, ==, "DAV:");
  g_assert_cmpstr (name->name, ==, "displayname");
  g_assert_null (name->value);
  g_assert_cmpuint (name->status, ==, 403);
  g_assert_true (dav_multistatus_has_failures (ms));
}

static void
test_failed_propstat_with_value_apostrophe (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("failed-propstat-with-value-apostrophe.xml");
  const DavResponse *r;
  const DavPropstat *p;

  /* Single-quoted declaration and attributes. */
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/memo");
  p = propstat_at (ms, 0, 0);
  g_assert_cmpuint (p->status, ==, 404);
  g_assert_cmpstr (p->reason, ==, "C'est pas l\u00e0");
  g_assert_cmpstr (p->status_line, ==, "HTTP/1.1 404 C'est pas l\u00e0");
  /* The value of a failed property is kept, and flagged. */
  g_assert_cmpstr (property_value (ms, 0, "urn:example:memo", "comment"), ==, "should not be here");
  g_assert_cmpuint (find_property (ms, 0, "urn:example:memo", "comment")->status, ==, 404);
  g_assert_cmpuint (count_problems (r->problems, DAV_PROBLEM_VALUE_IN_FAILED_PROPSTAT), ==, 1);
}

static void
test_href_amp_entity_propname (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("href-amp-entity-propname.xml");

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  /* &amp; is decoded once; the lower-case %-escapes stay as sent. */
  g_assert_cmpstr (href_at (ms, 0), ==, "/Caf%c3%a9%20&%20Bar/");
  g_assert_cmpstr (href_at (ms, 1), ==, "/Caf%c3%a9%20&%20Bar/men%c3%bc.txt");

  /* A propname answer: names only, no values. */
  g_assert_cmpuint (propstat_at (ms, 0, 0)->properties->len, ==, 4);
  g_assert_cmpuint (propstat_at (ms, 1, 0)->properties->len, ==, 4);
  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 4; j++)
      {
        const DavProperty *property = property_at (ms, i, 0, j);

        g_assert_null (property->value);
        g_assert_false (property->is_xml);
        g_assert_cmpuint (property->status, ==, 200);
      }
  g_assert_cmpstr (property_at (ms, 1, 0, 2)->namespace_uri, ==, "http://apache.org/dav/props/");
  g_assert_cmpstr (property_at (ms, 1, 0, 2)->name, ==, "executable");
}

static void
test_href_newline_indent (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("href-newline-indent.xml");

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  /* Newlines and indentation around the href text are trimmed. */
  g_assert_cmpstr (href_at (ms, 0), ==, "http://example.org/papers/drafts/");
  g_assert_cmpstr (href_at (ms, 1), ==, "http://example.org/papers/drafts/intro.tex");
  g_assert_cmpuint (response_at (ms, 0)->problems->len, ==, 0);
  g_assert_cmpuint (response_at (ms, 1)->problems->len, ==, 0);
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "resourcetype"), ==, "<collection xmlns=\"DAV:\"/>");
  g_assert_null (property_value (ms, 1, "DAV:", "resourcetype"));
}

static void
test_href_only_inside_prop (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("href-only-inside-prop.xml");
  const DavResponse *r;

  /* The response is kept, flagged, and the href inside its prop does
   * not become its href. */
  g_assert_true (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_null (dav_response_get_href (r));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_EMPTY_HREF));
  /* The propstat has no status either. */
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_STATUS));
  g_assert_cmpuint (r->propstats->len, ==, 1);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 0);
  g_assert_nonnull (find_property (ms, 0, "DAV:", "getetag"));
  g_assert_cmpuint (find_property (ms, 0, "DAV:", "getetag")->status, ==, 0);
}

static void
test_href_pct_encoded_entity_name (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("href-pct-encoded-entity-name.xml");

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  /* A file really named "&lt;.txt": neither percent- nor entity-decoded. */
  g_assert_cmpstr (href_at (ms, 0), ==, "http://example.com/notes/%26lt%3b.txt");
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "getetag"), ==, "\"0f0f\"");
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "getcontentlength"), ==, "0");
  g_assert_cmpuint (propstat_at (ms, 0, 1)->status, ==, 404);
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->name, ==, "quota-used-bytes");
  g_assert_cmpuint (response_at (ms, 0)->problems->len, ==, 0);
}

static void
test_href_query_string_amp (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("href-query-string-amp.xml");

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/shared/my%20doc?rev=3&view=raw");
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "getcontentlength"), ==, "11");
  g_assert_cmpuint (response_at (ms, 0)->problems->len, ==, 0);
}

static void
test_href_raw_utf8 (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("href-raw-utf8.xml");

  /* Raw UTF-8 in an href is well-formed XML: kept as sent, not encoded. */
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  g_assert_cmpstr (href_at (ms, 0), ==, "http://example.org/price\u20aclist");
  g_assert_cmpstr (href_at (ms, 1), ==, "/old%20docs/\u20acuro");
  for (guint i = 0; i < 2; i++)
    {
      const DavPropstat *p = propstat_at (ms, i, 0);

      /* 209 is no registered code: recorded, and flagged. */
      g_assert_cmpuint (p->status, ==, 209);
      g_assert_cmpstr (p->reason, ==, "Fine Thanks");
      g_assert_true (has_problem (response_at (ms, i)->problems, DAV_PROBLEM_UNKNOWN_STATUS));
      g_assert_false (has_problem (response_at (ms, i)->problems, DAV_PROBLEM_ENCODING));
    }
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "displayname"), ==, "raw euro");
  g_assert_cmpstr (property_value (ms, 1, "DAV:", "displayname"), ==, "mixed");
}

static void
test_href_whitespace_crlf (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("href-whitespace-crlf.xml");
  const DavPropstat *p;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  /* CR LF before and a space after: trimmed. */
  g_assert_cmpstr (href_at (ms, 0), ==, "http://localhost/gamma");
  p = propstat_at (ms, 0, 0);
  g_assert_cmpuint (p->status, ==, 200);
  g_assert_cmpstr (p->reason, ==, "OK");
  g_assert_cmpstr (p->status_line, ==, "HTTP/1.1 200 OK");
  g_assert_cmpstr (property_value (ms, 0, "urn:example:greek", "gamma"), ==, "delta");
  g_assert_cmpuint (response_at (ms, 0)->problems->len, ==, 0);
}

static void
test_href_whitespace_status_newline (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("href-whitespace-status-newline.xml");
  const DavResponse *r;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/gap");
  /* The newline before </status> is no part of the status line. */
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->reason, ==, "OK");
  g_assert_cmpstr (r->status_line, ==, "HTTP/1.1 200 OK");
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_LENIENT_STATUS_LINE));
  /* An empty responsedescription is no description. */
  g_assert_null (r->description);
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
test_hrefs_relative_colon_at_sign (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("hrefs-relative-colon-at-sign.xml");
  const char *hrefs[] = {
    "https://192.0.2.10/files/", "/files/photos", "/files/user@example.org:notes.txt",
    "contact@pc.local.vcf", "memo:2024.txt", "/elsewhere/thing",
  };

  /* The parser keeps every form of href as sent; resolving them against
   * the request is the client's job. */
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, G_N_ELEMENTS (hrefs));
  for (guint i = 0; i < G_N_ELEMENTS (hrefs); i++)
    {
      g_assert_cmpuint (response_at (ms, i)->hrefs->len, ==, 1);
      g_assert_cmpstr (href_at (ms, i), ==, hrefs[i]);
      g_assert_cmpuint (propstat_at (ms, i, 0)->status, ==, 200);
      g_assert_cmpuint (response_at (ms, i)->problems->len, ==, 0);
    }
  g_assert_cmpstr (property_value (ms, 4, "DAV:", "displayname"), ==, "Relative with colon");
}

static void
test_html_error_body (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("html-error-body.xml");

  /* An HTML error page with a DOCTYPE: stopped there, and called what it
   * is (an HTML page), not a hostile DTD. */
  g_assert_false (ms->is_multistatus);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 0);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_NOT_MULTISTATUS));
  g_assert_false (has_problem (ms->problems, DAV_PROBLEM_FORBIDDEN_DTD));
  g_assert_cmpuint (ms->errors->len, ==, 0);
  g_assert_false (dump_contains (ms, "somebody"));
}

static void
test_html_without_doctype (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("html-without-doctype.xml");

  g_assert_true (ms->well_formed);
  g_assert_false (ms->is_multistatus);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 0);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_NOT_MULTISTATUS));
  g_assert_cmpuint (ms->errors->len, ==, 0);
  g_assert_false (dav_multistatus_has_failures (ms) && ms->complete);
}

static void
test_incomplete_responses_kept (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("incomplete-responses-kept.xml");
  const DavResponse *r;

  /* Six responses, however broken: none is dropped. */
  g_assert_true (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 6);
  g_assert_cmpuint (ms->problems->len, ==, 0);

  /* <D:response/> */
  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_STATUS));
  g_assert_cmpuint (r->index, ==, 0);

  /* href "/" with an interim code nobody registered */
  r = response_at (ms, 1);
  g_assert_cmpstr (href_at (ms, 1), ==, "/");
  g_assert_cmpuint (r->status, ==, 119);
  g_assert_cmpstr (r->reason, ==, "Early Bird");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_INTERIM_STATUS));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_UNKNOWN_STATUS));
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));

  r = response_at (ms, 2);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));

  /* text in a propstat, no href, no status */
  r = response_at (ms, 3);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_cmpuint (r->propstats->len, ==, 1);
  g_assert_cmpuint (propstat_at (ms, 3, 0)->status, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_UNEXPECTED_TEXT));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_STATUS));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));
  g_assert_false (dump_contains (ms, "words"));

  /* <D:href/> */
  r = response_at (ms, 4);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_EMPTY_HREF));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_STATUS));

  r = response_at (ms, 5);
  g_assert_cmpstr (href_at (ms, 5), ==, "/tail");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (r->problems->len, ==, 0);
  g_assert_cmpuint (r->index, ==, 5);
}

static void
test_interim_102_status (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("interim-102-status.xml");
  const DavResponse *r;

  /* Recorded and flagged; a warning, so the body as such is complete. */
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/dav/coll/slow");
  g_assert_cmpuint (r->status, ==, 102);
  g_assert_cmpstr (r->reason, ==, "Processing");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_INTERIM_STATUS));
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_UNKNOWN_STATUS));
  g_assert_false (dav_response_is_ok (r));
}

static void
test_json_value_inline_namespace (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("json-value-inline-namespace.xml");
  const DavProperty *json;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/remote.php/dav/files/kim/Shared%20stuff/");
  g_assert_cmpuint (propstat_at (ms, 0, 0)->properties->len, ==, 6);
  g_assert_cmpstr (property_value (ms, 0, "http://owncloud.org/ns", "permissions"), ==, "RGDNVCK");
  /* Empty and self-closing properties have no value. */
  g_assert_null (property_value (ms, 0, "http://nextcloud.org/ns", "note"));
  g_assert_null (property_value (ms, 0, "http://nextcloud.org/ns", "sharees"));
  /* JSON text: entities decoded, kept as text with its leading whitespace. */
  json = find_property (ms, 0, "http://nextcloud.org/ns", "share-attributes");
  g_assert_nonnull (json);
  g_assert_false (json->is_xml);
  g_assert_cmpstr (json->value, ==,
                   "\n\t\t\t\t\t[{\"scope\":\"permissions\",\"key\":\"download\",\"enabled\":true}]");
  /* A prefix declared on the property element itself. */
  g_assert_cmpstr (property_value (ms, 0, "http://ns.example.org/sharing", "share-level"), ==, "17");
  g_assert_cmpuint (propstat_at (ms, 0, 1)->status, ==, 404);
  g_assert_cmpstr (property_at (ms, 0, 1, 1)->namespace_uri, ==, "http://nextcloud.org/ns");
  g_assert_cmpstr (property_at (ms, 0, 1, 1)->name, ==, "is-encrypted");
  g_assert_cmpuint (response_at (ms, 0)->problems->len, ==, 0);
}

static void
test_junk_elements_split_href (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("junk-elements-split-href.xml");
  const DavResponse *r;

  g_assert_true (ms->well_formed);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  /* Junk before the first response belongs to the body. */
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_UNEXPECTED_ELEMENT));
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_UNEXPECTED_TEXT));

  r = response_at (ms, 0);
  /* The text on both sides of the element inside the href is joined. */
  g_assert_cmpuint (r->hrefs->len, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/path");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->description, ==, "All is calm");
  /* wedge, tinsel, bauble, garland */
  g_assert_cmpuint (count_problems (r->problems, DAV_PROBLEM_UNEXPECTED_ELEMENT), ==, 4);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_UNEXPECTED_TEXT));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_STATUS_AND_PROPSTAT));
  /* The propstat holds only junk: no property, no status. */
  g_assert_cmpuint (r->propstats->len, ==, 1);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->properties->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_EMPTY_PROPSTAT));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_STATUS));
  /* A propstat without a status is fatal, the junk alone is not. */
  g_assert_false (ms->complete);
  g_assert_false (dav_problem_kind_is_fatal (DAV_PROBLEM_UNEXPECTED_ELEMENT));
  g_assert_false (dav_problem_kind_is_fatal (DAV_PROBLEM_UNEXPECTED_TEXT));
  /* Nothing of the junk leaks into the data. */
  g_assert_false (dump_contains (ms, "lights"));
  g_assert_false (dump_contains (ms, "humbug"));
  g_assert_false (dump_contains (ms, "frost"));
}

static void
test_lock_207_424_423 (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("lock-207-424-423.xml");
  const DavResponse *r;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);

  /* The request-URI, without its trailing slash: 424 for lockdiscovery,
   * and a response-level description after the propstat. */
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/vault");
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 424);
  g_assert_cmpstr (propstat_at (ms, 0, 0)->reason, ==, "Failed Dependency");
  g_assert_null (propstat_at (ms, 0, 0)->description);
  g_assert_cmpstr (r->description, ==, "Another resource below this one could not be locked.");
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->name, ==, "lockdiscovery");
  g_assert_cmpuint (property_at (ms, 0, 0, 0)->status, ==, 424);
  g_assert_cmpuint (dav_response_get_effective_status (r), ==, 424);
  g_assert_cmpuint (r->problems->len, ==, 0);

  /* The member that holds the lock, with %25 kept encoded. */
  r = response_at (ms, 1);
  g_assert_cmpstr (href_at (ms, 1), ==, "/vault/inner/50%25.txt");
  g_assert_cmpuint (r->status, ==, 423);
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
test_mixed_content_value_299 (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("mixed-content-value-299.xml");
  const DavProperty *note;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 298);
  g_assert_cmpstr (propstat_at (ms, 0, 0)->reason, ==, "Close Enough");
  g_assert_true (has_problem (response_at (ms, 0)->problems, DAV_PROBLEM_UNKNOWN_STATUS));
  /* Text and elements in no namespace, kept in order as XML. */
  note = find_property (ms, 0, "DAV:", "note");
  g_assert_nonnull (note);
  g_assert_true (note->is_xml);
  g_assert_cmpstr (note->value, ==, "see <ref/> and <pair><left>salt</left></pair> too");
  g_assert_cmpuint (note->status, ==, 298);
}

static void
test_multi_href_423_delete (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("multi-href-423-delete.xml");
  const DavResponse *r;
  const DavCondition *condition;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);

  /* Both hrefs share the 423; the href in the error is not a third. */
  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r->hrefs, 0), ==, "/dav/coll/locked-a.txt");
  g_assert_cmpstr (g_ptr_array_index (r->hrefs, 1), ==, "/dav/coll/locked-b.txt");
  g_assert_cmpuint (r->status, ==, 423);
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_HREFS_WITH_PROPSTAT));
  g_assert_cmpuint (r->errors->len, ==, 1);
  condition = g_ptr_array_index (r->errors, 0);
  g_assert_cmpstr (condition->name, ==, "lock-token-submitted");
  g_assert_nonnull (strstr (condition->content, "/dav/coll/"));
  g_assert_cmpuint (r->problems->len, ==, 0);

  /* Named in the condition and as the second response: no duplicate. */
  r = response_at (ms, 1);
  g_assert_cmpstr (href_at (ms, 1), ==, "/dav/coll/");
  g_assert_cmpuint (r->status, ==, 424);
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_DUPLICATE_HREF));
}

static void
test_multi_href_status_form (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("multi-href-status-form.xml");
  const DavResponse *r;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (r->hrefs, 0), ==, "http://example.org/copy-target/one.txt");
  g_assert_cmpstr (g_ptr_array_index (r->hrefs, 2), ==, "http://example.org/copy-target/");
  g_assert_cmpstr (g_ptr_array_index (r->hrefs, 3), ==, "http://example.org/copy-target/sub/three.txt");
  g_assert_cmpuint (r->status, ==, 201);
  g_assert_cmpstr (r->reason, ==, "Created");
  g_assert_cmpuint (r->problems->len, ==, 0);
  r = response_at (ms, 1);
  g_assert_cmpuint (r->status, ==, 412);
  g_assert_cmpstr (r->reason, ==, "Precondition Failed");
}

static void
test_multi_href_tab_whitespace (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("multi-href-tab-whitespace.xml");
  const DavResponse *r;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  r = response_at (ms, 0);
  /* Newline, tab and spaces on both sides of each href: trimmed. */
  g_assert_cmpuint (r->hrefs->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r->hrefs, 0), ==, "http://example.org/queue/job.pdf");
  g_assert_cmpstr (g_ptr_array_index (r->hrefs, 1), ==, "http://example.org/queue/");
  g_assert_cmpuint (r->status, ==, 202);
  g_assert_cmpstr (r->reason, ==, "Accepted");
  g_assert_cmpuint (r->problems->len, ==, 0);
  g_assert_cmpstr (href_at (ms, 1), ==, "http://example.org/locked-out");
  g_assert_cmpuint (response_at (ms, 1)->status, ==, 403);
}

static void
test_multistatus_description_403_nested_values (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("multistatus-description-403-nested-values.xml");
  const DavPropstat *p;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  /* A description after the responses belongs to the body. */
  g_assert_cmpstr (ms->description, ==, "Some properties could not be read.");
  g_assert_null (response_at (ms, 0)->description);
  g_assert_cmpstr (href_at (ms, 0), ==, "http://example.org/crate");

  /* Nested elements are serialized with their namespace. */
  g_assert_cmpstr (property_value (ms, 0, "http://ns.example.org/inventory/", "crate"), ==,
                   "<Kind xmlns=\"http://ns.example.org/inventory/\">Wooden crate</Kind>");
  g_assert_cmpstr (property_value (ms, 0, "http://ns.example.org/inventory/", "owner"), ==,
                   "<Name xmlns=\"http://ns.example.org/inventory/\">R. Roe</Name>");
  g_assert_true (find_property (ms, 0, "http://ns.example.org/inventory/", "crate")->is_xml);

  /* The 403 propstat has its own description; names keep their case. */
  p = propstat_at (ms, 0, 1);
  g_assert_cmpuint (p->status, ==, 403);
  g_assert_cmpstr (p->description, ==, "Only the owner may read the Secret property.");
  g_assert_null (propstat_at (ms, 0, 0)->description);
  g_assert_cmpuint (p->properties->len, ==, 2);
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->name, ==, "Secret");
  g_assert_cmpstr (property_at (ms, 0, 1, 1)->name, ==, "Combination");
  g_assert_cmpuint (response_at (ms, 0)->problems->len, ==, 0);
}

static void
test_nested_href_prop_in_value (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("nested-href-prop-in-value.xml");
  const DavResponse *r;
  const char *invite;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  /* The sharee's href and prop stay inside the invite value. */
  g_assert_cmpuint (r->hrefs->len, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/calendars/team");
  g_assert_cmpuint (r->propstats->len, ==, 1);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->properties->len, ==, 3);
  g_assert_null (find_property (ms, 0, "DAV:", "displayname"));
  g_assert_null (find_property (ms, 0, "DAV:", "href"));
  invite = property_value (ms, 0, "DAV:", "invite");
  g_assert_true (g_str_has_prefix (invite, "<sharee xmlns=\"DAV:\">"));
  g_assert_nonnull (strstr (invite, "<href>mailto:ada@example.org</href>"));
  g_assert_nonnull (strstr (invite, "<displayname>Ada L.</displayname>"));
  g_assert_nonnull (strstr (invite, "<invite-accepted/>"));
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "share-access"), ==, "<shared-owner xmlns=\"DAV:\"/>");
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "share-resource-uri"), ==,
                   "<href xmlns=\"DAV:\">urn:uuid:5f0c7d2e</href>");
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
test_nested_hrefs_lockdiscovery_owner_location (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("nested-hrefs-lockdiscovery-owner-location.xml");
  const DavResponse *r;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  /* lockroot and owner hrefs are part of the value only. */
  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/dav/coll/f");
  g_assert_null (r->location);
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "lockdiscovery"), ==,
                   "<activelock xmlns=\"DAV:\"><lockroot><href>/other/</href></lockroot>"
                   "<owner><href>http://evil.example/</href></owner></activelock>");

  /* The location href is the location, trimmed, and not an href of the response. */
  r = response_at (ms, 1);
  g_assert_cmpuint (r->hrefs->len, ==, 1);
  g_assert_cmpstr (href_at (ms, 1), ==, "/dav/coll/moved");
  g_assert_cmpuint (r->status, ==, 301);
  g_assert_cmpstr (r->location, ==, "http://127.0.0.1:8080/dav/elsewhere/");
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
test_no_href_420_multiline_description (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("no-href-420-multiline-description.xml");
  const DavResponse *r;

  g_assert_true (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  /* Trimmed at both ends, the line break inside kept. */
  g_assert_cmpstr (ms->description, ==, "The publisher cannot be removed or\nchanged.");

  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));
  g_assert_cmpuint (r->status, ==, 420);
  g_assert_cmpstr (r->reason, ==, "Method Failure");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_UNKNOWN_STATUS));
  /* A prop directly in the response (the draft form) is flagged. */
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_UNEXPECTED_ELEMENT));
  g_assert_cmpuint (r->propstats->len, ==, 0);

  r = response_at (ms, 1);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));
  g_assert_cmpuint (r->status, ==, 409);
  g_assert_cmpuint (r->line, ==, 9);
}

static void
test_no_href_status_first (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("no-href-status-first.xml");
  const DavResponse *r;

  /* Indented declaration-to-root gap and trailing whitespace are fine. */
  g_assert_true (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->problems->len, ==, 0);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));
  g_assert_cmpuint (r->propstats->len, ==, 2);
  /* A status before the prop still belongs to its propstat. */
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 404);
  g_assert_cmpuint (property_at (ms, 0, 0, 0)->status, ==, 404);
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->name, ==, "getcontentlength");
  /* The second propstat has none. */
  g_assert_cmpuint (propstat_at (ms, 0, 1)->status, ==, 0);
  g_assert_cmpuint (property_at (ms, 0, 1, 0)->status, ==, 0);
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->value, ==, "<collection xmlns=\"DAV:\"/>");
  g_assert_cmpuint (count_problems (r->problems, DAV_PROBLEM_MISSING_STATUS), ==, 1);
}

static void
test_not_multistatus_root (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("not-multistatus-root.xml");

  /* A DAV: element, but not multistatus: a request echoed back. */
  g_assert_true (ms->well_formed);
  g_assert_false (ms->is_multistatus);
  g_assert_false (ms->complete);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_NOT_MULTISTATUS));
  g_assert_cmpuint (ms->n_responses, ==, 0);
  g_assert_cmpuint (ms->errors->len, ==, 0);
}

/* The same body as the ns-* fixtures, written the plain way. */
static const char plain_body[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<D:multistatus xmlns:D=\"DAV:\" xmlns:P=\"urn:example:paint\">\n"
  "<D:response>\n"
  "<D:href>/dav/coll/item.txt</D:href>\n"
  "<D:propstat>\n"
  "<D:prop>\n"
  "<D:getcontentlength>42</D:getcontentlength>\n"
  "<D:resourcetype/>\n"
  "<P:color>teal</P:color>\n"
  "</D:prop>\n"
  "<D:status>HTTP/1.1 200 OK</D:status>\n"
  "</D:propstat>\n"
  "</D:response>\n"
  "</D:multistatus>\n";

static void
assert_same_as_plain (const char *fixture)
{
  g_autoptr(DavMultistatus) plain = parse_string (plain_body);
  g_autoptr(DavMultistatus) ms = parse_fixture (fixture);
  g_autofree char *plain_dump = canonical_dump (plain);
  g_autofree char *dump = canonical_dump (ms);

  g_assert_true (plain->complete);
  g_assert_cmpuint (plain->n_responses, ==, 1);
  g_assert_cmpstr (property_value (plain, 0, "urn:example:paint", "color"), ==, "teal");
  g_assert_cmpstr (dump, ==, plain_dump);
}

static void
test_ns_default (void)
{
  assert_same_as_plain ("ns-default.xml");
}

static void
test_ns_lp_prefixes (void)
{
  assert_same_as_plain ("ns-lp-prefixes.xml");
}

static void
test_ns_prefix_redefined (void)
{
  /* "a" is DAV: on the root and another namespace inside the propstat. */
  assert_same_as_plain ("ns-prefix-redefined.xml");
}

static void
test_ns_uppercase_prefix (void)
{
  /* Prefixes are names: "DAV" as a prefix means nothing by itself. */
  assert_same_as_plain ("ns-uppercase-prefix.xml");
}

static void
test_ns_foreign_href (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("ns-foreign-href.xml");
  const DavResponse *r;

  /* An href in another namespace names nothing. */
  g_assert_true (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_UNEXPECTED_ELEMENT));
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_false (dump_contains (ms, "/dav/coll/fake"));
}

static void
test_ns_wrong_case_dav (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("ns-wrong-case-dav.xml");

  /* Namespace names are compared exactly: "dav:" is not "DAV:". */
  g_assert_true (ms->well_formed);
  g_assert_false (ms->is_multistatus);
  g_assert_false (ms->complete);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_NOT_MULTISTATUS));
  g_assert_cmpuint (ms->n_responses, ==, 0);
}

static void
test_ns_wrong_case_inner (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("ns-wrong-case-inner.xml");

  /* The root is right, the response is in "Dav:": it is not a DAV:
   * response, so nothing is listed; but an answer whose only item was
   * dropped for a wrong-case DAV namespace is no complete, empty
   * listing (dav-problem.h: NAMESPACE covers "DAV: element in a wrong
   * namespace"). */
  g_assert_true (ms->well_formed);
  g_assert_true (ms->is_multistatus);
  g_assert_cmpuint (ms->n_responses, ==, 0);
  g_assert_false (dump_contains (ms, "/dav/coll/item.txt"));
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_NAMESPACE));
  g_assert_false (ms->complete);
}

static void
test_ns0_prefix_404_propstat_first (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("ns0-prefix-404-propstat-first.xml");
  const DavResponse *r;
  const DavProperty *type;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/lib/notebooks/");
  /* The 404 group comes first; both are kept in order. */
  g_assert_cmpuint (r->propstats->len, ==, 2);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 404);
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->name, ==, "getcontentlength");
  g_assert_cmpuint (propstat_at (ms, 0, 1)->status, ==, 200);
  /* Whitespace around the self-closing child is not part of the value. */
  type = dav_response_find_property (r, "DAV:", "resourcetype");
  g_assert_nonnull (type);
  g_assert_cmpuint (type->status, ==, 200);
  g_assert_cmpstr (type->value, ==, "<collection xmlns=\"DAV:\"/>");
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
test_proppatch_424_409_default_ns_props (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("proppatch-424-409-default-ns-props.xml");
  const DavResponse *r;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "http://example.net/poems/ode");
  g_assert_cmpuint (r->propstats->len, ==, 2);
  /* Properties that redeclare the default namespace for themselves. */
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 424);
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->namespace_uri, ==, "http://ns.example.net/meta/");
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->name, ==, "Title");
  g_assert_cmpuint (property_at (ms, 0, 0, 0)->status, ==, 424);
  /* A redundant xmlns="DAV:" on the second propstat changes nothing. */
  g_assert_cmpuint (propstat_at (ms, 0, 1)->status, ==, 409);
  g_assert_cmpstr (propstat_at (ms, 0, 1)->reason, ==, "Conflict");
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->name, ==, "Rights");
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->namespace_uri, ==, "http://ns.example.net/meta/");
  /* The description after the propstats belongs to the response. */
  g_assert_cmpstr (r->description, ==, "The rights holder cannot be changed.");
  g_assert_null (propstat_at (ms, 0, 0)->description);
  g_assert_null (propstat_at (ms, 0, 1)->description);
  /* The 409 is the cause; the 424 only follows from it. */
  g_assert_cmpuint (dav_response_get_effective_status (r), ==, 409);
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
test_ns_uri_empty_port (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("ns-uri-empty-port.xml");

  /* A namespace is a name: kept as sent, and no problem for the answer. */
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  g_assert_cmpuint (response_at (ms, 0)->problems->len, ==, 0);
  g_assert_cmpuint (ms->problems->len, ==, 0);
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->namespace_uri, ==, "http://example.com:");
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->name, ==, "author");
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->value, ==, "Ada");
  g_assert_cmpstr (property_at (ms, 0, 0, 1)->namespace_uri, ==, "urn:example:ratings:");
}

static void
test_proppatch_relative_namespace_uri (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("proppatch-relative-namespace-uri.xml");

  /* "tags" is no absolute URI, but it is the namespace as sent. */
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/files/song.ogg");
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 200);
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->namespace_uri, ==, "tags");
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->name, ==, "genre");
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->value, ==, "Ambient");
  g_assert_cmpuint (propstat_at (ms, 0, 1)->status, ==, 404);
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->namespace_uri, ==, "tags");
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->name, ==, "mood");
  g_assert_null (property_at (ms, 0, 1, 0)->value);
}

static void
test_propstat_error_condition (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("propstat-error-condition.xml");
  const DavPropstat *p;
  const DavResponse *r;
  const DavCondition *condition;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);

  /* A condition and a padded description inside a propstat. */
  p = propstat_at (ms, 0, 0);
  g_assert_cmpuint (p->status, ==, 403);
  g_assert_cmpuint (p->errors->len, ==, 1);
  condition = g_ptr_array_index (p->errors, 0);
  g_assert_cmpstr (condition->namespace_uri, ==, "DAV:");
  g_assert_cmpstr (condition->name, ==, "cannot-modify-protected-property");
  g_assert_null (condition->content);
  g_assert_cmpstr (p->description, ==, "The etag is computed by the server.");
  g_assert_cmpuint (response_at (ms, 0)->errors->len, ==, 0);
  g_assert_null (response_at (ms, 0)->description);

  /* Two conditions on the response, one of them with mixed content. */
  r = response_at (ms, 1);
  g_assert_cmpuint (r->status, ==, 507);
  g_assert_cmpuint (r->errors->len, ==, 2);
  condition = g_ptr_array_index (r->errors, 0);
  g_assert_cmpstr (condition->name, ==, "quota-not-exceeded");
  condition = g_ptr_array_index (r->errors, 1);
  g_assert_cmpstr (condition->namespace_uri, ==, "urn:example:quota");
  g_assert_cmpstr (condition->name, ==, "reason");
  g_assert_cmpstr (condition->content, ==, "over by <n xmlns=\"urn:example:quota\">3</n> files");
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
test_propstat_without_status (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("propstat-without-status.xml");
  const DavResponse *r;

  g_assert_true (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/files/unsure.txt");
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 0);
  g_assert_null (propstat_at (ms, 0, 0)->status_line);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_STATUS));
  /* The property is kept, with no status. */
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "displayname"), ==, "No status given");
  g_assert_cmpuint (find_property (ms, 0, "DAV:", "displayname")->status, ==, 0);
  g_assert_cmpuint (dav_response_get_effective_status (r), ==, 0);
  g_assert_false (dav_response_is_ok (r));
}

static void
test_propstats_without_prop_odd_codes (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("propstats-without-prop-odd-codes.xml");
  const guint codes[2][3] = { { 331, 442, 553 }, { 566, 577, 0 } };
  const char *reasons[2][3] = { { "Eins", "Zwei", "Drei" }, { "Vier", "F\u00fcnf", NULL } };

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  g_assert_cmpstr (href_at (ms, 0), ==, "/num/one");
  g_assert_cmpstr (href_at (ms, 1), ==, "/num/two");
  g_assert_cmpuint (response_at (ms, 0)->propstats->len, ==, 3);
  g_assert_cmpuint (response_at (ms, 1)->propstats->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const DavResponse *r = response_at (ms, i);

      /* Statuses with no prop: every group is kept and flagged. */
      for (guint j = 0; j < r->propstats->len; j++)
        {
          const DavPropstat *p = propstat_at (ms, i, j);

          g_assert_cmpuint (p->status, ==, codes[i][j]);
          g_assert_cmpstr (p->reason, ==, reasons[i][j]);
          g_assert_cmpuint (p->properties->len, ==, 0);
        }
      g_assert_cmpuint (count_problems (r->problems, DAV_PROBLEM_UNKNOWN_STATUS), ==, r->propstats->len);
      g_assert_cmpuint (count_problems (r->problems, DAV_PROBLEM_EMPTY_PROPSTAT), ==, r->propstats->len);
      g_assert_false (dav_response_is_ok (r));
    }
}

static void
test_quota_negative_no_xml_decl (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("quota-negative-no-xml-decl.xml");

  /* No XML declaration, no final newline, unused prefixes. */
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->problems->len, ==, 0);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/remote.php/dav/files/kim/");
  /* A negative quota is text; reading it is for the caller. */
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "quota-available-bytes"), ==, "-3");
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "quota-used-bytes"), ==, "52428800");
  g_assert_cmpuint (response_at (ms, 0)->problems->len, ==, 0);
}

static void
test_single_quoted_decl_nonascii (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("single-quoted-decl-nonascii.xml");

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  g_assert_cmpstr (href_at (ms, 0), ==, "/lib/");
  /* An empty displayname with a space before "/>". */
  g_assert_null (property_value (ms, 0, "DAV:", "displayname"));
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "resourcetype"), ==, "<collection xmlns=\"DAV:\"/>");
  /* The href percent-encoded, the displayname raw UTF-8. */
  g_assert_cmpstr (href_at (ms, 1), ==, "/lib/Mes%20donn%C3%A9es/");
  g_assert_cmpstr (property_value (ms, 1, "DAV:", "displayname"), ==, "Mes donn\u00e9es");
  g_assert_cmpstr (property_value (ms, 1, "DAV:", "getetag"), ==, "9e107d9d372bb6826bd81d3542a419d6");
}

static void
test_status_599_unknown_code (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("status-599-unknown-code.xml");
  const DavResponse *r;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  g_assert_cmpuint (response_at (ms, 0)->status, ==, 200);
  g_assert_cmpuint (response_at (ms, 0)->problems->len, ==, 0);
  r = response_at (ms, 1);
  g_assert_cmpstr (href_at (ms, 1), ==, "/music/track02.flac");
  g_assert_cmpuint (r->status, ==, 599);
  g_assert_cmpstr (r->reason, ==, "Server Melted");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_UNKNOWN_STATUS));
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_BAD_STATUS_LINE));
  g_assert_false (dav_response_is_ok (r));
  g_assert_true (dav_multistatus_has_failures (ms));
}

static void
test_status_and_propstat_descriptions (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("status-and-propstat-descriptions.xml");
  const DavResponse *r;
  const DavPropstat *p;

  /* Both forms at once is a warning: both are kept. */
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/menu");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_STATUS_AND_PROPSTAT));
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->description, ==, "Come back tomorrow");
  g_assert_cmpuint (r->propstats->len, ==, 1);
  p = propstat_at (ms, 0, 0);
  g_assert_cmpuint (p->status, ==, 457);
  g_assert_cmpstr (p->reason, ==, "Out Of Soup");
  g_assert_cmpstr (p->description, ==, "No soup today");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_UNKNOWN_STATUS));
  /* The failed group is not hidden by the 200. */
  g_assert_cmpuint (dav_response_get_effective_status (r), ==, 457);
  g_assert_false (dav_response_is_ok (r));
}

static void
test_status_before_prop_location (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("status-before-prop-location.xml");
  const DavResponse *r;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "http://localhost:8421/share/docs/");
  /* The status comes first, and still applies to the properties after it. */
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 200);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->properties->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (property_at (ms, 0, 0, i)->status, ==, 200);
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "getetag"), ==, "\"5d41402abc4b2a76\"");
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "resourcetype"), ==, "<collection xmlns=\"DAV:\"/>");
  /* The location's href is the location only. */
  g_assert_cmpstr (r->location, ==, "http://localhost:8421/share/docs");
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
test_status_garbage (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("status-garbage.xml");
  const DavResponse *r;

  g_assert_true (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 3);

  r = response_at (ms, 0);
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_null (r->reason);
  g_assert_cmpstr (r->status_line, ==, "garbage");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_BAD_STATUS_LINE));
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_MISSING_STATUS));

  /* An empty status element is a status that cannot be read. */
  r = response_at (ms, 1);
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_cmpstr (r->status_line, ==, "");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_BAD_STATUS_LINE));

  /* A format string where the code should be. */
  r = response_at (ms, 2);
  g_assert_cmpuint (propstat_at (ms, 2, 0)->status, ==, 0);
  g_assert_cmpstr (propstat_at (ms, 2, 0)->status_line, ==, "HTTP/1.1 %d OK");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_BAD_STATUS_LINE));
  g_assert_cmpuint (find_property (ms, 2, "DAV:", "getetag")->status, ==, 0);
  g_assert_cmpstr (property_value (ms, 2, "DAV:", "getetag"), ==, "\"g3\"");
}

static void
test_status_http_space_version (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("status-http-space-version.xml");
  const DavResponse *r;

  /* "HTTP 1.1 200 OK" is read, and noted: no reason to doubt the body. */
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/shapes/circle");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->reason, ==, "OK");
  g_assert_cmpstr (r->status_line, ==, "HTTP 1.1 200 OK");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_LENIENT_STATUS_LINE));
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_BAD_STATUS_LINE));
  g_assert_true (dav_response_is_ok (r));
}

static void
test_status_invalid_line_propstat (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("status-invalid-line-propstat.xml");
  const DavResponse *r;

  g_assert_true (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/shared/media");
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_null (r->status_line);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 0);
  g_assert_null (propstat_at (ms, 0, 0)->reason);
  g_assert_cmpstr (propstat_at (ms, 0, 0)->status_line, ==, "Everything fine");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_BAD_STATUS_LINE));
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_MISSING_STATUS));
  g_assert_cmpuint (find_property (ms, 0, "DAV:", "resourcetype")->status, ==, 0);
  g_assert_false (dav_response_is_ok (r));
}

static void
test_status_invalid_line_response (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("status-invalid-line-response.xml");
  const DavResponse *r;

  g_assert_true (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/shared/report.pdf");
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_null (r->reason);
  g_assert_cmpstr (r->status_line, ==, "Not a status line");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_BAD_STATUS_LINE));
  g_assert_cmpuint (r->problems->len, ==, 1);
  g_assert_false (dav_response_is_ok (r));
}

static void
test_status_no_reason (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("status-no-reason.xml");
  const DavResponse *r;

  /* RFC 9110 allows an empty reason phrase: nothing to flag. */
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/quiet");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->reason, ==, "");
  g_assert_cmpstr (r->status_line, ==, "HTTP/1.1 200");
  g_assert_null (r->description);
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
test_status_placeholder_reason_proppatch (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("status-placeholder-reason-proppatch.xml");
  const DavResponse *r;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpuint (r->propstats->len, ==, 3);
  /* "(status)" is a reason like any other; the codes are what count. */
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 424);
  g_assert_cmpstr (propstat_at (ms, 0, 0)->reason, ==, "(status)");
  g_assert_cmpuint (propstat_at (ms, 0, 1)->status, ==, 424);
  g_assert_cmpuint (propstat_at (ms, 0, 2)->status, ==, 409);
  g_assert_cmpstr (propstat_at (ms, 0, 2)->reason, ==, "(status)");
  /* Each description has its leading newline trimmed. */
  g_assert_cmpstr (propstat_at (ms, 0, 0)->description, ==,
                   "The set could not be completed because another part failed.");
  g_assert_cmpstr (propstat_at (ms, 0, 1)->description, ==,
                   "The remove could not be completed because another part failed.");
  g_assert_cmpstr (propstat_at (ms, 0, 2)->description, ==, "That property is computed by the server.");
  g_assert_null (r->description);
  /* A CR after the property (CR LF inside the prop) is only whitespace. */
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->namespace_uri, ==, "http://ns.example.org/catalog/");
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->name, ==, "Title");
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->name, ==, "Price");
  g_assert_cmpstr (property_at (ms, 0, 2, 0)->namespace_uri, ==, "DAV:");
  g_assert_cmpstr (property_at (ms, 0, 2, 0)->name, ==, "getetag");
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
test_sync_collection_507_number_of_matches (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("sync-collection-507-number-of-matches.xml");
  const DavResponse *r;
  const DavCondition *condition;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 4);
  g_assert_cmpstr (ms->sync_token, ==, "http://example.org/sync/76");
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "getetag"), ==, "\"b2-0001\"");
  g_assert_cmpstr (property_value (ms, 1, "DAV:", "getetag"), ==, "\"b2-0002\"");

  /* A removed member: response-level 404, no propstat. */
  r = response_at (ms, 2);
  g_assert_cmpstr (href_at (ms, 2), ==, "http://192.0.2.7/books/gone.vcf");
  g_assert_cmpuint (r->status, ==, 404);
  g_assert_cmpuint (r->propstats->len, ==, 0);

  /* Responses run together on one line: still separate. */
  r = response_at (ms, 3);
  g_assert_cmpstr (href_at (ms, 3), ==, "http://192.0.2.7/books/");
  g_assert_cmpuint (r->status, ==, 507);
  g_assert_cmpstr (r->reason, ==, "Insufficient Storage");
  g_assert_cmpuint (r->errors->len, ==, 1);
  condition = g_ptr_array_index (r->errors, 0);
  g_assert_cmpstr (condition->namespace_uri, ==, "DAV:");
  g_assert_cmpstr (condition->name, ==, "number-of-matches-within-limits");
  g_assert_null (condition->content);
  g_assert_cmpuint (r->line, ==, 24);
}

static void
test_sync_collection_newline_in_start_tag (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("sync-collection-newline-in-start-tag.xml");

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 3);
  /* A newline inside the start tag is just whitespace. */
  g_assert_cmpstr (href_at (ms, 0), ==, "http://192.0.2.7/books/alice.vcf");
  g_assert_cmpstr (href_at (ms, 1), ==, "http://192.0.2.7/books/bob.vcf");
  g_assert_cmpstr (href_at (ms, 2), ==, "http://192.0.2.7/books/carol.vcf");
  g_assert_cmpstr (ms->sync_token, ==, "http://example.org/sync/77");
  /* An extension property with its prefix declared on itself. */
  g_assert_cmpstr (property_value (ms, 0, "urn:example:library", "shelf"), ==,
                   "<Label xmlns=\"urn:example:library\">Shelf B</Label>");
  g_assert_cmpuint (propstat_at (ms, 1, 1)->status, ==, 404);
  g_assert_cmpstr (property_at (ms, 1, 1, 0)->namespace_uri, ==, "urn:example:library");
  g_assert_cmpstr (property_at (ms, 1, 1, 0)->name, ==, "shelf");
  g_assert_cmpstr (property_value (ms, 2, "DAV:", "getetag"), ==, "\"a1-0003\"");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (response_at (ms, i)->problems->len, ==, 0);
}

static void
test_sync_token_404_member (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("sync-token-404-member.xml");

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 3);
  g_assert_cmpstr (ms->sync_token, ==, "http://example.org/ns/sync/909");
  g_assert_cmpstr (href_at (ms, 0), ==, "/cal/kim/home/added.ics");
  g_assert_cmpstr (property_value (ms, 1, "DAV:", "getetag"), ==, "\"8-2\"");
  g_assert_cmpstr (href_at (ms, 2), ==, "/cal/kim/home/removed.ics");
  g_assert_cmpuint (response_at (ms, 2)->status, ==, 404);
  g_assert_cmpuint (response_at (ms, 2)->propstats->len, ==, 0);
  /* The sync-token is not a response. */
  g_assert_false (dump_contains (ms, "hrefs=[\"http://example.org/ns/sync/909\"]"));
  g_assert_cmpuint (ms->problems->len, ==, 0);
}

static void
test_trailing_garbage_after_root (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("trailing-garbage-after-root.xml");
  const DavProblem *problem;

  /* A second root: not well formed, but the first is kept. */
  g_assert_true (ms->is_multistatus);
  g_assert_false (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/dav/coll/kept");
  g_assert_cmpuint (response_at (ms, 0)->status, ==, 200);
  g_assert_cmpuint (response_at (ms, 0)->problems->len, ==, 0);
  g_assert_cmpuint (ms->problems->len, ==, 1);
  problem = g_ptr_array_index (ms->problems, 0);
  g_assert_cmpuint (problem->kind, ==, DAV_PROBLEM_NOT_WELL_FORMED);
  g_assert_cmpuint (problem->line, ==, 8);
  g_assert_cmpuint (problem->column, >, 0);
}

static void
test_truncated_after_response (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("truncated-after-response.xml");

  /* Cut after a whole response: the listing may miss more. */
  g_assert_false (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_TRUNCATED));
  g_assert_false (has_problem (ms->problems, DAV_PROBLEM_NOT_WELL_FORMED));
  g_assert_cmpuint (ms->n_responses, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/dav/coll/only");
  g_assert_cmpuint (response_at (ms, 0)->status, ==, 204);
  /* The response itself ended. */
  g_assert_false (has_problem (response_at (ms, 0)->problems, DAV_PROBLEM_TRUNCATED));
}

static void
test_truncated_open_response (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("truncated-open-response.xml");
  const DavResponse *r;

  g_assert_false (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_TRUNCATED));
  g_assert_cmpuint (ms->n_responses, ==, 2);
  g_assert_false (has_problem (response_at (ms, 0)->problems, DAV_PROBLEM_TRUNCATED));
  /* The open response is handed over with what it had, and flagged. */
  r = response_at (ms, 1);
  g_assert_cmpstr (href_at (ms, 1), ==, "/dav/coll/second");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_TRUNCATED));
  g_assert_cmpuint (r->propstats->len, ==, 1);
  g_assert_cmpuint (propstat_at (ms, 1, 0)->status, ==, 200);
  g_assert_cmpstr (property_value (ms, 1, "DAV:", "displayname"), ==, "Second");
  g_assert_cmpuint (r->index, ==, 1);
}

static void
test_truncated_response_no_href (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("truncated-response-no-href.xml");
  const DavResponse *r;

  g_assert_false (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_TRUNCATED));
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 200);
  g_assert_nonnull (find_property (ms, 0, "DAV:", "getcontenttype"));
}

static void
test_truncated_status_format_string (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("truncated-status-format-string.xml");
  const DavResponse *r;

  g_assert_false (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_TRUNCATED));
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/tmp/x/");
  /* printf directives are text, never a format. */
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_cmpstr (r->status_line, ==, "HTTP/1.1 %n%n%x%x");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_BAD_STATUS_LINE));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_TRUNCATED));
}

static void
test_two_sync_tokens (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("two-sync-tokens.xml");

  g_assert_true (ms->well_formed);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  g_assert_cmpstr (ms->sync_token, ==, "http://example.net/sync/first-17");
  g_assert_true (has_problem_anywhere (ms, DAV_PROBLEM_DUPLICATE_ELEMENT));
}

static void
test_two_status_duplicate_element (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("two-status-duplicate-element.xml");
  const DavResponse *r;

  g_assert_true (ms->well_formed);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  /* The first status is used, the second flagged. */
  r = response_at (ms, 0);
  g_assert_cmpuint (r->status, ==, 204);
  g_assert_cmpstr (r->status_line, ==, "HTTP/1.1 204 No Content");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_DUPLICATE_ELEMENT));
  r = response_at (ms, 1);
  g_assert_cmpuint (propstat_at (ms, 1, 0)->status, ==, 200);
  g_assert_cmpuint (find_property (ms, 1, "DAV:", "displayname")->status, ==, 200);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_DUPLICATE_ELEMENT));
  g_assert_cmpint (ms->complete, ==, !dav_problem_kind_is_fatal (DAV_PROBLEM_DUPLICATE_ELEMENT));
}

static void
test_unclosed_response_mismatched_end (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("unclosed-response-mismatched-end.xml");
  const DavResponse *r;
  const DavProblem *problem;

  g_assert_false (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->problems->len, ==, 1);
  problem = g_ptr_array_index (ms->problems, 0);
  g_assert_cmpuint (problem->kind, ==, DAV_PROBLEM_NOT_WELL_FORMED);
  g_assert_cmpuint (problem->line, ==, 1);
  g_assert_cmpuint (problem->column, >, 0);

  /* The response still open at the mismatch is kept, with its 410. */
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/box/");
  g_assert_cmpuint (r->status, ==, 410);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_TRUNCATED));
  /* The empty <D:propstat/> before it. */
  g_assert_cmpuint (r->propstats->len, ==, 1);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_EMPTY_PROPSTAT));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_STATUS_AND_PROPSTAT));
}

static void
test_undeclared_prefix_404_507 (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("undeclared-prefix-404-507.xml");
  const DavResponse *r;

  /* libxml2 reports undeclared prefixes and goes on. */
  g_assert_true (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  r = response_at (ms, 0);
  g_assert_cmpuint (count_problems (r->problems, DAV_PROBLEM_NAMESPACE), ==, 2);
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "getcontentlength"), ==, "9");
  /* The two properties are kept, without a namespace. */
  g_assert_cmpuint (propstat_at (ms, 0, 1)->status, ==, 404);
  g_assert_cmpuint (propstat_at (ms, 0, 1)->properties->len, ==, 2);
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->namespace_uri, ==, "");
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->name, ==, "is-secret");
  g_assert_cmpstr (property_at (ms, 0, 1, 1)->name, ==, "owner-name");

  /* The next response is not affected. */
  r = response_at (ms, 1);
  g_assert_cmpstr (href_at (ms, 1), ==, "/");
  g_assert_cmpuint (r->status, ==, 507);
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
test_undeclared_prefix_calendar_data (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("undeclared-prefix-calendar-data.xml");

  g_assert_true (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const DavResponse *r = response_at (ms, i);
      const DavProperty *data = find_property (ms, i, "", "calendar-data");

      g_assert_cmpuint (count_problems (r->problems, DAV_PROBLEM_NAMESPACE), ==, 1);
      /* The calendar text is kept as sent, indentation and all. */
      g_assert_nonnull (data);
      g_assert_false (data->is_xml);
      g_assert_true (g_str_has_prefix (data->value, "BEGIN:VCALENDAR\n                    VERSION:2.0\n"));
      g_assert_true (g_str_has_suffix (data->value, "END:VCALENDAR\n                "));
    }
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "getetag"), ==, "\"41-aa\"");
  g_assert_cmpstr (property_value (ms, 1, "DAV:", "getetag"), ==, "\"42-bb\"");
  g_assert_nonnull (strstr (property_value (ms, 1, "", "calendar-data"), "UID:review-2"));
}

static void
test_utf8_bom (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("utf8-bom.xml");

  /* A UTF-8 byte order mark before the declaration is allowed. */
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->problems->len, ==, 0);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/dav/coll/r%C3%A9sum%C3%A9.txt");
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "displayname"), ==, "r\u00e9sum\u00e9");
  g_assert_cmpuint (response_at (ms, 0)->line, ==, 3);
}

static void
test_value_serialization (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("value-serialization.xml");
  const char *ns = "urn:example:tree";
  const DavResponse *r;

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/dav/coll/tree");
  g_assert_cmpuint (propstat_at (ms, 0, 0)->properties->len, ==, 9);

  /* Each element with its namespace, xmlns="" where it leaves the default one. */
  g_assert_cmpstr (property_value (ms, 0, ns, "tree"), ==,
                   "<a xmlns=\"urn:example:tree\"><b/><c xmlns=\"\"/>"
                   "<d xmlns=\"urn:example:y\"><e/></d></a>tail");
  g_assert_true (find_property (ms, 0, ns, "tree")->is_xml);
  /* Text: entities decoded. */
  g_assert_cmpstr (property_value (ms, 0, ns, "plain"), ==, "a & b < c > d \"q\" 'a'");
  g_assert_false (find_property (ms, 0, ns, "plain")->is_xml);
  /* XML: text inside stays escaped. */
  g_assert_cmpstr (property_value (ms, 0, ns, "escaped"), ==,
                   "x<i xmlns=\"urn:example:tree\">1 &amp; 2 &lt; 3</i>");
  g_assert_cmpstr (property_value (ms, 0, ns, "attrs"), ==, "<item xmlns=\"urn:example:tree\" id=\"7\"/>");
  /* Spaces inside text are the value's own; a blank value is none. */
  g_assert_cmpstr (property_value (ms, 0, ns, "spaces"), ==, "  two spaces  ");
  g_assert_null (property_value (ms, 0, ns, "blank"));
  g_assert_cmpstr (property_value (ms, 0, ns, "entity"), ==, "\u20ac\u00e9\ttab");
  g_assert_cmpstr (property_value (ms, 0, "", "none"), ==, "no namespace");
  /* An href inside a value is part of the value. */
  g_assert_cmpstr (property_value (ms, 0, ns, "wrapper"), ==,
                   "<href xmlns=\"DAV:\">/dav/coll/not-a-response-href</href>");
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
test_unbounded_propstats_truncated (void)
{
  g_autoptr(DavMultistatus) ms = parse_fixture ("unbounded-propstats-truncated.xml");
  DavParserLimits limits;
  const DavResponse *r;

  /* 80 propstats, more than the default 64 per response. */
  dav_parser_limits_init_default (&limits);
  g_assert_cmpuint (limits.max_propstats, ==, 64);
  g_assert_false (ms->complete);
  g_assert_false (ms->well_formed);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_LIMIT));
  g_assert_cmpuint (ms->n_responses, ==, 1);
  r = response_at (ms, 0);
  g_assert_cmpstr (href_at (ms, 0), ==, "/loop");
  g_assert_cmpuint (r->propstats->len, ==, limits.max_propstats);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_TRUNCATED));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* A failed check marks its test as failed, and the other tests still run. */
  g_test_set_nonfatal_assertions ();

  add_fixture_tests (names);

  /* One test per fixture, for the quirk it was written for. */
  g_test_add_func ("/multistatus/activelock-nested-hrefs", test_activelock_nested_hrefs);
  g_test_add_func ("/multistatus/apache-lp1-prefixes", test_apache_lp1_prefixes);
  g_test_add_func ("/multistatus/apache-named-404-many-prefixes", test_apache_named_404_many_prefixes);
  g_test_add_func ("/multistatus/attribute-without-value", test_attribute_without_value);
  g_test_add_func ("/multistatus/cdata-href-and-value", test_cdata_href_and_value);
  g_test_add_func ("/multistatus/comments-between-elements", test_comments_between_elements);
  g_test_add_func ("/multistatus/delete-403-members-no-slash", test_delete_403_members_no_slash);
  g_test_add_func ("/multistatus/delete-single-423", test_delete_single_423);
  g_test_add_func ("/multistatus/depth1-mixed-propstat-statuses", test_depth1_mixed_propstat_statuses);
  g_test_add_func ("/multistatus/doctype-billion-laughs", test_doctype_billion_laughs);
  g_test_add_func ("/multistatus/doctype-external-dtd", test_doctype_external_dtd);
  g_test_add_func ("/multistatus/doctype-parameter-entity", test_doctype_parameter_entity);
  g_test_add_func ("/multistatus/doctype-plain", test_doctype_plain);
  g_test_add_func ("/multistatus/doctype-xxe-system-entity", test_doctype_xxe_system_entity);
  g_test_add_func ("/multistatus/draft-namespace-root", test_draft_namespace_root);
  g_test_add_func ("/multistatus/duplicate-href-423-404-gone", test_duplicate_href_423_404_gone);
  g_test_add_func ("/multistatus/duplicate-prop-200-and-404", test_duplicate_prop_200_and_404);
  g_test_add_func ("/multistatus/empty-multistatus-multiline-root", test_empty_multistatus_multiline_root);
  g_test_add_func ("/multistatus/empty-multistatus-selfclosing", test_empty_multistatus_selfclosing);
  g_test_add_func ("/multistatus/empty-prop-404", test_empty_prop_404);
  g_test_add_func ("/multistatus/error-lock-token-submitted-423", test_error_lock_token_submitted_423);
  g_test_add_func ("/multistatus/escaped-reason-bidi", test_escaped_reason_bidi);
  g_test_add_func ("/multistatus/extended-mkcol-403-unused-ns", test_extended_mkcol_403_unused_ns);
  g_test_add_func ("/multistatus/failed-propstat-with-value-apostrophe", test_failed_propstat_with_value_apostrophe);
  g_test_add_func ("/multistatus/href-amp-entity-propname", test_href_amp_entity_propname);
  g_test_add_func ("/multistatus/href-newline-indent", test_href_newline_indent);
  g_test_add_func ("/multistatus/href-only-inside-prop", test_href_only_inside_prop);
  g_test_add_func ("/multistatus/href-pct-encoded-entity-name", test_href_pct_encoded_entity_name);
  g_test_add_func ("/multistatus/href-query-string-amp", test_href_query_string_amp);
  g_test_add_func ("/multistatus/href-raw-utf8", test_href_raw_utf8);
  g_test_add_func ("/multistatus/href-whitespace-crlf", test_href_whitespace_crlf);
  g_test_add_func ("/multistatus/href-whitespace-status-newline", test_href_whitespace_status_newline);
  g_test_add_func ("/multistatus/hrefs-relative-colon-at-sign", test_hrefs_relative_colon_at_sign);
  g_test_add_func ("/multistatus/hrefs-with-propstat", test_hrefs_with_propstat);
  g_test_add_func ("/multistatus/html-error-body", test_html_error_body);
  g_test_add_func ("/multistatus/html-without-doctype", test_html_without_doctype);
  g_test_add_func ("/multistatus/incomplete-responses-kept", test_incomplete_responses_kept);
  g_test_add_func ("/multistatus/interim-102-status", test_interim_102_status);
  g_test_add_func ("/multistatus/json-value-inline-namespace", test_json_value_inline_namespace);
  g_test_add_func ("/multistatus/junk-elements-split-href", test_junk_elements_split_href);
  g_test_add_func ("/multistatus/lock-207-424-423", test_lock_207_424_423);
  g_test_add_func ("/multistatus/mixed-content-value-299", test_mixed_content_value_299);
  g_test_add_func ("/multistatus/multi-href-423-delete", test_multi_href_423_delete);
  g_test_add_func ("/multistatus/multi-href-status-form", test_multi_href_status_form);
  g_test_add_func ("/multistatus/multi-href-tab-whitespace", test_multi_href_tab_whitespace);
  g_test_add_func ("/multistatus/multistatus-description-403-nested-values", test_multistatus_description_403_nested_values);
  g_test_add_func ("/multistatus/nested-href-prop-in-value", test_nested_href_prop_in_value);
  g_test_add_func ("/multistatus/nested-hrefs-lockdiscovery-owner-location", test_nested_hrefs_lockdiscovery_owner_location);
  g_test_add_func ("/multistatus/no-href-420-multiline-description", test_no_href_420_multiline_description);
  g_test_add_func ("/multistatus/no-href-status-first", test_no_href_status_first);
  g_test_add_func ("/multistatus/not-multistatus-root", test_not_multistatus_root);
  g_test_add_func ("/multistatus/ns-default", test_ns_default);
  g_test_add_func ("/multistatus/ns-foreign-href", test_ns_foreign_href);
  g_test_add_func ("/multistatus/ns-lp-prefixes", test_ns_lp_prefixes);
  g_test_add_func ("/multistatus/ns-prefix-redefined", test_ns_prefix_redefined);
  g_test_add_func ("/multistatus/ns-uppercase-prefix", test_ns_uppercase_prefix);
  g_test_add_func ("/multistatus/ns-wrong-case-dav", test_ns_wrong_case_dav);
  g_test_add_func ("/multistatus/ns-wrong-case-inner", test_ns_wrong_case_inner);
  g_test_add_func ("/multistatus/ns0-prefix-404-propstat-first", test_ns0_prefix_404_propstat_first);
  g_test_add_func ("/multistatus/proppatch-424-409-default-ns-props", test_proppatch_424_409_default_ns_props);
  g_test_add_func ("/multistatus/proppatch-relative-namespace-uri", test_proppatch_relative_namespace_uri);
  g_test_add_func ("/multistatus/ns-uri-empty-port", test_ns_uri_empty_port);
  g_test_add_func ("/multistatus/propstat-error-condition", test_propstat_error_condition);
  g_test_add_func ("/multistatus/propstat-without-status", test_propstat_without_status);
  g_test_add_func ("/multistatus/propstats-without-prop-odd-codes", test_propstats_without_prop_odd_codes);
  g_test_add_func ("/multistatus/quota-negative-no-xml-decl", test_quota_negative_no_xml_decl);
  g_test_add_func ("/multistatus/single-quoted-decl-nonascii", test_single_quoted_decl_nonascii);
  g_test_add_func ("/multistatus/status-599-unknown-code", test_status_599_unknown_code);
  g_test_add_func ("/multistatus/status-and-propstat-descriptions", test_status_and_propstat_descriptions);
  g_test_add_func ("/multistatus/status-before-prop-location", test_status_before_prop_location);
  g_test_add_func ("/multistatus/status-garbage", test_status_garbage);
  g_test_add_func ("/multistatus/status-http-space-version", test_status_http_space_version);
  g_test_add_func ("/multistatus/status-invalid-line-propstat", test_status_invalid_line_propstat);
  g_test_add_func ("/multistatus/status-invalid-line-response", test_status_invalid_line_response);
  g_test_add_func ("/multistatus/status-no-reason", test_status_no_reason);
  g_test_add_func ("/multistatus/status-placeholder-reason-proppatch", test_status_placeholder_reason_proppatch);
  g_test_add_func ("/multistatus/sync-collection-507-number-of-matches", test_sync_collection_507_number_of_matches);
  g_test_add_func ("/multistatus/sync-collection-newline-in-start-tag", test_sync_collection_newline_in_start_tag);
  g_test_add_func ("/multistatus/sync-token-404-member", test_sync_token_404_member);
  g_test_add_func ("/multistatus/trailing-garbage-after-root", test_trailing_garbage_after_root);
  g_test_add_func ("/multistatus/truncated-after-response", test_truncated_after_response);
  g_test_add_func ("/multistatus/truncated-open-response", test_truncated_open_response);
  g_test_add_func ("/multistatus/truncated-response-no-href", test_truncated_response_no_href);
  g_test_add_func ("/multistatus/truncated-status-format-string", test_truncated_status_format_string);
  g_test_add_func ("/multistatus/two-status-duplicate-element", test_two_status_duplicate_element);
  g_test_add_func ("/multistatus/two-sync-tokens", test_two_sync_tokens);
  g_test_add_func ("/multistatus/unbounded-propstats-truncated", test_unbounded_propstats_truncated);
  g_test_add_func ("/multistatus/unclosed-response-mismatched-end", test_unclosed_response_mismatched_end);
  g_test_add_func ("/multistatus/undeclared-prefix-404-507", test_undeclared_prefix_404_507);
  g_test_add_func ("/multistatus/undeclared-prefix-calendar-data", test_undeclared_prefix_calendar_data);
  g_test_add_func ("/multistatus/utf8-bom", test_utf8_bom);
  g_test_add_func ("/multistatus/value-serialization", test_value_serialization);

  return g_test_run ();
}
