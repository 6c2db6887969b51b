/* test-mail.c: sending through a real SMTP server on 127.0.0.1 (aiosmtpd, tests/smtp-server.py)
 * with libcurl: recipients, subject, text, HTML and an attachment received byte for byte;
 * STARTTLS with a self-signed certificate made here (refused until trusted); a login
 * refused, a server down, a connection dropped in the middle of the message, each said in
 * plain words with nothing received; and the password in a real gnome-keyring. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cpt-company.h"
#include "cpt-client.h"
#include "cpt-document-extras.h"
#include "cpt-documents.h"
#include "cpt-error.h"
#include "cpt-mail-messages.h"
#include "cpt-mail.h"
#include "cpt-test-utils.h"
#include "cpt-smtp-test-utils.h"

static CptMailAccount
local_account (Server *server)
{
  return (CptMailAccount) {
    .host = "127.0.0.1", .port = server->port, .security = CPT_MAIL_SECURITY_NONE,
    .user = "marie", .from_address = "marie@boulangerie-martin.fr",
    .from_name = "Boulangerie Martin, Marie Martin",
  };
}

static GBytes *
binary_attachment (void)
{
  GByteArray *data = g_byte_array_new ();

  /* Every byte value, and a PDF's first line: what a lossy encoding would change. */
  g_byte_array_append (data, (const guint8 *) "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 15);
  for (int round = 0; round < 40; round++)
    for (int i = 0; i < 256; i++)
      {
        guint8 byte = (guint8) i;
        g_byte_array_append (data, &byte, 1);
      }
  return g_byte_array_free_to_bytes (data);
}

