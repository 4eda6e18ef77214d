/* davscope-details-pane.c: the properties of the selected resource
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every property the server reported, grouped into those people set (dead
 * properties, any namespace) and those the server keeps (live), each with
 * the status of its own propstat: a 404 or 403 property shows next to the
 * 200 ones, with its explanation. Server text goes into plain labels only.
 */

#include "davscope-details-pane.h"

#include <glib/gi18n.h>

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
  guint        fetch_source; /* a short wait, so that arrowing through a list is cheap */
};

G_DEFINE_FINAL_TYPE (DavscopeDetailsPane, davscope_details_pane, GTK_TYPE_WIDGET)

/* @response and @exchange_id (or @folder, whose listing it came from)
 * are what the badge's popover tells and shows. */
static GtkWidget *
property_row (const DavProperty *property,
              DavResponse       *response,
              guint64            exchange_id,
              DavFolder         *folder)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *badge = davscope_status_badge_new ();
  g_autofree char *name = dav_text_escape (property->name, -1);
  g_autofree char *ns = dav_text_escape (property->namespace_uri, -1);
  g_autofree char *squeezed = property->is_xml && property->value ? dav_text_squeeze (property->value) : NULL;
  g_autofree char *value = dav_text_escape (squeezed ? squeezed : property->value ? property->value : "", -1);
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
  if (property->value != NULL)
    gtk_box_append (GTK_BOX (row), davscope_plain_label (value, property->is_xml ? "monospace" : NULL, TRUE, TRUE));

  accessible = g_strdup_printf ("%s (%s): %s, status %u", name, ns, value, property->status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);

  return row;
}

/* The first @n_read of @properties come from the allprop reading, if
 * there is one; the others from the listing. */
static void
add_group (DavscopeDetailsPane *self,
           const char          *title,
           GPtrArray           *properties,
           guint                n_read)
{
  GtkWidget *list;

  if (properties->len == 0)
    return;

  gtk_box_append (GTK_BOX (self->box), davscope_plain_label (title, "title-4", TRUE, TRUE));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  for (guint i = 0; i < properties->len; i++)
    {
      const DavProperty *property = g_ptr_array_index (properties, i);
      /* From the allprop reading, or from the listing (its 404s and 403s). */
      gboolean read = self->fetched != NULL && i < n_read;

      gtk_list_box_append (GTK_LIST_BOX (list),
                           read ? property_row (property, self->fetched, self->fetched_exchange, NULL)
                                : property_row (property, dav_resource_get_response (self->resource), 0, self->folder));
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

static void
rebuild (DavscopeDetailsPane *self)
{
  GtkWidget *child;
  DavResponse *response;
  g_autoptr(GPtrArray) dead = g_ptr_array_new ();
  g_autoptr(GPtrArray) live = g_ptr_array_new ();
  guint n_dead, n_live;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);

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

  response = self->fetched ? self->fetched : dav_resource_get_response (self->resource);
  if (response == NULL)
    return;

  collect (response, NULL, dead, live);
  n_dead = dead->len;
  n_live = live->len;
  /* allprop leaves out what is not there; the listing's 404s and 403s
   * say so, and show beside the rest. */
  if (response != dav_resource_get_response (self->resource) && dav_resource_get_response (self->resource))
    collect (dav_resource_get_response (self->resource), response, dead, live);

  add_group (self, _("Properties set by people"), dead, n_dead);
  add_group (self, _("Properties the server keeps"), live, n_live);

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
  g_clear_object (&self->folder);
  g_clear_object (&self->client);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);

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
