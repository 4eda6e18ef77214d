/* davscope-cli.c: the command-line front end of Davscope
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "davscope-cli.h"
#include "davscope-cli-output.h"

typedef struct {
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "inspect", davscope_cli_inspect, N_("Explain a saved 207 Multi-Status body") },
  { "explain", davscope_cli_explain, N_("Explain an HTTP status code or a DAV:error condition") },
  { "info", davscope_cli_info, N_("Show what a server supports (OPTIONS, quota)") },
  { "ls", davscope_cli_ls, N_("List a collection, each entry with its status") },
  { "props", davscope_cli_props, N_("Show every property of a resource with its status") },
  { "proppatch", davscope_cli_proppatch, N_("Set and remove properties, with a result per property") },
  { "rm", davscope_cli_rm, N_("Delete resources, with a report per item") },
  { "mkdir", davscope_cli_mkdir, N_("Create a collection") },
  { "get", davscope_cli_get, N_("Download a file") },
  { "put", davscope_cli_put, N_("Upload a file") },
  { "cp", davscope_cli_cp, N_("Copy a resource on the server") },
  { "mv", davscope_cli_mv, N_("Move or rename a resource on the server") },
  { "lock", davscope_cli_lock, N_("Lock a resource") },
  { "unlock", davscope_cli_unlock, N_("Release a lock") },
  { "doctor", davscope_cli_doctor, N_("Check what a WebDAV server does wrong, and which clients it breaks") },
};

static void
usage (FILE *stream)
{
  fprintf (stream, "%s\n\n%s\n", _("Usage: davscope-cli COMMAND [OPTIONS] [ARGUMENTS]"), _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “davscope-cli COMMAND --help” for the options of a command."));
  fprintf (stream, "\n%s\n%s\n%s\n%s\n",
           _("Exit status: 0 everything succeeded; 1 could not run;"),
           _("2 the server answered and at least one item or property failed;"),
           _("3 the server's answer was malformed (what could be read is still printed)."),
           "");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* DAVSCOPE_LOCALEDIR runs the translations of a build tree (tests). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DAVSCOPE_LOCALEDIR") ? g_getenv ("DAVSCOPE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      usage (stderr);
      return DAVSCOPE_CLI_EXIT_CANNOT;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      usage (stdout);
      return DAVSCOPE_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("davscope-cli %s\n", PACKAGE_VERSION);
      return DAVSCOPE_CLI_EXIT_OK;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  {
    g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), argv[1]);

    davscope_cli_fail (davscope_cli_args_want_json (argc, argv), "davscope-cli", NULL, NULL,
                       DAVSCOPE_CLI_FAILURE_USAGE, message);
    fputc ('\n', stderr);
    usage (stderr);
    return DAVSCOPE_CLI_EXIT_CANNOT;
  }
}
