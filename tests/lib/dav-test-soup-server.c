/* dav-test-soup-server.c: an in-process SoupServer on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "dav-test-soup-server.h"

static void
seen_free (Seen *seen)
{
  g_free (seen->method);
  g_free (seen->path);
  soup_message_headers_unref (seen->headers);
  g_free (seen);
}

static void
request_read_cb (SoupServer        *soup_server,
                 SoupServerMessage *msg,
                 Server            *server)
{
  Seen *seen = g_new0 (Seen, 1);

  seen->method = g_strdup (soup_server_message_get_method (msg));
  seen->path = g_strdup (g_uri_get_path (soup_server_message_get_uri (msg)));
  seen->headers = soup_message_headers_ref (soup_server_message_get_request_headers (msg));
  g_ptr_array_add (server->seen, seen);
}

Server *
server_new (SoupServerCallback handler,
            gpointer           data)
{
  Server *server = g_new0 (Server, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  server->server = soup_server_new (NULL, NULL);
  server->seen = g_ptr_array_new_with_free_func ((GDestroyNotify) seen_free);
  server->data = data;
  g_signal_connect (server->server, "request-read", G_CALLBACK (request_read_cb), server);
  soup_server_add_handler (server->server, NULL, handler, server, NULL);
  soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server->server);
  g_assert_nonnull (uris);
  server->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  server->dav_url = g_strdup_printf ("http://127.0.0.1:%u/dav/", server->port);

  return server;
}

void
server_free (Server *server)
{
  soup_server_disconnect (server->server);
  g_object_unref (server->server);
  g_ptr_array_unref (server->seen);
  g_free (server->dav_url);
  g_free (server);
}

/* How many requests with @method (NULL: any) the server read. */
guint
server_count (Server     *server,
              const char *method)
{
  guint n = 0;

  for (guint i = 0; i < server->seen->len; i++)
    {
      const Seen *seen = g_ptr_array_index (server->seen, i);

      if (method == NULL || g_str_equal (seen->method, method))
        n++;
    }

  return n;
}

void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}
