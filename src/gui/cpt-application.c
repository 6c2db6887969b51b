/* cpt-application.c: the Comptoir application: command line, actions, the open database. */
#define G_LOG_DOMAIN "cpt-application"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cpt-application.h"
#include "cpt-company.h"
#include "cpt-einvoice-rules.h"
#include "cpt-outbox.h"
#include "cpt-preferences-dialog.h"
#include "cpt-window.h"

/* From the compiled resources (data/meson.build, --manual-register): a static library
 * would otherwise drop the object file and its constructor. */
void cpt_gui_register_resource (void);

/* How long after opening the file its automatic backup of the day is made. */
#define AUTOMATIC_BACKUP_DELAY_SECONDS 20
#define OUTBOX_FIRST_SECONDS 60
#define OUTBOX_EVERY_SECONDS (5 * 60)

struct _CptApplication
{
  AdwApplication parent_instance;

  char        *database_path;
  CptDatabase *database;
  CptContext  *context;        /* the open file, its worker and what changes in it */
  CptCompany  *opened_company; /* the company as read in the opening thread */
  GError      *company_error;  /* why it could not be read, NULL: it was */
  CptBackups  *backups;
  CptOutbox   *outbox;      /* sends what could not leave by email */
  GError      *database_error;
  gboolean     database_tried;
  gboolean     opening;        /* the database is being opened (and migrated) in a thread */
  GTask       *opening_task;   /* its task, until what it opened is taken */
  CptDatabaseStage opening_stage; /* what the opening waits for */
  gboolean     bench_first_frame;
};

G_DEFINE_FINAL_TYPE (CptApplication, cpt_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_DATABASE,
  PROP_OPENING,
  PROP_OPENING_STAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DATA_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database file FILE instead of the default one"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  /* bench/bench-startup: the time from the start of the process to the first frame. */
  { "bench-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
    "Print the time to the first frame and quit", NULL },
  { NULL }
};

typedef struct
{
  CptApplication  *app;
  CptDatabaseStage stage;
} StageChange;

static gboolean
set_opening_stage (gpointer user_data)
{
  StageChange *change = user_data;
  CptApplication *self = change->app;

  /* A stage said just before the end arrives after it: the opening is over. */
  if (self->opening && self->opening_stage != change->stage)
    {
      self->opening_stage = change->stage;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENING_STAGE]);
    }
  return G_SOURCE_REMOVE;
}

static void
stage_change_free (gpointer data)
{
  StageChange *change = data;

  g_object_unref (change->app);
  g_free (change);
}

/* In the opening thread: told to the window on the main loop. */
static void
on_opening_stage (CptDatabaseStage stage,
                  gpointer         user_data)
{
  StageChange *change = g_new0 (StageChange, 1);

  change->app = g_object_ref (user_data);
  change->stage = stage;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, set_opening_stage, change,
                              stage_change_free);
}

/* What the opening thread gives the main loop. */
typedef struct
{
  CptDatabase *database;
  CptCompany  *company;   /* NULL when it could not be read */
  GError      *company_error;
} Opened;

static void
opened_free (Opened *opened)
{
  g_clear_object (&opened->database);
  g_clear_object (&opened->company);
  g_clear_error (&opened->company_error);
  g_free (opened);
}

/* The opening's task data: the thread leaves what it opened here, where the main thread
 * takes it as soon as it looks (cpt_application_activate ()), or on the task's return. */
typedef struct
{
  char    *requested;   /* the file named on the command line, NULL: the default one */
  GMutex   lock;
  gboolean done;
  Opened  *opened;      /* NULL when the opening failed */
  GError  *error;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->requested);
  g_mutex_clear (&job->lock);
  g_clear_pointer (&job->opened, opened_free);
  g_clear_error (&job->error);
  g_free (job);
}

static void
open_job_finish (OpenJob *job, Opened *opened, GError *error)
{
  g_mutex_lock (&job->lock);
  job->opened = opened;
  job->error = error;
  job->done = TRUE;
  g_mutex_unlock (&job->lock);
}

/* Opening the database can take a while: a file of a million documents written by an older
 * version is brought up to date (migrations) before it opens, another program may hold a
 * lock on it. That runs in a thread, so that the window shows at once and says what it is
 * waiting for (CptApplication:opening-stage). */
