/* test-window.c: the main window, in-process under a virtual display.
 *
 * Each test runs a real CptApplication with g_application_run (), so that startup and
 * shutdown happen as in the application, and checks its window once it is mapped. */
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sqlite3.h>

#include "cpt-store-database.h"
#include "cpt-application.h"
#include "cpt-client.h"
#include "cpt-company.h"
#include "cpt-error.h"
#include "cpt-window.h"
#include "cpt-window-private.h"

#define GIVE_UP_SECONDS 20

typedef void (*WindowCheck) (CptApplication *app,
                             CptWindow      *window,
                             gpointer        data);

typedef struct {
  CptApplication *app;
  WindowCheck     check;
  gpointer        data;
  gboolean        checked;
  gboolean        gave_up;
} Run;

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets pending events, idles and frames run for a while. */
static void
iterate_a_while (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
check_when_mapped (gpointer user_data)
{
  Run *run = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));

  /* Mapped and allocated: the first frame has been laid out. */
  /* The database opens in a thread: the window shows what it is waiting for meanwhile. */
  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)) ||
      gtk_widget_get_width (GTK_WIDGET (window)) == 0 ||
      cpt_application_is_opening (CPT_APPLICATION (run->app)))
    return G_SOURCE_CONTINUE;

  g_assert_true (CPT_IS_WINDOW (window));
  run->check (run->app, CPT_WINDOW (window), run->data);
  run->checked = TRUE;

  /* app.quit closes the windows (which then save their state); that ends the run. */
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
give_up (gpointer user_data)
{
  Run *run = user_data;

  run->gave_up = TRUE;
  g_application_quit (G_APPLICATION (run->app));
  return G_SOURCE_REMOVE;
}

/* Runs `app` with `argv`, calls `check` once its window is mapped, then quits. Takes `app`
 * and checks that nothing keeps it alive afterwards. */
static void
run_application (CptApplication *app,
                 char          **argv,
                 WindowCheck     check,
                 gpointer        data)
{
  Run run = { app, check, data, FALSE, FALSE };
  gpointer weak = app;
  guint check_id;
  guint give_up_id;
  int status;

  check_id = g_timeout_add (20, check_when_mapped, &run);
  give_up_id = g_timeout_add_seconds (GIVE_UP_SECONDS, give_up, &run);

  status = g_application_run (G_APPLICATION (app), argv != NULL ? (int) g_strv_length (argv) : 0,
                              argv);

  if (!run.checked)
    g_source_remove (check_id);
  if (!run.gave_up)
    g_source_remove (give_up_id);

  g_assert_false (run.gave_up);
  g_assert_true (run.checked);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  g_object_add_weak_pointer (G_OBJECT (app), &weak);
  g_object_unref (app);
  g_assert_null (weak);
}

/* The pages the window's stack shows in turn, "loading;main;", with "fade;" after a page
 * shown by the stack's crossfade. */
static void
on_stack_changed (GtkStack *stack, GParamSpec *pspec, GString *pages)
{
  g_string_append_printf (pages, "%s;", gtk_stack_get_visible_child_name (stack));
}

static void
on_stack_fading (GtkStack *stack, GParamSpec *pspec, GString *pages)
{
  if (gtk_stack_get_transition_running (stack))
    g_string_append (pages, "fade;");
}

static void
on_window_added (GtkApplication *app, GtkWindow *window, GString *pages)
{
  GtkStack *stack = cpt_window_get_stack (CPT_WINDOW (window));

  g_string_append_printf (pages, "%s;", gtk_stack_get_visible_child_name (stack));
  g_signal_connect (stack, "notify::visible-child-name", G_CALLBACK (on_stack_changed), pages);
  g_signal_connect (stack, "notify::transition-running", G_CALLBACK (on_stack_fading), pages);
}

static CptApplication *
new_application (const char *database_path)
{
  /* NON_UNIQUE: each test has its own instance, with no bus name to wait for. */
  return g_object_new (CPT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "database-path", database_path,
                       NULL);
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("comptoir-test-window-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tmp_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (listing);
  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

/* ---------------------------------------------------------------- a new database */

static void
check_new_database (CptApplication *app,
                    CptWindow      *window,
                    gpointer        data)
{
  const char *path = data;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Comptoir");

  g_assert_nonnull (cpt_application_get_database (app));
  g_assert_null (cpt_application_get_database_error (app));
  g_assert_cmpstr (cpt_database_get_path (cpt_application_get_database (app)), ==, path);

  /* An empty database asks for the business's identity first. */
  g_assert_cmpstr (cpt_window_get_visible_page_name (window), ==, "welcome");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (cpt_window_get_welcome_page (window))));

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
}

