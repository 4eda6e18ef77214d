/* davscope-cli-batch.c: `davscope-cli rm` and `proppatch`, and cp, mv, get and put
 * with many items: one batch, with a per-item report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "davscope-cli.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dav-href.h"
#include "dav-text.h"
#include "davscope-cli-session.h"

/* The deepest collection that holds every target: the client's base, so
 * that containment is checked against what the user chose. */
static char *
common_parent (char **urls)
{
  g_autofree char *common = davscope_cli_parent_url (urls[0]);

  for (guint i = 1; urls[i] != NULL; i++)
    {
      g_autofree char *parent = davscope_cli_parent_url (urls[i]);

      while (!g_str_has_prefix (parent, common))
        {
          char *up = davscope_cli_parent_url (common);

          if (g_str_equal (up, common))
            {
              g_free (up);
              break;
            }
          g_free (common);
          common = up;
        }
    }

  return g_steal_pointer (&common);
}

static void
print_item (DavscopeCliOutput   *out,
            const DavReportItem *item)
{
  g_autoptr(GString) text = g_string_new (NULL);

  dav_report_item_append_text (item, text, FALSE, DAV_REPORT_TEXT_DECODE_URLS | DAV_REPORT_TEXT_PROBLEMS,
                               davscope_cli_output_paint_func, out);
  fputs (text->str, out->stream);
}

/* Targets that cannot be acted on (outside the connected folder, given
 * twice): each is in the report all the same, where it was given, not
 * attempted and why. */
typedef struct {
  GPtrArray *items;      /* DavReportItem* */
  GArray    *positions;  /* guint: its place among the targets */
  char      *message;    /* all of them, for when none is left */
} Refused;

