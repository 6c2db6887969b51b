/* bench-lists: the lists of the window on a big database, through the API the window uses
 * (cpt-document-query for documents, cpt-lists for clients and products).
 *
 *   comptoir-cli --db /tmp/big.db demo --clients 5000 --documents 1000000
 *   bench-lists [--runs N] /tmp/big.db [CASE...]
 *
 * CASE: measure only the cases whose name holds one of these words (e.g. "search").
 * The "then ... typed" cases give a status's list its search once counted (README).
 *
 * For each case, what the window does when a list is shown, scrolled, sorted, filtered or
 * searched, made as the window makes it (count_in_thread): the list counts in a thread
 * ("count": until the count and the first page are back); a jump to the middle or the end
 * comes after a first jump to a quarter of the list, which has the list's positions taken
 * in a thread ("position": from that first jump until its screen is read and the positions
 * are taken; a list of some kinds by date, due date, client or amount takes none, it finds
 * any row from the number of documents of each kind by day, due date, client or bucket of
 * amounts, so this is its first jump alone); then the rows of a screen
 * are asked for as a view asks
 * ("screen": from asking to having them all, read in threads). "main" is the longest the
 * calling thread spent in one call of the model: what the main loop would wait (the clients'
 * and products' lists are still read on the calling thread, issue 12). "first" is the first
 * run, "then" the median of the runs after it; every run opens connections of its own, as
 * each list of the window does. Times in milliseconds, with the rows
 * read from SQLite. The machine is shared: compare figures of one run with each other. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpt-database.h"
#include "cpt-document-query.h"
#include "cpt-lists.h"

#define SCREEN 50

static guint runs = 5;
static const char *const *only; /* words naming the cases to measure, NULL: all */

static gboolean
wanted (const char *name)
{
  if (only == NULL || only[0] == NULL)
    return TRUE;
  for (guint i = 0; only[i]; i++)
    if (strstr (name, only[i]) != NULL)
      return TRUE;
  return FALSE;
}

typedef enum
{
  WHERE_TOP,      /* the first screen */
  WHERE_MIDDLE,   /* a jump to the middle (the scroll bar dragged) */
  WHERE_END,      /* a jump to the end */
  WHERE_PAGES,    /* the first screen, then 10 screens further, as scrolling reads them */
} Where;

