/* davscope-browser-view-properties.c: any property as a column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The column header's menu (a right click: GTK 4.8's column view has no
 * header menu of its own) shows or hides the standard columns and adds a
 * column for any property: one the listing asks for, or one typed in a
 * small dialog, or from the details pane ("Show as Column"). A property the listing does not ask for yet is added to
 * its PROPFIND and the listed folders are listed again. A cell shows the
 * value in words, or the property's status badge when its propstat is not
 * 200 (a file without a dead property: 404). Each entry's cell text is
 * made once per listing response and kept on the DavResource, so binding
 * and sorting 100,000 rows only look it up. The columns are kept per
 * server origin (the "property-columns" setting), and so are the standard
 * columns hidden ("hidden-columns").
 */

#include "davscope-browser-view-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dav-property-column.h"
#include "davscope-status-badge.h"

typedef struct _PropertyColumn {
  DavscopeBrowserView *view;
  char                *clark;
  char                *namespace_uri;
  char                *name;
  GQuark               quark;   /* the cached cell on each DavResource */
  GtkColumnViewColumn *column;  /* not a ref: the column view holds it */
} PropertyColumn;

struct _PropertyColumns {
  GPtrArray  *columns;          /* PropertyColumn*, in the order shown */
  GSettings  *settings;
  char       *origin;           /* whose columns these are */
  GtkWidget  *popover;
  GtkWidget  *header;
};

/* The standard columns the menu shows and hides, by position, and their
 * names in the "hidden-columns" setting. */
static const char * const standard_actions[] = { NULL, "show-size", "show-modified", "show-type", "show-status" };
static const char * const standard_keys[] = { NULL, "size", "modified", "type", "status" };

static void
property_column_free (gpointer data)
{
  PropertyColumn *column = data;

  g_free (column->clark);
  g_free (column->namespace_uri);
  g_free (column->name);
  g_free (column);
}

static struct _PropertyColumns *
columns_of (DavscopeBrowserView *self)
{
  return self->property_columns;
}

/* ---- a cell's value, kept with its resource ------------------------------ */

typedef struct {
  guint            revision;  /* of the resource's response it was made from */
  DavPropertyCell *cell;
} CachedCell;

static void
cached_cell_free (gpointer data)
{
  CachedCell *cached = data;

  dav_property_cell_free (cached->cell);
  g_free (cached);
}

static const DavPropertyCell *
lookup_cell (PropertyColumn *column,
             DavResource    *resource)
{
  CachedCell *cached = g_object_get_qdata (G_OBJECT (resource), column->quark);
  guint revision = dav_resource_get_revision (resource);

  /* A new listing brings a new response: the value is made again. */
  if (cached == NULL || cached->revision != revision)
    {
      g_autoptr(DavResponse) response = dav_resource_dup_response (resource);

      cached = g_new0 (CachedCell, 1);
      cached->revision = revision;
      cached->cell = dav_property_cell_new (response, column->namespace_uri, column->name);
      g_object_set_qdata_full (G_OBJECT (resource), column->quark, cached, cached_cell_free);
    }

  return cached->cell;
}

static int
compare_cells (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  PropertyColumn *column = user_data;

  if (davscope_browser_view_sort_probe (column->column))
    return GTK_ORDERING_LARGER;
  return dav_property_cell_compare (lookup_cell (user_data, (DavResource *) a),
                                    lookup_cell (user_data, (DavResource *) b));
}

/* A 404 or a property the response does not name: last in either order. */
static gboolean
cell_has_value (DavResource *resource,
                gpointer     user_data)
{
  return dav_property_cell_has_value (lookup_cell (user_data, resource));
}

/* ---- the cells ------------------------------------------------------------ */

typedef struct {
  GtkListItem *list_item;
  DavResource *resource;  /* bound, or NULL */
  gulong       handler;
  GtkWidget   *label;
  GtkWidget   *badge;
} Cell;

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  if (cell->resource != NULL)
    g_clear_signal_handler (&cell->handler, cell->resource);
  g_clear_object (&cell->resource);
  g_free (cell);
}

