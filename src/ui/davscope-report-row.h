/* davscope-report-row.h: one line of a bulk operation's report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row of the report window's tree: an item of a DavReport, or, as its
 * children, a member of that item's 207 body or a property of its
 * PROPPATCH. Immutable once built; every string is escaped, ready for a
 * plain label.
 */

#pragma once

#include <gio/gio.h>

#include "dav-report.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_REPORT_ROW (davscope_report_row_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeReportRow, davscope_report_row, DAVSCOPE, REPORT_ROW, GObject)

/* @refused: the batch would not take this URL; its explanation says why. */
DavscopeReportRow *davscope_report_row_new             (const DavReportItem *item,
                                                        gboolean             refused);

const char        *davscope_report_row_get_icon_name   (DavscopeReportRow   *self);
/* "success", "error" or "warning" */
const char        *davscope_report_row_get_css_class   (DavscopeReportRow   *self);
const char        *davscope_report_row_get_title       (DavscopeReportRow   *self);
const char        *davscope_report_row_get_subtitle    (DavscopeReportRow   *self);
const char        *davscope_report_row_get_status      (DavscopeReportRow   *self);
const char        *davscope_report_row_get_explanation (DavscopeReportRow   *self);
const char        *davscope_report_row_get_notes       (DavscopeReportRow   *self);
const char        *davscope_report_row_get_tooltip     (DavscopeReportRow   *self);
/* The item's request and answer in the exchange log; 0 for members and
 * properties, and for a refused item. */
guint64            davscope_report_row_get_exchange_id (DavscopeReportRow   *self);
/* (transfer none): the members and properties, or NULL when none. */
GListModel        *davscope_report_row_get_children    (DavscopeReportRow   *self);

G_END_DECLS
