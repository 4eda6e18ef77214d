/* dav-test-server.h: which real server a test runs against
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/servers/with-server exports DAVSCOPE_TEST_SERVER (apache, nginx,
 * lighttpd, sabre); with-apache leaves it unset. A test keeps a table of
 * what each server does where they differ, one struct per server whose
 * first member is its name, and looks up the one under test here.
 */

#pragma once

#include <glib.h>

static inline gconstpointer
dav_test_server_find (gconstpointer table,
                      gsize         n_entries,
                      gsize         entry_size)
{
  const char *name = g_getenv ("DAVSCOPE_TEST_SERVER");

  if (name == NULL || *name == '\0')
    name = "apache";
  for (gsize i = 0; i < n_entries; i++)
    {
      gconstpointer entry = (const char *) table + i * entry_size;

      if (g_str_equal (*(const char * const *) entry, name))
        return entry;
    }

  g_error ("DAVSCOPE_TEST_SERVER=%s: no such server in the table", name);
}

/* The entry of @table (an array of structs whose first member is the
 * server's name) for the server under test. */
#define DAV_TEST_SERVER_FIND(table) \
  ((const __typeof__ ((table)[0]) *) dav_test_server_find ((table), G_N_ELEMENTS (table), sizeof (table)[0]))
