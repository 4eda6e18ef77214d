/* dav-multistatus.c: a whole 207 Multi-Status body, as parsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-multistatus.h"

#include "dav-href.h"

G_DEFINE_BOXED_TYPE (DavMultistatus, dav_multistatus, dav_multistatus_ref, dav_multistatus_unref)

DavMultistatus *
dav_multistatus_new (void)
{
  DavMultistatus *self = g_new0 (DavMultistatus, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->responses = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_response_unref);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_problem_free);
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_condition_free);

  return self;
}

DavMultistatus *
dav_multistatus_ref (DavMultistatus *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
dav_multistatus_unref (DavMultistatus *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->responses);
  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->errors);
  g_free (self->description);
  g_free (self->sync_token);
  g_free (self);
}

gboolean
dav_multistatus_has_failures (const DavMultistatus *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->responses->len; i++)
    if (!dav_response_is_ok (g_ptr_array_index (self->responses, i)))
      return TRUE;

  return FALSE;
}

DavResponse *
dav_multistatus_find_response (const DavMultistatus *self,
                               const char           *url)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  for (guint i = 0; i < self->responses->len; i++)
    {
      DavResponse *response = g_ptr_array_index (self->responses, i);

      for (guint j = 0; j < response->hrefs->len; j++)
        {
          g_autoptr(DavHref) href = dav_href_resolve (url, g_ptr_array_index (response->hrefs, j));

          if (href->relation == DAV_HREF_SELF)
            return response;
        }
    }

  return NULL;
}
