/* dav-resource.c: one remote resource as the browser shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-resource.h"

#include <libsoup/soup.h>
#include <string.h>

#include "dav-packed-response.h"

struct _DavResource
{
  GObject          parent_instance;

  char            *url;
  char            *path;
  char            *name;
  char            *name_key;      /* collation key of name, made when first sorted */
  char            *index_key;     /* the folder's key when it is not url, or NULL */
  /* These three point into what it keeps of its response: no copies. */
  const char      *display_name;
  GDateTime       *modified;
  const char      *etag;
  const char      *content_type;
  char            *problem;
  /* What the server last said about it: packed when plain (nearly every
   * row), else the DavResponse itself (dav-packed-response.h). */
  DavPackedResponse *packed;
  DavResponse     *response;
  gint64           size;
  guint            status;
  DavHrefRelation  relation;
  guint            revision;
  /* 100,000 rows: the flags in one word, not two. */
  guint            collection : 1;
  guint            locked : 1;
};

G_DEFINE_FINAL_TYPE (DavResource, dav_resource, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  PROP_COLLECTION,
  PROP_SIZE,
  PROP_MODIFIED,
  PROP_STATUS,
  PROP_FLAGGED,
  PROP_LOCKED,
  PROP_RESPONSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
text_value (const DavResponse *response,
            const char        *name)
{
  const DavProperty *property = dav_response_find_property (response, "DAV:", name);

  if (property == NULL || property->is_xml || property->status < 200 || property->status >= 300)
    return NULL;

  return property->value;
}


static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
dav_resource_update (DavResource       *self,
                     const DavResponse *response,
                     const DavHref     *href)
{
  const DavProperty *lock;
  const char *text;
  gboolean collection, locked;
  gint64 size = -1;
  guint64 parsed;
  guint status;
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(DavPackedResponse) packed = NULL;
  const char *display_name;
  gboolean notify_display_name;

  g_return_if_fail (DAV_IS_RESOURCE (self));
  g_return_if_fail (response != NULL);

  g_object_freeze_notify (G_OBJECT (self));

  collection = dav_response_is_collection (response, href != NULL && href->collection);
  if (collection != self->collection)
    {
      self->collection = collection;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLECTION]);
    }

  /* Hostile sizes ("-1", "1e309", 20 digits) are unknown
   * (docs/hostile-servers.md case 27). */
  text = text_value (response, "getcontentlength");
  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &parsed, NULL))
    size = (gint64) parsed;
  if (size != self->size)
    {
      self->size = size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
    }

  text = text_value (response, "getlastmodified");
  modified = text ? soup_date_time_new_from_http_string (text) : NULL;
  if ((modified == NULL) != (self->modified == NULL) ||
      (modified != NULL && !g_date_time_equal (modified, self->modified)))
    {
      g_clear_pointer (&self->modified, g_date_time_unref);
      self->modified = modified ? g_date_time_ref (modified) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }

  lock = dav_response_find_property (response, "DAV:", "lockdiscovery");
  locked = lock != NULL && lock->status >= 200 && lock->status < 300 &&
           lock->value != NULL && strstr (lock->value, "activelock") != NULL;
  if (locked != self->locked)
    {
      self->locked = locked;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
    }

  status = dav_response_get_listing_status (response);
  if (status != self->status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }

  if (href != NULL)
    {
      self->relation = href->relation;
      problem = g_strdup (href->problem);
    }
  for (guint i = 0; problem == NULL && i < response->problems->len; i++)
    {
      const DavProblem *p = g_ptr_array_index (response->problems, i);

      if (dav_problem_kind_is_fatal (p->kind))
        problem = g_strdup (p->message);
    }
  if (set_string (&self->problem, problem))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLAGGED]);

  /* The new response is kept before the old one goes: the display name
   * is compared with the old one, which points into it. */
  packed = dav_packed_response_new (response);
  if (packed != NULL)
    display_name = dav_packed_response_peek_text (packed, "DAV:", "displayname");
  else
    display_name = text_value (response, "displayname");
  notify_display_name = g_strcmp0 (display_name, self->display_name) != 0;

  g_clear_pointer (&self->packed, dav_packed_response_free);
  g_clear_pointer (&self->response, dav_response_unref);
  self->packed = g_steal_pointer (&packed);
  if (self->packed != NULL)
    {
      self->etag = dav_packed_response_peek_text (self->packed, "DAV:", "getetag");
      self->content_type = dav_packed_response_peek_text (self->packed, "DAV:", "getcontenttype");
    }
  else
    {
      self->response = dav_response_ref ((DavResponse *) response);
      self->etag = text_value (response, "getetag");
      self->content_type = text_value (response, "getcontenttype");
    }
  self->display_name = display_name;
  if (notify_display_name)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
  self->revision++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESPONSE]);

  g_object_thaw_notify (G_OBJECT (self));
}

