/* davscope-accessible.c: accessible names as GTK 4.8 should give them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "davscope-accessible.h"

static char *
strip_mnemonic (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      /* "__" is a literal underscore. */
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_')
        continue;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

void
davscope_accessible_fix_names (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) != NULL)
        gtk_accessible_reset_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL);
      else if (GTK_IS_CHECK_BUTTON (child) && gtk_check_button_get_label (GTK_CHECK_BUTTON (child)) != NULL)
        {
          g_autofree char *name = strip_mnemonic (gtk_check_button_get_label (GTK_CHECK_BUTTON (child)));

          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        }

      davscope_accessible_fix_names (child);
    }
}
