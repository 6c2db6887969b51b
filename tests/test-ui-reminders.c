/* Payment reminders in the window (issue 14), against a real SMTP server on 127.0.0.1
 * (smtp-server.py). On 2026-03-05 the dashboard says which reminders the books call for: an
 * invoice whose level 2 went out 16 days ago needs its formal notice, another due three
 * weeks ago its first reminder; one still within its first week needs nothing yet. "Look
 * them over" opens them ticked; Send delivers both, the formal notice with its letter, and
 * the row goes. On the last invoice, "Send a Reminder…" proposes level 1 early, says so,
 * and sends it; the client's record and the invoice's history keep them. An invoice sent while the server was down waits in the outbox: the
 * dashboard says so until Send Now has sent it. */
#include <string.h>

#include "cpt-ui-test-utils.h"
#include "cpt-smtp-test-utils.h"
#include "cpt-client-page.h"
#include "cpt-company.h"
#include "cpt-documents-page.h"
#include "cpt-document-mail.h"
#include "cpt-mail-messages.h"
#include "cpt-reminders-dialog.h"
#include "cpt-send-dialog.h"

typedef struct
{
  char   *dir;
  char   *path;
  Server  server;
  gint64  noticed;    /* levels 1 and 2 sent: its formal notice is due */
  gint64  late;       /* due 2026-02-11: level 1 due */
  gint64  recent;     /* due 2026-03-01: level 1 on 2026-03-08 */
  gint64  client;
} Fixture;

static gboolean
dialog_done (gpointer dialog)
{
  return !cpt_reminders_dialog_is_sending (dialog);
}

static gboolean
send_ready (gpointer dialog)
{
  return cpt_send_dialog_is_ready (dialog) || cpt_send_dialog_get_error (dialog) != NULL;
}

static gboolean
send_done (gpointer dialog)
{
  return !cpt_send_dialog_is_sending (dialog);
}

static gboolean
reminders_row_gone (gpointer window)
{
  return ui_dashboard_is_loaded (window) &&
         ui_find_row (GTK_WIDGET (window), "2 reminders are due") == NULL;
}

static AdwBanner *
outbox_banner (CptWindow *window)
{
  g_autoptr(GPtrArray) banners = ui_find_all (GTK_WIDGET (window), ui_match_type,
                                               GSIZE_TO_POINTER (ADW_TYPE_BANNER));

  for (guint i = 0; i < banners->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (banners, i)), "app.send-outbox") == 0)
      return g_ptr_array_index (banners, i);
  return NULL;
}

