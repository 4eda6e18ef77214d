/* davscope-places.c: the application's saved servers and bookmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The secrets of a server are keyed by the place's id in the keyring, one
 * item for the password, one per extra header and one for its client
 * certificate's password (a PKCS#12 file's), so renaming a server
 * or changing its URL keeps them. Like davscope-credentials.c, a keyring
 * that is not there (no Secret Service, as under CI) is noted once and
 * the secrets stay in memory for the run.
 */

#include "davscope-places.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "dav-client-certificate.h"
#include "davscope-credentials.h"

static const SecretSchema server_schema = {
  .name = "io.github.davscope.Davscope.Server",
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { "id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },     /* "password", "header" or "certificate" */
    { "header", SECRET_SCHEMA_ATTRIBUTE_STRING },   /* the header's name */
    { NULL, 0 },
  },
};

/* What is known of one server's secrets. */
typedef struct {
  char  *password;
  GStrv  header_values;   /* one per header name; "" when unknown */
  char  *certificate_password;   /* the client certificate's, or NULL */
  guint  serial;          /* changes when a header value or the certificate's password does */
} Secrets;

static DavPlaceList *default_list;
static GHashTable   *known_secrets;    /* place id -> Secrets */
static gboolean      keyring_absent;

static void
wipe_string (char *text)
{
  if (text != NULL)
    explicit_bzero (text, strlen (text));
}

static void
secrets_free (gpointer data)
{
  Secrets *secrets = data;

  wipe_string (secrets->password);
  g_free (secrets->password);
  wipe_string (secrets->certificate_password);
  g_free (secrets->certificate_password);
  for (guint i = 0; secrets->header_values != NULL && secrets->header_values[i] != NULL; i++)
    wipe_string (secrets->header_values[i]);
  g_strfreev (secrets->header_values);
  g_free (secrets);
}

static GHashTable *
get_known_secrets (void)
{
  if (known_secrets == NULL)
    known_secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, secrets_free);

  return known_secrets;
}

static char *
places_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "davscope", "servers.ini", NULL);
}

/* ---- the list ----------------------------------------------------------- */

DavPlaceList *
davscope_places_get_default (void)
{
  g_autofree char *path = NULL;
  g_autofree char *bookmarks = NULL;
  g_autoptr(GError) error = NULL;
  int imported;

  if (default_list != NULL)
    return default_list;

  default_list = dav_place_list_new ();
  path = places_path ();
  if (!dav_place_list_load (default_list, path, &error))
    {
      /* Not overwritten with an empty list by the next save. */
      g_warning ("The saved servers in %s cannot be read: %s", path, error->message);
      return default_list;
    }

  if (dav_place_list_get_imported (default_list))
    return default_list;

  /* The first start: GNOME Files' WebDAV bookmarks, once (removing one
   * later does not bring it back). */
  bookmarks = g_build_filename (g_get_user_config_dir (), "gtk-3.0", "bookmarks", NULL);
  imported = dav_place_list_import_gtk_bookmarks (default_list, bookmarks, &error);
  if (imported < 0 && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_debug ("GNOME Files' bookmarks not imported: %s", error->message);
  else if (imported > 0)
    g_debug ("Imported %d WebDAV bookmarks of GNOME Files", imported);
  dav_place_list_set_imported (default_list, TRUE);
  davscope_places_save ();

  return default_list;
}

void
davscope_places_save (void)
{
  g_autofree char *path = places_path ();
  g_autoptr(GError) error = NULL;

  if (default_list != NULL && !dav_place_list_save (default_list, path, &error))
    g_warning ("The saved servers cannot be written to %s: %s", path, error->message);
}

void
davscope_places_configure (DavClient        *client,
                           DavResourceStore *store)
{
  DavPlace *server;
  Secrets *secrets;
  const char * const *names;
  g_autoptr(GStrvBuilder) known_names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) known_values = g_strv_builder_new ();
  g_auto(GStrv) header_names = NULL;
  g_auto(GStrv) header_values = NULL;

  g_return_if_fail (DAV_IS_CLIENT (client));

  server = dav_place_list_find_server_for (davscope_places_get_default (), dav_client_get_base_url (client));
  if (server == NULL)
    return;

  if (dav_place_get_connections (server) > 0)
    dav_client_set_max_connections (client, dav_place_get_connections (server));
  if (store != NULL && dav_place_get_properties (server) != NULL)
    dav_resource_store_set_properties (store, dav_place_get_properties (server));
  /* No proxy of its own: the system's, libsoup's default (GIO's resolver). */
  if (dav_place_get_proxy (server) != NULL)
    dav_client_set_proxy (client, dav_place_get_proxy (server));
  secrets = g_hash_table_lookup (get_known_secrets (), dav_place_get_id (server));
  if (dav_place_get_client_certificate (server) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GTlsCertificate) certificate =
        dav_client_certificate_load (dav_place_get_client_certificate (server),
                                     secrets != NULL ? secrets->certificate_password : NULL, &error);

      /* Checked when it was saved; the file may have gone since. The
       * server's refusal then explains it (davscope-browser-view.c). */
      if (certificate != NULL)
        dav_client_set_client_certificate (client, certificate);
      else
        g_message ("%s", error->message);
    }

  names = dav_place_get_header_names (server);
  for (guint i = 0; secrets != NULL && names[i] != NULL; i++)
    if (secrets->header_values != NULL && i < g_strv_length (secrets->header_values) &&
        *secrets->header_values[i] != '\0')
      {
        g_strv_builder_add (known_names, names[i]);
        g_strv_builder_add (known_values, secrets->header_values[i]);
      }

  header_names = g_strv_builder_end (known_names);
  header_values = g_strv_builder_end (known_values);
  if (header_names[0] != NULL)
    dav_client_set_extra_headers (client, (const char * const *) header_names,
                                  (const char * const *) header_values);
}

