/* test-client-batch.c: DavBatch against real servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bulk DELETE that meets a file locked by another client (which each
 * server answers its own way) and its report as text, JSON and CSV;
 * batches of MKCOL, PUT, COPY, MOVE and GET between local files and the
 * server; and a whole tree. The run and the table of what each server
 * does are in client.h.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "dav-report.h"

#include "client.h"

/* ---- bulk DELETE --------------------------------------------------------- */

typedef struct {
  char *folder;     /* the test's own folder */
  char *locked_dir; /* a folder holding a locked file */
  char *locked;     /* that file */
  char *plain1;
  char *plain2;
  char *missing;
  char *token;
} LockedScene;

static void
locked_scene_free (LockedScene *scene)
{
  g_free (scene->folder);
  g_free (scene->locked_dir);
  g_free (scene->locked);
  g_free (scene->plain1);
  g_free (scene->plain2);
  g_free (scene->missing);
  g_free (scene->token);
  g_free (scene);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LockedScene, locked_scene_free)

/* Builds the scene with @client, locks the file with a second client
 * (so @client does not hold the token), and runs a bulk DELETE. */
static DavReport *
run_locked_delete (DavClient    *client,
                   const char   *label,
                   LockedScene **scene_out)
{
  g_autoptr(LockedScene) scene = g_new0 (LockedScene, 1);
  g_autoptr(DavClient) locker = client_new (test_url ());
  g_autoptr(DavBatch) batch = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DavReport *report;

  scene->folder = make_test_folder (client, label);
  scene->locked_dir = child_url (scene->folder, "Locked Folder", TRUE);
  result = do_mkcol (client, scene->locked_dir, &error);
  assert_status (result, error, 201);
  g_clear_pointer (&result, dav_result_unref);
  scene->locked = child_url (scene->locked_dir, "locked.txt", FALSE);
  put_text (client, scene->locked, "locked\n", 201);
  {
    g_autofree char *other = child_url (scene->locked_dir, "unlocked.txt", FALSE);

    put_text (client, other, "unlocked\n", 201);
  }
  scene->plain1 = child_url (scene->folder, "plain one.txt", FALSE);
  scene->plain2 = child_url (scene->folder, "plain#two.txt", FALSE);
  scene->missing = child_url (scene->folder, "never there.txt", FALSE);
  put_text (client, scene->plain1, "1\n", 201);
  put_text (client, scene->plain2, "2\n", 201);

  result = do_lock (locker, scene->locked, &error);
  assert_status (result, error, 200);
  g_assert_nonnull (result->lock_token);
  scene->token = g_strdup (result->lock_token);
  g_clear_pointer (&result, dav_result_unref);

  batch = dav_batch_new (client, 4);
  g_assert_true (dav_batch_add_delete (batch, scene->locked_dir, &error));
  g_assert_no_error (error);
  g_assert_true (dav_batch_add_delete (batch, scene->plain1, &error));
  g_assert_true (dav_batch_add_delete (batch, scene->plain2, &error));
  g_assert_true (dav_batch_add_delete (batch, scene->missing, &error));
  g_assert_no_error (error);
  /* The same file twice is acted on once. */
  g_assert_false (dav_batch_add_delete (batch, scene->plain1, &error));
  g_assert_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (dav_batch_get_n_targets (batch), ==, 4);

  report = run_batch (batch);
  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&locker));

  *scene_out = g_steal_pointer (&scene);
  return report;
}

