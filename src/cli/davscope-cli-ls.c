/* davscope-cli-ls.c: `davscope-cli ls` and `props`, listings and properties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PROPFIND answer is streamed: each resource is printed as soon as the
 * parser hands it over, so 100,000 entries cost no more memory than ten.
 * A plain listing is written on a thread of its own where a core is free
 * for it (see ListingWriter) while the answer is parsed, on the main
 * thread between reads or, where a core is free for that too, on the
 * parser's own thread (DAV_PROPFIND_FLAGS_PARSE_THREAD).
 */

#include "davscope-cli.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "dav-href.h"
#include "dav-text.h"
#include "dav-walk.h"
#include "davscope-cli-session.h"

/* The JSON of a property that does not depend on its value: its names
 * first, and after the value whether it is XML, its status and whether
 * it is protected. A listing asks for seven properties; a server that
 * sends more names than there is room for gets them written in full. */
#define LISTING_PROPERTY_PIECES 16

typedef struct {
  char         *namespace_uri;
  char         *name;
  gboolean      protected_;
  DavJsonPiece  head;         /* "namespace", "name" */
  gboolean      tail_xml;     /* what tail was written for */
  guint         tail_status;
  DavJsonPiece  tail;         /* "xml", "status", "protected" */
} PropertyPieces;

typedef struct {
  DavscopeCliSession *session;
  DavJsonWriter      *json;
  const char         *base;
  gboolean            detailed;   /* props: every property with its status */
  gboolean            show_self;  /* depth 0: the resource itself is the listing */
  guint               n_shown;
  guint               n_resources;
  guint               n_failed;
  guint               n_flagged;
  gboolean            fatal;
  /* What the rows repeat, looked up once: */
  const char         *word_dir;        /* _("dir") */
  const char         *word_file;       /* _("file") */
  guint               info_status;     /* the status info_for was looked up for */
  gboolean            have_info;
  DavStatusInfo       info_for;
  char               *modified_text;   /* the last getlastmodified value shown */
  char               *modified_shown;  /* and how it was shown */
  /* The JSON that repeats from one resource to the next, kept to be
   * copied (see DavJsonPiece): */
  guint               status_key;      /* the status and reason of status_json */
  char               *reason_key;
  DavJsonPiece        status_json;
  DavJsonPiece        tail_json;       /* "error", "description", "problems", all empty */
  PropertyPieces      property_json[LISTING_PROPERTY_PIECES];
  guint               n_property_json;
} Listing;

static void
listing_clear (Listing *self)
{
  g_free (self->modified_text);
  g_free (self->modified_shown);
  g_free (self->reason_key);
  dav_json_piece_clear (&self->status_json);
  dav_json_piece_clear (&self->tail_json);
  for (guint i = 0; i < self->n_property_json; i++)
    {
      PropertyPieces *pieces = &self->property_json[i];

      g_free (pieces->namespace_uri);
      g_free (pieces->name);
      dav_json_piece_clear (&pieces->head);
      dav_json_piece_clear (&pieces->tail);
    }
}

/* The output of a plain listing, written by a thread of its own where a
 * core is free for it: with a fast server the client is the bottleneck
 * (issue 16: nginx makes 54 MB in 0.34 s), and placing the hrefs and
 * writing the output cost about as much as parsing, so the two halves can
 * run side by side. The main thread hands over the parsed responses in
 * batches (a lock per batch, not per response); at most
 * WRITER_MAX_BATCHES wait, so memory stays flat when the output is slower
 * than the input, and the main thread then waits as it waited before for
 * a full stdout. Every field of the Listing but the session belongs to
 * the writer until it is joined. Without a free core the hand-over costs
 * more than it saves (each response crosses between the cores' caches):
 * then the listing is written as it is parsed, on the main thread. */
#define WRITER_BATCH 128
#define WRITER_MAX_BATCHES 8

typedef struct {
  Listing    *listing;
  GThread    *thread;      /* NULL: written on the main thread */
  GMutex      lock;
  GCond       cond;
  GQueue      batches;     /* of GPtrArray of DavResponse, under lock */
  gboolean    done;        /* under lock: nothing more will come */
  gboolean    waiting;     /* under lock: a side waits on cond */
  GPtrArray  *batch;       /* the main thread's, being filled */
} ListingWriter;


static gboolean
property_failed (guint status)
{
  return status == 0 || (status >= 400 && status != 404);
}

static gboolean
is_collection (const DavResponse *response,
               const DavHref     *href)
{
  return dav_response_is_collection (response, href != NULL && href->collection);
}

