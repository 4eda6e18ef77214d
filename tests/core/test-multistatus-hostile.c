/* test-multistatus-hostile.c: the 207 parser against hostile bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bodies built here that a server could send to hurt the client
 * (docs/hostile-servers.md): entity expansion, external entities and DTDs
 * (no file opened, no connection made), deep nesting, the parser's limits,
 * broken encodings, and large listings fed in pieces. The parser must stop
 * them, say why, and keep what it kept before.
 */

#include "dav-multistatus-parser.h"
#include "dav-error.h"
#include "dav-href.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <sys/inotify.h>
#include <unistd.h>

#include <string.h>

#include "dav-test-multistatus.h"

static void
assert_stopped_at_dtd (DavMultistatus *ms)
{
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_FORBIDDEN_DTD));
  g_assert_false (ms->complete);
  g_assert_false (ms->is_multistatus);
  g_assert_cmpuint (ms->n_responses, ==, 0);
  g_assert_cmpuint (ms->responses->len, ==, 0);
  g_assert_false (dump_contains (ms, "aaaa"));
  g_assert_false (dump_contains (ms, "root:"));
}

static void
test_billion_laughs (void)
{
  g_autoptr(GString) body = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE d [\n"
                                          "<!ENTITY a0 \"aaaa\">\n");
  g_autoptr(DavMultistatus) ms = NULL;
  g_autoptr(DavMultistatus) bytes = NULL;

  for (guint i = 1; i <= 12; i++)
    {
      g_string_append_printf (body, "<!ENTITY a%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (body, "&a%u;", i - 1);
      g_string_append (body, "\">\n");
    }
  g_string_append (body, "]>\n"
                   "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/x</D:href>"
                   "<D:propstat><D:prop><D:displayname>&a12;</D:displayname></D:prop>"
                   "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>\n");

  ms = dav_multistatus_parse (body->str, body->len, NULL);
  assert_stopped_at_dtd (ms);
  bytes = parse_in_chunks (body->str, body->len, one_byte);
  assert_stopped_at_dtd (bytes);
}

/* A listening socket that nothing should ever connect to. */
static GSocket *
listen_on_loopback (guint16 *port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) listener = NULL;

  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (listener, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (listener, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (listener, FALSE);
  bound = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  return g_steal_pointer (&listener);
}

static void
assert_never_connected (GSocket *listener)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) client = g_socket_accept (listener, NULL, &error);

  g_assert_null (client);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
}

static void
test_xxe_system_entity (void)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(DavMultistatus) ms = NULL;
  g_autofree char *body = NULL;
  guint16 port = 0;

  listener = listen_on_loopback (&port);
  body = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                          "<!DOCTYPE D:multistatus [\n"
                          "<!ENTITY x SYSTEM \"file:///etc/passwd\">\n"
                          "<!ENTITY y SYSTEM \"http://127.0.0.1:%u/y\">\n"
                          "]>\n"
                          "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/x</D:href>"
                          "<D:propstat><D:prop><D:displayname>&x;&y;</D:displayname></D:prop>"
                          "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>\n",
                          port);
  ms = parse_string (body);
  assert_stopped_at_dtd (ms);
  assert_never_connected (listener);
}

/* Opens of @path seen by inotify since the watch on @fd was set. */
static guint
count_opens (int fd)
{
  char buffer[4096] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  guint opens = 0;
  ssize_t length;

  while ((length = read (fd, buffer, sizeof buffer)) > 0)
    for (char *p = buffer; p < buffer + length; )
      {
        const struct inotify_event *event = (const struct inotify_event *) p;

        if (event->mask & (IN_OPEN | IN_ACCESS))
          opens++;
        p += sizeof (struct inotify_event) + event->len;
      }

  return opens;
}

/* docs/hostile-servers.md case 2, checked where it matters: the file an
 * external entity names is never even opened (inotify sees every open),
 * whether the entity is used in a value or as an external DTD. */
static void
test_xxe_no_file_opened (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("davscope-xxe-XXXXXX", &error);
  g_autofree char *secret = NULL;
  g_autofree char *uri = NULL;
  const char *forms[][2] = {
    { "<!DOCTYPE D:multistatus [<!ENTITY x SYSTEM \"", "\">]>\n" },
    { "<!DOCTYPE D:multistatus SYSTEM \"", "\">\n" },
    { "<!DOCTYPE D:multistatus [<!ENTITY % p SYSTEM \"", "\"> %p;]>\n" },
  };
  int fd;

  g_assert_no_error (error);
  secret = g_build_filename (dir, "secret", NULL);
  g_file_set_contents (secret, "root:x:0:0:TOP-SECRET\n", -1, &error);
  g_assert_no_error (error);
  uri = g_filename_to_uri (secret, NULL, &error);
  g_assert_no_error (error);

  fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (inotify_add_watch (fd, secret, IN_OPEN | IN_ACCESS), >=, 0);

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      for (guint path = 0; path < 2; path++)
        {
          g_autofree char *doctype = g_strconcat (forms[i][0], path ? secret : uri, forms[i][1], NULL);
          g_autofree char *body = g_strconcat ("<?xml version=\"1.0\"?>\n", doctype,
                                               "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/x</D:href>"
                                               "<D:propstat><D:prop><D:displayname>&x;</D:displayname></D:prop>"
                                               "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
                                               "</D:multistatus>\n", NULL);
          g_autoptr(DavMultistatus) ms = parse_string (body);
          g_autoptr(DavMultistatus) bytes = parse_in_chunks (body, strlen (body), one_byte);

          assert_stopped_at_dtd (ms);
          assert_stopped_at_dtd (bytes);
          g_assert_false (dump_contains (ms, "TOP-SECRET"));
        }
    }
  g_assert_cmpuint (count_opens (fd), ==, 0);

  /* The watch works: an open of our own is seen. */
  {
    g_autofree char *contents = NULL;

    g_file_get_contents (secret, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count_opens (fd), >, 0);
  }

  close (fd);
  g_unlink (secret);
  g_rmdir (dir);
}