/* ---- the keyring -------------------------------------------------------- */

static void
keyring_failed (const char   *what,
                const GError *error)
{
  if (error->domain == G_DBUS_ERROR ||
      (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED))
    keyring_absent = TRUE;

  g_debug ("Keyring: could not %s: %s; keeping the server's secrets in memory only", what, error->message);
}

/* A keyring update outlives the last window: the application waits for it. */
static void
hold_application (void)
{
  if (g_application_get_default () != NULL)
    g_application_hold (g_application_get_default ());
}

static void
release_application (void)
{
  if (g_application_get_default () != NULL)
    g_application_release (g_application_get_default ());
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    keyring_failed ("store a server's secret", error);

  release_application ();
}

static void
store_secret (DavPlace   *place,
              const char *kind,
              const char *header,
              const char *secret)
{
  g_autofree char *label = NULL;

  if (header != NULL)
    /* Translators: the label of a keyring item; %s are a saved server's name and a header's name. */
    label = g_strdup_printf (_("Davscope: the %2$s header for %1$s"), dav_place_get_name (place), header);
  else if (g_str_equal (kind, "certificate"))
    /* Translators: the label of a keyring item; %s is a saved server's name. */
    label = g_strdup_printf (_("Davscope: the client certificate’s password for %s"), dav_place_get_name (place));
  else
    /* Translators: the label of a keyring item; %s is a saved server's name. */
    label = g_strdup_printf (_("Davscope: the password for %s"), dav_place_get_name (place));

  hold_application ();
  secret_password_store (&server_schema, SECRET_COLLECTION_DEFAULT, label, secret, NULL, store_cb, NULL,
                         "id", dav_place_get_id (place),
                         "kind", kind,
                         "header", header != NULL ? header : "",
                         NULL);
}

typedef struct {
  DavPlace *place;
  char     *password;
  GStrv     header_values;
  char     *certificate_password;
} StoreAll;

static void
store_all_free (StoreAll *store)
{
  g_object_unref (store->place);
  wipe_string (store->password);
  g_free (store->password);
  g_strfreev (store->header_values);
  wipe_string (store->certificate_password);
  g_free (store->certificate_password);
  g_free (store);
}

static void
clear_then_store_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  StoreAll *store = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error: there was nothing to remove. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    keyring_failed ("remove a server's secrets", error);

  if (!keyring_absent && store->password != NULL && *store->password != '\0')
    store_secret (store->place, "password", NULL, store->password);

  if (!keyring_absent && store->header_values != NULL)
    {
      const char * const *names = dav_place_get_header_names (store->place);

      for (guint i = 0; names[i] != NULL && store->header_values[i] != NULL; i++)
        if (*store->header_values[i] != '\0')
          store_secret (store->place, "header", names[i], store->header_values[i]);
    }

  if (!keyring_absent && store->certificate_password != NULL && *store->certificate_password != '\0')
    store_secret (store->place, "certificate", NULL, store->certificate_password);

  store_all_free (store);
  release_application ();
}

