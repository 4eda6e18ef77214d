/* dav-result.h: what the server answered to one request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An HTTP answer is a result, whatever its status: a 423 or a 207 full of
 * failures is what the user needs to see, not an error. GErrors are kept
 * for what stopped the request itself (connection, TLS, cancellation,
 * a redirect we refused to follow).
 */

#pragma once

#include <libsoup/soup.h>

#include "dav-multistatus.h"

G_BEGIN_DECLS

#define DAV_TYPE_RESULT (dav_result_get_type ())

typedef struct {
  /*< private >*/
  gatomicrefcount     ref_count;
  /*< public, read-only >*/
  char               *method;
  char               *url;          /* where the request went, after same-origin redirects */
  guint               status;       /* HTTP status */
  char               *reason;
  char               *content_type; /* without parameters, lower case; NULL if none */
  SoupMessageHeaders *headers;      /* response headers */
  DavMultistatus     *body;         /* a parsed XML body (multistatus or DAV:error), or NULL */
  GBytes             *raw_body;     /* any other body, first 64 KiB, or NULL */
  char               *location;     /* Location of a redirect that was not followed */
  char               *lock_token;   /* Lock-Token of a LOCK, without the angle brackets */
  guint64             exchange_id;  /* its record in the client's exchange log */
  gboolean            complete;     /* the body was read whole and understood */
  SoupHTTPVersion     http_version; /* of the answer: HTTP/2 lets a batch keep many in flight */
  char               *proxy_login;  /* a 407's: "host:port\nscheme\nrealm" of the proxy that asked, or NULL */
} DavResult;

GType       dav_result_get_type    (void) G_GNUC_CONST;
DavResult  *dav_result_new         (const char *method,
                                    const char *url);
DavResult  *dav_result_ref         (DavResult  *self);
void        dav_result_unref       (DavResult  *self);
/* A 2xx that is not a 207, or a 207 in which every item and property
 * succeeded. */
gboolean    dav_result_is_success  (const DavResult *self);
/* The answer was read whole and understood as an answer: unlike
 * @complete, which for a PROPFIND or PROPPATCH also says it was the 207 a
 * listing needs (docs/hostile-servers.md case 32), a plain 404 page is
 * whole. */
gboolean    dav_result_is_whole    (const DavResult *self);
/* The response of a 207 about @url itself (its href resolves to it), or
 * NULL. */
DavResponse *dav_result_dup_own_response (const DavResult *self,
                                          const char      *url);
/* A multistatus body was sent, whatever the status (Apache sends one
 * with a 424, some servers with a 200). */
gboolean    dav_result_has_multistatus (const DavResult *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavResult, dav_result_unref)

G_END_DECLS
