/* davscope-property-editor.c: view and change the properties of resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window around a DavPropertySheet (src/core), which holds one entry
 * per property name: what the server last said, what the person wants,
 * what the last Apply did. This file reads the properties, shows the
 * sheet, runs Apply and says how it went; the rows are
 * DavscopePropertyRow, the grid of several items davscope-property-grid.c.
 *
 *   GtkListBox "Properties" (one DavscopePropertyRow per entry; headers
 *     │                      split dead from live properties)
 *     └ DavPropertySheet, a GListModel of DavPropertyEntry: dead ones
 *       first, each group in the order the server listed them, added
 *       ones at the end
 *
 * A list box rather than a list view: the rows hold text editors, there
 * are tens of them at most, and recycling would lose what is typed.
 *
 * The properties shown are the listing's (its 404 and 403 ones too, next
 * to the others) merged with an allprop PROPFIND of each item, made when
 * the window opens and after every Apply: a listing asks only for a few
 * live properties, so the dead ones come from that second reading.
 *
 * Apply sends one PROPPATCH per item through a DavBatch, with the
 * instructions in the order the person made them (RFC 4918 §9.2: a server
 * processes them in order and makes all of them or none). The outcome of
 * each property goes back onto its row; with several items, a grid shows
 * items down and properties across.
 */

#include "davscope-property-editor.h"

#include <glib/gi18n.h>

#include "dav-batch.h"
#include "dav-prop-patch.h"
#include "dav-property-reader.h"
#include "dav-property-sheet.h"
#include "dav-status.h"
#include "dav-text.h"
#include "davscope-property-grid.h"
#include "davscope-property-row.h"

#define CONCURRENCY 4

struct _DavscopePropertyEditor
{
  AdwWindow         parent_instance;

  /* template */
  GtkWidget        *toast_overlay;
  GtkWidget        *window_title;
  GtkWidget        *apply_button;
  GtkWidget        *spinner;
  GtkWidget        *banner_revealer;
  GtkWidget        *banner_box;
  GtkWidget        *banner_icon;
  GtkWidget        *banner_label;
  GtkWidget        *results_group;
  GtkWidget        *results_grid;
  GtkWidget        *add_group;
  GtkWidget        *name_row;
  GtkWidget        *namespace_row;
  GtkWidget        *value_row;
  GtkWidget        *xml_switch;
  GtkWidget        *add_message;
  GtkWidget        *properties_group;
  GtkWidget        *property_list;

  DavResourceStore *store;
  DavPropertySheet *sheet;
  GPtrArray        *read_errors;  /* char*, per target: why it could not be read again, or NULL */
  GHashTable       *expanded;     /* keys of the entries whose value editor is open */

  GCancellable     *cancellable;
  guint             generation;   /* of the current reading */
  guint             n_reading;    /* PROPFINDs not answered yet */
  guint             next_to_read;
  DavBatch         *batch;        /* while Apply runs */
  GtkWidget        *focus_to_restore;  /* weak: where the focus was in the form */
  GtkWidget        *discard_dialog;
  gboolean          discard_confirmed;
  gboolean          disposed;
  gboolean          form_filling;     /* the form is being set, not typed into */
  gboolean          namespace_typed;  /* the person chose the namespace: no default */
};

G_DEFINE_FINAL_TYPE (DavscopePropertyEditor, davscope_property_editor, ADW_TYPE_WINDOW)

static void update_actions    (DavscopePropertyEditor *self);
static void suggest_namespace (DavscopePropertyEditor *self);
static void clear_form        (DavscopePropertyEditor *self);

static guint
n_targets (DavscopePropertyEditor *self)
{
  return dav_property_sheet_get_n_targets (self->sheet);
}

static gboolean
is_single (DavscopePropertyEditor *self)
{
  return n_targets (self) == 1;
}

