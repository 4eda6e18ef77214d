/* dav-doctor.h: the server doctor, checks of what a WebDAV server does wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DavDoctor runs a fixed table of checks against one collection URL
 * (docs/doctor.md): read-only ones always, write ones in a scratch folder
 * it creates under the URL and always removes. Each check ends passed,
 * failed (with findings), skipped (with a reason) or cancelled. A finding
 * names a fault of the catalogue (dav-doctor-faults.h): its severity, RFC
 * section and the clients it breaks come from there; what was expected,
 * what came, the exchange and a curl command from the run.
 *
 * The checks run in a worker thread with a client of their own, so they
 * can be written as plain sequences of requests; the DavDoctor and its
 * DavDoctorCheck objects change only in the thread that called
 * dav_doctor_run_async () (notify::state, ::finding-added are emitted
 * there).
 */

#pragma once

#include <gio/gio.h>

#include "dav-client.h"

G_BEGIN_DECLS

typedef enum {
  DAV_DOCTOR_GROUP_CONNECTION,
  DAV_DOCTOR_GROUP_AUTH,
  DAV_DOCTOR_GROUP_OPTIONS,
  DAV_DOCTOR_GROUP_PROPFIND,
  DAV_DOCTOR_GROUP_CONTENT,      /* GET and HEAD against the properties */
  DAV_DOCTOR_GROUP_FOLDERS,      /* MKCOL; the first write check */
  DAV_DOCTOR_GROUP_FILES,        /* PUT and GET */
  DAV_DOCTOR_GROUP_PROPERTIES,   /* PROPPATCH */
  DAV_DOCTOR_GROUP_COPY_MOVE,
  DAV_DOCTOR_GROUP_DELETE,
  DAV_DOCTOR_GROUP_LOCKS,
  DAV_DOCTOR_N_GROUPS
} DavDoctorGroup;

typedef enum {
  DAV_DOCTOR_INFO,      /* worth knowing; nothing breaks */
  DAV_DOCTOR_WARNING,   /* allowed or common, but breaks some clients */
  DAV_DOCTOR_ERROR,     /* breaks the protocol */
} DavDoctorSeverity;

typedef enum {
  DAV_DOCTOR_CHECK_PENDING,
  DAV_DOCTOR_CHECK_RUNNING,
  DAV_DOCTOR_CHECK_PASSED,     /* nothing found, or only info findings */
  DAV_DOCTOR_CHECK_FAILED,     /* a warning or error finding */
  DAV_DOCTOR_CHECK_SKIPPED,    /* not run: see its reason */
  DAV_DOCTOR_CHECK_CANCELLED,
} DavDoctorCheckState;

/* One thing found. Immutable once made; all strings UTF-8, translated
 * where they are words, the server's text where they quote it. */
typedef struct {
  /*< private >*/
  gatomicrefcount    ref_count;
  /*< public, read-only >*/
  char              *fault;        /* catalogue id, "propfind-200-not-207" */
  char              *check;        /* id of the check that found it */
  DavDoctorSeverity  severity;     /* the catalogue's, unless the check knew better */
  char              *title;        /* one line: what is wrong */
  char              *expected;     /* what RFC 4918/9110 asks for */
  char              *got;          /* what the server did */
  char              *detail;       /* more, or NULL */
  char              *method;       /* of the request that showed it, or NULL */
  char              *url;
  guint              status;       /* of that answer; 0 when none came */
  char              *request;      /* request line, headers and body excerpt; or NULL */
  char              *response;     /* status line, headers and body excerpt; or NULL */
  char              *curl;         /* a command that sends the request again; or NULL */
} DavDoctorFinding;

#define DAV_TYPE_DOCTOR_FINDING (dav_doctor_finding_get_type ())

GType             dav_doctor_finding_get_type (void) G_GNUC_CONST;
DavDoctorFinding *dav_doctor_finding_ref      (DavDoctorFinding *self);
void              dav_doctor_finding_unref    (DavDoctorFinding *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavDoctorFinding, dav_doctor_finding_unref)

#define DAV_TYPE_DOCTOR_CHECK (dav_doctor_check_get_type ())

G_DECLARE_FINAL_TYPE (DavDoctorCheck, dav_doctor_check, DAV, DOCTOR_CHECK, GObject)

