/* wp-message-dialog.c: the two answers of the window's questions
 *
 * Every question the window asks (save, merge, restore, delete, …) offers
 * a way out and one answer, and they behave alike: Escape is the way out,
 * Enter the answer, except where the answer destroys something.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wp-message-dialog.h"

/**
 * wp_message_dialog_add_choice:
 * @cancel_id: the response that changes nothing, e.g. "cancel"
 * @cancel_label: its button, translated, e.g. "_Cancel"
 * @id: the answer's response
 * @label: its button
 * @appearance: the answer's; a destructive one is not the default, so
 *   that Enter cannot destroy anything
 *
 * Adds the two responses; closing the dialog is @cancel_id.
 */
void
wp_message_dialog_add_choice (AdwMessageDialog      *dialog,
                              const char            *cancel_id,
                              const char            *cancel_label,
                              const char            *id,
                              const char            *label,
                              AdwResponseAppearance  appearance)
{
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

  adw_message_dialog_add_responses (dialog, cancel_id, cancel_label, id, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, id, appearance);
  adw_message_dialog_set_default_response (dialog, appearance == ADW_RESPONSE_DESTRUCTIVE
                                                   ? cancel_id : id);
  adw_message_dialog_set_close_response (dialog, cancel_id);
}
