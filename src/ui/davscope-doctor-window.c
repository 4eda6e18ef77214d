/* davscope-doctor-window.c: Check Server, the doctor's window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One collection URL, checked by a DavDoctor (src/core/dav-doctor.h):
 * first a page that says what will be sent, with the switch for the
 * write checks and its warning; then the checks in their groups, a row
 * per check with its state in the words and colours of the browser's
 * badges (davscope-ui-util.c), filled in as each check ends. A row
 * opens to what the check sends and, for each finding, what was
 * expected and what came, the RFC section, the clients it breaks
 * (docs/clients.md) and the exchange that showed it.
 *
 * There are some thirty checks, built once per run: plain widgets in
 * AdwPreferencesGroups, no list view to recycle them.
 *
 * Closing the window while the checks run cancels them, but the window
 * only goes once the run has ended: the doctor removes its scratch
 * folder on the way out, and what it could not remove must not be
 * forgotten silently (it is logged then).
 */

#include "davscope-doctor-window.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dav-doctor-faults.h"
#include "dav-doctor.h"
#include "dav-text.h"
#include "davscope-accessible.h"
#include "davscope-status-badge.h"
#include "davscope-ui-util.h"

typedef struct _CheckRow CheckRow;

struct _DavscopeDoctorWindow
{
  AdwWindow             parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkWidget            *window_title;
  GtkWidget            *again_button;
  GtkWidget            *export_button;
  GtkWidget            *stack;
  GtkWidget            *url_row;
  GtkWidget            *write_switch;
  GtkWidget            *intro_error;
  GtkWidget            *check_button;
  GtkWidget            *status_stack;
  GtkWidget            *progress_bar;
  GtkWidget            *current_label;
  GtkWidget            *summary_label;
  GtkWidget            *server_label;
  GtkWidget            *scratch_label;
  GtkWidget            *checks_page;

  char                 *url;          /* what is checked; NULL until given */
  char                 *user;
  char                 *password;     /* wiped when freed */

  DavDoctor            *doctor;       /* of the current or the last run */
  GCancellable         *cancellable;  /* while a run goes on */
  GError               *run_error;    /* the last run could not run at all */
  GPtrArray            *groups;       /* AdwPreferencesGroup*, on checks_page */
  GPtrArray            *rows;         /* CheckRow* */
  gboolean              closing;      /* closed while running: goes when the run ends */
  gboolean              disposed;

  GtkFileChooserNative *chooser;
  gboolean              chooser_json;
};

G_DEFINE_FINAL_TYPE (DavscopeDoctorWindow, davscope_doctor_window, ADW_TYPE_WINDOW)

/* One check's row, and what it has shown of it so far. */
struct _CheckRow
{
  DavscopeDoctorWindow *window;     /* owns this */
  DavDoctorCheck       *check;
  GtkWidget            *row;        /* AdwExpanderRow, in its group */
  GtkWidget            *badge;
  GtkWidget            *badge_spinner;
  GtkWidget            *badge_icon;
  GtkWidget            *badge_label;
  gboolean              filled;     /* its outcome is among its children */
  gulong                handler;
};

static void
show_toast (DavscopeDoctorWindow *self,
            const char           *text)
{
  /* A toast title is Pango markup in libadwaita 1.2. */
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

/* Server text, which may span lines: each line made safe on its own,
 * so that the lines stay lines. */
static char *
escape_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize length = strlen (line);

      if (length > 0 && line[length - 1] == '\r')
        line[length - 1] = '\0';
      lines[i] = dav_text_escape (line, -1);
      g_free (line);
    }

  return g_strjoinv ("\n", lines);
}

static DavSeverity
ui_severity (int severity)
{
  switch (severity)
    {
    case DAV_DOCTOR_ERROR:   return DAV_SEVERITY_ERROR;
    case DAV_DOCTOR_WARNING: return DAV_SEVERITY_WARNING;
    case DAV_DOCTOR_INFO:    return DAV_SEVERITY_INFO;
    default:                 return DAV_SEVERITY_OK;
    }
}

static void
set_margins (GtkWidget *widget,
             int        margin)
{
  gtk_widget_set_margin_top (widget, margin);
  gtk_widget_set_margin_bottom (widget, margin);
  gtk_widget_set_margin_start (widget, margin);
  gtk_widget_set_margin_end (widget, margin);
}

static GtkWidget *
text_label (const char *text,
            const char *css_class)
{
  return davscope_plain_label (text, css_class, TRUE, FALSE);
}

/* ---- the badge of a state or a severity --------------------------------- */

/* The browser's badge colours and icons (davscope_severity_css/_icon),
 * with a word rather than a status code: "Failed", "Warning". */
