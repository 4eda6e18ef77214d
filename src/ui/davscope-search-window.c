/* davscope-search-window.c: Search Below Here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "davscope-search-window.h"

#include <glib/gi18n.h>

#include "dav-batch.h"
#include "dav-date-text.h"
#include "dav-search.h"
#include "davscope-accessible.h"
#include "davscope-inspector-window.h"
#include "davscope-report-window.h"
#include "davscope-search-hit.h"
#include "davscope-window.h"

struct _DavscopeSearchWindow
{
  AdwWindow           parent_instance;

  GtkWidget          *toasts;
  GtkWidget          *window_title;
  GtkWidget          *name_entry;
  GtkWidget          *run_stack;
  GtkWidget          *property_entry;
  GtkWidget          *property_button;
  GtkWidget          *value_entry;
  GtkWidget          *spinner;
  GtkWidget          *progress_label;
  GtkWidget          *fallback_box;
  GtkWidget          *fallback_label;
  GtkWidget          *stack;
  GtkWidget          *empty_page;
  GtkWidget          *results_view;
  GtkWidget          *row_menu;      /* on a right-click on a result */

  GtkWindow          *parent;        /* weak: the main window */
  DavResourceStore   *store;
  char               *url;
  GStrv               names;
  GListStore         *results;       /* DavscopeSearchHit* */
  GtkSingleSelection *selection;

  DavSearch          *search;        /* the last one run */
  GCancellable       *cancellable;   /* while it runs */
  gboolean            cancelled;
};

G_DEFINE_FINAL_TYPE (DavscopeSearchWindow, davscope_search_window, ADW_TYPE_WINDOW)

/* ---- progress ------------------------------------------------------------- */

static void
update_progress (DavscopeSearchWindow *self)
{
  DavSearch *search = self->search;
  g_autofree char *counts = NULL;
  const char *state;
  const char *method;

  if (search == NULL)
    return;

  switch (dav_search_get_method (search))
    {
    case DAV_SEARCH_METHOD_SEARCH:
      /* Translators: how a search is done; a SEARCH request is a WebDAV method name. */
      method = _("Method: one SEARCH request");
      break;
    case DAV_SEARCH_METHOD_WALK:
      /* Translators: how a search is done: each folder listed with its own PROPFIND request. */
      method = _("Method: walk, one PROPFIND per folder");
      break;
    case DAV_SEARCH_METHOD_NONE:
    default:
      method = _("Asking the server whether it offers SEARCH…");
      break;
    }

  if (self->cancellable != NULL)
    state = _("Searching…");
  else if (self->cancelled)
    state = _("Cancelled.");
  else
    state = _("Done.");

  if (dav_search_get_method (search) == DAV_SEARCH_METHOD_SEARCH)
    /* Translators: the progress of a search the server does itself; "·" separates the counts. */
    counts = g_strdup_printf (_("Found: %u · Not searched: %u"),
                              dav_search_get_n_matches (search), dav_search_get_n_failures (search));
  else
    /* Translators: the progress of a search; "·" separates the counts. */
    counts = g_strdup_printf (_("Folders searched: %u · In flight: %u · Found: %u · Not searched: %u"),
                              dav_search_get_n_folders (search), dav_search_get_n_in_flight (search),
                              dav_search_get_n_matches (search), dav_search_get_n_failures (search));
  {
    g_autofree char *text = g_strdup_printf ("%s %s · %s", state, counts, method);

    gtk_label_set_text (GTK_LABEL (self->progress_label), text);
  }
}

/* What was searched for, for the empty page. */
static char *
describe_query (DavscopeSearchWindow *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  const char *property = gtk_editable_get_text (GTK_EDITABLE (self->property_entry));
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->value_entry));
  g_autoptr(DavHref) base = dav_href_resolve (self->url, self->url);
  guint n_folders = dav_search_get_n_folders (self->search);
  g_autofree char *what = NULL;
  g_autofree char *folders = NULL;

  if (*name != '\0' && *property != '\0')
    /* Translators: a search found nothing. The folder, the name part, the property, the value part. */
    what = g_strdup_printf (_("Nothing below “%s” has a name containing “%s” and a property %s containing “%s”."),
                            base->display_path, name, property, value);
  else if (*property != '\0')
    /* Translators: a search found nothing. The folder, the property, the value part. */
    what = g_strdup_printf (_("Nothing below “%s” has a property %s containing “%s”."),
                            base->display_path, property, value);
  else
    /* Translators: a search found nothing. The folder, the name part. */
    what = g_strdup_printf (_("Nothing below “%s” has a name containing “%s”."), base->display_path, name);

  if (dav_search_get_method (self->search) == DAV_SEARCH_METHOD_SEARCH)
    return g_strdup_printf ("%s %s", what, _("The server searched every folder below it."));

  folders = g_strdup_printf (ngettext ("%u folder was searched, every one of them completely.",
                                          "%u folders were searched, every one of them completely.", n_folders),
                             n_folders);
  return g_strdup_printf ("%s %s", what, folders);
}

