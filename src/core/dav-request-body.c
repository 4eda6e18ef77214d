/* dav-request-body.c: the XML bodies of PROPFIND, PROPPATCH and LOCK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The request bodies the client sends, written as text: every name and
 * value is escaped or checked here, so that what goes out is well-formed
 * XML whatever the caller gave, and a bad property name is an error
 * before anything is sent.
 */

#include "dav-request-body-private.h"

#include <glib/gi18n-lib.h>

#include "dav-error.h"

static void
append_xml_escaped (GString    *out,
                    const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        default:  g_string_append_c (out, *p);
        }
    }
}

/* <N:name xmlns:N="ns"> (or D: for DAV:, or no prefix for no namespace),
 * self-closed when @close. */
static void
append_name_tag (GString    *out,
                 const char *namespace_uri,
                 const char *name,
                 gboolean    close)
{
  if (g_str_equal (namespace_uri, "DAV:"))
    g_string_append_printf (out, "<D:%s", name);
  else if (*namespace_uri == '\0')
    g_string_append_printf (out, "<%s", name);
  else
    {
      g_string_append_printf (out, "<N:%s xmlns:N=\"", name);
      append_xml_escaped (out, namespace_uri);
      g_string_append_c (out, '"');
    }
  g_string_append (out, close ? "/>" : ">");
}

static void
append_name_end (GString    *out,
                 const char *namespace_uri,
                 const char *name)
{
  if (g_str_equal (namespace_uri, "DAV:"))
    g_string_append_printf (out, "</D:%s>", name);
  else if (*namespace_uri == '\0')
    g_string_append_printf (out, "</%s>", name);
  else
    g_string_append_printf (out, "</N:%s>", name);
}

GBytes *
dav_request_body_propfind (DavPropfindKind     kind,
                           const char * const *names,
                           GError            **error)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                               "<D:propfind xmlns:D=\"DAV:\">");
  gboolean have_names = names != NULL && names[0] != NULL;

  switch (kind)
    {
    case DAV_PROPFIND_PROPNAME:
      g_string_append (out, "<D:propname/>");
      break;
    case DAV_PROPFIND_ALLPROP:
      g_string_append (out, "<D:allprop/>");
      if (have_names)
        g_string_append (out, "<D:include>");
      break;
    case DAV_PROPFIND_PROP:
    default:
      g_string_append (out, "<D:prop>");
      break;
    }

  for (guint i = 0; kind != DAV_PROPFIND_PROPNAME && names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *ns = NULL;
      g_autofree char *name = NULL;

      if (!dav_parse_clark_name (names[i], &ns, &name))
        {
          g_set_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a property name of the form {namespace}name."), names[i]);
          g_string_free (out, TRUE);
          return NULL;
        }
      append_name_tag (out, ns, name, TRUE);
    }

  if (kind == DAV_PROPFIND_PROP)
    g_string_append (out, "</D:prop>");
  else if (kind == DAV_PROPFIND_ALLPROP && have_names)
    g_string_append (out, "</D:include>");

  g_string_append (out, "</D:propfind>\n");

  return g_string_free_to_bytes (out);
}

GBytes *
dav_request_body_proppatch (GPtrArray  *patches,
                            GError    **error)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                               "<D:propertyupdate xmlns:D=\"DAV:\">");

  for (guint i = 0; i < patches->len; i++)
    {
      const DavPropPatch *patch = g_ptr_array_index (patches, i);

      if (!dav_prop_patch_validate (patch, error))
        {
          g_string_free (out, TRUE);
          return NULL;
        }

      /* One set or remove per instruction keeps their order (RFC 4918 §9.2). */
      g_string_append (out, patch->remove ? "<D:remove><D:prop>" : "<D:set><D:prop>");
      if (patch->remove || patch->value == NULL || *patch->value == '\0')
        append_name_tag (out, patch->namespace_uri, patch->name, TRUE);
      else
        {
          append_name_tag (out, patch->namespace_uri, patch->name, FALSE);
          if (patch->is_xml)
            g_string_append (out, patch->value);
          else
            append_xml_escaped (out, patch->value);
          append_name_end (out, patch->namespace_uri, patch->name);
        }
      g_string_append (out, patch->remove ? "</D:prop></D:remove>" : "</D:prop></D:set>");
    }

  g_string_append (out, "</D:propertyupdate>\n");

  return g_string_free_to_bytes (out);
}

GBytes *
dav_request_body_lock (DavLockScope  scope,
                       const char   *owner)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                               "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope>");

  g_string_append (out, scope == DAV_LOCK_SHARED ? "<D:shared/>" : "<D:exclusive/>");
  g_string_append (out, "</D:lockscope><D:locktype><D:write/></D:locktype>");
  if (owner != NULL && *owner != '\0')
    {
      g_string_append (out, "<D:owner>");
      append_xml_escaped (out, owner);
      g_string_append (out, "</D:owner>");
    }
  g_string_append (out, "</D:lockinfo>\n");

  return g_string_free_to_bytes (out);
}
