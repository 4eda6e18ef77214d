/* davscope-inspector-node.c: one line of the inspector's parsed tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 207 (or a DAV:error or DAV:prop body) that dav_multistatus_parse has
 * read, as the inspector shows it beside the raw XML: a tree of
 * DavscopeInspectorNode, each a line whose strings are escaped and ready
 * to show, with the line of the body it came from. The top level is made
 * at once; a response's or a propstat's children only when the
 * GtkTreeListModel first asks, from the records it keeps, without I/O.
 * The rows of the tree's list view (DavscopeTreeRow) are bound here too,
 * since they show what only a node knows.
 */

#include "davscope-inspector-node.h"

#include "davscope-inspector-private.h"
#include "davscope-tree-row.h"

#include <glib/gi18n.h>

#include "dav-status.h"
#include "dav-text.h"

#define VALUE_PREVIEW_CHARS 240
#define VALUE_TOOLTIP_CHARS 4000

/* One line of the parsed tree. Every string is ready to show. */
struct _DavscopeInspectorNode
{
  GObject            parent_instance;

  const char        *icon_name;  /* static, or NULL */
  const char        *css_class;  /* static, or NULL */
  char              *title;
  char              *subtitle;   /* or NULL */
  char              *status;     /* or NULL */
  char              *detail;     /* or NULL */
  char              *tooltip;    /* or NULL */
  guint              line;       /* in the body, 0 when unknown */

  /* Where the children come from: a response, or one of its propstats. */
  DavResponse       *response;   /* owned */
  const DavPropstat *propstat;   /* borrowed from @response */
  gboolean           built;
  GListStore        *children;   /* NULL when there are none */
};

G_DEFINE_FINAL_TYPE (DavscopeInspectorNode, davscope_inspector_node, G_TYPE_OBJECT)

static void
davscope_inspector_node_finalize (GObject *object)
{
  DavscopeInspectorNode *self = DAVSCOPE_INSPECTOR_NODE (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->status);
  g_free (self->detail);
  g_free (self->tooltip);
  g_clear_pointer (&self->response, dav_response_unref);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (davscope_inspector_node_parent_class)->finalize (object);
}

static void
davscope_inspector_node_class_init (DavscopeInspectorNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = davscope_inspector_node_finalize;
}

static void
davscope_inspector_node_init (DavscopeInspectorNode *self)
{
}

static DavscopeInspectorNode *
node_new (const char *icon_name,
          const char *css_class,
          char       *title)
{
  DavscopeInspectorNode *node = g_object_new (DAVSCOPE_TYPE_INSPECTOR_NODE, NULL);

  node->icon_name = icon_name;
  node->css_class = css_class;
  node->title = title;
  node->built = TRUE;

  return node;
}

static void
store_take (GListStore            *store,
            DavscopeInspectorNode *node)
{
  g_list_store_append (store, node);
  g_object_unref (node);
}

static DavscopeInspectorNode *
problem_node_new (const DavProblem *problem)
{
  DavSeverity severity = dav_problem_kind_severity (problem->kind);
  DavscopeInspectorNode *node = node_new (davscope_severity_icon (severity),
                                          davscope_severity_css (severity),
                                          /* already escaped by the parser */
                                          g_strdup (problem->message));

  if (problem->line > 0)
    /* TRANSLATORS: a problem's kind and where it is: "not-well-formed · line 3, column 12" */
    node->subtitle = g_strdup_printf (_("%s · line %u, column %u"),
                                      dav_problem_kind_to_string (problem->kind),
                                      problem->line, problem->column);
  else
    node->subtitle = g_strdup (dav_problem_kind_to_string (problem->kind));
  node->line = problem->line;

  return node;
}

static DavscopeInspectorNode *
condition_node_new (const DavCondition *condition)
{
  g_autofree char *name = dav_condition_dup_clark_name (condition);
  DavscopeInspectorNode *node = node_new ("dialog-warning-symbolic", "warning", davscope_inspector_escape (name));
  DavConditionInfo info;

  if (dav_condition_lookup (condition->namespace_uri, condition->name, &info))
    {
      node->subtitle = g_strdup (info.explanation);
      node->tooltip = g_strdup_printf (_("What you can try: %s"), info.advice);
    }
  else
    node->subtitle = g_strdup (_("A condition the server reported"));

  if (condition->content != NULL)
    {
      g_autofree char *squeezed = dav_text_squeeze (condition->content);

      if (*squeezed != '\0')
        node->detail = davscope_inspector_escape_preview (squeezed, VALUE_PREVIEW_CHARS);
    }

  return node;
}