static GtkWidget *
badge_new (GtkWidget **spinner,
           GtkWidget **icon,
           GtkWidget **label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  *spinner = gtk_spinner_new ();
  *icon = gtk_image_new ();
  *label = gtk_label_new (NULL);
  gtk_widget_set_visible (*spinner, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (box), *spinner);
  gtk_box_append (GTK_BOX (box), *icon);
  gtk_box_append (GTK_BOX (box), *label);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  return box;
}

static void
badge_set (GtkWidget  *badge,
           GtkWidget  *icon,
           const char *icon_name,
           GtkWidget  *label,
           const char *text,
           const char *css_class)
{
  static const char *classes[] = { "error", "warning", "accent", "success", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (badge, classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (badge, css_class);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
  gtk_widget_set_visible (icon, icon_name != NULL);
  gtk_label_set_text (GTK_LABEL (label), text);
}

static GtkWidget *
severity_badge_new (DavDoctorSeverity severity)
{
  GtkWidget *spinner, *icon, *label;
  GtkWidget *badge = badge_new (&spinner, &icon, &label);
  DavSeverity shown = ui_severity (severity);

  badge_set (badge, icon, davscope_severity_icon (shown), label,
             dav_doctor_severity_get_label (severity), davscope_severity_css (shown));
  gtk_widget_set_valign (badge, GTK_ALIGN_START);

  return badge;
}

static const char *
state_word (DavDoctorCheckState state)
{
  switch (state)
    {
    case DAV_DOCTOR_CHECK_PENDING:   return C_("check state", "Waiting");
    case DAV_DOCTOR_CHECK_RUNNING:   return C_("check state", "Running");
    case DAV_DOCTOR_CHECK_PASSED:    return C_("check state", "Passed");
    case DAV_DOCTOR_CHECK_FAILED:    return C_("check state", "Failed");
    case DAV_DOCTOR_CHECK_SKIPPED:   return C_("check state", "Skipped");
    case DAV_DOCTOR_CHECK_CANCELLED:
    default:                         return C_("check state", "Cancelled");
    }
}

/* ---- a finding ---------------------------------------------------------- */

/* A button that acts on @finding: clicked (GtkButton *, DavDoctorFinding *). */
static GtkWidget *
finding_button_new (DavDoctorFinding *finding,
                    const char       *mnemonic,
                    const char       *tooltip,
                    GCallback         clicked)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect_data (button, "clicked", clicked, dav_doctor_finding_ref (finding),
                         (GClosureNotify) G_CALLBACK (dav_doctor_finding_unref), 0);

  return button;
}

static void
on_copy_curl (GtkButton        *button,
              DavDoctorFinding *finding)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), finding->curl);
  if (DAVSCOPE_IS_DOCTOR_WINDOW (root))
    show_toast (DAVSCOPE_DOCTOR_WINDOW (root), _("Command copied"));
}

static GtkWidget *
exchange_part (GtkWidget  *box,
               const char *heading,
               const char *text)
{
  g_autofree char *shown = escape_lines (text != NULL ? text : "");
  GtkWidget *label = text_label (heading, "heading");
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *body;

  /* The excerpt ends with the blank line after the headers, or none. */
  g_strchomp (shown);
  body = text_label (text != NULL ? shown : _("Nothing was received."), "monospace");

  gtk_box_append (GTK_BOX (box), label);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  set_margins (body, 6);
  gtk_frame_set_child (GTK_FRAME (frame), body);
  gtk_box_append (GTK_BOX (box), frame);

  return body;
}

/* The request and the answer behind a finding, as the doctor kept them:
 * a window of its own over the doctor's, with Copy as curl. */
