#define G_LOG_DOMAIN "cpt-dashboard"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cpt-dashboard.h"
#include "cpt-mail-messages.h"
#include "cpt-reminders.h"
#include "cpt-dates.h"
#include "cpt-error.h"
#include "cpt-store-dashboard.h"

static void
debtor_free (CptDebtor *debtor)
{
  g_free (debtor->client_name);
  g_free (debtor);
}

static void
overdue_free (CptOverdueInvoice *invoice)
{
  g_free (invoice->number);
  g_free (invoice->client_name);
  g_free (invoice->due_date);
  g_free (invoice);
}

void
cpt_dashboard_clear (CptDashboard *dashboard)
{
  g_clear_pointer (&dashboard->today, g_free);
  g_clear_pointer (&dashboard->from, g_free);
  g_clear_pointer (&dashboard->to, g_free);
  g_clear_pointer (&dashboard->top_debtors, g_ptr_array_unref);
  g_clear_pointer (&dashboard->reminders_due, g_ptr_array_unref);
  g_clear_pointer (&dashboard->overdue, g_ptr_array_unref);
}

gboolean
cpt_dashboard_compute (CptDatabase *db, const char *today, const char *from, const char *to,
                       CptDashboard *out, GError **error)
{
  GDate date;

  memset (out, 0, sizeof *out);
  out->today = today ? cpt_date_normalize (today, error) : cpt_date_today ();
  if (out->today == NULL)
    return FALSE;
  out->from = from ? cpt_date_normalize (from, error) : g_strdup_printf ("%.7s-01", out->today);
  if (out->from == NULL)
    return FALSE;
  out->to = to ? cpt_date_normalize (to, error) : g_strdup (out->today);
  if (out->to == NULL)
    return FALSE;
  if (strcmp (out->from, out->to) > 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("The period starts after it ends (%s > %s)"),
                   out->from, out->to);
      return FALSE;
    }
  out->top_debtors = g_ptr_array_new_with_free_func ((GDestroyNotify) debtor_free);
  out->overdue = g_ptr_array_new_with_free_func ((GDestroyNotify) overdue_free);

  /* The months of the revenue chart: the 12 ending with today's. */
  cpt_date_parse (out->today, &date);
  g_date_set_day (&date, 1);
  g_date_subtract_months (&date, 11);
  for (int i = 0; i < 12; i++)
    {
      g_snprintf (out->revenue[i].month, sizeof out->revenue[i].month, "%04u-%02u",
                  g_date_get_year (&date), g_date_get_month (&date));
      g_date_add_months (&date, 1);
    }
  /* Overdue by 1-30, 31-60, 61-90 and over 90 days: buckets of due dates. */
  {
    g_autofree char *d30 = cpt_date_add_days (out->today, -30);
    g_autofree char *d60 = cpt_date_add_days (out->today, -60);
    g_autofree char *d90 = cpt_date_add_days (out->today, -90);
    const char *const aging_limits[3] = { d30, d60, d90 };

    if (!cpt_store_dashboard_read (db, aging_limits, out, error))
      return FALSE;
  }
  /* The reminders the books call for today (cpt-reminders.h). */
  out->reminders_due = cpt_reminders_due (db, out->today, CPT_DASHBOARD_MAX_REMINDERS,
                                          &out->reminders_due_more, error);
  return out->reminders_due != NULL &&
         cpt_mail_messages_count_queued (db, &out->outbox_waiting, error);
}
