/* davscope-filter-model.c: a filter list model whose rows cost O(1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What GtkFilterListModel does for the listing (the items of a model
 * that a GtkFilter keeps), with the positions kept in a sorted array of
 * the underlying model's positions instead of a bitset. GTK 4.8's
 * filter model finds its nth item with gtk_bitset_get_nth, which counts
 * the bits of a dense container word by word: ~12,000 instructions per
 * item in a folder of 100,000, and the tree model above asks once for
 * every row it makes, so loading such a folder spent 11 % of its CPU
 * there, much of it in the frames that merge the last batches, and
 * widening Find paid it for every row coming back (benchmarks/RESULTS.md,
 * issue 19). Here an item costs an array read. A change of the model
 * moves the array's tail once (O(n) per change, a listing makes ~12); a
 * change of the filter evaluates only what it can change (more strict:
 * the rows shown; less strict: the rows hidden) and reports one range,
 * from the first position that differs to the last, as GTK does.
 *
 * With a step set (davscope_filter_model_set_step), the model takes a
 * change that appends many items in steps, one a main loop iteration at
 * idle priority, so a frame is drawn between them: a sorted view merges
 * every change at once, and in GTK 4.8 merging the last batch of a
 * 100,000-row listing (34,000 rows) held one frame 0.26 s on a quiet
 * machine (~8 us a row, and ~15 ms a merge whatever its size, so the
 * step is a fixed size: one that adapted to the last step's time shrank
 * to 1,024 rows and tripled the merges). Items not looked at yet
 * ("pending") are always the model's last ones.
 *
 * With a widening step set (davscope_filter_model_set_widen_step), a
 * looser filter with many rows hidden looks at them for at most 20 ms an
 * idle iteration, from the top, and shows those it found a few at a time
 * (the step), four steps, then all found so far at each step: GTK 4.8's
 * list view makes up to 200 row widgets at once for the rows that come
 * back, which made widening Find one long frame. Every state in between
 * is a real list: the new rows up to a position, the old ones after it.
 *
 * With a narrowing step set (davscope_filter_model_set_narrow_step), a
 * stricter filter over more than four steps of rows looks at the rows
 * shown, from the top, at most a step of them or 20 ms an idle iteration,
 * and shows the rows kept in one change at the end; until then the rows
 * shown stay the old filter's. Asking a filter about 1,000,000 rows above
 * the tree held one frame 0.6 s, and 100,000 rows sorted away from the
 * server's order 0.4 s. A change of the model meanwhile has the rows from
 * it on looked at again (those above it stand); a stricter filter starts
 * it again from the top; a looser or different one looks at every row.
 */

#include "davscope-filter-model.h"

/* The longest a step of narrowing or widening asks the filter, so that a
 * frame comes between steps. The cost of a row depends on the order of
 * the rows above the sort (benchmarks/RESULTS.md, s12a): the same 100,000
 * rows cost 0.8 us each when sorted in the server's order and 4 us in
 * name order, where each lookup through GtkTreeListModel's and
 * GListStore's trees misses the caches; a step of a fixed count of rows
 * was 0.08 s in the one and 0.4 s in the other. */
#define STEP_BUDGET_US 20000
/* How often a step looks at the clock, in rows. */
#define CLOCK_EVERY 64

struct _DavscopeFilterModel
{
  GObject     parent_instance;

  GListModel *model;
  GtkFilter  *filter;
  GArray     *matches;   /* guint positions in @model, ascending */
  guint       seen;      /* items of @model looked at: the first ones */
  guint       step;      /* appended items taken at once; 0: all */
  guint       idle_id;
  guint       late_id;   /* the steps' fallback at default priority */
  gint64      stepped;   /* when the last step was taken (monotonic) */
  guint       widen_step;
  GArray     *target;    /* while widening: the new positions found so far */
  guint       shown;     /* … of which the first ones are in @matches */
  GArray     *was;       /* … the positions shown when it started */
  guint       was_next;  /* … the first of them at or after @looked */
  guint       looked;    /* … positions of @model looked at: the first ones */
  guint       widen_id;
  guint       narrow_step;
  guint       narrowed;  /* while narrowing: @matches looked at so far */
  GArray     *kept;      /* … the positions of those that stay */
  guint       narrow_id;
  gboolean    match_all;
  guint       slice;     /* a permutation announced in slices this big; 0: whole */
  /* @model's get_item, looked up once: g_list_model_get_item checks the
   * interface and looks it up on every call (~110 instructions), and the
   * list, the sort's keys, a select all and Find ask row after row. */
  gpointer  (*get_item) (GListModel *model,
                         guint       position);
};

