/* cpt-backups.c: the backups of the open company file, for the window. */
#define G_LOG_DOMAIN "cpt-backups"

#include <glib/gi18n.h>

#include "cpt-backups.h"
#include "cpt-error.h"

struct _CptBackups
{
  GObject    parent_instance;

  char      *path;          /* the company file */
  GSettings *settings;      /* NULL when the schema is not installed */
  gboolean   switchable;    /* the schema has "automatic-backups" */
  gboolean   remembers;     /* the schema has "backup-failure" */
  guint      daily_source;
  guint      running;       /* backups under way */
  int        last_day;      /* YYYYMMDD of the last automatic backup run */
  /* The last automatic backup's failure, since the last one made: kept in the settings
   * (when they have the key) so that a failure is told once a day, not at every start. */
  GDateTime *failed_at;
  char      *failure;
  gboolean   failure_is_new;  /* not yet told today */
  /* Stops the backups under way when the application quits (cpt_backups_cancel ()). */
  GCancellable *cancellable;
  /* Threads still at work, counted by the threads themselves: what cpt_backups_cancel ()
   * waits for. Shared with the threads, so reference-counted apart from the object. */
  struct ThreadCount *threads;
};

typedef struct ThreadCount
{
  gatomicrefcount ref;
  GMutex          lock;
  GCond           done;
  guint           running;
} ThreadCount;

static ThreadCount *
thread_count_new (void)
{
  ThreadCount *count = g_new0 (ThreadCount, 1);

  g_atomic_ref_count_init (&count->ref);
  g_mutex_init (&count->lock);
  g_cond_init (&count->done);
  return count;
}

static ThreadCount *
thread_count_ref (ThreadCount *count)
{
  g_atomic_ref_count_inc (&count->ref);
  return count;
}

static void
thread_count_unref (ThreadCount *count)
{
  if (!g_atomic_ref_count_dec (&count->ref))
    return;
  g_mutex_clear (&count->lock);
  g_cond_clear (&count->done);
  g_free (count);
}

static void
thread_count_add (ThreadCount *count, int delta)
{
  g_mutex_lock (&count->lock);
  count->running += delta;
  if (count->running == 0)
    g_cond_broadcast (&count->done);
  g_mutex_unlock (&count->lock);
}

/* How often an open window looks whether the day changed. */
#define DAILY_CHECK_SECONDS 300

G_DEFINE_FINAL_TYPE (CptBackups, cpt_backups, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char        *path;
  char        *folder;
  char        *backup;
  gboolean     automatic;
  ThreadCount *threads;     /* for a backup: counted until its thread is done */
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->threads, thread_count_unref);
  g_free (job->path);
  g_free (job->folder);
  g_free (job->backup);
  g_free (job);
}

