/* dav-property-entry.h: one property of a DavPropertySheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the property editor knows of one property name ("{ns}name") of
 * the items it shows: what the server last said about it (merged over
 * every item), what the person wants done to it, and what the last Apply
 * did. Only the sheet changes an entry; it emits "changed" when a view
 * of the entry should show it again.
 */

#pragma once

#include <glib-object.h>

#include "dav-response.h"

G_BEGIN_DECLS

typedef enum {
  DAV_PROPERTY_CHANGE_NONE,
  DAV_PROPERTY_CHANGE_SET,
  DAV_PROPERTY_CHANGE_REMOVE,
} DavPropertyChange;

#define DAV_TYPE_PROPERTY_ENTRY (dav_property_entry_get_type ())

G_DECLARE_FINAL_TYPE (DavPropertyEntry, dav_property_entry, DAV, PROPERTY_ENTRY, GObject)

const char        *dav_property_entry_get_namespace_uri   (DavPropertyEntry *self);
const char        *dav_property_entry_get_name            (DavPropertyEntry *self);
/* "{ns}name" */
const char        *dav_property_entry_get_key             (DavPropertyEntry *self);
/* A DAV: property the server keeps, and one it computes (never settable). */
gboolean           dav_property_entry_is_live             (DavPropertyEntry *self);
gboolean           dav_property_entry_is_protected        (DavPropertyEntry *self);

/* What the server said, in the last reading of every item. */
gboolean           dav_property_entry_is_seen             (DavPropertyEntry *self);
/* How many items have it (a 2xx propstat). */
guint              dav_property_entry_get_n_present       (DavPropertyEntry *self);
/* The value on the first item that has it; NULL: empty or none. */
const char        *dav_property_entry_get_value           (DavPropertyEntry *self);
gboolean           dav_property_entry_get_value_is_xml    (DavPropertyEntry *self);
/* Several items have it, and their values differ. */
gboolean           dav_property_entry_is_mixed            (DavPropertyEntry *self);
/* The propstat status; the worst one over several items. */
guint              dav_property_entry_get_status          (DavPropertyEntry *self);
/* Where that status was read: the response about the item (for its
 * description, conditions and problems) and the exchange it came in, 0
 * when it is not known (a listing's, or an exchange log that was off). */
DavResponse       *dav_property_entry_get_response        (DavPropertyEntry *self);
guint64            dav_property_entry_get_exchange_id     (DavPropertyEntry *self);
/* The text an editor starts from: the value as it is, or escaped (then
 * @escaped) when it holds characters that could hide or disguise text;
 * NULL when there is no single value (no item has it, or they differ). */
char              *dav_property_entry_dup_editable_value  (DavPropertyEntry *self,
                                                           gboolean         *escaped);

/* What the person wants. */
DavPropertyChange  dav_property_entry_get_change          (DavPropertyEntry *self);
/* For DAV_PROPERTY_CHANGE_SET: the new value, as typed. */
const char        *dav_property_entry_get_new_value       (DavPropertyEntry *self);
gboolean           dav_property_entry_get_new_value_is_xml (DavPropertyEntry *self);
/* Why the change cannot be sent as it is, or NULL. */
const char        *dav_property_entry_get_invalid         (DavPropertyEntry *self);
/* Added by the person, not read from the server. */
gboolean           dav_property_entry_is_added            (DavPropertyEntry *self);

/* The last Apply: what was sent (DAV_PROPERTY_CHANGE_NONE: not part of
 * it), the status of the first item or of the first failure (0: none),
 * whether every item took it, on how many of how many, and why. */
DavPropertyChange  dav_property_entry_get_applied         (DavPropertyEntry *self);
guint              dav_property_entry_get_result_status   (DavPropertyEntry *self);
gboolean           dav_property_entry_get_result_ok       (DavPropertyEntry *self);
guint              dav_property_entry_get_result_n_ok     (DavPropertyEntry *self);
guint              dav_property_entry_get_result_n        (DavPropertyEntry *self);
const char        *dav_property_entry_get_result_text     (DavPropertyEntry *self);
/* The pending change is the one the last Apply sent, as it was sent, and
 * it was not saved on every item: it was refused (or had no answer), not
 * "not sent yet". Editing the change makes it unsent again. */
gboolean           dav_property_entry_is_change_refused   (DavPropertyEntry *self);

/* Listed: the server has it, or a change is pending, or there is an
 * outcome to show. */
gboolean           dav_property_entry_is_kept             (DavPropertyEntry *self);

G_END_DECLS
