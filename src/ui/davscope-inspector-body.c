/* davscope-inspector-body.c: how the inspector shows what went over the wire
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text side of the inspector, shared by its files: escaping, the
 * statuses, paths and sizes as a row or a summary says them, the headers
 * and the bodies in their GtkSourceView views, the summary line of a
 * parsed answer, and the factory its two lists make their rows with. Everything here comes from the server or went to it, so
 * every string is escaped with dav_text_escape before it is shown
 * (newlines and tabs of a body are kept as they are). XML is re-indented
 * with libxml2 without network access, entity substitution or any DTD: a
 * body with a DOCTYPE is shown as received.
 */

#include "davscope-inspector-private.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "dav-status.h"
#include "dav-text.h"
#include "davscope-ui-util.h"

#define HEX_PREVIEW_BYTES (16 * 1024)

void
davscope_inspector_body_state_clear (DavscopeInspectorBodyState *state)
{
  g_clear_pointer (&state->bytes, g_bytes_unref);
  g_clear_pointer (&state->content_note, g_free);
  state->valid = FALSE;
  state->size = 0;
  state->final = FALSE;
  state->hex = FALSE;
}

/* Records the new state and says what changed since the last one. */
DavscopeInspectorBodyChange
davscope_inspector_body_state_update (DavscopeInspectorBodyState *state,
                                      GBytes                     *bytes,
                                      gsize                       size,
                                      gboolean                    final)
{
  DavscopeInspectorBodyChange change = DAVSCOPE_INSPECTOR_BODY_CHANGED;

  if (state->valid && state->bytes == bytes && state->final == final)
    change = state->size == size ? DAVSCOPE_INSPECTOR_BODY_SAME : DAVSCOPE_INSPECTOR_BODY_SIZE;

  if (bytes != NULL)
    g_bytes_ref (bytes);
  g_clear_pointer (&state->bytes, g_bytes_unref);
  state->bytes = bytes;
  state->size = size;
  state->final = final;
  state->valid = TRUE;

  return change;
}

/* ---- text --------------------------------------------------------------- */

static void
append_escaped (GString    *out,
                const char *text,
                gsize       length)
{
  g_autofree char *escaped = NULL;

  if (length == 0)
    return;

  escaped = dav_text_escape (text, (gssize) length);
  g_string_append (out, escaped);
}

/* dav_text_escape for a block of text: line breaks (LF or CRLF) and tabs
 * stay, everything else that could mislead is escaped. */
char *
davscope_inspector_escape_block (const char *text,
                                 gsize       length)
{
  GString *out = g_string_sized_new (length + 16);
  gsize start = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] != '\n' && text[i] != '\t')
        continue;

      if (text[i] == '\n' && i > start && text[i - 1] == '\r')
        append_escaped (out, text + start, i - 1 - start);
      else
        append_escaped (out, text + start, i - start);
      g_string_append_c (out, text[i]);
      start = i + 1;
    }
  append_escaped (out, text + start, length - start);

  return g_string_free (out, FALSE);
}

char *
davscope_inspector_escape (const char *text)
{
  return dav_text_escape (text != NULL ? text : "", -1);
}

/* At most @max characters of escaped text, with an ellipsis when cut. */
char *
davscope_inspector_escape_preview (const char *text,
                                   glong       max)
{
  g_autofree char *escaped = davscope_inspector_escape (text);

  if (g_utf8_strlen (escaped, -1) <= max)
    return g_steal_pointer (&escaped);

  {
    g_autofree char *cut = g_utf8_substring (escaped, 0, max);

    return g_strconcat (cut, "…", NULL);
  }
}

char *
davscope_inspector_format_count (gsize n)
{
  return g_strdup_printf ("%" G_GSIZE_FORMAT, n);
}

