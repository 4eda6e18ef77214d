/* dav-doctor-read.c: the doctor's read checks (placeholders)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>

#include "dav-doctor-private.h"

void
dav_doctor_check_connection (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_redirects (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_auth (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_options (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_propfind_depth0 (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_propfind_depth1 (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_propfind_propname (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_propfind_named (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_propfind_infinity (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_propfind_invalid (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_property_values (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_get_head (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}
