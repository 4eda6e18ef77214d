/* dav-property-sheet.c: the properties of one or several items, and the changes to them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Entries are kept twice: by key ("{ns}name"), and in the order shown,
 * which is the list model. Both hold the same entries once a merge is
 * done; a merge builds the order again and announces it in one
 * items-changed, so a list box makes its rows once.
 *
 * An Apply remembers, per target, whether it was sent (and which item of
 * the batch's report is its answer) or why not; the outcome of each
 * property is read from there until the next Apply.
 */

#include "dav-property-sheet.h"

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>
#include <string.h>

#include "dav-prop-patch.h"
#include "dav-property-entry-private.h"
#include "dav-property.h"
#include "dav-status.h"
#include "dav-text.h"

typedef struct {
  DavResource *resource;
  DavResponse *reading;   /* the allprop reading, or NULL */
  guint64      reading_exchange;  /* the exchange it came in, or 0 */
  int          sent;      /* its item in the report of the last Apply; -1: not sent */
  char        *refused;   /* why it was not sent, or NULL */
} Target;

struct _DavPropertySheet
{
  GObject     parent_instance;

  GArray     *targets;        /* Target */
  GHashTable *entries;        /* key -> DavPropertyEntry */
  GPtrArray  *shown;          /* DavPropertyEntry*, the list model */
  guint       next_order;
  guint64     next_sequence;
  guint       n_pending;

  GPtrArray  *applied;        /* DavPropertyEntry*, in the order sent */
  DavReport  *report;         /* of the last Apply, or NULL */

  /* The add form's draft, stripped, and what its check found. */
  char                  *draft_namespace;
  char                  *draft_name;
  char                  *draft_value;
  gboolean               draft_is_xml;
  DavPropertyDraftState  draft_state;
  DavPropertyDraftField  draft_field;
  gboolean               draft_warning;
  char                  *draft_message;
};

enum {
  PROP_0,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void dav_property_sheet_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DavPropertySheet, dav_property_sheet, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dav_property_sheet_list_model_init))

/* ---- the list model ------------------------------------------------------ */

static GType
dav_property_sheet_get_item_type (GListModel *model)
{
  return DAV_TYPE_PROPERTY_ENTRY;
}

static guint
dav_property_sheet_get_n_items (GListModel *model)
{
  return DAV_PROPERTY_SHEET (model)->shown->len;
}

static gpointer
dav_property_sheet_get_item (GListModel *model,
                             guint       position)
{
  DavPropertySheet *self = DAV_PROPERTY_SHEET (model);

  if (position >= self->shown->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->shown, position));
}

static void
dav_property_sheet_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dav_property_sheet_get_item_type;
  iface->get_n_items = dav_property_sheet_get_n_items;
  iface->get_item = dav_property_sheet_get_item;
}

/* ---- the type ------------------------------------------------------------ */

static void
target_clear (Target *target)
{
  g_clear_object (&target->resource);
  g_clear_pointer (&target->reading, dav_response_unref);
  g_clear_pointer (&target->refused, g_free);
}

static void
dav_property_sheet_finalize (GObject *object)
{
  DavPropertySheet *self = DAV_PROPERTY_SHEET (object);

  g_clear_pointer (&self->targets, g_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->applied, g_ptr_array_unref);
  g_clear_pointer (&self->report, dav_report_unref);
  g_clear_pointer (&self->draft_namespace, g_free);
  g_clear_pointer (&self->draft_name, g_free);
  g_clear_pointer (&self->draft_value, g_free);
  g_clear_pointer (&self->draft_message, g_free);

  G_OBJECT_CLASS (dav_property_sheet_parent_class)->finalize (object);
}

static void
dav_property_sheet_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DavPropertySheet *self = DAV_PROPERTY_SHEET (object);

  switch (prop_id)
    {
    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dav_property_sheet_class_init (DavPropertySheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dav_property_sheet_finalize;
  object_class->get_property = dav_property_sheet_get_property;

  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dav_property_sheet_init (DavPropertySheet *self)
{
  self->targets = g_array_new (FALSE, TRUE, sizeof (Target));
  g_array_set_clear_func (self->targets, (GDestroyNotify) target_clear);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  self->applied = g_ptr_array_new_with_free_func (g_object_unref);
}

DavPropertySheet *
dav_property_sheet_new (GPtrArray *resources)
{
  DavPropertySheet *self;

  g_return_val_if_fail (resources != NULL && resources->len > 0, NULL);

  self = g_object_new (DAV_TYPE_PROPERTY_SHEET, NULL);
  for (guint i = 0; i < resources->len; i++)
    {
      Target target = { NULL, NULL, 0, -1, NULL };

      target.resource = g_object_ref (g_ptr_array_index (resources, i));
      g_array_append_val (self->targets, target);
    }

  return self;
}

static Target *
target_at (DavPropertySheet *self,
           guint             index)
{
  return &g_array_index (self->targets, Target, index);
}

guint
dav_property_sheet_get_n_targets (DavPropertySheet *self)
{
  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), 0);

  return self->targets->len;
}

