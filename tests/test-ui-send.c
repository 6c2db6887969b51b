/* "Send by Email…" (issue 14): on a validated invoice the dialog proposes the client's
 * address, a subject and a letter in the client's language, and the PDF under the invoice's
 * number; Send delivers it through a real SMTP server on 127.0.0.1 (smtp-server.py) in a
 * thread, with "Add me in Cc", records it beside the invoice, and closes. A refused mailbox:
 * the dialog says why and stays open with what was typed, the message recorded failed. The
 * server down: the message waits in the outbox, which sends it once the server is back. */
#include <string.h>

#include "cpt-ui-test-utils.h"
#include "cpt-smtp-test-utils.h"
#include "cpt-company.h"
#include "cpt-mail-messages.h"
#include "cpt-outbox.h"
#include "cpt-pdf.h"
#include "cpt-send-dialog.h"

typedef struct
{
  char   *dir;
  char   *path;
  Server  server;
  gint64  invoice;
} Fixture;

static gboolean
ready (gpointer dialog)
{
  return cpt_send_dialog_is_ready (dialog) || cpt_send_dialog_get_error (dialog) != NULL;
}

static gboolean
sent_or_failed (gpointer dialog)
{
  return !cpt_send_dialog_is_sending (dialog);
}

static gboolean
outbox_sent (gpointer server)
{
  g_autoptr(JsonObject) got = received (server, 2);

  return got != NULL;
}

static gboolean
outbox_done (gpointer outbox)
{
  return !cpt_outbox_is_trying (outbox);
}

static CptSendDialog *
open_dialog (CptWindow *window, CptDocumentPage *page)
{
  AdwDialog *dialog;

  ui_activate (GTK_WIDGET (page), "document.send-email", NULL);
  dialog = ui_wait_for_dialog (window);
  g_assert_true (CPT_IS_SEND_DIALOG (dialog));
  g_assert_true (ui_wait_until (ready, dialog, 20));
  return CPT_SEND_DIALOG (dialog);
}

