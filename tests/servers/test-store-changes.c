/* test-store-changes.c: DavResourceStore as a real server's content changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bulk DELETE's report applied to the folders (with a file another
 * client locked, which each server answers its own way), rows that stay
 * the same objects across a refresh, and folders forgotten when their
 * collection goes. The run is in store.h; where the servers differ, the
 * table below says what each one does.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "dav-test-server.h"

#include "store.h"

/* ---- what each server does ---------------------------------------------- */

/* Where the servers of tests/servers/with-server differ in what these
 * tests do, what each one does: that server's observed behaviour, not
 * what Davscope or RFC 4918 would like. Everything else, every server
 * must do alike. */
typedef struct {
  const char *name;                         /* DAVSCOPE_TEST_SERVER */
  guint       delete_locked_folder_status;  /* DELETE of a folder holding a file another client
                                             * locked: 424 or 423, nothing deleted; 204, the
                                             * folder and the locked file are gone */
} ServerBehaviour;

static const ServerBehaviour servers[] = {
  { "apache",   424 },   /* and a multistatus with 423 for the file */
  { "nginx",    204 },
  { "lighttpd", 204 },
  { "sabre",    423 },   /* and DAV:lock-token-submitted naming the file */
};

/* The server under test (tests/lib/dav-test-server.h). */
static const ServerBehaviour *expect;

/* ---- /store/apply-report ------------------------------------------------------- */

static void
on_listed_response (DavResponse *response,
                    gpointer     user_data)
{
  GPtrArray *hrefs = user_data;

  for (guint i = 0; i < response->hrefs->len; i++)
    g_ptr_array_add (hrefs, g_strdup (g_ptr_array_index (response->hrefs, i)));
}

/* The decoded member names of @url, as a PROPFIND of our own says. */
static char *
propfind_names (DavClient  *client,
                const char *url)
{
  static const char * const names[] = { "{DAV:}resourcetype", NULL };
  g_autoptr(GPtrArray) hrefs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = do_propfind_full (client, url, DAV_DEPTH_1, DAV_PROPFIND_PROP, names,
                             on_listed_response, hrefs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 207);

  for (guint i = 0; i < hrefs->len; i++)
    {
      g_autoptr(DavHref) href = dav_href_resolve (url, g_ptr_array_index (hrefs, i));

      if (href->relation == DAV_HREF_MEMBER)
        g_ptr_array_add (members, g_strdup (href->name));
    }

  return join_names (members);
}

