/* dav-json-writer.c: a small streaming JSON writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-json-writer.h"

#include <string.h>

struct _DavJsonWriter
{
  GString  *out;
  GArray   *counts;       /* values written so far at each open level */
  gboolean  pretty;
  gboolean  after_member; /* a member name was written; its value follows */
};

DavJsonWriter *
dav_json_writer_new (gboolean pretty)
{
  DavJsonWriter *self = g_new0 (DavJsonWriter, 1);

  self->out = g_string_sized_new (4096);
  self->counts = g_array_new (FALSE, TRUE, sizeof (guint));
  self->pretty = pretty;

  return self;
}

void
dav_json_writer_free (DavJsonWriter *self)
{
  if (self == NULL)
    return;

  g_string_free (self->out, TRUE);
  g_array_unref (self->counts);
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
  if (!self->pretty)
    return;

  g_string_append_c (self->out, '\n');
  for (guint i = 0; i < self->counts->len; i++)
    g_string_append (self->out, "  ");
}

/* Separates a value from the one before it at its level. */
static void
before_value (DavJsonWriter *self)
{
  guint *count;

  if (self->after_member)
    {
      self->after_member = FALSE;
      return;
    }

  if (self->counts->len == 0)
    return;

  count = &g_array_index (self->counts, guint, self->counts->len - 1);
  if (*count > 0)
    g_string_append_c (self->out, ',');
  (*count)++;
  newline (self);
}

void
dav_json_append_string (GString    *out,
                        const char *text)
{
  const char *p = text;
  const char *end = text + strlen (text);

  g_string_append_c (out, '"');
  while (p < end)
    {
      guchar c = (guchar) *p;

      if (c >= 0x80)
        {
          gunichar u = g_utf8_get_char_validated (p, end - p);

          if (u == (gunichar) -1 || u == (gunichar) -2)
            {
              g_string_append (out, "\\ufffd");
              p++;
            }
          else
            {
              const char *next = g_utf8_next_char (p);

              /* U+2028 and U+2029 end lines in JavaScript. */
              if (u == 0x2028 || u == 0x2029)
                g_string_append_printf (out, "\\u%04x", u);
              else
                g_string_append_len (out, p, next - p);
              p = next;
            }
          continue;
        }

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7F)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
      p++;
    }
  g_string_append_c (out, '"');
}

static void
begin (DavJsonWriter *self,
       char           bracket)
{
  guint zero = 0;

  before_value (self);
  g_string_append_c (self->out, bracket);
  g_array_append_val (self->counts, zero);
}

static void
end (DavJsonWriter *self,
     char           bracket)
{
  guint count;

  g_return_if_fail (self->counts->len > 0);

  count = g_array_index (self->counts, guint, self->counts->len - 1);
  g_array_set_size (self->counts, self->counts->len - 1);
  if (count > 0)
    newline (self);
  g_string_append_c (self->out, bracket);
  if (self->counts->len == 0 && self->pretty)
    g_string_append_c (self->out, '\n');
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
  g_string_append (self->out, self->pretty ? ": " : ":");
  self->after_member = TRUE;
}

void
dav_json_writer_string (DavJsonWriter *self,
                        const char    *value)
{
  before_value (self);
  if (value == NULL)
    g_string_append (self->out, "null");
  else
    dav_json_append_string (self->out, value);
}

void
dav_json_writer_int (DavJsonWriter *self,
                     gint64         value)
{
  before_value (self);
  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, value);
}

void
dav_json_writer_boolean (DavJsonWriter *self,
                         gboolean       value)
{
  before_value (self);
  g_string_append (self->out, value ? "true" : "false");
}

void
dav_json_writer_null (DavJsonWriter *self)
{
  before_value (self);
  g_string_append (self->out, "null");
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
