/* davscope-property-row.c: one property in the property editor's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout is davscope-property-row.ui; this file puts the entry into
 * it (row_sync, on every "changed" of the entry) and turns the buttons
 * and the value editor into changes of the sheet. Whether the editor is
 * open belongs to the row's view, not to the entry: the property editor
 * keeps it across the rows the list box makes again after each reading.
 *
 * Server text goes into plain labels only, escaped with dav_text_escape;
 * the value editor gets the raw text only when it holds nothing that
 * could hide or disguise itself, else its escaped form, and the row says
 * so (dav_property_entry_dup_editable_value).
 */

#include "davscope-property-row.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dav-text.h"
#include "davscope-status-badge.h"
#include "davscope-ui-util.h"

struct _DavscopePropertyRow
{
  GtkListBoxRow     parent_instance;

  /* template */
  GtkWidget        *name_label;
  GtkWidget        *namespace_label;
  GtkWidget        *lock_image;
  GtkWidget        *badge;
  GtkWidget        *undo_button;
  GtkWidget        *edit_button;
  GtkWidget        *remove_button;
  GtkWidget        *value_label;
  GtkWidget        *note_label;
  GtkWidget        *result_label;
  GtkWidget        *result_badge;
  GtkWidget        *result_text;
  GtkWidget        *revealer;
  GtkWidget        *text_view;
  GtkWidget        *xml_switch;
  GtkWidget        *escaped_label;
  GtkWidget        *error_label;

  DavPropertySheet *sheet;
  DavPropertyEntry *entry;
  gulong            entry_handler;
  gboolean          expanded;
  gboolean          filling;      /* the editor is being filled, not typed into */
};

enum {
  PROP_0,
  PROP_SHEET,
  PROP_ENTRY,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FORGOTTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DavscopePropertyRow, davscope_property_row, GTK_TYPE_LIST_BOX_ROW)

/* ---- text ---------------------------------------------------------------- */

/* One line for a label: an XML value squeezed, then escaped. */
static char *
value_for_display (const char *value,
                   gboolean    is_xml)
{
  g_autofree char *squeezed = NULL;

  if (value == NULL)
    return NULL;
  if (is_xml)
    squeezed = dav_text_squeeze (value);

  return dav_text_escape (squeezed ? squeezed : value, -1);
}

static void
set_classes (GtkWidget  *widget,
             const char *first,
             const char *second)
{
  const char *classes[] = { first, second, NULL };

  gtk_widget_set_css_classes (widget, classes);
}

static void
set_monospace (GtkWidget *widget,
               gboolean   monospace)
{
  if (monospace)
    gtk_widget_add_css_class (widget, "monospace");
  else
    gtk_widget_remove_css_class (widget, "monospace");
}

static gboolean
is_new (DavPropertyEntry *entry)
{
  return dav_property_entry_is_added (entry) && dav_property_entry_get_n_present (entry) == 0;
}

/* A pending change the last Apply sent and the server refused (a 409, or
 * 424 because another change failed): it was sent, and it is not saved. */
static char *
refused_note (DavPropertyEntry *entry)
{
  guint status = dav_property_entry_get_result_status (entry);
  gboolean remove = dav_property_entry_get_change (entry) == DAV_PROPERTY_CHANGE_REMOVE;

  /* No status: no answer came, or this client did not send it (the
   * outcome under the row says which). Some saved: the outcome says where. */
  if (status == 0 || dav_property_entry_get_result_n_ok (entry) > 0)
    return g_strdup (remove ? _("To be removed; not removed.")
                            : is_new (entry) ? _("New; not saved.") : _("Changed; not saved."));

  /* TRANSLATORS: %u is an HTTP status code, such as 409 or 424 */
  return g_strdup_printf (remove ? _("To be removed; the server refused it (%u). Not removed.")
                                 : is_new (entry) ? _("New; the server refused it (%u). Not saved.")
                                                  : _("Changed; the server refused it (%u). Not saved."),
                          status);
}