static void
show_cell (Cell           *cell,
           PropertyColumn *column)
{
  const DavPropertyCell *value = lookup_cell (column, cell->resource);
  gboolean failed = value->status != 0 && (value->status < 200 || value->status >= 300);

  gtk_label_set_text (GTK_LABEL (cell->label), failed ? "" : value->text);
  gtk_widget_set_visible (cell->label, !failed);
  gtk_widget_set_visible (cell->badge, failed);
  if (failed)
    {
      g_autoptr(DavResponse) response = dav_resource_dup_response (cell->resource);

      davscope_status_badge_set (DAVSCOPE_STATUS_BADGE (cell->badge), value->status, TRUE, NULL, response);
    }
}

static void
on_response_changed (DavResource *resource,
                     GParamSpec  *pspec,
                     gpointer     user_data)
{
  GtkWidget *box = user_data;

  show_cell (g_object_get_data (G_OBJECT (box), "davscope-cell"),
             g_object_get_data (G_OBJECT (box), "davscope-column"));
}

static void
setup_property (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                PropertyColumn           *column)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  Cell *cell = g_new0 (Cell, 1);

  cell->list_item = list_item;
  cell->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (cell->label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (cell->label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (cell->label, TRUE);
  cell->badge = davscope_status_badge_new ();
  gtk_widget_set_visible (cell->badge, FALSE);
  gtk_box_append (GTK_BOX (box), cell->label);
  gtk_box_append (GTK_BOX (box), cell->badge);
  g_object_set_data_full (G_OBJECT (box), "davscope-cell", cell, cell_free);
  g_object_set_data (G_OBJECT (box), "davscope-column", column);
  gtk_list_item_set_child (list_item, box);
  if (gtk_get_minor_version () < 10)
    gtk_list_item_set_selectable (list_item, FALSE);
}

static void
bind_property (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PropertyColumn           *column)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  Cell *cell = g_object_get_data (G_OBJECT (box), "davscope-cell");
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  cell->resource = row ? gtk_tree_list_row_get_item (row) : NULL;
  if (cell->resource == NULL)
    return;
  /* A listing again (the column was just added) updates the row in place. */
  cell->handler = g_signal_connect (cell->resource, "notify::response", G_CALLBACK (on_response_changed), box);
  show_cell (cell, column);
}

static void
unbind_property (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 PropertyColumn           *column)
{
  Cell *cell = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "davscope-cell");

  if (cell->resource != NULL)
    g_clear_signal_handler (&cell->handler, cell->resource);
  g_clear_object (&cell->resource);
}

/* ---- adding and removing ---------------------------------------------------- */

static PropertyColumn *
find_column (DavscopeBrowserView *self,
             const char          *clark)
{
  GPtrArray *columns = columns_of (self)->columns;

  for (guint i = 0; i < columns->len; i++)
    if (g_str_equal (((PropertyColumn *) g_ptr_array_index (columns, i))->clark, clark))
      return g_ptr_array_index (columns, i);

  return NULL;
}

/* The standard column @i (1-4 in standard_actions). */
static GtkColumnViewColumn *
standard_column (DavscopeBrowserView *self,
                 guint                i)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->column_view));
  g_autoptr(GtkColumnViewColumn) column = NULL;

  /* The Status column is last whatever property columns came. */
  column = g_list_model_get_item (columns, i == 4 ? g_list_model_get_n_items (columns) - 1 : i);
  /* The column view holds it. */
  return column;
}

/* What @names holds, for the view's server in the a{sas} @key, the other
 * servers' kept; nothing for it when @names is empty. */
static void
save_for_origin (DavscopeBrowserView *self,
                 const char          *key,
                 GStrvBuilder        *names)
{
  struct _PropertyColumns *state = columns_of (self);
  const char *origin = state->origin;
  g_auto(GStrv) value = g_strv_builder_end (names);
  g_autoptr(GVariant) saved = NULL;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sas}"));
  GVariantIter iter;
  const char *other;
  GVariant *names_there;

  if (origin == NULL)
    return;

  saved = g_settings_get_value (state->settings, key);
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s@as}", &other, &names_there))
    {
      if (!g_str_equal (other, origin))
        g_variant_builder_add (&builder, "{s@as}", other, names_there);
      g_variant_unref (names_there);
    }
  if (value[0] != NULL)
    g_variant_builder_add (&builder, "{s^as}", origin, value);
  g_settings_set_value (state->settings, key, g_variant_builder_end (&builder));
}

