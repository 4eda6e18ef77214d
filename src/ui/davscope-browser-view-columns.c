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

#include "dav-date-text.h"
#include "dav-property-text.h"
#include "davscope-details-pane.h"
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

/* No unbind: GTK 4.8 unbinds a row only to bind it again, most often to
 * the same row at another position, or to drop its widget; the cell
 * keeps its row until then (davscope_name_cell_set_list_row). */
static void
bind_name (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           DavscopeBrowserView      *self)
{
  davscope_name_cell_set_list_row (DAVSCOPE_NAME_CELL (gtk_list_item_get_child (list_item)),
                                   gtk_list_item_get_item (list_item));
}

/* ---- Size, Modified, Type ------------------------------------------------ */

/* A column that shows one line of text about the resource; its factory
 * owns it. */
typedef struct _TextColumn {
  DavscopeBrowserView  *view;
  gboolean              end_aligned;
  char               *(*text) (DavscopeBrowserView *self,
                               DavResource         *resource);
  GPtrArray            *cells;  /* its list items that are set up, not refs */
} TextColumn;

static void
text_column_free (gpointer data)
{
  TextColumn *column = data;

  g_ptr_array_unref (column->cells);
  g_free (column);
}

static TextColumn *
text_column_new (DavscopeBrowserView  *view,
                 gboolean              end_aligned,
                 char               *(*text) (DavscopeBrowserView *, DavResource *))
{
  TextColumn *column = g_new0 (TextColumn, 1);

  column->view = view;
  column->end_aligned = end_aligned;
  column->text = text;
  column->cells = g_ptr_array_new ();
  return column;
}

static char *
size_text (DavscopeBrowserView *self,
           DavResource         *resource)
{
  gint64 size = dav_resource_get_size (resource);

  if (dav_resource_is_collection (resource))
    return g_strdup ("");
  if (size < 0)
    return g_strdup (_("unknown"));
  return g_format_size (size);
}

static char *
modified_text (DavscopeBrowserView *self,
               DavResource         *resource)
{
  g_autoptr(GDateTime) modified = dav_resource_dup_modified (resource);
  g_autoptr(GDateTime) now = NULL;

  if (modified == NULL)
    return g_strdup ("");

  now = g_date_time_new_now_local ();
  return dav_date_text_format (modified, now, DAV_DATE_STYLE_SHORT, self->clock_12h);
}

static char *
type_text (DavscopeBrowserView *self,
           DavResource         *resource)
{
  return dav_property_text_content_type (dav_resource_get_content_type (resource),
                                         dav_resource_is_collection (resource));
}

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
  g_ptr_array_add (column->cells, list_item);
}

static void
teardown_text (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               TextColumn               *column)
{
  g_ptr_array_remove_fast (column->cells, list_item);
}

static void
bind_text (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           const TextColumn         *column)
{
  g_autoptr(DavResource) resource = row_resource (list_item);
  g_autofree char *text = resource ? column->text (column->view, resource) : g_strdup ("");
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));

  /* The same text set again still has the label ask for a new size, and
   * its row is measured again in the next frame: a loading folder's rows
   * are rebound to rows of mostly the same size, date and type. */
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_text (label, text);
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
  g_autoptr(DavResponse) response = NULL;
  const char *problem = dav_resource_get_problem (resource);
  guint status = dav_resource_get_status (resource);
  DavStatusInfo info;

  if (problem == NULL && dav_resource_is_flagged (resource))
    problem = _("This entry is not a member of the folder; it is shown, but never acted on.");
  /* The response is only for the badge's popover, and a plain success
   * shows no badge: unpacking it cost ~14,000 instructions a bind, and
   * every row shown is bound again at each merge of a loading folder. */
  if (problem != NULL || status == 0 || !dav_status_lookup (status, &info) || info.severity != DAV_SEVERITY_OK)
    response = dav_resource_dup_response (resource);

  davscope_status_badge_set (badge, status, FALSE, problem, response);
  davscope_status_badge_set_listing (badge, davscope_browser_view_row_folder (self, gtk_list_item_get_item (list_item)));
}

