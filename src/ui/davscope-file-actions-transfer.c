/* davscope-file-actions-transfer.c: uploads and downloads, with the local side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An upload walks the chosen local folders (symbolic links not followed)
 * into MKCOLs and PUTs; a download lists the chosen remote folders whole
 * (DavWalk) and gives each file a local name of its own. What is in the
 * way is asked about, as for every file action
 * (davscope_file_op_ask_replace_or_run).
 */

#include "davscope-file-actions-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dav-href.h"
#include "dav-text.h"
#include "dav-walk.h"

typedef DavscopeFileOp Op;

/* ---- upload ------------------------------------------------------------- */

/* A dropped or chosen folder: its folders (parents first) in @folders as
 * URLs, its files in @files as (URL, local file). Symbolic links are not
 * followed, so a link to "/" uploads nothing of the rest of the disk. */
static void
collect_folder (GFile      *dir,
                const char *url,
                GPtrArray  *folders,
                GPtrArray  *files,
                GPtrArray  *paths)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) subfolders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) subfolder_urls = g_ptr_array_new_with_free_func (g_free);
  GFileInfo *info;

  g_ptr_array_add (folders, g_strdup (url));
  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));
      g_autofree char *child_name = g_filename_display_name (g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          g_ptr_array_add (subfolders, g_object_ref (child));
          g_ptr_array_add (subfolder_urls, davscope_file_child_url (url, child_name, TRUE));
        }
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        {
          g_ptr_array_add (files, davscope_file_child_url (url, child_name, FALSE));
          g_ptr_array_add (paths, g_object_ref (child));
        }
      g_object_unref (info);
    }

  for (guint i = 0; i < subfolders->len; i++)
    collect_folder (g_ptr_array_index (subfolders, i), g_ptr_array_index (subfolder_urls, i),
                    folders, files, paths);
}

/* The size of a local file, or -1. */
static gint64
file_size (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  return info != NULL ? g_file_info_get_size (info) : -1;
}

/* Counts @size (-1: unknown) into what @op carries. */
static void
add_bytes (Op     *op,
           gint64  size)
{
  if (size < 0 || op->bytes == G_MAXUINT64)
    op->bytes = G_MAXUINT64;
  else
    op->bytes += (guint64) size;
}

static void
upload_files (Op        *op,
              GPtrArray *files)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) file_urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_object_unref);
  const char *folder_url = dav_folder_get_url (op->folder);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *name = basename ? g_filename_display_name (basename) : NULL;
      gboolean is_dir;

      if (name == NULL)
        continue;
      is_dir = g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) == G_FILE_TYPE_DIRECTORY;

      if (is_dir)
        {
          g_autofree char *url = davscope_file_child_url (folder_url, name, TRUE);

          /* A folder goes up as a new folder; merging into one that is
           * there would need its whole tree first. */
          if (davscope_file_in_listing (op->folder, url))
            {
              g_autofree char *shown = dav_text_escape (name, -1);
              g_autofree char *text = g_strdup_printf (_("“%s” is already there: folders are uploaded only as new folders."), shown);

              davscope_file_op_toast (op, text);
              continue;
            }
          collect_folder (file, url, folders, file_urls, paths);
          continue;
        }

      {
        g_autofree char *url = davscope_file_child_url (folder_url, name, FALSE);

        if (davscope_file_in_listing (op->folder, url))
          {
            g_ptr_array_add (op->in_the_way, GUINT_TO_POINTER (file_urls->len));
            g_ptr_array_add (names, g_strdup (name));
          }
        g_ptr_array_add (file_urls, g_steal_pointer (&url));
        g_ptr_array_add (paths, g_object_ref (file));
        add_bytes (op, file_size (file));
      }
    }

  /* Folders first, so that each exists before what goes into it; a folder
   * has no local file (it is made with a MKCOL). The
   * indexes of what is in the way move by the number of folders. */
  for (guint i = 0; i < op->in_the_way->len; i++)
    op->in_the_way->pdata[i] = GUINT_TO_POINTER (GPOINTER_TO_UINT (op->in_the_way->pdata[i]) + folders->len);
  for (guint i = 0; i < folders->len; i++)
    davscope_file_op_add (op, g_ptr_array_index (folders, i), NULL, NULL);
  for (guint i = 0; i < file_urls->len; i++)
    davscope_file_op_add (op, g_ptr_array_index (file_urls, i), NULL, g_ptr_array_index (paths, i));

  if (op->urls->len == 0)
    {
      davscope_file_op_free (op);
      return;
    }

  davscope_file_op_ask_replace_or_run (op, names);
}

static void
on_upload_chosen (GtkNativeDialog *chooser,
                  int              response,
                  Op              *op)
{
  g_autoptr(GListModel) chosen = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (response != GTK_RESPONSE_ACCEPT)
    {
      davscope_file_op_free (op);
      return;
    }

  chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
    g_ptr_array_add (files, g_list_model_get_item (chosen, i));

  upload_files (op, files);
}

