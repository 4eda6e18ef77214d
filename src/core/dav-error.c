/* dav-error.c: the DAV_ERROR domain of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-error.h"

G_DEFINE_QUARK (dav-error-quark, dav_error)
