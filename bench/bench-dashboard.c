/* bench-dashboard: how long the payments dashboard takes on a big database.
 *
 *   COMPTOIR_TODAY=2026-11-22 comptoir-cli --db /tmp/big.db demo --clients 5000 --documents 1000000
 *   bench-dashboard /tmp/big.db 2026-11-22
 *
 * Median of 15 runs, with the counts the dashboard found (so a result on an empty database
 * cannot pass for a fast one). */
#include <stdio.h>
#include <stdlib.h>

#include "cpt-store-database.h"
#include "cpt-dashboard.h"
#include "cpt-database.h"
#include "cpt-payments.h"

#define RUNS 15

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  double times[RUNS];
  CptDashboard dashboard = { 0 };
  const char *today = argc > 2 ? argv[2] : NULL;
  sqlite3_stmt *stmt;
  gint64 documents = 0, open = 0, payments = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-dashboard DATABASE [TODAY]\n");
      return 2;
    }
  db = cpt_database_open (argv[1], &error);
  if (db == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  stmt = cpt_database_prepare (db, "SELECT (SELECT count(*) FROM documents), "
                                   "(SELECT count(*) FROM receivables WHERE balance > 0), "
                                   "(SELECT count(*) FROM payments)", NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      documents = sqlite3_column_int64 (stmt, 0);
      open = sqlite3_column_int64 (stmt, 1);
      payments = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      cpt_dashboard_clear (&dashboard);
      if (!cpt_dashboard_compute (db, today, NULL, NULL, &dashboard, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (times, RUNS, sizeof (double), compare_doubles);
  printf ("database: %" G_GINT64_FORMAT " documents, %" G_GINT64_FORMAT " open receivables, %"
          G_GINT64_FORMAT " payments\n", documents, open, payments);
  printf ("dashboard: median %.2f ms (min %.2f, max %.2f) over %d runs\n", times[RUNS / 2], times[0],
          times[RUNS - 1], RUNS);
  printf ("  overdue %" G_GINT64_FORMAT " invoices, not due %" G_GINT64_FORMAT ", %u top debtors, "
          "%u overdue listed\n", dashboard.overdue_count, dashboard.not_due_count,
          dashboard.top_debtors->len, dashboard.overdue->len);
  cpt_dashboard_clear (&dashboard);

  /* One client's balance and a document's status, the other figures the window shows. */
  {
    CptClientBalance balance;
    gint64 start = g_get_monotonic_time ();
    for (int i = 1; i <= 100; i++)
      if (!cpt_payments_client_balance (db, i, today, &balance, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
    printf ("client balance: %.3f ms each (100 clients)\n", (g_get_monotonic_time () - start) / 100000.0);
  }
  return 0;
}
