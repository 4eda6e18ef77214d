/* dav-report.c: the per-item report of a bulk operation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-report.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dav-json-writer.h"
#include "dav-property.h"
#include "dav-text.h"

G_DEFINE_BOXED_TYPE (DavReport, dav_report, dav_report_ref, dav_report_unref)

static void
member_free (DavReportMember *member)
{
  g_free (member->href);
  g_free (member->reason);
  g_free (member->explanation);
  g_ptr_array_unref (member->conditions);
  g_free (member->description);
  g_free (member);
}

static void
property_free (DavReportProperty *property)
{
  g_free (property->namespace_uri);
  g_free (property->name);
  g_free (property->explanation);
  g_free (property->description);
  g_free (property);
}

static GPtrArray *
conditions_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) dav_condition_free);
}

static void
copy_conditions (GPtrArray *to,
                 GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    {
      const DavCondition *condition = g_ptr_array_index (from, i);
      DavCondition *copy = dav_condition_new (condition->namespace_uri, condition->name);

      copy->content = g_strdup (condition->content);
      g_ptr_array_add (to, copy);
    }
}

DavReportItem *
dav_report_item_new (const char *method,
                     const char *url)
{
  DavReportItem *item = g_new0 (DavReportItem, 1);

  item->method = g_strdup (method);
  item->url = g_strdup (url);
  item->outcome = DAV_OUTCOME_NOT_ATTEMPTED;
  item->members = g_ptr_array_new_with_free_func ((GDestroyNotify) member_free);
  item->properties = g_ptr_array_new_with_free_func ((GDestroyNotify) property_free);
  item->conditions = conditions_new ();
  item->asked = g_ptr_array_new_with_free_func ((GDestroyNotify) property_free);
  item->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_problem_free);
  item->explanation = g_strdup (_("This item was not attempted: the operation was cancelled or the server went away before it."));

  return item;
}

void
dav_report_item_free (DavReportItem *item)
{
  if (item == NULL)
    return;

  g_free (item->url);
  g_free (item->method);
  g_free (item->destination);
  g_free (item->reason);
  g_free (item->explanation);
  g_free (item->error);
  g_ptr_array_unref (item->members);
  g_ptr_array_unref (item->properties);
  g_ptr_array_unref (item->conditions);
  g_ptr_array_unref (item->asked);
  g_ptr_array_unref (item->problems);
  g_free (item->description);
  g_free (item);
}

static DavReportProperty *
find_property (GPtrArray  *properties,
               const char *namespace_uri,
               const char *name)
{
  for (guint i = 0; i < properties->len; i++)
    {
      DavReportProperty *property = g_ptr_array_index (properties, i);

      /* A namespace is a name: compared as a string (RFC 4918 §8.6). */
      if (g_str_equal (property->name, name) && g_str_equal (property->namespace_uri, namespace_uri))
        return property;
    }

  return NULL;
}

void
dav_report_item_ask_property (DavReportItem *item,
                              const char    *namespace_uri,
                              const char    *name)
{
  DavReportProperty *property;

  g_return_if_fail (item != NULL);
  g_return_if_fail (name != NULL);

  if (namespace_uri == NULL)
    namespace_uri = "";
  if (find_property (item->asked, namespace_uri, name) != NULL)
    return;

  property = g_new0 (DavReportProperty, 1);
  property->namespace_uri = g_strdup (namespace_uri);
  property->name = g_strdup (name);
  g_ptr_array_add (item->asked, property);
}

/* @method: what the status answered, for its wording; NULL for a property. */
static char *
status_explanation (guint       code,
                    const char *method)
{
  DavStatusInfo info;

  if (code == 0)
    return g_strdup (_("The server gave no status that can be read, so the outcome is unknown."));

  if (method == NULL)
    dav_status_lookup_property (code, &info);
  else
    dav_status_lookup_for_method (code, method, &info);

  return g_strdup (info.explanation);
}

static void
add_members (DavReportItem     *item,
             const DavResponse *response)
{
  guint status = dav_response_get_effective_status (response);

  for (guint i = 0; i < MAX (response->hrefs->len, 1); i++)
    {
      DavReportMember *member = g_new0 (DavReportMember, 1);

      /* Every href of a multi-href response gets the status
       * (docs/hostile-servers.md case 13). */
      member->href = g_strdup (i < response->hrefs->len ? g_ptr_array_index (response->hrefs, i) : NULL);
      member->status = status;
      member->reason = g_strdup (response->reason);
      member->ok = dav_response_is_ok (response);
      member->explanation = status_explanation (status, item->method);
      member->conditions = conditions_new ();
      copy_conditions (member->conditions, response->errors);
      member->description = g_strdup (response->description);
      g_ptr_array_add (item->members, member);
    }
}

