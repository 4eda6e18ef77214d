/* davscope-property-editor.h: view and change the properties of resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every property with namespace, name, value and the status of its
 * propstat. Live properties the server computes are read-only and say
 * why; dead properties in any namespace can be added (namespace URI, local
 * name, a value as text or as an XML fragment, checked before sending),
 * edited and removed. Apply sends one PROPPATCH per resource with the
 * changes in order, then shows the outcome of each property inline, with
 * the explanation that a PROPPATCH is all-or-nothing, and refreshes. For
 * several resources, a grid: resources down, properties across.
 */

#pragma once

#include <adwaita.h>

#include "dav-resource-store.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_PROPERTY_EDITOR (davscope_property_editor_get_type ())

G_DECLARE_FINAL_TYPE (DavscopePropertyEditor, davscope_property_editor, DAVSCOPE, PROPERTY_EDITOR, AdwWindow)

/* @resources: DavResource* the user chose (never flagged ones). */
DavscopePropertyEditor *davscope_property_editor_show (GtkWindow        *parent,
                                                       DavResourceStore *store,
                                                       GPtrArray        *resources);

G_END_DECLS
