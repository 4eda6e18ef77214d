/* dav-property.h: one WebDAV property as a server reported it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DAV_TYPE_PROPERTY (dav_property_get_type ())

/* namespace_uri and name may be shared constants (dav_property_new):
 * read them, never free or change them in place. */
typedef struct {
  char     *namespace_uri; /* "" for an element in no namespace */
  char     *name;          /* local name */
  char     *value;         /* text, or serialized XML when is_xml; NULL when empty */
  gboolean  is_xml;        /* the value has child elements (kept as XML) */
  guint     status;        /* status of the propstat it came from; 0 if none */
} DavProperty;

GType        dav_property_get_type      (void) G_GNUC_CONST;
DavProperty *dav_property_new           (const char        *namespace_uri,
                                         const char        *name);
/* A new property without value of @model's name, sharing its strings
 * where they are shared constants: for a parser that meets the same
 * names on every resource. */
DavProperty *dav_property_new_like      (const DavProperty *model);
DavProperty *dav_property_copy          (const DavProperty *property);
void         dav_property_free          (DavProperty       *property);
gboolean     dav_property_is_dav        (const DavProperty *property,
                                         const char        *name);
/* "{DAV:}getetag": the Clark notation used in the CLI and in messages. */
char        *dav_property_dup_clark_name (const DavProperty *property);
/* RFC 4918 §15 live properties that the server computes and will refuse to set. */
gboolean     dav_property_is_protected  (const char        *namespace_uri,
                                         const char        *name);
gboolean     dav_property_is_live       (const char        *namespace_uri,
                                         const char        *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavProperty, dav_property_free)

G_END_DECLS
