/* test-faults-content.c: answers that are no listing, and hostile XML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavClient against an in-process SoupServer that answers a PROPFIND
 * with well-formed HTTP and the wrong content (docs/hostile-servers.md):
 * a status or type that is no 207 listing (case 32), broken XML, an href
 * of another origin, entity expansion and external entities (cases 1-3),
 * a charset that contradicts the document (case 15) and a huge value
 * (case 6). None of it may become a listing that looks whole.
 */

#include <stdio.h>
#include <string.h>

#include "dav-error.h"
#include "dav-href.h"
#include "dav-resource-store.h"

#include "dav-test-multistatus.h"
#include "faults.h"

static void
wrong_answer_handler (SoupServer        *soup_server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  const char *html = "<!DOCTYPE html><html><head><title>Welcome</title></head>"
                     "<body><p>Please log in to the hotel network.</p></body></html>";

  if (g_str_has_suffix (path, "/207-html/"))
    respond (msg, 207, "text/html", html);
  else if (g_str_has_suffix (path, "/200-html/"))
    respond (msg, 200, "text/html", html);
  else if (g_str_has_suffix (path, "/200-empty/"))
    respond (msg, 200, "application/xml", "");
  else if (g_str_has_suffix (path, "/207-empty/"))
    respond (msg, 207, "application/xml", "");
  else if (g_str_has_suffix (path, "/405-dav/") &&
           strcmp (soup_server_message_get_method (msg), "OPTIONS") == 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "DAV", "1, 2");
      respond (msg, 200, "text/plain", "");
    }
  else if (g_str_has_suffix (path, "/405/") || g_str_has_suffix (path, "/405-dav/"))
    respond (msg, 405, "text/html", "<html><body>Method Not Allowed</body></html>");
  else if (g_str_has_suffix (path, "/500/"))
    respond (msg, 500, "application/xml", "<?xml version=\"1.0\"?><error>oops</error>");
  else
    respond (msg, 404, "text/html", "<html><body>Not Found</body></html>");
}

