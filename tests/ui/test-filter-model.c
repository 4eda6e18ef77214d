/* test-filter-model.c: DavscopeFilterModel against a plain list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change the model announces is replayed on a mirror (a GPtrArray
 * of the items), which must equal the model, and the model what the
 * filter keeps, after every step: appends taken in steps, changes in
 * the middle while steps are pending, stricter and looser filters, and
 * a widening shown in steps, and steps cut short by their time budget
 * when each row is slow to filter. No display is needed.
 */

#include <gtk/gtk.h>

#include "davscope-filter-model.h"
#include "model-mirror.h"

typedef struct {
  GListStore          *store;
  GtkFilter           *filter;
  DavscopeFilterModel *model;
  GPtrArray           *mirror;
  char                *needle;   /* names must hold it; NULL: any */
  guint                changes;
  guint                asked;    /* calls of keep () */
  gulong               delay;    /* microseconds keep () takes */
  gboolean             mixed;    /* narrowing: rows past its point met the old filter */
} Fixture;

static gboolean
keep (gpointer item,
      gpointer user_data)
{
  Fixture *f = user_data;
  const char *name = gtk_string_object_get_string (item);

  f->asked++;
  if (f->delay > 0)
    g_usleep (f->delay);
  return name[0] != '.' && (f->needle == NULL || strstr (name, f->needle) != NULL);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  model_mirror_apply (f->mirror, model, position, removed, added);
  f->changes++;
}

/* The mirror is the model; with @settled, the model is the filtered store. */
static void
check (Fixture  *f,
       gboolean  settled)
{
  GListModel *model = G_LIST_MODEL (f->model);
  guint n = g_list_model_get_n_items (model);
  guint j = 0;
  /* Its own calls of keep () are not the model's. */
  guint asked = f->asked;
  gulong delay = f->delay;

  f->delay = 0;

  g_assert_cmpuint (f->mirror->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_true (item == g_ptr_array_index (f->mirror, i));
      if (settled || !f->mixed)
        g_assert_true (keep (item, f));
    }
  g_assert_null (g_list_model_get_item (model, n));
  f->asked = asked;
  f->delay = delay;
  if (!settled)
    return;

  g_assert_cmpuint (davscope_filter_model_get_pending (f->model), ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->store)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (f->store), i);

      if (keep (item, f))
        g_assert_true (j < n && g_ptr_array_index (f->mirror, j++) == item);
    }
  g_assert_cmpuint (j, ==, n);
  f->asked = asked;
  f->delay = delay;
}

static void
settle (Fixture *f)
{
  while (g_main_context_pending (NULL))
    {
      g_main_context_iteration (NULL, FALSE);
      check (f, FALSE);
    }
  check (f, TRUE);
}

static void
append (Fixture *f,
        guint    n,
        guint    from)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%sf%05u", (from + i) % 17 == 0 ? "." : "", from + i);

      g_ptr_array_add (items, gtk_string_object_new (name));
    }
  g_list_store_splice (f->store, g_list_model_get_n_items (G_LIST_MODEL (f->store)), 0, items->pdata, n);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  append (f, 50, 0);
  f->filter = GTK_FILTER (gtk_custom_filter_new (keep, f, NULL));
  f->model = davscope_filter_model_new (g_object_ref (G_LIST_MODEL (f->store)), g_object_ref (f->filter));
  f->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->model)); i++)
    g_ptr_array_add (f->mirror, g_list_model_get_item (G_LIST_MODEL (f->model), i));
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed), f);
  check (f, TRUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->model);
  g_clear_object (&f->filter);
  g_clear_object (&f->store);
  g_clear_pointer (&f->mirror, g_ptr_array_unref);
  g_clear_pointer (&f->needle, g_free);
  /* What the model left on the main context goes with it. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
set_needle (Fixture         *f,
            const char      *needle,
            GtkFilterChange  change)
{
  g_free (f->needle);
  f->needle = g_strdup (needle);
  gtk_filter_changed (f->filter, change);
}

/* Without a step every change is taken at once. */
static void
test_whole (Fixture       *f,
            gconstpointer  data)
{
  append (f, 1000, 50);
  check (f, TRUE);
  g_list_store_splice (f->store, 10, 300, NULL, 0);
  check (f, TRUE);
  set_needle (f, "f001", GTK_FILTER_CHANGE_MORE_STRICT);
  check (f, TRUE);
  set_needle (f, "f0", GTK_FILTER_CHANGE_LESS_STRICT);
  check (f, TRUE);
  set_needle (f, "f1", GTK_FILTER_CHANGE_DIFFERENT);
  check (f, TRUE);
}