static void
on_show_exchange (GtkButton        *button,
                  DavDoctorFinding *finding)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkWidget *window = adw_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (_("Exchange"), NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkShortcutController *keys;
  g_autofree char *subtitle = NULL;

  gtk_window_set_title (GTK_WINDOW (window), _("Exchange"));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 560);

  if (finding->method != NULL && finding->url != NULL)
    {
      g_autofree char *url = dav_text_escape (finding->url, -1);

      subtitle = g_strdup_printf ("%s %s", finding->method, url);
      adw_window_title_set_subtitle (ADW_WINDOW_TITLE (title), subtitle);
    }
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  if (finding->curl != NULL)
    {
      adw_header_bar_pack_start (ADW_HEADER_BAR (header),
                                 finding_button_new (finding, _("Copy as _curl"),
                                                     _("Copy a curl command that sends this request again"),
                                                     G_CALLBACK (on_copy_curl)));
    }
  gtk_box_append (GTK_BOX (content), header);

  set_margins (box, 12);
  exchange_part (box, _("Request"), finding->request);
  gtk_widget_set_margin_top (exchange_part (box, _("Response"), finding->response), 6);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), content);
  adw_window_set_content (ADW_WINDOW (window), overlay);

  keys = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (keys,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, GTK_EVENT_CONTROLLER (keys));

  davscope_accessible_fix_names (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
add_fact (GtkGrid    *grid,
          int         row,
          const char *key,
          const char *value)
{
  GtkWidget *key_label;
  GtkWidget *value_label;

  if (value == NULL || *value == '\0')
    return;

  key_label = text_label (key, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (key_label), FALSE);
  gtk_widget_set_valign (key_label, GTK_ALIGN_START);
  value_label = text_label (value, NULL);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_grid_attach (grid, key_label, 0, row, 1, 1);
  gtk_grid_attach (grid, value_label, 1, row, 1, 1);
}

static const char *
effect_css (DavClientEffect effect)
{
  switch (effect)
    {
    case DAV_CLIENT_EFFECT_BREAKS:   return "error";
    case DAV_CLIENT_EFFECT_DEGRADES: return "warning";
    case DAV_CLIENT_EFFECT_COPES:    return "success";
    default:                         return "dim-label";
    }
}

/* "Which clients it breaks": the catalogue's line, then a line per
 * client it knows something about. */
static void
add_clients (GtkWidget            *box,
             const DavDoctorFault *fault)
{
  g_autofree char *line = dav_doctor_fault_dup_clients_line (fault);
  GtkWidget *heading;
  GtkWidget *grid;
  int row = 0;

  if ((line == NULL || *line == '\0') && fault->impacts == NULL)
    return;

  heading = text_label (_("Which clients it breaks"), "heading");
  gtk_widget_set_margin_top (heading, 6);
  gtk_box_append (GTK_BOX (box), heading);
  if (line != NULL && *line != '\0')
    gtk_box_append (GTK_BOX (box), text_label (line, NULL));

  if (fault->impacts == NULL)
    return;

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  for (const DavClientImpact *impact = fault->impacts; impact->client != DAV_N_CLIENTS; impact++)
    {
      GtkWidget *name, *effect, *what;

      if (impact->effect == DAV_CLIENT_EFFECT_UNKNOWN)
        continue;

      name = text_label (dav_client_app_get_name (impact->client), NULL);
      gtk_label_set_wrap (GTK_LABEL (name), FALSE);
      gtk_widget_set_valign (name, GTK_ALIGN_START);
      effect = text_label (dav_client_effect_get_label (impact->effect), effect_css (impact->effect));
      gtk_label_set_wrap (GTK_LABEL (effect), FALSE);
      gtk_widget_set_valign (effect, GTK_ALIGN_START);
      what = text_label (impact->what != NULL ? _(impact->what) : "", "dim-label");
      gtk_widget_set_hexpand (what, TRUE);
      gtk_grid_attach (GTK_GRID (grid), name, 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), effect, 1, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), what, 2, row, 1, 1);
      row++;
    }

  if (row > 0)
    gtk_box_append (GTK_BOX (box), grid);
  else
    {
      g_object_ref_sink (grid);
      g_object_unref (grid);
    }
}