/* ---- sorting: folders first, then by the column ------------------------ */

/* GTK 4.8 does not say which column the column view sorts by, nor which
 * way (gtk_column_view_sorter_get_primary_sort_column is 4.10): the view
 * asks its sorter to compare two probes, and the first column whose
 * compare function is called, the primary one, answers "larger"; the
 * sorter turns that around when the column sorts descending. */
static gboolean probing;
static GtkColumnViewColumn *probed;

gboolean
davscope_browser_view_sort_probe (GtkColumnViewColumn *column)
{
  if (G_LIKELY (!probing))
    return FALSE;
  if (probed == NULL)
    probed = column;
  return TRUE;
}

typedef struct {
  DavscopeHasValueFunc func;
  gpointer             data;
} HasValue;

static GQuark
has_value_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("davscope-has-value");
  return quark;
}

void
davscope_browser_view_column_set_has_value (GtkColumnViewColumn  *column,
                                            DavscopeHasValueFunc  func,
                                            gpointer              data)
{
  HasValue *has;

  /* Set once, before the column is shown: the sorter reads it by pointer
   * while the column sorts (on_sort_changed). */
  g_return_if_fail (g_object_get_qdata (G_OBJECT (column), has_value_quark ()) == NULL);

  has = g_new0 (HasValue, 1);
  has->func = func;
  has->data = data;
  g_object_set_qdata_full (G_OBJECT (column), has_value_quark (), has, g_free);
}

static int compare_name_keys (gconstpointer a,
                              gconstpointer b,
                              gpointer      user_data);

/* The comparison a column's sorter starts with (set by
 * davscope_browser_view_column_sorter and for the name column), so that
 * compare_missing_last can call it without the column view's sorter. */
typedef struct {
  GCompareDataFunc func;
  gpointer         data;
} Comparison;

static GQuark
comparison_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("davscope-comparison");
  return quark;
}

static void
set_comparison (GtkSorter        *sorter,
                GCompareDataFunc  func,
                gpointer          data)
{
  Comparison *comparison = g_new0 (Comparison, 1);

  comparison->func = func;
  comparison->data = data;
  g_object_set_qdata_full (G_OBJECT (sorter), comparison_quark (), comparison, g_free);
}

static void
on_sort_changed (GtkSorter           *sorter,
                 GtkSorterChange      change,
                 DavscopeBrowserView *self)
{
  static GObject *probe_a, *probe_b;
  GtkOrdering order;

  if (probe_a == NULL)
    {
      probe_a = g_object_new (G_TYPE_OBJECT, NULL);
      probe_b = g_object_new (G_TYPE_OBJECT, NULL);
    }
  probing = TRUE;
  probed = NULL;
  order = gtk_sorter_compare (sorter, probe_a, probe_b);
  self->sort_column = order != GTK_ORDERING_EQUAL ? probed : NULL;
  /* The probed column answers "larger"; the column view's sorter turns
   * that around when the column sorts descending. */
  self->sort_direction = order == GTK_ORDERING_LARGER ? 1 : -1;
  self->sort_comparison = self->sort_column
                          ? g_object_get_qdata (G_OBJECT (gtk_column_view_column_get_sorter (self->sort_column)),
                                                comparison_quark ())
                          : NULL;
  /* Read here, not on each comparison (a column's test is set as it is
   * made, before it can sort): the object's data costs ~110 instructions
   * a look-up, 1.8 million look-ups while 100,000 rows load. */
  self->sort_has = self->sort_column ? g_object_get_qdata (G_OBJECT (self->sort_column), has_value_quark ()) : NULL;
  probing = FALSE;
  probed = NULL;
}

/* Folders before files whichever way the column sorts, as in GNOME Files;
 * then rows with a value in the sort's column before those without; then
 * the column. The first two outside the column view's sorter, which turns
 * its column's comparison around for a descending sort. One sorter for
 * all three: it is called for every comparison of a sort (1.8 million
 * while 100,000 rows load). */