static char *
hex_dump (const guint8 *data,
          gsize         length)
{
  GString *out = g_string_sized_new (length * 4 + 80);

  for (gsize offset = 0; offset < length; offset += 16)
    {
      gsize n = MIN (16, length - offset);

      g_string_append_printf (out, "%08" G_GSIZE_MODIFIER "x  ", offset);
      for (gsize i = 0; i < 16; i++)
        {
          if (i < n)
            g_string_append_printf (out, "%02x ", data[offset + i]);
          else
            g_string_append (out, "   ");
          if (i == 7)
            g_string_append_c (out, ' ');
        }
      g_string_append (out, " |");
      for (gsize i = 0; i < n; i++)
        {
          guint8 b = data[offset + i];

          g_string_append_c (out, b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
      g_string_append (out, "|\n");
    }

  return g_string_free (out, FALSE);
}

/* Bytes that are not UTF-8; an incomplete character at the very end of a
 * body that was cut at the log's cap does not count. */
static gsize
count_invalid_utf8 (const char *data,
                    gsize       length,
                    gboolean    truncated)
{
  const char *p = data;
  const char *end = data + length;
  gsize invalid = 0;

  while (p < end)
    {
      const char *valid_end;

      if (g_utf8_validate_len (p, end - p, &valid_end))
        break;
      if (truncated && end - valid_end < 4 &&
          g_utf8_get_char_validated (valid_end, end - valid_end) == (gunichar) -2)
        break;
      invalid++;
      p = valid_end + 1;
    }

  return invalid;
}

gboolean
davscope_inspector_has_binary_bytes (const char *data,
                                     gsize       length)
{
  gsize controls = 0;

  for (gsize i = 0; i < length; i++)
    {
      guchar b = (guchar) data[i];

      if (b == 0)
        return TRUE;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B)
        controls++;
    }

  return controls * 20 > length;
}

/* ---- headers ------------------------------------------------------------ */

const char *
davscope_inspector_find_header (GPtrArray  *headers,
                                const char *name)
{
  for (guint i = 0; headers != NULL && i < headers->len; i++)
    {
      const DavHeader *header = g_ptr_array_index (headers, i);

      if (g_ascii_strcasecmp (header->name, name) == 0)
        return header->value;
    }

  return NULL;
}

/* The charset parameter of a Content-Type, or NULL. */
static char *
content_type_charset (const char *content_type)
{
  const char *semicolon;
  GHashTable *params;
  char *charset;

  if (content_type == NULL || (semicolon = strchr (content_type, ';')) == NULL)
    return NULL;

  params = soup_header_parse_semi_param_list (semicolon + 1);
  charset = g_strdup (g_hash_table_lookup (params, "charset"));
  soup_header_free_param_list (params);

  return charset;
}

static gboolean
content_type_has (const char *content_type,
                  const char *word)
{
  g_autofree char *lower = NULL;
  const char *semicolon;

  if (content_type == NULL)
    return FALSE;

  semicolon = strchr (content_type, ';');
  lower = g_ascii_strdown (content_type, semicolon ? semicolon - content_type : -1);

  return strstr (lower, word) != NULL;
}

static gboolean
starts_like_xml (const char *data,
                 gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;

  return i < length && data[i] == '<';
}

/* The GtkSourceView language id for a body, or NULL for plain text. */
const char *
davscope_inspector_body_language (const char *content_type,
                                  const char *data,
                                  gsize       length)
{
  if (content_type_has (content_type, "json"))
    return "json";
  if (content_type_has (content_type, "html"))
    return "html";
  if (content_type_has (content_type, "xml") || starts_like_xml (data, length))
    return "xml";

  return NULL;
}

/* ---- XML ---------------------------------------------------------------- */

/* Whitespace between elements is the server's layout, not data: without
 * it libxml2 indents an element's children, one to a line. An element
 * with text of its own (a value, mixed content) keeps all its text. */
static void
drop_layout_whitespace (xmlNodePtr element)
{
  gboolean has_elements = FALSE;
  gboolean has_text = FALSE;
  xmlNodePtr child;
  xmlNodePtr next;

  for (child = element->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      has_elements = TRUE;
    else if ((child->type == XML_TEXT_NODE && !xmlIsBlankNode (child)) || child->type == XML_CDATA_SECTION_NODE)
      has_text = TRUE;

  for (child = element->children; child != NULL; child = next)
    {
      next = child->next;
      if (child->type == XML_ELEMENT_NODE)
        drop_layout_whitespace (child);
      else if (has_elements && !has_text && child->type == XML_TEXT_NODE)
        {
          xmlUnlinkNode (child);
          xmlFreeNode (child);
        }
    }
}

/* The next element after @node in document order, or NULL. */
static xmlNodePtr
next_element (xmlNodePtr node)
{
  for (;;)
    {
      if (node->children != NULL && node->type == XML_ELEMENT_NODE)
        node = node->children;
      else
        {
          while (node->next == NULL)
            {
              node = node->parent;
              if (node == NULL || node->type == XML_DOCUMENT_NODE)
                return NULL;
            }
          node = node->next;
        }
      if (node->type == XML_ELEMENT_NODE)
        return node;
    }
}

/* No network, no entity substitution, no DTD loading: the entities a
 * hostile body declares are neither expanded nor kept. */
static xmlDocPtr
read_xml (const char *data,
          gsize       length,
          int         options)
{
  if (length == 0 || length > G_MAXINT)
    return NULL;

  return xmlReadMemory (data, (int) length, NULL, NULL,
                        options | XML_PARSE_NONET | XML_PARSE_NOERROR |
                        XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
}

/* The body of a parsed answer re-indented (two spaces a level, as the
 * response view shows it), in UTF-8, or NULL when it is not well formed
 * or has a DTD. The parser's line numbers point into the body as
 * received: @lines gets, for each of its lines (from 1), the line the
 * same element went to, so that selecting a node still shows its line.
 * The re-indented text is read again to learn where each element is:
 * both trees have the same elements in the same order. */
char *
davscope_inspector_indent_xml (const char  *data,
                               gsize        length,
                               GArray     **lines)
{
  xmlDocPtr doc;
  xmlDocPtr indented;
  xmlChar *dump = NULL;
  int dump_length = 0;
  char *text = NULL;

  *lines = NULL;
  if (g_strstr_len (data, (gssize) length, "<!DOCTYPE") != NULL)
    return NULL;

  doc = read_xml (data, length, 0);
  if (doc == NULL)
    return NULL;

  if (doc->intSubset == NULL && doc->extSubset == NULL && xmlDocGetRootElement (doc) != NULL)
    {
      drop_layout_whitespace (xmlDocGetRootElement (doc));
      xmlDocDumpFormatMemoryEnc (doc, &dump, &dump_length, "UTF-8", 1);
    }

  indented = dump != NULL ? read_xml ((const char *) dump, dump_length, 0) : NULL;
  if (indented != NULL)
    {
      GArray *map = g_array_new (FALSE, TRUE, sizeof (guint));
      xmlNodePtr a = xmlDocGetRootElement (doc);
      xmlNodePtr b = xmlDocGetRootElement (indented);
      guint last = 1;

      for (; a != NULL && b != NULL; a = next_element (a), b = next_element (b))
        {
          long from = xmlGetLineNo (a);
          long to = xmlGetLineNo (b);

          if (from <= 0 || to <= 0)
            continue;
          if ((guint) from >= map->len)
            g_array_set_size (map, from + 1);
          if (g_array_index (map, guint, from) == 0)
            g_array_index (map, guint, from) = to;
        }

      /* A line without an element of its own (text, a problem inside a
       * value) goes where the element before it went. */
      for (guint i = 1; i < map->len; i++)
        {
          if (g_array_index (map, guint, i) == 0)
            g_array_index (map, guint, i) = last;
          last = g_array_index (map, guint, i);
        }

      *lines = map;
      text = g_strndup ((const char *) dump, dump_length);
      xmlFreeDoc (indented);
    }

  if (dump != NULL)
    xmlFree (dump);
  xmlFreeDoc (doc);

  return text;
}

/* Where a line of the body as received is in the re-indented text. */
guint
davscope_inspector_indented_line (GArray *lines,
                                  guint   line)
{
  if (lines == NULL || line == 0)
    return line;
  if (line >= lines->len)
    return lines->len > 1 ? g_array_index (lines, guint, lines->len - 1) : line;

  return g_array_index (lines, guint, line);
}

/* The response view's XML: the same indentation, no line map. */
static char *
pretty_print_xml (const char *data,
                  gsize       length)
{
  g_autoptr(GArray) lines = NULL;

  return davscope_inspector_indent_xml (data, length, &lines);
}

/* ---- statuses ----------------------------------------------------------- */

const char *
davscope_inspector_status_class_css (guint status)
{
  switch (dav_status_class_of (status))
    {
    case DAV_STATUS_CLASS_SUCCESS:      return "success";
    case DAV_STATUS_CLASS_REDIRECTION:  return "accent";
    case DAV_STATUS_CLASS_CLIENT_ERROR: return "warning";
    case DAV_STATUS_CLASS_SERVER_ERROR: return "error";
    case DAV_STATUS_CLASS_INFORMATIONAL:
    case DAV_STATUS_CLASS_INVALID:
    default:                            return "dim-label";
    }
}

/* ---- URLs --------------------------------------------------------------- */

/* A path, percent-decoded and escaped: %0A or %E2%80%AE show as \x0a
 * and \u{202E}, not as a break or a reversed name. */
static char *
decode_path (const char *encoded,
             gssize      length)
{
  g_autofree char *path = g_strndup (encoded, length < 0 ? strlen (encoded) : (gsize) length);
  g_autofree char *decoded = g_uri_unescape_string (path, NULL);

  return davscope_inspector_escape (decoded != NULL ? decoded : path);
}

/* The path and query of a URL, or of an href that is only a path (as
 * they often are), the path decoded; the query stays encoded. */
char *
davscope_inspector_display_path (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  g_autofree char *path = NULL;
  const char *query;

  if (uri != NULL)
    {
      path = decode_path (*g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/", -1);
      query = g_uri_get_query (uri);
    }
  else
    {
      gsize length = strcspn (url, "?#");

      path = decode_path (url, length);
      query = url[length] == '?' ? url + length + 1 : NULL;
    }

  if (query != NULL)
    {
      g_autofree char *shown = davscope_inspector_escape (query);

      return g_strconcat (path, "?", shown, NULL);
    }

  return g_steal_pointer (&path);
}

/* ---- exchanges as text -------------------------------------------------- */

char *
davscope_inspector_format_ms (gint64 us)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, (us + 500) / 1000);

  /* TRANSLATORS: a duration in milliseconds */
  return g_strdup_printf (_("%s ms"), number);
}

/* ---- a parsed answer ---------------------------------------------------- */

char *
davscope_inspector_multistatus_summary (const DavMultistatus *multistatus,
                                        DavExchange          *exchange,
                                        const char          **css_class)
{
  GString *out = g_string_new (NULL);

  *css_class = NULL;

  if (multistatus->is_multistatus)
    {
      guint n = multistatus->responses->len;
      guint failed = 0;
      g_autofree char *responses = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u response", "%u responses", n), n);

      for (guint i = 0; i < n; i++)
        if (!dav_status_is_success (dav_response_get_item_status (g_ptr_array_index (multistatus->responses, i))))
          failed++;

      if (failed > 0)
        {
          g_autofree char *failures = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u with a failure", "%u with failures", failed), failed);

          /* TRANSLATORS: "12 responses, 2 with failures." */
          g_string_append_printf (out, C_("parsed summary", "%s, %s."), responses, failures);
          *css_class = "warning";
        }
      else
        /* TRANSLATORS: "12 responses." */
        g_string_append_printf (out, C_("parsed summary", "%s."), responses);
    }
  else if (multistatus->is_prop_body)
    g_string_append (out, _("A DAV:prop body, as a LOCK is answered."));
  else if (multistatus->errors->len > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                              "A DAV:error body with %u condition.",
                                              "A DAV:error body with %u conditions.",
                                              multistatus->errors->len),
                            multistatus->errors->len);

  if (dav_exchange_get_response_body_truncated (exchange))
    {
      GBytes *body = dav_exchange_get_response_body (exchange);
      g_autofree char *kept = davscope_inspector_format_count (body != NULL ? g_bytes_get_size (body) : 0);
      g_autofree char *size = davscope_inspector_format_count (dav_exchange_get_response_body_size (exchange));

      g_string_append_c (out, ' ');
      g_string_append_printf (out, _("Only the first %s of %s bytes were kept, so the tree stops there."), kept, size);
      *css_class = "warning";
    }
  else if (!multistatus->well_formed)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, _("The XML is not well formed: the tree shows what was read before the error."));
      *css_class = "error";
    }
  else if (!multistatus->complete)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, _("Not everything in it was understood: the problems are listed first."));
      *css_class = "warning";
    }

  return g_string_free (out, FALSE);
}

