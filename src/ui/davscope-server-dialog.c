/* davscope-server-dialog.c: adding or editing a saved server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A message dialog with a grid of labelled fields, like the login dialog
 * (davscope-credentials.c), so that each field is named for screen
 * readers by its label. For an existing server the secrets are read
 * first, so the password and header values can be changed rather than
 * retyped.
 *
 * A proxy of its own (empty: the system's settings) and a client
 * certificate (mutual TLS) are kept with the server; the certificate is
 * loaded as soon as it is chosen or typed, so a file Davscope cannot use
 * is said here, before saving, not at the first connection. A PKCS#12
 * file that needs a password brings up a field for it, and is loaded
 * with what is typed there; that password goes to the keyring with the
 * server's other secrets.
 */

#include "davscope-server-dialog.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "dav-client-certificate.h"
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
  GtkWidget *proxy_entry;
  GtkWidget *certificate_entry;
  GtkWidget *certificate_password_label;
  GtkWidget *certificate_password_entry;   /* shown when the certificate needs it */
  GtkWidget *problem_label;
  char      *certificate_problem; /* why the certificate cannot be used, or NULL */
  GtkNativeDialog *chooser;       /* while choosing a certificate file */
} ServerDialog;

static void
server_dialog_free (gpointer  data,
                    GObject  *dialog)
{
  ServerDialog *self = data;

  g_clear_object (&self->place);
  g_clear_object (&self->settings);
  g_free (self->certificate_problem);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
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

/* Empty (the system's proxy), or a proxy URL GIO can use. */
static gboolean
proxy_is_valid (const char *text)
{
  static const char * const schemes[] = { "http", "https", "socks", "socks4", "socks4a", "socks5", NULL };
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;

  if (*text == '\0')
    return TRUE;
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return FALSE;
  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);

  return g_strv_contains (schemes, scheme);
}

static char *
certificate_source (ServerDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->certificate_entry))));
}

/* Loads the certificate now, as the connection will (with @password,
 * empty for none): what it would show the server. @needs_password is set
 * when it is a PKCS#12 file that has one. */
static char *
check_certificate (const char *source,
                   const char *password,
                   gboolean   *needs_password)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key_pem = NULL;
  g_autofree char *key_uri = NULL;
  g_autofree char *shown = NULL;

  if (*source == '\0')
    return NULL;

  shown = g_filename_display_name (source);
  if (!g_str_has_prefix (source, "pkcs11:") && !g_file_test (source, G_FILE_TEST_IS_REGULAR))
    return g_strdup_printf (_("The client certificate “%s” is not a file. Choose a PEM or PKCS#12 file, or type a pkcs11: URI."), shown);

  /* First without a password: whether it needs one is known only by
   * GLib refusing it so. */
  certificate = dav_client_certificate_load (source, NULL, &error);
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD))
    {
      *needs_password = TRUE;
      if (*password == '\0')
        return g_strdup_printf (_("The client certificate “%s” is protected by a password: type it under Certificate password."),
                                shown);
      g_clear_error (&error);
      certificate = dav_client_certificate_load (source, password, &error);
      if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD))
        return g_strdup_printf (_("The password for the client certificate “%s” is wrong."), shown);
    }
  if (certificate == NULL)
    return g_strdup (error->message);

  /* Without its private key a certificate proves nothing. */
  g_object_get (certificate,
                "private-key-pem", &key_pem,
                "private-key-pkcs11-uri", &key_uri,
                NULL);
  if (key_pem == NULL && key_uri == NULL && !g_str_has_prefix (source, "pkcs11:"))
    return g_strdup_printf (_("The client certificate “%s” has no private key. A PEM file must hold both the certificate and its key."), shown);

  return NULL;
}

static void update_response (ServerDialog *self);

static void
certificate_changed_cb (ServerDialog *self)
{
  g_autofree char *source = certificate_source (self);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->certificate_password_entry));
  gboolean needs_password = FALSE;

  g_free (self->certificate_problem);
  self->certificate_problem = check_certificate (source, password, &needs_password);
  /* Another file may need none: the field goes, and what was typed in
   * it is not kept for that file. */
  gtk_widget_set_visible (self->certificate_password_label, needs_password);
  gtk_widget_set_visible (self->certificate_password_entry, needs_password);
  update_response (self);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     ServerDialog    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->certificate_entry), path);
    }

  g_signal_handlers_disconnect_by_data (chooser, self);
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static const char * const certificate_suffixes[] = { "pem", "crt", "cer", "key", "p12", "pfx" };