static void
test_batch_delete_locked (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autoptr(LockedScene) scene = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GHashTable) inner = NULL;
  const DavReportItem *item;
  gboolean saw_locked = FALSE;
  gboolean kept = expect->delete_locked_folder != LOCKED_FOLDER_DELETED;

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  report = run_locked_delete (client, "bulk-delete", &scene);

  g_assert_cmpuint (report->items->len, ==, 4);

  item = g_ptr_array_index (report->items, 0);
  g_assert_cmpstr (item->url, ==, scene->locked_dir);
  g_assert_cmpstr (item->method, ==, "DELETE");
  switch (expect->delete_locked_folder)
    {
    case LOCKED_FOLDER_KEPT_424:
      /* The folder: not done, with the locked member named (423). */
      g_assert_false (item->ok);
      g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
      g_assert_cmpuint (item->status, ==, 424);
      g_assert_cmpuint (item->members->len, >=, 1);
      for (guint i = 0; i < item->members->len; i++)
        {
          const DavReportMember *member = g_ptr_array_index (item->members, i);

          g_assert_false (member->ok);
          if (member->href != NULL && g_str_has_suffix (member->href, "/locked.txt"))
            {
              saw_locked = TRUE;
              g_assert_cmpuint (member->status, ==, 423);
            }
        }
      g_assert_true (saw_locked);
      break;

    case LOCKED_FOLDER_KEPT_423:
      /* Not done; the locked file is named in the DAV:error, not as a
       * member. */
      g_assert_false (item->ok);
      g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
      g_assert_cmpuint (item->status, ==, 423);
      g_assert_cmpuint (item->members->len, ==, 0);
      for (guint i = 0; i < item->conditions->len; i++)
        {
          const DavCondition *condition = g_ptr_array_index (item->conditions, i);

          if (g_str_equal (condition->namespace_uri, "DAV:") &&
              g_str_equal (condition->name, "lock-token-submitted"))
            {
              saw_locked = TRUE;
              g_assert_nonnull (strstr (condition->content, "locked.txt"));
            }
        }
      g_assert_true (saw_locked);
      break;

    case LOCKED_FOLDER_DELETED:
    default:
      /* Deleted, locked file and all. */
      g_assert_true (item->ok);
      g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_DONE);
      g_assert_cmpuint (item->status, ==, 204);
      g_assert_cmpuint (item->members->len, ==, 0);
      break;
    }

  item = g_ptr_array_index (report->items, 1);
  g_assert_cmpstr (item->url, ==, scene->plain1);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_DONE);
  g_assert_cmpuint (item->status, ==, 204);
  g_assert_true (item->ok);

  item = g_ptr_array_index (report->items, 2);
  g_assert_cmpstr (item->url, ==, scene->plain2);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_DONE);
  g_assert_cmpuint (item->status, ==, 204);
  g_assert_true (item->ok);

  item = g_ptr_array_index (report->items, 3);
  g_assert_cmpstr (item->url, ==, scene->missing);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
  g_assert_cmpuint (item->status, ==, 404);
  g_assert_false (item->ok);

  g_assert_cmpuint (dav_report_count (report, DAV_OUTCOME_DONE), ==, kept ? 2 : 3);
  g_assert_cmpuint (dav_report_count (report, DAV_OUTCOME_FAILED), ==, kept ? 2 : 1);
  g_assert_false (dav_report_all_ok (report));

  /* What is there now is what the report says. */
  names = list_folder (client, scene->folder);
  if (kept)
    {
      g_assert_cmpuint (g_hash_table_size (names), ==, 1);
      g_assert_true (g_hash_table_contains (names, "Locked Folder"));
      inner = list_folder (client, scene->locked_dir);
      g_assert_true (g_hash_table_contains (inner, "locked.txt"));
    }
  else
    {
      g_autoptr(DavResult) result = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (g_hash_table_size (names), ==, 0);
      result = do_propfind_full (client, scene->locked, DAV_DEPTH_0, DAV_PROPFIND_ALLPROP, NULL, NULL,
                                 NULL, &error);
      assert_status (result, error, 404);
    }

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* Rows of an RFC 4180 text: CRLF outside quotes. */
static guint
csv_count_rows (const char *csv)
{
  gboolean quoted = FALSE;
  guint rows = 0;

  for (const char *p = csv; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && p[0] == '\r' && p[1] == '\n')
        rows++;
    }
  g_assert_false (quoted);

  return rows;
}