static char **
saved_for_origin (GSettings  *settings,
                  const char *key,
                  const char *origin)
{
  g_autoptr(GVariant) saved = g_settings_get_value (settings, key);
  g_autoptr(GVariant) names = origin ? g_variant_lookup_value (saved, origin, G_VARIANT_TYPE ("as")) : NULL;

  return names ? g_variant_dup_strv (names, NULL) : NULL;
}

static void
save_hidden (DavscopeBrowserView *self)
{
  g_autoptr(GStrvBuilder) hidden = g_strv_builder_new ();

  for (guint i = 1; i < G_N_ELEMENTS (standard_keys); i++)
    if (!gtk_column_view_column_get_visible (standard_column (self, i)))
      g_strv_builder_add (hidden, standard_keys[i]);
  save_for_origin (self, "hidden-columns", hidden);
}

static void
restore_hidden (DavscopeBrowserView *self)
{
  struct _PropertyColumns *state = columns_of (self);
  g_auto(GStrv) hidden = saved_for_origin (state->settings, "hidden-columns", state->origin);

  for (guint i = 1; i < G_N_ELEMENTS (standard_keys); i++)
    gtk_column_view_column_set_visible (standard_column (self, i),
                                        hidden == NULL || !g_strv_contains ((const char * const *) hidden, standard_keys[i]));
}

static void
save_columns (DavscopeBrowserView *self)
{
  struct _PropertyColumns *state = columns_of (self);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; i < state->columns->len; i++)
    g_strv_builder_add (names, ((PropertyColumn *) g_ptr_array_index (state->columns, i))->clark);
  save_for_origin (self, "property-columns", names);
}

static void
add_property_column (DavscopeBrowserView *self,
                     const char          *clark)
{
  struct _PropertyColumns *state = columns_of (self);
  g_autofree char *quark_name = g_strconcat ("davscope-column-", clark, NULL);
  g_autoptr(GtkSorter) sorter = NULL;
  GtkListItemFactory *factory;
  PropertyColumn *column;

  if (find_column (self, clark) != NULL)
    return;

  column = g_new0 (PropertyColumn, 1);
  if (!dav_parse_clark_name (clark, &column->namespace_uri, &column->name))
    {
      property_column_free (column);
      return;
    }
  column->view = self;
  column->clark = g_strdup (clark);
  column->quark = g_quark_from_string (quark_name);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_property), column);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_property), column);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_property), column);
  column->column = gtk_column_view_column_new (column->name, factory);
  sorter = davscope_browser_view_column_sorter (compare_cells, column);
  gtk_column_view_column_set_sorter (column->column, sorter);
  davscope_browser_view_column_set_has_value (column->column, cell_has_value, column);
  gtk_column_view_column_set_resizable (column->column, TRUE);
  gtk_column_view_column_set_fixed_width (column->column, 130);
  /* Before the Status column, which stays last. */
  gtk_column_view_insert_column (GTK_COLUMN_VIEW (self->column_view),
                                 g_list_model_get_n_items (gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->column_view))) - 1,
                                 column->column);
  g_object_unref (column->column);
  g_ptr_array_add (state->columns, column);

  if (self->store != NULL)
    dav_resource_store_ask_for (self->store, clark);
}

static void
remove_property_column (DavscopeBrowserView *self,
                        PropertyColumn      *column)
{
  gtk_column_view_remove_column (GTK_COLUMN_VIEW (self->column_view), column->column);
  g_ptr_array_remove (columns_of (self)->columns, column);
}

static char **
saved_columns (DavscopeBrowserView *self,
               const char          *origin)
{
  return saved_for_origin (columns_of (self)->settings, "property-columns", origin);
}

static char *
store_origin (DavResourceStore *store)
{
  return dav_property_column_origin (dav_client_get_base_url (dav_resource_store_get_client (store)));
}

