/* dav-xml-encoding.h: which encoding an XML document is in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The encoding a document is in, from its first bytes (XML 1.0
 * appendix F): a byte order mark, UTF-16 without one, or the encoding
 * declaration; "UTF-8" when nothing says otherwise. The name is as the
 * document wrote it; free it. */
char *dav_xml_sniff_encoding (const guint8 *data,
                              gsize         length);

/* A charset name in one spelling: "utf-8", "UTF8" and "Utf_8" are all
 * "UTF8"; every name of Latin-1 is "ISO88591". Free it. */
char *dav_charset_canonical  (const char   *name);

G_END_DECLS
