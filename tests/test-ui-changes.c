/* test-ui-changes.c: the window shows what another program changed in the file. With the
 * window open on a company file, comptoir-cli validates an invoice and then records its
 * payment, each in a process of its own: within a second the window is told (CptContext
 * notices the other process's commit through the file's log), and then the dashboard, the
 * sidebar's count and the Invoices list show it, with no click. */
#include <sqlite3.h>

#include "cpt-ui-test-utils.h"
#include "cpt-test-utils.h"

#include "cpt-dashboard-page.h"
#include "cpt-document-list.h"
#include "cpt-document-query.h"
#include "cpt-documents-page.h"
#include "cpt-documents.h"
#include "cpt-document-page.h"
#include "cpt-document-page-private.h"
#include "cpt-lifecycle.h"
#include "cpt-list-error-page.h"

#define TODAY   "2026-03-16"
#define EARLIER "2026-01-05"

typedef struct
{
  char  *dir;
  char  *path;
  gint64 client_id;
  gint64 invoice_id;
  gint64 draft_id;
  guint  n_told;      /* CptApplication::data-changed since the last reset */
} Fixture;

static void
on_data_changed (CptApplication *app,
                 guint           what,
                 Fixture        *f)
{
  f->n_told++;
}

/* Runs comptoir-cli on the fixture's file, as another process. */
static void
run_cli (Fixture *f, const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("COMPTOIR_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, f->path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("comptoir-cli %s failed: %s%s", args[0], out, err);
}

static gboolean
was_told (gpointer data)
{
  return ((Fixture *) data)->n_told > 0;
}

/* Waits until the window was told of a change, and says how long it took. */
static gint64
told_within_ms (Fixture *f)
{
  gint64 start = g_get_monotonic_time ();

  g_assert_true (ui_wait_until (was_told, f, 10));
  return (g_get_monotonic_time () - start) / 1000;
}

typedef struct
{
  CptWindow  *window;
  const char *text;
} Shown;

static gboolean
match_text_within (GtkWidget *widget, gconstpointer data)
{
  const char *text = data;

  if (GTK_IS_LABEL (widget))
    return strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
  if (ADW_IS_PREFERENCES_ROW (widget))
    return strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) != NULL ||
           (ADW_IS_ACTION_ROW (widget) &&
            adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL &&
            strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), text) != NULL);
  return FALSE;
}

/* Whether the visible page shows `text` somewhere, mapped. */
static gboolean
page_shows (gpointer data)
{
  Shown *shown = data;
  GtkWidget *page = GTK_WIDGET (cpt_window_get_visible_page (shown->window));
  GtkWidget *found = ui_find (page, match_text_within, shown->text);

  return found != NULL && gtk_widget_get_mapped (found);
}

static gboolean
invoices_are_shown (gpointer window)
{
  return CPT_IS_DOCUMENTS_PAGE (cpt_window_get_visible_page (window)) &&
         g_strcmp0 (cpt_window_get_section (window), "invoices") == 0;
}

typedef struct
{
  CptWindow  *window;
  const char *text;    /* NULL: no count shown */
} CountShown;

static gboolean
invoices_count_shows (gpointer data)
{
  CountShown *count = data;
  GtkLabel *label = cpt_window_get_count_label (count->window, "invoices");

  if (count->text == NULL)
    return !gtk_widget_get_visible (GTK_WIDGET (label));
  return gtk_widget_get_visible (GTK_WIDGET (label)) &&
         g_strcmp0 (gtk_label_get_text (label), count->text) == 0;
}

typedef struct
{
  CptDocumentList *list;
  const char      *state;
} RowState;

static gboolean
first_row_is (gpointer data)
{
  RowState *wanted = data;
  GListModel *model = G_LIST_MODEL (cpt_document_list_get_selection (wanted->list));
  g_autoptr(CptDocumentRow) row = NULL;

  if (g_list_model_get_n_items (model) != 1)
    return FALSE;
  row = g_list_model_get_item (model, 0);
  return row != NULL && g_strcmp0 (cpt_document_row_get_state (row), wanted->state) == 0;
}

