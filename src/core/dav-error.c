/* dav-error.c: the DAV_ERROR domain of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-error.h"

#include <gio/gio.h>

G_DEFINE_QUARK (dav-error-quark, dav_error)

gboolean
dav_error_is_never_sent (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  /* A deadline that passed stopped a request that was sent. */
  if (g_error_matches (error, DAV_ERROR, DAV_ERROR_TIMEOUT))
    return FALSE;

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         error->domain == G_RESOLVER_ERROR ||
         error->domain == G_TLS_ERROR ||
         error->domain == DAV_ERROR;
}
