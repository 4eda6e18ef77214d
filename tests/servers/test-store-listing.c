/* test-store-listing.c: DavResourceStore listing folders of a real server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The root and its awkward names, a folder asked for twice, subfolders,
 * a refresh that keeps what did not change, a folder of 2,000 files
 * arriving in batches, and a folder that is not there. The run is in
 * store.h.
 */

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "store.h"

static char *
names_joined (const char * const *names)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);
  char *joined;

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (array, g_strdup (names[i]));
  joined = join_names (array);
  g_ptr_array_unref (array);

  return joined;
}

/* Records the values "loading" goes through. */
static void
on_loading_notify (DavFolder  *folder,
                   GParamSpec *pspec,
                   GString    *trace)
{
  g_string_append (trace, dav_folder_get_loading (folder) ? "T" : "F");
}

/* ---- /store/root ---------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *contents;   /* NULL for a folder */
} Entry;

static const Entry root_entries[] = {
  { "plain.txt", "hello" },
  { "with space.txt", "two words\n" },
  { "a&b.txt", "ampersand" },
  { "hash#tag.txt", "#" },
  { "100%.txt", "one hundred percent" },
  { "Grüße.txt", "Grüße aus Köln\n" },
  { "日本語.md", "# 日本語\n" },
  { "empty.txt", "" },
  { "Sub Folder", NULL },
  { "dossier & #1 %ü", NULL },
};

static void
test_root (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(GString) trace = g_string_new (NULL);
  g_autoptr(GDateTime) expected_mtime = g_date_time_new_utc (2020, 1, 2, 3, 4, 5);
  g_autoptr(GDateTime) modified = NULL;
  gint64 unix_time;
  g_autofree char *plain = NULL;
  struct utimbuf times;
  DavFolder *root;
  DavResource *self_resource;
  guint before;

  if (fx->dir == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (root_entries); i++)
    {
      if (root_entries[i].contents != NULL)
        g_free (make_file (fx->dir, root_entries[i].name, root_entries[i].contents));
      else
        {
          g_autofree char *path = g_build_filename (fx->dir, root_entries[i].name, NULL);

          make_dir (path);
        }
    }
  plain = g_build_filename (fx->dir, "plain.txt", NULL);
  times.actime = times.modtime = (time_t) g_date_time_to_unix (expected_mtime);
  g_assert_no_errno (utime (plain, &times));

  fixture_connect (fx, NULL);
  root = fixture_track (fx, dav_resource_store_get_root (fx->store));
  g_assert_cmpstr (dav_folder_get_url (root), ==, fx->url);
  g_assert_false (dav_folder_get_loading (root));
  g_assert_false (dav_folder_get_loaded (root));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (root)), ==, 0);
  g_assert_null (dav_folder_get_resource (root));

  /* Nothing is asked of the server before the folder is loaded. */
  drain_main_context ();
  g_assert_cmpuint (log_length (fx->client), ==, 0);

  g_signal_connect (root, "notify::loading", G_CALLBACK (on_loading_notify), trace);
  before = log_length (fx->client);
  dav_resource_store_load (fx->store, root);
  g_assert_true (dav_folder_get_loading (root));
  wait_for_folder (root);
  g_signal_handlers_disconnect_by_func (root, on_loading_notify, trace);

  g_assert_cmpstr (trace->str, ==, "TF");
  g_assert_cmpuint (log_length (fx->client), ==, before + 1);
  g_assert_no_error (dav_folder_get_error (root));
  g_assert_true (dav_folder_get_loaded (root));
  g_assert_true (dav_folder_get_complete (root));
  g_assert_cmpuint (dav_folder_get_status (root), ==, 207);
  g_assert_cmpuint (dav_folder_get_n_flagged (root), ==, 0);
  g_assert_cmpuint (dav_folder_get_exchange_id (root), !=, 0);

  /* The folder itself is not one of its items. */
  self_resource = dav_folder_get_resource (root);
  g_assert_nonnull (self_resource);
  g_assert_true (dav_resource_is_collection (self_resource));
  g_assert_false (dav_resource_is_flagged (self_resource));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (root)), ==, G_N_ELEMENTS (root_entries));

  for (guint i = 0; i < G_N_ELEMENTS (root_entries); i++)
    {
      const Entry *entry = &root_entries[i];
      DavResource *resource = get_by_name (root, entry->name);

      g_assert_true (resource != self_resource);
      g_assert_false (dav_resource_is_flagged (resource));
      g_assert_null (dav_resource_get_problem (resource));
      g_assert_cmpint (dav_resource_get_relation (resource), ==, DAV_HREF_MEMBER);
      g_assert_true (dav_resource_get_modified_unix (resource, &unix_time));
      g_assert_true (g_str_has_prefix (dav_resource_get_url (resource), fx->url));
      g_assert_true (dav_folder_find (root, dav_resource_get_url (resource)) == resource);

      if (entry->contents == NULL)
        {
          g_assert_true (dav_resource_is_collection (resource));
          g_assert_true (g_str_has_suffix (dav_resource_get_url (resource), "/"));
        }
      else
        {
          g_assert_false (dav_resource_is_collection (resource));
          g_assert_cmpint (dav_resource_get_size (resource), ==, strlen (entry->contents));
        }
    }

  /* Dates come from getlastmodified (one-second precision). */
  modified = dav_resource_dup_modified (get_by_name (root, "plain.txt"));
  g_assert_true (g_date_time_equal (modified, expected_mtime));

  /* Loading a loaded folder again asks nothing. */
  before = log_length (fx->client);
  dav_resource_store_load (fx->store, root);
  g_assert_false (dav_folder_get_loading (root));
  drain_main_context ();
  g_assert_cmpuint (log_length (fx->client), ==, before);
}

