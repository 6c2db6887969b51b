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

/* Where a user fixes a broken rule: the company (Preferences), the client's record, the
 * document itself, its lines; NONE when Comptoir wrote the term itself (a fault to report). */
typedef enum
{
  CPT_EINVOICE_FIX_NONE,
  CPT_EINVOICE_FIX_COMPANY,
  CPT_EINVOICE_FIX_CLIENT,
  CPT_EINVOICE_FIX_DOCUMENT,
  CPT_EINVOICE_FIX_LINES,
} CptEinvoiceFix;

typedef struct
{
  const char     *rule;     /* "BR-CO-10", "BR-AE-02", "BR-FR-10" */
  const char     *field;    /* the business term to fix: "BT-48", "BG-23" */
  char           *message;  /* translated, plain words: what is wrong */
  CptEinvoiceFix  fix;      /* where it is put right */
  const char     *remedy;   /* translated: what to change, and where */
} CptEinvoiceViolation;

/* The name of a CptEinvoiceFix at the CLI and JSON boundary: "company", "client",
 * "document", "lines" or "none". */
const char *cpt_einvoice_fix_to_string (CptEinvoiceFix fix);

/* The rules the model breaks, in rule order (CptEinvoiceViolation *); empty when none. */
GPtrArray *cpt_einvoice_check (const CptEinvoice *invoice);

/* "Not validated: the platforms would refuse NAME" … with every violation, its remedy and its rule, one per line,
 * in an error a front end shows as it is; TRUE (no error) when the list is empty. */
gboolean   cpt_einvoice_refuse (GPtrArray *violations, const char *name, GError **error);

G_END_DECLS
