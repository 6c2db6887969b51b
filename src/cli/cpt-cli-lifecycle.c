/* comptoir-cli: the document lifecycle (validation, quotes, deposits, credit notes, series,
 * check). */
#define G_LOG_DOMAIN "comptoir-cli"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cpt-cli.h"
#include "cpt-dates.h"
#include "cpt-error.h"
#include "cpt-documents.h"
#include "cpt-ledger.h"
#include "cpt-lifecycle.h"
#include "cpt-money.h"
#include "cpt-series.h"

static const CliOption date_options[] = { { "date", TRUE, FALSE }, { NULL } };
static const CliOption validate_options[] = {
  { "date", TRUE, FALSE }, { "confirm-date", FALSE, FALSE }, { NULL },
};
static const CliOption json_options[] = { { "json", FALSE, FALSE }, { NULL } };
static const CliOption credit_options[] = { { "line", TRUE, TRUE }, { NULL } };
static const CliOption quote_invoice_options[] = {
  { "deposit", TRUE, FALSE }, { "balance", FALSE, FALSE }, { "full", FALSE, FALSE }, { NULL },
};
static const CliOption series_options[] = {
  { "reset", TRUE, FALSE }, { "first", TRUE, FALSE }, { "json", FALSE, FALSE }, { NULL },
};

static int
print_id (gint64 id)
{
  if (id <= 0)
    return CLI_EXIT_REFUSED;
  printf ("%" G_GINT64_FORMAT "\n", id);
  return CLI_EXIT_OK;
}

/* Validating under a date long past needs --confirm-date: the refusal says so. */
static CptValidateFlags
validate_flags (CliArgs *args)
{
  return cli_args_has (args, "confirm-date") ? CPT_VALIDATE_CONFIRM_OLD_DATE : CPT_VALIDATE_DEFAULT;
}

static void
hint_confirm_date (GError **error)
{
  if (error != NULL && *error != NULL && g_error_matches (*error, CPT_ERROR, CPT_ERROR_CONFIRM))
    {
      char *message = g_strdup_printf (_("%s If it is right, run the command again with "
                                         "--confirm-date."), (*error)->message);
      g_free ((*error)->message);
      (*error)->message = message;
    }
}

static gboolean
one_id (int argc, char **argv, const CliOption *options, CliArgs *args, const char *usage,
        const char *what, gint64 *id, GError **error)
{
  return cli_args_parse (argc, argv, options, args, error) &&
         cli_expect_positional (args, 1, 1, usage, error) &&
         cli_args_id (args, 0, what, id, error);
}

int
cli_document_validate (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  g_autoptr(CptDocument) document = NULL;
  gint64 id;

  if (!one_id (argc, argv, validate_options, &args,
               "document validate ID [--date D] [--confirm-date]",
               C_("kind of id", "document"), &id, error))
    return CLI_EXIT_USAGE;
  if (!cpt_lifecycle_validate_full (db, id, cli_args_get (&args, "date"),
                                    validate_flags (&args), error))
    {
      hint_confirm_date (error);
      return CLI_EXIT_REFUSED;
    }
  if ((document = cpt_documents_load (db, id, error)) == NULL)
    return CLI_EXIT_REFUSED;
  printf ("%s\n", cpt_document_get_number (document));
  return CLI_EXIT_OK;
}

int
cli_document_send (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  gint64 id;

  if (!one_id (argc, argv, date_options, &args, "document send ID [--date D]",
               C_("kind of id", "document"), &id, error))
    return CLI_EXIT_USAGE;
  return cpt_lifecycle_mark_sent (db, id, cli_args_get (&args, "date"), error) ? CLI_EXIT_OK
                                                                               : CLI_EXIT_REFUSED;
}

int
cli_document_finalize (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  gint64 id;

  if (!one_id (argc, argv, NULL, &args, "document finalize ID", C_("kind of id", "document"), &id, error))
    return CLI_EXIT_USAGE;
  return print_id (cpt_lifecycle_finalize (db, id, error));
}