static void
add_properties (DavReportItem     *item,
                const DavResponse *response)
{
  for (guint i = 0; i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      for (guint j = 0; j < propstat->properties->len; j++)
        {
          const DavProperty *property = g_ptr_array_index (propstat->properties, j);
          DavReportProperty *entry = g_new0 (DavReportProperty, 1);

          entry->namespace_uri = g_strdup (property->namespace_uri);
          entry->name = g_strdup (property->name);
          entry->status = propstat->status;
          entry->ok = propstat->status >= 200 && propstat->status < 300;
          entry->explanation = status_explanation (propstat->status, NULL);
          entry->description = g_strdup (propstat->description ? propstat->description
                                                               : response->description);
          g_ptr_array_add (item->properties, entry);
        }
      copy_conditions (item->conditions, propstat->errors);
    }
}

/* Problems that leave the item unconfirmed; a warning leaves it done. */
static guint
n_error_problems (const DavReportItem *item)
{
  guint n = 0;

  for (guint i = 0; i < item->problems->len; i++)
    n += dav_problem_kind_severity (((const DavProblem *) g_ptr_array_index (item->problems, i))->kind) == DAV_SEVERITY_ERROR;

  return n;
}

/* A 2xx without a 207 confirms a PROPPATCH as a whole (it is
 * all-or-nothing), though RFC 4918 §9.2 asks for a status per property
 * (lighttpd answers 204): each property asked gets that status. */
static void
confirm_all_properties (DavReportItem *item,
                        guint          status)
{
  for (guint i = 0; i < item->asked->len; i++)
    {
      const DavReportProperty *asked = g_ptr_array_index (item->asked, i);
      DavReportProperty *property = g_new0 (DavReportProperty, 1);

      property->namespace_uri = g_strdup (asked->namespace_uri);
      property->name = g_strdup (asked->name);
      property->status = status;
      property->ok = TRUE;
      property->explanation = g_strdup (_("Saved: the server confirmed the whole change at once, without a status for each property."));
      g_ptr_array_add (item->properties, property);
    }
}

static void
add_problem (DavReportItem *item,
             DavProblem    *problem)
{
  g_ptr_array_add (item->problems, problem);
}

static void
set_explanation (char       **slot,
                 const char  *text)
{
  g_free (*slot);
  *slot = g_strdup (text);
}

/* A PROPPATCH answer names each property of the request, and only those
 * (RFC 4918 §9.2.1). One it leaves out, or one nobody asked about, means
 * the answer confirms nothing about it; a 2xx for a property the server
 * computes itself (getetag, getcontentlength...) cannot be true. */
static void
check_properties (DavReportItem *item)
{
  guint n_answered = item->properties->len;

  for (guint i = 0; i < n_answered; i++)
    {
      DavReportProperty *property = g_ptr_array_index (item->properties, i);
      g_autofree char *name = g_strdup_printf ("{%s}%s", property->namespace_uri, property->name);

      if (item->asked->len > 0 && find_property (item->asked, property->namespace_uri, property->name) == NULL)
        {
          property->ok = FALSE;
          set_explanation (&property->explanation,
                           _("This property was not in the request: the server answered about something else, so its answer does not confirm the change that was asked for. This is the server’s fault."));
          add_problem (item, dav_problem_new (DAV_PROBLEM_UNASKED_PROPERTY, 0, 0,
                                              _("The answer names %s, which the request did not ask about."), name));
        }
      else if (property->ok && dav_property_is_protected (property->namespace_uri, property->name))
        {
          property->ok = FALSE;
          set_explanation (&property->explanation,
                           _("The server says it changed this property, but it is one the server computes itself and must refuse to change (RFC 4918 §15). Its answer cannot be right, so none of the changes can be taken as saved. This is the server’s fault."));
          add_problem (item, dav_problem_new (DAV_PROBLEM_PROTECTED_CHANGED, 0, 0,
                                              _("The server claims to have changed %s, a property it computes itself."), name));
        }
    }

  for (guint i = 0; i < item->asked->len; i++)
    {
      const DavReportProperty *asked = g_ptr_array_index (item->asked, i);
      DavReportProperty *missing;
      g_autofree char *name = NULL;

      if (find_property (item->properties, asked->namespace_uri, asked->name) != NULL)
        continue;

      missing = g_new0 (DavReportProperty, 1);
      missing->namespace_uri = g_strdup (asked->namespace_uri);
      missing->name = g_strdup (asked->name);
      missing->explanation = g_strdup (_("No answer: the server’s answer does not mention this property, so it is not known to be saved. This is the server’s fault; refresh to see what it has now."));
      g_ptr_array_add (item->properties, missing);

      name = g_strdup_printf ("{%s}%s", asked->namespace_uri, asked->name);
      add_problem (item, dav_problem_new (DAV_PROBLEM_UNANSWERED_PROPERTY, 0, 0,
                                          _("The answer does not mention %s, which the request changed."), name));
    }
}

