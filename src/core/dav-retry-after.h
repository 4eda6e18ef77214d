/* dav-retry-after.h: how long a busy server asked to be left alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Retry-After of a 503 or 429 (RFC 9110 §10.2.3): delay-seconds or an
 * HTTP-date, read into a wait that DavBatch can keep, within a cap.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest wait a batch keeps to; a server asking for more gets its
 * answer reported instead. */
#define DAV_RETRY_AFTER_MAX_SECONDS 60

/* Milliseconds to wait before sending again: @value's, or without one (or
 * an unreadable one) 1 s doubled for each earlier @attempt (1, 2, 4 s).
 * @now: the time an HTTP-date is measured from (NULL: now). Returns: -1
 * when the wait would be longer than DAV_RETRY_AFTER_MAX_SECONDS. */
gint64 dav_retry_after_parse (const char *value,
                              GDateTime  *now,
                              guint       attempt);

G_END_DECLS
