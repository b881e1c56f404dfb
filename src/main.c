/* main.c: picks the command line or the GUI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "wp-application.h"
#include "wp-cli.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(WpApplication) app = NULL;
  const char *localedir = g_getenv ("WORKPLAN_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (wp_cli_handles (argc, argv))
    return wp_cli_run (argc, argv);

  app = wp_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
