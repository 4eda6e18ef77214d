/* davscope-cli-inspect.c: `davscope-cli inspect`, a saved 207 body explained
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The body is streamed through the parser and each response printed as
 * soon as it ends, so a listing of 100,000 entries needs no more memory
 * than one of ten.
 */

#include "davscope-cli.h"

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>

#include "dav-href.h"
#include "dav-multistatus-parser.h"
#include "dav-text.h"
#include "davscope-cli-output.h"

#define COMMAND "davscope-cli inspect"
#define READ_SIZE (64 * 1024)
#define SHOWN_VALUE_MAX 160

typedef struct {
  DavscopeCliOutput  out;
  DavJsonWriter     *json;
  const char        *base;
  guint              n_ok;
  guint              n_failed;
  gboolean           fatal;   /* a response carries a fatal problem */
} Inspect;

static void
flag_href (DavResponse   *response,
           const DavHref *resolved)
{
  DavProblem *problem = davscope_cli_href_problem (resolved, response->line);

  if (problem != NULL)
    dav_response_add_problem (response, problem);
}

static void
json_property (DavJsonWriter     *json,
               const DavProperty *property)
{
  dav_json_writer_begin_object (json);
  dav_json_writer_add_string (json, "namespace", property->namespace_uri);
  dav_json_writer_add_string (json, "name", property->name);
  dav_json_writer_add_string (json, "value", property->value);
  dav_json_writer_add_boolean (json, "xml", property->is_xml);
  dav_json_writer_end_object (json);
}

static void
json_response (Inspect         *self,
               DavResponse     *response,
               GPtrArray       *resolved)
{
  DavJsonWriter *json = self->json;

  dav_json_writer_begin_object (json);

  dav_json_writer_member (json, "hrefs");
  dav_json_writer_begin_array (json);
  for (guint i = 0; i < response->hrefs->len; i++)
    dav_json_writer_string (json, g_ptr_array_index (response->hrefs, i));
  dav_json_writer_end_array (json);

  if (resolved != NULL)
    {
      dav_json_writer_member (json, "resolved");
      dav_json_writer_begin_array (json);
      for (guint i = 0; i < resolved->len; i++)
        {
          const DavHref *href = g_ptr_array_index (resolved, i);

          dav_json_writer_begin_object (json);
          dav_json_writer_add_string (json, "uri", href->uri);
          dav_json_writer_add_string (json, "path", href->display_path);
          dav_json_writer_add_string (json, "name", href->name);
          dav_json_writer_add_boolean (json, "collection", href->collection);
          dav_json_writer_add_string (json, "relation", dav_href_relation_to_string (href->relation));
          dav_json_writer_add_string (json, "problem", href->problem);
          dav_json_writer_end_object (json);
        }
      dav_json_writer_end_array (json);
    }

  davscope_cli_json_status_fields (json, response->status, response->reason, FALSE);
  dav_json_writer_add_boolean (json, "ok", dav_response_is_ok (response));

  dav_json_writer_member (json, "propstats");
  dav_json_writer_begin_array (json);
  for (guint i = 0; i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      dav_json_writer_begin_object (json);
      davscope_cli_json_status_fields (json, propstat->status, propstat->reason, TRUE);
      dav_json_writer_member (json, "properties");
      dav_json_writer_begin_array (json);
      for (guint j = 0; j < propstat->properties->len; j++)
        json_property (json, g_ptr_array_index (propstat->properties, j));
      dav_json_writer_end_array (json);
      dav_report_write_conditions (json, propstat->errors);
      dav_json_writer_add_string (json, "description", propstat->description);
      dav_json_writer_end_object (json);
    }
  dav_json_writer_end_array (json);

  dav_report_write_conditions (json, response->errors);
  dav_json_writer_add_string (json, "description", response->description);
  dav_json_writer_add_string (json, "location", response->location);
  dav_report_write_problems (json, response->problems, NULL);
  dav_json_writer_end_object (json);

  if (dav_json_writer_get_buffer (json)->len > READ_SIZE)
    davscope_cli_json_flush (json, self->out.stream);
}

static void
print_value (DavscopeCliOutput *out,
             const DavProperty *property)
{
  g_autofree char *name = dav_property_dup_clark_name (property);
  g_autofree char *shown_name = dav_text_escape (name, -1);
  g_autofree char *shown = NULL;

  if (property->value == NULL)
    {
      fprintf (out->stream, "      %s\n", shown_name);
      return;
    }

  if (property->is_xml)
    {
      g_autofree char *squeezed = dav_text_squeeze (property->value);

      shown = dav_text_escape (squeezed, -1);
    }
  else
    shown = dav_text_escape (property->value, -1);
  if (g_utf8_strlen (shown, -1) > SHOWN_VALUE_MAX)
    {
      char *cut = g_utf8_offset_to_pointer (shown, SHOWN_VALUE_MAX);

      *cut = '\0';
      fprintf (out->stream, "      %s = %s…\n", shown_name, shown);
    }
  else
    fprintf (out->stream, "      %s = %s\n", shown_name, shown);
}

