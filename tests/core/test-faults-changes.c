/* test-faults-changes.c: what a server says a change did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavClient and DavBatch against servers whose answers to DELETE,
 * PROPPATCH, COPY, MOVE and PUT are partial, contradictory or cut off
 * (docs/hostile-servers.md cases 13 and 40): several hrefs in one
 * response, a server gone in the middle of a batch, PROPPATCH answers
 * about other properties, 204s that contradict Overwrite: F, a 423 that
 * names another resource, and a server that never sends 100 Continue.
 * The report never claims more than the server confirmed.
 */

#include <string.h>

#include "faults.h"

static void
test_delete_no_depth (void)
{
  g_autoptr(Server) server = server_new (no_content_handler, NULL);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_strconcat (server->dav_url, "folder/", NULL);
  g_autofree char *file = g_strconcat (server->dav_url, "file.txt", NULL);
  g_autofree char *other_folder = g_strconcat (server->dav_url, "other/", NULL);
  DavResult *result;

  result = do_delete (client, folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 204);
  dav_result_unref (result);
  result = do_delete (client, file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 204);
  dav_result_unref (result);

  g_assert_true (dav_batch_add_delete (batch, other_folder, &error));
  g_assert_no_error (error);
  report = run_batch (batch);
  g_assert_true (dav_report_all_ok (report));

  g_assert_cmpuint (server_count (server, "DELETE"), ==, 3);
  g_assert_cmpuint (server->seen->len, ==, 3);
  for (guint i = 0; i < server->seen->len; i++)
    {
      const Seen *seen = g_ptr_array_index (server->seen, i);

      /* Only "infinity" is allowed, and it is the default (RFC 4918 §9.6.1). */
      g_assert_null (soup_message_headers_get_one (seen->headers, "Depth"));
    }

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* Requests 1 and 2 are deleted; on the 3rd the server goes away: no
 * answer, and nobody listening any more. */
static gboolean
going_away_func (Raw           *raw,
                 GOutputStream *out,
                 guint          index,
                 const char    *head)
{
  if (index < 2)
    {
      write_text (out, "HTTP/1.1 204 No Content\r\n\r\n");
      return TRUE;
    }

  raw_stop_listening_from_worker (raw);
  return FALSE;
}

static void
test_batch_server_gone (void)
{
  g_autoptr(Raw) raw = raw_new (going_away_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavBatch) batch = dav_batch_new (client, 1);
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const DavReportItem *third;
  guint not_attempted = 0;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *url = g_strdup_printf ("%sitem-%u.txt", raw->dav_url, i);

      g_assert_true (dav_batch_add_delete (batch, url, &error));
      g_assert_no_error (error);
    }

  report = run_batch (batch);
  g_assert_cmpuint (report->items->len, ==, 10);
  for (guint i = 0; i < report->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (report->items, i);

      g_test_message ("item %u: %s %u %s", i, dav_outcome_to_string (item->outcome),
                      item->status, item->error ? item->error : "");
      if (i < 2)
        {
          g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_DONE);
          g_assert_cmpuint (item->status, ==, 204);
          g_assert_true (item->ok);
          continue;
        }

      /* Never claimed done; what was sent without an answer is unknown. */
      g_assert_false (item->ok);
      g_assert_true (item->outcome == DAV_OUTCOME_NOT_ATTEMPTED ||
                     item->outcome == DAV_OUTCOME_UNKNOWN);
      g_assert_cmpuint (item->status, ==, 0);
      if (item->outcome == DAV_OUTCOME_NOT_ATTEMPTED)
        not_attempted++;
    }
  g_assert_cmpuint (dav_report_count (report, DAV_OUTCOME_DONE), ==, 2);
  /* The third got no answer: unknown, whatever libsoup did about it. */
  third = g_ptr_array_index (report->items, 2);
  g_assert_cmpint (third->outcome, ==, DAV_OUTCOME_UNKNOWN);
  /* Once the server is gone, the rest are not tried one by one. */
  g_assert_cmpuint (not_attempted, >=, 6);
  g_assert_cmpint (g_atomic_int_get (&raw->n_requests), ==, 3);

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* DELETE of /dav/coll/: a 207 naming two locked members in one
 * response (RFC 4918 allows several hrefs with one status). */
