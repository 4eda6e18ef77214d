/* test-places.c: the saved servers and bookmarks list, without GTK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saved and loaded again whole; GNOME Files' bookmarks imported from a
 * fixture with lines of other schemes, labels and bad lines; the server
 * for a URL; moving within a kind.
 */

#include <glib/gstdio.h>

#include "dav-client.h"
#include "dav-place-list.h"
#include "dav-test-async.h"
#include "dav-test-files.h"
#include "dav-test-soup-server.h"

/* @name in a folder that does not exist yet, in a new temporary one
 * (*folder: removed by the test). */
static char *
temp_path (const char  *name,
           char       **folder)
{
  *folder = g_dir_make_tmp ("davscope-places-XXXXXX", NULL);
  g_assert_nonnull (*folder);
  return g_build_filename (*folder, "nested", name, NULL);
}

static DavPlace *
item (DavPlaceList *list,
      guint         position)
{
  DavPlace *place = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_object_unref (place);   /* the list keeps it */
  return place;
}

static void
test_round_trip (void)
{
  g_autoptr(DavPlaceList) list = dav_place_list_new ();
  g_autoptr(DavPlaceList) again = dav_place_list_new ();
  g_autoptr(DavPlace) server = dav_place_new (DAV_PLACE_SERVER, "Work = [files]", "https://dav.example.com/team/");
  g_autoptr(DavPlace) folder = dav_place_new (DAV_PLACE_BOOKMARK, "Plans", "https://dav.example.com/team/Plans/");
  g_autofree char *temp = NULL;
  g_autofree char *path = temp_path ("servers.ini", &temp);
  g_autoptr(GError) error = NULL;
  const char *properties[] = { "{DAV:}getetag", "{http://example.com/ns}author", NULL };
  const char *headers[] = { "Authorization", "X-Tenant", NULL };
  GStatBuf st;
  DavPlace *loaded;

  dav_place_set_user (server, "alice");
  dav_place_set_connections (server, 3);
  dav_place_set_properties (server, properties);
  dav_place_set_header_names (server, headers);
  dav_place_set_proxy (server, "http://proxy.example.com:3128");
  dav_place_set_client_certificate (server, "/home/alice/.certs/alice laptop.p12");
  dav_place_list_append (list, server);
  dav_place_list_append (list, folder);
  dav_place_list_set_imported (list, TRUE);

  g_assert_true (dav_place_list_save (list, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (dav_place_list_load (again, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  g_assert_true (dav_place_list_get_imported (again));

  loaded = item (again, 0);
  g_assert_cmpint (dav_place_get_kind (loaded), ==, DAV_PLACE_SERVER);
  g_assert_cmpstr (dav_place_get_id (loaded), ==, dav_place_get_id (server));
  g_assert_cmpstr (dav_place_get_name (loaded), ==, "Work = [files]");
  g_assert_cmpstr (dav_place_get_url (loaded), ==, "https://dav.example.com/team/");
  g_assert_cmpstr (dav_place_get_user (loaded), ==, "alice");
  g_assert_cmpuint (dav_place_get_connections (loaded), ==, 3);
  g_assert_true (g_strv_equal (dav_place_get_properties (loaded), properties));
  g_assert_true (g_strv_equal (dav_place_get_header_names (loaded), headers));
  g_assert_cmpstr (dav_place_get_proxy (loaded), ==, "http://proxy.example.com:3128");
  g_assert_cmpstr (dav_place_get_client_certificate (loaded), ==, "/home/alice/.certs/alice laptop.p12");

  loaded = item (again, 1);
  g_assert_cmpint (dav_place_get_kind (loaded), ==, DAV_PLACE_BOOKMARK);
  g_assert_cmpstr (dav_place_get_name (loaded), ==, "Plans");
  g_assert_null (dav_place_get_user (loaded));
  g_assert_cmpuint (dav_place_get_connections (loaded), ==, 0);
  g_assert_null (dav_place_get_properties (loaded));
  g_assert_cmpuint (g_strv_length ((GStrv) dav_place_get_header_names (loaded)), ==, 0);
  g_assert_null (dav_place_get_proxy (loaded));
  g_assert_null (dav_place_get_client_certificate (loaded));

  /* An empty one is none: the system's proxy, no certificate. */
  dav_place_set_proxy (server, "");
  dav_place_set_client_certificate (server, "");
  g_assert_null (dav_place_get_proxy (server));
  g_assert_null (dav_place_get_client_certificate (server));
  remove_tree (temp);
}

static void
test_load_missing (void)
{
  g_autoptr(DavPlaceList) list = dav_place_list_new ();
  g_autofree char *temp = NULL;
  g_autofree char *path = temp_path ("none.ini", &temp);
  g_autoptr(GError) error = NULL;

  g_assert_true (dav_place_list_load (list, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_false (dav_place_list_get_imported (list));
  remove_tree (temp);
}

static void
test_import (void)
{
  g_autoptr(DavPlaceList) list = dav_place_list_new ();
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "bookmarks",
                                                    "gtk-3.0-bookmarks", NULL);
  g_autoptr(GError) error = NULL;
  DavPlace *place;

  g_assert_cmpint (dav_place_list_import_gtk_bookmarks (list, fixture, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  /* davs with a label; the same folder again without its slash is skipped. */
  place = item (list, 0);
  g_assert_cmpint (dav_place_get_kind (place), ==, DAV_PLACE_BOOKMARK);
  g_assert_cmpstr (dav_place_get_url (place), ==, "https://cloud.example.com/remote.php/webdav/");
  g_assert_cmpstr (dav_place_get_name (place), ==, "Nextcloud");
  g_assert_null (dav_place_get_user (place));

  /* dav with a user and a port, no label: the folder's name, unescaped. */
  place = item (list, 1);
  g_assert_cmpstr (dav_place_get_url (place), ==, "http://files.example.org:8080/shared/Team%20Plans");
  g_assert_cmpstr (dav_place_get_name (place), ==, "Team Plans");
  g_assert_cmpstr (dav_place_get_user (place), ==, "alice");

  /* A label of two words; the scheme in capitals. */
  place = item (list, 2);
  g_assert_cmpstr (dav_place_get_url (place), ==, "https://upper.example.com/a/");
  g_assert_cmpstr (dav_place_get_name (place), ==, "Shouting Scheme");

  /* Importing again adds nothing. */
  g_assert_cmpint (dav_place_list_import_gtk_bookmarks (list, fixture, &error), ==, 0);
  g_assert_no_error (error);

  g_assert_cmpint (dav_place_list_import_gtk_bookmarks (list, "/nonexistent/bookmarks", &error), ==, -1);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_find_and_move (void)
{
  g_autoptr(DavPlaceList) list = dav_place_list_new ();
  g_autoptr(DavPlace) root = dav_place_new (DAV_PLACE_SERVER, "Root", "https://dav.example.com/");
  g_autoptr(DavPlace) team = dav_place_new (DAV_PLACE_SERVER, "Team", "https://DAV.example.com:443/team");
  g_autoptr(DavPlace) mark = dav_place_new (DAV_PLACE_BOOKMARK, "Mark", "https://dav.example.com/team/x/");
  g_autoptr(DavPlace) other = dav_place_new (DAV_PLACE_SERVER, "Other", "http://dav.example.com/");

  dav_place_list_append (list, root);
  dav_place_list_append (list, mark);
  dav_place_list_append (list, team);
  dav_place_list_append (list, other);

  g_assert_true (dav_place_list_find_server_for (list, "https://dav.example.com/team/x/y.txt") == team);
  g_assert_true (dav_place_list_find_server_for (list, "davs://dav.example.com/teamwork/") == root);
  g_assert_true (dav_place_list_find_server_for (list, "http://dav.example.com:80/a") == other);
  g_assert_null (dav_place_list_find_server_for (list, "https://elsewhere.example.com/"));
  g_assert_true (dav_place_list_find_url (list, DAV_PLACE_BOOKMARK, "https://dav.example.com/team/x") == mark);
  g_assert_null (dav_place_list_find_url (list, DAV_PLACE_SERVER, "https://dav.example.com/team/x"));

  /* Team goes up past the bookmark, before Root; Root cannot go up. */
  g_assert_true (dav_place_list_move (list, dav_place_get_id (team), -1));
  g_assert_true (item (list, 0) == team);
  g_assert_true (item (list, 1) == root);
  g_assert_true (item (list, 2) == mark);
  g_assert_false (dav_place_list_move (list, dav_place_get_id (team), -1));
  g_assert_false (dav_place_list_move (list, dav_place_get_id (mark), 1));
  g_assert_true (dav_place_list_move (list, dav_place_get_id (root), 1));
  g_assert_true (item (list, 3) == root);

  g_assert_cmpint (dav_place_list_remove (list, dav_place_get_id (mark)), ==, 1);
  g_assert_cmpint (dav_place_list_remove (list, dav_place_get_id (mark)), ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
}

static void
test_name_for_url (void)
{
  g_autofree char *a = dav_place_name_for_url ("https://dav.example.com/a/B%C3%BCro/");
  g_autofree char *b = dav_place_name_for_url ("https://dav.example.com/");
  g_autofree char *c = dav_place_name_for_url ("not a url");

  g_assert_cmpstr (a, ==, "Büro");
  g_assert_cmpstr (b, ==, "dav.example.com");
  g_assert_null (c);
}

static void
ok_handler (SoupServer        *soup_server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  soup_server_message_set_status (msg, 200, NULL);
}

/* A saved server's extra headers go with each request of its client. */
static void
test_extra_headers (void)
{
  g_autoptr(Server) server = server_new (ok_handler, NULL);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "Authorization", "X-Tenant", NULL };
  const char *values[] = { "Bearer t0ken", "blue", NULL };
  const Seen *seen;

  dav_client_set_extra_headers (client, names, values);
  dav_client_options_async (client, server->dav_url, NULL, store_result_cb, &slot);
  result = finish_request (client, &slot, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 200);

  g_assert_cmpuint (server->seen->len, ==, 1);
  seen = g_ptr_array_index (server->seen, 0);
  g_assert_cmpstr (soup_message_headers_get_one (seen->headers, "Authorization"), ==, "Bearer t0ken");
  g_assert_cmpstr (soup_message_headers_get_one (seen->headers, "X-Tenant"), ==, "blue");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/places/round-trip", test_round_trip);
  g_test_add_func ("/places/load-missing", test_load_missing);
  g_test_add_func ("/places/import", test_import);
  g_test_add_func ("/places/find-and-move", test_find_and_move);
  g_test_add_func ("/places/name-for-url", test_name_for_url);
  g_test_add_func ("/places/extra-headers", test_extra_headers);

  return g_test_run ();
}
