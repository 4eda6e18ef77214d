/* davscope-status-badge.c: a status code that explains itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows nothing for a plain success, an icon and the code otherwise; its
 * tooltip gives the reason and explanation, and a click opens a popover
 * with what to try, the RFC references, the DAV:error conditions and the
 * server's own description. The button is made the first time there is
 * something to show and the popover when it opens, so a row of a plain
 * success (most rows of a big folder) costs one empty widget.
 */

#include "davscope-status-badge.h"

#include <glib/gi18n.h>

#include "dav-text.h"
#include "davscope-ui-util.h"

struct _DavscopeStatusBadge
{
  GtkWidget       parent_instance;

  GtkWidget      *button;
  GtkWidget      *icon;
  GtkWidget      *label;

  guint           status;
  gboolean        for_property;
  char           *problem;
  DavResponse    *response;
  guint64         exchange_id;
  DavFolder      *folder;       /* whose listing's exchange, looked up when opened */
};

G_DEFINE_FINAL_TYPE (DavscopeStatusBadge, davscope_status_badge, GTK_TYPE_WIDGET)

static void
lookup (DavscopeStatusBadge *self,
        DavStatusInfo       *info)
{
  if (self->for_property)
    dav_status_lookup_property (self->status, info);
  else
    dav_status_lookup (self->status, info);
}

static GtkWidget *
add_text (GtkWidget  *box,
          const char *text,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);

  return label;
}

/* win.show-exchange is the main window's: a badge in a window of its own
 * (the property editor) asks the window it belongs to. */
static void
on_show_exchange (GtkButton  *button,
                  GtkPopover *popover)
{
  const guint64 *exchange_id = g_object_get_data (G_OBJECT (button), "exchange-id");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;

  if (!gtk_widget_activate_action (GTK_WIDGET (button), "win.show-exchange", "t", *exchange_id) &&
      parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-exchange", "t", *exchange_id);
  gtk_popover_popdown (popover);
}

/* A popover opens with nothing selected: a selectable label that gets
 * the focus selects all of itself (gtk-label-select-on-focus), which
 * reads as if the text were about to be replaced. The focus goes to
 * Show Exchange when there is one, and whatever label took it lets go
 * of its selection; its text can still be selected by hand. */
static void
on_popover_map (DavscopeStatusBadge *self,
                GtkWidget           *popover)
{
  GtkWidget *box = gtk_popover_get_child (GTK_POPOVER (popover));

  for (GtkWidget *child = gtk_widget_get_last_child (box);
       child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_widget_grab_focus (child);

  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && gtk_label_get_selectable (GTK_LABEL (child)))
      gtk_label_select_region (GTK_LABEL (child), 0, 0);

  /* The tooltip says what the popover says, and would cover it. */
  gtk_widget_set_has_tooltip (self->button, FALSE);
}

static void
on_popover_closed (DavscopeStatusBadge *self)
{
  if (self->button != NULL)
    gtk_widget_set_has_tooltip (self->button, TRUE);
}

/* The popover's content, built when it opens. Server text goes into
 * plain labels (never markup), escaped. */
static void
create_popup (GtkMenuButton *button,
              gpointer       user_data)
{
  DavscopeStatusBadge *self = user_data;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *title = NULL;
  DavStatusInfo info;
  guint64 exchange_id;

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  if (self->status != 0)
    {
      lookup (self, &info);
      title = g_strdup_printf ("%u %s", self->status, info.reason);
      /* The heading names the popover; the code is on the badge. */
      gtk_label_set_selectable (GTK_LABEL (add_text (box, title, "heading")), FALSE);
      if (!info.known)
        add_text (box, _("This is not a registered HTTP status code."), "dim-label");
      add_text (box, info.explanation, NULL);
      {
        g_autofree char *advice = g_strdup_printf (_("What you can try: %s"), info.advice);
        add_text (box, advice, NULL);
      }
      {
        g_autofree char *refs = info.rfc2616
          ? g_strdup_printf (_("Defined in %s (originally %s)"), info.reference, info.rfc2616)
          : g_strdup_printf (_("Defined in %s"), info.reference);
        add_text (box, refs, "dim-label");
      }
    }

  if (self->problem != NULL)
    add_text (box, self->problem, "warning");

  if (self->response != NULL)
    {
      if (self->response->description != NULL)
        {
          g_autofree char *shown = dav_text_escape (self->response->description, -1);
          g_autofree char *text = g_strdup_printf (_("The server says: “%s”"), shown);

          add_text (box, text, NULL);
        }

      for (guint i = 0; i < self->response->errors->len; i++)
        {
          const DavCondition *condition = g_ptr_array_index (self->response->errors, i);
          g_autofree char *name = dav_condition_dup_clark_name (condition);
          g_autofree char *shown = dav_text_escape (name, -1);
          DavConditionInfo cinfo;

          add_text (box, shown, "heading");
          if (dav_condition_lookup (condition->namespace_uri, condition->name, &cinfo))
            {
              add_text (box, cinfo.explanation, NULL);
              add_text (box, cinfo.reference, "dim-label");
            }
        }

      for (guint i = 0; i < self->response->problems->len; i++)
        {
          const DavProblem *problem = g_ptr_array_index (self->response->problems, i);

          add_text (box, problem->message,
                    dav_problem_kind_is_fatal (problem->kind) ? "error" : "dim-label");
        }
    }

  exchange_id = self->folder != NULL ? dav_folder_get_exchange_id (self->folder) : self->exchange_id;
  if (exchange_id != 0)
    {
      GtkWidget *show = gtk_button_new_with_mnemonic (_("Show _Exchange"));

      /* The request and the answer this status came from, in the inspector. */
      gtk_widget_set_halign (show, GTK_ALIGN_START);
      g_object_set_data_full (G_OBJECT (show), "exchange-id", g_memdup2 (&exchange_id, sizeof exchange_id), g_free);
      g_signal_connect (show, "clicked", G_CALLBACK (on_show_exchange), popover);
      gtk_box_append (GTK_BOX (box), show);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_object (popover, "map", G_CALLBACK (on_popover_map), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (popover, "closed", G_CALLBACK (on_popover_closed), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (button, popover);
}

static void
ensure_button (DavscopeStatusBadge *self)
{
  GtkWidget *box;

  if (self->button != NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  self->icon = gtk_image_new ();
  self->label = gtk_label_new (NULL);
  gtk_box_append (GTK_BOX (box), self->icon);
  gtk_box_append (GTK_BOX (box), self->label);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), box);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->button), create_popup, self, NULL);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_add_css_class (self->button, "status-badge");
  gtk_widget_set_halign (self->button, GTK_ALIGN_START);
  gtk_widget_set_visible (self->button, FALSE);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
}

/* What the popover says is built again when it next opens: the status,
 * the answer or the exchange changed. */
static void
forget_popover (DavscopeStatusBadge *self)
{
  GtkPopover *popover;

  if (self->button == NULL)
    return;

  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->button));
  if (popover != NULL && !gtk_widget_get_visible (GTK_WIDGET (popover)))
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), NULL);
}

