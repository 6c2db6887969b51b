/* cpt-late-penalties.c: late-payment interest and the recovery indemnity. */
#define G_LOG_DOMAIN "cpt-late-penalties"

#include <string.h>

#include "cpt-dates.h"
#include "cpt-late-penalties.h"
#include "cpt-money.h"

/* The ECB's main refinancing operations rate (fixed rate tenders), from the day each
 * change took effect, in hundredths of a percent. Source: the ECB's "Key ECB interest
 * rates" table. A release adds the changes since the last one; until then the last rate
 * stands, which the seller can override with its own agreed rate. */
static const struct
{
  const char *from;
  gint64      rate;
} ecb_rates[] = {
  { "2016-03-16", 0 },
  { "2022-07-27", 50 },
  { "2022-09-14", 125 },
  { "2022-11-02", 200 },
  { "2022-12-21", 250 },
  { "2023-02-08", 300 },
  { "2023-03-22", 350 },
  { "2023-05-10", 375 },
  { "2023-06-21", 400 },
  { "2023-08-02", 425 },
  { "2023-09-20", 450 },
  { "2024-06-12", 425 },
  { "2024-09-18", 365 },
  { "2024-10-23", 340 },
  { "2024-12-18", 315 },
  { "2025-02-05", 290 },
  { "2025-03-12", 265 },
  { "2025-04-23", 240 },
  { "2025-06-11", 215 },
};

/* Points added to the ECB rate by art. L441-10. */
#define LEGAL_MARGIN 1000

static gint64
ecb_rate_on (const char *day)
{
  gint64 rate = 0;

  for (guint i = 0; i < G_N_ELEMENTS (ecb_rates); i++)
    if (strcmp (ecb_rates[i].from, day) <= 0)
      rate = ecb_rates[i].rate;
  return rate;
}

/* The first day of `date`'s half-year: "YYYY-01-01" or "YYYY-07-01". */
static void
half_year_start (const char *date, char out[11])
{
  g_snprintf (out, 11, "%.4s-%s", date, strncmp (date + 5, "07", 2) >= 0 ? "07-01" : "01-01");
}

gint64
cpt_late_penalties_ecb_rate (const char *date)
{
  char start[11];

  half_year_start (date, start);
  return ecb_rate_on (start);
}

gint64
cpt_late_penalties_legal_rate (const char *date)
{
  return cpt_late_penalties_ecb_rate (date) + LEGAL_MARGIN;
}

void
cpt_late_penalties_compute (gint64                balance,
                            const char           *due_date,
                            const char           *today,
                            const CptLatePayment *payments,
                            guint                 n_payments,
                            gint64                agreed_rate,
                            gboolean              business,
                            CptLatePenalties     *out)
{
  g_autoptr(GArray) periods = g_array_new (FALSE, FALSE, sizeof (CptInterestPeriod));
  g_autofree char *day = NULL;
  gint64 days;

  memset (out, 0, sizeof *out);
  out->agreed = agreed_rate >= 0;
  out->rate = out->agreed ? agreed_rate : cpt_late_penalties_legal_rate (today);
  days = cpt_date_days_between (due_date, today);
  if (!business || days <= 0)
    return;
  out->days_late = days;
  out->recovery_indemnity = CPT_RECOVERY_INDEMNITY;
  /* Day by day from the day after the due date: what was owed that day (the balance, and
   * every payment not made yet) at that day's rate; runs of equal days make one period. */
  day = cpt_date_add_days (due_date, 1);
  for (gint64 i = 0; i < days; i++)
    {
      gint64 owed = balance;
      gint64 rate = out->agreed ? agreed_rate : cpt_late_penalties_legal_rate (day);
      CptInterestPeriod *last = periods->len > 0
                                  ? &g_array_index (periods, CptInterestPeriod, periods->len - 1)
                                  : NULL;
      char *next;

      for (guint p = 0; p < n_payments; p++)
        if (strcmp (payments[p].date, day) >= 0)
          owed += payments[p].amount;
      if (last != NULL && last->amount == owed && last->rate == rate)
        last->days++;
      else if (owed > 0)
        {
          CptInterestPeriod period = { owed, rate, 1 };

          g_array_append_val (periods, period);
        }
      next = cpt_date_add_days (day, 1);
      g_free (day);
      day = next;
    }
  out->interest = cpt_late_interest ((const CptInterestPeriod *) periods->data, periods->len);
}
