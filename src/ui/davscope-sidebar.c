/* davscope-sidebar.c: the saved servers and bookmarks beside the browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both sections are views of the one DavPlaceList, filtered by kind, so
 * every window's sidebar shows the same places. The actions take the
 * place's id: a row's menu names its place, whatever its position is by
 * the time the item is chosen.
 */

#include "davscope-sidebar.h"

#include <glib/gi18n.h>

#include "dav-place-list.h"
#include "davscope-accessible.h"
#include "davscope-places.h"
#include "davscope-server-dialog.h"

struct _DavscopeSidebar
{
  AdwBin      parent_instance;

  GtkWidget  *servers_list;
  GtkWidget  *servers_empty;
  GtkWidget  *bookmarks_list;
  GtkWidget  *bookmarks_empty;

  GListModel *servers;      /* the places filtered by kind */
  GListModel *bookmarks;
  GtkWidget  *start_group;  /* weak: the window's */
};

enum {
  OPEN_LOCATION,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (DavscopeSidebar, davscope_sidebar, ADW_TYPE_BIN)

/* ---- opening ------------------------------------------------------------ */

typedef struct {
  DavscopeSidebar *sidebar;
  char            *url;
} Opening;

static void
secrets_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Opening *opening = user_data;

  davscope_places_load_secrets_finish (result);
  if (gtk_widget_get_root (GTK_WIDGET (opening->sidebar)) != NULL)
    g_signal_emit (opening->sidebar, signals [OPEN_LOCATION], 0, opening->url);

  g_object_unref (opening->sidebar);
  g_free (opening->url);
  g_free (opening);
}

/* The login of the server the place is on comes first, so that no
 * dialog asks for what was saved. */
static void
open_place (DavscopeSidebar *self,
            DavPlace        *place)
{
  DavPlaceList *list = davscope_places_get_default ();
  DavPlace *server = dav_place_get_kind (place) == DAV_PLACE_SERVER
                       ? place
                       : dav_place_list_find_server_for (list, dav_place_get_url (place));
  Opening *opening;

  if (server == NULL)
    {
      g_signal_emit (self, signals [OPEN_LOCATION], 0, dav_place_get_url (place));
      return;
    }

  opening = g_new0 (Opening, 1);
  opening->sidebar = g_object_ref (self);
  opening->url = g_strdup (dav_place_get_url (place));
  davscope_places_load_secrets_async (server, NULL, secrets_loaded_cb, opening);
}

static void
on_row_activated (GtkListBox      *list,
                  GtkListBoxRow   *row,
                  DavscopeSidebar *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "davscope-place-id");
  DavPlace *place = id != NULL ? dav_place_list_lookup (davscope_places_get_default (), id, NULL) : NULL;

  if (place != NULL)
    open_place (self, place);
}

/* ---- rows --------------------------------------------------------------- */

static void
append_item (GMenu      *section,
             const char *label,
             const char *action,
             const char *id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (id));
  g_menu_append_item (section, item);
}

static GMenuModel *
row_menu (DavPlace *place)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) move = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();
  const char *id = dav_place_get_id (place);

  if (dav_place_get_kind (place) == DAV_PLACE_SERVER)
    append_item (edit, _("_Edit…"), "sidebar.edit", id);
  append_item (edit, _("Re_name…"), "sidebar.rename", id);
  append_item (move, _("Move _Up"), "sidebar.move-up", id);
  append_item (move, _("Move _Down"), "sidebar.move-down", id);
  append_item (remove, _("_Remove"), "sidebar.remove", id);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (move));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));
  return G_MENU_MODEL (menu);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  DavPlace *place = item;
  g_autoptr(GMenuModel) menu = row_menu (place);
  g_autofree char *menu_name = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon;
  GtkWidget *label = gtk_label_new (dav_place_get_name (place));
  GtkWidget *button = gtk_menu_button_new ();

  icon = gtk_image_new_from_icon_name (dav_place_get_kind (place) == DAV_PLACE_SERVER
                                         ? "network-server-symbolic" : "folder-remote-symbolic");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: the tooltip of a sidebar row's menu button; %s is the server's or bookmark's name. */
  menu_name = g_strdup_printf (_("Actions for %s"), dav_place_get_name (place));
  gtk_widget_set_tooltip_text (button, menu_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_name, -1);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, dav_place_get_url (place));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  dav_place_get_name (place), -1);
  g_object_set_data_full (G_OBJECT (row), "davscope-place-id", g_strdup (dav_place_get_id (place)), g_free);

  return row;
}