static void
test_external_dtd (void)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(DavMultistatus) ms = NULL;
  g_autoptr(DavMultistatus) fixed = NULL;
  g_autofree char *body = NULL;
  guint16 port = 0;

  fixed = parse_string ("<?xml version=\"1.0\"?>\n"
                        "<!DOCTYPE multistatus SYSTEM \"http://127.0.0.1:9/x.dtd\">\n"
                        "<multistatus xmlns=\"DAV:\"><response><href>/x</href>"
                        "<status>HTTP/1.1 200 OK</status></response></multistatus>\n");
  assert_stopped_at_dtd (fixed);

  /* The same on a port we watch: no connection is ever made. */
  listener = listen_on_loopback (&port);
  body = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                          "<!DOCTYPE multistatus SYSTEM \"http://127.0.0.1:%u/x.dtd\" [\n"
                          "<!ENTITY %% p SYSTEM \"http://127.0.0.1:%u/p.ent\"> %%p;\n"
                          "]>\n"
                          "<multistatus xmlns=\"DAV:\"><response><href>/x</href>"
                          "<status>HTTP/1.1 200 OK</status></response></multistatus>\n",
                          port, port);
  ms = parse_string (body);
  assert_stopped_at_dtd (ms);
  assert_never_connected (listener);
}

static void
test_deep_nesting (void)
{
  const guint n = 100000;
  g_autoptr(GString) body = g_string_new ("<?xml version=\"1.0\"?>\n"
                                          "<D:multistatus xmlns:D=\"DAV:\"><D:response>"
                                          "<D:href>/deep</D:href><D:propstat><D:prop>");
  g_autoptr(DavMultistatus) ms = NULL;
  g_autoptr(DavMultistatus) chunked = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *chunked_dump = NULL;
  DavParserLimits limits;
  const char *value;

  for (guint i = 0; i < n; i++)
    g_string_append (body, "<x>");
  g_string_append (body, "bottom");
  for (guint i = 0; i < n; i++)
    g_string_append (body, "</x>");
  g_string_append (body, "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
                   "</D:response></D:multistatus>\n");

  ms = dav_multistatus_parse (body->str, body->len, NULL);
  dav_parser_limits_init_default (&limits);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_LIMIT));
  g_assert_false (ms->complete);
  g_assert_false (dump_contains (ms, "bottom"));
  /* The response it was in is still handed over, marked as cut off. */
  g_assert_cmpuint (ms->n_responses, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/deep");
  g_assert_true (has_problem (response_at (ms, 0)->problems, DAV_PROBLEM_TRUNCATED));
  /* Nothing deeper than the limit was kept. */
  value = property_value (ms, 0, "", "x");
  g_assert_true (value == NULL || strlen (value) <= 8 * limits.max_depth);

  chunked = parse_in_chunks (body->str, body->len, random_size);
  dump = canonical_dump (ms);
  chunked_dump = canonical_dump (chunked);
  g_assert_cmpstr (chunked_dump, ==, dump);
}

/* Five responses, each with two propstats of three valued properties. */
static char *
build_listing (void)
{
  GString *body = g_string_new ("<?xml version=\"1.0\"?>\n<D:multistatus xmlns:D=\"DAV:\">\n");

  for (guint i = 0; i < 5; i++)
    {
      g_string_append_printf (body, "<D:response><D:href>/dav/coll/item%u</D:href>\n", i);
      for (guint j = 0; j < 2; j++)
        {
          g_string_append (body, "<D:propstat><D:prop>");
          for (guint k = 0; k < 3; k++)
            g_string_append_printf (body, "<D:p%u%u>value number %u.%u.%u</D:p%u%u>",
                                    j, k, i, j, k, j, k);
          g_string_append (body, "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>\n");
        }
      g_string_append (body, "</D:response>\n");
    }
  g_string_append (body, "</D:multistatus>\n");

  return g_string_free (body, FALSE);
}

static DavMultistatus *
parse_with_limits (const char            *body,
                   const DavParserLimits *limits)
{
  g_autoptr(DavMultistatus) ms = dav_multistatus_parse (body, strlen (body), limits);
  g_autoptr(DavMultistatus) bytes = NULL;
  g_autoptr(DavMultistatusParser) parser = dav_multistatus_parser_new ();
  g_autofree char *dump = canonical_dump (ms);
  g_autofree char *bytes_dump = NULL;
  gsize length = strlen (body);

  /* The limits act the same whatever the chunking. */
  dav_multistatus_parser_set_limits (parser, limits);
  for (gsize i = 0; i < length; i++)
    if (!dav_multistatus_parser_feed (parser, body + i, 1, NULL))
      break;
  bytes = dav_multistatus_parser_finish (parser);
  bytes_dump = canonical_dump (bytes);
  g_assert_cmpstr (bytes_dump, ==, dump);
  assert_complete_consistent (ms);

  return g_steal_pointer (&ms);
}

static void
test_limits_unlimited_baseline (void)
{
  g_autofree char *body = build_listing ();
  g_autoptr(DavMultistatus) ms = parse_string (body);

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 5);
  g_assert_cmpuint (response_at (ms, 4)->propstats->len, ==, 2);
  g_assert_cmpstr (property_value (ms, 4, "DAV:", "p12"), ==, "value number 4.1.2");
}

static void
test_limit_max_responses (void)
{
  g_autofree char *body = build_listing ();
  g_autoptr(DavMultistatus) ms = NULL;
  DavParserLimits limits;

  dav_parser_limits_init_default (&limits);
  limits.max_responses = 2;
  ms = parse_with_limits (body, &limits);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_LIMIT));
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  g_assert_cmpstr (href_at (ms, 1), ==, "/dav/coll/item1");
  g_assert_false (dump_contains (ms, "item2"));
}

/* A folder of a million members is answered with a million and one
 * responses, the folder's own among them: the default limit lets all of
 * them through (it let the last member go, issue 19). */
static void
test_limit_default_million (void)
{
  DavParserLimits limits;

  dav_parser_limits_init_default (&limits);
  g_assert_cmpuint (limits.max_responses, >=, 1000000 + 1);
}

