/* test-status-line.c: lenient parsing of <DAV:status> text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-status-line.h"

#include <string.h>

/* Marks the end of a list of expected problem kinds. */
#define END_KINDS ((int) -1)
#define MAX_KINDS 4

typedef struct {
  const char *text;
  gboolean    ok;
  guint       code;
  const char *reason;   /* NULL: expect NULL */
  const char *version;  /* NULL: expect NULL */
  int         kinds[MAX_KINDS];
} StatusCase;

static const StatusCase cases[] = {
  { "HTTP/1.1 200 OK", TRUE, 200, "OK", "HTTP/1.1", { END_KINDS } },
  /* RFC 9110 §4: the reason phrase may be empty */
  { "HTTP/1.1 200 ", TRUE, 200, "", "HTTP/1.1", { END_KINDS } },
  { "HTTP/1.1 200 OK\n", TRUE, 200, "OK", "HTTP/1.1", { END_KINDS } },
  { "\r\nHTTP/1.1 200 OK ", TRUE, 200, "OK", "HTTP/1.1", { END_KINDS } },
  { "HTTP 1.1 200 OK", TRUE, 200, "OK", "HTTP 1.1",
    { DAV_PROBLEM_LENIENT_STATUS_LINE, END_KINDS } },
  { "HTTP/1.0 207 Foo", TRUE, 207, "Foo", "HTTP/1.0", { END_KINDS } },
  { "HTTP/1.1 599 French Fries", TRUE, 599, "French Fries", "HTTP/1.1",
    { DAV_PROBLEM_UNKNOWN_STATUS, END_KINDS } },
  { "HTTP/1.1 123 Hoorah", TRUE, 123, "Hoorah", "HTTP/1.1",
    { DAV_PROBLEM_INTERIM_STATUS, DAV_PROBLEM_UNKNOWN_STATUS, END_KINDS } },
  { "HTTP/1.1 102 Processing", TRUE, 102, "Processing", "HTTP/1.1",
    { DAV_PROBLEM_INTERIM_STATUS, END_KINDS } },
  { "HTTP/1.1 424 (status)", TRUE, 424, "(status)", "HTTP/1.1", { END_KINDS } },
  { "HTTP/1.1 404 Gone", TRUE, 404, "Gone", "HTTP/1.1", { END_KINDS } },
  /* Next to the common line, which is read without the general way */
  { "\tHTTP/1.1 200 OK\r\n", TRUE, 200, "OK", "HTTP/1.1", { END_KINDS } },
  { "HTTP/1.1 200 OKAY", TRUE, 200, "OKAY", "HTTP/1.1", { END_KINDS } },
  { "HTTP/1.1 200 Ok", TRUE, 200, "Ok", "HTTP/1.1", { END_KINDS } },
  { "http/1.1 200 OK", TRUE, 200, "OK", "http/1.1",
    { DAV_PROBLEM_LENIENT_STATUS_LINE, END_KINDS } },
  { "HTTP/1.1  200 OK", TRUE, 200, "OK", "HTTP/1.1",
    { DAV_PROBLEM_LENIENT_STATUS_LINE, END_KINDS } },
  { "HTTP/1.1 420 Enhance Your Calm", TRUE, 420, "Enhance Your Calm", "HTTP/1.1",
    { DAV_PROBLEM_UNKNOWN_STATUS, END_KINDS } },
  { "HTTP/1.1 999 X", TRUE, 999, "X", "HTTP/1.1",
    { DAV_PROBLEM_UNKNOWN_STATUS, END_KINDS } },
  { "200", TRUE, 200, "", NULL, { DAV_PROBLEM_LENIENT_STATUS_LINE, END_KINDS } },
  { "HTTP/2 200", TRUE, 200, "", "HTTP/2",
    { DAV_PROBLEM_LENIENT_STATUS_LINE, END_KINDS } },
  { "HTTP/1.1 403 Il n'ya pas de property", TRUE, 403,
    "Il n'ya pas de property", "HTTP/1.1", { END_KINDS } },
  { "HTTP/1.1 404 Pas trouvé — désolé ☹", TRUE, 404,
    "Pas trouvé — désolé ☹", "HTTP/1.1", { END_KINDS } },
  { "HTTP/1.1 423 Gesperrt: „Grüße“", TRUE, 423,
    "Gesperrt: „Grüße“", "HTTP/1.1", { END_KINDS } },

  /* Nothing that can be read as a code */
  { "Invalid Status Line", FALSE, 0, NULL, NULL,
    { DAV_PROBLEM_BAD_STATUS_LINE, END_KINDS } },
  { "HTTP/1.1 %s%s%s%s", FALSE, 0, NULL, NULL,
    { DAV_PROBLEM_BAD_STATUS_LINE, END_KINDS } },
  { "", FALSE, 0, NULL, NULL, { DAV_PROBLEM_BAD_STATUS_LINE, END_KINDS } },
  { "garbage", FALSE, 0, NULL, NULL, { DAV_PROBLEM_BAD_STATUS_LINE, END_KINDS } },
  { "HTTP/1.1 99 X", FALSE, 0, NULL, NULL,
    { DAV_PROBLEM_BAD_STATUS_LINE, END_KINDS } },
  { "HTTP/1.1 1000 X", FALSE, 0, NULL, NULL,
    { DAV_PROBLEM_BAD_STATUS_LINE, END_KINDS } },
  { "HTTP/1.1 \x1b[2J", FALSE, 0, NULL, NULL,
    { DAV_PROBLEM_BAD_STATUS_LINE, END_KINDS } },
};

