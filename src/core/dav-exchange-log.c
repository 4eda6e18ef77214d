/* dav-exchange-log.c: the most recent HTTP exchanges, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ring is an array of @ring_size slots holding @n_items exchanges from
 * @head on, wrapping around.  It grows by doubling up to @capacity, so a
 * large capacity costs nothing until it is used.  Ids in the log are
 * consecutive (only the oldest are dropped), so a lookup is arithmetic.
 */

#include "dav-exchange-log.h"

struct _DavExchangeLog
{
  GObject       parent_instance;

  DavExchange **ring;       /* owned, each slot a reference */
  guint         ring_size;
  guint         head;
  guint         n_items;

  guint         capacity;
  gsize         body_cap;
  guint64       next_id;
};

static void dav_exchange_log_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DavExchangeLog, dav_exchange_log, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dav_exchange_log_list_model_init))

enum {
  PROP_0,
  PROP_CAPACITY,
  PROP_BODY_CAP,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static DavExchange **
slot (DavExchangeLog *self,
      guint           position)
{
  return &self->ring[(self->head + position) % self->ring_size];
}

/* Moves the exchanges into a ring of @size slots (at least n_items),
 * oldest at 0. */
static void
resize_ring (DavExchangeLog *self,
             guint           size)
{
  DavExchange **ring;

  g_assert (size >= self->n_items);

  ring = g_new0 (DavExchange *, MAX (size, 1));
  for (guint i = 0; i < self->n_items; i++)
    ring[i] = *slot (self, i);

  g_free (self->ring);
  self->ring = ring;
  self->ring_size = MAX (size, 1);
  self->head = 0;
}

/* Drops the @count oldest exchanges, without signals. */
static void
drop_oldest (DavExchangeLog *self,
             guint           count)
{
  g_assert (count <= self->n_items);

  for (guint i = 0; i < count; i++)
    {
      g_clear_object (slot (self, 0));
      self->head = (self->head + 1) % self->ring_size;
      self->n_items--;
    }

  if (self->n_items == 0)
    self->head = 0;
}

static void
items_removed (DavExchangeLog *self,
               guint           count)
{
  if (count == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, count, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

static GType
dav_exchange_log_get_item_type (GListModel *model)
{
  return DAV_TYPE_EXCHANGE;
}

static guint
dav_exchange_log_get_n_items (GListModel *model)
{
  return DAV_EXCHANGE_LOG (model)->n_items;
}

static gpointer
dav_exchange_log_get_item (GListModel *model,
                           guint       position)
{
  DavExchangeLog *self = DAV_EXCHANGE_LOG (model);

  if (position >= self->n_items)
    return NULL;

  return g_object_ref (*slot (self, position));
}

static void
dav_exchange_log_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dav_exchange_log_get_item_type;
  iface->get_n_items = dav_exchange_log_get_n_items;
  iface->get_item = dav_exchange_log_get_item;
}

static void
dav_exchange_log_finalize (GObject *object)
{
  DavExchangeLog *self = (DavExchangeLog *) object;

  drop_oldest (self, self->n_items);
  g_clear_pointer (&self->ring, g_free);

  G_OBJECT_CLASS (dav_exchange_log_parent_class)->finalize (object);
}

static void
dav_exchange_log_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DavExchangeLog *self = DAV_EXCHANGE_LOG (object);

  switch (prop_id)
    {
    case PROP_CAPACITY:
      g_value_set_uint (value, self->capacity);
      break;

    case PROP_BODY_CAP:
      g_value_set_uint64 (value, self->body_cap);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dav_exchange_log_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DavExchangeLog *self = DAV_EXCHANGE_LOG (object);

  switch (prop_id)
    {
    case PROP_CAPACITY:
      dav_exchange_log_set_capacity (self, g_value_get_uint (value));
      break;

    case PROP_BODY_CAP:
      dav_exchange_log_set_body_cap (self, g_value_get_uint64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dav_exchange_log_class_init (DavExchangeLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dav_exchange_log_finalize;
  object_class->get_property = dav_exchange_log_get_property;
  object_class->set_property = dav_exchange_log_set_property;

  properties [PROP_CAPACITY] =
    g_param_spec_uint ("capacity", NULL, NULL,
                       1, G_MAXUINT, DAV_EXCHANGE_LOG_DEFAULT_CAPACITY,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                        G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties [PROP_BODY_CAP] =
    g_param_spec_uint64 ("body-cap", NULL, NULL,
                         1, G_MAXSIZE, DAV_EXCHANGE_LOG_DEFAULT_BODY_CAP,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dav_exchange_log_init (DavExchangeLog *self)
{
  self->capacity = DAV_EXCHANGE_LOG_DEFAULT_CAPACITY;
  self->body_cap = DAV_EXCHANGE_LOG_DEFAULT_BODY_CAP;
  self->next_id = 1;
}

DavExchangeLog *
dav_exchange_log_new (guint capacity,
                      gsize body_cap)
{
  return g_object_new (DAV_TYPE_EXCHANGE_LOG,
                       "capacity", capacity != 0 ? capacity : DAV_EXCHANGE_LOG_DEFAULT_CAPACITY,
                       "body-cap", (guint64) (body_cap != 0 ? body_cap : DAV_EXCHANGE_LOG_DEFAULT_BODY_CAP),
                       NULL);
}

DavExchange *
dav_exchange_log_begin (DavExchangeLog *self,
                        const char     *method,
                        const char     *url)
{
  DavExchange *exchange;
  gboolean full;

  g_return_val_if_fail (DAV_IS_EXCHANGE_LOG (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  exchange = dav_exchange_new (self->next_id++, method, url, self->body_cap);

  full = self->n_items == self->capacity;
  if (full)
    {
      drop_oldest (self, 1);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 1, 0);
    }

  if (self->n_items == self->ring_size)
    resize_ring (self, (guint) MIN ((guint64) self->capacity,
                                    MAX ((guint64) self->ring_size * 2, 16)));

  *slot (self, self->n_items) = g_object_ref (exchange);
  self->n_items++;
  g_list_model_items_changed (G_LIST_MODEL (self), self->n_items - 1, 0, 1);

  /* Unchanged when the oldest made room. */
  if (!full)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);

  return exchange;
}

DavExchange *
dav_exchange_log_lookup (DavExchangeLog *self,
                         guint64         id)
{
  guint64 first;

  g_return_val_if_fail (DAV_IS_EXCHANGE_LOG (self), NULL);

  if (self->n_items == 0)
    return NULL;

  first = dav_exchange_get_id (*slot (self, 0));
  if (id < first || id - first >= self->n_items)
    return NULL;

  return g_object_ref (*slot (self, (guint) (id - first)));
}

void
dav_exchange_log_clear (DavExchangeLog *self)
{
  guint count;

  g_return_if_fail (DAV_IS_EXCHANGE_LOG (self));

  count = self->n_items;
  drop_oldest (self, count);
  items_removed (self, count);
}

guint
dav_exchange_log_get_capacity (DavExchangeLog *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE_LOG (self), 0);

  return self->capacity;
}

void
dav_exchange_log_set_capacity (DavExchangeLog *self,
                               guint           capacity)
{
  guint dropped = 0;

  g_return_if_fail (DAV_IS_EXCHANGE_LOG (self));
  g_return_if_fail (capacity > 0);

  if (self->capacity == capacity)
    return;

  self->capacity = capacity;

  if (self->n_items > capacity)
    {
      dropped = self->n_items - capacity;
      drop_oldest (self, dropped);
    }

  /* Give back the slots a smaller log will never use. */
  if (self->ring_size > capacity)
    resize_ring (self, capacity);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAPACITY]);
  items_removed (self, dropped);
  g_object_thaw_notify (G_OBJECT (self));
}

gsize
dav_exchange_log_get_body_cap (DavExchangeLog *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE_LOG (self), 0);

  return self->body_cap;
}

void
dav_exchange_log_set_body_cap (DavExchangeLog *self,
                               gsize           body_cap)
{
  g_return_if_fail (DAV_IS_EXCHANGE_LOG (self));
  g_return_if_fail (body_cap > 0);

  if (self->body_cap == body_cap)
    return;

  self->body_cap = body_cap;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BODY_CAP]);
}
