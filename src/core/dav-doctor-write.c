/* dav-doctor-write.c: the doctor's write checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MKCOL makes a scratch folder with a unique name under the checked URL;
 * every other write check works inside it, on names of its own, and
 * registers what it makes (dav_doctor_created) so that the runner removes
 * it whatever happens. A check sends what clients send (docs/clients.md)
 * and then reads back what the server really did: a status that says
 * "done" is only believed once a GET or PROPFIND shows it, and one that
 * says "refused" once nothing changed.
 */

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <string.h>

#include "dav-client-private.h"
#include "dav-doctor-private.h"
#include "dav-exchange.h"
#include "dav-request-body-private.h"

/* The namespace of the dead properties the checks set. */
#define DOCTOR_NS "urn:x-davscope-doctor:"

/* Crosses the client's 64 KiB reads, and holds every byte value. */
#define PUT_GET_SIZE    70001
/* As large as the uploads the client sends with Expect: 100-continue
 * (dav-request.c). */
#define EXPECT_SIZE     (1024 * 1024)

#define RESOURCETYPE_BODY \
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" \
  "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/></D:prop></D:propfind>\n"

/* ---- requests -------------------------------------------------------------- */

static gboolean
is_success (const DavResult *result)
{
  return result->status >= 200 && result->status < 300;
}

/* Where @url is, for people: its path under the checked folder. */
static char *
short_name (DavDoctorRun *run,
            const char   *url)
{
  const char *rest = g_str_has_prefix (url, run->url) ? url + strlen (run->url) : url;
  char *shown = g_uri_unescape_string (rest, NULL);

  return shown != NULL ? shown : g_strdup (rest);
}

/* Sends, and says so as a finding of @fault when no answer came at all
 * (not when the run was cancelled). */
static DavResult *
send_request (DavDoctorRun       *run,
              const char         *fault,
              const char         *method,
              const char         *url,
              const char *const  *headers,
              const char         *body,
              const char         *content_type)
{
  g_autoptr(GError) error = NULL;
  DavResult *result;

  result = dav_doctor_send (run, method, url, headers, body, content_type, &error);
  if (result == NULL && !dav_doctor_cancelled (run))
    dav_doctor_report_error (run, fault, method, url, _("An answer from the server"), error);

  return result;
}

/* Makes a file (@content) or a folder (@content NULL) that a check needs
 * but does not test. FALSE when that failed: the check is then skipped
 * with the dav_doctor_reason (or failed, when no answer came). */
static gboolean
prepare (DavDoctorRun *run,
         const char   *url,
         const char   *content)
{
  g_autoptr(DavResult) result = NULL;
  const char *method = content != NULL ? "PUT" : "MKCOL";

  dav_doctor_created (run, url);
  result = send_request (run, content != NULL ? "put-failed" : "mkcol-failed", method, url,
                         NULL, content, content != NULL ? "text/plain" : NULL);
  if (result == NULL)
    return FALSE;

  if (!is_success (result))
    {
      g_autofree char *name = short_name (run, url);

      /* Translators: the check could not make what it works on; "PUT
       * folder/file.txt answered 403 Forbidden". */
      dav_doctor_skip (run, _("Could not prepare the test: %s %s answered %u %s."),
                       method, name, result->status, dav_doctor_reason (result));
      return FALSE;
    }

  return TRUE;
}

/* The body of a 200 to a GET of @url (empty when it had none), or NULL;
 * *out is the answer. */
static GBytes *
get_content (DavDoctorRun  *run,
             const char    *url,
             DavResult    **out)
{
  DavResult *result = send_request (run, "get-failed", "GET", url, NULL, NULL, NULL);
  GBytes *body = NULL;

  if (result != NULL && result->status == 200)
    {
      body = dav_doctor_dup_body (run, result);
      if (body == NULL)
        body = g_bytes_new (NULL, 0);
    }

  *out = result;
  return body;
}

static gboolean
content_is (GBytes     *content,
            const char *text)
{
  gsize length;
  const char *data;

  if (content == NULL)
    return FALSE;

  data = g_bytes_get_data (content, &length);
  return length == strlen (text) && memcmp (data, text, length) == 0;
}

/* What a GET of @url found, in words, for a finding. */
static char *
describe_content (GBytes *content)
{
  gsize length;
  const char *data;

  if (content == NULL)
    return g_strdup (_("The file could not be read."));

  data = g_bytes_get_data (content, &length);
  if (length <= 80 && g_utf8_validate (data, length, NULL) && memchr (data, '\0', length) == NULL)
    {
      g_autofree char *text = g_strndup (data, length);
      g_autofree char *escaped = g_strescape (text, NULL);

      /* Translators: what a file read back holds. */
      return g_strdup_printf (_("The file holds “%s”."), escaped);
    }

  /* %lu rather than G_GSIZE_FORMAT: xgettext cannot read a format
   * built from a macro. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The file holds %lu byte.",
                                       "The file holds %lu bytes.", length),
                          (unsigned long) length);
}

/* The status of a PROPFIND Depth: 0 of @url: 207 when it is there, 404
 * when it is not, 0 when no answer came; *collection whether it is a
 * folder. */
static guint
probe (DavDoctorRun *run,
       const char   *url,
       gboolean     *collection)
{
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = dav_doctor_send (run, "PROPFIND", url, (const char *[]) { "Depth", "0", NULL },
                            RESOURCETYPE_BODY, "application/xml; charset=utf-8", &error);
  if (result == NULL)
    return 0;

  if (collection != NULL)
    {
      DavResponse *own = result->body != NULL ? dav_multistatus_find_response (result->body, url) : NULL;

      *collection = own != NULL && dav_response_is_collection (own, FALSE);
    }

  return result->status;
}

/* A PROPFIND Depth: 0 of @names on @url, answered 207; else NULL (and a
 * finding when it was not a 207). */
static DavResult *
read_properties (DavDoctorRun       *run,
                 const char         *url,
                 const char *const  *names)
{
  g_autoptr(DavPropfind) propfind = dav_propfind_new (DAV_DEPTH_0, DAV_PROPFIND_PROP, names);
  g_autoptr(GError) error = NULL;
  g_autoptr(DavResult) result = NULL;

  result = dav_doctor_propfind (run, url, propfind, &error);
  if (result == NULL)
    {
      if (!dav_doctor_cancelled (run))
        dav_doctor_report_error (run, "propfind-failed", "PROPFIND", url,
                                 _("A 207 Multi-Status with the properties"), error);
      return NULL;
    }

  if (result->status != 207 || result->body == NULL)
    {
      dav_doctor_report (run, "propfind-failed", result,
                         _("A 207 Multi-Status with the properties"), "%u %s",
                         result->status, dav_doctor_reason (result));
      return NULL;
    }

  return g_steal_pointer (&result);
}

/* The property of @url in @result when the server has it (a 2xx
 * propstat), else NULL; *status the status it came with (0: left out). */
static const DavProperty *
found_property (DavResult  *result,
                const char *url,
                const char *namespace_uri,
                const char *name,
                guint      *status)
{
  DavResponse *own = dav_multistatus_find_response (result->body, url);
  const DavProperty *property = own != NULL ? dav_response_find_property (own, namespace_uri, name) : NULL;

  if (status != NULL)
    *status = property != NULL ? property->status : 0;
  if (property == NULL || property->status < 200 || property->status >= 300)
    return NULL;

  return property;
}

/* ---- XML values ------------------------------------------------------------ */

/* A dead property's XML value must come back as the same XML (RFC 4918
 * §4.3), not the same bytes: prefixes may change and namespaces may be
 * declared elsewhere. Both sides are written out in one form: elements
 * and attributes by namespace and name, attributes sorted, text as is,
 * and whitespace between elements left out. */
static void canonical_children (GString    *out,
                                xmlNodePtr  first);

static void
canonical_element (GString    *out,
                   xmlNodePtr  node)
{
  g_autoptr(GPtrArray) attributes = g_ptr_array_new_with_free_func (g_free);

  g_string_append_printf (out, "<{%s}%s", node->ns != NULL ? (const char *) node->ns->href : "",
                          (const char *) node->name);

  for (xmlAttrPtr attr = node->properties; attr != NULL; attr = attr->next)
    {
      xmlChar *value = xmlNodeGetContent ((xmlNodePtr) attr);

      g_ptr_array_add (attributes,
                       g_strdup_printf ("{%s}%s=\"%s\"",
                                        attr->ns != NULL ? (const char *) attr->ns->href : "",
                                        (const char *) attr->name,
                                        value != NULL ? (const char *) value : ""));
      xmlFree (value);
    }
  g_ptr_array_sort (attributes, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < attributes->len; i++)
    g_string_append_printf (out, " %s", (const char *) g_ptr_array_index (attributes, i));

  g_string_append_c (out, '>');
  canonical_children (out, node->children);
  g_string_append (out, "</>");
}

static void
flush_text (GString  *out,
            GString  *text,
            gboolean  between_elements)
{
  gboolean blank = TRUE;

  for (gsize i = 0; i < text->len; i++)
    if (!g_ascii_isspace (text->str[i]))
      blank = FALSE;

  if (text->len > 0 && !(blank && between_elements))
    g_string_append_printf (out, "[%" G_GSIZE_FORMAT ":%s]", text->len, text->str);
  g_string_truncate (text, 0);
}

static void
canonical_children (GString    *out,
                    xmlNodePtr  first)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean elements = FALSE;

  for (xmlNodePtr node = first; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      elements = TRUE;

  for (xmlNodePtr node = first; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          g_string_append (text, node->content != NULL ? (const char *) node->content : "");
          continue;
        }
      if (node->type != XML_ELEMENT_NODE)
        continue;

      flush_text (out, text, elements);
      canonical_element (out, node);
    }
  flush_text (out, text, elements);
}

