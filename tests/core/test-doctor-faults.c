/* test-doctor-faults.c: the doctor's catalogue of server faults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every entry complete and its id well formed and unique; every fault of
 * docs/clients.md in the catalogue, with the effects of that page's summary
 * matrix (the page is read at test time, from the source tree meson names
 * in G_TEST_SRCDIR, so the two cannot drift apart); the lookup, also from
 * several threads at once; the words for people, the clients line above
 * all.
 */

#include <string.h>

#include "dav-doctor-faults.h"

#define N_THREADS 8

/* Runs first, before anything has built the table: every thread asks at
 * once and all must get the same entries. */
static gpointer
lookup_all_thread (gpointer data)
{
  GAsyncQueue *start = data;
  guint found = 0;

  g_async_queue_pop (start);
  for (const DavDoctorFault *fault = dav_doctor_fault_get_all (); fault->id != NULL; fault++)
    if (dav_doctor_fault_lookup (fault->id) == fault)
      found++;

  return GUINT_TO_POINTER (found);
}

static void
test_lookup_threads (void)
{
  g_autoptr(GAsyncQueue) start = g_async_queue_new ();
  GThread *threads[N_THREADS];
  guint n_faults = 0;

  for (const DavDoctorFault *fault = dav_doctor_fault_get_all (); fault->id != NULL; fault++)
    n_faults++;

  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("lookup", lookup_all_thread, start);
  for (guint i = 0; i < N_THREADS; i++)
    g_async_queue_push (start, GUINT_TO_POINTER (1));
  for (guint i = 0; i < N_THREADS; i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (threads[i])), ==, n_faults);
}

static void
test_lookup (void)
{
  const DavDoctorFault *all = dav_doctor_fault_get_all ();

  for (const DavDoctorFault *fault = all; fault->id != NULL; fault++)
    g_assert_true (dav_doctor_fault_lookup (fault->id) == fault);

  g_assert_null (dav_doctor_fault_lookup ("no-such-fault"));
  g_assert_null (dav_doctor_fault_lookup (""));
  g_assert_null (dav_doctor_fault_lookup (NULL));
  /* Ids are exact, not case-folded. */
  g_assert_null (dav_doctor_fault_lookup ("PROPFIND-200-NOT-207"));
  g_assert_nonnull (dav_doctor_fault_lookup ("propfind-200-not-207"));
}

/* Lowercase words joined by single dashes; "http-1.0" is the one that
 * needs a dot. */
static gboolean
id_is_well_formed (const char *id)
{
  if (!g_ascii_isalnum (id[0]) || g_str_has_suffix (id, "-") || strstr (id, "--") != NULL)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || (*p == '.' && g_ascii_isdigit (p[1]))))
      return FALSE;

  return TRUE;
}

static gboolean
is_sentence (const char *text)
{
  return text != NULL && text[0] != '\0' && g_str_has_suffix (text, ".")
         && !g_ascii_isspace (text[0]) && strchr (text, '\n') == NULL;
}