typedef struct
{
  const char        *name;
  const char *const *kinds;
  const char *const *states;
  CptDocumentSort    sort;
  gboolean           ascending;
  const char        *search;
  Where              where;
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

static const Case cases[] = {
  { "invoices by date: first screen", invoices, NULL, CPT_DOCUMENT_SORT_DATE, FALSE, NULL, WHERE_TOP },
  { "invoices by date: jump to the middle", invoices, NULL, CPT_DOCUMENT_SORT_DATE, FALSE, NULL, WHERE_MIDDLE },
  { "invoices by date: jump to the end", invoices, NULL, CPT_DOCUMENT_SORT_DATE, FALSE, NULL, WHERE_END },
  { "invoices by date: 10 screens down", invoices, NULL, CPT_DOCUMENT_SORT_DATE, FALSE, NULL, WHERE_PAGES },
  { "invoices by number: first screen", invoices, NULL, CPT_DOCUMENT_SORT_NUMBER, FALSE, NULL, WHERE_TOP },
  { "invoices by number: jump to the middle", invoices, NULL, CPT_DOCUMENT_SORT_NUMBER, FALSE, NULL, WHERE_MIDDLE },
  { "invoices by client: first screen", invoices, NULL, CPT_DOCUMENT_SORT_CLIENT, TRUE, NULL, WHERE_TOP },
  { "invoices by client: jump to the middle", invoices, NULL, CPT_DOCUMENT_SORT_CLIENT, TRUE, NULL, WHERE_MIDDLE },
  { "invoices by amount: jump to the middle", invoices, NULL, CPT_DOCUMENT_SORT_TOTAL, FALSE, NULL, WHERE_MIDDLE },
  { "invoices by due date: jump to the middle", invoices, NULL, CPT_DOCUMENT_SORT_DUE_DATE, FALSE, NULL, WHERE_MIDDLE },
  { "invoices overdue: 10 screens down", invoices, overdue, CPT_DOCUMENT_SORT_DATE, FALSE, NULL, WHERE_PAGES },
  { "invoices open: 10 screens down", invoices, open_states, CPT_DOCUMENT_SORT_DATE, FALSE, NULL, WHERE_PAGES },
  { "invoices paid: 10 screens down", invoices, paid, CPT_DOCUMENT_SORT_DATE, FALSE, NULL, WHERE_PAGES },
  { "invoices paid: jump to the middle", invoices, paid, CPT_DOCUMENT_SORT_DATE, FALSE, NULL, WHERE_MIDDLE },
  { "invoices paid by client: jump to the middle", invoices, paid, CPT_DOCUMENT_SORT_CLIENT, TRUE, NULL, WHERE_MIDDLE },
  { "invoices paid by amount: jump to the middle", invoices, paid, CPT_DOCUMENT_SORT_TOTAL, FALSE, NULL, WHERE_MIDDLE },
  { "invoices paid by number: jump to the middle", invoices, paid, CPT_DOCUMENT_SORT_NUMBER, FALSE, NULL, WHERE_MIDDLE },
  { "invoices open by due date: jump to the middle", invoices, open_states, CPT_DOCUMENT_SORT_DUE_DATE, TRUE, NULL, WHERE_MIDDLE },
  { "invoices overdue by client: jump to the middle", invoices, overdue, CPT_DOCUMENT_SORT_CLIENT, TRUE, NULL, WHERE_MIDDLE },
  { "invoices drafts: first screen", invoices, drafts, CPT_DOCUMENT_SORT_DATE, FALSE, NULL, WHERE_TOP },
  { "invoices print-shop filter: 10 screens", invoices, print_shop, CPT_DOCUMENT_SORT_DATE, FALSE, NULL, WHERE_PAGES },
  { "quotes by date: first screen", quotes, NULL, CPT_DOCUMENT_SORT_DATE, FALSE, NULL, WHERE_TOP },
  { "quotes by number: first screen", quotes, NULL, CPT_DOCUMENT_SORT_NUMBER, FALSE, NULL, WHERE_TOP },
  { "credit notes by date: jump to the middle", credit_notes, NULL, CPT_DOCUMENT_SORT_DATE, FALSE, NULL, WHERE_MIDDLE },
  { "deposits overdue: first screen", deposits, overdue, CPT_DOCUMENT_SORT_DATE, FALSE, NULL, WHERE_TOP },
  { "invoices paid, \"r\": first screen", invoices, paid, CPT_DOCUMENT_SORT_DATE, FALSE, "r", WHERE_TOP },
  { "invoices paid, \"r\": 10 screens down", invoices, paid, CPT_DOCUMENT_SORT_DATE, FALSE, "r", WHERE_PAGES },
  { "invoices paid, \"r\": jump to the middle", invoices, paid, CPT_DOCUMENT_SORT_DATE, FALSE, "r", WHERE_MIDDLE },
  { "invoices overdue, \"r\": first screen", invoices, overdue, CPT_DOCUMENT_SORT_DATE, FALSE, "r", WHERE_TOP },
  { "invoices paid, \"r\" by client: jump to middle", invoices, paid, CPT_DOCUMENT_SORT_CLIENT, TRUE, "r", WHERE_MIDDLE },
  { "invoices, \"r\" by number: jump to the middle", invoices, NULL, CPT_DOCUMENT_SORT_NUMBER, FALSE, "r", WHERE_MIDDLE },
  { "invoices open, \"re\": 10 screens down", invoices, open_states, CPT_DOCUMENT_SORT_DATE, FALSE, "re", WHERE_PAGES },
};

/* What one keystroke after another asks of the invoices list's search. */
static const char *const keystrokes[] = { "r", "re", "ren", "reno", "renou", "renouvellement", NULL };

typedef struct
{
  double count_ms;      /* making the list: until its count (and first page) is back */
  double positions_ms;  /* then until its positions are taken (0: a list too short for them) */
  double rows_ms;       /* from asking for the rows a screen shows to having them all */
  double main_ms;       /* the longest the calling thread spent in one call of the model */
  guint64 rows;         /* rows read from SQLite */
  guint n;              /* rows in the list */
} Figures;

static gint64 longest_call;

/* Asks for an item as a view does: the time the call takes is time the main loop waits. */
static gboolean
ask (GListModel *model, guint position)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(GObject) item = g_list_model_get_item (model, position);
  gint64 spent = g_get_monotonic_time () - t0;

  if (item == NULL)
    g_error ("no item at %u", position);
  longest_call = MAX (longest_call, spent);
  return !cpt_paged_list_is_placeholder (item);
}

