/* wp-view.h: what the window asks of every view (outline, board, ...)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "wp-context.h"

G_BEGIN_DECLS

#define WP_TYPE_VIEW (wp_view_get_type ())
G_DECLARE_INTERFACE (WpView, wp_view, WP, VIEW, GtkWidget)

struct _WpViewInterface
{
  GTypeInterface parent_iface;

  /* What the view switcher shows, read without making the view: the page's
   * name (for win.show-view), its title (translated in the "view" context)
   * and its icon */
  const char *name;
  const char *title;
  const char *icon_name;

  WpItem  *(*get_selected_item) (WpView         *self);
  gboolean (*show_item)         (WpView         *self,
                                 gint64          item_id);
  void     (*set_filter)        (WpView         *self,
                                 const WpFilter *filter);
  gboolean (*is_editing)        (WpView         *self);
};

WpContext  *wp_view_get_context       (WpView         *self);
void        wp_view_set_context       (WpView         *self,
                                       WpContext      *context);
WpPlan     *wp_view_dup_plan          (WpView         *self);
WpItem     *wp_view_get_selected_item (WpView         *self);
gboolean    wp_view_show_item         (WpView         *self,
                                       gint64          item_id);
void        wp_view_set_filter        (WpView         *self,
                                       const WpFilter *filter);
gboolean    wp_view_is_editing        (WpView         *self);

void        wp_view_selection_changed (WpView         *self);
void        wp_view_item_activated    (WpView         *self);

const char *wp_view_type_get_name     (GType           type);
const char *wp_view_type_get_title    (GType           type);
const char *wp_view_type_get_icon_name (GType          type);
gboolean    wp_view_type_can_filter   (GType           type);

/* What every view keeps of its context: a member named "binding" of its
 * instance struct, which WP_VIEW_CLASS_BIND() gives the interface's
 * properties to. */
typedef struct
{
  WpContext *context;
  WpPlan    *plan;
} WpViewBinding;

/* The view took another context (@binding.context, maybe %NULL) and its
 * plan; @old_context is the one before, to let go of what it watched. */
typedef void (*WpViewContextChanged) (gpointer   view,
                                      WpContext *old_context);
/* The view shows another plan (@another), or the same one read again */
typedef void (*WpViewPlanChanged)    (gpointer   view,
                                      gboolean   another);

void        wp_view_class_bind        (GObjectClass         *object_class,
                                       gsize                 binding_offset,
                                       WpViewContextChanged  context_changed,
                                       WpViewPlanChanged     plan_changed);
void        wp_view_set_plan          (WpView               *self,
                                       WpPlan               *plan);
void        wp_view_binding_clear     (WpViewBinding        *binding,
                                       gpointer              view);

/* In a view's class_init: it takes "context" and "plan" (its only
 * properties) through its member "binding" */
#define WP_VIEW_CLASS_BIND(klass, TypeName, context_changed, plan_changed) \
  wp_view_class_bind (G_OBJECT_CLASS (klass), G_STRUCT_OFFSET (TypeName, binding), \
                      (WpViewContextChanged) (void (*) (void)) (context_changed), \
                      (WpViewPlanChanged) (void (*) (void)) (plan_changed))

G_END_DECLS
