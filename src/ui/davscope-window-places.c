/* davscope-window-places.c: the main window's saved servers and bookmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's side of the sidebar (davscope-sidebar.c): going where it
 * says, Ctrl+D to bookmark the folder shown, F9 and the header's toggle
 * to show or hide it (as in GNOME Files), the saved servers on the start
 * page, completion in both location entries, and Clear History with Undo.
 */

#include "davscope-window-private.h"

#include <glib/gi18n.h>

#include "davscope-location-completion.h"
#include "davscope-sidebar.h"

static void
on_open_location (DavscopeSidebar *sidebar,
                  const char      *url,
                  DavscopeWindow  *self)
{
  davscope_window_open (self, url);

  /* Folded over the page, the sidebar has done its job once used. */
  if (adw_flap_get_folded (ADW_FLAP (self->flap)))
    adw_flap_set_reveal_flap (ADW_FLAP (self->flap), FALSE);
}

static void
bookmark_activated (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  g_autofree char *title = NULL;
  AdwToast *toast;
  DavPlace *place;

  if (self->tab->client == NULL)
    return;

  place = davscope_sidebar_add_bookmark (DAVSCOPE_SIDEBAR (self->sidebar), dav_client_get_base_url (self->tab->client));
  /* Translators: a toast after Ctrl+D; %s is the bookmark's name. */
  title = g_markup_printf_escaped (_("Bookmarked “%s”"), dav_place_get_name (place));
  toast = adw_toast_new (title);   /* markup in libadwaita 1.2 */
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), toast);
}

static void
toggle_sidebar_activated (GtkWidget  *widget,
                          const char *action,
                          GVariant   *parameter)
{
  AdwFlap *flap = ADW_FLAP (DAVSCOPE_WINDOW (widget)->flap);

  adw_flap_set_reveal_flap (flap, !adw_flap_get_reveal_flap (flap));
}

/* ---- Clear History ------------------------------------------------------ */

static void
undo_clear_cb (AdwToast       *toast,
               DavscopeWindow *self)
{
  GStrv recent = g_object_get_data (G_OBJECT (toast), "davscope-recent");

  g_settings_set_strv (self->settings, "recent-locations", (const char * const *) recent);
}

static void
on_clear_history (GtkButton      *button,
                  DavscopeWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-locations");
  AdwToast *toast;

  g_settings_set_strv (self->settings, "recent-locations", NULL);

  toast = adw_toast_new (_("History cleared"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "davscope-recent", g_steal_pointer (&recent), (GDestroyNotify) g_strfreev);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clear_cb), self, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), toast);
  gtk_widget_grab_focus (self->start_entry);
}

void
davscope_window_class_add_places (GtkWidgetClass *widget_class)
{
  g_type_ensure (DAVSCOPE_TYPE_SIDEBAR);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, saved_group);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, saved_list);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_history);

  gtk_widget_class_install_action (widget_class, "win.bookmark", NULL, bookmark_activated);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.bookmark", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
}

void
davscope_window_init_places (DavscopeWindow *self)
{
  g_signal_connect (self->sidebar, "open-location", G_CALLBACK (on_open_location), self);
  davscope_sidebar_bind_start_list (DAVSCOPE_SIDEBAR (self->sidebar), GTK_LIST_BOX (self->saved_list),
                                    self->saved_group);
  davscope_location_completion_attach (GTK_ENTRY (self->location_entry), self->settings);
  davscope_location_completion_attach (GTK_ENTRY (self->start_entry), self->settings);
}
