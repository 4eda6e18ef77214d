/* davscope-lock-dialog.c: the locks of one item, taking and removing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A template window (davscope-lock-dialog.ui): a header bar over a stack
 * whose "loading" page is a spinner. Each time the locks are read, an
 * AdwPreferencesPage is built anew: an outcome group (after a LOCK or
 * UNLOCK), one group per active lock, and the form for a new lock. A
 * "Remove Lock" button carries its lock (token and owner) in the data of
 * its handler; the requests share one cancellable, cancelled when the
 * window goes.
 */

#include "davscope-lock-dialog.h"

#include <glib/gi18n.h>

#include "dav-lock.h"
#include "dav-property-text.h"
#include "dav-status.h"
#include "dav-text.h"
#include "davscope-accessible.h"
#include "davscope-info-window.h"

struct _DavscopeLockDialog
{
  AdwWindow         parent_instance;

  GtkWidget        *stack;
  GtkWidget        *page;

  DavResourceStore *store;
  DavClient        *client;
  char             *url;
  GCancellable     *cancellable;
  /* The form. */
  GtkWidget        *scope_row;
  GtkWidget        *timeout_row;
  GtkWidget        *owner_row;
  /* The outcome of the last LOCK or UNLOCK, shown above the locks. */
  char             *outcome_title;
  char             *outcome_text;
  gboolean          outcome_ok;
};

G_DEFINE_FINAL_TYPE (DavscopeLockDialog, davscope_lock_dialog, ADW_TYPE_WINDOW)

/* A lock that may be removed: what its button and the question about it
 * need. */
typedef struct {
  DavscopeLockDialog *self;
  char               *token;
  char               *owner;
} LockRef;

static const guint timeouts[] = { 3600, 86400, 0 };

static void read_locks (DavscopeLockDialog *self);

static LockRef *
lock_ref_new (DavscopeLockDialog *self,
              const char         *token,
              const char         *owner)
{
  LockRef *ref = g_new0 (LockRef, 1);

  /* A question may outlive the window it was asked over. */
  ref->self = g_object_ref (self);
  ref->token = g_strdup (token);
  ref->owner = g_strdup (owner);

  return ref;
}

static void
lock_ref_free (gpointer data,
               GClosure *closure)
{
  LockRef *ref = data;

  g_object_unref (ref->self);
  g_free (ref->token);
  g_free (ref->owner);
  g_free (ref);
}

static GtkWidget *
add_group (DavscopeLockDialog *self,
           const char         *title,
           const char         *description)
{
  return davscope_info_group_new (self->page, title, description);
}

static char *
describe_timeout (const char *timeout)
{
  guint64 seconds;

  if (timeout == NULL)
    return g_strdup (_("not given"));
  if (g_ascii_strcasecmp (timeout, "Infinite") == 0)
    return g_strdup (_("until removed"));
  if (g_ascii_strncasecmp (timeout, "Second-", 7) == 0 &&
      g_ascii_string_to_unsigned (timeout + 7, 10, 0, G_MAXUINT64, &seconds, NULL))
    {
      if (seconds >= 3600)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %u hour left", "about %u hours left",
                                             (guint) (seconds / 3600)),
                                (guint) (seconds / 3600));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute left", "%u minutes left",
                                           (guint) MAX (seconds / 60, 1)),
                              (guint) MAX (seconds / 60, 1));
    }

  return g_strdup (timeout);
}

/* An outcome: "Locked · 200 OK" and what it means. */
static void
set_outcome (DavscopeLockDialog *self,
             const char         *done,
             DavResult    *result,
             const GError *error)
{
  g_clear_pointer (&self->outcome_title, g_free);
  g_clear_pointer (&self->outcome_text, g_free);

  if (result != NULL)
    {
      DavStatusInfo info;

      dav_status_lookup_for_method (result->status, result->method, &info);
      self->outcome_ok = SOUP_STATUS_IS_SUCCESSFUL (result->status);
      /* TRANSLATORS: "Locked · 200 OK" or "Failed · 423 Locked" */
      self->outcome_title = g_strdup_printf (C_("lock outcome", "%s · %u %s"),
                                             self->outcome_ok ? done : _("Failed"),
                                             result->status, result->reason ? result->reason : info.reason);
      self->outcome_text = g_strdup (info.explanation);
      if (result->body != NULL && result->body->errors != NULL && result->body->errors->len > 0)
        {
          const DavCondition *condition = g_ptr_array_index (result->body->errors, 0);
          DavConditionInfo condition_info;

          if (dav_condition_lookup (condition->namespace_uri, condition->name, &condition_info))
            {
              char *joined = g_strconcat (self->outcome_text, " ", condition_info.explanation, NULL);

              g_free (self->outcome_text);
              self->outcome_text = joined;
            }
        }
    }
  else
    {
      self->outcome_ok = FALSE;
      self->outcome_title = g_strdup (_("No answer"));
      self->outcome_text = g_strdup (error ? error->message : "");
    }
}

