/* store.h: what the test-store-* programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavResourceStore and DavFolder against real WebDAV servers, in two
 * programs: test-store-listing (the root, folders, refresh, batches of
 * rows, a missing folder) and test-store-changes (a DELETE's report
 * applied to the models, rows kept across a refresh, folders forgotten
 * when their collection goes). Each runs under tests/servers/with-apache
 * or tests/servers/with-server KIND (apache, nginx, lighttpd, sabre),
 * which export DAVSCOPE_TEST_URL and DAVSCOPE_TEST_ROOT (the folder behind
 * /dav/). Each test makes its own folder on disk, which is far faster
 * than PUT, and points a DavClient at its URL. Without the server every
 * test is skipped.
 */

#pragma once

#include "dav-batch.h"
#include "dav-error.h"
#include "dav-resource-store.h"

#include "dav-test-async.h"
#include "dav-test-client.h"
#include "dav-test-files.h"

G_BEGIN_DECLS

/* ---- content on disk ---------------------------------------------------- */

void         make_dir            (const char          *path);
char        *make_file           (const char          *dir,
                                  const char          *name,
                                  const char          *contents);

/* ---- the fixture -------------------------------------------------------- */

typedef struct {
  char             *dir;       /* the test's folder on disk */
  char             *url;       /* and its URL, ending with a slash */
  DavClient        *client;
  DavResourceStore *store;
  GPtrArray        *folders;   /* DavFolder*, a reference each: finalized at the end */
} Fixture;

/* Each test is g_test_add()ed with these; fx->dir is NULL (and the test
 * skipped) without a server. */
void         fixture_set_up      (Fixture             *fx,
                                  gconstpointer        data);
void         fixture_tear_down   (Fixture             *fx,
                                  gconstpointer        data);
void         fixture_connect     (Fixture             *fx,
                                  const char          *url);
DavFolder   *fixture_track       (Fixture             *fx,
                                  DavFolder           *folder);

/* ---- helpers on folders ------------------------------------------------- */

guint        log_length          (DavClient           *client);
DavExchange *log_item            (DavClient           *client,
                                  guint                position);
DavResource *find_by_name        (DavFolder           *folder,
                                  const char          *name);
DavResource *get_by_name         (DavFolder           *folder,
                                  const char          *name);
char        *join_names          (GPtrArray           *names);
char        *folder_names_joined (DavFolder           *folder);

void         store_init          (int                 *argc,
                                  char              ***argv);

G_END_DECLS
