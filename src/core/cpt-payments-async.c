/* cpt-payments-async.c: see cpt-payments-async.h. */
#define G_LOG_DOMAIN "cpt-payments-async"

#include "cpt-document-query.h"
#include "cpt-documents.h"
#include "cpt-lists.h"
#include "cpt-payments-async.h"

void
cpt_payment_facts_free (CptPaymentFacts *facts)
{
  if (facts == NULL)
    return;
  g_clear_object (&facts->payment);
  g_clear_pointer (&facts->allocations, g_array_unref);
  g_clear_pointer (&facts->numbers, g_ptr_array_unref);
  g_clear_pointer (&facts->open, g_ptr_array_unref);
  g_free (facts);
}

typedef struct
{
  gint64  payment_id;
  gint64  client_id;
  char   *date;
  gint64  amount;
  char   *mode;
  char   *reference;
  GArray *allocations;
} Job;

static void
job_free (Job *job)
{
  g_free (job->date);
  g_free (job->mode);
  g_free (job->reference);
  g_clear_pointer (&job->allocations, g_array_unref);
  g_free (job);
}

static GArray *
copy_allocations (GArray *allocations)
{
  GArray *copy = g_array_new (FALSE, FALSE, sizeof (CptAllocation));

  if (allocations != NULL)
    g_array_append_vals (copy, allocations->data, allocations->len);
  return copy;
}

/* The client's invoices left to pay, those due first first (the order a payment pays them). */
static GPtrArray *
read_open (CptDatabase *db, gint64 client_id)
{
  static const char *const kinds[] = { "invoice", "deposit", NULL };
  static const char *const open[] = { "awaiting_payment", "overdue", "partially_paid", "partly_credited", NULL };
  CptDocumentQuery query = { 0 };
  g_autoptr(CptPagedList) list = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  query.kinds = kinds;
  query.states = open;
  query.client_id = client_id;
  query.sort = CPT_DOCUMENT_SORT_DUE_DATE;
  query.ascending = TRUE;
  list = cpt_document_query_list (db, &query);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < MIN (n, CPT_PAYMENT_FACTS_MAX_OPEN); i++)
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (list), i));
  return rows;
}

static gpointer
load_facts_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;
  g_autoptr(CptPaymentFacts) facts = g_new0 (CptPaymentFacts, 1);
  gint64 client_id = job->client_id;

  facts->numbers = g_ptr_array_new_with_free_func (g_free);
  if (job->payment_id != 0)
    {
      facts->payment = cpt_payments_load (db, job->payment_id, error);
      if (facts->payment == NULL)
        return NULL;
      facts->allocations = cpt_payments_allocations_of_payment (db, job->payment_id, error);
      if (facts->allocations == NULL)
        return NULL;
      for (guint i = 0; i < facts->allocations->len; i++)
        {
          CptAllocation *allocation = &g_array_index (facts->allocations, CptAllocation, i);
          g_autoptr(CptDocument) document = cpt_documents_load (db, allocation->document_id, NULL);

          g_ptr_array_add (facts->numbers, g_strdup (document != NULL ? cpt_document_get_number (document) : "?"));
        }
      client_id = cpt_payment_get_client_id (facts->payment);
      /* Only what is left of a payment can pay other invoices. */
      if (cpt_payment_get_amount (facts->payment) - cpt_payment_get_allocated (facts->payment) <= 0)
        client_id = 0;
    }
  else if (client_id != 0 &&
           !cpt_payments_client_balance (db, client_id, NULL, &facts->balance, error))
    return NULL;
  facts->open = client_id != 0 ? read_open (db, client_id)
                               : g_ptr_array_new_with_free_func (g_object_unref);
  return g_steal_pointer (&facts);
}

void
cpt_payment_facts_load_async (CptWorker *worker, gint64 payment_id, gint64 client_id,
                              GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->payment_id = payment_id;
  job->client_id = client_id;
  cpt_worker_run_async (worker, load_facts_in_thread, job, (GDestroyNotify) job_free,
                        (GDestroyNotify) cpt_payment_facts_free, cancellable, callback, user_data);
}

CptPaymentFacts *
cpt_payment_facts_load_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}

static gpointer
add_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;

  return cpt_worker_box_id (cpt_payments_add (db, job->client_id, job->date, job->amount, job->mode,
                                              job->reference, NULL,
                                              (const CptAllocation *) job->allocations->data,
                                              job->allocations->len, error));
}

void
cpt_payments_add_async (CptWorker *worker, gint64 client_id, const char *date, gint64 amount,
                        const char *mode, const char *reference, GArray *allocations,
                        GCancellable *cancellable, GAsyncReadyCallback callback,
                        gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->client_id = client_id;
  job->date = g_strdup (date);
  job->amount = amount;
  job->mode = g_strdup (mode);
  job->reference = g_strdup (reference);
  job->allocations = copy_allocations (allocations);
  cpt_worker_run_async (worker, add_in_thread, job, (GDestroyNotify) job_free, g_free,
                        cancellable, callback, user_data);
}

gint64
cpt_payments_add_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish_id (worker, result, error);
}

static gpointer
allocate_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;

  if (!cpt_database_begin (db, error))
    return NULL;
  for (guint i = 0; i < job->allocations->len; i++)
    {
      CptAllocation *allocation = &g_array_index (job->allocations, CptAllocation, i);

      if (!cpt_payments_allocate (db, job->payment_id, allocation->document_id, allocation->amount, error))
        {
          cpt_database_rollback (db);
          return NULL;
        }
    }
  return cpt_database_commit (db, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

void
cpt_payments_allocate_all_async (CptWorker *worker, gint64 payment_id, GArray *allocations,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->payment_id = payment_id;
  job->allocations = copy_allocations (allocations);
  cpt_worker_run_async (worker, allocate_in_thread, job, (GDestroyNotify) job_free, NULL,
                        cancellable, callback, user_data);
}

gboolean
cpt_payments_allocate_all_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error) != NULL;
}

static gpointer
delete_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;
  g_autoptr(CptPaymentFacts) facts = g_new0 (CptPaymentFacts, 1);

  /* Undo makes the payment again with its allocations: without them, do not delete it. */
  facts->payment = cpt_payments_load (db, job->payment_id, error);
  if (facts->payment == NULL)
    return NULL;
  facts->allocations = cpt_payments_allocations_of_payment (db, job->payment_id, error);
  if (facts->allocations == NULL || !cpt_payments_delete (db, job->payment_id, error))
    return NULL;
  return g_steal_pointer (&facts);
}

void
cpt_payments_delete_async (CptWorker *worker, gint64 payment_id, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->payment_id = payment_id;
  cpt_worker_run_async (worker, delete_in_thread, job, (GDestroyNotify) job_free,
                        (GDestroyNotify) cpt_payment_facts_free, cancellable, callback, user_data);
}

CptPaymentFacts *
cpt_payments_delete_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}
