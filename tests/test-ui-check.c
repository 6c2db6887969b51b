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
  char *dir;
  char *path;
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
  g_object_set (company, "name", "Atelier Lumière", "city", "Lyon", NULL);
  g_assert_true (cpt_company_save (company, db, &error));
  g_object_set (client, "name", "Librairie Moreau", NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  invoice = cpt_documents_create (db, "invoice", cpt_client_get_id (client), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_set (line, "description", "Reliure", "unit-price", (gint64) 1000000, "vat-rate", (gint64) 2000, NULL);
  g_assert_true (cpt_documents_add_line (db, cpt_document_get_id (invoice), line, &error));
  g_assert_true (cpt_lifecycle_validate (db, cpt_document_get_id (invoice), NULL, &error));
  g_assert_no_error (error);
}

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

static void
tampered_scenario (CptApplication *app, CptWindow *window, gpointer data)
{
  CptCheckBanner *banner = find_banner (window);
  AdwBanner *adw_banner = ADW_BANNER (ui_find_type (GTK_WIDGET (banner), ADW_TYPE_BANNER));
  AdwDialog *dialog;
  GtkWidget *details;

  g_assert_true (ui_wait_until (check_finished, banner, 30));
  g_assert_true (cpt_check_banner_is_revealed (banner));
  g_assert_cmpstr (adw_banner_get_title (adw_banner), ==,
                   "This company file was changed outside Comptoir");
  g_assert_nonnull (strstr (cpt_check_banner_get_details (banner), "FA-2026-0001 was validated"));
  g_assert_nonnull (strstr (cpt_check_banner_get_details (banner), "documents_locked_update"));
  /* The pages are shown all along: the check does not hold them. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_next_sibling (GTK_WIDGET (banner)))),
                   ==, "main");
  ui_snapshot (GTK_WIDGET (window), "check-banner");

  /* Details lists what was found, in a dialog. */
  g_signal_emit_by_name (adw_banner, "button-clicked");
  dialog = ui_wait_for_dialog (window);
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  g_assert_nonnull (ui_find_label (GTK_WIDGET (dialog), cpt_check_banner_get_details (banner)));
  details = GTK_WIDGET (dialog);
  ui_snapshot (details, "check-details");
  adw_dialog_close (dialog);
  ui_wait_for_no_dialog (window);
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

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_setenv ("COMPTOIR_TODAY", "2026-03-15", TRUE);

  g_test_add_func ("/ui/check/banner-when-tampered", test_banner_when_tampered);
  g_test_add_func ("/ui/check/no-banner-when-sound", test_no_banner_when_sound);
  return g_test_run ();
}