static void
test_entries_complete (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  for (const DavDoctorFault *fault = dav_doctor_fault_get_all (); fault->id != NULL; fault++, n++)
    {
      gboolean clients[DAV_N_CLIENTS] = { FALSE, };

      g_test_message ("fault %s", fault->id);
      g_assert_true (id_is_well_formed (fault->id));
      g_assert_true (g_hash_table_add (seen, (gpointer) fault->id));

      g_assert_cmpint (fault->severity, >=, DAV_DOCTOR_INFO);
      g_assert_cmpint (fault->severity, <=, DAV_DOCTOR_ERROR);

      /* A title is one line without a full stop; an explanation whole
       * sentences. */
      g_assert_nonnull (fault->title);
      g_assert_cmpuint (strlen (fault->title), >, 10);
      g_assert_false (g_str_has_suffix (fault->title, "."));
      g_assert_null (strchr (fault->title, '\n'));
      g_assert_true (is_sentence (fault->explanation));
      g_assert_cmpuint (strlen (fault->explanation), >, strlen (fault->title));

      /* Only information may go without the rule it is about. */
      if (fault->severity != DAV_DOCTOR_INFO)
        g_assert_nonnull (fault->rfc);
      if (fault->rfc != NULL)
        {
          g_assert_true (g_str_has_prefix (fault->rfc, "RFC "));
          g_assert_nonnull (strstr (fault->rfc, " §"));
        }

      for (const DavClientImpact *impact = fault->impacts;
           impact != NULL && impact->client != DAV_N_CLIENTS;
           impact++)
        {
          g_assert_cmpint (impact->client, <, DAV_N_CLIENTS);
          /* One impact per client. */
          g_assert_false (clients[impact->client]);
          clients[impact->client] = TRUE;
          g_assert_cmpint (impact->effect, >=, DAV_CLIENT_EFFECT_UNKNOWN);
          g_assert_cmpint (impact->effect, <=, DAV_CLIENT_EFFECT_BREAKS);
          g_assert_true (is_sentence (impact->what));
          g_assert_nonnull (impact->evidence);
          g_assert_cmpstr (impact->evidence, !=, "");
          /* docs/clients.md's Markdown is not carried over. */
          g_assert_null (strstr (impact->evidence, "**"));
          g_assert_null (strchr (impact->evidence, '`'));
          g_assert_null (strchr (impact->what, '`'));
          /* Evidence is a mark of docs/clients.md first. */
          if (impact->effect == DAV_CLIENT_EFFECT_UNKNOWN)
            g_assert_true (g_str_has_prefix (impact->evidence, "?") || g_str_has_prefix (impact->evidence, "R ")
                           || g_str_has_prefix (impact->evidence, "S"));
          else
            g_assert_true (g_str_has_prefix (impact->evidence, "S") || g_str_has_prefix (impact->evidence, "R ")
                           || g_str_has_prefix (impact->evidence, "D "));
        }
    }

  /* 38 from docs/clients.md and more of our own. */
  g_assert_cmpuint (n, >=, 90);
}

/* What the sections of docs/clients.md and the brief for the doctor
 * settle; the rest follows the RFCs' MUST and SHOULD. */
static void
test_severities (void)
{
  static const struct {
    const char        *id;
    DavDoctorSeverity  severity;
  } expected[] = {
    { "options-class2-without-1", DAV_DOCTOR_ERROR },
    { "options-no-dav-header", DAV_DOCTOR_ERROR },
    { "propfind-200-not-207", DAV_DOCTOR_ERROR },
    { "depth-infinity", DAV_DOCTOR_ERROR },
    { "depth-infinity-refused-no-precondition", DAV_DOCTOR_WARNING },
    { "collection-redirect-301", DAV_DOCTOR_INFO },
    { "multistatus-default-namespace", DAV_DOCTOR_INFO },
    { "basic-over-http", DAV_DOCTOR_WARNING },
    { "copymove-overwrite-collection-409", DAV_DOCTOR_ERROR },
    { "overwrite-f-ignored", DAV_DOCTOR_ERROR },
    { "delete-locked-member", DAV_DOCTOR_ERROR },
    { "proppatch-unsupported", DAV_DOCTOR_WARNING },
    { "lock-unmapped-200", DAV_DOCTOR_WARNING },
    { "body-without-content-type-refused", DAV_DOCTOR_INFO },
    { "if-bad-token-status", DAV_DOCTOR_WARNING },
    { "proppatch-set-remove-order", DAV_DOCTOR_ERROR },
    { "mkcol-missing-parent-not-409", DAV_DOCTOR_ERROR },
    { "copymove-missing-parent-not-409", DAV_DOCTOR_WARNING },
    { "copymove-made-parents", DAV_DOCTOR_ERROR },
    { "mkcol-existing-not-405", DAV_DOCTOR_WARNING },
    { "if-unmodified-since-clock", DAV_DOCTOR_WARNING },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const DavDoctorFault *fault = dav_doctor_fault_lookup (expected[i].id);

      g_test_message ("fault %s", expected[i].id);
      g_assert_nonnull (fault);
      g_assert_cmpint (fault->severity, ==, expected[i].severity);
    }
}

