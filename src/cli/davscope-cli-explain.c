/* davscope-cli-explain.c: `davscope-cli explain`, a status code in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "davscope-cli.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "davscope-cli-output.h"

static void
print_frameworks (const DavStatusInfo *info)
{
  if (info->frameworks[0].framework == NULL)
    return;

  printf ("%s\n", _("In code (for people debugging their own server):"));
  for (const DavFrameworkName *f = info->frameworks; f->framework != NULL; f++)
    printf ("  %-22s %s\n", f->framework, f->constant);
}

static int
explain_code (guint    code,
              gboolean json)
{
  DavscopeCliOutput out;
  DavStatusInfo info;
  g_autofree char *title = NULL;
  g_autofree char *painted = NULL;

  davscope_cli_output_init (&out, stdout, json);
  dav_status_lookup (code, &info);

  if (json)
    {
      g_autoptr(DavJsonWriter) writer = dav_json_writer_new (TRUE);

      dav_json_writer_begin_object (writer);
      dav_json_writer_add_int (writer, "status", code);
      dav_json_writer_add_boolean (writer, "known", info.known);
      /* Scripts get the standard phrase; people the translated one. */
      dav_json_writer_add_string (writer, "reason", info.standard_reason);
      dav_json_writer_add_string (writer, "title", info.reason);
      dav_json_writer_add_string (writer, "class", dav_status_class_to_string (info.status_class));
      dav_json_writer_add_string (writer, "severity", dav_severity_to_string (info.severity));
      dav_json_writer_add_string (writer, "explanation", info.explanation);
      dav_json_writer_add_string (writer, "advice", info.advice);
      dav_json_writer_add_string (writer, "rfc2616", info.rfc2616);
      dav_json_writer_add_string (writer, "reference", info.reference);
      dav_json_writer_member (writer, "frameworks");
      dav_json_writer_begin_object (writer);
      for (const DavFrameworkName *f = info.frameworks; f->framework != NULL; f++)
        dav_json_writer_add_string (writer, f->framework, f->constant);
      dav_json_writer_end_object (writer);
      dav_json_writer_end_object (writer);
      davscope_cli_json_flush (writer, stdout);
      return DAVSCOPE_CLI_EXIT_OK;
    }

  title = g_strdup_printf ("%u %s", code, info.reason);
  painted = davscope_cli_output_paint (&out, info.severity, title);
  printf ("%s\n", painted);
  if (!info.known)
    printf ("%s\n", _("This is not a registered HTTP status code."));
  printf ("\n%s\n  %s\n\n", _("What happened:"), info.explanation);
  printf ("%s\n  %s\n\n", _("What you can try:"), info.advice);
  printf ("%s\n  %s\n", _("Defined in:"), info.reference);
  if (info.rfc2616 != NULL)
    printf (_("  originally %s\n"), info.rfc2616);
  print_frameworks (&info);

  return DAVSCOPE_CLI_EXIT_OK;
}

static int
explain_condition (const char *name,
                   gboolean    json)
{
  DavConditionInfo info;
  const char *local = name;

  /* Accept "lock-token-submitted", "DAV:lock-token-submitted" and
   * "{DAV:}lock-token-submitted". */
  if (g_str_has_prefix (local, "{DAV:}"))
    local += 6;
  else if (g_str_has_prefix (local, "DAV:"))
    local += 4;

  if (!dav_condition_lookup ("DAV:", local, &info))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is neither a status code (100–599) nor a known DAV:error condition."), name);

      return davscope_cli_fail (json, "davscope-cli explain", NULL, NULL, DAVSCOPE_CLI_FAILURE_USAGE, message);
    }

  if (json)
    {
      g_autoptr(DavJsonWriter) writer = dav_json_writer_new (TRUE);

      dav_json_writer_begin_object (writer);
      dav_json_writer_add_string (writer, "namespace", info.namespace_uri);
      dav_json_writer_add_string (writer, "name", info.name);
      dav_json_writer_add_string (writer, "kind", info.postcondition ? "postcondition" : "precondition");
      dav_json_writer_add_string (writer, "explanation", info.explanation);
      dav_json_writer_add_string (writer, "advice", info.advice);
      dav_json_writer_add_string (writer, "reference", info.reference);
      dav_json_writer_end_object (writer);
      davscope_cli_json_flush (writer, stdout);
      return DAVSCOPE_CLI_EXIT_OK;
    }

  printf ("{%s}%s (%s)\n", info.namespace_uri, info.name,
          info.postcondition ? _("postcondition") : _("precondition"));
  printf ("\n%s\n  %s\n\n", _("What happened:"), info.explanation);
  printf ("%s\n  %s\n\n", _("What you can try:"), info.advice);
  printf ("%s\n  %s\n", _("Defined in:"), info.reference);

  return DAVSCOPE_CLI_EXIT_OK;
}

int
davscope_cli_explain (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  gboolean wants_json;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  guint64 code;

  context = g_option_context_new (_("CODE|CONDITION — explain a status code or a DAV:error condition"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  wants_json = davscope_cli_args_want_json (argc, argv);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return davscope_cli_fail (wants_json, "davscope-cli explain", NULL, NULL, DAVSCOPE_CLI_FAILURE_USAGE, error->message);
  if (argc != 2)
    {
      g_autofree char *usage = g_strdup (_("Usage: davscope-cli explain [--json] CODE|CONDITION\n"));

      return davscope_cli_fail (json, NULL, NULL, NULL, DAVSCOPE_CLI_FAILURE_USAGE, g_strchomp (usage));
    }

  if (g_ascii_string_to_unsigned (argv[1], 10, 0, 999, &code, NULL))
    return explain_code ((guint) code, json);

  return explain_condition (argv[1], json);
}
