/* davscope-bench.c: DAVSCOPE_BENCH=1, how the window copes with a big folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For benchmarks/run-gui. Prints on stderr, from the moment the window
 * asks for its root listing: the window's first frame, the first batch of
 * rows in the model, the first frame drawn with rows, the end of the
 * listing, and the frame after the whole folder is in and sorted; when
 * the first frame with rows and the first whose rows fill the view were
 * painted (their "-drawn" lines, at the frame clock's after-paint); each
 * with the CPU time and peak memory so far, and the longest time between
 * two frames while it loaded. Then it plays what a user does with the
 * folder and times it: paging through the rows a frame at a time, select
 * all, and sorting by another column (the time until every row is in its
 * place, and the longest frame gap meanwhile), and Find narrowed to one
 * name and widened back to every row (Backspace's worst case: the time
 * until every row is back in order, and the longest frame gap meanwhile).
 * With DAVSCOPE_BENCH_DELETE=1 it does instead, once the folder is in:
 * select all, the window's own Delete with its question answered "Delete",
 * and, while the answers come back, the longest frame gap of the window and
 * of the report window, and how many frames of the report window showed a
 * new progress (benchmarks/run-gui-rtt, issue 16).
 * Nothing of this runs
 * unless the variable is set: the application then attaches it to its
 * window, and it finds what it measures on its own, through public
 * widget and model APIs (the listing's GtkColumnView, the models under
 * it), so that the window and the view carry no bench code.
 *
 * Lines: "davscope-bench: WHAT SECONDS s, ROWS rows, CPU s CPU, PEAK MiB peak,
 * RSS MiB now, ANON MiB anon, FILE MiB file, SHMEM MiB shmem"
 * and "davscope-bench: WHAT VALUE s" for the gaps and durations.
 */

#include "davscope-bench.h"

#include <string.h>
#include <sys/resource.h>

#include "dav-folder.h"
#include "davscope-browser-view.h"
#include "davscope-filter-model.h"
#include "davscope-report-window.h"
#include "davscope-flat-model.h"
#include "davscope-split-model.h"

#define SCROLL_FRAMES 120
/* A frame gap this long is printed on its own line; DAVSCOPE_BENCH_FREEZE_MS
 * lowers it to see which step each longer frame was. */
#define FREEZE_USEC (250 * G_TIME_SPAN_MILLISECOND)
static gint64 freeze_usec = FREEZE_USEC;

typedef enum {
  PHASE_LOADING,
  PHASE_JUMP,
  PHASE_SCROLL,
  PHASE_SORT,
  PHASE_FIND_NARROW,
  PHASE_FIND_WIDEN,
  PHASE_DELETE,
  PHASE_DONE
} Phase;

typedef struct {
  GtkWidget           *window;       /* weak: the bench ends with it */
  GtkColumnView       *list;         /* the listing's */
  GtkSortListModel    *sorted;       /* the list's sorted rows */
  DavscopeFilterModel *taken;        /* the root's rows, taken in steps */
  DavscopeFilterModel *found;        /* Find's rows, narrowed in steps */
  DavFolder           *root;
  gulong               items_handler;
  gulong               root_handler;
  gulong               sort_handler;
  gulong               taken_handler;
  guint                tick_id;
  gint64               start;
  Phase                phase;
  gboolean             first_seen;
  gboolean             first_printed;
  gboolean             drawn_printed;
  gboolean             full_printed;
  GdkFrameClock       *clock;        /* weak */
  gulong               paint_handler;
  gboolean             listed_printed;
  gboolean             complete_due;
  gint64               last_frame;
  gint64               longest_gap;
  /* the phase being timed */
  gint64               phase_start;
  guint                frames;
  GArray              *intervals;
  /* DAVSCOPE_BENCH_DELETE=1: the bulk delete through the report window */
  gboolean             delete_mode;
  GtkWidget           *report;        /* weak */
  GtkWidget           *report_bar;    /* its progress bar */
  guint                report_tick_id;
  gint64               report_last_frame;
  gint64               report_longest_gap;
  char                *report_shown;  /* the progress text of its last frame */
  guint                report_changes;
  guint                report_notifies;
  gint64               delete_last_progress;
  guint                delete_target;
} Bench;

