/* dav-doctor-locks.c: the doctor's lock checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Locks (RFC 4918 §6, §7, §9.10, §9.11) are what macOS Finder, Windows
 * and davfs2 take before they write, and all that keeps two of them from
 * overwriting each other's work. Each check works on files of its own in
 * the scratch folder, asks for a short timeout (a lock the end cannot
 * remove soon expires) and tells the runner about every lock and every
 * file it makes, so that the end UNLOCKs and removes them after a
 * failure or a Cancel too. Which clients each fault breaks:
 * docs/clients.md, "Locks".
 */

#include <glib/gi18n-lib.h>

#include "dav-doctor-private.h"
#include "dav-lock.h"
#include "dav-request-body-private.h"
#include "dav-response.h"

#define LOCK_TIMEOUT "Second-600"
#define XML_TYPE     "application/xml; charset=utf-8"
#define FILE_TEXT    "Written by Davscope's server check.\n"

static const char lock_props_body[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:lockdiscovery/><D:supportedlock/></D:prop></D:propfind>\n";

/* ---- helpers -------------------------------------------------------------- */

/* A 2xx that is not a 207: a 207 to LOCK, PUT or DELETE lists failures. */
static gboolean
succeeded (DavResult *r)
{
  return r->status >= 200 && r->status < 300 && r->status != 207;
}

/* A request of the check got no answer at all: a finding of @fault,
 * unless the person cancelled. */
static void
no_answer (DavDoctorRun *run,
           const char   *fault,
           const char   *method,
           const char   *url,
           const char   *expected,
           const GError *error)
{
  if (!dav_doctor_cancelled (run))
    dav_doctor_report_error (run, fault, method, url, expected, error);
}

/* Whether the server offers locks at all; skips the check (saying why)
 * when not. A server without class 2 breaks no rule (RFC 4918 §18.2);
 * what that does to clients is the OPTIONS check's finding. */
static gboolean
locks_offered (DavDoctorRun *run)
{
  if (run->class2)
    return TRUE;

  if (run->dav_header == NULL)
    dav_doctor_skip (run, "%s", _("OPTIONS did not say whether the server offers locks (no DAV header): see Capabilities."));
  else
    /* Translators: %s is the server's DAV header, e.g. "1". */
    dav_doctor_skip (run, _("The server does not offer locks: its DAV header “%s” has no class 2. What that means for clients: see Capabilities."),
                     run->dav_header);
  return FALSE;
}

/* PUTs a short text file at @url; FALSE (and the check skipped) when the
 * server would not. Writing files is the PUT check's question. */
static gboolean
make_file (DavDoctorRun *run,
           const char   *url)
{
  g_autoptr(DavResult) r = NULL;
  g_autoptr(GError) error = NULL;

  dav_doctor_created (run, url);
  r = dav_doctor_send (run, "PUT", url, NULL, FILE_TEXT, "text/plain", &error);
  if (r != NULL && succeeded (r))
    return TRUE;

  if (dav_doctor_cancelled (run))
    return FALSE;
  if (r == NULL)
    dav_doctor_skip (run, _("Could not write a file to lock: %s"), error->message);
  else
    /* Translators: the status the server answered, e.g. "403 Forbidden". */
    dav_doctor_skip (run, _("Could not write a file to lock: PUT answered %u %s."), r->status, dav_doctor_reason (r));
  return FALSE;
}

/* Whether @url is there: a PROPFIND Depth 0 that does not answer 404.
 * Unsure (no answer) counts as there: the findings that use it say
 * something was deleted, and must be sure. */
static gboolean
exists (DavDoctorRun *run,
        const char   *url)
{
  g_autoptr(DavResult) r = NULL;
  g_autoptr(GError) error = NULL;

  r = dav_doctor_send (run, "PROPFIND", url, (const char *[]) { "Depth", "0", NULL },
                       NULL, NULL, &error);
  return r == NULL || (r->status != 404 && r->status != 410);
}

/* The activelocks of @r's DAV:lockdiscovery: the one response of a LOCK
 * answer (a DAV:prop body), or that of @url in a 207. NULL when there
 * is no lockdiscovery at all. */
static GPtrArray *
discovered_locks (DavResult  *r,
                  const char *url)
{
  DavResponse *response = NULL;
  const DavProperty *discovery;

  if (r->body == NULL)
    return NULL;

  if (r->body->is_prop_body)
    response = r->body->responses->len > 0 ? g_ptr_array_index (r->body->responses, 0) : NULL;
  else
    response = dav_multistatus_find_response (r->body, url);
  if (response == NULL)
    return NULL;

  discovery = dav_response_find_property (response, "DAV:", "lockdiscovery");
  if (discovery == NULL)
    return NULL;

  return dav_lock_list_from_response (response);
}

static DavLock *
find_lock (GPtrArray  *locks,
           const char *token)
{
  for (guint i = 0; locks != NULL && i < locks->len; i++)
    {
      DavLock *lock = g_ptr_array_index (locks, i);

      if (lock->token != NULL && token != NULL && g_str_equal (lock->token, token))
        return lock;
    }

  return NULL;
}

/* The tokens of @locks, for a finding: "<a>, <b>" or a word for none. */
static char *
list_tokens (GPtrArray *locks)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; locks != NULL && i < locks->len; i++)
    {
      DavLock *lock = g_ptr_array_index (locks, i);

      if (lock->token == NULL)
        continue;
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", lock->token);
    }

  return g_strdup (text->len > 0 ? text->str : NULL);
}