const char          *dav_doctor_check_get_id       (DavDoctorCheck *self);
DavDoctorGroup       dav_doctor_check_get_group    (DavDoctorCheck *self);
/* Translated: "PROPFIND with Depth: 1". */
const char          *dav_doctor_check_get_title    (DavDoctorCheck *self);
/* Translated: what it sends and why, one or two sentences. */
const char          *dav_doctor_check_get_summary  (DavDoctorCheck *self);
gboolean             dav_doctor_check_get_writes   (DavDoctorCheck *self);
DavDoctorCheckState  dav_doctor_check_get_state    (DavDoctorCheck *self);
/* Why it was skipped, or NULL. */
const char          *dav_doctor_check_get_reason   (DavDoctorCheck *self);
/* DavDoctorFinding*, in the order found; never NULL. */
GPtrArray           *dav_doctor_check_get_findings (DavDoctorCheck *self);
/* The worst severity among its findings; -1 when it has none. */
int                  dav_doctor_check_get_worst    (DavDoctorCheck *self);

#define DAV_TYPE_DOCTOR (dav_doctor_get_type ())

G_DECLARE_FINAL_TYPE (DavDoctor, dav_doctor, DAV, DOCTOR, GObject)

/* NULL, with @error, when @url is not an http(s)/dav(s) URL. */
DavDoctor   *dav_doctor_new                (const char   *url,
                                            gboolean      write,
                                            GError      **error);
const char  *dav_doctor_get_url            (DavDoctor    *self);
gboolean     dav_doctor_get_write          (DavDoctor    *self);
/* Used when the server asks for a login; without them a 401 is a
 * finding of the auth check and the rest is skipped. */
void         dav_doctor_set_credentials    (DavDoctor    *self,
                                            const char   *user,
                                            const char   *password);
/* Accept any certificate (--insecure); what was wrong with it is still
 * a finding. */
void         dav_doctor_set_accept_invalid_certificates
                                           (DavDoctor    *self,
                                            gboolean      accept);
void         dav_doctor_set_timeout        (DavDoctor    *self,
                                            guint         seconds);
/* Goes to the server the way @client does, as browsing it would (a
 * saved server's settings): through its proxy, showing its client
 * certificate, accepting the server certificate it pinned. Not its
 * login (dav_doctor_set_credentials) nor anything else of it. */
void         dav_doctor_set_connection_from (DavDoctor   *self,
                                             DavClient   *client);
/* The checks (DavDoctorCheck), in the order they run; the write checks
 * are there only when writing. */
GListModel  *dav_doctor_get_checks         (DavDoctor    *self);
DavDoctorCheck *dav_doctor_find_check      (DavDoctor    *self,
                                            const char   *id);
/* Runs every check once. Fails only when the doctor could not run at
 * all (no connection to the server); a server that answers badly is
 * findings. */
void         dav_doctor_run_async          (DavDoctor           *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean     dav_doctor_run_finish         (DavDoctor           *self,
                                            GAsyncResult        *result,
                                            GError             **error);
gboolean     dav_doctor_get_finished       (DavDoctor    *self);
gboolean     dav_doctor_get_cancelled      (DavDoctor    *self);
/* How many checks ended, of how many. */
guint        dav_doctor_get_done           (DavDoctor    *self);
/* Findings of @severity over all checks. */
guint        dav_doctor_count_findings     (DavDoctor    *self,
                                            DavDoctorSeverity severity);
/* The scratch folder of the write checks (NULL before it was made or
 * without --write), and what of it could not be removed (URLs; empty
 * when all went). */
const char  *dav_doctor_get_scratch_url    (DavDoctor    *self);
GStrv        dav_doctor_get_leftovers      (DavDoctor    *self);
/* The server's name as it gives it (Server header), or NULL. */
const char  *dav_doctor_get_server         (DavDoctor    *self);
/* When the run started (UTC; NULL before), and how long it took in
 * microseconds (0 until it finished): for the reports. */
GDateTime   *dav_doctor_get_started        (DavDoctor    *self);
gint64       dav_doctor_get_duration       (DavDoctor    *self);

/* Translated group titles: "Connection", "Locks". */
const char  *dav_doctor_group_get_title    (DavDoctorGroup      group);
/* "error", "warning", "info" (for JSON), and translated words. */
const char  *dav_doctor_severity_to_string (DavDoctorSeverity   severity);
const char  *dav_doctor_severity_get_label (DavDoctorSeverity   severity);
const char  *dav_doctor_check_state_to_string (DavDoctorCheckState state);

/* The whole run as a document: Markdown for a bug report, JSON for
 * scripts (docs/doctor.md gives the schema). */
char        *dav_doctor_to_markdown        (DavDoctor    *self);
char        *dav_doctor_to_json            (DavDoctor    *self,
                                            gboolean      pretty);
/* Translated, one line: "3 errors, 2 warnings, 1 info in 27 checks;
 * scratch folder removed" (dav-doctor-report.c). */
char        *dav_doctor_dup_summary_line   (DavDoctor    *self);

G_END_DECLS
