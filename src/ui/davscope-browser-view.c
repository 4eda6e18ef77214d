/* davscope-browser-view.c: the lazy tree of a WebDAV collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model stack, from the view down:
 *
 *   GtkColumnView
 *     └ GtkMultiSelection
 *         └ GtkSortListModel (GtkTreeListRowSorter around the column
 *             │               view's sorter: children stay under their parent)
 *             └ GtkTreeListModel (passthrough FALSE, autoexpand FALSE)
 *                 └ DavFolder (the root), children: the store's cached
 *                   DavFolder of each collection
 *
 * GtkTreeListModel asks for a row's children just to know whether it can
 * expand, so the child function only looks up the cached folder; listing
 * starts when the row's "expanded" turns TRUE. Rows are recycled: bind
 * connects to the row and its folder, unbind disconnects.
 */

#include "davscope-browser-view.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dav-text.h"
#include "davscope-accessible.h"
#include "davscope-details-pane.h"
#include "davscope-status-badge.h"

struct _DavscopeBrowserView
{
  GtkWidget            parent_instance;

  GtkWidget           *paned;
  GtkWidget           *banner;
  GtkWidget           *banner_label;
  GtkWidget           *stack;
  GtkWidget           *column_view;
  GtkWidget           *error_page;
  GtkWidget           *details;

  DavResourceStore    *store;
  DavFolder           *root;
  GtkFilterListModel  *filtered_root;
  GtkFilter           *hidden_filter; /* drops dot-names unless show-hidden */
  gboolean             show_hidden;
  GtkTreeListModel    *tree;
  GtkSortListModel    *sorted;
  GtkMultiSelection   *selection;
  gulong               root_handler;
  gboolean             sorting;       /* rows still waiting for their place */
  gboolean             keep_top;      /* a first listing, not scrolled by the user yet */
};

G_DEFINE_FINAL_TYPE (DavscopeBrowserView, davscope_browser_view, GTK_TYPE_WIDGET)

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_SORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- the tree ----------------------------------------------------------- */

static gboolean
filter_hidden (gpointer item,
               gpointer user_data)
{
  DavscopeBrowserView *self = user_data;

  return self->show_hidden || dav_resource_get_name (DAV_RESOURCE (item))[0] != '.';
}

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  DavscopeBrowserView *self = user_data;
  DavFolder *folder;

  /* No I/O here: GTK calls this to learn whether the row can expand. */
  folder = dav_resource_store_get_folder (self->store, DAV_RESOURCE (item));
  if (folder == NULL)
    return NULL;

  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (folder)),
                                                  g_object_ref (self->hidden_filter)));
}

/* The folder behind a row's children (they are filtered for hidden names). */
static DavFolder *
children_folder (GtkTreeListRow *row)
{
  GListModel *children = gtk_tree_list_row_get_children (row);

  if (GTK_IS_FILTER_LIST_MODEL (children))
    children = gtk_filter_list_model_get_model (GTK_FILTER_LIST_MODEL (children));

  return DAV_IS_FOLDER (children) ? DAV_FOLDER (children) : NULL;
}

void
davscope_browser_view_set_show_hidden (DavscopeBrowserView *self,
                                       gboolean             show_hidden)
{
  g_return_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self));

  if (self->show_hidden == show_hidden)
    return;

  self->show_hidden = show_hidden;
  gtk_filter_changed (self->hidden_filter,
                      show_hidden ? GTK_FILTER_CHANGE_LESS_STRICT : GTK_FILTER_CHANGE_MORE_STRICT);
}

static DavResource *
row_resource (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  return row ? gtk_tree_list_row_get_item (row) : NULL;
}

/* Each cell keeps what it connected to, to undo it on unbind. */
typedef struct {
  GtkTreeListRow *row;
  DavFolder      *folder;
  gulong          expanded_handler;
  gulong          loading_handler;
  gulong          error_handler;
} NameBinding;

static void
name_binding_clear (gpointer data)
{
  NameBinding *binding = data;

  if (binding->row != NULL)
    g_clear_signal_handler (&binding->expanded_handler, binding->row);
  if (binding->folder != NULL)
    {
      g_clear_signal_handler (&binding->loading_handler, binding->folder);
      g_clear_signal_handler (&binding->error_handler, binding->folder);
    }
  g_clear_object (&binding->row);
  g_clear_object (&binding->folder);
  g_free (binding);
}

