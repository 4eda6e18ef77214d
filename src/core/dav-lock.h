/* dav-lock.h: the active locks of a resource, from DAV:lockdiscovery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "dav-response.h"

G_BEGIN_DECLS

typedef struct {
  char *scope;    /* "exclusive", "shared", or what the server said */
  char *type;     /* "write" */
  char *depth;    /* "0", "infinity" */
  char *owner;    /* text of DAV:owner (child elements as text), or NULL */
  char *timeout;  /* "Infinite", "Second-3600", or NULL */
  char *token;    /* the lock token URI, or NULL */
  char *root;     /* href of DAV:lockroot, or NULL */
} DavLock;

void       dav_lock_free           (DavLock           *lock);
/* The DAV:activelock elements of a lockdiscovery value as serialized by
 * the parser (an XML fragment); an empty array when there are none. */
GPtrArray *dav_lock_parse_discovery (const char       *value);
/* The DAV:lockentry elements of a supportedlock value: the kinds of
 * lock a server offers, only scope and type set. */
GPtrArray *dav_lock_parse_supported (const char       *value);
/* Those of the {DAV:}lockdiscovery property of @response. */
GPtrArray *dav_lock_list_from_response (const DavResponse *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavLock, dav_lock_free)

G_END_DECLS
