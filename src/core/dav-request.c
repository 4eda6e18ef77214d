/* dav-request.c: the request pipeline of a DavClient
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every request goes through one path: build a SoupMessage with
 * SOUP_MESSAGE_NO_REDIRECT, record it in the exchange log, send it, and
 * read the answer as a stream: into the multistatus parser when it is XML,
 * into the caller's sink for a GET, into a capped buffer otherwise. On
 * the way it answers libsoup's signals (credentials, certificates, a 401
 * that restarts the message), follows the redirects that are safe to
 * follow, waits a bounded time for a 100 Continue, and a watchdog stops
 * a request that is too slow or takes too long in all.
 */

#include "dav-request-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dav-body-stream.h"
#include "dav-client-private.h"
#include "dav-error.h"
#include "dav-propfind-private.h"
#include "dav-text.h"

#define READ_SIZE        (64 * 1024)
#define RAW_BODY_CAP     (64 * 1024)
#define MAX_REDIRECTS    20
#define MAX_AUTH_TRIES   3
/* An upload this large first asks whether the server wants it
 * (Expect: 100-continue), so that a 401 or 403 does not cost the whole
 * body; a smaller one is cheaper to send than to ask about. */
#define EXPECT_MIN_BODY  (1024 * 1024)
/* How long to wait for the 100 before sending the body anyway
 * (RFC 9110 §10.1.1: a client SHOULD NOT wait indefinitely). */
#define EXPECT_WAIT_MS   1000
/* How long an answer may take once the server asked for a client
 * certificate that we do not have (on_request_certificate). */
#define CERTIFICATE_WAIT_MS 8000
/* A GET answered over HTTP/2 with a body this large (or of unknown
 * length) is fetched again over HTTP/1.1 ("large bodies" below). */
#define LARGE_BODY       (16 * 1024 * 1024)

static void request_send (GTask *task);

/* Timers go to the thread-default context, as libsoup's own sources do:
 * the doctor sends its requests from a worker thread with a context of
 * its own (docs/doctor.md). */
static guint
add_source (GSource     *source,
            int          priority,
            GSourceFunc  func,
            gpointer     data)
{
  guint id;

  g_source_set_priority (source, priority);
  g_source_set_callback (source, func, data, NULL);
  id = g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);

  return id;
}

static void
remove_source (guint *id)
{
  GSource *source;

  if (*id == 0)
    return;

  source = g_main_context_find_source_by_id (g_main_context_get_thread_default (), *id);
  if (source != NULL)
    g_source_destroy (source);
  *id = 0;
}

static void
request_free (DavRequest *req)
{
  remove_source (&req->watchdog);
  remove_source (&req->continue_wait);
  remove_source (&req->certificate_wait);
  g_free (req->timed_out);
  if (req->caller_cancellable != NULL)
    g_cancellable_disconnect (req->caller_cancellable, req->cancel_handler);
  g_clear_object (&req->caller_cancellable);
  g_clear_object (&req->cancellable);
  g_clear_object (&req->client);
  g_free (req->method);
  g_free (req->url);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->content_type);
  g_clear_object (&req->source);
  g_clear_pointer (&req->headers, g_hash_table_unref);
  if (req->msg != NULL)
    g_signal_handlers_disconnect_by_data (req->msg, req);
  g_clear_object (&req->msg);
  g_clear_object (&req->exchange);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->result, dav_result_unref);
  g_clear_object (&req->parser);
  g_clear_object (&req->sink);
  remove_source (&req->flush_timer);
  g_clear_error (&req->sink_error);
  g_free (req->blocks[0].data);
  g_free (req->blocks[1].data);
  g_clear_object (&req->propfind);
  g_clear_object (&req->rejected);
  g_free (req->proxy_login);
  g_clear_pointer (&req->raw, g_byte_array_unref);
  /* A request that ends (deadline, cancel) while its reads give way. */
  remove_source (&req->pause_idle);
  remove_source (&req->pause_timeout);
  g_free (req);
}

/* ---- message signals ---------------------------------------------------- */

static gboolean
on_authenticate (SoupMessage *msg,
                 SoupAuth    *auth,
                 gboolean     retrying,
                 gpointer     user_data)
{
  DavRequest *req = user_data;
  DavClient *self = req->client;
  g_autofree char *authority = NULL;
  const char *scheme = soup_auth_get_scheme_name (auth);

  /* A proxy's login is the proxy's: its own signal, its own
   * credentials, whatever the origin. */
  if (soup_auth_is_for_proxy (auth))
    {
      /* Kept for the 407 a refusal leaves: which proxy, what it wants. */
      g_free (req->proxy_login);
      req->proxy_login = g_strdup_printf ("%s\n%s\n%s", soup_auth_get_authority (auth),
                                          soup_auth_get_scheme_name (auth),
                                          soup_auth_get_realm (auth) ? soup_auth_get_realm (auth) : "");
      return ++req->auth_tries <= MAX_AUTH_TRIES && dav_client_emit_authenticate_proxy (self, auth, retrying);
    }

  /* Credentials go to the connected origin only. */
  authority = g_strdup_printf ("%s:%d", g_uri_get_host (self->base), g_uri_get_port (self->base));
  if (g_ascii_strcasecmp (authority, soup_auth_get_authority (auth)) != 0)
    return FALSE;

  if (g_ascii_strcasecmp (scheme, "Digest") == 0)
    self->seen_digest = TRUE;
  else if (self->seen_digest)
    {
      /* Any server can send this: never a warning that aborts tests. */
      g_debug ("Refusing a Basic challenge after the server offered Digest");
      return FALSE;
    }

  if (++req->auth_tries > MAX_AUTH_TRIES)
    return FALSE;

  return dav_client_emit_authenticate (self, auth, retrying);
}

static void request_return_error (GTask  *task,
                                  GError *error);

static gboolean
on_certificate_wait (gpointer user_data)
{
  DavRequest *req = user_data;
  GTask *task = req->task;

  req->certificate_wait = 0;
  req->certificate_given_up = TRUE;
  /* Cancelled, or with the session aborted, libsoup 3.2.3 puts the
   * message back on the dead HTTP/2 connection and never finishes it. So
   * the request ends here; the send keeps its own reference to the task,
   * dropped if it ever finishes (on_sent). */
  req->abandoned = TRUE;
  g_object_ref (task);
  g_signal_handlers_disconnect_by_data (req->msg, req);
  /* Nor is it cancelled later: that too makes libsoup complain. */
  remove_source (&req->watchdog);
  if (req->caller_cancellable != NULL)
    g_cancellable_disconnect (req->caller_cancellable, req->cancel_handler);
  req->cancel_handler = 0;
  /* Its connection is dead but not closed, and would take the next
   * request too: the client starts a new session; the old one lives on
   * with the message (its queue item holds a reference). */
  g_clear_object (&req->client->session);
  request_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                                   _("no answer came after it asked")));

  return G_SOURCE_REMOVE;
}

