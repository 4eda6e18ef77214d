/* davscope-property-item.c: one property in the property editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain record with a "changed" signal: the type, its constructor and
 * the few questions asked of it everywhere. What goes into the fields
 * (see davscope-property-item-private.h) is the property editor's
 * business; its rows listen to "changed" to show them again.
 */

#include "davscope-property-item-private.h"

#include "dav-property.h"

G_DEFINE_FINAL_TYPE (DavscopePropertyItem, davscope_property_item, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
davscope_property_item_finalize (GObject *object)
{
  DavscopePropertyItem *self = DAVSCOPE_PROPERTY_ITEM (object);

  g_free (self->namespace_uri);
  g_free (self->name);
  g_free (self->key);
  g_free (self->value);
  g_free (self->new_value);
  g_free (self->invalid);
  g_free (self->result_text);

  G_OBJECT_CLASS (davscope_property_item_parent_class)->finalize (object);
}

static void
davscope_property_item_class_init (DavscopePropertyItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = davscope_property_item_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
davscope_property_item_init (DavscopePropertyItem *self)
{
}

DavscopePropertyItem *
davscope_property_item_new (const char *namespace_uri,
                            const char *name,
                            guint       order)
{
  DavscopePropertyItem *self = g_object_new (DAVSCOPE_TYPE_PROPERTY_ITEM, NULL);

  self->namespace_uri = g_strdup (namespace_uri ? namespace_uri : "");
  self->name = g_strdup (name);
  self->key = g_strdup_printf ("{%s}%s", self->namespace_uri, self->name);
  self->live = dav_property_is_live (self->namespace_uri, self->name);
  self->protected_ = dav_property_is_protected (self->namespace_uri, self->name);
  self->order = order;

  return self;
}

void
davscope_property_item_emit_changed (DavscopePropertyItem *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Rows of removed properties and of changes made with the form stay
 * while something is pending or there is an outcome to show. */
gboolean
davscope_property_item_is_kept (DavscopePropertyItem *self)
{
  return self->seen
         || self->change != DAVSCOPE_PROPERTY_CHANGE_NONE
         || self->applied != DAVSCOPE_PROPERTY_CHANGE_NONE;
}

gboolean
davscope_property_item_can_edit (DavscopePropertyItem *self)
{
  return !self->protected_;
}
