/* davscope-ui-util.c: the small helpers every part of the window shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "davscope-ui-util.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dav-local-file.h"
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

void
davscope_set_margins (GtkWidget *widget,
                      int        margin)
{
  gtk_widget_set_margin_top (widget, margin);
  gtk_widget_set_margin_bottom (widget, margin);
  gtk_widget_set_margin_start (widget, margin);
  gtk_widget_set_margin_end (widget, margin);
}

GtkFileFilter *
davscope_file_filter_new (const char *name,
                          const char *pattern,
                          const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, mime_type);

  return filter;
}

void
davscope_write_text_async (GFile               *file,
                           char                *text,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_file_replace_contents_bytes_async (file, g_bytes_new_take (text, strlen (text)), NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                       callback, user_data);
}

char *
davscope_write_text_finish (GFile         *file,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_autofree char *basename = NULL;
  g_autofree char *path = NULL;

  if (!g_file_replace_contents_finish (file, result, NULL, error))
    return NULL;

  /* Written private (0600), then given the mode every file Davscope
   * writes gets: never writable by others, even when the app was started
   * with umask 000. Left 0600 if that fails; a file elsewhere (gvfs) has
   * the mode its file system gives it. */
  path = g_file_get_path (file);
  if (path != NULL)
    dav_local_file_set_mode (path, NULL);

  basename = g_file_get_basename (file);
  return g_filename_display_name (basename);
}

GtkWidget *
davscope_grid_add_labelled (GtkGrid    *grid,
                            int         row,
                            const char *mnemonic,
                            GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_widget_set_hexpand (field, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, field, 1, row, 1, 1);
  /* The mnemonic already does this; said once more for clarity. A label
   * property as well would double the name in GTK 4.8. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);

  return field;
}
