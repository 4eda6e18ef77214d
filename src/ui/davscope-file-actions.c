/* davscope-file-actions.c: the everyday file operations of the browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each operation is a short chain: ask (a name, files, a folder), look
 * for what is in the way (the folder's listing, or the local folder), ask
 * whether to replace it, then run a DavBatch, in a report window or
 * quietly. An Op holds what the chain needs between its steps.
 */

#include "davscope-file-actions.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dav-batch.h"
#include "dav-href.h"
#include "dav-text.h"
#include "dav-walk.h"
#include "davscope-accessible.h"
#include "davscope-report-window.h"

#define MAX_NAMES_SHOWN 6

typedef struct {
  GtkWindow        *parent;
  DavResourceStore *store;
  AdwToastOverlay  *toasts;
  DavFolder        *folder;        /* where new things go */
  DavResource      *resource;      /* rename */
  char             *method;
  GPtrArray        *urls;          /* char* */
  GPtrArray        *destinations;  /* char*: URLs, or local paths */
  GPtrArray        *in_the_way;    /* indexes (GUINT_TO_POINTER) of targets that exist */
  GtkWidget        *entry;         /* of a name dialog */
  char             *old_name;      /* rename */
  char             *toast;         /* said when a quiet run succeeds */
  GtkNativeDialog  *chooser;
  /* Downloads of folders. */
  GQueue           *to_list;       /* Listing*: chosen folders still to list */
  GHashTable       *dirs;          /* normalised folder path -> GFile*: its local folder */
  GPtrArray        *local_dirs;    /* GFile*: made just before the run */
  GHashTable       *taken;         /* local paths given out */
  GPtrArray        *names;         /* of the local files in the way */
} Op;

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Listing, listing_free)

static Op *
op_new (const DavscopeFileContext *context,
        const char                *method)
{
  Op *op = g_new0 (Op, 1);

  op->parent = g_object_ref (context->parent);
  op->store = g_object_ref (context->store);
  op->toasts = context->toasts ? g_object_ref (context->toasts) : NULL;
  op->method = g_strdup (method);
  op->urls = g_ptr_array_new_with_free_func (g_free);
  op->destinations = g_ptr_array_new_with_free_func (g_free);
  op->in_the_way = g_ptr_array_new ();
  op->to_list = g_queue_new ();
  op->dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  op->local_dirs = g_ptr_array_new_with_free_func (g_object_unref);
  op->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  op->names = g_ptr_array_new_with_free_func (g_free);

  return op;
}

static void
op_free (Op *op)
{
  g_object_unref (op->parent);
  g_object_unref (op->store);
  g_clear_object (&op->toasts);
  g_clear_object (&op->folder);
  g_clear_object (&op->resource);
  g_free (op->method);
  g_ptr_array_unref (op->urls);
  g_ptr_array_unref (op->destinations);
  g_ptr_array_unref (op->in_the_way);
  g_queue_free_full (op->to_list, (GDestroyNotify) listing_free);
  g_hash_table_unref (op->dirs);
  g_ptr_array_unref (op->local_dirs);
  g_hash_table_unref (op->taken);
  g_ptr_array_unref (op->names);
  g_free (op->old_name);
  g_free (op->toast);
  if (op->chooser != NULL)
    gtk_native_dialog_destroy (op->chooser);
  g_clear_object (&op->chooser);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

static void
toast (Op         *op,
       const char *text)
{
  /* A toast title is Pango markup in libadwaita 1.2. */
  g_autofree char *markup = g_markup_escape_text (text, -1);

  if (op->toasts != NULL)
    adw_toast_overlay_add_toast (op->toasts, adw_toast_new (markup));
}

/* ---- names -------------------------------------------------------------- */

gboolean
davscope_file_name_is_valid (const char  *name,
                             const char **reason)
{
  const char *why = NULL;

  if (name == NULL || *name == '\0' || dav_text_is_blank (name, -1))
    why = _("A name is needed.");
  else if (!g_utf8_validate (name, -1, NULL))
    why = _("The name is not valid text.");
  else if (strchr (name, '/') != NULL)
    why = _("A name cannot contain “/”.");
  else if (g_str_equal (name, ".") || g_str_equal (name, ".."))
    why = _("“.” and “..” are not names.");
  else
    for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
          {
            why = _("A name cannot contain control characters.");
            break;
          }
      }

  if (reason != NULL)
    *reason = why;

  return why == NULL;
}

