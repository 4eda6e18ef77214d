/* test-property-sheet.c: the property editor's model, without GTK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DavPropertySheet merges what servers said about the properties of one
 * or several items, records the changes a person asks for in order,
 * builds the PROPPATCH of each item with the changes in that order
 * (RFC 4918 §9.2), and reads the outcome of each property from the
 * report of that batch. Answers here are parsed from 207 bodies, the way
 * the client parses them; nothing is sent.
 */

#include <string.h>

#include "dav-batch.h"
#include "dav-multistatus-parser.h"
#include "dav-prop-patch.h"
#include "dav-property-sheet.h"

#define BASE "http://127.0.0.1:1/dav/"
#define NS "http://example.com/ns/"

#define PROPSTAT(status, props) \
  "<D:propstat><D:prop>" props "</D:prop><D:status>HTTP/1.1 " status "</D:status></D:propstat>"
/* A listing entry that says only that it is a file. */
#define PLAIN PROPSTAT ("200 OK", "<D:resourcetype/>")

/* ---- helpers ---------------------------------------------------------------- */

static DavMultistatus *
parse (const char *body)
{
  DavMultistatus *ms = dav_multistatus_parse (body, strlen (body), NULL);

  for (guint i = 0; !ms->complete && i < ms->problems->len; i++)
    g_test_message ("%s", ((DavProblem *) g_ptr_array_index (ms->problems, i))->message);
  for (guint i = 0; !ms->complete && i < ms->responses->len; i++)
    {
      const DavResponse *response = g_ptr_array_index (ms->responses, i);

      for (guint j = 0; j < response->problems->len; j++)
        g_test_message ("%s", ((DavProblem *) g_ptr_array_index (response->problems, j))->message);
    }
  g_assert_true (ms->complete);
  return ms;
}

/* The response about @path with @propstats, as a 207 would carry it. */
static DavResponse *
response_for (const char *path,
              const char *propstats)
{
  g_autofree char *body = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                           "<D:multistatus xmlns:D=\"DAV:\" xmlns:X=\"" NS "\">"
                                           "<D:response><D:href>/dav/%s</D:href>%s</D:response>"
                                           "</D:multistatus>\n",
                                           path, propstats);
  g_autoptr(DavMultistatus) ms = parse (body);

  g_assert_cmpuint (ms->responses->len, ==, 1);
  return dav_response_ref (g_ptr_array_index (ms->responses, 0));
}

/* An item of a listing, as the browser holds it. */
static DavResource *
resource_for (const char *path,
              const char *propstats)
{
  g_autoptr(DavResponse) response = response_for (path, propstats);
  g_autoptr(DavHref) href = dav_href_resolve (BASE, dav_response_get_href (response));
  DavResource *resource = dav_resource_new (href);

  dav_resource_update (resource, response, href);
  return resource;
}

/* A resource whose listing said nothing but its href: on another origin
 * when @url is absolute elsewhere. */
static DavResource *
resource_at (const char *url)
{
  g_autoptr(DavHref) href = dav_href_resolve (BASE, url);

  return dav_resource_new (href);
}

static DavPropertySheet *
sheet_of (DavResource *first,
          ...)
{
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func (g_object_unref);
  DavPropertySheet *sheet;
  va_list args;

  va_start (args, first);
  for (DavResource *r = first; r != NULL; r = va_arg (args, DavResource *))
    g_ptr_array_add (resources, r);
  va_end (args);

  sheet = dav_property_sheet_new (resources);
  g_assert_cmpuint (dav_property_sheet_get_n_targets (sheet), ==, resources->len);
  return sheet;
}

static void
set_reading (DavPropertySheet *sheet,
             guint             target,
             const char       *path,
             const char       *propstats)
{
  g_autoptr(DavResponse) response = response_for (path, propstats);

  dav_property_sheet_set_reading (sheet, target, response, 0);
}

static DavPropertyEntry *
entry (DavPropertySheet *sheet,
       const char       *namespace_uri,
       const char       *name)
{
  DavPropertyEntry *found = dav_property_sheet_lookup (sheet, namespace_uri, name);

  g_assert_nonnull (found);
  return found;
}

/* The keys in the order of the list model, joined by spaces. */
static char *
shown_keys (DavPropertySheet *sheet)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (sheet));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DavPropertyEntry) e = g_list_model_get_item (G_LIST_MODEL (sheet), i);

      g_string_append_printf (out, "%s%s", i > 0 ? " " : "", dav_property_entry_get_key (e));
    }

  return g_string_free (out, FALSE);
}

/* The instructions, "set {ns}name=value" or "remove {ns}name", joined. */
static char *
patches_text (GPtrArray *patches)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < patches->len; i++)
    {
      const DavPropPatch *patch = g_ptr_array_index (patches, i);

      if (i > 0)
        g_string_append (out, "; ");
      if (patch->remove)
        g_string_append_printf (out, "remove {%s}%s", patch->namespace_uri, patch->name);
      else
        g_string_append_printf (out, "set {%s}%s=%s%s", patch->namespace_uri, patch->name,
                                patch->value, patch->is_xml ? " (xml)" : "");
    }

  return g_string_free (out, FALSE);
}

static void
count_changed_cb (DavPropertyEntry *entry,
                  guint            *count)
{
  (*count)++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

/* The report item of the PROPPATCH of @path, asked for the properties of
 * @patches, that the server answered with @status and @body (a 207, a
 * DAV:error or nothing). */
static DavReportItem *
answer (const char *path,
        GPtrArray  *patches,
        guint       status,
        const char *body)
{
  g_autofree char *url = g_strconcat (BASE, path, NULL);
  g_autoptr(DavResult) result = dav_result_new ("PROPPATCH", url);
  DavReportItem *item = dav_report_item_new ("PROPPATCH", url);

  for (guint i = 0; i < patches->len; i++)
    {
      const DavPropPatch *patch = g_ptr_array_index (patches, i);

      dav_report_item_ask_property (item, patch->namespace_uri, patch->name);
    }

  result->status = status;
  if (body != NULL)
    {
      result->body = parse (body);
      result->complete = TRUE;
    }
  dav_report_item_set_result (item, result);

  return item;
}

static char *
multistatus (const char *path,
             const char *propstats)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                          "<D:multistatus xmlns:D=\"DAV:\" xmlns:X=\"" NS "\">"
                          "<D:response><D:href>/dav/%s</D:href>%s</D:response>"
                          "</D:multistatus>\n",
                          path, propstats);
}

static DavBatch *
new_batch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DavClient) client = dav_client_new (BASE, &error);

  g_assert_no_error (error);
  return dav_batch_new (client, 4);
}

/* Starts an Apply of the pending changes, which the batch takes for
 * @n_sent of the targets (it is never run); returns the instructions
 * sent, for the answers. */
static GPtrArray *
begin_apply (DavPropertySheet *sheet,
             guint             n_sent)
{
  g_autoptr(DavBatch) batch = new_batch ();
  GPtrArray *patches = dav_property_sheet_dup_patches (sheet, NULL);

  g_assert_nonnull (patches);
  g_assert_true (dav_property_sheet_begin_apply (sheet, batch, NULL));
  g_assert_cmpuint (dav_batch_get_n_targets (batch), ==, n_sent);
  return patches;
}

