/* dav-place-list.h: the saved servers and bookmarks, in their order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of DavPlace, read from and written to a key file (the UI
 * uses $XDG_CONFIG_HOME/davscope/servers.ini), and the import of the
 * dav:// and davs:// bookmarks GNOME Files keeps in gtk-3.0/bookmarks
 * (docs/architecture.md).
 */

#pragma once

#include <gio/gio.h>

#include "dav-place.h"

G_BEGIN_DECLS

#define DAV_TYPE_PLACE_LIST (dav_place_list_get_type ())

G_DECLARE_FINAL_TYPE (DavPlaceList, dav_place_list, DAV, PLACE_LIST, GObject)

DavPlaceList *dav_place_list_new                 (void);
/* Replaces the list with the file's places. A missing file is an empty
 * list, not an error; a place without a URL is skipped. */
gboolean      dav_place_list_load                (DavPlaceList  *self,
                                                  const char    *path,
                                                  GError       **error);
/* Writes the list whole and atomically (readable by the user only),
 * making the folder if needed. */
gboolean      dav_place_list_save                (DavPlaceList  *self,
                                                  const char    *path,
                                                  GError       **error);

/* Whether GNOME Files' bookmarks were imported once (saved with the list). */
gboolean      dav_place_list_get_imported        (DavPlaceList  *self);
void          dav_place_list_set_imported        (DavPlaceList  *self,
                                                  gboolean       imported);
/* Adds the dav:// and davs:// lines of the bookmarks file at @path
 * ("URI [label]" per line) as bookmarks of http:// and https:// URLs,
 * with the label as name (else the folder's name) and a user in the URI
 * as the place's user. Other schemes, lines that are not URIs and URLs
 * already in the list are skipped. Returns the number added, -1 with
 * @error when the file cannot be read. */
int           dav_place_list_import_gtk_bookmarks (DavPlaceList *self,
                                                   const char   *path,
                                                   GError      **error);

/* Appends @place, or inserts it at @position. */
void          dav_place_list_insert              (DavPlaceList  *self,
                                                  guint          position,
                                                  DavPlace      *place);
void          dav_place_list_append              (DavPlaceList  *self,
                                                  DavPlace      *place);
/* Removes the place with @id; its position, or -1. */
int           dav_place_list_remove              (DavPlaceList  *self,
                                                  const char    *id);
/* The place with @id (not a new reference) or NULL, with its position. */
DavPlace     *dav_place_list_lookup              (DavPlaceList  *self,
                                                  const char    *id,
                                                  guint         *position);
/* The place of that kind whose URL is @url, ignoring a final slash. */
DavPlace     *dav_place_list_find_url            (DavPlaceList  *self,
                                                  DavPlaceKind   kind,
                                                  const char    *url);
/* The saved server whose URL is @url or a collection above it, the
 * longest such (scheme, host and port compared as in a URL). */
DavPlace     *dav_place_list_find_server_for     (DavPlaceList  *self,
                                                  const char    *url);
/* Moves the place with @id before the previous (@delta -1) or after the
 * next (+1) place of its own kind; FALSE when there is none. */
gboolean      dav_place_list_move                (DavPlaceList  *self,
                                                  const char    *id,
                                                  int            delta);
/* Says that the place with @id changed (its row is redrawn). */
void          dav_place_list_changed             (DavPlaceList  *self,
                                                  const char    *id);

G_END_DECLS
