/* wp-list-feed.h: what the store tells the lists of children, and what they ask of it
 *
 * The store keeps the lists views hold by parent (wp-store-lists.c) and
 * tells each what changed under its parent; the list reads what it needs
 * through the public API. Nothing else of the store is the lists' to see:
 * what a change was about comes as a WpListChange value, valid for the
 * call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "wp-store.h"

G_BEGIN_DECLS

/* What a children-changed is about, when the store knows */
typedef struct {
  gint64  item_id;      /* 0: no hint, lists read their rows again */
  int     from;         /* its position before, or -1 if it was not there */
  int     to;           /* its position after, or -1 if it is gone */
  gint64  moving_item;  /* the item a move is reporting, or 0: which of two
                           rows that swapped places moved */
} WpListChange;

/* Implemented by wp-item-list.c, called by the store */
void      _wp_item_list_children_changed  (GObject            *list,
                                           gint64              plan_id,
                                           gint64              parent_id,
                                           const WpListChange *change);
void      _wp_item_list_child_count_changed (GObject *list,
                                             gint64   item_id);
gboolean  _wp_item_list_is_shown      (GObject *list);
gint64    _wp_item_list_get_plan_id   (GObject *list);

/* Implemented by the store (wp-store-lists.c, wp-store-search.c), called
 * by the lists */
void      wp_store_register_list     (WpStore *self,
                                      GObject *list,
                                      gint64   parent_id);
void      wp_store_unregister_list   (WpStore *self,
                                      GObject *list,
                                      gint64   parent_id);
gboolean  _wp_store_is_shown_ancestor (WpStore *self,
                                       gint64   item_id);

G_END_DECLS
