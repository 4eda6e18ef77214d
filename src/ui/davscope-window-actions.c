/* davscope-window-actions.c: the main window's file actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * New folder, upload, download, rename, cut, copy, paste and locks, each
 * an action with its own handler and key: on the selection, or into the
 * folder new things go to. The operations themselves are in
 * davscope-file-actions.c; these handlers only say what to act on.
 */

#include "davscope-window-private.h"

#include <glib/gi18n.h>

#include "davscope-browser-view.h"
#include "davscope-file-actions.h"
#include "davscope-lock-dialog.h"
#include "davscope-open-file.h"

/* What a change made (a renamed item, a new folder) becomes the
 * selection, and the details pane shows it. */
static void
select_in_browser (GtkWindow  *parent,
                   const char *url)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (parent);

  davscope_browser_view_select_url (DAVSCOPE_BROWSER_VIEW (self->tab->browser), url);
}

gboolean
davscope_window_get_tab_file_context (DavscopeWindow      *self,
                                      DavscopeTab         *tab,
                                      DavscopeFileContext *context)
{
  *context = (DavscopeFileContext) { GTK_WINDOW (self), tab->store, ADW_TOAST_OVERLAY (self->toasts),
                                     select_in_browser };

  return tab->store != NULL;
}

gboolean
davscope_window_get_file_context (DavscopeWindow      *self,
                                  DavscopeFileContext *context)
{
  return davscope_window_get_tab_file_context (self, self->tab, context);
}

static GPtrArray *
selection (DavscopeWindow *self)
{
  return davscope_browser_view_get_selection (DAVSCOPE_BROWSER_VIEW (self->tab->browser));
}

/* Where new things go: the one selected folder, else the folder shown. */
static DavFolder *
target_folder (DavscopeWindow *self)
{
  g_autoptr(GPtrArray) selected = selection (self);

  if (selected->len == 1 && dav_resource_is_collection (g_ptr_array_index (selected, 0)))
    {
      DavFolder *folder = dav_resource_store_get_folder (self->tab->store, g_ptr_array_index (selected, 0));

      if (folder != NULL)
        return folder;
    }

  return dav_resource_store_get_root (self->tab->store);
}

static void
new_folder_activated (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  DavscopeFileContext context;

  if (davscope_window_get_file_context (self, &context))
    davscope_file_new_folder (&context, target_folder (self));
}

static void
upload_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  DavscopeFileContext context;

  if (davscope_window_get_file_context (self, &context))
    davscope_file_upload (&context, target_folder (self), NULL);
}

static void
download_activated (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  g_autoptr(GPtrArray) selected = selection (self);
  DavscopeFileContext context;

  if (davscope_window_get_file_context (self, &context))
    davscope_file_download (&context, selected);
}

static void
rename_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  g_autoptr(GPtrArray) selected = selection (self);
  DavscopeFileContext context;

  if (davscope_window_get_file_context (self, &context) && selected->len == 1)
    davscope_file_rename (&context, g_ptr_array_index (selected, 0),
                          davscope_browser_view_get_selected_folder (DAVSCOPE_BROWSER_VIEW (self->tab->browser)));
}

static void
lock_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  g_autoptr(GPtrArray) selected = selection (self);

  if (self->tab->store != NULL && selected->len == 1)
    davscope_lock_dialog_show (GTK_WINDOW (self), self->tab->store, g_ptr_array_index (selected, 0));
}

/* Cut or copy: what Paste acts on, said in a toast. */
static void
clip (DavscopeWindow *self,
      gboolean        cut)
{
  g_autoptr(GPtrArray) selected = selection (self);
  g_autofree char *text = NULL;

  if (self->tab->store == NULL || selected->len == 0)
    return;

  g_ptr_array_set_size (self->clipboard, 0);
  for (guint i = 0; i < selected->len; i++)
    g_ptr_array_add (self->clipboard, g_object_ref (g_ptr_array_index (selected, i)));
  self->clipboard_cut = cut;

  text = g_strdup_printf (cut ? g_dngettext (GETTEXT_PACKAGE, "%u item cut: paste it into another folder to move it",
                                             "%u items cut: paste them into another folder to move them",
                                             selected->len)
                              : g_dngettext (GETTEXT_PACKAGE, "%u item copied: paste it into a folder",
                                             "%u items copied: paste them into a folder",
                                             selected->len),
                          selected->len);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), adw_toast_new (text));
  davscope_window_update_actions (self);
}

static void
cut_activated (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  clip (DAVSCOPE_WINDOW (widget), TRUE);
}

static void
copy_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  clip (DAVSCOPE_WINDOW (widget), FALSE);
}

static void
paste_activated (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  DavscopeFileContext context;

  if (!davscope_window_get_file_context (self, &context) || self->clipboard->len == 0)
    return;

  /* Refused as a whole when it came from another server. */
  if (!davscope_window_paste_into (self, self->tab, target_folder (self), self->clipboard, self->clipboard_cut))
    return;
  /* What was cut is moved once. */
  if (self->clipboard_cut)
    g_ptr_array_set_size (self->clipboard, 0);
  davscope_window_update_actions (self);
}

static gboolean
on_files_dropped (GtkDropTarget  *target,
                  const GValue   *value,
                  double          x,
                  double          y,
                  DavscopeWindow *self)
{
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  DavscopeFileContext context;

  if (!davscope_window_get_file_context (self, &context))
    return FALSE;

  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  if (files->len == 0)
    return FALSE;

  /* Dropped on the view: into the folder shown. */
  davscope_file_upload (&context, dav_resource_store_get_root (self->tab->store), files);
  return TRUE;
}

void
davscope_window_add_file_drop (DavscopeWindow *self,
                               GtkWidget      *browser)
{
  /* Files dropped from the file manager are uploaded. */
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (on_files_dropped), self);
  gtk_widget_add_controller (browser, GTK_EVENT_CONTROLLER (drop));
}

/* The one file selected, or NULL. */
static DavResource *
selected_file (DavscopeWindow *self)
{
  g_autoptr(GPtrArray) selected = selection (self);

  if (selected->len != 1 || dav_resource_is_collection (g_ptr_array_index (selected, 0)))
    return NULL;
  return g_object_ref (g_ptr_array_index (selected, 0));
}

void
davscope_window_update_open_actions (DavscopeWindow *self,
                                     guint           n_selected)
{
  g_autoptr(DavResource) file = n_selected == 1 ? selected_file (self) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", file != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-with", file != NULL);
}

static void
open_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  DavscopeWindow *self = DAVSCOPE_WINDOW (widget);
  g_autoptr(DavResource) file = selected_file (self);

  if (file != NULL && self->tab->store != NULL)
    davscope_open_file (GTK_WINDOW (self), ADW_TOAST_OVERLAY (self->toasts), self->tab->store, file,
                        g_str_equal (action, "win.open-with"));
}

void
davscope_window_class_add_file_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.open-with", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.new-folder", NULL, new_folder_activated);
  gtk_widget_class_install_action (widget_class, "win.upload", NULL, upload_activated);
  gtk_widget_class_install_action (widget_class, "win.download", NULL, download_activated);
  gtk_widget_class_install_action (widget_class, "win.rename", NULL, rename_activated);
  gtk_widget_class_install_action (widget_class, "win.cut", NULL, cut_activated);
  gtk_widget_class_install_action (widget_class, "win.copy", NULL, copy_activated);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_activated);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.new-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "win.upload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.download", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "win.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "win.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "win.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.lock", NULL);
}
