/* dav-property-text.c: live properties in words people read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The details pane shows these beside each live property's raw value.
 * Everything a server sent goes through dav_text_escape() on its way into
 * the words (docs/hostile-servers.md promise 7).
 */

#include "dav-property-text.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "dav-lock.h"
#include "dav-text.h"

/* ---- locks ---------------------------------------------------------------- */

/* "exclusive write", or the server's own names for other kinds. */
static char *
lock_kind (const DavLock *lock)
{
  g_autofree char *scope = NULL;
  g_autofree char *type = NULL;

  if (g_strcmp0 (lock->type, "write") == 0 && g_strcmp0 (lock->scope, "exclusive") == 0)
    return g_strdup (C_("lock", "exclusive write"));
  if (g_strcmp0 (lock->type, "write") == 0 && g_strcmp0 (lock->scope, "shared") == 0)
    return g_strdup (C_("lock", "shared write"));

  scope = dav_text_escape (lock->scope ? lock->scope : "?", -1);
  type = dav_text_escape (lock->type ? lock->type : "?", -1);
  /* Translators: a lock's scope and type as the server named them,
   * e.g. "exclusive write". */
  return g_strdup_printf (C_("lock", "%s %s"), scope, type);
}

char *
dav_property_text_lock_scope (const char *scope)
{
  if (scope == NULL)
    return NULL;
  if (strcmp (scope, "exclusive") == 0)
    return g_strdup (C_("lock scope", "Exclusive"));
  if (strcmp (scope, "shared") == 0)
    return g_strdup (C_("lock scope", "Shared"));

  return dav_text_escape (scope, -1);
}

/* RFC 4918 §9.10.3: a lock's depth is 0 or infinity. */
char *
dav_property_text_lock_depth (const char *depth)
{
  if (depth == NULL)
    return NULL;
  if (strcmp (depth, "0") == 0)
    return g_strdup (C_("lock depth", "This item only"));
  if (g_ascii_strcasecmp (depth, "infinity") == 0)
    return g_strdup (C_("lock depth", "This folder and everything in it"));

  return dav_text_escape (depth, -1);
}

/* The time a lock has left when the server answered (RFC 4918 §14.29),
 * or NULL when the server's value says nothing readable. */
static char *
time_left (const char *timeout)
{
  guint64 seconds;
  guint n;

  if (timeout == NULL)
    return NULL;
  if (g_ascii_strcasecmp (timeout, "Infinite") == 0)
    return g_strdup (C_("lock", "no time limit"));
  if (g_ascii_strncasecmp (timeout, "Second-", 7) != 0 ||
      !g_ascii_string_to_unsigned (timeout + 7, 10, 0, G_MAXUINT64, &seconds, NULL))
    return NULL;

  if (seconds < 60)
    return g_strdup (C_("lock", "less than a minute left"));
  if (seconds < 2 * 3600)
    {
      n = (guint) (seconds / 60);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u min left", "%u min left", n), n);
    }
  if (seconds < 2 * 86400)
    {
      n = (guint) (seconds / 3600);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %u hour left", "about %u hours left", n), n);
    }
  n = (guint) MIN (seconds / 86400, G_MAXUINT);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %u day left", "about %u days left", n), n);
}

/* @head, then " by <owner>" and ", <time left>" where the lock says. */
static char *
with_owner_and_time (char          *head,
                     const DavLock *lock)
{
  g_autofree char *text = head;
  g_autofree char *left = time_left (lock->timeout);

  if (lock->owner != NULL)
    {
      g_autofree char *squeezed = dav_text_squeeze (lock->owner);
      g_autofree char *owner = dav_text_escape (squeezed, -1);
      g_autofree char *head_only = g_steal_pointer (&text);

      /* Translators: "Locked (exclusive write) by Alice". */
      text = g_strdup_printf (C_("lock", "%s by %s"), head_only, owner);
    }
  if (left != NULL)
    {
      g_autofree char *head_only = g_steal_pointer (&text);

      /* Translators: "Locked (exclusive write) by Alice, 9 min left". */
      text = g_strdup_printf (C_("lock", "%s, %s"), head_only, left);
    }

  return g_steal_pointer (&text);
}

