/* test-store.c: DavResourceStore and DavFolder against real WebDAV servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under tests/servers/with-apache or tests/servers/with-server KIND
 * (apache, nginx, lighttpd, sabre), which export DAVSCOPE_TEST_URL and
 * DAVSCOPE_TEST_ROOT (the folder behind /dav/). Each test makes its own
 * folder on disk, which is far faster than PUT, and points a DavClient at
 * its URL. Without the server every test is skipped. Where the servers
 * differ, the table below says what each one does.
 */

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "dav-batch.h"
#include "dav-error.h"
#include "dav-resource-store.h"
#include "dav-test-async.h"
#include "dav-test-server.h"

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

/* ---- waiting ------------------------------------------------------------ */

/* The callback this file's async calls name; wait_for_result()
 * (tests/lib/dav-test-async.h) empties the slot again. */
static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* ---- content on disk ---------------------------------------------------- */

static void
make_dir (const char *path)
{
  g_assert_no_errno (g_mkdir (path, 0777));
  /* The server runs as another user when the tests run as root. */
  g_assert_no_errno (g_chmod (path, 0777));
}

static char *
make_file (const char *dir,
           const char *name,
           const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_no_errno (g_chmod (path, 0666));

  return path;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

/* ---- the fixture -------------------------------------------------------- */

typedef struct {
  char             *dir;       /* the test's folder on disk */
  char             *url;       /* and its URL, ending with a slash */
  DavClient        *client;
  DavResourceStore *store;
  GPtrArray        *folders;   /* DavFolder*, a reference each: finalized at the end */
} Fixture;

static gboolean
have_server (void)
{
  if (g_getenv ("DAVSCOPE_TEST_URL") == NULL || g_getenv ("DAVSCOPE_TEST_ROOT") == NULL)
    {
      g_test_skip ("DAVSCOPE_TEST_URL is not set: run under tests/servers/with-apache or with-server");
      return FALSE;
    }

  return TRUE;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  const char *base = g_getenv ("DAVSCOPE_TEST_URL");
  g_autofree char *name = NULL;

  if (!have_server ())
    return;

  /* A plain ASCII name: the awkward names go inside it. */
  name = g_strdup_printf ("store-%s-%08x", (const char *) data, g_random_int ());
  fx->dir = g_build_filename (g_getenv ("DAVSCOPE_TEST_ROOT"), name, NULL);
  make_dir (fx->dir);
  fx->url = g_strdup_printf ("%s%s%s/", base, g_str_has_suffix (base, "/") ? "" : "/", name);
  fx->folders = g_ptr_array_new ();
}

/* Makes the client and the store; @url NULL for the test's folder. */
static void
fixture_connect (Fixture    *fx,
                 const char *url)
{
  g_autoptr(GError) error = NULL;

  fx->client = dav_client_new (url ? url : fx->url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->client);
  fx->store = dav_resource_store_new (fx->client);
  g_assert_nonnull (fx->store);
}

/* Keeps a reference to @folder so that the teardown can check that nothing
 * else holds one. */
static DavFolder *
fixture_track (Fixture   *fx,
               DavFolder *folder)
{
  g_assert_nonnull (folder);
  if (!g_ptr_array_find (fx->folders, folder, NULL))
    g_ptr_array_add (fx->folders, g_object_ref (folder));

  return folder;
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  if (fx->dir == NULL)
    return;

  /* Let finished requests drop their references. */
  drain_main_context ();

  /* The store holds the folders (its cache) and the client. */
  if (fx->store != NULL)
    g_assert_finalize_object (g_steal_pointer (&fx->store));
  for (guint i = 0; i < fx->folders->len; i++)
    g_assert_finalize_object (g_ptr_array_index (fx->folders, i));
  g_ptr_array_unref (fx->folders);
  if (fx->client != NULL)
    g_assert_finalize_object (g_steal_pointer (&fx->client));

  remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->url);
}

/* ---- helpers on folders ------------------------------------------------- */

static guint
log_length (DavClient *client)
{
  return g_list_model_get_n_items (G_LIST_MODEL (dav_client_get_exchange_log (client)));
}

static DavExchange *
log_item (DavClient *client,
          guint      position)
{
  return g_list_model_get_item (G_LIST_MODEL (dav_client_get_exchange_log (client)), position);
}

