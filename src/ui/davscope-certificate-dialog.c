/* davscope-certificate-dialog.c: the user decides about an untrusted certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An exception is one exact certificate for one host and port, never a
 * kind of error (docs/hostile-servers.md case 39). "Always" keeps it in
 * $XDG_DATA_HOME/davscope/certificates.ini, a group per host:port holding
 * the certificate's SHA-256 fingerprint and its PEM (the client can only
 * pin a certificate, not a fingerprint). On the next connection the PEM
 * is pinned again if it still has that fingerprint; a server that shows
 * any other certificate is rejected by the client and asked about again.
 */

#include "davscope-accessible.h"
#include "davscope-certificate-dialog.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "dav-text.h"

#define SUBJECT_SHOWN_MAX 200   /* characters of a subject or issuer name */

/* One question, from the dialog to the callback. */
typedef struct {
  DavClient                   *client;       /* strong */
  GTlsCertificate             *certificate;  /* strong */
  char                        *fingerprint;  /* colon-separated hex, or NULL */
  char                        *host_port;    /* key file group, or NULL */
  GtkWidget                   *dialog;       /* owned by GTK */
  DavscopeCertificateCallback  callback;
  gpointer                     user_data;
} Question;

/* SHA-256 of the DER, as "AB:CD:…". NULL if the backend gives no DER. */
static char *
certificate_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[32];
  gsize length = sizeof digest;
  GString *text;

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL || der->len == 0)
    return NULL;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &length);

  text = g_string_sized_new (length * 3);
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (text, i == 0 ? "%02X" : ":%02X", digest[i]);

  return g_string_free (text, FALSE);
}

/* "host:port" of the client's base URL, lower case: the key file group.
 * GKeyFile group names take neither brackets nor control characters, so
 * an IPv6 literal is written bare ("::1:8443"; the port follows the last
 * colon). NULL for anything that cannot be a group name. */
static char *
client_host_port (DavClient *client)
{
  g_autoptr(GUri) base = g_uri_parse (dav_client_get_base_url (client), SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *host = NULL;
  int port;

  if (base == NULL || g_uri_get_host (base) == NULL)
    return NULL;

  host = g_ascii_strdown (g_uri_get_host (base), -1);
  port = g_uri_get_port (base);
  if (port < 0)
    port = g_ascii_strcasecmp (g_uri_get_scheme (base), "https") == 0 ? 443 : 80;

  for (const char *p = host; *p != '\0'; p++)
    if (*p == '[' || *p == ']' || g_ascii_iscntrl (*p))
      return NULL;
  if (*host == '\0')
    return NULL;

  return g_strdup_printf ("%s:%d", host, port);
}

static char *
certificates_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "davscope", "certificates.ini", NULL);
}

static void
remember_certificate (const char      *host_port,
                      GTlsCertificate *certificate,
                      const char      *fingerprint)
{
  g_autofree char *path = certificates_path ();
  g_autofree char *directory = g_path_get_dirname (path);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_warning ("Cannot create %s: %s", directory, g_strerror (saved_errno));
      return;
    }

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_KEEP_COMMENTS, &error))
    {
      /* Unreadable or damaged: what it held is lost either way. */
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_warning ("Replacing %s: %s", path, error->message);
      g_clear_error (&error);
      g_clear_pointer (&file, g_key_file_unref);
      file = g_key_file_new ();
    }

  g_object_get (certificate, "certificate-pem", &pem, NULL);
  g_key_file_remove_group (file, host_port, NULL);
  g_key_file_set_string (file, host_port, "sha256", fingerprint);
  if (pem != NULL)
    g_key_file_set_string (file, host_port, "pem", pem);
  else
    g_warning ("The certificate for %s has no PEM form: it will be asked about again next time", host_port);

  data = g_key_file_to_data (file, &length, NULL);
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_warning ("Cannot remember the certificate for %s: %s", host_port, error->message);
}

