/* dav-doctor-faults.h: the catalogue of server faults the doctor can find
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One entry per fault: a stable id (the ids of docs/clients.md, and more
 * for faults no client study covers), its severity, the RFC section it
 * breaks, a title and an explanation in plain words; and for each of the
 * seven clients of docs/clients.md what the fault does to it, with the
 * evidence (the client's source, a public report or documentation).
 */

#pragma once

#include "dav-doctor.h"

G_BEGIN_DECLS

typedef enum {
  DAV_CLIENT_GVFS,       /* GNOME Files */
  DAV_CLIENT_KIO,        /* KDE Dolphin */
  DAV_CLIENT_FINDER,     /* macOS Finder (webdavfs) */
  DAV_CLIENT_WINDOWS,    /* Windows Explorer's WebDAV redirector */
  DAV_CLIENT_RCLONE,
  DAV_CLIENT_DAVFS2,
  DAV_CLIENT_CYBERDUCK,
  DAV_N_CLIENTS
} DavClientApp;

typedef enum {
  DAV_CLIENT_EFFECT_UNKNOWN,   /* no evidence either way */
  DAV_CLIENT_EFFECT_NA,        /* never sends the request */
  DAV_CLIENT_EFFECT_COPES,
  DAV_CLIENT_EFFECT_DEGRADES,
  DAV_CLIENT_EFFECT_BREAKS,
} DavClientEffect;

typedef struct {
  DavClientApp     client;
  DavClientEffect  effect;
  const char      *what;       /* N_(): what happens, one sentence */
  const char      *evidence;   /* untranslated: "S gvfsbackenddav.c:1234 ms_response_to_file_info",
                                * "R https://...", "D https://..." */
} DavClientImpact;

typedef struct {
  const char            *id;
  DavDoctorSeverity      severity;
  const char            *rfc;          /* "RFC 4918 §9.1", or NULL */
  const char            *title;        /* N_(): "PROPFIND answered 200, not 207" */
  const char            *explanation;  /* N_(): why it matters, two or three sentences */
  const DavClientImpact *impacts;      /* terminated by { DAV_N_CLIENTS }; may be NULL */
} DavDoctorFault;

/* NULL for an unknown id. */
const DavDoctorFault *dav_doctor_fault_lookup        (const char     *id);
/* Every fault, terminated by an entry with a NULL id. */
const DavDoctorFault *dav_doctor_fault_get_all       (void);
/* Translated: "GNOME Files", "KDE Dolphin", "macOS Finder", ... */
const char           *dav_client_app_get_name        (DavClientApp    client);
/* "gvfs" ... for JSON */
const char           *dav_client_app_to_string       (DavClientApp    client);
/* Translated: "breaks", "degrades", "copes", "not affected", "unknown";
 * and untranslated for JSON. */
const char           *dav_client_effect_get_label    (DavClientEffect effect);
const char           *dav_client_effect_to_string    (DavClientEffect effect);
/* Translated one line for people: "Breaks GNOME Files and rclone;
 * degrades KDE Dolphin." or "No known client depends on it."; the
 * caller frees it. */
char                 *dav_doctor_fault_dup_clients_line (const DavDoctorFault *fault);

G_END_DECLS
