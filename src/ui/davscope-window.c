/* davscope-window.c: the main browser window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A start page (location entry, saved servers, recent locations) and the
 * browser, with the sidebar beside them (davscope-window-places.c). The
 * window owns the connection: one DavClient per server and a
 * DavResourceStore over it; browsing elsewhere on the same server moves the
 * client's base, so that what may be deleted is what the user is looking
 * at.
 */

#include "davscope-window-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dav-error.h"
#include "dav-text.h"
#include "davscope-accessible.h"
#include "davscope-browser-view.h"
#include "davscope-certificate-dialog.h"
#include "davscope-credentials.h"
#include "davscope-doctor-window.h"
#include "davscope-search-window.h"
#include "davscope-inspector-window.h"
#include "davscope-location-completion.h"
#include "davscope-places.h"
#include "davscope-property-editor.h"
#include "davscope-report-window.h"
#include "davscope-server-info.h"

#define MAX_RECENT 10

G_DEFINE_FINAL_TYPE (DavscopeWindow, davscope_window, ADW_TYPE_APPLICATION_WINDOW)

static void open_url (DavscopeWindow *self,
                      const char     *url,
                      gboolean        remember);
static void on_browser_right_click (GtkGestureClick *gesture,
                                    int              n_press,
                                    double           x,
                                    double           y,
                                    DavscopeWindow  *self);

/* ---- recent locations --------------------------------------------------- */

static void
on_recent_activated (GtkListBox     *list,
                     GtkListBoxRow  *row,
                     DavscopeWindow *self)
{
  const char *url = gtk_string_list_get_string (self->recent, gtk_list_box_row_get_index (row));

  if (url != NULL)
    open_url (self, url, TRUE);
}

static GtkWidget *
create_recent_row (gpointer item,
                   gpointer user_data)
{
  const char *url = gtk_string_object_get_string (item);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (url);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, url, -1);

  return row;
}

static void
fill_recent (DavscopeWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-locations");

  gtk_string_list_splice (self->recent, 0, g_list_model_get_n_items (G_LIST_MODEL (self->recent)),
                          (const char * const *) recent);
  gtk_widget_set_visible (self->recent_group, recent[0] != NULL);
}

static void
remember_location (DavscopeWindow *self,
                   const char     *url)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-locations");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, url);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    if (!g_str_equal (recent[i], url))
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }

  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-locations", (const char * const *) updated);
  fill_recent (self);
}

/* ---- the connection ----------------------------------------------------- */

/* What people type: "example.com/dav" means https, dav:// and davs://
 * are what desktop links use. */
static char *
normalize_location (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (*trimmed == '\0')
    return NULL;
  if (strstr (trimmed, "://") == NULL)
    return g_strconcat ("https://", trimmed, NULL);

  return g_steal_pointer (&trimmed);
}

/* The header bar offers what applies: the start page has no folder to
 * reload, go up from, add to or act on, so those buttons are not there;
 * in the browser they stay put, and the menu of the selection is off
 * while none of its items applies (each item is hidden while its action
 * is disabled). */
static void
update_buttons (DavscopeWindow *self,
                gboolean        selection_menu_applies)
{
  gboolean browsing = self->tab->store != NULL &&
                      g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->main_stack)), "browser") == 0;

  gtk_widget_set_visible (self->back_button, browsing || self->tab->history->len > 0);
  gtk_widget_set_visible (self->up_button, browsing);
  gtk_widget_set_visible (self->refresh_button, browsing);
  gtk_widget_set_visible (self->find_button, browsing);
  gtk_widget_set_visible (self->new_button, browsing);
  gtk_widget_set_visible (self->selection_button, browsing);
  gtk_widget_set_visible (self->delete_button, browsing);
  gtk_widget_set_sensitive (self->selection_button, selection_menu_applies);
}

