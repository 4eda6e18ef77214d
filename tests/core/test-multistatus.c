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

/* What is special about a fixture, beyond its row in the table below */

static void
check_hrefs_with_propstat (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r->hrefs, 0), ==, "/dav/coll/one");
  g_assert_cmpstr (g_ptr_array_index (r->hrefs, 1), ==, "/dav/coll/two");
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_HREFS_WITH_PROPSTAT));
}

static void
check_activelock_nested_hrefs (DavMultistatus *ms)
{
  const char *lock;

  g_assert_cmpuint (response_at (ms, 0)->hrefs->len, ==, 1);
  g_assert_cmpuint (response_at (ms, 1)->hrefs->len, ==, 1);

  /* The owner and lock token hrefs stay inside the value. */
  lock = property_value (ms, 1, "DAV:", "lockdiscovery");
  g_assert_true (find_property (ms, 1, "DAV:", "lockdiscovery")->is_xml);
  g_assert_true (g_str_has_prefix (lock, "<activelock xmlns=\"DAV:\">"));
  g_assert_nonnull (strstr (lock, "<owner><href>mailto:owner@example.org</href></owner>"));
  g_assert_nonnull (strstr (lock, "<href>opaquelocktoken:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0</href>"));
  g_assert_cmpuint (propstat_at (ms, 1, 0)->properties->len, ==, 9);
}

static void
check_apache_lp1_prefixes (DavMultistatus *ms)
{
  for (guint i = 0; i < 3; i++)
    {
      const DavProperty *etag = find_property (ms, i, "DAV:", "getetag");

      /* lp1: is DAV: too. */
      g_assert_nonnull (etag);
      g_assert_cmpuint (etag->status, ==, 200);
      g_assert_cmpuint (response_at (ms, i)->problems->len, ==, 0);
    }
}

static void
check_apache_named_404_many_prefixes (DavMultistatus *ms)
{
  const DavPropstat *missing;

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

  g_assert_cmpuint (propstat_at (ms, 1, 1)->properties->len, ==, 2);
}

static void
check_attribute_without_value (DavMultistatus *ms)
{
  const DavResponse *r;
  const DavProblem *problem;

  problem = g_ptr_array_index (ms->problems, 0);
  g_assert_cmpuint (problem->kind, ==, DAV_PROBLEM_NOT_WELL_FORMED);
  g_assert_cmpuint (problem->line, ==, 11);
  g_assert_cmpuint (problem->column, >, 0);

  r = response_at (ms, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_TRUNCATED));
  g_assert_nonnull (find_property (ms, 0, "http://ns.example.org/tags", "labels"));
  g_assert_false (dump_contains (ms, "Blue"));
}

static void
check_cdata_href_and_value (DavMultistatus *ms)
{
  const DavProperty *name;

  /* An href made of text, CDATA and text again is one href. */
  g_assert_cmpuint (response_at (ms, 1)->hrefs->len, ==, 1);

  /* Markup inside CDATA is text, not XML. */
  name = find_property (ms, 0, "DAV:", "displayname");
  g_assert_nonnull (name);
  g_assert_cmpstr (name->value, ==, "<b>bold</b>");
  g_assert_false (name->is_xml);
}

static void
check_comments_between_elements (DavMultistatus *ms)
{
  g_assert_cmpuint (propstat_at (ms, 1, 0)->properties->len, ==, 1);
  g_assert_false (dump_contains (ms, "inside prop"));
}

static void
check_delete_403_members_no_slash (DavMultistatus *ms)
{
  const char *hrefs[] = { "/trash", "/trash/keep", "/trash/keep/a.txt", "/trash/keep/b%20c.txt" };

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
check_delete_single_423 (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->status, ==, 423);
  g_assert_cmpstr (r->reason, ==, "Locked");
  g_assert_cmpuint (r->propstats->len, ==, 0);
  g_assert_cmpuint (r->problems->len, ==, 0);
  g_assert_cmpuint (dav_response_get_effective_status (r), ==, 423);
  g_assert_false (dav_response_is_ok (r));
  g_assert_true (dav_multistatus_has_failures (ms));
}

static void
check_depth1_mixed_propstat_statuses (DavMultistatus *ms)
{
  const DavProperty *length;

  /* 200 and 404, the 404 one naming an empty getcontentlength. */
  g_assert_cmpuint (response_at (ms, 0)->propstats->len, ==, 2);
  length = property_at (ms, 0, 1, 0);
  g_assert_cmpstr (length->name, ==, "getcontentlength");
  g_assert_null (length->value);
  g_assert_cmpuint (length->status, ==, 404);
  g_assert_cmpuint (response_at (ms, 4)->propstats->len, ==, 2);

  g_assert_cmpstr (propstat_at (ms, 2, 0)->reason, ==, "Forbidden");
  g_assert_cmpuint (find_property (ms, 2, "DAV:", "displayname")->status, ==, 403);
  g_assert_cmpstr (propstat_at (ms, 3, 0)->reason, ==, "Too Early");
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
check_doctype_billion_laughs (DavMultistatus *ms)
{
  assert_forbidden_dtd (ms, 2);
  g_assert_false (dump_contains (ms, "HAHA"));
}

static void
check_doctype_external_dtd (DavMultistatus *ms)
{
  assert_forbidden_dtd (ms, 2);
}

static void
check_doctype_parameter_entity (DavMultistatus *ms)
{
  assert_forbidden_dtd (ms, 2);
}

static void
check_doctype_plain (DavMultistatus *ms)
{
  /* Even a harmless DOCTYPE: we never process one. */
  assert_forbidden_dtd (ms, 2);
}

static void
check_doctype_xxe_system_entity (DavMultistatus *ms)
{
  assert_forbidden_dtd (ms, 2);
  g_assert_false (dump_contains (ms, "root:"));
}

static void
check_draft_namespace_root (DavMultistatus *ms)
{
  g_assert_false (ms->is_multistatus);
  g_assert_cmpuint (ms->responses->len, ==, 0);
}

static void
check_duplicate_href_423_404_gone (DavMultistatus *ms)
{
  const DavResponse *first;
  const DavResponse *second;

  first = response_at (ms, 0);
  second = response_at (ms, 1);
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
check_duplicate_prop_200_and_404 (DavMultistatus *ms)
{
  const DavResponse *r;
  const DavProperty *best;

  r = response_at (ms, 0);
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
check_empty_multistatus_multiline_root (DavMultistatus *ms)
{
  /* An empty listing is a complete answer, not an empty body. */
  g_assert_true (ms->is_multistatus);
  g_assert_false (dav_multistatus_has_failures (ms));
}

static void
check_empty_multistatus_selfclosing (DavMultistatus *ms)
{
  g_assert_true (ms->is_multistatus);
  g_assert_false (has_problem (ms->problems, DAV_PROBLEM_EMPTY_BODY));
}

static void
check_empty_prop_404 (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_cmpuint (r->propstats->len, ==, 1);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->properties->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_EMPTY_PROPSTAT));
  /* The whole item failed. */
  g_assert_cmpuint (dav_response_get_effective_status (r), ==, 404);
  g_assert_cmpuint (dav_response_get_item_status (r), ==, 404);
  g_assert_true (dav_multistatus_has_failures (ms));
}

static void
check_error_lock_token_submitted_423 (DavMultistatus *ms)
{
  const DavResponse *r;
  const DavCondition *condition;

  g_assert_true (ms->is_multistatus);
  g_assert_cmpuint (ms->errors->len, ==, 0);

  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 1);
  g_assert_cmpuint (r->status, ==, 423);
  g_assert_cmpuint (r->errors->len, ==, 1);
  condition = g_ptr_array_index (r->errors, 0);
  g_assert_cmpstr (condition->namespace_uri, ==, "DAV:");
  g_assert_cmpstr (condition->name, ==, "lock-token-submitted");
  /* The href inside the condition belongs to it, not to the response. */
  g_assert_cmpstr (condition->content, ==, "<href xmlns=\"DAV:\">/shared/</href>");
  g_assert_cmpuint (r->problems->len, ==, 0);

  r = response_at (ms, 1);
  g_assert_cmpuint (r->status, ==, 423);
  g_assert_cmpuint (r->errors->len, ==, 1);
  condition = g_ptr_array_index (r->errors, 0);
  g_assert_cmpstr (condition->name, ==, "no-conflicting-lock");
  g_assert_null (condition->content);
}

static void
check_escaped_reason_bidi (DavMultistatus *ms)
{
  const DavResponse *r;
  g_autofree char *shown = NULL;

  r = response_at (ms, 0);
  /* The code decides; the reason is kept as sent, and shown escaped. */
  g_assert_cmpuint (r->status, ==, 403);
  g_assert_cmpstr (r->reason, ==, "Denied \u202Egnp.exe");
  shown = dav_text_escape (r->reason, -1);
  g_assert_cmpstr (shown, ==, "Denied \\u{202E}gnp.exe");
}

static void
check_extended_mkcol_403_unused_ns (DavMultistatus *ms)
{
  const DavProperty *name;

  g_assert_cmpstr (propstat_at (ms, 0, 0)->reason, ==, "Forbidden");
  name = property_at (ms, 0, 0, 0);
  g_assert_cmpstr (name->namespace_uri, ==, "DAV:");
  g_assert_cmpstr (name->name, ==, "displayname");
  g_assert_null (name->value);
  g_assert_cmpuint (name->status, ==, 403);
  g_assert_true (dav_multistatus_has_failures (ms));
}

