/* test-report.c: the words of an operation and the text of a report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report window's "Copy Report" and davscope-cli's report are the
 * same text (dav_report_item_append_text), with a flag for each place
 * where the two differ; the words of each operation come from one table
 * (dav_operation_*).
 */

#include "dav-operation.h"
#include "dav-report.h"

#include <string.h>

#define URL "http://127.0.0.1:8080/dav/"

static DavReportItem *
item_new (const char *method,
          const char *url,
          DavOutcome  outcome,
          guint       status,
          const char *explanation)
{
  DavReportItem *item = dav_report_item_new (method, url);

  item->outcome = outcome;
  item->ok = outcome == DAV_OUTCOME_DONE;
  item->status = status;
  g_free (item->explanation);
  item->explanation = g_strdup (explanation);

  return item;
}

/* A report of four items: done, failed with a locked member, not
 * attempted, and done by an answer that contradicts the request. */
static DavReport *
report_new (void)
{
  DavReport *report = dav_report_new ();
  DavReportItem *failed;
  DavReportItem *contradicted;
  DavReportMember *member = g_new0 (DavReportMember, 1);
  DavCondition *condition = dav_condition_new ("urn:example:odd", "held");

  g_ptr_array_add (report->items, item_new ("DELETE", URL "a%20b.txt", DAV_OUTCOME_DONE, 204, "Deleted."));

  failed = item_new ("DELETE", URL "dir/", DAV_OUTCOME_FAILED, 207, "Not deleted\001");
  member->href = g_strdup ("/dav/dir/f%20x.txt");
  member->status = 423;
  member->explanation = g_strdup ("It is locked.");
  member->conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_condition_free);
  member->description = g_strdup ("held\tby someone");
  condition->content = g_strdup ("<x:y/>");
  g_ptr_array_add (member->conditions, condition);
  g_ptr_array_add (failed->members, member);
  g_ptr_array_add (report->items, failed);

  g_ptr_array_add (report->items, item_new ("DELETE", URL "later", DAV_OUTCOME_NOT_ATTEMPTED, 0, "Not sent."));

  contradicted = item_new ("COPY", URL "c", DAV_OUTCOME_DONE, 204, "Done, but not as asked.");
  g_ptr_array_add (contradicted->problems,
                   dav_problem_new (DAV_PROBLEM_CONTRADICTS_REQUEST, 0, 0, "%s", "It replaced the destination."));
  g_ptr_array_add (report->items, contradicted);

  return report;
}

static void
test_text_window (void)
{
  g_autoptr(DavReport) report = report_new ();
  g_autofree char *text = dav_report_to_text (report, DAV_REPORT_TEXT_ESCAPE_EXPLANATIONS);

  g_assert_cmpstr (text, ==,
                   "✔ 204 No Content  " URL "a%20b.txt\n"
                   "✘ 207 Multi-Status  " URL "dir/\n"
                   "      Not deleted\\x01\n"
                   "      ✘ 423 Locked  /dav/dir/f%20x.txt\n"
                   "          It is locked.\n"
                   "          Description: held\\x09by someone\n"
                   "          Condition: {urn:example:odd}held\n"
                   "          <x:y/>\n"
                   "- not attempted  " URL "later\n"
                   "      Not sent.\n"
                   "✔ 204 No Content  " URL "c\n"
                   "      Done, but not as asked.\n");
}

static char *
paint (DavSeverity  severity,
       const char  *text,
       gpointer     user_data)
{
  return g_strdup_printf ("<%s>%s</>", dav_severity_to_string (severity), text);
}

static void
test_text_terminal (void)
{
  g_autoptr(DavReport) report = report_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < report->items->len; i++)
    dav_report_item_append_text (g_ptr_array_index (report->items, i), text, FALSE,
                                 DAV_REPORT_TEXT_DECODE_URLS | DAV_REPORT_TEXT_PROBLEMS, paint, NULL);

  g_assert_cmpstr (text->str, ==,
                   "<ok>✔ 204 No Content</>  " URL "a b.txt\n"
                   "<error>✘ 207 Multi-Status</>  " URL "dir/\n"
                   "      Not deleted\001\n"
                   "      <error>✘ 423 Locked</>  /dav/dir/f x.txt\n"
                   "          It is locked.\n"
                   "          Description: held\\x09by someone\n"
                   "          Condition: {urn:example:odd}held\n"
                   "          <x:y/>\n"
                   "<warning>- not attempted</>  " URL "later\n"
                   "      Not sent.\n"
                   "<ok>✔ 204 No Content</>  " URL "c\n"
                   "      Done, but not as asked.\n"
                   "      <warning>⚠ contradicts-request:</> It replaced the destination.\n");
}

