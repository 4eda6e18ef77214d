/* dav-test-async.h: driving the core's async API from a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the tests' own library (tests/lib). A callback stores the
 * GAsyncResult in a slot, and the default main context runs until it is
 * there, or until a condition holds; a test that waits longer or shorter
 * than the default says so once in main() with dav_test_set_wait_seconds().
 * The names are the tests' own vocabulary, used at every call site.
 */

#pragma once

#include "dav-batch.h"
#include "dav-client.h"
#include "dav-folder.h"

G_BEGIN_DECLS

typedef gboolean (*DavTestCondition) (gpointer data);

void          dav_test_set_wait_seconds    (guint                seconds);
void          dav_test_set_client_timeout  (guint                seconds);

void          store_result_cb              (GObject             *source,
                                            GAsyncResult        *res,
                                            gpointer             user_data);
void          wait_until                   (DavTestCondition     condition,
                                            gpointer             data,
                                            const char          *what);
GAsyncResult *wait_for                     (GAsyncResult       **slot);
/* Iterates until *@counter (a count a signal handler keeps) reaches @target. */
void          wait_for_count               (guint               *counter,
                                            guint                target,
                                            const char          *what);
GAsyncResult *wait_for_result              (GAsyncResult       **slot,
                                            const char          *what);
void          drain_main_context           (void);
void          wait_for_finalize            (gpointer             object,
                                            const char          *what);
void          wait_for_folder              (DavFolder           *folder);

DavClient    *client_new                   (const char          *base_url);
DavResult    *finish_request               (DavClient           *client,
                                            GAsyncResult       **slot,
                                            GError             **error);
DavReport    *run_batch                    (DavBatch            *batch);

G_END_DECLS
