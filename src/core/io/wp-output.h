/* wp-output.h: where an export writes its bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An export's destination: a regular file replaced atomically, or standard
 * output, a device or a FIFO written into. */
typedef struct _WpOutput WpOutput;

WpOutput *wp_output_new        (const char  *path);
gboolean  wp_output_write      (WpOutput    *self,
                                const void  *data,
                                gsize        size,
                                GError     **error);
gboolean  wp_output_close      (WpOutput    *self,
                                GError     **error);
void      wp_output_free       (WpOutput    *self);

gboolean  wp_output_refuse_plan_file (const char  *path,
                                      const char  *db_path,
                                      GError     **error);

void      wp_output_remove_partial_on_signals (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WpOutput, wp_output_free)

G_END_DECLS
