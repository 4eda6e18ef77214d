/* dav-exchange.c: one recorded HTTP request and its response
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Credentials are removed on the way in, never on the way out: a value
 * that is not stored cannot leak through a getter, a property, the
 * inspector or a curl command.
 */

#include "dav-exchange.h"

#include "dav-text.h"

#include <string.h>

DavHeader *
dav_header_new (const char *name,
                const char *value)
{
  DavHeader *header;

  g_return_val_if_fail (name != NULL, NULL);

  header = g_new0 (DavHeader, 1);
  header->name = g_strdup (name);
  header->value = g_strdup (value != NULL ? value : "");

  return header;
}

void
dav_header_free (DavHeader *header)
{
  if (header == NULL)
    return;

  g_free (header->name);
  g_free (header->value);
  g_free (header);
}

/* A body as far as it was seen: the first @cap bytes and the full size. */
typedef struct {
  GByteArray *kept;   /* owned; NULL until anything was recorded */
  GBytes     *bytes;  /* owned; a copy of @kept for the getter, or NULL */
  gsize       size;
} Body;

static void
body_clear (Body *body)
{
  g_clear_pointer (&body->kept, g_byte_array_unref);
  g_clear_pointer (&body->bytes, g_bytes_unref);
  body->size = 0;
}

static void
body_append (Body       *body,
             gsize       cap,
             const char *data,
             gsize       length)
{
  gsize room;

  if (body->kept == NULL)
    body->kept = g_byte_array_new ();

  room = cap > body->kept->len ? cap - body->kept->len : 0;
  if (room > 0 && length > 0)
    {
      g_byte_array_append (body->kept, (const guint8 *) data, (guint) MIN (room, length));
      g_clear_pointer (&body->bytes, g_bytes_unref);
    }

  body->size = length > G_MAXSIZE - body->size ? G_MAXSIZE : body->size + length;
}

static GBytes *
body_get_bytes (Body *body)
{
  if (body->kept == NULL)
    return NULL;

  if (body->bytes == NULL)
    body->bytes = g_bytes_new (body->kept->data, body->kept->len);

  return body->bytes;
}

static gboolean
body_is_truncated (const Body *body)
{
  return body->kept != NULL && body->size > body->kept->len;
}

struct _DavExchange
{
  GObject    parent_instance;

  guint64    id;
  char      *method;
  char      *url;
  gsize      body_cap;

  GPtrArray *request_headers;   /* of DavHeader */
  GPtrArray *response_headers;  /* of DavHeader */
  Body       request_body;
  Body       response_body;

  guint      status;
  char      *reason;
  char      *error;

  gint64     started;           /* real time */
  gint64     begin_monotonic;
  gint64     headers_us;
  gint64     duration_us;
  guint      finished : 1;
};