static void
set_running (CptBackups *self, gboolean more)
{
  gboolean was = self->running > 0;

  if (more)
    self->running++;
  else
    self->running--;
  if (was != (self->running > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* ---------------------------------------------------------------- backing up */

static void
back_up_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(CptDatabase) db = NULL;
  GError *error = NULL;
  char *written;

  /* A connection of its own: the window's stay free for the window. */
  db = cpt_database_open (job->path, &error);
  if (db == NULL)
    {
      thread_count_add (job->threads, -1);
      g_task_return_error (task, error);
      return;
    }
  /* A cancelled backup (the application quits) removes its temporary file before it
   * returns. */
  if (job->automatic)
    written = cpt_backup_daily (db, job->folder, now, cancellable, &error);
  else
    written = cpt_backup_to_folder (db, job->folder, now, cancellable, &error);
  g_clear_object (&db);
  thread_count_add (job->threads, -1);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    /* NULL for an automatic backup that today already has. */
    g_task_return_pointer (task, written, g_free);
}

static void
start_back_up (CptBackups         *self,
               gboolean            automatic,
               GCancellable       *cancellable,
               GAsyncReadyCallback callback,
               gpointer            user_data)
{
  /* Without a cancellable of the caller's, the object's: quitting stops the backup. */
  g_autoptr(GTask) task = g_task_new (self, cancellable ? cancellable : self->cancellable,
                                      callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->path = g_strdup (self->path);
  job->folder = cpt_backups_dup_folder (self);
  job->automatic = automatic;
  job->threads = thread_count_ref (self->threads);
  thread_count_add (job->threads, 1);
  g_task_set_source_tag (task, cpt_backups_back_up_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  set_running (self, TRUE);
  g_task_run_in_thread (task, back_up_thread);
}

static int
day_key (GDateTime *time)
{
  return g_date_time_get_year (time) * 10000 + g_date_time_get_month (time) * 100 +
         g_date_time_get_day_of_month (time);
}

/* An automatic backup's outcome: a failure is news unless the same reason was already
 * given today (Comptoir started again, the folder still unwritable); a success forgets it. */
static void
remember_automatic (CptBackups *self, const char *failure)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->failure_is_new = failure != NULL &&
                         (self->failure == NULL || g_strcmp0 (self->failure, failure) != 0 ||
                          day_key (self->failed_at) != day_key (now));
  g_clear_pointer (&self->failed_at, g_date_time_unref);
  g_clear_pointer (&self->failure, g_free);
  if (failure != NULL)
    {
      self->failed_at = g_date_time_ref (now);
      self->failure = g_strdup (failure);
    }
  if (self->remembers)
    g_settings_set (self->settings, "backup-failure", "(xs)",
                    failure != NULL ? g_date_time_to_unix (now) : (gint64) 0,
                    failure != NULL ? failure : "");
}

static char *
finish_back_up (CptBackups *self, GAsyncResult *result, GError **error)
{
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);
  GError *local_error = NULL;
  char *written = g_task_propagate_pointer (task, &local_error);
  gboolean cancelled = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  set_running (self, FALSE);
  if (job->automatic && !cancelled)
    remember_automatic (self, local_error != NULL ? local_error->message : NULL);
  /* A backup cancelled (Comptoir quitting, the dialog closed) did not fail: nothing to say. */
  if ((local_error != NULL && !cancelled) || written != NULL)
    g_signal_emit (self, signals[FINISHED], 0, written,
                   local_error ? local_error->message : NULL, job->automatic);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return written;
}

void
cpt_backups_back_up_async (CptBackups         *self,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_return_if_fail (CPT_IS_BACKUPS (self));

  start_back_up (self, FALSE, cancellable, callback, user_data);
}

char *
cpt_backups_back_up_finish (CptBackups *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return finish_back_up (self, result, error);
}

/* ---------------------------------------------------------------- once a day */

static void
on_daily_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CptBackups *self = CPT_BACKUPS (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = finish_back_up (self, result, &error);

  /* The window and the preferences say it (CptBackups::finished); here only the log.
   * Cancelled when Comptoir quits during the backup: no failure. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Automatic backup cancelled");
  else if (error != NULL)
    g_debug ("The automatic backup failed: %s", error->message);
  else if (written != NULL)
    g_debug ("Automatic backup: %s", written);
}

static int
today_key (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return day_key (now);
}

/* Once at start, then whenever the day has changed since: checked every few minutes rather
 * than timed for midnight, as a timeout does not count the hours a laptop sleeps. */
static gboolean
check_daily (gpointer user_data)
{
  CptBackups *self = user_data;
  int today = today_key ();

  /* Looked at each time: turning it off (or on) takes effect without a restart. */
  if (self->switchable && !g_settings_get_boolean (self->settings, "automatic-backups"))
    return G_SOURCE_CONTINUE;
  if (today != self->last_day && self->running == 0)
    {
      self->last_day = today;
      start_back_up (self, TRUE, NULL, on_daily_done, NULL);
    }
  return G_SOURCE_CONTINUE;
}

static void
first_daily (gpointer user_data)
{
  CptBackups *self = user_data;

  check_daily (self);
  self->daily_source = g_timeout_add_seconds (DAILY_CHECK_SECONDS, check_daily, self);
}

void
cpt_backups_start_daily (CptBackups *self, guint delay_seconds)
{
  g_return_if_fail (CPT_IS_BACKUPS (self));

  g_clear_handle_id (&self->daily_source, g_source_remove);
  self->daily_source = g_timeout_add_seconds_once (delay_seconds, first_daily, self);
}

void
cpt_backups_stop (CptBackups *self)
{
  g_return_if_fail (CPT_IS_BACKUPS (self));

  g_clear_handle_id (&self->daily_source, g_source_remove);
}

gboolean
cpt_backups_cancel (CptBackups *self, guint wait_ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) wait_ms * G_TIME_SPAN_MILLISECOND;
  gboolean in_time = TRUE;

  g_return_val_if_fail (CPT_IS_BACKUPS (self), FALSE);

  g_clear_handle_id (&self->daily_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_mutex_lock (&self->threads->lock);
  while (self->threads->running > 0 && in_time)
    in_time = g_cond_wait_until (&self->threads->done, &self->threads->lock, until);
  in_time = self->threads->running == 0;
  g_mutex_unlock (&self->threads->lock);
  return in_time;
}

/* ---------------------------------------------------------------- folder, last backup */

char *
cpt_backups_dup_folder (CptBackups *self)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (CPT_IS_BACKUPS (self), NULL);

  if (self->settings != NULL)
    folder = g_settings_get_string (self->settings, "backup-folder");
  if (folder == NULL || *folder == '\0')
    return cpt_backup_default_folder ();
  return g_steal_pointer (&folder);
}

gboolean
cpt_backups_is_default_folder (CptBackups *self)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (CPT_IS_BACKUPS (self), TRUE);

  if (self->settings == NULL)
    return TRUE;
  folder = g_settings_get_string (self->settings, "backup-folder");
  return *folder == '\0';
}

void
cpt_backups_set_folder (CptBackups *self, const char *folder)
{
  g_return_if_fail (CPT_IS_BACKUPS (self));

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "backup-folder", folder ? folder : "");
}

