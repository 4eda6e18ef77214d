/* davscope-window-private.h: what the main window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is davscope-window.c (construction, the connection, history,
 * the start page), davscope-window-actions.c (the file actions: new
 * folder, upload, download, rename, cut, copy, paste, locks),
 * davscope-window-places.c (the sidebar) and davscope-window-tabs.c (tabs,
 * drags between them, restoring them), sharing the instance struct
 * through this header, as GNOME Text Editor splits its window.
 */

#pragma once

#include "davscope-window.h"

#include "dav-resource-store.h"
#include "davscope-file-actions.h"

G_BEGIN_DECLS

/* One tab: a browser view and the connection behind it. Each tab has its
 * own client, because a client's base follows the folder shown and bounds
 * what may be changed (docs/architecture.md, Tabs); tabs on one server
 * share the login through the credentials cache. Owned by the browser
 * view (object data), so that it lives as long as anything holds it. */
typedef struct
{
  DavscopeWindow       *window;          /* unowned; NULL once closed */
  AdwTabPage           *page;            /* unowned: the tab view's */
  GtkWidget            *browser;         /* DavscopeBrowserView, the page's child */
  GtkWidget            *context_menu;    /* on a right-click in the browser */
  DavClient            *client;
  DavResourceStore     *store;
  DavFolder            *root;
  gulong                root_handler;
  GPtrArray            *history;         /* URLs, for Back */
  char                 *connection_setup; /* the saved server's proxy and certificate the client has */
  gboolean              asking_certificate;
  guint                 opening;         /* counts the addresses opened, for a late answer */
} DavscopeTab;

struct _DavscopeWindow
{
  AdwApplicationWindow  parent_instance;

  GtkWidget            *toasts;
  GtkWidget            *back_button;
  GtkWidget            *up_button;
  GtkWidget            *refresh_button;
  GtkWidget            *find_button;
  GtkWidget            *new_button;
  GtkWidget            *selection_button;
  GtkWidget            *delete_button;
  GtkWidget            *title_stack;
  GtkWidget            *location_entry;
  GtkWidget            *main_stack;
  GtkWidget            *start_entry;
  GtkWidget            *start_error;
  GtkWidget            *recent_group;
  GtkWidget            *recent_list;
  GtkStringList        *recent;        /* the URLs of recent_list's rows */
  GtkWidget            *flap;          /* davscope-window-places.c */
  GtkWidget            *sidebar;
  GtkWidget            *saved_group;
  GtkWidget            *saved_list;
  GtkWidget            *tab_bar;       /* davscope-window-tabs.c */
  GtkWidget            *tab_view;
  DavscopeTab          *tab;           /* the selected one; never NULL once built */
  GMenuModel           *new_menu;
  GMenuModel           *selection_menu;

  GSettings            *settings;
  GPtrArray            *clipboard;     /* DavResource*: cut or copied, for Paste */
  gboolean              clipboard_cut;
  gboolean              closing;       /* its tabs are no longer saved */
};

/* Enables the window's actions for what is connected and selected. */
void davscope_window_update_actions         (DavscopeWindow *self);

/* Goes to @url in the selected tab; @remember: Back returns here. */
void davscope_window_open_in_tab            (DavscopeWindow *self,
                                             const char     *url,
                                             gboolean        remember);
/* Shows @tab's state in the header and the page (the tab was selected,
 * or its location changed). */
void davscope_window_show_tab               (DavscopeWindow *self);
/* Lets go of @tab's connection and menu: the tab is closing. */
void davscope_window_release_tab            (DavscopeTab    *tab);
/* The per-view parts of a new tab's browser: menus, keys, drops. */
void davscope_window_setup_browser          (DavscopeWindow *self,
                                             DavscopeTab    *tab);

/* davscope-window-tabs.c */
void         davscope_window_class_add_tabs (GtkWidgetClass *widget_class);
void         davscope_window_init_tabs      (DavscopeWindow *self);
/* A new tab, empty (the start page); selected or in the background. */
DavscopeTab *davscope_window_add_tab        (DavscopeWindow *self,
                                             gboolean        select);
/* Updates @tab's title, tooltip and spinner from its folder. */
void         davscope_window_update_tab     (DavscopeTab    *tab);
/* Copies or moves @resources (from any tab or window) into @folder of
 * @tab, with the usual questions and report; FALSE, with a toast saying
 * so, when they are on another server than @tab's. */
gboolean     davscope_window_paste_into     (DavscopeWindow *self,
                                             DavscopeTab    *tab,
                                             DavFolder      *folder,
                                             GPtrArray      *resources,
                                             gboolean        move);
/* Open in New Tab applies to one selected folder. */
void         davscope_window_update_tab_actions (DavscopeWindow *self,
                                                 guint           n_selected);
/* Remembers the open tabs' locations for the next start (open-tabs). */
void         davscope_window_save_tabs      (DavscopeWindow *self);

/* davscope-window-actions.c: what a file operation needs of the window
 * for @tab (NULL: the selected one); FALSE when not connected. */
gboolean davscope_window_get_file_context   (DavscopeWindow      *self,
                                             DavscopeFileContext *context);
gboolean davscope_window_get_tab_file_context (DavscopeWindow      *self,
                                               DavscopeTab         *tab,
                                               DavscopeFileContext *context);
/* Installs the file actions and their keys. */
void davscope_window_class_add_file_actions (GtkWidgetClass *widget_class);
/* Open and Open With… apply to one selected file. */
void davscope_window_update_open_actions    (DavscopeWindow *self,
                                             guint           n_selected);
/* Files dropped on @browser are uploaded into the folder shown. */
void davscope_window_add_file_drop          (DavscopeWindow *self,
                                             GtkWidget      *browser);

/* davscope-window-places.c: the sidebar of saved servers and bookmarks,
 * Ctrl+D, F9, the start page's saved servers, completion and Clear
 * History. */
void davscope_window_class_add_places       (GtkWidgetClass *widget_class);
void davscope_window_init_places            (DavscopeWindow *self);

G_END_DECLS