/* The 207 of a.txt with @propstats, as the report of the Apply begun. */
static void
end_apply_207 (DavPropertySheet *sheet,
               GPtrArray        *patches,
               DavReport        *report,
               const char       *propstats)
{
  g_autofree char *body = multistatus ("a.txt", propstats);

  g_ptr_array_add (report->items, answer ("a.txt", patches, 207, body));
  dav_property_sheet_end_apply (sheet, report);
}

/* ---- merging ---------------------------------------------------------------- */

/* One item: the listing's live properties (its 404 too) and the
 * reading's dead ones; dead first, each group in the order first seen. */
static void
test_merge_one (void)
{
  DavResource *file = resource_for ("a.txt",
                                    PROPSTAT ("200 OK", "<D:getetag>\"e1\"</D:getetag><D:displayname>A</D:displayname>")
                                    PROPSTAT ("404 Not Found", "<D:getcontentlength/>"));
  g_autoptr(DavPropertySheet) sheet = sheet_of (file, NULL);
  g_autofree char *keys = NULL;
  g_autofree char *xml_value = NULL;
  DavPropertyEntry *e;

  dav_property_sheet_merge (sheet);
  keys = shown_keys (sheet);
  g_assert_cmpstr (keys, ==, "{DAV:}getetag {DAV:}displayname {DAV:}getcontentlength");

  /* A hostile reading names author twice: counted once. */
  set_reading (sheet, 0, "a.txt",
               PROPSTAT ("200 OK", "<X:author>Alice</X:author><D:getetag>\"e2\"</D:getetag>"
                                   "<X:shape><X:circle r=\"2\"/></X:shape><X:author>Mallory</X:author>")
               PROPSTAT ("403 Forbidden", "<X:secret/>"));
  dav_property_sheet_merge (sheet);
  g_clear_pointer (&keys, g_free);
  keys = shown_keys (sheet);
  g_assert_cmpstr (keys, ==, "{" NS "}author {" NS "}shape {" NS "}secret "
                             "{DAV:}getetag {DAV:}displayname {DAV:}getcontentlength");

  e = entry (sheet, NS, "author");
  g_assert_true (dav_property_entry_is_seen (e));
  g_assert_false (dav_property_entry_is_live (e));
  g_assert_false (dav_property_entry_is_protected (e));
  g_assert_cmpuint (dav_property_entry_get_n_present (e), ==, 1);
  g_assert_cmpstr (dav_property_entry_get_value (e), ==, "Alice");
  g_assert_false (dav_property_entry_is_mixed (e));
  g_assert_cmpuint (dav_property_entry_get_status (e), ==, 200);

  e = entry (sheet, NS, "shape");
  g_assert_true (dav_property_entry_get_value_is_xml (e));
  g_assert_nonnull (strstr (dav_property_entry_get_value (e), "circle"));

  /* A 403 propstat: the item has no such value to show. */
  e = entry (sheet, NS, "secret");
  g_assert_true (dav_property_entry_is_seen (e));
  g_assert_cmpuint (dav_property_entry_get_n_present (e), ==, 0);
  g_assert_cmpuint (dav_property_entry_get_status (e), ==, 403);
  g_assert_null (dav_property_entry_dup_editable_value (e, &(gboolean) { FALSE }));

  /* The reading comes first: its etag, not the listing's. */
  e = entry (sheet, "DAV:", "getetag");
  g_assert_true (dav_property_entry_is_live (e));
  g_assert_true (dav_property_entry_is_protected (e));
  g_assert_cmpstr (dav_property_entry_get_value (e), ==, "\"e2\"");

  /* displayname is live, but people may set it. */
  e = entry (sheet, "DAV:", "displayname");
  g_assert_true (dav_property_entry_is_live (e));
  g_assert_false (dav_property_entry_is_protected (e));

  e = entry (sheet, "DAV:", "getcontentlength");
  g_assert_cmpuint (dav_property_entry_get_n_present (e), ==, 0);
  g_assert_cmpuint (dav_property_entry_get_status (e), ==, 404);

  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&sheet));
}

/* Several items: values that differ are mixed, the status shown is the
 * worst one, and each property counts the items that have it. */
static void
test_merge_several (void)
{
  DavResource *a = resource_for ("a.txt", PROPSTAT ("200 OK", "<D:getetag>\"a\"</D:getetag>"));
  DavResource *b = resource_for ("b.txt", PROPSTAT ("200 OK", "<D:getetag>\"b\"</D:getetag>"));
  g_autoptr(DavPropertySheet) sheet = sheet_of (a, b, NULL);
  DavPropertyEntry *e;
  gboolean escaped = TRUE;

  set_reading (sheet, 0, "a.txt",
               PROPSTAT ("200 OK", "<X:author>Alice</X:author><X:color>red</X:color><X:tag>t</X:tag>"
                                   "<X:shape><X:circle/></X:shape>"));
  set_reading (sheet, 1, "b.txt",
               PROPSTAT ("200 OK", "<X:author>Bob</X:author><X:tag>t</X:tag><X:shape>circle</X:shape>")
               PROPSTAT ("404 Not Found", "<X:color/>"));
  dav_property_sheet_merge (sheet);

  e = entry (sheet, NS, "author");
  g_assert_true (dav_property_entry_is_mixed (e));
  g_assert_cmpuint (dav_property_entry_get_n_present (e), ==, 2);
  g_assert_null (dav_property_entry_dup_editable_value (e, &escaped));

  e = entry (sheet, NS, "tag");
  g_assert_false (dav_property_entry_is_mixed (e));
  g_assert_cmpuint (dav_property_entry_get_n_present (e), ==, 2);
  g_assert_cmpuint (dav_property_entry_get_status (e), ==, 200);

  /* The same text, once as XML: not the same value. */
  e = entry (sheet, NS, "shape");
  g_assert_true (dav_property_entry_is_mixed (e));

  /* On one of two: 200 there, 404 here; the 404 is what is shown. */
  e = entry (sheet, NS, "color");
  g_assert_false (dav_property_entry_is_mixed (e));
  g_assert_cmpuint (dav_property_entry_get_n_present (e), ==, 1);
  g_assert_cmpuint (dav_property_entry_get_status (e), ==, 404);
  g_assert_cmpstr (dav_property_entry_get_value (e), ==, "red");

  e = entry (sheet, "DAV:", "getetag");
  g_assert_true (dav_property_entry_is_mixed (e));
  g_assert_cmpuint (dav_property_entry_get_n_present (e), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&sheet));
}

