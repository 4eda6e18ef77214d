/* dav-place-list.c: the saved servers and bookmarks, in their order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The key file has one group per place, in the list's order, named after
 * the place's id (a random UUID, so always a valid group name), and a
 * [davscope] group for what the list itself remembers.
 */

#include "dav-place-list.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#define LIST_GROUP "davscope"

struct _DavPlaceList
{
  GObject    parent_instance;

  GPtrArray *places;     /* DavPlace, strong */
  gboolean   imported;
};

static void dav_place_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DavPlaceList, dav_place_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dav_place_list_model_init))

static GType
dav_place_list_get_item_type (GListModel *model)
{
  return DAV_TYPE_PLACE;
}

static guint
dav_place_list_get_n_items (GListModel *model)
{
  return DAV_PLACE_LIST (model)->places->len;
}

static gpointer
dav_place_list_get_item (GListModel *model,
                         guint       position)
{
  DavPlaceList *self = DAV_PLACE_LIST (model);

  if (position >= self->places->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->places, position));
}

static void
dav_place_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dav_place_list_get_item_type;
  iface->get_n_items = dav_place_list_get_n_items;
  iface->get_item = dav_place_list_get_item;
}

static void
dav_place_list_finalize (GObject *object)
{
  DavPlaceList *self = DAV_PLACE_LIST (object);

  g_ptr_array_unref (self->places);

  G_OBJECT_CLASS (dav_place_list_parent_class)->finalize (object);
}

static void
dav_place_list_class_init (DavPlaceListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dav_place_list_finalize;
}

static void
dav_place_list_init (DavPlaceList *self)
{
  self->places = g_ptr_array_new_with_free_func (g_object_unref);
}

DavPlaceList *
dav_place_list_new (void)
{
  return g_object_new (DAV_TYPE_PLACE_LIST, NULL);
}

/* ---- the file ----------------------------------------------------------- */

static DavPlace *
place_from_group (GKeyFile   *file,
                  const char *group)
{
  g_autofree char *kind = g_key_file_get_string (file, group, "kind", NULL);
  g_autofree char *name = g_key_file_get_string (file, group, "name", NULL);
  g_autofree char *url = g_key_file_get_string (file, group, "url", NULL);
  g_autofree char *user = g_key_file_get_string (file, group, "user", NULL);
  g_auto(GStrv) properties = g_key_file_get_string_list (file, group, "listing-properties", NULL, NULL);
  g_auto(GStrv) headers = g_key_file_get_string_list (file, group, "header-names", NULL, NULL);
  g_autofree char *proxy = g_key_file_get_string (file, group, "proxy", NULL);
  g_autofree char *client_certificate = g_key_file_get_string (file, group, "client-certificate", NULL);
  int connections = g_key_file_get_integer (file, group, "connections", NULL);
  DavPlace *place;

  if (url == NULL || *url == '\0')
    return NULL;
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = dav_place_name_for_url (url);
      if (name == NULL)
        name = g_strdup (url);
    }

  place = dav_place_new (g_strcmp0 (kind, "server") == 0 ? DAV_PLACE_SERVER : DAV_PLACE_BOOKMARK,
                         name, url);
  dav_place_set_id (place, group);
  dav_place_set_user (place, user);
  dav_place_set_connections (place, (guint) CLAMP (connections, 0, 64));
  dav_place_set_properties (place, (const char * const *) properties);
  dav_place_set_header_names (place, (const char * const *) headers);
  dav_place_set_proxy (place, proxy);
  dav_place_set_client_certificate (place, client_certificate);

  return place;
}

gboolean
dav_place_list_load (DavPlaceList  *self,
                     const char    *path,
                     GError       **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;
  guint removed;

  g_return_val_if_fail (DAV_IS_PLACE_LIST (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error) &&
      !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  removed = self->places->len;
  g_ptr_array_set_size (self->places, 0);
  self->imported = g_key_file_get_boolean (file, LIST_GROUP, "imported-gtk-bookmarks", NULL);

  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      DavPlace *place;

      if (g_str_equal (groups[i], LIST_GROUP) ||
          dav_place_list_lookup (self, groups[i], NULL) != NULL)
        continue;
      place = place_from_group (file, groups[i]);
      if (place != NULL)
        g_ptr_array_add (self->places, place);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->places->len);
  return TRUE;
}