/* The start page's: a boxed list row with the address under the name. */
static GtkWidget *
create_start_row (gpointer item,
                  gpointer user_data)
{
  DavPlace *place = item;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dav_place_get_name (place));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dav_place_get_url (place));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("network-server-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  dav_place_get_name (place), -1);
  g_object_set_data_full (G_OBJECT (row), "davscope-place-id", g_strdup (dav_place_get_id (place)), g_free);

  return row;
}

static void
update_empty (DavscopeSidebar *self)
{
  guint n_servers = g_list_model_get_n_items (self->servers);

  gtk_widget_set_visible (self->servers_empty, n_servers == 0);
  gtk_widget_set_visible (self->servers_list, n_servers > 0);
  gtk_widget_set_visible (self->bookmarks_empty, g_list_model_get_n_items (self->bookmarks) == 0);
  gtk_widget_set_visible (self->bookmarks_list, g_list_model_get_n_items (self->bookmarks) > 0);
  if (self->start_group != NULL)
    gtk_widget_set_visible (self->start_group, n_servers > 0);
}

/* ---- the row actions ---------------------------------------------------- */

static DavPlace *
place_of (GVariant *parameter)
{
  return dav_place_list_lookup (davscope_places_get_default (), g_variant_get_string (parameter, NULL), NULL);
}

static void
add_server_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  davscope_server_dialog_show (GTK_WINDOW (gtk_widget_get_root (widget)), NULL, NULL);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DavPlace *place = place_of (parameter);

  if (place != NULL)
    davscope_server_dialog_show (GTK_WINDOW (gtk_widget_get_root (widget)), place, NULL);
}

static void
rename_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename", *name != '\0');
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GtkEditable      *entry)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "davscope-place-id");
  DavPlaceList *list = davscope_places_get_default ();
  DavPlace *place = dav_place_list_lookup (list, id, NULL);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (!g_str_equal (response, "rename") || place == NULL || *name == '\0')
    return;

  dav_place_set_name (place, name);
  dav_place_list_changed (list, id);
  davscope_places_save ();
}

static void
rename_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DavPlace *place = place_of (parameter);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (place == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   dav_place_get_kind (place) == DAV_PLACE_SERVER
                                     ? _("Rename Server") : _("Rename Bookmark"),
                                   NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), dav_place_get_name (place));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "davscope-place-id", g_strdup (dav_place_get_id (place)), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (rename_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (rename_response_cb), entry);
  davscope_accessible_fix_names (dialog);
  gtk_window_set_focus (GTK_WINDOW (dialog), entry);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  int delta = g_str_equal (action_name, "sidebar.move-up") ? -1 : 1;

  if (dav_place_list_move (davscope_places_get_default (), g_variant_get_string (parameter, NULL), delta))
    davscope_places_save ();
}

/* A removed place, until its toast goes: Undo puts it back. */
typedef struct {
  DavPlace *place;
  guint     position;
  gboolean  undone;
} Removal;

static void
undo_clicked_cb (AdwToast *toast,
                 Removal  *removal)
{
  removal->undone = TRUE;
  dav_place_list_insert (davscope_places_get_default (), removal->position, removal->place);
  davscope_places_save ();
}

/* Gone for good: its secrets go too. */
static void
removal_dismissed_cb (AdwToast *toast,
                      Removal  *removal)
{
  if (!removal->undone && dav_place_get_kind (removal->place) == DAV_PLACE_SERVER)
    davscope_places_forget_secrets (removal->place);

  g_object_unref (removal->place);
  g_free (removal);
}

static void
remove_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DavPlace *place = place_of (parameter);
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *title = NULL;
  Removal *removal;
  AdwToast *toast;
  int position;

  if (place == NULL)
    return;

  removal = g_new0 (Removal, 1);
  removal->place = g_object_ref (place);
  position = dav_place_list_remove (davscope_places_get_default (), dav_place_get_id (place));
  removal->position = (guint) MAX (position, 0);
  davscope_places_save ();

  /* Translators: a toast; %s is a server's or a bookmark's name. */
  title = g_markup_printf_escaped (_("“%s” removed"), dav_place_get_name (place));
  toast = adw_toast_new (title);   /* markup in libadwaita 1.2 */
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), removal);
  g_signal_connect (toast, "dismissed", G_CALLBACK (removal_dismissed_cb), removal);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    {
      g_object_ref_sink (toast);
      adw_toast_dismiss (toast);
      g_object_unref (toast);
    }
}

