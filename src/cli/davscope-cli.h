/* davscope-cli.h: the subcommands of davscope-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each takes the arguments after its name (argv[0] is the name) and
 * returns one of the exit codes of DESIGN.md.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int davscope_cli_inspect (int    argc,
                          char **argv);
int davscope_cli_explain (int    argc,
                          char **argv);

G_END_DECLS
