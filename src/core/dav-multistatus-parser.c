/* dav-multistatus-parser.c: streaming parser for 207 Multi-Status bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libxml2 SAX2 push parser with a stack of frames, one per open element.
 * The frame says what the element is in RFC 4918 §14 terms and so where its
 * text goes. Safety (docs/hostile-servers.md, cases 1-16): a DOCTYPE
 * stops parsing before its internal subset is read, so no entity is ever
 * declared or expanded; no network; element depth is counted here, since
 * the 2.9 push parser does not limit it; text, counts and bytes are
 * capped.
 */

#include "dav-multistatus-parser.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <string.h>

#include "dav-error.h"
#include "dav-href.h"
#include "dav-status-line.h"
#include "dav-text.h"

#define DAV_NS "DAV:"
#define BLOCK_SIZE 4096

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
  gboolean         skip_document; /* the root was not DAV:multistatus */
  gboolean         prop_body;     /* the root is DAV:prop (a LOCK answer) */
  GByteArray      *pending;       /* input not yet given to libxml2 */
  char            *charset;       /* what the HTTP header says the body is in */
  gboolean         parsing;       /* libxml2 has had the first bytes */
};

G_DEFINE_FINAL_TYPE (DavMultistatusParser, dav_multistatus_parser, G_TYPE_OBJECT)

void
dav_parser_limits_init_default (DavParserLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_body_bytes = G_GUINT64_CONSTANT (1) << 30;
  limits->max_depth = 64;
  limits->max_responses = 1000000;
  limits->max_propstats = 64;
  limits->max_properties = 1024;
  limits->max_value_bytes = 100 * 1024;
}

static guint
current_line (DavMultistatusParser *self)
{
  return self->ctxt ? (guint) xmlSAX2GetLineNumber (self->ctxt) : 0;
}

static guint
current_column (DavMultistatusParser *self)
{
  return self->ctxt ? (guint) xmlSAX2GetColumnNumber (self->ctxt) : 0;
}

/* Problems land on the open response when there is one. */
static void
add_problem (DavMultistatusParser *self,
             DavProblem           *problem)
{
  if (dav_problem_kind_is_fatal (problem->kind))
    self->fatal = TRUE;

  if (self->response != NULL)
    dav_response_add_problem (self->response, problem);
  else
    g_ptr_array_add (self->result->problems, problem);
}

static void
add_body_problem (DavMultistatusParser *self,
                  DavProblem           *problem)
{
  self->fatal |= dav_problem_kind_is_fatal (problem->kind);
  g_ptr_array_add (self->result->problems, problem);
}

static void
stop (DavMultistatusParser *self)
{
  self->stopped = TRUE;
  if (self->ctxt != NULL)
    xmlStopParser (self->ctxt);
}

static void
limit_reached (DavMultistatusParser *self,
               const char           *what)
{
  if (self->stopped)
    return;

  add_body_problem (self, dav_problem_new (DAV_PROBLEM_LIMIT,
                                           current_line (self), current_column (self),
                                           _("Parsing stopped: %s. The rest of the answer was not read, so this listing is incomplete."),
                                           what));
  stop (self);
}

static inline gboolean
is_dav (const xmlChar *uri,
        const xmlChar *localname,
        const char    *name)
{
  return uri != NULL && strcmp ((const char *) uri, DAV_NS) == 0 &&
         strcmp ((const char *) localname, name) == 0;
}

static Frame *
top_frame (DavMultistatusParser *self)
{
  if (self->n_frames == 0)
    return NULL;

  return &self->frames[self->n_frames - 1];
}

static void
push_frame (DavMultistatusParser *self,
            FrameKind             kind,
            const xmlChar        *uri)
{
  /* At most max_depth deep: the array only grows while it is first
   * reached. */
  if (self->n_frames == self->frames_allocated)
    {
      self->frames_allocated *= 2;
      self->frames = g_renew (Frame, self->frames, self->frames_allocated);
    }
  self->frames[self->n_frames].kind = kind;
  self->frames[self->n_frames].uri = uri;
  self->n_frames++;
}

static void
begin_text (DavMultistatusParser *self)
{
  g_string_truncate (self->text, 0);
  g_string_truncate (self->xml, 0);
  self->value_has_elements = FALSE;
  self->open_tag_pending = FALSE;
  self->value_cut = FALSE;
}

/* Appends within the value cap; reports the first cut. */
static void
append_capped_slow (DavMultistatusParser *self,
                    GString              *buffer,
                    const char           *data,
                    gsize                 length)
{
  gsize room;

  /* Once cut, a value stays cut: text after an entity would otherwise be
   * spliced onto a shortened one ("abcd" + "&"). */
  if (self->value_cut)
    return;

  if (buffer->len >= self->limits.max_value_bytes)
    room = 0;
  else
    room = self->limits.max_value_bytes - buffer->len;

  if (length > room)
    {
      /* Never cut inside a UTF-8 sequence. */
      while (room > 0 && ((guchar) data[room] & 0xC0) == 0x80)
        room--;
      g_string_append_len (buffer, data, room);
      if (!self->value_cut)
        {
          self->value_cut = TRUE;
          add_problem (self, dav_problem_new (DAV_PROBLEM_VALUE_TRUNCATED,
                                              current_line (self), current_column (self),
                                              _("A value longer than %lu bytes was cut off."),
                                              (gulong) self->limits.max_value_bytes));
        }
      return;
    }

  g_string_append_len (buffer, data, length);
}

/* append_capped_slow() for what fits under the cap and in the buffer: a
 * copy, without a call into GString (text arrives in many small pieces). */
static inline void
append_capped (DavMultistatusParser *self,
               GString              *buffer,
               const char           *data,
               gsize                 length)
{
  if (G_LIKELY (!self->value_cut &&
                buffer->len + length <= self->limits.max_value_bytes &&
                buffer->len + length < buffer->allocated_len))
    {
      memcpy (buffer->str + buffer->len, data, length);
      buffer->len += length;
      buffer->str[buffer->len] = '\0';
      return;
    }

  append_capped_slow (self, buffer, data, length);
}

