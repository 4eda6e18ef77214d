/* test-store-thread.c: a listing parsed on a thread gives the same folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavResourceStore with the parser on a thread of its own (its rows made
 * there and handed to the main loop: dav-resource-store.c, "the
 * hand-off") against one without, over a server on 127.0.0.1 that sends
 * what real servers will not: a listing whose order is no order of names,
 * the same resource twice, responses without an href or with two, an
 * href outside the folder, a body cut off mid-response. The two folders
 * must be the same row for row (order, fields, problems, completeness);
 * a hand-off that lost, reordered or duplicated an entry fails here. And
 * a listing dropped mid-body delivers nothing after its end.
 */

#include <string.h>

#include "dav-folder.h"
#include "dav-resource-store.h"
#include "dav-test-folder.h"
#include "faults.h"

#define N_ENTRIES 12000

/* Entry i of the listing is file number (i * 7919) % N_ENTRIES: the
 * server's order is no order of names. */
static guint
file_number (guint i)
{
  return (i * 7919u) % N_ENTRIES;
}

static void
append_response (GString    *out,
                 const char *href,
                 guint       size)
{
  g_string_append_printf (out, "<D:response><D:href>%s</D:href><D:propstat><D:prop>"
                               "<D:getcontentlength>%u</D:getcontentlength>"
                               "<D:getlastmodified>Mon, 02 Jan 2023 03:04:%02u GMT</D:getlastmodified>"
                               "<D:displayname>n%u</D:displayname>"
                               "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n",
                          href, size, size % 60, size);
}

/* The listing, with @cut: stops in the middle of a response. */
static char *
listing_body (gboolean cut)
{
  GString *out = g_string_new (XML_HEAD);

  append_response (out, "/dav/", 0);
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      g_autofree char *href = g_strdup_printf ("/dav/f-%05u.txt", file_number (i));

      append_response (out, href, i);
      /* The same resource again, later, with another size: one row,
       * the later values (docs/hostile-servers.md case 20). */
      if (i % 1000 == 999)
        {
          g_autofree char *again = g_strdup_printf ("/dav/f-%05u.txt", file_number (i - 500));

          append_response (out, again, 1000000 + i);
        }
      if (i == 5000)
        g_string_append (out, "<D:response><D:propstat><D:prop><D:getcontentlength>1</D:getcontentlength>"
                              "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n");
      if (i == 6000)
        g_string_append (out, "<D:response><D:href>/dav/two-a</D:href><D:href>/dav/two-b</D:href>"
                              "<D:status>HTTP/1.1 200 OK</D:status></D:response>\n");
      if (i == 7000)
        append_response (out, "/elsewhere/x.txt", 7);
      if (i == 8000)
        g_string_append (out, "<D:response><D:href>/dav/bad-status</D:href>"
                              "<D:status>HTTP/1.1 999 Nonsense</D:status></D:response>\n");
    }
  if (cut)
    g_string_append (out, "<D:response><D:href>/dav/cut-off.txt</D:href><D:propstat><D:prop>");
  else
    g_string_append (out, XML_TAIL);

  return g_string_free (out, FALSE);
}

static char *whole_body;
static char *cut_body;

/* In pieces of varying size, so that the reads and the thread interleave. */
static void
write_in_pieces (GOutputStream *out,
                 const char    *body)
{
  gsize length = strlen (body);

  for (gsize at = 0, piece = 1000; at < length; at += piece, piece = piece * 3 % 70001 + 500)
    {
      if (!write_all (out, body + at, MIN (piece, length - at)))
        return;
      g_output_stream_flush (out, NULL, NULL);
    }
}

static gboolean
whole_func (Raw           *raw,
            GOutputStream *out,
            guint          index,
            const char    *head)
{
  write_207_head (out, strlen (whole_body));
  write_in_pieces (out, whole_body);
  return TRUE;
}

static gboolean
cut_func (Raw           *raw,
          GOutputStream *out,
          guint          index,
          const char    *head)
{
  /* Announced longer than sent: the connection closes mid-response. */
  write_207_head (out, strlen (cut_body) + 5000);
  write_in_pieces (out, cut_body);
  return FALSE;
}

typedef struct {
  guint n_changes;
  gboolean bad;     /* a change that was not an append */
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n_changes++;
  if (removed != 0 || position + added != g_list_model_get_n_items (model))
    changes->bad = TRUE;
}

