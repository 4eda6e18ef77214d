/* dav-property-reader.c: every property of one resource, on any server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-property-reader.h"

#include <glib/gi18n-lib.h>

#include "dav-property.h"

typedef struct {
  char       *url;
  GStrv       expected;
  DavResult  *all;       /* the answer to allprop */
  DavResponse *own;      /* its response about @url */
  GStrv       missing;   /* what it left out, asked by name */
} Reading;

static void
reading_free (Reading *reading)
{
  g_free (reading->url);
  g_strfreev (reading->expected);
  g_clear_pointer (&reading->all, dav_result_unref);
  g_clear_pointer (&reading->own, dav_response_unref);
  g_strfreev (reading->missing);
  g_free (reading);
}

static gboolean
has_property (const DavResponse *response,
              const char        *clark)
{
  for (guint i = 0; i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      for (guint j = 0; j < propstat->properties->len; j++)
        {
          g_autofree char *name = dav_property_dup_clark_name (g_ptr_array_index (propstat->properties, j));

          if (g_str_equal (name, clark))
            return TRUE;
        }
    }

  return FALSE;
}

static void
return_all (GTask *task)
{
  Reading *reading = g_task_get_task_data (task);

  g_task_return_pointer (task, dav_result_ref (reading->all), (GDestroyNotify) dav_result_unref);
  g_object_unref (task);
}

/* The propstats read by name join the allprop answer's response. */
static void
on_named (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  GTask *task = user_data;
  Reading *reading = g_task_get_task_data (task);
  g_autoptr(DavResult) named = dav_client_propfind_finish (DAV_CLIENT (source), res, NULL);
  g_autoptr(DavResponse) own = NULL;
  g_autoptr(GString) left_out = g_string_new (NULL);

  if (named == NULL || named->status != 207 || !named->complete ||
      (own = dav_result_dup_own_response (named, reading->url)) == NULL)
    {
      /* Asking by name did not work either: allprop's answer stands. */
      return_all (task);
      return;
    }

  /* Those it has (2xx) are what allprop left out; a 404 is a property
   * the resource simply lacks. */
  for (guint i = 0; i < own->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (own->propstats, i);

      for (guint j = 0; propstat->status >= 200 && propstat->status < 300 && j < propstat->properties->len; j++)
        {
          g_autofree char *name = dav_property_dup_clark_name (g_ptr_array_index (propstat->properties, j));

          g_string_append_printf (left_out, "%s%s", left_out->len ? ", " : "", name);
        }
    }
  while (own->propstats->len > 0)
    g_ptr_array_add (reading->own->propstats, g_ptr_array_steal_index (own->propstats, 0));

  if (left_out->len > 0)
    dav_response_add_problem (reading->own,
                              dav_problem_new (DAV_PROBLEM_ALLPROP_INCOMPLETE, 0, 0,
                                               _("The server left %s out of its answer to “all properties” (RFC 4918 §9.1 asks for every dead property); asked for by name."),
                                               left_out->str));
  return_all (task);
}

static void
on_all (GObject      *source,
        GAsyncResult *res,
        gpointer      user_data)
{
  GTask *task = user_data;
  Reading *reading = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();
  g_autoptr(DavPropfind) propfind = NULL;
  gboolean any = FALSE;

  reading->all = dav_client_propfind_finish (DAV_CLIENT (source), res, &error);
  if (reading->all == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (reading->all->status != 207 || !reading->all->complete ||
      (reading->own = dav_result_dup_own_response (reading->all, reading->url)) == NULL)
    {
      return_all (task);
      return;
    }

  for (guint i = 0; reading->expected != NULL && reading->expected[i] != NULL; i++)
    if (!has_property (reading->own, reading->expected[i]))
      {
        g_strv_builder_add (missing, reading->expected[i]);
        any = TRUE;
      }
  if (!any)
    {
      return_all (task);
      return;
    }

  reading->missing = g_strv_builder_end (missing);
  propfind = dav_propfind_new (DAV_DEPTH_0, DAV_PROPFIND_PROP, (const char * const *) reading->missing);
  dav_client_propfind_async (DAV_CLIENT (source), reading->url, propfind,
                             g_task_get_cancellable (task), on_named, task);
}

void
dav_read_properties_async (DavClient           *client,
                           const char          *url,
                           const char * const  *expected,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(DavPropfind) propfind = NULL;
  GTask *task;
  Reading *reading;

  g_return_if_fail (DAV_IS_CLIENT (client));
  g_return_if_fail (url != NULL);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, dav_read_properties_async);
  reading = g_new0 (Reading, 1);
  reading->url = g_strdup (url);
  reading->expected = g_strdupv ((GStrv) expected);
  g_task_set_task_data (task, reading, (GDestroyNotify) reading_free);

  /* Included, a server that honours <include> answers in one request. */
  propfind = dav_propfind_new (DAV_DEPTH_0, DAV_PROPFIND_ALLPROP, expected);
  dav_client_propfind_async (client, url, propfind, cancellable, on_all, task);
}

DavResult *
dav_read_properties_finish (DavClient     *client,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (DAV_IS_CLIENT (client), NULL);
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
