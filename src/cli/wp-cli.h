/* wp-cli.h: the command-line subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean wp_cli_handles (int    argc,
                         char **argv);
int      wp_cli_run     (int    argc,
                         char **argv);

G_END_DECLS
