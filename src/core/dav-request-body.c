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

/* An empty element for each of @names; FALSE, with @error, at the
 * first that is no {namespace}name. */
static gboolean
append_names (GString            *out,
              const char * const *names,
              GError            **error)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *ns = NULL;
      g_autofree char *name = NULL;

      if (!dav_parse_clark_name (names[i], &ns, &name))
        {
          g_set_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a property name of the form {namespace}name."), names[i]);
          return FALSE;
        }
      append_name_tag (out, ns, name, TRUE);
    }
  return TRUE;
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

  if (kind != DAV_PROPFIND_PROPNAME && !append_names (out, names, error))
    {
      g_string_free (out, TRUE);
      return NULL;
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

/* A DAV:like pattern for "contains @text": the wildcards % and _ and the
 * escape character itself are escaped with a backslash (RFC 5323 §5.17.1). */
static void
append_like_literal (GString    *out,
                     const char *text)
{
  g_autoptr(GString) pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  g_string_append (out, "<D:literal>");
  append_xml_escaped (out, pattern->str);
  g_string_append (out, "</D:literal>");
}

/* <D:like caseless="yes"> on one property (RFC 5323 §5.17, §5.18). */
static gboolean
append_like (GString    *out,
             const char *property,
             const char *text,
             GError    **error)
{
  const char *names[] = { property, NULL };

  g_string_append (out, "<D:like caseless=\"yes\"><D:prop>");
  if (!append_names (out, names, error))
    return FALSE;
  g_string_append (out, "</D:prop>");
  append_like_literal (out, text);
  g_string_append (out, "</D:like>");
  return TRUE;
}

GBytes *
dav_request_body_search (const char         *scope_href,
                         const char * const *names,
                         const char         *name_text,
                         const char         *property,
                         const char         *value_text,
                         GError            **error)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                               "<D:searchrequest xmlns:D=\"DAV:\"><D:basicsearch>"
                               "<D:select><D:prop>");
  gboolean by_name = name_text != NULL && *name_text != '\0';
  gboolean by_value = property != NULL && value_text != NULL;

  if (!append_names (out, names, error))
    goto fail;
  g_string_append (out, "</D:prop></D:select><D:from><D:scope><D:href>");
  append_xml_escaped (out, scope_href);
  g_string_append (out, "</D:href><D:depth>infinity</D:depth></D:scope></D:from><D:where>");
  if (by_name && by_value)
    g_string_append (out, "<D:and>");
  if (by_name && !append_like (out, "{DAV:}displayname", name_text, error))
    goto fail;
  if (by_value && !append_like (out, property, value_text, error))
    goto fail;
  if (by_name && by_value)
    g_string_append (out, "</D:and>");
  g_string_append (out, "</D:where></D:basicsearch></D:searchrequest>\n");

  return g_string_free_to_bytes (out);

fail:
  g_string_free (out, TRUE);
  return NULL;
}