/* NULL when @fragment is not well-formed XML on its own. */
static char *
canonical_xml (const char *fragment)
{
  g_autofree char *wrapped = g_strconcat ("<v>", fragment != NULL ? fragment : "", "</v>", NULL);
  GString *out;
  xmlDocPtr doc;

  doc = xmlReadMemory (wrapped, strlen (wrapped), NULL, "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    return NULL;

  out = g_string_new (NULL);
  canonical_children (out, xmlDocGetRootElement (doc)->children);
  xmlFreeDoc (doc);

  return g_string_free (out, FALSE);
}

static gboolean
same_xml (const char *got,
          const char *expected)
{
  g_autofree char *a = canonical_xml (got);
  g_autofree char *b = canonical_xml (expected);

  return a != NULL && b != NULL && g_str_equal (a, b);
}

/* ---- PROPPATCH ------------------------------------------------------------- */

/* Sends a PROPPATCH of @patches (DavPropPatch*, built as the client
 * builds them), or of @raw as written where the test needs exact XML. */
static DavResult *
send_proppatch (DavDoctorRun *run,
                const char   *fault,
                const char   *url,
                GPtrArray    *patches,
                const char   *raw)
{
  g_autofree char *body = NULL;

  if (raw == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = dav_request_body_proppatch (patches, &error);
      gsize length;
      const char *data;

      /* The checks' own names and values: always valid. */
      g_return_val_if_fail (bytes != NULL, NULL);
      data = g_bytes_get_data (bytes, &length);
      body = g_strndup (data, length);
    }

  return send_request (run, fault, "PROPPATCH", url, NULL, raw != NULL ? raw : body,
                       "application/xml; charset=utf-8");
}

static GPtrArray *
patches_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) dav_prop_patch_free);
}

/* The first property that failed in a PROPPATCH's 207, or NULL. */
static const DavProperty *
first_failure (DavMultistatus *body)
{
  for (guint i = 0; i < body->responses->len; i++)
    {
      DavResponse *response = g_ptr_array_index (body->responses, i);

      if (response->status >= 300)
        return NULL;
      for (guint j = 0; j < response->propstats->len; j++)
        {
          DavPropstat *propstat = g_ptr_array_index (response->propstats, j);

          if ((propstat->status < 200 || propstat->status >= 300) && propstat->properties->len > 0)
            return g_ptr_array_index (propstat->properties, 0);
        }
    }

  return NULL;
}

/* Whether a PROPPATCH that should succeed did: a 207 in which every
 * property succeeded. A bare 2xx counts, but is the wrong answer once per
 * check (RFC 4918 §9.2: a PROPPATCH that was carried out is answered
 * 207); 405 and 501 are proppatch-unsupported; anything else a finding of
 * @fault. */
static gboolean
proppatch_succeeded (DavDoctorRun *run,
                     DavResult    *result,
                     const char   *fault,
                     gboolean     *told_not_207)
{
  const char *expected = _("207 Multi-Status with 200 OK for every property");

  if (result->status == 207 && result->body != NULL)
    {
      const DavProperty *failed;

      dav_doctor_report_problems (run, result);
      if (!dav_multistatus_has_failures (result->body))
        return TRUE;

      failed = first_failure (result->body);
      if (failed != NULL)
        {
          g_autofree char *name = dav_property_dup_clark_name (failed);

          /* Translators: a property and the status the server gave it. */
          dav_doctor_report (run, fault, result, expected, _("%s: %u"), name, failed->status);
        }
      else
        dav_doctor_report (run, fault, result, expected, _("A 207 Multi-Status with failures"));
      return FALSE;
    }

  if (result->status == 405 || result->status == 501)
    {
      dav_doctor_report (run, "proppatch-unsupported", result, expected, "%u %s",
                         result->status, dav_doctor_reason (result));
      return FALSE;
    }

  if (is_success (result))
    {
      if (!*told_not_207)
        dav_doctor_report_full (run, "success-status-nonstandard", -1, result, expected,
                                _("RFC 4918 §9.2: a PROPPATCH the server carried out is answered with a 207 Multi-Status saying how each property fared."),
                                /* Translators: %u %s are the server's status code and reason, “409 Conflict”. */
                                _("%u %s, without a Multi-Status body"), result->status, dav_doctor_reason (result));
      *told_not_207 = TRUE;
      return TRUE;
    }

  dav_doctor_report (run, fault, result, expected, "%u %s", result->status, dav_doctor_reason (result));
  return FALSE;
}

/* ---- MKCOL ----------------------------------------------------------------- */

void
dav_doctor_check_mkcol (DavDoctorRun *run)
{
  g_autofree char *scratch = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *child = NULL;
  g_autofree char *with_body = NULL;
  g_autoptr(DavResult) made = NULL;
  g_autoptr(DavResult) again = NULL;
  g_autoptr(DavResult) orphan = NULL;
  g_autoptr(DavResult) body = NULL;
  gboolean collection = FALSE;
  guint status;

  /* A name no one else uses, so that nothing of the share is touched. */
  scratch = g_strdup_printf ("%sdavscope-doctor-%08x%08x/", run->url, g_random_int (), g_random_int ());
  dav_doctor_created (run, scratch);
  made = send_request (run, "mkcol-failed", "MKCOL", scratch, NULL, NULL, NULL);
  if (made == NULL)
    return;
  if (!is_success (made))
    {
      dav_doctor_report (run, "mkcol-failed", made, _("201 Created: the scratch folder made"),
                         "%u %s", made->status, dav_doctor_reason (made));
      return;
    }

  status = probe (run, scratch, &collection);
  if (status != 207 || !collection)
    {
      dav_doctor_report (run, "mkcol-failed", made, _("A folder there after 201 Created"),
                         /* Translators: %u %s are the server's status code and reason, “409 Conflict”. */
                         status == 207 ? _("%u %s, but a PROPFIND shows no folder there")
                                       /* Translators: %u %s are the server's status code and reason, “409 Conflict”. */
                                       : _("%u %s, but a PROPFIND of it answers %u"),
                         made->status, dav_doctor_reason (made), status);
      return;
    }
  run->scratch = g_steal_pointer (&scratch);

  if (made->status != 201)
    dav_doctor_report (run, "success-status-nonstandard", made, _("201 Created"), "%u %s",
                       made->status, dav_doctor_reason (made));

  /* RFC 4918 §9.3.1: 405 when something is there already. */
  again = send_request (run, "mkcol-existing-not-405", "MKCOL", run->scratch, NULL, NULL, NULL);
  if (again == NULL)
    return;
  if (again->status != 405)
    dav_doctor_report (run, "mkcol-existing-not-405", again, _("405 Method Not Allowed"),
                       "%u %s", again->status, dav_doctor_reason (again));

  /* 409 when the parent is missing; the server must not make it. */
  missing = dav_doctor_scratch_url (run, "missing-parent/");
  child = dav_doctor_scratch_url (run, "missing-parent/child/");
  dav_doctor_created (run, missing);
  dav_doctor_created (run, child);
  orphan = send_request (run, "mkcol-missing-parent-not-409", "MKCOL", child, NULL, NULL, NULL);
  if (orphan == NULL)
    return;
  if (orphan->status != 409)
    dav_doctor_report (run, "mkcol-missing-parent-not-409", orphan, _("409 Conflict"),
                       /* Translators: %u %s are the server's status code and reason, “409 Conflict”. */
                       is_success (orphan) ? _("%u %s: the folder was made, with its missing parent")
                                           : "%u %s",
                       orphan->status, dav_doctor_reason (orphan));

  /* 415 for a body it does not understand, rather than a folder made
   * from a request it did not read. */
  with_body = dav_doctor_scratch_url (run, "mkcol-with-body/");
  dav_doctor_created (run, with_body);
  body = send_request (run, "mkcol-body-not-415", "MKCOL", with_body, NULL,
                       "Davscope checks that MKCOL with a body it cannot understand is refused.\n",
                       "application/x-davscope-doctor");
  if (body == NULL)
    return;
  if (body->status != 415)
    dav_doctor_report (run, "mkcol-body-not-415", body, _("415 Unsupported Media Type"),
                       /* Translators: %u %s are the server's status code and reason, “409 Conflict”. */
                       is_success (body) ? _("%u %s: the folder was made and the body ignored")
                                         : "%u %s",
                       body->status, dav_doctor_reason (body));
}

