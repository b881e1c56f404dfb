/* wp-agency-completion.h: suggests agency names while they are typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "workplan-core.h"

G_BEGIN_DECLS

void wp_agency_completion_attach (AdwEntryRow *row,
                                  WpStore     *store);

G_END_DECLS
