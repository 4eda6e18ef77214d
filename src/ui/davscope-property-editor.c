/* davscope-property-editor.c: view and change the properties of resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor keeps one DavscopePropertyItem per property name ("{ns}name"),
 * a small GObject whose fields this file fills in through
 * davscope-property-item-private.h, holding three things: what the server
 * last said (value, propstat status, on how many of the chosen items),
 * what the person wants (set a value, remove, or nothing; with the order
 * in which they asked), and what the last Apply did to it. Items
 * live as long as the window, so reading the properties again keeps the
 * pending changes and the outcome of the last Apply next to fresh values.
 *
 *   GtkListBox "Properties" (rows built by create_row, one per item;
 *     │                      headers split dead from live properties)
 *     └ GListStore of DavscopePropertyItem, dead ones first, each group in
 *       the order the server listed them, added ones at the end
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
 *
 * Server text goes into plain labels only, escaped with dav_text_escape;
 * the value editors get the raw text only when it holds nothing that
 * could hide or disguise itself (controls, bidi or zero-width characters,
 * invalid UTF-8), else its escaped form, and the row says so.
 */

#include "davscope-property-editor.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dav-batch.h"
#include "dav-property.h"
#include "dav-property-reader.h"
#include "dav-status.h"
#include "dav-text.h"
#include "davscope-property-item-private.h"
#include "davscope-status-badge.h"
#include "davscope-ui-util.h"

#define CONCURRENCY 4

/* ---- text ---------------------------------------------------------------- */

/* Whether a value can go into an editor as it is: nothing in it that a
 * label would have escaped, apart from line breaks and tabs. */
static gboolean
is_safe_to_edit (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t' || c == '\r')
        continue;
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || dav_text_is_format_char (c))
        return FALSE;
    }

  return TRUE;
}

/* The text the editor starts from for the value on the server, or NULL
 * when there is no single value to start from. */
static char *
server_value_for_editing (DavscopePropertyItem *item,
                          gboolean             *escaped)
{
  *escaped = FALSE;

  if (item->n_present == 0 || item->mixed)
    return NULL;
  if (item->value == NULL)
    return g_strdup ("");
  if (is_safe_to_edit (item->value))
    return g_strdup (item->value);

  *escaped = TRUE;
  return dav_text_escape (item->value, -1);
}

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

static char *
escaped_or_null (const char *text)
{
  return text != NULL ? dav_text_escape (text, -1) : NULL;
}

/* ---- the editor ---------------------------------------------------------- */

typedef struct {
  char      *url;
  char      *name;        /* escaped, ready to show */
  char      *error;       /* why it could not be read again, or NULL */
  DavResponse *fresh;     /* the allprop reading, or NULL */
} Target;

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
  GtkWidget        *namespace_entry;
  GtkWidget        *name_entry;
  GtkWidget        *value_view;
  GtkWidget        *xml_switch;
  GtkWidget        *add_message;
  GtkWidget        *properties_group;
  GtkWidget        *property_list;

  DavResourceStore *store;
  GPtrArray        *resources;    /* DavResource* */
  GArray           *targets;      /* Target, one per resource */
  GHashTable       *items;        /* key -> DavscopePropertyItem */
  GListStore       *model;        /* DavscopePropertyItem, as shown */
  guint             next_order;
  guint64           next_sequence;

  GCancellable     *cancellable;
  guint             generation;   /* of the current reading */
  guint             n_reading;    /* PROPFINDs not answered yet */
  guint             next_to_read;
  DavBatch         *batch;        /* while Apply runs */
  GtkWidget        *discard_dialog;
  gboolean          discard_confirmed;
  gboolean          disposed;
};

G_DEFINE_FINAL_TYPE (DavscopePropertyEditor, davscope_property_editor, ADW_TYPE_WINDOW)

static void update_actions  (DavscopePropertyEditor *self);
static void start_reading   (DavscopePropertyEditor *self);

static void
target_clear (Target *target)
{
  g_free (target->url);
  g_free (target->name);
  g_free (target->error);
  g_clear_pointer (&target->fresh, dav_response_unref);
}

static gboolean
is_single (DavscopePropertyEditor *self)
{
  return self->resources->len == 1;
}

static Target *
target_at (DavscopePropertyEditor *self,
           guint                   index)
{
  return &g_array_index (self->targets, Target, index);
}

static guint
count_pending (DavscopePropertyEditor *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint pending = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DavscopePropertyItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (item->change != DAVSCOPE_PROPERTY_CHANGE_NONE)
        pending++;
    }

  return pending;
}

static void
show_banner (DavscopePropertyEditor *self,
             const char             *text,
             const char             *css_class)
{
  const char *classes[] = { css_class, NULL };
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
  /* "banner success" and "banner error" are there for style.css to tint. */
  {
    const char *box_classes[] = { "banner", css_class, NULL };

    gtk_widget_set_css_classes (self->banner_box, box_classes);
  }
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

/* ---- rows ----------------------------------------------------------------- */

typedef struct {
  DavscopePropertyEditor *editor;     /* unowned: the rows die first */
  DavscopePropertyItem   *item;
  GtkWidget *row;
  GtkWidget *name_label;
  GtkWidget *namespace_label;
  GtkWidget *badge;
  GtkWidget *value_label;
  GtkWidget *note_label;
  GtkWidget *result_badge;
  GtkWidget *result_label;
  GtkWidget *result_text;
  GtkWidget *edit_button;
  GtkWidget *remove_button;
  GtkWidget *undo_button;
  GtkWidget *revealer;
  GtkWidget *text_view;
  GtkWidget *xml_switch;
  GtkWidget *escaped_label;
  GtkWidget *error_label;
  gulong     buffer_handler;
  gulong     switch_handler;
  gulong     item_handler;
  gboolean   destroyed;
} Row;

static void
row_free (Row *row)
{
  if (row->item_handler != 0)
    g_clear_signal_handler (&row->item_handler, row->item);
  g_clear_object (&row->item);
  g_free (row);
}

/* The list box drops a row when the list is built again: from then on
 * the item's changes are no longer its business. */
static void
on_row_destroy (GtkWidget *widget,
                Row       *row)
{
  row->destroyed = TRUE;
  g_clear_signal_handler (&row->item_handler, row->item);
}

static void
set_text (GtkWidget  *label,
          const char *text)
{
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL && *text != '\0');
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
show_add_message (DavscopePropertyEditor *self,
                  const char             *text,
                  const char             *css_class)
{
  set_text (self->add_message, text);
  set_classes (self->add_message, css_class, NULL);
}

static char *
row_note (DavscopePropertyEditor *editor,
          DavscopePropertyItem   *item)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  guint n = editor->resources->len;

  switch (item->change)
    {
    case DAVSCOPE_PROPERTY_CHANGE_REMOVE:
      g_ptr_array_add (parts, g_strdup (_("To be removed; not sent yet.")));
      break;
    case DAVSCOPE_PROPERTY_CHANGE_SET:
      g_ptr_array_add (parts, g_strdup (item->added && item->n_present == 0
                                        ? _("New; not sent yet.")
                                        : _("Changed; not sent yet.")));
      break;
    case DAVSCOPE_PROPERTY_CHANGE_NONE:
    default:
      break;
    }

  if (item->protected_)
    g_ptr_array_add (parts, g_strdup (_("The server computes this property; it cannot be changed.")));
  else if (item->live)
    g_ptr_array_add (parts, g_strdup (_("The server keeps this property; it may refuse a new value.")));

  if (n > 1 && item->seen)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "On %u of %u item.", "On %u of %u items.", n),
                                             item->n_present, n));
  else if (!item->seen && item->applied == DAVSCOPE_PROPERTY_CHANGE_REMOVE && item->result_ok)
    g_ptr_array_add (parts, g_strdup (_("No longer on the server.")));

  g_ptr_array_add (parts, NULL);
  {
    char *note = g_strjoinv (" ", (char **) parts->pdata);

    g_ptr_array_unref (parts);
    return note;
  }
}