static void
open_database_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  OpenJob *job = task_data;
  const char *requested = job->requested;
  g_autofree char *path = NULL;
  GError *error = NULL;
  CptDatabase *database;
  Opened *opened;
  CptDatabaseOpenFlags flags = CPT_DATABASE_OPEN_CREATE;

  if (requested != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (requested);

      path = g_strdup (requested);
      /* A file named on the command line is made when missing, but not its folders: a
       * mistyped folder is said to be missing rather than made. */
      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        flags = CPT_DATABASE_OPEN_DEFAULT;
    }
  else
    {
      g_autofree char *dir = NULL;

      path = cpt_database_default_path ();
      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          open_job_finish (job, NULL, g_error_new (G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                                                   _("Could not create the folder “%s”: %s"),
                                                   dir, g_strerror (saved_errno)));
          g_task_return_boolean (task, TRUE);
          return;
        }
    }

  database = cpt_database_open_watched (path, flags, on_opening_stage, source, &error);
  if (database == NULL)
    {
      g_message ("Could not open the database %s: %s", path, error->message);
      open_job_finish (job, NULL, error);
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* The window's first page depends on the company (the welcome page while it has no
   * name): read here, with the rest of the opening, rather than on the main loop before
   * the first frame. The connection goes to the main thread only once this is done. */
  opened = g_new0 (Opened, 1);
  opened->company = cpt_company_load (database, &opened->company_error);
  opened->database = database;
  open_job_finish (job, opened, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
on_context_changed (CptApplication *self,
                    guint           what)
{
  g_signal_emit (self, signals[DATA_CHANGED], 0, what);
}

/* Takes what the opening thread opened, once it is done: the file, or why it could not be
 * opened, told to the window. */
static void
finish_opening (CptApplication *self)
{
  OpenJob *job = self->opening_task != NULL ? g_task_get_task_data (self->opening_task) : NULL;
  Opened *opened;
  GError *error;
  gboolean done;

  if (job == NULL)
    return;
  g_mutex_lock (&job->lock);
  done = job->done;
  opened = g_steal_pointer (&job->opened);
  error = g_steal_pointer (&job->error);
  g_mutex_unlock (&job->lock);
  if (!done)
    return;
  g_clear_object (&self->opening_task);

  if (opened != NULL)
    {
      self->database = g_steal_pointer (&opened->database);
      g_set_object (&self->opened_company, opened->company);
      g_clear_error (&self->company_error);
      self->company_error = g_steal_pointer (&opened->company_error);
      opened_free (opened);
    }
  if (self->database != NULL)
    {
      g_debug ("Opened the database %s", cpt_database_get_path (self->database));
      self->context = cpt_context_new (self->database);
      /* Every commit to the file, from this process or another, reloads what shows it. */
      g_signal_connect_object (self->context, "changed", G_CALLBACK (on_context_changed), self,
                               G_CONNECT_SWAPPED);
      /* What could not leave by email is tried again a minute after the start, then every
       * five minutes. */
      g_clear_object (&self->outbox);
      self->outbox = cpt_outbox_new (cpt_database_get_path (self->database));
      cpt_outbox_start (self->outbox, OUTBOX_FIRST_SECONDS, OUTBOX_EVERY_SECONDS);
      self->backups = cpt_backups_new (cpt_database_get_path (self->database));
      /* Once the first pages are drawn: a backup reads the whole file. */
      cpt_backups_start_daily (self->backups, AUTOMATIC_BACKUP_DELAY_SECONDS);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
    }
  else
    {
      self->database_error = error;
    }
  self->opening = FALSE;
  if (self->opening_stage != CPT_DATABASE_STAGE_NONE)
    {
      self->opening_stage = CPT_DATABASE_STAGE_NONE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENING_STAGE]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENING]);
}

static void
on_database_opened (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CptApplication *self = CPT_APPLICATION (source);

  if (G_TASK (result) == self->opening_task)
    finish_opening (self);
  /* The thread has let go of the file. */
  g_application_release (G_APPLICATION (self));
}

/* Opens the database once, on the first activation. Failure is kept and shown by the
 * window; the file is left as it is. */
