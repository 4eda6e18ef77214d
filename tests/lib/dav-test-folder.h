/* dav-test-folder.h: a folder as text, to compare two listings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the tests' own library (tests/lib). Everything a DavFolder
 * says (its state, its problems, its own resource and each row with
 * every field and what the details pane reads), a line each, so that
 * two listings of the same folder (the parser on a thread and not, say)
 * compare as strings and a difference is named by its first line.
 */

#pragma once

#include "dav-folder.h"

G_BEGIN_DECLS

char *dav_test_describe_folder     (DavFolder  *folder);
/* Equal, or fails naming the first line where they differ. */
void  dav_test_assert_same_listing (const char *got,
                                    const char *want);

G_END_DECLS
