/* test-ui-backup.c: backups in the window, through its real widgets under a virtual display:
 * "Back Up Now" in Preferences writes a verified backup into the chosen folder and the
 * "Last Backup" row says so; the folder can go back to the default one; a restore closes
 * the window, puts the backup in place (the former file kept aside) and reopens the window
 * on the restored file; an automatic backup that fails is told once a day, and the "Last
 * Backup" row says it until one is made. */
#include "cpt-ui-test-utils.h"
#include "cpt-test-utils.h"

#include "cpt-backup.h"
#include "cpt-backups.h"
#include "cpt-client.h"
#include "cpt-company.h"

typedef struct
{
  char *dir;
  char *path;
  char *folder;   /* the backup folder chosen in Preferences */
  char *backup;   /* a backup made beforehand, for the restore */
} Fixture;

static void
add_client (CptDatabase *db, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();

  g_object_set (client, "name", name, "email", "compta@example.org", NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  g_assert_no_error (error);
}

static gboolean
has_client (CptDatabase *db, const char *name)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT count(*) FROM clients WHERE name = ?", NULL);
  gboolean found;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  found = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);
  return found;
}

static CptDatabase *
fixture_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  g_autoptr(CptCompany) company = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  f->dir = ui_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "comptoir.db", NULL);
  f->folder = g_build_filename (f->dir, "backups", NULL);
  g_assert_cmpint (g_mkdir (f->folder, 0700), ==, 0);
  /* (GSETTINGS_BACKEND=memory: this run only.) */
  g_settings_set_string (settings, "backup-folder", f->folder);
  db = cpt_database_open (f->path, &error);
  g_assert_no_error (error);
  company = cpt_company_load (db, &error);
  g_assert_no_error (error);
  g_object_set (company, "name", "Atelier Lumière", "city", "Lyon", "siren", "732829320", NULL);
  g_assert_true (cpt_company_save (company, db, &error));
  add_client (db, "Boulangerie Martin");
  return g_steal_pointer (&db);
}

static void
fixture_clear (Fixture *f)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "backup-folder");
  cpt_test_cleanup_dir (f->folder);
  cpt_test_cleanup_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->folder);
  g_free (f->backup);
}

/* ---------------------------------------------------------------- Back Up Now */

typedef struct
{
  AdwActionRow *row;
  const char   *folder;
} LastBackup;

static gboolean
backup_shown (gpointer data)
{
  LastBackup *wait = data;
  g_autoptr(GDir) dir = g_dir_open (wait->folder, 0, NULL);
  const char *name = dir ? g_dir_read_name (dir) : NULL;
  const char *subtitle = adw_action_row_get_subtitle (wait->row);

  return name != NULL && subtitle != NULL && strstr (subtitle, name) != NULL;
}