typedef enum {
  NOTE_ALSO_FOR,
  NOTE_RESPONSE_STATUS,
  NOTE_LOCATION,
  NOTE_DESCRIPTION,
  NOTE_SYNC_TOKEN,
} NoteKind;

/* A line that says something about its parent; @text is server text. */
static DavscopeInspectorNode *
note_node_new (NoteKind    kind,
               const char *text)
{
  g_autofree char *shown = davscope_inspector_escape_preview (text, VALUE_PREVIEW_CHARS);
  DavscopeInspectorNode *node = node_new ("dialog-information-symbolic", NULL, NULL);

  switch (kind)
    {
    case NOTE_ALSO_FOR:
      node->title = g_strdup_printf (_("Also for: %s"), shown);
      break;
    case NOTE_RESPONSE_STATUS:
      node->title = g_strdup_printf (_("Response status: %s"), shown);
      break;
    case NOTE_LOCATION:
      node->title = g_strdup_printf (_("Location: %s"), shown);
      break;
    case NOTE_SYNC_TOKEN:
      node->title = g_strdup_printf (_("Sync token: %s"), shown);
      break;
    case NOTE_DESCRIPTION:
    default:
      node->title = g_strdup_printf (_("The server says: “%s”"), shown);
      break;
    }

  if (g_utf8_strlen (text, -1) > VALUE_PREVIEW_CHARS)
    node->tooltip = davscope_inspector_escape_preview (text, VALUE_TOOLTIP_CHARS);

  return node;
}

static DavscopeInspectorNode *
property_node_new (const DavProperty *property)
{
  DavscopeInspectorNode *node = node_new (NULL, NULL, davscope_inspector_escape (property->name));

  node->subtitle = *property->namespace_uri != '\0' ? davscope_inspector_escape (property->namespace_uri)
                                                    : g_strdup (_("(no namespace)"));

  if (property->value == NULL)
    node->detail = g_strdup (_("(empty)"));
  else
    {
      g_autofree char *squeezed = property->is_xml ? dav_text_squeeze (property->value)
                                                   : g_strdup (property->value);

      node->detail = davscope_inspector_escape_preview (squeezed, VALUE_PREVIEW_CHARS);
      if (g_utf8_strlen (squeezed, -1) > VALUE_PREVIEW_CHARS)
        node->tooltip = davscope_inspector_escape_preview (property->value, VALUE_TOOLTIP_CHARS);
    }

  return node;
}

static DavscopeInspectorNode *
propstat_node_new (DavResponse       *response,
                   const DavPropstat *propstat)
{
  DavStatusInfo info;
  DavscopeInspectorNode *node;
  guint n = propstat->properties->len;

  dav_status_lookup_property (propstat->status, &info);
  node = node_new (propstat->status != 0 ? davscope_severity_icon (info.severity) : "dialog-warning-symbolic",
                   propstat->status != 0 ? davscope_severity_css (info.severity) : "warning",
                   davscope_status_phrase (propstat->status, NULL, TRUE));
  node->subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u property", "%u properties", n), n);
  /* The catalogue's reason above; the line as the server wrote it here. */
  if (propstat->status_line != NULL)
    {
      g_autofree char *line = davscope_inspector_escape (propstat->status_line);

      node->tooltip = g_strdup_printf (_("Sent as: %s"), line);
    }
  node->response = dav_response_ref (response);
  node->propstat = propstat;
  node->built = FALSE;

  return node;
}

static DavscopeInspectorNode *
response_node_new (DavResponse *response)
{
  const char *href = dav_response_get_href (response);
  guint status = dav_response_get_item_status (response);
  DavscopeInspectorNode *node;
  DavStatusInfo info;

  dav_status_lookup (status, &info);
  if (status == 0)
    node = node_new ("dialog-warning-symbolic", "warning", NULL);
  else if (dav_status_is_success (status))
    node = node_new (response->problems->len > 0 ? "dialog-warning-symbolic" : "emblem-ok-symbolic",
                     response->problems->len > 0 ? "warning" : "success", NULL);
  else
    node = node_new (davscope_severity_icon (info.severity),
                     davscope_severity_css (info.severity), NULL);

  node->title = href != NULL ? davscope_inspector_display_path (href) : g_strdup (_("(no href)"));
  node->status = davscope_status_phrase (status, NULL, FALSE);
  node->tooltip = href != NULL ? davscope_inspector_escape (href) : NULL;
  node->line = response->line;
  node->response = dav_response_ref (response);
  node->built = FALSE;

  return node;
}

