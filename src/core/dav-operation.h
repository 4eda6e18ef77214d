/* dav-operation.h: the kinds of change a batch makes, and their words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a person asked for (delete, new folder, copy, move, upload,
 * download, save properties), with the HTTP method that does it and, in
 * one table, every word the report of it is told in: the title of its
 * window, what it says while it runs, and what a confirmed item is
 * called. A batch may hold more than one method for one operation (an
 * upload of a folder makes its folders with MKCOL).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DAV_OPERATION_DELETE,
  DAV_OPERATION_MKCOL,
  DAV_OPERATION_COPY,
  DAV_OPERATION_MOVE,
  DAV_OPERATION_UPLOAD,     /* PUT of a local file */
  DAV_OPERATION_DOWNLOAD,   /* GET into a local file */
  DAV_OPERATION_PROPPATCH,
} DavOperation;

/* The operation an item of a report with this method belongs to; FALSE
 * for a method no batch sends. */
gboolean     dav_operation_from_method        (const char   *method,
                                               DavOperation *operation);
/* "DELETE", "MKCOL", "COPY", "MOVE", "PUT", "GET", "PROPPATCH". */
const char  *dav_operation_get_method         (DavOperation  operation);
/* Whether each target has a destination: a URL (COPY, MOVE) or a local
 * file (upload, download). */
gboolean     dav_operation_has_destination    (DavOperation  operation);
/* A confirmed item: "Deleted", "Copied", … */
const char  *dav_operation_get_done_word      (DavOperation  operation);
/* The title of the report window: "Delete Report", … */
const char  *dav_operation_get_report_title   (DavOperation  operation);
/* "Deleting 3 Items", … */
char        *dav_operation_dup_running_title  (DavOperation  operation,
                                               guint         n);
/* "3 deleted", … */
char        *dav_operation_dup_done_count     (DavOperation  operation,
                                               guint         n);

G_END_DECLS