static void
choose_certificate_cb (ServerDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) any = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Choose a Client Certificate"),
                                                                  GTK_WINDOW (self->dialog),
                                                                  GTK_FILE_CHOOSER_ACTION_OPEN,
                                                                  _("_Choose"), _("_Cancel")));
  gtk_file_filter_set_name (filter, _("Certificates (PEM, PKCS#12)"));
  for (guint i = 0; i < G_N_ELEMENTS (certificate_suffixes); i++)
    gtk_file_filter_add_suffix (filter, certificate_suffixes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_filter_set_name (any, _("All files"));
  gtk_file_filter_add_pattern (any, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), any);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (self->chooser);
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
  else if (!proxy_is_valid (gtk_editable_get_text (GTK_EDITABLE (self->proxy_entry))))
    problem = _("The proxy must be a URL such as http://proxy.example.com:3128 or socks5://127.0.0.1:1080, or empty for the system’s proxy settings.");
  else if (self->certificate_problem != NULL)
    problem = self->certificate_problem;

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
  g_autofree char *proxy = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->proxy_entry))));
  g_autofree char *certificate = certificate_source (self);
  const char *certificate_password = gtk_editable_get_text (GTK_EDITABLE (self->certificate_password_entry));
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) values = NULL;
  g_auto(GStrv) properties = NULL;
  gboolean added = self->place == NULL;

  if (url == NULL || !parse_headers (headers, &names, &values) ||
      !parse_properties (gtk_editable_get_text (GTK_EDITABLE (self->properties_entry)), &properties) ||
      !proxy_is_valid (proxy) || self->certificate_problem != NULL)
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
  dav_place_set_proxy (self->place, proxy);
  dav_place_set_client_certificate (self->place, certificate);
  davscope_places_set_secrets (self->place, *password != '\0' ? password : NULL, (const char * const *) values,
                               gtk_widget_get_visible (self->certificate_password_entry) && *certificate_password != '\0'
                               ? certificate_password : NULL);

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

  /* The entry's buffer is wiped when it is freed; these go now. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  g_signal_handlers_disconnect_by_func (self->certificate_password_entry, certificate_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->certificate_password_entry), "");
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
  self->proxy_entry = davscope_grid_add_labelled (GTK_GRID (grid), row++, _("Pro_xy"), new_entry (self));
  gtk_entry_set_input_purpose (GTK_ENTRY (self->proxy_entry), GTK_INPUT_PURPOSE_URL);
  /* Translators: the placeholder of the server's proxy field. */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->proxy_entry), _("The system’s proxy settings"));

  self->certificate_entry = davscope_grid_add_labelled (GTK_GRID (grid), row++, _("Client c_ertificate"), gtk_entry_new ());
  gtk_entry_set_activates_default (GTK_ENTRY (self->certificate_entry), TRUE);
  /* Translators: the placeholder of the server's client certificate field. */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->certificate_entry), _("None"));
  /* Right under the file, which decides whether it is there. */
  self->certificate_password_entry = davscope_grid_add_labelled (GTK_GRID (grid), row, _("Certificate pass_word"),
                                                                 gtk_password_entry_new ());
  self->certificate_password_label = gtk_grid_get_child_at (GTK_GRID (grid), 0, row++);
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (self->certificate_password_entry), TRUE);
  g_object_set (self->certificate_password_entry, "activates-default", TRUE, NULL);
  gtk_widget_set_visible (self->certificate_password_label, FALSE);
  gtk_widget_set_visible (self->certificate_password_entry, FALSE);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *choose = gtk_button_new_with_mnemonic (_("Choose _File…"));
    /* Translators: the hint under the client certificate field. */
    GtkWidget *hint = gtk_label_new (_("For servers that ask for one (mutual TLS): a PEM file with its key, a PKCS#12 file, or a pkcs11: URI."));

    gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
    gtk_label_set_xalign (GTK_LABEL (hint), 0.0);
    gtk_widget_set_hexpand (hint, TRUE);
    gtk_widget_add_css_class (hint, "dim-label");
    gtk_widget_add_css_class (hint, "caption");
    gtk_widget_set_valign (choose, GTK_ALIGN_START);
    gtk_box_append (GTK_BOX (box), hint);
    gtk_box_append (GTK_BOX (box), choose);
    gtk_grid_attach (GTK_GRID (grid), box, 1, row++, 1, 1);
    g_signal_connect_swapped (choose, "clicked", G_CALLBACK (choose_certificate_cb), self);
  }

  self->problem_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->problem_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->problem_label), 0.0);
  gtk_widget_add_css_class (self->problem_label, "error");

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
      if (dav_place_get_proxy (place) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->proxy_entry), dav_place_get_proxy (place));
      if (dav_place_get_client_certificate (place) != NULL)
        {
          g_autofree char *certificate_password = davscope_places_dup_certificate_password (place);

          gtk_editable_set_text (GTK_EDITABLE (self->certificate_entry), dav_place_get_client_certificate (place));
          if (certificate_password != NULL)
            {
              gtk_editable_set_text (GTK_EDITABLE (self->certificate_password_entry), certificate_password);
              explicit_bzero (certificate_password, strlen (certificate_password));
            }
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

  /* Taller than a small screen with all its fields: they scroll, and
   * what is wrong with them stays in view below. */
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *fields = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (fields), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (fields), TRUE);
    gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (fields), TRUE);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (fields), 480);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (fields), grid);
    gtk_box_append (GTK_BOX (box), fields);
    gtk_box_append (GTK_BOX (box), self->problem_label);
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self->dialog), box);
  }
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self->dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self->dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self->dialog), "cancel");
  davscope_accessible_fix_names (self->dialog);
  /* After what is there already is in: checked once, then on each change. */
  g_signal_connect_swapped (self->certificate_entry, "changed", G_CALLBACK (certificate_changed_cb), self);
  g_signal_connect_swapped (self->certificate_password_entry, "changed", G_CALLBACK (certificate_changed_cb), self);
  certificate_changed_cb (self);

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