static void
append_escaped (DavMultistatusParser *self,
                const char           *data,
                gsize                 length,
                gboolean              attribute)
{
  const char *run = data;
  const char *end = data + length;

  for (const char *p = data; p < end; p++)
    {
      const char *entity = NULL;

      switch (*p)
        {
        case '&': entity = attribute ? NULL : "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = attribute ? NULL : "&gt;"; break;
        case '"': entity = attribute ? "&quot;" : NULL; break;
        default: break;
        }

      if (entity == NULL)
        continue;

      append_capped (self, self->xml, run, p - run);
      append_capped (self, self->xml, entity, strlen (entity));
      run = p + 1;
    }

  append_capped (self, self->xml, run, end - run);
}

static void
close_pending_tag (DavMultistatusParser *self)
{
  if (self->open_tag_pending)
    {
      append_capped (self, self->xml, ">", 1);
      self->open_tag_pending = FALSE;
    }
}

static char *
take_text (DavMultistatusParser *self)
{
  char *text = dav_text_strip (g_strndup (self->text->str, self->text->len));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

/* Writes the start of an element inside a value (RFC 4918 §4.3: the
 * value keeps its XML); namespaces are made explicit, since the fragment
 * is read without the prefixes in scope here. */
static void
serialize_start (DavMultistatusParser  *self,
                 const xmlChar         *localname,
                 const xmlChar         *uri,
                 int                    nb_attributes,
                 const xmlChar        **attributes)
{
  Frame *parent = top_frame (self);
  const char *ns = uri ? (const char *) uri : "";
  const char *parent_ns = NULL;

  close_pending_tag (self);
  if (!self->value_has_elements)
    {
      /* Text before the first element was only kept raw: escape it now. */
      self->value_has_elements = TRUE;
      append_escaped (self, self->text->str, self->text->len, FALSE);
    }

  if (parent != NULL && parent->kind == FRAME_VALUE_ELEMENT)
    parent_ns = parent->uri ? (const char *) parent->uri : "";

  append_capped (self, self->xml, "<", 1);
  append_capped (self, self->xml, (const char *) localname, strlen ((const char *) localname));

  if ((parent_ns == NULL && *ns != '\0') ||
      (parent_ns != NULL && strcmp (parent_ns, ns) != 0))
    {
      append_capped (self, self->xml, " xmlns=\"", 8);
      append_escaped (self, ns, strlen (ns), TRUE);
      append_capped (self, self->xml, "\"", 1);
    }

  for (int i = 0; i < nb_attributes; i++)
    {
      const xmlChar *const *attr = &attributes[i * 5];
      const char *attr_name = (const char *) attr[0];
      const char *attr_uri = (const char *) attr[2];
      g_autofree char *decl = NULL;

      if (attr_uri != NULL)
        {
          decl = g_strdup_printf (" xmlns:a%d=\"", i);
          append_capped (self, self->xml, decl, strlen (decl));
          append_escaped (self, attr_uri, strlen (attr_uri), TRUE);
          g_free (decl);
          decl = g_strdup_printf ("\" a%d:", i);
          append_capped (self, self->xml, decl, strlen (decl));
        }
      else
        append_capped (self, self->xml, " ", 1);

      append_capped (self, self->xml, attr_name, strlen (attr_name));
      append_capped (self, self->xml, "=\"", 2);
      /* libxml2 hands attribute values over with entities still as
       * character references (&#38;), which stay valid here. */
      append_escaped (self, (const char *) attr[3], attr[4] - attr[3], TRUE);
      append_capped (self, self->xml, "\"", 1);
    }

  self->open_tag_pending = TRUE;
}

static void
serialize_end (DavMultistatusParser *self,
               const xmlChar        *localname)
{
  if (self->open_tag_pending)
    {
      append_capped (self, self->xml, "/>", 2);
      self->open_tag_pending = FALSE;
      return;
    }

  append_capped (self, self->xml, "</", 2);
  append_capped (self, self->xml, (const char *) localname, strlen ((const char *) localname));
  append_capped (self, self->xml, ">", 1);
}

/* The value of a property or the content of a condition: NULL when empty
 * or blank, the text when it is only text, else the XML. */
static char *
take_value (DavMultistatusParser *self,
            gboolean             *is_xml)
{
  *is_xml = self->value_has_elements;

  if (dav_text_is_blank (self->text->str, self->text->len) && !self->value_has_elements)
    return NULL;

  if (!self->value_has_elements)
    return g_strndup (self->text->str, self->text->len);

  /* Indentation around the elements is the server's layout, not data. */
  {
    char *xml = dav_text_strip (g_strndup (self->xml->str, self->xml->len));

    if (*xml == '\0')
      g_clear_pointer (&xml, g_free);
    return xml;
  }
}

static void
report_unexpected_element (DavMultistatusParser *self,
                           const xmlChar        *localname,
                           const xmlChar        *uri,
                           const char           *where)
{
  g_autofree char *shown = dav_text_escape ((const char *) localname, -1);
  g_autofree char *shown_ns = dav_text_escape (uri ? (const char *) uri : "", -1);

  /* "Dav:" or "dav:" is not DAV: (namespace names compare exactly), but a
   * server that wrote it meant DAV:, and its items are lost: never a
   * complete answer. */
  if (uri != NULL && strcmp ((const char *) uri, DAV_NS) != 0 &&
      g_ascii_strcasecmp ((const char *) uri, DAV_NS) == 0)
    {
      add_problem (self, dav_problem_new (DAV_PROBLEM_NAMESPACE,
                                          current_line (self), current_column (self),
                                          _("The element {%s}%s is in the wrong namespace: WebDAV's is exactly “DAV:”. It was not read."),
                                          shown_ns, shown));
      return;
    }

  add_problem (self, dav_problem_new (DAV_PROBLEM_UNEXPECTED_ELEMENT,
                                      current_line (self), current_column (self),
                                      _("The element {%s}%s has no meaning inside %s and was ignored."),
                                      shown_ns, shown, where));
}

static void
start_response (DavMultistatusParser *self)
{
  if (self->result->n_responses >= self->limits.max_responses)
    {
      limit_reached (self, _("the answer lists more resources than the limit allows"));
      return;
    }

  self->response = dav_response_new ();
  self->response->line = current_line (self);
  self->response->index = self->result->n_responses;
  self->n_properties = 0;
  self->unexpected_text_reported = FALSE;
  self->n_property_names = 0;
}

static void
check_duplicate_href (DavMultistatusParser *self,
                      const char           *href)
{
  char *key;

  /* Most hrefs have no escapes: then only trailing slashes differ. */
  if (strchr (href, '%') == NULL)
    {
      gsize len = strlen (href);

      while (len > 0 && href[len - 1] == '/')
        len--;
      key = g_strndup (href, len);
    }
  else
    key = dav_href_normalize_path (href);

  if (!g_hash_table_add (self->seen_hrefs, key))
    {
      g_autofree char *shown = dav_text_escape (href, -1);

      add_problem (self, dav_problem_new (DAV_PROBLEM_DUPLICATE_HREF,
                                          self->response->line, 0,
                                          _("The resource %s is listed more than once in this answer."),
                                          shown));
    }
}

static void
finish_response (DavMultistatusParser *self)
{
  DavResponse *response = self->response;
  guint line = response->line;

  if (response->hrefs->len == 0 && !self->prop_body)
    add_problem (self, dav_problem_new (DAV_PROBLEM_MISSING_HREF, line, 0,
                                        _("This response names no resource (it has no href), so it cannot be matched to an item.")));

  if (response->status == 0 && response->status_line == NULL && response->propstats->len == 0)
    add_problem (self, dav_problem_new (DAV_PROBLEM_MISSING_STATUS, line, 0,
                                        _("This response has neither a status nor property results, so its outcome is unknown.")));

  if (response->status_line != NULL && response->propstats->len > 0)
    add_problem (self, dav_problem_new (DAV_PROBLEM_STATUS_AND_PROPSTAT, line, 0,
                                        _("This response has both a status and property results; RFC 4918 §14.24 allows only one of the two. Both are shown.")));

  if (response->hrefs->len > 1 && response->propstats->len > 0)
    add_problem (self, dav_problem_new (DAV_PROBLEM_HREFS_WITH_PROPSTAT, line, 0,
                                        _("This response names several resources but carries property results, which RFC 4918 §14.24 does not allow; the results are shown for each of them.")));

  for (guint i = 0; i < response->hrefs->len; i++)
    check_duplicate_href (self, g_ptr_array_index (response->hrefs, i));

  self->response = NULL;
  self->result->n_responses++;

  if (self->func != NULL)
    {
      self->func (response, self->func_data);
      dav_response_unref (response);
    }
  else
    g_ptr_array_add (self->result->responses, response);
}

static void
finish_propstat (DavMultistatusParser *self)
{
  DavPropstat *propstat = self->propstat;

  self->propstat = NULL;

  if (propstat->status_line == NULL)
    add_problem (self, dav_problem_new (DAV_PROBLEM_MISSING_STATUS, current_line (self), 0,
                                        _("A group of properties came without a status, so whether they were found or changed is unknown.")));

  if (propstat->properties->len == 0)
    add_problem (self, dav_problem_new (DAV_PROBLEM_EMPTY_PROPSTAT, current_line (self), 0,
                                        _("A group of property results names no property at all.")));

  for (guint i = 0; i < propstat->properties->len; i++)
    {
      DavProperty *property = g_ptr_array_index (propstat->properties, i);

      property->status = propstat->status;
      if (property->value != NULL && propstat->status >= 400)
        {
          g_autofree char *name = dav_property_dup_clark_name (property);
          g_autofree char *shown = dav_text_escape (name, -1);

          add_problem (self, dav_problem_new (DAV_PROBLEM_VALUE_IN_FAILED_PROPSTAT,
                                              current_line (self), 0,
                                              _("The property %s failed with %u but the server still sent a value; the value is kept but should not be trusted."),
                                              shown, propstat->status));
        }
    }
}

static void
finish_status (DavMultistatusParser *self)
{
  g_autofree char *text = take_text (self);
  DavStatusLine line = { 0 };
  GPtrArray *problems = g_ptr_array_new ();
  guint *status;
  char **reason;
  char **status_line;

  if (self->propstat != NULL)
    {
      status = &self->propstat->status;
      reason = &self->propstat->reason;
      status_line = &self->propstat->status_line;
    }
  else
    {
      status = &self->response->status;
      reason = &self->response->reason;
      status_line = &self->response->status_line;
    }

  if (*status_line != NULL)
    {
      add_problem (self, dav_problem_new (DAV_PROBLEM_DUPLICATE_ELEMENT,
                                          current_line (self), 0,
                                          _("A second status was given for the same item; the first one is used.")));
      g_ptr_array_unref (problems);
      return;
    }

  dav_status_line_parse (text, &line, problems, current_line (self), 0);
  for (guint i = 0; i < problems->len; i++)
    add_problem (self, g_ptr_array_index (problems, i));
  g_ptr_array_unref (problems);

  *status = line.code;
  *reason = g_steal_pointer (&line.reason);
  *status_line = text ? g_steal_pointer (&text) : g_strdup ("");
  dav_status_line_clear (&line);
}

static void
set_description (DavMultistatusParser *self)
{
  char *text = take_text (self);
  char **target;

  switch (self->owner)
    {
    case OWNER_PROPSTAT:    target = &self->propstat->description; break;
    case OWNER_RESPONSE:    target = &self->response->description; break;
    case OWNER_MULTISTATUS: target = &self->result->description; break;
    case OWNER_NONE:
    default:
      g_free (text);
      return;
    }

  if (*target != NULL)
    {
      add_problem (self, dav_problem_new (DAV_PROBLEM_DUPLICATE_ELEMENT, current_line (self), 0,
                                          _("A second description was given for the same item; the first one is used.")));
      g_free (text);
      return;
    }

  *target = text;
}

static Owner
owner_of (FrameKind kind)
{
  switch (kind)
    {
    case FRAME_MULTISTATUS: return OWNER_MULTISTATUS;
    case FRAME_RESPONSE:    return OWNER_RESPONSE;
    case FRAME_PROPSTAT:    return OWNER_PROPSTAT;
    default:                return OWNER_NONE;
    }
}

static void
start_property (DavMultistatusParser *self,
                const xmlChar        *localname,
                const xmlChar        *uri)
{
  NameRef name_ref = { uri, localname };
  gboolean seen = FALSE;

  if (self->n_properties >= self->limits.max_properties)
    {
      limit_reached (self, _("one resource has more properties than the limit allows"));
      return;
    }
  self->n_properties++;

  self->property = dav_property_new ((const char *) uri, (const char *) localname);
  g_ptr_array_add (self->propstat->properties, self->property);

  /* A handful per response, at most max_properties: a scan is cheapest. */
  for (guint i = 0; i < self->n_property_names && !seen; i++)
    {
      const NameRef *other = &self->property_names[i];

      seen = other->uri == uri && other->localname == localname;
    }
  if (self->n_property_names == self->property_names_allocated)
    {
      self->property_names_allocated *= 2;
      self->property_names = g_renew (NameRef, self->property_names, self->property_names_allocated);
    }
  self->property_names[self->n_property_names++] = name_ref;

  if (seen)
    {
      g_autofree char *name = dav_property_dup_clark_name (self->property);
      g_autofree char *shown = dav_text_escape (name, -1);

      add_problem (self, dav_problem_new (DAV_PROBLEM_DUPLICATE_PROPERTY, current_line (self), 0,
                                          _("The property %s is reported more than once for this resource."),
                                          shown));
    }

  begin_text (self);
}

static void
on_start_element (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  DavMultistatusParser *self = ctx;
  Frame *top;
  FrameKind kind = FRAME_SKIP;

  if (self->stopped)
    return;

  if (++self->depth > self->limits.max_depth)
    {
      limit_reached (self, _("the elements are nested too deeply"));
      return;
    }

  top = top_frame (self);

  if (top == NULL)
    {
      self->root_seen = TRUE;
      if (is_dav (uri, localname, "multistatus"))
        {
          push_frame (self, FRAME_MULTISTATUS, uri);
          self->owner = OWNER_MULTISTATUS;
          self->result->is_multistatus = TRUE;
          return;
        }
      if (is_dav (uri, localname, "error"))
        {
          /* An error body of its own (RFC 4918 §8.7), e.g. with a 423. */
          push_frame (self, FRAME_ERROR, uri);
          self->owner = OWNER_MULTISTATUS;
          return;
        }
      if (is_dav (uri, localname, "prop"))
        {
          /* The answer to a LOCK (RFC 4918 §9.10.1): properties of the
           * request URI, read as one response without href or status. */
          self->prop_body = TRUE;
          self->result->is_prop_body = TRUE;
          start_response (self);
          if (self->stopped)
            return;
          if (self->limits.max_propstats == 0)
            {
              limit_reached (self, _("one resource has more property groups than the limit allows"));
              return;
            }
          self->propstat = dav_propstat_new ();
          g_ptr_array_add (self->response->propstats, self->propstat);
          self->owner = OWNER_PROPSTAT;
          push_frame (self, FRAME_PROP, uri);
          return;
        }

      {
        g_autofree char *shown = dav_text_escape ((const char *) localname, -1);
        g_autofree char *shown_ns = dav_text_escape (uri ? (const char *) uri : "", -1);

        add_body_problem (self, dav_problem_new (DAV_PROBLEM_NOT_MULTISTATUS,
                                                 current_line (self), current_column (self),
                                                 _("The answer is not a WebDAV Multi-Status: its root element is {%s}%s, not {DAV:}multistatus."),
                                                 shown_ns, shown));
      }
      self->skip_document = TRUE;
      push_frame (self, FRAME_SKIP, uri);
      return;
    }

  switch (top->kind)
    {
    case FRAME_SKIP:
      break;

    case FRAME_MULTISTATUS:
      if (is_dav (uri, localname, "response"))
        {
          start_response (self);
          if (self->stopped)
            return;
          kind = FRAME_RESPONSE;
          self->owner = OWNER_RESPONSE;
        }
      else if (is_dav (uri, localname, "responsedescription"))
        kind = FRAME_DESCRIPTION;
      else if (is_dav (uri, localname, "sync-token"))
        kind = FRAME_SYNC_TOKEN;
      else
        report_unexpected_element (self, localname, uri, "multistatus");
      break;

    case FRAME_RESPONSE:
      if (is_dav (uri, localname, "href"))
        kind = FRAME_HREF;
      else if (is_dav (uri, localname, "status"))
        kind = FRAME_STATUS;
      else if (is_dav (uri, localname, "propstat"))
        {
          if (self->response->propstats->len >= self->limits.max_propstats)
            {
              limit_reached (self, _("one resource has more property groups than the limit allows"));
              return;
            }
          self->propstat = dav_propstat_new ();
          g_ptr_array_add (self->response->propstats, self->propstat);
          self->owner = OWNER_PROPSTAT;
          kind = FRAME_PROPSTAT;
        }
      else if (is_dav (uri, localname, "error"))
        kind = FRAME_ERROR;
      else if (is_dav (uri, localname, "responsedescription"))
        kind = FRAME_DESCRIPTION;
      else if (is_dav (uri, localname, "location"))
        kind = FRAME_LOCATION;
      else
        report_unexpected_element (self, localname, uri, "response");
      break;

    case FRAME_PROPSTAT:
      if (is_dav (uri, localname, "prop"))
        kind = FRAME_PROP;
      else if (is_dav (uri, localname, "status"))
        kind = FRAME_STATUS;
      else if (is_dav (uri, localname, "error"))
        kind = FRAME_ERROR;
      else if (is_dav (uri, localname, "responsedescription"))
        kind = FRAME_DESCRIPTION;
      else
        report_unexpected_element (self, localname, uri, "propstat");
      break;

    case FRAME_PROP:
      start_property (self, localname, uri);
      if (self->stopped)
        return;
      kind = FRAME_PROPERTY;
      break;

    case FRAME_ERROR:
      {
        GPtrArray *errors;

        switch (self->owner)
          {
          case OWNER_PROPSTAT: errors = self->propstat->errors; break;
          case OWNER_RESPONSE: errors = self->response->errors; break;
          case OWNER_MULTISTATUS:
          case OWNER_NONE:
          default:             errors = self->result->errors; break;
          }

        self->condition = dav_condition_new ((const char *) uri, (const char *) localname);
        g_ptr_array_add (errors, self->condition);
        begin_text (self);
        kind = FRAME_CONDITION;
      }
      break;

    case FRAME_PROPERTY:
    case FRAME_CONDITION:
    case FRAME_VALUE_ELEMENT:
      serialize_start (self, localname, uri, nb_attributes, attributes);
      kind = FRAME_VALUE_ELEMENT;
      break;

    case FRAME_LOCATION:
      if (is_dav (uri, localname, "href"))
        kind = FRAME_LOCATION_HREF;
      else
        report_unexpected_element (self, localname, uri, "location");
      break;

    case FRAME_HREF:
    case FRAME_STATUS:
    case FRAME_DESCRIPTION:
    case FRAME_LOCATION_HREF:
    case FRAME_SYNC_TOKEN:
    case FRAME_TRANSPARENT:
      /* An element inside a text field ("/b<x/>ar"): its text is kept,
       * as the field reads it, and the oddity is reported. */
      report_unexpected_element (self, localname, uri, "a text field");
      kind = FRAME_TRANSPARENT;
      break;

    default:
      g_assert_not_reached ();
    }

  switch (kind)
    {
    case FRAME_HREF:
    case FRAME_STATUS:
    case FRAME_DESCRIPTION:
    case FRAME_LOCATION_HREF:
    case FRAME_SYNC_TOKEN:
      begin_text (self);
      break;
    default:
      break;
    }

  push_frame (self, kind, uri);
}

static void
end_href (DavMultistatusParser *self)
{
  char *href = take_text (self);

  /* A cut href names another resource: never keep it. */
  if (self->value_cut)
    {
      add_problem (self, dav_problem_new (DAV_PROBLEM_INVALID_HREF, current_line (self), 0,
                                          _("An href longer than the limit was dropped.")));
      g_free (href);
      return;
    }

  if (href == NULL)
    {
      add_problem (self, dav_problem_new (DAV_PROBLEM_EMPTY_HREF, current_line (self), 0,
                                          _("An href was empty.")));
      return;
    }

  g_ptr_array_add (self->response->hrefs, href);
}

static void
on_end_element (void          *ctx,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  DavMultistatusParser *self = ctx;
  Frame frame;
  Frame *parent;

  if (self->stopped || self->n_frames == 0)
    return;

  self->depth--;
  frame = *top_frame (self);
  self->n_frames--;
  parent = top_frame (self);
  if (parent == NULL)
    self->root_closed = TRUE;

  switch (frame.kind)
    {
    case FRAME_MULTISTATUS:
      self->root_closed = TRUE;
      self->owner = OWNER_NONE;
      break;

    case FRAME_RESPONSE:
      finish_response (self);
      self->owner = OWNER_MULTISTATUS;
      break;

    case FRAME_HREF:
      end_href (self);
      break;

    case FRAME_STATUS:
      finish_status (self);
      break;

    case FRAME_PROPSTAT:
      finish_propstat (self);
      self->owner = OWNER_RESPONSE;
      break;

    case FRAME_PROPERTY:
      self->property->value = take_value (self, &self->property->is_xml);
      self->property = NULL;
      break;

    case FRAME_CONDITION:
      {
        gboolean is_xml;

        self->condition->content = take_value (self, &is_xml);
        self->condition = NULL;
      }
      break;

    case FRAME_VALUE_ELEMENT:
      serialize_end (self, localname);
      break;

    case FRAME_DESCRIPTION:
      set_description (self);
      break;

    case FRAME_LOCATION_HREF:
      if (self->response->location == NULL)
        self->response->location = take_text (self);
      break;

    case FRAME_SYNC_TOKEN:
      /* The first one counts, like a second status or description: a
       * listing cut short by a limit then keeps the same token. */
      if (self->result->sync_token == NULL)
        self->result->sync_token = take_text (self);
      else
        {
          g_autofree char *ignored = take_text (self);

          add_problem (self, dav_problem_new (DAV_PROBLEM_DUPLICATE_ELEMENT, current_line (self), 0,
                                              _("A second sync-token was given; the first one is used.")));
        }
      break;

    case FRAME_PROP:
      if (parent == NULL && self->prop_body)
        {
          self->propstat = NULL;
          finish_response (self);
        }
      break;

    case FRAME_SKIP:
    case FRAME_ERROR:
    case FRAME_LOCATION:
    case FRAME_TRANSPARENT:
    default:
      break;
    }

  /* Back in a response or propstat, descriptions and errors are its own. */
  if (parent != NULL && owner_of (parent->kind) != OWNER_NONE)
    self->owner = owner_of (parent->kind);
}

static void
on_characters (void          *ctx,
               const xmlChar *ch,
               int            len)
{
  DavMultistatusParser *self = ctx;
  Frame *top;

  if (self->stopped || len <= 0)
    return;

  top = top_frame (self);
  if (top == NULL)
    return;

  switch (top->kind)
    {
    case FRAME_HREF:
    case FRAME_STATUS:
    case FRAME_DESCRIPTION:
    case FRAME_LOCATION_HREF:
    case FRAME_SYNC_TOKEN:
    case FRAME_TRANSPARENT:
      append_capped (self, self->text, (const char *) ch, len);
      break;

    case FRAME_PROPERTY:
    case FRAME_CONDITION:
    case FRAME_VALUE_ELEMENT:
      close_pending_tag (self);
      append_capped (self, self->text, (const char *) ch, len);
      /* The XML form is only needed once the value has elements. */
      if (self->value_has_elements)
        append_escaped (self, (const char *) ch, len, FALSE);
      break;

    case FRAME_MULTISTATUS:
    case FRAME_RESPONSE:
    case FRAME_PROPSTAT:
    case FRAME_PROP:
    case FRAME_ERROR:
    case FRAME_LOCATION:
      if (!dav_text_is_blank ((const char *) ch, len) &&
          !(self->response ? self->unexpected_text_reported : self->body_text_reported))
        {
          g_autofree char *shown = dav_text_escape ((const char *) ch, MIN (len, 40));

          if (self->response != NULL)
            self->unexpected_text_reported = TRUE;
          else
            self->body_text_reported = TRUE;
          add_problem (self, dav_problem_new (DAV_PROBLEM_UNEXPECTED_TEXT,
                                              current_line (self), current_column (self),
                                              _("Stray text “%s” where only elements belong was ignored."),
                                              shown));
        }
      break;

    case FRAME_SKIP:
    default:
      break;
    }
}

/* A DOCTYPE is never processed: this runs before its internal subset is
 * read, so no entity (billion laughs, XXE) is ever declared. */
static void
on_internal_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  DavMultistatusParser *self = ctx;

  if (self->stopped)
    return;

  if (name != NULL && g_ascii_strcasecmp ((const char *) name, "html") == 0)
    {
      /* An error page (or a captive portal), not a hostile DTD. */
      add_body_problem (self, dav_problem_new (DAV_PROBLEM_NOT_MULTISTATUS,
                                               current_line (self), current_column (self),
                                               _("The answer is an HTML page, not a WebDAV Multi-Status.")));
      self->skip_document = TRUE;
      stop (self);
      return;
    }

  add_body_problem (self, dav_problem_new (DAV_PROBLEM_FORBIDDEN_DTD,
                                           current_line (self), current_column (self),
                                           _("The server sent a document type declaration (DTD). Davscope never processes one, since it can hide harmful entities; nothing was listed.")));
  stop (self);
}