static void
test_batch_report_formats (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autoptr(LockedScene) scene = NULL;
  g_autofree char *json = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *csv = NULL;
  guint expected_rows = 1; /* the header */
  /* Where the folder is deleted anyway, no 423 is in the report. */
  gboolean kept = expect->delete_locked_folder != LOCKED_FOLDER_DELETED;

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  report = run_locked_delete (client, "report-formats", &scene);

  json = dav_report_to_json (report, TRUE);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  g_assert_true (g_str_has_prefix (json, "{"));
  g_assert_true (g_str_has_suffix (g_strchomp (json), "}"));
  g_assert_nonnull (strstr (json, "\"results\""));
  g_assert_true ((strstr (json, "\"status\": 423") != NULL) == kept);
  g_assert_nonnull (strstr (json, "\"status\": 204"));
  g_assert_nonnull (strstr (json, "\"status\": 404"));
  g_assert_nonnull (strstr (json, "\"ok\": false"));
  g_assert_nonnull (strstr (json, "\"ok\": true"));
  g_assert_nonnull (strstr (json, "\"outcome\": \"done\""));
  g_assert_nonnull (strstr (json, "\"outcome\": \"failed\""));
  g_assert_true ((strstr (json, "locked.txt") != NULL) == kept);

  compact = dav_report_to_json (report, FALSE);
  g_assert_true ((strstr (compact, "\"status\":423") != NULL) == kept);
  g_assert_null (strchr (compact, '\n'));

  csv = dav_report_to_csv (report);
  g_assert_true (g_str_has_prefix (csv, "\"url\",\"member\",\"property\",\"outcome\",\"status\""));
  for (guint i = 0; i < report->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (report->items, i);

      expected_rows += 1 + item->members->len + item->properties->len;
    }
  /* A member row for the locked file where it came in a multistatus. */
  g_assert_cmpuint (expected_rows, >=, 1 + 4 + (expect->delete_locked_folder == LOCKED_FOLDER_KEPT_424));
  g_assert_cmpuint (csv_count_rows (csv), ==, expected_rows);
  g_assert_true ((strstr (csv, "\"423\"") != NULL) == kept);
  g_assert_nonnull (strstr (csv, "\"404\""));

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* ---- batches of transfers ------------------------------------------------- */

static void
on_batch_progress (DavBatch *batch,
                   guint64   done,
                   gint64    total,
                   gpointer  user_data)
{
  guint64 *last = user_data;

  /* Bytes only ever add up. */
  g_assert_cmpuint (done, >=, *last);
  *last = done;
}

static char *
read_local (GFile *file)
{
  char *contents = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  return contents;
}

/* A COPY or MOVE to a new name, sent with Overwrite: F: done. A 204
 * says an existing item was replaced, which that header forbids, so the
 * item carries a problem saying so. */
static void
assert_copy_new_item (const DavReportItem *item)
{
  g_assert_cmpuint (item->status, ==, expect->copy_new_status);
  g_assert_true (item->ok);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_DONE);
  g_assert_false (item->overwrite);
  if (expect->copy_new_status == SOUP_STATUS_NO_CONTENT)
    {
      g_assert_cmpuint (item->problems->len, ==, 1);
      g_assert_cmpint (((const DavProblem *) g_ptr_array_index (item->problems, 0))->kind, ==,
                       DAV_PROBLEM_CONTRADICTS_REQUEST);
    }
  else
    g_assert_cmpuint (item->problems->len, ==, 0);
}

/* MKCOL, PUT from local files, COPY and MOVE with and without Overwrite,
 * GET into local files: every item says what the server said, and nothing
 * local is replaced unless asked. */
