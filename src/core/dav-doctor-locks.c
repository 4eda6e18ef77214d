/* dav-doctor-locks.c: the doctor's locks checks (placeholders)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n-lib.h>

#include "dav-doctor-private.h"

void
dav_doctor_check_lock (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_lock_enforced (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_lock_member (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_lock_shared (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}

void
dav_doctor_check_lock_unmapped (DavDoctorRun *run)
{
  dav_doctor_skip (run, "%s", "Not written yet.");
}