/* ---- lists -------------------------------------------------------------- */

/* Rows recycled by setup, bind and unbind, all without user data. */
GtkListItemFactory *
davscope_inspector_list_factory_new (GCallback setup,
                                     GCallback bind,
                                     GCallback unbind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, NULL);
  g_signal_connect (factory, "unbind", unbind, NULL);

  return factory;
}

/* ---- body views --------------------------------------------------------- */

GtkTextBuffer *
davscope_inspector_view_buffer (GtkWidget *view)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

/* ---- style schemes ------------------------------------------------------ */

GtkSourceStyleScheme *
davscope_inspector_pick_style_scheme (gboolean dark)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  static const char * const light_ids[] = { "Adwaita", "classic", NULL };
  static const char * const dark_ids[] = { "Adwaita-dark", "classic-dark", "classic", NULL };
  const char * const *ids = dark ? dark_ids : light_ids;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (manager, ids[i]);

      if (scheme != NULL)
        return scheme;
    }

  return NULL;
}

void
davscope_inspector_init_text_view (GtkWidget *view,
                                   gboolean   headers)
{
  GtkTextBuffer *buffer = davscope_inspector_view_buffer (view);

  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_source_buffer_set_highlight_matching_brackets (GTK_SOURCE_BUFFER (buffer), FALSE);
  if (headers)
    {
      gtk_text_buffer_create_tag (buffer, "first-line", "weight", PANGO_WEIGHT_BOLD, NULL);
      gtk_text_buffer_create_tag (buffer, "header-name", "weight", PANGO_WEIGHT_BOLD, NULL);
    }
}