/* A 200 and a 404 for the same name in one response: the 200 wins. */
static void
test_merge_best_propstat (void)
{
  DavResource *file = resource_for ("a.txt", PLAIN);
  g_autoptr(DavPropertySheet) sheet = sheet_of (file, NULL);
  DavPropertyEntry *e;

  set_reading (sheet, 0, "a.txt",
               PROPSTAT ("404 Not Found", "<X:author/>")
               PROPSTAT ("200 OK", "<X:author>Alice</X:author>"));
  dav_property_sheet_merge (sheet);

  e = entry (sheet, NS, "author");
  g_assert_cmpuint (dav_property_entry_get_status (e), ==, 200);
  g_assert_cmpuint (dav_property_entry_get_n_present (e), ==, 1);
  g_assert_cmpstr (dav_property_entry_get_value (e), ==, "Alice");

  g_assert_finalize_object (g_steal_pointer (&sheet));
}

/* A new reading: what is gone goes, unless a change or an outcome keeps
 * it; the names to expect are every entry's and the listing's. */
static void
test_merge_again (void)
{
  DavResource *file = resource_for ("a.txt", PROPSTAT ("200 OK", "<D:getetag>\"e\"</D:getetag>"));
  g_autoptr(DavPropertySheet) sheet = sheet_of (file, NULL);
  g_auto(GStrv) names = NULL;
  g_autofree char *keys = NULL;
  guint items_changed = 0;
  DavPropertyEntry *e;

  set_reading (sheet, 0, "a.txt", PROPSTAT ("200 OK", "<X:author>Alice</X:author><X:color>red</X:color>"));
  dav_property_sheet_merge (sheet);
  dav_property_sheet_set_change (sheet, entry (sheet, NS, "author"), DAV_PROPERTY_CHANGE_SET, "Bob", FALSE);

  names = dav_property_sheet_dup_expected_names (sheet, 0);
  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) names, "{" NS "}author"));
  g_assert_true (g_strv_contains ((const char * const *) names, "{" NS "}color"));
  g_assert_true (g_strv_contains ((const char * const *) names, "{DAV:}getetag"));

  /* Both dead properties are gone from the server. */
  g_signal_connect (sheet, "items-changed", G_CALLBACK (count_items_changed_cb), &items_changed);
  set_reading (sheet, 0, "a.txt", PROPSTAT ("200 OK", "<D:getetag>\"e\"</D:getetag>"));
  dav_property_sheet_merge (sheet);
  g_assert_cmpuint (items_changed, ==, 1);
  keys = shown_keys (sheet);
  g_assert_cmpstr (keys, ==, "{" NS "}author {DAV:}getetag");
  g_assert_null (dav_property_sheet_lookup (sheet, NS, "color"));

  e = entry (sheet, NS, "author");
  g_assert_false (dav_property_entry_is_seen (e));
  g_assert_cmpuint (dav_property_entry_get_n_present (e), ==, 0);
  g_assert_null (dav_property_entry_get_value (e));
  g_assert_cmpint (dav_property_entry_get_change (e), ==, DAV_PROPERTY_CHANGE_SET);
  g_assert_cmpstr (dav_property_entry_get_new_value (e), ==, "Bob");
  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&sheet));
}

/* ---- what the person wants -------------------------------------------------- */

static DavPropertySheet *
sheet_with_dead_properties (void)
{
  DavResource *file = resource_for ("a.txt", PROPSTAT ("200 OK", "<D:getetag>\"e\"</D:getetag>"));
  DavPropertySheet *sheet = sheet_of (file, NULL);

  set_reading (sheet, 0, "a.txt",
               PROPSTAT ("200 OK", "<X:author>Alice</X:author><X:color>red</X:color>"
                                   "<X:note>a\xe2\x80\xae" "b</X:note>"));
  dav_property_sheet_merge (sheet);

  return sheet;
}

/* The PROPPATCH lists the changes in the order they were made; editing a
 * change again keeps its place, turning it into another kind does not. */
static void
test_changes_order (void)
{
  g_autoptr(DavPropertySheet) sheet = sheet_with_dead_properties ();
  g_autoptr(GPtrArray) patches = NULL;
  g_autofree char *text = NULL;
  g_autofree char *keys = NULL;
  DavPropertyEntry *invalid = NULL;
  DavPropertyEntry *added;
  guint notified = 0;

  g_signal_connect (sheet, "notify::n-pending", G_CALLBACK (count_notify_cb), &notified);
  g_assert_null (dav_property_sheet_dup_patches (sheet, &invalid));
  g_assert_null (invalid);

  dav_property_sheet_set_change (sheet, entry (sheet, NS, "color"), DAV_PROPERTY_CHANGE_SET, "blue", FALSE);
  dav_property_sheet_set_change (sheet, entry (sheet, NS, "author"), DAV_PROPERTY_CHANGE_REMOVE, NULL, FALSE);
  added = dav_property_sheet_add (sheet, NS, "size", "<X:big xmlns:X=\"" NS "\"/>", TRUE);
  g_assert_true (dav_property_entry_is_added (added));
  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 3);
  g_assert_cmpuint (notified, ==, 3);

  /* Added at the end of the dead properties, before the live ones. */
  keys = shown_keys (sheet);
  g_assert_cmpstr (keys, ==, "{" NS "}author {" NS "}color {" NS "}note {" NS "}size {DAV:}getetag");

  /* Edited again: color keeps its place. */
  dav_property_sheet_set_change (sheet, entry (sheet, NS, "color"), DAV_PROPERTY_CHANGE_SET, "green", FALSE);
  patches = dav_property_sheet_dup_patches (sheet, &invalid);
  g_assert_null (invalid);
  text = patches_text (patches);
  g_assert_cmpstr (text, ==, "set {" NS "}color=green; remove {" NS "}author; "
                             "set {" NS "}size=<X:big xmlns:X=\"" NS "\"/> (xml)");

  /* A removal made a setting again goes to the end. */
  g_clear_pointer (&patches, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);
  dav_property_sheet_set_change (sheet, entry (sheet, NS, "author"), DAV_PROPERTY_CHANGE_SET, "Carol", FALSE);
  patches = dav_property_sheet_dup_patches (sheet, NULL);
  text = patches_text (patches);
  g_assert_cmpstr (text, ==, "set {" NS "}color=green; set {" NS "}size=<X:big xmlns:X=\"" NS "\"/> (xml); "
                             "set {" NS "}author=Carol");

  /* Adding a property that is listed changes it where it is. */
  g_assert_true (dav_property_sheet_add (sheet, NS, "note", "plain", FALSE) == entry (sheet, NS, "note"));
  g_assert_false (dav_property_entry_is_added (entry (sheet, NS, "note")));
  g_clear_pointer (&keys, g_free);
  keys = shown_keys (sheet);
  g_assert_cmpstr (keys, ==, "{" NS "}author {" NS "}color {" NS "}note {" NS "}size {DAV:}getetag");
  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 4);

  g_assert_finalize_object (g_steal_pointer (&sheet));
}

