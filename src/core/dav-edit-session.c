/* dav-edit-session.c: a remote file opened in a local application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One session per opened file. At most one request chain runs at a time
 * (`busy`); a change seen meanwhile is remembered (`pending`) and looked
 * at when the chain ends, so two saves in quick succession become two
 * conditional PUTs in order, each on the ETag the previous one got.
 */

#include "config.h"

#include "dav-edit-session.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dav-error.h"
#include "dav-href.h"
#include "dav-local-file.h"
#include "dav-propfind.h"
#include "dav-response.h"

#define DEFAULT_DEBOUNCE_MS 400
/* Apache marks an ETag weak during the second its file was written; it
 * is strong, same value, a second later. */
#define FIRM_UP_TRIES 3
#define FIRM_UP_WAIT_MS 1100
#define KEEP_BOTH_TRIES 10

struct _DavEditSession
{
  GObject       parent_instance;

  DavClient    *client;
  char         *url;            /* where uploads go */
  char         *opened_url;     /* what was opened (and locked) */
  char         *cache_root;
  GFile        *dir;
  GFile        *file;
  DavEditState  state;
  char         *etag;           /* of the version the cache has, or NULL */
  char         *last_modified;  /* the same version's date, or NULL */
  char         *checksum;       /* SHA-256 of the bytes the server confirmed */
  gboolean      lock;
  char         *lock_token;
  guint         debounce_ms;
  guint         debounce_id;
  guint         firm_up_id;
  guint         firm_up_tries;
  void        (*firm_up_next) (DavEditSession *self);  /* asks again */
  GFileMonitor *monitor;
  GCancellable *cancellable;
  gboolean      busy;           /* a request chain runs */
  gboolean      pending;        /* a change came while it ran */
  DavResult    *last_result;

  /* The bytes being uploaded (or resolved) and their checksum. */
  GBytes       *upload;
  char         *upload_checksum;
  guint         attempt;        /* of a "keep both" name */
  char         *copy_url;
};

G_DEFINE_FINAL_TYPE (DavEditSession, dav_edit_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  PROGRESS,
  UNCHANGED,
  SAVED,
  CONFLICT,
  FAILED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void check_now (DavEditSession *self);

/* ---- small helpers ------------------------------------------------------ */

static void
set_state (DavEditSession *self,
           DavEditState    state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}

static void
set_string (char       **field,
            const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

static void
keep_result (DavEditSession *self,
             DavResult      *result)
{
  g_clear_pointer (&self->last_result, dav_result_unref);
  if (result != NULL)
    self->last_result = dav_result_ref (result);
}

static gboolean
etag_is_weak (const char *etag)
{
  return etag != NULL && g_str_has_prefix (etag, "W/");
}

/* A GError for people about an answer that was not a 2xx. */
static GError *
status_error (const DavResult *result)
{
  /* Translators: %u is an HTTP status code, %s its reason, e.g. "404 Not Found". */
  return g_error_new (DAV_ERROR, DAV_ERROR_STATUS, _("The server answered %u %s."),
                      result->status, result->reason ? result->reason : "");
}

/* The validators an answer carries; only what it has replaces ours. */
static gboolean
take_validators (DavEditSession  *self,
                 const DavResult *result)
{
  const char *etag = soup_message_headers_get_one (result->headers, "ETag");
  const char *date = soup_message_headers_get_one (result->headers, "Last-Modified");

  if (date != NULL)
    set_string (&self->last_modified, date);
  if (etag == NULL)
    return FALSE;
  set_string (&self->etag, etag);

  return TRUE;
}

static DavPropfind *
validator_propfind (void)
{
  static const char * const names[] = { "{DAV:}getetag", "{DAV:}getlastmodified", NULL };

  return dav_propfind_new (DAV_DEPTH_0, DAV_PROPFIND_PROP, names);
}

/* The ETag and date a PROPFIND answer gives for @url (NULL if none). */
static void
read_validators (DavResult   *result,
                 const char  *url,
                 char       **etag,
                 char       **date)
{
  g_autoptr(DavResponse) response = NULL;
  const DavProperty *property;

  *etag = NULL;
  *date = NULL;
  if (result == NULL || result->status != 207)
    return;
  response = dav_result_dup_own_response (result, url);
  if (response == NULL)
    return;
  property = dav_response_find_property (response, "DAV:", "getetag");
  if (property != NULL && dav_status_is_success (property->status) && property->value != NULL)
    *etag = g_strstrip (g_strdup (property->value));
  property = dav_response_find_property (response, "DAV:", "getlastmodified");
  if (property != NULL && dav_status_is_success (property->status) && property->value != NULL)
    *date = g_strstrip (g_strdup (property->value));
}

/* What a PROPFIND for the validators of the session's URL came to. */
typedef void (*ValidatorsFunc) (DavEditSession *self,
                                DavResult      *result,
                                const GError   *error,
                                const char     *etag,
                                const char     *date);

typedef struct {
  DavEditSession *self;
  ValidatorsFunc  then;
} Asking;

static void
validators_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  Asking *asking = user_data;
  g_autoptr(DavEditSession) self = asking->self;
  ValidatorsFunc then = asking->then;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = dav_client_propfind_finish (DAV_CLIENT (source), res, &error);
  g_autofree char *etag = NULL;
  g_autofree char *date = NULL;

  g_free (asking);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  read_validators (result, self->url, &etag, &date);
  then (self, result, error, etag, date);
}

static void
ask_validators (DavEditSession *self,
                ValidatorsFunc  then)
{
  g_autoptr(DavPropfind) propfind = validator_propfind ();
  Asking *asking = g_new0 (Asking, 1);

  asking->self = g_object_ref (self);
  asking->then = then;
  dav_client_propfind_async (self->client, self->url, propfind, self->cancellable,
                             validators_cb, asking);
}

static char *
checksum_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static char *
content_type_of (DavEditSession *self,
                 GBytes         *bytes)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *type = g_content_type_guess (name, g_bytes_get_data (bytes, NULL),
                                                g_bytes_get_size (bytes), NULL);

  return g_content_type_get_mime_type (type);
}

