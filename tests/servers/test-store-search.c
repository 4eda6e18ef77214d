/* test-store-search.c: DavSearch walking a real server's tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * None of Apache, nginx, lighttpd or sabre/dav offers DASL, so a search
 * asks OPTIONS, finds no DAV:basicsearch and walks: a file three levels
 * down and a folder are found by name, any case, and nothing else; a
 * folder that is not there is handed over as what could not be searched,
 * with its 404 and its exchange. SEARCH itself is in tests/core/test-search.c.
 */

#include <string.h>

#include "dav-search.h"

#include "store.h"

typedef struct {
  GPtrArray *paths;      /* char*: below the folder searched, decoded */
  GPtrArray *failures;   /* char*: "status exchange" */
  const char *url;
} Found;

static void
on_match (DavSearch         *search,
          const DavResponse *response,
          const DavHref     *href,
          Found             *found)
{
  g_autofree char *path = g_uri_unescape_string (href->uri + strlen (found->url), NULL);

  g_ptr_array_add (found->paths, g_steal_pointer (&path));
}

static void
on_failed (DavSearch            *search,
           const DavWalkFailure *failure,
           Found                *found)
{
  g_ptr_array_add (found->failures, g_strdup_printf ("%u %s", failure->status,
                                                     failure->exchange_id > 0 ? "exchange" : "none"));
}

static gint
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static DavSearch *
run_search (Fixture    *fx,
            const char *url,
            const char *name,
            Found      *found)
{
  g_autoptr(GError) error = NULL;
  DavSearch *search = dav_search_new (fx->client, url, name, NULL, NULL,
                                      dav_propfind_listing_properties (), &error);
  GAsyncResult *res = NULL;

  g_assert_no_error (error);
  found->url = dav_search_get_url (search);
  found->paths = g_ptr_array_new_with_free_func (g_free);
  found->failures = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (search, "match", G_CALLBACK (on_match), found);
  g_signal_connect (search, "failed", G_CALLBACK (on_failed), found);
  dav_search_run_async (search, NULL, store_result_cb, &res);
  wait_for (&res);
  g_assert_true (dav_search_run_finish (search, res, &error));
  g_assert_no_error (error);
  g_object_unref (res);
  g_ptr_array_sort (found->paths, compare_paths);

  return search;
}

static void
found_clear (Found *found)
{
  g_clear_pointer (&found->paths, g_ptr_array_unref);
  g_clear_pointer (&found->failures, g_ptr_array_unref);
}

static void
test_walk (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(DavSearch) search = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *deep = NULL;
  g_autofree char *folder = NULL;
  Found found = { 0, };

  if (fx->dir == NULL)
    return;

  a = g_build_filename (fx->dir, "a", NULL);
  b = g_build_filename (a, "b", NULL);
  deep = g_build_filename (b, "c", NULL);
  make_dir (a);
  make_dir (b);
  make_dir (deep);
  g_free (make_file (deep, "Needle report.txt", "deep\n"));
  g_free (make_file (fx->dir, "hay.txt", "hay\n"));
  g_free (make_file (a, "hay.txt", "hay\n"));
  folder = g_build_filename (a, "needles", NULL);
  make_dir (folder);
  fixture_connect (fx, NULL);

  search = run_search (fx, fx->url, "NEEDLE", &found);

  g_assert_cmpuint (found.paths->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (found.paths, 0), ==, "a/b/c/Needle report.txt");
  g_assert_cmpstr (g_ptr_array_index (found.paths, 1), ==, "a/needles/");
  g_assert_cmpuint (found.failures->len, ==, 0);
  g_assert_cmpint (dav_search_get_method (search), ==, DAV_SEARCH_METHOD_WALK);
  g_assert_null (dav_search_get_fallback_reason (search, NULL));
  /* The folder, a, b, c and needles. */
  g_assert_cmpuint (dav_search_get_n_folders (search), ==, 5);
  found_clear (&found);
}

static void
test_missing (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(DavSearch) search = NULL;
  g_autofree char *url = NULL;
  Found found = { 0, };

  if (fx->dir == NULL)
    return;

  fixture_connect (fx, NULL);
  url = g_strconcat (fx->url, "not-there/", NULL);
  search = run_search (fx, url, "x", &found);

  g_assert_cmpuint (found.paths->len, ==, 0);
  g_assert_cmpuint (found.failures->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (found.failures, 0), ==, "404 exchange");
  found_clear (&found);
}

int
main (int    argc,
      char **argv)
{
  store_init (&argc, &argv);

  g_test_add ("/search/walk", Fixture, "search-walk", fixture_set_up, test_walk, fixture_tear_down);
  g_test_add ("/search/missing", Fixture, "search-missing", fixture_set_up, test_missing, fixture_tear_down);

  return g_test_run ();
}