static xmlEntityPtr
on_get_entity (void          *ctx,
               const xmlChar *name)
{
  /* Only the five predefined entities exist; libxml2 handles those. */
  return xmlGetPredefinedEntity (name);
}

static xmlParserInputPtr
on_resolve_entity (void          *ctx,
                   const xmlChar *public_id,
                   const xmlChar *system_id)
{
  return NULL;
}

static void
on_structured_error (void        *ctx,
                     xmlErrorPtr  error)
{
  DavMultistatusParser *self = ctx;
  g_autofree char *message = NULL;
  g_autofree char *shown = NULL;

  if (error == NULL || error->level < XML_ERR_ERROR || self->stopped)
    return;
  if (error->code == XML_ERR_USER_STOP)
    return;

  message = g_strdup (error->message ? error->message : "");
  dav_text_strip (message);
  shown = dav_text_escape (message, -1);

  /* A namespace is a name, compared as a string (Namespaces in XML
   * §3.2.1): "http://example.com:" is valid under RFC 3986, and libxml2
   * 2.9.14's URI parser, which rejects it, has nothing to say about it. */
  if (error->domain == XML_FROM_NAMESPACE &&
      (error->code == XML_WAR_NS_URI || error->code == XML_WAR_NS_URI_RELATIVE))
    return;

  if (error->domain == XML_FROM_NAMESPACE)
    {
      if (error->code == XML_NS_ERR_UNDEFINED_NAMESPACE)
        add_problem (self, dav_problem_new (DAV_PROBLEM_NAMESPACE, error->line, error->int2,
                                            _("Namespace error at line %d, column %d: %s. The element is kept without its namespace."),
                                            error->line, error->int2, shown));
      else
        add_problem (self, dav_problem_new (DAV_PROBLEM_NAMESPACE, error->line, error->int2,
                                            _("Namespace error at line %d, column %d: %s."),
                                            error->line, error->int2, shown));
      return;
    }

  /* Cut off: the document ended with a tag open. Any other error is an
   * error of the document, whenever libxml2 noticed it. */
  if (self->finished && self->root_seen && !self->root_closed &&
      (error->code == XML_ERR_TAG_NOT_FINISHED || error->code == XML_ERR_DOCUMENT_END ||
       error->code == XML_ERR_DOCUMENT_EMPTY || error->code == XML_ERR_GT_REQUIRED ||
       error->code == XML_ERR_LTSLASH_REQUIRED))
    add_body_problem (self, dav_problem_new (DAV_PROBLEM_TRUNCATED, error->line, error->int2,
                                             _("The answer ends in the middle of the document (line %d, column %d: %s). It was cut off, so the listing is incomplete."),
                                             error->line, error->int2, shown));
  else
    add_body_problem (self, dav_problem_new (DAV_PROBLEM_NOT_WELL_FORMED, error->line, error->int2,
                                             _("The answer is not well-formed XML at line %d, column %d: %s. What came before is shown; the rest is lost."),
                                             error->line, error->int2, shown));

  self->result->well_formed = FALSE;
  stop (self);
}