static void
emit_failed (DavEditSession *self,
             DavEditStep     step,
             DavResult      *result,
             const GError   *error)
{
  g_autoptr(GError) made = NULL;

  if (error == NULL)
    error = made = status_error (result);
  g_debug ("%s: step %d failed: %s", self->url, step, error->message);
  g_signal_emit (self, signals [FAILED], 0, step, result, error);
}

/* The chain that ran is over: look at a change that came meanwhile. */
static void
chain_done (DavEditSession *self)
{
  self->busy = FALSE;
  g_clear_pointer (&self->upload, g_bytes_unref);
  g_clear_pointer (&self->upload_checksum, g_free);
  if (self->pending &&
      (self->state == DAV_EDIT_STATE_WATCHING || self->state == DAV_EDIT_STATE_FAILED))
    {
      self->pending = FALSE;
      check_now (self);
    }
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---- after a confirmed upload: the ETag for the next one ---------------- */

static void
refreshed (DavEditSession *self,
           DavResult      *result,
           const GError   *error,
           const char     *etag,
           const char     *date)
{
  /* Without them the next upload is checked against an older version
   * and ends in a conflict question: safe, if needless. */
  if (etag == NULL && date == NULL)
    g_debug ("%s: no ETag or date after the upload", self->url);
  set_string (&self->etag, etag);
  if (date != NULL)
    set_string (&self->last_modified, date);
  set_state (self, DAV_EDIT_STATE_WATCHING);
  chain_done (self);
}

/* The server confirmed @result: our bytes are its version now. */
static void
confirmed (DavEditSession *self,
           DavEditStep     step,
           DavResult      *result)
{
  set_string (&self->checksum, self->upload_checksum);
  g_signal_emit (self, signals [SAVED], 0, step, result);

  /* RFC 9110 §8.8.3: an ETag in a PUT's answer is the stored version's.
   * Without one, ask (a change by someone else in between is taken for
   * ours: the window is one round trip). */
  if (take_validators (self, result))
    {
      set_state (self, DAV_EDIT_STATE_WATCHING);
      chain_done (self);
      return;
    }
  g_clear_pointer (&self->etag, g_free);
  ask_validators (self, refreshed);
}

/* ---- uploading ---------------------------------------------------------- */

typedef struct {
  DavEditSession *self;
  DavEditStep     step;
} PutData;

static void
put_cb (GObject      *source,
        GAsyncResult *res,
        gpointer      user_data)
{
  PutData *data = user_data;
  g_autoptr(DavEditSession) self = data->self;
  DavEditStep step = data->step;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = dav_client_put_if_finish (DAV_CLIENT (source), res, &error);

  g_free (data);
  if (is_cancelled (error))
    return;
  keep_result (self, result);

  if (result != NULL && dav_status_is_success (result->status))
    {
      confirmed (self, step, result);
      return;
    }

  if (result != NULL && result->status == 412)
    {
      /* Someone else's version is there now (or none is): ask. */
      set_state (self, DAV_EDIT_STATE_CONFLICT);
      self->busy = FALSE;
      g_signal_emit (self, signals [CONFLICT], 0, result);
      return;
    }

  set_state (self, DAV_EDIT_STATE_FAILED);
  emit_failed (self, step, result, error);
  chain_done (self);
}

static void
put (DavEditSession *self,
     DavEditStep     step,
     const char     *condition,
     const char     *value)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (self->upload);
  g_autofree char *type = content_type_of (self, self->upload);
  PutData *data = g_new0 (PutData, 1);

  data->self = g_object_ref (self);
  data->step = step;
  g_debug ("%s: PUT with %s: %s", self->url, condition, value);
  dav_client_put_if_async (self->client, self->url, stream, g_bytes_get_size (self->upload), type,
                           condition, value, NULL, NULL, self->cancellable, put_cb, data);
}

