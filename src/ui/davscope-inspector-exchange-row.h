/* davscope-inspector-exchange-row.h: a row of the inspector's exchanges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the inspector's files only.
 */

#pragma once

#include <gtk/gtk.h>

#include "dav-exchange.h"

G_BEGIN_DECLS

#define DAVSCOPE_TYPE_INSPECTOR_EXCHANGE_ROW (davscope_inspector_exchange_row_get_type ())

G_DECLARE_FINAL_TYPE (DavscopeInspectorExchangeRow, davscope_inspector_exchange_row, DAVSCOPE, INSPECTOR_EXCHANGE_ROW, GtkWidget)

GtkWidget *davscope_inspector_exchange_row_new          (void);
/* The exchange shown and followed while it runs, or NULL (property "exchange"). */
void       davscope_inspector_exchange_row_set_exchange (DavscopeInspectorExchangeRow *self,
                                                         DavExchange                  *exchange);

G_END_DECLS