void
davscope_browser_view_prepare_store (DavscopeBrowserView *self,
                                     DavResourceStore    *store)
{
  g_autofree char *origin = store_origin (store);
  g_auto(GStrv) names = saved_columns (self, origin);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    dav_resource_store_ask_for (store, names[i]);
}

void
davscope_browser_view_restore_columns (DavscopeBrowserView *self)
{
  struct _PropertyColumns *state = columns_of (self);
  g_autofree char *origin = self->store ? store_origin (self->store) : NULL;
  g_auto(GStrv) names = NULL;

  if (g_strcmp0 (origin, state->origin) == 0)
    {
      /* Another folder on the same server, maybe a new connection. */
      for (guint i = 0; self->store != NULL && i < state->columns->len; i++)
        dav_resource_store_ask_for (self->store, ((PropertyColumn *) g_ptr_array_index (state->columns, i))->clark);
      return;
    }

  while (state->columns->len > 0)
    remove_property_column (self, g_ptr_array_index (state->columns, state->columns->len - 1));
  g_free (state->origin);
  state->origin = g_steal_pointer (&origin);
  names = saved_columns (self, state->origin);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    add_property_column (self, names[i]);
  restore_hidden (self);
}

/* ---- the dialog: a property typed or pasted -------------------------------- */

typedef struct {
  DavscopeBrowserView *view;
  GtkWidget           *name_row;
  GtkWidget           *namespace_row;
  GtkWidget           *message;
  char                *clark;   /* what Add would add, or NULL */
} AddDialog;

static void
add_dialog_free (gpointer data)
{
  AddDialog *add = data;

  g_free (add->clark);
  g_free (add);
}

static void
on_add_changed (GtkEditable *editable,
                GtkWidget   *dialog)
{
  AddDialog *add = g_object_get_data (G_OBJECT (dialog), "davscope-add");
  g_autofree char *message = NULL;

  g_clear_pointer (&add->clark, g_free);
  dav_property_column_check (gtk_editable_get_text (GTK_EDITABLE (add->namespace_row)),
                             gtk_editable_get_text (GTK_EDITABLE (add->name_row)),
                             &add->clark, &message);
  gtk_label_set_text (GTK_LABEL (add->message), message ? message : "");
  gtk_widget_set_visible (add->message, message != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", add->clark != NULL);
}

static void
on_add_response (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          user_data)
{
  AddDialog *add = g_object_get_data (G_OBJECT (dialog), "davscope-add");

  if (g_str_equal (response, "add") && add->clark != NULL)
    {
      add_property_column (add->view, add->clark);
      save_columns (add->view);
    }
}

static void
on_add_activated (AdwEntryRow *row,
                  GtkWidget   *dialog)
{
  AddDialog *add = g_object_get_data (G_OBJECT (dialog), "davscope-add");

  if (add->clark != NULL)
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
}

static void
show_add_dialog (DavscopeBrowserView *self)
{
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  AddDialog *add = g_new0 (AddDialog, 1);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Add Property Column"),
                                   _("Every item shows this property in a column of its own. Paste {namespace}name, or type the name and its namespace."));
  add->view = self;
  g_object_set_data_full (G_OBJECT (dialog), "davscope-add", add, add_dialog_free);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  add->name_row = adw_entry_row_new ();
  /* Translators: the local name of a WebDAV property, such as "author" */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add->name_row), _("Property Name"));
  add->namespace_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add->namespace_row), _("Namespace"));
  gtk_list_box_append (GTK_LIST_BOX (list), add->name_row);
  gtk_list_box_append (GTK_LIST_BOX (list), add->namespace_row);
  add->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (add->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (add->message), 0.0);
  gtk_label_set_max_width_chars (GTK_LABEL (add->message), 40);
  gtk_widget_add_css_class (add->message, "error");
  gtk_widget_set_visible (add->message, FALSE);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), add->message);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    /* Translators: the button that adds a property column */
                                    "add", _("_Add Column"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (add->name_row, "changed", G_CALLBACK (on_add_changed), dialog);
  g_signal_connect (add->namespace_row, "changed", G_CALLBACK (on_add_changed), dialog);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (add->name_row), FALSE);
  g_signal_connect (add->name_row, "entry-activated", G_CALLBACK (on_add_activated), dialog);
  g_signal_connect (add->namespace_row, "entry-activated", G_CALLBACK (on_add_activated), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (add->name_row);
}

