/* dav-resource.c: one remote resource as the browser shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-resource.h"

#include <libsoup/soup.h>
#include <string.h>

#include "dav-packed-response.h"

/* What few resources have: kept apart so that a row does not pay for it. */
typedef struct {
  char            *problem;
  char            *index_key;     /* the folder's key when it is not url */
} DavResourceRare;

/* 100,000 rows of a folder are 100,000 of these: every field counts
 * (96 bytes; docs/architecture.md, "The model stack"). */
struct _DavResource
{
  GObject          parent_instance;

  /* url, path and name in one block: path and name point into url's
   * own bytes when they are its tail, as they nearly always are. */
  char            *url;
  char            *name_key;      /* collation key of name, made when first sorted */
  gint64           modified;      /* Unix time, NO_DATE when unknown */
  /* What the server last said about it: packed when plain (nearly every
   * row), else the DavResponse itself (dav-packed-response.h). */
  union {
    DavPackedResponse *packed;
    DavResponse       *response;
  } kept;
  DavResourceRare *rare;          /* NULL for nearly every row */
  gint64           size;
  guint32          path_at;       /* offsets into url's block */
  guint32          name_at;
  /* Where the display name, ETag and content type are in the packed
   * block (dav_packed_response_find_texts), 0 for none. */
  guint16          display_name_at;
  guint16          etag_at;
  guint16          content_type_at;
  guint16          status;
  guint            revision;
  guint            relation : 8;
  guint            collection : 1;
  guint            locked : 1;
  guint            is_packed : 1;
  guint            has_response : 1;
  guint            name_key_shared : 1;   /* name_key is the name in url's block */
  guint            no_url : 1;    /* an href that names nothing (url's block starts with "") */
};

#define NO_DATE G_MININT64

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


static DavResourceRare *
rare (DavResource *self)
{
  if (self->rare == NULL)
    self->rare = g_new0 (DavResourceRare, 1);
  return self->rare;
}

static gboolean
set_problem (DavResource *self,
             const char  *value)
{
  const char *problem = self->rare ? self->rare->problem : NULL;

  if (g_strcmp0 (problem, value) == 0)
    return FALSE;

  if (value != NULL || self->rare != NULL)
    {
      g_free (rare (self)->problem);
      self->rare->problem = g_strdup (value);
    }
  return TRUE;
}

static void
clear_kept (DavResource *self)
{
  if (!self->has_response)
    return;
  if (self->is_packed)
    dav_packed_response_free (self->kept.packed);
  else
    dav_response_unref (self->kept.response);
  self->kept.packed = NULL;
  self->has_response = FALSE;
  self->is_packed = FALSE;
}

/* A text of the packed block by where find_texts said it is. */
static const char *
packed_text (DavResource *self,
             guint16      at,
             const char  *name)
{
  if (at == 0)
    return NULL;
  if (at == G_MAXUINT16)
    return dav_packed_response_peek_text (self->kept.packed, "DAV:", name);
  return dav_packed_response_text_at (self->kept.packed, at);
}