DavResource *
dav_property_sheet_get_target (DavPropertySheet *self,
                               guint             target)
{
  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), NULL);
  g_return_val_if_fail (target < self->targets->len, NULL);

  return target_at (self, target)->resource;
}

/* A ready draft is one more change, unless it only replaces the one
 * pending on the property it names. */
static gboolean
draft_counts (DavPropertySheet *self)
{
  DavPropertyEntry *entry;

  if (self->draft_state != DAV_PROPERTY_DRAFT_READY)
    return FALSE;

  entry = dav_property_sheet_lookup (self, self->draft_namespace, self->draft_name);
  return entry == NULL || entry->change == DAV_PROPERTY_CHANGE_NONE;
}

static void
update_n_pending (DavPropertySheet *self)
{
  guint n = draft_counts (self) ? 1 : 0;

  for (guint i = 0; i < self->shown->len; i++)
    if (((DavPropertyEntry *) g_ptr_array_index (self->shown, i))->change != DAV_PROPERTY_CHANGE_NONE)
      n++;

  if (n == self->n_pending)
    return;
  self->n_pending = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

guint
dav_property_sheet_get_n_pending (DavPropertySheet *self)
{
  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), 0);

  return self->n_pending;
}

guint
dav_property_sheet_get_n_refused (DavPropertySheet *self)
{
  guint n = 0;

  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), 0);

  for (guint i = 0; i < self->shown->len; i++)
    {
      DavPropertyEntry *entry = g_ptr_array_index (self->shown, i);

      if (entry->change != DAV_PROPERTY_CHANGE_NONE && entry->refused)
        n++;
    }

  return n;
}

/* ---- merging what the server said ---------------------------------------- */

static DavPropertyEntry *
lookup_or_add (DavPropertySheet *self,
               const char       *namespace_uri,
               const char       *name)
{
  g_autofree char *key = g_strdup_printf ("{%s}%s", namespace_uri ? namespace_uri : "", name);
  DavPropertyEntry *entry = g_hash_table_lookup (self->entries, key);

  if (entry == NULL)
    {
      entry = dav_property_entry_new (namespace_uri, name, self->next_order++);
      g_hash_table_insert (self->entries, g_strdup (entry->key), entry);
    }

  return entry;
}

DavPropertyEntry *
dav_property_sheet_lookup (DavPropertySheet *self,
                           const char       *namespace_uri,
                           const char       *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = g_strdup_printf ("{%s}%s", namespace_uri ? namespace_uri : "", name);
  return g_hash_table_lookup (self->entries, key);
}

static void
take_property (DavPropertySheet  *self,
               GHashTable        *touched,
               GHashTable        *seen_here,
               DavResponse       *response,
               guint64            exchange_id,
               const DavProperty *property)
{
  DavPropertyEntry *entry;
  gboolean present = dav_status_is_success (property->status);

  if (property->name == NULL || *property->name == '\0')
    return;

  entry = lookup_or_add (self, property->namespace_uri, property->name);

  /* Once per item: a hostile answer may list a property twice. */
  if (g_hash_table_contains (seen_here, entry->key))
    return;
  g_hash_table_add (seen_here, entry->key);

  if (!g_hash_table_contains (touched, entry->key))
    {
      g_hash_table_add (touched, entry->key);
      dav_property_entry_clear_server (entry);
      entry->is_xml = FALSE;
    }

  /* The status shown is the worst one: a 404 on one item is news. */
  if (!entry->seen || (dav_status_is_success (entry->status) && !present))
    {
      entry->status = property->status;
      /* Where it was said, for the badge's "Show Exchange". */
      g_clear_pointer (&entry->response, dav_response_unref);
      entry->response = dav_response_ref (response);
      entry->exchange_id = exchange_id;
    }

  if (present)
    {
      if (entry->n_present == 0)
        {
          entry->value = g_strdup (property->value);
          entry->is_xml = property->is_xml;
        }
      else if (g_strcmp0 (entry->value, property->value) != 0 || entry->is_xml != property->is_xml)
        entry->mixed = TRUE;
      entry->n_present++;
    }
  entry->seen = TRUE;
}