static void
test_apply_report (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *locked_dir = NULL;
  g_autofree char *token = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *got = NULL;
  g_autoptr(DavClient) other = NULL;
  g_autoptr(DavBatch) batch = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  DavFolder *root, *locked_folder;
  DavResource *del1, *del2, *keep, *folder_resource, *locked_file;
  g_autofree char *del1_url = NULL;
  g_autofree char *del2_url = NULL;
  guint before, n_root_before;
  /* Refused where the server keeps a folder holding a locked file. */
  gboolean kept = expect->delete_locked_folder_status != SOUP_STATUS_NO_CONTENT;

  if (fx->dir == NULL)
    return;

  g_free (make_file (fx->dir, "del1.txt", "first"));
  g_free (make_file (fx->dir, "del2 & co.txt", "second"));
  g_free (make_file (fx->dir, "keep.txt", "stays"));
  locked_dir = g_build_filename (fx->dir, "Locked Folder", NULL);
  make_dir (locked_dir);
  g_free (make_file (locked_dir, "locked.txt", "locked"));
  g_free (make_file (locked_dir, "sibling 1.txt", "free"));
  g_free (make_file (locked_dir, "sibling 2.txt", "free"));

  fixture_connect (fx, NULL);

  /* Someone else holds a lock on one file in the folder. */
  other = dav_client_new (fx->url, &error);
  g_assert_no_error (error);
  {
    g_autoptr(DavResult) result = NULL;
    g_autofree char *file_url = g_strconcat (fx->url, "Locked%20Folder/locked.txt", NULL);

    dav_client_lock_async (other, file_url, DAV_LOCK_EXCLUSIVE, DAV_DEPTH_0, 3600, "test-store",
                           NULL, store_result_cb, &slot);
    res = wait_for_result (&slot, "the LOCK");
    result = dav_client_lock_finish (other, res, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->status, ==, 200);
    g_assert_nonnull (result->lock_token);
    token = g_strdup (result->lock_token);
    g_clear_object (&res);
  }

  root = fixture_track (fx, dav_resource_store_get_root (fx->store));
  dav_resource_store_load (fx->store, root);
  wait_for_folder (root);
  g_assert_true (dav_folder_get_loaded (root));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (root)), ==, 4);

  del1 = get_by_name (root, "del1.txt");
  del2 = get_by_name (root, "del2 & co.txt");
  keep = get_by_name (root, "keep.txt");
  folder_resource = get_by_name (root, "Locked Folder");
  del1_url = g_strdup (dav_resource_get_url (del1));
  del2_url = g_strdup (dav_resource_get_url (del2));

  /* The user expanded the folder. */
  locked_folder = fixture_track (fx, dav_resource_store_get_folder (fx->store, folder_resource));
  dav_resource_store_load (fx->store, locked_folder);
  wait_for_folder (locked_folder);
  g_assert_true (dav_folder_get_loaded (locked_folder));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (locked_folder)), ==, 3);
  locked_file = get_by_name (locked_folder, "locked.txt");
  g_assert_true (dav_resource_is_locked (locked_file));

  /* Delete the two files and the folder. */
  batch = dav_batch_new (fx->client, 2);
  g_assert_true (dav_batch_add_delete (batch, del1_url, &error));
  g_assert_no_error (error);
  g_assert_true (dav_batch_add_delete (batch, del2_url, &error));
  g_assert_no_error (error);
  g_assert_true (dav_batch_add_delete (batch, dav_resource_get_url (folder_resource), &error));
  g_assert_no_error (error);
  report = run_batch (batch);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->items->len, ==, 3);
  for (guint i = 0; i < report->items->len; i++)
    {
      DavReportItem *item = g_ptr_array_index (report->items, i);

      g_test_message ("%s %s: %s %u", item->method, item->url,
                      dav_outcome_to_string (item->outcome), item->status);
    }
  g_assert_cmpint (((DavReportItem *) g_ptr_array_index (report->items, 0))->outcome, ==, DAV_OUTCOME_DONE);
  g_assert_cmpint (((DavReportItem *) g_ptr_array_index (report->items, 1))->outcome, ==, DAV_OUTCOME_DONE);
  g_assert_cmpuint (((DavReportItem *) g_ptr_array_index (report->items, 2))->status, ==,
                    expect->delete_locked_folder_status);
  g_assert_cmpint (((DavReportItem *) g_ptr_array_index (report->items, 2))->outcome, ==,
                   kept ? DAV_OUTCOME_FAILED : DAV_OUTCOME_DONE);
  drain_main_context ();

  /* Nothing changed in the models before the report is applied. */
  n_root_before = g_list_model_get_n_items (G_LIST_MODEL (root));
  g_assert_cmpuint (n_root_before, ==, 4);

  before = log_length (fx->client);
  dav_resource_store_apply_report (fx->store, report);

  /* Confirmed deletions go at once, before any new request comes back. */
  g_assert_null (dav_folder_find (root, del1_url));
  g_assert_null (dav_folder_find (root, del2_url));
  g_assert_null (find_by_name (root, "del1.txt"));
  g_assert_null (find_by_name (root, "del2 & co.txt"));
  g_assert_true (get_by_name (root, "keep.txt") == keep);
  if (!kept)
    {
      /* All three confirmed: gone at once, and nothing to ask again. */
      g_assert_null (find_by_name (root, "Locked Folder"));
      drain_main_context ();
      g_assert_false (dav_folder_get_loading (root));
      g_assert_cmpuint (log_length (fx->client), ==, before);
      got = folder_names_joined (root);
      g_assert_cmpstr (got, ==, "keep.txt");
      listed = propfind_names (other, fx->url);
      g_assert_cmpstr (listed, ==, "keep.txt");

      drain_main_context ();
      g_assert_finalize_object (g_steal_pointer (&batch));
      g_assert_finalize_object (g_steal_pointer (&other));
      return;
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (root)), ==, 2);
  g_assert_true (get_by_name (root, "Locked Folder") == folder_resource);

  /* The folder whose DELETE failed is the server's to describe: listed
   * again, as is its parent. */
  g_assert_true (dav_folder_get_loading (locked_folder));
  wait_for_folder (locked_folder);
  wait_for_folder (root);
  g_assert_cmpuint (log_length (fx->client), >, before);
  {
    gboolean listed_locked = FALSE;

    for (guint i = before; i < log_length (fx->client); i++)
      {
        g_autoptr(DavExchange) exchange = log_item (fx->client, i);

        g_test_message ("after apply: %s %s", dav_exchange_get_method (exchange),
                        dav_exchange_get_url (exchange));
        g_assert_cmpstr (dav_exchange_get_method (exchange), ==, "PROPFIND");
        if (g_strcmp0 (dav_exchange_get_url (exchange), dav_folder_get_url (locked_folder)) == 0)
          listed_locked = TRUE;
      }
    g_assert_true (listed_locked);
  }

  g_assert_no_error (dav_folder_get_error (locked_folder));
  g_assert_true (dav_folder_get_loaded (locked_folder));
  g_assert_no_error (dav_folder_get_error (root));
  got = folder_names_joined (root);
  g_assert_cmpstr (got, ==, "Locked Folder | keep.txt");
  g_assert_true (get_by_name (root, "Locked Folder") == folder_resource);
  g_assert_true (dav_resource_store_get_folder (fx->store, folder_resource) == locked_folder);
  g_assert_true (get_by_name (locked_folder, "locked.txt") == locked_file);
  g_assert_true (dav_resource_is_locked (locked_file));

  /* The rest of the folder is what the server says is there. */
  g_free (got);
  got = folder_names_joined (locked_folder);
  listed = propfind_names (other, dav_folder_get_url (locked_folder));
  g_test_message ("left in the folder: %s", listed);
  g_assert_cmpstr (got, ==, listed);

  /* Leave the server as we found it. */
  {
    g_autoptr(DavResult) result = NULL;
    g_autofree char *file_url = g_strconcat (fx->url, "Locked%20Folder/locked.txt", NULL);

    result = do_unlock (other, file_url, token, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->status, ==, 204);
  }

  drain_main_context ();
  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&other));
}

