/* dav-href.c: resolving and checking the hrefs of a 207 body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-href.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dav-text.h"

static gboolean
is_unreserved (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/* Characters that may stand unescaped in an href; anything else a server
 * sent raw (spaces, raw UTF-8, controls) is percent-encoded here, as
 * browsers do, so that the result is a valid URI reference. */
static gboolean
is_uri_char (guchar c)
{
  return is_unreserved (c) || strchr (":/?#[]@!$&'()*+,;=", c) != NULL;
}

static char *
encode_raw_href (const char *href)
{
  GString *out = g_string_sized_new (strlen (href) + 8);

  for (const char *p = href; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        g_string_append_c (out, '%');
      else if (is_uri_char (c))
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "%%%02X", c);
    }

  return g_string_free (out, FALSE);
}

/* The form a request URL uses: unreserved escapes decoded, the other
 * escapes upper-cased, no trailing slash. The bytes mean the same. */
static char *
canonical_path (const char *encoded_path)
{
  GString *out;
  const char *p;

  out = g_string_sized_new (strlen (encoded_path));
  for (p = encoded_path; *p != '\0'; p++)
    {
      if (p[0] == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          guchar c = (g_ascii_xdigit_value (p[1]) << 4) | g_ascii_xdigit_value (p[2]);

          if (is_unreserved (c))
            g_string_append_c (out, (char) c);
          else
            g_string_append_printf (out, "%%%02X", c);
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }

  while (out->len > 0 && out->str[out->len - 1] == '/')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

char *
dav_href_normalize_path (const char *encoded_path)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (encoded_path != NULL, NULL);

  /* Servers differ in what they escape ("&" or "%26", "%c3%bc" or raw
   * UTF-8): for identity every escape is decoded once, but for "/",
   * which would make two segments of one. */
  out = g_string_sized_new (strlen (encoded_path));
  for (p = encoded_path; *p != '\0'; p++)
    {
      if (p[0] == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          guchar c = (g_ascii_xdigit_value (p[1]) << 4) | g_ascii_xdigit_value (p[2]);

          /* A slash or a NUL stays escaped: decoded, one would make two
           * segments of one name, the other end the key early. */
          if (c == '/')
            g_string_append (out, "%2F");
          else if (c == '\0')
            g_string_append (out, "%00");
          else
            g_string_append_c (out, (char) c);
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }

  while (out->len > 0 && out->str[out->len - 1] == '/')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

static gboolean
is_http_scheme (const char *scheme)
{
  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 ||
          g_ascii_strcasecmp (scheme, "https") == 0 ||
          g_ascii_strcasecmp (scheme, "dav") == 0 ||
          g_ascii_strcasecmp (scheme, "davs") == 0);
}

static const char *
canonical_scheme (const char *scheme)
{
  if (g_ascii_strcasecmp (scheme, "dav") == 0 || g_ascii_strcasecmp (scheme, "http") == 0)
    return "http";
  if (g_ascii_strcasecmp (scheme, "davs") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
    return "https";
  return scheme;
}

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;

  return g_str_equal (canonical_scheme (g_uri_get_scheme (uri)), "https") ? 443 : 80;
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (canonical_scheme (g_uri_get_scheme (a)),
                             canonical_scheme (g_uri_get_scheme (b))) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a) ? g_uri_get_host (a) : "",
                             g_uri_get_host (b) ? g_uri_get_host (b) : "") == 0 &&
         effective_port (a) == effective_port (b);
}

/* A scheme per RFC 3986 §3.1, followed by ':'. */
static gboolean
has_scheme (const char *href,
            char      **scheme)
{
  const char *p = href;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  if (*p != ':')
    return FALSE;

  *scheme = g_strndup (href, p - href);
  return TRUE;
}

/* Checks every segment decodes once to something that can name a
 * resource; fills @decoded with the path decoded once (raw bytes). */
static gboolean
check_segments (const char  *encoded_path,
                GString     *decoded,
                char       **problem)
{
  g_auto(GStrv) segments = g_strsplit (encoded_path, "/", -1);

  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_autofree char *segment = NULL;

      if (i > 0)
        g_string_append_c (decoded, '/');

      segment = g_uri_unescape_segment (segments[i], NULL, "/");
      if (segment == NULL)
        {
          *problem = g_strdup (_("The href contains an encoded slash or NUL byte, so it cannot name a single resource."));
          return FALSE;
        }
      if (g_str_equal (segment, ".") || g_str_equal (segment, ".."))
        {
          *problem = g_strdup (_("The href contains a “.” or “..” segment, which could point outside the folder."));
          return FALSE;
        }

      g_string_append (decoded, segment);
    }

  return TRUE;
}

