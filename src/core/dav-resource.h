/* dav-resource.h: one remote resource as the browser shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Made from a DavResponse of a listing and updated in place when the
 * listing is refreshed, so that views keep their rows (and a tree its
 * expanded folders). The name shown as its identity always comes from the
 * href, never from displayname (docs/hostile-servers.md case 24).
 */

#pragma once

#include <gio/gio.h>

#include "dav-href.h"
#include "dav-response.h"

G_BEGIN_DECLS

#define DAV_TYPE_RESOURCE (dav_resource_get_type ())

G_DECLARE_FINAL_TYPE (DavResource, dav_resource, DAV, RESOURCE, GObject)

DavResource     *dav_resource_new              (const DavHref     *href);
/* Takes what the server said about it; notifies what changed. */
void             dav_resource_update           (DavResource       *self,
                                                const DavResponse *response,
                                                const DavHref     *href);

const char      *dav_resource_get_url          (DavResource       *self);
const char      *dav_resource_get_path         (DavResource       *self);
const char      *dav_resource_get_name         (DavResource       *self);
/* The name's collation key for file names (g_utf8_collate_key_for_filename),
 * made on first use and kept: compare keys with strcmp. */
const char      *dav_resource_get_name_key     (DavResource       *self);
const char      *dav_resource_get_display_name (DavResource       *self);
gboolean         dav_resource_is_collection    (DavResource       *self);
gint64           dav_resource_get_size         (DavResource       *self);   /* -1: unknown */
/* DAV:getlastmodified in seconds since 1970 (UTC): FALSE when unknown.
 * Kept as a number, not a GDateTime (32 bytes a row fewer). */
gboolean         dav_resource_get_modified_unix (DavResource      *self,
                                                 gint64           *unix_time);
/* The same as a new GDateTime (UTC), or NULL. */
GDateTime       *dav_resource_dup_modified     (DavResource       *self);
const char      *dav_resource_get_etag         (DavResource       *self);
const char      *dav_resource_get_content_type (DavResource       *self);
gboolean         dav_resource_is_locked        (DavResource       *self);
guint            dav_resource_get_status       (DavResource       *self);   /* 0: unknown */
DavHrefRelation  dav_resource_get_relation     (DavResource       *self);
/* Why the resource is flagged (another origin, outside the folder, a
 * malformed entry), or NULL. A flagged resource is never acted on. */
const char      *dav_resource_get_problem      (DavResource       *self);
gboolean         dav_resource_is_flagged       (DavResource       *self);
/* The response it was last made from, or NULL: every property with the
 * status of its propstat, the DAV:error conditions and the problems. A
 * plain one is kept packed and unpacked for each call (a new DavResponse,
 * equal to what was parsed): hold it while it is used, not per row. */
DavResponse     *dav_resource_dup_response     (DavResource       *self);
/* Changes each time the resource takes a new response (::notify::response):
 * what was made from the last one may be kept until it changes. */
guint            dav_resource_get_revision     (DavResource       *self);
/* For DavFolder's index: takes @key (dav_href_normalize_path of the URL)
 * and returns it kept for as long as the resource lives, as the URL
 * itself when the two are the same (nearly always), so that the index
 * holds no copy of its own. */
const char      *dav_resource_keep_index_key   (DavResource       *self,
                                                char              *key);

G_END_DECLS
