/* faults.c: what the test-faults-* programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "faults.h"

/* One file of 7 bytes, as a 207 response. */
char *
response_xml (const char *href)
{
  return g_strdup_printf ("<D:response><D:href>%s</D:href><D:propstat><D:prop>"
                          "<D:getcontentlength>7</D:getcontentlength></D:prop>"
                          "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n",
                          href);
}

/* The self entry /dav/ and @n files. */
char *
multistatus_xml (guint n)
{
  GString *out = g_string_new (XML_HEAD);
  g_autofree char *self = response_xml ("/dav/");

  g_string_append (out, self);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *href = g_strdup_printf ("/dav/file-%u.txt", i);
      g_autofree char *response = response_xml (href);

      g_string_append (out, response);
    }
  g_string_append (out, XML_TAIL);

  return g_string_free (out, FALSE);
}

/* A problem of the document itself (not of one response). */
gboolean
body_has_problem (const DavMultistatus *body,
                  DavProblemKind        kind)
{
  for (guint i = 0; body != NULL && i < body->problems->len; i++)
    if (((const DavProblem *) g_ptr_array_index (body->problems, i))->kind == kind)
      return TRUE;

  return FALSE;
}

/* Never a listing that claims to be whole when it is not (promise 2). */
void
assert_not_complete_listing (DavResult *result)
{
  g_assert_false (result->complete);
  if (result->body != NULL)
    g_assert_false (result->body->complete);
}

/* A 207 of the self entry and one file, to whatever is asked; the Server
 * keeps count of what reached it. */
void
count_handler (SoupServer        *soup_server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  g_autofree char *body = multistatus_xml (1);

  respond (msg, 207, "application/xml; charset=utf-8", body);
}

/* server->data is the whole 207 body. */
void
body_handler (SoupServer        *soup_server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Server *server = user_data;

  respond (msg, 207, "application/xml; charset=utf-8", server->data);
}

/* 204 to everything: each change done. */
void
no_content_handler (SoupServer        *soup_server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  soup_server_message_set_status (msg, 204, NULL);
}

/* The start of each program's main(). */
void
faults_init (int    *argc,
             char ***argv)
{
  /* As libsoup's own tests do: the isolated XDG dirs hold no GSettings
   * schemas, which the GNOME proxy resolver would abort on; and only
   * 127.0.0.1 is used, which never goes through a proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Every server here is local: anything slower is a hang. */
  dav_test_set_wait_seconds (20);
  dav_test_set_client_timeout (10);
}
