/* dav-property-sheet.h: the properties of one or several items, and the changes to them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model behind the property editor, without GTK. A sheet is made for
 * a few DavResources (its targets) and holds one DavPropertyEntry per
 * property name, as a GListModel in the order they are shown: dead
 * properties first, each group in the order the server first listed them,
 * those the person added at the end of their group.
 *
 * It merges what the server said (each target's listing and its allprop
 * reading), records what the person wants (set, remove, in the order
 * asked), builds one PROPPATCH per target with the changes in that order
 * (RFC 4918 §9.2), and takes back the report of that batch to give each
 * property its outcome. Entries live as long as the sheet, so a new
 * reading keeps pending changes and the last outcome next to fresh
 * values.
 */

#pragma once

#include <gio/gio.h>

#include "dav-batch.h"
#include "dav-property-entry.h"
#include "dav-report.h"
#include "dav-resource.h"
#include "dav-response.h"

G_BEGIN_DECLS

/* What the add form holds (the draft): a property being typed. */
typedef enum {
  DAV_PROPERTY_DRAFT_EMPTY,       /* nothing typed; a namespace alone is the form's default */
  DAV_PROPERTY_DRAFT_INCOMPLETE,  /* something is missing; the message says what */
  DAV_PROPERTY_DRAFT_INVALID,     /* it cannot be sent as it is; the message says why */
  DAV_PROPERTY_DRAFT_READY,       /* a pending change: counted, and sent by Apply */
} DavPropertyDraftState;

/* The field a draft's message is about. */
typedef enum {
  DAV_PROPERTY_DRAFT_FIELD_NONE,
  DAV_PROPERTY_DRAFT_FIELD_NAME,
  DAV_PROPERTY_DRAFT_FIELD_NAMESPACE,
  DAV_PROPERTY_DRAFT_FIELD_VALUE,
} DavPropertyDraftField;

#define DAV_TYPE_PROPERTY_SHEET (dav_property_sheet_get_type ())

G_DECLARE_FINAL_TYPE (DavPropertySheet, dav_property_sheet, DAV, PROPERTY_SHEET, GObject)

/* @resources: DavResource*, at least one; their listings are read again
 * at every merge (a refreshed folder updates them in place). */
DavPropertySheet  *dav_property_sheet_new              (GPtrArray         *resources);
guint              dav_property_sheet_get_n_targets    (DavPropertySheet  *self);
DavResource       *dav_property_sheet_get_target       (DavPropertySheet  *self,
                                                        guint              target);

/* Reading what the server has. */
/* The allprop reading of @target, and the exchange it came in (0: not
 * known); it replaces the one before. Each entry keeps the response and
 * exchange its status was read from (dav_property_entry_get_exchange_id). */
void               dav_property_sheet_set_reading      (DavPropertySheet  *self,
                                                        guint              target,
                                                        DavResponse       *reading,
                                                        guint64            exchange_id);
/* Builds the list again from the readings: each target's reading, then
 * what its listing said that the reading did not (a 404 for a property
 * allprop does not name). Pending changes and outcomes stay; entries
 * with neither that the server no longer has go. */
void               dav_property_sheet_merge            (DavPropertySheet  *self);
/* The names a reading of @target should report: every entry's (one just
 * saved among them) and its listing's, "{ns}name", for servers that leave
 * dead properties out of allprop (sabre/dav 1.8). */
GStrv              dav_property_sheet_dup_expected_names (DavPropertySheet *self,
                                                        guint              target);
DavPropertyEntry  *dav_property_sheet_lookup           (DavPropertySheet  *self,
                                                        const char        *namespace_uri,
                                                        const char        *name);

/* What the person wants. */
/* How many entries have a change pending (property "n-pending"). */
guint              dav_property_sheet_get_n_pending    (DavPropertySheet  *self);
/* How many of them the last Apply sent as they are and did not save on
 * every item (dav_property_entry_is_change_refused): the others were
 * never sent. */
guint              dav_property_sheet_get_n_refused    (DavPropertySheet  *self);
/* A change keeps its place in the order when it is only edited again;
 * DAV_PROPERTY_CHANGE_NONE forgets it. */
void               dav_property_sheet_set_change       (DavPropertySheet  *self,
                                                        DavPropertyEntry  *entry,
                                                        DavPropertyChange  change,
                                                        const char        *value,
                                                        gboolean           is_xml);
/* What an editor of @entry holds becomes its pending change, or none when
 * it is what the server has. Nothing happens to a pending removal. */
void               dav_property_sheet_edit             (DavPropertySheet  *self,
                                                        DavPropertyEntry  *entry,
                                                        const char        *text,
                                                        gboolean           is_xml);