enum {
  PROP_0,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void davscope_filter_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DavscopeFilterModel, davscope_filter_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, davscope_filter_model_list_model_init))

static GType
davscope_filter_model_get_item_type (GListModel *list)
{
  DavscopeFilterModel *self = DAVSCOPE_FILTER_MODEL (list);

  return g_list_model_get_item_type (self->model);
}

static guint
davscope_filter_model_get_n_items (GListModel *list)
{
  return DAVSCOPE_FILTER_MODEL (list)->matches->len;
}

static gpointer
davscope_filter_model_get_item (GListModel *list,
                                guint       position)
{
  DavscopeFilterModel *self = (DavscopeFilterModel *) list;

  if (position >= self->matches->len)
    return NULL;
  return self->get_item (self->model, g_array_index (self->matches, guint, position));
}

static void
davscope_filter_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = davscope_filter_model_get_item_type;
  iface->get_n_items = davscope_filter_model_get_n_items;
  iface->get_item = davscope_filter_model_get_item;
}

static gboolean
matches (DavscopeFilterModel *self,
         guint                position)
{
  g_autoptr(GObject) item = NULL;

  if (self->match_all)
    return TRUE;
  item = self->get_item (self->model, position);
  return item != NULL && gtk_filter_match (self->filter, item);
}

