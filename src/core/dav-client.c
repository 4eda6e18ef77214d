/* dav-client.c: the WebDAV client over libsoup 3
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client of one location: its settings, which URLs it may reach and
 * change, the lock tokens it holds, and the WebDAV verbs, each of which
 * builds a request and hands it to the pipeline (dav-request.c).
 *
 * Signals:
 *   authenticate (DavClient *, SoupAuth *auth, gboolean retrying) -> gboolean
 *     The server asks for credentials. A handler calls
 *     soup_auth_authenticate () now, or later after taking a reference and
 *     returning TRUE (the request waits), or returns FALSE to let the 401
 *     through. Only ever emitted for the connected origin, at most three
 *     times per request, and never for Basic after the server offered
 *     Digest (docs/hostile-servers.md case 35).
 *   authenticate-proxy (DavClient *, SoupAuth *auth, gboolean retrying) -> gboolean
 *     The proxy asks for its credentials (407), as above; kept apart so
 *     that a server's password never goes to a proxy, nor the proxy's to
 *     a server.
 */

#include "dav-client-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dav-error.h"
#include "dav-href.h"
#include "dav-request-body-private.h"
#include "dav-request-private.h"

#define DEFAULT_TIMEOUT  60
/* HTTP/1.1 carries one request per connection: at 50 ms of round trip,
 * 1,000 small requests take ~16 s on 4, ~11 s on 6, ~8 s on 8 (half of
 * rclone's time, issue 16). 8 is no more than rclone's own checkers and
 * what a 503 or 429 halves (dav-batch.c); HTTP/2 needs one. */
#define DEFAULT_CONNS    8
#define DEFAULT_DEADLINE 300      /* seconds, for everything but GET and PUT */
#define DEFAULT_MIN_BYTES 1024    /* at least this much ... */
#define DEFAULT_WINDOW   60       /* ... in this many seconds */

G_DEFINE_FINAL_TYPE (DavClient, dav_client, G_TYPE_OBJECT)

enum {
  AUTHENTICATE,
  AUTHENTICATE_PROXY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- URLs and containment ---------------------------------------------- */

static gboolean
uri_same_origin (GUri *a,
                 GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a) ? g_uri_get_host (a) : "",
                             g_uri_get_host (b) ? g_uri_get_host (b) : "") == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

gboolean
dav_client_is_same_origin (DavClient *self,
                           GUri      *uri)
{
  return uri_same_origin (uri, self->base);
}

/* Whether the normalised path @key is @root_key or below it. */
static gboolean
path_is_inside (const char *key,
                const char *root_key)
{
  return g_str_equal (key, root_key) ||
         (g_str_has_prefix (key, root_key) && key[strlen (root_key)] == '/');
}

static gboolean
is_inside_also (DavClient  *self,
                const char *key)
{
  for (guint i = 0; self->also_keys != NULL && i < self->also_keys->len; i++)
    if (path_is_inside (key, g_ptr_array_index (self->also_keys, i)))
      return TRUE;
  return FALSE;
}

gboolean
dav_client_allow_below (DavClient   *self,
                        const char  *url,
                        GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (DAV_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  uri = dav_parse_http_uri (url, error);
  if (uri == NULL)
    return FALSE;
  if (!uri_same_origin (uri, self->base))
    {
      g_set_error (error, DAV_ERROR, DAV_ERROR_OUTSIDE,
                   _("“%s” is on another server than %s."), url, self->base_url);
      return FALSE;
    }

  if (self->also_keys == NULL)
    self->also_keys = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->also_keys, dav_href_normalize_path (g_uri_get_path (uri)));
  return TRUE;
}

