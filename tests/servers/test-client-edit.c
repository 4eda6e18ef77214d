/* test-client-edit.c: editing in place against a real server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavEditSession on Apache and sabre/dav (tests/servers/meson.build):
 * an unchanged save sends nothing, a changed one a PUT with If-Match on
 * the ETag it came with (also right after the previous save, when Apache
 * still marks the new ETag weak), and a change by another client
 * meanwhile a 412; then overwrite (over a strong ETag: Apache's
 * If-Unmodified-Since on PUT compares with the clock), discard mine and
 * keep both each leave what they say on the server and in the cache.
 */

#include <string.h>

#include "client.h"
#include "dav-edit-session.h"
#include "dav-exchange.h"
#include "dav-test-files.h"

typedef struct {
  guint saved;
  guint conflicts;
  guint unchanged;
  guint failed;
} Counts;

static void
on_saved (DavEditSession *session, int step, DavResult *result, Counts *counts)
{
  counts->saved++;
}

static void
on_conflict (DavEditSession *session, DavResult *result, Counts *counts)
{
  counts->conflicts++;
}

static void
on_unchanged (DavEditSession *session, Counts *counts)
{
  counts->unchanged++;
}

static void
on_failed (DavEditSession *session, int step, DavResult *result, GError *error, Counts *counts)
{
  g_test_message ("failed (step %d): %s", step, error->message);
  counts->failed++;
}

static gboolean
is_idle (gpointer data)
{
  DavEditState state = dav_edit_session_get_state (data);

  return state != DAV_EDIT_STATE_UPLOADING && state != DAV_EDIT_STATE_DOWNLOADING;
}

static void
save (DavEditSession *session,
      const char     *text)
{
  g_autofree char *path = g_file_get_path (dav_edit_session_get_file (session));

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static char *
cached (DavEditSession *session)
{
  g_autofree char *path = g_file_get_path (dav_edit_session_get_file (session));
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* The PUTs the session's client sent, and the If-Match of the last one. */
static guint
count_puts (DavClient   *client,
            const char **if_match)
{
  GListModel *log = G_LIST_MODEL (dav_client_get_exchange_log (client));
  guint puts = 0;

  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(DavExchange) exchange = g_list_model_get_item (log, i);
      GPtrArray *headers = dav_exchange_get_request_headers (exchange);

      if (!g_str_equal (dav_exchange_get_method (exchange), "PUT"))
        continue;
      puts++;
      for (guint j = 0; if_match != NULL && j < headers->len; j++)
        {
          const DavHeader *header = g_ptr_array_index (headers, j);

          if (g_ascii_strcasecmp (header->name, "If-Match") == 0)
            *if_match = header->value;
        }
    }
  return puts;
}

/* The value of @name in the last PUT the session's client sent, or NULL. */
static const char *
last_put_header (DavClient  *client,
                 const char *name)
{
  GListModel *log = G_LIST_MODEL (dav_client_get_exchange_log (client));
  const char *value = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(DavExchange) exchange = g_list_model_get_item (log, i);
      GPtrArray *headers = dav_exchange_get_request_headers (exchange);

      if (!g_str_equal (dav_exchange_get_method (exchange), "PUT"))
        continue;
      value = NULL;
      for (guint j = 0; j < headers->len; j++)
        {
          const DavHeader *header = g_ptr_array_index (headers, j);

          if (g_ascii_strcasecmp (header->name, name) == 0)
            value = header->value;
        }
    }
  return value;
}

/* nginx gives no ETag in PROPFIND, and a date tells versions apart only
 * to the second. */
static void
later_than_the_last_write (void)
{
  g_usleep (1100 * 1000);
}

