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
/* An RFC 5323 DAV:basicsearch for the resources below @scope_href (a
 * path, depth infinity) whose displayname contains @name_text and/or
 * whose @property ({ns}name) contains @value_text, any case, selecting
 * @names. NULL, with @error, for a bad property name. */
GBytes *dav_request_body_search    (const char         *scope_href,
                                    const char * const *names,
                                    const char         *name_text,
                                    const char         *property,
                                    const char         *value_text,
                                    GError            **error);

G_END_DECLS