/* A field of /proc/self/status in MiB: VmRSS, what is resident now,
 * beside the peak (ru_maxrss is VmHWM), their difference being what a
 * step held only for a while; and what it is made of: RssAnon, the
 * process's own memory (the heap, and the pages of libraries written
 * when they were relocated: ~9 MiB of libLLVM's), RssFile, the pages of
 * mapped files (libraries and fonts: under Xvfb ~47 MiB of them are the
 * libLLVM that Mesa links, loaded by GDK's GL probe at display open even
 * when cairo draws), RssShmem, shared memory (the X server's image of
 * the window). */
static long
status_mib (const char *text,
            const char *field)
{
  const char *line = text != NULL ? strstr (text, field) : NULL;

  return line != NULL ? g_ascii_strtoll (line + strlen (field), NULL, 10) / 1024 : -1;
}

static void
print_at (Bench      *bench,
          const char *what)
{
  struct rusage usage;
  g_autofree char *status = NULL;

  getrusage (RUSAGE_SELF, &usage);
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  g_printerr ("davscope-bench: %s %.3f s, %u rows, %.2f s CPU, %ld MiB peak, %ld MiB now, %ld MiB anon, "
              "%ld MiB file, %ld MiB shmem\n", what,
              (g_get_monotonic_time () - bench->start) / (double) G_USEC_PER_SEC,
              g_list_model_get_n_items (G_LIST_MODEL (bench->root)),
              usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
              (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6,
              usage.ru_maxrss / 1024, status_mib (status, "\nVmRSS:"), status_mib (status, "\nRssAnon:"),
              status_mib (status, "\nRssFile:"), status_mib (status, "\nRssShmem:"));
}

static void
print_value (const char *what,
             gint64      usec)
{
  g_printerr ("davscope-bench: %s %.3f s\n", what, usec / (double) G_USEC_PER_SEC);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
start_sort (Bench *bench)
{
  bench->phase = PHASE_SORT;
  bench->phase_start = g_get_monotonic_time ();
  bench->longest_gap = 0;
  /* The select-all before it ran in this frame: not the sort's. */
  bench->last_frame = bench->phase_start;
  /* By size (the second column), largest first, as a click on the
   * header twice would. */
  {
    g_autoptr(GtkColumnViewColumn) size = g_list_model_get_item (gtk_column_view_get_columns (bench->list), 1);

    gtk_column_view_sort_by_column (bench->list, size, GTK_SORT_DESCENDING);
  }
}

/* Rows still to be placed: sorting, not taken in yet, or Find narrowing. */
static gboolean
is_sorting (Bench *bench)
{
  return gtk_sort_list_model_get_pending (bench->sorted) > 0 ||
         (bench->taken != NULL && davscope_filter_model_get_pending (bench->taken) > 0) ||
         (bench->found != NULL && davscope_filter_model_is_narrowing (bench->found));
}

static GtkWidget *find_widget (GtkWidget *widget,
                               GType      type);

/* Types @text into the listing's Find entry (NULL: deletes all but its
 * first letter), as the entry passes it on after its typing delay. */
static void
find_text (Bench      *bench,
           const char *text)
{
  GtkWidget *browser = gtk_widget_get_ancestor (GTK_WIDGET (bench->list), DAVSCOPE_TYPE_BROWSER_VIEW);
  GtkWidget *entry = find_widget (browser, GTK_TYPE_SEARCH_ENTRY);

  if (entry == NULL)
    return;

  davscope_browser_view_find (DAVSCOPE_BROWSER_VIEW (browser));
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  else
    /* Backspace over all but the first letter, never through an empty
     * entry on the way. */
    gtk_editable_delete_text (GTK_EDITABLE (entry), 1, -1);
  g_signal_emit_by_name (entry, "search-changed");
}

static void
select_all (Bench *bench)
{
  GtkSelectionModel *rows = gtk_column_view_get_model (bench->list);
  gint64 t0 = g_get_monotonic_time ();

  gtk_selection_model_select_all (rows);
  print_value ("select-all", g_get_monotonic_time () - t0);
  t0 = g_get_monotonic_time ();
  gtk_selection_model_unselect_all (rows);
  print_value ("unselect-all", g_get_monotonic_time () - t0);
  print_at (bench, "select-all-done");
}

/* ---- DAVSCOPE_BENCH_DELETE=1 --------------------------------------------- */

static void
on_report_progress (Bench *bench)
{
  bench->report_notifies++;
}

/* One call per frame of the report window: its gaps, and whether the
 * progress it shows changed since its last frame. */
static gboolean
on_report_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();
  const char *text;

  if (bench->report_last_frame != 0)
    bench->report_longest_gap = MAX (bench->report_longest_gap, now - bench->report_last_frame);
  else
    print_value ("delete-report-frame", now - bench->phase_start);
  bench->report_last_frame = now;

  text = bench->report_bar != NULL ? gtk_progress_bar_get_text (GTK_PROGRESS_BAR (bench->report_bar)) : NULL;
  if (g_strcmp0 (text, bench->report_shown) != 0)
    {
      bench->report_changes++;
      g_free (bench->report_shown);
      bench->report_shown = g_strdup (text);
    }

  return G_SOURCE_CONTINUE;
}

/* The report window the delete opened, once it is there. */
static void
watch_report (Bench *bench)
{
  GtkWidget *report = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && report == NULL; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (DAVSCOPE_IS_REPORT_WINDOW (window))
        report = window;
    }
  if (report == NULL)
    return;

  bench->report = report;
  g_object_add_weak_pointer (G_OBJECT (report), (gpointer *) &bench->report);
  bench->report_bar = find_widget (report, GTK_TYPE_PROGRESS_BAR);
  if (bench->report_bar != NULL)
    g_signal_connect_swapped (bench->report_bar, "notify::text", G_CALLBACK (on_report_progress), bench);
  bench->report_tick_id = gtk_widget_add_tick_callback (report, on_report_tick, bench, NULL);
}