static void
take_response (DavPropertySheet *self,
               GHashTable       *touched,
               GHashTable       *seen_here,
               DavResponse      *response,
               guint64           exchange_id)
{
  if (response == NULL)
    return;

  /* The best propstat first: a 200 beats a 404 for the same name. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < response->propstats->len; i++)
      {
        const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

        if (dav_status_is_success (propstat->status) != (pass == 0))
          continue;

        for (guint j = 0; j < propstat->properties->len; j++)
          take_property (self, touched, seen_here, response, exchange_id,
                         g_ptr_array_index (propstat->properties, j));
      }
}

static int
compare_shown (gconstpointer a,
               gconstpointer b)
{
  DavPropertyEntry *x = *(DavPropertyEntry **) a;
  DavPropertyEntry *y = *(DavPropertyEntry **) b;

  if (x->live != y->live)
    return x->live ? 1 : -1;

  return x->order < y->order ? -1 : x->order > y->order;
}

void
dav_property_sheet_set_reading (DavPropertySheet *self,
                                guint             target,
                                DavResponse      *reading,
                                guint64           exchange_id)
{
  Target *t;

  g_return_if_fail (DAV_IS_PROPERTY_SHEET (self));
  g_return_if_fail (target < self->targets->len);

  t = target_at (self, target);
  g_clear_pointer (&t->reading, dav_response_unref);
  t->reading = reading != NULL ? dav_response_ref (reading) : NULL;
  t->reading_exchange = reading != NULL ? exchange_id : 0;
}

void
dav_property_sheet_merge (DavPropertySheet *self)
{
  g_autoptr(GHashTable) touched = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  GPtrArray *shown;
  GHashTableIter iter;
  gpointer value;
  guint n_before;

  g_return_if_fail (DAV_IS_PROPERTY_SHEET (self));

  for (guint i = 0; i < self->targets->len; i++)
    {
      Target *target = target_at (self, i);
      g_autoptr(GHashTable) seen_here = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(DavResponse) listed = dav_resource_dup_response (target->resource);

      take_response (self, touched, seen_here, target->reading, target->reading_exchange);
      /* The listing's exchange is its folder's, which the sheet does not know. */
      take_response (self, touched, seen_here, listed, 0);
    }

  shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DavPropertyEntry *entry = value;

      if (!g_hash_table_contains (touched, entry->key))
        dav_property_entry_clear_server (entry);
      /* The edit typed against the old value is checked again. */
      dav_property_entry_validate (entry);

      if (dav_property_entry_is_kept (entry))
        g_ptr_array_add (shown, g_object_ref (entry));
      else
        g_ptr_array_add (gone, entry);
    }

  for (guint i = 0; i < gone->len; i++)
    g_hash_table_remove (self->entries, ((DavPropertyEntry *) g_ptr_array_index (gone, i))->key);

  g_ptr_array_sort (shown, compare_shown);
  n_before = self->shown->len;
  g_ptr_array_unref (self->shown);
  self->shown = shown;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_before, shown->len);
  update_n_pending (self);
}

GStrv
dav_property_sheet_dup_expected_names (DavPropertySheet *self,
                                       guint             target)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(DavResponse) response = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), NULL);
  g_return_val_if_fail (target < self->targets->len, NULL);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_add (seen, g_strdup (key)))
      g_strv_builder_add (builder, key);

  response = dav_resource_dup_response (target_at (self, target)->resource);
  for (guint i = 0; response != NULL && i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      for (guint j = 0; j < propstat->properties->len; j++)
        {
          const DavProperty *property = g_ptr_array_index (propstat->properties, j);
          char *name = dav_property_dup_clark_name (property);

          if (g_hash_table_add (seen, name))
            g_strv_builder_add (builder, name);
        }
    }

  return g_strv_builder_end (builder);
}

/* ---- what the person wants ------------------------------------------------- */

void
dav_property_sheet_set_change (DavPropertySheet  *self,
                               DavPropertyEntry  *entry,
                               DavPropertyChange  change,
                               const char        *value,
                               gboolean           is_xml)
{
  g_return_if_fail (DAV_IS_PROPERTY_SHEET (self));
  g_return_if_fail (DAV_IS_PROPERTY_ENTRY (entry));

  /* A change keeps its place in the order when it is only edited again. */
  if (change != DAV_PROPERTY_CHANGE_NONE && (entry->change != change || entry->sequence == 0))
    entry->sequence = ++self->next_sequence;
  if (change == DAV_PROPERTY_CHANGE_NONE)
    entry->sequence = 0;
  /* Another change than the one refused has not been sent. */
  if (change != entry->change ||
      (change == DAV_PROPERTY_CHANGE_SET &&
       (g_strcmp0 (value ? value : "", entry->new_value) != 0 || is_xml != entry->new_is_xml)))
    entry->refused = FALSE;

  entry->change = change;
  g_free (entry->new_value);
  entry->new_value = change == DAV_PROPERTY_CHANGE_SET ? g_strdup (value ? value : "") : NULL;
  entry->new_is_xml = change == DAV_PROPERTY_CHANGE_SET && is_xml;
  dav_property_entry_validate (entry);
  dav_property_entry_emit_changed (entry);
  update_n_pending (self);
}