GUri *
dav_parse_http_uri (const char  *url,
                    GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, error);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "dav") == 0 || g_ascii_strcasecmp (scheme, "davs") == 0)
    {
      /* dav:// and davs:// are what desktop links use for http and https. */
      gboolean tls = g_ascii_strcasecmp (scheme, "davs") == 0;
      GUri *http = g_uri_build (SOUP_HTTP_URI_FLAGS, tls ? "https" : "http",
                                NULL, g_uri_get_host (uri), g_uri_get_port (uri),
                                g_uri_get_path (uri), g_uri_get_query (uri), NULL);

      g_uri_unref (uri);
      uri = http;
      scheme = g_uri_get_scheme (uri);
    }

  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT,
                   _("Only http, https, dav and davs locations are supported, not “%s”."), scheme);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT,
                   _("The location “%s” names no server."), url);
      return NULL;
    }
  if (g_uri_get_user (uri) != NULL)
    {
      /* Credentials in a URL end up in logs and histories. */
      g_set_error_literal (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT,
                           _("Put the user name in the login prompt or --user, not in the location."));
      return NULL;
    }

  return g_steal_pointer (&uri);
}

/* "http://host/dav//docs/" typed or pasted by a person means /dav/docs/;
 * only URLs the user gives are tidied this way, never hrefs. */
static char *
collapse_slashes (const char *url)
{
  const char *authority = strstr (url, "://");
  const char *path = authority ? strchr (authority + 3, '/') : NULL;
  GString *out;

  if (path == NULL)
    return g_strdup (url);

  out = g_string_new_len (url, path - url);
  for (const char *p = path; *p != '\0' && *p != '?' && *p != '#'; p++)
    {
      if (*p == '/' && p[1] == '/')
        continue;
      g_string_append_c (out, *p);
      path = p + 1;
    }
  g_string_append (out, path);

  return g_string_free (out, FALSE);
}

char *
dav_client_resolve (DavClient   *self,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) http = NULL;
  g_autofree char *encoded = NULL;

  g_autofree char *tidy = NULL;

  g_return_val_if_fail (DAV_IS_CLIENT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  tidy = collapse_slashes (path);
  uri = g_uri_parse_relative (self->base, tidy, SOUP_HTTP_URI_FLAGS, error);
  if (uri == NULL)
    return NULL;

  encoded = g_uri_to_string (uri);
  http = dav_parse_http_uri (encoded, error);
  if (http == NULL)
    return NULL;

  if (!uri_same_origin (http, self->base))
    {
      g_set_error (error, DAV_ERROR, DAV_ERROR_OUTSIDE,
                   _("“%s” is on another server than %s."), encoded, self->base_url);
      return NULL;
    }

  return g_uri_to_string (http);
}

gboolean
dav_client_check_target (DavClient   *self,
                         const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (DAV_IS_CLIENT (self), FALSE);

  uri = dav_parse_http_uri (url, error);
  if (uri == NULL)
    return FALSE;

  if (!uri_same_origin (uri, self->base))
    {
      g_set_error (error, DAV_ERROR, DAV_ERROR_OUTSIDE,
                   _("Refusing to change “%s”: it is on another server than %s."), url, self->base_url);
      return FALSE;
    }

  key = dav_href_normalize_path (g_uri_get_path (uri));
  if (!path_is_inside (key, self->base_key) && !is_inside_also (self, key))
    {
      g_set_error (error, DAV_ERROR, DAV_ERROR_OUTSIDE,
                   _("Refusing to change “%s”: it is outside %s."), url, self->base_url);
      return FALSE;
    }

  return TRUE;
}

/* ---- the session -------------------------------------------------------- */

#define MAX_TUNNEL_LOGINS 3

/* https through a proxy: libsoup sends a CONNECT of its own first, and
 * a 407 comes to that message, not to the request. It is the proxy's
 * login all the same (::authenticate-proxy), tried as often as a
 * request's. */