static char *
read_clients_md (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "clients.md", NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

/* "### `options-no-dav-header`" */
static char *
heading_id (const char *line)
{
  const char *end;

  if (!g_str_has_prefix (line, "### `"))
    return NULL;

  line += strlen ("### `");
  end = strchr (line, '`');
  g_assert_nonnull (end);

  return g_strndup (line, end - line);
}

static void
test_clients_md_ids (void)
{
  g_autofree char *text = read_clients_md ();
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *id = heading_id (lines[i]);
      const DavDoctorFault *fault;

      if (id == NULL)
        continue;

      g_test_message ("docs/clients.md fault %s", id);
      fault = dav_doctor_fault_lookup (id);
      g_assert_nonnull (fault);
      /* Researched faults say what they do to every client. */
      g_assert_nonnull (fault->impacts);
      n++;
    }

  g_assert_cmpuint (n, ==, 38);
}

/* The first letter of a matrix cell: "B (R)" is B, "n/a" is n/a. */
static DavClientEffect
cell_effect (const char *cell)
{
  if (g_str_has_prefix (cell, "n/a"))
    return DAV_CLIENT_EFFECT_NA;

  switch (cell[0])
    {
    case 'B':
      return DAV_CLIENT_EFFECT_BREAKS;
    case 'D':
      return DAV_CLIENT_EFFECT_DEGRADES;
    case 'C':
      return DAV_CLIENT_EFFECT_COPES;
    case '?':
      return DAV_CLIENT_EFFECT_UNKNOWN;
    default:
      g_error ("Unknown matrix cell “%s”", cell);
    }
}

static const DavClientImpact *
find_impact (const DavDoctorFault *fault,
             DavClientApp          client)
{
  for (const DavClientImpact *impact = fault->impacts;
       impact != NULL && impact->client != DAV_N_CLIENTS;
       impact++)
    if (impact->client == client)
      return impact;

  return NULL;
}

static void
test_clients_md_matrix (void)
{
  /* The matrix's columns, in the order of DavClientApp. */
  static const char *const columns[] = {
    "fault", "gvfs", "KIO", "Finder", "Windows", "rclone", "davfs2", "Cyberduck",
  };
  g_autofree char *text = read_clients_md ();
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean in_matrix = FALSE;
  guint rows = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (columns) == DAV_N_CLIENTS + 1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      g_autofree char *id = NULL;
      const DavDoctorFault *fault;

      if (g_str_has_prefix (lines[i], "## "))
        in_matrix = g_str_equal (lines[i], "## Summary matrix");
      if (!in_matrix || !g_str_has_prefix (lines[i], "| "))
        continue;

      /* "| `id` | B | n/a | ... |": an empty cell before the first bar
       * and after the last. */
      cells = g_strsplit (lines[i], "|", -1);
      g_assert_cmpuint (g_strv_length (cells), ==, DAV_N_CLIENTS + 3);
      for (guint c = 0; cells[c] != NULL; c++)
        g_strstrip (cells[c]);

      if (g_str_equal (cells[1], "fault"))
        {
          for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
            g_assert_cmpstr (cells[c + 1], ==, columns[c]);
          continue;
        }
      if (g_str_has_prefix (cells[1], "---"))
        continue;

      g_assert_true (g_str_has_prefix (cells[1], "`") && g_str_has_suffix (cells[1], "`"));
      id = g_strndup (cells[1] + 1, strlen (cells[1]) - 2);
      fault = dav_doctor_fault_lookup (id);
      g_assert_nonnull (fault);

      for (guint client = 0; client < DAV_N_CLIENTS; client++)
        {
          const DavClientImpact *impact = find_impact (fault, client);

          g_test_message ("%s, %s: “%s”", id, columns[client + 1], cells[client + 2]);
          g_assert_nonnull (impact);
          g_assert_cmpstr (dav_client_effect_to_string (impact->effect), ==,
                           dav_client_effect_to_string (cell_effect (cells[client + 2])));
        }
      rows++;
    }

  g_assert_cmpuint (rows, ==, 38);
}

static void
assert_clients_line (const char *id,
                     const char *expected)
{
  const DavDoctorFault *fault = dav_doctor_fault_lookup (id);
  g_autofree char *line = NULL;

  g_assert_nonnull (fault);
  line = dav_doctor_fault_dup_clients_line (fault);
  g_assert_cmpstr (line, ==, expected);
}

