/* davscope-credentials.c: answering a server's request for a login
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A challenge is answered from the password given earlier in this run
 * (kept in memory for the application's lifetime), else from the keyring,
 * else by asking. Challenges for the same server and realm that arrive
 * while one is being answered wait for that answer, so parallel requests
 * give one dialog, not four.
 *
 * The server's refusal is the only news about a password: a refused one
 * is forgotten from memory at once and the dialog says why it is back.
 * Basic over plain http shows the password to anyone on the path
 * (docs/hostile-servers.md case 35): the dialog says so and, for a host
 * other than this computer, Log In needs an explicit "Send it anyway",
 * once per run; a remembered password is never sent that way without it.
 *
 * Passwords are keyed by protocol, host:port and realm, so one typed for
 * https is never offered over http (docs/hostile-servers.md promise 4).
 *
 * A proxy's login (407) goes the same way under its own key, protocol
 * "proxy" and the proxy's host:port, in memory and in the keyring: the
 * dialog names the proxy, a server's password is never offered to it,
 * nor the proxy's to a server.
 */

#include "davscope-accessible.h"
#include "davscope-credentials.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "dav-text.h"
#include "davscope-ui-util.h"

#define REALM_SHOWN_MAX 120   /* characters of a server's realm in the dialog */

static const SecretSchema login_schema = {
  .name = "io.github.davscope.Davscope.Login",
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { "protocol", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "realm", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

/* One connection's handler: its window, weakly. */
typedef struct {
  GWeakRef parent;
} Attachment;

/* A password given in this run. */
typedef struct {
  char     *user;
  char     *password;
  gboolean  cleartext_ok;   /* the user agreed to Basic over plain http */
} Remembered;

/* One login being answered, and the challenges waiting for it. */
typedef struct {
  char       *key;            /* protocol://host:port, newline, realm */
  char       *protocol;       /* of the connection: "http" or "https" */
  char       *authority;      /* host:port, lower case */
  char       *realm;          /* as the server sent it; may be empty */
  char       *host_shown;     /* escaped, with the port when not the default */
  gboolean    proxy;          /* a proxy's login: authority is the proxy's */
  char       *server_shown;   /* for a proxy: the server behind it, escaped */
  gboolean    cleartext;      /* Basic over plain http */
  gboolean    loopback;
  gboolean    retrying;
  gboolean    answered;
  GPtrArray  *auths;          /* SoupAuth, strong */
  GWeakRef    parent;

  char       *known_user;     /* from memory or the keyring: fills the dialog */
  char       *known_password; /* idem; wiped when freed */
  gboolean    in_keyring;

  GtkWidget  *dialog;         /* owned by GTK while shown */
  GtkWidget  *user_entry;
  GtkWidget  *password_entry;
  GtkWidget  *remember_check;
  GtkWidget  *consent_check;  /* NULL unless needed */
} Login;

/* A keyring update: the old entries for the realm go, the new one comes. */
typedef struct {
  char *protocol;
  char *authority;
  char *realm;
  char *user;
  char *password;             /* wiped when freed */
  char *label;
} KeyringStore;

static GHashTable *remembered_logins;  /* key -> Remembered */
static GHashTable *preset_logins;      /* protocol://host:port -> Remembered */
static GHashTable *pending_logins;     /* key -> Login, not owned */
static gboolean    keyring_absent;     /* no Secret Service in this session */

static void login_ask (Login *login);

static void
wipe_string (char *text)
{
  if (text != NULL)
    explicit_bzero (text, strlen (text));
}

static void
remembered_free (gpointer data)
{
  Remembered *remembered = data;

  wipe_string (remembered->password);
  g_free (remembered->password);
  g_free (remembered->user);
  g_free (remembered);
}

static GHashTable *
get_remembered_logins (void)
{
  if (remembered_logins == NULL)
    remembered_logins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, remembered_free);

  return remembered_logins;
}

static GHashTable *
get_preset_logins (void)
{
  if (preset_logins == NULL)
    preset_logins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, remembered_free);

  return preset_logins;
}