static int
compare_missing_last (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  DavscopeBrowserView *self = user_data;
  int folders = dav_resource_is_collection ((DavResource *) b) - dav_resource_is_collection ((DavResource *) a);
  const HasValue *has = self->sort_has;
  int with_value;

  if (folders != 0)
    return folders;
  with_value = has != NULL ? has->func ((DavResource *) b, has->data) - has->func ((DavResource *) a, has->data) : 0;
  if (with_value != 0)
    return with_value;
  /* The column's comparison, then the names (what its sorter does),
   * here; the column view's sorter only for rows equal in both (it then
   * asks the columns sorted by before). Through the column view's sorter
   * and the column's, each comparison cost three more sorters' calls
   * and type checks: ~40 % of the 1.8 million comparisons' instructions
   * while 100,000 rows load, and a re-sort of 1,000,000 rows already in
   * order is one run of 999,999 comparisons in one frame (GTK 4.8's
   * timsort finds a run in one step). */
  if (self->sort_comparison != NULL)
    {
      const Comparison *comparison = self->sort_comparison;
      int order = comparison->func (a, b, comparison->data);

      if (order == 0 && comparison->func != compare_name_keys)
        order = compare_name_keys (a, b, NULL);
      if (order != 0)
        return (order < 0 ? -1 : 1) * self->sort_direction;
    }
  /* Then the column view's sorter, called here rather than through a
   * GtkMultiSorter: one sorter level less on each comparison. */
  return gtk_sorter_compare (self->column_sorter, (gpointer) a, (gpointer) b);
}

/* The column view's sort changed: so did the order of the rows. After
 * on_sort_changed, which finds the column first. */
static void
on_column_sort_changed (DavscopeBrowserView *self)
{
  gtk_sorter_changed (self->missing_last, GTK_SORTER_CHANGE_DIFFERENT);
}

void
davscope_browser_view_resort (DavscopeBrowserView *self)
{
  g_autoptr(GtkColumnViewColumn) by_name = NULL;

  by_name = g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->column_view)), 0);
  if (self->sort_column != NULL && self->sort_column != by_name)
    gtk_sorter_changed (self->missing_last, GTK_SORTER_CHANGE_DIFFERENT);
}

static int
compare_name_keys (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return strcmp (dav_resource_get_name_key ((DavResource *) a),
                 dav_resource_get_name_key ((DavResource *) b));
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  if (davscope_browser_view_sort_probe (user_data))
    return GTK_ORDERING_LARGER;
  return compare_name_keys (a, b, NULL);
}

/* Rows equal in a column go by name, turned around with the column (the
 * column view's sorter inverts the whole comparison), as in GNOME Files:
 * a sort by size of files of one size keeps them in name order, whatever
 * order the server listed them in or the column sorted before, and moves
 * no row among them (100,000 empty files: a re-sort moved every row). */
GtkSorter *
davscope_browser_view_column_sorter (GCompareDataFunc compare,
                                     gpointer         data)
{
  GtkMultiSorter *sorter = gtk_multi_sorter_new ();

  gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_custom_sorter_new (compare, data, NULL)));
  /* Not a column: the sort probe never answers for it. */
  gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_custom_sorter_new (compare_name_keys, NULL, NULL)));
  set_comparison (GTK_SORTER (sorter), compare, data);

  return GTK_SORTER (sorter);
}

static int
compare_sizes (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  gint64 x, y;

  if (davscope_browser_view_sort_probe (user_data))
    return GTK_ORDERING_LARGER;
  x = dav_resource_get_size ((DavResource *) a);
  y = dav_resource_get_size ((DavResource *) b);
  return x < y ? -1 : x > y;
}

/* A folder has no size; a file's may not have been sent. */
static gboolean
has_size (DavResource *resource,
          gpointer     data)
{
  return !dav_resource_is_collection (resource) && dav_resource_get_size (resource) >= 0;
}