/* ---- /store/refresh-keeps-rows ------------------------------------------------ */

/* GtkTreeListModel keeps a row (and its expanded children) only while no
 * items-changed removes it: the same object removed and added again comes
 * back collapsed. So a refresh may only remove the rows that went away. */

typedef struct {
  GListModel *model;
  GPtrArray  *shadow;    /* DavResource*, what the signals said the model holds */
  GPtrArray  *removed;   /* DavResource*, every item a signal removed */
  guint       signals;
} Mirror;

static void
on_mirror_items_changed (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Mirror     *mirror)
{
  mirror->signals++;
  g_assert_cmpuint (position + removed, <=, mirror->shadow->len);

  for (guint i = 0; i < removed; i++)
    g_ptr_array_add (mirror->removed, g_object_ref (g_ptr_array_index (mirror->shadow, position + i)));
  g_ptr_array_remove_range (mirror->shadow, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->shadow, position + i, g_list_model_get_item (model, position + i));
}

static void
test_refresh_keeps_rows (Fixture       *fx,
                         gconstpointer  data)
{
  g_autofree char *gone_path = NULL;
  g_autofree char *d_dir = NULL;
  g_autoptr(GString) churned = g_string_new (NULL);
  Mirror mirror = { 0 };
  DavFolder *root;
  guint n;

  if (fx->dir == NULL)
    return;

  g_free (make_file (fx->dir, "a.txt", "a"));
  gone_path = make_file (fx->dir, "b.txt", "b");
  g_free (make_file (fx->dir, "c.txt", "c"));
  d_dir = g_build_filename (fx->dir, "d", NULL);
  make_dir (d_dir);

  fixture_connect (fx, NULL);
  root = fixture_track (fx, dav_resource_store_get_root (fx->store));
  dav_resource_store_load (fx->store, root);
  wait_for_folder (root);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (root)), ==, 4);

  mirror.model = G_LIST_MODEL (root);
  mirror.shadow = g_ptr_array_new_with_free_func (g_object_unref);
  mirror.removed = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (root));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (mirror.shadow, g_list_model_get_item (G_LIST_MODEL (root), i));
  g_signal_connect (root, "items-changed", G_CALLBACK (on_mirror_items_changed), &mirror);

  g_assert_no_errno (g_remove (gone_path));
  g_free (make_file (fx->dir, "new.txt", "new"));
  dav_resource_store_refresh (fx->store, root);
  wait_for_folder (root);
  g_signal_handlers_disconnect_by_func (root, on_mirror_items_changed, &mirror);
  g_assert_true (dav_folder_get_loaded (root));

  /* The signals describe the model. */
  n = g_list_model_get_n_items (G_LIST_MODEL (root));
  g_assert_cmpuint (mirror.shadow->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DavResource) resource = g_list_model_get_item (G_LIST_MODEL (root), i);

      g_assert_true (g_ptr_array_index (mirror.shadow, i) == resource);
    }

  for (guint i = 0; i < mirror.removed->len; i++)
    {
      DavResource *resource = g_ptr_array_index (mirror.removed, i);

      if (dav_folder_find (root, dav_resource_get_url (resource)) == resource)
        g_string_append_printf (churned, "%s'%s'", churned->len ? ", " : "", dav_resource_get_name (resource));
    }
  g_test_message ("refresh: %u items-changed, %u rows removed", mirror.signals, mirror.removed->len);

  g_ptr_array_unref (mirror.shadow);
  g_ptr_array_unref (mirror.removed);

  /* Rows that stay must not be removed and re-added: a GtkTreeListModel
   * would collapse them. */
  g_assert_cmpstr (churned->str, ==, "");
}

