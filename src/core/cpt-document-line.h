/* cpt-document-line.h: one line of a document: an item (with an amount), a text line (a
 * heading or comment), a subtotal, or a deposit deducted on a balance invoice. */
#pragma once

#include "cpt-record.h"

G_BEGIN_DECLS

#define CPT_TYPE_DOCUMENT_LINE (cpt_document_line_get_type ())
G_DECLARE_FINAL_TYPE (CptDocumentLine, cpt_document_line, CPT, DOCUMENT_LINE, GObject)

const CptRecordClass *cpt_document_line_record (void);

CptDocumentLine *cpt_document_line_new          (void);

gint64       cpt_document_line_get_id               (CptDocumentLine *self);
gint64       cpt_document_line_get_document_id      (CptDocumentLine *self);
gint64       cpt_document_line_get_position         (CptDocumentLine *self);
const char  *cpt_document_line_get_kind             (CptDocumentLine *self);
gint64       cpt_document_line_get_product_id       (CptDocumentLine *self);
const char  *cpt_document_line_get_description      (CptDocumentLine *self);
gint64       cpt_document_line_get_quantity         (CptDocumentLine *self);
const char  *cpt_document_line_get_unit             (CptDocumentLine *self);
gint64       cpt_document_line_get_unit_price       (CptDocumentLine *self);
gint64       cpt_document_line_get_discount_percent (CptDocumentLine *self);
gint64       cpt_document_line_get_vat_rate         (CptDocumentLine *self);
const char  *cpt_document_line_get_exemption_code   (CptDocumentLine *self);
const char  *cpt_document_line_get_account          (CptDocumentLine *self);
gint64       cpt_document_line_get_net              (CptDocumentLine *self);
gboolean     cpt_document_line_is_item              (CptDocumentLine *self);
/* Deposit lines (kind "deposit") deduct a deposit invoice at one VAT rate: net and VAT are
 * negative. */
gint64       cpt_document_line_get_vat_amount       (CptDocumentLine *self);
gint64       cpt_document_line_get_quote_line_id    (CptDocumentLine *self);
gint64       cpt_document_line_get_credited_line_id (CptDocumentLine *self);
gint64       cpt_document_line_get_deposit_id       (CptDocumentLine *self);

G_END_DECLS
