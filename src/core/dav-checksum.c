/* dav-checksum.c: the checksum a server offers for a file, and checking it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-checksum.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dav-error.h"

typedef struct {
  const char    *token;  /* as servers spell it, compared without case */
  GChecksumType  type;
  const char    *name;
  int            strength;
} Algorithm;

/* RFC 9530 §5 and the IANA registry ("sha" is SHA-1), RFC 3230 with
 * RFC 5843, and ownCloud's names. ADLER32 and CRCs are not hashes. */
static const Algorithm algorithms[] = {
  { "sha-512", G_CHECKSUM_SHA512, "SHA-512", 4 },
  { "sha-384", G_CHECKSUM_SHA384, "SHA-384", 3 },
  { "sha-256", G_CHECKSUM_SHA256, "SHA-256", 2 },
  { "sha256", G_CHECKSUM_SHA256, "SHA-256", 2 },
  { "sha", G_CHECKSUM_SHA1, "SHA-1", 1 },
  { "sha1", G_CHECKSUM_SHA1, "SHA-1", 1 },
  { "md5", G_CHECKSUM_MD5, "MD5", 0 },
};

static const Algorithm *
find_algorithm (const char *token,
                gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (algorithms); i++)
    if (strlen (algorithms[i].token) == length &&
        g_ascii_strncasecmp (algorithms[i].token, token, length) == 0)
      return &algorithms[i];
  return NULL;
}

