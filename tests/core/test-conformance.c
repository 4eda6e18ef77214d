/* test-conformance.c: the multistatus parser against the real-world corpus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every body in $DAVSCOPE_CORPUS_DIR (shared/corpus/207 beside the checkout,
 * described by its README.md and SOURCES.tsv) is parsed whole and again in
 * random chunks; both results must be the same, and they must agree with
 * the counts the corpus states, with its list of malformed bodies and with
 * the parser's safety limits.
 */

#include "dav-multistatus-parser.h"

#include <string.h>

/* The default limit on propstats per response (dav_parser_limits_init_default). */
#define DEFAULT_MAX_PROPSTATS 64

typedef struct {
  char *file;
  char *path;
  char *expected; /* the `expected` column of SOURCES.tsv, or NULL */
} CorpusFile;

static char *corpus_dir;

/* The bodies the README.md lists under "Malformed on purpose": not well
 * formed, or with namespace errors (undeclared prefix). The third group,
 * "wrong namespace", is every libxml2-draft-* file; see is_libxml2_draft().
 * test_readme_lists() checks that each name really is in the README. */
static const char * const malformed_files[] = {
  /* Not well-formed */
  "dav4jvm-response-without-href-truncated.xml",
  "neon-proppatch-regress-truncated-status-format-string.xml",
  "neon-props-regress-unclosed-response-not-wellformed.xml",
  "neon-props-unbounded-propstats-truncated-1MB.xml",
  "webdavclient-js-prop-attributes-valueless-attr-MALFORMED.xml",
  /* Namespace errors (undeclared prefix) */
  "sabreio-doc-calendar-query-undeclared-c-prefix.xml",
  "webdavclient-js-search-truncated-507-undeclared-nc-oc.xml",
};

#define LIBXML2_DRAFT_PREFIX "libxml2-draft-"

/* The body that streams <propstat></propstat> without end. */
#define UNBOUNDED_PROPSTATS_FILE "neon-props-unbounded-propstats-truncated-1MB.xml"

/* Rows whose `expected` text gives the count ANOTHER client arrives at
 * after dropping what it cannot use. Our parser never drops a response: it
 * keeps each one and lists what is wrong with it. So for these the check
 * is that we have at least that many responses, and that every response
 * beyond that number carries a fatal problem (at most `count` are fine).
 * The libxml2-draft-* rows are the other exception; see
 * check_libxml2_draft().
 *
 * Not an exception: webdavclient-js-search-truncated-507-undeclared-nc-oc.xml,
 * "test expects 1 file result": webdav-client leaves the request-URI itself
 * (the 507 response for "/") out of the search results; that is not a
 * count of responses, and that row states none. */
static const struct {
  const char *file;
  guint       count;
  const char *why;
} other_client_counts[] = {
  { "neon-207-incomplete-responses-ignored.xml", 2,
    "\"neon reports only 2 responses ... incomplete responses ignored\": "
    "neon drops the empty <response/>s, the one without href and the one "
    "with an empty href; we keep them, each with missing-href/empty-href" },
  { "neon-207-junk-elements-and-cdata-href-split.xml", 1,
    "\"neon: 1 response ... propstat with no status\": what neon makes of "
    "it, ignoring the junk; we keep the response and flag the propstat "
    "without status (missing-status)" },
  { "dav4jvm-response-without-href-truncated.xml", 0,
    "\"dav4jvm parseResponse returns null (response ignored)\": dav4jvm "
    "drops a response without href; we keep it, with missing-href" },
  { "neon-props-regress-href-inside-prop-no-response-href.xml", 0,
    "\"neon must not crash; 0 usable responses\": neon ignores the response "
    "whose only href is inside a property value; we keep it, with "
    "missing-href" },
};

static gboolean
is_libxml2_draft (const char *file)
{
  return g_str_has_prefix (file, LIBXML2_DRAFT_PREFIX);
}

