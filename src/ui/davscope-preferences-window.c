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
  GtkWidget            *connections_spin;
  GtkWidget            *timeout_spin;
  GtkWidget            *hidden_switch;
  GtkWidget            *lock_switch;
  GtkWidget            *restore_tabs_switch;
  GtkWidget            *properties_entry;
  GtkWidget            *properties_error;
};

G_DEFINE_FINAL_TYPE (DavscopePreferencesWindow, davscope_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

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
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = davscope_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/davscope/Davscope/davscope-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DavscopePreferencesWindow, connections_spin);
  gtk_widget_class_bind_template_child (widget_class, DavscopePreferencesWindow, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, DavscopePreferencesWindow, hidden_switch);
  gtk_widget_class_bind_template_child (widget_class, DavscopePreferencesWindow, lock_switch);
  gtk_widget_class_bind_template_child (widget_class, DavscopePreferencesWindow, restore_tabs_switch);
  gtk_widget_class_bind_template_child (widget_class, DavscopePreferencesWindow, properties_entry);
  gtk_widget_class_bind_template_child (widget_class, DavscopePreferencesWindow, properties_error);
}

static void
davscope_preferences_window_init (DavscopePreferencesWindow *self)
{
  g_auto(GStrv) names = NULL;
  g_autofree char *joined = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "connections-per-host", self->connections_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "request-timeout", self->timeout_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-hidden", self->hidden_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "lock-open-files", self->lock_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "restore-tabs", self->restore_tabs_switch, "active", G_SETTINGS_BIND_DEFAULT);

  names = g_settings_get_strv (self->settings, "listing-properties");
  joined = g_strjoinv (" ", names);
  gtk_editable_set_text (GTK_EDITABLE (self->properties_entry), joined);
  /* After the text is set: showing the setting does not write it back. */
  g_signal_connect (self->properties_entry, "changed", G_CALLBACK (on_properties_changed), self);
}

GtkWidget *
davscope_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (DAVSCOPE_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}