static void
set_running (DavscopeSearchWindow *self,
             gboolean              running)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->run_stack), running ? "cancel" : "search");
  gtk_widget_set_visible (self->spinner, running);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.run", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.cancel", running);
}

/* ---- the search ----------------------------------------------------------- */

static void
show_results (DavscopeSearchWindow *self)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "results");
}

static void
on_match (DavSearch            *search,
          const DavResponse    *response,
          const DavHref        *href,
          DavscopeSearchWindow *self)
{
  g_autoptr(DavscopeSearchHit) hit = davscope_search_hit_new_match (self->url, response, href);

  g_list_store_append (self->results, hit);
  show_results (self);
  update_progress (self);
}

static void
on_failed (DavSearch            *search,
           const DavWalkFailure *failure,
           DavscopeSearchWindow *self)
{
  g_autoptr(DavscopeSearchHit) hit = davscope_search_hit_new_failure (self->url, failure);

  g_list_store_append (self->results, hit);
  show_results (self);
  update_progress (self);
}

static void
on_progress (DavSearch            *search,
             DavscopeSearchWindow *self)
{
  const char *reason = dav_search_get_fallback_reason (search, NULL);

  if (reason != NULL && !gtk_widget_get_visible (self->fallback_box))
    {
      gtk_label_set_text (GTK_LABEL (self->fallback_label), reason);
      gtk_widget_set_visible (self->fallback_box, TRUE);
    }
  update_progress (self);
}

static void
on_search_done (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(DavscopeSearchWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  DavSearch *search = DAV_SEARCH (source);

  dav_search_run_finish (search, res, &error);
  if (search != self->search)
    return;  /* a search replaced by a newer one */

  g_clear_object (&self->cancellable);
  self->cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  set_running (self, FALSE);
  on_progress (search, self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    {
      g_autofree char *description = describe_query (self);

      if (self->cancelled)
        {
          adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_page), _("Search Cancelled"));
          adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page),
                                           _("Nothing was found before the search was cancelled; the folders not searched yet may hold matches."));
        }
      else
        {
          adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_page), _("No Results"));
          adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page), description);
        }
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
    }
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DavscopeSearchWindow *self = DAVSCOPE_SEARCH_WINDOW (widget);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  const char *property = gtk_editable_get_text (GTK_EDITABLE (self->property_entry));
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->value_entry));
  g_autoptr(GError) error = NULL;
  DavSearch *search;

  if (self->cancellable != NULL)
    return;

  search = dav_search_new (dav_resource_store_get_client (self->store), self->url, name,
                           *property != '\0' ? property : NULL, value,
                           (const char * const *) self->names, &error);
  if (search == NULL)
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), adw_toast_new (error->message));
      return;
    }

  g_clear_object (&self->search);
  self->search = search;
  self->cancellable = g_cancellable_new ();
  self->cancelled = FALSE;
  g_list_store_remove_all (self->results);
  gtk_widget_set_visible (self->fallback_box, FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "results");
  g_signal_connect_object (search, "match", G_CALLBACK (on_match), self, 0);
  g_signal_connect_object (search, "failed", G_CALLBACK (on_failed), self, 0);
  g_signal_connect_object (search, "progress", G_CALLBACK (on_progress), self, 0);
  set_running (self, TRUE);
  dav_search_run_async (search, self->cancellable, on_search_done, g_object_ref (self));
  update_progress (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DavscopeSearchWindow *self = DAVSCOPE_SEARCH_WINDOW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
on_entry_activate (DavscopeSearchWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "search.run", NULL);
}

