/* dav-search.h: finding resources below a collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * By name (any case and accents, as the folder's filter compares) and/or
 * by the value of one property. Where OPTIONS on the collection
 * advertises DAV:basicsearch (DASL header, RFC 5323 §3), one SEARCH
 * request asks the server; otherwise, or when the SEARCH is refused, the
 * tree is walked a folder at a time with several PROPFINDs in flight
 * (DavWalk) and compared here. Matches are handed over as they are read;
 * a folder that could not be searched is handed over too, with why, so
 * that "nothing found" is never said of a tree that was not all seen.
 */

#pragma once

#include "dav-client.h"
#include "dav-href.h"
#include "dav-walk.h"

G_BEGIN_DECLS

typedef enum {
  DAV_SEARCH_METHOD_NONE,     /* not decided yet (OPTIONS in flight) */
  DAV_SEARCH_METHOD_SEARCH,   /* one SEARCH request */
  DAV_SEARCH_METHOD_WALK,     /* PROPFIND Depth 1 per folder */
} DavSearchMethod;

#define DAV_TYPE_SEARCH (dav_search_get_type ())

G_DECLARE_FINAL_TYPE (DavSearch, dav_search, DAV, SEARCH, GObject)

/* Signals:
 * ::match (const DavResponse *, const DavHref *): a resource that matches,
 *   its href resolved against the collection searched (MEMBER or
 *   DESCENDANT).
 * ::failed (const DavWalkFailure *): a folder (or the SEARCH itself) that
 *   could not be searched, with its status and exchange.
 * ::progress: the counts changed. */

/* @name_text: what the name contains (NULL or "" for any); @property
 * ({ns}name) and @value_text: what that property's value contains (NULL
 * for none). @names: the properties to read of each match (a listing's).
 * NULL, with @error, when nothing is asked or @property is no {ns}name. */
DavSearch       *dav_search_new             (DavClient           *client,
                                             const char          *url,
                                             const char          *name_text,
                                             const char          *property,
                                             const char          *value_text,
                                             const char * const  *names,
                                             GError             **error);
/* Whether to ask OPTIONS and use SEARCH where offered (default TRUE). */
void             dav_search_set_use_search  (DavSearch           *self,
                                             gboolean             use_search);
/* PROPFINDs in flight at once while walking (default 4). */
void             dav_search_set_concurrency (DavSearch           *self,
                                             guint                concurrency);
void             dav_search_run_async       (DavSearch           *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* FALSE only when cancelled: failures are handed over as ::failed. */
gboolean         dav_search_run_finish      (DavSearch           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

const char      *dav_search_get_url         (DavSearch           *self);
DavSearchMethod  dav_search_get_method      (DavSearch           *self);
/* Why SEARCH was advertised but the tree was walked (translated), and the
 * exchange of the refused SEARCH; NULL and 0 when it was not. */
const char      *dav_search_get_fallback_reason (DavSearch       *self,
                                                 guint64         *exchange_id);
guint            dav_search_get_n_folders   (DavSearch           *self);
guint            dav_search_get_n_in_flight (DavSearch           *self);
guint            dav_search_get_n_matches   (DavSearch           *self);
guint            dav_search_get_n_failures  (DavSearch           *self);
/* Whether @response (at @href) is what is searched for. */
gboolean         dav_search_matches         (DavSearch           *self,
                                             const DavResponse   *response,
                                             const DavHref       *href);
/* Whether an OPTIONS answer's DASL header offers DAV:basicsearch. */
gboolean         dav_search_offers_basicsearch (SoupMessageHeaders *headers);

G_END_DECLS
