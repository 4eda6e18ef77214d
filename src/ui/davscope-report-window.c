/* davscope-report-window.c: a bulk operation, its progress and its per-item report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns one run at a time: a DavBatch its caller built for one
 * DavOperation, its GCancellable, and, once it ends, the DavReport;
 * "Retry Failed" and "Replace Existing" build the next batch from the
 * report's items (dav_batch_add_again). The report is the history of the
 * batch: a retry's items take the places of the ones they retry
 * (dav_report_merge), and what was done stays, in the rows, the summary,
 * Copy Report and Export. The report is shown as a
 * tree of DavscopeReportRow (davscope-report-row.c), a small immutable row
 * object, built once per report:
 *
 *   GtkListView "Report"
 *     └ GtkNoSelection
 *         └ GtkTreeListModel (passthrough FALSE, autoexpand TRUE: an item
 *             │               whose explanation says "listed below" has
 *             │               its members in view)
 *             └ GListStore of item rows, one per URL given, in that order;
 *               an item's members and properties are its children
 *
 * Nothing is shown as deleted (copied, uploaded, …) unless its DavReportItem says
 * DAV_OUTCOME_DONE. Server text (hrefs, descriptions, DAV:error content)
 * goes into plain labels, escaped with dav_text_escape, never markup.
 *
 * Closing the window cancels a running batch like "Cancel" does; the run
 * keeps a reference to the window and the store, so the report it ends
 * with still brings the store up to date from the server.
 */

#include "davscope-report-window.h"

#include "davscope-accessible.h"
#include "davscope-inspector-window.h"
#include "davscope-report-row.h"
#include "davscope-tree-row.h"
#include "davscope-window.h"
#include "davscope-ui-util.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dav-operation.h"
#include "dav-status.h"
#include "dav-text.h"

/* ---- the window --------------------------------------------------------- */

struct _DavscopeReportWindow
{
  AdwWindow             parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkWidget            *header_stack;
  GtkWidget            *spinner;
  GtkWidget            *progress_bar;
  GtkWidget            *cancel_button;
  GtkWidget            *summary_label;
  GtkWidget            *content_stack;
  GtkWidget            *running_page;
  GtkWidget            *list_view;
  GtkWidget            *retry_button;
  GtkWidget            *replace_button;

  DavResourceStore     *store;
  DavOperation          operation;    /* of every run in this window */
  gboolean              overwrite;    /* of the first run; "Replace Existing" sets it */

  /* The current run. */
  DavBatch             *batch;        /* while it runs */
  GCancellable         *cancellable;  /* of the running batch */
  gulong                item_done_handler;
  gulong                progress_handler;
  guint                 n_total;
  guint                 n_done;
  guint64               bytes_done;
  gint64                bytes_total;

  /* The history of every run. */
  GPtrArray            *owners;       /* GPtrArray*: each run's items and refused targets, which own them */
  GPtrArray            *refused;      /* DavReportItem*, borrowed: the targets a batch refused, over every run */
  DavReport            *shown;        /* every item in the order given, each with its last outcome; borrows */