/* A big append comes in steps, one an idle iteration; changes before,
 * inside and after the pending items on the way. */
static void
test_steps (Fixture       *f,
            gconstpointer  data)
{
  guint changes;

  davscope_filter_model_set_step (f->model, 100);
  changes = f->changes;
  append (f, 1000, 50);
  check (f, FALSE);
  g_assert_cmpuint (davscope_filter_model_get_pending (f->model), ==, 900);

  g_main_context_iteration (NULL, FALSE);
  check (f, FALSE);
  g_assert_cmpuint (davscope_filter_model_get_pending (f->model), ==, 800);
  /* Removed across what was taken and what is pending. */
  g_list_store_splice (f->store, 150, 200, NULL, 0);
  check (f, FALSE);
  /* Appended behind the pending ones, and a filter change meanwhile. */
  append (f, 300, 2000);
  set_needle (f, "f0", GTK_FILTER_CHANGE_MORE_STRICT);
  check (f, FALSE);
  g_list_store_remove (f->store, 3);
  settle (f);
  g_assert_cmpuint (f->changes - changes, >, 5);

  /* Back to a step of 0: what is pending is taken at once. */
  append (f, 500, 3000);
  davscope_filter_model_set_step (f->model, 0);
  check (f, TRUE);
}

/* Frames always due (each longer than its interval), as on a slow
 * machine while a spinner turns: the main loop is never idle. */
static gboolean
on_busy_frame (gpointer user_data)
{
  g_usleep (2000);
  return G_SOURCE_CONTINUE;
}

/* Steps still come when the main loop is never idle, at default
 * priority after a wait, and then only with the wait between them. */
static void
test_steps_never_idle (Fixture       *f,
                       gconstpointer  data)
{
  guint busy = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, on_busy_frame, NULL, NULL);
  gint64 start = g_get_monotonic_time ();
  guint iterations = 0;

  davscope_filter_model_set_step (f->model, 100);
  append (f, 1000, 50);
  g_assert_cmpuint (davscope_filter_model_get_pending (f->model), ==, 900);
  while (davscope_filter_model_get_pending (f->model) > 0 &&
         g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
    {
      g_main_context_iteration (NULL, TRUE);
      iterations++;
      check (f, FALSE);
    }
  g_source_remove (busy);

  g_assert_cmpuint (davscope_filter_model_get_pending (f->model), ==, 0);
  /* Nine steps, each after ~100 ms of frames (~50 of them). */
  g_assert_cmpuint (iterations, >, 9 * 20);
  settle (f);
}

/* A looser filter bringing many rows back shows them from the top, a
 * step at a time; any change meanwhile finishes it first. */
