/* dav-folder.c: the members of one collection, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-folder-private.h"

/* The first items-changed while a first listing streams in: a screenful.
 * A list view makes a row widget for each new item up to ~200 at once, so
 * a first batch of 256 cost ~130 ms before the first frame could show
 * any (benchmarks/run-gui: first rows 0.41 s; with 64, 0.26 s). */
#define BATCH_SIZE 64
/* The batches double up to this many rows, and stay there: one change of
 * half a folder (500,000 rows of 1,000,000) is a merge the window cannot
 * spread over frames (issue 19: a 2.1 s freeze at the end of the load). */
#define BATCH_MAX  16384

struct _DavFolder
{
  GObject      parent_instance;

  char        *url;
  GListStore  *items;
  /* normalised URL -> DavResource, of the items; the keys are the
   * resources' own (dav_resource_keep_index_key), so a row costs the
   * index no string: a resource leaves the index before the store. */
  GHashTable  *by_url;
  DavResource *resource;

  gboolean     loading;
  gboolean     loaded;
  gboolean     complete;
  gboolean     refreshing;
  gboolean     refresh_pending;
  GError      *error;
  GTlsCertificate *rejected;
  GTlsCertificateFlags rejected_errors;
  guint        status;
  GPtrArray   *problems;
  guint        n_flagged;
  guint64      exchange_id;

  /* While loading: the new list in order, its map, and how much of it
   * the first load has shown already. */
  GPtrArray   *next;
  GHashTable  *next_by_url;
  guint        shown;
  guint        n_anonymous;
  GSource     *first_rows;   /* shows the rows of the piece being parsed */
};

static void dav_folder_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DavFolder, dav_folder, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dav_folder_list_model_init))

enum {
  PROP_0,
  PROP_URL,
  PROP_RESOURCE,
  PROP_LOADING,
  PROP_LOADED,
  PROP_COMPLETE,
  PROP_ERROR,
  PROP_N_FLAGGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
dav_folder_get_item_type (GListModel *model)
{
  return DAV_TYPE_RESOURCE;
}

static guint
dav_folder_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (DAV_FOLDER (model)->items));
}

static gpointer
dav_folder_get_item (GListModel *model,
                     guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (DAV_FOLDER (model)->items), position);
}

static void
dav_folder_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dav_folder_get_item_type;
  iface->get_n_items = dav_folder_get_n_items;
  iface->get_item = dav_folder_get_item;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  DavFolder  *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
