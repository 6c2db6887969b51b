/* The window checks the company file when it opens (issue 10): in a thread, without
 * blocking the pages, and shows a banner when the file was changed behind Comptoir's back;
 * its Details button lists what was found. A sound file shows no banner. */
#include <sqlite3.h>
#include <string.h>

#include "cpt-ui-test-utils.h"
#include "cpt-test-utils.h"
#include "cpt-check-banner.h"
#include "cpt-client.h"
#include "cpt-company.h"
#include "cpt-documents.h"
#include "cpt-lifecycle.h"

typedef struct
{
  char  *dir;
  char  *path;
  gint64 invoice;
} Fixture;

/* A company with one validated invoice, FA-2026-0001. */
static void
make_file (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  g_autoptr(CptCompany) company = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptDocument) invoice = NULL;
  g_autoptr(CptDocumentLine) line = cpt_document_line_new ();

  f->dir = ui_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "check.db", NULL);
  db = cpt_database_open (f->path, &error);
  g_assert_no_error (error);
  company = cpt_company_load (db, &error);
  g_assert_no_error (error);
  g_object_set (company, "name", "Atelier Lumière", "city", "Lyon", "siren", "732829320", NULL);
  g_assert_true (cpt_company_save (company, db, &error));
  g_object_set (client, "name", "Librairie Moreau", "email", "compta@example.org", NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  invoice = cpt_documents_create (db, "invoice", cpt_client_get_id (client), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_set (line, "description", "Reliure", "unit-price", (gint64) 1000000, "vat-rate", (gint64) 2000, NULL);
  g_assert_true (cpt_documents_add_line (db, cpt_document_get_id (invoice), line, &error));
  g_assert_true (cpt_lifecycle_validate (db, cpt_document_get_id (invoice), NULL, &error));
  g_assert_no_error (error);
  f->invoice = cpt_document_get_id (invoice);
}

static void
raw_exec (const char *path, const char *sql)
{
  sqlite3 *raw = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  if (sqlite3_exec (raw, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("raw SQL failed: %s", message);
  sqlite3_close (raw);
}

static gint64
count_rows (const char *path, const char *sql)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return count;
}

/* The seals removed as the sqlite3 shell would, the append-only trigger put back as it was,
 * so that only the missing seals differ from a file from before the seal. */
#define REMOVE_SEALS \
  "DROP TRIGGER ledger_seals_no_delete; DELETE FROM ledger_seals; " \
  "CREATE TRIGGER ledger_seals_no_delete BEFORE DELETE ON ledger_seals BEGIN\n" \
  "  SELECT RAISE (ABORT, 'the seals of the ledger are append-only');\nEND"

static void
clear_file (Fixture *f)
{
  ui_remove_tmp_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static CptCheckBanner *
find_banner (CptWindow *window)
{
  GtkWidget *banner = ui_find_type (GTK_WIDGET (window), CPT_TYPE_CHECK_BANNER);

  g_assert_nonnull (banner);
  return CPT_CHECK_BANNER (banner);
}

static gboolean
check_finished (gpointer banner)
{
  return cpt_check_banner_is_finished (banner);
}

static gboolean
banner_shown (gpointer banner)
{
  return gtk_widget_get_mapped (banner) && gtk_widget_get_height (banner) > 0;
}

/* The banner is seen, right under the header bar of the page on top, as wide as it. */
static void
assert_under_header_bar (CptWindow *window, AdwBanner *banner)
{
  GtkWidget *page = GTK_WIDGET (cpt_window_get_visible_page (window));
  GtkWidget *header = ui_find_type (page, ADW_TYPE_HEADER_BAR);
  graphene_rect_t b, h;

  g_assert_nonnull (header);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (banner), page));
  g_assert_true (ui_wait_until (banner_shown, banner, 10));
  ui_wait (400); /* the revealer's animation */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (banner), GTK_WIDGET (window), &b));
  g_assert_true (gtk_widget_compute_bounds (header, GTK_WIDGET (window), &h));
  g_assert_cmpfloat_with_epsilon (b.origin.y, h.origin.y + h.size.height, 1.5);
  /* Across the header bar, whose edges may take a pixel of the pane's border. */
  g_assert_cmpfloat (b.origin.x, >=, h.origin.x);
  g_assert_cmpfloat (b.origin.x + b.size.width, <=, h.origin.x + h.size.width);
  g_assert_cmpfloat (b.size.width, >=, h.size.width - 4);
  g_assert_cmpfloat (b.size.height, >, 20);
}