static char *
format_size (const DavResponse *response)
{
  const DavProperty *length = dav_response_find_property (response, "DAV:", "getcontentlength");
  guint64 bytes;

  if (length == NULL || length->value == NULL || length->status >= 300)
    return g_strdup ("");

  /* "-1", "1e309", 20 digits: shown as unknown (docs/hostile-servers.md
   * case 27). */
  if (!g_ascii_string_to_unsigned (length->value, 10, 0, G_MAXINT64, &bytes, NULL))
    return g_strdup ("?");

  return g_format_size (bytes);
}

static char *
format_modified (Listing           *self,
                 const DavResponse *response)
{
  const DavProperty *modified = dav_response_find_property (response, "DAV:", "getlastmodified");
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  char *shown;

  if (modified == NULL || modified->value == NULL || modified->status >= 300)
    return g_strdup ("");

  /* Files written together share their time: the last one is kept. */
  if (self->modified_text != NULL && strcmp (self->modified_text, modified->value) == 0)
    return g_strdup (self->modified_shown);

  utc = soup_date_time_new_from_http_string (modified->value);
  if (utc == NULL)
    shown = g_strdup ("?");
  else
    {
      local = g_date_time_to_local (utc);
      shown = g_date_time_format (local, "%Y-%m-%d %H:%M");
    }

  g_free (self->modified_text);
  g_free (self->modified_shown);
  self->modified_text = g_strdup (modified->value);
  self->modified_shown = g_strdup (shown);

  return shown;
}

/* The pieces of a property of this name, found or made; NULL when there
 * is no room left for another name. */
static PropertyPieces *
property_pieces (Listing           *self,
                 const DavProperty *property)
{
  PropertyPieces *pieces;

  for (guint i = 0; i < self->n_property_json; i++)
    {
      pieces = &self->property_json[i];
      if (strcmp (pieces->name, property->name) == 0 &&
          strcmp (pieces->namespace_uri, property->namespace_uri) == 0)
        return pieces;
    }

  if (self->n_property_json == LISTING_PROPERTY_PIECES)
    return NULL;

  pieces = &self->property_json[self->n_property_json++];
  pieces->namespace_uri = g_strdup (property->namespace_uri);
  pieces->name = g_strdup (property->name);
  pieces->protected_ = dav_property_is_protected (property->namespace_uri, property->name);

  return pieces;
}

static void
json_property (Listing           *self,
               const DavProperty *property,
               guint              status)
{
  DavJsonWriter *json = self->json;
  PropertyPieces *pieces = property_pieces (self, property);

  dav_json_writer_begin_object (json);

  if (pieces == NULL || !dav_json_writer_piece_write (json, &pieces->head))
    {
      if (pieces != NULL)
        dav_json_writer_piece_begin (json, &pieces->head);
      dav_json_writer_add_string (json, "namespace", property->namespace_uri);
      dav_json_writer_add_string (json, "name", property->name);
      if (pieces != NULL)
        dav_json_writer_piece_end (json, &pieces->head);
    }

  dav_json_writer_add_string (json, "value", property->value);

  if (pieces == NULL ||
      pieces->tail_xml != property->is_xml || pieces->tail_status != status ||
      !dav_json_writer_piece_write (json, &pieces->tail))
    {
      gboolean protected_ = pieces != NULL
                            ? pieces->protected_
                            : dav_property_is_protected (property->namespace_uri, property->name);

      if (pieces != NULL)
        {
          pieces->tail_xml = property->is_xml;
          pieces->tail_status = status;
          dav_json_writer_piece_begin (json, &pieces->tail);
        }
      dav_json_writer_add_boolean (json, "xml", property->is_xml);
      dav_json_writer_add_status (json, "status", status);
      dav_json_writer_add_boolean (json, "protected", protected_);
      if (pieces != NULL)
        dav_json_writer_piece_end (json, &pieces->tail);
    }

  dav_json_writer_end_object (json);
}

static void
json_status (Listing     *self,
             guint        status,
             const char  *reason)
{
  DavJsonWriter *json = self->json;

  if (status == self->status_key && g_strcmp0 (reason, self->reason_key) == 0 &&
      dav_json_writer_piece_write (json, &self->status_json))
    return;

  self->status_key = status;
  g_free (self->reason_key);
  self->reason_key = g_strdup (reason);
  dav_json_writer_piece_begin (json, &self->status_json);
  davscope_cli_json_status_fields (json, status, reason, FALSE);
  dav_json_writer_piece_end (json, &self->status_json);
}