set_boolean (DavFolder *self,
             gboolean  *field,
             gboolean   value,
             guint      prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* The idle of dav_folder_take_response, wherever it was attached. */
static void
clear_first_rows (DavFolder *self)
{
  if (self->first_rows == NULL)
    return;
  g_source_destroy (self->first_rows);
  g_clear_pointer (&self->first_rows, g_source_unref);
}

void
dav_folder_begin_load (DavFolder *self,
                       gboolean   refresh)
{
  g_return_if_fail (DAV_IS_FOLDER (self));
  g_return_if_fail (!self->loading);

  self->refreshing = refresh && self->loaded;
  g_clear_pointer (&self->next, g_ptr_array_unref);
  g_clear_pointer (&self->next_by_url, g_hash_table_unref);
  self->next = g_ptr_array_new_with_free_func (g_object_unref);
  self->next_by_url = g_hash_table_new (g_str_hash, g_str_equal);
  self->shown = 0;
  self->n_anonymous = 0;
  clear_first_rows (self);

  if (!self->refreshing && g_list_model_get_n_items (G_LIST_MODEL (self->items)) > 0)
    {
      /* Nothing of the old rows is taken over: the index goes first, as
       * its keys and values go with the rows. */
      g_hash_table_remove_all (self->by_url);
      g_list_store_remove_all (self->items);
    }

  set_boolean (self, &self->loading, TRUE, PROP_LOADING);
}

static void
show_pending (DavFolder *self)
{
  guint n = self->next->len - self->shown;

  if (n == 0 || self->refreshing)
    return;

  g_list_store_splice (self->items, g_list_model_get_n_items (G_LIST_MODEL (self->items)), 0,
                       self->next->pdata + self->shown, n);
  self->shown = self->next->len;
}

/* Once the piece of the body that brought the entries is parsed. */
static gboolean
show_first_rows (gpointer user_data)
{
  DavFolder *self = user_data;

  g_clear_pointer (&self->first_rows, g_source_unref);
  if (self->loading && self->shown < BATCH_SIZE)
    show_pending (self);

  return G_SOURCE_REMOVE;
}

struct _DavFolderEntry
{
  DavResource *resource;   /* the row made off the main thread, or NULL */
  DavResponse *response;   /* without a row: what the folder applies */
  DavHref     *href;
  char        *key;        /* the resource's index key with a row; NULL: no URL */
};

/* The index key of an entry: its normalised path. One that names nothing
 * gets its key from the folder (a row of its own, never merged). */
static char *
entry_key (const DavHref *href)
{
  return href->uri ? dav_href_normalize_path (href->uri) : NULL;
}

DavFolderEntry *
dav_folder_entry_new (DavResponse   *response,
                      const DavHref *href,
                      GHashTable    *seen)
{
  DavFolderEntry *entry = g_new0 (DavFolderEntry, 1);
  gpointer hash = NULL;

  if (href->relation != DAV_HREF_SELF)
    entry->key = entry_key (href);
  if (entry->key != NULL)
    hash = GUINT_TO_POINTER (g_str_hash (entry->key));

  /* A key whose hash came before may be the same resource twice
   * (docs/hostile-servers.md case 20): the folder merges it. */
  if (seen != NULL && href->relation != DAV_HREF_SELF &&
      (entry->key == NULL || !g_hash_table_contains (seen, hash)))
    {
      if (entry->key != NULL)
        g_hash_table_add (seen, hash);
      entry->resource = dav_resource_new (href);
      dav_resource_update (entry->resource, response, href);
      /* The name's sort key too: on the parser's thread, this is ~5,000
       * instructions a row the main thread does not do (a tenth of its
       * share of a listing; benchmarks/RESULTS.md, session 13). */
      dav_resource_get_name_key (entry->resource);
      if (entry->key != NULL)
        entry->key = (char *) dav_resource_keep_index_key (entry->resource, entry->key);
      return entry;
    }

  entry->response = dav_response_ref (response);
  entry->href = dav_href_copy (href);
  return entry;
}

void
dav_folder_entry_free (DavFolderEntry *entry)
{
  if (entry->resource != NULL)
    g_object_unref (entry->resource);
  else
    g_free (entry->key);
  g_clear_pointer (&entry->response, dav_response_unref);
  g_clear_pointer (&entry->href, dav_href_free);
  g_free (entry);
}

/* A row for @key goes into the new list; the list changes in batches. */
static void
add_row (DavFolder   *self,
         DavResource *resource,
         const char  *key)
{
  g_ptr_array_add (self->next, resource);
  g_hash_table_insert (self->next_by_url, (char *) key, resource);

  /* The first rows as soon as there is a screenful, then batches that
   * double: a sorted view merges on every change, so n entries cost
   * O(log n) changes rather than n / 64 (100,000 rows: 15, not 1,563),
   * up to BATCH_MAX, so that no single change is a freeze
   * (1,000,000 rows: 70 changes). */
  if (self->next->len - self->shown >= CLAMP (self->shown, BATCH_SIZE, BATCH_MAX))
    show_pending (self);
  /* Until a first batch is shown, the entries of each piece of the body
   * are shown once it is parsed (over a long round trip the first 16 KiB
   * hold ~50 of Apache's entries; the next ones come a round trip later),
   * each in a frame of its own (DAV_PROPFIND_FLAGS_FIRST_FRAMES, issue 16).
   * Default priority: after the parse of this piece, before the next
   * read completes. */
  else if (self->shown < BATCH_SIZE && !self->refreshing && self->first_rows == NULL)
    {
      /* In the context the listing's reads complete in. */
      self->first_rows = g_idle_source_new ();
      g_source_set_priority (self->first_rows, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->first_rows, show_first_rows, self, NULL);
      g_source_attach (self->first_rows, g_main_context_get_thread_default ());
    }
}

static void
take_self (DavFolder     *self,
           DavResponse   *response,
           const DavHref *href)
{
  if (self->resource == NULL)
    {
      self->resource = dav_resource_new (href);
      dav_resource_update (self->resource, response, href);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOURCE]);
    }
  else
    dav_resource_update (self->resource, response, href);
}