/* Undo: a property read from the server stays, one added goes. */
static void
test_changes_undo (void)
{
  g_autoptr(DavPropertySheet) sheet = sheet_with_dead_properties ();
  g_autoptr(DavPropertyEntry) added = NULL;
  guint changed = 0;
  DavPropertyEntry *color = entry (sheet, NS, "color");

  added = g_object_ref (dav_property_sheet_add (sheet, NS, "size", "big", FALSE));
  dav_property_sheet_set_change (sheet, color, DAV_PROPERTY_CHANGE_REMOVE, NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sheet)), ==, 5);

  g_signal_connect (color, "changed", G_CALLBACK (count_changed_cb), &changed);
  g_assert_true (dav_property_sheet_undo (sheet, color));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (dav_property_entry_get_change (color), ==, DAV_PROPERTY_CHANGE_NONE);

  g_assert_false (dav_property_sheet_undo (sheet, added));
  g_assert_null (dav_property_sheet_lookup (sheet, NS, "size"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sheet)), ==, 4);
  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&added));
  g_assert_finalize_object (g_steal_pointer (&sheet));
}

/* What an editor holds is a change only when it differs from the server. */
static void
test_changes_edit (void)
{
  g_autoptr(DavPropertySheet) sheet = sheet_with_dead_properties ();
  DavPropertyEntry *author = entry (sheet, NS, "author");
  DavPropertyEntry *note = entry (sheet, NS, "note");
  g_autofree char *shown = NULL;
  gboolean escaped = TRUE;

  shown = dav_property_entry_dup_editable_value (author, &escaped);
  g_assert_cmpstr (shown, ==, "Alice");
  g_assert_false (escaped);

  dav_property_sheet_edit (sheet, author, "Alicia", FALSE);
  g_assert_cmpint (dav_property_entry_get_change (author), ==, DAV_PROPERTY_CHANGE_SET);
  dav_property_sheet_edit (sheet, author, "Alice", FALSE);
  g_assert_cmpint (dav_property_entry_get_change (author), ==, DAV_PROPERTY_CHANGE_NONE);
  /* The same text, as XML, is another value. */
  dav_property_sheet_edit (sheet, author, "Alice", TRUE);
  g_assert_cmpint (dav_property_entry_get_change (author), ==, DAV_PROPERTY_CHANGE_SET);
  g_assert_true (dav_property_entry_get_new_value_is_xml (author));

  /* A value with a bidi control is edited escaped: unchanged, it would
   * still send the escaped text, so it is a change. */
  g_clear_pointer (&shown, g_free);
  shown = dav_property_entry_dup_editable_value (note, &escaped);
  g_assert_true (escaped);
  g_assert_null (strstr (shown, "\xe2\x80\xae"));
  dav_property_sheet_edit (sheet, note, shown, FALSE);
  g_assert_cmpint (dav_property_entry_get_change (note), ==, DAV_PROPERTY_CHANGE_SET);

  /* A removal is not undone by typing. */
  dav_property_sheet_set_change (sheet, author, DAV_PROPERTY_CHANGE_REMOVE, NULL, FALSE);
  dav_property_sheet_edit (sheet, author, "Alicia", FALSE);
  g_assert_cmpint (dav_property_entry_get_change (author), ==, DAV_PROPERTY_CHANGE_REMOVE);
  g_assert_null (dav_property_entry_get_new_value (author));

  g_assert_finalize_object (g_steal_pointer (&sheet));
}

/* A value that cannot be sent stops the whole Apply before anything is
 * sent, and says why on the first such property in the order made. */
static void
test_changes_validation (void)
{
  g_autoptr(DavPropertySheet) sheet = sheet_with_dead_properties ();
  g_autoptr(DavBatch) batch = new_batch ();
  DavPropertyEntry *author = entry (sheet, NS, "author");
  DavPropertyEntry *color = entry (sheet, NS, "color");
  DavPropertyEntry *invalid = NULL;
  guint changed = 0;

  dav_property_sheet_set_change (sheet, color, DAV_PROPERTY_CHANGE_SET, "ok", FALSE);
  dav_property_sheet_set_change (sheet, author, DAV_PROPERTY_CHANGE_SET, "<a><b></a>", TRUE);
  g_assert_nonnull (dav_property_entry_get_invalid (author));
  g_assert_null (dav_property_entry_get_invalid (color));
  dav_property_sheet_set_change (sheet, color, DAV_PROPERTY_CHANGE_SET, "<open>", TRUE);
  g_assert_nonnull (dav_property_entry_get_invalid (color));

  g_signal_connect (color, "changed", G_CALLBACK (count_changed_cb), &changed);
  g_assert_null (dav_property_sheet_dup_patches (sheet, &invalid));
  g_assert_true (invalid == color);
  g_assert_cmpuint (changed, ==, 1);

  invalid = NULL;
  g_assert_false (dav_property_sheet_begin_apply (sheet, batch, &invalid));
  g_assert_true (invalid == color);
  g_assert_cmpuint (dav_batch_get_n_targets (batch), ==, 0);

  /* Fixed: sent. Text is never checked as XML. */
  dav_property_sheet_set_change (sheet, color, DAV_PROPERTY_CHANGE_SET, "<open>", FALSE);
  dav_property_sheet_set_change (sheet, author, DAV_PROPERTY_CHANGE_SET, "<x:a xmlns:x=\"urn:x\"/>", TRUE);
  g_assert_null (dav_property_entry_get_invalid (author));
  g_assert_true (dav_property_sheet_begin_apply (sheet, batch, &invalid));
  g_assert_null (invalid);
  g_assert_cmpuint (dav_batch_get_n_targets (batch), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&sheet));
}

/* ---- the add form ------------------------------------------------------------ */

/* What the form holds, and what its check must find. */
typedef struct {
  const char            *namespace_uri;
  const char            *name;
  const char            *value;
  gboolean               is_xml;
  DavPropertyDraftState  state;
  DavPropertyDraftField  field;
  const char            *message;   /* a part of it; NULL: none */
} DraftCase;

