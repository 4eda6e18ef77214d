/* dav-resource-store.c: the tree of remote resources behind the browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-resource-store.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "dav-error.h"
#include "dav-folder-private.h"
#include "dav-text.h"

struct _DavResourceStore
{
  GObject       parent_instance;

  DavClient    *client;
  GHashTable   *folders;      /* normalised URL -> DavFolder */
  DavFolder    *root;
  GStrv         names;
  GCancellable *cancellable;
  gboolean      parse_thread;
};

G_DEFINE_FINAL_TYPE (DavResourceStore, dav_resource_store, G_TYPE_OBJECT)

typedef struct _Feed Feed;

/* A listing in flight holds its folder, not the store: dropping the
 * store cancels what it started. */
typedef struct {
  GWeakRef     store;
  DavFolder   *folder;
  DavPropfind *propfind;
  DavResult   *result;    /* a failed listing while OPTIONS is asked */
  Feed        *feed;      /* with the parser on a thread, or NULL */
} Load;

/* ---- the hand-off --------------------------------------------------------
 *
 * With DAV_PROPFIND_FLAGS_PARSE_THREAD the responses come on the parser's
 * thread. There each entry is made ready (its href resolved, and on a
 * first load its row made: dav_folder_entry_new) and queued; a source on
 * the store's main context gives the queue to the folder, in order, which
 * stays the main thread's alone. FEED_HELD entries waiting hold the
 * reading back (dav_propfind_set_held): a slow main thread keeps memory
 * flat. Responses that come on the main thread (the first rows, the last
 * block) go after everything queued, at once. */

/* About as many as a 4 MiB parser queue holds of nginx's listing. */
#define FEED_HELD 4096
/* Just after GTK's redraw (GDK_PRIORITY_REDRAW + 1): a frame that is due
 * draws before the next entries are merged. */
#define FEED_PRIORITY (G_PRIORITY_HIGH_IDLE + 21)
/* Where frames take longer than a frame's time (a slow renderer, several
 * tabs loading), something at the redraw's priority is always ready, and
 * the entries would wait for ever (as would the reading they hold back):
 * after this long they go at default priority, as the request's own
 * pauses do (dav-request.c, READ_PAUSE_MAX). */
#define FEED_WAIT_MAX (100 * G_TIME_SPAN_MILLISECOND)

struct _Feed {
  gatomicrefcount  ref;
  GThread         *owner;     /* the store's thread */
  Load            *load;      /* the owner's only: ended before the load */
  char            *base;      /* the folder's URL */
  /* The emitting thread's: the parser's, then the owner's once that one
   * is joined, never both at once. NULL for a refresh. */
  GHashTable      *seen;
  GMutex           lock;
  GPtrArray       *ready;     /* DavFolderEntry, in the listing's order */
  GPtrArray       *spare;     /* the owner's: ready's next array, or NULL */
  gboolean         delivering; /* the owner's: feed_deliver is at work */
  gboolean         closed;    /* nothing more is queued */
  GSource         *source;    /* armed while ready has entries */
  GSource         *guard;     /* the same, FEED_WAIT_MAX later, at default priority */
};

static Feed *
feed_ref (Feed *feed)
{
  g_atomic_ref_count_inc (&feed->ref);
  return feed;
}

static void
feed_unref (Feed *feed)
{
  if (!g_atomic_ref_count_dec (&feed->ref))
    return;

  g_ptr_array_unref (feed->ready);
  g_clear_pointer (&feed->spare, g_ptr_array_unref);
  g_clear_pointer (&feed->seen, g_hash_table_unref);
  g_source_unref (feed->source);
  g_source_unref (feed->guard);
  g_mutex_clear (&feed->lock);
  g_free (feed->base);
  g_free (feed);
}

