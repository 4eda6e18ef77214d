/* dav-multistatus-parser-private.h: the parser's state, shared by its two halves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dav-multistatus-parser.c feeds libxml2 (blocks, limits, the charset,
 * the safety callbacks, errors) and owns the object;
 * dav-multistatus-parser-elements.c says what each element of a 207
 * means (RFC 4918 §14) and builds the responses. Both work on this one
 * struct: the element handlers run inside xmlParseChunk, on the state
 * the feeding side set up.
 */

#pragma once

#include <libxml/parser.h>
#include <libxml/SAX2.h>

#include "dav-multistatus-parser.h"

G_BEGIN_DECLS

#define DAV_NS "DAV:"

typedef enum {
  FRAME_SKIP,            /* an element we do not use, with all it holds */
  FRAME_MULTISTATUS,
  FRAME_RESPONSE,
  FRAME_HREF,
  FRAME_STATUS,
  FRAME_PROPSTAT,
  FRAME_PROP,
  FRAME_PROPERTY,        /* a child of DAV:prop: its content is the value */
  FRAME_ERROR,
  FRAME_CONDITION,       /* a child of DAV:error */
  FRAME_VALUE_ELEMENT,   /* an element inside a property or condition, kept as XML */
  FRAME_DESCRIPTION,
  FRAME_LOCATION,
  FRAME_LOCATION_HREF,
  FRAME_SYNC_TOKEN,
  FRAME_TRANSPARENT,     /* an element inside text (an href, a status): its text counts */
} FrameKind;

typedef struct {
  FrameKind      kind;
  const xmlChar *uri;    /* from the parser's dictionary, valid as long as it */
} Frame;

/* A property's name as libxml2 gives it: both strings come from the
 * parser's dictionary, so equal names are equal pointers. */
typedef struct {
  const xmlChar *uri;
  const xmlChar *localname;
} NameRef;

/* A property name met in this body, with the first property made for it:
 * the next ones of that name are made like it (dav_property_new_like),
 * without looking the name up again. A listing repeats a handful of
 * names; a body with more names than there is room for makes the others
 * from their strings. */
#define PARSER_KNOWN_NAMES 16

typedef struct {
  NameRef      name;
  DavProperty *model;
} KnownName;

/* The names the element handlers look for, from the parser's dictionary:
 * libxml2 hands every local name over from it, so a name is one of these
 * when it is the same pointer, and no string is compared per element. */
typedef struct {
  const xmlChar *dav;            /* the namespace "DAV:" */
  const xmlChar *multistatus;
  const xmlChar *response;
  const xmlChar *href;
  const xmlChar *status;
  const xmlChar *propstat;
  const xmlChar *prop;
  const xmlChar *error;
  const xmlChar *responsedescription;
  const xmlChar *location;
  const xmlChar *sync_token;
  const xmlChar *other_ns;       /* the last namespace found not to be "DAV:" */
} DavNames;

/* What the text of the current collecting element is for. */
typedef enum {
  OWNER_NONE,
  OWNER_MULTISTATUS,
  OWNER_RESPONSE,
  OWNER_PROPSTAT,
} Owner;

struct _DavMultistatusParser
{
  GObject          parent_instance;

  xmlParserCtxtPtr ctxt;
  DavParserLimits  limits;
  DavResponseFunc  func;
  gpointer         func_data;
  GDestroyNotify   func_destroy;

  DavMultistatus  *result;
  Frame           *frames;        /* the open elements, innermost last */
  guint            n_frames;
  guint            frames_allocated;

  DavResponse     *response;      /* the open response, or NULL */
  DavPropstat     *propstat;      /* the open propstat, or NULL */
  DavProperty     *property;      /* the open property, or NULL */
  DavCondition    *condition;     /* the open condition, or NULL */
  Owner            owner;         /* whose description / error this is */
  guint            n_properties;  /* in the open response */
  NameRef         *property_names; /* of the open response's properties */
  guint            n_property_names;
  guint            property_names_allocated;
  GHashTable      *seen_hrefs;    /* normalised hrefs of all responses */
  GStringChunk    *seen_bytes;    /* their text, in blocks freed at once */
  KnownName        known_names[PARSER_KNOWN_NAMES];
  DavNames         names;
  guint            n_known_names;