/* The first index whose position is at least @position. */
static guint
lower_bound (GArray *array,
             guint   position)
{
  guint low = 0, high = array->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (g_array_index (array, guint, mid) < position)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

static void finish_widening (DavscopeFilterModel *self);

/* Looks at the items from @seen to @to, all after the ones looked at. */
static void
take_tail (DavscopeFilterModel *self,
           guint                to)
{
  guint before = self->matches->len;

  for (guint i = self->seen; i < to; i++)
    if (matches (self, i))
      g_array_append_val (self->matches, i);
  self->seen = to;

  if (self->matches->len > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, self->matches->len - before);
}

static void
take_step (DavscopeFilterModel *self)
{
  guint n = g_list_model_get_n_items (self->model);

  take_tail (self, self->seen + MIN (n - self->seen, self->step));
}

/* Steps wait at most this long for an idle main loop. */
#define LATE_STEP_MS 100

/* A step; at the last one, the sources go (TRUE: more to take). */
static gboolean
step_and_continue (DavscopeFilterModel *self,
                   guint               *from)
{
  take_step (self);
  self->stepped = g_get_monotonic_time ();
  if (self->seen < g_list_model_get_n_items (self->model))
    return TRUE;

  /* The one dispatching goes by its return value. */
  *from = 0;
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->late_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  return FALSE;
}

static gboolean
on_idle_step (gpointer user_data)
{
  DavscopeFilterModel *self = user_data;

  return step_and_continue (self, &self->idle_id) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* A main loop that is never idle (frames that take longer than their
 * interval while a spinner keeps the frame clock running: a slow machine,
 * or valgrind) would hold the steps off for good, and the folder would
 * never be all in. So a step that waited LATE_STEP_MS is taken at
 * default priority, between frames. */
static gboolean
on_late_step (gpointer user_data)
{
  DavscopeFilterModel *self = user_data;

  if (g_get_monotonic_time () - self->stepped < LATE_STEP_MS * 1000)
    return G_SOURCE_CONTINUE;
  return step_and_continue (self, &self->late_id) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Idle priority: frames (GDK_PRIORITY_REDRAW) and the network go first. */
static void
schedule_step (DavscopeFilterModel *self)
{
  if (self->idle_id == 0 && self->seen < g_list_model_get_n_items (self->model))
    {
      self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_idle_step, self, NULL);
      self->stepped = g_get_monotonic_time ();
      if (self->late_id == 0)
        self->late_id = g_timeout_add_full (G_PRIORITY_DEFAULT, LATE_STEP_MS, on_late_step, self, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
}

static void refilter (DavscopeFilterModel *self,
                      GtkFilterChange      change);

static void
apply_change (DavscopeFilterModel *self,
              GListModel          *model,
              guint                position,
              guint                removed,
              guint                added)
{
  guint first, end;
  g_autoptr(GArray) found = NULL;
  guint *positions;

  /* Only items not looked at yet changed. */
  if (position > self->seen)
    return;

  /* Appended after what was looked at: all of it, or a step. */
  if (position == self->seen)
    {
      if (self->step == 0)
        take_tail (self, g_list_model_get_n_items (model));
      else
        {
          take_step (self);
          schedule_step (self);
        }
      return;
    }

  /* Removed items past @seen were never looked at. */
  removed = MIN (removed, self->seen - position);

  /* Every row shown, as Find with nothing typed: the positions stay
   * 0, 1, 2, … and only their count changes. GtkSortListModel below
   * announces a merged batch as one change over nearly every row: the
   * array is not searched and rebuilt for it. */
  if (self->match_all && self->matches->len == self->seen)
    {
      guint n = self->seen - removed + added;
      /* Read once: a handler may select a row, and the view then sets it to 0. */
      guint slice = self->slice;

      if (n < self->seen)
        g_array_set_size (self->matches, n);
      for (guint i = self->seen; i < n; i++)
        g_array_append_val (self->matches, i);
      self->seen = n;
      /* Rows moved in place (a sort step): in slices, see
       * davscope_filter_model_set_slice. */
      if (slice > 0 && removed == added)
        for (guint done = 0; done < added; done += slice)
          {
            guint count = MIN (slice, added - done);

            g_list_model_items_changed (G_LIST_MODEL (self), position + done, count, count);
          }
      else
        g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }
  first = lower_bound (self->matches, position);
  end = lower_bound (self->matches, position + removed);
  found = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = position; i < position + added; i++)
    if (matches (self, i))
      g_array_append_val (found, i);

  /* The tail moves by what came and went before it. */
  positions = (guint *) (gpointer) self->matches->data;
  for (guint i = end; i < self->matches->len; i++)
    positions[i] = positions[i] - removed + added;
  self->seen = self->seen - removed + added;

  g_array_remove_range (self->matches, first, end - first);
  g_array_insert_vals (self->matches, first, found->data, found->len);

  if (end > first || found->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), first, end - first, found->len);
}

/* The time a step ends: now + STEP_BUDGET_US. */
static gint64
step_deadline (void)
{
  return g_get_monotonic_time () + STEP_BUDGET_US;
}

/* Whether a step that may run until @deadline (0: no end) stops at its
 * @done-th row. */
static gboolean
step_over (gint64 deadline,
           guint  done)
{
  return deadline != 0 && done % CLOCK_EVERY == 0 && g_get_monotonic_time () >= deadline;
}

/* Announces @matches in place of @old as one range: what both share at
 * the start and at the end stays. */
static void
announce (DavscopeFilterModel *self,
          GArray              *old)
{
  const guint *before = (const guint *) (gpointer) old->data;
  const guint *after = (const guint *) (gpointer) self->matches->data;
  guint prefix = 0, suffix = 0;

  while (prefix < old->len && prefix < self->matches->len && before[prefix] == after[prefix])
    prefix++;
  while (suffix < old->len - prefix && suffix < self->matches->len - prefix &&
         before[old->len - 1 - suffix] == after[self->matches->len - 1 - suffix])
    suffix++;

  if (old->len != prefix + suffix || self->matches->len != prefix + suffix)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix,
                                self->matches->len - prefix - suffix);
}

/* Looks at the next @count rows shown with the (stricter) filter, fewer
 * if @deadline (0: none) comes first; after the last, shows the rows kept
 * at once. The rows shown stay as they are until then: taking them away
 * a step at a time from the top made GTK 4.8's list view make and bind
 * the row widgets of the screen again at each step (0.3-1.4 s a step at
 * 100,000 rows on a loaded machine). Returns whether rows are left. */
static gboolean
narrow_by (DavscopeFilterModel *self,
           guint                count,
           gint64               deadline)
{
  guint from = self->narrowed;
  guint to = MIN (self->matches->len, from + count);
  const guint *shown = (const guint *) (gpointer) self->matches->data;
  g_autoptr(GArray) old = NULL;

  for (guint i = from; i < to; i++)
    {
      if (i > from && step_over (deadline, i - from))
        {
          to = i;
          break;
        }
      if (matches (self, shown[i]))
        g_array_append_val (self->kept, shown[i]);
    }
  self->narrowed = to;
  if (to < self->matches->len)
    return TRUE;

  old = g_steal_pointer (&self->matches);
  self->matches = g_steal_pointer (&self->kept);
  announce (self, old);
  return FALSE;
}

static void
start_narrowing (DavscopeFilterModel *self)
{
  self->narrowed = 0;
  if (self->kept != NULL)
    g_array_set_size (self->kept, 0);
  else
    self->kept = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
stop_narrowing (DavscopeFilterModel *self)
{
  g_clear_handle_id (&self->narrow_id, g_source_remove);
  g_clear_pointer (&self->kept, g_array_unref);
}

static void
finish_narrowing (DavscopeFilterModel *self)
{
  if (self->narrow_id == 0)
    return;

  g_clear_handle_id (&self->narrow_id, g_source_remove);
  narrow_by (self, self->matches->len - self->narrowed, 0);
}

static gboolean
on_narrow_step (gpointer user_data)
{
  DavscopeFilterModel *self = user_data;

  if (narrow_by (self, self->narrow_step, step_deadline ()))
    return G_SOURCE_CONTINUE;
  self->narrow_id = 0;
  return G_SOURCE_REMOVE;
}

static void
on_items_changed (GListModel          *model,
                  guint                position,
                  guint                removed,
                  guint                added,
                  DavscopeFilterModel *self)
{
  /* A widening under way stops where it is (its positions are the old
   * model's, so it cannot be finished now); what it still had to show
   * comes back through a looser filtering afterwards. */
  gboolean widening = self->target != NULL;
  gboolean narrowing = self->narrow_id != 0;

  /* A narrowing goes on: what it looked at above the change stands (those
   * positions did not move); from the change on it looks again. Starting
   * from the top at each change, a folder still listing (a batch an idle
   * turn) kept Find from ever showing its rows until the listing ended. */
  if (narrowing && !widening)
    {
      guint first = lower_bound (self->matches, position);

      if (first < self->narrowed)
        {
          g_array_set_size (self->kept, lower_bound (self->kept, position));
          self->narrowed = first;
        }
      apply_change (self, model, position, removed, added);
      return;
    }

  if (widening)
    {
      g_clear_handle_id (&self->widen_id, g_source_remove);
      g_clear_pointer (&self->target, g_array_unref);
      g_clear_pointer (&self->was, g_array_unref);
    }
  /* Both at once: the narrowing's positions are the widening's too. */
  stop_narrowing (self);
  apply_change (self, model, position, removed, added);
  if (narrowing)
    refilter (self, GTK_FILTER_CHANGE_MORE_STRICT);
  if (widening)
    refilter (self, GTK_FILTER_CHANGE_LESS_STRICT);
}

/* Looks at the rows from @looked on, until @deadline (0: to the end):
 * a row shown stays, a hidden one meets the (looser) filter. */
static void
widen_look (DavscopeFilterModel *self,
            gint64               deadline)
{
  const guint *was = (const guint *) (gpointer) self->was->data;
  guint done = 0;

  while (self->looked < self->seen)
    {
      guint i = self->looked;
      gboolean shown = self->was_next < self->was->len && was[self->was_next] == i;

      if (done > 0 && step_over (deadline, done))
        break;
      if (shown)
        self->was_next++;
      if (shown || matches (self, i))
        g_array_append_val (self->target, i);
      self->looked++;
      done++;
    }
}

/* Shows @target up to its @to-th position; the old rows after it stay.
 * Only for a looser filter: the old rows looked at are all in @target,
 * the others all after @looked. */
static void
widen_to (DavscopeFilterModel *self,
          guint                to)
{
  guint *want = (guint *) (gpointer) self->target->data;
  guint from = self->shown;
  guint old_from, old_to;
  g_autoptr(GArray) next = NULL;

  if (to <= from)
    return;

  /* The old rows replaced: those from want[from] up to want[to - 1], or
   * to the last row looked at. */
  old_from = lower_bound (self->matches, want[from]);
  old_to = lower_bound (self->matches, to < self->target->len ? want[to] : self->looked);

  next = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->target->len);
  g_array_append_vals (next, want, to);
  g_array_append_vals (next, (guint *) (gpointer) self->matches->data + old_to, self->matches->len - old_to);
  g_array_unref (self->matches);
  self->matches = g_steal_pointer (&next);
  self->shown = to;

  g_list_model_items_changed (G_LIST_MODEL (self), from, old_to - old_from, to - from);
}

static void
finish_widening (DavscopeFilterModel *self)
{
  if (self->target == NULL)
    return;

  g_clear_handle_id (&self->widen_id, g_source_remove);
  widen_look (self, 0);
  widen_to (self, self->target->len);
  g_clear_pointer (&self->target, g_array_unref);
  g_clear_pointer (&self->was, g_array_unref);
}

/* Looks at rows for a step's time; shows a screenful or so of those found
 * a step while row widgets are made (GTK 4.8 keeps 200), then all found,
 * which only need places in the list. */
static gboolean
widen_step (DavscopeFilterModel *self)
{
  widen_look (self, step_deadline ());
  if (self->shown < 4 * self->widen_step)
    widen_to (self, MIN (self->target->len, self->shown + self->widen_step));
  else
    widen_to (self, self->target->len);
  return self->looked < self->seen || self->shown < self->target->len;
}

static gboolean
on_widen_step (gpointer user_data)
{
  DavscopeFilterModel *self = user_data;

  if (widen_step (self))
    return G_SOURCE_CONTINUE;

  self->widen_id = 0;
  finish_widening (self);
  return G_SOURCE_REMOVE;
}

static void
refilter (DavscopeFilterModel *self,
          GtkFilterChange      change)
{
  guint n = self->seen;  /* the rest is filtered when its step comes */
  g_autoptr(GArray) old = NULL;
  guint *before;
  guint next = 0;  /* in @old */

  finish_widening (self);
  if (self->narrow_id != 0)
    {
      /* Stricter again: every row shown is looked at again. Else the
       * rows shown met only the filter before the last one. */
      if (change == GTK_FILTER_CHANGE_MORE_STRICT)
        {
          start_narrowing (self);
          return;
        }
      stop_narrowing (self);
      change = GTK_FILTER_CHANGE_DIFFERENT;
    }
  if (change == GTK_FILTER_CHANGE_MORE_STRICT && !self->match_all &&
      self->narrow_step > 0 && self->matches->len > 4 * self->narrow_step)
    {
      start_narrowing (self);
      if (narrow_by (self, self->narrow_step, step_deadline ()))
        self->narrow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_narrow_step, self, NULL);
      return;
    }
  /* Many rows hidden, which may come back: looked at and shown in steps
   * from the top, the old rows staying after the point reached. */
  if (self->widen_step > 0 && change == GTK_FILTER_CHANGE_LESS_STRICT &&
      n - self->matches->len > 4 * self->widen_step)
    {
      self->was = g_array_copy (self->matches);
      self->was_next = 0;
      self->looked = 0;
      self->target = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
      self->shown = 0;
      if (widen_step (self))
        self->widen_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_widen_step, self, NULL);
      else
        finish_widening (self);
      return;
    }
  old = g_steal_pointer (&self->matches);
  before = (guint *) (gpointer) old->data;

  self->matches = g_array_sized_new (FALSE, FALSE, sizeof (guint), old->len);
  for (guint i = 0; i < n; i++)
    {
      gboolean was = next < old->len && before[next] == i;
      gboolean is;

      if (was)
        next++;
      /* A stricter filter keeps no row it dropped; a looser one drops
       * no row it kept. */
      if (change == GTK_FILTER_CHANGE_MORE_STRICT && !was)
        continue;
      if (change == GTK_FILTER_CHANGE_LESS_STRICT && was)
        is = TRUE;
      else
        is = matches (self, i);
      if (is)
        g_array_append_val (self->matches, i);
    }

  announce (self, old);
}