/* Everything queued goes to the folder, in order. */
static void
feed_deliver (Feed *feed)
{
  GPtrArray *batch;

  /* Called again from a handler of the folder's changes (one that runs
   * the main loop): the call at work goes on, in order. */
  if (feed->delivering)
    return;
  feed->delivering = TRUE;

  g_mutex_lock (&feed->lock);
  batch = feed->ready;
  feed->ready = feed->spare != NULL ? feed->spare : g_ptr_array_new ();
  feed->spare = NULL;
  g_source_set_ready_time (feed->source, -1);
  g_source_set_ready_time (feed->guard, -1);
  dav_propfind_set_held (feed->load->propfind, FALSE);
  g_mutex_unlock (&feed->lock);

  for (guint i = 0; i < batch->len; i++)
    dav_folder_take_entry (feed->load->folder, g_ptr_array_index (batch, i));
  g_ptr_array_set_size (batch, 0);
  feed->spare = batch;
  feed->delivering = FALSE;
}

static gboolean
feed_dispatch (GSource     *source,
               GSourceFunc  callback,
               gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs feed_funcs = { NULL, NULL, feed_dispatch, NULL, NULL, NULL };

static gboolean
on_feed_ready (gpointer user_data)
{
  feed_deliver (user_data);
  return G_SOURCE_CONTINUE;
}

static void
feed_queue (Feed           *feed,
            DavPropfind    *propfind,
            DavFolderEntry *entry)
{
  g_mutex_lock (&feed->lock);
  if (feed->closed)
    {
      /* The load ended (a request dropped mid-body): never delivered. */
      g_mutex_unlock (&feed->lock);
      dav_folder_entry_free (entry);
      return;
    }
  g_ptr_array_add (feed->ready, entry);
  if (feed->ready->len == 1)
    {
      g_source_set_ready_time (feed->source, 0);
      g_source_set_ready_time (feed->guard, g_get_monotonic_time () + FEED_WAIT_MAX);
    }
  if (feed->ready->len >= FEED_HELD)
    dav_propfind_set_held (propfind, TRUE);
  g_mutex_unlock (&feed->lock);
}

/* Dispatched once its ready time is set (from any thread), and until it
 * is set back to -1. */
static GSource *
feed_source_new (Feed       *feed,
                 int         priority,
                 const char *name)
{
  GSource *source = g_source_new (&feed_funcs, sizeof (GSource));

  g_source_set_priority (source, priority);
  g_source_set_callback (source, on_feed_ready, feed, NULL);
  g_source_set_static_name (source, name);
  g_source_attach (source, g_main_context_get_thread_default ());
  return source;
}

static Feed *
feed_new (Load     *load,
          gboolean  refresh)
{
  Feed *feed = g_new0 (Feed, 1);

  g_atomic_ref_count_init (&feed->ref);
  feed->owner = g_thread_self ();
  feed->load = load;
  feed->base = g_strdup (dav_folder_get_url (load->folder));
  feed->seen = refresh ? NULL : g_hash_table_new (NULL, NULL);
  g_mutex_init (&feed->lock);
  /* The entries are the folder's once delivered: no free function. */
  feed->ready = g_ptr_array_new ();
  feed->spare = g_ptr_array_new ();
  feed->source = feed_source_new (feed, FEED_PRIORITY, "davscope-listing-feed");
  feed->guard = feed_source_new (feed, G_PRIORITY_DEFAULT, "davscope-listing-feed-guard");
  return feed;
}

/* The load ends: what is still queued is dropped, and what the parser's
 * thread would still queue too. */
static void
feed_close (Feed *feed)
{
  g_mutex_lock (&feed->lock);
  feed->closed = TRUE;
  g_source_destroy (feed->source);
  g_source_destroy (feed->guard);
  g_ptr_array_foreach (feed->ready, (GFunc) (void (*) (void)) dav_folder_entry_free, NULL);
  g_ptr_array_set_size (feed->ready, 0);
  g_mutex_unlock (&feed->lock);
  feed->load = NULL;
  feed_unref (feed);
}

static void
load_free (Load *load)
{
  g_signal_handlers_disconnect_by_data (load->propfind, load);
  if (load->feed != NULL)
    {
      g_signal_handlers_disconnect_by_data (load->propfind, load->feed);
      g_clear_pointer (&load->feed, feed_close);
    }
  g_object_unref (load->propfind);
  g_clear_pointer (&load->result, dav_result_unref);
  g_weak_ref_clear (&load->store);
  g_object_unref (load->folder);
  g_free (load);
}

static void start_load (DavResourceStore *self,
                        DavFolder        *folder,
                        gboolean          refresh);

static DavFolder *
folder_for_url (DavResourceStore *self,
                const char       *url)
{
  g_autofree char *key = dav_href_normalize_path (url);
  DavFolder *folder = g_hash_table_lookup (self->folders, key);

  if (folder == NULL)
    {
      folder = dav_folder_new (url);
      g_hash_table_insert (self->folders, g_steal_pointer (&key), folder);
    }

  return folder;
}

/* A response that names no href still gets a row, flagged. */
static DavHref *
no_href (void)
{
  DavHref *none = g_new0 (DavHref, 1);

  none->display_path = g_strdup ("");
  none->name = g_strdup ("");
  none->relation = DAV_HREF_INVALID;
  none->problem = g_strdup (_("The server named no resource for this entry."));
  return none;
}

static void
on_response (DavPropfind *propfind,
             DavResponse *response,
             Load        *load)
{
  const char *base = dav_folder_get_url (load->folder);

  if (response->hrefs->len == 0)
    {
      g_autoptr(DavHref) none = no_href ();

      dav_folder_take_response (load->folder, response, none);
      return;
    }

  /* Each href of a multi-href response is an entry of its own. */
  for (guint i = 0; i < response->hrefs->len; i++)
    {
      g_autoptr(DavHref) href = dav_href_resolve (base, g_ptr_array_index (response->hrefs, i));

      dav_folder_take_response (load->folder, response, href);
    }
}

/* ::response with the parser on a thread: on that thread, or on the
 * store's for the first rows and the last block. */
static void
on_feed_response (DavPropfind *propfind,
                  DavResponse *response,
                  Feed        *feed)
{
  /* On the store's thread, what came before goes first, and then this;
   * else (or while that is at work) it is queued after it. */
  gboolean owner = g_thread_self () == feed->owner && !feed->delivering;

  if (owner)
    feed_deliver (feed);

  for (guint i = 0; i < MAX (response->hrefs->len, 1); i++)
    {
      g_autoptr(DavHref) href = NULL;
      DavFolderEntry *entry;

      if (response->hrefs->len == 0)
        href = no_href ();
      else
        href = dav_href_resolve (feed->base, g_ptr_array_index (response->hrefs, i));
      entry = dav_folder_entry_new (response, href, feed->seen);
      if (owner)
        dav_folder_take_entry (feed->load->folder, entry);
      else
        feed_queue (feed, propfind, entry);
    }
}

gboolean
dav_resource_store_is_complete (DavResourceStore *self)
{
  GHashTableIter iter;
  gpointer folder;

  g_return_val_if_fail (DAV_IS_RESOURCE_STORE (self), FALSE);

  g_hash_table_iter_init (&iter, self->folders);
  while (g_hash_table_iter_next (&iter, NULL, &folder))
    if ((dav_folder_get_loading (folder) || dav_folder_get_loaded (folder)) &&
        !dav_folder_get_complete (folder))
      return FALSE;

  return TRUE;
}

/* Forgets the cached folders under @prefix (a collection that is gone):
 * one made again under the same name starts empty. */
static void
forget_folders_under (DavResourceStore *self,
                      const char       *key)
{
  g_autofree char *prefix = g_strconcat (key, "/", NULL);
  GHashTableIter iter;
  gpointer folder_key;

  g_hash_table_iter_init (&iter, self->folders);
  while (g_hash_table_iter_next (&iter, &folder_key, NULL))
    if (g_str_equal (folder_key, key) || g_str_has_prefix (folder_key, prefix))
      g_hash_table_iter_remove (&iter);
}

/* After a listing: cached folders of collections it no longer holds. */
static void
forget_missing_children (DavResourceStore *self,
                         DavFolder        *folder)
{
  g_autofree char *key = dav_href_normalize_path (dav_folder_get_url (folder));
  g_autofree char *prefix = g_strconcat (key, "/", NULL);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer folder_key, value;

  if (!dav_folder_get_loaded (folder) || dav_folder_get_error (folder) != NULL)
    return;

  g_hash_table_iter_init (&iter, self->folders);
  while (g_hash_table_iter_next (&iter, &folder_key, &value))
    {
      const char *rest;

      if (!g_str_has_prefix (folder_key, prefix))
        continue;
      rest = (const char *) folder_key + strlen (prefix);
      /* Only direct children: deeper ones go with them. */
      if (strchr (rest, '/') != NULL)
        continue;
      if (dav_folder_find (folder, dav_folder_get_url (value)) == NULL)
        g_ptr_array_add (gone, g_strdup (folder_key));
    }

  for (guint i = 0; i < gone->len; i++)
    forget_folders_under (self, g_ptr_array_index (gone, i));
}

/* What the server's answer to OPTIONS says about WebDAV (RFC 4918
 * §10.1: a WebDAV server names its compliance classes in a DAV header). */
static char *
options_finding (DavResult *options)
{
  const char *dav = options->headers != NULL
                    ? soup_message_headers_get_list (options->headers, "DAV") : NULL;
  g_autofree char *shown = NULL;

  if (dav == NULL)
    {
      DavStatusInfo info;

      /* The standard reason: the server's own may say anything. */
      dav_status_lookup (options->status, &info);
      return g_strdup_printf (_("Asked with OPTIONS, it answered %u %s with no DAV header: it offers no WebDAV at this address."),
                              options->status, info.reason);
    }

  /* The server's words: never more than a line of them. */
  shown = dav_text_escape (dav, MIN (strlen (dav), 80));
  return g_strdup_printf (_("Asked with OPTIONS, it does announce WebDAV (DAV: %s): the share may be at another address on this server."),
                          shown);
}

/* Which proxy refused with 407, and what login it wants: the server's
 * own login has nothing to do with it. */
static char *
proxy_finding (DavResult *result)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *proxy = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *realm = NULL;

  if (result->proxy_login == NULL)
    return g_strdup (_("The proxy did not say what login it wants."));

  /* host:port, scheme, realm: the proxy's own words are escaped. */
  parts = g_strsplit (result->proxy_login, "\n", 3);
  proxy = dav_text_escape (parts[0], -1);
  scheme = dav_text_escape (parts[1] != NULL ? parts[1] : "", -1);
  if (parts[1] != NULL && parts[2] != NULL)
    realm = dav_text_escape (parts[2], MIN (strlen (parts[2]), 120));
  else
    realm = g_strdup ("");
  if (*realm != '\0')
    /* Translators: %1$s is the proxy's host:port, %2$s an HTTP authentication scheme (Basic, Digest), %3$s the proxy's realm. */
    return g_strdup_printf (_("The proxy %1$s wants a %2$s login for “%3$s”; none was given, and the server’s own login was not sent to it."),
                            proxy, scheme, realm);

  /* Translators: %1$s is the proxy's host:port, %2$s an HTTP authentication scheme (Basic, Digest). */
  return g_strdup_printf (_("The proxy %1$s wants a %2$s login; none was given, and the server’s own login was not sent to it."),
                          proxy, scheme);
}

