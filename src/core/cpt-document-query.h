/* cpt-document-query.h: the document lists of the window and of comptoir-cli. A list may
 * hold several kinds (invoices and pro forma), be filtered by the statuses people
 * see (derived as cpt_payments_status () derives them: overdue, paid, accepted...), and
 * every row carries its status and what is left to pay. The totals of a whole list are
 * computed by one aggregate query (run it in a thread on a large database). */
#pragma once

#include "cpt-database.h"
#include "cpt-document.h"
#include "cpt-lists.h"
#include "cpt-paged-list.h"

G_BEGIN_DECLS

#define CPT_TYPE_DOCUMENT_ROW (cpt_document_row_get_type ())
G_DECLARE_FINAL_TYPE (CptDocumentRow, cpt_document_row, CPT, DOCUMENT_ROW, GObject)

CptDocument *cpt_document_row_get_document    (CptDocumentRow *self);
/* As cpt_payments_get_status () at the list's today. */
CptDocumentStatus cpt_document_row_get_status (CptDocumentRow *self);
/* The same as its string (draft, awaiting_payment, overdue, ...), as the "state" property. */
const char  *cpt_document_row_get_state       (CptDocumentRow *self);
/* What is left to pay on an invoice or deposit invoice (validated: allocations and credit
 * notes deducted; draft: its amount due); 0 for other kinds, see has_balance. */
gint64       cpt_document_row_get_balance     (CptDocumentRow *self);
gboolean     cpt_document_row_get_has_balance (CptDocumentRow *self);
/* The last payment reminder sent (or waiting in the outbox) for it: 1 to 3, 0 for none. */
guint        cpt_document_row_get_reminder_level (CptDocumentRow *self);

typedef struct
{
  const char *const *kinds;      /* NULL or empty: every kind; else kinds as stored */
  const char *const *states;     /* NULL or empty: any; else states as in cpt_payments_status */
  const char        *status;     /* NULL: any; "draft" or "validated", the stored status */
  gint64             client_id;  /* 0: every client */
  const char        *date_from;  /* ISO, inclusive; NULL: open */
  const char        *date_to;    /* ISO, inclusive; NULL: open */
  const char        *search;     /* words typed by someone (prefix match); NULL: none */
  CptDocumentSort    sort;
  gboolean           ascending;  /* FALSE: newest (largest) first */
  const char        *today;      /* for overdue and expired; NULL: today */
  gboolean           count_in_thread; /* see CptPagedQuery: for windows */
} CptDocumentQuery;

/* Items are CptDocumentRow. With count_in_thread, a row handed out as a placeholder
 * becomes the row read for its position when its page arrives (it notifies "document"),
 * instead of the page being announced by items-changed: bind a placeholder's cells again on
 * that notification. */
CptPagedList *cpt_document_query_list (CptDatabase *db, const CptDocumentQuery *query);
/* Has a list made by cpt_document_query_list () list `query` instead, with the same
 * count_in_thread (a window's list whose filter, search or order changed): the rows shown
 * keep their items, filled with the new rows when they are read, so that a view keeps its
 * widgets. A selection made by position should be let go of when the count is back. */
void          cpt_document_query_relist (CptPagedList *list, const CptDocumentQuery *query);

/* What a list adds up. Nothing counts twice and credit notes reduce the totals: net and
 * gross take a credit note off, leave out a pro forma once it was made into an invoice, and
 * leave out quotes unless the list holds only quotes (what was quoted is not billed);
 * balance is what is owed, the balances above zero of validated invoices and deposit
 * invoices (not drafts). */
typedef struct
{
  gint64 count;
  gint64 net;       /* sum of total_net - deposits_net (a balance invoice without its deposits) */
  gint64 gross;     /* sum of amount_due */
  gint64 balance;   /* to collect */
} CptDocumentSums;

/* Adds one row as the totals of a whole list count it (for the totals of a selection). */
void          cpt_document_sums_add_row (CptDocumentSums *sums, CptDocumentRow *row);

/* Totals of every document the query matches. Stops with G_IO_ERROR_CANCELLED when
 * `cancellable` is cancelled (checked by SQLite's progress handler). */
gboolean      cpt_document_query_sums (CptDatabase        *db,
                                       const CptDocumentQuery *query,
                                       CptDocumentSums    *out,
                                       GCancellable       *cancellable,
                                       GError            **error);

/* Every state a row can have, in the order filters show them. */
const char *const *cpt_document_states (void);
/* "Overdue", "Accepted, not invoiced"... (English; the GUI translates with _()). */
const char  *cpt_document_status_label (CptDocumentStatus status);
/* The same for a status's string (a filter's); the string itself when it is none. */
const char  *cpt_document_state_label (const char *state);

G_END_DECLS