/* The browser re-lists where the item is: its badge follows the lock. */
static void
refresh_listing (DavscopeLockDialog *self,
                 const char *method)
{
  g_autoptr(DavReport) report = dav_report_new ();
  DavReportItem *item = dav_report_item_new (method, self->url);

  item->outcome = DAV_OUTCOME_DONE;
  g_ptr_array_add (report->items, item);
  dav_resource_store_apply_report (self->store, report);
}

/* ---- unlock ------------------------------------------------------------- */

static void
on_unlocked (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(DavscopeLockDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = dav_client_unlock_finish (DAV_CLIENT (source), res, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_outcome (self, _("Unlocked"), result, error);
  refresh_listing (self, "UNLOCK");
  read_locks (self);
}

static void
send_unlock (DavscopeLockDialog *self,
             const char         *token)
{
  /* Ours or not, it is no longer held once the server let it go. */
  dav_client_remove_lock_token (self->client, token);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
  dav_client_unlock_async (self->client, self->url, token, self->cancellable, on_unlocked, g_object_ref (self));
}

static void
on_unlock_confirmed (AdwMessageDialog *dialog,
                     const char       *response,
                     LockRef          *ref)
{
  if (g_str_equal (response, "remove"))
    send_unlock (ref->self, ref->token);
}

static void
on_remove_clicked (GtkButton *button,
                   LockRef   *ref)
{
  DavscopeLockDialog *self = ref->self;
  g_autofree char *shown_owner = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (dav_client_holds_lock_token (self->client, ref->token))
    {
      send_unlock (self, ref->token);
      return;
    }

  /* Someone else's: removing it may cost them their work. */
  shown_owner = dav_text_escape (ref->owner ? ref->owner : _("someone"), -1);
  body = g_strdup_printf (_("This lock was taken by %s, not in this window. Whoever holds it may be editing the item and lose their changes when the lock is gone."),
                          shown_owner);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove Someone Else’s Lock?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove Lock"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_unlock_confirmed),
                         lock_ref_new (self, ref->token, ref->owner), lock_ref_free, 0);
  davscope_accessible_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- lock --------------------------------------------------------------- */

static void
on_locked (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(DavscopeLockDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = dav_client_lock_finish (DAV_CLIENT (source), res, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (result != NULL && SOUP_STATUS_IS_SUCCESSFUL (result->status) && result->lock_token != NULL)
    dav_client_add_lock_token (self->client, self->url, result->lock_token);

  set_outcome (self, _("Locked"), result, error);
  refresh_listing (self, "LOCK");
  read_locks (self);
}

static void
on_lock_clicked (GtkButton          *button,
                 DavscopeLockDialog *self)
{
  guint scope = adw_combo_row_get_selected (ADW_COMBO_ROW (self->scope_row));
  guint timeout = adw_combo_row_get_selected (ADW_COMBO_ROW (self->timeout_row));
  g_autofree char *owner = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->owner_row)));

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
  dav_client_lock_async (self->client, self->url,
                         scope == 1 ? DAV_LOCK_SHARED : DAV_LOCK_EXCLUSIVE,
                         DAV_DEPTH_0, timeouts[MIN (timeout, G_N_ELEMENTS (timeouts) - 1)],
                         dav_text_is_blank (owner, -1) ? NULL : owner,
                         self->cancellable, on_locked, g_object_ref (self));
}

/* ---- the page ------------------------------------------------------------ */

static GtkWidget *
combo_row_new (const char         *title,
               const char * const *choices)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) list = gtk_string_list_new (choices);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));

  return row;
}

static void
add_form (DavscopeLockDialog *self)
{
  const char * const scopes[] = { _("Exclusive"), _("Shared"), NULL };
  const char * const durations[] = { _("One hour"), _("One day"), _("Until removed"), NULL };
  GtkWidget *group = add_group (self, _("New Lock"),
                                _("A lock keeps others from changing or deleting the item until it is removed or runs out."));
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Lock"));
  const char *real_name = g_get_real_name ();

  self->scope_row = combo_row_new (_("Scope"), scopes);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scope_row),
                               _("Exclusive: only the holder may change the item. Shared: others may take shared locks too."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->scope_row);
  self->timeout_row = combo_row_new (_("Duration"), durations);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->timeout_row);
  self->owner_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->owner_row), _("Owner"));
  gtk_editable_set_text (GTK_EDITABLE (self->owner_row),
                         real_name != NULL && !g_str_equal (real_name, "Unknown") ? real_name : g_get_user_name ());
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->owner_row);

  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", G_CALLBACK (on_lock_clicked), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
}

