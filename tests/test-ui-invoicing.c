/* test-ui-invoicing.c: a person's first invoice, through the real widgets under a virtual
 * display: set up the business on the welcome page, create a client (the SIREN checked as
 * typed, the error under the field), create an invoice with three lines at two VAT rates
 * typed into the lines' cells, watch the totals follow, validate it (the confirmation states
 * its number), credit it, then find it in the list with its badge. Asserts on the widgets
 * and on the database. */
#include "cpt-ui-test-utils.h"
#include "cpt-test-utils.h"

#include "cpt-client-dialog.h"
#include "cpt-client-page.h"
#include "cpt-client.h"
#include "cpt-document-list.h"
#include "cpt-document-page.h"
#include "cpt-document-page-private.h"
#include "cpt-document-query.h"
#include "cpt-documents-page.h"
#include "cpt-documents.h"
#include "cpt-lists.h"
#include "cpt-new-document-dialog.h"
#include "cpt-payments.h"
#include "cpt-preview.h"

#define TODAY "2026-03-16"

/* ---------------------------------------------------------------- cells of the lines */

typedef struct
{
  gpointer line;
  GType    type;
  int      field;   /* the entry's field (quantity 0, unit 1, price 2, discount 3), or -1 */
} CellQuery;

static gboolean
match_cell (GtkWidget    *widget,
            gconstpointer data)
{
  const CellQuery *query = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, query->type) &&
         g_object_get_data (G_OBJECT (widget), "cpt-line") == query->line &&
         (query->field < 0 || GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "cpt-field")) == query->field);
}

static GtkWidget *
cell (CptDocumentPage *page,
      gpointer         line,
      GType            type,
      int              field)
{
  CellQuery query = { line, type, field };
  GtkWidget *widget = ui_find (GTK_WIDGET (cpt_document_page_get_lines_view (page)), match_cell, &query);

  g_assert_nonnull (widget);
  return widget;
}

static void
type_line (CptDocumentPage *page,
           guint            position,
           const char      *description,
           const char      *quantity,
           const char      *price,
           guint            vat_position)
{
  g_autoptr(GObject) line = g_list_model_get_item (cpt_document_page_get_lines (page), position);

  g_assert_nonnull (line);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (cell (page, line, GTK_TYPE_TEXT_VIEW, -1))),
                            description, -1);
  gtk_editable_set_text (GTK_EDITABLE (cell (page, line, GTK_TYPE_ENTRY, 0)), quantity);
  gtk_editable_set_text (GTK_EDITABLE (cell (page, line, GTK_TYPE_ENTRY, 2)), price);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (cell (page, line, GTK_TYPE_DROP_DOWN, -1)), vat_position);
}

/* ---------------------------------------------------------------- helpers */

typedef struct
{
  CptDatabase *db;
  gint64       invoice_id;
} StoredCheck;

/* The three typed lines are in the database, the third at 5.5 %. */
static gboolean
lines_are_stored (gpointer data)
{
  StoredCheck *check = data;
  g_autoptr(GPtrArray) lines = cpt_documents_load_lines (check->db, check->invoice_id, NULL);

  return lines != NULL && lines->len == 3 &&
         cpt_document_line_get_vat_rate (g_ptr_array_index (lines, 2)) == 550 &&
         cpt_document_line_get_net (g_ptr_array_index (lines, 1)) == 25000;
}

static gpointer
visible_page (CptWindow *window,
              GType      type)
{
  AdwNavigationPage *page = cpt_window_get_visible_page (window);

  g_assert_nonnull (page);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (page, type));
  return page;
}

static void
answer_alert (CptWindow  *window,
              const char *button,
              const char *expected_in_body)
{
  AdwDialog *dialog = ui_wait_for_dialog (window);

  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  if (expected_in_body != NULL)
    {
      const char *body = adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog));
      if (strstr (body, expected_in_body) == NULL)
        g_error ("“%s” is not in the dialog: %s", expected_in_body, body);
    }
  ui_click (GTK_WIDGET (dialog), button);
  ui_wait_for_no_dialog (window);
}

