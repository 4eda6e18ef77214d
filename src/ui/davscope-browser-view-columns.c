/* davscope-browser-view-columns.c: the browser view's columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What each column shows of a row's DavResource and how it sorts
 * (folders first), and which row a cell belongs to. Only the name column
 * holds an expander (DavscopeNameCell); its items, as every column's in
 * GTK 4.8, are the GtkTreeListRow of the sorted tree. Rows are recycled:
 * bind and unbind are cheap, a 100,000-row folder scrolls through them
 * (benchmarks/run-gui).
 */

#include "davscope-browser-view-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dav-text.h"
#include "davscope-name-cell.h"
#include "davscope-status-badge.h"

static DavResource *
row_resource (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  return row ? gtk_tree_list_row_get_item (row) : NULL;
}

/* ---- Name --------------------------------------------------------------- */

static void
on_folder_expanded (DavscopeNameCell    *cell,
                    DavFolder           *folder,
                    DavscopeBrowserView *self)
{
  if (self->store != NULL)
    dav_resource_store_load (self->store, folder);
}

static void
setup_name (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            DavscopeBrowserView      *self)
{
  GtkWidget *cell = davscope_name_cell_new (list_item);

  g_signal_connect (cell, "expanded", G_CALLBACK (on_folder_expanded), self);
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_name (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           DavscopeBrowserView      *self)
{
  davscope_name_cell_set_list_row (DAVSCOPE_NAME_CELL (gtk_list_item_get_child (list_item)),
                                   gtk_list_item_get_item (list_item));
}

static void
unbind_name (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             DavscopeBrowserView      *self)
{
  davscope_name_cell_set_list_row (DAVSCOPE_NAME_CELL (gtk_list_item_get_child (list_item)), NULL);
}

/* ---- Size, Modified, Type ------------------------------------------------ */

/* A column that shows one line of text about the resource. */
typedef struct {
  gboolean   end_aligned;
  char    *(*text) (DavResource *resource);
} TextColumn;

static char *
size_text (DavResource *resource)
{
  gint64 size = dav_resource_get_size (resource);

  if (dav_resource_is_collection (resource))
    return g_strdup ("");
  if (size < 0)
    return g_strdup (_("unknown"));
  return g_format_size (size);
}

static char *
modified_text (DavResource *resource)
{
  GDateTime *modified = dav_resource_get_modified (resource);
  g_autoptr(GDateTime) local = modified ? g_date_time_to_local (modified) : NULL;

  return local ? g_date_time_format (local, "%x %X") : g_strdup ("");
}

static char *
type_text (DavResource *resource)
{
  const char *type = dav_resource_get_content_type (resource);

  if (dav_resource_is_collection (resource))
    return g_strdup (_("Folder"));
  if (type != NULL)
    return dav_text_escape (type, -1);
  return g_strdup ("");
}

static const TextColumn size_column = { TRUE, size_text };
static const TextColumn modified_column = { FALSE, modified_text };
static const TextColumn type_column = { FALSE, type_text };

static void
setup_text (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            const TextColumn         *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column->end_aligned ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_text (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           const TextColumn         *column)
{
  g_autoptr(DavResource) resource = row_resource (list_item);
  g_autofree char *text = column->text (resource);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

/* ---- Status -------------------------------------------------------------- */

static void
setup_status (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              DavscopeBrowserView      *self)
{
  gtk_list_item_set_child (list_item, davscope_status_badge_new ());
}

static void
bind_status (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             DavscopeBrowserView      *self)
{
  DavscopeStatusBadge *badge = DAVSCOPE_STATUS_BADGE (gtk_list_item_get_child (list_item));
  g_autoptr(DavResource) resource = row_resource (list_item);
  const char *problem = dav_resource_get_problem (resource);

  if (problem == NULL && dav_resource_is_flagged (resource))
    problem = _("This entry is not a member of the folder; it is shown, but never acted on.");

  davscope_status_badge_set (badge, dav_resource_get_status (resource), FALSE, problem,
                             dav_resource_get_response (resource));
  davscope_status_badge_set_listing (badge, davscope_browser_view_row_folder (self, gtk_list_item_get_item (list_item)));
}

/* ---- sorting: folders first, then by the column ------------------------ */

/* Folders before files whichever way the column sorts, as in GNOME Files.
 * The column view's sorter turns its column's comparison around for a
 * descending sort, so this one goes before it, outside (new_sorter). */
static int
compare_folders_first (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  return dav_resource_is_collection ((DavResource *) b) - dav_resource_is_collection ((DavResource *) a);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return strcmp (dav_resource_get_name_key ((DavResource *) a),
                 dav_resource_get_name_key ((DavResource *) b));
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

GtkSorter *
davscope_browser_view_new_sorter (DavscopeBrowserView *self)
{
  GtkMultiSorter *sorter = gtk_multi_sorter_new ();

  gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_custom_sorter_new (compare_folders_first, NULL, NULL)));
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view))));

  /* Each row's children stay under it, sorted among themselves. */
  return GTK_SORTER (gtk_tree_list_row_sorter_new (GTK_SORTER (sorter)));
}

