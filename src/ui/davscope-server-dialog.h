/* davscope-server-dialog.h: adding or editing a saved server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Name, address, user, password, connections, listing properties and
 * extra request headers ("Name: value" per line). Save writes the list
 * (davscope-places.h) and puts the password and the header values in the
 * keyring.
 */

#pragma once

#include <gtk/gtk.h>

#include "dav-place.h"

G_BEGIN_DECLS

/* Edits @place, or adds a server (NULL @place) with @url filled in. */
void davscope_server_dialog_show (GtkWindow  *parent,
                                  DavPlace   *place,
                                  const char *url);

/* "https://" before an address typed without a scheme, dav:// and
 * davs:// as http:// and https://; NULL when it is no http(s) URL with
 * a host. */
char *davscope_server_dialog_normalize_url (const char *text);

G_END_DECLS