static gboolean
on_tunnel_authenticate (SoupMessage *msg,
                        SoupAuth    *auth,
                        gboolean     retrying,
                        DavClient   *self)
{
  guint tries = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (msg), "dav-logins")) + 1;

  if (!soup_auth_is_for_proxy (auth) || tries > MAX_TUNNEL_LOGINS)
    return FALSE;
  g_object_set_data (G_OBJECT (msg), "dav-logins", GUINT_TO_POINTER (tries));

  g_free (self->tunnel_login);
  self->tunnel_login = g_strdup_printf ("%s\n%s\n%s", soup_auth_get_authority (auth),
                                        soup_auth_get_scheme_name (auth),
                                        soup_auth_get_realm (auth) ? soup_auth_get_realm (auth) : "");

  return dav_client_emit_authenticate_proxy (self, auth, retrying);
}

static void
on_request_queued (SoupSession *session,
                   SoupMessage *msg,
                   DavClient   *self)
{
  if (soup_message_get_method (msg) != SOUP_METHOD_CONNECT)
    return;

  /* As for requests after a refused proxy login (dav-request.c). */
  if (self->proxy_refused)
    soup_message_add_flags (msg, SOUP_MESSAGE_DO_NOT_USE_AUTH_CACHE);
  g_signal_connect_object (msg, "authenticate", G_CALLBACK (on_tunnel_authenticate), self, 0);
}

SoupSession *
dav_client_get_session (DavClient *self)
{
  g_autofree char *agent = NULL;

  if (self->session != NULL)
    return self->session;

  agent = g_strdup_printf ("Davscope/%s ", PACKAGE_VERSION);
  self->session = soup_session_new_with_options ("max-conns-per-host", self->max_connections,
                                                 "max-conns", self->max_connections * 2,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", self->timeout,
                                                 "user-agent", agent,
                                                 NULL);
  /* libsoup 3 only adds Basic and Digest to a new session: no automatic
   * NTLM or Negotiate (docs/hostile-servers.md case 38). Nothing to
   * remove. */
  if (self->proxy != NULL)
    dav_client_set_proxy (self, self->proxy);
  g_signal_connect_object (self->session, "request-queued", G_CALLBACK (on_request_queued), self, 0);

  return self->session;
}

/* ---- lock tokens -------------------------------------------------------- */

void
dav_client_add_lock_token (DavClient  *self,
                           const char *root_url,
                           const char *token)
{
  g_return_if_fail (DAV_IS_CLIENT (self));
  g_return_if_fail (root_url != NULL && token != NULL);

  g_hash_table_replace (self->locks, g_strdup (token), g_strdup (root_url));
}

void
dav_client_remove_lock_token (DavClient  *self,
                              const char *token)
{
  g_return_if_fail (DAV_IS_CLIENT (self));

  g_hash_table_remove (self->locks, token);
}

gboolean
dav_client_holds_lock_token (DavClient  *self,
                             const char *token)
{
  g_return_val_if_fail (DAV_IS_CLIENT (self), FALSE);

  return token != NULL && g_hash_table_contains (self->locks, token);
}

char *
dav_client_dup_if_header (DavClient  *self,
                          const char *url)
{
  g_autofree char *key = NULL;
  g_autoptr(GString) value = NULL;
  g_autoptr(GUri) target = NULL;
  GHashTableIter iter;
  gpointer token, root;

  if (g_hash_table_size (self->locks) == 0)
    return NULL;

  target = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL)
    return NULL;
  key = dav_href_normalize_path (g_uri_get_path (target));
  value = g_string_new (NULL);

  g_hash_table_iter_init (&iter, self->locks);
  while (g_hash_table_iter_next (&iter, &token, &root))
    {
      g_autoptr(GUri) root_uri = g_uri_parse (root, SOUP_HTTP_URI_FLAGS, NULL);
      g_autofree char *root_key = NULL;

      if (root_uri == NULL)
        continue;
      root_key = dav_href_normalize_path (g_uri_get_path (root_uri));
      if (!path_is_inside (key, root_key))
        continue;

      /* Tagged list: this token is for that resource (RFC 4918 §10.4.2). */
      g_string_append_printf (value, "%s<%s> (<%s>)", value->len ? " " : "",
                              (const char *) root, (const char *) token);
    }

  if (value->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&value), FALSE);
}

