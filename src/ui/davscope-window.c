/* davscope-window.c: the main browser window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For now the start page only; the browser comes with the GUI issue.
 */

#include "davscope-window.h"

struct _DavscopeWindow
{
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (DavscopeWindow, davscope_window, ADW_TYPE_APPLICATION_WINDOW)

static void
davscope_window_class_init (DavscopeWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/davscope/Davscope/davscope-window.ui");
}

static void
davscope_window_init (DavscopeWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DavscopeWindow *
davscope_window_new (DavscopeApplication *application)
{
  return g_object_new (DAVSCOPE_TYPE_WINDOW, "application", application, NULL);
}
