/* dav-batch.c: many requests, with bounded concurrency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In flight: at most the concurrency given (one request per HTTP/1.1
 * connection) until an answer shows the connection is HTTP/2; then up to
 * MULTIPLEXED_IN_FLIGHT on it, as round trips, not connections, bound
 * bulk work at a distance (docs/architecture.md, issue 16). libsoup 3.2
 * does not show the server's SETTINGS_MAX_CONCURRENT_STREAMS; nghttp2
 * holds streams beyond it in its own queue, so the server never sees more.
 * A 503 or 429 pauses the batch for its Retry-After (dav-retry-after.c),
 * halves what is in flight, and sends again what may be repeated.
 *
 * Signals:
 *   item-done (DavBatch *, guint index, guint n_done): one target has its
 *   final report item (dav_batch_run_finish gives them all at the end).
 *   progress (DavBatch *, guint64 bytes_done, gint64 bytes_total): bytes of
 *   uploads and downloads moved so far; the total is -1 while not known.
 */

#include "dav-batch.h"

#include <glib/gi18n-lib.h>

#include "dav-download.h"
#include "dav-error.h"
#include "dav-href.h"
#include "dav-operation.h"
#include "dav-upload.h"
#include "dav-retry-after.h"

/* HTTP/2: Apache's and nginx's default stream limit per connection. */
#define MULTIPLEXED_IN_FLIGHT 100
/* A 503 or 429 is answered this many times at most before it stands. */
#define MAX_ATTEMPTS 4

typedef struct {
  DavReportItem *item;         /* owned by the report */
  GPtrArray     *patches;      /* PROPPATCH */
  char          *destination;  /* COPY, MOVE */
  gboolean       overwrite;    /* COPY, MOVE, GET */
  GFile         *file;         /* PUT: the source; GET: the target */
  DavDownload   *download;     /* GET, while and after it runs */
  DavUpload     *upload;       /* PUT, the same */
  char          *content_type; /* PUT */
  goffset        bytes_done;
  goffset        bytes_total;  /* -1: not known */
  guint          attempts;     /* times sent */
} Target;

struct _DavBatch
{
  GObject      parent_instance;

  DavClient   *client;
  guint        concurrency;
  GArray      *targets;     /* Target */
  GHashTable  *seen;        /* normalised URLs */
  DavReport   *report;
  GPtrArray   *refused;     /* DavReportItem*: targets an adder refused */
  GArray      *refused_at;  /* guint: the place of each among all targets given */

  GTask       *task;        /* while running */
  guint        next;        /* the next target to start */
  guint        running;
  guint        done;
  gboolean     stop;        /* the server went away: start nothing more */
  gboolean     mkcol_running; /* a folder is being made: what follows waits */
  guint        limit;       /* in flight now: concurrency, more over HTTP/2, less after a 503 */
  guint        ceiling;     /* what limit grows back to */
  guint        peak;        /* the most in flight at once */
  GQueue       retry;       /* indices of targets the server asked to send later */
  GSource     *pause;       /* while waiting for a Retry-After, or cancellation */
  /* Progress of the transfers, kept as it changes (not summed per event). */
  gint64       bytes_done;
  gint64       bytes_known;   /* the sizes known so far */
  guint        n_unknown;     /* transfers whose size is not known yet */
};

G_DEFINE_FINAL_TYPE (DavBatch, dav_batch, G_TYPE_OBJECT)

enum {
  ITEM_DONE,
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_more (DavBatch *self);

static char *
target_key (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *path = NULL;

  if (uri == NULL)
    return g_strdup (url);

  path = dav_href_normalize_path (g_uri_get_path (uri));
  return g_strdup_printf ("%s://%s:%d%s", g_uri_get_scheme (uri), g_uri_get_host (uri),
                          g_uri_get_port (uri), path);
}

/* Returns: (transfer none): the new target, or NULL. @key: what makes two
 * targets the same. */
static Target *
add_target (DavBatch    *self,
            const char  *method,
            const char  *url,
            const char  *key,
            GError     **error)
{
  Target target = { 0 };

  g_return_val_if_fail (self->task == NULL, NULL);

  if (!g_hash_table_add (self->seen, g_strdup (key)))
    {
      g_set_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT,
                   _("“%s” was chosen twice; it is acted on once."), url);
      return NULL;
    }

