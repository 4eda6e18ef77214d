/* dav-test-files.h: what a test made on the local disk, removed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the tests' own library (tests/lib). A test that makes a
 * temporary folder removes it with what is in it, so runs leave nothing
 * behind in the temporary directory.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void remove_tree (const char *path);

G_END_DECLS