/* The five entities of XML, in place (the serialised content escapes
 * them; a name like "Tom &amp; Jerry" is "Tom & Jerry"). */
static void
unescape_entities (char *text)
{
  static const struct { const char *entity; char c; } entities[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' },
  };
  char *out = text;

  for (const char *p = text; *p != '\0'; )
    {
      gsize i;

      for (i = 0; i < G_N_ELEMENTS (entities); i++)
        if (g_str_has_prefix (p, entities[i].entity))
          break;
      if (i < G_N_ELEMENTS (entities))
        {
          *out++ = entities[i].c;
          p += strlen (entities[i].entity);
        }
      else
        *out++ = *p++;
    }
  *out = '\0';
}

/* The items a 423's DAV:lock-token-submitted names (RFC 4918 §16): the
 * locked member of a folder, rather than the folder itself; escaped, for
 * people, or NULL when it names none. */
static char *
locked_hrefs (const DavReportItem *item)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < item->conditions->len; i++)
    {
      const DavCondition *condition = g_ptr_array_index (item->conditions, i);
      const char *p;

      if (!g_str_equal (condition->namespace_uri, "DAV:") ||
          !g_str_equal (condition->name, "lock-token-submitted") || condition->content == NULL)
        continue;

      /* The content is the parser's own serialisation: <href xmlns="DAV:">…</href>. */
      for (p = condition->content; (p = strstr (p, "href")) != NULL; )
        {
          const char *start = strchr (p, '>');
          const char *end = start ? strstr (start, "</") : NULL;
          g_autofree char *text = NULL;
          g_autofree char *shown = NULL;

          if (start == NULL || end == NULL || start[-1] == '/')
            break;
          text = g_strndup (start + 1, end - start - 1);
          unescape_entities (text);
          shown = dav_text_escape (dav_text_strip (text), -1);
          if (*shown != '\0')
            g_string_append_printf (out, "%s%s", out->len ? "”, “" : "", shown);
          p = strstr (end, ">");
          if (p == NULL)
            break;
        }
    }

  return out->len > 0 ? g_strdup (out->str) : NULL;
}

