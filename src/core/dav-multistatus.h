/* dav-multistatus.h: a whole 207 Multi-Status body, as parsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same record holds a DAV:error body (the precondition codes a server
 * may send with a 403, 409 or 423): then there are no responses and the
 * conditions are in errors.
 */

#pragma once

#include "dav-response.h"

G_BEGIN_DECLS

#define DAV_TYPE_MULTISTATUS (dav_multistatus_get_type ())

typedef struct {
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public, read-only >*/
  GPtrArray *responses;     /* DavResponse*; empty when they were handed to a callback */
  guint      n_responses;   /* how many <response> elements were emitted */
  char      *description;   /* multistatus-level responsedescription, or NULL */
  char      *sync_token;    /* RFC 6578 sync-token, or NULL */
  GPtrArray *problems;      /* DavProblem*: problems of the body as a whole */
  GPtrArray *errors;        /* DavCondition*: of a DAV:error body (RFC 4918 §8.7) */
  gboolean   is_multistatus; /* the root was DAV:multistatus */
  gboolean   is_prop_body;   /* the root was DAV:prop (a LOCK answer): one
                              * response, no href, properties without status */
  gboolean   complete;      /* well formed, ended, no limit hit, every response understood */
  gboolean   well_formed;   /* the XML itself was well formed and ended */
} DavMultistatus;

GType           dav_multistatus_get_type (void) G_GNUC_CONST;
DavMultistatus *dav_multistatus_new      (void);
DavMultistatus *dav_multistatus_ref      (DavMultistatus *self);
void            dav_multistatus_unref    (DavMultistatus *self);
/* The response about @url itself: the first whose href, any of them,
 * resolves to @url (an absolute or path-only href, escaped or not, with
 * or without the trailing slash of a collection); a response about
 * another URL never stands in for it. NULL when there is none.
 *
 * Returns: (transfer none) (nullable) */
DavResponse    *dav_multistatus_find_response (const DavMultistatus *self,
                                               const char           *url);
/* TRUE when any response or property failed (4xx/5xx, or no usable status). */
gboolean        dav_multistatus_has_failures (const DavMultistatus *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavMultistatus, dav_multistatus_unref)

G_END_DECLS
