/* comptoir-cli: Comptoir's operations without a display, for scripting, tests and
 * benchmarks. Exit status 0 done, 1 refused (bad input or a rule), 2 usage; check: 3 when
 * nothing is wrong but the seal cannot be verified on this computer. */
#define G_LOG_DOMAIN "comptoir-cli"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cpt-cli.h"
#include "cpt-einvoice-rules.h"
#include "cpt-error.h"

/* Translators: the help of comptoir-cli. Translate the headings and descriptions; keep
 * the commands, the options (--name), KEY=VALUE and the placeholders (ID, PATH, N...) as
 * they are, since they are what is typed. */
static const char *const usage = N_(
  "Usage: comptoir-cli [--db PATH] COMMAND [ARGS...]\n"
  "\n"
  "Commands:\n"
  "  init                               create or upgrade the database\n"
  "  company show [--json] | set KEY=VALUE...\n"
  "  client add --name N [--kind company|individual] [--email E] [--siren S] [--siret S]\n"
  "             [--vat-number V] [--address A] [--postcode P] [--city C] [--country FR]\n"
  "             [--phone T] [--payment-days N] [--end-of-month] [--currency EUR] [--language fr]\n"
  "  client list [--search TEXT] [--archived] [--json] | show ID [--json]\n"
  "  client edit ID KEY=VALUE... | archive ID | unarchive ID | delete ID\n"
  "  client memo add ID TEXT [--author A] | memo list ID [--json]\n"
  "  client file add ID PATH | file list ID [--json] | file get FILE_ID OUTPUT | file remove FILE_ID\n"
  "  product add --name N --price P --vat RATE [--unit U] [--type service|goods] [--code C]\n"
  "              [--account A] [--description D]\n"
  "  product list [--search TEXT] [--archived] [--json] | show ID [--json] | edit ID KEY=VALUE...\n"
  "  product archive ID | unarchive ID\n"
  "  document new --kind quote|proforma|invoice|deposit|credit-note --client ID [--date D]\n"
  "               [--due D] [--title T]\n"
  "  document add-line ID [--product PID] [--description D] [--quantity Q] [--unit U]\n"
  "               [--unit-price P] [--vat RATE] [--exemption CODE] [--discount PCT] [--text]\n"
  "               [--subtotal] [--position N]\n"
  "  document show ID [--json] | edit ID KEY=VALUE... | delete ID\n"
  "  document remove-line LINE_ID | move-line LINE_ID POSITION\n"
  "  document validate ID [--date D] [--confirm-date] | send ID [--date D]\n"
  "  document actions ID [--json]\n"
  "  document finalize ID                 pro forma -> draft invoice\n"
  "  document credit ID [--line LINE_ID:QUANTITY ...]\n"
  "  document render ID --output FILE.pdf [--no-facturx]\n"
  "  document render ID --png [--page N] [--dpi D] --output FILE.png\n"
  "  document export-xml ID --output FILE.xml      the Factur-X XML of an invoice\n"
  "  document check ID [--json]           EN 16931 and BR-FR rules the e-invoice breaks\n"
  "  document render-all [--kind K] [--from D] [--to D] --output-dir DIR [--no-facturx]\n"
  "  quote send|accept|refuse ID [--date D] [--confirm-date] | remaining ID [--json]\n"
  "  quote invoice ID --deposit 30% | --deposit 1500.00 | --balance | --full\n"
  "  deposit attach DEPOSIT_ID INVOICE_ID | detach DEPOSIT_ID\n"
  "  series show [KIND] [--json] | set KIND FORMAT [--reset never|yearly|monthly] [--first N]\n"
  "  check                                verify the chain and its seal, the numbering,\n"
  "                                       the summaries, the file (exit 3: the seal\n"
  "                                       cannot be verified on this computer)\n"
  "  payment add --client ID --amount A [--date D] [--mode M] [--reference R]\n"
  "              [--allocate DOC_ID[:AMOUNT] ...]\n"
  "  payment list [--client ID] [--json] | allocate PAYMENT_ID DOC_ID [AMOUNT]\n"
  "  payment unallocate PAYMENT_ID DOC_ID | delete PAYMENT_ID\n"
  "  document mark-paid ID [--date D] [--mode M] | mark-unpaid ID\n"
  "  client balance ID [--json] [--today D] | deposits ID [--json]\n"
  "  dashboard [--json] [--today D] [--from D --to D]\n"
  "  document list [--kind K] [--client ID] [--status S] [--search TEXT] [--from D] [--to D]\n"
  "                [--sort date|number|client|total|due] [--ascending] [--limit N] [--offset N] [--json]\n"
  "  search TEXT [--json]\n"
  "  demo [--clients N] [--documents N] [--seed S]\n"
  "\n"
  "The default database is $XDG_DATA_HOME/comptoir/comptoir.db.\n"
  "Amounts are written 1234.50 or 1 234,50; dates 2026-11-22 or 22/11/2026.\n");

