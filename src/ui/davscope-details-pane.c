/* davscope-details-pane.c: the properties of the selected resource
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * First what people read of an item, as GNOME Files' properties show it
 * (type, size, dates, lock, storage), then every property the server
 * reported, grouped into those people set (dead properties, any
 * namespace) and those the server keeps (live), each with the status of
 * its own propstat: a 404 or 403 property shows next to the 200 ones, with
 * its explanation. A live property Davscope can read shows in words
 * (dav-property-text.c), its raw value one click away. With several items
 * selected, their count and size. Server text goes into plain labels only.
 */

#include "davscope-details-pane.h"

#include <glib/gi18n.h>

#include "dav-date-text.h"
#include "dav-property-text.h"
#include "dav-text.h"
#include "davscope-status-badge.h"
#include "davscope-ui-util.h"

struct _DavscopeDetailsPane
{
  GtkWidget    parent_instance;

  GtkWidget   *scrolled;
  GtkWidget   *box;
  DavResource *resource;
  gulong       handler;
  DavClient   *client;
  DavFolder   *folder;       /* the resource's listing, for its badges */
  DavResponse *fetched;      /* allprop answer for the resource, or NULL */
  guint64      fetched_exchange;
  GCancellable *fetching;
  GtkWidget   *column_menu;  /* "Show as Column", made at the first right click */
  guint        fetch_source; /* a short wait, so that arrowing through a list is cheap */
  gboolean     clock_12h;

  /* Two or more selected: the rows (GtkTreeListRow items) and which. */
  GListModel  *rows;
  GtkBitset   *selected;
  guint        count_source; /* counting, in steps between frames */
  GtkBitsetIter count_iter;  /* where the counting is */
  gboolean     counted;
  guint        n_folders;
  guint        n_files;
  guint        n_unsized;    /* files whose size the server did not give */
  guint64      bytes;        /* of the files with a size */
};

G_DEFINE_FINAL_TYPE (DavscopeDetailsPane, davscope_details_pane, GTK_TYPE_WIDGET)

static void rebuild (DavscopeDetailsPane *self);

/* A list of rows that are read, not chosen, called @title. */
static GtkWidget *
boxed_list (const char *title)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return list;
}

/* The raw value, behind an expander: what the server sent, for those who
 * want the XML (or the exact text) behind the words. */
static GtkWidget *
raw_value (const DavProperty *property,
           const char        *value)
{
  GtkWidget *expander = gtk_expander_new (property->is_xml ? _("Show XML") : _("Show Raw Value"));
  GtkWidget *label = davscope_plain_label (value, "monospace", TRUE, TRUE);

  gtk_widget_add_css_class (expander, "dim-label");
  gtk_widget_set_margin_top (label, 3);
  gtk_expander_set_child (GTK_EXPANDER (expander), label);
  return expander;
}

/* A right click on a property offers it as a column of the listing
 * (davscope-browser-view-properties.c has the action). One menu, on the
 * pane: a row goes when the listing changes, its popover with it. */
static void
on_property_pressed (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkWidget       *row)
{
  DavscopeDetailsPane *self = DAVSCOPE_DETAILS_PANE (gtk_widget_get_ancestor (row, DAVSCOPE_TYPE_DETAILS_PANE));
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) item = g_menu_item_new (_("Show as Column"), NULL);
  graphene_point_t point;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (self == NULL || !gtk_widget_compute_point (row, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  g_menu_item_set_action_and_target (item, "property-columns.show", "s", g_object_get_data (G_OBJECT (row), "davscope-clark"));
  g_menu_append_item (menu, item);
  if (self->column_menu == NULL)
    {
      self->column_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->column_menu), FALSE);
      gtk_widget_set_halign (self->column_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->column_menu, GTK_WIDGET (self));
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->column_menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->column_menu),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->column_menu));
}

static void
add_column_menu (GtkWidget         *row,
                 const DavProperty *property)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_object_set_data_full (G_OBJECT (row), "davscope-clark", dav_property_dup_clark_name (property), g_free);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  /* Before the labels' own menus (Copy stays on Ctrl+C). */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_property_pressed), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  /* The window's own menu leaves this click to it. */
  g_object_set_data (G_OBJECT (row), "davscope-own-menu", GINT_TO_POINTER (TRUE));
}