static void
tampered_scenario (CptApplication *app, CptWindow *window, gpointer data)
{
  CptCheckBanner *banner = find_banner (window);
  AdwBanner *adw_banner = ADW_BANNER (ui_find_type (GTK_WIDGET (banner), ADW_TYPE_BANNER));
  AdwDialog *dialog;
  GtkWidget *details, *label;
  GdkContentProvider *content;
  GValue copied = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_assert_true (ui_wait_until (check_finished, banner, 30));
  g_assert_true (cpt_check_banner_is_revealed (banner));
  g_assert_cmpstr (adw_banner_get_title (adw_banner), ==,
                   "This company file was changed outside Comptoir");
  g_assert_nonnull (strstr (cpt_check_banner_get_details (banner), "FA-2026-0001 was validated"));
  g_assert_nonnull (strstr (cpt_check_banner_get_details (banner), "documents_locked_update"));
  /* The pages are shown all along: the check does not hold them. */
  g_assert_cmpstr (cpt_window_get_visible_page_name (window), ==, "main");
  /* Under the header bar of the list one sees, then of a document opened from it. */
  assert_under_header_bar (window, adw_banner);
  ui_snapshot (GTK_WIDGET (window), "check-banner");
  ui_open_document (window, ((Fixture *) data)->invoice);
  assert_under_header_bar (window, adw_banner);
  ui_snapshot (GTK_WIDGET (window), "check-banner-document");

  /* Details lists what was found, in a dialog. */
  UI_WATCHED (g_signal_emit_by_name (adw_banner, "button-clicked"));
  dialog = ui_wait_for_dialog (window);
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  label = ui_find_label (GTK_WIDGET (dialog), cpt_check_banner_get_details (banner));
  g_assert_nonnull (label);
  details = GTK_WIDGET (dialog);
  ui_snapshot (details, "check-details");
  /* Opened, nothing of it is selected (a selectable label that takes the focus is selected
   * whole), and Copy Details puts it all on the clipboard. */
  ui_wait (200);
  g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (label), NULL, NULL));
  ui_click (GTK_WIDGET (dialog), "Copy Details");
  ui_wait_for_no_dialog (window);
  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (window)));
  g_assert_nonnull (content);
  g_value_init (&copied, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &copied, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_value_get_string (&copied), ==, cpt_check_banner_get_details (banner));
  g_value_unset (&copied);
}

static void
test_banner_when_tampered (void)
{
  Fixture f = { 0 };
  sqlite3 *raw = NULL;
  char *message = NULL;

  make_file (&f);
  g_assert_cmpint (sqlite3_open (f.path, &raw), ==, SQLITE_OK);
  if (sqlite3_exec (raw, "DROP TRIGGER documents_locked_update; "
                         "UPDATE documents SET status = 'draft' WHERE number = 'FA-2026-0001'",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("tampering failed: %s", message);
  sqlite3_close (raw);
  ui_run (f.path, tampered_scenario, &f);
  clear_file (&f);
}

static void
sound_scenario (CptApplication *app, CptWindow *window, gpointer data)
{
  CptCheckBanner *banner = find_banner (window);

  g_assert_true (ui_wait_until (check_finished, banner, 30));
  g_assert_false (cpt_check_banner_is_revealed (banner));
  g_assert_null (cpt_check_banner_get_details (banner));
}

static void
test_no_banner_when_sound (void)
{
  Fixture f = { 0 };

  make_file (&f);
  ui_run (f.path, sound_scenario, &f);
  clear_file (&f);
}

/* A file from before the seal, sound, of a company this computer has no key for: the window
 * seals it at its first opening, and shows no banner. */
static void
sealed_scenario (CptApplication *app, CptWindow *window, gpointer data)
{
  Fixture *f = data;
  CptCheckBanner *banner = find_banner (window);

  g_assert_true (ui_wait_until (check_finished, banner, 30));
  g_assert_false (cpt_check_banner_is_revealed (banner));
  g_assert_null (cpt_check_banner_get_details (banner));
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM ledger_seals"), ==, 1);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM audit_events "
                                        "WHERE action = 'seal_existing'"), ==, 1);
}

static void
test_sealed_at_first_open (void)
{
  Fixture f = { 0 };
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *sql = NULL;

  make_file (&f);
  /* Another company, which this keyring has no key for, and no seal in the file. */
  sql = g_strdup_printf (REMOVE_SEALS "; UPDATE company SET uuid = '%s'", uuid);
  raw_exec (f.path, sql);
  g_assert_cmpint (count_rows (f.path, "SELECT count(*) FROM ledger_seals"), ==, 0);
  ui_run (f.path, sealed_scenario, &f);
  clear_file (&f);
}

/* The seals removed from a file whose company has its key here: not sealed again, said. */
static void
removed_scenario (CptApplication *app, CptWindow *window, gpointer data)
{
  Fixture *f = data;
  CptCheckBanner *banner = find_banner (window);

  g_assert_true (ui_wait_until (check_finished, banner, 30));
  g_assert_true (cpt_check_banner_is_revealed (banner));
  g_assert_nonnull (strstr (cpt_check_banner_get_details (banner),
                            "1 validated document (FA-2026-0001) has no seal"));
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM ledger_seals"), ==, 0);
  assert_under_header_bar (window, ADW_BANNER (ui_find_type (GTK_WIDGET (banner), ADW_TYPE_BANNER)));
}

static void
test_removed_seals_not_sealed_again (void)
{
  Fixture f = { 0 };

  make_file (&f);
  raw_exec (f.path, REMOVE_SEALS);
  ui_run (f.path, removed_scenario, &f);
  g_assert_cmpint (count_rows (f.path, "SELECT count(*) FROM ledger_seals"), ==, 0);
  clear_file (&f);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_setenv ("COMPTOIR_TODAY", "2026-03-15", TRUE);

  g_test_add_func ("/ui/check/banner-when-tampered", test_banner_when_tampered);
  g_test_add_func ("/ui/check/no-banner-when-sound", test_no_banner_when_sound);
  g_test_add_func ("/ui/check/sealed-at-first-open", test_sealed_at_first_open);
  g_test_add_func ("/ui/check/removed-seals-not-sealed-again", test_removed_seals_not_sealed_again);
  return g_test_run ();
}
