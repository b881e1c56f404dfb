/* wp-application.c: the GTK application
 *
 * Opens the plan file given with --db (or the default one), builds the
 * context the views share and shows the main window. A file that cannot be
 * opened is not touched; the window says why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wp-application.h"
#include "wp-window.h"

struct _WpApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  char           *file_hint;    /* the plan file the command line names, if one */
  WpStore        *early_store;  /* opened before GTK started: see open_early() */
  char           *early_path;
};

G_DEFINE_FINAL_TYPE (WpApplication, wp_application, ADW_TYPE_APPLICATION)

static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed; window size will not be kept.",
                 APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

#define WP_MIME_TYPE "application/x-workplan"

static void
remember_recent (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) WP_MIME_TYPE,
    .app_name = (char *) "Workplan",
    .app_exec = (char *) "workplan %f",
    .groups = NULL,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

typedef struct {
  WpApplication *application;
  char          *path;
  GtkWindow     *window;  /* (weak) the window saying the file is in use */
} RetryOpen;

static void
retry_open_free (gpointer data)
{
  RetryOpen *retry = data;

  g_object_unref (retry->application);
  g_free (retry->path);
  g_clear_weak_pointer (&retry->window);
  g_free (retry);
}

static void open_window (WpApplication *self,
                         const char    *path,
                         gboolean       create_folder);

static gboolean
retry_open (gpointer data)
{
  RetryOpen *retry = data;

  if (retry->window == NULL)
    return G_SOURCE_REMOVE;  /* closed meanwhile */
  if (wp_store_file_refuses_readers (retry->path))
    return G_SOURCE_CONTINUE;
  /* (should the lock come back meanwhile, the new window says so again) */
  gtk_window_destroy (retry->window);
  open_window (retry->application, retry->path, FALSE);
  return G_SOURCE_REMOVE;
}

/* Opens a window on the plan file at @path; a file that cannot be opened is
 * left alone and the window says why. The file is checked for damage while
 * the window shows it, and nothing is written to it before that check is
 * through. */
static void
open_window (WpApplication *self,
             const char    *path,
             gboolean       create_folder)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(WpStore) store = NULL;
  g_autoptr(WpContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  GtkWindow *window;

  /* (the first window's file, opened while GTK started) */
  if (self->early_store != NULL && g_strcmp0 (self->early_path, path) == 0)
    store = g_steal_pointer (&self->early_store);
  else if (create_folder && g_mkdir_with_parents (dir, 0700) != 0)
    g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (errno),
                 _("Cannot create the folder “%s”: %s"), dir, g_strerror (errno));
  else if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && wp_store_file_refuses_readers (path))
    g_set_error (&error, WP_STORE_ERROR, WP_STORE_ERROR_BUSY,
                 _("“%s” is in use by another program. Close it there and try again."), path);
  else
    store = wp_store_open (path, WP_STORE_OPEN_CHECK_LATER, &error);
  /* (used, or not the file wanted after all) */
  g_clear_object (&self->early_store);
  g_clear_pointer (&self->early_path, g_free);
  /* A file one may only read (on read-only media, say) is shown read-only,
   * with a bar that says so and offers to save a copy to edit. */
  if (store == NULL && g_error_matches (error, WP_STORE_ERROR, WP_STORE_ERROR_READ_ONLY))
    {
      g_autoptr(GError) read_only_error = NULL;

      store = wp_store_open (path, WP_STORE_OPEN_CHECK_LATER | WP_STORE_OPEN_READ_ONLY,
                             &read_only_error);
      if (store != NULL)
        g_clear_error (&error);
    }

  if (store != NULL && self->db_path != NULL)
    remember_recent (path);

  settings = new_settings ();
  context = wp_context_new (store, settings);
  window = GTK_WINDOW (wp_window_new_for_path (GTK_APPLICATION (self), context, path, error));
  gtk_window_present (window);

  /* A file another program holds locked while it writes (a long import)
   * opens by itself once it is free: the window saying so is replaced. */
  if (g_error_matches (error, WP_STORE_ERROR, WP_STORE_ERROR_BUSY))
    {
      RetryOpen *retry = g_new0 (RetryOpen, 1);

      retry->application = g_object_ref (self);
      retry->path = g_strdup (path);
      g_set_weak_pointer (&retry->window, window);
      g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 1, retry_open, retry, retry_open_free);
    }
}

static void
wp_application_activate (GApplication *app)
{
  WpApplication *self = WP_APPLICATION (app);
  g_autofree char *path = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  path = self->db_path ? g_strdup (self->db_path) : wp_store_default_path ();
  open_window (self, path, self->db_path == NULL);
}

static void
wp_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  WpApplication *self = WP_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        continue;
      remember_recent (path);
      open_window (self, path, FALSE);
    }
}

static void
on_open_response (GtkNativeDialog *chooser,
                  int              response,
                  WpApplication   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        {
          remember_recent (path);
          open_window (self, path, FALSE);
        }
    }
  g_object_unref (chooser);
}