static void
test_widen (Fixture       *f,
            gconstpointer  data)
{
  davscope_filter_model_set_widen_step (f->model, 10);
  append (f, 2000, 50);
  set_needle (f, "f0001", GTK_FILTER_CHANGE_MORE_STRICT);
  check (f, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), <, 20);

  set_needle (f, "f0", GTK_FILTER_CHANGE_LESS_STRICT);
  check (f, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), <, 40);
  g_main_context_iteration (NULL, FALSE);
  check (f, FALSE);
  settle (f);

  set_needle (f, "f00011", GTK_FILTER_CHANGE_MORE_STRICT);
  set_needle (f, NULL, GTK_FILTER_CHANGE_LESS_STRICT);
  check (f, FALSE);
  /* A change of the model meanwhile: what was shown stays, the rest
   * comes in steps again. */
  g_list_store_splice (f->store, 5, 100, NULL, 0);
  check (f, FALSE);
  settle (f);

  set_needle (f, "f00011", GTK_FILTER_CHANGE_MORE_STRICT);
  set_needle (f, NULL, GTK_FILTER_CHANGE_LESS_STRICT);
  set_needle (f, "f001", GTK_FILTER_CHANGE_MORE_STRICT);
  check (f, TRUE);
}

/* A stricter filter with a narrowing step looks at that many rows shown
 * an idle iteration; stricter again or a change of the model starts it
 * over, a looser filter looks at every row at once. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (f->model);

  davscope_filter_model_set_narrow_step (f->model, 100);
  /* At most four steps of rows: all at once. */
  set_needle (f, "f0001", GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_false (davscope_filter_model_is_narrowing (f->model));
  check (f, TRUE);
  set_needle (f, NULL, GTK_FILTER_CHANGE_LESS_STRICT);
  check (f, TRUE);
  append (f, 2000, 50);
  check (f, TRUE);
  f->mixed = TRUE;

  set_needle (f, "f001", GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_true (davscope_filter_model_is_narrowing (f->model));
  check (f, FALSE);
  /* The first step's rows narrowed, the others not yet. */
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 1000);
  g_main_context_iteration (NULL, FALSE);
  check (f, FALSE);
  set_needle (f, "f0011", GTK_FILTER_CHANGE_MORE_STRICT);
  check (f, FALSE);
  settle (f);
  g_assert_false (davscope_filter_model_is_narrowing (f->model));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 9);  /* f00110-f00118: .f00119 is hidden */

  set_needle (f, NULL, GTK_FILTER_CHANGE_LESS_STRICT);
  settle (f);
  set_needle (f, "f00", GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_true (davscope_filter_model_is_narrowing (f->model));
  g_list_store_splice (f->store, 5, 100, NULL, 0);
  check (f, FALSE);
  settle (f);

  set_needle (f, NULL, GTK_FILTER_CHANGE_LESS_STRICT);
  settle (f);
  set_needle (f, "f00", GTK_FILTER_CHANGE_MORE_STRICT);
  set_needle (f, "f0", GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_false (davscope_filter_model_is_narrowing (f->model));
  check (f, TRUE);
}

/* Rows arriving while a narrowing is under way (a folder still listing):
 * what it looked at above each change stands, so it ends within its
 * steps instead of starting again at every change; a change among the rows
 * it looked at has them looked at again, and the end is the filter's. */
static void
test_narrow_while_changing (Fixture       *f,
                            gconstpointer  data)
{
  guint steps = 0;

  append (f, 4000, 50);
  check (f, TRUE);
  davscope_filter_model_set_narrow_step (f->model, 200);
  f->mixed = TRUE;
  set_needle (f, "f00", GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_true (davscope_filter_model_is_narrowing (f->model));

  /* A row appended at each step: 4,050 rows take about 20 steps of 200. */
  while (davscope_filter_model_is_narrowing (f->model))
    {
      append (f, 1, 5000 + steps);
      g_main_context_iteration (NULL, FALSE);
      check (f, FALSE);
      g_assert_cmpuint (++steps, <, 40);
    }
  settle (f);

  /* Rows removed and added above the point it reached: it looks again
   * from there, and ends right. */
  set_needle (f, NULL, GTK_FILTER_CHANGE_LESS_STRICT);
  settle (f);
  set_needle (f, "f00", GTK_FILTER_CHANGE_MORE_STRICT);
  for (guint i = 0; i < 5 && davscope_filter_model_is_narrowing (f->model); i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (davscope_filter_model_is_narrowing (f->model));
  g_list_store_splice (f->store, 10, 300, NULL, 0);
  check (f, FALSE);
  append (f, 3, 9000);
  check (f, FALSE);
  settle (f);
  f->mixed = FALSE;
  check (f, TRUE);
}

/* Rows slow to filter (as rows sorted apart from the store's order are,
 * benchmarks/RESULTS.md, s12a): a step of narrowing or widening asks the
 * filter for its time budget (20 ms), not for all its rows, and the rows
 * looked at are the new filter's, the others the old one's. */
static void
test_budget (Fixture       *f,
             gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (f->model);
  guint hidden;

  append (f, 2000, 50);
  check (f, TRUE);
  davscope_filter_model_set_narrow_step (f->model, 400);
  davscope_filter_model_set_widen_step (f->model, 10);
  f->delay = 200;  /* ~100 rows in the budget */

  f->mixed = TRUE;
  f->asked = 0;
  set_needle (f, "f001", GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_true (davscope_filter_model_is_narrowing (f->model));
  g_assert_cmpuint (f->asked, <, 400);
  check (f, FALSE);
  g_main_context_iteration (NULL, FALSE);
  check (f, FALSE);
  settle (f);
  f->mixed = FALSE;
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 94);  /* f00100-f00199 but 6 hidden */

  /* Back to every name: the hidden rows are asked about a budget at a
   * time, and shown from the top as they are found. */
  hidden = g_list_model_get_n_items (G_LIST_MODEL (f->store)) - g_list_model_get_n_items (model);
  f->asked = 0;
  set_needle (f, "f", GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpuint (f->asked, <, hidden / 2);
  check (f, FALSE);
  for (guint i = 0; i < 4; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      check (f, FALSE);
    }
  g_assert_cmpuint (f->asked, <, hidden);
  /* Typing meanwhile finishes the widening first. */
  f->delay = 0;
  set_needle (f, "f0", GTK_FILTER_CHANGE_MORE_STRICT);
  settle (f);
  set_needle (f, NULL, GTK_FILTER_CHANGE_LESS_STRICT);
  settle (f);
}

/* Match-all keeps every item, hidden names too, without the filter; off
 * and a stricter filter, the filter's items again. */
static void
test_match_all (Fixture       *f,
                gconstpointer  data)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->model)) + 100;

  /* The items appended are all taken, the hidden ones among them too. */
  davscope_filter_model_set_match_all (f->model, TRUE);
  append (f, 100, 1000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, n);
  g_assert_cmpuint (f->mirror->len, ==, n);
  davscope_filter_model_set_match_all (f->model, FALSE);
  gtk_filter_changed (f->filter, GTK_FILTER_CHANGE_MORE_STRICT);
  check (f, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), <, n);
}

