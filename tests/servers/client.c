/* client.c: what the test-client-* programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <unistd.h>

#include "dav-href.h"

#include "client.h"

/* ---- what each server does ---------------------------------------------- */

static const ServerBehaviour servers[] = {
  {
    .name = "apache",
    .absent_property_status = 404,
    .has_getetag = TRUE,
    .depth_infinity = DEPTH_INFINITY_HONOURED,   /* DavDepthInfinity On */
    .proppatch_status = 207,
    .xml_value_kept = TRUE,
    .xml_value = XML_VALUE,
    .protected_answer_complete = TRUE,
    .protected_other_status = 424,
    .allprop_has_dead = TRUE,
    .put_if_none_match_status = 412,
    .copy_new_status = 201,
    .stale_after_replace = FALSE,
    .lock_token_prefix = "opaquelocktoken:",
    .escaped_if_tag_status = 204,
    .unlock_wrong_token_status = 400,
    .delete_locked_folder = LOCKED_FOLDER_KEPT_424,
    .has_digest = TRUE,
  },
  {
    .name = "nginx",
    /* dav-ext answers only the properties it knows, and has no getetag. */
    .absent_property_status = 0,
    .has_getetag = FALSE,
    .depth_infinity = DEPTH_INFINITY_REFUSED,    /* 403 and an HTML page */
    .proppatch_status = 405,                     /* no dead properties at all */
    .xml_value_kept = FALSE,                     /* (nothing is kept) */
    .xml_value = NULL,
    .protected_answer_complete = FALSE,          /* (405 and an HTML page) */
    .protected_other_status = 0,
    .allprop_has_dead = FALSE,                 /* no dead properties at all */
    .put_if_none_match_status = 204,             /* If-None-Match is ignored: the file is replaced */
    .copy_new_status = 204,                      /* RFC 4918 §9.8.5 says 201 */
    .stale_after_replace = FALSE,
    .lock_token_prefix = "urn:",                 /* urn:XXXXXXXX, 8 hex digits */
    /* dav-ext compares the tag of an If header, still percent-encoded,
     * with the decoded path: the token is never found. */
    .escaped_if_tag_status = 423,
    .unlock_wrong_token_status = 204,            /* but the lock stays */
    .delete_locked_folder = LOCKED_FOLDER_DELETED,
    .has_digest = FALSE,                         /* nginx-core has no Digest authentication */
  },
  {
    .name = "lighttpd",
    .absent_property_status = 404,
    .has_getetag = TRUE,
    .depth_infinity = DEPTH_INFINITY_REFUSED,    /* 403 and DAV:propfind-finite-depth */
    .proppatch_status = 204,                     /* success without a body */
    /* Only the text directly inside a property is stored: a value made
     * of elements comes back empty. */
    .xml_value_kept = FALSE,
    .xml_value = NULL,
    /* <D:prop><DAV:getetag/></D:prop>: the prefix DAV is not declared. */
    .protected_answer_complete = FALSE,
    .protected_other_status = 0,
    .allprop_has_dead = TRUE,
    .put_if_none_match_status = 412,
    .copy_new_status = 201,
    /* Its stat cache keeps the old file for about a second. */
    .stale_after_replace = TRUE,
    .lock_token_prefix = "urn:uuid:",
    .escaped_if_tag_status = 204,
    .unlock_wrong_token_status = 409,
    .delete_locked_folder = LOCKED_FOLDER_DELETED,
    .has_digest = TRUE,
  },
  {
    .name = "sabre",
    .absent_property_status = 404,
    .has_getetag = TRUE,
    .depth_infinity = DEPTH_INFINITY_AS_1,
    .proppatch_status = 207,
    /* sabre/dav 1.8 keeps only the text of an unknown property's value,
     * its elements dropped. */
    .xml_value_kept = FALSE,
    .xml_value = "a & b < cdeep",
    .protected_answer_complete = TRUE,
    .protected_other_status = 424,
    .allprop_has_dead = FALSE,                 /* sabre/dav 1.8: only when asked for by name */
    .put_if_none_match_status = 412,
    .copy_new_status = 201,
    .stale_after_replace = FALSE,
    .lock_token_prefix = "opaquelocktoken:",
    .escaped_if_tag_status = 204,
    .unlock_wrong_token_status = 409,
    .delete_locked_folder = LOCKED_FOLDER_KEPT_423,
    .has_digest = TRUE,
  },
};

const ServerBehaviour *expect;

/* ---- fixtures ------------------------------------------------------------ */

const char *
test_url (void)
{
  const char *url = g_getenv ("DAVSCOPE_TEST_URL");

  if (url == NULL || *url == '\0')
    {
      g_test_skip ("DAVSCOPE_TEST_URL is not set: run under tests/servers/with-apache or with-server");
      return NULL;
    }

  return url;
}

char *
child_url (const char *folder_url,
           const char *name,
           gboolean    collection)
{
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);

  return g_strconcat (folder_url, escaped, collection ? "/" : "", NULL);
}

void
assert_status (DavResult *result,
               GError    *error,
               guint      status)
{
  g_assert_no_error (error);
  g_assert_nonnull (result);
  if (result->status != status)
    g_error ("%s %s: expected %u, got %u %s", result->method, result->url,
             status, result->status, result->reason ? result->reason : "");
}

/* A new, empty folder under the base, named after the test. */
char *
make_test_folder (DavClient  *client,
                  const char *label)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("t%d-%u-%s", (int) getpid (), ++counter, label);
  char *url = child_url (dav_client_get_base_url (client), name, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = do_mkcol (client, url, &error);

  assert_status (result, error, 201);

  return url;
}

void
put_text (DavClient  *client,
          const char *url,
          const char *text,
          guint       expected_status)
{
  g_autoptr(GInputStream) source = g_memory_input_stream_new_from_data (g_strdup (text), strlen (text),
                                                                        g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = do_put_stream (client, url, source, strlen (text), NULL, NULL, &error);

  assert_status (result, error, expected_status);
}

/* The decoded names of a listing of @folder_url, self entry excluded. */
GHashTable *
listing_names (const char *folder_url,
               GPtrArray  *responses)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < responses->len; i++)
    {
      const DavResponse *response = g_ptr_array_index (responses, i);
      g_autoptr(DavHref) href = NULL;

      g_assert_cmpuint (response->hrefs->len, ==, 1);
      href = dav_href_resolve (folder_url, dav_response_get_href (response));
      g_assert_null (href->problem);
      if (href->relation == DAV_HREF_SELF)
        continue;
      g_assert_cmpint (href->relation, ==, DAV_HREF_MEMBER);
      /* Each name once. */
      g_assert_true (g_hash_table_add (names, g_strdup (href->name)));
    }

  return names;
}

GHashTable *
list_folder (DavClient  *client,
             const char *folder_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = do_propfind (client, folder_url, &error);

  assert_status (result, error, 207);
  g_assert_true (result->complete);

  return listing_names (folder_url, result->body->responses);
}

char *
get_text (DavClient  *client,
          const char *url)
{
  g_autoptr(GOutputStream) sink = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = do_get (client, url, sink, NULL, NULL, &error);

  assert_status (result, error, 200);
  g_assert_true (g_output_stream_write_all (sink, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (sink, NULL, &error));

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (sink));
}

/* The start of each program's main(): after it, expect is the server
 * under test. */
void
client_init (int    *argc,
             char ***argv)
{
  /* As libsoup's own tests do: the isolated XDG dirs hold no GSettings
   * schemas, which the GNOME proxy resolver would abort on; and only
   * 127.0.0.1 is used, which never goes through a proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  expect = DAV_TEST_SERVER_FIND (servers);
}