/* ---- /store/forgets-removed-folders -------------------------------------------- */

/* A collection that is gone must not leave a loaded folder in the cache:
 * when one of the same name comes back, expanding it must list it. */
static void
test_forgets_removed_folders (Fixture       *fx,
                              gconstpointer  data)
{
  g_autofree char *gone_dir = NULL;
  g_autofree char *gone_file = NULL;
  g_autofree char *outer = NULL;
  g_autofree char *inner = NULL;
  g_autofree char *problems = NULL;
  g_autoptr(DavBatch) batch = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GString *found = g_string_new (NULL);
  DavFolder *root, *gone, *outer_folder, *inner_folder, *again;

  if (fx->dir == NULL)
    return;

  gone_dir = g_build_filename (fx->dir, "gone", NULL);
  make_dir (gone_dir);
  gone_file = make_file (gone_dir, "old.txt", "old");
  outer = g_build_filename (fx->dir, "outer", NULL);
  make_dir (outer);
  inner = g_build_filename (outer, "inner", NULL);
  make_dir (inner);
  g_free (make_file (inner, "old.txt", "old"));

  fixture_connect (fx, NULL);
  root = fixture_track (fx, dav_resource_store_get_root (fx->store));
  dav_resource_store_load (fx->store, root);
  wait_for_folder (root);
  gone = fixture_track (fx, dav_resource_store_get_folder (fx->store, get_by_name (root, "gone")));
  dav_resource_store_load (fx->store, gone);
  wait_for_folder (gone);
  outer_folder = fixture_track (fx, dav_resource_store_get_folder (fx->store, get_by_name (root, "outer")));
  dav_resource_store_load (fx->store, outer_folder);
  wait_for_folder (outer_folder);
  inner_folder = fixture_track (fx, dav_resource_store_get_folder (fx->store, get_by_name (outer_folder, "inner")));
  dav_resource_store_load (fx->store, inner_folder);
  wait_for_folder (inner_folder);
  get_by_name (inner_folder, "old.txt");

  /* (1) "gone" vanishes on the server, a refresh sees that, then it is
   * made again with other content. */
  g_assert_no_errno (g_remove (gone_file));
  g_assert_no_errno (g_rmdir (gone_dir));
  dav_resource_store_refresh (fx->store, root);
  wait_for_folder (root);
  g_assert_null (find_by_name (root, "gone"));
  make_dir (gone_dir);
  g_free (make_file (gone_dir, "new.txt", "new"));

  /* (2) "outer" is deleted by us, then made again with other content. */
  batch = dav_batch_new (fx->client, 1);
  g_assert_true (dav_batch_add_delete (batch, dav_resource_get_url (get_by_name (root, "outer")), &error));
  g_assert_no_error (error);
  report = run_batch (batch);
  g_assert_cmpint (((DavReportItem *) g_ptr_array_index (report->items, 0))->outcome, ==, DAV_OUTCOME_DONE);
  dav_resource_store_apply_report (fx->store, report);
  g_assert_null (find_by_name (root, "outer"));
  make_dir (outer);
  make_dir (inner);
  g_free (make_file (inner, "new.txt", "new"));

  dav_resource_store_refresh (fx->store, root);
  wait_for_folder (root);

  again = fixture_track (fx, dav_resource_store_get_folder (fx->store, get_by_name (root, "gone")));
  dav_resource_store_load (fx->store, again);
  wait_for_folder (again);
  if (find_by_name (again, "new.txt") == NULL)
    {
      g_autofree char *names = folder_names_joined (again);

      g_string_append_printf (found, "'gone/' shows %s (%s)", names,
                              again == gone ? "the old cached folder" : "a new folder");
    }

  again = fixture_track (fx, dav_resource_store_get_folder (fx->store, get_by_name (root, "outer")));
  dav_resource_store_load (fx->store, again);
  wait_for_folder (again);
  again = fixture_track (fx, dav_resource_store_get_folder (fx->store, get_by_name (again, "inner")));
  dav_resource_store_load (fx->store, again);
  wait_for_folder (again);
  if (find_by_name (again, "new.txt") == NULL)
    {
      g_autofree char *names = folder_names_joined (again);

      g_string_append_printf (found, "%s'outer/inner/' shows %s (%s)", found->len ? "; " : "", names,
                              again == inner_folder ? "the old cached folder" : "a new folder");
    }

  drain_main_context ();
  g_assert_finalize_object (g_steal_pointer (&batch));

  /* The cache must not keep the folders of collections that are gone:
   * one made again lists what the server has now (new.txt). */
  problems = g_string_free (found, FALSE);
  g_assert_cmpstr (problems, ==, "");
}