static void
show_banner (DavscopePropertyEditor *self,
             const char             *text,
             const char             *css_class)
{
  const char *classes[] = { css_class, NULL };
  /* "banner success" and "banner error" are there for style.css to tint. */
  const char *box_classes[] = { "banner", css_class, NULL };
  const char *icon = g_strcmp0 (css_class, "success") == 0 ? "emblem-ok-symbolic"
                   : g_strcmp0 (css_class, "error") == 0 ? "dialog-error-symbolic"
                   : "dialog-warning-symbolic";

  if (text == NULL)
    {
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner_revealer), FALSE);
      return;
    }

  gtk_label_set_text (GTK_LABEL (self->banner_label), text);
  gtk_widget_set_css_classes (self->banner_label, classes);
  gtk_widget_set_css_classes (self->banner_box, box_classes);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->banner_icon), icon);
  gtk_widget_set_css_classes (self->banner_icon, classes);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner_revealer), TRUE);
}

static void
set_busy (DavscopePropertyEditor *self)
{
  gboolean busy = self->n_reading > 0 || self->batch != NULL;

  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_tooltip_text (self->spinner,
                               self->batch != NULL ? _("Saving the changes")
                                                   : _("Reading all properties from the server"));
}

static void
show_add_message (DavscopePropertyEditor *self,
                  const char             *text,
                  const char             *css_class)
{
  const char *classes[] = { css_class, NULL };

  /* Shown even when empty: it keeps "Add Property" at the end of the line. */
  gtk_label_set_text (GTK_LABEL (self->add_message), text != NULL ? text : "");
  gtk_widget_set_css_classes (self->add_message, classes);
}

/* ---- rows ----------------------------------------------------------------- */

static void
on_row_expanded (DavscopePropertyRow    *row,
                 GParamSpec             *pspec,
                 DavscopePropertyEditor *self)
{
  const char *key = dav_property_entry_get_key (davscope_property_row_get_entry (row));

  if (davscope_property_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (key));
  else
    g_hash_table_remove (self->expanded, key);
}

/* The row went with its change: the form is where the person was. */
static void
on_row_forgotten (DavscopePropertyEditor *self)
{
  gtk_widget_grab_focus (self->name_row);
}

static GtkWidget *
create_row (gpointer object,
            gpointer user_data)
{
  DavscopePropertyEditor *self = user_data;
  DavPropertyEntry *entry = object;
  GtkWidget *row;

  row = davscope_property_row_new (self->sheet, entry,
                                   g_hash_table_contains (self->expanded, dav_property_entry_get_key (entry)));
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_row_expanded), self, 0);
  g_signal_connect_object (row, "forgotten", G_CALLBACK (on_row_forgotten), self, G_CONNECT_SWAPPED);

  return row;
}

static void
header_func (GtkListBoxRow *list_row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  DavPropertyEntry *entry = davscope_property_row_get_entry (DAVSCOPE_PROPERTY_ROW (list_row));
  gboolean live = dav_property_entry_is_live (entry);
  GtkWidget *header;

  if (before != NULL &&
      dav_property_entry_is_live (davscope_property_row_get_entry (DAVSCOPE_PROPERTY_ROW (before))) == live)
    {
      gtk_list_box_row_set_header (list_row, NULL);
      return;
    }

  header = gtk_label_new (live ? _("Properties the server keeps") : _("Properties set by people"));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (list_row, header);
}

/* Builds the list again from the readings (see dav_property_sheet_merge). */
static void
merge (DavscopePropertyEditor *self)
{
  dav_property_sheet_merge (self->sheet);
  suggest_namespace (self);
  update_actions (self);
}

/* ---- reading the properties ---------------------------------------------- */

typedef struct {
  DavscopePropertyEditor *self;   /* owned */
  guint                   index;
  guint                   generation;
} Reading;

static void read_next (DavscopePropertyEditor *self);

