/* fuzz-multistatus.c: libFuzzer target for the 207 Multi-Status parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a body, used whole (so the fixtures and the dictionary
 * work as they are). It is parsed with dav_multistatus_parse, then fed to
 * a DavMultistatusParser in chunks whose sizes come from a PRNG seeded
 * with the input's hash, byte by byte, and again in chunks through the
 * streaming response callback. A canonical dump of each result must be
 * the same every time (docs/hostile-servers.md case 16: chunking
 * independence), and each result must keep the documented invariants.
 *
 * Each input is also parsed under small limits derived from its hash
 * (body bytes, depth, responses, propstats, properties, value bytes),
 * and those runs are compared with each other: what fits under the body
 * cap is parsed, whatever the chunking.
 */

#include "fuzz-common.h"

#include "dav-multistatus-parser.h"

#include <string.h>

/* Canonical dump: everything a caller can read, but problem messages
 * and lines, which say where libxml2 was when it noticed. */

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

/* Known ("error-kind"): libxml2 2.9's push parser notices some errors
 * (bad encodings, a syntax error while it waits for a '>') at a point that
 * depends on the chunking, or only when the document is ended, and the
 * parser names the problem by when it came: TRUNCATED, NOT_WELL_FORMED,
 * LIMIT or EMPTY_BODY for one body. With the tag, those kinds are one. */
static gboolean
is_stop_kind (DavProblemKind kind)
{
  return kind == DAV_PROBLEM_TRUNCATED || kind == DAV_PROBLEM_NOT_WELL_FORMED ||
         kind == DAV_PROBLEM_LIMIT || kind == DAV_PROBLEM_EMPTY_BODY;
}

static void
dump_problems (GString   *out,
               GPtrArray *problems)
{
  gboolean merge = fuzz_known ("error-kind");
  gboolean last_was_stop = FALSE;
  guint n = 0;

  g_string_append (out, " problems=[");
  for (guint i = 0; i < problems->len; i++)
    {
      const DavProblem *problem = g_ptr_array_index (problems, i);
      const char *kind = dav_problem_kind_to_string (problem->kind);

      if (merge && is_stop_kind (problem->kind))
        {
          if (last_was_stop)
            continue;
          kind = "stopped";
          last_was_stop = TRUE;
        }
      else
        last_was_stop = FALSE;

      g_string_append_printf (out, "%s%s", n++ > 0 ? "," : "", kind);
    }
  g_string_append (out, "]");
}

static void
dump_conditions (GString   *out,
                 GPtrArray *errors)
{
  g_string_append (out, " errors=[");
  for (guint i = 0; i < errors->len; i++)
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
  g_string_append_printf (out, "response #%u line=%u hrefs=[", response->index, response->line);
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
          g_string_append_printf (out, " is_xml=%d status=%u\n", property->is_xml, property->status);
        }
    }
}

/* @streamed: the dump of the responses handed to the callback, which are
 * then not in ms->responses. */
static char *
dump_multistatus (const DavMultistatus *ms,
                  const char           *streamed)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out,
                          "multistatus n_responses=%u is_multistatus=%d is_prop_body=%d complete=%d well_formed=%d",
                          ms->n_responses, ms->is_multistatus, ms->is_prop_body,
                          ms->complete, ms->well_formed);
  dump_string (out, "description", ms->description);
  dump_string (out, "sync_token", ms->sync_token);
  dump_conditions (out, ms->errors);
  dump_problems (out, ms->problems);
  g_string_append (out, "\n");

  if (streamed != NULL)
    g_string_append (out, streamed);
  else
    for (guint i = 0; i < ms->responses->len; i++)
      dump_response (out, g_ptr_array_index (ms->responses, i));

  return g_string_free (out, FALSE);
}

/* Invariants of one result, whatever the chunking */

