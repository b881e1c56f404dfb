/* wp-cli-private.h: what the command-line subcommands' files share
 *
 * wp-cli.c holds the table of commands, the options every command takes
 * (--db) and opening the plan file; each group of commands has its file:
 * wp-cli-export.c, wp-cli-import.c, wp-cli-tracking.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "workplan-core.h"

G_BEGIN_DECLS

enum {
  EXIT_OK = 0,
  EXIT_ERROR = 1,
  EXIT_USAGE = 2,
  /* collect --skip-refused: the sound sheets were collected, others not */
  EXIT_PARTIAL = 3,
};

/* --db, or NULL for the default file */
extern char *wp_cli_db_path;

int              wp_cli_fail          (const char        *message);
int              wp_cli_usage_error   (GOptionContext    *context,
                                       const char        *message);
GOptionContext  *wp_cli_new_context   (const char        *command,
                                       const char        *parameters,
                                       GOptionEntry      *entries);
gboolean         wp_cli_parse_options (GOptionContext    *context,
                                       int               *argc,
                                       char            ***argv,
                                       int               *status);
WpStore         *wp_cli_open_store    (WpStoreOpenFlags   flags,
                                       GError           **error);
gboolean         wp_cli_open_plan_of_year (GOptionContext  *context,
                                           int              year,
                                           const char      *as_of,
                                           WpStore        **store_out,
                                           WpPlan         **plan_out,
                                           int             *status);

/* The commands, each (argc, argv) → exit status */
int cmd_export        (int argc, char **argv);
int cmd_import        (int argc, char **argv);
int cmd_import_report (int argc, char **argv);
int cmd_note          (int argc, char **argv);
int cmd_collect       (int argc, char **argv);
int cmd_reporting     (int argc, char **argv);

G_END_DECLS