/* Select all, Delete, and "Delete" in the question it asks. */
static void
start_delete (Bench *bench)
{
  GtkSelectionModel *rows = gtk_column_view_get_model (bench->list);
  GListModel *toplevels = gtk_window_get_toplevels ();

  bench->delete_target = g_list_model_get_n_items (G_LIST_MODEL (bench->root));
  gtk_selection_model_select_all (rows);
  gtk_widget_activate_action (bench->window, "win.delete", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        {
          bench->phase = PHASE_DELETE;
          bench->phase_start = g_get_monotonic_time ();
          bench->last_frame = bench->phase_start;
          bench->longest_gap = 0;
          bench->frames = 0;
          g_printerr ("davscope-bench: delete-start at %.6f\n", g_get_real_time () / (double) G_USEC_PER_SEC);
          adw_message_dialog_response (ADW_MESSAGE_DIALOG (window), "delete");
          gtk_window_destroy (GTK_WINDOW (window));
          watch_report (bench);
          return;
        }
    }
  g_printerr ("davscope-bench: delete-failed no question to answer\n");
  bench->phase = PHASE_DONE;
}

/* Every answer is in when the progress says so and the rows are gone. */
static gboolean
delete_tick (Bench  *bench,
             gint64  now)
{
  g_autofree char *all = NULL;

  if (bench->report == NULL && bench->report_tick_id == 0)
    watch_report (bench);
  if (bench->report_bar == NULL)
    return FALSE;
  all = g_strdup_printf ("%u of %u", bench->delete_target, bench->delete_target);
  if (bench->delete_last_progress == 0 && g_strcmp0 (bench->report_shown, all) == 0)
    {
      bench->delete_last_progress = now;
      print_value ("delete-all-answered", now - bench->phase_start);
    }
  if (bench->delete_last_progress == 0 || g_list_model_get_n_items (G_LIST_MODEL (bench->root)) > 0)
    return FALSE;
  /* And every row of the report is in its list (they go in a few a frame). */
  {
    GtkWidget *view = bench->report != NULL ? find_widget (bench->report, GTK_TYPE_LIST_VIEW) : NULL;
    GtkSelectionModel *rows = view != NULL ? gtk_list_view_get_model (GTK_LIST_VIEW (view)) : NULL;

    if (rows == NULL || g_list_model_get_n_items (G_LIST_MODEL (rows)) < bench->delete_target)
      return FALSE;
  }
  /* Ten frames more: what the end costs (the report's rows, the listing's
   * rows removed) is in the gaps too. */
  if (++bench->frames < 10)
    return FALSE;

  print_value ("delete-done", now - bench->phase_start);
  g_printerr ("davscope-bench: delete-report-rows %u\n", bench->delete_target);
  print_value ("delete-longest-frame-gap", bench->longest_gap);
  print_value ("delete-report-longest-frame-gap", bench->report_longest_gap);
  g_printerr ("davscope-bench: delete-progress-frames %u\n", bench->report_changes);
  g_printerr ("davscope-bench: delete-progress-updates %u\n", bench->report_notifies);
  print_at (bench, "delete-end");
  if (bench->report != NULL && bench->report_tick_id != 0)
    gtk_widget_remove_tick_callback (bench->report, bench->report_tick_id);
  bench->report_tick_id = 0;
  return TRUE;
}

