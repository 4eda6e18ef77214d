/* davscope-browser-view.c: the lazy tree of a WebDAV collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model stack, from the view down:
 *
 *   GtkColumnView
 *     └ GtkMultiSelection
 *         └ DavscopeFilterModel (Find: the rows whose name, and whose
 *             │                  folders' names, hold what was typed)
 *             └ GtkSortListModel (GtkTreeListRowSorter around folders first,
 *                 │               then the column view's sorter: children stay
 *                 │               under their parent)
 *                 └ DavscopeFlatModel (the tree's rows in an array)
 *                     └ GtkTreeListModel (passthrough FALSE, autoexpand FALSE)
 *                         └ DavscopeFilterModel (hidden names unless shown)
 *                             └ DavscopeFlatModel (the root's rows in an array)
 *                                 └ DavFolder (the root); children: the same
 *                                   filter over the store's cached DavFolder
 *                                   of each collection
 *
 * Find filters the sorted rows, above the sort: narrowing or widening it
 * hides and shows rows that keep their place, so it never sorts again
 * (in GTK 4.8 rows coming back below the sort were sorted in again, a
 * 0.7-1.5 s freeze at 100,000 rows).
 *
 * GtkTreeListModel asks for a row's children just to know whether it can
 * expand, so the child function only looks up the cached folder; listing
 * starts when the row's "expanded" turns TRUE. Rows are recycled: bind
 * connects to the row and its folder, unbind disconnects. The columns
 * and their cells are in davscope-browser-view-columns.c.
 */

#include "davscope-browser-view-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dav-error.h"
#include "dav-href.h"
#include "dav-text.h"
#include "davscope-accessible.h"
#include "davscope-details-pane.h"
#include "davscope-places.h"
#include "davscope-flat-model.h"
#include "davscope-split-model.h"

G_DEFINE_FINAL_TYPE (DavscopeBrowserView, davscope_browser_view, GTK_TYPE_WIDGET)

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the tree ----------------------------------------------------------- */

static gboolean
filter_hidden (gpointer item,
               gpointer user_data)
{
  DavscopeBrowserView *self = user_data;

  /* Every row comes through here once, as its folder's filter takes it
   * (8,192 a step): its name's sort key is made now, not on its first
   * comparison inside one of GTK's sort steps, which is not cut short
   * (a run of ~975,000 new rows is compared in one step). */
  dav_resource_get_name_key (DAV_RESOURCE (item));
  return self->show_hidden || dav_resource_get_name (DAV_RESOURCE (item))[0] != '.';
}

/* Find filters every level alike: a row of an open folder stays when its
 * own name matches, and a folder whose name does not match goes with its
 * rows. What is shown is then always what was typed, and the filter never
 * depends on what is loaded below a row. @item is a sorted GtkTreeListRow. */
static gboolean
filter_name (gpointer item,
             gpointer user_data)
{
  DavscopeBrowserView *self = user_data;
  g_autoptr(GtkTreeListRow) row = NULL;

  if (self->query == NULL)
    return TRUE;

  row = g_object_ref (GTK_TREE_LIST_ROW (item));
  while (row != NULL)
    {
      g_autoptr(DavResource) resource = gtk_tree_list_row_get_item (row);
      GtkTreeListRow *parent;

      if (!dav_text_name_matches (dav_resource_get_name (resource), self->query))
        return FALSE;
      parent = gtk_tree_list_row_get_parent (row);
      g_object_unref (row);
      row = parent;
    }
  return TRUE;
}

/* A listing again updates the rows it keeps in place (the store keeps
 * each DavResource), which the sort model does not see: when it ends,
 * the rows are sorted again. */
