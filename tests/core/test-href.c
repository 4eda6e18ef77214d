/* test-href.c: resolving and placing the hrefs of a 207 body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-href.h"
#include "dav-text.h"

#include <string.h>

#define BASE "http://127.0.0.1:8080/dav/coll/"

/* Tri-state for the collection flag. */
#define ANY (-1)

typedef struct {
  const char      *label;         /* test path below /href/resolve/ */
  const char      *href;
  DavHrefRelation  relation;
  const char      *name;          /* exact; NULL: not checked */
  const char      *name_contains; /* NULL: not checked */
  int              collection;    /* TRUE, FALSE or ANY */
  const char      *path;          /* exact; NULL: not checked */
  const char      *uri_contains;  /* NULL: not checked */
} HrefCase;

static const HrefCase cases[] = {
  { "member-file", "/dav/coll/a.txt", DAV_HREF_MEMBER, "a.txt", NULL, FALSE,
    "/dav/coll/a.txt", NULL },
  { "self-slash", "/dav/coll/", DAV_HREF_SELF, NULL, NULL, ANY, NULL, NULL },
  { "self-no-slash", "/dav/coll", DAV_HREF_SELF, NULL, NULL, ANY, NULL, NULL },
  { "self-absolute", BASE, DAV_HREF_SELF, NULL, NULL, ANY, NULL, NULL },
  { "member-collection", "/dav/coll/sub/", DAV_HREF_MEMBER, "sub", NULL, TRUE,
    NULL, NULL },
  { "descendant", "/dav/coll/sub/x", DAV_HREF_DESCENDANT, NULL, NULL, ANY, NULL, NULL },

  { "outside-root", "/", DAV_HREF_OUTSIDE, NULL, NULL, ANY, NULL, NULL },
  { "outside-parent", "/dav/", DAV_HREF_OUTSIDE, NULL, NULL, ANY, NULL, NULL },
  { "outside-sibling", "/dav/sibling/f", DAV_HREF_OUTSIDE, NULL, NULL, ANY, NULL, NULL },
  /* A common prefix is not a parent */
  { "outside-prefix", "/dav/collX/f", DAV_HREF_OUTSIDE, NULL, NULL, ANY, NULL, NULL },

  { "invalid-dot-dot", "/dav/coll/../../etc/", DAV_HREF_INVALID, NULL, NULL, ANY, NULL, NULL },
  { "invalid-encoded-dot-dot", "/dav/coll/%2e%2e/x", DAV_HREF_INVALID, NULL, NULL, ANY, NULL, NULL },
  { "invalid-encoded-slash", "/dav/coll/a%2Fb", DAV_HREF_INVALID, NULL, NULL, ANY, NULL, NULL },
  { "invalid-nul", "/dav/coll/a%00b", DAV_HREF_INVALID, NULL, NULL, ANY, NULL, NULL },
  { "invalid-dot", "/dav/coll/./x", DAV_HREF_INVALID, NULL, NULL, ANY, NULL, NULL },
  /* Decoded once only: "%2e%2e" is a name, not a dot segment */
  { "double-encoded-dot-dot", "%252e%252e", DAV_HREF_MEMBER, "%2e%2e", NULL, ANY, NULL, NULL },

  { "other-host", "https://evil.example/dav/coll/x", DAV_HREF_OTHER_ORIGIN,
    NULL, NULL, ANY, NULL, NULL },
  { "other-scheme", "https://127.0.0.1:8080/dav/coll/x", DAV_HREF_OTHER_ORIGIN,
    NULL, NULL, ANY, NULL, NULL },
  { "other-port", "http://127.0.0.1:9090/dav/coll/x", DAV_HREF_OTHER_ORIGIN,
    NULL, NULL, ANY, NULL, NULL },

  { "relative-space", "a%20b.txt", DAV_HREF_MEMBER, "a b.txt", NULL, ANY, NULL, NULL },
  /* A colon in the first segment is a name, not a scheme */
  { "relative-colon", "relative:colon.vcf", DAV_HREF_MEMBER, "relative:colon.vcf", NULL, ANY,
    "/dav/coll/relative:colon.vcf", NULL },
  { "at-and-colon", "/dav/coll/uid@host:file", DAV_HREF_MEMBER, "uid@host:file", NULL, ANY,
    NULL, NULL },
  { "raw-utf8", "/dav/coll/€uro", DAV_HREF_MEMBER, "€uro", NULL, ANY, NULL, "%E2%82%AC" },
  { "encoded-utf8", "/dav/coll/%e2%82%acuro", DAV_HREF_MEMBER, "€uro", NULL, ANY, NULL, "%E2%82%AC" },
  { "whitespace", "  \r\n/dav/coll/a.txt \n", DAV_HREF_MEMBER, "a.txt", NULL, FALSE,
    "/dav/coll/a.txt", NULL },
  { "ampersand", "/dav/coll/a&b", DAV_HREF_MEMBER, "a&b", NULL, ANY, NULL, NULL },
  /* "?" and "#" unencoded: which item is meant is not known (issue 13) */
  { "query", "/dav/coll/f?x=1&y=2", DAV_HREF_INVALID, NULL, NULL, ANY, NULL, NULL },
  { "question-mark-name", "http://127.0.0.1:8080/dav/coll/what?.txt", DAV_HREF_INVALID, NULL, NULL, ANY, NULL, NULL },
  { "encoded-question-mark", "/dav/coll/what%3F.txt", DAV_HREF_MEMBER, "what?.txt", NULL, ANY, NULL, NULL },
  { "fragment", "/dav/coll/a#b", DAV_HREF_INVALID, NULL, NULL, ANY, NULL, NULL },
  { "encoded-hash", "/dav/coll/a%23b", DAV_HREF_MEMBER, "a#b", NULL, ANY, NULL, NULL },
  { "escape-sequence", "/dav/coll/%1B%5B2J", DAV_HREF_MEMBER, NULL, "\\x1b[2J", ANY, NULL, NULL },
  { "bidi-override", "/dav/coll/x%E2%80%AEy", DAV_HREF_MEMBER, NULL, "\\u{202E}", ANY, NULL, NULL },
  { "invalid-utf8", "/dav/coll/%FF%FE", DAV_HREF_MEMBER, "\\xff\\xfe", NULL, ANY, NULL, "%FF%FE" },
  /* dav: is http (RFC 4918 does not define it, but clients use it) */
  { "dav-scheme", "dav://127.0.0.1:8080/dav/coll/x", DAV_HREF_MEMBER, "x", NULL, ANY, NULL, NULL },
  { "empty", "", DAV_HREF_INVALID, NULL, NULL, ANY, NULL, NULL },
};