static GtkWidget *
finding_new (DavDoctorFinding *finding)
{
  const DavDoctorFault *fault = dav_doctor_fault_lookup (finding->fault);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = text_label (finding->title, "heading");
  GtkWidget *facts = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *got = finding->got != NULL ? dav_text_escape (finding->got, -1) : NULL;
  g_autofree char *request = NULL;
  int row = 0;

  set_margins (box, 12);

  gtk_box_append (GTK_BOX (top), severity_badge_new (finding->severity));
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (top), title);
  if (finding->status != 0)
    {
      /* The answer's status, explained as everywhere in the browser. */
      GtkWidget *status = davscope_status_badge_new ();

      davscope_status_badge_set (DAVSCOPE_STATUS_BADGE (status), finding->status, FALSE, NULL, NULL);
      gtk_widget_set_valign (status, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (top), status);
    }
  gtk_box_append (GTK_BOX (box), top);

  if (fault != NULL && fault->explanation != NULL)
    gtk_box_append (GTK_BOX (box), text_label (_(fault->explanation), NULL));

  gtk_grid_set_column_spacing (GTK_GRID (facts), 12);
  gtk_grid_set_row_spacing (GTK_GRID (facts), 4);
  add_fact (GTK_GRID (facts), row++, _("Expected"), finding->expected);
  add_fact (GTK_GRID (facts), row++, _("Got"), got);
  if (finding->method != NULL && finding->url != NULL)
    {
      g_autofree char *url = dav_text_escape (finding->url, -1);

      request = g_strdup_printf ("%s %s", finding->method, url);
    }
  add_fact (GTK_GRID (facts), row++, _("Request"), request);
  add_fact (GTK_GRID (facts), row++, _("Standard"), fault != NULL ? fault->rfc : NULL);
  gtk_box_append (GTK_BOX (box), facts);

  if (finding->detail != NULL)
    {
      g_autofree char *detail = escape_lines (finding->detail);

      gtk_box_append (GTK_BOX (box), text_label (detail, "dim-label"));
    }

  /* The exchange right under what it showed, before the clients. */
  if (finding->request != NULL || finding->response != NULL)
    {
      gtk_box_append (GTK_BOX (buttons),
                      finding_button_new (finding, _("Show _Exchange"),
                                          _("The request and the answer that showed it"),
                                          G_CALLBACK (on_show_exchange)));
    }
  if (finding->curl != NULL)
    {
      gtk_box_append (GTK_BOX (buttons),
                      finding_button_new (finding, _("Copy _curl"),
                                          _("Copy a curl command that sends the request again"),
                                          G_CALLBACK (on_copy_curl)));
    }
  if (gtk_widget_get_first_child (buttons) != NULL)
    {
      gtk_widget_set_margin_top (buttons, 6);
      gtk_box_append (GTK_BOX (box), buttons);
    }
  else
    {
      g_object_ref_sink (buttons);
      g_object_unref (buttons);
    }

  if (fault != NULL)
    add_clients (box, fault);

  /* The row reads as the finding's title; its parts follow inside. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, finding->title, -1);

  return box;
}

/* ---- a check's row ------------------------------------------------------ */

static void
check_row_free (gpointer data)
{
  CheckRow *row = data;

  g_clear_signal_handler (&row->handler, row->check);
  g_clear_object (&row->check);
  g_free (row);
}

static void
add_to_row (CheckRow  *row,
            GtkWidget *child)
{
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->row), child);
}

/* Once the check has ended: why it was skipped, or what it found. */
static void
fill_row (CheckRow *row)
{
  DavDoctorCheckState state = dav_doctor_check_get_state (row->check);
  GPtrArray *findings = dav_doctor_check_get_findings (row->check);
  const char *reason = dav_doctor_check_get_reason (row->check);

  if (row->filled || state == DAV_DOCTOR_CHECK_PENDING || state == DAV_DOCTOR_CHECK_RUNNING)
    return;
  row->filled = TRUE;

  if (state == DAV_DOCTOR_CHECK_SKIPPED && reason != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Skipped: %s"), reason);
      GtkWidget *label = text_label (text, NULL);

      set_margins (label, 12);
      add_to_row (row, label);
    }

  for (guint i = 0; i < findings->len; i++)
    add_to_row (row, finding_new (g_ptr_array_index (findings, i)));

  davscope_accessible_fix_names (row->row);
}

static void
update_row (CheckRow *row)
{
  DavDoctorCheckState state = dav_doctor_check_get_state (row->check);
  GPtrArray *findings = dav_doctor_check_get_findings (row->check);
  const char *reason = dav_doctor_check_get_reason (row->check);
  const char *word = state_word (state);
  const char *subtitle = NULL;
  g_autofree char *more = NULL;
  DavDoctorFinding *worst = NULL;
  g_autofree char *label = NULL;
  const char *icon = NULL;
  const char *css = "dim-label";
  gboolean running = state == DAV_DOCTOR_CHECK_RUNNING;

  switch (state)
    {
    case DAV_DOCTOR_CHECK_PASSED:
    case DAV_DOCTOR_CHECK_FAILED:
      {
        DavSeverity severity = ui_severity (dav_doctor_check_get_worst (row->check));

        /* Passed with only info findings: the info colour. */
        icon = davscope_severity_icon (state == DAV_DOCTOR_CHECK_PASSED && severity > DAV_SEVERITY_INFO
                                       ? DAV_SEVERITY_OK : severity);
        css = davscope_severity_css (state == DAV_DOCTOR_CHECK_PASSED && severity > DAV_SEVERITY_INFO
                                     ? DAV_SEVERITY_OK : severity);
        /* The worst finding (the first of the worst), and how many more. */
        for (guint i = 0; i < findings->len; i++)
          {
            DavDoctorFinding *finding = g_ptr_array_index (findings, i);

            if (worst == NULL || finding->severity > worst->severity)
              worst = finding;
          }
        if (worst != NULL && findings->len > 1)
          subtitle = more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (and %u more)", "%s (and %u more)",
                                                          findings->len - 1),
                                             worst->title, findings->len - 1);
        else if (worst != NULL)
          subtitle = worst->title;
      }
      break;
    case DAV_DOCTOR_CHECK_SKIPPED:
      icon = "action-unavailable-symbolic";
      subtitle = reason;
      break;
    case DAV_DOCTOR_CHECK_CANCELLED:
      icon = "process-stop-symbolic";
      break;
    case DAV_DOCTOR_CHECK_RUNNING:
    case DAV_DOCTOR_CHECK_PENDING:
    default:
      break;
    }

  badge_set (row->badge, row->badge_icon, icon, row->badge_label, word, running ? NULL : css);
  gtk_widget_set_visible (row->badge_spinner, running);
  gtk_spinner_set_spinning (GTK_SPINNER (row->badge_spinner), running);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->row), subtitle != NULL ? subtitle : "");

  /* "OPTIONS: Failed", for screen readers and the GUI tests. */
  label = g_strdup_printf (C_("check row", "%s: %s"), dav_doctor_check_get_title (row->check), word);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  fill_row (row);
}

