/* test-split-model.c: DavscopeSplitModel against a plain list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change the model announces is replayed on a mirror from the
 * items the model gives at that moment (so the state between the two
 * parts of a split change is checked too); the mirror must equal the list
 * below after every step: merges of new items into sorted ones as
 * GtkSortListModel announces them (one change from the first new item to
 * the end), re-sorts, appends, removals, a clear. A wide merge must come
 * as two changes, the first rows' last; the others as they came.
 */

#include <gtk/gtk.h>

#include "davscope-split-model.h"
#include "model-mirror.h"

typedef struct {
  GListStore         *store;
  DavscopeSplitModel *model;
  GPtrArray          *mirror;
  GArray             *told;      /* guint triples: position, removed, added */
  GRand              *rand;
  guint               next_name;
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  guint triple[3] = { position, removed, added };

  model_mirror_apply (f->mirror, model, position, removed, added);
  g_array_append_vals (f->told, triple, 3);
}

static void
check (Fixture *f)
{
  GListModel *below = G_LIST_MODEL (f->store);

  g_assert_cmpuint (f->mirror->len, ==, g_list_model_get_n_items (below));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, f->mirror->len);
  for (guint i = 0; i < f->mirror->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (below, i);
      g_autoptr(GObject) told = g_list_model_get_item (G_LIST_MODEL (f->model), i);

      g_assert_true (g_ptr_array_index (f->mirror, i) == item);
      g_assert_true (told == item);
    }
}

static GObject *
new_item (Fixture *f)
{
  g_autofree char *name = g_strdup_printf ("%08x", g_rand_int (f->rand));

  f->next_name++;
  return G_OBJECT (gtk_string_object_new (name));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (gtk_string_object_get_string (*(GtkStringObject **) a),
                 gtk_string_object_get_string (*(GtkStringObject **) b));
}

/* @n new items merged into the sorted store, told as GtkSortListModel
 * tells it: from the first position that moved to the end. */
static void
merge (Fixture *f,
       guint    n)
{
  GListModel *below = G_LIST_MODEL (f->store);
  guint old_n = g_list_model_get_n_items (below);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  guint first;

  for (guint i = 0; i < old_n; i++)
    g_ptr_array_add (all, g_list_model_get_item (below, i));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (all, new_item (f));
  g_ptr_array_sort (all, compare_names);
  for (first = 0; first < old_n; first++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (below, first);

      if (item != g_ptr_array_index (all, first))
        break;
    }
  g_list_store_splice (f->store, first, old_n - first, all->pdata + first, all->len - first);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  f->model = davscope_split_model_new (g_object_ref (G_LIST_MODEL (f->store)));
  f->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  f->told = g_array_new (FALSE, FALSE, sizeof (guint));
  f->rand = g_rand_new_with_seed (19);
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_unref (f->model);
  g_object_unref (f->store);
  g_ptr_array_unref (f->mirror);
  g_array_unref (f->told);
  g_rand_free (f->rand);
}

/* Batches doubling as a listing's do, merged into sorted rows. */
static void
test_merges (Fixture       *f,
             gconstpointer  data)
{
  guint split = 0;

  for (guint n = 64; n <= 8192; n *= 2)
    {
      g_array_set_size (f->told, 0);
      merge (f, n);
      check (f);
      if (f->told->len == 6)
        {
          guint *t = (guint *) (gpointer) f->told->data;

          /* The lower part first, below the kept first rows; then the top. */
          g_assert_cmpuint (t[0], >, t[3]);
          g_assert_cmpuint (t[0], >=, 1000);
          /* The top part ends where the lower part began. */
          g_assert_cmpuint (t[3] + t[4], ==, t[0]);
          split++;
        }
      else
        g_assert_cmpuint (f->told->len, ==, 3);
    }
  /* From 1,024 rows on, every merge reaching the kept rows was split. */
  g_assert_cmpuint (split, >=, 3);
}

/* Every row moves (a sort by another column): told as it came. */
static void
test_resort (Fixture       *f,
             gconstpointer  data)
{
  GListModel *below = G_LIST_MODEL (f->store);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  merge (f, 5000);
  check (f);
  n = g_list_model_get_n_items (below);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (all, g_list_model_get_item (below, n - 1 - i));
  g_array_set_size (f->told, 0);
  g_list_store_splice (f->store, 0, n, all->pdata, n);
  check (f);
  g_assert_cmpuint (f->told->len, ==, 3);
}

/* Appends, removals in the kept rows and below, a change spanning them
 * that is not a merge (new items only), a clear. */
/* A re-sort that moves a selected row from below the first rows to the
 * top: told whole, GtkMultiSelection keeps it selected. */
static void
test_row_moved_up (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *below = G_LIST_MODEL (f->store);
  g_autoptr(GtkMultiSelection) selection = NULL;
  g_autoptr(GPtrArray) span = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GObject) moved = NULL;
  g_autoptr(GObject) first = NULL;
  g_autoptr(GtkBitset) selected = NULL;

  merge (f, 5000);
  check (f);
  selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (f->model)));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), 3000, TRUE);
  moved = g_list_model_get_item (below, 3000);
  g_ptr_array_add (span, g_object_ref (moved));
  for (guint i = 0; i < 3000; i++)
    g_ptr_array_add (span, g_list_model_get_item (below, i));
  g_list_store_splice (f->store, 0, 3001, span->pdata, span->len);
  check (f);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (selection));
  first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  g_assert_true (first == moved);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_true (gtk_bitset_contains (selected, 0));
}

static void
test_other_changes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(GObject) item = new_item (f);

      g_list_store_append (f->store, item);
    }
  check (f);
  g_list_store_splice (f->store, 10, 5, NULL, 0);
  check (f);
  g_list_store_splice (f->store, 2000, 500, NULL, 0);
  check (f);
  n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
  for (guint i = 0; i < n - 5; i++)
    g_ptr_array_add (fresh, new_item (f));
  g_list_store_splice (f->store, 5, n - 5, fresh->pdata, fresh->len);
  check (f);
  merge (f, 4000);
  check (f);
  g_list_store_remove_all (f->store);
  check (f);
  merge (f, 100);
  check (f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/split-model/merges", Fixture, NULL, fixture_set_up, test_merges, fixture_tear_down);
  g_test_add ("/split-model/resort", Fixture, NULL, fixture_set_up, test_resort, fixture_tear_down);
  g_test_add ("/split-model/row-moved-up", Fixture, NULL, fixture_set_up, test_row_moved_up, fixture_tear_down);
  g_test_add ("/split-model/other-changes", Fixture, NULL, fixture_set_up, test_other_changes, fixture_tear_down);

  return g_test_run ();
}
