/* dav-property-column.h: what a property column of the listing shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The browser can show any property as a column (docs/architecture.md).
 * Without GTK: a listing entry's value of one property in words, with the
 * status of its propstat, the order of two such values, the name a person
 * types for a column, and the server origin a set of columns is kept for.
 */

#pragma once

#include "dav-response.h"

G_BEGIN_DECLS

/* A cell: the value in words (never NULL) and the status of the
 * property's propstat, 0 when the response does not name it at all. */
typedef struct {
  char  *text;
  guint  status;
} DavPropertyCell;

/* The property @namespace_uri @name of @response (NULL: none) in words:
 * dav_property_text_describe() for the properties it knows, else the
 * text, an XML value squeezed to its text on one line, at most 200
 * characters. */
DavPropertyCell *dav_property_cell_new     (const DavResponse     *response,
                                            const char            *namespace_uri,
                                            const char            *name);
void             dav_property_cell_free    (DavPropertyCell       *cell);
/* Whether the cell has a value: its propstat's status is 2xx. A sort puts
 * the cells without one last whichever way it goes, as GNOME Files puts
 * what it does not know. */
gboolean         dav_property_cell_has_value (const DavPropertyCell *cell);
/* For sorting: values before failed or missing ones (status not 2xx),
 * numbers by value when both are numbers, else text as people read it. */
int              dav_property_cell_compare (const DavPropertyCell *a,
                                            const DavPropertyCell *b);

/* The name typed for a column: "{ns}name" in @name (then @namespace_uri
 * is ignored), or a name and a namespace. TRUE with both, in @clark as
 * "{ns}name"; FALSE with @message (translated, to show) when it is not a
 * property name, or NULL when nothing is typed yet. */
gboolean         dav_property_column_check (const char            *namespace_uri,
                                            const char            *name,
                                            char                 **clark,
                                            char                 **message);

/* "scheme://host:port" of @url, the key the columns are kept under; NULL
 * for what is not an absolute URL. */
char            *dav_property_column_origin (const char           *url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavPropertyCell, dav_property_cell_free)

G_END_DECLS
