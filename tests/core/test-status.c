/* test-status.c: the status and condition catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-status.h"

#include <string.h>

/* RFC 2616 §10, with the section that defines each code. */
static const struct {
  guint       code;
  const char *section;
} rfc2616_codes[] = {
  { 100, "RFC 2616 §10.1.1" }, { 101, "RFC 2616 §10.1.2" },
  { 200, "RFC 2616 §10.2.1" }, { 201, "RFC 2616 §10.2.2" },
  { 202, "RFC 2616 §10.2.3" }, { 203, "RFC 2616 §10.2.4" },
  { 204, "RFC 2616 §10.2.5" }, { 205, "RFC 2616 §10.2.6" },
  { 206, "RFC 2616 §10.2.7" },
  { 300, "RFC 2616 §10.3.1" }, { 301, "RFC 2616 §10.3.2" },
  { 302, "RFC 2616 §10.3.3" }, { 303, "RFC 2616 §10.3.4" },
  { 304, "RFC 2616 §10.3.5" }, { 305, "RFC 2616 §10.3.6" },
  { 306, "RFC 2616 §10.3.7" }, { 307, "RFC 2616 §10.3.8" },
  { 400, "RFC 2616 §10.4.1" }, { 401, "RFC 2616 §10.4.2" },
  { 402, "RFC 2616 §10.4.3" }, { 403, "RFC 2616 §10.4.4" },
  { 404, "RFC 2616 §10.4.5" }, { 405, "RFC 2616 §10.4.6" },
  { 406, "RFC 2616 §10.4.7" }, { 407, "RFC 2616 §10.4.8" },
  { 408, "RFC 2616 §10.4.9" }, { 409, "RFC 2616 §10.4.10" },
  { 410, "RFC 2616 §10.4.11" }, { 411, "RFC 2616 §10.4.12" },
  { 412, "RFC 2616 §10.4.13" }, { 413, "RFC 2616 §10.4.14" },
  { 414, "RFC 2616 §10.4.15" }, { 415, "RFC 2616 §10.4.16" },
  { 416, "RFC 2616 §10.4.17" }, { 417, "RFC 2616 §10.4.18" },
  { 500, "RFC 2616 §10.5.1" }, { 501, "RFC 2616 §10.5.2" },
  { 502, "RFC 2616 §10.5.3" }, { 503, "RFC 2616 §10.5.4" },
  { 504, "RFC 2616 §10.5.5" }, { 505, "RFC 2616 §10.5.6" },
};

/* WebDAV and the later registrations: known, but not in RFC 2616. */
static const guint other_codes[] = {
  102, 103, 207, 208, 226, 308,
  418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
  506, 507, 508, 510, 511,
};

static const char *
rfc2616_section_for (guint code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rfc2616_codes); i++)
    if (rfc2616_codes[i].code == code)
      return rfc2616_codes[i].section;

  return NULL;
}

static void
assert_known_entry (guint code)
{
  DavStatusInfo info;

  memset (&info, 0, sizeof info);
  g_assert_true (dav_status_lookup (code, &info));

  g_assert_cmpuint (info.code, ==, code);
  g_assert_true (info.known);
  g_assert_cmpint (info.status_class, ==, code / 100);
  g_assert_cmpint (info.status_class, ==, dav_status_class_of (code));
  g_assert_nonnull (info.reason);
  g_assert_cmpstr (info.reason, !=, "");
  g_assert_nonnull (info.explanation);
  g_assert_cmpstr (info.explanation, !=, "");
  g_assert_nonnull (info.advice);
  g_assert_cmpstr (info.advice, !=, "");
  g_assert_nonnull (info.reference);
  g_assert_true (g_str_has_prefix (info.reference, "RFC "));
  g_assert_nonnull (info.frameworks);
  g_assert_cmpstr (info.rfc2616, ==, rfc2616_section_for (code));
}

static void
test_known_codes_complete (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rfc2616_codes); i++)
    assert_known_entry (rfc2616_codes[i].code);

  for (gsize i = 0; i < G_N_ELEMENTS (other_codes); i++)
    assert_known_entry (other_codes[i]);
}