gboolean
dav_place_list_save (DavPlaceList  *self,
                     const char    *path,
                     GError       **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *folder = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (DAV_IS_PLACE_LIST (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_key_file_set_comment (file, NULL, NULL,
                          " Davscope's saved servers and bookmarks. Passwords and header values are in the keyring.",
                          NULL);
  g_key_file_set_boolean (file, LIST_GROUP, "imported-gtk-bookmarks", self->imported);

  for (guint i = 0; i < self->places->len; i++)
    {
      DavPlace *place = g_ptr_array_index (self->places, i);
      const char *group = dav_place_get_id (place);
      const char * const *properties = dav_place_get_properties (place);
      const char * const *headers = dav_place_get_header_names (place);

      g_key_file_set_string (file, group, "kind",
                             dav_place_get_kind (place) == DAV_PLACE_SERVER ? "server" : "bookmark");
      g_key_file_set_string (file, group, "name", dav_place_get_name (place));
      g_key_file_set_string (file, group, "url", dav_place_get_url (place));
      if (dav_place_get_user (place) != NULL)
        g_key_file_set_string (file, group, "user", dav_place_get_user (place));
      if (dav_place_get_connections (place) > 0)
        g_key_file_set_integer (file, group, "connections", (int) dav_place_get_connections (place));
      if (properties != NULL)
        g_key_file_set_string_list (file, group, "listing-properties", properties, g_strv_length ((GStrv) properties));
      if (headers[0] != NULL)
        g_key_file_set_string_list (file, group, "header-names", headers, g_strv_length ((GStrv) headers));
      if (dav_place_get_proxy (place) != NULL)
        g_key_file_set_string (file, group, "proxy", dav_place_get_proxy (place));
      /* Where the certificate is, not the key: a file name or a URI. */
      if (dav_place_get_client_certificate (place) != NULL)
        g_key_file_set_string (file, group, "client-certificate", dav_place_get_client_certificate (place));
    }

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", folder, g_strerror (saved_errno));
      return FALSE;
    }

  data = g_key_file_to_data (file, &length, NULL);
  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

gboolean
dav_place_list_get_imported (DavPlaceList *self)
{
  g_return_val_if_fail (DAV_IS_PLACE_LIST (self), FALSE);

  return self->imported;
}

void
dav_place_list_set_imported (DavPlaceList *self,
                             gboolean      imported)
{
  g_return_if_fail (DAV_IS_PLACE_LIST (self));

  self->imported = imported;
}

/* ---- GNOME Files' bookmarks --------------------------------------------- */

int
dav_place_list_import_gtk_bookmarks (DavPlaceList  *self,
                                     const char    *path,
                                     GError       **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  int added = 0;

  g_return_val_if_fail (DAV_IS_PLACE_LIST (self), -1);
  g_return_val_if_fail (path != NULL, -1);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return -1;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      g_autofree char *url = NULL;
      g_autofree char *user = NULL;
      g_autofree char *name = NULL;
      g_autoptr(DavPlace) place = NULL;
      char *space;

      if (*line == '\0' || !g_utf8_validate (line, -1, NULL))
        continue;

      /* "URI label": the URI has no spaces (they are escaped). */
      space = strchr (line, ' ');
      if (space != NULL)
        {
          *space = '\0';
          name = g_strstrip (g_strdup (space + 1));
        }

      url = dav_place_http_url (line, TRUE, &user);
      if (url == NULL || dav_place_list_find_url (self, DAV_PLACE_BOOKMARK, url) != NULL)
        continue;

      if (name == NULL || *name == '\0')
        {
          g_free (name);
          name = dav_place_name_for_url (url);
        }

      place = dav_place_new (DAV_PLACE_BOOKMARK, name, url);
      dav_place_set_user (place, user);
      dav_place_list_append (self, place);
      added++;
    }

  return added;
}

/* ---- the list ----------------------------------------------------------- */

void
dav_place_list_insert (DavPlaceList *self,
                       guint         position,
                       DavPlace     *place)
{
  g_return_if_fail (DAV_IS_PLACE_LIST (self));
  g_return_if_fail (DAV_IS_PLACE (place));

  position = MIN (position, self->places->len);
  g_ptr_array_insert (self->places, position, g_object_ref (place));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

void
dav_place_list_append (DavPlaceList *self,
                       DavPlace     *place)
{
  g_return_if_fail (DAV_IS_PLACE_LIST (self));

  dav_place_list_insert (self, self->places->len, place);
}

DavPlace *
dav_place_list_lookup (DavPlaceList *self,
                       const char   *id,
                       guint        *position)
{
  g_return_val_if_fail (DAV_IS_PLACE_LIST (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->places->len; i++)
    {
      DavPlace *place = g_ptr_array_index (self->places, i);

      if (g_str_equal (dav_place_get_id (place), id))
        {
          if (position != NULL)
            *position = i;
          return place;
        }
    }

  return NULL;
}

int
dav_place_list_remove (DavPlaceList *self,
                       const char   *id)
{
  guint position;

  g_return_val_if_fail (DAV_IS_PLACE_LIST (self), -1);

  if (dav_place_list_lookup (self, id, &position) == NULL)
    return -1;

  g_ptr_array_remove_index (self->places, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  return (int) position;
}

/* @url's scheme (dav read as http), host and port, lower case, and its
 * path ending in one slash: what two URLs are compared by. */
static gboolean
split_url (const char  *url,
           char       **origin,
           char       **path)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *trimmed = NULL;
  int port;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  if (g_str_equal (scheme, "dav") || g_str_equal (scheme, "davs"))
    {
      g_autofree char *dav = g_steal_pointer (&scheme);

      scheme = g_str_equal (dav, "dav") ? g_strdup ("http") : g_strdup ("https");
    }
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  port = g_uri_get_port (uri);
  if (port < 0)
    port = g_str_equal (scheme, "https") ? 443 : 80;

  trimmed = g_strdup (g_uri_get_path (uri));
  while (*trimmed != '\0' && trimmed[strlen (trimmed) - 1] == '/')
    trimmed[strlen (trimmed) - 1] = '\0';

  *origin = g_strdup_printf ("%s://%s:%d", scheme, host, port);
  *path = g_strconcat (trimmed, "/", NULL);
  return TRUE;
}

/* The place of @kind at @url, or with @containing the one whose URL is
 * the longest that holds @url. */
static DavPlace *
find_place (DavPlaceList *self,
            DavPlaceKind  kind,
            const char   *url,
            gboolean      containing)
{
  g_autofree char *origin = NULL;
  g_autofree char *path = NULL;
  DavPlace *best = NULL;
  gsize best_length = 0;

  if (!split_url (url, &origin, &path))
    return NULL;

  for (guint i = 0; i < self->places->len; i++)
    {
      DavPlace *place = g_ptr_array_index (self->places, i);
      g_autofree char *place_origin = NULL;
      g_autofree char *place_path = NULL;

      if (dav_place_get_kind (place) != kind ||
          !split_url (dav_place_get_url (place), &place_origin, &place_path) ||
          !g_str_equal (origin, place_origin))
        continue;
      if (!containing && g_str_equal (path, place_path))
        return place;
      if (containing && g_str_has_prefix (path, place_path) &&
          (best == NULL || strlen (place_path) > best_length))
        {
          best = place;
          best_length = strlen (place_path);
        }
    }

  return best;
}

DavPlace *
dav_place_list_find_url (DavPlaceList *self,
                         DavPlaceKind  kind,
                         const char   *url)
{
  g_return_val_if_fail (DAV_IS_PLACE_LIST (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return find_place (self, kind, url, FALSE);
}

DavPlace *
dav_place_list_find_server_for (DavPlaceList *self,
                                const char   *url)
{
  g_return_val_if_fail (DAV_IS_PLACE_LIST (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return find_place (self, DAV_PLACE_SERVER, url, TRUE);
}

gboolean
dav_place_list_move (DavPlaceList *self,
                     const char   *id,
                     int           delta)
{
  DavPlace *place;
  guint position;
  int other;

  g_return_val_if_fail (DAV_IS_PLACE_LIST (self), FALSE);
  g_return_val_if_fail (delta == -1 || delta == 1, FALSE);

  place = dav_place_list_lookup (self, id, &position);
  if (place == NULL)
    return FALSE;

  /* The neighbour of the same kind: the sidebar shows each kind apart. */
  for (other = (int) position + delta; other >= 0 && other < (int) self->places->len; other += delta)
    if (dav_place_get_kind (g_ptr_array_index (self->places, other)) == dav_place_get_kind (place))
      break;
  if (other < 0 || other >= (int) self->places->len)
    return FALSE;

  g_object_ref (place);
  g_ptr_array_remove_index (self->places, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_ptr_array_insert (self->places, other, place);
  g_list_model_items_changed (G_LIST_MODEL (self), other, 0, 1);

  return TRUE;
}

void
dav_place_list_changed (DavPlaceList *self,
                        const char   *id)
{
  guint position;

  g_return_if_fail (DAV_IS_PLACE_LIST (self));

  if (dav_place_list_lookup (self, id, &position) != NULL)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}