static void
back_up_now_scenario (CptApplication *app,
                      CptWindow      *window,
                      gpointer        data)
{
  Fixture *f = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  AdwDialog *dialog;
  GtkWidget *last_row, *folder_row, *button;
  LastBackup wait;
  g_autofree char *default_folder = cpt_backup_default_folder ();

  UI_WATCHED (g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL));
  dialog = ui_wait_for_dialog (window);
  adw_preferences_dialog_set_visible_page_name (ADW_PREFERENCES_DIALOG (dialog), "backups");
  ui_wait (200);

  last_row = ui_find_row (GTK_WIDGET (dialog), "Last Backup");
  folder_row = ui_find_row (GTK_WIDGET (dialog), "Backup Folder");
  g_assert_nonnull (last_row);
  g_assert_nonnull (folder_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (folder_row)), ==, f->folder);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (last_row)), ==, "None yet in this folder");
  ui_snapshot (GTK_WIDGET (dialog), "backup-before");

  ui_click (GTK_WIDGET (dialog), "Back Up Now");
  wait.row = ADW_ACTION_ROW (last_row);
  wait.folder = f->folder;
  g_assert_true (ui_wait_until (backup_shown, &wait, 20));
  ui_snapshot (GTK_WIDGET (dialog), "backup-after");

  /* One backup, named after the company file, that restores. */
  backups = cpt_backup_list (f->folder, f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  {
    CptBackupEntry *entry = g_ptr_array_index (backups, 0);
    g_autofree char *name = g_path_get_basename (entry->path);

    g_assert_true (g_str_has_prefix (name, "comptoir-backup-"));
    g_assert_true (cpt_backup_verify (entry->path, &error));
    g_assert_no_error (error);
  }
  button = ui_find_button (GTK_WIDGET (dialog), "Back Up Now");
  g_assert_true (gtk_widget_is_sensitive (button));

  /* Back to the default folder (the chooser itself is the portal's). */
  {
    GtkWidget *reset = NULL;
    g_autoptr(GPtrArray) buttons = ui_find_all (folder_row, ui_match_type,
                                                GSIZE_TO_POINTER (GTK_TYPE_BUTTON));

    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), "Use the Default Folder") == 0)
        reset = buttons->pdata[i];
    g_assert_nonnull (reset);
    g_assert_true (gtk_widget_get_visible (reset));
    UI_WATCHED (g_signal_emit_by_name (reset, "clicked"));
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (folder_row)), ==, default_folder);
    g_assert_false (gtk_widget_get_visible (reset));
  }
  adw_dialog_force_close (dialog);
  ui_wait_for_no_dialog (window);
}

static void
test_back_up_now (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);

  g_clear_object (&db);
  ui_run (f.path, back_up_now_scenario, &f);
  fixture_clear (&f);
}

/* ---------------------------------------------------------------- quitting during a backup */

typedef struct
{
  gboolean started;
  guint    failures;   /* ::finished with a message */
} Watched;

static void
on_running (CptBackups *backups, GParamSpec *pspec, Watched *watched)
{
  watched->started |= cpt_backups_is_running (backups);
}

static void
on_finished (CptBackups *backups, const char *path, const char *message, gboolean automatic,
             Watched *watched)
{
  watched->failures += message != NULL;
}

static gboolean
backup_over (gpointer data)
{
  CptBackups *backups = data;
  Watched *watched = g_object_get_data (G_OBJECT (backups), "watched");

  return watched->started && !cpt_backups_is_running (backups);
}

/* Comptoir quitting cancels the daily backup under way (cpt_backups_cancel ()): that is no
 * failure. It was said as one, a warning in the log and a toast, which failed a UI test
 * whenever the backup happened to run while the window quit. Cancelled before the daily
 * backup starts, it ends cancelled every time. */