/* @response and @exchange_id (or @folder, whose listing it came from)
 * are what the badge's popover tells and shows. */
static GtkWidget *
property_row (DavscopeDetailsPane *self,
              const DavProperty   *property,
              DavResponse         *response,
              guint64              exchange_id,
              DavFolder           *folder)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *badge = davscope_status_badge_new ();
  g_autofree char *name = dav_text_escape (property->name, -1);
  g_autofree char *ns = dav_text_escape (property->namespace_uri, -1);
  g_autofree char *squeezed = property->is_xml && property->value ? dav_text_squeeze (property->value) : NULL;
  g_autofree char *value = dav_text_escape (squeezed ? squeezed : property->value ? property->value : "", -1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *words = dav_property_text_describe (property, now, self->clock_12h);
  g_autofree char *accessible = NULL;
  GtkWidget *name_label = davscope_plain_label (name, "heading", FALSE, TRUE);

  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_box_append (GTK_BOX (top), name_label);
  if (dav_property_is_protected (property->namespace_uri, property->name))
    {
      GtkWidget *lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

      gtk_widget_set_tooltip_text (lock, _("Protected: the server computes this property and will refuse to change it."));
      gtk_box_append (GTK_BOX (top), lock);
    }
  davscope_status_badge_set (DAVSCOPE_STATUS_BADGE (badge), property->status, TRUE, NULL, response);
  if (folder != NULL)
    davscope_status_badge_set_listing (DAVSCOPE_STATUS_BADGE (badge), folder);
  else
    davscope_status_badge_set_exchange (DAVSCOPE_STATUS_BADGE (badge), exchange_id);
  gtk_box_append (GTK_BOX (top), badge);
  gtk_box_append (GTK_BOX (row), top);
  gtk_box_append (GTK_BOX (row), davscope_plain_label (*ns ? ns : _("(no namespace)"), "dim-label", FALSE, TRUE));
  /* In words where Davscope reads the value (lockdiscovery: "Locked
   * (exclusive write) by …"); the server's own value a click away. */
  if (words != NULL && *words != '\0' && g_strcmp0 (words, value) != 0)
    {
      gtk_box_append (GTK_BOX (row), davscope_plain_label (words, NULL, TRUE, TRUE));
      if (property->value != NULL)
        gtk_box_append (GTK_BOX (row), raw_value (property, value));
    }
  else if (property->value != NULL)
    gtk_box_append (GTK_BOX (row), davscope_plain_label (value, property->is_xml ? "monospace" : NULL, TRUE, TRUE));

  accessible = g_strdup_printf ("%s (%s): %s, status %u", name, ns, words && *words ? words : value, property->status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  if (words != NULL && *words != '\0' && property->value != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value, -1);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  add_column_menu (row, property);

  return row;
}

/* The first @n_read of @properties come from the allprop reading, if
 * there is one; the others from the listing. */
static void
add_group (DavscopeDetailsPane *self,
           const char          *title,
           GPtrArray           *properties,
           guint                n_read,
           DavResponse         *listed)
{
  GtkWidget *list;

  if (properties->len == 0)
    return;

  gtk_box_append (GTK_BOX (self->box), davscope_plain_label (title, "title-4", TRUE, TRUE));
  list = boxed_list (title);
  for (guint i = 0; i < properties->len; i++)
    {
      const DavProperty *property = g_ptr_array_index (properties, i);
      /* From the allprop reading, or from the listing (its 404s and 403s). */
      gboolean read = self->fetched != NULL && i < n_read;

      gtk_list_box_append (GTK_LIST_BOX (list),
                           read ? property_row (self, property, self->fetched, self->fetched_exchange, NULL)
                                : property_row (self, property, listed, 0, self->folder));
    }
  gtk_box_append (GTK_BOX (self->box), list);
}

/* Sorts @response's properties into @dead and @live; with @skip, only
 * failed ones that @skip does not report. */
static void
collect (DavResponse *response,
         DavResponse *skip,
         GPtrArray   *dead,
         GPtrArray   *live)
{
  for (guint i = 0; i < response->propstats->len; i++)
    {
      const DavPropstat *propstat = g_ptr_array_index (response->propstats, i);

      if (skip != NULL && propstat->status >= 200 && propstat->status < 300)
        continue;

      for (guint j = 0; j < propstat->properties->len; j++)
        {
          DavProperty *property = g_ptr_array_index (propstat->properties, j);

          if (skip != NULL && dav_response_find_property (skip, property->namespace_uri, property->name))
            continue;
          g_ptr_array_add (dav_property_is_live (property->namespace_uri, property->name) ? live : dead,
                           property);
        }
    }
}

/* ---- what people read first --------------------------------------------- */

static const DavProperty *
found (DavResponse *response,
       const char  *name)
{
  const DavProperty *property = dav_response_find_property (response, "DAV:", name);

  return property != NULL && property->status >= 200 && property->status < 300 ? property : NULL;
}

/* One line of the facts: a caption, the value, and under it in small
 * print what the value was made from (the MIME type of a description). */
static void
add_fact (GtkWidget  *list,
          const char *title,
          const char *value,
          const char *detail)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *caption = davscope_plain_label (title, "caption-heading", FALSE, FALSE);
  g_autofree char *accessible = NULL;

  if (value == NULL || *value == '\0')
    return;

  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (row), caption);
  gtk_box_append (GTK_BOX (row), davscope_plain_label (value, NULL, TRUE, TRUE));
  if (detail != NULL && *detail != '\0')
    gtk_box_append (GTK_BOX (row), davscope_plain_label (detail, "dim-label", TRUE, TRUE));

  if (detail != NULL && *detail != '\0')
    /* Translators: how a screen reader reads a fact of the details pane,
     * e.g. "Type: Plain text document (text/plain)". */
    accessible = g_strdup_printf (C_("details fact", "%s: %s (%s)"), title, value, detail);
  else
    /* Translators: how a screen reader reads a fact of the details pane,
     * e.g. "Size: 43 bytes". */
    accessible = g_strdup_printf (C_("details fact", "%s: %s"), title, value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

static gint64
bytes_of (const DavProperty *property)
{
  guint64 bytes;

  if (property == NULL || property->value == NULL ||
      !g_ascii_string_to_unsigned (property->value, 10, 0, G_MAXINT64, &bytes, NULL))
    return -1;
  return (gint64) bytes;
}

/* Type, size, dates, lock and storage, as GNOME Files' properties show
 * an item: from @response (the allprop reading, or the listing). */
static void
add_facts (DavscopeDetailsPane *self,
           DavResponse         *response)
{
  GtkWidget *list = boxed_list (_("Summary"));
  DavResource *resource = self->resource;
  const DavProperty *property;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *type = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *size = NULL;
  g_autofree char *modified = NULL;
  g_autoptr(GDateTime) modified_date = NULL;
  g_autofree char *created = NULL;
  g_autofree char *lock = NULL;
  g_autofree char *storage = NULL;


  property = response ? found (response, "resourcetype") : NULL;
  if (dav_resource_is_collection (resource))
    type = property && property->is_xml ? dav_property_text_resource_type (property->value) : NULL;
  if (type == NULL)
    type = dav_property_text_content_type (dav_resource_get_content_type (resource),
                                           dav_resource_is_collection (resource));
  if (!dav_resource_is_collection (resource) && dav_resource_get_content_type (resource) != NULL)
    mime = dav_text_escape (dav_resource_get_content_type (resource), -1);
  add_fact (list, _("Type"), type, g_strcmp0 (type, mime) != 0 ? mime : NULL);

  if (!dav_resource_is_collection (resource))
    size = dav_resource_get_size (resource) >= 0
             ? g_format_size_full (dav_resource_get_size (resource), G_FORMAT_SIZE_LONG_FORMAT)
             : g_strdup (_("unknown"));
  add_fact (list, _("Size"), size, NULL);

  modified_date = dav_resource_dup_modified (resource);
  if (modified_date != NULL)
    modified = dav_date_text_format (modified_date, now, DAV_DATE_STYLE_DETAILED, self->clock_12h);
  add_fact (list, _("Modified"), modified, NULL);

  property = response ? found (response, "creationdate") : NULL;
  created = property ? dav_property_text_describe (property, now, self->clock_12h) : NULL;
  add_fact (list, _("Created"), created, NULL);

  property = response ? found (response, "lockdiscovery") : NULL;
  lock = property ? dav_property_text_describe (property, now, self->clock_12h) : NULL;
  add_fact (list, _("Lock"), lock, NULL);

  if (response != NULL)
    storage = dav_property_text_quota (bytes_of (found (response, "quota-used-bytes")),
                                       bytes_of (found (response, "quota-available-bytes")));
  add_fact (list, _("Storage"), storage, NULL);

  if (gtk_widget_get_first_child (list) == NULL)
    {
      /* Nothing to tell: the list is never shown. */
      g_object_unref (g_object_ref_sink (list));
      return;
    }
  gtk_box_append (GTK_BOX (self->box), list);
}

/* ---- several items ------------------------------------------------------ */

/* One pass over the selected rows, nothing allocated of our own per row,
 * in steps of a few milliseconds: a select-all of 100,000 rows (about
 * 0.4 s of GtkTreeListModel lookups) never holds a frame back. The first
 * step runs before the next frame, so a few rows are counted at once. */
static gboolean
count_selection (gpointer user_data)
{
  DavscopeDetailsPane *self = user_data;
  gint64 deadline = g_get_monotonic_time () + 4 * G_TIME_SPAN_MILLISECOND;
  guint position = gtk_bitset_iter_get_value (&self->count_iter);
  gboolean more = gtk_bitset_iter_is_valid (&self->count_iter);

  for (guint n = 1; more; n++, more = gtk_bitset_iter_next (&self->count_iter, &position))
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (self->rows, position);
      g_autoptr(DavResource) resource = row ? gtk_tree_list_row_get_item (row) : NULL;
      gint64 size;

      if (resource != NULL && dav_resource_is_collection (resource))
        self->n_folders++;
      else if (resource != NULL)
        {
          self->n_files++;
          size = dav_resource_get_size (resource);
          if (size < 0)
            self->n_unsized++;
          else
            self->bytes += (guint64) size;
        }

      if (n % 256 == 0 && g_get_monotonic_time () > deadline)
        {
          more = gtk_bitset_iter_next (&self->count_iter, &position);
          break;
        }
    }

  if (more)
    {
      /* The next step after the frames due, at idle priority. */
      if (g_source_get_priority (g_main_current_source ()) != G_PRIORITY_DEFAULT_IDLE)
        {
          self->count_source = g_idle_add (count_selection, self);
          return G_SOURCE_REMOVE;
        }
      return G_SOURCE_CONTINUE;
    }

  self->count_source = 0;
  self->counted = TRUE;
  if (self->resource == NULL)
    rebuild (self);

  return G_SOURCE_REMOVE;
}