static void
check_problems (GPtrArray *problems,
                gboolean  *fatal)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const DavProblem *problem = g_ptr_array_index (problems, i);
      const char *unsafe;

      FUZZ_CHECK (problem->message != NULL && *problem->message != '\0', "problem %s without a message",
                  dav_problem_kind_to_string (problem->kind));
      unsafe = fuzz_unsafe_text (problem->message);
      FUZZ_CHECK (unsafe == NULL, "problem message (%s) holds %s: %s",
                  dav_problem_kind_to_string (problem->kind), unsafe, problem->message);
      if (dav_problem_kind_is_fatal (problem->kind))
        *fatal = TRUE;
    }
}

static gboolean
has_kind (GPtrArray      *problems,
          DavProblemKind  kind)
{
  for (guint i = 0; i < problems->len; i++)
    if (((const DavProblem *) g_ptr_array_index (problems, i))->kind == kind)
      return TRUE;

  return FALSE;
}

static void
check_text_field (const char            *label,
                  const char            *value,
                  const DavParserLimits *limits)
{
  if (value == NULL)
    return;

  FUZZ_CHECK (strlen (value) <= limits->max_value_bytes,
              "%s of %zu bytes is over max_value_bytes %zu", label, strlen (value),
              limits->max_value_bytes);
}

static void
check_conditions (GPtrArray             *errors,
                  const DavParserLimits *limits)
{
  for (guint i = 0; i < errors->len; i++)
    {
      const DavCondition *condition = g_ptr_array_index (errors, i);

      FUZZ_CHECK (condition->name != NULL, "condition without a name");
      check_text_field ("condition content", condition->content, limits);
    }
}

static void
check_response (const DavResponse     *response,
                guint                  index,
                const DavParserLimits *limits,
                gboolean              *fatal)
{
  guint n_properties = 0;

  FUZZ_CHECK (response->index == index, "response index %u at position %u", response->index, index);
  /* Known: the one propstat of a DAV:prop root ignores max_propstats 0. */
  FUZZ_CHECK (response->propstats->len <= limits->max_propstats ||
              (fuzz_known ("prop-body-propstat-limit") && response->propstats->len == 1 &&
               response->hrefs->len == 0),
              "%u propstats over the limit %u", response->propstats->len, limits->max_propstats);

  for (guint i = 0; i < response->hrefs->len; i++)
    {
      const char *href = g_ptr_array_index (response->hrefs, i);
      gsize len = strlen (href);

      FUZZ_CHECK (len > 0, "empty href kept");
      FUZZ_CHECK (strchr (" \t\r\n", href[0]) == NULL && strchr (" \t\r\n", href[len - 1]) == NULL,
                  "href not trimmed: \"%s\"", href);
      check_text_field ("href", href, limits);
    }

  check_text_field ("response status_line", response->status_line, limits);
  check_text_field ("response description", response->description, limits);
  check_text_field ("location", response->location, limits);
  check_conditions (response->errors, limits);
  check_problems (response->problems, fatal);

  for (guint i = 0; i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      check_text_field ("propstat status_line", propstat->status_line, limits);
      check_text_field ("propstat description", propstat->description, limits);
      check_conditions (propstat->errors, limits);

      for (guint j = 0; j < propstat->properties->len; j++)
        {
          const DavProperty *property = g_ptr_array_index (propstat->properties, j);

          FUZZ_CHECK (property->name != NULL && property->namespace_uri != NULL,
                      "property without name or namespace");
          /* Known: a propstat cut off after its status (the document
           * stopped inside it) leaves its properties at 0. */
          FUZZ_CHECK (property->status == propstat->status ||
                      (fuzz_known ("open-propstat-status") && property->status == 0),
                      "property status %u in a propstat of %u", property->status, propstat->status);
          /* "NULL when empty". Known: a value cut at max_value_bytes to
           * nothing but the layout before its first element is "". */
          FUZZ_CHECK (property->value == NULL || *property->value != '\0' ||
                      (fuzz_known ("cut-value-empty") &&
                       has_kind (response->problems, DAV_PROBLEM_VALUE_TRUNCATED)),
                      "empty value of {%s}%s is \"\", not NULL (is_xml %d)",
                      property->namespace_uri, property->name, property->is_xml);
          check_text_field ("property value", property->value, limits);
          n_properties++;
        }
    }

  FUZZ_CHECK (n_properties <= limits->max_properties,
              "%u properties over the limit %u", n_properties, limits->max_properties);
}

