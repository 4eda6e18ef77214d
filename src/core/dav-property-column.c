/* dav-property-column.c: what a property column of the listing shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A cell is made once per listing entry and kept with it (the column
 * caches it), so that scrolling and sorting 100,000 rows only look it up.
 */

#include "dav-property-column.h"

#include <string.h>

#include "dav-prop-patch.h"
#include "dav-property-sheet.h"
#include "dav-property-text.h"
#include "dav-text.h"

#define MAX_CHARS 200

/* XML's text, tags left out, on one line. */
static char *
flatten_xml (const char *xml)
{
  g_autofree char *squeezed = dav_text_squeeze (xml);
  GString *text = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = squeezed; *p != '\0'; p++)
    {
      if (*p == '<')
        {
          in_tag = TRUE;
          /* Two elements' texts stay apart. */
          if (text->len > 0 && text->str[text->len - 1] != ' ')
            g_string_append_c (text, ' ');
        }
      else if (*p == '>')
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (text, *p);
    }

  return g_strstrip (g_string_free (text, FALSE));
}

static char *
shorten (char *text)
{
  if (g_utf8_strlen (text, -1) > MAX_CHARS)
    {
      char *end = g_utf8_offset_to_pointer (text, MAX_CHARS - 1);
      char *shorter;

      *end = '\0';
      shorter = g_strconcat (text, "…", NULL);
      g_free (text);
      return shorter;
    }
  return text;
}

DavPropertyCell *
dav_property_cell_new (const DavResponse *response,
                       const char        *namespace_uri,
                       const char        *name)
{
  DavPropertyCell *cell = g_new0 (DavPropertyCell, 1);
  const DavProperty *property = response ? dav_response_find_property (response, namespace_uri, name) : NULL;
  char *text = NULL;

  if (property == NULL)
    {
      cell->text = g_strdup ("");
      return cell;
    }

  cell->status = property->status;
  if (property->status >= 200 && property->status < 300)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      text = dav_property_text_describe (property, now, FALSE);
      if (text == NULL && property->value != NULL)
        text = property->is_xml ? flatten_xml (property->value) : dav_text_squeeze (property->value);
    }
  cell->text = shorten (text ? text : g_strdup (""));

  return cell;
}

void
dav_property_cell_free (DavPropertyCell *cell)
{
  if (cell == NULL)
    return;
  g_free (cell->text);
  g_free (cell);
}

static gboolean
parse_number (const char *text,
              double     *number)
{
  char *end = NULL;

  if (*text == '\0')
    return FALSE;
  *number = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0';
}

gboolean
dav_property_cell_has_value (const DavPropertyCell *cell)
{
  g_return_val_if_fail (cell != NULL, FALSE);

  return cell->status >= 200 && cell->status < 300;
}

int
dav_property_cell_compare (const DavPropertyCell *a,
                           const DavPropertyCell *b)
{
  gboolean a_ok = dav_property_cell_has_value (a);
  gboolean b_ok = dav_property_cell_has_value (b);
  double x, y;

  if (a_ok != b_ok)
    return a_ok ? -1 : 1;
  if (!a_ok)
    return (a->status > b->status) - (a->status < b->status);
  if (parse_number (a->text, &x) && parse_number (b->text, &y))
    return (x > y) - (x < y);
  return g_utf8_collate (a->text, b->text);
}

gboolean
dav_property_column_check (const char  *namespace_uri,
                           const char  *name,
                           char       **clark,
                           char       **message)
{
  g_autofree char *ns = g_strstrip (g_strdup (namespace_uri ? namespace_uri : ""));
  g_autofree char *local = g_strstrip (g_strdup (name ? name : ""));
  DavPropertyDraftField field;

  *clark = NULL;
  *message = NULL;
  /* A pasted "{ns}name" brings its namespace along. */
  if (local[0] == '{' && strchr (local, '}') != NULL)
    {
      g_autofree char *pasted_ns = NULL;
      g_autofree char *pasted_name = NULL;

      if (dav_parse_clark_name (local, &pasted_ns, &pasted_name))
        {
          g_free (ns);
          ns = g_steal_pointer (&pasted_ns);
          g_free (local);
          local = g_steal_pointer (&pasted_name);
        }
    }
  if (*local == '\0' && *ns == '\0')
    return FALSE;

  if (dav_property_sheet_check_name (ns, local, &field, message) != DAV_PROPERTY_DRAFT_READY)
    return FALSE;

  *clark = g_strdup_printf ("{%s}%s", ns, local);
  return TRUE;
}

char *
dav_property_column_origin (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autofree char *host = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  /* Host names are case-insensitive: one server, one key. */
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), host,
                          g_uri_get_port (uri) > 0 ? g_uri_get_port (uri)
                          : g_str_equal (g_uri_get_scheme (uri), "https") ? 443 : 80);
}