G_DEFINE_FINAL_TYPE (DavExchange, dav_exchange, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_METHOD,
  PROP_URL,
  PROP_STATUS,
  PROP_REASON,
  PROP_STARTED,
  PROP_HEADERS_US,
  PROP_DURATION_US,
  PROP_FINISHED,
  PROP_ERROR,
  PROP_REQUEST_HEADERS,
  PROP_RESPONSE_HEADERS,
  PROP_REQUEST_BODY_SIZE,
  PROP_REQUEST_BODY_TRUNCATED,
  PROP_RESPONSE_BODY_SIZE,
  PROP_RESPONSE_BODY_TRUNCATED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Headers whose value is a credential.  Cookie2 / Set-Cookie2 are the
 * obsolete RFC 2965 forms, still a session secret where they appear. */
static const char * const secret_headers[] = {
  "Authorization",
  "Proxy-Authorization",
  "Cookie",
  "Set-Cookie",
  "Cookie2",
  "Set-Cookie2",
};

/* Headers that carry a URL, which could carry userinfo. */
static const char * const url_headers[] = {
  "Destination",
  "Location",
  "Content-Location",
  "Referer",
};

static gboolean
name_in (const char         *name,
         const char * const *list,
         gsize               n_list)
{
  for (gsize i = 0; i < n_list; i++)
    if (g_ascii_strcasecmp (name, list[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
header_is_secret (const char *name)
{
  return name_in (name, secret_headers, G_N_ELEMENTS (secret_headers));
}

/* Cuts "user:password@" out of the authority of @url (RFC 3986 §3.2).
 * The authority ends at the first "/", "?" or "#", and the host starts
 * after its last "@", as GUri and browsers read it; an "@" in the path
 * (Nextcloud's /files/bob@example.com/) is left alone. */
static char *
strip_userinfo (const char *url)
{
  const char *p = url;
  const char *authority;
  const char *end;
  const char *at = NULL;
  GString *out;

  if (g_ascii_isalpha (*p))
    {
      while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
      if (*p != ':')
        return g_strdup (url);
      p++;
    }

  if (p[0] != '/' || p[1] != '/')
    return g_strdup (url);

  authority = p + 2;
  end = authority + strcspn (authority, "/?#");
  for (const char *q = authority; q < end; q++)
    if (*q == '@')
      at = q;

  if (at == NULL)
    return g_strdup (url);

  out = g_string_new_len (url, authority - url);
  g_string_append (out, at + 1);

  return g_string_free (out, FALSE);
}

static GPtrArray *
headers_from_soup (SoupMessageHeaders *headers)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_header_free);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  if (headers == NULL)
    return array;

  /* The iterator's order is the order libsoup writes on the wire. */
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (header_is_secret (name))
        g_ptr_array_add (array, dav_header_new (name, DAV_EXCHANGE_REDACTED));
      else if (name_in (name, url_headers, G_N_ELEMENTS (url_headers)))
        {
          g_autofree char *stripped = strip_userinfo (value);

          g_ptr_array_add (array, dav_header_new (name, stripped));
        }
      else
        g_ptr_array_add (array, dav_header_new (name, value));
    }

  return array;
}

static void
dav_exchange_finalize (GObject *object)
{
  DavExchange *self = (DavExchange *) object;

  g_clear_pointer (&self->method, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->request_headers, g_ptr_array_unref);
  g_clear_pointer (&self->response_headers, g_ptr_array_unref);
  body_clear (&self->request_body);
  body_clear (&self->response_body);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (dav_exchange_parent_class)->finalize (object);
}

static void
dav_exchange_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DavExchange *self = DAV_EXCHANGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_uint64 (value, self->id);
      break;

    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    case PROP_STARTED:
      g_value_set_int64 (value, self->started);
      break;

    case PROP_HEADERS_US:
      g_value_set_int64 (value, self->headers_us);
      break;

    case PROP_DURATION_US:
      g_value_set_int64 (value, self->duration_us);
      break;

    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_REQUEST_HEADERS:
      g_value_set_boxed (value, self->request_headers);
      break;

    case PROP_RESPONSE_HEADERS:
      g_value_set_boxed (value, self->response_headers);
      break;

    case PROP_REQUEST_BODY_SIZE:
      g_value_set_uint64 (value, self->request_body.size);
      break;

    case PROP_REQUEST_BODY_TRUNCATED:
      g_value_set_boolean (value, body_is_truncated (&self->request_body));
      break;

    case PROP_RESPONSE_BODY_SIZE:
      g_value_set_uint64 (value, self->response_body.size);
      break;

    case PROP_RESPONSE_BODY_TRUNCATED:
      g_value_set_boolean (value, body_is_truncated (&self->response_body));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dav_exchange_class_init (DavExchangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = dav_exchange_finalize;
  object_class->get_property = dav_exchange_get_property;

  properties [PROP_ID] =
    g_param_spec_uint64 ("id", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties [PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL, NULL, flags);
  properties [PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties [PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties [PROP_STARTED] =
    g_param_spec_int64 ("started", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_HEADERS_US] =
    g_param_spec_int64 ("headers-us", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties [PROP_DURATION_US] =
    g_param_spec_int64 ("duration-us", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties [PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE, flags);
  properties [PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL, flags);
  properties [PROP_REQUEST_HEADERS] =
    g_param_spec_boxed ("request-headers", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties [PROP_RESPONSE_HEADERS] =
    g_param_spec_boxed ("response-headers", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties [PROP_REQUEST_BODY_SIZE] =
    g_param_spec_uint64 ("request-body-size", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties [PROP_REQUEST_BODY_TRUNCATED] =
    g_param_spec_boolean ("request-body-truncated", NULL, NULL, FALSE, flags);
  properties [PROP_RESPONSE_BODY_SIZE] =
    g_param_spec_uint64 ("response-body-size", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties [PROP_RESPONSE_BODY_TRUNCATED] =
    g_param_spec_boolean ("response-body-truncated", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dav_exchange_init (DavExchange *self)
{
  self->request_headers = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_header_free);
  self->response_headers = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_header_free);
  self->headers_us = -1;
  self->duration_us = -1;
}

DavExchange *
dav_exchange_new (guint64     id,
                  const char *method,
                  const char *url,
                  gsize       body_cap)
{
  DavExchange *self;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (DAV_TYPE_EXCHANGE, NULL);
  self->id = id;
  self->method = g_strdup (method);
  self->url = strip_userinfo (url);
  /* A GByteArray holds at most G_MAXUINT bytes. */
  self->body_cap = MIN (body_cap, G_MAXUINT);
  self->started = g_get_real_time ();
  self->begin_monotonic = g_get_monotonic_time ();

  return self;
}

guint64
dav_exchange_get_id (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), 0);

  return self->id;
}

const char *
dav_exchange_get_method (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), NULL);

  return self->method;
}

const char *
dav_exchange_get_url (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), NULL);

  return self->url;
}

GPtrArray *
dav_exchange_get_request_headers (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), NULL);

  return self->request_headers;
}

GPtrArray *
dav_exchange_get_response_headers (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), NULL);

  return self->response_headers;
}

GBytes *
dav_exchange_get_request_body (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), NULL);

  return body_get_bytes (&self->request_body);
}