/* The end of a frame: its rows are laid out and painted. */
static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  GtkAdjustment *adj;

  /* The listing may end in the frame that first draws it (PHASE_JUMP). */
  if (bench->root == NULL || bench->phase > PHASE_JUMP || bench->full_printed)
    return;

  if (bench->first_printed && !bench->drawn_printed)
    {
      print_at (bench, "first-rows-drawn");
      bench->drawn_printed = TRUE;
    }
  /* A screenful: more rows than the view shows, or the whole folder. */
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench->list));
  if (bench->drawn_printed && !bench->full_printed && adj != NULL &&
      (gtk_adjustment_get_upper (adj) > gtk_adjustment_get_page_size (adj) ||
       (dav_folder_get_loaded (bench->root) && !is_sorting (bench))))
    {
      print_at (bench, "screen-full-drawn");
      bench->full_printed = TRUE;
    }
}

/* One call per frame while the bench runs: the frame gaps, the phases. */
static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 gap;

  gap = bench->last_frame != 0 ? now - bench->last_frame : 0;

  if (bench->clock == NULL)
    {
      bench->clock = clock;
      g_object_add_weak_pointer (G_OBJECT (clock), (gpointer *) &bench->clock);
      bench->paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), bench);
    }

  if (bench->last_frame == 0)
    print_at (bench, "window-frame");
  bench->longest_gap = MAX (bench->longest_gap, gap);
  bench->last_frame = now;
  /* Each freeze, with where the rows were: which batch or step it was. */
  if (gap > freeze_usec)
    g_printerr ("davscope-bench: freeze %.3f s at %.3f s, %u rows, %u sorted in place\n",
                gap / (double) G_USEC_PER_SEC, (now - bench->start) / (double) G_USEC_PER_SEC,
                g_list_model_get_n_items (G_LIST_MODEL (bench->root)),
                g_list_model_get_n_items (G_LIST_MODEL (bench->sorted)) -
                gtk_sort_list_model_get_pending (bench->sorted));

  switch (bench->phase)
    {
    case PHASE_LOADING:
      /* The first frame after rows came in, and after the end. */
      if (bench->first_seen && !bench->first_printed)
        {
          print_at (bench, "first-rows");
          bench->first_printed = TRUE;
        }
      /* Due, and still so: an incremental sort may have started again
       * (a big folder's last rows) since it was found due. */
      if (bench->complete_due && is_sorting (bench))
        bench->complete_due = FALSE;
      if (bench->complete_due)
        {
          print_at (bench, "complete");
          print_value ("longest-frame-gap", bench->longest_gap);
          bench->phase = PHASE_JUMP;
          bench->frames = 0;
          if (bench->delete_mode)
            start_delete (bench);
        }
      break;

    case PHASE_JUMP:
      /* A drag of the scrollbar to the middle: the rows there are made
       * and bound at once; the next frame's gap is what it cost. */
      if (bench->frames == 0)
        {
          GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench->list));

          if (adj != NULL)
            gtk_adjustment_set_value (adj, (gtk_adjustment_get_upper (adj) -
                                            gtk_adjustment_get_page_size (adj)) / 2);
          bench->frames++;
          break;
        }
      print_value ("jump-middle", gap);
      bench->phase = PHASE_SCROLL;
      bench->frames = 0;
      g_array_set_size (bench->intervals, 0);
      break;

    case PHASE_SCROLL:
      {
        GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench->list));

        if (bench->frames > 0)
          g_array_append_val (bench->intervals, gap);
        if (adj != NULL && bench->frames < SCROLL_FRAMES)
          {
            /* A page a frame, the hardest scrolling: every row rebinds. */
            double next = gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj);

            /* From the middle on; from the top again at the end. */
            if (next > gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj))
              next = 0;
            gtk_adjustment_set_value (adj, next);
            bench->frames++;
            break;
          }
        if (bench->intervals->len > 0)
          {
            g_array_sort (bench->intervals, compare_gint64);
            print_value ("scroll-frame-median",
                         g_array_index (bench->intervals, gint64, bench->intervals->len / 2));
            print_value ("scroll-frame-longest",
                         g_array_index (bench->intervals, gint64, bench->intervals->len - 1));
          }
        print_at (bench, "scroll-done");
        select_all (bench);
        start_sort (bench);
      }
      break;

    case PHASE_SORT:
      if (!is_sorting (bench))
        {
          print_value ("resort", now - bench->phase_start);
          print_value ("resort-longest-frame-gap", bench->longest_gap);
          print_at (bench, "resort-done");
          bench->phase = PHASE_FIND_NARROW;
          bench->frames = 0;
          bench->phase_start = now;
          bench->longest_gap = 0;
          /* One name of benchmarks/run-gui's folder. */
          find_text (bench, "f00042");
        }
      break;

    case PHASE_FIND_NARROW:
      if (!is_sorting (bench) && ++bench->frames > 10)
        {
          /* Ten frames after the narrowed rows were in place. */
          print_value ("find-narrow-longest-frame-gap", bench->longest_gap);
          print_at (bench, "find-narrow-done");
          bench->phase = PHASE_FIND_WIDEN;
          bench->phase_start = now;
          bench->longest_gap = 0;
          /* Backspace to "f": every row comes back. */
          find_text (bench, NULL);
        }
      break;

    case PHASE_FIND_WIDEN:
      if (!is_sorting (bench) &&
          g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (bench->list))) ==
          g_list_model_get_n_items (G_LIST_MODEL (bench->root)))
        {
          print_value ("find-widen", now - bench->phase_start);
          print_at (bench, "find-widen-done");
          /* The last line: benchmarks/run-gui stops at it. */
          print_value ("find-widen-longest-frame-gap", bench->longest_gap);
          bench->phase = PHASE_DONE;
          bench->tick_id = 0;
          return G_SOURCE_REMOVE;
        }
      break;

    case PHASE_DELETE:
      if (delete_tick (bench, now))
        {
          bench->phase = PHASE_DONE;
          bench->tick_id = 0;
          return G_SOURCE_REMOVE;
        }
      break;

    case PHASE_DONE:
    default:
      bench->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Bench      *bench)
{
  if (added == 0 || bench->first_seen)
    return;

  bench->first_seen = TRUE;
  print_at (bench, "first-batch");
}