/* libsoup asks only when the server wants a certificate and the request
 * has none: noted, so that the failure that follows can say so. Under
 * TLS 1.3 a server that requires one refuses it after the handshake, and
 * on HTTP/2 libsoup 3.2.3 then waits forever: without an answer soon the
 * request ends and the client takes a new session (a server for which a
 * certificate is optional answers in time). */
static gboolean
on_request_certificate (SoupMessage          *msg,
                        GTlsClientConnection *connection,
                        gpointer              user_data)
{
  DavRequest *req = user_data;

  req->asked_certificate = TRUE;
  if (req->certificate_wait == 0)
    req->certificate_wait = add_source (g_timeout_source_new (CERTIFICATE_WAIT_MS), G_PRIORITY_DEFAULT,
                                        on_certificate_wait, req);
  return FALSE;
}

static gboolean
on_accept_certificate (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  DavRequest *req = user_data;
  DavClient *self = req->client;

  if (self->accept_invalid)
    return TRUE;

  /* The exception is for this exact certificate on the connected host
   * and port, never for a kind of error (docs/hostile-servers.md
   * case 39): a request to another server meets the same certificate
   * with no exception. */
  if (self->pinned != NULL && g_tls_certificate_is_same (self->pinned, certificate) &&
      dav_client_is_same_origin (self, soup_message_get_uri (msg)))
    return TRUE;

  /* Refused by the system's CAs only for the issuer: a CA the user added
   * may vouch for it, with the same checks of host and dates. */
  if (self->extra_cas != NULL && errors == G_TLS_CERTIFICATE_UNKNOWN_CA)
    {
      GUri *uri = soup_message_get_uri (msg);
      g_autoptr(GSocketConnectable) identity = g_network_address_new (g_uri_get_host (uri),
                                                                      (guint16) g_uri_get_port (uri));
      GTlsCertificateFlags flags;

      flags = g_tls_database_verify_chain (self->extra_cas, certificate,
                                           G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                           identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, NULL);
      if (flags == 0)
        return TRUE;
    }

  g_set_object (&req->rejected, certificate);
  req->rejected_errors = errors;

  return FALSE;
}

/* libsoup 3.2 waits for the 100 as long as the connection lives, and
 * PHP's built-in server and HTTP/1.0 servers never send one. It cannot be
 * told to go on, so the request is stopped (its body was not sent) and
 * sent again without Expect, as every later upload to this server is. */
