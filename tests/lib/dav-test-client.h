/* dav-test-client.h: one request of each verb, waited for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the tests' own library (tests/lib). Each do_*() starts one
 * request of the client, iterates the main context until it is answered
 * (dav-test-async.h) and hands over what its _finish gave: a DavResult, or
 * NULL and @error. The test bodies read as the requests they make; what
 * the answer should be is theirs to assert.
 */

#pragma once

#include "dav-client.h"

G_BEGIN_DECLS

/* Depth: 1, allprop: a listing as the browser asks for one. */
DavResult *do_propfind      (DavClient           *client,
                             const char          *url,
                             GError             **error);
/* Any PROPFIND; with @func, the responses are streamed to it (and not
 * kept in the result). */
DavResult *do_propfind_full (DavClient           *client,
                             const char          *url,
                             DavDepth             depth,
                             DavPropfindKind      kind,
                             const char * const  *names,
                             DavResponseFunc      func,
                             gpointer             func_data,
                             GError             **error);
DavResult *do_options       (DavClient           *client,
                             const char          *url,
                             GError             **error);
DavResult *do_proppatch     (DavClient           *client,
                             const char          *url,
                             GPtrArray           *patches,
                             GError             **error);
DavResult *do_mkcol         (DavClient           *client,
                             const char          *url,
                             GError             **error);
DavResult *do_delete        (DavClient           *client,
                             const char          *url,
                             GError             **error);
DavResult *do_copy_or_move  (DavClient           *client,
                             gboolean             move,
                             const char          *url,
                             const char          *destination,
                             gboolean             overwrite,
                             GError             **error);
/* An exclusive Depth: 0 lock for an hour, owner "test-client". */
DavResult *do_lock          (DavClient           *client,
                             const char          *url,
                             GError             **error);
DavResult *do_unlock        (DavClient           *client,
                             const char          *url,
                             const char          *token,
                             GError             **error);
/* As application/octet-stream, replacing whatever is at @url. */
DavResult *do_put_stream    (DavClient           *client,
                             const char          *url,
                             GInputStream        *source,
                             goffset              size,
                             DavProgressFunc      progress,
                             gpointer             progress_data,
                             GError             **error);
DavResult *do_get           (DavClient           *client,
                             const char          *url,
                             GOutputStream       *sink,
                             DavProgressFunc      progress,
                             gpointer             progress_data,
                             GError             **error);

G_END_DECLS
