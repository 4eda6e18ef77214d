/* davscope-window-private.h: what the main window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is davscope-window.c (construction, the connection, history,
 * the start page), davscope-window-actions.c (the file actions: new
 * folder, upload, download, rename, cut, copy, paste, locks) and
 * davscope-window-places.c (the sidebar), sharing the instance struct
 * through this header, as GNOME Text Editor splits its window.
 */

#pragma once

#include "davscope-window.h"

#include "dav-resource-store.h"
#include "davscope-file-actions.h"

G_BEGIN_DECLS

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
  GtkWidget            *browser;
  GtkWidget            *context_menu;    /* on a right-click in the browser */
  GMenuModel           *new_menu;
  GMenuModel           *selection_menu;

  GSettings            *settings;
  DavClient            *client;
  DavResourceStore     *store;
  DavFolder            *root;
  gulong                root_handler;
  GPtrArray            *history;       /* URLs, for Back */
  GPtrArray            *clipboard;     /* DavResource*: cut or copied, for Paste */
  gboolean              clipboard_cut;
  gboolean              asking_certificate;
  char                 *connection_setup; /* the saved server's proxy and certificate the client has */
};

/* Enables the window's actions for what is connected and selected. */
void davscope_window_update_actions         (DavscopeWindow *self);

/* davscope-window-actions.c: what a file operation needs of the window;
 * FALSE when not connected. */
gboolean davscope_window_get_file_context   (DavscopeWindow      *self,
                                             DavscopeFileContext *context);
/* Installs the file actions and their keys. */
void davscope_window_class_add_file_actions (GtkWidgetClass *widget_class);
/* Open and Open With… apply to one selected file. */
void davscope_window_update_open_actions    (DavscopeWindow *self,
                                             guint           n_selected);
/* Files dropped on the browser are uploaded into the folder shown. */
void davscope_window_add_file_drop          (DavscopeWindow *self);

/* davscope-window-places.c: the sidebar of saved servers and bookmarks,
 * Ctrl+D, F9, the start page's saved servers, completion and Clear
 * History. */
void davscope_window_class_add_places       (GtkWidgetClass *widget_class);
void davscope_window_init_places            (DavscopeWindow *self);

G_END_DECLS
