/* test-client-properties.c: PROPFIND and PROPPATCH against real servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listings with allprop and with named properties, streamed, and with
 * Depth: infinity (which each server answers its own way); dead
 * properties set, read back and removed, and PROPPATCHes that touch a
 * protected property; and, under --seed bulk:10000, a listing of 10,000
 * files. The run and the table of what each server does are in client.h.
 */

#include <string.h>

#include "dav-href.h"
#include "dav-property-reader.h"

#include "client.h"

/* ---- PROPFIND ------------------------------------------------------------ */

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

  result = do_propfind (client, folder, &error);
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

  result = do_propfind_full (client, folder, DAV_DEPTH_1, DAV_PROPFIND_PROP, props, NULL, NULL, &error);
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
  result = do_propfind_full (client, folder, DAV_DEPTH_1, DAV_PROPFIND_ALLPROP, NULL,
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

  result = do_propfind_full (client, folder, DAV_DEPTH_INFINITY, DAV_PROPFIND_PROP, props, NULL, NULL,
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
  DavResult *result = do_propfind_full (client, url, DAV_DEPTH_0, DAV_PROPFIND_PROP, props, NULL, NULL, &error);

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

  result = do_propfind (client, folder, &error);
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

int
main (int   argc,
      char *argv[])
{
  client_init (&argc, &argv);

  g_test_add_func ("/client/propfind/allprop", test_propfind_allprop);
  g_test_add_func ("/client/propfind/named", test_propfind_named);
  g_test_add_func ("/client/propfind/streaming", test_propfind_streaming);
  g_test_add_func ("/client/propfind/infinity", test_propfind_infinity);
  g_test_add_func ("/client/proppatch/dead", test_proppatch_dead);
  g_test_add_func ("/client/proppatch/protected", test_proppatch_protected);
  g_test_add_func ("/client/bulk", test_bulk);

  return g_test_run ();
}
