/* dav-property-text.h: live properties in words people read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "dav-date-text.h"
#include "dav-property.h"

G_BEGIN_DECLS

/* "Not locked", "Locked (exclusive write) by demo, 9 min left", or for
 * several shared locks each one after the other. @locks as from
 * dav_lock_parse_discovery(). */
char *dav_property_text_locks          (GPtrArray         *locks);
/* A lock's scope and depth in words for the Locks window: "Exclusive",
 * "This item only"; what the server named otherwise is shown as it came,
 * escaped; NULL stays NULL. */
char *dav_property_text_lock_scope     (const char        *scope);
char *dav_property_text_lock_depth     (const char        *depth);
/* "Exclusive and shared write locks", "Exclusive write locks only",
 * "No locks offered". @entries as from dav_lock_parse_supported(). */
char *dav_property_text_supported_locks (GPtrArray        *entries);
/* "Folder", "File", or the kinds named: "Folder (calendar)". @xml is a
 * resourcetype value as the parser keeps it (NULL: empty). */
char *dav_property_text_resource_type  (const char        *xml);
/* "Plain text document" for a MIME type (GIO's description, parameters
 * ignored, the first letter a capital), "Folder" for a collection, ""
 * when nothing is known, the MIME type itself when GIO has no words. */
char *dav_property_text_content_type   (const char        *mime_type,
                                        gboolean           collection);
/* "1.2 GB used, 3.4 GB free"; either may be -1 (not reported). NULL
 * when neither is known. */
char *dav_property_text_quota          (gint64             used,
                                        gint64             available);
/* The readable form of a live DAV: property's value, or NULL when its
 * value reads as it is (or is not one Davscope knows): lockdiscovery,
 * supportedlock, resourcetype, getcontenttype, getcontentlength ("1.0 kB
 * (1041 bytes)"), the quota properties, getlastmodified and creationdate
 * (as dav_date_text_format() writes them in detail) and getetag. */
char *dav_property_text_describe       (const DavProperty *property,
                                        GDateTime         *now,
                                        gboolean           clock_12h);

G_END_DECLS