static void
wait_until (gboolean (*done) (CptPagedList *), CptPagedList *list)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!done (list))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the list took more than two minutes");
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
counted (CptPagedList *list)
{
  return !cpt_paged_list_is_counting (list);
}

static gboolean
positioned (CptPagedList *list)
{
  return !cpt_paged_list_is_positioning (list);
}

/* Asks for a screen of rows as a view does, then for the ones still empty each time the
 * main loop wakes, until all are there. */
static void
read_screen (CptPagedList *list, guint from, guint n)
{
  GListModel *model = G_LIST_MODEL (list);
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  for (;;)
    {
      gboolean all = TRUE;

      for (guint i = from; i < MIN (from + SCREEN, n); i++)
        all = ask (model, i) && all;
      if (all)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("rows %u.. never came", from);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
run_list (CptPagedList *(*make) (CptDatabase *, gconstpointer), CptDatabase *db, gconstpointer data,
          Where where, Figures *out)
{
  gint64 t0 = g_get_monotonic_time (), t1, t2;
  g_autoptr(CptPagedList) list = NULL;
  guint n;

  longest_call = 0;
  list = make (db, data);
  longest_call = g_get_monotonic_time () - t0;
  wait_until (counted, list);
  t1 = g_get_monotonic_time ();
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  /* A scrollbar dragged to the middle passes other places first: the first jump (by
   * OFFSET) has the positions taken, and the time until they are is reported apart. */
  if (where == WHERE_MIDDLE || where == WHERE_END)
    {
      read_screen (list, n / 4, n);
      wait_until (positioned, list);
    }
  t2 = g_get_monotonic_time ();
  switch (where)
    {
    case WHERE_TOP:
      read_screen (list, 0, n);
      break;
    case WHERE_MIDDLE:
      read_screen (list, n / 2, n);
      break;
    case WHERE_END:
      read_screen (list, n > SCREEN ? n - SCREEN : 0, n);
      break;
    case WHERE_PAGES:
      for (guint screen = 0; screen <= 10; screen++)
        read_screen (list, screen * SCREEN, n);
      break;
    }
  if (cpt_paged_list_get_error (list) != NULL)
    g_error ("%s", cpt_paged_list_get_error (list)->message);
  out->count_ms = (t1 - t0) / 1000.0;
  out->positions_ms = (t2 - t1) / 1000.0;
  out->rows_ms = (g_get_monotonic_time () - t2) / 1000.0;
  out->main_ms = longest_call / 1000.0;
  out->rows = cpt_paged_list_get_rows_fetched (list);
  out->n = n;
}

static gboolean
warmed (CptPagedList *list)
{
  return !cpt_paged_list_is_warming (list);
}

/* A status chosen, then a search typed in the same list (the window gives its list the new
 * query): once the status's list is counted and its first screen read, its reader gathers
 * the status's documents (CptPagedList:warming) while the user moves to the search field;
 * `at_once`: the search comes without that pause (the gathering is stopped);
 * `search_first`: the other way round, the search typed in the whole list first. */
typedef struct
{
  const char        *name;
  const char *const *states;
  const char        *search;
  gboolean           at_once;
  gboolean           search_first; /* the search typed first, then the status chosen */
} ThenTyped;

static const ThenTyped then_typed[] = {
  { "invoices paid, then \"r\" typed", paid, "r", FALSE },
  { "invoices paid, then \"r\" typed at once", paid, "r", TRUE },
  { "invoices open, then \"re\" typed", open_states, "re", FALSE },
  { "invoices overdue, then \"r\" typed", overdue, "r", FALSE },
  { "invoices, \"r\" typed, then paid chosen", paid, "r", FALSE, TRUE },
  { "invoices, \"re\" typed, then open chosen", open_states, "re", FALSE, TRUE },
};

static void
run_then_typed (CptDatabase *db, const ThenTyped *t, Figures *out)
{
  CptDocumentQuery query = { 0 };
  g_autoptr(CptPagedList) list = NULL;
  gint64 t0, t1;

  query.kinds = invoices;
  query.states = t->search_first ? NULL : t->states;
  query.search = t->search_first ? t->search : NULL;
  query.sort = CPT_DOCUMENT_SORT_DATE;
  query.today = g_getenv ("COMPTOIR_TODAY");
  query.count_in_thread = TRUE;
  list = cpt_document_query_list (db, &query);
  wait_until (counted, list);
  read_screen (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)));
  t0 = g_get_monotonic_time ();
  if (!t->at_once)
    wait_until (warmed, list);
  /* how long the reader gathered (not waited for by anyone) */
  out->positions_ms = (g_get_monotonic_time () - t0) / 1000.0;
  query.search = t->search;
  query.states = t->states;
  longest_call = 0;
  t0 = g_get_monotonic_time ();
  cpt_document_query_relist (list, &query);
  longest_call = g_get_monotonic_time () - t0;
  wait_until (counted, list);
  t1 = g_get_monotonic_time ();
  out->n = g_list_model_get_n_items (G_LIST_MODEL (list));
  read_screen (list, 0, out->n);
  if (cpt_paged_list_get_error (list) != NULL)
    g_error ("%s", cpt_paged_list_get_error (list)->message);
  out->count_ms = (t1 - t0) / 1000.0;
  out->rows_ms = (g_get_monotonic_time () - t1) / 1000.0;
  out->main_ms = longest_call / 1000.0;
  out->rows = cpt_paged_list_get_rows_fetched (list);
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

/* One line: the first run, then the median of the runs after it (a window's list opens
 * connections of its own each time: SQLite's cache starts empty in both, the first run
 * also finds the system's file cache cold if nothing read the file before). */
static void
measure (const char *path, const char *name, CptPagedList *(*make) (CptDatabase *, gconstpointer),
         gconstpointer data, Where where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open_full (path, CPT_DATABASE_OPEN_READ_ONLY, &error);
  g_autofree double *counts = g_new0 (double, runs);
  g_autofree double *positions = g_new0 (double, runs);
  g_autofree double *reads = g_new0 (double, runs);
  g_autofree double *mains = g_new0 (double, runs);
  Figures first, warm;

  if (!wanted (name))
    return;
  if (db == NULL)
    g_error ("%s", error->message);
  run_list (make, db, data, where, &first);
  for (guint i = 0; i < runs; i++)
    {
      run_list (make, db, data, where, &warm);
      counts[i] = warm.count_ms;
      positions[i] = warm.positions_ms;
      reads[i] = warm.rows_ms;
      mains[i] = warm.main_ms;
    }
  printf ("%-44s %8u %8.1f %8.1f | %8.1f %8.1f %8.1f %8.2f %7" G_GUINT64_FORMAT "\n", name, first.n,
          first.count_ms, first.rows_ms, median (counts, runs), median (positions, runs),
          median (reads, runs), median (mains, runs), warm.rows);
  fflush (stdout);
}

/* As measure (), for a search typed after a status was chosen; "position" is how long the
 * reader gathered the status's documents before the search was typed. The connections
 * the lists let go keep what they gathered: only the first run finds none of it. */
static void
measure_then_typed (const char *path, const ThenTyped *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  g_autofree double *counts = g_new0 (double, runs);
  g_autofree double *warms = g_new0 (double, runs);
  g_autofree double *reads = g_new0 (double, runs);
  g_autofree double *mains = g_new0 (double, runs);
  Figures first = { 0 }, warm = { 0 };

  if (!wanted (t->name))
    return;
  if ((db = cpt_database_open_full (path, CPT_DATABASE_OPEN_READ_ONLY, &error)) == NULL)
    g_error ("%s", error->message);
  run_then_typed (db, t, &first);
  for (guint i = 0; i < runs; i++)
    {
      run_then_typed (db, t, &warm);
      counts[i] = warm.count_ms;
      warms[i] = warm.positions_ms;
      reads[i] = warm.rows_ms;
      mains[i] = warm.main_ms;
    }
  printf ("%-44s %8u %8.1f %8.1f | %8.1f %8.1f %8.1f %8.2f %7" G_GUINT64_FORMAT "\n", t->name, first.n,
          first.count_ms, first.rows_ms, median (counts, runs), median (warms, runs),
          median (reads, runs), median (mains, runs), warm.rows);
  fflush (stdout);
}

static CptPagedList *
make_documents (CptDatabase *db, gconstpointer data)
{
  const Case *c = data;
  CptDocumentQuery query = { 0 };

  query.kinds = c->kinds;
  query.states = c->states;
  query.sort = c->sort;
  query.ascending = c->ascending;
  query.search = c->search;
  query.today = g_getenv ("COMPTOIR_TODAY");
  query.count_in_thread = TRUE; /* as the window makes it */
  return cpt_document_query_list (db, &query);
}

static CptPagedList *
make_clients (CptDatabase *db, gconstpointer data)
{
  return cpt_lists_clients (db, data, FALSE);
}

static CptPagedList *
make_products (CptDatabase *db, gconstpointer data)
{
  return cpt_lists_products (db, data, FALSE);
}

int
main (int argc, char **argv)
{
  const char *path = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        runs = (guint) MAX (1, atoi (argv[i + 1])), i++;
      else if (argv[i][0] != '-' && path == NULL)
        path = argv[i];
      else if (argv[i][0] != '-')
        g_ptr_array_add (names, argv[i]);
      else
        path = NULL, i = argc;
    }
  g_ptr_array_add (names, NULL);
  only = (const char *const *) names->pdata;
  if (path == NULL)
    {
      fprintf (stderr, "usage: bench-lists [--runs N] DATABASE [CASE...] (fill it with comptoir-cli demo)\n");
      return 2;
    }
  printf ("%-44s %8s %8s %8s | %8s %8s %8s %8s %7s\n", "", "", "first", "first", "then", "then",
          "then", "then", "rows");
  printf ("%-44s %8s %8s %8s | %8s %8s %8s %8s %7s\n", "list (the window's API)", "items", "count",
          "screen", "count", "position", "screen", "main", "read");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    measure (path, cases[i].name, make_documents, &cases[i], cases[i].where);
  for (guint i = 0; keystrokes[i] != NULL; i++)
    {
      Case typed = { NULL, invoices, NULL, CPT_DOCUMENT_SORT_DATE, FALSE, keystrokes[i], WHERE_TOP };
      g_autofree char *name = g_strdup_printf ("invoices, search typed \"%s\"", keystrokes[i]);

      measure (path, name, make_documents, &typed, WHERE_TOP);
    }
  for (guint i = 0; i < G_N_ELEMENTS (then_typed); i++)
    measure_then_typed (path, &then_typed[i]);
  measure (path, "clients: first screen", make_clients, NULL, WHERE_TOP);
  measure (path, "clients: jump to the middle", make_clients, NULL, WHERE_MIDDLE);
  measure (path, "clients, search typed \"dup\"", make_clients, "dup", WHERE_TOP);
  measure (path, "products: first screen", make_products, NULL, WHERE_TOP);
  return 0;
}
