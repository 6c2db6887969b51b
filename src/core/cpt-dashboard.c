#define G_LOG_DOMAIN "cpt-dashboard"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cpt-dashboard.h"
#include "cpt-dates.h"
#include "cpt-error.h"

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
  g_clear_pointer (&dashboard->overdue, g_ptr_array_unref);
}

static sqlite3_stmt *
prepare (CptDatabase *db, const char *sql, const char *today, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);

  if (stmt != NULL && today != NULL)
    sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  return stmt;
}

static gboolean
done (CptDatabase *db, sqlite3_stmt *stmt, int rc, GError **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cpt_database_set_error (db, error, _("Could not compute the dashboard"));
      return FALSE;
    }
  return TRUE;
}

gboolean
cpt_dashboard_compute (CptDatabase *db, const char *today, const char *from, const char *to,
                       CptDashboard *out, GError **error)
{
  sqlite3_stmt *stmt;
  GDate date;
  int rc;

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

  /* Open invoices come from their summary per due date (kept by triggers): a few hundred
   * rows whatever the number of documents. Aging buckets are ranges of due dates. */
  {
    g_autofree char *d30 = cpt_date_add_days (out->today, -30);
    g_autofree char *d60 = cpt_date_add_days (out->today, -60);
    g_autofree char *d90 = cpt_date_add_days (out->today, -90);

    stmt = prepare (db,
      "SELECT "
      "  coalesce (sum (CASE WHEN due_date >= ?1 THEN count END), 0), "
      "  coalesce (sum (CASE WHEN due_date >= ?1 THEN balance END), 0), "
      "  coalesce (sum (CASE WHEN due_date < ?1 THEN count END), 0), "
      "  coalesce (sum (CASE WHEN due_date < ?1 THEN balance END), 0), "
      "  coalesce (sum (partial_count), 0), coalesce (sum (partial_balance), 0), "
      "  coalesce (sum (CASE WHEN due_date < ?1 AND due_date >= ?2 THEN balance END), 0), "
      "  coalesce (sum (CASE WHEN due_date < ?2 AND due_date >= ?3 THEN balance END), 0), "
      "  coalesce (sum (CASE WHEN due_date < ?3 AND due_date >= ?4 THEN balance END), 0), "
      "  coalesce (sum (CASE WHEN due_date < ?4 THEN balance END), 0), "
      "  coalesce (sum (CASE WHEN due_date >= ?1 THEN partial_count END), 0), "
      "  coalesce (sum (CASE WHEN due_date >= ?1 THEN partial_balance END), 0) "
      "FROM open_by_due WHERE count > 0", out->today, error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 2, d30, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 3, d60, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 4, d90, -1, SQLITE_TRANSIENT);
  }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->not_due_count = sqlite3_column_int64 (stmt, 0);
      out->not_due_amount = sqlite3_column_int64 (stmt, 1);
      out->overdue_count = sqlite3_column_int64 (stmt, 2);
      out->overdue_amount = sqlite3_column_int64 (stmt, 3);
      out->partially_paid_count = sqlite3_column_int64 (stmt, 4);
      out->partially_paid_amount = sqlite3_column_int64 (stmt, 5);
      for (int i = 0; i < 4; i++)
        out->aging[i] = sqlite3_column_int64 (stmt, 6 + i);
      out->not_due_partial_count = sqlite3_column_int64 (stmt, 10);
      out->not_due_partial_amount = sqlite3_column_int64 (stmt, 11);
    }
  if (!done (db, stmt, rc, error))
    return FALSE;

  /* Period figures and months come from the daily summary. */
  stmt = prepare (db, "SELECT coalesce (sum (invoiced_net), 0), coalesce (sum (invoiced_gross), 0), "
                      "coalesce (sum (collected), 0) FROM daily_totals WHERE day BETWEEN ?1 AND ?2",
                  out->from, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, out->to, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->invoiced_net = sqlite3_column_int64 (stmt, 0);
      out->invoiced_gross = sqlite3_column_int64 (stmt, 1);
      out->collected = sqlite3_column_int64 (stmt, 2);
    }
  if (!done (db, stmt, rc, error))
    return FALSE;

  /* How many payments make up what was collected (refunds count as one each too). */
  stmt = prepare (db, "SELECT count(*) FROM payments WHERE date BETWEEN ?1 AND ?2", out->from, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, out->to, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    out->collected_count = sqlite3_column_int64 (stmt, 0);
  if (!done (db, stmt, rc, error))
    return FALSE;

  cpt_date_parse (out->today, &date);
  g_date_set_day (&date, 1);
  g_date_subtract_months (&date, 11);
  for (int i = 0; i < 12; i++)
    {
      g_snprintf (out->revenue[i].month, sizeof out->revenue[i].month, "%04u-%02u",
                  g_date_get_year (&date), g_date_get_month (&date));
      g_date_add_months (&date, 1);
    }
  {
    g_autofree char *first = g_strdup_printf ("%s-01", out->revenue[0].month);
    stmt = prepare (db, "SELECT substr (day, 1, 7), sum (invoiced_net), sum (invoiced_gross) "
                        "FROM daily_totals WHERE day >= ?1 AND day <= ?2 GROUP BY 1", first, error);
  }
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, out->today, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *month = (const char *) sqlite3_column_text (stmt, 0);
      for (int i = 0; i < 12; i++)
        if (g_strcmp0 (out->revenue[i].month, month) == 0)
          {
            out->revenue[i].net = sqlite3_column_int64 (stmt, 1);
            out->revenue[i].gross = sqlite3_column_int64 (stmt, 2);
          }
    }
  if (!done (db, stmt, rc, error))
    return FALSE;

  /* The ten who owe the most, from the per-client summary; what of it is overdue from
   * their open invoices only. */
  stmt = prepare (db,
    "SELECT o.client_id, c.name, o.balance, "
    "  (SELECT coalesce (sum (r.balance), 0) FROM receivables r "
    "   WHERE r.client_id = o.client_id AND r.balance > 0 AND r.due_date < ?1) "
    "FROM open_by_client o JOIN clients c ON c.id = o.client_id "
    "WHERE o.count > 0 AND o.balance > 0 ORDER BY o.balance DESC, o.client_id DESC LIMIT 10",
    out->today, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CptDebtor *debtor = g_new0 (CptDebtor, 1);
      debtor->client_id = sqlite3_column_int64 (stmt, 0);
      debtor->client_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      debtor->receivable = sqlite3_column_int64 (stmt, 2);
      debtor->overdue = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (out->top_debtors, debtor);
    }
  if (!done (db, stmt, rc, error))
    return FALSE;

  /* The overdue list can be opened whole from the invoices and deposits lists: say how
   * many of them are deposit invoices, which the invoices list does not hold. */
  stmt = prepare (db,
    "SELECT count(*) FROM receivables r INDEXED BY receivables_open_by_due "
    "WHERE r.balance > 0 AND r.due_date < ?1 AND r.kind = 'deposit'", out->today, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    out->overdue_deposit_count = sqlite3_column_int64 (stmt, 0);
  if (!done (db, stmt, rc, error))
    return FALSE;

  stmt = prepare (db,
    "SELECT r.document_id, d.number, d.client_name, r.due_date, "
    "  CAST (julianday (?1) - julianday (r.due_date) AS INTEGER), r.balance "
    "FROM receivables r INDEXED BY receivables_open_by_due JOIN documents d ON d.id = r.document_id "
    "WHERE r.balance > 0 AND r.due_date < ?1 ORDER BY r.due_date, r.document_id LIMIT 100",
    out->today, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CptOverdueInvoice *invoice = g_new0 (CptOverdueInvoice, 1);
      invoice->document_id = sqlite3_column_int64 (stmt, 0);
      invoice->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      invoice->client_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      invoice->due_date = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      invoice->days_late = sqlite3_column_int64 (stmt, 4);
      invoice->balance = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (out->overdue, invoice);
    }
  return done (db, stmt, rc, error);
}
