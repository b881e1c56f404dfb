/* wp-light-badge.c: a traffic light as icon and words, never colour alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-light-badge.h"

GtkWidget *
wp_light_badge_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/* An item's light; green on a finished item says it is done. */
void
wp_light_badge_set_item (GtkWidget *badge,
                         WpItem    *item)
{
  WpLight light = wp_item_get_light (item);

  wp_light_badge_set (badge, light);
  if (light == WP_LIGHT_GREEN && wp_item_get_effective_status (item) == WP_ITEM_STATUS_DONE)
    gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (badge)),
                         wp_item_status_to_label (WP_ITEM_STATUS_DONE));
}

void
wp_light_badge_set (GtkWidget *badge,
                    WpLight    light)
{
  static const char *icons[] = {
    "content-loading-symbolic", "emblem-ok-symbolic", "dialog-warning-symbolic",
    "task-past-due-symbolic",
  };
  static const char *classes[] = { "wp-light-none", "wp-light-green", "wp-light-yellow",
                                   "wp-light-red" };
  GtkWidget *icon = gtk_widget_get_first_child (badge);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icons[light]);
  gtk_label_set_label (GTK_LABEL (label), wp_light_to_label (light));
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (badge, classes[i]);
  gtk_widget_add_css_class (badge, classes[light]);
}
