/* davscope-split-model.c: a list model that tells a wide change in two
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same items as the model below, in the same order. A change that
 * spans the top rows and reaches far below them (GtkSortListModel merging
 * a listing's batch says "every row from the first new one on changed")
 * is told as two changes: first the part below the first rows, then the
 * first rows. GTK 4.8's list view, when a change's removed rows hold one
 * it tracks (the rows on screen are among them), asks the model for every
 * added row to find the widgets it can keep: ~2,900 instructions a row
 * through the models, every row of the folder on each merge (100,000 rows:
 * 17 % of the load's instructions, benchmarks/RESULTS.md "s12b"). Told in
 * two, only the change over the first rows holds them.
 *
 * Between the two, the model shows the old first rows (kept here, a
 * reference each) above the new rows below: a valid list, so the two
 * changes are valid whatever the change was. The split point is where
 * the old row there went, looked for among the first new rows; when it
 * is not found near (a re-sort), the change is told as it came.
 */

#include "davscope-split-model.h"

/* The first rows kept: more than the ~200 row widgets GTK 4.8's list
 * view keeps around the rows on screen when they are at the top. */
#define HEAD 1024
/* How far down the old row at the split point is looked for. */
#define SCAN (4 * HEAD)

struct _DavscopeSplitModel
{
  GObject     parent_instance;

  GListModel *model;
  GPtrArray  *head;      /* the model's first items, as last told */
  gboolean    splitting; /* telling the lower part of a change */
  guint       split_old; /* then: the old rows above it, from head */
  guint       split_new; /* then: where the model's rows below start */
};

static void davscope_split_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DavscopeSplitModel, davscope_split_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, davscope_split_model_list_model_init))

static GType
davscope_split_model_get_item_type (GListModel *list)
{
  DavscopeSplitModel *self = (DavscopeSplitModel *) list;

  return g_list_model_get_item_type (self->model);
}

static guint
davscope_split_model_get_n_items (GListModel *list)
{
  DavscopeSplitModel *self = (DavscopeSplitModel *) list;
  guint n = g_list_model_get_n_items (self->model);

  if (self->splitting)
    return self->split_old + n - self->split_new;
  return n;
}

static gpointer
davscope_split_model_get_item (GListModel *list,
                               guint       position)
{
  DavscopeSplitModel *self = (DavscopeSplitModel *) list;

  if (!self->splitting)
    return g_list_model_get_item (self->model, position);
  if (position < self->split_old)
    return g_object_ref (g_ptr_array_index (self->head, position));
  return g_list_model_get_item (self->model, position - self->split_old + self->split_new);
}

static void
davscope_split_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = davscope_split_model_get_item_type;
  iface->get_n_items = davscope_split_model_get_n_items;
  iface->get_item = davscope_split_model_get_item;
}

/* The kept first rows from @from on, read again from the model. */
static void
refill_head (DavscopeSplitModel *self,
             guint               from)
{
  guint n = MIN (g_list_model_get_n_items (self->model), HEAD);

  if (from >= self->head->len && self->head->len == HEAD)
    return;
  from = MIN (from, self->head->len);
  g_ptr_array_set_size (self->head, from);
  for (guint i = from; i < n; i++)
    g_ptr_array_add (self->head, g_list_model_get_item (self->model, i));
}

/* Where the old row @split (one of the kept ones) is now, looking from
 * @position on among @added new rows; G_MAXUINT when not found near.
 * The old rows from @position to @split must come in their order. */
static guint
find_split (DavscopeSplitModel *self,
            guint               position,
            guint               split,
            guint               added)
{
  guint old = position;
  guint end = position + MIN (added, SCAN);

  for (guint i = position; i < end; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->model, i);

      if (item != g_ptr_array_index (self->head, old))
        continue;
      if (old == split)
        return i;
      old++;
    }
  return G_MAXUINT;
}

static void
on_items_changed (GListModel         *model,
                  guint               position,
                  guint               removed,
                  guint               added,
                  DavscopeSplitModel *self)
{
  guint split = self->head->len > 0 ? self->head->len - 1 : 0;
  guint split_new = G_MAXUINT;

  /* Nothing below changes the model while a split change is told. */
  g_warn_if_fail (!self->splitting);

  /* Only a change that adds rows (a merge: the old rows keep their
   * order). In a re-sort (removed == added) a row from below the first
   * rows can move up among them: told in two, it would be removed by the
   * first change and added by the second, and GtkMultiSelection (which
   * follows a selected row only within one change) would drop it. */
  if (!self->splitting && self->head->len == HEAD && added > removed &&
      position < split && position + removed > split)
    split_new = find_split (self, position, split, added);

  if (split_new == G_MAXUINT)
    {
      refill_head (self, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  /* The lower part first: the old rows from the split point on become the
   * new ones from where that row went; then the first rows. */
  self->splitting = TRUE;
  self->split_old = split;
  self->split_new = split_new;
  g_list_model_items_changed (G_LIST_MODEL (self), split, position + removed - split, position + added - split_new);
  self->splitting = FALSE;
  refill_head (self, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, split - position, split_new - position);
}

static void
davscope_split_model_dispose (GObject *object)
{
  DavscopeSplitModel *self = DAVSCOPE_SPLIT_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->head, g_ptr_array_unref);

  G_OBJECT_CLASS (davscope_split_model_parent_class)->dispose (object);
}

static void
davscope_split_model_class_init (DavscopeSplitModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = davscope_split_model_dispose;
}

static void
davscope_split_model_init (DavscopeSplitModel *self)
{
  self->head = g_ptr_array_new_with_free_func (g_object_unref);
}

DavscopeSplitModel *
davscope_split_model_new (GListModel *model)
{
  DavscopeSplitModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (DAVSCOPE_TYPE_SPLIT_MODEL, NULL);
  self->model = model;
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), self);
  refill_head (self, 0);
  return self;
}

GListModel *
davscope_split_model_get_model (DavscopeSplitModel *self)
{
  g_return_val_if_fail (DAVSCOPE_IS_SPLIT_MODEL (self), NULL);

  return self->model;
}