static void
test_send (void)
{
  static const char *const options[] = { "--auth", "marie:pain-de-mie", NULL };
  Server server = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = binary_attachment ();
  g_autoptr(JsonObject) got = NULL;
  g_autofree guchar *data = NULL;
  gsize size;
  char *to[] = { "compta@librairie-moreau.fr", NULL };
  char *cc[] = { "marie@boulangerie-martin.fr", NULL };
  char *bcc[] = { "archives@boulangerie-martin.fr", NULL };
  CptMailAttachment attachment_pdf = { pdf, "FA-2026-0001.pdf", "application/pdf" };
  CptMailMessage message = {
    .to = to, .cc = cc, .bcc = bcc,
    .subject = "Facture FA-2026-0001 — 120,00 € à régler avant le 15 avril",
    .text = "Bonjour,\n\nVeuillez trouver ci-jointe la facture FA-2026-0001.\n\nMarie Martin\n",
    .html = "<p>Bonjour,</p><p>Veuillez trouver ci-jointe la facture <b>FA-2026-0001</b>.</p>",
    .attachments = &attachment_pdf, .n_attachments = 1,
  };
  CptMailAccount account;
  JsonArray *rcpt, *attachments;
  JsonObject *attachment;

  server_start (&server, options);
  account = local_account (&server);
  g_assert_true (cpt_mail_test_account (&account, "pain-de-mie", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cpt_mail_send (&account, "pain-de-mie", &message, NULL, &error));
  g_assert_no_error (error);

  got = received (&server, 1);
  g_assert_nonnull (got);
  g_assert_cmpstr (json_object_get_string_member (got, "mail_from"), ==, "marie@boulangerie-martin.fr");
  rcpt = json_object_get_array_member (got, "rcpt_tos");
  g_assert_cmpuint (json_array_get_length (rcpt), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (rcpt, 0), ==, "compta@librairie-moreau.fr");
  g_assert_cmpstr (json_array_get_string_element (rcpt, 1), ==, "marie@boulangerie-martin.fr");
  g_assert_cmpstr (json_array_get_string_element (rcpt, 2), ==, "archives@boulangerie-martin.fr");
  /* Bcc is in the envelope only. */
  g_assert_true (json_object_get_null_member (got, "bcc"));
  g_assert_cmpstr (json_object_get_string_member (got, "to"), ==, "compta@librairie-moreau.fr");
  g_assert_cmpstr (json_object_get_string_member (got, "cc"), ==, "marie@boulangerie-martin.fr");
  g_assert_cmpstr (json_object_get_string_member (got, "from"), ==,
                   "\"Boulangerie Martin, Marie Martin\" <marie@boulangerie-martin.fr>");
  g_assert_cmpstr (json_object_get_string_member (got, "subject"), ==, message.subject);
  {
    g_autofree char *text = g_strdup (json_object_get_string_member (got, "text"));
    g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
    g_autofree char *unix_text = g_strjoinv ("\n", lines);

    g_assert_cmpstr (unix_text, ==, message.text);
  }
  g_assert_nonnull (strstr (json_object_get_string_member (got, "html"), "<b>FA-2026-0001</b>"));
  attachments = json_object_get_array_member (got, "attachments");
  g_assert_cmpuint (json_array_get_length (attachments), ==, 1);
  attachment = json_array_get_object_element (attachments, 0);
  g_assert_cmpstr (json_object_get_string_member (attachment, "filename"), ==, "FA-2026-0001.pdf");
  g_assert_cmpstr (json_object_get_string_member (attachment, "content_type"), ==, "application/pdf");
  data = g_base64_decode (json_object_get_string_member (attachment, "data"), &size);
  g_assert_cmpmem (data, size, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  server_stop (&server);
}

static CptMailMessage
short_message (char **to)
{
  return (CptMailMessage) { .to = to, .subject = "Relance", .text = "Bonjour" };
}

static void
test_login_refused (void)
{
  static const char *const options[] = { "--auth", "marie:pain-de-mie", NULL };
  Server server = { 0 };
  g_autoptr(GError) error = NULL;
  char *to[] = { "compta@librairie-moreau.fr", NULL };
  CptMailMessage message = short_message (to);
  CptMailAccount account;
  g_autoptr(JsonObject) got = NULL;

  server_start (&server, options);
  account = local_account (&server);
  g_assert_false (cpt_mail_test_account (&account, "baguette", NULL, &error));
  g_assert_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_LOGIN);
  g_clear_error (&error);
  g_assert_false (cpt_mail_send (&account, "baguette", &message, NULL, &error));
  g_assert_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_LOGIN);
  g_assert_cmpstr (error->message, ==, "The mail server refused the user name or the password");
  got = received (&server, 1);
  g_assert_null (got);
  server_stop (&server);
}

static void
test_server_down (void)
{
  Server server = { 0 };
  g_autoptr(GError) error = NULL;
  char *to[] = { "compta@librairie-moreau.fr", NULL };
  CptMailMessage message = short_message (to);
  CptMailAccount account;

  /* A port just freed: nothing listens there. */
  server_start (&server, NULL);
  account = local_account (&server);
  account.user = NULL;
  server_stop (&server);
  g_assert_false (cpt_mail_send (&account, NULL, &message, NULL, &error));
  g_assert_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_CONNECTION);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
}

static void
test_dropped_mid_message (void)
{
  static const char *const options[] = { "--drop-in-data", NULL };
  Server server = { 0 };
  g_autoptr(GError) error = NULL;
  char *to[] = { "compta@librairie-moreau.fr", NULL };
  CptMailMessage message = short_message (to);
  CptMailAccount account;

  server_start (&server, options);
  account = local_account (&server);
  account.user = NULL;
  g_assert_false (cpt_mail_send (&account, NULL, &message, NULL, &error));
  g_assert_nonnull (error);
  g_assert_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_CONNECTION);
  g_assert_cmpstr (error->message, ==, "The connection to the mail server was lost: the message was not sent");
  g_assert_null (received (&server, 1));
  server_stop (&server);
}