/* ---- the operations ----------------------------------------------------- */

void
dav_client_options_async (DavClient           *self,
                          const char          *url,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (DAV_IS_CLIENT (self));

  dav_request_start (dav_request_new (self, "OPTIONS", url), dav_client_options_async, cancellable, callback, user_data);
}

static const char *
depth_string (DavDepth depth)
{
  switch (depth)
    {
    case DAV_DEPTH_0:        return "0";
    case DAV_DEPTH_1:        return "1";
    case DAV_DEPTH_INFINITY:
    default:                 return "infinity";
    }
}

void
dav_client_propfind_async (DavClient           *self,
                           const char          *url,
                           DavPropfind         *propfind,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  DavRequest *req;
  GBytes *body;
  GError *error = NULL;

  g_return_if_fail (DAV_IS_CLIENT (self));
  g_return_if_fail (DAV_IS_PROPFIND (propfind));

  body = dav_request_body_propfind (dav_propfind_get_kind (propfind),
                                    dav_propfind_get_names (propfind), &error);
  if (body == NULL)
    {
      dav_request_report_error (self, dav_client_propfind_async, error, callback, user_data);
      return;
    }

  req = dav_request_new (self, "PROPFIND", url);
  dav_request_set_body (req, body, "application/xml; charset=utf-8");
  dav_request_set_header (req, "Depth", depth_string (dav_propfind_get_depth (propfind)));
  req->propfind = g_object_ref (propfind);

  dav_request_start (req, dav_client_propfind_async, cancellable, callback, user_data);
}

void
dav_client_proppatch_async (DavClient           *self,
                            const char          *url,
                            GPtrArray           *patches,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  DavRequest *req;
  GBytes *body;
  GError *error = NULL;

  g_return_if_fail (DAV_IS_CLIENT (self));
  g_return_if_fail (patches != NULL);

  body = dav_request_body_proppatch (patches, &error);
  if (body == NULL)
    {
      dav_request_report_error (self, dav_client_proppatch_async, error, callback, user_data);
      return;
    }

  req = dav_request_new (self, "PROPPATCH", url);
  dav_request_set_body (req, body, "application/xml; charset=utf-8");

  dav_request_start (req, dav_client_proppatch_async, cancellable, callback, user_data);
}

void
dav_client_mkcol_async (DavClient           *self,
                        const char          *url,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (DAV_IS_CLIENT (self));

  dav_request_start (dav_request_new (self, "MKCOL", url), dav_client_mkcol_async, cancellable, callback, user_data);
}

void
dav_client_delete_async (DavClient           *self,
                         const char          *url,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (DAV_IS_CLIENT (self));

  /* No Depth header: on a collection only "infinity" is allowed, and it
   * is the default (RFC 4918 §9.6.1). */
  dav_request_start (dav_request_new (self, "DELETE", url), dav_client_delete_async, cancellable, callback, user_data);
}

static void
copy_or_move (DavClient           *self,
              const char          *method,
              gpointer             source_tag,
              const char          *url,
              const char          *destination,
              gboolean             overwrite,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  DavRequest *req;
  GError *error = NULL;

  g_return_if_fail (DAV_IS_CLIENT (self));
  g_return_if_fail (destination != NULL);

  /* The destination is changed as much as the source. */
  if (!dav_client_check_target (self, destination, &error))
    {
      dav_request_report_error (self, source_tag, error, callback, user_data);
      return;
    }

  req = dav_request_new (self, method, url);
  dav_request_set_header (req, "Destination", destination);
  dav_request_set_header (req, "Overwrite", overwrite ? "T" : "F");
  dav_request_start (req, source_tag, cancellable, callback, user_data);
}