static gboolean
is_html (const char *file)
{
  return g_str_has_suffix (file, ".html");
}

static gboolean
is_listed_malformed (const char *file)
{
  gsize i;

  if (is_libxml2_draft (file))
    return TRUE;

  for (i = 0; i < G_N_ELEMENTS (malformed_files); i++)
    if (g_str_equal (file, malformed_files[i]))
      return TRUE;

  return FALSE;
}

static gboolean
is_corpus_body (const char *file)
{
  return !g_str_equal (file, "README.md") && !g_str_equal (file, "SOURCES.tsv");
}

static void
corpus_file_free (gpointer data)
{
  CorpusFile *cf = data;

  g_free (cf->file);
  g_free (cf->path);
  g_free (cf->expected);
  g_free (cf);
}

/* SOURCES.tsv: file name -> `expected` column (the sixth). */
static GHashTable *
load_sources (GError **error)
{
  g_autofree char *path = g_build_filename (corpus_dir, "SOURCES.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  GHashTable *rows;
  gsize i;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;

  rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (contents, "\n", -1);

  /* Line 0 is the header. */
  for (i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) columns = NULL;
      char *line = lines[i];
      gsize len = strlen (line);

      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      if (*line == '\0')
        continue;

      columns = g_strsplit (line, "\t", -1);
      g_hash_table_replace (rows, g_strdup (columns[0]),
                            g_strdup (g_strv_length (columns) >= 6 ? columns[5] : ""));
    }

  return rows;
}

/* The count of responses the `expected` text states: a number directly
 * followed by " response" at the start of the text, or after "observed: "
 * (once after "observed: HTTP 424; ", for the body sent with a 424).
 * Rows starting otherwise ("neon reports only ...", "test expects 1 file
 * result", "not XML; ...") state no count of ours. */
static gboolean
parse_expected_count (const char *expected,
                      guint      *count)
{
  g_autoptr (GRegex) regex = NULL;
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *digits = NULL;
  gboolean found;

  regex = g_regex_new ("^(?:observed: (?:HTTP [0-9]{3}; )?)?([0-9]+) responses?\\b",
                       0, 0, NULL);
  g_assert_nonnull (regex);

  found = g_regex_match (regex, expected, 0, &match);
  if (!found)
    return FALSE;

  digits = g_match_info_fetch (match, 1);
  *count = (guint) g_ascii_strtoull (digits, NULL, 10);

  return TRUE;
}

/* --- canonical dump ---------------------------------------------------- */

static void
dump_string (GString    *out,
             const char *label,
             const char *value)
{
  if (value == NULL)
    g_string_append_printf (out, "%s: (none)\n", label);
  else
    g_string_append_printf (out, "%s: \"%s\"\n", label, value);
}

static void
dump_problems (GString         *out,
               const char      *indent,
               const GPtrArray *problems)
{
  guint i;

  g_string_append_printf (out, "%sproblems:", indent);
  for (i = 0; problems != NULL && i < problems->len; i++)
    {
      const DavProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (out, " %s", dav_problem_kind_to_string (problem->kind));
    }
  g_string_append_c (out, '\n');
}

static void
dump_conditions (GString         *out,
                 const char      *indent,
                 const GPtrArray *conditions)
{
  guint i;

  for (i = 0; conditions != NULL && i < conditions->len; i++)
    {
      const DavCondition *condition = g_ptr_array_index (conditions, i);
      g_autofree char *name = dav_condition_dup_clark_name (condition);

      g_string_append_printf (out, "%scondition %s: %s\n", indent, name,
                              condition->content != NULL ? condition->content : "(none)");
    }
}

