/* davscope-status-badge.h: a status code that explains itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dav-folder.h"
#include "dav-response.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_STATUS_BADGE (davscope_status_badge_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeStatusBadge, davscope_status_badge, DAVSCOPE, STATUS_BADGE, GtkWidget)

GtkWidget *davscope_status_badge_new (void);
/* @status 0 with no @problem hides it; @response (may be NULL) gives the
 * DAV:error conditions, description and problems for the popover. */
void       davscope_status_badge_set (DavscopeStatusBadge *self,
                                      guint                status,
                                      gboolean             for_property,
                                      const char          *problem,
                                      DavResponse         *response);

/* The exchange the status came from (0: none): the popover then offers
 * "Show Exchange", which activates win.show-exchange with it. */
void       davscope_status_badge_set_exchange (DavscopeStatusBadge *self,
                                               guint64              exchange_id);
/* The exchange is that of @folder's latest listing, looked up when the
 * popover opens: a row bound while its folder was still loading, or kept
 * across a reload, names the listing it came from. */
void       davscope_status_badge_set_listing  (DavscopeStatusBadge *self,
                                               DavFolder           *folder);

G_END_DECLS