void
dav_client_copy_async (DavClient           *self,
                       const char          *url,
                       const char          *destination,
                       gboolean             overwrite,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  copy_or_move (self, "COPY", dav_client_copy_async, url, destination, overwrite, cancellable, callback, user_data);
}

void
dav_client_move_async (DavClient           *self,
                       const char          *url,
                       const char          *destination,
                       gboolean             overwrite,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  copy_or_move (self, "MOVE", dav_client_move_async, url, destination, overwrite, cancellable, callback, user_data);
}

void
dav_client_lock_async (DavClient           *self,
                       const char          *url,
                       DavLockScope         scope,
                       DavDepth             depth,
                       guint                timeout_seconds,
                       const char          *owner,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  DavRequest *req;
  g_autofree char *timeout = NULL;

  g_return_if_fail (DAV_IS_CLIENT (self));

  req = dav_request_new (self, "LOCK", url);
  dav_request_set_body (req, dav_request_body_lock (scope, owner), "application/xml; charset=utf-8");
  /* LOCK allows only 0 and infinity (RFC 4918 §9.10.3). */
  dav_request_set_header (req, "Depth", depth == DAV_DEPTH_0 ? "0" : "infinity");
  timeout = timeout_seconds == 0 ? g_strdup ("Infinite") : g_strdup_printf ("Second-%u", timeout_seconds);
  dav_request_set_header (req, "Timeout", timeout);

  dav_request_start (req, dav_client_lock_async, cancellable, callback, user_data);
}

void
dav_client_unlock_async (DavClient           *self,
                         const char          *url,
                         const char          *token,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  DavRequest *req;
  g_autofree char *header = NULL;

  g_return_if_fail (DAV_IS_CLIENT (self));
  g_return_if_fail (token != NULL);

  req = dav_request_new (self, "UNLOCK", url);
  header = g_strdup_printf ("<%s>", token);
  dav_request_set_header (req, "Lock-Token", header);

  dav_request_start (req, dav_client_unlock_async, cancellable, callback, user_data);
}

void
dav_client_get_async (DavClient           *self,
                      const char          *url,
                      GOutputStream       *sink,
                      DavProgressFunc      progress,
                      gpointer             progress_data,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  DavRequest *req;

  g_return_if_fail (DAV_IS_CLIENT (self));
  g_return_if_fail (G_IS_OUTPUT_STREAM (sink));

  req = dav_request_new (self, "GET", url);
  req->sink = g_object_ref (sink);
  req->progress = progress;
  req->progress_data = progress_data;

  dav_request_start (req, dav_client_get_async, cancellable, callback, user_data);
}

static DavRequest *
new_put (DavClient    *self,
         const char   *url,
         GInputStream *source,
         goffset       size,
         const char   *content_type,
         DavProgressFunc progress,
         gpointer      progress_data)
{
  DavRequest *req = dav_request_new (self, "PUT", url);

  req->source = g_object_ref (source);
  if (G_IS_SEEKABLE (source))
    req->source_start = g_seekable_tell (G_SEEKABLE (source));
  req->source_size = size;
  req->content_type = g_strdup (content_type ? content_type : "application/octet-stream");
  req->progress = progress;
  req->progress_data = progress_data;

  return req;
}

void
dav_client_put_if_async (DavClient           *self,
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
                         gpointer             user_data)
{
  DavRequest *req;

  g_return_if_fail (DAV_IS_CLIENT (self));
  g_return_if_fail (G_IS_INPUT_STREAM (source));
  g_return_if_fail (condition != NULL && value != NULL);

  req = new_put (self, url, source, size, content_type, progress, progress_data);
  dav_request_set_header (req, condition, value);

  dav_request_start (req, dav_client_put_if_async, cancellable, callback, user_data);
}

DavResult *
dav_client_put_if_finish (DavClient     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return dav_request_finish (self, result, dav_client_put_if_async, error);
}

