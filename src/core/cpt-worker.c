/* cpt-worker.c: slow database work off the main loop, on a connection of its own. */
#define G_LOG_DOMAIN "cpt-worker"

#include "cpt-worker.h"

struct _CptWorker
{
  GObject      parent_instance;

  char        *path;
  /* One thread at a time runs the jobs, in the order they were asked for: a page's
   * writes (a line saved, then validated) happen in the order the person made them. */
  GThreadPool *pool;
  CptDatabase *db;      /* used by the pool's thread only */
};

G_DEFINE_FINAL_TYPE (CptWorker, cpt_worker, G_TYPE_OBJECT)

static void run_job (gpointer data, gpointer user_data);

typedef struct
{
  CptWorkerFunc  func;
  gpointer       data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
  GAsyncReadyCallback callback;
  gpointer       user_data;
  GApplication  *app;           /* held until the job's result is back */
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  if (job->app != NULL)
    g_application_release (job->app);
  g_clear_object (&job->app);
  g_free (job);
}

static void
cpt_worker_finalize (GObject *object)
{
  CptWorker *self = CPT_WORKER (object);

  /* Every job holds the worker (its task's source object): none is left. Not waiting, as
   * the last reference may go in the pool's own thread. */
  g_thread_pool_free (self->pool, FALSE, FALSE);
  g_clear_object (&self->db);
  g_free (self->path);

  G_OBJECT_CLASS (cpt_worker_parent_class)->finalize (object);
}

static void
cpt_worker_class_init (CptWorkerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cpt_worker_finalize;
}

static void
cpt_worker_init (CptWorker *self)
{
  self->pool = g_thread_pool_new (run_job, NULL, 1, FALSE, NULL);
}

CptWorker *
cpt_worker_new (const char *path)
{
  CptWorker *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CPT_TYPE_WORKER, NULL);
  self->path = g_strdup (path);
  return self;
}

const char *
cpt_worker_get_path (CptWorker *self)
{
  g_return_val_if_fail (CPT_IS_WORKER (self), NULL);

  return self->path;
}

CptDatabase *
cpt_worker_open_connection (CptWorker *self, GError **error)
{
  g_return_val_if_fail (CPT_IS_WORKER (self), NULL);

  return cpt_database_open_full (self->path, CPT_DATABASE_OPEN_DEFAULT, error);
}

/* In the pool's thread; `data` is the job's task, whose reference it gives up last. */
static void
run_job (gpointer data,
         gpointer user_data)
{
  GTask *task = data;
  CptWorker *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (self->db == NULL)
    self->db = cpt_database_open_full (self->path, CPT_DATABASE_OPEN_DEFAULT, &error);
  if (self->db == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  result = job->func (self->db, job->data, g_task_get_cancellable (task), &error);
  if (error != NULL)
    {
      if (result != NULL && job->result_free != NULL)
        job->result_free (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, job->result_free);
  g_object_unref (task);
}

/* On the main loop: the caller's callback, then the application may quit. */
static void
on_job_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));

  if (job->callback != NULL)
    job->callback (source, result, job->user_data);
  if (job->app != NULL)
    g_application_release (job->app);
  g_clear_object (&job->app);
}

void
cpt_worker_run_async (CptWorker          *self,
                      CptWorkerFunc       func,
                      gpointer            data,
                      GDestroyNotify      data_free,
                      GDestroyNotify      result_free,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (CPT_IS_WORKER (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->callback = callback;
  job->user_data = user_data;
  /* A job still running when the process exits would crash it (its thread inside SQLite):
   * the application stays up until every job's result is back. Windows cancel theirs as
   * they go, so that quitting does not wait long. */
  job->app = g_application_get_default ();
  if (job->app != NULL)
    {
      g_object_ref (job->app);
      g_application_hold (job->app);
    }

  task = g_task_new (self, cancellable, on_job_done, NULL);
  g_task_set_source_tag (task, cpt_worker_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_thread_pool_push (self->pool, g_steal_pointer (&task), NULL);
}

gpointer
cpt_worker_run_finish (CptWorker    *self,
                       GAsyncResult *result,
                       GError      **error)
{
  g_return_val_if_fail (CPT_IS_WORKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
cpt_worker_box_id (gint64 id)
{
  return id > 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

gint64
cpt_worker_run_finish_id (CptWorker    *self,
                          GAsyncResult *result,
                          GError      **error)
{
  g_autofree gint64 *id = cpt_worker_run_finish (self, result, error);

  return id != NULL ? *id : 0;
}
