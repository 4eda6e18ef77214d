/* dav-doctor.c: the doctor's runner, its checks and findings as objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks (dav-doctor-checks.c) are plain sequences of requests, so
 * they run in a worker thread with a GMainContext and a DavClient of
 * their own: dav_doctor_send () starts a request and iterates that
 * context until it ends. What they find is posted to the thread that
 * started the run, in order, where the DavDoctorCheck objects change;
 * the last post finishes the task. Whatever happens (a failed check, a
 * Cancel), the worker then removes what the write checks made, the
 * scratch folder last, and names what it could not remove.
 */

#include "dav-doctor.h"

#include <glib/gi18n-lib.h>

#include "dav-client-private.h"
#include "dav-doctor-private.h"
#include "dav-error.h"
#include "dav-exchange.h"
#include "dav-problem.h"
#include "dav-request-private.h"
#include "dav-response.h"
#include "dav-text.h"

/* How much of a body a finding quotes. */
#define EXCERPT_MAX 4096

/* ---- findings ------------------------------------------------------------ */

G_DEFINE_BOXED_TYPE (DavDoctorFinding, dav_doctor_finding,
                     dav_doctor_finding_ref, dav_doctor_finding_unref)

static DavDoctorFinding *
finding_new (void)
{
  DavDoctorFinding *self = g_new0 (DavDoctorFinding, 1);

  g_atomic_ref_count_init (&self->ref_count);

  return self;
}

DavDoctorFinding *
dav_doctor_finding_ref (DavDoctorFinding *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
dav_doctor_finding_unref (DavDoctorFinding *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->fault);
  g_free (self->check);
  g_free (self->title);
  g_free (self->expected);
  g_free (self->got);
  g_free (self->detail);
  g_free (self->method);
  g_free (self->url);
  g_free (self->request);
  g_free (self->response);
  g_free (self->curl);
  g_free (self);
}

/* ---- checks -------------------------------------------------------------- */

struct _DavDoctorCheck
{
  GObject                   parent_instance;

  const DavDoctorCheckInfo *info;
  DavDoctorCheckState       state;
  char                     *reason;
  GPtrArray                *findings;
};

G_DEFINE_FINAL_TYPE (DavDoctorCheck, dav_doctor_check, G_TYPE_OBJECT)

enum {
  CHECK_PROP_0,
  CHECK_PROP_STATE,
  CHECK_N_PROPS
};

static GParamSpec *check_properties [CHECK_N_PROPS];

static void
dav_doctor_check_finalize (GObject *object)
{
  DavDoctorCheck *self = DAV_DOCTOR_CHECK (object);

  g_free (self->reason);
  g_ptr_array_unref (self->findings);

  G_OBJECT_CLASS (dav_doctor_check_parent_class)->finalize (object);
}

static void
dav_doctor_check_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DavDoctorCheck *self = DAV_DOCTOR_CHECK (object);

  switch (prop_id)
    {
    case CHECK_PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dav_doctor_check_class_init (DavDoctorCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dav_doctor_check_finalize;
  object_class->get_property = dav_doctor_check_get_property;

  /* A DavDoctorCheckState. */
  check_properties [CHECK_PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      DAV_DOCTOR_CHECK_PENDING, DAV_DOCTOR_CHECK_CANCELLED, DAV_DOCTOR_CHECK_PENDING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, CHECK_N_PROPS, check_properties);
}

static void
dav_doctor_check_init (DavDoctorCheck *self)
{
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_doctor_finding_unref);
}

const char *
dav_doctor_check_get_id (DavDoctorCheck *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR_CHECK (self), NULL);
  return self->info->id;
}

DavDoctorGroup
dav_doctor_check_get_group (DavDoctorCheck *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR_CHECK (self), 0);
  return self->info->group;
}

const char *
dav_doctor_check_get_title (DavDoctorCheck *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR_CHECK (self), NULL);
  return _(self->info->title);
}

const char *
dav_doctor_check_get_summary (DavDoctorCheck *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR_CHECK (self), NULL);
  return _(self->info->summary);
}

gboolean
dav_doctor_check_get_writes (DavDoctorCheck *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR_CHECK (self), FALSE);
  return self->info->writes;
}

DavDoctorCheckState
dav_doctor_check_get_state (DavDoctorCheck *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR_CHECK (self), 0);
  return self->state;
}

const char *
dav_doctor_check_get_reason (DavDoctorCheck *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR_CHECK (self), NULL);
  return self->reason;
}

GPtrArray *
dav_doctor_check_get_findings (DavDoctorCheck *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR_CHECK (self), NULL);
  return self->findings;
}

int
dav_doctor_check_get_worst (DavDoctorCheck *self)
{
  int worst = -1;

  g_return_val_if_fail (DAV_IS_DOCTOR_CHECK (self), -1);

  for (guint i = 0; i < self->findings->len; i++)
    {
      DavDoctorFinding *finding = g_ptr_array_index (self->findings, i);
      worst = MAX (worst, (int) finding->severity);
    }

  return worst;
}

/* ---- the doctor ---------------------------------------------------------- */

struct _DavDoctor
{
  GObject        parent_instance;

