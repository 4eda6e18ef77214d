/* davscope-property-item-private.h: the fields of a DavscopePropertyItem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The instance struct, shared by davscope-property-item.c and the property
 * editor, which reads and writes these fields all through its merging,
 * editing and Apply code: an item is the editor's record of one property,
 * and accessors for each of some twenty fields would only restate them.
 */

#pragma once

#include "davscope-property-item.h"

G_BEGIN_DECLS

typedef enum {
  DAVSCOPE_PROPERTY_CHANGE_NONE,
  DAVSCOPE_PROPERTY_CHANGE_SET,
  DAVSCOPE_PROPERTY_CHANGE_REMOVE,
} DavscopePropertyChange;

struct _DavscopePropertyItem
{
  GObject                 parent_instance;

  char                   *namespace_uri;
  char                   *name;
  char                   *key;            /* "{ns}name" */
  gboolean                live;
  gboolean                protected_;
  guint                   order;          /* when it was first seen: the order on screen */

  /* What the server said, from the last reading of every item. */
  gboolean                seen;           /* in the last reading at all, whatever the status */
  guint                   n_present;      /* items that have it (a 2xx propstat) */
  char                   *value;          /* the value of the first such item; NULL: empty */
  gboolean                is_xml;
  gboolean                mixed;          /* several items, and their values differ */
  guint                   status;         /* the propstat status; the worst when several */

  /* What the person wants. */
  DavscopePropertyChange  change;
  char                   *new_value;      /* for DAVSCOPE_PROPERTY_CHANGE_SET, as typed */
  gboolean                new_is_xml;
  guint64                 sequence;       /* when the change was made: the PROPPATCH order */
  char                   *invalid;        /* why the change cannot be sent, or NULL */
  gboolean                added;          /* added with the form, not read from the server */
  gboolean                expanded;       /* its editor is open */

  /* The last Apply. */
  DavscopePropertyChange  applied;        /* what was sent; DAVSCOPE_PROPERTY_CHANGE_NONE: not part of it */
  guint                   result_status;  /* 0: no status (no answer, not sent) */
  gboolean                result_ok;
  guint                   result_n_ok;    /* with several items: how many took it */
  guint                   result_n;
  char                   *result_text;    /* explanation, ready to show */
};

G_END_DECLS
