/* davscope-server-dialog.c: adding or editing a saved server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A message dialog with a grid of labelled fields, like the login dialog
 * (davscope-credentials.c), so that each field is named for screen
 * readers by its label. For an existing server the secrets are read
 * first, so the password and header values can be changed rather than
 * retyped.
 */

#include "davscope-server-dialog.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "davscope-accessible.h"
#include "davscope-places.h"
#include "davscope-ui-util.h"

typedef struct {
  DavPlace  *place;       /* NULL: a new server */
  GSettings *settings;
  GtkWidget *dialog;
  GtkWidget *name_entry;
  GtkWidget *url_entry;
  GtkWidget *user_entry;
  GtkWidget *password_entry;
  GtkWidget *connections_spin;
  GtkWidget *properties_entry;
  GtkWidget *headers_view;
  GtkWidget *problem_label;
} ServerDialog;

static void
server_dialog_free (gpointer  data,
                    GObject  *dialog)
{
  ServerDialog *self = data;

  g_clear_object (&self->place);
  g_clear_object (&self->settings);
  g_free (self);
}

char *
davscope_server_dialog_normalize_url (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *full = NULL;

  if (*trimmed == '\0')
    return NULL;
  full = strstr (trimmed, "://") == NULL ? g_strconcat ("https://", trimmed, NULL) : g_strdup (trimmed);

  return dav_place_http_url (full, FALSE, NULL);
}

static char *
headers_text (ServerDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->headers_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
is_token (const char *text)
{
  /* RFC 9110 §5.6.2 tchar */
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("!#$%&'*+-.^_`|~", *p) == NULL)
      return FALSE;

  return TRUE;
}

/* The headers typed, "Name: value" per line; FALSE for a line that is
 * not one, or a value with a control character. */
static gboolean
parse_headers (const char  *text,
               GStrv       *names,
               GStrv       *values)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GStrvBuilder) name_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) value_builder = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      char *colon;

      if (*line == '\0')
        continue;
      colon = strchr (line, ':');
      if (colon == NULL)
        return FALSE;
      *colon = '\0';
      g_strstrip (line);
      g_strstrip (colon + 1);
      if (!is_token (line) || *(colon + 1) == '\0')
        return FALSE;
      for (const char *p = colon + 1; *p != '\0'; p++)
        if (g_ascii_iscntrl (*p))
          return FALSE;

      g_strv_builder_add (name_builder, line);
      g_strv_builder_add (value_builder, colon + 1);
    }

  *names = g_strv_builder_end (name_builder);
  *values = g_strv_builder_end (value_builder);
  return TRUE;
}

/* "{ns}name" separated by spaces or commas; NULL for an empty field,
 * FALSE for a word of another form. */
static gboolean
parse_properties (const char *text,
                  GStrv      *properties)
{
  g_auto(GStrv) words = g_strsplit_set (text, " ,\t", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *close;

      if (*words[i] == '\0')
        continue;
      close = strchr (words[i], '}');
      if (words[i][0] != '{' || close == NULL || close[1] == '\0')
        return FALSE;
      g_strv_builder_add (builder, words[i]);
    }

  result = g_strv_builder_end (builder);
  *properties = result[0] != NULL ? g_steal_pointer (&result) : NULL;
  return TRUE;
}

static void
update_response (ServerDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  g_autofree char *url = davscope_server_dialog_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_entry)));
  g_autofree char *headers = headers_text (self);
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) values = NULL;
  g_auto(GStrv) properties = NULL;
  const char *problem = NULL;

  if (*gtk_editable_get_text (GTK_EDITABLE (self->url_entry)) != '\0' && url == NULL)
    problem = _("The address must be an http, https, dav or davs URL with a host, without a user name in it.");
  else if (!parse_properties (gtk_editable_get_text (GTK_EDITABLE (self->properties_entry)), &properties))
    problem = _("Write each listing property as {namespace}name.");
  else if (!parse_headers (headers, &names, &values))
    problem = _("Write each extra header on a line of its own, as Name: value.");

  gtk_label_set_text (GTK_LABEL (self->problem_label), problem != NULL ? problem : "");
  gtk_widget_set_visible (self->problem_label, problem != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self->dialog), "save",
                                           problem == NULL && url != NULL && *name != '\0');
}

