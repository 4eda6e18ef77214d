/* dav-packed-response.h: a plain DavResponse kept in one allocation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A folder of 100,000 entries keeps the response of each for the details
 * pane, the status badges and the property columns. As a DavResponse that
 * is about 25 allocations and 1.2 KiB a row; packed it is one block of
 * about 150 bytes, unpacked again into an equal DavResponse when asked.
 * Only plain responses are packed: hrefs, statuses, reasons, status lines
 * and properties. A response with problems, DAV:error conditions,
 * descriptions, a location, or a property whose status is not its
 * propstat's is not, and is kept as it came (rare, and what the details
 * pane has most to say about).
 */

#pragma once

#include "dav-response.h"

G_BEGIN_DECLS

typedef struct _DavPackedResponse DavPackedResponse;

/* NULL when @response is not plain (see above). */
DavPackedResponse *dav_packed_response_new      (const DavResponse       *response);
/* A new DavResponse equal to the one packed. */
DavResponse       *dav_packed_response_unpack   (const DavPackedResponse *self);
gsize              dav_packed_response_get_size (const DavPackedResponse *self);
/* The text value of that property from a 2xx propstat, read in place
 * (valid as long as @self), or NULL: none, failed, or XML. */
const char        *dav_packed_response_peek_text (const DavPackedResponse *self,
                                                  const char              *namespace_uri,
                                                  const char              *name);
void               dav_packed_response_free     (DavPackedResponse       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavPackedResponse, dav_packed_response_free)

G_END_DECLS