static void
row_sync (Row *row)
{
  DavscopePropertyItem *item = row->item;
  DavscopePropertyEditor *editor = row->editor;
  g_autofree char *value = NULL;
  g_autofree char *note = row_note (editor, item);
  g_autofree char *accessible = NULL;
  g_autoptr(PangoAttrList) attrs = NULL;
  const char *value_class = NULL;
  gboolean editable = davscope_property_item_can_edit (item);
  /* Nothing to remove where no item has it (a 404, or one just added). */
  gboolean removable = !item->protected_ && item->change != DAVSCOPE_PROPERTY_CHANGE_REMOVE && item->n_present > 0;

  /* The value: what will be sent, or what is there now. */
  if (item->change == DAVSCOPE_PROPERTY_CHANGE_SET)
    value = value_for_display (item->new_value, item->new_is_xml);
  else if (item->mixed)
    {
      value = g_strdup (_("Different values on the chosen items"));
      value_class = "dim-label";
    }
  else if (item->n_present > 0)
    value = value_for_display (item->value, item->is_xml);

  if (value == NULL || *value == '\0')
    {
      g_free (value);
      value = g_strdup (item->n_present > 0 || item->change == DAVSCOPE_PROPERTY_CHANGE_SET ? _("(empty)") : _("(no value)"));
      value_class = "dim-label";
    }
  gtk_label_set_text (GTK_LABEL (row->value_label), value);
  /* A pending value hides the server's: the tooltip keeps it in reach. */
  if (item->change != DAVSCOPE_PROPERTY_CHANGE_NONE && item->n_present > 0 && !item->mixed)
    {
      g_autofree char *now = value_for_display (item->value, item->is_xml);
      g_autofree char *tip = g_strdup_printf (_("On the server now: %s"), now ? now : _("(empty)"));

      gtk_widget_set_tooltip_text (row->value_label, tip);
    }
  else if (strlen (value) > 300)
    /* Four lines show; the rest is a hover away. */
    gtk_widget_set_tooltip_text (row->value_label, value);
  else
    gtk_widget_set_tooltip_text (row->value_label, NULL);
  set_classes (row->value_label,
               value_class ? value_class
                           : (item->change == DAVSCOPE_PROPERTY_CHANGE_SET ? item->new_is_xml : item->is_xml) ? "monospace" : NULL,
               NULL);

  attrs = pango_attr_list_new ();
  if (item->change == DAVSCOPE_PROPERTY_CHANGE_REMOVE
      || (item->applied == DAVSCOPE_PROPERTY_CHANGE_REMOVE && item->result_ok && !item->seen))
    pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
  gtk_label_set_attributes (GTK_LABEL (row->value_label), attrs);
  gtk_label_set_attributes (GTK_LABEL (row->name_label), attrs);

  set_text (row->note_label, note);
  set_classes (row->note_label, "caption", item->change != DAVSCOPE_PROPERTY_CHANGE_NONE ? "accent" : "dim-label");
  gtk_widget_set_tooltip_text (row->note_label, item->protected_ ? _("The server computes this property; it cannot be changed") : NULL);

  davscope_status_badge_set (DAVSCOPE_STATUS_BADGE (row->badge), item->seen ? item->status : 0, TRUE, NULL, NULL);

  /* The outcome of the last Apply. */
  if (item->applied != DAVSCOPE_PROPERTY_CHANGE_NONE)
    {
      g_autofree char *phrase = davscope_status_phrase (item->result_status, NULL, TRUE);
      g_autofree char *text = NULL;

      /* A failure's code is on the badge next to it, which explains it. */
      if (!is_single (editor))
        text = g_strdup_printf (_("Saved on %u of %u items"), item->result_n_ok, item->result_n);
      else if (item->result_ok)
        text = g_strdup_printf (_("Saved · %s"), phrase);
      else if (item->result_status == 424)
        text = g_strdup (_("Not made, because another change failed:"));
      else if (item->result_status != 0)
        text = g_strdup (_("Refused:"));
      else
        text = g_strdup (_("Not saved"));

      set_text (row->result_label, text);
      set_classes (row->result_label, "caption-heading", item->result_ok ? "success" : "error");
      davscope_status_badge_set (DAVSCOPE_STATUS_BADGE (row->result_badge),
                                 is_single (editor) ? item->result_status : 0, TRUE, NULL, NULL);
      set_text (row->result_text, item->result_ok ? NULL : item->result_text);
    }
  else
    {
      set_text (row->result_label, NULL);
      davscope_status_badge_set (DAVSCOPE_STATUS_BADGE (row->result_badge), 0, TRUE, NULL, NULL);
      set_text (row->result_text, NULL);
    }

  set_text (row->error_label, item->invalid);

  gtk_widget_set_visible (row->edit_button, editable && item->change != DAVSCOPE_PROPERTY_CHANGE_REMOVE);
  gtk_widget_set_visible (row->remove_button, removable);
  gtk_widget_set_visible (row->undo_button, item->change != DAVSCOPE_PROPERTY_CHANGE_NONE);
  /* Hidden, not just folded: a closed editor is not in the way of
   * keyboard and screen reader users. */
  gtk_widget_set_visible (row->revealer, editable && item->expanded && item->change != DAVSCOPE_PROPERTY_CHANGE_REMOVE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (row->edit_button), item->expanded);

  if (item->change != DAVSCOPE_PROPERTY_CHANGE_NONE)
    gtk_widget_add_css_class (row->row, "pending");
  else
    gtk_widget_remove_css_class (row->row, "pending");

  /* One name for the row, the rest as its description. */
  accessible = g_strdup_printf ("%s %s %s", note, value, gtk_label_get_text (GTK_LABEL (row->result_label)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible,
                                  -1);
}

static void
on_item_changed (DavscopePropertyItem *item,
                 Row                  *row)
{
  if (!row->destroyed)
    row_sync (row);
}

/* Checks the change as the request will need it. */
static void
item_validate (DavscopePropertyItem *item)
{
  g_autoptr(GError) error = NULL;
  DavPropPatch *patch;

  g_clear_pointer (&item->invalid, g_free);
  if (item->change != DAVSCOPE_PROPERTY_CHANGE_SET)
    return;

  patch = dav_prop_patch_new_set (item->namespace_uri, item->name, item->new_value, item->new_is_xml);
  if (!dav_prop_patch_validate (patch, &error))
    item->invalid = g_strdup (error->message);
  dav_prop_patch_free (patch);
}

static void
item_set_change (DavscopePropertyEditor *self,
                 DavscopePropertyItem   *item,
                 DavscopePropertyChange  change,
                 const char             *value,
                 gboolean                is_xml)
{
  /* A change keeps its place in the order when it is only edited again. */
  if (change != DAVSCOPE_PROPERTY_CHANGE_NONE && (item->change != change || item->sequence == 0))
    item->sequence = ++self->next_sequence;
  if (change == DAVSCOPE_PROPERTY_CHANGE_NONE)
    item->sequence = 0;

  item->change = change;
  g_free (item->new_value);
  item->new_value = change == DAVSCOPE_PROPERTY_CHANGE_SET ? g_strdup (value ? value : "") : NULL;
  item->new_is_xml = change == DAVSCOPE_PROPERTY_CHANGE_SET && is_xml;
  item_validate (item);
  davscope_property_item_emit_changed (item);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* What is in the row's editor becomes the pending change, or none when
 * it is what the server has. */
static void
row_take_editor (Row *row)
{
  DavscopePropertyItem *item = row->item;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->text_view));
  g_autofree char *text = buffer_text (buffer);
  gboolean is_xml = gtk_switch_get_active (GTK_SWITCH (row->xml_switch));
  gboolean escaped;
  g_autofree char *original = server_value_for_editing (item, &escaped);

  if (row->destroyed)
    return;

  if (is_xml)
    gtk_widget_add_css_class (row->text_view, "monospace");
  else
    gtk_widget_remove_css_class (row->text_view, "monospace");

  if (item->change == DAVSCOPE_PROPERTY_CHANGE_REMOVE)
    return;

  if (original != NULL && !escaped && g_str_equal (original, text) && is_xml == item->is_xml &&
      !(item->added && item->n_present == 0))
    item_set_change (row->editor, item, DAVSCOPE_PROPERTY_CHANGE_NONE, NULL, FALSE);
  else
    item_set_change (row->editor, item, DAVSCOPE_PROPERTY_CHANGE_SET, text, is_xml);
}

