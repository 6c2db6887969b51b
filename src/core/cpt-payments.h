/* cpt-payments.h: payments, their allocation to invoices, derived payment statuses, client
 * balances, deposits of a client and reminder figures (issue: payments and dashboard).
 *
 * A payment belongs to a client; it is allocated to validated invoices and deposit invoices
 * of that client, partly or wholly, never beyond what is left to pay on each; the rest is
 * the client's unallocated credit. A refund is a negative payment. Credit notes count as
 * settling the invoice they credit. */
#pragma once

#include "cpt-database.h"
#include "cpt-document.h"
#include "cpt-paged-list.h"
#include "cpt-record.h"

G_BEGIN_DECLS

#define CPT_TYPE_PAYMENT (cpt_payment_get_type ())
G_DECLARE_FINAL_TYPE (CptPayment, cpt_payment, CPT, PAYMENT, GObject)

const CptRecordClass *cpt_payment_record (void);
gint64       cpt_payment_get_id          (CptPayment *self);
gint64       cpt_payment_get_client_id   (CptPayment *self);
const char  *cpt_payment_get_client_name (CptPayment *self);
const char  *cpt_payment_get_date        (CptPayment *self);
gint64       cpt_payment_get_amount      (CptPayment *self);
const char  *cpt_payment_get_mode        (CptPayment *self);   /* transfer, card, cheque, cash, direct_debit, other */
const char  *cpt_payment_get_reference   (CptPayment *self);
gint64       cpt_payment_get_allocated   (CptPayment *self);   /* sum of its allocations */

/* "transfer", "virement", "card", "carte", "cheque", "chèque", "cash", "espèces",
 * "direct-debit", "prélèvement", "other" -> the stored mode; NULL with an error otherwise. */
const char  *cpt_payment_mode_parse      (const char *text, GError **error);
const char  *cpt_payment_mode_label      (const char *mode);   /* English; translate with _() */

typedef struct
{
  gint64 payment_id;
  gint64 document_id;
  gint64 amount;        /* minor units; 0 in a request means "as much as possible" */
} CptAllocation;

/* Records a payment (date NULL: today) and allocates it as asked, all or nothing.
 * Returns the payment id, 0 on error. */
gint64     cpt_payments_add        (CptDatabase *db, gint64 client_id, const char *date,
                                    gint64 amount, const char *mode, const char *reference,
                                    const char *note, const CptAllocation *allocations,
                                    guint n_allocations, GError **error);
CptPayment *cpt_payments_load      (CptDatabase *db, gint64 payment_id, GError **error);
gboolean   cpt_payments_delete     (CptDatabase *db, gint64 payment_id, GError **error);
gboolean   cpt_payments_allocate   (CptDatabase *db, gint64 payment_id, gint64 document_id,
                                    gint64 amount, GError **error);
gboolean   cpt_payments_unallocate (CptDatabase *db, gint64 payment_id, gint64 document_id,
                                    GError **error);
/* The allocations of a payment or of a document (CptAllocation in a GArray). */
GArray    *cpt_payments_allocations_of_payment  (CptDatabase *db, gint64 payment_id, GError **error);
GArray    *cpt_payments_allocations_of_document (CptDatabase *db, gint64 document_id, GError **error);

/* A payment as a document received it: the payment and what of it went to the document. */
typedef struct
{
  CptPayment *payment;
  gint64      amount;
} CptPaymentReceived;

void       cpt_payment_received_free (CptPaymentReceived *received);
/* The payments allocated to a document (CptPaymentReceived), oldest first. */
GPtrArray *cpt_payments_of_document  (CptDatabase *db, gint64 document_id, GError **error);

/* Mark as paid: one payment of what is left (date NULL: today; mode NULL: transfer).
 * Returns the payment id. Mark as unpaid: removes the document's allocations and returns
 * them, so that Undo can put them back with cpt_payments_restore. */
gint64     cpt_payments_mark_paid   (CptDatabase *db, gint64 document_id, const char *date,
                                     const char *mode, const char *reference, GError **error);