/* ---- PUT ------------------------------------------------------------------- */

/* Uploads @content as a client uploads a file: streamed, through
 * dav_client_put_async (), so that a large one goes with Expect:
 * 100-continue as Davscope's own uploads do. */
static DavResult *
put_stream (DavDoctorRun *run,
            const char   *url,
            GBytes       *content)
{
  g_autoptr(GInputStream) source = g_memory_input_stream_new_from_bytes (content);
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  DavDoctorWaiter wait = { NULL };
  DavResult *result;

  dav_client_put_async (run->client, url, source, g_bytes_get_size (content),
                        "application/octet-stream", TRUE, NULL, NULL, run->cancellable,
                        dav_doctor_waiter_done, &wait);
  done = dav_doctor_wait (run, &wait);

  result = dav_client_put_finish (run->client, done, &error);
  if (result == NULL && !dav_doctor_cancelled (run))
    dav_doctor_report_error (run, "put-failed", "PUT", url, _("An answer from the server"), error);

  return result;
}

/* Every byte value, CR and LF among them, in an order that repeats only
 * after 64 KiB. */
static GBytes *
test_bytes (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) ((i * 7) ^ (i >> 8));

  return g_bytes_new_take (data, size);
}

static void
report_mismatch (DavDoctorRun *run,
                 DavResult    *get,
                 GBytes       *sent,
                 GBytes       *got)
{
  gsize sent_length, got_length, at = 0;
  const guint8 *a = g_bytes_get_data (sent, &sent_length);
  const guint8 *b = g_bytes_get_data (got, &got_length);

  while (at < sent_length && at < got_length && a[at] == b[at])
    at++;

  /* Translators: a file read back after an upload; the numbers are byte
   * counts and a byte offset. */
  dav_doctor_report (run, "put-get-mismatch", get,
                     _("The bytes that were uploaded"),
                     _("%lu bytes came back for %lu sent; the first difference is at byte %lu"),
                     (unsigned long) got_length, (unsigned long) sent_length, (unsigned long) at);
}

void
dav_doctor_check_put_get (DavDoctorRun *run)
{
  g_autofree char *url = dav_doctor_scratch_url (run, "put-get.bin");
  g_autoptr(GBytes) content = test_bytes (PUT_GET_SIZE);
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GBytes) shorter = NULL;
  g_autoptr(DavResult) put = NULL;
  g_autoptr(DavResult) get = NULL;
  g_autoptr(DavResult) replace = NULL;
  g_autoptr(DavResult) reget = NULL;
  const char *put_etag;
  const char *get_etag;
  const char *replacement = "A shorter file replaces the first one.\n";

  dav_doctor_created (run, url);
  put = put_stream (run, url, content);
  if (put == NULL)
    return;
  if (!is_success (put))
    {
      dav_doctor_report (run, "put-failed", put, _("201 Created"), "%u %s", put->status, dav_doctor_reason (put));
      return;
    }
  /* RFC 9110 §9.3.4: a PUT that made a resource MUST say 201. */
  if (put->status != 201)
    dav_doctor_report (run, "success-status-nonstandard", put, _("201 Created: a new file"),
                       "%u %s", put->status, dav_doctor_reason (put));

  put_etag = soup_message_headers_get_one (put->headers, "ETag");
  if (put_etag == NULL)
    dav_doctor_report (run, "put-no-etag", put, _("An ETag header with the new file’s entity tag"),
                       /* Translators: %u %s are the server's status code and reason, “409 Conflict”. */
                       _("%u %s without ETag"), put->status, dav_doctor_reason (put));

  got = get_content (run, url, &get);
  if (get == NULL)
    return;
  if (got == NULL)
    {
      dav_doctor_report (run, "get-failed", get, _("200 OK with the file just uploaded"),
                         "%u %s", get->status, dav_doctor_reason (get));
      return;
    }
  if (!g_bytes_equal (got, content))
    report_mismatch (run, get, content, got);

  /* davfs2 keeps the ETag of its PUT for its next If-Match. */
  get_etag = soup_message_headers_get_one (get->headers, "ETag");
  if (put_etag != NULL && get_etag != NULL && !g_str_equal (put_etag, get_etag) &&
      g_bytes_equal (got, content))
    dav_doctor_report_full (run, "get-etag-mismatch", -1, get,
                            _("The ETag the PUT answered, since the file did not change"),
                            _("A client that uploads with If-Match and this tag is refused with 412 Precondition Failed."),
                            _("PUT answered ETag %s, GET answers %s"), put_etag, get_etag);

  /* A shorter file over it must not keep the old tail. */
  replace = send_request (run, "put-failed", "PUT", url, NULL, replacement, "text/plain");
  if (replace == NULL)
    return;
  if (!is_success (replace))
    {
      dav_doctor_report (run, "put-failed", replace, _("204 No Content: the file replaced"),
                         "%u %s", replace->status, dav_doctor_reason (replace));
      return;
    }
  if (replace->status == 201)
    dav_doctor_report_full (run, "success-status-nonstandard", -1, replace,
                            _("200 OK or 204 No Content: the file replaced"),
                            _("RFC 9110 §9.3.4: 201 Created is for a new file."),
                            "%u %s", replace->status, dav_doctor_reason (replace));

  shorter = get_content (run, url, &reget);
  if (reget == NULL)
    return;
  if (!content_is (shorter, replacement))
    {
      g_autoptr(GBytes) expected = g_bytes_new_static (replacement, strlen (replacement));

      if (shorter == NULL)
        dav_doctor_report (run, "get-failed", reget, _("200 OK with the file just uploaded"),
                           "%u %s", reget->status, dav_doctor_reason (reget));
      else
        report_mismatch (run, reget, expected, shorter);
    }
}

/* RFC 9110 §13.1.4: If-Unmodified-Since holds when the file's date is no
 * later than the one given. Apache's mod_dav compares it with the clock
 * on PUT, so the date of a file nobody touched fails once its second has
 * passed: wait for the next one, then send the date the GET gave. */
static void
check_unmodified_since (DavDoctorRun *run,
                        const char   *url,
                        DavResult    *get)
{
  const char *date = soup_message_headers_get_one (get->headers, "Last-Modified");
  g_autoptr(GDateTime) then = date != NULL ? soup_date_time_new_from_http_string (date) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(DavResult) put = NULL;
  gint64 wait;

  /* Without a date, or a GET that failed (reported above), nothing to send. */
  if (get->status != 200 || then == NULL)
    return;

  /* A second and a little after the date, two at most (a server clock
   * ahead of ours only shortens what is checked). */
  wait = CLAMP (g_date_time_difference (then, now) + 1200 * G_TIME_SPAN_MILLISECOND,
                0, 2 * G_TIME_SPAN_SECOND);
  g_usleep (wait);
  if (dav_doctor_cancelled (run))
    return;

  put = send_request (run, "put-failed", "PUT", url,
                      (const char *[]) { "If-Unmodified-Since", date, NULL },
                      "Nobody changed this file since the date sent.\n", "text/plain");
  if (put == NULL)
    return;
  if (put->status == 412)
    dav_doctor_report (run, "if-unmodified-since-clock", put,
                       _("2xx: the file was not changed since that date"),
                       /* Translators: %s is an HTTP date, %u %s the server's status and reason. */
                       _("If-Unmodified-Since: %s (the file’s Last-Modified) answered %u %s"),
                       date, put->status, dav_doctor_reason (put));
  else if (!is_success (put))
    dav_doctor_report (run, "put-failed", put, _("2xx: the file was not changed since that date"),
                       "%u %s", put->status, dav_doctor_reason (put));
}

void
dav_doctor_check_conditional_put (DavDoctorRun *run)
{
  g_autofree char *url = dav_doctor_scratch_url (run, "conditional.txt");
  g_autofree char *fresh = dav_doctor_scratch_url (run, "conditional-new.txt");
  g_autoptr(DavResult) put = NULL;
  g_autoptr(DavResult) get = NULL;
  g_autoptr(DavResult) create = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autofree char *now = NULL;
  const char *original = "The file that is there first.\n";
  const char *replacement = "If-None-Match: * should have kept this out.\n";

  if (!prepare (run, url, original))
    return;

  put = send_request (run, "if-none-match-ignored", "PUT", url,
                      (const char *[]) { "If-None-Match", "*", NULL }, replacement, "text/plain");
  if (put == NULL)
    return;
  content = get_content (run, url, &get);
  if (get == NULL)
    return;
  now = describe_content (content);

  if (content_is (content, replacement) || is_success (put))
    dav_doctor_report (run, "if-none-match-ignored", put,
                       _("412 Precondition Failed, and the file unchanged"),
                       "%u %s. %s", put->status, dav_doctor_reason (put), now);
  else if (put->status != 412)
    dav_doctor_report_full (run, "if-none-match-ignored", DAV_DOCTOR_WARNING, put,
                            _("412 Precondition Failed, and the file unchanged"),
                            _("The file was left alone, but clients tell “exists” by the 412."),
                            "%u %s", put->status, dav_doctor_reason (put));
  else if (!content_is (content, original))
    dav_doctor_report (run, "put-get-mismatch", get, _("The file as it was uploaded first"),
                       "%s", now);

  /* davfs2 makes every new file with If-None-Match: *. */
  dav_doctor_created (run, fresh);
  create = send_request (run, "put-failed", "PUT", fresh,
                         (const char *[]) { "If-None-Match", "*", NULL }, original, "text/plain");
  if (create == NULL)
    return;
  if (!is_success (create))
    dav_doctor_report_full (run, "put-failed", -1, create,
                            _("201 Created: nothing was at that name"),
                            _("A PUT with If-None-Match: * to a new name must succeed; davfs2 sends one for every new file."),
                            "%u %s", create->status, dav_doctor_reason (create));

  check_unmodified_since (run, url, get);
}

