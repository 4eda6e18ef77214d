/* davscope-cli-output.h: how davscope-cli shows things to people and scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Human output escapes every server string (control and bidi characters)
 * and uses colour only when stdout is a terminal; JSON output keeps the
 * field names of DESIGN.md stable.
 */

#pragma once

#include <stdio.h>

#include "dav-json-writer.h"
#include "dav-multistatus.h"
#include "dav-report.h"
#include "dav-status.h"

G_BEGIN_DECLS

/* The exit codes of DESIGN.md. */
typedef enum {
  DAVSCOPE_CLI_EXIT_OK        = 0,
  DAVSCOPE_CLI_EXIT_CANNOT    = 1, /* usage, connection, TLS, auth, unreadable file */
  DAVSCOPE_CLI_EXIT_FAILED    = 2, /* at least one item or property failed */
  DAVSCOPE_CLI_EXIT_MALFORMED = 3, /* the server's answer was malformed */
} DavscopeCliExit;

typedef struct {
  FILE     *stream;
  gboolean  color;
  gboolean  json;
} DavscopeCliOutput;

void  davscope_cli_output_init          (DavscopeCliOutput *out,
                                         FILE              *stream,
                                         gboolean           json);
/* Wraps @text in the colour of @severity when colour is on. */
char *davscope_cli_output_paint         (DavscopeCliOutput *out,
                                         DavSeverity        severity,
                                         const char        *text);
void  davscope_cli_output_print_escaped (DavscopeCliOutput *out,
                                         const char        *prefix,
                                         const char        *text);
/* "✘ 423 Locked" with colour, and under it the explanation (when
 * @explain) indented by @indent; @for_property words it for the
 * properties of a propstat. */
void  davscope_cli_output_print_status  (DavscopeCliOutput *out,
                                         guint              indent,
                                         guint              code,
                                         const char        *reason_sent,
                                         gboolean           explain,
                                         gboolean           for_property);
void  davscope_cli_output_print_problems (DavscopeCliOutput *out,
                                          guint              indent,
                                          GPtrArray         *problems);
void  davscope_cli_output_print_conditions (DavscopeCliOutput *out,
                                            guint              indent,
                                            GPtrArray         *conditions);

/* JSON pieces shared by the commands. */
void  davscope_cli_json_status_fields   (DavJsonWriter     *json,
                                         guint              code,
                                         const char        *reason_sent,
                                         gboolean           for_property);
void  davscope_cli_json_problems        (DavJsonWriter     *json,
                                         GPtrArray         *problems);
void  davscope_cli_json_flush           (DavJsonWriter     *json,
                                         FILE              *stream);

G_END_DECLS