static GHashTable *
get_pending_logins (void)
{
  if (pending_logins == NULL)
    pending_logins = g_hash_table_new (g_str_hash, g_str_equal);

  return pending_logins;
}

static void
remember_login (const char *key,
                const char *user,
                const char *password,
                gboolean    cleartext_ok)
{
  Remembered *remembered = g_new0 (Remembered, 1);

  remembered->user = g_strdup (user);
  remembered->password = g_strdup (password);
  remembered->cleartext_ok = cleartext_ok;
  g_hash_table_replace (get_remembered_logins (), g_strdup (key), remembered);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static char *
host_for_heading (GUri *base)
{
  const char *scheme = g_uri_get_scheme (base);
  const char *host = g_uri_get_host (base);
  int port = g_uri_get_port (base);
  gboolean default_port = port < 0 ||
                          (g_ascii_strcasecmp (scheme, "http") == 0 && port == 80) ||
                          (g_ascii_strcasecmp (scheme, "https") == 0 && port == 443);
  gboolean ipv6 = strchr (host, ':') != NULL;
  g_autofree char *text = NULL;

  if (default_port)
    text = ipv6 ? g_strdup_printf ("[%s]", host) : g_strdup (host);
  else
    text = g_strdup_printf (ipv6 ? "[%s]:%d" : "%s:%d", host, port);

  return dav_text_escape (text, -1);
}

/* A server's realm, safe and short enough for a label (promise 7). */
static char *
realm_for_display (const char *realm)
{
  g_autofree char *escaped = dav_text_escape (realm, -1);

  if (g_utf8_strlen (escaped, -1) <= REALM_SHOWN_MAX)
    return g_steal_pointer (&escaped);

  {
    g_autofree char *start = g_utf8_substring (escaped, 0, REALM_SHOWN_MAX);

    return g_strconcat (start, "…", NULL);
  }
}

/* ---- the keyring -------------------------------------------------------- */

/* Errors that mean there is no keyring to talk to (no Secret Service on
 * the bus, or no bus): typical under CI. Not worth asking again. */
static gboolean
keyring_error_means_absent (const GError *error)
{
  if (error->domain == G_DBUS_ERROR)
    return error->code == G_DBUS_ERROR_SERVICE_UNKNOWN ||
           error->code == G_DBUS_ERROR_NAME_HAS_NO_OWNER ||
           error->code == G_DBUS_ERROR_SPAWN_EXEC_FAILED ||
           error->code == G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND ||
           error->code == G_DBUS_ERROR_SPAWN_SERVICE_INVALID ||
           error->code == G_DBUS_ERROR_SPAWN_CHILD_EXITED ||
           error->code == G_DBUS_ERROR_SPAWN_FAILED;

  return error->domain == G_IO_ERROR &&
         error->code != G_IO_ERROR_CANCELLED &&
         error->code != G_IO_ERROR_TIMED_OUT;
}

static void
keyring_failed (const char   *what,
                const GError *error)
{
  if (keyring_error_means_absent (error))
    keyring_absent = TRUE;

  g_debug ("Keyring: could not %s: %s; keeping passwords in memory only", what, error->message);
}

/* A keyring update outlives the last window: the application waits for it. */
static void
hold_application (void)
{
  GApplication *application = g_application_get_default ();

  if (application != NULL)
    g_application_hold (application);
}

static void
release_application (void)
{
  GApplication *application = g_application_get_default ();

  if (application != NULL)
    g_application_release (application);
}

static void
keyring_store_free (KeyringStore *store)
{
  wipe_string (store->password);
  g_free (store->password);
  g_free (store->protocol);
  g_free (store->authority);
  g_free (store->realm);
  g_free (store->user);
  g_free (store->label);
  g_free (store);
}

static void
keyring_store_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree char *authority = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    keyring_failed ("store a password", error);
  else
    g_debug ("Keyring: stored a password for %s", authority);

  release_application ();
}

