/* davscope-inspector-window.c: the exchanges behind what the window shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One inspector per DavClient, kept as object data on the client while the
 * window lives. The left side lists the client's DavExchangeLog as it is:
 *
 *   GtkListView "Exchanges"
 *     └ GtkSingleSelection (autoselect FALSE)
 *         └ DavExchangeLog (a ring buffer of DavExchange, oldest first)
 *
 * Its rows (davscope-inspector-exchange-row.c) follow their exchange
 * while it runs. The list keeps the newest row in view as exchanges
 * arrive, until the person scrolls away from the end.
 *
 * The right side shows the selected exchange. It listens to the
 * exchange's "notify" and redraws at most every REFRESH_MS, redoing only
 * what changed (headers arrays are replaced, never changed in place, and
 * a body's GBytes is replaced when the body grows, so comparing pointers
 * is enough). Bodies are re-indented only once the exchange has finished.
 *
 * Everything here comes from the server or went to it: what is shown is
 * escaped and laid out by davscope-inspector-body.c, which says how. A
 * 207 (or a DAV:error or DAV:prop body) is parsed again with
 * dav_multistatus_parse into a tree of DavscopeInspectorNode
 * (davscope-inspector-node.c), beside the raw text whose line numbers the
 * parser's lines refer to:
 *
 *   GtkListView "Parsed response"
 *     └ GtkSingleSelection (selecting a row shows its line in the raw XML)
 *         └ GtkTreeListModel (passthrough FALSE; children are made on
 *             │               first ask from the records, no I/O)
 *             └ GListStore of nodes: body problems, conditions, responses
 *                 └ response: problems, conditions, notes, propstats
 *                     └ propstat: properties, conditions, description
 */

#include "davscope-inspector-window.h"

#include "davscope-accessible.h"
#include "davscope-inspector-node.h"
#include "davscope-inspector-private.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "dav-multistatus-parser.h"

/* The object data on the client that points to its inspector. */

#define REFRESH_MS 150

static char *
format_started (gint64 started_us)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_local (started_us / G_USEC_PER_SEC);
  g_autofree char *hms = NULL;

  if (seconds == NULL)
    return g_strdup ("");

  hms = g_date_time_format (seconds, "%H:%M:%S");
  return g_strdup_printf ("%s.%03d", hms, (int) ((started_us % G_USEC_PER_SEC) / 1000));
}

/* ---- the window --------------------------------------------------------- */

struct _DavscopeInspectorWindow
{
  AdwWindow                   parent_instance;

  AdwToastOverlay            *toast_overlay;
  GtkWidget                  *header_bar;
  AdwWindowTitle             *window_title;
  GtkWidget                  *list_stack;
  GtkWidget                  *list_scroller;
  GtkWidget                  *list_view;
  GtkWidget                  *details_stack;
  GtkWidget                  *summary_title;
  GtkWidget                  *summary_subtitle;
  GtkWidget                  *error_label;
  GtkWidget                  *view_switcher;
  GtkWidget                  *view_stack;
  AdwViewStackPage           *parsed_page;
  GtkWidget                  *request_headers_view;
  GtkWidget                  *request_body_note;
  GtkWidget                  *request_body_view;
  GtkWidget                  *response_headers_view;
  GtkWidget                  *response_body_note;
  GtkWidget                  *response_body_view;
  GtkWidget                  *parsed_summary;
  GtkWidget                  *parsed_view;
  GtkWidget                  *raw_view;
  GArray                     *raw_lines;  /* line as received -> line shown, or NULL */

  DavClient                  *client;
  DavExchangeLog             *log;
  GtkSingleSelection         *selection;
  gboolean                    follow_end;   /* keep the newest exchange in view */
  guint                       pin_source;
  double                      last_upper;   /* of the list's vadjustment */
  double                      last_page_size;

  /* The exchange shown on the right, which may have left the log. */
  DavExchange                *exchange;
  gulong                      exchange_notify_id;
  guint                       refresh_source;

  GPtrArray                  *shown_request_headers;
  GPtrArray                  *shown_response_headers;
  gboolean                    shown_response_final;
  DavscopeInspectorBodyState  request_body;
  DavscopeInspectorBodyState  response_body;
  DavscopeInspectorBodyState  parsed_body;
};

