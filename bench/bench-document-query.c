/* bench-document-query.c: the document lists (cpt-document-query.h) on a large database,
 * read on the calling thread as comptoir-cli reads them: how long the count, the first page
 * and a page in the middle (by OFFSET: lists read this way take no positions) take, per kind
 * of list, sort and filter. The window reads the same lists in threads: bench-lists
 * measures that.
 *
 *   bench-document-query DATABASE [WORD...]
 *
 * WORD: measure only the cases whose name holds one of these words (e.g. "search").
 * With COMPTOIR_MAIN_THREAD_SQL=MS in the environment, the statements of at least MS
 * milliseconds are printed with their SQL. */
#include <stdio.h>
#include <string.h>

#include "cpt-dates.h"
#include "cpt-document-query.h"

typedef struct
{
  const char        *name;
  const char *const *kinds;
  const char *const *states;
  CptDocumentSort    sort;
  gboolean           ascending;
  const char        *search;
} Case;

static const char *const invoices[] = { "invoice", "proforma", NULL };
static const char *const quotes[] = { "quote", NULL };
static const char *const credit_notes[] = { "credit_note", NULL };
static const char *const deposits[] = { "deposit", NULL };
static const char *const overdue[] = { "overdue", NULL };
static const char *const paid[] = { "paid", NULL };
static const char *const drafts[] = { "draft", NULL };
static const char *const open_states[] = { "awaiting_payment", "overdue", "partially_paid", NULL };
static const char *const print_shop[] = { "in_preparation", "sent", "draft", NULL };
static const char *const sent[] = { "sent", NULL };
static const char *const awaiting[] = { "awaiting_payment", NULL };
static const char *const partially_paid[] = { "partially_paid", NULL };
static const char *const credited[] = { "partly_credited", "credited", NULL };
static const char *const accepted[] = { "accepted_not_invoiced", "accepted_deposit_invoiced",
                                        "accepted_invoiced", NULL };

