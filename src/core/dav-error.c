/* dav-error.c: the DAV_ERROR domain of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-error.h"

#include <gio/gio.h>

typedef struct {
  char *redirect_target;
} DavErrorPrivate;

static void
dav_error_private_init (DavErrorPrivate *priv)
{
}

static void
dav_error_private_copy (const DavErrorPrivate *src,
                        DavErrorPrivate       *dest)
{
  /* The checks keep -Wnull-dereference quiet about GLib's wrappers. */
  if (src != NULL && dest != NULL)
    dest->redirect_target = g_strdup (src->redirect_target);
}

static void
dav_error_private_clear (DavErrorPrivate *priv)
{
  if (priv != NULL)
    g_clear_pointer (&priv->redirect_target, g_free);
}

G_DEFINE_EXTENDED_ERROR (DavError, dav_error)

const char *
dav_error_get_redirect_target (const GError *error)
{
  DavErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  if (!g_error_matches (error, DAV_ERROR, DAV_ERROR_REDIRECT))
    return NULL;
  priv = dav_error_get_private (error);

  return priv ? priv->redirect_target : NULL;
}

void
dav_error_set_redirect_target (GError     *error,
                               const char *url)
{
  DavErrorPrivate *priv;

  g_return_if_fail (g_error_matches (error, DAV_ERROR, DAV_ERROR_REDIRECT));

  priv = dav_error_get_private (error);
  if (priv == NULL)
    return;
  g_free (priv->redirect_target);
  priv->redirect_target = g_strdup (url);
}

gboolean
dav_error_is_never_sent (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  /* A deadline that passed stopped a request that was sent; a status
   * error is the server's own answer. */
  if (g_error_matches (error, DAV_ERROR, DAV_ERROR_TIMEOUT) ||
      g_error_matches (error, DAV_ERROR, DAV_ERROR_STATUS) ||
      g_error_matches (error, DAV_ERROR, DAV_ERROR_NOT_WEBDAV))
    return FALSE;

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         error->domain == G_RESOLVER_ERROR ||
         error->domain == G_TLS_ERROR ||
         error->domain == DAV_ERROR;
}