static gboolean
relation_is_flagged (DavHrefRelation relation)
{
  return relation == DAV_HREF_OUTSIDE ||
         relation == DAV_HREF_OTHER_ORIGIN ||
         relation == DAV_HREF_INVALID;
}

/* Nothing a server sent reaches people with a control byte or a bidi
 * control in it. */
static void
assert_safe_text (const char *text)
{
  if (text == NULL)
    return;

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      g_assert_false (c < 0x20 || c == 0x7F);
    }
  g_assert_null (strstr (text, "\xe2\x80\xae"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
test_resolve_case (gconstpointer data)
{
  const HrefCase *c = data;
  g_autoptr(DavHref) href = dav_href_resolve (BASE, c->href);
  g_autofree char *shown = dav_text_escape (c->href, -1);

  g_assert_nonnull (href);
  g_test_message ("href “%s”: %s, uri %s, path %s, display %s, name %s, collection %d, problem %s",
                  shown, dav_href_relation_to_string (href->relation),
                  href->uri ? href->uri : "(null)",
                  href->path ? href->path : "(null)",
                  href->display_path ? href->display_path : "(null)",
                  href->name ? href->name : "(null)",
                  href->collection,
                  href->problem ? href->problem : "(null)");

  g_assert_cmpstr (dav_href_relation_to_string (href->relation), ==,
                   dav_href_relation_to_string (c->relation));

  if (relation_is_flagged (c->relation))
    {
      g_assert_nonnull (href->problem);
      g_assert_cmpstr (href->problem, !=, "");
      assert_safe_text (href->problem);
    }
  else
    g_assert_null (href->problem);

  if (c->name != NULL)
    g_assert_cmpstr (href->name, ==, c->name);
  if (c->name_contains != NULL)
    {
      g_assert_nonnull (href->name);
      g_assert_nonnull (strstr (href->name, c->name_contains));
    }
  if (c->collection != ANY)
    g_assert_cmpint (href->collection, ==, c->collection);
  if (c->path != NULL)
    g_assert_cmpstr (href->path, ==, c->path);
  if (c->uri_contains != NULL)
    {
      g_assert_nonnull (href->uri);
      g_assert_nonnull (strstr (href->uri, c->uri_contains));
    }

  if (c->relation != DAV_HREF_INVALID)
    {
      g_assert_nonnull (href->uri);
      g_assert_nonnull (href->path);
      g_assert_nonnull (href->display_path);
      g_assert_nonnull (href->name);
    }

  assert_safe_text (href->name);
  assert_safe_text (href->display_path);
}

static void
test_protocol_relative (void)
{
  /* "//dav/coll/f" is a network-path reference: host "dav", not a path
   * below the collection (RFC 3986 §4.2). */
  g_autoptr(DavHref) href = dav_href_resolve (BASE, "//dav/coll/f");

  g_assert_nonnull (href);
  g_assert_cmpint (href->relation, !=, DAV_HREF_MEMBER);
  g_assert_cmpint (href->relation, !=, DAV_HREF_SELF);
}

static void
test_raw_and_encoded_utf8 (void)
{
  g_autoptr(DavHref) raw = dav_href_resolve (BASE, "/dav/coll/€uro");
  g_autoptr(DavHref) encoded = dav_href_resolve (BASE, "/dav/coll/%e2%82%acuro");

  g_assert_nonnull (raw->uri);
  g_assert_cmpstr (raw->uri, ==, encoded->uri);
  g_assert_nonnull (strstr (raw->uri, "%E2%82%AC"));
  g_assert_cmpstr (raw->name, ==, encoded->name);
}

static void
test_escape_sequence_name (void)
{
  g_autoptr(DavHref) href = dav_href_resolve (BASE, "/dav/coll/%1B%5B2J");

  g_assert_nonnull (strstr (href->name, "\\x1b[2J"));
  g_assert_null (strchr (href->name, '\x1b'));
  g_assert_null (strchr (href->display_path, '\x1b'));
}

static void
test_display_path (void)
{
  g_autoptr(DavHref) href = dav_href_resolve (BASE, "/dav/coll/a%20b/");

  g_assert_cmpstr (href->display_path, ==, "/dav/coll/a b/");
  g_assert_true (href->collection);
  g_assert_cmpint (href->relation, ==, DAV_HREF_MEMBER);
}

static void
test_base_without_slash (void)
{
  g_autoptr(DavHref) href = dav_href_resolve ("http://127.0.0.1:8080/dav/coll", "x");

  g_assert_cmpint (href->relation, ==, DAV_HREF_MEMBER);
  g_assert_cmpstr (href->path, ==, "/dav/coll/x");
  g_assert_null (href->problem);
}

static void
test_relation_to_string (void)
{
  g_assert_cmpstr (dav_href_relation_to_string (DAV_HREF_SELF), ==, "self");
  g_assert_cmpstr (dav_href_relation_to_string (DAV_HREF_MEMBER), ==, "member");
  g_assert_cmpstr (dav_href_relation_to_string (DAV_HREF_DESCENDANT), ==, "descendant");
  g_assert_cmpstr (dav_href_relation_to_string (DAV_HREF_OUTSIDE), ==, "outside");
  g_assert_cmpstr (dav_href_relation_to_string (DAV_HREF_OTHER_ORIGIN), ==, "other-origin");
  g_assert_cmpstr (dav_href_relation_to_string (DAV_HREF_INVALID), ==, "invalid");
}

/* Servers escape differently: Apache writes "&" raw in an href where the
 * URL the user typed has "%26"; both name one resource. */
static void
test_identity_across_escapes (void)
{
  g_autoptr(DavHref) self_href = dav_href_resolve ("http://127.0.0.1:8080/dav/Tom%20%26%20Jerry.txt",
                                                   "/dav/Tom%20&amp;%20Jerry.txt");
  g_autoptr(DavHref) raw = dav_href_resolve ("http://127.0.0.1:8080/dav/Tom%20%26%20Jerry.txt",
                                             "/dav/Tom%20&%20Jerry.txt");
  g_autoptr(DavHref) utf8 = dav_href_resolve ("http://127.0.0.1:8080/dav/", "/dav/Gr%c3%bc%C3%9Fe.txt");
  g_autofree char *a = dav_href_normalize_path ("/dav/a%26b/");
  g_autofree char *b = dav_href_normalize_path ("/dav/a&b");
  g_autofree char *slash = dav_href_normalize_path ("/dav/a%2fb");

  g_assert_cmpstr (a, ==, b);
  /* An escaped slash stays one: it is part of a name, not a separator. */
  g_assert_cmpstr (slash, ==, "/dav/a%2Fb");
  g_assert_cmpint (raw->relation, ==, DAV_HREF_SELF);
  g_assert_cmpint (self_href->relation, !=, DAV_HREF_SELF);  /* "&amp;" is not entity text here */
  g_assert_cmpint (utf8->relation, ==, DAV_HREF_MEMBER);
  g_assert_cmpstr (utf8->name, ==, "Grüße.txt");
}

static void
test_normalize_path (void)
{
  static const struct {
    const char *in;
    const char *out;
  } paths[] = {
    { "/a/%7e/", "/a/~" },
    { "/a%2fb", "/a%2Fb" },
    { "/a/b/", "/a/b" },
    { "/", "" },
    { "%41", "A" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *key = dav_href_normalize_path (paths[i].in);

      g_assert_cmpstr (key, ==, paths[i].out);
    }
}

static void
test_text_escape (void)
{
  static const struct {
    const char *in;
    const char *out;
  } texts[] = {
    { "a\x1b" "b", "a\\x1bb" },
    { "\\", "\\\\" },
    { "x\xe2\x80\xaey", "x\\u{202E}y" },
    { "\xff", "\\xff" },
    { "Grüße", "Grüße" },
    { "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *escaped = dav_text_escape (texts[i].in, -1);

      g_assert_cmpstr (escaped, ==, texts[i].out);
    }
}

static void
test_text_escape_length (void)
{
  /* An explicit length stops at it, and a NUL inside is escaped */
  g_autofree char *head = dav_text_escape ("abcdef", 3);
  g_autofree char *nul = dav_text_escape ("a\0b", 3);

  g_assert_cmpstr (head, ==, "abc");
  g_assert_cmpstr (nul, ==, "a\\x00b");
}

static void
test_text_strip (void)
{
  static const struct {
    const char *in;
    const char *out;
  } texts[] = {
    { "  \r\n\tabc \n", "abc" },
    { "a b", "a b" },
    { " \t\r\n", "" },
    { "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *text = g_strdup (texts[i].in);
      char *stripped = dav_text_strip (text);

      /* In place */
      g_assert_true (stripped == text);
      g_assert_cmpstr (stripped, ==, texts[i].out);
    }

  g_assert_null (dav_text_strip (NULL));
}

static void
test_text_squeeze (void)
{
  static const struct {
    const char *in;
    const char *out;
  } texts[] = {
    { "<a>\n  <b/>\n</a>", "<a><b/></a>" },
    { "a  \n b", "a b" },
    { "  a  ", "a" },
    { "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *squeezed = dav_text_squeeze (texts[i].in);

      g_assert_cmpstr (squeezed, ==, texts[i].out);
    }
}

static void
test_text_is_blank (void)
{
  g_assert_true (dav_text_is_blank ("", 0));
  g_assert_true (dav_text_is_blank (" \t\r\n", 4));
  g_assert_false (dav_text_is_blank (" x ", 3));
  /* Only @length bytes are looked at */
  g_assert_true (dav_text_is_blank ("  x", 2));
}

static void
test_text_is_format_char (void)
{
  g_assert_true (dav_text_is_format_char (0x202E));
  g_assert_true (dav_text_is_format_char (0x200B));
  g_assert_true (dav_text_is_format_char (0x2066));
  g_assert_true (dav_text_is_format_char (0xFEFF));
  g_assert_false (dav_text_is_format_char ('a'));
  g_assert_false (dav_text_is_format_char (0x00FC));
}

/* docs/hostile-servers.md case 26: a download lands inside the chosen
 * folder under a name that is no path, no hidden file, no option and no
 * device. */
static void
test_local_name (void)
{
  static const struct {
    const char *url;
    const char *name;
  } names[] = {
    { "http://127.0.0.1/dav/report.pdf", "report.pdf" },
    { "http://127.0.0.1/dav/a%20b%23c.txt", "a b#c.txt" },
    { "http://127.0.0.1/dav/folder/", "folder" },
    { "http://127.0.0.1/dav/f.txt?x=1#y", "f.txt" },
    { "http://127.0.0.1/dav/..", "download" },
    { "http://127.0.0.1/dav/%2e%2e", "download" },
    { "http://127.0.0.1/dav/.", "dav" },
    { "http://127.0.0.1/dav/.bashrc", "bashrc" },
    { "http://127.0.0.1/dav/-rf", "rf" },
    { "http://127.0.0.1/dav/--help", "help" },
    { "http://127.0.0.1/dav/CON", "_CON" },
    { "http://127.0.0.1/dav/con.txt", "_con.txt" },
    { "http://127.0.0.1/dav/Lpt1", "_Lpt1" },
    { "http://127.0.0.1/dav/CONTRACT.txt", "CONTRACT.txt" },
    { "http://127.0.0.1/dav/%2Fetc%2Fpasswd", "download" },
    { "http://127.0.0.1/dav/..%2F..%2Fetc%2Fpasswd", "download" },
    { "http://127.0.0.1/dav/a%5Cb", "a_b" },
    { "http://127.0.0.1/dav/%1B%5D0%3Bpwned%07", "_]0;pwned_" },
    { "http://127.0.0.1/dav/invoice%E2%80%AEfdp.exe", "invoice_fdp.exe" },
    { "http://127.0.0.1/dav/", "dav" },
    { "http://127.0.0.1/", "download" },
    { "http://127.0.0.1/dav/Gr%C3%BC%C3%9Fe.txt", "Grüße.txt" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = dav_href_local_name (names[i].url);

      g_test_message ("%s -> %s", names[i].url, name);
      g_assert_cmpstr (name, ==, names[i].name);
      g_assert_null (strchr (name, '/'));
    }
}

/* Longer than a file system takes: cut on a character boundary, never
 * replaced by "download" wholesale, and the extension stays. */
static void
test_local_name_long (void)
{
  g_autoptr(GString) ascii = g_string_new ("http://127.0.0.1/dav/");
  g_autoptr(GString) utf8 = g_string_new ("http://127.0.0.1/dav/x");
  g_autofree char *a = NULL;
  g_autofree char *u = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append_c (ascii, 'a');
  g_string_append (ascii, ".pdf");
  for (guint i = 0; i < 200; i++)
    g_string_append (utf8, "%C3%A9");  /* é, two bytes */

  a = dav_href_local_name (ascii->str);
  u = dav_href_local_name (utf8->str);

  g_assert_cmpuint (strlen (a), <=, 200);
  g_assert_true (g_str_has_prefix (a, "aaaa"));
  g_assert_true (g_str_has_suffix (a, ".pdf"));
  g_assert_cmpuint (strlen (u), >=, 190);
  g_assert_cmpuint (strlen (u), <=, 200);
  g_assert_true (g_utf8_validate (u, -1, NULL));
  g_assert_true (g_str_has_prefix (u, "x\xc3\xa9\xc3\xa9"));
}

/* An absolute path and the same path as a full URL of the base's origin
 * take different ways through dav_href_resolve (the path alone is the
 * common case, resolved without GUri): they must come out the same. */
static void
test_path_and_url_agree (void)
{
  static const char * const paths[] = {
    "/dav/coll/", "/dav/coll", "/dav/coll/a.txt", "/dav/coll/sub/", "/dav/coll/sub/x",
    "/dav/coll/a%7e%41b", "/dav/coll/%c3%bc%C3%9F", "/dav/coll/a%20b/", "/dav/coll//x",
    "/dav/coll/a%25b", "/dav/coll/%FF%FE", "/dav/coll/a+b;c=d@e:f", "/dav/", "/",
    "/dav/collX/f", "/dav/coll/a%2e",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = g_strconcat ("http://127.0.0.1:8080", paths[i], NULL);
      g_autoptr(DavHref) from_path = dav_href_resolve (BASE, paths[i]);
      g_autoptr(DavHref) from_url = dav_href_resolve (BASE, url);

      g_test_message ("%s: %s %s", paths[i], from_path->uri, from_url->uri);
      g_assert_cmpint (from_path->relation, ==, from_url->relation);
      g_assert_cmpstr (from_path->uri, ==, from_url->uri);
      g_assert_cmpstr (from_path->path, ==, from_url->path);
      g_assert_cmpstr (from_path->display_path, ==, from_url->display_path);
      g_assert_cmpstr (from_path->name, ==, from_url->name);
      g_assert_cmpint (from_path->collection, ==, from_url->collection);
      g_assert_cmpint (from_path->problem == NULL, ==, from_url->problem == NULL);
    }
}

/* The parsed base is kept between calls: another base, or an invalid
 * one, in between must not leak into the next answer. */
static void
test_base_changes (void)
{
  static const char * const bases[] = {
    BASE, "http://127.0.0.1:8080/dav/", "not a url", BASE, "https://127.0.0.1:8080/dav/coll/", BASE,
  };
  static const DavHrefRelation expected[] = {
    DAV_HREF_MEMBER, DAV_HREF_DESCENDANT, DAV_HREF_INVALID, DAV_HREF_MEMBER, DAV_HREF_MEMBER, DAV_HREF_MEMBER,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      g_autoptr(DavHref) href = dav_href_resolve (bases[i], "/dav/coll/a.txt");

      g_assert_cmpint (href->relation, ==, expected[i]);
      if (expected[i] == DAV_HREF_INVALID)
        g_assert_nonnull (href->problem);
      else
        g_assert_true (g_str_has_prefix (href->uri, bases[i][4] == 's' ? "https://" : "http://"));
    }
}

static void
test_split_last (void)
{
  static const struct { const char *url, *parent, *segment; } splits[] = {
    { "http://h/dav/a%20b/", "http://h/dav/", "a%20b" },
    { "http://h/dav/f.txt", "http://h/dav/", "f.txt" },
    { "/dav/x//", "/dav/", "x" },
    { "/", "/", "" },
    { "name", "name", "name" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (splits); i++)
    {
      g_autofree char *parent = NULL;
      g_autofree char *segment = NULL;

      dav_href_split_last (splits[i].url, &parent, &segment);
      g_assert_cmpstr (parent, ==, splits[i].parent);
      g_assert_cmpstr (segment, ==, splits[i].segment);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/href/resolve/", cases[i].label, NULL);

      g_test_add_data_func (path, &cases[i], test_resolve_case);
    }
  g_test_add_func ("/href/protocol-relative", test_protocol_relative);
  g_test_add_func ("/href/raw-and-encoded-utf8", test_raw_and_encoded_utf8);
  g_test_add_func ("/href/escape-sequence-name", test_escape_sequence_name);
  g_test_add_func ("/href/display-path", test_display_path);
  g_test_add_func ("/href/base-without-slash", test_base_without_slash);
  g_test_add_func ("/href/path-and-url-agree", test_path_and_url_agree);
  g_test_add_func ("/href/base-changes", test_base_changes);
  g_test_add_func ("/href/relation-to-string", test_relation_to_string);
  g_test_add_func ("/href/normalize-path", test_normalize_path);
  g_test_add_func ("/href/text/escape", test_text_escape);
  g_test_add_func ("/href/text/escape-length", test_text_escape_length);
  g_test_add_func ("/href/text/strip", test_text_strip);
  g_test_add_func ("/href/text/squeeze", test_text_squeeze);
  g_test_add_func ("/href/identity-across-escapes", test_identity_across_escapes);
  g_test_add_func ("/href/text/is-blank", test_text_is_blank);
  g_test_add_func ("/href/text/is-format-char", test_text_is_format_char);
  g_test_add_func ("/href/local-name", test_local_name);
  g_test_add_func ("/href/local-name-long", test_local_name_long);

  g_test_add_func ("/href/split-last", test_split_last);

  return g_test_run ();
}
