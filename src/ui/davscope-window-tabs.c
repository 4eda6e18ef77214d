/* davscope-window-tabs.c: the main window's tabs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwTabView of browsers with an AdwTabBar above them (shown once there
 * are two). Ctrl+T opens the folder shown again in a new tab, Ctrl+W
 * closes one (the window, with its last), Ctrl+N opens a new window; Open
 * in New Tab and a middle-click open a folder in a tab of its own. Each
 * tab has its location, history and connection (DavscopeTab).
 *
 * Items dragged from a browser onto a tab, or onto another tab's or
 * window's browser, are copied into the folder it shows, on the server
 * (COPY; with Shift, MOVE), the way Paste does it: the Overwrite question,
 * the toast or the report. Items of another server are refused with
 * nothing sent. The tabs' locations are saved as they change and come
 * back at the next start (restore-tabs, open-tabs).
 */

#include "davscope-window-private.h"

#include <glib/gi18n.h>

#include "dav-href.h"
#include "davscope-browser-view.h"
#include "davscope-file-actions.h"

/* ---- what a drag between browsers carries ------------------------------- */

typedef struct
{
  grefcount  ref;
  GPtrArray *resources;   /* DavResource*, the selection dragged */
  GtkWidget *source;      /* the browser it came from: not dropped back there */
} DavscopeDragItems;

static DavscopeDragItems *
drag_items_ref (DavscopeDragItems *items)
{
  g_ref_count_inc (&items->ref);
  return items;
}

static void
drag_items_unref (DavscopeDragItems *items)
{
  if (!g_ref_count_dec (&items->ref))
    return;
  g_ptr_array_unref (items->resources);
  g_object_unref (items->source);
  g_free (items);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavscopeDragItems, drag_items_unref)
static GType davscope_drag_items_get_type (void);
G_DEFINE_BOXED_TYPE (DavscopeDragItems, davscope_drag_items, drag_items_ref, drag_items_unref)
#define DAVSCOPE_TYPE_DRAG_ITEMS (davscope_drag_items_get_type ())

/* ---- tabs --------------------------------------------------------------- */

static DavscopeTab *
tab_of_page (AdwTabPage *page)
{
  return g_object_get_data (G_OBJECT (adw_tab_page_get_child (page)), "davscope-tab");
}

static void
tab_free (gpointer data)
{
  DavscopeTab *tab = data;

  g_ptr_array_unref (tab->history);
  g_free (tab->connection_setup);
  g_free (tab);
}

/* A tab is named after its folder, as in Files; the server's name at the
 * top of it. */
static char *
folder_title (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *segment = NULL;

  if (uri == NULL)
    return g_strdup (url);

  dav_href_split_last (g_uri_get_path (uri), NULL, &segment);
  if (*segment == '\0')
    return g_strdup (g_uri_get_host (uri));

  return g_uri_unescape_string (segment, NULL) ?: g_steal_pointer (&segment);
}

void
davscope_window_update_tab (DavscopeTab *tab)
{
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  const char *url;

  if (tab->page == NULL)
    return;

  if (tab->client == NULL)
    {
      adw_tab_page_set_title (tab->page, _("New Tab"));
      adw_tab_page_set_tooltip (tab->page, NULL);
      adw_tab_page_set_loading (tab->page, FALSE);
      return;
    }

  url = dav_client_get_base_url (tab->client);
  title = folder_title (url);
  adw_tab_page_set_title (tab->page, title);
  escaped = g_markup_escape_text (url, -1);   /* the tooltip is markup */
  adw_tab_page_set_tooltip (tab->page, escaped);
  adw_tab_page_set_loading (tab->page, tab->root != NULL && dav_folder_get_loading (tab->root));
}

static void
add_open_tabs (DavscopeWindow *self,
               GStrvBuilder   *builder)
{
  AdwTabView *view = ADW_TAB_VIEW (self->tab_view);

  for (int i = 0; i < adw_tab_view_get_n_pages (view); i++)
    {
      DavscopeTab *tab = tab_of_page (adw_tab_view_get_nth_page (view, i));

      if (tab->client != NULL)
        g_strv_builder_add (builder, dav_client_get_base_url (tab->client));
    }
}

/* The tabs of every window but those closing, oldest window first; the
 * last window closed keeps its tabs saved (davscope_window_close_request). */
