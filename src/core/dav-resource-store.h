/* dav-resource-store.h: the tree of remote resources behind the browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owns one DavFolder per collection, cached by URL, so that asking for a
 * folder twice gives the same model and costs no I/O (GtkTreeListModel
 * asks whether a row can expand more often than it expands it). Loading
 * starts only when asked. After a bulk operation, the store removes only
 * what the server confirmed, and lists again the folders where something
 * failed (RFC 4918 §9.6.1: members not listed in a 207 may or may not be
 * gone; ask the server, never guess).
 */

#pragma once

#include "dav-client.h"
#include "dav-folder.h"
#include "dav-report.h"

G_BEGIN_DECLS

#define DAV_TYPE_RESOURCE_STORE (dav_resource_store_get_type ())

G_DECLARE_FINAL_TYPE (DavResourceStore, dav_resource_store, DAV, RESOURCE_STORE, GObject)

DavResourceStore *dav_resource_store_new            (DavClient          *client);
DavClient        *dav_resource_store_get_client     (DavResourceStore   *self);
/* The folder of the client's base collection. */
DavFolder        *dav_resource_store_get_root       (DavResourceStore   *self);
/* Opens @url, on the client's server: it becomes the client's base and
 * the root, whose listing starts unless it is loaded or loading (the
 * cached folders stay). NULL, with @error, for another server. */
DavFolder        *dav_resource_store_open           (DavResourceStore   *self,
                                                     const char         *url,
                                                     GError            **error);
/* The cached folder of a collection; NULL for a file or a flagged entry.
 * Never starts I/O. */
DavFolder        *dav_resource_store_get_folder     (DavResourceStore   *self,
                                                     DavResource        *collection);
/* TRUE when every folder that was listed, or is being listed, is complete:
 * nothing shown comes from a partial or failed listing. */
gboolean          dav_resource_store_is_complete    (DavResourceStore   *self);
/* Lists the folder unless it is loaded or loading. */
void              dav_resource_store_load           (DavResourceStore   *self,
                                                     DavFolder          *folder);
/* Lists it again, keeping the DavResource of each entry still there. */
void              dav_resource_store_refresh        (DavResourceStore   *self,
                                                     DavFolder          *folder);
/* "{ns}name" strings asked for in listings; NULL for the default set. */
void              dav_resource_store_set_properties (DavResourceStore   *self,
                                                     const char * const *names);
/* Adds "{ns}name" to what listings ask for, when it is not there yet:
 * then every folder that was listed is listed again (a column shows it
 * on every row). */
void              dav_resource_store_ask_for        (DavResourceStore   *self,
                                                     const char         *clark);
/* Whether listings parse on a thread of their own, and make their rows
 * there, handing them to this thread's main context in order (by
 * default where a core is free; DAVSCOPE_LISTING_THREAD=0 or 1 decides).
 * Read when a listing starts. */
void              dav_resource_store_set_parse_thread (DavResourceStore *self,
                                                       gboolean          parse_thread);
/* Brings the cached folders up to date after a bulk operation. */
void              dav_resource_store_apply_report   (DavResourceStore   *self,
                                                     DavReport          *report);

G_END_DECLS
