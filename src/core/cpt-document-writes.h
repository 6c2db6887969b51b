/* cpt-document-writes.h: the quicker writes a document's page makes (marks, deleting a
 * draft, duplicating it, deposits, payments), run in the worker's thread on its connection
 * so that the main loop never waits for a transaction. Each does what the function named
 * beside it does; the commit is noticed by the context like any other writer's. */
#pragma once

#include "cpt-document.h"
#include "cpt-document-line.h"
#include "cpt-worker.h"

G_BEGIN_DECLS

typedef enum
{
  CPT_DOCUMENT_WRITE_MARK_SENT,       /* cpt_lifecycle_mark_sent (id) */
  CPT_DOCUMENT_WRITE_QUOTE_SEND,      /* cpt_lifecycle_quote_send (id) */
  CPT_DOCUMENT_WRITE_QUOTE_ACCEPT,    /* cpt_lifecycle_quote_accept (id) */
  CPT_DOCUMENT_WRITE_QUOTE_REFUSE,    /* cpt_lifecycle_quote_refuse (id) */
  CPT_DOCUMENT_WRITE_DELETE,          /* cpt_lifecycle_delete (id) */
  CPT_DOCUMENT_WRITE_DUPLICATE,       /* cpt_documents_duplicate (id): the copy's id */
  CPT_DOCUMENT_WRITE_ATTACH_DEPOSIT,  /* cpt_lifecycle_attach_deposit (id, other: the invoice) */
  CPT_DOCUMENT_WRITE_DETACH_DEPOSIT,  /* cpt_lifecycle_detach_deposit (id) */
  CPT_DOCUMENT_WRITE_MARK_PAID,       /* cpt_payments_mark_paid (id), today by transfer: the
                                       * payment's id */
  CPT_DOCUMENT_WRITE_DELETE_PAYMENT,  /* cpt_payments_delete (id: the payment) */
  CPT_DOCUMENT_WRITE_NEW_INVOICE,     /* cpt_documents_create_kind (an invoice for client `id`):
                                       * its id */
  CPT_DOCUMENT_WRITE_BALANCE_INVOICE, /* cpt_lifecycle_quote_invoice (quote `id`, balance): its id */
} CptDocumentWrite;

/* Runs `what` on document `id` (and `other_id` where it takes one). */
void       cpt_document_write_async   (CptWorker           *worker,
                                       CptDocumentWrite     what,
                                       gint64               id,
                                       gint64               other_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* The id the write made (a copy, a payment, an invoice), or 1 for the others; 0 with an
 * error. */
gint64     cpt_document_write_finish  (CptWorker           *worker,
                                       GAsyncResult        *result,
                                       GError             **error);

/* cpt_payments_mark_unpaid (): the allocations it removed (CptAllocation), for Undo. */
void       cpt_document_mark_unpaid_async  (CptWorker           *worker,
                                            gint64               id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GArray    *cpt_document_mark_unpaid_finish (CptWorker           *worker,
                                            GAsyncResult        *result,
                                            GError             **error);
/* cpt_payments_restore (): puts `allocations` back. */
void       cpt_document_restore_allocations_async  (CptWorker           *worker,
                                                    GArray              *allocations,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean   cpt_document_restore_allocations_finish (CptWorker           *worker,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* cpt_documents_recreate (): a draft made again from `header` and `lines` (Undo of a
 * deletion): its id. */
void       cpt_document_recreate_async  (CptWorker           *worker,
                                         CptDocument         *header,
                                         GPtrArray           *lines,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gint64     cpt_document_recreate_finish (CptWorker           *worker,
                                         GAsyncResult        *result,
                                         GError             **error);

/* cpt_documents_create_kind (): a new draft of `kind` for `client_id`, dated `date` (NULL:
 * today), titled `title` (may be NULL): its id, 0 with an error. */
void       cpt_document_create_async  (CptWorker           *worker,
                                       CptDocumentKind      kind,
                                       gint64               client_id,
                                       const char          *date,
                                       const char          *title,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gint64     cpt_document_create_finish (CptWorker           *worker,
                                       GAsyncResult        *result,
                                       GError             **error);

/* ------------------------------------------------------------------ the lines and header */

/* What a write of the lines or the header gives back, read after it in the same job. */
typedef struct
{
  CptDocument *document;  /* the document as stored after the write (its totals), or NULL
                           * when it could not be read */
  GPtrArray   *lines;     /* the lines as stored after a structural change (moved, removed,
                           * added), else NULL */
  GArray      *ids;       /* cpt_document_save_lines_async (): the id of each line given,
                           * 0 when it could not be saved */
  GPtrArray   *errors;    /* and why (char *, NULL when saved) */
  gint64       line_id;   /* the line added or moved */
} CptLinesWritten;

void       cpt_lines_written_free (CptLinesWritten *written);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptLinesWritten, cpt_lines_written_free)

/* Saves `lines` of draft `document_id`, in order, each on its own: a line with id 0 is added
 * at its position (cpt_documents_add_line ()), the others updated (cpt_documents_update_line
 * ()). The lines are copied: the caller may go on changing its own. One line refused does
 * not stop the others; the result says which. NULL with an error only when nothing could
 * be tried. */
void             cpt_document_save_lines_async  (CptWorker           *worker,
                                                 gint64               document_id,
                                                 GPtrArray           *lines,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
CptLinesWritten *cpt_document_save_lines_finish (CptWorker           *worker,
                                                 GAsyncResult        *result,
                                                 GError             **error);

typedef enum
{
  CPT_LINE_WRITE_MOVE,    /* cpt_documents_move_line (line_id, position) */
  CPT_LINE_WRITE_REMOVE,  /* cpt_documents_remove_line (line_id) */
  CPT_LINE_WRITE_ADD,     /* cpt_documents_add_line (a copy of `line`) */
} CptLineWrite;

/* Changes the lines of draft `document_id`; the result holds them all as stored after. */
void             cpt_document_line_write_async  (CptWorker           *worker,
                                                 CptLineWrite         what,
                                                 gint64               document_id,
                                                 gint64               line_id,
                                                 gint64               position,
                                                 CptDocumentLine     *line,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
CptLinesWritten *cpt_document_line_write_finish (CptWorker           *worker,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* cpt_documents_update () with the editable header of `document` (copied), then
 * cpt_documents_set_client () when `client_id` is not 0; the result holds the document. */
void             cpt_document_save_header_async  (CptWorker           *worker,
                                                  CptDocument         *document,
                                                  gint64               client_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CptLinesWritten *cpt_document_save_header_finish (CptWorker           *worker,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