static void
test_batch_transfers (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *tmpdir = NULL;
  g_autoptr(GFile) local_a = NULL;
  g_autoptr(GFile) local_b = NULL;
  g_autoptr(GFile) local_dir = NULL;
  g_autoptr(GFile) out_a = NULL;
  g_autoptr(GFile) out_b = NULL;
  g_autoptr(GFile) out_missing = NULL;
  g_autofree char *url_a = NULL;
  g_autofree char *url_b = NULL;
  g_autofree char *url_c = NULL;
  g_autofree char *copy_a = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) error = NULL;
  const DavReportItem *item;
  guint64 last = 0;
  gsize big_len = 3 * 1024 * 1024 + 17;

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  folder = make_test_folder (client, "batch-transfers");
  sub = child_url (folder, "Sub folder ü", TRUE);
  url_a = child_url (folder, "a b.txt", FALSE);
  url_b = child_url (folder, "Grüße #2.bin", FALSE);
  url_c = child_url (folder, "c.txt", FALSE);

  tmpdir = g_dir_make_tmp ("davscope-batch-XXXXXX", &error);
  g_assert_no_error (error);
  local_dir = g_file_new_for_path (tmpdir);
  local_a = g_file_get_child (local_dir, "a.txt");
  local_b = g_file_get_child (local_dir, "b.bin");
  g_assert_true (g_file_replace_contents (local_a, "alpha\n", 6, NULL, FALSE, 0, NULL, NULL, NULL));
  big = g_malloc (big_len);
  for (gsize i = 0; i < big_len; i++)
    big[i] = (char) (i * 7 + (i >> 11));
  g_assert_true (g_file_replace_contents (local_b, big, big_len, NULL, FALSE, 0, NULL, NULL, NULL));

  /* MKCOL and uploads. */
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;
    g_autoptr(GFile) missing = g_file_get_child (local_dir, "nope.txt");

    g_assert_true (dav_batch_add_mkcol (batch, sub, &error));
    g_assert_true (dav_batch_add_upload (batch, local_a, url_a, FALSE, &error));
    g_assert_true (dav_batch_add_upload (batch, local_b, url_b, FALSE, &error));
    /* A folder is not uploaded, a missing file is refused at once. */
    g_assert_false (dav_batch_add_upload (batch, local_dir, url_c, FALSE, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
    g_clear_error (&error);
    g_assert_false (dav_batch_add_upload (batch, missing, url_c, FALSE, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
    /* Outside what the client may change. */
    g_assert_false (dav_batch_add_upload (batch, local_a, "http://127.0.0.1:1/elsewhere/a.txt", FALSE, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);

    g_signal_connect (batch, "progress", G_CALLBACK (on_batch_progress), &last);
    report = run_batch (batch);
    g_assert_cmpuint (report->items->len, ==, 3);
    g_assert_true (dav_report_all_ok (report));
    item = g_ptr_array_index (report->items, 0);
    g_assert_cmpstr (item->method, ==, "MKCOL");
    g_assert_cmpuint (item->status, ==, 201);
    item = g_ptr_array_index (report->items, 2);
    g_assert_cmpstr (item->method, ==, "PUT");
    g_assert_cmpuint (item->status, ==, 201);
    g_assert_cmpstr (item->destination, ==, g_file_peek_path (local_b));
    g_assert_cmpuint (last, ==, 6 + big_len);
  }

  /* Uploading onto an existing file: 412 unless replacing is chosen
   * (nginx replaces it anyway, and says so: 204). */
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;

    g_assert_true (dav_batch_add_upload (batch, local_a, url_a, FALSE, &error));
    report = run_batch (batch);
    item = g_ptr_array_index (report->items, 0);
    g_assert_cmpuint (item->status, ==, expect->put_if_none_match_status);
    if (expect->put_if_none_match_status == 412)
      {
        g_assert_false (item->ok);
        g_assert_true (item->destination_exists);
      }
    else
      {
        g_assert_true (item->ok);
        g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_DONE);
        g_assert_false (item->destination_exists);
      }
  }
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;

    g_assert_true (dav_batch_add_upload (batch, local_a, url_a, TRUE, &error));
    report = run_batch (batch);
    item = g_ptr_array_index (report->items, 0);
    g_assert_cmpuint (item->status, ==, 204);
    g_assert_true (item->ok);
  }

  /* COPY into the sub folder, then again without Overwrite: 412, and
   * with it: 204. MOVE of b into the sub folder. */
  copy_a = child_url (sub, "a b.txt", FALSE);
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;

    g_assert_true (dav_batch_add_copy (batch, url_a, copy_a, FALSE, &error));
    g_assert_false (dav_batch_add_copy (batch, url_a, copy_a, FALSE, &error));
    g_assert_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_false (dav_batch_add_copy (batch, url_c, "http://127.0.0.1:1/x", FALSE, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    report = run_batch (batch);
    item = g_ptr_array_index (report->items, 0);
    assert_copy_new_item (item);
    g_assert_cmpstr (item->destination, ==, copy_a);
  }
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;
    g_autofree char *moved_b = child_url (sub, "Grüße #2.bin", FALSE);

    g_assert_true (dav_batch_add_copy (batch, url_a, copy_a, FALSE, &error));
    g_assert_true (dav_batch_add_move (batch, url_b, moved_b, FALSE, &error));
    report = run_batch (batch);
    item = g_ptr_array_index (report->items, 0);
    g_assert_cmpuint (item->status, ==, 412);
    g_assert_false (item->ok);
    g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
    g_assert_nonnull (strstr (item->explanation, "already exists"));
    g_assert_true (item->destination_exists);
    item = g_ptr_array_index (report->items, 1);
    g_assert_cmpstr (item->method, ==, "MOVE");
    assert_copy_new_item (item);
  }
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;

    g_assert_true (dav_batch_add_copy (batch, url_a, copy_a, TRUE, &error));
    report = run_batch (batch);
    item = g_ptr_array_index (report->items, 0);
    g_assert_cmpuint (item->status, ==, 204);
    g_assert_true (item->ok);
  }
  names = list_folder (client, sub);
  g_assert_true (g_hash_table_contains (names, "a b.txt"));
  g_assert_true (g_hash_table_contains (names, "Grüße #2.bin"));
  g_clear_pointer (&names, g_hash_table_unref);
  names = list_folder (client, folder);
  g_assert_false (g_hash_table_contains (names, "Grüße #2.bin"));

  /* Downloads: the big file comes back identical; an existing local file
   * is kept without @overwrite; a 404 leaves nothing behind. */
  out_a = g_file_get_child (local_dir, "out-a.txt");
  out_b = g_file_get_child (local_dir, "out-b.bin");
  out_missing = g_file_get_child (local_dir, "out-missing.txt");
  g_assert_true (g_file_replace_contents (out_a, "keep me", 7, NULL, FALSE, 0, NULL, NULL, NULL));
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;
    g_autofree char *moved_b = child_url (sub, "Grüße #2.bin", FALSE);
    g_autofree char *contents = NULL;
    gsize length = 0;
    g_autoptr(GFileEnumerator) children = NULL;
    GFileInfo *info;
    guint n_files = 0;

    g_assert_true (dav_batch_add_download (batch, copy_a, out_a, FALSE, &error));
    g_assert_true (dav_batch_add_download (batch, moved_b, out_b, FALSE, &error));
    g_assert_true (dav_batch_add_download (batch, url_c, out_missing, FALSE, &error));
    /* Two downloads into one file. */
    g_assert_false (dav_batch_add_download (batch, url_a, out_b, FALSE, &error));
    g_assert_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    last = 0;
    g_signal_connect (batch, "progress", G_CALLBACK (on_batch_progress), &last);
    report = run_batch (batch);

    item = g_ptr_array_index (report->items, 0);
    g_assert_false (item->ok);
    g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_NOT_ATTEMPTED);
    g_assert_true (item->destination_exists);
    contents = read_local (out_a);
    g_assert_cmpstr (contents, ==, "keep me");
    g_clear_pointer (&contents, g_free);

    item = g_ptr_array_index (report->items, 1);
    g_assert_true (item->ok);
    g_assert_cmpuint (item->status, ==, 200);
    g_assert_true (g_file_load_contents (out_b, NULL, &contents, &length, NULL, NULL));
    g_assert_cmpmem (contents, length, big, big_len);
    g_assert_cmpuint (last, ==, big_len);

    item = g_ptr_array_index (report->items, 2);
    g_assert_false (item->ok);
    g_assert_cmpuint (item->status, ==, 404);
    g_assert_false (g_file_query_exists (out_missing, NULL));

    /* No temporary file is left behind. */
    children = g_file_enumerate_children (local_dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
    while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_assert_false (g_str_has_suffix (g_file_info_get_name (info), ".part"));
        n_files++;
        g_object_unref (info);
      }
    g_assert_cmpuint (n_files, ==, 4);
  }
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;
    g_autofree char *contents = NULL;

    g_assert_true (dav_batch_add_download (batch, copy_a, out_a, TRUE, &error));
    report = run_batch (batch);
    g_assert_true (dav_report_all_ok (report));
    contents = read_local (out_a);
    g_assert_cmpstr (contents, ==, "alpha\n");
  }

  g_assert_true (g_file_delete (out_a, NULL, NULL));
  g_assert_true (g_file_delete (out_b, NULL, NULL));
  g_assert_true (g_file_delete (local_a, NULL, NULL));
  g_assert_true (g_file_delete (local_b, NULL, NULL));
  g_assert_true (g_file_delete (local_dir, NULL, NULL));
}

