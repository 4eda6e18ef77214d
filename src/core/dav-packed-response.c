/* dav-packed-response.c: a plain DavResponse kept in one allocation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The block: its length (after that number), then the response's shape,
 * line and index, its status, reason, status line and hrefs, and its
 * propstats, each with status, reason, status line and properties
 * (namespace, name, value, is_xml). Numbers are LEB128 varints. The
 * shape says what a listing's row nearly always is, so that the block
 * does not spell it out: SHAPE_ONE_HREF, no status, reason or status
 * line of its own and one href (else they and the number of hrefs
 * follow); SHAPE_ONE_PROPSTAT, one propstat (else their number follows).
 * A propstat's head is a number too: 0, then its status, reason and
 * status line; else entry n - 1 of `heads`. A property's head is
 * 2 * code + is_xml: code 0, then its namespace and name; else
 * ("DAV:", dav_names[code - 1]). An nginx row of 100,000 is then 39
 * bytes (a 48-byte malloc chunk) rather than 60 (80).
 * A string is a varint v:
 * 0 is NULL, an odd v is entry (v - 1) / 2 of `common` (the texts nearly
 * every row of a listing repeats), an even v is an inline string of
 * v / 2 - 1 bytes and a NUL, so that a value can be read in place
 * (dav_packed_response_peek_text). Two odd codes past the table stand
 * for what a row would otherwise spell out: TAIL, an href that is the
 * last n bytes of the base the block was packed with (the resource's
 * own URL), then n; DATE, a DAV:getlastmodified in the form of RFC 9110
 * (IMF-fixdate) that reads back byte for byte, then its Unix time.
 */

#include "dav-packed-response.h"

#include <string.h>

/* DavPackedResponse has no fields: a block is its bytes (above). */
#define BYTES(self) ((const guint8 *) (self))

#define SHAPE_ONE_HREF     1
#define SHAPE_ONE_PROPSTAT 2

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

/* The DAV: properties a listing asks for and servers send unasked. */
static const char *const dav_names[] = {
  "resourcetype", "getcontentlength", "getlastmodified", "getcontenttype",
  "getetag", "displayname", "lockdiscovery", "supportedlock", "creationdate",
  "getcontentlanguage", "quota-used-bytes", "quota-available-bytes",
};

/* The propstat heads of nearly every row. */
static const struct {
  guint       status;
  const char *reason;
  const char *status_line;
} heads[] = {
  { 200, "OK", "HTTP/1.1 200 OK" },
  { 404, "Not Found", "HTTP/1.1 404 Not Found" },
  { 403, "Forbidden", "HTTP/1.1 403 Forbidden" },
};

/* The codes past the table (see the top of the file). */
#define TAIL G_N_ELEMENTS (common)
#define DATE (G_N_ELEMENTS (common) + 1)