  /* The report's rows not yet in the list: added a few a frame. */
  GListStore           *filling;
  GPtrArray            *to_add;       /* DavscopeReportRow* */
  guint                 n_added;
  guint                 fill_tick_id;

  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (DavscopeReportWindow, davscope_report_window, ADW_TYPE_WINDOW)

static gboolean
is_refused (DavscopeReportWindow *self,
            const DavReportItem  *item)
{
  return g_ptr_array_find (self->refused, item, NULL);
}

/* Of the history: the items sent with @outcome, or with @outcome < 0 the
 * ones the batch refused. */
static guint
count_shown (DavscopeReportWindow *self,
             int                   outcome)
{
  guint n = 0;

  for (guint i = 0; self->shown != NULL && i < self->shown->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (self->shown->items, i);

      if (is_refused (self, item) ? outcome < 0 : (int) item->outcome == outcome)
        n++;
    }

  return n;
}

static void
show_toast (DavscopeReportWindow *self,
            const char           *text)
{
  /* A toast title is Pango markup in libadwaita 1.2. */
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

/* ---- the model ---------------------------------------------------------- */

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  GListModel *children = davscope_report_row_get_children (item);

  /* No I/O here: GtkTreeListModel also calls this just to ask. */
  return children != NULL ? g_object_ref (children) : NULL;
}

/* Rows given to the list at once, a frame's worth: the list view makes a
 * row widget for each new row up to ~200 at once, ~1.5 ms each, and all
 * 1,000 rows of a report given in one change froze both windows ~0.3 s
 * when a bulk delete ended (benchmarks/run-gui-rtt, issue 16). */
#define FILL_BATCH 32
/* Past this many rows the list makes no more widgets: the rest at once. */
#define FILL_EAGER 256

static void
stop_filling (DavscopeReportWindow *self)
{
  if (self->fill_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fill_tick_id);
  self->fill_tick_id = 0;
  g_clear_object (&self->filling);
  g_clear_pointer (&self->to_add, g_ptr_array_unref);
}

/* Adds the next rows; FALSE when all are in. */
static gboolean
fill_step (DavscopeReportWindow *self)
{
  guint n = self->to_add->len - self->n_added;

  if (self->n_added < FILL_EAGER)
    n = MIN (n, FILL_BATCH);
  g_list_store_splice (self->filling, self->n_added, 0, self->to_add->pdata + self->n_added, n);
  self->n_added += n;

  return self->n_added < self->to_add->len;
}

static gboolean
on_fill_tick (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  DavscopeReportWindow *self = DAVSCOPE_REPORT_WINDOW (widget);

  if (fill_step (self))
    return G_SOURCE_CONTINUE;

  self->fill_tick_id = 0;
  stop_filling (self);
  return G_SOURCE_REMOVE;
}

static void
set_rows (DavscopeReportWindow *self,
          GListStore           *rows)
{
  GtkTreeListModel *tree = NULL;
  GtkNoSelection *selection = NULL;

  stop_filling (self);

  if (rows != NULL)
    {
      tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (rows)), FALSE, TRUE,
                                      create_child_model, NULL, NULL);
      selection = gtk_no_selection_new (G_LIST_MODEL (tree));
    }

  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), GTK_SELECTION_MODEL (selection));
  g_clear_object (&selection);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, davscope_tree_row_new (FALSE, "report.show-exchange"));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  GtkTreeListRow *list_row = gtk_list_item_get_item (list_item);
  g_autoptr(DavscopeReportRow) row = gtk_tree_list_row_get_item (list_row);
  DavscopeTreeRowContent content = {
    .icon_name = davscope_report_row_get_icon_name (row),
    .css_class = davscope_report_row_get_css_class (row),
    .title = davscope_report_row_get_title (row),
    .status = davscope_report_row_get_status (row),
    .subtitle = davscope_report_row_get_subtitle (row),
    .explanation = davscope_report_row_get_explanation (row),
    .notes = davscope_report_row_get_notes (row),
    .tooltip = davscope_report_row_get_tooltip (row),
    .exchange_id = davscope_report_row_get_exchange_id (row),
  };

  davscope_tree_row_bind (DAVSCOPE_TREE_ROW (gtk_list_item_get_child (list_item)), list_row, &content);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  davscope_tree_row_unbind (DAVSCOPE_TREE_ROW (gtk_list_item_get_child (list_item)));
}

static void
on_row_activate (GtkListView          *view,
                 guint                 position,
                 DavscopeReportWindow *self)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);

  /* Enter or a double click opens and closes an item's members. */
  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

/* ---- the summary -------------------------------------------------------- */