/* The upload of a save, on the version the cache came from. */
static void
put_conditional (DavEditSession *self)
{
  if (self->etag != NULL)
    put (self, DAV_EDIT_STEP_UPLOAD, "If-Match", self->etag);
  else if (self->last_modified != NULL)
    put (self, DAV_EDIT_STEP_UPLOAD, "If-Unmodified-Since", self->last_modified);
  else
    put (self, DAV_EDIT_STEP_UPLOAD, "If-Match", "*");
}

static gboolean
look_again (gpointer user_data)
{
  DavEditSession *self = user_data;

  self->firm_up_id = 0;
  self->firm_up_next (self);

  return G_SOURCE_REMOVE;
}

/* A weak ETag is asked for again a little later, by @next. */
static void
wait_for_strong_tag (DavEditSession *self,
                     void          (*next) (DavEditSession *self))
{
  self->firm_up_next = next;
  self->firm_up_id = g_timeout_add (FIRM_UP_WAIT_MS, look_again, self);
}

static void upload_save (DavEditSession *self);

/* The server's version is not the one the cache came from: ask, without
 * sending anything. */
static void
found_conflict (DavEditSession *self,
                DavResult      *result)
{
  set_state (self, DAV_EDIT_STATE_CONFLICT);
  self->busy = FALSE;
  g_signal_emit (self, signals [CONFLICT], 0, result);
}

static gboolean
same_opaque_tag (const char *a,
                 const char *b)
{
  return g_strcmp0 (etag_is_weak (a) ? a + 2 : a, etag_is_weak (b) ? b + 2 : b) == 0;
}

static void
looked (DavEditSession *self,
        DavResult      *result,
        const GError   *error,
        const char     *etag,
        const char     *date)
{
  if (result != NULL && result->status == 404)
    {
      /* Gone from the server meanwhile. */
      keep_result (self, result);
      found_conflict (self, result);
      return;
    }

  if (self->etag != NULL && etag != NULL)
    {
      if (!same_opaque_tag (etag, self->etag))
        {
          keep_result (self, result);
          found_conflict (self, result);
          return;
        }
      /* The same opaque value, now strong: the same version. */
      if (etag_is_weak (self->etag) && !etag_is_weak (etag))
        set_string (&self->etag, etag);
      else if (etag_is_weak (self->etag) && self->firm_up_tries < FIRM_UP_TRIES)
        {
          wait_for_strong_tag (self, upload_save);
          return;
        }
    }
  else if (etag == NULL && date != NULL && self->last_modified != NULL &&
           g_strcmp0 (date, self->last_modified) != 0)
    {
      /* No ETag in PROPFIND (nginx): the date tells, to the second. */
      keep_result (self, result);
      found_conflict (self, result);
      return;
    }
  /* A weak ETag still (If-Match never matches one: the 412 asks), or
   * nothing to compare: the precondition decides. */
  put_conditional (self);
}

/* Before each upload the server's version is looked at: some servers
 * ignore If-Match on PUT (nginx 1.22 overwrites), and RFC 9110 §13.1.1
 * compares strongly, so Apache's weak ETag of the second a file was
 * written never matches until it is asked for again in its strong form.
 * The conditional PUT still covers a change between the two requests. */