static void
test_limit_max_propstats (void)
{
  g_autofree char *body = build_listing ();
  g_autoptr(DavMultistatus) ms = NULL;
  DavParserLimits limits;

  dav_parser_limits_init_default (&limits);
  limits.max_propstats = 1;
  ms = parse_with_limits (body, &limits);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_LIMIT));
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  g_assert_cmpuint (response_at (ms, 0)->propstats->len, ==, 1);
  g_assert_true (has_problem (response_at (ms, 0)->problems, DAV_PROBLEM_TRUNCATED));
}

static void
test_limit_max_properties (void)
{
  g_autofree char *body = build_listing ();
  g_autoptr(DavMultistatus) ms = NULL;
  DavParserLimits limits;
  guint n = 0;

  dav_parser_limits_init_default (&limits);
  limits.max_properties = 4;
  ms = parse_with_limits (body, &limits);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_LIMIT));
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  for (guint i = 0; i < response_at (ms, 0)->propstats->len; i++)
    n += propstat_at (ms, 0, i)->properties->len;
  g_assert_cmpuint (n, <=, 4);
}

static void
test_limit_max_body_bytes (void)
{
  g_autofree char *body = build_listing ();
  g_autoptr(DavMultistatus) ms = NULL;
  g_autoptr(DavMultistatusParser) parser = NULL;
  g_autoptr(DavMultistatus) streamed = NULL;
  g_autoptr(GError) error = NULL;
  DavParserLimits limits;

  dav_parser_limits_init_default (&limits);
  limits.max_body_bytes = 400;
  ms = parse_with_limits (body, &limits);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_LIMIT));
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, <, 5);

  /* feed says so, with a LIMIT error. */
  parser = dav_multistatus_parser_new ();
  dav_multistatus_parser_set_limits (parser, &limits);
  g_assert_true (dav_multistatus_parser_feed (parser, body, 300, &error));
  g_assert_no_error (error);
  g_assert_false (dav_multistatus_parser_feed (parser, body + 300, 300, &error));
  g_assert_error (error, DAV_ERROR, DAV_ERROR_LIMIT);
  streamed = dav_multistatus_parser_finish (parser);
  g_assert_false (streamed->complete);
  g_assert_true (has_problem (streamed->problems, DAV_PROBLEM_LIMIT));
}

static void
test_limit_max_value_bytes (void)
{
  const char *body =
    "<?xml version=\"1.0\"?>\n<D:multistatus xmlns:D=\"DAV:\" xmlns:X=\"urn:example:x\">"
    "<D:response><D:href>/dav/a</D:href><D:propstat><D:prop>"
    "<D:displayname>0123456789abcdefghijklmnopqrstuvwxyz</D:displayname>"
    "<X:accents>\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9</X:accents>"
    "<X:tree><X:leaf>0123456789</X:leaf></X:tree>"
    "<D:getetag>short</D:getetag>"
    "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
    "<D:responsedescription>a description longer than the cap</D:responsedescription>"
    "</D:response>"
    "<D:response><D:href>/dav/a-much-longer-name-than-the-cap</D:href>"
    "<D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>\n";
  g_autoptr(DavMultistatus) ms = NULL;
  DavParserLimits limits;
  const DavResponse *r;
  const char *value;

  dav_parser_limits_init_default (&limits);
  limits.max_value_bytes = 17;
  ms = parse_with_limits (body, &limits);

  /* The parse goes on; the values are cut, and the answer flagged. */
  g_assert_true (ms->well_formed);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  r = response_at (ms, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_VALUE_TRUNCATED));
  g_assert_cmpstr (href_at (ms, 0), ==, "/dav/a");
  g_assert_cmpuint (propstat_at (ms, 0, 0)->status, ==, 200);
  value = property_value (ms, 0, "DAV:", "displayname");
  g_assert_cmpuint (strlen (value), <=, limits.max_value_bytes);
  g_assert_true (g_str_has_prefix ("0123456789abcdefghijklmnopqrstuvwxyz", value));
  /* Never cut inside a UTF-8 sequence. */
  value = property_value (ms, 0, "urn:example:x", "accents");
  g_assert_cmpuint (strlen (value), <=, limits.max_value_bytes);
  g_assert_true (g_utf8_validate (value, -1, NULL));
  value = property_value (ms, 0, "urn:example:x", "tree");
  g_assert_true (value == NULL || strlen (value) <= limits.max_value_bytes);
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "getetag"), ==, "short");
  value = r->description;
  g_assert_true (value == NULL || strlen (value) <= limits.max_value_bytes);

  /* An href is a text field too: cut, it names another resource, so its
   * response must carry the problem. */
  r = response_at (ms, 1);
  value = dav_response_get_href (r);
  g_assert_true (value == NULL || strlen (value) <= limits.max_value_bytes);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_VALUE_TRUNCATED));
}

static void
test_error_body (void)
{
  g_autoptr(DavMultistatus) ms =
    parse_string ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                  "<D:error xmlns:D=\"DAV:\"><D:lock-token-submitted>"
                  "<D:href>/x</D:href></D:lock-token-submitted></D:error>\n");
  const DavCondition *condition;

  /* A DAV:error body (RFC 4918 §8.7) is understood, not a 207. */
  g_assert_false (ms->is_multistatus);
  g_assert_true (ms->well_formed);
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 0);
  g_assert_false (has_problem (ms->problems, DAV_PROBLEM_NOT_MULTISTATUS));
  g_assert_cmpuint (ms->errors->len, ==, 1);
  condition = g_ptr_array_index (ms->errors, 0);
  g_assert_cmpstr (condition->namespace_uri, ==, "DAV:");
  g_assert_cmpstr (condition->name, ==, "lock-token-submitted");
  g_assert_nonnull (condition->content);
  g_assert_nonnull (strstr (condition->content, "/x"));
}

