/* dav-text.h: making server text safe to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Server strings never reach a terminal, a log or a label with control
 * characters, bidi controls or invalid UTF-8 unescaped
 * (docs/hostile-servers.md promise 7).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Escapes C0/C1 controls as \xNN, bidi and zero-width format characters as
 * \u{NNNN}, invalid UTF-8 bytes as \xNN. A backslash stays one backslash,
 * doubled only where it could be read as an escape (before "x", "u", an
 * escaped character or the end). @length may be -1. Never NULL for a
 * non-NULL @text. */
char     *dav_text_escape      (const char *text,
                                gssize      length);
/* Trims ASCII whitespace (space, tab, CR, LF) at both ends, in place. */
char     *dav_text_strip       (char       *text);
gboolean  dav_text_is_blank    (const char *text,
                                gsize       length);
/* Bidi embeddings, overrides and isolates, zero-width and other format
 * characters that can make a name look like another one. */
gboolean  dav_text_is_format_char (gunichar c);
/* Collapses each run of XML whitespace to one space (none between two
 * tags), for showing an XML value on one line. */
char     *dav_text_squeeze     (const char *text);

/* A query as dav_text_name_matches() compares it: NFD, combining marks
 * dropped, case folded, so "cafe" finds "Café" and "CAFÉ" alike. */
char     *dav_text_fold        (const char *text);
/* Whether @name contains @folded (from dav_text_fold()) anywhere, under
 * the same folding; an empty @folded matches every name. ASCII names are
 * compared without allocating: a folder of 100,000 is filtered as typed. */
gboolean  dav_text_name_matches (const char *name,
                                 const char *folded);

G_END_DECLS