char *
dav_property_text_locks (GPtrArray *locks)
{
  g_autoptr(GString) text = NULL;

  if (locks == NULL || locks->len == 0)
    return g_strdup (C_("lock", "Not locked"));

  if (locks->len == 1)
    {
      g_autofree char *kind = lock_kind (g_ptr_array_index (locks, 0));

      /* Translators: "Locked (exclusive write)". */
      return with_owner_and_time (g_strdup_printf (C_("lock", "Locked (%s)"), kind),
                                  g_ptr_array_index (locks, 0));
    }

  /* Shared locks: each holder in turn. */
  text = g_string_new (NULL);
  for (guint i = 0; i < locks->len; i++)
    {
      g_autofree char *one = with_owner_and_time (lock_kind (g_ptr_array_index (locks, i)),
                                                  g_ptr_array_index (locks, i));

      if (i > 0)
        g_string_append (text, C_("lock", "; "));
      g_string_append (text, one);
    }

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: "2 locks: shared write by Alice, 9 min left;
                                        * shared write by Bob, no time limit". */
                                       "%u lock: %s", "%u locks: %s", locks->len),
                          locks->len, text->str);
}

char *
dav_property_text_supported_locks (GPtrArray *entries)
{
  gboolean exclusive = FALSE, shared = FALSE, other = FALSE;
  g_autoptr(GString) kinds = NULL;

  if (entries == NULL || entries->len == 0)
    return g_strdup (C_("lock", "No locks offered"));

  kinds = g_string_new (NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      const DavLock *entry = g_ptr_array_index (entries, i);
      g_autofree char *kind = lock_kind (entry);
      gboolean write = g_strcmp0 (entry->type, "write") == 0;

      if (write && g_strcmp0 (entry->scope, "exclusive") == 0)
        exclusive = TRUE;
      else if (write && g_strcmp0 (entry->scope, "shared") == 0)
        shared = TRUE;
      else
        other = TRUE;
      if (i > 0)
        g_string_append (kinds, C_("lock", ", "));
      g_string_append (kinds, kind);
    }

  if (!other && exclusive && shared)
    return g_strdup (C_("lock", "Exclusive and shared write locks"));
  if (!other && exclusive)
    return g_strdup (C_("lock", "Exclusive write locks only"));
  if (!other && shared)
    return g_strdup (C_("lock", "Shared write locks only"));

  /* Translators: the kinds of lock a server offers, e.g. "Locks:
   * exclusive write, shared write, exclusive checkin". */
  return g_strdup_printf (C_("lock", "Locks: %s"), kinds->str);
}

/* ---- resource types -------------------------------------------------------- */

typedef struct {
  int        depth;
  gboolean   collection;
  GPtrArray *kinds;   /* the other types, as words */
} TypeScan;

static const struct {
  const char *namespace_uri;
  const char *name;
  const char *words;
} known_types[] = {
  { "DAV:", "principal", NC_("resource type", "principal") },
  { "DAV:", "redirectref", NC_("resource type", "redirect") },
  { "urn:ietf:params:xml:ns:caldav", "calendar", NC_("resource type", "calendar") },
  { "urn:ietf:params:xml:ns:caldav", "schedule-inbox", NC_("resource type", "scheduling inbox") },
  { "urn:ietf:params:xml:ns:caldav", "schedule-outbox", NC_("resource type", "scheduling outbox") },
  { "urn:ietf:params:xml:ns:carddav", "addressbook", NC_("resource type", "address book") },
  { "http://calendarserver.org/ns/", "subscribed", NC_("resource type", "subscribed calendar") },
};

/* The parser writes each element with its own xmlns (dav-lock.h); a
 * prefix declared on the element itself is read too. */
