/* test-exchange-log.c: the exchange log, redaction and "copy as curl"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "dav-exchange-log.h"

#include <string.h>

#define SECRET "hunter2-s3cr3t"
/* base64 ("bob:hunter2-s3cr3t") */
#define SECRET_BASIC "Ym9iOmh1bnRlcjItczNjcjN0"

typedef struct {
  guint position;
  guint removed;
  guint added;
  guint n_items; /* what the model said during the signal */
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added, g_list_model_get_n_items (model) };

  g_array_append_val (changes, change);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
assert_change (GArray *changes,
               guint   index,
               guint   position,
               guint   removed,
               guint   added,
               guint   n_items)
{
  const Change *change;

  g_assert_cmpuint (index, <, changes->len);
  change = &g_array_index (changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
  g_assert_cmpuint (change->n_items, ==, n_items);
}

static guint64
id_at (DavExchangeLog *log,
       guint           position)
{
  g_autoptr(DavExchange) exchange = g_list_model_get_item (G_LIST_MODEL (log), position);

  g_assert_nonnull (exchange);
  return dav_exchange_get_id (exchange);
}

/* The ids in the log, oldest first, are @first .. @last. */
static void
assert_ids (DavExchangeLog *log,
            guint64         first,
            guint64         last)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, last - first + 1);
  for (guint64 id = first; id <= last; id++)
    {
      g_autoptr(DavExchange) found = dav_exchange_log_lookup (log, id);

      g_assert_cmpuint (id_at (log, (guint) (id - first)), ==, id);
      g_assert_nonnull (found);
      g_assert_cmpuint (dav_exchange_get_id (found), ==, id);
    }
}

static void
assert_no_secret (const char *text)
{
  if (text == NULL)
    return;

  g_assert_null (strstr (text, SECRET));
  g_assert_null (strstr (text, SECRET_BASIC));
}

static void
assert_headers_have_no_secret (GPtrArray *headers)
{
  for (guint i = 0; i < headers->len; i++)
    {
      const DavHeader *header = g_ptr_array_index (headers, i);

      assert_no_secret (header->name);
      assert_no_secret (header->value);
    }
}

static const char *
header_value (GPtrArray  *headers,
              const char *name)
{
  for (guint i = 0; i < headers->len; i++)
    {
      const DavHeader *header = g_ptr_array_index (headers, i);

      if (g_ascii_strcasecmp (header->name, name) == 0)
        return header->value;
    }

  return NULL;
}

/* Runs @command through the shell's word splitting and returns argv. */
static char **
parse_command (const char *command)
{
  g_autoptr(GError) error = NULL;
  char **argv = NULL;
  g_autofree char *stripped = g_strdup (command);
  char *comment = strstr (stripped, " # ");

  /* g_shell_parse_argv () knows comments, but keep the check explicit. */
  if (comment != NULL)
    *comment = '\0';

  g_assert_true (g_shell_parse_argv (stripped, NULL, &argv, &error));
  g_assert_no_error (error);

  return argv;
}

/* The argument after @option in @argv, or NULL. */
static const char *
option_value (char       **argv,
              const char  *option)
{
  for (guint i = 0; argv[i] != NULL; i++)
    if (g_str_equal (argv[i], option))
      return argv[i + 1];

  return NULL;
}