/* The exchange of the PUT that waited for a 100 in vain, before the
 * client sent it again (dav-request.c): a result that shows it. */
static DavResult *
unanswered_attempt (DavDoctorRun *run,
                    DavResult    *put)
{
  DavExchangeLog *log = dav_client_get_exchange_log (run->client);

  for (guint64 id = put->exchange_id; id > 0 && id + 4 > put->exchange_id; id--)
    {
      g_autoptr(DavExchange) exchange = dav_exchange_log_lookup (log, id - 1);
      DavResult *attempt;

      if (exchange == NULL || dav_exchange_get_error (exchange) == NULL ||
          !g_str_equal (dav_exchange_get_method (exchange), "PUT"))
        continue;

      attempt = dav_result_new ("PUT", dav_exchange_get_url (exchange));
      attempt->exchange_id = id - 1;
      return attempt;
    }

  return dav_result_ref (put);
}

void
dav_doctor_check_expect_continue (DavDoctorRun *run)
{
  g_autofree char *url = dav_doctor_scratch_url (run, "expect-continue.bin");
  g_autoptr(GBytes) content = test_bytes (EXPECT_SIZE);
  g_autoptr(DavResult) put = NULL;

  /* The client stops asking once a server let it wait (no_continue);
   * this check asks again. Left set when it waits here too. */
  run->client->no_continue = FALSE;

  dav_doctor_created (run, url);
  put = put_stream (run, url, content);
  if (put == NULL)
    return;

  if (run->client->no_continue)
    {
      g_autoptr(DavResult) attempt = unanswered_attempt (run, put);

      dav_doctor_report_full (run, "expect-100-unanswered", -1, attempt,
                              _("100 Continue, or a final status, right after the request’s headers"),
                              _("Davscope waits one second, then sends the upload again without Expect; curl sends the body after one second; a client that waits for the 100 hangs."),
                              /* Translators: %u %s are the server's status code and reason, “409 Conflict”. */
                              _("Nothing for a second; sent again without Expect, the upload was answered %u %s"),
                              put->status, dav_doctor_reason (put));
    }
  else if (put->status == 417)
    dav_doctor_report (run, "expect-100-unanswered", put,
                       _("100 Continue, or a final status, right after the request’s headers"),
                       "%u %s", put->status, dav_doctor_reason (put));

  if (!is_success (put) && put->status != 417)
    dav_doctor_report (run, "put-failed", put, _("201 Created"), "%u %s", put->status, dav_doctor_reason (put));
}

/* ---- PROPPATCH ------------------------------------------------------------- */

#define TEXT_VALUE "A text value: <markup>, & ampersands, \"quotes\",  two spaces and ünïcödé"
#define XML_VALUE \
  "<d:list xmlns:d=\"" DOCTOR_NS "\"><d:item n=\"1\">one</d:item><d:item>two &amp; three</d:item>" \
  "<other xmlns=\"" DOCTOR_NS "other\"/></d:list>"

/* Says what a read back found in place of @expected. */
static void
report_value (DavDoctorRun      *run,
              const char        *fault,
              DavResult         *read,
              const char        *name,
              const DavProperty *property,
              guint              status,
              const char        *expected)
{
  /* Translators: a property name, and the value it should have. */
  g_autofree char *want = g_strdup_printf (_("%s: “%s”"), name, expected);

  if (property == NULL && status == 0)
    dav_doctor_report (run, fault, read, want, _("%s is not in the answer"), name);
  else if (property == NULL)
    dav_doctor_report (run, fault, read, want, _("%s: %u, not stored"), name, status);
  else if (property->value == NULL)
    dav_doctor_report (run, fault, read, want, _("%s: empty"), name);
  else
    dav_doctor_report (run, fault, read, want, _("%s: “%s”"), name, property->value);
}

void
dav_doctor_check_proppatch (DavDoctorRun *run)
{
  g_autofree char *url = dav_doctor_scratch_url (run, "properties.txt");
  g_autoptr(GPtrArray) set = patches_new ();
  g_autoptr(GPtrArray) remove = patches_new ();
  g_autoptr(GPtrArray) never = patches_new ();
  g_autoptr(DavResult) patched = NULL;
  g_autoptr(DavResult) read = NULL;
  g_autoptr(DavResult) removed = NULL;
  g_autoptr(DavResult) reread = NULL;
  g_autoptr(DavResult) nothing = NULL;
  const char *names[] = { "{" DOCTOR_NS "}text", "{" DOCTOR_NS "}xml", NULL };
  const DavProperty *property;
  gboolean told = FALSE;
  guint status;

  if (!prepare (run, url, "A file with dead properties.\n"))
    return;

  g_ptr_array_add (set, dav_prop_patch_new_set (DOCTOR_NS, "text", TEXT_VALUE, FALSE));
  g_ptr_array_add (set, dav_prop_patch_new_set (DOCTOR_NS, "xml", XML_VALUE, TRUE));
  patched = send_proppatch (run, "proppatch-unsupported", url, set, NULL);
  if (patched == NULL || !proppatch_succeeded (run, patched, "proppatch-unsupported", &told))
    return;

  read = read_properties (run, url, names);
  if (read == NULL)
    return;
  property = found_property (read, url, DOCTOR_NS, "text", &status);
  if (property == NULL || property->is_xml || g_strcmp0 (property->value, TEXT_VALUE) != 0)
    report_value (run, "proppatch-value-changed", read, names[0], property, status, TEXT_VALUE);
  property = found_property (read, url, DOCTOR_NS, "xml", &status);
  if (property == NULL || !same_xml (property->value, XML_VALUE))
    report_value (run, "proppatch-value-changed", read, names[1], property, status, XML_VALUE);

  g_ptr_array_add (remove, dav_prop_patch_new_remove (DOCTOR_NS, "text"));
  g_ptr_array_add (remove, dav_prop_patch_new_remove (DOCTOR_NS, "xml"));
  removed = send_proppatch (run, "proppatch-remove-failed", url, remove, NULL);
  if (removed == NULL || !proppatch_succeeded (run, removed, "proppatch-remove-failed", &told))
    return;

  reread = read_properties (run, url, names);
  if (reread == NULL)
    return;
  for (guint i = 0; names[i] != NULL; i++)
    {
      property = found_property (reread, url, DOCTOR_NS, i == 0 ? "text" : "xml", NULL);
      if (property != NULL)
        dav_doctor_report (run, "proppatch-remove-failed", reread,
                           _("404 Not Found for both: removed"), _("%s is still there: “%s”"),
                           names[i], property->value != NULL ? property->value : "");
    }

  /* RFC 4918 §14.23: removing a property that is not there is no error. */
  g_ptr_array_add (never, dav_prop_patch_new_remove (DOCTOR_NS, "never-set"));
  nothing = send_proppatch (run, "proppatch-remove-failed", url, never, NULL);
  if (nothing != NULL && !is_success (nothing))
    dav_doctor_report_full (run, "proppatch-remove-failed", -1, nothing,
                            _("207 Multi-Status with 200 OK"),
                            _("RFC 4918 §14.23: removing a property that does not exist is not an error."),
                            "%u %s", nothing->status, dav_doctor_reason (nothing));
  else if (nothing != NULL && nothing->status == 207)
    proppatch_succeeded (run, nothing, "proppatch-remove-failed", &told);
}

/* One part of the namespaces check: a PROPPATCH, then the read back of
 * @names; NULL when the PROPPATCH failed (a finding of @fault) or the
 * read failed. *unsupported when the server has no PROPPATCH at all. */
static DavResult *
patch_and_read (DavDoctorRun       *run,
                const char         *url,
                const char         *fault,
                GPtrArray          *patches,
                const char         *raw,
                const char *const  *names,
                gboolean           *told,
                gboolean           *unsupported)
{
  g_autoptr(DavResult) patched = send_proppatch (run, fault, url, patches, raw);

  if (patched == NULL)
    return NULL;
  if (patched->status == 405 || patched->status == 501)
    *unsupported = TRUE;
  if (!proppatch_succeeded (run, patched, fault, told))
    return NULL;

  return read_properties (run, url, names);
}

#define MANY_NS 10

/* Namespaces that differ in a slash or a letter's case are different
 * namespaces (namespace names compare exactly). */