/* ---- /store/get-folder ------------------------------------------------------ */

static void
test_get_folder (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *sub_dir = NULL;
  DavFolder *root, *sub, *again;
  DavResource *collection, *file;
  guint before;

  if (fx->dir == NULL)
    return;

  sub_dir = g_build_filename (fx->dir, "Sub & Folder #1", NULL);
  make_dir (sub_dir);
  g_free (make_file (sub_dir, "inside.txt", "inside"));
  g_free (make_file (fx->dir, "file.txt", "a file"));

  fixture_connect (fx, NULL);
  root = fixture_track (fx, dav_resource_store_get_root (fx->store));
  dav_resource_store_load (fx->store, root);
  wait_for_folder (root);
  g_assert_true (dav_folder_get_loaded (root));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (root)), ==, 2);
  drain_main_context ();

  collection = get_by_name (root, "Sub & Folder #1");
  file = get_by_name (root, "file.txt");
  g_assert_true (dav_resource_is_collection (collection));

  /* What GtkTreeListModel does to ask whether a row can expand. */
  before = log_length (fx->client);
  sub = dav_resource_store_get_folder (fx->store, collection);
  g_assert_nonnull (sub);
  fixture_track (fx, sub);
  for (guint i = 0; i < 5; i++)
    {
      again = dav_resource_store_get_folder (fx->store, collection);
      g_assert_true (again == sub);
    }
  g_assert_cmpstr (dav_folder_get_url (sub), ==, dav_resource_get_url (collection));
  g_assert_false (dav_folder_get_loading (sub));
  g_assert_false (dav_folder_get_loaded (sub));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sub)), ==, 0);

  g_assert_null (dav_resource_store_get_folder (fx->store, file));

  /* The root folder's own resource is a collection: it gives the root. */
  g_assert_true (dav_resource_store_get_folder (fx->store, dav_folder_get_resource (root)) == root);

  drain_main_context ();
  g_assert_cmpuint (log_length (fx->client), ==, before);
}

/* ---- /store/subfolder ------------------------------------------------------- */

static void
test_subfolder (Fixture       *fx,
                gconstpointer  data)
{
  static const char * const sub_names[] = { "one.txt", "zwei & drei.txt", "ç #4.txt", "nested", NULL };
  g_autofree char *sub_dir = NULL;
  g_autofree char *nested = NULL;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  DavFolder *root, *sub, *deeper;
  DavResource *collection;
  guint before;

  if (fx->dir == NULL)
    return;

  sub_dir = g_build_filename (fx->dir, "Sub Folder %41", NULL);
  make_dir (sub_dir);
  for (guint i = 0; i < 3; i++)
    g_free (make_file (sub_dir, sub_names[i], sub_names[i]));
  nested = g_build_filename (sub_dir, "nested", NULL);
  make_dir (nested);
  g_free (make_file (nested, "deep.txt", "deep"));
  g_free (make_file (fx->dir, "top.txt", "top"));

  fixture_connect (fx, NULL);
  root = fixture_track (fx, dav_resource_store_get_root (fx->store));
  dav_resource_store_load (fx->store, root);
  wait_for_folder (root);
  g_assert_true (dav_folder_get_loaded (root));

  collection = get_by_name (root, "Sub Folder %41");
  sub = fixture_track (fx, dav_resource_store_get_folder (fx->store, collection));

  before = log_length (fx->client);
  dav_resource_store_load (fx->store, sub);
  g_assert_true (dav_folder_get_loading (sub));
  wait_for_folder (sub);
  g_assert_cmpuint (log_length (fx->client), ==, before + 1);

  g_assert_no_error (dav_folder_get_error (sub));
  g_assert_true (dav_folder_get_loaded (sub));
  g_assert_true (dav_folder_get_complete (sub));
  g_assert_cmpuint (dav_folder_get_n_flagged (sub), ==, 0);
  g_assert_nonnull (dav_folder_get_resource (sub));
  g_assert_cmpstr (dav_resource_get_url (dav_folder_get_resource (sub)), ==,
                   dav_resource_get_url (collection));

  want = names_joined (sub_names);
  got = folder_names_joined (sub);
  g_assert_cmpstr (got, ==, want);
  g_assert_true (dav_resource_is_collection (get_by_name (sub, "nested")));
  g_assert_cmpint (dav_resource_get_size (get_by_name (sub, "one.txt")), ==, strlen ("one.txt"));

  /* Listing the child changes nothing in the parent. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (root)), ==, 2);
  g_assert_true (get_by_name (root, "Sub Folder %41") == collection);

  /* One level down the same way. */
  deeper = fixture_track (fx, dav_resource_store_get_folder (fx->store, get_by_name (sub, "nested")));
  dav_resource_store_load (fx->store, deeper);
  wait_for_folder (deeper);
  g_assert_true (dav_folder_get_loaded (deeper));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (deeper)), ==, 1);
  get_by_name (deeper, "deep.txt");
}

