/* dav-search.c: finding resources below a collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-search.h"

#include <glib/gi18n-lib.h>

#include "dav-error.h"
#include "dav-prop-patch.h"
#include "dav-request-body-private.h"
#include "dav-request-private.h"
#include "dav-text.h"

#define DEFAULT_CONCURRENCY 4

struct _DavSearch
{
  GObject          parent_instance;

  DavClient       *client;
  char            *url;            /* the collection, ending with a slash */
  char            *folded_name;    /* NULL: any name */
  char            *name_text;
  char            *property;       /* {ns}name, or NULL */
  char            *property_ns;
  char            *property_name;
  char            *value_text;
  char            *folded_value;
  GStrv            names;          /* what is read of each resource */
  gboolean         use_search;
  guint            concurrency;

  /* While running. */
  GTask           *task;
  DavWalk         *walk;
  DavPropfind     *stream;         /* streams the SEARCH's responses */
  gboolean         searching;      /* the SEARCH is in flight */

  /* What happened. */
  DavSearchMethod  method;
  char            *fallback_reason;
  guint64          fallback_exchange;
  guint            n_matches;
  guint            n_failures;
};

G_DEFINE_FINAL_TYPE (DavSearch, dav_search, G_TYPE_OBJECT)

enum {
  MATCH,
  FAILED,
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
dav_search_finalize (GObject *object)
{
  DavSearch *self = DAV_SEARCH (object);

  g_clear_object (&self->client);
  g_free (self->url);
  g_free (self->folded_name);
  g_free (self->name_text);
  g_free (self->property);
  g_free (self->property_ns);
  g_free (self->property_name);
  g_free (self->value_text);
  g_free (self->folded_value);
  g_strfreev (self->names);
  g_clear_object (&self->walk);
  g_clear_object (&self->stream);
  g_free (self->fallback_reason);

  G_OBJECT_CLASS (dav_search_parent_class)->finalize (object);
}

static void
dav_search_class_init (DavSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dav_search_finalize;

  signals[MATCH] = g_signal_new ("match", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_POINTER);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dav_search_init (DavSearch *self)
{
  self->use_search = TRUE;
  self->concurrency = DEFAULT_CONCURRENCY;
}

/* The listing's names, with what the search itself needs. */
static GStrv
names_for_search (const char * const *names,
                  const char         *property)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *needed[] = { "{DAV:}resourcetype", property, NULL };

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    g_strv_builder_add (builder, names[i]);
  for (guint i = 0; needed[i] != NULL; i++)
    if (names == NULL || !g_strv_contains (names, needed[i]))
      g_strv_builder_add (builder, needed[i]);

  return g_strv_builder_end (builder);
}

DavSearch *
dav_search_new (DavClient           *client,
                const char          *url,
                const char          *name_text,
                const char          *property,
                const char          *value_text,
                const char * const  *names,
                GError             **error)
{
  g_autoptr(DavSearch) self = NULL;
  gboolean by_name = name_text != NULL && *name_text != '\0';

  g_return_val_if_fail (DAV_IS_CLIENT (client), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (DAV_TYPE_SEARCH, NULL);
  self->client = g_object_ref (client);
  self->url = g_str_has_suffix (url, "/") ? g_strdup (url) : g_strconcat (url, "/", NULL);

  if (property != NULL && *property == '\0')
    property = NULL;
  if (!by_name && property == NULL)
    {
      g_set_error_literal (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT,
                           _("Say what to search for: a part of the name, or a property and a part of its value."));
      return NULL;
    }
  if (property != NULL &&
      !dav_parse_clark_name (property, &self->property_ns, &self->property_name))
    {
      g_set_error (error, DAV_ERROR, DAV_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a property name of the form {namespace}name."), property);
      return NULL;
    }

  if (by_name)
    {
      self->name_text = g_strdup (name_text);
      self->folded_name = dav_text_fold (name_text);
    }
  if (property != NULL)
    {
      self->property = g_strdup (property);
      self->value_text = g_strdup (value_text ? value_text : "");
      self->folded_value = dav_text_fold (self->value_text);
    }
  self->names = names_for_search (names, self->property);

  return g_steal_pointer (&self);
}

void
dav_search_set_use_search (DavSearch *self,
                           gboolean   use_search)
{
  g_return_if_fail (DAV_IS_SEARCH (self));

  self->use_search = use_search;
}

void
dav_search_set_concurrency (DavSearch *self,
                            guint      concurrency)
{
  g_return_if_fail (DAV_IS_SEARCH (self));

  self->concurrency = MAX (concurrency, 1);
}

gboolean
dav_search_matches (DavSearch         *self,
                    const DavResponse *response,
                    const DavHref     *href)
{
  const DavProperty *property;

  g_return_val_if_fail (DAV_IS_SEARCH (self), FALSE);

  if (self->folded_name != NULL &&
      (href == NULL || href->name == NULL || !dav_text_name_matches (href->name, self->folded_name)))
    return FALSE;
  if (self->property == NULL)
    return TRUE;

  property = dav_response_find_property (response, self->property_ns, self->property_name);
  return property != NULL && SOUP_STATUS_IS_SUCCESSFUL (property->status) &&
         dav_text_name_matches (property->value ? property->value : "", self->folded_value);
}

gboolean
dav_search_offers_basicsearch (SoupMessageHeaders *headers)
{
  g_autofree char *dasl = NULL;

  if (headers == NULL)
    return FALSE;
  /* Several DASL headers are one list (RFC 5323 §3.2). */
  dasl = g_strdup (soup_message_headers_get_list (headers, "DASL"));
  return dasl != NULL && g_strstr_len (dasl, -1, "<DAV:basicsearch>") != NULL;
}

/* ---- handing over --------------------------------------------------------- */

static void
emit_match (DavSearch         *self,
            const DavResponse *response,
            const DavHref     *href)
{
  self->n_matches++;
  g_signal_emit (self, signals[MATCH], 0, response, href);
}

static void
emit_failure (DavSearch            *self,
              const DavWalkFailure *failure)
{
  self->n_failures++;
  g_signal_emit (self, signals[FAILED], 0, failure);
}

/* The collection itself could not be searched. */
static void
emit_root_failure (DavSearch  *self,
                   DavResult  *result,
                   const char *error)
{
  DavWalkFailure failure = { 0, };

  failure.url = self->url;
  failure.error = (char *) error;
  if (result != NULL)
    {
      failure.status = result->status;
      failure.reason = result->reason;
      failure.exchange_id = result->exchange_id;
    }
  emit_failure (self, &failure);
}

static void
search_return (DavSearch *self,
               GError    *error)
{
  GTask *task = g_steal_pointer (&self->task);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* ---- walking -------------------------------------------------------------- */

static void
on_walk_item (DavWalk           *walk,
              const DavResponse *response,
              const char        *href_text,
              const DavHref     *href,
              gpointer           user_data)
{
  DavSearch *self = user_data;

  if (href == NULL || href->problem != NULL ||
      (href->relation != DAV_HREF_MEMBER && href->relation != DAV_HREF_DESCENDANT))
    return;
  if (!SOUP_STATUS_IS_SUCCESSFUL (dav_response_get_listing_status (response)))
    return;
  if (dav_search_matches (self, response, href))
    emit_match (self, response, href);
}

static void
on_walk_failed (DavWalk              *walk,
                const DavWalkFailure *failure,
                DavSearch            *self)
{
  emit_failure (self, failure);
}

static void
on_walk_progress (DavWalk   *walk,
                  DavSearch *self)
{
  g_signal_emit (self, signals[PROGRESS], 0);
}

static void
on_walked (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(DavSearch) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dav_walk_run_finish (self->walk, res, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          search_return (self, g_steal_pointer (&error));
          return;
        }
      emit_root_failure (self, dav_walk_get_root_result (self->walk),
                         dav_walk_get_root_result (self->walk) ? NULL : error->message);
    }
  search_return (self, NULL);
}

static void
start_walk (DavSearch *self)
{
  self->method = DAV_SEARCH_METHOD_WALK;
  self->walk = dav_walk_new (self->client, self->url, DAV_PROPFIND_PROP,
                             (const char * const *) self->names);
  /* One folder at a time: matches come as each folder is read, and each
   * folder that cannot be read is named (Depth: infinity would say
   * nothing of a folder the server skipped). */
  dav_walk_set_try_infinity (self->walk, FALSE);
  dav_walk_set_concurrency (self->walk, self->concurrency);
  g_signal_connect_object (self->walk, "failed", G_CALLBACK (on_walk_failed), self, 0);
  g_signal_connect_object (self->walk, "progress", G_CALLBACK (on_walk_progress), self, 0);
  dav_walk_run_async (self->walk, on_walk_item, self, g_task_get_cancellable (self->task),
                      on_walked, g_object_ref (self));
  g_signal_emit (self, signals[PROGRESS], 0);
}

/* ---- SEARCH --------------------------------------------------------------- */

static void
on_search_response (DavPropfind *stream,
                    DavResponse *response,
                    DavSearch   *self)
{
  for (guint i = 0; i < response->hrefs->len; i++)
    {
      g_autoptr(DavHref) href = dav_href_resolve (self->url, g_ptr_array_index (response->hrefs, i));

      /* The server matched; only what lies below the scope is taken. */
      if (href->problem == NULL &&
          (href->relation == DAV_HREF_MEMBER || href->relation == DAV_HREF_DESCENDANT))
        emit_match (self, response, href);
    }
}

static void
fall_back (DavSearch  *self,
           DavResult  *result,
           const char *reason)
{
  self->fallback_reason = g_strdup (reason);
  self->fallback_exchange = result ? result->exchange_id : 0;
  start_walk (self);
}

static void start_search (DavSearch *self);

static void
on_searched (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(DavSearch) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = dav_request_finish (self->client, res, start_search, &error);
  g_autofree char *reason = NULL;

  self->searching = FALSE;
  g_signal_handlers_disconnect_by_data (self->stream, self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      search_return (self, g_steal_pointer (&error));
      return;
    }

  if (result != NULL && result->status == 207 && result->complete)
    {
      search_return (self, NULL);
      return;
    }

  if (result != NULL && result->status == 207 && self->n_matches > 0)
    {
      /* What was read is shown; that more may be missing is said. */
      emit_root_failure (self, result,
                         _("The answer to SEARCH came back incomplete or malformed, so more may match."));
      search_return (self, NULL);
      return;
    }

  if (result == NULL)
    reason = g_strdup_printf (_("The server offers SEARCH, but the request failed (%s), so the folders were walked instead."),
                              error->message);
  else if (result->status == 207)
    reason = g_strdup (_("The server offers SEARCH, but its answer could not be read, so the folders were walked instead."));
  else
    reason = g_strdup_printf (_("The server offers SEARCH, but answered %u %s to it, so the folders were walked instead."),
                              result->status, result->reason ? result->reason : "");
  fall_back (self, result, reason);
}

static void
start_search (DavSearch *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = g_uri_parse (self->url, G_URI_FLAGS_ENCODED, NULL);
  GBytes *body = NULL;
  DavRequest *req;

  if (uri != NULL)
    body = dav_request_body_search (g_uri_get_path (uri), (const char * const *) self->names,
                                    self->name_text, self->property, self->value_text, &error);
  if (body == NULL)
    {
      fall_back (self, NULL, error ? error->message : _("The address could not be read."));
      return;
    }

  self->method = DAV_SEARCH_METHOD_SEARCH;
  self->searching = TRUE;
  self->stream = dav_propfind_new (DAV_DEPTH_INFINITY, DAV_PROPFIND_PROP,
                                   (const char * const *) self->names);
  dav_propfind_set_flags (self->stream, DAV_PROPFIND_FLAGS_STREAM);
  g_signal_connect (self->stream, "response", G_CALLBACK (on_search_response), self);

  /* The collection is the search arbiter (RFC 5323 §2.2). */
  req = dav_request_new (self->client, "SEARCH", self->url);
  dav_request_set_body (req, body, "text/xml; charset=utf-8");
  req->propfind = g_object_ref (self->stream);
  dav_request_start (req, start_search, g_task_get_cancellable (self->task),
                     on_searched, g_object_ref (self));
  g_signal_emit (self, signals[PROGRESS], 0);
}

static void
on_options (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(DavSearch) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = dav_client_options_finish (self->client, res, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    search_return (self, g_steal_pointer (&error));
  else if (result != NULL && SOUP_STATUS_IS_SUCCESSFUL (result->status) &&
           dav_search_offers_basicsearch (result->headers))
    start_search (self);
  else
    start_walk (self);
}

void
dav_search_run_async (DavSearch           *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (DAV_IS_SEARCH (self));
  g_return_if_fail (self->task == NULL && self->method == DAV_SEARCH_METHOD_NONE);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, dav_search_run_async);

  if (self->use_search)
    dav_client_options_async (self->client, self->url, cancellable, on_options, g_object_ref (self));
  else
    start_walk (self);
}

gboolean
dav_search_run_finish (DavSearch     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (DAV_IS_SEARCH (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- what happened -------------------------------------------------------- */

const char *
dav_search_get_url (DavSearch *self)
{
  g_return_val_if_fail (DAV_IS_SEARCH (self), NULL);

  return self->url;
}

DavSearchMethod
dav_search_get_method (DavSearch *self)
{
  g_return_val_if_fail (DAV_IS_SEARCH (self), DAV_SEARCH_METHOD_NONE);

  return self->method;
}

const char *
dav_search_get_fallback_reason (DavSearch *self,
                                guint64   *exchange_id)
{
  g_return_val_if_fail (DAV_IS_SEARCH (self), NULL);

  if (exchange_id != NULL)
    *exchange_id = self->fallback_exchange;
  return self->fallback_reason;
}

guint
dav_search_get_n_folders (DavSearch *self)
{
  g_return_val_if_fail (DAV_IS_SEARCH (self), 0);

  return self->walk ? dav_walk_get_n_folders (self->walk) : 0;
}

guint
dav_search_get_n_in_flight (DavSearch *self)
{
  g_return_val_if_fail (DAV_IS_SEARCH (self), 0);

  if (self->walk != NULL)
    return dav_walk_get_n_in_flight (self->walk);
  return self->searching ? 1 : 0;
}

guint
dav_search_get_n_matches (DavSearch *self)
{
  g_return_val_if_fail (DAV_IS_SEARCH (self), 0);

  return self->n_matches;
}

guint
dav_search_get_n_failures (DavSearch *self)
{
  g_return_val_if_fail (DAV_IS_SEARCH (self), 0);

  return self->n_failures;
}