static void
check_failed_propstat_with_value_apostrophe (DavMultistatus *ms)
{
  const DavResponse *r;
  const DavPropstat *p;

  r = response_at (ms, 0);
  p = propstat_at (ms, 0, 0);
  g_assert_cmpuint (p->status, ==, 404);
  g_assert_cmpstr (p->reason, ==, "C'est pas l\u00e0");
  g_assert_cmpstr (p->status_line, ==, "HTTP/1.1 404 C'est pas l\u00e0");
  g_assert_cmpuint (find_property (ms, 0, "urn:example:memo", "comment")->status, ==, 404);
  g_assert_cmpuint (count_problems (r->problems, DAV_PROBLEM_VALUE_IN_FAILED_PROPSTAT), ==, 1);
}

static void
check_href_amp_entity_propname (DavMultistatus *ms)
{
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
check_href_only_inside_prop (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_null (dav_response_get_href (r));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_EMPTY_HREF));
  /* The propstat has no status either. */
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_STATUS));
  g_assert_cmpuint (r->propstats->len, ==, 1);
  g_assert_nonnull (find_property (ms, 0, "DAV:", "getetag"));
  g_assert_cmpuint (find_property (ms, 0, "DAV:", "getetag")->status, ==, 0);
}

static void
check_href_pct_encoded_entity_name (DavMultistatus *ms)
{
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->name, ==, "quota-used-bytes");
}

static void
check_href_raw_utf8 (DavMultistatus *ms)
{
  for (guint i = 0; i < 2; i++)
    {
      const DavPropstat *p = propstat_at (ms, i, 0);

      /* 209 is no registered code: recorded, and flagged. */
      g_assert_cmpuint (p->status, ==, 209);
      g_assert_cmpstr (p->reason, ==, "Fine Thanks");
      g_assert_true (has_problem (response_at (ms, i)->problems, DAV_PROBLEM_UNKNOWN_STATUS));
      g_assert_false (has_problem (response_at (ms, i)->problems, DAV_PROBLEM_ENCODING));
    }
}

static void
check_href_whitespace_crlf (DavMultistatus *ms)
{
  const DavPropstat *p;

  p = propstat_at (ms, 0, 0);
  g_assert_cmpuint (p->status, ==, 200);
  g_assert_cmpstr (p->reason, ==, "OK");
  g_assert_cmpstr (p->status_line, ==, "HTTP/1.1 200 OK");
}

static void
check_href_whitespace_status_newline (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
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
check_hrefs_relative_colon_at_sign (DavMultistatus *ms)
{
  const char *hrefs[] = {
    "https://192.0.2.10/files/", "/files/photos", "/files/user@example.org:notes.txt",
    "contact@pc.local.vcf", "memo:2024.txt", "/elsewhere/thing",
  };

  g_assert_cmpuint (ms->n_responses, ==, G_N_ELEMENTS (hrefs));
  for (guint i = 0; i < G_N_ELEMENTS (hrefs); i++)
    {
      g_assert_cmpuint (response_at (ms, i)->hrefs->len, ==, 1);
      g_assert_cmpstr (href_at (ms, i), ==, hrefs[i]);
      g_assert_cmpuint (propstat_at (ms, i, 0)->status, ==, 200);
      g_assert_cmpuint (response_at (ms, i)->problems->len, ==, 0);
    }
}

static void
check_html_error_body (DavMultistatus *ms)
{
  /* An HTML error page with a DOCTYPE: stopped there, and called what it
   * is (an HTML page), not a hostile DTD. */
  g_assert_false (ms->is_multistatus);
  g_assert_false (has_problem (ms->problems, DAV_PROBLEM_FORBIDDEN_DTD));
  g_assert_cmpuint (ms->errors->len, ==, 0);
  g_assert_false (dump_contains (ms, "somebody"));
}

static void
check_html_without_doctype (DavMultistatus *ms)
{
  g_assert_false (ms->is_multistatus);
  g_assert_cmpuint (ms->errors->len, ==, 0);
  g_assert_false (dav_multistatus_has_failures (ms) && ms->complete);
}

static void
check_incomplete_responses_kept (DavMultistatus *ms)
{
  const DavResponse *r;

  /* <D:response/> */
  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_STATUS));
  g_assert_cmpuint (r->index, ==, 0);

  /* href "/" with an interim code nobody registered */
  r = response_at (ms, 1);
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
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (r->problems->len, ==, 0);
  g_assert_cmpuint (r->index, ==, 5);
}

static void
check_interim_102_status (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->status, ==, 102);
  g_assert_cmpstr (r->reason, ==, "Processing");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_INTERIM_STATUS));
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_UNKNOWN_STATUS));
  g_assert_false (dav_response_is_ok (r));
}

static void
check_json_value_inline_namespace (DavMultistatus *ms)
{
  const DavProperty *json;

  g_assert_cmpuint (propstat_at (ms, 0, 0)->properties->len, ==, 6);
  /* JSON text: entities decoded, kept as text with its leading whitespace. */
  json = find_property (ms, 0, "http://nextcloud.org/ns", "share-attributes");
  g_assert_nonnull (json);
  g_assert_false (json->is_xml);
  g_assert_cmpstr (json->value, ==,
                   "\n\t\t\t\t\t[{\"scope\":\"permissions\",\"key\":\"download\",\"enabled\":true}]");
  g_assert_cmpstr (property_at (ms, 0, 1, 1)->namespace_uri, ==, "http://nextcloud.org/ns");
  g_assert_cmpstr (property_at (ms, 0, 1, 1)->name, ==, "is-encrypted");
}

static void
check_junk_elements_split_href (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  /* The text on both sides of the element inside the href is joined. */
  g_assert_cmpuint (r->hrefs->len, ==, 1);
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
  g_assert_false (dav_problem_kind_is_fatal (DAV_PROBLEM_UNEXPECTED_ELEMENT));
  g_assert_false (dav_problem_kind_is_fatal (DAV_PROBLEM_UNEXPECTED_TEXT));
  /* Nothing of the junk leaks into the data. */
  g_assert_false (dump_contains (ms, "lights"));
  g_assert_false (dump_contains (ms, "humbug"));
  g_assert_false (dump_contains (ms, "frost"));
}

static void
check_lock_207_424_423 (DavMultistatus *ms)
{
  const DavResponse *r;

  /* The request-URI, without its trailing slash: 424 for lockdiscovery,
   * and a response-level description after the propstat. */
  r = response_at (ms, 0);
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_cmpstr (propstat_at (ms, 0, 0)->reason, ==, "Failed Dependency");
  g_assert_null (propstat_at (ms, 0, 0)->description);
  g_assert_cmpstr (r->description, ==, "Another resource below this one could not be locked.");
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->name, ==, "lockdiscovery");
  g_assert_cmpuint (property_at (ms, 0, 0, 0)->status, ==, 424);
  g_assert_cmpuint (dav_response_get_effective_status (r), ==, 424);
  g_assert_cmpuint (r->problems->len, ==, 0);

  /* The member that holds the lock, with %25 kept encoded. */
  r = response_at (ms, 1);
  g_assert_cmpuint (r->status, ==, 423);
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
check_mixed_content_value_299 (DavMultistatus *ms)
{
  const DavProperty *note;

  g_assert_cmpstr (propstat_at (ms, 0, 0)->reason, ==, "Close Enough");
  /* Text and elements in no namespace, kept in order as XML. */
  note = find_property (ms, 0, "DAV:", "note");
  g_assert_nonnull (note);
  g_assert_true (note->is_xml);
  g_assert_cmpstr (note->value, ==, "see <ref/> and <pair><left>salt</left></pair> too");
  g_assert_cmpuint (note->status, ==, 298);
}

static void
check_multi_href_423_delete (DavMultistatus *ms)
{
  const DavResponse *r;
  const DavCondition *condition;

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
  g_assert_cmpuint (r->status, ==, 424);
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_DUPLICATE_HREF));
}

static void
check_multi_href_status_form (DavMultistatus *ms)
{
  const DavResponse *r;

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
check_multi_href_tab_whitespace (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  /* Newline, tab and spaces on both sides of each href: trimmed. */
  g_assert_cmpuint (r->hrefs->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r->hrefs, 0), ==, "http://example.org/queue/job.pdf");
  g_assert_cmpstr (g_ptr_array_index (r->hrefs, 1), ==, "http://example.org/queue/");
  g_assert_cmpuint (r->status, ==, 202);
  g_assert_cmpstr (r->reason, ==, "Accepted");
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
check_multistatus_description_403_nested_values (DavMultistatus *ms)
{
  const DavPropstat *p;

  /* A description after the responses belongs to the body. */
  g_assert_cmpstr (ms->description, ==, "Some properties could not be read.");
  g_assert_null (response_at (ms, 0)->description);

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
}

static void
check_nested_href_prop_in_value (DavMultistatus *ms)
{
  const DavResponse *r;
  const char *invite;

  r = response_at (ms, 0);
  /* The sharee's href and prop stay inside the invite value. */
  g_assert_cmpuint (r->hrefs->len, ==, 1);
  g_assert_cmpuint (r->propstats->len, ==, 1);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->properties->len, ==, 3);
  g_assert_null (find_property (ms, 0, "DAV:", "displayname"));
  g_assert_null (find_property (ms, 0, "DAV:", "href"));
  invite = property_value (ms, 0, "DAV:", "invite");
  g_assert_true (g_str_has_prefix (invite, "<sharee xmlns=\"DAV:\">"));
  g_assert_nonnull (strstr (invite, "<href>mailto:ada@example.org</href>"));
  g_assert_nonnull (strstr (invite, "<displayname>Ada L.</displayname>"));
  g_assert_nonnull (strstr (invite, "<invite-accepted/>"));
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "share-resource-uri"), ==,
                   "<href xmlns=\"DAV:\">urn:uuid:5f0c7d2e</href>");
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
check_nested_hrefs_lockdiscovery_owner_location (DavMultistatus *ms)
{
  const DavResponse *r;

  /* lockroot and owner hrefs are part of the value only. */
  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 1);
  g_assert_null (r->location);
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "lockdiscovery"), ==,
                   "<activelock xmlns=\"DAV:\"><lockroot><href>/other/</href></lockroot>"
                   "<owner><href>http://evil.example/</href></owner></activelock>");

  /* The location href is the location, trimmed, and not an href of the response. */
  r = response_at (ms, 1);
  g_assert_cmpuint (r->hrefs->len, ==, 1);
  g_assert_cmpuint (r->status, ==, 301);
  g_assert_cmpstr (r->location, ==, "http://127.0.0.1:8080/dav/elsewhere/");
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
check_no_href_420_multiline_description (DavMultistatus *ms)
{
  const DavResponse *r;

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
check_no_href_status_first (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));
  g_assert_cmpuint (r->propstats->len, ==, 2);
  g_assert_cmpuint (property_at (ms, 0, 0, 0)->status, ==, 404);
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->name, ==, "getcontentlength");
  g_assert_cmpuint (property_at (ms, 0, 1, 0)->status, ==, 0);
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->value, ==, "<collection xmlns=\"DAV:\"/>");
  g_assert_cmpuint (count_problems (r->problems, DAV_PROBLEM_MISSING_STATUS), ==, 1);
}