void
dav_property_sheet_edit (DavPropertySheet *self,
                         DavPropertyEntry *entry,
                         const char       *text,
                         gboolean          is_xml)
{
  g_autofree char *original = NULL;
  gboolean escaped;

  g_return_if_fail (DAV_IS_PROPERTY_SHEET (self));
  g_return_if_fail (DAV_IS_PROPERTY_ENTRY (entry));
  g_return_if_fail (text != NULL);

  if (entry->change == DAV_PROPERTY_CHANGE_REMOVE)
    return;

  /* An escaped value was never what the server has: sending it is a change. */
  original = dav_property_entry_dup_editable_value (entry, &escaped);
  if (original != NULL && !escaped && g_str_equal (original, text) && is_xml == entry->is_xml &&
      !(entry->added && entry->n_present == 0))
    dav_property_sheet_set_change (self, entry, DAV_PROPERTY_CHANGE_NONE, NULL, FALSE);
  else
    dav_property_sheet_set_change (self, entry, DAV_PROPERTY_CHANGE_SET, text, is_xml);
}

static void
remove_entry (DavPropertySheet *self,
              DavPropertyEntry *entry)
{
  guint position;

  if (g_ptr_array_find (self->shown, entry, &position))
    {
      g_ptr_array_remove_index (self->shown, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
  g_hash_table_remove (self->entries, entry->key);
}

gboolean
dav_property_sheet_undo (DavPropertySheet *self,
                         DavPropertyEntry *entry)
{
  g_autoptr(DavPropertyEntry) kept = NULL;

  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), FALSE);
  g_return_val_if_fail (DAV_IS_PROPERTY_ENTRY (entry), FALSE);

  kept = g_object_ref (entry);
  dav_property_sheet_set_change (self, entry, DAV_PROPERTY_CHANGE_NONE, NULL, FALSE);

  /* A property added with the form goes away with its change. */
  if (dav_property_entry_is_kept (entry))
    return TRUE;

  remove_entry (self, entry);
  return FALSE;
}

DavPropertyEntry *
dav_property_sheet_add (DavPropertySheet *self,
                        const char       *namespace_uri,
                        const char       *name,
                        const char       *value,
                        gboolean          is_xml)
{
  DavPropertyEntry *entry;
  gboolean known;
  guint position;

  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), NULL);
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  known = dav_property_sheet_lookup (self, namespace_uri, name) != NULL;
  entry = lookup_or_add (self, namespace_uri, name);
  if (!known)
    entry->added = TRUE;
  dav_property_sheet_set_change (self, entry, DAV_PROPERTY_CHANGE_SET, value, is_xml);

  if (!known)
    {
      /* At the end of its group. */
      position = 0;
      while (position < self->shown->len)
        {
          DavPropertyEntry *other = g_ptr_array_index (self->shown, position);

          if (other->live && !entry->live)
            break;
          position++;
        }
      g_ptr_array_insert (self->shown, position, g_object_ref (entry));
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
      update_n_pending (self);
    }
  else if (g_ptr_array_find (self->shown, entry, &position))
    /* The row of a property already there shows its new value. */
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);

  return entry;
}

/* ---- the add form ---------------------------------------------------------------- */

static void
set_draft_check (DavPropertySheet      *self,
                 DavPropertyDraftState  state,
                 DavPropertyDraftField  field,
                 gboolean               warning,
                 char                  *message)
{
  self->draft_state = state;
  self->draft_field = field;
  self->draft_warning = warning;
  g_free (self->draft_message);
  self->draft_message = message;
}

/* A namespace is a URI (RFC 4918 §4.3 via XML Namespaces): a scheme, a
 * colon, and no white space ("DAV:", "urn:example:ns" and
 * "http://example.com/ns/" all are). */
static gboolean
is_uri_ish (const char *text)
{
  g_autofree char *scheme = g_uri_parse_scheme (text);

  if (scheme == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || (guchar) *p < 0x20 || *p == 0x7F)
      return FALSE;

  return TRUE;
}

/* Why @name is not an XML name, in words a person can act on. */
static char *
dup_name_problem (const char *name)
{
  g_autofree char *shown = dav_text_escape (name, -1);

  if (strchr (name, ':') != NULL)
    /* Translators: %s is the name typed for a new property, such as "x:rating" */
    return g_strdup_printf (_("“%s” has a prefix: leave it out, the namespace goes in its own field."), shown);

  /* Translators: %s is the name typed for a new property */
  return g_strdup_printf (_("“%s” is not an XML name: it starts with a letter or “_”, and holds letters, digits, “-”, “_” and “.”, without spaces."),
                          shown);
}