/* ---- /store/refresh --------------------------------------------------------- */

static void
test_refresh (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GString) trace = g_string_new (NULL);
  g_autofree char *gone_path = NULL;
  g_autofree char *d_dir = NULL;
  g_autofree char *got = NULL;
  DavFolder *root, *d_folder;
  DavResource *a, *b, *c, *d;
  guint before;

  if (fx->dir == NULL)
    return;

  g_free (make_file (fx->dir, "a.txt", "a"));
  gone_path = make_file (fx->dir, "b.txt", "bb");
  g_free (make_file (fx->dir, "c.txt", "ccc"));
  d_dir = g_build_filename (fx->dir, "d", NULL);
  make_dir (d_dir);

  fixture_connect (fx, NULL);
  root = fixture_track (fx, dav_resource_store_get_root (fx->store));
  dav_resource_store_load (fx->store, root);
  wait_for_folder (root);
  g_assert_true (dav_folder_get_loaded (root));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (root)), ==, 4);

  a = g_object_ref (get_by_name (root, "a.txt"));
  b = g_object_ref (get_by_name (root, "b.txt"));
  c = g_object_ref (get_by_name (root, "c.txt"));
  d = g_object_ref (get_by_name (root, "d"));
  d_folder = fixture_track (fx, dav_resource_store_get_folder (fx->store, d));

  /* The server's content changes behind the store's back. */
  g_free (make_file (fx->dir, "new.txt", "new!"));
  g_assert_no_errno (g_remove (gone_path));
  g_free (make_file (fx->dir, "c.txt", "cccccc"));

  g_signal_connect (root, "notify::loading", G_CALLBACK (on_loading_notify), trace);
  before = log_length (fx->client);
  dav_resource_store_refresh (fx->store, root);
  g_assert_true (dav_folder_get_loading (root));
  /* The old rows stay while the new listing comes in. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (root)), ==, 4);
  wait_for_folder (root);
  g_signal_handlers_disconnect_by_func (root, on_loading_notify, trace);

  g_assert_cmpstr (trace->str, ==, "TF");
  g_assert_cmpuint (log_length (fx->client), ==, before + 1);
  g_assert_no_error (dav_folder_get_error (root));
  g_assert_true (dav_folder_get_loaded (root));
  g_assert_true (dav_folder_get_complete (root));

  got = folder_names_joined (root);
  g_assert_cmpstr (got, ==, "a.txt | c.txt | d | new.txt");
  g_assert_null (find_by_name (root, "b.txt"));
  g_assert_null (dav_folder_find (root, dav_resource_get_url (b)));

  /* Entries still there keep their objects (and so the tree its rows and
   * expanded folders), updated in place. */
  g_assert_true (get_by_name (root, "a.txt") == a);
  g_assert_true (get_by_name (root, "c.txt") == c);
  g_assert_true (get_by_name (root, "d") == d);
  g_assert_cmpint (dav_resource_get_size (c), ==, 6);
  g_assert_true (dav_resource_store_get_folder (fx->store, d) == d_folder);
  g_assert_cmpint (dav_resource_get_size (get_by_name (root, "new.txt")), ==, 4);

  /* Nothing holds the deleted entry any more. */
  g_assert_finalize_object (b);
  g_object_unref (a);
  g_object_unref (c);
  g_object_unref (d);
}

/* ---- /store/batches ---------------------------------------------------------- */