static const char weekdays[7][4] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };
static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* Days since 1970-01-01 of a proleptic Gregorian date (year >= 1970). */
static gint64
days_from_civil (gint64 y, guint m, guint d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = y / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
put_digits (char  *out,
            guint  value,
            guint  n)
{
  while (n-- > 0)
    {
      out[n] = '0' + value % 10;
      value /= 10;
    }
}

/* IMF-fixdate of @t into @out (30 bytes with the NUL). */
static void
format_date (guint64 t, char out[30])
{
  gint64 z = (gint64) (t / 86400) + 719468, era, doe, yoe, y, doy, mp;
  guint d, m, secs = t % 86400;

  era = z / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  /* By hand: g_snprintf for 100,000 rows costs more than the rest. */
  memcpy (out, weekdays[(t / 86400) % 7], 3);
  memcpy (out + 3, ", ", 2);
  put_digits (out + 5, d, 2);
  out[7] = ' ';
  memcpy (out + 8, months[m - 1], 3);
  out[11] = ' ';
  put_digits (out + 12, y, 4);
  out[16] = ' ';
  put_digits (out + 17, secs / 3600, 2);
  out[19] = ':';
  put_digits (out + 20, secs / 60 % 60, 2);
  out[22] = ':';
  put_digits (out + 23, secs % 60, 2);
  memcpy (out + 25, " GMT", 5);
}

static guint
two_digits (const char *p)
{
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return 100;
  return (p[0] - '0') * 10 + (p[1] - '0');
}

/* The Unix time of @text when formatting it again gives @text byte for
 * byte (so the block gives back what the server sent), else FALSE. */
static gboolean
parse_date (const char *text,
            gsize       length,
            guint64    *out)
{
  guint d, m, y, hh, mm, ss;
  char again[30];

  if (length != 29 || text[3] != ',')
    return FALSE;
  d = two_digits (text + 5);
  for (m = 0; m < 12 && memcmp (text + 8, months[m], 3) != 0; m++)
    ;
  y = two_digits (text + 12) * 100 + two_digits (text + 14);
  hh = two_digits (text + 17);
  mm = two_digits (text + 20);
  ss = two_digits (text + 23);
  if (d < 1 || d > 31 || m == 12 || y < 1970 || y > 9999 || hh > 23 || mm > 59 || ss > 59)
    return FALSE;

  *out = (guint64) days_from_civil (y, m + 1, d) * 86400 + hh * 3600 + mm * 60 + ss;
  format_date (*out, again);
  return memcmp (again, text, 30) == 0;
}

/* What a response is packed into before it gets its own block: a plain
 * growing buffer (g_byte_array_append's generic path was half the cost
 * of packing a row). */
typedef struct {
  guint8 *data;
  gsize   len;
  gsize   size;
} Buffer;

static void
append (Buffer       *out,
        const guint8 *bytes,
        gsize         n)
{
  if (n > out->size - out->len)
    {
      out->size = MAX (out->size * 2, out->len + n);
      out->data = g_realloc (out->data, out->size);
    }
  memcpy (out->data + out->len, bytes, n);
  out->len += n;
}

static void
put_number (Buffer     *out,
            guint64     number)
{
  /* Seven bits a byte: at most ten, appended at once (a call a byte was
   * a fifth of the packing). */
  guint8 bytes[10];
  guint n = 0;

  do
    {
      bytes[n] = number & 0x7f;
      number >>= 7;
      if (number != 0)
        bytes[n] |= 0x80;
      n++;
    }
  while (number != 0);
  append (out, bytes, n);
}

static void
put_string (Buffer     *out,
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
  append (out, (const guint8 *) text, length + 1);
}

/* An href: the tail of @base when it is one. */
static void
put_href (Buffer     *out,
          const char *href,
          const char *base)
{
  gsize length, base_length;

  if (href != NULL && base != NULL)
    {
      length = strlen (href);
      base_length = strlen (base);
      if (length > 0 && length <= base_length && memcmp (base + base_length - length, href, length) == 0)
        {
          put_number (out, 2 * TAIL + 1);
          put_number (out, length);
          return;
        }
    }
  put_string (out, href);
}

static void
put_value (Buffer            *out,
           const DavProperty *property)
{
  guint64 t;

  if (property->value != NULL && !property->is_xml &&
      strcmp (property->name, "getlastmodified") == 0 &&
      g_strcmp0 (property->namespace_uri, "DAV:") == 0 &&
      parse_date (property->value, strlen (property->value), &t))
    {
      put_number (out, 2 * DATE + 1);
      put_number (out, t);
      return;
    }
  put_string (out, property->value);
}

static void
scratch_free (gpointer data)
{
  Buffer *buffer = data;

  g_free (buffer->data);
  g_free (buffer);
}

static GPrivate scratch = G_PRIVATE_INIT (scratch_free);

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
  return dav_packed_response_new_with_base (response, NULL);
}

/* The head of a propstat: an entry of `heads`, or 0 and the three. */
static void
put_propstat_head (Buffer            *out,
                   const DavPropstat *propstat)
{
  for (gsize i = 0; i < G_N_ELEMENTS (heads); i++)
    if (propstat->status == heads[i].status && g_strcmp0 (propstat->reason, heads[i].reason) == 0 &&
        g_strcmp0 (propstat->status_line, heads[i].status_line) == 0)
      {
        put_number (out, i + 1);
        return;
      }

  put_number (out, 0);
  put_number (out, propstat->status);
  put_string (out, propstat->reason);
  put_string (out, propstat->status_line);
}

