/* comptoir-cli mail password set | password clear | test: the company's mail account. Its
 * settings are the company's mail_* fields (company set mail_host=...); its password goes to
 * the keyring, read from standard input, never from the command line (which other users of
 * the computer can see) nor the file. */
#define G_LOG_DOMAIN "comptoir-cli"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cpt-cli.h"
#include "cpt-company.h"
#include "cpt-dates.h"
#include "cpt-document-mail.h"
#include "cpt-mail-messages.h"
#include "cpt-error.h"
#include "cpt-mail.h"

static const CliOption no_options[] = { { NULL } };

/* The first line of standard input, without its line end. */
static char *
read_password (GError **error)
{
  char buffer[1024];
  gsize length;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    {
      g_set_error_literal (error, CPT_ERROR, CPT_ERROR_INVALID,
                           _("No password on standard input: pipe it in, as in "
                             "secret-tool lookup … | comptoir-cli mail password set"));
      return NULL;
    }
  length = strcspn (buffer, "\r\n");
  buffer[length] = '\0';
  if (length == 0)
    {
      g_set_error_literal (error, CPT_ERROR, CPT_ERROR_INVALID, _("The password is empty"));
      return NULL;
    }
  return g_strdup (buffer);
}

static gboolean
load_account (CptDatabase *db, CptMailAccount *account, GError **error)
{
  g_autoptr(CptCompany) company = cpt_company_load (db, error);

  return company != NULL && cpt_mail_account_from_company (company, account, error);
}

static const CliOption configure_options[] = {
  { "host", TRUE, FALSE }, { "port", TRUE, FALSE }, { "security", TRUE, FALSE },
  { "from", TRUE, FALSE }, { "name", TRUE, FALSE }, { "user", TRUE, FALSE }, { NULL }
};

/* mail configure --host H [--port P] [--security ssl|tls|starttls|none] --from ADDRESS
 * [--name N] [--user U]: the company's mail_* settings in one go, checked as Preferences
 * checks them. */
static int
mail_configure (CptDatabase *db, int argc, char **argv, GError **error)
{
  static const char usage[] = "mail configure --host H [--port P] [--security ssl|starttls|none] "
                              "--from ADDRESS [--name N] [--user U]";
  g_auto(CliArgs) args = { 0 };
  g_autoptr(CptCompany) company = NULL;
  const char *security = NULL;
  guint64 port = 0;

  if (!cli_args_parse (argc, argv, configure_options, &args, error) ||
      !cli_expect_positional (&args, 0, 0, usage, error))
    return CLI_EXIT_USAGE;
  if (!cli_args_has (&args, "host") || !cli_args_has (&args, "from"))
    {
      g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), usage);
      return CLI_EXIT_USAGE;
    }
  if (cli_args_has (&args, "port") &&
      !cli_parse_count (cli_args_get (&args, "port"), _("port"), 65535, &port, error))
    return CLI_EXIT_USAGE;
  security = cli_args_get (&args, "security");
  /* SSL is what most providers' help pages call implicit TLS. */
  if (g_strcmp0 (security, "ssl") == 0)
    security = "tls";
  if ((company = cpt_company_load (db, error)) == NULL)
    return CLI_EXIT_REFUSED;
  g_object_set (company, "mail-host", cli_args_get (&args, "host"),
                "mail-from-address", cli_args_get (&args, "from"),
                "mail-port", (gint64) port, NULL);
  if (security != NULL)
    g_object_set (company, "mail-security", security, NULL);
  if (cli_args_has (&args, "name"))
    g_object_set (company, "mail-from-name", cli_args_get (&args, "name"), NULL);
  if (cli_args_has (&args, "user"))
    g_object_set (company, "mail-user", cli_args_get (&args, "user"), NULL);
  if (!cpt_company_validate (company, error) || !cpt_company_save (company, db, error))
    return CLI_EXIT_REFUSED;
  return CLI_EXIT_OK;
}