static char *
many_ns (guint i)
{
  switch (i)
    {
    case 0: return g_strdup (DOCTOR_NS "space");
    case 1: return g_strdup (DOCTOR_NS "space/");
    case 2: return g_strdup (DOCTOR_NS "Space");
    case 3: return g_strdup ("http://example.com/davscope-doctor");
    default: return g_strdup_printf (DOCTOR_NS "space-%u", i);
    }
}

/* The value declares the namespace of <x:inner> on the property's own
 * element, outside the value: the server must keep it in scope (RFC 4918
 * §4.3), as litmus's propvalnspace asks. */
#define VALNS_RAW \
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" \
  "<D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop>" \
  "<N:value-namespaces xmlns:N=\"" DOCTOR_NS "\" xmlns:x=\"" DOCTOR_NS "inner\">" \
  "<x:inner>prefix declared outside the value</x:inner><foo xmlns=\"" DOCTOR_NS "bar\">bar</foo>" \
  "</N:value-namespaces></D:prop></D:set></D:propertyupdate>\n"
#define VALNS_VALUE \
  "<x:inner xmlns:x=\"" DOCTOR_NS "inner\">prefix declared outside the value</x:inner>" \
  "<foo xmlns=\"" DOCTOR_NS "bar\">bar</foo>"
#define UNTYPED_RAW \
  "<?xml version=\"1.0\" encoding=\"utf-8\" ?><propertyupdate xmlns=\"DAV:\"><set><prop>" \
  "<untyped xmlns=\"" DOCTOR_NS "\">sent without a Content-Type</untyped></prop></set></propertyupdate>"
#define HIGH_UNICODE "\xf0\x90\x80\x80 U+10000, \xf0\x9f\x98\x80 U+1F600, \xf4\x8f\xbf\xbd U+10FFFD"

void
dav_doctor_check_proppatch_namespaces (DavDoctorRun *run)
{
  g_autofree char *url = dav_doctor_scratch_url (run, "namespaces.txt");
  gboolean told = FALSE, unsupported = FALSE;

  if (!prepare (run, url, "A file with properties in many namespaces.\n"))
    return;

  /* The same name in ten namespaces: ten properties (litmus propmanyns). */
  {
    g_autoptr(GPtrArray) patches = patches_new ();
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(DavResult) read = NULL;

    for (guint i = 0; i < MANY_NS; i++)
      {
        g_autofree char *ns = many_ns (i);
        g_autofree char *value = g_strdup_printf ("value in %s", ns);

        g_ptr_array_add (patches, dav_prop_patch_new_set (ns, "same-name", value, FALSE));
        g_ptr_array_add (names, g_strdup_printf ("{%s}same-name", ns));
      }
    g_ptr_array_add (names, NULL);

    read = patch_and_read (run, url, "proppatch-namespace-lost", patches, NULL,
                           (const char *const *) names->pdata, &told, &unsupported);
    if (unsupported)
      return;
    for (guint i = 0; read != NULL && i < MANY_NS; i++)
      {
        g_autofree char *ns = many_ns (i);
        g_autofree char *value = g_strdup_printf ("value in %s", ns);
        guint status;
        const DavProperty *property = found_property (read, url, ns, "same-name", &status);

        if (property == NULL || g_strcmp0 (property->value, value) != 0)
          {
            report_value (run, "proppatch-namespace-lost", read, g_ptr_array_index (names, i),
                          property, status, value);
            break;
          }
      }
  }

  /* A property in no namespace (litmus propnullns). */
  {
    g_autoptr(GPtrArray) patches = patches_new ();
    g_autoptr(DavResult) read = NULL;
    const char *names[] = { "{}no-namespace", NULL };
    const char *value = "a property in no namespace";

    g_ptr_array_add (patches, dav_prop_patch_new_set ("", "no-namespace", value, FALSE));
    read = patch_and_read (run, url, "proppatch-null-namespace", patches, NULL, names, &told, &unsupported);
    if (read != NULL)
      {
        guint status;
        const DavProperty *property = found_property (read, url, "", "no-namespace", &status);

        if (property == NULL || g_strcmp0 (property->value, value) != 0)
          report_value (run, "proppatch-null-namespace", read, names[0], property, status, value);
      }
  }

  /* Characters beyond U+FFFF: four bytes in UTF-8 (litmus prophighunicode). */
  {
    g_autoptr(GPtrArray) patches = patches_new ();
    g_autoptr(DavResult) read = NULL;
    const char *names[] = { "{" DOCTOR_NS "}high-unicode", NULL };

    g_ptr_array_add (patches, dav_prop_patch_new_set (DOCTOR_NS, "high-unicode", HIGH_UNICODE, FALSE));
    read = patch_and_read (run, url, "proppatch-unicode", patches, NULL, names, &told, &unsupported);
    if (read != NULL)
      {
        guint status;
        const DavProperty *property = found_property (read, url, DOCTOR_NS, "high-unicode", &status);

        if (property == NULL || g_strcmp0 (property->value, HIGH_UNICODE) != 0)
          report_value (run, "proppatch-unicode", read, names[0], property, status, HIGH_UNICODE);
      }
  }

  /* Namespace declarations in and around an XML value (litmus propvalnspace). */
  {
    g_autoptr(DavResult) read = NULL;
    const char *names[] = { "{" DOCTOR_NS "}value-namespaces", NULL };

    read = patch_and_read (run, url, "proppatch-namespace-lost", NULL, VALNS_RAW, names, &told, &unsupported);
    if (read != NULL)
      {
        guint status;
        const DavProperty *property = found_property (read, url, DOCTOR_NS, "value-namespaces", &status);

        if (property == NULL || !same_xml (property->value, VALNS_VALUE))
          report_value (run, "proppatch-namespace-lost", read, names[0], property, status, VALNS_VALUE);
      }
  }

  /* Instructions run in document order (RFC 4918 §9.2): remove, set x,
   * set y leaves y (litmus propremoveset); set, remove leaves nothing
   * (propsetremove). */
  {
    g_autoptr(GPtrArray) patches = patches_new ();
    g_autoptr(DavResult) read = NULL;
    const char *names[] = { "{" DOCTOR_NS "}remove-set", NULL };

    g_ptr_array_add (patches, dav_prop_patch_new_remove (DOCTOR_NS, "remove-set"));
    g_ptr_array_add (patches, dav_prop_patch_new_set (DOCTOR_NS, "remove-set", "first", FALSE));
    g_ptr_array_add (patches, dav_prop_patch_new_set (DOCTOR_NS, "remove-set", "second", FALSE));
    read = patch_and_read (run, url, "proppatch-set-remove-order", patches, NULL, names, &told, &unsupported);
    if (read != NULL)
      {
        guint status;
        const DavProperty *property = found_property (read, url, DOCTOR_NS, "remove-set", &status);

        if (property == NULL || g_strcmp0 (property->value, "second") != 0)
          report_value (run, "proppatch-set-remove-order", read, names[0], property, status, "second");
      }
  }
  {
    g_autoptr(GPtrArray) patches = patches_new ();
    g_autoptr(DavResult) read = NULL;
    const char *names[] = { "{" DOCTOR_NS "}set-remove", NULL };

    g_ptr_array_add (patches, dav_prop_patch_new_set (DOCTOR_NS, "set-remove", "set, then removed", FALSE));
    g_ptr_array_add (patches, dav_prop_patch_new_remove (DOCTOR_NS, "set-remove"));
    read = patch_and_read (run, url, "proppatch-set-remove-order", patches, NULL, names, &told, &unsupported);
    if (read != NULL)
      {
        const DavProperty *property = found_property (read, url, DOCTOR_NS, "set-remove", NULL);

        if (property != NULL)
          dav_doctor_report (run, "proppatch-set-remove-order", read,
                             _("404 Not Found: set, then removed in the same request"),
                             _("%s is there: “%s”"), names[0],
                             property->value != NULL ? property->value : "");
      }
  }

  /* As litmus sends its PROPPATCH bodies: without a Content-Type. */
  if (!unsupported)
    {
      g_autoptr(DavResult) result = NULL;

      result = send_request (run, "proppatch-unsupported", "PROPPATCH", url, NULL, UNTYPED_RAW, NULL);
      if (result != NULL && result->status == 415)
        dav_doctor_report_full (run, "body-without-content-type-refused", -1, result,
                                _("207 Multi-Status, as for the same body with a Content-Type"),
                                _("litmus sends its PROPPATCH bodies this way: its propnullns, prophighunicode, propremoveset, propsetremove and propvalnspace fail here for this reason alone. The findings above come from requests with a Content-Type."),
                                "%u %s", result->status, dav_doctor_reason (result));
    }
}

/* The protected property the atomicity check tries to set: every server
 * computes DAV:getetag itself (RFC 4918 §15.6). */
#define FORGED_ETAG "\"davscope-doctor-forged\""