  target.item = dav_report_item_new (method, url);
  target.bytes_total = -1;
  g_ptr_array_add (self->report->items, target.item);
  g_array_append_val (self->targets, target);

  return &g_array_index (self->targets, Target, self->targets->len - 1);
}

/* Keeps a target an adder refused, in its place among the others, with
 * the reason as its explanation; then passes @local on. */
static gboolean
refuse (DavBatch    *self,
        const char  *method,
        const char  *url,
        const char  *destination,
        GError      *local,
        GError     **error)
{
  DavReportItem *item = dav_report_item_new (method, url);
  guint position = self->targets->len + self->refused->len;

  item->destination = g_strdup (destination);
  g_free (item->explanation);
  item->explanation = g_strdup (local->message);
  g_ptr_array_add (self->refused, item);
  g_array_append_val (self->refused_at, position);
  g_propagate_error (error, local);

  return FALSE;
}

/* A target that changes the server: inside what the user chose. */
static Target *
add_change (DavBatch    *self,
            const char  *method,
            const char  *url,
            GError     **error)
{
  g_autofree char *key = NULL;

  if (!dav_client_check_target (self->client, url, error))
    return NULL;

  key = target_key (url);
  return add_target (self, method, url, key, error);
}

gboolean
dav_batch_add_delete (DavBatch    *self,
                      const char  *url,
                      GError     **error)
{
  GError *local = NULL;

  g_return_val_if_fail (DAV_IS_BATCH (self), FALSE);

  if (add_change (self, "DELETE", url, &local) == NULL)
    return refuse (self, "DELETE", url, NULL, local, error);
  return TRUE;
}

gboolean
dav_batch_add_proppatch (DavBatch    *self,
                         const char  *url,
                         GPtrArray   *patches,
                         GError     **error)
{
  GError *local = NULL;
  Target *target;

  g_return_val_if_fail (DAV_IS_BATCH (self), FALSE);
  g_return_val_if_fail (patches != NULL, FALSE);

  target = add_change (self, "PROPPATCH", url, &local);
  if (target == NULL)
    return refuse (self, "PROPPATCH", url, NULL, local, error);

  target->patches = g_ptr_array_ref (patches);
  for (guint i = 0; i < patches->len; i++)
    {
      const DavPropPatch *patch = g_ptr_array_index (patches, i);

      dav_report_item_ask_property (target->item, patch->namespace_uri, patch->name);
    }

  return TRUE;
}

gboolean
dav_batch_add_mkcol (DavBatch    *self,
                     const char  *url,
                     GError     **error)
{
  GError *local = NULL;

  g_return_val_if_fail (DAV_IS_BATCH (self), FALSE);

  if (add_change (self, "MKCOL", url, &local) == NULL)
    return refuse (self, "MKCOL", url, NULL, local, error);
  return TRUE;
}

