/* bench-model.c: the resource model alone, listing a folder over HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists URL into a DavResourceStore, as the window does (the same
 * properties, the same folder batches), without GTK, and prints how many
 * resources it holds and what they cost: heap bytes in use (mallinfo2)
 * and peak RSS, before and after, per resource.  The exchange log keeps
 * at most its body cap of the response (256 KiB), so what grows with the
 * folder is the model: DavResource, the response it was made from (packed,
 * dav-packed-response.h, for the details pane and the status badges) and
 * the folder's index by URL.  mallinfo2 counts what malloc holds, with its
 * per-block overhead; benchmarks/run-model runs it on Apache or nginx.
 * For where the bytes go, run it under valgrind --tool=massif (mallinfo2
 * then says nothing: valgrind replaces malloc) and read ms_print's last
 * snapshot.
 */

#include <gio/gio.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "dav-client.h"
#include "dav-resource-store.h"

static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* A line of /proc/self/status in KiB ("VmRSS", "VmHWM"): the peak
 * against what is resident at the end tells the transient from the
 * steady state. */
static long
status_kib (const char *field)
{
  g_autofree char *text = NULL;
  const char *line;
  gsize len = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return -1;
  for (line = text; line != NULL && *line != '\0'; line = strchr (line, '\n') ? strchr (line, '\n') + 1 : NULL)
    if (strncmp (line, field, len) == 0 && line[len] == ':')
      return g_ascii_strtoll (line + len + 1, NULL, 10);

  return -1;
}

static void
on_notify (DavFolder  *folder,
           GParamSpec *pspec,
           GMainLoop  *loop)
{
  if (dav_folder_get_loaded (folder) && !dav_folder_get_loading (folder))
    g_main_loop_quit (loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DavClient) client = NULL;
  g_autoptr(DavResourceStore) store = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  DavFolder *root;
  gsize heap_before, heap_after;
  long rss_before, rss_after;
  gint64 start;
  guint n;

  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-model URL\n");
      return 1;
    }

  client = dav_client_new (argv[1], &error);
  if (client == NULL)
    {
      fprintf (stderr, "bench-model: %s\n", error->message);
      return 1;
    }
  store = dav_resource_store_new (client);
  root = dav_resource_store_get_root (store);
  loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (root, "notify", G_CALLBACK (on_notify), loop);

  heap_before = heap_in_use ();
  rss_before = peak_rss_kib ();
  start = g_get_monotonic_time ();
  dav_resource_store_load (store, root);
  g_main_loop_run (loop);

  if (dav_folder_get_error (root) != NULL)
    {
      fprintf (stderr, "bench-model: %s\n", dav_folder_get_error_message (root));
      return 1;
    }

  heap_after = heap_in_use ();
  rss_after = peak_rss_kib ();
  n = g_list_model_get_n_items (G_LIST_MODEL (root));
  printf ("%u resources, %s, %.3f s\n", n, dav_folder_get_complete (root) ? "complete" : "INCOMPLETE",
          (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  printf ("heap in use: %.1f MiB more, %.0f B per resource\n",
          (heap_after - heap_before) / 1048576.0, n ? (double) (heap_after - heap_before) / n : 0.0);
  printf ("peak RSS: %.1f MiB (%.1f MiB more), %.0f B per resource\n", rss_after / 1024.0,
          (rss_after - rss_before) / 1024.0, n ? (rss_after - rss_before) * 1024.0 / n : 0.0);

  printf ("at the end: VmHWM %.1f MiB, VmRSS %.1f MiB", status_kib ("VmHWM") / 1024.0,
          status_kib ("VmRSS") / 1024.0);
  malloc_trim (0);
  printf (", VmRSS after malloc_trim %.1f MiB\n", status_kib ("VmRSS") / 1024.0);

  return dav_folder_get_complete (root) ? 0 : 1;
}