static char *
summary_text (DavscopeReportWindow  *self,
              const char           **css_class)
{
  guint done = count_shown (self, DAV_OUTCOME_DONE);
  guint failed = count_shown (self, DAV_OUTCOME_FAILED);
  guint unknown = count_shown (self, DAV_OUTCOME_UNKNOWN);
  guint not_attempted = count_shown (self, DAV_OUTCOME_NOT_ATTEMPTED);
  guint refused = count_shown (self, -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (parts, dav_operation_dup_done_count (self->operation, done));
  if (failed > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failed", "%u failed", failed), failed));
  if (unknown > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u with no answer", "%u with no answer", unknown), unknown));
  if (not_attempted > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not attempted", "%u not attempted", not_attempted), not_attempted));
  if (refused > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u refused", "%u refused", refused), refused));
  g_ptr_array_add (parts, NULL);

  if (failed > 0)
    *css_class = "error";
  else if (unknown > 0 || not_attempted > 0 || refused > 0)
    *css_class = "warning";
  else
    *css_class = "success";

  /* TRANSLATORS: joins the parts of "48 deleted, 1 failed, 1 not attempted" */
  return g_strjoinv (C_("report summary", ", "), (char **) parts->pdata);
}

/* ---- running and ending ------------------------------------------------- */

/* Sent and not done: with @replacing, only because something was in the
 * way, and no one said to replace it. Refused targets would be refused
 * again. */
static gboolean
is_retryable (DavscopeReportWindow *self,
              const DavReportItem  *item,
              gboolean              replacing)
{
  return item->outcome != DAV_OUTCOME_DONE && !is_refused (self, item)
         && (!replacing || item->destination_exists);
}

static gboolean
has_retryable (DavscopeReportWindow *self,
               gboolean              replacing)
{
  for (guint i = 0; self->shown != NULL && i < self->shown->items->len; i++)
    if (is_retryable (self, g_ptr_array_index (self->shown->items, i), replacing))
      return TRUE;

  return FALSE;
}

static void
update_actions (DavscopeReportWindow *self)
{
  gboolean running = self->batch != NULL;
  gboolean ended = !running && self->shown != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.cancel",
                                 running && !g_cancellable_is_cancelled (self->cancellable));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.retry", ended && has_retryable (self, FALSE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.replace", ended && has_retryable (self, TRUE));
  /* Retrying and replacing are offered only when there is something to
   * try again or to replace. */
  gtk_widget_set_visible (self->retry_button, ended && has_retryable (self, FALSE));
  gtk_widget_set_visible (self->replace_button, ended && has_retryable (self, TRUE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.copy", ended);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export", ended);
}

static void
update_progress (DavscopeReportWindow *self)
{
  g_autofree char *text = NULL;
  double fraction = self->n_total > 0 ? (double) self->n_done / self->n_total : 1.0;

  if (self->bytes_done > 0)
    {
      g_autofree char *done = g_format_size (self->bytes_done);

      if (self->bytes_total > 0)
        {
          g_autofree char *total = g_format_size (self->bytes_total);

          /* TRANSLATORS: progress of a transfer: "2 of 5 · 3.1 MB of 10.2 MB" */
          text = g_strdup_printf (_("%u of %u · %s of %s"), self->n_done, self->n_total, done, total);
          fraction = (double) self->bytes_done / self->bytes_total;
        }
      else
        /* TRANSLATORS: progress of a transfer of unknown size: "2 of 5 · 3.1 MB" */
        text = g_strdup_printf (_("%u of %u · %s"), self->n_done, self->n_total, done);
    }
  else
    /* TRANSLATORS: progress of a bulk operation: "12 of 50" */
    text = g_strdup_printf (_("%u of %u"), self->n_done, self->n_total);

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), CLAMP (fraction, 0.0, 1.0));
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);
}

static void
on_item_done (DavBatch             *batch,
              guint                 index,
              guint                 n_done,
              DavscopeReportWindow *self)
{
  self->n_done = n_done;
  update_progress (self);
}

static void
on_progress (DavBatch             *batch,
             guint64               bytes_done,
             gint64                bytes_total,
             DavscopeReportWindow *self)
{
  self->bytes_done = bytes_done;
  self->bytes_total = bytes_total;
  update_progress (self);
}

static void
drop_batch (DavscopeReportWindow *self)
{
  if (self->batch != NULL)
    {
      g_clear_signal_handler (&self->item_done_handler, self->batch);
      g_clear_signal_handler (&self->progress_handler, self->batch);
    }
  g_clear_object (&self->batch);
  g_clear_object (&self->cancellable);
}

static void
show_report (DavscopeReportWindow *self)
{
  g_autoptr(GListStore) rows = g_list_store_new (DAVSCOPE_TYPE_REPORT_ROW);
  g_autoptr(GPtrArray) to_add = g_ptr_array_new_full (self->shown->items->len, g_object_unref);
  g_autofree char *summary = NULL;
  const char *css_class = NULL;
  const char *summary_classes[] = { "heading", NULL, NULL };

  for (guint i = 0; i < self->shown->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (self->shown->items, i);

      g_ptr_array_add (to_add, davscope_report_row_new (item, is_refused (self, item)));
    }
  set_rows (self, rows);
  /* The first rows now, the others over the next frames. */
  self->filling = g_object_ref (rows);
  self->to_add = g_steal_pointer (&to_add);
  self->n_added = 0;
  if (fill_step (self))
    self->fill_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_fill_tick, NULL, NULL);
  else
    stop_filling (self);

  summary = summary_text (self, &css_class);
  summary_classes[1] = css_class;
  gtk_label_set_text (GTK_LABEL (self->summary_label), summary);
  gtk_widget_set_css_classes (self->summary_label, summary_classes);

  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  gtk_stack_set_visible_child_name (GTK_STACK (self->header_stack), "summary");
  gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "report");
  update_actions (self);

  /* Cancel, which had the focus, is gone: the report takes it. */
  gtk_widget_grab_focus (self->list_view);
}