/* A visible widget whose tooltip is `data`. */
static gboolean
match_tooltip (GtkWidget *widget, gconstpointer data)
{
  return gtk_widget_is_visible (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static gboolean
client_page_loaded (gpointer window)
{
  AdwNavigationPage *page = cpt_window_get_visible_page (window);

  return CPT_IS_CLIENT_PAGE (page) && cpt_client_page_is_loaded (CPT_CLIENT_PAGE (page));
}

static gboolean
outbox_banner_hidden (gpointer banner)
{
  return !adw_banner_get_revealed (banner);
}

static guint
levels_sent (CptDatabase *db, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = cpt_mail_messages_of_document (db, id, &error);
  guint level = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      const CptMailRecord *r = g_ptr_array_index (records, i);

      if (r->state == CPT_MAIL_MESSAGE_SENT)
        level = MAX (level, (guint) r->reminder_level);
    }
  return level;
}

static void
scenario (CptApplication *app, CptWindow *window, gpointer data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(JsonObject) notice = NULL, first = NULL, early = NULL, waited = NULL;
  AdwBanner *banner;
  GtkWidget *row;
  AdwDialog *dialog;
  JsonArray *attachments;
  CptDocumentPage *page;
  GtkWidget *client_page;

  g_assert_true (ui_wait_until (ui_dashboard_is_loaded, window, 20));
  /* The invoice that could not leave while the server was down: the dashboard says so, and
   * Send Now sends it. */
  banner = outbox_banner (window);
  g_assert_nonnull (banner);
  g_assert_true (adw_banner_get_revealed (banner));
  g_assert_cmpstr (adw_banner_get_title (banner), ==,
                   "1 message waits in the outbox: the mail server did not answer");
  UI_WATCHED (g_assert_true (gtk_widget_activate_action (GTK_WIDGET (banner), "app.send-outbox", NULL)));
  g_assert_true (ui_wait_until (outbox_banner_hidden, banner, 30));
  waited = received (&f->server, 3);
  g_assert_nonnull (waited);
  g_assert_cmpstr (json_object_get_string_member (waited, "subject"), ==,
                   "Facture FA-2026-0002 – Atelier Lumière");
  row = ui_find_row (GTK_WIDGET (window), "2 reminders are due");
  g_assert_nonnull (row);
  ui_snapshot (GTK_WIDGET (window), "ui-reminders-dashboard");
  UI_WATCHED (g_signal_emit_by_name (row, "activated"));
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_REMINDERS_DIALOG (dialog));
  g_assert_nonnull (ui_find_row (GTK_WIDGET (dialog), "FA-2026-0001 · Hôtel du Parc"));
  g_assert_nonnull (ui_find_row (GTK_WIDGET (dialog), "FA-2026-0002 · Hôtel du Parc"));
  g_assert_null (ui_find_row (GTK_WIDGET (dialog), "FA-2026-0003 · Hôtel du Parc"));
  g_assert_nonnull (ui_find_label (GTK_WIDGET (dialog), "Formal notice · €12.00 owed, 24 days late"));
  ui_snapshot (GTK_WIDGET (window), "ui-reminders-dialog");
  ui_click (GTK_WIDGET (dialog), "Send 2 Reminders");
  g_assert_true (ui_wait_until (dialog_done, dialog, 30));
  g_assert_cmpuint (cpt_reminders_dialog_get_failed (CPT_REMINDERS_DIALOG (dialog)), ==, 0);
  g_assert_cmpuint (cpt_reminders_dialog_get_sent (CPT_REMINDERS_DIALOG (dialog)), ==, 2);
  ui_wait_for_no_dialog (window);

  /* Messages 1 and 2 were the levels sent before the window opened, 3 the outbox's. */
  notice = received (&f->server, 4);
  first = received (&f->server, 5);
  g_assert_nonnull (notice);
  g_assert_nonnull (first);
  g_assert_cmpstr (json_object_get_string_member (notice, "subject"), ==,
                   "Mise en demeure de payer – facture FA-2026-0001");
  attachments = json_object_get_array_member (notice, "attachments");
  g_assert_cmpuint (json_array_get_length (attachments), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (attachments, 1), "filename"),
                   ==, "mise-en-demeure-FA-2026-0001.pdf");
  g_assert_cmpstr (json_object_get_string_member (first, "subject"), ==,
                   "Rappel : facture FA-2026-0002 arrivée à échéance");
  g_assert_cmpuint (levels_sent (db, f->noticed), ==, 3);
  g_assert_cmpuint (levels_sent (db, f->late), ==, 1);
  g_assert_true (ui_wait_until (reminders_row_gone, window, 20));

  /* The last invoice, reminded from its page before its planned day. */
  page = ui_open_document (window, f->recent);
  ui_activate (GTK_WIDGET (page), "document.remind", NULL);
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_SEND_DIALOG (dialog));
  g_assert_true (ui_wait_until (send_ready, dialog, 20));
  g_assert_null (cpt_send_dialog_get_error (CPT_SEND_DIALOG (dialog)));
  g_assert_cmpstr (adw_dialog_get_title (dialog), ==, "Send a Reminder");
  g_assert_nonnull (ui_find_label (GTK_WIDGET (dialog), "Reminder 1 of 3 · €12.00 owed, 4 days late"));
  ui_snapshot (GTK_WIDGET (window), "ui-reminders-send");
  ui_click (GTK_WIDGET (dialog), "Send");
  g_assert_true (ui_wait_until (send_done, dialog, 30));
  ui_wait_for_no_dialog (window);
  early = received (&f->server, 6);
  g_assert_nonnull (early);
  g_assert_cmpstr (json_object_get_string_member (early, "subject"), ==,
                   "Rappel : facture FA-2026-0003 arrivée à échéance");
  g_assert_cmpuint (levels_sent (db, f->recent), ==, 1);
  g_assert_null (received (&f->server, 7));

  /* The client's record keeps what was sent to it, newest first. */
  ui_activate (GTK_WIDGET (window), "win.open-client", "x", f->client);
  g_assert_true (ui_wait_until (client_page_loaded, window, 20));
  client_page = GTK_WIDGET (cpt_window_get_visible_page (window));
  /* They are on its Follow-Up tab, made when it shows. */
  UI_WATCHED (adw_view_stack_set_visible_child_name (cpt_client_page_get_view_stack (CPT_CLIENT_PAGE (client_page)), "memos"));
  g_assert_nonnull (ui_find_row (client_page, "Rappel : facture FA-2026-0003 arrivée à échéance"));
  g_assert_nonnull (ui_find_row (client_page, "Mise en demeure de payer – facture FA-2026-0001"));
  g_assert_nonnull (ui_find_row (client_page, "Facture FA-2026-0002 – Atelier Lumière"));

  /* The list of invoices marks the reminded ones; which reminder, on hover. */
  UI_WATCHED (cpt_window_show_section (window, "invoices"));
  ui_wait (300);
  {
    AdwNavigationPage *invoices = cpt_window_get_visible_page (window);
    CptDocumentList *list;

    g_assert_true (CPT_IS_DOCUMENTS_PAGE (invoices));
    list = cpt_documents_page_get_list (CPT_DOCUMENTS_PAGE (invoices));
    g_assert_true (ui_wait_for_list_items (list, 3));
    ui_wait (300);
    g_assert_nonnull (ui_find (GTK_WIDGET (list), match_tooltip, "Formal notice sent"));
    g_assert_nonnull (ui_find (GTK_WIDGET (list), match_tooltip, "Reminder 1 sent"));
    ui_snapshot (GTK_WIDGET (window), "ui-reminders-list");
  }

  /* And the invoice's history says which reminder went. */
  page = ui_open_document (window, f->noticed);
  g_assert_nonnull (ui_find_label (GTK_WIDGET (page), "Formal notice to pay sent by email to compta@example.org"));
  g_assert_nonnull (ui_find_label (GTK_WIDGET (page), "Reminder 2 sent by email to compta@example.org"));
}