static void
dump_response (GString           *out,
               const DavResponse *response)
{
  guint i, j;

  g_string_append_printf (out, "response %u\n", response->index);
  for (i = 0; i < response->hrefs->len; i++)
    dump_string (out, "  href", g_ptr_array_index (response->hrefs, i));
  g_string_append_printf (out, "  status: %u\n", response->status);
  dump_string (out, "  reason", response->reason);
  dump_string (out, "  status-line", response->status_line);
  dump_string (out, "  description", response->description);
  dump_string (out, "  location", response->location);
  dump_conditions (out, "  ", response->errors);
  for (i = 0; i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      g_string_append_printf (out, "  propstat %u: status %u\n", i, propstat->status);
      dump_string (out, "    reason", propstat->reason);
      dump_string (out, "    status-line", propstat->status_line);
      dump_string (out, "    description", propstat->description);
      dump_conditions (out, "    ", propstat->errors);
      for (j = 0; j < propstat->properties->len; j++)
        {
          const DavProperty *property = g_ptr_array_index (propstat->properties, j);

          g_string_append_printf (out, "    property {%s}%s (%s, status %u)\n",
                                  property->namespace_uri, property->name,
                                  property->is_xml ? "xml" : "text",
                                  property->status);
          dump_string (out, "      value", property->value);
        }
    }
  dump_problems (out, "  ", response->problems);
}

/* Everything the parser reports, except problem messages and positions.
 * responses: those to dump (the collected ones, or the ones a callback got). */
static char *
dump_multistatus (const DavMultistatus *ms,
                  const GPtrArray      *responses)
{
  GString *out = g_string_new (NULL);
  guint i;

  g_string_append_printf (out, "is_multistatus: %d\ncomplete: %d\nwell_formed: %d\n"
                          "n_responses: %u\n",
                          ms->is_multistatus, ms->complete, ms->well_formed,
                          ms->n_responses);
  dump_string (out, "description", ms->description);
  dump_string (out, "sync-token", ms->sync_token);
  dump_conditions (out, "", ms->errors);
  dump_problems (out, "", ms->problems);
  for (i = 0; i < responses->len; i++)
    dump_response (out, g_ptr_array_index (responses, i));

  return g_string_free (out, FALSE);
}

/* --- parsing ----------------------------------------------------------- */

static DavMultistatus *
parse_in_chunks (const char *data,
                 gsize       length,
                 GString    *log)
{
  g_autoptr (DavMultistatusParser) parser = dav_multistatus_parser_new ();
  gsize offset = 0;

  while (offset < length)
    {
      g_autoptr (GError) error = NULL;
      /* Mostly small chunks, now and then up to 4 KiB, so that every kind
       * of token gets split somewhere across the corpus. */
      gint32 max = 1 << g_test_rand_int_range (0, 13);
      gsize chunk = (gsize) g_test_rand_int_range (1, max + 1);

      chunk = MIN (chunk, length - offset);
      g_string_append_printf (log, " %" G_GSIZE_FORMAT, chunk);
      if (!dav_multistatus_parser_feed (parser, data + offset, chunk, &error))
        {
          g_assert_nonnull (error);
          g_test_message ("parsing stopped after %" G_GSIZE_FORMAT " bytes: %s",
                          offset + chunk, error->message);
          break;
        }
      g_assert_no_error (error);
      offset += chunk;
    }

  return dav_multistatus_parser_finish (parser);
}

static void
collect_response_cb (DavResponse *response,
                     gpointer     user_data)
{
  GPtrArray *responses = user_data;

  g_ptr_array_add (responses, dav_response_ref (response));
}

/* The whole body in one feed, with a response callback (streaming mode);
 * @threaded: parsed on the parser's thread, in 1 KiB feeds, the callback
 * called there. */