static int
compare_modified (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  gint64 x, y;
  gboolean has_x, has_y;

  if (davscope_browser_view_sort_probe (user_data))
    return GTK_ORDERING_LARGER;
  has_x = dav_resource_get_modified_unix ((DavResource *) a, &x);
  has_y = dav_resource_get_modified_unix ((DavResource *) b, &y);
  if (!has_x || !has_y)
    return has_x - has_y;
  return (x > y) - (x < y);
}

static gboolean
has_modified (DavResource *resource,
              gpointer     data)
{
  gint64 unused;

  return dav_resource_get_modified_unix (resource, &unused);
}

static int
compare_types (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  if (davscope_browser_view_sort_probe (user_data))
    return GTK_ORDERING_LARGER;
  return g_strcmp0 (dav_resource_get_content_type ((DavResource *) a),
                    dav_resource_get_content_type ((DavResource *) b));
}

/* A folder is a "Folder" without a content type. */
static gboolean
has_type (DavResource *resource,
          gpointer     data)
{
  return dav_resource_is_collection (resource) || dav_resource_get_content_type (resource) != NULL;
}

static int
compare_status (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  int x, y;

  if (davscope_browser_view_sort_probe (user_data))
    return GTK_ORDERING_LARGER;
  x = dav_resource_get_status ((DavResource *) a) + (dav_resource_is_flagged ((DavResource *) a) ? 1000 : 0);
  y = dav_resource_get_status ((DavResource *) b) + (dav_resource_is_flagged ((DavResource *) b) ? 1000 : 0);
  return x - y;
}

GtkSorter *
davscope_browser_view_new_sorter (DavscopeBrowserView *self)
{
  /* Folders first, then rows with a value, then the column view's sorter
   * (compare_missing_last). Each row's children stay under it, sorted
   * among themselves. */
  return GTK_SORTER (gtk_tree_list_row_sorter_new (g_object_ref (self->missing_last)));
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

/* ---- widths from the words they show ---------------------------------- */

/* The widest of @texts in the column view's font, with room for the
 * cell's padding, and for the header's title and sort arrow. */
static int
measure (DavscopeBrowserView *self,
         const char          *title,
         GPtrArray           *texts)
{
  int widest = 0;
  int width;
  PangoLayout *layout = gtk_widget_create_pango_layout (self->column_view, title);

  pango_layout_get_pixel_size (layout, &width, NULL);
  widest = width + 40;
  for (guint i = 0; i < texts->len; i++)
    {
      pango_layout_set_text (layout, g_ptr_array_index (texts, i), -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width + 24);
    }
  g_object_unref (layout);

  return widest;
}

static int
size_width (DavscopeBrowserView *self)
{
  static const guint64 sizes[] = { 999, 999949, 999949999, G_GUINT64_CONSTANT (999949999999) };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    g_ptr_array_add (texts, g_format_size (sizes[i]));
  g_ptr_array_add (texts, g_strdup (_("unknown")));

  return measure (self, _("Size"), texts);
}

/* Today and yesterday at their widest time, a day of each month this
 * year and before, and a date after today (which shows its time). */
static int
modified_width (DavscopeBrowserView *self)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2026, 12, 31, 23, 59, 0);

  for (int month = 1; month <= 12; month++)
    for (int year = 2025; year <= 2027; year++)
      {
        g_autoptr(GDateTime) date = g_date_time_new (utc, year, month, 28, month == 12 ? 23 : 12, 58, 0);

        g_ptr_array_add (texts, dav_date_text_format (date, now, DAV_DATE_STYLE_SHORT, self->clock_12h));
      }
  for (int days = 0; days <= 1; days++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (now, -days);
      g_autoptr(GDateTime) noon = g_date_time_add_hours (date, -11);

      g_ptr_array_add (texts, dav_date_text_format (date, now, DAV_DATE_STYLE_SHORT, self->clock_12h));
      g_ptr_array_add (texts, dav_date_text_format (noon, now, DAV_DATE_STYLE_SHORT, self->clock_12h));
    }

  return measure (self, _("Modified"), texts);
}

