/* dav-operation.c: the kinds of change a batch makes, and their words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One function holds the table: a row per operation with every word said
 * about it. The counts are plural forms, so the table is code rather than
 * a static array (xgettext finds a plural only in a g_dngettext call), and
 * each row formats them for the number asked about.
 */

#include "dav-operation.h"

#include <glib/gi18n-lib.h>

typedef struct {
  const char *method;
  gboolean    has_destination;
  const char *done_word;
  const char *report_title;   /* NULL: no report window runs it */
  char       *running_title;  /* for n items, or NULL */
  char       *done_count;     /* for n items, or NULL */
} Words;

static void
words_clear (Words *words)
{
  g_free (words->running_title);
  g_free (words->done_count);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Words, words_clear)

/* @format: a plural form from g_dngettext, formatted with what follows;
 * nothing unless @wanted. */
static char * G_GNUC_PRINTF (2, 3)
count (gboolean    wanted,
       const char *format,
       ...)
{
  va_list args;
  char *text;

  if (!wanted)
    return NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  return text;
}

/* @n: the number the counts are for; -1 for no counts. */
static void
lookup (DavOperation  operation,
        gint64        n,
        Words        *words)
{
  *words = (Words) { NULL };

  switch (operation)
    {
    case DAV_OPERATION_DELETE:
      words->method = "DELETE";
      words->done_word = C_("report outcome", "Deleted");
      words->report_title = _("Delete Report");
      words->running_title = count (n >= 0, g_dngettext (GETTEXT_PACKAGE, "Deleting %u Item", "Deleting %u Items", n), (guint) n);
      words->done_count = count (n >= 0, g_dngettext (GETTEXT_PACKAGE, "%u deleted", "%u deleted", n), (guint) n);
      break;

    case DAV_OPERATION_MKCOL:
      words->method = "MKCOL";
      words->done_word = C_("report outcome", "Created");
      words->report_title = _("New Folder Report");
      words->running_title = count (n >= 0, g_dngettext (GETTEXT_PACKAGE, "Creating %u Folder", "Creating %u Folders", n), (guint) n);
      words->done_count = count (n >= 0, g_dngettext (GETTEXT_PACKAGE, "%u created", "%u created", n), (guint) n);
      break;

    case DAV_OPERATION_COPY:
      words->method = "COPY";
      words->has_destination = TRUE;
      words->done_word = C_("report outcome", "Copied");
      words->report_title = _("Copy Report");
      words->running_title = count (n >= 0, g_dngettext (GETTEXT_PACKAGE, "Copying %u Item", "Copying %u Items", n), (guint) n);
      words->done_count = count (n >= 0, g_dngettext (GETTEXT_PACKAGE, "%u copied", "%u copied", n), (guint) n);
      break;

    case DAV_OPERATION_MOVE:
      words->method = "MOVE";
      words->has_destination = TRUE;
      words->done_word = C_("report outcome", "Moved");
      words->report_title = _("Move Report");
      words->running_title = count (n >= 0, g_dngettext (GETTEXT_PACKAGE, "Moving %u Item", "Moving %u Items", n), (guint) n);
      words->done_count = count (n >= 0, g_dngettext (GETTEXT_PACKAGE, "%u moved", "%u moved", n), (guint) n);
      break;

    case DAV_OPERATION_UPLOAD:
      words->method = "PUT";
      words->has_destination = TRUE;
      words->done_word = C_("report outcome", "Uploaded");
      words->report_title = _("Upload Report");
      words->running_title = count (n >= 0, g_dngettext (GETTEXT_PACKAGE, "Uploading %u File", "Uploading %u Files", n), (guint) n);
      words->done_count = count (n >= 0, g_dngettext (GETTEXT_PACKAGE, "%u uploaded", "%u uploaded", n), (guint) n);
      break;

    case DAV_OPERATION_DOWNLOAD:
      words->method = "GET";
      words->has_destination = TRUE;
      words->done_word = C_("report outcome", "Downloaded");
      words->report_title = _("Download Report");
      words->running_title = count (n >= 0, g_dngettext (GETTEXT_PACKAGE, "Downloading %u File", "Downloading %u Files", n), (guint) n);
      words->done_count = count (n >= 0, g_dngettext (GETTEXT_PACKAGE, "%u downloaded", "%u downloaded", n), (guint) n);
      break;

    case DAV_OPERATION_PROPPATCH:
      /* Run by the property editor, which has words of its own. */
      words->method = "PROPPATCH";
      words->done_word = C_("report outcome", "Saved");
      break;

    default:
      g_return_if_reached ();
    }
}

gboolean
dav_operation_from_method (const char   *method,
                           DavOperation *operation)
{
  g_return_val_if_fail (method != NULL, FALSE);

  for (DavOperation i = DAV_OPERATION_DELETE; i <= DAV_OPERATION_PROPPATCH; i++)
    if (g_str_equal (method, dav_operation_get_method (i)))
      {
        if (operation != NULL)
          *operation = i;
        return TRUE;
      }

  return FALSE;
}

const char *
dav_operation_get_method (DavOperation operation)
{
  g_auto(Words) words;

  lookup (operation, -1, &words);
  return words.method;
}

gboolean
dav_operation_has_destination (DavOperation operation)
{
  g_auto(Words) words;

  lookup (operation, -1, &words);
  return words.has_destination;
}

const char *
dav_operation_get_done_word (DavOperation operation)
{
  g_auto(Words) words;

  lookup (operation, -1, &words);
  return words.done_word;
}

const char *
dav_operation_get_report_title (DavOperation operation)
{
  g_auto(Words) words;

  lookup (operation, -1, &words);
  g_return_val_if_fail (words.report_title != NULL, "");
  return words.report_title;
}

char *
dav_operation_dup_running_title (DavOperation operation,
                                 guint        n)
{
  g_auto(Words) words;

  lookup (operation, n, &words);
  g_return_val_if_fail (words.running_title != NULL, g_strdup (""));
  return g_steal_pointer (&words.running_title);
}

char *
dav_operation_dup_done_count (DavOperation operation,
                              guint        n)
{
  g_auto(Words) words;

  lookup (operation, n, &words);
  g_return_val_if_fail (words.done_count != NULL, g_strdup (""));
  return g_steal_pointer (&words.done_count);
}