/* What a failed listing tells the person: the server's status worded for
 * a listing, what OPTIONS showed when it was asked (@options, or NULL),
 * and what to check. */
static GError *
failure_error (DavResult *result,
               DavResult *options)
{
  DavStatusInfo info;
  g_autoptr(GString) text = NULL;
  /* No DAV header: the window can say so in its title, not only below. */
  gboolean not_webdav = options != NULL &&
    (options->headers == NULL || soup_message_headers_get_list (options->headers, "DAV") == NULL);

  dav_status_lookup_for_method (result->status, result->method, &info);
  text = g_string_new (info.explanation);
  if (options != NULL)
    {
      g_autofree char *finding = options_finding (options);

      g_string_append_printf (text, " %s", finding);
    }
  if (result->status == SOUP_STATUS_PROXY_UNAUTHORIZED)
    {
      g_autofree char *finding = proxy_finding (result);

      g_string_append_printf (text, " %s", finding);
    }
  g_string_append_printf (text, " %s", info.advice);

  if (result->status == SOUP_STATUS_PROXY_UNAUTHORIZED)
    return g_error_new (DAV_ERROR, DAV_ERROR_STATUS, _("The proxy answered %u %s: %s"),
                        result->status, info.reason, text->str);

  return g_error_new (DAV_ERROR, not_webdav ? DAV_ERROR_NOT_WEBDAV : DAV_ERROR_STATUS,
                      _("The server answered %u %s: %s"),
                      result->status, info.reason, text->str);
}