static void update_progress (DavscopeDoctorWindow *self);

static void
on_check_state (DavDoctorCheck *check,
                GParamSpec     *pspec,
                CheckRow       *row)
{
  update_row (row);
  update_progress (row->window);
}

static CheckRow *
check_row_new (DavscopeDoctorWindow *self,
               DavDoctorCheck       *check)
{
  CheckRow *row = g_new0 (CheckRow, 1);
  GtkWidget *summary;

  row->window = self;
  row->check = g_object_ref (check);
  row->row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), dav_doctor_check_get_title (check));
  row->badge = badge_new (&row->badge_spinner, &row->badge_icon, &row->badge_label);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->row), row->badge);

  /* What it sends, before anything it found. */
  summary = text_label (dav_doctor_check_get_summary (check), "dim-label");
  set_margins (summary, 12);
  add_to_row (row, summary);

  row->handler = g_signal_connect (check, "notify::state", G_CALLBACK (on_check_state), row);
  update_row (row);

  return row;
}

/* ---- the run ------------------------------------------------------------ */

static void
clear_checks (DavscopeDoctorWindow *self)
{
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->checks_page), g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
}

static void
build_checks (DavscopeDoctorWindow *self)
{
  GListModel *checks = dav_doctor_get_checks (self->doctor);
  GtkWidget *group = NULL;
  int group_id = -1;

  clear_checks (self);
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(DavDoctorCheck) check = g_list_model_get_item (checks, i);
      CheckRow *row;

      if ((int) dav_doctor_check_get_group (check) != group_id)
        {
          group_id = dav_doctor_check_get_group (check);
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), dav_doctor_group_get_title (group_id));
          adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->checks_page), ADW_PREFERENCES_GROUP (group));
          g_ptr_array_add (self->groups, group);
        }
      row = check_row_new (self, check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row->row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
update_actions (DavscopeDoctorWindow *self)
{
  gboolean running = self->cancellable != NULL;
  gboolean ended = !running && self->doctor != NULL && self->run_error == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doctor.cancel",
                                 running && !g_cancellable_is_cancelled (self->cancellable));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doctor.check", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doctor.again", !running && self->doctor != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doctor.export-markdown", ended);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doctor.export-json", ended);
  gtk_widget_set_visible (self->again_button, !running && self->doctor != NULL);
  gtk_widget_set_visible (self->export_button, ended);
}