/* The listing ended, and the view's sort placed every row. */
static void
on_state (Bench *bench)
{
  if (bench->phase != PHASE_LOADING || !dav_folder_get_loaded (bench->root) ||
      dav_folder_get_loading (bench->root))
    return;

  if (!bench->listed_printed)
    {
      print_at (bench, "listed");
      bench->listed_printed = TRUE;
    }
  if (!is_sorting (bench))
    bench->complete_due = TRUE;
}

/* Back to the state before a measurement. */
static void
bench_stop (Bench *bench)
{
  if (bench->tick_id != 0 && bench->window != NULL)
    gtk_widget_remove_tick_callback (bench->window, bench->tick_id);
  bench->tick_id = 0;
  if (bench->root != NULL)
    {
      g_clear_signal_handler (&bench->items_handler, bench->root);
      g_clear_signal_handler (&bench->root_handler, bench->root);
    }
  if (bench->sorted != NULL)
    g_clear_signal_handler (&bench->sort_handler, bench->sorted);
  if (bench->taken != NULL)
    g_clear_signal_handler (&bench->taken_handler, bench->taken);
  g_clear_object (&bench->root);
  g_clear_object (&bench->sorted);
  g_clear_object (&bench->taken);
  g_clear_object (&bench->found);
}

/* The first model of @type in the stack under @model. */
static gpointer
find_model (GListModel *model,
            GType       type)
{
  while (model != NULL && !G_TYPE_CHECK_INSTANCE_TYPE (model, type))
    {
      if (GTK_IS_MULTI_SELECTION (model))
        model = gtk_multi_selection_get_model (GTK_MULTI_SELECTION (model));
      else if (GTK_IS_SORT_LIST_MODEL (model))
        model = gtk_sort_list_model_get_model (GTK_SORT_LIST_MODEL (model));
      else if (GTK_IS_TREE_LIST_MODEL (model))
        model = gtk_tree_list_model_get_model (GTK_TREE_LIST_MODEL (model));
      else if (GTK_IS_FILTER_LIST_MODEL (model))
        model = gtk_filter_list_model_get_model (GTK_FILTER_LIST_MODEL (model));
      else if (DAVSCOPE_IS_FILTER_MODEL (model))
        model = davscope_filter_model_get_model (DAVSCOPE_FILTER_MODEL (model));
      else if (DAVSCOPE_IS_SPLIT_MODEL (model))
        model = davscope_split_model_get_model (DAVSCOPE_SPLIT_MODEL (model));
      else if (DAVSCOPE_IS_FLAT_MODEL (model))
        model = davscope_flat_model_get_model (DAVSCOPE_FLAT_MODEL (model));
      else
        model = NULL;
    }

  return model;
}