static void
davscope_report_window_run_cb (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(DavscopeReportWindow) self = user_data;
  DavBatch *batch = DAV_BATCH (source);
  g_autoptr(DavReport) report = dav_batch_run_finish (batch, result);
  g_autoptr(DavReport) ordered = NULL;

  /* Also when the window has closed meanwhile: the browser shows what the
   * server has now, re-listed where anything is in doubt. */
  dav_resource_store_apply_report (self->store, report);
  davscope_window_folders_changed (self->store, report);

  if (batch != self->batch)
    return;

  /* The items of this run live as long as the history that shows them. */
  g_ptr_array_add (self->owners, g_ptr_array_ref (report->items));
  ordered = dav_batch_order_report (batch, report);
  if (self->shown == NULL)
    self->shown = g_steal_pointer (&ordered);
  else
    {
      DavReport *merged = dav_report_merge (self->shown, ordered);

      dav_report_unref (self->shown);
      self->shown = merged;
    }
  drop_batch (self);
  show_report (self);
}

static void
clear_history (DavscopeReportWindow *self)
{
  /* @shown and @refused borrow from @owners: they go first. */
  g_clear_pointer (&self->shown, dav_report_unref);
  g_clear_pointer (&self->refused, g_ptr_array_unref);
  g_clear_pointer (&self->owners, g_ptr_array_unref);
}

/* Runs @batch, built for this window's operation with the store's client. */
static void
start_run (DavscopeReportWindow *self,
           DavBatch             *batch)
{
  g_autofree char *title = NULL;

  g_return_if_fail (self->batch == NULL);

  set_rows (self, NULL);

  self->batch = g_object_ref (batch);
  self->cancellable = g_cancellable_new ();
  /* Never sent: their rows say why instead of what the server said. */
  g_ptr_array_add (self->owners, g_ptr_array_ref (dav_batch_get_refused (batch)));
  g_ptr_array_extend (self->refused, dav_batch_get_refused (batch), NULL, NULL);
  self->n_total = dav_batch_get_n_targets (self->batch);
  self->n_done = 0;
  self->bytes_done = 0;
  self->bytes_total = -1;

  title = dav_operation_dup_running_title (self->operation, self->n_total);
  adw_status_page_set_title (ADW_STATUS_PAGE (self->running_page), title);
  update_progress (self);
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  gtk_stack_set_visible_child_name (GTK_STACK (self->header_stack), "progress");
  gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "running");
  update_actions (self);
  gtk_widget_grab_focus (self->cancel_button);

  self->item_done_handler = g_signal_connect (self->batch, "item-done", G_CALLBACK (on_item_done), self);
  self->progress_handler = g_signal_connect (self->batch, "progress", G_CALLBACK (on_progress), self);
  dav_batch_run_async (self->batch, self->cancellable, davscope_report_window_run_cb, g_object_ref (self));
}