static void
on_row_buffer_changed (GtkTextBuffer *buffer,
                       Row           *row)
{
  row_take_editor (row);
}

static void
on_row_switch_changed (GtkSwitch  *sw,
                       GParamSpec *pspec,
                       Row        *row)
{
  row_take_editor (row);
}

/* Puts the pending value, or the server's, into the row's editor. */
static void
row_fill_editor (Row *row)
{
  DavscopePropertyItem *item = row->item;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->text_view));
  g_autofree char *text = NULL;
  gboolean escaped = FALSE;
  gboolean is_xml;

  if (item->change == DAVSCOPE_PROPERTY_CHANGE_SET)
    {
      text = g_strdup (item->new_value);
      is_xml = item->new_is_xml;
    }
  else
    {
      text = server_value_for_editing (item, &escaped);
      is_xml = item->is_xml;
    }

  g_signal_handler_block (buffer, row->buffer_handler);
  g_signal_handler_block (row->xml_switch, row->switch_handler);
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);
  gtk_switch_set_active (GTK_SWITCH (row->xml_switch), is_xml);
  g_signal_handler_unblock (row->xml_switch, row->switch_handler);
  g_signal_handler_unblock (buffer, row->buffer_handler);

  if (is_xml)
    gtk_widget_add_css_class (row->text_view, "monospace");
  else
    gtk_widget_remove_css_class (row->text_view, "monospace");
  gtk_widget_set_visible (row->escaped_label, escaped);
}

static void
on_edit_toggled (GtkToggleButton *button,
                 Row             *row)
{
  gboolean active = gtk_toggle_button_get_active (button);

  if (row->item->expanded == active)
    return;

  row->item->expanded = active;
  row_sync (row);
  if (active)
    gtk_widget_grab_focus (row->text_view);
}

static void
on_remove_clicked (GtkButton *button,
                   Row       *row)
{
  item_set_change (row->editor, row->item, DAVSCOPE_PROPERTY_CHANGE_REMOVE, NULL, FALSE);
  gtk_widget_grab_focus (row->undo_button);
}

static void
remove_item (DavscopePropertyEditor *self,
             DavscopePropertyItem   *item)
{
  guint position;

  if (g_list_store_find (self->model, item, &position))
    g_list_store_remove (self->model, position);
  g_hash_table_remove (self->items, item->key);
}

static void
on_undo_clicked (GtkButton *button,
                 Row       *row)
{
  DavscopePropertyEditor *self = row->editor;
  g_autoptr(DavscopePropertyItem) item = g_object_ref (row->item);

  item_set_change (self, item, DAVSCOPE_PROPERTY_CHANGE_NONE, NULL, FALSE);

  /* A property added with the form goes away with its change. */
  if (!davscope_property_item_is_kept (item))
    {
      remove_item (self, item);
      gtk_widget_grab_focus (self->name_entry);
      return;
    }

  row_fill_editor (row);
  gtk_widget_grab_focus (gtk_widget_get_visible (row->remove_button) ? row->remove_button : row->edit_button);
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *accessible_name,
             const char *tooltip,
             gboolean    toggle)
{
  GtkWidget *button = toggle ? gtk_toggle_button_new () : gtk_button_new ();

  gtk_button_set_icon_name (GTK_BUTTON (button), icon_name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                  -1);

  return button;
}

