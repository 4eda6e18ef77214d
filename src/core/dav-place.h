/* dav-place.h: a saved server or a bookmarked folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the sidebar lists (docs/architecture.md): a name and a URL, and
 * for a server what its connections are made with: the user, the number
 * of connections, the listing properties, the names of extra request
 * headers, a proxy and a client certificate. The password and the headers' values are secrets and are not
 * here: the UI keeps them in the keyring, under the place's id.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  DAV_PLACE_SERVER,
  DAV_PLACE_BOOKMARK,
} DavPlaceKind;

#define DAV_TYPE_PLACE (dav_place_get_type ())

G_DECLARE_FINAL_TYPE (DavPlace, dav_place, DAV, PLACE, GObject)

/* A new place with a fresh random id. */
DavPlace           *dav_place_new                  (DavPlaceKind        kind,
                                                    const char         *name,
                                                    const char         *url);
DavPlaceKind        dav_place_get_kind             (DavPlace           *self);
const char         *dav_place_get_id               (DavPlace           *self);
void                dav_place_set_id               (DavPlace           *self,
                                                    const char         *id);
const char         *dav_place_get_name             (DavPlace           *self);
void                dav_place_set_name             (DavPlace           *self,
                                                    const char         *name);
const char         *dav_place_get_url              (DavPlace           *self);
void                dav_place_set_url              (DavPlace           *self,
                                                    const char         *url);
/* NULL: none (a login is asked for when the server wants one). */
const char         *dav_place_get_user             (DavPlace           *self);
void                dav_place_set_user             (DavPlace           *self,
                                                    const char         *user);
/* 0: the Preferences' number. */
guint               dav_place_get_connections      (DavPlace           *self);
void                dav_place_set_connections      (DavPlace           *self,
                                                    guint               connections);
/* NULL: the Preferences' listing properties. */
const char * const *dav_place_get_properties       (DavPlace           *self);
void                dav_place_set_properties       (DavPlace           *self,
                                                    const char * const *properties);
/* Never NULL; may be empty. */
const char * const *dav_place_get_header_names     (DavPlace           *self);
void                dav_place_set_header_names     (DavPlace           *self,
                                                    const char * const *names);
/* NULL: the system's proxy settings (GIO's resolver); else a proxy URL
 * ("http://host:port", "socks5://…") for this server's connections. */
const char         *dav_place_get_proxy            (DavPlace           *self);
void                dav_place_set_proxy            (DavPlace           *self,
                                                    const char         *proxy);
/* NULL: none; else the client certificate shown to this server (mutual
 * TLS): a PEM or PKCS#12 file name, or a "pkcs11:" URI
 * (dav_client_certificate_load). */
const char         *dav_place_get_client_certificate (DavPlace         *self);
void                dav_place_set_client_certificate (DavPlace         *self,
                                                      const char       *source);

/* What a folder is called in a list: the last segment of @url's path,
 * unescaped, else its host; NULL when @url cannot be parsed. */
char               *dav_place_name_for_url         (const char         *url);

/* @text as an http or https URL with a lower-case host: dav:// and
 * davs:// read as those, http:// and https:// kept unless @dav_only.
 * A user in it goes to @user; with NULL @user, a user makes it invalid.
 * NULL for another scheme, no host, or what is not a URI. */
char               *dav_place_http_url             (const char         *text,
                                                    gboolean            dav_only,
                                                    char              **user);

G_END_DECLS
