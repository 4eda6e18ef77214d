/* davscope-filter-model.h: a filter list model whose rows cost O(1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_FILTER_MODEL (davscope_filter_model_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeFilterModel, davscope_filter_model, DAVSCOPE, FILTER_MODEL, GObject)

/* Takes both references. */
DavscopeFilterModel *davscope_filter_model_new       (GListModel          *model,
                                                      GtkFilter           *filter);
GListModel          *davscope_filter_model_get_model (DavscopeFilterModel *self);
/* Appended items are taken at most @step at a time, one step an idle
 * iteration; 0 (the default): every change at once. */
void                 davscope_filter_model_set_step    (DavscopeFilterModel *self,
                                                        guint                step);
/* A looser filter bringing back many rows shows them @step at a time
 * from the top (one step an idle iteration, while row widgets are made),
 * then the rest at once; 0 (the default): all at once. */
void                 davscope_filter_model_set_widen_step (DavscopeFilterModel *self,
                                                           guint                step);
/* A stricter filter looks at @step rows shown an idle iteration; 0: all at once. */
void                 davscope_filter_model_set_narrow_step (DavscopeFilterModel *self,
                                                            guint                step);
gboolean             davscope_filter_model_is_narrowing    (DavscopeFilterModel *self);
/* Items of the model not looked at yet: the last ones. */
guint                davscope_filter_model_get_pending (DavscopeFilterModel *self);
/* With every row shown, rows moved in place are announced in slices of
 * this many (0: in one change); see the .c. */
void                 davscope_filter_model_set_slice   (DavscopeFilterModel *self,
                                                        guint                slice);
/* Every item matches without asking the filter (nor the model for the
 * item): the caller knows, as Find does with nothing typed. The rows are
 * not filtered again: the caller then calls gtk_filter_changed. */
void                 davscope_filter_model_set_match_all (DavscopeFilterModel *self,
                                                          gboolean             match_all);

G_END_DECLS