static void
check_not_multistatus_root (DavMultistatus *ms)
{
  g_assert_false (ms->is_multistatus);
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
check_ns_foreign_href (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_UNEXPECTED_ELEMENT));
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_false (dump_contains (ms, "/dav/coll/fake"));
}

static void
check_ns_wrong_case_dav (DavMultistatus *ms)
{
  g_assert_false (ms->is_multistatus);
}

static void
check_ns_wrong_case_inner (DavMultistatus *ms)
{
  g_assert_true (ms->is_multistatus);
  g_assert_false (dump_contains (ms, "/dav/coll/item.txt"));
}

static void
check_ns0_prefix_404_propstat_first (DavMultistatus *ms)
{
  const DavResponse *r;
  const DavProperty *type;

  r = response_at (ms, 0);
  /* The 404 group comes first; both are kept in order. */
  g_assert_cmpuint (r->propstats->len, ==, 2);
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->name, ==, "getcontentlength");
  /* Whitespace around the self-closing child is not part of the value. */
  type = dav_response_find_property (r, "DAV:", "resourcetype");
  g_assert_nonnull (type);
  g_assert_cmpuint (type->status, ==, 200);
  g_assert_cmpstr (type->value, ==, "<collection xmlns=\"DAV:\"/>");
  g_assert_cmpuint (r->problems->len, ==, 0);
  /* The item lacks a property; the item itself is found. */
  g_assert_cmpuint (dav_response_get_effective_status (r), ==, 404);
  g_assert_cmpuint (dav_response_get_item_status (r), ==, 200);
}

static void
check_proppatch_424_409_default_ns_props (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->propstats->len, ==, 2);
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->namespace_uri, ==, "http://ns.example.net/meta/");
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->name, ==, "Title");
  g_assert_cmpuint (property_at (ms, 0, 0, 0)->status, ==, 424);
  g_assert_cmpstr (propstat_at (ms, 0, 1)->reason, ==, "Conflict");
  /* A refused property is a failure of the item, and the 409 its cause. */
  g_assert_cmpuint (dav_response_get_item_status (r), ==, 409);
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
check_ns_uri_empty_port (DavMultistatus *ms)
{
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->namespace_uri, ==, "http://example.com:");
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->name, ==, "author");
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->value, ==, "Ada");
  g_assert_cmpstr (property_at (ms, 0, 0, 1)->namespace_uri, ==, "urn:example:ratings:");
}

static void
check_proppatch_relative_namespace_uri (DavMultistatus *ms)
{
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->namespace_uri, ==, "tags");
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->name, ==, "genre");
  g_assert_cmpstr (property_at (ms, 0, 0, 0)->value, ==, "Ambient");
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->namespace_uri, ==, "tags");
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->name, ==, "mood");
  g_assert_null (property_at (ms, 0, 1, 0)->value);
}

static void
check_propstat_error_condition (DavMultistatus *ms)
{
  const DavPropstat *p;
  const DavResponse *r;
  const DavCondition *condition;

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
check_propstat_without_status (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_null (propstat_at (ms, 0, 0)->status_line);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_STATUS));
  g_assert_cmpuint (find_property (ms, 0, "DAV:", "displayname")->status, ==, 0);
  g_assert_cmpuint (dav_response_get_effective_status (r), ==, 0);
  g_assert_false (dav_response_is_ok (r));
}

static void
check_propstats_without_prop_odd_codes (DavMultistatus *ms)
{
  const guint codes[2][3] = { { 331, 442, 553 }, { 566, 577, 0 } };
  const char *reasons[2][3] = { { "Eins", "Zwei", "Drei" }, { "Vier", "F\u00fcnf", NULL } };

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
check_status_599_unknown_code (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 1);
  g_assert_cmpuint (r->status, ==, 599);
  g_assert_cmpstr (r->reason, ==, "Server Melted");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_UNKNOWN_STATUS));
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_BAD_STATUS_LINE));
  g_assert_false (dav_response_is_ok (r));
  g_assert_true (dav_multistatus_has_failures (ms));
}

static void
check_status_and_propstat_descriptions (DavMultistatus *ms)
{
  const DavResponse *r;
  const DavPropstat *p;

  r = response_at (ms, 0);
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
check_status_before_prop_location (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 1);
  g_assert_cmpuint (propstat_at (ms, 0, 0)->properties->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (property_at (ms, 0, 0, i)->status, ==, 200);
  /* The location's href is the location only. */
  g_assert_cmpstr (r->location, ==, "http://localhost:8421/share/docs");
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
check_status_garbage (DavMultistatus *ms)
{
  const DavResponse *r;

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
  g_assert_cmpstr (propstat_at (ms, 2, 0)->status_line, ==, "HTTP/1.1 %d OK");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_BAD_STATUS_LINE));
  g_assert_cmpuint (find_property (ms, 2, "DAV:", "getetag")->status, ==, 0);
}

static void
check_status_http_space_version (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->reason, ==, "OK");
  g_assert_cmpstr (r->status_line, ==, "HTTP 1.1 200 OK");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_LENIENT_STATUS_LINE));
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_BAD_STATUS_LINE));
  g_assert_true (dav_response_is_ok (r));
}

static void
check_status_invalid_line_propstat (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_null (r->status_line);
  g_assert_null (propstat_at (ms, 0, 0)->reason);
  g_assert_cmpstr (propstat_at (ms, 0, 0)->status_line, ==, "Everything fine");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_BAD_STATUS_LINE));
  g_assert_false (has_problem (r->problems, DAV_PROBLEM_MISSING_STATUS));
  g_assert_cmpuint (find_property (ms, 0, "DAV:", "resourcetype")->status, ==, 0);
  g_assert_false (dav_response_is_ok (r));
}

static void
check_status_invalid_line_response (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_null (r->reason);
  g_assert_cmpstr (r->status_line, ==, "Not a status line");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_BAD_STATUS_LINE));
  g_assert_cmpuint (r->problems->len, ==, 1);
  g_assert_false (dav_response_is_ok (r));
}

static void
check_status_no_reason (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->reason, ==, "");
  g_assert_cmpstr (r->status_line, ==, "HTTP/1.1 200");
  g_assert_null (r->description);
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
check_status_placeholder_reason_proppatch (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->propstats->len, ==, 3);
  g_assert_cmpstr (propstat_at (ms, 0, 0)->reason, ==, "(status)");
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
check_sync_collection_507_number_of_matches (DavMultistatus *ms)
{
  const DavResponse *r;
  const DavCondition *condition;

  g_assert_cmpstr (ms->sync_token, ==, "http://example.org/sync/76");

  /* A removed member: response-level 404, no propstat. */
  r = response_at (ms, 2);
  g_assert_cmpuint (r->status, ==, 404);
  g_assert_cmpuint (r->propstats->len, ==, 0);

  /* Responses run together on one line: still separate. */
  r = response_at (ms, 3);
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
check_sync_collection_newline_in_start_tag (DavMultistatus *ms)
{
  g_assert_cmpstr (ms->sync_token, ==, "http://example.org/sync/77");
  /* An extension property with its prefix declared on itself. */
  g_assert_cmpstr (property_value (ms, 0, "urn:example:library", "shelf"), ==,
                   "<Label xmlns=\"urn:example:library\">Shelf B</Label>");
  g_assert_cmpstr (property_at (ms, 1, 1, 0)->namespace_uri, ==, "urn:example:library");
  g_assert_cmpstr (property_at (ms, 1, 1, 0)->name, ==, "shelf");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (response_at (ms, i)->problems->len, ==, 0);
}

static void
check_sync_token_404_member (DavMultistatus *ms)
{
  g_assert_cmpstr (ms->sync_token, ==, "http://example.org/ns/sync/909");
  g_assert_cmpuint (response_at (ms, 2)->propstats->len, ==, 0);
  /* The sync-token is not a response. */
  g_assert_false (dump_contains (ms, "hrefs=[\"http://example.org/ns/sync/909\"]"));
}

static void
check_trailing_garbage_after_root (DavMultistatus *ms)
{
  const DavProblem *problem;

  /* A second root: not well formed, but the first is kept. */
  g_assert_true (ms->is_multistatus);
  g_assert_cmpuint (ms->problems->len, ==, 1);
  problem = g_ptr_array_index (ms->problems, 0);
  g_assert_cmpuint (problem->kind, ==, DAV_PROBLEM_NOT_WELL_FORMED);
  g_assert_cmpuint (problem->line, ==, 8);
  g_assert_cmpuint (problem->column, >, 0);
}

static void
check_truncated_after_response (DavMultistatus *ms)
{
  g_assert_false (has_problem (ms->problems, DAV_PROBLEM_NOT_WELL_FORMED));
  /* The response itself ended. */
  g_assert_false (has_problem (response_at (ms, 0)->problems, DAV_PROBLEM_TRUNCATED));
}

static void
check_truncated_open_response (DavMultistatus *ms)
{
  const DavResponse *r;

  g_assert_false (has_problem (response_at (ms, 0)->problems, DAV_PROBLEM_TRUNCATED));
  /* The open response is handed over with what it had, and flagged. */
  r = response_at (ms, 1);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_TRUNCATED));
  g_assert_cmpuint (r->propstats->len, ==, 1);
  g_assert_cmpuint (r->index, ==, 1);
}