static void
on_folder_loading (DavFolder           *folder,
                   GParamSpec          *pspec,
                   DavscopeBrowserView *self)
{
  if (!dav_folder_get_loading (folder))
    davscope_browser_view_resort (self);
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

  if (!g_hash_table_contains (self->watched, folder))
    g_hash_table_insert (self->watched, g_object_ref (folder),
                         GSIZE_TO_POINTER (g_signal_connect (folder, "notify::loading",
                                                             G_CALLBACK (on_folder_loading), self)));

  return G_LIST_MODEL (davscope_filter_model_new (g_object_ref (G_LIST_MODEL (folder)),
                                                   g_object_ref (self->hidden_filter)));
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

DavFolder *
davscope_browser_view_row_folder (DavscopeBrowserView *self,
                                  GtkTreeListRow      *row)
{
  g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
  g_autoptr(DavResource) collection = NULL;

  if (parent == NULL)
    return self->root;

  collection = gtk_tree_list_row_get_item (parent);
  return dav_resource_store_get_folder (self->store, collection);
}

/* ---- right-click --------------------------------------------------------- */

gboolean
davscope_browser_view_select_at (DavscopeBrowserView *self,
                                 double               x,
                                 double               y)
{
  GtkWidget *picked;
  guint position;

  g_return_val_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self), FALSE);

  if (self->selection == NULL)
    return FALSE;

  picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  position = picked != NULL ? davscope_browser_view_position_of (self, picked) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  /* A row outside the selection becomes the selection, as in Files. */
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  return TRUE;
}

DavResource *
davscope_browser_view_get_resource_at (DavscopeBrowserView *self,
                                       double               x,
                                       double               y)
{
  g_autoptr(GtkTreeListRow) row = NULL;
  GtkWidget *picked;
  guint position;

  g_return_val_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self), NULL);

  if (self->selection == NULL)
    return NULL;

  picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  position = picked != NULL ? davscope_browser_view_position_of (self, picked) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;

  row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

/* ---- find --------------------------------------------------------------- */

/* The rows, or "No Items Match" when Find left none; the error page of a
 * failed listing stays (update_root_state). */
static void
update_list_page (DavscopeBrowserView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean none = self->query != NULL && self->selection != NULL &&
                  g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "error") == 0)
    return;

  if (none)
    {
      /* TRANSLATORS: the title of an empty search; %s is what was typed. */
      g_autofree char *title = g_strdup_printf (_("No Items Match “%s”"), text);

      adw_status_page_set_title (ADW_STATUS_PAGE (self->no_match_page), title);
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), none ? "no-match" : "list");
}

static void
on_row_count_changed (GListModel          *model,
                      guint                position,
                      guint                removed,
                      guint                added,
                      DavscopeBrowserView *self)
{
  if (self->query != NULL)
    update_list_page (self);
}

static void
on_search_changed (GtkSearchEntry      *entry,
                   DavscopeBrowserView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *folded = *text != '\0' ? dav_text_fold (text) : NULL;
  g_autofree char *old = g_steal_pointer (&self->query);
  GtkFilterChange change;

  self->query = g_steal_pointer (&folded);
  if (g_strcmp0 (old, self->query) == 0)
    {
      update_list_page (self);
      return;
    }

  /* Names holding "abc" all hold "ab": typing on only drops rows and
   * Backspace only brings rows back, so a big folder is not filtered
   * again from scratch at each key. */
  if (old == NULL || (self->query != NULL && strstr (self->query, old) != NULL))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->query == NULL || strstr (old, self->query) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  /* The sorted rows are filtered where they are (nothing sorts again);
   * the view then starts at the first name found, as in GNOME Files. */
  if (self->found != NULL)
    davscope_filter_model_set_match_all (self->found, self->query == NULL);
  gtk_filter_changed (self->name_filter, change);
  if (self->selection != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      GtkWidget *list = davscope_browser_view_inner_list_view (self);

      if (list != NULL)
        gtk_widget_activate_action (list, "list.scroll-to-item", "u", 0);
    }

  update_list_page (self);
}

/* Enter: on to the rows found, the first one selected. */
static void
on_search_activate (GtkSearchEntry      *entry,
                    DavscopeBrowserView *self)
{
  if (self->selection == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
  gtk_widget_grab_focus (self->column_view);
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  return (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
}

static void
on_search_mode_changed (GtkSearchBar        *bar,
                        GParamSpec          *pspec,
                        DavscopeBrowserView *self)
{
  if (gtk_search_bar_get_search_mode (bar))
    return;

  /* The bar cleared its entry. Escape gives the list its focus back. */
  if (has_focus_within (self->search_bar))
    gtk_widget_grab_focus (self->column_view);
}

void
davscope_browser_view_find (DavscopeBrowserView *self)
{
  g_return_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self));

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_widget_grab_focus (self->search_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Type-ahead: a letter typed in the list opens Find with it, as in GNOME
 * Files. Not Space (it selects), nor + - * on a row's expander (they open
 * and close the folder), nor anything with Ctrl or Alt (shortcuts). */
static gboolean
on_type_ahead (DavscopeBrowserView   *self,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               GtkEventControllerKey *controller)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gunichar c = gdk_keyval_to_unicode (keyval);
  GtkWidget *text;

  if (keyval == GDK_KEY_Escape && gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar)))
    {
      gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);
      return GDK_EVENT_STOP;
    }

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      c == 0 || !g_unichar_isgraph (c))
    return GDK_EVENT_PROPAGATE;
  if ((c == '+' || c == '-' || c == '*') && focus != NULL &&
      (GTK_IS_TREE_EXPANDER (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_TREE_EXPANDER) != NULL))
    return GDK_EVENT_PROPAGATE;

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_widget_grab_focus (self->search_entry);
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
  /* The entry's text widget takes the key as if typed there (input
   * methods included). */
  text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->search_entry)));
  if (text == NULL || !gtk_event_controller_key_forward (controller, text))
    return GDK_EVENT_PROPAGATE;
  return GDK_EVENT_STOP;
}