int
cli_document_credit (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (CptCreditPart));
  GPtrArray *lines;
  gint64 id;

  if (!one_id (argc, argv, credit_options, &args, "document credit ID [--line LINE_ID:QUANTITY ...]",
               C_("kind of id", "document"), &id, error))
    return CLI_EXIT_USAGE;
  lines = cli_args_get_all (&args, "line");
  for (guint i = 0; lines && i < lines->len; i++)
    {
      const char *spec = g_ptr_array_index (lines, i);
      const char *colon = strchr (spec, ':');
      g_autofree char *line_text = g_strndup (spec, colon ? (gsize) (colon - spec) : strlen (spec));
      CptCreditPart part = { 0 };

      if (colon == NULL)
        {
          g_set_error (error, CLI_USAGE_ERROR, 0, _("--line takes LINE_ID:QUANTITY, like 12:1.5"));
          return CLI_EXIT_USAGE;
        }
      if (!cli_parse_id (line_text, C_("kind of id", "line"), &part.line_id, error))
        return CLI_EXIT_USAGE;
      if (!cpt_quantity_parse (colon + 1, &part.quantity, error))
        return CLI_EXIT_REFUSED;
      g_array_append_val (parts, part);
    }
  return print_id (cpt_lifecycle_credit (db, id, (CptCreditPart *) parts->data, parts->len, error));
}

int
cli_document_actions (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 id;

  if (!one_id (argc, argv, json_options, &args, "document actions ID [--json]",
               C_("kind of id", "document"), &id, error))
    return CLI_EXIT_USAGE;
  actions = cpt_lifecycle_actions (db, id, error);
  if (actions == NULL)
    return CLI_EXIT_REFUSED;
  json_builder_begin_object (builder);
  for (guint i = 0; i < actions->len; i++)
    {
      CptAction *action = g_ptr_array_index (actions, i);
      if (!cli_args_has (&args, "json"))
        {
          printf ("%-16s %s%s%s\n", action->name, action->allowed ? _("yes") : _("no"),
                  action->reason ? "  " : "", action->reason ? action->reason : "");
          continue;
        }
      json_builder_set_member_name (builder, action->name);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "allowed");
      json_builder_add_boolean_value (builder, action->allowed);
      json_builder_set_member_name (builder, "reason");
      if (action->reason)
        json_builder_add_string_value (builder, action->reason);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  if (cli_args_has (&args, "json"))
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      cli_print_json (root);
    }
  return CLI_EXIT_OK;
}

static int
quote_remaining (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 id;

  if (!one_id (argc, argv, json_options, &args, "quote remaining ID [--json]",
               C_("kind of id", "quote"), &id, error))
    return CLI_EXIT_USAGE;
  lines = cpt_lifecycle_quote_remaining (db, id, error);
  if (lines == NULL)
    return CLI_EXIT_REFUSED;
  json_builder_begin_array (builder);
  for (guint i = 0; i < lines->len; i++)
    {
      CptRemainingLine *line = g_ptr_array_index (lines, i);
      g_autofree char *ordered = cpt_quantity_to_string (line->ordered);
      g_autofree char *invoiced = cpt_quantity_to_string (line->invoiced);
      g_autofree char *remaining = cpt_quantity_to_string (line->remaining);
      g_autoptr(GString) on = g_string_new (NULL);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line_id");
      json_builder_add_int_value (builder, line->line_id);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, line->description);
      json_builder_set_member_name (builder, "ordered");
      json_builder_add_string_value (builder, ordered);
      json_builder_set_member_name (builder, "invoiced");
      json_builder_add_string_value (builder, invoiced);
      json_builder_set_member_name (builder, "remaining");
      json_builder_add_string_value (builder, remaining);
      json_builder_set_member_name (builder, "invoices");
      json_builder_begin_array (builder);
      for (guint j = 0; j < line->invoice_ids->len; j++)
        {
          gint64 invoice_id = g_array_index (line->invoice_ids, gint64, j);
          g_autoptr(CptDocument) invoice = cpt_documents_load (db, invoice_id, NULL);
          const char *number = invoice ? cpt_document_get_number (invoice) : NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, invoice_id);
          json_builder_set_member_name (builder, "number");
          if (number)
            json_builder_add_string_value (builder, number);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
          if (number)
            g_string_append_printf (on, "%s%s", on->len ? ", " : "", number);
          else
            g_string_append_printf (on, "%s#%" G_GINT64_FORMAT, on->len ? ", " : "", invoice_id);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      if (!cli_args_has (&args, "json"))
        {
          /* Translators: a line of a document, named by its id */
          g_autofree char *tag = g_strdup_printf (_("[line %" PRId64 "]"), line->line_id);
          printf ("%s  %-36.36s %8s %8s %8s  %s\n", tag, line->description, ordered, invoiced,
                  remaining, on->str);
        }
    }
  json_builder_end_array (builder);
  if (cli_args_has (&args, "json"))
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      cli_print_json (root);
    }
  return CLI_EXIT_OK;
}

