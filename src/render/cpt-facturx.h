/* cpt-facturx.h: the Factur-X (EN 16931 profile) CII XML of an invoice, deposit invoice or
 * credit note, built with libxml2. It carries the same figures as the printed document:
 * the lines (deposits deducted on a balance invoice are negative lines at their VAT rate),
 * the VAT breakdown net of deposits, the totals, payments received as the prepaid amount.
 * The rules it meets are those of ../shared/validation/facturx/check-facturx: the Factur-X
 * XSD and schematron, the CEN EN 16931 schematron and the French BR-FR rules. */
#pragma once

#include "cpt-render-document.h"

G_BEGIN_DECLS

#define CPT_FACTURX_FILE_NAME "factur-x.xml"
#define CPT_FACTURX_CONFORMANCE "EN 16931"

/* The XML, UTF-8; NULL with an error when the document is not an e-invoice. */
GBytes *cpt_facturx_build     (const CptRenderDocument *document, GError **error);

G_END_DECLS
