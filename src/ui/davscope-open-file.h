/* davscope-open-file.h: opening a remote file in a local application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Double-click, Enter and Open on a file download it into the cache and
 * show it in the default application (Open With… asks for one); every
 * save is uploaded by a DavEditSession (src/core/dav-edit-session.h).
 * The window says what the server did: a toast "Saved" only after its
 * 2xx, the conflict question after a 412, a failure with its exchange.
 */

#pragma once

#include <adwaita.h>

#include "dav-resource.h"
#include "dav-resource-store.h"

G_BEGIN_DECLS

/* Opens @resource (a file) of @store's server: @choose asks for the
 * application first. The edit sessions live as long as @parent. */
void davscope_open_file (GtkWindow        *parent,
                         AdwToastOverlay  *toasts,
                         DavResourceStore *store,
                         DavResource      *resource,
                         gboolean          choose);

G_END_DECLS