void
davscope_file_upload (const DavscopeFileContext *context,
                      DavFolder                 *folder,
                      GPtrArray                 *files)
{
  Op *op;

  g_return_if_fail (DAV_IS_FOLDER (folder));

  op = davscope_file_op_new (context, DAV_OPERATION_UPLOAD);
  op->folder = g_object_ref (folder);

  if (files != NULL)
    {
      upload_files (op, files);
      return;
    }

  op->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Upload Files"), op->context.parent,
                                                                GTK_FILE_CHOOSER_ACTION_OPEN,
                                                                _("_Upload"), _("_Cancel")));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (op->chooser), TRUE);
  gtk_native_dialog_set_modal (op->chooser, TRUE);
  g_signal_connect (op->chooser, "response", G_CALLBACK (on_upload_chosen), op);
  gtk_native_dialog_show (op->chooser);
}

/* ---- download ----------------------------------------------------------- */

typedef struct {
  char  *url;
  GFile *dir;      /* where its files go */
} Listing;

static void
listing_free (Listing *listing)
{
  g_free (listing->url);
  g_object_unref (listing->dir);
  g_free (listing);
}

/* A unique local name for @url in @dir: two server names can sanitise to
 * one local name; the later ones are numbered rather than one file being
 * written twice. @taken: the local paths given out so far. */
static GFile *
local_target (GFile      *dir,
              const char *url,
              GHashTable *taken)
{
  g_autofree char *base = dav_href_local_name (url);
  g_autofree char *name = g_strdup (base);
  GFile *file = NULL;

  for (guint n = 2; ; n++)
    {
      g_clear_object (&file);
      file = g_file_get_child_for_display_name (dir, name, NULL);
      if (file == NULL)
        file = g_file_get_child (dir, name);
      if (!g_hash_table_contains (taken, g_file_peek_path (file)))
        break;

      {
        const char *dot = strrchr (base, '.');

        g_free (name);
        if (dot != NULL && dot != base)
          name = g_strdup_printf ("%.*s (%u)%s", (int) (dot - base), base, n, dot);
        else
          name = g_strdup_printf ("%s (%u)", base, n);
      }
    }
  g_hash_table_add (taken, g_strdup (g_file_peek_path (file)));

  return file;
}

static void list_next_folder (Op *op);

static void
add_download (Op         *op,
              const char *url,
              GFile      *file)
{
  if (g_file_query_exists (file, NULL))
    {
      g_autofree char *shown = g_file_get_parse_name (file);

      g_ptr_array_add (op->in_the_way, GUINT_TO_POINTER (op->urls->len));
      g_ptr_array_add (op->names, g_steal_pointer (&shown));
    }
  davscope_file_op_add (op, url, NULL, file);
}

/* The key of a folder in op->dirs: its path, normalised. */
static char *
folder_key (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  return dav_href_normalize_path (uri != NULL ? g_uri_get_path (uri) : url);
}

/* The local folder for the folder @url below a chosen one: its parent's
 * local folder, then a name in it. A walk may hand a member over before
 * its folder, so any missing parent is made here too. */
static GFile *
local_dir_for (Op         *op,
               const char *url)
{
  g_autofree char *key = folder_key (url);
  g_autofree char *parent = NULL;
  GFile *dir = g_hash_table_lookup (op->dirs, key);

  if (dir != NULL)
    return dir;

  dav_href_split_last (url, &parent, NULL);
  if (parent == NULL || g_str_equal (parent, url))
    return NULL;
  dir = local_dir_for (op, parent);
  if (dir == NULL)
    return NULL;

  dir = local_target (dir, url, op->taken);
  g_ptr_array_add (op->local_dirs, g_object_ref (dir));
  g_hash_table_insert (op->dirs, g_steal_pointer (&key), dir);

  return dir;
}

static void
on_walk_item (DavWalk           *walk,
              const DavResponse *response,
              const char        *href_text,
              const DavHref     *href,
              gpointer           user_data)
{
  Op *op = user_data;
  g_autofree char *parent = NULL;
  GFile *dir;

  /* Inside the chosen folder only: never the folder itself, another
   * server or a path outside it (docs/hostile-servers.md cases 17, 18). */
  if (href == NULL || href->problem != NULL || href->uri == NULL ||
      (href->relation != DAV_HREF_MEMBER && href->relation != DAV_HREF_DESCENDANT))
    return;

  if (dav_response_is_collection (response, href->collection))
    {
      local_dir_for (op, href->uri);
      return;
    }

  dav_href_split_last (href->uri, &parent, NULL);
  dir = parent != NULL ? local_dir_for (op, parent) : NULL;
  if (dir != NULL)
    {
      g_autoptr(GFile) local = local_target (dir, href->uri, op->taken);

      add_download (op, href->uri, local);
    }
}