static void
other_process_scenario (CptApplication *app,
                        CptWindow      *window,
                        gpointer        data)
{
  Fixture *f = data;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->invoice_id);
  g_autofree char *client = g_strdup_printf ("%" G_GINT64_FORMAT, f->client_id);
  Shown number = { window, "FA-2026-0001" };
  CountShown one_overdue = { window, "1" };
  CountShown none = { window, NULL };
  CptDocumentList *list;
  RowState paid;
  gint64 ms;

  g_signal_connect (app, "data-changed", G_CALLBACK (on_data_changed), f);
  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "dashboard");
  g_assert_true (ui_wait_until (ui_dashboard_is_loaded, window, 10));
  g_assert_false (page_shows (&number));
  g_assert_true (invoices_count_shows (&none));

  /* Validated by another program: overdue at once (due on EARLIER). */
  f->n_told = 0;
  run_cli (f, (const char *const[]) { "document", "validate", id, "--date", EARLIER,
                                      "--confirm-date", NULL });
  ms = told_within_ms (f);
  g_test_message ("told of the validation %" G_GINT64_FORMAT " ms after the program ended", ms);
  g_assert_cmpint (ms, <=, 1000);
  if (!ui_wait_until (page_shows, &number, 10))
    g_error ("the dashboard does not show the invoice validated by another program");
  g_assert_true (ui_wait_until (invoices_count_shows, &one_overdue, 10));
  ui_snapshot (GTK_WIDGET (window), "ui-changes-1-dashboard");

  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "invoices");
  g_assert_true (ui_wait_until (invoices_are_shown, window, 10));
  list = cpt_documents_page_get_list (CPT_DOCUMENTS_PAGE (ui_visible_page (window, CPT_TYPE_DOCUMENTS_PAGE)));
  paid = (RowState) { list, "overdue" };
  g_assert_true (ui_wait_until (first_row_is, &paid, 10));

  /* Paid through another program: the list and the count follow, the page open as it is. */
  f->n_told = 0;
  run_cli (f, (const char *const[]) { "payment", "add", "--client", client, "--amount", "120.00",
                                      "--date", TODAY, "--allocate", id, NULL });
  ms = told_within_ms (f);
  g_test_message ("told of the payment %" G_GINT64_FORMAT " ms after the program ended", ms);
  g_assert_cmpint (ms, <=, 1000);
  paid.state = "paid";
  if (!ui_wait_until (first_row_is, &paid, 10))
    g_error ("the list does not show the invoice paid by another program");
  g_assert_true (ui_wait_until (invoices_count_shows, &none, 10));
  ui_snapshot (GTK_WIDGET (window), "ui-changes-2-paid");
}

static void
test_other_process (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(CptDatabase) db = ui_new_company_file (&f.dir, &f.path, "Librairie Moreau", &f.client_id);
    g_autoptr(CptDocument) invoice = cpt_documents_create (db, "invoice", f.client_id, EARLIER,
                                                          EARLIER, NULL, &error);

    g_assert_no_error (error);
    f.invoice_id = cpt_document_get_id (invoice);
    /* €100.00 + 20 % VAT: €120.00 */
    ui_add_item (db, f.invoice_id, "Reliure", 1000, 1000000, 2000);
  }
  ui_run (f.path, other_process_scenario, &f);
  cpt_test_cleanup_dir (f.dir);
  g_free (f.dir);
  g_free (f.path);
}

/* The description of the draft's line in an editable field (a text view in the table). */
static gboolean
match_editable_dorure (GtkWidget *widget, gconstpointer data)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  GtkTextBuffer *buffer;

  if (!GTK_IS_TEXT_VIEW (widget) || !gtk_widget_get_mapped (widget) ||
      !gtk_text_view_get_editable (GTK_TEXT_VIEW (widget)))
    return FALSE;
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strcmp0 (text, "Dorure") == 0;
}

static gboolean
page_is_read_only (gpointer page)
{
  return cpt_document_page_get_read_only (page) && !cpt_document_page_is_loading (page);
}

static gboolean
page_does_not_show (gpointer data)
{
  return !page_shows (data);
}

/* A document's page open while another program writes: a validated invoice's payments and
 * what is left to pay follow; a draft being typed in keeps what is typed. */
