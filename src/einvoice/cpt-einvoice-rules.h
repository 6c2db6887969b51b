/* cpt-einvoice-rules.h: EN 16931 and French BR-FR 1.4 business rules over the semantic model
 * (cpt-einvoice.h), to refuse a document before it is numbered rather than have a platform
 * refuse it after. Which rules are here and which are left to the validators: see the table
 * at the top of cpt-einvoice-rules.c. */
#pragma once

#include "cpt-einvoice.h"

G_BEGIN_DECLS

typedef struct
{
  const char *rule;     /* "BR-CO-10", "BR-AE-02", "BR-FR-10" */
  const char *field;    /* the business term to fix: "BT-48", "BG-23" */
  char       *message;  /* translated, plain words */
} CptEinvoiceViolation;

/* The rules the model breaks, in rule order (CptEinvoiceViolation *); empty when none. */
GPtrArray *cpt_einvoice_check (const CptEinvoice *invoice);

G_END_DECLS