/* ---- which row a cell belongs to ----------------------------------------- */

/* The row widgets are the children of the column view's inner list view;
 * each holds one cell per column, the name column's a DavscopeNameCell,
 * which knows its list item's position. */
guint
davscope_browser_view_position_of (DavscopeBrowserView *self,
                                   GtkWidget           *widget)
{
  GtkWidget *list = davscope_browser_view_inner_list_view (self);
  GtkWidget *row = widget;

  while (row != NULL && gtk_widget_get_parent (row) != list)
    row = gtk_widget_get_parent (row);
  if (row == NULL || list == NULL)
    return GTK_INVALID_LIST_POSITION;

  for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *child = gtk_widget_get_first_child (cell);

      if (DAVSCOPE_IS_NAME_CELL (child))
        return davscope_name_cell_get_position (DAVSCOPE_NAME_CELL (child));
    }

  return GTK_INVALID_LIST_POSITION;
}

/* In GTK 4.8 a column view's cell and its row both toggle the selection on
 * Ctrl+click, so it undoes itself: only the row selects. Space then needs
 * its own handler (below). Newer GTK selects by row already. */
static void
setup_cell_selection (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
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
  GtkWidget *focus;
  guint position;

  if ((keyval != GDK_KEY_space && keyval != GDK_KEY_KP_Space) ||
      (state & (GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0 || model == NULL)
    return FALSE;

  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  position = focus != NULL ? davscope_browser_view_position_of (self, focus) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  if (gtk_selection_model_is_selected (model, position))
    gtk_selection_model_unselect_item (model, position);
  else
    gtk_selection_model_select_item (model, position, FALSE);

  return TRUE;
}

/* ---- the columns ---------------------------------------------------------- */

/* @data goes to setup, bind and unbind. */
static void
add_column (DavscopeBrowserView *self,
            const char          *title,
            GCallback            setup,
            GCallback            bind,
            GCallback            unbind,
            gconstpointer        data,
            GCompareDataFunc     compare,
            gboolean             expand,
            int                  width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", setup, (gpointer) data);
  if (gtk_get_minor_version () < 10)
    g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_selection), NULL);
  g_signal_connect (factory, "bind", bind, (gpointer) data);
  if (unbind != NULL)
    g_signal_connect (factory, "unbind", unbind, (gpointer) data);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL)));
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), column);
  g_object_unref (column);
}

void
davscope_browser_view_add_columns (DavscopeBrowserView *self)
{
  g_autoptr(GtkColumnViewColumn) by_name = NULL;

  add_column (self, _("Name"), G_CALLBACK (setup_name), G_CALLBACK (bind_name), G_CALLBACK (unbind_name),
              self, compare_names, TRUE, -1);
  add_column (self, _("Size"), G_CALLBACK (setup_text), G_CALLBACK (bind_text), NULL,
              &size_column, compare_sizes, FALSE, 80);
  add_column (self, _("Modified"), G_CALLBACK (setup_text), G_CALLBACK (bind_text), NULL,
              &modified_column, compare_modified, FALSE, 140);
  add_column (self, _("Type"), G_CALLBACK (setup_text), G_CALLBACK (bind_text), NULL,
              &type_column, compare_types, FALSE, 110);
  add_column (self, _("Status"), G_CALLBACK (setup_status), G_CALLBACK (bind_status), NULL,
              self, compare_status, FALSE, 70);

  /* Sorted by name, folders first, until the user picks another column. */
  by_name = g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->column_view)), 0);
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (self->column_view), by_name, GTK_SORT_ASCENDING);

  if (gtk_get_minor_version () < 10)
    {
      GtkEventController *keys = gtk_event_controller_key_new ();

      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed), self);
      gtk_widget_add_controller (self->column_view, keys);
    }
}