/* LOCK @url anew (Depth 0, a body, a short timeout). A granted lock's
 * token goes into *@token and to the runner, which removes the lock at
 * the end if the check does not. The token comes from the Lock-Token
 * header, else from the body's only activelock, so that even a server
 * that leaves the header out gets its lock removed. */
static DavResult *
take_lock (DavDoctorRun  *run,
           const char    *url,
           gboolean       shared,
           char         **token,
           GError       **error)
{
  /* The lockinfo Davscope's own LOCK sends (dav-request-body.c). */
  g_autoptr(GBytes) lockinfo = dav_request_body_lock (shared ? DAV_LOCK_SHARED : DAV_LOCK_EXCLUSIVE,
                                                      "Davscope server check");
  g_autofree char *body = g_strndup (g_bytes_get_data (lockinfo, NULL), g_bytes_get_size (lockinfo));
  DavResult *r;

  *token = NULL;
  r = dav_doctor_send (run, "LOCK", url,
                       (const char *[]) { "Depth", "0", "Timeout", LOCK_TIMEOUT, NULL },
                       body, XML_TYPE, error);
  if (r == NULL || !succeeded (r))
    return r;

  if (r->lock_token != NULL)
    *token = g_strdup (r->lock_token);
  else
    {
      g_autoptr(GPtrArray) locks = discovered_locks (r, url);

      if (locks != NULL && locks->len == 1)
        *token = g_strdup (((DavLock *) g_ptr_array_index (locks, 0))->token);
    }

  if (*token != NULL)
    dav_doctor_locked (run, url, *token);

  return r;
}

/* UNLOCK; the runner forgets the lock once it is gone. */
static DavResult *
release_lock (DavDoctorRun  *run,
              const char    *url,
              const char    *token,
              GError       **error)
{
  g_autofree char *header = g_strdup_printf ("<%s>", token);
  DavResult *r;

  r = dav_doctor_send (run, "UNLOCK", url, (const char *[]) { "Lock-Token", header, NULL },
                       NULL, NULL, error);
  if (r != NULL && succeeded (r))
    dav_doctor_unlocked (run, token);

  return r;
}

/* A LOCK of a test file that a later check needs failed: the LOCK check
 * says why; this one is skipped. */
static void
skip_lock_failed (DavDoctorRun *run,
                  DavResult    *r,
                  const GError *error)
{
  if (dav_doctor_cancelled (run))
    return;
  if (r == NULL)
    dav_doctor_skip (run, _("The LOCK of a test file got no answer (%s): see LOCK and UNLOCK."), error->message);
  else if (!succeeded (r))
    dav_doctor_skip (run, _("The LOCK of a test file answered %u %s: see LOCK and UNLOCK."), r->status, dav_doctor_reason (r));
  else
    dav_doctor_skip (run, "%s", _("The LOCK of a test file named no lock token: see LOCK and UNLOCK."));
}

/* What a LOCK granted must say (RFC 4918 §9.10.1, §10.5): the token in a
 * Lock-Token header, and a DAV:prop body whose lockdiscovery holds that
 * lock, exclusive as asked for. neon (davfs2) needs both; Finder and
 * Cyberduck read the token from the body only. */
