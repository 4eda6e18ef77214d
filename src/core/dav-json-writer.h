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

/* Appends @text to @out as a quoted JSON string. */
void dav_json_append_string       (GString       *out,
                                   const char    *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavJsonWriter, dav_json_writer_free)

G_END_DECLS