static gboolean
on_continue_wait (gpointer user_data)
{
  DavRequest *req = user_data;

  req->continue_wait = 0;
  req->client->no_continue = TRUE;
  req->resend = TRUE;
  g_cancellable_cancel (req->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_wrote_headers (SoupMessage *msg,
                  gpointer     user_data)
{
  DavRequest *req = user_data;

  req->written = TRUE;
  dav_exchange_set_request_headers (req->exchange, soup_message_get_request_headers (msg));
  if (req->expecting)
    req->continue_wait = add_source (g_timeout_source_new (EXPECT_WAIT_MS), G_PRIORITY_DEFAULT,
                                     on_continue_wait, req);
}

/* The server answered (a 100, or at once a final status): no more wait. */
static void
on_answer_began (SoupMessage *msg,
                 gpointer     user_data)
{
  DavRequest *req = user_data;

  remove_source (&req->continue_wait);
  remove_source (&req->certificate_wait);
}

static void set_request_body (DavRequest *req);

/* Back to where the streamed body started, to send it again. */
static gboolean
rewind_source (DavRequest *req)
{
  if (req->source == NULL)
    return TRUE;
  if (!G_IS_SEEKABLE (req->source) ||
      !g_seekable_seek (G_SEEKABLE (req->source), req->source_start, G_SEEK_SET, NULL, NULL))
    return FALSE;
  req->done = 0;

  return TRUE;
}

/* libsoup 3.2 sends a message again after a 401 without its body: set it
 * again, and record the 401 as an exchange of its own. */
static void
on_restarted (SoupMessage *msg,
              gpointer     user_data)
{
  DavRequest *req = user_data;
  DavClient *self = req->client;

  /* Answered (a 401): that attempt did nothing, so the next one starts
   * unsent. A resend after a dropped kept connection has no status and
   * keeps the mark (request_return_error). */
  if (soup_message_get_status (msg) != SOUP_STATUS_NONE)
    req->written = FALSE;
  dav_exchange_set_response (req->exchange, soup_message_get_status (msg),
                             soup_message_get_reason_phrase (msg),
                             soup_message_get_response_headers (msg));
  dav_exchange_finish (req->exchange, NULL);
  g_clear_object (&req->exchange);
  req->exchange = dav_exchange_log_begin (self->log, req->method, req->url);

  if (!rewind_source (req))
    {
      /* Cannot send the same bytes again: better a failed request than
       * an empty file. */
      req->body_lost = TRUE;
      g_cancellable_cancel (req->cancellable);
      return;
    }

  set_request_body (req);
}

static void
on_wrote_body_data (SoupMessage *msg,
                    guint        chunk_size,
                    gpointer     user_data)
{
  DavRequest *req = user_data;

  req->done += chunk_size;
  if (req->progress != NULL)
    req->progress (req->done, req->source_size, req->progress_data);
}

/* ---- sending and reading ------------------------------------------------ */

static void
add_if_header (DavRequest *req)
{
  g_autofree char *value = NULL;

  if (!req->mutating)
    return;

  value = dav_client_dup_if_header (req->client, req->url);
  if (value != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (req->msg), "If", value);
}

/* GIO names the host alone ("Could not connect to 127.0.0.1: Connection
 * refused"); the port is often what is wrong, so both are said. The
 * domain and code stay GIO's: the request was never sent. */
static GError *
connect_error (DavRequest *req,
               GError     *error)
{
  g_autoptr(GUri) uri = g_uri_parse (req->url, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *where = NULL;
  GError *said;
  int port;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return error;

  port = g_uri_get_port (uri);
  if (port < 0)
    port = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
  /* An IPv6 address is bracketed, as in a URL. */
  where = strchr (g_uri_get_host (uri), ':') != NULL
          ? g_strdup_printf ("[%s]:%d", g_uri_get_host (uri), port)
          : g_strdup_printf ("%s:%d", g_uri_get_host (uri), port);

  if (error->code == G_IO_ERROR_CONNECTION_REFUSED)
    said = g_error_new (error->domain, error->code,
                        _("Could not connect to %s: the connection was refused. The server may be down, or not listening on this port."),
                        where);
  else
    said = g_error_new (error->domain, error->code,
                        _("Could not connect to %s: there is no way to reach it from here. Check the address and the network connection."),
                        where);
  g_error_free (error);

  return said;
}

static void
request_return_error (GTask  *task,
                      GError *error)
{
  DavRequest *req = g_task_get_task_data (task);

  /* A body cut off by an error: what was read is parsed and handed on
   * before the caller hears of the error, on a parsing thread too. */
  if (req->parser != NULL)
    dav_multistatus_parser_cut (req->parser);

  /* Cancelled by the watchdog, not by the caller: say why. */
  if (req->timed_out != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !(req->caller_cancellable && g_cancellable_is_cancelled (req->caller_cancellable)))
    {
      g_clear_error (&error);
      error = g_error_new_literal (DAV_ERROR, DAV_ERROR_TIMEOUT, req->timed_out);
    }
  /* The server asked for a client certificate and there was none: under
   * TLS 1.3 its refusal arrives as a bare alert or a closed connection
   * after the request went out, which it never read. Say what it was. */
  else if (req->asked_certificate && req->client->client_certificate == NULL &&
           !(req->caller_cancellable && g_cancellable_is_cancelled (req->caller_cancellable)) &&
           (req->certificate_given_up || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) &&
           (error->domain == G_TLS_ERROR || error->domain == G_IO_ERROR))
    {
      GError *asked = g_error_new (G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED,
                                   _("The server asks for a client certificate (mutual TLS), and none is set for it, so it refused the connection (%s)."),
                                   error->message);

      g_clear_error (&error);
      error = asked;
    }
  /* Sent on a kept connection that the server then closed, libsoup sends
   * the request again on a new one; when that cannot be made, the error
   * says "never sent", but the first one may have been carried out. */
  else if (req->written &&
           (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
            g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
            g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
            error->domain == G_RESOLVER_ERROR ||
            /* Under TLS 1.3 a server refuses a missing client
             * certificate after the request went out, unread. */
            (error->domain == G_TLS_ERROR && error->code != G_TLS_ERROR_CERTIFICATE_REQUIRED)))
    {
      GError *sent = g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                  _("The connection closed after the request was sent, so whether the server carried it out is unknown (%s)."),
                                  error->message);

      g_clear_error (&error);
      error = sent;
    }
  else if (!req->written &&
           (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
            g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
            g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE)))
    error = connect_error (req, error);

  if (req->exchange != NULL && !dav_exchange_get_finished (req->exchange))
    dav_exchange_finish (req->exchange, error);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
request_return_result (GTask *task)
{
  DavRequest *req = g_task_get_task_data (task);

  dav_exchange_finish (req->exchange, NULL);
  g_task_return_pointer (task, dav_result_ref (req->result), (GDestroyNotify) dav_result_unref);
  g_object_unref (task);
}

static gboolean
is_xml_type (const char *content_type)
{
  return content_type != NULL &&
         (g_str_equal (content_type, "application/xml") ||
          g_str_equal (content_type, "text/xml") ||
          g_str_has_suffix (content_type, "+xml"));
}

static gboolean
expects_multistatus (DavRequest *req)
{
  return g_str_equal (req->method, "PROPFIND") || g_str_equal (req->method, "PROPPATCH") ||
         g_str_equal (req->method, "SEARCH");
}

static void
finish_body (GTask *task)
{
  DavRequest *req = g_task_get_task_data (task);
  DavResult *result = req->result;

  switch (req->mode)
    {
    case BODY_XML:
      {
        DavMultistatus *body = dav_multistatus_parser_finish (req->parser);

        if (result->status == 207 && !is_xml_type (result->content_type))
          {
            g_autofree char *shown = dav_text_escape (result->content_type ? result->content_type : "none", -1);

            g_ptr_array_add (body->problems,
                             dav_problem_new (DAV_PROBLEM_NOT_MULTISTATUS, 0, 0,
                                              _("The server answered 207 Multi-Status with a body of type “%s”, not XML."),
                                              shown));
            body->complete = FALSE;
          }

        if (req->raw != NULL && req->raw->len > 0)
          result->raw_body = g_byte_array_free_to_bytes (g_steal_pointer (&req->raw));

        if (body->is_multistatus || body->errors->len > 0 || body->is_prop_body)
          {
            result->complete = body->complete;
            result->body = body;
            g_clear_pointer (&result->raw_body, g_bytes_unref);
          }
        else if (result->status == 207 || !body->well_formed || body->problems->len > 0)
          {
            /* A 207 that is no multistatus, or XML that could not be read
             * (a DTD, malformed): the problems say why. */
            result->complete = FALSE;
            result->body = body;
          }
        else
          {
            /* Some other XML answer: nothing to parse. */
            result->complete = !expects_multistatus (req);
            dav_multistatus_unref (body);
          }
      }
      break;

    case BODY_SINK:
      result->complete = TRUE;
      break;

    case BODY_RAW:
    default:
      /* A listing that is not a 207 is no listing
       * (docs/hostile-servers.md case 32). */
      result->complete = !expects_multistatus (req);
      if (req->raw != NULL && req->raw->len > 0)
        result->raw_body = g_byte_array_free_to_bytes (g_steal_pointer (&req->raw));
      break;
    }

  request_return_result (task);
}

static void read_next (GTask *task);

static void
keep_raw (DavRequest *req,
          const char *data,
          gsize       length)
{
  if (req->raw == NULL)
    req->raw = g_byte_array_new ();
  if (req->raw->len < RAW_BODY_CAP)
    g_byte_array_append (req->raw, (const guint8 *) data, MIN (length, RAW_BODY_CAP - req->raw->len));
}

static void
on_read (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  GTask *task = user_data;
  DavRequest *req = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  const char *data;
  gsize length;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), res, &error);
  if (bytes == NULL)
    {
      /* A body cut short is never a shorter listing
       * (docs/hostile-servers.md case 8). */
      request_return_error (task, error);
      return;
    }

  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      finish_body (task);
      return;
    }

  dav_exchange_append_response_body (req->exchange, data, length);
  req->done += length;
  req->received += length;

  switch (req->mode)
    {
    case BODY_XML:
      keep_raw (req, data, length);
      /* Once the parser stopped (limit, DTD, malformed), reading on would
       * only cost time: what it found is in its result. */
      if (!dav_multistatus_parser_feed (req->parser, data, length, NULL))
        {
          finish_body (task);
          return;
        }
      break;

    case BODY_RAW:
    default:
      keep_raw (req, data, length);
      break;
    }

  read_next (task);
}

/* How long reads of a body that is always ready (a big listing from a
 * fast server) go on before they give way, once, to what waits at lower
 * priority: GTK's frame clock, layout and redraw (G_PRIORITY_HIGH_IDLE +
 * 10, + 20), which would otherwise not draw a row until the body ended.
 * The pause ends when those are done, or after READ_PAUSE_MAX at the
 * latest, so a window that is always busy drawing cannot stall a
 * download. Where nothing else waits (the CLI), it ends at once. */