void
dav_folder_take_entry (DavFolder      *self,
                       DavFolderEntry *entry)
{
  DavResource *resource;
  char *key;

  g_return_if_fail (DAV_IS_FOLDER (self));
  g_return_if_fail (self->loading);
  g_return_if_fail (entry != NULL);

  if (entry->resource == NULL && entry->href->relation == DAV_HREF_SELF)
    {
      take_self (self, entry->response, entry->href);
      dav_folder_entry_free (entry);
      return;
    }

  key = entry->key != NULL ? entry->key : g_strdup_printf ("\x01invalid-%u", self->n_anonymous++);
  if (entry->resource != NULL)
    {
      /* Made for a key the listing had not had: a new row. */
      resource = g_steal_pointer (&entry->resource);
      if (entry->key == NULL)
        key = (char *) dav_resource_keep_index_key (resource, key);
      entry->key = NULL;
      dav_folder_entry_free (entry);
      add_row (self, resource, key);
      return;
    }

  entry->key = NULL;
  resource = g_hash_table_lookup (self->next_by_url, key);
  if (resource != NULL)
    {
      /* The same resource twice (docs/hostile-servers.md case 20): one row. */
      dav_resource_update (resource, entry->response, entry->href);
      g_free (key);
      dav_folder_entry_free (entry);
      return;
    }

  resource = g_hash_table_lookup (self->by_url, key);
  if (resource != NULL)
    g_object_ref (resource);
  else
    resource = dav_resource_new (entry->href);
  dav_resource_update (resource, entry->response, entry->href);
  dav_folder_entry_free (entry);
  add_row (self, resource, dav_resource_keep_index_key (resource, key));
}

void
dav_folder_take_response (DavFolder     *self,
                          DavResponse   *response,
                          const DavHref *href)
{
  g_autofree char *key = NULL;
  DavResource *resource;

  g_return_if_fail (DAV_IS_FOLDER (self));
  g_return_if_fail (self->loading);

  if (href->relation == DAV_HREF_SELF)
    {
      take_self (self, response, href);
      return;
    }

  /* An entry that names nothing still gets a row: never dropped. */
  key = entry_key (href);
  if (key == NULL)
    key = g_strdup_printf ("\x01invalid-%u", self->n_anonymous++);

  resource = g_hash_table_lookup (self->next_by_url, key);
  if (resource != NULL)
    {
      /* The same resource twice (docs/hostile-servers.md case 20): one row. */
      dav_resource_update (resource, response, href);
      return;
    }

  resource = g_hash_table_lookup (self->by_url, key);
  if (resource != NULL)
    g_object_ref (resource);
  else
    resource = dav_resource_new (href);
  dav_resource_update (resource, response, href);

  add_row (self, resource, dav_resource_keep_index_key (resource, g_steal_pointer (&key)));
}

/* Brings the items to the new list with as few changes as possible: a
 * tree keeps the expanded state of the rows that stay, so a refresh
 * removes only what is gone and inserts only what is new. */