DavPropertyDraftState
dav_property_sheet_check_name (const char             *namespace_uri,
                               const char             *name,
                               DavPropertyDraftField  *field,
                               char                  **message)
{
  const char *ns = namespace_uri;
  g_autofree char *shown_name = dav_text_escape (name, -1);
  g_autofree char *shown_ns = dav_text_escape (ns, -1);

  g_return_val_if_fail (namespace_uri != NULL && name != NULL, DAV_PROPERTY_DRAFT_INVALID);

  *field = DAV_PROPERTY_DRAFT_FIELD_NONE;
  *message = NULL;
  if (*name == '\0')
    {
      *field = DAV_PROPERTY_DRAFT_FIELD_NAME;
      *message = g_strdup (_("Give the property a name."));
      return DAV_PROPERTY_DRAFT_INCOMPLETE;
    }
  if (xmlValidateNCName ((const xmlChar *) name, 0) != 0)
    {
      *field = DAV_PROPERTY_DRAFT_FIELD_NAME;
      *message = dup_name_problem (name);
      return DAV_PROPERTY_DRAFT_INVALID;
    }
  *field = DAV_PROPERTY_DRAFT_FIELD_NAMESPACE;
  if (*ns == '\0')
    {
      *message = g_strdup (_("A namespace is needed: a URI of your own, such as http://example.com/ns/."));
      return DAV_PROPERTY_DRAFT_INCOMPLETE;
    }
  if (!is_uri_ish (ns))
    {
      *message = g_strdup_printf (_("“%s” is not a namespace: a namespace is a URI, such as http://example.com/ns/ or urn:example:ns."),
                                  shown_ns);
      return DAV_PROPERTY_DRAFT_INVALID;
    }
  /* RFC 4918 §21.1: DAV: is reserved for the properties WebDAV defines. */
  if (g_str_equal (ns, "DAV:") && !dav_property_is_live (ns, name))
    {
      *message = g_strdup_printf (_("The DAV: namespace is reserved for the properties WebDAV defines, and “%s” is not one of them: a property of your own needs a namespace of its own."),
                                  shown_name);
      return DAV_PROPERTY_DRAFT_INVALID;
    }

  *field = DAV_PROPERTY_DRAFT_FIELD_NONE;
  return DAV_PROPERTY_DRAFT_READY;
}

static void
check_draft (DavPropertySheet *self)
{
  const char *ns = self->draft_namespace;
  const char *name = self->draft_name;
  const char *value = self->draft_value;
  g_autofree char *shown_name = dav_text_escape (name, -1);
  g_autofree char *shown_ns = dav_text_escape (ns, -1);
  g_autoptr(GError) error = NULL;
  DavPropPatch *patch;
  gboolean valid;
  DavPropertyDraftState state;
  DavPropertyDraftField field;
  char *message;

  /* A namespace alone is the form's default, not something typed. */
  if (*name == '\0' && *value == '\0')
    {
      if (*ns != '\0' && !is_uri_ish (ns))
        set_draft_check (self, DAV_PROPERTY_DRAFT_INVALID, DAV_PROPERTY_DRAFT_FIELD_NAMESPACE, FALSE,
                         g_strdup_printf (_("“%s” is not a namespace: a namespace is a URI, such as http://example.com/ns/ or urn:example:ns."),
                                          shown_ns));
      else
        set_draft_check (self, DAV_PROPERTY_DRAFT_EMPTY, DAV_PROPERTY_DRAFT_FIELD_NONE, FALSE, NULL);
      return;
    }

  state = dav_property_sheet_check_name (ns, name, &field, &message);
  if (state != DAV_PROPERTY_DRAFT_READY)
    {
      set_draft_check (self, state, field, FALSE, message);
      return;
    }

  if (*value == '\0')
    {
      set_draft_check (self, DAV_PROPERTY_DRAFT_INCOMPLETE, DAV_PROPERTY_DRAFT_FIELD_VALUE, FALSE,
                       g_strdup (_("No value yet: type one, or press Add Property to add it with an empty value.")));
      return;
    }
  patch = dav_prop_patch_new_set (ns, name, value, self->draft_is_xml);
  valid = dav_prop_patch_validate (patch, &error);
  dav_prop_patch_free (patch);
  if (!valid)
    {
      set_draft_check (self, DAV_PROPERTY_DRAFT_INVALID, DAV_PROPERTY_DRAFT_FIELD_VALUE, FALSE,
                       dav_text_escape (error->message, -1));
      return;
    }

  if (dav_property_is_protected (ns, name))
    set_draft_check (self, DAV_PROPERTY_DRAFT_READY, DAV_PROPERTY_DRAFT_FIELD_NAME, TRUE,
                     /* Translators: %s is the name typed into the add form, e.g. "rating". */
                     g_strdup_printf (_("The server computes %s and will refuse it; every other change sent with it fails too (all-or-nothing)."),
                                      shown_name));
  else if (dav_property_sheet_lookup (self, ns, name) != NULL)
    set_draft_check (self, DAV_PROPERTY_DRAFT_READY, DAV_PROPERTY_DRAFT_FIELD_NAME, FALSE,
                     /* Translators: %s is the name typed into the add form, e.g. "rating". */
                     g_strdup_printf (_("%s is already listed: Apply gives it this value, with the other changes."),
                                      shown_name));
  else
    set_draft_check (self, DAV_PROPERTY_DRAFT_READY, DAV_PROPERTY_DRAFT_FIELD_NONE, FALSE,
                     /* Translators: %s is the name typed into the add form, e.g. "rating". */
                     g_strdup_printf (_("Apply adds %s, with the other changes."), shown_name));
}