static void
test_begin (void)
{
  g_autoptr(DavExchangeLog) log = dav_exchange_log_new (5, 0);
  g_autoptr(DavExchange) first = NULL;
  g_autoptr(DavExchange) second = NULL;
  g_autoptr(DavExchange) item = NULL;
  g_autofree char *method = NULL;
  g_autofree char *url = NULL;
  guint64 id = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (log)) == DAV_TYPE_EXCHANGE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 0);

  first = dav_exchange_log_begin (log, "OPTIONS", "http://example.com/dav/");
  second = dav_exchange_log_begin (log, "PROPFIND", "http://example.com/dav/a/");

  g_assert_cmpuint (dav_exchange_get_id (first), ==, 1);
  g_assert_cmpuint (dav_exchange_get_id (second), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 2);

  item = g_list_model_get_item (G_LIST_MODEL (log), 1);
  g_assert_true (item == second);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (log), 2));

  g_assert_cmpstr (dav_exchange_get_method (second), ==, "PROPFIND");
  g_assert_cmpstr (dav_exchange_get_url (second), ==, "http://example.com/dav/a/");
  g_object_get (second, "id", &id, "method", &method, "url", &url, NULL);
  g_assert_cmpuint (id, ==, 2);
  g_assert_cmpstr (method, ==, "PROPFIND");
  g_assert_cmpstr (url, ==, "http://example.com/dav/a/");

  /* Nothing is known before the response. */
  g_assert_cmpuint (dav_exchange_get_status (first), ==, 0);
  g_assert_null (dav_exchange_get_reason (first));
  g_assert_cmpint (dav_exchange_get_headers_us (first), ==, -1);
  g_assert_cmpint (dav_exchange_get_duration_us (first), ==, -1);
  g_assert_false (dav_exchange_get_finished (first));
  g_assert_null (dav_exchange_get_error (first));
  g_assert_cmpint (dav_exchange_get_started (first), >, 0);
  g_assert_cmpuint (dav_exchange_get_request_headers (first)->len, ==, 0);
  g_assert_cmpuint (dav_exchange_get_response_headers (first)->len, ==, 0);
  g_assert_null (dav_exchange_get_request_body (first));
  g_assert_null (dav_exchange_get_response_body (first));

  g_clear_object (&item);
  g_assert_finalize_object (g_steal_pointer (&log));
  g_assert_finalize_object (g_steal_pointer (&first));
  g_assert_finalize_object (g_steal_pointer (&second));
}

static void
test_items_changed (void)
{
  g_autoptr(DavExchangeLog) log = dav_exchange_log_new (2, 0);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  guint n_items_notifies = 0;

  g_signal_connect (log, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect (log, "notify::n-items", G_CALLBACK (count_cb), &n_items_notifies);

  for (guint i = 0; i < 3; i++)
    g_object_unref (dav_exchange_log_begin (log, "GET", "http://example.com/"));

  /* Appends at the end; at capacity the oldest goes first, and each
   * signal sees the model as it says. */
  g_assert_cmpuint (changes->len, ==, 4);
  assert_change (changes, 0, 0, 0, 1, 1);
  assert_change (changes, 1, 1, 0, 1, 2);
  assert_change (changes, 2, 0, 1, 0, 1);
  assert_change (changes, 3, 1, 0, 1, 2);
  g_assert_cmpuint (n_items_notifies, ==, 2);
  assert_ids (log, 2, 3);

  dav_exchange_log_set_capacity (log, 1);
  g_assert_cmpuint (changes->len, ==, 5);
  assert_change (changes, 4, 0, 1, 0, 1);
  g_assert_cmpuint (n_items_notifies, ==, 3);
  assert_ids (log, 3, 3);

  /* Growing drops nothing. */
  dav_exchange_log_set_capacity (log, 10);
  g_assert_cmpuint (changes->len, ==, 5);

  g_object_unref (dav_exchange_log_begin (log, "GET", "http://example.com/"));
  assert_change (changes, 5, 1, 0, 1, 2);

  dav_exchange_log_clear (log);
  g_assert_cmpuint (changes->len, ==, 7);
  assert_change (changes, 6, 0, 2, 0, 0);
  g_assert_cmpuint (n_items_notifies, ==, 5);

  /* Clearing an empty log says nothing. */
  dav_exchange_log_clear (log);
  g_assert_cmpuint (changes->len, ==, 7);
  g_assert_cmpuint (n_items_notifies, ==, 5);

  g_assert_finalize_object (g_steal_pointer (&log));
}

static void
test_ring (void)
{
  g_autoptr(DavExchangeLog) log = dav_exchange_log_new (3, 0);
  g_autoptr(DavExchange) oldest = NULL;

  oldest = dav_exchange_log_begin (log, "GET", "http://example.com/1");
  for (guint i = 2; i <= 5; i++)
    g_object_unref (dav_exchange_log_begin (log, "GET", "http://example.com/"));

  assert_ids (log, 3, 5);
  g_assert_null (dav_exchange_log_lookup (log, 0));
  g_assert_null (dav_exchange_log_lookup (log, 1));
  g_assert_null (dav_exchange_log_lookup (log, 2));
  g_assert_null (dav_exchange_log_lookup (log, 6));
  g_assert_null (dav_exchange_log_lookup (log, G_MAXUINT64));

  /* A dropped exchange the client still holds stays whole. */
  g_assert_cmpuint (dav_exchange_get_id (oldest), ==, 1);
  g_assert_cmpstr (dav_exchange_get_url (oldest), ==, "http://example.com/1");

  g_assert_finalize_object (g_steal_pointer (&log));
  g_assert_finalize_object (g_steal_pointer (&oldest));
}

/* Growth, wrap-around and resizing keep the order. */
static void
test_ring_wrap (void)
{
  g_autoptr(DavExchangeLog) log = dav_exchange_log_new (40, 0);

  for (guint i = 0; i < 100; i++)
    g_object_unref (dav_exchange_log_begin (log, "GET", "http://example.com/"));
  assert_ids (log, 61, 100);

  dav_exchange_log_set_capacity (log, 10);
  assert_ids (log, 91, 100);

  dav_exchange_log_set_capacity (log, 50);
  for (guint i = 0; i < 45; i++)
    g_object_unref (dav_exchange_log_begin (log, "GET", "http://example.com/"));
  assert_ids (log, 96, 145);

  g_assert_finalize_object (g_steal_pointer (&log));
}

static void
test_clear (void)
{
  g_autoptr(DavExchangeLog) log = dav_exchange_log_new (0, 0);
  g_autoptr(DavExchange) after = NULL;

  g_object_unref (dav_exchange_log_begin (log, "GET", "http://example.com/"));
  g_object_unref (dav_exchange_log_begin (log, "GET", "http://example.com/"));
  dav_exchange_log_clear (log);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 0);
  g_assert_null (dav_exchange_log_lookup (log, 1));

  /* Ids are never reused. */
  after = dav_exchange_log_begin (log, "GET", "http://example.com/");
  g_assert_cmpuint (dav_exchange_get_id (after), ==, 3);
  assert_ids (log, 3, 3);

  g_assert_finalize_object (g_steal_pointer (&log));
  g_assert_finalize_object (g_steal_pointer (&after));
}