static GtkWidget *
create_row (gpointer object,
            gpointer user_data)
{
  DavscopePropertyEditor *self = user_data;
  DavscopePropertyItem *item = object;
  Row *row = g_new0 (Row, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *result = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *editor = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *editor_bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *switch_label;
  g_autofree char *name = dav_text_escape (item->name, -1);
  g_autofree char *ns = dav_text_escape (item->namespace_uri, -1);
  g_autofree char *edit_tip = g_strdup_printf (_("Edit the value of %s"), name);
  g_autofree char *remove_tip = g_strdup_printf (_("Remove %s (nothing is sent before Apply)"), name);
  g_autofree char *undo_tip = g_strdup_printf (_("Forget the change to %s"), name);

  row->editor = self;
  row->item = g_object_ref (item);
  row->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), FALSE);
  gtk_widget_set_focusable (row->row, FALSE);

  row->name_label = davscope_plain_label (NULL, "heading", FALSE, FALSE);
  gtk_label_set_text (GTK_LABEL (row->name_label), name);
  row->namespace_label = davscope_plain_label (NULL, "dim-label", FALSE, FALSE);
  gtk_widget_add_css_class (row->namespace_label, "caption");
  gtk_label_set_text (GTK_LABEL (row->namespace_label), *ns ? ns : _("(no namespace)"));
  gtk_widget_set_tooltip_text (row->namespace_label, *ns ? ns : NULL);
  gtk_box_append (GTK_BOX (names), row->name_label);
  gtk_box_append (GTK_BOX (names), row->namespace_label);
  gtk_widget_set_hexpand (names, TRUE);

  row->badge = davscope_status_badge_new ();
  gtk_widget_set_valign (row->badge, GTK_ALIGN_CENTER);
  if (item->protected_)
    {
      GtkWidget *lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

      gtk_widget_set_tooltip_text (lock, _("The server computes this property; it cannot be changed"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (lock),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Protected"),
                                      -1);
      gtk_box_append (GTK_BOX (top), names);
      gtk_box_append (GTK_BOX (top), lock);
    }
  else
    gtk_box_append (GTK_BOX (top), names);
  gtk_box_append (GTK_BOX (top), row->badge);

  /* Undo comes and goes on the left, so that Edit and Remove stay put. */
  row->edit_button = icon_button ("document-edit-symbolic", _("Edit"), edit_tip, TRUE);
  row->remove_button = icon_button ("user-trash-symbolic", _("Remove"), remove_tip, FALSE);
  row->undo_button = icon_button ("edit-undo-symbolic", _("Undo"), undo_tip, FALSE);
  gtk_box_append (GTK_BOX (top), row->undo_button);
  gtk_box_append (GTK_BOX (top), row->edit_button);
  gtk_box_append (GTK_BOX (top), row->remove_button);
  g_signal_connect (row->edit_button, "toggled", G_CALLBACK (on_edit_toggled), row);
  g_signal_connect (row->remove_button, "clicked", G_CALLBACK (on_remove_clicked), row);
  g_signal_connect (row->undo_button, "clicked", G_CALLBACK (on_undo_clicked), row);

  row->value_label = davscope_plain_label (NULL, NULL, TRUE, FALSE);
  gtk_label_set_selectable (GTK_LABEL (row->value_label), TRUE);
  gtk_label_set_lines (GTK_LABEL (row->value_label), 4);
  gtk_label_set_ellipsize (GTK_LABEL (row->value_label), PANGO_ELLIPSIZE_END);
  row->note_label = davscope_plain_label (NULL, "caption", TRUE, FALSE);

  row->result_badge = davscope_status_badge_new ();
  row->result_label = davscope_plain_label (NULL, "caption-heading", FALSE, FALSE);
  gtk_box_append (GTK_BOX (result), row->result_label);
  gtk_box_append (GTK_BOX (result), row->result_badge);
  row->result_text = davscope_plain_label (NULL, NULL, TRUE, FALSE);
  gtk_label_set_selectable (GTK_LABEL (row->result_text), TRUE);

  /* The editor: a few lines that grow, and whether they are XML. */
  row->text_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (row->text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (row->text_view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (row->text_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (row->text_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (row->text_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (row->text_view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New Value"),
                                  -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 64);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), row->text_view);
  gtk_widget_add_css_class (scrolled, "frame");

  row->xml_switch = gtk_switch_new ();
  gtk_widget_set_valign (row->xml_switch, GTK_ALIGN_CENTER);
  /* No mnemonic: the form's switch has Alt+X, and a label relation
   * would add its text to the name given here. */
  switch_label = gtk_label_new (_("Value is XML"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->xml_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New Value is XML"),
                                  -1);
  row->escaped_label = davscope_plain_label (NULL, "warning", TRUE, FALSE);
  gtk_widget_add_css_class (row->escaped_label, "caption");
  gtk_label_set_text (GTK_LABEL (row->escaped_label),
                      _("The value on the server has characters that could hide or disguise text; they are shown escaped here, and saving sends the text as you see it."));
  row->error_label = davscope_plain_label (NULL, "error", TRUE, FALSE);
  gtk_box_append (GTK_BOX (editor_bottom), row->xml_switch);
  gtk_box_append (GTK_BOX (editor_bottom), switch_label);
  gtk_box_append (GTK_BOX (editor), scrolled);
  gtk_box_append (GTK_BOX (editor), editor_bottom);
  gtk_box_append (GTK_BOX (editor), row->escaped_label);
  gtk_box_append (GTK_BOX (editor), row->error_label);
  gtk_widget_set_margin_top (editor, 6);
  row->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (row->revealer), GTK_REVEALER_TRANSITION_TYPE_NONE);
  gtk_revealer_set_reveal_child (GTK_REVEALER (row->revealer), TRUE);
  gtk_revealer_set_child (GTK_REVEALER (row->revealer), editor);

  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), row->value_label);
  gtk_box_append (GTK_BOX (box), row->note_label);
  gtk_box_append (GTK_BOX (box), result);
  gtk_box_append (GTK_BOX (box), row->result_text);
  gtk_box_append (GTK_BOX (box), row->revealer);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->row), box);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row->row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  {
    g_autofree char *key = dav_text_escape (item->key, -1);

    gtk_widget_set_tooltip_text (row->name_label, key);
  }

  row->buffer_handler = g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->text_view)),
                                          "changed", G_CALLBACK (on_row_buffer_changed), row);
  row->switch_handler = g_signal_connect (row->xml_switch, "notify::active",
                                          G_CALLBACK (on_row_switch_changed), row);
  g_object_set_data_full (G_OBJECT (row->row), "row", row, (GDestroyNotify) row_free);
  g_signal_connect (row->row, "destroy", G_CALLBACK (on_row_destroy), row);
  row->item_handler = g_signal_connect (item, "changed", G_CALLBACK (on_item_changed), row);

  row_fill_editor (row);
  row_sync (row);

  return row->row;
}

static void
header_func (GtkListBoxRow *list_row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  Row *row = g_object_get_data (G_OBJECT (list_row), "row");
  Row *previous = before ? g_object_get_data (G_OBJECT (before), "row") : NULL;
  GtkWidget *header;

  if (row == NULL || (previous != NULL && previous->item->live == row->item->live))
    {
      gtk_list_box_row_set_header (list_row, NULL);
      return;
    }

  header = gtk_label_new (row->item->live ? _("Properties the server keeps") : _("Properties set by people"));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (list_row, header);
}

/* ---- merging what the server said ---------------------------------------- */

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  DavscopePropertyItem *x = *(DavscopePropertyItem **) a;
  DavscopePropertyItem *y = *(DavscopePropertyItem **) b;

  if (x->live != y->live)
    return x->live ? 1 : -1;

  return x->order < y->order ? -1 : x->order > y->order;
}

static DavscopePropertyItem *
lookup_item (DavscopePropertyEditor *self,
             const char             *namespace_uri,
             const char             *name)
{
  g_autofree char *key = g_strdup_printf ("{%s}%s", namespace_uri ? namespace_uri : "", name);
  DavscopePropertyItem *item = g_hash_table_lookup (self->items, key);

  if (item == NULL)
    {
      item = davscope_property_item_new (namespace_uri, name, self->next_order++);
      g_hash_table_insert (self->items, g_strdup (item->key), item);
    }

  return item;
}

static void
take_property (DavscopePropertyEditor *self,
               GHashTable             *touched,
               GHashTable             *seen_here,
               const DavProperty      *property)
{
  DavscopePropertyItem *item;
  gboolean present = dav_status_is_success (property->status);

  if (property->name == NULL || *property->name == '\0')
    return;

  item = lookup_item (self, property->namespace_uri, property->name);

  /* Once per item: a hostile answer may list a property twice. */
  if (g_hash_table_contains (seen_here, item->key))
    return;
  g_hash_table_add (seen_here, item->key);

  if (!g_hash_table_contains (touched, item->key))
    {
      g_hash_table_add (touched, item->key);
      item->seen = FALSE;
      item->n_present = 0;
      item->mixed = FALSE;
      item->status = 0;
      item->is_xml = FALSE;
      g_clear_pointer (&item->value, g_free);
    }

  /* The status shown is the worst one: a 404 on one item is news. */
  if (!item->seen || (dav_status_is_success (item->status) && !present))
    item->status = property->status;

  if (present)
    {
      if (item->n_present == 0)
        {
          item->value = g_strdup (property->value);
          item->is_xml = property->is_xml;
        }
      else if (g_strcmp0 (item->value, property->value) != 0 || item->is_xml != property->is_xml)
        item->mixed = TRUE;
      item->n_present++;
    }
  item->seen = TRUE;
}