static void
test_empty_body (void)
{
  g_autoptr(DavMultistatus) empty = dav_multistatus_parse ("", 0, NULL);
  g_autoptr(DavMultistatus) blank = parse_string ("  \r\n\t\n");
  g_autoptr(DavMultistatus) decl = parse_string ("<?xml version=\"1.0\"?>\n");
  g_autoptr(DavMultistatusParser) parser = dav_multistatus_parser_new ();
  g_autoptr(DavMultistatus) unfed = dav_multistatus_parser_finish (parser);

  g_assert_true (has_problem (empty->problems, DAV_PROBLEM_EMPTY_BODY));
  g_assert_false (empty->complete);
  g_assert_false (empty->is_multistatus);
  g_assert_cmpuint (empty->n_responses, ==, 0);
  g_assert_true (has_problem (unfed->problems, DAV_PROBLEM_EMPTY_BODY));
  g_assert_false (unfed->complete);

  /* Whitespace or a bare declaration hold no document either. */
  g_assert_false (blank->complete);
  g_assert_cmpuint (blank->problems->len, >, 0);
  g_assert_true (has_problem (blank->problems, DAV_PROBLEM_EMPTY_BODY) ||
                 has_problem (blank->problems, DAV_PROBLEM_NOT_WELL_FORMED));
  g_assert_false (decl->complete);
  g_assert_cmpuint (decl->problems->len, >, 0);
}

/* The same body with DAV: bound in several ways: a prefix, the default
 * namespace, Apache's lp1, an upper-case prefix, a prefix redefined in
 * a child (both ways round). */
static const char *const namespace_variants[] = {
  "<?xml version=\"1.0\"?>\n"
  "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/v/a</D:href><D:propstat>"
  "<D:prop><D:getetag>\"e\"</D:getetag><D:resourcetype><D:collection/></D:resourcetype></D:prop>"
  "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
  "<D:sync-token>tok</D:sync-token></D:multistatus>\n",

  "<?xml version=\"1.0\"?>\n"
  "<multistatus xmlns=\"DAV:\"><response><href>/v/a</href><propstat>"
  "<prop><getetag>\"e\"</getetag><resourcetype><collection/></resourcetype></prop>"
  "<status>HTTP/1.1 200 OK</status></propstat></response>"
  "<sync-token>tok</sync-token></multistatus>\n",

  "<?xml version=\"1.0\"?>\n"
  "<D:multistatus xmlns:D=\"DAV:\"><D:response xmlns:lp1=\"DAV:\" xmlns:lp2=\"urn:example:lp2\">"
  "<D:href>/v/a</D:href><D:propstat>"
  "<D:prop><lp1:getetag>\"e\"</lp1:getetag><lp1:resourcetype><D:collection/></lp1:resourcetype></D:prop>"
  "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
  "<D:sync-token>tok</D:sync-token></D:multistatus>\n",

  "<?xml version=\"1.0\"?>\n"
  "<DAV:multistatus xmlns:DAV=\"DAV:\"><DAV:response><DAV:href>/v/a</DAV:href><DAV:propstat>"
  "<DAV:prop><DAV:getetag>\"e\"</DAV:getetag><DAV:resourcetype><DAV:collection/></DAV:resourcetype></DAV:prop>"
  "<DAV:status>HTTP/1.1 200 OK</DAV:status></DAV:propstat></DAV:response>"
  "<DAV:sync-token>tok</DAV:sync-token></DAV:multistatus>\n",

  "<?xml version=\"1.0\"?>\n"
  "<X:multistatus xmlns:X=\"DAV:\"><X:response><X:href>/v/a</X:href>"
  "<Y:propstat xmlns:Y=\"DAV:\" xmlns:X=\"urn:example:other\">"
  "<Y:prop><Y:getetag>\"e\"</Y:getetag><Y:resourcetype><Y:collection/></Y:resourcetype></Y:prop>"
  "<Y:status>HTTP/1.1 200 OK</Y:status></Y:propstat></X:response>"
  "<X:sync-token>tok</X:sync-token></X:multistatus>\n",

  "<?xml version=\"1.0\"?>\n"
  "<D:multistatus xmlns:D=\"DAV:\" xmlns:d=\"urn:example:first\"><D:response><D:href>/v/a</D:href>"
  "<D:propstat xmlns:d=\"DAV:\"><d:prop><d:getetag>\"e\"</d:getetag><d:resourcetype><D:collection/></d:resourcetype></d:prop>"
  "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
  "<D:sync-token>tok</D:sync-token></D:multistatus>\n",
};

static void
test_namespace_variants (void)
{
  g_autoptr(DavMultistatus) plain = parse_string (namespace_variants[0]);
  g_autofree char *plain_dump = canonical_dump (plain);

  g_assert_true (plain->complete);
  g_assert_cmpuint (plain->n_responses, ==, 1);
  g_assert_cmpstr (plain->sync_token, ==, "tok");
  g_assert_cmpstr (property_value (plain, 0, "DAV:", "getetag"), ==, "\"e\"");

  for (guint i = 1; i < G_N_ELEMENTS (namespace_variants); i++)
    {
      g_autoptr(DavMultistatus) ms = NULL;
      g_autofree char *dump = NULL;

      ms = parse_string (namespace_variants[i]);
      dump = canonical_dump (ms);
      g_test_message ("variant %u", i);
      g_assert_cmpstr (dump, ==, plain_dump);
    }
}

static void
test_namespace_wrong_case (void)
{
  g_autoptr(GString) body = g_string_new (namespace_variants[0]);
  g_autoptr(DavMultistatus) ms = NULL;

  g_string_replace (body, "xmlns:D=\"DAV:\"", "xmlns:D=\"dav:\"", 0);
  ms = parse_string (body->str);
  g_assert_false (ms->is_multistatus);
  g_assert_false (ms->complete);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_NOT_MULTISTATUS));
  g_assert_cmpuint (ms->n_responses, ==, 0);
  g_assert_null (ms->sync_token);
}

