/* test-ui-quote.c: from a quote to its balance invoice through the real widgets: a product
 * created in its dialog, a quote with a line added from that product, the quote sent and
 * accepted, the Factomos "Devis accepté" choice of a 30 % deposit, the deposit invoice
 * validated, then the balance invoice that deducts it, validated too. Asserts on the widgets
 * and on the database. */
#include "cpt-ui-test-utils.h"

#include "cpt-client.h"
#include "cpt-company.h"
#include "cpt-document-page.h"
#include "cpt-document-page-private.h"
#include "cpt-documents.h"
#include "cpt-lifecycle.h"
#include "cpt-lists.h"
#include "cpt-new-document-dialog.h"
#include "cpt-product-chooser.h"
#include "cpt-product-dialog.h"
#include "cpt-quantities-dialog.h"
#include "cpt-products-page.h"
#include "cpt-quote-invoice-dialog.h"

#define TODAY "2026-05-04"

static void
on_created (CptQuoteInvoiceDialog *dialog, gint64 invoice_id, gint64 *out)
{
  *out = invoice_id;
}

static gboolean
is_set (gpointer data)
{
  return *(gint64 *) data != 0;
}

/* Creates as the Create button does, and waits for the draft the worker makes (::created). */
static gint64
create_invoice (CptQuoteInvoiceDialog *dialog, const char *choice, const char *deposit_text)
{
  gint64 invoice_id = 0;
  gulong handler = g_signal_connect (dialog, "created", G_CALLBACK (on_created), &invoice_id);

  g_object_ref (dialog);
  cpt_quote_invoice_dialog_create (dialog, choice, deposit_text);
  g_assert_true (ui_wait_until (is_set, &invoice_id, 30));
  g_signal_handler_disconnect (dialog, handler);
  g_object_unref (dialog);
  return invoice_id;
}