static gboolean
add_transfer (DavBatch    *self,
              const char  *method,
              const char  *url,
              const char  *destination,
              gboolean     overwrite,
              GError     **error)
{
  GError *local = NULL;
  Target *target;

  g_return_val_if_fail (DAV_IS_BATCH (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  /* The destination is written to (and, with Overwrite, replaced), so it
   * is held to the same rule as the source. */
  if (!dav_client_check_target (self->client, destination, &local))
    return refuse (self, method, url, destination, local, error);

  target = add_change (self, method, url, &local);
  if (target == NULL)
    return refuse (self, method, url, destination, local, error);

  target->destination = g_strdup (destination);
  target->overwrite = overwrite;
  target->item->overwrite = overwrite;
  target->item->destination = g_strdup (destination);

  return TRUE;
}

gboolean
dav_batch_add_copy (DavBatch    *self,
                    const char  *url,
                    const char  *destination,
                    gboolean     overwrite,
                    GError     **error)
{
  return add_transfer (self, "COPY", url, destination, overwrite, error);
}

gboolean
dav_batch_add_move (DavBatch    *self,
                    const char  *url,
                    const char  *destination,
                    gboolean     overwrite,
                    GError     **error)
{
  return add_transfer (self, "MOVE", url, destination, overwrite, error);
}

gboolean
dav_batch_add_upload (DavBatch    *self,
                      GFile       *source,
                      const char  *url,
                      gboolean     overwrite,
                      GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *source_name = NULL;
  GError *local = NULL;
  Target *target;

  g_return_val_if_fail (DAV_IS_BATCH (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (source), FALSE);

  source_name = g_file_get_parse_name (source);
  info = g_file_query_info (source,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, &local);
  if (info == NULL)
    return refuse (self, "PUT", url, source_name, local, error);
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (&local, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a file: only files can be uploaded."),
                   g_file_info_get_display_name (info));
      return refuse (self, "PUT", url, source_name, local, error);
    }

  target = add_change (self, "PUT", url, &local);
  if (target == NULL)
    return refuse (self, "PUT", url, source_name, local, error);

  target->file = g_object_ref (source);
  target->overwrite = overwrite;
  target->item->overwrite = overwrite;
  target->bytes_total = g_file_info_get_size (info);
  self->bytes_known += target->bytes_total;
  if (g_file_info_get_content_type (info) != NULL)
    target->content_type = g_content_type_get_mime_type (g_file_info_get_content_type (info));
  target->item->destination = g_steal_pointer (&source_name);

  return TRUE;
}

gboolean
dav_batch_add_download (DavBatch    *self,
                        const char  *url,
                        GFile       *target_file,
                        gboolean     overwrite,
                        GError     **error)
{
  g_autofree char *resolved = NULL;
  g_autofree char *key = NULL;
  g_autofree char *target_name = NULL;
  GError *local = NULL;
  Target *target;

  g_return_val_if_fail (DAV_IS_BATCH (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (target_file), FALSE);

  target_name = g_file_get_parse_name (target_file);
  /* Nothing on the server changes, but credentials go only to the
   * connected origin. */
  resolved = dav_client_resolve (self->client, url, &local);
  if (resolved == NULL)
    return refuse (self, "GET", url, target_name, local, error);

  /* Two names the server tells apart may be one local file. */
  key = g_strconcat ("file:", g_file_peek_path (target_file), NULL);
  target = add_target (self, "GET", url, key, &local);
  if (target == NULL)
    return refuse (self, "GET", url, target_name, local, error);

  target->file = g_object_ref (target_file);
  target->overwrite = overwrite;
  self->n_unknown++;   /* until its answer gives a length */
  target->item->destination = g_steal_pointer (&target_name);

  return TRUE;
}

guint
dav_batch_get_peak_in_flight (DavBatch *self)
{
  g_return_val_if_fail (DAV_IS_BATCH (self), 0);

  return self->peak;
}

guint
dav_batch_get_n_targets (DavBatch *self)
{
  g_return_val_if_fail (DAV_IS_BATCH (self), 0);

  return self->targets->len;
}

GPtrArray *
dav_batch_get_refused (DavBatch *self)
{
  g_return_val_if_fail (DAV_IS_BATCH (self), NULL);

  return self->refused;
}

DavReport *
dav_batch_order_report (DavBatch  *self,
                        DavReport *report)
{
  DavReport *ordered;
  guint next = 0;

  g_return_val_if_fail (DAV_IS_BATCH (self), NULL);
  g_return_val_if_fail (report != NULL, NULL);

  ordered = dav_report_new ();
  g_ptr_array_set_free_func (ordered->items, NULL);
  for (guint i = 0; i < report->items->len || next < self->refused->len; )
    {
      if (next < self->refused->len &&
          g_array_index (self->refused_at, guint, next) <= ordered->items->len)
        g_ptr_array_add (ordered->items, g_ptr_array_index (self->refused, next++));
      else
        g_ptr_array_add (ordered->items, g_ptr_array_index (report->items, i++));
    }

  return ordered;
}

gboolean
dav_batch_add_again (DavBatch             *self,
                     const DavReportItem  *item,
                     gboolean              overwrite,
                     GError              **error)
{
  DavOperation operation;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (DAV_IS_BATCH (self), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  if (!dav_operation_from_method (item->method, &operation) || operation == DAV_OPERATION_PROPPATCH)
    {
      g_set_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT,
                   "a %s cannot be sent again from its report", item->method);
      return FALSE;
    }
  if (dav_operation_has_destination (operation) && item->destination == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("No destination was given."));
      return FALSE;
    }
  if (operation == DAV_OPERATION_UPLOAD || operation == DAV_OPERATION_DOWNLOAD)
    file = g_file_parse_name (item->destination);

  switch (operation)
    {
    case DAV_OPERATION_DELETE:
      return dav_batch_add_delete (self, item->url, error);
    case DAV_OPERATION_MKCOL:
      return dav_batch_add_mkcol (self, item->url, error);
    case DAV_OPERATION_COPY:
      return dav_batch_add_copy (self, item->url, item->destination, overwrite, error);
    case DAV_OPERATION_MOVE:
      return dav_batch_add_move (self, item->url, item->destination, overwrite, error);
    case DAV_OPERATION_UPLOAD:
      return dav_batch_add_upload (self, file, item->url, overwrite, error);
    case DAV_OPERATION_DOWNLOAD:
      return dav_batch_add_download (self, item->url, file, overwrite, error);
    case DAV_OPERATION_PROPPATCH:
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* Errors after which the server is not there any more: what was not sent
 * yet is not attempted, rather than failed one by one. */
static gboolean
is_connection_lost (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         error->domain == G_TLS_ERROR ||
         error->domain == G_RESOLVER_ERROR;
}

/* Errors that mean the request never left: no connection was made. */
static void
finish_if_done (DavBatch *self)
{
  GTask *task;

  if (self->running > 0 || self->pause != NULL)
    return;
  if ((self->next < self->targets->len || self->retry.length > 0) && !self->stop)
    return;

  task = g_steal_pointer (&self->task);
  g_task_return_pointer (task, dav_report_ref (self->report), (GDestroyNotify) dav_report_unref);
  g_object_unref (task);
}

typedef struct {
  DavBatch  *batch;
  guint      index;
  /* The _finish of the verb that was started. */
  DavResult *(*finish) (DavClient *client, GAsyncResult *result, GError **error);
} Pending;

static void
on_transfer_progress (goffset  done,
                      goffset  total,
                      gpointer user_data)
{
  Pending *pending = user_data;
  DavBatch *self = pending->batch;
  Target *target = &g_array_index (self->targets, Target, pending->index);

  self->bytes_done += done - target->bytes_done;
  target->bytes_done = done;
  if (total >= 0 && total != target->bytes_total)
    {
      if (target->bytes_total < 0)
        self->n_unknown--;
      else
        self->bytes_known -= target->bytes_total;
      self->bytes_known += total;
      target->bytes_total = total;
    }

  g_signal_emit (self, signals[PROGRESS], 0, (guint64) self->bytes_done,
                 (gint64) (self->n_unknown > 0 ? -1 : self->bytes_known));
}

/* What became of a download's file: saved (where, resumed, verified), or
 * answered but not kept (a body spliced wrong, a checksum that does not
 * match, the local disk): then the item failed, whatever the status. */
static void
finish_download (Target *target)
{
  const GError *problem = dav_download_get_problem (target->download);
  DavReportItem *item = target->item;

  if (dav_download_is_saved (target->download))
    {
      g_free (item->explanation);
      item->explanation = dav_download_describe (target->download, item->destination);
      return;
    }
  if (problem == NULL)
    return;

  item->outcome = DAV_OUTCOME_FAILED;
  item->ok = FALSE;
  g_free (item->error);
  item->error = g_strdup (problem->message);
  g_free (item->explanation);
  item->destination_exists = g_error_matches (problem, G_IO_ERROR, G_IO_ERROR_EXISTS);
  if (item->destination_exists)
    item->explanation = g_strdup_printf (_("Not saved: “%s” already exists, and replacing it was not chosen. The existing file was kept."),
                                         item->destination);
  else if (problem->domain == G_IO_ERROR)
    item->explanation = g_strdup_printf (_("Not saved: the file arrived but could not be written to “%s”: %s"),
                                         item->destination, problem->message);
  else
    /* Translators: %s says why, a sentence. */
    item->explanation = g_strdup_printf (_("Not saved: %s"), problem->message);
}

/* An upload the server confirmed, checked against the checksum of what
 * it stored where it gave one. */
static void
finish_upload (Target *target)
{
  const GError *problem = dav_upload_get_problem (target->upload);
  const DavChecksum *verified = dav_upload_get_verified (target->upload);
  DavReportItem *item = target->item;
  char *explanation = NULL;

  if (problem != NULL)
    {
      item->outcome = DAV_OUTCOME_FAILED;
      item->ok = FALSE;
      g_free (item->error);
      item->error = g_strdup (problem->message);
      explanation = g_strdup (problem->message);
    }
  else if (verified != NULL)
    {
      g_autofree char *match = dav_checksum_describe_match (verified);

      explanation = g_strdup_printf ("%s %s", item->explanation ? item->explanation : "", match);
    }
  else if (item->ok && dav_upload_sent_checksum (target->upload))
    explanation = g_strdup_printf ("%s %s", item->explanation ? item->explanation : "",
                                   _("It was sent with its SHA-1 (OC-Checksum), which the server checks before it keeps a file."));
  if (explanation != NULL)
    {
      g_free (item->explanation);
      item->explanation = g_strstrip (explanation);
    }
}

/* An answer over HTTP/2: the connection carries many requests at once. A
 * caller that asked for one at a time keeps that. */
static void
learn_connection (DavBatch        *self,
                  const DavResult *result)
{
  if (result->http_version == SOUP_HTTP_2_0 && self->concurrency > 1 &&
      self->ceiling < MULTIPLEXED_IN_FLIGHT)
    {
      self->ceiling = MULTIPLEXED_IN_FLIGHT;
      self->limit = MULTIPLEXED_IN_FLIGHT;
    }
  else if (SOUP_STATUS_IS_SUCCESSFUL (result->status) && self->limit < self->ceiling)
    self->limit++;   /* back towards the ceiling after a 503, one at a time */
}

static gboolean
on_pause_over (GCancellable *cancellable,
               gpointer      user_data)
{
  DavBatch *self = user_data;

  g_clear_pointer (&self->pause, g_source_unref);
  start_more (self);
  finish_if_done (self);
  g_object_unref (self);

  return G_SOURCE_REMOVE;
}

/* Nothing more starts for @delay_ms, or until the batch is cancelled. */
static void
pause_for (DavBatch *self,
           gint64    delay_ms)
{
  gint64 ready = g_get_monotonic_time () + delay_ms * 1000;

  if (self->pause != NULL)
    {
      if (g_source_get_ready_time (self->pause) < ready)
        g_source_set_ready_time (self->pause, ready);
      return;
    }

  self->pause = g_cancellable_source_new (g_task_get_cancellable (self->task));
  g_source_set_ready_time (self->pause, ready);
  g_source_set_callback (self->pause, G_SOURCE_FUNC (on_pause_over), g_object_ref (self), NULL);
  g_source_set_static_name (self->pause, "[davscope] batch Retry-After");
  g_source_attach (self->pause, g_task_get_context (self->task));
}

/* Requests that a second sending cannot make different: a 503 or 429
 * says the server did not act, but a proxy in between may not know, so
 * MOVE, MKCOL and COPY without Overwrite are never sent twice. */
static gboolean
may_send_again (const Target *target)
{
  const char *method = target->item->method;

  return g_str_equal (method, "DELETE") || g_str_equal (method, "PUT") ||
         g_str_equal (method, "GET") || g_str_equal (method, "PROPPATCH") ||
         (g_str_equal (method, "COPY") && target->overwrite);
}

/* A 503 or 429 (RFC 9110 §15.6.4, RFC 6585 §4): the whole batch waits
 * for the Retry-After and goes on with half as many in flight; the target
 * is sent again when it may be. Returns: TRUE when it will be. Its item
 * keeps the answer meanwhile, so a cancelled wait reports what came. */
static gboolean
maybe_send_later (DavBatch        *self,
                  guint            index,
                  const DavResult *result)
{
  Target *target = &g_array_index (self->targets, Target, index);
  const char *header;
  gint64 delay_ms;

  if (result->status != SOUP_STATUS_SERVICE_UNAVAILABLE && result->status != 429)   /* Too Many Requests: no name in libsoup 3.2 */
    return FALSE;

  header = soup_message_headers_get_one (result->headers, "Retry-After");
  delay_ms = dav_retry_after_parse (header, NULL, target->attempts);
  if (delay_ms >= 0)
    {
      self->limit = MAX (self->limit / 2, 1);
      pause_for (self, delay_ms);
    }
  if (delay_ms < 0 || self->stop || !may_send_again (target) || target->attempts >= MAX_ATTEMPTS)
    return FALSE;

  g_queue_push_tail (&self->retry, GUINT_TO_POINTER (index));
  return TRUE;
}

/* Cancelled or the server went away: what waits to be sent again keeps
 * the busy answer it had. */
static void
give_up_retries (DavBatch *self)
{
  while (self->retry.length > 0)
    {
      guint index = GPOINTER_TO_UINT (g_queue_pop_head (&self->retry));

      self->done++;
      g_signal_emit (self, signals[ITEM_DONE], 0, index, self->done);
    }
  if (self->pause != NULL)
    {
      g_source_destroy (self->pause);
      g_clear_pointer (&self->pause, g_source_unref);
      g_object_unref (self);
    }
}

static void
on_request_done (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  Pending *pending = user_data;
  DavBatch *self = pending->batch;
  Target *target = &g_array_index (self->targets, Target, pending->index);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (target->download != NULL)
    result = dav_download_run_finish (target->download, res, &error);
  else if (target->upload != NULL)
    result = dav_upload_run_finish (target->upload, res, &error);
  else
    result = pending->finish (DAV_CLIENT (source), res, &error);
  if (result != NULL)
    {
      dav_report_item_set_result (target->item, result);
      learn_connection (self, result);
    }
  else
    {
      /* Never reached the server: not attempted. Sent, but no answer:
       * whether it happened is unknown. */
      dav_report_item_set_error (target->item,
                                 dav_error_is_never_sent (error) ? DAV_OUTCOME_NOT_ATTEMPTED : DAV_OUTCOME_UNKNOWN,
                                 error);
      if (is_connection_lost (error))
        self->stop = TRUE;
    }
  if (target->download != NULL)
    finish_download (target);
  if (target->upload != NULL && result != NULL)
    finish_upload (target);
  if (g_str_equal (target->item->method, "MKCOL"))
    self->mkcol_running = FALSE;

  self->running--;
  if (result != NULL && maybe_send_later (self, pending->index, result))
    {
      g_free (pending);
      start_more (self);
      finish_if_done (self);
      g_object_unref (self);
      return;
    }
  self->done++;
  g_signal_emit (self, signals[ITEM_DONE], 0, pending->index, self->done);
  g_free (pending);

  start_more (self);
  finish_if_done (self);
  g_object_unref (self);
}

/* A local file could not be opened: the request is never sent. */
static void
fail_locally (DavBatch     *self,
              guint         index,
              const GError *error)
{
  Target *target = &g_array_index (self->targets, Target, index);

  dav_report_item_set_error (target->item, DAV_OUTCOME_NOT_ATTEMPTED, error);
  target->item->destination_exists = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  self->done++;
  g_signal_emit (self, signals[ITEM_DONE], 0, index, self->done);
}

/* Returns: FALSE when the target failed before it could be sent. */
static gboolean
start_target (DavBatch     *self,
              Target       *target,
              Pending      *pending,
              GCancellable *cancellable,
              GError      **error)
{
  const char *method = target->item->method;
  const char *url = target->item->url;

  if (target->patches != NULL)
    {
      pending->finish = dav_client_proppatch_finish;
      dav_client_proppatch_async (self->client, url, target->patches, cancellable, on_request_done, pending);
    }
  else if (g_str_equal (method, "MKCOL"))
    {
      pending->finish = dav_client_mkcol_finish;
      dav_client_mkcol_async (self->client, url, cancellable, on_request_done, pending);
    }
  else if (g_str_equal (method, "COPY"))
    {
      pending->finish = dav_client_copy_finish;
      dav_client_copy_async (self->client, url, target->destination, target->overwrite,
                             cancellable, on_request_done, pending);
    }
  else if (g_str_equal (method, "MOVE"))
    {
      pending->finish = dav_client_move_finish;
      dav_client_move_async (self->client, url, target->destination, target->overwrite,
                             cancellable, on_request_done, pending);
    }
  else if (g_str_equal (method, "PUT"))
    {
      /* A resend after a 503 or 429 starts a transfer of its own. */
      g_clear_object (&target->upload);
      target->upload = dav_upload_new (self->client, url, target->file, target->bytes_total,
                                       target->content_type, target->overwrite);
      if (!dav_upload_open (target->upload, error))
        return FALSE;
      dav_upload_run_async (target->upload, on_transfer_progress, pending,
                            cancellable, on_request_done, pending);
    }
  else if (g_str_equal (method, "GET"))
    {
      /* Refuse early rather than fetch a body that cannot be kept. */
      if (!target->overwrite && g_file_query_exists (target->file, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("“%s” already exists, and replacing it was not chosen."),
                       target->item->destination);
          return FALSE;
        }
      g_clear_object (&target->download);
      target->download = dav_download_new (self->client, url, target->file, target->overwrite);
      if (!dav_download_open (target->download, error))
        return FALSE;
      dav_download_run_async (target->download, on_transfer_progress, pending,
                              cancellable, on_request_done, pending);
    }
  else
    {
      pending->finish = dav_client_delete_finish;
      dav_client_delete_async (self->client, url, cancellable, on_request_done, pending);
    }

  return TRUE;
}

/* Sends the target of @pending (taking it), or returns FALSE with the
 * local reason it could not be sent. */
static gboolean
start_one (DavBatch      *self,
           Pending       *pending,
           GCancellable  *cancellable,
           GError       **error)
{
  Target *target = &g_array_index (self->targets, Target, pending->index);

  if (!start_target (self, target, pending, cancellable, error))
    {
      g_free (pending);
      return FALSE;
    }

  g_object_ref (self);
  self->running++;
  self->peak = MAX (self->peak, self->running);
  target->attempts++;
  target->item->outcome = DAV_OUTCOME_UNKNOWN;
  return TRUE;
}

static void
start_more (DavBatch *self)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);

  if (g_cancellable_is_cancelled (cancellable))
    self->stop = TRUE;
  if (self->stop)
    give_up_retries (self);
  if (self->pause != NULL)
    return;

  /* What the server asked to have again comes first. */
  while (!self->stop && self->running < self->limit && self->retry.length > 0)
    {
      guint index = GPOINTER_TO_UINT (g_queue_pop_head (&self->retry));
      Pending *pending = g_new0 (Pending, 1);
      g_autoptr(GError) error = NULL;

      pending->batch = self;
      pending->index = index;
      if (!start_one (self, pending, cancellable, &error))
        fail_locally (self, index, error);
    }

  while (!self->stop && self->running < self->limit && self->next < self->targets->len)
    {
      Target *target = &g_array_index (self->targets, Target, self->next);
      gboolean mkcol = g_str_equal (target->item->method, "MKCOL");
      Pending *pending;
      g_autoptr(GError) error = NULL;

      /* A folder exists before anything goes into it: a MKCOL starts when
       * nothing else runs, and nothing after it until it is done (an
       * upload of a folder lists its folders first, parents first). */
      if (self->mkcol_running || (mkcol && self->running > 0))
        break;
      self->mkcol_running = mkcol;

      pending = g_new0 (Pending, 1);
      pending->batch = self;
      pending->index = self->next++;

      if (!start_one (self, pending, cancellable, &error))
        {
          self->mkcol_running = FALSE;
          fail_locally (self, self->next - 1, error);
        }
    }
}

void
dav_batch_run_async (DavBatch            *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (DAV_IS_BATCH (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, dav_batch_run_async);
  /* The report is the result, even when cancelled. */
  g_task_set_check_cancellable (self->task, FALSE);

  start_more (self);
  if (self->task != NULL)
    finish_if_done (self);
}

DavReport *
dav_batch_run_finish (DavBatch     *self,
                      GAsyncResult *result)
{
  g_return_val_if_fail (DAV_IS_BATCH (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}

static void
target_clear (gpointer data)
{
  Target *target = data;

  g_clear_pointer (&target->patches, g_ptr_array_unref);
  g_free (target->destination);
  g_clear_object (&target->file);
  g_clear_object (&target->download);
  g_clear_object (&target->upload);
  g_free (target->content_type);
}

static void
dav_batch_finalize (GObject *object)
{
  DavBatch *self = (DavBatch *) object;

  g_clear_object (&self->client);
  g_queue_clear (&self->retry);
  g_array_unref (self->targets);
  g_hash_table_unref (self->seen);
  g_clear_pointer (&self->report, dav_report_unref);
  g_ptr_array_unref (self->refused);
  g_array_unref (self->refused_at);

  G_OBJECT_CLASS (dav_batch_parent_class)->finalize (object);
}

static void
dav_batch_class_init (DavBatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dav_batch_finalize;

  signals[ITEM_DONE] =
    g_signal_new ("item-done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_INT64);
}

static void
dav_batch_init (DavBatch *self)
{
  self->targets = g_array_new (FALSE, TRUE, sizeof (Target));
  g_array_set_clear_func (self->targets, target_clear);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->report = dav_report_new ();
  self->refused = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_report_item_free);
  self->refused_at = g_array_new (FALSE, FALSE, sizeof (guint));
}

DavBatch *
dav_batch_new (DavClient *client,
               guint      concurrency)
{
  DavBatch *self;

  g_return_val_if_fail (DAV_IS_CLIENT (client), NULL);

  self = g_object_new (DAV_TYPE_BATCH, NULL);
  self->client = g_object_ref (client);
  self->concurrency = MAX (concurrency, 1);
  self->limit = self->concurrency;
  self->ceiling = self->concurrency;

  return self;
}