  GString         *text;          /* text of the collecting element */
  GString         *xml;           /* serialized content of a value */
  gboolean         value_has_elements;
  gboolean         open_tag_pending;
  gboolean         value_cut;
  gboolean         unexpected_text_reported;  /* in the open response */
  gboolean         body_text_reported;        /* between responses */

  guint64          bytes;
  guint            depth;
  gboolean         root_seen;
  gboolean         root_closed;
  gboolean         stopped;       /* parsing ended for good (error, DTD, limit) */
  gboolean         fatal;         /* a fatal problem was recorded */
  gboolean         finished;
  gboolean         was_cut;       /* dav_multistatus_parser_cut (): no more input */
  gboolean         skip_document; /* the root was not DAV:multistatus */
  gboolean         prop_body;     /* the root is DAV:prop (a LOCK answer) */
  GByteArray      *pending;       /* input not yet given to libxml2 */
  char            *charset;       /* what the HTTP header says the body is in */
  gboolean         parsing;       /* libxml2 has had the first bytes */

  /* The parsing thread (dav_multistatus_parser_set_threaded): while it
   * runs, everything above is its own; the feeding side only touches
   * what is below, under the lock. */
  gboolean         threaded;
  GThread         *thread;
  GMutex           lock;
  GCond            cond;
  GQueue           queue;         /* of GBytes; an empty one: the cap was reached */
  gsize            queued;        /* bytes in the queue */
  gboolean         input_done;    /* nothing more will be queued */
  gboolean         cancelled;     /* drop what is queued */
  gboolean         thread_stopped; /* the thread saw the parser stop */
};

static inline guint
current_line (DavMultistatusParser *self)
{
  return self->ctxt ? (guint) xmlSAX2GetLineNumber (self->ctxt) : 0;
}

static inline guint
current_column (DavMultistatusParser *self)
{
  return self->ctxt ? (guint) xmlSAX2GetColumnNumber (self->ctxt) : 0;
}

/* Problems land on the open response when there is one. */
void     parser_add_problem        (DavMultistatusParser *self,
                                    DavProblem           *problem) G_GNUC_INTERNAL;
void     parser_add_body_problem   (DavMultistatusParser *self,
                                    DavProblem           *problem) G_GNUC_INTERNAL;
/* Parsing ends for good (an error, a DTD, a limit). */
void     parser_stop               (DavMultistatusParser *self) G_GNUC_INTERNAL;
void     parser_limit_reached      (DavMultistatusParser *self,
                                    const char           *what) G_GNUC_INTERNAL;

/* In dav-multistatus-parser-elements.c: the SAX2 handlers, and the
 * end of a response (also of one cut off when the input ends). */
void     parser_finish_response    (DavMultistatusParser *self) G_GNUC_INTERNAL;
void     parser_on_start_element   (void                 *ctx,
                                    const xmlChar        *localname,
                                    const xmlChar        *prefix,
                                    const xmlChar        *uri,
                                    int                   nb_namespaces,
                                    const xmlChar       **namespaces,
                                    int                   nb_attributes,
                                    int                   nb_defaulted,
                                    const xmlChar       **attributes) G_GNUC_INTERNAL;
void     parser_on_end_element     (void                 *ctx,
                                    const xmlChar        *localname,
                                    const xmlChar        *prefix,
                                    const xmlChar        *uri) G_GNUC_INTERNAL;
void     parser_on_characters      (void                 *ctx,
                                    const xmlChar        *ch,
                                    int                   len) G_GNUC_INTERNAL;

G_END_DECLS