static void
keyring_replace_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  KeyringStore *store = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error: there was nothing to remove. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      keyring_failed ("remove a password", error);
      if (keyring_absent)
        {
          keyring_store_free (store);
          release_application ();
          return;
        }
    }

  if (store->password != NULL)
    {
      hold_application ();
      secret_password_store (&login_schema, SECRET_COLLECTION_DEFAULT, store->label, store->password,
                             NULL, keyring_store_cb, g_strdup (store->authority),
                             "protocol", store->protocol,
                             "server", store->authority,
                             "realm", store->realm,
                             "user", store->user,
                             NULL);
    }

  keyring_store_free (store);
  release_application ();
}

/* Replaces what the keyring holds for the login's realm with @user and
 * @password, or only removes it when @password is NULL. */
static void
keyring_replace (Login      *login,
                 const char *user,
                 const char *password)
{
  KeyringStore *store;

  if (keyring_absent)
    return;

  store = g_new0 (KeyringStore, 1);
  store->protocol = g_strdup (login->protocol);
  store->authority = g_strdup (login->authority);
  store->realm = g_strdup (login->realm);
  store->user = g_strdup (user);
  store->password = g_strdup (password);
  if (login->proxy)
    /* Translators: a keyring item's label; %1$s is a user name, %2$s a proxy's host:port. */
    store->label = g_strdup_printf (_("Davscope: %1$s at the proxy %2$s"), user, login->authority);
  else if (*login->realm != '\0')
    {
      g_autofree char *realm = realm_for_display (login->realm);

      store->label = g_strdup_printf (_("Davscope: %s at %s (%s)"), user, login->authority, realm);
    }
  else
    store->label = g_strdup_printf (_("Davscope: %s at %s"), user, login->authority);

  hold_application ();
  secret_password_clear (&login_schema, NULL, keyring_replace_cb, store,
                         "protocol", login->protocol,
                         "server", login->authority,
                         "realm", login->realm,
                         NULL);
}

/* ---- one login ---------------------------------------------------------- */

static void
login_add_auth (Login    *login,
                SoupAuth *auth)
{
  if (!g_ptr_array_find (login->auths, auth, NULL))
    g_ptr_array_add (login->auths, g_object_ref (auth));
}

static void
login_authenticate (Login      *login,
                    const char *user,
                    const char *password)
{
  for (guint i = 0; i < login->auths->len; i++)
    {
      SoupAuth *auth = g_ptr_array_index (login->auths, i);

      if (!soup_auth_is_authenticated (auth) && !soup_auth_is_cancelled (auth))
        soup_auth_authenticate (auth, user, password);
    }

  login->answered = TRUE;
}

static void
login_free (Login *login)
{
  g_free (login->key);
  g_free (login->protocol);
  g_free (login->authority);
  g_free (login->realm);
  g_free (login->host_shown);
  g_free (login->server_shown);
  g_ptr_array_unref (login->auths);
  g_weak_ref_clear (&login->parent);
  g_free (login->known_user);
  wipe_string (login->known_password);
  g_free (login->known_password);
  g_free (login);
}

/* The end of a login, answered or not: the requests that still wait get
 * their 401. */
static void
login_finish (Login *login)
{
  if (g_hash_table_lookup (get_pending_logins (), login->key) == login)
    g_hash_table_remove (get_pending_logins (), login->key);

  if (!login->answered)
    {
      for (guint i = 0; i < login->auths->len; i++)
        {
          SoupAuth *auth = g_ptr_array_index (login->auths, i);

          if (!soup_auth_is_authenticated (auth) && !soup_auth_is_cancelled (auth))
            soup_auth_cancel (auth);
        }
    }

  /* Its children go with it; they may be gone already (on "destroy"). */
  if (login->dialog != NULL)
    g_signal_handlers_disconnect_by_data (login->dialog, login);

  login_free (login);
}