static void
toast_read_error (DavscopePropertyEditor *self)
{
  for (guint i = 0; i < n_targets (self); i++)
    {
      const char *error = g_ptr_array_index (self->read_errors, i);
      g_autofree char *text = NULL;

      if (error == NULL)
        continue;

      text = g_strdup_printf (_("Could not read all properties of %s: %s"),
                              dav_resource_get_name (dav_property_sheet_get_target (self->sheet, i)), error);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), adw_toast_new (text));
      return;
    }
}

static void
davscope_property_editor_read_cb (GObject      *source,
                                  GAsyncResult *res,
                                  gpointer      user_data)
{
  Reading *reading = user_data;
  DavscopePropertyEditor *self = reading->self;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *why = NULL;

  result = dav_read_properties_finish (DAV_CLIENT (source), res, &error);

  if (self->disposed || reading->generation != self->generation)
    goto out;

  self->n_reading--;

  if (result == NULL)
    why = dav_text_escape (error->message, -1);
  else if (result->status != 207)
    {
      DavStatusInfo info;

      dav_status_lookup (result->status, &info);
      why = g_strdup_printf (_("The server answered %u %s: %s"), result->status, info.reason, info.explanation);
    }
  else
    {
      DavResource *target = dav_property_sheet_get_target (self->sheet, reading->index);
      g_autoptr(DavResponse) response = dav_result_dup_own_response (result, dav_resource_get_url (target));

      if (response == NULL)
        why = g_strdup (_("The server's answer did not describe this item."));
      else
        dav_property_sheet_set_reading (self->sheet, reading->index, response, result->exchange_id);
    }
  g_free (g_ptr_array_index (self->read_errors, reading->index));
  g_ptr_array_index (self->read_errors, reading->index) = why;

  read_next (self);
  if (self->n_reading == 0)
    {
      merge (self);
      set_busy (self);
      toast_read_error (self);
    }

out:
  g_object_unref (reading->self);
  g_free (reading);
}

static void
read_next (DavscopePropertyEditor *self)
{
  while (self->next_to_read < n_targets (self) &&
         self->n_reading < CONCURRENCY)
    {
      guint index = self->next_to_read++;
      const char *url = dav_resource_get_url (dav_property_sheet_get_target (self->sheet, index));
      g_auto(GStrv) names = NULL;
      Reading *reading;

      if (url == NULL)
        continue;

      names = dav_property_sheet_dup_expected_names (self->sheet, index);
      reading = g_new0 (Reading, 1);
      reading->self = g_object_ref (self);
      reading->index = index;
      reading->generation = self->generation;
      self->n_reading++;
      dav_read_properties_async (dav_resource_store_get_client (self->store),
                                 url, (const char * const *) names,
                                 self->cancellable, davscope_property_editor_read_cb, reading);
    }
}

static void
start_reading (DavscopePropertyEditor *self)
{
  self->generation++;
  self->n_reading = 0;
  self->next_to_read = 0;
  read_next (self);
  /* Nothing to read (no item has an address): the list is as it stands. */
  if (self->n_reading == 0)
    merge (self);
  set_busy (self);
}

/* ---- applying ----------------------------------------------------------------- */

typedef struct {
  DavscopePropertyEditor *self;      /* owned */
  DavResourceStore       *store;     /* owned: updated even when the window is gone */
} Apply;

static void
apply_free (Apply *apply)
{
  g_object_unref (apply->self);
  g_object_unref (apply->store);
  g_free (apply);
}