gsize
dav_exchange_get_request_body_size (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), 0);

  return self->request_body.size;
}

gboolean
dav_exchange_get_request_body_truncated (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), FALSE);

  return body_is_truncated (&self->request_body);
}

GBytes *
dav_exchange_get_response_body (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), NULL);

  return body_get_bytes (&self->response_body);
}

gsize
dav_exchange_get_response_body_size (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), 0);

  return self->response_body.size;
}

gboolean
dav_exchange_get_response_body_truncated (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), FALSE);

  return body_is_truncated (&self->response_body);
}

guint
dav_exchange_get_status (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), 0);

  return self->status;
}

const char *
dav_exchange_get_reason (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), NULL);

  return self->reason;
}

gint64
dav_exchange_get_started (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), 0);

  return self->started;
}

gint64
dav_exchange_get_headers_us (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), -1);

  return self->headers_us;
}

gint64
dav_exchange_get_duration_us (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), -1);

  return self->duration_us;
}

gboolean
dav_exchange_get_finished (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), FALSE);

  return self->finished;
}

const char *
dav_exchange_get_error (DavExchange *self)
{
  g_return_val_if_fail (DAV_IS_EXCHANGE (self), NULL);

  return self->error;
}

static gint64
elapsed_us (DavExchange *self)
{
  return MAX (0, g_get_monotonic_time () - self->begin_monotonic);
}

/* Replaces a string field, announcing it only when it changed. */
static void
set_string (DavExchange *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
}

void
dav_exchange_set_request_headers (DavExchange        *self,
                                  SoupMessageHeaders *headers)
{
  g_return_if_fail (DAV_IS_EXCHANGE (self));

  g_clear_pointer (&self->request_headers, g_ptr_array_unref);
  self->request_headers = headers_from_soup (headers);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REQUEST_HEADERS]);
}