static DavMultistatus *
parse_streaming (const char *data,
                 gsize       length,
                 GPtrArray  *responses,
                 gboolean    threaded)
{
  g_autoptr (DavMultistatusParser) parser = dav_multistatus_parser_new ();
  g_autoptr (GError) error = NULL;

  if (threaded)
    {
      dav_multistatus_parser_set_threaded (parser, TRUE);
      dav_multistatus_parser_set_response_func (parser, collect_response_cb,
                                                g_ptr_array_ref (responses),
                                                (GDestroyNotify) g_ptr_array_unref);
      for (gsize offset = 0; offset < length; offset += 1024)
        if (!dav_multistatus_parser_feed (parser, data + offset, MIN (1024, length - offset), &error))
          {
            g_assert_nonnull (error);
            break;
          }
      return dav_multistatus_parser_finish (parser);
    }

  dav_multistatus_parser_set_response_func (parser, collect_response_cb,
                                            g_ptr_array_ref (responses),
                                            (GDestroyNotify) g_ptr_array_unref);
  if (!dav_multistatus_parser_feed (parser, data, length, &error))
    g_assert_nonnull (error);

  return dav_multistatus_parser_finish (parser);
}

/* --- checks ------------------------------------------------------------ */

static gboolean
problems_have_kind (const GPtrArray *problems,
                    DavProblemKind   kind)
{
  guint i;

  for (i = 0; problems != NULL && i < problems->len; i++)
    if (((const DavProblem *) g_ptr_array_index (problems, i))->kind == kind)
      return TRUE;

  return FALSE;
}

static gboolean
problems_have_fatal (const GPtrArray *problems)
{
  guint i;

  for (i = 0; problems != NULL && i < problems->len; i++)
    if (dav_problem_kind_is_fatal (((const DavProblem *) g_ptr_array_index (problems, i))->kind))
      return TRUE;

  return FALSE;
}

/* A problem of that kind anywhere: on the body or on a response. */
static gboolean
multistatus_has_problem_kind (const DavMultistatus *ms,
                              DavProblemKind        kind)
{
  guint i;

  if (problems_have_kind (ms->problems, kind))
    return TRUE;
  for (i = 0; i < ms->responses->len; i++)
    if (problems_have_kind (((const DavResponse *) g_ptr_array_index (ms->responses, i))->problems, kind))
      return TRUE;

  return FALSE;
}

static guint
multistatus_count_problems (const DavMultistatus *ms)
{
  guint n = ms->problems->len;
  guint i;

  for (i = 0; i < ms->responses->len; i++)
    n += ((const DavResponse *) g_ptr_array_index (ms->responses, i))->problems->len;

  return n;
}

static void
check_other_client_count (const DavMultistatus *ms,
                          guint                 count)
{
  guint n_fine = 0;
  guint i;

  g_assert_cmpuint (ms->n_responses, >=, count);
  g_assert_cmpuint (ms->responses->len, ==, ms->n_responses);
  for (i = 0; i < ms->responses->len; i++)
    {
      const DavResponse *response = g_ptr_array_index (ms->responses, i);

      if (!problems_have_fatal (response->problems))
        n_fine++;
    }
  /* The responses the other client dropped are the ones we flag. */
  g_assert_cmpuint (n_fine, <=, count);
}

/* The libxml2 files use the pre-RFC namespace http://www.ietf.org/standards/dav/;
 * their count of 2 is for that draft format. An RFC 4918 parser finds no
 * DAV:multistatus in them at all. */
static void
check_libxml2_draft (const DavMultistatus *ms)
{
  g_assert_false (ms->is_multistatus);
  g_assert_cmpuint (ms->n_responses, ==, 0);
  g_assert_cmpuint (ms->responses->len, ==, 0);
  g_assert_true (problems_have_kind (ms->problems, DAV_PROBLEM_NOT_MULTISTATUS));
}

static void
check_unbounded_propstats (const DavMultistatus *ms)
{
  guint i;

  g_assert_true (multistatus_has_problem_kind (ms, DAV_PROBLEM_LIMIT));
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  for (i = 0; i < ms->responses->len; i++)
    {
      const DavResponse *response = g_ptr_array_index (ms->responses, i);

      g_assert_cmpuint (response->propstats->len, <=, DEFAULT_MAX_PROPSTATS);
    }
}

