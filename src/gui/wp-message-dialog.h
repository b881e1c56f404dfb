/* wp-message-dialog.h: the two answers of the window's questions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void wp_message_dialog_add_choice (AdwMessageDialog      *dialog,
                                   const char            *cancel_id,
                                   const char            *cancel_label,
                                   const char            *id,
                                   const char            *label,
                                   AdwResponseAppearance  appearance);

G_END_DECLS