static char *
row_note (DavscopePropertyRow *self)
{
  DavPropertyEntry *entry = self->entry;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n = dav_property_sheet_get_n_targets (self->sheet);

  if (dav_property_entry_is_change_refused (entry))
    g_ptr_array_add (parts, refused_note (entry));
  else
    switch (dav_property_entry_get_change (entry))
      {
      case DAV_PROPERTY_CHANGE_REMOVE:
        g_ptr_array_add (parts, g_strdup (_("To be removed; not sent yet.")));
        break;
      case DAV_PROPERTY_CHANGE_SET:
        g_ptr_array_add (parts, g_strdup (is_new (entry) ? _("New; not sent yet.") : _("Changed; not sent yet.")));
        break;
      case DAV_PROPERTY_CHANGE_NONE:
      default:
        break;
      }

  if (dav_property_entry_is_protected (entry))
    g_ptr_array_add (parts, g_strdup (_("The server computes this property; it cannot be changed.")));
  else if (dav_property_entry_is_live (entry))
    g_ptr_array_add (parts, g_strdup (_("The server keeps this property; it may refuse a new value.")));

  if (n > 1 && dav_property_entry_is_seen (entry))
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "On %u of %u item.", "On %u of %u items.", n),
                                             dav_property_entry_get_n_present (entry), n));
  else if (!dav_property_entry_is_seen (entry)
           && dav_property_entry_get_applied (entry) == DAV_PROPERTY_CHANGE_REMOVE
           && dav_property_entry_get_result_ok (entry))
    g_ptr_array_add (parts, g_strdup (_("No longer on the server.")));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" ", (char **) parts->pdata);
}

/* The value: what will be sent, or what is there now. */
static void
sync_value (DavscopePropertyRow *self)
{
  DavPropertyEntry *entry = self->entry;
  DavPropertyChange change = dav_property_entry_get_change (entry);
  guint n_present = dav_property_entry_get_n_present (entry);
  gboolean mixed = dav_property_entry_is_mixed (entry);
  g_autofree char *value = NULL;
  const char *value_class = NULL;
  g_autoptr(PangoAttrList) attrs = NULL;

  if (change == DAV_PROPERTY_CHANGE_SET)
    value = value_for_display (dav_property_entry_get_new_value (entry), dav_property_entry_get_new_value_is_xml (entry));
  else if (mixed)
    {
      value = g_strdup (_("Different values on the chosen items"));
      value_class = "dim-label";
    }
  else if (n_present > 0)
    value = value_for_display (dav_property_entry_get_value (entry), dav_property_entry_get_value_is_xml (entry));

  if (value == NULL || *value == '\0')
    {
      g_free (value);
      value = g_strdup (n_present > 0 || change == DAV_PROPERTY_CHANGE_SET ? _("(empty)") : _("(no value)"));
      value_class = "dim-label";
    }
  gtk_label_set_text (GTK_LABEL (self->value_label), value);
  /* A pending value hides the server's: the tooltip keeps it in reach. */
  if (change != DAV_PROPERTY_CHANGE_NONE && n_present > 0 && !mixed)
    {
      g_autofree char *now = value_for_display (dav_property_entry_get_value (entry), dav_property_entry_get_value_is_xml (entry));
      g_autofree char *tip = g_strdup_printf (_("On the server now: %s"), now ? now : _("(empty)"));

      gtk_widget_set_tooltip_text (self->value_label, tip);
    }
  else if (strlen (value) > 300)
    /* Four lines show; the rest is a hover away. */
    gtk_widget_set_tooltip_text (self->value_label, value);
  else
    gtk_widget_set_tooltip_text (self->value_label, NULL);
  set_classes (self->value_label,
               value_class ? value_class
                           : (change == DAV_PROPERTY_CHANGE_SET ? dav_property_entry_get_new_value_is_xml (entry)
                                                                : dav_property_entry_get_value_is_xml (entry)) ? "monospace" : NULL,
               NULL);

  attrs = pango_attr_list_new ();
  if (change == DAV_PROPERTY_CHANGE_REMOVE
      || (dav_property_entry_get_applied (entry) == DAV_PROPERTY_CHANGE_REMOVE
          && dav_property_entry_get_result_ok (entry) && !dav_property_entry_is_seen (entry)))
    pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
  gtk_label_set_attributes (GTK_LABEL (self->value_label), attrs);
  gtk_label_set_attributes (GTK_LABEL (self->name_label), attrs);
}