/* The member called @name (decoded), borrowed; NULL if none. */
static DavResource *
find_by_name (DavFolder  *folder,
              const char *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (folder));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DavResource) resource = g_list_model_get_item (G_LIST_MODEL (folder), i);

      if (g_strcmp0 (dav_resource_get_name (resource), name) == 0)
        return resource;   /* the folder still holds it */
    }

  return NULL;
}

static DavResource *
get_by_name (DavFolder  *folder,
             const char *name)
{
  DavResource *resource = find_by_name (folder, name);

  if (resource == NULL)
    g_test_message ("no member named '%s' in %s", name, dav_folder_get_url (folder));
  g_assert_nonnull (resource);

  return resource;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_names (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, " | ");
      g_string_append (out, g_ptr_array_index (names, i));
    }

  return g_string_free (out, FALSE);
}

static char *
folder_names_joined (DavFolder *folder)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (folder));
  char *joined;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DavResource) resource = g_list_model_get_item (G_LIST_MODEL (folder), i);

      g_ptr_array_add (names, g_strdup (dav_resource_get_name (resource)));
    }
  joined = join_names (names);
  g_ptr_array_unref (names);

  return joined;
}

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
      g_assert_nonnull (dav_resource_get_modified (resource));
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
  g_assert_true (g_date_time_equal (dav_resource_get_modified (get_by_name (root, "plain.txt")),
                                    expected_mtime));

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

/* ---- /store/apply-report ------------------------------------------------------- */

static void
on_listed_response (DavPropfind *propfind,
                    DavResponse *response,
                    GPtrArray   *hrefs)
{

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
  g_autoptr(GAsyncResult) res = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavPropfind) propfind = dav_propfind_new (DAV_DEPTH_1, DAV_PROPFIND_PROP, names);

  dav_propfind_set_flags (propfind, DAV_PROPFIND_FLAGS_STREAM);
  g_signal_connect (propfind, "response", G_CALLBACK (on_listed_response), hrefs);
  dav_client_propfind_async (client, url, propfind, NULL, on_async_done, &slot);
  res = wait_for_result (&slot, "a PROPFIND");
  result = dav_client_propfind_finish (client, res, &error);
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
                           NULL, on_async_done, &slot);
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
  dav_batch_run_async (batch, NULL, on_async_done, &slot);
  res = wait_for_result (&slot, "the batch");
  report = dav_batch_run_finish (batch, res);
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

      g_clear_object (&res);
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

    g_clear_object (&res);
    dav_client_unlock_async (other, file_url, token, NULL, on_async_done, &slot);
    res = wait_for_result (&slot, "the UNLOCK");
    result = dav_client_unlock_finish (other, res, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->status, ==, 204);
  }

  g_clear_object (&res);
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
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
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
  dav_batch_run_async (batch, NULL, on_async_done, &slot);
  res = wait_for_result (&slot, "the batch");
  report = dav_batch_run_finish (batch, res);
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

  g_clear_object (&res);
  drain_main_context ();
  g_assert_finalize_object (g_steal_pointer (&batch));

  /* The cache must not keep the folders of collections that are gone:
   * one made again lists what the server has now (new.txt). */
  problems = g_string_free (found, FALSE);
  g_assert_cmpstr (problems, ==, "");
}

int
main (int    argc,
      char **argv)
{
  /* The isolated XDG dirs hold no GSettings schemas, which the GNOME proxy
   * resolver needs; the server is on 127.0.0.1 anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  dav_test_set_wait_seconds (30);
  expect = DAV_TEST_SERVER_FIND (servers);

#define ADD(path, name, func) \
  g_test_add (path, Fixture, name, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/root", "root", test_root);
  ADD ("/store/get-folder", "get-folder", test_get_folder);
  ADD ("/store/subfolder", "subfolder", test_subfolder);
  ADD ("/store/refresh", "refresh", test_refresh);
  ADD ("/store/batches", "batches", test_batches);
  ADD ("/store/missing", "missing", test_missing);
  ADD ("/store/apply-report", "apply-report", test_apply_report);
  ADD ("/store/refresh-keeps-rows", "refresh-keeps-rows", test_refresh_keeps_rows);
  ADD ("/store/forgets-removed-folders", "forgets-removed-folders", test_forgets_removed_folders);

#undef ADD

  return g_test_run ();
}
