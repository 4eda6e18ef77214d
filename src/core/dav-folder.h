/* dav-folder.h: the members of one collection, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of DavResource with the state of its listing: loading,
 * loaded, complete, and the error that stopped it. Views bind to it; the
 * DavResourceStore fills it, in batches while the answer streams in.
 * Entries the server sent that are not members (another origin, outside
 * the folder, malformed) are in the list too, flagged, never hidden.
 */

#pragma once

#include <gio/gio.h>

#include "dav-resource.h"

G_BEGIN_DECLS

#define DAV_TYPE_FOLDER (dav_folder_get_type ())

G_DECLARE_FINAL_TYPE (DavFolder, dav_folder, DAV, FOLDER, GObject)

const char  *dav_folder_get_url         (DavFolder *self);
/* The collection itself, from its own entry in the listing; NULL before. */
DavResource *dav_folder_get_resource    (DavFolder *self);
gboolean     dav_folder_get_loading     (DavFolder *self);
gboolean     dav_folder_get_loaded      (DavFolder *self);
/* Loaded from a whole, well-formed answer with every entry understood:
 * only then may "select all" and bulk actions use it
 * (docs/hostile-servers.md promise 2). */
gboolean     dav_folder_get_complete    (DavFolder *self);
/* Why the last listing failed, or NULL; owned by @self. G_TLS_ERROR for
 * a refused certificate (dav_folder_get_rejected_certificate),
 * DAV_ERROR_REDIRECT for a refused redirect (dav_error_get_redirect_target),
 * DAV_ERROR_STATUS for an answer other than 207, G_IO_ERROR_CANCELLED
 * when the listing was stopped, else what the connection said. Its
 * message is for people, with what the server sent escaped. A 207 that
 * parses badly is no error: the folder is then not complete. */
const GError *dav_folder_get_error      (DavFolder *self);
/* The error's message, or NULL. */
const char  *dav_folder_get_error_message (DavFolder *self);
/* The certificate the last listing refused, and why; NULL if none.
 * Owned by @self. */
GTlsCertificate *dav_folder_get_rejected_certificate
                                        (DavFolder            *self,
                                         GTlsCertificateFlags *errors);
/* The HTTP status of the last listing, 0 when there was no answer. */
guint        dav_folder_get_status      (DavFolder *self);
/* DavProblem* of the answer as a whole. */
GPtrArray   *dav_folder_get_problems    (DavFolder *self);
guint        dav_folder_get_n_flagged   (DavFolder *self);
guint64      dav_folder_get_exchange_id (DavFolder *self);
DavResource *dav_folder_find            (DavFolder  *self,
                                         const char *url);

G_END_DECLS