static void
upload_save (DavEditSession *self)
{
  self->firm_up_tries++;
  ask_validators (self, looked);
}

/* ---- looking at the cached file ----------------------------------------- */

static void
load_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(DavEditSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), res, NULL, &error);
  g_autofree char *checksum = NULL;

  if (is_cancelled (error))
    return;
  if (bytes == NULL)
    {
      /* Between an editor's delete and its rename: the next event comes. */
      g_debug ("%s: cannot read the cached file: %s", self->url, error->message);
      chain_done (self);
      return;
    }

  checksum = checksum_of (bytes);
  if (g_strcmp0 (checksum, self->checksum) == 0)
    {
      g_debug ("%s: saved without a change; nothing sent", self->url);
      g_signal_emit (self, signals [UNCHANGED], 0);
      chain_done (self);
      return;
    }

  self->upload = g_steal_pointer (&bytes);
  self->upload_checksum = g_steal_pointer (&checksum);
  self->firm_up_tries = 0;
  set_state (self, DAV_EDIT_STATE_UPLOADING);
  upload_save (self);
}

static void
check_now (DavEditSession *self)
{
  if (self->busy)
    {
      self->pending = TRUE;
      return;
    }
  if (self->state != DAV_EDIT_STATE_WATCHING && self->state != DAV_EDIT_STATE_FAILED)
    return;

  self->busy = TRUE;
  g_file_load_bytes_async (self->file, self->cancellable, load_cb, g_object_ref (self));
}

void
dav_edit_session_check (DavEditSession *self)
{
  g_return_if_fail (DAV_IS_EDIT_SESSION (self));

  check_now (self);
}

static gboolean
debounce_cb (gpointer user_data)
{
  DavEditSession *self = user_data;

  self->debounce_id = 0;
  check_now (self);

  return G_SOURCE_REMOVE;
}

static gboolean
is_our_file (DavEditSession *self,
             GFile          *file)
{
  return file != NULL && g_file_equal (file, self->file);
}

/* Editors write a new file and rename it over ours, or write in place in
 * several steps: wait until the folder is quiet. */
static void
on_monitor_changed (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    DavEditSession    *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
      break;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    default:
      return;
    }
  if (!is_our_file (self, file) && !is_our_file (self, other_file))
    return;

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (self->debounce_ms, debounce_cb, self);
}

/* ---- downloading -------------------------------------------------------- */

typedef struct {
  DavEditSession  *self;
  GTask           *task;        /* open_async's, or NULL for "discard mine" */
  GFile           *temp;
  GFileIOStream   *stream;
  DavResult       *result;
} Download;

static void
download_free (Download *download)
{
  g_clear_object (&download->self);
  g_clear_object (&download->task);
  g_clear_object (&download->temp);
  g_clear_object (&download->stream);
  g_clear_pointer (&download->result, dav_result_unref);
  g_free (download);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Download, download_free)

static void
on_progress (goffset  done,
             goffset  total,
             gpointer user_data)
{
  DavEditSession *self = user_data;

  g_signal_emit (self, signals [PROGRESS], 0, (gint64) done, (gint64) total);
}

static void start_lock (DavEditSession *self);

static void
downloaded_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(Download) download = user_data;
  DavEditSession *self = download->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), res, NULL, &error);

  if (bytes == NULL)
    {
      if (download->task != NULL)
        {
          set_state (self, DAV_EDIT_STATE_CLOSED);
          g_task_return_error (download->task, g_steal_pointer (&error));
        }
      else if (!is_cancelled (error))
        {
          set_state (self, DAV_EDIT_STATE_FAILED);
          emit_failed (self, DAV_EDIT_STEP_DISCARD, NULL, error);
          chain_done (self);
        }
      return;
    }

  g_free (self->checksum);
  self->checksum = checksum_of (bytes);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->last_modified, g_free);
  take_validators (self, download->result);
  set_state (self, DAV_EDIT_STATE_WATCHING);

  if (download->task != NULL)
    {
      if (self->lock)
        start_lock (self);
      g_task_return_boolean (download->task, TRUE);
      chain_done (self);
    }
  else
    {
      g_signal_emit (self, signals [SAVED], 0, DAV_EDIT_STEP_DISCARD, download->result);
      chain_done (self);
    }
}

