/* The Email page of Preferences (issue 14): a user types the sender and the server, enters
 * the password (kept in the real keyring, never in the file), and "Test the Connection"
 * logs in to a real SMTP server on 127.0.0.1 (smtp-server.py) in a thread, saying it works;
 * a wrong password is said in words; what was typed is in the company file. (Each test
 * that keeps a password uses a user of its own: the tests share the session's keyring and
 * run side by side.) */
#include <string.h>

#include "cpt-ui-test-utils.h"
#include "cpt-smtp-test-utils.h"
#include "cpt-mail-templates.h"
#include "cpt-mail-templates-page.h"
#include "cpt-company.h"
#include "cpt-series.h"
#include "cpt-mail.h"
#include "cpt-mail-account-page.h"
#include "cpt-preferences-dialog.h"

typedef struct
{
  char   *dir;
  char   *path;
  Server  server;
} Fixture;

static gboolean
test_done (gpointer page)
{
  return !cpt_mail_account_page_is_testing (page);
}

static const char *
connection_text (CptMailAccountPage *page)
{
  GtkWidget *row = ui_find_row (GTK_WIDGET (page), "Connection");

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

typedef struct
{
  const char *host, *user;
} Key;

static gboolean
password_stored (gpointer data)
{
  Key *key = data;
  g_autofree char *found = cpt_mail_password_lookup (key->host, key->user, NULL, NULL);

  return found != NULL;
}

static gboolean
row_emptied (gpointer row)
{
  return *gtk_editable_get_text (GTK_EDITABLE (row)) == '\0';
}

static void
test_connection (CptMailAccountPage *page)
{
  /* An account that cannot be tried is said at once; else a thread tries it. */
  ui_click (GTK_WIDGET (page), "Test the Connection");
  g_assert_true (ui_wait_until (test_done, page, 20));
}

static void
scenario (CptApplication *app, CptWindow *window, gpointer data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  g_autofree char *port = g_strdup_printf ("%u", f->server.port);
  Key key = { "127.0.0.1", "marie-ui" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = NULL;
  g_autofree char *host = NULL, *from = NULL, *security = NULL, *user = NULL;
  gint64 saved_port = 0;
  AdwDialog *dialog;
  CptMailAccountPage *page;
  GtkWidget *password;

  UI_WATCHED (g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL));
  dialog = ui_wait_for_dialog (window);
  page = CPT_MAIL_ACCOUNT_PAGE (ui_find_type (GTK_WIDGET (dialog), CPT_TYPE_MAIL_ACCOUNT_PAGE));
  g_assert_nonnull (page);
  adw_preferences_dialog_set_visible_page (ADW_PREFERENCES_DIALOG (dialog), ADW_PREFERENCES_PAGE (page));
  ui_wait (200);

  /* Before anything is typed, the test says what is missing. */
  test_connection (page);
  g_assert_nonnull (strstr (connection_text (page), "Preferences, Email"));

  ui_type_in_row (GTK_WIDGET (page), "Name", "Boulangerie Martin");
  ui_type_in_row (GTK_WIDGET (page), "Address", "marie@boulangerie-martin.fr");
  ui_type_in_row (GTK_WIDGET (page), "Server", "127.0.0.1");
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_find_row (GTK_WIDGET (page), "Security")), 2);
  adw_spin_row_set_value (ADW_SPIN_ROW (ui_find_row (GTK_WIDGET (page), "Port")), f->server.port);
  ui_type_in_row (GTK_WIDGET (page), "User Name", "marie-ui");
  password = ui_find_row (GTK_WIDGET (page), "Password");
  gtk_editable_set_text (GTK_EDITABLE (password), "pain-de-mie");
  UI_WATCHED (g_signal_emit_by_name (password, "apply"));
  /* Once stored, the row is emptied: the password is not kept on screen either. */
  g_assert_true (ui_wait_until (row_emptied, password, 20));
  g_assert_true (password_stored (&key));
  ui_snapshot (GTK_WIDGET (window), "ui-mail-account");

  test_connection (page);
  if (!g_str_has_prefix (connection_text (page), "It works: 127.0.0.1 answers on port"))
    g_error ("the test says: %s", connection_text (page));
  ui_snapshot (GTK_WIDGET (window), "ui-mail-account-works");
  g_assert_null (received (&f->server, 1));

  /* A wrong password, said as the server's refusal. */
  gtk_editable_set_text (GTK_EDITABLE (password), "baguette");
  UI_WATCHED (g_signal_emit_by_name (password, "apply"));
  g_assert_true (ui_wait_until (row_emptied, password, 20));
  test_connection (page);
  if (strstr (connection_text (page), "refused") == NULL)
    g_error ("the test says: %s", connection_text (page));

  adw_dialog_close (dialog);
  ui_wait_for_no_dialog (window);
  company = cpt_company_load (db, &error);
  g_assert_no_error (error);
  g_object_get (company, "mail-host", &host, "mail-from-address", &from, "mail-security", &security,
                "mail-user", &user, "mail-port", &saved_port, NULL);
  g_assert_cmpstr (host, ==, "127.0.0.1");
  g_assert_cmpstr (from, ==, "marie@boulangerie-martin.fr");
  g_assert_cmpstr (security, ==, "none");
  g_assert_cmpstr (user, ==, "marie-ui");
  g_assert_cmpint (saved_port, ==, f->server.port);
  g_assert_true (cpt_mail_password_clear ("127.0.0.1", "marie-ui", NULL, &error));
}

