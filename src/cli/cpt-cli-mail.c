/* comptoir-cli mail password set | password clear | test: the company's mail account. Its
 * settings are the company's mail_* fields (company set mail_host=...); its password goes to
 * the keyring, read from standard input, never from the command line (which other users of
 * the computer can see) nor the file. */
#define G_LOG_DOMAIN "comptoir-cli"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "cpt-cli.h"
#include "cpt-company.h"
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

int
cli_mail (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  CptMailAccount account = { 0 };
  const char *sub = argc > 0 ? argv[0] : "";
  const char *what = argc > 1 ? argv[1] : "";
  int status = CLI_EXIT_REFUSED;

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
      g_autoptr(GError) local = NULL;

      if (!cli_args_parse (argc - 1, argv + 1, no_options, &args, error) ||
          !cli_expect_positional (&args, 0, 0, "mail test", error))
        return CLI_EXIT_USAGE;
      if (!load_account (db, &account, error))
        return CLI_EXIT_REFUSED;
      if (account.user != NULL)
        password = cpt_mail_password_lookup (account.host, account.user, NULL, &local);
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else if (cpt_mail_test_account (&account, password, NULL, error))
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
  g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"),
               "mail password set | password clear | test");
  return CLI_EXIT_USAGE;
}