static void
test_properties (void)
{
  g_autoptr(DavExchangeLog) log = dav_exchange_log_new (0, 0);
  g_autoptr(DavExchange) exchange = NULL;
  guint capacity_notifies = 0;
  guint body_cap_notifies = 0;
  guint capacity = 0;
  guint64 body_cap = 0;
  g_autofree char *big = g_malloc0 (100);

  g_assert_cmpuint (dav_exchange_log_get_capacity (log), ==, 200);
  g_assert_cmpuint (dav_exchange_log_get_body_cap (log), ==, 256 * 1024);

  g_signal_connect (log, "notify::capacity", G_CALLBACK (count_cb), &capacity_notifies);
  g_signal_connect (log, "notify::body-cap", G_CALLBACK (count_cb), &body_cap_notifies);

  for (guint i = 0; i < 5; i++)
    g_object_unref (dav_exchange_log_begin (log, "GET", "http://example.com/"));

  g_object_set (log, "capacity", 2, "body-cap", (guint64) 10, NULL);
  g_object_set (log, "capacity", 2, "body-cap", (guint64) 10, NULL);
  g_assert_cmpuint (capacity_notifies, ==, 1);
  g_assert_cmpuint (body_cap_notifies, ==, 1);
  g_object_get (log, "capacity", &capacity, "body-cap", &body_cap, NULL);
  g_assert_cmpuint (capacity, ==, 2);
  g_assert_cmpuint (body_cap, ==, 10);
  assert_ids (log, 4, 5);

  /* The cap applies to exchanges begun afterwards. */
  exchange = dav_exchange_log_begin (log, "PUT", "http://example.com/f");
  dav_exchange_set_request_body (exchange, big, 100);
  g_assert_cmpuint (g_bytes_get_size (dav_exchange_get_request_body (exchange)), ==, 10);

  g_assert_finalize_object (g_steal_pointer (&log));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_headers (void)
{
  g_autoptr(DavExchangeLog) log = dav_exchange_log_new (0, 0);
  g_autoptr(DavExchange) exchange = NULL;
  SoupMessageHeaders *request = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  SoupMessageHeaders *response = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  GPtrArray *headers;
  g_autofree char *curl = NULL;
  guint i = 0;
  guint request_headers_notifies = 0;

  soup_message_headers_append (request, "Host", "example.com");
  soup_message_headers_append (request, "X-First", "1");
  soup_message_headers_append (request, "authorization", "Basic " SECRET_BASIC);
  soup_message_headers_append (request, "Depth", "1");
  soup_message_headers_append (request, "X-Second", "2");
  soup_message_headers_append (request, "COOKIE", "session=" SECRET);
  soup_message_headers_append (request, "Proxy-Authorization", "Bearer " SECRET);
  soup_message_headers_append (request, "X-Third", "3");
  soup_message_headers_append (request, "Destination", "http://bob:" SECRET "@example.com/b");

  soup_message_headers_append (response, "Content-Type", "application/xml");
  soup_message_headers_append (response, "Set-Cookie", "id=" SECRET "; HttpOnly");
  soup_message_headers_append (response, "set-cookie", "other=" SECRET);
  soup_message_headers_append (response, "X-Response", "yes");

  exchange = dav_exchange_log_begin (log, "COPY", "http://bob:" SECRET "@example.com/a");
  g_signal_connect (exchange, "notify::request-headers", G_CALLBACK (count_cb),
                    &request_headers_notifies);
  dav_exchange_set_request_headers (exchange, request);
  dav_exchange_set_response (exchange, 201, "Created", response);
  g_assert_cmpuint (request_headers_notifies, ==, 1);

  /* In the order libsoup writes them, which keeps the order of the
   * headers it has no slot for. */
  headers = dav_exchange_get_request_headers (exchange);
  g_assert_cmpuint (headers->len, ==, 9);
  soup_message_headers_iter_init (&iter, request);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      const DavHeader *header = g_ptr_array_index (headers, i++);

      g_assert_cmpstr (header->name, ==, name);
    }
  for (guint j = 0, k = 0; j < headers->len; j++)
    {
      const DavHeader *header = g_ptr_array_index (headers, j);

      if (g_str_has_prefix (header->name, "X-"))
        g_assert_cmpint (header->name[2], ==, "FST"[k++]);
    }

  g_assert_cmpstr (header_value (headers, "Depth"), ==, "1");
  g_assert_cmpstr (header_value (headers, "authorization"), ==, "[redacted]");
  g_assert_cmpstr (header_value (headers, "Cookie"), ==, "[redacted]");
  g_assert_cmpstr (header_value (headers, "Proxy-Authorization"), ==, "[redacted]");
  g_assert_cmpstr (header_value (headers, "Destination"), ==, "http://example.com/b");
  assert_headers_have_no_secret (headers);

  headers = dav_exchange_get_response_headers (exchange);
  g_assert_cmpuint (headers->len, ==, 4);
  for (i = 0; i < headers->len; i++)
    {
      const DavHeader *header = g_ptr_array_index (headers, i);

      if (g_ascii_strcasecmp (header->name, "Set-Cookie") == 0)
        g_assert_cmpstr (header->value, ==, "[redacted]");
    }
  g_assert_cmpstr (header_value (headers, "X-Response"), ==, "yes");
  assert_headers_have_no_secret (headers);

  /* Nowhere else either. */
  assert_no_secret (dav_exchange_get_url (exchange));
  curl = dav_exchange_to_curl (exchange);
  assert_no_secret (curl);
  g_assert_null (strstr (curl, "session="));
  g_assert_null (strstr (curl, "Proxy-Authorization"));

  soup_message_headers_unref (request);
  soup_message_headers_unref (response);
  g_assert_finalize_object (g_steal_pointer (&log));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_response_body_cap (void)
{
  g_autoptr(DavExchangeLog) log = dav_exchange_log_new (0, 1024);
  g_autoptr(DavExchange) exchange = dav_exchange_log_begin (log, "GET", "http://example.com/big");
  g_autofree char *data = g_malloc (1024 * 1024);
  GBytes *body;
  guint truncated_notifies = 0;
  guint size_notifies = 0;

  for (gsize i = 0; i < 1024 * 1024; i++)
    data[i] = (char) ('a' + i % 26);

  g_signal_connect (exchange, "notify::response-body-truncated", G_CALLBACK (count_cb),
                    &truncated_notifies);
  g_signal_connect (exchange, "notify::response-body-size", G_CALLBACK (count_cb),
                    &size_notifies);

  /* Pieces that do not divide the cap. */
  for (gsize offset = 0; offset < 1024 * 1024; offset += 1000)
    dav_exchange_append_response_body (exchange, data + offset, MIN (1000, 1024 * 1024 - offset));

  body = dav_exchange_get_response_body (exchange);
  g_assert_nonnull (body);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), data, 1024);
  g_assert_cmpuint (dav_exchange_get_response_body_size (exchange), ==, 1024 * 1024);
  g_assert_true (dav_exchange_get_response_body_truncated (exchange));
  g_assert_cmpuint (truncated_notifies, ==, 1);
  g_assert_cmpuint (size_notifies, ==, (1024 * 1024 + 999) / 1000);

  g_assert_finalize_object (g_steal_pointer (&log));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_request_body_cap (void)
{
  g_autoptr(DavExchangeLog) log = dav_exchange_log_new (0, 1024);
  g_autoptr(DavExchange) exchange = dav_exchange_log_begin (log, "PUT", "http://example.com/f");
  g_autofree char *data = g_malloc0 (2048);
  g_autoptr(GBytes) kept = NULL;

  dav_exchange_set_request_body (exchange, "small", 5);
  kept = g_bytes_ref (dav_exchange_get_request_body (exchange));
  g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept), "small", 5);
  g_assert_cmpuint (dav_exchange_get_request_body_size (exchange), ==, 5);
  g_assert_false (dav_exchange_get_request_body_truncated (exchange));

  dav_exchange_set_request_body (exchange, data, 2048);
  g_assert_cmpuint (g_bytes_get_size (dav_exchange_get_request_body (exchange)), ==, 1024);
  g_assert_cmpuint (dav_exchange_get_request_body_size (exchange), ==, 2048);
  g_assert_true (dav_exchange_get_request_body_truncated (exchange));

  /* A reference taken before stays what it was. */
  g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept), "small", 5);

  g_assert_finalize_object (g_steal_pointer (&log));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static const char propfind_body[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:displayname/>"
  "<D:getcontentlength/></D:prop></D:propfind>\n";

static void
test_curl_propfind (void)
{
  g_autoptr(DavExchangeLog) log = dav_exchange_log_new (0, 0);
  g_autoptr(DavExchange) exchange = NULL;
  SoupMessageHeaders *request = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autofree char *curl = NULL;
  g_auto(GStrv) argv = NULL;
  guint n_args;

  soup_message_headers_append (request, "Host", "example.com");
  soup_message_headers_append (request, "Depth", "1");
  soup_message_headers_append (request, "Content-Type", "application/xml; charset=utf-8");
  soup_message_headers_append (request, "Content-Length", "150");
  soup_message_headers_append (request, "Accept-Encoding", "gzip, deflate");
  soup_message_headers_append (request, "Connection", "Keep-Alive");
  soup_message_headers_append (request, "User-Agent", "Davscope/0.1");
  soup_message_headers_append (request, "X-Quote", "it's");

  exchange = dav_exchange_log_begin (log, "PROPFIND", "http://example.com/dav/a b/");
  dav_exchange_set_request_headers (exchange, request);
  dav_exchange_set_request_body (exchange, propfind_body, strlen (propfind_body));
  curl = dav_exchange_to_curl (exchange);

  g_test_message ("%s", curl);
  g_assert_true (g_str_has_prefix (curl, "curl -X PROPFIND "));
  g_assert_nonnull (strstr (curl, " --http1.1"));
  g_assert_nonnull (strstr (curl, "-H 'Depth: 1'"));
  g_assert_nonnull (strstr (curl, "--data-binary '<?xml version="));
  g_assert_null (strstr (curl, "Host"));
  g_assert_null (strstr (curl, "Content-Length"));
  g_assert_null (strstr (curl, "Accept-Encoding"));
  g_assert_null (strstr (curl, "Connection"));
  g_assert_null (strstr (curl, "#"));
  g_assert_null (strstr (curl, "-u "));

  /* The shell gives curl exactly what was sent, the URL last. */
  argv = parse_command (curl);
  n_args = g_strv_length (argv);
  g_assert_cmpstr (argv[0], ==, "curl");
  g_assert_cmpstr (option_value (argv, "-X"), ==, "PROPFIND");
  g_assert_cmpstr (option_value (argv, "--data-binary"), ==, propfind_body);
  g_assert_true (g_strv_contains ((const char * const *) argv, "Content-Type: application/xml; charset=utf-8"));
  g_assert_true (g_strv_contains ((const char * const *) argv, "X-Quote: it's"));
  g_assert_true (g_strv_contains ((const char * const *) argv, "User-Agent: Davscope/0.1"));
  g_assert_cmpstr (argv[n_args - 1], ==, "http://example.com/dav/a%20b/");

  soup_message_headers_unref (request);
  g_assert_finalize_object (g_steal_pointer (&log));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_curl_authorization (void)
{
  g_autoptr(DavExchangeLog) log = dav_exchange_log_new (0, 0);
  g_autoptr(DavExchange) exchange = NULL;
  SoupMessageHeaders *request = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autofree char *curl = NULL;
  g_auto(GStrv) argv = NULL;

  soup_message_headers_append (request, "Authorization", "Basic " SECRET_BASIC);
  soup_message_headers_append (request, "Cookie", "session=" SECRET);
  soup_message_headers_append (request, "Depth", "0");

  exchange = dav_exchange_log_begin (log, "PROPFIND", "https://bob:" SECRET "@example.com/dav/");
  dav_exchange_set_request_headers (exchange, request);
  curl = dav_exchange_to_curl (exchange);

  g_test_message ("%s", curl);
  g_assert_nonnull (strstr (curl, " -u \"$USER\" "));
  assert_no_secret (curl);
  g_assert_null (strstr (curl, "bob"));
  g_assert_null (strstr (curl, "Basic"));
  g_assert_null (strstr (curl, "Authorization"));
  g_assert_null (strstr (curl, "Cookie"));
  g_assert_null (strstr (curl, "redacted"));
  g_assert_null (strstr (curl, "--data"));

  argv = parse_command (curl);
  g_assert_cmpstr (argv[g_strv_length (argv) - 1], ==, "https://example.com/dav/");

  soup_message_headers_unref (request);
  g_assert_finalize_object (g_steal_pointer (&log));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_curl_body_not_kept (void)
{
  g_autoptr(DavExchangeLog) log = dav_exchange_log_new (0, 16);
  g_autoptr(DavExchange) cut = dav_exchange_log_begin (log, "PUT", "http://example.com/big.txt");
  g_autoptr(DavExchange) binary = dav_exchange_log_begin (log, "PUT", "http://example.com/b");
  g_autoptr(DavExchange) at = dav_exchange_log_begin (log, "PUT", "http://example.com/at");
  g_autoptr(DavExchange) empty = dav_exchange_log_begin (log, "PUT", "http://example.com/e");
  g_autofree char *cut_curl = NULL;
  g_autofree char *binary_curl = NULL;
  g_autofree char *at_curl = NULL;
  g_autofree char *empty_curl = NULL;
  g_auto(GStrv) at_argv = NULL;
  g_auto(GStrv) empty_argv = NULL;

  dav_exchange_set_request_body (cut, "0123456789abcdefghij", 20);
  cut_curl = dav_exchange_to_curl (cut);
  g_test_message ("%s", cut_curl);
  g_assert_nonnull (strstr (cut_curl, " --data-binary @FILE http://example.com/big.txt # body not kept"));
  g_assert_null (strstr (cut_curl, "0123"));
  /* Without a Content-Type, curl would send a form type. */
  g_assert_nonnull (strstr (cut_curl, "-H 'Content-Type:'"));

  /* Kept whole, but an escape sequence is not pasted into a terminal. */
  dav_exchange_set_request_body (binary, "a\033[2Jb", 6);
  binary_curl = dav_exchange_to_curl (binary);
  g_assert_nonnull (strstr (binary_curl, "--data-binary @FILE"));
  g_assert_nonnull (strstr (binary_curl, "# body not kept"));
  g_assert_null (strstr (binary_curl, "\033"));

  /* "--data-binary @x" would read a file named x. */
  dav_exchange_set_request_body (at, "@/etc/passwd", 12);
  at_curl = dav_exchange_to_curl (at);
  at_argv = parse_command (at_curl);
  g_assert_null (option_value (at_argv, "--data-binary"));
  g_assert_cmpstr (option_value (at_argv, "--data-raw"), ==, "@/etc/passwd");

  dav_exchange_set_request_body (empty, NULL, 0);
  empty_curl = dav_exchange_to_curl (empty);
  empty_argv = parse_command (empty_curl);
  g_assert_cmpstr (option_value (empty_argv, "--data-binary"), ==, "");

  g_assert_finalize_object (g_steal_pointer (&log));
  g_assert_finalize_object (g_steal_pointer (&cut));
  g_assert_finalize_object (g_steal_pointer (&binary));
  g_assert_finalize_object (g_steal_pointer (&at));
  g_assert_finalize_object (g_steal_pointer (&empty));
}

static void
test_curl_head (void)
{
  g_autoptr(DavExchange) exchange = dav_exchange_new (1, "HEAD", "http://example.com/f", 1024);
  g_autofree char *curl = dav_exchange_to_curl (exchange);

  g_assert_cmpstr (curl, ==, "curl --head --http1.1 http://example.com/f");

  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_url_userinfo (void)
{
  static const struct {
    const char *url;
    const char *expected;
  } cases[] = {
    { "http://bob:pw@host/x", "http://host/x" },
    { "https://bob@host:8443/a@b?c@d#e@f", "https://host:8443/a@b?c@d#e@f" },
    { "http://a@b:c@host/", "http://host/" },
    { "http://bob:pw@host", "http://host" },
    { "//bob:pw@host/x", "//host/x" },
    { "http://host/files/bob@example.com/", "http://host/files/bob@example.com/" },
    { "http://host?q=a@b", "http://host?q=a@b" },
    { "mailto:bob@example.com", "mailto:bob@example.com" },
    { "/relative/a@b", "/relative/a@b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DavExchange) exchange = dav_exchange_new (i + 1, "GET", cases[i].url, 0);
      g_autofree char *url = NULL;
      g_autofree char *curl = dav_exchange_to_curl (exchange);
      g_auto(GStrv) args = parse_command (curl);

      g_object_get (exchange, "url", &url, NULL);
      g_assert_cmpstr (dav_exchange_get_url (exchange), ==, cases[i].expected);
      g_assert_cmpstr (url, ==, cases[i].expected);
      g_assert_cmpstr (args[g_strv_length (args) - 1], ==, cases[i].expected);
      g_assert_null (strstr (curl, "pw@"));

      g_assert_finalize_object (g_steal_pointer (&exchange));
    }
}

static void
test_finish (void)
{
  g_autoptr(DavExchangeLog) log = dav_exchange_log_new (0, 0);
  g_autoptr(DavExchange) exchange = dav_exchange_log_begin (log, "PROPFIND", "http://example.com/");
  SoupMessageHeaders *response = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  guint status_notifies = 0;
  guint reason_notifies = 0;
  guint finished_notifies = 0;
  guint duration_notifies = 0;
  guint status = 0;
  gboolean finished = FALSE;

  g_signal_connect (exchange, "notify::status", G_CALLBACK (count_cb), &status_notifies);
  g_signal_connect (exchange, "notify::reason", G_CALLBACK (count_cb), &reason_notifies);
  g_signal_connect (exchange, "notify::finished", G_CALLBACK (count_cb), &finished_notifies);
  g_signal_connect (exchange, "notify::duration-us", G_CALLBACK (count_cb), &duration_notifies);

  soup_message_headers_append (response, "Content-Type", "application/xml");
  dav_exchange_set_response (exchange, 207, "Multi-Status", response);
  dav_exchange_set_response (exchange, 207, "Multi-Status", response);
  g_assert_cmpuint (status_notifies, ==, 1);
  g_assert_cmpuint (reason_notifies, ==, 1);
  g_assert_cmpuint (dav_exchange_get_status (exchange), ==, 207);
  g_assert_cmpstr (dav_exchange_get_reason (exchange), ==, "Multi-Status");
  g_assert_cmpint (dav_exchange_get_headers_us (exchange), >=, 0);
  g_assert_cmpint (dav_exchange_get_duration_us (exchange), ==, -1);
  g_assert_false (dav_exchange_get_finished (exchange));

  g_usleep (1000);
  dav_exchange_finish (exchange, NULL);
  g_assert_true (dav_exchange_get_finished (exchange));
  g_assert_cmpint (dav_exchange_get_duration_us (exchange), >=, 1000);
  g_assert_cmpint (dav_exchange_get_duration_us (exchange), >=,
                   dav_exchange_get_headers_us (exchange));
  g_assert_null (dav_exchange_get_error (exchange));
  g_assert_cmpuint (finished_notifies, ==, 1);
  g_assert_cmpuint (duration_notifies, ==, 1);

  g_object_get (exchange, "status", &status, "finished", &finished, NULL);
  g_assert_cmpuint (status, ==, 207);
  g_assert_true (finished);

  soup_message_headers_unref (response);
  g_assert_finalize_object (g_steal_pointer (&log));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

static void
test_finish_error (void)
{
  g_autoptr(DavExchangeLog) log = dav_exchange_log_new (0, 0);
  g_autoptr(DavExchange) exchange = dav_exchange_log_begin (log, "GET", "http://example.com/");
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                                 "Could not connect: Connection refused");
  g_autofree char *message = NULL;
  guint error_notifies = 0;

  g_signal_connect (exchange, "notify::error", G_CALLBACK (count_cb), &error_notifies);

  dav_exchange_finish (exchange, error);
  g_assert_true (dav_exchange_get_finished (exchange));
  g_assert_cmpint (dav_exchange_get_duration_us (exchange), >=, 0);
  g_assert_cmpint (dav_exchange_get_headers_us (exchange), ==, -1);
  g_assert_cmpuint (dav_exchange_get_status (exchange), ==, 0);
  g_assert_cmpstr (dav_exchange_get_error (exchange), ==, "Could not connect: Connection refused");
  g_assert_cmpuint (error_notifies, ==, 1);
  g_object_get (exchange, "error", &message, NULL);
  g_assert_cmpstr (message, ==, "Could not connect: Connection refused");

  g_assert_finalize_object (g_steal_pointer (&log));
  g_assert_finalize_object (g_steal_pointer (&exchange));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/exchange-log/begin", test_begin);
  g_test_add_func ("/exchange-log/items-changed", test_items_changed);
  g_test_add_func ("/exchange-log/ring", test_ring);
  g_test_add_func ("/exchange-log/ring-wrap", test_ring_wrap);
  g_test_add_func ("/exchange-log/clear", test_clear);
  g_test_add_func ("/exchange-log/properties", test_properties);
  g_test_add_func ("/exchange-log/headers", test_headers);
  g_test_add_func ("/exchange-log/response-body-cap", test_response_body_cap);
  g_test_add_func ("/exchange-log/request-body-cap", test_request_body_cap);
  g_test_add_func ("/exchange-log/curl/propfind", test_curl_propfind);
  g_test_add_func ("/exchange-log/curl/authorization", test_curl_authorization);
  g_test_add_func ("/exchange-log/curl/body-not-kept", test_curl_body_not_kept);
  g_test_add_func ("/exchange-log/curl/head", test_curl_head);
  g_test_add_func ("/exchange-log/url-userinfo", test_url_userinfo);
  g_test_add_func ("/exchange-log/finish", test_finish);
  g_test_add_func ("/exchange-log/finish-error", test_finish_error);

  return g_test_run ();
}