void
dav_report_item_set_result (DavReportItem *item,
                            DavResult     *result)
{
  gboolean proppatch = g_str_equal (item->method, "PROPPATCH");
  gboolean all_ok = TRUE;
  g_autofree char *locked = NULL;
  guint n_failed_members = 0;

  g_return_if_fail (item != NULL);
  g_return_if_fail (result != NULL);

  g_free (item->reason);
  g_free (item->explanation);
  item->status = result->status;
  item->reason = g_strdup (result->reason);
  item->exchange_id = result->exchange_id;
  item->complete = dav_result_is_whole (result);
  item->explanation = NULL;
  g_ptr_array_set_size (item->members, 0);
  g_ptr_array_set_size (item->properties, 0);
  g_ptr_array_set_size (item->conditions, 0);
  g_ptr_array_set_size (item->problems, 0);

  if (result->body != NULL)
    {
      copy_conditions (item->conditions, result->body->errors);
      g_free (item->description);
      item->description = g_strdup (result->body->description);

      for (guint i = 0; i < result->body->responses->len; i++)
        {
          const DavResponse *response = g_ptr_array_index (result->body->responses, i);

          if (proppatch && response->propstats->len > 0)
            add_properties (item, response);
          else
            add_members (item, response);
        }
    }
  if (proppatch && dav_result_has_multistatus (result))
    check_properties (item);
  else if (proppatch && SOUP_STATUS_IS_SUCCESSFUL (result->status) && result->status != 207)
    confirm_all_properties (item, result->status);
  /* 204 to a COPY or MOVE means "replaced what was there" (RFC 4918
   * §9.8.5): after Overwrite: F the server had to refuse instead; after
   * If-None-Match: * likewise for a PUT (RFC 9110 §13.1.2; nginx ignores
   * it and replaces the file). */
  if (result->status == SOUP_STATUS_NO_CONTENT && !item->overwrite &&
      (g_str_equal (item->method, "COPY") || g_str_equal (item->method, "MOVE")))
    add_problem (item, dav_problem_new (DAV_PROBLEM_CONTRADICTS_REQUEST, 0, 0,
                                        _("The server answered 204 (an existing item at the destination was replaced) to a request that forbade replacing (Overwrite: F).")));
  else if (result->status == SOUP_STATUS_NO_CONTENT && !item->overwrite && g_str_equal (item->method, "PUT"))
    add_problem (item, dav_problem_new (DAV_PROBLEM_CONTRADICTS_REQUEST, 0, 0,
                                        _("The server answered 204 (an existing file was replaced) to an upload sent only for a new file (If-None-Match: *).")));

  for (guint i = 0; i < item->members->len; i++)
    {
      const DavReportMember *member = g_ptr_array_index (item->members, i);

      if (!member->ok)
        n_failed_members++;
    }
  for (guint i = 0; i < item->properties->len; i++)
    all_ok &= ((const DavReportProperty *) g_ptr_array_index (item->properties, i))->ok;
  all_ok &= n_failed_members == 0;
  all_ok &= n_error_problems (item) == 0;

  if (SOUP_STATUS_IS_SUCCESSFUL (result->status) && !dav_result_has_multistatus (result) && result->status != 207)
    item->ok = n_error_problems (item) == 0;
  else if (dav_result_has_multistatus (result) && SOUP_STATUS_IS_SUCCESSFUL (result->status))
    /* A 207 is only a success when the server confirmed every part. */
    item->ok = all_ok && result->complete &&
               (!proppatch || item->properties->len > 0);
  else
    item->ok = FALSE;

  item->outcome = item->ok ? DAV_OUTCOME_DONE : DAV_OUTCOME_FAILED;

  if (item->problems->len > 0 && !proppatch)
    item->explanation = g_strdup_printf (_("Done, says the server, but its answer contradicts what was asked: %s Either it replaced an item it was told to keep, or it uses this status wrongly. This is the server’s fault: check the destination."),
                                         ((const DavProblem *) g_ptr_array_index (item->problems, 0))->message);
  else if (item->problems->len > 0 && dav_result_has_multistatus (result))
    item->explanation = g_strdup (_("Not confirmed: the server’s answer does not match the property changes that were sent (see each property), so Davscope cannot say that anything was saved. This is the server’s fault; refresh to see what it has now."));
  else if (item->ok && g_str_equal (item->method, "DELETE"))
    item->explanation = g_strdup (_("Deleted: the server confirmed it."));
  else if (item->ok && proppatch)
    item->explanation = g_strdup (_("Saved: the server confirmed every property change."));
  else if (item->ok)
    item->explanation = status_explanation (result->status, item->method);
  else if (result->status == SOUP_STATUS_PRECONDITION_FAILED &&
           (g_str_equal (item->method, "COPY") || g_str_equal (item->method, "MOVE") ||
            g_str_equal (item->method, "PUT")))
    {
      /* RFC 4918 §9.8.5, §9.9.4: Overwrite: F and the destination exists;
       * for PUT, If-None-Match: * (RFC 9110 §13.1.2). */
      item->destination_exists = TRUE;
      item->explanation = g_strdup (_("Not done: an item with this name already exists at the destination, and Davscope asked the server not to replace it."));
    }
  else if (SOUP_STATUS_IS_REDIRECTION (result->status))
    item->explanation = g_strdup_printf (_("The server answered with a redirect (%u) instead of doing it. Davscope never repeats a change at another address, so nothing was done here."),
                                         result->status);
  else if (dav_result_has_multistatus (result) && !result->complete)
    item->explanation = g_strdup (_("The server's answer was incomplete or malformed, so what happened to this item is not known for sure. Refresh to see what is there now."));
  else if (proppatch && item->properties->len > 0)
    item->explanation = g_strdup (_("Not saved: at least one property change was refused, and a property change is all-or-nothing, so none of them was saved."));
  else if (n_failed_members > 0 && g_str_equal (item->method, "DELETE"))
    item->explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "Not deleted: %u item in it could not be deleted (listed below), so the server kept this folder. Other items in it may or may not be gone: the folder is listed again to show what is still there.",
                                                      "Not deleted: %u items in it could not be deleted (listed below), so the server kept this folder. Other items in it may or may not be gone: the folder is listed again to show what is still there.",
                                                      n_failed_members),
                                         n_failed_members);
  else if (n_failed_members > 0)
    {
      g_autofree char *own = result->status != 207 ? status_explanation (result->status, item->method) : NULL;

      item->explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Not done completely: %u member failed (listed below).%s%s",
                                                        "Not done completely: %u members failed (listed below).%s%s",
                                                        n_failed_members),
                                           n_failed_members, own ? " " : "", own ? own : "");
    }
  else if (result->status == SOUP_STATUS_LOCKED && (locked = locked_hrefs (item)) != NULL)
    item->explanation = g_strdup_printf (_("Not done: “%s” is locked, and the request did not carry the token of that lock, so the server refused the whole request and changed nothing."),
                                         locked);
  else
    item->explanation = status_explanation (result->status, item->method);
}

