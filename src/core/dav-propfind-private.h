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
/* With DAV_PROPFIND_FLAGS_FIRST_FRAMES: TRUE when the responses emitted
 * are at least twice those of the last time it said TRUE (the first time:
 * any), and those were fewer than DAV_PROPFIND_FIRST_FRAMES_ROWS. The
 * pipeline asks after each piece of the body, and then pauses its reads
 * for the frame that draws them. */
gboolean dav_propfind_take_frame       (DavPropfind *self);
/* No more frames will be taken (or none are asked for): the first rows
 * are out, and parsing may move to a thread. */
gboolean dav_propfind_first_frames_done (DavPropfind *self);

G_END_DECLS