/* The outcome of the last Apply. */
static void
sync_result (DavscopePropertyRow *self)
{
  DavPropertyEntry *entry = self->entry;
  gboolean single = dav_property_sheet_get_n_targets (self->sheet) == 1;
  guint status = dav_property_entry_get_result_status (entry);
  gboolean ok = dav_property_entry_get_result_ok (entry);
  const DavReportItem *item;
  g_autofree char *phrase = NULL;
  g_autofree char *text = NULL;

  if (dav_property_entry_get_applied (entry) == DAV_PROPERTY_CHANGE_NONE)
    {
      davscope_label_set_text_or_hide (self->result_label, NULL);
      davscope_status_badge_set (DAVSCOPE_STATUS_BADGE (self->result_badge), 0, TRUE, NULL, NULL);
      davscope_label_set_text_or_hide (self->result_text, NULL);
      return;
    }

  phrase = davscope_status_phrase (status, NULL, TRUE);
  /* A failure's code is on the badge next to it, which explains it. */
  if (!single)
    text = g_strdup_printf (_("Saved on %u of %u items"),
                            dav_property_entry_get_result_n_ok (entry), dav_property_entry_get_result_n (entry));
  else if (ok)
    text = g_strdup_printf (_("Saved · %s"), phrase);
  else if (status == 424)
    text = g_strdup (_("Not made, because another change failed:"));
  else if (status != 0)
    text = g_strdup (_("Refused:"));
  else
    text = g_strdup (_("Not saved"));

  davscope_label_set_text_or_hide (self->result_label, text);
  set_classes (self->result_label, "caption-heading", ok ? "success" : "error");
  davscope_status_badge_set (DAVSCOPE_STATUS_BADGE (self->result_badge), single ? status : 0, TRUE, NULL, NULL);
  /* The PROPPATCH that got this answer, in the inspector. */
  item = single ? dav_property_sheet_get_report_item (self->sheet, 0) : NULL;
  davscope_status_badge_set_exchange (DAVSCOPE_STATUS_BADGE (self->result_badge), item ? item->exchange_id : 0);
  davscope_label_set_text_or_hide (self->result_text, ok ? NULL : dav_property_entry_get_result_text (entry));
}

/* The status the property was read with, for its badge: none where it
 * was not read, and none for a 404 on a property being added, since not
 * being there yet is what "New" already says. */
static guint
reading_status (DavPropertyEntry *entry)
{
  guint status = dav_property_entry_is_seen (entry) ? dav_property_entry_get_status (entry) : 0;

  return status == 404 && dav_property_entry_is_added (entry) ? 0 : status;
}

static void
row_sync (DavscopePropertyRow *self)
{
  DavPropertyEntry *entry = self->entry;
  DavPropertyChange change = dav_property_entry_get_change (entry);
  gboolean protected_ = dav_property_entry_is_protected (entry);
  gboolean editable = !protected_;
  /* Nothing to remove where no item has it (a 404, or one just added). */
  gboolean removable = !protected_ && change != DAV_PROPERTY_CHANGE_REMOVE && dav_property_entry_get_n_present (entry) > 0;
  g_autofree char *note = row_note (self);
  g_autofree char *accessible = NULL;

  sync_value (self);

  davscope_label_set_text_or_hide (self->note_label, note);
  set_classes (self->note_label, "caption", change != DAV_PROPERTY_CHANGE_NONE ? "accent" : "dim-label");
  gtk_widget_set_tooltip_text (self->note_label, protected_ ? _("The server computes this property; it cannot be changed") : NULL);

  /* With the answer it was read from: its description, and the PROPFIND
   * in the inspector. */
  davscope_status_badge_set (DAVSCOPE_STATUS_BADGE (self->badge), reading_status (entry),
                             TRUE, NULL, dav_property_entry_get_response (entry));
  davscope_status_badge_set_exchange (DAVSCOPE_STATUS_BADGE (self->badge),
                                      dav_property_entry_get_exchange_id (entry));

  sync_result (self);

  davscope_label_set_text_or_hide (self->error_label, dav_property_entry_get_invalid (entry));

  gtk_widget_set_visible (self->edit_button, editable && change != DAV_PROPERTY_CHANGE_REMOVE);
  gtk_widget_set_visible (self->remove_button, removable);
  gtk_widget_set_visible (self->undo_button, change != DAV_PROPERTY_CHANGE_NONE);
  /* Hidden, not just folded: a closed editor is not in the way of
   * keyboard and screen reader users. */
  gtk_widget_set_visible (self->revealer, editable && self->expanded && change != DAV_PROPERTY_CHANGE_REMOVE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->edit_button), self->expanded);

  if (change != DAV_PROPERTY_CHANGE_NONE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "pending");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "pending");

  /* One name for the row, the rest as its description. */
  accessible = g_strdup_printf ("%s %s %s", note,
                                gtk_label_get_text (GTK_LABEL (self->value_label)),
                                gtk_label_get_text (GTK_LABEL (self->result_label)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible,
                                  -1);
}