/* One recipient refused: nothing is sent, to anyone, and the server's words are told. */
static void
test_recipient_refused (void)
{
  Server server = { 0 };
  g_autoptr(GError) error = NULL;
  char *to[] = { "compta@librairie-moreau.fr", "nobody@librairie-moreau.fr", NULL };
  CptMailMessage message = short_message (to);
  CptMailAccount account;

  server_start (&server, NULL);
  account = local_account (&server);
  account.user = NULL;
  g_assert_false (cpt_mail_send (&account, NULL, &message, NULL, &error));
  g_assert_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "550"));
  g_assert_null (received (&server, 1));
  server_stop (&server);
}

/* A self-signed certificate for 127.0.0.1, made here with openssl. */
static void
make_certificate (const char *dir, char **cert, char **key)
{
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  *cert = g_build_filename (dir, "cert.pem", NULL);
  *key = g_build_filename (dir, "key.pem", NULL);
  command = g_strdup_printf ("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                             "-addext subjectAltName=IP:127.0.0.1 -keyout %s -out %s", *key, *cert);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_starttls (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  const char *options[6] = { "--auth", "marie:pain-de-mie", "--starttls", NULL, NULL, NULL };
  Server server = { 0 };
  g_autoptr(GError) error = NULL;
  char *to[] = { "compta@librairie-moreau.fr", NULL };
  CptMailMessage message = short_message (to);
  CptMailAccount account;
  g_autoptr(JsonObject) got = NULL;

  make_certificate (dir, &cert, &key);
  options[3] = cert;
  options[4] = key;
  server_start (&server, options);
  account = local_account (&server);
  account.security = CPT_MAIL_SECURITY_STARTTLS;
  /* Self-signed: not trusted, nothing sent. */
  g_assert_false (cpt_mail_send (&account, "pain-de-mie", &message, NULL, &error));
  g_assert_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "not trusted"));
  g_clear_error (&error);
  g_assert_null (received (&server, 1));
  /* Trusted: sent over TLS, with the login. */
  account.ca_file = cert;
  g_assert_true (cpt_mail_send (&account, "pain-de-mie", &message, NULL, &error));
  g_assert_no_error (error);
  got = received (&server, 1);
  g_assert_nonnull (got);
  g_assert_cmpstr (json_object_get_string_member (got, "subject"), ==, "Relance");
  server_stop (&server);
  cpt_test_cleanup_dir (dir);
}

static void
test_refused_before_sending (void)
{
  g_autoptr(GError) error = NULL;
  char *to[] = { "compta@librairie-moreau.fr", NULL };
  char *bad[] = { "compta librairie-moreau.fr", NULL };
  CptMailMessage message = short_message (to);
  CptMailAccount account = {
    .host = "mail.example.com", .port = 25, .security = CPT_MAIL_SECURITY_NONE,
    .from_address = "marie@boulangerie-martin.fr",
  };

  /* A password in clear over the network: refused, nothing attempted. */
  g_assert_false (cpt_mail_send (&account, NULL, &message, NULL, &error));
  g_assert_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_INVALID);
  g_clear_error (&error);
  account.security = CPT_MAIL_SECURITY_STARTTLS;
  message.to = bad;
  g_assert_false (cpt_mail_send (&account, NULL, &message, NULL, &error));
  g_assert_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“compta librairie-moreau.fr” is not an email address: write it as name@example.fr");
  g_clear_error (&error);
  message.to = to;
  message.subject = "Relance\r\nBcc: everyone@example.com";
  g_assert_false (cpt_mail_send (&account, NULL, &message, NULL, &error));
  g_assert_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_INVALID);
  g_clear_error (&error);
  /* A login without a stored password says where to enter it. */
  message.subject = "Relance";
  account.user = "marie";
  g_assert_false (cpt_mail_send (&account, NULL, &message, NULL, &error));
  g_assert_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_LOGIN);
}