static gboolean
error_row_shows (GtkWidget    *widget,
                 gconstpointer data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_widget_is_visible (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* ---------------------------------------------------------------- the scenario */

/* The footer first counts, then adds up in a thread. */
static gboolean
total_shows_the_credited_invoice (gpointer list)
{
  const char *total = cpt_document_list_get_total_text (list);

  return strstr (total, "1 invoice") != NULL && strstr (total, "€579.56") != NULL;
}

static void
first_invoice (CptApplication *app,
               CptWindow      *window,
               gpointer        data)
{
  CptDatabase *db = cpt_application_get_database (app);
  CptWelcomePage *welcome;
  CptDocumentPage *page;
  CptDocumentPage *note_page;
  AdwDialog *dialog;
  g_autoptr(CptPagedList) clients = NULL;
  g_autoptr(CptClient) client = NULL;
  g_autoptr(CptDocument) invoice = NULL;
  g_autoptr(CptDocument) note = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *status = NULL;
  const CptDocumentTotals *totals;
  gint64 client_id, invoice_id, note_id;

  /* The welcome page: the SIREN is checked as typed, the error shows under it. */
  g_assert_cmpstr (cpt_window_get_visible_page_name (window), ==, "welcome");
  welcome = cpt_window_get_welcome_page (window);
  g_assert_false (gtk_widget_is_sensitive (ui_find_button (GTK_WIDGET (welcome), "Start Invoicing")));
  ui_type_in_row (GTK_WIDGET (welcome), "Business Name", "Atelier Lumière");
  ui_type_in_row (GTK_WIDGET (welcome), "SIREN", "732829321");
  ui_wait (1000);
  g_assert_nonnull (ui_find (GTK_WIDGET (welcome), error_row_shows, "check digit"));
  ui_type_in_row (GTK_WIDGET (welcome), "SIREN", "732 829 320");
  ui_wait (100);
  g_assert_null (ui_find (GTK_WIDGET (welcome), error_row_shows, "check digit"));
  ui_type_in_row (GTK_WIDGET (welcome), "City", "Lyon");
  ui_click (GTK_WIDGET (welcome), "Start Invoicing");
  ui_wait_for_main (window);
  g_assert_cmpstr (cpt_window_get_visible_page_name (window), ==, "main");
  ui_snapshot (GTK_WIDGET (window), "ui-invoicing-1-main");

  /* A new client: a wrong SIREN is refused with the reason under the field. */
  ui_activate (GTK_WIDGET (window), "win.new-client", NULL);
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_CLIENT_DIALOG (dialog));
  ui_type_in_row (GTK_WIDGET (dialog), "Name", "Boulangerie Martin");
  ui_type_in_row (GTK_WIDGET (dialog), "SIREN", "12345");
  ui_click (GTK_WIDGET (dialog), "Create");
  ui_wait (200);
  g_assert_true (ui_visible_dialog (window) == dialog);
  g_assert_nonnull (ui_find (GTK_WIDGET (dialog), error_row_shows, "9 digits"));
  ui_snapshot (GTK_WIDGET (window), "ui-invoicing-2-client-error");
  ui_type_in_row (GTK_WIDGET (dialog), "SIREN", "542 051 180");
  ui_type_in_row (GTK_WIDGET (dialog), "City", "Villeurbanne");
  ui_click (GTK_WIDGET (dialog), "Create");
  ui_wait (200);
  ui_snapshot (GTK_WIDGET (window), "ui-invoicing-2b-client-saved");
  ui_wait_for_no_dialog (window);

  clients = cpt_lists_clients (db, NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 1);
  client = g_list_model_get_item (G_LIST_MODEL (clients), 0);
  client_id = cpt_client_get_id (client);
  g_assert_cmpstr (cpt_client_get_name (client), ==, "Boulangerie Martin");
  /* Saving opened the client's record. */
  g_assert_cmpint (cpt_client_page_get_id (visible_page (window, CPT_TYPE_CLIENT_PAGE)), ==, client_id);

  /* A new invoice from the client's record. */
  ui_activate (GTK_WIDGET (cpt_window_get_visible_page (window)), "client.new-document", "s", "invoice");
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_NEW_DOCUMENT_DIALOG (dialog));
  ui_type_in_row (GTK_WIDGET (dialog), "Title (optional)", "Pains et formation");
  ui_click (GTK_WIDGET (dialog), "Create");
  ui_wait_for_no_dialog (window);
  page = visible_page (window, CPT_TYPE_DOCUMENT_PAGE);
  invoice_id = cpt_document_page_get_id (page);
  g_assert_false (cpt_document_page_get_read_only (page));

  /* Three lines at two VAT rates (20 % is the first rate offered, 5.5 % the third), typed
   * into the cells; the totals follow as they are typed. */
  for (guint i = 0; i < 3; i++)
    ui_activate (GTK_WIDGET (page), "document.add-line", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (cpt_document_page_get_lines (page)), ==, 3);
  type_line (page, 0, "Conseil en organisation", "2", "100", 0);
  type_line (page, 1, "Formation des équipes", "1", "250,00", 0);
  type_line (page, 2, "Livres de recettes", "3", "12,50", 2);
  totals = cpt_document_page_get_totals (page);
  g_assert_cmpint (totals->total_net, ==, 48750);
  g_assert_cmpint (totals->total_vat, ==, 9000 + 206);
  g_assert_cmpint (totals->total_gross, ==, 57956);
  g_assert_nonnull (ui_find_label (GTK_WIDGET (cpt_document_page_get_totals_grid (page)), "€579.56"));
  /* Lines are stored after a pause in the typing, without any other action; on a loaded
   * machine the pause can run late, so wait for the outcome rather than a fixed time. */
  {
    StoredCheck check = { db, invoice_id };

    g_assert_true (ui_wait_until (lines_are_stored, &check, 10));
  }
  ui_snapshot (GTK_WIDGET (window), "ui-invoicing-3-editor");

  lines = cpt_documents_load_lines (db, invoice_id, NULL);
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpint (cpt_document_line_get_vat_rate (g_ptr_array_index (lines, 2)), ==, 550);
  g_assert_cmpint (cpt_document_line_get_net (g_ptr_array_index (lines, 1)), ==, 25000);
  invoice = cpt_documents_load (db, invoice_id, NULL);
  g_assert_cmpint (cpt_document_get_total_gross (invoice), ==, 57956);
  g_assert_cmpstr (cpt_document_get_title (invoice), ==, "Pains et formation");
  g_clear_object (&invoice);

  /* Validate: the confirmation states the number it will get. */
  ui_activate (GTK_WIDGET (page), "document.validate", NULL);
  answer_alert (window, "Validate", "FA-2026-0001");
  invoice = cpt_documents_load (db, invoice_id, NULL);
  g_assert_cmpstr (cpt_document_get_status (invoice), ==, "validated");
  g_assert_cmpstr (cpt_document_get_number (invoice), ==, "FA-2026-0001");
  g_assert_true (cpt_document_page_get_read_only (page));
  g_assert_cmpstr (adw_navigation_page_get_title (ADW_NAVIGATION_PAGE (page)), ==, "Invoice FA-2026-0001");
  /* Deleting is greyed out, with the reason. */
  {
    GtkWidget *delete = ui_find_button (cpt_document_page_get_actions_box (page), "Delete the Draft");

    g_assert_nonnull (delete);
    g_assert_false (gtk_widget_is_sensitive (delete));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (delete), "credit note"));
  }
  status = cpt_test_status (db, invoice, TODAY);
  g_assert_cmpstr (status, ==, "awaiting_payment");
  g_clear_pointer (&status, g_free);
  ui_snapshot (GTK_WIDGET (window), "ui-invoicing-4-validated");

  /* Credit it, all of it; the credit note opens as a draft; validate it too. */
  ui_activate (GTK_WIDGET (page), "document.credit", NULL);
  answer_alert (window, "Credit Everything", NULL);
  note_page = visible_page (window, CPT_TYPE_DOCUMENT_PAGE);
  note_id = cpt_document_page_get_id (note_page);
  g_assert_cmpint (note_id, !=, invoice_id);
  note = cpt_documents_load (db, note_id, NULL);
  g_assert_cmpstr (cpt_document_get_kind (note), ==, "credit_note");
  g_assert_cmpint (cpt_document_get_credited_id (note), ==, invoice_id);
  g_clear_object (&note);
  ui_activate (GTK_WIDGET (note_page), "document.validate", NULL);
  answer_alert (window, "Validate", "AV-2026-0001");
  note = cpt_documents_load (db, note_id, NULL);
  g_assert_cmpstr (cpt_document_get_number (note), ==, "AV-2026-0001");
  status = cpt_test_status (db, invoice, TODAY);
  g_assert_cmpstr (status, ==, "credited");

  /* The list of invoices shows it with its badge; the footer counts it. */
  UI_WATCHED (cpt_window_show_section (window, "invoices"));
  ui_wait (300);
  {
    CptDocumentsPage *invoices = visible_page (window, CPT_TYPE_DOCUMENTS_PAGE);
    CptDocumentList *list = cpt_documents_page_get_list (invoices);
    GListModel *rows = G_LIST_MODEL (cpt_document_list_get_selection (list));
    g_autoptr(CptDocumentRow) row = NULL;
    GtkWidget *badge;

    g_assert_true (ui_wait_for_items (rows, 1));
    row = g_list_model_get_item (rows, 0);
    g_assert_cmpstr (cpt_document_row_get_state (row), ==, "credited");
    g_assert_cmpstr (cpt_document_get_number (cpt_document_row_get_document (row)), ==, "FA-2026-0001");
    badge = ui_find_badge (GTK_WIDGET (cpt_document_list_get_column_view (list)), "Credited");
    g_assert_nonnull (badge);
    g_assert_true (gtk_widget_has_css_class (badge, "badge"));
    g_assert_true (gtk_widget_has_css_class (badge, "credited"));
    g_assert_nonnull (ui_find_cell_text (GTK_WIDGET (cpt_document_list_get_column_view (list)), "FA-2026-0001"));
    g_assert_nonnull (ui_find_cell_text (GTK_WIDGET (cpt_document_list_get_column_view (list)), "Boulangerie Martin"));
    if (!ui_wait_until (total_shows_the_credited_invoice, list, 10))
      g_error ("the footer says “%s”", cpt_document_list_get_total_text (list));
    ui_snapshot (GTK_WIDGET (window), "ui-invoicing-5-list");

    /* Searching as one types narrows the list. */
    gtk_editable_set_text (GTK_EDITABLE (cpt_documents_page_get_search_entry (invoices)), "pains");
    ui_wait (600);
    g_assert_true (ui_wait_for_list_items (list, 1));
    gtk_editable_set_text (GTK_EDITABLE (cpt_documents_page_get_search_entry (invoices)), "croissants");
    g_assert_true (ui_wait_for_list_items (list, 0));
  }
  UI_WATCHED (cpt_window_show_section (window, "credit-notes"));
  ui_wait (300);
  {
    CptDocumentList *list = cpt_documents_page_get_list (visible_page (window, CPT_TYPE_DOCUMENTS_PAGE));
    g_autoptr(CptDocumentRow) row = NULL;

    g_assert_true (ui_wait_for_list_items (list, 1));
    row = g_list_model_get_item (G_LIST_MODEL (cpt_document_list_get_selection (list)), 0);
    g_assert_nonnull (row);
    g_assert_cmpstr (cpt_document_row_get_state (row), ==, "validated");
    g_assert_cmpint (cpt_document_get_amount_due (cpt_document_row_get_document (row)), ==, 57956);
  }
}