static void
refused_clear (Refused *refused)
{
  g_clear_pointer (&refused->items, g_ptr_array_unref);
  g_clear_pointer (&refused->positions, g_array_unref);
  g_clear_pointer (&refused->message, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Refused, refused_clear)

static void
refuse_target (Refused      *refused,
               guint         position,
               const char   *method,
               const char   *url,
               const GError *error)
{
  DavReportItem *item = dav_report_item_new (method, url);
  char *joined;

  if (refused->items == NULL)
    {
      refused->items = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_report_item_free);
      refused->positions = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  dav_report_item_set_error (item, DAV_OUTCOME_NOT_ATTEMPTED, error);
  g_ptr_array_add (refused->items, item);
  g_array_append_val (refused->positions, position);

  joined = refused->message ? g_strconcat (refused->message, "\n", error->message, NULL)
                            : g_strdup (error->message);
  g_free (refused->message);
  refused->message = joined;
}

/* Nothing left to do: the one document says why. */
static int
refuse_all (DavscopeCliSession *session,
            gboolean            csv,
            const Refused      *refused)
{
  g_autofree char *shown = dav_text_escape (refused->message ? refused->message : "", -1);

  g_printerr ("%s: %s\n", session->command, shown);
  if (session->json && !csv)
    davscope_cli_json_failure (NULL, NULL, DAVSCOPE_CLI_FAILURE_USAGE, refused->message);

  return DAVSCOPE_CLI_EXIT_CANNOT;
}

/* The refused targets go back to their places among the others. */
static void
merge_refused (DavReport *report,
               Refused   *refused)
{
  for (guint i = 0; refused->items != NULL && i < refused->items->len; i++)
    {
      guint position = g_array_index (refused->positions, guint, i);

      g_ptr_array_insert (report->items, MIN (position, report->items->len),
                          g_ptr_array_steal_index (refused->items, i));
      g_ptr_array_insert (refused->items, i, NULL);
    }
}

static int
report_exit_code (DavReport *report)
{
  gboolean any_answer = FALSE;
  gboolean malformed = FALSE;

  for (guint i = 0; i < report->items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (report->items, i);

      if (item->outcome == DAV_OUTCOME_DONE || item->outcome == DAV_OUTCOME_FAILED)
        any_answer = TRUE;
      if (item->outcome == DAV_OUTCOME_FAILED && !item->complete && item->status == 207)
        malformed = TRUE;
    }

  if (dav_report_all_ok (report))
    return DAVSCOPE_CLI_EXIT_OK;
  if (!any_answer)
    return DAVSCOPE_CLI_EXIT_CANNOT;
  if (malformed)
    return DAVSCOPE_CLI_EXIT_MALFORMED;
  return DAVSCOPE_CLI_EXIT_FAILED;
}

static int
print_report (DavscopeCliSession *session,
              DavReport          *report,
              gboolean            csv,
              const char         *done_word)
{
  if (csv)
    {
      g_autofree char *text = dav_report_to_csv (report);

      fputs (text, stdout);
    }
  else if (session->json)
    {
      g_autofree char *text = dav_report_to_json (report, TRUE);

      fputs (text, stdout);
    }
  else
    {
      for (guint i = 0; i < report->items->len; i++)
        print_item (&session->out, g_ptr_array_index (report->items, i));

      printf (_("Resources: %u %s, %u failed, %u with no answer, %u not attempted.\n"),
              dav_report_count (report, DAV_OUTCOME_DONE), done_word,
              dav_report_count (report, DAV_OUTCOME_FAILED),
              dav_report_count (report, DAV_OUTCOME_UNKNOWN),
              dav_report_count (report, DAV_OUTCOME_NOT_ATTEMPTED));
    }

  return report_exit_code (report);
}

static int
run_batch (DavscopeCliSession *session,
           DavBatch           *batch,
           Refused            *refused,
           gboolean            csv,
           const char         *done_word)
{
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(DavReport) report = NULL;

  dav_batch_run_async (batch, NULL, davscope_cli_session_done, &done);
  report = dav_batch_run_finish (batch, davscope_cli_session_wait (session, &done));
  merge_refused (report, refused);

  return print_report (session, report, csv, done_word);
}

int
davscope_cli_rm (int    argc,
                 char **argv)
{
  DavscopeCliSession session = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavBatch) batch = NULL;
  g_autofree char *base = NULL;
  g_auto(Refused) refused = { NULL, NULL, NULL };
  gboolean csv = FALSE;
  int exit_code;
  const GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print the report as CSV"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("URL… — delete resources, with a report per item"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  davscope_cli_session_add_options (&session, context, "davscope-cli rm");
  if (!davscope_cli_session_parse (&session, context, &argc, &argv, &error) || argc < 2)
    {
      davscope_cli_session_usage (&session, error ? error->message : _("give at least one URL"));
      davscope_cli_session_clear (&session);
      return DAVSCOPE_CLI_EXIT_CANNOT;
    }

  base = common_parent (argv + 1);
  if (!davscope_cli_session_connect (&session, base))
    {
      davscope_cli_session_clear (&session);
      return DAVSCOPE_CLI_EXIT_CANNOT;
    }

  batch = dav_batch_new (session.client, MAX (session.connections, 1));
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) target_error = NULL;

      if (!dav_batch_add_delete (batch, argv[i], &target_error))
        refuse_target (&refused, i - 1, "DELETE", argv[i], target_error);
    }

  if (dav_batch_get_n_targets (batch) == 0)
    exit_code = refuse_all (&session, csv, &refused);
  else
    exit_code = run_batch (&session, batch, &refused, csv, _("deleted"));

  davscope_cli_session_clear (&session);
  return exit_code;
}

/* --set, --set-xml and --remove keep their order on the command line,
 * which is the order of the PROPPATCH instructions (RFC 4918 §9.2).
 * @data: the option group's, the DavPropPatch* array they go into. */
static gboolean
add_patch (const char  *option,
           const char  *value,
           gpointer     data,
           GError     **error)
{
  GPtrArray *patches = data;
  g_autofree char *ns = NULL;
  g_autofree char *name = NULL;
  g_autofree char *clark = NULL;
  const char *equals = NULL;

  if (!g_str_equal (option, "--remove"))
    {
      const char *close = strchr (value, '}');

      equals = close ? strchr (close, '=') : NULL;
      if (equals == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s takes {namespace}name=value, not “%s”"), option, value);
          return FALSE;
        }
      clark = g_strndup (value, equals - value);
    }
  else
    clark = g_strdup (value);

  if (!dav_parse_clark_name (clark, &ns, &name))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a property name of the form {namespace}name"), clark);
      return FALSE;
    }

  if (g_str_equal (option, "--remove"))
    g_ptr_array_add (patches, dav_prop_patch_new_remove (ns, name));
  else
    g_ptr_array_add (patches, dav_prop_patch_new_set (ns, name, equals + 1,
                                                      g_str_equal (option, "--set-xml")));
  return TRUE;
}

