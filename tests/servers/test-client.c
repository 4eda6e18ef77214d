/* test-client.c: DavClient and DavBatch against real WebDAV servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under tests/servers/with-apache or tests/servers/with-server KIND
 * (apache, nginx, lighttpd, sabre) with --seed demo, or under with-apache
 * with --seed bulk:10000 and DAVSCOPE_TEST_BULK=1 for /client/bulk;
 * without DAVSCOPE_TEST_URL every test is skipped. Each test works in a
 * fresh folder of its own, made with MKCOL, so that the tests do not
 * depend on each other. Where the servers differ, the table below says
 * what each one does.
 */

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "dav-batch.h"
#include "dav-client.h"
#include "dav-error.h"
#include "dav-exchange-log.h"
#include "dav-href.h"
#include "dav-property-reader.h"
#include "dav-report.h"

#define TEST_NS      "urn:x-davscope:test"
#define TEXT_VALUE   "Tom & Jerry <3> \"quoted\""
#define XML_VALUE    "<item xmlns=\"" TEST_NS "\">a &amp; b &lt; c</item>" \
                     "<item xmlns=\"" TEST_NS "\"><sub>deep</sub></item>"
#include "dav-test-async.h"
#include "dav-test-server.h"

/* ---- what each server does ---------------------------------------------- */

typedef enum {
  DEPTH_INFINITY_HONOURED, /* 207 with the whole tree */
  DEPTH_INFINITY_REFUSED,  /* 403 */
  DEPTH_INFINITY_AS_1,     /* 207 with one level, as for Depth: 1 */
} DepthInfinity;

typedef enum {
  LOCKED_FOLDER_KEPT_424, /* 424 and a multistatus with 423 for the locked file; nothing deleted */
  LOCKED_FOLDER_KEPT_423, /* 423 and DAV:lock-token-submitted naming the file; nothing deleted */
  LOCKED_FOLDER_DELETED,  /* 204: the folder and the locked file are gone */
} LockedFolderDelete;

/* Where the servers of tests/servers/with-server differ, what each one
 * does: every field is that server's observed behaviour (Apache 2.4
 * mod_dav_fs, nginx 1.22 with dav-ext, lighttpd 1.4.69 mod_webdav,
 * sabre/dav 1.8.12 under php -S, as Debian 12 ships them), not what
 * Davscope or RFC 4918 would like. What is not in here, every server must
 * do alike. */
typedef struct {
  const char        *name;                     /* DAVSCOPE_TEST_SERVER */
  /* PROPFIND */
  guint              absent_property_status;   /* a property asked for by name that is not there:
                                                * 404 in a propstat, or 0: left out of the answer */
  gboolean           has_getetag;
  DepthInfinity      depth_infinity;
  /* PROPPATCH of dead properties */
  guint              proppatch_status;         /* 207, 2xx without a body, or 405: none */
  gboolean           xml_value_kept;           /* a value of XML elements comes back as XML */
  const char        *xml_value;                /* what comes back for XML_VALUE */
  gboolean           protected_answer_complete; /* the 207 for a protected property is well-formed */
  guint              protected_other_status;   /* the other property of that PROPPATCH: 424, or 0: left out */
  gboolean           allprop_has_dead;         /* allprop returns dead properties (RFC 4918 §9.1) */
  /* PUT, COPY, MOVE */
  guint              put_if_none_match_status; /* PUT with If-None-Match: * onto a file */
  guint              copy_new_status;          /* COPY or MOVE of a file to a new name */
  gboolean           stale_after_replace;      /* a GET right after a COPY or MOVE replaced a file
                                                * may give the old bytes */
  /* LOCK */
  const char        *lock_token_prefix;
  guint              escaped_if_tag_status;    /* PUT and DELETE of a locked file named with a
                                                * percent-escape, its token in a tagged If header */
  guint              unlock_wrong_token_status; /* the lock stays, whatever the status */
  LockedFolderDelete delete_locked_folder;     /* DELETE of a folder holding a file locked by another */
  /* Authentication */
  gboolean           has_digest;               /* a /digest/ share */
} ServerBehaviour;

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

/* The server under test (tests/lib/dav-test-server.h). */
static const ServerBehaviour *expect;

/* ---- driving the async API ---------------------------------------------- */

typedef struct {
  DavResponseFunc func;
  gpointer        data;
} Streamed;

static void
on_streamed (DavPropfind *propfind,
             DavResponse *response,
             Streamed    *streamed)
{
  streamed->func (response, streamed->data);
}