/* ---- state -------------------------------------------------------------- */

/* Mutual TLS: where in Davscope the certificate is set (a saved
 * server's "Client Certificate"), after the core's @error. */
static char *
certificate_advice (DavscopeBrowserView *self,
                    const char          *error)
{
  DavClient *client = dav_resource_store_get_client (self->store);
  DavPlace *server = dav_place_list_find_server_for (davscope_places_get_default (),
                                                     dav_client_get_base_url (client));

  if (server == NULL)
    return g_strdup_printf ("%s\n\n%s", error,
                            _("Save this server with Add Server in the sidebar, choose your certificate under Client Certificate in its settings, then reload."));
  if (dav_place_get_client_certificate (server) == NULL)
    return g_strdup_printf ("%s\n\n%s", error,
                            _("Choose your certificate under Client Certificate in this server’s settings (Edit Server in the sidebar), then reload."));

  return g_strdup_printf ("%s\n\n%s", error,
                          _("The certificate under Client Certificate in this server’s settings could not be used: check the file in Edit Server, then reload."));
}

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
      const GError *failure = dav_folder_get_error (self->root);
      gboolean wants_certificate = g_error_matches (failure, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED);
      g_autofree char *explained = wants_certificate ? certificate_advice (self, error) : g_strdup (error);
      /* The status page reads its description as markup. */
      g_autofree char *markup = g_markup_escape_text (explained, -1);

      /* Not "this folder": there is no WebDAV here at all (RFC 4918 §10.1). */
      adw_status_page_set_title (ADW_STATUS_PAGE (self->error_page),
                                 wants_certificate
                                 ? _("This server asks for a client certificate")
                                 : g_error_matches (failure, DAV_ERROR, DAV_ERROR_NOT_WEBDAV)
                                 ? _("This server does not speak WebDAV")
                                 : _("This folder could not be listed"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->error_page), markup);
      gtk_stack_set_visible_child (GTK_STACK (self->stack), self->error_page);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), FALSE);
      /* Nothing can be selected: no pane asking to select something. */
      gtk_widget_set_visible (self->details, FALSE);
      return;
    }

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
  update_list_page (self);
  gtk_widget_set_visible (self->details, TRUE);

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

/* The shown folder is coming in: listed, or its rows still being taken
 * in steps (DavscopeFilterModel) after the listing ended. */
static gboolean
root_busy (DavscopeBrowserView *self)
{
  return dav_folder_get_loading (self->root) ||
         (self->filtered_root != NULL && davscope_filter_model_get_pending (self->filtered_root) > 0);
}

/* From this many rows in the shown folder, its sort is incremental even
 * while it loads: GtkSortListModel (GTK 4.8) merges each batch taken into
 * the rows already sorted and, when not incremental, says the whole span
 * from the first row that moved to the last changed: with the names spread
 * over the folder that is nearly every row, which the list above handles
 * again each time (0.25-0.5 s a batch at 1,000,000 rows). Incremental, a
 * batch is added at the end and sorted in 1 ms steps. Below it, loading
 * stays as it was measured best (100,000 rows: frames within 0.1 s). */
#define INCREMENTAL_FROM 200000

static gboolean
sort_incrementally (DavscopeBrowserView *self)
{
  return !root_busy (self) ||
         g_list_model_get_n_items (G_LIST_MODEL (self->root)) >= INCREMENTAL_FROM;
}

