/* cpt-lifecycle.h: what happens to documents after their draft, by French rules:
 * validation and numbering, quotes and the invoices made from them (deposit, full,
 * balance), pro forma to final invoice, credit notes, deposits attached to and detached from
 * invoices, derived statuses and the actions allowed at any moment, with their reasons.
 * Every operation is one transaction and leaves an audit event. */
#pragma once

#include "cpt-database.h"
#include "cpt-document.h"

G_BEGIN_DECLS

typedef enum
{
  CPT_VALIDATE_DEFAULT          = 0,
  /* The person confirmed a date more than CPT_VALIDATE_OLD_DAYS days before today. */
  CPT_VALIDATE_CONFIRM_OLD_DATE = 1 << 0,
} CptValidateFlags;

/* How far back a document may be dated without a confirmation. */
#define CPT_VALIDATE_OLD_DAYS 30

/* Locks a draft invoice, deposit invoice, credit note or quote and gives it the next number
 * of its series. `date` (NULL: the document's date) becomes the document's date. Numbers
 * follow the order of dates, so a date after today (cpt_date_today) is refused, and a date
 * more than CPT_VALIDATE_OLD_DAYS before today fails with CPT_ERROR_CONFIRM unless `flags`
 * has CPT_VALIDATE_CONFIRM_OLD_DATE. cpt_lifecycle_validate() passes no flag. */
gboolean  cpt_lifecycle_validate     (CptDatabase *db, gint64 id, const char *date, GError **error);
gboolean  cpt_lifecycle_validate_full (CptDatabase *db, gint64 id, const char *date,
                                       CptValidateFlags flags, GError **error);
/* The date rules of validation alone, for a window to ask before it validates: FALSE with
 * CPT_ERROR_REFUSED (after today) or CPT_ERROR_CONFIRM (long past, not confirmed). */
gboolean  cpt_lifecycle_check_date   (CptDocument *document, const char *iso,
                                      CptValidateFlags flags, GError **error);
/* Deletes a draft (pro forma too) and records it in the audit trail. */
gboolean  cpt_lifecycle_delete       (CptDatabase *db, gint64 id, GError **error);

/* Quotes: sending validates a draft quote; accepting or refusing is recorded beside it. */
gboolean  cpt_lifecycle_quote_send   (CptDatabase *db, gint64 id, const char *date, GError **error);
/* Sending a draft quote validates it: the same date rules and flags as validation. */
gboolean  cpt_lifecycle_quote_send_full (CptDatabase *db, gint64 id, const char *date,
                                         CptValidateFlags flags, GError **error);
gboolean  cpt_lifecycle_quote_accept (CptDatabase *db, gint64 id, const char *date, GError **error);
gboolean  cpt_lifecycle_quote_refuse (CptDatabase *db, gint64 id, const char *date, GError **error);

typedef enum
{
  CPT_QUOTE_INVOICE_DEPOSIT_PERCENT,  /* value: hundredths of a percent of the quote */
  CPT_QUOTE_INVOICE_DEPOSIT_AMOUNT,   /* value: amount including VAT, minor units */
  CPT_QUOTE_INVOICE_FULL,             /* the whole quote, nothing invoiced before */
  CPT_QUOTE_INVOICE_BALANCE,          /* what is left, minus every deposit */
} CptQuoteInvoice;

/* Makes a draft invoice (or deposit invoice) from an accepted quote; returns its id, 0 on
 * error. */
gint64    cpt_lifecycle_quote_invoice (CptDatabase *db, gint64 quote_id, CptQuoteInvoice how,
                                       gint64 value, GError **error);

typedef struct
{
  gint64   line_id;
  char    *description;
  gint64   ordered;       /* thousandths */
  gint64   invoiced;      /* by invoices (drafts included), less what credit notes gave back */
  gint64   remaining;
  GArray  *invoice_ids;   /* gint64: the invoices this line already appears on */
} CptRemainingLine;

void       cpt_remaining_line_free     (CptRemainingLine *line);
/* The quote's item lines with what is left to invoice. */
GPtrArray *cpt_lifecycle_quote_remaining (CptDatabase *db, gint64 quote_id, GError **error);

/* Pro forma: a draft invoice with the same content, linked to it; returns its id. */
gint64    cpt_lifecycle_finalize     (CptDatabase *db, gint64 proforma_id, GError **error);
/* Records that a document was sent (quotes are validated by it; see quote_send). */
gboolean  cpt_lifecycle_mark_sent    (CptDatabase *db, gint64 id, const char *date, GError **error);

typedef struct
{
  gint64 line_id;   /* a line of the invoice */
  gint64 quantity;  /* thousandths, > 0 */
} CptCreditPart;

/* A draft credit note for a validated invoice or deposit invoice: the whole of what is left
 * to credit (n_parts 0; it then also gives the invoice's deposits back), or chosen lines and
 * quantities. Returns its id. */
gint64    cpt_lifecycle_credit       (CptDatabase *db, gint64 invoice_id, const CptCreditPart *parts,
                                      guint n_parts, GError **error);
/* What validated credit notes took off an invoice (gross, minor units). */
gboolean  cpt_lifecycle_credited_amount (CptDatabase *db, gint64 invoice_id, gint64 *amount,
                                         GError **error);

/* Deposits (eKo): a validated deposit invoice onto a draft invoice of the same client, and
 * back. */
gboolean  cpt_lifecycle_attach_deposit (CptDatabase *db, gint64 deposit_id, gint64 invoice_id,
                                        GError **error);
gboolean  cpt_lifecycle_detach_deposit (CptDatabase *db, gint64 deposit_id, GError **error);
/* The invoice a deposit is deducted on (not cancelled by a credit note), or 0. */
gboolean  cpt_lifecycle_deposit_invoice (CptDatabase *db, gint64 deposit_id, gint64 *invoice_id,
                                         GError **error);

/* The status shown to people, derived at `today` (ISO; NULL: today):
 * draft; invoices: validated, partly_credited, credited; quotes: sent, accepted,
 * accepted_deposit_invoiced, accepted_invoiced, refused, expired; pro forma: in_preparation,
 * sent, invoiced (produced as an invoice). (Payment statuses come with payments.) NULL with
 * `error` when the facts it rests on cannot be read. */
gboolean  cpt_lifecycle_get_status   (CptDatabase *db, CptDocument *document, const char *today,
                                      CptDocumentStatus *status, GError **error);
/* The same as its string (draft, accepted_invoiced...), for what crosses a border. */
char     *cpt_lifecycle_status       (CptDatabase *db, CptDocument *document, const char *today,
                                      GError **error);

typedef struct
{
  const char *name;      /* edit, delete, validate, credit, mark_paid, mark_unpaid, send, accept,
                          * refuse, invoice_deposit, invoice_full, invoice_balance, invoice (any
                          * of the three), finalize, attach_deposit, detach, attach */
  gboolean    allowed;
  char       *reason;    /* why not, in plain words (NULL when allowed) */
} CptAction;

void       cpt_action_free           (CptAction *action);
GPtrArray *cpt_lifecycle_actions     (CptDatabase *db, gint64 id, GError **error);

G_END_DECLS