static void
test_text_refused (void)
{
  g_autoptr(DavReportItem) item = item_new ("MKCOL", URL "x/", DAV_OUTCOME_NOT_ATTEMPTED, 0, "Outside.");
  g_autoptr(GString) text = g_string_new (NULL);

  dav_report_item_append_text (item, text, TRUE, DAV_REPORT_TEXT_DEFAULT, NULL, NULL);
  g_assert_cmpstr (text->str, ==, "- refused  " URL "x/\n      Outside.\n");
}

/* Retry Failed: the retried items take their places, what was done
 * stays, and the counts, the text, JSON and CSV have every item (issue 15
 * item 5). */
static void
test_merge_retry (void)
{
  g_autoptr(DavReport) earlier = report_new ();
  g_autoptr(DavReport) again = dav_report_new ();
  g_autoptr(DavReport) merged = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  DavReportItem *dir;
  DavReportItem *later;

  dir = item_new ("DELETE", URL "dir/", DAV_OUTCOME_DONE, 204, "Deleted.");
  later = item_new ("DELETE", URL "later", DAV_OUTCOME_FAILED, 423, "Locked.");
  g_ptr_array_add (again->items, later);
  g_ptr_array_add (again->items, dir);
  /* Another method on a URL already there is another item. */
  g_ptr_array_add (again->items, item_new ("COPY", URL "dir/", DAV_OUTCOME_DONE, 201, "Copied."));

  merged = dav_report_merge (earlier, again);
  g_assert_cmpuint (merged->items->len, ==, 5);
  g_assert_true (g_ptr_array_index (merged->items, 0) == g_ptr_array_index (earlier->items, 0));
  g_assert_true (g_ptr_array_index (merged->items, 1) == dir);
  g_assert_true (g_ptr_array_index (merged->items, 2) == later);
  g_assert_true (g_ptr_array_index (merged->items, 3) == g_ptr_array_index (earlier->items, 3));
  g_assert_cmpstr (((DavReportItem *) g_ptr_array_index (merged->items, 4))->method, ==, "COPY");
  g_assert_cmpuint (dav_report_count (merged, DAV_OUTCOME_DONE), ==, 4);
  g_assert_cmpuint (dav_report_count (merged, DAV_OUTCOME_FAILED), ==, 1);
  g_assert_cmpuint (dav_report_count (merged, DAV_OUTCOME_NOT_ATTEMPTED), ==, 0);

  json = dav_report_to_json (merged, FALSE);
  g_assert_nonnull (strstr (json, "a%20b.txt"));
  g_assert_nonnull (strstr (json, URL "c\""));
  csv = dav_report_to_csv (merged);
  g_assert_nonnull (strstr (csv, "a%20b.txt"));
  g_assert_nonnull (strstr (csv, URL "later"));

  /* The merged report borrows: the earlier and retried ones own theirs. */
  g_clear_pointer (&merged, dav_report_unref);
  g_assert_cmpuint (earlier->items->len, ==, 4);
  g_assert_cmpuint (again->items->len, ==, 3);
}

/* A single confirmed change ends in a toast; several items, a failure or
 * an answer with a problem open the report. Only what made something new
 * (201) is undone by the reverse request. */