/* The URL of the already percent-encoded segment @encoded in @folder_url. */
static char *
child_url_encoded (const char *folder_url,
                   const char *encoded,
                   gboolean    collection)
{
  return g_strconcat (folder_url, g_str_has_suffix (folder_url, "/") ? "" : "/",
                      encoded, collection ? "/" : "", NULL);
}

/* The URL of @name in @folder_url: escaped here, never taken from an href. */
static char *
child_url (const char *folder_url,
           const char *name,
           gboolean    collection)
{
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);

  return child_url_encoded (folder_url, escaped, collection);
}

static char *
parent_url (const char *url)
{
  char *parent = NULL;

  dav_href_split_last (url, &parent, NULL);
  return parent;
}

/* The last segment of @url as it is, still percent-encoded: a copy or a
 * move keeps the exact bytes of the name (docs/hostile-servers.md case
 * 25), which the escaped name shown to people no longer has. */
static char *
encoded_name (const char *url)
{
  char *segment = NULL;

  dav_href_split_last (url, NULL, &segment);
  return segment;
}


static gboolean
in_listing (DavFolder  *folder,
            const char *url)
{
  g_autofree char *other = NULL;

  if (dav_folder_find (folder, url) != NULL)
    return TRUE;

  /* A file where a folder would go, or the other way round. */
  other = g_str_has_suffix (url, "/") ? g_strndup (url, strlen (url) - 1) : g_strconcat (url, "/", NULL);
  return dav_folder_find (folder, other) != NULL;
}

/* ---- running ------------------------------------------------------------ */

static void
run_in_window (Op       *op,
               gboolean  overwrite)
{
  if (op->urls->len == 0)
    return;

  /* The local folders of a folder download, now that it goes ahead. */
  for (guint i = 0; i < op->local_dirs->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!g_file_make_directory_with_parents (g_ptr_array_index (op->local_dirs, i), NULL, &error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          toast (op, error->message);
          return;
        }
    }

  davscope_report_window_run (op->parent, op->store, op->method, op->urls,
                              op->destinations->len > 0 ? op->destinations : NULL, overwrite);
}

static void
on_quiet_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  g_autoptr(DavReport) report = dav_batch_run_finish (DAV_BATCH (source), result);

  dav_resource_store_apply_report (op->store, report);

  if (dav_report_all_ok (report))
    toast (op, op->toast);
  else
    /* The same report as for many items: what failed, why, and what to
     * do about it. */
    davscope_report_window_show_report (op->parent, op->store, op->method, report, FALSE);
}

/* One change, no window unless it fails. */
static void
run_quietly (Op *op)
{
  g_autoptr(DavBatch) batch = dav_batch_new (dav_resource_store_get_client (op->store), 1);
  const char *url = g_ptr_array_index (op->urls, 0);
  g_autoptr(GError) error = NULL;
  gboolean added;

  if (g_str_equal (op->method, "MKCOL"))
    added = dav_batch_add_mkcol (batch, url, &error);
  else
    added = dav_batch_add_move (batch, url, g_ptr_array_index (op->destinations, 0), FALSE, &error);

  if (!added)
    {
      toast (op, error->message);
      op_free (op);
      return;
    }

  dav_batch_run_async (batch, NULL, on_quiet_done, op);
}

/* ---- "replace?" --------------------------------------------------------- */

