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
  char              *proxy;        /* --proxy URL, or NULL: the system's */
  char              *proxy_user;
  char              *proxy_password; /* wiped when the session ends */
  char              *client_cert;  /* --client-cert FILE or pkcs11: URI */
  char              *cacert;       /* --cacert FILE: CAs trusted beside the system's */
  GTlsCertificate   *rejected;     /* what the failed request refused, for print_error */
  GTlsCertificateFlags rejected_errors;
} DavscopeCliSession;

/* Adds the common options to @context; call before parsing. */
void        davscope_cli_session_add_options (DavscopeCliSession  *session,
                                              GOptionContext      *context,
                                              const char          *command);
/* g_option_context_parse(), and when it fails, session->json still says
 * whether --json was given (GOption undoes what it had set). */
gboolean    davscope_cli_session_parse       (DavscopeCliSession  *session,
                                              GOptionContext      *context,
                                              int                 *argc,
                                              char              ***argv,
                                              GError             **error);
/* A usage error (bad options or arguments) said on stderr, and with
 * --json as the one document; returns exit code 1. */
int         davscope_cli_session_usage       (DavscopeCliSession  *session,
                                              const char          *message);
/* Creates the client for @base_url. FALSE, with a message on stderr (and
 * with --json the document of a usage error), when it cannot be. */
gboolean    davscope_cli_session_connect     (DavscopeCliSession  *session,
                                              const char          *base_url);
/* The password for --user before any request (the doctor logs in with
 * its own client): DAVSCOPE_PASSWORD, else a prompt on the terminal
 * naming the host of @url; NULL without --user or a terminal. */
char       *davscope_cli_session_dup_password (DavscopeCliSession *session,
                                               const char         *url);
void        davscope_cli_session_clear       (DavscopeCliSession  *session);
/* Runs the main loop until @slot is set by davscope_cli_session_done. */
GAsyncResult *davscope_cli_session_wait      (DavscopeCliSession  *session,
                                              GAsyncResult       **slot);
void        davscope_cli_session_done        (GObject             *source,
                                              GAsyncResult        *result,
                                              gpointer             slot);
/* Keeps the certificate a failed request refused (NULL: none), for
 * davscope_cli_session_print_error (). */
void        davscope_cli_session_set_rejected (DavscopeCliSession  *session,
                                               GTlsCertificate     *certificate,
                                               GTlsCertificateFlags errors);
/* Whether the request behind @error got to the server at all. */
DavscopeCliFailure davscope_cli_failure_for_error (const GError   *error);
/* Says on stderr why a request got no answer (with the certificate when
 * TLS refused it); returns exit code 1. */
int         davscope_cli_session_print_error (DavscopeCliSession  *session,
                                              const GError        *error);
/* The same, and with --json the one document: {"url": @url, and the
 * members of davscope_cli_json_failure_fields()}. */
int         davscope_cli_session_fail        (DavscopeCliSession  *session,
                                              const char          *url,
                                              const char          *method,
                                              const GError        *error);
/* Writes what the server answered into an open object: "status",
 * "reason", "severity", "known", "explanation" (@explanation, or the
 * status's own), "ok", "location", "server_says", "description",
 * "error" and "problems" (the body's, then @more_problems: where the
 * answer contradicts the request; may be NULL). */
void        davscope_cli_json_answer_fields  (DavJsonWriter       *json,
                                              DavResult           *result,
                                              gboolean             ok,
                                              const char          *explanation,
                                              GPtrArray           *more_problems);
/* Explains on stderr a top-level answer that was not what was hoped for
 * (a 404 to a listing, a 423 to a MKCOL), with any DAV:error; returns
 * the exit code it deserves (2, 3 for a malformed body, 1 for a login
 * that was refused). The JSON document is the caller's. */
int         davscope_cli_session_print_result (DavscopeCliSession *session,
                                               DavResult          *result);
/* The parent collection of @url, with a trailing slash. */
char       *davscope_cli_parent_url          (const char          *url);

G_END_DECLS
