/* dav-test-raw-server.h: a scripted socket server writing canned bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the tests' own library (tests/lib). For what a SoupServer will
 * not send: broken framing, early closes, trickling (docs/hostile-servers.md).
 * Each connection is served in a worker thread; the test's RawFunc answers
 * each request by writing bytes. raw_read_request() also serves other
 * socket servers of the tests (the TLS one of test-tls.c).
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _Raw Raw;

/* Answers request @index (0-based, over all connections) whose head is
 * @head. Returns TRUE to read another request on this connection. Runs
 * in a worker thread. */
typedef gboolean (*RawFunc) (Raw           *raw,
                             GOutputStream *out,
                             guint          index,
                             const char    *head);

struct _Raw {
  GSocketService *service;
  guint16         port;
  char           *dav_url;     /* http://127.0.0.1:PORT/dav/ */
  RawFunc         func;
  gint            n_requests;  /* atomic */
  gint            active;      /* atomic: connections being served */
  gint            stopping;    /* atomic */
  GMutex          lock;
  GCond           cond;
  gboolean        listener_closed;
  GPtrArray      *heads;       /* char*: every request head read, under lock */
};

Raw       *raw_new                        (RawFunc           func);
void       raw_free                       (Raw              *raw);
void       raw_stop_listening_from_worker (Raw              *raw);
gboolean   raw_stopping                   (Raw              *raw);
void       raw_hold                       (Raw              *raw);
GPtrArray *raw_request_lines              (Raw              *raw,
                                           const char       *method);

char      *raw_read_request               (GDataInputStream *in);
void       write_text                     (GOutputStream    *out,
                                           const char       *text);
gboolean   write_all                      (GOutputStream    *out,
                                           const char       *data,
                                           gsize             length);
gboolean   write_str                      (GOutputStream    *out,
                                           const char       *text);
gboolean   write_207_head                 (GOutputStream    *out,
                                           gsize             length);
/* The answer to a resumed GET of @body (@size bytes, ETag "v1"): 206
 * from where @head's Range says, when its If-Range is "v1"; else 400. */
void       write_resumed                  (GOutputStream    *out,
                                           const char       *head,
                                           const char       *body,
                                           gsize             size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Raw, raw_free)

G_END_DECLS