int
davscope_cli_proppatch (int    argc,
                        char **argv)
{
  DavscopeCliSession session = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GOptionGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DavBatch) batch = NULL;
  g_autoptr(GPtrArray) patches = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_prop_patch_free);
  g_autofree char *base = NULL;
  g_auto(Refused) refused = { NULL, NULL, NULL };
  gboolean csv = FALSE;
  int exit_code;
  const GOptionEntry patch_entries[] = {
    { "set", 's', 0, G_OPTION_ARG_CALLBACK, add_patch, N_("Set a property to a text value"), N_("{NS}NAME=VALUE") },
    { "set-xml", 'x', 0, G_OPTION_ARG_CALLBACK, add_patch, N_("Set a property to an XML fragment"), N_("{NS}NAME=XML") },
    { "remove", 'r', 0, G_OPTION_ARG_CALLBACK, add_patch, N_("Remove a property"), N_("{NS}NAME") },
    { NULL }
  };
  const GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print the report as CSV"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("URL… — set and remove properties, with a result per property"));
  group = g_option_group_new ("patch", _("Property changes, applied in the order given:"),
                              _("Show the property change options"), patches, NULL);
  g_option_group_add_entries (group, patch_entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, g_steal_pointer (&group));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  davscope_cli_session_add_options (&session, context, "davscope-cli proppatch");

  if (!davscope_cli_session_parse (&session, context, &argc, &argv, &error) || argc < 2 || patches->len == 0)
    {
      davscope_cli_session_usage (&session,
                                  error ? error->message : _("give at least one URL and one --set, --set-xml or --remove"));
      davscope_cli_session_clear (&session);
      return DAVSCOPE_CLI_EXIT_CANNOT;
    }

  /* A value the server could not read is refused before anything is sent. */
  for (guint i = 0; i < patches->len; i++)
    if (!dav_prop_patch_validate (g_ptr_array_index (patches, i), &error))
      {
        davscope_cli_session_usage (&session, error->message);
        davscope_cli_session_clear (&session);
        return DAVSCOPE_CLI_EXIT_CANNOT;
      }

  base = common_parent (argv + 1);
  if (!davscope_cli_session_connect (&session, base))
    {
      davscope_cli_session_clear (&session);
      return DAVSCOPE_CLI_EXIT_CANNOT;
    }

  batch = dav_batch_new (session.client, MAX (session.connections, 1));
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) target_error = NULL;

      if (!dav_batch_add_proppatch (batch, argv[i], patches, &target_error))
        refuse_target (&refused, i - 1, "PROPPATCH", argv[i], target_error);
    }

  if (dav_batch_get_n_targets (batch) == 0)
    exit_code = refuse_all (&session, csv, &refused);
  else
    exit_code = run_batch (&session, batch, &refused, csv, _("saved"));

  davscope_cli_session_clear (&session);
  return exit_code;
}

/* ---- cp, mv, get and put with many items -------------------------------- */

typedef struct {
  gboolean    replace;  /* --overwrite (cp, mv, put), --force (get) */
  gboolean    csv;
} ManyOptions;

static const char *
many_command (DavscopeCliMany kind)
{
  switch (kind)
    {
    case DAVSCOPE_CLI_MANY_COPY: return "davscope-cli cp";
    case DAVSCOPE_CLI_MANY_MOVE: return "davscope-cli mv";
    case DAVSCOPE_CLI_MANY_GET:  return "davscope-cli get";
    case DAVSCOPE_CLI_MANY_PUT:  return "davscope-cli put";
    default: g_return_val_if_reached (NULL);
    }
}

/* The options of the many-items form: the single form's, and --csv. */
static GOptionContext *
many_context (DavscopeCliSession *session,
              DavscopeCliMany     kind,
              ManyOptions        *options)
{
  const GOptionEntry overwrite_entries[] = {
    { "overwrite", 'f', 0, G_OPTION_ARG_NONE, &options->replace, N_("Replace a destination that exists"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &options->csv, N_("Print the report as CSV"), NULL },
    { NULL }
  };
  const GOptionEntry force_entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &options->replace, N_("Replace a local file that exists"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &options->csv, N_("Print the report as CSV"), NULL },
    { NULL }
  };
  GOptionContext *context;

  switch (kind)
    {
    case DAVSCOPE_CLI_MANY_COPY:
    case DAVSCOPE_CLI_MANY_MOVE:
      context = g_option_context_new (_("SOURCE… COLLECTION/ — copy or move resources into a collection, with a report per item"));
      break;
    case DAVSCOPE_CLI_MANY_GET:
      context = g_option_context_new (_("URL… DIRECTORY — download files into a local directory, with a report per item"));
      break;
    case DAVSCOPE_CLI_MANY_PUT:
    default:
      context = g_option_context_new (_("FILE… COLLECTION/ — upload files into a collection, with a report per item"));
      break;
    }
  g_option_context_add_main_entries (context, kind == DAVSCOPE_CLI_MANY_GET ? force_entries : overwrite_entries,
                                     GETTEXT_PACKAGE);
  davscope_cli_session_add_options (session, context, many_command (kind));
  return context;
}