static void
json_resource (Listing           *self,
               const DavResponse *response,
               const char        *href_text,
               const DavHref     *href)
{
  DavJsonWriter *json = self->json;
  g_autoptr(DavProblem) flagged = NULL;

  dav_json_writer_begin_object (json);
  dav_json_writer_add_string (json, "href", href_text);
  dav_json_writer_add_string (json, "url", href->uri);
  dav_json_writer_add_string (json, "path", href->display_path);
  dav_json_writer_add_string (json, "name", href->name);
  dav_json_writer_add_boolean (json, "collection", is_collection (response, href));
  dav_json_writer_add_string (json, "relation", dav_href_relation_to_string (href->relation));
  json_status (self, dav_response_get_listing_status (response), response->reason);

  dav_json_writer_member (json, "properties");
  dav_json_writer_begin_array (json);
  for (guint i = 0; i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      for (guint j = 0; j < propstat->properties->len; j++)
        json_property (self, g_ptr_array_index (propstat->properties, j), propstat->status);
    }
  dav_json_writer_end_array (json);

  /* An href that names no member carries its problem here, as the
   * human output shows it under the row (no href at all is the
   * parser's missing-href already). */
  if (response->hrefs->len > 0)
    flagged = davscope_cli_href_problem (href, response->line);

  /* Nearly every resource has no error, description or problem. */
  if (response->errors->len > 0 || response->description != NULL ||
      flagged != NULL || response->problems->len > 0 ||
      !dav_json_writer_piece_write (json, &self->tail_json))
    {
      gboolean empty = response->errors->len == 0 && response->description == NULL &&
                       flagged == NULL && response->problems->len == 0;

      if (empty)
        dav_json_writer_piece_begin (json, &self->tail_json);
      dav_report_write_conditions (json, response->errors);
      dav_json_writer_add_string (json, "description", response->description);
      dav_json_writer_member (json, "problems");
      dav_json_writer_begin_array (json);
      if (flagged != NULL)
        dav_report_write_problem (json, flagged);
      for (guint i = 0; i < response->problems->len; i++)
        dav_report_write_problem (json, g_ptr_array_index (response->problems, i));
      dav_json_writer_end_array (json);
      if (empty)
        dav_json_writer_piece_end (json, &self->tail_json);
    }
  dav_json_writer_end_object (json);

  if (dav_json_writer_get_buffer (json)->len > 64 * 1024)
    davscope_cli_json_flush (json, stdout);
}

static void
print_row (Listing           *self,
           const DavResponse *response,
           const DavHref     *href)
{
  DavscopeCliOutput *out = &self->session->out;
  guint status = dav_response_get_listing_status (response);
  const DavStatusInfo *info;
  g_autofree char *size = format_size (response);
  g_autofree char *modified = format_modified (self, response);
  g_autofree char *mark = NULL;
  char code[16];
  gboolean collection = is_collection (response, href);
  const char *flag = "";

  if (status)
    g_snprintf (code, sizeof code, "%u", status);
  else
    g_strlcpy (code, "---", sizeof code);

  if (!self->have_info || self->info_status != status)
    {
      dav_status_lookup (status, &self->info_for);
      self->info_status = status;
      self->have_info = TRUE;
    }
  info = &self->info_for;
  if (self->word_dir == NULL)
    {
      self->word_dir = _("dir");
      self->word_file = _("file");
    }

  mark = davscope_cli_output_paint (out, status ? info->severity : DAV_SEVERITY_ERROR, code);
  /* Where a resource sits that is not a member, it says so. */
  switch (href->relation)
    {
    case DAV_HREF_OUTSIDE:      flag = _("  [outside the folder]"); break;
    case DAV_HREF_OTHER_ORIGIN: flag = _("  [another server]"); break;
    case DAV_HREF_INVALID:      flag = _("  [invalid href]"); break;
    case DAV_HREF_SELF:
    case DAV_HREF_MEMBER:
    case DAV_HREF_DESCENDANT:
    default:                    break;
    }

  fprintf (out->stream, "%s  %-4s %10s  %-16s  %s%s%s\n", mark,
           collection ? self->word_dir : self->word_file, size, modified,
           href->relation == DAV_HREF_DESCENDANT ? href->display_path : href->name,
           collection && href->relation != DAV_HREF_DESCENDANT ? "/" : "", flag);

  if (status == 0 || status >= 300)
    {
      fprintf (out->stream, "      %s\n", info->explanation);
      davscope_cli_output_print_conditions (out, 6, response->errors);
    }
  if (href->problem != NULL)
    fprintf (out->stream, "      %s\n", href->problem);
  davscope_cli_output_print_problems (out, 6, response->problems);
}

