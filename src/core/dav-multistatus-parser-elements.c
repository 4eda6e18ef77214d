/* dav-multistatus-parser-elements.c: what each element of a 207 means
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SAX2 handlers of the Multi-Status parser (see
 * dav-multistatus-parser-private.h): a stack of frames, one per open
 * element, says what the element is in RFC 4918 §14 terms and so where
 * its text goes; responses, propstats, properties and conditions are
 * built as their elements close, each response handed on at once. Text
 * and values are captured under the value cap; a value that holds
 * elements keeps its XML (RFC 4918 §4.3), with namespaces made explicit.
 */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dav-href.h"
#include "dav-multistatus-parser-private.h"
#include "dav-status-line.h"
#include "dav-text.h"

/* Whether @uri is "DAV:". Namespaces come from the dictionary too, but a
 * namespace is compared as a string once, should one not; after that
 * the last other namespace is known by its pointer as well. */
static inline gboolean
in_dav (DavMultistatusParser *self,
        const xmlChar        *uri)
{
  if (uri == self->names.dav)
    return TRUE;
  if (uri == NULL || uri == self->names.other_ns)
    return FALSE;
  if (strcmp ((const char *) uri, DAV_NS) == 0)
    return TRUE;
  self->names.other_ns = uri;
  return FALSE;
}