static void
check_lock_answer (DavDoctorRun *run,
                   DavResult    *r,
                   const char   *url)
{
  const char *expected = _("A Lock-Token header, and a DAV:prop body whose DAV:lockdiscovery holds the new lock with its token (RFC 4918 §9.10.1)");
  g_autoptr(GPtrArray) locks = NULL;
  DavLock *lock;

  if (r->lock_token == NULL)
    dav_doctor_report (run, "lock-response-incomplete", r, expected, "%s",
                       _("No Lock-Token header."));
  else
    {
      g_autofree char *raw = g_strstrip (g_strdup (soup_message_headers_get_one (r->headers, "Lock-Token")));

      /* A Coded-URL (RFC 4918 §10.5): neon looks for the angle brackets. */
      if (*raw != '<' || !g_str_has_suffix (raw, ">"))
        /* Translators: %s is the Lock-Token header's value as the server sent it. */
        dav_doctor_report (run, "lock-response-incomplete", r,
                           _("Lock-Token: <token>, the token in angle brackets (RFC 4918 §10.5)"),
                           _("Lock-Token: %s"), raw);
    }

  if (r->body == NULL)
    {
      if (r->content_type != NULL)
        /* Translators: %s is a media type, e.g. "text/html". */
        dav_doctor_report (run, "lock-response-incomplete", r, expected,
                           _("A body of type %s, not the lock in XML."), r->content_type);
      else
        dav_doctor_report (run, "lock-response-incomplete", r, expected, "%s",
                           _("No XML body."));
      return;
    }

  locks = discovered_locks (r, url);
  if (locks == NULL)
    {
      dav_doctor_report (run, "lock-response-incomplete", r, expected, "%s",
                         _("The body holds no DAV:lockdiscovery."));
      return;
    }

  if (r->lock_token != NULL)
    lock = find_lock (locks, r->lock_token);
  else
    lock = locks->len == 1 ? g_ptr_array_index (locks, 0) : NULL;

  if (lock == NULL || lock->token == NULL)
    {
      g_autofree char *tokens = list_tokens (locks);

      if (locks->len == 0)
        dav_doctor_report (run, "lock-response-incomplete", r, expected, "%s",
                           _("The DAV:lockdiscovery holds no activelock."));
      else if (tokens == NULL)
        dav_doctor_report (run, "lock-response-incomplete", r, expected, "%s",
                           _("The activelock has no DAV:locktoken."));
      else
        /* Translators: first the Lock-Token header's token, then those of the body. */
        dav_doctor_report (run, "lock-response-incomplete", r, expected,
                           _("The Lock-Token header names %s, the body’s activelock %s."),
                           r->lock_token, tokens);
      return;
    }

  if (lock->scope != NULL && !g_str_equal (lock->scope, "exclusive"))
    /* Translators: %s is a lock scope as the server wrote it ("shared"). */
    dav_doctor_report (run, "lock-response-incomplete", r, _("An exclusive lock, as asked for"),
                       _("A lock with the scope “%s”."), lock->scope);
}

/* A refresh: the token in an If header, no body (RFC 4918 §9.10.2),
 * answered with the lock discovery, which neon (davfs2) reads for the
 * new timeout. */
static void
check_refresh (DavDoctorRun *run,
               const char   *url,
               const char   *token)
{
  g_autofree char *if_header = g_strdup_printf ("(<%s>)", token);
  g_autoptr(DavResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) locks = NULL;
  const char *expected = _("200 OK and the lock discovery: the lock refreshed (RFC 4918 §9.10.2)");

  r = dav_doctor_send (run, "LOCK", url,
                       (const char *[]) { "If", if_header, "Timeout", LOCK_TIMEOUT, NULL },
                       NULL, NULL, &error);
  if (r == NULL)
    {
      no_answer (run, "lock-refresh-failed", "LOCK", url, expected, error);
      return;
    }

  dav_doctor_report_problems (run, r);
  if (!succeeded (r))
    {
      dav_doctor_report (run, "lock-refresh-failed", r, expected,
                         "%u %s", r->status, dav_doctor_reason (r));
      return;
    }

  locks = discovered_locks (r, url);
  if (find_lock (locks, token) == NULL)
    dav_doctor_report_full (run, "lock-response-incomplete", (DavDoctorSeverity) -1, r, expected,
                            _("The answer to a refresh of the lock."),
                            "%s", locks == NULL ? _("No DAV:lockdiscovery in the answer.")
                                                : _("The DAV:lockdiscovery does not hold the lock’s token."));
}

/* UNLOCK with a token that is not the lock's: 409 Conflict (RFC 4918
 * §9.11.1), and the lock stays. FALSE when that removed the lock (the
 * real UNLOCK has nothing left to do). */
static gboolean
check_wrong_unlock (DavDoctorRun *run,
                    const char   *url,
                    const char   *token)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *wrong = g_strconcat ("opaquelocktoken:", uuid, NULL);
  g_autofree char *header = g_strdup_printf ("<%s>", wrong);
  g_autoptr(DavResult) r = NULL;
  g_autoptr(DavResult) put = NULL;
  const char *expected = _("409 Conflict: the token names no lock of this file, which stays locked (RFC 4918 §9.11.1)");

  r = dav_doctor_send (run, "UNLOCK", url, (const char *[]) { "Lock-Token", header, NULL },
                       NULL, NULL, NULL);
  if (r == NULL || !succeeded (r))
    return TRUE;

  /* Success for a token of no lock: is the lock still there? */
  put = dav_doctor_send (run, "PUT", url, NULL, FILE_TEXT, "text/plain", NULL);
  if (put != NULL && succeeded (put))
    {
      dav_doctor_report_full (run, "unlock-wrong-token-accepted", DAV_DOCTOR_ERROR, r, expected,
                              _("Then a PUT without any token succeeded: the lock was removed by a token that was not its own."),
                              "%u %s", r->status, dav_doctor_reason (r));
      dav_doctor_unlocked (run, token);
      return FALSE;
    }

  dav_doctor_report_full (run, "unlock-wrong-token-accepted", (DavDoctorSeverity) -1, r, expected,
                          _("The file stayed locked: the answer claims a success that did not happen."),
                          "%u %s", r->status, dav_doctor_reason (r));
  return TRUE;
}

/* ---- LOCK, refresh, UNLOCK ------------------------------------------------ */

