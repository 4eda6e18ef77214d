/* dav-walk.c: listing a whole tree, on any server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-walk.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dav-error.h"

#define DEFAULT_CONCURRENCY 4
/* In flight once an answer shows HTTP/2: every folder known, so each
 * level goes out as soon as its parent answered (a round trip a level,
 * issue 16). libsoup 3.2 does not show the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS; nghttp2 holds streams beyond it in its
 * own queue, so the server never sees more than it allows. */
#define MULTIPLEXED_IN_FLIGHT 1000
/* Folders deeper than this below the root are not listed: a server that
 * follows a symbolic link to a parent would otherwise never end. */
#define MAX_LEVELS 64

struct _DavWalk
{
  GObject        parent_instance;

  DavClient     *client;
  char          *url;            /* the root, a collection URL */
  DavPropfindKind kind;
  GStrv          names;
  gboolean       try_infinity;
  guint          concurrency;

  /* While running. */
  GTask         *task;
  DavWalkFunc    func;
  gpointer       func_data;
  GHashTable    *seen;           /* normalised paths handed over */
  GHashTable    *queued;         /* normalised paths of folders listed or to list */
  GQueue         queue;          /* char*: folder URLs still to list */
  guint          in_flight;
  guint          peak_in_flight;
  gboolean       infinity_deeper;  /* the infinity answer went below the root's members */
  GPtrArray     *infinity_folders; /* char*: the root's member folders in it */
  gboolean       levels_found_more; /* a folder listed after infinity had members */

  /* What happened. */
  DavWalkMode    mode;
  GPtrArray     *failures;       /* DavWalkFailure* */
  DavResult     *infinity_result;
  DavResult     *root_result;
  GError        *root_error;
  GTlsCertificate *root_certificate; /* what the root's listing refused */
  GTlsCertificateFlags root_certificate_errors;
  guint          n_requests;
  guint          n_folders;
};

G_DEFINE_FINAL_TYPE (DavWalk, dav_walk, G_TYPE_OBJECT)

enum {
  FAILED,
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One PROPFIND of the walk. */
typedef struct {
  DavWalk     *walk;      /* strong */
  char        *url;       /* the folder listed */
  DavPropfind *propfind;
  gboolean     infinity;
  gboolean     root;
} Listing;

static void
listing_free (Listing *listing)
{
  g_signal_handlers_disconnect_by_data (listing->propfind, listing);
  g_object_unref (listing->propfind);
  g_object_unref (listing->walk);
  g_free (listing->url);
  g_free (listing);
}

static void
failure_free (DavWalkFailure *failure)
{
  g_free (failure->url);
  g_free (failure->reason);
  g_free (failure->error);
  g_free (failure);
}

static void
dav_walk_finalize (GObject *object)
{
  DavWalk *self = DAV_WALK (object);

  g_clear_object (&self->client);
  g_free (self->url);
  g_strfreev (self->names);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->queued, g_hash_table_unref);
  g_queue_clear_full (&self->queue, g_free);
  g_clear_pointer (&self->infinity_folders, g_ptr_array_unref);
  g_ptr_array_unref (self->failures);
  g_clear_pointer (&self->infinity_result, dav_result_unref);
  g_clear_pointer (&self->root_result, dav_result_unref);
  g_clear_error (&self->root_error);
  g_clear_object (&self->root_certificate);

  G_OBJECT_CLASS (dav_walk_parent_class)->finalize (object);
}

static void
dav_walk_class_init (DavWalkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dav_walk_finalize;

  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dav_walk_init (DavWalk *self)
{
  self->try_infinity = TRUE;
  self->concurrency = DEFAULT_CONCURRENCY;
  self->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) failure_free);
  g_queue_init (&self->queue);
}

/* The names asked for, with resourcetype: the walk needs it. */
static GStrv
names_with_resourcetype (DavPropfindKind     kind,
                         const char * const *names)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean has = FALSE;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      has |= g_str_equal (names[i], "{DAV:}resourcetype");
      g_strv_builder_add (builder, names[i]);
    }
  if (kind == DAV_PROPFIND_PROP && !has)
    g_strv_builder_add (builder, "{DAV:}resourcetype");

  return g_strv_builder_end (builder);
}

