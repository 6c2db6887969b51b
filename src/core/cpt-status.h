/* cpt-status.h: the status shown to people, derived from a document's facts by one table of
 * rules. The C derivation (cpt_status_derive) and the SQL the lists use (written by the store
 * from the same table, cpt-store-status.h) read the table; nothing else decides a status. */
#pragma once

#include <glib.h>

#include "cpt-kinds.h"

G_BEGIN_DECLS

/* What a status is derived from, loaded in one store call (cpt_store_status_facts). */
typedef struct
{
  char     kind[16];          /* as stored: quote, proforma, invoice, deposit, credit_note */
  gboolean draft;
  /* Marks recorded beside the document. */
  gboolean sent;
  gboolean accepted;
  gboolean refused;
  gboolean produced;          /* pro forma: an invoice was made from it */
  gboolean invoiced;          /* quote: an invoice made from it stands (not fully credited) */
  gboolean deposit_invoiced;  /* quote: a deposit invoice was made from it */
  char     valid_until[16];   /* quote: ISO date, or "" */
  /* What a validated invoice or deposit invoice still asks for (its receivable). */
  gboolean receivable;
  char     due_date[16];      /* the due date, or the date when it has none */
  gint64   amount_due;
  gint64   credited;          /* by validated credit notes */
  gint64   paid;
  gint64   balance;           /* amount_due - credited - paid, as the store keeps it */
  char     today[16];
} CptStatusFacts;

/* The facts a rule tests. Each is read the same way in C (cpt_status_fact_holds) and in SQL
 * (cpt-store-status.c). */
typedef enum
{
  CPT_STATUS_FACT_NONE = 0,
  CPT_STATUS_FACT_PROFORMA,
  CPT_STATUS_FACT_QUOTE,
  CPT_STATUS_FACT_BILLED,            /* an invoice or a deposit invoice */
  CPT_STATUS_FACT_DRAFT,
  CPT_STATUS_FACT_PRODUCED,
  CPT_STATUS_FACT_SENT,
  CPT_STATUS_FACT_REFUSED,
  CPT_STATUS_FACT_ACCEPTED,
  CPT_STATUS_FACT_INVOICED,
  CPT_STATUS_FACT_DEPOSIT_INVOICED,
  CPT_STATUS_FACT_EXPIRED,           /* valid until a day before today */
  CPT_STATUS_FACT_RECEIVABLE,
  CPT_STATUS_FACT_FULLY_CREDITED,    /* credited > 0 and credited >= amount due */
  CPT_STATUS_FACT_SETTLED,           /* balance <= 0 */
  CPT_STATUS_FACT_PAST_DUE,          /* due before today */
  CPT_STATUS_FACT_PAID_SOME,         /* paid > 0 */
  CPT_STATUS_FACT_CREDITED_SOME,     /* credited > 0 */
  CPT_STATUS_N_FACTS
} CptStatusFact;

#define CPT_STATUS_MAX_FACTS 3

/* A rule: when all its facts hold (none: always), the status is `status`. */
typedef struct
{
  CptStatusFact     facts[CPT_STATUS_MAX_FACTS];
  CptDocumentStatus status;
} CptStatusRule;

/* A group of rules behind a guard fact (NONE: every document that no earlier group took). The
 * first group whose guard holds decides, by its first rule whose facts hold; each group ends
 * with a rule without facts. */
typedef struct
{
  CptStatusFact        guard;
  const CptStatusRule *rules;
  guint                n_rules;
} CptStatusGroup;

const CptStatusGroup *cpt_status_groups     (guint *n_groups);
gboolean              cpt_status_fact_holds (const CptStatusFacts *facts, CptStatusFact fact);
/* The status the table gives these facts. */
CptDocumentStatus     cpt_status_derive_status (const CptStatusFacts *facts);
/* The same as its string (static), for what crosses a border. */
const char           *cpt_status_derive     (const CptStatusFacts *facts);

G_END_DECLS