static void
quote_to_balance (CptApplication *app,
                  CptWindow      *window,
                  gpointer        data)
{
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptPagedList) products = NULL;
  g_autoptr(CptDocument) quote = NULL;
  g_autoptr(CptDocument) deposit = NULL;
  g_autoptr(CptDocument) balance = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  CptDocumentPage *page;
  AdwDialog *dialog;
  gint64 quote_id, deposit_id, balance_id;

  /* The business, from the welcome page; a client made beforehand. */
  ui_type_in_row (GTK_WIDGET (cpt_window_get_welcome_page (window)), "Business Name", "Atelier Lumière");
  ui_type_in_row (GTK_WIDGET (cpt_window_get_welcome_page (window)), "SIREN", "732 829 320");
  ui_click (GTK_WIDGET (cpt_window_get_welcome_page (window)), "Start Invoicing");
  ui_wait_for_main (window);
  g_object_set (client, "name", "Hôtel du Parc", "siren", "542051180", NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  g_assert_no_error (error);

  /* A product, through its dialog (the Factomos "Créer prestation"). */
  UI_WATCHED (cpt_window_show_section (window, "products"));
  ui_wait (200);
  ui_activate (GTK_WIDGET (ui_visible_page (window, CPT_TYPE_PRODUCTS_PAGE)), "page.new-product", NULL);
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_PRODUCT_DIALOG (dialog));
  ui_type_in_row (GTK_WIDGET (dialog), "Name", "Journée de conseil");
  cpt_product_dialog_set_price_text (CPT_PRODUCT_DIALOG (dialog), "650");
  ui_click (GTK_WIDGET (dialog), "Create");
  ui_wait_for_no_dialog (window);
  products = cpt_lists_products (db, NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (products)), ==, 1);

  /* A quote from the Quotes section, with a line from the product. */
  UI_WATCHED (cpt_window_show_section (window, "quotes"));
  ui_wait (200);
  ui_activate (GTK_WIDGET (window), "win.new-document", "s", "quote");
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_NEW_DOCUMENT_DIALOG (dialog));
  cpt_new_document_dialog_set_client (CPT_NEW_DOCUMENT_DIALOG (dialog), cpt_client_get_id (client));
  ui_type_in_row (GTK_WIDGET (dialog), "Title (optional)", "Rénovation de l’accueil");
  ui_click (GTK_WIDGET (dialog), "Create");
  ui_wait_for_no_dialog (window);
  page = ui_visible_page (window, CPT_TYPE_DOCUMENT_PAGE);
  quote_id = cpt_document_page_get_id (page);

  ui_activate (GTK_WIDGET (page), "document.add-product", NULL);
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_PRODUCT_CHOOSER (dialog));
  cpt_product_chooser_choose (CPT_PRODUCT_CHOOSER (dialog), 0);
  ui_wait_for_no_dialog (window);
  g_assert_cmpuint (g_list_model_get_n_items (cpt_document_page_get_lines (page)), ==, 1);
  {
    g_autoptr(CptDocumentLine) line = g_list_model_get_item (cpt_document_page_get_lines (page), 0);

    g_assert_cmpint (cpt_document_line_get_id (line), >, 0);
    g_object_set (line, "quantity", (gint64) 10000, NULL);   /* ten days */
    g_assert_true (cpt_documents_update_line (db, line, &error));
    g_assert_no_error (error);
  }
  ui_snapshot (GTK_WIDGET (window), "ui-quote-1-editor");

  /* Sent: it gets its number; then accepted, which asks how to invoice it. */
  ui_activate (GTK_WIDGET (page), "document.send", NULL);
  ui_answer_alert (window, "Validate and Mark as Sent", "DE-2026-0001");
  quote = cpt_documents_load (db, quote_id, NULL);
  g_assert_cmpstr (cpt_document_get_number (quote), ==, "DE-2026-0001");
  g_assert_cmpint (cpt_document_get_amount_due (quote), ==, 780000);   /* 6 500 € + 20 % */
  status = cpt_lifecycle_status (db, quote, TODAY, NULL);
  g_assert_cmpstr (status, ==, "sent");
  g_clear_pointer (&status, g_free);

  ui_activate (GTK_WIDGET (page), "document.accept", NULL);
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_QUOTE_INVOICE_DIALOG (dialog));
  ui_snapshot (GTK_WIDGET (window), "ui-quote-2-accepted");
  deposit_id = create_invoice (CPT_QUOTE_INVOICE_DIALOG (dialog), "deposit", "30");
  g_assert_cmpint (deposit_id, >, 0);
  ui_wait_for_no_dialog (window);
  page = ui_visible_page (window, CPT_TYPE_DOCUMENT_PAGE);
  g_assert_cmpint (cpt_document_page_get_id (page), ==, deposit_id);
  deposit = cpt_documents_load (db, deposit_id, NULL);
  g_assert_cmpstr (cpt_document_get_kind (deposit), ==, "deposit");
  g_assert_cmpint (cpt_document_get_amount_due (deposit), ==, 234000);  /* 30 % of 7 800 € */
  g_clear_object (&deposit);

  /* The deposit invoice validated (in the invoices' chronology). */
  ui_activate (GTK_WIDGET (page), "document.validate", NULL);
  ui_answer_alert (window, "Validate", "FA-2026-0001");
  deposit = cpt_documents_load (db, deposit_id, NULL);
  g_assert_cmpstr (cpt_document_get_number (deposit), ==, "FA-2026-0001");

  /* Back to the quote: now another deposit or the balance. */
  adw_navigation_view_pop (cpt_window_get_content_view (window));
  ui_wait (400);
  page = ui_visible_page (window, CPT_TYPE_DOCUMENT_PAGE);
  g_assert_cmpint (cpt_document_page_get_id (page), ==, quote_id);
  ui_activate (GTK_WIDGET (page), "document.invoice-quote", NULL);
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_QUOTE_INVOICE_DIALOG (dialog));
  g_assert_nonnull (ui_find_row (GTK_WIDGET (dialog), "The Balance"));
  g_assert_null (ui_find_row (GTK_WIDGET (dialog), "The Whole Quote"));
  balance_id = create_invoice (CPT_QUOTE_INVOICE_DIALOG (dialog), "balance", NULL);
  g_assert_cmpint (balance_id, >, 0);
  ui_wait_for_no_dialog (window);
  page = ui_visible_page (window, CPT_TYPE_DOCUMENT_PAGE);
  g_assert_cmpint (cpt_document_page_get_id (page), ==, balance_id);
  /* The deposit is deducted and listed, with its detach button. */
  g_assert_cmpint (cpt_document_page_get_totals (page)->deposits_gross, ==, 234000);
  g_assert_cmpint (cpt_document_page_get_totals (page)->amount_due, ==, 546000);
  g_assert_nonnull (ui_find_button (GTK_WIDGET (page), "Detach"));
  ui_snapshot (GTK_WIDGET (window), "ui-quote-3-balance");

  ui_activate (GTK_WIDGET (page), "document.validate", NULL);
  ui_answer_alert (window, "Validate", "FA-2026-0002");
  balance = cpt_documents_load (db, balance_id, NULL);
  g_assert_cmpstr (cpt_document_get_number (balance), ==, "FA-2026-0002");
  g_assert_cmpint (cpt_document_get_amount_due (balance), ==, 546000);
  g_clear_object (&quote);
  quote = cpt_documents_load (db, quote_id, NULL);
  status = cpt_lifecycle_status (db, quote, TODAY, NULL);
  g_assert_cmpstr (status, ==, "accepted_invoiced");
}