static char *
count_words (guint n_folders,
             guint n_files)
{
  g_autofree char *folders = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u folder", "%u folders", n_folders),
                                              n_folders);
  g_autofree char *files = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", n_files), n_files);

  if (n_files == 0)
    return g_steal_pointer (&folders);
  if (n_folders == 0)
    return g_steal_pointer (&files);
  /* Translators: "2 folders and 1 file". */
  return g_strdup_printf (C_("selection", "%s and %s"), folders, files);
}

/* What the selected files hold; a folder's size is not known without
 * reading all of it, and the words say so. */
static char *
size_words (DavscopeDetailsPane *self)
{
  g_autofree char *size = g_format_size (self->bytes);

  if (self->n_files == 0)
    return g_strdup (_("Folder sizes are not counted."));
  if (self->n_unsized > 0)
    {
      guint sized = self->n_files - self->n_unsized;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: "14.2 kB in 3 of 4 files; …": the server
                                            * gave the size of 3 of the 4 selected files. */
                                           "%s in %u of %u file; the server gave no size for the others",
                                           "%s in %u of %u files; the server gave no size for the others",
                                           self->n_files),
                              size, sized, self->n_files);
    }
  if (self->n_folders > 0)
    /* Translators: "14.2 kB in the files; folder sizes are not counted". */
    return g_strdup_printf (C_("selection", "%s in the files; folder sizes are not counted"), size);

  return g_format_size_full (self->bytes, G_FORMAT_SIZE_LONG_FORMAT);
}

