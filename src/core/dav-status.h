/* dav-status.h: the HTTP / WebDAV status catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every status code a WebDAV user can meet, with what it means for the
 * item it is attached to, what to try, and where the RFCs define it.
 * Also the DAV:error precondition / postcondition elements (RFC 4918 §16).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DAV_STATUS_CLASS_INVALID       = 0, /* not in 100..599 */
  DAV_STATUS_CLASS_INFORMATIONAL = 1,
  DAV_STATUS_CLASS_SUCCESS       = 2,
  DAV_STATUS_CLASS_REDIRECTION   = 3,
  DAV_STATUS_CLASS_CLIENT_ERROR  = 4,
  DAV_STATUS_CLASS_SERVER_ERROR  = 5,
} DavStatusClass;

/* How a status should look to a person: an item with DAV_SEVERITY_ERROR
 * was not done; WARNING means done, or not an error, but worth a look
 * (a 1xx or 3xx inside a 207, an unknown 2xx). */
typedef enum {
  DAV_SEVERITY_OK,
  DAV_SEVERITY_INFO,
  DAV_SEVERITY_WARNING,
  DAV_SEVERITY_ERROR,
} DavSeverity;

/* The name a web framework or library gives a code, for people who
 * debug their own server. */
typedef struct {
  const char *framework; /* "Rails", "Symfony", ".NET", "Rust http", "Go net/http",
                          * "Python http", "Apache HttpComponents", "Angular" */
  const char *constant;  /* ":locked", "HTTP_LOCKED", "HttpStatusCode.Locked", ... */
} DavFrameworkName;

typedef struct {
  guint                   code;
  gboolean                known;        /* a registered code, in the catalogue */
  DavStatusClass          status_class;
  DavSeverity             severity;
  const char             *reason;       /* translated; for unknown codes a class phrase */
  const char             *standard_reason; /* the same, untranslated (RFC 9110 wording) */
  const char             *explanation;  /* translated; plain language, for the person */
  const char             *advice;       /* translated; what they can try */
  const char             *rfc2616;      /* "RFC 2616 §10.4.5", or NULL */
  const char             *reference;    /* "RFC 9110 §15.5.5", "RFC 4918 §11.3", ... */
  const DavFrameworkName *frameworks;   /* terminated by { NULL, NULL }; never NULL */
} DavStatusInfo;

gboolean        dav_status_lookup          (guint          code,
                                            DavStatusInfo *info);
/* The same, worded for the request @method got it for (a 409 means a
 * missing folder for MKCOL or PUT, a wrong token for UNLOCK). @method may
 * be NULL. */
gboolean        dav_status_lookup_for_method (guint          code,
                                              const char    *method,
                                              DavStatusInfo *info);
/* The same, worded for one property of a PROPFIND or PROPPATCH result. */
gboolean        dav_status_lookup_property (guint          code,
                                            DavStatusInfo *info);
DavStatusClass  dav_status_class_of        (guint          code);
const char     *dav_status_class_to_string (DavStatusClass status_class);
const char     *dav_severity_to_string     (DavSeverity    severity);
gboolean        dav_status_is_success      (guint          code);
const guint    *dav_status_known_codes     (gsize         *n_codes);

/* RFC 4918 §16 and related: the elements a server puts inside DAV:error. */
typedef struct {
  const char *namespace_uri; /* "DAV:" */
  const char *name;          /* "lock-token-submitted" */
  gboolean    postcondition; /* FALSE: precondition */
  const char *explanation;   /* translated */
  const char *advice;        /* translated */
  const char *reference;     /* "RFC 4918 §16" */
} DavConditionInfo;

/* Fills @info with translated strings; FALSE (and @info untouched) for a
 * condition the catalogue does not know. */
gboolean            dav_condition_lookup (const char       *namespace_uri,
                                          const char       *name,
                                          DavConditionInfo *info);
/* The local names of every DAV: condition in the catalogue, NULL-terminated. */
const char * const *dav_condition_names  (void);

G_END_DECLS
