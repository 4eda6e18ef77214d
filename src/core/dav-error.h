/* dav-error.h: the DAV_ERROR domain of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
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
} DavErrorCode;

GQuark   dav_error_quark         (void);
/* Whether a request that failed with @error never reached the server
 * (nothing could have been done), as opposed to one sent and not
 * answered (whether it was done is unknown). */
gboolean dav_error_is_never_sent (const GError *error);

G_END_DECLS
