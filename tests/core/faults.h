/* faults.h: what the test-faults-* programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fault tests put DavClient and DavBatch against servers on 127.0.0.1
 * that misbehave on purpose (docs/hostile-servers.md), one program per
 * kind of misbehaviour: test-faults-framing (broken HTTP framing and
 * headers), test-faults-content (wrong status or type, bad XML),
 * test-faults-redirect, test-faults-auth, test-faults-slow (trickling,
 * endless, silent and compressed answers), test-faults-targets (names,
 * listings and what a bulk action may touch) and test-faults-changes
 * (what a server says a DELETE, PROPPATCH, COPY or PUT did). What they
 * all use is here: 207 bodies made to measure, the checks that a result
 * is no whole listing, a few SoupServer handlers, and the start of main().
 */

#pragma once

#include "dav-batch.h"
#include "dav-client.h"
#include "dav-error.h"
#include "dav-report.h"

#include "dav-test-async.h"
#include "dav-test-client.h"
#include "dav-test-raw-server.h"
#include "dav-test-soup-server.h"

G_BEGIN_DECLS

/* ---- 207 bodies ---------------------------------------------------------- */

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\">\n"
#define XML_TAIL "</D:multistatus>\n"

char     *response_xml                (const char           *href);
char     *multistatus_xml             (guint                 n);

/* ---- what a result must not claim --------------------------------------- */

gboolean  body_has_problem            (const DavMultistatus *body,
                                       DavProblemKind        kind);
void      assert_not_complete_listing (DavResult            *result);

/* ---- SoupServer handlers ------------------------------------------------- */

void      count_handler               (SoupServer           *soup_server,
                                       SoupServerMessage    *msg,
                                       const char           *path,
                                       GHashTable           *query,
                                       gpointer              user_data);
void      body_handler                (SoupServer           *soup_server,
                                       SoupServerMessage    *msg,
                                       const char           *path,
                                       GHashTable           *query,
                                       gpointer              user_data);
void      no_content_handler          (SoupServer           *soup_server,
                                       SoupServerMessage    *msg,
                                       const char           *path,
                                       GHashTable           *query,
                                       gpointer              user_data);

void      faults_init                 (int                  *argc,
                                       char               ***argv);

G_END_DECLS
