/* dav-report.h: the per-item report of a bulk operation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One item per target the user chose: what the server said about it, the
 * members of a 207 body (a folder whose locked file could not be deleted:
 * 423 for the file, 424 for the folder, RFC 4918 §9.6.1), the properties
 * of a PROPPATCH, the DAV:error conditions and descriptions, and the
 * explanation of each status. Nothing is "done" unless the server said so.
 */

#pragma once

#include "dav-json-writer.h"
#include "dav-problem.h"
#include "dav-response.h"
#include "dav-result.h"
#include "dav-status.h"

G_BEGIN_DECLS

typedef enum {
  DAV_OUTCOME_DONE,          /* the server confirmed it */
  DAV_OUTCOME_FAILED,        /* the server refused it, or part of it */
  DAV_OUTCOME_UNKNOWN,       /* sent, but no answer came (connection lost, cancelled) */
  DAV_OUTCOME_NOT_ATTEMPTED, /* never sent (cancelled, or the server went away before) */
} DavOutcome;

typedef struct {
  char      *href;         /* as the server sent it */
  guint      status;       /* 0: none readable */
  char      *reason;
  gboolean   ok;
  char      *explanation;  /* translated */
  GPtrArray *conditions;   /* DavCondition* */
  char      *description;
} DavReportMember;

typedef struct {
  char     *namespace_uri;
  char     *name;
  guint     status;
  gboolean  ok;
  char     *explanation;   /* translated, worded for a property */
  char     *description;
} DavReportProperty;

typedef struct {
  char       *url;
  char       *method;
  char       *destination;  /* COPY/MOVE: the URL; PUT: the local source; GET: the local file */
  DavOutcome  outcome;
  guint       status;       /* HTTP status; 0 when there was no answer */
  char       *reason;
  gboolean    ok;
  char       *explanation;  /* translated: what happened to this item */
  char       *error;        /* transport error, or NULL */
  GPtrArray  *members;      /* DavReportMember* */
  GPtrArray  *properties;   /* DavReportProperty* */
  GPtrArray  *conditions;   /* DavCondition*: DAV:error of the item itself */
  char       *description;
  gboolean    complete;     /* the answer was read whole and understood */
  gboolean    destination_exists; /* not done: something was at the destination,
                                   * and replacing it was not chosen */
  gboolean    overwrite;    /* COPY/MOVE: sent with Overwrite: T */
  GPtrArray  *asked;        /* PROPPATCH: DavReportProperty* (status 0), what was asked */
  GPtrArray  *problems;     /* DavProblem*: where the answer contradicts the request */
  guint64     exchange_id;
} DavReportItem;

DavReportItem *dav_report_item_new          (const char      *method,
                                             const char      *url);
void           dav_report_item_free         (DavReportItem   *item);
/* A property a PROPPATCH asks about: its answer must name it (and only
 * what was asked), or the item is not confirmed. */
void           dav_report_item_ask_property (DavReportItem   *item,
                                             const char      *namespace_uri,
                                             const char      *name);
/* Fills the item from the server's answer. */
void           dav_report_item_set_result   (DavReportItem   *item,
                                             DavResult       *result);
void           dav_report_item_set_error    (DavReportItem   *item,
                                             DavOutcome       outcome,
                                             const GError    *error);
const char    *dav_outcome_to_string        (DavOutcome       outcome);

#define DAV_TYPE_REPORT (dav_report_get_type ())

typedef struct {
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public >*/
  GPtrArray *items;   /* DavReportItem*, in the order the targets were given */
} DavReport;

GType      dav_report_get_type     (void) G_GNUC_CONST;
DavReport *dav_report_new          (void);
DavReport *dav_report_ref          (DavReport *self);
void       dav_report_unref        (DavReport *self);
guint      dav_report_count        (DavReport *self,
                                    DavOutcome outcome);
gboolean   dav_report_all_ok       (DavReport *self);
/* Whether @self may end quietly, in a toast: one item, confirmed by the
 * server, whose answer says nothing else (no problem with it). Several
 * items, or any failure, are for a whole report. */