static void
update_folder_state (GtkWidget *box,
                     DavFolder *folder)
{
  GtkWidget *spinner = g_object_get_data (G_OBJECT (box), "spinner");
  GtkWidget *problem = g_object_get_data (G_OBJECT (box), "problem");
  gboolean loading = folder && dav_folder_get_loading (folder);
  const char *error = folder ? dav_folder_get_error_message (folder) : NULL;

  gtk_widget_set_visible (spinner, loading);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), loading);

  /* A subfolder whose listing failed says so in its own row. */
  gtk_widget_set_visible (problem, !loading && error != NULL);
  /* Only when it changes: setting a tooltip is a round trip to the
   * display server, and this runs on every bind. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (problem), error) != 0)
    {
      gtk_widget_set_tooltip_text (problem, error);
      /* A screen reader hears the failure, not only a mouse. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (problem), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      error ? error : "", -1);
    }
}

static void
on_folder_state (DavFolder  *folder,
                 GParamSpec *pspec,
                 GtkWidget  *box)
{
  update_folder_state (box, folder);
}

static void
on_row_expanded (GtkTreeListRow      *row,
                 GParamSpec          *pspec,
                 DavscopeBrowserView *self)
{
  DavFolder *folder;

  if (!gtk_tree_list_row_get_expanded (row))
    return;

  folder = children_folder (row);
  if (folder != NULL)
    dav_resource_store_load (self->store, folder);
}

/* The tooltip is made when asked for, not on every bind: setting one
 * costs a round trip to the display server, per row, as rows scroll. A
 * displayname that says something else than the href's name is only a
 * tooltip (docs/hostile-servers.md case 24); otherwise it shows the
 * path. */
static gboolean
on_name_query_tooltip (GtkWidget   *label,
                       int          x,
                       int          y,
                       gboolean     keyboard,
                       GtkTooltip  *tooltip,
                       GtkListItem *list_item)
{
  DavResource *resource = row_resource (list_item);
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

static void
setup_name (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *problem = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_name_query_tooltip), list_item);
  gtk_widget_add_css_class (problem, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading"), -1);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), problem);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_tree_expander_set_indent_for_icon (GTK_TREE_EXPANDER (expander), TRUE);

  g_object_set_data (G_OBJECT (box), "icon", icon);
  g_object_set_data (G_OBJECT (box), "label", label);
  g_object_set_data (G_OBJECT (box), "spinner", spinner);
  g_object_set_data (G_OBJECT (box), "problem", problem);
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_name (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  DavscopeBrowserView *self = user_data;
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  DavResource *resource = gtk_tree_list_row_get_item (row);
  GtkWidget *icon = g_object_get_data (G_OBJECT (box), "icon");
  GtkWidget *label = g_object_get_data (G_OBJECT (box), "label");
  NameBinding *binding = g_new0 (NameBinding, 1);
  const char *name = dav_resource_get_name (resource);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);

  /* The identity shown is the href's name; a displayname that says
   * something else is only a tooltip (on_name_query_tooltip). */
  gtk_label_set_text (GTK_LABEL (label), *name ? name : _("(unnamed)"));

  if (dav_resource_is_flagged (resource))
    gtk_image_set_from_icon_name (GTK_IMAGE (icon), "dialog-warning-symbolic");
  else if (dav_resource_is_collection (resource))
    gtk_image_set_from_icon_name (GTK_IMAGE (icon), "folder-symbolic");
  else if (dav_resource_is_locked (resource))
    gtk_image_set_from_icon_name (GTK_IMAGE (icon), "changes-prevent-symbolic");
  else
    gtk_image_set_from_icon_name (GTK_IMAGE (icon), "text-x-generic-symbolic");

  binding->row = g_object_ref (row);
  binding->expanded_handler = g_signal_connect (row, "notify::expanded",
                                                G_CALLBACK (on_row_expanded), self);
  if (children_folder (row) != NULL)
    {
      binding->folder = g_object_ref (children_folder (row));
      binding->loading_handler = g_signal_connect (binding->folder, "notify::loading",
                                                   G_CALLBACK (on_folder_state), box);
      binding->error_handler = g_signal_connect (binding->folder, "notify::error",
                                                 G_CALLBACK (on_folder_state), box);
    }
  update_folder_state (box, binding->folder);
  g_object_set_data_full (G_OBJECT (list_item), "binding", binding, name_binding_clear);

  {
    g_autofree char *accessible = g_strdup_printf ("%s%s", name,
                                                   dav_resource_is_collection (resource) ? _(", folder") : "");

    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  }
}

