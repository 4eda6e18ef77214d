/* davscope-name-cell.c: the name column's cell of the folder listing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An expander with the resource's icon and name, a spinner while the
 * folder below the row is listed, and a warning when that listing
 * failed. The spinner and the warning are made the first time a cell
 * needs them: most rows of a big folder never do, and every widget of a
 * row costs on each bind, measure and snapshot (issue 19). Cells are recycled: the column's bind gives a cell its
 * GtkTreeListRow, which it keeps until the next bind or its end (GTK 4.8
 * unbinds and binds again every row that moved); two GSignalGroups follow
 * the row's "expanded" and its folder's "loading" and "error" meanwhile,
 * as Nautilus's name cell does. An expanded row's folder is listed by
 * whoever owns the store: the cell only says so ("expanded").
 */

#include "davscope-name-cell.h"

#include <glib/gi18n.h>

#include "dav-folder.h"
#include "dav-text.h"
#include "davscope-filter-model.h"

struct _DavscopeNameCell
{
  GtkWidget       parent_instance;

  GtkWidget      *expander;
  GtkWidget      *box;
  GtkWidget      *icon;
  GtkWidget      *label;
  GtkWidget      *spinner;        /* NULL until a folder below a row loads */
  GtkWidget      *problem;        /* NULL until a folder below a row fails */
  const char     *icon_name;      /* static: what @icon shows */

  GtkListItem    *list_item;      /* weak: it owns this cell */
  GtkTreeListRow *list_row;
  GSignalGroup   *row_signals;    /* on @list_row */
  GSignalGroup   *folder_signals; /* on the folder of its children */
};

G_DEFINE_FINAL_TYPE (DavscopeNameCell, davscope_name_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIST_ITEM,
  PROP_LIST_ROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EXPANDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static DavResource *
row_resource (DavscopeNameCell *self)
{
  return self->list_row != NULL ? gtk_tree_list_row_get_item (self->list_row) : NULL;
}

/* The folder behind a row's children (the view filters them for hidden
 * names), or NULL when the row is no collection. */
static DavFolder *
children_folder (GtkTreeListRow *row)
{
  GListModel *children = gtk_tree_list_row_get_children (row);

  if (DAVSCOPE_IS_FILTER_MODEL (children))
    children = davscope_filter_model_get_model (DAVSCOPE_FILTER_MODEL (children));

  return DAV_IS_FOLDER (children) ? DAV_FOLDER (children) : NULL;
}

static void
update_folder_state (DavscopeNameCell *self)
{
  DavFolder *folder = g_signal_group_dup_target (self->folder_signals);
  gboolean loading = folder && dav_folder_get_loading (folder);
  const char *error = folder ? dav_folder_get_error_message (folder) : NULL;
  gboolean failed = !loading && error != NULL;

  if (loading && self->spinner == NULL)
    {
      self->spinner = gtk_spinner_new ();
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Loading"), -1);
      gtk_box_insert_child_after (GTK_BOX (self->box), self->spinner, self->label);
    }
  if (self->spinner != NULL)
    {
      gtk_widget_set_visible (self->spinner, loading);
      gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), loading);
    }

  if (failed && self->problem == NULL)
    {
      self->problem = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (self->problem, "warning");
      gtk_box_append (GTK_BOX (self->box), self->problem);
    }
  if (self->problem == NULL)
    {
      g_clear_object (&folder);
      return;
    }

  /* A subfolder whose listing failed says so in its own row. */
  gtk_widget_set_visible (self->problem, failed);
  /* Only when it changes: setting a tooltip is a round trip to the
   * display server, and this runs on every bind. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (self->problem), error) != 0)
    {
      gtk_widget_set_tooltip_text (self->problem, error);
      /* A screen reader hears the failure, not only a mouse. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->problem), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      error ? error : "", -1);
    }

  g_clear_object (&folder);
}

static void
on_row_expanded (DavscopeNameCell *self)
{
  DavFolder *folder;

  if (self->list_row == NULL || !gtk_tree_list_row_get_expanded (self->list_row))
    return;

  folder = children_folder (self->list_row);
  if (folder != NULL)
    g_signal_emit (self, signals[EXPANDED], 0, folder);
}

/* A label told the text it shows already asks for a new size all the
 * same, and the row around it is measured again in the next frame. */