static void
update_actions (DavscopeWindow *self)
{
  gboolean connected = self->tab->store != NULL;
  gboolean complete = FALSE;
  /* Up to two: enough to tell none, one and several. */
  guint n_selected = connected ? davscope_browser_view_count_selection (DAVSCOPE_BROWSER_VIEW (self->tab->browser), 2, &complete) : 0;
  gboolean selected = n_selected > 0;
  /* Bulk actions wait for whole listings (davscope_browser_view_can_act). */
  gboolean can_act = selected && complete;
  gboolean can_go_up = FALSE;

  if (connected)
    {
      g_autoptr(GUri) uri = g_uri_parse (dav_client_get_base_url (self->tab->client), G_URI_FLAGS_ENCODED, NULL);

      can_go_up = uri != NULL && !g_str_equal (g_uri_get_path (uri), "/");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete", can_act);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.inspector", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.server-info", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.properties", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search-below", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.bookmark", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.up", can_go_up);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", self->tab->history->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-folder", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.upload", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.download", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename", n_selected == 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", n_selected == 1);
  davscope_window_update_open_actions (self, n_selected);
  davscope_window_update_tab_actions (self, n_selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cut", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.paste", connected && self->clipboard->len > 0);
  update_buttons (self, selected || (connected && self->clipboard->len > 0));
}

void
davscope_window_update_actions (DavscopeWindow *self)
{
  update_actions (self);
}

static void
show_start_error (DavscopeWindow *self,
                  const char     *message)
{
  gtk_label_set_text (GTK_LABEL (self->start_error), message);
  gtk_widget_set_visible (self->start_error, message != NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "start");
  gtk_stack_set_visible_child_name (GTK_STACK (self->title_stack), "title");
  update_actions (self);
}

/* The tab that asked may have closed meanwhile: its browser is held,
 * and a closed tab has no store left to reload. */
static void
on_certificate_decided (DavscopeCertificateDecision decision,
                        gpointer                    user_data)
{
  GtkWidget *browser = user_data;
  DavscopeTab *tab = g_object_get_data (G_OBJECT (browser), "davscope-tab");

  tab->asking_certificate = FALSE;
  if (decision != DAVSCOPE_CERTIFICATE_REJECT && tab->store != NULL)
    davscope_browser_view_reload (DAVSCOPE_BROWSER_VIEW (browser));
  g_object_unref (browser);
}

static void
on_redirect_response (AdwMessageDialog *dialog,
                      const char       *response,
                      const char       *url)
{
  /* The window that asked; none once it is gone. */
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (DAVSCOPE_IS_WINDOW (parent) && g_str_equal (response, "open"))
    open_url (DAVSCOPE_WINDOW (parent), url, TRUE);
}

static void
ask_redirect (DavscopeWindow *self,
              const char     *url)
{
  g_autofree char *shown = dav_text_escape (url, -1);
  g_autofree char *body = g_strdup_printf (_("The server answered that this folder is at\n\n%s\n\nThat is another server, so Davscope did not go there by itself: nothing was sent to it, and no password. Opening it connects to it as a new server, which asks for its own login if it needs one."),
                                           shown);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Open the Other Server?"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* The URL lives as long as the dialog's handler. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_redirect_response),
                         g_strdup (url), (GClosureNotify) G_CALLBACK (g_free), 0);
  davscope_accessible_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A listing of a tab's root ended: remember the location, or ask the user
 * what the failure leaves to them. */
static void
on_root_loaded (DavscopeTab *tab,
                DavFolder   *folder)
{
  DavscopeWindow *self = tab->window;
  const GError *error = dav_folder_get_error (folder);
  GTlsCertificateFlags errors = 0;
  GTlsCertificate *certificate;
  const char *elsewhere;

  if (error == NULL)
    {
      if (dav_folder_get_loaded (folder))
        remember_location (self, dav_folder_get_url (folder));
      return;
    }

  /* The listing failed on an untrusted certificate: the user decides. */
  certificate = dav_folder_get_rejected_certificate (folder, &errors);
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) && certificate != NULL)
    {
      if (!tab->asking_certificate)
        {
          tab->asking_certificate = TRUE;
          davscope_certificate_dialog_ask (GTK_WINDOW (self), tab->client, certificate, errors,
                                           on_certificate_decided, g_object_ref (tab->browser));
        }
      return;
    }

  /* Sent to another server: the user decides, and that server is a new
   * connection with its own login (docs/hostile-servers.md case 34). */
  elsewhere = dav_error_get_redirect_target (error);
  if (elsewhere != NULL)
    ask_redirect (self, elsewhere);
}

