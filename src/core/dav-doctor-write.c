/* dav-doctor-write.c: the doctor's write checks (placeholders)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>

#include "dav-doctor-private.h"

void
dav_doctor_check_mkcol (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_put_get (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_conditional_put (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_expect_continue (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_proppatch (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_proppatch_namespaces (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_proppatch_atomic (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_copy (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_move (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_delete (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}