static void
test_references (void)
{
  DavStatusInfo info;

  g_assert_true (dav_status_lookup (404, &info));
  g_assert_cmpstr (info.rfc2616, ==, "RFC 2616 §10.4.5");
  g_assert_cmpstr (info.reference, ==, "RFC 9110 §15.5.5");

  g_assert_true (dav_status_lookup (207, &info));
  g_assert_null (info.rfc2616);
  g_assert_nonnull (strstr (info.reference, "RFC 4918 §11.1"));

  g_assert_true (dav_status_lookup (423, &info));
  g_assert_null (info.rfc2616);
  g_assert_nonnull (strstr (info.reference, "RFC 4918 §11.3"));

  g_assert_true (dav_status_lookup (424, &info));
  g_assert_nonnull (strstr (info.reference, "RFC 4918 §11.4"));

  g_assert_true (dav_status_lookup (507, &info));
  g_assert_nonnull (strstr (info.reference, "RFC 4918 §11.5"));

  g_assert_true (dav_status_lookup (102, &info));
  g_assert_null (info.rfc2616);
  g_assert_nonnull (strstr (info.reference, "RFC 2518 §10.1"));

  /* WebDAV meaning added to general codes */
  g_assert_true (dav_status_lookup (409, &info));
  g_assert_cmpstr (info.rfc2616, ==, "RFC 2616 §10.4.10");
  g_assert_nonnull (strstr (info.reference, "RFC 9110 §15.5.10"));
  g_assert_nonnull (strstr (info.reference, "RFC 4918 §9.3.1"));

  g_assert_true (dav_status_lookup (502, &info));
  g_assert_nonnull (strstr (info.reference, "RFC 4918"));
}

static void
test_reason_phrases (void)
{
  static const struct {
    guint       code;
    const char *reason;
  } phrases[] = {
    { 102, "Processing" },
    { 207, "Multi-Status" },
    { 404, "Not Found" },
    { 413, "Content Too Large" },
    { 414, "URI Too Long" },
    { 416, "Range Not Satisfiable" },
    { 422, "Unprocessable Content" },
    { 423, "Locked" },
    { 424, "Failed Dependency" },
    { 507, "Insufficient Storage" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (phrases); i++)
    {
      DavStatusInfo info;

      g_assert_true (dav_status_lookup (phrases[i].code, &info));
      g_assert_cmpstr (info.reason, ==, phrases[i].reason);
    }
}

static void
test_severities (void)
{
  static const struct {
    guint       code;
    DavSeverity severity;
  } expected[] = {
    { 100, DAV_SEVERITY_WARNING },
    { 102, DAV_SEVERITY_WARNING },
    { 200, DAV_SEVERITY_OK },
    { 201, DAV_SEVERITY_OK },
    { 202, DAV_SEVERITY_INFO },
    { 204, DAV_SEVERITY_OK },
    { 207, DAV_SEVERITY_INFO },
    { 301, DAV_SEVERITY_WARNING },
    { 304, DAV_SEVERITY_INFO },
    { 404, DAV_SEVERITY_ERROR },
    { 423, DAV_SEVERITY_ERROR },
    { 424, DAV_SEVERITY_ERROR },
    { 500, DAV_SEVERITY_ERROR },
    { 507, DAV_SEVERITY_ERROR },
  };
  const guint *codes;
  gsize n_codes;

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      DavStatusInfo info;

      g_assert_true (dav_status_lookup (expected[i].code, &info));
      g_assert_cmpint (info.severity, ==, expected[i].severity);
    }

  /* and by class for the rest of the catalogue */
  codes = dav_status_known_codes (&n_codes);
  for (gsize i = 0; i < n_codes; i++)
    {
      DavStatusInfo info;

      g_assert_true (dav_status_lookup (codes[i], &info));
      switch (info.status_class)
        {
        case DAV_STATUS_CLASS_INFORMATIONAL:
          g_assert_cmpint (info.severity, ==, DAV_SEVERITY_WARNING);
          break;
        case DAV_STATUS_CLASS_SUCCESS:
          g_assert_cmpint (info.severity, !=, DAV_SEVERITY_ERROR);
          g_assert_cmpint (info.severity, !=, DAV_SEVERITY_WARNING);
          break;
        case DAV_STATUS_CLASS_REDIRECTION:
          if (codes[i] == 304)
            g_assert_cmpint (info.severity, ==, DAV_SEVERITY_INFO);
          else
            g_assert_cmpint (info.severity, ==, DAV_SEVERITY_WARNING);
          break;
        case DAV_STATUS_CLASS_CLIENT_ERROR:
        case DAV_STATUS_CLASS_SERVER_ERROR:
          g_assert_cmpint (info.severity, ==, DAV_SEVERITY_ERROR);
          break;
        case DAV_STATUS_CLASS_INVALID:
        default:
          g_assert_not_reached ();
        }
    }
}