static void
update (DavscopeStatusBadge *self)
{
  DavStatusInfo info;
  DavSeverity severity;
  g_autofree char *code = NULL;
  g_autofree char *tooltip = NULL;

  if (self->status == 0 && self->problem == NULL)
    {
      if (self->button != NULL)
        gtk_widget_set_visible (self->button, FALSE);
      return;
    }

  if (self->status != 0)
    {
      lookup (self, &info);
      severity = info.severity;
    }
  else
    severity = DAV_SEVERITY_ERROR;
  /* A flagged entry is a warning even when its status is fine. */
  if (self->problem != NULL && severity < DAV_SEVERITY_WARNING)
    severity = DAV_SEVERITY_WARNING;

  /* A plain success is calm: nothing to see, and nothing made for it
   * (the column binds a badge for every row it shows). */
  if (severity == DAV_SEVERITY_OK)
    {
      if (self->button != NULL)
        gtk_widget_set_visible (self->button, FALSE);
      return;
    }

  if (self->status != 0)
    {
      code = g_strdup_printf ("%u", self->status);
      tooltip = g_strdup_printf ("%u %s — %s", self->status, info.reason, info.explanation);
    }
  else
    code = g_strdup (_("?"));
  if (self->problem != NULL && (self->status == 0 || info.severity < DAV_SEVERITY_WARNING))
    {
      g_free (tooltip);
      tooltip = g_strdup (self->problem);
    }

  ensure_button (self);
  forget_popover (self);
  for (guint i = 0; i < 4; i++)
    gtk_widget_remove_css_class (self->button, davscope_severity_css ((DavSeverity) i));
  gtk_widget_set_visible (self->button, TRUE);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), davscope_severity_icon (severity));
  gtk_label_set_text (GTK_LABEL (self->label), code);
  gtk_widget_add_css_class (self->button, davscope_severity_css (severity));
  gtk_widget_set_tooltip_text (self->button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
}

void
davscope_status_badge_set (DavscopeStatusBadge *self,
                           guint                status,
                           gboolean             for_property,
                           const char          *problem,
                           DavResponse         *response)
{
  g_return_if_fail (DAVSCOPE_IS_STATUS_BADGE (self));

  self->status = status;
  self->for_property = for_property;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_clear_pointer (&self->response, dav_response_unref);
  if (response != NULL)
    self->response = dav_response_ref (response);

  update (self);
}

void
davscope_status_badge_set_exchange (DavscopeStatusBadge *self,
                                    guint64              exchange_id)
{
  g_return_if_fail (DAVSCOPE_IS_STATUS_BADGE (self));

  self->exchange_id = exchange_id;
  g_clear_object (&self->folder);
  forget_popover (self);
}

void
davscope_status_badge_set_listing (DavscopeStatusBadge *self,
                                   DavFolder           *folder)
{
  g_return_if_fail (DAVSCOPE_IS_STATUS_BADGE (self));

  self->exchange_id = 0;
  g_set_object (&self->folder, folder);
  forget_popover (self);
}

static void
davscope_status_badge_dispose (GObject *object)
{
  DavscopeStatusBadge *self = DAVSCOPE_STATUS_BADGE (object);

  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->response, dav_response_unref);
  g_clear_object (&self->folder);

  G_OBJECT_CLASS (davscope_status_badge_parent_class)->dispose (object);
}

static void
davscope_status_badge_class_init (DavscopeStatusBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = davscope_status_badge_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "statusbadge");
}

static void
davscope_status_badge_init (DavscopeStatusBadge *self)
{
}

GtkWidget *
davscope_status_badge_new (void)
{
  return g_object_new (DAVSCOPE_TYPE_STATUS_BADGE, NULL);
}
