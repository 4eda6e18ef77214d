/* davscope-report-row.c: one line of a bulk operation's report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report window shows its report as a tree of DavscopeReportRow: a
 * small immutable object, built once per report from a DavReportItem,
 * with its members and properties as children. Every string is worked
 * out here, ready to show: names and paths percent-decoded then escaped
 * with dav_text_escape, status phrases, explanations, the DAV:error
 * conditions with what they mean; the window's list factory only puts
 * them into labels. Nothing is shown as deleted (copied, uploaded, …)
 * unless its DavReportItem says DAV_OUTCOME_DONE.
 */

#include "davscope-report-row.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dav-operation.h"
#include "dav-status.h"
#include "dav-text.h"
#include "davscope-ui-util.h"

/* One line of the report: an item, a member of its 207 body, or a
 * property of its PROPPATCH. Every string is ready to show. */
struct _DavscopeReportRow
{
  GObject     parent_instance;

  const char *icon_name;    /* static */
  const char *css_class;    /* static: "success", "error" or "warning" */
  char       *title;        /* the decoded name, escaped */
  char       *subtitle;     /* the decoded path or the namespace, escaped; or NULL */
  char       *status;       /* "Failed · 423 Locked" */
  char       *explanation;  /* escaped */
  char       *notes;        /* DAV:error conditions and server description, escaped; or NULL */
  char       *tooltip;      /* the href as sent, escaped; or NULL */
  guint64     exchange_id;  /* an item's request and answer in the log; 0 for members */
  GListStore *children;     /* DavscopeReportRow; NULL when there are none */
};

G_DEFINE_FINAL_TYPE (DavscopeReportRow, davscope_report_row, G_TYPE_OBJECT)

static void
davscope_report_row_finalize (GObject *object)
{
  DavscopeReportRow *self = DAVSCOPE_REPORT_ROW (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->status);
  g_free (self->explanation);
  g_free (self->notes);
  g_free (self->tooltip);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (davscope_report_row_parent_class)->finalize (object);
}

static void
davscope_report_row_class_init (DavscopeReportRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = davscope_report_row_finalize;
}

static void
davscope_report_row_init (DavscopeReportRow *self)
{
}

static void
report_row_add_child (DavscopeReportRow *self,
                      DavscopeReportRow *child)
{
  if (self->children == NULL)
    self->children = g_list_store_new (DAVSCOPE_TYPE_REPORT_ROW);
  g_list_store_append (self->children, child);
}

/* ---- turning report items into rows ------------------------------------- */

/* The path of an absolute URL, or the href itself (a member's href is
 * often an absolute path), still percent-encoded. */
static char *
encoded_path (const char *href)
{
  g_autoptr(GUri) uri = g_uri_parse (href, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);

  if (uri == NULL)
    return g_strdup (href);
  if (*g_uri_get_path (uri) == '\0')
    return g_strdup ("/");

  return g_strdup (g_uri_get_path (uri));
}

/* Percent-decoded, then escaped: %0A or %E2%80%AE show as \x0A and
 * \u{202E}, not as a line break or a reversed name. */
static char *
decode_for_display (const char *encoded)
{
  g_autofree char *decoded = g_uri_unescape_string (encoded, NULL);

  return dav_text_escape (decoded != NULL ? decoded : encoded, -1);
}

/* "/dav/Locked%20Folder/" gives "Locked Folder/" and "/dav/Locked Folder/".
 * The name is cut from the encoded path, so a %2F stays inside its name. */
static void
href_name_and_path (const char  *href,
                    char       **name,
                    char       **path)
{
  g_autofree char *encoded = encoded_path (href);
  gsize len = strlen (encoded);
  gsize end = len;
  gsize start;

  while (end > 0 && encoded[end - 1] == '/')
    end--;
  start = end;
  while (start > 0 && encoded[start - 1] != '/')
    start--;

  *path = decode_for_display (encoded);
  if (end == start)
    *name = g_strdup (*path);
  else
    {
      g_autofree char *segment = g_strndup (encoded + start, len - start);

      *name = decode_for_display (segment);
    }
}

static void
append_line (GString    *out,
             const char *line)
{
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, line);
}

/* The DAV:error conditions with what they mean, then the server's own
 * words; NULL when there is neither. */
