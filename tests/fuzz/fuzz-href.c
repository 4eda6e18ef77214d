/* fuzz-href.c: libFuzzer target for dav_href_resolve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is "BASE\nHREF" or just "HREF". The href is resolved against
 * the default base http://127.0.0.1:8080/dav/coll/ always, and against
 * BASE too when that is an http(s) URL with a host.
 *
 * Invariants (docs/hostile-servers.md promises 1 and 7, cases 17-25):
 * - name and display_path are valid UTF-8 with no C0/C1 control and no
 *   bidi control (U+202A-202E, U+2066-2069);
 * - SELF, MEMBER and DESCENDANT have a uri, which is on the base's origin,
 *   inside the base collection (a boundary after "coll") and holds no
 *   "." or ".." segment, as sent or decoded once; with the default base,
 *   it starts with "http://127.0.0.1:8080/dav/coll";
 * - MEMBER and DESCENDANT have a non-empty name;
 * - INVALID, OUTSIDE and OTHER_ORIGIN have a problem (a message for
 *   people, as safe as the name);
 * - dav_href_normalize_path never crashes and leaves no trailing slash.
 */

#include "fuzz-common.h"

#include "dav-href.h"

#include <string.h>

#define DEFAULT_BASE "http://127.0.0.1:8080/dav/coll/"
#define DEFAULT_PREFIX "http://127.0.0.1:8080/dav/coll"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

static gboolean
usable_base (const char *base)
{
  g_autoptr(GUri) uri = g_uri_parse (base, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *raw_host = NULL;
  const char *scheme;

  if (uri == NULL || fuzz_unsafe_text (base) != NULL)
    return FALSE;
  if (!g_uri_split (base, G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS, NULL, NULL, &raw_host,
                    NULL, NULL, NULL, NULL, NULL) ||
      raw_host == NULL || strchr (raw_host, '%') != NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         /* GUri decodes a host once ("a%252e" is the host "a%2e",
          * "12%2F12" is "12/12"), which dav_href_resolve writes back as
          * it is: the base is the user's, so escaped hosts are left out. */
         strchr (g_uri_get_host (uri), '%') == NULL &&
         g_uri_get_userinfo (uri) == NULL;
}

static void
check_safe (const char *label,
            const char *text,
            const char *href)
{
  const char *unsafe = fuzz_unsafe_text (text);

  FUZZ_CHECK (unsafe == NULL, "%s of href \"%s\" holds %s: %s", label, href, unsafe, text);
}

/* No "." or ".." segment in @path, as it is or decoded once. */
static void
check_no_dot_segments (const char *path,
                       const char *href)
{
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);

  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_autofree char *decoded = g_uri_unescape_string (segments[i], NULL);

      FUZZ_CHECK (strcmp (segments[i], "..") != 0 && strcmp (segments[i], ".") != 0,
                  "dot segment in %s (href \"%s\")", path, href);
      FUZZ_CHECK (decoded == NULL || (strcmp (decoded, "..") != 0 && strcmp (decoded, ".") != 0),
                  "encoded dot segment in %s (href \"%s\")", path, href);
    }
}

static const char *
scheme_class (const char *scheme)
{
  if (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "davs") == 0)
    return "https";
  return "http";
}

static int
port_of (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;
  return g_str_equal (scheme_class (g_uri_get_scheme (uri)), "https") ? 443 : 80;
}