/* The head of a property: its name as an entry of `dav_names`, or
 * spelled out; and whether its value is XML. */
static void
put_property_head (Buffer            *out,
                   const DavProperty *property)
{
  guint is_xml = property->is_xml ? 1 : 0;

  if (g_strcmp0 (property->namespace_uri, "DAV:") == 0)
    for (gsize i = 0; i < G_N_ELEMENTS (dav_names); i++)
      if (g_strcmp0 (property->name, dav_names[i]) == 0)
        {
          put_number (out, 2 * (i + 1) + is_xml);
          return;
        }

  put_number (out, is_xml);
  put_string (out, property->namespace_uri);
  put_string (out, property->name);
}

static guint
number_length (guint64 number)
{
  guint n = 1;

  while (number >>= 7)
    n++;
  return n;
}

DavPackedResponse *
dav_packed_response_new_with_base (const DavResponse *response,
                                   const char        *base)
{
  Buffer *out;
  Buffer head = { NULL, 0, 0 };
  guint8 *block;
  guint shape = 0;

  g_return_val_if_fail (response != NULL, NULL);

  if (!is_plain (response))
    return NULL;

  /* One buffer a thread, kept: a listing packs every row in turn. */
  out = g_private_get (&scratch);
  if (out == NULL)
    {
      out = g_new0 (Buffer, 1);
      g_private_set (&scratch, out);
    }
  out->len = 0;
  if (response->status == 0 && response->reason == NULL && response->status_line == NULL &&
      response->hrefs->len == 1)
    shape |= SHAPE_ONE_HREF;
  if (response->propstats->len == 1)
    shape |= SHAPE_ONE_PROPSTAT;
  put_number (out, shape);
  put_number (out, response->line);
  put_number (out, response->index);
  if ((shape & SHAPE_ONE_HREF) == 0)
    {
      put_number (out, response->status);
      put_string (out, response->reason);
      put_string (out, response->status_line);
      put_number (out, response->hrefs->len);
    }
  for (guint i = 0; i < response->hrefs->len; i++)
    put_href (out, g_ptr_array_index (response->hrefs, i), base);
  if ((shape & SHAPE_ONE_PROPSTAT) == 0)
    put_number (out, response->propstats->len);
  for (guint i = 0; i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      put_propstat_head (out, propstat);
      put_number (out, propstat->properties->len);
      for (guint j = 0; j < propstat->properties->len; j++)
        {
          const DavProperty *property = g_ptr_array_index (propstat->properties, j);

          put_property_head (out, property);
          put_value (out, property);
        }
    }

  if (out->len > G_MAXUINT32)
    {
      g_private_replace (&scratch, NULL);
      return NULL;
    }
  block = g_malloc (number_length (out->len) + out->len);
  head.data = block;
  head.size = number_length (out->len);
  put_number (&head, out->len);
  memcpy (block + head.len, out->data, out->len);
  /* A rare huge value does not stay behind for good. */
  if (out->len > 64 * 1024)
    g_private_replace (&scratch, NULL);

  return (DavPackedResponse *) block;
}

typedef struct {
  const guint8 *at;
  const guint8 *end;
  const char   *base;
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
  if (v == 2 * TAIL + 1)
    {
      gsize base_length;

      length = get_number (reader);
      g_return_val_if_fail (reader->base != NULL, g_strdup (""));
      base_length = strlen (reader->base);
      g_assert (length <= base_length);
      return g_strdup (reader->base + base_length - length);
    }
  if (v == 2 * DATE + 1)
    {
      text = g_malloc (30);
      format_date (get_number (reader), text);
      return text;
    }
  if (v & 1)
    return g_strdup (common[(v - 1) / 2].text);

  length = v / 2 - 1;
  g_assert (length < (gsize) (reader->end - reader->at));
  text = g_strndup ((const char *) reader->at, length);
  reader->at += length + 1;

  return text;
}

/* The string where it is, without a copy; NULL for TAIL and DATE,
 * which are not spelled out in the block. */
