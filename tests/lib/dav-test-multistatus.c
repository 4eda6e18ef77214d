/* dav-test-multistatus.c: reading a parsed 207 in a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A canonical dump of a DavMultistatus (to compare two parses of one
 * body), the fixtures of tests/fixtures/207, feeding a body in chunks, and
 * accessors that end the test when the item asked for is not there.
 */

#include <string.h>

#include "dav-test-multistatus.h"

/* Canonical dump */

static void
dump_string (GString    *out,
             const char *label,
             const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    {
      g_string_append_printf (out, " %s=(null)", label);
      return;
    }

  escaped = g_strescape (value, NULL);
  g_string_append_printf (out, " %s=\"%s\"", label, escaped);
}

static void
dump_problems (GString   *out,
               GPtrArray *problems)
{
  g_string_append (out, " problems=[");
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const DavProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (out, "%s%s@%u",
                              i > 0 ? "," : "",
                              dav_problem_kind_to_string (problem->kind),
                              problem->line);
    }
  g_string_append (out, "]");
}

static void
dump_conditions (GString   *out,
                 GPtrArray *errors)
{
  g_string_append (out, " errors=[");
  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      const DavCondition *condition = g_ptr_array_index (errors, i);

      g_string_append (out, "{");
      dump_string (out, "ns", condition->namespace_uri);
      dump_string (out, "name", condition->name);
      dump_string (out, "content", condition->content);
      g_string_append (out, " }");
    }
  g_string_append (out, "]");
}

static void
dump_response (GString           *out,
               const DavResponse *response)
{
  g_string_append_printf (out, "response #%u line=%u hrefs=[",
                          response->index, response->line);
  for (guint i = 0; i < response->hrefs->len; i++)
    {
      g_autofree char *escaped = g_strescape (g_ptr_array_index (response->hrefs, i), NULL);

      g_string_append_printf (out, "%s\"%s\"", i > 0 ? "," : "", escaped);
    }
  g_string_append_printf (out, "] status=%u", response->status);
  dump_string (out, "reason", response->reason);
  dump_string (out, "status_line", response->status_line);
  dump_string (out, "description", response->description);
  dump_string (out, "location", response->location);
  dump_conditions (out, response->errors);
  dump_problems (out, response->problems);
  g_string_append (out, "\n");

  for (guint i = 0; i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      g_string_append_printf (out, "  propstat status=%u", propstat->status);
      dump_string (out, "reason", propstat->reason);
      dump_string (out, "status_line", propstat->status_line);
      dump_string (out, "description", propstat->description);
      dump_conditions (out, propstat->errors);
      g_string_append (out, "\n");

      for (guint j = 0; j < propstat->properties->len; j++)
        {
          const DavProperty *property = g_ptr_array_index (propstat->properties, j);

          g_string_append (out, "    property");
          dump_string (out, "ns", property->namespace_uri);
          dump_string (out, "name", property->name);
          dump_string (out, "value", property->value);
          g_string_append_printf (out, " is_xml=%d status=%u\n",
                                  property->is_xml, property->status);
        }
    }
}

char *
canonical_dump (DavMultistatus *ms)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "multistatus n_responses=%u is_multistatus=%d complete=%d well_formed=%d",
                          ms->n_responses, ms->is_multistatus,
                          ms->complete, ms->well_formed);
  dump_string (out, "description", ms->description);
  dump_string (out, "sync_token", ms->sync_token);
  dump_conditions (out, ms->errors);
  dump_problems (out, ms->problems);
  g_string_append (out, "\n");

  for (guint i = 0; i < ms->responses->len; i++)
    dump_response (out, g_ptr_array_index (ms->responses, i));

  return g_string_free (out, FALSE);
}

char *
canonical_dump_response (const DavResponse *response)
{
  GString *out = g_string_new (NULL);

  dump_response (out, response);

  return g_string_free (out, FALSE);
}

/* Helpers */

gboolean
has_problem (GPtrArray      *problems,
             DavProblemKind  kind)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const DavProblem *problem = g_ptr_array_index (problems, i);

      if (problem->kind == kind)
        return TRUE;
    }

  return FALSE;
}

guint
count_problems (GPtrArray      *problems,
                DavProblemKind  kind)
{
  guint n = 0;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const DavProblem *problem = g_ptr_array_index (problems, i);

      if (problem->kind == kind)
        n++;
    }

  return n;
}

/* Any problem of that kind, on the body or on any response. */
gboolean
has_problem_anywhere (DavMultistatus *ms,
                      DavProblemKind  kind)
{
  if (has_problem (ms->problems, kind))
    return TRUE;

  for (guint i = 0; i < ms->responses->len; i++)
    {
      const DavResponse *response = g_ptr_array_index (ms->responses, i);

      if (has_problem (response->problems, kind))
        return TRUE;
    }

  return FALSE;
}

gboolean
has_fatal_problem (DavMultistatus *ms)
{
  for (guint i = 0; i < ms->problems->len; i++)
    {
      const DavProblem *problem = g_ptr_array_index (ms->problems, i);

      if (dav_problem_kind_is_fatal (problem->kind))
        return TRUE;
    }

  for (guint i = 0; i < ms->responses->len; i++)
    {
      const DavResponse *response = g_ptr_array_index (ms->responses, i);

      for (guint j = 0; j < response->problems->len; j++)
        {
          const DavProblem *problem = g_ptr_array_index (response->problems, j);

          if (dav_problem_kind_is_fatal (problem->kind))
            return TRUE;
        }
    }

  return FALSE;
}

