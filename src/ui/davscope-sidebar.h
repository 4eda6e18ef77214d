/* davscope-sidebar.h: the saved servers and bookmarks beside the browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two sections, Servers and Bookmarks, of the application's places
 * (davscope-places.h). Activating one reads its server's secrets and
 * then emits ::open-location with its URL; each row's menu edits,
 * renames, moves or removes it (with Undo).
 */

#pragma once

#include <adwaita.h>

#include "dav-place.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_SIDEBAR (davscope_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeSidebar, davscope_sidebar, DAVSCOPE, SIDEBAR, AdwBin)

/* Bookmarks @url (the existing bookmark if it has one); not a new
 * reference. */
DavPlace *davscope_sidebar_add_bookmark    (DavscopeSidebar *self,
                                            const char      *url);
/* Lists the saved servers in @list too (the start page's), opening
 * them as the sidebar does; @group is shown only while there are some. */
void      davscope_sidebar_bind_start_list (DavscopeSidebar *self,
                                            GtkListBox      *list,
                                            GtkWidget       *group);

G_END_DECLS