/* The encoding a document is in, from its first bytes (XML 1.0
 * appendix F): a byte order mark, UTF-16 without one, or the encoding
 * declaration; UTF-8 when nothing says otherwise. */
static char *
sniff_encoding (const guint8 *data,
                gsize         length)
{
  const char *text = (const char *) data;
  const char *end = text + length;
  const char *p;
  const char *close;

  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    return g_strdup ("UTF-8");
  if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    return g_strdup ("UTF-16LE");
  if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    return g_strdup ("UTF-16BE");
  if (length >= 4 && memcmp (data, "<\0?\0", 4) == 0)
    return g_strdup ("UTF-16LE");
  if (length >= 4 && memcmp (data, "\0<\0?", 4) == 0)
    return g_strdup ("UTF-16BE");

  if (length < 6 || memcmp (data, "<?xml", 5) != 0 || !g_ascii_isspace (text[5]))
    return g_strdup ("UTF-8");
  close = g_strstr_len (text, length, "?>");
  if (close != NULL)
    end = close;
  p = g_strstr_len (text, end - text, "encoding");
  if (p == NULL)
    return g_strdup ("UTF-8");

  for (p += strlen ("encoding"); p < end && g_ascii_isspace (*p); p++)
    ;
  if (p >= end || *p != '=')
    return g_strdup ("UTF-8");
  for (p++; p < end && g_ascii_isspace (*p); p++)
    ;
  if (p < end && (*p == '"' || *p == '\''))
    {
      const char *quote = memchr (p + 1, *p, end - p - 1);

      if (quote != NULL)
        return g_strndup (p + 1, quote - p - 1);
    }

  return g_strdup ("UTF-8");
}