static void
check_truncated_response_no_href (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));
  g_assert_nonnull (find_property (ms, 0, "DAV:", "getcontenttype"));
}

static void
check_truncated_status_format_string (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  /* printf directives are text, never a format. */
  g_assert_cmpuint (r->status, ==, 0);
  g_assert_cmpstr (r->status_line, ==, "HTTP/1.1 %n%n%x%x");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_BAD_STATUS_LINE));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_TRUNCATED));
}

static void
check_two_sync_tokens (DavMultistatus *ms)
{
  g_assert_cmpstr (ms->sync_token, ==, "http://example.net/sync/first-17");
}

static void
check_two_status_duplicate_element (DavMultistatus *ms)
{
  const DavResponse *r;

  /* The first status is used, the second flagged. */
  r = response_at (ms, 0);
  g_assert_cmpuint (r->status, ==, 204);
  g_assert_cmpstr (r->status_line, ==, "HTTP/1.1 204 No Content");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_DUPLICATE_ELEMENT));
  r = response_at (ms, 1);
  g_assert_cmpuint (find_property (ms, 1, "DAV:", "displayname")->status, ==, 200);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_DUPLICATE_ELEMENT));
  g_assert_cmpint (ms->complete, ==, !dav_problem_kind_is_fatal (DAV_PROBLEM_DUPLICATE_ELEMENT));
}

static void
check_unclosed_response_mismatched_end (DavMultistatus *ms)
{
  const DavResponse *r;
  const DavProblem *problem;

  g_assert_cmpuint (ms->problems->len, ==, 1);
  problem = g_ptr_array_index (ms->problems, 0);
  g_assert_cmpuint (problem->kind, ==, DAV_PROBLEM_NOT_WELL_FORMED);
  g_assert_cmpuint (problem->line, ==, 1);
  g_assert_cmpuint (problem->column, >, 0);

  r = response_at (ms, 0);
  g_assert_cmpuint (r->status, ==, 410);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_TRUNCATED));
  /* The empty <D:propstat/> before it. */
  g_assert_cmpuint (r->propstats->len, ==, 1);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_EMPTY_PROPSTAT));
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_STATUS_AND_PROPSTAT));
}

static void
check_undeclared_prefix_404_507 (DavMultistatus *ms)
{
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (count_problems (r->problems, DAV_PROBLEM_NAMESPACE), ==, 2);
  g_assert_cmpuint (propstat_at (ms, 0, 1)->properties->len, ==, 2);
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->namespace_uri, ==, "");
  g_assert_cmpstr (property_at (ms, 0, 1, 0)->name, ==, "is-secret");
  g_assert_cmpstr (property_at (ms, 0, 1, 1)->name, ==, "owner-name");

  /* The next response is not affected. */
  r = response_at (ms, 1);
  g_assert_cmpuint (r->status, ==, 507);
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
check_undeclared_prefix_calendar_data (DavMultistatus *ms)
{
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
  g_assert_nonnull (strstr (property_value (ms, 1, "", "calendar-data"), "UID:review-2"));
}

static void
check_utf8_bom (DavMultistatus *ms)
{
  g_assert_cmpuint (response_at (ms, 0)->line, ==, 3);
}

static void
check_value_serialization (DavMultistatus *ms)
{
  const char *ns = "urn:example:tree";
  const DavResponse *r;

  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 1);
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
  /* An href inside a value is part of the value. */
  g_assert_cmpstr (property_value (ms, 0, ns, "wrapper"), ==,
                   "<href xmlns=\"DAV:\">/dav/coll/not-a-response-href</href>");
  g_assert_cmpuint (r->problems->len, ==, 0);
}

static void
check_unbounded_propstats_truncated (DavMultistatus *ms)
{
  DavParserLimits limits;
  const DavResponse *r;

  /* 80 propstats, more than the default 64 per response. */
  dav_parser_limits_init_default (&limits);
  g_assert_cmpuint (limits.max_propstats, ==, 64);
  r = response_at (ms, 0);
  g_assert_cmpuint (r->propstats->len, ==, limits.max_propstats);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_TRUNCATED));
}

/* The catalogue: what parsing each fixture gives. A row asserts the
 * outcome, the hrefs, statuses and values named, and the problems; what
 * is special about a fixture beyond that is its check function above. */

#define MAX_RESPONSES 8

typedef enum {
  ON_BODY_PROBLEM = -1,   /* on the multistatus itself */
  ANYWHERE_PROBLEM = -2,  /* on the body or on any response */
  NOWHERE_PROBLEM = -3,   /* on neither */
} ProblemPlace;

typedef struct {
  gboolean       set;
  int            place;   /* a ProblemPlace, or the index of a response */
  DavProblemKind kind;
} ProblemExpect;

typedef struct {
  gboolean set;
  guint    response;
  guint    status;
} StatusExpect;

typedef struct {
  gboolean set;
  guint    response;
  guint    propstat;
  guint    status;
} PropstatExpect;

/* property_value (): NULL for a property that is there without a value. */
typedef struct {
  gboolean    set;
  guint       response;
  const char *namespace_uri;
  const char *name;
  const char *value;
} ValueExpect;

#define ON_BODY(kind)                  { TRUE, ON_BODY_PROBLEM, kind }
#define ANYWHERE(kind)                 { TRUE, ANYWHERE_PROBLEM, kind }
#define NOWHERE(kind)                  { TRUE, NOWHERE_PROBLEM, kind }
#define ON_RESPONSE(index, kind)       { TRUE, index, kind }
#define STATUS(index, status)          { TRUE, index, status }
#define PROPSTAT(index, propstat, status) { TRUE, index, propstat, status }
#define VALUE(index, ns, name, value)  { TRUE, index, ns, name, value }

typedef struct {
  const char     *fixture;                   /* tests/fixtures/207/FIXTURE.xml, /multistatus/FIXTURE */
  gboolean        complete;
  gboolean        well_formed;
  guint           n_responses;
  gboolean        no_body_problems;          /* ms->problems is empty */
  const char     *hrefs[MAX_RESPONSES];      /* the first href of each response; NULL: not asserted */
  StatusExpect    statuses[4];               /* the status of a whole response */
  PropstatExpect  propstats[8];
  ValueExpect     values[8];
  ProblemExpect   problems[4];
  gboolean        clean[MAX_RESPONSES];      /* TRUE: that response has no problem */
  void          (*check) (DavMultistatus *ms);
} FixtureCase;

