/* wp-outline-columns.c: the outline's columns and how their cells show an item
 *
 * Cells follow their item's notify signals, so edits made anywhere (the
 * editor, undo, another view) show at once. The title cell holds a label and
 * an entry for editing in place; the view decides when to edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "wp-light-cell.h"
#include "wp-progress-cell.h"
#include "wp-outline-view-private.h"

typedef void (*CellUpdateFunc) (WpOutlineView *self,
                                GtkListItem   *list_item,
                                WpItem        *item);

typedef struct {
  WpOutlineView  *view;
  CellUpdateFunc  update;
} CellColumn;

static WpItem *
list_item_get_item (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  if (row == NULL)
    return NULL;
  return gtk_tree_list_row_get_item (row);
}

static char *
join_names (const char * const *names)
{
  /* Translators: separates agency names in a list, e.g. 市公安局、市司法局 */
  return g_strjoinv (_(", "), (char **) names);
}

/* Cells */

GtkWidget *
wp_outline_title_get_label (GtkWidget *title_cell)
{
  return gtk_stack_get_child_by_name (GTK_STACK (title_cell), "label");
}

/* The entry to rename with, made on the first rename: two hundred rows of
 * entries that are almost never used made every row slower to make. */
GtkWidget *
wp_outline_title_get_entry (GtkWidget *title_cell)
{
  GtkWidget *entry = gtk_stack_get_child_by_name (GTK_STACK (title_cell), "entry");

  if (entry == NULL)
    {
      entry = gtk_entry_new ();
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Title"), -1);
      gtk_stack_add_named (GTK_STACK (title_cell), entry, "entry");
      g_object_set_data (G_OBJECT (entry), "wp-new-entry", GINT_TO_POINTER (TRUE));
    }
  return entry;
}

/* @text with each occurrence of @query marked, as Pango markup. */
static char *
highlight (const char *text,
           const char *query)
{
  GString *out = g_string_new (NULL);
  g_autofree char *text_lower = g_ascii_strdown (text, -1);
  g_autofree char *query_lower = g_ascii_strdown (query ? query : "", -1);
  gsize qlen = strlen (query_lower);
  const char *p = text_lower;
  const char *hit;

  while (qlen > 0 && (hit = strstr (p, query_lower)) != NULL)
    {
      g_autofree char *before = g_markup_escape_text (text + (p - text_lower), hit - p);
      g_autofree char *match = g_markup_escape_text (text + (hit - text_lower), qlen);

      g_string_append (out, before);
      g_string_append_printf (out, "<span background=\"#f8e45c\" foreground=\"#000000\">%s</span>",
                              match);
      p = hit + qlen;
    }
  {
    g_autofree char *rest = g_markup_escape_text (text + (p - text_lower), -1);
    g_string_append (out, rest);
  }
  return g_string_free (out, FALSE);
}

/* The title with the search's words highlighted, its kind's style, and
 * "carried over" when it is */