/* ---- public ------------------------------------------------------------- */

DavPlace *
davscope_sidebar_add_bookmark (DavscopeSidebar *self,
                               const char      *url)
{
  DavPlaceList *list = davscope_places_get_default ();
  g_autoptr(DavPlace) place = NULL;
  DavPlace *existing;
  g_autofree char *name = NULL;

  g_return_val_if_fail (DAVSCOPE_IS_SIDEBAR (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  existing = dav_place_list_find_url (list, DAV_PLACE_BOOKMARK, url);
  if (existing != NULL)
    return existing;

  name = dav_place_name_for_url (url);
  place = dav_place_new (DAV_PLACE_BOOKMARK, name != NULL ? name : url, url);
  dav_place_list_append (list, place);
  davscope_places_save ();

  return place;
}

static void
on_start_row_activated (GtkListBox      *list,
                        GtkListBoxRow   *row,
                        DavscopeSidebar *self)
{
  on_row_activated (list, row, self);
}

void
davscope_sidebar_bind_start_list (DavscopeSidebar *self,
                                  GtkListBox      *list,
                                  GtkWidget       *group)
{
  g_return_if_fail (DAVSCOPE_IS_SIDEBAR (self));
  g_return_if_fail (GTK_IS_LIST_BOX (list));

  gtk_list_box_bind_model (list, self->servers, create_start_row, NULL, NULL);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_start_row_activated), self, 0);
  g_set_weak_pointer (&self->start_group, group);
  update_empty (self);
}

/* ---- the type ----------------------------------------------------------- */

static gboolean
is_server (gpointer item,
           gpointer user_data)
{
  return dav_place_get_kind (item) == DAV_PLACE_SERVER;
}

static gboolean
is_bookmark (gpointer item,
             gpointer user_data)
{
  return dav_place_get_kind (item) == DAV_PLACE_BOOKMARK;
}

static void
davscope_sidebar_dispose (GObject *object)
{
  DavscopeSidebar *self = DAVSCOPE_SIDEBAR (object);

  g_clear_weak_pointer (&self->start_group);
  if (self->servers != NULL)
    g_signal_handlers_disconnect_by_data (self->servers, self);
  if (self->bookmarks != NULL)
    g_signal_handlers_disconnect_by_data (self->bookmarks, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DAVSCOPE_TYPE_SIDEBAR);
  g_clear_object (&self->servers);
  g_clear_object (&self->bookmarks);

  G_OBJECT_CLASS (davscope_sidebar_parent_class)->dispose (object);
}

static void
davscope_sidebar_class_init (DavscopeSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = davscope_sidebar_dispose;

  /* The URL to go to, with its server's login ready. */
  signals [OPEN_LOCATION] = g_signal_new ("open-location",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/davscope/Davscope/davscope-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, DavscopeSidebar, servers_list);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSidebar, servers_empty);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSidebar, bookmarks_list);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSidebar, bookmarks_empty);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "sidebar.add-server", NULL, add_server_activated);
  gtk_widget_class_install_action (widget_class, "sidebar.edit", "s", edit_activated);
  gtk_widget_class_install_action (widget_class, "sidebar.rename", "s", rename_activated);
  gtk_widget_class_install_action (widget_class, "sidebar.move-up", "s", move_activated);
  gtk_widget_class_install_action (widget_class, "sidebar.move-down", "s", move_activated);
  gtk_widget_class_install_action (widget_class, "sidebar.remove", "s", remove_activated);
}

static void
davscope_sidebar_init (DavscopeSidebar *self)
{
  DavPlaceList *list = davscope_places_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->servers = G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (list)),
                                                           GTK_FILTER (gtk_custom_filter_new (is_server, NULL, NULL))));
  self->bookmarks = G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (list)),
                                                             GTK_FILTER (gtk_custom_filter_new (is_bookmark, NULL, NULL))));
  gtk_list_box_bind_model (GTK_LIST_BOX (self->servers_list), self->servers, create_row, NULL, NULL);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->bookmarks_list), self->bookmarks, create_row, NULL, NULL);
  g_signal_connect_swapped (self->servers, "items-changed", G_CALLBACK (update_empty), self);
  g_signal_connect_swapped (self->bookmarks, "items-changed", G_CALLBACK (update_empty), self);
  update_empty (self);
}