void
dav_client_put_async (DavClient           *self,
                      const char          *url,
                      GInputStream        *source,
                      goffset              size,
                      const char          *content_type,
                      gboolean             overwrite,
                      DavProgressFunc      progress,
                      gpointer             progress_data,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  DavRequest *req;

  g_return_if_fail (DAV_IS_CLIENT (self));
  g_return_if_fail (G_IS_INPUT_STREAM (source));

  req = dav_client_new_put (self, url, source, size, content_type, overwrite);
  req->progress = progress;
  req->progress_data = progress_data;

  dav_request_start (req, dav_client_put_async, cancellable, callback, user_data);
}

DavRequest *
dav_client_new_put (DavClient    *self,
                    const char   *url,
                    GInputStream *source,
                    goffset       size,
                    const char   *content_type,
                    gboolean      overwrite)
{
  DavRequest *req = new_put (self, url, source, size, content_type, NULL, NULL);

  /* Only if nothing is there (RFC 9110 §13.1.2): a file that appeared
   * since the listing is a 412, not silently replaced. */
  if (!overwrite)
    dav_request_set_header (req, "If-None-Match", "*");

  return req;
}

DavResult *
dav_client_options_finish (DavClient     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return dav_request_finish (self, result, dav_client_options_async, error);
}

DavResult *
dav_client_propfind_finish (DavClient     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return dav_request_finish (self, result, dav_client_propfind_async, error);
}

DavResult *
dav_client_proppatch_finish (DavClient     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return dav_request_finish (self, result, dav_client_proppatch_async, error);
}

DavResult *
dav_client_mkcol_finish (DavClient     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return dav_request_finish (self, result, dav_client_mkcol_async, error);
}

DavResult *
dav_client_delete_finish (DavClient     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return dav_request_finish (self, result, dav_client_delete_async, error);
}

DavResult *
dav_client_copy_finish (DavClient     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return dav_request_finish (self, result, dav_client_copy_async, error);
}

DavResult *
dav_client_move_finish (DavClient     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return dav_request_finish (self, result, dav_client_move_async, error);
}

DavResult *
dav_client_lock_finish (DavClient     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return dav_request_finish (self, result, dav_client_lock_async, error);
}

DavResult *
dav_client_unlock_finish (DavClient     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return dav_request_finish (self, result, dav_client_unlock_async, error);
}

DavResult *
dav_client_get_finish (DavClient     *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  return dav_request_finish (self, result, dav_client_get_async, error);
}

DavResult *
dav_client_put_finish (DavClient     *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  return dav_request_finish (self, result, dav_client_put_async, error);
}

/* ---- settings ----------------------------------------------------------- */

const char *
dav_client_get_base_url (DavClient *self)
{
  g_return_val_if_fail (DAV_IS_CLIENT (self), NULL);

  return self->base_url;
}

DavExchangeLog *
dav_client_get_exchange_log (DavClient *self)
{
  g_return_val_if_fail (DAV_IS_CLIENT (self), NULL);

  return self->log;
}

void
dav_client_set_max_connections (DavClient *self,
                                guint      max_connections)
{
  g_return_if_fail (DAV_IS_CLIENT (self));
  g_return_if_fail (self->session == NULL);

  self->max_connections = MAX (max_connections, 1);
}

guint
dav_client_get_max_connections (DavClient *self)
{
  g_return_val_if_fail (DAV_IS_CLIENT (self), 1);

  return self->max_connections;
}

void
dav_client_set_timeout (DavClient *self,
                        guint      seconds)
{
  g_return_if_fail (DAV_IS_CLIENT (self));

  self->timeout = seconds;
  if (self->session != NULL)
    g_object_set (self->session, "timeout", seconds, "idle-timeout", seconds, NULL);
}

void
dav_client_set_speed_limits (DavClient *self,
                             guint      deadline_seconds,
                             guint      min_bytes,
                             guint      window_seconds)
{
  g_return_if_fail (DAV_IS_CLIENT (self));

  self->deadline = deadline_seconds;
  self->min_bytes = min_bytes;
  self->window = window_seconds;
}