static void
update_progress (DavscopeDoctorWindow *self)
{
  guint total = self->rows->len;
  guint done = dav_doctor_get_done (self->doctor);
  g_autofree char *text = NULL;

  /* TRANSLATORS: progress of Check Server: "12 of 27 checks" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u check", "%u of %u checks", total), done, total);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), total > 0 ? (double) done / total : 0.0);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);

  for (guint i = 0; i < self->rows->len; i++)
    {
      CheckRow *row = g_ptr_array_index (self->rows, i);

      if (dav_doctor_check_get_state (row->check) == DAV_DOCTOR_CHECK_RUNNING)
        {
          gtk_label_set_text (GTK_LABEL (self->current_label), dav_doctor_check_get_title (row->check));
          break;
        }
    }
}

static char *
summary_text (DavscopeDoctorWindow  *self,
              const char           **css_class)
{
  guint total = self->rows->len;
  guint errors = dav_doctor_count_findings (self->doctor, DAV_DOCTOR_ERROR);
  guint warnings = dav_doctor_count_findings (self->doctor, DAV_DOCTOR_WARNING);
  guint skipped = 0;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (dav_doctor_check_get_state (((CheckRow *) g_ptr_array_index (self->rows, i))->check) == DAV_DOCTOR_CHECK_SKIPPED)
      skipped++;

  if (self->run_error != NULL)
    {
      *css_class = "error";
      return g_strdup_printf (_("Could not check the server: %s"), self->run_error->message);
    }

  if (dav_doctor_get_cancelled (self->doctor))
    {
      *css_class = "warning";
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "Cancelled after %u of %u check",
                                                 "Cancelled after %u of %u checks", total),
                              dav_doctor_get_done (self->doctor), total);
      g_string_append (text, C_("doctor summary", "; "));
    }

  if (errors == 0 && warnings == 0)
    {
      if (*css_class == NULL)
        *css_class = "success";
      /* TRANSLATORS: the summary of Check Server */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "No problems found in %u check",
                                                 "No problems found in %u checks", total), total);
    }
  else
    {
      g_autofree char *errors_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors), errors);
      g_autofree char *warnings_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings), warnings);
      g_autofree char *found = NULL;

      if (*css_class == NULL)
        *css_class = errors > 0 ? "error" : "warning";
      if (errors > 0 && warnings > 0)
        /* TRANSLATORS: "2 errors, 1 warning" */
        found = g_strdup_printf (C_("doctor summary", "%s, %s"), errors_text, warnings_text);
      else
        found = g_strdup (errors > 0 ? errors_text : warnings_text);
      /* TRANSLATORS: "2 errors, 1 warning in 27 checks" */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s in %u check", "%s in %u checks", total),
                              found, total);
    }

  if (skipped > 0)
    {
      g_string_append (text, C_("doctor summary", "; "));
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped", skipped), skipped);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What became of the scratch folder, in plain words. */
static void
show_scratch (DavscopeDoctorWindow *self)
{
  const char *scratch = dav_doctor_get_scratch_url (self->doctor);
  GStrv leftovers = dav_doctor_get_leftovers (self->doctor);
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_widget_remove_css_class (self->scratch_label, "error");
  gtk_widget_remove_css_class (self->scratch_label, "dim-label");

  if (leftovers != NULL && leftovers[0] != NULL)
    {
      g_string_append (text, g_dngettext (GETTEXT_PACKAGE,
                                          "Could not remove this from the server; remove it by hand:",
                                          "Could not remove these from the server; remove them by hand:",
                                          g_strv_length (leftovers)));
      for (guint i = 0; leftovers[i] != NULL; i++)
        {
          g_autofree char *shown = dav_text_escape (leftovers[i], -1);

          g_string_append_printf (text, "\n%s", shown);
        }
      gtk_widget_add_css_class (self->scratch_label, "error");
    }
  else if (scratch != NULL)
    {
      g_autofree char *shown = dav_text_escape (scratch, -1);

      g_string_append_printf (text, _("The scratch folder %s was removed with everything in it."), shown);
      gtk_widget_add_css_class (self->scratch_label, "dim-label");
    }

  gtk_label_set_text (GTK_LABEL (self->scratch_label), text->str);
  gtk_widget_set_visible (self->scratch_label, text->len > 0);
}

static void
show_summary (DavscopeDoctorWindow *self)
{
  const char *css_class = NULL;
  g_autofree char *summary = summary_text (self, &css_class);
  const char *classes[] = { "heading", css_class, NULL };
  const char *server = dav_doctor_get_server (self->doctor);

  gtk_label_set_text (GTK_LABEL (self->summary_label), summary);
  gtk_widget_set_css_classes (self->summary_label, classes);
  if (server != NULL)
    {
      g_autofree char *shown = dav_text_escape (server, -1);
      /* TRANSLATORS: the server's Server header, "Apache/2.4.57 (Debian)" */
      g_autofree char *text = g_strdup_printf (_("Server: %s"), shown);

      gtk_label_set_text (GTK_LABEL (self->server_label), text);
    }
  gtk_widget_set_visible (self->server_label, server != NULL);
  show_scratch (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->status_stack), "summary");
}