  char          *url;          /* the collection, ending in "/" */
  char          *given_url;
  gboolean       write;
  char          *user;
  char          *password;
  gboolean       accept_invalid;
  guint          timeout;
  char          *proxy;
  GTlsCertificate *client_certificate;
  GTlsCertificate *pinned;

  GListStore    *checks;
  gboolean       running;
  gboolean       finished;
  gboolean       cancelled;
  guint          done;
  char          *scratch;
  GStrv          leftovers;
  char          *server;
  GDateTime     *started;
  gint64         started_monotonic;
  gint64         duration;
};

G_DEFINE_FINAL_TYPE (DavDoctor, dav_doctor, G_TYPE_OBJECT)

enum {
  FINDING_ADDED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
dav_doctor_finalize (GObject *object)
{
  DavDoctor *self = DAV_DOCTOR (object);

  g_free (self->url);
  g_free (self->given_url);
  g_free (self->user);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->proxy);
  g_clear_object (&self->client_certificate);
  g_clear_object (&self->pinned);
  g_object_unref (self->checks);
  g_free (self->scratch);
  g_strfreev (self->leftovers);
  g_free (self->server);
  g_clear_pointer (&self->started, g_date_time_unref);

  G_OBJECT_CLASS (dav_doctor_parent_class)->finalize (object);
}

static void
dav_doctor_class_init (DavDoctorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dav_doctor_finalize;

  /* ::finding-added (DavDoctor *, DavDoctorCheck *check, DavDoctorFinding *finding) */
  signals [FINDING_ADDED] =
    g_signal_new ("finding-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2,
                  DAV_TYPE_DOCTOR_CHECK, DAV_TYPE_DOCTOR_FINDING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
dav_doctor_init (DavDoctor *self)
{
  self->checks = g_list_store_new (DAV_TYPE_DOCTOR_CHECK);
  self->timeout = 30;
}

DavDoctor *
dav_doctor_new (const char  *url,
                gboolean     write,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) folder = NULL;
  DavDoctor *self;
  const char *path;

  g_return_val_if_fail (url != NULL, NULL);

  uri = dav_parse_http_uri (url, error);
  if (uri == NULL)
    return NULL;

  /* The checks ask about the collection: its URL ends in "/" (whether
   * the server wants that is the redirects check's question). */
  path = g_uri_get_path (uri);
  if (*path == '\0' || !g_str_has_suffix (path, "/"))
    {
      g_autofree char *slashed = g_strconcat (path, "/", NULL);

      folder = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL,
                            g_uri_get_host (uri), g_uri_get_port (uri), slashed,
                            g_uri_get_query (uri), NULL);
    }
  else
    folder = g_uri_ref (uri);

  self = g_object_new (DAV_TYPE_DOCTOR, NULL);
  self->url = g_uri_to_string (folder);
  self->given_url = g_strdup (url);
  self->write = write;

  for (const DavDoctorCheckInfo *info = dav_doctor_checks; info->id != NULL; info++)
    {
      g_autoptr(DavDoctorCheck) check = NULL;

      if (info->writes && !write)
        continue;

      check = g_object_new (DAV_TYPE_DOCTOR_CHECK, NULL);
      check->info = info;
      g_list_store_append (self->checks, check);
    }

  return self;
}

const char *
dav_doctor_get_url (DavDoctor *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR (self), NULL);
  return self->url;
}

gboolean
dav_doctor_get_write (DavDoctor *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR (self), FALSE);
  return self->write;
}

void
dav_doctor_set_credentials (DavDoctor  *self,
                            const char *user,
                            const char *password)
{
  g_return_if_fail (DAV_IS_DOCTOR (self));
  g_return_if_fail (!self->running);

  g_free (self->user);
  self->user = g_strdup (user);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  self->password = g_strdup (password);
}

void
dav_doctor_set_accept_invalid_certificates (DavDoctor *self,
                                            gboolean   accept)
{
  g_return_if_fail (DAV_IS_DOCTOR (self));
  self->accept_invalid = accept;
}

void
dav_doctor_set_timeout (DavDoctor *self,
                        guint      seconds)
{
  g_return_if_fail (DAV_IS_DOCTOR (self));
  self->timeout = seconds;
}

void
dav_doctor_set_connection_from (DavDoctor *self,
                                DavClient *client)
{
  g_return_if_fail (DAV_IS_DOCTOR (self));
  g_return_if_fail (DAV_IS_CLIENT (client));
  g_return_if_fail (!self->running);

  g_free (self->proxy);
  self->proxy = g_strdup (client->proxy);
  g_set_object (&self->client_certificate, client->client_certificate);
  g_set_object (&self->pinned, client->pinned);
}

GListModel *
dav_doctor_get_checks (DavDoctor *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR (self), NULL);
  return G_LIST_MODEL (self->checks);
}

DavDoctorCheck *
dav_doctor_find_check (DavDoctor  *self,
                       const char *id)
{
  guint n;

  g_return_val_if_fail (DAV_IS_DOCTOR (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->checks));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DavDoctorCheck) check = g_list_model_get_item (G_LIST_MODEL (self->checks), i);

      if (g_str_equal (check->info->id, id))
        return check;
    }

  return NULL;
}

gboolean
dav_doctor_get_finished (DavDoctor *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR (self), FALSE);
  return self->finished;
}