/* Escape: stops a search, or else closes, as in a dialog. */
static void
on_stop_search (DavscopeSearchWindow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
escape_pressed (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  on_stop_search (DAVSCOPE_SEARCH_WINDOW (widget));
  return TRUE;
}

/* ---- the results' actions ------------------------------------------------- */

static DavscopeSearchHit *
selected_hit (DavscopeSearchWindow *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (DavscopeSearchWindow *self)
{
  DavscopeSearchHit *hit = selected_hit (self);
  gboolean match = hit != NULL && !davscope_search_hit_is_failure (hit);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.show-in-folder", hit != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.show-exchange",
                                 hit != NULL && davscope_search_hit_get_exchange_id (hit) != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.copy-location", hit != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.delete", match);
}

static void
show_in_folder_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DavscopeSearchWindow *self = DAVSCOPE_SEARCH_WINDOW (widget);
  DavscopeSearchHit *hit = selected_hit (self);

  if (hit == NULL)
    return;
  if (!DAVSCOPE_IS_WINDOW (self->parent))
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts),
                                   adw_toast_new (_("The window this search was started from is closed.")));
      return;
    }
  davscope_window_show_in_folder (DAVSCOPE_WINDOW (self->parent), davscope_search_hit_get_folder_url (hit),
                                  davscope_search_hit_get_url (hit));
  gtk_window_present (self->parent);
}

static void
show_exchange (DavscopeSearchWindow *self,
               guint64               exchange_id)
{
  davscope_inspector_window_show (GTK_WINDOW (self), dav_resource_store_get_client (self->store), exchange_id);
}

static void
show_exchange_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DavscopeSearchWindow *self = DAVSCOPE_SEARCH_WINDOW (widget);
  DavscopeSearchHit *hit = selected_hit (self);

  if (hit != NULL && davscope_search_hit_get_exchange_id (hit) != 0)
    show_exchange (self, davscope_search_hit_get_exchange_id (hit));
}

static void
show_fallback_exchange_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  DavscopeSearchWindow *self = DAVSCOPE_SEARCH_WINDOW (widget);
  guint64 exchange_id = 0;

  if (self->search != NULL)
    dav_search_get_fallback_reason (self->search, &exchange_id);
  show_exchange (self, exchange_id);
}

static void
copy_location_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DavscopeSearchWindow *self = DAVSCOPE_SEARCH_WINDOW (widget);
  DavscopeSearchHit *hit = selected_hit (self);

  if (hit == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), davscope_search_hit_get_url (hit));
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), adw_toast_new (_("Location copied")));
}

static void
on_delete_response (AdwMessageDialog     *dialog,
                    const char           *response,
                    DavscopeSearchWindow *self)
{
  const char *url = g_object_get_data (G_OBJECT (dialog), "davscope-url");
  g_autoptr(DavBatch) batch = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;

  batch = davscope_report_window_new_batch (dav_resource_store_get_client (self->store));
  if (!dav_batch_add_delete (batch, url, &error))
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), adw_toast_new (error->message));
      return;
    }
  /* Done or not is what the report says, from the server's answer. */
  davscope_report_window_run (GTK_WINDOW (self), self->store, DAV_OPERATION_DELETE, batch, FALSE);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DavscopeSearchWindow *self = DAVSCOPE_SEARCH_WINDOW (widget);
  DavscopeSearchHit *hit = selected_hit (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (hit == NULL || davscope_search_hit_is_failure (hit))
    return;

  /* Translators: asked before deleting a search result; %s is its path. */
  heading = g_strdup_printf (_("Delete “%s” on the Server?"), davscope_search_hit_get_path (hit));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   davscope_search_hit_is_folder (hit)
                                   ? _("The folder and everything in it will be deleted. This cannot be undone.")
                                   : _("The file will be deleted. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "davscope-url", g_strdup (davscope_search_hit_get_url (hit)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pick_property_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DavscopeSearchWindow *self = DAVSCOPE_SEARCH_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->property_entry), g_variant_get_string (parameter, NULL));
  gtk_widget_grab_focus (self->value_entry);
}

/* Enter or a double click: a match is shown in its folder, a folder
 * that could not be searched shows why, in its exchange. */
static void
on_result_activate (DavscopeSearchWindow *self,
                    guint                 position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (davscope_search_hit_is_failure (selected_hit (self)))
    gtk_widget_activate_action (GTK_WIDGET (self), "search.show-exchange", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "search.show-in-folder", NULL);
}

/* ---- the columns ---------------------------------------------------------- */

/* A right-click on a result selects it and offers what can be done with it. */
static void
on_cell_pressed (GtkGestureClick *click,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkListItem     *list_item)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (click));
  DavscopeSearchWindow *self = DAVSCOPE_SEARCH_WINDOW (gtk_widget_get_root (cell));
  graphene_point_t at;

  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (list_item));
  if (!gtk_widget_compute_point (cell, self->results_view, &GRAPHENE_POINT_INIT (x, y), &at))
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu), &(GdkRectangle) { at.x, at.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
}

