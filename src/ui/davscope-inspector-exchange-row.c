/* davscope-inspector-exchange-row.c: a row of the inspector's exchanges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list item factory of the inspector's "Exchanges" list, whose items
 * are the DavExchange of a DavExchangeLog: method, path, status, duration
 * and size, in one line. Rows are recycled: bind connects to the
 * exchange's "notify" and unbind disconnects, so a row follows its
 * exchange while it runs, and costs no timer.
 */

#include "davscope-inspector-private.h"

#include <glib/gi18n.h>

/* The status of an exchange as a row shows it: the code, "…" while no
 * answer came, or the error it failed with. */
static char *
exchange_status_text (DavExchange  *exchange,
                      const char  **css_class)
{
  const char *error = dav_exchange_get_error (exchange);
  guint status = dav_exchange_get_status (exchange);

  if (error != NULL)
    {
      *css_class = "error";
      return davscope_inspector_escape (error);
    }

  if (status == 0)
    {
      *css_class = "dim-label";
      return g_strdup (dav_exchange_get_finished (exchange) ? "—" : "…");
    }

  *css_class = davscope_inspector_status_class_css (status);
  return g_strdup_printf ("%u", status);
}

/* The widgets of one row and the exchange bound to it. */
typedef struct {
  GtkWidget   *box;
  GtkWidget   *method;
  GtkWidget   *path;
  GtkWidget   *status;
  GtkWidget   *duration;
  GtkWidget   *size;
  DavExchange *exchange;
  gulong       notify_id;
  char        *accessible_label;
} ExchangeRow;

static void
exchange_row_unbind (ExchangeRow *row)
{
  if (row->exchange != NULL)
    g_clear_signal_handler (&row->notify_id, row->exchange);
  g_clear_object (&row->exchange);
}

static void
exchange_row_free (gpointer data)
{
  ExchangeRow *row = data;

  exchange_row_unbind (row);
  g_free (row->accessible_label);
  g_free (row);
}

static void
exchange_row_update (ExchangeRow *row)
{
  DavExchange *exchange = row->exchange;
  g_autofree char *method = davscope_inspector_escape (dav_exchange_get_method (exchange));
  g_autofree char *path = davscope_inspector_display_path (dav_exchange_get_url (exchange));
  g_autofree char *url = davscope_inspector_escape (dav_exchange_get_url (exchange));
  g_autofree char *duration = NULL;
  g_autofree char *size = NULL;
  g_autofree char *status = NULL;
  g_autofree char *accessible = NULL;
  const char *css_class = NULL;
  const char *status_classes[] = { "numeric", NULL, NULL };
  gsize body_size = dav_exchange_get_response_body_size (exchange);
  gboolean finished = dav_exchange_get_finished (exchange);

  status = exchange_status_text (exchange, &css_class);
  status_classes[1] = css_class;

  if (finished && dav_exchange_get_duration_us (exchange) >= 0)
    duration = davscope_inspector_format_ms (dav_exchange_get_duration_us (exchange));
  else
    duration = g_strdup ("…");

  if (finished || body_size > 0)
    size = g_format_size (body_size);
  else
    size = g_strdup ("");

  gtk_label_set_text (GTK_LABEL (row->method), method);
  gtk_label_set_text (GTK_LABEL (row->path), path);
  gtk_widget_set_tooltip_text (row->path, url);
  gtk_label_set_text (GTK_LABEL (row->status), status);
  gtk_widget_set_css_classes (row->status, status_classes);
  if (dav_exchange_get_error (exchange) == NULL && dav_exchange_get_status (exchange) != 0)
    {
      g_autofree char *phrase = davscope_status_phrase (dav_exchange_get_status (exchange),
                                                                  dav_exchange_get_reason (exchange), FALSE);

      gtk_widget_set_tooltip_text (row->status, phrase);
    }
  else
    gtk_widget_set_tooltip_text (row->status, status);
  gtk_label_set_text (GTK_LABEL (row->duration), duration);
  gtk_label_set_text (GTK_LABEL (row->size), size);

  /* TRANSLATORS: a row of the inspector for screen readers: "PROPFIND /dav/ 207" */
  accessible = g_strdup_printf (C_("inspector row", "%s %s %s"), method, path, status);
  if (g_strcmp0 (accessible, row->accessible_label) != 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->box),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      g_free (row->accessible_label);
      row->accessible_label = g_steal_pointer (&accessible);
    }
}

static void
on_row_exchange_notify (DavExchange *exchange,
                        GParamSpec  *pspec,
                        ExchangeRow *row)
{
  exchange_row_update (row);
}

static GtkWidget *
row_label (gboolean    expand,
           float       xalign,
           int         width_chars,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  gtk_widget_set_hexpand (label, expand);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
setup_exchange_row (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  ExchangeRow *row = g_new0 (ExchangeRow, 1);

  /* A group, so that its label is what a screen reader says for the row. */
  row->box = g_object_new (GTK_TYPE_BOX,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                           "orientation", GTK_ORIENTATION_HORIZONTAL,
                           "spacing", 10,
                           "margin-top", 4,
                           "margin-bottom", 4,
                           "margin-start", 6,
                           "margin-end", 6,
                           NULL);
  row->method = row_label (FALSE, 0, 11, "heading");
  row->path = row_label (TRUE, 0, 8, NULL);
  row->status = row_label (FALSE, 1, 3, "numeric");
  row->duration = row_label (FALSE, 1, 7, "numeric");
  row->size = row_label (FALSE, 1, 8, "numeric");

  gtk_label_set_ellipsize (GTK_LABEL (row->method), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (row->method), 12);
  gtk_label_set_ellipsize (GTK_LABEL (row->path), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_ellipsize (GTK_LABEL (row->status), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (row->status), 16);
  gtk_widget_add_css_class (row->duration, "dim-label");
  gtk_widget_add_css_class (row->size, "dim-label");

  gtk_box_append (GTK_BOX (row->box), row->method);
  gtk_box_append (GTK_BOX (row->box), row->path);
  gtk_box_append (GTK_BOX (row->box), row->status);
  gtk_box_append (GTK_BOX (row->box), row->duration);
  gtk_box_append (GTK_BOX (row->box), row->size);

  gtk_list_item_set_child (list_item, row->box);
  g_object_set_data_full (G_OBJECT (list_item), "exchange-row", row, exchange_row_free);
}

static void
bind_exchange_row (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  ExchangeRow *row = g_object_get_data (G_OBJECT (list_item), "exchange-row");

  exchange_row_unbind (row);
  row->exchange = g_object_ref (gtk_list_item_get_item (list_item));
  row->notify_id = g_signal_connect (row->exchange, "notify",
                                     G_CALLBACK (on_row_exchange_notify), row);
  exchange_row_update (row);
}

static void
unbind_exchange_row (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  exchange_row_unbind (g_object_get_data (G_OBJECT (list_item), "exchange-row"));
}

GtkListItemFactory *
davscope_inspector_exchange_row_factory_new (void)
{
  return davscope_inspector_list_factory_new (G_CALLBACK (setup_exchange_row),
                                              G_CALLBACK (bind_exchange_row),
                                              G_CALLBACK (unbind_exchange_row));
}