DavWalk *
dav_walk_new (DavClient           *client,
              const char          *url,
              DavPropfindKind      kind,
              const char * const  *names)
{
  DavWalk *self;

  g_return_val_if_fail (DAV_IS_CLIENT (client), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (DAV_TYPE_WALK, NULL);
  self->client = g_object_ref (client);
  self->url = g_str_has_suffix (url, "/") ? g_strdup (url) : g_strconcat (url, "/", NULL);
  self->kind = kind;
  self->names = names_with_resourcetype (kind, names);
  self->mode = DAV_WALK_LEVELS;

  return self;
}

void
dav_walk_set_try_infinity (DavWalk  *self,
                           gboolean  try_infinity)
{
  g_return_if_fail (DAV_IS_WALK (self));

  self->try_infinity = try_infinity;
}

void
dav_walk_set_concurrency (DavWalk *self,
                          guint    concurrency)
{
  g_return_if_fail (DAV_IS_WALK (self));

  self->concurrency = MAX (concurrency, 1);
}

/* ---- handing responses over --------------------------------------------- */

/* TRUE the first time @href's resource is seen. */
static gboolean
first_sight (DavWalk       *self,
             const DavHref *href)
{
  return href->path != NULL && g_hash_table_add (self->seen, dav_href_normalize_path (href->path));
}

static void add_failure (DavWalk    *self,
                         const char *url,
                         DavResult  *result,
                         const char *error);

/* Each folder is listed once, and none too deep. */
static void
enqueue_folder (DavWalk    *self,
                const char *uri,
                const char *path)
{
  const char *root_path = strchr (strstr (self->url, "://") + 3, '/');
  guint levels = 0;

  if (path == NULL || !g_hash_table_add (self->queued, dav_href_normalize_path (path)))
    return;

  for (const char *p = path + (root_path ? strlen (root_path) : 0); *p != '\0'; p++)
    levels += *p == '/';
  if (levels > MAX_LEVELS)
    {
      add_failure (self, uri, NULL, _("Not listed: this folder lies deeper than any real tree would; the server may follow a link back to a folder above it."));
      return;
    }

  g_queue_push_tail (&self->queue, g_str_has_suffix (uri, "/") ? g_strdup (uri) : g_strconcat (uri, "/", NULL));
}

/* One href of the answer to Depth: infinity: placed against the root. */
static void
take_from_infinity (DavWalk           *self,
                    const DavResponse *response,
                    const char        *text)
{
  g_autoptr(DavHref) href = dav_href_resolve (self->url, text);

  switch (href->relation)
    {
    case DAV_HREF_SELF:
    case DAV_HREF_MEMBER:
    case DAV_HREF_DESCENDANT:
      if (!first_sight (self, href))
        return;
      if (href->relation == DAV_HREF_DESCENDANT)
        self->infinity_deeper = TRUE;
      else if (href->relation == DAV_HREF_MEMBER && dav_response_is_collection (response, href->collection))
        g_ptr_array_add (self->infinity_folders, g_strdup (href->uri));
      break;
    case DAV_HREF_OUTSIDE:
    case DAV_HREF_OTHER_ORIGIN:
    case DAV_HREF_INVALID:
    default:
      break;
    }

  self->func (self, response, text, href, self->func_data);
}

/* One href of a Depth 1 listing of @folder: a member is placed against
 * the root and its folders are listed in turn; anything else stays
 * placed against @folder, flagged, and is never followed. */
static void
take_from_level (DavWalk           *self,
                 const char        *folder,
                 gboolean          root,
                 const DavResponse *response,
                 const char        *text)
{
  g_autoptr(DavHref) local = dav_href_resolve (folder, text);
  g_autoptr(DavHref) href = NULL;

  switch (local->relation)
    {
    case DAV_HREF_SELF:
      /* A folder below the root was handed over in its parent's listing. */
      if (!root || !first_sight (self, local))
        return;
      self->func (self, response, text, local, self->func_data);
      return;

    case DAV_HREF_MEMBER:
      href = dav_href_resolve (self->url, text);
      /* Listed anyway when a cut-off answer to infinity handed it over. */
      if (dav_response_is_collection (response, href->collection))
        enqueue_folder (self, href->uri, href->path);
      if (!first_sight (self, href))
        return;
      if (!root)
        self->levels_found_more = TRUE;
      self->func (self, response, text, href, self->func_data);
      return;

    case DAV_HREF_DESCENDANT:
    case DAV_HREF_OUTSIDE:
    case DAV_HREF_OTHER_ORIGIN:
    case DAV_HREF_INVALID:
    default:
      self->func (self, response, text, local, self->func_data);
      return;
    }
}

static void
on_response (DavPropfind *propfind,
             DavResponse *response,
             Listing     *listing)
{
  DavWalk *self = listing->walk;

  if (response->hrefs->len == 0)
    {
      /* Nothing to place, but never dropped. */
      self->func (self, response, NULL, NULL, self->func_data);
      return;
    }

  for (guint i = 0; i < response->hrefs->len; i++)
    {
      const char *text = g_ptr_array_index (response->hrefs, i);

      if (listing->infinity)
        take_from_infinity (self, response, text);
      else
        take_from_level (self, listing->url, listing->root, response, text);
    }
}

/* ---- running ------------------------------------------------------------ */

static void list_more (DavWalk *self);

static void
enqueue_root (DavWalk *self)
{
  g_autoptr(DavHref) root = dav_href_resolve (self->url, self->url);

  enqueue_folder (self, self->url, root->path);
}

static void
add_failure (DavWalk    *self,
             const char *url,
             DavResult  *result,
             const char *error)
{
  DavWalkFailure *failure = g_new0 (DavWalkFailure, 1);

  failure->url = g_strdup (url);
  failure->error = g_strdup (error);
  if (result != NULL)
    {
      failure->status = result->status;
      failure->reason = g_strdup (result->reason);
      failure->exchange_id = result->exchange_id;
    }
  g_ptr_array_add (self->failures, failure);
  g_signal_emit (self, signals[FAILED], 0, failure);
}

static void
propfind (DavWalk    *self,
          const char *url,
          gboolean    infinity,
          gboolean    root);

/* An answer over HTTP/2: the connection carries many listings at once. A
 * caller that asked for one at a time keeps that. */
static void
learn_connection (DavWalk         *self,
                  const DavResult *result)
{
  if (result != NULL && result->http_version == SOUP_HTTP_2_0 &&
      self->concurrency > 1 && self->concurrency < MULTIPLEXED_IN_FLIGHT)
    self->concurrency = MULTIPLEXED_IN_FLIGHT;
}

static void
on_listed (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Listing *listing = user_data;
  DavWalk *self = listing->walk;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = dav_client_propfind_finish (DAV_CLIENT (source), res, &error);
  gboolean whole = result != NULL && result->status == 207 && result->complete;

  self->in_flight--;
  learn_connection (self, result);

  if (listing->infinity)
    {
      g_clear_pointer (&self->infinity_result, dav_result_unref);
      self->infinity_result = result ? dav_result_ref (result) : NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        self->root_error = g_steal_pointer (&error);
      else if (whole && (self->infinity_deeper || self->infinity_folders->len == 0))
        self->mode = DAV_WALK_INFINITY;
      else if (whole)
        {
          /* Only one level came back while folders are there: either they
           * are all empty or the server answered as Depth 1. Listing them
           * tells which; nothing is handed over twice. */
          self->mode = DAV_WALK_INFINITY_IGNORED;
          for (guint i = 0; i < self->infinity_folders->len; i++)
            {
              g_autoptr(DavHref) folder = dav_href_resolve (self->url, g_ptr_array_index (self->infinity_folders, i));

              enqueue_folder (self, folder->uri, folder->path);
            }
        }
      else
        {
          /* Refused (403 propfind-finite-depth), or failed or cut off:
           * from the root, a level at a time. */
          self->mode = DAV_WALK_INFINITY_REFUSED;
          enqueue_root (self);
        }
    }
  else
    {
      self->n_folders++;
      if (listing->root && result != NULL && result->status != 207)
        {
          /* The root itself cannot be listed: nothing to walk. */
          self->root_result = dav_result_ref (result);
        }
      else if (listing->root && result == NULL)
        {
          self->root_error = g_steal_pointer (&error);
          g_set_object (&self->root_certificate,
                        dav_client_get_rejected_certificate (self->client, res, &self->root_certificate_errors));
        }
      else if (error != NULL)
        add_failure (self, listing->url, NULL, error->message);
      else if (!whole)
        add_failure (self, listing->url, result,
                     result->status != 207 ? NULL
                                           : _("The listing came back incomplete or malformed, so what is in this folder is not known for sure."));
    }

  /* The caller may drop the walk when it returns in list_more (). */
  g_object_ref (self);
  listing_free (listing);
  list_more (self);
  if (self->task != NULL)
    g_signal_emit (self, signals[PROGRESS], 0);
  g_object_unref (self);
}

static void
propfind (DavWalk    *self,
          const char *url,
          gboolean    infinity,
          gboolean    root)
{
  Listing *listing = g_new0 (Listing, 1);

  listing->walk = g_object_ref (self);
  listing->url = g_strdup (url);
  listing->infinity = infinity;
  listing->root = root;
  listing->propfind = dav_propfind_new (infinity ? DAV_DEPTH_INFINITY : DAV_DEPTH_1,
                                        self->kind, (const char * const *) self->names);
  dav_propfind_set_flags (listing->propfind, DAV_PROPFIND_FLAGS_STREAM);
  g_signal_connect (listing->propfind, "response", G_CALLBACK (on_response), listing);

  self->in_flight++;
  self->peak_in_flight = MAX (self->peak_in_flight, self->in_flight);
  self->n_requests++;
  dav_client_propfind_async (self->client, url, listing->propfind,
                             g_task_get_cancellable (self->task), on_listed, listing);
}

static void
walk_return (DavWalk *self)
{
  GTask *task = g_steal_pointer (&self->task);

  if (g_task_return_error_if_cancelled (task))
    ;
  else if (self->root_error != NULL)
    g_task_return_error (task, g_error_copy (self->root_error));
  else if (self->root_result != NULL)
    g_task_return_new_error (task, DAV_ERROR, DAV_ERROR_FAILED,
                             _("The folder could not be listed: the server answered %u %s."),
                             self->root_result->status,
                             self->root_result->reason ? self->root_result->reason : "");
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
list_more (DavWalk *self)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);

  if (self->root_error != NULL || self->root_result != NULL ||
      (cancellable != NULL && g_cancellable_is_cancelled (cancellable)))
    {
      /* Folders never listed are failures too: the tree is not whole. */
      while (!g_queue_is_empty (&self->queue))
        {
          g_autofree char *url = g_queue_pop_head (&self->queue);

          add_failure (self, url, NULL, _("Not listed: the walk was stopped before this folder."));
        }
    }

  while (self->in_flight < self->concurrency && !g_queue_is_empty (&self->queue))
    {
      g_autofree char *url = g_queue_pop_head (&self->queue);

      propfind (self, url, FALSE, g_str_equal (url, self->url));
    }

  if (self->in_flight == 0 && g_queue_is_empty (&self->queue))
    {
      if (self->mode == DAV_WALK_INFINITY_IGNORED && !self->levels_found_more)
        self->mode = DAV_WALK_INFINITY;  /* the folders were empty after all */
      walk_return (self);
    }
}