#define READ_SLICE     (50 * G_TIME_SPAN_MILLISECOND)
/* Just after GDK_PRIORITY_REDRAW (GLib has no GDK here). */
#define GDK_PRIORITY_REDRAW_AFTER (G_PRIORITY_HIGH_IDLE + 21)
#define READ_PAUSE_MAX 100   /* ms */
/* DAV_PROPFIND_FLAGS_FIRST_FRAMES: a frame at 60 Hz and a little. GTK's
 * next frame is a timeout of at most one frame at a higher priority, so
 * it comes first; an idle would run before it while the frame clock
 * waits for its time (a tick callback keeps it running), and the reads
 * would starve it until the slice ended (issue 16). */
#define FIRST_FRAME_PAUSE 20  /* ms */

static void sink_read (GTask *task);

static void
read_now (GTask *task)
{
  DavRequest *req = g_task_get_task_data (task);

  if (req->mode == BODY_SINK)
    {
      sink_read (task);
      return;
    }

  g_input_stream_read_bytes_async (req->stream, READ_SIZE, G_PRIORITY_DEFAULT,
                                   req->cancellable, on_read, task);
}

static gboolean
on_pause_over (gpointer user_data)
{
  GTask *task = user_data;
  DavRequest *req = g_task_get_task_data (task);

  /* Whichever came first: the other source goes. */
  remove_source (&req->pause_idle);
  remove_source (&req->pause_timeout);
  req->slice_start = g_get_monotonic_time ();
  read_now (task);

  return G_SOURCE_REMOVE;
}

/* A held listing (dav_propfind_set_held) looks again this often: the
 * consumer empties its backlog on the same main loop, between frames. */
#define HELD_POLL 2  /* ms */

static void read_next (GTask *task);

static gboolean
on_hold_over (gpointer user_data)
{
  GTask *task = user_data;
  DavRequest *req = g_task_get_task_data (task);

  req->pause_timeout = 0;
  read_next (task);

  return G_SOURCE_REMOVE;
}

static void
read_next (GTask *task)
{
  DavRequest *req = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();

  if (req->slice_start == 0)
    req->slice_start = now;

  if (req->propfind != NULL && dav_propfind_take_frame (req->propfind))
    {
      req->pause_idle = add_source (g_timeout_source_new (FIRST_FRAME_PAUSE), GDK_PRIORITY_REDRAW_AFTER,
                                    on_pause_over, task);
      /* Below the redraw, that source starves while frames take longer
       * than a frame's time (several tabs loading, a spinner each, on a
       * slow renderer): without a bound the listing never went on. */
      req->pause_timeout = add_source (g_timeout_source_new (READ_PAUSE_MAX), G_PRIORITY_DEFAULT,
                                       on_pause_over, task);
      return;
    }

  if (req->thread_later && dav_propfind_first_frames_done (req->propfind))
    {
      req->thread_later = FALSE;
      dav_multistatus_parser_set_threaded (req->parser, TRUE);
    }

  /* The consumer has enough waiting, or the parsing thread does: the
   * body waits in the socket (and the server) rather than in memory, and
   * the main loop goes on (a feed into a full queue would block it, and
   * the consumer empties its backlog on this loop). Not reading by our
   * own choice is no slow server. */
  if (req->propfind != NULL &&
      (dav_propfind_get_held (req->propfind) ||
       (req->parser != NULL && dav_multistatus_parser_is_backed_up (req->parser))))
    {
      req->window_start = now;
      req->window_bytes = req->received;
      req->pause_timeout = add_source (g_timeout_source_new (HELD_POLL), G_PRIORITY_DEFAULT,
                                       on_hold_over, task);
      return;
    }

  if (now - req->slice_start <= READ_SLICE)
    {
      read_now (task);
      return;
    }

  req->pause_idle = add_source (g_idle_source_new (), GDK_PRIORITY_REDRAW_AFTER, on_pause_over, task);
  req->pause_timeout = add_source (g_timeout_source_new (READ_PAUSE_MAX), G_PRIORITY_DEFAULT,
                                   on_pause_over, task);
}

/* ---- the sink ------------------------------------------------------------
 *
 * A GET's body goes to the sink (a local file) in blocks of up to
 * SINK_BLOCK: reads fill one block while the other is written, so the
 * network and the disk work at the same time, and each write costs one
 * trip to GIO's worker thread per block rather than per read (a 1 GiB
 * download wrote 32 KiB at a time, and read nothing meanwhile). At most
 * two blocks are held. A block that stops filling for SINK_FLUSH_MS (a
 * slow or stalled server) is written as it is, so the partial file keeps
 * up with what came. However the body ends (its end, a cut, a cancel, the
 * watchdog) all that was read is written before the request ends: the
 * partial file is exactly what arrived, and a resume continues from its
 * size. Only a failing disk stops the writing; its error is the request's.
 */
#define SINK_BLOCK     (1024 * 1024)
#define SINK_BLOCK_MIN (16 * 1024)
#define SINK_FLUSH_MS  200

static void sink_kick (GTask *task);

/* A small body gets a small block (a batch may run a hundred downloads
 * at once), with a byte to spare for the read that finds the end. */
static gsize
sink_block_size (DavRequest *req)
{
  if (req->total < 0)
    return SINK_BLOCK;

  return (gsize) CLAMP (req->total - req->done + 1, SINK_BLOCK_MIN, SINK_BLOCK);
}

static gboolean
sink_block_free (DavRequest *req,
                 guint       index)
{
  DavSinkBlock *block = &req->blocks[index];

  return block->handed == block->filled && !(req->writing && req->writing_block == index);
}

/* Reads go on into the other block, if the writer is done with it. */
static gboolean
sink_next_block (DavRequest *req)
{
  guint other = 1 - req->reading;
  DavSinkBlock *block = &req->blocks[other];

  if (!sink_block_free (req, other))
    return FALSE;

  if (block->data == NULL)
    {
      block->size = sink_block_size (req);
      block->data = g_malloc (block->size);
    }
  block->filled = block->handed = 0;
  req->reading = other;
  return TRUE;
}

static gboolean
on_sink_flush (gpointer user_data)
{
  GTask *task = user_data;
  DavRequest *req = g_task_get_task_data (task);
  gint64 quiet = g_get_monotonic_time () - req->last_read;

  req->flush_timer = 0;
  /* Still filling: no reason to write less than a block. */
  if (quiet < SINK_FLUSH_MS * G_TIME_SPAN_MILLISECOND)
    {
      req->flush_timer = add_source (g_timeout_source_new (SINK_FLUSH_MS - (guint) (quiet / G_TIME_SPAN_MILLISECOND)),
                                     G_PRIORITY_DEFAULT, on_sink_flush, task);
      return G_SOURCE_REMOVE;
    }
  req->flush_due = TRUE;
  sink_kick (task);

  return G_SOURCE_REMOVE;
}

