/* davscope-application.c: the Davscope AdwApplication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `davscope URL` (and dav:// or davs:// links from the desktop) open that
 * location; without one, the start page asks for it.
 */

#include "davscope-application.h"

#include <glib/gi18n.h>

#include "davscope-bench.h"
#include "davscope-preferences-window.h"
#include "davscope-window.h"

struct _DavscopeApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (DavscopeApplication, davscope_application, ADW_TYPE_APPLICATION)

static DavscopeWindow *
ensure_window (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (davscope_window_new (DAVSCOPE_APPLICATION (app)));
      /* benchmarks/run-gui: timings of the window's listings on stderr. */
      if (g_strcmp0 (g_getenv ("DAVSCOPE_BENCH"), "1") == 0)
        davscope_bench_attach (GTK_WIDGET (window));
    }

  return DAVSCOPE_WINDOW (window);
}

static void
davscope_application_activate (GApplication *app)
{
  gboolean first = gtk_application_get_active_window (GTK_APPLICATION (app)) == NULL;
  DavscopeWindow *window = ensure_window (app);

  /* Started without a location: where the last run ended. */
  if (first)
    davscope_window_restore_tabs (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
davscope_application_open (GApplication  *app,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  DavscopeWindow *window = ensure_window (app);

  if (n_files > 0)
    {
      g_autofree char *url = g_file_get_uri (files[0]);

      davscope_window_open (window, url);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Davscope developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Davscope"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Davscope developers"),
                         "developers", developers,
                         "comments", _("A WebDAV browser that shows what the server answered for every item and every property, and explains each failure."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (davscope_preferences_window_new (parent)));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_activated, NULL, NULL, NULL, { 0 } },
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
};

static void
davscope_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (davscope_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
}

static void
davscope_application_class_init (DavscopeApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = davscope_application_activate;
  app_class->open = davscope_application_open;
  app_class->startup = davscope_application_startup;
}

static void
davscope_application_init (DavscopeApplication *self)
{
}

DavscopeApplication *
davscope_application_new (void)
{
  return g_object_new (DAVSCOPE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/davscope/Davscope",
                       NULL);
}