void
davscope_certificate_apply_remembered (DavClient *client)
{
  g_autofree char *host_port = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GKeyFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;

  g_return_if_fail (DAV_IS_CLIENT (client));

  host_port = client_host_port (client);
  if (host_port == NULL)
    return;

  path = certificates_path ();
  file = g_key_file_new ();
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_warning ("Cannot read %s: %s", path, error->message);
      return;
    }

  expected = g_key_file_get_string (file, host_port, "sha256", NULL);
  pem = g_key_file_get_string (file, host_port, "pem", NULL);
  if (expected == NULL || pem == NULL)
    return;

  certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  if (certificate == NULL)
    {
      g_warning ("The certificate remembered for %s cannot be read: %s", host_port, error->message);
      return;
    }

  fingerprint = certificate_fingerprint (certificate);
  if (fingerprint == NULL || g_ascii_strcasecmp (fingerprint, expected) != 0)
    {
      g_warning ("The certificate remembered for %s does not have the remembered fingerprint; ignoring it",
                 host_port);
      return;
    }

  g_debug ("Accepting the remembered certificate %s for %s", fingerprint, host_port);
  dav_client_pin_certificate (client, certificate);
}

/* ---- the dialog --------------------------------------------------------- */

/* Server text for a label: escaped (promise 7) and of bounded length. */
static char *
shown_name (const char *name)
{
  g_autofree char *escaped = NULL;

  if (name == NULL || *name == '\0')
    return g_strdup (_("unknown"));

  escaped = dav_text_escape (name, -1);
  if (g_utf8_strlen (escaped, -1) <= SUBJECT_SHOWN_MAX)
    return g_steal_pointer (&escaped);

  {
    g_autofree char *start = g_utf8_substring (escaped, 0, SUBJECT_SHOWN_MAX);

    return g_strconcat (start, "…", NULL);
  }
}

static char *
shown_date (GDateTime *date)
{
  g_autoptr(GDateTime) utc = NULL;

  if (date == NULL)
    return g_strdup (_("unknown"));

  utc = g_date_time_to_utc (date);
  return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
}

static void
append_reasons (GString              *body,
                GTlsCertificateFlags  errors)
{
  static const struct {
    GTlsCertificateFlags  flag;
    const char           *text;
  } reasons[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("It is not signed by a certificate authority this computer trusts.") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("It was issued for a different host name.") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("It has expired.") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("It is not valid yet.") },
    { G_TLS_CERTIFICATE_REVOKED, N_("It has been revoked.") },
    { G_TLS_CERTIFICATE_INSECURE, N_("It uses an insecure algorithm.") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("It could not be checked (an error occurred while verifying it).") },
  };
  GTlsCertificateFlags known = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      known |= reasons[i].flag;
      if (errors & reasons[i].flag)
        g_string_append_printf (body, "\n• %s", _(reasons[i].text));
    }

  if (errors == 0 || (errors & ~known) != 0)
    g_string_append_printf (body, "\n• %s", _("It was rejected for another reason."));
}

/* Eight bytes a line ("AB:CD:…:EF", 23 characters): the dialog is narrow,
 * and a line broken anywhere else is hard to compare. */
static void
append_fingerprint (GString    *body,
                    const char *fingerprint)
{
  gsize length = strlen (fingerprint);

  for (gsize start = 0; start < length; start += 24)
    {
      g_string_append_c (body, '\n');
      g_string_append_len (body, fingerprint + start, MIN (23, length - start));
    }
}

/* The group name, with an IPv6 literal in brackets again. */
static char *
shown_host_port (Question *question)
{
  const char *colon;
  g_autofree char *text = NULL;

  if (question->host_port == NULL)
    return dav_text_escape (dav_client_get_base_url (question->client), -1);

  colon = strrchr (question->host_port, ':');
  if (colon != NULL && memchr (question->host_port, ':', colon - question->host_port) != NULL)
    text = g_strdup_printf ("[%.*s]%s", (int) (colon - question->host_port), question->host_port, colon);
  else
    text = g_strdup (question->host_port);

  return dav_text_escape (text, -1);
}