static const Case cases[] = {
  { "invoices, by date", invoices, NULL, CPT_DOCUMENT_SORT_DATE, FALSE, NULL },
  { "invoices, by number", invoices, NULL, CPT_DOCUMENT_SORT_NUMBER, FALSE, NULL },
  { "invoices, by client", invoices, NULL, CPT_DOCUMENT_SORT_CLIENT, TRUE, NULL },
  { "invoices, by amount", invoices, NULL, CPT_DOCUMENT_SORT_TOTAL, FALSE, NULL },
  { "invoices, by due date", invoices, NULL, CPT_DOCUMENT_SORT_DUE_DATE, FALSE, NULL },
  { "invoices, overdue", invoices, overdue, CPT_DOCUMENT_SORT_DATE, FALSE, NULL },
  { "invoices, open", invoices, open_states, CPT_DOCUMENT_SORT_DATE, FALSE, NULL },
  { "invoices, paid", invoices, paid, CPT_DOCUMENT_SORT_DATE, FALSE, NULL },
  { "invoices, drafts", invoices, drafts, CPT_DOCUMENT_SORT_DATE, FALSE, NULL },
  { "invoices, print-shop filter", invoices, print_shop, CPT_DOCUMENT_SORT_DATE, FALSE, NULL },
  { "invoices, search", invoices, NULL, CPT_DOCUMENT_SORT_DATE, FALSE, "renouvellement" },
  /* bench-journey's "type a search": one letter while the paid ones are shown. */
  { "invoices, search \"r\"", invoices, NULL, CPT_DOCUMENT_SORT_DATE, FALSE, "r" },
  { "invoices, paid, search \"r\"", invoices, paid, CPT_DOCUMENT_SORT_DATE, FALSE, "r" },
  /* Each status filter with a search: counted from the receivables or the status's own
   * index, the search tested on each of them. */
  { "invoices, paid, search \"re\"", invoices, paid, CPT_DOCUMENT_SORT_DATE, FALSE, "re" },
  { "invoices, paid, search \"ren\"", invoices, paid, CPT_DOCUMENT_SORT_DATE, FALSE, "ren" },
  { "invoices, paid, search word", invoices, paid, CPT_DOCUMENT_SORT_DATE, FALSE, "renouvellement" },
  { "invoices, paid by number, search \"r\"", invoices, paid, CPT_DOCUMENT_SORT_NUMBER, FALSE, "r" },
  { "invoices, overdue, search \"r\"", invoices, overdue, CPT_DOCUMENT_SORT_DATE, FALSE, "r" },
  { "invoices, awaiting, search \"r\"", invoices, awaiting, CPT_DOCUMENT_SORT_DATE, FALSE, "r" },
  { "invoices, partially paid, search \"r\"", invoices, partially_paid, CPT_DOCUMENT_SORT_DATE, FALSE, "r" },
  { "invoices, open, search \"r\"", invoices, open_states, CPT_DOCUMENT_SORT_DATE, FALSE, "r" },
  { "invoices, credited, search \"r\"", invoices, credited, CPT_DOCUMENT_SORT_DATE, FALSE, "r" },
  { "invoices, drafts, search \"r\"", invoices, drafts, CPT_DOCUMENT_SORT_DATE, FALSE, "r" },
  { "invoices, print-shop filter, search \"r\"", invoices, print_shop, CPT_DOCUMENT_SORT_DATE, FALSE, "r" },
  { "quotes, accepted, search \"r\"", quotes, accepted, CPT_DOCUMENT_SORT_DATE, FALSE, "r" },
  { "deposits, paid, search \"r\"", deposits, paid, CPT_DOCUMENT_SORT_DATE, FALSE, "r" },
  { "quotes, by date", quotes, NULL, CPT_DOCUMENT_SORT_DATE, FALSE, NULL },
  { "quotes, sent", quotes, sent, CPT_DOCUMENT_SORT_DATE, FALSE, NULL },
  { "quotes, accepted", quotes, accepted, CPT_DOCUMENT_SORT_DATE, FALSE, NULL },
  { "quotes, by number", quotes, NULL, CPT_DOCUMENT_SORT_NUMBER, FALSE, NULL },
  { "credit notes, by date", credit_notes, NULL, CPT_DOCUMENT_SORT_DATE, FALSE, NULL },
  { "deposits, by date", deposits, NULL, CPT_DOCUMENT_SORT_DATE, FALSE, NULL },
  { "deposits, overdue", deposits, overdue, CPT_DOCUMENT_SORT_DATE, FALSE, NULL },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;

  if (argc < 2)
    {
      g_printerr ("usage: bench-document-query DATABASE [WORD...]\n");
      return 2;
    }
  /* Read as the window's main loop would: with COMPTOIR_MAIN_THREAD_SQL=MS set, each statement
   * of at least MS milliseconds is printed with its SQL (cpt-store-watch.h). */
  g_main_context_acquire (g_main_context_default ());
  db = cpt_database_open (argv[1], &error);
  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%-44s %10s %10s %10s %10s\n", "list", "rows", "count ms", "page ms", "far ms");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CptDocumentQuery query = { 0 };
      g_autoptr(CptPagedList) list = NULL;
      gint64 t0, t1, t2, t3;
      guint n;
      gboolean wanted = argc == 2;

      for (int w = 2; w < argc && !wanted; w++)
        wanted = strstr (cases[i].name, argv[w]) != NULL;
      if (!wanted)
        continue;
      query.kinds = cases[i].kinds;
      query.states = cases[i].states;
      query.sort = cases[i].sort;
      query.ascending = cases[i].ascending;
      query.search = cases[i].search;
      t0 = g_get_monotonic_time ();
      list = cpt_document_query_list (db, &query);
      t1 = g_get_monotonic_time ();
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      if (n > 0)
        g_clear_object (&(GObject *) { g_list_model_get_item (G_LIST_MODEL (list), 0) });
      t2 = g_get_monotonic_time ();
      if (n > 1000)
        g_clear_object (&(GObject *) { g_list_model_get_item (G_LIST_MODEL (list), n / 2) });
      t3 = g_get_monotonic_time ();
      g_print ("%-44s %10u %10.1f %10.1f %10.1f\n", cases[i].name, n, (t1 - t0) / 1000.0,
               (t2 - t1) / 1000.0, (t3 - t2) / 1000.0);
    }
  return 0;
}
