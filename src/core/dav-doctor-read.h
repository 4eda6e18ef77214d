/* dav-doctor-read.h: the pure parts of the doctor's read checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What dav-doctor-read.c decides from text alone (is this an HTTP date,
 * an entity tag, an escaped href), apart from the checks that send
 * requests, so that tests/core/test-doctor-read.c can try them on
 * every form a server has been seen to send.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Sun, 06 Nov 1994 08:49:37 GMT" exactly: the IMF-fixdate that
 * RFC 4918 §15.7 asks of DAV:getlastmodified (RFC 9110 §5.6.7). */
gboolean dav_doctor_is_http_date      (const char *value);
/* An RFC 3339 date-time, as DAV:creationdate must be (RFC 4918 §15.1). */
gboolean dav_doctor_is_rfc3339_date   (const char *value);
/* A strong or weak entity tag with its quotes (RFC 9110 §8.8.3). */
gboolean dav_doctor_is_entity_tag     (const char *value);
/* Whether @href holds a byte a URI cannot (a space, a raw non-ASCII
 * byte, "<", a "%" not followed by two hex digits...): RFC 3986 §2,
 * RFC 4918 §8.3.1. An absolute URI's authority is not looked at. */
gboolean dav_doctor_href_is_unescaped (const char *href);
/* Whether the root element of an XML document is unprefixed (so in a
 * default namespace); FALSE when it cannot tell. */
gboolean dav_doctor_root_is_unprefixed (const char *data,
                                        gsize       length);
/* The schemes of a WWW-Authenticate field ("Basic", "Digest"), which
 * may hold several challenges (RFC 9110 §11.6.1). */
GStrv    dav_doctor_auth_schemes      (const char *challenges);
/* The DAV header's tokens, trimmed, without empty ones. */
GStrv    dav_doctor_split_dav_header  (const char *value);

G_END_DECLS