static void
print_response (Inspect     *self,
                DavResponse *response,
                GPtrArray   *resolved)
{
  DavscopeCliOutput *out = &self->out;
  const char *first = dav_response_get_href (response);
  g_autofree char *title = g_strdup_printf (_("Response %u:"), response->index + 1);
  g_autofree char *shown = dav_text_escape (first ? first : _("(no href)"), -1);

  fprintf (out->stream, "%s %s\n", title, shown);
  for (guint i = 1; i < response->hrefs->len; i++)
    davscope_cli_output_print_escaped (out, _("  and: "), g_ptr_array_index (response->hrefs, i));

  for (guint i = 0; resolved != NULL && i < resolved->len; i++)
    {
      const DavHref *href = g_ptr_array_index (resolved, i);

      fprintf (out->stream, "  → %s (%s)\n", href->display_path,
               dav_href_relation_to_string (href->relation));
    }


  if (response->status_line != NULL || response->propstats->len == 0)
    davscope_cli_output_print_status (out, 2, response->status, response->reason, TRUE, FALSE);
  if (response->description != NULL)
    davscope_cli_output_print_escaped (out, _("  Description: "), response->description);
  if (response->location != NULL)
    davscope_cli_output_print_escaped (out, _("  Location: "), response->location);
  davscope_cli_output_print_conditions (out, 2, response->errors);

  for (guint i = 0; i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      davscope_cli_output_print_status (out, 2, propstat->status, propstat->reason,
                                        propstat->status == 0 || propstat->status >= 300, TRUE);
      if (propstat->description != NULL)
        davscope_cli_output_print_escaped (out, _("    Description: "), propstat->description);
      davscope_cli_output_print_conditions (out, 4, propstat->errors);
      for (guint j = 0; j < propstat->properties->len; j++)
        print_value (out, g_ptr_array_index (propstat->properties, j));
    }

  davscope_cli_output_print_problems (out, 2, response->problems);
  fputc ('\n', out->stream);
}

static void
on_response (DavResponse *response,
             gpointer     user_data)
{
  Inspect *self = user_data;
  g_autoptr(GPtrArray) resolved = NULL;

  if (self->base != NULL)
    {
      resolved = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_href_free);
      for (guint i = 0; i < response->hrefs->len; i++)
        {
          DavHref *href = dav_href_resolve (self->base, g_ptr_array_index (response->hrefs, i));

          flag_href (response, href);
          g_ptr_array_add (resolved, href);
        }
    }

  if (dav_response_is_ok (response))
    self->n_ok++;
  else
    self->n_failed++;

  for (guint i = 0; i < response->problems->len; i++)
    {
      const DavProblem *problem = g_ptr_array_index (response->problems, i);

      self->fatal |= dav_problem_kind_is_fatal (problem->kind);
    }

  for (guint i = 0; i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      /* A property that failed counts as a failure even when the item is
       * otherwise fine (exit code 2). */
      if ((propstat->status == 0 || propstat->status >= 400) && dav_response_is_ok (response))
        {
          self->n_ok--;
          self->n_failed++;
          break;
        }
    }

  if (self->json != NULL)
    json_response (self, response, resolved);
  else
    print_response (self, response, resolved);
}

static void
print_summary (Inspect        *self,
               DavMultistatus *result)
{
  DavscopeCliOutput *out = &self->out;
  g_autofree char *counts = NULL;
  g_autofree char *painted = NULL;

  counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u response: %u fully successful, %u with failures.",
                                         "%u responses: %u fully successful, %u with failures.",
                                         result->n_responses),
                            result->n_responses, self->n_ok, self->n_failed);
  fprintf (out->stream, "%s\n", counts);

  if (result->description != NULL)
    davscope_cli_output_print_escaped (out, _("Description: "), result->description);
  if (result->sync_token != NULL)
    davscope_cli_output_print_escaped (out, _("Sync token: "), result->sync_token);
  if (result->errors->len > 0)
    fprintf (out->stream, "%s\n", _("This is a DAV:error body, not a Multi-Status:"));
  davscope_cli_output_print_conditions (out, 2, result->errors);
  davscope_cli_output_print_problems (out, 0, result->problems);

  if (result->complete && !self->fatal)
    painted = davscope_cli_output_paint (out, DAV_SEVERITY_OK, _("The answer is complete."));
  else
    painted = davscope_cli_output_paint (out, DAV_SEVERITY_ERROR,
                                         _("The answer is INCOMPLETE or malformed: everything that could be read is shown above, but it may not be all there is."));
  fprintf (out->stream, "%s\n", painted);
}