static void
unbind_name (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);

  g_object_set_data (G_OBJECT (list_item), "binding", NULL);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (user_data) ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_size (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  DavResource *resource = row_resource (list_item);
  gint64 size = dav_resource_get_size (resource);
  g_autofree char *text = NULL;

  if (dav_resource_is_collection (resource))
    text = g_strdup ("");
  else if (size < 0)
    text = g_strdup (_("unknown"));
  else
    text = g_format_size (size);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
bind_modified (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GDateTime *modified = dav_resource_get_modified (row_resource (list_item));
  g_autoptr(GDateTime) local = modified ? g_date_time_to_local (modified) : NULL;
  g_autofree char *text = local ? g_date_time_format (local, "%x %X") : g_strdup ("");

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
bind_type (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  DavResource *resource = row_resource (list_item);
  const char *type = dav_resource_get_content_type (resource);
  g_autofree char *shown = NULL;

  if (dav_resource_is_collection (resource))
    shown = g_strdup (_("Folder"));
  else if (type != NULL)
    shown = dav_text_escape (type, -1);
  else
    shown = g_strdup ("");

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), shown);
}

static void
setup_status (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, davscope_status_badge_new ());
}

/* The folder a row's resource was listed in. */
static DavFolder *
row_folder (DavscopeBrowserView *self,
            GtkTreeListRow      *row)
{
  g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
  g_autoptr(DavResource) collection = NULL;

  if (parent == NULL)
    return self->root;

  collection = gtk_tree_list_row_get_item (parent);
  return dav_resource_store_get_folder (self->store, collection);
}

static void
bind_status (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  DavResource *resource = row_resource (list_item);
  const char *problem = dav_resource_get_problem (resource);

  if (problem == NULL && dav_resource_is_flagged (resource))
    problem = _("This entry is not a member of the folder; it is shown, but never acted on.");

  davscope_status_badge_set (DAVSCOPE_STATUS_BADGE (gtk_list_item_get_child (list_item)),
                             dav_resource_get_status (resource), FALSE, problem,
                             dav_resource_get_response (resource));
  davscope_status_badge_set_listing (DAVSCOPE_STATUS_BADGE (gtk_list_item_get_child (list_item)),
                                     row_folder (user_data, gtk_list_item_get_item (list_item)));
}

/* ---- sorting: folders first, then by the column ------------------------ */

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  DavResource *x = (DavResource *) a;
  DavResource *y = (DavResource *) b;

  if (dav_resource_is_collection (x) != dav_resource_is_collection (y))
    return dav_resource_is_collection (x) ? -1 : 1;

  return strcmp (dav_resource_get_name_key (x), dav_resource_get_name_key (y));
}

static int
compare_sizes (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  gint64 x = dav_resource_get_size ((DavResource *) a);
  gint64 y = dav_resource_get_size ((DavResource *) b);

  return x < y ? -1 : x > y;
}

static int
compare_modified (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GDateTime *x = dav_resource_get_modified ((DavResource *) a);
  GDateTime *y = dav_resource_get_modified ((DavResource *) b);

  if (x == NULL || y == NULL)
    return (x != NULL) - (y != NULL);
  return g_date_time_compare (x, y);
}

static int
compare_types (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return g_strcmp0 (dav_resource_get_content_type ((DavResource *) a),
                    dav_resource_get_content_type ((DavResource *) b));
}

static int
compare_status (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  int x = dav_resource_get_status ((DavResource *) a) + (dav_resource_is_flagged ((DavResource *) a) ? 1000 : 0);
  int y = dav_resource_get_status ((DavResource *) b) + (dav_resource_is_flagged ((DavResource *) b) ? 1000 : 0);

  return x - y;
}

/* In GTK 4.8 a column view's cell and its row both toggle the selection on
 * Ctrl+click, so it undoes itself: only the row selects. Space then needs
 * its own handler (below). Newer GTK selects by row already. */
static void
setup_cell_selection (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  /* The cell knows its row: Space and right-click find it from a widget. */
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), "davscope-list-item", list_item);

  if (gtk_get_minor_version () >= 10)
    return;

  gtk_list_item_set_selectable (list_item, FALSE);
}