/* The value editors of the changes that were saved close. */
static void
close_saved_editors (DavscopePropertyEditor *self)
{
  GPtrArray *applied = dav_property_sheet_get_applied (self->sheet);

  for (guint i = 0; i < applied->len; i++)
    {
      DavPropertyEntry *entry = g_ptr_array_index (applied, i);

      if (dav_property_entry_get_result_ok (entry))
        g_hash_table_remove (self->expanded, dav_property_entry_get_key (entry));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (self->property_list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      DavscopePropertyRow *row;

      if (!DAVSCOPE_IS_PROPERTY_ROW (child))
        continue;
      row = DAVSCOPE_PROPERTY_ROW (child);
      if (!g_hash_table_contains (self->expanded, dav_property_entry_get_key (davscope_property_row_get_entry (row))))
        davscope_property_row_set_expanded (row, FALSE);
    }
}

static void
davscope_property_editor_apply_cb (GObject      *source,
                                   GAsyncResult *res,
                                   gpointer      user_data)
{
  Apply *apply = user_data;
  DavscopePropertyEditor *self = apply->self;
  g_autoptr(DavReport) report = dav_batch_run_finish (DAV_BATCH (source), res);
  g_autofree char *summary = NULL;

  /* Whatever happened to the window, the browser asks the server again
   * about what the PROPPATCHes may have changed. */
  dav_resource_store_apply_report (apply->store, report);

  if (self->disposed)
    {
      apply_free (apply);
      return;
    }

  g_clear_object (&self->batch);
  dav_property_sheet_end_apply (self->sheet, report);
  close_saved_editors (self);

  summary = dav_property_sheet_dup_summary (self->sheet);
  show_banner (self, summary, dav_property_sheet_get_n_saved (self->sheet) == n_targets (self) ? "success" : "error");

  if (!is_single (self))
    {
      davscope_property_grid_fill (GTK_GRID (self->results_grid), self->sheet);
      gtk_widget_set_visible (self->results_group, TRUE);
    }

  gtk_widget_set_sensitive (self->property_list, TRUE);
  gtk_widget_set_sensitive (self->add_group, TRUE);
  if (self->focus_to_restore != NULL)
    gtk_widget_grab_focus (self->focus_to_restore);
  g_clear_weak_pointer (&self->focus_to_restore);
  apply_free (apply);

  /* What the server has now; pending and failed changes stay on their rows. */
  start_reading (self);
  update_actions (self);
}

/* The form and the list are made insensitive while Apply runs: the focus
 * leaves them first, so that a text field is told it lost it (GTK warns
 * about a field that keeps its cursor blinking without focus), and
 * comes back to the form afterwards. */
static void
release_focus (DavscopePropertyEditor *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL)
    return;

  if (gtk_widget_is_ancestor (focus, self->add_group))
    g_set_weak_pointer (&self->focus_to_restore, focus);
  if (gtk_widget_is_ancestor (focus, self->add_group) || gtk_widget_is_ancestor (focus, self->property_list))
    gtk_root_set_focus (GTK_ROOT (self), NULL);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DavscopePropertyEditor *self = DAVSCOPE_PROPERTY_EDITOR (widget);
  g_autoptr(DavBatch) batch = NULL;
  DavPropertyEntry *invalid = NULL;
  gboolean took_form;
  Apply *apply;

  if (self->batch != NULL)
    return;

  batch = dav_batch_new (dav_resource_store_get_client (self->store), CONCURRENCY);
  took_form = dav_property_sheet_get_draft (self->sheet, NULL, NULL, NULL) == DAV_PROPERTY_DRAFT_READY;
  if (!dav_property_sheet_begin_apply (self->sheet, batch, &invalid))
    {
      if (invalid != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Nothing was sent: the new value of %s cannot be sent as it is. Why is said under it."),
                                                   dav_property_entry_get_name (invalid));
          g_autofree char *shown = dav_text_escape (text, -1);

          show_banner (self, shown, "error");
        }
      return;
    }
  gtk_widget_set_visible (self->results_group, FALSE);
  /* What the form held is now a row of its own, sent with the others;
   * the focus comes back to the start of the emptied form. */
  if (took_form)
    clear_form (self);

  apply = g_new0 (Apply, 1);
  apply->self = g_object_ref (self);
  apply->store = g_object_ref (self->store);

  self->batch = g_object_ref (batch);
  show_banner (self, NULL, NULL);
  show_add_message (self, NULL, NULL);
  release_focus (self);
  if (took_form && self->focus_to_restore != NULL)
    g_set_weak_pointer (&self->focus_to_restore, self->name_row);
  gtk_widget_set_sensitive (self->property_list, FALSE);
  gtk_widget_set_sensitive (self->add_group, FALSE);
  set_busy (self);
  update_actions (self);
  dav_batch_run_async (batch, self->cancellable, davscope_property_editor_apply_cb, apply);
}