static void
take_response (DavscopePropertyEditor *self,
               GHashTable             *touched,
               GHashTable             *seen_here,
               const DavResponse      *response)
{
  if (response == NULL)
    return;

  /* The best propstat first: a 200 beats a 404 for the same name. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < response->propstats->len; i++)
      {
        const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

        if (dav_status_is_success (propstat->status) != (pass == 0))
          continue;

        for (guint j = 0; j < propstat->properties->len; j++)
          take_property (self, touched, seen_here, g_ptr_array_index (propstat->properties, j));
      }
}

/* Builds the list again from the readings: the fresh one of each item,
 * then what its listing said that the fresh one did not (a 404 for a
 * property allprop does not name). Pending changes and outcomes stay. */
static void
merge (DavscopePropertyEditor *self)
{
  g_autoptr(GHashTable) touched = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < self->resources->len; i++)
    {
      DavResource *resource = g_ptr_array_index (self->resources, i);
      g_autoptr(GHashTable) seen_here = g_hash_table_new (g_str_hash, g_str_equal);

      take_response (self, touched, seen_here, target_at (self, i)->fresh);
      take_response (self, touched, seen_here, dav_resource_get_response (resource));
    }

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DavscopePropertyItem *item = value;

      if (!g_hash_table_contains (touched, item->key))
        {
          item->seen = FALSE;
          item->n_present = 0;
          item->mixed = FALSE;
          item->status = 0;
          g_clear_pointer (&item->value, g_free);
        }
      /* The edit typed against the old value is checked again. */
      item_validate (item);

      if (davscope_property_item_is_kept (item))
        g_ptr_array_add (shown, g_object_ref (item));
      else
        g_ptr_array_add (gone, item);
    }

  for (guint i = 0; i < gone->len; i++)
    g_hash_table_remove (self->items, ((DavscopePropertyItem *) g_ptr_array_index (gone, i))->key);

  g_ptr_array_sort (shown, compare_items);
  g_list_store_splice (self->model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->model)),
                       shown->pdata, shown->len);
  update_actions (self);
}

/* ---- reading the properties ---------------------------------------------- */

typedef struct {
  DavscopePropertyEditor *self;   /* owned */
  guint                   index;
  guint                   generation;
} Reading;

/* The names the listing asked for, so that allprop reports them as well
 * (with a 404 where the item lacks one) on servers that honour include. */
/* The names to expect: the listing's, and every property this window
 * shows (one just saved among them), so that a server that leaves dead
 * properties out of allprop (sabre/dav 1.8) is asked for them by name. */
static GStrv
expected_names (DavscopePropertyEditor *self,
                DavResource            *resource)
{
  DavResponse *response = dav_resource_get_response (resource);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_add (seen, g_strdup (key)))
      g_strv_builder_add (builder, key);

  for (guint i = 0; response != NULL && i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      for (guint j = 0; j < propstat->properties->len; j++)
        {
          const DavProperty *property = g_ptr_array_index (propstat->properties, j);
          char *name = dav_property_dup_clark_name (property);

          if (g_hash_table_add (seen, name))
            g_strv_builder_add (builder, name);
        }
    }

  return g_strv_builder_end (builder);
}

static void read_next (DavscopePropertyEditor *self);

static void
davscope_property_editor_read_cb (GObject      *source,
                                  GAsyncResult *res,
                                  gpointer      user_data)
{
  Reading *reading = user_data;
  DavscopePropertyEditor *self = reading->self;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Target *target;

  result = dav_read_properties_finish (DAV_CLIENT (source), res, &error);

  if (self->disposed || reading->generation != self->generation)
    goto out;

  self->n_reading--;
  target = target_at (self, reading->index);
  g_clear_pointer (&target->error, g_free);

  if (result == NULL)
    target->error = dav_text_escape (error->message, -1);
  else if (result->status != 207)
    {
      DavStatusInfo info;

      dav_status_lookup (result->status, &info);
      target->error = g_strdup_printf (_("The server answered %u %s: %s"), result->status, info.reason, info.explanation);
    }
  else
    {
      g_autoptr(DavResponse) response = dav_result_dup_own_response (result, target->url);

      if (response == NULL)
        target->error = g_strdup (_("The server's answer did not describe this item."));
      else
        {
          g_clear_pointer (&target->fresh, dav_response_unref);
          target->fresh = g_steal_pointer (&response);
        }
    }

  read_next (self);
  if (self->n_reading == 0)
    {
      merge (self);
      set_busy (self);

      for (guint i = 0; i < self->targets->len; i++)
        if (target_at (self, i)->error != NULL)
          {
            g_autofree char *text = g_strdup_printf (_("Could not read all properties of %s: %s"),
                                                     target_at (self, i)->name, target_at (self, i)->error);

            adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), adw_toast_new (text));
            break;
          }
    }

out:
  g_object_unref (reading->self);
  g_free (reading);
}