static char *
list_folder (const char *url,
             gboolean    thread,
             Changes    *changes)
{
  g_autoptr(DavClient) client = client_new (url);
  g_autoptr(DavResourceStore) store = dav_resource_store_new (client);
  DavFolder *folder = dav_resource_store_get_root (store);
  char *described;

  dav_resource_store_set_parse_thread (store, thread);
  g_signal_connect (folder, "items-changed", G_CALLBACK (on_items_changed), changes);
  dav_resource_store_load (store, folder);
  wait_for_folder (folder);
  described = dav_test_describe_folder (folder);
  g_signal_handlers_disconnect_by_func (folder, on_items_changed, changes);

  g_clear_object (&store);
  drain_main_context ();
  g_assert_finalize_object (g_steal_pointer (&client));
  return described;
}

/* The names of the rows, in order, as the listing gave them first. */
static void
assert_order (const char *described,
              gboolean    cut)
{
  g_auto(GStrv) lines = g_strsplit (described, "\n", -1);
  guint next = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *want = NULL;

      if (!g_str_has_prefix (lines[i], "http://") || strstr (lines[i], "/dav/f-") == NULL)
        continue;
      want = g_strdup_printf ("/dav/f-%05u.txt|", file_number (next));
      g_assert_nonnull (strstr (lines[i], want));
      next++;
    }
  g_assert_cmpuint (next, ==, N_ENTRIES);
}

static void
check_same (RawFunc  func,
            gboolean cut)
{
  g_autoptr(Raw) raw = raw_new (func);
  Changes inline_changes = { 0 }, thread_changes = { 0 };
  g_autofree char *inline_folder = list_folder (raw->dav_url, FALSE, &inline_changes);
  g_autofree char *thread_folder = list_folder (raw->dav_url, TRUE, &thread_changes);

  dav_test_assert_same_listing (thread_folder, inline_folder);
  assert_order (thread_folder, cut);
  /* Rows only ever appended, in doubling batches either way. */
  g_assert_false (inline_changes.bad);
  g_assert_false (thread_changes.bad);
  g_assert_cmpuint (thread_changes.n_changes, <=, 20);
  g_assert_cmpuint (inline_changes.n_changes, <=, 20);
  if (cut)
    {
      /* The response cut off is not handed on by a cut body. */
      g_assert_nonnull (strstr (thread_folder, "complete 0"));
      g_assert_null (strstr (thread_folder, "cut-off.txt"));
      g_assert_null (strstr (thread_folder, " error -\n"));
    }
  else
    /* Responses without an href or with a bad status make it incomplete. */
    g_assert_true (g_str_has_prefix (thread_folder, "loaded 1 complete 0 status 207"));
  /* Every entry is there once: 12,000 files, two of one response, one
   * without an href, one outside, one with a bad status. */
  {
    g_auto(GStrv) lines = g_strsplit (thread_folder, "\n", -1);
    guint rows = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "  response"))
        rows++;
    g_assert_cmpuint (rows, ==, N_ENTRIES + 5);
  }
}

static void
test_same_folder (void)
{
  check_same (whole_func, FALSE);
}

static void
test_same_folder_cut (void)
{
  check_same (cut_func, TRUE);
}

/* An endless listing, sent as fast as it is read. */
static gboolean
endless_func (Raw           *raw,
              GOutputStream *out,
              guint          index,
              const char    *head)
{
  write_text (out, "HTTP/1.1 207 Multi-Status\r\n"
                   "Content-Type: application/xml; charset=utf-8\r\n"
                   "Transfer-Encoding: chunked\r\n\r\n");
  for (guint i = 0; !raw_stopping (raw); i++)
    {
      GString *piece = g_string_new (i == 0 ? XML_HEAD : "");
      g_autofree char *chunk = NULL;

      for (guint j = 0; j < 50; j++)
        {
          g_autofree char *href = g_strdup_printf ("/dav/e-%u-%u.txt", i, j);

          append_response (piece, href, j);
        }
      chunk = g_strdup_printf ("%zx\r\n%s\r\n", piece->len, piece->str);
      g_string_free (piece, TRUE);
      if (!write_str (out, chunk))
        break;
    }
  return FALSE;
}

static gboolean
has_many_rows (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (data)) > 3000;
}

static void
count_change (GListModel *model,
              guint       position,
              guint       removed,
              guint       added,
              guint      *count)
{
  (*count)++;
}