gboolean
dav_doctor_get_cancelled (DavDoctor *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR (self), FALSE);
  return self->cancelled;
}

guint
dav_doctor_get_done (DavDoctor *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR (self), 0);
  return self->done;
}

guint
dav_doctor_count_findings (DavDoctor         *self,
                           DavDoctorSeverity  severity)
{
  guint n, count = 0;

  g_return_val_if_fail (DAV_IS_DOCTOR (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->checks));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DavDoctorCheck) check = g_list_model_get_item (G_LIST_MODEL (self->checks), i);

      for (guint j = 0; j < check->findings->len; j++)
        {
          DavDoctorFinding *finding = g_ptr_array_index (check->findings, j);

          if (finding->severity == severity)
            count++;
        }
    }

  return count;
}

const char *
dav_doctor_get_scratch_url (DavDoctor *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR (self), NULL);
  return self->scratch;
}

GStrv
dav_doctor_get_leftovers (DavDoctor *self)
{
  static char *none[] = { NULL };

  g_return_val_if_fail (DAV_IS_DOCTOR (self), NULL);
  return self->leftovers != NULL ? self->leftovers : none;
}

const char *
dav_doctor_get_server (DavDoctor *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR (self), NULL);
  return self->server;
}

GDateTime *
dav_doctor_get_started (DavDoctor *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR (self), NULL);
  return self->started;
}

gint64
dav_doctor_get_duration (DavDoctor *self)
{
  g_return_val_if_fail (DAV_IS_DOCTOR (self), 0);
  return self->duration;
}

