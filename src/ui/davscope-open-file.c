/* davscope-open-file.c: opening a remote file in a local application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each opened file is a DavEditSession with a client of its own, whose
 * base is the file's folder (the window's client follows the folder
 * shown, and a save must still reach the file after the user browsed
 * elsewhere); it asks for a login with the window's memory of it. The
 * sessions of a window are kept in a table on it and closed with it.
 */

#include "config.h"

#include "davscope-open-file.h"

#include <glib/gi18n.h>

#include "dav-edit-session.h"
#include "dav-href.h"
#include "dav-text.h"
#include "davscope-accessible.h"
#include "davscope-certificate-dialog.h"
#include "davscope-credentials.h"
#include "davscope-inspector-window.h"
#include "davscope-places.h"

#define OPEN_FILES_KEY "davscope-open-files"

typedef struct {
  GtkWindow       *parent;     /* the table's owner: outlives this */
  AdwToastOverlay *toasts;     /* inside parent */
  GWeakRef         store;      /* the window's, to show what a save changed */
  DavEditSession  *session;
  char            *name;       /* as the user knows it, for messages */
  AdwToast        *progress;   /* while downloading, or NULL */
  AdwToast        *last;       /* the last toast about this file, or NULL */
  GtkWidget       *dialog;     /* the conflict question, while shown */
  gboolean         choose;     /* Open With… */
} Opened;

static void
opened_free (Opened *opened)
{
  g_signal_handlers_disconnect_by_data (opened->session, opened);
  dav_edit_session_close (opened->session);
  if (opened->progress != NULL)
    adw_toast_dismiss (opened->progress);
  g_clear_object (&opened->progress);
  g_clear_object (&opened->last);
  if (opened->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (opened->dialog));
  g_clear_object (&opened->session);
  g_weak_ref_clear (&opened->store);
  g_free (opened->name);
  g_free (opened);
}

/* ---- toasts ------------------------------------------------------------- */

typedef struct {
  GtkWindow *parent;
  DavClient *client;
  guint64    exchange_id;
} Details;

static void
details_free (gpointer data,
              GClosure *closure)
{
  Details *details = data;

  g_clear_weak_pointer (&details->parent);
  g_clear_object (&details->client);
  g_free (details);
}

static void
on_details_clicked (AdwToast *toast,
                    Details  *details)
{
  if (details->parent != NULL)
    davscope_inspector_window_show (details->parent, details->client, details->exchange_id);
}

static AdwToast *
toast (Opened     *opened,
       const char *text,
       guint       timeout)
{
  /* A toast title is Pango markup in libadwaita 1.2. */
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, timeout);
  return toast;
}

/* One toast per file at a time: a newer one says what is true now, and
 * saves in quick succession do not queue a toast each. */
static void
add_toast (Opened   *opened,
           AdwToast *toast)
{
  if (opened->last != NULL)
    adw_toast_dismiss (opened->last);
  g_set_object (&opened->last, toast);
  adw_toast_overlay_add_toast (opened->toasts, toast);
}

static void
show_toast (Opened     *opened,
            const char *text)
{
  add_toast (opened, toast (opened, text, 5));
}

/* A failure, with its exchange one click away. */
static void
show_failure (Opened     *opened,
              const char *text,
              DavResult  *result)
{
  AdwToast *failure = toast (opened, text, 10);
  Details *details = g_new0 (Details, 1);

  g_set_weak_pointer (&details->parent, opened->parent);
  details->client = g_object_ref (dav_edit_session_get_client (opened->session));
  details->exchange_id = result ? result->exchange_id : 0;
  adw_toast_set_button_label (failure, _("_Details"));
  g_signal_connect_data (failure, "button-clicked", G_CALLBACK (on_details_clicked), details,
                         details_free, 0);
  adw_toast_set_priority (failure, ADW_TOAST_PRIORITY_HIGH);
  add_toast (opened, failure);
}

static void
end_progress (Opened *opened)
{
  if (opened->progress == NULL)
    return;
  adw_toast_dismiss (opened->progress);
  g_clear_object (&opened->progress);
}

/* ---- launching the application ------------------------------------------ */

typedef struct {
  GWeakRef  parent;
  Opened   *opened;   /* lives as long as parent */
} Showing;

static void
shown_cb (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  Showing *showing = user_data;
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&showing->parent);
  Opened *opened = showing->opened;
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (&showing->parent);
  g_free (showing);
  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), res, &error) && parent != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is a file name, then why. */
      text = g_strdup_printf (_("No application could open “%s”: %s"), opened->name, error->message);
      show_toast (opened, text);
    }
}