static int
quote_invoice (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  const char *deposit;
  guint choices;
  gint64 id, value = 0;
  CptQuoteInvoice how;

  if (!one_id (argc, argv, quote_invoice_options, &args,
               "quote invoice ID --deposit 30% | --deposit 1500.00 | --balance | --full",
               C_("kind of id", "quote"), &id, error))
    return CLI_EXIT_USAGE;
  deposit = cli_args_get (&args, "deposit");
  choices = (deposit != NULL) + cli_args_has (&args, "balance") + cli_args_has (&args, "full");
  if (choices != 1)
    {
      g_set_error (error, CLI_USAGE_ERROR, 0,
                   _("Say what to invoice: --deposit 30%% (or an amount), --balance or --full"));
      return CLI_EXIT_USAGE;
    }
  if (deposit != NULL)
    {
      g_autofree char *text = g_strstrip (g_strdup (deposit));
      if (g_str_has_suffix (text, "%"))
        {
          how = CPT_QUOTE_INVOICE_DEPOSIT_PERCENT;
          if (!cpt_percent_parse (text, &value, error))
            return CLI_EXIT_REFUSED;
        }
      else
        {
          how = CPT_QUOTE_INVOICE_DEPOSIT_AMOUNT;
          if (!cpt_money_parse (text, &value, error))
            return CLI_EXIT_REFUSED;
        }
    }
  else
    how = cli_args_has (&args, "balance") ? CPT_QUOTE_INVOICE_BALANCE : CPT_QUOTE_INVOICE_FULL;
  return print_id (cpt_lifecycle_quote_invoice (db, id, how, value, error));
}

int
cli_quote (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  const char *sub = argc > 0 ? argv[0] : "";
  gint64 id;

  if (strcmp (sub, "send") == 0 || strcmp (sub, "accept") == 0 || strcmp (sub, "refuse") == 0)
    {
      gboolean send = strcmp (sub, "send") == 0;
      g_autofree char *usage = g_strdup_printf ("quote %s ID [--date D]%s", sub,
                                                send ? " [--confirm-date]" : "");
      gboolean ok;

      if (!one_id (argc - 1, argv + 1, send ? validate_options : date_options, &args, usage,
                   C_("kind of id", "quote"), &id, error))
        return CLI_EXIT_USAGE;
      if (send)
        {
          ok = cpt_lifecycle_quote_send_full (db, id, cli_args_get (&args, "date"),
                                              validate_flags (&args), error);
          hint_confirm_date (error);
        }
      else if (strcmp (sub, "accept") == 0)
        ok = cpt_lifecycle_quote_accept (db, id, cli_args_get (&args, "date"), error);
      else
        ok = cpt_lifecycle_quote_refuse (db, id, cli_args_get (&args, "date"), error);
      return ok ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
    }
  if (strcmp (sub, "invoice") == 0)
    return quote_invoice (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "remaining") == 0)
    return quote_remaining (db, argc - 1, argv + 1, error);
  g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), "quote send|accept|refuse|invoice|remaining ...");
  return CLI_EXIT_USAGE;
}