const char *
dav_doctor_group_get_title (DavDoctorGroup group)
{
  switch (group)
    {
    case DAV_DOCTOR_GROUP_CONNECTION: return _("Connection");
    case DAV_DOCTOR_GROUP_AUTH:       return _("Authentication");
    case DAV_DOCTOR_GROUP_OPTIONS:    return _("Capabilities");
    case DAV_DOCTOR_GROUP_PROPFIND:   return _("Listing and Properties");
    case DAV_DOCTOR_GROUP_CONTENT:    return _("Reading Files");
    case DAV_DOCTOR_GROUP_FOLDERS:    return _("Making Folders");
    case DAV_DOCTOR_GROUP_FILES:      return _("Writing Files");
    case DAV_DOCTOR_GROUP_PROPERTIES: return _("Changing Properties");
    case DAV_DOCTOR_GROUP_COPY_MOVE:  return _("Copying and Moving");
    /* Translators: the title of a group of checks of the server doctor (deleting items). */
    case DAV_DOCTOR_GROUP_DELETE:     return C_("doctor group", "Deleting");
    case DAV_DOCTOR_GROUP_LOCKS:      return _("Locks");
    case DAV_DOCTOR_N_GROUPS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
dav_doctor_check_state_to_string (DavDoctorCheckState state)
{
  switch (state)
    {
    case DAV_DOCTOR_CHECK_PENDING:   return "pending";
    case DAV_DOCTOR_CHECK_RUNNING:   return "running";
    case DAV_DOCTOR_CHECK_PASSED:    return "passed";
    case DAV_DOCTOR_CHECK_FAILED:    return "failed";
    case DAV_DOCTOR_CHECK_SKIPPED:   return "skipped";
    case DAV_DOCTOR_CHECK_CANCELLED: return "cancelled";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- posting from the worker --------------------------------------------- */

typedef enum {
  POST_STATE,
  POST_FINDING,
  POST_SCRATCH,
  POST_SERVER,
  POST_END,
} PostKind;

typedef struct {
  PostKind             kind;
  DavDoctor           *doctor;      /* strong */
  guint                index;       /* of the check */
  DavDoctorCheckState  state;
  char                *text;        /* reason, scratch URL, server */
  DavDoctorFinding    *finding;
  GStrv                leftovers;
  GTask               *task;        /* POST_END: finished here */
  GError              *error;
} Post;

static void
post_free (Post *post)
{
  g_object_unref (post->doctor);
  g_free (post->text);
  g_clear_pointer (&post->finding, dav_doctor_finding_unref);
  g_strfreev (post->leftovers);
  g_clear_object (&post->task);
  g_clear_error (&post->error);
  g_free (post);
}

static gboolean
on_post (gpointer user_data)
{
  Post *post = user_data;
  DavDoctor *self = post->doctor;
  g_autoptr(DavDoctorCheck) check = NULL;

  if (post->kind == POST_STATE || post->kind == POST_FINDING)
    check = g_list_model_get_item (G_LIST_MODEL (self->checks), post->index);

  switch (post->kind)
    {
    case POST_STATE:
      if (post->text != NULL)
        {
          g_free (check->reason);
          check->reason = g_strdup (post->text);
        }
      if (post->state >= DAV_DOCTOR_CHECK_PASSED && check->state < DAV_DOCTOR_CHECK_PASSED)
        self->done++;
      check->state = post->state;
      g_object_notify_by_pspec (G_OBJECT (check), check_properties [CHECK_PROP_STATE]);
      break;

    case POST_FINDING:
      g_ptr_array_add (check->findings, dav_doctor_finding_ref (post->finding));
      g_signal_emit (self, signals [FINDING_ADDED], 0, check, post->finding);
      break;

    case POST_SCRATCH:
      g_free (self->scratch);
      self->scratch = g_strdup (post->text);
      break;

    case POST_SERVER:
      g_free (self->server);
      self->server = g_strdup (post->text);
      break;

    case POST_END:
      self->running = FALSE;
      self->finished = TRUE;
      self->duration = MAX (g_get_monotonic_time () - self->started_monotonic, 1);
      self->cancelled = post->state == DAV_DOCTOR_CHECK_CANCELLED;
      self->leftovers = g_steal_pointer (&post->leftovers);
      if (post->error != NULL)
        g_task_return_error (post->task, g_steal_pointer (&post->error));
      else
        g_task_return_boolean (post->task, TRUE);
      break;

    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

typedef struct {
  DavDoctorRun  run;
  GMainContext *owner;
  GTask        *task;
  guint         index;       /* of the running check in the doctor's list */
  gboolean      skipped;
  char         *skip_reason;
  int           worst;       /* of the running check's findings; -1: none */
  GHashTable   *reported;    /* check id + fault: once per check (report_problems) */
  char         *user;
  char         *password;
  gboolean      accept_invalid;
  guint         timeout;
  guint         n_checks;
  const DavDoctorCheckInfo **infos;
} Worker;

static void
post (Worker *worker,
      Post   *message)
{
  message->doctor = g_object_ref (worker->run.doctor);
  g_main_context_invoke_full (worker->owner, G_PRIORITY_DEFAULT, on_post, message,
                              (GDestroyNotify) post_free);
}

static void
post_state (Worker              *worker,
            DavDoctorCheckState  state,
            const char          *reason)
{
  Post *message = g_new0 (Post, 1);

  message->kind = POST_STATE;
  message->index = worker->index;
  message->state = state;
  message->text = g_strdup (reason);
  post (worker, message);
}

static void
post_text (Worker     *worker,
           PostKind    kind,
           const char *text)
{
  Post *message = g_new0 (Post, 1);

  message->kind = kind;
  message->text = g_strdup (text);
  post (worker, message);
}

/* ---- what the checks call ------------------------------------------------ */

void
dav_doctor_waiter_done (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  DavDoctorWaiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

GAsyncResult *
dav_doctor_wait (DavDoctorRun    *run,
                 DavDoctorWaiter *waiter)
{
  while (waiter->result == NULL)
    g_main_context_iteration (run->context, TRUE);

  return waiter->result;
}

DavResult *
dav_doctor_send (DavDoctorRun       *run,
                 const char         *method,
                 const char         *url,
                 const char *const  *headers,
                 const char         *body,
                 const char         *content_type,
                 GError            **error)
{
  DavRequest *req;
  DavDoctorWaiter waiter = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (method != NULL && url != NULL, NULL);

  req = dav_request_new (run->client, method, url);
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    dav_request_set_header (req, headers[i], headers[i + 1]);
  if (body != NULL)
    dav_request_set_body (req, g_bytes_new (body, strlen (body)), content_type);
  req->no_follow = run->no_follow;

  dav_request_start (req, dav_doctor_send, run->cancellable, dav_doctor_waiter_done, &waiter);
  result = dav_doctor_wait (run, &waiter);

  return dav_request_finish (run->client, result, dav_doctor_send, error);
}

DavResult *
dav_doctor_propfind (DavDoctorRun  *run,
                     const char    *url,
                     DavPropfind   *propfind,
                     GError       **error)
{
  DavDoctorWaiter waiter = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (run != NULL, NULL);

  dav_client_propfind_async (run->client, url, propfind, run->cancellable, dav_doctor_waiter_done, &waiter);
  result = dav_doctor_wait (run, &waiter);

  return dav_client_propfind_finish (run->client, result, error);
}

GBytes *
dav_doctor_dup_body (DavDoctorRun *run,
                     DavResult    *result)
{
  g_autoptr(DavExchange) exchange = NULL;
  GBytes *body;

  g_return_val_if_fail (run != NULL, NULL);

  if (result == NULL)
    return NULL;

  exchange = dav_exchange_log_lookup (dav_client_get_exchange_log (run->client), result->exchange_id);
  if (exchange == NULL)
    return NULL;

  body = dav_exchange_get_response_body (exchange);
  return body != NULL ? g_bytes_ref (body) : NULL;
}

const char *
dav_doctor_reason (const DavResult *result)
{
  g_return_val_if_fail (result != NULL, "");

  return result->reason != NULL ? result->reason : "";
}

char *
dav_doctor_scratch_url (DavDoctorRun *run,
                        const char   *name)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (run != NULL && name != NULL, NULL);
  g_return_val_if_fail (run->scratch != NULL, NULL);

  escaped = g_uri_escape_string (name, "/", FALSE);
  return g_strconcat (run->scratch, escaped, NULL);
}

void
dav_doctor_created (DavDoctorRun *run,
                    const char   *url)
{
  g_return_if_fail (run != NULL && url != NULL);

  for (guint i = 0; i < run->created->len; i++)
    if (g_str_equal (g_ptr_array_index (run->created, i), url))
      return;

  g_ptr_array_add (run->created, g_strdup (url));
}

gboolean
dav_doctor_cancelled (DavDoctorRun *run)
{
  return g_cancellable_is_cancelled (run->cancellable);
}

void
dav_doctor_locked (DavDoctorRun *run,
                   const char   *url,
                   const char   *token)
{
  g_return_if_fail (run != NULL && url != NULL && token != NULL);

  g_hash_table_replace (run->locks, g_strdup (token), g_strdup (url));
}

void
dav_doctor_unlocked (DavDoctorRun *run,
                     const char   *token)
{
  g_return_if_fail (run != NULL && token != NULL);

  g_hash_table_remove (run->locks, token);
}

/* "Name: value" lines, then the body's first EXCERPT_MAX bytes. */
static void
append_message (GString    *text,
                GPtrArray  *headers,
                GBytes     *body,
                gsize       body_size)
{
  for (guint i = 0; i < headers->len; i++)
    {
      DavHeader *header = g_ptr_array_index (headers, i);
      g_string_append_printf (text, "%s: %s\n", header->name, header->value);
    }

  if (body != NULL && g_bytes_get_size (body) > 0)
    {
      gsize length;
      const char *data = g_bytes_get_data (body, &length);
      g_autofree char *valid = g_utf8_make_valid (data, MIN (length, EXCERPT_MAX));

      g_string_append_c (text, '\n');
      g_string_append (text, valid);
      if (body_size > MIN (length, EXCERPT_MAX))
        g_string_append_printf (text, "\n[… %" G_GSIZE_FORMAT " bytes in all]", body_size);
    }
}

static void
fill_exchange (DavDoctorRun     *run,
               DavDoctorFinding *finding,
               DavResult        *result)
{
  g_autoptr(DavExchange) exchange = NULL;
  GString *text;

  if (result == NULL)
    return;

  finding->method = g_strdup (result->method);
  finding->url = g_strdup (result->url);
  finding->status = result->status;

  exchange = dav_exchange_log_lookup (dav_client_get_exchange_log (run->client), result->exchange_id);
  if (exchange == NULL)
    return;

  text = g_string_new (NULL);
  g_string_append_printf (text, "%s %s\n", dav_exchange_get_method (exchange), dav_exchange_get_url (exchange));
  append_message (text, dav_exchange_get_request_headers (exchange),
                  dav_exchange_get_request_body (exchange),
                  dav_exchange_get_request_body_size (exchange));
  finding->request = g_string_free (text, FALSE);

  if (dav_exchange_get_status (exchange) != 0)
    {
      text = g_string_new (NULL);
      g_string_append_printf (text, "%u %s\n", dav_exchange_get_status (exchange),
                              dav_exchange_get_reason (exchange) ? dav_exchange_get_reason (exchange) : "");
      append_message (text, dav_exchange_get_response_headers (exchange),
                      dav_exchange_get_response_body (exchange),
                      dav_exchange_get_response_body_size (exchange));
      finding->response = g_string_free (text, FALSE);
    }

  finding->curl = dav_exchange_to_curl (exchange);
}

static void
add_finding (DavDoctorRun     *run,
             DavDoctorFinding *finding)
{
  Worker *worker = (Worker *) run;
  Post *message = g_new0 (Post, 1);

  finding->check = g_strdup (run->check->id);
  worker->worst = MAX (worker->worst, (int) finding->severity);
  run->findings++;

  message->kind = POST_FINDING;
  message->index = worker->index;
  message->finding = finding;
  post (worker, message);
}

/* A finding of @fault_id with the catalogue's words; @severity -1 for
 * the catalogue's. NULL for an id the catalogue does not have. */
static DavDoctorFinding *
finding_for_fault (const char *fault_id,
                   int         severity)
{
  const DavDoctorFault *fault = dav_doctor_fault_lookup (fault_id);
  DavDoctorFinding *finding;

  g_return_val_if_fail (fault != NULL, NULL);

  finding = finding_new ();
  finding->fault = g_strdup (fault_id);
  finding->severity = severity >= 0 ? (DavDoctorSeverity) severity : fault->severity;
  finding->title = g_strdup (_(fault->title));

  return finding;
}

static void
report_valist (DavDoctorRun      *run,
               const char        *fault_id,
               int                severity,
               DavResult         *result,
               const char        *expected,
               const char        *detail,
               const char        *got_format,
               va_list            args)
{
  DavDoctorFinding *finding = finding_for_fault (fault_id, severity);

  if (finding == NULL)
    return;

  finding->expected = g_strdup (expected);
  finding->got = g_strdup_vprintf (got_format, args);
  finding->detail = g_strdup (detail);
  fill_exchange (run, finding, result);

  add_finding (run, finding);
}

void
dav_doctor_report (DavDoctorRun *run,
                   const char   *fault,
                   DavResult    *result,
                   const char   *expected,
                   const char   *got_format,
                   ...)
{
  va_list args;

  va_start (args, got_format);
  report_valist (run, fault, -1, result, expected, NULL, got_format, args);
  va_end (args);
}

void
dav_doctor_report_full (DavDoctorRun      *run,
                        const char        *fault,
                        DavDoctorSeverity  severity,
                        DavResult         *result,
                        const char        *expected,
                        const char        *detail,
                        const char        *got_format,
                        ...)
{
  va_list args;

  va_start (args, got_format);
  report_valist (run, fault, severity, result, expected, detail, got_format, args);
  va_end (args);
}

void
dav_doctor_report_error (DavDoctorRun *run,
                         const char   *fault,
                         const char   *method,
                         const char   *url,
                         const char   *expected,
                         const GError *error)
{
  DavDoctorFinding *finding = finding_for_fault (fault, -1);

  if (finding == NULL)
    return;

  finding->expected = g_strdup (expected);
  finding->got = g_strdup (error != NULL ? error->message : _("No answer."));
  finding->method = g_strdup (method);
  finding->url = g_strdup (url);

  add_finding (run, finding);
}

void
dav_doctor_skip (DavDoctorRun *run,
                 const char   *reason_format,
                 ...)
{
  Worker *worker = (Worker *) run;
  va_list args;

  g_return_if_fail (!worker->skipped);

  worker->skipped = TRUE;
  va_start (args, reason_format);
  worker->skip_reason = g_strdup_vprintf (reason_format, args);
  va_end (args);
}

/* The parser's problems as faults of the catalogue; NULL: not a fault of
 * the server's WebDAV (a limit of ours, or a detail no client minds). */
static const char *
problem_fault (DavProblemKind kind,
               int           *severity)
{
  *severity = -1;

  switch (kind)
    {
    case DAV_PROBLEM_NOT_WELL_FORMED:
    case DAV_PROBLEM_EMPTY_BODY:
    case DAV_PROBLEM_NOT_MULTISTATUS:
    case DAV_PROBLEM_FORBIDDEN_DTD:
    case DAV_PROBLEM_UNEXPECTED_ELEMENT:
    case DAV_PROBLEM_UNEXPECTED_TEXT:
    case DAV_PROBLEM_DUPLICATE_ELEMENT:
      return "multistatus-malformed";
    case DAV_PROBLEM_ENCODING:
      /* The parser's only encoding problem: the header's charset
       * against the document's. */
      return "propfind-content-type";
    case DAV_PROBLEM_TRUNCATED:
      return "propfind-truncated";
    case DAV_PROBLEM_NAMESPACE:
      return "multistatus-undeclared-prefix";
    case DAV_PROBLEM_MISSING_HREF:
    case DAV_PROBLEM_EMPTY_HREF:
      return "response-no-href";
    case DAV_PROBLEM_INVALID_HREF:
      return "href-unescaped";
    case DAV_PROBLEM_OTHER_ORIGIN:
      return "href-foreign";
    case DAV_PROBLEM_OUTSIDE_COLLECTION:
      return "href-outside";
    case DAV_PROBLEM_DUPLICATE_HREF:
      return "href-duplicate";
    case DAV_PROBLEM_INTERIM_STATUS:
      return "propfind-interim-status";
    case DAV_PROBLEM_LENIENT_STATUS_LINE:
      *severity = DAV_DOCTOR_INFO;
      return "propstat-status-bad";
    case DAV_PROBLEM_MISSING_STATUS:
    case DAV_PROBLEM_BAD_STATUS_LINE:
    case DAV_PROBLEM_STATUS_AND_PROPSTAT:
    case DAV_PROBLEM_HREFS_WITH_PROPSTAT:
    case DAV_PROBLEM_EMPTY_PROPSTAT:
      return "propstat-status-bad";
    case DAV_PROBLEM_UNKNOWN_STATUS:
    case DAV_PROBLEM_VALUE_IN_FAILED_PROPSTAT:
    case DAV_PROBLEM_DUPLICATE_PROPERTY:
    case DAV_PROBLEM_LIMIT:
    case DAV_PROBLEM_VALUE_TRUNCATED:
    case DAV_PROBLEM_UNANSWERED_PROPERTY:
    case DAV_PROBLEM_UNASKED_PROPERTY:
    case DAV_PROBLEM_PROTECTED_CHANGED:
    case DAV_PROBLEM_CONTRADICTS_REQUEST:
    case DAV_PROBLEM_ALLPROP_INCOMPLETE:
    default:
      return NULL;
    }
}

static void
report_problem (DavDoctorRun *run,
                DavResult    *result,
                DavProblem   *problem)
{
  Worker *worker = (Worker *) run;
  int severity;
  const char *fault = problem_fault (problem->kind, &severity);
  g_autofree char *key = NULL;
  g_autofree char *where = NULL;

  /* Not XML by its Content-Type, though a 207 (the request pipeline's
   * problem, which has no place in the body). */
  if (problem->kind == DAV_PROBLEM_NOT_MULTISTATUS && problem->line == 0)
    fault = "propfind-content-type";

  if (fault == NULL || dav_doctor_fault_lookup (fault) == NULL)
    return;

  key = g_strconcat (run->check->id, " ", fault, NULL);
  if (!g_hash_table_add (worker->reported, g_steal_pointer (&key)))
    return;

  if (problem->line > 0)
    /* Translators: where in a server's XML answer a problem is. */
    where = g_strdup_printf (_("Line %u, column %u of the answer."), problem->line, problem->column);

  dav_doctor_report_full (run, fault, severity, result,
                          _("A 207 body as RFC 4918 §14 describes it"), where,
                          "%s", problem->message);
}

void
dav_doctor_report_problems (DavDoctorRun *run,
                            DavResult    *result)
{
  g_return_if_fail (run != NULL);

  if (result == NULL || result->body == NULL)
    return;

  for (guint i = 0; i < result->body->problems->len; i++)
    report_problem (run, result, g_ptr_array_index (result->body->problems, i));

  for (guint i = 0; i < result->body->responses->len; i++)
    {
      DavResponse *response = g_ptr_array_index (result->body->responses, i);

      for (guint j = 0; response->problems != NULL && j < response->problems->len; j++)
        report_problem (run, result, g_ptr_array_index (response->problems, j));
    }
}

/* ---- the worker ---------------------------------------------------------- */

static gboolean
on_authenticate (DavClient *client,
                 SoupAuth  *auth,
                 gboolean   retrying,
                 gpointer   user_data)
{
  Worker *worker = user_data;

  if (retrying || worker->user == NULL)
    return FALSE;

  soup_auth_authenticate (auth, worker->user, worker->password ? worker->password : "");
  return TRUE;
}

/* Removes what the write checks made, newest first, then the scratch
 * folder; returns what is still there. Runs after a Cancel too, so with
 * a cancellable of its own. */
static GStrv
clean_up (Worker *worker)
{
  DavDoctorRun *run = &worker->run;
  g_autoptr(GStrvBuilder) left = g_strv_builder_new ();
  g_autoptr(GCancellable) own = g_cancellable_new ();

  run->cancellable = own;
  run->no_follow = FALSE;

  /* Locks first: a faulty server may refuse to delete what is locked. */
  {
    GHashTableIter iter;
    gpointer token, url;

    g_hash_table_iter_init (&iter, run->locks);
    while (g_hash_table_iter_next (&iter, &token, &url))
      {
        g_autofree char *header = g_strdup_printf ("<%s>", (char *) token);
        g_autoptr(DavResult) result = NULL;
        g_autoptr(GError) error = NULL;

        result = dav_doctor_send (run, "UNLOCK", url,
                                  (const char *[]) { "Lock-Token", header, NULL },
                                  NULL, NULL, &error);
      }
    g_hash_table_remove_all (run->locks);
  }

  if (run->scratch != NULL)
    dav_doctor_created (run, run->scratch);

  for (guint i = run->created->len; i > 0; i--)
    {
      const char *url = g_ptr_array_index (run->created, i - 1);
      g_autoptr(DavResult) result = NULL;
      g_autoptr(DavResult) check = NULL;
      g_autoptr(GError) error = NULL;

      /* A member of the scratch folder goes with it. */
      if (run->scratch != NULL && !g_str_equal (url, run->scratch) &&
          g_str_has_prefix (url, run->scratch))
        continue;

      result = dav_doctor_send (run, "DELETE", url, NULL, NULL, NULL, &error);
      g_clear_error (&error);
      check = dav_doctor_send (run, "PROPFIND", url,
                               (const char *[]) { "Depth", "0", NULL }, NULL, NULL, &error);
      if (check == NULL || check->status != 404)
        g_strv_builder_add (left, url);
    }

  return g_strv_builder_end (left);
}

static gboolean
check_is_runnable (Worker                   *worker,
                   const DavDoctorCheckInfo *info)
{
  DavDoctorRun *run = &worker->run;

  if (run->auth_failed && info->group != DAV_DOCTOR_GROUP_CONNECTION &&
      info->group != DAV_DOCTOR_GROUP_AUTH)
    {
      dav_doctor_skip (run, "%s", _("The server did not let Davscope in: see Authentication."));
      return FALSE;
    }
  if (run->unreachable && info->group != DAV_DOCTOR_GROUP_CONNECTION)
    {
      dav_doctor_skip (run, "%s", _("No connection to the server: see Connection."));
      return FALSE;
    }
  if (info->writes && info->group != DAV_DOCTOR_GROUP_FOLDERS && run->scratch == NULL)
    {
      dav_doctor_skip (run, "%s", _("There is no scratch folder to work in: see MKCOL."));
      return FALSE;
    }

  return TRUE;
}

DavClient *
dav_doctor_new_client (DavDoctorRun *run)
{
  DavClient *client = dav_client_new (run->url, NULL);

  if (run->proxy != NULL)
    dav_client_set_proxy (client, run->proxy);
  if (run->client_certificate != NULL)
    dav_client_set_client_certificate (client, run->client_certificate);
  if (run->pinned != NULL)
    dav_client_pin_certificate (client, run->pinned);

  return client;
}

static gpointer
worker_main (gpointer data)
{
  Worker *worker = data;
  DavDoctorRun *run = &worker->run;
  GCancellable *cancellable = run->cancellable;
  GStrv leftovers;
  Post *end;

  g_main_context_push_thread_default (run->context);

  run->client = dav_doctor_new_client (run);
  dav_client_set_timeout (run->client, worker->timeout);
  dav_client_set_speed_limits (run->client, worker->timeout * 4, 1, worker->timeout);
  dav_client_set_accept_invalid_certificates (run->client, worker->accept_invalid);
  /* Findings quote bodies and check their bytes: keep them whole. */
  dav_exchange_log_set_body_cap (dav_client_get_exchange_log (run->client), 1024 * 1024);
  g_signal_connect (run->client, "authenticate", G_CALLBACK (on_authenticate), worker);

  for (worker->index = 0; worker->index < worker->n_checks; worker->index++)
    {
      const DavDoctorCheckInfo *info = worker->infos[worker->index];
      DavDoctorCheckState state;

      if (g_cancellable_is_cancelled (cancellable))
        {
          post_state (worker, DAV_DOCTOR_CHECK_CANCELLED, NULL);
          continue;
        }

      run->check = info;
      run->findings = 0;
      run->no_follow = FALSE;
      worker->worst = -1;
      worker->skipped = FALSE;
      g_clear_pointer (&worker->skip_reason, g_free);

      post_state (worker, DAV_DOCTOR_CHECK_RUNNING, NULL);
      if (check_is_runnable (worker, info))
        info->func (run);

      if (run->server != NULL && worker->index == 0)
        post_text (worker, POST_SERVER, run->server);
      if (info->group == DAV_DOCTOR_GROUP_FOLDERS && run->scratch != NULL)
        post_text (worker, POST_SCRATCH, run->scratch);

      if (worker->worst >= DAV_DOCTOR_WARNING)
        state = DAV_DOCTOR_CHECK_FAILED;
      else if (g_cancellable_is_cancelled (cancellable))
        state = DAV_DOCTOR_CHECK_CANCELLED;
      else if (worker->skipped)
        state = DAV_DOCTOR_CHECK_SKIPPED;
      else
        state = DAV_DOCTOR_CHECK_PASSED;
      post_state (worker, state, worker->skip_reason);
    }

  leftovers = clean_up (worker);
  run->cancellable = cancellable;

  end = g_new0 (Post, 1);
  end->kind = POST_END;
  end->task = g_steal_pointer (&worker->task);
  end->leftovers = leftovers;
  if (g_cancellable_is_cancelled (cancellable))
    end->state = DAV_DOCTOR_CHECK_CANCELLED;
  if (run->unreachable && run->unreachable_error != NULL)
    end->error = g_error_copy (run->unreachable_error);
  post (worker, end);

  g_clear_object (&run->client);
  /* What the client's requests left on the context (closing streams). */
  while (g_main_context_iteration (run->context, FALSE))
    ;
  g_main_context_pop_thread_default (run->context);

  g_main_context_unref (run->context);
  g_main_context_unref (worker->owner);
  g_object_unref (run->doctor);
  g_clear_object (&run->cancellable);
  g_free (run->url);
  g_free (run->given_url);
  g_free (run->proxy);
  g_clear_object (&run->client_certificate);
  g_clear_object (&run->pinned);
  g_free (run->server);
  g_free (run->dav_header);
  g_free (run->allow);
  g_free (run->member_file);
  g_free (run->member_folder);
  g_free (run->scratch);
  g_ptr_array_unref (run->created);
  g_hash_table_unref (run->locks);
  g_clear_error (&run->unreachable_error);
  g_free (worker->skip_reason);
  g_hash_table_unref (worker->reported);
  g_free (worker->user);
  if (worker->password != NULL)
    memset (worker->password, 0, strlen (worker->password));
  g_free (worker->password);
  g_free (worker->infos);
  g_free (worker);

  return NULL;
}

void
dav_doctor_run_async (DavDoctor           *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Worker *worker;
  GThread *thread;

  g_return_if_fail (DAV_IS_DOCTOR (self));
  g_return_if_fail (!self->running && !self->finished);

  self->running = TRUE;
  self->started = g_date_time_new_now_utc ();
  self->started_monotonic = g_get_monotonic_time ();

  worker = g_new0 (Worker, 1);
  worker->owner = g_main_context_ref_thread_default ();
  worker->task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (worker->task, dav_doctor_run_async);
  worker->run.doctor = g_object_ref (self);
  worker->run.context = g_main_context_new ();
  worker->run.url = g_strdup (self->url);
  worker->run.given_url = g_strdup (self->given_url);
  worker->run.write = self->write;
  /* A GTlsCertificate does not change once made: the worker's client
   * may hold it too. */
  worker->run.proxy = g_strdup (self->proxy);
  worker->run.client_certificate = self->client_certificate != NULL ? g_object_ref (self->client_certificate) : NULL;
  worker->run.pinned = self->pinned != NULL ? g_object_ref (self->pinned) : NULL;
  worker->run.created = g_ptr_array_new_with_free_func (g_free);
  worker->run.locks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Cancelled from the caller's thread, seen in the worker's requests:
   * GCancellable is thread-safe. */
  worker->run.cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  worker->reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  worker->user = g_strdup (self->user);
  worker->password = g_strdup (self->password);
  worker->accept_invalid = self->accept_invalid;
  worker->timeout = self->timeout;
  worker->n_checks = g_list_model_get_n_items (G_LIST_MODEL (self->checks));
  worker->infos = g_new0 (const DavDoctorCheckInfo *, worker->n_checks + 1);
  for (guint i = 0; i < worker->n_checks; i++)
    {
      g_autoptr(DavDoctorCheck) check = g_list_model_get_item (G_LIST_MODEL (self->checks), i);
      worker->infos[i] = check->info;
    }

  thread = g_thread_new ("davscope-doctor", worker_main, worker);
  g_thread_unref (thread);
}

gboolean
dav_doctor_run_finish (DavDoctor     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (DAV_IS_DOCTOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