static void
on_root_state (DavFolder   *folder,
               GParamSpec  *pspec,
               DavscopeTab *tab)
{
  if (tab->window == NULL)
    return;
  if (tab == tab->window->tab)
    update_actions (tab->window);
  davscope_window_update_tab (tab);

  /* Once per listing: "loading" turns false when it ends. */
  if (g_str_equal (pspec->name, "loading") && !dav_folder_get_loading (folder))
    on_root_loaded (tab, folder);
}

static void
watch_root (DavscopeTab *tab,
            DavFolder   *root)
{
  if (tab->root != NULL)
    g_clear_signal_handler (&tab->root_handler, tab->root);
  g_clear_object (&tab->root);
  if (root != NULL)
    {
      tab->root = g_object_ref (root);
      tab->root_handler = g_signal_connect (tab->root, "notify", G_CALLBACK (on_root_state), tab);
    }
}

static void
disconnect (DavscopeTab *tab)
{
  davscope_browser_view_set_store (DAVSCOPE_BROWSER_VIEW (tab->browser), NULL);
  watch_root (tab, NULL);
  g_clear_object (&tab->store);
  g_clear_object (&tab->client);
}

void
davscope_window_release_tab (DavscopeTab *tab)
{
  disconnect (tab);
  g_clear_pointer (&tab->context_menu, gtk_widget_unparent);
  tab->window = NULL;
}

/* A new connection for @url in @tab: its client, with the user's settings
 * and the window's login and certificate questions, and a store over it. */
static gboolean
connect_to (DavscopeWindow  *self,
            DavscopeTab     *tab,
            const char      *url,
            GError         **error)
{
  g_autoptr(DavClient) client = dav_client_new (url, error);
  g_auto(GStrv) names = NULL;

  if (client == NULL)
    return FALSE;

  disconnect (tab);
  tab->client = g_steal_pointer (&client);
  dav_client_set_max_connections (tab->client,
                                  g_settings_get_int (self->settings, "connections-per-host"));
  dav_client_set_timeout (tab->client, g_settings_get_int (self->settings, "request-timeout"));
  davscope_credentials_attach (tab->client, GTK_WINDOW (self));
  davscope_certificate_apply_remembered (tab->client);
  tab->store = dav_resource_store_new (tab->client);
  names = g_settings_get_strv (self->settings, "listing-properties");
  dav_resource_store_set_properties (tab->store, (const char * const *) names);
  /* A saved server's own connections, properties, headers, proxy and
   * client certificate. */
  davscope_places_configure (tab->client, tab->store);
  g_free (tab->connection_setup);
  tab->connection_setup = davscope_places_dup_connection_setup (url);
  davscope_browser_view_prepare_store (DAVSCOPE_BROWSER_VIEW (tab->browser), tab->store);

  return TRUE;
}

void
davscope_window_show_tab (DavscopeWindow *self)
{
  DavscopeTab *tab = self->tab;

  if (tab->store != NULL)
    {
      davscope_location_completion_set_text (GTK_ENTRY (self->location_entry), dav_client_get_base_url (tab->client));
      gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "browser");
      gtk_stack_set_visible_child_name (GTK_STACK (self->title_stack), "location");
      gtk_widget_set_visible (self->start_error, FALSE);
    }
  else
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "start");
      gtk_stack_set_visible_child_name (GTK_STACK (self->title_stack), "title");
    }
  update_actions (self);
}

