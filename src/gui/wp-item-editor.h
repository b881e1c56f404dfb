/* wp-item-editor.h: the side pane that edits one item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-context.h"

G_BEGIN_DECLS

#define WP_TYPE_ITEM_EDITOR (wp_item_editor_get_type ())
G_DECLARE_FINAL_TYPE (WpItemEditor, wp_item_editor, WP, ITEM_EDITOR, AdwBin)

void    wp_item_editor_set_context (WpItemEditor *self,
                                    WpContext    *context);
void    wp_item_editor_set_item    (WpItemEditor *self,
                                    WpItem       *item);
WpItem *wp_item_editor_get_item    (WpItemEditor *self);
gboolean wp_item_editor_save       (WpItemEditor  *self,
                                    GError       **error);
void    wp_item_editor_focus_first_field (WpItemEditor *self);

G_END_DECLS
