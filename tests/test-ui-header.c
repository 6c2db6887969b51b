/* test-ui-header.c: the header of a document's page (CptDocumentHeader): the client, the
 * title, the dates, the payment terms and the notes.
 *
 * The part on its own: it shows the fields each kind has (a quote's "Valid Until", no due
 * date on a credit note), says once per edit that something was typed and nothing while it
 * fills its fields or is read-only, writes what is typed into a document as its kind has it,
 * refuses a date that does not read (the row says why), and gives the focus to the field of
 * a rule.
 *
 * In its page: what is typed is stored after a pause, not at once; a wrong date is shown and
 * not stored; what is typed just before leaving the page is stored; a client the draft
 * cannot take is refused in plain words and the picker shows the draft's client again; a
 * validated document's header is read-only. */
#include "cpt-ui-test-utils.h"
#include "cpt-test-utils.h"

#include "cpt-client-picker.h"
#include "cpt-document-header.h"
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

/* ---------------------------------------------------------------- the part on its own */

typedef struct
{
  guint  changed;
  guint  client_changed;
  gint64 client_id;
} Told;

static void
on_changed (CptDocumentHeader *header, Told *told)
{
  told->changed++;
}

static void
on_client_changed (CptDocumentHeader *header, gint64 client_id, Told *told)
{
  told->client_changed++;
  told->client_id = client_id;
}

/* A key typed at the end of the row titled `title`. */
static void
type_key (GtkWidget *root, const char *title)
{
  GtkEditable *row = GTK_EDITABLE (ui_find_row (root, title));
  int end = g_utf8_strlen (gtk_editable_get_text (row), -1);

  gtk_editable_insert_text (row, " ", -1, &end);
}

static gboolean
has_focus_within (gpointer row)
{
  GtkRoot *root = gtk_widget_get_root (row);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == row || gtk_widget_is_ancestor (focus, row));
}

/* A picture of the part once it has drawn what changed. */
static void
snapshot (GtkWidget *holder, const char *name)
{
  ui_wait (100);
  ui_snapshot (holder, name);
}