static void
test_namespace_foreign_href (void)
{
  g_autoptr(DavMultistatus) ms =
    parse_string ("<?xml version=\"1.0\"?>\n"
                  "<D:multistatus xmlns:D=\"DAV:\" xmlns:F=\"urn:example:foreign\">"
                  "<D:response><F:href>/evil</F:href><D:href>/v/real</D:href>"
                  "<D:status>HTTP/1.1 200 OK</D:status></D:response>"
                  "<D:response><F:href>/evil2</F:href>"
                  "<D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>\n");
  const DavResponse *r;

  g_assert_cmpuint (ms->n_responses, ==, 2);
  r = response_at (ms, 0);
  g_assert_cmpuint (r->hrefs->len, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/v/real");
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_UNEXPECTED_ELEMENT));
  r = response_at (ms, 1);
  g_assert_cmpuint (r->hrefs->len, ==, 0);
  g_assert_true (has_problem (r->problems, DAV_PROBLEM_MISSING_HREF));
  g_assert_false (ms->complete);
  g_assert_false (dump_contains (ms, "/evil"));
}

static void
test_utf16le_bom (void)
{
  const char *utf8 =
    "<?xml version=\"1.0\"?>\n"
    "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/dav/caf%C3%A9</D:href>"
    "<D:propstat><D:prop><D:displayname>caf\u00e9 \u20ac \U0001F600</D:displayname></D:prop>"
    "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new_len ("\xff\xfe", 2);
  g_autoptr(DavMultistatus) reference = parse_string (utf8);
  g_autoptr(DavMultistatus) ms = NULL;
  g_autoptr(DavMultistatus) bytes = NULL;
  g_autofree char *utf16 = NULL;
  g_autofree char *reference_dump = canonical_dump (reference);
  g_autofree char *dump = NULL;
  g_autofree char *bytes_dump = NULL;
  gsize length = 0;

  utf16 = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_string_append_len (body, utf16, length);

  g_assert_true (reference->complete);
  ms = dav_multistatus_parse (body->str, body->len, NULL);
  dump = canonical_dump (ms);
  g_assert_cmpstr (dump, ==, reference_dump);
  g_assert_cmpstr (property_value (ms, 0, "DAV:", "displayname"), ==, "caf\u00e9 \u20ac \U0001F600");

  /* Cut between the two bytes of a code unit, and inside surrogate pairs. */
  bytes = parse_in_chunks (body->str, body->len, one_byte);
  bytes_dump = canonical_dump (bytes);
  g_assert_cmpstr (bytes_dump, ==, reference_dump);
}

static void
test_invalid_utf8_href (void)
{
  const char *body =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<D:multistatus xmlns:D=\"DAV:\">"
    "<D:response><D:href>/dav/good</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>"
    "<D:response><D:href>/dav/bad\xff\xfe\xc0\xae</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>"
    "</D:multistatus>\n";
  g_autoptr(DavMultistatus) ms = parse_string (body);
  g_autoptr(DavMultistatus) bytes = NULL;
  g_autofree char *dump = canonical_dump (ms);
  g_autofree char *bytes_dump = NULL;

  /* Invalid bytes make the body untrustworthy, whatever else is in it. */
  g_assert_false (ms->complete);
  g_assert_true (has_fatal_problem (ms));
  g_assert_true (has_problem_anywhere (ms, DAV_PROBLEM_ENCODING) ||
                 has_problem_anywhere (ms, DAV_PROBLEM_NOT_WELL_FORMED));
  /* What came before is kept; no invalid bytes are handed on. */
  g_assert_cmpuint (ms->n_responses, >=, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/dav/good");
  for (guint i = 0; i < ms->responses->len; i++)
    {
      const char *href = dav_response_get_href (response_at (ms, i));

      g_assert_true (href == NULL || g_utf8_validate (href, -1, NULL));
    }
  g_assert_true (g_utf8_validate (dump, -1, NULL));

  bytes = parse_in_chunks (body, strlen (body), one_byte);
  bytes_dump = canonical_dump (bytes);
  g_assert_cmpstr (bytes_dump, ==, dump);
}

static void
test_invalid_utf8_latin1_declared_utf8 (void)
{
  /* An ISO-8859-1 "é" in a body that says it is UTF-8. */
  g_autoptr(DavMultistatus) ms =
    parse_string ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                  "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/dav/x</D:href>"
                  "<D:propstat><D:prop><D:displayname>caf\xe9</D:displayname></D:prop>"
                  "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>\n");

  g_assert_false (ms->complete);
  g_assert_true (has_fatal_problem (ms));
  for (guint i = 0; i < ms->responses->len; i++)
    {
      const DavProperty *name = find_property (ms, i, "DAV:", "displayname");

      g_assert_true (name == NULL || name->value == NULL || g_utf8_validate (name->value, -1, NULL));
    }
}

static void
test_broken_bom (void)
{
  /* Two bytes of a UTF-8 BOM, then the document. */
  const char body[] = "\xef\xbb<?xml version=\"1.0\"?>\n"
                      "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/x</D:href>"
                      "<D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>\n";
  g_autoptr(DavMultistatus) ms = dav_multistatus_parse (body, sizeof body - 1, NULL);

  g_assert_false (ms->complete);
  g_assert_true (has_fatal_problem (ms));
}

static void
test_stray_text_between_responses (void)
{
  /* Stray text in a response, then more between two responses: each
   * level reports its own. */
  g_autoptr(DavMultistatus) ms =
    parse_string ("<?xml version=\"1.0\"?>\n"
                  "<D:multistatus xmlns:D=\"DAV:\">"
                  "<D:response><D:href>/a</D:href>inside<D:status>HTTP/1.1 200 OK</D:status></D:response>"
                  "between"
                  "<D:response><D:href>/b</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>"
                  "</D:multistatus>\n");

  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 2);
  g_assert_true (has_problem (response_at (ms, 0)->problems, DAV_PROBLEM_UNEXPECTED_TEXT));
  g_assert_false (has_problem (response_at (ms, 1)->problems, DAV_PROBLEM_UNEXPECTED_TEXT));
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_UNEXPECTED_TEXT));
}