static void
scenario (CptApplication *app, CptWindow *window, gpointer data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(CptCompany) company = NULL;
  g_autofree char *port = NULL;
  CptDocumentPage *page = ui_open_document (window, f->invoice);
  UiWorkerBlock block = { 0 };
  CptSendDialog *dialog;
  GtkWidget *to;
  GtkWidget *subject;

  /* While the worker is busy the dialog waits for the proposed message, and says so. */
  ui_block_worker (cpt_application_get_worker (app), &block);
  ui_activate (GTK_WIDGET (page), "document.send-email", NULL);
  dialog = CPT_SEND_DIALOG (ui_wait_for_dialog (window));
  g_assert_false (cpt_send_dialog_is_ready (dialog));
  /* Nothing can be typed that the proposal would then replace. */
  g_assert_false (gtk_widget_is_sensitive (ui_find_row (GTK_WIDGET (dialog), "To")));
  ui_snapshot (GTK_WIDGET (window), "ui-send-loading");
  ui_release_worker (&block);
  g_assert_true (ui_wait_until (ready, dialog, 20));
  g_assert_true (gtk_widget_is_sensitive (ui_find_row (GTK_WIDGET (dialog), "To")));
  ui_wait (150);
  ui_snapshot (GTK_WIDGET (window), "ui-send-loaded");
  to = ui_find_row (GTK_WIDGET (dialog), "To");
  subject = ui_find_row (GTK_WIDGET (dialog), "Subject");

  g_assert_null (cpt_send_dialog_get_error (dialog));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (to)), ==, "compta@example.org");
  g_assert_true (g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (subject)), "Facture FA-2026-0001"));
  g_assert_nonnull (ui_find_label (GTK_WIDGET (dialog), "FA-2026-0001.pdf"));
  /* Nobody to send to: said, nothing sent, what was proposed kept. */
  gtk_editable_set_text (GTK_EDITABLE (to), " , ");
  ui_click (GTK_WIDGET (dialog), "Send");
  g_assert_false (cpt_send_dialog_is_sending (dialog));
  g_assert_nonnull (strstr (cpt_send_dialog_get_error (dialog), "at least one address"));
  gtk_editable_set_text (GTK_EDITABLE (to), "compta@example.org");
  adw_switch_row_set_active (ADW_SWITCH_ROW (ui_find_row (GTK_WIDGET (dialog), "Add Me in Cc")), TRUE);
  ui_snapshot (GTK_WIDGET (window), "ui-send-dialog");
  ui_click (GTK_WIDGET (dialog), "Send");
  g_assert_true (ui_wait_until (sent_or_failed, dialog, 30));
  ui_wait_for_no_dialog (window);

  got = received (&f->server, 1);
  g_assert_nonnull (got);
  g_assert_cmpstr (json_object_get_string_member (got, "cc"), ==, "marie@atelier-lumiere.fr");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (got, "attachments"), 0),
                     "filename"), ==, "FA-2026-0001.pdf");
  records = cpt_mail_messages_of_document (db, f->invoice, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpint (((CptMailRecord *) records->pdata[0])->state, ==, CPT_MAIL_MESSAGE_SENT);

  /* A mailbox the server refuses: said in the dialog, which stays with what was typed; the
   * message is recorded failed. */
  dialog = open_dialog (window, page);
  to = ui_find_row (GTK_WIDGET (dialog), "To");
  subject = ui_find_row (GTK_WIDGET (dialog), "Subject");
  gtk_editable_set_text (GTK_EDITABLE (to), "nobody@example.fr");
  gtk_editable_set_text (GTK_EDITABLE (subject), "Votre facture, encore");
  ui_click (GTK_WIDGET (dialog), "Send");
  g_assert_true (ui_wait_until (sent_or_failed, dialog, 30));
  g_assert_nonnull (cpt_send_dialog_get_error (dialog));
  g_assert_nonnull (strstr (cpt_send_dialog_get_error (dialog), "refused"));
  g_assert_true (CPT_IS_SEND_DIALOG (ui_visible_dialog (window)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subject)), ==, "Votre facture, encore");
  ui_snapshot (GTK_WIDGET (window), "ui-send-refused");
  adw_dialog_close (ADW_DIALOG (dialog));
  ui_wait_for_no_dialog (window);

  /* The server gone: the message waits in the outbox, the dialog closes saying so. */
  company = cpt_company_load (db, &error);
  port = g_strdup_printf ("%u", f->server.port + 1);
  g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), "mail_port", port, &error));
  g_assert_true (cpt_company_save (company, db, &error));
  dialog = open_dialog (window, page);
  ui_click (GTK_WIDGET (dialog), "Send");
  g_assert_true (ui_wait_until (sent_or_failed, dialog, 30));
  ui_wait_for_no_dialog (window);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = cpt_mail_messages_of_document (db, f->invoice, &error);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpint (((CptMailRecord *) records->pdata[1])->state, ==, CPT_MAIL_MESSAGE_FAILED);
  g_assert_cmpint (((CptMailRecord *) records->pdata[2])->state, ==, CPT_MAIL_MESSAGE_QUEUED);
  g_assert_nonnull (((CptMailRecord *) records->pdata[2])->error);
  g_assert_null (received (&f->server, 2));

  /* The server back: the outbox sends it. */
  g_free (port);
  port = g_strdup_printf ("%u", f->server.port);
  g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), "mail_port", port, &error));
  g_assert_true (cpt_company_save (company, db, &error));
  {
    g_autoptr(CptOutbox) outbox = cpt_outbox_new (f->path);
    g_autoptr(JsonObject) later = NULL;

    cpt_outbox_try_now (outbox);
    g_assert_true (ui_wait_until (outbox_sent, &f->server, 30));
    later = received (&f->server, 2);
    g_assert_cmpstr (json_object_get_string_member (later, "subject"), ==, "Facture FA-2026-0001 – Atelier Lumière");
    g_assert_true (ui_wait_until (outbox_done, outbox, 30));
    g_assert_cmpuint (cpt_outbox_get_waiting (outbox), ==, 0);
  }
  g_clear_pointer (&records, g_ptr_array_unref);
  records = cpt_mail_messages_of_document (db, f->invoice, &error);
  g_assert_cmpint (((CptMailRecord *) records->pdata[2])->state, ==, CPT_MAIL_MESSAGE_SENT);
}

