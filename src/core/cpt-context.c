/* cpt-context.c: the open company file, its worker, and what changed in it.
 *
 * Nobody has to remember to say what they wrote: the store tells the context of each commit
 * made through its database (cpt-store-changes.h), and the context announces it on its main
 * context (CptContext::changed), after the commit, never from inside it.
 *
 * Commits made elsewhere (the command line, another window, a thread's own connection) are
 * noticed through the file's write-ahead log, which every commit writes to: when the log
 * changes, the database's data version tells whether someone else committed (its own commits
 * do not change it). That costs no page read, so it is done on the main loop. */
#define G_LOG_DOMAIN "cpt-context"

#include "cpt-context.h"
#include "cpt-dates.h"
#include "cpt-store-changes.h"

/* How soon after a change of the log the file's version is looked at: a burst of writes
 * from another process is announced once. */
#define LOG_RATE_LIMIT_MS 100
/* After the log changed, the file's version is looked at again after these waits (ms):
 * see schedule_recheck (). */
static const guint recheck_ms[] = { 50, 200, 1000 };
/* The longest wait before the clock is looked at again: a computer asleep at midnight or a
 * clock set by hand is noticed within the hour. */
#define DAY_CHECK_MAX_SECONDS 3600

struct _CptContext
{
  GObject       parent_instance;

  CptDatabase  *database;
  CptWorker    *worker;
  GMainContext *main_context;   /* where ::changed is emitted */
  guint         pending;        /* CptChange flags announced and not yet told */
  GFileMonitor *log_monitor;
  gint64        data_version;   /* the database's version when last looked at */
  GSource      *recheck;        /* the next look at the version, NULL: none */
  guint         n_rechecks;     /* looks since the log last changed */
  char         *today;          /* ISO */
  guint         day_source;
};