/* ---- actions ------------------------------------------------------------ */

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DavscopeReportWindow *self = DAVSCOPE_REPORT_WINDOW (widget);

  if (self->cancellable == NULL)
    return;

  /* What is not sent yet will not be; what is on its way may still happen. */
  g_cancellable_cancel (self->cancellable);
  adw_status_page_set_title (ADW_STATUS_PAGE (self->running_page), _("Cancelling…"));
  update_actions (self);
}

/* Runs again the items that were not done; with @replacing, only those
 * that something was in the way of, now allowed to replace it. */
static void
run_again (DavscopeReportWindow *self,
           gboolean              replacing)
{
  g_autoptr(DavBatch) batch = NULL;

  if (self->batch != NULL || self->shown == NULL)
    return;

  if (replacing)
    self->overwrite = TRUE;

  /* Failed, unanswered and unsent items; refused URLs would be refused
   * again. One the batch refuses now is a row saying why. */
  batch = davscope_report_window_new_batch (dav_resource_store_get_client (self->store));
  for (guint i = 0; i < self->shown->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (self->shown->items, i);

      if (is_retryable (self, item, replacing))
        dav_batch_add_again (batch, item, self->overwrite, NULL);
    }

  if (dav_batch_get_n_targets (batch) > 0 || dav_batch_get_refused (batch)->len > 0)
    start_run (self, batch);
}

static void
show_exchange_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DavscopeReportWindow *self = DAVSCOPE_REPORT_WINDOW (widget);

  davscope_inspector_window_show (GTK_WINDOW (self), dav_resource_store_get_client (self->store),
                                  g_variant_get_uint64 (parameter));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  run_again (DAVSCOPE_REPORT_WINDOW (widget), FALSE);
}

static void
replace_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  run_again (DAVSCOPE_REPORT_WINDOW (widget), TRUE);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DavscopeReportWindow *self = DAVSCOPE_REPORT_WINDOW (widget);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *summary = NULL;
  const char *css_class;

  if (self->shown == NULL)
    return;

  /* The text davscope-cli prints, without its colours and decoding. */
  for (guint i = 0; i < self->shown->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (self->shown->items, i);

      dav_report_item_append_text (item, out, is_refused (self, item),
                                   DAV_REPORT_TEXT_ESCAPE_EXPLANATIONS, NULL, NULL);
    }
  summary = summary_text (self, &css_class);
  g_string_append_printf (out, "%s\n", summary);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), out->str);
  show_toast (self, _("Report copied"));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DavscopeReportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = davscope_write_text_finish (G_FILE (source), result, &error);
  g_autofree char *text = NULL;

  if (name == NULL)
    text = g_strdup_printf (_("Could not export the report: %s"), error->message);
  else
    text = g_strdup_printf (_("Report exported to “%s”"), name);

  /* The window may have closed while the file was written. */
  if (self->toast_overlay != NULL)
    show_toast (self, text);
}

/* The extension the person typed decides; without one, the filter. */
static gboolean
wants_csv (GFile         *file,
           GtkFileFilter *filter)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *lower = basename ? g_ascii_strdown (basename, -1) : NULL;

  if (lower != NULL && g_str_has_suffix (lower, ".csv"))
    return TRUE;
  if (lower != NULL && g_str_has_suffix (lower, ".json"))
    return FALSE;

  return filter != NULL && g_strcmp0 (gtk_file_filter_get_name (filter), "CSV") == 0;
}

static void
on_export_response (GtkNativeDialog      *dialog,
                    int                   response,
                    DavscopeReportWindow *self)
{
  g_autoptr(GFile) file = NULL;
  gboolean csv = FALSE;
  char *text;

  if (response == GTK_RESPONSE_ACCEPT && self->shown != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file != NULL)
        csv = wants_csv (file, gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog)));
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  text = csv ? dav_report_to_csv (self->shown) : dav_report_to_json (self->shown, TRUE);
  davscope_write_text_async (file, text, export_done_cb, g_object_ref (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DavscopeReportWindow *self = DAVSCOPE_REPORT_WINDOW (widget);
  g_autoptr(GtkFileFilter) json = davscope_file_filter_new ("JSON", "*.json", "application/json");
  g_autoptr(GtkFileFilter) csv = davscope_file_filter_new ("CSV", "*.csv", "text/csv");

  if (self->shown == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), json);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), json);
  {
    g_autofree char *lower = g_ascii_strdown (dav_operation_get_method (self->operation), -1);
    /* A file name, not translated: the method is what the report is about. */
    g_autofree char *name = g_strdup_printf ("%s-report.json", lower);

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  }
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- the type ----------------------------------------------------------- */

