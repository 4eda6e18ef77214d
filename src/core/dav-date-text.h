/* dav-date-text.h: dates as GNOME Files shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DAV_DATE_STYLE_SHORT,    /* a listing's column: "Today 08:19", "3 Dec", "3 Dec 2025" */
  DAV_DATE_STYLE_DETAILED, /* the details pane: the time always, "3 Dec 2025 08:19" */
} DavDateStyle;

/* @date in @now's time zone, against @now's day: "Today 08:19",
 * "Yesterday 17:02", then the day ("3 Dec") in @now's year, the day and
 * year before it. A date after today (a clock ahead of ours) is never
 * "Today": it gets its year and time. @clock_12h: "8:19 AM". The formats
 * are translated (context "date"), so each locale writes its own order. */
char *dav_date_text_format (GDateTime    *date,
                            GDateTime    *now,
                            DavDateStyle  style,
                            gboolean      clock_12h);

G_END_DECLS