void
davscope_window_open_in_tab (DavscopeWindow *self,
                             const char     *url,
                             gboolean        remember)
{
  open_url (self, url, remember);
}

static void open_url_in_tab (DavscopeWindow *self,
                             DavscopeTab    *tab,
                             const char     *url,
                             gboolean        remember);

typedef struct {
  GtkWidget *browser;   /* the tab's (it owns the tab) */
  guint      opening;   /* the tab's opening it waits for */
  char      *url;
} SecretsWait;

static void
secrets_for_tab_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SecretsWait *wait = user_data;
  DavscopeTab *tab = g_object_get_data (G_OBJECT (wait->browser), "davscope-tab");

  davscope_places_load_secrets_finish (result);
  /* Not when the tab closed, or went elsewhere meanwhile. */
  if (tab != NULL && tab->window != NULL && tab->opening == wait->opening)
    open_url_in_tab (tab->window, tab, wait->url, FALSE);

  g_object_unref (wait->browser);
  g_free (wait->url);
  g_free (wait);
}

/* A saved server's login, extra headers and certificate password come
 * from the keyring before its first client is made, wherever the address
 * came from (a restored tab, a typed one, a link): TRUE when they are
 * being read and @tab opens @url once they are. */
static gboolean
wait_for_secrets (DavscopeTab *tab,
                  const char  *url)
{
  DavPlace *server = dav_place_list_find_server_for (davscope_places_get_default (), url);
  SecretsWait *wait;

  if (server == NULL || davscope_places_secrets_known (server))
    return FALSE;

  wait = g_new0 (SecretsWait, 1);
  wait->browser = g_object_ref (tab->browser);
  wait->opening = tab->opening;
  wait->url = g_strdup (url);
  davscope_places_load_secrets_async (server, NULL, secrets_for_tab_cb, wait);

  return TRUE;
}

/* Goes to @url in @tab, shown or not. */
static void
open_url_in_tab (DavscopeWindow *self,
                 DavscopeTab    *tab,
                 const char     *url,
                 gboolean        remember)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normal = normalize_location (url);
  const char *current = tab->client ? dav_client_get_base_url (tab->client) : NULL;
  DavFolder *root = NULL;

  if (normal == NULL)
    return;

  tab->opening++;
  if (remember && current != NULL)
    g_ptr_array_add (tab->history, g_strdup (current));

  /* Same server: move there with the connection (and login) we have. */
  if (tab->store != NULL)
    root = dav_resource_store_open (tab->store, normal, NULL);
  if (root == NULL)
    {
      if (wait_for_secrets (tab, normal))
        return;
      if (!connect_to (self, tab, normal, &error) ||
          (root = dav_resource_store_open (tab->store, normal, &error)) == NULL)
        {
          davscope_window_update_tab (tab);
          if (tab == self->tab)
            show_start_error (self, error->message);
          return;
        }
    }

  watch_root (tab, root);
  davscope_browser_view_set_store (DAVSCOPE_BROWSER_VIEW (tab->browser), tab->store);
  davscope_window_update_tab (tab);
  if (tab == self->tab)
    davscope_window_show_tab (self);
  davscope_window_save_tabs (self);
}

static void
open_url (DavscopeWindow *self,
          const char     *url,
          gboolean        remember)
{
  open_url_in_tab (self, self->tab, url, remember);
}

void
davscope_window_open (DavscopeWindow *self,
                      const char     *url)
{
  g_return_if_fail (DAVSCOPE_IS_WINDOW (self));

  open_url (self, url, TRUE);
}

static void
on_start_activate (GtkWidget      *widget,
                   DavscopeWindow *self)
{
  open_url (self, gtk_editable_get_text (GTK_EDITABLE (self->start_entry)), TRUE);
}

static void
on_location_activate (GtkEntry       *entry,
                      DavscopeWindow *self)
{
  open_url (self, gtk_editable_get_text (GTK_EDITABLE (entry)), TRUE);
}

