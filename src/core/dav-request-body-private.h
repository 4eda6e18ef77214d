/* dav-request-body-private.h: the XML bodies the client's verbs send
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dav-client.h"

G_BEGIN_DECLS

/* NULL, with @error, when one of @names is no "{namespace}name". */
GBytes *dav_request_body_propfind  (DavPropfindKind     kind,
                                    const char * const *names,
                                    GError            **error);
/* NULL, with @error, when one of @patches does not validate. */
GBytes *dav_request_body_proppatch (GPtrArray          *patches,
                                    GError            **error);
GBytes *dav_request_body_lock      (DavLockScope        scope,
                                    const char         *owner);

G_END_DECLS