void
dav_walk_run_async (DavWalk             *self,
                    DavWalkFunc          func,
                    gpointer             func_data,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (DAV_IS_WALK (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, dav_walk_run_async);
  self->func = func;
  self->func_data = func_data;
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->queued = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->infinity_folders = g_ptr_array_new_with_free_func (g_free);

  if (self->try_infinity)
    propfind (self, self->url, TRUE, TRUE);
  else
    {
      self->mode = DAV_WALK_LEVELS;
      enqueue_root (self);
      list_more (self);
    }
}

gboolean
dav_walk_run_finish (DavWalk       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (DAV_IS_WALK (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

DavWalkMode
dav_walk_get_mode (DavWalk *self)
{
  g_return_val_if_fail (DAV_IS_WALK (self), DAV_WALK_LEVELS);

  return self->mode;
}

gboolean
dav_walk_get_complete (DavWalk *self)
{
  g_return_val_if_fail (DAV_IS_WALK (self), FALSE);

  return self->failures->len == 0 && self->root_error == NULL && self->root_result == NULL;
}

GPtrArray *
dav_walk_get_failures (DavWalk *self)
{
  g_return_val_if_fail (DAV_IS_WALK (self), NULL);

  return self->failures;
}

DavResult *
dav_walk_get_infinity_result (DavWalk *self)
{
  g_return_val_if_fail (DAV_IS_WALK (self), NULL);

  return self->infinity_result;
}

DavResult *
dav_walk_get_root_result (DavWalk *self)
{
  g_return_val_if_fail (DAV_IS_WALK (self), NULL);

  return self->root_result;
}

GTlsCertificate *
dav_walk_get_rejected_certificate (DavWalk              *self,
                                   GTlsCertificateFlags *errors)
{
  g_return_val_if_fail (DAV_IS_WALK (self), NULL);

  if (errors != NULL)
    *errors = self->root_certificate ? self->root_certificate_errors : 0;
  return self->root_certificate;
}

guint
dav_walk_get_n_requests (DavWalk *self)
{
  g_return_val_if_fail (DAV_IS_WALK (self), 0);

  return self->n_requests;
}

guint
dav_walk_get_n_in_flight (DavWalk *self)
{
  g_return_val_if_fail (DAV_IS_WALK (self), 0);

  return self->in_flight;
}

/* The most listings in flight at once so far. */
guint
dav_walk_get_peak_in_flight (DavWalk *self)
{
  g_return_val_if_fail (DAV_IS_WALK (self), 0);

  return self->peak_in_flight;
}

guint
dav_walk_get_n_folders (DavWalk *self)
{
  g_return_val_if_fail (DAV_IS_WALK (self), 0);

  return self->n_folders;
}

const char *
dav_walk_mode_to_string (DavWalkMode mode)
{
  switch (mode)
    {
    case DAV_WALK_INFINITY:         return "infinity";
    case DAV_WALK_LEVELS:           return "levels";
    case DAV_WALK_INFINITY_REFUSED: return "infinity-refused";
    case DAV_WALK_INFINITY_IGNORED: return "infinity-ignored";
    default:                        return "invalid";
    }
}