/* What the keyring or memory gave, used without asking when it is safe. */
static void
login_continue (Login *login)
{
  /* A proxy's cleartext is the network's setting, warned about in the
   * dialog, not a reason to ask each time. */
  if (!login->retrying && login->known_user != NULL && login->known_password != NULL &&
      (login->proxy || !login->cleartext || login->loopback))
    {
      login_authenticate (login, login->known_user, login->known_password);
      remember_login (login->key, login->known_user, login->known_password, FALSE);
      login_finish (login);
      return;
    }

  login_ask (login);
}

static void
login_retrieve_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Login *login = user_data;
  g_autoptr(GError) error = NULL;
  SecretValue *value;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (source), result, &error);
  if (value == NULL)
    keyring_failed ("read a password", error);
  else
    {
      const char *text = secret_value_get_text (value);

      if (text != NULL)
        login->known_password = g_strdup (text);
      secret_value_unref (value);
    }

  login_continue (login);
}

static void
login_search_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Login *login = user_data;
  g_autoptr(GError) error = NULL;
  GList *items;
  SecretRetrievable *newest = NULL;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    keyring_failed ("look up a password", error);
  else
    g_debug ("Keyring: %u password(s) for %s", g_list_length (items), login->authority);

  for (GList *l = items; l != NULL; l = l->next)
    if (newest == NULL ||
        secret_retrievable_get_modified (l->data) > secret_retrievable_get_modified (newest))
      newest = l->data;

  if (newest != NULL)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (newest);
      const char *user = g_hash_table_lookup (attributes, "user");

      login->in_keyring = TRUE;
      if (login->known_user == NULL && user != NULL && *user != '\0')
        {
          login->known_user = g_strdup (user);
          if (!login->retrying)
            {
              g_object_ref (newest);
              g_list_free_full (items, g_object_unref);
              secret_retrievable_retrieve_secret (newest, NULL, login_retrieve_cb, login);
              g_object_unref (newest);
              return;
            }
        }
    }

  g_list_free_full (items, g_object_unref);
  login_continue (login);
}

/* A login for a server or a proxy is pending from here on: what the
 * keyring (or memory, without one) has for it is looked up first. */
static void
login_begin (Login    *login,
             SoupAuth *auth,
             gboolean  retrying)
{
  login_add_auth (login, auth);
  g_hash_table_insert (get_pending_logins (), login->key, login);

  if (keyring_absent)
    login_continue (login);
  else
    secret_password_search (&login_schema,
                            retrying ? SECRET_SEARCH_ALL : SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK,
                            NULL, login_search_cb, login,
                            "protocol", login->protocol,
                            "server", login->authority,
                            "realm", login->realm,
                            NULL);
}

/* ---- the dialog --------------------------------------------------------- */

static void
login_update_response (Login *login)
{
  const char *user = gtk_editable_get_text (GTK_EDITABLE (login->user_entry));
  gboolean consent = login->consent_check == NULL ||
                     gtk_check_button_get_active (GTK_CHECK_BUTTON (login->consent_check));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (login->dialog), "login",
                                           *user != '\0' && consent);
}

static void
login_changed_cb (Login *login)
{
  login_update_response (login);
}

static void
login_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Login            *login)
{
  if (g_str_equal (response, "login"))
    {
      const char *user = gtk_editable_get_text (GTK_EDITABLE (login->user_entry));
      const char *password = gtk_editable_get_text (GTK_EDITABLE (login->password_entry));
      gboolean remember = gtk_check_button_get_active (GTK_CHECK_BUTTON (login->remember_check));

      login_authenticate (login, user, password);
      remember_login (login->key, user, password, login->consent_check != NULL);
      if (remember)
        keyring_replace (login, user, password);
      else if (login->in_keyring)
        keyring_replace (login, user, NULL);

      /* The entry's buffer is wiped when it is freed; this one goes now. */
      gtk_editable_set_text (GTK_EDITABLE (login->password_entry), "");
    }

  g_signal_handlers_disconnect_by_data (login->user_entry, login);
  if (login->consent_check != NULL)
    g_signal_handlers_disconnect_by_data (login->consent_check, login);
  login_finish (login);
}