int
cli_mail (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  CptMailAccount account = { 0 };
  const char *sub = argc > 0 ? argv[0] : "";
  const char *what = argc > 1 ? argv[1] : "";
  int status = CLI_EXIT_REFUSED;

  if (strcmp (sub, "configure") == 0)
    return mail_configure (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "template") == 0)
    return cli_mail_template (db, argc - 1, argv + 1, error);
  /* "mail set-password" is "mail password set" */
  if (strcmp (sub, "set-password") == 0)
    {
      sub = "password";
      what = "set";
      argc++;
      argv--;
    }
  if (strcmp (sub, "password") == 0 && (strcmp (what, "set") == 0 || strcmp (what, "clear") == 0))
    {
      if (!cli_args_parse (argc - 2, argv + 2, no_options, &args, error) ||
          !cli_expect_positional (&args, 0, 0, strcmp (what, "set") == 0 ? "mail password set"
                                                                           : "mail password clear", error))
        return CLI_EXIT_USAGE;
      if (!load_account (db, &account, error))
        return CLI_EXIT_REFUSED;
      if (account.user == NULL)
        g_set_error_literal (error, CPT_ERROR, CPT_ERROR_INVALID,
                             _("The mail account has no user name: set mail_user first"));
      else if (strcmp (what, "set") == 0)
        {
          g_autofree char *password = read_password (error);

          if (password != NULL && cpt_mail_password_store (account.host, account.user, password, NULL, error))
            {
              printf (_("The password of %s on %s is in the keyring.\n"), account.user, account.host);
              status = CLI_EXIT_OK;
            }
        }
      else if (cpt_mail_password_clear (account.host, account.user, NULL, error))
        {
          printf (_("The password of %s on %s is no longer in the keyring.\n"), account.user, account.host);
          status = CLI_EXIT_OK;
        }
      cpt_mail_account_clear (&account);
      return status;
    }
  if (strcmp (sub, "test") == 0)
    {
      g_autofree char *password = NULL;

      if (!cli_args_parse (argc - 1, argv + 1, no_options, &args, error) ||
          !cli_expect_positional (&args, 0, 0, "mail test", error))
        return CLI_EXIT_USAGE;
      if (!load_account (db, &account, error))
        return CLI_EXIT_REFUSED;
      if (cpt_mail_account_lookup_password (&account, &password, NULL, error) &&
          cpt_mail_test_account (&account, password, NULL, error))
        {
          if (account.user != NULL)
            printf (_("The mail server %s answers on port %u and accepts %s.\n"), account.host,
                    account.port, account.user);
          else
            printf (_("The mail server %s answers on port %u.\n"), account.host, account.port);
          status = CLI_EXIT_OK;
        }
      cpt_mail_account_clear (&account);
      return status;
    }
  if (strcmp (sub, "outbox") == 0)
    {
      g_autoptr(GPtrArray) queued = NULL;

      if (!cli_args_parse (argc - 1, argv + 1, no_options, &args, error) ||
          !cli_expect_positional (&args, 0, 0, "mail outbox", error))
        return CLI_EXIT_USAGE;
      if ((queued = cpt_mail_messages_queued (db, error)) == NULL)
        return CLI_EXIT_REFUSED;
      for (guint i = 0; i < queued->len; i++)
        {
          const CptMailRecord *r = g_ptr_array_index (queued, i);

          printf ("%" G_GINT64_FORMAT "  %s  %s  %s%s%s\n", r->id, r->created_at, r->recipients,
                  r->subject, r->error ? "  — " : "", r->error ? r->error : "");
        }
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "flush") == 0)
    {
      g_autofree char *password = NULL;
      guint sent = 0;

      if (!cli_args_parse (argc - 1, argv + 1, no_options, &args, error) ||
          !cli_expect_positional (&args, 0, 0, "mail flush", error))
        return CLI_EXIT_USAGE;
      if (!load_account (db, &account, error))
        return CLI_EXIT_REFUSED;
      if (cpt_mail_account_lookup_password (&account, &password, NULL, error) &&
          cpt_outbox_flush (db, &account, password, NULL, &sent, error))
        status = CLI_EXIT_OK;
      printf (g_dngettext (GETTEXT_PACKAGE, "%u message sent from the outbox.\n",
                           "%u messages sent from the outbox.\n", sent), sent);
      cpt_mail_account_clear (&account);
      return status;
    }
  g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"),
               "mail password set | password clear | set-password | configure | template | test | outbox | flush");
  return CLI_EXIT_USAGE;
}

/* outbox list | send: "mail outbox" and "mail flush" under the names the outbox goes by. */
int
cli_outbox (CptDatabase *db, int argc, char **argv, GError **error)
{
  char *mail_argv[2] = { NULL, NULL };
  const char *sub = argc > 0 ? argv[0] : "";

  if (strcmp (sub, "list") != 0 && strcmp (sub, "send") != 0)
    {
      g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), "outbox list | send");
      return CLI_EXIT_USAGE;
    }
  if (argc > 1)
    {
      g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"),
                   strcmp (sub, "list") == 0 ? "outbox list" : "outbox send");
      return CLI_EXIT_USAGE;
    }
  mail_argv[0] = strcmp (sub, "list") == 0 ? "outbox" : "flush";
  return cli_mail (db, 1, mail_argv, error);
}

static const CliOption email_options[] = {
  { "to", TRUE, TRUE }, { "cc", TRUE, TRUE }, { "bcc", TRUE, TRUE },
  { "subject", TRUE, FALSE }, { "message", TRUE, FALSE }, { "today", TRUE, FALSE },
  { "template", TRUE, FALSE }, { NULL }
};