static void
on_replace_response (AdwMessageDialog *dialog,
                     const char       *response,
                     Op               *op)
{
  if (g_str_equal (response, "replace"))
    run_in_window (op, TRUE);
  else if (g_str_equal (response, "skip"))
    {
      /* Backwards, so the indexes stay right. */
      for (guint i = op->in_the_way->len; i > 0; i--)
        {
          guint index = GPOINTER_TO_UINT (g_ptr_array_index (op->in_the_way, i - 1));

          g_ptr_array_remove_index (op->urls, index);
          if (op->destinations->len > 0)
            g_ptr_array_remove_index (op->destinations, index);
        }
      run_in_window (op, FALSE);
    }

  op_free (op);
}

/* @names: of the items in the way. Asks, unless nothing is in the way. */
static void
ask_replace_or_run (Op        *op,
                    GPtrArray *names)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (op->in_the_way->len == 0)
    {
      run_in_window (op, FALSE);
      op_free (op);
      return;
    }

  for (guint i = 0; i < names->len && i < MAX_NAMES_SHOWN; i++)
    {
      g_autofree char *shown = dav_text_escape (g_ptr_array_index (names, i), -1);

      g_string_append_printf (list, "%s%s", i ? "\n" : "", shown);
    }
  if (names->len > MAX_NAMES_SHOWN)
    g_string_append_printf (list, "\n%s", _("…"));

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Replace %u Existing Item?", "Replace %u Existing Items?",
                                          op->in_the_way->len),
                             op->in_the_way->len);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "An item with the same name is already there:\n\n%s\n\nReplacing it overwrites it and cannot be undone.",
                                       "Items with the same names are already there:\n\n%s\n\nReplacing them overwrites them and cannot be undone.",
                                       op->in_the_way->len),
                          list->str);

  dialog = adw_message_dialog_new (op->parent, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "skip", _("_Skip Them"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  /* Skipping all of them leaves nothing to do. */
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "skip",
                                           op->in_the_way->len < op->urls->len);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response), op);
  davscope_accessible_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- a dialog asking for a name ----------------------------------------- */

static void
on_name_changed (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  Op *op = g_object_get_data (G_OBJECT (dialog), "op");
  const char *name = gtk_editable_get_text (entry);
  const char *reason = NULL;
  gboolean ok = davscope_file_name_is_valid (name, &reason);

  if (ok && op->old_name != NULL && g_str_equal (name, op->old_name))
    ok = FALSE;
  if (ok && op->folder != NULL)
    {
      g_autofree char *url = child_url (dav_folder_get_url (op->folder), name, FALSE);

      if (in_listing (op->folder, url))
        {
          ok = FALSE;
          reason = _("An item with this name is already there.");
        }
    }

  adw_message_dialog_set_response_enabled (dialog, "ok", ok);
  adw_message_dialog_set_body (dialog, reason != NULL ? reason : "");
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else if (*name != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
}

typedef void (*NameChosen) (Op         *op,
                            const char *name);

static void
on_name_response (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  Op *op = g_object_steal_data (G_OBJECT (dialog), "op");
  NameChosen chosen = (NameChosen) user_data;

  if (g_str_equal (response, "ok"))
    {
      g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (op->entry)));

      chosen (op, name);
    }
  else
    op_free (op);
}

static void
ask_name (Op         *op,
          const char *heading,
          const char *ok_label,
          const char *initial,
          NameChosen  chosen)
{
  GtkWidget *dialog = adw_message_dialog_new (op->parent, heading, NULL);

  op->entry = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (op->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_editable_set_text (GTK_EDITABLE (op->entry), initial ? initial : "");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), op->entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ok", ok_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data (G_OBJECT (dialog), "op", op);
  g_signal_connect (op->entry, "changed", G_CALLBACK (on_name_changed), dialog);
  /* Enter presses the default response's button (only when it is enabled). */
  gtk_entry_set_activates_default (GTK_ENTRY (op->entry), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_name_response), chosen);
  on_name_changed (GTK_EDITABLE (op->entry), ADW_MESSAGE_DIALOG (dialog));
  davscope_accessible_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  /* Renaming "report.pdf": "report" is selected, ready to be typed over. */
  gtk_widget_grab_focus (op->entry);
  if (initial != NULL)
    {
      const char *dot = strrchr (initial, '.');
      int end = dot != NULL && dot != initial ? (int) g_utf8_pointer_to_offset (initial, dot) : -1;

      gtk_editable_select_region (GTK_EDITABLE (op->entry), 0, end);
    }
}

