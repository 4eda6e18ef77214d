/* davscope-report-window.c: a bulk operation, its progress and its per-item report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns one run at a time: a DavBatch of one method, its
 * GCancellable, and, once it ends, the DavReport. The report is shown as a
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

#include <glib/gi18n.h>
#include <string.h>

#include "dav-status.h"
#include "dav-text.h"

#define CONCURRENCY 4

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
  GtkWidget            *replace_button;

  DavResourceStore     *store;
  char                 *method;       /* of every run in this window */
  gboolean              overwrite;    /* of the first run; "Replace Existing" sets it */

  /* The current run. @order has one entry per URL given: a refused item
   * (owned by @refused), or NULL for the next item of the batch's report. */
  GPtrArray            *order;
  GPtrArray            *refused;      /* DavReportItem*, owned */
  DavBatch             *batch;        /* while it runs */
  GCancellable         *cancellable;  /* of the running batch */
  gulong                item_done_handler;
  gulong                progress_handler;
  guint                 n_total;
  guint                 n_done;
  guint64               bytes_done;
  gint64                bytes_total;

  /* When it has ended. */
  DavReport            *report;       /* the batch's own: what the store was told */
  DavReport            *shown;        /* every item in the order given; borrows its items */

  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (DavscopeReportWindow, davscope_report_window, ADW_TYPE_WINDOW)