/* ---- the details -------------------------------------------------------- */

void
davscope_inspector_render_headers (GtkWidget  *view,
                                   const char *first_line,
                                   GPtrArray  *headers)
{
  GtkTextBuffer *buffer = davscope_inspector_view_buffer (view);
  GtkTextIter iter;

  gtk_text_buffer_set_text (buffer, "", 0);
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, first_line, -1, "first-line", NULL);

  for (guint i = 0; headers != NULL && i < headers->len; i++)
    {
      const DavHeader *header = g_ptr_array_index (headers, i);
      g_autofree char *name = davscope_inspector_escape (header->name);
      g_autofree char *value = davscope_inspector_escape (header->value);

      gtk_text_buffer_insert (buffer, &iter, "\n", 1);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, name, -1, "header-name", NULL);
      gtk_text_buffer_insert (buffer, &iter, ": ", 2);
      gtk_text_buffer_insert (buffer, &iter, value, -1);
    }
}

/* Puts a body in its view: re-indented XML once @final, text as text
 * (converted from the declared charset when it is not UTF-8), anything
 * else as a hex preview. Returns what the note should say about that. */
static char *
render_body_text (GtkWidget  *view,
                  GBytes     *bytes,
                  gboolean    truncated,
                  gboolean    final,
                  const char *content_type,
                  gboolean   *hex)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (davscope_inspector_view_buffer (view));
  g_autofree char *text = NULL;
  char *note = NULL;
  const char *language = NULL;
  const char *data = NULL;
  gsize length = 0;

  *hex = FALSE;
  if (bytes != NULL)
    data = g_bytes_get_data (bytes, &length);

  if (length == 0)
    text = g_strdup ("");
  else if (davscope_inspector_has_binary_bytes (data, length))
    {
      g_autofree char *shown = davscope_inspector_format_count (MIN (length, HEX_PREVIEW_BYTES));

      note = g_strdup_printf (_("Not text: the first %s bytes as hex."), shown);
      text = hex_dump ((const guint8 *) data, MIN (length, HEX_PREVIEW_BYTES));
      *hex = TRUE;
    }
  else
    {
      gsize invalid = count_invalid_utf8 (data, length, truncated);
      g_autofree char *charset = content_type_charset (content_type);

      language = davscope_inspector_body_language (content_type, data, length);

      if (final && !truncated && g_strcmp0 (language, "xml") == 0)
        {
          g_autofree char *pretty = pretty_print_xml (data, length);

          if (pretty != NULL)
            text = davscope_inspector_escape_block (pretty, strlen (pretty));
          else
            note = g_strdup (_("Not well-formed XML, or XML with a DTD: shown as received."));
        }

      if (text == NULL && invalid > 0 && charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0)
        {
          gsize converted_length = 0;
          g_autofree char *converted = g_convert (data, length, "UTF-8", charset, NULL, &converted_length, NULL);

          if (converted != NULL)
            {
              g_autofree char *shown = davscope_inspector_escape (charset);

              text = davscope_inspector_escape_block (converted, converted_length);
              g_free (note);
              note = g_strdup_printf (_("Converted from %s."), shown);
            }
        }

      if (text == NULL && invalid * 3 > length)
        {
          g_autofree char *shown = davscope_inspector_format_count (MIN (length, HEX_PREVIEW_BYTES));

          g_free (note);
          note = g_strdup_printf (_("Not UTF-8 text: the first %s bytes as hex."), shown);
          text = hex_dump ((const guint8 *) data, MIN (length, HEX_PREVIEW_BYTES));
          language = NULL;
          *hex = TRUE;
        }
      else if (text == NULL)
        {
          if (invalid > 0)
            {
              g_free (note);
              note = g_strdup (_("Not valid UTF-8: the bytes that are not are shown as \\xNN."));
            }
          text = davscope_inspector_escape_block (data, length);
        }
    }

  gtk_source_buffer_set_language (buffer, language != NULL ? gtk_source_language_manager_get_language (languages, language) : NULL);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), text, -1);
  /* A hex dump is read in columns; nothing to number in an empty body. */
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), *hex ? GTK_WRAP_NONE : GTK_WRAP_WORD_CHAR);
  gtk_source_view_set_show_line_numbers (GTK_SOURCE_VIEW (view), *text != '\0');

  return note;
}

