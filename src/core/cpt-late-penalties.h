/* cpt-late-penalties.h: what a business client owes for paying late, as the Code de
 * commerce says (art. L441-10 and D441-5): interest at the rate agreed in the seller's terms
 * or, by default, the European Central Bank's refinancing rate plus 10 points, pro rata of
 * the days late; and a flat 40 € recovery indemnity per invoice. They are claimed in the
 * formal notice (the third reminder), never added to the invoice. Between a business and a
 * consumer these articles do not apply: nothing is computed. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Art. D441-5: 40 € per invoice paid late by a business. */
#define CPT_RECOVERY_INDEMNITY 4000

/* A payment made on an invoice after its due date: the interest on it ran until that day. */
typedef struct
{
  char   date[11];   /* ISO */
  gint64 amount;
} CptLatePayment;

typedef struct
{
  gint64   days_late;            /* from the due date to today */
  gint64   interest;             /* minor units, to today */
  gint64   rate;                 /* the annual rate of today's half-year, hundredths of a percent */
  gboolean agreed;               /* the rate is the one of the seller's terms */
  gint64   recovery_indemnity;   /* CPT_RECOVERY_INDEMNITY, or 0 for a consumer */
} CptLatePenalties;

/* The legal rate on `date` (ISO): the ECB's main refinancing rate in force on 1 January
 * (first half of the year) or 1 July (second half), plus 10 points, in hundredths of a
 * percent. Rates after the table's last change are that last rate (the table is updated
 * with each release; the seller's agreed rate overrides it). */
gint64   cpt_late_penalties_legal_rate (const char *date);
/* The ECB rate behind it, for the letter to say where the figure comes from. */
gint64   cpt_late_penalties_ecb_rate   (const char *date);

/* The penalties on an invoice whose unpaid `balance` was due on `due_date`, at `today`;
 * `payments` made late (any order) ran interest until their day. `agreed_rate` is the
 * seller's own annual rate (hundredths of a percent), or -1 for the legal one. Nothing is
 * owed for a consumer (`business` FALSE) nor before the due date has passed. */
void     cpt_late_penalties_compute    (gint64                balance,
                                        const char           *due_date,
                                        const char           *today,
                                        const CptLatePayment *payments,
                                        guint                 n_payments,
                                        gint64                agreed_rate,
                                        gboolean              business,
                                        CptLatePenalties     *out);

G_END_DECLS