G_DEFINE_FINAL_TYPE (DavscopeInspectorWindow, davscope_inspector_window, ADW_TYPE_WINDOW)

static void
show_toast (DavscopeInspectorWindow *self,
            const char              *text)
{
  /* A toast title is Pango markup in libadwaita 1.2. */
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

static void
update_style_scheme (DavscopeInspectorWindow *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme = davscope_inspector_pick_style_scheme (dark);
  GtkWidget *views[] = {
    self->request_headers_view, self->request_body_view,
    self->response_headers_view, self->response_body_view,
    self->raw_view,
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (davscope_inspector_view_buffer (views[i])), scheme);
}

static void on_parsed_selection_changed (GtkSingleSelection      *selection,
                                         GParamSpec              *pspec,
                                         DavscopeInspectorWindow *self);

static void
set_parsed_rows (DavscopeInspectorWindow *self,
                 GListStore              *nodes,
                 gboolean                 autoexpand)
{
  GtkTreeListModel *tree = NULL;
  GtkSingleSelection *selection = NULL;

  if (nodes != NULL)
    {
      tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (nodes)), FALSE, autoexpand,
                                      davscope_inspector_node_create_children, NULL, NULL);
      selection = gtk_single_selection_new (G_LIST_MODEL (tree));
      gtk_single_selection_set_autoselect (selection, FALSE);
      gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
      g_signal_connect_object (selection, "notify::selected-item",
                               G_CALLBACK (on_parsed_selection_changed), self, 0);
    }

  gtk_list_view_set_model (GTK_LIST_VIEW (self->parsed_view), GTK_SELECTION_MODEL (selection));
  g_clear_object (&selection);
}

static void
show_parsed (DavscopeInspectorWindow *self,
             DavMultistatus          *multistatus,
             const char              *data,
             gsize                    length)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceBuffer *raw = GTK_SOURCE_BUFFER (davscope_inspector_view_buffer (self->raw_view));
  g_autoptr(GListStore) nodes = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *indented = NULL;
  g_autofree char *text = NULL;
  const char *css_class = NULL;
  const char *classes[] = { NULL, NULL };

  if (multistatus == NULL)
    {
      set_parsed_rows (self, NULL, FALSE);
      gtk_text_buffer_set_text (GTK_TEXT_BUFFER (raw), "", 0);
      adw_view_stack_page_set_visible (self->parsed_page, FALSE);
      return;
    }

  nodes = davscope_inspector_node_list_new (multistatus);
  /* A small answer is read at a glance; a listing is opened item by item. */
  set_parsed_rows (self, nodes, multistatus->responses->len <= 3);

  summary = davscope_inspector_multistatus_summary (multistatus, self->exchange, &css_class);
  classes[0] = css_class;
  gtk_label_set_text (GTK_LABEL (self->parsed_summary), summary);
  gtk_widget_set_css_classes (self->parsed_summary, classes);

  /* Re-indented, with where each line as received went, for the
   * parser's line numbers; as received when it cannot be. */
  g_clear_pointer (&self->raw_lines, g_array_unref);
  indented = davscope_inspector_indent_xml (data, length, &self->raw_lines);
  text = indented != NULL ? davscope_inspector_escape_block (indented, strlen (indented))
                          : davscope_inspector_escape_block (data, length);
  gtk_source_buffer_set_language (raw, gtk_source_language_manager_get_language (languages, "xml"));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (raw), text, -1);

  adw_view_stack_page_set_visible (self->parsed_page, TRUE);
}