/* Every row shown: changes in the middle (as the sort model announces a
 * batch, run by run) keep the model the store, row for row. */
static void
test_match_all_middle (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *store = G_LIST_MODEL (f->store);
  g_autoptr(GtkStringObject) one = gtk_string_object_new ("new");
  GObject *two[] = { G_OBJECT (one), G_OBJECT (one) };

  davscope_filter_model_set_match_all (f->model, TRUE);
  gtk_filter_changed (f->filter, GTK_FILTER_CHANGE_LESS_STRICT);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_list_store_splice (f->store, 3, 0, (gpointer *) two, 2);
  g_list_store_splice (f->store, 10, 4, NULL, 0);
  g_list_store_splice (f->store, 0, 1, (gpointer *) two, 2);
  g_assert_cmpuint (f->mirror->len, ==, g_list_model_get_n_items (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, g_list_model_get_n_items (store));
  for (guint i = 0; i < f->mirror->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (store, i);
      g_autoptr(GObject) shown = g_list_model_get_item (G_LIST_MODEL (f->model), i);

      g_assert_true (item == g_ptr_array_index (f->mirror, i));
      g_assert_true (item == shown);
    }
}

static void
slice_off (DavscopeFilterModel *model)
{
  davscope_filter_model_set_slice (model, 0);
}

/* Every row shown, with a slice: rows moved in place (as a sort step
 * announces them) come as changes of at most a slice each, the model
 * still the store row for row after them; a change that adds or removes
 * rows stays one change. */
static void
test_match_all_slice (Fixture       *f,
                      gconstpointer  data)
{
  GListModel *store = G_LIST_MODEL (f->store);
  g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkStringObject) one = gtk_string_object_new ("new");
  guint changes;

  davscope_filter_model_set_match_all (f->model, TRUE);
  gtk_filter_changed (f->filter, GTK_FILTER_CHANGE_LESS_STRICT);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  davscope_filter_model_set_slice (f->model, 16);
  /* Rows 5..44 turned around: 40 rows in changes of 16, 16 and 8. */
  for (guint i = 44; i >= 5; i--)
    g_ptr_array_add (moved, g_list_model_get_item (store, i));
  changes = f->changes;
  g_list_store_splice (f->store, 5, 40, moved->pdata, moved->len);
  g_assert_cmpuint (f->changes - changes, ==, 3);
  for (guint i = 0; i < f->mirror->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (store, i);

      g_assert_true (item == g_ptr_array_index (f->mirror, i));
    }
  g_assert_cmpuint (f->mirror->len, ==, g_list_model_get_n_items (store));

  /* A handler that turns slicing off (the view does when a row gets
   * selected) ends neither the announcement nor the slices under way. */
  g_signal_connect_swapped (f->model, "items-changed", G_CALLBACK (slice_off), f->model);
  changes = f->changes;
  g_list_store_splice (f->store, 5, 40, moved->pdata, moved->len);
  g_assert_cmpuint (f->changes - changes, ==, 3);
  g_signal_handlers_disconnect_by_func (f->model, slice_off, f->model);
  for (guint i = 0; i < f->mirror->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (store, i);

      g_assert_true (item == g_ptr_array_index (f->mirror, i));
    }
  davscope_filter_model_set_slice (f->model, 16);

  changes = f->changes;
  g_list_store_splice (f->store, 2, 30, (gpointer *) &one, 1);
  g_assert_cmpuint (f->changes - changes, ==, 1);

  /* Without a slice, one change. */
  davscope_filter_model_set_slice (f->model, 0);
  changes = f->changes;
  g_list_store_splice (f->store, 0, 10, moved->pdata, 10);
  g_assert_cmpuint (f->changes - changes, ==, 1);
  check (f, FALSE);
  g_assert_cmpuint (f->mirror->len, ==, g_list_model_get_n_items (store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/filter-model/whole", Fixture, NULL, fixture_set_up, test_whole, fixture_tear_down);
  g_test_add ("/filter-model/steps", Fixture, NULL, fixture_set_up, test_steps, fixture_tear_down);
  g_test_add ("/filter-model/steps-never-idle", Fixture, NULL, fixture_set_up, test_steps_never_idle, fixture_tear_down);
  g_test_add ("/filter-model/widen", Fixture, NULL, fixture_set_up, test_widen, fixture_tear_down);
  g_test_add ("/filter-model/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/filter-model/narrow-while-changing", Fixture, NULL, fixture_set_up, test_narrow_while_changing, fixture_tear_down);
  g_test_add ("/filter-model/budget", Fixture, NULL, fixture_set_up, test_budget, fixture_tear_down);
  g_test_add ("/filter-model/match-all", Fixture, NULL, fixture_set_up, test_match_all, fixture_tear_down);
  g_test_add ("/filter-model/match-all-middle", Fixture, NULL, fixture_set_up, test_match_all_middle, fixture_tear_down);
  g_test_add ("/filter-model/match-all-slice", Fixture, NULL, fixture_set_up, test_match_all_slice, fixture_tear_down);

  return g_test_run ();
}
