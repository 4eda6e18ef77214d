/* dav-json-writer.c: a small streaming JSON writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-json-writer.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

static inline void
newline (DavJsonWriter *self)
{
  /* A line break and the indentation, in one append where they fit. */
  static const char line[] = "\n                                                                ";
  gsize indent;

  if (!self->pretty)
    return;

  /* Two spaces per open level. */
  indent = (gsize) self->depth * 2;
  if (G_LIKELY (indent < sizeof line - 1))
    {
      append_len (self->out, line, indent + 1);
      return;
    }

  append_byte (self->out, '\n');
  while (indent > 0)
    {
      gsize n = MIN (indent, sizeof line - 2);

      append_len (self->out, line + 1, n);
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

/* Whether any of the eight bytes of @word needs a look: a control, the
 * quote, the backslash, DEL or a byte of a UTF-8 sequence. Each test is
 * the usual "has a zero byte" trick, exact about whether some byte
 * matches (not about which one), which is all that is asked. */
static inline gboolean
word_needs_look (guint64 word)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 quote = word ^ (ones * '"');
  guint64 backslash = word ^ (ones * '\\');
  guint64 del = word ^ (ones * 0x7F);

  return (((word & highs) |
           ((word - ones * 0x20) & ~word) |
           ((quote - ones) & ~quote) |
           ((backslash - ones) & ~backslash) |
           ((del - ones) & ~del)) & highs) != 0;
}

/* The length of the start of @text (@length bytes) that needs no
 * escape: whole words first, then the last few bytes as one more word,
 * read again where it overlaps or padded with spaces. */
static inline gsize
plain_prefix (const char *text,
              gsize       length)
{
  gsize i = 0;
  guint64 word;

#ifdef __SSE2__
  /* Sixteen bytes at a time where the processor has SSE2 (every x86-64):
   * compared as signed bytes, the controls and every byte of a UTF-8
   * sequence are below the space. */
  while (i + 16 <= length)
    {
      __m128i bytes = _mm_loadu_si128 ((const __m128i *) (const void *) (text + i));
      __m128i look = _mm_or_si128 (_mm_or_si128 (_mm_cmplt_epi8 (bytes, _mm_set1_epi8 (0x20)),
                                                 _mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ('"'))),
                                   _mm_or_si128 (_mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ('\\')),
                                                 _mm_cmpeq_epi8 (bytes, _mm_set1_epi8 (0x7F))));
      int mask = _mm_movemask_epi8 (look);

      if (mask != 0)
        return i + (gsize) __builtin_ctz ((unsigned int) mask);
      i += 16;
    }
#endif

  while (i + 8 <= length)
    {
      memcpy (&word, text + i, sizeof word);
      if (word_needs_look (word))
        break;
      i += 8;
    }

  if (i < length && length - i < 8)
    {
      if (length >= 8)
        memcpy (&word, text + length - 8, sizeof word);
      else
        {
          word = G_GUINT64_CONSTANT (0x2020202020202020);
          memcpy (&word, text, length);
        }
      if (!word_needs_look (word))
        return length;
    }

  while (i < length && (guchar) text[i] < 0x80 && plain_ascii[(guchar) text[i]])
    i++;

  return i;
}

/* The length of the UTF-8 sequence at @p (before @end) when it stands
 * for itself in a JSON string: a character of two bytes, or of three
 * from U+0800 to U+EFFF but for U+2028 and U+2029 (and no surrogate);
 * else 0, and append_escaped_tail() judges it, as it does four-byte ones
 * and the U+Fxxx block with its non-characters. Names of files are
 * mostly in these ranges (accented Latin, CJK), so they are copied whole
 * like plain ASCII. */