static char *
dup_stripped (const char *text)
{
  char *copy = g_strdup (text ? text : "");

  dav_text_strip (copy);
  return copy;
}

void
dav_property_sheet_set_draft (DavPropertySheet *self,
                              const char       *namespace_uri,
                              const char       *name,
                              const char       *value,
                              gboolean          is_xml)
{
  g_return_if_fail (DAV_IS_PROPERTY_SHEET (self));

  g_free (self->draft_namespace);
  self->draft_namespace = dup_stripped (namespace_uri);
  g_free (self->draft_name);
  self->draft_name = dup_stripped (name);
  g_free (self->draft_value);
  self->draft_value = g_strdup (value ? value : "");
  self->draft_is_xml = is_xml;

  check_draft (self);
  update_n_pending (self);
}

DavPropertyDraftState
dav_property_sheet_get_draft (DavPropertySheet       *self,
                              DavPropertyDraftField  *field,
                              gboolean               *warning,
                              const char            **message)
{
  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), DAV_PROPERTY_DRAFT_EMPTY);

  if (field != NULL)
    *field = self->draft_field;
  if (warning != NULL)
    *warning = self->draft_warning;
  if (message != NULL)
    *message = self->draft_message;

  return self->draft_state;
}

DavPropertyEntry *
dav_property_sheet_take_draft (DavPropertySheet *self)
{
  g_autofree char *ns = NULL;
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  gboolean is_xml;

  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), NULL);

  if (self->draft_state != DAV_PROPERTY_DRAFT_READY &&
      !(self->draft_state == DAV_PROPERTY_DRAFT_INCOMPLETE && self->draft_field == DAV_PROPERTY_DRAFT_FIELD_VALUE))
    return NULL;

  ns = g_steal_pointer (&self->draft_namespace);
  name = g_steal_pointer (&self->draft_name);
  value = g_steal_pointer (&self->draft_value);
  is_xml = self->draft_is_xml;
  /* The namespace stays, for the next property in it. */
  dav_property_sheet_set_draft (self, ns, NULL, NULL, FALSE);

  return dav_property_sheet_add (self, ns, name, value, is_xml);
}

/* ---- applying ------------------------------------------------------------------ */

static int
compare_sequence (gconstpointer a,
                  gconstpointer b)
{
  DavPropertyEntry *x = *(DavPropertyEntry **) a;
  DavPropertyEntry *y = *(DavPropertyEntry **) b;

  return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}

/* The entries with a change, in the order the changes were made
 * (RFC 4918 §9.2). */
static GPtrArray *
pending_in_order (DavPropertySheet *self)
{
  GPtrArray *pending = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->shown->len; i++)
    {
      DavPropertyEntry *entry = g_ptr_array_index (self->shown, i);

      if (entry->change != DAV_PROPERTY_CHANGE_NONE)
        g_ptr_array_add (pending, g_object_ref (entry));
    }
  g_ptr_array_sort (pending, compare_sequence);

  return pending;
}

static GPtrArray *
patches_of (GPtrArray         *pending,
            DavPropertyEntry **invalid)
{
  g_autoptr(GPtrArray) patches = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_prop_patch_free);

  if (invalid != NULL)
    *invalid = NULL;
  if (pending->len == 0)
    return NULL;

  for (guint i = 0; i < pending->len; i++)
    {
      DavPropertyEntry *entry = g_ptr_array_index (pending, i);

      dav_property_entry_validate (entry);
      if (entry->invalid != NULL)
        {
          dav_property_entry_emit_changed (entry);
          if (invalid != NULL)
            *invalid = entry;
          return NULL;
        }

      g_ptr_array_add (patches, entry->change == DAV_PROPERTY_CHANGE_REMOVE
                                  ? dav_prop_patch_new_remove (entry->namespace_uri, entry->name)
                                  : dav_prop_patch_new_set (entry->namespace_uri, entry->name,
                                                            entry->new_value, entry->new_is_xml));
    }

  return g_steal_pointer (&patches);
}

GPtrArray *
dav_property_sheet_dup_patches (DavPropertySheet  *self,
                                DavPropertyEntry **invalid)
{
  g_autoptr(GPtrArray) pending = NULL;

  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), NULL);

  pending = pending_in_order (self);
  return patches_of (pending, invalid);
}