static void
multi_href_handler (SoupServer        *soup_server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  respond (msg, 207, "application/xml; charset=utf-8",
           XML_HEAD
           "<D:response><D:href>/dav/coll/a</D:href><D:href>/dav/coll/b</D:href>"
           "<D:status>HTTP/1.1 423 Locked</D:status></D:response>\n"
           XML_TAIL);
}

/* docs/hostile-servers.md case 13: both hrefs are reported, both as failed
 * (423), and the folder is not reported deleted. */
static void
test_batch_multi_href (void)
{
  g_autoptr(Server) server = server_new (multi_href_handler, NULL);
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavBatch) batch = dav_batch_new (client, 1);
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (server->dav_url, "coll/", NULL);
  const DavReportItem *item;

  g_assert_true (dav_batch_add_delete (batch, url, &error));
  report = run_batch (batch);
  g_assert_cmpuint (report->items->len, ==, 1);
  item = g_ptr_array_index (report->items, 0);
  g_assert_false (item->ok);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
  g_assert_cmpuint (item->status, ==, 207);
  g_assert_cmpuint (item->members->len, ==, 2);
  for (guint i = 0; i < item->members->len; i++)
    {
      const DavReportMember *member = g_ptr_array_index (item->members, i);

      g_assert_cmpstr (member->href, ==, i == 0 ? "/dav/coll/a" : "/dav/coll/b");
      g_assert_cmpuint (member->status, ==, 423);
      g_assert_false (member->ok);
    }
  g_assert_false (dav_report_all_ok (report));

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* Fifty DELETEs, one at a time: the 7th is locked, the 10th a folder
 * whose child is forbidden, and the 31st gets no answer: the server is
 * gone. */
static gboolean
partial_delete_func (Raw           *raw,
                     GOutputStream *out,
                     guint          index,
                     const char    *head)
{
  if (index == 6)
    write_str (out, "HTTP/1.1 423 Locked\r\nContent-Length: 0\r\n\r\n");
  else if (index == 9)
    {
      const char *body = XML_HEAD "<D:response><D:href>/dav/folder-10/child.txt</D:href>"
                         "<D:status>HTTP/1.1 403 Forbidden</D:status></D:response>\n" XML_TAIL;

      write_207_head (out, strlen (body));
      write_str (out, body);
    }
  else if (index < 30)
    write_str (out, "HTTP/1.1 204 No Content\r\n\r\n");
  else
    {
      raw_stop_listening_from_worker (raw);
      return FALSE;
    }

  return TRUE;
}

/* docs/hostile-servers.md case 40: the report names one locked item, one
 * folder not deleted with the child that failed, the items after the drop
 * as not attempted (the one in flight as unknown), the rest deleted; no
 * blanket success, and no DELETE carries a Depth header. */
