/* davscope-file-actions.c: the everyday file operations of the browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each operation is a short chain: ask (a name, files, a folder), look
 * for what is in the way (the folder's listing, or the local folder), ask
 * whether to replace it, then build a DavBatch with its typed adders and
 * run it: one target quietly, ending in a toast (with Undo where the
 * reverse request loses nothing) unless it failed, several in a report
 * window. A DavscopeFileOp (davscope-file-actions-private.h) holds what
 * the chain needs between its steps. Uploads and downloads are in
 * davscope-file-actions-transfer.c.
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
#include "davscope-window.h"

#define MAX_NAMES_SHOWN 6
/* A transfer up to this size ends in a toast; a bigger one shows its
 * progress in the report window. */
#define QUIET_TRANSFER_MAX (4 * 1024 * 1024)

typedef DavscopeFileOp Op;

static void
file_free (gpointer file)
{
  g_clear_object (&file);
}

void
davscope_file_context_copy (DavscopeFileContext       *copy,
                            const DavscopeFileContext *context)
{
  copy->parent = g_object_ref (context->parent);
  copy->store = g_object_ref (context->store);
  copy->toasts = context->toasts ? g_object_ref (context->toasts) : NULL;
  copy->select = context->select;
}

void
davscope_file_context_clear (DavscopeFileContext *context)
{
  g_clear_object (&context->parent);
  g_clear_object (&context->store);
  g_clear_object (&context->toasts);
}