static void
test_informational_in_multistatus (void)
{
  const guint *codes;
  gsize n_codes;

  /* Every 1xx entry says it is never an item's final answer, and that
   * one inside a 207 is a server fault (RFC 4918 §13). */
  codes = dav_status_known_codes (&n_codes);
  for (gsize i = 0; i < n_codes; i++)
    {
      DavStatusInfo info;

      if (dav_status_class_of (codes[i]) != DAV_STATUS_CLASS_INFORMATIONAL)
        continue;

      g_assert_true (dav_status_lookup (codes[i], &info));
      g_assert_nonnull (strstr (info.explanation, "207"));
      g_assert_nonnull (strstr (info.explanation, "Multi-Status"));
      g_assert_nonnull (strstr (info.explanation, "unknown"));
    }
}

static void
test_webdav_explanations (void)
{
  DavStatusInfo info;

  /* 424: the item was fine but not changed */
  g_assert_true (dav_status_lookup (424, &info));
  g_assert_nonnull (strstr (info.explanation, "all-or-nothing"));
  g_assert_nonnull (strstr (info.explanation, "not changed"));

  /* 423: locked by someone */
  g_assert_true (dav_status_lookup (423, &info));
  g_assert_nonnull (strstr (info.explanation, "locked"));

  /* 507: space, or a listing cut short */
  g_assert_true (dav_status_lookup (507, &info));
  g_assert_nonnull (strstr (info.explanation, "space"));
  g_assert_nonnull (strstr (info.explanation, "listing"));

  /* 207: look inside */
  g_assert_true (dav_status_lookup (207, &info));
  g_assert_nonnull (strstr (info.advice, "each item"));
}

