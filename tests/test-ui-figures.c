/* test-ui-figures.c: the figures the window shows, through its real widgets under a virtual
 * display: a balance invoice's totals block against the figures its PDF prints (one code for
 * both), amounts paid shown as sums received, the rows' balances and the footers of the
 * invoices list and of a client's documents (a draft owes nothing, only what is owed is to
 * collect, nothing counted twice, credit notes taken off), and the dashboard's overdue list,
 * counted as its card and opened whole; counts and totals that cannot be made say so where
 * they would show. */
#include "cpt-ui-test-utils.h"
#include "cpt-test-utils.h"

#include "cpt-client.h"
#include "cpt-client-page.h"
#include "cpt-company.h"
#include "cpt-dashboard-page.h"
#include "cpt-document-list.h"
#include "cpt-document-page.h"
#include "cpt-document-page-private.h"
#include "cpt-document-query.h"
#include "cpt-documents.h"
#include "cpt-documents-page.h"
#include "cpt-gui-utils.h"
#include "cpt-lifecycle.h"
#include "cpt-payments.h"
#include "cpt-render-document.h"

#define TODAY "2026-03-16"
#define EARLIER "2026-02-24"   /* within the month before TODAY: validated without a question */

typedef struct
{
  char   *dir;
  char   *path;
  gint64  client_id;
  gint64  balance_id;
  gint64  deposit_id;
  gint64  proforma_id;
  gint64  final_id;
  gint64  n_overdue;
} Fixture;

static void
add_item (CptDatabase *db,
          gint64       document_id,
          const char  *description,
          gint64       quantity,     /* thousandths */
          gint64       unit_price,   /* 4 decimals */
          gint64       vat_rate)     /* hundredths of a percent */
{
  g_autoptr(CptDocumentLine) line = cpt_document_line_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (line, "kind", "item", "description", description, "quantity", quantity,
                "unit", "C62", "unit-price", unit_price, "vat-rate", vat_rate, NULL);
  g_assert_true (cpt_documents_add_line (db, document_id, line, &error));
  g_assert_no_error (error);
}

static gint64
create (CptDatabase *db,
        const char  *kind,
        gint64       client_id,
        const char  *date,
        const char  *due_date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) document = cpt_documents_create (db, kind, client_id, date, due_date, NULL, &error);

  g_assert_no_error (error);
  return cpt_document_get_id (document);
}

static void
validate (CptDatabase *db,
          gint64       id)
{
  g_autoptr(GError) error = NULL;

  cpt_lifecycle_validate (db, id, NULL, &error);
  g_assert_no_error (error);
}

/* A business and a client. */
static CptDatabase *
fixture_open (Fixture *f)
{
  g_autoptr(CptDatabase) db = ui_new_company_file (&f->dir, &f->path, "Boulangerie Martin",
                                                      &f->client_id);
  return g_steal_pointer (&db);
}

static void
fixture_clear (Fixture *f)
{
  cpt_test_cleanup_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The totals block as shown: "label = value" per row. */
static char *
shown_totals (CptDocumentPage *page)
{
  GtkGrid *grid = cpt_document_page_get_totals_grid (page);
  GString *out = g_string_new (NULL);

  for (int row = 0; gtk_grid_get_child_at (grid, 0, row) != NULL; row++)
    g_string_append_printf (out, "%s = %s\n",
                            gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 0, row))),
                            gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 1, row))));
  return g_string_free (out, FALSE);
}

static void
append_row (GString *out, const char *label, gint64 amount)
{
  g_autofree char *text = cpt_format_money (amount, "EUR");

  g_string_append_printf (out, "%s = %s\n", label, text);
}

/* ---------------------------------------------------------------- a balance invoice */

/* A quote at two VAT rates, deposits of 30 % and 20 % validated, the balance invoice
 * validated and partly paid; the first deposit paid in full. */
