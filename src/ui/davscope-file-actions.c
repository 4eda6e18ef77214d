/* davscope-file-actions.c: the everyday file operations of the browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each operation is a short chain: ask (a name, files, a folder), look
 * for what is in the way (the folder's listing, or the local folder), ask
 * whether to replace it, then build a DavBatch with its typed adders and
 * run it, in a report window or quietly. A DavscopeFileOp
 * (davscope-file-actions-private.h) holds what the chain needs between its
 * steps. Uploads and downloads are in davscope-file-actions-transfer.c.
 */

#include "davscope-file-actions-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dav-batch.h"
#include "dav-href.h"
#include "dav-local-file.h"
#include "dav-text.h"
#include "davscope-accessible.h"
#include "davscope-report-window.h"

#define MAX_NAMES_SHOWN 6

typedef DavscopeFileOp Op;

static void
file_free (gpointer file)
{
  g_clear_object (&file);
}

Op *
davscope_file_op_new (const DavscopeFileContext *context,
                      DavOperation               operation)
{
  Op *op = g_new0 (Op, 1);

  op->parent = g_object_ref (context->parent);
  op->store = g_object_ref (context->store);
  op->toasts = context->toasts ? g_object_ref (context->toasts) : NULL;
  op->operation = operation;
  op->urls = g_ptr_array_new_with_free_func (g_free);
  op->destinations = g_ptr_array_new_with_free_func (g_free);
  op->files = g_ptr_array_new_with_free_func (file_free);
  op->in_the_way = g_ptr_array_new ();
  op->dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  op->local_dirs = g_ptr_array_new_with_free_func (g_object_unref);
  op->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  op->names = g_ptr_array_new_with_free_func (g_free);

  return op;
}

void
davscope_file_op_free (Op *op)
{
  g_object_unref (op->parent);
  g_object_unref (op->store);
  g_clear_object (&op->toasts);
  g_clear_object (&op->folder);
  g_clear_object (&op->resource);
  g_ptr_array_unref (op->urls);
  g_ptr_array_unref (op->destinations);
  g_ptr_array_unref (op->files);
  g_ptr_array_unref (op->in_the_way);
  g_clear_pointer (&op->to_list, g_ptr_array_unref);
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

void
davscope_file_op_toast (Op         *op,
                        const char *text)
{
  /* A toast title is Pango markup in libadwaita 1.2. */
  g_autofree char *markup = g_markup_escape_text (text, -1);

  if (op->toasts != NULL)
    adw_toast_overlay_add_toast (op->toasts, adw_toast_new (markup));
}

void
davscope_file_op_add (Op         *op,
                      const char *url,
                      const char *destination,
                      GFile      *file)
{
  g_ptr_array_add (op->urls, g_strdup (url));
  g_ptr_array_add (op->destinations, g_strdup (destination));
  g_ptr_array_add (op->files, file != NULL ? g_object_ref (file) : NULL);
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

char *
davscope_file_child_url (const char *folder_url,
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

gboolean
davscope_file_in_listing (DavFolder  *folder,
                          const char *url)
{
  g_autofree char *other = NULL;

  if (dav_folder_find (folder, url) != NULL)
    return TRUE;

  other = g_str_has_suffix (url, "/") ? g_strndup (url, strlen (url) - 1) : g_strconcat (url, "/", NULL);
  return dav_folder_find (folder, other) != NULL;
}

/* ---- running ------------------------------------------------------------ */

/* The batch of @op's targets, each through the adder of its kind; a
 * target the batch refuses is kept in it, with the reason. */
static DavBatch *
build_batch (Op       *op,
             guint     concurrency,
             gboolean  overwrite)
{
  DavBatch *batch = dav_batch_new (dav_resource_store_get_client (op->store), concurrency);

  for (guint i = 0; i < op->urls->len; i++)
    {
      const char *url = g_ptr_array_index (op->urls, i);
      const char *destination = g_ptr_array_index (op->destinations, i);
      GFile *file = g_ptr_array_index (op->files, i);

      switch (op->operation)
        {
        case DAV_OPERATION_MKCOL:
          dav_batch_add_mkcol (batch, url, NULL);
          break;
        case DAV_OPERATION_COPY:
          dav_batch_add_copy (batch, url, destination, overwrite, NULL);
          break;
        case DAV_OPERATION_MOVE:
          dav_batch_add_move (batch, url, destination, overwrite, NULL);
          break;
        case DAV_OPERATION_UPLOAD:
          /* An upload of a folder: its folders have no local file, and
           * are made. */
          if (file == NULL)
            dav_batch_add_mkcol (batch, url, NULL);
          else
            dav_batch_add_upload (batch, file, url, overwrite, NULL);
          break;
        case DAV_OPERATION_DOWNLOAD:
          dav_batch_add_download (batch, url, file, overwrite, NULL);
          break;
        case DAV_OPERATION_DELETE:
        case DAV_OPERATION_PROPPATCH:
        default:
          g_return_val_if_reached (batch);
        }
    }

  return batch;
}

static void
run_in_window (Op       *op,
               gboolean  overwrite)
{
  g_autoptr(DavBatch) batch = NULL;

  if (op->urls->len == 0)
    return;

  /* The local folders of a folder download, now that it goes ahead. */
  for (guint i = 0; i < op->local_dirs->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!dav_local_file_make_directory (g_ptr_array_index (op->local_dirs, i), &error))
        {
          davscope_file_op_toast (op, error->message);
          return;
        }
    }

  batch = build_batch (op, DAVSCOPE_REPORT_WINDOW_CONCURRENCY, overwrite);
  davscope_report_window_run (op->parent, op->store, op->operation, batch, overwrite);
}

static void
on_quiet_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DavscopeFileOp) op = user_data;
  g_autoptr(DavReport) report = dav_batch_run_finish (DAV_BATCH (source), result);

  dav_resource_store_apply_report (op->store, report);

  if (dav_report_all_ok (report))
    davscope_file_op_toast (op, op->toast);
  else
    /* The same report as for many items: what failed, why, and what to
     * do about it. */
    davscope_report_window_show_report (op->parent, op->store, op->operation, report, FALSE);
}