static void
print_details (Listing           *self,
               const DavResponse *response,
               const DavHref     *href)
{
  DavscopeCliOutput *out = &self->session->out;

  /* display_path is escaped already: escaped again, "\x1b" would show
   * as "\\x1b". */
  fprintf (out->stream, "%s\n", href->display_path);
  if (href->problem != NULL)
    fprintf (out->stream, "  %s\n", href->problem);
  if (response->status_line != NULL)
    davscope_cli_output_print_status (out, 2, response->status, response->reason, TRUE, FALSE);

  for (guint i = 0; i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      davscope_cli_output_print_status (out, 2, propstat->status, propstat->reason,
                                        propstat->status == 0 || propstat->status >= 300, TRUE);
      for (guint j = 0; j < propstat->properties->len; j++)
        {
          const DavProperty *property = g_ptr_array_index (propstat->properties, j);
          g_autofree char *name = dav_property_dup_clark_name (property);
          g_autofree char *shown_name = dav_text_escape (name, -1);
          g_autofree char *squeezed = property->is_xml ? dav_text_squeeze (property->value) : NULL;
          g_autofree char *shown = dav_text_escape (squeezed ? squeezed : property->value ? property->value : "", -1);
          const char *kind = dav_property_is_protected (property->namespace_uri, property->name)
                             ? _(" (protected)")
                             : dav_property_is_live (property->namespace_uri, property->name) ? _(" (live)") : "";

          fprintf (out->stream, "      %s%s%s%s\n", shown_name, kind,
                   property->value ? " = " : "", shown);
        }
    }

  davscope_cli_output_print_conditions (out, 2, response->errors);
  davscope_cli_output_print_problems (out, 2, response->problems);
}

/* Counts a response once, whatever its hrefs. */
static void
count_response (Listing           *self,
                const DavResponse *response)
{
  guint status = dav_response_get_listing_status (response);

  self->n_resources++;
  if (status == 0 || status >= 400)
    self->n_failed++;
  else
    for (guint i = 0; i < response->propstats->len; i++)
      if (property_failed (((DavPropstat *) g_ptr_array_index (response->propstats, i))->status))
        {
          self->n_failed++;
          break;
        }

  for (guint i = 0; i < response->problems->len; i++)
    self->fatal |= dav_problem_kind_is_fatal (((DavProblem *) g_ptr_array_index (response->problems, i))->kind);
}

/* One href of a response, placed: a row, a JSON resource, or details.
 * @text and @href are NULL when the response names no resource. */
static void
show_href (Listing           *self,
           const DavResponse *response,
           const char        *text,
           const DavHref     *href)
{
  if (href == NULL)
    {
      /* Nothing to resolve, but never dropped. */
      DavHref none = { .uri = NULL, .path = NULL, .display_path = (char *) "", .name = (char *) "",
                       .relation = DAV_HREF_INVALID, .problem = (char *) _("The server named no resource for this entry.") };

      self->n_flagged++;
      if (self->json)
        json_resource (self, response, NULL, &none);
      else
        print_row (self, response, &none);
      return;
    }

  if (href->relation == DAV_HREF_OUTSIDE || href->relation == DAV_HREF_OTHER_ORIGIN ||
      href->relation == DAV_HREF_INVALID)
    self->n_flagged++;

  if (self->json)
    json_resource (self, response, text, href);
  else if (self->detailed)
    print_details (self, response, href);
  else if (href->relation != DAV_HREF_SELF || self->show_self)
    {
      print_row (self, response, href);
      self->n_shown++;
    }
}

static void
show_response (Listing           *self,
               const DavResponse *response)
{
  count_response (self, response);
  if (response->hrefs->len == 0)
    show_href (self, response, NULL, NULL);

  for (guint i = 0; i < response->hrefs->len; i++)
    {
      const char *text = g_ptr_array_index (response->hrefs, i);
      g_autoptr(DavHref) href = dav_href_resolve (self->base, text);

      show_href (self, response, text, href);
    }
}

static gpointer
listing_writer_run (gpointer data)
{
  ListingWriter *writer = data;

  for (;;)
    {
      g_autoptr(GPtrArray) batch = NULL;

      g_mutex_lock (&writer->lock);
      while (g_queue_is_empty (&writer->batches) && !writer->done)
        {
          writer->waiting = TRUE;
          g_cond_wait (&writer->cond, &writer->lock);
        }
      batch = g_queue_pop_head (&writer->batches);
      /* The main thread may wait for room. */
      if (writer->waiting)
        {
          writer->waiting = FALSE;
          g_cond_broadcast (&writer->cond);
        }
      g_mutex_unlock (&writer->lock);

      if (batch == NULL)
        break;
      for (guint i = 0; i < batch->len; i++)
        show_response (writer->listing, g_ptr_array_index (batch, i));
    }

  return NULL;
}

