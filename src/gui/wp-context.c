/* wp-context.c: what every view needs, passed in instead of singletons
 *
 * Holds the open store, the settings (which may be absent when the schema
 * is not installed, e.g. in tests), the day the traffic lights are judged
 * on (wp_date_get_reference(): WORKPLAN_TODAY=YYYY-MM-DD pins it) and the
 * plan the window shows (its year), which every view follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-context.h"

struct _WpContext
{
  GObject    parent_instance;

  WpStore     *store;
  WpUndoStack *undo_stack;
  GSettings   *settings;
  GDate      today;
  WpPlan      *plan;
};

G_DEFINE_FINAL_TYPE (WpContext, wp_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wp_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  WpContext *self = WP_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wp_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  WpContext *self = WP_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      wp_context_set_plan (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wp_context_dispose (GObject *object)
{
  WpContext *self = WP_CONTEXT (object);

  g_clear_object (&self->undo_stack);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (wp_context_parent_class)->dispose (object);
}

static void
wp_context_class_init (WpContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wp_context_dispose;
  object_class->get_property = wp_context_get_property;
  object_class->set_property = wp_context_set_property;

  /**
   * WpContext:plan:
   *
   * The plan shown (the year chosen in the window), or %NULL
   */
  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, WP_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wp_context_init (WpContext *self)
{
  /* The core's rule, so that the window and the command line agree */
  wp_date_get_reference (&self->today);
}

WpContext *
wp_context_new (WpStore   *store,
                GSettings *settings)
{
  WpContext *self = g_object_new (WP_TYPE_CONTEXT, NULL);

  self->store = store ? g_object_ref (store) : NULL;
  self->settings = settings ? g_object_ref (settings) : NULL;
  if (self->store != NULL)
    {
      self->undo_stack = wp_undo_stack_new (self->store);
      wp_store_set_judging (self->store, &self->today, wp_context_get_due_soon_days (self));
    }
  return self;
}

/* Returns: (nullable): the store, or %NULL when no plan file could be opened */
WpStore *
wp_context_get_store (WpContext *self)
{
  g_return_val_if_fail (WP_IS_CONTEXT (self), NULL);
  return self->store;
}

/* Returns: (nullable): the edits that can be undone, shared by every view */
WpUndoStack *
wp_context_get_undo_stack (WpContext *self)
{
  g_return_val_if_fail (WP_IS_CONTEXT (self), NULL);
  return self->undo_stack;
}

/* Returns: (nullable): the settings, or %NULL when the schema is missing */
GSettings *
wp_context_get_settings (WpContext *self)
{
  g_return_val_if_fail (WP_IS_CONTEXT (self), NULL);
  return self->settings;
}

const GDate *
wp_context_get_today (WpContext *self)
{
  g_return_val_if_fail (WP_IS_CONTEXT (self), NULL);
  return &self->today;
}

int
wp_context_get_due_soon_days (WpContext *self)
{
  g_return_val_if_fail (WP_IS_CONTEXT (self), WP_LIGHT_DEFAULT_DUE_SOON_DAYS);

  if (self->settings == NULL)
    return WP_LIGHT_DEFAULT_DUE_SOON_DAYS;
  return g_settings_get_int (self->settings, "due-soon-days");
}

/* Returns: (transfer none) (nullable): the plan shown */
WpPlan *
wp_context_get_plan (WpContext *self)
{
  g_return_val_if_fail (WP_IS_CONTEXT (self), NULL);
  return self->plan;
}

/* Shows @plan (nullable) in every view that follows the context */
void
wp_context_set_plan (WpContext *self,
                     WpPlan    *plan)
{
  g_return_if_fail (WP_IS_CONTEXT (self));
  g_return_if_fail (plan == NULL || WP_IS_PLAN (plan));

  /* (every time, also for the same plan: the views read it again, as
   * after a plan's title or dates changed) */
  g_set_object (&self->plan, plan);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}