static void
open_page_scenario (CptApplication *app,
                    CptWindow      *window,
                    gpointer        data)
{
  Fixture *f = data;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->invoice_id);
  g_autofree char *client = g_strdup_printf ("%" G_GINT64_FORMAT, f->client_id);
  g_autofree char *draft_id = g_strdup_printf ("%" G_GINT64_FORMAT, f->draft_id);
  Shown no_payment = { window, "No payment received yet" };
  Shown left = { window, "Left to pay" };
  CptDocumentPage *page;
  GtkWidget *title;
  g_autoptr(CptDocument) draft = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (app, "data-changed", G_CALLBACK (on_data_changed), f);
  page = ui_open_document (window, f->invoice_id);
  g_assert_true (page_shows (&no_payment));
  g_assert_cmpint (cpt_document_page_get_totals (page)->amount_due, ==, 12000);

  f->n_told = 0;
  run_cli (f, (const char *const[]) { "payment", "add", "--client", client, "--amount", "120.00",
                                      "--date", TODAY, "--allocate", id, NULL });
  told_within_ms (f);
  if (!ui_wait_until (page_does_not_show, &no_payment, 10))
    g_error ("the page does not show the payment recorded by another program");
  g_assert_true (page_shows (&left));
  ui_snapshot (GTK_WIDGET (window), "ui-changes-3-page-paid");

  /* A draft being typed in while another program writes elsewhere in the file. */
  page = ui_open_document (window, f->draft_id);
  ui_type_in_row (GTK_WIDGET (page), "Title", "Reliure d’art");
  title = ui_find_row (GTK_WIDGET (page), "Title");
  f->n_told = 0;
  run_cli (f, (const char *const[]) { "client", "add", "--name", "Papeterie Vidal", NULL });
  told_within_ms (f);
  ui_wait_for_page_write (GTK_WIDGET (page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Reliure d’art");
  UI_WATCHED (cpt_document_page_save_now (page));
  draft = cpt_documents_load (cpt_application_get_database (app), f->draft_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cpt_document_get_title (draft), ==, "Reliure d’art");

  /* Validated by another program: the page shows it validated, its lines no longer
   * editable, as if it had just been opened. */
  g_assert_nonnull (ui_find (GTK_WIDGET (page), match_editable_dorure, NULL));
  f->n_told = 0;
  run_cli (f, (const char *const[]) { "document", "validate", draft_id, NULL });
  told_within_ms (f);
  if (!ui_wait_until (page_is_read_only, page, 10))
    g_error ("the page does not show the draft validated by another program");
  ui_wait (300);
  g_assert_null (ui_find (GTK_WIDGET (page), match_editable_dorure, NULL));
  {
    GtkWidget *add = ui_find_button (GTK_WIDGET (page), "Add");

    g_assert_true (add == NULL || !gtk_widget_is_visible (add));
  }
}

static void
test_open_page (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(CptDatabase) db = ui_new_company_file (&f.dir, &f.path, "Librairie Moreau", &f.client_id);
    g_autoptr(CptDocument) invoice = cpt_documents_create (db, "invoice", f.client_id, TODAY,
                                                          NULL, NULL, &error);
    g_autoptr(CptDocument) draft = cpt_documents_create (db, "invoice", f.client_id, TODAY,
                                                        NULL, NULL, &error);

    g_assert_no_error (error);
    f.invoice_id = cpt_document_get_id (invoice);
    f.draft_id = cpt_document_get_id (draft);
    ui_add_item (db, f.invoice_id, "Reliure", 1000, 1000000, 2000);
    ui_add_item (db, f.draft_id, "Dorure", 1000, 500000, 2000);
    g_assert_true (cpt_lifecycle_validate (db, f.invoice_id, TODAY, &error));
    g_assert_no_error (error);
  }
  ui_run (f.path, open_page_scenario, &f);
  cpt_test_cleanup_dir (f.dir);
  g_free (f.dir);
  g_free (f.path);
}

/* The error page of a list, shown (mapped), and what it says. */
static GtkWidget *
shown_error_page (CptWindow *window)
{
  GtkWidget *page = GTK_WIDGET (cpt_window_get_visible_page (window));
  GtkWidget *found = ui_find_type (page, CPT_TYPE_LIST_ERROR_PAGE);

  return found != NULL && gtk_widget_get_mapped (found) ? found : NULL;
}

