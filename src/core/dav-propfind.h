/* dav-propfind.h: what a PROPFIND asks for, and its responses as they come
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DavPropfind describes one listing: the depth, which properties, and
 * whether its responses are handed on as they are parsed. Run it with
 * dav_client_propfind_async (). Streamed, each response is emitted as
 * ::response the moment its </response> is read and is not kept in the
 * result, so memory stays flat in the size of the listing (a folder of
 * 100,000 entries); not streamed, the result's body holds them all.
 */

#pragma once

#include <glib-object.h>

#include "dav-response.h"

G_BEGIN_DECLS

typedef enum {
  DAV_DEPTH_0,
  DAV_DEPTH_1,
  DAV_DEPTH_INFINITY,
} DavDepth;

typedef enum {
  DAV_PROPFIND_ALLPROP,   /* with optional <include> names */
  DAV_PROPFIND_PROPNAME,
  DAV_PROPFIND_PROP,      /* the named properties */
} DavPropfindKind;

typedef enum {
  DAV_PROPFIND_FLAGS_NONE   = 0,
  /* Emit ::response per response instead of keeping them in the result. */
  DAV_PROPFIND_FLAGS_STREAM = 1 << 0,
  /* With STREAM: parse on a thread of the parser's own, while the next
   * chunks are read; ::response is then emitted on that thread, so its
   * handlers must not touch objects of the main loop (the CLI's do not;
   * the store's hand what they made to the main loop). With FIRST_FRAMES
   * the thread starts once the first frames are taken: until then the
   * responses come on the caller's thread, as without it. */
  DAV_PROPFIND_FLAGS_PARSE_THREAD = 1 << 1,
  /* Streamed to a window: after the first piece of the body that brought
   * responses, and then each time as many more are out, until
   * DAV_PROPFIND_FIRST_FRAMES_ROWS of them are (a screenful), reading
   * waits a frame's time at a priority below GTK's
   * redraw, so that a frame draws them before the rest of the body is
   * parsed and merged (issue 16). Never for a consumer without a window. */
  DAV_PROPFIND_FLAGS_FIRST_FRAMES = 1 << 2,
} DavPropfindFlags;

#define DAV_PROPFIND_FIRST_FRAMES_ROWS 64

#define DAV_TYPE_PROPFIND (dav_propfind_get_type ())

G_DECLARE_FINAL_TYPE (DavPropfind, dav_propfind, DAV, PROPFIND, GObject)

/* @names: "{ns}name" strings for DAV_PROPFIND_PROP (or <include> with
 * ALLPROP), NULL-terminated, may be NULL; copied. Returns a new object,
 * not streamed (DAV_PROPFIND_FLAGS_NONE). */
DavPropfind        *dav_propfind_new       (DavDepth            depth,
                                            DavPropfindKind     kind,
                                            const char * const *names);
DavDepth            dav_propfind_get_depth (DavPropfind        *self);
DavPropfindKind     dav_propfind_get_kind  (DavPropfind        *self);
/* The names given to dav_propfind_new (), owned by @self; NULL if none. */
const char * const *dav_propfind_get_names (DavPropfind        *self);
DavPropfindFlags    dav_propfind_get_flags (DavPropfind        *self);
/* Read when the answer's body starts: set them before
 * dav_client_propfind_async (). */
void                dav_propfind_set_flags (DavPropfind        *self,
                                            DavPropfindFlags    flags);

/* Back-pressure from a ::response handler that hands the responses on to
 * another thread (the store's, to the main loop): while held, the pipeline
 * reads no more of the body (what it read is still parsed), so a slow
 * consumer holds the reading back and memory stays flat. Any thread. */
void                dav_propfind_set_held  (DavPropfind        *self,
                                            gboolean            held);
gboolean            dav_propfind_get_held  (DavPropfind        *self);

/* What a listing asks for unless told otherwise (the window's default
 * `listing-properties`, and `davscope-cli ls`): what a row shows, and
 * the locks. NULL-terminated, static. */
const char * const *dav_propfind_listing_properties (void);

G_END_DECLS
