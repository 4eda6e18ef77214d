/* dav-body-stream.c: a local file's bytes as a request body, read in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup writes a streamed request body with g_output_stream_splice_async (),
 * 8 KiB at a time. A GFileInputStream reads asynchronously through GIO's
 * thread pool, so every 8 KiB went to a worker thread and back: a 1 GiB PUT
 * spent three times curl's time, much of it in futex () (benchmarks/RESULTS.md,
 * "1 GiB PUT"). This stream is pollable and always readable, so those reads happen
 * in the main thread where they are asked, mostly from the page cache or its
 * read-ahead (a file on a slow network mount could hold the loop for a
 * read's time; downloads keep their writes in threads, as a write can wait
 * far longer on a busy disk). Once a file proves longer than one splice
 * chunk, it is read BUFFER_SIZE at a time and handed out from memory: one
 * read () per 64 KiB as curl does, not one per 8 KiB (a quarter of the
 * system calls of a big PUT were those reads). It leaves its source open
 * when libsoup closes it, so a request sent again (after a 401) seeks the
 * source back and wraps it anew (what this wrapper had read ahead goes
 * with it).
 */

#include "dav-body-stream.h"

#include <string.h>

/* Below glibc's mmap threshold, so a buffer costs no mmap () and munmap (). */
#define BUFFER_SIZE (64 * 1024)

struct _DavBodyStream
{
  GInputStream  parent_instance;

  GInputStream *source;
  guint8       *buffer;     /* NULL until a read filled the caller's whole count */
  gsize         start;      /* what of buffer is not handed out yet */
  gsize         end;
};

static void dav_body_stream_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DavBodyStream, dav_body_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      dav_body_stream_pollable_init))

/* A small file (most of a bulk upload) is read straight into the caller's
 * buffer and never gets one of its own. */
static gssize
dav_body_stream_read_buffered (DavBodyStream  *self,
                               void           *buffer,
                               gsize           count,
                               GCancellable   *cancellable,
                               GError        **error)
{
  gsize n;

  if (self->start == self->end)
    {
      gssize got;

      if (self->buffer == NULL || count >= BUFFER_SIZE)
        {
          got = g_input_stream_read (self->source, buffer, count, cancellable, error);
          if (got > 0 && (gsize) got == count && self->buffer == NULL)
            self->buffer = g_malloc (BUFFER_SIZE);
          return got;
        }
      got = g_input_stream_read (self->source, self->buffer, BUFFER_SIZE, cancellable, error);
      if (got <= 0)
        return got;
      self->start = 0;
      self->end = got;
    }
  n = MIN (count, self->end - self->start);
  memcpy (buffer, self->buffer + self->start, n);
  self->start += n;

  return n;
}

static gssize
dav_body_stream_read (GInputStream  *stream,
                      void          *buffer,
                      gsize          count,
                      GCancellable  *cancellable,
                      GError       **error)
{
  return dav_body_stream_read_buffered (DAV_BODY_STREAM (stream), buffer, count, cancellable, error);
}

static gboolean
dav_body_stream_close (GInputStream  *stream,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return TRUE;
}

/* Nothing to close, so no thread for it either (GInputStream's own
 * close_async runs close_fn in one). */
static void
dav_body_stream_close_async (GInputStream        *stream,
                             int                  io_priority,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, dav_body_stream_close_async);
  g_task_return_boolean (task, TRUE);
}

static gboolean
dav_body_stream_close_finish (GInputStream  *stream,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
dav_body_stream_can_poll (GPollableInputStream *stream)
{
  return TRUE;
}

static gboolean
dav_body_stream_is_readable (GPollableInputStream *stream)
{
  return TRUE;
}

/* Always readable: a source that is ready at once. */
static GSource *
dav_body_stream_create_source (GPollableInputStream *stream,
                               GCancellable         *cancellable)
{
  g_autoptr(GSource) ready = g_timeout_source_new (0);

  return g_pollable_source_new_full (stream, ready, cancellable);
}

static gssize
dav_body_stream_read_nonblocking (GPollableInputStream  *stream,
                                  void                  *buffer,
                                  gsize                  count,
                                  GError               **error)
{
  return dav_body_stream_read_buffered (DAV_BODY_STREAM (stream), buffer, count, NULL, error);
}

static void
dav_body_stream_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = dav_body_stream_can_poll;
  iface->is_readable = dav_body_stream_is_readable;
  iface->create_source = dav_body_stream_create_source;
  iface->read_nonblocking = dav_body_stream_read_nonblocking;
}

static void
dav_body_stream_finalize (GObject *object)
{
  DavBodyStream *self = DAV_BODY_STREAM (object);

  g_clear_object (&self->source);
  g_clear_pointer (&self->buffer, g_free);

  G_OBJECT_CLASS (dav_body_stream_parent_class)->finalize (object);
}

static void
dav_body_stream_class_init (DavBodyStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = dav_body_stream_finalize;
  stream_class->read_fn = dav_body_stream_read;
  stream_class->close_fn = dav_body_stream_close;
  stream_class->close_async = dav_body_stream_close_async;
  stream_class->close_finish = dav_body_stream_close_finish;
}

static void
dav_body_stream_init (DavBodyStream *self)
{
}

GInputStream *
dav_body_stream_new (GInputStream *source)
{
  DavBodyStream *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (source), NULL);

  self = g_object_new (DAV_TYPE_BODY_STREAM, NULL);
  self->source = g_object_ref (source);

  return G_INPUT_STREAM (self);
}
