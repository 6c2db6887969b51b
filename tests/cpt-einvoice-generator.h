/* cpt-einvoice-generator.h: seeded, reproducible e-invoices of every shape we issue (kinds,
 * rates, exemption categories, discounts, deposits and balances, credit notes, buyers in
 * France, the EU and elsewhere, long texts, many lines), built as the CptRenderDocument both
 * the Factur-X writer and the EN 16931 model are made from. A quarter carry one deliberate
 * fault, named by the rule it breaks. */
#pragma once

#include "cpt-render-document.h"

G_BEGIN_DECLS

/* `broken` gets the rule the document was made to break, or NULL. */
CptRenderDocument *cpt_einvoice_generate (GRand *rand, guint index, const char **broken);

G_END_DECLS