static void
save (ServerDialog *self)
{
  DavPlaceList *list = davscope_places_get_default ();
  g_autofree char *url = davscope_server_dialog_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_entry)));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_entry))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));
  int connections = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->connections_spin));
  g_autofree char *headers = headers_text (self);
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) values = NULL;
  g_auto(GStrv) properties = NULL;
  gboolean added = self->place == NULL;

  if (url == NULL || !parse_headers (headers, &names, &values) ||
      !parse_properties (gtk_editable_get_text (GTK_EDITABLE (self->properties_entry)), &properties))
    return;

  if (added)
    self->place = dav_place_new (DAV_PLACE_SERVER, name, url);
  dav_place_set_name (self->place, name);
  dav_place_set_url (self->place, url);
  dav_place_set_user (self->place, user);
  /* The Preferences' number is not copied: it follows the Preferences. */
  dav_place_set_connections (self->place,
                             connections == g_settings_get_int (self->settings, "connections-per-host") &&
                             dav_place_get_connections (self->place) == 0 ? 0 : (guint) connections);
  dav_place_set_properties (self->place, (const char * const *) properties);
  dav_place_set_header_names (self->place, (const char * const *) names);
  davscope_places_set_secrets (self->place, *password != '\0' ? password : NULL, (const char * const *) values);

  if (added)
    dav_place_list_append (list, self->place);
  else
    dav_place_list_changed (list, dav_place_get_id (self->place));
  davscope_places_save ();
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             ServerDialog     *self)
{
  if (g_str_equal (response, "save"))
    save (self);

  /* The entry's buffer is wiped when it is freed; this one goes now. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
}

/* GTK 4.8 with the accessibility bus: a password entry with the focus
 * when its window goes reaches freed memory (as in the login dialog). */
static void
release_focus_cb (GtkWidget *dialog)
{
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
}

static GtkWidget *
new_entry (ServerDialog *self)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (update_response), self);
  return entry;
}

