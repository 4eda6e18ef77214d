/* fuzz-status-line.c: libFuzzer target for dav_status_line_parse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input, up to its first NUL, is the text of a <DAV:status>.
 * Invariants: FALSE exactly when the code is 0; a code in 100..999 when
 * TRUE; a reason exactly when TRUE; the same answer without @out or
 * @problems; a problem message is valid UTF-8 with no control or bidi
 * character (server text in it is escaped); FALSE gives exactly one
 * BAD_STATUS_LINE problem; the problems carry the line and column given.
 */

#include "fuzz-common.h"

#include "dav-status-line.h"

#include <string.h>

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
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_problem_free);
  DavStatusLine line;
  gboolean ok;
  gboolean ok_bare;
  gboolean ok_no_problems;
  DavStatusLine line_no_problems;

  ok = dav_status_line_parse (text, &line, problems, 7, 3);

  FUZZ_CHECK (ok == (line.code != 0), "returned %d with code %u", ok, line.code);
  if (ok)
    {
      FUZZ_CHECK (line.code >= 100 && line.code <= 999, "code %u out of range", line.code);
      FUZZ_CHECK (line.reason != NULL, "no reason (not even \"\") for code %u", line.code);
    }
  else
    {
      FUZZ_CHECK (line.reason == NULL && line.version == NULL, "reason or version without a code");
      FUZZ_CHECK (problems->len == 1 &&
                  ((DavProblem *) g_ptr_array_index (problems, 0))->kind == DAV_PROBLEM_BAD_STATUS_LINE,
                  "%u problems for an unreadable status", problems->len);
    }

  if (line.reason != NULL)
    FUZZ_CHECK (g_utf8_validate (line.reason, -1, NULL) || !g_utf8_validate (text, -1, NULL),
                "a reason of invalid UTF-8 from valid input");
  if (line.version != NULL)
    FUZZ_CHECK (g_ascii_strncasecmp (line.version, "HTTP", 4) == 0, "version \"%s\"", line.version);

  for (guint i = 0; i < problems->len; i++)
    {
      const DavProblem *problem = g_ptr_array_index (problems, i);
      const char *unsafe;

      FUZZ_CHECK (problem->line == 7 && problem->column == 3, "problem at %u:%u", problem->line,
                  problem->column);
      FUZZ_CHECK (problem->message != NULL && *problem->message != '\0', "problem without a message");
      unsafe = fuzz_unsafe_text (problem->message);
      FUZZ_CHECK (unsafe == NULL, "problem message (%s) holds %s: %s",
                  dav_problem_kind_to_string (problem->kind), unsafe, problem->message);
    }

  /* The same reading whatever the caller asks for. */
  ok_bare = dav_status_line_parse (text, NULL, NULL, 0, 0);
  FUZZ_CHECK (ok_bare == ok, "%d without out or problems, %d with", ok_bare, ok);
  ok_no_problems = dav_status_line_parse (text, &line_no_problems, NULL, 0, 0);
  FUZZ_CHECK (ok_no_problems == ok && line_no_problems.code == line.code &&
              g_strcmp0 (line_no_problems.reason, line.reason) == 0 &&
              g_strcmp0 (line_no_problems.version, line.version) == 0,
              "a different reading without problems");

  dav_status_line_clear (&line_no_problems);
  dav_status_line_clear (&line);
  FUZZ_CHECK (line.code == 0 && line.reason == NULL && line.version == NULL, "clear left something");
  /* Clearing twice is harmless. */
  dav_status_line_clear (&line);

  return 0;
}
