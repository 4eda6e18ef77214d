/* davscope-doctor-window.c: Check Server, the doctor's window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One collection URL, checked by a DavDoctor (src/core/dav-doctor.h):
 * first a page that says what will be sent, with the switch for the
 * write checks and its warning; then the checks in their groups, a row
 * per check with its state in the words and colours of the browser's
 * badges (davscope-ui-util.c), filled in as each check ends. A row
 * opens to what the check sends and, for each finding
 * (davscope-doctor-finding.c), what was expected and what came, the RFC
 * section, the clients it breaks (docs/clients.md) and the exchange
 * that showed it.
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

#include "dav-doctor.h"
#include "dav-text.h"
#include "davscope-accessible.h"
#include "davscope-certificate-dialog.h"
#include "davscope-doctor-finding.h"
#include "davscope-places.h"
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
  DavClient            *from;         /* the folder's, whose way the checks go; or NULL */
  gboolean              reading_secrets;  /* a saved server's, before a run */
  gboolean              secrets_read;     /* for the run starting now */

  DavDoctor            *doctor;       /* of the current or the last run */
  GCancellable         *cancellable;  /* while a run goes on */
  GError               *run_error;    /* the last run could not run at all */
  GPtrArray            *groups;       /* AdwPreferencesGroup*, on checks_page */
  GPtrArray            *rows;         /* CheckRow* */
  gboolean              closing;      /* closed while running: goes when the run ends */
  gboolean              disposed;
  double                followed;     /* the scroll position following the run set; -1: the person scrolled */

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
      GtkWidget *label = davscope_plain_label (text, NULL, TRUE, FALSE);

      davscope_set_margins (label, 12);
      add_to_row (row, label);
    }

  for (guint i = 0; i < findings->len; i++)
    add_to_row (row, davscope_doctor_finding_new (g_ptr_array_index (findings, i)));

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
        DavSeverity severity = davscope_doctor_severity (dav_doctor_check_get_worst (row->check));

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

  davscope_doctor_badge_set (row->badge, icon, word, running ? NULL : css, running);
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
  row->badge = davscope_doctor_badge_new ();
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->row), row->badge);

  /* What it sends, before anything it found. */
  summary = davscope_plain_label (dav_doctor_check_get_summary (check), "dim-label", TRUE, FALSE);
  davscope_set_margins (summary, 12);
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
  /* Also a run that could not reach the server: its Connection finding
   * is what a bug report needs. */
  gboolean ended = !running && self->doctor != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doctor.cancel",
                                 running && !g_cancellable_is_cancelled (self->cancellable));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doctor.check", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doctor.again", !running && self->doctor != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doctor.export-markdown", ended);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "doctor.export-json", ended);
  gtk_widget_set_visible (self->again_button, !running && self->doctor != NULL);
  gtk_widget_set_visible (self->export_button, ended);
}

/* The scrolling of the checks (an AdwPreferencesPage scrolls itself). */
static GtkScrolledWindow *
checks_scrolled (DavscopeDoctorWindow *self)
{
  GtkWidget *child = gtk_widget_get_first_child (self->checks_page);

  return GTK_IS_SCROLLED_WINDOW (child) ? GTK_SCROLLED_WINDOW (child) : NULL;
}

/* The running check's row scrolled into view, downwards only, as a log
 * follows its last line; no more once the person has scrolled. */
static void
follow (DavscopeDoctorWindow *self,
        CheckRow             *row)
{
  GtkScrolledWindow *scrolled = checks_scrolled (self);
  GtkAdjustment *adjustment;
  graphene_point_t bottom;
  double value, page;

  if (scrolled == NULL || self->followed < 0)
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (value != self->followed)
    {
      self->followed = -1;
      return;
    }

  if (!gtk_widget_compute_point (row->row, gtk_scrolled_window_get_child (scrolled),
                                 &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (row->row)), &bottom))
    return;

  /* Its group's next row in sight too, when there is one. */
  if (bottom.y + 24 > value + page)
    {
      gtk_adjustment_set_value (adjustment, bottom.y + 24 - page);
      self->followed = gtk_adjustment_get_value (adjustment);
    }
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
          follow (self, row);
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

static void start (DavscopeDoctorWindow *self);

static void
secrets_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DavscopeDoctorWindow) self = user_data;

  davscope_places_load_secrets_finish (result);
  self->reading_secrets = FALSE;
  self->secrets_read = TRUE;
  if (!self->disposed)
    start (self);
}

static void
start (DavscopeDoctorWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *url = NULL;
  g_autoptr(DavClient) like = NULL;
  gboolean own_way;
  DavDoctor *doctor;

  if (self->cancellable != NULL || self->reading_secrets)
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

  /* Without the folder's client, a saved server's secrets (its client
   * certificate's password) are read first, as its sidebar row does. */
  own_way = self->from != NULL && !gtk_widget_get_visible (self->url_row);
  if (!own_way && !self->secrets_read)
    {
      DavPlace *server = dav_place_list_find_server_for (davscope_places_get_default (), self->url);

      if (server != NULL)
        {
          self->reading_secrets = TRUE;
          davscope_places_load_secrets_async (server, NULL, secrets_read_cb, g_object_ref (self));
          return;
        }
    }
  self->secrets_read = FALSE;

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
  /* The way browsing goes: the folder's own client's, for its address;
   * else as a new tab would go, with a saved server's proxy and client
   * certificate and the server certificate remembered for it. */
  if (own_way)
    dav_doctor_set_connection_from (self->doctor, self->from);
  else if ((like = dav_client_new (dav_doctor_get_url (self->doctor), NULL)) != NULL)
    {
      davscope_places_configure (like, NULL);
      davscope_certificate_apply_remembered (like);
      dav_doctor_set_connection_from (self->doctor, like);
    }
  settings = g_settings_new (APP_ID);
  dav_doctor_set_timeout (self->doctor, g_settings_get_int (settings, "request-timeout"));

  build_checks (self);
  /* A new run starts at the top, and follows its checks from there. */
  if (checks_scrolled (self) != NULL)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (checks_scrolled (self)), 0);
  self->followed = 0;
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
  g_clear_object (&self->from);
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
                             const char *password,
                             DavClient  *client)
{
  DavscopeDoctorWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (client == NULL || DAV_IS_CLIENT (client), NULL);

  self = g_object_new (DAVSCOPE_TYPE_DOCTOR_WINDOW,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->user = g_strdup (user);
  self->password = g_strdup (password);
  self->from = client != NULL && url != NULL && *url != '\0' ? g_object_ref (client) : NULL;
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
