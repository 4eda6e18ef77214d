/* dav-file-sink.h: a local file's output stream as a download's sink,
 * written in place while it is small
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DAV_TYPE_FILE_SINK (dav_file_sink_get_type ())
G_DECLARE_FINAL_TYPE (DavFileSink, dav_file_sink, DAV, FILE_SINK, GOutputStream)

/* Writes to @base (a local file's stream) where it is asked for the first
 * 64 KiB, through GIO's threads after that; leaves @base open when closed. */
GOutputStream *dav_file_sink_new (GOutputStream *base);

G_END_DECLS
