/* dav-test-server.h: which real server a test runs against
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the tests' own library (tests/lib). tests/servers/with-server
 * exports DAVSCOPE_TEST_SERVER (apache, nginx, lighttpd, sabre);
 * with-apache leaves it unset. A test keeps a table of what each server
 * does where they differ, one struct per server whose first member is its
 * name, and looks up the one under test here.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gconstpointer dav_test_server_find (gconstpointer table,
                                    gsize         n_entries,
                                    gsize         entry_size);

/* The entry of @table (an array of structs whose first member is the
 * server's name) for the server under test. */
#define DAV_TEST_SERVER_FIND(table) \
  ((const __typeof__ ((table)[0]) *) dav_test_server_find ((table), G_N_ELEMENTS (table), sizeof (table)[0]))

G_END_DECLS
