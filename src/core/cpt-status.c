/* cpt-status.c: the one table of rules that derives a document's status. */
#define G_LOG_DOMAIN "cpt-status"

#include <string.h>

#include "cpt-status.h"

#define F(name) CPT_STATUS_FACT_##name
#define S(name) CPT_DOCUMENT_STATUS_##name

static const CptStatusRule proforma_rules[] = {
  { { F (PRODUCED) }, S (INVOICED) },
  { { F (SENT) }, S (SENT) },
  { { 0 }, S (IN_PREPARATION) },
};

static const CptStatusRule draft_rules[] = {
  { { 0 }, S (DRAFT) },
};

static const CptStatusRule quote_rules[] = {
  { { F (REFUSED) }, S (REFUSED) },
  { { F (ACCEPTED), F (INVOICED) }, S (ACCEPTED_INVOICED) },
  { { F (ACCEPTED), F (DEPOSIT_INVOICED) }, S (ACCEPTED_DEPOSIT_INVOICED) },
  { { F (ACCEPTED) }, S (ACCEPTED_NOT_INVOICED) },
  { { F (EXPIRED) }, S (EXPIRED) },
  { { 0 }, S (SENT) },
};

/* A validated invoice or deposit invoice whose payments are followed. */
static const CptStatusRule receivable_rules[] = {
  { { F (FULLY_CREDITED) }, S (CREDITED) },
  { { F (SETTLED) }, S (PAID) },
  { { F (PAST_DUE) }, S (OVERDUE) },
  { { F (PAID_SOME) }, S (PARTIALLY_PAID) },
  { { F (CREDITED_SOME) }, S (PARTLY_CREDITED) },
  { { 0 }, S (AWAITING_PAYMENT) },
};

/* Credit notes; and an invoice seen without its payments (cpt_lifecycle_status): the store
 * keeps a receivable for every validated invoice and deposit invoice, so lists never reach
 * the two first rules. */
static const CptStatusRule validated_rules[] = {
  { { F (BILLED), F (FULLY_CREDITED) }, S (CREDITED) },
  { { F (BILLED), F (CREDITED_SOME) }, S (PARTLY_CREDITED) },
  { { 0 }, S (VALIDATED) },
};

static const CptStatusGroup groups[] = {
  { F (PROFORMA), proforma_rules, G_N_ELEMENTS (proforma_rules) },
  { F (DRAFT), draft_rules, G_N_ELEMENTS (draft_rules) },
  { F (QUOTE), quote_rules, G_N_ELEMENTS (quote_rules) },
  { F (RECEIVABLE), receivable_rules, G_N_ELEMENTS (receivable_rules) },
  { F (NONE), validated_rules, G_N_ELEMENTS (validated_rules) },
};

#undef F
#undef S

const CptStatusGroup *
cpt_status_groups (guint *n_groups)
{
  *n_groups = G_N_ELEMENTS (groups);
  return groups;
}

/* The facts carry the kind as the store read it (its database string). */
static gboolean
facts_kind (const CptStatusFacts *facts,
            CptDocumentKind      *kind)
{
  return cpt_document_kind_from_string (facts->kind, kind);
}

gboolean
cpt_status_fact_holds (const CptStatusFacts *facts,
                       CptStatusFact         fact)
{
  CptDocumentKind kind;

  switch (fact)
    {
    case CPT_STATUS_FACT_NONE:
      return TRUE;
    case CPT_STATUS_FACT_PROFORMA:
      return facts_kind (facts, &kind) && kind == CPT_DOCUMENT_KIND_PROFORMA;
    case CPT_STATUS_FACT_QUOTE:
      return facts_kind (facts, &kind) && kind == CPT_DOCUMENT_KIND_QUOTE;
    case CPT_STATUS_FACT_BILLED:
      return facts_kind (facts, &kind) && cpt_document_kind_is_billed (kind);
    case CPT_STATUS_FACT_DRAFT:
      return facts->draft;
    case CPT_STATUS_FACT_PRODUCED:
      return facts->produced;
    case CPT_STATUS_FACT_SENT:
      return facts->sent;
    case CPT_STATUS_FACT_REFUSED:
      return facts->refused;
    case CPT_STATUS_FACT_ACCEPTED:
      return facts->accepted;
    case CPT_STATUS_FACT_INVOICED:
      return facts->invoiced;
    case CPT_STATUS_FACT_DEPOSIT_INVOICED:
      return facts->deposit_invoiced;
    case CPT_STATUS_FACT_EXPIRED:
      return facts->valid_until[0] != '\0' && strcmp (facts->valid_until, facts->today) < 0;
    case CPT_STATUS_FACT_RECEIVABLE:
      return facts->receivable;
    case CPT_STATUS_FACT_FULLY_CREDITED:
      return facts->credited > 0 && facts->credited >= facts->amount_due;
    case CPT_STATUS_FACT_SETTLED:
      return facts->balance <= 0;
    case CPT_STATUS_FACT_PAST_DUE:
      return strcmp (facts->due_date, facts->today) < 0;
    case CPT_STATUS_FACT_PAID_SOME:
      return facts->paid > 0;
    case CPT_STATUS_FACT_CREDITED_SOME:
      return facts->credited > 0;
    case CPT_STATUS_N_FACTS:
    default:
      break;
    }
  g_return_val_if_reached (FALSE);
}

const char *
cpt_status_derive (const CptStatusFacts *facts)
{
  g_return_val_if_fail (facts != NULL, NULL);

  return cpt_document_status_to_string (cpt_status_derive_status (facts));
}

CptDocumentStatus
cpt_status_derive_status (const CptStatusFacts *facts)
{
  g_return_val_if_fail (facts != NULL, CPT_DOCUMENT_STATUS_DRAFT);

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      if (!cpt_status_fact_holds (facts, groups[g].guard))
        continue;
      for (guint r = 0; r < groups[g].n_rules; r++)
        {
          const CptStatusRule *rule = &groups[g].rules[r];
          gboolean all = TRUE;

          for (guint f = 0; all && f < CPT_STATUS_MAX_FACTS && rule->facts[f] != CPT_STATUS_FACT_NONE; f++)
            all = cpt_status_fact_holds (facts, rule->facts[f]);
          if (all)
            return rule->status;
        }
    }
  g_return_val_if_reached (CPT_DOCUMENT_STATUS_DRAFT);
}