static void
test_feed_after_stop (void)
{
  const char *body = "<?xml version=\"1.0\"?>\n<D:multistatus xmlns:D=\"DAV:\"><D:response>"
                     "<D:href>/a</D:href></D:oops>";
  const char *more = "<D:response><D:href>/b</D:href></D:response></D:multistatus>";
  g_autoptr(DavMultistatusParser) parser = dav_multistatus_parser_new ();
  g_autoptr(DavMultistatus) ms = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;

  /* Once stopped, the parser says so every time and reads nothing more.
   * It parses in fixed blocks (chunking independence), so the error is
   * seen once a whole block has arrived: pad the body past one. */
  g_autofree char *padded = g_strdup_printf ("%s%*s", body, 5000, "");

  g_assert_false (dav_multistatus_parser_feed (parser, padded, strlen (padded), &error));
  g_assert_error (error, DAV_ERROR, DAV_ERROR_MALFORMED);
  g_assert_false (dav_multistatus_parser_feed (parser, more, strlen (more), &again));
  g_assert_error (again, DAV_ERROR, DAV_ERROR_MALFORMED);
  ms = dav_multistatus_parser_finish (parser);
  g_assert_false (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, 1);
  g_assert_cmpstr (href_at (ms, 0), ==, "/a");
  g_assert_true (has_problem (response_at (ms, 0)->problems, DAV_PROBLEM_TRUNCATED));
  g_assert_false (dump_contains (ms, "/b"));
}

static void
test_dtd_error_code (void)
{
  const char *body = "<?xml version=\"1.0\"?>\n<!DOCTYPE D:multistatus>\n<D:multistatus xmlns:D=\"DAV:\"/>\n";
  g_autoptr(DavMultistatusParser) parser = dav_multistatus_parser_new ();
  g_autoptr(DavMultistatus) ms = NULL;
  g_autoptr(GError) error = NULL;

  g_autofree char *padded = g_strdup_printf ("%s%*s", body, 5000, "");

  /* Past one block, so that the parser has seen it (it parses in fixed
   * blocks, whatever the chunking). */
  g_assert_false (dav_multistatus_parser_feed (parser, padded, strlen (padded), &error));
  g_assert_error (error, DAV_ERROR, DAV_ERROR_FORBIDDEN_DTD);
  ms = dav_multistatus_parser_finish (parser);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_FORBIDDEN_DTD));
}

/* Overlong UTF-8 forms of "." (C0 AE, E0 80 AE) and "<" (C0 BC), raw in
 * the body (neon's cases): libxml2 2.9.14 rejects them as invalid UTF-8,
 * wherever they are. Percent-encoded in an href they decode to bytes
 * that are no "." at all: a name, shown escaped, never a dot segment. */
static void
test_overlong_utf8 (void)
{
  static const char * const bodies[] = {
    "<D:response><D:href>/dav/\xc0\xae\xc0\xae/x</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>",
    "<D:response><D:href>/dav/\xe0\x80\xae\xe0\x80\xae/x</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>",
    "<D:response><D:href>/dav/a\xc0\xbc" "b</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>",
    "<D:response><D:href>/dav/a</D:href><D:propstat><D:prop><D:displayname>\xc0\xbcscript\xc0\xbe</D:displayname>"
    "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>",
    "\xc0\xbc" "D:response><D:href>/dav/a</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *body = g_strconcat ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                           "<D:multistatus xmlns:D=\"DAV:\">", bodies[i],
                                           "</D:multistatus>\n", NULL);
      g_autoptr(DavMultistatus) ms = parse_string (body);
      g_autoptr(DavMultistatus) bytes = parse_in_chunks (body, strlen (body), one_byte);
      g_autofree char *dump = canonical_dump (ms);
      g_autofree char *bytes_dump = canonical_dump (bytes);

      g_assert_false (ms->complete);
      g_assert_false (ms->well_formed);
      g_assert_true (has_fatal_problem (ms));
      g_assert_true (g_utf8_validate (dump, -1, NULL));
      /* Nothing of the value with the overlong "<" was kept. */
      g_assert_false (dump_contains (ms, "value=\"\\300"));
      g_assert_cmpstr (bytes_dump, ==, dump);
    }

  {
    g_autoptr(DavHref) href = dav_href_resolve ("http://127.0.0.1/dav/", "/dav/%C0%AE%C0%AE/");
    g_autoptr(DavHref) lt = dav_href_resolve ("http://127.0.0.1/dav/", "/dav/%C0%BCb");

    g_assert_cmpint (href->relation, ==, DAV_HREF_MEMBER);
    g_assert_cmpstr (href->name, ==, "\\xc0\\xae\\xc0\\xae");
    g_assert_cmpstr (lt->name, ==, "\\xc0\\xbcb");
  }
}

static DavMultistatus *
parse_with_charset (const char *charset,
                    const char *body,
                    gsize       length)
{
  g_autoptr(DavMultistatusParser) parser = dav_multistatus_parser_new ();

  dav_multistatus_parser_set_charset (parser, charset);
  dav_multistatus_parser_feed (parser, body, length, NULL);

  return dav_multistatus_parser_finish (parser);
}

/* A charset in Content-Type that disagrees with the document (its byte
 * order mark or declaration): libxml2 reads the document only, so the
 * parser compares the two, and any disagreement is an error. Agreement,
 * however spelled, is none. */
