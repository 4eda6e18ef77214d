/* dav-retry-after.c: how long a busy server asked to be left alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-retry-after.h"

#include <string.h>

#include <libsoup/soup.h>

static gint64
default_wait (guint attempt)
{
  return (gint64) 1000 << MIN (MAX (attempt, 1) - 1, 5);
}

gint64
dav_retry_after_parse (const char *value,
                       GDateTime  *now,
                       guint       attempt)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autofree char *text = NULL;
  gint64 ms;

  if (value == NULL)
    ms = default_wait (attempt);
  else
    {
      text = g_strstrip (g_strdup (value));
      if (*text != '\0' && strspn (text, "0123456789") == strlen (text))
        {
          guint64 seconds = 0;

          /* Digits only; a huge number is simply too long. */
          if (strlen (text) > 9 || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &seconds, NULL))
            return -1;
          ms = (gint64) seconds * 1000;
        }
      else if ((when = soup_date_time_new_from_http_string (text)) != NULL)
        {
          if (now == NULL)
            now = local_now = g_date_time_new_now_utc ();
          /* A date in the past means now (clocks differ). */
          ms = MAX (g_date_time_difference (when, now) / 1000, 0);
        }
      else
        ms = default_wait (attempt);
    }

  return ms > (gint64) DAV_RETRY_AFTER_MAX_SECONDS * 1000 ? -1 : ms;
}