static const FixtureCase fixture_cases[] = {
  {
    .fixture = "hrefs-with-propstat",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .propstats = { PROPSTAT (0, 0, 200) },
    .values = {
      VALUE (0, "DAV:", "displayname", "Which one?"),
    },
    .check = check_hrefs_with_propstat,
  },
  {
    .fixture = "activelock-nested-hrefs",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [0] = "/depot/", [1] = "/depot/held.txt" },
    .values = {
      VALUE (0, "DAV:", "resourcetype", "<collection xmlns=\"DAV:\"/>"),
      VALUE (0, "DAV:", "lockdiscovery", NULL),
      VALUE (1, "http://apache.org/dav/props/", "executable", "F"),
    },
    .check = check_activelock_nested_hrefs,
  },
  {
    /* Lower-case percent-encoding is kept as sent. */
    .fixture = "apache-lp1-prefixes",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 3,
    .no_body_problems = TRUE,
    .hrefs = { [1] = "/share/a%3cb%3e.txt", [2] = "/share/%e4%b8%ad%e6%96%87.txt" },
    .values = {
      VALUE (0, "DAV:", "resourcetype", "<collection xmlns=\"DAV:\"/>"),
      VALUE (1, "DAV:", "resourcetype", NULL),
      VALUE (1, "DAV:", "getetag", "\"5-62f1a0b0c0d00\""),
      VALUE (2, "http://apache.org/dav/props/", "executable", "F"),
      VALUE (2, "DAV:", "getcontentlength", "12"),
    },
    .check = check_apache_lp1_prefixes,
  },
  {
    /* %20 and %23 stay encoded, raw parentheses stay raw. Empty elements in
     * a 404 propstat are names, not values. */
    .fixture = "apache-named-404-many-prefixes",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [0] = "/my%20box/", [1] = "/my%20box/photo%20%232%20(edit).jpg" },
    .propstats = { PROPSTAT (1, 0, 200) },
    .values = {
      VALUE (1, "DAV:", "getcontentlength", "7"),
      VALUE (1, "http://apache.org/dav/props/", "executable", "T"),
    },
    .problems = { NOWHERE (DAV_PROBLEM_VALUE_IN_FAILED_PROPSTAT) },
    .check = check_apache_named_404_many_prefixes,
  },
  {
    /* A valueless attribute is not XML: parsing stops there. The open
     * response is handed over all the same, marked as cut off. */
    .fixture = "attribute-without-value",
    .complete = FALSE, .well_formed = FALSE, .n_responses = 1,
    .hrefs = { [0] = "/remote.php/dav/files/kim/tagged/" },
    .values = {
      VALUE (0, "DAV:", "getetag", "\"77aa\""),
    },
    .problems = { ON_BODY (DAV_PROBLEM_NOT_WELL_FORMED) },
    .check = check_attribute_without_value,
  },
  {
    /* CDATA is text: its '&' is a plain character, not an entity. */
    .fixture = "cdata-href-and-value",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [0] = "/dav/coll/a&b", [1] = "/dav/coll/x&y.txt" },
    .statuses = { STATUS (1, 200) },
    .problems = { NOWHERE (DAV_PROBLEM_UNEXPECTED_ELEMENT) },
    .check = check_cdata_href_and_value,
  },
  {
    /* Comments anywhere, even before and after the root, are nothing. */
    .fixture = "comments-between-elements",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .no_body_problems = TRUE,
    .hrefs = { [0] = "/dav/coll/c1", [1] = "/dav/coll/c2" },
    .statuses = { STATUS (0, 200) },
    .values = {
      VALUE (1, "DAV:", "getetag", "\"c2\""),
    },
    .clean = { [0] = TRUE, [1] = TRUE },
    .check = check_comments_between_elements,
  },
  {
    .fixture = "delete-403-members-no-slash",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 4,
    .check = check_delete_403_members_no_slash,
  },
  {
    .fixture = "delete-single-423",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/vault/inner/held%20open.txt" },
    .check = check_delete_single_423,
  },
  {
    /* 403 and 425 propstats that still carry values: kept, and flagged. */
    .fixture = "depth1-mixed-propstat-statuses",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 5,
    .hrefs = { [0] = "/archive", [4] = "/archive/old" },
    .propstats = {
      PROPSTAT (0, 0, 200),
      PROPSTAT (0, 1, 404),
      PROPSTAT (1, 0, 200),
      PROPSTAT (2, 0, 403),
      PROPSTAT (3, 0, 425),
    },
    .values = {
      VALUE (1, "DAV:", "getcontentlength", "4096"),
      VALUE (2, "DAV:", "displayname", "Budget"),
      VALUE (3, "DAV:", "getcontentlength", "3"),
    },
    .problems = {
      ON_RESPONSE (2, DAV_PROBLEM_VALUE_IN_FAILED_PROPSTAT),
      ON_RESPONSE (3, DAV_PROBLEM_VALUE_IN_FAILED_PROPSTAT),
    },
    .clean = { [0] = TRUE, [4] = TRUE },
    .check = check_depth1_mixed_propstat_statuses,
  },
  {
    .fixture = "doctype-billion-laughs",
    .complete = FALSE, .well_formed = FALSE, .n_responses = 0,
    .check = check_doctype_billion_laughs,
  },
  {
    .fixture = "doctype-external-dtd",
    .complete = FALSE, .well_formed = FALSE, .n_responses = 0,
    .check = check_doctype_external_dtd,
  },
  {
    .fixture = "doctype-parameter-entity",
    .complete = FALSE, .well_formed = FALSE, .n_responses = 0,
    .check = check_doctype_parameter_entity,
  },
  {
    .fixture = "doctype-plain",
    .complete = FALSE, .well_formed = FALSE, .n_responses = 0,
    .check = check_doctype_plain,
  },
  {
    .fixture = "doctype-xxe-system-entity",
    .complete = FALSE, .well_formed = FALSE, .n_responses = 0,
    .check = check_doctype_xxe_system_entity,
  },
  {
    /* The pre-RFC 2518 draft namespace is not DAV:. */
    .fixture = "draft-namespace-root",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 0,
    .problems = { ON_BODY (DAV_PROBLEM_NOT_MULTISTATUS) },
    .check = check_draft_namespace_root,
  },
  {
    /* Both are kept; only the second is flagged, and that is no reason to
     * doubt the whole body. */
    .fixture = "duplicate-href-423-404-gone",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [0] = "http://localhost/shelf/item7", [1] = "http://localhost/shelf/item7" },
    .check = check_duplicate_href_423_404_gone,
  },
  {
    /* No XML declaration, default namespace, one line. */
    .fixture = "duplicate-prop-200-and-404",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "https://192.0.2.10/cloud/" },
    .check = check_duplicate_prop_200_and_404,
  },
  {
    .fixture = "empty-multistatus-multiline-root",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 0,
    .no_body_problems = TRUE,
    .check = check_empty_multistatus_multiline_root,
  },
  {
    .fixture = "empty-multistatus-selfclosing",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 0,
    .no_body_problems = TRUE,
    .check = check_empty_multistatus_selfclosing,
  },
  {
    .fixture = "empty-prop-404",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/no/such/file.txt" },
    .propstats = { PROPSTAT (0, 0, 404) },
    .check = check_empty_prop_404,
  },
  {
    .fixture = "error-lock-token-submitted-423",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [0] = "http://example.net/shared/plan.odt", [1] = "http://example.net/shared/notes.txt" },
    .check = check_error_lock_token_submitted_423,
  },
  {
    /* The bidi override stays percent-encoded in the href. */
    .fixture = "escaped-reason-bidi",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/dav/coll/invoice%E2%80%AEfdp.exe" },
    .check = check_escaped_reason_bidi,
  },
  {
    /* An unused namespace declaration is harmless. */
    .fixture = "extended-mkcol-403-unused-ns",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .no_body_problems = TRUE,
    .hrefs = { [0] = "/projects/new-board" },
    .propstats = { PROPSTAT (0, 0, 403) },
    .clean = { [0] = TRUE },
    .check = check_extended_mkcol_403_unused_ns,
  },
  {
    /* Single-quoted declaration and attributes. The value of a failed
     * property is kept, and flagged. */
    .fixture = "failed-propstat-with-value-apostrophe",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/memo" },
    .values = {
      VALUE (0, "urn:example:memo", "comment", "should not be here"),
    },
    .check = check_failed_propstat_with_value_apostrophe,
  },
  {
    /* &amp; is decoded once; the lower-case %-escapes stay as sent. */
    .fixture = "href-amp-entity-propname",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [0] = "/Caf%c3%a9%20&%20Bar/", [1] = "/Caf%c3%a9%20&%20Bar/men%c3%bc.txt" },
    .check = check_href_amp_entity_propname,
  },
  {
    /* Newlines and indentation around the href text are trimmed. */
    .fixture = "href-newline-indent",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [0] = "http://example.org/papers/drafts/", [1] = "http://example.org/papers/drafts/intro.tex" },
    .values = {
      VALUE (0, "DAV:", "resourcetype", "<collection xmlns=\"DAV:\"/>"),
      VALUE (1, "DAV:", "resourcetype", NULL),
    },
    .clean = { [0] = TRUE, [1] = TRUE },
  },
  {
    /* The response is kept, flagged, and the href inside its prop does not
     * become its href. */
    .fixture = "href-only-inside-prop",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 1,
    .propstats = { PROPSTAT (0, 0, 0) },
    .check = check_href_only_inside_prop,
  },
  {
    /* A file really named "&lt;.txt": neither percent- nor entity-decoded. */
    .fixture = "href-pct-encoded-entity-name",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "http://example.com/notes/%26lt%3b.txt" },
    .propstats = { PROPSTAT (0, 1, 404) },
    .values = {
      VALUE (0, "DAV:", "getetag", "\"0f0f\""),
      VALUE (0, "DAV:", "getcontentlength", "0"),
    },
    .clean = { [0] = TRUE },
    .check = check_href_pct_encoded_entity_name,
  },
  {
    .fixture = "href-query-string-amp",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/shared/my%20doc?rev=3&view=raw" },
    .values = {
      VALUE (0, "DAV:", "getcontentlength", "11"),
    },
    .clean = { [0] = TRUE },
  },
  {
    /* Raw UTF-8 in an href is well-formed XML: kept as sent, not encoded. */
    .fixture = "href-raw-utf8",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [0] = "http://example.org/price\u20aclist", [1] = "/old%20docs/\u20acuro" },
    .values = {
      VALUE (0, "DAV:", "displayname", "raw euro"),
      VALUE (1, "DAV:", "displayname", "mixed"),
    },
    .check = check_href_raw_utf8,
  },
  {
    /* CR LF before and a space after: trimmed. */
    .fixture = "href-whitespace-crlf",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "http://localhost/gamma" },
    .values = {
      VALUE (0, "urn:example:greek", "gamma", "delta"),
    },
    .clean = { [0] = TRUE },
    .check = check_href_whitespace_crlf,
  },
  {
    .fixture = "href-whitespace-status-newline",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/gap" },
    .check = check_href_whitespace_status_newline,
  },
  {
    /* The parser keeps every form of href as sent; resolving them against
     * the request is the client's job. */
    .fixture = "hrefs-relative-colon-at-sign",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 6,
    .values = {
      VALUE (4, "DAV:", "displayname", "Relative with colon"),
    },
    .check = check_hrefs_relative_colon_at_sign,
  },
  {
    .fixture = "html-error-body",
    .complete = FALSE, .well_formed = FALSE, .n_responses = 0,
    .problems = { ON_BODY (DAV_PROBLEM_NOT_MULTISTATUS) },
    .check = check_html_error_body,
  },
  {
    .fixture = "html-without-doctype",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 0,
    .problems = { ON_BODY (DAV_PROBLEM_NOT_MULTISTATUS) },
    .check = check_html_without_doctype,
  },
  {
    /* Six responses, however broken: none is dropped. */
    .fixture = "incomplete-responses-kept",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 6,
    .no_body_problems = TRUE,
    .hrefs = { [1] = "/", [5] = "/tail" },
    .propstats = { PROPSTAT (3, 0, 0) },
    .check = check_incomplete_responses_kept,
  },
  {
    /* Recorded and flagged; a warning, so the body as such is complete. */
    .fixture = "interim-102-status",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/dav/coll/slow" },
    .check = check_interim_102_status,
  },
  {
    /* Empty and self-closing properties have no value. A prefix declared on
     * the property element itself. */
    .fixture = "json-value-inline-namespace",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/remote.php/dav/files/kim/Shared%20stuff/" },
    .propstats = { PROPSTAT (0, 1, 404) },
    .values = {
      VALUE (0, "http://owncloud.org/ns", "permissions", "RGDNVCK"),
      VALUE (0, "http://nextcloud.org/ns", "note", NULL),
      VALUE (0, "http://nextcloud.org/ns", "sharees", NULL),
      VALUE (0, "http://ns.example.org/sharing", "share-level", "17"),
    },
    .clean = { [0] = TRUE },
    .check = check_json_value_inline_namespace,
  },
  {
    /* Junk before the first response belongs to the body. A propstat
     * without a status is fatal, the junk alone is not. */
    .fixture = "junk-elements-split-href",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/path" },
    .problems = { ON_BODY (DAV_PROBLEM_UNEXPECTED_ELEMENT), ON_BODY (DAV_PROBLEM_UNEXPECTED_TEXT) },
    .check = check_junk_elements_split_href,
  },
  {
    .fixture = "lock-207-424-423",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [0] = "/vault", [1] = "/vault/inner/50%25.txt" },
    .propstats = { PROPSTAT (0, 0, 424) },
    .check = check_lock_207_424_423,
  },
  {
    .fixture = "mixed-content-value-299",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .propstats = { PROPSTAT (0, 0, 298) },
    .problems = { ON_RESPONSE (0, DAV_PROBLEM_UNKNOWN_STATUS) },
    .check = check_mixed_content_value_299,
  },
  {
    .fixture = "multi-href-423-delete",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [1] = "/dav/coll/" },
    .check = check_multi_href_423_delete,
  },
  {
    .fixture = "multi-href-status-form",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .check = check_multi_href_status_form,
  },
  {
    .fixture = "multi-href-tab-whitespace",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [1] = "http://example.org/locked-out" },
    .statuses = { STATUS (1, 403) },
    .check = check_multi_href_tab_whitespace,
  },
  {
    .fixture = "multistatus-description-403-nested-values",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "http://example.org/crate" },
    .clean = { [0] = TRUE },
    .check = check_multistatus_description_403_nested_values,
  },
  {
    .fixture = "nested-href-prop-in-value",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/calendars/team" },
    .values = {
      VALUE (0, "DAV:", "share-access", "<shared-owner xmlns=\"DAV:\"/>"),
    },
    .check = check_nested_href_prop_in_value,
  },
  {
    .fixture = "nested-hrefs-lockdiscovery-owner-location",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [0] = "/dav/coll/f", [1] = "/dav/coll/moved" },
    .check = check_nested_hrefs_lockdiscovery_owner_location,
  },
  {
    .fixture = "no-href-420-multiline-description",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 2,
    .check = check_no_href_420_multiline_description,
  },
  {
    /* Indented declaration-to-root gap and trailing whitespace are fine. A
     * status before the prop still belongs to its propstat. The second
     * propstat has none. */
    .fixture = "no-href-status-first",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 1,
    .no_body_problems = TRUE,
    .propstats = { PROPSTAT (0, 0, 404), PROPSTAT (0, 1, 0) },
    .check = check_no_href_status_first,
  },
  {
    /* A DAV: element, but not multistatus: a request echoed back. */
    .fixture = "not-multistatus-root",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 0,
    .problems = { ON_BODY (DAV_PROBLEM_NOT_MULTISTATUS) },
    .check = check_not_multistatus_root,
  },
  {
    /* An href in another namespace names nothing. */
    .fixture = "ns-foreign-href",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 1,
    .check = check_ns_foreign_href,
  },
  {
    /* Namespace names are compared exactly: "dav:" is not "DAV:". */
    .fixture = "ns-wrong-case-dav",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 0,
    .problems = { ON_BODY (DAV_PROBLEM_NOT_MULTISTATUS) },
    .check = check_ns_wrong_case_dav,
  },
  {
    /* The root is right, the response is in "Dav:": it is not a DAV:
     * response, so nothing is listed; but an answer whose only item was
     * dropped for a wrong-case DAV namespace is no complete, empty listing
     * (dav-problem.h: NAMESPACE covers "DAV: element in a wrong
     * namespace"). */
    .fixture = "ns-wrong-case-inner",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 0,
    .problems = { ON_BODY (DAV_PROBLEM_NAMESPACE) },
    .check = check_ns_wrong_case_inner,
  },
  {
    .fixture = "ns0-prefix-404-propstat-first",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/lib/notebooks/" },
    .propstats = { PROPSTAT (0, 0, 404), PROPSTAT (0, 1, 200) },
    .check = check_ns0_prefix_404_propstat_first,
  },
  {
    /* Properties that redeclare the default namespace for themselves. A
     * redundant xmlns="DAV:" on the second propstat changes nothing. */
    .fixture = "proppatch-424-409-default-ns-props",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "http://example.net/poems/ode" },
    .propstats = { PROPSTAT (0, 0, 424), PROPSTAT (0, 1, 409) },
    .check = check_proppatch_424_409_default_ns_props,
  },
  {
    /* A namespace is a name: kept as sent, and no problem for the answer. */
    .fixture = "ns-uri-empty-port",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .no_body_problems = TRUE,
    .clean = { [0] = TRUE },
    .check = check_ns_uri_empty_port,
  },
  {
    /* "tags" is no absolute URI, but it is the namespace as sent. */
    .fixture = "proppatch-relative-namespace-uri",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/files/song.ogg" },
    .propstats = { PROPSTAT (0, 0, 200), PROPSTAT (0, 1, 404) },
    .check = check_proppatch_relative_namespace_uri,
  },
  {
    .fixture = "propstat-error-condition",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .check = check_propstat_error_condition,
  },
  {
    /* The property is kept, with no status. */
    .fixture = "propstat-without-status",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/files/unsure.txt" },
    .propstats = { PROPSTAT (0, 0, 0) },
    .values = {
      VALUE (0, "DAV:", "displayname", "No status given"),
    },
    .check = check_propstat_without_status,
  },
  {
    .fixture = "propstats-without-prop-odd-codes",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [0] = "/num/one", [1] = "/num/two" },
    .check = check_propstats_without_prop_odd_codes,
  },
  {
    /* No XML declaration, no final newline, unused prefixes. A negative
     * quota is text; reading it is for the caller. */
    .fixture = "quota-negative-no-xml-decl",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .no_body_problems = TRUE,
    .hrefs = { [0] = "/remote.php/dav/files/kim/" },
    .values = {
      VALUE (0, "DAV:", "quota-available-bytes", "-3"),
      VALUE (0, "DAV:", "quota-used-bytes", "52428800"),
    },
    .clean = { [0] = TRUE },
  },
  {
    /* An empty displayname with a space before "/>". The href
     * percent-encoded, the displayname raw UTF-8. */
    .fixture = "single-quoted-decl-nonascii",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [0] = "/lib/", [1] = "/lib/Mes%20donn%C3%A9es/" },
    .values = {
      VALUE (0, "DAV:", "displayname", NULL),
      VALUE (0, "DAV:", "resourcetype", "<collection xmlns=\"DAV:\"/>"),
      VALUE (1, "DAV:", "displayname", "Mes donn\u00e9es"),
      VALUE (1, "DAV:", "getetag", "9e107d9d372bb6826bd81d3542a419d6"),
    },
  },
  {
    .fixture = "status-599-unknown-code",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [1] = "/music/track02.flac" },
    .statuses = { STATUS (0, 200) },
    .clean = { [0] = TRUE },
    .check = check_status_599_unknown_code,
  },
  {
    /* Both forms at once is a warning: both are kept. */
    .fixture = "status-and-propstat-descriptions",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/menu" },
    .check = check_status_and_propstat_descriptions,
  },
  {
    /* The status comes first, and still applies to the properties after it. */
    .fixture = "status-before-prop-location",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "http://localhost:8421/share/docs/" },
    .propstats = { PROPSTAT (0, 0, 200) },
    .values = {
      VALUE (0, "DAV:", "getetag", "\"5d41402abc4b2a76\""),
      VALUE (0, "DAV:", "resourcetype", "<collection xmlns=\"DAV:\"/>"),
    },
    .check = check_status_before_prop_location,
  },
  {
    .fixture = "status-garbage",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 3,
    .propstats = { PROPSTAT (2, 0, 0) },
    .values = {
      VALUE (2, "DAV:", "getetag", "\"g3\""),
    },
    .check = check_status_garbage,
  },
  {
    /* "HTTP 1.1 200 OK" is read, and noted: no reason to doubt the body. */
    .fixture = "status-http-space-version",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/shapes/circle" },
    .check = check_status_http_space_version,
  },
  {
    .fixture = "status-invalid-line-propstat",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/shared/media" },
    .propstats = { PROPSTAT (0, 0, 0) },
    .check = check_status_invalid_line_propstat,
  },
  {
    .fixture = "status-invalid-line-response",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/shared/report.pdf" },
    .check = check_status_invalid_line_response,
  },
  {
    /* RFC 9110 allows an empty reason phrase: nothing to flag. */
    .fixture = "status-no-reason",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/quiet" },
    .check = check_status_no_reason,
  },
  {
    /* "(status)" is a reason like any other; the codes are what count. */
    .fixture = "status-placeholder-reason-proppatch",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .propstats = { PROPSTAT (0, 0, 424), PROPSTAT (0, 1, 424), PROPSTAT (0, 2, 409) },
    .check = check_status_placeholder_reason_proppatch,
  },
  {
    .fixture = "sync-collection-507-number-of-matches",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 4,
    .hrefs = { [2] = "http://192.0.2.7/books/gone.vcf", [3] = "http://192.0.2.7/books/" },
    .values = {
      VALUE (0, "DAV:", "getetag", "\"b2-0001\""),
      VALUE (1, "DAV:", "getetag", "\"b2-0002\""),
    },
    .check = check_sync_collection_507_number_of_matches,
  },
  {
    /* A newline inside the start tag is just whitespace. */
    .fixture = "sync-collection-newline-in-start-tag",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 3,
    .hrefs = {
      [0] = "http://192.0.2.7/books/alice.vcf",
      [1] = "http://192.0.2.7/books/bob.vcf",
      [2] = "http://192.0.2.7/books/carol.vcf",
    },
    .propstats = { PROPSTAT (1, 1, 404) },
    .values = {
      VALUE (2, "DAV:", "getetag", "\"a1-0003\""),
    },
    .check = check_sync_collection_newline_in_start_tag,
  },
  {
    .fixture = "sync-token-404-member",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 3,
    .no_body_problems = TRUE,
    .hrefs = { [0] = "/cal/kim/home/added.ics", [2] = "/cal/kim/home/removed.ics" },
    .statuses = { STATUS (2, 404) },
    .values = {
      VALUE (1, "DAV:", "getetag", "\"8-2\""),
    },
    .check = check_sync_token_404_member,
  },
  {
    .fixture = "trailing-garbage-after-root",
    .complete = FALSE, .well_formed = FALSE, .n_responses = 1,
    .hrefs = { [0] = "/dav/coll/kept" },
    .statuses = { STATUS (0, 200) },
    .clean = { [0] = TRUE },
    .check = check_trailing_garbage_after_root,
  },
  {
    /* Cut after a whole response: the listing may miss more. */
    .fixture = "truncated-after-response",
    .complete = FALSE, .well_formed = FALSE, .n_responses = 1,
    .hrefs = { [0] = "/dav/coll/only" },
    .statuses = { STATUS (0, 204) },
    .problems = { ON_BODY (DAV_PROBLEM_TRUNCATED) },
    .check = check_truncated_after_response,
  },
  {
    .fixture = "truncated-open-response",
    .complete = FALSE, .well_formed = FALSE, .n_responses = 2,
    .hrefs = { [1] = "/dav/coll/second" },
    .propstats = { PROPSTAT (1, 0, 200) },
    .values = {
      VALUE (1, "DAV:", "displayname", "Second"),
    },
    .problems = { ON_BODY (DAV_PROBLEM_TRUNCATED) },
    .check = check_truncated_open_response,
  },
  {
    .fixture = "truncated-response-no-href",
    .complete = FALSE, .well_formed = FALSE, .n_responses = 1,
    .propstats = { PROPSTAT (0, 0, 200) },
    .problems = { ON_BODY (DAV_PROBLEM_TRUNCATED) },
    .check = check_truncated_response_no_href,
  },
  {
    .fixture = "truncated-status-format-string",
    .complete = FALSE, .well_formed = FALSE, .n_responses = 1,
    .hrefs = { [0] = "/tmp/x/" },
    .problems = { ON_BODY (DAV_PROBLEM_TRUNCATED) },
    .check = check_truncated_status_format_string,
  },
  {
    .fixture = "two-sync-tokens",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .problems = { ANYWHERE (DAV_PROBLEM_DUPLICATE_ELEMENT) },
    .check = check_two_sync_tokens,
  },
  {
    .fixture = "two-status-duplicate-element",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 2,
    .propstats = { PROPSTAT (1, 0, 200) },
    .check = check_two_status_duplicate_element,
  },
  {
    /* The response still open at the mismatch is kept, with its 410. */
    .fixture = "unclosed-response-mismatched-end",
    .complete = FALSE, .well_formed = FALSE, .n_responses = 1,
    .hrefs = { [0] = "/box/" },
    .check = check_unclosed_response_mismatched_end,
  },
  {
    /* libxml2 reports undeclared prefixes and goes on. The two properties
     * are kept, without a namespace. */
    .fixture = "undeclared-prefix-404-507",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 2,
    .hrefs = { [1] = "/" },
    .propstats = { PROPSTAT (0, 1, 404) },
    .values = {
      VALUE (0, "DAV:", "getcontentlength", "9"),
    },
    .check = check_undeclared_prefix_404_507,
  },
  {
    .fixture = "undeclared-prefix-calendar-data",
    .complete = FALSE, .well_formed = TRUE, .n_responses = 2,
    .values = {
      VALUE (0, "DAV:", "getetag", "\"41-aa\""),
      VALUE (1, "DAV:", "getetag", "\"42-bb\""),
    },
    .check = check_undeclared_prefix_calendar_data,
  },
  {
    /* A UTF-8 byte order mark before the declaration is allowed. */
    .fixture = "utf8-bom",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .no_body_problems = TRUE,
    .hrefs = { [0] = "/dav/coll/r%C3%A9sum%C3%A9.txt" },
    .values = {
      VALUE (0, "DAV:", "displayname", "r\u00e9sum\u00e9"),
    },
    .check = check_utf8_bom,
  },
  {
    .fixture = "value-serialization",
    .complete = TRUE, .well_formed = TRUE, .n_responses = 1,
    .hrefs = { [0] = "/dav/coll/tree" },
    .values = {
      VALUE (0, "", "none", "no namespace"),
    },
    .check = check_value_serialization,
  },
  {
    .fixture = "unbounded-propstats-truncated",
    .complete = FALSE, .well_formed = FALSE, .n_responses = 1,
    .hrefs = { [0] = "/loop" },
    .problems = { ON_BODY (DAV_PROBLEM_LIMIT) },
    .check = check_unbounded_propstats_truncated,
  },
};