static void
download_failed (Download *download,
                 GError   *error)    /* taken; NULL for a status */
{
  DavEditSession *self = download->self;

  if (download->temp != NULL)
    dav_local_file_abort (download->temp);
  if (error == NULL)
    error = status_error (download->result);

  if (download->task != NULL)
    {
      set_state (self, DAV_EDIT_STATE_CLOSED);
      g_task_return_error (download->task, error);
    }
  else
    {
      if (!is_cancelled (error))
        {
          set_state (self, DAV_EDIT_STATE_FAILED);
          emit_failed (self, DAV_EDIT_STEP_DISCARD, download->result, error);
          chain_done (self);
        }
      g_error_free (error);
    }
  download_free (download);
}

static void
get_cb (GObject      *source,
        GAsyncResult *res,
        gpointer      user_data)
{
  Download *download = user_data;
  DavEditSession *self = download->self;
  GError *error = NULL;

  download->result = dav_client_get_finish (DAV_CLIENT (source), res, &error);
  keep_result (self, download->result);

  if (error == NULL)
    g_io_stream_close (G_IO_STREAM (download->stream), NULL, &error);
  else
    g_io_stream_close (G_IO_STREAM (download->stream), NULL, NULL);
  if (error != NULL || !dav_status_is_success (download->result->status) ||
      !dav_result_is_whole (download->result))
    {
      if (error == NULL && dav_status_is_success (download->result->status))
        /* Translators: a download ended before the whole file came. */
        error = g_error_new_literal (DAV_ERROR, DAV_ERROR_FAILED, _("The file did not arrive whole."));
      download_failed (download, error);
      return;
    }

  if (!dav_local_file_commit (download->temp, self->file, TRUE, &error))
    {
      g_clear_object (&download->temp);
      download_failed (download, error);
      return;
    }
  g_clear_object (&download->temp);

  g_file_load_bytes_async (self->file, self->cancellable, downloaded_cb, download);
}

/* Into a temporary file beside the cached one, moved over it only once
 * the 2xx arrived whole: the cache never holds half a file. */
static void
download (DavEditSession *self,
          GTask          *task)
{
  Download *download = g_new0 (Download, 1);
  GError *error = NULL;

  download->self = g_object_ref (self);
  download->task = task ? g_object_ref (task) : NULL;
  download->temp = dav_local_file_begin (self->file, &download->stream, &error);
  if (download->temp == NULL)
    {
      download_failed (download, error);
      return;
    }
  dav_client_get_async (self->client, self->url,
                        g_io_stream_get_output_stream (G_IO_STREAM (download->stream)),
                        on_progress, self, self->cancellable, get_cb, download);
}

/* ---- locking ------------------------------------------------------------ */

static void
lock_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(DavEditSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = dav_client_lock_finish (DAV_CLIENT (source), res, &error);

  if (is_cancelled (error))
    return;
  if (result != NULL && dav_status_is_success (result->status) && result->lock_token != NULL)
    {
      self->lock_token = g_strdup (result->lock_token);
      /* Our uploads carry it in their If header (RFC 4918 §10.4). */
      dav_client_add_lock_token (self->client, self->opened_url, self->lock_token);
      return;
    }
  keep_result (self, result);
  emit_failed (self, DAV_EDIT_STEP_LOCK, result, error);
}

static void
start_lock (DavEditSession *self)
{
  /* Timeout 0: Infinite; it is UNLOCKed when the session closes. */
  dav_client_lock_async (self->client, self->opened_url, DAV_LOCK_EXCLUSIVE, DAV_DEPTH_0, 0,
                         "Davscope", self->cancellable, lock_cb, g_object_ref (self));
}

static void
unlock_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(DavEditSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = dav_client_unlock_finish (DAV_CLIENT (source), res, &error);

  if (result != NULL && dav_status_is_success (result->status))
    return;
  keep_result (self, result);
  emit_failed (self, DAV_EDIT_STEP_UNLOCK, result, error);
}

/* ---- resolving a conflict ----------------------------------------------- */

char *
dav_edit_session_conflict_name (const char *name,
                                GDateTime  *when,
                                guint       attempt)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = NULL;
  g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%d %H.%M");
  g_autofree char *label = NULL;

  /* ".bashrc" has no extension, "a.tar.gz" keeps ".gz" last. */
  if (dot == NULL || dot == name)
    dot = name + strlen (name);
  stem = g_strndup (name, dot - name);
  if (attempt > 0)
    {
      g_autofree char *numbered = g_strdup_printf ("%s %u", stamp, attempt + 1);

      g_free (stamp);
      stamp = g_steal_pointer (&numbered);
    }
  /* Translators: the name of the copy that keeps your version of a file
   * someone else changed meanwhile; %s is the date and time, e.g.
   * "report (conflict 2026-12-03 14.05).odt". */
  label = g_strdup_printf (_("conflict %s"), stamp);

  return g_strdup_printf ("%s (%s)%s", stem, label, dot);
}

