/* davscope-search-hit.c: one row of a search's results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "davscope-search-hit.h"

#include <glib/gi18n.h>
#include <string.h>

#include "davscope-ui-util.h"

struct _DavscopeSearchHit
{
  GObject      parent_instance;

  DavResource *resource;     /* a match; NULL for a failure */
  char        *url;
  char        *folder_url;
  char        *name;
  char        *path;
  char        *status;
  char        *reason;
  guint64      exchange_id;
  gboolean     folder;
};

G_DEFINE_FINAL_TYPE (DavscopeSearchHit, davscope_search_hit, G_TYPE_OBJECT)

static void
davscope_search_hit_finalize (GObject *object)
{
  DavscopeSearchHit *self = DAVSCOPE_SEARCH_HIT (object);

  g_clear_object (&self->resource);
  g_free (self->url);
  g_free (self->folder_url);
  g_free (self->name);
  g_free (self->path);
  g_free (self->status);
  g_free (self->reason);

  G_OBJECT_CLASS (davscope_search_hit_parent_class)->finalize (object);
}

static void
davscope_search_hit_class_init (DavscopeSearchHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = davscope_search_hit_finalize;
}

static void
davscope_search_hit_init (DavscopeSearchHit *self)
{
}

/* Where @href lies below @base_url, for people; and its folder's URL. */
static void
place (DavscopeSearchHit *self,
       const char        *base_url,
       const DavHref     *href)
{
  g_autoptr(DavHref) base = dav_href_resolve (base_url, base_url);
  const char *shown = href->display_path;
  g_autofree char *segment = NULL;

  if (base->display_path != NULL && g_str_has_prefix (shown, base->display_path))
    shown += strlen (base->display_path);
  self->path = g_strdup (*shown != '\0' ? shown : "/");
  self->name = g_strdup (href->name);
  self->url = g_strdup (href->uri);
  dav_href_split_last (href->uri, &self->folder_url, &segment);
}

DavscopeSearchHit *
davscope_search_hit_new_match (const char        *base_url,
                               const DavResponse *response,
                               const DavHref     *href)
{
  DavscopeSearchHit *self = g_object_new (DAVSCOPE_TYPE_SEARCH_HIT, NULL);

  self->resource = dav_resource_new (href);
  dav_resource_update (self->resource, response, href);
  self->folder = dav_resource_is_collection (self->resource);
  place (self, base_url, href);

  return self;
}

DavscopeSearchHit *
davscope_search_hit_new_failure (const char           *base_url,
                                 const DavWalkFailure *failure)
{
  DavscopeSearchHit *self = g_object_new (DAVSCOPE_TYPE_SEARCH_HIT, NULL);
  g_autoptr(DavHref) href = dav_href_resolve (base_url, failure->url);
  DavStatusInfo info;

  self->folder = TRUE;
  self->exchange_id = failure->exchange_id;
  place (self, base_url, href);
  if (href->relation == DAV_HREF_SELF)
    {
      /* The folder searched itself: its own name, not "/". */
      g_free (self->name);
      self->name = g_strdup (href->display_path);
    }

  if (failure->status != 0)
    self->status = davscope_status_phrase (failure->status, failure->reason, FALSE);
  else
    self->status = g_strdup (_("No answer"));

  if (failure->error != NULL)
    self->reason = g_strdup (failure->error);
  else
    {
      dav_status_lookup_for_method (failure->status, "PROPFIND", &info);
      self->reason = g_strdup (info.explanation ? info.explanation : _("The server did not list this folder."));
    }

  return self;
}

gboolean
davscope_search_hit_is_failure (DavscopeSearchHit *self)
{
  return self->resource == NULL;
}

gboolean
davscope_search_hit_is_folder (DavscopeSearchHit *self)
{
  return self->folder;
}

const char *
davscope_search_hit_get_url (DavscopeSearchHit *self)
{
  return self->url;
}

const char *
davscope_search_hit_get_folder_url (DavscopeSearchHit *self)
{
  return self->folder_url;
}

const char *
davscope_search_hit_get_name (DavscopeSearchHit *self)
{
  return self->name;
}

const char *
davscope_search_hit_get_path (DavscopeSearchHit *self)
{
  return self->path;
}

gint64
davscope_search_hit_get_size (DavscopeSearchHit *self)
{
  return self->resource && !self->folder ? dav_resource_get_size (self->resource) : -1;
}

GDateTime *
davscope_search_hit_dup_modified (DavscopeSearchHit *self)
{
  return self->resource ? dav_resource_dup_modified (self->resource) : NULL;
}

const char *
davscope_search_hit_get_status (DavscopeSearchHit *self)
{
  return self->status;
}

const char *
davscope_search_hit_get_reason (DavscopeSearchHit *self)
{
  return self->reason;
}

guint64
davscope_search_hit_get_exchange_id (DavscopeSearchHit *self)
{
  return self->exchange_id;
}