static void
test_batch_partial_delete (void)
{
  g_autoptr(Raw) raw = raw_new (partial_delete_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavBatch) batch = dav_batch_new (client, 1);
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  const DavReportItem *item;

  for (guint i = 1; i <= 50; i++)
    {
      g_autofree char *url = i == 10 ? g_strconcat (raw->dav_url, "folder-10/", NULL)
                                     : g_strdup_printf ("%sitem-%02u.txt", raw->dav_url, i);

      g_assert_true (dav_batch_add_delete (batch, url, &error));
      g_assert_no_error (error);
    }

  report = run_batch (batch);
  g_assert_cmpuint (report->items->len, ==, 50);
  g_assert_false (dav_report_all_ok (report));

  item = g_ptr_array_index (report->items, 6);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
  g_assert_cmpuint (item->status, ==, 423);

  item = g_ptr_array_index (report->items, 9);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
  g_assert_cmpuint (item->status, ==, 207);
  g_assert_cmpuint (item->members->len, ==, 1);
  g_assert_cmpstr (((DavReportMember *) g_ptr_array_index (item->members, 0))->href, ==, "/dav/folder-10/child.txt");
  g_assert_cmpuint (((DavReportMember *) g_ptr_array_index (item->members, 0))->status, ==, 403);

  /* The 31st was sent and never answered: whether it happened is not
   * known (a fairer word than "not attempted"). */
  item = g_ptr_array_index (report->items, 30);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_UNKNOWN);
  for (guint i = 31; i < 50; i++)
    g_assert_cmpint (((DavReportItem *) g_ptr_array_index (report->items, i))->outcome, ==, DAV_OUTCOME_NOT_ATTEMPTED);

  g_assert_cmpuint (dav_report_count (report, DAV_OUTCOME_DONE), ==, 28);
  g_assert_cmpuint (dav_report_count (report, DAV_OUTCOME_FAILED), ==, 2);
  g_assert_cmpuint (dav_report_count (report, DAV_OUTCOME_UNKNOWN), ==, 1);
  g_assert_cmpuint (dav_report_count (report, DAV_OUTCOME_NOT_ATTEMPTED), ==, 19);

  lines = raw_request_lines (raw, "DELETE");
  g_assert_cmpuint (lines->len, ==, 31);
  g_mutex_lock (&raw->lock);
  for (guint i = 0; i < raw->heads->len; i++)
    g_assert_null (strstr (g_ptr_array_index (raw->heads, i), "\nDepth:"));
  g_mutex_unlock (&raw->lock);

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* Answers every PROPPATCH, COPY and MOVE with the status and body in
 * server->data ("STATUS\nBODY"). */
static void
canned_handler (SoupServer        *soup_server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Server *server = user_data;
  const char *canned = server->data;
  const char *body = strchr (canned, '\n');

  respond (msg, (guint) g_ascii_strtoull (canned, NULL, 10), "application/xml; charset=utf-8",
           body != NULL && body[1] != '\0' ? body + 1 : NULL);
}

static DavReportItem *
proppatch_item (Server  *server,
                guint    n_patches,
                const char * const *names)
{
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavBatch) batch = dav_batch_new (client, 2);
  g_autoptr(GPtrArray) patches = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_prop_patch_free);
  g_autofree char *url = g_strconcat (server->dav_url, "file.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DavReport) report = NULL;

  for (guint i = 0; i < n_patches; i++)
    {
      g_autofree char *ns = NULL;
      g_autofree char *name = NULL;

      g_assert_true (dav_parse_clark_name (names[i], &ns, &name));
      g_ptr_array_add (patches, dav_prop_patch_new_set (ns, name, "value", FALSE));
    }
  g_assert_true (dav_batch_add_proppatch (batch, url, patches, &error));
  g_assert_no_error (error);
  report = run_batch (batch);
  g_assert_cmpuint (report->items->len, ==, 1);

  return g_ptr_array_steal_index (report->items, 0);
}

static const DavReportProperty *
report_property (const DavReportItem *item,
                 const char          *namespace_uri,
                 const char          *name)
{
  for (guint i = 0; i < item->properties->len; i++)
    {
      const DavReportProperty *property = g_ptr_array_index (item->properties, i);

      if (g_str_equal (property->namespace_uri, namespace_uri) && g_str_equal (property->name, name))
        return property;
    }

  return NULL;
}

#define PROPPATCH_ANSWER(props) \
  "207\n" XML_HEAD "<D:response><D:href>/dav/file.txt</D:href><D:propstat><D:prop>" props \
  "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>" XML_TAIL

/* Asked {urn:x:ns}author and {urn:x:ns}title; the server confirms
 * {urn:x:}nsauthor, a property nobody asked about, and nothing else. */
