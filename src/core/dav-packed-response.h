/* dav-packed-response.h: a plain DavResponse kept in one allocation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A folder of 100,000 entries keeps the response of each for the details
 * pane, the status badges and the property columns. As a DavResponse that
 * is about 25 allocations and 1.2 KiB a row; packed it is one block of
 * about 40 bytes (an nginx row: 39), unpacked again into an equal
 * DavResponse when asked.
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
/* The same, with an href that is the tail of @base (the resource's own
 * URL) kept as its length only: unpack it with the same @base. */
DavPackedResponse *dav_packed_response_new_with_base (const DavResponse  *response,
                                                      const char         *base);
/* A new DavResponse equal to the one packed. */
DavResponse       *dav_packed_response_unpack   (const DavPackedResponse *self);
DavResponse       *dav_packed_response_unpack_with_base (const DavPackedResponse *self,
                                                         const char              *base);
gsize              dav_packed_response_get_size (const DavPackedResponse *self);
/* The text value of that property from a 2xx propstat, read in place
 * (valid as long as @self), or NULL: none, failed, or XML. A
 * DAV:getlastmodified that the block keeps as a number is not in place
 * either: NULL (unpack to read it). */
const char        *dav_packed_response_peek_text (const DavPackedResponse *self,
                                                  const char              *namespace_uri,
                                                  const char              *name);
/* Where peek_text's values of @n_names (at most 8) properties are in the
 * block, found in one pass, to read them later with text_at without
 * searching: 0 when peek_text would give NULL, and G_MAXUINT16 when it
 * is too far in to say (search again then). */
void               dav_packed_response_find_texts (const DavPackedResponse *self,
                                                   const char              *namespace_uri,
                                                   const char *const       *names,
                                                   guint                    n_names,
                                                   guint16                 *at);
const char        *dav_packed_response_text_at   (const DavPackedResponse *self,
                                                  guint16                  at);
void               dav_packed_response_free     (DavPackedResponse       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavPackedResponse, dav_packed_response_free)

G_END_DECLS