char *
load_fixture (const char *name,
              gsize      *length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  char *contents = NULL;

  path = g_test_build_filename (G_TEST_DIST, "fixtures", "207", name, NULL);
  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

DavMultistatus *
parse_fixture (const char *name)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  data = load_fixture (name, &length);

  return dav_multistatus_parse (data, length, NULL);
}

DavMultistatus *
parse_string (const char *body)
{
  return dav_multistatus_parse (body, strlen (body), NULL);
}

/* Feeds the body in chunks of the sizes next_size gives; stops feeding as
 * a client would once the parser says it has stopped. */
static DavMultistatus *
parse_in_chunks_mode (const char    *data,
                      gsize          length,
                      ChunkSizeFunc  next_size,
                      gboolean       threaded)
{
  g_autoptr(DavMultistatusParser) parser = dav_multistatus_parser_new ();
  gsize offset = 0;

  dav_multistatus_parser_set_threaded (parser, threaded);
  while (offset < length)
    {
      g_autoptr(GError) error = NULL;
      gsize size = next_size (length - offset);

      size = MIN (size, length - offset);

      if (!dav_multistatus_parser_feed (parser, data + offset, size, &error))
        {
          g_assert_nonnull (error);
          break;
        }
      g_assert_no_error (error);
      offset += size;
    }

  return dav_multistatus_parser_finish (parser);
}

/* Parsed inline and again on the parser's thread (with other chunks when
 * @next_size is random): both must find the same, problems and limits
 * included, so every test of the chunking tests the thread as well. */
DavMultistatus *
parse_in_chunks (const char    *data,
                 gsize          length,
                 ChunkSizeFunc  next_size)
{
  g_autoptr(DavMultistatus) threaded = parse_in_chunks_mode (data, length, next_size, TRUE);
  DavMultistatus *inline_ = parse_in_chunks_mode (data, length, next_size, FALSE);
  g_autofree char *threaded_dump = canonical_dump (threaded);
  g_autofree char *inline_dump = canonical_dump (inline_);

  g_assert_cmpstr (threaded_dump, ==, inline_dump);

  return inline_;
}

gsize
one_byte (gsize remaining)
{
  return 1;
}

gsize
random_size (gsize remaining)
{
  /* Mostly small pieces, now and then a large one. */
  if (g_test_rand_int_range (0, 8) == 0)
    return g_test_rand_int_range (1, 4096);

  return g_test_rand_int_range (1, 24);
}

/* These end the test when the item is not there (g_error does not
 * return), so what they give is never NULL: -O3 proves it, too. */
const DavResponse *
response_at (DavMultistatus *ms,
             guint           index)
{
  if (index >= ms->responses->len)
    g_error ("response %u of %u", index, ms->responses->len);

  return g_ptr_array_index (ms->responses, index);
}

const char *
href_at (DavMultistatus *ms,
         guint           index)
{
  const DavResponse *response = response_at (ms, index);

  g_assert_cmpuint (response->hrefs->len, >, 0);

  return dav_response_get_href (response);
}

const DavPropstat *
propstat_at (DavMultistatus *ms,
             guint           response,
             guint           index)
{
  const DavResponse *r = response_at (ms, response);

  if (index >= r->propstats->len)
    g_error ("propstat %u of %u", index, r->propstats->len);

  return g_ptr_array_index (r->propstats, index);
}

const DavProperty *
property_at (DavMultistatus *ms,
             guint           response,
             guint           propstat,
             guint           index)
{
  const DavPropstat *p = propstat_at (ms, response, propstat);

  if (index >= p->properties->len)
    g_error ("property %u of %u", index, p->properties->len);

  return g_ptr_array_index (p->properties, index);
}

/* The property of that name in any propstat of the response. */
const DavProperty *
find_property (DavMultistatus *ms,
               guint           response,
               const char     *namespace_uri,
               const char     *name)
{
  const DavResponse *r = response_at (ms, response);

  for (guint i = 0; r != NULL && i < r->propstats->len; i++)
    {
      const DavPropstat *p = g_ptr_array_index (r->propstats, i);

      for (guint j = 0; j < p->properties->len; j++)
        {
          const DavProperty *property = g_ptr_array_index (p->properties, j);

          if (g_strcmp0 (property->namespace_uri, namespace_uri) == 0 &&
              g_strcmp0 (property->name, name) == 0)
            return property;
        }
    }

  return NULL;
}

const char *
property_value (DavMultistatus *ms,
                guint           response,
                const char     *namespace_uri,
                const char     *name)
{
  const DavProperty *property = find_property (ms, response, namespace_uri, name);

  g_assert_nonnull (property);

  return property != NULL ? property->value : NULL;
}

/* Whether any text the parser kept (hrefs, values, descriptions, error
 * contents, reasons) contains needle. */
gboolean
dump_contains (DavMultistatus *ms,
               const char     *needle)
{
  g_autofree char *dump = canonical_dump (ms);

  return strstr (dump, needle) != NULL;
}

/* The contract for complete: well formed, ended, DAV:multistatus (or a
 * DAV:error body), and no fatal problem anywhere. */
void
assert_complete_consistent (DavMultistatus *ms)
{
  gboolean expected = ms->well_formed && !has_fatal_problem (ms);

  g_assert_cmpint (ms->complete, ==, expected);
}
