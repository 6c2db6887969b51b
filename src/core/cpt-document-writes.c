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
  CptDocumentKind  kind;
  char            *date;
  char            *title;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->allocations, g_array_unref);
  g_clear_object (&job->header);
  g_clear_pointer (&job->lines, g_ptr_array_unref);
  g_free (job->date);
  g_free (job->title);
  g_free (job);
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
  return cpt_worker_box_id (write_now (db, data, error));
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
  return cpt_worker_run_finish_id (worker, result, error);
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

  return cpt_worker_box_id (cpt_documents_recreate (db, job->header, job->lines, error));
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
  return cpt_worker_run_finish_id (worker, result, error);
}

static gpointer
create_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;
  g_autoptr(CptDocument) made = cpt_documents_create_kind (db, job->kind, job->id, job->date, NULL,
                                                           job->title, error);

  return cpt_worker_box_id (made != NULL ? cpt_document_get_id (made) : 0);
}

void
cpt_document_create_async (CptWorker *worker, CptDocumentKind kind, gint64 client_id,
                           const char *date, const char *title, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->kind = kind;
  job->id = client_id;
  job->date = g_strdup (date);
  job->title = g_strdup (title);
  cpt_worker_run_async (worker, create_in_thread, job, (GDestroyNotify) job_free, g_free,
                        cancellable, callback, user_data);
}

gint64
cpt_document_create_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish_id (worker, result, error);
}

/* ------------------------------------------------------------------ the lines and header */

void
cpt_lines_written_free (CptLinesWritten *written)
{
  if (written == NULL)
    return;
  g_clear_object (&written->document);
  g_clear_pointer (&written->lines, g_ptr_array_unref);
  g_clear_pointer (&written->ids, g_array_unref);
  g_clear_pointer (&written->errors, g_ptr_array_unref);
  g_free (written);
}

/* A copy of a line with its id and position, for the worker's thread to write. */
static CptDocumentLine *
copy_line (CptDocumentLine *line)
{
  CptDocumentLine *copy = cpt_document_line_duplicate (line);

  g_object_set (copy, "id", cpt_document_line_get_id (line),
                "position", cpt_document_line_get_position (line), NULL);
  return copy;
}

typedef struct
{
  CptLineWrite  what;
  gint64        document_id;
  gint64        line_id;
  gint64        position;
  GPtrArray    *lines;      /* copies */
  CptDocument  *header;     /* a copy */
  gint64        client_id;
} LinesJob;

static void
lines_job_free (LinesJob *job)
{
  g_clear_pointer (&job->lines, g_ptr_array_unref);
  g_clear_object (&job->header);
  g_free (job);
}

static gpointer
save_lines_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  LinesJob *job = data;
  CptLinesWritten *written = g_new0 (CptLinesWritten, 1);

  written->ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  written->errors = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < job->lines->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (job->lines, i);
      g_autoptr(GError) line_error = NULL;
      gboolean ok = cpt_document_line_get_id (line) == 0
                      ? cpt_documents_add_line (db, job->document_id, line, &line_error)
                      : cpt_documents_update_line (db, line, &line_error);
      gint64 id = ok ? cpt_document_line_get_id (line) : 0;

      g_array_append_val (written->ids, id);
      g_ptr_array_add (written->errors, ok ? NULL : g_strdup (line_error->message));
    }
  written->document = cpt_documents_load (db, job->document_id, NULL);
  return written;
}

void
cpt_document_save_lines_async (CptWorker *worker, gint64 document_id, GPtrArray *lines,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data)
{
  LinesJob *job = g_new0 (LinesJob, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));

  job->document_id = document_id;
  job->lines = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (job->lines, copy_line (g_ptr_array_index (lines, i)));
  cpt_worker_run_async (worker, save_lines_in_thread, job, (GDestroyNotify) lines_job_free,
                        (GDestroyNotify) cpt_lines_written_free, cancellable, callback, user_data);
}

CptLinesWritten *
cpt_document_save_lines_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}

static gpointer
line_write_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  LinesJob *job = data;
  g_autoptr(CptLinesWritten) written = g_new0 (CptLinesWritten, 1);
  gboolean ok = FALSE;

  switch (job->what)
    {
    case CPT_LINE_WRITE_MOVE:
      ok = cpt_documents_move_line (db, job->line_id, job->position, error);
      written->line_id = job->line_id;
      break;
    case CPT_LINE_WRITE_REMOVE:
      ok = cpt_documents_remove_line (db, job->line_id, error);
      break;
    case CPT_LINE_WRITE_ADD:
      ok = cpt_documents_add_line (db, job->document_id, job->lines->pdata[0], error);
      written->line_id = cpt_document_line_get_id (job->lines->pdata[0]);
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  if (!ok)
    return NULL;
  /* What the page shows next: read now, in the same job. */
  written->lines = cpt_documents_load_lines (db, job->document_id, error);
  written->document = written->lines != NULL ? cpt_documents_load (db, job->document_id, error) : NULL;
  return written->document != NULL ? g_steal_pointer (&written) : NULL;
}

void
cpt_document_line_write_async (CptWorker *worker, CptLineWrite what, gint64 document_id,
                               gint64 line_id, gint64 position, CptDocumentLine *line,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data)
{
  LinesJob *job = g_new0 (LinesJob, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));
  g_return_if_fail (what != CPT_LINE_WRITE_ADD || CPT_IS_DOCUMENT_LINE (line));

  job->what = what;
  job->document_id = document_id;
  job->line_id = line_id;
  job->position = position;
  job->lines = g_ptr_array_new_with_free_func (g_object_unref);
  if (line != NULL)
    g_ptr_array_add (job->lines, copy_line (line));
  cpt_worker_run_async (worker, line_write_in_thread, job, (GDestroyNotify) lines_job_free,
                        (GDestroyNotify) cpt_lines_written_free, cancellable, callback, user_data);
}

CptLinesWritten *
cpt_document_line_write_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}

static gpointer
save_header_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  LinesJob *job = data;
  g_autoptr(CptLinesWritten) written = g_new0 (CptLinesWritten, 1);
  gint64 id = cpt_document_get_id (job->header);

  if (!cpt_documents_update (db, job->header, error))
    return NULL;
  if (job->client_id != 0 && !cpt_documents_set_client (db, id, job->client_id, error))
    return NULL;
  written->document = cpt_documents_load (db, id, error);
  return written->document != NULL ? g_steal_pointer (&written) : NULL;
}

void
cpt_document_save_header_async (CptWorker *worker, CptDocument *document, gint64 client_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  LinesJob *job = g_new0 (LinesJob, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));
  g_return_if_fail (CPT_IS_DOCUMENT (document));

  job->header = cpt_document_dup (document);
  job->client_id = client_id;
  cpt_worker_run_async (worker, save_header_in_thread, job, (GDestroyNotify) lines_job_free,
                        (GDestroyNotify) cpt_lines_written_free, cancellable, callback, user_data);
}

CptLinesWritten *
cpt_document_save_header_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}
