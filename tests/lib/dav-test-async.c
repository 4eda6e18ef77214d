/* dav-test-async.c: driving the core's async API from a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing here spins forever: every wait ends the test after the wait
 * time (60 s unless main() said otherwise), so a hang is a failure that
 * names what it waited for.
 */

#include "dav-test-async.h"

static guint wait_seconds = 60;
static guint client_timeout;

/* How long wait_until() and the waits built on it wait before failing. */
void
dav_test_set_wait_seconds (guint seconds)
{
  wait_seconds = seconds;
}

/* The timeout client_new() gives every client (0: the client's own). A
 * test whose servers are all local sets one: anything slower is a hang. */
void
dav_test_set_client_timeout (guint seconds)
{
  client_timeout = seconds;
}

/* The GAsyncReadyCallback of the tests: @user_data is a GAsyncResult**
 * slot, empty until now. */
void
store_result_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (res);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the default main context until @condition holds; ends the
 * test after the wait time, saying it waited for @what. */
void
wait_until (DavTestCondition  condition,
            gpointer          data,
            const char       *what)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (wait_seconds, timed_out_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("timed out after %u s waiting for %s", wait_seconds, what);
  g_source_remove (timeout_id);
}

static gboolean
slot_is_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static guint count_target;

static gboolean
count_reached (gpointer data)
{
  return *(guint *) data >= count_target;
}

void
wait_for_count (guint      *counter,
                guint       target,
                const char *what)
{
  count_target = target;
  wait_until (count_reached, counter, what);
}

/* Iterates the default main context until a callback filled @slot; the
 * result stays in the slot. */
GAsyncResult *
wait_for (GAsyncResult **slot)
{
  wait_until (slot_is_set, slot, "an answer");

  return *slot;
}

/* The same, handing over the result and emptying the slot. */
GAsyncResult *
wait_for_result (GAsyncResult **slot,
                 const char    *what)
{
  wait_until (slot_is_set, slot, what);

  return g_steal_pointer (slot);
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Drops the caller's reference to @object and iterates until it is
 * finalized: a request cancelled just before may still hold one until its
 * callback runs. One kept for good times out, as a leak should. */
void
wait_for_finalize (gpointer    object,
                   const char *what)
{
  gpointer weak = object;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  wait_until (pointer_is_null, &weak, what);
}

/* Handles whatever is ready now, without blocking. */
void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
folder_is_idle (gpointer data)
{
  return !dav_folder_get_loading (DAV_FOLDER (data));
}

/* Until @folder has finished loading, whatever the outcome. */
void
wait_for_folder (DavFolder *folder)
{
  wait_until (folder_is_idle, folder, "the folder to finish loading");
}

DavClient *
client_new (const char *base_url)
{
  g_autoptr(GError) error = NULL;
  DavClient *client = dav_client_new (base_url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);
  if (client_timeout > 0)
    dav_client_set_timeout (client, client_timeout);

  return client;
}

DavResult *
finish_request (DavClient     *client,
                GAsyncResult **slot,
                GError       **error)
{
  DavResult *result;

  wait_for (slot);
  /* Any verb: each one's _finish only adds the check of its source tag. */
  result = g_task_propagate_pointer (G_TASK (*slot), error);
  g_clear_object (slot);

  return result;
}

DavReport *
run_batch (DavBatch *batch)
{
  GAsyncResult *res = NULL;
  DavReport *report;

  dav_batch_run_async (batch, NULL, store_result_cb, &res);
  wait_for (&res);
  report = dav_batch_run_finish (batch, res);
  g_object_unref (res);

  return report;
}