static void
apply_new_list (DavFolder *self)
{
  GListModel *model = G_LIST_MODEL (self->items);
  g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);
  guint n, i;

  for (i = 0; i < self->next->len; i++)
    g_hash_table_add (wanted, g_ptr_array_index (self->next, i));

  /* Gone: removed in runs, from the end so positions stay valid. */
  n = g_list_model_get_n_items (model);
  for (i = n; i > 0; i--)
    {
      g_autoptr(DavResource) item = g_list_model_get_item (model, i - 1);
      guint end = i;

      if (g_hash_table_contains (wanted, item))
        continue;
      while (i > 1)
        {
          g_autoptr(DavResource) before = g_list_model_get_item (model, i - 2);

          if (g_hash_table_contains (wanted, before))
            break;
          i--;
        }
      g_list_store_splice (self->items, i - 1, end - i + 1, NULL, 0);
    }

  /* New or moved: inserted in runs where they belong. */
  for (i = 0; i < self->next->len; )
    {
      DavResource *want = g_ptr_array_index (self->next, i);
      g_autoptr(DavResource) have = i < g_list_model_get_n_items (model) ? g_list_model_get_item (model, i) : NULL;
      guint run = 0;
      guint old_position;

      if (have == want)
        {
          i++;
          continue;
        }

      /* A resource the server now lists elsewhere moves (rare). */
      while (i + run < self->next->len)
        {
          DavResource *candidate = g_ptr_array_index (self->next, i + run);

          if (candidate == have)
            break;
          if (g_list_store_find (self->items, candidate, &old_position))
            g_list_store_remove (self->items, old_position);
          run++;
        }
      g_list_store_splice (self->items, i, 0, self->next->pdata + i, run);
      i += run;
    }

  n = g_list_model_get_n_items (model);
  if (n > self->next->len)
    g_list_store_splice (self->items, self->next->len, n - self->next->len, NULL, 0);
}

void
dav_folder_set_rejected_certificate (DavFolder            *self,
                                     GTlsCertificate      *certificate,
                                     GTlsCertificateFlags  errors)
{
  g_return_if_fail (DAV_IS_FOLDER (self));

  g_set_object (&self->rejected, certificate);
  self->rejected_errors = certificate ? errors : 0;
}

static gboolean
same_error (const GError *a,
            const GError *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return a->domain == b->domain && a->code == b->code && g_str_equal (a->message, b->message);
}

void
dav_folder_end_load (DavFolder    *self,
                     guint         status,
                     gboolean      complete,
                     const GError *error,
                     GPtrArray    *problems,
                     guint64       exchange_id)
{
  guint n_flagged = 0;
  gboolean failed;

  g_return_if_fail (DAV_IS_FOLDER (self));
  g_return_if_fail (self->loading);

  g_object_freeze_notify (G_OBJECT (self));

  /* A refresh that got no listing at all keeps what was shown, with the
   * error: a passing timeout must not empty an expanded tree. */
  failed = error != NULL && status != 207;
  clear_first_rows (self);
  if (self->refreshing && !failed)
    apply_new_list (self);
  else if (!self->refreshing)
    show_pending (self);

  if (!failed || !self->refreshing)
    {
      for (guint i = 0; i < self->next->len; i++)
        if (dav_resource_is_flagged (g_ptr_array_index (self->next, i)))
          n_flagged++;

      g_hash_table_unref (self->by_url);
      self->by_url = g_steal_pointer (&self->next_by_url);
    }
  else
    n_flagged = self->n_flagged;
  g_clear_pointer (&self->next, g_ptr_array_unref);
  g_clear_pointer (&self->next_by_url, g_hash_table_unref);

  self->status = status;
  self->exchange_id = exchange_id;
  g_ptr_array_set_size (self->problems, 0);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_ptr_array_add (self->problems, dav_problem_copy (g_ptr_array_index (problems, i)));

  if (!same_error (self->error, error))
    {
      g_clear_error (&self->error);
      self->error = error ? g_error_copy (error) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  if (n_flagged != self->n_flagged)
    {
      self->n_flagged = n_flagged;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FLAGGED]);
    }

  set_boolean (self, &self->complete, complete && error == NULL, PROP_COMPLETE);
  set_boolean (self, &self->loaded, !failed || (self->refreshing && self->loaded), PROP_LOADED);
  set_boolean (self, &self->loading, FALSE, PROP_LOADING);
  self->refreshing = FALSE;

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
dav_folder_remove (DavFolder  *self,
                   const char *url)
{
  g_autofree char *key = NULL;
  DavResource *resource;
  guint position;

  g_return_val_if_fail (DAV_IS_FOLDER (self), FALSE);

  key = dav_href_normalize_path (url);
  resource = g_hash_table_lookup (self->by_url, key);
  if (resource == NULL)
    return FALSE;

  /* First: the key is the resource's, which the store may free. */
  g_hash_table_remove (self->by_url, key);
  if (g_list_store_find (self->items, resource, &position))
    g_list_store_remove (self->items, position);

  return TRUE;
}

