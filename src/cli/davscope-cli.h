/* davscope-cli.h: the subcommands of davscope-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each takes the arguments after its name (argv[0] is the name) and
 * returns one of the exit codes of docs/cli-json.md.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int davscope_cli_inspect (int    argc,
                          char **argv);
int davscope_cli_explain (int    argc,
                          char **argv);
int davscope_cli_info    (int argc, char **argv);
int davscope_cli_ls      (int argc, char **argv);
int davscope_cli_props   (int argc, char **argv);
int davscope_cli_proppatch (int argc, char **argv);
int davscope_cli_rm      (int argc, char **argv);
int davscope_cli_mkdir   (int argc, char **argv);
int davscope_cli_get     (int argc, char **argv);
int davscope_cli_put     (int argc, char **argv);
int davscope_cli_cp      (int argc, char **argv);
int davscope_cli_mv      (int argc, char **argv);
int davscope_cli_lock    (int argc, char **argv);
int davscope_cli_unlock  (int argc, char **argv);
int davscope_cli_doctor  (int argc, char **argv);

/* cp, mv, get and put with many items (davscope-cli-batch.c): the form
 * with more than one source, run as one batch with a report per item. */
typedef enum {
  DAVSCOPE_CLI_MANY_COPY,
  DAVSCOPE_CLI_MANY_MOVE,
  DAVSCOPE_CLI_MANY_GET,
  DAVSCOPE_CLI_MANY_PUT,
} DavscopeCliMany;

/* Whether @argv (after the common options and the command's own are
 * taken out) names more than one source: the many-items form. */
gboolean davscope_cli_is_many   (int             argc,
                                 char          **argv,
                                 DavscopeCliMany kind);
int      davscope_cli_many      (int             argc,
                                 char          **argv,
                                 DavscopeCliMany kind);

G_END_DECLS