static void
show_selection (DavscopeDetailsPane *self)
{
  guint n = (guint) MIN (gtk_bitset_get_size (self->selected), G_MAXUINT);
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item selected", "%u items selected", n), n);

  gtk_box_append (GTK_BOX (self->box), davscope_plain_label (title, "title-2", TRUE, TRUE));
  if (self->counted)
    {
      g_autofree char *counts = count_words (self->n_folders, self->n_files);
      g_autofree char *size = size_words (self);

      gtk_box_append (GTK_BOX (self->box), davscope_plain_label (counts, NULL, TRUE, TRUE));
      gtk_box_append (GTK_BOX (self->box), davscope_plain_label (size, "dim-label", TRUE, TRUE));
    }
  else
    gtk_box_append (GTK_BOX (self->box), davscope_plain_label (_("Counting…"), "dim-label", TRUE, TRUE));
}

static void
rebuild (DavscopeDetailsPane *self)
{
  GtkWidget *child;
  DavResponse *response;
  g_autoptr(DavResponse) listed = NULL;
  g_autoptr(GPtrArray) dead = g_ptr_array_new ();
  g_autoptr(GPtrArray) live = g_ptr_array_new ();
  guint n_dead, n_live;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);

  if (self->resource == NULL && self->selected != NULL)
    {
      show_selection (self);
      return;
    }

  if (self->resource == NULL)
    {
      GtkWidget *hint = davscope_plain_label (_("Select one item to see its properties, each with the status the server gave it."),
                                     "dim-label", TRUE, TRUE);

      gtk_box_append (GTK_BOX (self->box), hint);
      return;
    }

  gtk_box_append (GTK_BOX (self->box), davscope_plain_label (dav_resource_get_name (self->resource), "title-2", TRUE, TRUE));
  gtk_box_append (GTK_BOX (self->box), davscope_plain_label (dav_resource_get_path (self->resource), "dim-label", TRUE, TRUE));
  if (dav_resource_get_problem (self->resource) != NULL)
    gtk_box_append (GTK_BOX (self->box), davscope_plain_label (dav_resource_get_problem (self->resource), "warning", TRUE, TRUE));

  /* Unpacked for this rebuild only (dav_resource_dup_response). */
  listed = dav_resource_dup_response (self->resource);
  response = self->fetched ? self->fetched : listed;
  add_facts (self, response);
  if (response == NULL)
    return;

  collect (response, NULL, dead, live);
  n_dead = dead->len;
  n_live = live->len;
  /* allprop leaves out what is not there; the listing's 404s and 403s
   * say so, and show beside the rest. */
  if (response != listed && listed != NULL)
    collect (listed, response, dead, live);

  add_group (self, _("Properties set by people"), dead, n_dead, listed);
  add_group (self, _("Properties the server keeps"), live, n_live, listed);

  for (guint i = 0; i < response->problems->len; i++)
    {
      const DavProblem *problem = g_ptr_array_index (response->problems, i);

      gtk_box_append (GTK_BOX (self->box), davscope_plain_label (problem->message, "dim-label", TRUE, TRUE));
    }
}

