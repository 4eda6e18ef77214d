/* dav-packed-response.c: a plain DavResponse kept in one allocation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The block: its size (guint32), then in order the response's line and
 * index, status, reason, status line, its hrefs, and its propstats, each
 * with status, reason, status line and properties (namespace, name,
 * value, is_xml). Numbers are LEB128 varints. A string is a varint v:
 * 0 is NULL, an odd v is entry (v - 1) / 2 of `common` (the texts nearly
 * every row of a listing repeats), an even v is an inline string of
 * v / 2 - 1 bytes and a NUL, so that a value can be read in place
 * (dav_packed_response_peek_text).
 */

#include "dav-packed-response.h"

#include <string.h>

struct _DavPackedResponse
{
  guint32 size;   /* of the whole block */
  guint8  data[];
};

/* With their lengths: packing compares each string of 100,000 rows with
 * these, and the length rules out nearly all of them. */
#define TEXT(s) { s, sizeof (s) - 1 }
static const struct {
  const char *text;
  gsize       length;
} common[] = {
  TEXT (""),
  TEXT ("DAV:"),
  TEXT ("HTTP/1.1 200 OK"),
  TEXT ("OK"),
  TEXT ("HTTP/1.1 404 Not Found"),
  TEXT ("Not Found"),
  TEXT ("HTTP/1.1 403 Forbidden"),
  TEXT ("Forbidden"),
  TEXT ("<collection xmlns=\"DAV:\"/>"),
  TEXT ("resourcetype"),
  TEXT ("getcontentlength"),
  TEXT ("getlastmodified"),
  TEXT ("getcontenttype"),
  TEXT ("getetag"),
  TEXT ("displayname"),
  TEXT ("lockdiscovery"),
  TEXT ("supportedlock"),
  TEXT ("creationdate"),
  TEXT ("getcontentlanguage"),
  TEXT ("quota-used-bytes"),
  TEXT ("quota-available-bytes"),
  TEXT ("httpd/unix-directory"),
  TEXT ("application/octet-stream"),
  TEXT ("text/plain"),
};
#undef TEXT

static void
put_number (GByteArray *out,
            guint64     number)
{
  do
    {
      guint8 byte = number & 0x7f;

      number >>= 7;
      if (number != 0)
        byte |= 0x80;
      g_byte_array_append (out, &byte, 1);
    }
  while (number != 0);
}

static void
put_string (GByteArray *out,
            const char *text)
{
  gsize length;

  if (text == NULL)
    {
      put_number (out, 0);
      return;
    }

  length = strlen (text);
  for (gsize i = 0; i < G_N_ELEMENTS (common); i++)
    if (common[i].length == length && memcmp (text, common[i].text, length) == 0)
      {
        put_number (out, 2 * i + 1);
        return;
      }

  put_number (out, 2 * ((guint64) length + 1));
  g_byte_array_append (out, (const guint8 *) text, length + 1);
}

static gboolean
is_plain (const DavResponse *response)
{
  if (response->errors->len > 0 || response->problems->len > 0 ||
      response->description != NULL || response->location != NULL)
    return FALSE;

  for (guint i = 0; i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      if (propstat->errors->len > 0 || propstat->description != NULL)
        return FALSE;
      for (guint j = 0; j < propstat->properties->len; j++)
        {
          const DavProperty *property = g_ptr_array_index (propstat->properties, j);

          if (property->status != propstat->status)
            return FALSE;
        }
    }

  return TRUE;
}

DavPackedResponse *
dav_packed_response_new (const DavResponse *response)
{
  g_autoptr(GByteArray) out = NULL;
  DavPackedResponse *self;
  guint32 size;

  g_return_val_if_fail (response != NULL, NULL);

  if (!is_plain (response))
    return NULL;

  out = g_byte_array_sized_new (256);
  put_number (out, response->line);
  put_number (out, response->index);
  put_number (out, response->status);
  put_string (out, response->reason);
  put_string (out, response->status_line);
  put_number (out, response->hrefs->len);
  for (guint i = 0; i < response->hrefs->len; i++)
    put_string (out, g_ptr_array_index (response->hrefs, i));
  put_number (out, response->propstats->len);
  for (guint i = 0; i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      put_number (out, propstat->status);
      put_string (out, propstat->reason);
      put_string (out, propstat->status_line);
      put_number (out, propstat->properties->len);
      for (guint j = 0; j < propstat->properties->len; j++)
        {
          const DavProperty *property = g_ptr_array_index (propstat->properties, j);

          put_string (out, property->namespace_uri);
          put_string (out, property->name);
          put_string (out, property->value);
          put_number (out, property->is_xml ? 1 : 0);
        }
    }

  if (out->len > G_MAXUINT32 - sizeof (DavPackedResponse))
    return NULL;
  size = sizeof (DavPackedResponse) + out->len;
  self = g_malloc (size);
  self->size = size;
  memcpy (self->data, out->data, out->len);

  return self;
}

