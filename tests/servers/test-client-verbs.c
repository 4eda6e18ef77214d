/* test-client-verbs.c: one resource at a time against real servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MKCOL; PUT and GET of 5 MiB with progress; COPY and MOVE with and
 * without Overwrite, and to a destination outside the share; LOCK, the
 * requests a lock refuses and allows, and UNLOCK. The run and the table
 * of what each server does are in client.h.
 */

#include <string.h>

#include "dav-href.h"

#include "client.h"

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
  result = do_propfind_full (client, b, DAV_DEPTH_0, DAV_PROPFIND_ALLPROP, NULL, NULL, NULL, &error);
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
  result = do_propfind_full (client, outside, DAV_DEPTH_0, DAV_PROPFIND_ALLPROP, NULL, NULL, NULL, &error);
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

int
main (int   argc,
      char *argv[])
{
  client_init (&argc, &argv);

  g_test_add_func ("/client/mkcol", test_mkcol);
  g_test_add_func ("/client/put-get", test_put_get_big);
  g_test_add_func ("/client/copy-move", test_copy_move);
  g_test_add_func ("/client/copy-move/outside", test_copy_move_outside);
  g_test_add_func ("/client/lock", test_lock);

  return g_test_run ();
}