static inline gsize
plain_sequence (const guchar *p,
                const guchar *end)
{
  guchar c = p[0];

  if (c >= 0xC2 && c <= 0xDF)
    return end - p >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;

  if (c < 0xE0 || c > 0xEE || end - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
    return 0;
  if (c == 0xE0 && p[1] < 0xA0)   /* overlong */
    return 0;
  if (c == 0xED && p[1] > 0x9F)   /* a surrogate */
    return 0;
  if (c == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
    return 0;

  return 3;
}

/* The length of the start of @text that needs no escape, UTF-8
 * sequences of plain_sequence() included. */
static inline gsize
plain_span (const char *text,
            gsize       length)
{
  gsize i = plain_prefix (text, length);

  while (i < length && (guchar) text[i] >= 0x80)
    {
      gsize n = plain_sequence ((const guchar *) text + i, (const guchar *) text + length);

      if (n == 0)
        break;
      i += n;
      i += plain_prefix (text + i, length - i);
    }

  return i;
}

/* Escapes @text from @p on, which needs it; @run is where the bytes not
 * written yet start. */
static void
append_escaped_tail (GString      *out,
                     const guchar *run,
                     const guchar *p,
                     const guchar *end)
{
  while (p < end)
    {
      guchar c = *p;

      if (c < 0x80 && plain_ascii[c])
        {
          p++;
          continue;
        }

      if (c >= 0x80)
        {
          gunichar u = g_utf8_get_char_validated ((const char *) p, end - p);

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
}

/* Appends @text quoted, then @suffix (@suffix_length bytes, at most 2).
 * Most strings of a listing need no escape: they are copied whole, with
 * their quotes, in one step. */
static inline G_ALWAYS_INLINE void
append_quoted (GString    *out,
               const char *text,
               const char *suffix,
               gsize       suffix_length)
{
  gsize length = strlen (text);
  gsize plain = plain_span (text, length);

  if (G_LIKELY (plain == length && out->len + length + 4 < out->allocated_len))
    {
      char *q = out->str + out->len;

      *q++ = '"';
      memcpy (q, text, length);
      q += length;
      *q++ = '"';
      memcpy (q, suffix, suffix_length);
      q += suffix_length;
      *q = '\0';
      out->len = q - out->str;
      return;
    }

  append_byte (out, '"');
  append_len (out, text, plain);
  append_escaped_tail (out, (const guchar *) text + plain, (const guchar *) text + plain,
                       (const guchar *) text + length);
  append_byte (out, '"');
  append_len (out, suffix, suffix_length);
}

void
dav_json_append_string (GString    *out,
                        const char *text)
{
  append_quoted (out, text, "", 0);
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

static inline G_ALWAYS_INLINE void
write_member (DavJsonWriter *self,
              const char    *name)
{
  before_value (self);
  if (self->pretty)
    append_quoted (self->out, name, ": ", 2);
  else
    append_quoted (self->out, name, ":", 1);
  self->after_member = TRUE;
}

static inline G_ALWAYS_INLINE void
write_string (DavJsonWriter *self,
              const char    *value)
{
  before_value (self);
  if (value == NULL)
    append_literal (self->out, "null");
  else
    append_quoted (self->out, value, "", 0);
}

void
dav_json_writer_member (DavJsonWriter *self,
                        const char    *name)
{
  write_member (self, name);
}

void
dav_json_writer_string (DavJsonWriter *self,
                        const char    *value)
{
  write_string (self, value);
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
  write_member (self, name);
  write_string (self, value);
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
  write_member (self, name);
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
  write_member (self, name);
  before_value (self);
  if (value)
    append_literal (self->out, "true");
  else
    append_literal (self->out, "false");
}

void
dav_json_writer_piece_begin (DavJsonWriter *self,
                             DavJsonPiece  *piece)
{
  g_return_if_fail (self->depth > 0 && !self->after_member);

  dav_json_piece_clear (piece);
  piece->length = self->out->len;
  piece->depth = self->depth;
  piece->n_values = self->counts[self->depth - 1];
  piece->first = piece->n_values == 0;
}

void
dav_json_writer_piece_end (DavJsonWriter *self,
                           DavJsonPiece  *piece)
{
  gsize start = piece->length;

  /* Kept only when it closed what it opened and ended on a whole value. */
  if (self->depth != piece->depth || self->after_member || start > self->out->len)
    {
      dav_json_piece_clear (piece);
      return;
    }

  piece->length = self->out->len - start;
  piece->text = g_memdup2 (self->out->str + start, piece->length + 1);
  piece->text[piece->length] = '\0';
  piece->n_values = self->counts[self->depth - 1] - piece->n_values;
}

gboolean
dav_json_writer_piece_write (DavJsonWriter      *self,
                             const DavJsonPiece *piece)
{
  if (piece->text == NULL || self->after_member || self->depth != piece->depth ||
      (self->counts[self->depth - 1] == 0) != piece->first)
    return FALSE;

  append_len (self->out, piece->text, piece->length);
  self->counts[self->depth - 1] += piece->n_values;

  return TRUE;
}

void
dav_json_piece_clear (DavJsonPiece *piece)
{
  g_clear_pointer (&piece->text, g_free);
  piece->length = 0;
  piece->n_values = 0;
  piece->depth = 0;
  piece->first = FALSE;
}