typedef struct {
  const DavParserLimits *limits;
  GString               *dump;
  guint                  n;
  gboolean               fatal;
} Stream;

static void
on_response (DavResponse *response,
             gpointer     user_data)
{
  Stream *stream = user_data;

  check_response (response, stream->n, stream->limits, &stream->fatal);
  dump_response (stream->dump, response);
  stream->n++;
}

static void
check_result (const DavMultistatus  *ms,
              const DavParserLimits *limits,
              size_t                 size,
              Stream                *stream)
{
  gboolean fatal = FALSE;

  FUZZ_CHECK (!ms->complete || ms->well_formed, "complete but not well formed");
  FUZZ_CHECK (!(ms->is_multistatus && ms->is_prop_body), "both a multistatus and a prop body");
  FUZZ_CHECK (ms->n_responses <= limits->max_responses,
              "%u responses over the limit %u", ms->n_responses, limits->max_responses);
  check_text_field ("multistatus description", ms->description, limits);
  check_text_field ("sync_token", ms->sync_token, limits);
  check_conditions (ms->errors, limits);
  check_problems (ms->problems, &fatal);

  if (stream != NULL)
    {
      FUZZ_CHECK (ms->responses->len == 0, "%u responses kept although streamed", ms->responses->len);
      FUZZ_CHECK (stream->n == ms->n_responses, "%u responses streamed, n_responses %u",
                  stream->n, ms->n_responses);
      fatal |= stream->fatal;
    }
  else
    {
      FUZZ_CHECK (ms->responses->len == ms->n_responses, "%u responses kept, n_responses %u",
                  ms->responses->len, ms->n_responses);
      for (guint i = 0; i < ms->responses->len; i++)
        check_response (g_ptr_array_index (ms->responses, i), i, limits, &fatal);
    }

  /* docs/hostile-servers.md promise 2: no action on partial knowledge. */
  FUZZ_CHECK (!(ms->complete && fatal), "complete although a fatal problem was recorded");
  FUZZ_CHECK (!(ms->complete && limits->max_body_bytes > 0 && size > limits->max_body_bytes),
              "complete although the body (%zu bytes) is over max_body_bytes %" G_GUINT64_FORMAT,
              size, limits->max_body_bytes);
}

/* Runs */

static const DavParserLimits *current_limits;

typedef enum {
  CHUNKS_RANDOM,
  CHUNKS_BYTES,
} Chunking;

static gsize
next_chunk (guint64 *state,
            gsize    left)
{
  guint64 r = fuzz_rand (state);
  gsize n;

  switch (r & 7)
    {
    case 0:  n = 1; break;
    case 1:
    case 2:
    case 3:  n = 1 + (r >> 8) % 16; break;
    case 4:
    case 5:  n = 1 + (r >> 8) % 256; break;
    case 6:  n = 1 + (r >> 8) % 4096; break;
    default: n = 0; break;   /* an empty feed must change nothing */
    }

  return MIN (n, left);
}

static char *
run_whole (const uint8_t         *data,
           size_t                 size,
           const DavParserLimits *limits,
           gboolean               null_limits,
           DavMultistatus       **out)
{
  g_autoptr(DavMultistatus) ms = dav_multistatus_parse ((const char *) data, size,
                                                        null_limits ? NULL : limits);

  check_result (ms, limits, size, NULL);
  if (out != NULL)
    *out = dav_multistatus_ref (ms);
  return dump_multistatus (ms, NULL);
}