/* The note above a body: what its view shows of it, and how much. */
static void
render_body_note (GtkWidget                        *label,
                  const DavscopeInspectorBodyState *state,
                  gboolean                          truncated,
                  const char                       *declared_length)
{
  gsize length = state->bytes != NULL ? g_bytes_get_size (state->bytes) : 0;
  gsize size = state->size;
  g_autofree char *amount = NULL;
  g_autofree char *joined = NULL;

  /* A streamed body (PUT) is not recorded, only announced. */
  if (length == 0 && size == 0 && declared_length != NULL)
    size = g_ascii_strtoull (declared_length, NULL, 10);

  if (length == 0 && size > 0)
    {
      g_autofree char *count = davscope_inspector_format_count (size);

      amount = g_strdup_printf (_("The body (%s bytes) was not kept."), count);
    }
  else if (length == 0)
    amount = g_strdup (state->final ? _("No body.") : _("No body so far."));
  else if (truncated)
    {
      g_autofree char *kept = davscope_inspector_format_count (length);
      g_autofree char *count = davscope_inspector_format_count (size);

      amount = g_strdup_printf (_("Showing %s of %s bytes: the log keeps only the start of each body."), kept, count);
    }
  else if (!state->final)
    {
      g_autofree char *count = davscope_inspector_format_count (size);

      amount = g_strdup_printf (_("Still receiving: %s bytes so far."), count);
    }
  else if (state->hex)
    {
      g_autofree char *count = davscope_inspector_format_count (size);

      amount = g_strdup_printf (_("%s bytes in all."), count);
    }

  if (state->content_note != NULL && amount != NULL)
    joined = g_strjoin (" ", state->content_note, amount, NULL);
  else
    joined = g_strdup (state->content_note != NULL ? state->content_note : amount);

  davscope_label_set_text_or_hide (label, joined);
}

/* Redraws a body after davscope_inspector_body_state_update (): all of
 * it, or the note only when only its size moved on. */
void
davscope_inspector_render_body (GtkWidget                   *view,
                                GtkWidget                   *note_label,
                                DavscopeInspectorBodyState  *state,
                                DavscopeInspectorBodyChange  change,
                                gboolean                     truncated,
                                const char                  *content_type,
                                const char                  *declared_length)
{
  if (change == DAVSCOPE_INSPECTOR_BODY_SAME)
    return;

  if (change == DAVSCOPE_INSPECTOR_BODY_CHANGED)
    {
      g_free (state->content_note);
      state->content_note = render_body_text (view, state->bytes, truncated, state->final,
                                              content_type, &state->hex);
    }

  render_body_note (note_label, state, truncated, declared_length);
}