static void
balance_scenario (CptApplication *app,
                  CptWindow      *window,
                  gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptRenderDocument) printed = cpt_render_document_load (db, f->balance_id, &error);
  const CptTotalsFigures *figures;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *shown = NULL;
  gint64 bases = 0, vat = 0;
  CptDocumentPage *page;

  g_assert_no_error (error);
  figures = &printed->figures;
  /* What the PDF prints adds up: the breakdown is that of the amounts billed. */
  for (guint i = 0; i < printed->totals.vat->len; i++)
    {
      bases += g_array_index (printed->totals.vat, CptVatEntry, i).base;
      vat += g_array_index (printed->totals.vat, CptVatEntry, i).vat;
    }
  g_assert_true (figures->deducts_deposits);
  g_assert_cmpint (figures->net, ==, bases);
  g_assert_cmpint (figures->vat, ==, vat);
  g_assert_cmpint (figures->order_net - figures->deposits_net, ==, figures->net);
  g_assert_cmpint (figures->net + figures->vat, ==, figures->gross);
  g_assert_cmpint (figures->paid, ==, 100000);

  /* The window shows the very figures the PDF prints, row for row. */
  page = ui_open_document (window, f->balance_id);
  append_row (expected, "Order total without VAT", figures->order_net);
  append_row (expected, "Deposits deducted without VAT", -figures->deposits_net);
  append_row (expected, "Total without VAT", figures->net);
  for (guint i = 0; i < printed->totals.vat->len; i++)
    {
      const CptVatEntry *entry = &g_array_index (printed->totals.vat, CptVatEntry, i);
      g_autofree char *rate = cpt_format_percent (entry->rate);
      g_autofree char *base = cpt_format_money (entry->base, "EUR");
      g_autofree char *label = g_strdup_printf ("VAT %s on %s", rate, base);

      append_row (expected, label, entry->vat);
    }
  append_row (expected, "Amount due", figures->gross);
  append_row (expected, "Already paid", figures->paid);
  append_row (expected, "Left to pay", figures->left);
  shown = shown_totals (page);
  g_assert_cmpstr (shown, ==, expected->str);
  ui_snapshot (GTK_WIDGET (window), "ui-figures-1-balance");

  /* A deposit invoice paid in full: what was paid is a sum received, not a negative one. */
  {
    g_autoptr(CptDocument) deposit = cpt_documents_load (db, f->deposit_id, NULL);
    g_autofree char *paid = cpt_format_money (cpt_document_get_amount_due (deposit), "EUR");
    g_autofree char *paid_row = g_strdup_printf ("Already paid = %s\n", paid);
    g_autofree char *deposit_shown = NULL;

    page = ui_open_document (window, f->deposit_id);
    deposit_shown = shown_totals (page);
    g_assert_nonnull (strstr (deposit_shown, paid_row));
    g_assert_nonnull (strstr (deposit_shown, "Left to pay = €0.00\n"));
    g_assert_null (strstr (deposit_shown, "-€"));
  }
}

static gint64
accepted_quote (CptDatabase *db, gint64 client_id)
{
  g_autoptr(GError) error = NULL;
  gint64 quote = create (db, "quote", client_id, EARLIER, NULL);

  add_item (db, quote, "Rénovation de la boutique", 1000, 37655500, 2000);   /* 3 765.55 */
  add_item (db, quote, "Livres de recettes", 7000, 2143300, 550);           /* 7 x 214.33 */
  validate (db, quote);
  g_assert_true (cpt_lifecycle_quote_send (db, quote, NULL, &error));
  g_assert_true (cpt_lifecycle_quote_accept (db, quote, NULL, &error));
  g_assert_no_error (error);
  return quote;
}