static void
on_filter_changed (GtkFilter           *filter,
                   GtkFilterChange      change,
                   DavscopeFilterModel *self)
{
  refilter (self, change);
}

void
davscope_filter_model_set_narrow_step (DavscopeFilterModel *self,
                                       guint                step)
{
  g_return_if_fail (DAVSCOPE_IS_FILTER_MODEL (self));

  self->narrow_step = step;
  if (step == 0)
    finish_narrowing (self);
}

gboolean
davscope_filter_model_is_narrowing (DavscopeFilterModel *self)
{
  g_return_val_if_fail (DAVSCOPE_IS_FILTER_MODEL (self), FALSE);

  return self->narrow_id != 0;
}

void
davscope_filter_model_set_step (DavscopeFilterModel *self,
                                guint                step)
{
  g_return_if_fail (DAVSCOPE_IS_FILTER_MODEL (self));

  self->step = step;
  if (step == 0 && self->seen < g_list_model_get_n_items (self->model))
    {
      g_clear_handle_id (&self->idle_id, g_source_remove);
      g_clear_handle_id (&self->late_id, g_source_remove);
      take_tail (self, g_list_model_get_n_items (self->model));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
}

void
davscope_filter_model_set_widen_step (DavscopeFilterModel *self,
                                      guint                step)
{
  g_return_if_fail (DAVSCOPE_IS_FILTER_MODEL (self));

  finish_widening (self);
  self->widen_step = step;
}

guint
davscope_filter_model_get_pending (DavscopeFilterModel *self)
{
  g_return_val_if_fail (DAVSCOPE_IS_FILTER_MODEL (self), 0);

  return g_list_model_get_n_items (self->model) - self->seen;
}

void
davscope_filter_model_set_match_all (DavscopeFilterModel *self,
                                     gboolean             match_all)
{
  g_return_if_fail (DAVSCOPE_IS_FILTER_MODEL (self));

  self->match_all = match_all;
}

/* With every row shown (match all), a change that moves rows within a
 * span without adding or removing any (a step of GtkSortListModel) is
 * announced as changes of @slice rows each (0: one change). GTK 4.8's
 * list (gtk_list_item_manager_model_items_changed_cb) fetches every
 * added item of a change whose removed part holds a row it tracks (the
 * top row shown, the focus), to find where it moved: through the tree
 * model, ~1.4 us a row at 1,000,000 rows, so each sort step of a big
 * folder over the rows shown held a frame 0.3-0.8 s. In slices it
 * fetches one slice. The cost: GtkMultiSelection follows a selected row
 * only within one change, so the caller slices only while nothing is
 * selected; a tracked row that moved out of its slice is not followed
 * either (the view stays where it was, as it should while sorting). */
void
davscope_filter_model_set_slice (DavscopeFilterModel *self,
                                 guint                slice)
{
  g_return_if_fail (DAVSCOPE_IS_FILTER_MODEL (self));

  self->slice = slice;
}

GListModel *
davscope_filter_model_get_model (DavscopeFilterModel *self)
{
  g_return_val_if_fail (DAVSCOPE_IS_FILTER_MODEL (self), NULL);

  return self->model;
}

static void
davscope_filter_model_dispose (GObject *object)
{
  DavscopeFilterModel *self = DAVSCOPE_FILTER_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, on_filter_changed, self);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->late_id, g_source_remove);
  g_clear_handle_id (&self->widen_id, g_source_remove);
  stop_narrowing (self);
  g_clear_pointer (&self->target, g_array_unref);
  g_clear_pointer (&self->was, g_array_unref);
  g_clear_object (&self->model);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (davscope_filter_model_parent_class)->dispose (object);
}