/* The database opens in a thread, while GTK starts: when it is open, the window is there,
 * waiting on the opening's page, or not made yet (it is then made with its page). */
static void
on_opening_changed (CptApplication *app,
                    GParamSpec     *pspec,
                    guint          *seen_waiting)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (cpt_application_is_opening (app) || window == NULL)
    return;
  g_assert_cmpstr (cpt_window_get_visible_page_name (CPT_WINDOW (window)), ==, "loading");
  (*seen_waiting)++;
}

static void
test_window_new_database (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "comptoir.db", NULL);
  CptApplication *app = new_application (path);
  guint seen_waiting = 0;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_autoptr(GString) pages = g_string_new (NULL);

  g_signal_connect (app, "notify::opening", G_CALLBACK (on_opening_changed), &seen_waiting);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), pages);
  run_application (app, NULL, check_new_database, path);
  g_assert_cmpuint (seen_waiting, <=, 1);
  /* Made once the file was open (an existing file opens while GTK starts), the window was
   * given the welcome as it was made; made before, it waited on the opening's page, which
   * said nothing (it does after a second). Either way the welcome replaced the opening's
   * page at once, not under a fade from an empty page. */
  g_test_message ("the window %s", seen_waiting ? "waited for the file" : "came with the file open");
  g_assert_cmpstr (pages->str, ==, "loading;welcome;");

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  remove_tmp_dir (dir);
}

/* ---------------------------------------------------------------- a foreign file */

static const char foreign_contents[] = "this is not a database\n";

static void
check_foreign_file (CptApplication *app,
                    CptWindow      *window,
                    gpointer        data)
{
  const GError *error = cpt_application_get_database_error (app);
  g_autofree char *escaped = NULL;
  AdwStatusPage *page;

  g_assert_null (cpt_application_get_database (app));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Comptoir");
  g_assert_cmpstr (cpt_window_get_visible_page_name (window), ==, "error");
  page = cpt_window_get_status_page (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpstr (adw_status_page_get_icon_name (page), ==, "dialog-error-symbolic");
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Could not open the database");
  escaped = g_markup_escape_text (error->message, -1);
  g_assert_cmpstr (adw_status_page_get_description (page), ==, escaped);
}

static void
test_window_foreign_file (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "foreign.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_set_contents (path, foreign_contents, -1, &error);
  g_assert_no_error (error);

  run_application (new_application (path), NULL, check_foreign_file, NULL);

  /* Nothing written: the same bytes, and no journal or other file beside it. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, foreign_contents, strlen (foreign_contents));
  g_assert_cmpuint (count_files (dir), ==, 1);

  remove_tmp_dir (dir);
}

/* ---------------------------------------------------------------- window size */

static void
check_size_restored (CptApplication *app,
                     CptWindow      *window,
                     gpointer        data)
{
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));

  /* Resized: the new size is saved when the window closes (on app.quit). */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 650);
  iterate_a_while (200);
}

static void
test_window_size_restored_and_saved (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "comptoir.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_int (settings, "window-width", 800);
  g_settings_set_int (settings, "window-height", 600);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  run_application (new_application (path), NULL, check_size_restored, NULL);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
  remove_tmp_dir (dir);
}

/* ---------------------------------------------------------------- app.about, then app.quit */

static void
check_about_then_quit (CptApplication *app,
                       CptWindow      *window,
                       gpointer        data)
{
  AdwDialog *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  iterate_a_while (200);

  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  g_assert_true (ADW_IS_ABOUT_DIALOG (dialog));
  g_assert_cmpstr (adw_about_dialog_get_application_name (ADW_ABOUT_DIALOG (dialog)), ==, "Comptoir");
  g_assert_cmpstr (adw_about_dialog_get_version (ADW_ABOUT_DIALOG (dialog)), ==, PACKAGE_VERSION);
  /* run_application () now activates app.quit, which must end the application even with
   * the dialog open (closing the window would only close the dialog). */
}

static void
test_window_about_then_quit (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "comptoir.db", NULL);

  run_application (new_application (path), NULL, check_about_then_quit, NULL);
  remove_tmp_dir (dir);
}

/* ---------------------------------------------------------------- --db on the command line */