static void
set_cell (GtkListItem *list_item,
          GtkWidget   *cell)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_cell_pressed), list_item);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (list_item, cell);
}

static GtkWidget *
row_menu_new (GtkWidget *parent)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) actions = g_menu_new ();
  g_autoptr(GMenu) destructive = g_menu_new ();
  GtkWidget *popover;

  g_menu_append (actions, _("Show in _Folder"), "search.show-in-folder");
  g_menu_append (actions, _("Show E_xchange"), "search.show-exchange");
  g_menu_append (actions, _("Copy _Location"), "search.copy-location");
  g_menu_append (destructive, _("_Delete…"), "search.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (actions));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (destructive));
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, parent);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  return popover;
}

typedef enum {
  COLUMN_NAME,
  COLUMN_PATH,
  COLUMN_SIZE,
  COLUMN_MODIFIED,
  COLUMN_STATUS,
} Column;

static void
setup_name (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);

  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  /* Two lines at most: the whole explanation is its tooltip. */
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (reason), 2);
  gtk_label_set_ellipsize (GTK_LABEL (reason), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (reason, "caption");
  gtk_widget_add_css_class (reason, "error");
  gtk_box_append (GTK_BOX (lines), name);
  gtk_box_append (GTK_BOX (lines), reason);
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_box_append (GTK_BOX (box), lines);
  set_cell (list_item, box);
}

static void
bind_name (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  DavscopeSearchHit *hit = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *lines = gtk_widget_get_last_child (box);
  GtkWidget *name = gtk_widget_get_first_child (lines);
  GtkWidget *reason = gtk_widget_get_last_child (lines);
  gboolean failure = davscope_search_hit_is_failure (hit);
  g_autofree char *why = NULL;

  gtk_image_set_from_icon_name (GTK_IMAGE (icon),
                                failure ? "dialog-warning-symbolic"
                                : davscope_search_hit_is_folder (hit) ? "folder-symbolic"
                                : "text-x-generic-symbolic");
  if (failure)
    gtk_widget_add_css_class (icon, "error");
  else
    gtk_widget_remove_css_class (icon, "error");
  gtk_label_set_text (GTK_LABEL (name), davscope_search_hit_get_name (hit));

  if (failure)
    /* Translators: under a folder a search could not look into; %s says why. */
    why = g_strdup_printf (_("Not searched: %s"), davscope_search_hit_get_reason (hit));
  gtk_label_set_text (GTK_LABEL (reason), why ? why : "");
  gtk_widget_set_tooltip_text (reason, why);
  gtk_widget_set_visible (reason, failure);
}

static void
setup_text (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (user_data) == COLUMN_SIZE ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  if (GPOINTER_TO_INT (user_data) != COLUMN_PATH)
    gtk_widget_add_css_class (label, "numeric");
  set_cell (list_item, label);
}

static void
bind_text (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  DavscopeSearchHit *hit = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  switch (GPOINTER_TO_INT (user_data))
    {
    case COLUMN_PATH:
      text = g_strdup (davscope_search_hit_get_path (hit));
      break;
    case COLUMN_SIZE:
      if (davscope_search_hit_get_size (hit) >= 0)
        text = g_format_size (davscope_search_hit_get_size (hit));
      break;
    case COLUMN_MODIFIED:
      {
        g_autoptr(GDateTime) modified = davscope_search_hit_dup_modified (hit);

        if (modified != NULL)
          {
            g_autoptr(GDateTime) now = g_date_time_new_now_local ();

            text = dav_date_text_format (modified, now, DAV_DATE_STYLE_SHORT, FALSE);
          }
      }
      break;
    case COLUMN_STATUS:
      text = g_strdup (davscope_search_hit_get_status (hit) ? davscope_search_hit_get_status (hit) : _("Found"));
      break;
    default:
      break;
    }

  gtk_label_set_text (GTK_LABEL (label), text ? text : "—");
  gtk_widget_set_tooltip_text (label, GPOINTER_TO_INT (user_data) == COLUMN_PATH ? text : NULL);
  if (GPOINTER_TO_INT (user_data) == COLUMN_STATUS && davscope_search_hit_is_failure (hit))
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static void
add_column (DavscopeSearchWindow *self,
            const char           *title,
            Column                column,
            gboolean              expand,
            int                   width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (column == COLUMN_NAME ? setup_name : setup_text),
                    GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (column == COLUMN_NAME ? bind_name : bind_text),
                    GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (view_column, width);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->results_view), view_column);
}