static char *
notes_text (GPtrArray  *conditions,
            const char *description)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; conditions != NULL && i < conditions->len; i++)
    {
      const DavCondition *condition = g_ptr_array_index (conditions, i);
      g_autofree char *name = dav_condition_dup_clark_name (condition);
      g_autofree char *shown = dav_text_escape (name, -1);
      DavConditionInfo info;

      if (dav_condition_lookup (condition->namespace_uri, condition->name, &info))
        {
          g_autofree char *line = g_strdup_printf (_("%s: %s"), shown, info.explanation);
          g_autofree char *advice = g_strdup_printf (_("What you can try: %s"), info.advice);

          append_line (out, line);
          append_line (out, advice);
        }
      else
        append_line (out, shown);

      if (condition->content != NULL)
        {
          g_autofree char *squeezed = dav_text_squeeze (condition->content);
          g_autofree char *content = dav_text_escape (squeezed, -1);

          if (*content != '\0')
            append_line (out, content);
        }
    }

  if (description != NULL)
    {
      g_autofree char *shown = dav_text_escape (description, -1);
      g_autofree char *line = g_strdup_printf (_("The server says: “%s”"), shown);

      append_line (out, line);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

static DavscopeReportRow *
member_row_new (const DavReportMember *member)
{
  DavscopeReportRow *row = g_object_new (DAVSCOPE_TYPE_REPORT_ROW, NULL);

  if (member->status == 0)
    {
      row->icon_name = "dialog-warning-symbolic";
      row->css_class = "warning";
    }
  else if (member->ok)
    {
      row->icon_name = "emblem-ok-symbolic";
      row->css_class = "success";
    }
  else
    {
      row->icon_name = "dialog-error-symbolic";
      row->css_class = "error";
    }

  if (member->href != NULL)
    {
      href_name_and_path (member->href, &row->title, &row->subtitle);
      row->tooltip = dav_text_escape (member->href, -1);
    }
  else
    row->title = g_strdup (_("(no href)"));

  row->status = davscope_status_phrase (member->status, NULL, FALSE);
  row->explanation = dav_text_escape (member->explanation ? member->explanation : "", -1);
  row->notes = notes_text (member->conditions, member->description);

  return row;
}

static DavscopeReportRow *
property_row_new (const DavReportProperty *property)
{
  DavscopeReportRow *row = g_object_new (DAVSCOPE_TYPE_REPORT_ROW, NULL);

  row->icon_name = property->ok ? "emblem-ok-symbolic" : "dialog-error-symbolic";
  row->css_class = property->ok ? "success" : "error";
  row->title = dav_text_escape (property->name, -1);
  row->subtitle = *property->namespace_uri != '\0'
                  ? dav_text_escape (property->namespace_uri, -1)
                  : g_strdup (_("(no namespace)"));
  row->status = davscope_status_phrase (property->status, NULL, TRUE);
  row->explanation = dav_text_escape (property->explanation ? property->explanation : "", -1);
  row->notes = notes_text (NULL, property->description);

  return row;
}

/* What a confirmed item is called, by its operation. */
static const char *
done_word (const char *method)
{
  DavOperation operation = DAV_OPERATION_DELETE;

  dav_operation_from_method (method, &operation);
  return dav_operation_get_done_word (operation);
}

DavscopeReportRow *
davscope_report_row_new (const DavReportItem *item,
                         gboolean             refused)
{
  DavscopeReportRow *row = g_object_new (DAVSCOPE_TYPE_REPORT_ROW, NULL);
  g_autofree char *phrase = item->status != 0 ? davscope_status_phrase (item->status, NULL, FALSE) : NULL;
  const char *outcome;

  switch (refused ? DAV_OUTCOME_NOT_ATTEMPTED : item->outcome)
    {
    case DAV_OUTCOME_DONE:
      /* Done, but the answer contradicts the request: the server's fault. */
      row->icon_name = item->problems->len > 0 ? "dialog-warning-symbolic" : "emblem-ok-symbolic";
      row->css_class = item->problems->len > 0 ? "warning" : "success";
      outcome = done_word (item->method);
      break;
    case DAV_OUTCOME_FAILED:
      row->icon_name = "dialog-error-symbolic";
      row->css_class = "error";
      outcome = C_("report outcome", "Failed");
      break;
    case DAV_OUTCOME_UNKNOWN:
      row->icon_name = "dialog-warning-symbolic";
      row->css_class = "warning";
      outcome = C_("report outcome", "No answer");
      break;
    case DAV_OUTCOME_NOT_ATTEMPTED:
    default:
      row->icon_name = "dialog-warning-symbolic";
      row->css_class = "warning";
      outcome = refused ? C_("report outcome", "Refused") : C_("report outcome", "Not attempted");
      break;
    }

  href_name_and_path (item->url, &row->title, &row->subtitle);
  row->tooltip = dav_text_escape (item->url, -1);
  /* TRANSLATORS: an outcome, then a status code and its reason: "Failed · 423 Locked" */
  row->status = phrase != NULL ? g_strdup_printf (C_("report status", "%s · %s"), outcome, phrase)
                               : g_strdup (outcome);
  row->explanation = dav_text_escape (item->explanation ? item->explanation : "", -1);
  row->notes = notes_text (item->conditions, item->description);
  row->exchange_id = refused ? 0 : item->exchange_id;

  for (guint i = 0; i < item->members->len; i++)
    {
      g_autoptr(DavscopeReportRow) child = member_row_new (g_ptr_array_index (item->members, i));

      report_row_add_child (row, child);
    }
  for (guint i = 0; i < item->properties->len; i++)
    {
      g_autoptr(DavscopeReportRow) child = property_row_new (g_ptr_array_index (item->properties, i));

      report_row_add_child (row, child);
    }

  return row;
}

/* ---- accessors ----------------------------------------------------------- */

const char *
davscope_report_row_get_icon_name (DavscopeReportRow *self)
{
  return self->icon_name;
}

const char *
davscope_report_row_get_css_class (DavscopeReportRow *self)
{
  return self->css_class;
}

const char *
davscope_report_row_get_title (DavscopeReportRow *self)
{
  return self->title;
}

const char *
davscope_report_row_get_subtitle (DavscopeReportRow *self)
{
  return self->subtitle;
}

const char *
davscope_report_row_get_status (DavscopeReportRow *self)
{
  return self->status;
}

const char *
davscope_report_row_get_explanation (DavscopeReportRow *self)
{
  return self->explanation;
}

const char *
davscope_report_row_get_notes (DavscopeReportRow *self)
{
  return self->notes;
}

const char *
davscope_report_row_get_tooltip (DavscopeReportRow *self)
{
  return self->tooltip;
}

guint64
davscope_report_row_get_exchange_id (DavscopeReportRow *self)
{
  return self->exchange_id;
}

GListModel *
davscope_report_row_get_children (DavscopeReportRow *self)
{
  return self->children != NULL ? G_LIST_MODEL (self->children) : NULL;
}