static void
test_quote_to_balance (void)
{
  g_autofree char *dir = ui_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "comptoir.db", NULL);

  ui_run (path, quote_to_balance, NULL);
  ui_remove_tmp_dir (dir);
}

/* ---------------------------------------------------------------- what is left of a quote */

typedef struct
{
  gint64 invoice_id;
  gint64 quote_id;
  gint64 left_line_id;   /* the quote's line the invoice does not take */
} Remaining;

static GtkWidget *
entry_of_dialog (AdwDialog *dialog)
{
  GtkWidget *entry = ui_find_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);

  g_assert_nonnull (entry);
  return entry;
}

/* "From the Quote's Remaining Quantities…": the quote's line no invoice took is offered with
 * what is left; a quantity that is not one is said beside it and adds nothing; a right one
 * adds the line, linked to the quote's. */
static void
remaining_scenario (CptApplication *app,
                    CptWindow      *window,
                    gpointer        data)
{
  Remaining *r = data;
  CptDatabase *db = cpt_application_get_database (app);
  CptDocumentPage *page = ui_open_document (window, r->invoice_id);
  AdwDialog *dialog;
  GtkWidget *entry;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  CptDocumentLine *added;

  g_assert_cmpuint (g_list_model_get_n_items (cpt_document_page_get_lines (page)), ==, 1);
  ui_activate (GTK_WIDGET (page), "document.add-remaining", NULL);
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_QUANTITIES_DIALOG (dialog));
  g_assert_cmpuint (cpt_quantities_dialog_get_n_lines (CPT_QUANTITIES_DIALOG (dialog)), ==, 1);
  g_assert_nonnull (ui_find_row (GTK_WIDGET (dialog), "Peinture du hall"));
  entry = entry_of_dialog (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "3");
  ui_snapshot (GTK_WIDGET (window), "ui-quote-remaining");

  gtk_editable_set_text (GTK_EDITABLE (entry), "deux");
  ui_click (GTK_WIDGET (dialog), "Add Lines");
  ui_wait (200);
  g_assert_true (ui_visible_dialog (window) == dialog);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (entry));
  lines = cpt_documents_load_lines (db, r->invoice_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 1);
  g_clear_pointer (&lines, g_ptr_array_unref);

  gtk_editable_set_text (GTK_EDITABLE (entry), "2");
  ui_click (GTK_WIDGET (dialog), "Add Lines");
  ui_wait_for_no_dialog (window);
  ui_wait_for_page_write (GTK_WIDGET (page));
  g_assert_cmpuint (g_list_model_get_n_items (cpt_document_page_get_lines (page)), ==, 2);
  lines = cpt_documents_load_lines (db, r->invoice_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 2);
  added = g_ptr_array_index (lines, 1);
  g_assert_cmpstr (cpt_document_line_get_description (added), ==, "Peinture du hall");
  g_assert_cmpint (cpt_document_line_get_quantity (added), ==, 2000);
  {
    gint64 quote_line_id = 0;

    g_object_get (added, "quote-line-id", &quote_line_id, NULL);
    g_assert_cmpint (quote_line_id, ==, r->left_line_id);
  }
}

static void
test_remaining_quantities (void)
{
  g_autofree char *dir = NULL, *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) quote = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  Remaining r = { 0 };
  gint64 client_id;
  g_autoptr(CptDatabase) db = ui_new_company_file (&dir, &path, "Hôtel du Parc", &client_id);

  quote = cpt_documents_create (db, "quote", client_id, TODAY, NULL, "Rénovation", &error);
  g_assert_no_error (error);
  r.quote_id = cpt_document_get_id (quote);
  ui_add_item (db, r.quote_id, "Dépose du comptoir", 1000, 4000000, 2000);
  r.left_line_id = ui_add_item (db, r.quote_id, "Peinture du hall", 3000, 1200000, 2000);
  g_assert_true (cpt_lifecycle_quote_send (db, r.quote_id, TODAY, &error));
  g_assert_true (cpt_lifecycle_quote_accept (db, r.quote_id, TODAY, &error));
  g_assert_no_error (error);
  r.invoice_id = cpt_lifecycle_quote_invoice (db, r.quote_id, CPT_QUOTE_INVOICE_FULL, 0, &error);
  g_assert_no_error (error);
  /* The invoice takes the first line only. */
  lines = cpt_documents_load_lines (db, r.invoice_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_true (cpt_documents_remove_line (db, cpt_document_line_get_id (g_ptr_array_index (lines, 1)), &error));
  g_assert_no_error (error);

  ui_run (path, remaining_scenario, &r);
  g_clear_object (&db);
  ui_remove_tmp_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("COMPTOIR_TODAY", TODAY, TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/quote/deposit-then-balance", test_quote_to_balance);
  g_test_add_func ("/ui/quote/remaining-quantities", test_remaining_quantities);

  return g_test_run ();
}
