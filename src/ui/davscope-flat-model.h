/* davscope-flat-model.h: a list model's items in an array
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_FLAT_MODEL (davscope_flat_model_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeFlatModel, davscope_flat_model, DAVSCOPE, FLAT_MODEL, GObject)

/* Takes the reference. */
DavscopeFlatModel *davscope_flat_model_new       (GListModel        *model);
GListModel        *davscope_flat_model_get_model (DavscopeFlatModel *self);

G_END_DECLS