static void
davscope_filter_model_finalize (GObject *object)
{
  DavscopeFilterModel *self = DAVSCOPE_FILTER_MODEL (object);

  g_array_unref (self->matches);

  G_OBJECT_CLASS (davscope_filter_model_parent_class)->finalize (object);
}

static void
davscope_filter_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DavscopeFilterModel *self = DAVSCOPE_FILTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_uint (value, self->model != NULL ? davscope_filter_model_get_pending (self) : 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
davscope_filter_model_class_init (DavscopeFilterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = davscope_filter_model_dispose;
  object_class->finalize = davscope_filter_model_finalize;
  object_class->get_property = davscope_filter_model_get_property;

  /* Items of the model not looked at yet; notified when some wait and
   * when none are left. */
  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
davscope_filter_model_init (DavscopeFilterModel *self)
{
  self->matches = g_array_new (FALSE, FALSE, sizeof (guint));
}

DavscopeFilterModel *
davscope_filter_model_new (GListModel *model,
                           GtkFilter  *filter)
{
  DavscopeFilterModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (GTK_IS_FILTER (filter), NULL);

  self = g_object_new (DAVSCOPE_TYPE_FILTER_MODEL, NULL);
  self->model = model;
  self->get_item = G_LIST_MODEL_GET_IFACE (model)->get_item;
  self->filter = filter;
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), self);
  g_signal_connect (filter, "changed", G_CALLBACK (on_filter_changed), self);
  on_items_changed (model, 0, 0, g_list_model_get_n_items (model), self);

  return self;
}
