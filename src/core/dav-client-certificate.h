/* dav-client-certificate.h: the certificate Davscope shows a server that
 * asks for one (mutual TLS)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From a PEM file holding the certificate and its private key, a PKCS#12
 * file (.p12, .pfx) with its password, or a PKCS#11 URI (a smart card or
 * a token: "pkcs11:…"). DavClient presents it to its own server only
 * (dav_client_set_client_certificate).
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* @source: a file name or a "pkcs11:" URI; @password: a PKCS#12 file's,
 * or NULL. Returns: (transfer full): the certificate, or NULL with
 * @error saying why, for people. */
GTlsCertificate *dav_client_certificate_load (const char  *source,
                                              const char  *password,
                                              GError     **error);

G_END_DECLS
