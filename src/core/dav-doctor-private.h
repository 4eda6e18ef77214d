/* dav-doctor-private.h: what the doctor's checks share with its runner
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A check is a function that runs in the doctor's worker thread: it sends
 * requests one after the other with dav_doctor_send () (which waits),
 * looks at the answers and says what it found with dav_doctor_report ().
 * A check that reports nothing passed. Facts one check learns for later
 * ones (the DAV header, a file to GET, the scratch folder) live in the
 * DavDoctorRun. The table of checks is dav-doctor-checks.c.
 */

#pragma once

#include "dav-client.h"
#include "dav-doctor.h"
#include "dav-doctor-faults.h"

G_BEGIN_DECLS

typedef struct _DavDoctorRun DavDoctorRun;

typedef void (*DavDoctorCheckFunc) (DavDoctorRun *run);

typedef struct {
  const char         *id;        /* "propfind-depth-1" */
  DavDoctorGroup      group;
  gboolean            writes;    /* only with --write; runs inside the scratch folder */
  const char         *title;     /* N_() */
  const char         *summary;   /* N_(): what it sends, and why */
  DavDoctorCheckFunc  func;
} DavDoctorCheckInfo;

/* The table, in the order the checks run; terminated by a NULL id. */
extern const DavDoctorCheckInfo dav_doctor_checks[];

struct _DavDoctorRun
{
  /* Set by the runner; read-only for the checks. */
  DavClient    *client;        /* the worker's own client, logged in when asked */
  char         *url;           /* the collection checked, ending in "/" */
  char         *given_url;     /* as the person typed it */
  gboolean      write;
  GCancellable *cancellable;
  const DavDoctorCheckInfo *check;   /* the one running */
  char         *proxy;         /* NULL: the system's (dav_doctor_set_proxy) */
  GTlsCertificate *client_certificate;  /* or NULL */
  GTlsCertificate *pinned;     /* the server's, accepted by the person; or NULL */

  /* Learned by the checks, for those after them (NULL/FALSE: not known). */
  char         *server;        /* Server header */
  char         *dav_header;    /* the DAV header of OPTIONS on the URL */
  char         *allow;         /* the Allow header */
  gboolean      class1;
  gboolean      class2;
  gboolean      auth_failed;   /* no usable login: the rest is skipped */
  gboolean      unreachable;   /* no connection at all (set by the connection check): the
                              * rest is skipped, and the run fails with this error */
  GError       *unreachable_error;
  gboolean      no_follow;     /* dav_doctor_send () returns redirects instead of following
                              * them; reset before each check */
  char         *member_file;   /* URL of a file in the collection, for GET/HEAD */
  char         *member_folder; /* URL of a folder in it */
  char         *scratch;       /* the scratch folder (ends in "/"), once MKCOL made it */
  GPtrArray    *created;       /* URLs the write checks made, removed at the end */
  GHashTable   *locks;         /* token -> URL of locks taken and not yet removed */

  /* The runner's. */
  gpointer      doctor;        /* DavDoctor, only to post results to its thread */
  GMainContext *context;       /* the worker's */
  guint         findings;      /* reported by the running check */
};

/* Makes a client for the run's URL that goes the way the run's own
 * does (proxy, client certificate, pinned certificate), with none of
 * its login. */
DavClient *dav_doctor_new_client (DavDoctorRun *run);

/* ---- requests ----------------------------------------------------------- */

/* Sends @method to @url and waits for the whole answer. @headers: name,
 * value, name, value, ..., NULL (or NULL for none). @body may be NULL;
 * with @content_type NULL it is sent without a Content-Type. Returns the
 * result (also for 4xx/5xx) or NULL with @error when no answer came
 * (connection refused, TLS, timeout, cancelled). XML answers are parsed:
 * result->body holds the multistatus or DAV:error, with its problems. */
DavResult  *dav_doctor_send          (DavDoctorRun  *run,
                                      const char    *method,
                                      const char    *url,
                                      const char *const *headers,
                                      const char    *body,
                                      const char    *content_type,
                                      GError       **error);
/* A PROPFIND through the client's own verb (dav_client_propfind_async). */
DavResult  *dav_doctor_propfind      (DavDoctorRun  *run,
                                      const char    *url,
                                      DavPropfind   *propfind,
                                      GError       **error);
/* For a check that calls a DavClient verb itself: pass
 * dav_doctor_waiter_done and a zeroed waiter as its callback, then
 * dav_doctor_wait () iterates the worker's context until it ended and
 * returns its GAsyncResult (owned by the waiter's caller: unref it). */
typedef struct {
  GAsyncResult *result;
} DavDoctorWaiter;

void          dav_doctor_waiter_done (GObject          *source,
                                      GAsyncResult     *result,
                                      gpointer          waiter);
GAsyncResult *dav_doctor_wait        (DavDoctorRun     *run,
                                      DavDoctorWaiter  *waiter);