static void
test_unknown_codes (void)
{
  static const struct {
    guint          code;
    DavStatusClass status_class;
    DavSeverity    severity;
    const char    *reason;
  } unknown[] = {
    { 199, DAV_STATUS_CLASS_INFORMATIONAL, DAV_SEVERITY_WARNING, "Unknown informational code" },
    { 299, DAV_STATUS_CLASS_SUCCESS, DAV_SEVERITY_WARNING, "Unknown success code" },
    { 399, DAV_STATUS_CLASS_REDIRECTION, DAV_SEVERITY_WARNING, "Unknown redirection code" },
    { 420, DAV_STATUS_CLASS_CLIENT_ERROR, DAV_SEVERITY_ERROR, "Unknown client error" },
    { 599, DAV_STATUS_CLASS_SERVER_ERROR, DAV_SEVERITY_ERROR, "Unknown server error" },
    { 0, DAV_STATUS_CLASS_INVALID, DAV_SEVERITY_ERROR, "Invalid status code" },
    { 99, DAV_STATUS_CLASS_INVALID, DAV_SEVERITY_ERROR, "Invalid status code" },
    { 600, DAV_STATUS_CLASS_INVALID, DAV_SEVERITY_ERROR, "Invalid status code" },
    { 1000, DAV_STATUS_CLASS_INVALID, DAV_SEVERITY_ERROR, "Invalid status code" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      DavStatusInfo info;

      memset (&info, 0xff, sizeof info);
      g_assert_false (dav_status_lookup (unknown[i].code, &info));

      g_assert_cmpuint (info.code, ==, unknown[i].code);
      g_assert_false (info.known);
      g_assert_cmpint (info.status_class, ==, unknown[i].status_class);
      g_assert_cmpint (info.severity, ==, unknown[i].severity);
      g_assert_cmpstr (info.reason, ==, unknown[i].reason);
      g_assert_nonnull (info.explanation);
      g_assert_nonnull (strstr (info.explanation, "RFC 2616 §10"));
      g_assert_nonnull (info.advice);
      g_assert_cmpstr (info.advice, !=, "");
      g_assert_cmpstr (info.rfc2616, ==, "RFC 2616 §10");
      g_assert_cmpstr (info.reference, ==, "RFC 9110 §15");
      g_assert_nonnull (info.frameworks);
      g_assert_null (info.frameworks[0].framework);
      g_assert_null (info.frameworks[0].constant);

      if (unknown[i].status_class != DAV_STATUS_CLASS_INVALID)
        g_assert_nonnull (strstr (info.explanation, "not defined by any standard"));
    }
}

static void
test_unknown_class_meaning (void)
{
  DavStatusInfo info;

  /* the x00 code of the class is named, with what it means for the item */
  g_assert_false (dav_status_lookup (299, &info));
  g_assert_nonnull (strstr (info.explanation, "200 OK"));

  g_assert_false (dav_status_lookup (420, &info));
  g_assert_nonnull (strstr (info.explanation, "400 Bad Request"));
  g_assert_nonnull (strstr (info.explanation, "424"));

  g_assert_false (dav_status_lookup (427, &info)); /* unassigned */
  g_assert_nonnull (strstr (info.explanation, "400 Bad Request"));
  g_assert_null (strstr (info.explanation, "424"));

  g_assert_false (dav_status_lookup (599, &info));
  g_assert_nonnull (strstr (info.explanation, "500 Internal Server Error"));
}

static void
test_class_of (void)
{
  g_assert_cmpint (dav_status_class_of (0), ==, DAV_STATUS_CLASS_INVALID);
  g_assert_cmpint (dav_status_class_of (99), ==, DAV_STATUS_CLASS_INVALID);
  g_assert_cmpint (dav_status_class_of (100), ==, DAV_STATUS_CLASS_INFORMATIONAL);
  g_assert_cmpint (dav_status_class_of (199), ==, DAV_STATUS_CLASS_INFORMATIONAL);
  g_assert_cmpint (dav_status_class_of (200), ==, DAV_STATUS_CLASS_SUCCESS);
  g_assert_cmpint (dav_status_class_of (299), ==, DAV_STATUS_CLASS_SUCCESS);
  g_assert_cmpint (dav_status_class_of (300), ==, DAV_STATUS_CLASS_REDIRECTION);
  g_assert_cmpint (dav_status_class_of (404), ==, DAV_STATUS_CLASS_CLIENT_ERROR);
  g_assert_cmpint (dav_status_class_of (500), ==, DAV_STATUS_CLASS_SERVER_ERROR);
  g_assert_cmpint (dav_status_class_of (599), ==, DAV_STATUS_CLASS_SERVER_ERROR);
  g_assert_cmpint (dav_status_class_of (600), ==, DAV_STATUS_CLASS_INVALID);
  g_assert_cmpint (dav_status_class_of (G_MAXUINT), ==, DAV_STATUS_CLASS_INVALID);

  g_assert_false (dav_status_is_success (199));
  g_assert_true (dav_status_is_success (200));
  g_assert_true (dav_status_is_success (207));
  g_assert_true (dav_status_is_success (299));
  g_assert_false (dav_status_is_success (300));
  g_assert_false (dav_status_is_success (0));
}

static void
test_to_string (void)
{
  g_assert_cmpstr (dav_status_class_to_string (DAV_STATUS_CLASS_INVALID), ==, "invalid");
  g_assert_cmpstr (dav_status_class_to_string (DAV_STATUS_CLASS_INFORMATIONAL), ==, "informational");
  g_assert_cmpstr (dav_status_class_to_string (DAV_STATUS_CLASS_SUCCESS), ==, "success");
  g_assert_cmpstr (dav_status_class_to_string (DAV_STATUS_CLASS_REDIRECTION), ==, "redirection");
  g_assert_cmpstr (dav_status_class_to_string (DAV_STATUS_CLASS_CLIENT_ERROR), ==, "client-error");
  g_assert_cmpstr (dav_status_class_to_string (DAV_STATUS_CLASS_SERVER_ERROR), ==, "server-error");

  g_assert_cmpstr (dav_severity_to_string (DAV_SEVERITY_OK), ==, "ok");
  g_assert_cmpstr (dav_severity_to_string (DAV_SEVERITY_INFO), ==, "info");
  g_assert_cmpstr (dav_severity_to_string (DAV_SEVERITY_WARNING), ==, "warning");
  g_assert_cmpstr (dav_severity_to_string (DAV_SEVERITY_ERROR), ==, "error");
}

static const char *
framework_constant (const DavStatusInfo *info,
                    const char          *framework)
{
  for (const DavFrameworkName *f = info->frameworks; f->framework != NULL; f++)
    if (g_str_equal (f->framework, framework))
      return f->constant;

  return NULL;
}

static void
test_frameworks (void)
{
  static const char * const order[] = {
    "Rails", "Symfony", ".NET", "Rust http", "Go net/http",
    "Python http", "Apache HttpComponents", "Angular",
  };
  DavStatusInfo info;
  const guint *codes;
  gsize n_codes;

  g_assert_true (dav_status_lookup (423, &info));
  g_assert_cmpstr (framework_constant (&info, "Go net/http"), ==, "http.StatusLocked");
  g_assert_cmpstr (framework_constant (&info, "Rails"), ==, ":locked");
  g_assert_cmpstr (framework_constant (&info, "Symfony"), ==, "Response::HTTP_LOCKED");
  g_assert_cmpstr (framework_constant (&info, ".NET"), ==, "HttpStatusCode.Locked");
  g_assert_cmpstr (framework_constant (&info, "Rust http"), ==, "StatusCode::LOCKED");
  g_assert_cmpstr (framework_constant (&info, "Python http"), ==, "HTTPStatus.LOCKED");
  g_assert_cmpstr (framework_constant (&info, "Apache HttpComponents"), ==, "HttpStatus.SC_LOCKED");
  g_assert_cmpstr (framework_constant (&info, "Angular"), ==, "HttpStatusCode.Locked");

  g_assert_true (dav_status_lookup (207, &info));
  g_assert_cmpstr (framework_constant (&info, "Python http"), ==, "HTTPStatus.MULTI_STATUS");

  g_assert_true (dav_status_lookup (404, &info));
  g_assert_cmpstr (framework_constant (&info, "Rails"), ==, ":not_found");

  /* Rack 3.1 renamed 422 */
  g_assert_true (dav_status_lookup (422, &info));
  g_assert_cmpstr (framework_constant (&info, "Rails"), ==, ":unprocessable_content");

  /* no constant is invented: .NET has none for 425, Rack none for 418 */
  g_assert_true (dav_status_lookup (425, &info));
  g_assert_null (framework_constant (&info, ".NET"));
  g_assert_cmpstr (framework_constant (&info, "Go net/http"), ==, "http.StatusTooEarly");
  g_assert_true (dav_status_lookup (418, &info));
  g_assert_null (framework_constant (&info, "Rails"));

  /* every list is terminated, labelled from the fixed set, in order */
  codes = dav_status_known_codes (&n_codes);
  for (gsize i = 0; i < n_codes; i++)
    {
      gsize next = 0;

      g_assert_true (dav_status_lookup (codes[i], &info));
      for (const DavFrameworkName *f = info.frameworks; f->framework != NULL; f++)
        {
          g_assert_nonnull (f->constant);
          g_assert_cmpstr (f->constant, !=, "");
          while (next < G_N_ELEMENTS (order) && !g_str_equal (order[next], f->framework))
            next++;
          g_assert_cmpuint (next, <, G_N_ELEMENTS (order));
          next++;
        }
    }
}

static void
test_known_codes_sorted (void)
{
  const guint *codes;
  gsize n_codes = 0;

  codes = dav_status_known_codes (&n_codes);
  g_assert_nonnull (codes);
  g_assert_cmpuint (n_codes, ==, G_N_ELEMENTS (rfc2616_codes) + G_N_ELEMENTS (other_codes));
  g_assert_true (codes == dav_status_known_codes (NULL));

  for (gsize i = 0; i < n_codes; i++)
    {
      DavStatusInfo info;

      if (i > 0)
        g_assert_cmpuint (codes[i - 1], <, codes[i]);

      g_assert_true (dav_status_lookup (codes[i], &info));
      g_assert_true (info.known);
    }
}

static void
test_conditions_known (void)
{
  static const char * const names[] = {
    "lock-token-submitted",
    "cannot-modify-protected-property",
    "propfind-finite-depth",
    "lock-token-matches-request-uri",
    "no-conflicting-lock",
    "no-external-entities",
    "need-privileges",
    "quota-not-exceeded",
    "valid-sync-token",
  };
  DavConditionInfo info;

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      memset (&info, 0, sizeof info);
      g_assert_true (dav_condition_lookup ("DAV:", names[i], &info));
      g_assert_cmpstr (info.namespace_uri, ==, "DAV:");
      g_assert_cmpstr (info.name, ==, names[i]);
      g_assert_false (info.postcondition);
      g_assert_nonnull (info.explanation);
      g_assert_cmpstr (info.explanation, !=, "");
      g_assert_nonnull (info.advice);
      g_assert_cmpstr (info.advice, !=, "");
    }

  g_assert_true (dav_condition_lookup ("DAV:", "lock-token-submitted", &info));
  g_assert_cmpstr (info.reference, ==, "RFC 4918 §16");

  g_assert_true (dav_condition_lookup ("DAV:", "preserved-live-properties", &info));
  g_assert_true (info.postcondition);
  g_assert_cmpstr (info.reference, ==, "RFC 4918 §16");
}

