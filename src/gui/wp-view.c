/* wp-view.c: what the window asks of every view (outline, board, ...)
 *
 * As gnome-calendar's GcalView: each view takes the window's WpContext
 * through the "context" property and follows it (the plan shown, the
 * store's edits); the window makes, shows and wires every view alike
 * through this interface, from a list of their types. A view without a
 * selection or a search leaves those functions to the defaults here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wp-view.h"

G_DEFINE_INTERFACE (WpView, wp_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SELECTION_CHANGED,
  SIGNAL_ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static WpItem *
wp_view_real_get_selected_item (WpView *self)
{
  return NULL;
}

static gboolean
wp_view_real_show_item (WpView *self,
                        gint64  item_id)
{
  return FALSE;
}

static void
wp_view_real_set_filter (WpView         *self,
                         const WpFilter *filter)
{
}

static gboolean
wp_view_real_is_editing (WpView *self)
{
  return FALSE;
}

static void
wp_view_default_init (WpViewInterface *iface)
{
  iface->get_selected_item = wp_view_real_get_selected_item;
  iface->show_item = wp_view_real_show_item;
  iface->set_filter = wp_view_real_set_filter;
  iface->is_editing = wp_view_real_is_editing;

  /**
   * WpView:context:
   *
   * The window's store, undo stack, settings and plan shown, which the
   * view follows.
   */
  g_object_interface_install_property (
    iface, g_param_spec_object ("context", NULL, NULL, WP_TYPE_CONTEXT,
                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                | G_PARAM_STATIC_STRINGS));

  /**
   * WpView:plan:
   *
   * The plan the view shows: its context's.
   */
  g_object_interface_install_property (
    iface, g_param_spec_object ("plan", NULL, NULL, WP_TYPE_PLAN,
                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * WpView::selection-changed:
   *
   * Another item (or none) was selected; see wp_view_get_selected_item().
   */
  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * WpView::item-activated:
   *
   * An item was double-clicked or its details asked for: the window shows
   * the item pane.
   */
  signals[SIGNAL_ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* Returns: (transfer none) (nullable): the context the view follows */
WpContext *
wp_view_get_context (WpView *self)
{
  g_autoptr(WpContext) context = NULL;

  g_return_val_if_fail (WP_IS_VIEW (self), NULL);

  g_object_get (self, "context", &context, NULL);
  /* (the view holds it) */
  return context;
}

void
wp_view_set_context (WpView    *self,
                     WpContext *context)
{
  g_return_if_fail (WP_IS_VIEW (self));
  g_return_if_fail (context == NULL || WP_IS_CONTEXT (context));

  g_object_set (self, "context", context, NULL);
}

/* Returns: (transfer full) (nullable): the plan the view shows */
WpPlan *
wp_view_dup_plan (WpView *self)
{
  WpPlan *plan = NULL;

  g_return_val_if_fail (WP_IS_VIEW (self), NULL);
  g_object_get (self, "plan", &plan, NULL);
  return plan;
}

/* Returns: (transfer full) (nullable): the item selected in the view */
WpItem *
wp_view_get_selected_item (WpView *self)
{
  g_return_val_if_fail (WP_IS_VIEW (self), NULL);
  return WP_VIEW_GET_IFACE (self)->get_selected_item (self);
}

/**
 * wp_view_show_item:
 *
 * Selects the item and scrolls to it.
 *
 * Returns: %FALSE if the view does not show it
 */
gboolean
wp_view_show_item (WpView *self,
                   gint64  item_id)
{
  g_return_val_if_fail (WP_IS_VIEW (self), FALSE);
  return WP_VIEW_GET_IFACE (self)->show_item (self, item_id);
}

/**
 * wp_view_set_filter:
 * @filter: (nullable): the window's search words and filters
 */
void
wp_view_set_filter (WpView         *self,
                    const WpFilter *filter)
{
  g_return_if_fail (WP_IS_VIEW (self));
  WP_VIEW_GET_IFACE (self)->set_filter (self, filter);
}

/* Whether something is being typed in the view and not yet saved */
gboolean
wp_view_is_editing (WpView *self)
{
  g_return_val_if_fail (WP_IS_VIEW (self), FALSE);
  return WP_VIEW_GET_IFACE (self)->is_editing (self);
}

/* For the views: another item (or none) is selected */
void
wp_view_selection_changed (WpView *self)
{
  g_return_if_fail (WP_IS_VIEW (self));
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

/* For the views: the selected item's details are asked for */
void
wp_view_item_activated (WpView *self)
{
  g_return_if_fail (WP_IS_VIEW (self));
  g_signal_emit (self, signals[SIGNAL_ITEM_ACTIVATED], 0);
}

static WpViewInterface *
peek_type_iface (GType type)
{
  /* (a view's class is made once and kept: its type is static) */
  gpointer klass = g_type_class_peek (type);

  if (klass == NULL)
    klass = g_type_class_ref (type);
  return g_type_interface_peek (klass, WP_TYPE_VIEW);
}

/* The name of the view's page, e.g. "board" */
const char *
wp_view_type_get_name (GType type)
{
  g_return_val_if_fail (g_type_is_a (type, WP_TYPE_VIEW), NULL);
  return peek_type_iface (type)->name;
}

/* Returns: the view's title, translated */
const char *
wp_view_type_get_title (GType type)
{
  g_return_val_if_fail (g_type_is_a (type, WP_TYPE_VIEW), NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "view", peek_type_iface (type)->title);
}

const char *
wp_view_type_get_icon_name (GType type)
{
  g_return_val_if_fail (g_type_is_a (type, WP_TYPE_VIEW), NULL);
  return peek_type_iface (type)->icon_name;
}

/* Whether views of @type narrow to the window's search and filters */
gboolean
wp_view_type_can_filter (GType type)
{
  g_return_val_if_fail (g_type_is_a (type, WP_TYPE_VIEW), FALSE);
  return peek_type_iface (type)->set_filter != wp_view_real_set_filter;
}

/* The binding: what every view did by hand to follow its context */

typedef struct
{
  gsize                offset;
  WpViewContextChanged context_changed;
  WpViewPlanChanged    plan_changed;
} WpViewClassBinding;

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PLAN,
};

static GQuark
class_binding_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("wp-view-class-binding");
  return quark;
}

static const WpViewClassBinding *
get_class_binding (GObject *view)
{
  for (GType type = G_OBJECT_TYPE (view); type != 0; type = g_type_parent (type))
    {
      const WpViewClassBinding *found = g_type_get_qdata (type, class_binding_quark ());

      if (found != NULL)
        return found;
    }
  g_return_val_if_reached (NULL);
}

static WpViewBinding *
get_binding (GObject *view)
{
  return G_STRUCT_MEMBER_P (view, get_class_binding (view)->offset);
}

/* The window shows another plan, or the same one read again */
static void
on_context_plan (WpView *self)
{
  wp_view_set_plan (self, wp_context_get_plan (get_binding (G_OBJECT (self))->context));
}

static void
binding_set_context (GObject   *view,
                     WpContext *context)
{
  const WpViewClassBinding *klass = get_class_binding (view);
  WpViewBinding *binding = G_STRUCT_MEMBER_P (view, klass->offset);
  g_autoptr(WpContext) old = NULL;

  if (binding->context == context)
    return;
  old = g_steal_pointer (&binding->context);
  if (old != NULL)
    g_signal_handlers_disconnect_by_func (old, on_context_plan, view);
  g_set_object (&binding->context, context);
  if (context != NULL)
    {
      g_signal_connect_object (context, "notify::plan", G_CALLBACK (on_context_plan), view,
                               G_CONNECT_SWAPPED);
      /* (the plan shown, read with the rest in context_changed) */
      if (g_set_object (&binding->plan, wp_context_get_plan (context)))
        g_object_notify (view, "plan");
    }
  if (klass->context_changed != NULL)
    klass->context_changed (view, old);
  g_object_notify (view, "context");
}

static void
binding_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WpViewBinding *binding = get_binding (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, binding->context);
      break;
    case PROP_PLAN:
      g_value_set_object (value, binding->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
binding_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      binding_set_context (object, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/**
 * wp_view_class_bind:
 * @binding_offset: where the view's #WpViewBinding is in its instance
 * @context_changed: (nullable): what the view does on taking a context
 * @plan_changed: (nullable): what it does when its context shows another plan
 *
 * Gives the view's class the interface's "context" and "plan" properties,
 * kept in its #WpViewBinding, so that every view follows its context the
 * same way: on taking one, it reads the plan shown and calls
 * @context_changed; whenever the context's plan is set, @plan_changed.
 * Use WP_VIEW_CLASS_BIND(); the view then has no other properties.
 */
void
wp_view_class_bind (GObjectClass         *object_class,
                    gsize                 binding_offset,
                    WpViewContextChanged  context_changed,
                    WpViewPlanChanged     plan_changed)
{
  WpViewClassBinding *klass = g_new0 (WpViewClassBinding, 1);

  /* (kept for the life of the type, as its class is) */
  klass->offset = binding_offset;
  klass->context_changed = context_changed;
  klass->plan_changed = plan_changed;
  g_type_set_qdata (G_OBJECT_CLASS_TYPE (object_class), class_binding_quark (), klass);

  object_class->get_property = binding_get_property;
  object_class->set_property = binding_set_property;
  g_object_class_override_property (object_class, PROP_CONTEXT, "context");
  g_object_class_override_property (object_class, PROP_PLAN, "plan");
}

/**
 * wp_view_set_plan:
 * @plan: (nullable):
 *
 * Shows @plan in the view: what a view does when its context shows another
 * plan; the tests call it to read one again.
 */
void
wp_view_set_plan (WpView *self,
                  WpPlan *plan)
{
  const WpViewClassBinding *klass;
  WpViewBinding *binding;
  gboolean another;

  g_return_if_fail (WP_IS_VIEW (self));
  g_return_if_fail (plan == NULL || WP_IS_PLAN (plan));

  klass = get_class_binding (G_OBJECT (self));
  binding = G_STRUCT_MEMBER_P (self, klass->offset);
  another = g_set_object (&binding->plan, plan);
  if (another)
    g_object_notify (G_OBJECT (self), "plan");
  if (klass->plan_changed != NULL)
    klass->plan_changed (self, another);
}

/* From the view's dispose() */
void
wp_view_binding_clear (WpViewBinding *binding,
                       gpointer       view)
{
  if (binding->context != NULL)
    g_signal_handlers_disconnect_by_func (binding->context, on_context_plan, view);
  g_clear_object (&binding->plan);
  g_clear_object (&binding->context);
}