/* The types a share holds most, in this language; a rarer, longer one
 * ends in an ellipsis (the details pane has it whole). */
static int
type_width (DavscopeBrowserView *self)
{
  static const char * const types[] = {
    "text/plain", "text/markdown", "text/html", "text/x-csrc", "text/csv", "image/jpeg",
    "image/png", "image/svg+xml", "application/pdf", "application/zip", "application/json",
    "application/xml", "audio/mpeg", "video/mp4", "application/octet-stream",
    "application/vnd.oasis.opendocument.text",
  };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (texts, dav_property_text_content_type (NULL, TRUE));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_ptr_array_add (texts, dav_property_text_content_type (types[i], FALSE));

  return MIN (measure (self, _("Type"), texts), 260);
}

/* ---- the clock: 24 or 12 hours, and the turn of the day ------------------ */

/* "Today" and "Yesterday" are words about now: the Modified cells say
 * them again when the day turns or the clock format changes. Only the
 * rows around what is shown have cells, so this costs a screenful. */
static void
refresh_dates (DavscopeBrowserView *self)
{
  TextColumn *column;

  /* Not before the columns, nor after the template is gone. */
  if (self->modified_column == NULL || self->column_view == NULL)
    return;

  column = self->modified_text;
  gtk_column_view_column_set_fixed_width (self->modified_column, modified_width (self));
  for (guint i = 0; i < column->cells->len; i++)
    {
      GtkListItem *list_item = g_ptr_array_index (column->cells, i);

      if (gtk_list_item_get_item (list_item) != NULL)
        bind_text (NULL, list_item, column);
    }
  davscope_details_pane_set_clock_12h (DAVSCOPE_DETAILS_PANE (self->details), self->clock_12h);
}

static void
on_clock_format_changed (GSettings           *settings,
                         const char          *key,
                         DavscopeBrowserView *self)
{
  g_autofree char *format = g_settings_get_string (settings, "clock-format");
  gboolean clock_12h = g_strcmp0 (format, "12h") == 0;

  if (clock_12h == self->clock_12h)
    return;
  self->clock_12h = clock_12h;
  refresh_dates (self);
}

/* GNOME's clock format, when GNOME's schemas are installed: outside
 * GNOME there is no such setting, and g_settings_new would abort. */
static void
follow_clock_format (DavscopeBrowserView *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettings *settings;

  schema = source ? g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE) : NULL;
  if (schema == NULL || !g_settings_schema_has_key (schema, "clock-format"))
    return;

  settings = g_settings_new_full (schema, NULL, NULL);
  /* The view owns it; the handler goes with the view. */
  g_object_set_data_full (G_OBJECT (self), "davscope-interface-settings", settings, g_object_unref);
  g_signal_connect_object (settings, "changed::clock-format", G_CALLBACK (on_clock_format_changed), self, 0);
  on_clock_format_changed (settings, "clock-format", self);
}

static void schedule_day_turn (DavscopeBrowserView *self);

static gboolean
on_day_turned (gpointer user_data)
{
  g_autoptr(DavscopeBrowserView) self = g_weak_ref_get (user_data);

  if (self != NULL)
    {
      refresh_dates (self);
      schedule_day_turn (self);
    }
  return G_SOURCE_REMOVE;
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* A second after the next local midnight; the source holds only a weak
 * reference, so a view that is gone is not kept for it. */
static void
schedule_day_turn (DavscopeBrowserView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                         g_date_time_get_month (tomorrow),
                                                         g_date_time_get_day_of_month (tomorrow), 0, 0, 1);
  GWeakRef *ref = g_new0 (GWeakRef, 1);
  GTimeSpan wait = midnight ? g_date_time_difference (midnight, now) : G_TIME_SPAN_HOUR;

  g_weak_ref_init (ref, self);
  g_timeout_add_seconds_full (G_PRIORITY_LOW, (guint) CLAMP (wait / G_TIME_SPAN_SECOND, 1, 86400 + 3600),
                              on_day_turned, ref, free_weak_ref);
}