/* ---- new folder --------------------------------------------------------- */

static void
new_folder_chosen (Op         *op,
                   const char *name)
{
  g_autofree char *shown = dav_text_escape (name, -1);

  g_ptr_array_add (op->urls, child_url (dav_folder_get_url (op->folder), name, TRUE));
  op->toast = g_strdup_printf (_("Folder “%s” created"), shown);
  run_quietly (op);
}

void
davscope_file_new_folder (const DavscopeFileContext *context,
                          DavFolder                 *folder)
{
  Op *op;

  g_return_if_fail (DAV_IS_FOLDER (folder));

  op = op_new (context, "MKCOL");
  op->folder = g_object_ref (folder);
  ask_name (op, _("New Folder"), _("C_reate"), NULL, new_folder_chosen);
}

/* ---- rename ------------------------------------------------------------- */

static void
rename_chosen (Op         *op,
               const char *name)
{
  const char *url = dav_resource_get_url (op->resource);
  g_autofree char *parent = parent_url (url);
  g_autofree char *shown = dav_text_escape (name, -1);

  g_ptr_array_add (op->urls, g_strdup (url));
  g_ptr_array_add (op->destinations, child_url (parent, name, dav_resource_is_collection (op->resource)));
  op->toast = g_strdup_printf (_("Renamed to “%s”"), shown);
  /* Overwrite: F: renaming onto another item is a 412 in the report, with
   * "Replace Existing" there, never a silent replacement. */
  run_quietly (op);
}

void
davscope_file_rename (const DavscopeFileContext *context,
                      DavResource               *resource)
{
  Op *op;
  g_autofree char *heading = NULL;

  g_return_if_fail (DAV_IS_RESOURCE (resource));

  op = op_new (context, "MOVE");
  op->resource = g_object_ref (resource);
  op->old_name = g_strdup (dav_resource_get_name (resource));
  /* The name is escaped already (dav_resource_get_name). */
  heading = g_strdup_printf (_("Rename “%s”"), op->old_name);
  ask_name (op, heading, _("_Rename"), op->old_name, rename_chosen);
}

/* ---- upload ------------------------------------------------------------- */