/* The root's filter takes a listing's batches into the sorted rows this
 * many at a time, each a merge into the rows sorted so far and a frame.
 * 8,192 made the longest frames while loading (nginx, 100,000 rows: the
 * step that merges 8,192 rows into the first ~9,500, and the ~80,000 rows
 * left when the listing ends, merged one step after the other: 0.10-0.16
 * s apart on the loaded 2-core host); 4,096 costs ~15 ms of CPU a step
 * more, ~10 steps more over such a load. */
#define ROOT_STEP 4096

static void
on_root_busy (DavscopeBrowserView *self)
{
  gboolean busy = root_busy (self);

  /* Here rather than where the models are made: before the first step. */
  if (self->filtered_root != NULL)
    davscope_filter_model_set_step (self->filtered_root, ROOT_STEP);

  /* While the folder comes in, each batch is merged into the sorted rows
   * at once: an incremental sort restarted for every batch costs more in
   * all (100,000 rows: ~1 s of CPU more) and leaves the last rows unsorted
   * for a while after the listing ended. A big batch is taken in steps
   * (the root's filter model), so a frame still comes between merges. A
   * sort asked for later (a column header) is incremental, so it never
   * freezes the window. */
  if (self->sorted != NULL)
    gtk_sort_list_model_set_incremental (self->sorted, sort_incrementally (self));
  /* The last batch came before the end: the hold ends with the rows. */
  if (!busy)
    self->keep_top = FALSE;
  if (self->root_loading && !busy)
    davscope_browser_view_resort (self);
  self->root_loading = busy;
}

/* A big folder's sort turns incremental once enough rows came. */
static void
on_root_grown (DavscopeBrowserView *self)
{
  if (self->sorted != NULL && !gtk_sort_list_model_get_incremental (self->sorted) &&
      sort_incrementally (self))
    gtk_sort_list_model_set_incremental (self->sorted, TRUE);
}

static void
on_root_notify (DavFolder           *folder,
                GParamSpec          *pspec,
                DavscopeBrowserView *self)
{
  on_root_busy (self);
  update_root_state (self);
}

/* A sort step over the rows shown reaches the list in changes of this
 * many rows (davscope_filter_model_set_slice): GTK 4.8's list fetches
 * every row of a change that holds the top row shown (~1.4 us a row at
 * 1,000,000 rows), and a step of a big folder's sort spans most of it. */
#define SORT_SLICE 4096

/* The details pane and the window's actions follow the selection. With
 * @always FALSE, only when what is selected changed: rows came or went
 * (a reload, a delete, a rename), and GtkMultiSelection says so with
 * items-changed alone, never selection-changed. */
static void
sync_selection (DavscopeBrowserView *self,
                gboolean             always)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  g_autoptr(DavResource) resource = NULL;
  DavFolder *folder = NULL;
  guint64 n_selected = gtk_bitset_get_size (selected);

  if (n_selected == 1)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (model), gtk_bitset_get_nth (selected, 0));

      resource = gtk_tree_list_row_get_item (row);
      folder = davscope_browser_view_row_folder (self, row);
    }

  if (!always && n_selected == self->n_selected && resource == self->selected)
    return;

  self->n_selected = n_selected;
  /* A selected row is followed through a sort only within one change. */
  if (self->found != NULL)
    davscope_filter_model_set_slice (self->found, n_selected == 0 ? SORT_SLICE : 0);
  /* Only compared, never dereferenced: the pane holds the resource. */
  self->selected = resource;
  /* Several: the pane counts them and adds up their size. */
  davscope_details_pane_set_selection (DAVSCOPE_DETAILS_PANE (self->details), G_LIST_MODEL (model), selected);
  davscope_details_pane_set_resource (DAVSCOPE_DETAILS_PANE (self->details), resource, folder);

  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
on_selection_changed (GtkSelectionModel   *model,
                      guint                position,
                      guint                n_items,
                      DavscopeBrowserView *self)
{
  /* What the user selects wins over an item still to be selected. */
  g_clear_pointer (&self->select_key, g_free);
  sync_selection (self, TRUE);
}