static void
read_next (DavscopePropertyEditor *self)
{
  while (self->next_to_read < self->targets->len &&
         self->n_reading < CONCURRENCY)
    {
      guint index = self->next_to_read++;
      DavResource *resource = g_ptr_array_index (self->resources, index);
      g_auto(GStrv) names = NULL;
      Reading *reading;

      if (target_at (self, index)->url == NULL)
        continue;

      names = expected_names (self, resource);
      reading = g_new0 (Reading, 1);

      reading->self = g_object_ref (self);
      reading->index = index;
      reading->generation = self->generation;
      self->n_reading++;
      dav_read_properties_async (dav_resource_store_get_client (self->store),
                                 target_at (self, index)->url, (const char * const *) names,
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

/* ---- the browser's copy ---------------------------------------------------- */

/* The cached folder the resource was listed in, found from the root
 * down, without I/O; NULL when it is not cached. */
static DavFolder *
parent_folder (DavResourceStore *store,
               const char       *url)
{
  DavFolder *folder = dav_resource_store_get_root (store);
  const char *root_url;
  gsize root_len;
  gsize len;

  if (folder == NULL || url == NULL)
    return NULL;

  root_url = dav_folder_get_url (folder);
  root_len = strlen (root_url);
  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    len--;
  if (len <= root_len || strncmp (url, root_url, root_len) != 0)
    return NULL;

  for (gsize i = root_len; i < len; i++)
    {
      g_autofree char *prefix = NULL;
      DavResource *collection;

      if (url[i] != '/')
        continue;

      prefix = g_strndup (url, i + 1);
      collection = dav_folder_find (folder, prefix);
      if (collection == NULL)
        return NULL;
      folder = dav_resource_store_get_folder (store, collection);
      if (folder == NULL)
        return NULL;
    }

  return folder;
}

/* The browser lists again the folders of the changed items, so that
 * what it shows (an etag, a size) is what the server has now. */
static void
refresh_store (DavResourceStore *store,
               GPtrArray        *urls)
{
  g_autoptr(GPtrArray) done = g_ptr_array_new ();

  for (guint i = 0; i < urls->len; i++)
    {
      DavFolder *folder = parent_folder (store, g_ptr_array_index (urls, i));

      if (folder == NULL || g_ptr_array_find (done, folder, NULL) || !dav_folder_get_loaded (folder))
        continue;

      g_ptr_array_add (done, folder);
      dav_resource_store_refresh (store, folder);
    }
}

/* ---- applying ----------------------------------------------------------------- */

typedef struct {
  DavscopePropertyEditor *self;      /* owned */
  DavResourceStore       *store;     /* owned: updated even when the window is gone */
  GPtrArray              *items;     /* DavscopePropertyItem*, in the order sent */
  GPtrArray              *urls;      /* char*, every target */
  GArray                 *sent;      /* guint: the target of each report item */
  GPtrArray              *refused;   /* char*: per target, why it was not sent, or NULL */
  DavBatch               *batch;     /* owned */
} Apply;

static void
apply_free (Apply *apply)
{
  g_object_unref (apply->self);
  g_object_unref (apply->store);
  g_ptr_array_unref (apply->items);
  g_ptr_array_unref (apply->urls);
  g_array_unref (apply->sent);
  g_ptr_array_unref (apply->refused);
  g_object_unref (apply->batch);
  g_free (apply);
}

static int
compare_sequence (gconstpointer a,
                  gconstpointer b)
{
  DavscopePropertyItem *x = *(DavscopePropertyItem **) a;
  DavscopePropertyItem *y = *(DavscopePropertyItem **) b;

  return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}

/* What the server said about one property of one PROPPATCH: its own
 * propstat, else the status of the request (a 423, a 403 for all). */
static void
property_outcome (const DavReportItem  *report_item,
                  const char           *refused,
                  DavscopePropertyItem *item,
                  guint                *status,
                  gboolean             *ok,
                  char                **text)
{
  if (refused != NULL)
    {
      *status = 0;
      *ok = FALSE;
      *text = g_strdup (refused);
      return;
    }

  if (report_item == NULL)
    {
      *status = 0;
      *ok = FALSE;
      *text = g_strdup (_("No answer."));
      return;
    }

  for (guint i = 0; i < report_item->properties->len; i++)
    {
      const DavReportProperty *property = g_ptr_array_index (report_item->properties, i);
      g_autofree char *description = NULL;

      if (g_strcmp0 (property->namespace_uri, item->namespace_uri) != 0 ||
          g_strcmp0 (property->name, item->name) != 0)
        continue;

      *status = property->status;
      *ok = property->ok && report_item->outcome == DAV_OUTCOME_DONE;
      description = escaped_or_null (property->description);
      *text = description != NULL
        ? g_strdup_printf (_("%s The server says: “%s”"), property->explanation ? property->explanation : "", description)
        : g_strdup (property->explanation);
      return;
    }

  /* The answer did not list it: the request's own outcome is its outcome,
   * with the DAV:error conditions that say why (a lock token missing). */
  *status = report_item->status;
  *ok = report_item->outcome == DAV_OUTCOME_DONE;
  {
    GString *out = g_string_new (report_item->explanation);

    if (report_item->error != NULL)
      {
        g_autofree char *error = dav_text_escape (report_item->error, -1);

        g_string_append_printf (out, " %s", error);
      }
    for (guint i = 0; report_item->conditions != NULL && i < report_item->conditions->len; i++)
      {
        const DavCondition *condition = g_ptr_array_index (report_item->conditions, i);
        DavConditionInfo info;

        if (dav_condition_lookup (condition->namespace_uri, condition->name, &info))
          g_string_append_printf (out, " %s", info.explanation);
        else
          {
            g_autofree char *name = dav_condition_dup_clark_name (condition);
            g_autofree char *shown = dav_text_escape (name, -1);

            g_string_append_printf (out, " (%s)", shown);
          }
      }
    if (report_item->description != NULL)
      {
        g_autofree char *description = dav_text_escape (report_item->description, -1);

        g_string_append_printf (out, _(" The server says: “%s”"), description);
      }
    *text = g_string_free (out, FALSE);
  }
}

static const DavReportItem *
report_item_for (Apply     *apply,
                 DavReport *report,
                 guint      target)
{
  for (guint i = 0; i < apply->sent->len && i < report->items->len; i++)
    if (g_array_index (apply->sent, guint, i) == target)
      return g_ptr_array_index (report->items, i);

  return NULL;
}

static GtkWidget *
grid_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* Items down, the properties sent across, a status in each cell. */
static void
show_grid (DavscopePropertyEditor *self,
           Apply                  *apply,
           DavReport              *report)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->results_grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->results_grid), child);

  gtk_grid_attach (GTK_GRID (self->results_grid), grid_label (_("Item"), "heading"), 0, 0, 1, 1);
  for (guint c = 0; c < apply->items->len; c++)
    {
      DavscopePropertyItem *item = g_ptr_array_index (apply->items, c);
      g_autofree char *name = dav_text_escape (item->name, -1);
      g_autofree char *key = dav_text_escape (item->key, -1);
      GtkWidget *header = grid_label (name, "heading");

      gtk_widget_set_tooltip_text (header, key);
      gtk_grid_attach (GTK_GRID (self->results_grid), header, c + 1, 0, 1, 1);
    }

  for (guint r = 0; r < self->targets->len; r++)
    {
      Target *target = target_at (self, r);
      const DavReportItem *report_item = report_item_for (apply, report, r);
      GtkWidget *name = grid_label (target->name, NULL);

      gtk_widget_set_tooltip_text (name, report_item && report_item->explanation ? report_item->explanation : NULL);
      gtk_grid_attach (GTK_GRID (self->results_grid), name, 0, r + 1, 1, 1);

      for (guint c = 0; c < apply->items->len; c++)
        {
          DavscopePropertyItem *item = g_ptr_array_index (apply->items, c);
          GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
          GtkWidget *badge = davscope_status_badge_new ();
          g_autofree char *text = NULL;
          g_autofree char *phrase = NULL;
          g_autofree char *accessible = NULL;
          guint status;
          gboolean ok;

          property_outcome (report_item, g_ptr_array_index (apply->refused, r), item, &status, &ok, &text);
          phrase = davscope_status_phrase (status, NULL, TRUE);
          /* The badge stays quiet for a success: the cell says it. */
          if (ok)
            gtk_box_append (GTK_BOX (cell), grid_label (phrase, "success"));
          else
            {
              davscope_status_badge_set (DAVSCOPE_STATUS_BADGE (badge), status, TRUE, NULL, NULL);
              gtk_box_append (GTK_BOX (cell), badge);
              if (status == 0)
                gtk_box_append (GTK_BOX (cell), grid_label (_("Not saved"), "error"));
            }
          gtk_widget_set_tooltip_text (cell, text);
          accessible = g_strdup_printf ("%s, %s: %s", target->name, item->name, phrase);
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                          -1);
          gtk_grid_attach (GTK_GRID (self->results_grid), cell, c + 1, r + 1, 1, 1);
        }
    }

  gtk_widget_set_visible (self->results_group, TRUE);
}