static void
test_charset_mismatch (void)
{
  const char *utf8 = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                     "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/dav/caf%C3%A9</D:href>"
                     "<D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>\n";
  const char *undeclared = "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/dav/x</D:href>"
                           "<D:status>HTTP/1.1 200 OK</D:status></D:response></D:multistatus>\n";
  const char *latin1 = "<?xml version='1.0' encoding='ISO-8859-1' ?>\n"
                       "<D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/dav/x</D:href><D:propstat><D:prop>"
                       "<D:displayname>caf\xe9</D:displayname></D:prop>"
                       "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>\n";
  static const struct {
    const char *charset;
    int         body;      /* 0: utf8, 1: utf-16le with BOM, 2: undeclared, 3: latin1 */
    gboolean    agree;
  } cases[] = {
    { "utf-8", 0, TRUE },
    { "UTF8", 0, TRUE },
    { "utf-16", 0, FALSE },
    { "iso-8859-1", 0, FALSE },
    { "us-ascii", 0, FALSE },
    { "utf-8", 1, FALSE },
    { "utf-16", 1, TRUE },
    { "UTF-16LE", 1, TRUE },
    { "utf-16be", 1, FALSE },
    { "utf-8", 2, TRUE },
    { "windows-1252", 2, FALSE },
    { "latin1", 3, TRUE },
    { "iso-8859-1", 3, TRUE },
    { "utf-8", 3, FALSE },
    { "x\x1b[2J", 0, FALSE },
  };
  g_autoptr(GString) utf16 = g_string_new_len ("\xff\xfe", 2);
  g_autofree char *converted = NULL;
  gsize length = 0;

  converted = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &length, NULL);
  g_string_append_len (utf16, converted, length);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *body = cases[i].body == 0 ? utf8 : cases[i].body == 1 ? utf16->str :
                         cases[i].body == 2 ? undeclared : latin1;
      gsize body_length = cases[i].body == 1 ? utf16->len : strlen (body);
      g_autoptr(DavMultistatus) ms = parse_with_charset (cases[i].charset, body, body_length);
      g_autoptr(DavMultistatus) none = parse_with_charset (NULL, body, body_length);
      g_autofree char *shown = g_strescape (cases[i].charset, NULL);

      g_test_message ("charset=%s, body %d: complete %d", shown, cases[i].body, ms->complete);
      /* Without a charset, every one of these bodies is fine. */
      g_assert_true (none->complete);
      g_assert_cmpuint (ms->n_responses, ==, 1);
      g_assert_cmpint (ms->complete, ==, cases[i].agree);
      g_assert_cmpint (has_problem (ms->problems, DAV_PROBLEM_ENCODING), ==, !cases[i].agree);
      if (!cases[i].agree)
        g_assert_false (dump_contains (ms, "\x1b"));
    }
}

static void
stop_counting (DavResponse *response,
               gpointer     user_data)
{
  guint *calls = user_data;

  (*calls)++;
}

static void
test_streaming_with_limit (void)
{
  g_autofree char *body = build_listing ();
  g_autoptr(DavMultistatusParser) parser = dav_multistatus_parser_new ();
  g_autoptr(DavMultistatus) ms = NULL;
  DavParserLimits limits;
  guint calls = 0;

  /* The callback sees exactly the responses the result counts. */
  dav_parser_limits_init_default (&limits);
  limits.max_responses = 3;
  dav_multistatus_parser_set_limits (parser, &limits);
  dav_multistatus_parser_set_response_func (parser, stop_counting, &calls, NULL);
  dav_multistatus_parser_feed (parser, body, strlen (body), NULL);
  ms = dav_multistatus_parser_finish (parser);
  g_assert_cmpuint (calls, ==, 3);
  g_assert_cmpuint (ms->n_responses, ==, 3);
  g_assert_cmpuint (ms->responses->len, ==, 0);
  g_assert_false (ms->complete);
  g_assert_true (has_problem (ms->problems, DAV_PROBLEM_LIMIT));
}

static void
count_response (DavResponse *response,
                gpointer     user_data)
{
  GString *hrefs = user_data;

  g_string_append_printf (hrefs, "%u:%s\n", response->index, dav_response_get_href (response));
}

static gsize chunk_size_fixed;

static gsize
fixed_size (gsize remaining)
{
  return chunk_size_fixed;
}

static gsize
large_random_size (gsize remaining)
{
  /* Chunks of several blocks, with a tail, as a socket hands them over. */
  return g_test_rand_int_range (1, 100000);
}

/* Chunks larger than the parser's 4 KiB blocks, and ones that end just
 * before, on or after a block's end: the blocks read from the middle of
 * a chunk and the tail carried to the next one give the same result as
 * the whole body, also for a body cut off in the middle of an element. */
static void
test_large_chunks (void)
{
  static const gsize sizes[] = { 4095, 4096, 4097, 8191, 65536, 100003 };
  g_autoptr(GString) body = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                          "<D:multistatus xmlns:D=\"DAV:\">\n");

  for (guint i = 0; i < 700; i++)
    g_string_append_printf (body,
                            "<D:response><D:href>/big/f-%04u%%20%%c3%%bc.txt</D:href><D:propstat><D:prop>"
                            "<D:getcontentlength>%u</D:getcontentlength><D:displayname>f %u &amp; g</D:displayname>"
                            "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n",
                            i, i * 3, i);
  g_string_append (body, "</D:multistatus>\n");

  for (guint cut = 0; cut < 2; cut++)
    {
      /* Whole, then cut off at an odd offset inside a response. */
      gsize length = cut ? body->len * 2 / 3 + 7 : body->len;
      g_autoptr(DavMultistatus) whole = dav_multistatus_parse (body->str, length, NULL);
      g_autofree char *whole_dump = canonical_dump (whole);

      g_assert_cmpuint (length, >, 16 * 4096);
      g_assert_cmpint (whole->complete, ==, !cut);

      for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autoptr(DavMultistatus) chunked = NULL;
          g_autofree char *chunked_dump = NULL;

          chunk_size_fixed = sizes[i];
          chunked = parse_in_chunks (body->str, length, fixed_size);
          chunked_dump = canonical_dump (chunked);
          g_assert_cmpstr (chunked_dump, ==, whole_dump);
        }

      for (guint i = 0; i < 5; i++)
        {
          g_autoptr(DavMultistatus) chunked = parse_in_chunks (body->str, length, large_random_size);
          g_autofree char *chunked_dump = canonical_dump (chunked);

          g_assert_cmpstr (chunked_dump, ==, whole_dump);
        }
    }
}

/* A listing of the size Apache sends for a big folder: 1,501 responses,
 * over a megabyte, built here rather than kept as a file. */
