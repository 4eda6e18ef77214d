/* davscope-search-hit.h: one row of a search's results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A resource that matched, or a folder that could not be searched: the
 * results list shows both, so that a search is never taken for complete
 * when it was not (never a silent "nothing found").
 */

#pragma once

#include "dav-resource.h"
#include "dav-walk.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_SEARCH_HIT (davscope_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeSearchHit, davscope_search_hit, DAVSCOPE, SEARCH_HIT, GObject)

/* A match, at @href (resolved against @base_url, the folder searched). */
DavscopeSearchHit *davscope_search_hit_new_match   (const char           *base_url,
                                                    const DavResponse    *response,
                                                    const DavHref        *href);
/* A folder (or the search itself) that could not be searched. */
DavscopeSearchHit *davscope_search_hit_new_failure (const char           *base_url,
                                                    const DavWalkFailure *failure);

gboolean     davscope_search_hit_is_failure   (DavscopeSearchHit *self);
gboolean     davscope_search_hit_is_folder    (DavscopeSearchHit *self);
const char  *davscope_search_hit_get_url      (DavscopeSearchHit *self);
/* The folder it lies in. */
const char  *davscope_search_hit_get_folder_url (DavscopeSearchHit *self);
/* Escaped, for labels. */
const char  *davscope_search_hit_get_name     (DavscopeSearchHit *self);
/* Below the folder searched, decoded and escaped ("one/two/"). */
const char  *davscope_search_hit_get_path     (DavscopeSearchHit *self);
gint64       davscope_search_hit_get_size     (DavscopeSearchHit *self);
GDateTime   *davscope_search_hit_dup_modified (DavscopeSearchHit *self);
/* "403 Forbidden", or NULL for a match that was found. */
const char  *davscope_search_hit_get_status   (DavscopeSearchHit *self);
/* Why a folder could not be searched, in plain words; NULL for a match. */
const char  *davscope_search_hit_get_reason   (DavscopeSearchHit *self);
guint64      davscope_search_hit_get_exchange_id (DavscopeSearchHit *self);

G_END_DECLS
