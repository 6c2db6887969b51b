/* cpt-payments-async.h: what the payment dialog reads and writes, run in the worker's thread
 * on its connection so that the main loop never waits for SQLite (DESIGN.md: no store call
 * on the main loop). Each pair does what the cpt-payments.h functions named beside it do;
 * the commit is noticed by the context like any other writer's. */
#pragma once

#include "cpt-payments.h"
#include "cpt-worker.h"

G_BEGIN_DECLS

/* What a payment's dialog shows, read in one job. */
typedef struct
{
  CptPayment       *payment;      /* the payment looked at (cpt_payments_load ()), or NULL */
  GArray           *allocations;  /* its allocations (CptAllocation), or NULL */
  GPtrArray        *numbers;      /* the number of each allocation's document (char *) */
  GPtrArray        *open;         /* the client's open invoices and deposit invoices
                                   * (CptDocumentRow), oldest due first, at most
                                   * CPT_PAYMENT_FACTS_MAX_OPEN; empty when none is needed */
  CptClientBalance  balance;      /* the client's (cpt_payments_client_balance ()) */
} CptPaymentFacts;

#define CPT_PAYMENT_FACTS_MAX_OPEN 100

void cpt_payment_facts_free (CptPaymentFacts *facts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptPaymentFacts, cpt_payment_facts_free)

/* Payment `payment_id` with its allocations and, when some of it is left, its client's open
 * invoices; or, for `payment_id` 0, client `client_id`'s open invoices and balance. */
void             cpt_payment_facts_load_async  (CptWorker           *worker,
                                                gint64               payment_id,
                                                gint64               client_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CptPaymentFacts *cpt_payment_facts_load_finish (CptWorker           *worker,
                                                GAsyncResult        *result,
                                                GError             **error);

/* cpt_payments_add (): the payment's id, 0 with an error. `allocations` (CptAllocation, may
 * be NULL) are copied. */
void       cpt_payments_add_async          (CptWorker           *worker,
                                            gint64               client_id,
                                            const char          *date,
                                            gint64               amount,
                                            const char          *mode,
                                            const char          *reference,
                                            GArray              *allocations,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gint64     cpt_payments_add_finish         (CptWorker           *worker,
                                            GAsyncResult        *result,
                                            GError             **error);

/* cpt_payments_allocate () of each of `allocations` (copied) in one transaction: all of
 * them, or none. */
void       cpt_payments_allocate_all_async  (CptWorker           *worker,
                                             gint64               payment_id,
                                             GArray              *allocations,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean   cpt_payments_allocate_all_finish (CptWorker           *worker,
                                             GAsyncResult        *result,
                                             GError             **error);

/* cpt_payments_delete (), once the payment and its allocations are read (the result: what
 * Undo records again; nothing is deleted when they cannot be read). */
void             cpt_payments_delete_async  (CptWorker           *worker,
                                             gint64               payment_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
CptPaymentFacts *cpt_payments_delete_finish (CptWorker           *worker,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
