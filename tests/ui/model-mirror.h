/* model-mirror.h: a list model's rows as its changes told them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the GTests of the window's list models (test-filter-model,
 * test-split-model): an items-changed handler applies each change to a
 * mirror array, which must then have the model's count; a test compares
 * the mirror with the model to show that what was told is what is there.
 */

#pragma once

#include <gio/gio.h>

static inline void
model_mirror_apply (GPtrArray  *mirror,
                    GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added)
{
  g_assert_cmpuint (position + removed, <=, mirror->len);
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror, position + i, g_list_model_get_item (model, position + i));
  g_assert_cmpuint (mirror->len, ==, g_list_model_get_n_items (model));
}
