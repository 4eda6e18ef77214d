/* davscope-browser-view.h: the lazy tree of a WebDAV collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dav-resource-store.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_BROWSER_VIEW (davscope_browser_view_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeBrowserView, davscope_browser_view, DAVSCOPE, BROWSER_VIEW, GtkWidget)

GtkWidget *davscope_browser_view_new            (void);
/* Shows the store's root folder, listing it if needed. */
void       davscope_browser_view_set_store      (DavscopeBrowserView *self,
                                                 DavResourceStore    *store);
/* Before a new store lists anything: its listings ask for the properties
 * of the columns saved for its server. */
void       davscope_browser_view_prepare_store  (DavscopeBrowserView *self,
                                                 DavResourceStore    *store);
/* Whether @x, @y (in the view) is on a part with a menu of its own: the
 * column header, a property in the details pane. */
gboolean   davscope_browser_view_is_on_header   (DavscopeBrowserView *self,
                                                 double               x,
                                                 double               y);
DavResourceStore *davscope_browser_view_get_store (DavscopeBrowserView *self);
void       davscope_browser_view_reload         (DavscopeBrowserView *self);
/* Items whose names start with a dot are left out unless shown. */
void       davscope_browser_view_set_show_hidden (DavscopeBrowserView *self,
                                                  gboolean             show_hidden);
/* Find: shows the search bar and puts the focus in it; the rows are
 * filtered by name as it is typed (dav_text_name_matches). */
void       davscope_browser_view_find           (DavscopeBrowserView *self);
/* The selected resources that may be acted on: never a flagged entry,
 * never the folder itself. */
GPtrArray *davscope_browser_view_get_selection  (DavscopeBrowserView *self);
/* How many of those there are, counting up to @limit (0: all); and in
 * @complete (may be NULL), whether every listing they come from is
 * complete (see davscope_browser_view_can_act). */
guint      davscope_browser_view_count_selection (DavscopeBrowserView *self,
                                                  guint                limit,
                                                  gboolean            *complete);
/* FALSE while a listing on screen is loading, partial or failed: bulk
 * actions wait for a whole listing (docs/hostile-servers.md promise 2). */
gboolean   davscope_browser_view_can_act        (DavscopeBrowserView *self);
/* Right-click at (@x, @y), in the view's coordinates: the row there joins
 * or becomes the selection. FALSE when there is no row there. */
gboolean   davscope_browser_view_select_at      (DavscopeBrowserView *self,
                                                 double               x,
                                                 double               y);
/* The item of the row at (@x, @y), in the view's coordinates, without
 * changing the selection (a middle-click); NULL off the rows. */
DavResource *davscope_browser_view_get_resource_at (DavscopeBrowserView *self,
                                                    double               x,
                                                    double               y);
/* Selects the item at @url, now or once a listing shown brings it (after
 * a rename, a new folder, an upload), and scrolls to it; a selection the
 * user makes first wins. */
void       davscope_browser_view_select_url     (DavscopeBrowserView *self,
                                                 const char          *url);
/* The folder the one selected item was listed in; NULL unless exactly one
 * item is selected. */
DavFolder *davscope_browser_view_get_selected_folder (DavscopeBrowserView *self);
/* Where the menu the Menu key or Shift+F10 opens points, in the view's
 * coordinates; FALSE when the keyboard focus is not in the list. The
 * focused row (it becomes the selection unless it is in it) or else the
 * first selected row shown, with @on_row TRUE; the top of the list when
 * no selected row is shown. */
gboolean   davscope_browser_view_get_menu_area  (DavscopeBrowserView *self,
                                                 GdkRectangle        *area,
                                                 gboolean            *on_row);

G_END_DECLS