static void
test_fixture_case (gconstpointer data)
{
  const FixtureCase *c = data;
  g_autofree char *file = g_strconcat (c->fixture, ".xml", NULL);
  g_autoptr(DavMultistatus) ms = parse_fixture (file);

  g_assert_cmpint (ms->complete, ==, c->complete);
  g_assert_cmpint (ms->well_formed, ==, c->well_formed);
  g_assert_cmpuint (ms->n_responses, ==, c->n_responses);
  if (c->no_body_problems)
    g_assert_cmpuint (ms->problems->len, ==, 0);

  for (guint i = 0; i < MAX_RESPONSES; i++)
    {
      if (c->hrefs[i] != NULL)
        g_assert_cmpstr (href_at (ms, i), ==, c->hrefs[i]);
      if (c->clean[i])
        g_assert_cmpuint (response_at (ms, i)->problems->len, ==, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (c->statuses) && c->statuses[i].set; i++)
    g_assert_cmpuint (response_at (ms, c->statuses[i].response)->status, ==, c->statuses[i].status);
  for (guint i = 0; i < G_N_ELEMENTS (c->propstats) && c->propstats[i].set; i++)
    {
      const PropstatExpect *e = &c->propstats[i];

      g_assert_cmpuint (propstat_at (ms, e->response, e->propstat)->status, ==, e->status);
    }
  for (guint i = 0; i < G_N_ELEMENTS (c->values) && c->values[i].set; i++)
    {
      const ValueExpect *e = &c->values[i];

      g_assert_cmpstr (property_value (ms, e->response, e->namespace_uri, e->name), ==, e->value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (c->problems) && c->problems[i].set; i++)
    {
      const ProblemExpect *e = &c->problems[i];

      if (e->place == ON_BODY_PROBLEM)
        g_assert_true (has_problem (ms->problems, e->kind));
      else if (e->place == ANYWHERE_PROBLEM)
        g_assert_true (has_problem_anywhere (ms, e->kind));
      else if (e->place == NOWHERE_PROBLEM)
        g_assert_false (has_problem_anywhere (ms, e->kind));
      else
        g_assert_true (has_problem (response_at (ms, e->place)->problems, e->kind));
    }

  if (c->check != NULL)
    c->check (ms);
}

/* The parser's thread (dav_multistatus_parser_set_threaded) */

typedef struct {
  GPtrArray *responses;
  GThread   *caller;
  guint      on_caller;   /* responses that came on the caller's thread */
} Collected;

static void
collect_on_thread (DavResponse *response,
                   gpointer     user_data)
{
  Collected *collected = user_data;

  if (g_thread_self () == collected->caller)
    collected->on_caller++;
  g_ptr_array_add (collected->responses, dav_response_ref (response));
}

/* A listing like nginx's, @n responses, some 570 bytes each. */
static GString *
build_nginx_listing (guint n)
{
  GString *body = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<D:multistatus xmlns:D=\"DAV:\">\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (body,
                            "<D:response>\n<D:href>/dav/flat/file%%20%06u%%20%%E2%%80%%93%%20Gr%%C3%%BC%%C3%%9Fe.txt</D:href>\n"
                            "<D:propstat>\n<D:prop>\n<D:displayname>file %06u \xe2\x80\x93 Gr\xc3\xbc\xc3\x9f" "e.txt</D:displayname>\n"
                            "<D:getcontentlength>%u</D:getcontentlength>\n"
                            "<D:getlastmodified>Fri, 04 Dec 2026 23:38:44 GMT</D:getlastmodified>\n"
                            "<D:resourcetype></D:resourcetype>\n<D:lockdiscovery/>\n"
                            "<D:supportedlock>\n<D:lockentry>\n<D:lockscope><D:exclusive/></D:lockscope>\n"
                            "<D:locktype><D:write/></D:locktype>\n</D:lockentry>\n</D:supportedlock>\n"
                            "</D:prop>\n<D:status>HTTP/1.1 200 OK</D:status>\n</D:propstat>\n</D:response>\n",
                            i, i, i * 7919 % 100000);
  g_string_append (body, "</D:multistatus>\n");

  return body;
}

static char *
dump_collected (DavMultistatus *ms,
                GPtrArray      *responses)
{
  GString *out = g_string_new (NULL);
  g_autofree char *body = canonical_dump (ms);

  g_string_append (out, body);
  for (guint i = 0; i < responses->len; i++)
    {
      g_autofree char *one = canonical_dump_response (g_ptr_array_index (responses, i));

      g_string_append_printf (out, "\n%s", one);
    }

  return g_string_free (out, FALSE);
}

/* Larger than the queue holds: the feeds wait for room, the responses
 * come on the thread, in order, the same as inline. */
static void
test_thread_same_responses (void)
{
  g_autoptr(GString) body = build_nginx_listing (9000);
  g_autoptr(GPtrArray) inline_responses = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_response_unref);
  g_autoptr(GPtrArray) thread_responses = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_response_unref);
  Collected inline_collected = { inline_responses, g_thread_self (), 0 };
  Collected thread_collected = { thread_responses, g_thread_self (), 0 };
  g_autoptr(DavMultistatusParser) inline_parser = dav_multistatus_parser_new ();
  g_autoptr(DavMultistatusParser) thread_parser = dav_multistatus_parser_new ();
  g_autoptr(DavMultistatus) inline_ms = NULL;
  g_autoptr(DavMultistatus) thread_ms = NULL;
  g_autofree char *inline_dump = NULL;
  g_autofree char *thread_dump = NULL;

  g_assert_cmpuint (body->len, >, DAV_MULTISTATUS_PARSER_QUEUED);

  dav_multistatus_parser_set_response_func (inline_parser, collect_on_thread, &inline_collected, NULL);
  g_assert_true (dav_multistatus_parser_feed (inline_parser, body->str, body->len, NULL));
  inline_ms = dav_multistatus_parser_finish (inline_parser);

  dav_multistatus_parser_set_threaded (thread_parser, TRUE);
  dav_multistatus_parser_set_response_func (thread_parser, collect_on_thread, &thread_collected, NULL);
  for (gsize offset = 0; offset < body->len; offset += 32768)
    g_assert_true (dav_multistatus_parser_feed (thread_parser, body->str + offset,
                                                MIN (32768, body->len - offset), NULL));
  thread_ms = dav_multistatus_parser_finish (thread_parser);

  g_assert_cmpuint (inline_collected.on_caller, ==, 9000);
  /* Only what finish() parses, the last block, comes on this thread. */
  g_assert_cmpuint (thread_collected.on_caller, <, 10);
  g_assert_cmpuint (thread_responses->len, ==, 9000);
  g_assert_true (thread_ms->complete);
  inline_dump = dump_collected (inline_ms, inline_responses);
  thread_dump = dump_collected (thread_ms, thread_responses);
  g_assert_cmpstr (thread_dump, ==, inline_dump);
}