static void
check_command_line_db (CptApplication *app,
                       CptWindow      *window,
                       gpointer        data)
{
  const char *path = data;

  g_assert_cmpstr (cpt_application_get_database_path (app), ==, path);
  g_assert_cmpstr (cpt_database_get_path (cpt_application_get_database (app)), ==, path);
  g_assert_cmpstr (cpt_window_get_visible_page_name (window), ==, "welcome");
}

static void
test_window_command_line_db (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  char *argv[] = { (char *) "comptoir", (char *) "--db", path, NULL };

  run_application (cpt_application_new (), argv, check_command_line_db, path);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  remove_tmp_dir (dir);
}

/* ---------------------------------------------------------------- a company that cannot be read */

/* A file whose company cannot be read (here its row is gone, as in a damaged file) is not
 * taken for a new one: the window shows its pages, not the welcome page that would have the
 * user type the company again, and says why in a dialog (only a log line before). */
static void
check_company_unreadable (CptApplication *app,
                          CptWindow      *window,
                          gpointer        data)
{
  AdwDialog *dialog = NULL;

  g_assert_nonnull (cpt_application_get_company_error (app));
  g_assert_cmpstr (cpt_window_get_visible_page_name (window), !=, "welcome");
  for (guint i = 0; i < 100 && dialog == NULL; i++)
    {
      iterate_a_while (20);
      dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
    }
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==,
                   "Could not read the company");
  g_assert_nonnull (strstr (adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog)), "lost its company row"));
}

static void
test_window_company_unreadable (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "comptoir.db", NULL);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
    g_autoptr(CptCompany) company = NULL;

    g_assert_no_error (error);
    company = cpt_company_load (db, &error);
    g_assert_no_error (error);
    g_object_set (company, "name", "Atelier Lumière", NULL);
    g_assert_true (cpt_company_save (company, db, &error));
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_exec (cpt_database_get_handle (db), "DELETE FROM company", NULL, NULL, NULL),
                     ==, SQLITE_OK);
  }
  run_application (new_application (path), NULL, check_company_unreadable, NULL);
  remove_tmp_dir (dir);
}

/* ---------------------------------------------------------------- a file in use: Retry */

typedef struct {
  sqlite3        *holder;
  gint64          client_id;
  CptApplication *app;
  gboolean        waiting_said;
} BusyFile;

static gboolean
wait_until (gboolean (*condition) (gpointer), gpointer data, guint seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      iterate_a_while (20);
    }
  return TRUE;
}

static gboolean
shows_main (gpointer data)
{
  return g_strcmp0 (cpt_window_get_visible_page_name (data), "main") == 0;
}

static gboolean
counts_one_client (gpointer data)
{
  GtkLabel *label = cpt_window_get_count_label (data, "clients");

  return gtk_widget_get_visible (GTK_WIDGET (label)) &&
         g_strcmp0 (gtk_label_get_text (label), "1") == 0;
}

/* Polled while the file opens: what the loading page says, once it shows. */
static gboolean
watch_loading_page (gpointer data)
{
  BusyFile *busy = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (busy->app));
  AdwStatusPage *page;
  const char *text;

  if (window == NULL || !cpt_application_is_opening (busy->app))
    return G_SOURCE_CONTINUE;
  page = cpt_window_get_loading_page (CPT_WINDOW (window));
  text = adw_status_page_get_description (page);
  if (g_strcmp0 (cpt_window_get_visible_page_name (CPT_WINDOW (window)), "loading") == 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (page)) && gtk_widget_get_opacity (GTK_WIDGET (page)) == 1 &&
      cpt_application_get_opening_stage (busy->app) == CPT_DATABASE_STAGE_WAITING &&
      text != NULL && strstr (text, "in use by another program, waiting") != NULL)
    busy->waiting_said = TRUE;
  return G_SOURCE_CONTINUE;
}