gboolean   dav_report_is_single_success (DavReport *self);
/* Whether the reverse request undoes @item: a COPY, MOVE or PUT confirmed
 * with 201 Created made something new and replaced nothing (204 means an
 * existing resource was replaced: RFC 4918 §9.8.5 and §9.9.4, RFC 9110
 * §9.3.4), so moving it back or deleting what it made loses nothing. */
gboolean   dav_report_item_is_undoable  (const DavReportItem *item);
/* The history of a batch after a retry of some of its items: @earlier
 * with each item of @again in the place of the earlier item of the same
 * method and URL, and those of @again that match none at the end. A
 * report is the history of the batch: what was done stays.
 * Its items are borrowed from both, which must outlive it.
 *
 * Returns: (transfer full) */
DavReport *dav_report_merge        (DavReport *earlier,
                                    DavReport *again);
char      *dav_report_to_json      (DavReport *self,
                                    gboolean   pretty);
/* Writes "error": [...] for DAV:error conditions, each with its
 * explanation: the form every JSON output of Davscope uses. */
void       dav_report_write_conditions (DavJsonWriter *json,
                                        GPtrArray     *conditions);
/* Writes one problem as {kind, severity, message[, line, column]}. */
void       dav_report_write_problem    (DavJsonWriter    *json,
                                        const DavProblem *problem);
/* Writes "problems": [...] of @problems then @more (either may be NULL). */
void       dav_report_write_problems   (DavJsonWriter *json,
                                        GPtrArray     *problems,
                                        GPtrArray     *more);
/* One row per item, member and property: url,member,property,outcome,
 * status,reason,ok,explanation,conditions,description (RFC 4180). */
char      *dav_report_to_csv       (DavReport *self);

/* The report as text for people, one item after another (with its
 * members, properties, conditions and descriptions indented under it),
 * every server string escaped with dav_text_escape. The window's "Copy
 * Report" and davscope-cli's report differ in a few things, each a flag. */
typedef enum {
  DAV_REPORT_TEXT_DEFAULT             = 0,
  /* URLs and hrefs with their %XX decoded (the command line). */
  DAV_REPORT_TEXT_DECODE_URLS         = 1 << 0,
  /* The explanations escaped again (the window: an explanation may hold
   * an error message). */
  DAV_REPORT_TEXT_ESCAPE_EXPLANATIONS = 1 << 1,
  /* Where an answer contradicts the request (the command line). */
  DAV_REPORT_TEXT_PROBLEMS            = 1 << 2,
} DavReportTextFlags;

/* Returns the newly allocated @text marked for @severity (the command
 * line's colours), or a copy of it. */
typedef char *(*DavReportPaintFunc) (DavSeverity  severity,
                                     const char  *text,
                                     gpointer     user_data);

/* "✔", "ℹ", "⚠" or "✘". */
const char *dav_severity_to_mark       (DavSeverity severity);
/* Every item in turn; no summary (each caller counts in its own words). */
char      *dav_report_to_text          (DavReport          *self,
                                        DavReportTextFlags  flags);
/* One item. @refused: the client never sent it (shown as "- refused");
 * @paint: NULL, or how the marks of outcomes are coloured. */
void       dav_report_item_append_text (const DavReportItem *item,
                                        GString             *out,
                                        gboolean             refused,
                                        DavReportTextFlags   flags,
                                        DavReportPaintFunc   paint,
                                        gpointer             paint_data);
/* DAV:error conditions, each with its explanation, advice and reference,
 * @indent spaces in. */
void       dav_report_append_conditions_text (GString   *out,
                                              guint      indent,
                                              GPtrArray *conditions);
/* Problems, "⚠ kind: message (line 3)", @indent spaces in. */
void       dav_report_append_problems_text   (GString            *out,
                                              guint               indent,
                                              GPtrArray          *problems,
                                              DavReportPaintFunc  paint,
                                              gpointer            paint_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavReport, dav_report_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavReportItem, dav_report_item_free)

G_END_DECLS
