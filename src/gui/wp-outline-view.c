/* wp-outline-view.c: the plan as a tree of areas, key tasks and actions
 *
 * A GtkTreeListModel over the store's lazy child models: a level is read
 * from the database only when its parent row is expanded, so a 100k-item
 * plan shows its top level after reading a handful of rows. Cells follow
 * their item's notify signals, so edits made elsewhere show at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-outline-view.h"

struct _WpOutlineView
{
  AdwBin          parent_instance;

  GtkStack       *stack;
  GtkColumnView  *column_view;
  AdwStatusPage  *empty_page;

  WpContext      *context;
  WpPlan         *plan;
  GListModel     *root;
};

G_DEFINE_FINAL_TYPE (WpOutlineView, wp_outline_view, ADW_TYPE_BIN)

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

static void
update_title (WpOutlineView *self,
              GtkListItem   *list_item,
              WpItem        *item)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkWidget *label = gtk_tree_expander_get_child (expander);
  WpItemKind kind = wp_item_get_kind (item);
  const char *title = wp_item_get_title (item);

  gtk_label_set_label (GTK_LABEL (label), title[0] ? title : _("(untitled)"));
  gtk_widget_remove_css_class (label, "wp-kind-area");
  gtk_widget_remove_css_class (label, "wp-kind-task");
  gtk_widget_remove_css_class (label, "wp-kind-action");
  gtk_widget_add_css_class (label, kind == WP_ITEM_KIND_AREA ? "wp-kind-area"
                                 : kind == WP_ITEM_KIND_TASK ? "wp-kind-task"
                                 : "wp-kind-action");
  gtk_widget_set_tooltip_text (label, wp_item_kind_to_label (kind));
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
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *date_label = gtk_widget_get_next_sibling (label);
  const char *due_label = wp_item_get_due_label (item);
  const GDate *due = wp_item_get_due (item);
  g_autofree char *date_text = wp_date_format_display (due);

  if (wp_item_get_ongoing (item) && due_label[0] == '\0')
    due_label = _("Ongoing");

  if (due_label[0] != '\0')
    {
      gtk_label_set_label (GTK_LABEL (label), due_label);
      gtk_label_set_label (GTK_LABEL (date_label), date_text);
      gtk_widget_set_visible (date_label, due != NULL && g_strcmp0 (due_label, date_text) != 0);
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (label), date_text);
      gtk_widget_set_visible (date_label, FALSE);
    }
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
  GtkWidget *bar = gtk_list_item_get_child (list_item);
  int progress = wp_item_get_effective_progress (item);
  g_autofree char *text = g_strdup_printf (_("%d%%"), progress);

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), progress / 100.0);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (bar), text);
}

static void
update_light (WpOutlineView *self,
              GtkListItem   *list_item,
              WpItem        *item)
{
  static const char *icons[] = {
    "content-loading-symbolic", "emblem-ok-symbolic", "dialog-warning-symbolic",
    "task-past-due-symbolic",
  };
  static const char *classes[] = { "wp-light-none", "wp-light-green", "wp-light-yellow",
                                   "wp-light-red" };
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);
  WpLight light = wp_item_get_light (item);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icons[light]);
  gtk_label_set_label (GTK_LABEL (label), wp_light_to_label (light));
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (box, classes[i]);
  gtk_widget_add_css_class (box, classes[light]);
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
  GtkWidget *label = new_cell_label ();

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
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
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *date_label = new_cell_label ();

  gtk_widget_add_css_class (date_label, "dim-label");
  gtk_widget_add_css_class (date_label, "caption");
  gtk_box_append (GTK_BOX (box), new_cell_label ());
  gtk_box_append (GTK_BOX (box), date_label);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (list_item, box);
}

static void
setup_progress (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CellColumn               *column)
{
  GtkWidget *bar = gtk_progress_bar_new ();

  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (list_item, bar);
}

static void
setup_light (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CellColumn               *column)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_box_append (GTK_BOX (box), new_cell_label ());
  gtk_list_item_set_child (list_item, box);
}

static void
on_item_notify (GtkListItem *list_item,
                GParamSpec  *pspec,
                WpItem      *item)
{
  CellColumn *column = g_object_get_data (G_OBJECT (list_item), "wp-column");

  column->update (column->view, list_item, item);
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
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child),
                                    gtk_list_item_get_item (list_item));

  g_object_set_data (G_OBJECT (list_item), "wp-column", column);
  g_object_set_data_full (G_OBJECT (list_item), "wp-item", g_object_ref (item), g_object_unref);
  g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify), list_item,
                           G_CONNECT_SWAPPED);
  column->update (column->view, list_item, item);
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
  g_object_set_data (G_OBJECT (list_item), "wp-item", NULL);

  if (GTK_IS_TREE_EXPANDER (child))
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child), NULL);
}

static void
add_column (WpOutlineView  *self,
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
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), data);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), data);

  column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_append_column (self->column_view, column);
}

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  WpOutlineView *self = user_data;

  if (wp_item_get_n_children (item) == 0)
    return NULL;
  return wp_store_get_children_model (wp_context_get_store (self->context),
                                      wp_item_get_plan_id (item), wp_item_get_id (item));
}

static void
update_empty_state (WpOutlineView *self)
{
  if (self->plan == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Plans Yet"));
      adw_status_page_set_description (
        self->empty_page,
        _("Import a plan with “workplan import FILE.json” on the command line."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (self->root == NULL || g_list_model_get_n_items (self->root) == 0)
    {
      adw_status_page_set_title (self->empty_page, _("This Plan Is Empty"));
      adw_status_page_set_description (self->empty_page,
                                       _("Its areas, key tasks and actions will show here."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "tree");
}

static void
on_root_items_changed (WpOutlineView *self)
{
  update_empty_state (self);
}

static void
reload (WpOutlineView *self)
{
  GtkTreeListModel *tree;
  GtkSingleSelection *selection;

  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, on_root_items_changed, self);
  g_clear_object (&self->root);

  if (self->context == NULL || self->plan == NULL || wp_context_get_store (self->context) == NULL)
    {
      gtk_column_view_set_model (self->column_view, NULL);
      update_empty_state (self);
      return;
    }

  self->root = wp_store_get_children_model (wp_context_get_store (self->context),
                                            wp_plan_get_id (self->plan), 0);
  g_signal_connect_swapped (self->root, "items-changed", G_CALLBACK (on_root_items_changed), self);

  tree = gtk_tree_list_model_new (g_object_ref (self->root), FALSE, FALSE,
                                  create_child_model, self, NULL);
  selection = gtk_single_selection_new (G_LIST_MODEL (tree));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  /* Open on the areas' key tasks: a plan has a handful of areas, and the
   * tasks under them are what people look for first. From the last row up,
   * so expanding one does not shift the rows still to visit. */
  for (guint i = g_list_model_get_n_items (self->root); i > 0; i--)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (tree, i - 1);

      if (row != NULL)
        gtk_tree_list_row_set_expanded (row, TRUE);
    }

  update_empty_state (self);
}