static void
on_sink_read (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  GTask *task = user_data;
  DavRequest *req = g_task_get_task_data (task);
  DavSinkBlock *block = &req->blocks[req->reading];
  GError *error = NULL;
  gssize length;

  req->read_busy = FALSE;
  length = g_input_stream_read_finish (G_INPUT_STREAM (source), res, &error);
  if (length <= 0)
    {
      /* The end, or a cut or cancel: what was read still goes to disk.
       * A failing disk may have spoken first (on_sink_written). */
      if (req->sink_error == NULL)
        req->sink_error = error;
      else
        g_clear_error (&error);
      req->body_ended = TRUE;
      sink_kick (task);
      return;
    }

  dav_exchange_append_response_body (req->exchange, (const char *) block->data + block->filled, (gsize) length);
  block->filled += (gsize) length;
  req->done += length;
  req->received += length;
  if (req->progress != NULL)
    req->progress (req->done, req->total, req->progress_data);

  req->last_read = g_get_monotonic_time ();
  if (req->flush_timer == 0)
    req->flush_timer = add_source (g_timeout_source_new (SINK_FLUSH_MS), G_PRIORITY_DEFAULT, on_sink_flush, task);

  /* Once the disk failed, nothing more is read (sink_kick ends it). */
  if (!req->sink_failed && (block->filled < block->size || sink_next_block (req)))
    {
      req->read_busy = TRUE;
      read_next (task);
    }
  else if (!req->sink_failed)
    req->read_waiting = TRUE;

  sink_kick (task);
}

static void
sink_read (GTask *task)
{
  DavRequest *req = g_task_get_task_data (task);
  DavSinkBlock *block = &req->blocks[req->reading];

  if (block->data == NULL)
    {
      block->size = sink_block_size (req);
      block->data = g_malloc (block->size);
    }
  req->read_busy = TRUE;
  g_input_stream_read_async (req->stream, block->data + block->filled, block->size - block->filled,
                             G_PRIORITY_DEFAULT, req->cancellable, on_sink_read, task);
}

static void
on_sink_written (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  GTask *task = user_data;
  DavRequest *req = g_task_get_task_data (task);
  GError *error = NULL;

  req->writing = FALSE;
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), res, NULL, &error))
    {
      /* The disk failed (full, gone): that is what the request says,
       * and nothing more is read or written. */
      g_clear_error (&req->sink_error);
      req->sink_error = error;
      req->sink_failed = TRUE;
      req->body_ended = TRUE;
      if (req->pause_idle != 0)
        {
          /* Between two reads (read_next): the next is not started. */
          remove_source (&req->pause_idle);
          remove_source (&req->pause_timeout);
          req->read_busy = FALSE;
        }
      else if (req->read_busy)
        g_cancellable_cancel (req->cancellable);
    }

  sink_kick (task);
}

static void
sink_write (GTask *task,
            guint  index)
{
  DavRequest *req = g_task_get_task_data (task);
  DavSinkBlock *block = &req->blocks[index];
  const guint8 *data = block->data + block->handed;
  gsize length = block->filled - block->handed;

  block->handed = block->filled;
  req->writing = TRUE;
  req->writing_block = index;
  /* Not cancelled: bytes that were read are written, so that the partial
   * file holds them (at most two blocks, to a local disk). */
  g_output_stream_write_all_async (req->sink, data, length, G_PRIORITY_DEFAULT,
                                   NULL, on_sink_written, task);
}

/* Whatever can happen next: reads that waited for a block go on, the
 * oldest bytes not yet handed over are written, and once the body ended
 * and nothing is in flight, the request ends. */
static void
sink_kick (GTask *task)
{
  DavRequest *req = g_task_get_task_data (task);
  DavSinkBlock *current;
  guint older;

  if (req->writing)
    return;

  if (req->read_waiting && !req->body_ended && sink_next_block (req))
    {
      req->read_waiting = FALSE;
      req->read_busy = TRUE;
      read_next (task);
    }
  older = 1 - req->reading;
  current = &req->blocks[req->reading];

  if (!req->sink_failed)
    {
      if (req->blocks[older].handed < req->blocks[older].filled)
        {
          sink_write (task, older);
          return;
        }
      if (current->handed < current->filled &&
          (current->filled == current->size || req->body_ended || req->flush_due))
        {
          req->flush_due = FALSE;
          sink_write (task, req->reading);
          return;
        }
      if (current->handed == current->filled)
        req->flush_due = FALSE;
    }

  if (!req->body_ended || req->read_busy)
    return;

  remove_source (&req->flush_timer);
  if (req->sink_error != NULL)
    request_return_error (task, g_steal_pointer (&req->sink_error));
  else
    finish_body (task);
}

static gboolean
is_safe_method (const char *method)
{
  return g_str_equal (method, "GET") || g_str_equal (method, "HEAD") ||
         g_str_equal (method, "OPTIONS") || g_str_equal (method, "PROPFIND") ||
         g_str_equal (method, "SEARCH");
}

/* Follows a redirect of a safe method within the same origin. FALSE
 * when it is not followed: then the 3xx is the result, or an error. */
static gboolean
follow_redirect (GTask    *task,
                 GError  **error)
{
  DavRequest *req = g_task_get_task_data (task);
  guint status = soup_message_get_status (req->msg);
  const char *location;
  g_autoptr(GUri) target = NULL;
  g_autofree char *shown = NULL;

  if (status != 301 && status != 302 && status != 307 && status != 308 &&
      !(status == 303 && g_str_equal (req->method, "GET")))
    return FALSE;

  location = soup_message_headers_get_one (soup_message_get_response_headers (req->msg), "Location");
  if (location == NULL)
    return FALSE;

  shown = dav_text_escape (location, -1);
  if (!is_safe_method (req->method) || req->no_follow)
    return FALSE;

  target = g_uri_parse_relative (soup_message_get_uri (req->msg), location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL)
    return FALSE;

  if (!dav_client_is_same_origin (req->client, target))
    {
      g_autofree char *elsewhere = g_uri_to_string_partial (target, G_URI_HIDE_USERINFO);
      GError *refused = g_error_new (DAV_ERROR, DAV_ERROR_REDIRECT,
                                     _("The server redirected to “%s”, another server or protocol. Davscope did not follow, so that no credentials go there; open that location yourself if you trust it."),
                                     shown);

      /* For the user to decide on (dav_error_get_redirect_target). */
      dav_error_set_redirect_target (refused, elsewhere);
      g_propagate_error (error, refused);
      return FALSE;
    }

  if (++req->redirects > MAX_REDIRECTS)
    {
      g_set_error (error, DAV_ERROR, DAV_ERROR_REDIRECT,
                   _("Too many redirects (more than %d); the last went to “%s”."), MAX_REDIRECTS, shown);
      return FALSE;
    }

  g_free (req->url);
  req->url = g_uri_to_string (target);
  return TRUE;
}