static gboolean
on_list_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     DavscopeBrowserView   *self)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  GtkListItem *item = NULL;
  guint position;

  if ((keyval != GDK_KEY_space && keyval != GDK_KEY_KP_Space) ||
      (state & (GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0 || model == NULL)
    return FALSE;

  for (GtkWidget *w = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
       w != NULL && item == NULL;
       w = gtk_widget_get_parent (w))
    item = g_object_get_data (G_OBJECT (w), "davscope-list-item");

  if (item == NULL || (position = gtk_list_item_get_position (item)) == GTK_INVALID_LIST_POSITION)
    return FALSE;

  if (gtk_selection_model_is_selected (model, position))
    gtk_selection_model_unselect_item (model, position);
  else
    gtk_selection_model_select_item (model, position, FALSE);

  return TRUE;
}

static void
add_column (DavscopeBrowserView *self,
            const char          *title,
            GCallback            setup,
            GCallback            bind,
            GCallback            unbind,
            gpointer             setup_data,
            GCompareDataFunc     compare,
            gboolean             expand,
            int                  width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", setup, setup_data);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_selection), NULL);
  g_signal_connect (factory, "bind", bind, self);
  if (unbind != NULL)
    g_signal_connect (factory, "unbind", unbind, self);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL)));
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), column);
  g_object_unref (column);
}

/* ---- right-click --------------------------------------------------------- */

gboolean
davscope_browser_view_select_at (DavscopeBrowserView *self,
                                 double               x,
                                 double               y)
{
  GtkListItem *item = NULL;
  guint position;

  g_return_val_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self), FALSE);

  if (self->selection == NULL)
    return FALSE;

  for (GtkWidget *w = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
       w != NULL && w != GTK_WIDGET (self) && item == NULL;
       w = gtk_widget_get_parent (w))
    item = g_object_get_data (G_OBJECT (w), "davscope-list-item");

  if (item == NULL || (position = gtk_list_item_get_position (item)) == GTK_INVALID_LIST_POSITION)
    return FALSE;

  /* A row outside the selection becomes the selection, as in Files. */
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  return TRUE;
}

/* ---- state -------------------------------------------------------------- */

static void
update_root_state (DavscopeBrowserView *self)
{
  const char *error;
  GPtrArray *problems;

  if (self->root == NULL)
    return;

  error = dav_folder_get_error_message (self->root);
  problems = dav_folder_get_problems (self->root);

  if (error != NULL && !dav_folder_get_loaded (self->root))
    {
      /* The status page reads its description as markup. */
      g_autofree char *markup = g_markup_escape_text (error, -1);

      adw_status_page_set_description (ADW_STATUS_PAGE (self->error_page), markup);
      gtk_stack_set_visible_child (GTK_STACK (self->stack), self->error_page);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), FALSE);
      return;
    }

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");

  /* A reload that failed keeps the rows it had, and says they are old. */
  if (error != NULL && !dav_folder_get_loading (self->root))
    {
      g_autofree char *text = g_strdup_printf (_("Reloading failed: %s\nWhat is shown is from the last listing and may be out of date; deleting is disabled until a listing succeeds."),
                                               error);

      gtk_label_set_text (GTK_LABEL (self->banner_label), text);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), TRUE);
    }
  /* A partial listing is never passed off as the whole folder. */
  else if (dav_folder_get_loaded (self->root) && !dav_folder_get_loading (self->root) &&
           !dav_folder_get_complete (self->root))
    {
      g_autoptr(GString) text = g_string_new (_("This listing is incomplete: the server's answer was cut off or malformed. What could be read is shown; deleting is disabled until a complete listing arrives."));

      for (guint i = 0; problems != NULL && i < problems->len && i < 3; i++)
        {
          const DavProblem *problem = g_ptr_array_index (problems, i);

          g_string_append_printf (text, "\n%s", problem->message);
        }
      gtk_label_set_text (GTK_LABEL (self->banner_label), text->str);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), TRUE);
    }
  else if (dav_folder_get_n_flagged (self->root) > 0 && !dav_folder_get_loading (self->root))
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "The server listed %u entry that is not a member of this folder (another server, outside the folder, or malformed). It is marked and never acted on.",
                                                            "The server listed %u entries that are not members of this folder (another server, outside the folder, or malformed). They are marked and never acted on.",
                                                            dav_folder_get_n_flagged (self->root)),
                                               dav_folder_get_n_flagged (self->root));

      gtk_label_set_text (GTK_LABEL (self->banner_label), text);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), TRUE);
    }
  else
    gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), FALSE);

  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