static void
on_selection_items_changed (GListModel          *model,
                            guint                position,
                            guint                removed,
                            guint                added,
                            DavscopeBrowserView *self)
{
  if (removed > 0)
    sync_selection (self, FALSE);
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
          DavFolder *folder = davscope_browser_view_row_folder (self, row);

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

/* ---- selecting what a change made ---------------------------------------- */

/* Selects the row of @select_key among @n rows from @position, if there. */
static gboolean
select_pending (DavscopeBrowserView *self,
                guint                position,
                guint                n)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint end = MIN (position + n, g_list_model_get_n_items (model));

  for (guint i = position; i < end; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(DavResource) resource = gtk_tree_list_row_get_item (row);
      const char *url = dav_resource_get_url (resource);
      g_autofree char *key = url != NULL ? dav_href_normalize_path (url) : NULL;
      GtkWidget *list;

      if (key == NULL || !g_str_equal (key, self->select_key))
        continue;

      /* Cleared first: this selection is not the user's. */
      g_clear_pointer (&self->select_key, g_free);
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
      list = davscope_browser_view_inner_list_view (self);
      if (list != NULL)
        gtk_widget_activate_action (list, "list.scroll-to-item", "u", i);
      return TRUE;
    }

  return FALSE;
}

/* A row that came in may be the one to select. */
static void
on_rows_added (GListModel          *model,
               guint                position,
               guint                removed,
               guint                added,
               DavscopeBrowserView *self)
{
  if (self->select_key != NULL && added > 0)
    select_pending (self, position, added);
}

void
davscope_browser_view_select_url (DavscopeBrowserView *self,
                                  const char          *url)
{
  g_return_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self));
  g_return_if_fail (url != NULL);

  if (self->selection == NULL)
    return;

  g_free (self->select_key);
  self->select_key = dav_href_normalize_path (url);
  select_pending (self, 0, G_MAXUINT);
}

DavFolder *
davscope_browser_view_get_selected_folder (DavscopeBrowserView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GtkTreeListRow) row = NULL;

  g_return_val_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self), NULL);

  if (self->selection == NULL)
    return NULL;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_get_size (selected) != 1)
    return NULL;

  row = g_list_model_get_item (G_LIST_MODEL (self->selection), gtk_bitset_get_nth (selected, 0));
  return davscope_browser_view_row_folder (self, row);
}

/* ---- the menu key --------------------------------------------------------- */

gboolean
davscope_browser_view_get_menu_area (DavscopeBrowserView *self,
                                     GdkRectangle        *area,
                                     gboolean            *on_row)
{
  GtkSelectionModel *model;
  GtkWidget *focus;
  GtkWidget *list;
  GtkWidget *best = NULL;
  guint focused = GTK_INVALID_LIST_POSITION;
  guint best_position = G_MAXUINT;
  graphene_rect_t bounds;

  g_return_val_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self), FALSE);
  g_return_val_if_fail (area != NULL && on_row != NULL, FALSE);

  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  list = davscope_browser_view_inner_list_view (self);
  if (self->selection == NULL || list == NULL || focus == NULL ||
      (focus != self->column_view && !gtk_widget_is_ancestor (focus, self->column_view)))
    return FALSE;

  /* The focused row is what the keys act on, as a right-click on it. */
  model = GTK_SELECTION_MODEL (self->selection);
  focused = davscope_browser_view_position_of (self, focus);
  if (focused != GTK_INVALID_LIST_POSITION && !gtk_selection_model_is_selected (model, focused))
    gtk_selection_model_select_item (model, focused, TRUE);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      guint position = davscope_browser_view_position_of (self, row);

      if (position == GTK_INVALID_LIST_POSITION || !gtk_widget_get_mapped (row) ||
          !gtk_selection_model_is_selected (model, position))
        continue;
      if (position == focused)
        {
          best = row;
          break;
        }
      if (position < best_position)
        {
          best = row;
          best_position = position;
        }
    }

  *on_row = best != NULL && gtk_widget_compute_bounds (best, GTK_WIDGET (self), &bounds);
  if (!*on_row && !gtk_widget_compute_bounds (list, GTK_WIDGET (self), &bounds))
    return FALSE;

  /* Under the row's start, where the name is; never below the view. */
  area->x = (int) bounds.origin.x + 24;
  area->y = (int) CLAMP (bounds.origin.y, 0, gtk_widget_get_height (GTK_WIDGET (self)) - 1);
  area->width = 1;
  area->height = *on_row ? MAX (1, (int) bounds.size.height) : 1;

  return TRUE;
}

/* ---- a first listing stays at its top ------------------------------------ */