static void
present (GtkWindow *parent,
         DavPlace  *place,
         const char *url)
{
  ServerDialog *self = g_new0 (ServerDialog, 1);
  g_autoptr(GStrvBuilder) header_lines = g_strv_builder_new ();
  g_auto(GStrv) header_values = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *password = NULL;
  GtkWidget *grid;
  GtkWidget *scrolled;
  int row = 0;

  self->place = place != NULL ? g_object_ref (place) : NULL;
  self->settings = g_settings_new (APP_ID);
  self->dialog = adw_message_dialog_new (parent, place != NULL ? _("Edit Server") : _("Add Server"), NULL);
  gtk_window_set_modal (GTK_WINDOW (self->dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self->dialog), TRUE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self->dialog),
                               _("The password and the header values are kept in the keyring."));
  /* Before the fields, whose "changed" enables Save. */
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self->dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  self->name_entry = davscope_grid_add_labelled (GTK_GRID (grid), row++, _("_Name"), new_entry (self));
  self->url_entry = davscope_grid_add_labelled (GTK_GRID (grid), row++, _("_Address"), new_entry (self));
  gtk_entry_set_input_purpose (GTK_ENTRY (self->url_entry), GTK_INPUT_PURPOSE_URL);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->url_entry), "https://example.com/dav/");
  self->user_entry = davscope_grid_add_labelled (GTK_GRID (grid), row++, _("_User name"), new_entry (self));
  self->password_entry = davscope_grid_add_labelled (GTK_GRID (grid), row++, _("_Password"), gtk_password_entry_new ());
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (self->password_entry), TRUE);
  g_object_set (self->password_entry, "activates-default", TRUE, NULL);
  self->connections_spin = davscope_grid_add_labelled (GTK_GRID (grid), row++, _("_Connections"),
                                    gtk_spin_button_new_with_range (1, 16, 1));
  self->properties_entry = davscope_grid_add_labelled (GTK_GRID (grid), row++, _("Listing p_roperties"), new_entry (self));
  /* Translators: the placeholder of the server's listing properties field. */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->properties_entry), _("As in Preferences"));

  self->headers_view = gtk_text_view_new ();
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->headers_view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->headers_view), GTK_WRAP_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->headers_view), FALSE);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->headers_view)), "changed",
                            G_CALLBACK (update_response), self);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->headers_view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 60);
  gtk_widget_add_css_class (scrolled, "frame");
  davscope_grid_add_labelled (GTK_GRID (grid), row++, _("Extra _headers"), scrolled);
  gtk_label_set_mnemonic_widget (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, row - 1)),
                                 self->headers_view);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->headers_view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  gtk_grid_get_child_at (GTK_GRID (grid), 0, row - 1), NULL,
                                  -1);
  {
    /* Translators: the hint under the extra headers field. */
    GtkWidget *hint = gtk_label_new (_("One per line, e.g. Authorization: Bearer …; sent with every request to this server."));

    gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
    gtk_label_set_xalign (GTK_LABEL (hint), 0.0);
    gtk_widget_add_css_class (hint, "dim-label");
    gtk_widget_add_css_class (hint, "caption");
    gtk_grid_attach (GTK_GRID (grid), hint, 1, row++, 1, 1);
  }
  self->problem_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->problem_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->problem_label), 0.0);
  gtk_widget_add_css_class (self->problem_label, "error");
  gtk_grid_attach (GTK_GRID (grid), self->problem_label, 0, row++, 2, 1);

  /* What is there already. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->connections_spin),
                             place != NULL && dav_place_get_connections (place) > 0
                               ? (double) dav_place_get_connections (place)
                               : (double) g_settings_get_int (self->settings, "connections-per-host"));
  if (place != NULL)
    {
      const char * const *names = dav_place_get_header_names (place);

      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), dav_place_get_name (place));
      gtk_editable_set_text (GTK_EDITABLE (self->url_entry), dav_place_get_url (place));
      if (dav_place_get_user (place) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->user_entry), dav_place_get_user (place));
      password = davscope_places_dup_password (place);
      if (password != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->password_entry), password);
      if (dav_place_get_properties (place) != NULL)
        {
          g_autofree char *text = g_strjoinv (" ", (GStrv) dav_place_get_properties (place));

          gtk_editable_set_text (GTK_EDITABLE (self->properties_entry), text);
        }
      header_values = davscope_places_dup_header_values (place);
      for (guint i = 0; names[i] != NULL; i++)
        {
          const char *value = header_values != NULL && i < g_strv_length (header_values) ? header_values[i] : "";

          g_autofree char *line = g_strdup_printf ("%s: %s", names[i], value);

          g_strv_builder_add (header_lines, line);
        }
      lines = g_strv_builder_end (header_lines);
      joined = g_strjoinv ("\n", lines);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->headers_view)), joined, -1);
    }
  else if (url != NULL)
    {
      g_autofree char *name = dav_place_name_for_url (url);

      gtk_editable_set_text (GTK_EDITABLE (self->url_entry), url);
      if (name != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self->dialog), grid);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self->dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self->dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self->dialog), "cancel");
  davscope_accessible_fix_names (self->dialog);
  update_response (self);

  g_signal_connect (self->dialog, "response", G_CALLBACK (response_cb), self);
  g_signal_connect (self->dialog, "unmap", G_CALLBACK (release_focus_cb), NULL);
  g_object_weak_ref (G_OBJECT (self->dialog), server_dialog_free, self);
  gtk_window_set_focus (GTK_WINDOW (self->dialog), place != NULL || url == NULL ? self->name_entry : self->user_entry);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

typedef struct {
  GWeakRef  parent;
  DavPlace *place;
} Pending;

static void
secrets_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&pending->parent);

  davscope_places_load_secrets_finish (result);
  if (parent != NULL)
    present (parent, pending->place, NULL);

  g_weak_ref_clear (&pending->parent);
  g_object_unref (pending->place);
  g_free (pending);
}

void
davscope_server_dialog_show (GtkWindow  *parent,
                             DavPlace   *place,
                             const char *url)
{
  Pending *pending;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (place == NULL || DAV_IS_PLACE (place));

  if (place == NULL)
    {
      present (parent, NULL, url);
      return;
    }

  pending = g_new0 (Pending, 1);
  g_weak_ref_init (&pending->parent, parent);
  pending->place = g_object_ref (place);
  davscope_places_load_secrets_async (place, NULL, secrets_loaded_cb, pending);
}
