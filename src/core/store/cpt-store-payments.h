/* cpt-store-payments.h: the store's unit for payments and their allocations, and for the
 * figures read from the receivables (a document's balance, a client's balance and deposits,
 * the totals of a list of payments). The rules (what may be allocated, a refund's limit, the
 * state of a deposit) stay in cpt-payments.c. Every read reports its failure: a rule never
 * takes a failed query for "nothing there". */
#pragma once

#include "cpt-payments.h"

G_BEGIN_DECLS

/* A missing payment is CPT_ERROR_NOT_FOUND. */
CptPayment   *cpt_store_payments_load        (CptDatabase *db, gint64 id, GError **error);
/* Inserts a payment whose fields are checked; reference and note NULL or "" store nothing.
 * Returns its id, 0 on error. */
gint64        cpt_store_payments_insert      (CptDatabase *db, gint64 client_id, const char *date,
                                              gint64 amount, const char *mode,
                                              const char *reference, const char *note,
                                              GError **error);
/* *found = FALSE when there is no payment `id`. */
gboolean      cpt_store_payments_delete      (CptDatabase *db, gint64 id, gboolean *found,
                                              GError **error);
/* What of payment `id` is not allocated yet. */
gboolean      cpt_store_payments_left        (CptDatabase *db, gint64 id, gint64 *out,
                                              GError **error);

/* Allocates `amount` more of a payment to a document: an allocation already there is taken
 * out and made again with the sum (allocations are never updated in place), in *total. */
gboolean      cpt_store_payments_add_allocation     (CptDatabase *db, gint64 payment_id,
                                                     gint64 document_id, gint64 amount,
                                                     gint64 *total, GError **error);
/* *found = FALSE when the payment was not allocated to the document. */
gboolean      cpt_store_payments_remove_allocation  (CptDatabase *db, gint64 payment_id,
                                                     gint64 document_id, gboolean *found,
                                                     GError **error);
gboolean      cpt_store_payments_remove_allocations_of_document (CptDatabase *db,
                                                                 gint64 document_id,
                                                                 GError **error);
/* CptAllocation in a GArray, by payment then document. */
GArray       *cpt_store_payments_allocations_of_payment  (CptDatabase *db, gint64 payment_id,
                                                          GError **error);
GArray       *cpt_store_payments_allocations_of_document (CptDatabase *db, gint64 document_id,
                                                          GError **error);

/* The receivable of a validated invoice or deposit invoice; *found = FALSE for any other
 * document (a draft, a quote...) or none. */
/* CptPaymentReceived of each payment allocated to a document, oldest first, in one query. */
GPtrArray    *cpt_store_payments_of_document (CptDatabase *db, gint64 document_id,
                                              GError **error);
gboolean      cpt_store_payments_document_balance (CptDatabase *db, gint64 document_id,
                                                   CptDocumentBalance *out, gboolean *found,
                                                   GError **error);
/* `today` is an ISO date. */
gboolean      cpt_store_payments_client_balance   (CptDatabase *db, gint64 client_id,
                                                   const char *today, CptClientBalance *out,
                                                   GError **error);

/* A deposit invoice of a client as stored, for cpt_payments_client_deposits to judge. */
typedef struct
{
  gint64    id;
  char     *number;
  char     *title;
  char     *date;
  gboolean  draft;
  gint64    net;
  gint64    gross;
  gint64    paid;       /* from its receivable (0 for a draft) */
  gint64    credited;
  gint64    balance;
} CptStoreDeposit;

void          cpt_store_deposit_free              (CptStoreDeposit *deposit);
/* A client's deposit invoices, newest first (CptStoreDeposit). */
GPtrArray    *cpt_store_payments_client_deposits  (CptDatabase *db, gint64 client_id,
                                                   GError **error);

gboolean      cpt_store_payments_totals           (CptDatabase *db,
                                                   const CptPaymentFilter *filter,
                                                   CptPaymentTotals *out, GError **error);
/* The payments `filter` keeps, newest first (filter NULL: all of them). */
CptPagedList *cpt_store_payments_list             (CptDatabase *db,
                                                   const CptPaymentFilter *filter,
                                                   gboolean in_thread);

G_END_DECLS