static char *
run_fed (const uint8_t         *data,
         size_t                 size,
         const DavParserLimits *limits,
         Chunking               chunking,
         guint64                seed,
         gboolean               streaming)
{
  g_autoptr(DavMultistatusParser) parser = dav_multistatus_parser_new ();
  g_autoptr(DavMultistatus) ms = NULL;
  g_autoptr(GString) streamed = g_string_new (NULL);
  Stream stream = { limits, streamed, 0, FALSE };
  guint64 state = seed;
  gsize offset = 0;
  gboolean stopped = FALSE;

  dav_multistatus_parser_set_limits (parser, limits);
  if (streaming)
    dav_multistatus_parser_set_response_func (parser, on_response, &stream, NULL);

  while (offset < size)
    {
      g_autoptr(GError) error = NULL;
      gsize n = chunking == CHUNKS_BYTES ? 1 : next_chunk (&state, size - offset);
      gboolean ok = dav_multistatus_parser_feed (parser, (const char *) data + offset, n, &error);

      FUZZ_CHECK (ok == (error == NULL), "feed returned %d with error %s", ok,
                  error ? error->message : "(none)");
      /* Once stopped, stopped for good. */
      FUZZ_CHECK (!(stopped && ok), "feed succeeded after it had failed");
      if (!ok)
        {
          const char *unsafe = fuzz_unsafe_text (error->message);

          FUZZ_CHECK (unsafe == NULL, "feed error holds %s: %s", unsafe, error->message);
          stopped = TRUE;
          /* A client stops here; the streaming run goes on feeding, which
           * must be harmless. */
          if (!streaming)
            break;
        }
      offset += n;
    }

  ms = dav_multistatus_parser_finish (parser);
  check_result (ms, limits, size, streaming ? &stream : NULL);
  return dump_multistatus (ms, streaming ? streamed->str : NULL);
}

/* The response blocks of a dump, after its header line. */
static GPtrArray *
split_responses (const char *dump)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func (g_free);
  const char *p = strstr (dump, "\nresponse #");

  while (p != NULL)
    {
      const char *next = strstr (p + 1, "\nresponse #");

      g_ptr_array_add (blocks, next ? g_strndup (p + 1, next - p - 1) : g_strdup (p + 1));
      p = next;
    }

  return blocks;
}

/* Known ("error-kind"): when libxml2 found the body malformed, where it
 * noticed depends on the chunking, so one run may hold a response more
 * or less, or a namespace problem more, next to the error. Then both must
 * still be malformed, and the responses before the last of each must
 * agree, one list a prefix of the other. */
static gboolean
same_up_to_error (const char *a,
                  const char *b)
{
  g_autoptr(GPtrArray) blocks_a = NULL;
  g_autoptr(GPtrArray) blocks_b = NULL;
  guint n;

  if (!fuzz_known ("error-kind"))
    return FALSE;

  {
    const char *end_a = strchr (a, '\n');
    const char *end_b = strchr (b, '\n');
    const char *wf_a = strstr (a, " well_formed=0");
    const char *wf_b = strstr (b, " well_formed=0");

    if (wf_a == NULL || wf_b == NULL || (end_a != NULL && wf_a > end_a) || (end_b != NULL && wf_b > end_b))
      return FALSE;
  }

  blocks_a = split_responses (a);
  blocks_b = split_responses (b);
  n = MIN (blocks_a->len, blocks_b->len);
  if (n > 0)
    n--;

  for (guint i = 0; i < n; i++)
    if (strcmp (g_ptr_array_index (blocks_a, i), g_ptr_array_index (blocks_b, i)) != 0)
      return FALSE;

  return TRUE;
}