static void
davscope_doctor_window_run_cb (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(DavscopeDoctorWindow) self = user_data;
  DavDoctor *doctor = DAV_DOCTOR (source);
  g_autoptr(GError) error = NULL;

  if (!dav_doctor_run_finish (doctor, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Check Server: %s", error->message);

  if (self->disposed || doctor != self->doctor)
    {
      GStrv leftovers = dav_doctor_get_leftovers (doctor);

      /* Nobody sees the window any more: the log says it. */
      for (guint i = 0; leftovers != NULL && leftovers[i] != NULL; i++)
        g_warning ("Check Server could not remove %s", leftovers[i]);
      if (self->closing && !self->disposed)
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  g_clear_object (&self->cancellable);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->run_error = g_steal_pointer (&error);

  if (self->closing)
    {
      GStrv leftovers = dav_doctor_get_leftovers (doctor);

      for (guint i = 0; leftovers != NULL && leftovers[i] != NULL; i++)
        g_warning ("Check Server could not remove %s", leftovers[i]);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  for (guint i = 0; i < self->rows->len; i++)
    update_row (g_ptr_array_index (self->rows, i));
  show_summary (self);
  update_actions (self);
}

static char *
normalize_url (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*trimmed == '\0')
    return NULL;
  /* Typed without a scheme: as the start page reads it. */
  if (strstr (trimmed, "://") == NULL)
    return g_strconcat ("https://", trimmed, NULL);

  return g_steal_pointer (&trimmed);
}

static void
show_intro_error (DavscopeDoctorWindow *self,
                  const char           *message)
{
  gtk_label_set_text (GTK_LABEL (self->intro_error), message != NULL ? message : "");
  gtk_widget_set_visible (self->intro_error, message != NULL);
}

static void
set_url (DavscopeDoctorWindow *self,
         const char           *url)
{
  g_free (self->url);
  self->url = g_strdup (url);
  if (url != NULL)
    {
      g_autofree char *shown = dav_text_escape (url, -1);

      adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->window_title), shown);
    }
  else
    adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->window_title), NULL);
}

static void
start (DavscopeDoctorWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *url = NULL;
  DavDoctor *doctor;

  if (self->cancellable != NULL)
    return;

  if (gtk_widget_get_visible (self->url_row))
    {
      url = normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
      if (url == NULL)
        {
          show_intro_error (self, _("Type the address of a WebDAV folder first."));
          gtk_widget_grab_focus (self->url_row);
          return;
        }
      set_url (self, url);
    }

  doctor = dav_doctor_new (self->url, gtk_switch_get_active (GTK_SWITCH (self->write_switch)), &error);
  if (doctor == NULL)
    {
      show_intro_error (self, error->message);
      return;
    }
  show_intro_error (self, NULL);

  g_clear_object (&self->doctor);
  g_clear_error (&self->run_error);
  self->doctor = doctor;
  if (self->user != NULL)
    dav_doctor_set_credentials (self->doctor, self->user, self->password);
  settings = g_settings_new (APP_ID);
  dav_doctor_set_timeout (self->doctor, g_settings_get_int (settings, "request-timeout"));

  build_checks (self);
  gtk_label_set_text (GTK_LABEL (self->current_label), "");
  update_progress (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->status_stack), "progress");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "results");

  self->cancellable = g_cancellable_new ();
  dav_doctor_run_async (self->doctor, self->cancellable, davscope_doctor_window_run_cb, g_object_ref (self));
  update_actions (self);
}

/* ---- actions ------------------------------------------------------------ */

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start (DAVSCOPE_DOCTOR_WINDOW (widget));
}

static void
on_url_activated (AdwEntryRow          *row,
                  DavscopeDoctorWindow *self)
{
  start (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DavscopeDoctorWindow *self = DAVSCOPE_DOCTOR_WINDOW (widget);

  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  /* The doctor still removes its scratch folder: that takes a moment. */
  gtk_label_set_text (GTK_LABEL (self->current_label),
                      dav_doctor_get_write (self->doctor) ? _("Cancelling; removing the scratch folder…")
                                                          : _("Cancelling…"));
  update_actions (self);
}

static void
again_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DavscopeDoctorWindow *self = DAVSCOPE_DOCTOR_WINDOW (widget);

  if (self->cancellable != NULL)
    return;

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "intro");
  gtk_widget_grab_focus (self->check_button);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DavscopeDoctorWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = davscope_write_text_finish (G_FILE (source), result, &error);
  g_autofree char *text = NULL;

  if (name == NULL)
    text = g_strdup_printf (_("Could not export the findings: %s"), error->message);
  else
    text = g_strdup_printf (_("Findings exported to “%s”"), name);

  if (!self->disposed)
    show_toast (self, text);
}

