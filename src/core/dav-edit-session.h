/* dav-edit-session.h: a remote file opened in a local application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a file downloads it into a cache folder of its own and
 * remembers what it came with: the ETag (and Last-Modified) and a
 * checksum of its bytes. The folder is watched (editors save by writing a
 * new file and renaming it over the old one), and a save whose bytes
 * differ from the last ones the server confirmed is uploaded with
 * If-Match: <that ETag>, so that a change someone else made meanwhile is
 * a 412 and a question, never lost (RFC 9110 §13.1.1); a PROPFIND before
 * the PUT asks the same question of servers that ignore If-Match. An
 * unchanged save sends nothing. Nothing is reported saved before the
 * server's 2xx.
 */

#pragma once

#include <gio/gio.h>

#include "dav-client.h"
#include "dav-result.h"

G_BEGIN_DECLS

typedef enum {
  DAV_EDIT_STATE_NEW,
  DAV_EDIT_STATE_DOWNLOADING,
  DAV_EDIT_STATE_WATCHING,   /* the server has what the cache has, as far as we know */
  DAV_EDIT_STATE_UPLOADING,  /* also: fetching the new ETag, resolving a conflict */
  DAV_EDIT_STATE_CONFLICT,   /* a 412: waiting for dav_edit_session_resolve () */
  DAV_EDIT_STATE_FAILED,     /* the last upload failed; the next save tries again */
  DAV_EDIT_STATE_CLOSED,
} DavEditState;

/* What to do when the server's file changed under ours. */
typedef enum {
  DAV_EDIT_KEEP_BOTH,   /* upload ours as "name (conflict YYYY-MM-DD HH.MM).ext" */
  DAV_EDIT_OVERWRITE,   /* replace the server's version with ours */
  DAV_EDIT_DISCARD,     /* replace ours with the server's version */
} DavEditChoice;

/* Which request a "saved" or "failed" is about. */
typedef enum {
  DAV_EDIT_STEP_DOWNLOAD,
  DAV_EDIT_STEP_UPLOAD,
  DAV_EDIT_STEP_KEEP_BOTH,
  DAV_EDIT_STEP_OVERWRITE,
  DAV_EDIT_STEP_DISCARD,
  DAV_EDIT_STEP_LOCK,
  DAV_EDIT_STEP_UNLOCK,
} DavEditStep;

#define DAV_TYPE_EDIT_SESSION (dav_edit_session_get_type ())

G_DECLARE_FINAL_TYPE (DavEditSession, dav_edit_session, DAV, EDIT_SESSION, GObject)

/* @cache_root: where per-file folders are made; NULL for
 * $XDG_CACHE_HOME/davscope/open. */
DavEditSession *dav_edit_session_new            (DavClient      *client,
                                                 const char     *url,
                                                 const char     *cache_root);
/* Takes a LOCK (exclusive, depth 0) once the file is downloaded, and
 * UNLOCKs it on dav_edit_session_close (). Off by default. */
void            dav_edit_session_set_lock       (DavEditSession *self,
                                                 gboolean        lock);
/* How long the folder must be quiet after a change before the file is
 * read (milliseconds; 400 by default). */
void            dav_edit_session_set_debounce   (DavEditSession *self,
                                                 guint           milliseconds);

/* Downloads the file into the cache and starts watching it. Emits
 * ::progress while the bytes come. */
void            dav_edit_session_open_async     (DavEditSession      *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        dav_edit_session_open_finish    (DavEditSession  *self,
                                                 GAsyncResult    *result,
                                                 GError         **error);
/* Looks at the cached file now, as a change seen by the monitor would. */
void            dav_edit_session_check          (DavEditSession *self);
/* Answers a conflict (state DAV_EDIT_STATE_CONFLICT). */
void            dav_edit_session_resolve        (DavEditSession *self,
                                                 DavEditChoice   choice);
/* Stops watching, cancels what runs, and UNLOCKs what it locked. The
 * cached file stays (the application may still show it). */
void            dav_edit_session_close          (DavEditSession *self);

DavClient      *dav_edit_session_get_client     (DavEditSession *self);
/* Where the session uploads to: the file opened, or after "keep both"
 * the copy that holds our version. */
const char     *dav_edit_session_get_url        (DavEditSession *self);
GFile          *dav_edit_session_get_file       (DavEditSession *self);
DavEditState    dav_edit_session_get_state      (DavEditSession *self);
/* The ETag the next upload is conditional on, or NULL. */
const char     *dav_edit_session_get_etag       (DavEditSession *self);
/* The header that makes uploads conditional: "If-Match", or
 * "If-Unmodified-Since" when the server gave no ETag; NULL when it gave
 * neither an ETag nor a date (uploads then send If-Match: *, which only
 * checks that the file is still there). */
const char     *dav_edit_session_get_condition  (DavEditSession *self);
/* The last answer the session got (a failed download's too), or NULL. */
DavResult      *dav_edit_session_get_last_result (DavEditSession *self);

/* "name (conflict 2026-12-03 22.50).txt" for "name.txt" at @when
 * (local time); the extension stays last. */
char           *dav_edit_session_conflict_name  (const char     *name,
                                                 GDateTime      *when,
                                                 guint           attempt);

G_END_DECLS