/* Whether a second thread can be expected to run beside this one; the
 * environment variable (DAVSCOPE_CLI_WRITER_THREAD for the writer,
 * DAVSCOPE_CLI_PARSER_THREAD for the parser's; 0 or 1) decides for tests
 * and benchmarks. */
static gboolean
thread_pays (const char *variable)
{
  const char *forced = g_getenv (variable);
  double load = 0;

  if (forced != NULL)
    return g_strcmp0 (forced, "0") != 0;

  return g_get_num_processors () >= 2 && getloadavg (&load, 1) == 1 &&
         load + 1.0 <= g_get_num_processors ();
}

static void
listing_writer_start (ListingWriter *writer,
                      Listing       *listing)
{
  writer->listing = listing;
  if (!thread_pays ("DAVSCOPE_CLI_WRITER_THREAD"))
    return;

  g_mutex_init (&writer->lock);
  g_cond_init (&writer->cond);
  g_queue_init (&writer->batches);
  writer->thread = g_thread_new ("davscope-cli-ls", listing_writer_run, writer);
}

/* Hands the batch being filled to the writer, waiting while too many
 * are waiting already. */
static void
listing_writer_hand_over (ListingWriter *writer)
{
  if (writer->batch == NULL)
    return;

  g_mutex_lock (&writer->lock);
  while (g_queue_get_length (&writer->batches) >= WRITER_MAX_BATCHES)
    {
      writer->waiting = TRUE;
      g_cond_wait (&writer->cond, &writer->lock);
    }
  g_queue_push_tail (&writer->batches, g_steal_pointer (&writer->batch));
  if (writer->waiting)
    {
      writer->waiting = FALSE;
      g_cond_broadcast (&writer->cond);
    }
  g_mutex_unlock (&writer->lock);
}

/* Everything handed over is written once this returns. */
static void
listing_writer_finish (ListingWriter *writer)
{
  if (writer->thread == NULL)
    return;

  listing_writer_hand_over (writer);
  g_mutex_lock (&writer->lock);
  writer->done = TRUE;
  g_cond_broadcast (&writer->cond);
  g_mutex_unlock (&writer->lock);
  g_thread_join (g_steal_pointer (&writer->thread));
  g_mutex_clear (&writer->lock);
  g_cond_clear (&writer->cond);
}

static void
on_response (DavPropfind   *propfind,
             DavResponse   *response,
             ListingWriter *writer)
{
  if (writer->thread == NULL)
    {
      show_response (writer->listing, response);
      return;
    }

  if (writer->batch == NULL)
    writer->batch = g_ptr_array_new_full (WRITER_BATCH, (GDestroyNotify) dav_response_unref);
  g_ptr_array_add (writer->batch, dav_response_ref (response));
  if (writer->batch->len >= WRITER_BATCH)
    listing_writer_hand_over (writer);
}

/* --recursive: the walk hands over each href once, already placed. */
static void
on_walk_item (DavWalk           *walk,
              const DavResponse *response,
              const char        *href_text,
              const DavHref     *href,
              gpointer           user_data)
{
  Listing *self = user_data;

  if (href_text == NULL || href_text == g_ptr_array_index (response->hrefs, 0))
    count_response (self, response);
  show_href (self, response, href_text, href);
}

/* How the tree was read, and what could not be: "walk" in JSON. */
static void
json_walk (Listing *self,
           DavWalk *walk)
{
  GPtrArray *failures = dav_walk_get_failures (walk);
  DavResult *infinity = dav_walk_get_infinity_result (walk);

  dav_json_writer_member (self->json, "walk");
  dav_json_writer_begin_object (self->json);
  dav_json_writer_add_string (self->json, "mode", dav_walk_mode_to_string (dav_walk_get_mode (walk)));
  dav_json_writer_add_status (self->json, "infinity_status", infinity ? infinity->status : 0);
  dav_json_writer_add_int (self->json, "requests", dav_walk_get_n_requests (walk));
  dav_json_writer_add_int (self->json, "folders", dav_walk_get_n_folders (walk));
  dav_json_writer_member (self->json, "failures");
  dav_json_writer_begin_array (self->json);
  for (guint i = 0; i < failures->len; i++)
    {
      const DavWalkFailure *failure = g_ptr_array_index (failures, i);

      dav_json_writer_begin_object (self->json);
      dav_json_writer_add_string (self->json, "url", failure->url);
      davscope_cli_json_status_explained (self->json, failure->status, failure->reason, "PROPFIND", NULL);
      dav_json_writer_add_string (self->json, "error", failure->error);
      dav_json_writer_add_int (self->json, "exchange", (gint64) failure->exchange_id);
      dav_json_writer_end_object (self->json);
    }
  dav_json_writer_end_array (self->json);
  dav_json_writer_end_object (self->json);
}

