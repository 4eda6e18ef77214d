/* dav-problem.h: one oddity found in a server's answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parser never drops what it cannot understand: each oddity becomes a
 * DavProblem on the response it belongs to, or on the whole body.
 */

#pragma once

#include <glib-object.h>

#include "dav-status.h"

G_BEGIN_DECLS

typedef enum {
  DAV_PROBLEM_NOT_WELL_FORMED,       /* XML syntax error; parsing stopped */
  DAV_PROBLEM_TRUNCATED,             /* the document ended before its end tag */
  DAV_PROBLEM_EMPTY_BODY,
  DAV_PROBLEM_NOT_MULTISTATUS,       /* the root is not DAV:multistatus */
  DAV_PROBLEM_FORBIDDEN_DTD,         /* a DOCTYPE, never processed */
  DAV_PROBLEM_LIMIT,                 /* a safety limit stopped parsing */
  DAV_PROBLEM_VALUE_TRUNCATED,       /* a value longer than the cap was cut */
  DAV_PROBLEM_NAMESPACE,             /* undeclared prefix, or DAV: element in a wrong namespace */
  DAV_PROBLEM_MISSING_HREF,
  DAV_PROBLEM_EMPTY_HREF,
  DAV_PROBLEM_INVALID_HREF,          /* cannot be resolved or names no resource */
  DAV_PROBLEM_OTHER_ORIGIN,          /* href on another scheme, host or port */
  DAV_PROBLEM_OUTSIDE_COLLECTION,    /* href not under the requested collection */
  DAV_PROBLEM_DUPLICATE_HREF,        /* two responses name the same resource */
  DAV_PROBLEM_MISSING_STATUS,        /* neither status nor propstat; propstat without status */
  DAV_PROBLEM_BAD_STATUS_LINE,       /* no status code could be read */
  DAV_PROBLEM_LENIENT_STATUS_LINE,   /* read, but not in the form RFC 9110 gives */
  DAV_PROBLEM_INTERIM_STATUS,        /* 1xx recorded in a 207 (RFC 4918 §13) */
  DAV_PROBLEM_UNKNOWN_STATUS,        /* a code nobody registered */
  DAV_PROBLEM_STATUS_AND_PROPSTAT,   /* both forms of RFC 4918 §14.24 at once */
  DAV_PROBLEM_HREFS_WITH_PROPSTAT,   /* several hrefs with propstat: not allowed */
  DAV_PROBLEM_DUPLICATE_ELEMENT,     /* e.g. two status elements in one propstat */
  DAV_PROBLEM_DUPLICATE_PROPERTY,    /* one property reported twice */
  DAV_PROBLEM_UNEXPECTED_ELEMENT,    /* an element that has no place there */
  DAV_PROBLEM_UNEXPECTED_TEXT,       /* text where only elements belong */
  DAV_PROBLEM_VALUE_IN_FAILED_PROPSTAT,
  DAV_PROBLEM_EMPTY_PROPSTAT,        /* a propstat naming no property */
  DAV_PROBLEM_ENCODING,              /* invalid characters or encoding */
  /* An answer that contradicts the request it answers (a report item): */
  DAV_PROBLEM_UNANSWERED_PROPERTY,   /* a property asked about is not in the answer */
  DAV_PROBLEM_UNASKED_PROPERTY,      /* the answer names a property nobody asked about */
  DAV_PROBLEM_PROTECTED_CHANGED,     /* a 2xx for changing what the server computes */
  DAV_PROBLEM_CONTRADICTS_REQUEST,   /* done, but e.g. "replaced" after Overwrite: F */
  DAV_PROBLEM_ALLPROP_INCOMPLETE,    /* "all properties" left out some that exist */
} DavProblemKind;

#define DAV_TYPE_PROBLEM (dav_problem_get_type ())

typedef struct {
  DavProblemKind kind;
  char          *message;  /* translated, for people; server text already escaped */
  guint          line;     /* 1-based line in the body, 0 when unknown */
  guint          column;
} DavProblem;

GType        dav_problem_get_type       (void) G_GNUC_CONST;
DavProblem  *dav_problem_new            (DavProblemKind    kind,
                                         guint             line,
                                         guint             column,
                                         const char       *format,
                                         ...) G_GNUC_PRINTF (4, 5);
DavProblem  *dav_problem_copy           (const DavProblem *problem);
void         dav_problem_free           (DavProblem       *problem);
const char  *dav_problem_kind_to_string (DavProblemKind    kind);
DavSeverity  dav_problem_kind_severity  (DavProblemKind    kind);
/* TRUE for kinds that make the whole body untrustworthy for bulk actions. */
gboolean     dav_problem_kind_is_fatal  (DavProblemKind    kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavProblem, dav_problem_free)

G_END_DECLS
