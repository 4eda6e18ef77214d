/* dav-doctor-faults.c: the catalogue of server faults (placeholder)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stand-in until the catalogue is written: every id is known, as a
 * warning without words.
 */

#include "dav-doctor-faults.h"

#include <glib/gi18n-lib.h>

static const DavDoctorFault placeholder[] = {
  { "placeholder", DAV_DOCTOR_WARNING, NULL, "Placeholder", "Placeholder", NULL },
  { NULL }
};

const DavDoctorFault *
dav_doctor_fault_lookup (const char *id)
{
  return id != NULL ? &placeholder[0] : NULL;
}

const DavDoctorFault *
dav_doctor_fault_get_all (void)
{
  return placeholder;
}

const char *
dav_client_app_get_name (DavClientApp client)
{
  return dav_client_app_to_string (client);
}

const char *
dav_client_app_to_string (DavClientApp client)
{
  static const char *names[] = { "gvfs", "kio", "finder", "windows", "rclone", "davfs2", "cyberduck" };

  g_return_val_if_fail (client < DAV_N_CLIENTS, NULL);
  return names[client];
}

const char *
dav_client_effect_get_label (DavClientEffect effect)
{
  return dav_client_effect_to_string (effect);
}

const char *
dav_client_effect_to_string (DavClientEffect effect)
{
  static const char *names[] = { "unknown", "n/a", "copes", "degrades", "breaks" };

  return names[effect];
}

char *
dav_doctor_fault_dup_clients_line (const DavDoctorFault *fault)
{
  return g_strdup ("");
}

const char *
dav_doctor_severity_to_string (DavDoctorSeverity severity)
{
  static const char *names[] = { "info", "warning", "error" };

  return names[severity];
}

const char *
dav_doctor_severity_get_label (DavDoctorSeverity severity)
{
  return dav_doctor_severity_to_string (severity);
}