void
dav_report_item_set_error (DavReportItem *item,
                           DavOutcome     outcome,
                           const GError  *error)
{
  g_return_if_fail (item != NULL);

  item->outcome = outcome;
  item->ok = FALSE;
  g_free (item->error);
  item->error = g_strdup (error ? error->message : NULL);
  g_free (item->explanation);
  if (outcome == DAV_OUTCOME_NOT_ATTEMPTED && error != NULL)
    item->explanation = g_strdup_printf (_("Not sent: %s"), error->message);
  else if (outcome == DAV_OUTCOME_NOT_ATTEMPTED)
    item->explanation = g_strdup (_("This item was not attempted: the operation was cancelled or the server went away before it."));
  else
    item->explanation = g_strdup_printf (_("No answer came for this item (%s), so whether it was done is unknown. Refresh to see what is there now."),
                                         error ? error->message : _("no reason given"));
}

const char *
dav_outcome_to_string (DavOutcome outcome)
{
  switch (outcome)
    {
    case DAV_OUTCOME_DONE:          return "done";
    case DAV_OUTCOME_FAILED:        return "failed";
    case DAV_OUTCOME_UNKNOWN:       return "unknown";
    case DAV_OUTCOME_NOT_ATTEMPTED: return "not-attempted";
    default:                        return "invalid";
    }
}

DavReport *
dav_report_new (void)
{
  DavReport *self = g_new0 (DavReport, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_report_item_free);

  return self;
}

DavReport *
dav_report_ref (DavReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
dav_report_unref (DavReport *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->items);
  g_free (self);
}

guint
dav_report_count (DavReport  *self,
                  DavOutcome  outcome)
{
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    if (((DavReportItem *) g_ptr_array_index (self->items, i))->outcome == outcome)
      n++;

  return n;
}

DavReport *
dav_report_merge (DavReport *earlier,
                  DavReport *again)
{
  DavReport *merged;
  g_autofree gboolean *replaced = NULL;

  g_return_val_if_fail (earlier != NULL, NULL);
  g_return_val_if_fail (again != NULL, NULL);

  merged = dav_report_new ();
  g_ptr_array_set_free_func (merged->items, NULL);
  g_ptr_array_extend (merged->items, earlier->items, NULL, NULL);
  replaced = g_new0 (gboolean, merged->items->len + 1);

  /* A retry sends an item's method to its URL again: that pair names it.
   * Each earlier item is replaced once (a URL given twice is two items). */
  for (guint a = 0; a < again->items->len; a++)
    {
      DavReportItem *item = g_ptr_array_index (again->items, a);
      guint e;

      for (e = 0; e < earlier->items->len; e++)
        {
          const DavReportItem *old = g_ptr_array_index (earlier->items, e);

          if (!replaced[e] && g_strcmp0 (old->method, item->method) == 0 && g_strcmp0 (old->url, item->url) == 0)
            break;
        }

      if (e < earlier->items->len)
        {
          merged->items->pdata[e] = item;
          replaced[e] = TRUE;
        }
      else
        g_ptr_array_add (merged->items, item);
    }

  return merged;
}

