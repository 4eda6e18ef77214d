/* davscope-server-info.h: what the server says about itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OPTIONS on the folder shown: the WebDAV compliance classes (DAV header),
 * the allowed methods, the server software; and the quota of RFC 4331
 * when the server reports it. A failure is shown with its explanation.
 */

#pragma once

#include <adwaita.h>

#include "dav-client.h"

G_BEGIN_DECLS

void davscope_server_info_show (GtkWindow *parent,
                                DavClient *client);

G_END_DECLS