static GStrv
addresses_of (CliArgs *args, const char *name)
{
  GPtrArray *values = cli_args_get_all (args, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (values == NULL || values->len == 0)
    return NULL;
  for (guint i = 0; i < values->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (values, i));
  return g_strv_builder_end (builder);
}

/* document email ID | reminder send ID, with [--to A]... [--cc A]... [--bcc A]...
 * [--subject S] [--message TEXT] [--today D]: the document, or its next reminder. */
int
cli_send_mail (CptDatabase *db, int argc, char **argv, gboolean reminder, GError **error)
{
  const char *usage = reminder
    ? "reminder send ID [--to A]... [--cc A]... [--bcc A]... [--subject S] [--message TEXT] [--today D]"
    : "document email ID [--to A]... [--cc A]... [--bcc A]... [--template T] [--subject S] [--message TEXT]";
  g_auto(CliArgs) args = { 0 };
  g_auto(GStrv) to = NULL, cc = NULL, bcc = NULL;
  g_autofree char *password = NULL, *today = NULL;
  CptMailAccount account = { 0 };
  CptDocumentMail mail = { 0 };
  CptMailMessageState state = CPT_MAIL_MESSAGE_FAILED;
  gint64 id, message;

  if (!cli_args_parse (argc, argv, email_options, &args, error) ||
      !cli_expect_positional (&args, 1, 1, usage, error) ||
      !cli_args_id (&args, 0, C_("kind of id", "document"), &id, error))
    return CLI_EXIT_USAGE;
  if (cli_args_has (&args, "today") &&
      (today = cpt_date_normalize (cli_args_get (&args, "today"), error)) == NULL)
    return CLI_EXIT_USAGE;
  if (!cpt_mail_account_load (db, &account, &password, NULL, error))
    return CLI_EXIT_REFUSED;
  to = addresses_of (&args, "to");
  cc = addresses_of (&args, "cc");
  bcc = addresses_of (&args, "bcc");
  mail.to = to;
  mail.cc = cc;
  mail.bcc = bcc;
  mail.subject = (char *) cli_args_get (&args, "subject");
  mail.text = (char *) cli_args_get (&args, "message");
  mail.reminder = reminder;
  mail.template = cli_args_get (&args, "template");
  mail.today = today;
  message = cpt_document_mail_send (db, id, &mail, &account, password, NULL, &state, error);
  cpt_mail_account_clear (&account);
  if (state == CPT_MAIL_MESSAGE_QUEUED && message != 0)
    g_prefix_error (error, _("Message %" PRId64 " waits in the outbox (comptoir-cli mail "
                             "flush sends it once the server answers): "), message);
  if (state != CPT_MAIL_MESSAGE_SENT)
    return CLI_EXIT_REFUSED;
  printf ("%" G_GINT64_FORMAT "\n", message);
  return CLI_EXIT_OK;
}

int
cli_document_email (CptDatabase *db, int argc, char **argv, GError **error)
{
  return cli_send_mail (db, argc, argv, FALSE, error);
}

static const CliOption emails_options[] = { { "json", FALSE, FALSE }, { NULL } };

/* document emails ID [--json]: the messages sent (or not) with the document. */
int
cli_document_emails (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  gint64 id;

  if (!cli_args_parse (argc, argv, emails_options, &args, error) ||
      !cli_expect_positional (&args, 1, 1, "document emails ID [--json]", error) ||
      !cli_args_id (&args, 0, C_("kind of id", "document"), &id, error))
    return CLI_EXIT_USAGE;
  if ((records = cpt_mail_messages_of_document (db, id, error)) == NULL)
    return CLI_EXIT_REFUSED;
  if (cli_args_has (&args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < records->len; i++)
        {
          const CptMailRecord *r = g_ptr_array_index (records, i);
          const char *names[] = { "created_at", "sent_at", "to", "cc", "bcc", "subject",
                                  "attachment", "error", "server_answer" };
          const char *values[] = { r->created_at, r->sent_at, r->recipients, r->cc, r->bcc,
                                   r->subject, r->attachment_name, r->error, r->server_answer };

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, r->id);
          json_builder_set_member_name (builder, "state");
          json_builder_add_string_value (builder, cpt_mail_message_state_to_string (r->state));
          json_builder_set_member_name (builder, "reminder_level");
          json_builder_add_int_value (builder, r->reminder_level);
          for (guint j = 0; j < G_N_ELEMENTS (names); j++)
            {
              json_builder_set_member_name (builder, names[j]);
              if (values[j] != NULL)
                json_builder_add_string_value (builder, values[j]);
              else
                json_builder_add_null_value (builder);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      cli_print_json (root);
      return CLI_EXIT_OK;
    }
  for (guint i = 0; i < records->len; i++)
    {
      const CptMailRecord *r = g_ptr_array_index (records, i);

      printf ("%s  %-6s  %s  %s%s%s\n", r->sent_at ? r->sent_at : r->created_at,
              cpt_mail_message_state_to_string (r->state), r->recipients, r->subject,
              r->error ? "  — " : "", r->error ? r->error : "");
    }
  return CLI_EXIT_OK;
}
