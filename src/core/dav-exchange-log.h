/* dav-exchange-log.h: the most recent HTTP exchanges, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ring buffer of DavExchange, oldest first, for the inspector and
 * "copy as curl".  It is a GListModel of DavExchange:
 *  - dav_exchange_log_begin () emits items-changed (n, 0, 1) for the new
 *    item; when the log is full it first drops the oldest, with its own
 *    items-changed (0, 1, 0), so each signal sees a consistent model;
 *  - shrinking "capacity" emits one items-changed (0, dropped, 0);
 *  - dav_exchange_log_clear () emits one items-changed (0, n, 0).
 * "n-items" is notified after items-changed when the count changed.
 *
 * Ids increase from 1 and are never reused, not even after a clear.
 * Use it from one thread (the one that runs the client's main context).
 */

#pragma once

#include <gio/gio.h>

#include "dav-exchange.h"

G_BEGIN_DECLS

#define DAV_EXCHANGE_LOG_DEFAULT_CAPACITY 200
#define DAV_EXCHANGE_LOG_DEFAULT_BODY_CAP (256 * 1024)

#define DAV_TYPE_EXCHANGE_LOG (dav_exchange_log_get_type ())

G_DECLARE_FINAL_TYPE (DavExchangeLog, dav_exchange_log, DAV, EXCHANGE_LOG, GObject)

/* @capacity 0 means DAV_EXCHANGE_LOG_DEFAULT_CAPACITY, @body_cap 0
 * DAV_EXCHANGE_LOG_DEFAULT_BODY_CAP. */
DavExchangeLog *dav_exchange_log_new          (guint           capacity,
                                               gsize           body_cap);

/* Appends a new exchange and returns a new reference to it. */
DavExchange    *dav_exchange_log_begin        (DavExchangeLog *self,
                                               const char     *method,
                                               const char     *url);
/* A new reference to the exchange with @id, or NULL once it was dropped. */
DavExchange    *dav_exchange_log_lookup       (DavExchangeLog *self,
                                               guint64         id);
void            dav_exchange_log_clear        (DavExchangeLog *self);

guint           dav_exchange_log_get_capacity (DavExchangeLog *self);
/* Drops the oldest exchanges when @capacity is below their number. */
void            dav_exchange_log_set_capacity (DavExchangeLog *self,
                                               guint           capacity);
gsize           dav_exchange_log_get_body_cap (DavExchangeLog *self);
/* Applies to exchanges begun afterwards. */
void            dav_exchange_log_set_body_cap (DavExchangeLog *self,
                                               gsize           body_cap);

G_END_DECLS