static void
on_walked (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Op *op = user_data;
  DavWalk *walk = DAV_WALK (source);
  g_autoptr(GError) error = NULL;
  Listing *listing = g_ptr_array_index (op->to_list, 0);
  GPtrArray *failures;

  /* Only a whole tree: a folder half listed would be downloaded half
   * (docs/hostile-servers.md promise 2). */
  if (!dav_walk_run_finish (walk, res, &error) || !dav_walk_get_complete (walk))
    {
      const DavWalkFailure *failure = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *why = NULL;
      g_autofree char *text = NULL;

      failures = dav_walk_get_failures (walk);
      if (error == NULL && failures->len > 0)
        failure = g_ptr_array_index (failures, 0);
      shown = dav_text_escape (failure ? failure->url : listing->url, -1);
      if (error != NULL)
        why = g_strdup (error->message);
      else if (failure != NULL && failure->status != 0)
        why = g_strdup_printf ("%u %s", failure->status, failure->reason ? failure->reason : "");
      else
        why = g_strdup (failure && failure->error ? failure->error : _("no reason given"));
      text = g_strdup_printf (_("“%s” could not be listed completely (%s), so nothing was downloaded."),
                              shown, why);

      davscope_file_op_toast (op, text);
      g_object_unref (walk);
      davscope_file_op_free (op);
      return;
    }

  g_object_unref (walk);
  g_ptr_array_remove_index (op->to_list, 0);
  list_next_folder (op);
}

/* Lists the next chosen folder with everything in it (DavWalk: Depth
 * infinity where the server allows it, else a folder at a time); when
 * none is left, asks and runs. */
static void
list_next_folder (Op *op)
{
  static const char * const names[] = { "{DAV:}resourcetype", NULL };
  Listing *next = op->to_list->len > 0 ? g_ptr_array_index (op->to_list, 0) : NULL;
  g_autoptr(GPtrArray) names_in_the_way = NULL;

  if (next != NULL)
    {
      DavWalk *walk = dav_walk_new (dav_resource_store_get_client (op->context.store), next->url,
                                    DAV_PROPFIND_PROP, names);

      g_hash_table_insert (op->dirs, folder_key (next->url), g_object_ref (next->dir));
      dav_walk_run_async (walk, on_walk_item, op, NULL, on_walked, op);
      return;
    }

  if (op->urls->len == 0)
    {
      davscope_file_op_toast (op, _("There is nothing to download: the folders are empty."));
      davscope_file_op_free (op);
      return;
    }

  names_in_the_way = g_steal_pointer (&op->names);
  op->names = g_ptr_array_new_with_free_func (g_free);
  davscope_file_op_ask_replace_or_run (op, names_in_the_way);
}

static void
on_download_folder_chosen (GtkNativeDialog *chooser,
                           int              response,
                           Op              *op)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GPtrArray) urls = NULL;

  if (response != GTK_RESPONSE_ACCEPT ||
      (dir = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL)
    {
      davscope_file_op_free (op);
      return;
    }

  /* The URLs were collected first; now each gets its local file, and each
   * folder its local folder and, once listed, its files. */
  urls = g_steal_pointer (&op->urls);
  op->urls = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < urls->len; i++)
    {
      const char *url = g_ptr_array_index (urls, i);
      g_autoptr(GFile) local = local_target (dir, url, op->taken);

      if (g_str_has_suffix (url, "/"))
        {
          Listing *listing = g_new0 (Listing, 1);

          listing->url = g_strdup (url);
          listing->dir = g_object_ref (local);
          g_ptr_array_add (op->local_dirs, g_steal_pointer (&local));
          g_ptr_array_add (op->to_list, listing);
        }
      else
        add_download (op, url, local);
    }

  list_next_folder (op);
}

void
davscope_file_download (const DavscopeFileContext *context,
                        GPtrArray                 *resources)
{
  Op *op;
  g_autofree char *title = NULL;

  g_return_if_fail (resources != NULL);

  op = davscope_file_op_new (context, DAV_OPERATION_DOWNLOAD);
  op->to_list = g_ptr_array_new_with_free_func ((GDestroyNotify) listing_free);
  for (guint i = 0; i < resources->len; i++)
    {
      DavResource *resource = g_ptr_array_index (resources, i);
      const char *url = dav_resource_get_url (resource);

      /* A folder is downloaded with everything in it. */
      if (dav_resource_is_collection (resource) && !g_str_has_suffix (url, "/"))
        g_ptr_array_add (op->urls, g_strconcat (url, "/", NULL));
      else
        g_ptr_array_add (op->urls, g_strdup (url));
      /* A folder's size is not known before its walk. */
      add_bytes (op, dav_resource_is_collection (resource) ? -1 : dav_resource_get_size (resource));
    }
  if (op->urls->len == 0)
    {
      davscope_file_op_free (op);
      return;
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Download %u Item To", "Download %u Items To", op->urls->len),
                           op->urls->len);
  op->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (title, op->context.parent,
                                                                GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                                _("_Download Here"), _("_Cancel")));
  gtk_native_dialog_set_modal (op->chooser, TRUE);
  g_signal_connect (op->chooser, "response", G_CALLBACK (on_download_folder_chosen), op);
  gtk_native_dialog_show (op->chooser);
}