static void
test_proppatch_other_property (void)
{
  g_autoptr(Server) server = server_new (canned_handler,
                                         PROPPATCH_ANSWER ("<x:nsauthor xmlns:x=\"urn:x:\"/>"));
  const char *names[] = { "{urn:x:ns}author", "{urn:x:ns}title" };
  g_autoptr(DavReportItem) item = proppatch_item (server, 2, names);
  const DavReportProperty *property;

  g_assert_false (item->ok);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
  g_assert_true (item->complete);
  g_assert_cmpuint (item->properties->len, ==, 3);

  property = report_property (item, "urn:x:", "nsauthor");
  g_assert_nonnull (property);
  g_assert_cmpuint (property->status, ==, 200);
  g_assert_false (property->ok);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *ns = NULL;
      g_autofree char *name = NULL;

      g_assert_true (dav_parse_clark_name (names[i], &ns, &name));
      property = report_property (item, ns, name);
      g_assert_nonnull (property);
      g_assert_cmpuint (property->status, ==, 0);
      g_assert_false (property->ok);
      g_assert_nonnull (strstr (property->explanation, "No answer"));
    }

  g_assert_cmpuint (item->problems->len, ==, 3);
  g_assert_cmpint (((DavProblem *) g_ptr_array_index (item->problems, 0))->kind, ==, DAV_PROBLEM_UNASKED_PROPERTY);
  g_assert_cmpint (((DavProblem *) g_ptr_array_index (item->problems, 1))->kind, ==, DAV_PROBLEM_UNANSWERED_PROPERTY);
  g_assert_cmpint (((DavProblem *) g_ptr_array_index (item->problems, 2))->kind, ==, DAV_PROBLEM_UNANSWERED_PROPERTY);
  g_assert_nonnull (strstr (item->explanation, "Not confirmed"));
}

/* A 207 that leaves out the 424 of the dead property beside a refused
 * one: the left-out property is not saved, and says so. */
static void
test_proppatch_left_out (void)
{
  g_autoptr(Server) server = server_new (canned_handler,
                                         "207\n" XML_HEAD "<D:response><D:href>/dav/file.txt</D:href><D:propstat><D:prop>"
                                         "<D:getetag/></D:prop><D:status>HTTP/1.1 409 Conflict</D:status></D:propstat>"
                                         "</D:response>" XML_TAIL);
  const char *names[] = { "{urn:x:ns}author", "{DAV:}getetag" };
  g_autoptr(DavReportItem) item = proppatch_item (server, 2, names);
  const DavReportProperty *author = report_property (item, "urn:x:ns", "author");

  g_assert_false (item->ok);
  g_assert_nonnull (author);
  g_assert_cmpuint (author->status, ==, 0);
  g_assert_false (author->ok);
  g_assert_cmpuint (item->problems->len, ==, 1);
  g_assert_cmpint (((DavProblem *) g_ptr_array_index (item->problems, 0))->kind, ==, DAV_PROBLEM_UNANSWERED_PROPERTY);
}

/* A server that says it changed {DAV:}getetag: no change is confirmed. */
static void
test_proppatch_protected_200 (void)
{
  g_autoptr(Server) server = server_new (canned_handler,
                                         PROPPATCH_ANSWER ("<D:getetag/><x:author xmlns:x=\"urn:x:ns\"/>"));
  const char *names[] = { "{urn:x:ns}author", "{DAV:}getetag" };
  g_autoptr(DavReportItem) item = proppatch_item (server, 2, names);
  const DavReportProperty *etag = report_property (item, "DAV:", "getetag");

  g_assert_false (item->ok);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_FAILED);
  g_assert_nonnull (etag);
  g_assert_cmpuint (etag->status, ==, 200);
  g_assert_false (etag->ok);
  g_assert_cmpuint (item->problems->len, ==, 1);
  g_assert_cmpint (((DavProblem *) g_ptr_array_index (item->problems, 0))->kind, ==, DAV_PROBLEM_PROTECTED_CHANGED);

  /* The same request confirmed as it should be is saved. */
  server->data = (gpointer) PROPPATCH_ANSWER ("<x:author xmlns:x=\"urn:x:ns\"/>");
  {
    const char *one[] = { "{urn:x:ns}author" };
    g_autoptr(DavReportItem) good = proppatch_item (server, 1, one);

    g_assert_true (good->ok);
    g_assert_cmpuint (good->problems->len, ==, 0);
  }
}