G_DEFINE_FINAL_TYPE (CptContext, cpt_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_WORKER,
  PROP_TODAY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
tell_pending (gpointer data)
{
  CptContext *self = data;
  CptChange what = (CptChange) g_atomic_int_exchange ((gint *) &self->pending, 0);

  if (what != 0)
    g_signal_emit (self, signals[CHANGED], 0, (guint) what);
  return G_SOURCE_REMOVE;
}

void
cpt_context_announce (CptContext *self,
                      CptChange   what)
{
  g_autoptr(GSource) source = NULL;

  g_return_if_fail (CPT_IS_CONTEXT (self));

  what &= CPT_CHANGE_ALL;
  /* Only the first announcement since the last telling schedules one. */
  if (what == 0 || g_atomic_int_or (&self->pending, what) != 0)
    return;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[cpt] tell what changed");
  g_source_set_callback (source, tell_pending, g_object_ref (self), g_object_unref);
  g_source_attach (source, self->main_context);
}

/* From the store, on the thread that committed (inside SQLite: only note it). */
static void
on_commit (CptChange what,
           gpointer  user_data)
{
  cpt_context_announce (CPT_CONTEXT (user_data), what);
}

static void schedule_recheck (CptContext *self);

/* Whether another connection committed since the version was last read; if so, it is told
 * as a change of everything (which tables it wrote is not known here). */
static gboolean
version_changed (CptContext *self)
{
  g_autoptr(GError) error = NULL;
  gint64 version;

  if (!cpt_store_data_version (self->database, &version, &error))
    {
      /* Busy or gone for a moment: looked at again later. */
      g_debug ("Could not read the file's version: %s", error->message);
      return FALSE;
    }
  if (version == self->data_version)
    return FALSE;
  self->data_version = version;
  g_debug ("Another connection changed the file");
  cpt_context_announce (self, CPT_CHANGE_ALL);
  return TRUE;
}

static gboolean
look_again (gpointer data)
{
  CptContext *self = data;

  g_clear_pointer (&self->recheck, g_source_unref);
  version_changed (self);
  schedule_recheck (self);
  return G_SOURCE_REMOVE;
}

/* A commit writes its pages to the log, syncs it, and only then marks them committed in the
 * log's index, which is shared memory and tells no one: the last change of the log can come
 * before the version changes (the worker's commits, another program's). Looked at once, such
 * a commit was never told, and a page stayed as it was (seen with a refund under load). */
static void
schedule_recheck (CptContext *self)
{
  if (self->recheck != NULL || self->n_rechecks >= G_N_ELEMENTS (recheck_ms))
    return;
  self->recheck = g_timeout_source_new (recheck_ms[self->n_rechecks++]);
  g_source_set_static_name (self->recheck, "[cpt] look at the file's version again");
  g_source_set_callback (self->recheck, look_again, self, NULL);
  g_source_attach (self->recheck, self->main_context);
}

static void
on_log_changed (CptContext        *self,
                GFile             *file,
                GFile             *other,
                GFileMonitorEvent  event,
                GFileMonitor      *monitor)
{
  /* A commit writes to the log; reading it only changes its times. */
  if (event != G_FILE_MONITOR_EVENT_CHANGED && event != G_FILE_MONITOR_EVENT_CREATED)
    return;
  if (self->recheck != NULL)
    {
      g_source_destroy (self->recheck);
      g_clear_pointer (&self->recheck, g_source_unref);
    }
  self->n_rechecks = 0;
  version_changed (self);
  /* Even when it changed: that may have been an earlier commit, this one still to come. */
  schedule_recheck (self);
}

static void
watch_other_writers (CptContext *self)
{
  g_autofree char *log_path = cpt_store_changes_log_path (self->database);
  g_autoptr(GFile) log = g_file_new_for_path (log_path);
  g_autoptr(GError) error = NULL;

  if (cpt_database_is_read_only (self->database))
    return;
  if (!cpt_store_data_version (self->database, &self->data_version, &error))
    {
      g_warning ("Changes made by other programs will not show: %s", error->message);
      return;
    }
  self->log_monitor = g_file_monitor_file (log, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->log_monitor == NULL)
    {
      g_warning ("Changes made by other programs will not show: %s", error->message);
      return;
    }
  g_file_monitor_set_rate_limit (self->log_monitor, LOG_RATE_LIMIT_MS);
  g_signal_connect_object (self->log_monitor, "changed", G_CALLBACK (on_log_changed), self,
                           G_CONNECT_SWAPPED);
}

/* ---------------------------------------------------------------- the day */

static void schedule_day_check (CptContext *self);

guint
cpt_context_seconds_to_next_day_check (GDateTime *now)
{
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  GTimeSpan until;

  g_return_val_if_fail (now != NULL, DAY_CHECK_MAX_SECONDS);

  /* The next midnight as the calendar says it, through a change of time if one comes. */
  midnight = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                              g_date_time_get_month (now), g_date_time_get_day_of_month (now), 0, 0, 0);
  tomorrow = midnight ? g_date_time_add_days (midnight, 1) : NULL;
  if (tomorrow == NULL)
    return DAY_CHECK_MAX_SECONDS;
  until = g_date_time_difference (tomorrow, now);
  /* One second past midnight, so that the new day has begun when it is looked at. */
  return (guint) CLAMP (until / G_TIME_SPAN_SECOND + 1, 1, DAY_CHECK_MAX_SECONDS);
}

void
cpt_context_check_day (CptContext *self)
{
  g_autofree char *today = cpt_date_today ();

  g_return_if_fail (CPT_IS_CONTEXT (self));

  if (g_strcmp0 (today, self->today) == 0)
    return;
  g_debug ("A new day: %s", today);
  g_free (self->today);
  self->today = g_steal_pointer (&today);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
  /* What is overdue, the figures of the month: everything shown may depend on the day. */
  cpt_context_announce (self, CPT_CHANGE_ALL);
}

