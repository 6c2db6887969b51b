/* cpt-document-writes.c: see cpt-document-writes.h. */
#include "cpt-document-extras.h"
#include "cpt-document-writes.h"
#include "cpt-documents.h"
#include "cpt-lifecycle.h"
#include "cpt-payments.h"

typedef struct
{
  CptDocumentWrite what;
  gint64           id;
  gint64           other_id;
  GArray          *allocations;
  CptDocument     *header;
  GPtrArray       *lines;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->allocations, g_array_unref);
  g_clear_object (&job->header);
  g_clear_pointer (&job->lines, g_ptr_array_unref);
  g_free (job);
}

/* The worker's results are pointers, NULL for an error: an id goes in a box. */
static gpointer
box_id (gint64 id)
{
  return id > 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

static gint64
unbox_id (CptWorker *worker, GAsyncResult *result, GError **error)
{
  g_autofree gint64 *id = cpt_worker_run_finish (worker, result, error);

  return id != NULL ? *id : 0;
}

static gint64
write_now (CptDatabase *db, Job *job, GError **error)
{
  g_autoptr(CptDocument) made = NULL;

  switch (job->what)
    {
    case CPT_DOCUMENT_WRITE_MARK_SENT:
      return cpt_lifecycle_mark_sent (db, job->id, NULL, error);
    case CPT_DOCUMENT_WRITE_QUOTE_SEND:
      return cpt_lifecycle_quote_send (db, job->id, NULL, error);
    case CPT_DOCUMENT_WRITE_QUOTE_ACCEPT:
      return cpt_lifecycle_quote_accept (db, job->id, NULL, error);
    case CPT_DOCUMENT_WRITE_QUOTE_REFUSE:
      return cpt_lifecycle_quote_refuse (db, job->id, NULL, error);
    case CPT_DOCUMENT_WRITE_DELETE:
      return cpt_lifecycle_delete (db, job->id, error);
    case CPT_DOCUMENT_WRITE_DUPLICATE:
      return cpt_documents_duplicate (db, job->id, error);
    case CPT_DOCUMENT_WRITE_ATTACH_DEPOSIT:
      return cpt_lifecycle_attach_deposit (db, job->id, job->other_id, error);
    case CPT_DOCUMENT_WRITE_DETACH_DEPOSIT:
      return cpt_lifecycle_detach_deposit (db, job->id, error);
    case CPT_DOCUMENT_WRITE_MARK_PAID:
      return cpt_payments_mark_paid (db, job->id, NULL, NULL, NULL, error);
    case CPT_DOCUMENT_WRITE_DELETE_PAYMENT:
      return cpt_payments_delete (db, job->id, error);
    case CPT_DOCUMENT_WRITE_NEW_INVOICE:
      made = cpt_documents_create_kind (db, CPT_DOCUMENT_KIND_INVOICE, job->id, NULL, NULL, NULL, error);
      return made != NULL ? cpt_document_get_id (made) : 0;
    case CPT_DOCUMENT_WRITE_BALANCE_INVOICE:
      return cpt_lifecycle_quote_invoice (db, job->id, CPT_QUOTE_INVOICE_BALANCE, 0, error);
    default:
      g_return_val_if_reached (0);
    }
}

static gpointer
write_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  return box_id (write_now (db, data, error));
}

void
cpt_document_write_async (CptWorker *worker, CptDocumentWrite what, gint64 id, gint64 other_id,
                          GCancellable *cancellable, GAsyncReadyCallback callback,
                          gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->what = what;
  job->id = id;
  job->other_id = other_id;
  cpt_worker_run_async (worker, write_in_thread, job, (GDestroyNotify) job_free, g_free,
                        cancellable, callback, user_data);
}

gint64
cpt_document_write_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return unbox_id (worker, result, error);
}

static gpointer
mark_unpaid_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  return cpt_payments_mark_unpaid (db, ((Job *) data)->id, error);
}

void
cpt_document_mark_unpaid_async (CptWorker *worker, gint64 id, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->id = id;
  cpt_worker_run_async (worker, mark_unpaid_in_thread, job, (GDestroyNotify) job_free,
                        (GDestroyNotify) g_array_unref, cancellable, callback, user_data);
}

GArray *
cpt_document_mark_unpaid_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}

static gpointer
restore_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  return cpt_payments_restore (db, ((Job *) data)->allocations, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
cpt_document_restore_allocations_async (CptWorker *worker, GArray *allocations,
                                        GCancellable *cancellable, GAsyncReadyCallback callback,
                                        gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->allocations = g_array_ref (allocations);
  cpt_worker_run_async (worker, restore_in_thread, job, (GDestroyNotify) job_free, NULL,
                        cancellable, callback, user_data);
}

gboolean
cpt_document_restore_allocations_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error) != NULL;
}

static gpointer
recreate_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;

  return box_id (cpt_documents_recreate (db, job->header, job->lines, error));
}

void
cpt_document_recreate_async (CptWorker *worker, CptDocument *header, GPtrArray *lines,
                             GCancellable *cancellable, GAsyncReadyCallback callback,
                             gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  /* Only read in the thread: the caller does not change them meanwhile. */
  job->header = g_object_ref (header);
  job->lines = g_ptr_array_ref (lines);
  cpt_worker_run_async (worker, recreate_in_thread, job, (GDestroyNotify) job_free, g_free,
                        cancellable, callback, user_data);
}

gint64
cpt_document_recreate_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return unbox_id (worker, result, error);
}