static void
test_send (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = NULL;
  gint64 client;

  server_start (&f.server, NULL);
  db = ui_new_company_file (&f.dir, &f.path, "Hôtel du Parc", &client);
  ui_set_up_mail (db, client, f.server.port);
  f.invoice = ui_validated_invoice (db, client, 1200000, 1000);
  g_clear_object (&db);
  ui_run (f.path, scenario, &f);
  server_stop (&f.server);
  ui_remove_tmp_dir (f.dir);
  g_free (f.dir);
  g_free (f.path);
}

/* Without a mail account: "Open in My Mail App" hands the message and the invoice's PDF to
 * the desktop's Email portal (stood in for on the test's bus), and records nothing as sent. */
static gboolean
portal_received (gpointer portal)
{
  g_autoptr(JsonObject) got = received (portal, 1);

  return got != NULL;
}

static void
mail_app_scenario (CptApplication *app, CptWindow *window, gpointer data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(CptRenderDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree guchar *attached = NULL;
  gsize attached_size = 0;
  CptDocumentPage *page = ui_open_document (window, f->invoice);
  CptSendDialog *dialog = open_dialog (window, page);
  JsonArray *addresses;

  /* No account: said, Send is off, the mail app is the way. */
  g_assert_nonnull (strstr (cpt_send_dialog_get_error (dialog), "No mail account yet"));
  g_assert_false (gtk_widget_get_sensitive (ui_find_button (GTK_WIDGET (dialog), "Send")));
  gtk_editable_set_text (GTK_EDITABLE (ui_find_row (GTK_WIDGET (dialog), "Subject")), "Votre facture");
  ui_click (GTK_WIDGET (dialog), "Open in My Mail App");
  g_assert_true (ui_wait_until (portal_received, &f->server, 30));
  ui_wait_for_no_dialog (window);

  got = received (&f->server, 1);
  addresses = json_object_get_array_member (got, "addresses");
  g_assert_cmpuint (json_array_get_length (addresses), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (addresses, 0), ==, "compta@example.org");
  g_assert_cmpstr (json_object_get_string_member (got, "subject"), ==, "Votre facture");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (got, "body"), "Bonjour,"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (got, "attachments")), ==, 1);
  attached = g_base64_decode (json_array_get_string_element (json_object_get_array_member (got, "attachments"), 0),
                              &attached_size);
  /* Byte for byte the invoice's Factur-X PDF. */
  document = cpt_render_document_load (db, f->invoice, &error);
  g_assert_no_error (error);
  pdf = cpt_pdf_render (document, CPT_PDF_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (attached, attached_size, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  /* Handed over is not sent: nothing recorded. */
  records = cpt_mail_messages_of_document (db, f->invoice, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
}

static void
test_mail_app (void)
{
  Fixture f = { 0 };
  g_autoptr(CptDatabase) db = NULL;
  gint64 client;

  portal_start (&f.server);
  db = ui_new_company_file (&f.dir, &f.path, "Hôtel du Parc", &client);
  ui_set_up_mail (db, client, 0);
  f.invoice = ui_validated_invoice (db, client, 1200000, 1000);
  g_clear_object (&db);
  ui_run (f.path, mail_app_scenario, &f);
  server_stop (&f.server);
  ui_remove_tmp_dir (f.dir);
  g_free (f.dir);
  g_free (f.path);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_setenv ("COMPTOIR_TODAY", "2026-03-15", TRUE);
  g_test_add_func ("/ui/send/invoice", test_send);
  g_test_add_func ("/ui/send/mail-app", test_mail_app);
  return g_test_run ();
}