static void
test_conditions_unknown (void)
{
  DavConditionInfo info;

  memset (&info, 0, sizeof info);

  g_assert_false (dav_condition_lookup ("DAV:", "no-such-condition", &info));
  g_assert_false (dav_condition_lookup ("DAV:", "", &info));
  g_assert_false (dav_condition_lookup ("DAV:", NULL, &info));
  g_assert_false (dav_condition_lookup (NULL, "lock-token-submitted", &info));
  g_assert_false (dav_condition_lookup ("urn:ietf:params:xml:ns:caldav",
                                        "lock-token-submitted", &info));
  g_assert_false (dav_condition_lookup ("dav:", "lock-token-submitted", &info));

  /* @info untouched */
  g_assert_null (info.namespace_uri);
  g_assert_null (info.name);
  g_assert_null (info.explanation);
}

static void
test_conditions_all_names (void)
{
  const char * const *names = dav_condition_names ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gsize n = 0;

  g_assert_nonnull (names);
  g_assert_true (names == dav_condition_names ());

  for (; names[n] != NULL; n++)
    {
      DavConditionInfo info;

      g_assert_true (dav_condition_lookup ("DAV:", names[n], &info));
      g_assert_cmpstr (info.name, ==, names[n]);
      g_assert_nonnull (info.explanation);
      g_assert_cmpstr (info.explanation, !=, "");
      g_assert_nonnull (info.advice);
      g_assert_cmpstr (info.advice, !=, "");
      g_assert_nonnull (info.reference);
      g_assert_true (g_str_has_prefix (info.reference, "RFC "));
      g_assert_true (g_hash_table_add (seen, (gpointer) names[n]));
    }

  /* RFC 4918 §16, RFC 3744, RFC 4331, RFC 6578, RFC 5689, RFC 3253 */
  g_assert_cmpuint (n, >=, 27);
  g_assert_true (g_hash_table_contains (seen, "no-ace-conflict"));
  g_assert_true (g_hash_table_contains (seen, "allowed-principal"));
  g_assert_true (g_hash_table_contains (seen, "sufficient-disk-space"));
  g_assert_true (g_hash_table_contains (seen, "number-of-matches-within-limits"));
  g_assert_true (g_hash_table_contains (seen, "valid-resourcetype"));
  g_assert_true (g_hash_table_contains (seen, "cannot-modify-version-controlled-content"));
}

