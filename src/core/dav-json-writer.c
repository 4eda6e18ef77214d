/* dav-json-writer.c: a small streaming JSON writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-json-writer.h"

#include <string.h>

struct _DavJsonWriter
{
  GString  *out;
  guint    *counts;       /* values written so far at each open level */
  guint     depth;        /* open levels */
  guint     n_allocated;  /* room in counts */
  gboolean  pretty;
  gboolean  after_member; /* a member name was written; its value follows */
};

/* Appends @length bytes: a copy when they fit, GString's own growth when
 * not. A listing appends ~100 pieces per entry, most of a few bytes, so
 * the call into g_string_insert_len() would cost more than the copy. */
static inline void
append_len (GString    *out,
            const char *data,
            gsize       length)
{
  if (G_LIKELY (out->len + length < out->allocated_len))
    {
      memcpy (out->str + out->len, data, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, data, length);
}

#define append_literal(out, literal) append_len ((out), (literal), sizeof (literal) - 1)

static inline void
append_byte (GString *out,
             char     c)
{
  if (G_LIKELY (out->len + 1 < out->allocated_len))
    {
      out->str[out->len++] = c;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_c (out, c);
}

DavJsonWriter *
dav_json_writer_new (gboolean pretty)
{
  DavJsonWriter *self = g_new0 (DavJsonWriter, 1);

  self->out = g_string_sized_new (4096);
  self->n_allocated = 16;
  self->counts = g_new0 (guint, self->n_allocated);
  self->pretty = pretty;

  return self;
}

void
dav_json_writer_free (DavJsonWriter *self)
{
  if (self == NULL)
    return;

  g_string_free (self->out, TRUE);
  g_free (self->counts);
  g_free (self);
}

GString *
dav_json_writer_get_buffer (DavJsonWriter *self)
{
  return self->out;
}

char *
dav_json_writer_free_to_string (DavJsonWriter *self)
{
  char *text = g_string_free (g_steal_pointer (&self->out), FALSE);

  self->out = g_string_new (NULL);
  dav_json_writer_free (self);

  return text;
}

static void
newline (DavJsonWriter *self)
{
  static const char spaces[] = "                                                                ";
  gsize indent;

  if (!self->pretty)
    return;

  append_byte (self->out, '\n');
  /* Two spaces per open level. */
  indent = (gsize) self->depth * 2;
  while (indent > 0)
    {
      gsize n = MIN (indent, sizeof spaces - 1);

      append_len (self->out, spaces, n);
      indent -= n;
    }
}

/* Separates a value from the one before it at its level. */
static inline void
before_value (DavJsonWriter *self)
{
  guint *count;

  if (self->after_member)
    {
      self->after_member = FALSE;
      return;
    }

  if (self->depth == 0)
    return;

  count = &self->counts[self->depth - 1];
  if (*count > 0)
    append_byte (self->out, ',');
  (*count)++;
  newline (self);
}

/* Which ASCII bytes stand for themselves in a JSON string: not the
 * controls, DEL, the quote and the backslash. */
static const guint8 plain_ascii[128] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* '"' */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,   /* '\\' */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,   /* DEL */
};

/* "\u" and four lower-case hex digits. */
static void
append_unicode_escape (GString *out,
                       guint    code)
{
  static const char hex[] = "0123456789abcdef";
  char escape[6] = { '\\', 'u',
                     hex[(code >> 12) & 0xF], hex[(code >> 8) & 0xF],
                     hex[(code >> 4) & 0xF], hex[code & 0xF] };

  append_len (out, escape, sizeof escape);
}

void
dav_json_append_string (GString    *out,
                        const char *text)
{
  const guchar *p = (const guchar *) text;
  const char *end = NULL;  /* found at the first non-ASCII byte */
  const guchar *run;

  append_byte (out, '"');
  /* Bytes that need no escape are copied in runs, one append per run. */
  run = p;
  for (;;)
    {
      guchar c = *p;

      if (c < 0x80 && plain_ascii[c])
        {
          p++;
          continue;
        }

      if (c == '\0')
        break;

      if (c >= 0x80)
        {
          gunichar u;

          if (end == NULL)
            end = (const char *) p + strlen ((const char *) p);
          u = g_utf8_get_char_validated ((const char *) p, end - (const char *) p);

          if (u == (gunichar) -1 || u == (gunichar) -2)
            {
              append_len (out, (const char *) run, p - run);
              append_literal (out, "\\ufffd");
              p++;
              run = p;
            }
          else if (u == 0x2028 || u == 0x2029)
            {
              /* U+2028 and U+2029 end lines in JavaScript. */
              append_len (out, (const char *) run, p - run);
              append_unicode_escape (out, u);
              p = (const guchar *) g_utf8_next_char (p);
              run = p;
            }
          else
            p = (const guchar *) g_utf8_next_char (p);
          continue;
        }

      append_len (out, (const char *) run, p - run);
      switch (c)
        {
        case '"':  append_literal (out, "\\\""); break;
        case '\\': append_literal (out, "\\\\"); break;
        case '\n': append_literal (out, "\\n"); break;
        case '\r': append_literal (out, "\\r"); break;
        case '\t': append_literal (out, "\\t"); break;
        default:    append_unicode_escape (out, c); break;
        }
      p++;
      run = p;
    }
  append_len (out, (const char *) run, p - run);
  append_byte (out, '"');
}

static void
begin (DavJsonWriter *self,
       char           bracket)
{
  before_value (self);
  append_byte (self->out, bracket);
  if (self->depth == self->n_allocated)
    {
      self->n_allocated *= 2;
      self->counts = g_renew (guint, self->counts, self->n_allocated);
    }
  self->counts[self->depth++] = 0;
}

static void
end (DavJsonWriter *self,
     char           bracket)
{
  guint count;

  g_return_if_fail (self->depth > 0);

  count = self->counts[--self->depth];
  if (count > 0)
    newline (self);
  append_byte (self->out, bracket);
  if (self->depth == 0 && self->pretty)
    append_byte (self->out, '\n');
}

void
dav_json_writer_begin_object (DavJsonWriter *self)
{
  begin (self, '{');
}

void
dav_json_writer_end_object (DavJsonWriter *self)
{
  end (self, '}');
}

void
dav_json_writer_begin_array (DavJsonWriter *self)
{
  begin (self, '[');
}

void
dav_json_writer_end_array (DavJsonWriter *self)
{
  end (self, ']');
}

void
dav_json_writer_member (DavJsonWriter *self,
                        const char    *name)
{
  before_value (self);
  dav_json_append_string (self->out, name);
  if (self->pretty)
    append_literal (self->out, ": ");
  else
    append_byte (self->out, ':');
  self->after_member = TRUE;
}

void
dav_json_writer_string (DavJsonWriter *self,
                        const char    *value)
{
  before_value (self);
  if (value == NULL)
    append_literal (self->out, "null");
  else
    dav_json_append_string (self->out, value);
}

void
dav_json_writer_int (DavJsonWriter *self,
                     gint64         value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  /* The magnitude as unsigned: -G_MAXINT64 - 1 has no positive twin. */
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  before_value (self);
  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  append_len (self->out, p, digits + sizeof digits - p);
}

void
dav_json_writer_boolean (DavJsonWriter *self,
                         gboolean       value)
{
  before_value (self);
  if (value)
    append_literal (self->out, "true");
  else
    append_literal (self->out, "false");
}

void
dav_json_writer_null (DavJsonWriter *self)
{
  before_value (self);
  append_literal (self->out, "null");
}

void
dav_json_writer_add_string (DavJsonWriter *self,
                            const char    *name,
                            const char    *value)
{
  dav_json_writer_member (self, name);
  dav_json_writer_string (self, value);
}

void
dav_json_writer_add_int (DavJsonWriter *self,
                         const char    *name,
                         gint64         value)
{
  dav_json_writer_member (self, name);
  dav_json_writer_int (self, value);
}

void
dav_json_writer_add_status (DavJsonWriter *self,
                            const char    *name,
                            guint          status)
{
  dav_json_writer_member (self, name);
  if (status == 0)
    dav_json_writer_null (self);
  else
    dav_json_writer_int (self, status);
}

void
dav_json_writer_add_boolean (DavJsonWriter *self,
                             const char    *name,
                             gboolean       value)
{
  dav_json_writer_member (self, name);
  dav_json_writer_boolean (self, value);
}
