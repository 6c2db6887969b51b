/* test-ui-dialogs.c: the record dialogs (a new client, a new document, the product chooser,
 * a product, a payment) read and write in the worker, off the main loop (issue 12). With
 * COMPTOIR_MAIN_THREAD_SQL set every statement run on the main thread is counted: opening
 * each dialog, filling it and saving it must run none. The dialogs are opened by the
 * window's actions, as a person opens them. */
#include <sqlite3.h>

#include "cpt-ui-test-utils.h"
#include "cpt-test-utils.h"

#include "cpt-client-page.h"
#include "cpt-documents.h"
#include "cpt-lifecycle.h"
#include "cpt-lists.h"
#include "cpt-payment-dialog.h"
#include "cpt-payments.h"
#include "cpt-product.h"
#include "cpt-product-chooser.h"
#include "cpt-product-dialog.h"
#include "cpt-store-watch.h"
#include "cpt-worker.h"

#define TODAY "2026-03-16"

typedef struct
{
  char        *dir;
  char        *path;
  gint64       client_id;
  gint64       invoice_id;
  gint64       product_id;
  gint64       payment_id;
  guint        n_failed;
} Fixture;

/* What may still run on the main thread: a read of a counter in shared memory (the context
 * looks at it when another program writes). */
static gboolean
is_allowed_on_main_thread (const char *sql)
{
  return g_str_equal (sql, "PRAGMA data_version");
}

/* Says what `step` ran on the main thread since the count was `before`; the test fails at
 * the end (after every step was tried, so that one run tells about them all). */
static void
check_main_thread (Fixture *f, const char *step, guint64 before)
{
  g_auto(GStrv) run = cpt_store_watch_dup_since (before);
  guint n = 0;

  for (guint i = 0; run[i] != NULL; i++)
    if (!is_allowed_on_main_thread (run[i]))
      {
        g_printerr ("%s ran on the main thread: %s\n", step, run[i]);
        n++;
      }
  g_test_message ("%s: %u statements on the main thread", step, n);
  g_printerr ("%s: %u statements on the main thread\n", step, n);
  if (n > 0)
    f->n_failed++;
}

static gboolean
client_page_loaded (gpointer window)
{
  AdwNavigationPage *page = cpt_window_get_visible_page (window);

  return CPT_IS_CLIENT_PAGE (page) && cpt_client_page_is_loaded (CPT_CLIENT_PAGE (page));
}

typedef struct
{
  CptDocumentPage *page;
  guint            n_lines;
} LinesCount;

static gboolean
has_lines (gpointer data)
{
  LinesCount *count = data;

  return g_list_model_get_n_items (cpt_document_page_get_lines (count->page)) == count->n_lines;
}