gboolean
dav_property_sheet_begin_apply (DavPropertySheet  *self,
                                DavBatch          *batch,
                                DavPropertyEntry **invalid)
{
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) patches = NULL;
  DavPropertyEntry *bad = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), FALSE);
  g_return_val_if_fail (DAV_IS_BATCH (batch), FALSE);

  pending = pending_in_order (self);
  patches = patches_of (pending, &bad);
  /* What the form holds goes with the others, as the last change. */
  if (bad == NULL && self->draft_state == DAV_PROPERTY_DRAFT_READY)
    {
      dav_property_sheet_take_draft (self);
      g_clear_pointer (&pending, g_ptr_array_unref);
      g_clear_pointer (&patches, g_ptr_array_unref);
      pending = pending_in_order (self);
      patches = patches_of (pending, &bad);
    }
  if (invalid != NULL)
    *invalid = bad;
  if (patches == NULL)
    return FALSE;

  /* The outcome of the previous Apply makes way for this one's. */
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DavPropertyEntry *entry = value;

      if (entry->applied == DAV_PROPERTY_CHANGE_NONE)
        continue;
      entry->applied = DAV_PROPERTY_CHANGE_NONE;
      entry->refused = FALSE;
      entry->result_status = 0;
      g_clear_pointer (&entry->result_text, g_free);
      dav_property_entry_emit_changed (entry);
    }
  g_clear_pointer (&self->report, dav_report_unref);
  g_ptr_array_unref (self->applied);
  self->applied = g_steal_pointer (&pending);

  for (guint t = 0, sent = 0; t < self->targets->len; t++)
    {
      Target *target = target_at (self, t);
      const char *url = dav_resource_get_url (target->resource);
      g_autoptr(GError) error = NULL;

      target->sent = -1;
      g_clear_pointer (&target->refused, g_free);
      if (url == NULL)
        target->refused = g_strdup (_("The server named no address for this item."));
      else if (dav_batch_add_proppatch (batch, url, patches, &error))
        target->sent = sent++;
      else
        target->refused = dav_text_escape (error->message, -1);
    }

  return TRUE;
}

const DavReportItem *
dav_property_sheet_get_report_item (DavPropertySheet *self,
                                    guint             target)
{
  int sent;

  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), NULL);
  g_return_val_if_fail (target < self->targets->len, NULL);

  sent = target_at (self, target)->sent;
  if (self->report == NULL || sent < 0 || (guint) sent >= self->report->items->len)
    return NULL;

  return g_ptr_array_index (self->report->items, sent);
}

/* What the server said about one property of one PROPPATCH: its own
 * propstat, else the status of the request (a 423, a 403 for all). */
static void
outcome_of (const DavReportItem *report_item,
            const char          *refused,
            DavPropertyEntry    *entry,
            guint               *status,
            gboolean            *ok,
            char               **text)
{
  GString *out;

  if (refused != NULL)
    {
      *status = 0;
      *ok = FALSE;
      *text = g_strdup (refused);
      return;
    }

  if (report_item == NULL)
    {
      *status = 0;
      *ok = FALSE;
      *text = g_strdup (_("No answer."));
      return;
    }

  for (guint i = 0; i < report_item->properties->len; i++)
    {
      const DavReportProperty *property = g_ptr_array_index (report_item->properties, i);
      g_autofree char *description = NULL;

      if (g_strcmp0 (property->namespace_uri, entry->namespace_uri) != 0 ||
          g_strcmp0 (property->name, entry->name) != 0)
        continue;

      *status = property->status;
      *ok = property->ok && report_item->outcome == DAV_OUTCOME_DONE;
      description = property->description != NULL ? dav_text_escape (property->description, -1) : NULL;
      *text = description != NULL
        ? g_strdup_printf (_("%s The server says: “%s”"), property->explanation ? property->explanation : "", description)
        : g_strdup (property->explanation);
      return;
    }

  /* The answer did not list it: the request's own outcome is its outcome,
   * with the DAV:error conditions that say why (a lock token missing). */
  *status = report_item->status;
  *ok = report_item->outcome == DAV_OUTCOME_DONE;
  out = g_string_new (report_item->explanation);
  if (report_item->error != NULL)
    {
      g_autofree char *error = dav_text_escape (report_item->error, -1);

      g_string_append_printf (out, " %s", error);
    }
  for (guint i = 0; report_item->conditions != NULL && i < report_item->conditions->len; i++)
    {
      const DavCondition *condition = g_ptr_array_index (report_item->conditions, i);
      DavConditionInfo info;

      if (dav_condition_lookup (condition->namespace_uri, condition->name, &info))
        g_string_append_printf (out, " %s", info.explanation);
      else
        {
          g_autofree char *name = dav_condition_dup_clark_name (condition);
          g_autofree char *shown = dav_text_escape (name, -1);

          g_string_append_printf (out, " (%s)", shown);
        }
    }
  if (report_item->description != NULL)
    {
      g_autofree char *description = dav_text_escape (report_item->description, -1);

      g_string_append_printf (out, _(" The server says: “%s”"), description);
    }
  *text = g_string_free (out, FALSE);
}