static void
check_wrong_answer (const char *name,
                    guint       status)
{
  g_autoptr(Server) server = server_new (wrong_answer_handler, NULL);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (server->dav_url, name, "/", NULL);

  result = do_propfind (client, url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->status, ==, status);

  /* Never an empty folder that looks whole (docs/hostile-servers.md case
   * 32). */
  g_assert_false (dav_result_has_multistatus (result));
  g_assert_true (result->body == NULL || result->body->responses->len == 0);
  assert_not_complete_listing (result);

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_wrong_207_html (void)
{
  check_wrong_answer ("207-html", 207);
}

static void
test_wrong_200_html (void)
{
  check_wrong_answer ("200-html", 200);
}

static void
test_wrong_200_empty (void)
{
  check_wrong_answer ("200-empty", 200);
}

static void
test_wrong_207_empty (void)
{
  check_wrong_answer ("207-empty", 207);
}

static void
test_wrong_404 (void)
{
  check_wrong_answer ("missing", 404);
}

static void
test_wrong_405 (void)
{
  check_wrong_answer ("405", 405);
}

/* An XML body that is no multistatus, with a 500: still no listing. */
static void
test_wrong_500 (void)
{
  check_wrong_answer ("500", 500);
}

static void
malformed_handler (SoupServer        *soup_server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  g_autofree char *first = response_xml ("/dav/");
  g_autofree char *second = response_xml ("/dav/kept.txt");
  g_autofree char *after = response_xml ("/dav/after.txt");
  g_autofree char *body = g_strconcat (XML_HEAD, first, second,
                                       "<D:response><D:href>/dav/broken.txt</D:href>"
                                       "<D:status>HTTP/1.1 200 OK</D:status></D:respons>\n",
                                       after, XML_TAIL, NULL);

  respond (msg, 207, "application/xml; charset=utf-8", body);
}

static void
test_malformed_xml (void)
{
  g_autoptr(Server) server = server_new (malformed_handler, NULL);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean kept = FALSE;

  result = do_propfind (client, server->dav_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->status, ==, 207);
  assert_not_complete_listing (result);
  g_assert_nonnull (result->body);
  g_assert_false (result->body->well_formed);
  g_assert_true (body_has_problem (result->body, DAV_PROBLEM_NOT_WELL_FORMED));

  /* What came before the error is kept; nothing after it is invented. */
  g_assert_cmpuint (result->body->responses->len, >=, 2);
  for (guint i = 0; i < result->body->responses->len; i++)
    {
      const char *href = dav_response_get_href (g_ptr_array_index (result->body->responses, i));

      g_assert_cmpstr (href, !=, "/dav/after.txt");
      if (g_strcmp0 (href, "/dav/kept.txt") == 0)
        kept = TRUE;
    }
  g_assert_true (kept);
  g_assert_false (dav_result_is_success (result));

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
other_origin_handler (SoupServer        *soup_server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  g_autofree char *self = response_xml ("/dav/");
  g_autofree char *mine = response_xml ("/dav/mine.txt");
  g_autofree char *evil = response_xml ("https://evil.example/dav/x");
  g_autofree char *body = g_strconcat (XML_HEAD, self, mine, evil, XML_TAIL, NULL);

  respond (msg, 207, "application/xml; charset=utf-8", body);
}

static void
test_other_origin_href (void)
{
  g_autoptr(Server) server = server_new (other_origin_handler, NULL);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  result = do_propfind (client, server->dav_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->status, ==, 207);
  g_assert_nonnull (result->body);
  g_assert_cmpuint (result->body->responses->len, ==, 3);

  for (guint i = 0; i < result->body->responses->len; i++)
    {
      const DavResponse *response = g_ptr_array_index (result->body->responses, i);
      g_autoptr(DavHref) href = dav_href_resolve (result->url, dav_response_get_href (response));

      if (g_str_equal (dav_response_get_href (response), "https://evil.example/dav/x"))
        {
          /* Kept, so that it can be shown as an anomaly, never acted on. */
          found = TRUE;
          g_assert_cmpint (href->relation, ==, DAV_HREF_OTHER_ORIGIN);
          g_assert_false (dav_client_check_target (client, href->uri, NULL));
        }
      else
        g_assert_cmpint (href->relation, !=, DAV_HREF_OTHER_ORIGIN);
    }
  g_assert_true (found);

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
billion_laughs_handler (SoupServer        *soup_server,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  GString *body = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE D:multistatus [\n"
                                "  <!ENTITY ha0 \"HAHA\">\n");

  for (guint i = 1; i <= 20; i++)
    {
      g_string_append_printf (body, "  <!ENTITY ha%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (body, "&ha%u;", i - 1);
      g_string_append (body, "\">\n");
    }
  g_string_append (body, "]>\n<D:multistatus xmlns:D=\"DAV:\">\n"
                         "<D:response><D:href>/dav/&ha20;</D:href><D:propstat><D:prop>"
                         "<D:displayname>&ha20;</D:displayname></D:prop>"
                         "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n"
                         XML_TAIL);

  respond (msg, 207, "application/xml; charset=utf-8", body->str);
  g_string_free (body, TRUE);
}

static void
test_billion_laughs (void)
{
  g_autoptr(Server) server = server_new (billion_laughs_handler, NULL);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  result = do_propfind (client, server->dav_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  /* Stopped at the DTD, not after expanding it. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (result->status, ==, 207);
  assert_not_complete_listing (result);
  g_assert_nonnull (result->body);
  g_assert_true (body_has_problem (result->body, DAV_PROBLEM_FORBIDDEN_DTD));
  g_assert_cmpuint (result->body->responses->len, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&client));
}

static const struct {
  const char *content_type;
  gboolean    utf16;      /* the body in UTF-16LE with a byte order mark */
  gboolean    agree;
} charsets[] = {
  { "application/xml; charset=utf-8", FALSE, TRUE },
  { "text/xml; charset=\"UTF-8\"", FALSE, TRUE },
  { "application/xml", FALSE, TRUE },
  { "application/xml; charset=utf-16", FALSE, FALSE },
  { "text/xml; charset=iso-8859-1", FALSE, FALSE },
  { "application/xml; charset=utf-8", TRUE, FALSE },
  { "application/xml; charset=utf-16", TRUE, TRUE },
};

static void
charset_handler (SoupServer        *soup_server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  guint i = 0;
  g_autofree char *body = multistatus_xml (2);

  if (sscanf (path, "/dav/cs-%u/", &i) != 1 || i >= G_N_ELEMENTS (charsets))
    i = 0;
  if (charsets[i].utf16)
    {
      gsize length = 0;
      g_autofree char *utf16 = g_convert (body, -1, "UTF-16LE", "UTF-8", NULL, &length, NULL);
      GString *bytes = g_string_new_len ("\xff\xfe", 2);

      g_string_append_len (bytes, utf16, length);
      soup_server_message_set_status (msg, 207, NULL);
      soup_server_message_set_response (msg, charsets[i].content_type, SOUP_MEMORY_COPY, bytes->str, bytes->len);
      g_string_free (bytes, TRUE);
    }
  else
    respond (msg, 207, charsets[i].content_type, body);
}

/* docs/hostile-servers.md case 15, end to end: a Content-Type charset that
 * disagrees with the document makes the listing fail; agreement (or no
 * charset) does not. */
static void
test_charset_mismatch (void)
{
  g_autoptr(Server) server = server_new (charset_handler, NULL);
  g_autoptr(DavClient) client = client_new (server->dav_url);

  for (guint i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_autofree char *url = g_strdup_printf ("%scs-%u/", server->dav_url, i);
      g_autoptr(DavResult) result = NULL;
      g_autoptr(GError) error = NULL;

      result = do_propfind (client, url, &error);
      g_assert_no_error (error);
      g_assert_nonnull (result);
      g_test_message ("%s%s: complete %d", charsets[i].content_type, charsets[i].utf16 ? ", UTF-16" : "",
                      result->complete);
      g_assert_cmpuint (result->status, ==, 207);
      g_assert_nonnull (result->body);
      g_assert_cmpuint (result->body->n_responses, ==, 3);
      g_assert_cmpint (result->complete, ==, charsets[i].agree);
      g_assert_cmpint (body_has_problem (result->body, DAV_PROBLEM_ENCODING), ==, !charsets[i].agree);
    }

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* docs/hostile-servers.md cases 2 and 3 end to end: entities and DTDs
 * naming a file and another server; the listing fails at the DTD, the other
 * server never hears of it, nothing of the file is in the result. */
static void
test_xxe (void)
{
  g_autoptr(Server) elsewhere = server_new (count_handler, NULL);
  g_autoptr(Server) server = server_new (body_handler, NULL);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                                           "<!DOCTYPE D:multistatus SYSTEM \"%sx.dtd\" [\n"
                                           "<!ENTITY passwd SYSTEM \"file:///etc/passwd\">\n"
                                           "<!ENTITY remote SYSTEM \"%sentity\">\n"
                                           "]>\n"
                                           "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/dav/</D:href>"
                                           "<D:propstat><D:prop><D:displayname>&passwd;&remote;</D:displayname></D:prop>"
                                           "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
                                           XML_TAIL,
                                           elsewhere->dav_url, elsewhere->dav_url);

  server->data = body;
  result = do_propfind (client, server->dav_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  assert_not_complete_listing (result);
  g_assert_true (body_has_problem (result->body, DAV_PROBLEM_FORBIDDEN_DTD));
  g_assert_cmpuint (result->body->responses->len, ==, 0);
  g_assert_cmpuint (elsewhere->seen->len, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* docs/hostile-servers.md case 6 with the default limits: a 4 MiB
 * displayname is cut at 100 KiB (neon's cap), the entries after it are
 * still read, and the listing is flagged. */
static void
test_huge_text (void)
{
  g_autoptr(Server) server = server_new (body_handler, NULL);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (XML_HEAD);
  g_autofree char *self = response_xml ("/dav/");
  g_autofree char *after = response_xml ("/dav/after.txt");
  const DavResponse *huge;
  const DavProperty *name;
  DavParserLimits limits;

  g_string_append (body, self);
  g_string_append (body, "<D:response><D:href>/dav/huge.txt</D:href><D:propstat><D:prop><D:displayname>");
  for (guint i = 0; i < 4 * 1024 * 1024 / 16; i++)
    g_string_append (body, "0123456789abcdef");
  g_string_append (body, "</D:displayname></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n");
  g_string_append (body, after);
  g_string_append (body, XML_TAIL);
  server->data = body->str;

  result = do_propfind (client, server->dav_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  assert_not_complete_listing (result);
  g_assert_true (result->body->well_formed);
  g_assert_cmpuint (result->body->responses->len, ==, 3);

  dav_parser_limits_init_default (&limits);
  g_assert_cmpuint (limits.max_value_bytes, ==, 100 * 1024);
  huge = g_ptr_array_index (result->body->responses, 1);
  name = dav_response_find_property (huge, "DAV:", "displayname");
  g_assert_nonnull (name);
  g_assert_cmpuint (strlen (name->value), <=, limits.max_value_bytes);
  g_assert_cmpuint (strlen (name->value), >, limits.max_value_bytes - 16);
  g_assert_true (has_problem (huge->problems, DAV_PROBLEM_VALUE_TRUNCATED));
  g_assert_cmpstr (dav_response_get_href (g_ptr_array_index (result->body->responses, 2)), ==, "/dav/after.txt");

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* A listing refused with 405: OPTIONS tells a server without WebDAV
 * (no DAV header) from a WebDAV server at a wrong path. */
static void
check_refused_listing (const char *name,
                       gint        code)
{
  g_autoptr(Server) server = server_new (wrong_answer_handler, NULL);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavResourceStore) store = dav_resource_store_new (client);
  g_autofree char *url = g_strconcat (server->dav_url, name, "/", NULL);
  g_autoptr(GError) error = NULL;
  DavFolder *root = dav_resource_store_open (store, url, &error);

  g_assert_no_error (error);
  wait_for_folder (root);
  g_assert_false (dav_folder_get_loaded (root));
  g_assert_cmpuint (dav_folder_get_status (root), ==, 405);
  g_assert_error (dav_folder_get_error (root), DAV_ERROR, code);
  g_assert_false (dav_error_is_never_sent (dav_folder_get_error (root)));
}

static void
test_store_not_webdav (void)
{
  check_refused_listing ("405", DAV_ERROR_NOT_WEBDAV);
  check_refused_listing ("405-dav", DAV_ERROR_STATUS);
}

/* Opening a location on the same server moves the root there and starts
 * its listing; a location elsewhere, or no location at all, changes
 * nothing. */
static void
test_store_open (void)
{
  g_autoptr(Server) server = server_new (wrong_answer_handler, NULL);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavResourceStore) store = dav_resource_store_new (client);
  g_autofree char *failing = g_strconcat (server->dav_url, "500/", NULL);
  g_autofree char *base = NULL;
  g_autoptr(GError) error = NULL;
  DavFolder *first = dav_resource_store_get_root (store);
  DavFolder *root;
  guint before;

  root = dav_resource_store_open (store, failing, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_true (root != first);
  g_assert_true (root == dav_resource_store_get_root (store));
  g_assert_cmpstr (dav_client_get_base_url (client), ==, failing);
  g_assert_true (dav_folder_get_loading (root));
  wait_for_folder (root);
  g_assert_cmpuint (server_count (server, "PROPFIND"), ==, 1);

  /* The listing failed: the folder says why, in the DAV_ERROR domain. */
  g_assert_false (dav_folder_get_loaded (root));
  g_assert_cmpuint (dav_folder_get_status (root), ==, 500);
  g_assert_error (dav_folder_get_error (root), DAV_ERROR, DAV_ERROR_STATUS);
  g_assert_nonnull (strstr (dav_folder_get_error_message (root), "500"));
  g_assert_null (dav_folder_get_rejected_certificate (root, NULL));

  /* Another server, and no URL at all: NULL, and the root stays. */
  base = g_strdup (dav_client_get_base_url (client));
  g_assert_null (dav_resource_store_open (store, "http://127.0.0.2:1/dav/", &error));
  g_assert_error (error, DAV_ERROR, DAV_ERROR_OUTSIDE);
  g_clear_error (&error);
  g_assert_null (dav_resource_store_open (store, "not a location", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (root == dav_resource_store_get_root (store));
  g_assert_cmpstr (dav_client_get_base_url (client), ==, base);
  g_assert_false (dav_folder_get_loading (root));

  /* Back to the first: a cached folder that was never listed is listed
   * once; opened again while it loads, it is not listed twice. */
  before = server_count (server, "PROPFIND");
  g_assert_true (dav_resource_store_open (store, server->dav_url, &error) == first);
  g_assert_no_error (error);
  g_assert_true (dav_resource_store_open (store, server->dav_url, &error) == first);
  g_assert_no_error (error);
  wait_for_folder (first);
  g_assert_cmpuint (server_count (server, "PROPFIND"), ==, before + 1);
  g_assert_error (dav_folder_get_error (first), DAV_ERROR, DAV_ERROR_STATUS);
  g_assert_cmpuint (dav_folder_get_status (first), ==, 404);

  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&client));
}

int
main (int   argc,
      char *argv[])
{
  faults_init (&argc, &argv);

  g_test_add_func ("/faults/wrong-answer/207-html", test_wrong_207_html);
  g_test_add_func ("/faults/wrong-answer/200-html", test_wrong_200_html);
  g_test_add_func ("/faults/wrong-answer/200-empty", test_wrong_200_empty);
  g_test_add_func ("/faults/wrong-answer/207-empty", test_wrong_207_empty);
  g_test_add_func ("/faults/wrong-answer/404", test_wrong_404);
  g_test_add_func ("/faults/wrong-answer/405", test_wrong_405);
  g_test_add_func ("/faults/wrong-answer/500", test_wrong_500);
  g_test_add_func ("/faults/xml/malformed", test_malformed_xml);
  g_test_add_func ("/faults/xml/other-origin-href", test_other_origin_href);
  g_test_add_func ("/faults/xml/billion-laughs", test_billion_laughs);
  g_test_add_func ("/faults/xml/charset-mismatch", test_charset_mismatch);
  g_test_add_func ("/faults/xml/xxe", test_xxe);
  g_test_add_func ("/faults/xml/huge-text", test_huge_text);
  g_test_add_func ("/faults/listing/store-open", test_store_open);
  g_test_add_func ("/faults/listing/not-webdav", test_store_not_webdav);

  return g_test_run ();
}