on_root_notify (DavFolder           *folder,
                GParamSpec          *pspec,
                DavscopeBrowserView *self)
{
  /* While the folder comes in, each batch is merged into the sorted rows
   * at once: an incremental sort restarted for every batch costs more in
   * all (100,000 rows: ~1 s of CPU more) and leaves the last rows unsorted
   * for a while after the listing ended. A sort asked for later (a column
   * header) is incremental, so it never freezes the window. */
  if (self->sorted != NULL)
    gtk_sort_list_model_set_incremental (self->sorted, !dav_folder_get_loading (self->root));
  /* The last batch came before the end: the hold ends with the listing. */
  if (!dav_folder_get_loading (self->root))
    self->keep_top = FALSE;
  update_root_state (self);
}

static void
on_selection_changed (GtkSelectionModel   *model,
                      guint                position,
                      guint                n_items,
                      DavscopeBrowserView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  DavResource *resource = NULL;

  if (gtk_bitset_get_size (selected) == 1)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (model), gtk_bitset_get_nth (selected, 0));

      resource = gtk_tree_list_row_get_item (row);
    }

  davscope_details_pane_set_resource (DAVSCOPE_DETAILS_PANE (self->details), resource);
  g_clear_object (&resource);

  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}


/* The selected resources that may be acted on, at most @limit of them (0:
 * all). Whether every one comes from a complete listing is known without
 * looking at each when the store has no partial listing; otherwise every
 * selected row is looked at. A select-all of 100,000 rows would otherwise
 * cost two passes over them on each change of the window's actions. */
static GPtrArray *
collect_selection (DavscopeBrowserView *self,
                   gboolean            *all_complete,
                   guint                limit)
{
  GPtrArray *resources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;
  gboolean check;

  *all_complete = TRUE;
  if (self->selection == NULL)
    return resources;

  check = !dav_resource_store_is_complete (self->store);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(GtkTreeListRow) row = NULL;
      g_autoptr(DavResource) resource = NULL;
      gboolean counted = limit > 0 && resources->len >= limit;

      /* Past the limit, rows are looked at only for completeness. */
      if (counted && !(check && *all_complete))
        break;

      row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
      if (check)
        {
          DavFolder *folder = row_folder (self, row);

          if (folder == NULL || !dav_folder_get_complete (folder))
            *all_complete = FALSE;
        }

      resource = gtk_tree_list_row_get_item (row);
      if (!counted && !dav_resource_is_flagged (resource) && dav_resource_get_url (resource) != NULL)
        g_ptr_array_add (resources, g_steal_pointer (&resource));
    }

  return resources;
}

GPtrArray *
davscope_browser_view_get_selection (DavscopeBrowserView *self)
{
  gboolean complete;

  g_return_val_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self), NULL);

  return collect_selection (self, &complete, 0);
}

guint
davscope_browser_view_count_selection (DavscopeBrowserView *self,
                                       guint                limit,
                                       gboolean            *complete)
{
  g_autoptr(GPtrArray) resources = NULL;
  gboolean all_complete;

  g_return_val_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self), 0);

  resources = collect_selection (self, &all_complete, limit);
  if (complete != NULL)
    *complete = all_complete;
  return resources->len;
}

gboolean
davscope_browser_view_can_act (DavscopeBrowserView *self)
{
  gboolean complete;

  g_return_val_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self), FALSE);

  return davscope_browser_view_count_selection (self, 1, &complete) > 0 && complete;
}

void
davscope_browser_view_reload (DavscopeBrowserView *self)
{
  g_return_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self));

  if (self->store != NULL && self->root != NULL)
    dav_resource_store_refresh (self->store, self->root);
}

DavResourceStore *
davscope_browser_view_get_store (DavscopeBrowserView *self)
{
  g_return_val_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self), NULL);

  return self->store;
}

/* ---- a first listing stays at its top ------------------------------------ */

/* GtkColumnView (GTK 4.8) has no scroll_to; its rows are a GtkListView
 * child, whose list.scroll-to-item action does it. */