static void
check_busy_then_retry (CptApplication *app,
                       CptWindow      *window,
                       gpointer        data)
{
  BusyFile *busy = data;
  const GError *error = cpt_application_get_database_error (app);
  AdwStatusPage *page = cpt_window_get_status_page (window);
  GtkWidget *retry = cpt_window_get_retry_button (window);

  /* While it waited, the loading page said for what. */
  g_assert_true (busy->waiting_said);
  g_assert_cmpuint (cpt_application_get_opening_stage (app), ==, CPT_DATABASE_STAGE_NONE);

  /* The file is in use: said in plain words, with Retry. */
  g_assert_null (cpt_application_get_database (app));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_BUSY);
  g_assert_cmpstr (cpt_window_get_visible_page_name (window), ==, "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "in use by another program"));
  g_assert_null (strstr (adw_status_page_get_description (page), "damaged"));
  g_assert_true (gtk_widget_get_mapped (retry));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (retry)), ==, "_Retry");

  /* The other program lets go; Retry opens the file and shows its data. */
  sqlite3_close (busy->holder);
  busy->holder = NULL;
  g_assert_true (gtk_widget_activate (retry));
  g_assert_true (wait_until (shows_main, window, 15));
  g_assert_nonnull (cpt_application_get_database (app));
  g_assert_null (cpt_application_get_database_error (app));
  g_assert_true (wait_until (counts_one_client, window, 10));
}

static void
test_window_busy_then_retry (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "comptoir.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  g_autoptr(CptCompany) company = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();
  BusyFile busy = { 0 };
  g_autoptr(GString) pages = g_string_new (NULL);
  guint watching;

  g_assert_no_error (error);
  company = cpt_company_load (db, &error);
  g_assert_no_error (error);
  g_object_set (company, "name", "Atelier Occupé", "siren", "732829320", NULL);
  g_assert_true (cpt_company_save (company, db, &error));
  g_object_set (client, "name", "Client Patient", "email", "compta@example.org", NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  g_clear_object (&db);

  /* Another program takes the whole file. */
  g_assert_cmpint (sqlite3_open (path, &busy.holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (busy.holder, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  busy.app = new_application (path);
  g_signal_connect (busy.app, "window-added", G_CALLBACK (on_window_added), pages);
  watching = g_timeout_add (50, watch_loading_page, &busy);
  run_application (busy.app, NULL, check_busy_then_retry, &busy);
  g_source_remove (watching);
  /* The opening's page had said it waited: what came next faded in over it. */
  g_assert_true (g_str_has_prefix (pages->str, "loading;error;fade;"));
  g_assert_null (busy.holder);
  remove_tmp_dir (dir);
}

/* ---------------------------------------------------------------- a network file system */

static void
check_remote_file (CptApplication *app,
                   CptWindow      *window,
                   gpointer        data)
{
  const GError *error = cpt_application_get_database_error (app);
  AdwStatusPage *page = cpt_window_get_status_page (window);

  g_assert_null (cpt_application_get_database (app));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REMOTE);
  g_assert_cmpstr (cpt_window_get_visible_page_name (window), ==, "error");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "network or FUSE file system"));
  /* Trying again would not move the file: no Retry. */
  g_assert_false (gtk_widget_get_visible (cpt_window_get_retry_button (window)));
}

static void
test_window_remote_file (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "comptoir.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length = 0, after_length = 0;

  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));

  /* No network file system can be mounted here: the test says the file is on NFS. */
  g_setenv ("COMPTOIR_TEST_FS_TYPE", "0x6969", TRUE);
  run_application (new_application (path), NULL, check_remote_file, NULL);
  g_unsetenv ("COMPTOIR_TEST_FS_TYPE");

  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
  remove_tmp_dir (dir);
}

/* ---------------------------------------------------------------- --db in a missing folder */

static void
check_missing_folder (CptApplication *app,
                      CptWindow      *window,
                      gpointer        data)
{
  const GError *error = cpt_application_get_database_error (app);

  g_assert_null (cpt_application_get_database (app));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND);
  g_assert_cmpstr (cpt_window_get_visible_page_name (window), ==, "error");
}

static void
test_window_missing_folder (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *folder = g_build_filename (dir, "typo", NULL);
  g_autofree char *path = g_build_filename (folder, "comptoir.db", NULL);

  run_application (new_application (path), NULL, check_missing_folder, NULL);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  remove_tmp_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window/new-database", test_window_new_database);
  g_test_add_func ("/window/foreign-file", test_window_foreign_file);
  g_test_add_func ("/window/size-restored-and-saved", test_window_size_restored_and_saved);
  g_test_add_func ("/window/about-then-quit", test_window_about_then_quit);
  g_test_add_func ("/window/command-line-db", test_window_command_line_db);
  g_test_add_func ("/window/company-unreadable", test_window_company_unreadable);
  g_test_add_func ("/window/busy-then-retry", test_window_busy_then_retry);
  g_test_add_func ("/window/missing-folder", test_window_missing_folder);
  g_test_add_func ("/window/remote-file", test_window_remote_file);

  return g_test_run ();
}
