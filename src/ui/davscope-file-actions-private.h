/* davscope-file-actions-private.h: what the file actions' files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An operation is a short chain of steps (ask, look for what is in the
 * way, ask whether to replace it, run); a DavscopeFileOp carries what the
 * chain needs between them and is passed to each callback as its data.
 * davscope-file-actions.c holds the chain's common steps, new folder,
 * rename and paste; davscope-file-actions-transfer.c the uploads and
 * downloads, which walk local and remote folders.
 */

#pragma once

#include "davscope-file-actions.h"

#include "dav-operation.h"

G_BEGIN_DECLS

typedef struct _DavscopeFileOp DavscopeFileOp;

typedef void (*DavscopeNameChosen) (DavscopeFileOp *op,
                                    const char     *name);

/* The targets are three arrays of one entry each: the URL, the
 * destination URL (COPY, MOVE) and the local file (upload, download; NULL
 * for a folder an upload makes). */
struct _DavscopeFileOp
{
  DavscopeFileContext context;       /* holding references */
  DavOperation        operation;
  DavFolder          *folder;        /* where new things go; rename: where it is */
  DavResource        *resource;      /* rename */
  GPtrArray          *urls;          /* char* */
  GPtrArray          *destinations;  /* char*, or NULL */
  GPtrArray          *files;         /* GFile*, or NULL */
  GPtrArray          *in_the_way;    /* indexes (GUINT_TO_POINTER) of targets that exist */
  GtkWidget          *dialog;        /* a name dialog */
  GtkWidget          *entry;         /* of the name dialog */
  GtkWidget          *name_error;    /* under it: why a name cannot be used */
  char               *name_taken;    /* the text of a name already there */
  DavscopeNameChosen  chosen;        /* what a name chosen in it does */
  guint64             bytes;         /* uploads, downloads: what they carry; G_MAXUINT64: unknown */
  char               *old_name;      /* rename */
  GtkNativeDialog    *chooser;
  /* Downloads of folders. */
  GPtrArray          *to_list;       /* chosen folders still to list (owned by the transfer file) */
  GHashTable         *dirs;          /* normalised folder path -> GFile*: its local folder */
  GPtrArray          *local_dirs;    /* GFile*: made just before the run */
  GHashTable         *taken;         /* local paths given out */
  GPtrArray          *names;         /* of the local files in the way */
};

/* @copy: @context, holding references to what it names, until
 * davscope_file_context_clear. */
void            davscope_file_context_copy  (DavscopeFileContext       *copy,
                                             const DavscopeFileContext *context);
void            davscope_file_context_clear (DavscopeFileContext       *context);

DavscopeFileOp *davscope_file_op_new       (const DavscopeFileContext *context,
                                            DavOperation               operation);
void            davscope_file_op_free      (DavscopeFileOp            *op);
void            davscope_file_op_toast     (DavscopeFileOp            *op,
                                            const char                *text);
/* Appends a target; @destination and @file may be NULL. */
void            davscope_file_op_add       (DavscopeFileOp            *op,
                                            const char                *url,
                                            const char                *destination,
                                            GFile                     *file);
/* @names: of the items in the way. Asks whether to replace them, unless
 * nothing is in the way, then runs (davscope_file_run_batch); frees @op. */
void            davscope_file_op_ask_replace_or_run (DavscopeFileOp *op,
                                                     GPtrArray      *names);

/* The URL of @name in @folder_url: escaped here, never taken from an href. */
char           *davscope_file_child_url    (const char                *folder_url,
                                            const char                *name,
                                            gboolean                   collection);
/* Whether @url, or a file where a folder would go or the other way
 * round, is in @folder's listing. */
gboolean        davscope_file_in_listing   (DavFolder                 *folder,
                                            const char                *url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavscopeFileOp, davscope_file_op_free)

G_END_DECLS
