/* dav-date-text.c: dates as GNOME Files shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule, GNOME Files' own: today and yesterday by name with the time,
 * this year's days without the year, older ones with it; the details pane
 * adds the time everywhere, and a date after today (a server clock ahead
 * of ours) shows all of it. Pure: the caller passes "now" and the clock
 * format, so tests/core/test-property-text.c pins every case.
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

enum {
  TODAY,
  YESTERDAY,
  THIS_YEAR,
  THIS_YEAR_TIME,
  OTHER_YEAR,
  OTHER_YEAR_TIME,
};

/* The formats are g_date_time_format()'s, translated with the context
 * "date", so that each language writes its own order ("3. Dez. 2025"). */
static const char * const formats_24h[] = {
  /* Translators: a format of g_date_time_format(): %H:%M is 08:19.
   * Today, on the 24-hour clock: "Today 08:19". */
  [TODAY] = NC_("date", "Today %H:%M"),
  /* Translators: a format of g_date_time_format(): "Yesterday 17:02". */
  [YESTERDAY] = NC_("date", "Yesterday %H:%M"),
  /* Translators: a format of g_date_time_format(), a day this year in a
   * listing: %-e %b is "3 Dec". Use your language's order, e.g. "%-e. %b". */
  [THIS_YEAR] = NC_("date", "%-e %b"),
  /* Translators: a format of g_date_time_format(), a day this year with
   * its time: "3 Dec 08:19". */
  [THIS_YEAR_TIME] = NC_("date", "%-e %b %H:%M"),
  /* Translators: a format of g_date_time_format(), a day of another year
   * in a listing: "3 Dec 2025". */
  [OTHER_YEAR] = NC_("date", "%-e %b %Y"),
  /* Translators: a format of g_date_time_format(), a day of another year
   * with its time: "3 Dec 2025 08:19". */
  [OTHER_YEAR_TIME] = NC_("date", "%-e %b %Y %H:%M"),
};

static const char * const formats_12h[] = {
  /* Translators: a format of g_date_time_format(): %-l:%M %p is 8:19 AM.
   * Today, on the 12-hour clock: "Today 8:19 AM". */
  [TODAY] = NC_("date", "Today %-l:%M %p"),
  /* Translators: a format of g_date_time_format(): "Yesterday 5:02 PM". */
  [YESTERDAY] = NC_("date", "Yesterday %-l:%M %p"),
  [THIS_YEAR] = NC_("date", "%-e %b"),
  /* Translators: a format of g_date_time_format(), a day this year with
   * its time on the 12-hour clock: "3 Dec 8:19 AM". */
  [THIS_YEAR_TIME] = NC_("date", "%-e %b %-l:%M %p"),
  [OTHER_YEAR] = NC_("date", "%-e %b %Y"),
  /* Translators: a format of g_date_time_format(), a day of another year
   * with its time on the 12-hour clock: "3 Dec 2025 8:19 AM". */
  [OTHER_YEAR_TIME] = NC_("date", "%-e %b %Y %-l:%M %p"),
};

static const char *
pick_format (int          days,
             gboolean     same_year,
             DavDateStyle style,
             gboolean     clock_12h)
{
  gboolean detailed = style == DAV_DATE_STYLE_DETAILED;
  guint which;

  if (days == 0)
    which = TODAY;
  else if (days == 1)
    which = YESTERDAY;
  else if (days > 1 && same_year)
    which = detailed ? THIS_YEAR_TIME : THIS_YEAR;
  else if (days > 1)
    which = detailed ? OTHER_YEAR_TIME : OTHER_YEAR;
  else
    /* After today (a server clock ahead of ours): all of it. */
    which = OTHER_YEAR_TIME;

  return g_dpgettext2 (GETTEXT_PACKAGE, "date", (clock_12h ? formats_12h : formats_24h)[which]);
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