/* ---- adding ------------------------------------------------------------------ */

static void
set_row_state (GtkWidget  *row,
               const char *css_class)
{
  gtk_widget_remove_css_class (row, "error");
  gtk_widget_remove_css_class (row, "warning");
  if (css_class != NULL)
    gtk_widget_add_css_class (row, css_class);
}

/* The draft's check, under the form and on the field it is about: what
 * is missing in quiet words, what is wrong in red, as it is typed. */
static void
show_draft (DavscopePropertyEditor *self)
{
  DavPropertyDraftField field;
  gboolean warning;
  const char *message;
  DavPropertyDraftState state = dav_property_sheet_get_draft (self->sheet, &field, &warning, &message);
  const char *field_class = state == DAV_PROPERTY_DRAFT_INVALID ? "error" : warning ? "warning" : NULL;

  set_row_state (self->name_row, field == DAV_PROPERTY_DRAFT_FIELD_NAME ? field_class : NULL);
  set_row_state (self->namespace_row, field == DAV_PROPERTY_DRAFT_FIELD_NAMESPACE ? field_class : NULL);
  set_row_state (self->value_row, field == DAV_PROPERTY_DRAFT_FIELD_VALUE ? field_class : NULL);
  show_add_message (self, message, field_class != NULL ? field_class : "dim-label");
}

static void
on_add_form_changed (DavscopePropertyEditor *self)
{
  gboolean is_xml = gtk_switch_get_active (GTK_SWITCH (self->xml_switch));

  if (is_xml)
    gtk_widget_add_css_class (self->value_row, "monospace");
  else
    gtk_widget_remove_css_class (self->value_row, "monospace");

  if (self->form_filling)
    return;

  dav_property_sheet_set_draft (self->sheet,
                                gtk_editable_get_text (GTK_EDITABLE (self->namespace_row)),
                                gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                gtk_editable_get_text (GTK_EDITABLE (self->value_row)),
                                is_xml);
  show_draft (self);
}

static void
on_namespace_changed (DavscopePropertyEditor *self)
{
  if (!self->form_filling)
    self->namespace_typed = TRUE;
}

/* Empties the name and the value; the namespace stays, for the next
 * property in it. */
static void
clear_form (DavscopePropertyEditor *self)
{
  self->form_filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), "");
  self->form_filling = FALSE;
  on_add_form_changed (self);
}

/* Until the person types a namespace, the form offers the one the
 * item's own dead properties use, so that adding one more is a name and
 * a value. */
static void
suggest_namespace (DavscopePropertyEditor *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sheet));

  if (self->namespace_typed ||
      *gtk_editable_get_text (GTK_EDITABLE (self->namespace_row)) != '\0')
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DavPropertyEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->sheet), i);
      const char *ns = dav_property_entry_get_namespace_uri (entry);

      if (dav_property_entry_is_live (entry) || *ns == '\0' || g_str_equal (ns, "DAV:"))
        continue;

      self->form_filling = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->namespace_row), ns);
      self->form_filling = FALSE;
      on_add_form_changed (self);
      return;
    }
}

/* "Add Property" (or Enter in the form): what is typed becomes a row of
 * its own, and the form is free for another. */