void
dav_doctor_check_lock (DavDoctorRun *run)
{
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autoptr(DavResult) r = NULL;
  g_autoptr(DavResult) discovery = NULL;
  g_autoptr(DavResult) unlock = NULL;
  g_autoptr(DavResult) put = NULL;
  g_autoptr(GError) error = NULL;

  if (!locks_offered (run))
    return;

  url = dav_doctor_scratch_url (run, "lock.txt");
  if (!make_file (run, url))
    return;

  r = take_lock (run, url, FALSE, &token, &error);
  if (r == NULL)
    {
      no_answer (run, "lock-unsupported", "LOCK", url, _("200 OK and the lock"), error);
      return;
    }
  dav_doctor_report_problems (run, r);
  if (!succeeded (r))
    {
      dav_doctor_report (run, "lock-unsupported", r,
                         _("200 OK: an exclusive lock on a file nobody else locks (RFC 4918 §9.10)"),
                         "%u %s", r->status, dav_doctor_reason (r));
      return;
    }
  check_lock_answer (run, r, url);
  if (token == NULL)
    return;

  /* What PROPFIND says about the lock: how a client that lost the token
   * (davfs2 after a 423 of its own lock) finds it again. */
  if (dav_doctor_cancelled (run))
    return;
  discovery = dav_doctor_send (run, "PROPFIND", url, (const char *[]) { "Depth", "0", NULL },
                               lock_props_body, XML_TYPE, &error);
  if (discovery != NULL)
    {
      g_autoptr(GPtrArray) locks = discovered_locks (discovery, url);
      const char *expected = _("A DAV:lockdiscovery naming the lock and its token (RFC 4918 §15.8)");

      dav_doctor_report_problems (run, discovery);
      if (discovery->status != 207)
        dav_doctor_report (run, "lockdiscovery-incomplete", discovery, expected,
                           "%u %s", discovery->status, dav_doctor_reason (discovery));
      else if (locks == NULL || locks->len == 0)
        dav_doctor_report (run, "lockdiscovery-incomplete", discovery, expected, "%s",
                           _("No lock in the file’s DAV:lockdiscovery."));
      else if (find_lock (locks, token) == NULL)
        {
          g_autofree char *tokens = list_tokens (locks);

          /* Translators: %s is a lock token, e.g. "opaquelocktoken:…". */
          dav_doctor_report (run, "lockdiscovery-incomplete", discovery, expected,
                             tokens != NULL ? _("An activelock without the token %s.")
                                            : _("An activelock without a DAV:locktoken (the lock’s token is %s)."),
                             token);
        }
    }
  g_clear_error (&error);

  if (dav_doctor_cancelled (run))
    return;
  check_refresh (run, url, token);

  if (dav_doctor_cancelled (run) || !check_wrong_unlock (run, url, token))
    return;

  if (dav_doctor_cancelled (run))
    return;
  unlock = release_lock (run, url, token, &error);
  if (unlock == NULL)
    {
      no_answer (run, "unlock-failed", "UNLOCK", url, _("204 No Content: the lock removed"), error);
      return;
    }
  dav_doctor_report_problems (run, unlock);
  if (!succeeded (unlock))
    {
      dav_doctor_report (run, "unlock-failed", unlock,
                         _("204 No Content: the lock removed (RFC 4918 §9.11)"),
                         "%u %s", unlock->status, dav_doctor_reason (unlock));
      return;
    }

  /* Whether the lock is really gone: a write without the token. */
  if (dav_doctor_cancelled (run))
    return;
  put = dav_doctor_send (run, "PUT", url, NULL, FILE_TEXT, "text/plain", &error);
  if (put != NULL && put->status == 423)
    /* Translators: the status of an UNLOCK, e.g. "204 No Content". */
    dav_doctor_report (run, "unlock-failed", put,
                       _("A write without the token to succeed once the lock is removed"),
                       _("UNLOCK answered %u %s, but a PUT without the token still got 423 Locked."),
                       unlock->status, dav_doctor_reason (unlock));
}

/* ---- writes without and with the token --------------------------------- */

/* A write to a locked file without its token: 423 Locked is right
 * (RFC 4918 §7, §9.10). TRUE when the server did it all the same. */
static gboolean
write_went_through (DavDoctorRun *run,
                    DavResult    *r,
                    const char   *done)
{
  const char *expected = _("423 Locked: the file is locked and the request had no token (RFC 4918 §7)");

  dav_doctor_report_problems (run, r);
  if (r->status == 423)
    return FALSE;

  if (succeeded (r))
    {
      /* Translators: %u %s is the status, the last %s what happened, e.g. "the locked file was replaced". */
      dav_doctor_report (run, "lock-not-enforced", r, expected, _("%u %s: %s."),
                         r->status, dav_doctor_reason (r), done);
      return TRUE;
    }

  dav_doctor_report (run, "locked-423", r, expected, "%u %s", r->status, dav_doctor_reason (r));
  return FALSE;
}

/* A token the server never issued, or a corrupt copy of a real one, in an
 * If header: the condition fails, so 412 Precondition Failed (RFC 4918
 * §10.4.1), or 423 since the lock's token is missing. litmus's
 * cond_put_corrupt_token wants 423; Apache answers 400. */