static void
davscope_property_editor_apply_cb (GObject      *source,
                                   GAsyncResult *res,
                                   gpointer      user_data)
{
  Apply *apply = user_data;
  DavscopePropertyEditor *self = apply->self;
  g_autoptr(DavReport) report = dav_batch_run_finish (DAV_BATCH (source), res);
  guint n_targets = self->targets->len;
  guint n_saved = 0;
  gboolean per_property = FALSE;
  g_autofree char *summary = NULL;

  /* Whatever happened to the window, the browser asks the server again. */
  refresh_store (apply->store, apply->urls);

  if (self->disposed)
    {
      apply_free (apply);
      return;
    }

  g_clear_object (&self->batch);

  for (guint t = 0; t < n_targets; t++)
    {
      const DavReportItem *report_item = report_item_for (apply, report, t);

      if (report_item != NULL && report_item->outcome == DAV_OUTCOME_DONE)
        n_saved++;
      if (report_item != NULL && report_item->properties->len > 0 && report_item->outcome == DAV_OUTCOME_FAILED)
        per_property = TRUE;
    }

  for (guint c = 0; c < apply->items->len; c++)
    {
      DavscopePropertyItem *item = g_ptr_array_index (apply->items, c);
      guint n_ok = 0;

      gboolean failure_kept = FALSE;

      item->applied = item->change;
      g_clear_pointer (&item->result_text, g_free);
      for (guint t = 0; t < n_targets; t++)
        {
          g_autofree char *text = NULL;
          guint status;
          gboolean ok;

          property_outcome (report_item_for (apply, report, t), g_ptr_array_index (apply->refused, t),
                            item, &status, &ok, &text);
          if (ok)
            n_ok++;
          /* One item: its row tells it all; several: the first failure,
           * and the grid the rest. */
          if (t == 0 || (!ok && !failure_kept))
            {
              failure_kept = !ok;
              item->result_status = status;
              item->result_ok = ok;
              g_free (item->result_text);
              item->result_text = g_steal_pointer (&text);
            }
        }
      item->result_n_ok = n_ok;
      item->result_n = n_targets;
      item->result_ok = n_ok == n_targets;

      /* A change that failed anywhere stays pending, to be fixed or
       * applied again; sending it again where it worked does no harm. */
      if (item->result_ok)
        {
          item->change = DAVSCOPE_PROPERTY_CHANGE_NONE;
          item->sequence = 0;
          g_clear_pointer (&item->new_value, g_free);
          item->expanded = FALSE;
        }
      davscope_property_item_emit_changed (item);
    }

  if (n_saved == n_targets)
    summary = n_targets == 1 ? g_strdup (_("Saved"))
                             : g_strdup_printf (_("Saved on all %u items"), n_targets);
  else if (n_targets == 1 && per_property)
    summary = g_strdup (_("Nothing was saved: a property change is all-or-nothing (RFC 4918 §9.2): one change was refused, so the others were not made either. The changes stay below, to fix and apply again."));
  else if (n_targets == 1)
    {
      const DavReportItem *report_item = report_item_for (apply, report, 0);
      const char *why = g_ptr_array_index (apply->refused, 0);

      if (why == NULL && report_item != NULL)
        why = report_item->explanation;
      summary = g_strdup_printf (_("Nothing was saved: %s"), why ? why : _("no answer"));
    }
  else if (n_saved == 0)
    summary = g_strdup_printf (_("Nothing was saved on any of the %u items: a property change is all-or-nothing (RFC 4918 §9.2), so one refused change stops the others on the same item. The grid shows each one."),
                               n_targets);
  else
    summary = g_strdup_printf (_("Saved on %u of %u items. On the others nothing was saved: a property change is all-or-nothing (RFC 4918 §9.2), so one refused change stops the others on the same item. The grid shows each one."),
                               n_saved, n_targets);
  show_banner (self, summary, n_saved == n_targets ? "success" : "error");

  if (!is_single (self))
    show_grid (self, apply, report);

  gtk_widget_set_sensitive (self->property_list, TRUE);
  gtk_widget_set_sensitive (self->add_group, TRUE);
  apply_free (apply);

  /* What the server has now; pending and failed changes stay on their rows. */
  start_reading (self);
  update_actions (self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DavscopePropertyEditor *self = DAVSCOPE_PROPERTY_EDITOR (widget);
  g_autoptr(GPtrArray) patches = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_prop_patch_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  Apply *apply;

  if (self->batch != NULL)
    return;

  apply = g_new0 (Apply, 1);
  apply->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      DavscopePropertyItem *item = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (item->change != DAVSCOPE_PROPERTY_CHANGE_NONE)
        g_ptr_array_add (apply->items, item);
      else
        g_object_unref (item);
    }

  if (apply->items->len == 0)
    {
      g_ptr_array_unref (apply->items);
      g_free (apply);
      return;
    }

  /* In the order the person made them (RFC 4918 §9.2). */
  g_ptr_array_sort (apply->items, compare_sequence);
  for (guint i = 0; i < apply->items->len; i++)
    {
      DavscopePropertyItem *item = g_ptr_array_index (apply->items, i);

      item_validate (item);
      if (item->invalid != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Nothing was sent: the new value of %s cannot be sent as it is. Why is said under it."),
                                                   item->name);
          g_autofree char *shown = dav_text_escape (text, -1);

          davscope_property_item_emit_changed (item);
          show_banner (self, shown, "error");
          g_ptr_array_unref (apply->items);
          g_free (apply);
          return;
        }

      g_ptr_array_add (patches, item->change == DAVSCOPE_PROPERTY_CHANGE_REMOVE
                                  ? dav_prop_patch_new_remove (item->namespace_uri, item->name)
                                  : dav_prop_patch_new_set (item->namespace_uri, item->name,
                                                            item->new_value, item->new_is_xml));
    }

  /* The outcome of the previous Apply makes way for this one's. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->items);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        DavscopePropertyItem *item = value;

        if (item->applied == DAVSCOPE_PROPERTY_CHANGE_NONE)
          continue;
        item->applied = DAVSCOPE_PROPERTY_CHANGE_NONE;
        item->result_status = 0;
        g_clear_pointer (&item->result_text, g_free);
        davscope_property_item_emit_changed (item);
      }
  }
  gtk_widget_set_visible (self->results_group, FALSE);

  apply->self = g_object_ref (self);
  apply->store = g_object_ref (self->store);
  apply->urls = g_ptr_array_new_with_free_func (g_free);
  apply->sent = g_array_new (FALSE, FALSE, sizeof (guint));
  apply->refused = g_ptr_array_new_with_free_func (g_free);
  apply->batch = dav_batch_new (dav_resource_store_get_client (self->store), CONCURRENCY);

  for (guint t = 0; t < self->targets->len; t++)
    {
      Target *target = target_at (self, t);
      g_autoptr(GError) error = NULL;

      if (target->url == NULL)
        {
          g_ptr_array_add (apply->refused, g_strdup (_("The server named no address for this item.")));
          continue;
        }

      g_ptr_array_add (apply->urls, g_strdup (target->url));
      if (dav_batch_add_proppatch (apply->batch, target->url, patches, &error))
        {
          g_array_append_val (apply->sent, t);
          g_ptr_array_add (apply->refused, NULL);
        }
      else
        g_ptr_array_add (apply->refused, dav_text_escape (error->message, -1));
    }

  self->batch = g_object_ref (apply->batch);
  show_banner (self, NULL, NULL);
  show_add_message (self, NULL, NULL);
  gtk_widget_set_sensitive (self->property_list, FALSE);
  gtk_widget_set_sensitive (self->add_group, FALSE);
  set_busy (self);
  update_actions (self);
  dav_batch_run_async (apply->batch, self->cancellable, davscope_property_editor_apply_cb, apply);
}

/* ---- adding ------------------------------------------------------------------ */