/* One change, no window unless it fails. */
static void
run_quietly (Op *op)
{
  g_autoptr(DavBatch) batch = build_batch (op, 1, FALSE);
  GPtrArray *refused = dav_batch_get_refused (batch);

  if (dav_batch_get_n_targets (batch) == 0)
    {
      if (refused->len > 0)
        davscope_file_op_toast (op, ((DavReportItem *) g_ptr_array_index (refused, 0))->explanation);
      davscope_file_op_free (op);
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
          g_ptr_array_remove_index (op->destinations, index);
          g_ptr_array_remove_index (op->files, index);
        }
      run_in_window (op, FALSE);
    }

  davscope_file_op_free (op);
}

void
davscope_file_op_ask_replace_or_run (Op        *op,
                                     GPtrArray *names)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (op->in_the_way->len == 0)
    {
      run_in_window (op, FALSE);
      davscope_file_op_free (op);
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
on_name_changed (GtkEditable *entry,
                 Op          *op)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (op->dialog);
  const char *name = gtk_editable_get_text (entry);
  const char *reason = NULL;
  gboolean ok = davscope_file_name_is_valid (name, &reason);

  if (ok && op->old_name != NULL && g_str_equal (name, op->old_name))
    ok = FALSE;
  if (ok && op->folder != NULL)
    {
      g_autofree char *url = davscope_file_child_url (dav_folder_get_url (op->folder), name, FALSE);

      if (davscope_file_in_listing (op->folder, url))
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

static void
on_name_response (AdwMessageDialog *dialog,
                  const char       *response,
                  Op               *op)
{
  /* The dialog closes: the chain goes on without it. */
  g_signal_handlers_disconnect_by_func (op->entry, on_name_changed, op);
  op->dialog = NULL;

  if (g_str_equal (response, "ok"))
    {
      g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (op->entry)));

      op->entry = NULL;
      op->chosen (op, name);
    }
  else
    davscope_file_op_free (op);
}

static void
ask_name (Op                 *op,
          const char         *heading,
          const char         *ok_label,
          const char         *initial,
          DavscopeNameChosen  chosen)
{
  GtkWidget *dialog = adw_message_dialog_new (op->parent, heading, NULL);

  op->dialog = dialog;
  op->chosen = chosen;
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

  g_signal_connect (op->entry, "changed", G_CALLBACK (on_name_changed), op);
  /* Enter presses the default response's button (only when it is enabled). */
  gtk_entry_set_activates_default (GTK_ENTRY (op->entry), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_name_response), op);
  on_name_changed (GTK_EDITABLE (op->entry), op);
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

  g_autofree char *url = davscope_file_child_url (dav_folder_get_url (op->folder), name, TRUE);

  davscope_file_op_add (op, url, NULL, NULL);
  op->toast = g_strdup_printf (_("Folder “%s” created"), shown);
  run_quietly (op);
}

void
davscope_file_new_folder (const DavscopeFileContext *context,
                          DavFolder                 *folder)
{
  Op *op;

  g_return_if_fail (DAV_IS_FOLDER (folder));

  op = davscope_file_op_new (context, DAV_OPERATION_MKCOL);
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

  g_autofree char *destination = davscope_file_child_url (parent, name, dav_resource_is_collection (op->resource));

  davscope_file_op_add (op, url, destination, NULL);
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

  op = davscope_file_op_new (context, DAV_OPERATION_MOVE);
  op->resource = g_object_ref (resource);
  op->old_name = g_strdup (dav_resource_get_name (resource));
  /* The name is escaped already (dav_resource_get_name). */
  heading = g_strdup_printf (_("Rename “%s”"), op->old_name);
  ask_name (op, heading, _("_Rename"), op->old_name, rename_chosen);
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

  op = davscope_file_op_new (context, move ? DAV_OPERATION_MOVE : DAV_OPERATION_COPY);
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
          for (guint n = 1; destination == NULL || davscope_file_in_listing (folder, destination); n++)
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

          davscope_file_op_toast (op, text);
          continue;
        }
      else
        {
          destination = child_url_encoded (folder_url, encoded, collection);
          if (davscope_file_in_listing (folder, destination))
            {
              g_ptr_array_add (op->in_the_way, GUINT_TO_POINTER (op->urls->len));
              g_ptr_array_add (names, g_strdup (name));
            }
        }

      davscope_file_op_add (op, url, destination, NULL);
    }

  if (op->urls->len == 0)
    {
      davscope_file_op_free (op);
      return;
    }

  davscope_file_op_ask_replace_or_run (op, names);
}
