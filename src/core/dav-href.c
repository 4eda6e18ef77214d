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

static const char upper_hex[] = "0123456789ABCDEF";

/* Whether @href needs encode_raw_href() to change anything. */
static gboolean
is_encoded_href (const char *href)
{
  for (const char *p = href; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '%')
        {
          if (!g_ascii_isxdigit (p[1]) || !g_ascii_isxdigit (p[2]))
            return FALSE;
        }
      else if (!is_uri_char (c))
        return FALSE;
    }

  return TRUE;
}

static char *
encode_raw_href (const char *href)
{
  gsize length = strlen (href);
  char *out;
  char *q;

  if (is_encoded_href (href))
    return g_strndup (href, length);

  /* At most three bytes for one. */
  out = g_malloc (length * 3 + 1);
  q = out;
  for (const char *p = href; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        *q++ = '%';
      else if (is_uri_char (c))
        *q++ = (char) c;
      else
        {
          *q++ = '%';
          *q++ = upper_hex[c >> 4];
          *q++ = upper_hex[c & 0xF];
        }
    }
  *q = '\0';

  return out;
}

static inline int
hex_value (char c)
{
  return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* The form a request URL uses: unreserved escapes decoded, the other
 * escapes upper-cased, no trailing slash. The bytes mean the same. */
static char *
canonical_path (const char *encoded_path)
{
  gsize length = strlen (encoded_path);
  char *out = g_malloc (length + 1);   /* never longer than the input */
  char *q = out;
  const char *p;

  for (p = encoded_path; *p != '\0'; p++)
    {
      if (p[0] == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          guchar c = (guchar) ((hex_value (p[1]) << 4) | hex_value (p[2]));

          if (is_unreserved (c))
            *q++ = (char) c;
          else
            {
              *q++ = '%';
              *q++ = upper_hex[c >> 4];
              *q++ = upper_hex[c & 0xF];
            }
          p += 2;
        }
      else
        *q++ = *p;
    }

  while (q > out && q[-1] == '/')
    q--;
  *q = '\0';

  return out;
}

char *
dav_href_normalize_path (const char *encoded_path)
{
  gsize length;
  char *out;
  char *q;
  const char *p;

  g_return_val_if_fail (encoded_path != NULL, NULL);

  /* Servers differ in what they escape ("&" or "%26", "%c3%bc" or raw
   * UTF-8): for identity every escape is decoded once, but for "/",
   * which would make two segments of one. The key is never longer than
   * the path. */
  length = strlen (encoded_path);
  out = g_malloc (length + 1);
  q = out;
  for (p = encoded_path; *p != '\0'; p++)
    {
      if (p[0] == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          guchar c = (guchar) ((hex_value (p[1]) << 4) | hex_value (p[2]));

          /* A slash or a NUL stays escaped: decoded, one would make two
           * segments of one name, the other end the key early. */
          if (c == '/')
            {
              memcpy (q, "%2F", 3);
              q += 3;
            }
          else if (c == '\0')
            {
              memcpy (q, "%00", 3);
              q += 3;
            }
          else
            *q++ = (char) c;
          p += 2;
        }
      else
        *q++ = *p;
    }

  while (q > out && q[-1] == '/')
    q--;
  *q = '\0';

  return out;
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

/* A base URL parsed once: a listing resolves all its hrefs against the
 * same one, and parsing it again for each href cost more than the rest of
 * the work. One per thread, for the last base used. */
typedef struct {
  char *base_uri;
  GUri *base;        /* NULL when base_uri is not valid */
  char *error;       /* then, why */
  char *base_key;    /* dav_href_normalize_path() of its path */
  char *origin;      /* what g_uri_join() writes before the path, for its origin */
  GUri *collection;  /* relative references resolve against it; made when needed */
} BaseCache;

static void
base_cache_free (gpointer data)
{
  BaseCache *cache = data;

  if (cache == NULL)
    return;

  g_free (cache->base_uri);
  g_clear_pointer (&cache->base, g_uri_unref);
  g_free (cache->error);
  g_free (cache->base_key);
  g_free (cache->origin);
  g_clear_pointer (&cache->collection, g_uri_unref);
  g_free (cache);
}

static GPrivate base_cache_key = G_PRIVATE_INIT (base_cache_free);

static BaseCache *
base_cache_get (const char *base_uri)
{
  BaseCache *cache = g_private_get (&base_cache_key);
  g_autoptr(GError) error = NULL;

  if (cache != NULL && strcmp (cache->base_uri, base_uri) == 0)
    return cache;

  cache = g_new0 (BaseCache, 1);
  cache->base_uri = g_strdup (base_uri);
  cache->base = g_uri_parse (base_uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, &error);
  if (cache->base == NULL)
    cache->error = g_strdup (error->message);
  else
    {
      cache->base_key = dav_href_normalize_path (g_uri_get_path (cache->base));
      cache->origin = g_uri_join (G_URI_FLAGS_ENCODED,
                                  canonical_scheme (g_uri_get_scheme (cache->base)), NULL,
                                  g_uri_get_host (cache->base), g_uri_get_port (cache->base),
                                  "", NULL, NULL);
    }

  /* Frees the one before. */
  g_private_replace (&base_cache_key, cache);

  return cache;
}

/* The base with a trailing slash: relative references are resolved
 * against the collection, which is what servers that send them mean. */
static GUri *
base_cache_get_collection (BaseCache *cache)
{
  if (cache->collection == NULL)
    {
      GUri *base = cache->base;
      g_autofree char *base_path = g_str_has_suffix (g_uri_get_path (base), "/")
                                   ? g_strdup (g_uri_get_path (base))
                                   : g_strconcat (g_uri_get_path (base), "/", NULL);

      cache->collection = g_uri_build (G_URI_FLAGS_ENCODED,
                                       g_uri_get_scheme (base), NULL,
                                       g_uri_get_host (base), g_uri_get_port (base),
                                       base_path, NULL, NULL);
    }

  return cache->collection;
}

/* check_segments() for a path whose every "%" starts an escape, in one
 * pass: fills @decoded (room for strlen (@encoded_path) + 1 bytes) with
 * the path decoded once and returns its length, or returns -1 with the
 * same problem check_segments() reports. */
static gssize
decode_segments (const char  *encoded_path,
                 char        *decoded,
                 char       **problem)
{
  const char *p = encoded_path;
  char *q = decoded;

  for (;;)
    {
      char *segment = q;
      gsize n;

      while (*p != '/' && *p != '\0')
        {
          if (*p == '%')
            {
              char c = (char) ((hex_value (p[1]) << 4) | hex_value (p[2]));

              if (c == '/' || c == '\0')
                {
                  *problem = g_strdup (_("The href contains an encoded slash or NUL byte, so it cannot name a single resource."));
                  return -1;
                }
              *q++ = c;
              p += 3;
            }
          else
            *q++ = *p++;
        }

      n = q - segment;
      if ((n == 1 && segment[0] == '.') || (n == 2 && segment[0] == '.' && segment[1] == '.'))
        {
          *problem = g_strdup (_("The href contains a “.” or “..” segment, which could point outside the folder."));
          return -1;
        }

      if (*p == '\0')
        break;
      *q++ = '/';
      p++;
    }
  *q = '\0';

  return q - decoded;
}

static void
place (DavHref    *self,
       BaseCache  *cache,
       const char *key,
       const char *text)
{
  gsize base_length = strlen (cache->base_key);

  if (strcmp (key, cache->base_key) == 0)
    self->relation = DAV_HREF_SELF;
  else if (strncmp (key, cache->base_key, base_length) == 0 && key[base_length] == '/')
    {
      const char *rest = key + base_length + 1;

      self->relation = strchr (rest, '/') == NULL ? DAV_HREF_MEMBER : DAV_HREF_DESCENDANT;
    }
  else
    {
      g_autofree char *shown = dav_text_escape (text, -1);

      self->relation = DAV_HREF_OUTSIDE;
      self->problem = g_strdup_printf (_("The href “%s” is not inside the folder that was asked for."), shown);
    }
}

/* The common href, an absolute path ("/dav/folder/name%20x.txt"): what g_uri_parse_relative() and g_uri_join() make of it is the
 * base's origin and the path itself, so neither is needed. @path is
 * encoded (encode_raw_href()) and has no dot segment once decoded, which
 * is checked here, so resolution leaves it as it is. */
static DavHref *
resolve_path (DavHref    *self,
              BaseCache  *cache,
              const char *text,
              const char *path)
{
  gsize length = strlen (path);
  g_autofree char *decoded = g_malloc (length + 1);
  g_autofree char *canonical = NULL;
  char *problem = NULL;
  gssize decoded_length;
  gsize key_length;
  gsize canonical_length;
  gboolean trailing_slash = length > 0 && path[length - 1] == '/';

  decoded_length = decode_segments (path, decoded, &problem);
  if (decoded_length < 0)
    return href_invalid (self, problem);

  canonical = canonical_path (path);
  canonical_length = strlen (canonical);
  if (canonical_length == 0)
    self->path = g_strdup ("/");
  else if (trailing_slash)
    self->path = g_strconcat (canonical, "/", NULL);
  else
    self->path = g_steal_pointer (&canonical);
  self->uri = g_strconcat (cache->origin, self->path, NULL);

  self->display_path = dav_text_escape (decoded, decoded_length);
  self->name = last_segment (decoded);
  self->collection = trailing_slash;

  /* dav_href_normalize_path() of the path: with no escaped slash or NUL
   * left, the decoded path without its trailing slashes. */
  key_length = decoded_length;
  while (key_length > 0 && decoded[key_length - 1] == '/')
    key_length--;
  decoded[key_length] = '\0';
  place (self, cache, decoded, text);

  return self;
}

DavHref *
dav_href_resolve (const char *base_uri,
                  const char *href)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) decoded = NULL;
  g_autofree char *text = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *key = NULL;
  g_autofree char *problem = NULL;
  const char *path;
  BaseCache *cache;
  GUri *base;
  DavHref *self;

  g_return_val_if_fail (base_uri != NULL, NULL);
  g_return_val_if_fail (href != NULL, NULL);

  self = g_new0 (DavHref, 1);
  text = dav_text_strip (g_strdup (href));

  if (*text == '\0')
    return href_invalid (self, g_strdup (_("The href is empty.")));

  cache = base_cache_get (base_uri);
  base = cache->base;
  if (base == NULL)
    return href_invalid (self, g_strdup_printf (_("The base URL is not valid: %s"), cache->error));

  encoded = encode_raw_href (text);
  if (strchr (encoded, '#') != NULL)
    {
      g_autofree char *shown = dav_text_escape (text, -1);

      return href_invalid (self, g_strdup_printf (_("The href “%s” has a fragment (#); a server must encode “#” in names as %%23."), shown));
    }
  /* "what?.txt" sent unencoded reads as the resource "what" with a
   * query: a guessed name that could be another file. Flagged like "#". */
  if (strchr (encoded, '?') != NULL)
    {
      g_autofree char *shown = dav_text_escape (text, -1);

      return href_invalid (self, g_strdup_printf (_("The href “%s” has a query (?); a server must encode “?” in names as %%3F, so which item it names is not known."), shown));
    }

  if (encoded[0] == '/' && encoded[1] != '/')
    return resolve_path (self, cache, text, encoded);

  {
    /* Dot segments are checked on the href as sent, before resolution
     * would silently remove them. */
    g_autofree char *raw_path = NULL;
    g_autoptr(GString) unused = g_string_new (NULL);

    if (!g_uri_split (encoded, G_URI_FLAGS_ENCODED, NULL, NULL, NULL, NULL,
                      &raw_path, NULL, NULL, &error))
      {
        g_autofree char *shown = dav_text_escape (text, -1);

        return href_invalid (self, g_strdup_printf (_("The href “%s” is not a valid URL: %s"), shown, error->message));
      }
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
    uri = g_uri_parse_relative (base_cache_get_collection (cache), encoded, G_URI_FLAGS_ENCODED, &error);
  else
    uri = g_uri_parse_relative (base, encoded, G_URI_FLAGS_ENCODED, &error);

  if (uri == NULL)
    {
      g_autofree char *shown = dav_text_escape (text, -1);

      return href_invalid (self, g_strdup_printf (_("The href “%s” is not a valid URL: %s"), shown, error->message));
    }

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
                         trailing, NULL, NULL);
    self->uri = g_steal_pointer (&normal);
    self->path = g_steal_pointer (&trailing);
  }

  self->display_path = dav_text_escape (decoded->str, decoded->len);
  self->name = last_segment (decoded->str);
  self->collection = g_str_has_suffix (path, "/");

  if (!same_origin (base, uri))
    {
      g_autofree char *shown = dav_text_escape (text, -1);

      self->relation = DAV_HREF_OTHER_ORIGIN;
      self->problem = g_strdup_printf (_("The href “%s” points to another server or protocol than the one you connected to."), shown);
      return self;
    }

  place (self, cache, key, text);

  return self;
}

DavHref *
dav_href_copy (const DavHref *href)
{
  DavHref *copy;

  g_return_val_if_fail (href != NULL, NULL);

  copy = g_new (DavHref, 1);
  *copy = *href;
  copy->uri = g_strdup (href->uri);
  copy->path = g_strdup (href->path);
  copy->display_path = g_strdup (href->display_path);
  copy->name = g_strdup (href->name);
  copy->problem = g_strdup (href->problem);
  return copy;
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

void
dav_href_split_last (const char  *url,
                     char       **parent,
                     char       **segment)
{
  g_autofree char *copy = NULL;
  gsize len;
  char *slash;

  g_return_if_fail (url != NULL);

  copy = g_strdup (url);
  len = strlen (copy);
  while (len > 1 && copy[len - 1] == '/')
    copy[--len] = '\0';
  slash = strrchr (copy, '/');

  if (segment != NULL)
    *segment = g_strdup (slash != NULL ? slash + 1 : copy);
  if (parent != NULL)
    {
      if (slash != NULL)
        slash[1] = '\0';
      *parent = slash != NULL ? g_steal_pointer (&copy) : g_strdup (url);
    }
}