void
dav_doctor_check_proppatch_atomic (DavDoctorRun *run)
{
  g_autofree char *url = dav_doctor_scratch_url (run, "atomic.txt");
  g_autoptr(GPtrArray) patches = patches_new ();
  g_autoptr(DavResult) patched = NULL;
  g_autoptr(DavResult) read = NULL;
  const char *names[] = { "{" DOCTOR_NS "}atomic", "{DAV:}getetag", NULL };
  const DavProperty *dead;
  const DavProperty *etag;
  guint dead_status = 0, etag_status = 0;
  gboolean forged;

  if (!prepare (run, url, "A file whose ETag no client may set.\n"))
    return;

  g_ptr_array_add (patches, dav_prop_patch_new_set (DOCTOR_NS, "atomic", "must not be stored", FALSE));
  g_ptr_array_add (patches, dav_prop_patch_new_set ("DAV:", "getetag", FORGED_ETAG, FALSE));
  patched = send_proppatch (run, "proppatch-unsupported", url, patches, NULL);
  if (patched == NULL)
    return;
  if (patched->status == 405 || patched->status == 501)
    {
      dav_doctor_report (run, "proppatch-unsupported", patched,
                         _("207 Multi-Status: 403 for DAV:getetag, 424 Failed Dependency for the other"),
                         "%u %s", patched->status, dav_doctor_reason (patched));
      return;
    }

  /* What the answer claims for each. */
  if (patched->status == 207 && patched->body != NULL)
    {
      dav_doctor_report_problems (run, patched);
      found_property (patched, url, DOCTOR_NS, "atomic", &dead_status);
      found_property (patched, url, "DAV:", "getetag", &etag_status);
    }
  else if (is_success (patched))
    dead_status = etag_status = patched->status;

  read = read_properties (run, url, names);
  if (read == NULL)
    return;
  dead = found_property (read, url, DOCTOR_NS, "atomic", NULL);
  etag = found_property (read, url, "DAV:", "getetag", NULL);
  forged = etag != NULL && g_strcmp0 (etag->value, FORGED_ETAG) == 0;

  if (etag_status >= 200 && etag_status < 300)
    dav_doctor_report (run, "proppatch-protected-accepted", patched,
                       _("403 Forbidden (or 409 Conflict) for DAV:getetag, which the server computes"),
                       forged ? _("%u for DAV:getetag, and the ETag is now the one sent")
                              : _("%u for DAV:getetag, though the ETag did not change"),
                       etag_status);

  /* RFC 4918 §9.2.1: what failed with the other is answered 424, not
   * left out. */
  if (patched->status == 207 && dead_status == 0 && !(etag_status >= 200 && etag_status < 300) &&
      dead == NULL)
    {
      /* Translators: %s is a property name. */
      g_autofree char *expected = g_strdup_printf (_("424 Failed Dependency for %s"), names[0]);

      dav_doctor_report_full (run, "proppatch-not-atomic", DAV_DOCTOR_INFO, patched, expected,
                              _("Nothing was stored, but the answer does not say what became of this property."),
                              _("%s is not in the answer"), names[0]);
    }

  if (dead != NULL && !forged)
    {
      /* Translators: %s is a property name. */
      g_autofree char *expected = g_strdup_printf (_("%s not stored: DAV:getetag was refused, so nothing of the request may be done"),
                                                   names[0]);

      dav_doctor_report (run, "proppatch-not-atomic", read, expected,
                         _("%s was stored (the answer said %u for it)"), names[0], dead_status);
    }
  else if (dead == NULL && dead_status >= 200 && dead_status < 300 &&
           !(etag_status >= 200 && etag_status < 300))
    {
      /* Translators: %s is a property name. */
      g_autofree char *expected = g_strdup_printf (_("424 Failed Dependency for %s"), names[0]);

      dav_doctor_report (run, "proppatch-not-atomic", patched, expected,
                         _("%u for %s while DAV:getetag failed with %u"),
                         dead_status, names[0], etag_status);
    }
}

/* ---- COPY, MOVE ------------------------------------------------------------ */

#define SOURCE_TEXT   "The source of a copy or move.\n"
#define EXISTING_TEXT "A file in the way.\n"
#define COPIED_VALUE  "a dead property that goes along"

/* COPY or MOVE @from to @to; @overwrite "T", "F" or NULL (no header). */
static DavResult *
transfer (DavDoctorRun *run,
          const char   *method,
          const char   *from,
          const char   *to,
          const char   *overwrite)
{
  const char *headers[7] = { "Destination", to, NULL };
  guint n = 2;
  DavResult *result;

  if (overwrite != NULL)
    {
      headers[n++] = "Overwrite";
      headers[n++] = overwrite;
    }
  /* A folder is copied whole (RFC 4918 §9.8.3), said as clients say it. */
  if (g_str_equal (method, "COPY") && g_str_has_suffix (from, "/"))
    {
      headers[n++] = "Depth";
      headers[n++] = "infinity";
    }
  headers[n] = NULL;

  dav_doctor_created (run, to);
  result = send_request (run, "copy-status", method, from, headers, NULL, NULL);
  if (result != NULL && result->status == 207)
    dav_doctor_report_problems (run, result);

  return result;
}

/* A COPY or MOVE to a name where nothing was: 201 (RFC 4918 §9.8.5,
 * §9.9.4). TRUE when it succeeded at all. */
static gboolean
judge_new (DavDoctorRun *run,
           DavResult    *result)
{
  if (result->status == 201)
    return TRUE;

  if (result->status == 204 || !is_success (result) || result->status == 207)
    dav_doctor_report (run, "copy-status", result, _("201 Created: the destination is new"),
                       "%u %s", result->status, dav_doctor_reason (result));
  else
    dav_doctor_report (run, "success-status-nonstandard", result, _("201 Created: the destination is new"),
                       "%u %s", result->status, dav_doctor_reason (result));

  return is_success (result) && result->status != 207;
}

/* A COPY or MOVE with Overwrite: T onto something that exists: 204. */
static gboolean
judge_overwrite (DavDoctorRun *run,
                 DavResult    *result,
                 gboolean      collection)
{
  const char *expected = _("204 No Content: the destination replaced");

  if (result->status == 204)
    return TRUE;

  /* nginx: Destination and source must both end in "/" or both not. */
  if (result->status == 409 && collection)
    dav_doctor_report (run, "copymove-overwrite-collection-409", result, expected,
                       "%u %s", result->status, dav_doctor_reason (result));
  else if (result->status == 201 || !is_success (result) || result->status == 207)
    dav_doctor_report (run, "overwrite-t-status", result, expected,
                       "%u %s", result->status, dav_doctor_reason (result));
  else
    dav_doctor_report (run, "success-status-nonstandard", result, expected,
                       "%u %s", result->status, dav_doctor_reason (result));

  return is_success (result) && result->status != 207;
}

/* The content of @url after a COPY or MOVE wrote @expected there. A
 * server may serve the old file for a moment (lighttpd 1.4.69's stat
 * cache after a COPY): then it is read again two seconds later, and the
 * stale read is said as info. */
static GBytes *
read_written (DavDoctorRun  *run,
              const char    *url,
              const char    *expected,
              DavResult    **out)
{
  g_autoptr(GBytes) content = get_content (run, url, out);
  g_autoptr(DavResult) second = NULL;
  g_autoptr(GBytes) again = NULL;

  if (*out == NULL || content_is (content, expected))
    return g_steal_pointer (&content);

  for (guint i = 0; i < 20 && !dav_doctor_cancelled (run); i++)
    g_usleep (100 * 1000);

  again = get_content (run, url, &second);
  if (second == NULL || !content_is (again, expected))
    return g_steal_pointer (&content);

  dav_doctor_report_full (run, "put-get-mismatch", DAV_DOCTOR_INFO, *out,
                          _("The new content at once"),
                          _("A client that reads a file right after copying or moving onto it gets the old one."),
                          _("The old content right after the change; the new one two seconds later"));
  dav_result_unref (*out);
  *out = g_steal_pointer (&second);
  return g_steal_pointer (&again);
}

/* Overwrite: F onto an existing file: 412, and the file as it was.
 * FALSE when the file was replaced. */
static gboolean
check_overwrite_f (DavDoctorRun *run,
                   const char   *method,
                   const char   *from,
                   const char   *existing)
{
  g_autoptr(DavResult) result = transfer (run, method, from, existing, "F");
  g_autoptr(DavResult) get = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autofree char *now = NULL;

  if (result == NULL)
    return TRUE;

  content = get_content (run, existing, &get);
  if (get == NULL)
    return TRUE;
  now = describe_content (content);

  if (!content_is (content, EXISTING_TEXT))
    {
      dav_doctor_report (run, "overwrite-f-ignored", result,
                         _("412 Precondition Failed, and the file in the way unchanged"),
                         "%u %s. %s", result->status, dav_doctor_reason (result), now);
      return FALSE;
    }
  if (result->status != 412)
    dav_doctor_report (run, "copy-status", result,
                       _("412 Precondition Failed: Overwrite: F onto an existing file"),
                       "%u %s", result->status, dav_doctor_reason (result));
  return TRUE;
}

