/* davscope-tree-row.h: one row of a tree of outcomes (report, inspector)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_TREE_ROW (davscope_tree_row_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeTreeRow, davscope_tree_row, DAVSCOPE, TREE_ROW, GtkWidget)

/* What one row shows. Every string is escaped, ready for a plain label;
 * NULL or empty hides its part. */
typedef struct {
  const char *icon_name;    /* NULL: no icon */
  const char *css_class;    /* of the icon and the status: "success", "warning", "error", or NULL */
  const char *title;
  const char *status;
  const char *subtitle;
  const char *detail;       /* one line, monospace */
  const char *explanation;
  const char *notes;
  const char *tooltip;
  guint64     exchange_id;  /* 0: no "Show Exchange" button */
} DavscopeTreeRowContent;

/* @compact: the inspector's lines (a title that wraps, less room around);
 * otherwise the report's (a heading title on one line).
 * @exchange_action: the action of the "Show Exchange" button, which gets
 * the exchange's id (type "t"); NULL when the rows never have one. */
GtkWidget *davscope_tree_row_new    (gboolean                      compact,
                                     const char                   *exchange_action);
/* Shows @content for @list_row (its expander follows it). */
void       davscope_tree_row_bind   (DavscopeTreeRow              *self,
                                     GtkTreeListRow               *list_row,
                                     const DavscopeTreeRowContent *content);
void       davscope_tree_row_unbind (DavscopeTreeRow              *self);

G_END_DECLS
