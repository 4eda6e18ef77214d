/* davscope-server-info.c: what the server says about itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwWindow holding an AdwPreferencesPage, filled when the OPTIONS and
 * the quota PROPFIND have answered. Server text goes into plain labels,
 * escaped.
 */

#include "davscope-server-info.h"

#include <glib/gi18n.h>

#include "dav-status.h"
#include "dav-text.h"
#include "davscope-info-window.h"

typedef struct {
  GtkWidget  *window;
  GtkWidget  *stack;
  GtkWidget  *page;
  DavClient  *client;
  char       *url;
  DavResult  *options;
  DavResult  *quota;
  guint       pending;
} Info;

static void
info_free (Info *info)
{
  g_object_unref (info->window);
  g_object_unref (info->client);
  g_free (info->url);
  g_clear_pointer (&info->options, dav_result_unref);
  g_clear_pointer (&info->quota, dav_result_unref);
  g_free (info);
}

static GtkWidget *
add_group (Info       *info,
           const char *title)
{
  return davscope_info_group_new (info->page, title, NULL);
}

/* A header's list as people write it, "OPTIONS, GET, HEAD": after a
 * comma alone a line may not break (UAX #14), so "OPTIONS,GET,HEAD"
 * would wrap inside a method; with a space it wraps between them. */
static char *
spaced_list (const char *list)
{
  g_auto(GStrv) items = g_strsplit (list, ",", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; items[i] != NULL; i++)
    if (*g_strstrip (items[i]) != '\0')
      g_ptr_array_add (kept, items[i]);
  g_ptr_array_add (kept, NULL);

  return g_strjoinv (", ", (char **) kept->pdata);
}

/* "1, 2, 3": what each class lets Davscope do. */
static char *
describe_classes (const char *dav)
{
  g_auto(GStrv) classes = g_strsplit (dav, ",", -1);
  g_autofree char *spaced = spaced_list (dav);
  gboolean locking = FALSE;

  for (guint i = 0; classes[i] != NULL; i++)
    {
      g_strstrip (classes[i]);
      locking |= g_str_equal (classes[i], "2") || g_str_equal (classes[i], "3");
    }

  return g_strdup_printf ("%s — %s", spaced,
                          locking ? _("files and folders, properties and locking")
                                  : _("files and folders and properties, no locking"));
}

static void
show_failure (Info      *info,
              DavResult *result)
{
  GtkWidget *group = add_group (info, _("The Server Did Not Answer OPTIONS"));
  DavStatusInfo status;
  g_autofree char *code = g_strdup_printf ("%u %s", result->status, result->reason ? result->reason : "");

  dav_status_lookup (result->status, &status);
  davscope_info_add_value (group, _("Status"), code);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), status.explanation);
}

static void
fill (Info *info)
{
  DavResult *options = info->options;
  GtkWidget *group;

  if (options != NULL && !SOUP_STATUS_IS_SUCCESSFUL (options->status))
    show_failure (info, options);
  else if (options != NULL)
    {
      const char *dav = soup_message_headers_get_list (options->headers, "DAV");
      const char *allow = soup_message_headers_get_list (options->headers, "Allow");
      const char *server = soup_message_headers_get_one (options->headers, "Server");

      group = add_group (info, _("WebDAV"));
      davscope_info_add_value (group, _("Address"), info->url);
      if (dav != NULL)
        {
          g_autofree char *described = describe_classes (dav);

          davscope_info_add_value (group, _("Compliance classes"), described);
        }
      else
        davscope_info_add_value (group, _("Compliance classes"), _("none: the server does not say it speaks WebDAV here"));
      if (allow != NULL)
        {
          g_autofree char *methods = spaced_list (allow);

          davscope_info_add_value (group, _("Allowed methods"), methods);
        }
      else
        davscope_info_add_value (group, _("Allowed methods"), _("not listed"));
      davscope_info_add_value (group, _("Server software"), server ? server : _("not named"));
    }

  group = add_group (info, _("Storage"));
  if (info->quota != NULL && dav_result_has_multistatus (info->quota) && info->quota->body->responses->len > 0)
    {
      const DavResponse *response = g_ptr_array_index (info->quota->body->responses, 0);
      const DavProperty *available = dav_response_find_property (response, "DAV:", "quota-available-bytes");
      const DavProperty *used = dav_response_find_property (response, "DAV:", "quota-used-bytes");
      gboolean any = FALSE;

      for (guint i = 0; i < 2; i++)
        {
          const DavProperty *property = i == 0 ? used : available;
          const char *title = i == 0 ? _("Used") : _("Available");
          guint64 bytes;

          if (property == NULL || property->status != 200 || property->value == NULL)
            continue;
          any = TRUE;
          if (g_ascii_string_to_unsigned (property->value, 10, 0, G_MAXUINT64, &bytes, NULL))
            {
              g_autofree char *size = g_format_size (bytes);

              davscope_info_add_value (group, title, size);
            }
          else
            davscope_info_add_value (group, title, property->value);
        }
      if (!any)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _("The server does not report how much space is used or left (RFC 4331 quota properties)."));
    }
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("The server does not report how much space is used or left (RFC 4331 quota properties)."));

  gtk_stack_set_visible_child_name (GTK_STACK (info->stack), "page");
}

static void
on_answer (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Info *info = user_data;
  g_autoptr(GError) error = NULL;
  gboolean is_options = g_async_result_is_tagged (res, dav_client_options_async);
  DavResult *result = is_options
                      ? dav_client_options_finish (DAV_CLIENT (source), res, &error)
                      : dav_client_propfind_finish (DAV_CLIENT (source), res, &error);

  if (result != NULL && is_options)
    info->options = result;
  else if (result != NULL)
    info->quota = result;
  else if (info->options == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GtkWidget *group = add_group (info, _("No Answer"));

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), error->message);
    }

  if (--info->pending > 0)
    return;

  fill (info);
  info_free (info);
}

void
davscope_server_info_show (GtkWindow *parent,
                           DavClient *client)
{
  g_autoptr(DavPropfind) quota = NULL;
  Info *info;
  static const char * const quota_names[] = {
    "{DAV:}quota-available-bytes", "{DAV:}quota-used-bytes", NULL
  };

  g_return_if_fail (DAV_IS_CLIENT (client));

  info = g_new0 (Info, 1);
  info->client = g_object_ref (client);
  info->url = g_strdup (dav_client_get_base_url (client));
  info->window = g_object_ref_sink (davscope_info_window_new (parent, _("Server Information"), 560, 480,
                                                               &info->stack));
  info->page = adw_preferences_page_new ();
  gtk_stack_add_named (GTK_STACK (info->stack), info->page, "page");
  gtk_window_present (GTK_WINDOW (info->window));

  info->pending = 2;
  dav_client_options_async (client, info->url, NULL, on_answer, info);
  quota = dav_propfind_new (DAV_DEPTH_0, DAV_PROPFIND_PROP, quota_names);
  dav_client_propfind_async (client, info->url, quota, NULL, on_answer, info);
}
