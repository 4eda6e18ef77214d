/* dav-property-entry.c: one property of a DavPropertySheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record with a "changed" signal: its constructor, its getters and the
 * few questions asked of it. The sheet fills in the fields through
 * dav-property-entry-private.h.
 */

#include "dav-property-entry-private.h"

#include "dav-prop-patch.h"
#include "dav-property.h"
#include "dav-text.h"

G_DEFINE_FINAL_TYPE (DavPropertyEntry, dav_property_entry, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
dav_property_entry_finalize (GObject *object)
{
  DavPropertyEntry *self = DAV_PROPERTY_ENTRY (object);

  g_free (self->namespace_uri);
  g_free (self->name);
  g_free (self->key);
  g_free (self->value);
  g_clear_pointer (&self->response, dav_response_unref);
  g_free (self->new_value);
  g_free (self->invalid);
  g_free (self->result_text);

  G_OBJECT_CLASS (dav_property_entry_parent_class)->finalize (object);
}

static void
dav_property_entry_class_init (DavPropertyEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dav_property_entry_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dav_property_entry_init (DavPropertyEntry *self)
{
}

DavPropertyEntry *
dav_property_entry_new (const char *namespace_uri,
                        const char *name,
                        guint       order)
{
  DavPropertyEntry *self = g_object_new (DAV_TYPE_PROPERTY_ENTRY, NULL);

  self->namespace_uri = g_strdup (namespace_uri ? namespace_uri : "");
  self->name = g_strdup (name);
  self->key = g_strdup_printf ("{%s}%s", self->namespace_uri, self->name);
  self->live = dav_property_is_live (self->namespace_uri, self->name);
  self->protected_ = dav_property_is_protected (self->namespace_uri, self->name);
  self->order = order;

  return self;
}

void
dav_property_entry_emit_changed (DavPropertyEntry *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

void
dav_property_entry_clear_server (DavPropertyEntry *self)
{
  self->seen = FALSE;
  self->n_present = 0;
  self->mixed = FALSE;
  self->status = 0;
  self->exchange_id = 0;
  g_clear_pointer (&self->response, dav_response_unref);
  g_clear_pointer (&self->value, g_free);
}

void
dav_property_entry_validate (DavPropertyEntry *self)
{
  g_autoptr(GError) error = NULL;
  DavPropPatch *patch;

  g_clear_pointer (&self->invalid, g_free);
  if (self->change != DAV_PROPERTY_CHANGE_SET)
    return;

  patch = dav_prop_patch_new_set (self->namespace_uri, self->name, self->new_value, self->new_is_xml);
  if (!dav_prop_patch_validate (patch, &error))
    self->invalid = g_strdup (error->message);
  dav_prop_patch_free (patch);
}

/* Whether a value can go into an editor as it is: nothing in it that a
 * label would have escaped, apart from line breaks and tabs. */
static gboolean
is_safe_to_edit (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t' || c == '\r')
        continue;
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || dav_text_is_format_char (c))
        return FALSE;
    }

  return TRUE;
}

char *
dav_property_entry_dup_editable_value (DavPropertyEntry *self,
                                       gboolean         *escaped)
{
  g_return_val_if_fail (DAV_IS_PROPERTY_ENTRY (self), NULL);
  g_return_val_if_fail (escaped != NULL, NULL);

  *escaped = FALSE;

  if (self->n_present == 0 || self->mixed)
    return NULL;
  if (self->value == NULL)
    return g_strdup ("");
  if (is_safe_to_edit (self->value))
    return g_strdup (self->value);

  *escaped = TRUE;
  return dav_text_escape (self->value, -1);
}

/* Rows of removed properties and of changes made with the form stay
 * while something is pending or there is an outcome to show. */
gboolean
dav_property_entry_is_kept (DavPropertyEntry *self)
{
  g_return_val_if_fail (DAV_IS_PROPERTY_ENTRY (self), FALSE);

  return self->seen
         || self->change != DAV_PROPERTY_CHANGE_NONE
         || self->applied != DAV_PROPERTY_CHANGE_NONE;
}

#define GETTER(type, field, getter)                                   \
  type                                                                \
  dav_property_entry_##getter (DavPropertyEntry *self)                \
  {                                                                   \
    g_return_val_if_fail (DAV_IS_PROPERTY_ENTRY (self), (type) 0);    \
    return self->field;                                               \
  }

GETTER (const char *, namespace_uri, get_namespace_uri)
GETTER (const char *, name, get_name)
GETTER (const char *, key, get_key)
GETTER (gboolean, live, is_live)
GETTER (gboolean, protected_, is_protected)
GETTER (gboolean, seen, is_seen)
GETTER (guint, n_present, get_n_present)
GETTER (const char *, value, get_value)
GETTER (gboolean, is_xml, get_value_is_xml)
GETTER (gboolean, mixed, is_mixed)
GETTER (guint, status, get_status)
GETTER (DavResponse *, response, get_response)
GETTER (guint64, exchange_id, get_exchange_id)
GETTER (DavPropertyChange, change, get_change)
GETTER (const char *, new_value, get_new_value)
GETTER (gboolean, new_is_xml, get_new_value_is_xml)
GETTER (const char *, invalid, get_invalid)
GETTER (gboolean, added, is_added)
GETTER (DavPropertyChange, applied, get_applied)
GETTER (guint, result_status, get_result_status)
GETTER (gboolean, result_ok, get_result_ok)
GETTER (guint, result_n_ok, get_result_n_ok)
GETTER (guint, result_n, get_result_n)
GETTER (const char *, result_text, get_result_text)
GETTER (gboolean, refused, is_change_refused)