static void
check_href (const char *base,
            const char *text,
            gboolean    default_base)
{
  g_autoptr(DavHref) href = dav_href_resolve (base, text);
  const char *relation;

  FUZZ_CHECK (href != NULL, "no result");
  relation = dav_href_relation_to_string (href->relation);
  FUZZ_CHECK (strcmp (relation, "unknown") != 0, "relation %d", href->relation);

  FUZZ_CHECK (href->name != NULL && href->display_path != NULL,
              "%s href \"%s\" without name or display_path", relation, text);
  check_safe ("name", href->name, text);
  check_safe ("display_path", href->display_path, text);
  FUZZ_CHECK (strchr (href->name, '/') == NULL, "name \"%s\" holds a slash", href->name);

  switch (href->relation)
    {
    case DAV_HREF_SELF:
    case DAV_HREF_MEMBER:
    case DAV_HREF_DESCENDANT:
      {
        g_autoptr(GUri) uri = NULL;
        g_autoptr(GUri) base_uri = g_uri_parse (base, G_URI_FLAGS_ENCODED, NULL);
        g_autofree char *key = NULL;
        g_autofree char *base_key = NULL;
        gsize base_len;

        FUZZ_CHECK (href->uri != NULL && href->path != NULL, "%s href \"%s\" without uri or path",
                    relation, text);
        uri = g_uri_parse (href->uri, G_URI_FLAGS_ENCODED, NULL);
        FUZZ_CHECK (uri != NULL, "uri \"%s\" of href \"%s\" does not parse", href->uri, text);

        /* The request goes where the base is. */
        FUZZ_CHECK (g_str_equal (scheme_class (g_uri_get_scheme (uri)),
                                 scheme_class (g_uri_get_scheme (base_uri))) &&
                    g_ascii_strcasecmp (g_uri_get_host (uri) ? g_uri_get_host (uri) : "",
                                        g_uri_get_host (base_uri)) == 0 &&
                    port_of (uri) == port_of (base_uri) &&
                    g_uri_get_userinfo (uri) == NULL,
                    "%s uri \"%s\" of href \"%s\" is not on the origin of %s", relation, href->uri,
                    text, base);
        check_no_dot_segments (g_uri_get_path (uri), text);
        check_no_dot_segments (href->path, text);

        /* Inside the collection, with a boundary. */
        key = dav_href_normalize_path (g_uri_get_path (uri));
        base_key = dav_href_normalize_path (g_uri_get_path (base_uri));
        base_len = strlen (base_key);
        if (href->relation == DAV_HREF_SELF)
          FUZZ_CHECK (strcmp (key, base_key) == 0, "self uri \"%s\" of href \"%s\" is not %s",
                      href->uri, text, base);
        else
          FUZZ_CHECK (strncmp (key, base_key, base_len) == 0 && key[base_len] == '/' &&
                      key[base_len + 1] != '\0',
                      "%s uri \"%s\" of href \"%s\" is not inside %s", relation, href->uri, text, base);

        if (default_base)
          {
            gsize len = strlen (DEFAULT_PREFIX);

            FUZZ_CHECK (strncmp (href->uri, DEFAULT_PREFIX, len) == 0,
                        "%s uri \"%s\" of href \"%s\" is outside " DEFAULT_PREFIX, relation, href->uri, text);
            if (href->relation == DAV_HREF_SELF)
              FUZZ_CHECK (strchr ("/?", href->uri[len]) != NULL,
                          "self uri \"%s\" of href \"%s\"", href->uri, text);
            else
              FUZZ_CHECK (href->uri[len] == '/', "%s uri \"%s\" of href \"%s\" has no boundary after coll",
                          relation, href->uri, text);
          }

        if (href->relation != DAV_HREF_SELF)
          FUZZ_CHECK (*href->name != '\0', "%s href \"%s\" with an empty name", relation, text);
      }
      break;

    case DAV_HREF_INVALID:
    case DAV_HREF_OUTSIDE:
    case DAV_HREF_OTHER_ORIGIN:
    default:
      FUZZ_CHECK (href->problem != NULL && *href->problem != '\0', "%s href \"%s\" without a problem",
                  relation, text);
      break;
    }

  if (href->problem != NULL)
    check_safe ("problem", href->problem, text);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = g_strndup ((const char *) data, size);
  char *newline = strchr (input, '\n');
  const char *href = input;
  const char *base = NULL;

  if (newline != NULL)
    {
      *newline = '\0';
      base = input;
      href = newline + 1;
    }

  check_href (DEFAULT_BASE, href, TRUE);
  if (base != NULL && usable_base (base))
    check_href (base, href, FALSE);

  {
    g_autofree char *key = dav_href_normalize_path (href);
    gsize len = strlen (key);

    /* A key that ends with "/" here was cut short: an escape decoded
     * to a NUL byte ended the string ("/dav/coll/%00" is "/dav/coll/"). */
    FUZZ_CHECK (len == 0 || key[len - 1] != '/' ||
                (fuzz_known ("nul-key") && strstr (href, "%00") != NULL),
                "normalized \"%s\" ends with a slash", key);
    /* No escape decodes to a NUL byte: it would cut the key short, and
     * "/a%00b" would be the same resource as "/a". */
    if (!fuzz_known ("nul-key"))
      {
        const char *nul = strstr (href, "%00");

        if (nul != NULL)
          {
            g_autofree char *before = g_strndup (href, nul - href);
            g_autofree char *before_key = dav_href_normalize_path (before);

            FUZZ_CHECK (strcmp (key, before_key) != 0,
                        "\"%s\" and \"%s\" have one key \"%s\": %%00 ended it", href, before, key);
          }
      }
  }

  return 0;
}
