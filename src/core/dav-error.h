/* dav-error.h: the DAV_ERROR domain of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An extended error domain (GLib 2.68): an error can carry what the
 * caller needs to act on it, such as where a refused redirect pointed,
 * so that nothing of a failed request is left behind on the client.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DAV_ERROR (dav_error_quark ())

typedef enum {
  DAV_ERROR_FAILED,
  DAV_ERROR_MALFORMED,      /* the server's answer could not be understood */
  DAV_ERROR_LIMIT,          /* a safety limit was reached (size, depth, count) */
  DAV_ERROR_FORBIDDEN_DTD,  /* the body carried a DOCTYPE, which we never process */
  DAV_ERROR_INVALID_HREF,   /* an href that cannot name a resource */
  DAV_ERROR_INVALID_ARGUMENT,
  DAV_ERROR_REDIRECT,       /* a redirect that was not followed (other origin, loop) */
  DAV_ERROR_OUTSIDE,        /* a target outside the connected origin or collection */
  DAV_ERROR_TIMEOUT,        /* the overall deadline passed, or the server was too slow */
  DAV_ERROR_STATUS,         /* the server answered, with a status that is not what was asked */
  DAV_ERROR_NOT_WEBDAV,     /* a listing refused (405, 501), and OPTIONS shows no DAV header */
} DavErrorCode;

GQuark   dav_error_quark         (void);
/* Whether a request that failed with @error never reached the server
 * (nothing could have been done), as opposed to one sent and not
 * answered (whether it was done is unknown). */
gboolean dav_error_is_never_sent (const GError *error);
/* Where a DAV_ERROR_REDIRECT that was not followed pointed, as an
 * absolute URL, when it went to another origin (docs/hostile-servers.md
 * case 34): for the user to open as a new connection if they choose.
 * NULL for any other error, and for a redirect loop. Owned by @error,
 * and copied with it (g_error_copy). */
const char *dav_error_get_redirect_target (const GError *error);
/* Sets that target on @error, which must be a DAV_ERROR_REDIRECT; @url
 * is copied, NULL takes it away. */
void        dav_error_set_redirect_target (GError       *error,
                                           const char   *url);

G_END_DECLS
