/* davscope-doctor-finding.h: one finding of Check Server, as widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dav-doctor.h"
#include "davscope-ui-util.h"

G_BEGIN_DECLS

/* What a check's row shows of @finding when opened. */
GtkWidget   *davscope_doctor_finding_new (DavDoctorFinding *finding);

/* A state or a severity as the browser's badges show one, with a word:
 * an icon (a spinner while @busy), @text, in the colour of @css_class
 * ("error", "warning", "accent", "success", "dim-label" or NULL). */
GtkWidget   *davscope_doctor_badge_new   (void);
void         davscope_doctor_badge_set   (GtkWidget  *badge,
                                          const char *icon_name,
                                          const char *text,
                                          const char *css_class,
                                          gboolean    busy);
/* A DavDoctorSeverity (-1: none) as the severity the badges know. */
DavSeverity  davscope_doctor_severity    (int         severity);

G_END_DECLS