/* Kept apart from the usage above so that its translation stays whole. */
static const char *const usage_backup = N_(
  "Backups:\n"
  "  backup [--output FILE]               a verified copy, by default into the backup folder\n"
  "  restore FILE [--db TARGET]           put a backup in place; the current file is kept aside\n");

/* Kept apart from the usage above so that its translation stays whole. */
static const char *const usage_mail = N_(
  "Email (the account is the company's mail_* settings: company set mail_host=...):\n"
  "  mail configure --host H [--port P] [--security ssl|starttls|none] --from ADDRESS\n"
  "                 [--name N] [--user U]\n"
  "  mail password set | set-password     the account's password, read from standard input,\n"
  "                                       into the keyring\n"
  "  mail password clear                  remove it from the keyring\n"
  "  mail test                            connect and log in as a send would; send nothing\n"
  "  mail outbox | outbox list            the messages waiting for the server to answer\n"
  "  mail flush | outbox send             send them now\n"
  "  document email ID [--to A]... [--cc A]... [--bcc A]... [--subject S] [--message TEXT]\n"
  "                 [--template T]       send its PDF (Factur-X for an e-invoice); to the\n"
  "                                       client's addresses when no --to; T: another\n"
  "                                       document's wording (quote, invoice...)\n"
  "  document emails ID [--json]          the messages sent with it, or why they failed\n"
  "  mail template list | show PURPOSE [--language fr|en] [--preview] | reset PURPOSE\n"
  "  mail template set PURPOSE [--language fr|en] [--subject S] [--body TEXT | --body-file F]\n"
  "                                       the wording of each message; PURPOSE: quote, proforma,\n"
  "                                       invoice, deposit, credit_note, reminder-1, -2, -3\n"
  "  reminder list [--today D] [--json]   the payment reminders due\n"
  "  reminder show ID [--today D] [--json]  its next level and day, the penalties to date\n"
  "  reminder send ID [--to A]... [--cc A]... [--subject S] [--message TEXT] [--today D]\n"
  "                                       the invoice's next reminder; the third is the\n"
  "                                       formal notice, with its letter\n");

static void
print_usage (FILE *stream)
{
  fputs (_(usage), stream);
  fputs ("\n", stream);
  fputs (_(usage_backup), stream);
  fputs ("\n", stream);
  fputs (_(usage_mail), stream);
}

/* Whether a line of the usage, "  document show ID [--json] | edit ID ...", is about
 * `command` and, when given, its subcommand `sub`: one of the alternatives after the
 * command ("show ID [--json]", "edit ID ...") starts with it. */
