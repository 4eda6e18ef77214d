/* dav-property-reader.h: every property of one resource, on any server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4918 §9.1 has "allprop" return every dead property, and sabre/dav
 * 1.8 returns none (nor their names to "propname"): a property just saved
 * would vanish from the view. The reader asks for allprop with the names
 * it expects included, then asks by name for any of those the answer
 * left out, and merges them into the same response, with a problem that
 * says the server left them out.
 */

#pragma once

#include "dav-client.h"

G_BEGIN_DECLS

/* @expected: "{ns}name" strings the caller knows of (from a listing, or
 * just saved), NULL-terminated, may be NULL. */
void       dav_read_properties_async  (DavClient           *client,
                                       const char          *url,
                                       const char * const  *expected,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* The answer to allprop, with what was read by name merged into the
 * response about @url; a GError only when there was no answer. */
DavResult *dav_read_properties_finish (DavClient           *client,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
