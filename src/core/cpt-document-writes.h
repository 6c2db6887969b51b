/* cpt-document-writes.h: the quicker writes a document's page makes (marks, deleting a
 * draft, duplicating it, deposits, payments), run in the worker's thread on its connection
 * so that the main loop never waits for a transaction. Each does what the function named
 * beside it does; the commit is noticed by the context like any other writer's. */
#pragma once

#include "cpt-document.h"
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

G_END_DECLS