static void
test_edit (void)
{
  const char *base = test_url ();
  g_autoptr(DavClient) setup = NULL;
  g_autoptr(DavClient) other = NULL;
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavEditSession) session = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *url = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *text = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *if_match = NULL;
  Counts counts = { 0 };
  g_autoptr(GHashTable) names = NULL;
  GHashTableIter iter;
  gpointer name;
  g_autofree char *copy = NULL;

  if (base == NULL)
    return;
  setup = client_new (base);
  folder = make_test_folder (setup, "edit");
  url = child_url (folder, "notes.txt", FALSE);
  put_text (setup, url, "first\n", 201);
  other = client_new (folder);
  client = client_new (folder);
  cache = g_build_filename (g_get_tmp_dir (), "davscope-edit-test-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (cache));

  session = dav_edit_session_new (client, url, cache);
  dav_edit_session_set_debounce (session, 100);
  g_signal_connect (session, "saved", G_CALLBACK (on_saved), &counts);
  g_signal_connect (session, "conflict", G_CALLBACK (on_conflict), &counts);
  g_signal_connect (session, "unchanged", G_CALLBACK (on_unchanged), &counts);
  g_signal_connect (session, "failed", G_CALLBACK (on_failed), &counts);
  dav_edit_session_open_async (session, NULL, store_result_cb, &slot);
  result = wait_for_result (&slot, "the download");
  g_assert_true (dav_edit_session_open_finish (session, result, &error));
  g_assert_no_error (error);
  wait_until (is_idle, session, "idle");
  text = cached (session);
  g_assert_cmpstr (text, ==, "first\n");
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (dav_edit_session_get_condition (session), ==, "If-Match");

  /* The same bytes: nothing sent. */
  counts.unchanged = 0;
  save (session, "first\n");
  wait_for_count (&counts.unchanged, 1, "the unchanged save");
  g_assert_cmpuint (count_puts (client, NULL), ==, 0);

  /* Changed, twice in a row: each on the ETag the last one made. */
  save (session, "second\n");
  wait_for_count (&counts.saved, 1, "the upload");
  wait_until (is_idle, session, "idle");
  save (session, "third\n");
  wait_for_count (&counts.saved, 2, "the second upload");
  wait_until (is_idle, session, "idle");
  g_assert_cmpuint (counts.failed + counts.conflicts, ==, 0);
  g_assert_cmpuint (count_puts (client, &if_match), ==, 2);
  g_assert_nonnull (if_match);
  g_assert_false (g_str_has_prefix (if_match, "W/"));
  text = get_text (other, url);
  g_assert_cmpstr (text, ==, "third\n");
  g_clear_pointer (&text, g_free);

  /* Overwrite: ours over theirs. */
  later_than_the_last_write ();
  put_text (other, url, "theirs 1\n", 204);
  save (session, "mine 1\n");
  wait_for_count (&counts.conflicts, 1, "the conflict");
  dav_edit_session_resolve (session, DAV_EDIT_OVERWRITE);
  wait_for_count (&counts.saved, 3, "the overwrite");
  wait_until (is_idle, session, "idle");
  /* Theirs was written this second: Apache's ETag is still weak, and its
   * If-Unmodified-Since on PUT compares with the clock, so a date would
   * fail a second later and ask again. A server with ETags gets ours
   * over a strong one. */
  if (g_str_equal (dav_edit_session_get_condition (session), "If-Match"))
    {
      const char *tag = last_put_header (client, "If-Match");

      g_assert_nonnull (tag);
      g_assert_false (g_str_has_prefix (tag, "W/"));
      g_assert_null (last_put_header (client, "If-Unmodified-Since"));
    }
  text = get_text (other, url);
  g_assert_cmpstr (text, ==, "mine 1\n");
  g_clear_pointer (&text, g_free);

  /* Discard mine: theirs in the cache, nothing more sent. */
  later_than_the_last_write ();
  put_text (other, url, "theirs 2\n", 204);
  save (session, "mine 2\n");
  wait_for_count (&counts.conflicts, 2, "the second conflict");
  dav_edit_session_resolve (session, DAV_EDIT_DISCARD);
  wait_for_count (&counts.saved, 4, "the server's version");
  wait_until (is_idle, session, "idle");
  text = cached (session);
  g_assert_cmpstr (text, ==, "theirs 2\n");
  g_clear_pointer (&text, g_free);
  text = get_text (other, url);
  g_assert_cmpstr (text, ==, "theirs 2\n");
  g_clear_pointer (&text, g_free);

  /* Keep both: theirs stays, ours beside it. */
  later_than_the_last_write ();
  put_text (other, url, "theirs 3\n", 204);
  save (session, "mine 3\n");
  wait_for_count (&counts.conflicts, 3, "the third conflict");
  dav_edit_session_resolve (session, DAV_EDIT_KEEP_BOTH);
  wait_for_count (&counts.saved, 5, "the copy");
  wait_until (is_idle, session, "idle");
  text = get_text (other, url);
  g_assert_cmpstr (text, ==, "theirs 3\n");
  g_clear_pointer (&text, g_free);
  names = list_folder (other, folder);
  g_assert_cmpuint (g_hash_table_size (names), ==, 2);
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (g_str_has_prefix (name, "notes (conflict "))
      copy = g_strdup (name);
  g_assert_nonnull (copy);
  text = get_text (other, dav_edit_session_get_url (session));
  g_assert_cmpstr (text, ==, "mine 3\n");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (counts.failed, ==, 0);

  dav_edit_session_close (session);
  drain_main_context ();
  remove_tree (cache);
}

int
main (int   argc,
      char *argv[])
{
  client_init (&argc, &argv);

  g_test_add_func ("/client/edit/save-conflict-choices", test_edit);

  return g_test_run ();
}
