/* dav-local-file.h: writing a download so that a failure loses nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A download goes into a partial file beside its target (DavDownload) and
 * is moved in place only once the server confirmed the whole body: an existing file is
 * never truncated by a download that fails half-way, and is replaced only
 * when the user said so. Every file and folder Davscope writes gets the
 * mode of one policy, whatever umask it was started with.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The mode of a file (@directory FALSE) or folder Davscope creates on the
 * local disk: the umask's, never writable by group or others (0644, 0755
 * even under umask 000). */
guint     dav_local_file_mode           (gboolean         directory);
/* Gives the file at @path the mode of dav_local_file_mode (FALSE). */
gboolean  dav_local_file_set_mode       (const char      *path,
                                         GError         **error);
/* Creates @directory and its missing parents with the mode of
 * dav_local_file_mode (TRUE); a folder that exists is fine. */
gboolean  dav_local_file_make_directory (GFile           *directory,
                                         GError         **error);
/* Creates an empty temporary file in @target's folder and opens it for
 * writing. Returns: (transfer full): the temporary file, or NULL. */
GFile    *dav_local_file_begin          (GFile           *target,
                                         GFileIOStream  **stream,
                                         GError         **error);
/* Moves @temp to @target (replacing it only with @overwrite) with the mode
 * of dav_local_file_mode (FALSE); on any failure @temp is deleted. */
gboolean  dav_local_file_commit         (GFile           *temp,
                                         GFile           *target,
                                         gboolean         overwrite,
                                         GError         **error);
/* Deletes @temp: what it holds is not to be kept. */
void      dav_local_file_abort          (GFile           *temp);

G_END_DECLS
