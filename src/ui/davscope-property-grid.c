/* davscope-property-grid.c: the outcome of an Apply on several items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each property row of the editor says on how many items its change was
 * saved; this grid says which: items down, the properties sent across,
 * the status each item's server gave each property (its own propstat,
 * else the status of the whole request), with the explanation as the
 * cell's tooltip. Names are escaped; item names come escaped from
 * DavHref.
 */

#include "davscope-property-grid.h"

#include <glib/gi18n.h>

#include "dav-text.h"
#include "davscope-status-badge.h"
#include "davscope-ui-util.h"

static GtkWidget *
grid_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
outcome_cell (DavPropertySheet *sheet,
              guint             target,
              DavPropertyEntry *entry)
{
  const char *item_name = dav_resource_get_name (dav_property_sheet_get_target (sheet, target));
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *badge = davscope_status_badge_new ();
  g_autofree char *text = NULL;
  g_autofree char *phrase = NULL;
  g_autofree char *accessible = NULL;
  guint status;
  gboolean ok;

  dav_property_sheet_get_outcome (sheet, target, entry, &status, &ok, &text);
  phrase = davscope_status_phrase (status, NULL, TRUE);
  /* The badge stays quiet for a success: the cell says it. */
  if (ok)
    gtk_box_append (GTK_BOX (cell), grid_label (phrase, "success"));
  else
    {
      davscope_status_badge_set (DAVSCOPE_STATUS_BADGE (badge), status, TRUE, NULL, NULL);
      gtk_box_append (GTK_BOX (cell), badge);
      if (status == 0)
        gtk_box_append (GTK_BOX (cell), grid_label (_("Not saved"), "error"));
    }
  gtk_widget_set_tooltip_text (cell, text);
  accessible = g_strdup_printf ("%s, %s: %s", item_name, dav_property_entry_get_name (entry), phrase);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  return cell;
}

void
davscope_property_grid_fill (GtkGrid          *grid,
                             DavPropertySheet *sheet)
{
  GPtrArray *applied = dav_property_sheet_get_applied (sheet);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);

  gtk_grid_attach (grid, grid_label (_("Item"), "heading"), 0, 0, 1, 1);
  for (guint c = 0; c < applied->len; c++)
    {
      DavPropertyEntry *entry = g_ptr_array_index (applied, c);
      g_autofree char *name = dav_text_escape (dav_property_entry_get_name (entry), -1);
      g_autofree char *key = dav_text_escape (dav_property_entry_get_key (entry), -1);
      GtkWidget *header = grid_label (name, "heading");

      gtk_widget_set_tooltip_text (header, key);
      gtk_grid_attach (grid, header, c + 1, 0, 1, 1);
    }

  for (guint r = 0; r < dav_property_sheet_get_n_targets (sheet); r++)
    {
      const DavReportItem *report_item = dav_property_sheet_get_report_item (sheet, r);
      GtkWidget *name = grid_label (dav_resource_get_name (dav_property_sheet_get_target (sheet, r)), NULL);

      gtk_widget_set_tooltip_text (name, report_item && report_item->explanation ? report_item->explanation : NULL);
      gtk_grid_attach (grid, name, 0, r + 1, 1, 1);

      for (guint c = 0; c < applied->len; c++)
        gtk_grid_attach (grid, outcome_cell (sheet, r, g_ptr_array_index (applied, c)), c + 1, r + 1, 1, 1);
    }
}