static void put_copy (DavEditSession *self);

static void
copy_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(DavEditSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = dav_client_put_finish (DAV_CLIENT (source), res, &error);

  if (is_cancelled (error))
    return;
  keep_result (self, result);

  if (result != NULL && dav_status_is_success (result->status))
    {
      /* Our version lives on under the new name: further saves go there. */
      set_string (&self->url, self->copy_url);
      confirmed (self, DAV_EDIT_STEP_KEEP_BOTH, result);
      return;
    }
  if (result != NULL && result->status == 412 && ++self->attempt < KEEP_BOTH_TRIES)
    {
      put_copy (self);
      return;
    }
  set_state (self, DAV_EDIT_STATE_FAILED);
  emit_failed (self, DAV_EDIT_STEP_KEEP_BOTH, result, error);
  chain_done (self);
}

static void
put_copy (DavEditSession *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (self->upload);
  g_autofree char *type = content_type_of (self, self->upload);
  g_autofree char *parent = NULL;
  g_autofree char *segment = NULL;
  g_autofree char *name = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *escaped = NULL;

  dav_href_split_last (self->opened_url, &parent, &segment);
  name = g_uri_unescape_string (segment, NULL);
  if (name == NULL)
    name = g_strdup (segment);
  copy = dav_edit_session_conflict_name (name, now, self->attempt);
  escaped = g_uri_escape_string (copy, NULL, FALSE);
  g_free (self->copy_url);
  self->copy_url = g_strconcat (parent, g_str_has_suffix (parent, "/") ? "" : "/", escaped, NULL);

  /* If-None-Match: * (overwrite FALSE): never over a file of that name. */
  dav_client_put_async (self->client, self->copy_url, stream, g_bytes_get_size (self->upload), type,
                        FALSE, NULL, NULL, self->cancellable, copy_cb, g_object_ref (self));
}

static void current_known (DavEditSession *self,
                           DavResult      *result,
                           const GError   *error,
                           const char     *etag,
                           const char     *date);

static void
ask_before_overwrite (DavEditSession *self)
{
  self->firm_up_tries++;
  ask_validators (self, current_known);
}

static void
current_known (DavEditSession *self,
               DavResult      *result,
               const GError   *error,
               const char     *etag,
               const char     *date)
{
  if (result == NULL || (result->status != 207 && result->status != 404))
    {
      keep_result (self, result);
      set_state (self, DAV_EDIT_STATE_FAILED);
      emit_failed (self, DAV_EDIT_STEP_OVERWRITE, result, error);
      chain_done (self);
      return;
    }

  /* A weak ETag (Apache's, for a file written this second) never
   * matches, and Apache compares If-Unmodified-Since on PUT with the
   * clock, not the file's date: a second later our date fails too and
   * the conflict would be asked again. Ask until the tag is strong. */
  if (result->status == 207 && etag_is_weak (etag) && self->firm_up_tries < FIRM_UP_TRIES)
    {
      wait_for_strong_tag (self, ask_before_overwrite);
      return;
    }

  /* Over the version the server has now, and only that one: a third
   * change meanwhile asks again. */
  if (result->status == 404)
    put (self, DAV_EDIT_STEP_OVERWRITE, "If-None-Match", "*");
  else if (etag != NULL && !etag_is_weak (etag))
    put (self, DAV_EDIT_STEP_OVERWRITE, "If-Match", etag);
  else if (date != NULL)
    put (self, DAV_EDIT_STEP_OVERWRITE, "If-Unmodified-Since", date);
  else
    put (self, DAV_EDIT_STEP_OVERWRITE, "If-Match", "*");
}

typedef struct {
  DavEditSession *self;
  DavEditChoice   choice;
} Resolve;