void
wp_outline_title_draw (WpOutlineView *self,
                       GtkWidget     *title_cell,
                       WpItem        *item)
{
  GtkWidget *label = wp_outline_title_get_label (title_cell);
  WpItemKind kind = wp_item_get_kind (item);
  const char *title = wp_item_get_title (item);

  {
    g_autofree char *markup = NULL;

    if (_wp_outline_view_is_match (self, wp_item_get_id (item)) && title[0])
      markup = highlight (title, _wp_outline_view_get_search (self));
    else
      markup = g_markup_escape_text (title[0] ? title : _("(untitled)"), -1);

    /* Work carried over from last year says so, in words. */
    if (wp_item_get_carried_over (item))
      {
        g_autofree char *tag = g_markup_printf_escaped (
          " <span size=\"small\" alpha=\"60%%\">%s</span>", _("· carried over"));
        char *joined = g_strconcat (markup, tag, NULL);

        g_free (markup);
        markup = joined;
      }
    gtk_label_set_markup (GTK_LABEL (label), markup);
  }
  if (title[0])
    gtk_widget_remove_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_remove_css_class (label, "wp-kind-area");
  gtk_widget_remove_css_class (label, "wp-kind-task");
  gtk_widget_remove_css_class (label, "wp-kind-action");
  gtk_widget_add_css_class (label, kind == WP_ITEM_KIND_AREA ? "wp-kind-area"
                                 : kind == WP_ITEM_KIND_TASK ? "wp-kind-task"
                                 : "wp-kind-action");
  /* Said to screen readers; a tooltip would cost every new row a round
   * trip to the display server for the pointer's position. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  wp_item_kind_to_label (kind), -1);
}

static void
update_title (WpOutlineView *self,
              GtkListItem   *list_item,
              WpItem        *item)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));

  wp_outline_title_draw (self, gtk_tree_expander_get_child (expander), item);
}

static void
update_lead (WpOutlineView *self,
             GtkListItem   *list_item,
             WpItem        *item)
{
  g_autofree char *text = join_names (wp_item_get_lead_agencies (item));
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
update_co (WpOutlineView *self,
           GtkListItem   *list_item,
           WpItem        *item)
{
  g_autofree char *text = join_names (wp_item_get_co_agencies (item));
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
update_due (WpOutlineView *self,
            GtkListItem   *list_item,
            WpItem        *item)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *due_label = wp_item_get_due_label (item);
  const GDate *due = wp_item_get_due (item);
  g_autofree char *date_text = wp_date_format_display (due);
  g_autofree char *markup = NULL;

  if (wp_item_get_ongoing (item) && due_label[0] == '\0')
    due_label = _("Ongoing");

  /* The words as written, and under them, smaller, the date they stand
   * for: one label, so that a row makes fewer widgets. */
  if (due_label[0] != '\0' && due != NULL && g_strcmp0 (due_label, date_text) != 0)
    markup = g_markup_printf_escaped ("%s\n<span size=\"small\" alpha=\"60%%\">%s</span>",
                                      due_label, date_text);
  else
    markup = g_markup_escape_text (due_label[0] != '\0' ? due_label : date_text, -1);
  gtk_label_set_markup (GTK_LABEL (label), markup);
}

static void
update_status (WpOutlineView *self,
               GtkListItem   *list_item,
               WpItem        *item)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)),
                       wp_item_status_to_label (wp_item_get_effective_status (item)));
}

static void
update_progress (WpOutlineView *self,
                 GtkListItem   *list_item,
                 WpItem        *item)
{
  wp_progress_cell_set_percent (WP_PROGRESS_CELL (gtk_list_item_get_child (list_item)),
                                wp_item_get_effective_progress (item));
}

static void
update_light (WpOutlineView *self,
              GtkListItem   *list_item,
              WpItem        *item)
{
  g_assert (self != NULL);
  wp_light_cell_set_item (WP_LIGHT_CELL (gtk_list_item_get_child (list_item)), item);
}

/* Factories */

static GtkWidget *
new_cell_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

static void
setup_title (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CellColumn               *column)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *label = new_cell_label ();

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  /* Titles wrap, but never down to a column of single characters. */
  gtk_label_set_width_chars (GTK_LABEL (label), 14);
  gtk_stack_add_named (GTK_STACK (stack), label, "label");
  gtk_stack_set_hhomogeneous (GTK_STACK (stack), FALSE);
  gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
  gtk_stack_set_interpolate_size (GTK_STACK (stack), FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "label");
  gtk_widget_set_hexpand (stack, TRUE);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), stack);
  gtk_list_item_set_child (list_item, expander);
}

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CellColumn               *column)
{
  gtk_list_item_set_child (list_item, new_cell_label ());
}

static void
setup_due (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           CellColumn               *column)
{
  GtkWidget *label = new_cell_label ();

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (list_item, label);
}

static void
setup_progress (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CellColumn               *column)
{
  GtkWidget *cell = wp_progress_cell_new ();

  gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (list_item, cell);
}

static void
setup_light (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CellColumn               *column)
{
  GtkWidget *cell = wp_light_cell_new ();

  gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (list_item, cell);
}

/* What a cell last drew: the item's revision (unique across items) and the
 * search it highlighted. */