static void
test_clients_line (void)
{
  /* One client, two, many; breaks, degrades, both. */
  assert_clients_line ("options-class2-without-1", "Breaks davfs2.");
  assert_clients_line ("propfind-200-not-207", "Breaks GNOME Files and davfs2.");
  assert_clients_line ("options-no-class-2", "Breaks Windows Explorer; degrades macOS Finder and davfs2.");
  assert_clients_line ("href-foreign",
                       "Breaks rclone and davfs2; degrades GNOME Files, KDE Dolphin, macOS Finder and Cyberduck.");
  assert_clients_line ("quota-props-missing",
                       "Degrades GNOME Files, KDE Dolphin, macOS Finder, rclone, davfs2 and Cyberduck.");
  assert_clients_line ("multistatus-malformed",
                       "Breaks GNOME Files, KDE Dolphin, macOS Finder, Windows Explorer, rclone, davfs2 and Cyberduck.");
  /* Copes, n/a and unknown break nothing. */
  assert_clients_line ("collection-href-no-slash", "No known client depends on it.");
  assert_clients_line ("depth-infinity", "No known client depends on it.");
  /* No research at all: not the same as nothing breaking. */
  assert_clients_line ("href-duplicate", "No client study covers this fault.");
}

static void
test_words (void)
{
  static const char *const apps[] = {
    "gvfs", "kio", "finder", "windows", "rclone", "davfs2", "cyberduck",
  };
  static const char *const effects[] = { "unknown", "n/a", "copes", "degrades", "breaks" };

  for (guint client = 0; client < DAV_N_CLIENTS; client++)
    {
      g_assert_cmpstr (dav_client_app_to_string (client), ==, apps[client]);
      g_assert_nonnull (dav_client_app_get_name (client));
    }
  g_assert_cmpstr (dav_client_app_get_name (DAV_CLIENT_GVFS), ==, "GNOME Files");
  g_assert_cmpstr (dav_client_app_get_name (DAV_CLIENT_WINDOWS), ==, "Windows Explorer");

  for (guint effect = DAV_CLIENT_EFFECT_UNKNOWN; effect <= DAV_CLIENT_EFFECT_BREAKS; effect++)
    {
      g_assert_cmpstr (dav_client_effect_to_string (effect), ==, effects[effect]);
      g_assert_nonnull (dav_client_effect_get_label (effect));
    }
  g_assert_cmpstr (dav_client_effect_get_label (DAV_CLIENT_EFFECT_NA), ==, "not affected");

  g_assert_cmpstr (dav_doctor_severity_to_string (DAV_DOCTOR_ERROR), ==, "error");
  g_assert_cmpstr (dav_doctor_severity_to_string (DAV_DOCTOR_WARNING), ==, "warning");
  g_assert_cmpstr (dav_doctor_severity_to_string (DAV_DOCTOR_INFO), ==, "info");
  g_assert_cmpstr (dav_doctor_severity_get_label (DAV_DOCTOR_ERROR), ==, "Error");
  g_assert_cmpstr (dav_doctor_severity_get_label (DAV_DOCTOR_WARNING), ==, "Warning");
  g_assert_cmpstr (dav_doctor_severity_get_label (DAV_DOCTOR_INFO), ==, "Info");

  if (g_test_undefined ())
    {
      g_test_expect_message ("DavCore", G_LOG_LEVEL_CRITICAL, "*value < n_words*");
      g_assert_null (dav_client_app_to_string (DAV_N_CLIENTS));
      g_test_assert_expected_messages ();
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* First: the table is built by the threads. */
  g_test_add_func ("/doctor-faults/lookup-threads", test_lookup_threads);
  g_test_add_func ("/doctor-faults/lookup", test_lookup);
  g_test_add_func ("/doctor-faults/entries-complete", test_entries_complete);
  g_test_add_func ("/doctor-faults/severities", test_severities);
  g_test_add_func ("/doctor-faults/clients-md-ids", test_clients_md_ids);
  g_test_add_func ("/doctor-faults/clients-md-matrix", test_clients_md_matrix);
  g_test_add_func ("/doctor-faults/clients-line", test_clients_line);
  g_test_add_func ("/doctor-faults/words", test_words);

  return g_test_run ();
}
