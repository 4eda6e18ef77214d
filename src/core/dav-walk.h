/* dav-walk.h: listing a whole tree, on any server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Servers differ on Depth: infinity (RFC 4918 §9.1): Apache honours it,
 * most others refuse it with 403 and DAV:propfind-finite-depth, and some
 * answer it as if Depth 1 had been asked. A walk asks for infinity once
 * where that is wanted, and otherwise (or when the answer falls short)
 * lists a folder at a time, several PROPFINDs in flight, each resource
 * handed over once. A folder that could not be listed completely is kept
 * with why, so that nobody takes a partial tree for the whole.
 */

#pragma once

#include "dav-client.h"
#include "dav-href.h"

G_BEGIN_DECLS

typedef enum {
  DAV_WALK_INFINITY,          /* one PROPFIND Depth: infinity gave the tree */
  DAV_WALK_LEVELS,            /* one Depth 1 PROPFIND per folder (infinity not tried) */
  DAV_WALK_INFINITY_REFUSED,  /* infinity was refused or failed; then per folder */
  DAV_WALK_INFINITY_IGNORED,  /* infinity was answered as Depth 1; then per folder */
} DavWalkMode;

/* A folder whose listing failed or came back partial. */
typedef struct {
  char    *url;
  guint    status;       /* 0: no answer (see @error) */
  char    *reason;
  char    *error;        /* transport error, or what was wrong with the answer */
  guint64  exchange_id;
} DavWalkFailure;

#define DAV_TYPE_WALK (dav_walk_get_type ())

G_DECLARE_FINAL_TYPE (DavWalk, dav_walk, DAV, WALK, GObject)

/* Signals, for those who show a walk as it goes:
 * ::failed (const DavWalkFailure *) as soon as a folder could not be
 * listed (the same item later in dav_walk_get_failures ()), and
 * ::progress after each listing ended (the counts below changed). */

/* Called for each href of each response, as it is read. When the
 * response lies in the folder whose listing it came in, @href is resolved
 * against the root of the walk (SELF for the root, then MEMBER and
 * DESCENDANT); otherwise against that folder, with its problem. @href_text
 * and @href are NULL for a response that names no resource. */
typedef void (*DavWalkFunc) (DavWalk           *walk,
                             const DavResponse *response,
                             const char        *href_text,
                             const DavHref     *href,
                             gpointer           user_data);

/* @names as for dav_propfind_new (); {DAV:}resourcetype is asked
 * for too, to find the folders. */
DavWalk      *dav_walk_new             (DavClient           *client,
                                        const char          *url,
                                        DavPropfindKind      kind,
                                        const char * const  *names);
/* Whether to ask for Depth: infinity first (the default: TRUE). */
void          dav_walk_set_try_infinity (DavWalk            *self,
                                         gboolean            try_infinity);
/* PROPFINDs in flight at once while walking (default 4); once an answer
 * shows HTTP/2, as many as there are folders known (up to 1000). */
void          dav_walk_set_concurrency (DavWalk             *self,
                                        guint                concurrency);
void          dav_walk_run_async       (DavWalk             *self,
                                        DavWalkFunc          func,
                                        gpointer             func_data,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* FALSE with @error only when the root itself could not be listed at all
 * (the result of that listing is then dav_walk_get_root_result ()). */
gboolean      dav_walk_run_finish      (DavWalk             *self,
                                        GAsyncResult        *result,
                                        GError             **error);

DavWalkMode   dav_walk_get_mode        (DavWalk             *self);
/* Every folder listed, and completely. */
gboolean      dav_walk_get_complete    (DavWalk             *self);
/* DavWalkFailure*, in the order they happened. */
GPtrArray    *dav_walk_get_failures    (DavWalk             *self);
/* The answer to the Depth: infinity request, or NULL if none was made
 * or none came: its status and DAV:error say why it was refused. */
DavResult    *dav_walk_get_infinity_result (DavWalk         *self);
/* The answer for the root when it could not be listed (not a 207). */
DavResult    *dav_walk_get_root_result (DavWalk             *self);
/* The certificate the root's listing refused (the walk failed with a
 * G_TLS_ERROR), and why; NULL if none. */
GTlsCertificate *dav_walk_get_rejected_certificate
                                       (DavWalk              *self,
                                        GTlsCertificateFlags *errors);
guint         dav_walk_get_n_requests  (DavWalk             *self);
guint         dav_walk_get_n_folders   (DavWalk             *self);
/* PROPFINDs sent and not answered yet. */
guint         dav_walk_get_n_in_flight (DavWalk             *self);
guint         dav_walk_get_peak_in_flight (DavWalk          *self);
const char   *dav_walk_mode_to_string  (DavWalkMode          mode);

G_END_DECLS
