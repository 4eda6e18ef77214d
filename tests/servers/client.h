/* client.h: what the test-client-* programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavClient and DavBatch against real WebDAV servers, one program per
 * area: test-client-properties (PROPFIND, PROPPATCH, a 10,000-file
 * listing), test-client-verbs (MKCOL, PUT and GET, COPY and MOVE, LOCK),
 * test-client-batch (DavBatch) and test-client-auth. Each runs under
 * tests/servers/with-apache or tests/servers/with-server KIND (apache,
 * nginx, lighttpd, sabre) with --seed demo, or under with-apache with
 * --seed bulk:10000 and DAVSCOPE_TEST_BULK=1 for /client/bulk; without
 * DAVSCOPE_TEST_URL every test is skipped. Each test works in a fresh
 * folder of its own, made with MKCOL, so that the tests do not depend on
 * each other. Where the servers differ, the table in client.c says what
 * each one does.
 */

#pragma once

#include "dav-batch.h"
#include "dav-client.h"
#include "dav-error.h"

#include "dav-test-async.h"
#include "dav-test-client.h"
#include "dav-test-server.h"

G_BEGIN_DECLS

#define TEST_NS      "urn:x-davscope:test"
#define TEXT_VALUE   "Tom & Jerry <3> \"quoted\""
#define XML_VALUE    "<item xmlns=\"" TEST_NS "\">a &amp; b &lt; c</item>" \
                     "<item xmlns=\"" TEST_NS "\"><sub>deep</sub></item>"

/* ---- what each server does ---------------------------------------------- */

typedef enum {
  DEPTH_INFINITY_HONOURED, /* 207 with the whole tree */
  DEPTH_INFINITY_REFUSED,  /* 403 */
  DEPTH_INFINITY_AS_1,     /* 207 with one level, as for Depth: 1 */
} DepthInfinity;

typedef enum {
  LOCKED_FOLDER_KEPT_424, /* 424 and a multistatus with 423 for the locked file; nothing deleted */
  LOCKED_FOLDER_KEPT_423, /* 423 and DAV:lock-token-submitted naming the file; nothing deleted */
  LOCKED_FOLDER_DELETED,  /* 204: the folder and the locked file are gone */
} LockedFolderDelete;

/* Where the servers of tests/servers/with-server differ, what each one
 * does: every field is that server's observed behaviour (Apache 2.4
 * mod_dav_fs, nginx 1.22 with dav-ext, lighttpd 1.4.69 mod_webdav,
 * sabre/dav 1.8.12 under php -S, as Debian 12 ships them), not what
 * Davscope or RFC 4918 would like. What is not in here, every server must
 * do alike. */
typedef struct {
  const char        *name;                     /* DAVSCOPE_TEST_SERVER */
  /* PROPFIND */
  guint              absent_property_status;   /* a property asked for by name that is not there:
                                                * 404 in a propstat, or 0: left out of the answer */
  gboolean           has_getetag;
  DepthInfinity      depth_infinity;
  /* PROPPATCH of dead properties */
  guint              proppatch_status;         /* 207, 2xx without a body, or 405: none */
  gboolean           xml_value_kept;           /* a value of XML elements comes back as XML */
  const char        *xml_value;                /* what comes back for XML_VALUE */
  gboolean           protected_answer_complete; /* the 207 for a protected property is well-formed */
  guint              protected_other_status;   /* the other property of that PROPPATCH: 424, or 0: left out */
  gboolean           allprop_has_dead;         /* allprop returns dead properties (RFC 4918 §9.1) */
  /* PUT, COPY, MOVE */
  guint              put_if_none_match_status; /* PUT with If-None-Match: * onto a file */
  guint              copy_new_status;          /* COPY or MOVE of a file to a new name */
  gboolean           stale_after_replace;      /* a GET right after a COPY or MOVE replaced a file
                                                * may give the old bytes */
  /* LOCK */
  const char        *lock_token_prefix;
  guint              escaped_if_tag_status;    /* PUT and DELETE of a locked file named with a
                                                * percent-escape, its token in a tagged If header */
  guint              unlock_wrong_token_status; /* the lock stays, whatever the status */
  LockedFolderDelete delete_locked_folder;     /* DELETE of a folder holding a file locked by another */
  /* Authentication */
  gboolean           has_digest;               /* a /digest/ share */
} ServerBehaviour;

/* The server under test (tests/lib/dav-test-server.h), set by
 * client_init(). */
extern const ServerBehaviour *expect;

void         client_init      (int                  *argc,
                               char               ***argv);

/* ---- fixtures ------------------------------------------------------------ */

/* DAVSCOPE_TEST_URL, or NULL with the test marked skipped. */
const char  *test_url         (void);
char        *child_url        (const char           *folder_url,
                               const char           *name,
                               gboolean              collection);
void         assert_status    (DavResult            *result,
                               GError               *error,
                               guint                 status);
char        *make_test_folder (DavClient            *client,
                               const char           *label);
void         put_text         (DavClient            *client,
                               const char           *url,
                               const char           *text,
                               guint                 expected_status);
GHashTable  *listing_names    (const char           *folder_url,
                               GPtrArray            *responses);
GHashTable  *list_folder      (DavClient            *client,
                               const char           *folder_url);
char        *get_text         (DavClient            *client,
                               const char           *url);

G_END_DECLS
