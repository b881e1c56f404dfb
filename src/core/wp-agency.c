/* wp-agency.c: an organisation unit (单位) that leads or supports items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-agency.h"

struct _WpAgency
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *short_name;
  WpAgencyKind kind;
};

G_DEFINE_FINAL_TYPE (WpAgency, wp_agency, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SHORT_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wp_agency_finalize (GObject *object)
{
  WpAgency *self = WP_AGENCY (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->short_name, g_free);

  G_OBJECT_CLASS (wp_agency_parent_class)->finalize (object);
}

static void
wp_agency_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WpAgency *self = WP_AGENCY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SHORT_NAME:
      g_value_set_string (value, self->short_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wp_agency_class_init (WpAgencyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wp_agency_finalize;
  object_class->get_property = wp_agency_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHORT_NAME] =
    g_param_spec_string ("short-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wp_agency_init (WpAgency *self)
{
}

WpAgency *
wp_agency_new (gint64        id,
               const char   *name,
               const char   *short_name,
               WpAgencyKind  kind)
{
  WpAgency *self = g_object_new (WP_TYPE_AGENCY, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->short_name = g_strdup (short_name ? short_name : "");
  self->kind = kind;

  return self;
}

gint64
wp_agency_get_id (WpAgency *self)
{
  g_return_val_if_fail (WP_IS_AGENCY (self), 0);
  return self->id;
}

const char *
wp_agency_get_name (WpAgency *self)
{
  g_return_val_if_fail (WP_IS_AGENCY (self), NULL);
  return self->name;
}

const char *
wp_agency_get_short_name (WpAgency *self)
{
  g_return_val_if_fail (WP_IS_AGENCY (self), NULL);
  return self->short_name;
}

WpAgencyKind
wp_agency_get_kind (WpAgency *self)
{
  g_return_val_if_fail (WP_IS_AGENCY (self), WP_AGENCY_KIND_OTHER);
  return self->kind;
}