static void
wp_outline_view_dispose (GObject *object)
{
  WpOutlineView *self = WP_OUTLINE_VIEW (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, on_root_items_changed, self);
  g_clear_object (&self->root);
  g_clear_object (&self->plan);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (wp_outline_view_parent_class)->dispose (object);
}

static void
wp_outline_view_class_init (WpOutlineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_outline_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/workplan/Workplan/wp-outline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WpOutlineView, stack);
  gtk_widget_class_bind_template_child (widget_class, WpOutlineView, column_view);
  gtk_widget_class_bind_template_child (widget_class, WpOutlineView, empty_page);
}

static void
wp_outline_view_init (WpOutlineView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_column (self, _("Title"), G_CALLBACK (setup_title), update_title, TRUE, -1);
  add_column (self, _("Lead agency"), G_CALLBACK (setup_label), update_lead, FALSE, 140);
  add_column (self, _("Supporting agencies"), G_CALLBACK (setup_label), update_co, FALSE, 160);
  add_column (self, _("Deadline"), G_CALLBACK (setup_due), update_due, FALSE, 130);
  add_column (self, _("Status"), G_CALLBACK (setup_label), update_status, FALSE, 90);
  add_column (self, _("Progress"), G_CALLBACK (setup_progress), update_progress, FALSE, 110);
  add_column (self, _("Status light"), G_CALLBACK (setup_light), update_light, FALSE, 130);

  update_empty_state (self);
}

void
wp_outline_view_set_context (WpOutlineView *self,
                             WpContext     *context)
{
  g_return_if_fail (WP_IS_OUTLINE_VIEW (self));

  if (g_set_object (&self->context, context))
    reload (self);
}

void
wp_outline_view_set_plan (WpOutlineView *self,
                          WpPlan        *plan)
{
  g_return_if_fail (WP_IS_OUTLINE_VIEW (self));

  g_set_object (&self->plan, plan);
  reload (self);
}
