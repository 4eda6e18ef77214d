/* store.c: what the test-store-* programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "store.h"

/* ---- content on disk ---------------------------------------------------- */

void
make_dir (const char *path)
{
  g_assert_no_errno (g_mkdir (path, 0777));
  /* The server runs as another user when the tests run as root. */
  g_assert_no_errno (g_chmod (path, 0777));
}

char *
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

/* ---- the fixture -------------------------------------------------------- */

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

void
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
void
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
DavFolder *
fixture_track (Fixture   *fx,
               DavFolder *folder)
{
  g_assert_nonnull (folder);
  if (!g_ptr_array_find (fx->folders, folder, NULL))
    g_ptr_array_add (fx->folders, g_object_ref (folder));

  return folder;
}

void
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

guint
log_length (DavClient *client)
{
  return g_list_model_get_n_items (G_LIST_MODEL (dav_client_get_exchange_log (client)));
}

DavExchange *
log_item (DavClient *client,
          guint      position)
{
  return g_list_model_get_item (G_LIST_MODEL (dav_client_get_exchange_log (client)), position);
}

/* The member called @name (decoded), borrowed; NULL if none. */
DavResource *
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

DavResource *
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

char *
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

char *
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

/* The start of each program's main(). */
void
store_init (int    *argc,
            char ***argv)
{
  /* The isolated XDG dirs hold no GSettings schemas, which the GNOME proxy
   * resolver needs; the server is on 127.0.0.1 anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  dav_test_set_wait_seconds (30);
}
