/* dav-response.c: one <DAV:response> of a 207 Multi-Status body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-response.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (DavResponse, dav_response, dav_response_ref, dav_response_unref)

DavResponse *
dav_response_new (void)
{
  DavResponse *self = g_new0 (DavResponse, 1);

  g_atomic_ref_count_init (&self->ref_count);
  /* Room for what nearly every response has: one href, one propstat. */
  self->hrefs = g_ptr_array_new_full (1, g_free);
  self->propstats = g_ptr_array_new_full (1, (GDestroyNotify) dav_propstat_free);
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_condition_free);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_problem_free);

  return self;
}

DavResponse *
dav_response_ref (DavResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
dav_response_unref (DavResponse *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->hrefs);
  g_ptr_array_unref (self->propstats);
  g_ptr_array_unref (self->errors);
  g_ptr_array_unref (self->problems);
  g_free (self->reason);
  g_free (self->status_line);
  g_free (self->description);
  g_free (self->location);
  g_free (self);
}

const char *
dav_response_get_href (const DavResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->hrefs->len > 0 ? g_ptr_array_index (self->hrefs, 0) : NULL;
}

/* How bad a status is for the item: no status at all is worst, since the
 * outcome is unknown; then interim codes (RFC 4918 §13), then by code. */
static guint
badness (guint code)
{
  if (code == 0)
    return 1000;
  if (code < 200)
    return 900;
  /* A 424 only follows another failure: that one is the cause to show. */
  if (code == 424)
    return 400;
  return code;
}

guint
dav_response_get_effective_status (const DavResponse *self)
{
  guint worst;
  gboolean have;

  g_return_val_if_fail (self != NULL, 0);

  worst = self->status;
  have = self->status != 0;

  for (guint i = 0; i < self->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (self->propstats, i);

      if (!have || badness (propstat->status) > badness (worst))
        worst = propstat->status;
      have = TRUE;
    }

  return worst;
}

guint
dav_response_get_listing_status (const DavResponse *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->status_line != NULL)
    return self->status;

  for (guint i = 0; i < self->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (self->propstats, i);

      if (propstat->status >= 200 && propstat->status < 300)
        return propstat->status;
    }

  return dav_response_get_effective_status (self);
}

guint
dav_response_get_item_status (const DavResponse *self)
{
  guint worst = 0;
  gboolean lacks = FALSE;

  g_return_val_if_fail (self != NULL, 0);

  if (self->status != 0 || self->propstats->len == 0)
    return dav_response_get_effective_status (self);

  for (guint i = 0; i < self->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (self->propstats, i);

      /* An empty 404 propstat names no property: that is the item's. */
      if (propstat->status == 404 && propstat->properties->len > 0)
        lacks = TRUE;
      else if (worst == 0 || badness (propstat->status) > badness (worst))
        worst = propstat->status;
    }

  return worst != 0 || !lacks ? worst : 200;
}

gboolean
dav_response_is_ok (const DavResponse *self)
{
  guint status = dav_response_get_effective_status (self);

  return status >= 200 && status < 300;
}

gboolean
dav_response_is_collection (const DavResponse *self,
                            gboolean           href_collection)
{
  const DavProperty *type;

  g_return_val_if_fail (self != NULL, FALSE);

  type = dav_response_find_property (self, "DAV:", "resourcetype");
  if (type != NULL && type->status >= 200 && type->status < 300)
    return type->is_xml && type->value != NULL &&
           strstr (type->value, "<collection xmlns=\"DAV:\"") != NULL;

  return href_collection;
}

const DavProperty *
dav_response_find_property (const DavResponse *self,
                            const char        *namespace_uri,
                            const char        *name)
{
  const DavProperty *fallback = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (namespace_uri != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* A property may appear under 200 and again under 404 (seen in iCloud
   * answers): the successful one wins. */
  for (guint i = 0; i < self->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (self->propstats, i);

      for (guint j = 0; j < propstat->properties->len; j++)
        {
          const DavProperty *property = g_ptr_array_index (propstat->properties, j);

          if (!g_str_equal (property->name, name) ||
              !g_str_equal (property->namespace_uri, namespace_uri))
            continue;

          if (propstat->status >= 200 && propstat->status < 300)
            return property;
          if (fallback == NULL)
            fallback = property;
        }
    }

  return fallback;
}

void
dav_response_add_problem (DavResponse *self,
                          DavProblem  *problem)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (problem != NULL);

  g_ptr_array_add (self->problems, problem);
}

DavPropstat *
dav_propstat_new (void)
{
  DavPropstat *propstat = g_new0 (DavPropstat, 1);

  /* A listing asks for seven properties: they fit without growing. */
  propstat->properties = g_ptr_array_new_full (8, (GDestroyNotify) dav_property_free);
  propstat->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_condition_free);

  return propstat;
}

void
dav_propstat_free (DavPropstat *propstat)
{
  if (propstat == NULL)
    return;

  g_ptr_array_unref (propstat->properties);
  g_ptr_array_unref (propstat->errors);
  g_free (propstat->reason);
  g_free (propstat->status_line);
  g_free (propstat->description);
  g_free (propstat);
}

DavCondition *
dav_condition_new (const char *namespace_uri,
                   const char *name)
{
  DavCondition *condition = g_new0 (DavCondition, 1);

  condition->namespace_uri = g_strdup (namespace_uri ? namespace_uri : "");
  condition->name = g_strdup (name);

  return condition;
}

void
dav_condition_free (DavCondition *condition)
{
  if (condition == NULL)
    return;

  g_free (condition->namespace_uri);
  g_free (condition->name);
  g_free (condition->content);
  g_free (condition);
}

char *
dav_condition_dup_clark_name (const DavCondition *condition)
{
  g_return_val_if_fail (condition != NULL, NULL);

  return g_strdup_printf ("{%s}%s", condition->namespace_uri, condition->name);
}
