/* dav-place.c: a saved server or a bookmarked folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain record; DavPlaceList keeps the places in order, saves them and
 * says when one changed.
 */

#include "dav-place.h"

#include <string.h>

struct _DavPlace
{
  GObject       parent_instance;

  DavPlaceKind  kind;
  char         *id;
  char         *name;
  char         *url;
  char         *user;
  guint         connections;
  GStrv         properties;
  GStrv         header_names;
  char         *proxy;
  char         *client_certificate;
};

G_DEFINE_FINAL_TYPE (DavPlace, dav_place, G_TYPE_OBJECT)

static void
dav_place_finalize (GObject *object)
{
  DavPlace *self = DAV_PLACE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->url);
  g_free (self->user);
  g_strfreev (self->properties);
  g_strfreev (self->header_names);
  g_free (self->proxy);
  g_free (self->client_certificate);

  G_OBJECT_CLASS (dav_place_parent_class)->finalize (object);
}

static void
dav_place_class_init (DavPlaceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dav_place_finalize;
}

static void
dav_place_init (DavPlace *self)
{
  self->header_names = g_new0 (char *, 1);
}

DavPlace *
dav_place_new (DavPlaceKind  kind,
               const char   *name,
               const char   *url)
{
  DavPlace *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (DAV_TYPE_PLACE, NULL);
  self->kind = kind;
  self->id = g_uuid_string_random ();
  self->name = g_strdup (name);
  self->url = g_strdup (url);

  return self;
}

DavPlaceKind
dav_place_get_kind (DavPlace *self)
{
  g_return_val_if_fail (DAV_IS_PLACE (self), DAV_PLACE_BOOKMARK);

  return self->kind;
}

const char *
dav_place_get_id (DavPlace *self)
{
  g_return_val_if_fail (DAV_IS_PLACE (self), NULL);

  return self->id;
}

void
dav_place_set_id (DavPlace   *self,
                  const char *id)
{
  g_return_if_fail (DAV_IS_PLACE (self));
  g_return_if_fail (id != NULL && *id != '\0');

  g_free (self->id);
  self->id = g_strdup (id);
}

const char *
dav_place_get_name (DavPlace *self)
{
  g_return_val_if_fail (DAV_IS_PLACE (self), NULL);

  return self->name;
}

void
dav_place_set_name (DavPlace   *self,
                    const char *name)
{
  g_return_if_fail (DAV_IS_PLACE (self));
  g_return_if_fail (name != NULL);

  g_free (self->name);
  self->name = g_strdup (name);
}

const char *
dav_place_get_url (DavPlace *self)
{
  g_return_val_if_fail (DAV_IS_PLACE (self), NULL);

  return self->url;
}

void
dav_place_set_url (DavPlace   *self,
                   const char *url)
{
  g_return_if_fail (DAV_IS_PLACE (self));
  g_return_if_fail (url != NULL);

  g_free (self->url);
  self->url = g_strdup (url);
}

const char *
dav_place_get_user (DavPlace *self)
{
  g_return_val_if_fail (DAV_IS_PLACE (self), NULL);

  return self->user;
}

void
dav_place_set_user (DavPlace   *self,
                    const char *user)
{
  g_return_if_fail (DAV_IS_PLACE (self));

  g_free (self->user);
  self->user = user != NULL && *user != '\0' ? g_strdup (user) : NULL;
}

guint
dav_place_get_connections (DavPlace *self)
{
  g_return_val_if_fail (DAV_IS_PLACE (self), 0);

  return self->connections;
}

void
dav_place_set_connections (DavPlace *self,
                           guint     connections)
{
  g_return_if_fail (DAV_IS_PLACE (self));

  self->connections = connections;
}

const char * const *
dav_place_get_properties (DavPlace *self)
{
  g_return_val_if_fail (DAV_IS_PLACE (self), NULL);

  return (const char * const *) self->properties;
}

void
dav_place_set_properties (DavPlace           *self,
                          const char * const *properties)
{
  g_return_if_fail (DAV_IS_PLACE (self));

  g_strfreev (self->properties);
  self->properties = properties != NULL && properties[0] != NULL ? g_strdupv ((GStrv) properties) : NULL;
}

const char * const *
dav_place_get_header_names (DavPlace *self)
{
  g_return_val_if_fail (DAV_IS_PLACE (self), NULL);

  return (const char * const *) self->header_names;
}

void
dav_place_set_header_names (DavPlace           *self,
                            const char * const *names)
{
  g_return_if_fail (DAV_IS_PLACE (self));

  g_strfreev (self->header_names);
  self->header_names = names != NULL ? g_strdupv ((GStrv) names) : g_new0 (char *, 1);
}

const char *
dav_place_get_proxy (DavPlace *self)
{
  g_return_val_if_fail (DAV_IS_PLACE (self), NULL);

  return self->proxy;
}

void
dav_place_set_proxy (DavPlace   *self,
                     const char *proxy)
{
  g_return_if_fail (DAV_IS_PLACE (self));

  g_free (self->proxy);
  self->proxy = proxy != NULL && *proxy != '\0' ? g_strdup (proxy) : NULL;
}

const char *
dav_place_get_client_certificate (DavPlace *self)
{
  g_return_val_if_fail (DAV_IS_PLACE (self), NULL);

  return self->client_certificate;
}

void
dav_place_set_client_certificate (DavPlace   *self,
                                  const char *source)
{
  g_return_if_fail (DAV_IS_PLACE (self));

  g_free (self->client_certificate);
  self->client_certificate = source != NULL && *source != '\0' ? g_strdup (source) : NULL;
}

char *
dav_place_name_for_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  g_autofree char *path = NULL;
  char *slash;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  path = g_strdup (g_uri_get_path (uri));
  while (*path != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';
  slash = strrchr (path, '/');
  if (slash != NULL && slash[1] != '\0')
    {
      g_autofree char *name = g_uri_unescape_string (slash + 1, "/");

      /* Not UTF-8 once unescaped: the escaped form is readable. */
      if (name != NULL && g_utf8_validate (name, -1, NULL))
        return g_steal_pointer (&name);
      return g_strdup (slash + 1);
    }

  return g_strdup (g_uri_get_host (uri));
}

char *
dav_place_http_url (const char  *text,
                    gboolean     dav_only,
                    char       **user)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GUri) http = NULL;
  g_autofree char *host = NULL;
  g_autofree char *lower = NULL;
  const char *scheme;
  gboolean has_user;

  g_return_val_if_fail (text != NULL, NULL);

  if (user != NULL)
    *user = NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "dav") == 0)
    scheme = "http";
  else if (g_ascii_strcasecmp (scheme, "davs") == 0)
    scheme = "https";
  else if (dav_only ||
           (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return NULL;

  has_user = g_uri_get_user (uri) != NULL && *g_uri_get_user (uri) != '\0';
  if (has_user && user == NULL)
    return NULL;
  if (has_user)
    *user = g_uri_unescape_string (g_uri_get_user (uri), NULL);

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  lower = g_ascii_strdown (scheme, -1);
  http = g_uri_build (G_URI_FLAGS_ENCODED, lower, NULL, host, g_uri_get_port (uri),
                      *g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/",
                      g_uri_get_query (uri), NULL);
  return g_uri_to_string (http);
}
