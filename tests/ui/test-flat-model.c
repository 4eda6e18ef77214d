/* test-flat-model.c: DavscopeFlatModel over a real GtkTreeListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tree of GListStores (every fourth item a folder with children of its
 * own) under GtkTreeListModel, and the flat model over it. Every change
 * the flat model tells is replayed on a mirror from the rows it gives at
 * that moment; after each step the mirror, the flat model and the tree
 * must hold the very same row objects in the same order (a row's
 * identity is what GtkMultiSelection and the list view follow): appends
 * in batches, inserts and removals at the root, folders expanded and
 * collapsed (nested too), changes inside an expanded folder, a clear;
 * a row the tree dropped is freed once the flat model drops it; and
 * GtkMultiSelection above follows a selected row through a folder opened
 * and closed above it.
 */

#include <gtk/gtk.h>

#include "davscope-flat-model.h"
#include "model-mirror.h"

typedef struct {
  GListStore        *root;
  GtkTreeListModel  *tree;
  DavscopeFlatModel *model;
  GPtrArray         *mirror;
  guint              next_name;
} Fixture;

static GQuark children_quark;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  model_mirror_apply (f->mirror, model, position, removed, added);
}

static void
check (Fixture *f)
{
  GListModel *tree = G_LIST_MODEL (f->tree);
  guint n = g_list_model_get_n_items (tree);

  g_assert_cmpuint (f->mirror->len, ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, n);
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (f->model), n) == NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (tree, i);
      g_autoptr(GtkTreeListRow) flat = g_list_model_get_item (G_LIST_MODEL (f->model), i);

      g_assert_true (g_ptr_array_index (f->mirror, i) == row);
      g_assert_true (flat == row);
    }
}

/* A new item: a folder (with @n_children children, themselves plain)
 * when @n_children > 0. */
static GObject *
new_item (Fixture *f,
          guint    n_children)
{
  g_autofree char *name = g_strdup_printf ("item %u", f->next_name++);
  GObject *item = G_OBJECT (gtk_string_object_new (name));

  if (n_children > 0)
    {
      GListStore *children = g_list_store_new (GTK_TYPE_STRING_OBJECT);

      for (guint i = 0; i < n_children; i++)
        {
          g_autoptr(GObject) child = new_item (f, i % 3 == 0 && n_children > 2 ? 2 : 0);

          g_list_store_append (children, child);
        }
      g_object_set_qdata_full (item, children_quark, children, g_object_unref);
    }
  return item;
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  GListModel *children = g_object_get_qdata (item, children_quark);

  return children != NULL ? g_object_ref (children) : NULL;
}

static void
add_items (Fixture *f,
           guint    position,
           guint    n)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, new_item (f, i % 4 == 0 ? 5 : 0));
  g_list_store_splice (f->root, position, 0, items->pdata, items->len);
}

static GtkTreeListRow *
row_at (Fixture *f,
        guint    position)
{
  return g_list_model_get_item (G_LIST_MODEL (f->model), position);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->root = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  /* Rows there before the flat model: it starts with them. */
  add_items (f, 0, 8);
  f->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (f->root)), FALSE, FALSE,
                                     create_children, NULL, NULL);
  f->model = davscope_flat_model_new (g_object_ref (G_LIST_MODEL (f->tree)));
  f->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  model_mirror_apply (f->mirror, G_LIST_MODEL (f->model), 0, 0,
                      g_list_model_get_n_items (G_LIST_MODEL (f->model)));
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_ptr_array_unref (f->mirror);
  g_assert_finalize_object (f->model);
  g_assert_finalize_object (f->tree);
  g_assert_finalize_object (f->root);
}

/* A listing's batches, doubling, appended and inserted at the root. */
static void
test_batches (Fixture       *f,
              gconstpointer  data)
{
  check (f);
  for (guint n = 64; n <= 4096; n *= 2)
    {
      add_items (f, g_list_model_get_n_items (G_LIST_MODEL (f->root)), n);
      check (f);
    }
  add_items (f, 0, 100);
  check (f);
  add_items (f, 3000, 500);
  check (f);
  g_list_store_splice (f->root, 10, 2000, NULL, 0);
  check (f);
  g_list_store_remove_all (f->root);
  check (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);
  add_items (f, 0, 3);
  check (f);
}

