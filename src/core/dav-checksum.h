/* dav-checksum.h: the checksum a server offers for a file, and checking it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Servers say what a file's bytes hash to in several ways: RFC 3230
 * `Digest: sha-256=<base64>`, RFC 9530 `Repr-Digest: sha-256=:<base64>:`
 * (and `Content-Digest`, which covers only the bytes of this answer), and
 * ownCloud and Nextcloud `OC-Checksum: SHA1:<hex>` (the same text as their
 * oc:checksums property). A download or an upload is checked against the
 * strongest one offered (docs/architecture.md, "Transfers").
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct {
  GChecksumType  type;
  char          *name;    /* "SHA-256", for people */
  char          *source;  /* the header or property it came from */
  char          *hex;     /* what the server says, lower-case hex */
} DavChecksum;

/* The strongest checksum in @headers of the whole file, or NULL.
 * @whole_body: the body of this answer is the whole file, unencoded (a
 * 200 without Content-Encoding), so Content-Digest counts too. */
DavChecksum *dav_checksum_from_headers (SoupMessageHeaders *headers,
                                        gboolean            whole_body);
/* The strongest of an ownCloud list "SHA1:… MD5:… ADLER32:…" (the
 * OC-Checksum header, the oc:checksums property), or NULL. */
DavChecksum *dav_checksum_from_oc      (const char         *value,
                                        const char         *source);
DavChecksum *dav_checksum_copy         (const DavChecksum  *self);
void         dav_checksum_free         (DavChecksum        *self);
/* The lower-case hex @type of the file at @file's bytes; blocking, for a
 * worker thread. */
char        *dav_checksum_compute_file (GChecksumType       type,
                                        GFile              *file,
                                        GCancellable       *cancellable,
                                        GError            **error);
/* "Its SHA-256 matches the one the server gave in Repr-Digest.", for a
 * report. */
char        *dav_checksum_describe_match (const DavChecksum *self);
/* dav_checksum_compute_file () in a worker thread. */
void         dav_checksum_compute_file_async  (GChecksumType        type,
                                               GFile               *file,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char        *dav_checksum_compute_file_finish (GAsyncResult        *result,
                                               GError             **error);
/* Whether @hex, of the local bytes, is what the server said; if not,
 * @error says so, for people. */
gboolean     dav_checksum_check        (const DavChecksum  *self,
                                        const char         *hex,
                                        GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavChecksum, dav_checksum_free)

G_END_DECLS