static void
refresh_parsed (DavscopeInspectorWindow *self)
{
  DavExchange *exchange = self->exchange;
  gboolean final = dav_exchange_get_finished (exchange);
  GBytes *body = dav_exchange_get_response_body (exchange);
  const char *content_type = davscope_inspector_find_header (dav_exchange_get_response_headers (exchange),
                                                             "Content-Type");
  g_autoptr(DavMultistatus) multistatus = NULL;
  const char *data = NULL;
  gsize length = 0;

  /* The size alone moving on changes nothing in what was kept. */
  if (davscope_inspector_body_state_update (&self->parsed_body, body,
                                            dav_exchange_get_response_body_size (exchange),
                                            final) != DAVSCOPE_INSPECTOR_BODY_CHANGED)
    return;

  if (body != NULL)
    data = g_bytes_get_data (body, &length);

  /* Parsed once the answer is complete; only what may hold a
   * multistatus, a DAV:error or a DAV:prop. */
  if (final && length > 0 && !davscope_inspector_has_binary_bytes (data, length) &&
      g_strcmp0 (davscope_inspector_body_language (content_type, data, length), "xml") == 0)
    {
      multistatus = dav_multistatus_parse (data, length, NULL);
      if (!multistatus->is_multistatus && !multistatus->is_prop_body && multistatus->errors->len == 0)
        g_clear_pointer (&multistatus, dav_multistatus_unref);
    }

  show_parsed (self, multistatus, data, length);
}

static void
refresh_summary (DavscopeInspectorWindow *self)
{
  DavExchange *exchange = self->exchange;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *method = davscope_inspector_escape (dav_exchange_get_method (exchange));
  g_autofree char *path = davscope_inspector_display_path (dav_exchange_get_url (exchange));
  g_autofree char *url = davscope_inspector_escape (dav_exchange_get_url (exchange));
  g_autofree char *title = g_strdup_printf ("%s %s", method, path);
  g_autofree char *subtitle = NULL;
  const char *error = dav_exchange_get_error (exchange);
  guint status = dav_exchange_get_status (exchange);
  gint64 headers_us = dav_exchange_get_headers_us (exchange);
  gint64 duration_us = dav_exchange_get_duration_us (exchange);
  gboolean finished = dav_exchange_get_finished (exchange);

  gtk_label_set_text (GTK_LABEL (self->summary_title), title);
  gtk_widget_set_tooltip_text (self->summary_title, url);

  if (status != 0)
    g_ptr_array_add (parts, davscope_status_phrase (status, dav_exchange_get_reason (exchange), FALSE));
  else if (!finished)
    g_ptr_array_add (parts, g_strdup (_("Waiting for the response…")));
  else
    g_ptr_array_add (parts, g_strdup (_("No response")));

  if (finished && duration_us >= 0)
    {
      g_autofree char *ms = davscope_inspector_format_ms (duration_us);

      g_ptr_array_add (parts, g_strdup_printf (_("%s in all"), ms));
    }
  if (headers_us >= 0)
    {
      g_autofree char *ms = davscope_inspector_format_ms (headers_us);

      g_ptr_array_add (parts, g_strdup_printf (_("headers after %s"), ms));
    }
  if (status != 0)
    g_ptr_array_add (parts, g_format_size (dav_exchange_get_response_body_size (exchange)));
  {
    g_autofree char *started = format_started (dav_exchange_get_started (exchange));

    g_ptr_array_add (parts, g_strdup_printf (_("started at %s"), started));
  }
  g_ptr_array_add (parts, NULL);

  /* TRANSLATORS: joins "207 Multi-Status", "12 ms in all", "3.4 kB", … */
  subtitle = g_strjoinv (C_("inspector summary", " · "), (char **) parts->pdata);
  gtk_label_set_text (GTK_LABEL (self->summary_subtitle), subtitle);

  if (error != NULL)
    {
      g_autofree char *shown = davscope_inspector_escape (error);
      g_autofree char *text = g_strdup_printf (_("Failed: %s"), shown);

      gtk_label_set_text (GTK_LABEL (self->error_label), text);
    }
  gtk_widget_set_visible (self->error_label, error != NULL);
}