static void
on_export_response (GtkNativeDialog      *dialog,
                    int                   response,
                    DavscopeDoctorWindow *self)
{
  g_autoptr(GFile) file = NULL;
  char *text;

  if (response == GTK_RESPONSE_ACCEPT && self->doctor != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  text = self->chooser_json ? dav_doctor_to_json (self->doctor, TRUE) : dav_doctor_to_markdown (self->doctor);
  davscope_write_text_async (file, text, export_done_cb, g_object_ref (self));
}

static void
export (DavscopeDoctorWindow *self,
        gboolean              json)
{
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *name = NULL;
  const char *host = NULL;

  if (self->doctor == NULL || self->cancellable != NULL || self->chooser != NULL)
    return;

  filter = json ? davscope_file_filter_new ("JSON", "*.json", "application/json")
                : davscope_file_filter_new ("Markdown", "*.md", "text/markdown");

  self->chooser_json = json;
  self->chooser = gtk_file_chooser_native_new (json ? _("Export as JSON") : _("Export as Markdown"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  uri = g_uri_parse (dav_doctor_get_url (self->doctor), G_URI_FLAGS_NONE, NULL);
  if (uri != NULL)
    host = g_uri_get_host (uri);
  /* A file name, not translated: like the CLI's. */
  name = g_strdup_printf ("davscope-doctor-%s.%s", host != NULL && *host != '\0' && strchr (host, '/') == NULL ? host : "server",
                          json ? "json" : "md");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_markdown_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  export (DAVSCOPE_DOCTOR_WINDOW (widget), FALSE);
}

static void
export_json_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  export (DAVSCOPE_DOCTOR_WINDOW (widget), TRUE);
}

/* ---- the type ----------------------------------------------------------- */

/* Closed while the checks run: they are cancelled, and the window goes
 * when the run has ended (the doctor removes its scratch folder first). */
static gboolean
davscope_doctor_window_close_request (GtkWindow *window)
{
  DavscopeDoctorWindow *self = DAVSCOPE_DOCTOR_WINDOW (window);

  if (self->cancellable != NULL)
    {
      self->closing = TRUE;
      g_cancellable_cancel (self->cancellable);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (davscope_doctor_window_parent_class)->close_request (window);
}

static void
davscope_doctor_window_dispose (GObject *object)
{
  DavscopeDoctorWindow *self = DAVSCOPE_DOCTOR_WINDOW (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->chooser, on_export_response, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), DAVSCOPE_TYPE_DOCTOR_WINDOW);

  G_OBJECT_CLASS (davscope_doctor_window_parent_class)->dispose (object);
}

static void
davscope_doctor_window_finalize (GObject *object)
{
  DavscopeDoctorWindow *self = DAVSCOPE_DOCTOR_WINDOW (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->doctor);
  g_clear_error (&self->run_error);
  g_free (self->url);
  g_free (self->user);
  if (self->password != NULL)
    explicit_bzero (self->password, strlen (self->password));
  g_free (self->password);

  G_OBJECT_CLASS (davscope_doctor_window_parent_class)->finalize (object);
}

static void
davscope_doctor_window_class_init (DavscopeDoctorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = davscope_doctor_window_dispose;
  object_class->finalize = davscope_doctor_window_finalize;
  window_class->close_request = davscope_doctor_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/davscope/Davscope/davscope-doctor-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, again_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, write_switch);
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, intro_error);
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, check_button);
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, status_stack);
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, current_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, server_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, scratch_label);
  gtk_widget_class_bind_template_child (widget_class, DavscopeDoctorWindow, checks_page);
  gtk_widget_class_bind_template_callback (widget_class, on_url_activated);

  gtk_widget_class_install_action (widget_class, "doctor.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "doctor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "doctor.again", NULL, again_action);
  gtk_widget_class_install_action (widget_class, "doctor.export-markdown", NULL, export_markdown_action);
  gtk_widget_class_install_action (widget_class, "doctor.export-json", NULL, export_json_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  /* Export is Ctrl+E in GNOME's apps (Text Editor's, Builder's). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "doctor.export-markdown", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "doctor.export-json", NULL);
}

static void
davscope_doctor_window_init (DavscopeDoctorWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  davscope_accessible_fix_names (GTK_WIDGET (self));

  self->groups = g_ptr_array_new ();
  self->rows = g_ptr_array_new_with_free_func (check_row_free);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->check_button);
  update_actions (self);
}

DavscopeDoctorWindow *
davscope_doctor_window_show (GtkWindow  *parent,
                             const char *url,
                             const char *user,
                             const char *password)
{
  DavscopeDoctorWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (DAVSCOPE_TYPE_DOCTOR_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->user = g_strdup (user);
  self->password = g_strdup (password);
  if (url != NULL && *url != '\0')
    {
      set_url (self, url);
      gtk_widget_grab_focus (self->check_button);
    }
  else
    {
      gtk_widget_set_visible (self->url_row, TRUE);
      gtk_widget_grab_focus (self->url_row);
    }

  gtk_window_present (GTK_WINDOW (self));

  return self;
}
