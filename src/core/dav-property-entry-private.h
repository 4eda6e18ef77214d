/* dav-property-entry-private.h: what only the property sheet does to an entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fields of a DavPropertyEntry, shared by dav-property-entry.c and
 * dav-property-sheet.c: the sheet merges readings into them, records the
 * person's changes and the outcome of an Apply. Everyone else reads them
 * through dav-property-entry.h.
 */

#pragma once

#include "dav-property-entry.h"
#include "dav-response.h"

G_BEGIN_DECLS

struct _DavPropertyEntry
{
  GObject            parent_instance;

  char              *namespace_uri;
  char              *name;
  char              *key;            /* "{ns}name" */
  gboolean           live;
  gboolean           protected_;
  guint              order;          /* when it was first seen: its place in the list */

  /* What the server said, from the last reading of every item. */
  gboolean           seen;           /* in the last reading at all, whatever the status */
  guint              n_present;
  char              *value;
  gboolean           is_xml;
  gboolean           mixed;
  guint              status;
  DavResponse       *response;       /* the answer that status is from, or NULL */
  guint64            exchange_id;    /* its exchange (0: not known, a listing's) */

  /* What the person wants. */
  DavPropertyChange  change;
  char              *new_value;
  gboolean           new_is_xml;
  guint64            sequence;       /* when the change was made: the PROPPATCH order */
  char              *invalid;
  gboolean           added;

  /* The last Apply. */
  DavPropertyChange  applied;
  guint              result_status;
  gboolean           result_ok;
  guint              result_n_ok;
  guint              result_n;
  char              *result_text;
  gboolean           refused;        /* the pending change is what it sent, not saved everywhere */
};

DavPropertyEntry *dav_property_entry_new          (const char       *namespace_uri,
                                                   const char       *name,
                                                   guint             order);
void              dav_property_entry_emit_changed (DavPropertyEntry *self);
/* Forgets what the server said (before a new reading is merged in). */
void              dav_property_entry_clear_server (DavPropertyEntry *self);
/* Checks the pending change as the request will need it (sets invalid). */
void              dav_property_entry_validate     (DavPropertyEntry *self);

G_END_DECLS