guint
dav_folder_remove_many (DavFolder         *self,
                        const char *const *urls,
                        guint              n_urls)
{
  g_autoptr(GHashTable) going = g_hash_table_new (NULL, NULL);
  GListModel *model;
  guint end;

  g_return_val_if_fail (DAV_IS_FOLDER (self), 0);
  g_return_val_if_fail (urls != NULL || n_urls == 0, 0);

  for (guint i = 0; i < n_urls; i++)
    {
      g_autofree char *key = dav_href_normalize_path (urls[i]);
      DavResource *resource = g_hash_table_lookup (self->by_url, key);

      if (resource == NULL)
        continue;
      /* First: the key is the resource's, which the store may free. */
      g_hash_table_remove (self->by_url, key);
      g_hash_table_add (going, resource);
    }
  if (g_hash_table_size (going) == 0)
    return 0;

  /* One items-changed per run of neighbours, from the end so that the
   * positions before stay: every row removed one by one costs each model
   * above (sort, tree, selection, the view) a pass of its own, which for
   * a selection of 1,000 froze the window for seconds (issue 16). */
  model = G_LIST_MODEL (self->items);
  end = g_list_model_get_n_items (model);
  while (end > 0)
    {
      guint start = end;

      while (start > 0)
        {
          g_autoptr(DavResource) item = g_list_model_get_item (model, start - 1);

          if (!g_hash_table_contains (going, item))
            break;
          start--;
        }
      if (start < end)
        g_list_store_splice (self->items, start, end - start, NULL, 0);
      else
        start--;
      end = start;
    }

  return g_hash_table_size (going);
}

DavResource *
dav_folder_find (DavFolder  *self,
                 const char *url)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (DAV_IS_FOLDER (self), NULL);

  key = dav_href_normalize_path (url);
  return g_hash_table_lookup (self->by_url, key);
}

const char *
dav_folder_get_url (DavFolder *self)
{
  g_return_val_if_fail (DAV_IS_FOLDER (self), NULL);
  return self->url;
}

DavResource *
dav_folder_get_resource (DavFolder *self)
{
  g_return_val_if_fail (DAV_IS_FOLDER (self), NULL);
  return self->resource;
}

gboolean
dav_folder_get_loading (DavFolder *self)
{
  g_return_val_if_fail (DAV_IS_FOLDER (self), FALSE);
  return self->loading;
}

gboolean
dav_folder_get_loaded (DavFolder *self)
{
  g_return_val_if_fail (DAV_IS_FOLDER (self), FALSE);
  return self->loaded;
}

gboolean
dav_folder_get_complete (DavFolder *self)
{
  g_return_val_if_fail (DAV_IS_FOLDER (self), FALSE);
  return self->complete;
}

const GError *
dav_folder_get_error (DavFolder *self)
{
  g_return_val_if_fail (DAV_IS_FOLDER (self), NULL);
  return self->error;
}

const char *
dav_folder_get_error_message (DavFolder *self)
{
  g_return_val_if_fail (DAV_IS_FOLDER (self), NULL);
  return self->error ? self->error->message : NULL;
}