static DavResult *
do_propfind (DavClient          *client,
             const char         *url,
             DavDepth            depth,
             DavPropfindKind     kind,
             const char * const *names,
             DavResponseFunc     func,
             gpointer            func_data,
             GError            **error)
{
  g_autoptr(DavPropfind) propfind = dav_propfind_new (depth, kind, names);
  Streamed streamed = { func, func_data };
  GAsyncResult *res = NULL;

  if (func != NULL)
    {
      dav_propfind_set_flags (propfind, DAV_PROPFIND_FLAGS_STREAM);
      g_signal_connect (propfind, "response", G_CALLBACK (on_streamed), &streamed);
    }
  dav_client_propfind_async (client, url, propfind, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

static DavResult *
do_proppatch (DavClient  *client,
              const char *url,
              GPtrArray  *patches,
              GError    **error)
{
  GAsyncResult *res = NULL;

  dav_client_proppatch_async (client, url, patches, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

static DavResult *
do_mkcol (DavClient  *client,
          const char *url,
          GError    **error)
{
  GAsyncResult *res = NULL;

  dav_client_mkcol_async (client, url, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

static DavResult *
do_delete (DavClient  *client,
           const char *url,
           GError    **error)
{
  GAsyncResult *res = NULL;

  dav_client_delete_async (client, url, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

static DavResult *
do_copy_or_move (DavClient  *client,
                 gboolean    move,
                 const char *url,
                 const char *destination,
                 gboolean    overwrite,
                 GError    **error)
{
  GAsyncResult *res = NULL;

  if (move)
    dav_client_move_async (client, url, destination, overwrite, NULL, store_result_cb, &res);
  else
    dav_client_copy_async (client, url, destination, overwrite, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

static DavResult *
do_lock (DavClient  *client,
         const char *url,
         GError    **error)
{
  GAsyncResult *res = NULL;

  dav_client_lock_async (client, url, DAV_LOCK_EXCLUSIVE, DAV_DEPTH_0, 3600, "test-client",
                         NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

static DavResult *
do_unlock (DavClient  *client,
           const char *url,
           const char *token,
           GError    **error)
{
  GAsyncResult *res = NULL;

  dav_client_unlock_async (client, url, token, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

static DavResult *
do_put_stream (DavClient       *client,
               const char      *url,
               GInputStream    *source,
               goffset          size,
               DavProgressFunc  progress,
               gpointer         progress_data,
               GError         **error)
{
  GAsyncResult *res = NULL;

  dav_client_put_async (client, url, source, size, "application/octet-stream", TRUE,
                        progress, progress_data, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

static DavResult *
do_get (DavClient       *client,
        const char      *url,
        GOutputStream   *sink,
        DavProgressFunc  progress,
        gpointer         progress_data,
        GError         **error)
{
  GAsyncResult *res = NULL;

  dav_client_get_async (client, url, sink, progress, progress_data, NULL, store_result_cb, &res);
  return finish_request (client, &res, error);
}

/* ---- fixtures ------------------------------------------------------------ */

static const char *
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

static char *
child_url (const char *folder_url,
           const char *name,
           gboolean    collection)
{
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);

  return g_strconcat (folder_url, escaped, collection ? "/" : "", NULL);
}

static void
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
static char *
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

static void
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
static GHashTable *
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

static GHashTable *
list_folder (DavClient  *client,
             const char *folder_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = do_propfind (client, folder_url, DAV_DEPTH_1, DAV_PROPFIND_ALLPROP,
                                             NULL, NULL, NULL, &error);

  assert_status (result, error, 207);
  g_assert_true (result->complete);

  return listing_names (folder_url, result->body->responses);
}

static const DavResponse *
find_response (DavResult  *result,
               const char *folder_url,
               const char *name)
{
  for (guint i = 0; i < result->body->responses->len; i++)
    {
      const DavResponse *response = g_ptr_array_index (result->body->responses, i);
      g_autoptr(DavHref) href = dav_href_resolve (folder_url, dav_response_get_href (response));

      if (g_strcmp0 (href->name, name) == 0)
        return response;
    }

  return NULL;
}

/* ---- PROPFIND ------------------------------------------------------------ */

static const char * const awkward_names[] = {
  "Grüße ünïcødé.txt",
  "日本語.md",
  "with space.txt",
  "Tom & Jerry.txt",
  "issue #42.txt",
  "100% done.txt",
  "C++ notes+.txt",
  "a&b#c%d+e f.txt",
};

static void
put_awkward_files (DavClient  *client,
                   const char *folder)
{
  for (guint i = 0; i < G_N_ELEMENTS (awkward_names); i++)
    {
      g_autofree char *url = child_url (folder, awkward_names[i], FALSE);

      put_text (client, url, awkward_names[i], 201);
    }
}

static void
test_propfind_allprop (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) error = NULL;

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  folder = make_test_folder (client, "allprop");
  put_awkward_files (client, folder);

  result = do_propfind (client, folder, DAV_DEPTH_1, DAV_PROPFIND_ALLPROP, NULL, NULL, NULL, &error);
  assert_status (result, error, 207);
  g_assert_true (result->complete);
  g_assert_true (dav_result_has_multistatus (result));
  g_assert_cmpuint (result->body->responses->len, ==, G_N_ELEMENTS (awkward_names) + 1);
  g_assert_cmpuint (result->body->n_responses, ==, G_N_ELEMENTS (awkward_names) + 1);

  names = listing_names (folder, result->body->responses);
  g_assert_cmpuint (g_hash_table_size (names), ==, G_N_ELEMENTS (awkward_names));
  for (guint i = 0; i < G_N_ELEMENTS (awkward_names); i++)
    {
      const DavResponse *response = find_response (result, folder, awkward_names[i]);
      const DavProperty *length;
      g_autofree char *expected = g_strdup_printf ("%zu", strlen (awkward_names[i]));

      if (!g_hash_table_contains (names, awkward_names[i]))
        g_error ("“%s” is missing from the listing", awkward_names[i]);
      g_assert_nonnull (response);
      length = dav_response_find_property (response, "DAV:", "getcontentlength");
      g_assert_nonnull (length);
      g_assert_cmpuint (length->status, ==, 200);
      g_assert_cmpstr (length->value, ==, expected);
    }

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_propfind_named (void)
{
  const char * const props[] = {
    "{DAV:}resourcetype",
    "{DAV:}getcontentlength",
    "{" TEST_NS "}absent",
    NULL
  };
  g_autoptr(DavClient) client = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) error = NULL;

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  folder = make_test_folder (client, "named");
  put_awkward_files (client, folder);

  result = do_propfind (client, folder, DAV_DEPTH_1, DAV_PROPFIND_PROP, props, NULL, NULL, &error);
  assert_status (result, error, 207);
  g_assert_true (result->complete);

  names = listing_names (folder, result->body->responses);
  g_assert_cmpuint (g_hash_table_size (names), ==, G_N_ELEMENTS (awkward_names));
  for (guint i = 0; i < G_N_ELEMENTS (awkward_names); i++)
    g_assert_true (g_hash_table_contains (names, awkward_names[i]));

  for (guint i = 0; i < result->body->responses->len; i++)
    {
      const DavResponse *response = g_ptr_array_index (result->body->responses, i);
      g_autoptr(DavHref) href = dav_href_resolve (folder, dav_response_get_href (response));
      const DavProperty *type = dav_response_find_property (response, "DAV:", "resourcetype");
      const DavProperty *absent = dav_response_find_property (response, TEST_NS, "absent");

      g_assert_nonnull (type);
      g_assert_cmpuint (type->status, ==, 200);
      if (href->relation == DAV_HREF_SELF)
        {
          g_assert_true (href->collection);
          g_assert_true (type->is_xml);
          g_assert_nonnull (strstr (type->value, "collection"));
        }
      else
        g_assert_true (type->value == NULL || strstr (type->value, "collection") == NULL);

      /* Asked for, not there: a 404 propstat, not silence; from a
       * server that leaves it out, nothing made up. */
      if (expect->absent_property_status == 0)
        g_assert_null (absent);
      else
        {
          g_assert_nonnull (absent);
          g_assert_cmpuint (absent->status, ==, expect->absent_property_status);
        }
    }

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
count_response_cb (DavResponse *response,
                   gpointer     user_data)
{
  GHashTable *seen = user_data;
  const char *href = dav_response_get_href (response);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (seen, href));

  g_hash_table_replace (seen, g_strdup (href), GUINT_TO_POINTER (count + 1));
}

static void
test_propfind_streaming (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  folder = make_test_folder (client, "stream");
  put_awkward_files (client, folder);

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  result = do_propfind (client, folder, DAV_DEPTH_1, DAV_PROPFIND_ALLPROP, NULL,
                        count_response_cb, seen, &error);
  assert_status (result, error, 207);
  g_assert_true (result->complete);
  /* Handed over, not kept. */
  g_assert_cmpuint (result->body->responses->len, ==, 0);
  g_assert_cmpuint (result->body->n_responses, ==, G_N_ELEMENTS (awkward_names) + 1);
  g_assert_cmpuint (g_hash_table_size (seen), ==, G_N_ELEMENTS (awkward_names) + 1);

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(DavHref) href = dav_href_resolve (folder, key);

      g_assert_cmpuint (GPOINTER_TO_UINT (value), ==, 1);
      if (href->relation != DAV_HREF_SELF)
        g_hash_table_add (names, g_strdup (href->name));
    }
  for (guint i = 0; i < G_N_ELEMENTS (awkward_names); i++)
    g_assert_true (g_hash_table_contains (names, awkward_names[i]));

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* A folder holding a folder holding a file, asked for with Depth:
 * infinity: the whole tree, a refusal, or one level, as the server does;
 * never more than it sent. */
static void
test_propfind_infinity (void)
{
  const char * const props[] = { "{DAV:}resourcetype", NULL };
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *inner = NULL;
  g_autofree char *deep = NULL;
  guint n_self = 0, n_members = 0, n_descendants = 0;

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  folder = make_test_folder (client, "infinity");
  inner = child_url (folder, "inner", TRUE);
  result = do_mkcol (client, inner, &error);
  assert_status (result, error, 201);
  g_clear_pointer (&result, dav_result_unref);
  deep = child_url (inner, "deep.txt", FALSE);
  put_text (client, deep, "deep\n", 201);

  result = do_propfind (client, folder, DAV_DEPTH_INFINITY, DAV_PROPFIND_PROP, props, NULL, NULL,
                        &error);
  if (expect->depth_infinity == DEPTH_INFINITY_REFUSED)
    {
      assert_status (result, error, 403);
      g_assert_false (dav_result_is_success (result));
      g_assert_false (result->complete);
      g_assert_false (dav_result_has_multistatus (result));
      g_assert_finalize_object (g_steal_pointer (&client));
      return;
    }

  assert_status (result, error, 207);
  g_assert_true (result->complete);
  for (guint i = 0; i < result->body->responses->len; i++)
    {
      const DavResponse *response = g_ptr_array_index (result->body->responses, i);
      g_autoptr(DavHref) href = dav_href_resolve (folder, dav_response_get_href (response));

      g_assert_null (href->problem);
      switch (href->relation)
        {
        case DAV_HREF_SELF:
          n_self++;
          break;
        case DAV_HREF_MEMBER:
          g_assert_cmpstr (href->name, ==, "inner");
          g_assert_true (href->collection);
          n_members++;
          break;
        case DAV_HREF_DESCENDANT:
          g_assert_cmpstr (href->uri, ==, deep);
          n_descendants++;
          break;
        default:
          g_error ("%s: %s", dav_response_get_href (response),
                   dav_href_relation_to_string (href->relation));
        }
    }
  g_assert_cmpuint (n_self, ==, 1);
  g_assert_cmpuint (n_members, ==, 1);
  g_assert_cmpuint (n_descendants, ==, expect->depth_infinity == DEPTH_INFINITY_HONOURED ? 1 : 0);

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* ---- PROPPATCH ----------------------------------------------------------- */

static GPtrArray *
patches_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) dav_prop_patch_free);
}

static DavResult *
propfind_test_props (DavClient  *client,
                     const char *url)
{
  const char * const props[] = {
    "{" TEST_NS "}note",
    "{" TEST_NS "}tree",
    "{" TEST_NS "}other",
    "{" TEST_NS "}guarded",
    "{DAV:}getetag",
    NULL
  };
  g_autoptr(GError) error = NULL;
  DavResult *result = do_propfind (client, url, DAV_DEPTH_0, DAV_PROPFIND_PROP, props, NULL, NULL, &error);

  assert_status (result, error, 207);
  g_assert_true (result->complete);
  g_assert_cmpuint (result->body->responses->len, ==, 1);

  return result;
}

/* Asked for by name and not there: as the server says it. */
static void
assert_property_missing (const DavResponse *response,
                         const char        *name)
{
  const DavProperty *property = dav_response_find_property (response, TEST_NS, name);

  if (expect->absent_property_status == 0)
    g_assert_null (property);
  else
    {
      g_assert_nonnull (property);
      g_assert_cmpuint (property->status, ==, expect->absent_property_status);
    }
}

static gboolean
has_dead_properties (void)
{
  return expect->proppatch_status != SOUP_STATUS_METHOD_NOT_ALLOWED;
}

static void
test_proppatch_dead (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GPtrArray) patches = patches_new ();
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const DavResponse *response;
  const DavProperty *property;

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  folder = make_test_folder (client, "proppatch");
  file = child_url (folder, "props & more.txt", FALSE);
  put_text (client, file, "properties\n", 201);

  g_ptr_array_add (patches, dav_prop_patch_new_set (TEST_NS, "note", TEXT_VALUE, FALSE));
  g_ptr_array_add (patches, dav_prop_patch_new_set (TEST_NS, "tree", XML_VALUE, TRUE));
  g_ptr_array_add (patches, dav_prop_patch_new_set (TEST_NS, "other", "to be removed", FALSE));
  result = do_proppatch (client, file, patches, &error);
  assert_status (result, error, expect->proppatch_status);
  if (!has_dead_properties ())
    {
      /* Refused, and nothing was saved. */
      g_assert_false (dav_result_is_success (result));
      g_clear_pointer (&result, dav_result_unref);
      result = propfind_test_props (client, file);
      response = g_ptr_array_index (result->body->responses, 0);
      assert_property_missing (response, "note");
      assert_property_missing (response, "tree");
      assert_property_missing (response, "other");
      g_assert_finalize_object (g_steal_pointer (&client));
      return;
    }
  if (expect->proppatch_status == 207)
    g_assert_true (result->complete);
  else
    g_assert_false (dav_result_has_multistatus (result));
  g_assert_true (dav_result_is_success (result));
  g_clear_pointer (&result, dav_result_unref);

  result = propfind_test_props (client, file);
  response = g_ptr_array_index (result->body->responses, 0);
  property = dav_response_find_property (response, TEST_NS, "note");
  g_assert_nonnull (property);
  g_assert_cmpuint (property->status, ==, 200);
  g_assert_false (property->is_xml);
  g_assert_cmpstr (property->value, ==, TEXT_VALUE);
  property = dav_response_find_property (response, TEST_NS, "tree");
  g_assert_nonnull (property);
  g_assert_cmpuint (property->status, ==, 200);
  g_assert_cmpint (property->is_xml, ==, expect->xml_value_kept);
  g_assert_cmpstr (property->value, ==, expect->xml_value);
  property = dav_response_find_property (response, TEST_NS, "other");
  g_assert_nonnull (property);
  g_assert_cmpuint (property->status, ==, 200);
  g_assert_cmpstr (property->value, ==, "to be removed");
  g_clear_pointer (&result, dav_result_unref);

  /* Every property, with the ones just saved expected: where allprop
   * leaves them out, the reader asks for them by name and says so. */
  {
    const char * const expected[] = { "{" TEST_NS "}note", "{" TEST_NS "}other", NULL };
    GAsyncResult *res = NULL;
    guint n_left_out = 0;

    dav_read_properties_async (client, file, expected, NULL, store_result_cb, &res);
    wait_for (&res);
    result = dav_read_properties_finish (client, res, &error);
    g_clear_object (&res);
    g_assert_no_error (error);
    g_assert_cmpuint (result->status, ==, 207);
    response = g_ptr_array_index (result->body->responses, 0);
    property = dav_response_find_property (response, TEST_NS, "note");
    g_assert_nonnull (property);
    g_assert_cmpstr (property->value, ==, TEXT_VALUE);
    g_assert_nonnull (dav_response_find_property (response, "DAV:", "resourcetype"));
    for (guint i = 0; i < response->problems->len; i++)
      n_left_out += ((DavProblem *) g_ptr_array_index (response->problems, i))->kind == DAV_PROBLEM_ALLPROP_INCOMPLETE;
    g_assert_cmpuint (n_left_out, ==, expect->allprop_has_dead ? 0 : 1);
    g_clear_pointer (&result, dav_result_unref);
  }

  /* Remove one; the others stay. */
  g_ptr_array_set_size (patches, 0);
  g_ptr_array_add (patches, dav_prop_patch_new_remove (TEST_NS, "other"));
  result = do_proppatch (client, file, patches, &error);
  assert_status (result, error, expect->proppatch_status);
  g_assert_true (dav_result_is_success (result));
  g_clear_pointer (&result, dav_result_unref);

  result = propfind_test_props (client, file);
  response = g_ptr_array_index (result->body->responses, 0);
  assert_property_missing (response, "other");
  property = dav_response_find_property (response, TEST_NS, "note");
  g_assert_nonnull (property);
  g_assert_cmpstr (property->value, ==, TEXT_VALUE);

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_proppatch_protected (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavBatch) batch = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GPtrArray) patches = patches_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *file = NULL;
  g_autofree char *etag_before = NULL;
  const DavReportItem *item;
  const DavResponse *response;
  const DavProperty *property;
  gboolean saw_etag = FALSE, saw_dead = FALSE;

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  folder = make_test_folder (client, "protected");
  file = child_url (folder, "guarded.txt", FALSE);
  put_text (client, file, "guarded\n", 201);

  result = propfind_test_props (client, file);
  response = g_ptr_array_index (result->body->responses, 0);
  property = dav_response_find_property (response, "DAV:", "getetag");
  if (expect->has_getetag)
    {
      g_assert_nonnull (property);
      g_assert_cmpuint (property->status, ==, 200);
      etag_before = g_strdup (property->value);
    }
  else
    g_assert_null (property);
  g_clear_pointer (&result, dav_result_unref);

  g_ptr_array_add (patches, dav_prop_patch_new_set ("DAV:", "getetag", "\"forged\"", FALSE));
  g_ptr_array_add (patches, dav_prop_patch_new_set (TEST_NS, "guarded", "must not be saved", FALSE));

  batch = dav_batch_new (client, 2);
  g_assert_true (dav_batch_add_proppatch (batch, file, patches, &error));
  g_assert_no_error (error);
  report = run_batch (batch);

  g_assert_cmpuint (report->items->len, ==, 1);
  item = g_ptr_array_index (report->items, 0);
  g_assert_cmpstr (item->url, ==, file);
  g_assert_cmpstr (item->method, ==, "PROPPATCH");
  g_assert_false (item->ok);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
  if (!has_dead_properties ())
    {
      /* Refused as a whole: nothing is said about either property. */
      g_assert_cmpuint (item->status, ==, expect->proppatch_status);
      g_assert_cmpuint (item->properties->len, ==, 0);
      saw_etag = saw_dead = TRUE;
    }
  else
    {
      g_assert_cmpuint (item->status, ==, 207);
      g_assert_cmpint (item->complete, ==, expect->protected_answer_complete);
      /* Not understood: what the server named is listed apart from the
       * two asked about, which go unanswered. */
      g_assert_cmpuint (item->properties->len, ==, expect->protected_answer_complete ? 2 : 3);
    }
  for (guint i = 0; i < item->properties->len; i++)
    {
      const DavReportProperty *entry = g_ptr_array_index (item->properties, i);

      g_assert_false (entry->ok);
      if (g_str_equal (entry->namespace_uri, "DAV:") && g_str_equal (entry->name, "getetag"))
        {
          saw_etag = TRUE;
          if (expect->protected_answer_complete)
            g_assert_true (entry->status == 403 || entry->status == 409);
          else
            g_assert_cmpuint (entry->status, ==, 0);
        }
      else if (g_str_equal (entry->namespace_uri, TEST_NS) && g_str_equal (entry->name, "guarded"))
        {
          saw_dead = TRUE;
          /* Failed because the other one did (RFC 4918 §9.2). */
          g_assert_cmpuint (entry->status, ==, expect->protected_other_status);
        }
      else if (!expect->protected_answer_complete && g_str_equal (entry->namespace_uri, "")
               && g_str_equal (entry->name, "getetag"))
        /* lighttpd's <DAV:getetag/>, the prefix undeclared: a name in
         * no namespace, which was not asked about. */
        g_assert_cmpuint (entry->status, ==, 403);
      else
        g_error ("unexpected property {%s}%s in the report", entry->namespace_uri, entry->name);
    }
  g_assert_true (saw_etag && saw_dead);
  g_assert_cmpuint (dav_report_count (report, DAV_OUTCOME_FAILED), ==, 1);
  g_assert_false (dav_report_all_ok (report));

  /* All or nothing: the dead property was not created, the etag is as it was. */
  result = propfind_test_props (client, file);
  response = g_ptr_array_index (result->body->responses, 0);
  assert_property_missing (response, "guarded");
  property = dav_response_find_property (response, "DAV:", "getetag");
  if (expect->has_getetag)
    {
      g_assert_nonnull (property);
      g_assert_cmpstr (property->value, ==, etag_before);
    }
  else
    g_assert_null (property);

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* ---- bulk DELETE --------------------------------------------------------- */

typedef struct {
  char *folder;     /* the test's own folder */
  char *locked_dir; /* a folder holding a locked file */
  char *locked;     /* that file */
  char *plain1;
  char *plain2;
  char *missing;
  char *token;
} LockedScene;

static void
locked_scene_free (LockedScene *scene)
{
  g_free (scene->folder);
  g_free (scene->locked_dir);
  g_free (scene->locked);
  g_free (scene->plain1);
  g_free (scene->plain2);
  g_free (scene->missing);
  g_free (scene->token);
  g_free (scene);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LockedScene, locked_scene_free)

/* Builds the scene with @client, locks the file with a second client
 * (so @client does not hold the token), and runs a bulk DELETE. */
static DavReport *
run_locked_delete (DavClient    *client,
                   const char   *label,
                   LockedScene **scene_out)
{
  g_autoptr(LockedScene) scene = g_new0 (LockedScene, 1);
  g_autoptr(DavClient) locker = client_new (test_url ());
  g_autoptr(DavBatch) batch = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DavReport *report;

  scene->folder = make_test_folder (client, label);
  scene->locked_dir = child_url (scene->folder, "Locked Folder", TRUE);
  result = do_mkcol (client, scene->locked_dir, &error);
  assert_status (result, error, 201);
  g_clear_pointer (&result, dav_result_unref);
  scene->locked = child_url (scene->locked_dir, "locked.txt", FALSE);
  put_text (client, scene->locked, "locked\n", 201);
  {
    g_autofree char *other = child_url (scene->locked_dir, "unlocked.txt", FALSE);

    put_text (client, other, "unlocked\n", 201);
  }
  scene->plain1 = child_url (scene->folder, "plain one.txt", FALSE);
  scene->plain2 = child_url (scene->folder, "plain#two.txt", FALSE);
  scene->missing = child_url (scene->folder, "never there.txt", FALSE);
  put_text (client, scene->plain1, "1\n", 201);
  put_text (client, scene->plain2, "2\n", 201);

  result = do_lock (locker, scene->locked, &error);
  assert_status (result, error, 200);
  g_assert_nonnull (result->lock_token);
  scene->token = g_strdup (result->lock_token);
  g_clear_pointer (&result, dav_result_unref);

  batch = dav_batch_new (client, 4);
  g_assert_true (dav_batch_add_delete (batch, scene->locked_dir, &error));
  g_assert_no_error (error);
  g_assert_true (dav_batch_add_delete (batch, scene->plain1, &error));
  g_assert_true (dav_batch_add_delete (batch, scene->plain2, &error));
  g_assert_true (dav_batch_add_delete (batch, scene->missing, &error));
  g_assert_no_error (error);
  /* The same file twice is acted on once. */
  g_assert_false (dav_batch_add_delete (batch, scene->plain1, &error));
  g_assert_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (dav_batch_get_n_targets (batch), ==, 4);

  report = run_batch (batch);
  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&locker));

  *scene_out = g_steal_pointer (&scene);
  return report;
}

static void
test_batch_delete_locked (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autoptr(LockedScene) scene = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GHashTable) inner = NULL;
  const DavReportItem *item;
  gboolean saw_locked = FALSE;
  gboolean kept = expect->delete_locked_folder != LOCKED_FOLDER_DELETED;

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  report = run_locked_delete (client, "bulk-delete", &scene);

  g_assert_cmpuint (report->items->len, ==, 4);

  item = g_ptr_array_index (report->items, 0);
  g_assert_cmpstr (item->url, ==, scene->locked_dir);
  g_assert_cmpstr (item->method, ==, "DELETE");
  switch (expect->delete_locked_folder)
    {
    case LOCKED_FOLDER_KEPT_424:
      /* The folder: not done, with the locked member named (423). */
      g_assert_false (item->ok);
      g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
      g_assert_cmpuint (item->status, ==, 424);
      g_assert_cmpuint (item->members->len, >=, 1);
      for (guint i = 0; i < item->members->len; i++)
        {
          const DavReportMember *member = g_ptr_array_index (item->members, i);

          g_assert_false (member->ok);
          if (member->href != NULL && g_str_has_suffix (member->href, "/locked.txt"))
            {
              saw_locked = TRUE;
              g_assert_cmpuint (member->status, ==, 423);
            }
        }
      g_assert_true (saw_locked);
      break;

    case LOCKED_FOLDER_KEPT_423:
      /* Not done; the locked file is named in the DAV:error, not as a
       * member. */
      g_assert_false (item->ok);
      g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
      g_assert_cmpuint (item->status, ==, 423);
      g_assert_cmpuint (item->members->len, ==, 0);
      for (guint i = 0; i < item->conditions->len; i++)
        {
          const DavCondition *condition = g_ptr_array_index (item->conditions, i);

          if (g_str_equal (condition->namespace_uri, "DAV:") &&
              g_str_equal (condition->name, "lock-token-submitted"))
            {
              saw_locked = TRUE;
              g_assert_nonnull (strstr (condition->content, "locked.txt"));
            }
        }
      g_assert_true (saw_locked);
      break;

    case LOCKED_FOLDER_DELETED:
    default:
      /* Deleted, locked file and all. */
      g_assert_true (item->ok);
      g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_DONE);
      g_assert_cmpuint (item->status, ==, 204);
      g_assert_cmpuint (item->members->len, ==, 0);
      break;
    }

  item = g_ptr_array_index (report->items, 1);
  g_assert_cmpstr (item->url, ==, scene->plain1);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_DONE);
  g_assert_cmpuint (item->status, ==, 204);
  g_assert_true (item->ok);

  item = g_ptr_array_index (report->items, 2);
  g_assert_cmpstr (item->url, ==, scene->plain2);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_DONE);
  g_assert_cmpuint (item->status, ==, 204);
  g_assert_true (item->ok);

  item = g_ptr_array_index (report->items, 3);
  g_assert_cmpstr (item->url, ==, scene->missing);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
  g_assert_cmpuint (item->status, ==, 404);
  g_assert_false (item->ok);

  g_assert_cmpuint (dav_report_count (report, DAV_OUTCOME_DONE), ==, kept ? 2 : 3);
  g_assert_cmpuint (dav_report_count (report, DAV_OUTCOME_FAILED), ==, kept ? 2 : 1);
  g_assert_false (dav_report_all_ok (report));

  /* What is there now is what the report says. */
  names = list_folder (client, scene->folder);
  if (kept)
    {
      g_assert_cmpuint (g_hash_table_size (names), ==, 1);
      g_assert_true (g_hash_table_contains (names, "Locked Folder"));
      inner = list_folder (client, scene->locked_dir);
      g_assert_true (g_hash_table_contains (inner, "locked.txt"));
    }
  else
    {
      g_autoptr(DavResult) result = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (g_hash_table_size (names), ==, 0);
      result = do_propfind (client, scene->locked, DAV_DEPTH_0, DAV_PROPFIND_ALLPROP, NULL, NULL,
                            NULL, &error);
      assert_status (result, error, 404);
    }

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* Rows of an RFC 4180 text: CRLF outside quotes. */
static guint
csv_count_rows (const char *csv)
{
  gboolean quoted = FALSE;
  guint rows = 0;

  for (const char *p = csv; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && p[0] == '\r' && p[1] == '\n')
        rows++;
    }
  g_assert_false (quoted);

  return rows;
}

static void
test_batch_report_formats (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autoptr(LockedScene) scene = NULL;
  g_autofree char *json = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *csv = NULL;
  guint expected_rows = 1; /* the header */
  /* Where the folder is deleted anyway, no 423 is in the report. */
  gboolean kept = expect->delete_locked_folder != LOCKED_FOLDER_DELETED;

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  report = run_locked_delete (client, "report-formats", &scene);

  json = dav_report_to_json (report, TRUE);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  g_assert_true (g_str_has_prefix (json, "{"));
  g_assert_true (g_str_has_suffix (g_strchomp (json), "}"));
  g_assert_nonnull (strstr (json, "\"results\""));
  g_assert_true ((strstr (json, "\"status\": 423") != NULL) == kept);
  g_assert_nonnull (strstr (json, "\"status\": 204"));
  g_assert_nonnull (strstr (json, "\"status\": 404"));
  g_assert_nonnull (strstr (json, "\"ok\": false"));
  g_assert_nonnull (strstr (json, "\"ok\": true"));
  g_assert_nonnull (strstr (json, "\"outcome\": \"done\""));
  g_assert_nonnull (strstr (json, "\"outcome\": \"failed\""));
  g_assert_true ((strstr (json, "locked.txt") != NULL) == kept);

  compact = dav_report_to_json (report, FALSE);
  g_assert_true ((strstr (compact, "\"status\":423") != NULL) == kept);
  g_assert_null (strchr (compact, '\n'));

  csv = dav_report_to_csv (report);
  g_assert_true (g_str_has_prefix (csv, "\"url\",\"member\",\"property\",\"outcome\",\"status\""));
  for (guint i = 0; i < report->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (report->items, i);

      expected_rows += 1 + item->members->len + item->properties->len;
    }
  /* A member row for the locked file where it came in a multistatus. */
  g_assert_cmpuint (expected_rows, >=, 1 + 4 + (expect->delete_locked_folder == LOCKED_FOLDER_KEPT_424));
  g_assert_cmpuint (csv_count_rows (csv), ==, expected_rows);
  g_assert_true ((strstr (csv, "\"423\"") != NULL) == kept);
  g_assert_nonnull (strstr (csv, "\"404\""));

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* ---- MKCOL --------------------------------------------------------------- */

static void
test_mkcol (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *orphan = NULL;

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  folder = make_test_folder (client, "mkcol");
  fresh = child_url (folder, "new folder ü", TRUE);
  orphan = g_strconcat (folder, "no%20parent/child/", NULL);

  result = do_mkcol (client, fresh, &error);
  assert_status (result, error, 201);
  g_assert_true (dav_result_is_success (result));
  g_clear_pointer (&result, dav_result_unref);

  result = do_mkcol (client, fresh, &error);
  assert_status (result, error, 405);
  g_assert_false (dav_result_is_success (result));
  g_clear_pointer (&result, dav_result_unref);

  result = do_mkcol (client, orphan, &error);
  assert_status (result, error, 409);
  g_assert_false (dav_result_is_success (result));

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* ---- PUT and GET --------------------------------------------------------- */

#define BIG_SIZE (5 * 1024 * 1024)

typedef struct {
  GArray *done;   /* goffset */
  goffset total;
} Progress;

static void
progress_cb (goffset  done,
             goffset  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_array_append_val (progress->done, done);
  progress->total = total;
}

static void
assert_progress (Progress *progress,
                 goffset   size)
{
  goffset last = 0;

  g_assert_cmpuint (progress->done->len, >, 1);
  for (guint i = 0; i < progress->done->len; i++)
    {
      goffset value = g_array_index (progress->done, goffset, i);

      g_assert_cmpint (value, >, last);
      last = value;
    }
  g_assert_cmpint (last, ==, size);
  g_assert_cmpint (progress->total, ==, size);
}

static void
test_put_get_big (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GFileInputStream) source = NULL;
  g_autoptr(GOutputStream) sink = NULL;
  g_autofree guint8 *data = g_malloc (BIG_SIZE);
  g_autofree char *folder = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4918);
  Progress up = { g_array_new (FALSE, FALSE, sizeof (goffset)), -2 };
  Progress down = { g_array_new (FALSE, FALSE, sizeof (goffset)), -2 };

  if (test_url () == NULL)
    {
      g_array_unref (up.done);
      g_array_unref (down.done);
      return;
    }

  for (gsize i = 0; i < BIG_SIZE; i += 4)
    {
      guint32 value = g_rand_int (rand);

      memcpy (data + i, &value, 4);
    }
  file = g_file_new_tmp ("davscope-put-XXXXXX.bin", &io, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_replace_contents (file, (const char *) data, BIG_SIZE, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  source = g_file_read (file, NULL, &error);
  g_assert_no_error (error);

  client = client_new (test_url ());
  folder = make_test_folder (client, "put-get");
  url = child_url (folder, "big file.bin", FALSE);

  result = do_put_stream (client, url, G_INPUT_STREAM (source), BIG_SIZE, progress_cb, &up, &error);
  assert_status (result, error, 201);
  g_clear_pointer (&result, dav_result_unref);
  assert_progress (&up, BIG_SIZE);

  sink = g_memory_output_stream_new_resizable ();
  result = do_get (client, url, sink, progress_cb, &down, &error);
  assert_status (result, error, 200);
  g_assert_true (result->complete);
  g_assert_true (g_output_stream_close (sink, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (sink)), ==, BIG_SIZE);
  g_assert_true (memcmp (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (sink)), data,
                         BIG_SIZE) == 0);
  assert_progress (&down, BIG_SIZE);

  g_file_delete (file, NULL, NULL);
  g_array_unref (up.done);
  g_array_unref (down.done);
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* ---- COPY and MOVE ------------------------------------------------------- */

static char *
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

/* The content of @url right after a COPY or MOVE replaced it. lighttpd's
 * stat cache keeps serving the old file for about a second after that
 * (its answer, 204, is right, and so is the file on disk), so there it is
 * read from the share's folder, DAVSCOPE_TEST_ROOT. */
static char *
get_text_after_replace (DavClient  *client,
                        const char *url)
{
  const char *root = g_getenv ("DAVSCOPE_TEST_ROOT");
  g_autofree char *relative = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (!expect->stale_after_replace)
    return get_text (client, url);

  g_assert_nonnull (root);
  g_assert_true (g_str_has_prefix (url, test_url ()));
  relative = g_uri_unescape_string (url + strlen (test_url ()), NULL);
  g_assert_nonnull (relative);
  path = g_build_filename (root, relative, NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

static void
check_copy_move (DavClient  *client,
                 gboolean    move,
                 const char *folder)
{
  const char *verb = move ? "move" : "copy";
  g_autofree char *a = g_strdup_printf ("%s%s-a.txt", folder, verb);
  g_autofree char *b = g_strdup_printf ("%s%s-b.txt", folder, verb);
  g_autofree char *c = g_strdup_printf ("%s%s%%20new.txt", folder, verb);
  g_autofree char *text = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;

  put_text (client, a, "from a\n", 201);
  put_text (client, b, "from b\n", 201);

  result = do_copy_or_move (client, move, a, b, FALSE, &error);
  assert_status (result, error, 412);
  g_assert_false (dav_result_is_success (result));
  g_clear_pointer (&result, dav_result_unref);
  text = get_text (client, b);
  g_assert_cmpstr (text, ==, "from b\n");
  g_clear_pointer (&text, g_free);

  result = do_copy_or_move (client, move, a, b, TRUE, &error);
  assert_status (result, error, 204);
  g_assert_true (dav_result_is_success (result));
  g_clear_pointer (&result, dav_result_unref);
  text = get_text_after_replace (client, b);
  g_assert_cmpstr (text, ==, "from a\n");
  g_clear_pointer (&text, g_free);

  result = do_copy_or_move (client, move, b, c, FALSE, &error);
  assert_status (result, error, expect->copy_new_status);
  g_clear_pointer (&result, dav_result_unref);
  text = get_text (client, c);
  g_assert_cmpstr (text, ==, "from a\n");
  g_clear_pointer (&text, g_free);

  /* A move leaves nothing behind. */
  result = do_propfind (client, b, DAV_DEPTH_0, DAV_PROPFIND_ALLPROP, NULL, NULL, NULL, &error);
  assert_status (result, error, move ? 404 : 207);
}

static void
test_copy_move (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autofree char *folder = NULL;

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  folder = make_test_folder (client, "copy-move");
  check_copy_move (client, FALSE, folder);
  check_copy_move (client, TRUE, folder);

  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_copy_move_outside (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavClient) inner = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) base = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *file = NULL;
  g_autofree char *outside = NULL;
  g_autofree char *parent_trick = NULL;
  g_autofree char *prefix_trick = NULL;
  g_autofree char *other_origin = NULL;
  GListModel *log;
  const char *destinations[5];

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  folder = make_test_folder (client, "outside");
  file = child_url (folder, "stay.txt", FALSE);
  put_text (client, file, "stay\n", 201);

  /* A client whose base collection is the test folder. */
  inner = client_new (folder);
  outside = child_url (test_url (), "escaped.txt", FALSE);
  parent_trick = g_strconcat (folder, "../escaped.txt", NULL);
  prefix_trick = g_strdup_printf ("%.*sX/escaped.txt", (int) strlen (folder) - 1, folder);
  base = g_uri_parse (test_url (), G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  other_origin = g_strdup_printf ("http://localhost:%d/dav/escaped.txt", g_uri_get_port (base));
  destinations[0] = outside;
  destinations[1] = prefix_trick;
  destinations[2] = other_origin;
  destinations[3] = test_url ();
  destinations[4] = parent_trick;

  log = G_LIST_MODEL (dav_client_get_exchange_log (inner));
  for (guint i = 0; i < G_N_ELEMENTS (destinations); i++)
    for (int move = 0; move <= 1; move++)
      {
        guint before = g_list_model_get_n_items (log);

        result = do_copy_or_move (inner, move, file, destinations[i], TRUE, &error);
        g_assert_null (result);
        g_assert_error (error, DAV_ERROR, DAV_ERROR_OUTSIDE);
        g_clear_error (&error);
        /* Refused before any request. */
        g_assert_cmpuint (g_list_model_get_n_items (log), ==, before);
      }

  /* A DELETE of the parent is refused the same way. */
  result = do_delete (inner, test_url (), &error);
  g_assert_null (result);
  g_assert_error (error, DAV_ERROR, DAV_ERROR_OUTSIDE);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 0);

  /* Inside, it works. */
  {
    g_autofree char *inside = child_url (folder, "copied.txt", FALSE);

    result = do_copy_or_move (inner, FALSE, file, inside, FALSE, &error);
    assert_status (result, error, expect->copy_new_status);
    g_clear_pointer (&result, dav_result_unref);
  }
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 1);

  /* Nothing escaped. */
  result = do_propfind (client, outside, DAV_DEPTH_0, DAV_PROPFIND_ALLPROP, NULL, NULL, NULL, &error);
  assert_status (result, error, 404);

  g_assert_finalize_object (g_steal_pointer (&inner));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* ---- LOCK ---------------------------------------------------------------- */

static void
test_lock (void)
{
  g_autoptr(DavClient) owner = NULL;
  g_autoptr(DavClient) other = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *token1 = NULL;
  g_autofree char *token2 = NULL;
  g_autofree char *token3 = NULL;

  if (test_url () == NULL)
    return;

  owner = client_new (test_url ());
  other = client_new (test_url ());
  folder = make_test_folder (owner, "lock");
  first = child_url (folder, "locked one.txt", FALSE);
  second = child_url (folder, "locked#two.txt", FALSE);
  third = child_url (folder, "locked-3.txt", FALSE);
  put_text (owner, first, "one\n", 201);
  put_text (owner, second, "two\n", 201);
  put_text (owner, third, "three\n", 201);

  result = do_lock (owner, first, &error);
  assert_status (result, error, 200);
  g_assert_nonnull (result->lock_token);
  g_assert_true (g_str_has_prefix (result->lock_token, expect->lock_token_prefix));
  token1 = g_strdup (result->lock_token);
  g_clear_pointer (&result, dav_result_unref);

  result = do_lock (owner, second, &error);
  assert_status (result, error, 200);
  g_assert_nonnull (result->lock_token);
  token2 = g_strdup (result->lock_token);
  g_clear_pointer (&result, dav_result_unref);

  result = do_lock (owner, third, &error);
  assert_status (result, error, 200);
  g_assert_nonnull (result->lock_token);
  token3 = g_strdup (result->lock_token);
  g_clear_pointer (&result, dav_result_unref);

  /* A second exclusive lock is refused. */
  result = do_lock (other, first, &error);
  assert_status (result, error, 423);
  g_clear_pointer (&result, dav_result_unref);

  /* UNLOCK with the token of another lock: refused (nginx says 204), and
   * on every server the lock stays. */
  result = do_unlock (other, second, token1, &error);
  assert_status (result, error, expect->unlock_wrong_token_status);
  g_assert_cmpint (dav_result_is_success (result), ==,
                   SOUP_STATUS_IS_SUCCESSFUL (expect->unlock_wrong_token_status));
  g_clear_pointer (&result, dav_result_unref);
  result = do_delete (other, second, &error);
  assert_status (result, error, 423);
  g_clear_pointer (&result, dav_result_unref);

  /* Without the token: Locked. Not even the client that locked it knows
   * the token until it is told. */
  result = do_delete (other, first, &error);
  assert_status (result, error, 423);
  g_clear_pointer (&result, dav_result_unref);
  put_text (owner, first, "overwritten\n", 423);
  put_text (owner, third, "overwritten\n", 423);

  /* With the token, the If header makes it work. */
  dav_client_add_lock_token (owner, third, token3);
  put_text (owner, third, "overwritten\n", 204);
  result = do_delete (owner, third, &error);
  assert_status (result, error, 204);
  g_clear_pointer (&result, dav_result_unref);
  dav_client_remove_lock_token (owner, token3);

  /* The same for a name with a percent-escape, which nginx never matches
   * with the tag of the If header. */
  dav_client_add_lock_token (owner, first, token1);
  put_text (owner, first, "overwritten\n", expect->escaped_if_tag_status);
  result = do_delete (owner, first, &error);
  assert_status (result, error, expect->escaped_if_tag_status);
  g_clear_pointer (&result, dav_result_unref);
  dav_client_remove_lock_token (owner, token1);
  if (expect->escaped_if_tag_status == SOUP_STATUS_LOCKED)
    {
      result = do_unlock (owner, first, token1, &error);
      assert_status (result, error, 204);
      g_clear_pointer (&result, dav_result_unref);
      result = do_delete (other, first, &error);
      assert_status (result, error, 204);
      g_clear_pointer (&result, dav_result_unref);
    }

  /* UNLOCK, then anybody may delete it. */
  result = do_delete (other, second, &error);
  assert_status (result, error, 423);
  g_clear_pointer (&result, dav_result_unref);
  result = do_unlock (owner, second, token2, &error);
  assert_status (result, error, 204);
  g_clear_pointer (&result, dav_result_unref);
  result = do_delete (other, second, &error);
  assert_status (result, error, 204);

  g_assert_finalize_object (g_steal_pointer (&other));
  g_assert_finalize_object (g_steal_pointer (&owner));
}

/* ---- authentication ------------------------------------------------------ */

typedef struct {
  const char *password;   /* NULL: let the 401 through */
  guint       calls;
  guint       retries;    /* calls with retrying TRUE */
  GPtrArray  *schemes;
} AuthState;

static gboolean
authenticate_cb (DavClient *client,
                 SoupAuth  *auth,
                 gboolean   retrying,
                 AuthState *state)
{
  state->calls++;
  if (retrying)
    state->retries++;
  g_ptr_array_add (state->schemes, g_strdup (soup_auth_get_scheme_name (auth)));

  if (state->password == NULL)
    return FALSE;

  soup_auth_authenticate (auth, g_getenv ("DAVSCOPE_TEST_USER"), state->password);
  return TRUE;
}

static gboolean
contains (const char *haystack,
          gsize       length,
          const char *needle)
{
  return haystack != NULL && g_strstr_len (haystack, length, needle) != NULL;
}

static void
assert_no_secret_in (const char *text,
                     gsize       length,
                     const char *password,
                     const char *basic)
{
  g_assert_false (contains (text, length, password));
  g_assert_false (contains (text, length, basic));
}

static void
assert_no_secret_in_headers (GPtrArray  *headers,
                             const char *password,
                             const char *basic,
                             guint      *n_authorization)
{
  for (guint i = 0; i < headers->len; i++)
    {
      const DavHeader *header = g_ptr_array_index (headers, i);

      assert_no_secret_in (header->name, -1, password, basic);
      assert_no_secret_in (header->value, -1, password, basic);
      if (g_ascii_strcasecmp (header->name, "Authorization") == 0)
        {
          g_assert_cmpstr (header->value, ==, DAV_EXCHANGE_REDACTED);
          (*n_authorization)++;
        }
    }
}

static void
assert_no_secret_in_body (GBytes     *body,
                          const char *password,
                          const char *basic)
{
  gsize length;
  const char *data;

  if (body == NULL)
    return;
  data = g_bytes_get_data (body, &length);
  assert_no_secret_in (data, length, password, basic);
}

/* Every exchange of @client: Authorization redacted, the password (and
 * its Basic encoding) nowhere. Returns how many Authorization headers
 * were sent. */
static guint
assert_log_clean (DavClient  *client,
                  const char *password)
{
  GListModel *log = G_LIST_MODEL (dav_client_get_exchange_log (client));
  g_autofree char *userpass = g_strdup_printf ("%s:%s", g_getenv ("DAVSCOPE_TEST_USER"), password);
  g_autofree char *basic = g_base64_encode ((const guchar *) userpass, strlen (userpass));
  guint n_authorization = 0;

  g_assert_cmpuint (g_list_model_get_n_items (log), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(DavExchange) exchange = g_list_model_get_item (log, i);
      g_autofree char *curl = dav_exchange_to_curl (exchange);

      assert_no_secret_in (dav_exchange_get_url (exchange), -1, password, basic);
      assert_no_secret_in (curl, -1, password, basic);
      assert_no_secret_in (dav_exchange_get_error (exchange), -1, password, basic);
      assert_no_secret_in (dav_exchange_get_reason (exchange), -1, password, basic);
      assert_no_secret_in_headers (dav_exchange_get_request_headers (exchange), password, basic,
                                   &n_authorization);
      assert_no_secret_in_headers (dav_exchange_get_response_headers (exchange), password, basic,
                                   &n_authorization);
      assert_no_secret_in_body (dav_exchange_get_request_body (exchange), password, basic);
      assert_no_secret_in_body (dav_exchange_get_response_body (exchange), password, basic);
      if (strstr (curl, "Authorization") != NULL)
        g_assert_nonnull (strstr (curl, DAV_EXCHANGE_REDACTED));
    }

  return n_authorization;
}

typedef enum {
  AUTH_RIGHT,
  AUTH_WRONG,
  AUTH_NONE,
} AuthCase;

static void
check_auth (const char *env_url,
            const char *scheme,
            AuthCase    which)
{
  const char *url = g_getenv (env_url);
  const char *password = g_getenv ("DAVSCOPE_TEST_PASSWORD");
  g_autofree char *wrong = g_strconcat (password ? password : "", "-not", NULL);
  AuthState state = { NULL, 0, 0, g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_authorization;

  if (test_url () != NULL && g_str_equal (scheme, "Digest") && !expect->has_digest)
    {
      /* Not a share this server has: with-server exports none. */
      g_assert_null (url);
      g_test_skip_printf ("%s has no Digest share", expect->name);
      g_ptr_array_unref (state.schemes);
      return;
    }
  if (test_url () == NULL || url == NULL || password == NULL)
    {
      if (!g_test_failed ())
        g_test_skip ("no authenticated share");
      g_ptr_array_unref (state.schemes);
      return;
    }

  client = client_new (url);
  /* Apache answers at once; a stall is a failure, not something to wait
   * a minute for. */
  dav_client_set_timeout (client, 5);
  if (which != AUTH_NONE)
    {
      state.password = which == AUTH_RIGHT ? password : wrong;
      g_signal_connect (client, "authenticate", G_CALLBACK (authenticate_cb), &state);
    }

  result = do_propfind (client, url, DAV_DEPTH_1, DAV_PROPFIND_ALLPROP, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  switch (which)
    {
    case AUTH_RIGHT:
      assert_status (result, error, 207);
      g_assert_true (result->complete);
      g_assert_cmpuint (state.calls, ==, 1);
      g_assert_cmpuint (state.retries, ==, 0);
      break;
    case AUTH_WRONG:
      assert_status (result, error, 401);
      g_assert_false (dav_result_is_success (result));
      /* Asked again with retrying set, and not for ever. */
      g_assert_cmpuint (state.calls, >=, 2);
      g_assert_cmpuint (state.calls, <=, 3);
      g_assert_cmpuint (state.retries, >=, 1);
      break;
    case AUTH_NONE:
    default:
      assert_status (result, error, 401);
      g_assert_cmpuint (state.calls, ==, 0);
      break;
    }
  for (guint i = 0; i < state.schemes->len; i++)
    g_assert_cmpstr (g_ptr_array_index (state.schemes, i), ==, scheme);

  n_authorization = assert_log_clean (client, password);
  if (which == AUTH_NONE)
    g_assert_cmpuint (n_authorization, ==, 0);
  else
    g_assert_cmpuint (n_authorization, >=, 1);
  assert_log_clean (client, wrong);

  g_signal_handlers_disconnect_by_data (client, &state);
  g_ptr_array_unref (state.schemes);
  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_auth_basic_right (void)
{
  check_auth ("DAVSCOPE_TEST_BASIC_URL", "Basic", AUTH_RIGHT);
}

static void
test_auth_basic_wrong (void)
{
  check_auth ("DAVSCOPE_TEST_BASIC_URL", "Basic", AUTH_WRONG);
}

static void
test_auth_basic_none (void)
{
  check_auth ("DAVSCOPE_TEST_BASIC_URL", "Basic", AUTH_NONE);
}

static void
test_auth_digest_right (void)
{
  check_auth ("DAVSCOPE_TEST_DIGEST_URL", "Digest", AUTH_RIGHT);
}

static void
test_auth_digest_wrong (void)
{
  check_auth ("DAVSCOPE_TEST_DIGEST_URL", "Digest", AUTH_WRONG);
}

static void
test_auth_digest_none (void)
{
  check_auth ("DAVSCOPE_TEST_DIGEST_URL", "Digest", AUTH_NONE);
}

/* The first request of a client is answered 401 and sent again with
 * credentials: its body must go again too, whole. */
static void
test_auth_put (void)
{
  const char *url = g_getenv ("DAVSCOPE_TEST_BASIC_URL");
  const char *password = g_getenv ("DAVSCOPE_TEST_PASSWORD");
  AuthState state = { password, 0, 0, g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavClient) reader = NULL;
  g_autofree char *file = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (test_url () == NULL || url == NULL || password == NULL)
    {
      if (!g_test_failed ())
        g_test_skip ("no authenticated share");
      g_ptr_array_unref (state.schemes);
      return;
    }

  client = client_new (url);
  dav_client_set_timeout (client, 5);
  g_signal_connect (client, "authenticate", G_CALLBACK (authenticate_cb), &state);
  name = g_strdup_printf ("t%d-auth put.txt", (int) getpid ());
  file = child_url (url, name, FALSE);
  put_text (client, file, "the whole body, after the 401\n", 201);
  g_assert_cmpuint (state.calls, ==, 1);

  /* Read back by another client, so nothing is cached. */
  reader = client_new (url);
  g_signal_connect (reader, "authenticate", G_CALLBACK (authenticate_cb), &state);
  text = get_text (reader, file);
  g_assert_cmpstr (text, ==, "the whole body, after the 401\n");

  assert_log_clean (client, password);
  assert_log_clean (reader, password);
  g_signal_handlers_disconnect_by_data (client, &state);
  g_signal_handlers_disconnect_by_data (reader, &state);
  g_ptr_array_unref (state.schemes);
  g_assert_finalize_object (g_steal_pointer (&reader));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* ---- 10,000 files -------------------------------------------------------- */

#define BULK_FILES 10000

static void
test_bulk (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;

  if (test_url () == NULL)
    return;
  if (g_getenv ("DAVSCOPE_TEST_BULK") == NULL)
    {
      g_test_skip ("set DAVSCOPE_TEST_BULK and use --seed bulk:10000");
      return;
    }

  client = client_new (test_url ());
  folder = child_url (test_url (), "bulk", TRUE);

  result = do_propfind (client, folder, DAV_DEPTH_1, DAV_PROPFIND_ALLPROP, NULL, NULL, NULL, &error);
  assert_status (result, error, 207);
  g_assert_true (result->complete);
  g_assert_cmpuint (result->body->n_responses, ==, BULK_FILES + 1);
  g_assert_cmpuint (result->body->responses->len, ==, BULK_FILES + 1);

  names = listing_names (folder, result->body->responses);
  g_assert_cmpuint (g_hash_table_size (names), ==, BULK_FILES);
  g_assert_true (g_hash_table_contains (names, "f00000.txt"));
  g_assert_true (g_hash_table_contains (names, "f09999.txt"));

  g_assert_finalize_object (g_steal_pointer (&client));
}

/* ---- batches of transfers ------------------------------------------------- */

static void
on_batch_progress (DavBatch *batch,
                   guint64   done,
                   gint64    total,
                   gpointer  user_data)
{
  guint64 *last = user_data;

  /* Bytes only ever add up. */
  g_assert_cmpuint (done, >=, *last);
  *last = done;
}

static char *
read_local (GFile *file)
{
  char *contents = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  return contents;
}

/* A COPY or MOVE to a new name, sent with Overwrite: F: done. A 204
 * says an existing item was replaced, which that header forbids, so the
 * item carries a problem saying so. */
static void
assert_copy_new_item (const DavReportItem *item)
{
  g_assert_cmpuint (item->status, ==, expect->copy_new_status);
  g_assert_true (item->ok);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_DONE);
  g_assert_false (item->overwrite);
  if (expect->copy_new_status == SOUP_STATUS_NO_CONTENT)
    {
      g_assert_cmpuint (item->problems->len, ==, 1);
      g_assert_cmpint (((const DavProblem *) g_ptr_array_index (item->problems, 0))->kind, ==,
                       DAV_PROBLEM_CONTRADICTS_REQUEST);
    }
  else
    g_assert_cmpuint (item->problems->len, ==, 0);
}

/* MKCOL, PUT from local files, COPY and MOVE with and without Overwrite,
 * GET into local files: every item says what the server said, and nothing
 * local is replaced unless asked. */
static void
test_batch_transfers (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *tmpdir = NULL;
  g_autoptr(GFile) local_a = NULL;
  g_autoptr(GFile) local_b = NULL;
  g_autoptr(GFile) local_dir = NULL;
  g_autoptr(GFile) out_a = NULL;
  g_autoptr(GFile) out_b = NULL;
  g_autoptr(GFile) out_missing = NULL;
  g_autofree char *url_a = NULL;
  g_autofree char *url_b = NULL;
  g_autofree char *url_c = NULL;
  g_autofree char *copy_a = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) error = NULL;
  const DavReportItem *item;
  guint64 last = 0;
  gsize big_len = 3 * 1024 * 1024 + 17;

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  folder = make_test_folder (client, "batch-transfers");
  sub = child_url (folder, "Sub folder ü", TRUE);
  url_a = child_url (folder, "a b.txt", FALSE);
  url_b = child_url (folder, "Grüße #2.bin", FALSE);
  url_c = child_url (folder, "c.txt", FALSE);

  tmpdir = g_dir_make_tmp ("davscope-batch-XXXXXX", &error);
  g_assert_no_error (error);
  local_dir = g_file_new_for_path (tmpdir);
  local_a = g_file_get_child (local_dir, "a.txt");
  local_b = g_file_get_child (local_dir, "b.bin");
  g_assert_true (g_file_replace_contents (local_a, "alpha\n", 6, NULL, FALSE, 0, NULL, NULL, NULL));
  big = g_malloc (big_len);
  for (gsize i = 0; i < big_len; i++)
    big[i] = (char) (i * 7 + (i >> 11));
  g_assert_true (g_file_replace_contents (local_b, big, big_len, NULL, FALSE, 0, NULL, NULL, NULL));

  /* MKCOL and uploads. */
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;
    g_autoptr(GFile) missing = g_file_get_child (local_dir, "nope.txt");

    g_assert_true (dav_batch_add_mkcol (batch, sub, &error));
    g_assert_true (dav_batch_add_upload (batch, local_a, url_a, FALSE, &error));
    g_assert_true (dav_batch_add_upload (batch, local_b, url_b, FALSE, &error));
    /* A folder is not uploaded, a missing file is refused at once. */
    g_assert_false (dav_batch_add_upload (batch, local_dir, url_c, FALSE, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
    g_clear_error (&error);
    g_assert_false (dav_batch_add_upload (batch, missing, url_c, FALSE, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
    /* Outside what the client may change. */
    g_assert_false (dav_batch_add_upload (batch, local_a, "http://127.0.0.1:1/elsewhere/a.txt", FALSE, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);

    g_signal_connect (batch, "progress", G_CALLBACK (on_batch_progress), &last);
    report = run_batch (batch);
    g_assert_cmpuint (report->items->len, ==, 3);
    g_assert_true (dav_report_all_ok (report));
    item = g_ptr_array_index (report->items, 0);
    g_assert_cmpstr (item->method, ==, "MKCOL");
    g_assert_cmpuint (item->status, ==, 201);
    item = g_ptr_array_index (report->items, 2);
    g_assert_cmpstr (item->method, ==, "PUT");
    g_assert_cmpuint (item->status, ==, 201);
    g_assert_cmpstr (item->destination, ==, g_file_peek_path (local_b));
    g_assert_cmpuint (last, ==, 6 + big_len);
  }

  /* Uploading onto an existing file: 412 unless replacing is chosen
   * (nginx replaces it anyway, and says so: 204). */
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;

    g_assert_true (dav_batch_add_upload (batch, local_a, url_a, FALSE, &error));
    report = run_batch (batch);
    item = g_ptr_array_index (report->items, 0);
    g_assert_cmpuint (item->status, ==, expect->put_if_none_match_status);
    if (expect->put_if_none_match_status == 412)
      {
        g_assert_false (item->ok);
        g_assert_true (item->destination_exists);
      }
    else
      {
        g_assert_true (item->ok);
        g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_DONE);
        g_assert_false (item->destination_exists);
      }
  }
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;

    g_assert_true (dav_batch_add_upload (batch, local_a, url_a, TRUE, &error));
    report = run_batch (batch);
    item = g_ptr_array_index (report->items, 0);
    g_assert_cmpuint (item->status, ==, 204);
    g_assert_true (item->ok);
  }

  /* COPY into the sub folder, then again without Overwrite: 412, and
   * with it: 204. MOVE of b into the sub folder. */
  copy_a = child_url (sub, "a b.txt", FALSE);
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;

    g_assert_true (dav_batch_add_copy (batch, url_a, copy_a, FALSE, &error));
    g_assert_false (dav_batch_add_copy (batch, url_a, copy_a, FALSE, &error));
    g_assert_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_false (dav_batch_add_copy (batch, url_c, "http://127.0.0.1:1/x", FALSE, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    report = run_batch (batch);
    item = g_ptr_array_index (report->items, 0);
    assert_copy_new_item (item);
    g_assert_cmpstr (item->destination, ==, copy_a);
  }
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;
    g_autofree char *moved_b = child_url (sub, "Grüße #2.bin", FALSE);

    g_assert_true (dav_batch_add_copy (batch, url_a, copy_a, FALSE, &error));
    g_assert_true (dav_batch_add_move (batch, url_b, moved_b, FALSE, &error));
    report = run_batch (batch);
    item = g_ptr_array_index (report->items, 0);
    g_assert_cmpuint (item->status, ==, 412);
    g_assert_false (item->ok);
    g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
    g_assert_nonnull (strstr (item->explanation, "already exists"));
    g_assert_true (item->destination_exists);
    item = g_ptr_array_index (report->items, 1);
    g_assert_cmpstr (item->method, ==, "MOVE");
    assert_copy_new_item (item);
  }
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;

    g_assert_true (dav_batch_add_copy (batch, url_a, copy_a, TRUE, &error));
    report = run_batch (batch);
    item = g_ptr_array_index (report->items, 0);
    g_assert_cmpuint (item->status, ==, 204);
    g_assert_true (item->ok);
  }
  names = list_folder (client, sub);
  g_assert_true (g_hash_table_contains (names, "a b.txt"));
  g_assert_true (g_hash_table_contains (names, "Grüße #2.bin"));
  g_clear_pointer (&names, g_hash_table_unref);
  names = list_folder (client, folder);
  g_assert_false (g_hash_table_contains (names, "Grüße #2.bin"));

  /* Downloads: the big file comes back identical; an existing local file
   * is kept without @overwrite; a 404 leaves nothing behind. */
  out_a = g_file_get_child (local_dir, "out-a.txt");
  out_b = g_file_get_child (local_dir, "out-b.bin");
  out_missing = g_file_get_child (local_dir, "out-missing.txt");
  g_assert_true (g_file_replace_contents (out_a, "keep me", 7, NULL, FALSE, 0, NULL, NULL, NULL));
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;
    g_autofree char *moved_b = child_url (sub, "Grüße #2.bin", FALSE);
    g_autofree char *contents = NULL;
    gsize length = 0;
    g_autoptr(GFileEnumerator) children = NULL;
    GFileInfo *info;
    guint n_files = 0;

    g_assert_true (dav_batch_add_download (batch, copy_a, out_a, FALSE, &error));
    g_assert_true (dav_batch_add_download (batch, moved_b, out_b, FALSE, &error));
    g_assert_true (dav_batch_add_download (batch, url_c, out_missing, FALSE, &error));
    /* Two downloads into one file. */
    g_assert_false (dav_batch_add_download (batch, url_a, out_b, FALSE, &error));
    g_assert_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    last = 0;
    g_signal_connect (batch, "progress", G_CALLBACK (on_batch_progress), &last);
    report = run_batch (batch);

    item = g_ptr_array_index (report->items, 0);
    g_assert_false (item->ok);
    g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_NOT_ATTEMPTED);
    g_assert_true (item->destination_exists);
    contents = read_local (out_a);
    g_assert_cmpstr (contents, ==, "keep me");
    g_clear_pointer (&contents, g_free);

    item = g_ptr_array_index (report->items, 1);
    g_assert_true (item->ok);
    g_assert_cmpuint (item->status, ==, 200);
    g_assert_true (g_file_load_contents (out_b, NULL, &contents, &length, NULL, NULL));
    g_assert_cmpmem (contents, length, big, big_len);
    g_assert_cmpuint (last, ==, big_len);

    item = g_ptr_array_index (report->items, 2);
    g_assert_false (item->ok);
    g_assert_cmpuint (item->status, ==, 404);
    g_assert_false (g_file_query_exists (out_missing, NULL));

    /* No temporary file is left behind. */
    children = g_file_enumerate_children (local_dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
    while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_assert_false (g_str_has_suffix (g_file_info_get_name (info), ".part"));
        n_files++;
        g_object_unref (info);
      }
    g_assert_cmpuint (n_files, ==, 4);
  }
  {
    g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
    g_autoptr(DavReport) report = NULL;
    g_autofree char *contents = NULL;

    g_assert_true (dav_batch_add_download (batch, copy_a, out_a, TRUE, &error));
    report = run_batch (batch);
    g_assert_true (dav_report_all_ok (report));
    contents = read_local (out_a);
    g_assert_cmpstr (contents, ==, "alpha\n");
  }

  g_assert_true (g_file_delete (out_a, NULL, NULL));
  g_assert_true (g_file_delete (out_b, NULL, NULL));
  g_assert_true (g_file_delete (local_a, NULL, NULL));
  g_assert_true (g_file_delete (local_b, NULL, NULL));
  g_assert_true (g_file_delete (local_dir, NULL, NULL));
}

/* An upload of a folder tree in one batch: each MKCOL waits for the one
 * before, and the files wait for the folders, at any concurrency. */
static void
test_batch_tree (void)
{
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavBatch) batch = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *tmpdir = NULL;
  g_autoptr(GFile) local = NULL;
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);

  if (test_url () == NULL)
    return;

  client = client_new (test_url ());
  folder = make_test_folder (client, "batch-tree");
  tmpdir = g_dir_make_tmp ("davscope-tree-XXXXXX", &error);
  g_assert_no_error (error);
  local = g_file_new_build_filename (tmpdir, "f.txt", NULL);
  g_assert_true (g_file_replace_contents (local, "f\n", 2, NULL, FALSE, 0, NULL, NULL, NULL));

  batch = dav_batch_new (client, 8);
  g_ptr_array_add (urls, child_url (folder, "a", TRUE));
  for (guint depth = 1; depth < 6; depth++)
    g_ptr_array_add (urls, child_url (g_ptr_array_index (urls, depth - 1), "sub", TRUE));
  for (guint i = 0; i < urls->len; i++)
    g_assert_true (dav_batch_add_mkcol (batch, g_ptr_array_index (urls, i), &error));
  for (guint i = 0; i < urls->len; i++)
    {
      g_autofree char *file_url = child_url (g_ptr_array_index (urls, i), "f.txt", FALSE);

      g_assert_true (dav_batch_add_upload (batch, local, file_url, FALSE, &error));
    }
  report = run_batch (batch);
  for (guint i = 0; i < report->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (report->items, i);

      if (!item->ok)
        g_error ("%s %s: %u", item->method, item->url, item->status);
    }
  g_assert_true (dav_report_all_ok (report));

  g_assert_true (g_file_delete (local, NULL, NULL));
  g_assert_cmpint (g_rmdir (tmpdir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* As libsoup's own tests do: the isolated XDG dirs hold no GSettings
   * schemas, which the GNOME proxy resolver would abort on; and only
   * 127.0.0.1 is used, which never goes through a proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  expect = DAV_TEST_SERVER_FIND (servers);

  g_test_add_func ("/client/propfind/allprop", test_propfind_allprop);
  g_test_add_func ("/client/propfind/named", test_propfind_named);
  g_test_add_func ("/client/propfind/streaming", test_propfind_streaming);
  g_test_add_func ("/client/propfind/infinity", test_propfind_infinity);
  g_test_add_func ("/client/proppatch/dead", test_proppatch_dead);
  g_test_add_func ("/client/proppatch/protected", test_proppatch_protected);
  g_test_add_func ("/client/batch/delete-locked", test_batch_delete_locked);
  g_test_add_func ("/client/batch/report-formats", test_batch_report_formats);
  g_test_add_func ("/client/batch/transfers", test_batch_transfers);
  g_test_add_func ("/client/batch/tree", test_batch_tree);
  g_test_add_func ("/client/mkcol", test_mkcol);
  g_test_add_func ("/client/put-get", test_put_get_big);
  g_test_add_func ("/client/copy-move", test_copy_move);
  g_test_add_func ("/client/copy-move/outside", test_copy_move_outside);
  g_test_add_func ("/client/lock", test_lock);
  g_test_add_func ("/client/auth/basic/right", test_auth_basic_right);
  g_test_add_func ("/client/auth/basic/wrong", test_auth_basic_wrong);
  g_test_add_func ("/client/auth/basic/none", test_auth_basic_none);
  g_test_add_func ("/client/auth/digest/right", test_auth_digest_right);
  g_test_add_func ("/client/auth/digest/wrong", test_auth_digest_wrong);
  g_test_add_func ("/client/auth/digest/none", test_auth_digest_none);
  g_test_add_func ("/client/auth/basic/put", test_auth_put);
  g_test_add_func ("/client/bulk", test_bulk);

  return g_test_run ();
}