#define N_BULK 2000

typedef struct {
  DavFolder *folder;
  guint      signals;
  guint      while_loading;
  guint      added;
  guint      removed;
  gboolean   order_ok;
  gboolean   first_before_end;   /* the first rows came before the body was read */
  gboolean   first_seen;
  DavClient *client;
} Batches;

static void
on_bulk_items_changed (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       Batches    *batches)
{
  batches->signals++;
  if (dav_folder_get_loading (batches->folder))
    batches->while_loading++;
  /* Each batch is appended after what is there. */
  if (position != batches->added - batches->removed || removed != 0)
    batches->order_ok = FALSE;
  batches->added += added;
  batches->removed += removed;

  if (!batches->first_seen)
    {
      guint n = log_length (batches->client);
      g_autoptr(DavExchange) exchange = log_item (batches->client, n - 1);

      batches->first_seen = TRUE;
      batches->first_before_end = !dav_exchange_get_finished (exchange);
    }
}

static void
test_batches (Fixture       *fx,
              gconstpointer  data)
{
  Batches batches = { .order_ok = TRUE };
  DavFolder *root;
  gint64 started;

  if (fx->dir == NULL)
    return;

  for (guint i = 0; i < N_BULK; i++)
    {
      g_autofree char *name = g_strdup_printf ("file %04u.txt", i);

      g_free (make_file (fx->dir, name, "x"));
    }

  fixture_connect (fx, NULL);
  root = fixture_track (fx, dav_resource_store_get_root (fx->store));
  batches.folder = root;
  batches.client = fx->client;
  g_signal_connect (root, "items-changed", G_CALLBACK (on_bulk_items_changed), &batches);

  started = g_get_monotonic_time ();
  dav_resource_store_load (fx->store, root);
  wait_for_folder (root);
  g_signal_handlers_disconnect_by_func (root, on_bulk_items_changed, &batches);
  g_test_message ("%u entries in %u items-changed (%u while loading) in %.0f ms; "
                  "first rows before the end of the body: %s",
                  batches.added, batches.signals, batches.while_loading,
                  (g_get_monotonic_time () - started) / 1000.0,
                  batches.first_before_end ? "yes" : "no");

  g_assert_no_error (dav_folder_get_error (root));
  g_assert_true (dav_folder_get_loaded (root));
  g_assert_true (dav_folder_get_complete (root));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (root)), ==, N_BULK);
  g_assert_cmpuint (batches.added - batches.removed, ==, N_BULK);
  g_assert_true (batches.order_ok);
  /* Batches while streaming: more than one signal, far fewer than rows. */
  g_assert_cmpuint (batches.while_loading, >, 1);
  g_assert_cmpuint (batches.signals, <, 50);
  g_assert_true (batches.first_before_end);

  get_by_name (root, "file 0000.txt");
  get_by_name (root, "file 1999.txt");
}

/* ---- /store/missing ---------------------------------------------------------- */

static void
test_missing (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GString) trace = g_string_new (NULL);
  g_autofree char *missing = NULL;
  DavFolder *root;

  if (fx->dir == NULL)
    return;

  missing = g_strconcat (fx->url, "not-there/", NULL);
  fixture_connect (fx, missing);
  root = fixture_track (fx, dav_resource_store_get_root (fx->store));

  g_signal_connect (root, "notify::loading", G_CALLBACK (on_loading_notify), trace);
  dav_resource_store_load (fx->store, root);
  wait_for_folder (root);
  g_signal_handlers_disconnect_by_func (root, on_loading_notify, trace);

  g_test_message ("error: %s", dav_folder_get_error_message (root));
  g_assert_cmpstr (trace->str, ==, "TF");
  g_assert_false (dav_folder_get_loaded (root));
  g_assert_false (dav_folder_get_complete (root));
  g_assert_error (dav_folder_get_error (root), DAV_ERROR, DAV_ERROR_STATUS);
  g_assert_nonnull (strstr (dav_folder_get_error_message (root), "404"));
  g_assert_cmpuint (dav_folder_get_status (root), ==, 404);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (root)), ==, 0);
  g_assert_null (dav_folder_get_resource (root));
}

int
main (int    argc,
      char **argv)
{
  store_init (&argc, &argv);

#define ADD(path, name, func) \
  g_test_add (path, Fixture, name, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/root", "root", test_root);
  ADD ("/store/get-folder", "get-folder", test_get_folder);
  ADD ("/store/subfolder", "subfolder", test_subfolder);
  ADD ("/store/refresh", "refresh", test_refresh);
  ADD ("/store/batches", "batches", test_batches);
  ADD ("/store/missing", "missing", test_missing);

#undef ADD

  return g_test_run ();
}