static gint64
invoice_on (CptDatabase *db, gint64 client, const char *date)
{
  g_setenv ("COMPTOIR_TODAY", date, TRUE);
  return ui_validated_invoice (db, client, 100000, 2000);
}

/* Sends document `id` (a reminder, or the document itself) through the test server, or
 * through a port where none answers (`down`): it then waits in the outbox. */
static void
send_mail (CptDatabase *db, gint64 id, gboolean reminder, const char *today, gboolean down)
{
  CptMailAccount account = { .host = "127.0.0.1", .security = CPT_MAIL_SECURITY_NONE,
                             .from_address = "marie@atelier-lumiere.fr" };
  CptDocumentMail mail = { .reminder = reminder, .today = today };
  CptMailMessageState state;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = cpt_company_load (db, &error);
  gint64 port;

  g_object_get (company, "mail-port", &port, NULL);
  account.port = (guint) port + (down ? 1 : 0);
  g_assert_cmpint (cpt_document_mail_send (db, id, &mail, &account, NULL, NULL, &state, &error), >, 0);
  if (down)
    {
      g_assert_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_CONNECTION);
      g_assert_cmpint (state, ==, CPT_MAIL_MESSAGE_QUEUED);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, CPT_MAIL_MESSAGE_SENT);
}

static void
test_reminders (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = NULL;
  gint64 client;

  server_start (&f.server, NULL);
  db = ui_new_company_file (&f.dir, &f.path, "Hôtel du Parc", &client);
  f.client = client;
  ui_set_up_mail (db, client, f.server.port);
  /* Due 30 days after their date. */
  f.noticed = invoice_on (db, client, "2026-01-10");
  f.late = invoice_on (db, client, "2026-01-12");
  f.recent = invoice_on (db, client, "2026-01-30");
  send_mail (db, f.noticed, TRUE, "2026-02-16", FALSE);
  send_mail (db, f.noticed, TRUE, "2026-02-17", FALSE);
  send_mail (db, f.late, FALSE, "2026-02-20", TRUE);
  g_clear_object (&db);
  g_setenv ("COMPTOIR_TODAY", "2026-03-05", TRUE);
  ui_run (f.path, scenario, &f);
  server_stop (&f.server);
  ui_remove_tmp_dir (f.dir);
  g_free (f.dir);
  g_free (f.path);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/reminders/dashboard-and-invoice", test_reminders);
  return g_test_run ();
}