/* ---- /store/apply-report-many -------------------------------------------- */

typedef struct {
  guint n_changes;
  guint n_removed;
  guint n_added;
} Changes;

static void
on_changes (GListModel *model,
            guint       position,
            guint       removed,
            guint       added,
            Changes    *changes)
{
  changes->n_changes++;
  changes->n_removed += removed;
  changes->n_added += added;
}

/* Deletions confirmed by the server leave the folder with one change per
 * run of neighbouring rows, not one per row: the window's models above
 * pay a pass for each change (1,000 rows one by one froze it 8 s). */
static void
test_apply_report_many (Fixture       *fx,
                        gconstpointer  data)
{
  /* Which of the 12 files go, by their place in the listing. */
  static const gboolean going[12] = { 0, 1, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1 };
  g_autoptr(DavBatch) batch = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staying = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  Changes changes = { 0, 0, 0 };
  guint runs = 0, n_going = 0;
  DavFolder *root;
  gulong handler;

  if (fx->dir == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (going); i++)
    {
      g_autofree char *name = g_strdup_printf ("many %02u.txt", i);

      g_free (make_file (fx->dir, name, "x"));
    }
  fixture_connect (fx, NULL);
  root = fixture_track (fx, dav_resource_store_get_root (fx->store));
  dav_resource_store_load (fx->store, root);
  wait_for_folder (root);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (root)), ==, G_N_ELEMENTS (going));

  /* In the server's order, whatever it is. */
  batch = dav_batch_new (fx->client, 4);
  for (guint i = 0; i < G_N_ELEMENTS (going); i++)
    {
      g_autoptr(DavResource) resource = g_list_model_get_item (G_LIST_MODEL (root), i);

      if (going[i])
        {
          g_assert_true (dav_batch_add_delete (batch, dav_resource_get_url (resource), &error));
          g_assert_no_error (error);
          n_going++;
          runs += i == 0 || !going[i - 1];
        }
      else
        g_ptr_array_add (staying, g_strdup (dav_resource_get_name (resource)));
    }
  g_assert_cmpuint (runs, ==, 4);
  report = run_batch (batch);
  g_assert_nonnull (report);
  for (guint i = 0; i < report->items->len; i++)
    g_assert_cmpint (((DavReportItem *) g_ptr_array_index (report->items, i))->outcome, ==, DAV_OUTCOME_DONE);

  handler = g_signal_connect (root, "items-changed", G_CALLBACK (on_changes), &changes);
  dav_resource_store_apply_report (fx->store, report);
  g_signal_handler_disconnect (root, handler);

  g_assert_cmpuint (changes.n_changes, ==, runs);
  g_assert_cmpuint (changes.n_removed, ==, n_going);
  g_assert_cmpuint (changes.n_added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (root)), ==, G_N_ELEMENTS (going) - n_going);
  /* The rows that stay keep their order. */
  for (guint i = 0; i < staying->len; i++)
    {
      g_autoptr(DavResource) resource = g_list_model_get_item (G_LIST_MODEL (root), i);

      g_assert_cmpstr (dav_resource_get_name (resource), ==, g_ptr_array_index (staying, i));
    }
  expected = join_names (staying);
  got = folder_names_joined (root);
  g_assert_cmpstr (got, ==, expected);
  for (guint i = 0; i < staying->len; i++)
    g_assert_nonnull (get_by_name (root, g_ptr_array_index (staying, i)));
  /* Confirmed: nothing asked again. */
  drain_main_context ();
  g_assert_false (dav_folder_get_loading (root));
  g_assert_finalize_object (g_steal_pointer (&batch));
}

int
main (int    argc,
      char **argv)
{
  store_init (&argc, &argv);
  expect = DAV_TEST_SERVER_FIND (servers);

#define ADD(path, name, func) \
  g_test_add (path, Fixture, name, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/apply-report", "apply-report", test_apply_report);
  ADD ("/store/apply-report-many", "apply-report-many", test_apply_report_many);
  ADD ("/store/refresh-keeps-rows", "refresh-keeps-rows", test_refresh_keeps_rows);
  ADD ("/store/forgets-removed-folders", "forgets-removed-folders", test_forgets_removed_folders);

#undef ADD

  return g_test_run ();
}