/* GtkColumnView (GTK 4.8) has no scroll_to; its rows are a GtkListView
 * child, whose list.scroll-to-item action does it. */
GtkWidget *
davscope_browser_view_inner_list_view (DavscopeBrowserView *self)
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
  if (self->root == NULL || !root_busy (self))
    self->keep_top = FALSE;

  list = davscope_browser_view_inner_list_view (self);
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
drop_models (DavscopeBrowserView *self)
{
  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->selection, on_selection_changed, self);
      g_signal_handlers_disconnect_by_func (self->selection, on_rows_changed, self);
      g_signal_handlers_disconnect_by_func (self->selection, on_selection_items_changed, self);
      g_signal_handlers_disconnect_by_func (self->selection, on_rows_added, self);
      g_signal_handlers_disconnect_by_func (self->selection, on_row_count_changed, self);
    }
  g_clear_pointer (&self->select_key, g_free);
  if (self->watched != NULL)
    {
      GHashTableIter iter;
      gpointer folder, handler;

      g_hash_table_iter_init (&iter, self->watched);
      while (g_hash_table_iter_next (&iter, &folder, &handler))
        g_signal_handler_disconnect (folder, GPOINTER_TO_SIZE (handler));
      g_hash_table_remove_all (self->watched);
    }
  self->n_selected = 0;
  self->selected = NULL;
  if (self->root != NULL)
    g_clear_signal_handler (&self->root_handler, self->root);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->found);
  g_clear_object (&self->sorted);
  g_clear_object (&self->tree);
  if (self->filtered_root != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->filtered_root, on_root_busy, self);
      g_signal_handlers_disconnect_by_func (self->filtered_root, on_root_grown, self);
    }
  g_clear_object (&self->filtered_root);
  g_clear_object (&self->root);
}

void
davscope_browser_view_set_store (DavscopeBrowserView *self,
                                 DavResourceStore    *store)
{
  gboolean list_had_focus;

  g_return_if_fail (DAVSCOPE_IS_BROWSER_VIEW (self));

  /* The focus may be on a row of the folder going away, or in the search
   * bar (closing it puts the focus on a row). The rows go first and the
   * list keeps the focus: left on a dropped row, GTK 4.8 moves it by
   * itself at the next frame to the first widget that takes it (the
   * details pane's text while the next rows are not there yet), and a
   * label taking it that way reads the freed row. */
  list_had_focus = has_focus_within (self->column_view) || has_focus_within (self->search_bar);
  drop_models (self);
  /* Another folder: Find starts again, as in GNOME Files. */
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (list_had_focus)
    gtk_widget_grab_focus (self->column_view);
  g_set_object (&self->store, store);
  davscope_details_pane_set_resource (DAVSCOPE_DETAILS_PANE (self->details), NULL, NULL);
  davscope_details_pane_set_client (DAVSCOPE_DETAILS_PANE (self->details),
                                    store ? dav_resource_store_get_client (store) : NULL);
  if (store == NULL)
    return;

  self->root = g_object_ref (dav_resource_store_get_root (store));
  self->root_handler = g_signal_connect (self->root, "notify", G_CALLBACK (on_root_notify), self);
  /* The folder's rows in an array too: GTK 4.8 asks a root row's item of
   * this model by position each time (GListStore: a walk of its GSequence). */
  self->filtered_root = davscope_filter_model_new (G_LIST_MODEL (davscope_flat_model_new (g_object_ref (G_LIST_MODEL (self->root)))),
                                                  g_object_ref (self->hidden_filter));
  davscope_filter_model_set_step (self->filtered_root, 8192);
  g_signal_connect_swapped (self->filtered_root, "notify::pending", G_CALLBACK (on_root_busy), self);
  self->root_loading = root_busy (self);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered_root)),
                                        FALSE, FALSE, create_child_model, self, NULL);
  /* The tree's rows in an array (davscope-flat-model.c): the sort, the
   * selection and the list then get a row without a walk of the tree. */
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (davscope_flat_model_new (g_object_ref (G_LIST_MODEL (self->tree)))),
                                          davscope_browser_view_new_sorter (self));
  /* Sorting 100,000 rows happens in steps, not in one frozen frame
   * (except while the folder loads: on_root_notify). */
  gtk_sort_list_model_set_incremental (self->sorted, sort_incrementally (self));
  g_signal_connect_swapped (self->filtered_root, "items-changed", G_CALLBACK (on_root_grown), self);
  self->found = davscope_filter_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                           g_object_ref (self->name_filter));
  /* Nothing typed: every row, without asking filter_name for each of the
   * rows every merge of a listing's batch moves. */
  davscope_filter_model_set_match_all (self->found, self->query == NULL);
  /* Backspace in Find: a screenful of rows a frame while their widgets are made. */
  davscope_filter_model_set_widen_step (self->found, 64);
  davscope_filter_model_set_slice (self->found, SORT_SLICE);
  /* Typing in Find over more than 32,768 rows: the name filter asked for
   * at most 8,192 rows or 20 ms a step, whichever ends first (rows sorted
   * away from the server's order cost 5x more: benchmarks/RESULTS.md). */
  davscope_filter_model_set_narrow_step (self->found, 8192);
  /* A merged batch reaches the list as two changes, the first rows' last
   * (davscope-split-model.c): GTK's list view then looks for the widgets
   * it keeps among those only, not among every row. */
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (davscope_split_model_new (g_object_ref (G_LIST_MODEL (self->found)))));
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), GTK_SELECTION_MODEL (self->selection));
  /* After the view's own handler: it moved the rows already. */
  g_signal_connect (self->selection, "items-changed", G_CALLBACK (on_rows_changed), self);
  g_signal_connect (self->selection, "items-changed", G_CALLBACK (on_selection_items_changed), self);
  g_signal_connect (self->selection, "items-changed", G_CALLBACK (on_rows_added), self);
  g_signal_connect (self->selection, "items-changed", G_CALLBACK (on_row_count_changed), self);
  self->keep_top = !dav_folder_get_loaded (self->root);
  davscope_browser_view_restore_columns (self);

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

  /* Enter or a double click opens a folder in place, a file in its
   * application (the window's win.open, on the row made the selection). */
  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
  else if (row != NULL && gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open", NULL);
}