static const DraftCase draft_cases[] = {
  /* A namespace alone is the form's default: nothing to say. */
  { NS, "", "", FALSE, DAV_PROPERTY_DRAFT_EMPTY, DAV_PROPERTY_DRAFT_FIELD_NONE, NULL },
  { "no uri", "", "", FALSE, DAV_PROPERTY_DRAFT_INVALID, DAV_PROPERTY_DRAFT_FIELD_NAMESPACE, "is not a namespace" },
  /* Missing parts, in the order of the form. */
  { NS, "", "5", FALSE, DAV_PROPERTY_DRAFT_INCOMPLETE, DAV_PROPERTY_DRAFT_FIELD_NAME, "Give the property a name." },
  { "", "rating", "5", FALSE, DAV_PROPERTY_DRAFT_INCOMPLETE, DAV_PROPERTY_DRAFT_FIELD_NAMESPACE, "namespace is needed" },
  { NS, "rating", "", FALSE, DAV_PROPERTY_DRAFT_INCOMPLETE, DAV_PROPERTY_DRAFT_FIELD_VALUE, "No value yet" },
  /* Names: an XML NCName, without a prefix. */
  { NS, "1rating", "5", FALSE, DAV_PROPERTY_DRAFT_INVALID, DAV_PROPERTY_DRAFT_FIELD_NAME, "is not an XML name" },
  { NS, "my rating", "5", FALSE, DAV_PROPERTY_DRAFT_INVALID, DAV_PROPERTY_DRAFT_FIELD_NAME, "is not an XML name" },
  { NS, "x:rating", "5", FALSE, DAV_PROPERTY_DRAFT_INVALID, DAV_PROPERTY_DRAFT_FIELD_NAME, "has a prefix" },
  /* Namespaces: a URI; DAV: only for what WebDAV defines. */
  { "example.com/ns", "rating", "5", FALSE, DAV_PROPERTY_DRAFT_INVALID, DAV_PROPERTY_DRAFT_FIELD_NAMESPACE, "is not a namespace" },
  { "http://example.com/my ns", "rating", "5", FALSE, DAV_PROPERTY_DRAFT_INVALID, DAV_PROPERTY_DRAFT_FIELD_NAMESPACE, "is not a namespace" },
  { "DAV:", "rating", "5", FALSE, DAV_PROPERTY_DRAFT_INVALID, DAV_PROPERTY_DRAFT_FIELD_NAMESPACE, "reserved" },
  { "  urn:example:ns ", " rating ", "5", FALSE, DAV_PROPERTY_DRAFT_READY, DAV_PROPERTY_DRAFT_FIELD_NONE, "Apply adds rating" },
  { "DAV:", "displayname", "Report", FALSE, DAV_PROPERTY_DRAFT_READY, DAV_PROPERTY_DRAFT_FIELD_NONE, "Apply adds displayname" },
  /* A protected one can be sent, to see the server refuse it. */
  { "DAV:", "getetag", "x", FALSE, DAV_PROPERTY_DRAFT_READY, DAV_PROPERTY_DRAFT_FIELD_NAME, "will refuse it" },
  /* Values: XML must be well formed; text is never checked as XML. */
  { NS, "rating", "<a>", TRUE, DAV_PROPERTY_DRAFT_INVALID, DAV_PROPERTY_DRAFT_FIELD_VALUE, "not a well-formed fragment" },
  { NS, "rating", "<a>", FALSE, DAV_PROPERTY_DRAFT_READY, DAV_PROPERTY_DRAFT_FIELD_NONE, "Apply adds rating" },
  /* A property already listed gets the value. */
  { NS, "author", "Bob", FALSE, DAV_PROPERTY_DRAFT_READY, DAV_PROPERTY_DRAFT_FIELD_NAME, "already listed" },
};

/* What the form holds is checked as it is typed: what is missing is
 * said, what is wrong explained, on the field it is about; only a
 * ready draft is a pending change. */
static void
test_draft_check (void)
{
  g_autoptr(DavPropertySheet) sheet = sheet_with_dead_properties ();
  guint notified = 0;

  g_signal_connect (sheet, "notify::n-pending", G_CALLBACK (count_notify_cb), &notified);
  g_assert_cmpint (dav_property_sheet_get_draft (sheet, NULL, NULL, NULL), ==, DAV_PROPERTY_DRAFT_EMPTY);

  for (guint i = 0; i < G_N_ELEMENTS (draft_cases); i++)
    {
      const DraftCase *c = &draft_cases[i];
      DavPropertyDraftField field;
      gboolean warning;
      const char *message;

      g_test_message ("draft {%s}%s = %s", c->namespace_uri, c->name, c->value);
      dav_property_sheet_set_draft (sheet, c->namespace_uri, c->name, c->value, c->is_xml);
      g_assert_cmpint (dav_property_sheet_get_draft (sheet, &field, &warning, &message), ==, c->state);
      g_assert_cmpint (field, ==, c->field);
      g_assert_true (warning == g_str_equal (c->name, "getetag"));
      if (c->message == NULL)
        g_assert_null (message);
      else
        g_assert_nonnull (strstr (message ? message : "", c->message));
      g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, c->state == DAV_PROPERTY_DRAFT_READY);
    }

  /* One naming a listed property that has a change of its own only
   * replaces that change. */
  dav_property_sheet_set_change (sheet, entry (sheet, NS, "author"), DAV_PROPERTY_CHANGE_SET, "Carol", FALSE);
  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 1);
  dav_property_sheet_set_draft (sheet, NS, "", "", FALSE);
  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 1);
  g_assert_cmpuint (notified, >=, 2);

  g_assert_finalize_object (g_steal_pointer (&sheet));
}

/* Apply takes a ready draft as the last change; Add Property takes one
 * that lacks only its value, empty. */
static void
test_draft_apply (void)
{
  g_autoptr(DavPropertySheet) sheet = sheet_with_dead_properties ();
  g_autoptr(DavBatch) batch = new_batch ();
  g_autoptr(DavBatch) refused = new_batch ();
  DavPropertyEntry *color = entry (sheet, NS, "color");
  DavPropertyEntry *invalid = NULL;
  DavPropertyEntry *rating;
  DavPropertyEntry *empty;
  GPtrArray *applied;
  const char *message;

  dav_property_sheet_set_change (sheet, color, DAV_PROPERTY_CHANGE_SET, "blue", FALSE);
  dav_property_sheet_set_draft (sheet, NS, "rating", "5", FALSE);
  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 2);

  /* A listed change that cannot be sent stops it all; the draft stays. */
  dav_property_sheet_set_change (sheet, color, DAV_PROPERTY_CHANGE_SET, "<open>", TRUE);
  g_assert_false (dav_property_sheet_begin_apply (sheet, refused, &invalid));
  g_assert_true (invalid == color);
  g_assert_cmpint (dav_property_sheet_get_draft (sheet, NULL, NULL, NULL), ==, DAV_PROPERTY_DRAFT_READY);
  g_assert_null (dav_property_sheet_lookup (sheet, NS, "rating"));

  dav_property_sheet_set_change (sheet, color, DAV_PROPERTY_CHANGE_SET, "blue", FALSE);
  g_assert_true (dav_property_sheet_begin_apply (sheet, batch, &invalid));
  g_assert_null (invalid);
  g_assert_cmpuint (dav_batch_get_n_targets (batch), ==, 1);
  applied = dav_property_sheet_get_applied (sheet);
  rating = dav_property_sheet_lookup (sheet, NS, "rating");
  g_assert_nonnull (rating);
  g_assert_true (dav_property_entry_is_added (rating));
  g_assert_cmpuint (applied->len, ==, 2);
  g_assert_true (g_ptr_array_index (applied, 0) == color);
  g_assert_true (g_ptr_array_index (applied, 1) == rating);
  g_assert_cmpstr (dav_property_entry_get_new_value (rating), ==, "5");
  /* The form is free again; its namespace stays. */
  g_assert_cmpint (dav_property_sheet_get_draft (sheet, NULL, NULL, &message), ==, DAV_PROPERTY_DRAFT_EMPTY);
  g_assert_null (message);
  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 2);

  /* Add Property: with no value, the property is added empty. */
  dav_property_sheet_set_draft (sheet, NS, "flag", "", FALSE);
  g_assert_cmpint (dav_property_sheet_get_draft (sheet, NULL, NULL, NULL), ==, DAV_PROPERTY_DRAFT_INCOMPLETE);
  empty = dav_property_sheet_take_draft (sheet);
  g_assert_nonnull (empty);
  g_assert_cmpstr (dav_property_entry_get_new_value (empty), ==, "");
  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 3);
  /* What is wrong is not added. */
  dav_property_sheet_set_draft (sheet, NS, "1flag", "x", FALSE);
  g_assert_null (dav_property_sheet_take_draft (sheet));
  dav_property_sheet_set_draft (sheet, NS, "", "x", FALSE);
  g_assert_null (dav_property_sheet_take_draft (sheet));

  g_assert_finalize_object (g_steal_pointer (&sheet));
}