static void
on_add_activate (DavscopePropertyEditor *self)
{
  DavPropertyDraftField field;
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;
  DavPropertyEntry *entry;

  on_add_form_changed (self);
  entry = dav_property_sheet_take_draft (self->sheet);
  if (entry == NULL)
    {
      DavPropertyDraftState state = dav_property_sheet_get_draft (self->sheet, &field, NULL, NULL);

      if (state == DAV_PROPERTY_DRAFT_EMPTY)
        {
          show_add_message (self, _("Give the property a name."), "dim-label");
          field = DAV_PROPERTY_DRAFT_FIELD_NAME;
        }
      gtk_widget_grab_focus (field == DAV_PROPERTY_DRAFT_FIELD_VALUE ? self->value_row
                             : field == DAV_PROPERTY_DRAFT_FIELD_NAMESPACE ? self->namespace_row
                             : self->name_row);
      return;
    }

  self->form_filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), "");
  self->form_filling = FALSE;
  show_draft (self);

  shown = dav_text_escape (dav_property_entry_get_name (entry), -1);
  /* Translators: %s is the name of the property just added, such as "rating" */
  message = g_strdup_printf (_("%s is among the changes; Apply sends them."), shown);
  show_add_message (self, message, "dim-label");
  gtk_widget_grab_focus (self->name_row);
  update_actions (self);
}

/* ---- closing ----------------------------------------------------------------- */

static gboolean
close_after_discard (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  g_object_unref (user_data);

  return G_SOURCE_REMOVE;
}

static void
on_discard_response (AdwMessageDialog       *dialog,
                     const char             *response,
                     DavscopePropertyEditor *self)
{
  self->discard_dialog = NULL;
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->discard_confirmed = TRUE;
      /* Not from inside the dialog's own "response": closing this window
       * destroys the dialog (destroy-with-parent) while it still runs. */
      g_idle_add (close_after_discard, g_object_ref (self));
    }
}

static gboolean
davscope_property_editor_close_request (GtkWindow *window)
{
  DavscopePropertyEditor *self = DAVSCOPE_PROPERTY_EDITOR (window);
  guint pending = dav_property_sheet_get_n_pending (self->sheet);
  guint refused = dav_property_sheet_get_n_refused (self->sheet);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  if (self->discard_confirmed || pending == 0 || self->batch != NULL)
    return GTK_WINDOW_CLASS (davscope_property_editor_parent_class)->close_request (window);

  if (self->discard_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->discard_dialog));
      return TRUE;
    }

  /* Those the last Apply sent were refused, not "not sent". */
  if (refused > 0)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                               "%u property change was refused by the server: it is not saved.",
                                               "%u property changes were refused by the server: they are not saved.",
                                               refused),
                            refused);
  if (pending > refused)
    {
      if (body->len > 0)
        g_string_append_c (body, ' ');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u property change has not been applied: it was not sent to the server.",
                                                 "%u property changes have not been applied: they were not sent to the server.",
                                                 pending - refused),
                              pending - refused);
    }
  dialog = adw_message_dialog_new (window, _("Discard changes?"), NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  self->discard_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}
/* ---- state ------------------------------------------------------------------- */

static void
update_actions (DavscopePropertyEditor *self)
{
  guint pending = dav_property_sheet_get_n_pending (self->sheet);
  g_autofree char *description = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.apply", pending > 0 && self->batch == NULL);

  if (pending == 0)
    description = g_strdup (is_single (self)
                            ? _("Each with the status the server gave it. Properties people set can be changed and removed; changes are sent together when you press Apply.")
                            : _("Of all the chosen items. A change or a removal is made on each of them when you press Apply."));
  else
    {
      guint refused = dav_property_sheet_get_n_refused (self->sheet);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u change not applied yet.",
                                                             "%u changes not applied yet.",
                                                             pending),
                                                pending);

      /* Sent and refused is not "not sent": say which it was. */
      if (refused > 0)
        description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    /* Translators: %s is "2 changes not applied yet." */
                                                    "%s The server refused %u of them at the last Apply.",
                                                    "%s The server refused %u of them at the last Apply.",
                                                    refused),
                                       count, refused);
      else
        description = g_steal_pointer (&count);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->properties_group), description);
}