static void
type_start (GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            gpointer              user_data,
            GError              **error)
{
  TypeScan *scan = user_data;
  const char *colon = strchr (element, ':');
  const char *local = colon ? colon + 1 : element;
  g_autofree char *xmlns = colon ? g_strdup_printf ("xmlns:%.*s", (int) (colon - element), element)
                                 : g_strdup ("xmlns");
  const char *ns = "";

  if (scan->depth++ != 1)
    return;

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], xmlns))
      ns = values[i];

  if (g_str_equal (ns, "DAV:") && g_str_equal (local, "collection"))
    {
      scan->collection = TRUE;
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (known_types); i++)
    if (g_str_equal (ns, known_types[i].namespace_uri) && g_str_equal (local, known_types[i].name))
      {
        g_ptr_array_add (scan->kinds, g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "resource type",
                                                              known_types[i].words)));
        return;
      }
  g_ptr_array_add (scan->kinds, dav_text_escape (local, -1));
}

static void
type_end (GMarkupParseContext  *context,
          const char           *element,
          gpointer              user_data,
          GError              **error)
{
  ((TypeScan *) user_data)->depth--;
}

char *
dav_property_text_resource_type (const char *xml)
{
  static const GMarkupParser parser = { type_start, type_end, NULL, NULL, NULL };
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree char *wrapped = NULL;
  g_autofree char *joined = NULL;
  TypeScan scan = { 0, FALSE, kinds };

  if (xml != NULL && !dav_text_is_blank (xml, strlen (xml)))
    {
      wrapped = g_strconcat ("<v>", xml, "</v>", NULL);
      context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &scan, NULL);
      if (!g_markup_parse_context_parse (context, wrapped, -1, NULL) ||
          !g_markup_parse_context_end_parse (context, NULL))
        return NULL;
    }

  if (kinds->len == 0)
    return g_strdup (scan.collection ? C_("resource type", "Folder") : C_("resource type", "File"));

  g_ptr_array_add (kinds, NULL);
  joined = g_strjoinv (C_("resource type", ", "), (char **) kinds->pdata);
  if (scan.collection)
    /* Translators: a folder of a special kind, e.g. "Folder (calendar)". */
    return g_strdup_printf (C_("resource type", "Folder (%s)"), joined);
  /* Translators: an item that is no folder, of a special kind, e.g.
   * "Item (principal)". */
  return g_strdup_printf (C_("resource type", "Item (%s)"), joined);
}

/* ---- types, sizes, dates ------------------------------------------------- */

/* shared-mime-info writes "plain text document"; a cell and a fact start
 * with a capital, as "Folder" does. */
static char *
capitalize (const char *description)
{
  g_autofree char *escaped = dav_text_escape (description, -1);
  gunichar first = g_utf8_get_char (escaped);
  char head[8] = { 0 };

  if (first == 0 || !g_unichar_islower (first))
    return g_steal_pointer (&escaped);

  g_unichar_to_utf8 (g_unichar_totitle (first), head);
  return g_strconcat (head, g_utf8_next_char (escaped), NULL);
}

char *
dav_property_text_content_type (const char *mime_type,
                                gboolean    collection)
{
  g_autofree char *bare = NULL;
  g_autofree char *type = NULL;
  g_autofree char *description = NULL;

  if (collection)
    return g_strdup (C_("resource type", "Folder"));
  if (mime_type == NULL)
    return g_strdup ("");

  /* "text/plain; charset=utf-8" is text/plain. */
  bare = dav_text_strip (g_ascii_strdown (mime_type, strcspn (mime_type, ";")));
  if (*bare == '\0')
    return g_strdup ("");

  type = g_content_type_from_mime_type (bare);
  description = type ? g_content_type_get_description (type) : NULL;
  if (description == NULL)
    return dav_text_escape (bare, -1);

  return capitalize (description);
}

char *
dav_property_text_quota (gint64 used,
                         gint64 available)
{
  g_autofree char *used_text = used >= 0 ? g_format_size (used) : NULL;
  g_autofree char *free_text = available >= 0 ? g_format_size (available) : NULL;

  if (used_text != NULL && free_text != NULL)
    /* Translators: storage of RFC 4331, "1.2 GB used, 3.4 GB free". */
    return g_strdup_printf (C_("quota", "%s used, %s free"), used_text, free_text);
  if (used_text != NULL)
    return g_strdup_printf (C_("quota", "%s used"), used_text);
  if (free_text != NULL)
    return g_strdup_printf (C_("quota", "%s free"), free_text);
  return NULL;
}

