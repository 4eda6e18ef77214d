/* davscope-inspector-node.h: one line of the inspector's parsed tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tree of a parsed 207 (or DAV:error or DAV:prop body) as the
 * inspector lists it, and the factory of its rows. For the inspector's
 * files only.
 */

#pragma once

#include <gtk/gtk.h>

#include "dav-multistatus-parser.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_INSPECTOR_NODE (davscope_inspector_node_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeInspectorNode, davscope_inspector_node, DAVSCOPE, INSPECTOR_NODE, GObject)

/* The top level of the tree: body problems, conditions, notes, responses. */
GListStore         *davscope_inspector_node_list_new        (const DavMultistatus  *multistatus);
/* A GtkTreeListModelCreateModelFunc: the children of @item, made on the
 * first ask and kept, or NULL. */
GListModel         *davscope_inspector_node_create_children (gpointer               item,
                                                             gpointer               user_data);
/* The line of the body the node came from, 0 when unknown. */
guint               davscope_inspector_node_get_line        (DavscopeInspectorNode *self);
/* Rows for a list view of GtkTreeListRows of nodes. */
GtkListItemFactory *davscope_inspector_node_factory_new     (void);

G_END_DECLS