static char *
media_type (const char *content_type)
{
  g_autofree char *type = NULL;
  char *semicolon;

  if (content_type == NULL)
    return NULL;

  type = g_ascii_strdown (content_type, -1);
  semicolon = strchr (type, ';');
  if (semicolon != NULL)
    *semicolon = '\0';

  return g_strdup (g_strstrip (type));
}

static void
on_options_closed (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  GTask *task = user_data;

  g_input_stream_close_finish (G_INPUT_STREAM (source), res, NULL);
  request_return_result (task);
}

static void
emit_response (DavResponse *response,
               DavPropfind *propfind)
{
  dav_propfind_emit_response (propfind, response);
}

static gboolean
sink_accepts (DavRequest *req,
              DavResult  *result)
{
  return req->accept_body == NULL || req->accept_body (result, req->accept_data);
}

/* ---- large bodies --------------------------------------------------------
 *
 * libsoup 3.2 keeps an HTTP/2 body in memory as it comes: nghttp2 opens
 * the flow-control window again as soon as a frame is parsed, not when we
 * read it, and the connection's reader drains the socket in one loop, so
 * a fast server sends the whole file before our first read. Each frame is
 * appended to a singly linked list (walked to its end per frame), so the
 * time grows with the square of the size: a 1 GiB GET took minutes and
 * held the whole file in memory (benchmarks/RESULTS.md, "s11g"; newer
 * libsoup fixed the list in 3.4.4). There is no public way to ask for
 * HTTP/1.1 for one message in 3.2 (SOUP_FORCE_HTTP1 is for the whole
 * process, and would end HTTP/2 for all), but the TLS connection a message opens
 * is handed to its "network-event" before the handshake, where its ALPN
 * offer can still be narrowed to http/1.1. Such a request asks for a
 * connection of its own and closes it afterwards, so that the small
 * requests stay together on the shared HTTP/2 connection. Over http://
 * libsoup speaks only HTTP/1.1, so nothing changes there. */

static void
on_network_event (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  static const char * const http1_only[] = { "http/1.1", NULL };

  if (event == G_SOCKET_CLIENT_TLS_HANDSHAKING && G_IS_TLS_CONNECTION (connection))
    g_tls_connection_set_advertised_protocols (G_TLS_CONNECTION (connection), http1_only);
}

static void
ask_own_http1 (DavRequest *req,
               GUri       *uri)
{
  if (!req->own_http1 || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
    return;

  soup_message_add_flags (req->msg, SOUP_MESSAGE_NEW_CONNECTION);
  soup_message_headers_replace (soup_message_get_request_headers (req->msg), "Connection", "close");
  g_signal_connect (req->msg, "network-event", G_CALLBACK (on_network_event), NULL);
}

/* A successful GET into the sink whose body came over HTTP/2 and is
 * large, or of a length not said: fetched again on its own HTTP/1.1
 * connection. The size is known only from the answer; what the server
 * sent meanwhile is dropped with the stream (RST_STREAM). */
static gboolean
refetch_over_http1 (GTask *task)
{
  DavRequest *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (req->msg);
  g_autoptr(GCancellable) stop = NULL;
  g_autoptr(GError) why = NULL;
  goffset length;

  if (req->sink == NULL || req->own_http1 ||
      !SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (req->msg)) ||
      soup_message_get_http_version (req->msg) != SOUP_HTTP_2_0)
    return FALSE;
  length = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length < LARGE_BODY)
    return FALSE;

  /* Closing with a cancelled cancellable skips nothing: libsoup ends the
   * stream at once rather than reading the rest of the body. */
  stop = g_cancellable_new ();
  g_cancellable_cancel (stop);
  g_input_stream_close (req->stream, stop, NULL);
  g_clear_object (&req->stream);

  why = g_error_new_literal (DAV_ERROR, DAV_ERROR_FAILED,
                             _("The file is large: it was asked for again over HTTP/1.1, on a connection of its own, which keeps memory use flat."));
  dav_exchange_finish (req->exchange, why);
  /* The origin does speak HTTP/2, as on_sent would have noted. */
  if (dav_client_is_same_origin (req->client, soup_message_get_uri (req->msg)))
    req->client->origin_h2 = TRUE;
  req->own_http1 = TRUE;
  request_send (task);
  return TRUE;
}