/* ---- the columns ---------------------------------------------------------- */

/* @data goes to setup, bind, unbind and teardown (those two may be
 * NULL); @data_free (may be NULL) frees it with the factory. */
static GtkColumnViewColumn *
add_column (DavscopeBrowserView *self,
            const char          *title,
            GCallback            setup,
            GCallback            bind,
            GCallback            unbind,
            GCallback            teardown,
            gpointer             data,
            GDestroyNotify       data_free,
            GCompareDataFunc     compare,
            gboolean             expand,
            int                  width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect_data (factory, "setup", setup, data, (GClosureNotify) (void (*) (void)) data_free, 0);
  if (gtk_get_minor_version () < 10)
    g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_selection), NULL);
  g_signal_connect (factory, "bind", bind, data);
  if (unbind != NULL)
    g_signal_connect (factory, "unbind", unbind, data);
  if (teardown != NULL)
    g_signal_connect (factory, "teardown", teardown, data);

  column = gtk_column_view_column_new (title, factory);
  if (compare == compare_names)
    {
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare, column, NULL));

      set_comparison (sorter, compare_name_keys, NULL);
      gtk_column_view_column_set_sorter (column, sorter);
    }
  else
    {
      g_autoptr(GtkSorter) sorter = davscope_browser_view_column_sorter (compare, column);

      gtk_column_view_column_set_sorter (column, sorter);
    }
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), column);
  g_object_unref (column);

  /* The column view holds it. */
  return column;
}

void
davscope_browser_view_add_columns (DavscopeBrowserView *self)
{
  g_autoptr(GtkColumnViewColumn) by_name = NULL;
  GtkColumnViewColumn *column;

  /* Before any sort model listens to the sorter: each sort knows its
   * column when it starts. */
  self->missing_last = GTK_SORTER (gtk_custom_sorter_new (compare_missing_last, self, NULL));
  g_signal_connect (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view)), "changed",
                    G_CALLBACK (on_sort_changed), self);
  self->column_sorter = gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view));
  g_signal_connect_swapped (self->column_sorter, "changed", G_CALLBACK (on_column_sort_changed), self);

  follow_clock_format (self);
  add_column (self, _("Name"), G_CALLBACK (setup_name), G_CALLBACK (bind_name), NULL, NULL,
              self, NULL, compare_names, TRUE, -1);
  column = add_column (self, _("Size"), G_CALLBACK (setup_text), G_CALLBACK (bind_text), NULL,
                       G_CALLBACK (teardown_text), text_column_new (self, TRUE, size_text), text_column_free,
                       compare_sizes, FALSE, size_width (self));
  davscope_browser_view_column_set_has_value (column, has_size, NULL);
  self->modified_text = text_column_new (self, FALSE, modified_text);
  self->modified_column = add_column (self, _("Modified"), G_CALLBACK (setup_text), G_CALLBACK (bind_text),
                                      NULL, G_CALLBACK (teardown_text), self->modified_text, text_column_free,
                                      compare_modified, FALSE, modified_width (self));
  davscope_browser_view_column_set_has_value (self->modified_column, has_modified, NULL);
  column = add_column (self, _("Type"), G_CALLBACK (setup_text), G_CALLBACK (bind_text), NULL,
                       G_CALLBACK (teardown_text), text_column_new (self, FALSE, type_text), text_column_free,
                       compare_types, FALSE, type_width (self));
  davscope_browser_view_column_set_has_value (column, has_type, NULL);
  add_column (self, _("Status"), G_CALLBACK (setup_status), G_CALLBACK (bind_status), NULL, NULL,
              self, NULL, compare_status, FALSE, 70);
  davscope_details_pane_set_clock_12h (DAVSCOPE_DETAILS_PANE (self->details), self->clock_12h);
  schedule_day_turn (self);

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
