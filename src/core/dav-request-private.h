/* dav-request-private.h: what DavClient's verbs do with a request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dav-client.h"

G_BEGIN_DECLS

typedef enum {
  BODY_RAW,
  BODY_XML,
  BODY_SINK,
} BodyMode;

/* One request, from the first send to the last byte. Owned by its GTask.
 * The verbs set what they need before dav_request_start (); the rest is
 * the pipeline's. */
typedef struct _DavRequest DavRequest;

/* Bytes of the body on their way to the sink: [0, handed) went to the
 * writer, [handed, filled) waits, [filled, size) is free for reads. */
typedef struct {
  guint8 *data;
  gsize   size;
  gsize   filled;
  gsize   handed;
} DavSinkBlock;

/* Looks at a successful answer's headers before its body goes to the
 * sink; FALSE keeps the body out of it (the answer is returned, not
 * complete, without its body). */
typedef gboolean (*DavAcceptBodyFunc) (DavResult *result,
                                       gpointer   user_data);

struct _DavRequest
{
  DavClient            *client;        /* strong */
  char                 *method;
  char                 *url;           /* current target (changes on redirect) */
  GBytes               *body;          /* request body, or NULL */
  char                 *content_type;  /* of the request body */
  GInputStream         *source;        /* streamed request body (PUT), or NULL */
  goffset               source_size;
  goffset               source_start;  /* where it was when given, to send again */
  gboolean              source_local;  /* a local file's: read in place (dav-body-stream.c) */
  gboolean              body_lost;     /* it could not be sent again after a 401 */
  gboolean              written;       /* its headers went out at least once */
  gboolean              expecting;     /* sent with Expect: 100-continue */
  guint                 continue_wait; /* until the body goes without the 100 */
  gboolean              resend;        /* stopped to be sent again without Expect */
  GCancellable         *cancellable;   /* ours, cancelled with the caller's */
  GCancellable         *caller_cancellable;
  gulong                cancel_handler;

  /* The watchdog: an overall deadline and a minimum speed. */
  guint                 watchdog;
  gint64                started;
  gint64                window_start;
  goffset               window_bytes;
  goffset               received;
  char                 *timed_out;     /* why the watchdog stopped it, or NULL */
  GHashTable           *headers;       /* extra request headers */
  gboolean              mutating;
  gboolean              no_follow;     /* a redirect is the answer (the doctor looks at it) */
  gboolean              own_http1;     /* on a connection of its own, HTTP/1.1 only (dav-request.c, "large bodies") */

  SoupMessage          *msg;
  DavExchange          *exchange;
  GInputStream         *stream;        /* response body */
  DavResult            *result;
  guint                 redirects;
  guint                 auth_tries;
  GTlsCertificate      *rejected;      /* the certificate refused, or NULL */
  char                 *proxy_login;   /* a 407's challenge: the proxy, scheme, realm */
  gboolean              asked_certificate; /* the server asked for one we did not have */
  guint                 certificate_wait;  /* until its answer, then: given up */
  gboolean              certificate_given_up;
  gboolean              abandoned;     /* ended without libsoup (on_certificate_wait) */
  GTask                *task;          /* not owned: the task being sent */
  GTlsCertificateFlags  rejected_errors;

  BodyMode              mode;
  DavMultistatusParser *parser;
  DavPropfind          *propfind;      /* streams its responses, or NULL */
  gboolean              thread_later;  /* parse on a thread once the first frames are out */
  GOutputStream        *sink;
  /* A GET into the sink reads into two blocks in turn and writes each
   * whole while the other fills (dav-request.c, "the sink"). */
  DavSinkBlock          blocks[2];
  guint                 reading;       /* the block reads go into */
  guint                 writing_block; /* the block being written, while writing */
  gboolean              writing;       /* a write to the sink in flight */
  gboolean              read_busy;     /* a read in flight or about to start */
  gboolean              read_waiting;  /* both blocks full: reads wait for the writer */
  gboolean              flush_due;     /* the stalled block goes to disk as it is */
  guint                 flush_timer;
  gint64                last_read;     /* when a read last brought bytes */
  gboolean              body_ended;    /* the end, or a failure, of the body was read */
  GError               *sink_error;    /* returned once the reads and writes stopped */
  gboolean              sink_failed;   /* a write failed: nothing more is written */
  DavAcceptBodyFunc     accept_body;   /* or NULL: every successful body is sunk */
  gpointer              accept_data;
  gint64                slice_start;  /* when the reads last gave way to other sources */
  guint                 pause_idle;   /* while they give way (read_next) */
  guint                 pause_timeout;
  GByteArray           *raw;
  DavProgressFunc       progress;
  gpointer              progress_data;
  goffset               done;
  goffset               total;
};

DavRequest *dav_request_new               (DavClient           *client,
                                           const char          *method,
                                           const char          *url);
/* Takes @body. */
void        dav_request_set_body          (DavRequest          *req,
                                           GBytes              *body,
                                           const char          *content_type);
void        dav_request_set_header        (DavRequest          *req,
                                           const char          *name,
                                           const char          *value);
/* Takes @req and starts it, or fails at once when it would change
 * something outside the base collection. @source_tag is the verb's
 * _async, which its _finish checks (dav_request_finish). */
void        dav_request_start             (DavRequest          *req,
                                           gpointer             source_tag,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* Fails an operation before it became a request, as a request would. */
void        dav_request_report_error      (DavClient           *client,
                                           gpointer             source_tag,
                                           GError              *error,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
DavResult  *dav_request_finish            (DavClient           *client,
                                           GAsyncResult        *result,
                                           gpointer             source_tag,
                                           GError             **error);
/* The certificate the request of @result refused, or NULL. */
GTlsCertificate *dav_request_get_rejected_certificate
                                          (GAsyncResult        *result,
                                           GTlsCertificateFlags *errors);

G_END_DECLS