static void
compare (const char    *label_a,
         const char    *a,
         const char    *label_b,
         const char    *b,
         const uint8_t *data,
         size_t         size)
{
  const char *pa = a;
  const char *pb = b;
  const char *line_a = a;

  if (strcmp (a, b) == 0 || same_up_to_error (a, b))
    return;

  /* Show the first line that differs, then both dumps (cut). */
  while (*pa != '\0' && *pa == *pb)
    {
      if (*pa == '\n')
        line_a = pa + 1;
      pa++;
      pb++;
    }

  fprintf (stderr, "\nCHUNKING DEPENDENCE (docs/hostile-servers.md case 16): %s and %s differ\n", label_a, label_b);
  fprintf (stderr, "limits: body %" G_GUINT64_FORMAT " depth %u responses %u propstats %u properties %u value %zu\n",
           current_limits->max_body_bytes, current_limits->max_depth, current_limits->max_responses,
           current_limits->max_propstats, current_limits->max_properties, current_limits->max_value_bytes);
  fprintf (stderr, "first difference after: %.*s\n", (int) (pa - line_a), line_a);
  fprintf (stderr, "--- %s\n%.4000s\n--- %s\n%.4000s\n", label_a, a, label_b, b);
  FUZZ_FAIL ("results differ (input of %zu bytes)", size);
}

/* A value cut at a limit is a prefix of the value read without limits
 * (after trimming, which keeps that true): never bytes from after the cut
 * joined to what came before it. */
/* Known ("cut-value-splice"): after a cut inside a UTF-8 sequence, text
 * that comes in a later callback (after an entity, a CDATA section, a
 * chunk) is still appended, so "abcd" + "&amp;" gives "abcd&" for
 * "abcdé&xyz". With the tag, a cut value must only be a subsequence. */
static gboolean
is_subsequence (const char *cut,
                const char *full)
{
  for (; *full != '\0' && *cut != '\0'; full++)
    if (*full == *cut)
      cut++;

  return *cut == '\0';
}

static void
check_prefix (const char *label,
              const char *cut,
              const char *full)
{
  if (cut == NULL || *cut == '\0')
    return;

  FUZZ_CHECK (full != NULL &&
              (g_str_has_prefix (full, cut) ||
               (fuzz_known ("cut-value-splice") && is_subsequence (cut, full))),
              "%s under small limits \"%s\" is not a prefix of \"%s\"", label, cut,
              full ? full : "(null)");
}

static void
check_prefix_conditions (GPtrArray *cut,
                         GPtrArray *full)
{
  for (guint i = 0; i < MIN (cut->len, full->len); i++)
    {
      const DavCondition *a = g_ptr_array_index (cut, i);
      const DavCondition *b = g_ptr_array_index (full, i);

      if (g_strcmp0 (a->name, b->name) == 0)
        check_prefix ("condition content", a->content, b->content);
    }
}

static void
check_prefixes (const DavMultistatus *cut,
                const DavMultistatus *full)
{
  check_prefix ("multistatus description", cut->description, full->description);
  check_prefix ("sync_token", cut->sync_token, full->sync_token);
  check_prefix_conditions (cut->errors, full->errors);

  for (guint i = 0; i < MIN (cut->responses->len, full->responses->len); i++)
    {
      const DavResponse *a = g_ptr_array_index (cut->responses, i);
      const DavResponse *b = g_ptr_array_index (full->responses, i);

      FUZZ_CHECK (a->line == b->line, "response %u at line %u under small limits, %u without", i,
                  a->line, b->line);
      check_prefix ("response status_line", a->status_line, b->status_line);
      check_prefix ("response description", a->description, b->description);
      check_prefix ("location", a->location, b->location);
      check_prefix_conditions (a->errors, b->errors);

      for (guint j = 0; j < MIN (a->propstats->len, b->propstats->len); j++)
        {
          const DavPropstat *pa = g_ptr_array_index (a->propstats, j);
          const DavPropstat *pb = g_ptr_array_index (b->propstats, j);

          check_prefix ("propstat status_line", pa->status_line, pb->status_line);
          check_prefix ("propstat description", pa->description, pb->description);
          check_prefix_conditions (pa->errors, pb->errors);

          for (guint k = 0; k < MIN (pa->properties->len, pb->properties->len); k++)
            {
              const DavProperty *va = g_ptr_array_index (pa->properties, k);
              const DavProperty *vb = g_ptr_array_index (pb->properties, k);

              FUZZ_CHECK (g_strcmp0 (va->name, vb->name) == 0 &&
                          g_strcmp0 (va->namespace_uri, vb->namespace_uri) == 0,
                          "property %u/%u/%u is %s under small limits, %s without", i, j, k,
                          va->name, vb->name);
              /* Cut before its first element, a value is still text. */
              if (va->is_xml == vb->is_xml)
                check_prefix ("property value", va->value, vb->value);
            }
        }
    }
}