static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_text (label, text);
}

static void
update_resource (DavscopeNameCell *self)
{
  g_autoptr(DavResource) resource = row_resource (self);
  const char *name = dav_resource_get_name (resource);
  const char *icon_name;
  g_autofree char *accessible = NULL;

  /* The identity shown is the href's name; a displayname that says
   * something else is only a tooltip (on_label_query_tooltip). */
  set_label_text (GTK_LABEL (self->label), *name ? name : _("(unnamed)"));

  if (dav_resource_is_flagged (resource))
    icon_name = "dialog-warning-symbolic";
  else if (dav_resource_is_collection (resource))
    icon_name = "folder-symbolic";
  else if (dav_resource_is_locked (resource))
    icon_name = "changes-prevent-symbolic";
  else
    icon_name = "text-x-generic-symbolic";
  /* GtkImage drops its icon and looks it up again on every set, even
   * the same one: most rows of a folder rebound as it loads keep theirs. */
  if (icon_name != self->icon_name)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), icon_name);
      self->icon_name = icon_name;
    }

  accessible = g_strdup_printf ("%s%s", name, dav_resource_is_collection (resource) ? _(", folder") : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* The tooltip is made when asked for, not on every bind: setting one
 * costs a round trip to the display server, per row, as rows scroll. A
 * displayname that says something else than the href's name is only a
 * tooltip (docs/hostile-servers.md case 24); otherwise it shows the
 * path. */
static gboolean
on_label_query_tooltip (GtkWidget        *label,
                        int               x,
                        int               y,
                        gboolean          keyboard,
                        GtkTooltip       *tooltip,
                        DavscopeNameCell *self)
{
  g_autoptr(DavResource) resource = row_resource (self);
  const char *display;

  if (resource == NULL)
    return FALSE;

  display = dav_resource_get_display_name (resource);
  if (display != NULL && g_strcmp0 (display, dav_resource_get_name (resource)) != 0)
    {
      g_autofree char *shown = dav_text_escape (display, -1);
      g_autofree char *tip = g_strdup_printf (_("Display name: %s"), shown);

      gtk_tooltip_set_text (tooltip, tip);
    }
  else
    gtk_tooltip_set_text (tooltip, dav_resource_get_path (resource));

  return TRUE;
}

void
davscope_name_cell_set_list_row (DavscopeNameCell *self,
                                 GtkTreeListRow   *list_row)
{
  g_return_if_fail (DAVSCOPE_IS_NAME_CELL (self));
  g_return_if_fail (list_row == NULL || GTK_IS_TREE_LIST_ROW (list_row));

  /* The same row again: GTK 4.8 rebinds every row whose position moved
   * (all ~200 kept, at each merge of a loading folder's batch); only what
   * the resource shows may have changed. */
  if (list_row != NULL && list_row == self->list_row)
    {
      update_resource (self);
      update_folder_state (self);
      return;
    }
  if (!g_set_object (&self->list_row, list_row))
    return;

  /* Unbound, the expander keeps its last row until the next one: GTK
   * 4.8's expander removes its indentation widgets when its row goes and
   * makes new ones when the next comes, and each new widget is styled
   * and measured anew; a cell is unbound only to be bound again or
   * dropped (issue 19: ~4,500 rebinds while 100,000 rows load). */
  if (list_row != NULL)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (self->expander), list_row);
  g_signal_group_set_target (self->row_signals, list_row);
  g_signal_group_set_target (self->folder_signals, list_row ? children_folder (list_row) : NULL);
  if (list_row != NULL)
    {
      update_resource (self);
      update_folder_state (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST_ROW]);
}

GtkTreeListRow *
davscope_name_cell_get_list_row (DavscopeNameCell *self)
{
  g_return_val_if_fail (DAVSCOPE_IS_NAME_CELL (self), NULL);

  return self->list_row;
}

guint
davscope_name_cell_get_position (DavscopeNameCell *self)
{
  g_return_val_if_fail (DAVSCOPE_IS_NAME_CELL (self), GTK_INVALID_LIST_POSITION);

  return self->list_item != NULL ? gtk_list_item_get_position (self->list_item)
                                 : GTK_INVALID_LIST_POSITION;
}