/* sabre/dav answers the DELETE of a folder holding a locked file with a
 * 423 whose DAV:lock-token-submitted names that file: the folder is not
 * what is locked, and the explanation says which is. */
static void
test_delete_423_names_locked_member (void)
{
  g_autoptr(Server) server = server_new (canned_handler,
                                         "423\n<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                         "<d:error xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\">"
                                         "<d:lock-token-submitted><d:href>Locked Folder/Tom &amp; Jerry.txt</d:href>"
                                         "</d:lock-token-submitted><s:exception>Sabre\\DAV\\Exception\\Locked</s:exception>"
                                         "</d:error>");
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autoptr(DavBatch) batch = dav_batch_new (client, 1);
  g_autofree char *url = g_strconcat (server->dav_url, "Locked%20Folder/", NULL);
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const DavReportItem *item;

  g_assert_true (dav_batch_add_delete (batch, url, &error));
  report = run_batch (batch);
  item = g_ptr_array_index (report->items, 0);
  g_assert_cmpuint (item->status, ==, 423);
  g_assert_false (item->ok);
  g_assert_nonnull (strstr (item->explanation, "“Locked Folder/Tom & Jerry.txt” is locked"));

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* lighttpd answers a PROPPATCH with 204 and no body: the whole change is
 * confirmed, and each property asked gets that status. */
static void
test_proppatch_204 (void)
{
  g_autoptr(Server) server = server_new (canned_handler, "204\n");
  const char *names[] = { "{urn:x:ns}author", "{urn:x:ns}title" };
  g_autoptr(DavReportItem) item = proppatch_item (server, 2, names);

  g_assert_true (item->ok);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_DONE);
  g_assert_cmpuint (item->properties->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const DavReportProperty *property = g_ptr_array_index (item->properties, i);

      g_assert_cmpuint (property->status, ==, 204);
      g_assert_true (property->ok);
    }
}

/* 204 means "replaced what was at the destination" (RFC 4918 §9.8.5):
 * after Overwrite: F the server had to answer 412. */