/* Small limits from the hash: each one small often enough to be hit. */
static void
small_limits (guint64          h,
              size_t           size,
              DavParserLimits *limits)
{
  guint64 state = h ^ G_GUINT64_CONSTANT (0x5deece66d);
  guint64 r;

  dav_parser_limits_init_default (limits);

  r = fuzz_rand (&state);
  if (r % 3 == 0)
    limits->max_body_bytes = 1 + (r >> 8) % (size + 8);
  r = fuzz_rand (&state);
  if (r % 2 == 0)
    limits->max_depth = 1 + (r >> 8) % 8;
  r = fuzz_rand (&state);
  if (r % 2 == 0)
    /* Known: a DAV:prop root (a LOCK answer) with max_responses 0
     * dereferences NULL. */
    limits->max_responses = (r >> 8) % 4 + (fuzz_known ("prop-body-zero-responses") ? 1 : 0);
  r = fuzz_rand (&state);
  if (r % 2 == 0)
    limits->max_propstats = (r >> 8) % 4;
  r = fuzz_rand (&state);
  if (r % 2 == 0)
    limits->max_properties = (r >> 8) % 5;
  r = fuzz_rand (&state);
  if (r % 2 == 0)
    limits->max_value_bytes = 1 + (r >> 8) % 24;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  guint64 h = fuzz_hash (data, size);
  DavParserLimits limits;
  g_autoptr(DavMultistatus) full = NULL;
  g_autoptr(DavMultistatus) cut = NULL;

  /* Default limits: whole (with NULL limits), random chunks, byte by
   * byte, streamed in other random chunks. */
  dav_parser_limits_init_default (&limits);
  current_limits = &limits;
  {
    g_autofree char *whole = run_whole (data, size, &limits, TRUE, &full);
    g_autofree char *chunks = run_fed (data, size, &limits, CHUNKS_RANDOM, h, FALSE);
    g_autofree char *streamed = run_fed (data, size, &limits, CHUNKS_RANDOM, h + 1, TRUE);

    compare ("whole", whole, "random chunks", chunks, data, size);
    compare ("whole", whole, "streamed chunks", streamed, data, size);

    if (size <= 16384)
      {
        g_autofree char *bytes = run_fed (data, size, &limits, CHUNKS_BYTES, 0, FALSE);

        compare ("whole", whole, "byte by byte", bytes, data, size);
      }
  }

  /* Small limits, compared only with each other. */
  small_limits (h, size, &limits);
  {
    g_autofree char *whole = run_whole (data, size, &limits, FALSE, &cut);
    g_autofree char *chunks = run_fed (data, size, &limits, CHUNKS_RANDOM, h + 2, FALSE);
    g_autofree char *streamed = run_fed (data, size, &limits, CHUNKS_RANDOM, h + 3, TRUE);

    compare ("whole (small limits)", whole, "random chunks (small limits)", chunks, data, size);
    compare ("whole (small limits)", whole, "streamed chunks (small limits)", streamed, data, size);
  }

  check_prefixes (cut, full);

  return 0;
}
