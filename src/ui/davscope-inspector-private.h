/* davscope-inspector-private.h: what the inspector's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inspector is a window (davscope-inspector-window.c), the rows of its
 * list of exchanges (davscope-inspector-exchange-row.c), the tree of a
 * parsed answer (davscope-inspector-node.c) and the text they all show
 * (davscope-inspector-body.c). This header is for those files only: every
 * string these functions return is escaped and ready to show.
 */

#pragma once

#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>

#include "dav-client.h"
#include "davscope-ui-util.h"

G_BEGIN_DECLS

/* What a body view shows now, to redraw it only when that changed. */
typedef struct {
  gboolean  valid;
  GBytes   *bytes;         /* a reference to what was shown */
  gsize     size;
  gboolean  final;
  gboolean  hex;           /* shown as a hex dump */
  char     *content_note;  /* what the text says about the bytes, or NULL */
} DavscopeInspectorBodyState;

typedef enum {
  DAVSCOPE_INSPECTOR_BODY_SAME,
  DAVSCOPE_INSPECTOR_BODY_SIZE,     /* only the full size moved on (the kept part is full) */
  DAVSCOPE_INSPECTOR_BODY_CHANGED,
} DavscopeInspectorBodyChange;

/* davscope-inspector-body.c: text */
char                        *davscope_inspector_escape              (const char                 *text);
/* Line breaks (LF or CRLF) and tabs stay. */
char                        *davscope_inspector_escape_block        (const char                 *text,
                                                                     gsize                       length);
/* At most @max characters, with an ellipsis when cut. */
char                        *davscope_inspector_escape_preview      (const char                 *text,
                                                                     glong                       max);
char                        *davscope_inspector_format_count        (gsize                       n);
char                        *davscope_inspector_format_ms           (gint64                      us);
char                        *davscope_inspector_display_path        (const char                 *url);
gboolean                     davscope_inspector_has_binary_bytes    (const char                 *data,
                                                                     gsize                       length);
const char                  *davscope_inspector_find_header         (GPtrArray                  *headers,
                                                                     const char                 *name);
const char                  *davscope_inspector_body_language       (const char                 *content_type,
                                                                     const char                 *data,
                                                                     gsize                       length);
/* Re-indented XML and where each line as received went (see the .c). */
char                        *davscope_inspector_indent_xml          (const char                 *data,
                                                                     gsize                       length,
                                                                     GArray                    **lines);
guint                        davscope_inspector_indented_line       (GArray                     *lines,
                                                                     guint                       line);

/* davscope-inspector-body.c: statuses */
const char                  *davscope_inspector_status_class_css    (guint                       status);
char                        *davscope_inspector_multistatus_summary (const DavMultistatus       *multistatus,
                                                                     DavExchange                *exchange,
                                                                     const char                **css_class);

/* davscope-inspector-body.c: the views */
GtkTextBuffer               *davscope_inspector_view_buffer         (GtkWidget                  *view);
GtkSourceStyleScheme        *davscope_inspector_pick_style_scheme   (gboolean                    dark);
void                         davscope_inspector_init_text_view      (GtkWidget                  *view,
                                                                     gboolean                    headers);
void                         davscope_inspector_render_headers      (GtkWidget                  *view,
                                                                     const char                 *first_line,
                                                                     GPtrArray                  *headers);
void                         davscope_inspector_body_state_clear    (DavscopeInspectorBodyState *state);
DavscopeInspectorBodyChange  davscope_inspector_body_state_update   (DavscopeInspectorBodyState *state,
                                                                     GBytes                     *bytes,
                                                                     gsize                       size,
                                                                     gboolean                    final);
void                         davscope_inspector_render_body         (GtkWidget                  *view,
                                                                     GtkWidget                  *note_label,
                                                                     DavscopeInspectorBodyState *state,
                                                                     DavscopeInspectorBodyChange change,
                                                                     gboolean                    truncated,
                                                                     const char                 *content_type,
                                                                     const char                 *declared_length);

/* davscope-inspector-body.c: lists */
GtkListItemFactory          *davscope_inspector_list_factory_new    (GCallback                   setup,
                                                                     GCallback                   bind,
                                                                     GCallback                   unbind);

/* davscope-inspector-exchange-row.c */
GtkListItemFactory          *davscope_inspector_exchange_row_factory_new (void);

G_END_DECLS