/* Which of @names (relative to @folder) are not there; NULL when all are. */
static char *
missing_members (DavDoctorRun       *run,
                 const char         *folder,
                 const char *const  *names)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *url = g_strconcat (folder, names[i], NULL);

      if (probe (run, url, NULL) != 207)
        g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "", names[i]);
    }

  return missing->len > 0 ? g_strdup (missing->str) : NULL;
}

/* Sets the dead property the copies must carry; FALSE when the server
 * has no PROPPATCH (the PROPPATCH checks say so). */
static gboolean
set_copied_property (DavDoctorRun *run,
                     const char   *url)
{
  g_autoptr(GPtrArray) patches = patches_new ();
  g_autoptr(DavResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (patches, dav_prop_patch_new_set (DOCTOR_NS, "copied", COPIED_VALUE, FALSE));
  {
    g_autoptr(GBytes) bytes = dav_request_body_proppatch (patches, &error);
    g_autofree char *body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    result = dav_doctor_send (run, "PROPPATCH", url, NULL, body, "application/xml; charset=utf-8", &error);
  }

  return result != NULL && is_success (result) &&
         (result->status != 207 || !dav_multistatus_has_failures (result->body));
}

/* The dead property of @url set by set_copied_property (), after a COPY
 * or MOVE took it along. */
static void
check_copied_property (DavDoctorRun *run,
                       const char   *url)
{
  const char *names[] = { "{" DOCTOR_NS "}copied", NULL };
  g_autoptr(DavResult) read = read_properties (run, url, names);
  const DavProperty *property;
  guint status;

  if (read == NULL)
    return;
  property = found_property (read, url, DOCTOR_NS, "copied", &status);
  if (property == NULL || g_strcmp0 (property->value, COPIED_VALUE) != 0)
    report_value (run, "copy-properties-lost", read, names[0], property, status, COPIED_VALUE);
}

/* A folder with a file, a subfolder and a file in that; with
 * @with_properties, a dead property on the folder and its file when the
 * server has PROPPATCH. */
static gboolean
prepare_tree (DavDoctorRun *run,
              const char   *name,
              gboolean     *with_properties)
{
  g_autofree char *folder = dav_doctor_scratch_url (run, name);
  g_autofree char *file = g_strconcat (folder, "a.txt", NULL);
  g_autofree char *sub = g_strconcat (folder, "sub/", NULL);
  g_autofree char *deep = g_strconcat (folder, "sub/b.txt", NULL);

  if (!prepare (run, folder, NULL) || !prepare (run, file, "a\n") ||
      !prepare (run, sub, NULL) || !prepare (run, deep, "b\n"))
    return FALSE;

  if (with_properties != NULL)
    *with_properties = set_copied_property (run, folder) && set_copied_property (run, file);
  return TRUE;
}

static const char *const tree_members[] = { "a.txt", "sub/", "sub/b.txt", NULL };

/* A folder with an old member that a replacing COPY or MOVE must remove. */
static gboolean
prepare_obstacle (DavDoctorRun *run,
                  const char   *folder)
{
  g_autofree char *old = g_strconcat (folder, "old.txt", NULL);

  return prepare (run, folder, NULL) && prepare (run, old, EXISTING_TEXT);
}

/* After a COPY or MOVE of a tree of prepare_tree () to @folder: every
 * member there, and with @with_properties the dead properties too. */
static void
check_tree_arrived (DavDoctorRun *run,
                    DavResult    *result,
                    const char   *folder,
                    gboolean      with_properties)
{
  g_autofree char *missing = missing_members (run, folder, tree_members);

  if (missing != NULL)
    dav_doctor_report (run, "copy-collection-incomplete", result,
                       _("Every member of the source at the destination"),
                       /* Translators: %u %s are the server's status code and reason, “409 Conflict”. */
                       _("Missing after %u %s: %s"), result->status, dav_doctor_reason (result), missing);

  if (with_properties)
    {
      g_autofree char *file = g_strconcat (folder, "a.txt", NULL);

      check_copied_property (run, folder);
      if (missing == NULL)
        check_copied_property (run, file);
    }
}

/* After a COPY or MOVE with Overwrite: T onto @existing: it holds the
 * source's content. */
static void
check_replaced_file (DavDoctorRun *run,
                     DavResult    *result,
                     const char   *existing)
{
  g_autoptr(DavResult) get = NULL;
  g_autoptr(GBytes) content = read_written (run, existing, SOURCE_TEXT, &get);

  if (get != NULL && !content_is (content, SOURCE_TEXT))
    {
      g_autofree char *now = describe_content (content);

      dav_doctor_report (run, "overwrite-t-status", result, _("The file in the way replaced by the source"),
                         "%u %s. %s", result->status, dav_doctor_reason (result), now);
    }
}

/* After a folder replaced @folder with Overwrite: T: its old member must
 * be gone (RFC 4918 §9.8.4: the destination is deleted first), the new
 * ones there. */
static void
check_replaced_folder (DavDoctorRun *run,
                       DavResult    *result,
                       const char   *folder,
                       gboolean      with_members)
{
  g_autofree char *old = g_strconcat (folder, "old.txt", NULL);

  if (probe (run, old, NULL) == 207)
    dav_doctor_report_full (run, "overwrite-t-status", -1, result,
                            _("The destination deleted first, then replaced"),
                            _("RFC 4918 §9.8.4: with Overwrite: T the destination is deleted before the copy, so nothing of it remains."),
                            /* Translators: %u %s are the server's status code and reason, “409 Conflict”. */
                            _("%u %s, but old.txt of the folder in the way is still there: it was not replaced"),
                            result->status, dav_doctor_reason (result));

  if (with_members)
    check_tree_arrived (run, result, folder, FALSE);
}

/* COPY or MOVE of @source into a folder that does not exist: 409
 * Conflict, and the server must not make that folder (RFC 4918 §9.8.5,
 * §9.9.4). Apache's mod_dav_fs answers a MOVE so with 500, nginx a COPY;
 * nginx with create_full_put_path makes the folder for a MOVE. */
static void
check_missing_parent (DavDoctorRun *run,
                      const char   *method,
                      const char   *source,
                      const char   *folder_name)
{
  g_autofree char *missing = dav_doctor_scratch_url (run, folder_name);
  g_autofree char *target = g_strconcat (missing, "target.txt", NULL);
  g_autoptr(DavResult) result = NULL;

  dav_doctor_created (run, missing);
  dav_doctor_created (run, target);
  result = transfer (run, method, source, target, NULL);
  if (result == NULL || result->status == 409)
    return;

  if (is_success (result) && probe (run, missing, NULL) == 207)
    dav_doctor_report (run, "copymove-made-parents", result, _("409 Conflict"),
                       /* Translators: %u %s are the server's status code and reason, “409 Conflict”. */
                       _("%u %s: the missing folder was made"), result->status, dav_doctor_reason (result));
  else
    dav_doctor_report (run, "copymove-missing-parent-not-409", result, _("409 Conflict"),
                       "%u %s", result->status, dav_doctor_reason (result));
}

void
dav_doctor_check_copy (DavDoctorRun *run)
{
  g_autofree char *source = dav_doctor_scratch_url (run, "copy-source.txt");
  g_autofree char *fresh = dav_doctor_scratch_url (run, "copy-new.txt");
  g_autofree char *existing = dav_doctor_scratch_url (run, "copy-existing.txt");
  g_autofree char *folder = dav_doctor_scratch_url (run, "copy-folder/");
  g_autofree char *folder_copy = dav_doctor_scratch_url (run, "copy-folder-copy/");
  g_autofree char *onto_folder = dav_doctor_scratch_url (run, "copy-file-onto-folder/");
  g_autofree char *folder_onto = dav_doctor_scratch_url (run, "copy-folder-onto-folder/");
  gboolean with_properties = FALSE;

  if (!prepare (run, source, SOURCE_TEXT) || !prepare (run, existing, EXISTING_TEXT) ||
      !prepare_tree (run, "copy-folder/", &with_properties) ||
      !prepare_obstacle (run, onto_folder) || !prepare_obstacle (run, folder_onto))
    return;

  /* To a new name: 201, and the same bytes. */
  {
    g_autoptr(DavResult) result = transfer (run, "COPY", source, fresh, NULL);
    g_autoptr(DavResult) get = NULL;
    g_autoptr(GBytes) content = NULL;

    if (result == NULL)
      return;
    if (judge_new (run, result))
      {
        content = read_written (run, fresh, SOURCE_TEXT, &get);
        if (get != NULL && !content_is (content, SOURCE_TEXT))
          {
            g_autofree char *now = describe_content (content);

            dav_doctor_report (run, "put-get-mismatch", get, _("The copy holds what the source holds"),
                               "%s", now);
          }
      }
  }

  /* Onto an existing file: refused with F, replaced with T. */
  check_overwrite_f (run, "COPY", source, existing);
  if (dav_doctor_cancelled (run))
    return;
  {
    g_autoptr(DavResult) result = transfer (run, "COPY", source, existing, "T");

    if (result == NULL)
      return;
    if (judge_overwrite (run, result, FALSE))
      check_replaced_file (run, result, existing);
  }

  /* A folder, whole: members and dead properties. */
  {
    g_autoptr(DavResult) result = transfer (run, "COPY", folder, folder_copy, NULL);

    if (result == NULL)
      return;
    if (judge_new (run, result))
      check_tree_arrived (run, result, folder_copy, with_properties);
  }

  /* Onto a folder with Overwrite: T, as litmus's copy_overwrite does
   * (a file onto a folder), and a folder onto a folder. */
  {
    g_autoptr(DavResult) result = transfer (run, "COPY", source, onto_folder, "T");

    if (result == NULL)
      return;
    if (judge_overwrite (run, result, TRUE))
      check_replaced_folder (run, result, onto_folder, FALSE);
  }
  {
    g_autoptr(DavResult) result = transfer (run, "COPY", folder, folder_onto, "T");

    if (result == NULL)
      return;
    if (judge_overwrite (run, result, TRUE))
      check_replaced_folder (run, result, folder_onto, TRUE);
  }

  check_missing_parent (run, "COPY", source, "copy-missing-parent/");
}

/* After a MOVE that succeeded, the source must be gone. */
static void
check_source_gone (DavDoctorRun *run,
                   DavResult    *result,
                   const char   *source)
{
  guint status = probe (run, source, NULL);

  if (status == 207)
    dav_doctor_report (run, "move-source-kept", result, _("The source gone (404 Not Found)"),
                       /* Translators: %u %s are the server's status code and reason, “409 Conflict”. */
                       _("%u %s, but the source is still there"), result->status, dav_doctor_reason (result));
}

/* MOVE with Overwrite: T onto an existing file: 204, the file replaced,
 * the source gone. */
static void
move_over_file (DavDoctorRun *run,
                const char   *source,
                const char   *existing)
{
  g_autoptr(DavResult) result = transfer (run, "MOVE", source, existing, "T");

  if (result == NULL || !judge_overwrite (run, result, FALSE))
    return;

  check_replaced_file (run, result, existing);
  check_source_gone (run, result, source);
}

void
dav_doctor_check_move (DavDoctorRun *run)
{
  g_autofree char *source = dav_doctor_scratch_url (run, "move-source.txt");
  g_autofree char *fresh = dav_doctor_scratch_url (run, "move-new.txt");
  g_autofree char *second = dav_doctor_scratch_url (run, "move-second.txt");
  g_autofree char *existing = dav_doctor_scratch_url (run, "move-existing.txt");
  g_autofree char *folder = dav_doctor_scratch_url (run, "move-folder/");
  g_autofree char *moved = dav_doctor_scratch_url (run, "move-folder-moved/");
  g_autofree char *folder_b = dav_doctor_scratch_url (run, "move-folder-b/");
  g_autofree char *folder_onto = dav_doctor_scratch_url (run, "move-folder-onto-folder/");
  g_autofree char *folder_c = dav_doctor_scratch_url (run, "move-folder-c/");
  g_autofree char *file_target = dav_doctor_scratch_url (run, "move-folder-onto-file");
  g_autofree char *file_onto = dav_doctor_scratch_url (run, "move-folder-onto-file/");
  g_autofree char *orphan = dav_doctor_scratch_url (run, "move-orphan.txt");
  gboolean with_properties = FALSE;

  if (!prepare (run, source, SOURCE_TEXT) || !prepare (run, second, SOURCE_TEXT) ||
      !prepare (run, orphan, SOURCE_TEXT) ||
      !prepare (run, existing, EXISTING_TEXT) ||
      !prepare_tree (run, "move-folder/", &with_properties) ||
      !prepare_tree (run, "move-folder-b/", NULL) || !prepare_obstacle (run, folder_onto) ||
      !prepare_tree (run, "move-folder-c/", NULL) || !prepare (run, file_target, EXISTING_TEXT))
    return;
  dav_doctor_created (run, file_onto);

  /* To a new name: 201, the source gone. */
  {
    g_autoptr(DavResult) result = transfer (run, "MOVE", source, fresh, NULL);

    if (result == NULL)
      return;
    if (judge_new (run, result))
      check_source_gone (run, result, source);
  }

  /* Onto an existing file: refused with F, replaced with T (unless F
   * already moved it). */
  if (check_overwrite_f (run, "MOVE", second, existing) && !dav_doctor_cancelled (run))
    move_over_file (run, second, existing);

  /* A folder, whole: members and dead properties (RFC 4918 §9.9.1: a
   * MOVE must take the dead properties along). */
  {
    g_autoptr(DavResult) result = transfer (run, "MOVE", folder, moved, NULL);

    if (result == NULL)
      return;
    if (judge_new (run, result))
      {
        check_source_gone (run, result, folder);
        check_tree_arrived (run, result, moved, with_properties);
      }
  }

  /* Onto a folder, and onto a file (litmus move_coll), with Overwrite: T. */
  {
    g_autoptr(DavResult) result = transfer (run, "MOVE", folder_b, folder_onto, "T");

    if (result == NULL)
      return;
    if (judge_overwrite (run, result, TRUE))
      {
        check_source_gone (run, result, folder_b);
        check_replaced_folder (run, result, folder_onto, TRUE);
      }
  }
  {
    g_autoptr(DavResult) result = transfer (run, "MOVE", folder_c, file_target, "T");

    if (result == NULL)
      return;
    if (judge_overwrite (run, result, TRUE))
      {
        check_source_gone (run, result, folder_c);
        check_tree_arrived (run, result, file_onto, FALSE);
      }
  }

  check_missing_parent (run, "MOVE", orphan, "move-missing-parent/");
}

/* ---- DELETE ---------------------------------------------------------------- */

/* A DELETE that should succeed: 204 or 200; TRUE when it succeeded. */
static gboolean
judge_delete (DavDoctorRun *run,
              DavResult    *result)
{
  if (result->status == 204 || result->status == 200)
    return TRUE;

  if (result->status == 207)
    {
      dav_doctor_report_problems (run, result);
      if (result->body != NULL && !dav_multistatus_has_failures (result->body))
        {
          dav_doctor_report (run, "success-status-nonstandard", result, _("204 No Content"),
                             /* Translators: %u %s are the server's status code and reason, “409 Conflict”. */
                             _("%u %s holding only successes"), result->status, dav_doctor_reason (result));
          return TRUE;
        }
    }
  else if (is_success (result))
    {
      dav_doctor_report (run, "success-status-nonstandard", result, _("204 No Content"),
                         "%u %s", result->status, dav_doctor_reason (result));
      return TRUE;
    }

  dav_doctor_report (run, "delete-status", result, _("204 No Content"), "%u %s",
                     result->status, dav_doctor_reason (result));
  return FALSE;
}

void
dav_doctor_check_delete (DavDoctorRun *run)
{
  g_autofree char *file = dav_doctor_scratch_url (run, "delete-file.txt");
  g_autofree char *tree = dav_doctor_scratch_url (run, "delete-folder/");
  g_autofree char *nothing = dav_doctor_scratch_url (run, "delete-nothing-here.txt");

  if (!prepare (run, file, "A file to delete.\n") || !prepare_tree (run, "delete-folder/", NULL))
    return;

  {
    g_autoptr(DavResult) result = send_request (run, "delete-status", "DELETE", file, NULL, NULL, NULL);

    if (result == NULL)
      return;
    if (judge_delete (run, result) && probe (run, file, NULL) == 207)
      dav_doctor_report (run, "delete-status", result, _("The file gone (404 Not Found)"),
                         /* Translators: %u %s are the server's status code and reason, “409 Conflict”. */
                         _("%u %s, but the file is still there"), result->status, dav_doctor_reason (result));
  }

  /* A folder goes with everything in it (RFC 4918 §9.6.1). */
  {
    g_autoptr(DavResult) result = send_request (run, "delete-status", "DELETE", tree, NULL, NULL, NULL);
    g_autoptr(GString) left = g_string_new (NULL);

    if (result == NULL)
      return;
    if (judge_delete (run, result))
      {
        if (probe (run, tree, NULL) == 207)
          g_string_append (left, "delete-folder/");
        for (guint i = 0; tree_members[i] != NULL; i++)
          {
            g_autofree char *url = g_strconcat (tree, tree_members[i], NULL);

            if (probe (run, url, NULL) == 207)
              g_string_append_printf (left, "%sdelete-folder/%s", left->len > 0 ? ", " : "", tree_members[i]);
          }
        if (left->len > 0)
          dav_doctor_report (run, "delete-tree-incomplete", result,
                             _("The folder and all its members gone"),
                             /* Translators: %u %s are the server's status code and reason, “409 Conflict”. */
                             _("%u %s, but still there: %s"), result->status, dav_doctor_reason (result), left->str);
      }
  }

  {
    g_autoptr(DavResult) result = send_request (run, "delete-missing-not-404", "DELETE", nothing,
                                                NULL, NULL, NULL);

    if (result != NULL && result->status != 404)
      dav_doctor_report (run, "delete-missing-not-404", result, _("404 Not Found"), "%u %s",
                         result->status, dav_doctor_reason (result));
  }
}