static void
on_sent (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  GTask *task = user_data;
  DavRequest *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  DavResult *result;
  GError *error = NULL;
  const char *token;
  guint status;

  req->stream = soup_session_send_finish (SOUP_SESSION (source), res, &error);
  /* Ended already (on_certificate_wait): only the reference goes. */
  if (req->abandoned)
    {
      g_clear_error (&error);
      g_object_unref (task);
      return;
    }
  if (req->stream == NULL && req->resend && req->timed_out == NULL &&
      !(req->caller_cancellable && g_cancellable_is_cancelled (req->caller_cancellable)) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && rewind_source (req))
    {
      g_autoptr(GError) why = g_error_new_literal (DAV_ERROR, DAV_ERROR_FAILED,
                                                   _("No “100 Continue” came within a second: the request was stopped before its body and sent again without waiting."));

      req->resend = FALSE;
      g_clear_error (&error);
      dav_exchange_finish (req->exchange, why);
      g_cancellable_reset (req->cancellable);
      request_send (task);
      return;
    }
  if (req->stream == NULL)
    {
      if (req->body_lost)
        {
          g_clear_error (&error);
          g_set_error_literal (&error, DAV_ERROR, DAV_ERROR_FAILED,
                               _("The server asked for a login after the upload had started, and the file could not be read again: nothing was sent. Try again."));
        }
      request_return_error (task, error);
      return;
    }

  status = soup_message_get_status (req->msg);
  headers = soup_message_get_response_headers (req->msg);
  dav_exchange_set_response (req->exchange, status, soup_message_get_reason_phrase (req->msg), headers);

  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      if (follow_redirect (task, &error))
        {
          /* The body of the 3xx is not needed. */
          dav_exchange_finish (req->exchange, NULL);
          g_clear_object (&req->stream);
          request_send (task);
          return;
        }
      if (error != NULL)
        {
          request_return_error (task, error);
          return;
        }
    }

  if (refetch_over_http1 (task))
    return;

  result = req->result = dav_result_new (req->method, req->url);
  result->status = status;
  result->reason = g_strdup (soup_message_get_reason_phrase (req->msg));
  result->headers = soup_message_headers_ref (headers);
  result->http_version = soup_message_get_http_version (req->msg);
  if (result->http_version == SOUP_HTTP_2_0 && dav_client_is_same_origin (req->client, soup_message_get_uri (req->msg)))
    req->client->origin_h2 = TRUE;
  result->content_type = media_type (soup_message_headers_get_content_type (headers, NULL));
  result->exchange_id = dav_exchange_get_id (req->exchange);
  if (status == SOUP_STATUS_PROXY_UNAUTHORIZED)
    {
      /* Over https the 407 came to libsoup's CONNECT (dav-client.c). */
      result->proxy_login = g_strdup (req->proxy_login != NULL ? req->proxy_login : req->client->tunnel_login);
      if (result->proxy_login != NULL)
        req->client->proxy_refused = TRUE;
    }
  req->window_start = g_get_monotonic_time ();
  req->window_bytes = req->received;
  req->total = soup_message_headers_get_content_length (headers);
  if (req->total == 0 && soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    req->total = -1;
  req->done = 0;

  if (SOUP_STATUS_IS_REDIRECTION (status))
    result->location = g_strdup (soup_message_headers_get_one (headers, "Location"));

  token = soup_message_headers_get_one (headers, "Lock-Token");
  if (token != NULL)
    {
      g_autofree char *copy = dav_text_strip (g_strdup (token));
      gsize len = strlen (copy);

      if (len >= 2 && copy[0] == '<' && copy[len - 1] == '>')
        result->lock_token = g_strndup (copy + 1, len - 2);
      else
        result->lock_token = g_steal_pointer (&copy);
    }

  /* An OPTIONS answer says all in its headers: its body is not waited
   * for (lighttpd 1.4.69 announces one for an unmapped URL and never
   * sends it). The connection is closed rather than kept. */
  if (g_str_equal (req->method, "OPTIONS") && SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      result->complete = TRUE;
      g_input_stream_close_async (req->stream, G_PRIORITY_DEFAULT, NULL, on_options_closed, task);
      return;
    }

  if (req->sink != NULL && SOUP_STATUS_IS_SUCCESSFUL (status) && !sink_accepts (req, result))
    {
      /* Not read: a body refused may be as big as the file. */
      g_input_stream_close_async (req->stream, G_PRIORITY_DEFAULT, NULL, on_options_closed, task);
      return;
    }
  if (req->sink != NULL && SOUP_STATUS_IS_SUCCESSFUL (status))
    req->mode = BODY_SINK;
  else if (is_xml_type (result->content_type) || status == 207)
    {
      g_autoptr(GHashTable) params = NULL;

      req->mode = BODY_XML;
      req->parser = dav_multistatus_parser_new ();
      dav_multistatus_parser_set_limits (req->parser, &req->client->limits);
      /* libxml2 reads only the document; the header may disagree. */
      soup_message_headers_get_content_type (headers, &params);
      if (params != NULL)
        dav_multistatus_parser_set_charset (req->parser, g_hash_table_lookup (params, "charset"));
      if (req->propfind != NULL &&
          (dav_propfind_get_flags (req->propfind) & DAV_PROPFIND_FLAGS_STREAM) != 0)
        {
          dav_multistatus_parser_set_response_func (req->parser,
                                                    (DavResponseFunc) emit_response,
                                                    req->propfind, NULL);
          /* The first rows of a window are parsed where they are shown,
           * so that they come as without a thread (issue 16). */
          if ((dav_propfind_get_flags (req->propfind) & DAV_PROPFIND_FLAGS_PARSE_THREAD) != 0)
            {
              req->thread_later = !dav_propfind_first_frames_done (req->propfind);
              dav_multistatus_parser_set_threaded (req->parser, !req->thread_later);
            }
        }
    }
  else
    req->mode = BODY_RAW;

  read_next (task);
}

static void
set_request_body (DavRequest *req)
{
  if (req->body != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (req->body, &length);

      soup_message_set_request_body_from_bytes (req->msg, req->content_type, req->body);
      dav_exchange_set_request_body (req->exchange, data, length);
    }
  else if (req->source != NULL)
    {
      /* libsoup closes the body stream once it wrote it: a wrapper that
       * leaves the source open lets a 401 send the same bytes again. */
      g_autoptr(GInputStream) body = NULL;

      if (req->source_local)
        body = dav_body_stream_new (req->source);
      else
        {
          body = g_buffered_input_stream_new (req->source);
          g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (body), FALSE);
        }
      soup_message_set_request_body (req->msg, req->content_type, body, req->source_size);
      req->expecting = !req->client->no_continue &&
                       (req->source_size < 0 || req->source_size >= EXPECT_MIN_BODY);
      if (req->expecting)
        soup_message_headers_set_expectations (soup_message_get_request_headers (req->msg),
                                               SOUP_EXPECTATION_CONTINUE);
    }
}

/* A 204 or 304 has no body, and rightly no Content-Length (RFC 9110
 * §8.6): libsoup 3.2 reads the missing length as "the body ends when the
 * connection closes" and closes a connection it could keep
 * (soup_message_is_keepalive). The headers are left as they came; only
 * libsoup's idea of the framing is corrected, so the connection is
 * re-used: a bulk delete of 204s no longer opens one per item. */
static void
on_got_headers (SoupMessage *msg,
                gpointer     user_data)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  guint status = soup_message_get_status (msg);

  if ((status == SOUP_STATUS_NO_CONTENT || status == SOUP_STATUS_NOT_MODIFIED) &&
      soup_message_headers_get_encoding (headers) == SOUP_ENCODING_EOF)
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_NONE);
}

