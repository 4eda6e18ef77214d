/* dav-propfind-private.h: what the request pipeline does with a DavPropfind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dav-propfind.h"

G_BEGIN_DECLS

/* Emits ::response; the pipeline calls it as the parser ends each one. */
void     dav_propfind_emit_response    (DavPropfind *self,
                                        DavResponse *response);
/* TRUE once, the first time it is asked after a response was emitted,
 * with DAV_PROPFIND_FLAGS_FIRST_FRAME: the pipeline then pauses its
 * reads for the frame that draws them. */
gboolean dav_propfind_take_first_frame (DavPropfind *self);

G_END_DECLS