static GtkWidget *
inner_list_view (DavscopeBrowserView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->column_view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/* A big folder comes in batches in the server's order, each merged into
 * the sorted rows. GTK keeps the row at the top of the view where it is,
 * so rows sorted in above it would leave the view scrolled to the middle
 * of the folder (wherever the first batch's first name landed): the view
 * is brought back to the first row after each batch, until the user
 * scrolls, clicks or types in it. */
static void
on_rows_changed (GListModel          *model,
                 guint                position,
                 guint                removed,
                 guint                added,
                 DavscopeBrowserView *self)
{
  GtkWidget *list;

  if (!self->keep_top || added == 0)
    return;
  if (self->root == NULL || !dav_folder_get_loading (self->root))
    self->keep_top = FALSE;

  list = inner_list_view (self);
  if (list != NULL)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", 0);
}

static gboolean
on_user_event (GtkEventControllerLegacy *controller,
               GdkEvent                 *event,
               DavscopeBrowserView      *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_SCROLL:
    case GDK_KEY_PRESS:
    case GDK_TOUCH_BEGIN:
      self->keep_top = FALSE;
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
on_sort_pending (GtkSortListModel    *sorted,
                 GParamSpec          *pspec,
                 DavscopeBrowserView *self)
{
  gboolean sorting = sorted != NULL && gtk_sort_list_model_get_pending (sorted) > 0;

  if (sorting == self->sorting)
    return;
  self->sorting = sorting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORTING]);
}

gboolean
davscope_browser_view_get_sorting (DavscopeBrowserView *self)
{
  g_return_val_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self), FALSE);

  return self->sorting;
}

static void
drop_models (DavscopeBrowserView *self)
{
  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->selection, on_selection_changed, self);
      g_signal_handlers_disconnect_by_func (self->selection, on_rows_changed, self);
    }
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_func (self->sorted, on_sort_pending, self);
  if (self->root != NULL)
    g_clear_signal_handler (&self->root_handler, self->root);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->tree);
  g_clear_object (&self->filtered_root);
  g_clear_object (&self->root);
  on_sort_pending (NULL, NULL, self);
}

GtkAdjustment *
davscope_browser_view_get_vadjustment (DavscopeBrowserView *self)
{
  g_return_val_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self), NULL);

  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
}

void
davscope_browser_view_select_all (DavscopeBrowserView *self,
                                  gboolean             select)
{
  g_return_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self));

  if (self->selection == NULL)
    return;
  if (select)
    gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

void
davscope_browser_view_sort_by (DavscopeBrowserView *self,
                               guint                column,
                               GtkSortType          order)
{
  g_autoptr(GtkColumnViewColumn) which = NULL;

  g_return_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self));

  which = g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->column_view)), column);
  if (which != NULL)
    gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (self->column_view), which, order);
}

void
davscope_browser_view_set_store (DavscopeBrowserView *self,
                                 DavResourceStore    *store)
{
  GtkSorter *row_sorter;

  g_return_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self));

  drop_models (self);
  g_set_object (&self->store, store);
  davscope_details_pane_set_resource (DAVSCOPE_DETAILS_PANE (self->details), NULL);
  davscope_details_pane_set_client (DAVSCOPE_DETAILS_PANE (self->details),
                                    store ? dav_resource_store_get_client (store) : NULL);
  if (store == NULL)
    return;

  self->root = g_object_ref (dav_resource_store_get_root (store));
  self->root_handler = g_signal_connect (self->root, "notify", G_CALLBACK (on_root_notify), self);

  self->filtered_root = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->root)),
                                                  g_object_ref (self->hidden_filter));
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered_root)),
                                        FALSE, FALSE, create_child_model, self, NULL);
  row_sorter = GTK_SORTER (gtk_tree_list_row_sorter_new (g_object_ref (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view)))));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->tree)), row_sorter);
  /* Sorting 100,000 rows happens in steps, not in one frozen frame
   * (except while the folder loads: on_root_notify). */
  gtk_sort_list_model_set_incremental (self->sorted, !dav_folder_get_loading (self->root));
  g_signal_connect (self->sorted, "notify::pending", G_CALLBACK (on_sort_pending), self);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), GTK_SELECTION_MODEL (self->selection));
  /* After the view's own handler: it moved the rows already. */
  g_signal_connect (self->selection, "items-changed", G_CALLBACK (on_rows_changed), self);
  self->keep_top = !dav_folder_get_loaded (self->root);

  update_root_state (self);
}