static gboolean
quiet_over (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Dropping the store mid-listing: the listing ends (cancelled), and no
 * entry the thread had made ready reaches the folder after that; all it
 * made is freed (the valgrind run of this test). */
static void
test_cancel_mid_listing (void)
{
  g_autoptr(Raw) raw = raw_new (endless_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavResourceStore) store = dav_resource_store_new (client);
  DavFolder *folder = g_object_ref (dav_resource_store_get_root (store));
  guint after = 0;
  gboolean over = FALSE;
  guint n_rows;

  dav_resource_store_set_parse_thread (store, TRUE);
  dav_resource_store_load (store, folder);
  wait_until (has_many_rows, folder, "a few thousand rows");

  g_clear_object (&store);
  wait_for_folder (folder);
  g_assert_false (dav_folder_get_complete (folder));
  g_assert_nonnull (dav_folder_get_error (folder));
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (folder));

  g_signal_connect (folder, "items-changed", G_CALLBACK (count_change), &after);
  g_timeout_add (300, quiet_over, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (after, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (folder)), ==, n_rows);

  g_assert_finalize_object (folder);
  drain_main_context ();
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* A refresh on the thread keeps the rows it had (the same objects). */
static void
test_refresh_keeps_rows (void)
{
  g_autoptr(Raw) raw = raw_new (whole_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavResourceStore) store = dav_resource_store_new (client);
  DavFolder *folder = dav_resource_store_get_root (store);
  g_autoptr(DavResource) first = NULL;
  g_autoptr(DavResource) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Changes changes = { 0 };

  dav_resource_store_set_parse_thread (store, TRUE);
  dav_resource_store_load (store, folder);
  wait_for_folder (folder);
  before = dav_test_describe_folder (folder);
  first = g_list_model_get_item (G_LIST_MODEL (folder), 100);

  g_signal_connect (folder, "items-changed", G_CALLBACK (on_items_changed), &changes);
  dav_resource_store_refresh (store, folder);
  wait_for_folder (folder);
  g_signal_handlers_disconnect_by_func (folder, on_items_changed, &changes);
  after = dav_test_describe_folder (folder);
  again = g_list_model_get_item (G_LIST_MODEL (folder), 100);

  g_assert_true (first == again);
  /* Nothing changed on the server: no change to the list either. */
  g_assert_cmpuint (changes.n_changes, ==, 0);
  g_assert_cmpuint (strlen (after), ==, strlen (before));
}

/* 30,000 plain entries (7.5 MB): more than the parser's queue and the hand-off
 * hold, so the reading must wait for the main loop. */
#define N_BIG 30000

static char *big_body;

static gboolean
big_func (Raw           *raw,
          GOutputStream *out,
          guint          index,
          const char    *head)
{
  write_207_head (out, strlen (big_body));
  write_in_pieces (out, big_body);
  return TRUE;
}

/* What a window whose frames take longer than a frame's time does to the
 * main loop: something at the redraw's priority is always ready. */
static gboolean
busy_redraw_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* The entries wait just below the redraw; with the redraw always busy
 * they go all the same, a little later, and so does the reading they
 * held back: the listing ends, whole. */
static void
test_busy_loop (void)
{
  g_autoptr(Raw) raw = raw_new (big_func);
  g_autoptr(DavClient) client = client_new (raw->dav_url);
  g_autoptr(DavResourceStore) store = dav_resource_store_new (client);
  DavFolder *folder = dav_resource_store_get_root (store);
  guint busy = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, busy_redraw_cb, NULL, NULL);

  dav_resource_store_set_parse_thread (store, TRUE);
  dav_resource_store_load (store, folder);
  wait_for_folder (folder);
  g_source_remove (busy);

  g_assert_true (dav_folder_get_loaded (folder));
  g_assert_true (dav_folder_get_complete (folder));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (folder)), ==, N_BIG);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  faults_init (&argc, &argv);
  whole_body = listing_body (FALSE);
  cut_body = listing_body (TRUE);
  {
    GString *big = g_string_new (XML_HEAD);

    append_response (big, "/dav/", 0);
    for (guint i = 0; i < N_BIG; i++)
      {
        g_autofree char *href = g_strdup_printf ("/dav/big-%05u.txt", i);

        append_response (big, href, i);
      }
    g_string_append (big, XML_TAIL);
    big_body = g_string_free (big, FALSE);
  }

  g_test_add_func ("/store-thread/same-folder", test_same_folder);
  g_test_add_func ("/store-thread/same-folder-cut", test_same_folder_cut);
  g_test_add_func ("/store-thread/cancel-mid-listing", test_cancel_mid_listing);
  g_test_add_func ("/store-thread/refresh-keeps-rows", test_refresh_keeps_rows);
  g_test_add_func ("/store-thread/busy-loop", test_busy_loop);

  status = g_test_run ();
  g_free (whole_body);
  g_free (cut_body);
  g_free (big_body);
  return status;
}
