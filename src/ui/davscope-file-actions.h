/* davscope-file-actions.h: the everyday file operations of the browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * New folder (MKCOL), rename (MOVE), upload (PUT, from a file chooser or a
 * drop), download (GET into a chosen local folder), paste after cut or
 * copy (MOVE or COPY), each asking before anything existing is replaced.
 * Several items run in a DavscopeReportWindow (progress, cancel, per-item
 * report); a single change runs quietly and ends in a toast, or in the
 * report window when it failed. Every target is built from the folder's
 * URL and an escaped name, and checked by the client
 * (docs/hostile-servers.md promise 1).
 */

#pragma once

#include <adwaita.h>

#include "dav-resource-store.h"

G_BEGIN_DECLS

typedef struct {
  GtkWindow        *parent;
  DavResourceStore *store;
  AdwToastOverlay  *toasts;
} DavscopeFileContext;

/* Whether @name may be the name of a new item: not empty, no "/", not "."
 * or "..", no control characters. @reason, if given, says why not. */
gboolean davscope_file_name_is_valid  (const char           *name,
                                       const char          **reason);

void     davscope_file_new_folder     (const DavscopeFileContext *context,
                                       DavFolder                 *folder);
void     davscope_file_rename         (const DavscopeFileContext *context,
                                       DavResource               *resource);
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

G_END_DECLS