static void
part_scenario (CptApplication *app,
               CptWindow      *window,
               gpointer        data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(CptDocument) invoice = load (db, f->invoice_id);
  g_autoptr(CptDocument) quote = load (db, f->quote_id);
  g_autoptr(CptDocument) credit_note = load (db, f->credit_note_id);
  g_autoptr(CptDocument) validated = load (db, f->validated_id);
  g_autoptr(CptDocument) typed = NULL;
  CptDocumentHeader *header = cpt_document_header_new ();
  GtkWidget *part = GTK_WIDGET (header);
  GtkWidget *holder = gtk_window_new ();
  CptClientPicker *picker;
  GtkWidget *date_row, *due_row, *title_row;
  Told told = { 0 };

  gtk_window_set_transient_for (GTK_WINDOW (holder), GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (holder), 400, 600);
  gtk_window_set_child (GTK_WINDOW (holder), part);
  cpt_document_header_set_context (header, cpt_application_get_context (app));
  g_assert_true (cpt_document_header_get_context (header) == cpt_application_get_context (app));
  g_signal_connect (header, "changed", G_CALLBACK (on_changed), &told);
  g_signal_connect (header, "client-changed", G_CALLBACK (on_client_changed), &told);
  gtk_window_present (GTK_WINDOW (holder));
  ui_wait (300);
  picker = CPT_CLIENT_PICKER (ui_find_type (part, CPT_TYPE_CLIENT_PICKER));

  /* An invoice: its fields, a due date and payment terms; filling them says nothing. */
  cpt_document_header_set_document (header, invoice);
  g_assert_true (cpt_document_header_get_document (header) == invoice);
  g_assert_cmpuint (told.changed, ==, 0);
  g_assert_cmpuint (told.client_changed, ==, 0);
  g_assert_cmpint (cpt_client_picker_get_client_id (picker), ==, f->client_id);
  g_assert_cmpstr (cpt_client_picker_get_client_name (picker), ==, "Librairie Moreau");
  g_assert_cmpstr (text_of (part, "Title"), ==, "Reliure");
  assert_shows_date (part, "Date", TODAY);
  assert_shows_date (part, "Due Date", DUE_DATE);
  g_assert_cmpstr (text_of (part, "Payment Terms"), ==, "30 jours fin de mois");
  g_assert_cmpstr (text_of (part, "Notes"), ==, "Livraison en mars");
  g_assert_null (ui_find_row (part, "Valid Until"));
  snapshot (holder, "ui-header-invoice");

  /* Each edit is told once: a key typed in each field, then a word taken out. */
  {
    const char *titles[] = { "Title", "Date", "Due Date", "Payment Terms", "Notes" };

    for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
      {
        type_key (part, titles[i]);
        g_assert_cmpuint (told.changed, ==, i + 1);
      }
    gtk_editable_delete_text (GTK_EDITABLE (ui_find_row (part, "Title")), 0, 8);
    g_assert_cmpuint (told.changed, ==, G_N_ELEMENTS (titles) + 1);
  }
  ui_type_in_row (part, "Title", "Reliure d’art");
  ui_type_in_row (part, "Date", "20/03/2026");
  ui_type_in_row (part, "Due Date", "2026-04-20");
  ui_type_in_row (part, "Payment Terms", "À réception");
  ui_type_in_row (part, "Notes", "");
  g_assert_cmpuint (told.client_changed, ==, 0);

  /* What is typed, into a document, as an invoice has it. */
  typed = cpt_document_dup (invoice);
  g_assert_true (cpt_document_header_apply (header, typed));
  g_assert_cmpstr (cpt_document_get_title (typed), ==, "Reliure d’art");
  g_assert_cmpstr (cpt_document_get_date (typed), ==, "2026-03-20");
  g_assert_cmpstr (cpt_document_get_due_date (typed), ==, "2026-04-20");
  {
    g_autofree char *terms = NULL, *notes = NULL;

    g_object_get (typed, "payment-terms", &terms, "notes", &notes, NULL);
    g_assert_cmpstr (terms, ==, "À réception");
    g_assert_null (notes);
  }

  /* A date that does not read: the row says why, nothing is written. */
  date_row = ui_find_row (part, "Date");
  ui_type_in_row (part, "Title", "Autre titre");
  ui_type_in_row (part, "Date", "31/02/2026");
  g_assert_false (cpt_document_header_apply (header, typed));
  g_assert_true (gtk_widget_has_css_class (date_row, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (date_row));
  g_assert_cmpstr (cpt_document_get_title (typed), ==, "Reliure d’art");
  g_assert_cmpstr (cpt_document_get_date (typed), ==, "2026-03-20");
  snapshot (holder, "ui-header-wrong-date");
  ui_type_in_row (part, "Date", "2026-03-21");
  g_assert_true (cpt_document_header_apply (header, typed));
  g_assert_false (gtk_widget_has_css_class (date_row, "error"));
  g_assert_null (gtk_widget_get_tooltip_text (date_row));
  g_assert_cmpstr (cpt_document_get_title (typed), ==, "Autre titre");
  /* No date at all is not stored either. */
  ui_type_in_row (part, "Date", "");
  g_assert_false (cpt_document_header_apply (header, typed));
  g_assert_cmpstr (cpt_document_get_date (typed), ==, "2026-03-21");

  /* Another client chosen: told once, with its id; shown back as it was: not told. */
  told.changed = 0;
  cpt_client_picker_set_client (picker, f->other_client_id, "Papeterie Vidal");
  g_assert_cmpuint (told.client_changed, ==, 1);
  g_assert_cmpint (told.client_id, ==, f->other_client_id);
  cpt_document_header_show_client (header, f->client_id, "Librairie Moreau");
  g_assert_cmpuint (told.client_changed, ==, 1);
  g_assert_cmpint (cpt_client_picker_get_client_id (picker), ==, f->client_id);
  g_assert_cmpuint (told.changed, ==, 0);

  /* Filled again, the fields are the document's. */
  cpt_document_header_set_document (header, invoice);
  g_assert_cmpstr (text_of (part, "Title"), ==, "Reliure");
  assert_shows_date (part, "Date", TODAY);
  g_assert_cmpuint (told.changed, ==, 0);

  /* The focus, to the field of a rule. */
  due_row = ui_find_row (part, "Due Date");
  title_row = ui_find_row (part, "Title");
  cpt_document_header_focus_field (header, "BT-9");
  g_assert_true (ui_wait_until (has_focus_within, due_row, 5));
  cpt_document_header_focus_field (header, "BT-2");
  g_assert_true (ui_wait_until (has_focus_within, date_row, 5));
  cpt_document_header_focus_field (header, "BR-FR-12");
  g_assert_true (ui_wait_until (has_focus_within, title_row, 5));

  /* A quote: valid until, no payment terms; its validity is what is written back. */
  cpt_document_header_set_document (header, quote);
  g_assert_null (ui_find_row (part, "Due Date"));
  g_assert_null (ui_find_row (part, "Payment Terms"));
  assert_shows_date (part, "Valid Until", VALID_UNTIL);
  g_assert_cmpstr (text_of (part, "Title"), ==, "Dorure");
  snapshot (holder, "ui-header-quote");
  ui_type_in_row (part, "Valid Until", "2026-05-31");
  g_clear_object (&typed);
  typed = cpt_document_dup (quote);
  g_assert_true (cpt_document_header_apply (header, typed));
  {
    g_autofree char *valid_until = NULL;

    g_object_get (typed, "valid-until", &valid_until, NULL);
    g_assert_cmpstr (valid_until, ==, "2026-05-31");
  }

  /* A credit note: neither a due date nor payment terms. */
  cpt_document_header_set_document (header, credit_note);
  g_assert_null (ui_find_row (part, "Due Date"));
  g_assert_null (ui_find_row (part, "Valid Until"));
  g_assert_null (ui_find_row (part, "Payment Terms"));
  g_assert_nonnull (ui_find_row (part, "Date"));

  /* Read-only: readable and focusable, not editable, no client to choose; nothing told. */
  told.changed = told.client_changed = 0;
  cpt_document_header_set_read_only (header, TRUE);
  cpt_document_header_set_document (header, validated);
  g_assert_true (cpt_document_header_get_read_only (header));
  g_assert_true (gtk_widget_has_css_class (part, "read-only"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (picker)));
  for (guint i = 0; i < 4; i++)
    {
      const char *titles[] = { "Title", "Date", "Due Date", "Notes" };
      GtkWidget *row = ui_find_row (part, titles[i]);

      g_assert_nonnull (row);
      g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (row)));
      g_assert_true (gtk_widget_get_can_focus (row));
    }
  snapshot (holder, "ui-header-read-only");
  type_key (part, "Title");
  cpt_client_picker_set_client (picker, f->other_client_id, "Papeterie Vidal");
  g_assert_cmpuint (told.changed, ==, 0);
  g_assert_cmpuint (told.client_changed, ==, 0);

  /* Editable again. */
  cpt_document_header_set_read_only (header, FALSE);
  cpt_document_header_set_document (header, invoice);
  g_assert_false (gtk_widget_has_css_class (part, "read-only"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (picker)));
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (ui_find_row (part, "Title"))));
  type_key (part, "Title");
  g_assert_cmpuint (told.changed, ==, 1);

  gtk_window_destroy (GTK_WINDOW (holder));
}

static void
test_part (void)
{
  Fixture f = { 0 };

  make_file (&f);
  ui_run (f.path, part_scenario, &f);
  fixture_free (&f);
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

static CptDocumentHeader *
header_of (CptDocumentPage *page)
{
  GtkWidget *header = ui_find_type (GTK_WIDGET (page), CPT_TYPE_DOCUMENT_HEADER);

  g_assert_nonnull (header);
  return CPT_DOCUMENT_HEADER (header);
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

  g_assert_false (cpt_document_header_get_read_only (header_of (page)));
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
  g_assert_true (cpt_document_header_get_read_only (header_of (page)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (header_of (page)), "read-only"));
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
  g_test_add_func ("/ui/header/part", test_part);
  g_test_add_func ("/ui/header/page", test_page);
  return g_test_run ();
}
