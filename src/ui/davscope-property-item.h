/* davscope-property-item.h: one property in the property editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The property editor keeps one DavscopePropertyItem per property name
 * ("{ns}name") and shows them in a list box. The item holds what the
 * server last said about the property, what the person wants done to it,
 * and what the last Apply did; the editor fills those in through
 * davscope-property-item-private.h and emits "changed" when a row should
 * show them again.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_PROPERTY_ITEM (davscope_property_item_get_type ())

G_DECLARE_FINAL_TYPE (DavscopePropertyItem, davscope_property_item, DAVSCOPE, PROPERTY_ITEM, GObject)

/* @order: when the property was first seen, its place on screen. */
DavscopePropertyItem *davscope_property_item_new          (const char           *namespace_uri,
                                                           const char           *name,
                                                           guint                 order);
void                  davscope_property_item_emit_changed (DavscopePropertyItem *self);
gboolean              davscope_property_item_is_kept      (DavscopePropertyItem *self);
gboolean              davscope_property_item_can_edit     (DavscopePropertyItem *self);

G_END_DECLS