/* Forgets the change to @entry; one the person added goes with it.
 * Returns whether @entry is still listed. */
gboolean           dav_property_sheet_undo             (DavPropertySheet  *self,
                                                        DavPropertyEntry  *entry);
/* A property to set, from the form: an entry already listed gets the
 * change, a new one is added at the end of its group. The name and value
 * are checked by the caller (dav_prop_patch_validate). Returns: (transfer
 * none) its entry. */
DavPropertyEntry  *dav_property_sheet_add              (DavPropertySheet  *self,
                                                        const char        *namespace_uri,
                                                        const char        *name,
                                                        const char        *value,
                                                        gboolean           is_xml);

/* The add form. What it holds is checked as it is typed: the name must
 * be an XML name (NCName), the namespace a URI, and not DAV: unless the
 * name is one WebDAV defines; the value is needed, and well-formed when
 * it is XML. A ready draft counts in "n-pending" and Apply sends it, as
 * the last change, after adding it to the list. Whitespace around the
 * name and namespace is not part of them. */
void               dav_property_sheet_set_draft        (DavPropertySheet  *self,
                                                        const char        *namespace_uri,
                                                        const char        *name,
                                                        const char        *value,
                                                        gboolean           is_xml);
/* Its state, the field the message is about, whether the message is a
 * warning (a ready draft the server will refuse), and the message, ready
 * to show, or NULL (an empty draft). */
DavPropertyDraftState dav_property_sheet_get_draft     (DavPropertySheet  *self,
                                                        DavPropertyDraftField *field,
                                                        gboolean          *warning,
                                                        const char       **message);
/* The add form's checks of a name and a namespace alone (whitespace
 * already trimmed): READY, or what is wrong, with the field it is about
 * and @message to show (then not NULL; free it). */
DavPropertyDraftState dav_property_sheet_check_name    (const char        *namespace_uri,
                                                        const char        *name,
                                                        DavPropertyDraftField *field,
                                                        char             **message);
/* Adds the draft to the changes (as dav_property_sheet_add) and forgets
 * it: a ready one, or one that lacks only its value (added empty, since
 * the person asked). Returns: (transfer none) its entry, or NULL when it
 * cannot be added (dav_property_sheet_get_draft says why). */
DavPropertyEntry  *dav_property_sheet_take_draft       (DavPropertySheet  *self);

/* Applying. */
/* The PROPPATCH instructions (DavPropPatch*) of the pending changes listed
 * (not the draft), in the order they were made. NULL when nothing is pending, or when a change
 * cannot be sent as it is: then @invalid is the first such entry, in that
 * order, with its reason, and it emitted "changed". */
GPtrArray         *dav_property_sheet_dup_patches      (DavPropertySheet  *self,
                                                        DavPropertyEntry **invalid);
/* Adds a ready draft to the changes, then one PROPPATCH per target to
 * @batch, and forgets the outcome of the last Apply. A target without an
 * address, or one @batch refuses, is not sent; its reason becomes its
 * outcome. FALSE, with nothing done, when a listed change is invalid
 * (then the draft stays) or nothing is pending. */
gboolean           dav_property_sheet_begin_apply      (DavPropertySheet  *self,
                                                        DavBatch          *batch,
                                                        DavPropertyEntry **invalid);
/* Takes the report of that batch: every entry sent gets its outcome; a
 * change that every target took is no longer pending. */
void               dav_property_sheet_end_apply        (DavPropertySheet  *self,
                                                        DavReport         *report);
/* DavPropertyEntry*: what the last Apply sent, in the order sent. */
GPtrArray         *dav_property_sheet_get_applied      (DavPropertySheet  *self);
/* The report item of @target in the last Apply, or NULL (not sent, or no
 * report yet). */
const DavReportItem *dav_property_sheet_get_report_item (DavPropertySheet *self,
                                                        guint              target);
/* What the server said about @entry on @target in the last Apply: the
 * status of its own propstat, else of the request (0: none), whether it
 * was saved, and why, ready to show. */
void               dav_property_sheet_get_outcome      (DavPropertySheet  *self,
                                                        guint              target,
                                                        DavPropertyEntry  *entry,
                                                        guint             *status,
                                                        gboolean          *ok,
                                                        char             **text);
/* On how many targets the last Apply was done. */
guint              dav_property_sheet_get_n_saved      (DavPropertySheet  *self);
/* One sentence on the last Apply, ready to show. */
char              *dav_property_sheet_dup_summary      (DavPropertySheet  *self);

G_END_DECLS
