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
void       dav_folder_end_load      (DavFolder    *self,
                                     guint         status,
                                     gboolean      complete,
                                     const char   *error,
                                     GPtrArray    *problems,
                                     guint64       exchange_id);
gboolean   dav_folder_remove        (DavFolder    *self,
                                     const char   *url);

G_END_DECLS
