/* dav-multistatus-parser.c: streaming parser for 207 Multi-Status bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libxml2 SAX2 push parser. This file feeds it: the input in blocks of
 * the same size whatever the caller's chunks, the limits, the charset
 * check, the callbacks that keep it safe, its errors as problems, and the
 * object. What each element means is in dav-multistatus-parser-elements.c.
 * Safety (docs/hostile-servers.md, cases 1-16): a DOCTYPE
 * stops parsing before its internal subset is read, so no entity is ever
 * declared or expanded; no network; element depth is counted there, since
 * the 2.9 push parser does not limit it; text, counts and bytes are
 * capped. On request it parses on a thread of its own, fed through a
 * bounded queue, with the same blocks and so the same results.
 */

#include "dav-multistatus-parser.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <string.h>

#include "dav-error.h"
#include "dav-multistatus-parser-private.h"
#include "dav-text.h"
#include "dav-xml-encoding.h"

#define BLOCK_SIZE 4096

G_DEFINE_FINAL_TYPE (DavMultistatusParser, dav_multistatus_parser, G_TYPE_OBJECT)

void
dav_parser_limits_init_default (DavParserLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_body_bytes = G_GUINT64_CONSTANT (1) << 30;
  limits->max_depth = 64;
  /* A folder of 1,000,000 members answers with 1,000,001 responses: its
   * own comes too (issue 19's largest folder must list whole). */
  limits->max_responses = 1000001;
  limits->max_propstats = 64;
  limits->max_properties = 1024;
  limits->max_value_bytes = 100 * 1024;
}
/* Problems land on the open response when there is one. */
void
parser_add_problem (DavMultistatusParser *self,
             DavProblem           *problem)
{
  if (dav_problem_kind_is_fatal (problem->kind))
    self->fatal = TRUE;

  if (self->response != NULL)
    dav_response_add_problem (self->response, problem);
  else
    g_ptr_array_add (self->result->problems, problem);
}

void
parser_add_body_problem (DavMultistatusParser *self,
                  DavProblem           *problem)
{
  self->fatal |= dav_problem_kind_is_fatal (problem->kind);
  g_ptr_array_add (self->result->problems, problem);
}

void
parser_stop (DavMultistatusParser *self)
{
  self->stopped = TRUE;
  if (self->ctxt != NULL)
    xmlStopParser (self->ctxt);
}