static GInputStream *
open_input (const char  *path,
            GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (g_str_equal (path, "-"))
    return g_unix_input_stream_new (0, FALSE);

  file = g_file_new_for_commandline_arg (path);
  return G_INPUT_STREAM (g_file_read (file, NULL, error));
}

int
davscope_cli_inspect (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(DavMultistatusParser) parser = NULL;
  g_autoptr(DavMultistatus) result = NULL;
  g_autofree char *base = NULL;
  g_autofree char *buffer = NULL;
  gboolean json = FALSE;
  gboolean wants_json;
  Inspect self = { 0 };
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a tree"), NULL },
    { "base", 0, 0, G_OPTION_ARG_STRING, &base, N_("Resolve and check hrefs against the URL the body answered"), N_("URL") },
    { NULL }
  };

  context = g_option_context_new (_("FILE|- — explain a saved 207 Multi-Status body"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wants_json = davscope_cli_args_want_json (argc, argv);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return davscope_cli_fail (wants_json, COMMAND, NULL, NULL, DAVSCOPE_CLI_FAILURE_USAGE, error->message);
  if (argc != 2)
    {
      g_autofree char *usage = g_strdup (_("Usage: davscope-cli inspect [--json] [--base URL] FILE|-\n"));

      return davscope_cli_fail (json, NULL, NULL, NULL, DAVSCOPE_CLI_FAILURE_USAGE, g_strchomp (usage));
    }

  if (base != NULL && !g_uri_is_valid (base, G_URI_FLAGS_NONE, &error))
    {
      g_autofree char *message = g_strdup_printf (_("the base URL is not valid: %s"), error->message);

      return davscope_cli_fail (json, COMMAND, NULL, NULL, DAVSCOPE_CLI_FAILURE_USAGE, message);
    }

  input = open_input (argv[1], &error);
  if (input == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("cannot read %s: %s"), argv[1], error->message);

      return davscope_cli_fail (json, COMMAND, NULL, NULL, DAVSCOPE_CLI_FAILURE_LOCAL, message);
    }

  davscope_cli_output_init (&self.out, stdout, json);
  self.base = base;
  if (json)
    {
      self.json = dav_json_writer_new (TRUE);
      dav_json_writer_begin_object (self.json);
      dav_json_writer_member (self.json, "responses");
      dav_json_writer_begin_array (self.json);
    }

  parser = dav_multistatus_parser_new ();
  dav_multistatus_parser_set_response_func (parser, on_response, &self, NULL);

  buffer = g_malloc (READ_SIZE);
  for (;;)
    {
      gssize n = g_input_stream_read (input, buffer, READ_SIZE, NULL, &error);

      if (n < 0)
        {
          g_autofree char *message = g_strdup_printf (_("cannot read %s: %s"), argv[1], error->message);

          /* Part of the document may be out already: it is ended with
           * the failure, so that it stays one document. */
          if (json)
            {
              dav_json_writer_end_array (self.json);
              davscope_cli_json_failure_fields (self.json, NULL, DAVSCOPE_CLI_FAILURE_LOCAL, message);
              dav_json_writer_end_object (self.json);
              davscope_cli_json_flush (self.json, stdout);
              dav_json_writer_free (self.json);
            }
          return davscope_cli_fail (FALSE, COMMAND, NULL, NULL, DAVSCOPE_CLI_FAILURE_LOCAL, message);
        }
      if (n == 0)
        break;
      /* Once parsing stopped there is nothing more to learn from the rest. */
      if (!dav_multistatus_parser_feed (parser, buffer, n, NULL))
        break;
    }

  result = dav_multistatus_parser_finish (parser);

  if (json)
    {
      dav_json_writer_end_array (self.json);
      dav_json_writer_add_int (self.json, "n_responses", result->n_responses);
      dav_json_writer_add_string (self.json, "description", result->description);
      dav_json_writer_add_string (self.json, "sync_token", result->sync_token);
      dav_report_write_conditions (self.json, result->errors);
      dav_report_write_problems (self.json, result->problems, NULL);
      dav_json_writer_add_boolean (self.json, "well_formed", result->well_formed);
      dav_json_writer_add_boolean (self.json, "complete", result->complete && !self.fatal);
      dav_json_writer_end_object (self.json);
      davscope_cli_json_flush (self.json, stdout);
      dav_json_writer_free (self.json);
    }
  else
    print_summary (&self, result);

  if (!result->complete || self.fatal)
    return DAVSCOPE_CLI_EXIT_MALFORMED;
  /* A DAV:error body is the server saying no. */
  if (self.n_failed > 0 || result->errors->len > 0)
    return DAVSCOPE_CLI_EXIT_FAILED;
  return DAVSCOPE_CLI_EXIT_OK;
}