typedef struct {
  const guint8 *at;
  const guint8 *end;
} Reader;

static guint64
get_number (Reader *reader)
{
  guint64 number = 0;
  guint shift = 0;

  while (reader->at < reader->end)
    {
      guint8 byte = *reader->at++;

      number |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        break;
      shift += 7;
    }

  return number;
}

/* Inline strings hold no NUL: the parser never keeps one. */
static char *
get_string (Reader *reader)
{
  guint64 v = get_number (reader);
  gsize length;
  char *text;

  if (v == 0)
    return NULL;
  if (v & 1)
    return g_strdup (common[(v - 1) / 2].text);

  length = v / 2 - 1;
  g_assert (length < (gsize) (reader->end - reader->at));
  text = g_strndup ((const char *) reader->at, length);
  reader->at += length + 1;

  return text;
}

/* The string where it is, without a copy. */
static const char *
peek_string (Reader *reader)
{
  guint64 v = get_number (reader);
  const char *text;
  gsize length;

  if (v == 0)
    return NULL;
  if (v & 1)
    return common[(v - 1) / 2].text;

  length = v / 2 - 1;
  g_assert (length < (gsize) (reader->end - reader->at));
  text = (const char *) reader->at;
  reader->at += length + 1;

  return text;
}

const char *
dav_packed_response_peek_text (const DavPackedResponse *self,
                               const char              *namespace_uri,
                               const char              *name)
{
  Reader reader;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (namespace_uri != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  reader.at = self->data;
  reader.end = (const guint8 *) self + self->size;

  get_number (&reader);  /* line */
  get_number (&reader);  /* index */
  get_number (&reader);  /* status */
  peek_string (&reader);
  peek_string (&reader);
  n = get_number (&reader);
  for (guint i = 0; i < n; i++)
    peek_string (&reader);
  n = get_number (&reader);
  for (guint i = 0; i < n; i++)
    {
      guint status = get_number (&reader);
      gboolean found = status >= 200 && status < 300;
      guint n_properties;

      peek_string (&reader);
      peek_string (&reader);
      n_properties = get_number (&reader);
      for (guint j = 0; j < n_properties; j++)
        {
          const char *property_namespace = peek_string (&reader);
          const char *property_name = peek_string (&reader);
          const char *value = peek_string (&reader);
          gboolean is_xml = get_number (&reader) != 0;

          /* As dav_response_find_property: the first found one. */
          if (found && g_strcmp0 (property_name, name) == 0 &&
              g_strcmp0 (property_namespace, namespace_uri) == 0)
            return is_xml ? NULL : value;
        }
    }

  return NULL;
}

DavResponse *
dav_packed_response_unpack (const DavPackedResponse *self)
{
  Reader reader;
  DavResponse *response;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);

  reader.at = self->data;
  reader.end = (const guint8 *) self + self->size;

  response = dav_response_new ();
  response->line = get_number (&reader);
  response->index = get_number (&reader);
  response->status = get_number (&reader);
  response->reason = get_string (&reader);
  response->status_line = get_string (&reader);
  n = get_number (&reader);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (response->hrefs, get_string (&reader));
  n = get_number (&reader);
  for (guint i = 0; i < n; i++)
    {
      DavPropstat *propstat = dav_propstat_new ();
      guint n_properties;

      propstat->status = get_number (&reader);
      propstat->reason = get_string (&reader);
      propstat->status_line = get_string (&reader);
      n_properties = get_number (&reader);
      for (guint j = 0; j < n_properties; j++)
        {
          g_autofree char *namespace_uri = get_string (&reader);
          g_autofree char *name = get_string (&reader);
          DavProperty *property = dav_property_new (namespace_uri, name);

          property->value = get_string (&reader);
          property->is_xml = get_number (&reader) != 0;
          property->status = propstat->status;
          g_ptr_array_add (propstat->properties, property);
        }
      g_ptr_array_add (response->propstats, propstat);
    }

  return response;
}

gsize
dav_packed_response_get_size (const DavPackedResponse *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->size;
}

void
dav_packed_response_free (DavPackedResponse *self)
{
  g_free (self);
}