static void
on_browser_selection_changed (DavscopeBrowserView *view,
                              DavscopeWindow      *self)
{
  /* Only the tab shown has actions; the others' listings go on. */
  if (self->tab == NULL || GTK_WIDGET (view) != self->tab->browser)
    return;
  update_actions (self);
}

static void
on_show_hidden_changed (DavscopeWindow *self)
{
  gboolean show = g_settings_get_boolean (self->settings, "show-hidden");

  for (int i = 0; i < adw_tab_view_get_n_pages (ADW_TAB_VIEW (self->tab_view)); i++)
    davscope_browser_view_set_show_hidden (DAVSCOPE_BROWSER_VIEW (adw_tab_page_get_child (adw_tab_view_get_nth_page (ADW_TAB_VIEW (self->tab_view), i))),
                                           show);
}

/* The parts of a tab's browser that are the window's: the selection's
 * actions, the menus, dropped files, hidden files. */
void
davscope_window_setup_browser (DavscopeWindow *self,
                               DavscopeTab    *tab)
{
  /* Right-click (or a long press) opens a menu where it happened. */
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_browser_right_click), self);
  gtk_widget_add_controller (tab->browser, GTK_EVENT_CONTROLLER (click));

  davscope_window_add_file_drop (self, tab->browser);
  g_signal_connect (tab->browser, "selection-changed", G_CALLBACK (on_browser_selection_changed), self);
  davscope_browser_view_set_show_hidden (DAVSCOPE_BROWSER_VIEW (tab->browser),
                                         g_settings_get_boolean (self->settings, "show-hidden"));
}

/* ---- actions ------------------------------------------------------------ */

static void
back_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  g_autofree char *url = NULL;

  if (self->tab->history->len == 0)
    return;

  url = g_ptr_array_steal_index (self->tab->history, self->tab->history->len - 1);
  open_url (self, url, FALSE);
}

static void
up_activated (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  g_autofree char *parent = NULL;

  if (self->tab->client == NULL)
    return;

  parent = dav_client_resolve (self->tab->client, "..", NULL);
  if (parent != NULL)
    open_url (self, parent, TRUE);
}

static void
refresh_activated (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  davscope_browser_view_reload (DAVSCOPE_BROWSER_VIEW (DAVSCOPE_WINDOW (widget)->tab->browser));
}

static void
find_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);

  if (self->tab->store != NULL)
    davscope_browser_view_find (DAVSCOPE_BROWSER_VIEW (self->tab->browser));
}

static void
location_activated (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);

  if (self->tab->store != NULL)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->title_stack), "location");
      gtk_widget_grab_focus (self->location_entry);
    }
  else
    gtk_widget_grab_focus (self->start_entry);
}

typedef struct {
  DavscopeWindow *window;
  GPtrArray      *urls;
} DeleteRequest;

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    DeleteRequest    *request)
{
  DavscopeWindow *self = request->window;
  DavscopeFileContext context;

  if (g_str_equal (response, "delete") && davscope_window_get_file_context (self, &context))
    {
      g_autoptr(DavBatch) batch = davscope_report_window_new_batch (dav_resource_store_get_client (self->tab->store));

      /* A URL the batch refuses is a row of the report saying why. One
       * item deleted ends in a toast, without Undo: it is gone. */
      for (guint i = 0; i < request->urls->len; i++)
        dav_batch_add_delete (batch, g_ptr_array_index (request->urls, i), NULL);
      davscope_file_run_batch (&context, DAV_OPERATION_DELETE, batch, FALSE);
    }

  g_ptr_array_unref (request->urls);
  g_object_unref (request->window);
  g_free (request);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  DeleteRequest *request;
  GtkWidget *dialog;
  guint n_collections = 0;

  if (!davscope_browser_view_can_act (DAVSCOPE_BROWSER_VIEW (self->tab->browser)))
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts),
                                   adw_toast_new (_("Deleting waits for a complete listing: reload first.")));
      return;
    }

  resources = davscope_browser_view_get_selection (DAVSCOPE_BROWSER_VIEW (self->tab->browser));
  if (resources->len == 0)
    return;

  request = g_new0 (DeleteRequest, 1);
  request->window = g_object_ref (self);
  request->urls = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < resources->len; i++)
    {
      DavResource *resource = g_ptr_array_index (resources, i);

      g_ptr_array_add (request->urls, g_strdup (dav_resource_get_url (resource)));
      if (dav_resource_is_collection (resource))
        n_collections++;
      if (i < 8)
        g_string_append_printf (names, "%s%s%s", i ? "\n" : "", dav_resource_get_name (resource),
                                dav_resource_is_collection (resource) ? "/" : "");
    }
  if (resources->len > 8)
    g_string_append_printf (names, "\n%s", _("…"));

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Item?", "Delete %u Items?", resources->len),
                             resources->len);
  if (n_collections > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s\n\nThis includes %u folder, with everything in it. Deleting cannot be undone.",
                                         "%s\n\nThis includes %u folders, with everything in them. Deleting cannot be undone.",
                                         n_collections),
                            names->str, n_collections);
  else
    body = g_strdup_printf (_("%s\n\nDeleting cannot be undone."), names->str);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), request);
  davscope_accessible_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
