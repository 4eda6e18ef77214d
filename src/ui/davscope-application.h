/* davscope-application.h: the Davscope AdwApplication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_APPLICATION (davscope_application_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeApplication, davscope_application, DAVSCOPE, APPLICATION, AdwApplication)

DavscopeApplication *davscope_application_new (void);

G_END_DECLS