/* What the folder keeps of a failed request: the error, its message made
 * safe to show (it may quote the server), and what it is about. */
static GError *
listing_error (GError *error)
{
  GError *kept;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Listing cancelled."));

  kept = g_error_copy (error);
  g_free (kept->message);
  kept->message = dav_text_escape (error->message, -1);
  return kept;
}

static void
end_load (Load         *load,
          guint         status,
          gboolean      complete,
          const GError *failure,
          GPtrArray    *problems,
          guint64       exchange)
{
  g_autoptr(DavResourceStore) self = g_weak_ref_get (&load->store);

  /* The parser is done (joined): the last entries are in the queue. */
  if (load->feed != NULL)
    feed_deliver (load->feed);
  dav_folder_end_load (load->folder, status, complete, failure, problems, exchange);
  if (self != NULL)
    {
      forget_missing_children (self, load->folder);
      /* Asked to refresh while this listing ran: it may be stale. */
      if (dav_folder_get_refresh_pending (load->folder))
        {
          dav_folder_set_refresh_pending (load->folder, FALSE);
          start_load (self, load->folder, TRUE);
        }
    }
  load_free (load);
}

static void
on_checked (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(DavResult) result = g_steal_pointer (&load->result);
  /* No answer to OPTIONS either: the page says what the listing got. */
  g_autoptr(DavResult) options = dav_client_options_finish (DAV_CLIENT (source), res, NULL);
  g_autoptr(GError) failure = failure_error (result, options);

  end_load (load, result->status, FALSE, failure,
            result->body != NULL ? result->body->problems : NULL, result->exchange_id);
}

