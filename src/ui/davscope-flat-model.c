/* davscope-flat-model.c: a list model's items in an array
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same items as the model below, in the same order, each held here:
 * an item is an array read. The view puts one over its GtkTreeListModel
 * and one over the root folder (below the hidden-names filter).
 *
 * Over the tree: GTK 4.8's GtkTreeListModel finds its nth row by
 * walking its red-black tree from the root, ~1,900 instructions a row at 100,000 rows and more at
 * 1,000,000, where most nodes miss the cache; and everything above it
 * asks by position: GtkSortListModel for every row when the sorter
 * changes (a column header clicked) and for every row it hands out,
 * GtkMultiSelection for every row of a select all, the list view for
 * every added row of a change that holds a row it tracks, Find for every
 * row it looks at (benchmarks/RESULTS.md, issue 19).
 *
 * Each change of the tree (a listing's batch, a folder expanded or
 * collapsed) is applied to the array as it is told: the removed rows
 * dropped, the added ones asked of the tree once, then the same change
 * told above. Holding every row keeps its identity: GtkTreeListModel
 * hands out the row its node still has while someone holds it, so the
 * tree, GtkMultiSelection's selected rows and the list view's widgets see
 * one object per row. A row the tree removed stays here until the change
 * that removes it arrives, without its item, as it would anywhere else.
 *
 * Over the root folder: GTK 4.8's GtkTreeListRow keeps no item; each
 * gtk_tree_list_row_get_item asks the row's parent model by position,
 * which for a GListStore is a walk of its GSequence (cached only for the
 * position asked last, so not for rows in sorted order). The sort's
 * keys, Find and every cell ask for it. Here it is an array read; the
 * folder's appends are fetched in order, which GListStore answers from
 * its cached position.
 */

#include "davscope-flat-model.h"

#include <string.h>

struct _DavscopeFlatModel
{
  GObject     parent_instance;

  GListModel *model;
  GObject   **rows;    /* the model's items, a reference each */
  guint       n_rows;
  guint       n_alloc;
};

static void davscope_flat_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DavscopeFlatModel, davscope_flat_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, davscope_flat_model_list_model_init))

static GType
davscope_flat_model_get_item_type (GListModel *list)
{
  DavscopeFlatModel *self = (DavscopeFlatModel *) list;

  return g_list_model_get_item_type (self->model);
}

static guint
davscope_flat_model_get_n_items (GListModel *list)
{
  return ((DavscopeFlatModel *) list)->n_rows;
}

static gpointer
davscope_flat_model_get_item (GListModel *list,
                              guint       position)
{
  DavscopeFlatModel *self = (DavscopeFlatModel *) list;

  if (position >= self->n_rows)
    return NULL;
  return g_object_ref (self->rows[position]);
}

static void
davscope_flat_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = davscope_flat_model_get_item_type;
  iface->get_n_items = davscope_flat_model_get_n_items;
  iface->get_item = davscope_flat_model_get_item;
}

/* Room for @n rows: doubling as it grows, twice @n when it fell below a quarter. */
static void
reserve (DavscopeFlatModel *self,
         guint              n)
{
  guint n_alloc = self->n_alloc;

  if (n > n_alloc)
    n_alloc = MAX (MAX (n, 2 * n_alloc), 64);
  else if (n < n_alloc / 4 && n_alloc > 64)
    n_alloc = MAX (2 * n, 64);
  if (n_alloc == self->n_alloc)
    return;
  self->rows = g_renew (GObject *, self->rows, n_alloc);
  self->n_alloc = n_alloc;
}

static void
on_items_changed (GListModel        *model,
                  guint              position,
                  guint              removed,
                  guint              added,
                  DavscopeFlatModel *self)
{
  guint tail;

  g_return_if_fail (position + removed <= self->n_rows);

  for (guint i = 0; i < removed; i++)
    g_object_unref (self->rows[position + i]);
  tail = self->n_rows - position - removed;
  if (added > removed)
    reserve (self, self->n_rows - removed + added);
  memmove (self->rows + position + added,
           self->rows + position + removed,
           tail * sizeof (GObject *));
  if (added < removed)
    reserve (self, self->n_rows - removed + added);
  self->n_rows = self->n_rows - removed + added;
  for (guint i = 0; i < added; i++)
    self->rows[position + i] = g_list_model_get_item (model, position + i);

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
davscope_flat_model_dispose (GObject *object)
{
  DavscopeFlatModel *self = DAVSCOPE_FLAT_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  for (guint i = 0; i < self->n_rows; i++)
    g_object_unref (self->rows[i]);
  self->n_rows = 0;
  g_clear_pointer (&self->rows, g_free);
  self->n_alloc = 0;
  g_clear_object (&self->model);

  G_OBJECT_CLASS (davscope_flat_model_parent_class)->dispose (object);
}

static void
davscope_flat_model_class_init (DavscopeFlatModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = davscope_flat_model_dispose;
}

static void
davscope_flat_model_init (DavscopeFlatModel *self)
{
}

DavscopeFlatModel *
davscope_flat_model_new (GListModel *model)
{
  DavscopeFlatModel *self;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (DAVSCOPE_TYPE_FLAT_MODEL, NULL);
  self->model = model;
  n = g_list_model_get_n_items (model);
  reserve (self, n);
  for (guint i = 0; i < n; i++)
    self->rows[i] = g_list_model_get_item (model, i);
  self->n_rows = n;
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), self);
  return self;
}

GListModel *
davscope_flat_model_get_model (DavscopeFlatModel *self)
{
  g_return_val_if_fail (DAVSCOPE_IS_FLAT_MODEL (self), NULL);

  return self->model;
}
