/* main.c: the davscope desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <locale.h>

#include "davscope-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DavscopeApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* DAVSCOPE_LOCALEDIR runs the translations of a build tree (tests). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DAVSCOPE_LOCALEDIR") ? g_getenv ("DAVSCOPE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = davscope_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
