/* dav-client.h: the WebDAV client over libsoup 3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One DavClient per connected location (scheme, host, port and a base
 * collection). Every operation is async in GIO style and finishes with
 * dav_client_request_finish (): a DavResult for any HTTP answer, a GError
 * when there was none to give. Redirects are never left to libsoup
 * (docs/hostile-servers.md): safe methods follow them within the same
 * origin, anything else is reported. Mutating requests only go to the
 * connected origin, inside the base collection.
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "dav-exchange-log.h"
#include "dav-multistatus-parser.h"
#include "dav-prop-patch.h"
#include "dav-result.h"

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
  DAV_LOCK_EXCLUSIVE,
  DAV_LOCK_SHARED,
} DavLockScope;

typedef void (*DavProgressFunc) (goffset  done,
                                 goffset  total,   /* -1 when unknown */
                                 gpointer user_data);

#define DAV_TYPE_CLIENT (dav_client_get_type ())

G_DECLARE_FINAL_TYPE (DavClient, dav_client, DAV, CLIENT, GObject)

DavClient      *dav_client_new                 (const char    *base_url,
                                                GError       **error);
const char     *dav_client_get_base_url        (DavClient     *self);
/* Moves the base collection (the user browsed elsewhere on the same
 * server): what may be changed moves with it. */
gboolean        dav_client_set_base_url        (DavClient     *self,
                                                const char    *base_url,
                                                GError       **error);
DavExchangeLog *dav_client_get_exchange_log    (DavClient     *self);
void            dav_client_set_max_connections (DavClient     *self,
                                                guint          max_connections);
void            dav_client_set_timeout         (DavClient     *self,
                                                guint          seconds);
/* libsoup's timeout is per read, so a server sending one byte a minute
 * never trips it (docs/hostile-servers.md case 28). A request also fails
 * when it takes longer than @deadline_seconds in all (0: no limit;
 * transfers of files have none by default), or when fewer than
 * @min_bytes arrive in any @window_seconds while waiting for the answer. */
void            dav_client_set_speed_limits    (DavClient     *self,
                                                guint          deadline_seconds,
                                                guint          min_bytes,
                                                guint          window_seconds);
/* Limits for the XML bodies this client reads: size (counted after
 * decompression, docs/hostile-servers.md case 31), entries, depth,
 * values. The parser's defaults (dav_parser_limits_init_default) until
 * set. */
void            dav_client_set_parser_limits   (DavClient     *self,
                                                const DavParserLimits *limits);
/* --insecure: accept any certificate for this client. An explicit choice. */
void            dav_client_set_accept_invalid_certificates
                                               (DavClient     *self,
                                                gboolean       accept);
/* Accept exactly this certificate for the base host and port, even if
 * untrusted; a different one is rejected again
 * (docs/hostile-servers.md case 39). */
void            dav_client_pin_certificate     (DavClient     *self,
                                                GTlsCertificate *certificate);
/* The certificate the last TLS failure was about, and why; NULL if none. */
GTlsCertificate *dav_client_get_rejected_certificate
                                               (DavClient     *self,
                                                GTlsCertificateFlags *errors);
/* The absolute URL a listing was redirected to on another origin (not
 * followed: docs/hostile-servers.md case 34), for the user to open as a
 * new connection if they choose; NULL if none since the last call. Free
 * it. */
char            *dav_client_take_refused_redirect (DavClient  *self);
/* Lock tokens this client holds: sent in an If header (RFC 4918 §10.4)
 * with every request to the lock root or below it. */
void            dav_client_add_lock_token      (DavClient     *self,
                                                const char    *root_url,
                                                const char    *token);
void            dav_client_remove_lock_token   (DavClient     *self,
                                                const char    *token);
/* Whether this client took the lock @token (so it is ours to remove). */
gboolean        dav_client_holds_lock_token    (DavClient     *self,
                                                const char    *token);
/* An absolute URL for @path: an absolute URL on the connected origin, an
 * absolute path, or a path relative to the base collection. NULL, with
 * @error, for anything on another origin. */
char           *dav_client_resolve             (DavClient     *self,
                                                const char    *path,
                                                GError       **error);
/* Whether @url may be the target of a mutating request: on the connected
 * origin and inside the base collection (docs/hostile-servers.md
 * promise 1). */
gboolean        dav_client_check_target        (DavClient     *self,
                                                const char    *url,
                                                GError       **error);

void dav_client_options_async   (DavClient           *self,
                                 const char          *url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* @names: "{ns}name" strings for DAV_PROPFIND_PROP (or <include> with
 * ALLPROP), NULL-terminated, may be NULL. With @func, responses are handed
 * over as they are parsed and not kept in the result's body. */
void dav_client_propfind_async  (DavClient           *self,
                                 const char          *url,
                                 DavDepth             depth,
                                 DavPropfindKind      kind,
                                 const char * const  *names,
                                 DavResponseFunc      func,
                                 gpointer             func_data,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* @patches: DavPropPatch*, sent in order. */
void dav_client_proppatch_async (DavClient           *self,
                                 const char          *url,
                                 GPtrArray           *patches,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
void dav_client_mkcol_async     (DavClient           *self,
                                 const char          *url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
void dav_client_delete_async    (DavClient           *self,
                                 const char          *url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
void dav_client_copy_async      (DavClient           *self,
                                 const char          *url,
                                 const char          *destination,
                                 gboolean             overwrite,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
void dav_client_move_async      (DavClient           *self,
                                 const char          *url,
                                 const char          *destination,
                                 gboolean             overwrite,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* @timeout_seconds: 0 for Infinite. @owner: text, may be NULL. */
void dav_client_lock_async      (DavClient           *self,
                                 const char          *url,
                                 DavLockScope         scope,
                                 DavDepth             depth,
                                 guint                timeout_seconds,
                                 const char          *owner,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
void dav_client_unlock_async    (DavClient           *self,
                                 const char          *url,
                                 const char          *token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* Streams a 2xx body into @sink; any other body is kept in the result. */
void dav_client_get_async       (DavClient           *self,
                                 const char          *url,
                                 GOutputStream       *sink,
                                 DavProgressFunc      progress,
                                 gpointer             progress_data,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* Streams @source (of @size bytes, -1 if unknown) as the body. Without
 * @overwrite, only if nothing is at @url yet (If-None-Match: *; 412 when
 * something is). */
void dav_client_put_async       (DavClient           *self,
                                 const char          *url,
                                 GInputStream        *source,
                                 goffset              size,
                                 const char          *content_type,
                                 gboolean             overwrite,
                                 DavProgressFunc      progress,
                                 gpointer             progress_data,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);

DavResult *dav_client_request_finish (DavClient     *self,
                                      GAsyncResult  *result,
                                      GError       **error);

G_END_DECLS
