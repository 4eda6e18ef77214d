/* dav-json-writer.h: a small streaming JSON writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reports and listings can hold 100,000 items: they are written out as
 * they are produced, without building a tree first.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DavJsonWriter DavJsonWriter;

DavJsonWriter *dav_json_writer_new          (gboolean       pretty);
void           dav_json_writer_free         (DavJsonWriter *self);
/* What was written so far; the caller may write it out and truncate it. */
GString       *dav_json_writer_get_buffer   (DavJsonWriter *self);
char          *dav_json_writer_free_to_string (DavJsonWriter *self);

void dav_json_writer_begin_object (DavJsonWriter *self);
void dav_json_writer_end_object   (DavJsonWriter *self);
void dav_json_writer_begin_array  (DavJsonWriter *self);
void dav_json_writer_end_array    (DavJsonWriter *self);
/* Names the next value, inside an object. */
void dav_json_writer_member       (DavJsonWriter *self,
                                   const char    *name);
/* NULL writes null. Invalid UTF-8 becomes U+FFFD. */
void dav_json_writer_string       (DavJsonWriter *self,
                                   const char    *value);
void dav_json_writer_int          (DavJsonWriter *self,
                                   gint64         value);
void dav_json_writer_boolean      (DavJsonWriter *self,
                                   gboolean       value);
void dav_json_writer_null         (DavJsonWriter *self);

/* Shorthands for a member and its value. */
void dav_json_writer_add_string   (DavJsonWriter *self,
                                   const char    *name,
                                   const char    *value);
void dav_json_writer_add_int      (DavJsonWriter *self,
                                   const char    *name,
                                   gint64         value);
/* 0 is written as null: "no status". */
void dav_json_writer_add_status   (DavJsonWriter *self,
                                   const char    *name,
                                   guint          status);
void dav_json_writer_add_boolean  (DavJsonWriter *self,
                                   const char    *name,
                                   gboolean       value);

/* A run of values (or members) that repeats from one item to the next,
 * written once and then copied: a listing of 100,000 entries writes the
 * same status explanation and the same property names 100,000 times.
 * Between dav_json_writer_piece_begin() and _end() the caller writes
 * whole values at the open level (members with their values, inside an
 * object), and does not truncate the buffer. dav_json_writer_piece_write()
 * copies them where the writer is in the same place: the same level, and
 * first at it or not; else it writes nothing and returns FALSE, and the
 * caller writes the values itself. */
typedef struct {
  /*< private >*/
  char    *text;      /* NULL: nothing kept */
  gsize    length;    /* while being written: where it starts */
  guint    n_values;  /* while being written: the count at the start */
  guint    depth;
  gboolean first;
} DavJsonPiece;

void     dav_json_writer_piece_begin (DavJsonWriter      *self,
                                      DavJsonPiece       *piece);
void     dav_json_writer_piece_end   (DavJsonWriter      *self,
                                      DavJsonPiece       *piece);
gboolean dav_json_writer_piece_write (DavJsonWriter      *self,
                                      const DavJsonPiece *piece);
void     dav_json_piece_clear        (DavJsonPiece       *piece);

/* Appends @text to @out as a quoted JSON string. */
void dav_json_append_string       (GString       *out,
                                   const char    *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavJsonWriter, dav_json_writer_free)

G_END_DECLS
