/* dav-propfind.c: what a PROPFIND asks for, and its responses as they come
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signals:
 *   response (DavPropfind *, DavResponse *response)
 *     One response of a streamed listing, as soon as it was parsed. The
 *     response is only lent: a handler that keeps it takes a reference.
 */

#include "dav-propfind-private.h"

struct _DavPropfind
{
  GObject          parent_instance;

  DavDepth         depth;
  DavPropfindKind  kind;
  GStrv            names;
  DavPropfindFlags flags;
  /* Atomic: with DAV_PROPFIND_FLAGS_PARSE_THREAD the parsing thread
   * emits while the pipeline asks for frames on its own. */
  guint            n_emitted;
  guint            n_framed;    /* n_emitted when a frame was last taken */
  gint             held;        /* atomic: dav_propfind_set_held */
};

G_DEFINE_FINAL_TYPE (DavPropfind, dav_propfind, G_TYPE_OBJECT)

enum {
  RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

DavDepth
dav_propfind_get_depth (DavPropfind *self)
{
  g_return_val_if_fail (DAV_IS_PROPFIND (self), DAV_DEPTH_0);

  return self->depth;
}

DavPropfindKind
dav_propfind_get_kind (DavPropfind *self)
{
  g_return_val_if_fail (DAV_IS_PROPFIND (self), DAV_PROPFIND_PROP);

  return self->kind;
}

const char * const *
dav_propfind_get_names (DavPropfind *self)
{
  g_return_val_if_fail (DAV_IS_PROPFIND (self), NULL);

  return (const char * const *) self->names;
}

DavPropfindFlags
dav_propfind_get_flags (DavPropfind *self)
{
  g_return_val_if_fail (DAV_IS_PROPFIND (self), DAV_PROPFIND_FLAGS_NONE);

  return self->flags;
}

void
dav_propfind_set_flags (DavPropfind      *self,
                        DavPropfindFlags  flags)
{
  g_return_if_fail (DAV_IS_PROPFIND (self));

  self->flags = flags;
}

void
dav_propfind_emit_response (DavPropfind *self,
                            DavResponse *response)
{
  g_atomic_int_inc (&self->n_emitted);
  g_signal_emit (self, signals[RESPONSE], 0, response);
}

gboolean
dav_propfind_take_frame (DavPropfind *self)
{
  guint n_emitted;

  g_return_val_if_fail (DAV_IS_PROPFIND (self), FALSE);

  n_emitted = g_atomic_int_get (&self->n_emitted);
  /* The responses out at least double from one frame to the next: over
   * HTTP/2 (Apache's first TLS records are ~1,300 bytes) a piece brings
   * ~5, and a frame each made a screenful wait ~12 frames. */
  if ((self->flags & DAV_PROPFIND_FLAGS_FIRST_FRAMES) == 0 || n_emitted == 0 ||
      n_emitted < 2 * self->n_framed || self->n_framed >= DAV_PROPFIND_FIRST_FRAMES_ROWS)
    return FALSE;

  self->n_framed = n_emitted;
  return TRUE;
}

gboolean
dav_propfind_first_frames_done (DavPropfind *self)
{
  g_return_val_if_fail (DAV_IS_PROPFIND (self), TRUE);

  return (self->flags & DAV_PROPFIND_FLAGS_FIRST_FRAMES) == 0 ||
         self->n_framed >= DAV_PROPFIND_FIRST_FRAMES_ROWS;
}

void
dav_propfind_set_held (DavPropfind *self,
                       gboolean     held)
{
  g_return_if_fail (DAV_IS_PROPFIND (self));

  g_atomic_int_set (&self->held, held != FALSE);
}

gboolean
dav_propfind_get_held (DavPropfind *self)
{
  g_return_val_if_fail (DAV_IS_PROPFIND (self), FALSE);

  return g_atomic_int_get (&self->held) != 0;
}

static void
dav_propfind_finalize (GObject *object)
{
  DavPropfind *self = DAV_PROPFIND (object);

  g_strfreev (self->names);

  G_OBJECT_CLASS (dav_propfind_parent_class)->finalize (object);
}

static void
dav_propfind_class_init (DavPropfindClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dav_propfind_finalize;

  /* Static scope: 100,000 emissions copy nothing. */
  signals[RESPONSE] =
    g_signal_new ("response",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DAV_TYPE_RESPONSE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
dav_propfind_init (DavPropfind *self)
{
}

DavPropfind *
dav_propfind_new (DavDepth            depth,
                  DavPropfindKind     kind,
                  const char * const *names)
{
  DavPropfind *self = g_object_new (DAV_TYPE_PROPFIND, NULL);

  self->depth = depth;
  self->kind = kind;
  self->names = g_strdupv ((char **) names);

  return self;
}

const char * const *
dav_propfind_listing_properties (void)
{
  static const char * const names[] = {
    "{DAV:}resourcetype",
    "{DAV:}getcontentlength",
    "{DAV:}getlastmodified",
    "{DAV:}getcontenttype",
    "{DAV:}getetag",
    "{DAV:}displayname",
    "{DAV:}lockdiscovery",
    NULL
  };

  return names;
}