static void
davscope_name_cell_dispose (GObject *object)
{
  DavscopeNameCell *self = DAVSCOPE_NAME_CELL (object);

  g_signal_group_set_target (self->row_signals, NULL);
  g_signal_group_set_target (self->folder_signals, NULL);
  g_clear_object (&self->list_row);
  g_clear_weak_pointer (&self->list_item);
  g_clear_pointer (&self->expander, gtk_widget_unparent);

  G_OBJECT_CLASS (davscope_name_cell_parent_class)->dispose (object);
}

static void
davscope_name_cell_finalize (GObject *object)
{
  DavscopeNameCell *self = DAVSCOPE_NAME_CELL (object);

  g_clear_object (&self->row_signals);
  g_clear_object (&self->folder_signals);

  G_OBJECT_CLASS (davscope_name_cell_parent_class)->finalize (object);
}

static void
davscope_name_cell_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DavscopeNameCell *self = DAVSCOPE_NAME_CELL (object);

  switch (prop_id)
    {
    case PROP_LIST_ITEM:
      g_value_set_object (value, self->list_item);
      break;

    case PROP_LIST_ROW:
      g_value_set_object (value, self->list_row);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
davscope_name_cell_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DavscopeNameCell *self = DAVSCOPE_NAME_CELL (object);

  switch (prop_id)
    {
    case PROP_LIST_ITEM:
      g_set_weak_pointer (&self->list_item, g_value_get_object (value));
      break;

    case PROP_LIST_ROW:
      davscope_name_cell_set_list_row (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The list item gives the focus to its child on a click: the expander
 * takes it, so that its keys (plus, minus) work as on a bare expander. */
static gboolean
davscope_name_cell_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (DAVSCOPE_NAME_CELL (widget)->expander);
}

static void
davscope_name_cell_class_init (DavscopeNameCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = davscope_name_cell_dispose;
  object_class->finalize = davscope_name_cell_finalize;
  object_class->get_property = davscope_name_cell_get_property;
  object_class->set_property = davscope_name_cell_set_property;

  /* The list item whose child the cell is: it knows the row's position. */
  properties[PROP_LIST_ITEM] =
    g_param_spec_object ("list-item", NULL, NULL, GTK_TYPE_LIST_ITEM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIST_ROW] =
    g_param_spec_object ("list-row", NULL, NULL, GTK_TYPE_TREE_LIST_ROW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The row shown was expanded: its folder (a DavFolder) wants listing. */
  signals[EXPANDED] =
    g_signal_new ("expanded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, DAV_TYPE_FOLDER);

  widget_class->grab_focus = davscope_name_cell_grab_focus;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* Made in code, not from a template: GtkBuilder spent ~330,000
 * instructions a cell on it, and the first frame of a big folder makes
 * ~200 cells at once (GTK 4.8 keeps ~200 row widgets). */
static void
davscope_name_cell_init (DavscopeNameCell *self)
{
  self->expander = gtk_tree_expander_new ();
  gtk_tree_expander_set_indent_for_icon (GTK_TREE_EXPANDER (self->expander), TRUE);
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->icon = gtk_image_new ();
  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_widget_set_has_tooltip (self->label, TRUE);
  g_signal_connect (self->label, "query-tooltip", G_CALLBACK (on_label_query_tooltip), self);
  gtk_box_append (GTK_BOX (self->box), self->icon);
  gtk_box_append (GTK_BOX (self->box), self->label);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (self->expander), self->box);
  gtk_widget_set_parent (self->expander, GTK_WIDGET (self));

  self->row_signals = g_signal_group_new (GTK_TYPE_TREE_LIST_ROW);
  g_signal_group_connect_swapped (self->row_signals, "notify::expanded",
                                  G_CALLBACK (on_row_expanded), self);
  self->folder_signals = g_signal_group_new (DAV_TYPE_FOLDER);
  g_signal_group_connect_swapped (self->folder_signals, "notify::loading",
                                  G_CALLBACK (update_folder_state), self);
  g_signal_group_connect_swapped (self->folder_signals, "notify::error",
                                  G_CALLBACK (update_folder_state), self);
}

GtkWidget *
davscope_name_cell_new (GtkListItem *list_item)
{
  return g_object_new (DAVSCOPE_TYPE_NAME_CELL, "list-item", list_item, NULL);
}