static void
cpt_application_open_database (CptApplication *self)
{
  g_autoptr(GTask) task = NULL;
  OpenJob *job;

  if (self->database_tried)
    return;
  self->database_tried = TRUE;
  self->opening = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENING]);

  /* Held until opened: quitting meanwhile waits for the thread to let go of the file. */
  g_application_hold (G_APPLICATION (self));
  task = g_task_new (self, NULL, on_database_opened, NULL);
  g_task_set_source_tag (task, cpt_application_open_database);
  job = g_new0 (OpenJob, 1);
  job->requested = g_strdup (self->database_path);
  g_mutex_init (&job->lock);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_set_object (&self->opening_task, task);
  g_task_run_in_thread (task, open_database_thread);
}

/* Tries again after a failure that may pass (the file was in use, the disk full...). */
void
cpt_application_retry_open (CptApplication *self)
{
  g_return_if_fail (CPT_IS_APPLICATION (self));

  if (self->opening || self->database != NULL)
    return;
  g_clear_error (&self->database_error);
  self->database_tried = FALSE;
  cpt_application_open_database (self);
}

static int
cpt_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  CptApplication *self = CPT_APPLICATION (app);
  g_autofree char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_autofree char *rules = g_strdup_printf (_("E-invoice rules: %s"), CPT_EINVOICE_RULE_SET);

      g_print ("comptoir %s\n%s\n", PACKAGE_VERSION, rules);
      return 0;
    }

  if (g_variant_dict_contains (options, "bench-first-frame"))
    self->bench_first_frame = TRUE;

  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    {
      g_autofree char *absolute = g_canonicalize_filename (db, NULL);

      cpt_application_set_database_path (self, absolute);
      /* A window on another file is its own instance: the running one keeps its database. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (cpt_application_parent_class)->handle_local_options (app, options);
}

static void
cpt_application_activate (GApplication *app)
{
  CptApplication *self = CPT_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      cpt_application_open_database (self);
      /* The opening runs while GTK starts and is most often over by now: taken at once,
       * rather than on the main loop's next turn, it gives the window its page before the
       * window is first shown, so that GTK realizes it once, with what it shows (the first
       * frame ~5 ms sooner). */
      finish_opening (self);
      window = GTK_WINDOW (cpt_window_new (self));
    }

  gtk_window_present (window);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CptApplication *self = user_data;
  GList *windows;

  /* Destroy rather than close: closing a window that shows a dialog only closes the
   * dialog. Each window saves its state as it goes; the last one ends the application. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CptApplication *self = user_data;
  static const char *developers[] = { "The Comptoir developers", NULL };
  g_autofree char *rules = g_strdup_printf (_("E-invoice rules: %s"), CPT_EINVOICE_RULE_SET);
  g_autofree char *comments = g_strdup_printf ("%s\n\n%s", _("Quotes, invoices and payments for small businesses"),
                                               rules);
  AdwDialog *dialog;

  dialog = g_object_new (ADW_TYPE_ABOUT_DIALOG,
                         "application-name", "Comptoir",
                         "application-icon", APP_ID,
                         "developer-name", "The Comptoir developers",
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "comments", comments,
                         "website", "https://github.com/comptoir/comptoir",
                         "issue-url", "https://github.com/comptoir/comptoir/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© The Comptoir developers",
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);

  adw_dialog_present (dialog, GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (self))));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CptApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->context == NULL || window == NULL)
    return;
  {
    CptPreferencesDialog *dialog = cpt_preferences_dialog_new (self->context);

    cpt_preferences_dialog_set_backups (dialog, self->backups);
    adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (window));
  }
}

/* ---------------------------------------------------------------- restore */

typedef struct
{
  CptApplication *app;
  char           *backup;
} Restore;

static void
restore_free (Restore *restore)
{
  g_clear_object (&restore->app);
  g_free (restore->backup);
  g_free (restore);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Restore, restore_free)

/* Headings stay short: the alert measures its big heading first and only then falls back
 * to a smaller one that wraps, with a warning on the way. */
static AdwDialog *
alert_new (const char *heading, const char *body)
{
  return adw_alert_dialog_new (heading, body);
}

static void
show_alert (CptApplication *self, const char *heading, const char *body)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwDialog *dialog = alert_new (heading, body);

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_dialog_present (dialog, window ? GTK_WIDGET (window) : NULL);
}

