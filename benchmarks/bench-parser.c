/* bench-parser.c: the multistatus parser alone, on a body read from a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds FILE in 64 KiB chunks, as the client does with a response body,
 * with a response callback that only counts (so memory stays flat), and
 * prints the responses, the time and the throughput.
 */

#include <gio/gio.h>
#include <stdio.h>

#include "dav-multistatus-parser.h"

static void
count_response (DavResponse *response,
                gpointer     user_data)
{
  (*(guint *) user_data)++;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(DavMultistatusParser) parser = NULL;
  g_autoptr(DavMultistatus) result = NULL;
  g_autoptr(GError) error = NULL;
  char *buffer;
  guint64 bytes = 0;
  guint count = 0;
  gint64 start;
  double seconds;

  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-parser FILE\n");
      return 1;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  input = g_file_read (file, NULL, &error);
  if (input == NULL)
    {
      fprintf (stderr, "bench-parser: %s\n", error->message);
      return 1;
    }

  buffer = g_malloc (64 * 1024);
  parser = dav_multistatus_parser_new ();
  dav_multistatus_parser_set_response_func (parser, count_response, &count, NULL);

  start = g_get_monotonic_time ();
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (input), buffer, 64 * 1024, NULL, &error);

      if (n <= 0)
        break;
      bytes += n;
      if (!dav_multistatus_parser_feed (parser, buffer, n, NULL))
        break;
    }
  result = dav_multistatus_parser_finish (parser);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_free (buffer);

  printf ("%u responses, %s, %.3f s, %.1f MB/s\n", count,
          result->complete ? "complete" : "INCOMPLETE", seconds, bytes / seconds / 1e6);

  return result->complete ? 0 : 3;
}
