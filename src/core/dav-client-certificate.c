/* dav-client-certificate.c: the certificate Davscope shows a server that
 * asks for one (mutual TLS)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-client-certificate.h"

#include <glib/gi18n-lib.h>

static gboolean
is_pkcs12 (const char *source)
{
  g_autofree char *lower = g_ascii_strdown (source, -1);

  return g_str_has_suffix (lower, ".p12") || g_str_has_suffix (lower, ".pfx");
}

GTlsCertificate *
dav_client_certificate_load (const char  *source,
                             const char  *password,
                             GError     **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (source != NULL, NULL);

  if (g_str_has_prefix (source, "pkcs11:"))
    certificate = g_tls_certificate_new_from_pkcs11_uris (source, NULL, &local);
  /* Without a password, the plain loader (PKCS#12 by its suffix): an
   * empty password makes glib-networking 2.74 complain critically. */
  else if (is_pkcs12 (source) && password != NULL && *password != '\0')
    certificate = g_tls_certificate_new_from_file_with_password (source, password, &local);
  else
    certificate = g_tls_certificate_new_from_file (source, &local);

  if (certificate == NULL)
    {
      shown = g_filename_display_name (source);
      /* Translators: the first %s is a file name or a pkcs11: URI, the
       * second why it could not be used. */
      g_set_error (error, local->domain, local->code,
                   _("The client certificate “%s” cannot be used: %s"), shown, local->message);
      return NULL;
    }

  return g_steal_pointer (&certificate);
}