static void
build_response_children (DavscopeInspectorNode *node,
                         GListStore            *store)
{
  DavResponse *response = node->response;

  for (guint i = 0; i < response->problems->len; i++)
    store_take (store, problem_node_new (g_ptr_array_index (response->problems, i)));
  for (guint i = 0; i < response->errors->len; i++)
    store_take (store, condition_node_new (g_ptr_array_index (response->errors, i)));
  for (guint i = 1; i < response->hrefs->len; i++)
    store_take (store, note_node_new (NOTE_ALSO_FOR, g_ptr_array_index (response->hrefs, i)));
  if (response->propstats->len > 0 && response->status != 0)
    {
      g_autofree char *phrase = davscope_status_phrase (response->status, NULL, FALSE);

      store_take (store, note_node_new (NOTE_RESPONSE_STATUS, phrase));
    }
  if (response->location != NULL)
    store_take (store, note_node_new (NOTE_LOCATION, response->location));
  if (response->description != NULL)
    store_take (store, note_node_new (NOTE_DESCRIPTION, response->description));
  for (guint i = 0; i < response->propstats->len; i++)
    store_take (store, propstat_node_new (response, g_ptr_array_index (response->propstats, i)));
}

static void
build_propstat_children (DavscopeInspectorNode *node,
                         GListStore            *store)
{
  const DavPropstat *propstat = node->propstat;

  for (guint i = 0; i < propstat->properties->len; i++)
    store_take (store, property_node_new (g_ptr_array_index (propstat->properties, i)));
  for (guint i = 0; i < propstat->errors->len; i++)
    store_take (store, condition_node_new (g_ptr_array_index (propstat->errors, i)));
  if (propstat->description != NULL)
    store_take (store, note_node_new (NOTE_DESCRIPTION, propstat->description));
}

GListModel *
davscope_inspector_node_create_children (gpointer item,
                                         gpointer user_data)
{
  DavscopeInspectorNode *node = item;

  /* No I/O here: GtkTreeListModel also calls this just to ask. The
   * children are made once, from records already parsed. */
  if (!node->built)
    {
      g_autoptr(GListStore) store = g_list_store_new (DAVSCOPE_TYPE_INSPECTOR_NODE);

      if (node->propstat != NULL)
        build_propstat_children (node, store);
      else if (node->response != NULL)
        build_response_children (node, store);

      if (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
        node->children = g_steal_pointer (&store);
      node->built = TRUE;
    }

  return node->children != NULL ? g_object_ref (G_LIST_MODEL (node->children)) : NULL;
}

GListStore *
davscope_inspector_node_list_new (const DavMultistatus *multistatus)
{
  GListStore *store = g_list_store_new (DAVSCOPE_TYPE_INSPECTOR_NODE);

  for (guint i = 0; i < multistatus->problems->len; i++)
    store_take (store, problem_node_new (g_ptr_array_index (multistatus->problems, i)));
  for (guint i = 0; i < multistatus->errors->len; i++)
    store_take (store, condition_node_new (g_ptr_array_index (multistatus->errors, i)));
  if (multistatus->description != NULL)
    store_take (store, note_node_new (NOTE_DESCRIPTION, multistatus->description));
  if (multistatus->sync_token != NULL)
    store_take (store, note_node_new (NOTE_SYNC_TOKEN, multistatus->sync_token));
  for (guint i = 0; i < multistatus->responses->len; i++)
    store_take (store, response_node_new (g_ptr_array_index (multistatus->responses, i)));

  return store;
}

guint
davscope_inspector_node_get_line (DavscopeInspectorNode *self)
{
  g_return_val_if_fail (DAVSCOPE_IS_INSPECTOR_NODE (self), 0);

  return self->line;
}

/* ---- the parsed tree's rows --------------------------------------------- */

static void
setup_node_row (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, davscope_tree_row_new (TRUE, NULL));
}

static void
bind_node_row (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkTreeListRow *list_row = gtk_list_item_get_item (list_item);
  g_autoptr(DavscopeInspectorNode) node = gtk_tree_list_row_get_item (list_row);
  DavscopeTreeRowContent content = {
    .icon_name = node->icon_name,
    .css_class = node->css_class,
    .title = node->title,
    .status = node->status,
    .subtitle = node->subtitle,
    .detail = node->detail,
    .tooltip = node->tooltip,
  };

  davscope_tree_row_bind (DAVSCOPE_TREE_ROW (gtk_list_item_get_child (list_item)), list_row, &content);
}

static void
unbind_node_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  davscope_tree_row_unbind (DAVSCOPE_TREE_ROW (gtk_list_item_get_child (list_item)));
}

GtkListItemFactory *
davscope_inspector_node_factory_new (void)
{
  return davscope_inspector_list_factory_new (G_CALLBACK (setup_node_row),
                                              G_CALLBACK (bind_node_row),
                                              G_CALLBACK (unbind_node_row));
}