static gboolean
is_hex (const char *text,
        gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* @value as hex of the digest's length, or base64 of its bytes; NULL when
 * it is neither (a value that cannot be checked is no checksum). */
static char *
value_to_hex (const Algorithm *algorithm,
              const char      *value)
{
  gsize want = g_checksum_type_get_length (algorithm->type);
  gsize length = strlen (value);
  g_autofree guchar *bytes = NULL;
  g_autofree char *copy = NULL;
  GString *hex;
  gsize n = 0;

  if (length == want * 2 && is_hex (value, length))
    return g_ascii_strdown (value, -1);

  /* g_base64_decode accepts anything; the length tells a real digest. */
  copy = g_strdup (value);
  if (length == 0 || strspn (copy, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") != length)
    return NULL;
  bytes = g_base64_decode (copy, &n);
  if (n != want)
    return NULL;

  hex = g_string_sized_new (want * 2);
  for (gsize i = 0; i < n; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  return g_string_free (hex, FALSE);
}

static DavChecksum *
checksum_new (const Algorithm *algorithm,
              const char      *source,
              char            *hex)
{
  DavChecksum *self = g_new0 (DavChecksum, 1);

  self->type = algorithm->type;
  self->name = g_strdup (algorithm->name);
  self->source = g_strdup (source);
  self->hex = hex;
  return self;
}

/* Keeps the stronger of *@best and a new one (the first of equals). */
static void
consider (DavChecksum     **best,
          int              *best_strength,
          const Algorithm  *algorithm,
          const char       *source,
          const char       *value)
{
  char *hex;

  if (algorithm == NULL || (*best != NULL && algorithm->strength <= *best_strength))
    return;
  hex = value_to_hex (algorithm, value);
  if (hex == NULL)
    return;

  g_clear_pointer (best, dav_checksum_free);
  *best = checksum_new (algorithm, source, hex);
  *best_strength = algorithm->strength;
}

/* "alg=value, alg=:value:" (@assign '=': RFC 3230 §4.3.2; RFC 9530 §2,
 * a dictionary of byte sequences; parameters after ";" are ignored), or
 * ownCloud's "SHA1:hex MD5:hex" (@assign ':'). */
static void
consider_members (DavChecksum **best,
                  int          *best_strength,
                  const char   *value,
                  const char   *source,
                  char          assign)
{
  g_auto(GStrv) members = NULL;

  if (value == NULL)
    return;

  members = g_strsplit_set (value, assign == '=' ? "," : " \t,", -1);
  for (guint i = 0; members[i] != NULL; i++)
    {
      char *member = g_strstrip (members[i]);
      char *split = strchr (member, assign);
      char *digest;
      char *end;
      gsize length;

      if (split == NULL)
        continue;
      *split = '\0';
      g_strstrip (member);
      digest = split + 1;
      if ((end = strchr (digest, ';')) != NULL)
        *end = '\0';
      g_strstrip (digest);
      length = strlen (digest);
      if (assign == '=' && digest[0] == ':')
        {
          if (length < 2 || digest[length - 1] != ':')
            continue;
          digest[length - 1] = '\0';
          digest++;
        }
      consider (best, best_strength, find_algorithm (member, strlen (member)), source, digest);
    }
}

DavChecksum *
dav_checksum_from_headers (SoupMessageHeaders *headers,
                           gboolean            whole_body)
{
  DavChecksum *best = NULL;
  int strength = -1;

  g_return_val_if_fail (headers != NULL, NULL);

  consider_members (&best, &strength, soup_message_headers_get_list (headers, "Repr-Digest"), "Repr-Digest", '=');
  consider_members (&best, &strength, soup_message_headers_get_list (headers, "Digest"), "Digest", '=');
  consider_members (&best, &strength, soup_message_headers_get_list (headers, "OC-Checksum"), "OC-Checksum", ':');
  if (whole_body)
    consider_members (&best, &strength, soup_message_headers_get_list (headers, "Content-Digest"), "Content-Digest", '=');

  return best;
}

DavChecksum *
dav_checksum_from_oc (const char *value,
                      const char *source)
{
  DavChecksum *best = NULL;
  int strength = -1;

  consider_members (&best, &strength, value, source, ':');
  return best;
}

DavChecksum *
dav_checksum_copy (const DavChecksum *self)
{
  DavChecksum *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (DavChecksum, 1);
  copy->type = self->type;
  copy->name = g_strdup (self->name);
  copy->source = g_strdup (self->source);
  copy->hex = g_strdup (self->hex);
  return copy;
}

void
dav_checksum_free (DavChecksum *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->source);
  g_free (self->hex);
  g_free (self);
}

char *
dav_checksum_compute_file (GChecksumType   type,
                           GFile          *file,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree guchar *buffer = NULL;
  const gsize size = 256 * 1024;
  gssize n;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  input = g_file_read (file, cancellable, error);
  if (input == NULL)
    return NULL;

  checksum = g_checksum_new (type);
  buffer = g_malloc (size);
  while ((n = g_input_stream_read (G_INPUT_STREAM (input), buffer, size, cancellable, error)) > 0)
    g_checksum_update (checksum, buffer, n);
  if (n < 0)
    return NULL;

  return g_strdup (g_checksum_get_string (checksum));
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GFile *file = task_data;
  GChecksumType type = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "type"));
  GError *error = NULL;
  char *hex = dav_checksum_compute_file (type, file, cancellable, &error);

  if (hex == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hex, g_free);
}

void
dav_checksum_compute_file_async (GChecksumType        type,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (G_IS_FILE (file));

  g_task_set_source_tag (task, dav_checksum_compute_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (task), "type", GINT_TO_POINTER (type));
  g_task_run_in_thread (task, compute_in_thread);
}

char *
dav_checksum_compute_file_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
dav_checksum_describe_match (const DavChecksum *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  /* Translators: the first %s is an algorithm ("SHA-256"), the second a
   * header name ("Repr-Digest"). */
  return g_strdup_printf (_("Its %s matches the one the server gave in %s."), self->name, self->source);
}

gboolean
dav_checksum_check (const DavChecksum  *self,
                    const char         *hex,
                    GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (hex != NULL, FALSE);

  if (g_ascii_strcasecmp (self->hex, hex) == 0)
    return TRUE;

  /* Translators: the first %s is an algorithm ("SHA-256"), the second
   * where the server said it (a header name: "Repr-Digest"). */
  g_set_error (error, DAV_ERROR, DAV_ERROR_FAILED,
               _("The file’s %s does not match the one the server gave in %s: it changed or was damaged on the way."),
               self->name, self->source);
  return FALSE;
}
