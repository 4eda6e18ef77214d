/* davscope-info-window.c: a small window of facts read from the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "davscope-info-window.h"

#include <glib/gi18n.h>

#include "dav-text.h"
#include "davscope-accessible.h"

GtkWidget *
davscope_info_window_new (GtkWindow  *parent,
                          const char *title,
                          int         width,
                          int         height,
                          GtkWidget **stack)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkShortcutController *keys = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  *stack = gtk_stack_new ();
  gtk_widget_set_vexpand (*stack, TRUE);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Asking the server"), -1);
  gtk_stack_add_named (GTK_STACK (*stack), spinner, "loading");
  gtk_box_append (GTK_BOX (box), *stack);
  adw_window_set_content (ADW_WINDOW (window), box);

  gtk_shortcut_controller_add_shortcut (keys, gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                                gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, GTK_EVENT_CONTROLLER (keys));
  davscope_accessible_fix_names (window);

  return window;
}

GtkWidget *
davscope_info_group_new (GtkWidget  *page,
                         const char *title,
                         const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  return group;
}

/* A value of at most this many characters fits beside its title on one
 * line, in English and German, at the windows' default width. */
#define SHORT_VALUE_CHARS 24

/* Short values sit at the end of their row on one line, as GNOME
 * Settings' About page shows facts; longer ones (tokens, URLs, lists)
 * go under the title, across the row, and wrap between words: a value
 * squeezed into a suffix would be broken inside its words. */
void
davscope_info_add_value (GtkWidget  *group,
                         const char *title,
                         const char *value)
{
  g_autofree char *escaped = dav_text_escape (value ? value : "", -1);
  GtkWidget *label = gtk_label_new (escaped);
  GtkWidget *row;

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");

  if (g_utf8_strlen (escaped, -1) <= SHORT_VALUE_CHARS)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      GtkWidget *heading = gtk_label_new (title);

      row = adw_preferences_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      /* Where an AdwActionRow puts its title and subtitle. */
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_box_append (GTK_BOX (box), heading);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
    }

  /* The value is what an assistive technology reads after the title. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, escaped, -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}