static void
on_fetched (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  DavscopeDetailsPane *self = user_data;
  g_autoptr(DavResult) result = dav_client_propfind_finish (DAV_CLIENT (source), res, NULL);

  if (result != NULL && dav_result_has_multistatus (result) && self->resource != NULL)
    {
      /* Only the answer about this item: a server that sends others (or
       * only others) must not lend their properties to it. */
      g_autoptr(DavResponse) response = dav_result_dup_own_response (result, dav_resource_get_url (self->resource));

      if (response != NULL)
        {
          g_clear_pointer (&self->fetched, dav_response_unref);
          self->fetched = g_steal_pointer (&response);
          self->fetched_exchange = result->exchange_id;
          rebuild (self);
        }
    }

  g_object_unref (self);
}

static gboolean
fetch_properties (gpointer user_data)
{
  DavscopeDetailsPane *self = user_data;
  g_autoptr(DavPropfind) propfind = NULL;

  self->fetch_source = 0;
  if (self->client == NULL || self->resource == NULL || dav_resource_get_url (self->resource) == NULL)
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->fetching);
  g_clear_object (&self->fetching);
  self->fetching = g_cancellable_new ();
  propfind = dav_propfind_new (DAV_DEPTH_0, DAV_PROPFIND_ALLPROP, NULL);
  dav_client_propfind_async (self->client, dav_resource_get_url (self->resource), propfind,
                             self->fetching, on_fetched, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

void
davscope_details_pane_set_client (DavscopeDetailsPane *self,
                                  DavClient           *client)
{
  g_return_if_fail (DAVSCOPE_IS_DETAILS_PANE (self));

  g_set_object (&self->client, client);
}

static void
schedule_fetch (DavscopeDetailsPane *self)
{
  g_cancellable_cancel (self->fetching);
  g_clear_handle_id (&self->fetch_source, g_source_remove);
  if (self->resource != NULL)
    self->fetch_source = g_timeout_add (150, fetch_properties, self);
}

/* The listing was read again (a reload, or after the window changed
 * something): what the listing says shows at once, and the properties are
 * read again, since the reading before may be out of date (a property
 * just set is not among those a listing asks for). */
static void
on_response_changed (DavResource         *resource,
                     GParamSpec          *pspec,
                     DavscopeDetailsPane *self)
{
  rebuild (self);
  schedule_fetch (self);
}

void
davscope_details_pane_set_resource (DavscopeDetailsPane *self,
                                    DavResource         *resource,
                                    DavFolder           *folder)
{
  GtkAdjustment *scroll;

  g_return_if_fail (DAVSCOPE_IS_DETAILS_PANE (self));

  if (resource == NULL)
    folder = NULL;
  g_set_object (&self->folder, folder);
  if (self->resource == resource && resource != NULL)
    return;

  if (self->resource != NULL)
    g_clear_signal_handler (&self->handler, self->resource);
  g_set_object (&self->resource, resource);
  g_clear_pointer (&self->fetched, dav_response_unref);
  self->fetched_exchange = 0;
  if (resource != NULL)
    self->handler = g_signal_connect (resource, "notify::response", G_CALLBACK (on_response_changed), self);
  schedule_fetch (self);

  rebuild (self);
  /* Another item starts at its name, not where the last one was left. */
  scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  if (gtk_adjustment_get_value (scroll) > gtk_adjustment_get_lower (scroll))
    gtk_adjustment_set_value (scroll, gtk_adjustment_get_lower (scroll));
}

void
davscope_details_pane_set_selection (DavscopeDetailsPane *self,
                                     GListModel          *rows,
                                     GtkBitset           *selected)
{
  g_return_if_fail (DAVSCOPE_IS_DETAILS_PANE (self));

  g_clear_object (&self->rows);
  g_clear_pointer (&self->selected, gtk_bitset_unref);
  g_clear_handle_id (&self->count_source, g_source_remove);
  self->counted = FALSE;
  self->n_folders = self->n_files = self->n_unsized = 0;
  self->bytes = 0;
  if (rows == NULL || selected == NULL || gtk_bitset_get_size (selected) < 2)
    return;

  self->rows = g_object_ref (rows);
  self->selected = gtk_bitset_ref (selected);
  gtk_bitset_iter_init_first (&self->count_iter, self->selected, NULL);
  /* Before the next frame, after the rest of this burst of changes. */
  self->count_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, count_selection, self, NULL);
}