static void
check_wrong_token (DavDoctorRun *run,
                   const char   *url,
                   const char   *wrong,
                   const char   *what)
{
  g_autofree char *if_header = g_strdup_printf ("(<%s>)", wrong);
  g_autoptr(DavResult) r = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected = _("423 Locked or 412 Precondition Failed: the If header names no lock of this file (RFC 4918 §10.4.1)");

  r = dav_doctor_send (run, "PUT", url, (const char *[]) { "If", if_header, NULL },
                       FILE_TEXT, "text/plain", &error);
  if (r == NULL)
    {
      no_answer (run, "if-bad-token-status", "PUT", url, expected, error);
      return;
    }

  dav_doctor_report_problems (run, r);
  if (r->status == 423 || r->status == 412)
    return;

  if (succeeded (r))
    /* Translators: the last %s says which token, e.g. "a corrupt copy of the lock's token". */
    dav_doctor_report (run, "lock-not-enforced", r, expected,
                       _("%u %s: the locked file was replaced with %s in the If header."),
                       r->status, dav_doctor_reason (r), what);
  else
    {
      /* Translators: %s says which token, e.g. "a corrupt copy of the lock's token". */
      g_autofree char *detail = g_strdup_printf (_("The If header named %s."), what);

      dav_doctor_report_full (run, "if-bad-token-status", (DavDoctorSeverity) -1, r, expected, detail,
                              "%u %s", r->status, dav_doctor_reason (r));
    }
}

void
dav_doctor_check_lock_enforced (DavDoctorRun *run)
{
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *corrupt = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *if_header = NULL;
  g_autofree char *tagged = NULL;
  g_autoptr(DavResult) lock = NULL;
  g_autoptr(DavResult) put = NULL;
  g_autoptr(DavResult) del = NULL;
  g_autoptr(DavResult) put_token = NULL;
  g_autoptr(DavResult) del_token = NULL;
  g_autoptr(DavResult) again = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (!locks_offered (run))
    return;

  url = dav_doctor_scratch_url (run, "enforced.txt");
  if (!make_file (run, url))
    return;

  lock = take_lock (run, url, FALSE, &token, &error);
  if (token == NULL)
    {
      skip_lock_failed (run, lock, error);
      return;
    }

  /* Without the token. */
  if (dav_doctor_cancelled (run))
    return;
  put = dav_doctor_send (run, "PUT", url, NULL, FILE_TEXT, "text/plain", &error);
  if (put == NULL)
    {
      no_answer (run, "lock-not-enforced", "PUT", url, _("423 Locked"), error);
      return;
    }
  write_went_through (run, put, _("the locked file was replaced"));

  if (dav_doctor_cancelled (run))
    return;
  del = dav_doctor_send (run, "DELETE", url, NULL, NULL, NULL, &error);
  if (del == NULL)
    {
      no_answer (run, "lock-not-enforced", "DELETE", url, _("423 Locked"), error);
      return;
    }
  if (write_went_through (run, del, _("the locked file was deleted")))
    {
      g_autoptr(DavResult) unlock = NULL;
      g_autoptr(DavResult) relock = NULL;

      /* The file is gone, and with it (should be) the lock: a new file
       * and lock for the steps with the token. The old lock is removed
       * first, since some servers (nginx) keep locks by URL. */
      unlock = release_lock (run, url, token, NULL);
      g_clear_pointer (&token, g_free);
      if (!make_file (run, url))
        return;
      relock = take_lock (run, url, FALSE, &token, &error);
      if (token == NULL)
        {
          skip_lock_failed (run, relock, error);
          return;
        }
    }

  /* With wrong tokens: a corrupt copy of the real one (as litmus sends)
   * and a well-formed one of no lock. */
  if (dav_doctor_cancelled (run))
    return;
  len = strlen (token);
  corrupt = g_strdup (token);
  memcpy (corrupt + len - MIN (len, 5), "zzzzz", MIN (len, 5));
  check_wrong_token (run, url, corrupt, _("a corrupt copy of the lock’s token"));
  if (dav_doctor_cancelled (run))
    return;
  uuid = g_uuid_string_random ();
  unknown = g_strconcat ("opaquelocktoken:", uuid, NULL);
  check_wrong_token (run, url, unknown, _("the token of no lock"));

  /* With the token: as an untagged list for the PUT, and as a tagged
   * list (the resource's URL before the token, as neon, so davfs2,
   * sends it) for the DELETE; both are RFC 4918 §10.4. */
  if (dav_doctor_cancelled (run))
    return;
  if_header = g_strdup_printf ("(<%s>)", token);
  put_token = dav_doctor_send (run, "PUT", url, (const char *[]) { "If", if_header, NULL },
                               FILE_TEXT, "text/plain", &error);
  if (put_token == NULL)
    {
      no_answer (run, "lock-token-refused", "PUT", url, _("2xx: the file written"), error);
      return;
    }
  dav_doctor_report_problems (run, put_token);
  if (!succeeded (put_token))
    dav_doctor_report (run, "lock-token-refused", put_token,
                       _("2xx: the file written, since the If header names its lock (RFC 4918 §10.4)"),
                       "%u %s", put_token->status, dav_doctor_reason (put_token));

  if (dav_doctor_cancelled (run))
    return;
  tagged = g_strdup_printf ("<%s> (<%s>)", url, token);
  del_token = dav_doctor_send (run, "DELETE", url, (const char *[]) { "If", tagged, NULL },
                               NULL, NULL, &error);
  if (del_token == NULL)
    {
      no_answer (run, "lock-token-refused", "DELETE", url, _("204 No Content: the file deleted"), error);
      return;
    }
  dav_doctor_report_problems (run, del_token);
  if (!succeeded (del_token))
    {
      dav_doctor_report_full (run, "lock-token-refused", (DavDoctorSeverity) -1, del_token,
                              _("204 No Content: the file deleted, since the If header names its lock (RFC 4918 §10.4)"),
                              _("The If header was a tagged list: the file’s URL, then the token."),
                              "%u %s", del_token->status, dav_doctor_reason (del_token));
      return;
    }

  /* The lock goes with the file it was on (RFC 4918 §9.6.1): a new file
   * of the same name without the token must not get 423. */
  if (dav_doctor_cancelled (run))
    return;
  again = dav_doctor_send (run, "PUT", url, NULL, FILE_TEXT, "text/plain", NULL);
  if (again != NULL && again->status == 423)
    {
      g_autoptr(DavResult) unlock = NULL;
      /* Translators: the status of the DELETE, e.g. "204 No Content". */
      g_autofree char *detail = g_strdup_printf (_("The DELETE with the token just before answered %u %s."),
                                                 del_token->status, dav_doctor_reason (del_token));

      dav_doctor_report_full (run, "delete-keeps-lock", (DavDoctorSeverity) -1, again,
                              _("201 Created: the lock was removed with the file it was on (RFC 4918 §9.6.1)"),
                              detail, "%s", _("423 Locked: the lock of the deleted file still holds its name."));
      /* Else the scratch folder cannot go either. */
      unlock = release_lock (run, url, token, NULL);
    }
  else
    dav_doctor_unlocked (run, token);
}