/* GTK 4.8 with the accessibility bus: a GtkPasswordEntry that has the
 * focus when its window goes reaches freed memory (its text outlives it
 * and reports losing the focus). Let go of the focus first; this outlives
 * the login, which may end before the dialog closes. */
static void
release_focus_cb (GtkWidget *dialog)
{
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
}

/* Closed without an answer, e.g. with its window. */
static void
login_destroy_cb (GtkWidget *dialog,
                  Login     *login)
{
  login_finish (login);
}

static char *
login_body_proxy (Login *login)
{
  GString *body = g_string_new (NULL);

  if (login->retrying)
    g_string_append_printf (body, "%s\n\n", _("The proxy did not accept the user name or password."));

  if (*login->realm != '\0')
    {
      g_autofree char *realm = realm_for_display (login->realm);

      /* Translators: %1$s is a proxy's host:port, %2$s its realm, %3$s the server behind it. */
      g_string_append_printf (body, _("The proxy %1$s asks for its own login (“%2$s”) before it passes requests on to %3$s."),
                              login->host_shown, realm, login->server_shown);
    }
  else
    /* Translators: %1$s is a proxy's host:port, %2$s the server behind it. */
    g_string_append_printf (body, _("The proxy %1$s asks for its own login before it passes requests on to %2$s."),
                            login->host_shown, login->server_shown);

  g_string_append_printf (body, " %s", _("This is the proxy’s login, not the server’s: it is sent only to the proxy."));

  if (login->cleartext)
    g_string_append_printf (body, "\n\n%s",
                            _("Warning: the proxy wants the password in readable form (Basic) over an unencrypted connection. "
                              "Anyone on the network between you and the proxy can read it."));

  return g_string_free (body, FALSE);
}

static char *
login_body (Login *login)
{
  GString *body;

  if (login->proxy)
    return login_body_proxy (login);

  body = g_string_new (NULL);

  if (login->retrying)
    g_string_append_printf (body, "%s\n\n", _("The server did not accept the user name or password."));

  if (*login->realm != '\0')
    {
      g_autofree char *realm = realm_for_display (login->realm);

      g_string_append_printf (body, _("The server asks for a login for “%s”."), realm);
    }
  else
    g_string_append (body, _("The server asks for a login."));

  if (login->cleartext && login->loopback)
    g_string_append_printf (body, "\n\n%s",
                            _("The connection is not encrypted and the server wants the password in readable form (Basic). "
                              "The server is on this computer, so the password does not cross the network."));
  else if (login->cleartext)
    g_string_append_printf (body, "\n\n%s",
                            _("Warning: the connection is not encrypted and the server wants the password in readable form (Basic). "
                              "Anyone on the network between you and the server can read it. "
                              "Use an https address if the server has one."));

  return g_string_free (body, FALSE);
}