static void
test_balance (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  g_autoptr(GError) error = NULL;
  gint64 quote = accepted_quote (db, f.client_id);
  gint64 second;
  CptAllocation part = { 0, 0, 100000 };

  f.deposit_id = cpt_lifecycle_quote_invoice (db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 3000, &error);
  g_assert_no_error (error);
  validate (db, f.deposit_id);
  g_assert_cmpint (cpt_payments_mark_paid (db, f.deposit_id, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  second = cpt_lifecycle_quote_invoice (db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 2000, &error);
  g_assert_no_error (error);
  validate (db, second);
  f.balance_id = cpt_lifecycle_quote_invoice (db, quote, CPT_QUOTE_INVOICE_BALANCE, 0, &error);
  g_assert_no_error (error);
  validate (db, f.balance_id);
  part.document_id = f.balance_id;
  g_assert_cmpint (cpt_payments_add (db, f.client_id, NULL, 100000, "transfer", NULL, NULL, &part, 1, &error), >, 0);
  g_assert_no_error (error);

  ui_run (f.path, balance_scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* ---------------------------------------------------------------- list footers */

static const char *
footer_of (CptDocumentList *list)
{
  return cpt_document_list_get_total_text (list);
}

typedef struct
{
  CptDocumentList *list;
  const char      *wanted;
} FooterCheck;

static gboolean
footer_shows (gpointer data)
{
  FooterCheck *check = data;
  const char *text = footer_of (check->list);

  return text != NULL && strstr (text, check->wanted) != NULL;
}

static gboolean
match_css_name (GtkWidget    *widget,
                gconstpointer data)
{
  return g_strcmp0 (gtk_widget_get_css_name (widget), data) == 0 && gtk_widget_get_mapped (widget);
}

/* What a cell shows: its text cell's text, "" when it shows nothing. */
static const char *
cell_text (GtkWidget *cell)
{
  GtkWidget *text_cell = ui_find (cell, ui_match_type, GSIZE_TO_POINTER (CPT_TYPE_TEXT_CELL));
  const char *text;

  if (text_cell == NULL || !gtk_widget_get_visible (text_cell))
    return "";
  text = cpt_text_cell_get_text (CPT_TEXT_CELL (text_cell));
  return text != NULL ? text : "";
}

/* The rows as shown, one "number: balance" line each in the order of the list, read from
 * the cells the column view draws (the balance cell is the one under the "Balance" title). */
static char *
shown_balances (CptDocumentList *list)
{
  GtkColumnView *view = cpt_document_list_get_column_view (list);
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GPtrArray) rows = ui_find_all (GTK_WIDGET (view), match_css_name, "row");
  GString *out = g_string_new (NULL);
  guint balance_column = 0;
  gboolean found = FALSE;

  /* The cells of a row are those of the visible columns, in order. */
  for (guint i = 0; !found && i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      found = g_strcmp0 (gtk_column_view_column_get_title (column), "Balance") == 0 &&
              gtk_column_view_column_get_visible (column);
      if (!found && gtk_column_view_column_get_visible (column))
        balance_column++;
    }
  g_assert_true (found);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkWidget *cell = gtk_widget_get_first_child (row);
      GtkWidget *number = cell;

      /* Only the rows of documents (the header's titles are labels, not text cells). */
      if (cell == NULL || ui_find (cell, ui_match_type, GSIZE_TO_POINTER (CPT_TYPE_TEXT_CELL)) == NULL)
        continue;
      for (guint c = 0; c < balance_column && cell != NULL; c++)
        cell = gtk_widget_get_next_sibling (cell);
      g_assert_nonnull (cell);
      g_string_append_printf (out, "%s: %s\n", cell_text (number), cell_text (cell));
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  CptDocumentList *list;
  const char      *wanted;
  char            *shown;
} RowsCheck;

static gboolean
balances_show (gpointer data)
{
  RowsCheck *check = data;

  g_free (check->shown);
  check->shown = shown_balances (check->list);
  return g_strcmp0 (check->shown, check->wanted) == 0;
}

static void
assert_balances (CptDocumentList *list,
                 const char      *wanted)
{
  RowsCheck check = { list, wanted, NULL };

  if (!ui_wait_until (balances_show, &check, 10))
    g_error ("the rows show balances\n%swanted\n%s", check.shown, wanted);
  g_free (check.shown);
}

static void
footers_scenario (CptApplication *app,
                  CptWindow      *window,
                  gpointer        data)
{
  CptDatabase *db = cpt_application_get_database (app);
  Fixture *f = data;
  AdwNavigationPage *page;
  CptDocumentList *list;
  FooterCheck check;

  /* Invoices (with pro forma): the draft is not owed, the pro forma not counted beside the
   * invoice it became. */
  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "invoices");
  page = cpt_window_get_visible_page (window);
  g_assert_true (CPT_IS_DOCUMENTS_PAGE (page));
  list = cpt_documents_page_get_list (CPT_DOCUMENTS_PAGE (page));
  check.list = list;
  check.wanted = "4 invoices · Net €600.00 · Gross €720.00 · To collect €480.00";
  if (!ui_wait_until (footer_shows, &check, 10))
    g_error ("the invoices footer says “%s”", footer_of (list));
  /* Row by row: a draft owes nothing, so its balance is empty (not its amount); a pro forma
   * is never owed; the invoice owes what its credit note left. Newest first. */
  assert_balances (list,
                   "FA-2026-0002: €360.00\n"
                   "PF-2026-0001: \n"
                   "FA-2026-0001: €120.00\n"
                   "Draft: \n");
  ui_snapshot (GTK_WIDGET (window), "ui-figures-2-invoices");

  /* The client's documents: the credit note is taken off. */
  ui_activate (GTK_WIDGET (window), "win.open-client", "x", f->client_id);
  ui_wait (300);
  page = cpt_window_get_visible_page (window);
  g_assert_true (CPT_IS_CLIENT_PAGE (page));
  UI_WATCHED (adw_view_stack_set_visible_child_name (cpt_client_page_get_view_stack (CPT_CLIENT_PAGE (page)), "documents"));
  list = CPT_DOCUMENT_LIST (ui_find_type (GTK_WIDGET (page), CPT_TYPE_DOCUMENT_LIST));
  g_assert_nonnull (list);
  check.list = list;
  check.wanted = "5 documents · Net €500.00 · Gross €600.00 · To collect €480.00";
  if (!ui_wait_until (footer_shows, &check, 10))
    g_error ("the client's documents footer says “%s”", footer_of (list));
  /* A credit note owes nothing either: it takes off what its invoice owes. */
  assert_balances (list,
                   "FA-2026-0002: €360.00\n"
                   "AV-2026-0001: \n"
                   "PF-2026-0001: \n"
                   "FA-2026-0001: €120.00\n"
                   "Draft: \n");
  ui_snapshot (GTK_WIDGET (window), "ui-figures-3-client-documents");

  /* A selection adds up as the whole list does. */
  gtk_selection_model_select_all (cpt_document_list_get_selection (list));
  ui_wait (100);
  g_assert_nonnull (strstr (cpt_document_list_get_selection_text (list), "Net €500.00 · Gross €600.00"));
  (void) db;
}

static void
test_footers (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  CptCreditPart one = { 0, 1000 };
  gint64 draft, invoice, note;

  /* A draft of 120.00: listed, not owed. */
  draft = create (db, "invoice", f.client_id, EARLIER, NULL);
  add_item (db, draft, "Croissants", 1000, 1000000, 2000);
  /* An invoice of 240.00, half of it credited: 120.00 owed. */
  invoice = create (db, "invoice", f.client_id, EARLIER, NULL);
  add_item (db, invoice, "Formation", 2000, 1000000, 2000);
  validate (db, invoice);
  lines = cpt_documents_load_lines (db, invoice, &error);
  one.line_id = cpt_document_line_get_id (g_ptr_array_index (lines, 0));
  note = cpt_lifecycle_credit (db, invoice, &one, 1, &error);
  g_assert_no_error (error);
  validate (db, note);
  /* A pro forma of 360.00 made into an invoice: 360.00 owed, once. */
  f.proforma_id = create (db, "proforma", f.client_id, EARLIER, NULL);
  add_item (db, f.proforma_id, "Four à pain", 1000, 3000000, 2000);
  f.final_id = cpt_lifecycle_finalize (db, f.proforma_id, &error);
  g_assert_no_error (error);
  validate (db, f.final_id);

  /* The figures come from core, for the list and for any script alike. */
  {
    static const char *const invoices[] = { "invoice", "proforma", NULL };
    CptDocumentQuery query = { .kinds = invoices, .today = TODAY };
    CptDocumentSums sums;

    g_assert_true (cpt_document_query_sums (db, &query, &sums, NULL, &error));
    g_assert_cmpint (sums.count, ==, 4);
    g_assert_cmpint (sums.net, ==, 60000);
    g_assert_cmpint (sums.gross, ==, 72000);
    g_assert_cmpint (sums.balance, ==, 48000);
    query.kinds = NULL;
    query.client_id = f.client_id;
    g_assert_true (cpt_document_query_sums (db, &query, &sums, NULL, &error));
    g_assert_cmpint (sums.count, ==, 5);
    g_assert_cmpint (sums.net, ==, 50000);
    g_assert_cmpint (sums.gross, ==, 60000);
    g_assert_cmpint (sums.balance, ==, 48000);
  }

  ui_run (f.path, footers_scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* ---------------------------------------------------------------- the dashboard's overdue list */

static gboolean
invoices_are_shown (gpointer window)
{
  AdwNavigationPage *page = cpt_window_get_visible_page (window);

  return CPT_IS_DOCUMENTS_PAGE (page) &&
         g_strcmp0 (cpt_window_get_section (window), "invoices") == 0;
}

static void
overdue_scenario (CptApplication *app,
                  CptWindow      *window,
                  gpointer        data)
{
  Fixture *f = data;
  AdwNavigationPage *page;
  CptDocumentList *list;
  g_autofree char *more = g_strdup_printf ("And %" G_GINT64_FORMAT " more", f->n_overdue + 1 - 12);
  FooterCheck check;

  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "dashboard");
  g_assert_true (ui_wait_until (ui_dashboard_is_loaded, window, 10));
  page = cpt_window_get_visible_page (window);
  /* The rest of the list counts from the card's figure (the invoices and the deposit). */
  g_assert_nonnull (ui_find_row (GTK_WIDGET (page), more));
  g_assert_nonnull (ui_find_row (GTK_WIDGET (page), "1 overdue deposit invoice"));
  ui_snapshot (GTK_WIDGET (window), "ui-figures-4-dashboard");

  /* The whole list opens in Invoices, filtered on overdue. */
  ui_click (GTK_WIDGET (page), "See All");
  g_assert_true (ui_wait_until (invoices_are_shown, window, 10));
  page = cpt_window_get_visible_page (window);
  list = cpt_documents_page_get_list (CPT_DOCUMENTS_PAGE (page));
  ui_wait_for_list_items (list, f->n_overdue);
  check.list = list;
  check.wanted = "105 invoices";
  if (!ui_wait_until (footer_shows, &check, 10))
    g_error ("the overdue invoices footer says “%s”", footer_of (list));
  ui_snapshot (GTK_WIDGET (window), "ui-figures-5-overdue-invoices");
}

static void
test_overdue (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  g_autoptr(GError) error = NULL;
  gint64 quote, deposit;

  /* More overdue invoices than the dashboard loads (100) and than it lists (12). */
  f.n_overdue = 105;
  for (gint64 i = 0; i < f.n_overdue; i++)
    {
      gint64 id = create (db, "invoice", f.client_id, EARLIER, EARLIER);

      add_item (db, id, "Pain de campagne", 1000, 100000, 550);
      validate (db, id);
    }
  /* And one overdue deposit invoice, which Invoices does not list. */
  quote = accepted_quote (db, f.client_id);
  deposit = cpt_lifecycle_quote_invoice (db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 3000, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CptDocument) document = cpt_documents_load (db, deposit, &error);

    g_object_set (document, "date", EARLIER, "due-date", EARLIER, NULL);
    g_assert_true (cpt_documents_update (db, document, &error));
    g_assert_no_error (error);
  }
  validate (db, deposit);

  ui_run (f.path, overdue_scenario, &f);
  g_clear_object (&db);
  fixture_clear (&f);
}

/* ---------------------------------------------------------------- counts that fail */

static void
run_sql (const char *path, const char *sql)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  sqlite3_busy_timeout (raw, 5000);
  if (sqlite3_exec (raw, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (raw));
  sqlite3_close (raw);
}

typedef struct
{
  CptWindow  *window;
  const char *section;
  const char *text;
} CountCheck;

static gboolean
count_shows (gpointer data)
{
  CountCheck *check = data;
  GtkLabel *label = cpt_window_get_count_label (check->window, check->section);

  return gtk_widget_get_visible (GTK_WIDGET (label)) &&
         g_strcmp0 (gtk_label_get_text (label), check->text) == 0;
}

/* Runs `sql` on the worker's connection, the one that counts and adds up (the lists read
 * their rows on connections of their own). */
static gpointer
exec_job (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  return cpt_database_exec (db, data, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
exec_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (cpt_worker_run_finish (CPT_WORKER (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
exec_in_worker (CptApplication *app, const char *sql)
{
  gboolean done = FALSE;

  cpt_worker_run_async (cpt_application_get_worker (app), exec_job, (gpointer) sql, NULL, NULL,
                        NULL, exec_done, &done);
  g_assert_true (ui_wait_until (is_true, &done, 10));
}

static void
failed_counts_scenario (CptApplication *app,
                        CptWindow      *window,
                        gpointer        data)
{
  Fixture *f = data;
  CountCheck check = { window, "invoices", "1" };
  FooterCheck footer;
  CptDocumentList *list;
  GtkLabel *label;
  const char *tooltip;

  g_assert_true (ui_wait_until (count_shows, &check, 10));
  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "invoices");
  list = cpt_documents_page_get_list (CPT_DOCUMENTS_PAGE (cpt_window_get_visible_page (window)));
  footer.list = list;
  footer.wanted = "1 invoice · Net €100.00";
  if (!ui_wait_until (footer_shows, &footer, 10))
    g_error ("the invoices footer says “%s”", footer_of (list));

  /* The worker's connection finds a table of that name it cannot read (a temporary one
   * hides the file's own), and another program writes, which has the figures made again. */
  exec_in_worker (app, "CREATE TEMP TABLE document_marks (gone INTEGER)");
  run_sql (f->path, "UPDATE clients SET city = 'Lyon' WHERE id = 1");

  /* Where the figures would be: “?” in the sidebar, the footer says the totals are missing;
   * why, in their tooltips. */
  check.text = "?";
  if (!ui_wait_until (count_shows, &check, 10))
    g_error ("the invoices count says “%s”", gtk_label_get_text (cpt_window_get_count_label (window, "invoices")));
  label = cpt_window_get_count_label (window, "invoices");
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (label));
  g_assert_nonnull (tooltip);
  g_assert_true (g_str_has_prefix (tooltip, "Could not count: "));
  g_assert_nonnull (strstr (tooltip, "document_id"));
  footer.wanted = "· Could not add up the totals";
  if (!ui_wait_until (footer_shows, &footer, 10))
    g_error ("the invoices footer says “%s”", footer_of (list));
  ui_snapshot (GTK_WIDGET (window), "counts-failed");

  /* Back in place: the figures come back with the next change. */
  exec_in_worker (app, "DROP TABLE temp.document_marks");
  run_sql (f->path, "UPDATE clients SET city = 'Villeurbanne' WHERE id = 1");
  check.text = "1";
  g_assert_true (ui_wait_until (count_shows, &check, 10));
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (label)));
  footer.wanted = "1 invoice · Net €100.00";
  if (!ui_wait_until (footer_shows, &footer, 10))
    g_error ("the invoices footer says “%s”", footer_of (list));
}

/* A count or a total that cannot be made is said where it would show, not only logged. */
static void
test_failed_counts (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = fixture_open (&f);
  gint64 id = create (db, "invoice", f.client_id, EARLIER, EARLIER);

  add_item (db, id, "Pain de campagne", 1000, 1000000, 2000);
  validate (db, id);
  g_clear_object (&db);
  ui_run (f.path, failed_counts_scenario, &f);
  fixture_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("COMPTOIR_TODAY", TODAY, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/figures/balance", test_balance);
  g_test_add_func ("/ui/figures/footers", test_footers);
  g_test_add_func ("/ui/figures/overdue", test_overdue);
  g_test_add_func ("/ui/figures/failed-counts", test_failed_counts);

  return g_test_run ();
}