static gboolean
templates_idle (gpointer page)
{
  return cpt_mail_templates_page_is_idle (page);
}

/* "Messages": the wording of each message, previewed as it is typed, checked, saved after
 * a pause, and restored. */
static void
templates_scenario (CptApplication *app, CptWindow *window, gpointer data)
{
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL, *body = NULL;
  gboolean custom = TRUE;
  AdwDialog *dialog;
  CptMailTemplatesPage *page;
  GtkTextBuffer *buffer;
  GtkWidget *problem;

  UI_WATCHED (g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL));
  dialog = ui_wait_for_dialog (window);
  page = CPT_MAIL_TEMPLATES_PAGE (ui_find_type (GTK_WIDGET (dialog), CPT_TYPE_MAIL_TEMPLATES_PAGE));
  g_assert_nonnull (page);
  adw_preferences_dialog_set_visible_page (ADW_PREFERENCES_DIALOG (dialog), ADW_PREFERENCES_PAGE (page));
  g_assert_true (ui_wait_until (templates_idle, page, 20));
  /* The invoice's built-in French wording, filled in for the made-up invoice. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_row (GTK_WIDGET (page), "Subject"))), ==,
                   "{document} {number} – {seller}");
  g_assert_nonnull (ui_find_label (GTK_WIDGET (page), "Facture FA-2026-0042 – Atelier Lumière"));

  /* The first reminder, in the user's words: a typo in a placeholder is said and not saved. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_find_row (GTK_WIDGET (page), "Message")),
                              CPT_MAIL_PURPOSE_REMINDER_1);
  g_assert_true (ui_wait_until (templates_idle, page, 20));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (ui_find_type (GTK_WIDGET (page), GTK_TYPE_TEXT_VIEW)));
  gtk_text_buffer_set_text (buffer, "Bonjour {clent},\nil reste {balance}.", -1);
  problem = ui_find_label (GTK_WIDGET (page), "{clent} is not a placeholder Comptoir knows: use {client}, "
                           "{seller}, {document}, {number}, {date}, {amount}, {due_date}, {balance}, "
                           "{days_late}, {deadline}, {penalties}, {payment_details}, {signature}");
  g_assert_nonnull (problem);
  ui_wait (900);
  g_assert_true (cpt_mail_templates_get (db, CPT_MAIL_PURPOSE_REMINDER_1, "fr", &subject, &body, &custom, &error));
  g_assert_false (custom);
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);

  gtk_text_buffer_set_text (buffer, "Bonjour {client},\nil reste {balance}.", -1);
  g_assert_false (gtk_widget_get_visible (problem));
  g_assert_nonnull (ui_find_label (GTK_WIDGET (page), "Bonjour Hôtel du Parc,\nil reste 700,00 €."));
  ui_snapshot (GTK_WIDGET (window), "ui-mail-templates");
  ui_wait (900);
  g_assert_true (ui_wait_until (templates_idle, page, 20));
  g_assert_true (cpt_mail_templates_get (db, CPT_MAIL_PURPOSE_REMINDER_1, "fr", &subject, &body, &custom, &error));
  g_assert_true (custom);
  g_assert_cmpstr (body, ==, "Bonjour {client},\nil reste {balance}.");
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);

  /* The English one is another. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_find_row (GTK_WIDGET (page), "Language")), 1);
  g_assert_true (ui_wait_until (templates_idle, page, 20));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_row (GTK_WIDGET (page), "Subject"))), ==,
                   "Reminder: invoice {number} is past due");

  /* Back to French, and back to Comptoir's wording. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_find_row (GTK_WIDGET (page), "Language")), 0);
  g_assert_true (ui_wait_until (templates_idle, page, 20));
  ui_click (GTK_WIDGET (page), "Restore Comptoir’s Wording");
  g_assert_true (ui_wait_until (templates_idle, page, 20));
  g_assert_true (cpt_mail_templates_get (db, CPT_MAIL_PURPOSE_REMINDER_1, "fr", &subject, &body, &custom, &error));
  g_assert_false (custom);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_row (GTK_WIDGET (page), "Subject"))), ==,
                   "Rappel : facture {number} arrivée à échéance");
  adw_dialog_close (dialog);
  ui_wait_for_no_dialog (window);
}

static void
test_mail_templates (void)
{
  g_autofree char *dir = NULL, *path = NULL;
  g_autoptr(CptDatabase) db = NULL;
  gint64 client;

  db = ui_new_company_file (&dir, &path, "Boulangerie Martin", &client);
  g_clear_object (&db);
  ui_run (path, templates_scenario, NULL);
  ui_remove_tmp_dir (dir);
}

static void
test_mail_account (void)
{
  const char *const auth[] = { "--auth", "marie-ui:pain-de-mie", NULL };
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = NULL;
  gint64 client;

  server_start (&f.server, auth);
  db = ui_new_company_file (&f.dir, &f.path, "Boulangerie Martin", &client);
  g_clear_object (&db);
  ui_run (f.path, scenario, &f);
  server_stop (&f.server);
  ui_remove_tmp_dir (f.dir);
  g_free (f.dir);
  g_free (f.path);
}

/* ------------------------------------------------------------ the preferences, read and
 * saved in the worker (issue 12) */

