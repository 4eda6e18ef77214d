/* davscope-ui-util.c: the small helpers every part of the window shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "davscope-ui-util.h"

#include <glib/gi18n.h>

#include "dav-status.h"
#include "dav-text.h"

const char *
davscope_severity_icon (DavSeverity severity)
{
  switch (severity)
    {
    case DAV_SEVERITY_ERROR:   return "dialog-error-symbolic";
    case DAV_SEVERITY_WARNING: return "dialog-warning-symbolic";
    case DAV_SEVERITY_INFO:    return "dialog-information-symbolic";
    case DAV_SEVERITY_OK:
    default:                   return "emblem-ok-symbolic";
    }
}

const char *
davscope_severity_css (DavSeverity severity)
{
  switch (severity)
    {
    case DAV_SEVERITY_ERROR:   return "error";
    case DAV_SEVERITY_WARNING: return "warning";
    case DAV_SEVERITY_INFO:    return "accent";
    case DAV_SEVERITY_OK:
    default:                   return "success";
    }
}

char *
davscope_status_phrase (guint       status,
                        const char *reason,
                        gboolean    for_property)
{
  DavStatusInfo info;

  if (status == 0)
    return g_strdup (_("no status"));

  if (reason != NULL && *reason != '\0')
    {
      g_autofree char *shown = dav_text_escape (reason, -1);

      return g_strdup_printf ("%u %s", status, shown);
    }

  if (for_property)
    dav_status_lookup_property (status, &info);
  else
    dav_status_lookup (status, &info);

  return g_strdup_printf ("%u %s", status, info.reason);
}

GtkWidget *
davscope_plain_label (const char *text,
                      const char *css_class,
                      gboolean    wrap,
                      gboolean    selectable)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), selectable);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

void
davscope_label_set_text_or_hide (GtkWidget  *label,
                                 const char *text)
{
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL && *text != '\0');
}