static gboolean
strv_equal_or_empty (const char * const *a,
                     const char * const *b)
{
  static const char * const none[] = { NULL };

  return g_strv_equal (a != NULL ? a : none, b != NULL ? b : none);
}

void
davscope_places_set_secrets (DavPlace           *place,
                             const char         *password,
                             const char * const *header_values,
                             const char         *certificate_password)
{
  Secrets *previous;
  Secrets *secrets;
  StoreAll *store;

  g_return_if_fail (DAV_IS_PLACE (place));

  previous = g_hash_table_lookup (get_known_secrets (), dav_place_get_id (place));
  secrets = g_new0 (Secrets, 1);
  secrets->password = g_strdup (password);
  secrets->header_values = g_strdupv ((GStrv) header_values);
  secrets->certificate_password = g_strdup (certificate_password);
  /* The login itself is answered per challenge (davscope-credentials.c);
   * what a client is made with must make open tabs connect again. */
  if (previous != NULL)
    secrets->serial = previous->serial +
                      (g_strcmp0 (previous->certificate_password, certificate_password) != 0 ||
                       !strv_equal_or_empty ((const char * const *) previous->header_values, header_values));
  g_hash_table_replace (get_known_secrets (), g_strdup (dav_place_get_id (place)), secrets);
  davscope_credentials_preset (dav_place_get_url (place), dav_place_get_user (place), password);

  if (keyring_absent)
    return;

  store = g_new0 (StoreAll, 1);
  store->place = g_object_ref (place);
  store->password = g_strdup (password);
  store->header_values = g_strdupv ((GStrv) header_values);
  store->certificate_password = g_strdup (certificate_password);
  hold_application ();
  secret_password_clear (&server_schema, NULL, clear_then_store_cb, store,
                         "id", dav_place_get_id (place), NULL);
}

static void
forget_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    keyring_failed ("remove a server's secrets", error);

  release_application ();
}

void
davscope_places_forget_secrets (DavPlace *place)
{
  g_return_if_fail (DAV_IS_PLACE (place));

  g_hash_table_remove (get_known_secrets (), dav_place_get_id (place));
  davscope_credentials_preset (dav_place_get_url (place), NULL, NULL);
  if (keyring_absent)
    return;

  hold_application ();
  secret_password_clear (&server_schema, NULL, forget_cb, NULL, "id", dav_place_get_id (place), NULL);
}

/* ---- reading them back -------------------------------------------------- */

/* One server's secrets being read: the password, then each header. */
typedef struct {
  DavPlace *place;
  Secrets  *secrets;
  guint     next;        /* 0: the password; i + 1: header i; then the certificate's */
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->place);
  if (load->secrets != NULL)
    secrets_free (load->secrets);
  g_free (load);
}

static void load_next (GTask *task);

static void
load_done (GTask *task)
{
  Load *load = g_task_get_task_data (task);
  Secrets *secrets = g_steal_pointer (&load->secrets);

  g_debug ("Keyring: read the secrets of the server %s", dav_place_get_id (load->place));

  g_hash_table_replace (get_known_secrets (), g_strdup (dav_place_get_id (load->place)), secrets);
  if (secrets->password != NULL)
    davscope_credentials_preset (dav_place_get_url (load->place), dav_place_get_user (load->place),
                                 secrets->password);
  g_task_return_boolean (task, TRUE);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      keyring_failed ("read a server's secret", error);
      if (keyring_absent)
        {
          load_done (task);
          return;
        }
    }

  if (load->next == 0)
    load->secrets->password = g_strdup (secret);
  else if (load->next > g_strv_length (load->secrets->header_values))
    load->secrets->certificate_password = g_strdup (secret);
  else if (secret != NULL)
    {
      g_free (load->secrets->header_values[load->next - 1]);
      load->secrets->header_values[load->next - 1] = g_strdup (secret);
    }
  secret_password_free (secret);

  load->next++;
  load_next (g_steal_pointer (&task));
}

