/* cpt-series-async.c: see cpt-series-async.h. */
#define G_LOG_DOMAIN "cpt-series-async"

#include "cpt-document-extras.h"
#include "cpt-series-async.h"

typedef struct
{
  char            *name;
  char            *format;
  char            *iso_date;
  int              reset;
  gint64           first_number;
  CptDocumentKind  kind;
} Job;

static void
job_free (Job *job)
{
  g_free (job->name);
  g_free (job->format);
  g_free (job->iso_date);
  g_free (job);
}

static gpointer
load_all_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  return cpt_series_load_all (db, error);
}

void
cpt_series_load_all_async (CptWorker *worker, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (CPT_IS_WORKER (worker));

  cpt_worker_run_async (worker, load_all_in_thread, NULL, NULL,
                        (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
cpt_series_load_all_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}

static gpointer
set_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;

  return cpt_series_set (db, job->name, job->format, job->reset, job->first_number, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

void
cpt_series_set_async (CptWorker *worker, const char *name, const char *format, int reset,
                      gint64 first_number, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job;

  g_return_if_fail (CPT_IS_WORKER (worker));
  g_return_if_fail (name != NULL && format != NULL);

  job = g_new0 (Job, 1);
  job->name = g_strdup (name);
  job->format = g_strdup (format);
  job->reset = reset;
  job->first_number = first_number;
  cpt_worker_run_async (worker, set_in_thread, job, (GDestroyNotify) job_free, NULL,
                        cancellable, callback, user_data);
}

gboolean
cpt_series_set_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error) != NULL;
}

static gpointer
preview_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;
  g_autofree char *series = cpt_series_for_document_kind (db, job->kind, error);

  return series != NULL ? cpt_series_preview (db, series, job->iso_date, error) : NULL;
}

void
cpt_series_preview_async (CptWorker *worker, CptDocumentKind kind, const char *iso_date,
                          GCancellable *cancellable, GAsyncReadyCallback callback,
                          gpointer user_data)
{
  Job *job;

  g_return_if_fail (CPT_IS_WORKER (worker));
  g_return_if_fail (iso_date != NULL);

  job = g_new0 (Job, 1);
  job->kind = kind;
  job->iso_date = g_strdup (iso_date);
  cpt_worker_run_async (worker, preview_in_thread, job, (GDestroyNotify) job_free, g_free,
                        cancellable, callback, user_data);
}

char *
cpt_series_preview_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}

static gpointer
preview_with_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;

  return cpt_series_preview_with (db, job->name, job->format, job->reset, job->first_number,
                                  job->iso_date, error);
}

void
cpt_series_preview_with_async (CptWorker *worker, const char *name, const char *format,
                               int reset, gint64 first_number, const char *iso_date,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data)
{
  Job *job;

  g_return_if_fail (CPT_IS_WORKER (worker));
  g_return_if_fail (name != NULL && format != NULL && iso_date != NULL);

  job = g_new0 (Job, 1);
  job->name = g_strdup (name);
  job->format = g_strdup (format);
  job->reset = reset;
  job->first_number = first_number;
  job->iso_date = g_strdup (iso_date);
  cpt_worker_run_async (worker, preview_with_in_thread, job, (GDestroyNotify) job_free, g_free,
                        cancellable, callback, user_data);
}

char *
cpt_series_preview_with_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}