void
dav_property_sheet_get_outcome (DavPropertySheet *self,
                                guint             target,
                                DavPropertyEntry *entry,
                                guint            *status,
                                gboolean         *ok,
                                char            **text)
{
  g_return_if_fail (DAV_IS_PROPERTY_SHEET (self));
  g_return_if_fail (target < self->targets->len);
  g_return_if_fail (DAV_IS_PROPERTY_ENTRY (entry));
  g_return_if_fail (status != NULL && ok != NULL && text != NULL);

  outcome_of (dav_property_sheet_get_report_item (self, target),
              target_at (self, target)->refused, entry, status, ok, text);
}

void
dav_property_sheet_end_apply (DavPropertySheet *self,
                              DavReport        *report)
{
  guint n_targets;

  g_return_if_fail (DAV_IS_PROPERTY_SHEET (self));
  g_return_if_fail (report != NULL);

  g_clear_pointer (&self->report, dav_report_unref);
  self->report = dav_report_ref (report);
  n_targets = self->targets->len;

  for (guint c = 0; c < self->applied->len; c++)
    {
      DavPropertyEntry *entry = g_ptr_array_index (self->applied, c);
      gboolean failure_kept = FALSE;
      guint n_ok = 0;

      entry->applied = entry->change;
      g_clear_pointer (&entry->result_text, g_free);
      for (guint t = 0; t < n_targets; t++)
        {
          g_autofree char *text = NULL;
          guint status;
          gboolean ok;

          dav_property_sheet_get_outcome (self, t, entry, &status, &ok, &text);
          if (ok)
            n_ok++;
          /* One item: its own outcome; several: the first failure (a
           * view shows the rest per item). */
          if (t == 0 || (!ok && !failure_kept))
            {
              failure_kept = !ok;
              entry->result_status = status;
              entry->result_ok = ok;
              g_free (entry->result_text);
              entry->result_text = g_steal_pointer (&text);
            }
        }
      entry->result_n_ok = n_ok;
      entry->result_n = n_targets;
      entry->result_ok = n_ok == n_targets;

      /* A change that failed anywhere stays pending, to be fixed or
       * applied again; sending it again where it worked does no harm. */
      entry->refused = !entry->result_ok;
      if (entry->result_ok)
        {
          entry->change = DAV_PROPERTY_CHANGE_NONE;
          entry->sequence = 0;
          g_clear_pointer (&entry->new_value, g_free);
        }
      dav_property_entry_emit_changed (entry);
      update_n_pending (self);
    }
}

GPtrArray *
dav_property_sheet_get_applied (DavPropertySheet *self)
{
  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), NULL);

  return self->applied;
}

guint
dav_property_sheet_get_n_saved (DavPropertySheet *self)
{
  guint n_saved = 0;

  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), 0);

  for (guint t = 0; t < self->targets->len; t++)
    {
      const DavReportItem *report_item = dav_property_sheet_get_report_item (self, t);

      if (report_item != NULL && report_item->outcome == DAV_OUTCOME_DONE)
        n_saved++;
    }

  return n_saved;
}

char *
dav_property_sheet_dup_summary (DavPropertySheet *self)
{
  guint n_targets;
  guint n_saved;
  gboolean per_property = FALSE;

  g_return_val_if_fail (DAV_IS_PROPERTY_SHEET (self), NULL);

  n_targets = self->targets->len;
  n_saved = dav_property_sheet_get_n_saved (self);
  for (guint t = 0; t < n_targets; t++)
    {
      const DavReportItem *report_item = dav_property_sheet_get_report_item (self, t);

      if (report_item != NULL && report_item->properties->len > 0 && report_item->outcome == DAV_OUTCOME_FAILED)
        per_property = TRUE;
    }

  if (n_saved == n_targets)
    return n_targets == 1 ? g_strdup (_("Saved"))
                          : g_strdup_printf (_("Saved on all %u items"), n_targets);
  if (n_targets == 1 && per_property)
    return g_strdup (_("Nothing was saved: a property change is all-or-nothing (RFC 4918 §9.2): one change was refused, so the others were not made either. The changes stay below, to fix and apply again."));
  if (n_targets == 1)
    {
      const DavReportItem *report_item = dav_property_sheet_get_report_item (self, 0);
      const char *why = target_at (self, 0)->refused;

      if (why == NULL && report_item != NULL)
        why = report_item->explanation;
      return g_strdup_printf (_("Nothing was saved: %s"), why ? why : _("no answer"));
    }
  if (n_saved == 0)
    return g_strdup_printf (_("Nothing was saved on any of the %u items: a property change is all-or-nothing (RFC 4918 §9.2), so one refused change stops the others on the same item. The grid shows each one."),
                            n_targets);

  return g_strdup_printf (_("Saved on %u of %u items. On the others nothing was saved: a property change is all-or-nothing (RFC 4918 §9.2), so one refused change stops the others on the same item. The grid shows each one."),
                          n_saved, n_targets);
}