static char *
kinds_to_string (const int *kinds,
                 gsize      n_kinds)
{
  GString *out = g_string_new ("[");

  for (gsize i = 0; i < n_kinds; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, dav_problem_kind_to_string ((DavProblemKind) kinds[i]));
    }
  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

/* Compares the kinds in @problems, in order, with @expected (ended by
 * END_KINDS), and checks that each problem is placed and readable. */
static void
assert_problem_kinds (const char *text,
                      GPtrArray  *problems,
                      const int  *expected)
{
  int actual[16];
  gsize n_expected = 0;
  gsize n_actual = problems->len;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;

  while (n_expected < MAX_KINDS && expected[n_expected] != END_KINDS)
    n_expected++;

  g_assert_cmpuint (n_actual, <=, G_N_ELEMENTS (actual));
  for (guint i = 0; i < problems->len; i++)
    {
      const DavProblem *problem = g_ptr_array_index (problems, i);

      actual[i] = (int) problem->kind;
      g_assert_cmpuint (problem->line, ==, 1);
      g_assert_cmpuint (problem->column, ==, 1);
      g_assert_nonnull (problem->message);
      g_assert_cmpstr (problem->message, !=, "");
      g_assert_null (strchr (problem->message, '\x1b'));
    }

  want = kinds_to_string (expected, n_expected);
  got = kinds_to_string (actual, n_actual);
  if (g_strcmp0 (want, got) != 0)
    g_test_message ("status “%s”: expected problems %s, got %s", text, want, got);
  g_assert_cmpstr (got, ==, want);
}

static void
test_parse_case (gconstpointer data)
{
  const StatusCase *c = data;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_problem_free);
  DavStatusLine line;
  gboolean ok;

  ok = dav_status_line_parse (c->text, &line, problems, 1, 1);

  g_test_message ("status “%s”: ok %d code %u reason “%s” version “%s”",
                  c->text, ok, line.code,
                  line.reason ? line.reason : "(null)",
                  line.version ? line.version : "(null)");

  g_assert_cmpint (ok, ==, c->ok);
  g_assert_cmpuint (line.code, ==, c->code);
  g_assert_cmpstr (line.reason, ==, c->reason);
  g_assert_cmpstr (line.version, ==, c->version);
  assert_problem_kinds (c->text, problems, c->kinds);

  dav_status_line_clear (&line);
  g_assert_cmpuint (line.code, ==, 0);
  g_assert_null (line.reason);
  g_assert_null (line.version);
}

static void
test_escaped_message (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_problem_free);
  DavStatusLine line;
  const DavProblem *problem;

  g_assert_false (dav_status_line_parse ("HTTP/1.1 \x1b[2J", &line, problems, 1, 1));
  g_assert_cmpuint (line.code, ==, 0);
  g_assert_cmpuint (problems->len, ==, 1);

  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->kind, ==, DAV_PROBLEM_BAD_STATUS_LINE);
  g_assert_null (strchr (problem->message, '\x1b'));
  g_assert_nonnull (strstr (problem->message, "\\x1b"));
  g_assert_nonnull (strstr (problem->message, "[2J"));

  dav_status_line_clear (&line);
}

static void
test_line_column (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_problem_free);
  DavStatusLine line;
  const DavProblem *problem;

  g_assert_true (dav_status_line_parse ("HTTP 1.1 200 OK", &line, problems, 17, 42));
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->kind, ==, DAV_PROBLEM_LENIENT_STATUS_LINE);
  g_assert_cmpuint (problem->line, ==, 17);
  g_assert_cmpuint (problem->column, ==, 42);

  dav_status_line_clear (&line);
}

static void
test_null_out_and_problems (void)
{
  /* Both optional: nothing is written, the answer is the same */
  g_assert_true (dav_status_line_parse ("HTTP/1.1 200 OK", NULL, NULL, 1, 1));
  g_assert_true (dav_status_line_parse ("HTTP/1.1 123 Hoorah", NULL, NULL, 1, 1));
  g_assert_false (dav_status_line_parse ("garbage", NULL, NULL, 1, 1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/status-line/parse/%" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &cases[i], test_parse_case);
    }
  g_test_add_func ("/status-line/escaped-message", test_escaped_message);
  g_test_add_func ("/status-line/line-column", test_line_column);
  g_test_add_func ("/status-line/null-out-and-problems", test_null_out_and_problems);

  return g_test_run ();
}