static void
test_first_invoice (void)
{
  g_autofree char *dir = ui_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "comptoir.db", NULL);

  ui_run (path, first_invoice, NULL);
  ui_remove_tmp_dir (dir);
}

/* ---------------------------------------------------------------- quitting while drawing */

static gboolean
preview_is_rendering (gpointer data)
{
  return cpt_preview_get_n_rendering () > 0;
}

static void
quit_while_rendering (CptApplication *app,
                      CptWindow      *window,
                      gpointer        data)
{
  gint64 id = *(gint64 *) data;

  /* Opening the page starts drawing its preview; a long invoice takes a while. The scenario
   * ends as soon as it draws, which quits the application. */
  ui_activate (GTK_WIDGET (window), "win.open-document", "x", id);
  g_assert_true (ui_wait_until (preview_is_rendering, NULL, UI_GIVE_UP_SECONDS));
}

/* A render still at work in the preview's thread when the process exits crashed it (Poppler's
 * globals freed by that thread while exit() freed the rest): quitting waits for it. */
static void
test_quit_while_rendering (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) invoice = NULL;
  gint64 client_id, id;

  {
    g_autoptr(CptDatabase) db = ui_new_company_file (&dir, &path, "Boulangerie Martin", &client_id);

    invoice = cpt_documents_create (db, "invoice", client_id, TODAY, NULL, NULL, &error);
    g_assert_no_error (error);
    id = cpt_document_get_id (invoice);
    for (int i = 0; i < 3000; i++)
      {
        g_autoptr(CptDocumentLine) line = cpt_document_line_new ();
        g_autofree char *description = g_strdup_printf ("Pain de campagne, fournée n°%d", i + 1);

        g_object_set (line, "kind", "item", "description", description, "quantity", (gint64) 1000,
                      "unit", "C62", "unit-price", (gint64) 35000, "vat-rate", (gint64) 550, NULL);
        g_assert_true (cpt_documents_add_line (db, id, line, &error));
        g_assert_no_error (error);
      }
  }
  ui_run (path, quit_while_rendering, &id);
  g_assert_cmpuint (cpt_preview_get_n_rendering (), ==, 0);
  cpt_test_cleanup_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("COMPTOIR_TODAY", TODAY, TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/invoicing/first-invoice", test_first_invoice);
  g_test_add_func ("/ui/invoicing/quit-while-rendering", test_quit_while_rendering);

  return g_test_run ();
}