static void
test_quit_during_daily_backup (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  g_autoptr(CptBackups) backups = cpt_backups_new (f.path);
  Watched watched = { 0 };

  g_object_set_data (G_OBJECT (backups), "watched", &watched);
  g_signal_connect (backups, "notify::running", G_CALLBACK (on_running), &watched);
  g_signal_connect (backups, "finished", G_CALLBACK (on_finished), &watched);
  g_assert_true (cpt_backups_cancel (backups, 0));
  cpt_backups_start_daily (backups, 0);
  g_assert_true (ui_wait_until (backup_over, backups, 10));
  g_assert_cmpuint (watched.failures, ==, 0);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* ---------------------------------------------------------------- a failing automatic backup */

#define FAILED_TOAST "The automatic backup failed: "

static gboolean
label_starts_with (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static gboolean
failure_toast_shows (gpointer window)
{
  return ui_find (GTK_WIDGET (window), label_starts_with, FAILED_TOAST) != NULL;
}

typedef struct
{
  Fixture *f;
  guint    run;        /* 1: fails, 2: fails again the same day, 3: the folder is back */
} FailingRun;

/* The daily backup, started now rather than 20 s after the window (the same timer), and
 * waited for. */
static void
run_daily_backup (CptApplication *app)
{
  CptBackups *backups = cpt_application_get_backups (app);
  Watched watched = { 0 };
  gulong id;

  g_object_set_data (G_OBJECT (backups), "watched", &watched);
  id = g_signal_connect (backups, "notify::running", G_CALLBACK (on_running), &watched);
  UI_WATCHED (cpt_backups_start_daily (backups, 0));
  g_assert_true (ui_wait_until (backup_over, backups, 20));
  g_signal_handler_disconnect (backups, id);
  g_object_set_data (G_OBJECT (backups), "watched", NULL);
  ui_wait (300);
}

static const char *
last_backup_subtitle (CptApplication *app, CptWindow *window)
{
  AdwDialog *dialog;
  GtkWidget *row;

  UI_WATCHED (g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL));
  dialog = ui_wait_for_dialog (window);
  adw_preferences_dialog_set_visible_page_name (ADW_PREFERENCES_DIALOG (dialog), "backups");
  ui_wait (200);
  row = ui_find_row (GTK_WIDGET (dialog), "Last Backup");
  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
close_preferences (CptWindow *window)
{
  adw_dialog_force_close (ui_visible_dialog (window));
  ui_wait_for_no_dialog (window);
}

static void
failing_scenario (CptApplication *app,
                  CptWindow      *window,
                  gpointer        data)
{
  FailingRun *run = data;
  g_autofree char *where = g_strdup_printf ("“%s”", run->f->folder);
  const char *subtitle;

  run_daily_backup (app);
  if (run->run == 1)
    {
      GtkWidget *label;

      /* Told, with where it failed, until dismissed. */
      g_assert_true (ui_wait_until (failure_toast_shows, window, 5));
      label = ui_find (GTK_WIDGET (window), label_starts_with, FAILED_TOAST);
      g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), where));
      ui_snapshot (GTK_WIDGET (window), "backup-failed-toast");
    }
  else
    /* The same failure the same day: not told again at each start. */
    g_assert_false (failure_toast_shows (window));

  subtitle = last_backup_subtitle (app, window);
  if (run->run < 3)
    {
      g_assert_true (g_str_has_prefix (subtitle, "The automatic backup of "));
      g_assert_nonnull (strstr (subtitle, " failed: "));
      g_assert_nonnull (strstr (subtitle, where));
      ui_snapshot (GTK_WIDGET (ui_visible_dialog (window)), "backup-failed-preferences");
    }
  else
    {
      /* A backup made: the failure is over. */
      g_assert_true (g_str_has_prefix (subtitle, "Backed up") || strstr (subtitle, "comptoir-backup-") != NULL);
      g_assert_null (strstr (subtitle, "failed"));
    }
  close_preferences (window);
}

/* The backup folder is a file (a drive that did not mount, a folder replaced): the daily
 * backup fails. The window says so once that day, with the folder; Preferences say it in
 * the "Last Backup" row; once the folder is back the next daily backup clears it. */
static void
test_automatic_failure (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *failure = NULL;
  gint64 failed_at = -1;
  FailingRun run = { &f, 1 };

  g_clear_object (&db);
  g_assert_cmpint (g_rmdir (f.folder), ==, 0);
  g_assert_true (g_file_set_contents (f.folder, "not a folder\n", -1, NULL));
  ui_run (f.path, failing_scenario, &run);
  run.run = 2;
  ui_run (f.path, failing_scenario, &run);

  g_assert_cmpint (g_unlink (f.folder), ==, 0);
  g_assert_cmpint (g_mkdir (f.folder, 0700), ==, 0);
  run.run = 3;
  ui_run (f.path, failing_scenario, &run);
  g_settings_get (settings, "backup-failure", "(xs)", &failed_at, &failure);
  g_assert_cmpint (failed_at, ==, 0);
  g_assert_cmpstr (failure, ==, "");
  g_settings_reset (settings, "backup-failure");
  fixture_clear (&f);
}

/* ---------------------------------------------------------------- restore */

static gboolean
ui_match_label_containing (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), data) != NULL;
}

typedef struct
{
  CptApplication *app;
  GWeakRef        old_window;   /* a weak ref: the new window may take the old one's address */
} Reopened;