/* The listing's properties, to pick from. */
static void
fill_property_menu (DavscopeSearchWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; self->names != NULL && self->names[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (self->names[i], NULL);

      g_menu_item_set_action_and_target (item, "search.pick-property", "s", self->names[i]);
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->property_button), G_MENU_MODEL (menu));
}

/* ---- the object ----------------------------------------------------------- */

static void
davscope_search_window_dispose (GObject *object)
{
  DavscopeSearchWindow *self = DAVSCOPE_SEARCH_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->parent);
  g_clear_pointer (&self->row_menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), DAVSCOPE_TYPE_SEARCH_WINDOW);

  G_OBJECT_CLASS (davscope_search_window_parent_class)->dispose (object);
}

static void
davscope_search_window_finalize (GObject *object)
{
  DavscopeSearchWindow *self = DAVSCOPE_SEARCH_WINDOW (object);

  g_clear_object (&self->search);
  g_clear_object (&self->store);
  g_clear_object (&self->results);
  g_clear_object (&self->selection);
  g_free (self->url);
  g_strfreev (self->names);

  G_OBJECT_CLASS (davscope_search_window_parent_class)->finalize (object);
}

static void
davscope_search_window_class_init (DavscopeSearchWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = davscope_search_window_dispose;
  object_class->finalize = davscope_search_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/davscope/Davscope/davscope-search-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DavscopeSearchWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSearchWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSearchWindow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSearchWindow, run_stack);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSearchWindow, property_entry);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSearchWindow, property_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSearchWindow, value_entry);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSearchWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSearchWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSearchWindow, fallback_box);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSearchWindow, fallback_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSearchWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSearchWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DavscopeSearchWindow, results_view);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activate);

  gtk_widget_class_install_action (widget_class, "search.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "search.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "search.show-in-folder", NULL, show_in_folder_action);
  gtk_widget_class_install_action (widget_class, "search.show-exchange", NULL, show_exchange_action);
  gtk_widget_class_install_action (widget_class, "search.show-fallback-exchange", NULL, show_fallback_exchange_action);
  gtk_widget_class_install_action (widget_class, "search.copy-location", NULL, copy_location_action);
  gtk_widget_class_install_action (widget_class, "search.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "search.pick-property", "s", pick_property_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_pressed, NULL);
}

static void
on_selection_changed (DavscopeSearchWindow *self)
{
  update_actions (self);
}

static void
davscope_search_window_init (DavscopeSearchWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->results = g_list_store_new (DAVSCOPE_TYPE_SEARCH_HIT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (on_selection_changed), self);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->results_view), GTK_SELECTION_MODEL (self->selection));

  /* Translators: a column of the search results. */
  add_column (self, _("Name"), COLUMN_NAME, TRUE, -1);
  /* Translators: a column of the search results: where it lies below the folder searched. */
  add_column (self, _("Path"), COLUMN_PATH, TRUE, -1);
  add_column (self, _("Size"), COLUMN_SIZE, FALSE, 90);
  add_column (self, _("Modified"), COLUMN_MODIFIED, FALSE, 130);
  /* Translators: a column of the search results: found, or why a folder was not searched. */
  add_column (self, _("Status"), COLUMN_STATUS, FALSE, 140);

  self->row_menu = row_menu_new (self->results_view);

  set_running (self, FALSE);
  update_actions (self);
}

DavscopeSearchWindow *
davscope_search_window_show (GtkWindow          *parent,
                             DavResourceStore   *store,
                             const char         *url,
                             const char * const *names)
{
  DavscopeSearchWindow *self;
  g_autoptr(DavHref) base = NULL;

  g_return_val_if_fail (DAV_IS_RESOURCE_STORE (store), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (DAVSCOPE_TYPE_SEARCH_WINDOW, NULL);
  if (parent != NULL)
    {
      g_set_weak_pointer (&self->parent, parent);
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }
  self->store = g_object_ref (store);
  self->url = g_str_has_suffix (url, "/") ? g_strdup (url) : g_strconcat (url, "/", NULL);
  self->names = g_strdupv ((char **) names);
  fill_property_menu (self);

  base = dav_href_resolve (self->url, self->url);
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->window_title), base->display_path);

  davscope_accessible_fix_names (GTK_WIDGET (self));
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (self->name_entry);

  return self;
}