/* How the tree was read, for people: what the server did with Depth:
 * infinity, and each folder that could not be listed. */
static void
print_walk (Listing *self,
            DavWalk *walk)
{
  const char *command = self->session->command;
  GPtrArray *failures = dav_walk_get_failures (walk);
  DavResult *infinity = dav_walk_get_infinity_result (walk);

  switch (dav_walk_get_mode (walk))
    {
    case DAV_WALK_INFINITY_REFUSED:
      if (infinity != NULL && infinity->status != 207)
        g_printerr (_("%s: the server refused to list the whole tree at once (%u %s); %u folders were listed one at a time.\n"),
                    command, infinity->status, infinity->reason ? infinity->reason : "",
                    dav_walk_get_n_folders (walk));
      else
        g_printerr (_("%s: the whole tree at once could not be read; %u folders were listed one at a time.\n"),
                    command, dav_walk_get_n_folders (walk));
      break;
    case DAV_WALK_INFINITY_IGNORED:
      g_printerr (_("%s: the server answered “Depth: infinity” with one level only (RFC 4918 §9.1 asks for the whole tree or a 403); %u folders were listed one at a time.\n"),
                  command, dav_walk_get_n_folders (walk));
      break;
    case DAV_WALK_INFINITY:
    case DAV_WALK_LEVELS:
    default:
      break;
    }

  for (guint i = 0; i < failures->len; i++)
    {
      const DavWalkFailure *failure = g_ptr_array_index (failures, i);
      g_autofree char *shown = dav_text_escape (failure->url, -1);

      g_printerr (_("%s: not listed completely: %s\n"), command, shown);
      if (failure->status != 0)
        {
          DavscopeCliOutput err;

          davscope_cli_output_init (&err, stderr, FALSE);
          davscope_cli_output_print_status_for (&err, 2, failure->status, failure->reason, "PROPFIND");
        }
      if (failure->error != NULL)
        davscope_cli_output_print_escaped (&self->session->out, "  ", failure->error);
    }
}

/* ls --recursive: the whole tree through DavWalk, one document or one
 * row per resource, each once; then how it went. */
static int
run_walk (Listing             *self,
          const char          *url,
          DavPropfindKind      kind,
          const char * const  *names)
{
  DavscopeCliSession *session = self->session;
  g_autoptr(DavWalk) walk = dav_walk_new (session->client, url, kind, names);
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *failures = dav_walk_get_failures (walk);
  DavResult *root = NULL;
  gboolean walked, whole, cut = FALSE;

  dav_walk_set_concurrency (walk, MAX (session->connections, 1));
  dav_walk_run_async (walk, on_walk_item, self, NULL, davscope_cli_session_done, &done);
  walked = dav_walk_run_finish (walk, davscope_cli_session_wait (session, &done), &error);
  {
    GTlsCertificateFlags rejected_errors = 0;
    GTlsCertificate *rejected = dav_walk_get_rejected_certificate (walk, &rejected_errors);

    davscope_cli_session_set_rejected (session, rejected, rejected_errors);
  }
  root = dav_walk_get_root_result (walk);
  whole = walked && dav_walk_get_complete (walk) && !self->fatal;
  for (guint i = 0; i < failures->len; i++)
    cut |= ((const DavWalkFailure *) g_ptr_array_index (failures, i))->status == 207;

  if (self->json != NULL)
    {
      dav_json_writer_end_array (self->json);
      json_walk (self, walk);
      /* "method" once: the failure members carry their own. */
      if (walked || root != NULL)
        dav_json_writer_add_string (self->json, "method", "PROPFIND");
      if (root != NULL)
        {
          davscope_cli_json_answer_fields (self->json, root, FALSE, NULL, NULL);
          dav_json_writer_add_boolean (self->json, "complete", dav_result_is_whole (root));
        }
      else if (!walked)
        davscope_cli_json_failure_fields (self->json, "PROPFIND", davscope_cli_failure_for_error (error),
                                          error->message);
      else
        {
          dav_json_writer_add_boolean (self->json, "ok", whole && self->n_failed == 0);
          dav_json_writer_add_boolean (self->json, "complete", whole);
        }
      dav_json_writer_add_boolean (self->json, "listing_complete", whole);
      dav_json_writer_add_int (self->json, "n_resources", self->n_resources);
      dav_json_writer_end_object (self->json);
      davscope_cli_json_flush (self->json, stdout);
      dav_json_writer_free (self->json);
      self->json = NULL;
    }
  else
    print_walk (self, walk);

  if (root != NULL)
    return davscope_cli_session_print_result (session, root);
  if (!walked)
    return davscope_cli_session_print_error (session, error);
  if (cut || self->fatal)
    {
      g_printerr (_("%s: the listing is INCOMPLETE: the server's answer was cut off or malformed; what could be read is shown.\n"),
                  session->command);
      return DAVSCOPE_CLI_EXIT_MALFORMED;
    }
  if (failures->len > 0 || self->n_failed > 0)
    return DAVSCOPE_CLI_EXIT_FAILED;

  if (self->n_flagged > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%s: %u entry points outside the folder or to another server; it is shown flagged and never acted on.\n",
                             "%s: %u entries point outside the folder or to another server; they are shown flagged and never acted on.\n",
                             self->n_flagged),
                session->command, self->n_flagged);
  return DAVSCOPE_CLI_EXIT_OK;
}