static void
test_large_listing (void)
{
  const guint n = 1501;
  g_autoptr(GString) body = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                          "<D:multistatus xmlns:D=\"DAV:\" xmlns:ns0=\"DAV:\">\n");
  g_autoptr(DavMultistatus) ms = NULL;
  g_autoptr(DavMultistatus) chunked = NULL;
  g_autoptr(DavMultistatus) streamed = NULL;
  g_autoptr(DavMultistatusParser) parser = dav_multistatus_parser_new ();
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autofree char *dump = NULL;
  g_autofree char *chunked_dump = NULL;
  g_autofree char *last = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (body,
                              "<D:response xmlns:lp1=\"DAV:\" xmlns:lp2=\"http://apache.org/dav/props/\">"
                              "<D:href>/big/file-%04u%%20%%e2%%82%%ac.dat</D:href><D:propstat><D:prop>"
                              "<lp1:resourcetype/><lp1:creationdate>2025-01-01T00:00:%02uZ</lp1:creationdate>"
                              "<lp1:getcontentlength>%u</lp1:getcontentlength>"
                              "<lp1:getlastmodified>Wed, 01 Jan 2025 00:00:00 GMT</lp1:getlastmodified>"
                              "<lp1:getetag>\"%x-62f1a0b0c0d00\"</lp1:getetag><lp2:executable>F</lp2:executable>"
                              "<D:supportedlock><D:lockentry><D:lockscope><D:exclusive/></D:lockscope>"
                              "<D:locktype><D:write/></D:locktype></D:lockentry><D:lockentry>"
                              "<D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype>"
                              "</D:lockentry></D:supportedlock><D:lockdiscovery/>"
                              "<D:getcontenttype>application/octet-stream</D:getcontenttype>"
                              "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\n",
                              i, i % 60, i * 7, i);
    }
  g_string_append (body, "</D:multistatus>\n");
  g_assert_cmpuint (body->len, >, 1024 * 1024);

  ms = dav_multistatus_parse (body->str, body->len, NULL);
  g_assert_true (ms->complete);
  g_assert_cmpuint (ms->n_responses, ==, n);
  g_assert_cmpuint (ms->responses->len, ==, n);
  g_assert_cmpstr (href_at (ms, 0), ==, "/big/file-0000%20%e2%82%ac.dat");
  g_assert_cmpstr (href_at (ms, n - 1), ==, "/big/file-1500%20%e2%82%ac.dat");
  g_assert_cmpstr (property_value (ms, n - 1, "DAV:", "getcontentlength"), ==, "10500");
  g_assert_cmpuint (response_at (ms, n - 1)->index, ==, n - 1);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (response_at (ms, i)->problems->len, ==, 0);

  chunked = parse_in_chunks (body->str, body->len, random_size);
  dump = canonical_dump (ms);
  chunked_dump = canonical_dump (chunked);
  g_assert_cmpstr (chunked_dump, ==, dump);

  dav_multistatus_parser_set_response_func (parser, count_response, seen, NULL);
  g_assert_true (dav_multistatus_parser_feed (parser, body->str, body->len, NULL));
  streamed = dav_multistatus_parser_finish (parser);
  g_assert_true (streamed->complete);
  g_assert_cmpuint (streamed->n_responses, ==, n);
  g_assert_cmpuint (streamed->responses->len, ==, 0);
  last = g_strdup_printf ("%u:/big/file-1500%%20%%e2%%82%%ac.dat\n", n - 1);
  g_assert_true (g_str_has_suffix (seen->str, last));
  g_assert_true (g_str_has_prefix (seen->str, "0:/big/file-0000%20%e2%82%ac.dat\n1:"));
}

/* Registration */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* A failed check marks its test as failed, and the other tests still run. */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/multistatus/hostile/billion-laughs", test_billion_laughs);
  g_test_add_func ("/multistatus/hostile/xxe-system-entity", test_xxe_system_entity);
  g_test_add_func ("/multistatus/hostile/xxe-no-file-opened", test_xxe_no_file_opened);
  g_test_add_func ("/multistatus/hostile/external-dtd", test_external_dtd);
  g_test_add_func ("/multistatus/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/multistatus/hostile/limits-unlimited-baseline", test_limits_unlimited_baseline);
  g_test_add_func ("/multistatus/hostile/limit-max-responses", test_limit_max_responses);
  g_test_add_func ("/multistatus/hostile/limit-default-million", test_limit_default_million);
  g_test_add_func ("/multistatus/hostile/limit-max-propstats", test_limit_max_propstats);
  g_test_add_func ("/multistatus/hostile/limit-max-properties", test_limit_max_properties);
  g_test_add_func ("/multistatus/hostile/limit-max-body-bytes", test_limit_max_body_bytes);
  g_test_add_func ("/multistatus/hostile/limit-max-value-bytes", test_limit_max_value_bytes);
  g_test_add_func ("/multistatus/hostile/error-body", test_error_body);
  g_test_add_func ("/multistatus/hostile/empty-body", test_empty_body);
  g_test_add_func ("/multistatus/hostile/namespace-variants", test_namespace_variants);
  g_test_add_func ("/multistatus/hostile/namespace-wrong-case", test_namespace_wrong_case);
  g_test_add_func ("/multistatus/hostile/namespace-foreign-href", test_namespace_foreign_href);
  g_test_add_func ("/multistatus/hostile/utf16le-bom", test_utf16le_bom);
  g_test_add_func ("/multistatus/hostile/invalid-utf8-href", test_invalid_utf8_href);
  g_test_add_func ("/multistatus/hostile/invalid-utf8-latin1-declared-utf8", test_invalid_utf8_latin1_declared_utf8);
  g_test_add_func ("/multistatus/hostile/broken-bom", test_broken_bom);
  g_test_add_func ("/multistatus/hostile/overlong-utf8", test_overlong_utf8);
  g_test_add_func ("/multistatus/hostile/charset-mismatch", test_charset_mismatch);
  g_test_add_func ("/multistatus/hostile/stray-text-between-responses", test_stray_text_between_responses);
  g_test_add_func ("/multistatus/hostile/feed-after-stop", test_feed_after_stop);
  g_test_add_func ("/multistatus/hostile/dtd-error-code", test_dtd_error_code);
  g_test_add_func ("/multistatus/hostile/streaming-with-limit", test_streaming_with_limit);
  g_test_add_func ("/multistatus/hostile/large-listing", test_large_listing);
  g_test_add_func ("/multistatus/hostile/large-chunks", test_large_chunks);

  return g_test_run ();
}