static void
refresh_details (DavscopeInspectorWindow *self)
{
  DavExchange *exchange = self->exchange;
  GPtrArray *request_headers;
  GPtrArray *response_headers;
  DavscopeInspectorBodyChange change;
  gboolean finished;

  if (exchange == NULL)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->details_stack), "none");
      return;
    }

  finished = dav_exchange_get_finished (exchange);
  gtk_stack_set_visible_child_name (GTK_STACK (self->details_stack), "details");
  refresh_summary (self);

  request_headers = dav_exchange_get_request_headers (exchange);
  if (request_headers != self->shown_request_headers)
    {
      g_autofree char *method = davscope_inspector_escape (dav_exchange_get_method (exchange));
      g_autofree char *url = davscope_inspector_escape (dav_exchange_get_url (exchange));
      g_autofree char *line = g_strdup_printf ("%s %s", method, url);

      davscope_inspector_render_headers (self->request_headers_view, line, request_headers);
      g_clear_pointer (&self->shown_request_headers, g_ptr_array_unref);
      self->shown_request_headers = g_ptr_array_ref (request_headers);
      /* Its note may depend on Content-Type and Content-Length. */
      davscope_inspector_body_state_clear (&self->request_body);
    }

  response_headers = dav_exchange_get_response_headers (exchange);
  if (response_headers != self->shown_response_headers || finished != self->shown_response_final)
    {
      guint status = dav_exchange_get_status (exchange);
      g_autofree char *line = NULL;

      if (status != 0)
        line = davscope_status_phrase (status, dav_exchange_get_reason (exchange), FALSE);
      else
        line = g_strdup (finished ? _("No response") : _("Waiting for the response…"));

      davscope_inspector_render_headers (self->response_headers_view, line, response_headers);
      g_clear_pointer (&self->shown_response_headers, g_ptr_array_unref);
      self->shown_response_headers = g_ptr_array_ref (response_headers);
      self->shown_response_final = finished;
    }

  /* The request body is complete once the request was written. */
  change = davscope_inspector_body_state_update (&self->request_body,
                                                 dav_exchange_get_request_body (exchange),
                                                 dav_exchange_get_request_body_size (exchange),
                                                 TRUE);
  davscope_inspector_render_body (self->request_body_view, self->request_body_note, &self->request_body, change,
                                  dav_exchange_get_request_body_truncated (exchange),
                                  davscope_inspector_find_header (request_headers, "Content-Type"),
                                  davscope_inspector_find_header (request_headers, "Content-Length"));

  change = davscope_inspector_body_state_update (&self->response_body,
                                                 dav_exchange_get_response_body (exchange),
                                                 dav_exchange_get_response_body_size (exchange),
                                                 finished);
  davscope_inspector_render_body (self->response_body_view, self->response_body_note, &self->response_body, change,
                                  dav_exchange_get_response_body_truncated (exchange),
                                  davscope_inspector_find_header (response_headers, "Content-Type"),
                                  NULL);

  refresh_parsed (self);
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  DavscopeInspectorWindow *self = user_data;

  self->refresh_source = 0;
  refresh_details (self);

  return G_SOURCE_REMOVE;
}

static void
on_shown_exchange_notify (DavExchange             *exchange,
                          GParamSpec              *pspec,
                          DavscopeInspectorWindow *self)
{
  /* A body arrives in many chunks: one redraw per REFRESH_MS at most. */
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_MS, refresh_timeout_cb, self);
}

static void
forget_shown (DavscopeInspectorWindow *self)
{
  g_clear_pointer (&self->shown_request_headers, g_ptr_array_unref);
  g_clear_pointer (&self->shown_response_headers, g_ptr_array_unref);
  self->shown_response_final = FALSE;
  davscope_inspector_body_state_clear (&self->request_body);
  davscope_inspector_body_state_clear (&self->response_body);
  davscope_inspector_body_state_clear (&self->parsed_body);
}

static void
update_actions (DavscopeInspectorWindow *self)
{
  guint n = self->log != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->log)) : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.copy-curl", self->exchange != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.clear", n > 0);
}

static void
set_exchange (DavscopeInspectorWindow *self,
              DavExchange             *exchange)
{
  if (self->exchange == exchange)
    return;

  if (self->exchange != NULL)
    g_clear_signal_handler (&self->exchange_notify_id, self->exchange);
  g_clear_object (&self->exchange);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  forget_shown (self);

  if (exchange != NULL)
    {
      self->exchange = g_object_ref (exchange);
      self->exchange_notify_id = g_signal_connect (exchange, "notify",
                                                   G_CALLBACK (on_shown_exchange_notify), self);
    }
  else
    show_parsed (self, NULL, NULL, 0);

  refresh_details (self);
  update_actions (self);
}

