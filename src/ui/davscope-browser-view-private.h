/* davscope-browser-view-private.h: what the browser view's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The browser view is the model stack, its state and its selection
 * (davscope-browser-view.c) and the columns of its rows, with what a
 * cell tells about its row (davscope-browser-view-columns.c).
 */

#pragma once

#include "davscope-browser-view.h"
#include "davscope-filter-model.h"

G_BEGIN_DECLS

struct _DavscopeBrowserView
{
  GtkWidget            parent_instance;

  GtkWidget           *paned;
  GtkWidget           *banner;
  GtkWidget           *banner_label;
  GtkWidget           *stack;
  GtkWidget           *column_view;
  GtkWidget           *error_page;
  GtkWidget           *details;
  GtkWidget           *search_bar;
  GtkWidget           *search_entry;
  GtkWidget           *no_match_page;

  DavResourceStore    *store;
  DavFolder           *root;
  DavscopeFilterModel *filtered_root;
  GtkFilter           *hidden_filter; /* drops dot-names unless show-hidden */
  gboolean             show_hidden;
  GtkFilter           *name_filter;   /* Find: rows whose names, and their folders', hold the query */
  char                *query;         /* dav_text_fold of the search text */
  GtkTreeListModel    *tree;
  GtkSortListModel    *sorted;
  DavscopeFilterModel *found;         /* the sorted rows that name_filter keeps */
  GtkMultiSelection   *selection;
  gulong               root_handler;
  guint64              n_selected;    /* what the details pane and the actions were told */
  DavResource         *selected;      /* the one selected item then, or NULL; not a ref */
  gboolean             keep_top;      /* a first listing, not scrolled by the user yet */
  gboolean             clock_12h;     /* GNOME's clock-format is "12h" */
  GtkColumnViewColumn *modified_column; /* not a ref: the column view holds it */
  struct _TextColumn  *modified_text;   /* its cells; its factory owns it */
  char                *select_key;    /* davscope_browser_view_select_url, not listed yet */
  struct _PropertyColumns *property_columns; /* davscope-browser-view-properties.c */
  GtkSorter           *missing_last;  /* folders first, rows without a value in the sort's column last, then column_sorter */
  GtkSorter           *column_sorter; /* the column view's; not a ref */
  GtkColumnViewColumn *sort_column;   /* the column the rows sort by; not a ref */
  gconstpointer        sort_has;      /* its has-value test (davscope_browser_view_column_set_has_value), or NULL */
  gconstpointer        sort_comparison; /* the sort column's comparison (a Comparison), or NULL */
  int                  sort_direction;  /* 1 / -1: the sort column ascending / descending */
  gboolean             root_loading;  /* what on_root_busy saw last: listing, or rows pending */
  GHashTable          *watched;       /* DavFolder of an open row → its notify handler */
};

/* davscope-browser-view.c */
/* The folder a row's resource was listed in. */
DavFolder *davscope_browser_view_row_folder       (DavscopeBrowserView *self,
                                                   GtkTreeListRow      *row);
/* The GtkListView inside the column view, which holds the row widgets. */
GtkWidget *davscope_browser_view_inner_list_view  (DavscopeBrowserView *self);

/* davscope-browser-view-columns.c */
/* Name, Size, Modified, Type and Status, sorted by name. */
void       davscope_browser_view_add_columns      (DavscopeBrowserView *self);
/* The sorter of the rows: folders first, rows without a value in the
 * sort's column last, then the column view's. */
GtkSorter *davscope_browser_view_new_sorter       (DavscopeBrowserView *self);
/* A column's sorter: @compare (@data: the column, for the sort probe),
 * then rows equal in it by name. */
GtkSorter *davscope_browser_view_column_sorter    (GCompareDataFunc     compare,
                                                   gpointer             data);
/* Whether a row has a value in @column: rows without one go last
 * whichever way the column sorts, as in GNOME Files. */
typedef gboolean (*DavscopeHasValueFunc)          (DavResource         *resource,
                                                   gpointer             data);
void       davscope_browser_view_column_set_has_value (GtkColumnViewColumn  *column,
                                                       DavscopeHasValueFunc  func,
                                                       gpointer              data);
/* First thing in a column's compare function: TRUE (return at once,
 * nonzero) while the view asks which column the rows sort by. */
gboolean   davscope_browser_view_sort_probe       (GtkColumnViewColumn *column);
/* Sorts the rows again, after values changed in place (a listing again),
 * unless they sort by name, which a listing does not change in place. */
void       davscope_browser_view_resort           (DavscopeBrowserView *self);
/* The position of the row that holds @widget, or GTK_INVALID_LIST_POSITION. */
guint      davscope_browser_view_position_of      (DavscopeBrowserView *self,
                                                   GtkWidget           *widget);

/* davscope-browser-view-properties.c */
/* The header's menu; the property columns are kept per server. */
void       davscope_browser_view_setup_property_columns (DavscopeBrowserView *self);
void       davscope_browser_view_drop_property_columns  (DavscopeBrowserView *self);
/* The saved columns of the store's server, after a store is set. */
void       davscope_browser_view_restore_columns        (DavscopeBrowserView *self);

G_END_DECLS
