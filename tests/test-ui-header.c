/* test-ui-header.c: the header of a document's page: the client, the title, the dates, the
 * payment terms and the notes. What is typed is stored after a pause, not at once; a wrong
 * date is shown and not stored; what is typed just before leaving the page is stored; a
 * quote has "Valid Until" and no payment terms; a client the draft cannot take is refused in
 * plain words and the picker shows the draft's client again; a validated document's header
 * is read-only. */
#include "cpt-ui-test-utils.h"
#include "cpt-test-utils.h"

#include "cpt-client-picker.h"
#include "cpt-document-page.h"
#include "cpt-document-page-private.h"
#include "cpt-documents.h"
#include "cpt-gui-utils.h"
#include "cpt-lifecycle.h"

#define TODAY "2026-03-16"

typedef struct
{
  char  *dir;
  char  *path;
  gint64 client_id;
  gint64 other_client_id;
  gint64 invoice_id;      /* a draft, with a due date and payment terms */
  gint64 quote_id;        /* a draft, valid until VALID_UNTIL */
  gint64 credit_note_id;  /* a draft, of the validated invoice */
  gint64 validated_id;
} Fixture;

#define DUE_DATE    "2026-04-15"
#define VALID_UNTIL "2026-04-30"

static void
make_file (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = ui_new_company_file (&f->dir, &f->path, "Librairie Moreau", &f->client_id);
  g_autoptr(CptClient) other = cpt_client_new ();
  g_autoptr(CptDocument) invoice = NULL, quote = NULL;

  g_object_set (other, "name", "Papeterie Vidal", "city", "Lyon", NULL);
  g_assert_true (cpt_client_insert (other, db, &error));
  g_assert_no_error (error);
  f->other_client_id = cpt_client_get_id (other);

  invoice = cpt_documents_create (db, "invoice", f->client_id, TODAY, DUE_DATE, "Reliure", &error);
  g_assert_no_error (error);
  g_object_set (invoice, "payment-terms", "30 jours fin de mois", "notes", "Livraison en mars", NULL);
  g_assert_true (cpt_documents_update (db, invoice, &error));
  g_assert_no_error (error);
  f->invoice_id = cpt_document_get_id (invoice);
  ui_add_item (db, f->invoice_id, "Reliure cuir", 1000, 1200000, 2000);

  quote = cpt_documents_create (db, "quote", f->client_id, TODAY, NULL, "Dorure", &error);
  g_assert_no_error (error);
  g_object_set (quote, "valid-until", VALID_UNTIL, NULL);
  g_assert_true (cpt_documents_update (db, quote, &error));
  g_assert_no_error (error);
  f->quote_id = cpt_document_get_id (quote);

  f->validated_id = ui_validated_invoice (db, f->client_id, 500000, 2000);
  f->credit_note_id = cpt_lifecycle_credit (db, f->validated_id, NULL, 0, &error);
  g_assert_no_error (error);
}