/* The same code, worded for the method that got it (issue: a 409 to an
 * UNLOCK told people to create parent folders). */
static void
test_for_method (void)
{
  DavStatusInfo info;

  dav_status_lookup_for_method (409, "MKCOL", &info);
  g_assert_nonnull (strstr (info.advice, "parent folders"));
  dav_status_lookup_for_method (409, "PUT", &info);
  g_assert_nonnull (strstr (info.advice, "parent folders"));

  dav_status_lookup_for_method (409, "UNLOCK", &info);
  g_assert_null (strstr (info.advice, "parent folders"));
  g_assert_nonnull (strstr (info.explanation, "lock token"));
  g_assert_nonnull (strstr (info.reference, "§9.11.1"));

  dav_status_lookup_for_method (409, "COPY", &info);
  g_assert_null (strstr (info.advice, "parent folders"));
  g_assert_nonnull (strstr (info.explanation, "destination"));

  dav_status_lookup_for_method (403, "PROPFIND", &info);
  g_assert_nonnull (strstr (info.explanation, "propfind-finite-depth"));
  g_assert_null (strstr (info.explanation, "copied"));
  dav_status_lookup_for_method (403, "DELETE", &info);
  g_assert_null (strstr (info.explanation, "folder cannot be created"));
  dav_status_lookup_for_method (403, "MKCOL", &info);
  g_assert_nonnull (strstr (info.explanation, "folder"));

  dav_status_lookup_for_method (412, "UNLOCK", &info);
  g_assert_null (strstr (info.explanation, "destination"));
  dav_status_lookup_for_method (412, "MOVE", &info);
  g_assert_nonnull (strstr (info.explanation, "Overwrite: F"));

  /* A method substring is no match ("MOVE" is not in "UNMOVE"), and an
   * unlisted method or none reads as the catalogue. */
  dav_status_lookup (409, &info);
  {
    const char *plain = info.explanation;

    dav_status_lookup_for_method (409, "OVE", &info);
    g_assert_cmpstr (info.explanation, ==, plain);
    dav_status_lookup_for_method (409, NULL, &info);
    g_assert_cmpstr (info.explanation, ==, plain);
  }
}