/* An upload of a folder tree in one batch: each MKCOL waits for the one
 * before, and the files wait for the folders, at any concurrency. */
static void
test_batch_tree (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavBatch) batch = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *tmpdir = NULL;
  g_autoptr(GFile) local = NULL;
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  folder = make_test_folder (client, "batch-tree");
  tmpdir = g_dir_make_tmp ("davscope-tree-XXXXXX", &error);
  g_assert_no_error (error);
  local = g_file_new_build_filename (tmpdir, "f.txt", NULL);
  g_assert_true (g_file_replace_contents (local, "f\n", 2, NULL, FALSE, 0, NULL, NULL, NULL));

  batch = dav_batch_new (client, 8);
  g_ptr_array_add (urls, child_url (folder, "a", TRUE));
  for (guint depth = 1; depth < 6; depth++)
    g_ptr_array_add (urls, child_url (g_ptr_array_index (urls, depth - 1), "sub", TRUE));
  for (guint i = 0; i < urls->len; i++)
    g_assert_true (dav_batch_add_mkcol (batch, g_ptr_array_index (urls, i), &error));
  for (guint i = 0; i < urls->len; i++)
    {
      g_autofree char *file_url = child_url (g_ptr_array_index (urls, i), "f.txt", FALSE);

      g_assert_true (dav_batch_add_upload (batch, local, file_url, FALSE, &error));
    }
  report = run_batch (batch);
  for (guint i = 0; i < report->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (report->items, i);

      if (!item->ok)
        g_error ("%s %s: %u", item->method, item->url, item->status);
    }
  g_assert_true (dav_report_all_ok (report));

  g_assert_true (g_file_delete (local, NULL, NULL));
  g_assert_cmpint (g_rmdir (tmpdir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  client_init (&argc, &argv);

  g_test_add_func ("/client/batch/delete-locked", test_batch_delete_locked);
  g_test_add_func ("/client/batch/report-formats", test_batch_report_formats);
  g_test_add_func ("/client/batch/transfers", test_batch_transfers);
  g_test_add_func ("/client/batch/tree", test_batch_tree);

  return g_test_run ();
}
