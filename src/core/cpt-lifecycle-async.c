/* cpt-lifecycle-async.c: see cpt-lifecycle-async.h. */
#include "cpt-documents.h"
#include "cpt-lifecycle-async.h"

typedef struct
{
  gint64           id;
  CptValidateFlags flags;
  gboolean         send;
  CptQuoteInvoice  how;
  gint64           value;
  GArray          *parts;   /* CptCreditPart */
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->parts, g_array_unref);
  g_free (job);
}

static gpointer
validate_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;
  gboolean ok = job->send ? cpt_lifecycle_quote_send_full (db, job->id, NULL, job->flags, error)
                          : cpt_lifecycle_validate_full (db, job->id, NULL, job->flags, error);

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

void
cpt_lifecycle_validate_async (CptWorker *worker, gint64 id, CptValidateFlags flags, gboolean send,
                              GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->id = id;
  job->flags = flags;
  job->send = send;
  cpt_worker_run_async (worker, validate_in_thread, job, (GDestroyNotify) job_free, NULL,
                        cancellable, callback, user_data);
}

gboolean
cpt_lifecycle_validate_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error) != NULL;
}

static gpointer
credit_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;

  return cpt_worker_box_id (cpt_lifecycle_credit (db, job->id, (const CptCreditPart *) job->parts->data,
                                       job->parts->len, error));
}

void
cpt_lifecycle_credit_async (CptWorker *worker, gint64 invoice_id, const CptCreditPart *parts,
                            guint n_parts, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->id = invoice_id;
  job->parts = g_array_sized_new (FALSE, FALSE, sizeof (CptCreditPart), n_parts);
  g_array_append_vals (job->parts, parts, n_parts);
  cpt_worker_run_async (worker, credit_in_thread, job, (GDestroyNotify) job_free, g_free,
                        cancellable, callback, user_data);
}

gint64
cpt_lifecycle_credit_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish_id (worker, result, error);
}

static gpointer
quote_invoice_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;

  return cpt_worker_box_id (cpt_lifecycle_quote_invoice (db, job->id, job->how, job->value, error));
}

void
cpt_lifecycle_quote_invoice_async (CptWorker *worker, gint64 quote_id, CptQuoteInvoice how,
                                   gint64 value, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->id = quote_id;
  job->how = how;
  job->value = value;
  cpt_worker_run_async (worker, quote_invoice_in_thread, job, (GDestroyNotify) job_free, g_free,
                        cancellable, callback, user_data);
}

gint64
cpt_lifecycle_quote_invoice_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish_id (worker, result, error);
}

static gpointer
finalize_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;

  return cpt_worker_box_id (cpt_lifecycle_finalize (db, job->id, error));
}

void
cpt_lifecycle_finalize_async (CptWorker *worker, gint64 proforma_id, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->id = proforma_id;
  cpt_worker_run_async (worker, finalize_in_thread, job, (GDestroyNotify) job_free, g_free,
                        cancellable, callback, user_data);
}

gint64
cpt_lifecycle_finalize_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish_id (worker, result, error);
}

void
cpt_quote_remaining_free (CptQuoteRemaining *remaining)
{
  if (remaining == NULL)
    return;
  g_clear_pointer (&remaining->remaining, g_ptr_array_unref);
  g_clear_pointer (&remaining->lines, g_ptr_array_unref);
  g_free (remaining);
}

static gpointer
quote_remaining_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;
  g_autoptr(CptQuoteRemaining) remaining = g_new0 (CptQuoteRemaining, 1);

  remaining->remaining = cpt_lifecycle_quote_remaining (db, job->id, error);
  if (remaining->remaining == NULL)
    return NULL;
  remaining->lines = cpt_documents_load_lines (db, job->id, error);
  return remaining->lines != NULL ? g_steal_pointer (&remaining) : NULL;
}

void
cpt_lifecycle_quote_remaining_async (CptWorker *worker, gint64 quote_id, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->id = quote_id;
  cpt_worker_run_async (worker, quote_remaining_in_thread, job, (GDestroyNotify) job_free,
                        (GDestroyNotify) cpt_quote_remaining_free, cancellable, callback, user_data);
}

CptQuoteRemaining *
cpt_lifecycle_quote_remaining_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}
