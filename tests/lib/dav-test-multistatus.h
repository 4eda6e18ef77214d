/* dav-test-multistatus.h: reading a parsed 207 in a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the tests' own library (tests/lib), for test-multistatus.c and
 * test-multistatus-hostile.c. The accessors (response_at, propstat_at,
 * ...) end the test when the item is not there (g_error does not return),
 * so what they give is never NULL.
 */

#pragma once

#include "dav-multistatus-parser.h"

G_BEGIN_DECLS

/* How many bytes parse_in_chunks() feeds next. */
typedef gsize (*ChunkSizeFunc) (gsize remaining);

char                *canonical_dump             (DavMultistatus     *ms);
char                *canonical_dump_response    (const DavResponse  *response);
gboolean             dump_contains              (DavMultistatus     *ms,
                                                 const char         *needle);

gboolean             has_problem                (GPtrArray          *problems,
                                                 DavProblemKind      kind);
guint                count_problems             (GPtrArray          *problems,
                                                 DavProblemKind      kind);
gboolean             has_problem_anywhere       (DavMultistatus     *ms,
                                                 DavProblemKind      kind);
gboolean             has_fatal_problem          (DavMultistatus     *ms);
void                 assert_complete_consistent (DavMultistatus     *ms);

char                *load_fixture               (const char         *name,
                                                 gsize              *length);
DavMultistatus      *parse_fixture              (const char         *name);
DavMultistatus      *parse_string               (const char         *body);
DavMultistatus      *parse_in_chunks            (const char         *data,
                                                 gsize               length,
                                                 ChunkSizeFunc       next_size);
gsize                one_byte                   (gsize               remaining);
gsize                random_size                (gsize               remaining);

const DavResponse   *response_at                (DavMultistatus     *ms,
                                                 guint               index);
const char          *href_at                    (DavMultistatus     *ms,
                                                 guint               index);
const DavPropstat   *propstat_at                (DavMultistatus     *ms,
                                                 guint               response,
                                                 guint               index);
const DavProperty   *property_at                (DavMultistatus     *ms,
                                                 guint               response,
                                                 guint               propstat,
                                                 guint               index);
const DavProperty   *find_property              (DavMultistatus     *ms,
                                                 guint               response,
                                                 const char         *namespace_uri,
                                                 const char         *name);
const char          *property_value             (DavMultistatus     *ms,
                                                 guint               response,
                                                 const char         *namespace_uri,
                                                 const char         *name);

G_END_DECLS