/* ---- the header's menu ----------------------------------------------------- */

static void
on_show_standard (GSimpleAction *action,
                  GVariant      *state,
                  gpointer       user_data)
{
  DavscopeBrowserView *self = user_data;

  for (guint i = 1; i < G_N_ELEMENTS (standard_actions); i++)
    if (g_str_equal (g_action_get_name (G_ACTION (action)), standard_actions[i]))
      gtk_column_view_column_set_visible (standard_column (self, i), g_variant_get_boolean (state));
  g_simple_action_set_state (action, state);
  save_hidden (self);
}

static void
on_show_property (GSimpleAction *action,
                  GVariant      *state,
                  gpointer       user_data)
{
  DavscopeBrowserView *self = user_data;
  const char *clark = g_object_get_data (G_OBJECT (action), "davscope-clark");
  PropertyColumn *column = find_column (self, clark);

  if (g_variant_get_boolean (state) && column == NULL)
    add_property_column (self, clark);
  else if (!g_variant_get_boolean (state) && column != NULL)
    remove_property_column (self, column);
  save_columns (self);
  g_simple_action_set_state (action, state);
}

static void
on_add_activate (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  show_add_dialog (user_data);
}

/* "author (http://example.com/ns/)", or "getetag" for WebDAV's own. */
static char *
menu_label (const char *clark)
{
  g_autofree char *ns = NULL;
  g_autofree char *name = NULL;

  if (!dav_parse_clark_name (clark, &ns, &name))
    return g_strdup (clark);
  if (g_str_equal (ns, "DAV:"))
    return g_steal_pointer (&name);
  return g_strdup_printf ("%s (%s)", name, ns);
}

/* What the standard columns show already, not offered again. */
static gboolean
is_standard (const char *clark)
{
  static const char * const shown[] = {
    "{DAV:}getcontentlength", "{DAV:}getlastmodified", "{DAV:}getcontenttype", NULL
  };

  return g_strv_contains (shown, clark);
}

/* The menu as things are now: made each time it opens, since the
 * listing's properties and the columns change. */
static GMenuModel *
build_menu (DavscopeBrowserView *self)
{
  static const char * const titles[] = { NULL, N_("Size"), N_("Modified"), N_("Type"), N_("Status") };
  struct _PropertyColumns *state = columns_of (self);
  GSimpleActionGroup *group = g_simple_action_group_new ();
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) standard = g_menu_new ();
  g_autoptr(GMenu) properties = g_menu_new ();
  g_autoptr(GMenu) more = g_menu_new ();
  g_autoptr(GPtrArray) offered = g_ptr_array_new_with_free_func (g_free);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->column_view));
  guint n = g_list_model_get_n_items (columns);
  g_autoptr(GSimpleAction) add = g_simple_action_new ("add", NULL);

  for (guint i = 1; i < G_N_ELEMENTS (standard_actions); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i == 4 ? n - 1 : i);
      g_autoptr(GSimpleAction) action = NULL;
      g_autofree char *detailed = g_strconcat ("columns.", standard_actions[i], NULL);

      action = g_simple_action_new_stateful (standard_actions[i], NULL,
                                             g_variant_new_boolean (gtk_column_view_column_get_visible (column)));
      g_signal_connect (action, "change-state", G_CALLBACK (on_show_standard), self);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
      g_menu_append (standard, _(titles[i]), detailed);
    }

  /* The columns shown, then what else the listing asks for. */
  for (guint i = 0; i < state->columns->len; i++)
    g_ptr_array_add (offered, g_strdup (((PropertyColumn *) g_ptr_array_index (state->columns, i))->clark));
  if (self->store != NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new ("io.github.davscope.Davscope");
      g_auto(GStrv) asked = g_settings_get_strv (settings, "listing-properties");

      for (guint i = 0; asked[i] != NULL; i++)
        if (!is_standard (asked[i]) && !g_ptr_array_find_with_equal_func (offered, asked[i], g_str_equal, NULL))
          g_ptr_array_add (offered, g_strdup (asked[i]));
    }
  for (guint i = 0; i < offered->len; i++)
    {
      const char *clark = g_ptr_array_index (offered, i);
      g_autofree char *name = g_strdup_printf ("property-%u", i);
      g_autofree char *detailed = g_strconcat ("columns.", name, NULL);
      g_autofree char *label = menu_label (clark);
      g_autoptr(GSimpleAction) action = NULL;

      action = g_simple_action_new_stateful (name, NULL, g_variant_new_boolean (find_column (self, clark) != NULL));
      g_object_set_data_full (G_OBJECT (action), "davscope-clark", g_strdup (clark), g_free);
      g_signal_connect (action, "change-state", G_CALLBACK (on_show_property), self);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
      g_menu_append (properties, label, detailed);
    }

  g_signal_connect (add, "activate", G_CALLBACK (on_add_activate), self);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (add));
  g_menu_append (more, _("Add Property Column…"), "columns.add");

  g_menu_append_section (menu, NULL, G_MENU_MODEL (standard));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (properties));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (more));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "columns", G_ACTION_GROUP (group));
  g_object_unref (group);

  return G_MENU_MODEL (menu);
}