#define GETTER(type, field, fn) \
  type dav_resource_##fn (DavResource *self) \
  { \
    g_return_val_if_fail (DAV_IS_RESOURCE (self), (type) 0); \
    return self->field; \
  }

GETTER (const char *, url, get_url)
GETTER (const char *, path, get_path)
GETTER (const char *, name, get_name)
GETTER (const char *, display_name, get_display_name)
GETTER (gboolean, collection, is_collection)
GETTER (gint64, size, get_size)
GETTER (GDateTime *, modified, get_modified)
GETTER (const char *, etag, get_etag)
GETTER (const char *, content_type, get_content_type)
GETTER (gboolean, locked, is_locked)
GETTER (guint, status, get_status)
GETTER (DavHrefRelation, relation, get_relation)
GETTER (const char *, problem, get_problem)
GETTER (guint, revision, get_revision)

DavResponse *
dav_resource_dup_response (DavResource *self)
{
  g_return_val_if_fail (DAV_IS_RESOURCE (self), NULL);

  if (self->packed != NULL)
    return dav_packed_response_unpack (self->packed);
  return self->response ? dav_response_ref (self->response) : NULL;
}

const char *
dav_resource_keep_index_key (DavResource *self,
                             char        *key)
{
  const char *kept;

  g_return_val_if_fail (DAV_IS_RESOURCE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  kept = self->index_key ? self->index_key : self->url;
  if (kept != NULL && strcmp (kept, key) == 0)
    {
      g_free (key);
      return kept;
    }

  g_free (self->index_key);
  self->index_key = key;
  return key;
}

/* A sorted view compares each name ~2 log n times: the key is made once. */
const char *
dav_resource_get_name_key (DavResource *self)
{
  g_return_val_if_fail (DAV_IS_RESOURCE (self), NULL);

  if (self->name_key == NULL)
    self->name_key = g_utf8_collate_key_for_filename (self->name, -1);
  return self->name_key;
}

gboolean
dav_resource_is_flagged (DavResource *self)
{
  g_return_val_if_fail (DAV_IS_RESOURCE (self), TRUE);

  return self->problem != NULL ||
         (self->relation != DAV_HREF_MEMBER && self->relation != DAV_HREF_SELF);
}

static void
dav_resource_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DavResource *self = DAV_RESOURCE (object);

  switch (prop_id)
    {
    case PROP_URL:          g_value_set_string (value, self->url); break;
    case PROP_NAME:         g_value_set_string (value, self->name); break;
    case PROP_DISPLAY_NAME: g_value_set_string (value, self->display_name); break;
    case PROP_COLLECTION:   g_value_set_boolean (value, self->collection); break;
    case PROP_SIZE:         g_value_set_int64 (value, self->size); break;
    case PROP_MODIFIED:     g_value_set_boxed (value, self->modified); break;
    case PROP_STATUS:       g_value_set_uint (value, self->status); break;
    case PROP_FLAGGED:      g_value_set_boolean (value, dav_resource_is_flagged (self)); break;
    case PROP_LOCKED:       g_value_set_boolean (value, self->locked); break;
    case PROP_RESPONSE:     g_value_take_boxed (value, dav_resource_dup_response (self)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dav_resource_finalize (GObject *object)
{
  DavResource *self = DAV_RESOURCE (object);

  g_free (self->url);
  g_free (self->path);
  g_free (self->name);
  g_free (self->name_key);
  g_free (self->index_key);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_free (self->problem);
  g_clear_pointer (&self->packed, dav_packed_response_free);
  g_clear_pointer (&self->response, dav_response_unref);

  G_OBJECT_CLASS (dav_resource_parent_class)->finalize (object);
}

static void
dav_resource_class_init (DavResourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = dav_resource_get_property;
  object_class->finalize = dav_resource_finalize;

  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_COLLECTION] = g_param_spec_boolean ("collection", NULL, NULL, FALSE, flags);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_MODIFIED] = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_STATUS] = g_param_spec_uint ("status", NULL, NULL, 0, 999, 0, flags);
  properties[PROP_FLAGGED] = g_param_spec_boolean ("flagged", NULL, NULL, FALSE, flags);
  properties[PROP_LOCKED] = g_param_spec_boolean ("locked", NULL, NULL, FALSE, flags);
  properties[PROP_RESPONSE] = g_param_spec_boxed ("response", NULL, NULL, DAV_TYPE_RESPONSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dav_resource_init (DavResource *self)
{
  self->size = -1;
}

DavResource *
dav_resource_new (const DavHref *href)
{
  DavResource *self;

  g_return_val_if_fail (href != NULL, NULL);

  self = g_object_new (DAV_TYPE_RESOURCE, NULL);
  self->url = g_strdup (href->uri);
  self->path = g_strdup (href->display_path);
  self->name = g_strdup (href->name);
  self->collection = href->collection != FALSE;
  self->relation = href->relation;
  self->problem = g_strdup (href->problem);

  return self;
}