/* ---- the value editor ------------------------------------------------------ */

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Puts the pending value, or the server's, into the editor. */
static void
fill_editor (DavscopePropertyRow *self)
{
  DavPropertyEntry *entry = self->entry;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  g_autofree char *text = NULL;
  gboolean escaped = FALSE;
  gboolean is_xml;

  if (dav_property_entry_get_change (entry) == DAV_PROPERTY_CHANGE_SET)
    {
      text = g_strdup (dav_property_entry_get_new_value (entry));
      is_xml = dav_property_entry_get_new_value_is_xml (entry);
    }
  else
    {
      text = dav_property_entry_dup_editable_value (entry, &escaped);
      is_xml = dav_property_entry_get_value_is_xml (entry);
    }

  self->filling = TRUE;
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);
  gtk_switch_set_active (GTK_SWITCH (self->xml_switch), is_xml);
  self->filling = FALSE;

  set_monospace (self->text_view, is_xml);
  gtk_widget_set_visible (self->escaped_label, escaped);
}

/* What is typed becomes the pending change, or none when it is what the
 * server has. */
static void
on_editor_changed (DavscopePropertyRow *self)
{
  g_autofree char *text = NULL;
  gboolean is_xml;

  if (self->filling || self->entry_handler == 0)
    return;

  text = buffer_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view)));
  is_xml = gtk_switch_get_active (GTK_SWITCH (self->xml_switch));
  set_monospace (self->text_view, is_xml);
  dav_property_sheet_edit (self->sheet, self->entry, text, is_xml);
}

/* ---- the buttons ---------------------------------------------------------- */

static void
on_edit_toggled (DavscopePropertyRow *self)
{
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->edit_button));

  if (self->expanded == active)
    return;

  davscope_property_row_set_expanded (self, active);
  if (active)
    gtk_widget_grab_focus (self->text_view);
}

static void
on_remove_clicked (DavscopePropertyRow *self)
{
  dav_property_sheet_set_change (self->sheet, self->entry, DAV_PROPERTY_CHANGE_REMOVE, NULL, FALSE);
  gtk_widget_grab_focus (self->undo_button);
}

static void
on_undo_clicked (DavscopePropertyRow *self)
{
  g_autoptr(DavscopePropertyRow) kept = g_object_ref (self);

  /* A property added with the form goes away with its change, and this
   * row with it: the editor decides where the focus goes. */
  if (!dav_property_sheet_undo (self->sheet, self->entry))
    {
      g_signal_emit (self, signals[FORGOTTEN], 0);
      return;
    }

  fill_editor (self);
  gtk_widget_grab_focus (gtk_widget_get_visible (self->remove_button) ? self->remove_button : self->edit_button);
}

/* ---- the type ----------------------------------------------------------------- */

static void
davscope_property_row_constructed (GObject *object)
{
  DavscopePropertyRow *self = DAVSCOPE_PROPERTY_ROW (object);
  DavPropertyEntry *entry = self->entry;
  g_autofree char *name = dav_text_escape (dav_property_entry_get_name (entry), -1);
  g_autofree char *ns = dav_text_escape (dav_property_entry_get_namespace_uri (entry), -1);
  g_autofree char *key = dav_text_escape (dav_property_entry_get_key (entry), -1);
  g_autofree char *edit_tip = g_strdup_printf (_("Edit the value of %s"), name);
  g_autofree char *remove_tip = g_strdup_printf (_("Remove %s (nothing is sent before Apply)"), name);
  g_autofree char *undo_tip = g_strdup_printf (_("Forget the change to %s"), name);

  G_OBJECT_CLASS (davscope_property_row_parent_class)->constructed (object);

  gtk_label_set_text (GTK_LABEL (self->name_label), name);
  gtk_widget_set_tooltip_text (self->name_label, key);
  gtk_label_set_text (GTK_LABEL (self->namespace_label), *ns ? ns : _("(no namespace)"));
  gtk_widget_set_tooltip_text (self->namespace_label, *ns ? ns : NULL);
  gtk_widget_set_visible (self->lock_image, dav_property_entry_is_protected (entry));
  gtk_widget_set_tooltip_text (self->edit_button, edit_tip);
  gtk_widget_set_tooltip_text (self->remove_button, remove_tip);
  gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);

  self->entry_handler = g_signal_connect_swapped (entry, "changed", G_CALLBACK (row_sync), self);
  fill_editor (self);
  row_sync (self);
}