/* Plain text, never markup: every name in it comes from the server. */
static char *
question_body (Question             *question,
               GTlsCertificateFlags  errors)
{
  GString *body = g_string_new (NULL);
  g_autofree char *subject = NULL;
  g_autofree char *issuer = NULL;
  g_autoptr(GDateTime) not_before = NULL;
  g_autoptr(GDateTime) not_after = NULL;
  g_autofree char *subject_shown = NULL;
  g_autofree char *issuer_shown = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autofree char *where = NULL;

  g_object_get (question->certificate,
                "subject-name", &subject,
                "issuer-name", &issuer,
                "not-valid-before", &not_before,
                "not-valid-after", &not_after,
                NULL);
  subject_shown = shown_name (subject);
  issuer_shown = shown_name (issuer);
  from = shown_date (not_before);
  until = shown_date (not_after);
  where = shown_host_port (question);

  g_string_append_printf (body, _("The certificate of %s is not trusted:"), where);
  append_reasons (body, errors);
  g_string_append (body, "\n\n");
  g_string_append_printf (body, _("Subject: %s"), subject_shown);
  g_string_append_c (body, '\n');
  g_string_append_printf (body, _("Issuer: %s"), issuer_shown);
  g_string_append_c (body, '\n');
  g_string_append_printf (body, _("Valid from %s until %s"), from, until);
  g_string_append_c (body, '\n');
  if (question->fingerprint != NULL)
    {
      g_string_append (body, _("SHA-256 fingerprint:"));
      append_fingerprint (body, question->fingerprint);
    }
  else
    g_string_append (body, _("SHA-256 fingerprint: unknown"));

  g_string_append (body, "\n\n");
  g_string_append (body, _("Someone may be intercepting the connection. Accept the certificate only if you know why it is not trusted, "
                           "for example on a server you set up yourself, and the fingerprint is the one you expect."));

  return g_string_free (body, FALSE);
}

static void
question_free (Question *question)
{
  g_clear_object (&question->client);
  g_clear_object (&question->certificate);
  g_free (question->fingerprint);
  g_free (question->host_port);
  g_free (question);
}

static void
question_finish (Question                    *question,
                 DavscopeCertificateDecision  decision)
{
  DavscopeCertificateCallback callback = question->callback;
  gpointer user_data = question->user_data;

  if (question->dialog != NULL)
    g_signal_handlers_disconnect_by_data (question->dialog, question);

  if (decision != DAVSCOPE_CERTIFICATE_REJECT)
    dav_client_pin_certificate (question->client, question->certificate);

  if (decision == DAVSCOPE_CERTIFICATE_ACCEPT_ALWAYS)
    {
      if (question->host_port != NULL && question->fingerprint != NULL)
        remember_certificate (question->host_port, question->certificate, question->fingerprint);
      else
        g_warning ("Cannot remember this certificate: accepting it this time only");
    }

  question_free (question);

  if (callback != NULL)
    callback (decision, user_data);
}

static void
question_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Question         *question)
{
  DavscopeCertificateDecision decision = DAVSCOPE_CERTIFICATE_REJECT;

  if (g_str_equal (response, "once"))
    decision = DAVSCOPE_CERTIFICATE_ACCEPT_ONCE;
  else if (g_str_equal (response, "always"))
    decision = DAVSCOPE_CERTIFICATE_ACCEPT_ALWAYS;

  question_finish (question, decision);
}

/* Closed without an answer, e.g. with its window: a refusal. */
static void
question_destroy_cb (GtkWidget *dialog,
                     Question  *question)
{
  question_finish (question, DAVSCOPE_CERTIFICATE_REJECT);
}

void
davscope_certificate_dialog_ask (GtkWindow                   *parent,
                                 DavClient                   *client,
                                 GTlsCertificate             *certificate,
                                 GTlsCertificateFlags         errors,
                                 DavscopeCertificateCallback  callback,
                                 gpointer                     user_data)
{
  g_autofree char *body = NULL;
  Question *question;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (DAV_IS_CLIENT (client));
  g_return_if_fail (G_IS_TLS_CERTIFICATE (certificate));

  question = g_new0 (Question, 1);
  question->client = g_object_ref (client);
  question->certificate = g_object_ref (certificate);
  question->fingerprint = certificate_fingerprint (certificate);
  question->host_port = client_host_port (client);
  question->callback = callback;
  question->user_data = user_data;

  body = question_body (question, errors);
  question->dialog = adw_message_dialog_new (parent, _("Untrusted certificate"), NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (question->dialog), FALSE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (question->dialog), body);
  gtk_window_set_modal (GTK_WINDOW (question->dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (question->dialog), TRUE);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (question->dialog),
                                    "cancel", _("_Cancel"),
                                    "once", _("Accept _Once"),
                                    "always", _("_Always Accept for This Host"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (question->dialog), "always",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (question->dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (question->dialog), "cancel");
  davscope_accessible_fix_names (question->dialog);

  g_signal_connect (question->dialog, "response", G_CALLBACK (question_response_cb), question);
  g_signal_connect (question->dialog, "destroy", G_CALLBACK (question_destroy_cb), question);

  gtk_window_present (GTK_WINDOW (question->dialog));
}