Op *
davscope_file_op_new (const DavscopeFileContext *context,
                      DavOperation               operation)
{
  Op *op = g_new0 (Op, 1);

  davscope_file_context_copy (&op->context, context);
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
  davscope_file_context_clear (&op->context);
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
  g_free (op->name_taken);
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

  if (op->context.toasts != NULL)
    adw_toast_overlay_add_toast (op->context.toasts, adw_toast_new (markup));
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
             gboolean  overwrite)
{
  DavBatch *batch = davscope_report_window_new_batch (dav_resource_store_get_client (op->context.store));

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

static void run_batch (const DavscopeFileContext *context,
                       DavOperation               operation,
                       DavBatch                  *batch,
                       gboolean                   overwrite,
                       gboolean                   is_undo);

/* Runs @op's targets: quietly for one, in the report window for several
 * (davscope_file_run_batch), or for a transfer big enough (or of a size
 * not known) to want its progress and Cancel. */
static void
run_op (Op       *op,
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

  batch = build_batch (op, overwrite);
  if ((op->operation == DAV_OPERATION_UPLOAD || op->operation == DAV_OPERATION_DOWNLOAD) &&
      op->bytes > QUIET_TRANSFER_MAX)
    davscope_report_window_run (op->context.parent, op->context.store, op->operation, batch, overwrite);
  else
    davscope_file_run_batch (&op->context, op->operation, batch, overwrite);
}

/* ---- the end: a toast or the report -------------------------------------- */

/* A quiet run of one target, and what its toast's Undo needs. */
typedef struct {
  DavscopeFileContext context;       /* holding references */
  DavOperation        operation;
  gboolean            overwrite;
  gboolean            is_undo;
  char               *method;        /* of the change Undo reverses */
  char               *url;
  char               *destination;
} Run;

static Run *
run_new (const DavscopeFileContext *context,
         DavOperation               operation,
         gboolean                   overwrite)
{
  Run *run = g_new0 (Run, 1);

  davscope_file_context_copy (&run->context, context);
  run->operation = operation;
  run->overwrite = overwrite;

  return run;
}

static void
run_free (Run *run)
{
  davscope_file_context_clear (&run->context);
  g_free (run->method);
  g_free (run->url);
  g_free (run->destination);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* The last segment of @url, decoded and escaped, to show. */
static char *
shown_name (const char *url)
{
  g_autofree char *segment = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  dav_href_split_last (url, NULL, &segment);
  bytes = segment != NULL ? g_uri_unescape_bytes (segment, -1, NULL, NULL) : NULL;
  if (bytes == NULL)
    return dav_text_escape (segment != NULL ? segment : url, -1);

  data = g_bytes_get_data (bytes, &length);
  return dav_text_escape (data != NULL ? data : "", length);
}

static gboolean
same_folder (const char *url,
             const char *destination)
{
  g_autofree char *from = parent_url (url);
  g_autofree char *to = parent_url (destination);
  g_autofree char *from_key = from ? dav_href_normalize_path (from) : NULL;
  g_autofree char *to_key = to ? dav_href_normalize_path (to) : NULL;

  return g_strcmp0 (from_key, to_key) == 0;
}

/* What one confirmed change did, in words. */
static char *
done_text (const DavReportItem *item)
{
  g_autofree char *name = shown_name (item->url);
  g_autofree char *to_name = NULL;
  g_autofree char *to_folder = NULL;

  if (g_str_equal (item->method, "DELETE"))
    return g_strdup_printf (_("“%s” deleted"), name);
  if (g_str_equal (item->method, "MKCOL"))
    return g_strdup_printf (_("Folder “%s” created"), name);
  if (g_str_equal (item->method, "PUT"))
    return g_strdup_printf (_("“%s” uploaded"), name);
  if (g_str_equal (item->method, "GET"))
    return g_strdup_printf (_("“%s” downloaded"), name);
  if (item->destination == NULL)
    {
      /* Not met: a COPY or MOVE has its destination. */
      DavOperation operation = DAV_OPERATION_MOVE;

      dav_operation_from_method (item->method, &operation);
      return g_strdup_printf ("%s · %s", dav_operation_get_done_word (operation), name);
    }

  to_name = shown_name (item->destination);
  if (same_folder (item->url, item->destination))
    {
      if (g_str_equal (item->method, "MOVE"))
        return g_strdup_printf (_("Renamed “%s” to “%s”"), name, to_name);
      /* Translators: a copy made beside the original, "a.txt" as "a (copy).txt". */
      return g_strdup_printf (_("“%s” copied as “%s”"), name, to_name);
    }

  {
    g_autofree char *folder = parent_url (item->destination);

    to_folder = shown_name (folder);
  }
  if (g_str_equal (item->method, "MOVE"))
    /* Translators: the second is the folder it went into. */
    return g_strdup_printf (_("“%s” moved to “%s”"), name, to_folder);
  /* Translators: the second is the folder it went into. */
  return g_strdup_printf (_("“%s” copied to “%s”"), name, to_folder);
}

/* Undo: the reverse request, run as any other change. A MOVE moves back,
 * without replacing what may have come in its place meanwhile; what a
 * COPY or PUT made new is deleted. */
static void
on_undo_clicked (AdwToast *toast,
                 Run      *run)
{
  g_autoptr(DavBatch) batch = dav_batch_new (dav_resource_store_get_client (run->context.store), 1);
  DavOperation operation;

  if (g_str_equal (run->method, "MOVE"))
    {
      operation = DAV_OPERATION_MOVE;
      dav_batch_add_move (batch, run->destination, run->url, FALSE, NULL);
    }
  else
    {
      operation = DAV_OPERATION_DELETE;
      dav_batch_add_delete (batch, g_str_equal (run->method, "COPY") ? run->destination : run->url, NULL);
    }

  /* Clicked, the toast goes, and @run with it: once. */
  run_batch (&run->context, operation, batch, FALSE, TRUE);
}

/* Where a change left the item, to select it: the destination of a COPY
 * or MOVE, else the URL; nothing for what is gone or local. */
static const char *
result_url (const DavReportItem *item)
{
  if (g_str_equal (item->method, "DELETE") || g_str_equal (item->method, "GET"))
    return NULL;
  if (g_str_equal (item->method, "COPY") || g_str_equal (item->method, "MOVE"))
    return item->destination;
  return item->url;
}

static void
toast_success (Run                 *run,
               const DavReportItem *item)
{
  g_autofree char *text = done_text (item);
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast;
  const char *select = result_url (item);

  if (select != NULL && run->context.select != NULL)
    run->context.select (run->context.parent, select);
  if (run->context.toasts == NULL)
    return;

  toast = adw_toast_new (markup);
  /* An Undo of an Undo would be a redo: it is not offered. */
  if (!run->is_undo && dav_report_item_is_undoable (item))
    {
      Run *undo = run_new (&run->context, run->operation, FALSE);

      undo->method = g_strdup (item->method);
      undo->url = g_strdup (item->url);
      undo->destination = g_strdup (item->destination);
      adw_toast_set_button_label (toast, _("_Undo"));
      /* Lives as long as the toast's handler. */
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked),
                             undo, (GClosureNotify) G_CALLBACK (run_free), 0);
    }
  adw_toast_overlay_add_toast (run->context.toasts, toast);
}