/* A DAV: element of that name (see DavNames). */
#define IS_DAV(name) (dav && localname == self->names.name)

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
          parser_add_problem (self, dav_problem_new (DAV_PROBLEM_VALUE_TRUNCATED,
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

static inline gboolean
is_xml_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The collected text without the white space around it (as
 * dav_text_strip() would leave it), or NULL when nothing is left. */
static char *
take_text (DavMultistatusParser *self)
{
  const char *start = self->text->str;
  const char *end = start + self->text->len;

  while (start < end && is_xml_space (*start))
    start++;
  while (end > start && is_xml_space (end[-1]))
    end--;

  return start < end ? g_strndup (start, end - start) : NULL;
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
      parser_add_problem (self, dav_problem_new (DAV_PROBLEM_NAMESPACE,
                                          current_line (self), current_column (self),
                                          _("The element {%s}%s is in the wrong namespace: WebDAV's is exactly “DAV:”. It was not read."),
                                          shown_ns, shown));
      return;
    }

  parser_add_problem (self, dav_problem_new (DAV_PROBLEM_UNEXPECTED_ELEMENT,
                                      current_line (self), current_column (self),
                                      _("The element {%s}%s has no meaning inside %s and was ignored."),
                                      shown_ns, shown, where));
}

static void
start_response (DavMultistatusParser *self)
{
  if (self->result->n_responses >= self->limits.max_responses)
    {
      parser_limit_reached (self, _("the answer lists more resources than the limit allows"));
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
  g_autofree char *copy = NULL;
  const char *key = href;
  gsize len;

  /* Most hrefs have no escapes: then only trailing slashes differ. */
  if (strchr (href, '%') == NULL)
    {
      len = strlen (href);
      while (len > 0 && href[len - 1] == '/')
        len--;
      if (href[len] != '\0')
        key = copy = g_strndup (href, len);
    }
  else
    {
      key = copy = dav_href_normalize_path (href);
      len = strlen (key);
    }

  /* One lookup, not two: the key is stored first; a duplicate (rare, and
   * no more bytes than a new href) leaves its copy unused in the chunk. */
  if (g_hash_table_add (self->seen_hrefs, g_string_chunk_insert_len (self->seen_bytes, key, len)))
    return;

  {
    g_autofree char *shown = dav_text_escape (href, -1);

    parser_add_problem (self, dav_problem_new (DAV_PROBLEM_DUPLICATE_HREF,
                                        self->response->line, 0,
                                        _("The resource %s is listed more than once in this answer."),
                                        shown));
  }
}

void
parser_finish_response (DavMultistatusParser *self)
{
  DavResponse *response = self->response;
  guint line = response->line;

  if (response->hrefs->len == 0 && !self->prop_body)
    parser_add_problem (self, dav_problem_new (DAV_PROBLEM_MISSING_HREF, line, 0,
                                        _("This response names no resource (it has no href), so it cannot be matched to an item.")));

  if (response->status == 0 && response->status_line == NULL && response->propstats->len == 0)
    parser_add_problem (self, dav_problem_new (DAV_PROBLEM_MISSING_STATUS, line, 0,
                                        _("This response has neither a status nor property results, so its outcome is unknown.")));

  if (response->status_line != NULL && response->propstats->len > 0)
    parser_add_problem (self, dav_problem_new (DAV_PROBLEM_STATUS_AND_PROPSTAT, line, 0,
                                        _("This response has both a status and property results; RFC 4918 §14.24 allows only one of the two. Both are shown.")));

  if (response->hrefs->len > 1 && response->propstats->len > 0)
    parser_add_problem (self, dav_problem_new (DAV_PROBLEM_HREFS_WITH_PROPSTAT, line, 0,
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
    parser_add_problem (self, dav_problem_new (DAV_PROBLEM_MISSING_STATUS, current_line (self), 0,
                                        _("A group of properties came without a status, so whether they were found or changed is unknown.")));

  if (propstat->properties->len == 0)
    parser_add_problem (self, dav_problem_new (DAV_PROBLEM_EMPTY_PROPSTAT, current_line (self), 0,
                                        _("A group of property results names no property at all.")));

  for (guint i = 0; i < propstat->properties->len; i++)
    {
      DavProperty *property = g_ptr_array_index (propstat->properties, i);

      property->status = propstat->status;
      if (property->value != NULL && propstat->status >= 400)
        {
          g_autofree char *name = dav_property_dup_clark_name (property);
          g_autofree char *shown = dav_text_escape (name, -1);

          parser_add_problem (self, dav_problem_new (DAV_PROBLEM_VALUE_IN_FAILED_PROPSTAT,
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
  GPtrArray *problems;
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
      parser_add_problem (self, dav_problem_new (DAV_PROBLEM_DUPLICATE_ELEMENT,
                                          current_line (self), 0,
                                          _("A second status was given for the same item; the first one is used.")));
      return;
    }

  /* Nearly every status is this one: read without a second look. */
  if (text != NULL && strcmp (text, "HTTP/1.1 200 OK") == 0)
    {
      *status = 200;
      *reason = g_strdup ("OK");
      *status_line = g_steal_pointer (&text);
      return;
    }

  problems = g_ptr_array_new ();

  dav_status_line_parse (text, &line, problems, current_line (self), 0);
  for (guint i = 0; i < problems->len; i++)
    parser_add_problem (self, g_ptr_array_index (problems, i));
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
      parser_add_problem (self, dav_problem_new (DAV_PROBLEM_DUPLICATE_ELEMENT, current_line (self), 0,
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

/* A new property of that name: like the one made before for it. Names
 * come from libxml2's dictionary, so equal names are equal pointers; the
 * strings are compared as well, so that a name is never taken for
 * another should a pointer be reused. */
static DavProperty *
new_property (DavMultistatusParser *self,
              const xmlChar        *localname,
              const xmlChar        *uri)
{
  KnownName *known;

  for (guint i = 0; i < self->n_known_names; i++)
    {
      known = &self->known_names[i];
      if (known->name.localname == localname && known->name.uri == uri &&
          strcmp (known->model->name, (const char *) localname) == 0 &&
          strcmp (known->model->namespace_uri, uri ? (const char *) uri : "") == 0)
        return dav_property_new_like (known->model);
    }

  if (self->n_known_names == PARSER_KNOWN_NAMES)
    return dav_property_new ((const char *) uri, (const char *) localname);

  known = &self->known_names[self->n_known_names++];
  known->name.uri = uri;
  known->name.localname = localname;
  known->model = dav_property_new ((const char *) uri, (const char *) localname);

  return dav_property_new_like (known->model);
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
      parser_limit_reached (self, _("one resource has more properties than the limit allows"));
      return;
    }
  self->n_properties++;

  self->property = new_property (self, localname, uri);
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

      parser_add_problem (self, dav_problem_new (DAV_PROBLEM_DUPLICATE_PROPERTY, current_line (self), 0,
                                          _("The property %s is reported more than once for this resource."),
                                          shown));
    }

  begin_text (self);
}

void
parser_on_start_element (void           *ctx,
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
  gboolean dav;

  if (self->stopped)
    return;

  if (++self->depth > self->limits.max_depth)
    {
      parser_limit_reached (self, _("the elements are nested too deeply"));
      return;
    }

  top = top_frame (self);
  dav = in_dav (self, uri);

  if (top == NULL)
    {
      self->root_seen = TRUE;
      if (IS_DAV (multistatus))
        {
          push_frame (self, FRAME_MULTISTATUS, uri);
          self->owner = OWNER_MULTISTATUS;
          self->result->is_multistatus = TRUE;
          return;
        }
      if (IS_DAV (error))
        {
          /* An error body of its own (RFC 4918 §8.7), e.g. with a 423. */
          push_frame (self, FRAME_ERROR, uri);
          self->owner = OWNER_MULTISTATUS;
          return;
        }
      if (IS_DAV (prop))
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
              parser_limit_reached (self, _("one resource has more property groups than the limit allows"));
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

        parser_add_body_problem (self, dav_problem_new (DAV_PROBLEM_NOT_MULTISTATUS,
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
      if (IS_DAV (response))
        {
          start_response (self);
          if (self->stopped)
            return;
          kind = FRAME_RESPONSE;
          self->owner = OWNER_RESPONSE;
        }
      else if (IS_DAV (responsedescription))
        kind = FRAME_DESCRIPTION;
      else if (IS_DAV (sync_token))
        kind = FRAME_SYNC_TOKEN;
      else
        report_unexpected_element (self, localname, uri, "multistatus");
      break;

    case FRAME_RESPONSE:
      if (IS_DAV (href))
        kind = FRAME_HREF;
      else if (IS_DAV (status))
        kind = FRAME_STATUS;
      else if (IS_DAV (propstat))
        {
          if (self->response->propstats->len >= self->limits.max_propstats)
            {
              parser_limit_reached (self, _("one resource has more property groups than the limit allows"));
              return;
            }
          self->propstat = dav_propstat_new ();
          g_ptr_array_add (self->response->propstats, self->propstat);
          self->owner = OWNER_PROPSTAT;
          kind = FRAME_PROPSTAT;
        }
      else if (IS_DAV (error))
        kind = FRAME_ERROR;
      else if (IS_DAV (responsedescription))
        kind = FRAME_DESCRIPTION;
      else if (IS_DAV (location))
        kind = FRAME_LOCATION;
      else
        report_unexpected_element (self, localname, uri, "response");
      break;

    case FRAME_PROPSTAT:
      if (IS_DAV (prop))
        kind = FRAME_PROP;
      else if (IS_DAV (status))
        kind = FRAME_STATUS;
      else if (IS_DAV (error))
        kind = FRAME_ERROR;
      else if (IS_DAV (responsedescription))
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
      if (IS_DAV (href))
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
      parser_add_problem (self, dav_problem_new (DAV_PROBLEM_INVALID_HREF, current_line (self), 0,
                                          _("An href longer than the limit was dropped.")));
      g_free (href);
      return;
    }

  if (href == NULL)
    {
      parser_add_problem (self, dav_problem_new (DAV_PROBLEM_EMPTY_HREF, current_line (self), 0,
                                          _("An href was empty.")));
      return;
    }

  g_ptr_array_add (self->response->hrefs, href);
}

void
parser_on_end_element (void          *ctx,
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
      parser_finish_response (self);
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

          parser_add_problem (self, dav_problem_new (DAV_PROBLEM_DUPLICATE_ELEMENT, current_line (self), 0,
                                              _("A second sync-token was given; the first one is used.")));
        }
      break;

    case FRAME_PROP:
      if (parent == NULL && self->prop_body)
        {
          self->propstat = NULL;
          parser_finish_response (self);
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

void
parser_on_characters (void          *ctx,
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
          parser_add_problem (self, dav_problem_new (DAV_PROBLEM_UNEXPECTED_TEXT,
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