void
davscope_window_save_tabs (DavscopeWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) urls = NULL;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  GList *windows = application != NULL ? gtk_application_get_windows (application) : NULL;

  if (windows == NULL)
    add_open_tabs (self, builder);
  for (GList *l = g_list_last (windows); l != NULL; l = l->prev)
    if (DAVSCOPE_IS_WINDOW (l->data) && !DAVSCOPE_WINDOW (l->data)->closing)
      add_open_tabs (l->data, builder);
  urls = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "open-tabs", (const char * const *) urls);
}

static void add_drag_and_drop (DavscopeWindow *self,
                               DavscopeTab    *tab);
static void on_middle_click   (GtkGestureClick *gesture,
                               int              n_press,
                               double           x,
                               double           y,
                               DavscopeTab     *tab);

DavscopeTab *
davscope_window_add_tab (DavscopeWindow *self,
                         gboolean        select)
{
  DavscopeTab *tab = g_new0 (DavscopeTab, 1);
  GtkGesture *middle = gtk_gesture_click_new ();
  AdwTabPage *parent = self->tab != NULL ? self->tab->page : NULL;

  tab->window = self;
  tab->history = g_ptr_array_new_with_free_func (g_free);
  tab->browser = davscope_browser_view_new ();
  g_object_set_data_full (G_OBJECT (tab->browser), "davscope-tab", tab, tab_free);
  davscope_window_setup_browser (self, tab);
  add_drag_and_drop (self, tab);

  /* A middle-click on a folder opens it in a tab, as in Files. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (middle), GDK_BUTTON_MIDDLE);
  g_signal_connect (middle, "pressed", G_CALLBACK (on_middle_click), tab);
  gtk_widget_add_controller (tab->browser, GTK_EVENT_CONTROLLER (middle));

  /* Beside the tab it came from. */
  tab->page = adw_tab_view_add_page (ADW_TAB_VIEW (self->tab_view), tab->browser, parent);
  davscope_window_update_tab (tab);
  if (select || self->tab == NULL)
    {
      adw_tab_view_set_selected_page (ADW_TAB_VIEW (self->tab_view), tab->page);
      self->tab = tab;
    }

  return tab;
}

/* @url in a new tab beside the selected one, which it becomes. */
static void
open_in_new_tab (DavscopeWindow *self,
                 const char     *url)
{
  davscope_window_add_tab (self, TRUE);
  davscope_window_open_in_tab (self, url, FALSE);
}

static void
on_selected_page (AdwTabView     *view,
                  GParamSpec     *pspec,
                  DavscopeWindow *self)
{
  AdwTabPage *page = adw_tab_view_get_selected_page (view);

  if (page == NULL || self->tab == NULL)
    return;

  self->tab = tab_of_page (page);
  davscope_window_show_tab (self);
}

static gboolean
on_close_page (AdwTabView     *view,
               AdwTabPage     *page,
               DavscopeWindow *self)
{
  DavscopeTab *tab = tab_of_page (page);

  /* Never without a tab: the last one closed leaves a new, empty one
   * (Ctrl+W closes the window instead). */
  if (self->tab != NULL && adw_tab_view_get_n_pages (view) == 1)
    davscope_window_add_tab (self, TRUE);
  /* Another tab is shown first, so that nothing reaches a tab on its way
   * out through self->tab. */
  else if (tab == self->tab && !adw_tab_view_select_next_page (view))
    adw_tab_view_select_previous_page (view);

  davscope_window_release_tab (tab);
  tab->page = NULL;
  adw_tab_view_close_page_finish (view, page, TRUE);
  if (self->tab != NULL)
    davscope_window_save_tabs (self);

  return GDK_EVENT_STOP;
}

static void
on_page_reordered (DavscopeWindow *self)
{
  davscope_window_save_tabs (self);
}

/* ---- actions ------------------------------------------------------------ */

static void
new_tab_activated (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  g_autofree char *url = self->tab->client != NULL ? g_strdup (dav_client_get_base_url (self->tab->client)) : NULL;

  /* The folder shown, again; on the start page, another start page. */
  if (url != NULL)
    open_in_new_tab (self, url);
  else
    {
      davscope_window_add_tab (self, TRUE);
      davscope_window_show_tab (self);
      gtk_widget_activate_action (widget, "win.location", NULL);
    }
}

static void
close_tab_activated (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  AdwTabView *view = ADW_TAB_VIEW (self->tab_view);

  if (adw_tab_view_get_n_pages (view) <= 1)
    gtk_window_close (GTK_WINDOW (self));
  else
    adw_tab_view_close_page (view, self->tab->page);
}