static const char *
kept_text (DavResource *self,
           guint16      at,
           const char  *name)
{
  if (!self->has_response)
    return NULL;
  if (self->is_packed)
    return packed_text (self, at, name);
  return text_value (self->kept.response, name);
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
  g_autoptr(GDateTime) date = NULL;
  gint64 modified;
  g_autofree char *problem = NULL;
  g_autoptr(DavPackedResponse) packed = NULL;
  const char *display_name;
  gboolean notify_display_name;
  /* Found in one pass over the block (as the getters name them). */
  static const char * const texts[] = { "displayname", "getetag", "getcontenttype" };
  guint16 at[G_N_ELEMENTS (texts)];

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
  date = text ? soup_date_time_new_from_http_string (text) : NULL;
  modified = date ? g_date_time_to_unix (date) : NO_DATE;
  if (modified != self->modified)
    {
      self->modified = modified;
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

  /* Statuses are three digits (dav-status-line.c): a guint16 holds them. */
  status = MIN (dav_response_get_listing_status (response), G_MAXUINT16);
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
  if (set_problem (self, problem))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLAGGED]);

  /* The new response is kept before the old one goes: the display name
   * is compared with the old one, which points into it. */
  packed = dav_packed_response_new_with_base (response, self->url);
  if (packed != NULL)
    {
      dav_packed_response_find_texts (packed, "DAV:", texts, G_N_ELEMENTS (texts), at);
      display_name = at[0] == G_MAXUINT16 ? dav_packed_response_peek_text (packed, "DAV:", texts[0])
                     : at[0] != 0 ? dav_packed_response_text_at (packed, at[0]) : NULL;
    }
  else
    display_name = text_value (response, "displayname");
  notify_display_name = g_strcmp0 (display_name, dav_resource_get_display_name (self)) != 0;

  clear_kept (self);
  self->has_response = TRUE;
  if (packed != NULL)
    {
      self->is_packed = TRUE;
      self->kept.packed = g_steal_pointer (&packed);
      self->display_name_at = at[0];
      self->etag_at = at[1];
      self->content_type_at = at[2];
    }
  else
    {
      self->kept.response = dav_response_ref ((DavResponse *) response);
      self->display_name_at = self->etag_at = self->content_type_at = 0;
    }
  if (notify_display_name)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
  self->revision++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESPONSE]);

  g_object_thaw_notify (G_OBJECT (self));
}

#define GETTER(type, value, fn) \
  type dav_resource_##fn (DavResource *self) \
  { \
    g_return_val_if_fail (DAV_IS_RESOURCE (self), (type) 0); \
    return value; \
  }

GETTER (const char *, self->no_url ? NULL : self->url, get_url)
GETTER (const char *, self->url ? self->url + self->path_at : NULL, get_path)
GETTER (const char *, self->url ? self->url + self->name_at : NULL, get_name)
GETTER (const char *, kept_text (self, self->display_name_at, "displayname"), get_display_name)
GETTER (gboolean, self->collection, is_collection)
GETTER (gint64, self->size, get_size)
GETTER (const char *, kept_text (self, self->etag_at, "getetag"), get_etag)
GETTER (const char *, kept_text (self, self->content_type_at, "getcontenttype"), get_content_type)
GETTER (gboolean, self->locked, is_locked)
GETTER (guint, self->status, get_status)
GETTER (DavHrefRelation, self->relation, get_relation)
GETTER (const char *, self->rare ? self->rare->problem : NULL, get_problem)
GETTER (guint, self->revision, get_revision)

gboolean
dav_resource_get_modified_unix (DavResource *self,
                                gint64      *unix_time)
{
  g_return_val_if_fail (DAV_IS_RESOURCE (self), FALSE);
  g_return_val_if_fail (unix_time != NULL, FALSE);

  *unix_time = self->modified;
  return self->modified != NO_DATE;
}

GDateTime *
dav_resource_dup_modified (DavResource *self)
{
  g_return_val_if_fail (DAV_IS_RESOURCE (self), NULL);

  return self->modified != NO_DATE ? g_date_time_new_from_unix_utc (self->modified) : NULL;
}

DavResponse *
dav_resource_dup_response (DavResource *self)
{
  g_return_val_if_fail (DAV_IS_RESOURCE (self), NULL);

  if (!self->has_response)
    return NULL;
  if (self->is_packed)
    return dav_packed_response_unpack_with_base (self->kept.packed, self->url);
  return dav_response_ref (self->kept.response);
}

