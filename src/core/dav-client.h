/* dav-client.h: the WebDAV client over libsoup 3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One DavClient per connected location (scheme, host, port and a base
 * collection). Every operation is async in GIO style and finishes with
 * its own _finish (): a DavResult for any HTTP answer, a GError when there
 * was none to give. Redirects are never left to libsoup
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
#include "dav-propfind.h"
#include "dav-result.h"

G_BEGIN_DECLS

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
/* Also allows changes at and below @url on the same origin, a folder the
 * user chose in another tab (a drag from it), until the base moves. */
gboolean        dav_client_allow_below         (DavClient     *self,
                                                const char    *url,
                                                GError       **error);
DavExchangeLog *dav_client_get_exchange_log    (DavClient     *self);
void            dav_client_set_max_connections (DavClient     *self,
                                                guint          max_connections);
guint           dav_client_get_max_connections (DavClient     *self);
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
/* Headers sent with every request to the base's origin (a saved
 * server's bearer token, say), never after a redirect elsewhere;
 * @names and @values pair up. NULL @names: none. */
void            dav_client_set_extra_headers   (DavClient           *self,
                                                const char * const  *names,
                                                const char * const  *values);
/* --insecure: accept any certificate for this client. An explicit choice. */
void            dav_client_set_accept_invalid_certificates
                                               (DavClient     *self,
                                                gboolean       accept);
/* Trusts the CAs in the PEM file @path in addition to the system's (a
 * private CA, `--cacert`): a certificate the system refuses only for its
 * unknown issuer is accepted when it verifies against them, for its host
 * and in its validity. FALSE when the file holds no certificate. */
gboolean        dav_client_add_trusted_ca_file (DavClient     *self,
                                                const char    *path,
                                                GError       **error);
/* Accept exactly this certificate for the base host and port, even if
 * untrusted; a different one is rejected again
 * (docs/hostile-servers.md case 39). */
void            dav_client_pin_certificate     (DavClient     *self,
                                                GTlsCertificate *certificate);
/* The certificate that the operation of @result (failed with a
 * G_TLS_ERROR) refused, and why; NULL if none. Valid while @result is. */
/* Sends every request through the proxy at @proxy_url ("http://host:port",
 * "socks5://…"); NULL, the default, uses the system's proxy settings
 * (GIO's default GProxyResolver). Set before the first request. */
void            dav_client_set_proxy           (DavClient     *self,
                                                const char    *proxy_url);
/* The certificate (with its private key) shown when the server asks
 * for one (mutual TLS); only to the connected origin. NULL: none. */
void            dav_client_set_client_certificate (DavClient       *self,
                                                   GTlsCertificate *certificate);
GTlsCertificate *dav_client_get_rejected_certificate
                                               (DavClient     *self,
                                                GAsyncResult  *result,
                                                GTlsCertificateFlags *errors);
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
/* What is asked is @propfind's; the request holds a reference to it until
 * it ends. Streamed (DAV_PROPFIND_FLAGS_STREAM), @propfind emits
 * ::response per response and the result's body keeps none of them. */
void dav_client_propfind_async  (DavClient           *self,
                                 const char          *url,
                                 DavPropfind         *propfind,
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
/* A PUT on the caller's precondition (RFC 9110 §13.1): @condition is
 * the header ("If-Match", "If-Unmodified-Since", "If-None-Match") and
 * @value its value. Editing in place sends If-Match with the ETag the
 * file was downloaded with, so another person's change is a 412. */
void dav_client_put_if_async    (DavClient           *self,
                                 const char          *url,
                                 GInputStream        *source,
                                 goffset              size,
                                 const char          *content_type,
                                 const char          *condition,
                                 const char          *value,
                                 DavProgressFunc      progress,
                                 gpointer             progress_data,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);

DavResult *dav_client_options_finish   (DavClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error);
DavResult *dav_client_propfind_finish  (DavClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error);
DavResult *dav_client_proppatch_finish (DavClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error);
DavResult *dav_client_mkcol_finish     (DavClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error);
DavResult *dav_client_delete_finish    (DavClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error);
DavResult *dav_client_copy_finish      (DavClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error);
DavResult *dav_client_move_finish      (DavClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error);
DavResult *dav_client_lock_finish      (DavClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error);
DavResult *dav_client_unlock_finish    (DavClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error);
DavResult *dav_client_get_finish       (DavClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error);
DavResult *dav_client_put_finish       (DavClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error);
DavResult *dav_client_put_if_finish    (DavClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error);

G_END_DECLS