/* Each entry keeps the answer and the exchange its status was read
 * from, for its badge's Show Exchange; the listing's exchange is not
 * the sheet's to know. */
static void
test_merge_exchange (void)
{
  DavResource *file = resource_for ("a.txt", PROPSTAT ("200 OK", "<D:getetag>\"e\"</D:getetag>")
                                             PROPSTAT ("404 Not Found", "<D:quota-used-bytes/>"));
  g_autoptr(DavPropertySheet) sheet = sheet_of (file, NULL);
  g_autoptr(DavResponse) reading = response_for ("a.txt", PROPSTAT ("200 OK", "<X:author>Alice</X:author>")
                                                          PROPSTAT ("404 Not Found", "<D:displayname/>"));
  g_autoptr(DavResponse) listed = dav_resource_dup_response (file);
  DavPropertyEntry *author;
  DavPropertyEntry *displayname;
  DavPropertyEntry *quota;

  dav_property_sheet_set_reading (sheet, 0, reading, 42);
  dav_property_sheet_merge (sheet);
  author = entry (sheet, NS, "author");
  displayname = entry (sheet, "DAV:", "displayname");
  quota = entry (sheet, "DAV:", "quota-used-bytes");

  g_assert_cmpuint (dav_property_entry_get_exchange_id (author), ==, 42);
  g_assert_true (dav_property_entry_get_response (author) == reading);
  g_assert_cmpuint (dav_property_entry_get_status (displayname), ==, 404);
  g_assert_cmpuint (dav_property_entry_get_exchange_id (displayname), ==, 42);
  g_assert_cmpuint (dav_property_entry_get_exchange_id (quota), ==, 0);
  /* From the listing: the file's response, unpacked. */
  g_assert_true (dav_property_entry_get_response (quota) != reading);
  g_assert_cmpstr (dav_response_get_href (dav_property_entry_get_response (quota)), ==,
                   dav_response_get_href (listed));

  /* A new reading names its own exchange; without one, none. */
  dav_property_sheet_set_reading (sheet, 0, reading, 43);
  dav_property_sheet_merge (sheet);
  g_assert_cmpuint (dav_property_entry_get_exchange_id (author), ==, 43);
  dav_property_sheet_set_reading (sheet, 0, NULL, 44);
  dav_property_sheet_merge (sheet);
  g_assert_null (dav_property_sheet_lookup (sheet, "DAV:", "displayname"));
  g_assert_cmpuint (dav_property_entry_get_exchange_id (entry (sheet, "DAV:", "getetag")), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&sheet));
}

/* ---- applying -------------------------------------------------------------- */

/* One item with dead properties, and the report its Apply will get. */
typedef struct {
  DavPropertySheet *sheet;
  DavPropertyEntry *author;
  DavPropertyEntry *color;
  DavReport        *report;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->sheet = sheet_with_dead_properties ();
  f->author = entry (f->sheet, NS, "author");
  f->color = entry (f->sheet, NS, "color");
  f->report = dav_report_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->report, dav_report_unref);
  g_assert_finalize_object (g_steal_pointer (&f->sheet));
}

/* One item, every change saved: nothing pending, each one "done". */
static void
test_outcome_all_ok (Fixture       *f,
                    gconstpointer  data)
{
  DavPropertySheet *sheet = f->sheet;
  DavPropertyEntry *author = f->author;
  DavPropertyEntry *color = f->color;
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) patches = NULL;
  DavReport *report = f->report;

  dav_property_sheet_set_change (sheet, author, DAV_PROPERTY_CHANGE_SET, "Bob", FALSE);
  dav_property_sheet_set_change (sheet, color, DAV_PROPERTY_CHANGE_REMOVE, NULL, FALSE);
  patches = begin_apply (sheet, 1);
  g_assert_cmpuint (dav_property_sheet_get_applied (sheet)->len, ==, 2);
  g_assert_true (g_ptr_array_index (dav_property_sheet_get_applied (sheet), 0) == author);

  body = multistatus ("a.txt", PROPSTAT ("200 OK", "<X:author/><X:color/>"));
  g_ptr_array_add (report->items, answer ("a.txt", patches, 207, body));
  dav_property_sheet_end_apply (sheet, report);

  g_assert_cmpint (dav_property_entry_get_applied (author), ==, DAV_PROPERTY_CHANGE_SET);
  g_assert_cmpint (dav_property_entry_get_applied (color), ==, DAV_PROPERTY_CHANGE_REMOVE);
  g_assert_true (dav_property_entry_get_result_ok (author));
  g_assert_cmpuint (dav_property_entry_get_result_status (author), ==, 200);
  g_assert_cmpuint (dav_property_entry_get_result_n_ok (author), ==, 1);
  g_assert_cmpuint (dav_property_entry_get_result_n (author), ==, 1);
  g_assert_cmpint (dav_property_entry_get_change (author), ==, DAV_PROPERTY_CHANGE_NONE);
  g_assert_null (dav_property_entry_get_new_value (author));
  g_assert_true (dav_property_entry_get_result_ok (color));
  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 0);
  g_assert_cmpuint (dav_property_sheet_get_n_saved (sheet), ==, 1);
  summary = dav_property_sheet_dup_summary (sheet);
  g_assert_cmpstr (summary, ==, "Saved");

  /* The removed color is gone from the next reading, but its outcome
   * keeps it listed until the next Apply. */
  set_reading (sheet, 0, "a.txt", PROPSTAT ("200 OK", "<X:author>Bob</X:author>"));
  dav_property_sheet_merge (sheet);
  g_assert_true (dav_property_sheet_lookup (sheet, NS, "color") == color);
  g_assert_false (dav_property_entry_is_seen (color));
  g_assert_true (dav_property_entry_is_kept (color));
}

/* All or nothing (RFC 4918 §9.2): the protected property refused with a
 * 403, the other one 424; both stay pending. */