gboolean
dav_report_all_ok (DavReport *self)
{
  for (guint i = 0; i < self->items->len; i++)
    if (!((DavReportItem *) g_ptr_array_index (self->items, i))->ok)
      return FALSE;

  return TRUE;
}

gboolean
dav_report_is_single_success (DavReport *self)
{
  const DavReportItem *item;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->items->len != 1)
    return FALSE;

  item = g_ptr_array_index (self->items, 0);
  return item->ok && item->outcome == DAV_OUTCOME_DONE && item->problems->len == 0;
}

gboolean
dav_report_item_is_undoable (const DavReportItem *item)
{
  g_return_val_if_fail (item != NULL, FALSE);

  if (!item->ok || item->outcome != DAV_OUTCOME_DONE || item->status != 201 || item->problems->len > 0)
    return FALSE;

  return g_str_equal (item->method, "COPY") || g_str_equal (item->method, "MOVE") ||
         g_str_equal (item->method, "PUT");
}

void
dav_report_write_conditions (DavJsonWriter *json,
                             GPtrArray     *conditions)
{
  dav_json_writer_member (json, "error");
  dav_json_writer_begin_array (json);
  for (guint i = 0; i < conditions->len; i++)
    {
      const DavCondition *condition = g_ptr_array_index (conditions, i);
      DavConditionInfo info;
      gboolean known = dav_condition_lookup (condition->namespace_uri, condition->name, &info);

      dav_json_writer_begin_object (json);
      dav_json_writer_add_string (json, "namespace", condition->namespace_uri);
      dav_json_writer_add_string (json, "name", condition->name);
      dav_json_writer_add_string (json, "content", condition->content);
      dav_json_writer_add_string (json, "explanation", known ? info.explanation : NULL);
      dav_json_writer_end_object (json);
    }
  dav_json_writer_end_array (json);
}

void
dav_report_write_problem (DavJsonWriter    *json,
                          const DavProblem *problem)
{
  dav_json_writer_begin_object (json);
  dav_json_writer_add_string (json, "kind", dav_problem_kind_to_string (problem->kind));
  dav_json_writer_add_string (json, "severity",
                              dav_severity_to_string (dav_problem_kind_severity (problem->kind)));
  dav_json_writer_add_string (json, "message", problem->message);
  if (problem->line > 0)
    {
      dav_json_writer_add_int (json, "line", problem->line);
      dav_json_writer_add_int (json, "column", problem->column);
    }
  dav_json_writer_end_object (json);
}

void
dav_report_write_problems (DavJsonWriter *json,
                           GPtrArray     *problems,
                           GPtrArray     *more)
{
  dav_json_writer_member (json, "problems");
  dav_json_writer_begin_array (json);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    dav_report_write_problem (json, g_ptr_array_index (problems, i));
  for (guint i = 0; more != NULL && i < more->len; i++)
    dav_report_write_problem (json, g_ptr_array_index (more, i));
  dav_json_writer_end_array (json);
}

char *
dav_report_to_json (DavReport *self,
                    gboolean   pretty)
{
  DavJsonWriter *json = dav_json_writer_new (pretty);

  dav_json_writer_begin_object (json);
  dav_json_writer_member (json, "results");
  dav_json_writer_begin_array (json);

  for (guint i = 0; i < self->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (self->items, i);

      dav_json_writer_begin_object (json);
      dav_json_writer_add_string (json, "url", item->url);
      dav_json_writer_add_string (json, "method", item->method);
      if (item->destination != NULL)
        {
          dav_json_writer_add_string (json, "destination", item->destination);
          dav_json_writer_add_boolean (json, "destination_exists", item->destination_exists);
        }
      dav_json_writer_add_string (json, "outcome", dav_outcome_to_string (item->outcome));
      dav_json_writer_add_status (json, "status", item->status);
      dav_json_writer_add_string (json, "reason", item->reason);
      dav_json_writer_add_boolean (json, "ok", item->ok);
      dav_json_writer_add_string (json, "explanation", item->explanation);
      dav_json_writer_add_string (json, "transport_error", item->error);
      dav_json_writer_add_string (json, "description", item->description);
      dav_report_write_conditions (json, item->conditions);
      dav_report_write_problems (json, item->problems, NULL);

      dav_json_writer_member (json, "members");
      dav_json_writer_begin_array (json);
      for (guint j = 0; j < item->members->len; j++)
        {
          const DavReportMember *member = g_ptr_array_index (item->members, j);

          dav_json_writer_begin_object (json);
          dav_json_writer_add_string (json, "href", member->href);
          dav_json_writer_add_status (json, "status", member->status);
          dav_json_writer_add_string (json, "reason", member->reason);
          dav_json_writer_add_boolean (json, "ok", member->ok);
          dav_json_writer_add_string (json, "explanation", member->explanation);
          dav_json_writer_add_string (json, "description", member->description);
          dav_report_write_conditions (json, member->conditions);
          dav_json_writer_end_object (json);
        }
      dav_json_writer_end_array (json);

      dav_json_writer_member (json, "properties");
      dav_json_writer_begin_array (json);
      for (guint j = 0; j < item->properties->len; j++)
        {
          const DavReportProperty *property = g_ptr_array_index (item->properties, j);

          dav_json_writer_begin_object (json);
          dav_json_writer_add_string (json, "namespace", property->namespace_uri);
          dav_json_writer_add_string (json, "name", property->name);
          dav_json_writer_add_status (json, "status", property->status);
          dav_json_writer_add_boolean (json, "ok", property->ok);
          dav_json_writer_add_string (json, "explanation", property->explanation);
          dav_json_writer_add_string (json, "description", property->description);
          dav_json_writer_end_object (json);
        }
      dav_json_writer_end_array (json);

      dav_json_writer_add_boolean (json, "complete", item->complete);
      dav_json_writer_add_int (json, "exchange", (gint64) item->exchange_id);
      dav_json_writer_end_object (json);
    }

  dav_json_writer_end_array (json);
  dav_json_writer_end_object (json);

  return dav_json_writer_free_to_string (json);
}

