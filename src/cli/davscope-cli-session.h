/* davscope-cli-session.h: what every remote subcommand of davscope-cli shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The common options (--json, --user, --insecure, --timeout,
 * --connections), the password (DAVSCOPE_PASSWORD or a prompt, never an
 * argument), the client, and waiting for one async operation at a time.
 */

#pragma once

#include "dav-batch.h"
#include "dav-client.h"
#include "davscope-cli-output.h"

G_BEGIN_DECLS

typedef struct {
  DavscopeCliOutput  out;
  gboolean           json;
  char              *user;
  char              *password;     /* wiped when the session ends */
  gboolean           insecure;
  gboolean           allow_insecure_auth;
  int                timeout;
  int                connections;
  DavClient         *client;
  const char        *command;
  gboolean           auth_refused; /* a login was asked for and not given */
} DavscopeCliSession;

/* Adds the common options to @context; call before parsing. */
void        davscope_cli_session_add_options (DavscopeCliSession  *session,
                                              GOptionContext      *context,
                                              const char          *command);
/* Creates the client for @base_url. FALSE, with a message on stderr,
 * when it cannot be. */
gboolean    davscope_cli_session_connect     (DavscopeCliSession  *session,
                                              const char          *base_url);
void        davscope_cli_session_clear       (DavscopeCliSession  *session);
/* Runs the main loop until @slot is set by davscope_cli_session_done. */
GAsyncResult *davscope_cli_session_wait      (DavscopeCliSession  *session,
                                              GAsyncResult       **slot);
void        davscope_cli_session_done        (GObject             *source,
                                              GAsyncResult        *result,
                                              gpointer             slot);
/* Says on stderr why a request got no answer, and returns exit code 1. */
int         davscope_cli_session_fail        (DavscopeCliSession  *session,
                                              const GError        *error);
/* Prints a top-level answer that was not what was hoped for (a 404 to a
 * listing, a 423 to a MKCOL), with its explanation and any DAV:error;
 * returns the exit code it deserves (2, or 3 for a malformed body). */
int         davscope_cli_session_print_result (DavscopeCliSession *session,
                                               DavResult          *result);
/* The parent collection of @url, with a trailing slash. */
char       *davscope_cli_parent_url          (const char          *url);

G_END_DECLS
