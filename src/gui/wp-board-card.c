/* wp-board-card.c: one card of the board
 *
 * Its widgets are in wp-board-card.ui; the columns (wp-board-columns.c)
 * make one for each row of their lists, drag and drop it, and give it the
 * item it shows with what it needs from the plan (where the item sits,
 * whether it is behind its milestone).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-board-card.h"
#include "wp-light-cell.h"
#include "wp-progress-cell.h"

struct _WpBoardCard
{
  GtkBox     parent_instance;

  GtkLabel  *title;
  GtkLabel  *path;
  GtkLabel  *lead;
  GtkLabel  *due;
  GtkWidget *bar;
  GtkLabel  *behind;  /* 欠进度: below what its milestone expects by now */
  GtkWidget *light;
};

G_DEFINE_FINAL_TYPE (WpBoardCard, wp_board_card, GTK_TYPE_BOX)

static void
wp_board_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), WP_TYPE_BOARD_CARD);
  G_OBJECT_CLASS (wp_board_card_parent_class)->dispose (object);
}

static void
wp_board_card_class_init (WpBoardCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wp_board_card_dispose;

  g_type_ensure (WP_TYPE_PROGRESS_CELL);
  g_type_ensure (WP_TYPE_LIGHT_CELL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/workplan/Workplan/wp-board-card.ui");
  gtk_widget_class_bind_template_child (widget_class, WpBoardCard, title);
  gtk_widget_class_bind_template_child (widget_class, WpBoardCard, path);
  gtk_widget_class_bind_template_child (widget_class, WpBoardCard, lead);
  gtk_widget_class_bind_template_child (widget_class, WpBoardCard, due);
  gtk_widget_class_bind_template_child (widget_class, WpBoardCard, bar);
  gtk_widget_class_bind_template_child (widget_class, WpBoardCard, behind);
  gtk_widget_class_bind_template_child (widget_class, WpBoardCard, light);
}

static void
wp_board_card_init (WpBoardCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* (the core's words, as in the outline and the briefing) */
  gtk_label_set_label (self->behind, wp_pace_to_label (WP_PACE_BEHIND));
}

GtkWidget *
wp_board_card_new (void)
{
  return g_object_new (WP_TYPE_BOARD_CARD, NULL);
}

/**
 * wp_board_card_show:
 * @path: the titles above the item, "area › key task", or ""
 * @behind: whether the item is below what its milestone expects by now
 *
 * Shows @item on the card, and says it for screen readers.
 */
void
wp_board_card_show (WpBoardCard *self,
                    WpItem      *item,
                    const char  *path,
                    gboolean     behind)
{
  g_autofree char *lead = NULL;
  g_autofree char *percent = NULL;
  g_autofree char *due = NULL;
  g_autofree char *accessible = NULL;
  const char *due_label;

  g_return_if_fail (WP_IS_BOARD_CARD (self));
  g_return_if_fail (WP_IS_ITEM (item));

  gtk_label_set_label (self->title, wp_item_get_title (item));
  gtk_label_set_label (self->path, path);
  gtk_widget_set_visible (GTK_WIDGET (self->path), path[0] != '\0');

  lead = g_strjoinv ("、", (char **) wp_item_get_lead_agencies (item));
  gtk_label_set_label (self->lead, lead[0] != '\0' ? lead : _("No lead agency"));
  gtk_widget_set_opacity (GTK_WIDGET (self->lead), lead[0] != '\0' ? 1.0 : 0.6);

  due_label = wp_item_get_due_label (item);
  if (due_label != NULL && due_label[0] != '\0')
    due = g_strdup (due_label);
  else if (wp_item_get_due (item) != NULL && g_date_valid (wp_item_get_due (item)))
    due = wp_date_to_iso (wp_item_get_due (item));
  gtk_label_set_label (self->due, due != NULL ? due : "");
  gtk_widget_set_visible (GTK_WIDGET (self->due), due != NULL);

  wp_progress_cell_set_percent (WP_PROGRESS_CELL (self->bar),
                                wp_item_get_effective_progress (item));
  percent = g_strdup_printf (_("%d%%"), wp_item_get_effective_progress (item));
  wp_light_cell_set_item (WP_LIGHT_CELL (self->light), item);
  gtk_widget_set_visible (GTK_WIDGET (self->behind), behind);

  /* Translators: what a screen reader says for a card: title, lead
   * agency, deadline, progress and light */
  accessible = g_strdup_printf (_("%s; lead: %s; due: %s; %s; %s"), wp_item_get_title (item),
                                lead[0] != '\0' ? lead : _("No lead agency"),
                                due != NULL ? due : _("No Deadline"), percent,
                                wp_light_cell_get_text (WP_LIGHT_CELL (self->light)));
  if (behind)
    {
      char *with_pace = g_strconcat (accessible, "; ", wp_pace_to_label (WP_PACE_BEHIND), NULL);

      g_free (accessible);
      accessible = with_pace;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}
