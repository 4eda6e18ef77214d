/* dav-test-soup-server.h: an in-process SoupServer on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the tests' own library (tests/lib). For well-formed HTTP with
 * whatever content a test wants (docs/hostile-servers.md): one handler
 * answers every path, and every request read is kept in a log, so a test
 * can count what reached the server. Broken framing needs the raw server
 * (dav-test-raw-server.h).
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* One request as the server read it. */
typedef struct {
  char               *method;
  char               *path;
  SoupMessageHeaders *headers;
} Seen;

typedef struct {
  SoupServer *server;
  guint16     port;
  char       *dav_url;   /* http://127.0.0.1:PORT/dav/ */
  GPtrArray  *seen;      /* Seen*, every request read */
  gpointer    data;      /* for the handler */
} Server;

/* @handler gets the Server as its user data; @data is server->data. */
Server *server_new   (SoupServerCallback  handler,
                      gpointer            data);
void    server_free  (Server             *server);
guint   server_count (Server             *server,
                      const char         *method);
void    respond      (SoupServerMessage  *msg,
                      guint               status,
                      const char         *content_type,
                      const char         *body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

G_END_DECLS