static void
show_locks (DavscopeLockDialog *self,
            DavResult    *result,
            const GError *error)
{
  g_autoptr(GPtrArray) locks = NULL;
  GtkWidget *old_page = self->page;

  self->page = adw_preferences_page_new ();

  if (self->outcome_title != NULL)
    {
      GtkWidget *group = add_group (self, self->outcome_title, self->outcome_text);

      gtk_widget_add_css_class (group, self->outcome_ok ? "success" : "error");
    }

  if (result != NULL && dav_result_has_multistatus (result))
    {
      /* Only the answer about this item: another's locks are not its own. */
      g_autoptr(DavResponse) response = dav_result_dup_own_response (result, self->url);

      if (response != NULL)
        locks = dav_lock_list_from_response (response);
    }

  if (result == NULL || !SOUP_STATUS_IS_SUCCESSFUL (result->status))
    {
      g_autofree char *text = NULL;

      if (result != NULL)
        {
          DavStatusInfo info;

          dav_status_lookup_for_method (result->status, result->method, &info);
          text = g_strdup_printf ("%u %s — %s", result->status, info.reason, info.explanation);
        }
      add_group (self, _("The Locks Could Not Be Read"), text ? text : (error ? error->message : NULL));
    }
  else if (locks == NULL || locks->len == 0)
    add_group (self, _("Not Locked"), _("Nobody holds a lock on this item."));
  else
    for (guint i = 0; i < locks->len; i++)
      {
        const DavLock *lock = g_ptr_array_index (locks, i);
        gboolean ours = dav_client_holds_lock_token (self->client, lock->token);
        g_autofree char *owner = lock->owner ? dav_text_squeeze (lock->owner) : NULL;
        g_autofree char *title = ours ? g_strdup (_("Locked by This Window"))
                                      : g_strdup_printf (_("Locked by %s"), owner ? owner : _("someone"));
        g_autofree char *shown_title = dav_text_escape (title, -1);
        g_autofree char *timeout = describe_timeout (lock->timeout);
        g_autofree char *scope = dav_property_text_lock_scope (lock->scope);
        g_autofree char *depth = dav_property_text_lock_depth (lock->depth);
        GtkWidget *group = add_group (self, shown_title, NULL);

        davscope_info_add_value (group, _("Owner"), owner ? owner : _("not given"));
        davscope_info_add_value (group, _("Scope"), scope);
        davscope_info_add_value (group, _("Depth"), depth);
        davscope_info_add_value (group, _("Time left"), timeout);
        davscope_info_add_value (group, _("Token"), lock->token ? lock->token : _("not shown by the server"));
        if (lock->root != NULL)
          davscope_info_add_value (group, _("Lock root"), lock->root);

        if (lock->token != NULL)
          {
            GtkWidget *button = gtk_button_new_with_mnemonic (_("_Remove Lock"));

            gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
            if (!ours)
              gtk_widget_add_css_class (button, "destructive-action");
            g_signal_connect_data (button, "clicked", G_CALLBACK (on_remove_clicked),
                                   lock_ref_new (self, lock->token, owner), lock_ref_free, 0);
            adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
          }
      }

  add_form (self);

  gtk_stack_add_named (GTK_STACK (self->stack), self->page, NULL);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->page);
  if (old_page != NULL)
    gtk_stack_remove (GTK_STACK (self->stack), old_page);
  davscope_accessible_fix_names (self->page);
}

static void
on_locks_read (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(DavscopeLockDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = dav_client_propfind_finish (DAV_CLIENT (source), res, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  show_locks (self, result, error);
}

static void
read_locks (DavscopeLockDialog *self)
{
  static const char * const names[] = { "{DAV:}lockdiscovery", "{DAV:}supportedlock", NULL };
  g_autoptr(DavPropfind) propfind = dav_propfind_new (DAV_DEPTH_0, DAV_PROPFIND_PROP, names);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
  dav_client_propfind_async (self->client, self->url, propfind, self->cancellable, on_locks_read, g_object_ref (self));
}

/* ---- the type ----------------------------------------------------------- */

static void
davscope_lock_dialog_dispose (GObject *object)
{
  DavscopeLockDialog *self = DAVSCOPE_LOCK_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DAVSCOPE_TYPE_LOCK_DIALOG);

  G_OBJECT_CLASS (davscope_lock_dialog_parent_class)->dispose (object);
}

static void
davscope_lock_dialog_finalize (GObject *object)
{
  DavscopeLockDialog *self = DAVSCOPE_LOCK_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_free (self->url);
  g_free (self->outcome_title);
  g_free (self->outcome_text);

  G_OBJECT_CLASS (davscope_lock_dialog_parent_class)->finalize (object);
}

static void
davscope_lock_dialog_class_init (DavscopeLockDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = davscope_lock_dialog_dispose;
  object_class->finalize = davscope_lock_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/davscope/Davscope/davscope-lock-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DavscopeLockDialog, stack);
}

static void
davscope_lock_dialog_init (DavscopeLockDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  davscope_accessible_fix_names (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

DavscopeLockDialog *
davscope_lock_dialog_show (GtkWindow        *parent,
                           DavResourceStore *store,
                           DavResource      *resource)
{
  DavscopeLockDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DAV_IS_RESOURCE_STORE (store), NULL);
  g_return_val_if_fail (DAV_IS_RESOURCE (resource), NULL);

  /* The name is escaped already (dav_resource_get_name). */
  title = g_strdup_printf (_("Locks of “%s”"), dav_resource_get_name (resource));
  self = g_object_new (DAVSCOPE_TYPE_LOCK_DIALOG,
                       "transient-for", parent,
                       "title", title,
                       NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (dav_resource_store_get_client (store));
  self->url = g_strdup (dav_resource_get_url (resource));
  gtk_window_present (GTK_WINDOW (self));

  read_locks (self);

  return self;
}