void
dav_exchange_set_request_body (DavExchange *self,
                               const char  *data,
                               gsize        length)
{
  gboolean was_truncated;
  gsize old_size;

  g_return_if_fail (DAV_IS_EXCHANGE (self));
  g_return_if_fail (data != NULL || length == 0);

  was_truncated = body_is_truncated (&self->request_body);
  old_size = self->request_body.size;

  body_clear (&self->request_body);
  body_append (&self->request_body, self->body_cap, data, length);

  g_object_freeze_notify (G_OBJECT (self));
  if (old_size != self->request_body.size)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REQUEST_BODY_SIZE]);
  if (was_truncated != body_is_truncated (&self->request_body))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REQUEST_BODY_TRUNCATED]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
dav_exchange_set_response (DavExchange        *self,
                           guint               status,
                           const char         *reason,
                           SoupMessageHeaders *headers)
{
  gint64 headers_us;

  g_return_if_fail (DAV_IS_EXCHANGE (self));

  headers_us = elapsed_us (self);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
    }

  set_string (self, &self->reason, reason, PROP_REASON);

  g_clear_pointer (&self->response_headers, g_ptr_array_unref);
  self->response_headers = headers_from_soup (headers);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RESPONSE_HEADERS]);

  if (self->headers_us != headers_us)
    {
      self->headers_us = headers_us;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HEADERS_US]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

void
dav_exchange_append_response_body (DavExchange *self,
                                   const char  *data,
                                   gsize        length)
{
  gboolean was_truncated;

  g_return_if_fail (DAV_IS_EXCHANGE (self));
  g_return_if_fail (data != NULL || length == 0);

  was_truncated = body_is_truncated (&self->response_body);
  body_append (&self->response_body, self->body_cap, data, length);

  g_object_freeze_notify (G_OBJECT (self));
  if (length > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RESPONSE_BODY_SIZE]);
  if (was_truncated != body_is_truncated (&self->response_body))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RESPONSE_BODY_TRUNCATED]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
dav_exchange_finish (DavExchange  *self,
                     const GError *error)
{
  g_return_if_fail (DAV_IS_EXCHANGE (self));
  g_return_if_fail (!self->finished);

  g_object_freeze_notify (G_OBJECT (self));

  self->duration_us = elapsed_us (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DURATION_US]);

  if (error != NULL)
    set_string (self, &self->error, error->message, PROP_ERROR);

  self->finished = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FINISHED]);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Copy as curl.
 *
 * The command is pasted into a terminal, so what it shows must be what it
 * runs: a header or body with control characters, bidi controls or
 * invalid UTF-8 is not written inline.  Left out on purpose:
 *  - Host, Content-Length, Connection and Accept-Encoding, which curl sets
 *    itself (and Accept-Encoding would bring a compressed body back raw);
 *  - every credential: Authorization becomes -u "$USER" (curl asks for the
 *    password), Proxy-Authorization and cookies are dropped;
 *  - a body that was cut, or is not text: --data-binary @FILE and a
 *    "# body not kept" comment at the end of the line. */

static const char * const curl_sets_itself[] = {
  "Host",
  "Content-Length",
  "Connection",
  "Accept-Encoding",
};

static gboolean
is_pasteable (const char *text,
              gsize       length,
              gboolean    allow_newline)
{
  const char *end = text + length;

  /* Also rejects an embedded NUL. */
  if (!g_utf8_validate_len (text, length, NULL))
    return FALSE;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t' || (c == '\n' && allow_newline))
        continue;
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || dav_text_is_format_char (c))
        return FALSE;
    }

  return TRUE;
}

/* An RFC 9110 §5.6.2 token; curl reads "-H @file" as a file of headers,
 * so a name must never start with anything else. */
static gboolean
is_token (const char *name)
{
  if (*name == '\0')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("!#$%&'*+-.^_`|~", *p) == NULL)
      return FALSE;

  return TRUE;
}

/* Appends " ARG", quoted with g_shell_quote () unless it is plainly safe
 * ("-X PROPFIND" rather than "-X 'PROPFIND'"). */