/* The response body of @result as received (the exchange log's copy, up
 * to its cap), or NULL. */
GBytes     *dav_doctor_dup_body      (DavDoctorRun  *run,
                                      DavResult     *result);
/* @result's reason phrase, or "" when the server sent none: for
 * "%u %s" in what a finding says came. */
const char *dav_doctor_reason        (const DavResult *result);
/* A URL under the scratch folder: @name is escaped. */
char       *dav_doctor_scratch_url   (DavDoctorRun  *run,
                                      const char    *name);
/* Remembers @url as made by the run, so that the end removes it if the
 * check could not. */
void        dav_doctor_created       (DavDoctorRun  *run,
                                      const char    *url);
gboolean    dav_doctor_cancelled     (DavDoctorRun  *run);
/* Remembers a lock the run took (UNLOCKed at the end if still there) and
 * forgets it once removed. */
void        dav_doctor_locked        (DavDoctorRun  *run,
                                      const char    *url,
                                      const char    *token);
void        dav_doctor_unlocked      (DavDoctorRun  *run,
                                      const char    *token);

/* ---- what a check says ---------------------------------------------------- */

/* A finding of @fault (an id of dav-doctor-faults.c; unknown ids are a
 * programming error) shown by @result (may be NULL: then no exchange).
 * @expected: what should have come (translated); @got_format: what came. */
void        dav_doctor_report        (DavDoctorRun  *run,
                                      const char    *fault,
                                      DavResult     *result,
                                      const char    *expected,
                                      const char    *got_format,
                                      ...) G_GNUC_PRINTF (5, 6);
/* The same with another severity than the catalogue's (a fault that is
 * worse or milder in this case) and an optional detail. */
void        dav_doctor_report_full   (DavDoctorRun  *run,
                                      const char    *fault,
                                      DavDoctorSeverity severity,
                                      DavResult     *result,
                                      const char    *expected,
                                      const char    *detail,
                                      const char    *got_format,
                                      ...) G_GNUC_PRINTF (7, 8);
/* A request that got no answer at all, as a finding of @fault. */
void        dav_doctor_report_error  (DavDoctorRun  *run,
                                      const char    *fault,
                                      const char    *method,
                                      const char    *url,
                                      const char    *expected,
                                      const GError  *error);
/* The check was not run (translated reason); call at most once, before
 * returning. */
void        dav_doctor_skip          (DavDoctorRun  *run,
                                      const char    *reason_format,
                                      ...) G_GNUC_PRINTF (2, 3);

/* The problems the parser recorded in @result's body, each as a finding
 * of its fault (DAV_PROBLEM_MISSING_HREF → "response-no-href", ...);
 * once per fault and check. */
void        dav_doctor_report_problems (DavDoctorRun *run,
                                        DavResult    *result);

/* ---- the check functions, by file ----------------------------------------- */

/* dav-doctor-read.c */
void dav_doctor_check_connection      (DavDoctorRun *run);
void dav_doctor_check_redirects       (DavDoctorRun *run);
void dav_doctor_check_auth            (DavDoctorRun *run);
void dav_doctor_check_options         (DavDoctorRun *run);
void dav_doctor_check_propfind_depth0 (DavDoctorRun *run);
void dav_doctor_check_propfind_depth1 (DavDoctorRun *run);
void dav_doctor_check_propfind_propname (DavDoctorRun *run);
void dav_doctor_check_propfind_named  (DavDoctorRun *run);
void dav_doctor_check_propfind_infinity (DavDoctorRun *run);
void dav_doctor_check_propfind_invalid (DavDoctorRun *run);
void dav_doctor_check_property_values (DavDoctorRun *run);
void dav_doctor_check_get_head        (DavDoctorRun *run);

/* dav-doctor-write.c */
void dav_doctor_check_mkcol           (DavDoctorRun *run);
void dav_doctor_check_put_get         (DavDoctorRun *run);
void dav_doctor_check_conditional_put (DavDoctorRun *run);
void dav_doctor_check_expect_continue (DavDoctorRun *run);
void dav_doctor_check_proppatch       (DavDoctorRun *run);
void dav_doctor_check_proppatch_namespaces (DavDoctorRun *run);
void dav_doctor_check_proppatch_atomic (DavDoctorRun *run);
void dav_doctor_check_copy            (DavDoctorRun *run);
void dav_doctor_check_move            (DavDoctorRun *run);
void dav_doctor_check_delete          (DavDoctorRun *run);

/* dav-doctor-locks.c */
void dav_doctor_check_lock            (DavDoctorRun *run);
void dav_doctor_check_lock_enforced   (DavDoctorRun *run);
void dav_doctor_check_lock_member     (DavDoctorRun *run);
void dav_doctor_check_lock_shared     (DavDoctorRun *run);
void dav_doctor_check_lock_unmapped   (DavDoctorRun *run);

G_END_DECLS