/* A listing's refusals read as a listing's (issue 15: Up from a share's
 * root read of creating folders and copying, a plain web server's 501 of
 * locking and copying); other methods keep their own words. */
static void
test_for_listing (void)
{
  static const struct {
    guint       code;
    const char *method;
    gboolean    advice;   /* look in the advice, not the explanation */
    const char *words;
    gboolean    said;
  } checks[] = {
    { 403, "PROPFIND", FALSE, "does not let you list this folder", TRUE },
    { 403, "PROPFIND", FALSE, "creat", FALSE },
    { 403, "PROPFIND", TRUE, "right to change", FALSE },
    { 501, "PROPFIND", FALSE, "does not speak WebDAV", TRUE },
    { 501, "PROPFIND", FALSE, "locking or copying", FALSE },
    { 501, "PROPFIND", FALSE, "Nothing was changed", FALSE },
    { 501, "PROPFIND", TRUE, "URL", TRUE },
    { 501, "PROPFIND", TRUE, "WebDAV module", TRUE },
    { 405, "PROPFIND", FALSE, "does not speak WebDAV", TRUE },
    { 405, "PROPFIND", FALSE, "folder cannot be created", FALSE },
    { 405, "PROPFIND", TRUE, "URL", TRUE },
    { 404, "PROPFIND", FALSE, "There is no item", TRUE },
    { 409, "PROPFIND", FALSE, "list", TRUE },
    { 409, "PROPFIND", TRUE, "create them first", FALSE },
    { 501, "LOCK", FALSE, "WebDAV", FALSE },
    { 405, "MKCOL", FALSE, "folder cannot be created", TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      DavStatusInfo info;
      const char *text;

      dav_status_lookup_for_method (checks[i].code, checks[i].method, &info);
      text = checks[i].advice ? info.advice : info.explanation;
      g_test_message ("%u %s: %s", checks[i].code, checks[i].method, checks[i].words);
      g_assert_cmpint (strstr (text, checks[i].words) != NULL, ==, checks[i].said);
      g_assert_true (g_str_has_prefix (info.reference, "RFC 9110"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/status/known-codes-complete", test_known_codes_complete);
  g_test_add_func ("/status/references", test_references);
  g_test_add_func ("/status/reason-phrases", test_reason_phrases);
  g_test_add_func ("/status/severities", test_severities);
  g_test_add_func ("/status/informational-in-multistatus", test_informational_in_multistatus);
  g_test_add_func ("/status/webdav-explanations", test_webdav_explanations);
  g_test_add_func ("/status/unknown-codes", test_unknown_codes);
  g_test_add_func ("/status/unknown-class-meaning", test_unknown_class_meaning);
  g_test_add_func ("/status/class-of", test_class_of);
  g_test_add_func ("/status/to-string", test_to_string);
  g_test_add_func ("/status/frameworks", test_frameworks);
  g_test_add_func ("/status/known-codes-sorted", test_known_codes_sorted);
  g_test_add_func ("/status/conditions-known", test_conditions_known);
  g_test_add_func ("/status/conditions-unknown", test_conditions_unknown);
  g_test_add_func ("/status/conditions-all-names", test_conditions_all_names);
  g_test_add_func ("/status/for-method", test_for_method);
  g_test_add_func ("/status/for-listing", test_for_listing);

  return g_test_run ();
}
