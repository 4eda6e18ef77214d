/* dav-exchange.h: one recorded HTTP request and its response
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the inspector shows and "copy as curl" repeats.  An exchange never
 * holds a credential: userinfo is cut from URLs, and the values of
 * Authorization, Proxy-Authorization, Cookie and Set-Cookie are replaced
 * by "[redacted]" before they are stored.  Everything else is kept as sent
 * or received, so server text (reason, header values, error messages) must
 * go through dav_text_escape() before it is shown.
 *
 * The client fills an exchange in with the mutators as the message goes
 * through libsoup; the UI only reads it and listens to "notify".
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The value a redacted header keeps. */
#define DAV_EXCHANGE_REDACTED "[redacted]"

typedef struct {
  char *name;
  char *value;
} DavHeader;

DavHeader *dav_header_new  (const char *name,
                            const char *value);
void       dav_header_free (DavHeader  *header);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavHeader, dav_header_free)

#define DAV_TYPE_EXCHANGE (dav_exchange_get_type ())

G_DECLARE_FINAL_TYPE (DavExchange, dav_exchange, DAV, EXCHANGE, GObject)

/* @body_cap: how many bytes of each body to keep (0 keeps none). */
DavExchange *dav_exchange_new                         (guint64             id,
                                                       const char         *method,
                                                       const char         *url,
                                                       gsize               body_cap);

guint64      dav_exchange_get_id                      (DavExchange        *self);
const char  *dav_exchange_get_method                  (DavExchange        *self);
/* The request URL without userinfo. */
const char  *dav_exchange_get_url                     (DavExchange        *self);

/* Arrays of DavHeader, in the order sent / received; never NULL (empty
 * until set).  Setting headers replaces the array, it never changes one
 * in place: a caller may keep a reference to the array it got. */
GPtrArray   *dav_exchange_get_request_headers         (DavExchange        *self);
GPtrArray   *dav_exchange_get_response_headers        (DavExchange        *self);

/* The kept part of a body, at most the body cap; NULL when no body was
 * recorded.  Valid until the body changes: take a reference to keep it.
 * The size is the full size, counted even where the copy is cut. */
GBytes      *dav_exchange_get_request_body            (DavExchange        *self);
gsize        dav_exchange_get_request_body_size       (DavExchange        *self);
gboolean     dav_exchange_get_request_body_truncated  (DavExchange        *self);
GBytes      *dav_exchange_get_response_body           (DavExchange        *self);
gsize        dav_exchange_get_response_body_size      (DavExchange        *self);
gboolean     dav_exchange_get_response_body_truncated (DavExchange        *self);

/* 0 and NULL until the response headers arrive. */
guint        dav_exchange_get_status                  (DavExchange        *self);
const char  *dav_exchange_get_reason                  (DavExchange        *self);

/* Wall-clock time of the start, g_get_real_time (). */
gint64       dav_exchange_get_started                 (DavExchange        *self);
/* Monotonic microseconds from the start to the response headers and to
 * the end; -1 while unknown. */
gint64       dav_exchange_get_headers_us              (DavExchange        *self);
gint64       dav_exchange_get_duration_us             (DavExchange        *self);
gboolean     dav_exchange_get_finished                (DavExchange        *self);
/* The transport error the exchange ended with, or NULL. */
const char  *dav_exchange_get_error                   (DavExchange        *self);

/* A shell command, on one line unless the inline body has newlines
 * (they stay inside its quotes), that repeats the request.  Never holds
 * a credential; see the .c file for what it leaves out. */
char        *dav_exchange_to_curl                     (DavExchange        *self);

/* For the client only.  Call set_request_headers once libsoup has added
 * its own headers (SoupMessage::wrote-headers), so that they are all
 * there, authentication included. */
void         dav_exchange_set_request_headers         (DavExchange        *self,
                                                       SoupMessageHeaders *headers);
void         dav_exchange_set_request_body            (DavExchange        *self,
                                                       const char         *data,
                                                       gsize               length);
/* Records the headers time.  @reason and @headers may be NULL. */
void         dav_exchange_set_response                (DavExchange        *self,
                                                       guint               status,
                                                       const char         *reason,
                                                       SoupMessageHeaders *headers);
void         dav_exchange_append_response_body        (DavExchange        *self,
                                                       const char         *data,
                                                       gsize               length);
/* Records the duration; @error may be NULL.  Call once. */
void         dav_exchange_finish                      (DavExchange        *self,
                                                       const GError       *error);

G_END_DECLS