static gboolean
usage_line_is_about (const char *line,
                     const char *command,
                     const char *sub)
{
  g_auto(GStrv) alternatives = NULL;
  size_t length = strlen (command);

  if (!g_str_has_prefix (line, "  ") || strncmp (line + 2, command, length) != 0 ||
      (line[2 + length] != ' ' && line[2 + length] != '\0'))
    return FALSE;
  if (sub == NULL)
    return TRUE;
  alternatives = g_strsplit (line + 2 + length, "|", -1);
  for (guint i = 0; alternatives[i]; i++)
    {
      g_auto(GStrv) words = g_strsplit (g_strstrip (alternatives[i]), " ", 2);

      if (words[0] != NULL && strcmp (words[0], sub) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Appends the lines of `text` (a translated usage) about `command` and `sub`, each with the
 * lines that continue it (indented further). */
static void
append_usage_of (GString    *out,
                 const char *text,
                 const char *command,
                 const char *sub)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean in_block = FALSE;

  for (guint i = 0; lines[i]; i++)
    {
      /* A line of its own starts with the command, two spaces in; a continuation with more. */
      if (g_str_has_prefix (lines[i], "  ") && lines[i][2] != ' ')
        in_block = usage_line_is_about (lines[i], command, sub);
      else if (!g_str_has_prefix (lines[i], "   "))
        in_block = FALSE;
      if (in_block)
        g_string_append_printf (out, "%s\n", lines[i]);
    }
}

/* "comptoir-cli document validate --help": the lines of the usage about that command (about
 * the subcommand when there is one and the usage names it), from the translated usage so that
 * it says the same thing in the same language. FALSE when the usage has no such command. */
static gboolean
print_command_usage (FILE       *stream,
                     const char *command,
                     const char *sub)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *name = NULL;

  append_usage_of (lines, _(usage), command, sub);
  append_usage_of (lines, _(usage_backup), command, sub);
  append_usage_of (lines, _(usage_mail), command, sub);
  if (lines->len == 0 && sub != NULL)
    {
      /* Not a subcommand the usage names: the whole command's usage. */
      sub = NULL;
      append_usage_of (lines, _(usage), command, NULL);
      append_usage_of (lines, _(usage_backup), command, NULL);
      append_usage_of (lines, _(usage_mail), command, NULL);
    }
  if (lines->len == 0)
    return FALSE;
  name = sub != NULL ? g_strdup_printf ("%s %s", command, sub) : g_strdup (command);
  /* Translators: the heading of one command's help, e.g. “document validate”; the lines
   * of the usage about it follow */
  fprintf (stream, _("Usage of comptoir-cli %s (a company file is chosen with --db PATH before it):\n"),
           name);
  fputs (lines->str, stream);
  return TRUE;
}

/* --help (or -h) among a command's arguments, before a "--" that ends the options. */
static gboolean
asks_for_help (int    argc,
               char **argv)
{
  for (int i = 0; i < argc && strcmp (argv[i], "--") != 0; i++)
    if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
      return TRUE;
  return FALSE;
}

static int
cli_init (CptDatabase *db, int argc, char **argv, GError **error)
{
  if (argc > 0)
    {
      g_set_error (error, CLI_USAGE_ERROR, 0, _("init takes no arguments"));
      return CLI_EXIT_USAGE;
    }
  printf ("%s\n", cpt_database_get_path (db));
  return CLI_EXIT_OK;
}

static const struct
{
  const char *name;
  CliCommand  run;
} commands[] = {
  { "init", cli_init },
  { "company", cli_company },
  { "client", cli_client },
  { "product", cli_product },
  { "document", cli_document },
  { "search", cli_search },
  { "demo", cli_demo },
  { "quote", cli_quote },
  { "deposit", cli_deposit },
  { "check", cli_check },
  { "series", cli_series },
  { "payment", cli_payment },
  { "dashboard", cli_dashboard },
  { "backup", cli_backup },
  { "mail", cli_mail },
  { "reminder", cli_reminder },
  { "outbox", cli_outbox },
};

/* restore replaces the company file: it must not be held open by this process. */
static int
run_restore (const char *db_path, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  if (db_path != NULL)
    path = g_strdup (db_path);
  else if (g_getenv ("COMPTOIR_DB") != NULL && *g_getenv ("COMPTOIR_DB") != '\0')
    path = g_strdup (g_getenv ("COMPTOIR_DB"));
  else
    path = cpt_database_default_path ();
  status = cli_restore (path, argc, argv, &error);
  if (error != NULL)
    {
      if (error->domain == CLI_USAGE_ERROR)
        fprintf (stderr, _("comptoir-cli: %s\n(see comptoir-cli --help)\n"), error->message);
      else
        fprintf (stderr, _("comptoir-cli: %s\n"), error->message);
    }
  return status;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) remote_error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  CptDatabaseOpenFlags flags = CPT_DATABASE_OPEN_DEFAULT;
  g_autofree char *db_path = NULL;
  CliCommand run = NULL;
  gboolean existed;
  const char *localedir = g_getenv ("COMPTOIR_LOCALEDIR");
  int i = 1, status;

  cli_output_filter_install ();
  setlocale (LC_ALL, "");
  /* COMPTOIR_LOCALEDIR: translations compiled in a build tree (./dev sets it), for running
   * uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (; i < argc && g_str_has_prefix (argv[i], "--"); i++)
    {
      if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          print_usage (stdout);
          return CLI_EXIT_OK;
        }
      else if (strcmp (argv[i], "--version") == 0)
        {
          /* Translators: %s names the rule sets, e.g. "EN 16931 (CEN), BR-FR 1.4.0.01 (FNFE-MPE)" */
          g_autofree char *rules = g_strdup_printf (_("E-invoice rules: %s"), CPT_EINVOICE_RULE_SET);

          printf ("comptoir-cli %s\n%s\n", PACKAGE_VERSION, rules);
          return CLI_EXIT_OK;
        }
      else if (strcmp (argv[i], "--db") == 0 || g_str_has_prefix (argv[i], "--db="))
        {
          /* An empty path would make SQLite open a throw-away temporary database: every
           * change would be lost without a word. */
          const char *value = argv[i][4] == '=' ? argv[i] + 5 : (i + 1 < argc ? argv[++i] : "");

          if (*value == '\0')
            {
              fprintf (stderr, "%s\n", _("comptoir-cli: --db needs the path of a database file"));
              return CLI_EXIT_USAGE;
            }
          g_free (db_path);
          db_path = g_strdup (value);
        }
      else
        {
          fprintf (stderr, _("comptoir-cli: unknown option %s\n\n%s"), argv[i], _(usage));
          return CLI_EXIT_USAGE;
        }
    }
  if (i >= argc)
    {
      print_usage (stderr);
      return CLI_EXIT_USAGE;
    }
  if (strcmp (argv[i], "help") == 0)
    {
      /* "help document validate" as "document validate --help" */
      if (i + 1 < argc &&
          print_command_usage (stdout, argv[i + 1], i + 2 < argc ? argv[i + 2] : NULL))
        return CLI_EXIT_OK;
      print_usage (stdout);
      return CLI_EXIT_OK;
    }
  /* A command's help needs no company file: nothing is opened, nor created. */
  if (asks_for_help (argc - i - 1, argv + i + 1))
    {
      const char *sub = i + 1 < argc && argv[i + 1][0] != '-' ? argv[i + 1] : NULL;

      if (print_command_usage (stdout, argv[i], sub))
        return CLI_EXIT_OK;
      fprintf (stderr, _("comptoir-cli: unknown command “%s”\n\n%s"), argv[i], _(usage));
      return CLI_EXIT_USAGE;
    }
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (strcmp (argv[i], commands[c].name) == 0)
      run = commands[c].run;
  if (run == NULL && strcmp (argv[i], "restore") == 0)
    return run_restore (db_path, argc - i - 1, argv + i + 1);
  if (run == NULL)
    {
      fprintf (stderr, _("comptoir-cli: unknown command “%s”\n\n%s"), argv[i], _(usage));
      return CLI_EXIT_USAGE;
    }

  if (db_path == NULL && g_getenv ("COMPTOIR_DB") != NULL && *g_getenv ("COMPTOIR_DB") != '\0')
    db_path = g_strdup (g_getenv ("COMPTOIR_DB"));
  if (db_path == NULL)
    db_path = cpt_database_default_path ();
  existed = g_file_test (db_path, G_FILE_TEST_EXISTS);
  /* Only these make a new company file: any other command on a missing path (a mistyped
   * --db) refuses and creates nothing, not even a folder. */
  if (run == cli_init || run == cli_demo)
    flags |= CPT_DATABASE_OPEN_CREATE;
  db = cpt_database_open_full (db_path, flags, &error);
  if (db == NULL && g_error_matches (error, CPT_ERROR, CPT_ERROR_REMOTE) &&
      (flags & CPT_DATABASE_OPEN_CREATE) == 0)
    {
      /* On a network file system the file is only read: reading commands work, and a
       * command that writes is refused by SQLite, with this message. */
      remote_error = g_steal_pointer (&error);
      db = cpt_database_open_full (db_path, CPT_DATABASE_OPEN_READ_ONLY, &error);
    }
  if (db == NULL)
    {
      /* Translators: an error message after the program name */
      fprintf (stderr, _("comptoir-cli: %s\n"), error->message);
      if (g_error_matches (error, CPT_ERROR, CPT_ERROR_NOT_FOUND))
        /* Translators: %s is the path of the database file */
        fprintf (stderr, _("To create a new company file there, run: comptoir-cli --db %s init\n"),
                 db_path);
      return CLI_EXIT_REFUSED;
    }

  status = run (db, argc - i - 1, argv + i + 1, &error);
  if ((error != NULL || status != CLI_EXIT_OK) && !existed)
    {
      /* A refused or mistyped command changes nothing: not even by creating the file. */
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
      g_clear_object (&db);
      g_unlink (db_path);
      g_unlink (wal);
      g_unlink (shm);
    }
  if (remote_error != NULL && g_error_matches (error, CPT_ERROR, CPT_ERROR_READ_ONLY))
    {
      g_clear_error (&error);
      g_propagate_error (&error, g_steal_pointer (&remote_error));
    }
  if (error != NULL)
    {
      if (error->domain == CLI_USAGE_ERROR)
        {
          fprintf (stderr, _("comptoir-cli: %s\n(see comptoir-cli --help)\n"), error->message);
          return CLI_EXIT_USAGE;
        }
      /* Translators: an error message after the program name */
      fprintf (stderr, _("comptoir-cli: %s\n"), error->message);
      return status == CLI_EXIT_OK ? CLI_EXIT_REFUSED : status;
    }
  return status;
}