void
parser_limit_reached (DavMultistatusParser *self,
               const char           *what)
{
  if (self->stopped)
    return;

  parser_add_body_problem (self, dav_problem_new (DAV_PROBLEM_LIMIT,
                                           current_line (self), current_column (self),
                                           _("Parsing stopped: %s. The rest of the answer was not read, so this listing is incomplete."),
                                           what));
  parser_stop (self);
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
      parser_add_body_problem (self, dav_problem_new (DAV_PROBLEM_NOT_MULTISTATUS,
                                               current_line (self), current_column (self),
                                               _("The answer is an HTML page, not a WebDAV Multi-Status.")));
      self->skip_document = TRUE;
      parser_stop (self);
      return;
    }

  parser_add_body_problem (self, dav_problem_new (DAV_PROBLEM_FORBIDDEN_DTD,
                                           current_line (self), current_column (self),
                                           _("The server sent a document type declaration (DTD). Davscope never processes one, since it can hide harmful entities; nothing was listed.")));
  parser_stop (self);
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
        parser_add_problem (self, dav_problem_new (DAV_PROBLEM_NAMESPACE, error->line, error->int2,
                                            _("Namespace error at line %d, column %d: %s. The element is kept without its namespace."),
                                            error->line, error->int2, shown));
      else
        parser_add_problem (self, dav_problem_new (DAV_PROBLEM_NAMESPACE, error->line, error->int2,
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
    parser_add_body_problem (self, dav_problem_new (DAV_PROBLEM_TRUNCATED, error->line, error->int2,
                                             _("The answer ends in the middle of the document (line %d, column %d: %s). It was cut off, so the listing is incomplete."),
                                             error->line, error->int2, shown));
  else
    parser_add_body_problem (self, dav_problem_new (DAV_PROBLEM_NOT_WELL_FORMED, error->line, error->int2,
                                             _("The answer is not well-formed XML at line %d, column %d: %s. What came before is shown; the rest is lost."),
                                             error->line, error->int2, shown));

  self->result->well_formed = FALSE;
  parser_stop (self);
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

  document = dav_xml_sniff_encoding (self->pending->data, self->pending->len);
  said = dav_charset_canonical (self->charset);
  found = dav_charset_canonical (document);
  /* "utf-16" leaves the byte order to the byte order mark. */
  if (g_str_equal (said, found) ||
      (g_str_equal (said, "UTF16") && g_str_has_prefix (found, "UTF16")))
    return;

  shown_said = dav_text_escape (self->charset, -1);
  shown_found = dav_text_escape (document, -1);
  parser_add_body_problem (self, dav_problem_new (DAV_PROBLEM_ENCODING, 1, 1,
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
  sax.startElementNs = parser_on_start_element;
  sax.endElementNs = parser_on_end_element;
  sax.characters = parser_on_characters;
  sax.cdataBlock = parser_on_characters;
  sax.internalSubset = on_internal_subset;
  sax.getEntity = on_get_entity;
  sax.resolveEntity = on_resolve_entity;
  sax.serror = on_structured_error;

  self->ctxt = xmlCreatePushParserCtxt (&sax, self, NULL, 0, NULL);
  /* Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE or RECOVER.
   * NODICT, COMPACT and NOBLANKS would change nothing here: they are
   * for the tree libxml2 builds, and this parser builds none. */
  xmlCtxtUseOptions (self->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

#define INTERN(s) xmlDictLookup (self->ctxt->dict, (const xmlChar *) (s), -1)
  self->names.dav = INTERN (DAV_NS);
  self->names.multistatus = INTERN ("multistatus");
  self->names.response = INTERN ("response");
  self->names.href = INTERN ("href");
  self->names.status = INTERN ("status");
  self->names.propstat = INTERN ("propstat");
  self->names.prop = INTERN ("prop");
  self->names.error = INTERN ("error");
  self->names.responsedescription = INTERN ("responsedescription");
  self->names.location = INTERN ("location");
  self->names.sync_token = INTERN ("sync-token");
#undef INTERN
}

/* The parsing half of a feed: whole blocks of the input, and, when the
 * cap was reached (@over), what fits under it before the limit stops
 * it. Runs on the caller's thread, or on the parsing thread. */
static void
parse_input (DavMultistatusParser *self,
             const char           *data,
             gsize                 length,
             gboolean              over)
{
  gsize offset = 0;

  if (self->stopped)
    return;

  /* libxml2 2.9 notices some errors at points that depend on how the
   * input is cut, so it always gets the same blocks, at the same
   * offsets, whatever the caller's chunks (docs/hostile-servers.md
   * case 16). */
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
      parser_limit_reached (self, _("the answer is larger than the limit allows"));
    }
  else if (offset > 0)
    g_byte_array_remove_range (self->pending, 0, offset);
}

/* The parsing thread: the queued chunks in order, each as an inline feed
 * would parse it; an empty chunk says the cap was reached. Once the
 * parser stopped, the rest is dropped unread. */
static gpointer
parse_thread (gpointer data)
{
  DavMultistatusParser *self = data;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      GBytes *bytes;
      const char *chunk;
      gsize length;

      while (g_queue_is_empty (&self->queue) && !self->input_done && !self->cancelled)
        g_cond_wait (&self->cond, &self->lock);
      if (self->cancelled || g_queue_is_empty (&self->queue))
        break;

      bytes = g_queue_pop_head (&self->queue);
      self->queued -= g_bytes_get_size (bytes);
      /* Room for the feeding side. */
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);

      chunk = g_bytes_get_data (bytes, &length);
      parse_input (self, chunk ? chunk : "", length, length == 0);
      g_bytes_unref (bytes);

      g_mutex_lock (&self->lock);
      if (self->stopped)
        {
          /* A feeder waiting for room must not wait on a parser that stopped. */
          self->thread_stopped = TRUE;
          g_cond_broadcast (&self->cond);
        }
    }
  g_mutex_unlock (&self->lock);

  return NULL;
}

/* Everything queued is parsed and the thread is gone: the state is the
 * caller's again, and any later input is parsed inline. */
static void
join_thread (DavMultistatusParser *self)
{
  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->input_done = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (g_steal_pointer (&self->thread));
}

static void
queue_input (DavMultistatusParser *self,
             const char           *data,
             gsize                 length,
             gboolean              over)
{
  if (self->thread == NULL)
    self->thread = g_thread_new ("davscope-parse", parse_thread, self);

  g_mutex_lock (&self->lock);
  /* Memory stays bounded when parsing is slower than reading. */
  while (self->queued >= DAV_MULTISTATUS_PARSER_QUEUED && !self->thread_stopped)
    g_cond_wait (&self->cond, &self->lock);
  if (length > 0)
    {
      g_queue_push_tail (&self->queue, g_bytes_new (data, length));
      self->queued += length;
    }
  if (over)
    g_queue_push_tail (&self->queue, g_bytes_new (NULL, 0));
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  /* Over the cap the answer is known now, as it is inline. */
  if (over)
    join_thread (self);
}

/* Whether parsing has stopped; with a thread that saw it stop, the
 * thread is joined first, so that what it found is the caller's to read. */
static gboolean
has_stopped (DavMultistatusParser *self)
{
  if (self->thread != NULL)
    {
      gboolean stopped;

      g_mutex_lock (&self->lock);
      stopped = self->thread_stopped;
      g_mutex_unlock (&self->lock);
      if (!stopped)
        return FALSE;
      join_thread (self);
    }

  return self->stopped;
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
  g_return_val_if_fail (!self->was_cut, FALSE);

  if (!has_stopped (self) && length > 0)
    {
      gboolean over = FALSE;

      ensure_context (self);

      /* What fits under the cap is parsed, whatever the chunking. */
      if (self->limits.max_body_bytes > 0 &&
          self->bytes + length > self->limits.max_body_bytes)
        {
          length = self->limits.max_body_bytes - self->bytes;
          over = TRUE;
        }
      self->bytes += length;

      if (self->threaded && !self->input_done)
        queue_input (self, data, length, over);
      else
        parse_input (self, data, length, over);
    }

  if (has_stopped (self))
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

void
dav_multistatus_parser_set_threaded (DavMultistatusParser *self,
                                     gboolean              threaded)
{
  g_return_if_fail (DAV_IS_MULTISTATUS_PARSER (self));
  /* Inline parsing so far left its state where the thread takes it up. */
  g_return_if_fail (self->thread == NULL && !self->input_done && !self->finished && !self->was_cut);

  self->threaded = threaded;
}


gboolean
dav_multistatus_parser_is_backed_up (DavMultistatusParser *self)
{
  gboolean full;

  g_return_val_if_fail (DAV_IS_MULTISTATUS_PARSER (self), FALSE);

  if (self->thread == NULL)
    return FALSE;
  g_mutex_lock (&self->lock);
  full = self->queued >= DAV_MULTISTATUS_PARSER_QUEUED && !self->thread_stopped;
  g_mutex_unlock (&self->lock);
  return full;
}

void
dav_multistatus_parser_drain (DavMultistatusParser *self)
{
  g_return_if_fail (DAV_IS_MULTISTATUS_PARSER (self));

  join_thread (self);
}

void
dav_multistatus_parser_cut (DavMultistatusParser *self)
{
  g_return_if_fail (DAV_IS_MULTISTATUS_PARSER (self));
  g_return_if_fail (!self->finished);

  join_thread (self);
  /* The tail shorter than a block too: the responses that came whole
   * before the body broke off are not held back with it. Parsed as one
   * last piece, not as the end: nothing is fed after it, and finish ()
   * (if it comes) says the body was cut. */
  if (!self->stopped && self->ctxt != NULL && self->pending->len > 0)
    {
      parse_pending (self, 0, self->pending->len, FALSE);
      g_byte_array_set_size (self->pending, 0);
    }
  self->was_cut = TRUE;
}

DavMultistatus *
dav_multistatus_parser_finish (DavMultistatusParser *self)
{
  DavMultistatus *result;

  g_return_val_if_fail (DAV_IS_MULTISTATUS_PARSER (self), NULL);
  g_return_val_if_fail (!self->finished, NULL);

  join_thread (self);
  self->finished = TRUE;

  if (self->bytes == 0 && !self->stopped)
    parser_add_body_problem (self, dav_problem_new (DAV_PROBLEM_EMPTY_BODY, 0, 0,
                                             _("The server sent an empty answer where a Multi-Status body was expected.")));
  else if (!self->stopped && self->ctxt != NULL)
    {
      parse_pending (self, 0, self->pending->len, TRUE);
      g_byte_array_set_size (self->pending, 0);
    }

  if (!self->stopped && self->root_seen && !self->root_closed)
    parser_add_body_problem (self, dav_problem_new (DAV_PROBLEM_TRUNCATED, current_line (self), 0,
                                             _("The answer ends before the document does. It was cut off, so the listing is incomplete.")));

  if (!self->root_seen && self->bytes > 0 && self->result->problems->len == 0)
    parser_add_body_problem (self, dav_problem_new (DAV_PROBLEM_EMPTY_BODY, 0, 0,
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
      parser_finish_response (self);
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

  /* Dropped before its end (a cancelled request): what is queued is
   * never parsed, but a response being handed on finishes first. */
  if (self->thread != NULL)
    {
      g_mutex_lock (&self->lock);
      self->cancelled = TRUE;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
      g_thread_join (g_steal_pointer (&self->thread));
    }
  g_queue_clear_full (&self->queue, (GDestroyNotify) g_bytes_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  if (self->response != NULL)
    dav_response_unref (self->response);
  if (self->ctxt != NULL)
    xmlFreeParserCtxt (self->ctxt);
  if (self->func_destroy != NULL)
    self->func_destroy (self->func_data);

  g_clear_pointer (&self->result, dav_multistatus_unref);
  g_free (self->frames);
  g_free (self->property_names);
  for (guint i = 0; i < self->n_known_names; i++)
    dav_property_free (self->known_names[i].model);
  g_hash_table_unref (self->seen_hrefs);
  g_string_chunk_free (self->seen_bytes);
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
  /* The hrefs of a whole listing live until its end: a string each
   * (1,000,000 of them at 1,000,000 entries) cost a block of malloc's each,
   * scattered among the rows' memory that stays, and a second's worth of
   * frees when the request ends (issue 19). In blocks of 1 MiB they cost
   * their bytes, and go back to the system in a few frees. */
  self->seen_hrefs = g_hash_table_new (g_str_hash, g_str_equal);
  self->seen_bytes = g_string_chunk_new (1024 * 1024);
  self->text = g_string_sized_new (256);
  self->pending = g_byte_array_sized_new (BLOCK_SIZE);
  self->xml = g_string_sized_new (256);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->queue);
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
