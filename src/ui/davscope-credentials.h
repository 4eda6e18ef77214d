/* davscope-credentials.h: answering a server's request for a login
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connects to a DavClient's "authenticate" signal. A password remembered
 * in the keyring (libsecret) is used first; otherwise, or when the server
 * refused it, a dialog asks for user and password, naming the realm and
 * the host. "Remember" stores it in the keyring; without a keyring it is
 * kept in memory for as long as the application runs. Passwords never go
 * to settings or logs. A proxy's request for its login (407) is answered
 * the same way, under the proxy's own name and key.
 */

#pragma once

#include <gtk/gtk.h>

#include "dav-client.h"

G_BEGIN_DECLS

/* Handles logins for @client, with dialogs on @parent (held weakly: once
 * it is gone, challenges get their 401). */
void davscope_credentials_attach (DavClient *client,
                                  GtkWindow *parent);

/* The login given for @url's server in this run (any realm), for a
 * client of another kind that cannot ask (Check Server's doctor): FALSE
 * when there is none, or when it would go as Basic over plain http to
 * another computer without the user's consent. */
gboolean davscope_credentials_lookup (const char  *url,
                                      char       **user,
                                      char       **password);

/* A saved server's login (davscope-places.h), for @url's server (any
 * realm): answers its first challenge without a dialog, where one given
 * in the dialog would be sent too (not Basic over plain http to another
 * computer: then the dialog comes, filled in). NULL @user forgets it. */
void     davscope_credentials_preset (const char  *url,
                                      const char  *user,
                                      const char  *password);

G_END_DECLS