static char *
last_segment (const char *decoded_path)
{
  const char *end = decoded_path + strlen (decoded_path);
  const char *start;

  while (end > decoded_path && end[-1] == '/')
    end--;
  start = end;
  while (start > decoded_path && start[-1] != '/')
    start--;

  return dav_text_escape (start, end - start);
}

static DavHref *
href_invalid (DavHref    *self,
              char       *problem)
{
  self->relation = DAV_HREF_INVALID;
  self->problem = problem;
  if (self->name == NULL)
    self->name = g_strdup ("");
  if (self->display_path == NULL)
    self->display_path = g_strdup ("");
  return self;
}

DavHref *
dav_href_resolve (const char *base_uri,
                  const char *href)
{
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) decoded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *base_key = NULL;
  g_autofree char *key = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *problem = NULL;
  const char *path;
  DavHref *self;

  g_return_val_if_fail (base_uri != NULL, NULL);
  g_return_val_if_fail (href != NULL, NULL);

  self = g_new0 (DavHref, 1);
  text = dav_text_strip (g_strdup (href));
  shown = dav_text_escape (text, -1);

  if (*text == '\0')
    return href_invalid (self, g_strdup (_("The href is empty.")));

  base = g_uri_parse (base_uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, &error);
  if (base == NULL)
    return href_invalid (self, g_strdup_printf (_("The base URL is not valid: %s"), error->message));

  encoded = encode_raw_href (text);
  if (strchr (encoded, '#') != NULL)
    return href_invalid (self, g_strdup_printf (_("The href “%s” has a fragment (#); a server must encode “#” in names as %%23."), shown));

  {
    /* Dot segments are checked on the href as sent, before resolution
     * would silently remove them. */
    g_autofree char *raw_path = NULL;
    g_autoptr(GString) unused = g_string_new (NULL);

    if (!g_uri_split (encoded, G_URI_FLAGS_ENCODED, NULL, NULL, NULL, NULL,
                      &raw_path, NULL, NULL, &error))
      return href_invalid (self, g_strdup_printf (_("The href “%s” is not a valid URL: %s"), shown, error->message));
    if (!check_segments (raw_path, unused, &problem))
      return href_invalid (self, g_steal_pointer (&problem));
  }

  if (has_scheme (encoded, &scheme) && !is_http_scheme (scheme) &&
      strncmp (encoded + strlen (scheme), "://", 3) != 0)
    {
      /* "relative:colon.vcf": servers send names with an unencoded colon;
       * read them as relative paths, as other clients do. */
      char *dotted = g_strconcat ("./", encoded, NULL);

      g_free (encoded);
      encoded = dotted;
      g_clear_pointer (&scheme, g_free);
    }

  if (scheme == NULL && encoded[0] != '/')
    {
      /* Relative references are resolved against the collection, which is
       * what servers that send them mean. */
      g_autofree char *base_path = g_str_has_suffix (g_uri_get_path (base), "/")
                                   ? g_strdup (g_uri_get_path (base))
                                   : g_strconcat (g_uri_get_path (base), "/", NULL);
      g_autoptr(GUri) collection = g_uri_build (G_URI_FLAGS_ENCODED,
                                                g_uri_get_scheme (base), NULL,
                                                g_uri_get_host (base), g_uri_get_port (base),
                                                base_path, NULL, NULL);

      uri = g_uri_parse_relative (collection, encoded, G_URI_FLAGS_ENCODED, &error);
    }
  else
    uri = g_uri_parse_relative (base, encoded, G_URI_FLAGS_ENCODED, &error);

  if (uri == NULL)
    return href_invalid (self, g_strdup_printf (_("The href “%s” is not a valid URL: %s"), shown, error->message));

  path = g_uri_get_path (uri);
  if (*path == '\0')
    path = "/";

  decoded = g_string_new (NULL);
  if (!check_segments (path, decoded, &problem))
    return href_invalid (self, g_steal_pointer (&problem));

  key = dav_href_normalize_path (path);
  {
    g_autofree char *canonical = canonical_path (path);
    g_autofree char *normal = NULL;
    g_autofree char *trailing = NULL;
    const char *scheme_out = canonical_scheme (g_uri_get_scheme (uri));

    trailing = g_str_has_suffix (path, "/") && !g_str_equal (canonical, "")
               ? g_strconcat (canonical, "/", NULL)
               : g_strdup (g_str_equal (canonical, "") ? "/" : canonical);
    normal = g_uri_join (G_URI_FLAGS_ENCODED, scheme_out, NULL,
                         g_uri_get_host (uri), g_uri_get_port (uri),
                         trailing, g_uri_get_query (uri), NULL);
    self->uri = g_steal_pointer (&normal);
    self->path = g_steal_pointer (&trailing);
  }

  self->display_path = dav_text_escape (decoded->str, decoded->len);
  self->name = last_segment (decoded->str);
  self->collection = g_str_has_suffix (path, "/");

  if (!same_origin (base, uri))
    {
      self->relation = DAV_HREF_OTHER_ORIGIN;
      self->problem = g_strdup_printf (_("The href “%s” points to another server or protocol than the one you connected to."), shown);
      return self;
    }

  base_key = dav_href_normalize_path (g_uri_get_path (base));
  if (g_str_equal (key, base_key))
    self->relation = DAV_HREF_SELF;
  else if (g_str_has_prefix (key, base_key) && key[strlen (base_key)] == '/')
    {
      const char *rest = key + strlen (base_key) + 1;

      self->relation = strchr (rest, '/') == NULL ? DAV_HREF_MEMBER : DAV_HREF_DESCENDANT;
    }
  else
    {
      self->relation = DAV_HREF_OUTSIDE;
      self->problem = g_strdup_printf (_("The href “%s” is not inside the folder that was asked for."), shown);
    }

  return self;
}

