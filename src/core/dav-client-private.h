/* dav-client-private.h: what DavClient shares with its request pipeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dav-client.h"
#include "dav-request-private.h"

G_BEGIN_DECLS

struct _DavClient
{
  GObject          parent_instance;

  GUri            *base;
  char            *base_url;
  char            *base_key;       /* normalised base path, for containment */
  GPtrArray       *also_keys;      /* char*: other folders the user chose, until the base moves */
  SoupSession     *session;        /* created on first use */
  DavExchangeLog  *log;
  guint            max_connections;
  guint            timeout;
  guint            deadline;
  guint            min_bytes;
  guint            window;
  DavParserLimits  limits;
  gboolean         accept_invalid;
  GTlsCertificate *pinned;
  GTlsDatabase    *extra_cas;      /* dav_client_add_trusted_ca_file, or NULL */
  gboolean         origin_h2;      /* the connected origin answered over HTTP/2 */
  gboolean         seen_digest;
  gboolean         no_continue;    /* the server let a 100-continue wait go unanswered */
  GHashTable      *locks;          /* token -> root URL */
  char            *proxy;          /* the proxy chosen, or NULL: the system's */
  gboolean         proxy_refused;  /* a proxy's login went unanswered (see dav-request.c) */
  char            *tunnel_login;   /* the last CONNECT's 407: proxy, scheme, realm */
  GTlsCertificate *client_certificate; /* shown to the server when it asks */
  GStrv            extra_names;    /* dav_client_set_extra_headers */
  GStrv            extra_values;
};

/* The http or https URI of @url (dav and davs read as those); NULL, with
 * @error, for another scheme, no host, or credentials in the URL. */
GUri        *dav_parse_http_uri           (const char  *url,
                                           GError     **error);
/* Whether @uri has the scheme, host and port of the base. */
gboolean     dav_client_is_same_origin    (DavClient   *self,
                                           GUri        *uri);
/* The session, made with the client's settings on first use. */
SoupSession *dav_client_get_session       (DavClient   *self);
/* The If header for a request to @url: the tokens held for it or a
 * collection above it; NULL if none. */
char        *dav_client_dup_if_header     (DavClient   *self,
                                           const char  *url);
/* Emits ::authenticate-proxy; TRUE when a handler took it on. */
gboolean     dav_client_emit_authenticate_proxy (DavClient *self,
                                                 SoupAuth  *auth,
                                                 gboolean   retrying);
/* Emits ::authenticate; TRUE when a handler took it on. */
gboolean     dav_client_emit_authenticate (DavClient   *self,
                                           SoupAuth    *auth,
                                           gboolean     retrying);

/* A PUT of @source (the verb's request, not started), for
 * dav_client_put_async and DavUpload. */
DavRequest  *dav_client_new_put           (DavClient    *self,
                                           const char   *url,
                                           GInputStream *source,
                                           goffset       size,
                                           const char   *content_type,
                                           gboolean      overwrite);

G_END_DECLS
