/* dav-test-tls.h: certificates made for a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the tests' own library (tests/lib). Self-signed certificates,
 * valid or expired, for any host, made with openssl when a test starts
 * (docs/hostile-servers.md case 39), in a folder the test removes again.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GTlsCertificate *dav_test_make_certificate (const char  *dir,
                                            const char  *name,
                                            const char  *common_name,
                                            const char  *subject_alt_name,
                                            gboolean     expired,
                                            GError     **error);
void             dav_test_remove_dir       (const char  *dir);

G_END_DECLS