static void
test_parse (gconstpointer data)
{
  const CorpusFile *cf = data;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DavMultistatus) whole = NULL;
  g_autoptr (DavMultistatus) chunked = NULL;
  g_autoptr (DavMultistatus) streamed = NULL;
  g_autoptr (GPtrArray) streamed_responses = NULL;
  g_autoptr (GString) chunk_log = g_string_new ("chunks:");
  g_autofree char *whole_dump = NULL;
  g_autofree char *chunked_dump = NULL;
  g_autofree char *streamed_dump = NULL;
  DavParserLimits limits;
  guint count;
  gsize length;
  gsize i;

  g_assert_true (g_file_get_contents (cf->path, &contents, &length, &error));
  g_assert_no_error (error);

  dav_parser_limits_init_default (&limits);
  whole = dav_multistatus_parse (contents, length, &limits);
  g_assert_nonnull (whole);
  g_assert_cmpuint (whole->responses->len, ==, whole->n_responses);

  /* Same result, however the body is cut up on the way. */
  chunked = parse_in_chunks (contents, length, chunk_log);
  g_assert_nonnull (chunked);
  whole_dump = dump_multistatus (whole, whole->responses);
  chunked_dump = dump_multistatus (chunked, chunked->responses);
  if (g_strcmp0 (whole_dump, chunked_dump) != 0)
    g_test_message ("%s", chunk_log->str);
  g_assert_cmpstr (chunked_dump, ==, whole_dump);

  /* And the same when the responses go to a callback. */
  streamed_responses = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_response_unref);
  streamed = parse_streaming (contents, length, streamed_responses, FALSE);
  g_assert_cmpuint (streamed->responses->len, ==, 0);
  streamed_dump = dump_multistatus (streamed, streamed_responses);
  g_assert_cmpstr (streamed_dump, ==, whole_dump);

  /* And on the parser's thread. */
  g_ptr_array_set_size (streamed_responses, 0);
  g_clear_pointer (&streamed, dav_multistatus_unref);
  g_clear_pointer (&streamed_dump, g_free);
  streamed = parse_streaming (contents, length, streamed_responses, TRUE);
  g_assert_cmpuint (streamed->responses->len, ==, 0);
  streamed_dump = dump_multistatus (streamed, streamed_responses);
  g_assert_cmpstr (streamed_dump, ==, whole_dump);

  /* The counts the corpus states. */
  for (i = 0; i < G_N_ELEMENTS (other_client_counts); i++)
    if (g_str_equal (cf->file, other_client_counts[i].file))
      break;

  if (i < G_N_ELEMENTS (other_client_counts))
    {
      g_test_message ("%s counts what another client keeps: %s",
                      cf->file, other_client_counts[i].why);
      check_other_client_count (whole, other_client_counts[i].count);
    }
  else if (is_libxml2_draft (cf->file))
    {
      check_libxml2_draft (whole);
    }
  else if (cf->expected != NULL && parse_expected_count (cf->expected, &count))
    {
      g_test_message ("SOURCES.tsv states %u response(s)", count);
      g_assert_cmpuint (whole->n_responses, ==, count);
    }
  else
    {
      g_test_message ("SOURCES.tsv states no count of responses: %s",
                      cf->expected != NULL ? cf->expected : "(no row)");
    }

  /* Malformed bodies are never taken as complete, and say why. */
  if (is_listed_malformed (cf->file) || is_html (cf->file))
    {
      g_assert_false (whole->complete);
      g_assert_cmpuint (multistatus_count_problems (whole), >, 0);
    }
  else
    {
      g_assert_true (whole->well_formed);
    }

  if (is_html (cf->file))
    g_assert_cmpuint (whole->n_responses, ==, 0);

  if (g_str_equal (cf->file, UNBOUNDED_PROPSTATS_FILE))
    check_unbounded_propstats (whole);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_corpus_files (GError **error)
{
  g_autoptr (GDir) dir = g_dir_open (corpus_dir, 0, error);
  g_autoptr (GPtrArray) files = NULL;
  const char *name;

  if (dir == NULL)
    return NULL;

  files = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_corpus_body (name))
      g_ptr_array_add (files, g_strdup (name));
  g_ptr_array_sort (files, compare_names);

  return g_steal_pointer (&files);
}

