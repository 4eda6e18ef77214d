/* dav-result.c: what the server answered to one request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-result.h"


G_DEFINE_BOXED_TYPE (DavResult, dav_result, dav_result_ref, dav_result_unref)

DavResult *
dav_result_new (const char *method,
                const char *url)
{
  DavResult *self = g_new0 (DavResult, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->method = g_strdup (method);
  self->url = g_strdup (url);

  return self;
}

DavResult *
dav_result_ref (DavResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
dav_result_unref (DavResult *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->method);
  g_free (self->url);
  g_free (self->reason);
  g_free (self->content_type);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->body, dav_multistatus_unref);
  g_clear_pointer (&self->raw_body, g_bytes_unref);
  g_free (self->location);
  g_free (self->lock_token);
  g_free (self->proxy_login);
  g_free (self);
}

gboolean
dav_result_has_multistatus (const DavResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->body != NULL && self->body->is_multistatus;
}

gboolean
dav_result_is_success (const DavResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->status < 200 || self->status >= 300)
    return FALSE;

  /* RFC 4918 §9.6.1: a 207 to DELETE, MOVE or COPY means something failed
   * even when a member reads 200; so judge each item. */
  if (self->status == 207 || dav_result_has_multistatus (self))
    return self->complete && self->body != NULL && !dav_multistatus_has_failures (self->body);

  return TRUE;
}

gboolean
dav_result_is_whole (const DavResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  /* Only an XML body can be cut off or malformed in a way that counts;
   * a non-207 answer without one was read whole. */
  if (self->status != 207 && self->body == NULL)
    return TRUE;

  return self->complete;
}

DavResponse *
dav_result_dup_own_response (const DavResult *self,
                             const char      *url)
{
  DavResponse *response;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if (self->body == NULL)
    return NULL;

  response = dav_multistatus_find_response (self->body, url);
  return response != NULL ? dav_response_ref (response) : NULL;
}