int
cli_deposit (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  const char *sub = argc > 0 ? argv[0] : "";
  gint64 deposit_id, invoice_id;

  if (strcmp (sub, "attach") == 0)
    {
      if (!cli_args_parse (argc - 1, argv + 1, NULL, &args, error) ||
          !cli_expect_positional (&args, 2, 2, "deposit attach DEPOSIT_ID INVOICE_ID", error) ||
          !cli_args_id (&args, 0, C_("kind of id", "deposit"), &deposit_id, error) ||
          !cli_args_id (&args, 1, C_("kind of id", "invoice"), &invoice_id, error))
        return CLI_EXIT_USAGE;
      return cpt_lifecycle_attach_deposit (db, deposit_id, invoice_id, error) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
    }
  if (strcmp (sub, "detach") == 0)
    {
      if (!one_id (argc - 1, argv + 1, NULL, &args, "deposit detach DEPOSIT_ID",
                   C_("kind of id", "deposit"), &deposit_id, error))
        return CLI_EXIT_USAGE;
      return cpt_lifecycle_detach_deposit (db, deposit_id, error) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
    }
  g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), "deposit attach|detach ...");
  return CLI_EXIT_USAGE;
}

int
cli_check (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_autoptr(CptLedgerReport) report = NULL;
  g_auto(CliArgs) args = { 0 };

  static const CliOption options[] = { { "full", FALSE, FALSE }, { NULL } };

  if (!cli_args_parse (argc, argv, options, &args, error) ||
      !cli_expect_positional (&args, 0, 0, "check", error))
    return CLI_EXIT_USAGE;
  /* --full: SQLite compares every index entry with its row (minutes at a million documents). */
  report = cpt_ledger_check_report (db, cli_args_has (&args, "full") ? CPT_LEDGER_CHECK_EVERY_ENTRY
                                                                      : CPT_LEDGER_CHECK_FULL,
                                    NULL, error);
  if (report == NULL)
    return CLI_EXIT_REFUSED;
  for (guint i = 0; i < report->problems->len; i++)
    fprintf (stderr, "%s\n", (const char *) g_ptr_array_index (report->problems, i));
  for (guint i = 0; i < report->unverified->len; i++)
    fprintf (stderr, "%s\n", (const char *) g_ptr_array_index (report->unverified, i));
  if (report->problems->len > 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                   g_dngettext (GETTEXT_PACKAGE, "The check found %u problem", "The check found %u problems",
                                report->problems->len), report->problems->len);
      return CLI_EXIT_REFUSED;
    }
  if (report->unverified->len > 0)
    {
      /* Not "all good": what the seal cannot vouch for here may have been rewritten. */
      printf ("%s\n", _("Nothing wrong was found, but the seal of the validated documents cannot "
                        "be verified on this computer: a rewrite of the documents above could "
                        "not be detected here. Check the file on the computer that validated "
                        "them."));
      return CLI_EXIT_UNVERIFIED;
    }
  printf ("%s\n", _("All good: the chain of validated documents is intact and its seal verified, "
                    "numbering has no gap, the summaries agree and the database file is sound."));
  return CLI_EXIT_OK;
}

