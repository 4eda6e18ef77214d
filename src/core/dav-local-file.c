/* dav-local-file.c: writing a download so that a failure loses nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Also the mode of every file and folder Davscope writes on the local
 * disk (dav_local_file_mode).
 */

#include "dav-local-file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

/* Linux shows the umask in /proc; umask () can only read it by setting it,
 * for a moment, for the whole process: a file another thread created then
 * would get mode 0666. */
static mode_t
current_umask (void)
{
  g_autofree char *status = NULL;
  const char *line;
  mode_t mask;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "\nUmask:")) != NULL)
    return strtoul (line + strlen ("\nUmask:"), NULL, 8) & 0777;

  mask = umask (0);
  umask (mask);
  return mask;
}

/* The policy: what the umask gives a new file, but never writable by the
 * group or others. A download or an export then gets the user's normal
 * 0644 (folders 0755) even when Davscope was started with umask 000, as
 * some shells and test harnesses set, where it would be 0666 for anyone
 * to change; a stricter umask (077: 0600, 0700) is kept. */
guint
dav_local_file_mode (gboolean directory)
{
  return (directory ? 0777 : 0666) & ~(current_umask () | 022);
}

/* Sets @error from errno: writing in @path failed. Returns FALSE. */
static gboolean
cannot_write_in (const char  *path,
                 GError     **error)
{
  int saved = errno;
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("Cannot write in “%s”: %s"), shown, g_strerror (saved));
  return FALSE;
}

gboolean
dav_local_file_set_mode (const char  *path,
                         GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return g_chmod (path, dav_local_file_mode (FALSE)) == 0 || cannot_write_in (path, error);
}

gboolean
dav_local_file_make_directory (GFile   *directory,
                               GError **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (directory), FALSE);

  path = g_file_get_path (directory);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Downloads can only be saved in a local folder."));
      return FALSE;
    }

  /* The umask applies on top of the mode, which already has its bits off. */
  if (g_mkdir_with_parents (path, dav_local_file_mode (TRUE)) != 0)
    return cannot_write_in (path, error);

  return TRUE;
}

GFile *
dav_local_file_begin (GFile          *target,
                      GFileIOStream **stream,
                      GError        **error)
{
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) temp = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int fd;

  g_return_val_if_fail (G_IS_FILE (target), NULL);
  g_return_val_if_fail (stream != NULL, NULL);

  parent = g_file_get_parent (target);
  dir = parent != NULL ? g_file_get_path (parent) : NULL;
  if (dir == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Downloads can only be saved in a local folder."));
      return NULL;
    }

  /* Hidden and beside the target: the final move is a rename on the same
   * file system. */
  path = g_build_filename (dir, ".davscope-XXXXXX.part", NULL);
  fd = g_mkstemp (path);
  if (fd < 0)
    {
      cannot_write_in (dir, error);
      return NULL;
    }
  close (fd);

  temp = g_file_new_for_path (path);
  *stream = g_file_open_readwrite (temp, NULL, error);
  if (*stream == NULL)
    {
      g_file_delete (temp, NULL, NULL);
      return NULL;
    }

  return g_steal_pointer (&temp);
}

gboolean
dav_local_file_commit (GFile     *temp,
                       GFile     *target,
                       gboolean   overwrite,
                       GError   **error)
{
  g_return_val_if_fail (G_IS_FILE (temp), FALSE);
  g_return_val_if_fail (G_IS_FILE (target), FALSE);

  /* Made private (0600) while partial; a download gets the mode of the
   * policy above. */
  g_chmod (g_file_peek_path (temp), dav_local_file_mode (FALSE));

  if (!g_file_move (temp, target, overwrite ? G_FILE_COPY_OVERWRITE : G_FILE_COPY_NONE,
                    NULL, NULL, NULL, error))
    {
      g_file_delete (temp, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

void
dav_local_file_abort (GFile *temp)
{
  g_return_if_fail (G_IS_FILE (temp));

  g_file_delete (temp, NULL, NULL);
}