/* ---- a folder holding a locked file ----------------------------------- */

/* Whether @r, a 207 (or Apache's 424) to the DELETE of a folder, names
 * @member with 423 Locked. */
static gboolean
names_locked_member (DavResult  *r,
                     const char *member)
{
  DavResponse *response;

  if (r->body == NULL || !r->body->is_multistatus)
    return FALSE;

  response = dav_multistatus_find_response (r->body, member);
  return response != NULL && dav_response_get_effective_status (response) == 423;
}

void
dav_doctor_check_lock_member (DavDoctorRun *run)
{
  g_autofree char *folder = NULL;
  g_autofree char *member = NULL;
  g_autofree char *token = NULL;
  g_autoptr(DavResult) mkcol = NULL;
  g_autoptr(DavResult) lock = NULL;
  g_autoptr(DavResult) del = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gboolean member_there, folder_there;

  if (!locks_offered (run))
    return;

  folder = dav_doctor_scratch_url (run, "locked-member/");
  dav_doctor_created (run, folder);
  mkcol = dav_doctor_send (run, "MKCOL", folder, NULL, NULL, NULL, &error);
  if (mkcol == NULL || !succeeded (mkcol))
    {
      if (dav_doctor_cancelled (run))
        return;
      if (mkcol == NULL)
        dav_doctor_skip (run, _("Could not make a folder: %s"), error->message);
      else
        dav_doctor_skip (run, _("Could not make a folder: MKCOL answered %u %s."),
                         mkcol->status, dav_doctor_reason (mkcol));
      return;
    }

  member = g_strconcat (folder, "locked.txt", NULL);
  if (!make_file (run, member))
    return;
  lock = take_lock (run, member, FALSE, &token, &error);
  if (token == NULL)
    {
      skip_lock_failed (run, lock, error);
      return;
    }

  if (dav_doctor_cancelled (run))
    return;
  /* Translators: %s is the URL of the locked file. */
  expected = g_strdup_printf (_("207 Multi-Status naming %s with 423 Locked (or 423 Locked), and nothing deleted (RFC 4918 §9.6.1)"),
                              member);
  del = dav_doctor_send (run, "DELETE", folder, NULL, NULL, NULL, &error);
  if (del == NULL)
    {
      no_answer (run, "delete-locked-member", "DELETE", folder, expected, error);
      return;
    }
  dav_doctor_report_problems (run, del);

  /* What the listing says after, whatever the answer claimed. */
  if (dav_doctor_cancelled (run))
    return;
  member_there = exists (run, member);
  folder_there = exists (run, folder);

  if (!member_there)
    {
      if (!folder_there)
        dav_doctor_report (run, "delete-locked-member", del, expected,
                           _("%u %s, and the folder and the locked file in it are gone."),
                           del->status, dav_doctor_reason (del));
      else
        dav_doctor_report (run, "delete-locked-member", del, expected,
                           _("%u %s, and the locked file is gone."),
                           del->status, dav_doctor_reason (del));
      return;
    }

  /* Nothing deleted. 423 for the folder, or a 207 that names the member:
   * both say why. Apache sends its multistatus with 424 Failed
   * Dependency as the status; the body says the same, so it passes. */
  if (del->status == 423)
    return;
  if ((del->status == 207 || del->status == 424) && names_locked_member (del, member))
    return;

  if (del->status == 207 || del->status == 424)
    dav_doctor_report_full (run, "locked-423", (DavDoctorSeverity) -1, del, expected,
                            _("Nothing was deleted, but the answer does not say that the locked file was why."),
                            _("%u %s without a 423 Locked for the locked file."),
                            del->status, dav_doctor_reason (del));
  else if (succeeded (del))
    dav_doctor_report_full (run, "locked-423", (DavDoctorSeverity) -1, del, expected,
                            _("Nothing was deleted, but the answer said the folder was."),
                            "%u %s", del->status, dav_doctor_reason (del));
  else
    dav_doctor_report (run, "locked-423", del, expected, "%u %s", del->status, dav_doctor_reason (del));
}

