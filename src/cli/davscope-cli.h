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

G_END_DECLS
