/* dav-status-line.h: lenient parsing of the text of a <DAV:status> element
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4918 §14.28 puts an HTTP status line there ("HTTP/1.1 423 Locked").
 * Servers send variants: no reason phrase, "HTTP 1.1 200 OK", CR/LF and
 * spaces around it, a bare code. Each is read and what is off is reported.
 */

#pragma once

#include "dav-problem.h"

G_BEGIN_DECLS

typedef struct {
  guint  code;          /* 0 when no status code could be read */
  char  *reason;        /* reason phrase as sent (may be ""), NULL if none */
  char  *version;       /* protocol part as sent ("HTTP/1.1"), NULL if none */
} DavStatusLine;

/* Returns FALSE when no code could be read. Problems found on the way
 * (lenient forms, unknown or interim codes) are appended to @problems as
 * DavProblem*, with @line / @column. @out may be NULL. */
gboolean dav_status_line_parse (const char    *text,
                                DavStatusLine *out,
                                GPtrArray     *problems,
                                guint          line,
                                guint          column);
void     dav_status_line_clear (DavStatusLine *status_line);

G_END_DECLS