/* "utf-8", "UTF8" and "Utf_8" are one name; so are the names of Latin-1. */
static char *
canonical_charset (const char *name)
{
  static const char * const latin1[] = { "LATIN1", "L1", "ISO88591", "ISO885911987", "CP819", "IBM819", "ISOIR100" };
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_toupper (*p));

  for (guint i = 0; i < G_N_ELEMENTS (latin1); i++)
    if (g_str_equal (out->str, latin1[i]))
      g_string_assign (out, "ISO88591");

  return g_string_free (out, FALSE);
}

/* The header and the document must agree on what the bytes mean: when
 * they do not, one of them is wrong, and the listing cannot be trusted
 * (docs/hostile-servers.md case 15). libxml2 itself only reads the
 * document. */
static void
check_charset (DavMultistatusParser *self)
{
  g_autofree char *document = NULL;
  g_autofree char *said = NULL;
  g_autofree char *found = NULL;
  g_autofree char *shown_said = NULL;
  g_autofree char *shown_found = NULL;

  if (self->charset == NULL)
    return;

  document = sniff_encoding (self->pending->data, self->pending->len);
  said = canonical_charset (self->charset);
  found = canonical_charset (document);
  /* "utf-16" leaves the byte order to the byte order mark. */
  if (g_str_equal (said, found) ||
      (g_str_equal (said, "UTF16") && g_str_has_prefix (found, "UTF16")))
    return;

  shown_said = dav_text_escape (self->charset, -1);
  shown_found = dav_text_escape (document, -1);
  add_body_problem (self, dav_problem_new (DAV_PROBLEM_ENCODING, 1, 1,
                                           _("The server says the answer is encoded in “%s”, but the document says “%s”. One of them is wrong, so the text may be misread, and the listing is incomplete."),
                                           shown_said, shown_found));
}