static gboolean
is_refused (DavscopeReportWindow *self,
            const DavReportItem  *item)
{
  return g_ptr_array_find (self->refused, item, NULL);
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

static void
set_rows (DavscopeReportWindow *self,
          GListStore           *rows)
{
  GtkTreeListModel *tree = NULL;
  GtkNoSelection *selection = NULL;

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

/* ---- the text report (as davscope-cli rm prints it) --------------------- */

static void
text_conditions (GString   *out,
                 guint      indent,
                 GPtrArray *conditions)
{
  g_autofree char *pad = g_strnfill (indent, ' ');

  for (guint i = 0; i < conditions->len; i++)
    {
      const DavCondition *condition = g_ptr_array_index (conditions, i);
      g_autofree char *name = dav_condition_dup_clark_name (condition);
      g_autofree char *shown = dav_text_escape (name, -1);
      DavConditionInfo info;

      g_string_append_printf (out, "%s%s %s\n", pad, _("Condition:"), shown);
      if (dav_condition_lookup (condition->namespace_uri, condition->name, &info))
        {
          g_string_append_printf (out, "%s  %s\n", pad, info.explanation);
          g_string_append_printf (out, "%s  %s %s\n", pad, _("Try:"), info.advice);
          g_string_append_printf (out, "%s  %s %s\n", pad, _("See:"), info.reference);
        }
      if (condition->content != NULL)
        {
          g_autofree char *content = dav_text_escape (condition->content, -1);

          g_string_append_printf (out, "%s%s\n", pad, content);
        }
    }
}

static void
text_description (GString    *out,
                  const char *pad,
                  const char *description)
{
  g_autofree char *shown = NULL;

  if (description == NULL)
    return;

  shown = dav_text_escape (description, -1);
  g_string_append_printf (out, "%s%s %s\n", pad, _("Description:"), shown);
}

static void
text_item (GString             *out,
           const DavReportItem *item,
           gboolean             refused)
{
  g_autofree char *url = dav_text_escape (item->url, -1);
  g_autofree char *explanation = dav_text_escape (item->explanation ? item->explanation : "", -1);

  if (refused || item->outcome == DAV_OUTCOME_UNKNOWN || item->outcome == DAV_OUTCOME_NOT_ATTEMPTED)
    {
      const char *label = refused ? _("- refused")
                        : item->outcome == DAV_OUTCOME_UNKNOWN ? _("? no answer")
                        : _("- not attempted");

      g_string_append_printf (out, "%s  %s\n      %s\n", label, url, explanation);
      return;
    }

  {
    DavStatusInfo info;

    dav_status_lookup_for_method (item->status, item->method, &info);
    /* ✔ only for what the server confirmed. */
    g_string_append_printf (out, "%s %u %s  %s\n",
                            item->outcome == DAV_OUTCOME_DONE ? "✔" : "✘",
                            item->status, info.reason, url);
    /* A done item says no more, unless its answer was faulty. */
    if (item->outcome != DAV_OUTCOME_DONE || item->problems->len > 0)
      g_string_append_printf (out, "      %s\n", explanation);
  }

  text_description (out, "      ", item->description);
  text_conditions (out, 6, item->conditions);

  for (guint i = 0; i < item->members->len; i++)
    {
      const DavReportMember *member = g_ptr_array_index (item->members, i);
      g_autofree char *href = dav_text_escape (member->href ? member->href : _("(no href)"), -1);
      g_autofree char *member_explanation = dav_text_escape (member->explanation ? member->explanation : "", -1);
      DavStatusInfo info;

      dav_status_lookup (member->status, &info);
      g_string_append_printf (out, "      %s %u %s  %s\n          %s\n",
                              member->ok ? "✔" : "✘", member->status,
                              member->status ? info.reason : _("no status"),
                              href, member_explanation);
      text_description (out, "          ", member->description);
      text_conditions (out, 10, member->conditions);
    }

  for (guint i = 0; i < item->properties->len; i++)
    {
      const DavReportProperty *property = g_ptr_array_index (item->properties, i);
      g_autofree char *name = g_strdup_printf ("{%s}%s", property->namespace_uri, property->name);
      g_autofree char *shown = dav_text_escape (name, -1);
      g_autofree char *property_explanation = dav_text_escape (property->explanation ? property->explanation : "", -1);

      g_string_append_printf (out, "      %s %u  %s\n          %s\n",
                              property->ok ? "✔" : "✘", property->status, shown, property_explanation);
      text_description (out, "          ", property->description);
    }
}

/* ---- the summary -------------------------------------------------------- */

static char *
done_count (const char *method,
            guint       n)
{
  if (g_str_equal (method, "MKCOL"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u created", "%u created", n), n);
  else if (g_str_equal (method, "COPY"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u copied", "%u copied", n), n);
  else if (g_str_equal (method, "MOVE"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u moved", "%u moved", n), n);
  else if (g_str_equal (method, "PUT"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u uploaded", "%u uploaded", n), n);
  else if (g_str_equal (method, "GET"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u downloaded", "%u downloaded", n), n);
  else
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deleted", "%u deleted", n), n);
}

static char *
running_title (const char *method,
               guint       n)
{
  if (g_str_equal (method, "MKCOL"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Creating %u Folder", "Creating %u Folders", n), n);
  else if (g_str_equal (method, "COPY"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Copying %u Item", "Copying %u Items", n), n);
  else if (g_str_equal (method, "MOVE"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Moving %u Item", "Moving %u Items", n), n);
  else if (g_str_equal (method, "PUT"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Uploading %u File", "Uploading %u Files", n), n);
  else if (g_str_equal (method, "GET"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Downloading %u File", "Downloading %u Files", n), n);
  else
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deleting %u Item", "Deleting %u Items", n), n);
}

static const char *
window_title (const char *method)
{
  if (g_str_equal (method, "MKCOL"))
    return _("New Folder Report");
  if (g_str_equal (method, "COPY"))
    return _("Copy Report");
  if (g_str_equal (method, "MOVE"))
    return _("Move Report");
  if (g_str_equal (method, "PUT"))
    return _("Upload Report");
  if (g_str_equal (method, "GET"))
    return _("Download Report");
  return _("Delete Report");
}

static char *
summary_text (DavscopeReportWindow  *self,
              const char           **css_class)
{
  guint done = dav_report_count (self->report, DAV_OUTCOME_DONE);
  guint failed = dav_report_count (self->report, DAV_OUTCOME_FAILED);
  guint unknown = dav_report_count (self->report, DAV_OUTCOME_UNKNOWN);
  guint not_attempted = dav_report_count (self->report, DAV_OUTCOME_NOT_ATTEMPTED);
  guint refused = self->refused->len;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (parts, done_count (self->method, done));
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

static gboolean
has_retryable (DavscopeReportWindow *self)
{
  if (self->report == NULL)
    return FALSE;

  for (guint i = 0; i < self->report->items->len; i++)
    if (((DavReportItem *) g_ptr_array_index (self->report->items, i))->outcome != DAV_OUTCOME_DONE)
      return TRUE;

  return FALSE;
}

/* Not done because something was in the way, and no one said to replace it. */
static gboolean
has_replaceable (DavscopeReportWindow *self)
{
  if (self->report == NULL)
    return FALSE;

  for (guint i = 0; i < self->report->items->len; i++)
    if (((DavReportItem *) g_ptr_array_index (self->report->items, i))->destination_exists)
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.retry", ended && has_retryable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.replace", ended && has_replaceable (self));
  /* Replacing is offered only when there is something to replace. */
  gtk_widget_set_visible (self->replace_button, ended && has_replaceable (self));
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

/* The report as shown: the batch's items and the refused URLs, in the
 * order given. Its item array borrows them. */
static DavReport *
ordered_report (DavscopeReportWindow *self)
{
  DavReport *shown = dav_report_new ();
  guint next = 0;

  g_ptr_array_set_free_func (shown->items, NULL);
  for (guint i = 0; i < self->order->len; i++)
    {
      DavReportItem *item = g_ptr_array_index (self->order, i);

      if (item == NULL && next < self->report->items->len)
        item = g_ptr_array_index (self->report->items, next++);
      if (item != NULL)
        g_ptr_array_add (shown->items, item);
    }

  return shown;
}

static void
show_report (DavscopeReportWindow *self)
{
  g_autoptr(GListStore) rows = g_list_store_new (DAVSCOPE_TYPE_REPORT_ROW);
  g_autofree char *summary = NULL;
  const char *css_class = NULL;
  const char *summary_classes[] = { "heading", NULL, NULL };

  g_clear_pointer (&self->shown, dav_report_unref);
  self->shown = ordered_report (self);

  for (guint i = 0; i < self->shown->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (self->shown->items, i);
      g_autoptr(DavscopeReportRow) row = davscope_report_row_new (item, is_refused (self, item));

      g_list_store_append (rows, row);
    }
  set_rows (self, rows);

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

  /* Also when the window has closed meanwhile: the browser shows what the
   * server has now, re-listed where anything is in doubt. */
  dav_resource_store_apply_report (self->store, report);

  if (batch != self->batch)
    return;

  drop_batch (self);
  g_clear_pointer (&self->report, dav_report_unref);
  self->report = g_steal_pointer (&report);
  show_report (self);
}

static void
clear_run (DavscopeReportWindow *self)
{
  /* @shown borrows from @report and @refused: it goes first. */
  g_clear_pointer (&self->shown, dav_report_unref);
  g_clear_pointer (&self->report, dav_report_unref);
  g_ptr_array_set_size (self->order, 0);
  g_ptr_array_set_size (self->refused, 0);
}

static gboolean
add_to_batch (DavscopeReportWindow  *self,
              const char            *url,
              const char            *destination,
              GError               **error)
{
  const char *method = self->method;

  /* An upload of a folder: its folders have no local file, and are made. */
  if (g_str_equal (method, "PUT") && destination == NULL && g_str_has_suffix (url, "/"))
    return dav_batch_add_mkcol (self->batch, url, error);

  if (destination == NULL && (g_str_equal (method, "COPY") || g_str_equal (method, "MOVE") ||
                              g_str_equal (method, "PUT") || g_str_equal (method, "GET")))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("No destination was given."));
      return FALSE;
    }

  if (g_str_equal (method, "MKCOL"))
    return dav_batch_add_mkcol (self->batch, url, error);
  if (g_str_equal (method, "COPY"))
    return dav_batch_add_copy (self->batch, url, destination, self->overwrite, error);
  if (g_str_equal (method, "MOVE"))
    return dav_batch_add_move (self->batch, url, destination, self->overwrite, error);
  if (g_str_equal (method, "PUT"))
    {
      g_autoptr(GFile) source = g_file_parse_name (destination);

      return dav_batch_add_upload (self->batch, source, url, self->overwrite, error);
    }
  if (g_str_equal (method, "GET"))
    {
      g_autoptr(GFile) target = g_file_parse_name (destination);

      return dav_batch_add_download (self->batch, url, target, self->overwrite, error);
    }

  return dav_batch_add_delete (self->batch, url, error);
}

/* @destinations: NULL, or one per URL (see davscope_report_window_run). */
static void
start_run (DavscopeReportWindow *self,
           GPtrArray            *urls,
           GPtrArray            *destinations)
{
  g_autofree char *title = NULL;

  g_return_if_fail (self->batch == NULL);
  g_return_if_fail (destinations == NULL || destinations->len == urls->len);

  clear_run (self);
  set_rows (self, NULL);

  self->batch = dav_batch_new (dav_resource_store_get_client (self->store), CONCURRENCY);
  self->cancellable = g_cancellable_new ();

  for (guint i = 0; i < urls->len; i++)
    {
      const char *url = g_ptr_array_index (urls, i);
      const char *destination = destinations ? g_ptr_array_index (destinations, i) : NULL;
      g_autoptr(GError) error = NULL;

      if (add_to_batch (self, url, destination, &error))
        g_ptr_array_add (self->order, NULL);
      else
        {
          /* Never sent: the row says why instead of what the server said. */
          gboolean folder = g_str_equal (self->method, "PUT") && destination == NULL;
          DavReportItem *item = dav_report_item_new (folder ? "MKCOL" : self->method, url);

          item->destination = g_strdup (destination);
          g_free (item->explanation);
          item->explanation = g_strdup (error->message);
          g_ptr_array_add (self->refused, item);
          g_ptr_array_add (self->order, item);
        }
    }
  self->n_total = dav_batch_get_n_targets (self->batch);
  self->n_done = 0;
  self->bytes_done = 0;
  self->bytes_total = -1;

  title = running_title (self->method, self->n_total);
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
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) destinations = g_ptr_array_new_with_free_func (g_free);
  gboolean any_destination = FALSE;

  if (self->batch != NULL || self->report == NULL)
    return;

  /* Failed, unanswered and unsent items; refused URLs would be refused again. */
  for (guint i = 0; i < self->report->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (self->report->items, i);

      if (item->outcome == DAV_OUTCOME_DONE || (replacing && !item->destination_exists))
        continue;
      g_ptr_array_add (urls, g_strdup (item->url));
      g_ptr_array_add (destinations, g_strdup (item->destination));
      any_destination |= item->destination != NULL;
    }

  if (replacing)
    self->overwrite = TRUE;
  if (urls->len > 0)
    start_run (self, urls, any_destination ? destinations : NULL);
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

  for (guint i = 0; i < self->shown->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (self->shown->items, i);

      text_item (out, item, is_refused (self, item));
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
  g_autofree char *text = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    text = g_strdup_printf (_("Could not export the report: %s"), error->message);
  else
    {
      g_autofree char *basename = g_file_get_basename (G_FILE (source));
      g_autofree char *name = g_filename_display_name (basename);

      text = g_strdup_printf (_("Report exported to “%s”"), name);
    }

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
  g_file_replace_contents_bytes_async (file, g_bytes_new_take (text, strlen (text)), NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                       export_done_cb, g_object_ref (self));
}

static GtkFileFilter *
file_filter_new (const char *name,
                 const char *pattern,
                 const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, mime_type);

  return filter;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DavscopeReportWindow *self = DAVSCOPE_REPORT_WINDOW (widget);
  g_autoptr(GtkFileFilter) json = file_filter_new ("JSON", "*.json", "application/json");
  g_autoptr(GtkFileFilter) csv = file_filter_new ("CSV", "*.csv", "text/csv");

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
    g_autofree char *lower = g_ascii_strdown (self->method, -1);
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

  clear_run (self);
  g_ptr_array_unref (self->order);
  g_ptr_array_unref (self->refused);
  g_clear_object (&self->store);
  g_free (self->method);

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

  self->order = g_ptr_array_new ();
  self->refused = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_report_item_free);

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
                   const char       *method,
                   gboolean          overwrite)
{
  DavscopeReportWindow *self;

  self = g_object_new (DAVSCOPE_TYPE_REPORT_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->method = g_strdup (method);
  self->overwrite = overwrite;
  gtk_window_set_title (GTK_WINDOW (self), window_title (method));

  return self;
}

DavscopeReportWindow *
davscope_report_window_show_report (GtkWindow        *parent,
                                    DavResourceStore *store,
                                    const char       *method,
                                    DavReport        *report,
                                    gboolean          overwrite)
{
  DavscopeReportWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DAV_IS_RESOURCE_STORE (store), NULL);
  g_return_val_if_fail (report != NULL, NULL);

  self = report_window_new (parent, store, method, overwrite);
  self->report = dav_report_ref (report);
  for (guint i = 0; i < report->items->len; i++)
    g_ptr_array_add (self->order, NULL);
  show_report (self);
  gtk_window_present (GTK_WINDOW (self));

  return self;
}

DavscopeReportWindow *
davscope_report_window_run (GtkWindow        *parent,
                            DavResourceStore *store,
                            const char       *method,
                            GPtrArray        *urls,
                            GPtrArray        *destinations,
                            gboolean          overwrite)
{
  DavscopeReportWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DAV_IS_RESOURCE_STORE (store), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (urls != NULL, NULL);

  self = report_window_new (parent, store, method, overwrite);
  start_run (self, urls, destinations);
  gtk_window_present (GTK_WINDOW (self));

  return self;
}

/* Returns: (transfer none): the window, which belongs to GTK's list of
 * toplevels like any other; it destroys itself when closed. */
DavscopeReportWindow *
davscope_report_window_new (GtkWindow        *parent,
                            DavResourceStore *store,
                            GPtrArray        *urls)
{
  return davscope_report_window_run (parent, store, "DELETE", urls, NULL, FALSE);
}
