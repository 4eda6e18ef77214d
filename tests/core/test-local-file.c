/* test-local-file.c: the mode of what Davscope writes on the local disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A download (a private partial file, as DavDownload makes it, then
 * dav_local_file_commit) and a folder made for a
 * folder download (dav_local_file_make_directory) get the umask's mode,
 * never writable by group or others: 0644 and 0755 even when the app was
 * started with umask 000 (issue 15), 0600 and 0700 under umask 077.
 */

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "dav-local-file.h"

/* The permission bits of @path. */
static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_no_errno (g_stat (path, &st));
  return st.st_mode & 07777;
}

/* Downloads @contents to @name in a new folder under umask @mask and
 * returns the file's mode. */
static guint
download_mode (mode_t      mask,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("davscope-local-file-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFile) temp = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  mode_t old = umask (mask);
  guint mode;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  target = g_file_new_for_path (path);
  temp = g_file_new_build_filename (dir, ".partial", NULL);
  stream = g_file_create_readwrite (temp, G_FILE_CREATE_PRIVATE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (stream)),
                                            "body\n", 5, NULL, NULL, &error));
  g_assert_true (g_io_stream_close (G_IO_STREAM (stream), NULL, &error));
  g_assert_true (dav_local_file_commit (temp, target, FALSE, &error));
  g_assert_no_error (error);
  umask (old);

  mode = mode_of (path);
  g_assert_no_errno (g_remove (path));
  g_assert_no_errno (g_rmdir (dir));

  return mode;
}

static void
test_download_mode (void)
{
  g_assert_cmpuint (download_mode (0, "under-000.txt"), ==, 0644);
  g_assert_cmpuint (download_mode (022, "under-022.txt"), ==, 0644);
  g_assert_cmpuint (download_mode (002, "under-002.txt"), ==, 0644);
  g_assert_cmpuint (download_mode (077, "under-077.txt"), ==, 0600);
}

static void
test_directory_mode (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("davscope-local-file-XXXXXX", &error);
  g_autofree char *outer = g_build_filename (dir, "outer", NULL);
  g_autofree char *inner = g_build_filename (outer, "inner", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (inner);
  mode_t old = umask (0);

  g_assert_no_error (error);
  g_assert_true (dav_local_file_make_directory (folder, &error));
  g_assert_no_error (error);
  /* A folder that exists is fine. */
  g_assert_true (dav_local_file_make_directory (folder, &error));
  g_assert_no_error (error);
  umask (old);

  g_assert_cmpuint (mode_of (outer), ==, 0755);
  g_assert_cmpuint (mode_of (inner), ==, 0755);
  g_assert_no_errno (g_rmdir (inner));
  g_assert_no_errno (g_rmdir (outer));
  g_assert_no_errno (g_rmdir (dir));
}

static void
test_set_mode (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_tmp ("davscope-export-XXXXXX.json", &stream, &error);
  mode_t old = umask (0);

  g_assert_no_error (error);
  g_assert_no_errno (g_chmod (g_file_peek_path (file), 0666));
  g_assert_true (dav_local_file_set_mode (g_file_peek_path (file), &error));
  g_assert_no_error (error);
  umask (old);

  g_assert_cmpuint (mode_of (g_file_peek_path (file)), ==, 0644);
  g_assert_true (g_file_delete (file, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/local-file/download-mode", test_download_mode);
  g_test_add_func ("/local-file/directory-mode", test_directory_mode);
  g_test_add_func ("/local-file/set-mode", test_set_mode);

  return g_test_run ();
}
