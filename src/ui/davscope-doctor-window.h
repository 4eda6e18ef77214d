/* davscope-doctor-window.h: Check Server, the doctor's window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dav-client.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_DOCTOR_WINDOW (davscope_doctor_window_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeDoctorWindow, davscope_doctor_window, DAVSCOPE, DOCTOR_WINDOW, AdwWindow)

/* Opens the window for @url (NULL or empty: it asks for one), to run
 * with @user and @password when the server asks for a login (both may
 * be NULL). @client, when given, is the one of the folder shown: the
 * checks of @url go its way (its proxy, client certificate and the
 * server certificate accepted for it, once or always); otherwise a
 * saved server's settings and a remembered certificate are used.
 * Nothing is sent before the person presses Check. */
DavscopeDoctorWindow *davscope_doctor_window_show (GtkWindow  *parent,
                                                   const char *url,
                                                   const char *user,
                                                   const char *password,
                                                   DavClient  *client);

G_END_DECLS