void
davscope_details_pane_set_clock_12h (DavscopeDetailsPane *self,
                                     gboolean             clock_12h)
{
  g_return_if_fail (DAVSCOPE_IS_DETAILS_PANE (self));

  if (self->clock_12h == clock_12h)
    return;
  self->clock_12h = clock_12h;
  rebuild (self);
}

static void
davscope_details_pane_dispose (GObject *object)
{
  DavscopeDetailsPane *self = DAVSCOPE_DETAILS_PANE (object);

  if (self->resource != NULL)
    g_clear_signal_handler (&self->handler, self->resource);
  g_clear_object (&self->resource);
  g_clear_handle_id (&self->fetch_source, g_source_remove);
  g_cancellable_cancel (self->fetching);
  g_clear_object (&self->fetching);
  g_clear_pointer (&self->fetched, dav_response_unref);
  g_clear_handle_id (&self->count_source, g_source_remove);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->selected, gtk_bitset_unref);
  g_clear_object (&self->folder);
  g_clear_object (&self->client);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_pointer (&self->column_menu, gtk_widget_unparent);

  G_OBJECT_CLASS (davscope_details_pane_parent_class)->dispose (object);
}

static void
davscope_details_pane_class_init (DavscopeDetailsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = davscope_details_pane_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
davscope_details_pane_init (DavscopeDetailsPane *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->box);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Details"), -1);

  rebuild (self);
}

GtkWidget *
davscope_details_pane_new (void)
{
  return g_object_new (DAVSCOPE_TYPE_DETAILS_PANE, NULL);
}
