/* dav-test-tls.c: certificates made for a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "dav-test-tls.h"

/* Runs openssl with @args in @dir. */
static gboolean
run_openssl (const char          *dir,
             const char * const  *args,
             GError             **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "openssl");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "openssl %s: %s: ", args[0], err);
      return FALSE;
    }

  return TRUE;
}

/* A self-signed certificate for @subject_alt_name, valid from now for a
 * day, or expired a day ago; its files are @name.* in @dir. */
GTlsCertificate *
dav_test_make_certificate (const char  *dir,
                           const char  *name,
                           const char  *common_name,
                           const char  *subject_alt_name,
                           gboolean     expired,
                           GError     **error)
{
  g_autofree char *key = g_strconcat (name, ".key", NULL);
  g_autofree char *csr = g_strconcat (name, ".csr", NULL);
  g_autofree char *pem = g_strconcat (name, ".pem", NULL);
  g_autofree char *ext = g_strconcat (name, ".ext", NULL);
  g_autofree char *ext_path = g_build_filename (dir, ext, NULL);
  g_autofree char *subject = g_strconcat ("/CN=", common_name, NULL);
  g_autofree char *ext_text = g_strconcat ("subjectAltName=", subject_alt_name, "\n", NULL);
  g_autofree char *pem_path = g_build_filename (dir, pem, NULL);
  g_autofree char *key_path = g_build_filename (dir, key, NULL);
  const char *genkey[] = { "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                           "-out", csr, "-subj", subject, NULL };
  /* openssl 3.0 cannot set notBefore; -days -1 makes notAfter a day ago. */
  const char *sign[] = { "x509", "-req", "-in", csr, "-signkey", key, "-out", pem,
                         "-days", expired ? "-1" : "1", "-extfile", ext, NULL };

  if (!g_file_set_contents (ext_path, ext_text, -1, error) ||
      !run_openssl (dir, genkey, error) ||
      !run_openssl (dir, sign, error))
    return NULL;

  return g_tls_certificate_new_from_files (pem_path, key_path, error);
}

/* Removes @dir and the files in it (no subfolders). */
void
dav_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}