/* The listing got its rows' models: a root listing starts. */
static void
on_list_model (GtkColumnView *list,
               GParamSpec    *pspec,
               Bench         *bench)
{
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (list));
  GtkSortListModel *sorted = find_model (rows, GTK_TYPE_SORT_LIST_MODEL);
  GtkTreeListModel *tree = find_model (rows, GTK_TYPE_TREE_LIST_MODEL);
  DavscopeFilterModel *found = find_model (rows, DAVSCOPE_TYPE_FILTER_MODEL);
  DavscopeFilterModel *taken = tree != NULL ? find_model (gtk_tree_list_model_get_model (tree), DAVSCOPE_TYPE_FILTER_MODEL) : NULL;
  DavFolder *root = find_model (rows, DAV_TYPE_FOLDER);

  /* A view without a folder (a disconnection) ends nothing. */
  if (sorted == NULL || root == NULL)
    return;

  /* One measurement per window at a time; a new root starts another. */
  bench_stop (bench);
  bench->sorted = g_object_ref (sorted);
  bench->found = found != NULL ? g_object_ref (found) : NULL;
  bench->root = g_object_ref (root);
  bench->phase = PHASE_LOADING;
  bench->first_seen = bench->first_printed = bench->listed_printed = bench->complete_due = FALSE;
  bench->drawn_printed = bench->full_printed = FALSE;
  bench->last_frame = bench->longest_gap = 0;
  g_array_set_size (bench->intervals, 0);
  bench->start = g_get_monotonic_time ();
  bench->items_handler = g_signal_connect (root, "items-changed", G_CALLBACK (on_items_changed), bench);
  bench->root_handler = g_signal_connect_swapped (root, "notify", G_CALLBACK (on_state), bench);
  bench->sort_handler = g_signal_connect_swapped (sorted, "notify::pending", G_CALLBACK (on_state), bench);
  if (taken != NULL)
    {
      bench->taken = g_object_ref (taken);
      bench->taken_handler = g_signal_connect_swapped (taken, "notify::pending", G_CALLBACK (on_state), bench);
    }
  bench->tick_id = gtk_widget_add_tick_callback (bench->window, on_tick, bench, NULL);
  /* The wall clock, for benchmarks/run-gui-rtt to set beside the delay
   * proxy's log. */
  g_printerr ("davscope-bench: listing %s at %.6f\n", dav_folder_get_url (root),
              g_get_real_time () / (double) G_USEC_PER_SEC);
}

static void
on_window_finalized (gpointer  data,
                     GObject  *window)
{
  Bench *bench = data;

  if (bench->clock != NULL)
    {
      g_clear_signal_handler (&bench->paint_handler, bench->clock);
      g_object_remove_weak_pointer (G_OBJECT (bench->clock), (gpointer *) &bench->clock);
    }
  /* The tick callback went with the window. */
  bench->window = NULL;
  bench->tick_id = 0;
  bench_stop (bench);
  if (bench->report != NULL)
    {
      if (bench->report_tick_id != 0)
        gtk_widget_remove_tick_callback (bench->report, bench->report_tick_id);
      g_object_remove_weak_pointer (G_OBJECT (bench->report), (gpointer *) &bench->report);
    }
  g_free (bench->report_shown);
  g_array_unref (bench->intervals);
  g_free (bench);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
davscope_bench_attach (GtkWidget *window)
{
  GtkWidget *browser = find_widget (window, DAVSCOPE_TYPE_BROWSER_VIEW);
  GtkWidget *list = browser != NULL ? find_widget (browser, GTK_TYPE_COLUMN_VIEW) : NULL;
  Bench *bench;

  g_return_if_fail (list != NULL);

  bench = g_new0 (Bench, 1);
  bench->window = window;
  bench->list = GTK_COLUMN_VIEW (list);
  bench->intervals = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench->delete_mode = g_strcmp0 (g_getenv ("DAVSCOPE_BENCH_DELETE"), "1") == 0;
  if (g_getenv ("DAVSCOPE_BENCH_FREEZE_MS") != NULL)
    freeze_usec = g_ascii_strtoll (g_getenv ("DAVSCOPE_BENCH_FREEZE_MS"), NULL, 10) * G_TIME_SPAN_MILLISECOND;
  g_signal_connect (list, "notify::model", G_CALLBACK (on_list_model), bench);
  g_object_weak_ref (G_OBJECT (window), on_window_finalized, bench);
}
