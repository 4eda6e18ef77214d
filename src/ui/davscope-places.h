/* davscope-places.h: the application's saved servers and bookmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One DavPlaceList for the application, kept in
 * $XDG_CONFIG_HOME/davscope/servers.ini, with GNOME Files' dav:// and
 * davs:// bookmarks imported at the first start. A server's password and
 * extra header values live in the keyring (libsecret), or in memory for
 * the run where there is no keyring; they never go to the file. The
 * password of its client certificate (a PKCS#12 file's) is kept so too.
 */

#pragma once

#include <gio/gio.h>

#include "dav-client.h"
#include "dav-place-list.h"
#include "dav-resource-store.h"

G_BEGIN_DECLS

/* Loaded (and imported, the first time) on first use. */
DavPlaceList *davscope_places_get_default         (void);
/* Writes the list; a failure is logged. */
void          davscope_places_save                (void);

/* For a new connection: the connections, listing properties, extra
 * headers, proxy and client certificate of the saved server @client's
 * base belongs to, if any. */
void          davscope_places_configure           (DavClient           *client,
                                                   DavResourceStore    *store);

/* Keeps @place's password (NULL: none), the values of its extra
 * headers (as many as its header names) and its client certificate's
 * password (a PKCS#12 file's; NULL: none) in the keyring and in memory. */
void          davscope_places_set_secrets         (DavPlace            *place,
                                                   const char          *password,
                                                   const char * const  *header_values,
                                                   const char          *certificate_password);
/* Reads @place's secrets from the keyring unless known already; then its
 * login answers the server without a dialog. Never fails: a secret that
 * cannot be read is missing. */
void          davscope_places_load_secrets_async  (DavPlace            *place,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
void          davscope_places_load_secrets_finish (GAsyncResult        *result);
/* Whether @place's secrets were read (or there is no keyring to read
 * them from): a client made before would go without them. */
gboolean      davscope_places_secrets_known       (DavPlace            *place);
/* What of @url's saved server a client is made with (its proxy, client
 * certificate, extra headers), as text to compare: when it changes, a
 * tab on that server connects again. No secret is in it. */
char         *davscope_places_dup_connection_setup (const char         *url);
/* What is known of @place's secrets (after loading them). */
char         *davscope_places_dup_password        (DavPlace            *place);
GStrv         davscope_places_dup_header_values   (DavPlace            *place);
char         *davscope_places_dup_certificate_password (DavPlace       *place);
/* Removes @place's secrets from the keyring and memory. */
void          davscope_places_forget_secrets      (DavPlace            *place);

G_END_DECLS