static void
scroll_to (DavscopeInspectorWindow *self,
           guint                    position)
{
  gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u", position);
}

static void
scroll_to_end (DavscopeInspectorWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (n > 0)
    scroll_to (self, n - 1);
}

static gboolean
pin_to_end_cb (gpointer user_data)
{
  DavscopeInspectorWindow *self = user_data;

  self->pin_source = 0;
  if (self->follow_end)
    scroll_to_end (self);

  return G_SOURCE_REMOVE;
}

static void
queue_pin_to_end (DavscopeInspectorWindow *self)
{
  /* Before the next layout and paint, which a busy list never lacks. */
  if (self->pin_source == 0)
    self->pin_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, pin_to_end_cb, self, NULL);
}

/* Following the end: a new row, or rows measured at last, move the end
 * away from where the view is, in the middle of a layout; catch up after. */
static void
on_vadjustment_changed (GtkAdjustment           *adjustment,
                        DavscopeInspectorWindow *self)
{
  if (self->follow_end)
    queue_pin_to_end (self);
  else
    {
      self->last_upper = gtk_adjustment_get_upper (adjustment);
      self->last_page_size = gtk_adjustment_get_page_size (adjustment);
    }
}

static void
on_vadjustment_value_changed (GtkAdjustment           *adjustment,
                              DavscopeInspectorWindow *self)
{
  double value = gtk_adjustment_get_value (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);
  double page_size = gtk_adjustment_get_page_size (adjustment);

  /* The list's own layout moved the view (GtkAdjustment emits "changed"
   * before "value-changed"): that is not the person scrolling away. */
  if (upper != self->last_upper || page_size != self->last_page_size)
    {
      self->last_upper = upper;
      self->last_page_size = page_size;
      if (self->follow_end)
        queue_pin_to_end (self);
      return;
    }

  /* Within a few pixels of the end counts as at the end. */
  self->follow_end = value >= upper - page_size - 8;
}

static void
update_list_state (DavscopeInspectorWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  gtk_stack_set_visible_child_name (GTK_STACK (self->list_stack), n > 0 ? "list" : "empty");
  update_actions (self);
}

static void
on_log_items_changed (GListModel              *model,
                      guint                    position,
                      guint                    removed,
                      guint                    added,
                      DavscopeInspectorWindow *self)
{
  guint n = g_list_model_get_n_items (model);

  update_list_state (self);

  /* Cleared: nothing is left to show. (An exchange that only fell out of
   * a full log stays on the right until another is selected.) */
  if (n == 0)
    set_exchange (self, NULL);

  if (added > 0 && position + added == n && self->follow_end)
    queue_pin_to_end (self);
}

static void
on_selected_item_changed (GtkSingleSelection      *selection,
                          GParamSpec              *pspec,
                          DavscopeInspectorWindow *self)
{
  DavExchange *exchange = gtk_single_selection_get_selected_item (selection);

  if (exchange != NULL)
    set_exchange (self, exchange);
}

static GtkWidget *
visible_body_view (DavscopeInspectorWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->view_stack));

  if (g_strcmp0 (page, "request") == 0)
    return self->request_body_view;
  if (g_strcmp0 (page, "parsed") == 0)
    return self->parsed_view;

  return self->response_body_view;
}

static void
on_exchange_activate (GtkListView             *view,
                      guint                    position,
                      DavscopeInspectorWindow *self)
{
  /* Enter on a row: on to its details, for the keyboard. */
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_grab_focus (visible_body_view (self));
}

static void
on_node_activate (GtkListView             *view,
                  guint                    position,
                  DavscopeInspectorWindow *self)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);

  /* Enter or a double click opens and closes a row. */
  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

/* Shows the line of the selected node in the raw XML. */
static void
on_parsed_selection_changed (GtkSingleSelection      *selection,
                             GParamSpec              *pspec,
                             DavscopeInspectorWindow *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (selection);
  g_autoptr(DavscopeInspectorNode) node = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
  guint line = node != NULL ? davscope_inspector_indented_line (self->raw_lines,
                                                               davscope_inspector_node_get_line (node))
                            : 0;
  GtkTextBuffer *buffer = davscope_inspector_view_buffer (self->raw_view);
  GtkTextIter iter;

  if (line == 0)
    return;

  gtk_text_buffer_get_iter_at_line (buffer, &iter, (int) line - 1);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->raw_view),
                                gtk_text_buffer_get_insert (buffer),
                                0.0, TRUE, 0.0, 0.3);
}