/* A dropped or chosen folder: its folders (parents first) in @folders as
 * URLs, its files in @files as (URL, local path). Symbolic links are not
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
          g_ptr_array_add (subfolder_urls, child_url (url, child_name, TRUE));
        }
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        {
          g_ptr_array_add (files, child_url (url, child_name, FALSE));
          g_ptr_array_add (paths, g_file_get_parse_name (child));
        }
      g_object_unref (info);
    }

  for (guint i = 0; i < subfolders->len; i++)
    collect_folder (g_ptr_array_index (subfolders, i), g_ptr_array_index (subfolder_urls, i),
                    folders, files, paths);
}

static void
upload_files (Op        *op,
              GPtrArray *files)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) file_urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
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
          g_autofree char *url = child_url (folder_url, name, TRUE);

          /* A folder goes up as a new folder; merging into one that is
           * there would need its whole tree first. */
          if (in_listing (op->folder, url))
            {
              g_autofree char *shown = dav_text_escape (name, -1);
              g_autofree char *text = g_strdup_printf (_("“%s” is already there: folders are uploaded only as new folders."), shown);

              toast (op, text);
              continue;
            }
          collect_folder (file, url, folders, file_urls, paths);
          continue;
        }

      {
        g_autofree char *url = child_url (folder_url, name, FALSE);

        if (in_listing (op->folder, url))
          {
            g_ptr_array_add (op->in_the_way, GUINT_TO_POINTER (file_urls->len));
            g_ptr_array_add (names, g_strdup (name));
          }
        g_ptr_array_add (file_urls, g_steal_pointer (&url));
        g_ptr_array_add (paths, g_file_get_parse_name (file));
      }
    }

  /* Folders first, so that each exists before what goes into it; a folder
   * has no local file (the report window sends a MKCOL for it). The
   * indexes of what is in the way move by the number of folders. */
  for (guint i = 0; i < op->in_the_way->len; i++)
    op->in_the_way->pdata[i] = GUINT_TO_POINTER (GPOINTER_TO_UINT (op->in_the_way->pdata[i]) + folders->len);
  for (guint i = 0; i < folders->len; i++)
    {
      g_ptr_array_add (op->urls, g_strdup (g_ptr_array_index (folders, i)));
      g_ptr_array_add (op->destinations, NULL);
    }
  for (guint i = 0; i < file_urls->len; i++)
    {
      g_ptr_array_add (op->urls, g_strdup (g_ptr_array_index (file_urls, i)));
      g_ptr_array_add (op->destinations, g_strdup (g_ptr_array_index (paths, i)));
    }

  if (op->urls->len == 0)
    {
      op_free (op);
      return;
    }

  ask_replace_or_run (op, names);
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
      op_free (op);
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

  op = op_new (context, "PUT");
  op->folder = g_object_ref (folder);

  if (files != NULL)
    {
      upload_files (op, files);
      return;
    }

  op->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Upload Files"), op->parent,
                                                                GTK_FILE_CHOOSER_ACTION_OPEN,
                                                                _("_Upload"), _("_Cancel")));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (op->chooser), TRUE);
  gtk_native_dialog_set_modal (op->chooser, TRUE);
  g_signal_connect (op->chooser, "response", G_CALLBACK (on_upload_chosen), op);
  gtk_native_dialog_show (op->chooser);
}

/* ---- download ----------------------------------------------------------- */

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
  g_ptr_array_add (op->urls, g_strdup (url));
  g_ptr_array_add (op->destinations, g_file_get_parse_name (file));
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
  g_autoptr(Listing) listing = g_queue_pop_head (op->to_list);
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

      toast (op, text);
      g_object_unref (walk);
      op_free (op);
      return;
    }

  g_object_unref (walk);
  list_next_folder (op);
}

/* Lists the next chosen folder with everything in it (DavWalk: Depth
 * infinity where the server allows it, else a folder at a time); when
 * none is left, asks and runs. */
static void
list_next_folder (Op *op)
{
  static const char * const names[] = { "{DAV:}resourcetype", NULL };
  Listing *next = g_queue_peek_head (op->to_list);
  g_autoptr(GPtrArray) names_in_the_way = NULL;

  if (next != NULL)
    {
      DavWalk *walk = dav_walk_new (dav_resource_store_get_client (op->store), next->url,
                                    DAV_PROPFIND_PROP, names);

      g_hash_table_insert (op->dirs, folder_key (next->url), g_object_ref (next->dir));
      dav_walk_run_async (walk, on_walk_item, op, NULL, on_walked, op);
      return;
    }

  if (op->urls->len == 0)
    {
      toast (op, _("There is nothing to download: the folders are empty."));
      op_free (op);
      return;
    }

  names_in_the_way = g_steal_pointer (&op->names);
  op->names = g_ptr_array_new_with_free_func (g_free);
  ask_replace_or_run (op, names_in_the_way);
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
      op_free (op);
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
          g_queue_push_tail (op->to_list, listing);
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

  op = op_new (context, "GET");
  for (guint i = 0; i < resources->len; i++)
    {
      DavResource *resource = g_ptr_array_index (resources, i);
      const char *url = dav_resource_get_url (resource);

      /* A folder is downloaded with everything in it. */
      if (dav_resource_is_collection (resource) && !g_str_has_suffix (url, "/"))
        g_ptr_array_add (op->urls, g_strconcat (url, "/", NULL));
      else
        g_ptr_array_add (op->urls, g_strdup (url));
    }
  if (op->urls->len == 0)
    {
      op_free (op);
      return;
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Download %u Item To", "Download %u Items To", op->urls->len),
                           op->urls->len);
  op->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (title, op->parent,
                                                                GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                                _("_Download Here"), _("_Cancel")));
  gtk_native_dialog_set_modal (op->chooser, TRUE);
  g_signal_connect (op->chooser, "response", G_CALLBACK (on_download_folder_chosen), op);
  gtk_native_dialog_show (op->chooser);
}