static void
davscope_report_window_dispose (GObject *object)
{
  DavscopeReportWindow *self = DAVSCOPE_REPORT_WINDOW (object);

  /* The run's callback still updates the store (it holds a reference). */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  drop_batch (self);
  stop_filling (self);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->chooser, on_export_response, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), DAVSCOPE_TYPE_REPORT_WINDOW);

  G_OBJECT_CLASS (davscope_report_window_parent_class)->dispose (object);
}

static void
davscope_report_window_finalize (GObject *object)
{
  DavscopeReportWindow *self = DAVSCOPE_REPORT_WINDOW (object);

  clear_history (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (davscope_report_window_parent_class)->finalize (object);
}

static void
davscope_report_window_class_init (DavscopeReportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = davscope_report_window_dispose;
  object_class->finalize = davscope_report_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/davscope/Davscope/davscope-report-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DavscopeReportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DavscopeReportWindow, header_stack);
  gtk_widget_class_bind_template_child (widget_class, DavscopeReportWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, DavscopeReportWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DavscopeReportWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopeReportWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopeReportWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, DavscopeReportWindow, running_page);
  gtk_widget_class_bind_template_child (widget_class, DavscopeReportWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, DavscopeReportWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopeReportWindow, replace_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activate);

  gtk_widget_class_install_action (widget_class, "report.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "report.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "report.replace", NULL, replace_action);
  gtk_widget_class_install_action (widget_class, "report.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "report.show-exchange", "t", show_exchange_action);
  gtk_widget_class_install_action (widget_class, "report.export", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
davscope_report_window_init (DavscopeReportWindow *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  davscope_accessible_fix_names (GTK_WIDGET (self));

  self->owners = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->refused = g_ptr_array_new ();

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), factory);
  g_object_unref (factory);

  update_actions (self);
}

static DavscopeReportWindow *
report_window_new (GtkWindow        *parent,
                   DavResourceStore *store,
                   DavOperation      operation,
                   gboolean          overwrite)
{
  DavscopeReportWindow *self;

  self = g_object_new (DAVSCOPE_TYPE_REPORT_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->operation = operation;
  self->overwrite = overwrite;
  gtk_window_set_title (GTK_WINDOW (self), dav_operation_get_report_title (operation));

  return self;
}

DavscopeReportWindow *
davscope_report_window_show_report (GtkWindow        *parent,
                                    DavResourceStore *store,
                                    DavOperation      operation,
                                    DavReport        *report,
                                    gboolean          overwrite)
{
  DavscopeReportWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DAV_IS_RESOURCE_STORE (store), NULL);
  g_return_val_if_fail (report != NULL, NULL);

  self = report_window_new (parent, store, operation, overwrite);
  g_ptr_array_add (self->owners, g_ptr_array_ref (report->items));
  self->shown = dav_report_ref (report);
  show_report (self);
  gtk_window_present (GTK_WINDOW (self));

  return self;
}

DavscopeReportWindow *
davscope_report_window_run (GtkWindow        *parent,
                            DavResourceStore *store,
                            DavOperation      operation,
                            DavBatch         *batch,
                            gboolean          overwrite)
{
  DavscopeReportWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DAV_IS_RESOURCE_STORE (store), NULL);
  g_return_val_if_fail (DAV_IS_BATCH (batch), NULL);

  self = report_window_new (parent, store, operation, overwrite);
  start_run (self, batch);
  gtk_window_present (GTK_WINDOW (self));

  return self;
}

DavBatch *
davscope_report_window_new_batch (DavClient *client)
{
  return dav_batch_new (client, dav_client_get_max_connections (client));
}