static void
csv_field (GString    *out,
           const char *text,
           gboolean    last)
{
  /* RFC 4180: quote every field; double the quotes inside. A leading
   * = + - @ is defused so that a spreadsheet does not run it. */
  g_string_append_c (out, '"');
  if (text != NULL && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'))
    g_string_append_c (out, '\'');
  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  g_string_append (out, last ? "\r\n" : ",");
}

static char *
conditions_text (GPtrArray *conditions)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < conditions->len; i++)
    {
      g_autofree char *name = dav_condition_dup_clark_name (g_ptr_array_index (conditions, i));

      g_string_append_printf (out, "%s%s", i ? " " : "", name);
    }

  return g_string_free (out, FALSE);
}

static void
csv_row (GString    *out,
         const char *url,
         const char *member,
         const char *property,
         const char *outcome,
         guint       status,
         const char *reason,
         gboolean    ok,
         const char *explanation,
         GPtrArray  *conditions,
         const char *description)
{
  g_autofree char *code = status ? g_strdup_printf ("%u", status) : g_strdup ("");
  g_autofree char *conds = conditions ? conditions_text (conditions) : NULL;

  csv_field (out, url, FALSE);
  csv_field (out, member, FALSE);
  csv_field (out, property, FALSE);
  csv_field (out, outcome, FALSE);
  csv_field (out, code, FALSE);
  csv_field (out, reason, FALSE);
  csv_field (out, ok ? "yes" : "no", FALSE);
  csv_field (out, explanation, FALSE);
  csv_field (out, conds, FALSE);
  csv_field (out, description, TRUE);
}

char *
dav_report_to_csv (DavReport *self)
{
  GString *out = g_string_new ("\"url\",\"member\",\"property\",\"outcome\",\"status\",\"reason\",\"ok\",\"explanation\",\"conditions\",\"description\"\r\n");

  for (guint i = 0; i < self->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (self->items, i);
      const char *outcome = dav_outcome_to_string (item->outcome);

      csv_row (out, item->url, NULL, NULL, outcome, item->status, item->reason, item->ok,
               item->error ? item->error : item->explanation, item->conditions, item->description);

      for (guint j = 0; j < item->members->len; j++)
        {
          const DavReportMember *member = g_ptr_array_index (item->members, j);

          csv_row (out, item->url, member->href, NULL, outcome, member->status, member->reason,
                   member->ok, member->explanation, member->conditions, member->description);
        }

      for (guint j = 0; j < item->properties->len; j++)
        {
          const DavReportProperty *property = g_ptr_array_index (item->properties, j);
          g_autofree char *name = g_strdup_printf ("{%s}%s", property->namespace_uri, property->name);

          csv_row (out, item->url, NULL, name, outcome, property->status, NULL,
                   property->ok, property->explanation, NULL, property->description);
        }
    }

  return g_string_free (out, FALSE);
}
