#define G_LOG_DOMAIN "cpt-store"

#include "cpt-store-dashboard.h"
#include "cpt-store-private.h"

#include <glib/gi18n-lib.h>

/* Each query binds today (or the period's start) as ?1. */
static sqlite3_stmt *
prepare (CptDatabase *db, const char *sql, const char *first, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);

  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  return stmt;
}

/* Steps a query of one row (an aggregate); *has_row tells whether it gave one. */
static gboolean
step (CptDatabase *db, sqlite3_stmt *stmt, gboolean *has_row, GError **error)
{
  return cpt_store_step (db, stmt, _("Could not compute the dashboard"), has_row, error);
}

/* Open invoices come from their summary per due date (kept by triggers): a few hundred rows
 * whatever the number of documents. Aging buckets are ranges of due dates. */
static gboolean
read_open (CptDatabase *db, const char *const aging_limits[3], CptDashboard *out, GError **error)
{
  sqlite3_stmt *stmt = prepare (db,
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
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < 3; i++)
    sqlite3_bind_text (stmt, 2 + i, aging_limits[i], -1, SQLITE_TRANSIENT);
  if (!step (db, stmt, &has_row, error))
    return FALSE;
  if (has_row)
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
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Period figures come from the daily summary; how many payments make up what was collected
 * (refunds count as one each too) from the payments by date. */
static gboolean
read_period (CptDatabase *db, CptDashboard *out, GError **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT coalesce (sum (invoiced_net), 0), "
                                    "coalesce (sum (invoiced_gross), 0), coalesce (sum (collected), 0) "
                                    "FROM daily_totals WHERE day BETWEEN ?1 AND ?2", out->from, error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, out->to, -1, SQLITE_TRANSIENT);
  if (!step (db, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      out->invoiced_net = sqlite3_column_int64 (stmt, 0);
      out->invoiced_gross = sqlite3_column_int64 (stmt, 1);
      out->collected = sqlite3_column_int64 (stmt, 2);
      sqlite3_reset (stmt);
    }

  stmt = prepare (db, "SELECT count(*) FROM payments WHERE date BETWEEN ?1 AND ?2", out->from, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, out->to, -1, SQLITE_TRANSIENT);
  if (!step (db, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      out->collected_count = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* What was invoiced in each month of out->revenue, from the daily summary. */
static gboolean
read_revenue (CptDatabase *db, CptDashboard *out, GError **error)
{
  g_autofree char *first = g_strdup_printf ("%s-01", out->revenue[0].month);
  sqlite3_stmt *stmt = prepare (db, "SELECT substr (day, 1, 7), sum (invoiced_net), "
                                    "sum (invoiced_gross) FROM daily_totals "
                                    "WHERE day >= ?1 AND day <= ?2 GROUP BY 1", first, error);
  gboolean ok, has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, out->today, -1, SQLITE_TRANSIENT);
  while ((ok = step (db, stmt, &has_row, error)) && has_row)
    {
      const char *month = (const char *) sqlite3_column_text (stmt, 0);

      for (int i = 0; i < 12; i++)
        if (g_strcmp0 (out->revenue[i].month, month) == 0)
          {
            out->revenue[i].net = sqlite3_column_int64 (stmt, 1);
            out->revenue[i].gross = sqlite3_column_int64 (stmt, 2);
          }
    }
  return ok;
}

/* The ten who owe the most, from the per-client summary; what of it is overdue from their
 * open invoices only. */
static gboolean
read_top_debtors (CptDatabase *db, CptDashboard *out, GError **error)
{
  sqlite3_stmt *stmt = prepare (db,
    "SELECT o.client_id, c.name, o.balance, "
    "  (SELECT coalesce (sum (r.balance), 0) FROM receivables r "
    "   WHERE r.client_id = o.client_id AND r.balance > 0 AND r.due_date < ?1) "
    "FROM open_by_client o JOIN clients c ON c.id = o.client_id "
    "WHERE o.count > 0 AND o.balance > 0 ORDER BY o.balance DESC, o.client_id DESC LIMIT 10",
    out->today, error);
  gboolean ok, has_row;

  if (stmt == NULL)
    return FALSE;
  while ((ok = step (db, stmt, &has_row, error)) && has_row)
    {
      CptDebtor *debtor = g_new0 (CptDebtor, 1);

      debtor->client_id = sqlite3_column_int64 (stmt, 0);
      debtor->client_name = cpt_store_dup_text (stmt, 1);
      debtor->receivable = sqlite3_column_int64 (stmt, 2);
      debtor->overdue = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (out->top_debtors, debtor);
    }
  return ok;
}

/* The overdue invoices, most days late first. The list can be opened whole from the
 * invoices and deposits lists: say how many of them are deposit invoices, which the
 * invoices list does not hold. */
static gboolean
read_overdue (CptDatabase *db, CptDashboard *out, GError **error)
{
  sqlite3_stmt *stmt = prepare (db,
    "SELECT count(*) FROM receivables r INDEXED BY receivables_open_by_due "
    "WHERE r.balance > 0 AND r.due_date < ?1 AND r.kind = 'deposit'", out->today, error);
  gboolean ok, has_row;

  if (stmt == NULL)
    return FALSE;
  if (!step (db, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      out->overdue_deposit_count = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  stmt = prepare (db,
    "SELECT r.document_id, d.number, d.client_name, r.due_date, "
    "  CAST (julianday (?1) - julianday (r.due_date) AS INTEGER), r.balance "
    "FROM receivables r INDEXED BY receivables_open_by_due JOIN documents d ON d.id = r.document_id "
    "WHERE r.balance > 0 AND r.due_date < ?1 ORDER BY r.due_date, r.document_id LIMIT 100",
    out->today, error);
  if (stmt == NULL)
    return FALSE;
  while ((ok = step (db, stmt, &has_row, error)) && has_row)
    {
      CptOverdueInvoice *invoice = g_new0 (CptOverdueInvoice, 1);

      invoice->document_id = sqlite3_column_int64 (stmt, 0);
      invoice->number = cpt_store_dup_text (stmt, 1);
      invoice->client_name = cpt_store_dup_text (stmt, 2);
      invoice->due_date = cpt_store_dup_text (stmt, 3);
      invoice->days_late = sqlite3_column_int64 (stmt, 4);
      invoice->balance = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (out->overdue, invoice);
    }
  return ok;
}

gboolean
cpt_store_dashboard_read (CptDatabase *db, const char *const aging_limits[3], CptDashboard *out,
                          GError **error)
{
  return read_open (db, aging_limits, out, error) &&
         read_period (db, out, error) &&
         read_revenue (db, out, error) &&
         read_top_debtors (db, out, error) &&
         read_overdue (db, out, error);
}