static void
new_window_activated (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  DavscopeWindow *window = davscope_window_new (DAVSCOPE_APPLICATION (application));

  /* The folder shown, in the new window too, as Files does. */
  if (self->tab->client != NULL)
    davscope_window_open (window, dav_client_get_base_url (self->tab->client));
  gtk_window_present (GTK_WINDOW (window));
}

/* The one folder selected, or NULL. */
static DavResource *
selected_folder (DavscopeWindow *self)
{
  g_autoptr(GPtrArray) selected = NULL;

  if (self->tab->store == NULL)
    return NULL;
  selected = davscope_browser_view_get_selection (DAVSCOPE_BROWSER_VIEW (self->tab->browser));
  if (selected->len != 1 || !dav_resource_is_collection (g_ptr_array_index (selected, 0)))
    return NULL;
  return g_object_ref (g_ptr_array_index (selected, 0));
}

void
davscope_window_update_tab_actions (DavscopeWindow *self,
                                    guint           n_selected)
{
  g_autoptr(DavResource) folder = n_selected == 1 ? selected_folder (self) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-in-new-tab", folder != NULL);
}

static void
open_in_new_tab_activated (GtkWidget  *widget,
                           const char *action,
                           GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  g_autoptr(DavResource) folder = selected_folder (self);

  if (folder != NULL)
    open_in_new_tab (self, dav_resource_get_url (folder));
}

static void
on_middle_click (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 DavscopeTab     *tab)
{
  g_autoptr(DavResource) resource = NULL;

  if (tab->window == NULL || tab->store == NULL)
    return;
  resource = davscope_browser_view_get_resource_at (DAVSCOPE_BROWSER_VIEW (tab->browser), x, y);
  if (resource == NULL || !dav_resource_is_collection (resource))
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  open_in_new_tab (tab->window, dav_resource_get_url (resource));
}

/* ---- changes seen by the other tabs -------------------------------------- */

/* The folder above @url, normalised, when @tab's server is @url's; NULL
 * otherwise (another server's path may be the same). */
static char *
folder_key_in_tab (DavscopeTab *tab,
                   const char  *url)
{
  g_autofree char *here = dav_client_resolve (tab->client, url, NULL);

  return here != NULL ? dav_href_normalize_path (here) : NULL;
}

static void
reload_tabs_showing (DavscopeWindow   *self,
                     DavResourceStore *store,
                     GPtrArray        *folders)
{
  AdwTabView *view = ADW_TAB_VIEW (self->tab_view);

  for (int i = 0; i < adw_tab_view_get_n_pages (view); i++)
    {
      DavscopeTab *tab = tab_of_page (adw_tab_view_get_nth_page (view, i));
      g_autofree char *shown = NULL;

      /* The batch's own store has applied the report already. */
      if (tab->store == NULL || tab->store == store || tab->root == NULL)
        continue;
      shown = dav_href_normalize_path (dav_folder_get_url (tab->root));
      for (guint j = 0; j < folders->len; j++)
        {
          g_autofree char *key = folder_key_in_tab (tab, g_ptr_array_index (folders, j));

          if (key != NULL && g_str_equal (key, shown))
            {
              davscope_browser_view_reload (DAVSCOPE_BROWSER_VIEW (tab->browser));
              break;
            }
        }
    }
}

void
davscope_window_folders_changed (DavResourceStore *store,
                                 DavReport        *report)
{
  GApplication *application = g_application_get_default ();
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (DAV_IS_RESOURCE_STORE (store));
  g_return_if_fail (report != NULL);

  if (!GTK_IS_APPLICATION (application))
    return;

  /* Where the items were and where they went: what a reading method or
   * an item never sent leaves as it was is not listed again. */
  for (guint i = 0; i < report->items->len; i++)
    {
      DavReportItem *item = g_ptr_array_index (report->items, i);
      char *folder = NULL;

      if (item->outcome == DAV_OUTCOME_NOT_ATTEMPTED || item->method == NULL ||
          g_str_equal (item->method, "GET") || g_str_equal (item->method, "HEAD") ||
          g_str_equal (item->method, "PROPFIND") || g_str_equal (item->method, "OPTIONS"))
        continue;
      dav_href_split_last (item->url, &folder, NULL);
      if (folder != NULL)
        g_ptr_array_add (folders, folder);
      folder = NULL;
      if ((g_str_equal (item->method, "MOVE") || g_str_equal (item->method, "COPY")) && item->destination != NULL)
        {
          dav_href_split_last (item->destination, &folder, NULL);
          if (folder != NULL)
            g_ptr_array_add (folders, folder);
        }
    }
  if (folders->len == 0)
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL; l = l->next)
    if (DAVSCOPE_IS_WINDOW (l->data))
      reload_tabs_showing (l->data, store, folders);
}