static void
on_restored (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(Restore) restore = user_data;
  CptApplication *self = restore->app;
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = cpt_backups_restore_finish (CPT_BACKUPS (source), result, &error);
  CptWindow *window;

  /* The file, restored or not, opens again as at start. */
  g_clear_object (&self->backups);
  g_clear_error (&self->database_error);
  self->database_tried = FALSE;
  cpt_application_open_database (self);
  window = cpt_window_new (self);
  gtk_window_present (GTK_WINDOW (window));

  if (aside == NULL)
    show_alert (self, _("Nothing Was Restored"), error->message);
  else
    {
      AdwToast *toast;
      /* Short: a toast cannot break the long names of files (the confirmation said where
       * the former file goes). */
      const char *message = *aside != '\0' ? _("Backup restored. The former file is kept beside it.")
                                            : _("Backup restored.");

      toast = adw_toast_new (message);
      adw_toast_set_timeout (toast, 10);
      cpt_window_add_toast (window, toast);
    }
  g_application_release (G_APPLICATION (self));
}

void
cpt_application_restore_backup (CptApplication *self, const char *backup)
{
  g_autoptr(CptBackups) backups = NULL;
  Restore *restore;
  GList *windows;

  g_return_if_fail (CPT_IS_APPLICATION (self));
  g_return_if_fail (backup != NULL);

  if (self->backups == NULL)
    return;
  backups = g_object_ref (self->backups);
  cpt_backups_stop (backups);
  /* Every connection to the file is closed first: the windows (their pages hold the
   * database), the worker, the application's own. The last window going would end the
   * application: it is held meanwhile. */
  g_application_hold (G_APPLICATION (self));
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
  g_clear_object (&self->outbox);
  g_clear_object (&self->context);
  g_clear_object (&self->database);
  g_clear_object (&self->opened_company);
  g_clear_error (&self->company_error);

  restore = g_new0 (Restore, 1);
  restore->app = g_object_ref (self);
  restore->backup = g_strdup (backup);
  cpt_backups_restore_async (backups, backup, NULL, on_restored, restore);
}

static void
on_restore_response (AdwAlertDialog *dialog, const char *response, gpointer user_data)
{
  Restore *restore = user_data;

  if (g_strcmp0 (response, "restore") == 0)
    cpt_application_restore_backup (restore->app, restore->backup);
}

static void
on_restore_verified (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(Restore) restore = user_data;
  CptApplication *self = restore->app;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (restore->backup);
  g_autofree char *current = NULL;
  g_autofree char *body = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwDialog *dialog;

  if (!cpt_backups_verify_finish (CPT_BACKUPS (source), result, &error))
    {
      g_autofree char *message = g_strdup_printf ("%s %s", error->message, _("Nothing was changed."));

      show_alert (self, _("Cannot Restore"), message);
      return;
    }
  if (self->database == NULL || window == NULL)
    return;
  current = g_path_get_basename (cpt_database_get_path (self->database));
  /* Translators: the first %s is the backup's file name, the others the company file's */
  body = g_strdup_printf (_("The company file will be replaced by the backup “%s”. The current "
                            "file is kept beside it as “%s.before-restore-…” (with today’s date "
                            "and time), so nothing is lost. The window reopens on the restored "
                            "file."), name, current);
  dialog = alert_new (_("Restore This Backup?"), body);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"),
                                  "restore", _("_Restore"), NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "restore",
                                            ADW_RESPONSE_DESTRUCTIVE);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "cancel");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_restore_response),
                         g_steal_pointer (&restore), (GClosureNotify) (void (*) (void)) restore_free, 0);
  adw_dialog_present (dialog, GTK_WIDGET (window));
}

void
cpt_application_ask_restore (CptApplication *self, const char *backup)
{
  Restore *restore;

  g_return_if_fail (CPT_IS_APPLICATION (self));
  g_return_if_fail (backup != NULL);

  if (self->backups == NULL)
    return;
  restore = g_new0 (Restore, 1);
  restore->app = g_object_ref (self);
  restore->backup = g_strdup (backup);
  /* Verified before anything is asked or closed: a foreign or damaged file is refused at once. */
  cpt_backups_verify_async (self->backups, restore->backup, NULL, on_restore_verified, restore);
}