/* ---- Tab out of a list ---------------------------------------------------- */

/* GTK 4.8 moves Tab from row to row inside a list view, so a list of 200
 * exchanges would take 200 presses to leave: Tab and Shift+Tab leave the
 * list at once, to the widgets after and before it. */
static gboolean
on_list_key_pressed (GtkEventControllerKey   *controller,
                     guint                    keyval,
                     guint                    keycode,
                     GdkModifierType          state,
                     DavscopeInspectorWindow *self)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  gboolean exchanges = list == self->list_view;
  gboolean backward;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  /* The exchanges sit between the header bar and the details; the parsed
   * tree between the view switcher and the raw body. */
  backward = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0;
  if (backward)
    return gtk_widget_child_focus (exchanges ? self->header_bar : self->view_switcher, GTK_DIR_TAB_BACKWARD);

  return gtk_widget_child_focus (exchanges ? self->details_stack : self->raw_view, GTK_DIR_TAB_FORWARD);
}

static void
leave_list_on_tab (DavscopeInspectorWindow *self,
                   GtkWidget               *list)
{
  GtkEventController *controller = gtk_event_controller_key_new ();

  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_list_key_pressed), self);
  gtk_widget_add_controller (list, controller);
}

/* ---- actions ------------------------------------------------------------ */

static void
copy_curl_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DavscopeInspectorWindow *self = DAVSCOPE_INSPECTOR_WINDOW (widget);
  g_autofree char *command = NULL;

  if (self->exchange == NULL)
    return;

  command = dav_exchange_to_curl (self->exchange);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), command);
  show_toast (self, _("Copied"));
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DavscopeInspectorWindow *self = DAVSCOPE_INSPECTOR_WINDOW (widget);

  if (self->log != NULL)
    dav_exchange_log_clear (self->log);
  self->follow_end = TRUE;
}

/* ---- the type ----------------------------------------------------------- */

static void
davscope_inspector_window_dispose (GObject *object)
{
  DavscopeInspectorWindow *self = DAVSCOPE_INSPECTOR_WINDOW (object);

  if (self->exchange != NULL)
    g_clear_signal_handler (&self->exchange_notify_id, self->exchange);
  g_clear_object (&self->exchange);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->pin_source, g_source_remove);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->list_scroller != NULL)
    g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->list_scroller)), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), DAVSCOPE_TYPE_INSPECTOR_WINDOW);

  /* Nothing may have queued these again while the children went away. */
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->pin_source, g_source_remove);

  g_clear_object (&self->selection);
  g_clear_object (&self->log);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (davscope_inspector_window_parent_class)->dispose (object);
}

static void
davscope_inspector_window_finalize (GObject *object)
{
  DavscopeInspectorWindow *self = DAVSCOPE_INSPECTOR_WINDOW (object);

  forget_shown (self);
  g_clear_pointer (&self->raw_lines, g_array_unref);

  G_OBJECT_CLASS (davscope_inspector_window_parent_class)->finalize (object);
}