gboolean
davscope_cli_is_many (int             argc,
                      char          **argv,
                      DavscopeCliMany kind)
{
  DavscopeCliSession session = { 0 };
  ManyOptions options = { FALSE, FALSE };
  g_autoptr(GOptionContext) context = many_context (&session, kind, &options);
  g_auto(GStrv) copy = g_new0 (char *, argc + 1);
  guint operands = 0;

  /* A look at the operands only, on a copy (GOption rewrites grouped
   * short options in place): the form that runs parses for real and says
   * what is wrong. */
  for (int i = 0; i < argc; i++)
    copy[i] = g_strdup (argv[i]);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_ignore_unknown_options (context, TRUE);
  if (g_option_context_parse_strv (context, &copy, NULL))
    for (guint i = 1; copy[i] != NULL; i++)
      if (copy[i][0] != '-' || copy[i][1] == '\0')
        operands++;
  davscope_cli_session_clear (&session);

  /* Two sources and where they go. */
  return operands >= 3;
}

/* The last segment of @url's path, as it is written there (escaped),
 * without the slash of a collection; NULL if there is none. */
static char *
url_last_segment (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *segment = NULL;

  if (uri == NULL)
    return NULL;
  dav_href_split_last (g_uri_get_path (uri), NULL, &segment);
  return *segment != '\0' ? g_steal_pointer (&segment) : NULL;
}

/* What the adders refused, said as one message when nothing is left. */
static Refused
refused_from_batch (DavBatch *batch)
{
  GPtrArray *items = dav_batch_get_refused (batch);
  Refused refused = { NULL, NULL, NULL };
  g_autoptr(GString) message = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      const DavReportItem *item = g_ptr_array_index (items, i);

      if (i > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, item->explanation ? item->explanation : item->url);
    }
  refused.message = g_string_free (g_steal_pointer (&message), FALSE);
  return refused;
}

static int
run_many (DavscopeCliSession *session,
          DavBatch           *batch,
          gboolean            csv,
          const char         *done_word)
{
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(DavReport) report = NULL;
  g_autoptr(DavReport) ordered = NULL;

  if (dav_batch_get_n_targets (batch) == 0)
    {
      g_auto(Refused) refused = refused_from_batch (batch);

      return refuse_all (session, csv, &refused);
    }

  dav_batch_run_async (batch, NULL, davscope_cli_session_done, &done);
  report = dav_batch_run_finish (batch, davscope_cli_session_wait (session, &done));
  /* Every item where it was given, the refused ones with their reason. */
  ordered = dav_batch_order_report (batch, report);

  return print_report (session, ordered, csv, done_word);
}

/* cp and mv: SOURCE… COLLECTION/, each source to COLLECTION/its name. */
static int
many_copy_or_move (DavscopeCliSession *session,
                   int                 argc,
                   char              **argv,
                   gboolean            move,
                   const ManyOptions  *options)
{
  const char *collection = argv[argc - 1];
  g_autoptr(GPtrArray) ends = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) destinations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DavBatch) batch = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *base = NULL;

  if (!g_str_has_suffix (collection, "/"))
    return davscope_cli_session_usage (session, _("with more than one source, the destination is a collection: end it with “/”"));

  /* A path names a collection on the sources' server. */
  absolute = g_uri_resolve_relative (argv[1], collection, SOUP_HTTP_URI_FLAGS, NULL);
  if (absolute == NULL)
    absolute = g_strdup (collection);

  for (int i = 1; i < argc - 1; i++)
    {
      g_autofree char *name = url_last_segment (argv[i]);

      g_ptr_array_add (ends, g_strdup (argv[i]));
      /* A source with no name gets none: the batch refuses it, in its place. */
      g_ptr_array_add (destinations, name ? g_strconcat (absolute, name, g_str_has_suffix (argv[i], "/") ? "/" : "", NULL)
                                          : g_strdup (absolute));
      g_ptr_array_add (ends, g_strdup (g_ptr_array_index (destinations, destinations->len - 1)));
    }
  g_ptr_array_add (ends, NULL);

  /* Both ends of every item are inside the client's base. */
  base = common_parent ((char **) ends->pdata);
  if (!davscope_cli_session_connect (session, base))
    return DAVSCOPE_CLI_EXIT_CANNOT;

  batch = dav_batch_new (session->client, MAX (session->connections, 1));
  for (int i = 1; i < argc - 1; i++)
    {
      const char *destination = g_ptr_array_index (destinations, i - 1);

      if (move)
        dav_batch_add_move (batch, argv[i], destination, options->replace, NULL);
      else
        dav_batch_add_copy (batch, argv[i], destination, options->replace, NULL);
    }

  return run_many (session, batch, options->csv, move ? _("moved") : _("copied"));
}

