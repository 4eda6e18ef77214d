/* dav-response.h: one <DAV:response> of a 207 Multi-Status body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain reference-counted records, filled by DavMultistatusParser and then
 * only read. A response has either a status for its href(s), or propstats
 * with a status per group of properties (RFC 4918 §14.24); a hostile or
 * sloppy server may send both, neither, or worse: what was sent is kept,
 * and what is wrong is listed in problems.
 */

#pragma once

#include <glib-object.h>

#include "dav-problem.h"
#include "dav-property.h"

G_BEGIN_DECLS

/* One child of a DAV:error element: a precondition or postcondition code
 * (RFC 4918 §16), e.g. {DAV:}lock-token-submitted with its hrefs. */
typedef struct {
  char *namespace_uri;
  char *name;
  char *content;       /* serialized children (e.g. <D:href>s), or NULL */
} DavCondition;

typedef struct {
  guint      status;      /* 0: none or unreadable */
  char      *reason;      /* reason phrase as sent (escaped for display), or NULL */
  char      *status_line; /* the text of <status> as sent, trimmed, or NULL */
  GPtrArray *properties;  /* DavProperty*, each carrying this propstat's status */
  GPtrArray *errors;      /* DavCondition* */
  char      *description; /* responsedescription, or NULL */
} DavPropstat;

#define DAV_TYPE_RESPONSE (dav_response_get_type ())

typedef struct {
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public, read-only >*/
  GPtrArray *hrefs;       /* char*: href texts, trimmed and entity-decoded, still percent-encoded */
  guint      status;      /* response-level status; 0: none or unreadable */
  char      *reason;
  char      *status_line;
  GPtrArray *propstats;   /* DavPropstat* */
  GPtrArray *errors;      /* DavCondition* */
  char      *description;
  char      *location;    /* href of DAV:location, or NULL */
  GPtrArray *problems;    /* DavProblem* */
  guint      line;        /* where <response> started in the body */
  guint      index;       /* 0-based position in the body */
} DavResponse;

GType         dav_response_get_type          (void) G_GNUC_CONST;
DavResponse  *dav_response_new               (void);
DavResponse  *dav_response_ref               (DavResponse       *self);
void          dav_response_unref             (DavResponse       *self);
const char   *dav_response_get_href          (const DavResponse *self);
/* The status that decides the item's outcome: the response status, or the
 * worst propstat status; 0 when there is none. */
guint         dav_response_get_effective_status (const DavResponse *self);
gboolean      dav_response_is_ok             (const DavResponse *self);
/* The status of an entry of a listing: its own status when it has one,
 * else found when any property was found, since a 404 for one property
 * only says the item lacks it. */
guint         dav_response_get_listing_status (const DavResponse *self);
/* The status of the item itself, as the inspector shows it: the effective
 * status, except that a 404 for named properties only says the item lacks
 * them (RFC 4918 §9.1), so it is no failure of the item; a 403 or 424 for
 * a property still is. */
guint         dav_response_get_item_status   (const DavResponse *self);
/* The property of that name from the best propstat (2xx first), or NULL. */
const DavProperty *dav_response_find_property (const DavResponse *self,
                                               const char        *namespace_uri,
                                               const char        *name);
/* Whether it is a collection: its DAV:resourcetype when the server gave
 * one, else whether the href ended with a slash (@href_collection). */
gboolean      dav_response_is_collection     (const DavResponse *self,
                                              gboolean           href_collection);
void          dav_response_add_problem       (DavResponse       *self,
                                              DavProblem        *problem);

DavPropstat  *dav_propstat_new               (void);
void          dav_propstat_free              (DavPropstat       *propstat);
DavCondition *dav_condition_new              (const char        *namespace_uri,
                                              const char        *name);
void          dav_condition_free             (DavCondition      *condition);
char         *dav_condition_dup_clark_name   (const DavCondition *condition);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavResponse, dav_response_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavPropstat, dav_propstat_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavCondition, dav_condition_free)

G_END_DECLS
