/* davscope-tree-row.c: one row of a tree of outcomes (report, inspector)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report window lists what each item of a batch came to, and the
 * inspector's parsed view what each part of a 207 says: both are trees
 * of lines with an expander, a severity icon, a title, a status, a
 * subtitle and some text below (a value, an explanation, notes), and,
 * in the report, a button to the exchange behind the line. This is that
 * row, recycled by their list views: bind shows a row's content, unbind
 * lets go of its GtkTreeListRow.
 */

#include "davscope-tree-row.h"
#include "davscope-ui-util.h"

struct _DavscopeTreeRow
{
  GtkWidget  parent_instance;

  GtkWidget *expander;
  GtkWidget *box;
  GtkWidget *icon;
  GtkWidget *top;
  GtkWidget *title;
  GtkWidget *status;
  GtkWidget *subtitle;
  GtkWidget *detail;
  GtkWidget *explanation;
  GtkWidget *notes;
  GtkWidget *exchange;

  char      *accessible_label;  /* the box's, to update it only when it changes */
};

G_DEFINE_FINAL_TYPE (DavscopeTreeRow, davscope_tree_row, GTK_TYPE_WIDGET)

static void
davscope_tree_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DAVSCOPE_TYPE_TREE_ROW);

  G_OBJECT_CLASS (davscope_tree_row_parent_class)->dispose (object);
}

static void
davscope_tree_row_finalize (GObject *object)
{
  DavscopeTreeRow *self = DAVSCOPE_TREE_ROW (object);

  g_free (self->accessible_label);

  G_OBJECT_CLASS (davscope_tree_row_parent_class)->finalize (object);
}

/* The list item gives the focus to its child on a click: the expander
 * takes it, so that its keys (plus, minus) work as on a bare expander. */
static gboolean
davscope_tree_row_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (DAVSCOPE_TREE_ROW (widget)->expander);
}

static void
davscope_tree_row_class_init (DavscopeTreeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = davscope_tree_row_dispose;
  object_class->finalize = davscope_tree_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/davscope/Davscope/davscope-tree-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DavscopeTreeRow, expander);
  gtk_widget_class_bind_template_child (widget_class, DavscopeTreeRow, box);
  gtk_widget_class_bind_template_child (widget_class, DavscopeTreeRow, icon);
  gtk_widget_class_bind_template_child (widget_class, DavscopeTreeRow, top);
  gtk_widget_class_bind_template_child (widget_class, DavscopeTreeRow, title);
  gtk_widget_class_bind_template_child (widget_class, DavscopeTreeRow, status);
  gtk_widget_class_bind_template_child (widget_class, DavscopeTreeRow, subtitle);
  gtk_widget_class_bind_template_child (widget_class, DavscopeTreeRow, detail);
  gtk_widget_class_bind_template_child (widget_class, DavscopeTreeRow, explanation);
  gtk_widget_class_bind_template_child (widget_class, DavscopeTreeRow, notes);
  gtk_widget_class_bind_template_child (widget_class, DavscopeTreeRow, exchange);
  widget_class->grab_focus = davscope_tree_row_grab_focus;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
davscope_tree_row_init (DavscopeTreeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The inspector's lines: server text that may be long, so the title
 * wraps (up to three lines), in less room than the report's. */
static void
make_compact (DavscopeTreeRow *self)
{
  gtk_box_set_spacing (GTK_BOX (self->box), 8);
  gtk_widget_set_margin_top (self->box, 4);
  gtk_widget_set_margin_bottom (self->box, 4);
  gtk_box_set_spacing (GTK_BOX (self->top), 8);
  gtk_widget_set_margin_top (self->expander, 1);

  gtk_widget_remove_css_class (self->title, "heading");
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (self->title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_valign (self->status, GTK_ALIGN_START);

  gtk_label_set_ellipsize (GTK_LABEL (self->subtitle), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (self->subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->subtitle), PANGO_WRAP_WORD_CHAR);
}

GtkWidget *
davscope_tree_row_new (gboolean    compact,
                       const char *exchange_action)
{
  DavscopeTreeRow *self = g_object_new (DAVSCOPE_TYPE_TREE_ROW, NULL);

  if (compact)
    make_compact (self);

  if (exchange_action != NULL)
    {
      /* A target of the action's type before the action (bind sets the
       * real one): GTK warns about a button whose target does not fit. */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->exchange), "t", (guint64) 0);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->exchange), exchange_action);
    }

  return GTK_WIDGET (self);
}

/* What the row shows, in reading order: "getetag DAV: (empty)". */
static void
update_accessible_label (DavscopeTreeRow              *self,
                         const DavscopeTreeRowContent *content)
{
  const char *parts[] = { content->title, content->status, content->subtitle,
                          content->detail, content->explanation, content->notes };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", parts[i]);

  if (g_strcmp0 (text->str, self->accessible_label) != 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->box),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text->str,
                                      -1);
      g_free (self->accessible_label);
      self->accessible_label = g_strdup (text->str);
    }
}

void
davscope_tree_row_bind (DavscopeTreeRow              *self,
                        GtkTreeListRow               *list_row,
                        const DavscopeTreeRowContent *content)
{
  const char *icon_classes[] = { content->css_class, NULL };
  const char *status_classes[] = { "numeric", content->css_class, NULL };

  g_return_if_fail (DAVSCOPE_IS_TREE_ROW (self));

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (self->expander), list_row);

  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), content->icon_name);
  gtk_widget_set_visible (self->icon, content->icon_name != NULL);
  gtk_widget_set_css_classes (self->icon, icon_classes);
  gtk_widget_set_css_classes (self->status, status_classes);
  davscope_label_set_text_or_hide (self->title, content->title);
  davscope_label_set_text_or_hide (self->status, content->status);
  davscope_label_set_text_or_hide (self->subtitle, content->subtitle);
  davscope_label_set_text_or_hide (self->detail, content->detail);
  davscope_label_set_text_or_hide (self->explanation, content->explanation);
  davscope_label_set_text_or_hide (self->notes, content->notes);
  gtk_widget_set_tooltip_text (self->box, content->tooltip);
  update_accessible_label (self, content);

  gtk_widget_set_visible (self->exchange, content->exchange_id != 0);
  if (content->exchange_id != 0)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (self->exchange), "t", content->exchange_id);
}

void
davscope_tree_row_unbind (DavscopeTreeRow *self)
{
  g_return_if_fail (DAVSCOPE_IS_TREE_ROW (self));

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (self->expander), NULL);
}