void
dav_client_set_parser_limits (DavClient             *self,
                              const DavParserLimits *limits)
{
  g_return_if_fail (DAV_IS_CLIENT (self));
  g_return_if_fail (limits != NULL);

  self->limits = *limits;
}

void
dav_client_set_extra_headers (DavClient          *self,
                              const char * const *names,
                              const char * const *values)
{
  g_return_if_fail (DAV_IS_CLIENT (self));
  g_return_if_fail (names == NULL || values != NULL);
  g_return_if_fail (names == NULL || g_strv_length ((GStrv) names) == g_strv_length ((GStrv) values));

  g_strfreev (self->extra_names);
  g_strfreev (self->extra_values);
  self->extra_names = g_strdupv ((GStrv) names);
  self->extra_values = g_strdupv ((GStrv) values);
}

void
dav_client_set_accept_invalid_certificates (DavClient *self,
                                            gboolean   accept)
{
  g_return_if_fail (DAV_IS_CLIENT (self));

  self->accept_invalid = accept;
}

gboolean
dav_client_add_trusted_ca_file (DavClient   *self,
                                const char  *path,
                                GError     **error)
{
  GTlsDatabase *database;

  g_return_val_if_fail (DAV_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  database = g_tls_file_database_new (path, error);
  if (database == NULL)
    return FALSE;

  g_clear_object (&self->extra_cas);
  self->extra_cas = database;
  return TRUE;
}

void
dav_client_pin_certificate (DavClient       *self,
                            GTlsCertificate *certificate)
{
  g_return_if_fail (DAV_IS_CLIENT (self));

  g_set_object (&self->pinned, certificate);
}

GTlsCertificate *
dav_client_get_rejected_certificate (DavClient            *self,
                                     GAsyncResult         *result,
                                     GTlsCertificateFlags *errors)
{
  g_return_val_if_fail (DAV_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return dav_request_get_rejected_certificate (result, errors);
}

/* ---- the object --------------------------------------------------------- */

void
dav_client_set_proxy (DavClient  *self,
                      const char *proxy_url)
{
  g_autoptr(GProxyResolver) resolver = NULL;

  g_return_if_fail (DAV_IS_CLIENT (self));

  if (proxy_url != self->proxy)
    {
      g_free (self->proxy);
      self->proxy = g_strdup (proxy_url);
    }
  if (self->session == NULL)
    return;

  /* libsoup's own default is GIO's resolver: the system's settings. */
  resolver = proxy_url != NULL ? g_simple_proxy_resolver_new (proxy_url, NULL)
                               : g_object_ref (g_proxy_resolver_get_default ());
  soup_session_set_proxy_resolver (self->session, resolver);
}

void
dav_client_set_client_certificate (DavClient       *self,
                                   GTlsCertificate *certificate)
{
  g_return_if_fail (DAV_IS_CLIENT (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  g_set_object (&self->client_certificate, certificate);
}

static gboolean
emit_login (DavClient *self,
            guint      signal,
            SoupAuth  *auth,
            gboolean   retrying)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[signal], 0, auth, retrying, &handled);

  return handled;
}

gboolean
dav_client_emit_authenticate_proxy (DavClient *self,
                                    SoupAuth  *auth,
                                    gboolean   retrying)
{
  return emit_login (self, AUTHENTICATE_PROXY, auth, retrying);
}

gboolean
dav_client_emit_authenticate (DavClient *self,
                              SoupAuth  *auth,
                              gboolean   retrying)
{
  return emit_login (self, AUTHENTICATE, auth, retrying);
}

static void
dav_client_finalize (GObject *object)
{
  DavClient *self = (DavClient *) object;

  g_clear_pointer (&self->base, g_uri_unref);
  g_free (self->base_url);
  g_free (self->base_key);
  g_clear_pointer (&self->also_keys, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->log);
  g_clear_object (&self->pinned);
  g_clear_object (&self->extra_cas);
  g_hash_table_unref (self->locks);
  g_free (self->proxy);
  g_free (self->tunnel_login);
  g_clear_object (&self->client_certificate);
  g_strfreev (self->extra_names);
  g_strfreev (self->extra_values);

  G_OBJECT_CLASS (dav_client_parent_class)->finalize (object);
}

static void
dav_client_class_init (DavClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dav_client_finalize;

  signals[AUTHENTICATE] =
    g_signal_new ("authenticate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  g_signal_accumulator_true_handled, NULL,
                  NULL,
                  G_TYPE_BOOLEAN, 2, SOUP_TYPE_AUTH, G_TYPE_BOOLEAN);
  /* The proxy's login (a 407), never answered with the server's. */
  signals[AUTHENTICATE_PROXY] =
    g_signal_new ("authenticate-proxy",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  g_signal_accumulator_true_handled, NULL,
                  NULL,
                  G_TYPE_BOOLEAN, 2, SOUP_TYPE_AUTH, G_TYPE_BOOLEAN);
}

static void
dav_client_init (DavClient *self)
{
  self->max_connections = DEFAULT_CONNS;
  self->timeout = DEFAULT_TIMEOUT;
  self->deadline = DEFAULT_DEADLINE;
  self->min_bytes = DEFAULT_MIN_BYTES;
  self->window = DEFAULT_WINDOW;
  dav_parser_limits_init_default (&self->limits);
  self->log = dav_exchange_log_new (0, 0);
  self->locks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* The base as a collection URL: relative names resolve inside it. */
static GUri *
parse_base (const char  *base_url,
            GError     **error)
{
  g_autofree char *tidy = collapse_slashes (base_url);
  GUri *base = dav_parse_http_uri (tidy, error);
  const char *path;

  if (base == NULL)
    return NULL;

  path = g_uri_get_path (base);
  if (*path == '\0' || !g_str_has_suffix (path, "/"))
    {
      g_autofree char *with_slash = g_strconcat (path, "/", NULL);
      GUri *fixed = g_uri_build (SOUP_HTTP_URI_FLAGS, g_uri_get_scheme (base), NULL,
                                 g_uri_get_host (base), g_uri_get_port (base),
                                 with_slash, NULL, NULL);

      g_uri_unref (base);
      base = fixed;
    }

  return base;
}

static void
set_base (DavClient *self,
          GUri      *base)
{
  g_clear_pointer (&self->base, g_uri_unref);
  g_free (self->base_url);
  g_free (self->base_key);
  self->base = base;
  self->base_url = g_uri_to_string (base);
  self->base_key = dav_href_normalize_path (g_uri_get_path (base));
  /* What the user chose elsewhere was for the folder they left. */
  g_clear_pointer (&self->also_keys, g_ptr_array_unref);
}

gboolean
dav_client_set_base_url (DavClient   *self,
                         const char  *base_url,
                         GError     **error)
{
  GUri *base;

  g_return_val_if_fail (DAV_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (base_url != NULL, FALSE);

  base = parse_base (base_url, error);
  if (base == NULL)
    return FALSE;

  /* The session, its connections and credentials are for one origin. */
  if (!uri_same_origin (base, self->base))
    {
      g_set_error (error, DAV_ERROR, DAV_ERROR_OUTSIDE,
                   _("“%s” is on another server than %s."), base_url, self->base_url);
      g_uri_unref (base);
      return FALSE;
    }

  set_base (self, base);
  return TRUE;
}

DavClient *
dav_client_new (const char  *base_url,
                GError     **error)
{
  g_autoptr(DavClient) self = NULL;
  GUri *base;

  g_return_val_if_fail (base_url != NULL, NULL);

  base = parse_base (base_url, error);
  if (base == NULL)
    return NULL;

  self = g_object_new (DAV_TYPE_CLIENT, NULL);
  set_base (self, base);

  return g_steal_pointer (&self);
}