static void
test_password_in_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *other = NULL;

  g_assert_true (cpt_mail_password_store ("smtp.example.fr", "marie", "pain-de-mie", NULL, &error));
  g_assert_no_error (error);
  found = cpt_mail_password_lookup ("smtp.example.fr", "marie", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "pain-de-mie");
  /* Another user on the same server has their own. */
  other = cpt_mail_password_lookup ("smtp.example.fr", "paul", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (other);
  g_assert_true (cpt_mail_password_clear ("smtp.example.fr", "marie", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&found, g_free);
  found = cpt_mail_password_lookup ("smtp.example.fr", "marie", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);
}

/* Sets `key` of the company's record from text, as Preferences and `company set` do, and
 * saves it; FALSE with the refusal when it is refused (nothing saved). */
static gboolean
company_set (CptDatabase *db, const char *key, const char *value, GError **error)
{
  g_autoptr(CptCompany) company = cpt_company_load (db, error);

  return company != NULL &&
         cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), key, value, error) &&
         cpt_company_save (company, db, error);
}

static void
assert_refused (CptDatabase *db, const char *key, const char *value, const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) before = cpt_company_load (db, &error);
  g_autoptr(CptCompany) after = NULL;
  g_autofree char *was = NULL, *is = NULL;
  g_autofree char *property = g_strdelimit (g_strdup (key), "_", '-');

  g_assert_false (company_set (db, key, value, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
  g_clear_error (&error);
  after = cpt_company_load (db, &error);
  g_object_get (before, property, &was, NULL);
  g_object_get (after, property, &is, NULL);
  g_assert_cmpstr (is, ==, was);
}

/* The account is the company's mail_* settings: what is typed is checked, an incomplete
 * account is refused in words, the usual port goes with the security; then a connection
 * test with the password from the keyring, through the real server. */
static void
test_account_from_company (void)
{
  const char *const auth[] = { "--auth", "marie-company:pain-de-mie", NULL };
  CptTestDb db = { 0 };
  Server server = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = NULL;
  g_autofree char *port = NULL;
  CptMailAccount account = { 0 };

  cpt_test_db_setup (&db, NULL);
  company = cpt_company_load (db.db, &error);
  g_assert_false (cpt_mail_account_from_company (company, &account, &error));
  g_assert_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Preferences, Email"));
  g_clear_error (&error);
  g_clear_object (&company);

  assert_refused (db.db, "mail_host", "smtp example.fr", "not a server name");
  assert_refused (db.db, "mail_port", "70000", "not a port");
  assert_refused (db.db, "mail_security", "ssl3", "tls, starttls or none");
  assert_refused (db.db, "mail_from_address", "marie at martin", "email");
  assert_refused (db.db, "mail_from_address", "a@martin.fr, b@martin.fr", "one address only");
  g_assert_true (company_set (db.db, "mail_host", "smtp.example.fr", &error));
  assert_refused (db.db, "mail_security", "none", "only allowed to this computer");

  /* The usual port of each security. */
  g_assert_true (company_set (db.db, "mail_from_address", "marie@boulangerie-martin.fr", &error));
  g_assert_true (company_set (db.db, "mail_security", "tls", &error));
  g_assert_no_error (error);
  company = cpt_company_load (db.db, &error);
  g_assert_true (cpt_mail_account_from_company (company, &account, &error));
  g_assert_cmpuint (account.port, ==, 465);
  g_assert_cmpint (account.security, ==, CPT_MAIL_SECURITY_TLS);
  cpt_mail_account_clear (&account);
  g_clear_object (&company);
  g_assert_true (company_set (db.db, "mail_security", "starttls", &error));
  company = cpt_company_load (db.db, &error);
  g_assert_true (cpt_mail_account_from_company (company, &account, &error));
  g_assert_cmpuint (account.port, ==, 587);
  cpt_mail_account_clear (&account);
  g_clear_object (&company);

  /* To the server on this computer, logged in with the keyring's password. */
  server_start (&server, auth);
  port = g_strdup_printf ("%u", server.port);
  g_assert_true (company_set (db.db, "mail_host", "127.0.0.1", &error));
  g_assert_true (company_set (db.db, "mail_security", "none", &error));
  g_assert_true (company_set (db.db, "mail_port", port, &error));
  g_assert_true (company_set (db.db, "mail_user", "marie-company", &error));
  g_assert_no_error (error);
  company = cpt_company_load (db.db, &error);
  g_assert_true (cpt_mail_account_from_company (company, &account, &error));
  g_assert_cmpuint (account.port, ==, server.port);
  g_assert_true (cpt_mail_password_store (account.host, account.user, "pain-de-mie", NULL, &error));
  {
    g_autofree char *password = cpt_mail_password_lookup (account.host, account.user, NULL, &error);

    g_assert_true (cpt_mail_test_account (&account, password, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (cpt_mail_test_account (&account, "baguette", NULL, &error));
    g_assert_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_LOGIN);
    g_clear_error (&error);
  }
  /* A connection test sends nothing. */
  g_assert_null (received (&server, 1));
  g_assert_true (cpt_mail_password_clear (account.host, account.user, NULL, &error));
  cpt_mail_account_clear (&account);
  server_stop (&server);
  cpt_test_db_teardown (&db, NULL);
}

/* A message on its way (just recorded by the window or the CLI) is never taken by an
 * outbox; one whose try failed is taken by exactly one. Without this, the outbox could
 * send again a message the window is sending. */
static void
test_outbox_claims_once (void)
{
  CptTestDb db = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptDocument) document = NULL;
  g_autoptr(CptMailRecord) record = g_new0 (CptMailRecord, 1);
  gboolean claimed = TRUE;

  cpt_test_db_setup (&db, NULL);
  g_object_set (client, "name", "Hôtel du Parc", NULL);
  g_assert_true (cpt_client_insert (client, db.db, &error));
  document = cpt_documents_create (db.db, "invoice", cpt_client_get_id (client), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  record->document_id = cpt_document_get_id (document);
  record->recipients = g_strdup ("compta@example.org");
  record->subject = g_strdup ("Facture");
  record->body = g_strdup ("Bonjour");
  g_assert_true (cpt_mail_messages_record_queued (db.db, record, &error));

  g_assert_true (cpt_mail_messages_claim (db.db, record->id, &claimed, &error));
  g_assert_false (claimed);
  g_assert_true (cpt_mail_messages_note_try (db.db, record->id, "The mail server cannot be reached", &error));
  g_assert_true (cpt_mail_messages_claim (db.db, record->id, &claimed, &error));
  g_assert_true (claimed);
  g_assert_true (cpt_mail_messages_claim (db.db, record->id, &claimed, &error));
  g_assert_false (claimed);
  /* Sent: nobody takes it again. */
  g_assert_true (cpt_mail_messages_mark_sent (db.db, record->id, NULL, &error));
  /* The document's history says it was sent, and to whom. */
  {
    g_autoptr(GPtrArray) history = cpt_documents_history (db.db, record->document_id, &error);
    g_autofree char *said = NULL;

    g_assert_no_error (error);
    said = cpt_history_event_describe (g_ptr_array_index (history, history->len - 1), "en");
    g_assert_cmpstr (said, ==, "Sent by email to compta@example.org");
  }
  g_assert_true (cpt_mail_messages_note_try (db.db, record->id, "late", &error));
  g_assert_true (cpt_mail_messages_claim (db.db, record->id, &claimed, &error));
  g_assert_false (claimed);
  g_assert_no_error (error);
  cpt_test_db_teardown (&db, NULL);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail/send", test_send);
  g_test_add_func ("/mail/login-refused", test_login_refused);
  g_test_add_func ("/mail/server-down", test_server_down);
  g_test_add_func ("/mail/dropped-mid-message", test_dropped_mid_message);
  g_test_add_func ("/mail/recipient-refused", test_recipient_refused);
  g_test_add_func ("/mail/starttls-self-signed", test_starttls);
  g_test_add_func ("/mail/refused-before-sending", test_refused_before_sending);
  g_test_add_func ("/mail/password-in-keyring", test_password_in_keyring);
  g_test_add_func ("/mail/account-from-company", test_account_from_company);
  g_test_add_func ("/mail/outbox-claims-once", test_outbox_claims_once);

  return g_test_run ();
}