static gboolean
error_page_says (gpointer data)
{
  Shown *shown = data;
  GtkWidget *page = shown_error_page (shown->window);
  GtkWidget *status = page ? ui_find_type (page, ADW_TYPE_STATUS_PAGE) : NULL;
  const char *description = status ? adw_status_page_get_description (ADW_STATUS_PAGE (status)) : NULL;

  return description != NULL && strstr (description, shown->text) != NULL;
}

static gboolean
error_page_gone (gpointer window)
{
  return shown_error_page (window) == NULL;
}

static gboolean
list_counted_again (gpointer data)
{
  CptDocumentList *list = data;
  CptPagedList *model = cpt_document_list_get_rows (list);

  return !cpt_paged_list_is_counting (model) && cpt_paged_list_get_error (model) != NULL;
}

static void
exec_on_the_side (Fixture *f, const char *sql)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  sqlite3_busy_timeout (raw, 5000);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
}

static void
unreadable_list_scenario (CptApplication *app,
                          CptWindow      *window,
                          gpointer        data)
{
  Fixture *f = data;
  Shown reason = { window, "no such table: mail_messages" };
  CptDocumentList *list;
  RowState awaiting;
  GtkWidget *retry;

  ui_activate (GTK_WIDGET (window), "win.show-section", "s", "invoices");
  g_assert_true (ui_wait_until (invoices_are_shown, window, 10));
  list = cpt_documents_page_get_list (CPT_DOCUMENTS_PAGE (ui_visible_page (window, CPT_TYPE_DOCUMENTS_PAGE)));
  awaiting = (RowState) { list, "awaiting_payment" };
  g_assert_true (ui_wait_until (first_row_is, &awaiting, 10));
  g_assert_null (shown_error_page (window));

  /* The table the rows' reminders come from goes away behind the window's back (another
   * program; a damaged file alike): the list, told of the change, cannot be read, and says
   * why in place of its rows, never an empty list. */
  exec_on_the_side (f, "ALTER TABLE mail_messages RENAME TO mail_messages_away");
  if (!ui_wait_until (error_page_says, &reason, 10))
    g_error ("the Invoices list does not say why it cannot be read");
  g_assert_true (ui_find_button (shown_error_page (window), "Retry") != NULL);
  /* no "0 invoices" under it: the list has no count to give */
  g_assert_cmpstr (cpt_document_list_get_total_text (list), ==, "");
  ui_snapshot (GTK_WIDGET (window), "ui-changes-3-unreadable");

  /* Retry reads the list again: still unreadable, it says so again. */
  retry = ui_find_button (shown_error_page (window), "Retry");
  ui_click (shown_error_page (window), "Retry");
  g_assert_false (gtk_widget_get_sensitive (retry) &&
                  cpt_paged_list_is_counting (cpt_document_list_get_rows (list)));
  g_assert_true (ui_wait_until (list_counted_again, list, 10));
  g_assert_true (error_page_says (&reason));
  g_assert_true (gtk_widget_get_sensitive (retry));

  /* The file reads again: the rows come back. */
  exec_on_the_side (f, "ALTER TABLE mail_messages_away RENAME TO mail_messages");
  g_assert_true (ui_wait_until (error_page_gone, window, 10));
  g_assert_true (ui_wait_until (first_row_is, &awaiting, 10));
}

static void
test_unreadable_list (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(CptDatabase) db = ui_new_company_file (&f.dir, &f.path, "Librairie Moreau", &f.client_id);
    g_autoptr(CptDocument) invoice = cpt_documents_create (db, "invoice", f.client_id, TODAY,
                                                          NULL, NULL, &error);

    g_assert_no_error (error);
    ui_add_item (db, cpt_document_get_id (invoice), "Reliure", 1000, 1000000, 2000);
    g_assert_true (cpt_lifecycle_validate (db, cpt_document_get_id (invoice), TODAY, &error));
    g_assert_no_error (error);
  }
  ui_run (f.path, unreadable_list_scenario, &f);
  cpt_test_cleanup_dir (f.dir);
  g_free (f.dir);
  g_free (f.path);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("COMPTOIR_TODAY", TODAY, TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/changes/other-process", test_other_process);
  g_test_add_func ("/ui/changes/open-page", test_open_page);
  g_test_add_func ("/ui/changes/unreadable-list", test_unreadable_list);

  return g_test_run ();
}
