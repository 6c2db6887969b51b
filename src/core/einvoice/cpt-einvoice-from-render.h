/* cpt-einvoice-from-render.h: the EN 16931 model of a document we issue, with exactly the
 * values cpt-facturx.c writes into its CII, so that the rules judge what is sent. */
#pragma once

#include "cpt-einvoice.h"
#include "cpt-render-document.h"

G_BEGIN_DECLS

/* NULL when the document is not an e-invoice (quote, pro forma, draft). */
CptEinvoice *cpt_einvoice_from_render (const CptRenderDocument *document);

/* The rules `document` must keep, checked on `invoice` (its cpt_einvoice_from_render ()):
 * all of them when it goes on the French e-invoicing network; EN 16931 and Comptoir's own
 * for an invoice to a consumer, which is reported rather than e-invoiced: the BR-FR rules
 * are the network's (BT-49, the electronic address a consumer does not have). Its
 * Factur-X still passes the EN 16931 validators. */
GPtrArray   *cpt_einvoice_check_document (const CptRenderDocument *document,
                                          const CptEinvoice       *invoice);

G_END_DECLS