static void
on_restore_file_chosen (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CptApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, &error);
  g_autofree char *path = NULL;

  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_alert (self, _("Cannot Restore"), _("Only local files can be restored."));
      return;
    }
  cpt_application_ask_restore (self, path);
}

static void
restore_backup_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  CptApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkFileDialog) dialog = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GListStore) filters = NULL;
  g_autofree char *folder = NULL;

  if (self->database == NULL || self->backups == NULL || window == NULL)
    return;
  dialog = gtk_file_dialog_new ();
  gtk_file_dialog_set_title (dialog, _("Restore from a Backup"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Comptoir Files"));
  gtk_file_filter_add_suffix (filter, "db");
  filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_list_store_append (filters, filter);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  folder = cpt_backups_dup_folder (self->backups);
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) initial = g_file_new_for_path (folder);
      gtk_file_dialog_set_initial_folder (dialog, initial);
    }
  gtk_file_dialog_open (dialog, window, NULL, on_restore_file_chosen, g_object_ref (self));
}

/* Sends what waits in the outbox now, rather than at its next try. */
static void
send_outbox_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CptApplication *self = user_data;

  if (self->outbox != NULL)
    cpt_outbox_try_now (self->outbox);
}

static const GActionEntry app_actions[] = {
  { "send-outbox", send_outbox_activated },
  { "quit", quit_activated },
  { "restore-backup", restore_backup_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
};

static void
cpt_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.search", { "<Control>k", NULL } },
    /* A list's own search, or the global one where there is no list. */
    { "win.find", { "<Control>f", NULL } },
    /* An accelerator of the application, so that the shortcuts window shows it. */
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.new-document('')", { "<Control>n", NULL } },
    { "win.new-client", { "<Control><Shift>n", NULL } },
    { "win.show-section::dashboard", { "<Alt>1", NULL } },
    { "win.show-section::quotes", { "<Alt>2", NULL } },
    { "win.show-section::invoices", { "<Alt>3", NULL } },
    { "win.show-section::credit-notes", { "<Alt>4", NULL } },
    { "win.show-section::deposits", { "<Alt>5", NULL } },
    { "win.show-section::payments", { "<Alt>6", NULL } },
    { "win.show-section::clients", { "<Alt>7", NULL } },
    { "win.show-section::products", { "<Alt>8", NULL } },
    { "document.validate", { "<Control>Return", NULL } },
    { "document.duplicate", { "<Control>d", NULL } },
    { "document.delete", { "<Control>Delete", NULL } },
    { "document.print", { "<Control>p", NULL } },
    { "document.save-pdf", { "<Control>s", NULL } },
    { "document.add-line", { "<Control>l", NULL } },
    { "document.add-product", { "<Control><Shift>l", NULL } },
    { "document.credit", { "<Control><Shift>c", NULL } },
    { "lines.move-up", { "<Alt>Up", NULL } },
    { "lines.move-down", { "<Alt>Down", NULL } },
    { "lines.remove", { "<Shift>Delete", NULL } },
  };

  /* The file opens in a thread (cpt_application_open_database ()) while GTK starts up (the
   * display, the theme, the fonts: ~90 ms), rather than after: the first frame of the
   * window can then show the first rows. */
  cpt_application_open_database (CPT_APPLICATION (app));
  G_APPLICATION_CLASS (cpt_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

/* A backup under way is stopped rather than cut off by the process's exit, so that its
 * temporary file (as large as the company file) does not stay behind. */
#define QUIT_BACKUP_WAIT_MS 5000

static void
cpt_application_shutdown (GApplication *app)
{
  CptApplication *self = CPT_APPLICATION (app);

  if (self->backups != NULL && !cpt_backups_cancel (self->backups, QUIT_BACKUP_WAIT_MS))
    g_warning ("The backup under way did not stop in time: its temporary file is left for "
               "the next backup to remove");
  G_APPLICATION_CLASS (cpt_application_parent_class)->shutdown (app);
}

static void
cpt_application_dispose (GObject *object)
{
  CptApplication *self = CPT_APPLICATION (object);

  g_clear_object (&self->opening_task);
  g_clear_object (&self->backups);
  g_clear_object (&self->outbox);
  g_clear_object (&self->context);
  g_clear_object (&self->database);
  g_clear_object (&self->opened_company);
  g_clear_error (&self->company_error);

  G_OBJECT_CLASS (cpt_application_parent_class)->dispose (object);
}

static void
cpt_application_finalize (GObject *object)
{
  CptApplication *self = CPT_APPLICATION (object);

  g_clear_pointer (&self->database_path, g_free);
  g_clear_error (&self->database_error);

  G_OBJECT_CLASS (cpt_application_parent_class)->finalize (object);
}

static void
cpt_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CptApplication *self = CPT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_OPENING:
      g_value_set_boolean (value, self->opening);
      break;

    case PROP_OPENING_STAGE:
      g_value_set_uint (value, self->opening_stage);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_application_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CptApplication *self = CPT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      cpt_application_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_application_class_init (CptApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cpt_application_dispose;
  object_class->finalize = cpt_application_finalize;
  object_class->get_property = cpt_application_get_property;
  object_class->set_property = cpt_application_set_property;

  app_class->handle_local_options = cpt_application_handle_local_options;
  app_class->startup = cpt_application_startup;
  app_class->activate = cpt_application_activate;
  app_class->shutdown = cpt_application_shutdown;

  /**
   * CptApplication:database-path:
   *
   * The database file to open, or %NULL for the default one.
   */
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * CptApplication:database:
   *
   * The open database, or %NULL.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         CPT_TYPE_DATABASE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * CptApplication:opening:
   *
   * Whether the database is being opened (in a thread).
   */
  properties[PROP_OPENING] =
    g_param_spec_boolean ("opening", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * CptApplication:opening-stage:
   *
   * What the opening of the database waits for, a #CptDatabaseStage (NONE when not
   * opening): the window says it.
   */
  properties[PROP_OPENING_STAGE] =
    g_param_spec_uint ("opening-stage", NULL, NULL,
                       CPT_DATABASE_STAGE_NONE, CPT_DATABASE_STAGE_RECOUNTING,
                       CPT_DATABASE_STAGE_NONE,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CptApplication::data-changed:
   * @what: the #CptChange flags of what was written
   *
   * Emitted after a commit changed the file (this process's or another's, see
   * CptContext::changed), so that what shows it reloads.
   */
  signals[DATA_CHANGED] =
    g_signal_new ("data-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  cpt_gui_register_resource ();
}

static void
cpt_application_init (CptApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Invoicing for small businesses"));
}

CptApplication *
cpt_application_new (void)
{
  return g_object_new (CPT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

const char *
cpt_application_get_database_path (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), NULL);

  return self->database_path;
}

void
cpt_application_set_database_path (CptApplication *self,
                                   const char     *path)
{
  g_return_if_fail (CPT_IS_APPLICATION (self));

  if (g_set_str (&self->database_path, path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}

CptDatabase *
cpt_application_get_database (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), NULL);

  return self->database;
}

CptDatabaseStage
cpt_application_get_opening_stage (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), CPT_DATABASE_STAGE_NONE);

  return self->opening_stage;
}

gboolean
cpt_application_is_opening (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), FALSE);

  return self->opening;
}

const GError *
cpt_application_get_database_error (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), NULL);

  return self->database_error;
}

CptCompany *
cpt_application_get_opened_company (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), NULL);

  return self->opened_company;
}

const GError *
cpt_application_get_company_error (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), NULL);

  return self->company_error;
}

void
cpt_application_set_opened_company (CptApplication *self,
                                    CptCompany     *company)
{
  g_return_if_fail (CPT_IS_APPLICATION (self));
  g_return_if_fail (company == NULL || CPT_IS_COMPANY (company));

  g_set_object (&self->opened_company, company);
  if (company != NULL)
    g_clear_error (&self->company_error);
}

CptWorker *
cpt_application_get_worker (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), NULL);

  return self->context ? cpt_context_get_worker (self->context) : NULL;
}

CptContext *
cpt_application_get_context (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), NULL);

  return self->context;
}

CptBackups *
cpt_application_get_backups (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), NULL);

  return self->backups;
}

gboolean
cpt_application_get_bench_first_frame (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), FALSE);

  return self->bench_first_frame;
}