static void
davscope_inspector_window_class_init (DavscopeInspectorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = davscope_inspector_window_dispose;
  object_class->finalize = davscope_inspector_window_finalize;

  /* Registers GtkSourceView's types for the template; does it once. */
  gtk_source_init ();

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/davscope/Davscope/davscope-inspector-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, details_stack);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, summary_title);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, summary_subtitle);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, parsed_page);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, request_headers_view);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, request_body_note);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, request_body_view);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, response_headers_view);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, response_body_note);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, response_body_view);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, parsed_summary);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, parsed_view);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorWindow, raw_view);
  gtk_widget_class_bind_template_callback (widget_class, on_exchange_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_node_activate);

  gtk_widget_class_install_action (widget_class, "inspector.copy-curl", NULL, copy_curl_action);
  gtk_widget_class_install_action (widget_class, "inspector.clear", NULL, clear_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "inspector.copy-curl", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
setup_parsed_view (DavscopeInspectorWindow *self)
{
  GtkListItemFactory *factory = davscope_inspector_node_factory_new ();

  gtk_list_view_set_factory (GTK_LIST_VIEW (self->parsed_view), factory);
  g_object_unref (factory);
}

static void
davscope_inspector_window_init (DavscopeInspectorWindow *self)
{
  GtkListItemFactory *factory;
  GtkAdjustment *vadjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  davscope_accessible_fix_names (GTK_WIDGET (self));

  self->follow_end = TRUE;

  factory = davscope_inspector_exchange_row_factory_new ();
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), factory);
  g_object_unref (factory);

  setup_parsed_view (self);
  leave_list_on_tab (self, self->list_view);
  leave_list_on_tab (self, self->parsed_view);

  davscope_inspector_init_text_view (self->request_headers_view, TRUE);
  davscope_inspector_init_text_view (self->request_body_view, FALSE);
  davscope_inspector_init_text_view (self->response_headers_view, TRUE);
  davscope_inspector_init_text_view (self->response_body_view, FALSE);
  davscope_inspector_init_text_view (self->raw_view, FALSE);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style_scheme), self, G_CONNECT_SWAPPED);
  update_style_scheme (self);

  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->list_scroller));
  g_signal_connect (vadjustment, "changed", G_CALLBACK (on_vadjustment_changed), self);
  g_signal_connect (vadjustment, "value-changed", G_CALLBACK (on_vadjustment_value_changed), self);

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "response");
  update_actions (self);
}

static void
set_client (DavscopeInspectorWindow *self,
            DavClient               *client)
{
  g_autofree char *base_url = davscope_inspector_escape (dav_client_get_base_url (client));

  self->client = g_object_ref (client);
  self->log = g_object_ref (dav_client_get_exchange_log (client));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->log)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  /* A new GtkSingleSelection has already picked the first item (autoselect
   * is on until the line above), before the pane listens: start with none,
   * or "Show Exchange" on that first item would change nothing. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), GTK_SELECTION_MODEL (self->selection));

  /* After the list view's own handlers: it knows the new rows by then. */
  g_signal_connect (self->selection, "items-changed", G_CALLBACK (on_log_items_changed), self);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (on_selected_item_changed), self);

  adw_window_title_set_subtitle (self->window_title, base_url);
  update_list_state (self);
  scroll_to_end (self);
}

static void
select_exchange (DavscopeInspectorWindow *self,
                 guint64                  exchange_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DavExchange) exchange = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (dav_exchange_get_id (exchange) == exchange_id)
        {
          /* Looking at an older one: the list stops following the end. */
          self->follow_end = FALSE;
          gtk_single_selection_set_selected (self->selection, i);
          scroll_to (self, i);
          return;
        }
    }

  show_toast (self, _("That request is no longer in the log"));
}

/* One inspector per connection: the open one of @client, if any. */
static DavscopeInspectorWindow *
find_inspector (DavClient *client)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (DAVSCOPE_IS_INSPECTOR_WINDOW (l->data) &&
        DAVSCOPE_INSPECTOR_WINDOW (l->data)->client == client)
      return l->data;

  return NULL;
}

DavscopeInspectorWindow *
davscope_inspector_window_show (GtkWindow *parent,
                                DavClient *client,
                                guint64    exchange_id)
{
  DavscopeInspectorWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DAV_IS_CLIENT (client), NULL);

  self = find_inspector (client);
  if (self == NULL)
    {
      self = g_object_new (DAVSCOPE_TYPE_INSPECTOR_WINDOW,
                           "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                           NULL);
      set_client (self, client);

      /* Not transient, so that it can sit beside the window it explains;
       * it goes with that window all the same. */
      if (parent != NULL)
        g_signal_connect_object (parent, "destroy", G_CALLBACK (gtk_window_destroy),
                                 self, G_CONNECT_SWAPPED);
    }

  if (exchange_id != 0)
    select_exchange (self, exchange_id);

  gtk_window_present (GTK_WINDOW (self));

  return self;
}