/* Folders opened and closed, nested, and changes inside an open one. */
static void
test_expand (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GtkTreeListRow) first = NULL;
  g_autoptr(GtkTreeListRow) nested = NULL;
  g_autoptr(GtkTreeListRow) after = NULL;
  GListModel *children;
  gpointer gone;

  add_items (f, 8, 40);
  check (f);
  first = row_at (f, 0);
  after = row_at (f, 1);
  g_assert_true (gtk_tree_list_row_is_expandable (first));
  gtk_tree_list_row_set_expanded (first, TRUE);
  check (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 48 + 5);
  /* The row below the folder is still the same object, moved down. */
  {
    g_autoptr(GtkTreeListRow) moved = row_at (f, 6);

    g_assert_true (moved == after);
  }

  /* The folder's first child is a folder too. */
  nested = row_at (f, 1);
  {
    g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (nested);

    g_assert_true (parent == first);
  }
  gtk_tree_list_row_set_expanded (nested, TRUE);
  check (f);

  /* Rows come and go inside the open folder. */
  children = gtk_tree_list_row_get_children (first);
  {
    g_autoptr(GObject) item = new_item (f, 0);

    g_list_store_insert (G_LIST_STORE (children), 2, item);
  }
  check (f);
  g_list_store_remove (G_LIST_STORE (children), 4);
  check (f);

  /* Closing the folder drops its rows, the nested ones too; a dropped
   * row lives only as long as someone else holds it. */
  {
    GtkTreeListRow *last_child = row_at (f, 1 + 1 + 2 + 3);

    g_assert_true (gtk_tree_list_row_get_depth (last_child) == 1);
    gone = last_child;
    g_object_add_weak_pointer (G_OBJECT (last_child), &gone);
    gtk_tree_list_row_set_expanded (first, FALSE);
    check (f);
    g_assert_nonnull (gone);
    g_object_unref (last_child);
    g_assert_null (gone);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 48);
  g_clear_object (&nested);

  /* Several folders open at once, then the root changes around them. */
  for (guint i = 0; i < 40; i += 8)
    {
      g_autoptr(GtkTreeListRow) row = NULL;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (f->model));

      for (guint p = 0; p < n; p++)
        {
          g_autoptr(GtkTreeListRow) r = row_at (f, p);

          if (gtk_tree_list_row_get_position (r) == p && gtk_tree_list_row_get_depth (r) == 0 &&
              gtk_tree_list_row_is_expandable (r) && !gtk_tree_list_row_get_expanded (r) && p >= i)
            {
              row = g_steal_pointer (&r);
              break;
            }
        }
      g_assert_nonnull (row);
      gtk_tree_list_row_set_expanded (row, TRUE);
      check (f);
    }
  add_items (f, 3, 20);
  check (f);
  g_list_store_splice (f->root, 0, 10, NULL, 0);
  check (f);
  g_list_store_remove_all (f->root);
  check (f);
}

/* GtkMultiSelection over the flat model follows a selected row through
 * a folder opened and closed above it: the row it holds is the one the
 * flat model hands out after the change. */
static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GtkMultiSelection) selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (f->model)));
  GtkSelectionModel *model = GTK_SELECTION_MODEL (selection);
  g_autoptr(GtkTreeListRow) folder = row_at (f, 0);
  g_autoptr(GtkTreeListRow) chosen = row_at (f, 5);
  g_autoptr(GtkBitset) selected = NULL;

  gtk_selection_model_select_item (model, 5, TRUE);
  gtk_tree_list_row_set_expanded (folder, TRUE);
  check (f);
  selected = gtk_selection_model_get_selection (model);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_cmpuint (gtk_bitset_get_nth (selected, 0), ==, 10);
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (selection), 10);

    g_assert_true (row == chosen);
  }
  gtk_tree_list_row_set_expanded (folder, FALSE);
  check (f);
  g_clear_pointer (&selected, gtk_bitset_unref);
  selected = gtk_selection_model_get_selection (model);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_cmpuint (gtk_bitset_get_nth (selected, 0), ==, 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  children_quark = g_quark_from_static_string ("test-flat-model-children");

  g_test_add ("/flat-model/batches", Fixture, NULL, fixture_set_up, test_batches, fixture_tear_down);
  g_test_add ("/flat-model/expand", Fixture, NULL, fixture_set_up, test_expand, fixture_tear_down);
  g_test_add ("/flat-model/selection", Fixture, NULL, fixture_set_up, test_selection, fixture_tear_down);

  return g_test_run ();
}