static void
on_chooser_response (GtkDialog *dialog,
                     int        response,
                     Opened    *opened)
{
  g_autoptr(GAppInfo) app = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_OK)
    app = gtk_app_chooser_get_app_info (GTK_APP_CHOOSER (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (app != NULL)
    {
      g_autoptr(GdkAppLaunchContext) context =
        gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (opened->parent)));
      GList files = { dav_edit_session_get_file (opened->session), NULL, NULL };

      if (!g_app_info_launch (app, &files, G_APP_LAUNCH_CONTEXT (context), &error))
        {
          g_autofree char *text = NULL;

          /* Translators: %s is a file name, then why. */
          text = g_strdup_printf (_("No application could open “%s”: %s"), opened->name, error->message);
          show_toast (opened, text);
        }
    }
}

static gboolean
in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
launch (Opened *opened)
{
  GFile *file = dav_edit_session_get_file (opened->session);

  /* In a sandbox the OpenURI portal shows the file (and asks for the
   * application itself when told to); GtkAppChooserDialog sees only the
   * sandbox's applications. */
  if (opened->choose && !in_flatpak ())
    {
      GtkWidget *chooser = gtk_app_chooser_dialog_new (opened->parent, GTK_DIALOG_MODAL, file);

      opened->choose = FALSE;
      g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), opened);
      gtk_window_present (GTK_WINDOW (chooser));
      return;
    }

  {
    g_autofree char *uri = g_file_get_uri (file);
    Showing *showing = g_new0 (Showing, 1);

    opened->choose = FALSE;
    g_weak_ref_init (&showing->parent, opened->parent);
    showing->opened = opened;
    gtk_show_uri_full (opened->parent, uri, GDK_CURRENT_TIME, NULL, shown_cb, showing);
  }
}

/* ---- what the session says ---------------------------------------------- */

static void
on_progress (DavEditSession *session,
             gint64          done,
             gint64          total,
             Opened         *opened)
{
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  if (opened->progress == NULL || total <= 0)
    return;
  done_text = g_format_size (done);
  total_text = g_format_size (total);
  /* Translators: "Downloading “notes.txt”: 1.2 MB of 3.4 MB". */
  text = g_strdup_printf (_("Downloading “%s”: %s of %s"), opened->name, done_text, total_text);
  markup = g_markup_escape_text (text, -1);
  adw_toast_set_title (opened->progress, markup);
}

/* The folder shown lists the new size and date (and a "keep both" copy). */
static void
refresh_folder (Opened     *opened,
                const char *url)
{
  g_autoptr(DavResourceStore) store = g_weak_ref_get (&opened->store);
  g_autofree char *parent = NULL;
  DavFolder *root;

  if (store == NULL || (root = dav_resource_store_get_root (store)) == NULL)
    return;
  dav_href_split_last (url, &parent, NULL);
  if (g_strcmp0 (parent, dav_folder_get_url (root)) == 0)
    dav_resource_store_refresh (store, root);
}

static void
on_saved (DavEditSession *session,
          int             step,
          DavResult      *result,
          Opened         *opened)
{
  g_autofree char *text = NULL;
  const char *condition = dav_edit_session_get_condition (session);

  switch (step)
    {
    case DAV_EDIT_STEP_KEEP_BOTH:
      {
        g_autofree char *copy = dav_href_local_name (result->url);

        /* Translators: %s is the name of the copy, e.g. "notes (conflict 2026-12-03 14.05).txt". */
        text = g_strdup_printf (_("Your version was saved as “%s”"), copy);
      }
      break;

    case DAV_EDIT_STEP_DISCARD:
      /* Translators: the file shown in the application was replaced by the server's version. */
      text = g_strdup_printf (_("“%s” now has the server’s version"), opened->name);
      break;

    default:
      if (step == DAV_EDIT_STEP_UPLOAD && condition != NULL && g_str_equal (condition, "If-Unmodified-Since"))
        /* Translators: %s is a file name. The server sends no ETag, so a
         * change by someone else is recognised by its date only. */
        text = g_strdup_printf (_("Saved “%s” to the server (checked by date: the server gives no ETag)"),
                                opened->name);
      else
        /* Translators: shown only after the server confirmed the upload; %s is a file name. */
        text = g_strdup_printf (_("Saved “%s” to the server"), opened->name);
      break;
    }
  show_toast (opened, text);
  refresh_folder (opened, result->url);
}

