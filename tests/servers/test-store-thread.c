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

#include "dav-href.h"
#include "store.h"

#define N_FILES 3000

static void
describe_resource (GString     *out,
                   DavResource *resource)
{
  gint64 modified = 0;
  gboolean has_date = dav_resource_get_modified_unix (resource, &modified);
  g_autoptr(DavResponse) response = dav_resource_dup_response (resource);

  g_string_append_printf (out, "%s|%s|%s|%s|%" G_GINT64_FORMAT "|%d:%" G_GINT64_FORMAT "|%d|%u|%s|%s|%s|%s|%d|%d|%u|%u\n",
                          dav_resource_get_url (resource) ? dav_resource_get_url (resource) : "(none)",
                          dav_resource_get_path (resource), dav_resource_get_name (resource),
                          dav_resource_get_display_name (resource) ? dav_resource_get_display_name (resource) : "-",
                          dav_resource_get_size (resource), has_date, modified,
                          dav_resource_is_collection (resource), dav_resource_get_status (resource),
                          dav_resource_get_problem (resource) ? dav_resource_get_problem (resource) : "-",
                          dav_href_relation_to_string (dav_resource_get_relation (resource)),
                          dav_resource_get_etag (resource) ? dav_resource_get_etag (resource) : "-",
                          dav_resource_get_content_type (resource) ? dav_resource_get_content_type (resource) : "-",
                          dav_resource_is_flagged (resource), dav_resource_is_locked (resource),
                          response ? response->hrefs->len : 0, response ? response->problems->len : 0);
}

/* Everything the folder says, in order. */
static char *
describe_folder (DavFolder *folder)
{
  GString *out = g_string_new (NULL);
  GListModel *model = G_LIST_MODEL (folder);
  GPtrArray *problems = dav_folder_get_problems (folder);

  g_string_append_printf (out, "loaded %d complete %d status %u flagged %u error %s problems %u\n",
                          dav_folder_get_loaded (folder), dav_folder_get_complete (folder),
                          dav_folder_get_status (folder), dav_folder_get_n_flagged (folder),
                          dav_folder_get_error_message (folder) ? dav_folder_get_error_message (folder) : "-",
                          problems->len);
  if (dav_folder_get_resource (folder) != NULL)
    describe_resource (out, dav_folder_get_resource (folder));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DavResource) resource = g_list_model_get_item (model, i);

      describe_resource (out, resource);
    }
  return g_string_free (out, FALSE);
}

/* Equal, or the first line where they differ (not two whole listings). */
static void
assert_same_listing (const char *got,
                     const char *want)
{
  g_auto(GStrv) got_lines = g_strsplit (got, "\n", -1);
  g_auto(GStrv) want_lines = g_strsplit (want, "\n", -1);
  guint i;

  for (i = 0; got_lines[i] != NULL && want_lines[i] != NULL; i++)
    if (strcmp (got_lines[i], want_lines[i]) != 0)
      break;
  if (got_lines[i] == NULL && want_lines[i] == NULL)
    return;
  g_test_message ("line %u: with the thread \"%s\", without \"%s\"", i,
                  got_lines[i] ? got_lines[i] : "(end)", want_lines[i] ? want_lines[i] : "(end)");
  g_assert_cmpstr (got_lines[i], ==, want_lines[i]);
}

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
  return describe_folder (root);
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
  fixture_connect (fx, NULL);
  inline_store = new_store (fx, FALSE);
  thread_store = new_store (fx, TRUE);

  inline_listing = load (inline_store);
  thread_listing = load (thread_store);
  g_assert_true (g_str_has_prefix (thread_listing, "loaded 1 complete 1 status 207"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dav_resource_store_get_root (thread_store))), ==,
                    N_FILES + 9);
  assert_same_listing (thread_listing, inline_listing);

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

  dav_resource_store_refresh (inline_store, dav_resource_store_get_root (inline_store));
  dav_resource_store_refresh (thread_store, thread_root);
  wait_for_folder (dav_resource_store_get_root (inline_store));
  wait_for_folder (thread_root);
  inline_refreshed = describe_folder (dav_resource_store_get_root (inline_store));
  thread_refreshed = describe_folder (thread_root);
  assert_same_listing (thread_refreshed, inline_refreshed);
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