/* ---- shared locks -------------------------------------------------------- */

/* Whether @r's DAV:supportedlock for @url lists a shared write lock; sets
 * *@known when there was one to read. */
static gboolean
offers_shared (DavResult  *r,
               const char *url,
               gboolean   *known)
{
  DavResponse *response;
  const DavProperty *supported;
  g_autoptr(GPtrArray) entries = NULL;

  *known = FALSE;
  if (r->status != 207 || r->body == NULL)
    return FALSE;

  response = dav_multistatus_find_response (r->body, url);
  if (response == NULL)
    return FALSE;
  supported = dav_response_find_property (response, "DAV:", "supportedlock");
  if (supported == NULL)
    return FALSE;

  *known = TRUE;
  entries = dav_lock_parse_supported (supported->is_xml ? supported->value : NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      DavLock *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->scope, "shared") == 0 &&
          (entry->type == NULL || g_str_equal (entry->type, "write")))
        return TRUE;
    }

  return FALSE;
}

void
dav_doctor_check_lock_shared (DavDoctorRun *run)
{
  g_autofree char *url = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *exclusive = NULL;
  g_autoptr(DavResult) props = NULL;
  g_autoptr(DavResult) lock1 = NULL;
  g_autoptr(DavResult) lock2 = NULL;
  g_autoptr(DavResult) lock3 = NULL;
  g_autoptr(GError) error = NULL;
  gboolean known = FALSE, shared = FALSE;
  const char *expected_shared = _("200 OK: a shared lock (RFC 4918 §6.1)");
  const char *listed = _("The file’s DAV:supportedlock lists shared write locks.");

  if (!locks_offered (run))
    return;

  url = dav_doctor_scratch_url (run, "shared.txt");
  if (!make_file (run, url))
    return;

  /* Shared locks are optional (RFC 4918 §6.1): what the server says it
   * offers decides whether a refusal is a fault. */
  props = dav_doctor_send (run, "PROPFIND", url, (const char *[]) { "Depth", "0", NULL },
                           lock_props_body, XML_TYPE, &error);
  g_clear_error (&error);
  if (props != NULL)
    {
      dav_doctor_report_problems (run, props);
      shared = offers_shared (props, url, &known);
    }
  if (known && !shared)
    {
      dav_doctor_report (run, "lock-shared-unsupported", props, expected_shared, "%s",
                         _("The file’s DAV:supportedlock lists no shared write lock."));
      return;
    }

  if (dav_doctor_cancelled (run))
    return;
  lock1 = take_lock (run, url, TRUE, &first, &error);
  if (lock1 == NULL)
    {
      no_answer (run, "lock-shared-unsupported", "LOCK", url, expected_shared, error);
      return;
    }
  dav_doctor_report_problems (run, lock1);
  if (!succeeded (lock1))
    {
      /* Refused although promised: worse than not offered. */
      dav_doctor_report_full (run, "lock-shared-unsupported",
                              shared ? DAV_DOCTOR_WARNING : (DavDoctorSeverity) -1, lock1,
                              expected_shared, shared ? listed : NULL,
                              "%u %s", lock1->status, dav_doctor_reason (lock1));
      return;
    }
  if (first == NULL)
    {
      /* What is missing from the answer is the LOCK check's finding. */
      dav_doctor_skip (run, "%s", _("The shared LOCK named no lock token: see LOCK and UNLOCK."));
      return;
    }
  {
    g_autoptr(GPtrArray) locks = discovered_locks (lock1, url);
    DavLock *lock = find_lock (locks, first);

    if (lock != NULL && lock->scope != NULL && !g_str_equal (lock->scope, "shared"))
      /* Translators: %s is a lock scope as the server wrote it ("exclusive"). */
      dav_doctor_report_full (run, "lock-shared-unsupported", DAV_DOCTOR_WARNING, lock1,
                              expected_shared, shared ? listed : NULL,
                              _("A lock with the scope “%s”."), lock->scope);
  }

  if (dav_doctor_cancelled (run))
    return;
  lock2 = take_lock (run, url, TRUE, &second, &error);
  if (lock2 == NULL)
    {
      no_answer (run, "lock-shared-unsupported", "LOCK", url, expected_shared, error);
      return;
    }
  dav_doctor_report_problems (run, lock2);
  if (!succeeded (lock2))
    {
      dav_doctor_report_full (run, "lock-shared-unsupported", DAV_DOCTOR_WARNING, lock2,
                              _("200 OK: a second shared lock beside the first (RFC 4918 §6.1)"),
                              _("The first shared lock was granted."),
                              "%u %s", lock2->status, dav_doctor_reason (lock2));
      return;
    }
  if (second != NULL && g_str_equal (first, second))
    dav_doctor_report_full (run, "lock-shared-unsupported", DAV_DOCTOR_WARNING, lock2,
                            _("A second shared lock with a token of its own (RFC 4918 §6.5)"),
                            NULL, _("The token of the first lock again: %s."), second);

  /* An exclusive lock on top of shared ones must be refused. */
  if (dav_doctor_cancelled (run))
    return;
  lock3 = take_lock (run, url, FALSE, &exclusive, &error);
  if (lock3 == NULL)
    {
      no_answer (run, "lock-exclusive-over-shared", "LOCK", url, _("423 Locked"), error);
      return;
    }
  dav_doctor_report_problems (run, lock3);
  if (succeeded (lock3))
    dav_doctor_report (run, "lock-exclusive-over-shared", lock3,
                       _("423 Locked: the file already has shared locks (RFC 4918 §6.1, §9.10.5)"),
                       "%u %s", lock3->status, dav_doctor_reason (lock3));
  else if (lock3->status != 423)
    dav_doctor_report (run, "locked-423", lock3,
                       _("423 Locked: the file already has shared locks (RFC 4918 §9.10.5)"),
                       "%u %s", lock3->status, dav_doctor_reason (lock3));

  /* Removed here rather than at the end, so that the file can go. */
  for (guint i = 0; i < 3; i++)
    {
      const char *token = i == 0 ? first : i == 1 ? second : exclusive;
      g_autoptr(DavResult) unlock = NULL;

      if (token != NULL && !dav_doctor_cancelled (run))
        unlock = release_lock (run, url, token, NULL);
    }
}

