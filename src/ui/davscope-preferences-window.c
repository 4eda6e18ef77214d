/* davscope-preferences-window.c: the settings a person may change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connections per server, the request timeout, hidden files and the
 * properties a listing asks for; each bound to GSettings, so a change
 * takes effect for the next connection (hidden files at once).
 */

#include "davscope-preferences-window.h"

#include <glib/gi18n.h>

#include "dav-client.h"

struct _DavscopePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GtkWidget            *properties_entry;
  GtkWidget            *properties_error;
};

G_DEFINE_FINAL_TYPE (DavscopePreferencesWindow, davscope_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GtkWidget *
spin_row (GSettings  *settings,
          const char *key,
          const char *title,
          const char *subtitle,
          double      lower,
          double      upper)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_settings_bind (settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);

  return row;
}

static GtkWidget *
switch_row (GSettings  *settings,
            const char *key,
            const char *title,
            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  g_settings_bind (settings, key, toggle, "active", G_SETTINGS_BIND_DEFAULT);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

  return row;
}

/* The properties are edited as one line of {namespace}name names; only
 * a list where every name parses is saved. */
static void
on_properties_changed (GtkEditable               *editable,
                       DavscopePreferencesWindow *self)
{
  g_auto(GStrv) words = g_strsplit_set (gtk_editable_get_text (editable), " \t\n,", -1);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (!dav_parse_clark_name (words[i], NULL, NULL))
        {
          g_autofree char *text = g_strdup_printf (_("“%s” is not of the form {namespace}name; nothing was saved."), words[i]);

          gtk_label_set_text (GTK_LABEL (self->properties_error), text);
          gtk_widget_set_visible (self->properties_error, TRUE);
          return;
        }
      g_strv_builder_add (names, words[i]);
    }

  gtk_widget_set_visible (self->properties_error, FALSE);
  list = g_strv_builder_end (names);
  if (list[0] != NULL)
    g_settings_set_strv (self->settings, "listing-properties", (const char * const *) list);
}

static void
davscope_preferences_window_finalize (GObject *object)
{
  DavscopePreferencesWindow *self = DAVSCOPE_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (davscope_preferences_window_parent_class)->finalize (object);
}

static void
davscope_preferences_window_class_init (DavscopePreferencesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = davscope_preferences_window_finalize;
}

static void
davscope_preferences_window_init (DavscopePreferencesWindow *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *network = adw_preferences_group_new ();
  GtkWidget *listing = adw_preferences_group_new ();
  g_auto(GStrv) names = NULL;
  g_autofree char *joined = NULL;

  self->settings = g_settings_new (APP_ID);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (network), _("Connections"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (network),
                             spin_row (self->settings, "connections-per-host", _("Connections per Server"),
                                       _("At most this many at once, for listings and bulk operations"), 1, 16));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (network),
                             spin_row (self->settings, "request-timeout", _("Request Timeout"),
                                       _("Seconds a server may stay silent before a request fails"), 5, 600));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (listing), _("Listings"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (listing),
                             switch_row (self->settings, "show-hidden", _("Show Hidden Files"),
                                         _("Items whose names start with a dot")));

  self->properties_entry = gtk_entry_new ();
  names = g_settings_get_strv (self->settings, "listing-properties");
  joined = g_strjoinv (" ", names);
  gtk_editable_set_text (GTK_EDITABLE (self->properties_entry), joined);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->properties_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Properties Asked For"), -1);
  g_signal_connect (self->properties_entry, "changed", G_CALLBACK (on_properties_changed), self);
  self->properties_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->properties_error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->properties_error), 0);
  gtk_widget_add_css_class (self->properties_error, "error");
  gtk_widget_set_visible (self->properties_error, FALSE);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *title = gtk_label_new (_("Properties Asked For"));
    GtkWidget *hint = gtk_label_new (_("{namespace}name, separated by spaces; used for the next listing."));

    gtk_label_set_xalign (GTK_LABEL (title), 0);
    gtk_label_set_xalign (GTK_LABEL (hint), 0);
    gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
    gtk_widget_add_css_class (hint, "dim-label");
    gtk_widget_set_margin_top (box, 12);
    gtk_box_append (GTK_BOX (box), title);
    gtk_box_append (GTK_BOX (box), self->properties_entry);
    gtk_box_append (GTK_BOX (box), hint);
    gtk_box_append (GTK_BOX (box), self->properties_error);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (listing), box);
  }

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (network));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (listing));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
}

GtkWidget *
davscope_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (DAVSCOPE_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}
