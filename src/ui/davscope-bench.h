/* davscope-bench.h: DAVSCOPE_BENCH=1 timings of a window's root listing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dav-folder.h"
#include "davscope-browser-view.h"

G_BEGIN_DECLS

/* Starts measuring @root's listing in @window, when DAVSCOPE_BENCH=1;
 * does nothing otherwise. */
void davscope_bench_begin (GtkWidget           *window,
                           DavscopeBrowserView *browser,
                           DavFolder           *root);

G_END_DECLS
