/* davscope-inspector-exchange-row.c: a row of the inspector's exchanges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavscopeInspectorExchangeRow, a row of the inspector's "Exchanges"
 * list, whose items are the DavExchange of a DavExchangeLog: method,
 * path, status, duration and size, in one line; and the list's factory.
 * Rows are recycled: bind gives a row its exchange and unbind takes it
 * back; meanwhile a GSignalGroup follows the exchange's "notify", so a
 * row follows its exchange while it runs, and costs no timer.
 */

#include "davscope-inspector-exchange-row.h"

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

struct _DavscopeInspectorExchangeRow
{
  GtkWidget     parent_instance;

  GtkWidget    *method;
  GtkWidget    *path;
  GtkWidget    *status;
  GtkWidget    *duration;
  GtkWidget    *size;

  DavExchange  *exchange;
  GSignalGroup *exchange_signals;
  char         *accessible_label;  /* to update it only when it changes */
};

G_DEFINE_FINAL_TYPE (DavscopeInspectorExchangeRow, davscope_inspector_exchange_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EXCHANGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (DavscopeInspectorExchangeRow *self)
{
  DavExchange *exchange = self->exchange;
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

  gtk_label_set_text (GTK_LABEL (self->method), method);
  gtk_label_set_text (GTK_LABEL (self->path), path);
  gtk_widget_set_tooltip_text (self->path, url);
  gtk_label_set_text (GTK_LABEL (self->status), status);
  gtk_widget_set_css_classes (self->status, status_classes);
  if (dav_exchange_get_error (exchange) == NULL && dav_exchange_get_status (exchange) != 0)
    {
      g_autofree char *phrase = davscope_status_phrase (dav_exchange_get_status (exchange),
                                                        dav_exchange_get_reason (exchange), FALSE);

      gtk_widget_set_tooltip_text (self->status, phrase);
    }
  else
    gtk_widget_set_tooltip_text (self->status, status);
  gtk_label_set_text (GTK_LABEL (self->duration), duration);
  gtk_label_set_text (GTK_LABEL (self->size), size);

  /* TRANSLATORS: a row of the inspector for screen readers: "PROPFIND /dav/ 207" */
  accessible = g_strdup_printf (C_("inspector row", "%s %s %s"), method, path, status);
  if (g_strcmp0 (accessible, self->accessible_label) != 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      g_free (self->accessible_label);
      self->accessible_label = g_steal_pointer (&accessible);
    }
}

void
davscope_inspector_exchange_row_set_exchange (DavscopeInspectorExchangeRow *self,
                                              DavExchange                  *exchange)
{
  g_return_if_fail (DAVSCOPE_IS_INSPECTOR_EXCHANGE_ROW (self));
  g_return_if_fail (exchange == NULL || DAV_IS_EXCHANGE (exchange));

  if (!g_set_object (&self->exchange, exchange))
    return;

  g_signal_group_set_target (self->exchange_signals, exchange);
  if (exchange != NULL)
    update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXCHANGE]);
}

static void
davscope_inspector_exchange_row_dispose (GObject *object)
{
  DavscopeInspectorExchangeRow *self = DAVSCOPE_INSPECTOR_EXCHANGE_ROW (object);

  g_signal_group_set_target (self->exchange_signals, NULL);
  g_clear_object (&self->exchange);
  gtk_widget_dispose_template (GTK_WIDGET (self), DAVSCOPE_TYPE_INSPECTOR_EXCHANGE_ROW);

  G_OBJECT_CLASS (davscope_inspector_exchange_row_parent_class)->dispose (object);
}

static void
davscope_inspector_exchange_row_finalize (GObject *object)
{
  DavscopeInspectorExchangeRow *self = DAVSCOPE_INSPECTOR_EXCHANGE_ROW (object);

  g_clear_object (&self->exchange_signals);
  g_free (self->accessible_label);

  G_OBJECT_CLASS (davscope_inspector_exchange_row_parent_class)->finalize (object);
}

static void
davscope_inspector_exchange_row_get_property (GObject    *object,
                                              guint       prop_id,
                                              GValue     *value,
                                              GParamSpec *pspec)
{
  DavscopeInspectorExchangeRow *self = DAVSCOPE_INSPECTOR_EXCHANGE_ROW (object);

  switch (prop_id)
    {
    case PROP_EXCHANGE:
      g_value_set_object (value, self->exchange);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
davscope_inspector_exchange_row_set_property (GObject      *object,
                                              guint         prop_id,
                                              const GValue *value,
                                              GParamSpec   *pspec)
{
  DavscopeInspectorExchangeRow *self = DAVSCOPE_INSPECTOR_EXCHANGE_ROW (object);

  switch (prop_id)
    {
    case PROP_EXCHANGE:
      davscope_inspector_exchange_row_set_exchange (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
davscope_inspector_exchange_row_class_init (DavscopeInspectorExchangeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = davscope_inspector_exchange_row_dispose;
  object_class->finalize = davscope_inspector_exchange_row_finalize;
  object_class->get_property = davscope_inspector_exchange_row_get_property;
  object_class->set_property = davscope_inspector_exchange_row_set_property;

  properties[PROP_EXCHANGE] =
    g_param_spec_object ("exchange", NULL, NULL, DAV_TYPE_EXCHANGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/davscope/Davscope/davscope-inspector-exchange-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorExchangeRow, method);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorExchangeRow, path);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorExchangeRow, status);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorExchangeRow, duration);
  gtk_widget_class_bind_template_child (widget_class, DavscopeInspectorExchangeRow, size);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  /* A group, so that its label is what a screen reader says for the row. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
davscope_inspector_exchange_row_init (DavscopeInspectorExchangeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->exchange_signals = g_signal_group_new (DAV_TYPE_EXCHANGE);
  g_signal_group_connect_swapped (self->exchange_signals, "notify", G_CALLBACK (update), self);
}

GtkWidget *
davscope_inspector_exchange_row_new (void)
{
  return g_object_new (DAVSCOPE_TYPE_INSPECTOR_EXCHANGE_ROW, NULL);
}

/* ---- the list's factory ---------------------------------------------------- */

static void
setup_exchange_row (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, davscope_inspector_exchange_row_new ());
}

static void
bind_exchange_row (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  davscope_inspector_exchange_row_set_exchange (DAVSCOPE_INSPECTOR_EXCHANGE_ROW (gtk_list_item_get_child (list_item)),
                                                gtk_list_item_get_item (list_item));
}

static void
unbind_exchange_row (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  davscope_inspector_exchange_row_set_exchange (DAVSCOPE_INSPECTOR_EXCHANGE_ROW (gtk_list_item_get_child (list_item)),
                                                NULL);
}

GtkListItemFactory *
davscope_inspector_exchange_row_factory_new (void)
{
  return davscope_inspector_list_factory_new (G_CALLBACK (setup_exchange_row),
                                              G_CALLBACK (bind_exchange_row),
                                              G_CALLBACK (unbind_exchange_row));
}
