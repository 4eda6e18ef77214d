/* dav-multistatus-parser.h: streaming parser for 207 Multi-Status bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libxml2 SAX2 push parser, fed chunk by chunk as the body arrives.
 * Each DavResponse is handed over as soon as its end tag is read. Hostile
 * input is safe: no DTD, no entities, no network, bounded depth, sizes and
 * counts. Nothing is silently dropped.
 */

#pragma once

#include <glib-object.h>

#include "dav-multistatus.h"

G_BEGIN_DECLS

typedef struct {
  guint64 max_body_bytes;       /* 0: no limit */
  guint   max_depth;            /* element nesting */
  guint   max_responses;
  guint   max_propstats;        /* per response */
  guint   max_properties;       /* per response */
  gsize   max_value_bytes;      /* per property value or text field; longer is cut */
} DavParserLimits;

/* Defaults: 1 GiB, depth 64, 1,000,001 responses (a folder of a million
 * and its own), 64 propstats and 1,024 properties per response, 100 KiB
 * per value (neon's limits). */
void dav_parser_limits_init_default (DavParserLimits *limits);

/* Called for each response as soon as it ends; take a reference to keep it. */
typedef void (*DavResponseFunc) (DavResponse *response,
                                 gpointer     user_data);

#define DAV_TYPE_MULTISTATUS_PARSER (dav_multistatus_parser_get_type ())

G_DECLARE_FINAL_TYPE (DavMultistatusParser, dav_multistatus_parser, DAV, MULTISTATUS_PARSER, GObject)

DavMultistatusParser *dav_multistatus_parser_new     (void);
void                  dav_multistatus_parser_set_limits
                                                     (DavMultistatusParser  *self,
                                                      const DavParserLimits *limits);
/* The charset parameter of the body's Content-Type, or NULL when there
 * was none. A document in another encoding than it says is an error
 * (docs/hostile-servers.md case 15). Before the first feed. */
void                  dav_multistatus_parser_set_charset
                                                     (DavMultistatusParser  *self,
                                                      const char            *charset);
/* With a func, responses go to it and are not kept in the result (memory
 * stays flat in the body size); without one, they are collected. */
void                  dav_multistatus_parser_set_response_func
                                                     (DavMultistatusParser  *self,
                                                      DavResponseFunc        func,
                                                      gpointer               user_data,
                                                      GDestroyNotify         destroy);
/* Parses on a thread of its own (before the first feed, or later, as
 * long as the thread was not started and the input did not end; what was
 * fed before was parsed inline): feed() only
 * queues a copy of the bytes, so reading the next chunk and parsing this
 * one overlap, and the response func runs on that thread (for the last
 * block, parsed by finish(), on the caller's). What is parsed,
 * the problems, the limits and the result are the same as without it:
 * the thread cuts the input into the same blocks. At most
 * DAV_MULTISTATUS_PARSER_QUEUED bytes wait; feed() blocks beyond that. */
#define DAV_MULTISTATUS_PARSER_QUEUED (4 * 1024 * 1024)
void                  dav_multistatus_parser_set_threaded
                                                     (DavMultistatusParser  *self,
                                                      gboolean               threaded);
/* With a thread: whether DAV_MULTISTATUS_PARSER_QUEUED bytes or more
 * wait, so that the next feed() would block. A caller whose main loop
 * must go on meanwhile waits for room instead. */
gboolean              dav_multistatus_parser_is_backed_up
                                                     (DavMultistatusParser  *self);
/* Waits until everything fed so far is parsed and its responses handed
 * on (a no-op without a thread). */
void                  dav_multistatus_parser_drain   (DavMultistatusParser  *self);
/* The body broke off (an error, a cancel): everything fed is parsed,
 * the last piece shorter than a block too, and every response that came
 * whole is handed on, with the thread or without. Nothing may be fed
 * after it. */
void                  dav_multistatus_parser_cut     (DavMultistatusParser  *self);
/* Returns FALSE once parsing has stopped (malformed XML, DTD, limit): the
 * error says why; what was parsed before stays in the result. With a
 * thread, a stop is noticed by the feed after the one that caused it. */
gboolean              dav_multistatus_parser_feed    (DavMultistatusParser  *self,
                                                      const char            *data,
                                                      gsize                  length,
                                                      GError               **error);
/* Ends the document and returns the result; never NULL. Call once. */
DavMultistatus       *dav_multistatus_parser_finish  (DavMultistatusParser  *self);

/* Parses a whole body at once. */
DavMultistatus       *dav_multistatus_parse          (const char            *data,
                                                      gsize                  length,
                                                      const DavParserLimits *limits);

G_END_DECLS