int
cli_series (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  const char *sub = argc > 0 ? argv[0] : "";

  if (!cli_args_parse (argc - 1, argv + 1, series_options, &args, error))
    return CLI_EXIT_USAGE;
  if (strcmp (sub, "show") == 0)
    {
      g_autoptr(GPtrArray) all = NULL;
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *today = cpt_date_today ();
      const char *only = args.positional->len > 0 ? g_ptr_array_index (args.positional, 0) : NULL;
      const char *only_kind = NULL;
      CptDocumentKind parsed;

      if (only != NULL)
        {
          if (!cpt_document_kind_parse (only, &parsed, error))
            return CLI_EXIT_USAGE;
          /* A series is named after its kind. */
          only_kind = cpt_document_kind_to_string (parsed);
        }
      all = cpt_series_load_all (db, error);
      if (all == NULL)
        return CLI_EXIT_REFUSED;
      json_builder_begin_array (builder);
      for (guint i = 0; i < all->len; i++)
        {
          CptSeries *series = g_ptr_array_index (all, i);
          g_autofree char *next = NULL;
          g_autoptr(GError) next_error = NULL;

          if (only_kind && g_strcmp0 (only_kind, series->name) != 0)
            continue;
          if (!cpt_document_kind_from_string (series->name, &parsed))
            g_return_val_if_reached (CLI_EXIT_REFUSED);
          /* A next number that cannot be read is an error, not a "?" beside the others. */
          next = cpt_series_preview (db, series->name, today, &next_error);
          if (next_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&next_error));
              return CLI_EXIT_REFUSED;
            }
          if (!cli_args_has (&args, "json"))
            {
              /* Translators: a series (its kind, format and reset, which are typed as they
               * are), its first number, how many numbers it gave and the next one */
              printf (_("%-12s %-22s %-8s first %-6" PRId64 " used %-8" PRId64 " next %s\n"),
                      cpt_document_kind_to_cli (parsed), series->format,
                      cpt_series_reset_to_string (series->reset), series->first_number, series->used,
                      next ? next : "?");
              continue;
            }
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, cpt_document_kind_to_cli (parsed));
          json_builder_set_member_name (builder, "format");
          json_builder_add_string_value (builder, series->format);
          json_builder_set_member_name (builder, "reset");
          json_builder_add_string_value (builder, cpt_series_reset_to_string (series->reset));
          json_builder_set_member_name (builder, "first_number");
          json_builder_add_int_value (builder, series->first_number);
          json_builder_set_member_name (builder, "used");
          json_builder_add_int_value (builder, series->used);
          json_builder_set_member_name (builder, "next");
          json_builder_add_string_value (builder, next);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      if (cli_args_has (&args, "json"))
        {
          g_autoptr(JsonNode) root = json_builder_get_root (builder);
          cli_print_json (root);
        }
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "set") == 0)
    {
      CptDocumentKind kind;
      int reset = -1;
      guint64 first = 0;

      if (!cli_expect_positional (&args, 2, 2, "series set KIND FORMAT [--reset never|yearly|monthly] [--first N]", error))
        return CLI_EXIT_USAGE;
      if (!cpt_document_kind_parse (g_ptr_array_index (args.positional, 0), &kind, error))
        return CLI_EXIT_USAGE;
      if (cli_args_get (&args, "reset"))
        {
          CptSeriesReset parsed;
          if (!cpt_series_reset_parse (cli_args_get (&args, "reset"), &parsed, error))
            return CLI_EXIT_USAGE;
          reset = parsed;
        }
      if (cli_args_get (&args, "first") &&
          (!cli_parse_count (cli_args_get (&args, "first"), "--first", 999999999, &first, error) || first == 0))
        {
          if (*error == NULL)
            g_set_error (error, CLI_USAGE_ERROR, 0, _("--first is a number from 1"));
          return CLI_EXIT_USAGE;
        }
      return cpt_series_set (db, cpt_document_kind_to_string (kind), g_ptr_array_index (args.positional, 1), reset, (gint64) first, error)
               ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
    }
  g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), "series show [KIND] [--json] | set KIND FORMAT [--reset R] [--first N]");
  return CLI_EXIT_USAGE;
}