static void
fixture_free (Fixture *f)
{
  ui_remove_tmp_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static CptDocument *
load (CptDatabase *db, gint64 id)
{
  g_autoptr(GError) error = NULL;
  CptDocument *document = cpt_documents_load (db, id, &error);

  g_assert_no_error (error);
  return document;
}

static const char *
text_of (GtkWidget *root, const char *row_title)
{
  GtkWidget *row = ui_find_row (root, row_title);

  g_assert_nonnull (row);
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
assert_shows_date (GtkWidget *root, const char *row_title, const char *iso)
{
  g_autofree char *shown = cpt_format_date (iso);

  g_assert_cmpstr (text_of (root, row_title), ==, shown);
}

/* ---------------------------------------------------------------- in its page */

typedef struct
{
  CptDatabase *db;
  gint64       id;
  const char  *title;
  const char  *date;
  const char  *notes;
} Stored;

static gboolean
is_stored (gpointer data)
{
  Stored *stored = data;
  gboolean allowed = cpt_store_watch_allow (TRUE);
  g_autoptr(CptDocument) document = load (stored->db, stored->id);
  g_autofree char *notes = NULL;

  cpt_store_watch_allow (allowed);
  g_object_get (document, "notes", &notes, NULL);
  return (stored->title == NULL || g_strcmp0 (cpt_document_get_title (document), stored->title) == 0) &&
         (stored->date == NULL || g_strcmp0 (cpt_document_get_date (document), stored->date) == 0) &&
         (stored->notes == NULL || g_strcmp0 (notes, stored->notes) == 0);
}

static void
page_scenario (CptApplication *app,
               CptWindow      *window,
               gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  CptDocumentPage *page = ui_open_document (window, f->invoice_id);
  GtkWidget *root = GTK_WIDGET (page);
  GtkWidget *date_row;
  Stored title = { db, f->invoice_id, "Reliure d’art", NULL, NULL };
  Stored date = { db, f->invoice_id, NULL, "2026-03-18", NULL };
  Stored notes = { db, f->invoice_id, NULL, NULL, "Remis en main propre" };
  AdwDialog *dialog;
  CptClientPicker *picker;

  g_assert_cmpstr (text_of (root, "Title"), ==, "Reliure");

  /* Stored after the pause in the typing, not at once. */
  ui_type_in_row (root, "Title", "Reliure d’art");
  g_assert_false (is_stored (&title));
  g_assert_true (ui_wait_until (is_stored, &title, 10));

  /* A wrong date: said on its row, not stored; put right: stored. */
  date_row = ui_find_row (root, "Date");
  ui_type_in_row (root, "Date", "31/02/2026");
  ui_wait (1000);
  ui_wait_for_page_write (root);
  g_assert_true (gtk_widget_has_css_class (date_row, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (date_row));
  {
    g_autoptr(CptDocument) stored = load (db, f->invoice_id);

    g_assert_cmpstr (cpt_document_get_date (stored), ==, TODAY);
  }
  ui_snapshot (GTK_WIDGET (window), "ui-header-page-wrong-date");
  ui_type_in_row (root, "Date", "18/03/2026");
  g_assert_true (ui_wait_until (is_stored, &date, 10));
  g_assert_false (gtk_widget_has_css_class (date_row, "error"));

  /* Typed just before going back: stored all the same. */
  ui_type_in_row (root, "Notes", "Remis en main propre");
  adw_navigation_view_pop (ADW_NAVIGATION_VIEW (gtk_widget_get_ancestor (root, ADW_TYPE_NAVIGATION_VIEW)));
  g_assert_true (ui_wait_until (is_stored, &notes, 10));

  /* A quote's page: valid until, no payment terms. */
  page = ui_open_document (window, f->quote_id);
  root = GTK_WIDGET (page);
  assert_shows_date (root, "Valid Until", VALID_UNTIL);
  g_assert_null (ui_find_row (root, "Due Date"));
  g_assert_null (ui_find_row (root, "Payment Terms"));

  /* A credit note keeps the client of its invoice: another one is refused in plain words,
   * and the picker shows the draft's client again. */
  page = ui_open_document (window, f->credit_note_id);
  root = GTK_WIDGET (page);
  g_assert_null (ui_find_row (root, "Due Date"));
  picker = CPT_CLIENT_PICKER (ui_find_type (root, CPT_TYPE_CLIENT_PICKER));
  g_assert_cmpint (cpt_client_picker_get_client_id (picker), ==, f->client_id);
  cpt_client_picker_set_client (picker, f->other_client_id, "Papeterie Vidal");
  dialog = ui_wait_for_dialog (window);
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_cmpstr (adw_alert_dialog_get_heading (ADW_ALERT_DIALOG (dialog)), ==, "Could not change the client");
  g_assert_cmpint (cpt_client_picker_get_client_id (picker), ==, f->client_id);
  g_assert_cmpstr (cpt_client_picker_get_client_name (picker), ==, "Librairie Moreau");
  adw_dialog_close (dialog);
  ui_wait_for_no_dialog (window);
  {
    g_autoptr(CptDocument) stored = load (db, f->credit_note_id);

    g_assert_cmpint (cpt_document_get_client_id (stored), ==, f->client_id);
  }

  /* A validated invoice: its header is read-only. */
  page = ui_open_document (window, f->validated_id);
  root = GTK_WIDGET (page);
  g_assert_true (cpt_document_page_get_read_only (page));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (ui_find_row (root, "Title"))));
  ui_snapshot (GTK_WIDGET (window), "ui-header-page-validated");
}

static void
test_page (void)
{
  Fixture f = { 0 };

  make_file (&f);
  ui_run (f.path, page_scenario, &f);
  fixture_free (&f);
}

int
main (int argc, char **argv)
{
  g_setenv ("COMPTOIR_TODAY", TODAY, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/header/page", test_page);
  return g_test_run ();
}