/* The request ends in an error mid-body: after a drain every response of
 * what was fed has been handed on, as inline; later input is parsed
 * inline, and the end is the same. */
static void
test_thread_drain (void)
{
  g_autoptr(GString) body = build_nginx_listing (300);
  g_autoptr(GPtrArray) responses = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_response_unref);
  Collected collected = { responses, g_thread_self (), 0 };
  g_autoptr(DavMultistatusParser) parser = dav_multistatus_parser_new ();
  g_autoptr(DavMultistatus) ms = NULL;
  g_autoptr(DavMultistatus) half = NULL;
  gsize cut = body->len / 2;

  /* What inline parsing of the first half hands on. */
  {
    g_autoptr(GPtrArray) inline_responses = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_response_unref);
    Collected inline_collected = { inline_responses, NULL, 0 };
    g_autoptr(DavMultistatusParser) inline_parser = dav_multistatus_parser_new ();

    dav_multistatus_parser_set_response_func (inline_parser, collect_on_thread, &inline_collected, NULL);
    dav_multistatus_parser_feed (inline_parser, body->str, cut, NULL);

    dav_multistatus_parser_set_threaded (parser, TRUE);
    dav_multistatus_parser_set_response_func (parser, collect_on_thread, &collected, NULL);
    for (gsize offset = 0; offset < cut; offset += 1000)
      g_assert_true (dav_multistatus_parser_feed (parser, body->str + offset, MIN (1000, cut - offset), NULL));
    dav_multistatus_parser_drain (parser);
    g_assert_cmpuint (responses->len, ==, inline_responses->len);
    g_assert_cmpuint (responses->len, >, 100);
  }

  g_assert_true (dav_multistatus_parser_feed (parser, body->str + cut, body->len - cut, NULL));
  ms = dav_multistatus_parser_finish (parser);
  g_assert_true (ms->complete);
  g_assert_cmpuint (responses->len, ==, 300);
  /* The rest came inline, on this thread. */
  g_assert_cmpuint (collected.on_caller, >, 100);
}

