/* test-store-thread.c: a real server's listing, parsed on a thread or not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavResourceStore with the parser on a thread of its own (its rows made
 * there, handed to the main loop: dav-resource-store.c, "the hand-off")
 * and without, over the same folder of a real server: 3,000 files of
 * different sizes and dates, awkward names, subfolders. The two folders
 * must be the same row for row (order, every field, what the details
 * pane reads, problems, completeness), and so must a refresh after the
 * folder changed, which keeps the rows that stayed. The run is in store.h.
 */

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "dav-test-folder.h"
#include "store.h"

#define N_FILES 3000

static void
make_content (const char *dir)
{
  static const char * const awkward[] = {
    "with space.txt", "a&b.txt", "hash#tag.txt", "100%.txt", "Grüße.txt", "日本語.md", "empty.txt",
  };
  g_autofree char *sub = g_build_filename (dir, "Sub Folder", NULL);
  g_autofree char *other = g_build_filename (dir, "dossier & #1 %ü", NULL);

  make_dir (sub);
  make_dir (other);
  for (guint i = 0; i < G_N_ELEMENTS (awkward); i++)
    g_free (make_file (dir, awkward[i], i == G_N_ELEMENTS (awkward) - 1 ? "" : awkward[i]));
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *name = g_strdup_printf ("file %04u.txt", i);
      g_autofree char *contents = g_strnfill (i % 97, 'x');
      g_autofree char *path = make_file (dir, name, contents);
      struct utimbuf times = { .actime = 1600000000 + i * 61, .modtime = 1600000000 + i * 61 };

      g_assert_cmpint (utime (path, &times), ==, 0);
    }
}

static DavResourceStore *
new_store (Fixture  *fx,
           gboolean  thread)
{
  DavResourceStore *store = dav_resource_store_new (fx->client);

  dav_resource_store_set_parse_thread (store, thread);
  return store;
}

static char *
load (DavResourceStore *store)
{
  DavFolder *root = dav_resource_store_get_root (store);

  dav_resource_store_load (store, root);
  wait_for_folder (root);
  return dav_test_describe_folder (root);
}

static void
test_same_listing (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(DavResourceStore) inline_store = NULL;
  g_autoptr(DavResourceStore) thread_store = NULL;
  g_autofree char *inline_listing = NULL;
  g_autofree char *thread_listing = NULL;
  g_autofree char *inline_refreshed = NULL;
  g_autofree char *thread_refreshed = NULL;
  g_autoptr(DavResource) kept = NULL;
  DavFolder *thread_root;

  if (fx->dir == NULL)
    return;

  make_content (fx->dir);
  /* Apache marks the ETag of what changed within the last second weak
   * (W/): the two listings would differ by the clock, not the thread. */
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  fixture_connect (fx, NULL);
  inline_store = new_store (fx, FALSE);
  thread_store = new_store (fx, TRUE);

  inline_listing = load (inline_store);
  thread_listing = load (thread_store);
  g_assert_true (g_str_has_prefix (thread_listing, "loaded 1 complete 1 status 207"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dav_resource_store_get_root (thread_store))), ==,
                    N_FILES + 9);
  dav_test_assert_same_listing (thread_listing, inline_listing);

  /* The folder changes: some go, some come, one grows. A refresh keeps
   * the rows that stayed and gives the same folder either way. */
  thread_root = dav_resource_store_get_root (thread_store);
  kept = g_object_ref (find_by_name (thread_root, "file 2000.txt"));
  for (guint i = 0; i < N_FILES; i += 7)
    {
      g_autofree char *name = g_strdup_printf ("file %04u.txt", i);
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *name = g_strdup_printf ("new %04u.txt", i);

      g_free (make_file (fx->dir, name, "new"));
    }
  g_free (make_file (fx->dir, "file 0001.txt", "grown a little"));
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);

  dav_resource_store_refresh (inline_store, dav_resource_store_get_root (inline_store));
  dav_resource_store_refresh (thread_store, thread_root);
  wait_for_folder (dav_resource_store_get_root (inline_store));
  wait_for_folder (thread_root);
  inline_refreshed = dav_test_describe_folder (dav_resource_store_get_root (inline_store));
  thread_refreshed = dav_test_describe_folder (thread_root);
  dav_test_assert_same_listing (thread_refreshed, inline_refreshed);
  g_assert_true (find_by_name (thread_root, "file 2000.txt") == kept);
  g_assert_null (find_by_name (thread_root, "file 0007.txt"));
  g_assert_nonnull (find_by_name (thread_root, "new 0499.txt"));
  g_assert_cmpint (dav_resource_get_size (find_by_name (thread_root, "file 0001.txt")), ==, 14);

  g_assert_finalize_object (g_steal_pointer (&inline_store));
  g_assert_finalize_object (g_steal_pointer (&thread_store));
  drain_main_context ();
}

int
main (int    argc,
      char **argv)
{
  store_init (&argc, &argv);

  g_test_add ("/store-thread/same-listing", Fixture, "thread", fixture_set_up, test_same_listing,
              fixture_tear_down);

  return g_test_run ();
}
