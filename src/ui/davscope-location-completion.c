/* davscope-location-completion.c: addresses offered while one is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkEntryCompletion, GTK 4.8's own (deprecated only from 4.10 on,
 * above our floor). Its list is refilled when the entry gets the focus,
 * so it is current without following every change. A URL matches when
 * it contains what was typed, in any case: people type the host, not
 * the scheme.
 */

#include "davscope-location-completion.h"

#include <string.h>

#include "dav-place-list.h"
#include "davscope-places.h"

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
add_url (GtkListStore *store,
         GHashTable   *seen,
         const char   *url)
{
  GtkTreeIter iter;

  if (!g_hash_table_add (seen, g_strdup (url)))
    return;

  gtk_list_store_append (store, &iter);
  gtk_list_store_set (store, &iter, 0, url, -1);
}

static void
refill (GtkEntry *entry)
{
  GtkEntryCompletion *completion = gtk_entry_get_completion (entry);
  GtkListStore *store = GTK_LIST_STORE (gtk_entry_completion_get_model (completion));
  GSettings *settings = g_object_get_data (G_OBJECT (entry), "davscope-settings");
  GListModel *places = G_LIST_MODEL (davscope_places_get_default ());
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-locations");

  gtk_list_store_clear (store);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(DavPlace) place = g_list_model_get_item (places, i);

      add_url (store, seen, dav_place_get_url (place));
    }
  for (guint i = 0; recent[i] != NULL; i++)
    add_url (store, seen, recent[i]);
}

static gboolean
match (GtkEntryCompletion *completion,
       const char         *key,
       GtkTreeIter        *iter,
       gpointer            user_data)
{
  GtkTreeModel *model = gtk_entry_completion_get_model (completion);
  g_autofree char *url = NULL;
  g_autofree char *folded = NULL;

  gtk_tree_model_get (model, iter, 0, &url, -1);
  if (url == NULL)
    return FALSE;

  /* @key is already normalised and case-folded by GTK. */
  folded = g_utf8_casefold (url, -1);
  return strstr (folded, key) != NULL;
}

/* A match chosen (Return or a click in the list) is where to go: the
 * entry is activated with it, as Files' location bar does, instead of
 * waiting for a second Return. */
static gboolean
on_match_selected (GtkEntryCompletion *completion,
                   GtkTreeModel       *model,
                   GtkTreeIter        *iter,
                   GtkEntry           *entry)
{
  g_autofree char *url = NULL;

  gtk_tree_model_get (model, iter, 0, &url, -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), url);
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
  g_signal_emit_by_name (entry, "activate");

  return TRUE;
}

void
davscope_location_completion_attach (GtkEntry  *entry,
                                     GSettings *settings)
{
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();
  g_autoptr(GtkListStore) store = gtk_list_store_new (1, G_TYPE_STRING);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_return_if_fail (GTK_IS_ENTRY (entry));
  g_return_if_fail (G_IS_SETTINGS (settings));

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (store));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_match_func (completion, match, NULL, NULL);
  g_signal_connect_object (completion, "match-selected", G_CALLBACK (on_match_selected), entry, 0);
  gtk_entry_set_completion (entry, completion);
  g_object_set_data_full (G_OBJECT (entry), "davscope-settings", g_object_ref (settings), g_object_unref);

  g_signal_connect_swapped (focus, "enter", G_CALLBACK (refill), entry);
  gtk_widget_add_controller (GTK_WIDGET (entry), focus);
  refill (entry);
}

void
davscope_location_completion_set_text (GtkEntry   *entry,
                                       const char *text)
{
  GtkEntryCompletion *completion;

  g_return_if_fail (GTK_IS_ENTRY (entry));

  /* The completion would offer the text just set as if it had been
   * typed (its list opens a moment later, over whatever the window shows
   * by then), and a list opened by typing stays open. An empty text
   * closes the list at once; without popups meanwhile, the text set
   * opens none (detaching the completion breaks it in GTK 4.8). */
  completion = gtk_entry_get_completion (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  if (completion != NULL)
    gtk_entry_completion_set_popup_completion (completion, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  if (completion != NULL)
    gtk_entry_completion_set_popup_completion (completion, TRUE);
}

G_GNUC_END_IGNORE_DEPRECATIONS