/* Dropped mid-body (a cancelled request): the thread ends, nothing is
 * handed on afterwards, nothing leaks (the valgrind run checks). */
static void
test_thread_cancel_mid_body (void)
{
  g_autoptr(GString) body = build_nginx_listing (2000);
  g_autoptr(GPtrArray) responses = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_response_unref);
  Collected collected = { responses, g_thread_self (), 0 };
  DavMultistatusParser *parser = dav_multistatus_parser_new ();
  guint after;

  dav_multistatus_parser_set_threaded (parser, TRUE);
  dav_multistatus_parser_set_response_func (parser, collect_on_thread, &collected, NULL);
  for (gsize offset = 0; offset < body->len / 2; offset += 4096)
    g_assert_true (dav_multistatus_parser_feed (parser, body->str + offset, 4096, NULL));
  g_object_unref (parser);

  after = responses->len;
  g_assert_cmpuint (after, <, 2000);
  g_usleep (10000);
  g_assert_cmpuint (responses->len, ==, after);
  g_assert_cmpuint (collected.on_caller, ==, 0);
}

/* A stop on the thread (a DTD) is noticed by a later feed, the cap at
 * once, each with the error an inline parser gives. */
static void
test_thread_stops (void)
{
  static const char dtd[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE D:multistatus [<!ENTITY a \"b\">]>\n"
                            "<D:multistatus xmlns:D=\"DAV:\"></D:multistatus>\n";
  g_autoptr(GString) body = build_nginx_listing (100);
  g_autoptr(DavMultistatusParser) parser = dav_multistatus_parser_new ();
  g_autoptr(DavMultistatusParser) capped = dav_multistatus_parser_new ();
  g_autoptr(DavMultistatus) ms = NULL;
  g_autoptr(DavMultistatus) capped_ms = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) cap_error = NULL;
  DavParserLimits limits;
  gboolean stopped = FALSE;

  dav_multistatus_parser_set_threaded (parser, TRUE);
  dav_multistatus_parser_feed (parser, dtd, strlen (dtd), NULL);
  for (guint i = 0; i < 1000 && !stopped; i++)
    {
      g_clear_error (&error);
      stopped = !dav_multistatus_parser_feed (parser, body->str, 100, &error);
      g_usleep (1000);
    }
  g_assert_true (stopped);
  g_assert_error (error, DAV_ERROR, DAV_ERROR_FORBIDDEN_DTD);
  ms = dav_multistatus_parser_finish (parser);
  g_assert_false (ms->complete);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_FORBIDDEN_DTD));

  dav_parser_limits_init_default (&limits);
  limits.max_body_bytes = body->len / 2;
  dav_multistatus_parser_set_limits (capped, &limits);
  dav_multistatus_parser_set_threaded (capped, TRUE);
  g_assert_true (dav_multistatus_parser_feed (capped, body->str, 1000, NULL));
  g_assert_false (dav_multistatus_parser_feed (capped, body->str + 1000, body->len - 1000, &cap_error));
  g_assert_error (cap_error, DAV_ERROR, DAV_ERROR_LIMIT);
  capped_ms = dav_multistatus_parser_finish (capped);
  g_assert_false (capped_ms->complete);
  g_assert_true (has_problem (capped_ms->problems, DAV_PROBLEM_LIMIT));
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
  for (guint i = 0; i < G_N_ELEMENTS (fixture_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/multistatus/", fixture_cases[i].fixture, NULL);

      g_test_add_data_func (path, &fixture_cases[i], test_fixture_case);
    }
  g_test_add_func ("/multistatus/thread/same-responses", test_thread_same_responses);
  g_test_add_func ("/multistatus/thread/drain", test_thread_drain);
  g_test_add_func ("/multistatus/thread/cancel-mid-body", test_thread_cancel_mid_body);
  g_test_add_func ("/multistatus/thread/stops", test_thread_stops);
  g_test_add_func ("/multistatus/ns-default", test_ns_default);
  g_test_add_func ("/multistatus/ns-lp-prefixes", test_ns_lp_prefixes);
  g_test_add_func ("/multistatus/ns-prefix-redefined", test_ns_prefix_redefined);
  g_test_add_func ("/multistatus/ns-uppercase-prefix", test_ns_uppercase_prefix);

  return g_test_run ();
}