/* ---- LOCK of an unmapped URL -------------------------------------------- */

void
dav_doctor_check_lock_unmapped (DavDoctorRun *run)
{
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autoptr(DavResult) r = NULL;
  g_autoptr(DavResult) get = NULL;
  g_autoptr(DavResult) unlock = NULL;
  g_autoptr(DavResult) del = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  const char *expected = _("201 Created, and an empty file there (RFC 4918 §7.3, §9.10.4)");
  gboolean empty_file;

  if (!locks_offered (run))
    return;

  url = dav_doctor_scratch_url (run, "unmapped.txt");
  dav_doctor_created (run, url);
  r = take_lock (run, url, FALSE, &token, &error);
  if (r == NULL)
    {
      no_answer (run, "lock-unsupported", "LOCK", url, expected, error);
      return;
    }
  dav_doctor_report_problems (run, r);
  if (!succeeded (r))
    {
      dav_doctor_report_full (run, "lock-unsupported", (DavDoctorSeverity) -1, r, expected,
                              _("The LOCK was of a name where nothing is yet."),
                              "%u %s", r->status, dav_doctor_reason (r));
      return;
    }

  /* RFC 4918 §7.3: the LOCK made an empty file (RFC 2518's lock-null
   * resources, which GET does not find, are gone). */
  if (!dav_doctor_cancelled (run))
    get = dav_doctor_send (run, "GET", url, NULL, NULL, NULL, NULL);
  empty_file = get != NULL && get->status == 200 &&
               soup_message_headers_get_content_length (get->headers) == 0;
  if (get == NULL)
    after = NULL;
  else if (get->status != 200)
    /* Translators: the status of a GET, e.g. "404 Not Found". */
    after = g_strdup_printf (_("A GET after it answered %u %s: no empty file was made."),
                             get->status, dav_doctor_reason (get));
  else if (!empty_file)
    after = g_strdup (_("A GET after it found a file that is not empty."));

  if (r->status != 201)
    dav_doctor_report_full (run, "lock-unmapped-200", (DavDoctorSeverity) -1, r, expected, after,
                            "%u %s", r->status, dav_doctor_reason (r));
  else if (get != NULL && !empty_file)
    dav_doctor_report_full (run, "lock-unmapped-no-resource", (DavDoctorSeverity) -1, get, expected, after,
                            "%u %s", get->status, dav_doctor_reason (get));

  if (token == NULL || dav_doctor_cancelled (run))
    return;
  unlock = release_lock (run, url, token, NULL);
  /* The file the LOCK made; the end removes it if this cannot. */
  if (!dav_doctor_cancelled (run))
    del = dav_doctor_send (run, "DELETE", url, NULL, NULL, NULL, NULL);
}
