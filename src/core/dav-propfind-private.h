/* dav-propfind-private.h: what the request pipeline does with a DavPropfind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dav-propfind.h"

G_BEGIN_DECLS

/* Emits ::response; the pipeline calls it as the parser ends each one. */
void dav_propfind_emit_response (DavPropfind *self,
                                 DavResponse *response);

G_END_DECLS