static void
on_quiet_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  g_autoptr(DavReport) report = dav_batch_run_finish (DAV_BATCH (source), result);

  dav_resource_store_apply_report (run->context.store, report);
  davscope_window_folders_changed (run->context.store, report);

  if (dav_report_is_single_success (report))
    toast_success (run, g_ptr_array_index (report->items, 0));
  else
    /* The same report as for many items: what failed, why, and what to
     * do about it. */
    davscope_report_window_show_report (run->context.parent, run->context.store, run->operation, report, run->overwrite);
}

static void
run_batch (const DavscopeFileContext *context,
           DavOperation               operation,
           DavBatch                  *batch,
           gboolean                   overwrite,
           gboolean                   is_undo)
{
  Run *run;

  /* Several targets, or one refused (its row says why): the report
   * window, with its progress and Cancel. */
  if (dav_batch_get_n_targets (batch) != 1 || dav_batch_get_refused (batch)->len > 0)
    {
      davscope_report_window_run (context->parent, context->store, operation, batch, overwrite);
      return;
    }

  run = run_new (context, operation, overwrite);
  run->is_undo = is_undo;
  dav_batch_run_async (batch, NULL, on_quiet_done, run);
}

void
davscope_file_run_batch (const DavscopeFileContext *context,
                         DavOperation               operation,
                         DavBatch                  *batch,
                         gboolean                   overwrite)
{
  g_return_if_fail (context != NULL);
  g_return_if_fail (DAV_IS_BATCH (batch));

  run_batch (context, operation, batch, overwrite, FALSE);
}

/* ---- "replace?" --------------------------------------------------------- */

static void
on_replace_response (AdwMessageDialog *dialog,
                     const char       *response,
                     Op               *op)
{
  if (g_str_equal (response, "replace"))
    run_op (op, TRUE);
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
      run_op (op, FALSE);
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
      run_op (op, FALSE);
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

  dialog = adw_message_dialog_new (op->context.parent, heading, body);
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

/* Whether the name typed may be used; @reason: why not, or NULL when
 * there is nothing to say (the old name, unchanged). */
static gboolean
name_is_free (Op          *op,
              const char  *name,
              const char **reason)
{
  if (!davscope_file_name_is_valid (name, reason))
    return FALSE;
  if (op->old_name != NULL && g_str_equal (name, op->old_name))
    return FALSE;

  if (op->folder != NULL)
    {
      g_autofree char *url = davscope_file_child_url (dav_folder_get_url (op->folder), name, FALSE);

      if (davscope_file_in_listing (op->folder, url))
        {
          g_autofree char *shown = dav_text_escape (name, -1);

          g_free (op->name_taken);
          op->name_taken = g_strdup_printf (_("“%s” already exists in this folder."), shown);
          *reason = op->name_taken;
          return FALSE;
        }
    }

  return TRUE;
}

/* The dialog opens neutral: a reason shows once the user typed something
 * that cannot be used, or pressed Enter on an empty name
 * (@insist). An empty name alone only keeps the button off. */
static void
check_name (Op       *op,
            gboolean  insist)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (op->entry));
  const char *reason = NULL;
  gboolean ok = name_is_free (op, name, &reason);
  gboolean say = reason != NULL && (*name != '\0' || insist);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (op->dialog), "ok", ok);
  gtk_label_set_text (GTK_LABEL (op->name_error), say ? reason : "");
  gtk_widget_set_visible (op->name_error, say);
  if (say)
    gtk_widget_add_css_class (op->entry, "error");
  else
    gtk_widget_remove_css_class (op->entry, "error");
}

static void
on_name_changed (GtkEditable *entry,
                 Op          *op)
{
  check_name (op, FALSE);
}

/* Enter with a name that cannot be used says why (the button is off). */
static void
on_name_activate (GtkEntry *entry,
                  Op       *op)
{
  check_name (op, TRUE);
}