static void
test_copy_204_without_overwrite (void)
{
  g_autoptr(Server) server = server_new (canned_handler, "204\n");
  g_autoptr(DavClient) client = client_new (server->dav_url);
  g_autofree char *src = g_strconcat (server->dav_url, "a.txt", NULL);
  g_autofree char *dst = g_strconcat (server->dav_url, "b.txt", NULL);
  g_autofree char *dst2 = g_strconcat (server->dav_url, "c.txt", NULL);
  g_autoptr(DavBatch) batch = dav_batch_new (client, 1);
  g_autoptr(DavReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const DavReportItem *item;

  g_assert_true (dav_batch_add_copy (batch, src, dst, FALSE, &error));
  g_assert_true (dav_batch_add_move (batch, dst2, dst, TRUE, &error));
  g_assert_no_error (error);
  report = run_batch (batch);

  /* Done, as the server says, but flagged as the server's fault. */
  item = g_ptr_array_index (report->items, 0);
  g_assert_cmpuint (item->status, ==, 204);
  g_assert_true (item->ok);
  g_assert_cmpint (item->outcome, ==, DAV_OUTCOME_DONE);
  g_assert_cmpuint (item->problems->len, ==, 1);
  g_assert_cmpint (((DavProblem *) g_ptr_array_index (item->problems, 0))->kind, ==, DAV_PROBLEM_CONTRADICTS_REQUEST);
  g_assert_nonnull (strstr (item->explanation, "server’s fault"));

  /* With Overwrite: T a 204 is the answer asked for. */
  item = g_ptr_array_index (report->items, 1);
  g_assert_true (item->ok);
  g_assert_cmpuint (item->problems->len, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&batch));
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* A server that never sends "100 Continue" (HTTP/1.0 servers, PHP's
 * built-in server): it reads the whole body before it answers. */
static gboolean
no_continue_func (Raw           *raw,
                  GOutputStream *out,
                  guint          index,
                  const char    *head)
{
  write_text (out, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
  return TRUE;
}

/* The heads of the PUTs the server saw, and how many asked for a 100. */
static guint
count_puts (Raw   *raw,
            guint *n_expect)
{
  guint n = 0;

  *n_expect = 0;
  g_mutex_lock (&raw->lock);
  for (guint i = 0; i < raw->heads->len; i++)
    {
      const char *head = g_ptr_array_index (raw->heads, i);

      if (!g_str_has_prefix (head, "PUT "))
        continue;
      n++;
      if (strstr (head, "\nExpect: 100-continue") != NULL)
        (*n_expect)++;
    }
  g_mutex_unlock (&raw->lock);

  return n;
}

/* PUTs @size bytes, which must be created (201); then the server has seen
 * @n_puts PUTs in all, @n_expect of them asking for a 100. */
static void
put_and_count (Raw        *raw,
               DavClient  *client,
               const char *url,
               gsize       size,
               guint       n_puts,
               guint       n_expect)
{
  g_autoptr(GInputStream) source = g_memory_input_stream_new_from_data (g_malloc0 (size), size, g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = do_put_stream (client, url, source, size, NULL, NULL, &error);
  guint n_asked;

  g_assert_no_error (error);
  g_assert_cmpuint (result->status, ==, 201);
  g_assert_cmpuint (count_puts (raw, &n_asked), ==, n_puts);
  g_assert_cmpuint (n_asked, ==, n_expect);
}

static void
test_upload_without_continue (void)
{
  g_autoptr(Raw) raw = raw_new (no_continue_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavClient) small = client_new (raw->dav_url);
  g_autofree char *url = g_strconcat (raw->dav_url, "big.bin", NULL);

  /* A 6-byte body is sent at once, without asking first. */
  put_and_count (raw, small, url, 6, 1, 0);
  /* A large one asks; no 100 comes, so it is sent again without the
   * wait instead of hanging until the timeout (10 s here). */
  put_and_count (raw, client, url, 2 * 1024 * 1024, 3, 1);
  /* The client remembers that this server sends no 100. */
  put_and_count (raw, client, url, 2 * 1024 * 1024, 4, 1);

  g_assert_finalize_object (g_steal_pointer (&client));
  g_assert_finalize_object (g_steal_pointer (&small));
}

int
main (int   argc,
      char *argv[])
{
  faults_init (&argc, &argv);

  g_test_add_func ("/faults/delete/no-depth", test_delete_no_depth);
  g_test_add_func ("/faults/batch/multi-href", test_batch_multi_href);
  g_test_add_func ("/faults/batch/partial-delete", test_batch_partial_delete);
  g_test_add_func ("/faults/batch/server-gone", test_batch_server_gone);
  g_test_add_func ("/faults/upload/no-100-continue", test_upload_without_continue);
  g_test_add_func ("/faults/contradicts/proppatch-other-property", test_proppatch_other_property);
  g_test_add_func ("/faults/contradicts/proppatch-left-out", test_proppatch_left_out);
  g_test_add_func ("/faults/contradicts/proppatch-protected-200", test_proppatch_protected_200);
  g_test_add_func ("/faults/contradicts/copy-204-without-overwrite", test_copy_204_without_overwrite);
  g_test_add_func ("/faults/contradicts/proppatch-204", test_proppatch_204);
  g_test_add_func ("/faults/delete/423-names-locked-member", test_delete_423_names_locked_member);

  return g_test_run ();
}
