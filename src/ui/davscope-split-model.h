/* davscope-split-model.h: a list model that tells a wide change in two
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_SPLIT_MODEL (davscope_split_model_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeSplitModel, davscope_split_model, DAVSCOPE, SPLIT_MODEL, GObject)

/* Takes the reference. */
DavscopeSplitModel *davscope_split_model_new       (GListModel         *model);
GListModel         *davscope_split_model_get_model (DavscopeSplitModel *self);

G_END_DECLS