static void
request_send (GTask *task)
{
  DavRequest *req = g_task_get_task_data (task);
  DavClient *self = req->client;
  g_autoptr(GUri) uri = NULL;
  GError *error = NULL;
  GHashTableIter iter;
  gpointer name, value;

  /* A new message (the first, or after a redirect was answered). */
  req->written = FALSE;
  remove_source (&req->continue_wait);
  remove_source (&req->certificate_wait);
  uri = dav_parse_http_uri (req->url, &error);
  if (uri == NULL)
    {
      request_return_error (task, error);
      return;
    }

  if (req->msg != NULL)
    g_signal_handlers_disconnect_by_data (req->msg, req);
  g_clear_object (&req->msg);
  g_clear_object (&req->exchange);

  req->msg = soup_message_new_from_uri (req->method, uri);
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);
  ask_own_http1 (req, uri);
  /* libsoup gives every COPY, MOVE, PROPPATCH, MKCOL, LOCK… a connection
   * of its own unless the message is flagged idempotent: over HTTP/2 a TLS
   * handshake per request, where one connection could carry them all.
   * The flag only lets it share the connection: libsoup's own resending
   * after a lost connection still goes by the method, so none of these is
   * ever sent twice. HTTP/1.1 keeps a fresh connection for them, where a
   * server closing an idle one could otherwise lose the request. */
  if (self->origin_h2 && dav_client_is_same_origin (self, uri))
    soup_message_add_flags (req->msg, SOUP_MESSAGE_IDEMPOTENT);
  /* libsoup 3.2's session keeps a proxy login that was cancelled and never
   * asks for that proxy again: after one, each request answers its own
   * challenges (the handlers answer from memory, without a dialog). */
  if (self->proxy_refused)
    soup_message_add_flags (req->msg, SOUP_MESSAGE_DO_NOT_USE_AUTH_CACHE);
  /* Shown only to the connected server, when it asks (mutual TLS). */
  if (self->client_certificate != NULL && dav_client_is_same_origin (self, uri))
    soup_message_set_tls_client_certificate (req->msg, self->client_certificate);

  /* A saved server's headers (a token): for its origin only. */
  if (self->extra_names != NULL && dav_client_is_same_origin (self, uri))
    for (guint i = 0; self->extra_names[i] != NULL; i++)
      soup_message_headers_replace (soup_message_get_request_headers (req->msg),
                                    self->extra_names[i], self->extra_values[i]);

  g_hash_table_iter_init (&iter, req->headers);
  while (g_hash_table_iter_next (&iter, &name, &value))
    soup_message_headers_replace (soup_message_get_request_headers (req->msg), name, value);
  add_if_header (req);

  req->exchange = dav_exchange_log_begin (self->log, req->method, req->url);

  set_request_body (req);
  if (req->source != NULL)
    g_signal_connect (req->msg, "wrote-body-data", G_CALLBACK (on_wrote_body_data), req);
  g_signal_connect (req->msg, "restarted", G_CALLBACK (on_restarted), req);

  g_signal_connect (req->msg, "authenticate", G_CALLBACK (on_authenticate), req);
  g_signal_connect (req->msg, "accept-certificate", G_CALLBACK (on_accept_certificate), req);
  g_signal_connect (req->msg, "request-certificate", G_CALLBACK (on_request_certificate), req);
  g_signal_connect (req->msg, "wrote-headers", G_CALLBACK (on_wrote_headers), req);
  g_signal_connect (req->msg, "got-headers", G_CALLBACK (on_got_headers), NULL);
  g_signal_connect (req->msg, "got-informational", G_CALLBACK (on_answer_began), req);
  g_signal_connect (req->msg, "got-headers", G_CALLBACK (on_answer_began), req);

  req->task = task;
  soup_session_send_async (dav_client_get_session (self), req->msg, G_PRIORITY_DEFAULT,
                           req->cancellable, on_sent, task);
}

/* ---- building a request ------------------------------------------------ */

DavRequest *
dav_request_new (DavClient  *client,
                 const char *method,
                 const char *url)
{
  DavRequest *req = g_new0 (DavRequest, 1);

  req->client = g_object_ref (client);
  req->method = g_strdup (method);
  req->url = g_strdup (url);
  req->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  req->mutating = !is_safe_method (method);
  req->source_size = -1;

  return req;
}

void
dav_request_set_body (DavRequest *req,
                      GBytes     *body,
                      const char *content_type)
{
  req->body = body;
  req->content_type = g_strdup (content_type);
}

void
dav_request_set_header (DavRequest *req,
                        const char *name,
                        const char *value)
{
  g_hash_table_replace (req->headers, g_strdup (name), g_strdup (value));
}

/* ---- the watchdog and the start ----------------------------------------- */

static gboolean
on_watchdog (gpointer user_data)
{
  DavRequest *req = user_data;
  DavClient *self = req->client;
  gint64 now = g_get_monotonic_time ();
  /* Copies, moves, deletes and transfers may take the server long;
   * answers that are only talk may not. */
  gboolean talk = g_str_equal (req->method, "PROPFIND") || g_str_equal (req->method, "OPTIONS") ||
                  g_str_equal (req->method, "SEARCH") ||
                  g_str_equal (req->method, "PROPPATCH") || g_str_equal (req->method, "LOCK") ||
                  g_str_equal (req->method, "UNLOCK");

  if (self->deadline > 0 && talk &&
      now - req->started > (gint64) self->deadline * G_USEC_PER_SEC)
    req->timed_out = g_strdup_printf (_("The server did not finish answering within %u seconds."), self->deadline);
  /* The minimum speed counts once the answer has begun (or while an
   * upload is sent): before, libsoup's own timeout covers silence. */
  else if (self->window > 0 && (req->stream != NULL || req->source != NULL) &&
           now - req->window_start >= (gint64) self->window * G_USEC_PER_SEC)
    {
      /* Bytes sent count for an upload; bytes received for the rest. */
      goffset moved = req->received + (req->source ? req->done : 0);

      if (moved - req->window_bytes < (goffset) self->min_bytes)
        req->timed_out = g_strdup_printf (_("The server is too slow: less than %u bytes in %u seconds."),
                                          self->min_bytes, self->window);
      req->window_start = now;
      req->window_bytes = moved;
    }

  if (req->timed_out == NULL)
    return G_SOURCE_CONTINUE;

  req->watchdog = 0;
  g_cancellable_cancel (req->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *caller,
                     gpointer      ours)
{
  g_cancellable_cancel (G_CANCELLABLE (ours));
}

void
dav_request_start (DavRequest          *req,
                   gpointer             source_tag,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  DavClient *self = req->client;
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);

  req->started = req->window_start = g_get_monotonic_time ();
  if (self->deadline > 0 || self->window > 0)
    req->watchdog = add_source (g_timeout_source_new_seconds (1), G_PRIORITY_DEFAULT, on_watchdog, req);

  req->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      req->caller_cancellable = g_object_ref (cancellable);
      req->cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                   g_object_ref (req->cancellable), g_object_unref);
    }

  if (req->mutating && !dav_client_check_target (self, req->url, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  request_send (task);
}

void
dav_request_report_error (DavClient           *client,
                          gpointer             source_tag,
                          GError              *error,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_task_report_error (client, callback, user_data, source_tag, error);
}

DavResult *
dav_request_finish (DavClient     *client,
                    GAsyncResult  *result,
                    gpointer       source_tag,
                    GError       **error)
{
  g_return_val_if_fail (DAV_IS_CLIENT (client), NULL);
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, source_tag), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GTlsCertificate *
dav_request_get_rejected_certificate (GAsyncResult         *result,
                                      GTlsCertificateFlags *errors)
{
  /* A task of g_task_report_error has no request. */
  DavRequest *req = g_task_get_task_data (G_TASK (result));

  if (errors != NULL)
    *errors = req && req->rejected ? req->rejected_errors : 0;

  return req ? req->rejected : NULL;
}
