/* davscope-file-actions.h: the everyday file operations of the browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * New folder (MKCOL), rename (MOVE), upload (PUT, from a file chooser or a
 * drop), download (GET into a chosen local folder), paste after cut or
 * copy (MOVE or COPY), each asking before anything existing is replaced.
 * Several items run in a DavscopeReportWindow (progress, cancel, per-item
 * report); a single change runs quietly and ends in a toast, with Undo
 * where the reverse request loses nothing, or in the report window when
 * it failed (a single transfer of more than a few MiB shows its progress
 * there too). Every target is built from the folder's
 * URL and an escaped name, and checked by the client
 * (docs/hostile-servers.md promise 1).
 */

#pragma once

#include <adwaita.h>

#include "dav-batch.h"
#include "dav-operation.h"
#include "dav-resource-store.h"

G_BEGIN_DECLS

/* Selects @url in @parent's browser once a listing has it. */
typedef void (*DavscopeSelectFunc) (GtkWindow  *parent,
                                    const char *url);

typedef struct {
  GtkWindow          *parent;
  DavResourceStore   *store;
  AdwToastOverlay    *toasts;
  DavscopeSelectFunc  select;   /* what a change made or moved; may be NULL */
} DavscopeFileContext;

/* Whether @name may be the name of a new item: not empty, no "/", not "."
 * or "..", no control characters. @reason, if given, says why not. */
gboolean davscope_file_name_is_valid  (const char           *name,
                                       const char          **reason);

void     davscope_file_new_folder     (const DavscopeFileContext *context,
                                       DavFolder                 *folder);
/* @folder: the one @resource was listed in, to tell a name taken there;
 * may be NULL. */
void     davscope_file_rename         (const DavscopeFileContext *context,
                                       DavResource               *resource,
                                       DavFolder                 *folder);
/* @files: GFile*, or NULL to choose them in a file chooser. */
void     davscope_file_upload         (const DavscopeFileContext *context,
                                       DavFolder                 *folder,
                                       GPtrArray                 *files);
/* @resources: DavResource*, files only; the local folder is chosen in a
 * file chooser. */
void     davscope_file_download       (const DavscopeFileContext *context,
                                       GPtrArray                 *resources);
/* @resources: what was cut or copied; @move: it was cut. */
void     davscope_file_paste          (const DavscopeFileContext *context,
                                       DavFolder                 *folder,
                                       GPtrArray                 *resources,
                                       gboolean                   move);
/* How every change ends, the file actions' and Delete's: @batch, built
 * for @operation with the store's client, runs quietly when it has one
 * target, and ends in a toast (dav_report_is_single_success: with Undo
 * when dav_report_item_is_undoable) or, when it failed, in the report
 * window; several targets, or a refused one, run in the report window. */
void     davscope_file_run_batch      (const DavscopeFileContext *context,
                                       DavOperation               operation,
                                       DavBatch                  *batch,
                                       gboolean                   overwrite);

G_END_DECLS