static const char *
peek_string (Reader *reader)
{
  guint64 v = get_number (reader);
  const char *text;
  gsize length;

  if (v == 0)
    return NULL;
  if (v == 2 * TAIL + 1 || v == 2 * DATE + 1)
    {
      get_number (reader);
      return NULL;
    }
  if (v & 1)
    return common[(v - 1) / 2].text;

  length = v / 2 - 1;
  g_assert (length < (gsize) (reader->end - reader->at));
  text = (const char *) reader->at;
  reader->at += length + 1;

  return text;
}

/* A reader of @self's bytes after its length, up to its end. */
static void
reader_init (Reader                  *reader,
             const DavPackedResponse *self,
             const char              *base)
{
  guint64 length;

  reader->at = BYTES (self);
  reader->end = reader->at + 10;
  reader->base = base;
  length = get_number (reader);
  reader->end = reader->at + length;
}

/* The property head of a block (see the top of the file). */
static void
get_property_head (Reader      *reader,
                   const char **namespace_uri,
                   const char **name,
                   gboolean    *is_xml,
                   gboolean     copy)
{
  guint64 h = get_number (reader);
  guint64 code = h / 2;

  *is_xml = (h & 1) != 0;
  if (code > 0 && code <= G_N_ELEMENTS (dav_names))
    {
      *namespace_uri = copy ? g_strdup ("DAV:") : "DAV:";
      *name = copy ? g_strdup (dav_names[code - 1]) : dav_names[code - 1];
      return;
    }
  g_assert (code == 0);
  *namespace_uri = copy ? get_string (reader) : peek_string (reader);
  *name = copy ? get_string (reader) : peek_string (reader);
}

/* The propstat head: its status, and its reason and status line when
 * @reason is not NULL (copies). */
static guint
get_propstat_head (Reader  *reader,
                   char   **reason,
                   char   **status_line)
{
  guint64 h = get_number (reader);
  guint status;

  if (h > 0)
    {
      g_assert (h <= G_N_ELEMENTS (heads));
      if (reason != NULL)
        {
          *reason = g_strdup (heads[h - 1].reason);
          *status_line = g_strdup (heads[h - 1].status_line);
        }
      return heads[h - 1].status;
    }
  status = get_number (reader);
  if (reason != NULL)
    {
      *reason = get_string (reader);
      *status_line = get_string (reader);
    }
  else
    {
      peek_string (reader);
      peek_string (reader);
    }
  return status;
}

/* Where the values' strings start in the block (NULL: none) of the
 * @n properties named @names in @namespace_uri, in one pass. */
static void
find_values (const DavPackedResponse *self,
             const char              *namespace_uri,
             const char *const       *names,
             guint                    n_names,
             const guint8           **values)
{
  Reader reader;
  guint n, n_found = 0, shape;
  guint64 seen = 0;

  g_assert (n_names <= 64);
  for (guint k = 0; k < n_names; k++)
    values[k] = NULL;

  reader_init (&reader, self, NULL);
  shape = get_number (&reader);
  get_number (&reader);  /* line */
  get_number (&reader);  /* index */
  n = 1;
  if ((shape & SHAPE_ONE_HREF) == 0)
    {
      get_number (&reader);  /* status */
      peek_string (&reader);
      peek_string (&reader);
      n = get_number (&reader);
    }
  for (guint i = 0; i < n; i++)
    peek_string (&reader);
  n = (shape & SHAPE_ONE_PROPSTAT) != 0 ? 1 : get_number (&reader);
  for (guint i = 0; i < n && n_found < n_names; i++)
    {
      guint status = get_propstat_head (&reader, NULL, NULL);
      gboolean found = status >= 200 && status < 300;
      guint n_properties;

      n_properties = get_number (&reader);
      for (guint j = 0; j < n_properties; j++)
        {
          const char *property_namespace, *property_name;
          const guint8 *value;
          gboolean is_xml;

          get_property_head (&reader, &property_namespace, &property_name, &is_xml, FALSE);
          value = reader.at;
          peek_string (&reader);
          if (!found || g_strcmp0 (property_namespace, namespace_uri) != 0)
            continue;
          /* As dav_response_find_property: the first found one. */
          for (guint k = 0; k < n_names; k++)
            if ((seen & (G_GUINT64_CONSTANT (1) << k)) == 0 && g_strcmp0 (property_name, names[k]) == 0)
              {
                seen |= G_GUINT64_CONSTANT (1) << k;
                n_found++;
                values[k] = is_xml ? NULL : value;
                break;
              }
        }
    }
}

