/* test-error.c: what a DAV_ERROR carries besides its code and message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DAV_ERROR is an extended error domain: a refused redirect's error holds
 * where it pointed (docs/hostile-servers.md case 34), so the window can
 * offer to open it without asking the client. The folder keeps a copy of
 * its listing's error, so the target must survive g_error_copy, and go
 * with the error when it is freed (the valgrind run of this test). And
 * which errors mean that nothing reached the server.
 */

#include <gio/gio.h>

#include "dav-error.h"

static void
test_redirect_target (void)
{
  g_autoptr(GError) error = g_error_new_literal (DAV_ERROR, DAV_ERROR_REDIRECT, "refused");
  g_autoptr(GError) copy = NULL;

  /* None until it is set: a redirect loop has nothing to open. */
  g_assert_null (dav_error_get_redirect_target (error));

  dav_error_set_redirect_target (error, "https://elsewhere.example/dav/");
  g_assert_cmpstr (dav_error_get_redirect_target (error), ==, "https://elsewhere.example/dav/");
  /* Still a request that changed nothing, for a batch's outcome. */
  g_assert_true (dav_error_is_never_sent (error));

  /* Set again, it replaces the first. */
  dav_error_set_redirect_target (error, "https://other.example/");
  g_assert_cmpstr (dav_error_get_redirect_target (error), ==, "https://other.example/");

  /* A copy has its own. */
  copy = g_error_copy (error);
  g_clear_error (&error);
  g_assert_error (copy, DAV_ERROR, DAV_ERROR_REDIRECT);
  g_assert_cmpstr (dav_error_get_redirect_target (copy), ==, "https://other.example/");

  /* And it can be taken away. */
  dav_error_set_redirect_target (copy, NULL);
  g_assert_null (dav_error_get_redirect_target (copy));
}

static void
test_redirect_target_other_errors (void)
{
  g_autoptr(GError) failed = g_error_new_literal (DAV_ERROR, DAV_ERROR_FAILED, "failed");
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "refused");
  g_autoptr(GError) tls = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "bad");

  g_assert_null (dav_error_get_redirect_target (failed));
  g_assert_null (dav_error_get_redirect_target (io));
  g_assert_null (dav_error_get_redirect_target (tls));

  /* Only a refused redirect takes one. */
  if (g_test_undefined ())
    {
      g_test_expect_message ("DavCore", G_LOG_LEVEL_CRITICAL, "*DAV_ERROR_REDIRECT*");
      dav_error_set_redirect_target (failed, "https://elsewhere.example/");
      g_test_assert_expected_messages ();
      g_assert_null (dav_error_get_redirect_target (failed));
    }
}

/* Which errors mean that nothing reached the server: the report's
 * "not attempted" against "unknown" (docs/architecture.md, Report items). */
static void
test_never_sent (void)
{
  struct {
    GQuark   domain;
    int      code;
    gboolean never_sent;
  } cases[] = {
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, TRUE },
    { G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE, TRUE },
    { G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, TRUE },
    { G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, TRUE },
    { G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, TRUE },
    { DAV_ERROR, DAV_ERROR_OUTSIDE, TRUE },
    { DAV_ERROR, DAV_ERROR_REDIRECT, TRUE },
    /* Sent: the deadline stopped it, or the server answered. */
    { DAV_ERROR, DAV_ERROR_TIMEOUT, FALSE },
    { DAV_ERROR, DAV_ERROR_STATUS, FALSE },
    { DAV_ERROR, DAV_ERROR_NOT_WEBDAV, FALSE },
    { G_IO_ERROR, G_IO_ERROR_CLOSED, FALSE },
    { G_IO_ERROR, G_IO_ERROR_TIMED_OUT, FALSE },
    { G_IO_ERROR, G_IO_ERROR_CANCELLED, FALSE },
    { G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (cases[i].domain, cases[i].code, "test");

      g_test_message ("%s %d", g_quark_to_string (cases[i].domain), cases[i].code);
      g_assert_cmpint (dav_error_is_never_sent (error), ==, cases[i].never_sent);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/error/redirect-target", test_redirect_target);
  g_test_add_func ("/error/redirect-target-other-errors", test_redirect_target_other_errors);
  g_test_add_func ("/error/never-sent", test_never_sent);

  return g_test_run ();
}
