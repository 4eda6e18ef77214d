/* davscope-doctor-finding.c: one finding of Check Server, as widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a row of the doctor's window (davscope-doctor-window.c) opens to
 * for each finding: its severity and title, the catalogue's explanation,
 * what was expected and what came, the request, the RFC section, the
 * buttons to the exchange that showed it (a window of its own, with the
 * request and the answer as text to select) and to its curl command,
 * and which clients it breaks (docs/clients.md). Server text goes into
 * plain labels, escaped with dav_text_escape, never markup.
 *
 * The badge of a state or a severity is here too: the colours and icons
 * of the browser's status badges (davscope_severity_css/_icon) with a
 * word, "Failed", "Warning", rather than a status code.
 */

#include "davscope-doctor-finding.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "dav-doctor-faults.h"
#include "dav-text.h"
#include "davscope-accessible.h"
#include "davscope-status-badge.h"

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

static GtkWidget *
text_label (const char *text,
            const char *css_class)
{
  return davscope_plain_label (text, css_class, TRUE, FALSE);
}

/* ---- the badge ---------------------------------------------------------- */

GtkWidget *
davscope_doctor_badge_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *icon = gtk_image_new ();

  /* The word says it; the icon is no second name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_visible (spinner, FALSE);
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  return box;
}

void
davscope_doctor_badge_set (GtkWidget  *badge,
                           const char *icon_name,
                           const char *text,
                           const char *css_class,
                           gboolean    busy)
{
  static const char *classes[] = { "error", "warning", "accent", "success", "dim-label" };
  GtkWidget *spinner = gtk_widget_get_first_child (badge);
  GtkWidget *icon = gtk_widget_get_next_sibling (spinner);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (badge, classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (badge, css_class);
  gtk_widget_set_visible (spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), busy);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
  gtk_widget_set_visible (icon, icon_name != NULL && !busy);
  gtk_label_set_text (GTK_LABEL (label), text);
}

DavSeverity
davscope_doctor_severity (int severity)
{
  switch (severity)
    {
    case DAV_DOCTOR_ERROR:   return DAV_SEVERITY_ERROR;
    case DAV_DOCTOR_WARNING: return DAV_SEVERITY_WARNING;
    case DAV_DOCTOR_INFO:    return DAV_SEVERITY_INFO;
    default:                 return DAV_SEVERITY_OK;
    }
}

static GtkWidget *
severity_badge_new (DavDoctorSeverity severity)
{
  GtkWidget *badge = davscope_doctor_badge_new ();
  DavSeverity shown = davscope_doctor_severity (severity);

  davscope_doctor_badge_set (badge, davscope_severity_icon (shown), dav_doctor_severity_get_label (severity),
                             davscope_severity_css (shown), FALSE);
  gtk_widget_set_valign (badge, GTK_ALIGN_START);

  return badge;
}

/* ---- the finding -------------------------------------------------------- */

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

/* Said in a toast of the window it is in (the doctor's, the exchange's). */
static void
on_copy_curl (GtkButton        *button,
              DavDoctorFinding *finding)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_TOAST_OVERLAY);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), finding->curl);
  if (overlay != NULL)
    /* A toast title is Pango markup in libadwaita 1.2; this has none. */
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Command copied")));
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
  davscope_set_margins (body, 6);
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

  davscope_set_margins (box, 12);
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

GtkWidget *
davscope_doctor_finding_new (DavDoctorFinding *finding)
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

  davscope_set_margins (box, 12);

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