/* A listing refused as a method the server does not know or allow here:
 * most often no WebDAV at all (a plain web server, a wrong path), which
 * its answer to OPTIONS tells (RFC 4918 §10.1). */
static gboolean
needs_options_check (DavResult *result)
{
  return result->status == SOUP_STATUS_NOT_IMPLEMENTED ||
         result->status == SOUP_STATUS_METHOD_NOT_ALLOWED;
}

static void
on_listed (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Load *load = user_data;
  DavClient *client = DAV_CLIENT (source);
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failure = NULL;
  GTlsCertificateFlags rejected_errors = 0;
  GTlsCertificate *rejected;
  GPtrArray *problems = NULL;
  gboolean complete = FALSE;
  guint status = 0;
  guint64 exchange = 0;

  result = dav_client_propfind_finish (client, res, &error);
  rejected = dav_client_get_rejected_certificate (client, res, &rejected_errors);
  dav_folder_set_rejected_certificate (load->folder, rejected, rejected_errors);
  if (result == NULL)
    failure = listing_error (error);
  else
    {
      status = result->status;
      exchange = result->exchange_id;
      if (result->body != NULL)
        problems = result->body->problems;

      /* Only a whole 207 is a listing (docs/hostile-servers.md case 32:
       * never an empty folder for a 200 HTML page or a 404). */
      if (result->status == 207)
        complete = result->complete;
      else if (needs_options_check (result))
        {
          g_autoptr(DavResourceStore) self = g_weak_ref_get (&load->store);

          if (self != NULL)
            {
              load->result = g_steal_pointer (&result);
              dav_client_options_async (client, dav_folder_get_url (load->folder),
                                        self->cancellable, on_checked, load);
              return;
            }
          failure = failure_error (result, NULL);
        }
      else
        failure = failure_error (result, NULL);
    }

  end_load (load, status, complete, failure, problems, exchange);
}

