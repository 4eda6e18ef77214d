/* dav-date-text.c: dates as GNOME Files shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule (docs/architecture.md, the listing): today and yesterday by
 * name with the time, this year's days without the year, older ones with
 * it; the details pane adds the time everywhere. Pure: the caller passes
 * "now" and the clock format, so the tests pin every case.
 */

#include "dav-date-text.h"

#include <glib/gi18n-lib.h>

/* Days from @date's day to @now's, both in @now's zone: 0 today, 1
 * yesterday, negative after today. GDate counts calendar days, so a
 * daylight-saving day of 23 or 25 hours is still one day. */
static int
days_ago (GDateTime *date,
          GDateTime *now)
{
  GDate then, today;

  g_date_clear (&then, 1);
  g_date_clear (&today, 1);
  g_date_set_dmy (&then, g_date_time_get_day_of_month (date),
                  g_date_time_get_month (date), g_date_time_get_year (date));
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));

  return g_date_days_between (&then, &today);
}

static const char *
pick_format (int          days,
             gboolean     same_year,
             DavDateStyle style,
             gboolean     clock_12h)
{
  gboolean detailed = style == DAV_DATE_STYLE_DETAILED;

  /* Translators: the formats below are those of g_date_time_format():
   * %H:%M is 08:19, %-l:%M %p is 8:19 AM, %-e %b is 3 Dec, %Y is 2025.
   * Put the parts in your language's order, e.g. "%-e. %b %Y". */
  if (days == 0)
    return clock_12h ? C_("date", "Today %-l:%M %p") : C_("date", "Today %H:%M");
  if (days == 1)
    return clock_12h ? C_("date", "Yesterday %-l:%M %p") : C_("date", "Yesterday %H:%M");
  if (days > 1 && same_year && !detailed)
    return C_("date", "%-e %b");
  if (days > 1 && same_year)
    return clock_12h ? C_("date", "%-e %b %-l:%M %p") : C_("date", "%-e %b %H:%M");
  /* Older, or after today: the year always, and the time in the pane
   * or when the date is in the future. */
  if (days > 1 && !detailed)
    return C_("date", "%-e %b %Y");
  return clock_12h ? C_("date", "%-e %b %Y %-l:%M %p") : C_("date", "%-e %b %Y %H:%M");
}

char *
dav_date_text_format (GDateTime    *date,
                      GDateTime    *now,
                      DavDateStyle  style,
                      gboolean      clock_12h)
{
  g_autoptr(GDateTime) local = NULL;
  int days;

  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  local = g_date_time_to_timezone (date, g_date_time_get_timezone (now));
  if (local == NULL)
    return g_strdup ("");

  days = days_ago (local, now);
  return g_date_time_format (local, pick_format (days,
                                                 g_date_time_get_year (local) == g_date_time_get_year (now),
                                                 style, clock_12h));
}