static void
on_failed (DavEditSession *session,
           int             step,
           DavResult      *result,
           GError         *error,
           Opened         *opened)
{
  g_autofree char *text = NULL;

  switch (step)
    {
    case DAV_EDIT_STEP_LOCK:
      /* Translators: %s is a file name, then why (the server's answer). */
      text = g_strdup_printf (_("Could not lock “%s”: %s"), opened->name, error->message);
      break;
    case DAV_EDIT_STEP_UNLOCK:
      /* Translators: %s is a file name, then why (the server's answer). */
      text = g_strdup_printf (_("Could not unlock “%s”: %s"), opened->name, error->message);
      break;
    case DAV_EDIT_STEP_KEEP_BOTH:
      /* Translators: %s is a file name, then why (the server's answer). */
      text = g_strdup_printf (_("Could not save your version of “%s” as a copy: %s"), opened->name,
                              error->message);
      break;
    case DAV_EDIT_STEP_DISCARD:
      /* Translators: %s is a file name, then why (the server's answer). */
      text = g_strdup_printf (_("Could not fetch the server’s version of “%s”: %s"), opened->name,
                              error->message);
      break;
    default:
      /* Translators: %s is a file name, then why (the server's answer). */
      text = g_strdup_printf (_("Could not save “%s” to the server: %s"), opened->name, error->message);
      break;
    }
  show_failure (opened, text, result);
}

static void ask_conflict (Opened    *opened,
                          DavResult *result);

typedef struct {
  Opened    *opened;
  DavResult *result;
} Asking;

static void
asking_free (gpointer  data,
             GClosure *closure)
{
  Asking *asking = data;

  dav_result_unref (asking->result);
  g_free (asking);
}

static void
on_resolve_later_clicked (AdwToast *toast,
                          Asking   *asking)
{
  if (dav_edit_session_get_state (asking->opened->session) == DAV_EDIT_STATE_CONFLICT)
    ask_conflict (asking->opened, asking->result);
}

static void
on_conflict_response (AdwMessageDialog *dialog,
                      const char       *response,
                      Asking           *asking)
{
  Opened *opened = asking->opened;

  opened->dialog = NULL;
  if (g_str_equal (response, "keep-both"))
    dav_edit_session_resolve (opened->session, DAV_EDIT_KEEP_BOTH);
  else if (g_str_equal (response, "overwrite"))
    dav_edit_session_resolve (opened->session, DAV_EDIT_OVERWRITE);
  else if (g_str_equal (response, "discard"))
    dav_edit_session_resolve (opened->session, DAV_EDIT_DISCARD);
  else
    {
      g_autofree char *text = NULL;
      AdwToast *later;
      Asking *again;

      /* Translators: the conflict question was closed without an answer; %s is a file name. */
      text = g_strdup_printf (_("Your changes to “%s” are not on the server"), opened->name);
      later = toast (opened, text, 0);
      adw_toast_set_button_label (later, _("_Resolve…"));
      again = g_new0 (Asking, 1);
      again->opened = opened;
      again->result = dav_result_ref (asking->result);
      g_signal_connect_data (later, "button-clicked", G_CALLBACK (on_resolve_later_clicked), again,
                             asking_free, 0);
      add_toast (opened, later);
    }
}

static void
on_show_exchange_clicked (GtkButton *button,
                          Asking    *asking)
{
  davscope_inspector_window_show (asking->opened->parent,
                                  dav_edit_session_get_client (asking->opened->session),
                                  asking->result->exchange_id);
}

static void
ask_conflict (Opened    *opened,
              DavResult *result)
{
  GtkWidget *dialog;
  GtkWidget *show;
  g_autofree char *heading = NULL;
  Asking *asking;

  if (opened->dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (opened->dialog));
      return;
    }

  /* Translators: the heading of the question after a 412; %s is a file name. */
  heading = g_strdup_printf (_("“%s” Was Changed on the Server"), opened->name);
  dialog = adw_message_dialog_new (opened->parent, heading,
                                   _("Someone else saved a new version after you opened it, so "
                                     "your changes were not uploaded. Keep both versions, "
                                     "replace theirs with yours, or discard yours?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard Mine"),
                                    "overwrite", _("_Overwrite"),
                                    "keep-both", _("_Keep Both"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep-both",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep-both");
  /* Escape decides nothing: a toast offers the question again. */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");

  asking = g_new0 (Asking, 1);
  asking->opened = opened;
  asking->result = dav_result_ref (result);
  /* The 412 the server sent, one click away, without closing the question. */
  show = gtk_button_new_with_mnemonic (_("Show _Exchange"));
  gtk_widget_set_halign (show, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (show, "pill");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), show);
  g_signal_connect (show, "clicked", G_CALLBACK (on_show_exchange_clicked), asking);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_conflict_response), asking,
                         asking_free, 0);

  opened->dialog = dialog;
  davscope_accessible_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_conflict (DavEditSession *session,
             DavResult      *result,
             Opened         *opened)
{
  ask_conflict (opened, result);
}

