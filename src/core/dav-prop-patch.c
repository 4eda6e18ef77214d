/* dav-prop-patch.c: PROPPATCH instructions and Clark names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The instructions a caller builds for dav_client_proppatch_async (), and
 * the checks on property names and XML values that make a bad one an
 * error before anything is sent.
 */

#include "dav-prop-patch.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <string.h>

#include "dav-error.h"

DavPropPatch *
dav_prop_patch_new_set (const char *namespace_uri,
                        const char *name,
                        const char *value,
                        gboolean    is_xml)
{
  DavPropPatch *patch = g_new0 (DavPropPatch, 1);

  patch->namespace_uri = g_strdup (namespace_uri ? namespace_uri : "");
  patch->name = g_strdup (name);
  patch->value = g_strdup (value);
  patch->is_xml = is_xml;

  return patch;
}

DavPropPatch *
dav_prop_patch_new_remove (const char *namespace_uri,
                           const char *name)
{
  DavPropPatch *patch = dav_prop_patch_new_set (namespace_uri, name, NULL, FALSE);

  patch->remove = TRUE;

  return patch;
}

void
dav_prop_patch_free (DavPropPatch *patch)
{
  if (patch == NULL)
    return;

  g_free (patch->namespace_uri);
  g_free (patch->name);
  g_free (patch->value);
  g_free (patch);
}

static gboolean
is_xml_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;

  return xmlValidateNCName ((const xmlChar *) name, 0) == 0;
}

gboolean
dav_parse_clark_name (const char  *text,
                      char       **namespace_uri,
                      char       **name)
{
  const char *close;

  g_return_val_if_fail (text != NULL, FALSE);

  if (text[0] != '{' || (close = strchr (text, '}')) == NULL)
    return FALSE;
  if (!is_xml_name (close + 1))
    return FALSE;

  if (namespace_uri != NULL)
    *namespace_uri = g_strndup (text + 1, close - text - 1);
  if (name != NULL)
    *name = g_strdup (close + 1);

  return TRUE;
}

/* An XML value must be a well-formed fragment on its own, with its
 * namespaces declared; checked before anything is sent. */
static gboolean
validate_fragment (const char  *fragment,
                   GError     **error)
{
  g_autofree char *wrapped = g_strconcat ("<v>", fragment, "</v>", NULL);
  xmlDocPtr doc;

  doc = xmlReadMemory (wrapped, strlen (wrapped), NULL, "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *last = xmlGetLastError ();
      g_autofree char *message = g_strdup (last && last->message ? last->message : "?");

      g_set_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT,
                   _("The XML value is not a well-formed fragment (%s): “%s”"),
                   g_strstrip (message), fragment);
      return FALSE;
    }

  xmlFreeDoc (doc);
  return TRUE;
}

gboolean
dav_prop_patch_validate (const DavPropPatch  *patch,
                         GError             **error)
{
  g_return_val_if_fail (patch != NULL, FALSE);

  if (!is_xml_name (patch->name))
    {
      g_set_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid property name."), patch->name);
      return FALSE;
    }

  if (!patch->remove && patch->is_xml && patch->value != NULL && *patch->value != '\0')
    return validate_fragment (patch->value, error);

  return TRUE;
}