static void
test_sources_complete (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) files = list_corpus_files (&error);
  g_autoptr (GHashTable) rows = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;
  guint i;

  g_assert_no_error (error);
  rows = load_sources (&error);
  g_assert_no_error (error);

  for (i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);

      if (!g_hash_table_contains (rows, file))
        g_test_message ("%s has no row in SOURCES.tsv", file);
      g_assert_true (g_hash_table_contains (rows, file));
      g_hash_table_add (seen, (gpointer) file);
    }

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!g_hash_table_contains (seen, key))
        g_test_message ("SOURCES.tsv names %s, which is not in the folder", (const char *) key);
      g_assert_true (g_hash_table_contains (seen, key));
    }

  g_assert_cmpuint (g_hash_table_size (rows), ==, files->len);
}

/* The hand-kept tables above still match the corpus. */
static void
test_readme_lists (void)
{
  g_autofree char *path = g_build_filename (corpus_dir, "README.md", NULL);
  g_autofree char *readme = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) rows = NULL;
  gsize i;

  g_assert_true (g_file_get_contents (path, &readme, NULL, &error));
  g_assert_no_error (error);
  rows = load_sources (&error);
  g_assert_no_error (error);

  for (i = 0; i < G_N_ELEMENTS (malformed_files); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("`%s`", malformed_files[i]);

      g_assert_nonnull (strstr (readme, quoted));
      g_assert_true (g_hash_table_contains (rows, malformed_files[i]));
    }
  g_assert_nonnull (strstr (readme, "`" LIBXML2_DRAFT_PREFIX "*`"));
  g_assert_true (g_hash_table_contains (rows, UNBOUNDED_PROPSTATS_FILE));

  for (i = 0; i < G_N_ELEMENTS (other_client_counts); i++)
    g_assert_true (g_hash_table_contains (rows, other_client_counts[i].file));
}

static void
test_no_corpus (void)
{
  g_test_skip ("207 corpus not found: set DAVSCOPE_CORPUS_DIR to shared/corpus/207");
}

int
main (int    argc,
      char **argv)
{
  const char *env;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GPtrArray) corpus_files = NULL;
  g_autoptr (GHashTable) rows = NULL;
  guint i;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  env = g_getenv ("DAVSCOPE_CORPUS_DIR");
  if (env == NULL || *env == '\0' || !g_file_test (env, G_FILE_TEST_IS_DIR))
    {
      g_test_add_func ("/conformance/corpus-not-found", test_no_corpus);
      return g_test_run ();
    }

  corpus_dir = g_canonicalize_filename (env, NULL);
  files = list_corpus_files (NULL);
  rows = load_sources (NULL);
  corpus_files = g_ptr_array_new_with_free_func (corpus_file_free);

  for (i = 0; files != NULL && i < files->len; i++)
    {
      CorpusFile *cf = g_new0 (CorpusFile, 1);
      g_autofree char *test_path = NULL;

      cf->file = g_strdup (g_ptr_array_index (files, i));
      cf->path = g_build_filename (corpus_dir, cf->file, NULL);
      cf->expected = rows != NULL ? g_strdup (g_hash_table_lookup (rows, cf->file)) : NULL;
      g_ptr_array_add (corpus_files, cf);

      test_path = g_strdup_printf ("/conformance/%s/parse", cf->file);
      g_test_add_data_func (test_path, cf, test_parse);
    }

  g_test_add_func ("/conformance/sources-complete", test_sources_complete);
  g_test_add_func ("/conformance/readme-lists", test_readme_lists);

  ret = g_test_run ();

  g_clear_pointer (&corpus_dir, g_free);

  return ret;
}
