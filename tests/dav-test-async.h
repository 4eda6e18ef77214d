/* dav-test-async.h: driving the core's async API from a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the test programs: a callback stores the GAsyncResult in a
 * slot, and the default main context runs until it is there. A test
 * defines DAV_TEST_WAIT_SECONDS before including this to change how long
 * it waits before failing.
 */

#pragma once

#include "dav-client.h"
#include "dav-folder.h"

#ifndef DAV_TEST_WAIT_SECONDS
#define DAV_TEST_WAIT_SECONDS 60
#endif

static inline void
store_result_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (res);
}

static inline gboolean
dav_test_timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the default main context until a callback filled @slot. */
static inline GAsyncResult *
wait_for (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (DAV_TEST_WAIT_SECONDS, dav_test_timed_out_cb, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("No answer within %d s", DAV_TEST_WAIT_SECONDS);
  g_source_remove (timeout_id);

  return *slot;
}

static inline DavResult *
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

/* Iterates the default main context until @folder's listing, already
 * started, has ended. */
static inline void
wait_for_listing (DavFolder *folder)
{
  gint64 deadline = g_get_monotonic_time () + DAV_TEST_WAIT_SECONDS * G_USEC_PER_SEC;

  while (dav_folder_get_loading (folder) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (dav_folder_get_loading (folder));
}