static void
login_ask (Login *login)
{
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&login->parent);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *grid;
  int row = 0;

  /* The window that wanted the listing is gone: nobody to ask. */
  if (parent == NULL)
    {
      login_finish (login);
      return;
    }

  if (login->proxy)
    /* Translators: %s is a proxy's host:port. */
    heading = g_strdup_printf (_("Log in to the Proxy %s"), login->host_shown);
  else
    heading = g_strdup_printf (_("Log in to %s"), login->host_shown);
  body = login_body (login);
  login->dialog = adw_message_dialog_new (parent, heading, NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (login->dialog), FALSE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (login->dialog), body);
  gtk_window_set_modal (GTK_WINDOW (login->dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (login->dialog), TRUE);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  login->user_entry = davscope_grid_add_labelled (GTK_GRID (grid), row++, _("_User name"), gtk_entry_new ());
  gtk_entry_set_activates_default (GTK_ENTRY (login->user_entry), TRUE);
  if (login->known_user != NULL)
    gtk_editable_set_text (GTK_EDITABLE (login->user_entry), login->known_user);

  login->password_entry = davscope_grid_add_labelled (GTK_GRID (grid), row++, _("_Password"), gtk_password_entry_new ());
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (login->password_entry), TRUE);
  g_object_set (login->password_entry, "activates-default", TRUE, NULL);
  if (login->known_password != NULL && !login->retrying)
    gtk_editable_set_text (GTK_EDITABLE (login->password_entry), login->known_password);

  login->remember_check = gtk_check_button_new_with_mnemonic (_("_Remember password"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (login->remember_check), login->in_keyring);
  gtk_grid_attach (GTK_GRID (grid), login->remember_check, 0, row++, 2, 1);

  if (login->cleartext && !login->loopback && !login->proxy)
    {
      login->consent_check = gtk_check_button_new_with_mnemonic (_("_Send it anyway"));
      gtk_grid_attach (GTK_GRID (grid), login->consent_check, 0, row++, 2, 1);
      g_signal_connect_swapped (login->consent_check, "toggled", G_CALLBACK (login_changed_cb), login);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (login->dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (login->dialog),
                                    "cancel", _("_Cancel"),
                                    "login", _("_Log In"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (login->dialog), "login",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (login->dialog), "login");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (login->dialog), "cancel");
  davscope_accessible_fix_names (login->dialog);

  g_signal_connect_swapped (login->user_entry, "changed", G_CALLBACK (login_changed_cb), login);
  g_signal_connect (login->dialog, "response", G_CALLBACK (login_response_cb), login);
  g_signal_connect (login->dialog, "destroy", G_CALLBACK (login_destroy_cb), login);
  g_signal_connect (login->dialog, "unmap", G_CALLBACK (release_focus_cb), NULL);
  login_update_response (login);

  if (login->known_user != NULL)
    gtk_window_set_focus (GTK_WINDOW (login->dialog), login->password_entry);
  else
    gtk_window_set_focus (GTK_WINDOW (login->dialog), login->user_entry);

  gtk_window_present (GTK_WINDOW (login->dialog));
}

/* ---- the signal --------------------------------------------------------- */

/* A retry means that what was remembered for @key was refused (or the
 * account changed): it is forgotten, its user name kept for the dialog
 * in @refused_user. A login already pending for @key takes @auth as
 * well: TRUE, nothing more to do. */
static gboolean
login_join_pending (const char  *key,
                    SoupAuth    *auth,
                    gboolean     retrying,
                    char       **refused_user)
{
  Remembered *remembered = g_hash_table_lookup (get_remembered_logins (), key);
  Login *login;

  if (retrying && remembered != NULL)
    {
      *refused_user = g_strdup (remembered->user);
      g_hash_table_remove (get_remembered_logins (), key);
    }

  login = g_hash_table_lookup (get_pending_logins (), key);
  if (login == NULL)
    return FALSE;
  login_add_auth (login, auth);
  return TRUE;
}

static gboolean
on_authenticate (DavClient *client,
                 SoupAuth  *auth,
                 gboolean   retrying,
                 gpointer   user_data)
{
  Attachment *attachment = user_data;
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&attachment->parent);
  g_autoptr(GUri) base = g_uri_parse (dav_client_get_base_url (client), SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *protocol = NULL;
  g_autofree char *authority = NULL;
  g_autofree char *key = NULL;
  g_autofree char *refused_user = NULL;
  const char *realm = soup_auth_get_realm (auth);
  gboolean cleartext;
  gboolean loopback;
  Remembered *remembered;
  Login *login;

  if (parent == NULL || base == NULL || soup_auth_is_for_proxy (auth))
    return FALSE;

  if (realm == NULL)
    realm = "";
  protocol = g_ascii_strdown (g_uri_get_scheme (base), -1);
  authority = g_ascii_strdown (soup_auth_get_authority (auth), -1);
  key = g_strdup_printf ("%s://%s\n%s", protocol, authority, realm);
  cleartext = g_ascii_strcasecmp (soup_auth_get_scheme_name (auth), "Basic") == 0 &&
              g_str_equal (protocol, "http");
  loopback = host_is_loopback (g_uri_get_host (base));

  /* Refused: whatever was remembered is forgotten; a login pending for
   * the same server and realm answers this challenge too. */
  if (login_join_pending (key, auth, retrying, &refused_user))
    return TRUE;

  remembered = g_hash_table_lookup (get_remembered_logins (), key);
  if (remembered != NULL && (!cleartext || loopback || remembered->cleartext_ok))
    {
      soup_auth_authenticate (auth, remembered->user, remembered->password);
      return TRUE;
    }

  /* A saved server's login: as if remembered, but only the first time
   * (a refusal asks). */
  if (remembered == NULL && !retrying)
    {
      g_autofree char *origin = g_strdup_printf ("%s://%s", protocol, authority);
      Remembered *preset = g_hash_table_lookup (get_preset_logins (), origin);

      if (preset != NULL && (!cleartext || loopback))
        {
          soup_auth_authenticate (auth, preset->user, preset->password);
          remember_login (key, preset->user, preset->password, FALSE);
          return TRUE;
        }
      if (preset != NULL)
        remembered = preset;   /* fills the dialog below */
    }

  login = g_new0 (Login, 1);
  login->key = g_steal_pointer (&key);
  login->protocol = g_steal_pointer (&protocol);
  login->authority = g_steal_pointer (&authority);
  login->realm = g_strdup (realm);
  login->host_shown = host_for_heading (base);
  login->cleartext = cleartext;
  login->loopback = loopback;
  login->retrying = retrying;
  login->auths = g_ptr_array_new_with_free_func (g_object_unref);
  g_weak_ref_init (&login->parent, parent);
  if (remembered != NULL)
    {
      login->known_user = g_strdup (remembered->user);
      login->known_password = g_strdup (remembered->password);
    }
  else
    login->known_user = g_steal_pointer (&refused_user);
  login_begin (login, auth, retrying);

  return TRUE;
}

/* The part of a proxy's authority (host:port) that is the host. */
static char *
authority_host (const char *authority)
{
  const char *colon = strrchr (authority, ':');

  return colon != NULL ? g_strndup (authority, colon - authority) : g_strdup (authority);
}

static gboolean
on_authenticate_proxy (DavClient *client,
                       SoupAuth  *auth,
                       gboolean   retrying,
                       gpointer   user_data)
{
  Attachment *attachment = user_data;
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&attachment->parent);
  g_autoptr(GUri) base = g_uri_parse (dav_client_get_base_url (client), SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *authority = NULL;
  g_autofree char *host = NULL;
  g_autofree char *key = NULL;
  g_autofree char *refused_user = NULL;
  const char *realm = soup_auth_get_realm (auth);
  Remembered *remembered;
  Login *login;

  if (parent == NULL || base == NULL || !soup_auth_is_for_proxy (auth))
    return FALSE;

  if (realm == NULL)
    realm = "";
  authority = g_ascii_strdown (soup_auth_get_authority (auth), -1);
  host = authority_host (authority);
  key = g_strdup_printf ("proxy://%s\n%s", authority, realm);

  if (login_join_pending (key, auth, retrying, &refused_user))
    return TRUE;

  remembered = g_hash_table_lookup (get_remembered_logins (), key);
  if (remembered != NULL)
    {
      soup_auth_authenticate (auth, remembered->user, remembered->password);
      return TRUE;
    }

  login = g_new0 (Login, 1);
  login->key = g_steal_pointer (&key);
  login->protocol = g_strdup ("proxy");
  login->authority = g_steal_pointer (&authority);
  login->realm = g_strdup (realm);
  login->proxy = TRUE;
  login->host_shown = dav_text_escape (login->authority, -1);
  login->server_shown = host_for_heading (base);
  login->loopback = host_is_loopback (host);
  login->cleartext = g_ascii_strcasecmp (soup_auth_get_scheme_name (auth), "Basic") == 0 && !login->loopback;
  login->retrying = retrying;
  login->auths = g_ptr_array_new_with_free_func (g_object_unref);
  g_weak_ref_init (&login->parent, parent);
  login->known_user = g_steal_pointer (&refused_user);
  login_begin (login, auth, retrying);

  return TRUE;
}

static void
attachment_free (gpointer  data,
                 GClosure *closure)
{
  Attachment *attachment = data;

  g_weak_ref_clear (&attachment->parent);
  g_free (attachment);
}

void
davscope_credentials_attach (DavClient *client,
                             GtkWindow *parent)
{
  Attachment *attachment;

  g_return_if_fail (DAV_IS_CLIENT (client));
  g_return_if_fail (GTK_IS_WINDOW (parent));

  attachment = g_new0 (Attachment, 1);
  g_weak_ref_init (&attachment->parent, parent);
  g_signal_connect_data (client, "authenticate", G_CALLBACK (on_authenticate),
                         attachment, attachment_free, 0);

  /* The proxy's own login, apart from the server's. */
  attachment = g_new0 (Attachment, 1);
  g_weak_ref_init (&attachment->parent, parent);
  g_signal_connect_data (client, "authenticate-proxy", G_CALLBACK (on_authenticate_proxy),
                         attachment, attachment_free, 0);
}

gboolean
davscope_credentials_lookup (const char  *url,
                             char       **user,
                             char       **password)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *prefix = NULL;
  g_autofree char *host = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean plain;

  g_return_val_if_fail (user != NULL && password != NULL, FALSE);

  *user = *password = NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;

  /* The key's authority is soup_auth_get_authority's: host:port. */
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  plain = g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 ||
          g_ascii_strcasecmp (g_uri_get_scheme (uri), "dav") == 0;
  prefix = g_strdup_printf ("%s://%s:%d\n", plain ? "http" : "https", host, g_uri_get_port (uri));

  g_hash_table_iter_init (&iter, get_remembered_logins ());
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Remembered *remembered = value;

      if (!g_str_has_prefix (key, prefix))
        continue;
      /* The doctor answers any scheme the server offers: over plain
       * http only where the dialog would have sent it too. */
      if (plain && !host_is_loopback (host) && !remembered->cleartext_ok)
        return FALSE;

      *user = g_strdup (remembered->user);
      *password = g_strdup (remembered->password);
      return TRUE;
    }

  return FALSE;
}

void
davscope_credentials_preset (const char *url,
                             const char *user,
                             const char *password)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *host = NULL;
  g_autofree char *origin = NULL;
  gboolean plain;
  int port;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return;

  /* The key is soup_auth_get_authority's: host:port, always with the port. */
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  plain = g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 ||
          g_ascii_strcasecmp (g_uri_get_scheme (uri), "dav") == 0;
  port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : (plain ? 80 : 443);
  origin = g_strdup_printf ("%s://%s:%d", plain ? "http" : "https", host, port);

  if (user == NULL || *user == '\0' || password == NULL)
    {
      g_hash_table_remove (get_preset_logins (), origin);
      return;
    }

  {
    Remembered *preset = g_new0 (Remembered, 1);

    preset->user = g_strdup (user);
    preset->password = g_strdup (password);
    g_hash_table_replace (get_preset_logins (), g_steal_pointer (&origin), preset);
  }
}