static void
resolve_load_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  Resolve *resolve = user_data;
  g_autoptr(DavEditSession) self = resolve->self;
  DavEditChoice choice = resolve->choice;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), res, NULL, &error);

  g_free (resolve);
  if (is_cancelled (error))
    return;
  if (bytes == NULL)
    {
      set_state (self, DAV_EDIT_STATE_FAILED);
      emit_failed (self, choice == DAV_EDIT_KEEP_BOTH ? DAV_EDIT_STEP_KEEP_BOTH : DAV_EDIT_STEP_OVERWRITE,
                   NULL, error);
      chain_done (self);
      return;
    }

  /* A conflict keeps the upload it stopped: the answer replaces it. */
  g_clear_pointer (&self->upload, g_bytes_unref);
  g_free (self->upload_checksum);
  self->upload_checksum = checksum_of (bytes);
  self->upload = g_steal_pointer (&bytes);
  if (choice == DAV_EDIT_KEEP_BOTH)
    {
      self->attempt = 0;
      put_copy (self);
    }
  else
    {
      self->firm_up_tries = 0;
      ask_before_overwrite (self);
    }
}

void
dav_edit_session_resolve (DavEditSession *self,
                          DavEditChoice   choice)
{
  g_return_if_fail (DAV_IS_EDIT_SESSION (self));
  g_return_if_fail (self->state == DAV_EDIT_STATE_CONFLICT);
  g_return_if_fail (!self->busy);

  self->busy = TRUE;
  set_state (self, DAV_EDIT_STATE_UPLOADING);

  if (choice == DAV_EDIT_DISCARD)
    {
      /* The server's version replaces ours; the monitor sees the move,
       * and the check after this chain finds the bytes the server has. */
      self->pending = TRUE;
      download (self, NULL);
      return;
    }

  {
    Resolve *resolve = g_new0 (Resolve, 1);

    resolve->self = g_object_ref (self);
    resolve->choice = choice;
    g_file_load_bytes_async (self->file, self->cancellable, resolve_load_cb, resolve);
  }
}

/* ---- opening and closing ------------------------------------------------ */

static void
cancel_ours (GCancellable *cancellable,
             GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static char *
default_cache_root (void)
{
  return g_build_filename (g_get_user_cache_dir (), "davscope", "open", NULL);
}

void
dav_edit_session_open_async (DavEditSession      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DAV_IS_EDIT_SESSION (self));
  g_return_if_fail (self->state == DAV_EDIT_STATE_NEW);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dav_edit_session_open_async);
  if (cancellable != NULL)
    g_cancellable_connect (cancellable, G_CALLBACK (cancel_ours),
                           g_object_ref (self->cancellable), g_object_unref);

  set_state (self, DAV_EDIT_STATE_DOWNLOADING);
  self->busy = TRUE;
  if (!dav_local_file_make_directory (self->dir, &error))
    {
      set_state (self, DAV_EDIT_STATE_CLOSED);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Watched from before the file is there: the application may save as
   * soon as it opens it. */
  self->monitor = g_file_monitor_directory (self->dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      set_state (self, DAV_EDIT_STATE_CLOSED);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (on_monitor_changed), self);

  download (self, task);
}

gboolean
dav_edit_session_open_finish (DavEditSession  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dav_edit_session_close (DavEditSession *self)
{
  g_return_if_fail (DAV_IS_EDIT_SESSION (self));

  if (self->state == DAV_EDIT_STATE_CLOSED)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->firm_up_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->lock_token != NULL)
    {
      dav_client_unlock_async (self->client, self->opened_url, self->lock_token, NULL,
                               unlock_cb, g_object_ref (self));
      dav_client_remove_lock_token (self->client, self->lock_token);
      g_clear_pointer (&self->lock_token, g_free);
    }
  set_state (self, DAV_EDIT_STATE_CLOSED);
}

/* ---- the object --------------------------------------------------------- */