inspector_activated (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);

  if (self->tab->client != NULL)
    davscope_inspector_window_show (GTK_WINDOW (self), self->tab->client, 0);
}

static void
show_exchange_activated (GtkWidget  *widget,
                         const char *action,
                         GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);

  if (self->tab->client != NULL)
    davscope_inspector_window_show (GTK_WINDOW (self), self->tab->client, g_variant_get_uint64 (parameter));
}

static void
properties_activated (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  g_autoptr(GPtrArray) resources = NULL;

  if (self->tab->store == NULL)
    return;

  resources = davscope_browser_view_get_selection (DAVSCOPE_BROWSER_VIEW (self->tab->browser));
  if (resources->len > 0)
    davscope_property_editor_show (GTK_WINDOW (self), self->tab->store, resources);
}

/* The folder's menu: what can be added here, and a search below it. */
static GMenuModel *
folder_menu (DavscopeWindow *self)
{
  GMenu *menu = g_object_get_data (G_OBJECT (self), "davscope-folder-menu");

  if (menu == NULL)
    {
      g_autoptr(GMenu) search = g_menu_new ();

      menu = g_menu_new ();
      g_menu_append_section (menu, NULL, self->new_menu);
      g_menu_append (search, _("_Search Below Here…"), "win.search-below");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (search));
      g_object_set_data_full (G_OBJECT (self), "davscope-folder-menu", menu, g_object_unref);
    }
  return G_MENU_MODEL (menu);
}

/* The menu of the browser, pointing at @at (the browser's coordinates):
 * what can be done with the selection on a row, what can be added here
 * elsewhere. */
static void
popup_browser_menu (DavscopeWindow     *self,
                    gboolean            on_row,
                    const GdkRectangle *at)
{
  if (self->tab->context_menu == NULL)
    {
      self->tab->context_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->tab->context_menu, self->tab->browser);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->tab->context_menu), FALSE);
      gtk_widget_set_halign (self->tab->context_menu, GTK_ALIGN_START);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->tab->context_menu),
                                   on_row ? self->selection_menu : folder_menu (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->tab->context_menu), at);
  gtk_popover_popup (GTK_POPOVER (self->tab->context_menu));
}

static void
on_browser_right_click (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        DavscopeWindow  *self)
{
  GdkRectangle at = { (int) x, (int) y, 1, 1 };

  /* The column header has its own menu, of the columns. */
  if (self->tab->store == NULL || davscope_browser_view_is_on_header (DAVSCOPE_BROWSER_VIEW (self->tab->browser), x, y))
    return;

  popup_browser_menu (self, davscope_browser_view_select_at (DAVSCOPE_BROWSER_VIEW (self->tab->browser), x, y), &at);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* The Menu key and Shift+F10 open the same menu at the focused row; a
 * text field with the focus has its own menu first. */
static gboolean
popup_menu_key (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  GdkRectangle at;
  gboolean on_row;

  if (self->tab->store == NULL ||
      !davscope_browser_view_get_menu_area (DAVSCOPE_BROWSER_VIEW (self->tab->browser), &at, &on_row))
    return FALSE;

  popup_browser_menu (self, on_row, &at);
  return TRUE;
}

static void
server_info_activated (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);

  if (self->tab->client != NULL)
    davscope_server_info_show (GTK_WINDOW (self), self->tab->client);
}

