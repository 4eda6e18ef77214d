/* dav-lock.c: the active locks of a resource, from DAV:lockdiscovery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The value comes from our own parser's serialization (explicit xmlns,
 * no DTD), and is read again here with the same safe options.
 */

#include "dav-lock.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "dav-text.h"

void
dav_lock_free (DavLock *lock)
{
  if (lock == NULL)
    return;

  g_free (lock->scope);
  g_free (lock->type);
  g_free (lock->depth);
  g_free (lock->owner);
  g_free (lock->timeout);
  g_free (lock->token);
  g_free (lock->root);
  g_free (lock);
}

static gboolean
is_dav (xmlNode    *node,
        const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         g_strcmp0 ((const char *) node->ns->href, "DAV:") == 0 &&
         strcmp ((const char *) node->name, name) == 0;
}

static xmlNode *
child (xmlNode    *node,
       const char *name)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (is_dav (c, name))
      return c;
  return NULL;
}

static char *
text_of (xmlNode *node)
{
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;

  content = xmlNodeGetContent (node);
  text = dav_text_strip (g_strdup ((const char *) content));
  xmlFree (content);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

/* The name of the first element child: <lockscope><exclusive/></lockscope>. */
static char *
first_element_name (xmlNode *node)
{
  if (node == NULL)
    return NULL;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      return g_strdup ((const char *) c->name);

  return NULL;
}

/* The @element children (DAV:activelock, DAV:lockentry) of a property
 * value; both hold a lockscope and a locktype, activelock the rest too. */
static GPtrArray *
parse_locks (const char *value,
             const char *element)
{
  GPtrArray *locks = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_lock_free);
  g_autofree char *wrapped = NULL;
  xmlDocPtr doc;
  xmlNode *root;

  if (value == NULL)
    return locks;

  wrapped = g_strconcat ("<v>", value, "</v>", NULL);
  doc = xmlReadMemory (wrapped, strlen (wrapped), NULL, "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    return locks;

  root = xmlDocGetRootElement (doc);
  for (xmlNode *node = root != NULL ? root->children : NULL; node != NULL; node = node->next)
    {
      DavLock *lock;
      xmlNode *token, *lockroot;

      if (!is_dav (node, element))
        continue;

      lock = g_new0 (DavLock, 1);
      lock->scope = first_element_name (child (node, "lockscope"));
      lock->type = first_element_name (child (node, "locktype"));
      lock->depth = text_of (child (node, "depth"));
      lock->owner = text_of (child (node, "owner"));
      lock->timeout = text_of (child (node, "timeout"));
      token = child (node, "locktoken");
      lock->token = token != NULL ? text_of (child (token, "href")) : NULL;
      lockroot = child (node, "lockroot");
      lock->root = lockroot != NULL ? text_of (child (lockroot, "href")) : NULL;
      g_ptr_array_add (locks, lock);
    }

  xmlFreeDoc (doc);
  return locks;
}

GPtrArray *
dav_lock_parse_discovery (const char *value)
{
  return parse_locks (value, "activelock");
}

GPtrArray *
dav_lock_parse_supported (const char *value)
{
  return parse_locks (value, "lockentry");
}

GPtrArray *
dav_lock_list_from_response (const DavResponse *response)
{
  const DavProperty *discovery;

  g_return_val_if_fail (response != NULL, NULL);

  discovery = dav_response_find_property (response, "DAV:", "lockdiscovery");
  return dav_lock_parse_discovery (discovery && discovery->is_xml ? discovery->value : NULL);
}