DavEditSession *
dav_edit_session_new (DavClient  *client,
                      const char *url,
                      const char *cache_root)
{
  DavEditSession *self;
  g_autofree char *root = cache_root ? g_strdup (cache_root) : default_cache_root ();
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (DAV_IS_CLIENT (client), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (DAV_TYPE_EDIT_SESSION, NULL);
  self->client = g_object_ref (client);
  self->url = g_strdup (url);
  self->opened_url = g_strdup (url);
  self->cache_root = g_steal_pointer (&root);

  /* A folder per URL, so two files of one name never share a cache
   * entry, and the file keeps its own name for the application's title. */
  key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  key[16] = '\0';
  folder = g_build_filename (self->cache_root, key, NULL);
  name = dav_href_local_name (url);
  self->dir = g_file_new_for_path (folder);
  self->file = g_file_get_child (self->dir, name);

  return self;
}

void
dav_edit_session_set_lock (DavEditSession *self,
                           gboolean        lock)
{
  g_return_if_fail (DAV_IS_EDIT_SESSION (self));

  self->lock = lock;
}

void
dav_edit_session_set_debounce (DavEditSession *self,
                               guint           milliseconds)
{
  g_return_if_fail (DAV_IS_EDIT_SESSION (self));

  self->debounce_ms = milliseconds;
}

DavClient *
dav_edit_session_get_client (DavEditSession *self)
{
  g_return_val_if_fail (DAV_IS_EDIT_SESSION (self), NULL);

  return self->client;
}

const char *
dav_edit_session_get_url (DavEditSession *self)
{
  g_return_val_if_fail (DAV_IS_EDIT_SESSION (self), NULL);

  return self->url;
}

GFile *
dav_edit_session_get_file (DavEditSession *self)
{
  g_return_val_if_fail (DAV_IS_EDIT_SESSION (self), NULL);

  return self->file;
}

DavEditState
dav_edit_session_get_state (DavEditSession *self)
{
  g_return_val_if_fail (DAV_IS_EDIT_SESSION (self), DAV_EDIT_STATE_CLOSED);

  return self->state;
}

const char *
dav_edit_session_get_etag (DavEditSession *self)
{
  g_return_val_if_fail (DAV_IS_EDIT_SESSION (self), NULL);

  return self->etag;
}

const char *
dav_edit_session_get_condition (DavEditSession *self)
{
  g_return_val_if_fail (DAV_IS_EDIT_SESSION (self), NULL);

  if (self->etag != NULL)
    return "If-Match";
  if (self->last_modified != NULL)
    return "If-Unmodified-Since";

  return NULL;
}

DavResult *
dav_edit_session_get_last_result (DavEditSession *self)
{
  g_return_val_if_fail (DAV_IS_EDIT_SESSION (self), NULL);

  return self->last_result;
}

static void
dav_edit_session_dispose (GObject *object)
{
  DavEditSession *self = DAV_EDIT_SESSION (object);

  dav_edit_session_close (self);

  G_OBJECT_CLASS (dav_edit_session_parent_class)->dispose (object);
}

static void
dav_edit_session_finalize (GObject *object)
{
  DavEditSession *self = DAV_EDIT_SESSION (object);

  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->dir);
  g_clear_object (&self->file);
  g_clear_pointer (&self->last_result, dav_result_unref);
  g_clear_pointer (&self->upload, g_bytes_unref);
  g_free (self->upload_checksum);
  g_free (self->url);
  g_free (self->opened_url);
  g_free (self->copy_url);
  g_free (self->cache_root);
  g_free (self->etag);
  g_free (self->last_modified);
  g_free (self->checksum);

  G_OBJECT_CLASS (dav_edit_session_parent_class)->finalize (object);
}

static void
dav_edit_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DavEditSession *self = DAV_EDIT_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dav_edit_session_class_init (DavEditSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dav_edit_session_dispose;
  object_class->finalize = dav_edit_session_finalize;
  object_class->get_property = dav_edit_session_get_property;

  /* A DavEditState. */
  properties [PROP_STATE] =
    g_param_spec_uint ("state", NULL, NULL, 0, DAV_EDIT_STATE_CLOSED, DAV_EDIT_STATE_NEW,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (done, total): bytes of the download; total is -1 when unknown. */
  signals [PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /* A save left the bytes as the server has them: nothing was sent. */
  signals [UNCHANGED] =
    g_signal_new ("unchanged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /* (step, result): the server confirmed it with a 2xx; for "keep both"
   * result->url is the copy. */
  signals [SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, DAV_TYPE_RESULT);
  /* (result): the 412 of an upload, or the PROPFIND before it that found
   * another version; answer with dav_edit_session_resolve (). */
  signals [CONFLICT] =
    g_signal_new ("conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DAV_TYPE_RESULT);
  /* (step, result or NULL, error): the answer, when one came, holds the exchange. */
  signals [FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, DAV_TYPE_RESULT, G_TYPE_ERROR);
}

static void
dav_edit_session_init (DavEditSession *self)
{
  self->debounce_ms = DEFAULT_DEBOUNCE_MS;
  self->cancellable = g_cancellable_new ();
}
