/* davscope-certificate-dialog.h: the user decides about an untrusted certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the certificate's subject, issuer, validity and SHA-256
 * fingerprint and why it is not trusted. "This time" pins it for the
 * client; "Always for this host" also remembers the fingerprint for that
 * host and port (in the user's data directory, never a kind of error).
 * A different certificate later asks again (docs/hostile-servers.md
 * case 39).
 */

#pragma once

#include <gtk/gtk.h>

#include "dav-client.h"

G_BEGIN_DECLS

typedef enum {
  DAVSCOPE_CERTIFICATE_REJECT,
  DAVSCOPE_CERTIFICATE_ACCEPT_ONCE,
  DAVSCOPE_CERTIFICATE_ACCEPT_ALWAYS,
} DavscopeCertificateDecision;

typedef void (*DavscopeCertificateCallback) (DavscopeCertificateDecision decision,
                                             gpointer                    user_data);

/* Pins any certificate remembered for @client's host and port. */
void davscope_certificate_apply_remembered (DavClient *client);
/* Asks about @certificate, which a request of @client refused for
 * @errors; pins it on acceptance (and remembers it for "always") before
 * calling @callback. @callback is called exactly once: with
 * DAVSCOPE_CERTIFICATE_REJECT when the dialog goes without an answer
 * (with @parent, say). */
void davscope_certificate_dialog_ask       (GtkWindow                   *parent,
                                            DavClient                   *client,
                                            GTlsCertificate             *certificate,
                                            GTlsCertificateFlags         errors,
                                            DavscopeCertificateCallback  callback,
                                            gpointer                     user_data);

G_END_DECLS
