/* davscope-bench.h: DAVSCOPE_BENCH=1 timings of a window's root listings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Measures each root listing @window's browser view shows from now on,
 * printing on stderr (benchmarks/run-gui reads it). For DAVSCOPE_BENCH=1. */
void davscope_bench_attach (GtkWidget *window);

G_END_DECLS