static void
test_single_success (void)
{
  g_autoptr(DavReport) one = dav_report_new ();
  g_autoptr(DavReport) failed = dav_report_new ();
  g_autoptr(DavReport) two = dav_report_new ();
  g_autoptr(DavReport) odd = report_new ();
  g_autoptr(DavReport) empty = dav_report_new ();
  DavReportItem *moved = item_new ("MOVE", URL "a", DAV_OUTCOME_DONE, 201, "Moved.");
  g_autoptr(DavReportItem) replaced = item_new ("MOVE", URL "a", DAV_OUTCOME_DONE, 204, "Moved.");
  g_autoptr(DavReportItem) uploaded = item_new ("PUT", URL "u", DAV_OUTCOME_DONE, 201, "Uploaded.");
  g_autoptr(DavReportItem) copied = item_new ("COPY", URL "c", DAV_OUTCOME_DONE, 201, "Copied.");
  g_autoptr(DavReportItem) made = item_new ("MKCOL", URL "m/", DAV_OUTCOME_DONE, 201, "Created.");
  g_autoptr(DavReportItem) refused = item_new ("MOVE", URL "r", DAV_OUTCOME_FAILED, 412, "Exists.");

  g_ptr_array_add (one->items, moved);
  g_assert_true (dav_report_is_single_success (one));
  g_assert_false (dav_report_is_single_success (empty));

  g_ptr_array_add (failed->items, item_new ("DELETE", URL "x", DAV_OUTCOME_FAILED, 423, "Locked."));
  g_assert_false (dav_report_is_single_success (failed));

  g_ptr_array_add (two->items, item_new ("DELETE", URL "x", DAV_OUTCOME_DONE, 204, "Deleted."));
  g_ptr_array_add (two->items, item_new ("DELETE", URL "y", DAV_OUTCOME_DONE, 204, "Deleted."));
  g_assert_true (dav_report_all_ok (two));
  g_assert_false (dav_report_is_single_success (two));

  /* Done, but the answer contradicts the request: the report says so. */
  g_ptr_array_remove_range (odd->items, 0, 3);
  g_assert_cmpuint (odd->items->len, ==, 1);
  g_assert_false (dav_report_is_single_success (odd));

  g_assert_true (dav_report_item_is_undoable (moved));
  g_assert_true (dav_report_item_is_undoable (uploaded));
  g_assert_true (dav_report_item_is_undoable (copied));
  g_assert_false (dav_report_item_is_undoable (replaced));
  g_assert_false (dav_report_item_is_undoable (made));
  g_assert_false (dav_report_item_is_undoable (refused));
  g_assert_false (dav_report_item_is_undoable (g_ptr_array_index (odd->items, 0)));
}

static void
test_operation_words (void)
{
  for (DavOperation operation = DAV_OPERATION_DELETE; operation <= DAV_OPERATION_PROPPATCH; operation++)
    {
      DavOperation back;

      g_assert_true (dav_operation_from_method (dav_operation_get_method (operation), &back));
      g_assert_cmpint (back, ==, operation);
      g_assert_nonnull (dav_operation_get_done_word (operation));
    }
  g_assert_false (dav_operation_from_method ("PROPFIND", NULL));

  g_assert_cmpstr (dav_operation_get_method (DAV_OPERATION_UPLOAD), ==, "PUT");
  g_assert_cmpstr (dav_operation_get_method (DAV_OPERATION_DOWNLOAD), ==, "GET");
  g_assert_true (dav_operation_has_destination (DAV_OPERATION_MOVE));
  g_assert_false (dav_operation_has_destination (DAV_OPERATION_MKCOL));
  g_assert_cmpstr (dav_operation_get_done_word (DAV_OPERATION_MKCOL), ==, "Created");
  g_assert_cmpstr (dav_operation_get_report_title (DAV_OPERATION_MKCOL), ==, "New Folder Report");
  g_assert_cmpstr (dav_operation_get_report_title (DAV_OPERATION_DOWNLOAD), ==, "Download Report");
  {
    g_autofree char *one = dav_operation_dup_running_title (DAV_OPERATION_DELETE, 1);
    g_autofree char *three = dav_operation_dup_running_title (DAV_OPERATION_UPLOAD, 3);
    g_autofree char *copied = dav_operation_dup_done_count (DAV_OPERATION_COPY, 2);

    g_assert_cmpstr (one, ==, "Deleting 1 Item");
    g_assert_cmpstr (three, ==, "Uploading 3 Files");
    g_assert_cmpstr (copied, ==, "2 copied");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report/text/window", test_text_window);
  g_test_add_func ("/report/text/terminal", test_text_terminal);
  g_test_add_func ("/report/text/refused", test_text_refused);
  g_test_add_func ("/report/merge-retry", test_merge_retry);
  g_test_add_func ("/report/operation-words", test_operation_words);
  g_test_add_func ("/report/single-success", test_single_success);

  return g_test_run ();
}