/* ---- drags between tabs and windows ------------------------------------- */

gboolean
davscope_window_paste_into (DavscopeWindow *self,
                            DavscopeTab    *tab,
                            DavFolder      *folder,
                            GPtrArray      *resources,
                            gboolean        move)
{
  DavscopeFileContext context;

  if (!davscope_window_get_tab_file_context (self, tab, &context) || resources->len == 0)
    return FALSE;

  /* A COPY or MOVE is one server's work: items of another server would
   * have to be downloaded and uploaded, which is not what a drop says. */
  for (guint i = 0; i < resources->len; i++)
    {
      /* The client's own origin check: NULL for another server. */
      g_autofree char *here = dav_client_resolve (tab->client, dav_resource_get_url (g_ptr_array_index (resources, i)), NULL);

      if (here == NULL)
        {
          adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts),
                                       adw_toast_new (_("The items are on another server than this folder: nothing was copied. Download them, then upload them here.")));
          return FALSE;
        }
    }

  /* The items come from a folder the user has open elsewhere, which this
   * tab's client may not change otherwise (docs/architecture.md, Tabs). */
  for (guint i = 0; i < resources->len; i++)
    {
      const char *url = dav_resource_get_url (g_ptr_array_index (resources, i));

      if (!dav_client_check_target (tab->client, url, NULL))
        dav_client_allow_below (tab->client, url, NULL);
    }

  davscope_file_paste (&context, folder, resources, move);
  return TRUE;
}

/* Shift held at the drop: a move, as in Files. The X11 drag selects MOVE
 * for Shift itself; the tab bar's drop (libadwaita 1.2) does not say
 * which action it was, so the keyboard is asked. */
static gboolean
shift_held (GtkWidget *widget)
{
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (widget));
  GdkDevice *keyboard = seat != NULL ? gdk_seat_get_keyboard (seat) : NULL;

  return keyboard != NULL && (gdk_device_get_modifier_state (keyboard) & GDK_SHIFT_MASK) != 0;
}

static gboolean
drop_items (DavscopeWindow    *self,
            DavscopeTab       *tab,
            DavscopeDragItems *items,
            gboolean           move)
{
  /* Onto the folder it came from: nothing to do (a drag that went back). */
  if (items == NULL || tab == NULL || tab->store == NULL || items->source == tab->browser)
    return FALSE;

  return davscope_window_paste_into (self, tab, dav_resource_store_get_root (tab->store),
                                     items->resources, move);
}

static GtkWidget *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_column_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 DavscopeTab   *tab)
{
  DavscopeBrowserView *view = DAVSCOPE_BROWSER_VIEW (tab->browser);
  g_autoptr(DavscopeDragItems) items = NULL;
  g_autoptr(GPtrArray) selected = NULL;
  g_autoptr(DavResource) on_row = NULL;
  GtkWidget *list;

  /* From a row only: elsewhere a drag selects with a rubber band. */
  if (tab->store == NULL || davscope_browser_view_is_on_header (view, x, y))
    return NULL;
  on_row = davscope_browser_view_get_resource_at (view, x, y);
  if (on_row == NULL)
    return NULL;

  /* The list's rubber band saw the press too: reset it, or GTK 4.8 leaves
   * its widget behind in the list once the drag has claimed the pointer. */
  list = find_column_view (tab->browser);
  if (list != NULL)
    {
      gtk_column_view_set_enable_rubberband (GTK_COLUMN_VIEW (list), FALSE);
      gtk_column_view_set_enable_rubberband (GTK_COLUMN_VIEW (list), TRUE);
    }

  /* The row dragged joins the selection unless it is in it, as in Files. */
  davscope_browser_view_select_at (view, x, y);
  selected = davscope_browser_view_get_selection (view);
  if (selected->len == 0)
    return NULL;

  items = g_new0 (DavscopeDragItems, 1);
  g_ref_count_init (&items->ref);
  items->resources = g_ptr_array_ref (selected);
  items->source = g_object_ref (tab->browser);

  return gdk_content_provider_new_typed (DAVSCOPE_TYPE_DRAG_ITEMS, items);
}