static void
test_outcome_refused (Fixture       *f,
                     gconstpointer  data)
{
  DavPropertySheet *sheet = f->sheet;
  g_autoptr(GPtrArray) patches = NULL;
  DavReport *report = f->report;
  g_autofree char *summary = NULL;
  DavPropertyEntry *etag = entry (sheet, "DAV:", "getetag");
  DavPropertyEntry *size;

  dav_property_sheet_set_change (sheet, etag, DAV_PROPERTY_CHANGE_SET, "x", FALSE);
  size = dav_property_sheet_add (sheet, NS, "size", "big", FALSE);
  patches = begin_apply (sheet, 1);

  end_apply_207 (sheet, patches, report,
                 PROPSTAT ("403 Forbidden", "<D:getetag/>")
                 PROPSTAT ("424 Failed Dependency", "<X:size/>"));

  g_assert_false (dav_property_entry_get_result_ok (etag));
  g_assert_cmpuint (dav_property_entry_get_result_status (etag), ==, 403);
  g_assert_nonnull (dav_property_entry_get_result_text (etag));
  g_assert_false (dav_property_entry_get_result_ok (size));
  g_assert_cmpuint (dav_property_entry_get_result_status (size), ==, 424);
  g_assert_cmpuint (dav_property_entry_get_result_n_ok (size), ==, 0);
  g_assert_cmpint (dav_property_entry_get_change (size), ==, DAV_PROPERTY_CHANGE_SET);
  g_assert_cmpstr (dav_property_entry_get_new_value (size), ==, "big");
  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 2);
  g_assert_cmpuint (dav_property_sheet_get_n_saved (sheet), ==, 0);
  summary = dav_property_sheet_dup_summary (sheet);
  g_assert_true (g_str_has_prefix (summary, "Nothing was saved: a property change is all-or-nothing"));

  /* The next Apply forgets these outcomes as it starts, and sends the
   * changes again in their order. */
  g_ptr_array_unref (begin_apply (sheet, 1));
  g_assert_cmpint (dav_property_entry_get_applied (etag), ==, DAV_PROPERTY_CHANGE_NONE);
  g_assert_cmpuint (dav_property_entry_get_result_status (size), ==, 0);
  g_assert_null (dav_property_entry_get_result_text (size));
  g_assert_true (g_ptr_array_index (dav_property_sheet_get_applied (sheet), 0) == etag);
}

/* A refused change was sent: the entry says so until it is edited, and
 * the sheet counts it apart from the changes never sent (issue 15 item 3). */
static void
test_outcome_refused_state (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) patches = NULL;
  DavPropertySheet *sheet = f->sheet;
  DavReport *report = f->report;
  DavPropertyEntry *author = f->author, *color = f->color, *size;

  dav_property_sheet_set_change (sheet, author, DAV_PROPERTY_CHANGE_SET, "Bob", FALSE);
  size = dav_property_sheet_add (sheet, NS, "size", "big", FALSE);
  dav_property_sheet_set_change (sheet, color, DAV_PROPERTY_CHANGE_REMOVE, NULL, FALSE);
  g_assert_false (dav_property_entry_is_change_refused (author));
  g_assert_cmpuint (dav_property_sheet_get_n_refused (sheet), ==, 0);
  patches = begin_apply (sheet, 1);

  end_apply_207 (sheet, patches, report,
                 PROPSTAT ("409 Conflict", "<X:author/>")
                 PROPSTAT ("424 Failed Dependency", "<X:size/><X:color/>"));

  g_assert_true (dav_property_entry_is_change_refused (author));
  g_assert_true (dav_property_entry_is_change_refused (size));
  g_assert_true (dav_property_entry_is_change_refused (color));
  g_assert_cmpuint (dav_property_entry_get_result_status (author), ==, 409);
  g_assert_cmpuint (dav_property_entry_get_result_status (size), ==, 424);
  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 3);
  g_assert_cmpuint (dav_property_sheet_get_n_refused (sheet), ==, 3);

  /* The same value typed again is still the change refused; another one
   * is not sent yet; a forgotten change is not counted. */
  dav_property_sheet_edit (sheet, author, "Bob", FALSE);
  g_assert_true (dav_property_entry_is_change_refused (author));
  dav_property_sheet_edit (sheet, author, "Carol", FALSE);
  g_assert_false (dav_property_entry_is_change_refused (author));
  g_assert_true (dav_property_entry_is_change_refused (size));
  dav_property_sheet_undo (sheet, color);
  g_assert_false (dav_property_entry_is_change_refused (color));
  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 2);
  g_assert_cmpuint (dav_property_sheet_get_n_refused (sheet), ==, 1);

  /* A new Apply starts with nothing refused. */
  g_ptr_array_unref (begin_apply (sheet, 1));
  g_assert_false (dav_property_entry_is_change_refused (size));
  g_assert_cmpuint (dav_property_sheet_get_n_refused (sheet), ==, 0);
}

/* A property the answer does not name takes the request's own outcome;
 * a request without any answer is "No answer."; a 423 says why. */
static void
test_outcome_unnamed (Fixture       *f,
                     gconstpointer  data)
{
  DavPropertySheet *sheet = f->sheet;
  DavReport *report = f->report;
  g_autoptr(GPtrArray) patches = NULL;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  DavPropertyEntry *author = f->author;
  DavPropertyEntry *color = f->color;
  guint status = 1;
  gboolean ok = TRUE;

  dav_property_sheet_set_change (sheet, author, DAV_PROPERTY_CHANGE_SET, "Bob", FALSE);
  dav_property_sheet_set_change (sheet, color, DAV_PROPERTY_CHANGE_SET, "blue", FALSE);
  patches = begin_apply (sheet, 1);

  /* Before the report: no answer. */
  dav_property_sheet_get_outcome (sheet, 0, author, &status, &ok, &text);
  g_assert_cmpuint (status, ==, 0);
  g_assert_false (ok);
  g_assert_cmpstr (text, ==, "No answer.");
  g_clear_pointer (&text, g_free);

  /* Only author is named: the whole item is not confirmed, and color
   * is one the answer left out. */
  body = multistatus ("a.txt", PROPSTAT ("200 OK", "<X:author/>"));
  g_ptr_array_add (report->items, answer ("a.txt", patches, 207, body));
  dav_property_sheet_end_apply (sheet, report);

  g_assert_cmpuint (dav_property_entry_get_result_status (author), ==, 200);
  g_assert_false (dav_property_entry_get_result_ok (author));
  g_assert_cmpuint (dav_property_entry_get_result_status (color), ==, 0);
  g_assert_false (dav_property_entry_get_result_ok (color));
  g_assert_true (g_str_has_prefix (dav_property_entry_get_result_text (color), "No answer: the server"));
  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 2);

  /* A 423 with a DAV:error: the condition's explanation follows. */
  {
    g_autoptr(DavReport) locked = dav_report_new ();
    const char *error_body = "<?xml version=\"1.0\"?><D:error xmlns:D=\"DAV:\"><D:lock-token-submitted>"
                             "<D:href>/dav/a.txt</D:href></D:lock-token-submitted></D:error>";
    DavConditionInfo info;

    g_ptr_array_unref (begin_apply (sheet, 1));
    g_ptr_array_add (locked->items, answer ("a.txt", patches, 423, error_body));
    dav_property_sheet_end_apply (sheet, locked);
    g_assert_cmpuint (dav_property_entry_get_result_status (author), ==, 423);
    g_assert_true (dav_condition_lookup ("DAV:", "lock-token-submitted", &info));
    g_assert_nonnull (strstr (dav_property_entry_get_result_text (author), info.explanation));
    g_assert_true (g_str_has_prefix (dav_property_entry_get_result_text (author),
                                     ((DavReportItem *) g_ptr_array_index (locked->items, 0))->explanation));
  }
}