/* In a thread: `task_data` is the folder, then the file's path. */
static void
find_last_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  char **where = task_data;
  g_autoptr(GPtrArray) entries = NULL;
  GError *error = NULL;

  entries = cpt_backup_list (where[0], where[1], &error);
  if (entries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, entries->len > 0 ? g_ptr_array_steal_index (entries, 0) : NULL,
                         (GDestroyNotify) cpt_backup_entry_free);
}

void
cpt_backups_find_last_async (CptBackups         *self,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  char **where;

  g_return_if_fail (CPT_IS_BACKUPS (self));

  where = g_new0 (char *, 3);
  where[0] = cpt_backups_dup_folder (self);
  where[1] = g_strdup (self->path);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cpt_backups_find_last_async);
  g_task_set_task_data (task, where, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, find_last_in_thread);
}

CptBackupEntry *
cpt_backups_find_last_finish (CptBackups   *self,
                              GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
cpt_backups_get_failure (CptBackups *self,
                         GDateTime **out_when)
{
  g_return_val_if_fail (CPT_IS_BACKUPS (self), NULL);

  if (out_when != NULL)
    *out_when = self->failed_at;
  return self->failure;
}

gboolean
cpt_backups_is_failure_new (CptBackups *self)
{
  g_return_val_if_fail (CPT_IS_BACKUPS (self), FALSE);

  return self->failure != NULL && self->failure_is_new;
}

gboolean
cpt_backups_is_running (CptBackups *self)
{
  g_return_val_if_fail (CPT_IS_BACKUPS (self), FALSE);

  return self->running > 0;
}

/* ---------------------------------------------------------------- restoring */

static void
verify_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (cpt_backup_verify (job->backup, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cpt_backups_verify_async (CptBackups         *self,
                          const char         *backup,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->backup = g_strdup (backup);
  g_task_set_source_tag (task, cpt_backups_verify_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, verify_thread);
}

gboolean
cpt_backups_verify_finish (CptBackups *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
restore_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GError *error = NULL;
  char *aside = cpt_backup_restore (job->backup, job->path, now, &error);

  if (aside != NULL)
    g_task_return_pointer (task, aside, g_free);
  else
    g_task_return_error (task, error);
}

void
cpt_backups_restore_async (CptBackups         *self,
                           const char         *backup,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->path = g_strdup (self->path);
  job->backup = g_strdup (backup);
  g_task_set_source_tag (task, cpt_backups_restore_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, restore_thread);
}

char *
cpt_backups_restore_finish (CptBackups *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------- GObject */

static void
cpt_backups_dispose (GObject *object)
{
  CptBackups *self = CPT_BACKUPS (object);

  g_clear_handle_id (&self->daily_source, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cpt_backups_parent_class)->dispose (object);
}

static void
cpt_backups_finalize (GObject *object)
{
  CptBackups *self = CPT_BACKUPS (object);

  g_free (self->path);
  g_clear_pointer (&self->threads, thread_count_unref);
  g_clear_pointer (&self->failed_at, g_date_time_unref);
  g_free (self->failure);

  G_OBJECT_CLASS (cpt_backups_parent_class)->finalize (object);
}

static void
cpt_backups_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CptBackups *self = CPT_BACKUPS (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_backups_class_init (CptBackupsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cpt_backups_dispose;
  object_class->finalize = cpt_backups_finalize;
  object_class->get_property = cpt_backups_get_property;

  /**
   * CptBackups:running:
   *
   * Whether a backup is being made.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CptBackups::finished:
   * @path: (nullable): the backup made, or %NULL
   * @message: (nullable): why it failed, or %NULL
   * @automatic: whether it was the daily automatic backup
   *
   * Emitted after each backup made or failed.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
cpt_backups_init (CptBackups *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  self->cancellable = g_cancellable_new ();
  self->threads = thread_count_new ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "backup-folder"))
    {
      self->settings = g_settings_new_full (schema, NULL, NULL);
      self->switchable = g_settings_schema_has_key (schema, "automatic-backups");
      self->remembers = g_settings_schema_has_key (schema, "backup-failure");
    }
  if (self->remembers)
    {
      gint64 when = 0;
      g_autofree char *failure = NULL;

      g_settings_get (self->settings, "backup-failure", "(xs)", &when, &failure);
      if (when > 0 && failure[0] != '\0')
        {
          self->failed_at = g_date_time_new_from_unix_local (when);
          self->failure = g_steal_pointer (&failure);
        }
    }
}

CptBackups *
cpt_backups_new (const char *database_path)
{
  CptBackups *self;

  g_return_val_if_fail (database_path != NULL, NULL);

  self = g_object_new (CPT_TYPE_BACKUPS, NULL);
  self->path = g_strdup (database_path);
  return self;
}
