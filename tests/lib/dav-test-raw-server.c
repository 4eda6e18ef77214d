/* dav-test-raw-server.c: a scripted socket server writing canned bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "dav-test-raw-server.h"

void
write_text (GOutputStream *out,
            const char    *text)
{
  g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
}

/* The same, saying whether it got through: a RawFunc that writes for a
 * long time stops when the client has gone. */
gboolean
write_all (GOutputStream *out,
           const char    *data,
           gsize          length)
{
  return g_output_stream_write_all (out, data, length, NULL, NULL, NULL) &&
         g_output_stream_flush (out, NULL, NULL);
}

gboolean
write_str (GOutputStream *out,
           const char    *text)
{
  return write_all (out, text, strlen (text));
}

/* The head of a 207 with a body of @length bytes, as servers send it. */
gboolean
write_207_head (GOutputStream *out,
                gsize          length)
{
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 207 Multi-Status\r\n"
                                           "Content-Type: application/xml; charset=utf-8\r\n"
                                           "Content-Length: %zu\r\n\r\n", length);

  return write_str (out, head);
}

void
write_resumed (GOutputStream *out,
               const char    *head,
               const char    *body,
               gsize          size)
{
  const char *range = strstr (head, "\nRange: bytes=");
  g_autofree char *headers = NULL;
  gsize start;

  if (range == NULL || strstr (head, "\nIf-Range: \"v1\"\n") == NULL)
    {
      write_text (out, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
      return;
    }
  start = (gsize) g_ascii_strtoull (range + strlen ("\nRange: bytes="), NULL, 10);
  start = MIN (start, size);
  headers = g_strdup_printf ("HTTP/1.1 206 Partial Content\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n"
                             "Content-Range: bytes %" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT "/%" G_GSIZE_FORMAT "\r\n"
                             "ETag: \"v1\"\r\n\r\n",
                             size - start, start, size - 1, size);
  write_text (out, headers);
  write_all (out, body + start, size - start);
}

/* Reads one request head (and its body, so that closing does not reset
 * the connection); NULL at the end of the connection. */
char *
raw_read_request (GDataInputStream *in)
{
  GString *head = g_string_new (NULL);
  gsize content_length = 0;

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, NULL);

      if (line == NULL)
        {
          g_string_free (head, TRUE);
          return NULL;
        }
      g_strchomp (line);
      if (*line == '\0')
        break;
      if (g_ascii_strncasecmp (line, "Content-Length:", 15) == 0)
        content_length = g_ascii_strtoull (line + 15, NULL, 10);
      g_string_append_printf (head, "%s\n", line);
    }

  if (content_length > 0)
    {
      g_autofree char *body = g_malloc (content_length);
      gsize got = 0;

      g_input_stream_read_all (G_INPUT_STREAM (in), body, content_length, &got, NULL, NULL);
    }

  return g_string_free (head, FALSE);
}

static gboolean
raw_run_cb (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source_object,
            Raw                    *raw)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) in = NULL;

  g_atomic_int_inc (&raw->active);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (in), FALSE);

  for (;;)
    {
      g_autofree char *head = raw_read_request (in);
      guint index;

      if (head == NULL || g_atomic_int_get (&raw->stopping))
        break;
      index = (guint) g_atomic_int_add (&raw->n_requests, 1);
      g_mutex_lock (&raw->lock);
      g_ptr_array_add (raw->heads, g_strdup (head));
      g_mutex_unlock (&raw->lock);
      if (!raw->func (raw, out, index, head))
        break;
    }

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  g_atomic_int_dec_and_test (&raw->active);

  return TRUE;
}

Raw *
raw_new (RawFunc func)
{
  Raw *raw = g_new0 (Raw, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  raw->func = func;
  g_mutex_init (&raw->lock);
  g_cond_init (&raw->cond);
  raw->heads = g_ptr_array_new_with_free_func (g_free);
  raw->service = g_threaded_socket_service_new (8);
  g_socket_listener_add_address (G_SOCKET_LISTENER (raw->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  raw->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  raw->dav_url = g_strdup_printf ("http://127.0.0.1:%u/dav/", raw->port);
  g_signal_connect (raw->service, "run", G_CALLBACK (raw_run_cb), raw);
  g_socket_service_start (raw->service);

  return raw;
}

static gboolean
raw_close_listener_cb (gpointer user_data)
{
  Raw *raw = user_data;

  g_socket_service_stop (raw->service);
  g_socket_listener_close (G_SOCKET_LISTENER (raw->service));

  g_mutex_lock (&raw->lock);
  raw->listener_closed = TRUE;
  g_cond_broadcast (&raw->cond);
  g_mutex_unlock (&raw->lock);

  return G_SOURCE_REMOVE;
}

/* From a worker: stop accepting connections (done in the main thread,
 * which owns the listener), and wait until that happened. */
void
raw_stop_listening_from_worker (Raw *raw)
{
  g_main_context_invoke (NULL, raw_close_listener_cb, raw);

  g_mutex_lock (&raw->lock);
  while (!raw->listener_closed)
    g_cond_wait (&raw->cond, &raw->lock);
  g_mutex_unlock (&raw->lock);
}

void
raw_free (Raw *raw)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_atomic_int_set (&raw->stopping, 1);
  if (!raw->listener_closed)
    raw_close_listener_cb (raw);

  /* Workers hold @raw: wait for them. */
  while (g_atomic_int_get (&raw->active) > 0 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  g_assert_cmpint (g_atomic_int_get (&raw->active), ==, 0);

  g_object_unref (raw->service);
  g_mutex_clear (&raw->lock);
  g_cond_clear (&raw->cond);
  g_ptr_array_unref (raw->heads);
  g_free (raw->dav_url);
  g_free (raw);
}

/* The request lines ("DELETE /dav/a%23b HTTP/1.1") of every request with
 * @method, as they came over the wire. */
GPtrArray *
raw_request_lines (Raw        *raw,
                   const char *method)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *prefix = g_strconcat (method, " ", NULL);

  g_mutex_lock (&raw->lock);
  for (guint i = 0; i < raw->heads->len; i++)
    {
      const char *head = g_ptr_array_index (raw->heads, i);

      if (g_str_has_prefix (head, prefix))
        g_ptr_array_add (lines, g_strndup (head, strcspn (head, "\n")));
    }
  g_mutex_unlock (&raw->lock);

  return lines;
}

gboolean
raw_stopping (Raw *raw)
{
  return g_atomic_int_get (&raw->stopping) != 0;
}

/* Sleeps until the test ends (30 s at most): a server that says nothing
 * more. */
void
raw_hold (Raw *raw)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!raw_stopping (raw) && g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
}
