/* wp-plan.c: one year's agenda of one organisation
 *
 * Plans are small value objects loaded by WpStore; setting a property here
 * does not write to the database (use the store for that).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-plan.h"
#include "wp-util.h"

struct _WpPlan
{
  GObject parent_instance;

  gint64 id;
  int year;
  char *title;
  char *organization;
};

G_DEFINE_FINAL_TYPE (WpPlan, wp_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_YEAR,
  PROP_TITLE,
  PROP_ORGANIZATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wp_plan_finalize (GObject *object)
{
  WpPlan *self = WP_PLAN (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->organization, g_free);

  G_OBJECT_CLASS (wp_plan_parent_class)->finalize (object);
}

static void
wp_plan_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WpPlan *self = WP_PLAN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_ORGANIZATION:
      g_value_set_string (value, self->organization);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wp_plan_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  WpPlan *self = WP_PLAN (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_YEAR:
      self->year = g_value_get_int (value);
      break;
    case PROP_TITLE:
      wp_plan_set_title (self, g_value_get_string (value));
      break;
    case PROP_ORGANIZATION:
      wp_plan_set_organization (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wp_plan_class_init (WpPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wp_plan_finalize;
  object_class->get_property = wp_plan_get_property;
  object_class->set_property = wp_plan_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 1, 9999, 2025,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANIZATION] =
    g_param_spec_string ("organization", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wp_plan_init (WpPlan *self)
{
  self->title = g_strdup ("");
  self->organization = g_strdup ("");
}

WpPlan *
wp_plan_new (gint64      id,
             int         year,
             const char *title,
             const char *organization)
{
  return g_object_new (WP_TYPE_PLAN,
                       "id", id,
                       "year", year,
                       "title", title ? title : "",
                       "organization", organization ? organization : "",
                       NULL);
}

gint64
wp_plan_get_id (WpPlan *self)
{
  g_return_val_if_fail (WP_IS_PLAN (self), 0);
  return self->id;
}

int
wp_plan_get_year (WpPlan *self)
{
  g_return_val_if_fail (WP_IS_PLAN (self), 0);
  return self->year;
}

const char *
wp_plan_get_title (WpPlan *self)
{
  g_return_val_if_fail (WP_IS_PLAN (self), NULL);
  return self->title;
}

const char *
wp_plan_get_organization (WpPlan *self)
{
  g_return_val_if_fail (WP_IS_PLAN (self), NULL);
  return self->organization;
}

void
wp_plan_set_title (WpPlan     *self,
                   const char *title)
{
  g_return_if_fail (WP_IS_PLAN (self));
  if (wp_set_str (&self->title, title ? title : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
wp_plan_set_organization (WpPlan     *self,
                          const char *organization)
{
  g_return_if_fail (WP_IS_PLAN (self));
  if (wp_set_str (&self->organization, organization ? organization : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION]);
}