/* Several items: saved on one, refused on another, and one the batch
 * would not send (another origin) with its reason. */
static void
test_outcome_several (void)
{
  DavResource *a = resource_for ("a.txt", PROPSTAT ("200 OK", "<D:getetag>\"a\"</D:getetag>"));
  DavResource *b = resource_for ("b.txt", PROPSTAT ("200 OK", "<D:getetag>\"b\"</D:getetag>"));
  DavResource *elsewhere = resource_at ("http://other.example/dav/c.txt");
  g_autoptr(DavPropertySheet) sheet = sheet_of (a, b, elsewhere, NULL);
  g_autoptr(GPtrArray) patches = NULL;
  g_autoptr(DavReport) report = dav_report_new ();
  g_autofree char *ok_body = NULL;
  g_autofree char *refused_body = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;
  DavPropertyEntry *author;
  DavPropertyEntry *color;
  guint status;
  gboolean ok;

  dav_property_sheet_merge (sheet);
  author = dav_property_sheet_add (sheet, NS, "author", "Alice", FALSE);
  color = dav_property_sheet_add (sheet, NS, "color", "red", FALSE);
  /* The item on another origin is never added. */
  patches = begin_apply (sheet, 2);

  ok_body = multistatus ("a.txt", PROPSTAT ("200 OK", "<X:author/><X:color/>"));
  refused_body = multistatus ("b.txt",
                              PROPSTAT ("424 Failed Dependency", "<X:author/>")
                              PROPSTAT ("403 Forbidden", "<X:color/>"));
  g_ptr_array_add (report->items, answer ("a.txt", patches, 207, ok_body));
  g_ptr_array_add (report->items, answer ("b.txt", patches, 207, refused_body));
  dav_property_sheet_end_apply (sheet, report);

  g_assert_true (dav_property_sheet_get_report_item (sheet, 1) == g_ptr_array_index (report->items, 1));
  g_assert_null (dav_property_sheet_get_report_item (sheet, 2));

  /* Kept: the first failure, on b.txt. */
  g_assert_cmpuint (dav_property_entry_get_result_n_ok (author), ==, 1);
  g_assert_cmpuint (dav_property_entry_get_result_n (author), ==, 3);
  g_assert_false (dav_property_entry_get_result_ok (author));
  g_assert_cmpuint (dav_property_entry_get_result_status (author), ==, 424);
  g_assert_cmpuint (dav_property_entry_get_result_status (color), ==, 403);
  g_assert_cmpint (dav_property_entry_get_change (color), ==, DAV_PROPERTY_CHANGE_SET);

  dav_property_sheet_get_outcome (sheet, 0, color, &status, &ok, &text);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (ok);
  g_clear_pointer (&text, g_free);

  /* Refused by the client before sending: no status, its reason. */
  dav_property_sheet_get_outcome (sheet, 2, color, &status, &ok, &text);
  g_assert_cmpuint (status, ==, 0);
  g_assert_false (ok);
  g_assert_nonnull (text);
  g_assert_cmpstr (text, !=, "No answer.");

  g_assert_cmpuint (dav_property_sheet_get_n_saved (sheet), ==, 1);
  summary = dav_property_sheet_dup_summary (sheet);
  g_assert_true (g_str_has_prefix (summary, "Saved on 1 of 3 items. On the others nothing was saved"));

  g_assert_finalize_object (g_steal_pointer (&sheet));
}

/* Several items, every one saved; and a single item with no answer. */
static void
test_outcome_summaries (void)
{
  DavResource *a = resource_for ("a.txt", PLAIN);
  DavResource *b = resource_for ("b.txt", PLAIN);
  g_autoptr(DavPropertySheet) sheet = sheet_of (a, b, NULL);
  g_autoptr(DavPropertySheet) single = sheet_of (resource_for ("a.txt", PLAIN), NULL);
  g_autoptr(GPtrArray) patches = NULL;
  g_autoptr(DavReport) report = dav_report_new ();
  g_autoptr(DavReport) empty = dav_report_new ();
  g_autofree char *summary = NULL;
  g_autofree char *body_a = multistatus ("a.txt", PROPSTAT ("200 OK", "<X:author/>"));
  g_autofree char *body_b = multistatus ("b.txt", PROPSTAT ("200 OK", "<X:author/>"));

  dav_property_sheet_add (sheet, NS, "author", "Alice", FALSE);
  patches = begin_apply (sheet, 2);
  g_ptr_array_add (report->items, answer ("a.txt", patches, 207, body_a));
  g_ptr_array_add (report->items, answer ("b.txt", patches, 207, body_b));
  dav_property_sheet_end_apply (sheet, report);
  summary = dav_property_sheet_dup_summary (sheet);
  g_assert_cmpstr (summary, ==, "Saved on all 2 items");
  g_assert_cmpuint (dav_property_sheet_get_n_pending (sheet), ==, 0);

  dav_property_sheet_add (single, NS, "author", "Alice", FALSE);
  g_ptr_array_unref (begin_apply (single, 1));
  dav_property_sheet_end_apply (single, empty);
  g_clear_pointer (&summary, g_free);
  summary = dav_property_sheet_dup_summary (single);
  g_assert_cmpstr (summary, ==, "Nothing was saved: no answer");
  g_assert_cmpstr (dav_property_entry_get_result_text (entry (single, NS, "author")), ==, "No answer.");

  g_assert_finalize_object (g_steal_pointer (&sheet));
  g_assert_finalize_object (g_steal_pointer (&single));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/property-sheet/merge/one", test_merge_one);
  g_test_add_func ("/property-sheet/merge/several", test_merge_several);
  g_test_add_func ("/property-sheet/merge/best-propstat", test_merge_best_propstat);
  g_test_add_func ("/property-sheet/merge/again", test_merge_again);
  g_test_add_func ("/property-sheet/merge/exchange", test_merge_exchange);
  g_test_add_func ("/property-sheet/changes/order", test_changes_order);
  g_test_add_func ("/property-sheet/changes/undo", test_changes_undo);
  g_test_add_func ("/property-sheet/changes/edit", test_changes_edit);
  g_test_add_func ("/property-sheet/changes/validation", test_changes_validation);
  g_test_add_func ("/property-sheet/draft/check", test_draft_check);
  g_test_add_func ("/property-sheet/draft/apply", test_draft_apply);
  g_test_add ("/property-sheet/outcome/all-ok", Fixture, NULL, fixture_set_up, test_outcome_all_ok, fixture_tear_down);
  g_test_add ("/property-sheet/outcome/refused", Fixture, NULL, fixture_set_up, test_outcome_refused, fixture_tear_down);
  g_test_add ("/property-sheet/outcome/refused-state", Fixture, NULL, fixture_set_up, test_outcome_refused_state, fixture_tear_down);
  g_test_add ("/property-sheet/outcome/unnamed", Fixture, NULL, fixture_set_up, test_outcome_unnamed, fixture_tear_down);
  g_test_add_func ("/property-sheet/outcome/several", test_outcome_several);
  g_test_add_func ("/property-sheet/outcome/summaries", test_outcome_summaries);

  return g_test_run ();
}
