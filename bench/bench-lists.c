/* bench-lists: how long the document lists and the search take on a big database.
 *
 *   comptoir-cli --db /tmp/big.db demo --clients 5000 --documents 1000000
 *   bench-lists /tmp/big.db
 *
 * Each figure is the median of several runs, in milliseconds, with the number of rows read
 * from SQLite. The machine is shared: compare figures of one run with each other. */
#include <stdio.h>
#include <stdlib.h>

#include "cpt-database.h"
#include "cpt-document.h"
#include "cpt-lists.h"
#include "cpt-search.h"

#define RUNS 7

typedef void (*BenchFunc) (CptDatabase *db, gpointer data, guint64 *rows);

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
measure (const char *name, CptDatabase *db, BenchFunc func, gpointer data)
{
  double times[RUNS];
  guint64 rows = 0;

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      rows = 0;
      func (db, data, &rows);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (times, RUNS, sizeof (double), compare_doubles);
  printf ("%-52s %9.2f ms  (min %8.2f, max %8.2f)  %8" G_GUINT64_FORMAT " rows\n", name,
          times[RUNS / 2], times[0], times[RUNS - 1], rows);
}

static void
touch (GListModel *model, guint position)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);
  if (item == NULL)
    g_error ("no item at %u", position);
}

static void
open_and_first_screen (CptDatabase *db, gpointer data, guint64 *rows)
{
  const CptDocumentFilter *filter = data;
  g_autoptr(CptPagedList) list = cpt_lists_documents (db, filter);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < MIN (n, 50); i++)
    touch (G_LIST_MODEL (list), i);
  *rows = cpt_paged_list_get_rows_fetched (list);
}

static void
jump_to_end (CptDatabase *db, gpointer data, guint64 *rows)
{
  g_autoptr(CptPagedList) list = cpt_lists_documents (db, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = n - 50; i < n; i++)
    touch (G_LIST_MODEL (list), i);
  *rows = cpt_paged_list_get_rows_fetched (list);
}

static void
jump_to_middle (CptDatabase *db, gpointer data, guint64 *rows)
{
  g_autoptr(CptPagedList) list = cpt_lists_documents (db, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = n / 2; i < n / 2 + 50; i++)
    touch (G_LIST_MODEL (list), i);
  *rows = cpt_paged_list_get_rows_fetched (list);
}

static void
scroll_10000 (CptDatabase *db, gpointer data, guint64 *rows)
{
  g_autoptr(CptPagedList) list = cpt_lists_documents (db, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  /* From the middle down, row by row, as a scrolled list view asks. */
  for (guint i = n / 2; i < n / 2 + 10000 && i < n; i++)
    touch (G_LIST_MODEL (list), i);
  *rows = cpt_paged_list_get_rows_fetched (list);
}

static void
search (CptDatabase *db, gpointer data, guint64 *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = cpt_search_run (db, data, 20, &error);

  if (hits == NULL)
    g_error ("%s", error->message);
  *rows = hits->len;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  CptDocumentFilter invoices = { .kind = "invoice" };
  CptDocumentFilter client = { .client_id = 42 };
  CptDocumentFilter quarter = { .date_from = "2025-01-01", .date_to = "2025-03-31" };
  CptDocumentFilter by_total = { .sort = CPT_DOCUMENT_SORT_TOTAL };
  CptDocumentFilter by_client = { .sort = CPT_DOCUMENT_SORT_CLIENT };
  CptDocumentFilter searched = { .search = "dupont boul" };
  CptDocumentFilter searched_wide = { .search = "form" };

  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-lists DATABASE (fill it with comptoir-cli demo)\n");
      return 2;
    }
  db = cpt_database_open (argv[1], &error);
  if (db == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  measure ("all documents: count + first 50 rows", db, open_and_first_screen, NULL);
  measure ("invoices: count + first 50", db, open_and_first_screen, &invoices);
  measure ("one client's documents: count + first 50", db, open_and_first_screen, &client);
  measure ("one quarter: count + first 50", db, open_and_first_screen, &quarter);
  measure ("sorted by total: count + first 50", db, open_and_first_screen, &by_total);
  measure ("sorted by client name: count + first 50", db, open_and_first_screen, &by_client);
  measure ("search \"dupont boul\": count + first 50", db, open_and_first_screen, &searched);
  measure ("search \"form\" (matches many): count + first 50", db, open_and_first_screen, &searched_wide);
  measure ("jump to the last 50 rows", db, jump_to_end, NULL);
  measure ("jump to the middle 50 rows", db, jump_to_middle, NULL);
  measure ("scroll 10 000 rows from the middle", db, scroll_10000, NULL);
  measure ("global search \"martin\" (20 hits)", db, search, "martin");
  measure ("global search \"boulangerie dup\"", db, search, "boulangerie dup");
  return 0;
}
