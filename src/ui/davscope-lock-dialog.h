/* davscope-lock-dialog.h: the locks of one item, taking and removing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads DAV:lockdiscovery afresh and shows each active lock (owner, scope,
 * depth, timeout, token, root). "Lock" sends a LOCK (exclusive or shared,
 * a timeout, an owner) and keeps the token in the client, so this window's
 * own changes to the item carry it; "Remove Lock" sends UNLOCK, after a
 * warning when the lock is someone else's. Every outcome is shown with its
 * status and explanation.
 */

#pragma once

#include <adwaita.h>

#include "dav-resource-store.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_LOCK_DIALOG (davscope_lock_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeLockDialog, davscope_lock_dialog, DAVSCOPE, LOCK_DIALOG, AdwWindow)

/* Opens the locks of @resource, modal to @parent, and reads them.
 *
 * Returns: (transfer none): the window, which belongs to GTK's list of
 * toplevels and is destroyed when closed. */
DavscopeLockDialog *davscope_lock_dialog_show (GtkWindow        *parent,
                                               DavResourceStore *store,
                                               DavResource      *resource);

G_END_DECLS