static void
dialogs_scenario (CptApplication *app,
                  CptWindow      *window,
                  gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(CptPagedList) clients = NULL;
  g_autoptr(CptPagedList) products = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GArray) allocations = NULL;
  CptDocumentPage *page;
  AdwDialog *dialog;
  LinesCount count;
  gint64 client_id, document_id;
  guint64 before;

  /* What the dashboard started is over before the count starts. */
  g_assert_true (ui_wait_until (ui_dashboard_is_loaded, window, 10));
  ui_wait (500);

  /* A new client. */
  before = cpt_store_watch_get_n_statements ();
  ui_activate (GTK_WIDGET (window), "win.new-client", NULL);
  dialog = ui_wait_for_dialog (window);
  ui_type_in_row (GTK_WIDGET (dialog), "Name", "Boulangerie Martin");
  ui_type_in_row (GTK_WIDGET (dialog), "SIREN", "542 051 180");
  ui_click (GTK_WIDGET (dialog), "Create");
  ui_wait_for_no_dialog (window);
  g_assert_true (ui_wait_until (client_page_loaded, window, 10));
  check_main_thread (f, "new client", before);
  clients = cpt_lists_clients (db, "Martin", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 1);
  client_id = cpt_client_page_get_id (CPT_CLIENT_PAGE (cpt_window_get_visible_page (window)));
  g_assert_cmpint (client_id, >, 0);

  /* A new invoice for that client, from its page: the client is shown by name. */
  before = cpt_store_watch_get_n_statements ();
  ui_activate (GTK_WIDGET (cpt_window_get_visible_page (window)), "client.new-document", "s", "invoice");
  dialog = ui_wait_for_dialog (window);
  g_assert_nonnull (ui_find_label (GTK_WIDGET (dialog), "Boulangerie Martin"));
  ui_type_in_row (GTK_WIDGET (dialog), "Title (optional)", "Pains");
  ui_click (GTK_WIDGET (dialog), "Create");
  ui_wait_for_no_dialog (window);
  page = ui_visible_page (window, CPT_TYPE_DOCUMENT_PAGE);
  document_id = cpt_document_page_get_id (page);
  g_assert_cmpint (document_id, >, 0);
  check_main_thread (f, "new document", before);

  /* A product from the catalogue, onto a line. */
  before = cpt_store_watch_get_n_statements ();
  ui_activate (GTK_WIDGET (page), "document.add-product", NULL);
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_PRODUCT_CHOOSER (dialog));
  cpt_product_chooser_choose (CPT_PRODUCT_CHOOSER (dialog), 0);
  ui_wait_for_no_dialog (window);
  count = (LinesCount) { page, 1 };
  g_assert_true (ui_wait_until (has_lines, &count, 10));
  ui_wait_for_page_write (GTK_WIDGET (page));
  check_main_thread (f, "product chosen", before);

  /* A new product, from the chooser: searched, not found, created, onto a line. */
  before = cpt_store_watch_get_n_statements ();
  ui_activate (GTK_WIDGET (page), "document.add-product", NULL);
  dialog = ui_wait_for_dialog (window);
  gtk_editable_set_text (GTK_EDITABLE (cpt_product_chooser_get_search_entry (CPT_PRODUCT_CHOOSER (dialog))),
                         "Lampe d’atelier");
  ui_wait_for_dialog_idle (dialog);
  ui_wait (100);
  ui_click (GTK_WIDGET (dialog), "New…");
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_PRODUCT_DIALOG (dialog));
  cpt_product_dialog_set_price_text (CPT_PRODUCT_DIALOG (dialog), "89");
  ui_click (GTK_WIDGET (dialog), "Create");
  ui_wait_for_no_dialog (window);
  count = (LinesCount) { page, 2 };
  g_assert_true (ui_wait_until (has_lines, &count, 10));
  ui_wait_for_page_write (GTK_WIDGET (page));
  check_main_thread (f, "new product", before);
  products = cpt_lists_products (db, "Lampe", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (products)), ==, 1);
  lines = cpt_documents_load_lines (db, document_id, NULL);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpint (cpt_document_line_get_unit_price (g_ptr_array_index (lines, 1)), ==, 890000);

  /* A payment of the first client, from its page, allocated to its open invoice. */
  ui_activate (GTK_WIDGET (window), "win.open-client", "x", f->client_id);
  g_assert_true (ui_wait_until (client_page_loaded, window, 10));
  ui_wait (300);
  before = cpt_store_watch_get_n_statements ();
  ui_activate (GTK_WIDGET (cpt_window_get_visible_page (window)), "client.record-payment", NULL);
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_PAYMENT_DIALOG (dialog));
  ui_type_in_row (GTK_WIDGET (dialog), "Amount Received", "50");
  ui_wait (100);
  ui_click (GTK_WIDGET (dialog), "Record");
  ui_wait_for_no_dialog (window);
  ui_wait (300);
  check_main_thread (f, "payment", before);
  allocations = cpt_payments_allocations_of_document (db, f->invoice_id, NULL);
  g_assert_cmpuint (allocations->len, ==, 1);
  g_assert_cmpint (g_array_index (allocations, CptAllocation, 0).amount, ==, 5000);

  g_assert_cmpuint (f->n_failed, ==, 0);
}

