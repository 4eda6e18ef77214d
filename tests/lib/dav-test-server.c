/* dav-test-server.c: which real server a test runs against
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-test-server.h"

gconstpointer
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