static gboolean
on_day_check (gpointer data)
{
  CptContext *self = data;

  self->day_source = 0;
  cpt_context_check_day (self);
  schedule_day_check (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_day_check (CptContext *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GSource) source = g_timeout_source_new_seconds (cpt_context_seconds_to_next_day_check (now));

  g_source_set_static_name (source, "[cpt] the day");
  g_source_set_callback (source, on_day_check, self, NULL);
  self->day_source = g_source_attach (source, self->main_context);
}

static void
cpt_context_constructed (GObject *object)
{
  CptContext *self = CPT_CONTEXT (object);

  G_OBJECT_CLASS (cpt_context_parent_class)->constructed (object);

  g_assert (CPT_IS_DATABASE (self->database));
  self->main_context = g_main_context_ref_thread_default ();
  self->worker = cpt_worker_new (cpt_database_get_path (self->database));
  cpt_store_changes_watch (self->database, on_commit, self);
  watch_other_writers (self);
  self->today = cpt_date_today ();
  schedule_day_check (self);
}

static void
cpt_context_dispose (GObject *object)
{
  CptContext *self = CPT_CONTEXT (object);

  if (self->day_source != 0)
    {
      GSource *source = g_main_context_find_source_by_id (self->main_context, self->day_source);

      if (source != NULL)
        g_source_destroy (source);
      self->day_source = 0;
    }
  if (self->recheck != NULL)
    {
      g_source_destroy (self->recheck);
      g_clear_pointer (&self->recheck, g_source_unref);
    }
  if (self->log_monitor != NULL)
    g_file_monitor_cancel (self->log_monitor);
  g_clear_object (&self->log_monitor);
  /* The hooks point to this context: the database may outlive it. */
  if (self->database != NULL)
    cpt_store_changes_watch (self->database, NULL, NULL);
  g_clear_object (&self->worker);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (cpt_context_parent_class)->dispose (object);
}

static void
cpt_context_finalize (GObject *object)
{
  CptContext *self = CPT_CONTEXT (object);

  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_free (self->today);

  G_OBJECT_CLASS (cpt_context_parent_class)->finalize (object);
}

static void
cpt_context_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CptContext *self = CPT_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_WORKER:
      g_value_set_object (value, self->worker);
      break;
    case PROP_TODAY:
      g_value_set_string (value, self->today);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_context_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CptContext *self = CPT_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_context_class_init (CptContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cpt_context_constructed;
  object_class->dispose = cpt_context_dispose;
  object_class->finalize = cpt_context_finalize;
  object_class->get_property = cpt_context_get_property;
  object_class->set_property = cpt_context_set_property;

  /**
   * CptContext:database:
   *
   * The open company file; the connection that writes.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CPT_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * CptContext:worker:
   *
   * Runs slow work off the main loop, on a connection of its own.
   */
  properties[PROP_WORKER] =
    g_param_spec_object ("worker", NULL, NULL, CPT_TYPE_WORKER,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * CptContext:today:
   *
   * Today as an ISO date (COMPTOIR_TODAY when set). When the day changes while the window
   * is open, everything is announced as changed: statuses such as overdue follow the day.
   */
  properties[PROP_TODAY] =
    g_param_spec_string ("today", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CptContext::changed:
   * @what: the #CptChange flags of what changed
   *
   * Emitted on the context's main context after a commit changed the file, made through
   * the context's database or by another connection or process.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
cpt_context_init (CptContext *self)
{
}

CptContext *
cpt_context_new (CptDatabase *database)
{
  g_return_val_if_fail (CPT_IS_DATABASE (database), NULL);

  return g_object_new (CPT_TYPE_CONTEXT, "database", database, NULL);
}

CptDatabase *
cpt_context_get_database (CptContext *self)
{
  g_return_val_if_fail (CPT_IS_CONTEXT (self), NULL);

  return self->database;
}

CptWorker *
cpt_context_get_worker (CptContext *self)
{
  g_return_val_if_fail (CPT_IS_CONTEXT (self), NULL);

  return self->worker;
}

const char *
cpt_context_get_today (CptContext *self)
{
  g_return_val_if_fail (CPT_IS_CONTEXT (self), NULL);

  return self->today;
}
