/* davscope-cli-output.h: how davscope-cli shows things to people and scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Human output escapes every server string (control and bidi characters)
 * and uses colour only when stdout is a terminal; JSON output keeps the
 * field names of docs/cli-json.md stable.
 */

#pragma once

#include <stdio.h>

#include "dav-href.h"
#include "dav-json-writer.h"
#include "dav-multistatus.h"
#include "dav-report.h"
#include "dav-status.h"

G_BEGIN_DECLS

/* The exit codes of docs/cli-json.md. */
typedef enum {
  DAVSCOPE_CLI_EXIT_OK        = 0,
  DAVSCOPE_CLI_EXIT_CANNOT    = 1, /* usage, connection, TLS, auth, unreadable file */
  DAVSCOPE_CLI_EXIT_FAILED    = 2, /* at least one item or property failed */
  DAVSCOPE_CLI_EXIT_MALFORMED = 3, /* the server's answer was malformed */
} DavscopeCliExit;

/* Why a command could not run (exit code 1). With --json each is one
 * document whose "usage_error", "local_error" or "transport_error" says
 * it; see davscope_cli_json_failure_fields(). */
typedef enum {
  DAVSCOPE_CLI_FAILURE_USAGE,     /* options, arguments, a URL that cannot be used */
  DAVSCOPE_CLI_FAILURE_LOCAL,     /* a local file that cannot be read or written */
  DAVSCOPE_CLI_FAILURE_NOT_SENT,  /* the request never reached the server */
  DAVSCOPE_CLI_FAILURE_NO_ANSWER, /* sent, but no answer came */
} DavscopeCliFailure;

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
/* The same as a DavReportPaintFunc, @out its data. */
char *davscope_cli_output_paint_func    (DavSeverity        severity,
                                         const char        *text,
                                         gpointer           out);
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
/* The same for the answer to a request, worded for its @method (a 409
 * to UNLOCK is no missing folder). */
void  davscope_cli_output_print_status_for (DavscopeCliOutput *out,
                                            guint              indent,
                                            guint              code,
                                            const char        *reason_sent,
                                            const char        *method);
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
/* The same for a whole answer to @method, with @explanation instead of
 * the status's own when it is not NULL. */
void  davscope_cli_json_status_explained (DavJsonWriter    *json,
                                          guint             code,
                                          const char       *reason_sent,
                                          const char       *method,
                                          const char       *explanation);
/* The problem an href that names no member carries (outside the folder,
 * another server, invalid), or NULL. */
DavProblem *davscope_cli_href_problem   (const DavHref     *href,
                                         guint              line);
void  davscope_cli_json_flush           (DavJsonWriter     *json,
                                         FILE              *stream);

/* A failure for scripts, in the members a batch result has for an item
 * that got no answer: "method", "outcome", "status": null, "reason": null,
 * "ok": false, "explanation", one of "usage_error", "local_error" or
 * "transport_error" (the message), and "complete": false. */
void  davscope_cli_json_failure_fields  (DavJsonWriter      *json,
                                         const char         *method,
                                         DavscopeCliFailure  failure,
                                         const char         *message);
/* Prints on stdout the one document of a failure: {"url": @url, and the
 * failure fields}. */
void  davscope_cli_json_failure         (const char         *url,
                                         const char         *method,
                                         DavscopeCliFailure  failure,
                                         const char         *message);
/* Says on stderr why @command could not run ("@command: @message", or
 * @message alone when @command is NULL), and with @json prints the one
 * document {"url": @url, ...failure fields}. Returns exit code 1. */
int   davscope_cli_fail                 (gboolean            json,
                                         const char         *command,
                                         const char         *url,
                                         const char         *method,
                                         DavscopeCliFailure  failure,
                                         const char         *message);
/* Whether --json is among @argv: a usage error is answered in JSON too,
 * also when the options could not be parsed. */
gboolean davscope_cli_args_want_json    (int                 argc,
                                         char              **argv);

G_END_DECLS
