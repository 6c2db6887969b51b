/* cpt-formal-notice.h: the formal notice to pay ("mise en demeure de payer") that goes with
 * the third reminder of an invoice (issue 14): one A4 page, as a PDF, in the invoice's
 * language. It states the invoice, the days late, what remains to pay, the late-payment
 * penalties and the recovery indemnity a business owes (art. L441-10 and D441-5 of the Code
 * de commerce; never added to the invoice itself) and the deadline, after which the seller
 * may go to court. */
#pragma once

#include "cpt-late-penalties.h"
#include "cpt-render-document.h"

G_BEGIN_DECLS

typedef struct
{
  const CptRenderDocument *invoice;
  const char              *date;       /* of the letter, ISO */
  const char              *deadline;   /* ISO */
  gint64                   balance;    /* what remains to pay on the invoice */
  CptLatePenalties         penalties;  /* all 0 for a consumer */
} CptFormalNotice;

/* The letter as a PDF file. The same notice gives the same file (its date is the letter's). */
GBytes *cpt_formal_notice_render (const CptFormalNotice *notice, GError **error);

G_END_DECLS