static gboolean
window_reopened (gpointer data)
{
  Reopened *wait = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (wait->app));
  g_autoptr(GtkWindow) old = g_weak_ref_get (&wait->old_window);

  return window != NULL && window != old &&
         cpt_application_get_database (wait->app) != NULL &&
         !cpt_application_is_opening (wait->app) &&
         g_strcmp0 (cpt_window_get_visible_page_name (CPT_WINDOW (window)), "main") == 0;
}

static void
restore_scenario (CptApplication *app,
                  CptWindow      *window,
                  gpointer        data)
{
  Fixture *f = data;
  Reopened wait = { app };
  g_autoptr(GDir) dir = NULL;
  g_autofree char *aside = NULL;
  const char *name;
  CptDatabase *db;

  g_weak_ref_init (&wait.old_window, window);
  g_assert_true (has_client (cpt_application_get_database (app), "Only in the current file"));

  /* A file that is not a backup: refused in plain words, nothing changed, the window stays. */
  {
    g_autofree char *notes = g_build_filename (f->folder, "notes.db", NULL);
    g_autofree char *before = NULL, *after = NULL;
    AdwDialog *alert;

    g_assert_true (g_file_set_contents (notes, "not a database\n", -1, NULL));
    before = cpt_test_file_checksum (f->path);
    cpt_application_ask_restore (app, notes);
    alert = ui_wait_for_dialog (window);
    g_assert_true (ADW_IS_ALERT_DIALOG (alert));
    g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (alert)), ==, "Cannot Restore");
    g_assert_nonnull (ui_find (GTK_WIDGET (alert), ui_match_label_containing, "not a Comptoir file"));
    ui_snapshot (GTK_WIDGET (window), "restore-refused");
    ui_click (GTK_WIDGET (alert), "Close");
    ui_wait_for_no_dialog (window);
    after = cpt_test_file_checksum (f->path);
    g_assert_cmpstr (before, ==, after);
    g_assert_true (has_client (cpt_application_get_database (app), "Only in the current file"));
  }

  /* The backup: verified, confirmed, restored, with a list read first (its connection,
   * kept for the next lists, must not keep the file from being replaced). */
  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "invoices");
  ui_wait (500);
  {
    AdwDialog *alert;

    cpt_application_ask_restore (app, f->backup);
    alert = ui_wait_for_dialog (window);
    g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (alert)), ==, "Restore This Backup?");
    ui_snapshot (GTK_WIDGET (window), "restore-confirm");
    ui_click (GTK_WIDGET (alert), "Restore");
  }
  g_assert_true (ui_wait_until (window_reopened, &wait, 20));
  g_weak_ref_clear (&wait.old_window);
  ui_snapshot (GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app))), "restored");

  /* The window shows the restored file... */
  db = cpt_application_get_database (app);
  g_assert_true (has_client (db, "Boulangerie Martin"));
  g_assert_false (has_client (db, "Only in the current file"));
  /* ...and the former one is kept beside it. */
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "comptoir.db.before-restore-"))
      aside = g_build_filename (f->dir, name, NULL);
  g_assert_nonnull (aside);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CptDatabase) former = cpt_database_open (aside, &error);

    g_assert_no_error (error);
    g_assert_true (has_client (former, "Only in the current file"));
  }
}

static void
test_restore (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  g_autoptr(GError) error = NULL;

  f.backup = g_build_filename (f.folder, "saved.db", NULL);
  g_assert_true (cpt_backup_write (db, f.backup, NULL, &error));
  g_assert_no_error (error);
  add_client (db, "Only in the current file");
  g_clear_object (&db);
  ui_run (f.path, restore_scenario, &f);
  fixture_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/backup/back-up-now", test_back_up_now);
  g_test_add_func ("/ui/backup/restore", test_restore);
  g_test_add_func ("/ui/backup/quit-during-daily-backup", test_quit_during_daily_backup);
  g_test_add_func ("/ui/backup/automatic-failure", test_automatic_failure);

  return g_test_run ();
}