GTlsCertificate *
dav_folder_get_rejected_certificate (DavFolder            *self,
                                     GTlsCertificateFlags *errors)
{
  g_return_val_if_fail (DAV_IS_FOLDER (self), NULL);

  if (errors != NULL)
    *errors = self->rejected_errors;
  return self->rejected;
}

void
dav_folder_set_refresh_pending (DavFolder *self,
                                gboolean   pending)
{
  g_return_if_fail (DAV_IS_FOLDER (self));
  self->refresh_pending = pending;
}

gboolean
dav_folder_get_refresh_pending (DavFolder *self)
{
  g_return_val_if_fail (DAV_IS_FOLDER (self), FALSE);
  return self->refresh_pending;
}

guint
dav_folder_get_status (DavFolder *self)
{
  g_return_val_if_fail (DAV_IS_FOLDER (self), 0);
  return self->status;
}

GPtrArray *
dav_folder_get_problems (DavFolder *self)
{
  g_return_val_if_fail (DAV_IS_FOLDER (self), NULL);
  return self->problems;
}

guint
dav_folder_get_n_flagged (DavFolder *self)
{
  g_return_val_if_fail (DAV_IS_FOLDER (self), 0);
  return self->n_flagged;
}

guint64
dav_folder_get_exchange_id (DavFolder *self)
{
  g_return_val_if_fail (DAV_IS_FOLDER (self), 0);
  return self->exchange_id;
}

static void
dav_folder_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DavFolder *self = DAV_FOLDER (object);

  switch (prop_id)
    {
    case PROP_URL:       g_value_set_string (value, self->url); break;
    case PROP_RESOURCE:  g_value_set_object (value, self->resource); break;
    case PROP_LOADING:   g_value_set_boolean (value, self->loading); break;
    case PROP_LOADED:    g_value_set_boolean (value, self->loaded); break;
    case PROP_COMPLETE:  g_value_set_boolean (value, self->complete); break;
    case PROP_ERROR:     g_value_set_boxed (value, self->error); break;
    case PROP_N_FLAGGED: g_value_set_uint (value, self->n_flagged); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dav_folder_dispose (GObject *object)
{
  DavFolder *self = DAV_FOLDER (object);

  clear_first_rows (self);
  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, on_items_changed, self);
  g_clear_object (&self->items);
  g_clear_object (&self->resource);
  g_clear_object (&self->rejected);

  G_OBJECT_CLASS (dav_folder_parent_class)->dispose (object);
}

static void
dav_folder_finalize (GObject *object)
{
  DavFolder *self = DAV_FOLDER (object);

  g_free (self->url);
  g_hash_table_unref (self->by_url);
  g_clear_error (&self->error);
  g_ptr_array_unref (self->problems);
  g_clear_pointer (&self->next, g_ptr_array_unref);
  g_clear_pointer (&self->next_by_url, g_hash_table_unref);

  G_OBJECT_CLASS (dav_folder_parent_class)->finalize (object);
}

static void
dav_folder_class_init (DavFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = dav_folder_get_property;
  object_class->dispose = dav_folder_dispose;
  object_class->finalize = dav_folder_finalize;

  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_RESOURCE] = g_param_spec_object ("resource", NULL, NULL, DAV_TYPE_RESOURCE, flags);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, flags);
  properties[PROP_COMPLETE] = g_param_spec_boolean ("complete", NULL, NULL, FALSE, flags);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, flags);
  properties[PROP_N_FLAGGED] = g_param_spec_uint ("n-flagged", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dav_folder_init (DavFolder *self)
{
  self->items = g_list_store_new (DAV_TYPE_RESOURCE);
  g_signal_connect (self->items, "items-changed", G_CALLBACK (on_items_changed), self);
  self->by_url = g_hash_table_new (g_str_hash, g_str_equal);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_problem_free);
}

DavFolder *
dav_folder_new (const char *url)
{
  DavFolder *self = g_object_new (DAV_TYPE_FOLDER, NULL);

  self->url = g_strdup (url);

  return self;
}