static void
mark_drawn (CellColumn *column,
            GtkWidget  *cell,
            WpItem     *item)
{
  g_object_set_data (G_OBJECT (cell), "wp-drawn-revision",
                     GUINT_TO_POINTER (wp_item_get_revision (item)));
  g_object_set_data (G_OBJECT (cell), "wp-drawn-search",
                     GUINT_TO_POINTER (_wp_outline_view_get_search_serial (column->view) + 1));
}

static gboolean
is_drawn (CellColumn *column,
          GtkWidget  *cell,
          WpItem     *item)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "wp-drawn-revision"))
           == wp_item_get_revision (item)
         && GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "wp-drawn-search"))
           == _wp_outline_view_get_search_serial (column->view) + 1;
}

static void
on_item_notify (GtkListItem *list_item,
                GParamSpec  *pspec,
                WpItem      *item)
{
  CellColumn *column = g_object_get_data (G_OBJECT (list_item), "wp-column");
  GtkWidget *child = gtk_list_item_get_child (list_item);

  /* A move notifies every sibling's new position, which no cell shows: the
   * revision tells whether anything drawn changed. */
  if (is_drawn (column, child, item))
    return;
  column->update (column->view, list_item, item);
  mark_drawn (column, child, item);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           CellColumn               *column)
{
  WpItem *item = list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (item == NULL)
    return;

  if (GTK_IS_TREE_EXPANDER (child))
    {
      gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child),
                                      gtk_list_item_get_item (list_item));
      _wp_outline_view_title_bound (column->view, item,
                                    gtk_tree_expander_get_child (GTK_TREE_EXPANDER (child)));
    }

  g_object_set_data (G_OBJECT (list_item), "wp-column", column);
  g_object_set_data_full (G_OBJECT (list_item), "wp-item", g_object_ref (item), g_object_unref);
  g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify), list_item,
                           G_CONNECT_SWAPPED);

  /* GTK binds rows again when rows above them come or go; a cell that shows
   * this very item as it is now has nothing to redo. */
  if (is_drawn (column, child, item))
    return;
  column->update (column->view, list_item, item);
  mark_drawn (column, child, item);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CellColumn               *column)
{
  WpItem *item = g_object_get_data (G_OBJECT (list_item), "wp-item");
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, on_item_notify, list_item);

  if (GTK_IS_TREE_EXPANDER (child))
    {
      if (item != NULL)
        _wp_outline_view_title_unbound (column->view, item,
                                        gtk_tree_expander_get_child (GTK_TREE_EXPANDER (child)));
      gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child), NULL);
    }
  g_object_set_data (G_OBJECT (list_item), "wp-item", NULL);
}

static void
setup_dnd (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           CellColumn               *column)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);

  wp_outline_dnd_setup_cell (column->view, list_item, child, GTK_IS_TREE_EXPANDER (child));
}

static void
add_column (WpOutlineView  *self,
            GtkColumnView  *column_view,
            const char     *title,
            GCallback       setup,
            CellUpdateFunc  update,
            gboolean        expand,
            int             fixed_width)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  CellColumn *data = g_new0 (CellColumn, 1);

  data->view = self;
  data->update = update;
  g_object_set_data_full (G_OBJECT (factory), "wp-column", data, g_free);

  g_signal_connect (factory, "setup", setup, data);
  g_signal_connect_after (factory, "setup", G_CALLBACK (setup_dnd), data);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), data);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), data);

  column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_append_column (column_view, column);
}

void
wp_outline_columns_add (WpOutlineView *self,
                        GtkColumnView *column_view)
{
  add_column (self, column_view, _("Title"), G_CALLBACK (setup_title), update_title, TRUE, -1);
  add_column (self, column_view, _("Lead agency"), G_CALLBACK (setup_label), update_lead,
              FALSE, 140);
  add_column (self, column_view, _("Supporting agencies"), G_CALLBACK (setup_label), update_co,
              FALSE, 160);
  add_column (self, column_view, _("Deadline"), G_CALLBACK (setup_due), update_due, FALSE, 130);
  add_column (self, column_view, _("Status"), G_CALLBACK (setup_label), update_status, FALSE, 90);
  add_column (self, column_view, _("Progress"), G_CALLBACK (setup_progress), update_progress,
              FALSE, 110);
  add_column (self, column_view, _("Status light"), G_CALLBACK (setup_light), update_light,
              FALSE, 130);
}