static void
test_dialogs (void)
{
  Fixture f = { 0 };

  {
    g_autoptr(CptDatabase) db = ui_new_company_file (&f.dir, &f.path, "Librairie Moreau", &f.client_id);
    g_autoptr(CptProduct) product = cpt_product_new ();
    g_autoptr(GError) error = NULL;

    g_object_set (product, "type", "service", "name", "Reliure", "unit", "C62",
                  "unit-price", (gint64) 250000, "vat-rate", (gint64) 2000, NULL);
    g_assert_true (cpt_product_insert (product, db, &error));
    g_assert_no_error (error);
    f.invoice_id = ui_validated_invoice (db, f.client_id, 1000000, 2000);
  }
  ui_run (f.path, dialogs_scenario, &f);
  cpt_test_cleanup_dir (f.dir);
  g_free (f.dir);
  g_free (f.path);
}

/* A job that holds the worker a while: what is asked after it waits, as it would behind a
 * long read on a big file. */
static gpointer
hold_worker (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  g_usleep (GPOINTER_TO_UINT (data) * 1000);
  return GINT_TO_POINTER (TRUE);
}

static void
hold (CptApplication *app, guint milliseconds)
{
  cpt_worker_run_async (cpt_context_get_worker (cpt_application_get_context (app)), hold_worker,
                        GUINT_TO_POINTER (milliseconds), NULL, NULL, NULL, NULL, NULL);
}

static gboolean
is_busy (AdwDialog *dialog)
{
  gboolean busy = FALSE;

  g_object_get (dialog, "busy", &busy, NULL);
  return busy;
}

static const char *
row_text (AdwDialog *dialog, const char *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (ui_find_row (GTK_WIDGET (dialog), title)));
}

static gboolean
match_banner (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_BANNER (widget) && adw_banner_get_revealed (ADW_BANNER (widget)) &&
         strstr (adw_banner_get_title (ADW_BANNER (widget)), data) != NULL;
}