static void
append_arg (GString    *out,
            const char *arg)
{
  static const char safe[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@%+:,./_-";

  g_string_append_c (out, ' ');

  if (arg[0] != '\0' && arg[strspn (arg, safe)] == '\0')
    {
      g_string_append (out, arg);
    }
  else
    {
      g_autofree char *quoted = g_shell_quote (arg);

      g_string_append (out, quoted);
    }
}

/* Percent-encodes what a URL must not hold raw (RFC 3986 §2.1), so that
 * the command stays on one line and shows what is sent. */
static char *
url_for_shell (const char *url)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) url; *p != '\0'; p++)
    {
      if (*p <= 0x20 || *p >= 0x7F)
        g_string_append_printf (out, "%%%02X", *p);
      else
        g_string_append_c (out, (char) *p);
    }

  return g_string_free (out, FALSE);
}

char *
dav_exchange_to_curl (DavExchange *self)
{
  GString *out;
  GBytes *body;
  g_autofree char *url = NULL;
  gboolean has_user = FALSE;
  gboolean has_content_type = FALSE;
  gboolean headers_left_out = FALSE;
  gboolean body_not_kept = FALSE;

  g_return_val_if_fail (DAV_IS_EXCHANGE (self), NULL);

  out = g_string_new ("curl");

  /* curl -X HEAD would wait for a body that never comes. */
  if (g_ascii_strcasecmp (self->method, "HEAD") == 0)
    {
      g_string_append (out, " --head");
    }
  else
    {
      g_string_append (out, " -X");
      append_arg (out, self->method);
    }

  g_string_append (out, " --http1.1");

  for (guint i = 0; i < self->request_headers->len; i++)
    {
      const DavHeader *header = g_ptr_array_index (self->request_headers, i);
      g_autofree char *arg = NULL;

      if (name_in (header->name, curl_sets_itself, G_N_ELEMENTS (curl_sets_itself)))
        continue;

      if (header_is_secret (header->name))
        {
          if (g_ascii_strcasecmp (header->name, "Authorization") == 0 && !has_user)
            {
              g_string_append (out, " -u \"$USER\"");
              has_user = TRUE;
            }
          continue;
        }

      if (!is_token (header->name) ||
          !is_pasteable (header->value, strlen (header->value), FALSE))
        {
          headers_left_out = TRUE;
          continue;
        }

      if (g_ascii_strcasecmp (header->name, "Content-Type") == 0)
        has_content_type = TRUE;

      /* "Name:" would make curl remove the header; "Name;" sends it empty. */
      if (header->value[0] == '\0')
        arg = g_strdup_printf ("%s;", header->name);
      else
        arg = g_strdup_printf ("%s: %s", header->name, header->value);

      g_string_append (out, " -H");
      append_arg (out, arg);
    }

  body = body_get_bytes (&self->request_body);
  if (body != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (body, &length);

      if (data == NULL)
        data = "";

      /* Otherwise curl sends application/x-www-form-urlencoded. */
      if (!has_content_type)
        g_string_append (out, " -H 'Content-Type:'");

      if (!body_is_truncated (&self->request_body) &&
          is_pasteable (data, length, TRUE))
        {
          g_autofree char *text = g_strndup (data, length);

          /* --data-binary reads "@name" as a file name; --data-raw does not. */
          g_string_append (out, text[0] == '@' ? " --data-raw" : " --data-binary");
          append_arg (out, text);
        }
      else
        {
          g_string_append (out, " --data-binary @FILE");
          body_not_kept = TRUE;
        }
    }

  url = url_for_shell (self->url);
  append_arg (out, url);

  if (body_not_kept)
    g_string_append_printf (out, " # body not kept (%" G_GSIZE_FORMAT " bytes)",
                            self->request_body.size);
  if (headers_left_out)
    g_string_append (out, body_not_kept
                          ? "; headers with control characters left out"
                          : " # headers with control characters left out");

  return g_string_free (out, FALSE);
}
