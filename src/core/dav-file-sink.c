/* dav-file-sink.c: a local file's output stream as a download's sink,
 * written in place while it is small
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GET writes its body with g_output_stream_write_all_async (). A file's
 * own stream does that in GIO's thread pool: for each of 1,000 small files
 * a hand-over to a worker and back before the next GET could go out on
 * that connection; on a busy machine each hand-over waits for a thread to
 * be scheduled (benchmarks/RESULTS.md, "s11b"). This stream is pollable
 * (always writable) while fewer than SMALL bytes went through it, so such
 * a write of a few KiB to the page cache happens in place. Past that it
 * says it cannot be polled, and GIO writes through its threads as before:
 * a big download's writes can wait on a busy disk, and must not hold the
 * main loop. It leaves the file open when closed: the download closes and
 * commits it itself.
 */

#include "dav-file-sink.h"

#define SMALL (64 * 1024)

struct _DavFileSink
{
  GOutputStream  parent_instance;

  GOutputStream *base;
  gsize          written;   /* only counted up to SMALL */
};

static void dav_file_sink_pollable_init (GPollableOutputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DavFileSink, dav_file_sink, G_TYPE_OUTPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_OUTPUT_STREAM,
                                                      dav_file_sink_pollable_init))

static gssize
dav_file_sink_write_base (DavFileSink   *self,
                          const void    *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  gssize n = g_output_stream_write (self->base, buffer, count, cancellable, error);

  if (n > 0)
    self->written = MIN (self->written + n, SMALL);
  return n;
}

/* In a worker thread once the file is past SMALL, in place before. */
static gssize
dav_file_sink_write (GOutputStream  *stream,
                     const void     *buffer,
                     gsize           count,
                     GCancellable   *cancellable,
                     GError        **error)
{
  return dav_file_sink_write_base (DAV_FILE_SINK (stream), buffer, count, cancellable, error);
}

static gboolean
dav_file_sink_flush (GOutputStream  *stream,
                     GCancellable   *cancellable,
                     GError        **error)
{
  return g_output_stream_flush (DAV_FILE_SINK (stream)->base, cancellable, error);
}

static gboolean
dav_file_sink_close (GOutputStream  *stream,
                     GCancellable   *cancellable,
                     GError        **error)
{
  return TRUE;
}

static gboolean
dav_file_sink_can_poll (GPollableOutputStream *stream)
{
  return DAV_FILE_SINK (stream)->written < SMALL;
}

static gboolean
dav_file_sink_is_writable (GPollableOutputStream *stream)
{
  return TRUE;
}

/* Always writable: a source that is ready at once. */
static GSource *
dav_file_sink_create_source (GPollableOutputStream *stream,
                             GCancellable          *cancellable)
{
  g_autoptr(GSource) ready = g_timeout_source_new (0);

  return g_pollable_source_new_full (stream, ready, cancellable);
}

static gssize
dav_file_sink_write_nonblocking (GPollableOutputStream  *stream,
                                 const void             *buffer,
                                 gsize                   count,
                                 GError                **error)
{
  return dav_file_sink_write_base (DAV_FILE_SINK (stream), buffer, count, NULL, error);
}

static void
dav_file_sink_pollable_init (GPollableOutputStreamInterface *iface)
{
  iface->can_poll = dav_file_sink_can_poll;
  iface->is_writable = dav_file_sink_is_writable;
  iface->create_source = dav_file_sink_create_source;
  iface->write_nonblocking = dav_file_sink_write_nonblocking;
}

static void
dav_file_sink_finalize (GObject *object)
{
  g_clear_object (&DAV_FILE_SINK (object)->base);

  G_OBJECT_CLASS (dav_file_sink_parent_class)->finalize (object);
}

static void
dav_file_sink_class_init (DavFileSinkClass *klass)
{
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = dav_file_sink_finalize;
  stream_class->write_fn = dav_file_sink_write;
  stream_class->flush = dav_file_sink_flush;
  stream_class->close_fn = dav_file_sink_close;
}

static void
dav_file_sink_init (DavFileSink *self)
{
}

GOutputStream *
dav_file_sink_new (GOutputStream *base)
{
  DavFileSink *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (base), NULL);

  self = g_object_new (DAV_TYPE_FILE_SINK, NULL);
  self->base = g_object_ref (base);

  return G_OUTPUT_STREAM (self);
}