/* get: URL… DIRECTORY, each into DIRECTORY/its name. */
static int
many_get (DavscopeCliSession *session,
          int                 argc,
          char              **argv,
          const ManyOptions  *options)
{
  g_autoptr(GFile) directory = g_file_new_for_commandline_arg (argv[argc - 1]);
  g_autoptr(DavBatch) batch = NULL;
  g_autofree char *base = NULL;
  char *last = argv[argc - 1];

  if (g_file_query_file_type (directory, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *message = g_strdup_printf (_("with more than one URL, the last argument is a directory that exists; %s is not"),
                                                  argv[argc - 1]);

      return davscope_cli_session_usage (session, message);
    }

  argv[argc - 1] = NULL;
  base = common_parent (argv + 1);
  argv[argc - 1] = last;
  if (!davscope_cli_session_connect (session, base))
    return DAVSCOPE_CLI_EXIT_CANNOT;

  batch = dav_batch_new (session->client, MAX (session->connections, 1));
  for (int i = 1; i < argc - 1; i++)
    {
      g_autofree char *name = dav_href_local_name (argv[i]);
      g_autoptr(GFile) file = g_file_get_child (directory, name);

      dav_batch_add_download (batch, argv[i], file, options->replace, NULL);
    }

  return run_many (session, batch, options->csv, _("downloaded"));
}

/* put: FILE… COLLECTION/, each to COLLECTION/its name. */
static int
many_put (DavscopeCliSession *session,
          int                 argc,
          char              **argv,
          const ManyOptions  *options)
{
  const char *collection = argv[argc - 1];
  g_autoptr(DavBatch) batch = NULL;

  if (!g_str_has_suffix (collection, "/"))
    return davscope_cli_session_usage (session, _("with more than one file, the destination is a collection: end it with “/”"));
  if (!davscope_cli_session_connect (session, collection))
    return DAVSCOPE_CLI_EXIT_CANNOT;

  batch = dav_batch_new (session->client, MAX (session->connections, 1));
  for (int i = 1; i < argc - 1; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);
      g_autofree char *url = g_strconcat (collection, escaped, NULL);

      dav_batch_add_upload (batch, file, url, options->replace, NULL);
    }

  return run_many (session, batch, options->csv, _("uploaded"));
}

int
davscope_cli_many (int             argc,
                   char          **argv,
                   DavscopeCliMany kind)
{
  DavscopeCliSession session = { 0 };
  ManyOptions options = { FALSE, FALSE };
  g_autoptr(GOptionContext) context = many_context (&session, kind, &options);
  g_autoptr(GError) error = NULL;
  int exit_code;

  if (!davscope_cli_session_parse (&session, context, &argc, &argv, &error) || argc < 4)
    {
      exit_code = davscope_cli_session_usage (&session, error ? error->message : _("give at least two sources and where they go"));
      davscope_cli_session_clear (&session);
      return exit_code;
    }

  switch (kind)
    {
    case DAVSCOPE_CLI_MANY_COPY:
    case DAVSCOPE_CLI_MANY_MOVE:
      exit_code = many_copy_or_move (&session, argc, argv, kind == DAVSCOPE_CLI_MANY_MOVE, &options);
      break;
    case DAVSCOPE_CLI_MANY_GET:
      exit_code = many_get (&session, argc, argv, &options);
      break;
    case DAVSCOPE_CLI_MANY_PUT:
    default:
      exit_code = many_put (&session, argc, argv, &options);
      break;
    }

  davscope_cli_session_clear (&session);
  return exit_code;
}