static void
start_load (DavResourceStore *self,
            DavFolder        *folder,
            gboolean          refresh)
{
  Load *load;

  if (dav_folder_get_loading (folder))
    {
      if (refresh)
        dav_folder_set_refresh_pending (folder, TRUE);
      return;
    }

  load = g_new0 (Load, 1);
  g_weak_ref_init (&load->store, self);
  load->folder = g_object_ref (folder);
  load->propfind = dav_propfind_new (DAV_DEPTH_1, DAV_PROPFIND_PROP,
                                     self->names ? (const char * const *) self->names : dav_propfind_listing_properties ());
  /* A refresh shows its rows at the end: no frame to wait for meanwhile. */
  dav_propfind_set_flags (load->propfind, DAV_PROPFIND_FLAGS_STREAM |
                          (refresh && dav_folder_get_loaded (folder) ? 0 : DAV_PROPFIND_FLAGS_FIRST_FRAMES) |
                          (self->parse_thread ? DAV_PROPFIND_FLAGS_PARSE_THREAD : 0));
  if (self->parse_thread)
    {
      load->feed = feed_new (load, refresh && dav_folder_get_loaded (folder));
      g_signal_connect_data (load->propfind, "response", G_CALLBACK (on_feed_response),
                             feed_ref (load->feed), (GClosureNotify) (void (*) (void)) feed_unref, 0);
    }
  else
    g_signal_connect (load->propfind, "response", G_CALLBACK (on_response), load);

  dav_folder_begin_load (folder, refresh);
  dav_client_propfind_async (self->client, dav_folder_get_url (folder), load->propfind,
                             self->cancellable, on_listed, load);
}

void
dav_resource_store_load (DavResourceStore *self,
                         DavFolder        *folder)
{
  g_return_if_fail (DAV_IS_RESOURCE_STORE (self));
  g_return_if_fail (DAV_IS_FOLDER (folder));

  if (dav_folder_get_loaded (folder))
    return;

  start_load (self, folder, FALSE);
}

void
dav_resource_store_refresh (DavResourceStore *self,
                            DavFolder        *folder)
{
  g_return_if_fail (DAV_IS_RESOURCE_STORE (self));
  g_return_if_fail (DAV_IS_FOLDER (folder));

  start_load (self, folder, TRUE);
}

DavFolder *
dav_resource_store_get_folder (DavResourceStore *self,
                               DavResource      *collection)
{
  g_return_val_if_fail (DAV_IS_RESOURCE_STORE (self), NULL);
  g_return_val_if_fail (DAV_IS_RESOURCE (collection), NULL);

  if (!dav_resource_is_collection (collection) || dav_resource_is_flagged (collection) ||
      dav_resource_get_url (collection) == NULL)
    return NULL;

  return folder_for_url (self, dav_resource_get_url (collection));
}

