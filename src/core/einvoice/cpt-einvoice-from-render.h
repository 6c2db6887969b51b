/* cpt-einvoice-from-render.h: the EN 16931 model of a document we issue, with exactly the
 * values cpt-facturx.c writes into its CII, so that the rules judge what is sent. */
#pragma once

#include "cpt-einvoice.h"
#include "cpt-render-document.h"

G_BEGIN_DECLS

/* NULL when the document is not an e-invoice (quote, pro forma, draft). */
CptEinvoice *cpt_einvoice_from_render (const CptRenderDocument *document);

G_END_DECLS
