/* dav-body-stream.h: a local file's bytes as a request body, read in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DAV_TYPE_BODY_STREAM (dav_body_stream_get_type ())
G_DECLARE_FINAL_TYPE (DavBodyStream, dav_body_stream, DAV, BODY_STREAM, GInputStream)

/* Reads @source (a local file's stream) where it is asked, never through
 * a thread, and leaves it open when closed itself. */
GInputStream *dav_body_stream_new (GInputStream *source);

G_END_DECLS
