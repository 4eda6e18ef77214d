/* davscope-ui-util.h: the small helpers every part of the window shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a severity looks (icon, style class), how a status reads
 * ("404 Not Found"), and the plain label the panes are made of. One
 * place, so that a status reads the same in the listing, the details
 * pane, the property editor, the report and the inspector.
 */

#pragma once

#include <gtk/gtk.h>

#include "dav-status.h"

G_BEGIN_DECLS

const char *davscope_severity_icon     (DavSeverity  severity);
const char *davscope_severity_css      (DavSeverity  severity);

/* "207 Multi-Status": the server's own @reason (escaped) when it sent
 * one, else the catalogue's, read as a property's status when
 * @for_property (a 404 propstat is "the property does not exist").
 * Status 0 is "no status". */
char       *davscope_status_phrase     (guint        status,
                                        const char  *reason,
                                        gboolean     for_property);

/* A left-aligned label for server text: wrapped by word and character
 * when @wrap (hrefs have no spaces), else ellipsized in the middle.
 * Selectable only where copying helps (values, explanations): a
 * selectable label takes a place in the focus chain. */
GtkWidget  *davscope_plain_label       (const char  *text,
                                        const char  *css_class,
                                        gboolean     wrap,
                                        gboolean     selectable);

/* Shows @text in @label, and the label only when there is text. */
void        davscope_label_set_text_or_hide (GtkWidget  *label,
                                             const char *text);

/* The same margin on all four sides. */
void           davscope_set_margins       (GtkWidget           *widget,
                                           int                  margin);

/* A filter of a file chooser: @name ("JSON"), one @pattern, one type. */
GtkFileFilter *davscope_file_filter_new   (const char          *name,
                                           const char          *pattern,
                                           const char          *mime_type);

/* Writes @text (taken) to @file as Davscope writes every file: private
 * while it is written, then with the mode of dav-local-file.c (never
 * writable by others); @callback gets @file as its source object. */
void           davscope_write_text_async  (GFile               *file,
                                           char                *text,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* The name of the file written, for people; NULL with @error. */
char          *davscope_write_text_finish (GFile               *file,
                                           GAsyncResult        *result,
                                           GError             **error);

/* Puts @mnemonic's label and @field on @row of a two-column form,
 * @field labelled by it for screen readers. Returns @field. */
GtkWidget     *davscope_grid_add_labelled (GtkGrid             *grid,
                                           int                  row,
                                           const char          *mnemonic,
                                           GtkWidget           *field);

G_END_DECLS