static void
on_name_response (AdwMessageDialog *dialog,
                  const char       *response,
                  Op               *op)
{
  /* The dialog closes: the chain goes on without it. */
  g_signal_handlers_disconnect_by_func (op->entry, on_name_changed, op);
  g_signal_handlers_disconnect_by_func (op->entry, on_name_activate, op);
  op->dialog = NULL;
  op->name_error = NULL;

  if (g_str_equal (response, "ok"))
    {
      g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (op->entry)));

      op->entry = NULL;
      op->chosen (op, name);
    }
  else
    davscope_file_op_free (op);
}

/* Where the part of @name to type over ends, in characters: before the
 * extension of a file ("report" of "report.txt", "backup" of
 * "backup.tar.gz"), the whole name of a folder or of ".hidden"; -1: all. */
static int
name_stem_end (const char *name,
               gboolean    collection)
{
  const char *dot;
  const char *tar;

  if (collection || (dot = strrchr (name, '.')) == NULL || dot == name)
    return -1;

  tar = g_strrstr_len (name, dot - name + 1, ".tar.");
  if (tar != NULL && tar != name && tar + strlen (".tar") == dot)
    dot = tar;

  return (int) g_utf8_pointer_to_offset (name, dot);
}

static void
ask_name (Op                 *op,
          const char         *heading,
          const char         *ok_label,
          const char         *initial,
          DavscopeNameChosen  chosen)
{
  GtkWidget *dialog = adw_message_dialog_new (op->context.parent, heading, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  op->dialog = dialog;
  op->chosen = chosen;
  op->entry = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (op->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_editable_set_text (GTK_EDITABLE (op->entry), initial ? initial : "");
  /* Why a name cannot be used, under it, shown only then. */
  op->name_error = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (op->name_error), 0);
  gtk_label_set_wrap (GTK_LABEL (op->name_error), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (op->name_error), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (op->name_error, "error");
  gtk_widget_set_visible (op->name_error, FALSE);
  gtk_box_append (GTK_BOX (box), op->entry);
  gtk_box_append (GTK_BOX (box), op->name_error);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ok", ok_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect (op->entry, "changed", G_CALLBACK (on_name_changed), op);
  g_signal_connect (op->entry, "activate", G_CALLBACK (on_name_activate), op);
  /* Enter presses the default response's button (only when it is enabled). */
  gtk_entry_set_activates_default (GTK_ENTRY (op->entry), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_name_response), op);
  check_name (op, FALSE);
  davscope_accessible_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  /* Renaming "report.pdf": "report" is selected, ready to be typed over. */
  gtk_widget_grab_focus (op->entry);
  if (initial != NULL)
    gtk_editable_select_region (GTK_EDITABLE (op->entry), 0,
                                name_stem_end (initial, op->resource != NULL &&
                                                        dav_resource_is_collection (op->resource)));
}

/* ---- new folder --------------------------------------------------------- */

static void
new_folder_chosen (Op         *op,
                   const char *name)
{
  g_autofree char *url = davscope_file_child_url (dav_folder_get_url (op->folder), name, TRUE);

  davscope_file_op_add (op, url, NULL, NULL);
  run_op (op, FALSE);
  davscope_file_op_free (op);
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
  g_autofree char *destination = davscope_file_child_url (parent, name, dav_resource_is_collection (op->resource));

  davscope_file_op_add (op, url, destination, NULL);
  /* Overwrite: F: renaming onto another item is a 412 in the report, with
   * "Replace Existing" there, never a silent replacement. */
  run_op (op, FALSE);
  davscope_file_op_free (op);
}

void
davscope_file_rename (const DavscopeFileContext *context,
                      DavResource               *resource,
                      DavFolder                 *folder)
{
  Op *op;

  g_return_if_fail (DAV_IS_RESOURCE (resource));
  g_return_if_fail (folder == NULL || DAV_IS_FOLDER (folder));

  op = davscope_file_op_new (context, DAV_OPERATION_MOVE);
  op->resource = g_object_ref (resource);
  op->folder = folder != NULL ? g_object_ref (folder) : NULL;
  op->old_name = g_strdup (dav_resource_get_name (resource));
  /* The name is in the entry, on one line; the heading says what it is. */
  ask_name (op, dav_resource_is_collection (resource) ? _("Rename Folder") : _("Rename File"),
            _("_Rename"), op->old_name, rename_chosen);
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