static void
davscope_browser_view_dispose (GObject *object)
{
  DavscopeBrowserView *self = DAVSCOPE_BROWSER_VIEW (object);

  /* The bar and its entry clear themselves as they go: not for us. */
  if (self->search_bar != NULL)
    g_signal_handlers_disconnect_by_data (self->search_bar, self);
  if (self->search_entry != NULL)
    g_signal_handlers_disconnect_by_data (self->search_entry, self);
  drop_models (self);
  g_clear_object (&self->store);
  g_clear_object (&self->hidden_filter);
  g_clear_object (&self->name_filter);
  g_clear_object (&self->missing_last);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_pointer (&self->query, g_free);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view)), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DAVSCOPE_TYPE_BROWSER_VIEW);
  davscope_browser_view_drop_property_columns (self);

  G_OBJECT_CLASS (davscope_browser_view_parent_class)->dispose (object);
}

static void
davscope_browser_view_class_init (DavscopeBrowserViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = davscope_browser_view_dispose;

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
  gtk_widget_class_bind_template_child (widget_class, DavscopeBrowserView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DavscopeBrowserView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DavscopeBrowserView, no_match_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
davscope_browser_view_init (DavscopeBrowserView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  davscope_accessible_fix_names (GTK_WIDGET (self));
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->hidden_filter = GTK_FILTER (gtk_custom_filter_new (filter_hidden, self, NULL));
  self->name_filter = GTK_FILTER (gtk_custom_filter_new (filter_name, self, NULL));

  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (self->search_bar), GTK_EDITABLE (self->search_entry));
  g_signal_connect (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode_changed), self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_type_ahead), self);
    gtk_widget_add_controller (self->column_view, keys);
  }

  {
    /* Anything the user does in the list ends on_rows_changed's hold;
     * on the scrolled window, so that its scrollbar counts too. */
    GtkEventController *events = gtk_event_controller_legacy_new ();

    gtk_event_controller_set_propagation_phase (events, GTK_PHASE_CAPTURE);
    g_signal_connect (events, "event", G_CALLBACK (on_user_event), self);
    gtk_widget_add_controller (gtk_widget_get_parent (self->column_view), events);
  }

  davscope_browser_view_add_columns (self);
  davscope_browser_view_setup_property_columns (self);
}

GtkWidget *
davscope_browser_view_new (void)
{
  return g_object_new (DAVSCOPE_TYPE_BROWSER_VIEW, NULL);
}
