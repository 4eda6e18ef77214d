/* dav-prop-patch.h: PROPPATCH instructions and Clark names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DavPropPatch is one set or remove of a property, as a caller hands it
 * to dav_client_proppatch_async (); property names are written in Clark
 * notation, "{namespace}name". Both are checked here, before anything is
 * sent, so that a bad name or value is the caller's error and never a
 * request the server has to reject.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One PROPPATCH instruction, in the order given (RFC 4918 §9.2). */
typedef struct {
  gboolean  remove;
  char     *namespace_uri;
  char     *name;
  char     *value;     /* text, or an XML fragment when is_xml; ignored for remove */
  gboolean  is_xml;
} DavPropPatch;

DavPropPatch *dav_prop_patch_new_set    (const char *namespace_uri,
                                         const char *name,
                                         const char *value,
                                         gboolean    is_xml);
DavPropPatch *dav_prop_patch_new_remove (const char *namespace_uri,
                                         const char *name);
void          dav_prop_patch_free       (DavPropPatch *patch);
/* Checks the name, and that an XML value is a well-formed fragment with
 * its namespaces declared: what the request will need, before sending. */
gboolean      dav_prop_patch_validate   (const DavPropPatch *patch,
                                         GError            **error);
/* Parses "{ns}name", "ns:name" is not accepted (prefixes mean nothing here). */
gboolean      dav_parse_clark_name      (const char  *text,
                                         char       **namespace_uri,
                                         char       **name);

G_END_DECLS