void
dav_href_free (DavHref *href)
{
  if (href == NULL)
    return;

  g_free (href->uri);
  g_free (href->path);
  g_free (href->display_path);
  g_free (href->name);
  g_free (href->problem);
  g_free (href);
}

const char *
dav_href_relation_to_string (DavHrefRelation relation)
{
  switch (relation)
    {
    case DAV_HREF_SELF:         return "self";
    case DAV_HREF_MEMBER:       return "member";
    case DAV_HREF_DESCENDANT:   return "descendant";
    case DAV_HREF_OUTSIDE:      return "outside";
    case DAV_HREF_OTHER_ORIGIN: return "other-origin";
    case DAV_HREF_INVALID:      return "invalid";
    default:                    return "unknown";
    }
}

/* Names Windows gives to devices, also with an extension ("con.txt"): a
 * file called so cannot be made there, or opens the device. */
static gboolean
is_device_name (const char *name)
{
  static const char * const devices[] = { "CON", "PRN", "AUX", "NUL" };
  g_autofree char *stem = g_strndup (name, strcspn (name, "."));

  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    if (g_ascii_strcasecmp (stem, devices[i]) == 0)
      return TRUE;

  return strlen (stem) == 4 && stem[3] >= '1' && stem[3] <= '9' &&
         (g_ascii_strncasecmp (stem, "COM", 3) == 0 || g_ascii_strncasecmp (stem, "LPT", 3) == 0);
}

/* Cuts @name to at most @max bytes on a character boundary, keeping a
 * short extension: cut inside a character, the name would not be UTF-8
 * any more, and the file would lose its type. */
static void
truncate_name (GString *name,
               gsize    max)
{
  const char *dot = strrchr (name->str, '.');
  g_autofree char *extension = NULL;
  gsize keep;

  if (name->len <= max)
    return;

  if (dot != NULL && dot != name->str && strlen (dot) <= 16)
    extension = g_strdup (dot);
  keep = max - (extension ? strlen (extension) : 0);
  while (keep > 0 && ((guchar) name->str[keep] & 0xC0) == 0x80)
    keep--;
  g_string_truncate (name, keep);
  if (extension != NULL)
    g_string_append (name, extension);
}

char *
dav_href_local_name (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  g_autofree char *path = NULL;
  g_autofree char *decoded = NULL;
  g_autoptr(GString) name = NULL;
  char *slash;

  if (uri == NULL)
    return g_strdup ("download");

  path = g_strdup (g_uri_get_path (uri));
  while (g_str_has_suffix (path, "/") && strlen (path) > 1)
    path[strlen (path) - 1] = '\0';
  slash = strrchr (path, '/');
  decoded = g_uri_unescape_string (slash ? slash + 1 : path, "/");
  if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
    return g_strdup ("download");

  name = g_string_new (NULL);
  for (const char *p = decoded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7F || c == '\\' || g_unichar_type (c) == G_UNICODE_FORMAT)
        g_string_append_c (name, '_');
      else
        g_string_append_unichar (name, c);
    }

  while (name->len > 0 && (name->str[0] == '.' || name->str[0] == '-'))
    g_string_erase (name, 0, 1);
  if (name->len > 0 && is_device_name (name->str))
    g_string_prepend_c (name, '_');
  truncate_name (name, 200);
  if (name->len == 0 || !g_utf8_validate (name->str, -1, NULL))
    return g_strdup ("download");

  return g_string_free (g_steal_pointer (&name), FALSE);
}