static gboolean
preferences_idle (gpointer dialog)
{
  return cpt_preferences_dialog_is_idle (dialog);
}

static gboolean
shows_subtitle (gpointer row)
{
  const char *expected = g_object_get_data (G_OBJECT (row), "expected");

  return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), expected) == 0;
}

/* The example row of the first series (the invoices'). */
static GtkWidget *
first_example_row (AdwDialog *dialog)
{
  return ui_find_row (GTK_WIDGET (dialog), "Next Number");
}

static void
preferences_scenario (CptApplication *app, CptWindow *window, gpointer data)
{
  CptDatabase *db = cpt_application_get_database (app);
  UiWorkerBlock block = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = NULL;
  g_autoptr(CptSeries) series = NULL;
  g_autofree char *city = NULL;
  /* The next invoice this year, as the new format numbers it. */
  g_autofree char *expected = g_strdup_printf ("F%.4s-00001",
                                               cpt_context_get_today (cpt_application_get_context (app)));
  AdwDialog *dialog;
  GtkWidget *name, *format, *example;

  /* While the worker is busy, the pages wait for what they show, taking no input: nothing
   * typed could be overwritten by the read, nor blanks saved over the file. */
  ui_block_worker (cpt_application_get_worker (app), &block);
  UI_WATCHED (g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL));
  g_assert_true (ui_wait_until (ui_has_dialog, window, 5));
  ui_wait (300);
  dialog = ui_visible_dialog (window);
  g_assert_true (CPT_IS_PREFERENCES_DIALOG (dialog));
  g_assert_false (cpt_preferences_dialog_is_idle (CPT_PREFERENCES_DIALOG (dialog)));
  name = ui_find_row (GTK_WIDGET (dialog), "Business Name");
  g_assert_nonnull (name);
  g_assert_false (gtk_widget_is_sensitive (name));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "");
  ui_snapshot (GTK_WIDGET (window), "ui-preferences-loading");
  ui_release_worker (&block);
  g_assert_true (ui_wait_until (preferences_idle, dialog, 10));
  g_assert_true (gtk_widget_is_sensitive (name));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Atelier Lumière");

  /* The example of the next number follows what is typed, read in the worker. */
  example = first_example_row (dialog);
  g_assert_nonnull (example);
  format = ui_find_row (GTK_WIDGET (dialog), "Format");
  /* Two keystrokes close together: only the last one's example is shown. */
  ui_type_in_row (GTK_WIDGET (dialog), "Format", "F{YYYY}-{N:3}");
  ui_type_in_row (GTK_WIDGET (dialog), "Format", "F{YYYY}-{N:5}");
  g_object_set_data (G_OBJECT (example), "expected", expected);
  g_assert_true (ui_wait_until (shows_subtitle, example, 10));
  ui_wait (300);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (example)), ==, expected);
  g_assert_false (gtk_widget_has_css_class (format, "error"));
  ui_snapshot (GTK_WIDGET (window), "ui-preferences-loaded");

  /* A SIREN the file refuses keeps the dialog open with the reason, the text kept. */
  ui_type_in_row (GTK_WIDGET (dialog), "City", "Villeurbanne");
  ui_type_in_row (GTK_WIDGET (dialog), "SIREN", "732829321");
  adw_dialog_close (dialog);
  g_assert_true (ui_wait_until (preferences_idle, dialog, 10));
  ui_wait (200);
  g_assert_true (ui_visible_dialog (window) == dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_row (GTK_WIDGET (dialog), "SIREN"))), ==, "732829321");
  company = cpt_company_load (db, &error);
  g_assert_no_error (error);
  g_object_get (company, "city", &city, NULL);
  g_assert_cmpstr (city, ==, "Lyon");
  g_clear_object (&company);
  g_clear_pointer (&city, g_free);

  /* Put right, it is saved as the dialog closes: closing waits for the save. */
  ui_type_in_row (GTK_WIDGET (dialog), "SIREN", "732 829 320");
  adw_dialog_close (dialog);
  ui_wait_for_no_dialog (window);
  company = cpt_company_load (db, &error);
  g_assert_no_error (error);
  g_object_get (company, "city", &city, NULL);
  g_assert_cmpstr (city, ==, "Villeurbanne");
  series = cpt_series_load (db, "invoice", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (series->format, ==, "F{YYYY}-{N:5}");
}

static void
test_preferences (void)
{
  g_autofree char *dir = NULL, *path = NULL;
  g_autoptr(CptDatabase) db = NULL;
  gint64 client;

  db = ui_new_company_file (&dir, &path, "Boulangerie Martin", &client);
  g_clear_object (&db);
  ui_run (path, preferences_scenario, NULL);
  ui_remove_tmp_dir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/mail/account", test_mail_account);
  g_test_add_func ("/ui/mail/templates", test_mail_templates);
  g_test_add_func ("/ui/mail/preferences", test_preferences);
  return g_test_run ();
}