static void
on_header_pressed (GtkGestureClick     *gesture,
                   int                  n_press,
                   double               x,
                   double               y,
                   DavscopeBrowserView *self)
{
  struct _PropertyColumns *state = columns_of (self);
  g_autoptr(GMenuModel) menu = build_menu (self);
  graphene_point_t point;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (!gtk_widget_compute_point (state->header, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (state->popover), menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (state->popover),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (state->popover));
}

gboolean
davscope_browser_view_is_on_header (DavscopeBrowserView *self,
                                    double               x,
                                    double               y)
{
  GtkWidget *widget;

  g_return_val_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self), FALSE);

  for (widget = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
       widget != NULL && widget != GTK_WIDGET (self); widget = gtk_widget_get_parent (widget))
    if (g_object_get_data (G_OBJECT (widget), "davscope-own-menu") != NULL)
      return TRUE;

  return FALSE;
}

static void
on_show_column (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DavscopeBrowserView *self = user_data;

  add_property_column (self, g_variant_get_string (parameter, NULL));
  save_columns (self);
}

void
davscope_browser_view_setup_property_columns (DavscopeBrowserView *self)
{
  struct _PropertyColumns *state = g_new0 (struct _PropertyColumns, 1);
  GtkGesture *click = gtk_gesture_click_new ();

  state->columns = g_ptr_array_new_with_free_func (property_column_free);
  state->settings = g_settings_new ("io.github.davscope.Davscope");
  self->property_columns = state;

  /* In GTK 4.8 the column view's first child is its header row. */
  state->header = gtk_widget_get_first_child (self->column_view);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_header_pressed), self);
  gtk_widget_add_controller (state->header, GTK_EVENT_CONTROLLER (click));
  g_object_set_data (G_OBJECT (state->header), "davscope-own-menu", GINT_TO_POINTER (TRUE));

  {
    /* "Show as Column" in the details pane's property menu. */
    GSimpleActionGroup *group = g_simple_action_group_new ();
    g_autoptr(GSimpleAction) show = g_simple_action_new ("show", G_VARIANT_TYPE_STRING);

    g_signal_connect (show, "activate", G_CALLBACK (on_show_column), self);
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show));
    gtk_widget_insert_action_group (GTK_WIDGET (self), "property-columns", G_ACTION_GROUP (group));
    g_object_unref (group);
  }

  /* On the view (a popover is not laid out by its parent's bin layout),
   * not on the header, whose layout takes every child for a column. */
  state->popover = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (state->popover), FALSE);
  gtk_widget_set_halign (state->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (state->popover, GTK_WIDGET (self));
}

void
davscope_browser_view_drop_property_columns (DavscopeBrowserView *self)
{
  struct _PropertyColumns *state = columns_of (self);

  if (state == NULL)
    return;
  g_clear_pointer (&state->popover, gtk_widget_unparent);
  g_ptr_array_unref (state->columns);
  g_clear_object (&state->settings);
  g_free (state->origin);
  g_free (state);
  self->property_columns = NULL;
}