static int
run_listing (int       argc,
             char    **argv,
             gboolean  detailed)
{
  const char *command = detailed ? "davscope-cli props" : "davscope-cli ls";
  DavscopeCliSession session = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(DavResult) result = NULL;
  g_autoptr(DavPropfind) propfind = NULL;
  g_autofree char *url = NULL;
  g_auto(GStrv) props = NULL;
  g_autofree char *depth_text = NULL;
  gboolean all = FALSE;
  gboolean names_only = FALSE;
  gboolean recursive = FALSE;
  DavPropfindKind kind;
  DavDepth depth;
  Listing self = { 0 };
  ListingWriter writer = { 0 };
  int exit_code;
  const GOptionEntry entries[] = {
    { "depth", 'd', 0, G_OPTION_ARG_STRING, &depth_text, N_("0 (the resource), 1 (and its members, the default for ls) or infinity"), N_("DEPTH") },
    { "prop", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &props, N_("Ask for this property, as {namespace}name; repeatable"), N_("PROPERTY") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Ask for all properties (allprop)"), NULL },
    { "names", 0, 0, G_OPTION_ARG_NONE, &names_only, N_("Ask only for the names of the properties (propname)"), NULL },
    { "recursive", 'r', 0, G_OPTION_ARG_NONE, &recursive, N_("The whole tree: Depth infinity where the server allows it, else a folder at a time"), NULL },
    { NULL }
  };

  context = g_option_context_new (detailed ? _("URL — show every property of a resource, each with its status")
                                           : _("URL — list a collection"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  davscope_cli_session_add_options (&session, context, command);
  if (!davscope_cli_session_parse (&session, context, &argc, &argv, &error) || argc != 2)
    {
      davscope_cli_session_usage (&session, error ? error->message : _("give exactly one URL"));
      davscope_cli_session_clear (&session);
      return DAVSCOPE_CLI_EXIT_CANNOT;
    }

  if (recursive && (depth_text != NULL || detailed))
    {
      davscope_cli_session_usage (&session, detailed ? _("--recursive is for ls only.")
                                                     : _("--recursive and --depth do not go together."));
      davscope_cli_session_clear (&session);
      return DAVSCOPE_CLI_EXIT_CANNOT;
    }

  if (depth_text == NULL)
    depth = detailed ? DAV_DEPTH_0 : DAV_DEPTH_1;
  else if (g_str_equal (depth_text, "0"))
    depth = DAV_DEPTH_0;
  else if (g_str_equal (depth_text, "1"))
    depth = DAV_DEPTH_1;
  else if (g_ascii_strcasecmp (depth_text, "infinity") == 0)
    depth = DAV_DEPTH_INFINITY;
  else
    {
      g_autofree char *message = g_strdup_printf (_("the depth is 0, 1 or infinity, not “%s”."), depth_text);

      davscope_cli_session_usage (&session, message);
      davscope_cli_session_clear (&session);
      return DAVSCOPE_CLI_EXIT_CANNOT;
    }

  if (names_only)
    kind = DAV_PROPFIND_PROPNAME;
  else if (props != NULL && !all)
    kind = DAV_PROPFIND_PROP;
  else if (all || detailed)
    kind = DAV_PROPFIND_ALLPROP;
  else
    kind = DAV_PROPFIND_PROP;

  if (!davscope_cli_session_connect (&session, argv[1]))
    {
      davscope_cli_session_clear (&session);
      return DAVSCOPE_CLI_EXIT_CANNOT;
    }

  url = dav_client_resolve (session.client, argv[1], &error);
  if (url == NULL)
    {
      exit_code = davscope_cli_session_usage (&session, error->message);
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  self.session = &session;
  self.base = dav_client_get_base_url (session.client);
  self.detailed = detailed;
  self.show_self = depth == DAV_DEPTH_0;
  if (session.json)
    {
      self.json = dav_json_writer_new (TRUE);
      dav_json_writer_begin_object (self.json);
      dav_json_writer_add_string (self.json, "url", url);
      dav_json_writer_member (self.json, "resources");
      dav_json_writer_begin_array (self.json);
    }

  if (recursive)
    {
      exit_code = run_walk (&self, url, kind,
                            props ? (const char * const *) props
                                  : (kind == DAV_PROPFIND_PROP ? dav_propfind_listing_properties () : NULL));
      listing_clear (&self);
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  propfind = dav_propfind_new (depth, kind,
                               props ? (const char * const *) props
                                     : (kind == DAV_PROPFIND_PROP ? dav_propfind_listing_properties () : NULL));
  /* The responses come on the parser's thread then: on_response and the
   * writer touch nothing of the main loop's. */
  dav_propfind_set_flags (propfind, DAV_PROPFIND_FLAGS_STREAM |
                                    (thread_pays ("DAVSCOPE_CLI_PARSER_THREAD") ? DAV_PROPFIND_FLAGS_PARSE_THREAD : 0));
  listing_writer_start (&writer, &self);
  g_signal_connect (propfind, "response", G_CALLBACK (on_response), &writer);
  dav_client_propfind_async (session.client, url, propfind, NULL, davscope_cli_session_done, &done);
  davscope_cli_session_wait (&session, &done);
  result = dav_client_propfind_finish (session.client, done, &error);
  listing_writer_finish (&writer);
  {
    GTlsCertificateFlags rejected_errors = 0;
    GTlsCertificate *rejected = dav_client_get_rejected_certificate (session.client, done, &rejected_errors);

    davscope_cli_session_set_rejected (&session, rejected, rejected_errors);
  }

  /* One document whatever the answer: the listing, and how it ended. A
   * whole answer that is no 207 is complete, but no listing. */
  if (self.json != NULL)
    {
      dav_json_writer_end_array (self.json);
      if (result != NULL)
        {
          gboolean listed = result->status == 207 && result->complete && !self.fatal;

          dav_json_writer_add_string (self.json, "method", result->method);
          davscope_cli_json_answer_fields (self.json, result, listed && self.n_failed == 0, NULL, NULL);
          dav_json_writer_add_boolean (self.json, "complete",
                                       result->status == 207 ? listed : dav_result_is_whole (result));
          dav_json_writer_add_boolean (self.json, "listing_complete", listed);
        }
      else
        {
          davscope_cli_json_failure_fields (self.json, "PROPFIND", davscope_cli_failure_for_error (error),
                                            error->message);
          dav_json_writer_add_boolean (self.json, "listing_complete", FALSE);
        }
      dav_json_writer_add_int (self.json, "n_resources", self.n_resources);
      dav_json_writer_end_object (self.json);
      davscope_cli_json_flush (self.json, stdout);
      dav_json_writer_free (self.json);
    }

  if (result == NULL)
    exit_code = davscope_cli_session_print_error (&session, error);
  else if (result->status != 207)
    exit_code = davscope_cli_session_print_result (&session, result);
  else
    {
      if (!session.json && result->body != NULL)
        davscope_cli_output_print_problems (&session.out, 0, result->body->problems);
      if (!session.json && !detailed && self.n_shown == 0 && result->complete)
        printf ("%s\n", _("(This folder is empty, or it is a file: use --depth 0 to see it.)"));

      if (!result->complete || self.fatal)
        {
          g_printerr (_("%s: the listing is INCOMPLETE: the server's answer was cut off or malformed; what could be read is shown.\n"), command);
          exit_code = DAVSCOPE_CLI_EXIT_MALFORMED;
        }
      else if (self.n_failed > 0)
        exit_code = DAVSCOPE_CLI_EXIT_FAILED;
      else
        exit_code = DAVSCOPE_CLI_EXIT_OK;

      if (self.n_flagged > 0)
        g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                 "%s: %u entry points outside the folder or to another server; it is shown flagged and never acted on.\n",
                                 "%s: %u entries point outside the folder or to another server; they are shown flagged and never acted on.\n",
                                 self.n_flagged),
                    command, self.n_flagged);
    }

  listing_clear (&self);
  davscope_cli_session_clear (&session);
  return exit_code;
}

int
davscope_cli_ls (int    argc,
                 char **argv)
{
  return run_listing (argc, argv, FALSE);
}

int
davscope_cli_props (int    argc,
                    char **argv)
{
  return run_listing (argc, argv, TRUE);
}