static void
load_next (GTask *task)
{
  Load *load = g_task_get_task_data (task);
  const char * const *names = dav_place_get_header_names (load->place);
  guint n_headers = g_strv_length ((GStrv) names);

  /* The certificate's password only where there is a certificate. */
  if (load->next > n_headers + (dav_place_get_client_certificate (load->place) != NULL ? 1 : 0))
    {
      load_done (task);
      g_object_unref (task);
      return;
    }

  if (load->next == 0)
    secret_password_lookup (&server_schema, g_task_get_cancellable (task), lookup_cb, task,
                            "id", dav_place_get_id (load->place),
                            "kind", "password",
                            "header", "",
                            NULL);
  else if (load->next > n_headers)
    secret_password_lookup (&server_schema, g_task_get_cancellable (task), lookup_cb, task,
                            "id", dav_place_get_id (load->place),
                            "kind", "certificate",
                            "header", "",
                            NULL);
  else
    secret_password_lookup (&server_schema, g_task_get_cancellable (task), lookup_cb, task,
                            "id", dav_place_get_id (load->place),
                            "kind", "header",
                            "header", names[load->next - 1],
                            NULL);
}

void
davscope_places_load_secrets_async (DavPlace            *place,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Load *load;
  guint n_headers;

  g_return_if_fail (DAV_IS_PLACE (place));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, davscope_places_load_secrets_async);

  if (keyring_absent || g_hash_table_contains (get_known_secrets (), dav_place_get_id (place)))
    {
      Secrets *known = g_hash_table_lookup (get_known_secrets (), dav_place_get_id (place));

      if (known != NULL && known->password != NULL)
        davscope_credentials_preset (dav_place_get_url (place), dav_place_get_user (place), known->password);
      g_task_return_boolean (task, TRUE);
      return;
    }

  n_headers = g_strv_length ((GStrv) dav_place_get_header_names (place));
  load = g_new0 (Load, 1);
  load->place = g_object_ref (place);
  load->secrets = g_new0 (Secrets, 1);
  load->secrets->header_values = g_new0 (char *, n_headers + 1);
  for (guint i = 0; i < n_headers; i++)
    load->secrets->header_values[i] = g_strdup ("");
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);

  load_next (g_steal_pointer (&task));
}

void
davscope_places_load_secrets_finish (GAsyncResult *result)
{
  g_task_propagate_boolean (G_TASK (result), NULL);
}

gboolean
davscope_places_secrets_known (DavPlace *place)
{
  g_return_val_if_fail (DAV_IS_PLACE (place), FALSE);

  return keyring_absent || g_hash_table_contains (get_known_secrets (), dav_place_get_id (place));
}

char *
davscope_places_dup_connection_setup (const char *url)
{
  DavPlace *server = dav_place_list_find_server_for (davscope_places_get_default (), url);
  Secrets *secrets;
  g_autofree char *names = NULL;

  if (server == NULL)
    return g_strdup ("");

  secrets = g_hash_table_lookup (get_known_secrets (), dav_place_get_id (server));
  names = g_strjoinv ("\n", (GStrv) dav_place_get_header_names (server));

  /* No secret in it, only whether one changed. */
  return g_strdup_printf ("%s\n%s\n%s\n%u",
                          dav_place_get_proxy (server) != NULL ? dav_place_get_proxy (server) : "",
                          dav_place_get_client_certificate (server) != NULL
                            ? dav_place_get_client_certificate (server) : "",
                          names, secrets != NULL ? secrets->serial : 0);
}

char *
davscope_places_dup_password (DavPlace *place)
{
  Secrets *secrets = g_hash_table_lookup (get_known_secrets (), dav_place_get_id (place));

  return secrets != NULL ? g_strdup (secrets->password) : NULL;
}

char *
davscope_places_dup_certificate_password (DavPlace *place)
{
  Secrets *secrets = g_hash_table_lookup (get_known_secrets (), dav_place_get_id (place));

  return secrets != NULL ? g_strdup (secrets->certificate_password) : NULL;
}

GStrv
davscope_places_dup_header_values (DavPlace *place)
{
  Secrets *secrets = g_hash_table_lookup (get_known_secrets (), dav_place_get_id (place));

  return secrets != NULL ? g_strdupv (secrets->header_values) : NULL;
}