/* ---- paste -------------------------------------------------------------- */

/* Whether the path @key is below @ancestor_key (both normalised). */
static gboolean
is_inside (const char *key,
           const char *ancestor_key)
{
  g_autofree char *prefix = g_str_has_suffix (ancestor_key, "/") ? g_strdup (ancestor_key)
                                                                 : g_strconcat (ancestor_key, "/", NULL);

  return g_str_has_prefix (key, prefix);
}

void
davscope_file_paste (const DavscopeFileContext *context,
                     DavFolder                 *folder,
                     GPtrArray                 *resources,
                     gboolean                   move)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *folder_url;
  g_autofree char *folder_key = NULL;
  Op *op;

  g_return_if_fail (DAV_IS_FOLDER (folder));
  g_return_if_fail (resources != NULL);

  op = op_new (context, move ? "MOVE" : "COPY");
  op->folder = g_object_ref (folder);
  folder_url = dav_folder_get_url (folder);
  folder_key = dav_href_normalize_path (folder_url);

  for (guint i = 0; i < resources->len; i++)
    {
      DavResource *resource = g_ptr_array_index (resources, i);
      const char *url = dav_resource_get_url (resource);
      const char *name = dav_resource_get_name (resource);   /* escaped, to show */
      g_autofree char *encoded = encoded_name (url);
      gboolean collection = dav_resource_is_collection (resource);
      g_autofree char *from = parent_url (url);
      g_autofree char *from_key = dav_href_normalize_path (from);
      g_autofree char *own_key = dav_href_normalize_path (url);
      g_autofree char *destination = NULL;

      if (g_str_equal (from_key, folder_key))
        {
          /* Already here: moving is nothing to do, copying makes
           * "name (copy)". */
          if (move)
            continue;
          for (guint n = 1; destination == NULL || in_listing (folder, destination); n++)
            {
              g_autofree char *suffix = n == 1 ? g_strdup (_(" (copy)")) : g_strdup_printf (_(" (copy %u)"), n);
              g_autofree char *escaped_suffix = g_uri_escape_string (suffix, NULL, FALSE);
              g_autofree char *copy_name = g_strconcat (encoded, escaped_suffix, NULL);

              g_free (destination);
              destination = child_url_encoded (folder_url, copy_name, collection);
            }
        }
      else if (collection && (g_str_equal (own_key, folder_key) ||
                              is_inside (folder_key, own_key)))
        {
          g_autofree char *text = g_strdup_printf (_("“%s” cannot go into itself."), name);

          toast (op, text);
          continue;
        }
      else
        {
          destination = child_url_encoded (folder_url, encoded, collection);
          if (in_listing (folder, destination))
            {
              g_ptr_array_add (op->in_the_way, GUINT_TO_POINTER (op->urls->len));
              g_ptr_array_add (names, g_strdup (name));
            }
        }

      g_ptr_array_add (op->urls, g_strdup (url));
      g_ptr_array_add (op->destinations, g_steal_pointer (&destination));
    }

  if (op->urls->len == 0)
    {
      op_free (op);
      return;
    }

  ask_replace_or_run (op, names);
}