static void
on_add_form_changed (DavscopePropertyEditor *self)
{
  show_add_message (self, NULL, NULL);
  if (gtk_switch_get_active (GTK_SWITCH (self->xml_switch)))
    gtk_widget_add_css_class (self->value_view, "monospace");
  else
    gtk_widget_remove_css_class (self->value_view, "monospace");
}

static void
on_add_activate (DavscopePropertyEditor *self)
{
  g_autofree char *ns = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->namespace_entry)));
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->value_view));
  g_autofree char *value = buffer_text (buffer);
  gboolean is_xml = gtk_switch_get_active (GTK_SWITCH (self->xml_switch));
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;
  const char *message_class;
  DavscopePropertyItem *item;
  gboolean known;

  dav_text_strip (ns);
  dav_text_strip (name);

  if (*name == '\0')
    {
      show_add_message (self, _("Give the property a name."), "error");
      gtk_widget_grab_focus (self->name_entry);
      return;
    }

  /* The name first, then the value: the message goes next to the field. */
  for (guint pass = 0; pass < 2; pass++)
    {
      DavPropPatch *patch = dav_prop_patch_new_set (ns, name, value, pass == 1 && is_xml);
      gboolean valid = dav_prop_patch_validate (patch, &error);

      dav_prop_patch_free (patch);
      if (!valid)
        {
          g_autofree char *why = dav_text_escape (error->message, -1);

          show_add_message (self, why, "error");
          gtk_widget_grab_focus (pass == 0 ? self->name_entry : self->value_view);
          return;
        }
    }

  {
    g_autofree char *key = g_strdup_printf ("{%s}%s", ns, name);

    known = g_hash_table_contains (self->items, key);
  }
  item = lookup_item (self, ns, name);
  if (!known)
    item->added = TRUE;
  item_set_change (self, item, DAVSCOPE_PROPERTY_CHANGE_SET, value, is_xml);

  if (!known)
    {
      /* At the end of its group. */
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
      guint position = 0;

      while (position < n)
        {
          g_autoptr(DavscopePropertyItem) other = g_list_model_get_item (G_LIST_MODEL (self->model), position);

          if (other->live && !item->live)
            break;
          position++;
        }
      g_list_store_insert (self->model, position, item);
    }
  else
    {
      /* The row of a property already there shows its new value. */
      guint position;

      if (g_list_store_find (self->model, item, &position))
        g_list_model_items_changed (G_LIST_MODEL (self->model), position, 1, 1);
    }

  shown = dav_text_escape (item->key, -1);
  if (item->protected_)
    {
      message = g_strdup_printf (_("%s is added to the changes, but the server computes it and will refuse it; every other change sent with it fails too (all-or-nothing)."),
                                 shown);
      message_class = "warning";
    }
  else
    {
      message = g_strdup_printf (_("%s is added to the changes: Apply sends them."), shown);
      message_class = "dim-label";
    }

  /* The namespace stays, for the next property in it. */
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_text_buffer_set_text (buffer, "", -1);
  show_add_message (self, message, message_class);
  gtk_widget_grab_focus (self->name_entry);
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
  guint pending = count_pending (self);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->discard_confirmed || pending == 0 || self->batch != NULL)
    return GTK_WINDOW_CLASS (davscope_property_editor_parent_class)->close_request (window);

  if (self->discard_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->discard_dialog));
      return TRUE;
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u property change has not been applied: it was not sent to the server.",
                                       "%u property changes have not been applied: they were not sent to the server.",
                                       pending),
                          pending);
  dialog = adw_message_dialog_new (window, _("Discard changes?"), NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
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
  guint pending = count_pending (self);
  g_autofree char *description = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.apply", pending > 0 && self->batch == NULL);

  if (pending == 0)
    description = g_strdup (is_single (self)
                            ? _("Each with the status the server gave it. Properties people set can be changed and removed; changes are sent together when you press Apply.")
                            : _("Of all the chosen items. A change or a removal is made on each of them when you press Apply."));
  else
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u change not applied yet.",
                                                "%u changes not applied yet.",
                                                pending),
                                   pending);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->properties_group), description);
}

static void
on_item_pending_changed (DavscopePropertyEditor *self)
{
  update_actions (self);
}

static void
on_model_items_changed (GListModel             *model,
                        guint                   position,
                        guint                   removed,
                        guint                   added,
                        DavscopePropertyEditor *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(DavscopePropertyItem) item = g_list_model_get_item (model, i);

      /* Once per item, however often it is shown again. */
      if (g_object_get_data (G_OBJECT (item), "editor-watch") == NULL)
        {
          g_signal_connect_object (item, "changed", G_CALLBACK (on_item_pending_changed), self, G_CONNECT_SWAPPED);
          g_object_set_data (G_OBJECT (item), "editor-watch", GINT_TO_POINTER (TRUE));
        }
    }
  gtk_list_box_invalidate_headers (GTK_LIST_BOX (self->property_list));
}

/* ---- the type ----------------------------------------------------------------- */

static void
davscope_property_editor_dispose (GObject *object)
{
  DavscopePropertyEditor *self = DAVSCOPE_PROPERTY_EDITOR (object);

  self->disposed = TRUE;
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

  g_clear_object (&self->model);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->targets, g_array_unref);
  g_clear_pointer (&self->resources, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, namespace_entry);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, name_entry);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, value_view);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, xml_switch);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, add_message);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, properties_group);
  gtk_widget_class_bind_template_child (widget_class, DavscopePropertyEditor, property_list);
  gtk_widget_class_bind_template_callback (widget_class, on_add_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_add_form_changed);

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

  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->model = g_list_store_new (DAVSCOPE_TYPE_PROPERTY_ITEM);
  self->targets = g_array_new (FALSE, TRUE, sizeof (Target));
  g_array_set_clear_func (self->targets, (GDestroyNotify) target_clear);
  self->cancellable = g_cancellable_new ();

  g_signal_connect (self->model, "items-changed", G_CALLBACK (on_model_items_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->value_view)), "changed",
                            G_CALLBACK (on_add_form_changed), self);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->property_list), G_LIST_MODEL (self->model),
                           create_row, self, NULL);
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

  self = g_object_new (DAVSCOPE_TYPE_PROPERTY_EDITOR,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->resources = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < resources->len; i++)
    {
      DavResource *resource = g_ptr_array_index (resources, i);
      Target target = { 0, };

      g_return_val_if_fail (DAV_IS_RESOURCE (resource), NULL);
      g_ptr_array_add (self->resources, g_object_ref (resource));
      target.url = g_strdup (dav_resource_get_url (resource));
      /* Already decoded and escaped by DavHref. */
      target.name = g_strdup (dav_resource_get_name (resource));
      g_array_append_val (self->targets, target);
    }

  if (is_single (self))
    {
      DavResource *resource = g_ptr_array_index (self->resources, 0);

      /* TRANSLATORS: the title of the property editor: "Properties of report.txt" */
      title = g_strdup_printf (_("Properties of %s"), dav_resource_get_name (resource));
      adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->window_title), dav_resource_get_path (resource));
    }
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Properties of %u Item", "Properties of %u Items",
                                          self->resources->len),
                             self->resources->len);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (ADW_WINDOW_TITLE (self->window_title), title);

  merge (self);
  start_reading (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (self->namespace_entry);

  return self;
}