static void
wait_scenario (CptApplication *app,
               CptWindow      *window,
               gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  CptContext *context = cpt_application_get_context (app);
  g_autoptr(CptProduct) product = NULL;
  g_autoptr(CptPagedList) products = NULL;
  AdwDialog *dialog;
  GtkWidget *save;

  g_assert_true (ui_wait_until (ui_dashboard_is_loaded, window, 10));

  /* A product being read: its fields wait, insensitive, and so does Save. */
  hold (app, 1500);
  dialog = ADW_DIALOG (cpt_product_dialog_new (context, f->product_id));
  adw_dialog_present (dialog, GTK_WIDGET (window));
  ui_wait (400);
  g_assert_true (is_busy (dialog));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (ui_find_row (GTK_WIDGET (dialog), "Name"))));
  save = ui_find_button (GTK_WIDGET (dialog), "Save");
  g_assert_false (gtk_widget_is_sensitive (save));
  ui_snapshot (GTK_WIDGET (window), "ui-dialogs-1-product-loading");
  ui_wait_for_dialog_idle (dialog);
  g_assert_cmpstr (adw_dialog_get_title (dialog), ==, "Reliure");
  g_assert_cmpstr (row_text (dialog, "Name"), ==, "Reliure");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (ui_find_row (GTK_WIDGET (dialog), "Name"))));
  g_assert_true (gtk_widget_is_sensitive (save));
  ui_wait (300);
  ui_snapshot (GTK_WIDGET (window), "ui-dialogs-2-product-loaded");

  /* Saving: Save waits for the write, which waits behind the held worker. */
  ui_type_in_row (GTK_WIDGET (dialog), "Name", "Reliure cuir");
  hold (app, 1000);
  ui_click (GTK_WIDGET (dialog), "Save");
  ui_wait (200);
  g_assert_true (is_busy (dialog));
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_true (ui_visible_dialog (window) == dialog);
  ui_snapshot (GTK_WIDGET (window), "ui-dialogs-3-product-saving");
  ui_wait_for_no_dialog (window);
  product = cpt_product_load (db, f->product_id, NULL);
  g_assert_cmpstr (cpt_product_get_name (product), ==, "Reliure cuir");

  /* Refused in the worker (no name): said in plain words in the dialog, which stays open
   * with what was typed. */
  dialog = ADW_DIALOG (cpt_product_dialog_new (context, 0));
  adw_dialog_present (dialog, GTK_WIDGET (window));
  dialog = ui_wait_for_dialog (window);
  cpt_product_dialog_set_price_text (CPT_PRODUCT_DIALOG (dialog), "12");
  g_assert_true (cpt_product_dialog_save (CPT_PRODUCT_DIALOG (dialog)));
  ui_wait_for_dialog_idle (dialog);
  g_assert_true (ui_visible_dialog (window) == dialog);
  g_assert_nonnull (ui_find (GTK_WIDGET (dialog), match_banner, "cannot be empty"));
  g_assert_cmpstr (row_text (dialog, "Unit Price without VAT"), ==, "12");
  ui_wait (300);
  ui_snapshot (GTK_WIDGET (window), "ui-dialogs-4-product-refused");
  products = cpt_lists_products (db, NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (products)), ==, 1);
  adw_dialog_force_close (dialog);
  ui_wait_for_no_dialog (window);

  /* Archived, then deleted by another program before Undo: Undo says it could not, over the
   * window, as the dialog is gone by then. */
  dialog = ADW_DIALOG (cpt_product_dialog_new (context, f->product_id));
  adw_dialog_present (dialog, GTK_WIDGET (window));
  ui_wait_for_dialog_idle (dialog);
  ui_click (GTK_WIDGET (dialog), "Archive");
  ui_wait_for_no_dialog (window);
  g_assert_nonnull (ui_find_label (GTK_WIDGET (window), "“Reliure cuir” archived"));
  {
    sqlite3 *raw = NULL;

    g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
    sqlite3_busy_timeout (raw, 5000);
    g_assert_cmpint (sqlite3_exec (raw, "DELETE FROM products WHERE name = 'Reliure cuir'", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_changes (raw), ==, 1);
    sqlite3_close (raw);
  }
  ui_click (GTK_WIDGET (window), "Undo");
  dialog = ui_wait_for_dialog (window);
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==, "Could not undo");
  ui_click (GTK_WIDGET (dialog), "Close");
  ui_wait_for_no_dialog (window);

  /* A recorded payment, read while the worker is held: shown once read. */
  hold (app, 1000);
  dialog = ADW_DIALOG (cpt_payment_dialog_new_for_payment (context, f->payment_id));
  adw_dialog_present (dialog, GTK_WIDGET (window));
  ui_wait (300);
  g_assert_true (is_busy (dialog));
  ui_snapshot (GTK_WIDGET (window), "ui-dialogs-5-payment-loading");
  ui_wait_for_dialog_idle (dialog);
  g_assert_nonnull (ui_find_row (GTK_WIDGET (dialog), "Not allocated: the client’s credit"));
  g_assert_nonnull (ui_find_label (GTK_WIDGET (dialog), "Librairie Moreau"));
  ui_wait (300);
  ui_snapshot (GTK_WIDGET (window), "ui-dialogs-6-payment-loaded");
  adw_dialog_close (dialog);
  ui_wait_for_no_dialog (window);
}

static void
test_wait (void)
{
  Fixture f = { 0 };

  {
    g_autoptr(CptDatabase) db = ui_new_company_file (&f.dir, &f.path, "Librairie Moreau", &f.client_id);
    g_autoptr(CptProduct) product = cpt_product_new ();
    g_autoptr(GError) error = NULL;

    g_object_set (product, "type", "service", "name", "Reliure", "unit", "C62",
                  "unit-price", (gint64) 250000, "vat-rate", (gint64) 2000, NULL);
    g_assert_true (cpt_product_insert (product, db, &error));
    g_assert_no_error (error);
    f.product_id = cpt_product_get_id (product);
    f.payment_id = cpt_payments_add (db, f.client_id, NULL, 5000, "transfer", "VIR 7", NULL, NULL, 0, &error);
    g_assert_no_error (error);
  }
  ui_run (f.path, wait_scenario, &f);
  cpt_test_cleanup_dir (f.dir);
  g_free (f.dir);
  g_free (f.path);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("COMPTOIR_TODAY", TODAY, TRUE);
  /* Counts (and logs) every statement run on the main thread; read once, at the first open. */
  g_setenv ("COMPTOIR_MAIN_THREAD_SQL", "1000000", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/dialogs/off-the-main-loop", test_dialogs);
  g_test_add_func ("/ui/dialogs/wait-for-the-worker", test_wait);

  return g_test_run ();
}