DavFolder *
dav_resource_store_get_root (DavResourceStore *self)
{
  g_return_val_if_fail (DAV_IS_RESOURCE_STORE (self), NULL);

  return self->root;
}

DavFolder *
dav_resource_store_open (DavResourceStore  *self,
                         const char        *url,
                         GError           **error)
{
  g_return_val_if_fail (DAV_IS_RESOURCE_STORE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if (!dav_client_set_base_url (self->client, url, error))
    return NULL;

  self->root = folder_for_url (self, dav_client_get_base_url (self->client));
  dav_resource_store_load (self, self->root);

  return self->root;
}

DavClient *
dav_resource_store_get_client (DavResourceStore *self)
{
  g_return_val_if_fail (DAV_IS_RESOURCE_STORE (self), NULL);

  return self->client;
}

void
dav_resource_store_set_properties (DavResourceStore   *self,
                                   const char * const *names)
{
  g_return_if_fail (DAV_IS_RESOURCE_STORE (self));

  g_strfreev (self->names);
  self->names = g_strdupv ((char **) names);
}

void
dav_resource_store_ask_for (DavResourceStore *self,
                            const char       *clark)
{
  const char * const *names;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer folder;

  g_return_if_fail (DAV_IS_RESOURCE_STORE (self));
  g_return_if_fail (clark != NULL);

  names = self->names ? (const char * const *) self->names : dav_propfind_listing_properties ();
  if (g_strv_contains (names, clark))
    return;
  g_strv_builder_addv (builder, (const char **) names);
  g_strv_builder_add (builder, clark);
  g_strfreev (self->names);
  self->names = g_strv_builder_end (builder);

  /* Listing a folder may forget others (collections it no longer has):
   * the list is taken first. */
  g_hash_table_iter_init (&iter, self->folders);
  while (g_hash_table_iter_next (&iter, NULL, &folder))
    if (dav_folder_get_loaded (folder) || dav_folder_get_loading (folder))
      g_ptr_array_add (listed, g_object_ref (folder));
  for (guint i = 0; i < listed->len; i++)
    start_load (self, g_ptr_array_index (listed, i), TRUE);
}

static char *
parent_of (const char *url)
{
  char *parent = NULL;

  dav_href_split_last (url, &parent, NULL);
  return parent;
}

static void
add_stale (GPtrArray *stale,
           DavFolder *folder)
{
  if (folder != NULL && !g_ptr_array_find (stale, folder, NULL))
    g_ptr_array_add (stale, folder);
}

void
dav_resource_store_apply_report (DavResourceStore *self,
                                 DavReport        *report)
{
  g_autoptr(GPtrArray) stale = g_ptr_array_new ();
  /* DavFolder -> GPtrArray of the URLs deleted from it: removed together. */
  g_autoptr(GHashTable) deleted = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer folder, urls;

  g_return_if_fail (DAV_IS_RESOURCE_STORE (self));
  g_return_if_fail (report != NULL);

  for (guint i = 0; i < report->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (report->items, i);
      g_autofree char *parent_url = parent_of (item->url);
      g_autofree char *parent_key = dav_href_normalize_path (parent_url);
      g_autofree char *own_key = dav_href_normalize_path (item->url);
      DavFolder *parent = g_hash_table_lookup (self->folders, parent_key);
      DavFolder *own = g_hash_table_lookup (self->folders, own_key);

      if (item->outcome == DAV_OUTCOME_DONE && g_str_equal (item->method, "DELETE"))
        {
          /* Confirmed by the server: it can go without asking again. */
          if (parent != NULL)
            {
              GPtrArray *from_parent = g_hash_table_lookup (deleted, parent);

              if (from_parent == NULL)
                g_hash_table_insert (deleted, g_object_ref (parent), from_parent = g_ptr_array_new ());
              g_ptr_array_add (from_parent, (gpointer) item->url);
            }
          forget_folders_under (self, own_key);
          continue;
        }

      /* A download changes nothing on the server. */
      if (item->outcome == DAV_OUTCOME_NOT_ATTEMPTED || g_str_equal (item->method, "GET"))
        continue;

      if (item->outcome == DAV_OUTCOME_DONE && g_str_equal (item->method, "MOVE"))
        {
          /* Gone from here: its cached folders go too (and @own with them). */
          forget_folders_under (self, own_key);
          own = NULL;
        }

      /* Anything else: what is there now is the server's to say, here and
       * where a copy or move went. */
      add_stale (stale, parent);
      add_stale (stale, own);
      if (item->destination != NULL &&
          (g_str_equal (item->method, "COPY") || g_str_equal (item->method, "MOVE")))
        {
          g_autofree char *to_parent = parent_of (item->destination);
          g_autofree char *to_parent_key = dav_href_normalize_path (to_parent);
          g_autofree char *to_key = dav_href_normalize_path (item->destination);

          add_stale (stale, g_hash_table_lookup (self->folders, to_parent_key));
          add_stale (stale, g_hash_table_lookup (self->folders, to_key));
        }
    }

  /* The report's items outlive this call: the URLs are borrowed. */
  g_hash_table_iter_init (&iter, deleted);
  while (g_hash_table_iter_next (&iter, &folder, &urls))
    {
      dav_folder_remove_many (folder, (const char *const *) ((GPtrArray *) urls)->pdata, ((GPtrArray *) urls)->len);
      g_object_unref (folder);
    }

  for (guint i = 0; i < stale->len; i++)
    start_load (self, g_ptr_array_index (stale, i), TRUE);
}

static void
dav_resource_store_dispose (GObject *object)
{
  DavResourceStore *self = DAV_RESOURCE_STORE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->client);
  g_clear_pointer (&self->folders, g_hash_table_unref);
  self->root = NULL;

  G_OBJECT_CLASS (dav_resource_store_parent_class)->dispose (object);
}

