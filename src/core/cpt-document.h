/* cpt-document.h: a document's header: quote, pro forma, invoice, deposit invoice or credit
 * note. Its lines are CptDocumentLine; the store functions are in cpt-documents.h. */
#pragma once

#include "cpt-kinds.h"
#include "cpt-record.h"

G_BEGIN_DECLS

#define CPT_TYPE_DOCUMENT (cpt_document_get_type ())
G_DECLARE_FINAL_TYPE (CptDocument, cpt_document, CPT, DOCUMENT, GObject)

const CptRecordClass *cpt_document_record (void);
/* A new CptDocument with the same values (a copy to hand to another thread). */
CptDocument *cpt_document_dup (CptDocument *self);

CptDocument *cpt_document_new          (void);
/* Reads a row in cpt_record_columns(TRUE) order. */

gint64       cpt_document_get_id          (CptDocument *self);
CptDocumentKind  cpt_document_get_document_kind (CptDocument *self);
CptDocumentState cpt_document_get_state         (CptDocument *self);
/* The same as the database's strings (cpt-kinds.h), for what crosses a border. */
const char  *cpt_document_get_kind        (CptDocument *self);
const char  *cpt_document_get_status      (CptDocument *self);
const char  *cpt_document_get_number      (CptDocument *self);
gint64       cpt_document_get_client_id   (CptDocument *self);
const char  *cpt_document_get_client_name (CptDocument *self);
const char  *cpt_document_get_date        (CptDocument *self);
const char  *cpt_document_get_due_date    (CptDocument *self);
const char  *cpt_document_get_title       (CptDocument *self);
const char  *cpt_document_get_currency    (CptDocument *self);
const char  *cpt_document_get_language    (CptDocument *self);
gint64       cpt_document_get_total_net   (CptDocument *self);
gint64       cpt_document_get_total_vat   (CptDocument *self);
gint64       cpt_document_get_total_gross (CptDocument *self);
gint64       cpt_document_get_amount_due  (CptDocument *self);
gboolean     cpt_document_is_draft        (CptDocument *self);
gint64       cpt_document_get_quote_id    (CptDocument *self);
gint64       cpt_document_get_proforma_id (CptDocument *self);
gint64       cpt_document_get_credited_id (CptDocument *self);
/* Deposits deducted (balance invoices) or given back (their credit notes), gross. */
gint64       cpt_document_get_deposits_gross (CptDocument *self);
const char  *cpt_document_get_series      (CptDocument *self);

/* Kinds are stored as quote, proforma, invoice, deposit, credit_note; people and the CLI
 * may write "credit-note", "avoir", "devis", "pro-forma", "acompte", "facture". */
gboolean     cpt_document_kind_parse      (const char *text, CptDocumentKind *kind,
                                           GError **error);
/* "Invoice", "Credit note", ... (English; the GUI translates) */
const char  *cpt_document_kind_label      (CptDocumentKind kind);
/* The CLI and JSON spelling: credit-note for credit_note. */
const char  *cpt_document_kind_to_cli     (CptDocumentKind kind);

G_END_DECLS