static gboolean
on_browser_drop (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 DavscopeTab   *tab)
{
  GdkDrop *drop = gtk_drop_target_get_current_drop (target);
  gboolean move = drop != NULL && (gdk_drop_get_actions (drop) == GDK_ACTION_MOVE ||
                                   ((gdk_drop_get_actions (drop) & GDK_ACTION_MOVE) && shift_held (tab->browser)));

  if (tab->window == NULL)
    return FALSE;
  return drop_items (tab->window, tab, g_value_get_boxed (value), move);
}

/* libadwaita 1.2's tab bar follows a drag over its tabs with a motion
 * controller and an autoscroll that measures the tab under the pointer on
 * every frame, until the controller's "leave". After a drop within the
 * application that never comes: the tab stays "under the pointer", and
 * once it is closed each frame measures a widget that is gone (a flood of
 * gtk_widget_measure criticals). Told here, while the drop still is one. */
static void
end_tab_bar_hover (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_CONTROLLER_MOTION (controller) &&
          gtk_drop_controller_motion_get_drop (GTK_DROP_CONTROLLER_MOTION (controller)) != NULL)
        g_signal_emit_by_name (controller, "leave");
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    end_tab_bar_hover (child);
}

static gboolean
on_tab_bar_drop (AdwTabBar      *bar,
                 AdwTabPage     *page,
                 GValue         *value,
                 DavscopeWindow *self)
{
  gboolean done = drop_items (self, tab_of_page (page), g_value_get_boxed (value), shift_held (GTK_WIDGET (bar)));

  end_tab_bar_hover (GTK_WIDGET (bar));
  return done;
}

static void
add_drag_and_drop (DavscopeWindow *self,
                   DavscopeTab    *tab)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (DAVSCOPE_TYPE_DRAG_ITEMS, GDK_ACTION_COPY | GDK_ACTION_MOVE);

  /* Before the list's rubber band sees the press. */
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY | GDK_ACTION_MOVE);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (source), GTK_PHASE_CAPTURE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), tab);
  gtk_widget_add_controller (tab->browser, GTK_EVENT_CONTROLLER (source));

  g_signal_connect (target, "drop", G_CALLBACK (on_browser_drop), tab);
  gtk_widget_add_controller (tab->browser, GTK_EVENT_CONTROLLER (target));
}

/* ---- restoring ---------------------------------------------------------- */

void
davscope_window_restore_tabs (DavscopeWindow *self)
{
  g_auto(GStrv) urls = NULL;
  AdwTabPage *first = NULL;

  g_return_if_fail (DAVSCOPE_IS_WINDOW (self));

  if (!g_settings_get_boolean (self->settings, "restore-tabs") || self->tab->client != NULL)
    return;

  urls = g_settings_get_strv (self->settings, "open-tabs");
  for (guint i = 0; urls[i] != NULL; i++)
    {
      if (i > 0)
        davscope_window_add_tab (self, TRUE);
      if (first == NULL)
        first = self->tab->page;
      davscope_window_open_in_tab (self, urls[i], FALSE);
    }
  if (first != NULL)
    adw_tab_view_set_selected_page (ADW_TAB_VIEW (self->tab_view), first);
}

/* ---- the object --------------------------------------------------------- */

void
davscope_window_class_add_tabs (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, tab_bar);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, tab_view);

  gtk_widget_class_install_action (widget_class, "win.new-tab", NULL, new_tab_activated);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, close_tab_activated);
  gtk_widget_class_install_action (widget_class, "win.new-window", NULL, new_window_activated);
  gtk_widget_class_install_action (widget_class, "win.open-in-new-tab", NULL, open_in_new_tab_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.new-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-window", NULL);
}

void
davscope_window_init_tabs (DavscopeWindow *self)
{
  GType types[] = { DAVSCOPE_TYPE_DRAG_ITEMS };

  g_signal_connect (self->tab_view, "notify::selected-page", G_CALLBACK (on_selected_page), self);
  g_signal_connect (self->tab_view, "close-page", G_CALLBACK (on_close_page), self);
  g_signal_connect_swapped (self->tab_view, "page-reordered", G_CALLBACK (on_page_reordered), self);

  /* Items dropped on a tab go into the folder it shows. */
  adw_tab_bar_setup_extra_drop_target (ADW_TAB_BAR (self->tab_bar), GDK_ACTION_COPY | GDK_ACTION_MOVE,
                                       types, G_N_ELEMENTS (types));
  g_signal_connect (self->tab_bar, "extra-drag-drop", G_CALLBACK (on_tab_bar_drop), self);

  davscope_window_add_tab (self, TRUE);
}