static const guint8 *
find_value (const DavPackedResponse *self,
            const char              *namespace_uri,
            const char              *name)
{
  const guint8 *value;

  find_values (self, namespace_uri, &name, 1, &value);
  return value;
}

static const char *
text_at (const DavPackedResponse *self,
         const guint8            *at)
{
  Reader reader;

  reader_init (&reader, self, NULL);
  reader.at = at;
  return peek_string (&reader);
}

const char *
dav_packed_response_peek_text (const DavPackedResponse *self,
                               const char              *namespace_uri,
                               const char              *name)
{
  const guint8 *at;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (namespace_uri != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  at = find_value (self, namespace_uri, name);
  return at ? text_at (self, at) : NULL;
}

void
dav_packed_response_find_texts (const DavPackedResponse *self,
                                const char              *namespace_uri,
                                const char *const       *names,
                                guint                    n_names,
                                guint16                 *at)
{
  const guint8 *values[8];

  g_return_if_fail (self != NULL);
  g_return_if_fail (namespace_uri != NULL);
  g_return_if_fail (n_names <= G_N_ELEMENTS (values));

  find_values (self, namespace_uri, names, n_names, values);
  for (guint k = 0; k < n_names; k++)
    {
      gsize offset = values[k] ? (gsize) (values[k] - BYTES (self)) : 0;

      if (values[k] == NULL || text_at (self, values[k]) == NULL)
        at[k] = 0;
      else
        at[k] = offset < G_MAXUINT16 ? offset : G_MAXUINT16;
    }
}

const char *
dav_packed_response_text_at (const DavPackedResponse *self,
                             guint16                  at)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (at > 0 && at < G_MAXUINT16 && at < dav_packed_response_get_size (self), NULL);

  return text_at (self, BYTES (self) + at);
}

DavResponse *
dav_packed_response_unpack (const DavPackedResponse *self)
{
  return dav_packed_response_unpack_with_base (self, NULL);
}

DavResponse *
dav_packed_response_unpack_with_base (const DavPackedResponse *self,
                                      const char              *base)
{
  Reader reader;
  DavResponse *response;
  guint n, shape;

  g_return_val_if_fail (self != NULL, NULL);

  reader_init (&reader, self, base);
  shape = get_number (&reader);
  response = dav_response_new ();
  response->line = get_number (&reader);
  response->index = get_number (&reader);
  n = 1;
  if ((shape & SHAPE_ONE_HREF) == 0)
    {
      response->status = get_number (&reader);
      response->reason = get_string (&reader);
      response->status_line = get_string (&reader);
      n = get_number (&reader);
    }
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (response->hrefs, get_string (&reader));
  n = (shape & SHAPE_ONE_PROPSTAT) != 0 ? 1 : get_number (&reader);
  for (guint i = 0; i < n; i++)
    {
      DavPropstat *propstat = dav_propstat_new ();
      guint n_properties;

      propstat->status = get_propstat_head (&reader, &propstat->reason, &propstat->status_line);
      n_properties = get_number (&reader);
      for (guint j = 0; j < n_properties; j++)
        {
          g_autofree char *namespace_uri = NULL;
          g_autofree char *name = NULL;
          DavProperty *property;
          gboolean is_xml;

          get_property_head (&reader, (const char **) &namespace_uri, (const char **) &name, &is_xml, TRUE);
          property = dav_property_new (namespace_uri, name);
          property->value = get_string (&reader);
          property->is_xml = is_xml;
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
  Reader reader;

  g_return_val_if_fail (self != NULL, 0);

  reader_init (&reader, self, NULL);
  return reader.end - BYTES (self);
}

void
dav_packed_response_free (DavPackedResponse *self)
{
  g_free (self);
}