/* Gives libxml2 @length bytes of pending input from @offset. */
static void
parse_pending (DavMultistatusParser *self,
               gsize                 offset,
               gsize                 length,
               gboolean              terminate)
{
  if (!self->parsing)
    {
      self->parsing = TRUE;
      check_charset (self);
    }

  xmlParseChunk (self->ctxt, (const char *) self->pending->data + offset, length, terminate);
}

static void
ensure_context (DavMultistatusParser *self)
{
  xmlSAXHandler sax;

  if (self->ctxt != NULL)
    return;

  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start_element;
  sax.endElementNs = on_end_element;
  sax.characters = on_characters;
  sax.cdataBlock = on_characters;
  sax.internalSubset = on_internal_subset;
  sax.getEntity = on_get_entity;
  sax.resolveEntity = on_resolve_entity;
  sax.serror = on_structured_error;

  self->ctxt = xmlCreatePushParserCtxt (&sax, self, NULL, 0, NULL);
  /* Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE or RECOVER. */
  xmlCtxtUseOptions (self->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

gboolean
dav_multistatus_parser_feed (DavMultistatusParser  *self,
                             const char            *data,
                             gsize                  length,
                             GError               **error)
{
  g_return_val_if_fail (DAV_IS_MULTISTATUS_PARSER (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  if (!self->stopped && length > 0)
    {
      gboolean over = FALSE;
      gsize offset = 0;

      ensure_context (self);

      /* What fits under the cap is parsed, whatever the chunking. */
      if (self->limits.max_body_bytes > 0 &&
          self->bytes + length > self->limits.max_body_bytes)
        {
          length = self->limits.max_body_bytes - self->bytes;
          over = TRUE;
        }

      /* libxml2 2.9 notices some errors at points that depend on how the
       * input is cut, so it always gets the same blocks, at the same
       * offsets, whatever the caller's chunks (docs/hostile-servers.md
       * case 16). */
      self->bytes += length;
      g_byte_array_append (self->pending, (const guint8 *) data, length);
      /* The blocks are read where they are; only the tail shorter than a
       * block is moved to the front, once per chunk. */
      while (self->pending->len - offset >= BLOCK_SIZE && !self->stopped)
        {
          parse_pending (self, offset, BLOCK_SIZE, FALSE);
          offset += BLOCK_SIZE;
        }

      if (over)
        {
          /* What fits is parsed before the limit stops it. */
          if (!self->stopped && self->pending->len > offset)
            parse_pending (self, offset, self->pending->len - offset, FALSE);
          g_byte_array_set_size (self->pending, 0);
          limit_reached (self, _("the answer is larger than the limit allows"));
        }
      else if (offset > 0)
        g_byte_array_remove_range (self->pending, 0, offset);
    }

  if (self->stopped)
    {
      const DavProblem *last = self->result->problems->len > 0
        ? g_ptr_array_index (self->result->problems, self->result->problems->len - 1)
        : NULL;

      g_set_error_literal (error, DAV_ERROR,
                           last && last->kind == DAV_PROBLEM_LIMIT ? DAV_ERROR_LIMIT :
                           last && last->kind == DAV_PROBLEM_FORBIDDEN_DTD ? DAV_ERROR_FORBIDDEN_DTD :
                           DAV_ERROR_MALFORMED,
                           last ? last->message : _("Parsing stopped."));
      return FALSE;
    }

  return TRUE;
}

DavMultistatus *
dav_multistatus_parser_finish (DavMultistatusParser *self)
{
  DavMultistatus *result;

  g_return_val_if_fail (DAV_IS_MULTISTATUS_PARSER (self), NULL);
  g_return_val_if_fail (!self->finished, NULL);

  self->finished = TRUE;

  if (self->bytes == 0 && !self->stopped)
    add_body_problem (self, dav_problem_new (DAV_PROBLEM_EMPTY_BODY, 0, 0,
                                             _("The server sent an empty answer where a Multi-Status body was expected.")));
  else if (!self->stopped && self->ctxt != NULL)
    {
      parse_pending (self, 0, self->pending->len, TRUE);
      g_byte_array_set_size (self->pending, 0);
    }

  if (!self->stopped && self->root_seen && !self->root_closed)
    add_body_problem (self, dav_problem_new (DAV_PROBLEM_TRUNCATED, current_line (self), 0,
                                             _("The answer ends before the document does. It was cut off, so the listing is incomplete.")));

  if (!self->root_seen && self->bytes > 0 && self->result->problems->len == 0)
    add_body_problem (self, dav_problem_new (DAV_PROBLEM_EMPTY_BODY, 0, 0,
                                             _("The answer holds no XML element at all.")));

  /* A response still open was cut off: it is handed over all the same,
   * with what it had, so that no item is lost. */
  if (self->response != NULL)
    {
      dav_response_add_problem (self->response,
                                dav_problem_new (DAV_PROBLEM_TRUNCATED, self->response->line, 0,
                                                 _("This response was cut off before its end; what it says may be incomplete.")));
      self->fatal = TRUE;
      /* A propstat cut off after its status: its properties have it. */
      if (self->propstat != NULL)
        for (guint i = 0; i < self->propstat->properties->len; i++)
          ((DavProperty *) g_ptr_array_index (self->propstat->properties, i))->status = self->propstat->status;
      self->propstat = NULL;
      self->property = NULL;
      self->condition = NULL;
      finish_response (self);
    }

  result = g_steal_pointer (&self->result);
  if (!self->root_closed)
    result->well_formed = FALSE;
  /* Any fatal problem, on the body or on one response, makes it incomplete. */
  result->complete = result->well_formed && !self->fatal && !self->skip_document;

  return result;
}

void
dav_multistatus_parser_set_limits (DavMultistatusParser  *self,
                                   const DavParserLimits *limits)
{
  g_return_if_fail (DAV_IS_MULTISTATUS_PARSER (self));
  g_return_if_fail (limits != NULL);

  self->limits = *limits;
}

void
dav_multistatus_parser_set_charset (DavMultistatusParser *self,
                                    const char           *charset)
{
  g_return_if_fail (DAV_IS_MULTISTATUS_PARSER (self));
  g_return_if_fail (!self->parsing);

  g_free (self->charset);
  self->charset = g_strdup (charset);
}

void
dav_multistatus_parser_set_response_func (DavMultistatusParser *self,
                                          DavResponseFunc       func,
                                          gpointer              user_data,
                                          GDestroyNotify        destroy)
{
  g_return_if_fail (DAV_IS_MULTISTATUS_PARSER (self));

  if (self->func_destroy != NULL)
    self->func_destroy (self->func_data);

  self->func = func;
  self->func_data = user_data;
  self->func_destroy = destroy;
}

static void
dav_multistatus_parser_finalize (GObject *object)
{
  DavMultistatusParser *self = (DavMultistatusParser *) object;

  if (self->response != NULL)
    dav_response_unref (self->response);
  if (self->ctxt != NULL)
    xmlFreeParserCtxt (self->ctxt);
  if (self->func_destroy != NULL)
    self->func_destroy (self->func_data);

  g_clear_pointer (&self->result, dav_multistatus_unref);
  g_free (self->frames);
  g_free (self->property_names);
  g_hash_table_unref (self->seen_hrefs);
  g_string_free (self->text, TRUE);
  g_byte_array_unref (self->pending);
  g_free (self->charset);
  g_string_free (self->xml, TRUE);

  G_OBJECT_CLASS (dav_multistatus_parser_parent_class)->finalize (object);
}

/* libxml2 writes some encoding errors through its generic handler only,
 * to stderr: they reach us through the structured one, or as a document
 * that did not end. */
static void
ignore_generic_error (void       *ctx,
                      const char *message,
                      ...)
{
}

static void
dav_multistatus_parser_class_init (DavMultistatusParserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  xmlSetGenericErrorFunc (NULL, ignore_generic_error);

  object_class->finalize = dav_multistatus_parser_finalize;
}

static void
dav_multistatus_parser_init (DavMultistatusParser *self)
{
  dav_parser_limits_init_default (&self->limits);
  self->result = dav_multistatus_new ();
  self->result->well_formed = TRUE;
  self->frames_allocated = 16;
  self->frames = g_new (Frame, self->frames_allocated);
  self->property_names_allocated = 16;
  self->property_names = g_new (NameRef, self->property_names_allocated);
  self->seen_hrefs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->text = g_string_sized_new (256);
  self->pending = g_byte_array_sized_new (BLOCK_SIZE);
  self->xml = g_string_sized_new (256);
}

DavMultistatusParser *
dav_multistatus_parser_new (void)
{
  return g_object_new (DAV_TYPE_MULTISTATUS_PARSER, NULL);
}

DavMultistatus *
dav_multistatus_parse (const char            *data,
                       gsize                  length,
                       const DavParserLimits *limits)
{
  g_autoptr(DavMultistatusParser) parser = dav_multistatus_parser_new ();

  if (limits != NULL)
    dav_multistatus_parser_set_limits (parser, limits);

  dav_multistatus_parser_feed (parser, data, length, NULL);

  return dav_multistatus_parser_finish (parser);
}