/* ---- opening ------------------------------------------------------------ */

static void
open_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  Opened *opened = user_data;
  g_autoptr(GError) error = NULL;

  if (dav_edit_session_open_finish (DAV_EDIT_SESSION (source), res, &error))
    {
      end_progress (opened);
      launch (opened);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  end_progress (opened);
  {
    g_autofree char *text = NULL;
    GHashTable *table = g_object_get_data (G_OBJECT (opened->parent), OPEN_FILES_KEY);

    /* Translators: %s is a file name, then why (the server's answer). */
    text = g_strdup_printf (_("Could not open “%s”: %s"), opened->name, error->message);
    show_failure (opened, text, dav_edit_session_get_last_result (opened->session));
    /* Opening it again starts afresh. */
    g_hash_table_remove (table, dav_edit_session_get_url (opened->session));
  }
}

static GHashTable *
open_files (GtkWindow *parent)
{
  GHashTable *table = g_object_get_data (G_OBJECT (parent), OPEN_FILES_KEY);

  if (table == NULL)
    {
      table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) opened_free);
      g_object_set_data_full (G_OBJECT (parent), OPEN_FILES_KEY, table,
                              (GDestroyNotify) g_hash_table_unref);
    }
  return table;
}

static DavClient *
new_client (GtkWindow   *parent,
            const char  *url,
            GError     **error)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *folder = NULL;
  g_autoptr(DavClient) client = NULL;

  dav_href_split_last (url, &folder, NULL);
  client = dav_client_new (folder, error);
  if (client == NULL)
    return NULL;
  dav_client_set_timeout (client, g_settings_get_int (settings, "request-timeout"));
  davscope_credentials_attach (client, parent);
  davscope_certificate_apply_remembered (client);
  /* A saved server's headers, proxy and client certificate reach its
   * files too; two connections are enough for one file. */
  davscope_places_configure (client, NULL);
  dav_client_set_max_connections (client, 2);

  return g_steal_pointer (&client);
}

void
davscope_open_file (GtkWindow        *parent,
                    AdwToastOverlay  *toasts,
                    DavResourceStore *store,
                    DavResource      *resource,
                    gboolean          choose)
{
  GHashTable *table;
  Opened *opened;
  const char *url;
  g_autoptr(DavClient) client = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (DAV_IS_RESOURCE (resource));
  g_return_if_fail (!dav_resource_is_collection (resource));

  url = dav_resource_get_url (resource);
  table = open_files (parent);
  opened = g_hash_table_lookup (table, url);
  if (opened != NULL)
    {
      /* Open already: show it again (it is still being watched). */
      opened->choose = choose;
      if (dav_edit_session_get_state (opened->session) != DAV_EDIT_STATE_DOWNLOADING)
        launch (opened);
      return;
    }

  client = new_client (parent, url, &error);
  if (client == NULL)
    {
      g_warning ("Cannot open %s: %s", url, error->message);
      return;
    }

  opened = g_new0 (Opened, 1);
  opened->parent = parent;
  opened->toasts = toasts;
  g_weak_ref_init (&opened->store, store);
  opened->choose = choose;
  /* Server text, made safe to show (docs/hostile-servers.md). */
  opened->name = dav_text_escape (dav_resource_get_name (resource), -1);
  opened->session = dav_edit_session_new (client, url, NULL);
  settings = g_settings_new (APP_ID);
  dav_edit_session_set_lock (opened->session, g_settings_get_boolean (settings, "lock-open-files"));
  g_signal_connect (opened->session, "progress", G_CALLBACK (on_progress), opened);
  g_signal_connect (opened->session, "saved", G_CALLBACK (on_saved), opened);
  g_signal_connect (opened->session, "conflict", G_CALLBACK (on_conflict), opened);
  g_signal_connect (opened->session, "failed", G_CALLBACK (on_failed), opened);
  g_hash_table_insert (table, g_strdup (url), opened);

  /* Translators: %s is a file name. */
  text = g_strdup_printf (_("Downloading “%s”…"), opened->name);
  opened->progress = g_object_ref (toast (opened, text, 0));
  adw_toast_overlay_add_toast (toasts, opened->progress);

  dav_edit_session_open_async (opened->session, NULL, open_cb, opened);
}