static void
dav_resource_store_finalize (GObject *object)
{
  DavResourceStore *self = DAV_RESOURCE_STORE (object);

  g_strfreev (self->names);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (dav_resource_store_parent_class)->finalize (object);
}

static void
dav_resource_store_class_init (DavResourceStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dav_resource_store_dispose;
  object_class->finalize = dav_resource_store_finalize;
}

/* Whether the listings parse on a thread of their own. On a free core
 * the main thread is left the merges into the models and the frames;
 * where every core is busy (the window shares them with the display
 * server, the compositor and often the server itself) the hand-over
 * costs more than it saves (benchmarks/RESULTS.md, "s13a").
 * DAVSCOPE_LISTING_THREAD=0 or 1 decides instead, for tests and
 * benchmarks. */
static gboolean
listing_thread_pays (void)
{
  const char *forced = g_getenv ("DAVSCOPE_LISTING_THREAD");
  double load = 0;

  if (forced != NULL)
    return g_strcmp0 (forced, "0") != 0;

  return g_get_num_processors () >= 2 && getloadavg (&load, 1) == 1 &&
         load + 1.0 <= g_get_num_processors ();
}

void
dav_resource_store_set_parse_thread (DavResourceStore *self,
                                     gboolean          parse_thread)
{
  g_return_if_fail (DAV_IS_RESOURCE_STORE (self));

  self->parse_thread = parse_thread != FALSE;
}

static void
dav_resource_store_init (DavResourceStore *self)
{
  self->parse_thread = listing_thread_pays ();
  self->folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cancellable = g_cancellable_new ();
}

DavResourceStore *
dav_resource_store_new (DavClient *client)
{
  DavResourceStore *self;

  g_return_val_if_fail (DAV_IS_CLIENT (client), NULL);

  self = g_object_new (DAV_TYPE_RESOURCE_STORE, NULL);
  self->client = g_object_ref (client);
  self->root = folder_for_url (self, dav_client_get_base_url (client));

  return self;
}
