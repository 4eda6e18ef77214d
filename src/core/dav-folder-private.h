/* dav-folder-private.h: what DavResourceStore does to a DavFolder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dav-folder.h"

G_BEGIN_DECLS

DavFolder *dav_folder_new           (const char   *url);
void       dav_folder_begin_load    (DavFolder    *self,
                                     gboolean      refresh);
/* Adds or updates the entry for @href; the list changes in batches. */
void       dav_folder_take_response (DavFolder    *self,
                                     DavResponse  *response,
                                     const DavHref *href);
/* One entry of a listing made ready off the main thread
 * (dav_folder_entry_new), for dav_folder_take_entry on the folder's. */
typedef struct _DavFolderEntry DavFolderEntry;

/* Any thread; touches no folder. @seen holds the hashes of the keys of
 * the listing's entries so far (GUINT_TO_POINTER; the caller's, given
 * each entry in order), or is NULL for a refresh, whose rows are the
 * folder's to update. With @seen, an entry whose key is new (nearly
 * all) gets its row made here, and its response and href are let go;
 * the others keep them (a reference) for the folder to decide. */
DavFolderEntry *dav_folder_entry_new  (DavResponse   *response,
                                       const DavHref *href,
                                       GHashTable    *seen);
void            dav_folder_entry_free (DavFolderEntry *entry);
/* What dav_folder_take_response does, with what the entry made; takes
 * the entry. */
void       dav_folder_take_entry    (DavFolder      *self,
                                     DavFolderEntry *entry);
/* Before dav_folder_end_load: what a listing that failed on TLS refused. */
void       dav_folder_set_rejected_certificate
                                    (DavFolder    *self,
                                     GTlsCertificate *certificate,
                                     GTlsCertificateFlags errors);
void       dav_folder_end_load      (DavFolder    *self,
                                     guint         status,
                                     gboolean      complete,
                                     const GError *error,
                                     GPtrArray    *problems,
                                     guint64       exchange_id);
/* A refresh asked for while a listing runs: it runs again after. */
void       dav_folder_set_refresh_pending (DavFolder *self,
                                           gboolean   pending);
gboolean   dav_folder_get_refresh_pending (DavFolder *self);
gboolean   dav_folder_remove        (DavFolder    *self,
                                     const char   *url);
/* Removes the items of @urls (not found: ignored) with one change per
 * run of neighbours, not one per item; how many went. */
guint      dav_folder_remove_many   (DavFolder         *self,
                                     const char *const *urls,
                                     guint              n_urls);

G_END_DECLS