GArray    *cpt_payments_mark_unpaid (CptDatabase *db, gint64 document_id, GError **error);
gboolean   cpt_payments_restore     (CptDatabase *db, GArray *allocations, GError **error);

/* Amounts of a validated invoice or deposit invoice (minor units). */
typedef struct
{
  gint64 amount_due;   /* the document's amount due */
  gint64 credited;     /* by validated credit notes */
  gint64 paid;         /* allocated payments */
  gint64 balance;      /* amount_due - credited - paid */
} CptDocumentBalance;

gboolean   cpt_payments_document_balance (CptDatabase *db, gint64 document_id,
                                          CptDocumentBalance *out, GError **error);
/* The status shown to people at `today` (NULL: today): for invoices and deposit invoices
 * awaiting_payment, overdue, partially_paid, paid, credited, partly_credited; otherwise what
 * cpt_lifecycle_status says (draft, quotes' and pro forma's states). NULL with `error` when its
 * facts cannot be read. */
gboolean   cpt_payments_get_status  (CptDatabase *db, CptDocument *document, const char *today,
                                     CptDocumentStatus *status, GError **error);
/* The same as its string (overdue, partially_paid...), for what crosses a border. */
char      *cpt_payments_status      (CptDatabase *db, CptDocument *document, const char *today,
                                     GError **error);

typedef struct
{
  gint64 invoiced;      /* validated invoices and deposit invoices, amount due */
  gint64 credited;
  gint64 paid;          /* allocated */
  gint64 receivable;    /* invoiced - credited - paid, on the invoices not settled */
  gint64 overdue;       /* receivable whose due date has passed */
  gint64 unallocated;   /* the client's credit: payments not allocated, and what was paid on
                         * invoices credited since */
} CptClientBalance;

gboolean   cpt_payments_client_balance (CptDatabase *db, gint64 client_id, const char *today,
                                        CptClientBalance *out, GError **error);

/* The deposit invoices of a client, as in the eKo "Acompte" tab. */
typedef struct
{
  gint64  id;
  char   *number;
  char   *title;
  gint64  invoice_id;       /* where it is deducted, or 0 */
  char   *invoice_number;
  char   *date;
  char   *state;            /* draft, unpaid, partially_paid, paid, credited */
  gint64  net;
  gint64  gross;
  gint64  balance;          /* left to pay */
} CptClientDeposit;

void       cpt_client_deposit_free   (CptClientDeposit *deposit);
GPtrArray *cpt_payments_client_deposits (CptDatabase *db, gint64 client_id, GError **error);

/* Payments, newest first; client_id 0: every client. Items are CptPayment. */
/* Newest first; all of them when `client_id` is 0. `in_thread`: see CptPagedQuery
 * count_in_thread (for windows). */
CptPagedList *cpt_lists_payments     (CptDatabase *db, gint64 client_id, gboolean in_thread);

/* Which payments a list shows. */
typedef struct
{
  gint64      client_id;  /* 0: every client */
  const char *date_from;  /* ISO, inclusive; NULL: open */
  const char *date_to;    /* ISO, inclusive; NULL: open */
  const char *search;     /* words typed by someone: the start of a word of the client's
                           * name, or a piece of the reference; NULL: none */
} CptPaymentFilter;

/* The payments `filter` keeps, newest first (filter NULL: all of them). */
CptPagedList *cpt_lists_payments_filtered (CptDatabase *db, const CptPaymentFilter *filter,
                                           gboolean in_thread);

typedef struct
{
  gint64 count;
  gint64 received;      /* the payments in, refunds left out */
  gint64 refunded;      /* what refunds gave back, as a positive amount */
  gint64 unallocated;   /* what the payments in have not paid yet */
} CptPaymentTotals;

/* The totals of the payments `filter` keeps: one aggregate query over the same rows as
 * cpt_lists_payments_filtered (); for a window, run it in a worker thread. */
gboolean      cpt_payments_totals         (CptDatabase *db, const CptPaymentFilter *filter,
                                           CptPaymentTotals *out, GError **error);

G_END_DECLS
