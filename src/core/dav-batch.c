/* dav-batch.c: many DELETEs or PROPPATCHes, with bounded concurrency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signals:
 *   item-done (DavBatch *, guint index, guint n_done): one target has its
 *   final report item (dav_batch_run_finish gives them all at the end).
 */

#include "dav-batch.h"

#include <glib/gi18n-lib.h>

#include "dav-error.h"
#include "dav-href.h"

typedef struct {
  DavReportItem *item;     /* owned by the report */
  GPtrArray     *patches;  /* for PROPPATCH, or NULL */
} Target;

struct _DavBatch
{
  GObject      parent_instance;

  DavClient   *client;
  guint        concurrency;
  GArray      *targets;     /* Target */
  GHashTable  *seen;        /* normalised URLs */
  DavReport   *report;

  GTask       *task;        /* while running */
  guint        next;        /* the next target to start */
  guint        running;
  guint        done;
  gboolean     stop;        /* the server went away: start nothing more */
};

G_DEFINE_FINAL_TYPE (DavBatch, dav_batch, G_TYPE_OBJECT)

enum {
  ITEM_DONE,
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

static gboolean
add_target (DavBatch    *self,
            const char  *method,
            const char  *url,
            GPtrArray   *patches,
            GError     **error)
{
  Target target = { 0 };

  g_return_val_if_fail (self->task == NULL, FALSE);

  if (!dav_client_check_target (self->client, url, error))
    return FALSE;

  if (!g_hash_table_add (self->seen, target_key (url)))
    {
      g_set_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT,
                   _("“%s” was chosen twice; it is acted on once."), url);
      return FALSE;
    }

  target.item = dav_report_item_new (method, url);
  target.patches = patches ? g_ptr_array_ref (patches) : NULL;
  g_ptr_array_add (self->report->items, target.item);
  g_array_append_val (self->targets, target);

  return TRUE;
}

gboolean
dav_batch_add_delete (DavBatch    *self,
                      const char  *url,
                      GError     **error)
{
  g_return_val_if_fail (DAV_IS_BATCH (self), FALSE);

  return add_target (self, "DELETE", url, NULL, error);
}

gboolean
dav_batch_add_proppatch (DavBatch    *self,
                         const char  *url,
                         GPtrArray   *patches,
                         GError     **error)
{
  g_return_val_if_fail (DAV_IS_BATCH (self), FALSE);
  g_return_val_if_fail (patches != NULL, FALSE);

  return add_target (self, "PROPPATCH", url, patches, error);
}

guint
dav_batch_get_n_targets (DavBatch *self)
{
  g_return_val_if_fail (DAV_IS_BATCH (self), 0);

  return self->targets->len;
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
static gboolean
never_sent (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         error->domain == G_RESOLVER_ERROR ||
         error->domain == G_TLS_ERROR ||
         error->domain == DAV_ERROR;
}

static void
finish_if_done (DavBatch *self)
{
  GTask *task;

  if (self->running > 0)
    return;
  if (self->next < self->targets->len && !self->stop)
    return;

  task = g_steal_pointer (&self->task);
  g_task_return_pointer (task, dav_report_ref (self->report), (GDestroyNotify) dav_report_unref);
  g_object_unref (task);
}

typedef struct {
  DavBatch *batch;
  guint     index;
} Pending;

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

  result = dav_client_request_finish (DAV_CLIENT (source), res, &error);
  if (result != NULL)
    dav_report_item_set_result (target->item, result);
  else
    {
      /* Never reached the server: not attempted. Sent, but no answer:
       * whether it happened is unknown. */
      dav_report_item_set_error (target->item,
                                 never_sent (error) ? DAV_OUTCOME_NOT_ATTEMPTED : DAV_OUTCOME_UNKNOWN,
                                 error);
      if (is_connection_lost (error))
        self->stop = TRUE;
    }

  self->running--;
  self->done++;
  g_signal_emit (self, signals[ITEM_DONE], 0, pending->index, self->done);
  g_free (pending);

  start_more (self);
  finish_if_done (self);
  g_object_unref (self);
}

static void
start_more (DavBatch *self)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);

  while (!self->stop && self->running < self->concurrency && self->next < self->targets->len)
    {
      Target *target = &g_array_index (self->targets, Target, self->next);
      Pending *pending = g_new0 (Pending, 1);

      if (g_cancellable_is_cancelled (cancellable))
        {
          self->stop = TRUE;
          g_free (pending);
          break;
        }

      pending->batch = g_object_ref (self);
      pending->index = self->next++;
      self->running++;
      target->item->outcome = DAV_OUTCOME_UNKNOWN;

      if (target->patches != NULL)
        dav_client_proppatch_async (self->client, target->item->url, target->patches,
                                    cancellable, on_request_done, pending);
      else
        dav_client_delete_async (self->client, target->item->url,
                                 cancellable, on_request_done, pending);
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
}

static void
dav_batch_finalize (GObject *object)
{
  DavBatch *self = (DavBatch *) object;

  g_clear_object (&self->client);
  g_array_unref (self->targets);
  g_hash_table_unref (self->seen);
  g_clear_pointer (&self->report, dav_report_unref);

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
}

static void
dav_batch_init (DavBatch *self)
{
  self->targets = g_array_new (FALSE, TRUE, sizeof (Target));
  g_array_set_clear_func (self->targets, target_clear);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->report = dav_report_new ();
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

  return self;
}