static void
open_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  WpApplication *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) plans = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Plan File"),
                                         gtk_application_get_active_window (GTK_APPLICATION (self)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (plans, _("Plan files"));
  gtk_file_filter_add_mime_type (plans, WP_MIME_TYPE);
  gtk_file_filter_add_suffix (plans, "workplan");
  gtk_file_filter_add_suffix (plans, "db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), plans);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  WpApplication *self = user_data;
  const char *path = g_variant_get_string (parameter, NULL);

  remember_recent (path);
  open_window (self, path, FALSE);
}

static void
show_about (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Workplan developers", NULL };
  GtkWidget *about = adw_about_window_new ();

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("Workplan"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APP_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), _("The Workplan developers"));
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("Plan and track an organisation’s annual work agenda"));
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  /* Translators: put your names here, one per line */
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit (GSimpleAction *action,
      GVariant      *parameter,
      gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Close windows first so each saves its size. */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_close (windows->data);
      windows = next;
    }
}

static const GActionEntry app_actions[] = {
  { "about", show_about },
  { "quit", quit },
  { "open", open_activated },
  { "open-recent", open_recent_activated, "s" },
};

/* Opens the plan file the first window will show before GTK starts: the
 * store reads the plan's rows in a thread meanwhile (issue 18: 100,000
 * items rolled up before the first frame), on the core GTK leaves idle
 * while it starts. Only a file that exists and is free; any trouble is
 * left for open_window() to meet and tell. */
static void
open_early (WpApplication *self)
{
  g_autofree char *path = NULL;

  path = self->file_hint != NULL ? g_strdup (self->file_hint)
         : self->db_path != NULL ? g_strdup (self->db_path)
         : wp_store_default_path ();
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) || wp_store_file_refuses_readers (path))
    return;
  self->early_store = wp_store_open (path, WP_STORE_OPEN_CHECK_LATER, NULL);
  if (self->early_store != NULL)
    self->early_path = g_steal_pointer (&path);
}

/* Notes the last file the command line names (a hint for open_early():
 * GApplication gives the files only after starting GTK) */
static gboolean
wp_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  WpApplication *self = WP_APPLICATION (app);
  char **argv = *arguments;

  for (int i = 1; argv[i] != NULL; i++)
    if (g_str_equal (argv[i], "--db") && argv[i + 1] != NULL)
      i++;
    else if (argv[i][0] != '-' && g_file_test (argv[i], G_FILE_TEST_IS_REGULAR))
      {
        g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);

        g_free (self->file_hint);
        self->file_hint = g_file_get_path (file);
      }
  return G_APPLICATION_CLASS (wp_application_parent_class)->local_command_line (app, arguments,
                                                                               exit_status);
}

static void
wp_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };
  static const char *undo_accels[] = { "<Control>z", NULL };
  static const char *redo_accels[] = { "<Control><Shift>z", "<Control>y", NULL };
  static const char *editor_accels[] = { "F9", NULL };
  static const char *focus_pane_accels[] = { "F6", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *new_plan_accels[] = { "<Control>n", NULL };
  static const char *save_copy_accels[] = { "<Control><Shift>s", NULL };
  static const char *print_accels[] = { "<Control>p", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  open_early (WP_APPLICATION (app));
  G_APPLICATION_CLASS (wp_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.undo", undo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.redo", redo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-editor",
                                         editor_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.focus-pane",
                                         focus_pane_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-plan", new_plan_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save-copy",
                                         save_copy_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.print", print_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.preferences",
                                         preferences_accels);
  {
    static const char *views[] = { "outline", "board", "progress", "agencies",
                                   "reporting" };

    for (guint i = 0; i < G_N_ELEMENTS (views); i++)
      {
        g_autofree char *detailed = g_strdup_printf ("win.show-view::%s", views[i]);
        g_autofree char *accel = g_strdup_printf ("<Alt>%u", i + 1);
        const char *accels[] = { accel, NULL };

        gtk_application_set_accels_for_action (GTK_APPLICATION (app), detailed, accels);
      }
  }
}

static int
wp_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  WpApplication *self = WP_APPLICATION (app);
  g_autofree char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);
      self->db_path = g_file_get_path (file);
    }

  return -1;
}

static void
wp_application_finalize (GObject *object)
{
  WpApplication *self = WP_APPLICATION (object);

  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->file_hint, g_free);
  g_clear_object (&self->early_store);
  g_clear_pointer (&self->early_path, g_free);

  G_OBJECT_CLASS (wp_application_parent_class)->finalize (object);
}

static void
wp_application_class_init (WpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = wp_application_finalize;
  app_class->activate = wp_application_activate;
  app_class->open = wp_application_open;
  app_class->startup = wp_application_startup;
  app_class->handle_local_options = wp_application_handle_local_options;
  app_class->local_command_line = wp_application_local_command_line;
}

static void
wp_application_init (WpApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open this plan file instead of the default one"), N_("PATH") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

WpApplication *
wp_application_new (void)
{
  /* Non-unique: each --db file gets its own process and window. */
  return g_object_new (WP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/workplan/Workplan",
                       NULL);
}