/* The doctor, for the folder shown, or on the start page for the address
 * typed there (none: its window asks); with the login given for that
 * server in this run. */
static void
check_server_activated (GtkWidget  *widget,
                        const char *action,
                        GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  gboolean browsing = self->tab->client != NULL &&
                      g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->main_stack)), "browser") == 0;
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;

  if (browsing)
    url = g_strdup (dav_client_get_base_url (self->tab->client));
  else
    url = normalize_location (gtk_editable_get_text (GTK_EDITABLE (self->start_entry)));

  if (url != NULL)
    davscope_credentials_lookup (url, &user, &password);
  davscope_doctor_window_show (GTK_WINDOW (self), url, user, password, browsing ? self->tab->client : NULL);
  if (password != NULL)
    explicit_bzero (password, strlen (password));
}

/* Search Below Here: the folder shown and below, in a window of its own. */
static void
search_below_activated (GtkWidget  *widget,
                        const char *action,
                        GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  g_auto(GStrv) names = NULL;

  if (self->tab->store == NULL || self->tab->root == NULL)
    return;
  names = g_settings_get_strv (self->settings, "listing-properties");
  davscope_search_window_show (GTK_WINDOW (self), self->tab->store, dav_folder_get_url (self->tab->root),
                               (const char * const *) names);
}

void
davscope_window_show_in_folder (DavscopeWindow *self,
                                const char     *folder_url,
                                const char     *url)
{
  g_return_if_fail (DAVSCOPE_IS_WINDOW (self));

  open_url (self, folder_url, TRUE);
  davscope_browser_view_select_url (DAVSCOPE_BROWSER_VIEW (self->tab->browser), url);
}

/* ---- the object --------------------------------------------------------- */

static gboolean
davscope_window_close_request (GtkWindow *window)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  /* Another window stays: the tabs saved are its own from now on. The
   * last window's stay saved for the next start. */
  self->closing = TRUE;
  if (gtk_window_get_application (window) != NULL &&
      g_list_length (gtk_application_get_windows (gtk_window_get_application (window))) > 1)
    davscope_window_save_tabs (self);

  return GTK_WINDOW_CLASS (davscope_window_parent_class)->close_request (window);
}

/* A saved server's proxy or certificate changed (Edit Server): each tab
 * connected to it connects again with them, where its folder was. */
static void
on_places_changed (DavscopeWindow *self)
{
  AdwTabView *view = ADW_TAB_VIEW (self->tab_view);

  for (int i = 0; i < adw_tab_view_get_n_pages (view); i++)
    {
      GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (view, i));
      DavscopeTab *tab = g_object_get_data (G_OBJECT (child), "davscope-tab");
      g_autofree char *setup = NULL;
      g_autofree char *url = NULL;

      if (tab->client == NULL)
        continue;
      setup = davscope_places_dup_connection_setup (dav_client_get_base_url (tab->client));
      if (g_strcmp0 (setup, tab->connection_setup) == 0)
        continue;

      url = g_strdup (tab->root != NULL ? dav_folder_get_url (tab->root) : dav_client_get_base_url (tab->client));
      disconnect (tab);
      open_url_in_tab (self, tab, url, FALSE);
    }
}