static void
on_reload_clicked (GtkButton           *button,
                   DavscopeBrowserView *self)
{
  davscope_browser_view_reload (self);
}

static void
on_activate (GtkColumnView       *view,
             guint                position,
             DavscopeBrowserView *self)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  /* Enter or a double click opens a folder in place. */
  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

static void
davscope_browser_view_dispose (GObject *object)
{
  DavscopeBrowserView *self = DAVSCOPE_BROWSER_VIEW (object);

  drop_models (self);
  g_clear_object (&self->store);
  g_clear_object (&self->hidden_filter);
  gtk_widget_dispose_template (GTK_WIDGET (self), DAVSCOPE_TYPE_BROWSER_VIEW);

  G_OBJECT_CLASS (davscope_browser_view_parent_class)->dispose (object);
}

static void
davscope_browser_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DavscopeBrowserView *self = DAVSCOPE_BROWSER_VIEW (object);

  switch (prop_id)
    {
    case PROP_SORTING:
      g_value_set_boolean (value, self->sorting);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
davscope_browser_view_class_init (DavscopeBrowserViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = davscope_browser_view_dispose;
  object_class->get_property = davscope_browser_view_get_property;

  /* TRUE while an incremental sort still has rows to place. */
  properties[PROP_SORTING] =
    g_param_spec_boolean ("sorting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (DAVSCOPE_TYPE_DETAILS_PANE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/davscope/Davscope/davscope-browser-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DavscopeBrowserView, paned);
  gtk_widget_class_bind_template_child (widget_class, DavscopeBrowserView, banner);
  gtk_widget_class_bind_template_child (widget_class, DavscopeBrowserView, banner_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopeBrowserView, stack);
  gtk_widget_class_bind_template_child (widget_class, DavscopeBrowserView, column_view);
  gtk_widget_class_bind_template_child (widget_class, DavscopeBrowserView, error_page);
  gtk_widget_class_bind_template_child (widget_class, DavscopeBrowserView, details);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
davscope_browser_view_init (DavscopeBrowserView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  davscope_accessible_fix_names (GTK_WIDGET (self));
  self->hidden_filter = GTK_FILTER (gtk_custom_filter_new (filter_hidden, self, NULL));

  {
    /* Anything the user does in the list ends on_rows_changed's hold;
     * on the scrolled window, so that its scrollbar counts too. */
    GtkEventController *events = gtk_event_controller_legacy_new ();

    gtk_event_controller_set_propagation_phase (events, GTK_PHASE_CAPTURE);
    g_signal_connect (events, "event", G_CALLBACK (on_user_event), self);
    gtk_widget_add_controller (gtk_widget_get_parent (self->column_view), events);
  }

  if (gtk_get_minor_version () < 10)
    {
      GtkEventController *keys = gtk_event_controller_key_new ();

      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed), self);
      gtk_widget_add_controller (self->column_view, keys);
    }

  add_column (self, _("Name"), G_CALLBACK (setup_name), G_CALLBACK (bind_name), G_CALLBACK (unbind_name),
              NULL, compare_names, TRUE, -1);
  add_column (self, _("Size"), G_CALLBACK (setup_label), G_CALLBACK (bind_size), NULL,
              GINT_TO_POINTER (TRUE), compare_sizes, FALSE, 80);
  add_column (self, _("Modified"), G_CALLBACK (setup_label), G_CALLBACK (bind_modified), NULL,
              GINT_TO_POINTER (FALSE), compare_modified, FALSE, 140);
  add_column (self, _("Type"), G_CALLBACK (setup_label), G_CALLBACK (bind_type), NULL,
              GINT_TO_POINTER (FALSE), compare_types, FALSE, 110);
  add_column (self, _("Status"), G_CALLBACK (setup_status), G_CALLBACK (bind_status), NULL,
              NULL, compare_status, FALSE, 70);

  /* Sorted by name, folders first, until the user picks another column. */
  davscope_browser_view_sort_by (self, 0, GTK_SORT_ASCENDING);
}

GtkWidget *
davscope_browser_view_new (void)
{
  return g_object_new (DAVSCOPE_TYPE_BROWSER_VIEW, NULL);
}
