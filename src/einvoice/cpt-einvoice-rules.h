/* cpt-einvoice-rules.h: EN 16931 and French BR-FR 1.4 business rules over the semantic model
 * (cpt-einvoice.h), to refuse a document before it is numbered rather than have a platform
 * refuse it after. Which rules are here and which are left to the validators: see the table
 * at the top of cpt-einvoice-rules.c. */
#pragma once

#include "cpt-einvoice.h"

G_BEGIN_DECLS

/* The rule sets this engine implements (shown by --version and the About dialog). When FNFE
 * publishes the next set, the differential test tells what changed. */
#define CPT_EINVOICE_RULE_SET "EN 16931 (CEN), BR-FR 1.4.0.01 (FNFE-MPE)"

typedef struct
{
  const char *rule;     /* "BR-CO-10", "BR-AE-02", "BR-FR-10" */
  const char *field;    /* the business term to fix: "BT-48", "BG-23" */
  char       *message;  /* translated, plain words */
} CptEinvoiceViolation;

/* The rules the model breaks, in rule order (CptEinvoiceViolation *); empty when none. */
GPtrArray *cpt_einvoice_check (const CptEinvoice *invoice);

G_END_DECLS