static void
davscope_window_dispose (GObject *object)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (object);

  /* Each tab lets go of its connection and menu; the views go with the
   * template. */
  if (self->tab_view != NULL)
    for (int i = adw_tab_view_get_n_pages (ADW_TAB_VIEW (self->tab_view)) - 1; i >= 0; i--)
      {
        GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (ADW_TAB_VIEW (self->tab_view), i));

        davscope_window_release_tab (g_object_get_data (G_OBJECT (child), "davscope-tab"));
      }
  self->tab = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), DAVSCOPE_TYPE_WINDOW);

  G_OBJECT_CLASS (davscope_window_parent_class)->dispose (object);
}

static void
davscope_window_finalize (GObject *object)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->recent);
  g_ptr_array_unref (self->clipboard);

  G_OBJECT_CLASS (davscope_window_parent_class)->finalize (object);
}

static void
davscope_window_class_init (DavscopeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = davscope_window_dispose;
  object_class->finalize = davscope_window_finalize;
  window_class->close_request = davscope_window_close_request;

  g_type_ensure (DAVSCOPE_TYPE_BROWSER_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/davscope/Davscope/davscope-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, up_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, find_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, selection_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, location_entry);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, start_entry);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, start_error);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, new_menu);
  gtk_widget_class_bind_template_child (widget_class, DavscopeWindow, selection_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_start_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_location_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "win.up", NULL, up_activated);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "win.location", NULL, location_activated);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "win.search-below", NULL, search_below_activated);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "win.inspector", NULL, inspector_activated);
  gtk_widget_class_install_action (widget_class, "win.show-exchange", "t", show_exchange_activated);
  gtk_widget_class_install_action (widget_class, "win.properties", NULL, properties_activated);
  gtk_widget_class_install_action (widget_class, "win.server-info", NULL, server_info_activated);
  gtk_widget_class_install_action (widget_class, "win.check-server", NULL, check_server_activated);
  davscope_window_class_add_file_actions (widget_class);
  davscope_window_class_add_places (widget_class);
  davscope_window_class_add_tabs (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.location", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search-below", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete", NULL);
  /* Not Ctrl+Shift+I: GTK's own inspector takes it where it is enabled. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F12, 0, "win.inspector", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK, "win.properties", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.server-info", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, popup_menu_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, popup_menu_key, NULL);
}

static void
davscope_window_init (DavscopeWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  davscope_accessible_fix_names (GTK_WIDGET (self));

  self->clipboard = g_ptr_array_new_with_free_func (g_object_unref);
  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_swapped (self->settings, "changed::show-hidden", G_CALLBACK (on_show_hidden_changed), self);
  self->recent = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->recent_list), G_LIST_MODEL (self->recent),
                           create_recent_row, NULL, NULL);
  fill_recent (self);
  g_signal_connect_swapped (self->settings, "changed::recent-locations", G_CALLBACK (fill_recent), self);
  davscope_window_init_places (self);
  davscope_window_init_tabs (self);
  g_signal_connect_object (davscope_places_get_default (), "items-changed",
                           G_CALLBACK (on_places_changed), self, G_CONNECT_SWAPPED);
  update_actions (self);
  gtk_widget_grab_focus (self->start_entry);
}

/* GtkShortcutLabel (GTK 4.8) names Page Up and Page Down by
 * C_("keyboard label", "Page_Up") in GTK's own catalogue, which has no
 * English: without a translation the key's name shows, underscore and
 * all. Where GTK left the name, ours goes in its place. */
static void
name_page_keys (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (g_str_equal (text, "Page_Up"))
        gtk_label_set_text (GTK_LABEL (widget), C_("keyboard label", "Page Up"));
      else if (g_str_equal (text, "Page_Down"))
        gtk_label_set_text (GTK_LABEL (widget), C_("keyboard label", "Page Down"));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_page_keys (child);
}

DavscopeWindow *
davscope_window_new (DavscopeApplication *application)
{
  DavscopeWindow *self = g_object_new (DAVSCOPE_TYPE_WINDOW, "application", application, NULL);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  /* The application gave the window its help overlay as it joined. */
  if (overlay != NULL)
    name_page_keys (GTK_WIDGET (overlay));

  return self;
}