const char *
dav_resource_keep_index_key (DavResource *self,
                             char        *key)
{
  const char *kept;

  g_return_val_if_fail (DAV_IS_RESOURCE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  kept = self->rare && self->rare->index_key ? self->rare->index_key : self->url;
  if (kept != NULL && strcmp (kept, key) == 0)
    {
      g_free (key);
      return kept;
    }

  g_free (rare (self)->index_key);
  self->rare->index_key = key;
  return key;
}

/* A sorted view compares each name ~2 log n times: the key is made once. */
const char *
dav_resource_get_name_key (DavResource *self)
{
  g_return_val_if_fail (DAV_IS_RESOURCE (self), NULL);

  if (self->name_key == NULL)
    {
      const char *name = dav_resource_get_name (self);
      /* The key comes in its GString's whole buffer, 128 bytes for a
       * short name: a row keeps an exact copy, or none at all when the
       * key is the name itself. */
      g_autofree char *key = g_utf8_collate_key_for_filename (name, -1);

      if (strcmp (key, name) == 0)
        {
          self->name_key = (char *) name;
          self->name_key_shared = TRUE;
        }
      else
        self->name_key = g_strdup (key);
    }
  return self->name_key;
}

gboolean
dav_resource_is_flagged (DavResource *self)
{
  g_return_val_if_fail (DAV_IS_RESOURCE (self), TRUE);

  return dav_resource_get_problem (self) != NULL ||
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
    case PROP_URL:          g_value_set_string (value, dav_resource_get_url (self)); break;
    case PROP_NAME:         g_value_set_string (value, dav_resource_get_name (self)); break;
    case PROP_DISPLAY_NAME: g_value_set_string (value, dav_resource_get_display_name (self)); break;
    case PROP_COLLECTION:   g_value_set_boolean (value, self->collection); break;
    case PROP_SIZE:         g_value_set_int64 (value, self->size); break;
    case PROP_MODIFIED:     g_value_take_boxed (value, dav_resource_dup_modified (self)); break;
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

  if (!self->name_key_shared)
    g_free (self->name_key);
  g_free (self->url);
  clear_kept (self);
  if (self->rare != NULL)
    {
      g_free (self->rare->problem);
      g_free (self->rare->index_key);
      g_free (self->rare);
    }

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
  self->modified = NO_DATE;
}

/* @s's offset in @block when it is a tail of @block's first @length
 * bytes, else -1. */
static gssize
tail_of (const char *block,
         gsize       length,
         const char *s,
         gsize       s_length)
{
  if (s_length <= length && memcmp (block + length - s_length, s, s_length) == 0)
    return length - s_length;
  return -1;
}

/* One block: the URL, then the path and the name where they are not
 * already its tail (a decoded path differs from the URL's; a folder's
 * name has no slash). 100,000 rows: two allocations fewer each. */
static void
keep_strings (DavResource *self,
              const char  *url,
              const char  *path,
              const char  *name)
{
  gsize url_length = strlen (url), path_length = strlen (path), name_length = strlen (name);
  gssize path_at = tail_of (url, url_length, path, path_length);
  gssize name_at = tail_of (url, url_length, name, name_length);
  gboolean copy_path = path_at < 0, copy_name = FALSE;
  gsize size = url_length + 1;
  char *block;

  if (copy_path)
    {
      path_at = size;
      size += path_length + 1;
      if (name_at < 0)
        {
          name_at = tail_of (path, path_length, name, name_length);
          if (name_at >= 0)
            name_at += path_at;
        }
    }
  if (name_at < 0)
    {
      copy_name = TRUE;
      name_at = size;
      size += name_length + 1;
    }
  g_return_if_fail (size <= G_MAXUINT32);

  block = g_malloc (size);
  memcpy (block, url, url_length + 1);
  if (copy_path)
    memcpy (block + path_at, path, path_length + 1);
  if (copy_name)
    memcpy (block + name_at, name, name_length + 1);
  self->url = block;
  self->path_at = path_at;
  self->name_at = name_at;
}

DavResource *
dav_resource_new (const DavHref *href)
{
  DavResource *self;

  g_return_val_if_fail (href != NULL, NULL);

  g_return_val_if_fail (href->display_path != NULL && href->name != NULL, NULL);

  self = g_object_new (DAV_TYPE_RESOURCE, NULL);
  /* An invalid href (a fragment, another origin) has no URL, but its
   * path and name are still shown, with its problem. */
  keep_strings (self, href->uri != NULL ? href->uri : "", href->display_path, href->name);
  self->no_url = href->uri == NULL;
  self->collection = href->collection != FALSE;
  self->relation = href->relation;
  set_problem (self, href->problem);

  return self;
}
