/* cpt-quote-invoice-dialog.h: invoicing an accepted quote, as the Factomos "Devis accepté"
 * dialog asks it: a deposit (a percentage or an amount) or the whole; once deposits exist,
 * another deposit or the balance. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"
#include "cpt-document-snapshot.h"

G_BEGIN_DECLS

#define CPT_TYPE_QUOTE_INVOICE_DIALOG (cpt_quote_invoice_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CptQuoteInvoiceDialog, cpt_quote_invoice_dialog, CPT, QUOTE_INVOICE_DIALOG, AdwDialog)

/* How to invoice `quote` as read (its actions say what it allows), the draft made in the
 * context's worker; ::created (gint64 invoice_id) follows the making of the draft. */
CptQuoteInvoiceDialog *cpt_quote_invoice_dialog_new (CptContext          *context,
                                                     CptDocumentSnapshot *quote);

/* The tests: choose "deposit" (with a text such as "30 %" or "1 200 €"), "full" or "balance",
 * then create, as the Create button does: the draft is made in the worker, then ::created
 * tells its id (the dialog closes); a refusal shows in the dialog's banner. */
void   cpt_quote_invoice_dialog_create (CptQuoteInvoiceDialog *self,
                                        const char            *choice,
                                        const char            *deposit_text);

G_END_DECLS
