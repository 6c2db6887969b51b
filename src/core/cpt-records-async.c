/* cpt-records-async.c: see cpt-records-async.h. */
#define G_LOG_DOMAIN "cpt-records-async"

#include "cpt-records-async.h"

typedef struct
{
  gint64    id;
  gboolean  archived;
  GObject  *record;
  char     *author;
  char     *text;     /* a memo's text, a file's path */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->record);
  g_free (job->author);
  g_free (job->text);
  g_free (job);
}

/* Every property of a record is one of its columns (cpt-record.h): copying them all
 * copies the record. */
static GObject *
copy_record (GObject *record)
{
  g_autofree GParamSpec **pspecs = NULL;
  GObject *copy = g_object_new (G_OBJECT_TYPE (record), NULL);
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (record), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
          (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (record, pspecs[i]->name, &value);
      g_object_set_property (copy, pspecs[i]->name, &value);
    }
  return copy;
}

static void
run (CptWorker *worker, CptWorkerFunc func, Job *job, GCancellable *cancellable,
     GAsyncReadyCallback callback, gpointer user_data)
{
  cpt_worker_run_async (worker, func, job, (GDestroyNotify) job_free, g_object_unref,
                        cancellable, callback, user_data);
}

/* ------------------------------------------------------------------ clients */

static gpointer
load_client_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  return cpt_client_load (db, ((Job *) data)->id, error);
}

void
cpt_client_load_async (CptWorker *worker, gint64 id, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->id = id;
  run (worker, load_client_in_thread, job, cancellable, callback, user_data);
}

CptClient *
cpt_client_load_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}

static gpointer
save_client_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  CptClient *client = CPT_CLIENT (((Job *) data)->record);
  gboolean saved = cpt_client_get_id (client) == 0 ? cpt_client_insert (client, db, error)
                                                   : cpt_client_update (client, db, error);

  return saved ? g_object_ref (client) : NULL;
}

void
cpt_client_save_async (CptWorker *worker, CptClient *client, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));
  g_return_if_fail (CPT_IS_CLIENT (client));

  job->record = copy_record (G_OBJECT (client));
  run (worker, save_client_in_thread, job, cancellable, callback, user_data);
}

CptClient *
cpt_client_save_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}

static gpointer
archive_client_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;

  return cpt_client_set_archived (db, job->id, job->archived, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
cpt_client_set_archived_async (CptWorker *worker, gint64 id, gboolean archived,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->id = id;
  job->archived = archived;
  cpt_worker_run_async (worker, archive_client_in_thread, job, (GDestroyNotify) job_free, NULL,
                        cancellable, callback, user_data);
}

gboolean
cpt_client_set_archived_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error) != NULL;
}

static gpointer
delete_client_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  return cpt_client_delete (db, ((Job *) data)->id, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
cpt_client_delete_async (CptWorker *worker, gint64 id, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->id = id;
  cpt_worker_run_async (worker, delete_client_in_thread, job, (GDestroyNotify) job_free, NULL,
                        cancellable, callback, user_data);
}

gboolean
cpt_client_delete_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error) != NULL;
}

static gpointer
add_memo_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;

  return cpt_worker_box_id (cpt_client_add_memo (db, job->id, job->author, job->text, error));
}

void
cpt_client_add_memo_async (CptWorker *worker, gint64 client_id, const char *author,
                           const char *text, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));
  g_return_if_fail (text != NULL);

  job->id = client_id;
  job->author = g_strdup (author);
  job->text = g_strdup (text);
  cpt_worker_run_async (worker, add_memo_in_thread, job, (GDestroyNotify) job_free, g_free,
                        cancellable, callback, user_data);
}

gint64
cpt_client_add_memo_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish_id (worker, result, error);
}

static gpointer
add_file_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;

  return cpt_worker_box_id (cpt_client_add_file (db, job->id, job->text, error));
}

void
cpt_client_add_file_async (CptWorker *worker, gint64 client_id, const char *path,
                           GCancellable *cancellable, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));
  g_return_if_fail (path != NULL);

  job->id = client_id;
  job->text = g_strdup (path);
  cpt_worker_run_async (worker, add_file_in_thread, job, (GDestroyNotify) job_free, g_free,
                        cancellable, callback, user_data);
}

gint64
cpt_client_add_file_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish_id (worker, result, error);
}

static gpointer
file_data_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  return cpt_client_get_file_data (db, ((Job *) data)->id, error);
}

void
cpt_client_get_file_data_async (CptWorker *worker, gint64 file_id, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->id = file_id;
  cpt_worker_run_async (worker, file_data_in_thread, job, (GDestroyNotify) job_free,
                        (GDestroyNotify) g_bytes_unref, cancellable, callback, user_data);
}

GBytes *
cpt_client_get_file_data_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}

static gpointer
remove_file_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  return cpt_client_remove_file (db, ((Job *) data)->id, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
cpt_client_remove_file_async (CptWorker *worker, gint64 file_id, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->id = file_id;
  cpt_worker_run_async (worker, remove_file_in_thread, job, (GDestroyNotify) job_free, NULL,
                        cancellable, callback, user_data);
}

gboolean
cpt_client_remove_file_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error) != NULL;
}

/* ------------------------------------------------------------------ products */

static gpointer
load_product_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  return cpt_product_load (db, ((Job *) data)->id, error);
}

void
cpt_product_load_async (CptWorker *worker, gint64 id, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->id = id;
  run (worker, load_product_in_thread, job, cancellable, callback, user_data);
}

CptProduct *
cpt_product_load_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}

static gpointer
save_product_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  CptProduct *product = CPT_PRODUCT (((Job *) data)->record);
  gboolean saved = cpt_product_get_id (product) == 0 ? cpt_product_insert (product, db, error)
                                                     : cpt_product_update (product, db, error);

  return saved ? g_object_ref (product) : NULL;
}

void
cpt_product_save_async (CptWorker *worker, CptProduct *product, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));
  g_return_if_fail (CPT_IS_PRODUCT (product));

  job->record = copy_record (G_OBJECT (product));
  run (worker, save_product_in_thread, job, cancellable, callback, user_data);
}

CptProduct *
cpt_product_save_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}

static gpointer
archive_product_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;

  return cpt_product_set_archived (db, job->id, job->archived, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
cpt_product_set_archived_async (CptWorker *worker, gint64 id, gboolean archived,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->id = id;
  job->archived = archived;
  cpt_worker_run_async (worker, archive_product_in_thread, job, (GDestroyNotify) job_free, NULL,
                        cancellable, callback, user_data);
}

gboolean
cpt_product_set_archived_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error) != NULL;
}
