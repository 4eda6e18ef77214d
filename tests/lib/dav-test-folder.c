/* dav-test-folder.c: a folder as text, to compare two listings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-test-folder.h"

#include <string.h>

#include "dav-href.h"
#include "dav-problem.h"

static void
describe_resource (GString     *out,
                   DavResource *resource)
{
  gint64 modified = 0;
  gboolean has_date = dav_resource_get_modified_unix (resource, &modified);

  g_string_append_printf (out, "%s|%s|%s|%s|%" G_GINT64_FORMAT "|%s%" G_GINT64_FORMAT "|%d|%u|%s|%s|%s|%s|%d|%d|%d\n",
                          dav_resource_get_url (resource) ? dav_resource_get_url (resource) : "(none)",
                          dav_resource_get_path (resource), dav_resource_get_name (resource),
                          dav_resource_get_display_name (resource) ? dav_resource_get_display_name (resource) : "-",
                          dav_resource_get_size (resource), has_date ? "" : "no-date", modified,
                          dav_resource_is_collection (resource), dav_resource_get_status (resource),
                          dav_resource_get_problem (resource) ? dav_resource_get_problem (resource) : "-",
                          dav_href_relation_to_string (dav_resource_get_relation (resource)),
                          dav_resource_get_etag (resource) ? dav_resource_get_etag (resource) : "-",
                          dav_resource_get_content_type (resource) ? dav_resource_get_content_type (resource) : "-",
                          dav_resource_is_flagged (resource), dav_resource_is_locked (resource),
                          dav_resource_get_revision (resource));
}

/* Everything a folder says, row by row, in order. */
char *
dav_test_describe_folder (DavFolder *folder)
{
  GString *out = g_string_new (NULL);
  GListModel *model = G_LIST_MODEL (folder);
  GPtrArray *problems = dav_folder_get_problems (folder);

  g_string_append_printf (out, "loaded %d complete %d status %u flagged %u error %s\n",
                          dav_folder_get_loaded (folder), dav_folder_get_complete (folder),
                          dav_folder_get_status (folder), dav_folder_get_n_flagged (folder),
                          dav_folder_get_error_message (folder) ? dav_folder_get_error_message (folder) : "-");
  for (guint i = 0; i < problems->len; i++)
    {
      const DavProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (out, "problem %d %s\n", problem->kind, problem->message);
    }
  if (dav_folder_get_resource (folder) != NULL)
    {
      g_string_append (out, "self ");
      describe_resource (out, dav_folder_get_resource (folder));
    }
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DavResource) resource = g_list_model_get_item (model, i);
      g_autoptr(DavResponse) response = dav_resource_dup_response (resource);

      describe_resource (out, resource);
      /* What the details pane reads. */
      g_string_append_printf (out, "  response %u hrefs, %u problems\n",
                              response ? response->hrefs->len : 0, response ? response->problems->len : 0);
    }
  return g_string_free (out, FALSE);
}

/* Equal, or the first line where they differ (not two whole listings). */
void
dav_test_assert_same_listing (const char *got,
                              const char *want)
{
  g_auto(GStrv) got_lines = g_strsplit (got, "\n", -1);
  g_auto(GStrv) want_lines = g_strsplit (want, "\n", -1);
  guint i;

  for (i = 0; got_lines[i] != NULL && want_lines[i] != NULL; i++)
    if (strcmp (got_lines[i], want_lines[i]) != 0)
      break;
  if (got_lines[i] == NULL && want_lines[i] == NULL)
    return;
  g_test_message ("line %u: with the thread \"%s\", without \"%s\"", i,
                  got_lines[i] ? got_lines[i] : "(end)", want_lines[i] ? want_lines[i] : "(end)");
  g_assert_cmpstr (got_lines[i], ==, want_lines[i]);
}
