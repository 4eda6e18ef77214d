/* dav-local-file.c: writing a download so that a failure loses nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-local-file.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

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
      int saved = errno;
      g_autofree char *shown = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write in “%s”: %s"), shown, g_strerror (saved));
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
  mode_t mask;

  g_return_val_if_fail (G_IS_FILE (temp), FALSE);
  g_return_val_if_fail (G_IS_FILE (target), FALSE);

  /* mkstemp made it 0600; a download gets the mode any new file gets. */
  mask = umask (0);
  umask (mask);
  g_chmod (g_file_peek_path (temp), 0666 & ~mask);

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
