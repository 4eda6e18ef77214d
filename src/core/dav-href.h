/* dav-href.h: resolving and checking the hrefs of a 207 body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An href may be an absolute URI, an absolute path or (sloppily) a relative
 * reference. It is resolved against the request URL, percent-decoded once
 * for display (the encoded form is kept for requests), and placed relative
 * to the requested collection: the collection itself, a member, deeper, or
 * somewhere it has no business being.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DAV_HREF_SELF,            /* the requested resource itself */
  DAV_HREF_MEMBER,          /* a direct member of the requested collection */
  DAV_HREF_DESCENDANT,      /* deeper below it (Depth: infinity) */
  DAV_HREF_OUTSIDE,         /* same origin, not under the requested collection */
  DAV_HREF_OTHER_ORIGIN,    /* another scheme, host or port */
  DAV_HREF_INVALID,         /* cannot name a resource (bad encoding, dot segments, NUL, %2F) */
} DavHrefRelation;

typedef struct {
  char            *uri;          /* absolute, normalised, percent-encoded: for requests */
  char            *path;         /* its path, percent-encoded */
  char            *display_path; /* decoded once, control characters escaped: for people */
  char            *name;         /* decoded last segment, escaped; "" for the root */
  gboolean         collection;   /* the href ended with a slash */
  DavHrefRelation  relation;
  char            *problem;      /* why it is flagged, translated; NULL when fine */
} DavHref;

DavHref    *dav_href_resolve           (const char      *base_uri,
                                        const char      *href);
DavHref    *dav_href_copy              (const DavHref   *href);
void        dav_href_free              (DavHref         *href);
const char *dav_href_relation_to_string (DavHrefRelation relation);
/* The key under which two hrefs that name one resource compare equal:
 * every escape but %2F decoded once, no trailing slash. Not a URL. */
char       *dav_href_normalize_path    (const char      *encoded_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavHref, dav_href_free)

/* A local file name for a download of @url: the last segment, decoded,
 * with control and format characters replaced, never a path, never
 * hidden, never "..", never an option ("-rf"), never a device name of
 * Windows ("CON"), at most 200 bytes cut between characters;
 * "download" when nothing is left (docs/hostile-servers.md case 26). */
char           *dav_href_local_name         (const char     *url);

/* Splits a URL (or path) at its last segment, trailing slashes left out:
 * "http://h/a/b/" gives "http://h/a/" and "b", still percent-encoded.
 * Either out argument may be NULL. */
void            dav_href_split_last         (const char     *url,
                                             char          **parent,
                                             char          **segment);

G_END_DECLS