static void
davscope_property_row_dispose (GObject *object)
{
  DavscopePropertyRow *self = DAVSCOPE_PROPERTY_ROW (object);

  /* Gone from the list (a new reading builds it again): the entry's
   * changes are no longer this row's business. */
  if (self->entry != NULL)
    g_clear_signal_handler (&self->entry_handler, self->entry);
  gtk_widget_dispose_template (GTK_WIDGET (self), DAVSCOPE_TYPE_PROPERTY_ROW);

  G_OBJECT_CLASS (davscope_property_row_parent_class)->dispose (object);
}

static void
davscope_property_row_finalize (GObject *object)
{
  DavscopePropertyRow *self = DAVSCOPE_PROPERTY_ROW (object);

  g_clear_object (&self->entry);
  g_clear_object (&self->sheet);

  G_OBJECT_CLASS (davscope_property_row_parent_class)->finalize (object);
}

static void
davscope_property_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DavscopePropertyRow *self = DAVSCOPE_PROPERTY_ROW (object);

  switch (prop_id)
    {
    case PROP_SHEET:
      g_value_set_object (value, self->sheet);
      break;
    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;
    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
davscope_property_row_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DavscopePropertyRow *self = DAVSCOPE_PROPERTY_ROW (object);

  switch (prop_id)
    {
    case PROP_SHEET:
      self->sheet = g_value_dup_object (value);
      break;
    case PROP_ENTRY:
      self->entry = g_value_dup_object (value);
      break;
    case PROP_EXPANDED:
      davscope_property_row_set_expanded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
davscope_property_row_class_init (DavscopePropertyRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = davscope_property_row_constructed;
  object_class->dispose = davscope_property_row_dispose;
  object_class->finalize = davscope_property_row_finalize;
  object_class->get_property = davscope_property_row_get_property;
  object_class->set_property = davscope_property_row_set_property;

  properties[PROP_SHEET] =
    g_param_spec_object ("sheet", NULL, NULL, DAV_TYPE_PROPERTY_SHEET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL, DAV_TYPE_PROPERTY_ENTRY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The change was undone and the property, added with the form, is no
   * longer listed. */
  signals[FORGOTTEN] =
    g_signal_new ("forgotten", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (DAVSCOPE_TYPE_STATUS_BADGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/davscope/Davscope/davscope-property-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, namespace_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, lock_image);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, badge);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, value_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, result_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, result_badge);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, result_text);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, revealer);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, text_view);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, xml_switch);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, escaped_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_clicked);
}

static void
davscope_property_row_init (DavscopePropertyRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
davscope_property_row_new (DavPropertySheet *sheet,
                           DavPropertyEntry *entry,
                           gboolean          expanded)
{
  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (sheet), NULL);
  g_return_val_if_fail (DAV_IS_PROPERTY_ENTRY (entry), NULL);

  return g_object_new (DAVSCOPE_TYPE_PROPERTY_ROW,
                       "sheet", sheet,
                       "entry", entry,
                       "expanded", expanded,
                       NULL);
}

DavPropertyEntry *
davscope_property_row_get_entry (DavscopePropertyRow *self)
{
  g_return_val_if_fail (DAVSCOPE_IS_PROPERTY_ROW (self), NULL);

  return self->entry;
}

gboolean
davscope_property_row_get_expanded (DavscopePropertyRow *self)
{
  g_return_val_if_fail (DAVSCOPE_IS_PROPERTY_ROW (self), FALSE);

  return self->expanded;
}

void
davscope_property_row_set_expanded (DavscopePropertyRow *self,
                                    gboolean             expanded)
{
  g_return_if_fail (DAVSCOPE_IS_PROPERTY_ROW (self));

  expanded = !!expanded;
  if (self->expanded == expanded)
    return;

  self->expanded = expanded;
  if (self->entry_handler != 0)
    row_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}