static void
on_sheet_items_changed (DavscopePropertyEditor *self)
{
  gtk_list_box_invalidate_headers (GTK_LIST_BOX (self->property_list));
}

/* ---- the type ----------------------------------------------------------------- */

static void
davscope_property_editor_dispose (GObject *object)
{
  DavscopePropertyEditor *self = DAVSCOPE_PROPERTY_EDITOR (object);

  self->disposed = TRUE;
  g_clear_weak_pointer (&self->focus_to_restore);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->batch);

  gtk_widget_dispose_template (GTK_WIDGET (self), DAVSCOPE_TYPE_PROPERTY_EDITOR);

  G_OBJECT_CLASS (davscope_property_editor_parent_class)->dispose (object);
}

static void
davscope_property_editor_finalize (GObject *object)
{
  DavscopePropertyEditor *self = DAVSCOPE_PROPERTY_EDITOR (object);

  g_clear_object (&self->sheet);
  g_clear_pointer (&self->read_errors, g_ptr_array_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (davscope_property_editor_parent_class)->finalize (object);
}

static void
davscope_property_editor_class_init (DavscopePropertyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = davscope_property_editor_dispose;
  object_class->finalize = davscope_property_editor_finalize;
  window_class->close_request = davscope_property_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/davscope/Davscope/davscope-property-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, apply_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, banner_box);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, results_group);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, results_grid);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, add_group);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, namespace_row);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, value_row);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, xml_switch);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, add_message);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, properties_group);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, property_list);
  gtk_widget_class_bind_template_callback (widget_class, on_add_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_add_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_namespace_changed);

  gtk_widget_class_install_action (widget_class, "editor.apply", NULL, apply_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
davscope_property_editor_init (DavscopePropertyEditor *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+Return applies from anywhere, a value editor too: in the capture
   * phase, before a text view takes it for a line break. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                                                          gtk_named_action_new ("editor.apply")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();

  gtk_list_box_set_header_func (GTK_LIST_BOX (self->property_list), header_func, NULL, NULL);
}

/* Returns: (transfer none): the window, which belongs to GTK's list of
 * toplevels and destroys itself when closed. */
DavscopePropertyEditor *
davscope_property_editor_show (GtkWindow        *parent,
                               DavResourceStore *store,
                               GPtrArray        *resources)
{
  DavscopePropertyEditor *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DAV_IS_RESOURCE_STORE (store), NULL);
  g_return_val_if_fail (resources != NULL && resources->len > 0, NULL);
  for (guint i = 0; i < resources->len; i++)
    g_return_val_if_fail (DAV_IS_RESOURCE (g_ptr_array_index (resources, i)), NULL);

  self = g_object_new (DAVSCOPE_TYPE_PROPERTY_EDITOR,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->sheet = dav_property_sheet_new (resources);
  self->read_errors = g_ptr_array_new_full (resources->len, g_free);
  g_ptr_array_set_size (self->read_errors, resources->len);

  g_signal_connect_object (self->sheet, "items-changed", G_CALLBACK (on_sheet_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sheet, "notify::n-pending", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->property_list), G_LIST_MODEL (self->sheet),
                           create_row, self, NULL);

  if (is_single (self))
    {
      DavResource *resource = g_ptr_array_index (resources, 0);

      /* TRANSLATORS: the title of the property editor: "Properties of report.txt" */
      title = g_strdup_printf (_("Properties of %s"), dav_resource_get_name (resource));
      adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->window_title), dav_resource_get_path (resource));
    }
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Properties of %u Item", "Properties of %u Items",
                                          resources->len),
                             resources->len);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (ADW_WINDOW_TITLE (self->window_title), title);

  merge (self);
  start_reading (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (self->name_row);

  return self;
}