static gint64
parse_bytes (const char *text)
{
  guint64 bytes;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &bytes, NULL))
    return -1;
  return (gint64) bytes;
}

static char *
describe_date (const char *text,
               gboolean    iso,
               GDateTime  *now,
               gboolean    clock_12h)
{
  g_autoptr(GDateTime) date = NULL;

  if (text == NULL)
    return NULL;

  /* creationdate is RFC 3339, getlastmodified an HTTP date (RFC 4918
   * §15.1, §15.7); some servers mix them up. */
  if (iso)
    date = g_date_time_new_from_iso8601 (text, NULL);
  if (date == NULL)
    date = soup_date_time_new_from_http_string (text);
  if (date == NULL && !iso)
    date = g_date_time_new_from_iso8601 (text, NULL);

  return date ? dav_date_text_format (date, now, DAV_DATE_STYLE_DETAILED, clock_12h) : NULL;
}

static char *
describe_etag (const char *etag)
{
  gboolean weak = g_str_has_prefix (etag, "W/");
  const char *tag = weak ? etag + 2 : etag;
  gsize length = strlen (tag);
  g_autofree char *inner = NULL;

  if (length < 2 || tag[0] != '"' || tag[length - 1] != '"')
    return NULL;

  inner = dav_text_escape (tag + 1, length - 2);
  /* Translators: a weak entity tag (RFC 9110 §8.8.1): equal content,
   * perhaps not the same bytes. */
  return weak ? g_strdup_printf (C_("etag", "%s (weak)"), inner) : g_steal_pointer (&inner);
}

char *
dav_property_text_describe (const DavProperty *property,
                            GDateTime         *now,
                            gboolean           clock_12h)
{
  const char *name;
  const char *xml;
  gint64 bytes;

  g_return_val_if_fail (property != NULL, NULL);

  if (g_strcmp0 (property->namespace_uri, "DAV:") != 0 ||
      property->status < 200 || property->status >= 300)
    return NULL;

  name = property->name;
  /* A value given as text where XML belongs says nothing readable. */
  xml = property->is_xml ? property->value : NULL;
  if (!property->is_xml && property->value != NULL &&
      (g_str_equal (name, "lockdiscovery") || g_str_equal (name, "supportedlock") ||
       g_str_equal (name, "resourcetype")))
    return NULL;

  if (g_str_equal (name, "lockdiscovery"))
    {
      g_autoptr(GPtrArray) locks = dav_lock_parse_discovery (xml);

      return dav_property_text_locks (locks);
    }
  if (g_str_equal (name, "supportedlock"))
    {
      g_autoptr(GPtrArray) entries = dav_lock_parse_supported (xml);

      return dav_property_text_supported_locks (entries);
    }
  if (g_str_equal (name, "resourcetype"))
    return dav_property_text_resource_type (xml);

  if (property->value == NULL || property->is_xml)
    return NULL;

  if (g_str_equal (name, "getcontenttype"))
    return dav_property_text_content_type (property->value, FALSE);
  if (g_str_equal (name, "getcontentlength"))
    return (bytes = parse_bytes (property->value)) >= 0 ? g_format_size_full (bytes, G_FORMAT_SIZE_LONG_FORMAT)
                                                        : NULL;
  if (g_str_equal (name, "quota-used-bytes"))
    return dav_property_text_quota (parse_bytes (property->value), -1);
  if (g_str_equal (name, "quota-available-bytes"))
    return dav_property_text_quota (-1, parse_bytes (property->value));
  if (g_str_equal (name, "getlastmodified"))
    return describe_date (property->value, FALSE, now, clock_12h);
  if (g_str_equal (name, "creationdate"))
    return describe_date (property->value, TRUE, now, clock_12h);
  if (g_str_equal (name, "getetag"))
    return describe_etag (property->value);

  return NULL;
}
