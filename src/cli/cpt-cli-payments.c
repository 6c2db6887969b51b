/* comptoir-cli: payments, client balances and the dashboard. */
#define G_LOG_DOMAIN "comptoir-cli"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cpt-cli.h"
#include "cpt-client.h"
#include "cpt-dashboard.h"
#include "cpt-dates.h"
#include "cpt-error.h"
#include "cpt-money.h"
#include "cpt-payments.h"

static const CliOption add_options[] = {
  { "client", TRUE, FALSE }, { "amount", TRUE, FALSE }, { "date", TRUE, FALSE },
  { "mode", TRUE, FALSE }, { "reference", TRUE, FALSE }, { "note", TRUE, FALSE },
  { "allocate", TRUE, TRUE }, { NULL },
};
static const CliOption list_options[] = {
  { "client", TRUE, FALSE }, { "json", FALSE, FALSE }, { "limit", TRUE, FALSE }, { NULL },
};
static const CliOption paid_options[] = {
  { "date", TRUE, FALSE }, { "mode", TRUE, FALSE }, { "reference", TRUE, FALSE }, { NULL },
};
static const CliOption balance_options[] = {
  { "json", FALSE, FALSE }, { "today", TRUE, FALSE }, { NULL },
};
static const CliOption dashboard_options[] = {
  { "json", FALSE, FALSE }, { "today", TRUE, FALSE }, { "from", TRUE, FALSE }, { "to", TRUE, FALSE }, { NULL },
};

static void
member_money (JsonBuilder *builder, const char *name, gint64 value)
{
  cli_json_money (builder, name, value);
}

static void
member_int (JsonBuilder *builder, const char *name, gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
member_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* "name": {"count": N, "amount": "1234.50"} */
static void
member_count_amount (JsonBuilder *builder, const char *name, gint64 count, gint64 amount)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  member_int (builder, "count", count);
  member_money (builder, "amount", amount);
  json_builder_end_object (builder);
}

static void
print_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  cli_print_json (root);
}

/* "--today" or COMPTOIR_TODAY or today, as an ISO date. */
static char *
today_option (CliArgs *args, GError **error)
{
  const char *text = cli_args_get (args, "today");
  return text ? cpt_date_normalize (text, error) : cpt_date_today ();
}

static int
payment_add (CptDatabase *db, CliArgs *args, GError **error)
{
  g_autoptr(GArray) allocations = g_array_new (FALSE, FALSE, sizeof (CptAllocation));
  GPtrArray *requested = cli_args_get_all (args, "allocate");
  gint64 client_id, amount, id;

  if (!cli_expect_positional (args, 0, 0, "payment add --client ID --amount A [--date D] [--mode M] "
                                          "[--reference R] [--allocate DOC_ID[:AMOUNT] ...]", error))
    return CLI_EXIT_USAGE;
  if (!cli_args_has (args, "client") || !cli_args_has (args, "amount"))
    {
      g_set_error (error, CLI_USAGE_ERROR, 0, _("payment add needs --client and --amount"));
      return CLI_EXIT_USAGE;
    }
  if (!cli_parse_id (cli_args_get (args, "client"), C_("kind of id", "client"), &client_id, error))
    return CLI_EXIT_USAGE;
  if (!cpt_money_parse (cli_args_get (args, "amount"), &amount, error))
    return CLI_EXIT_REFUSED;
  for (guint i = 0; requested && i < requested->len; i++)
    {
      const char *spec = g_ptr_array_index (requested, i);
      const char *colon = strchr (spec, ':');
      g_autofree char *id_text = g_strndup (spec, colon ? (gsize) (colon - spec) : strlen (spec));
      CptAllocation allocation = { 0 };

      if (!cli_parse_id (id_text, C_("kind of id", "document"), &allocation.document_id, error))
        return CLI_EXIT_USAGE;
      if (colon && !cpt_money_parse (colon + 1, &allocation.amount, error))
        return CLI_EXIT_REFUSED;
      if (colon && allocation.amount <= 0)
        {
          g_set_error (error, CLI_USAGE_ERROR, 0, _("An amount allocated is more than 0"));
          return CLI_EXIT_USAGE;
        }
      g_array_append_val (allocations, allocation);
    }
  id = cpt_payments_add (db, client_id, cli_args_get (args, "date"), amount, cli_args_get (args, "mode"),
                         cli_args_get (args, "reference"), cli_args_get (args, "note"),
                         (CptAllocation *) allocations->data, allocations->len, error);
  if (id == 0)
    return CLI_EXIT_REFUSED;
  printf ("%" G_GINT64_FORMAT "\n", id);
  return CLI_EXIT_OK;
}

static int
payment_list (CptDatabase *db, CliArgs *args, GError **error)
{
  g_autoptr(CptPagedList) list = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 client_id = 0;
  guint64 limit = 100;
  guint n;

  if (cli_args_get (args, "client") &&
      !cli_parse_id (cli_args_get (args, "client"), C_("kind of id", "client"), &client_id, error))
    return CLI_EXIT_USAGE;
  if (cli_args_get (args, "limit") &&
      !cli_parse_count (cli_args_get (args, "limit"), "--limit", G_MAXUINT, &limit, error))
    return CLI_EXIT_USAGE;
  if (limit == 0)
    limit = G_MAXUINT;
  list = cpt_lists_payments (db, client_id, FALSE);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  json_builder_begin_array (builder);
  for (guint i = 0; i < n && i < limit; i++)
    {
      g_autoptr(CptPayment) payment = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(GArray) allocations = NULL;
      g_autofree char *amount = cpt_money_to_string (cpt_payment_get_amount (payment));
      g_autofree char *allocated = cpt_money_to_string (cpt_payment_get_allocated (payment));

      if (!cli_args_has (args, "json"))
        {
          g_autofree char *client = cli_cell (cpt_payment_get_client_name (payment), 30);
          g_autofree char *reference = cli_cell (cpt_payment_get_reference (payment), 16);

          /* Translators: a payment: its id, date, client (padded), amount, mode and reference
           * (padded), then how much of it is allocated to invoices */
          printf (_("%6" PRId64 "  %s  %s %12s  %-12s %s allocated %s\n"),
                  cpt_payment_get_id (payment), cpt_payment_get_date (payment),
                  client, amount, cpt_payment_get_mode (payment), reference, allocated);
          continue;
        }
      allocations = cpt_payments_allocations_of_payment (db, cpt_payment_get_id (payment), error);
      if (allocations == NULL)
        return CLI_EXIT_REFUSED;
      json_builder_begin_object (builder);
      member_int (builder, "id", cpt_payment_get_id (payment));
      member_int (builder, "client_id", cpt_payment_get_client_id (payment));
      member_string (builder, "client_name", cpt_payment_get_client_name (payment));
      member_string (builder, "date", cpt_payment_get_date (payment));
      member_money (builder, "amount", cpt_payment_get_amount (payment));
      member_string (builder, "mode", cpt_payment_get_mode (payment));
      member_string (builder, "reference", cpt_payment_get_reference (payment));
      member_money (builder, "allocated", cpt_payment_get_allocated (payment));
      member_money (builder, "unallocated", cpt_payment_get_amount (payment) - cpt_payment_get_allocated (payment));
      json_builder_set_member_name (builder, "allocations");
      json_builder_begin_array (builder);
      for (guint j = 0; j < allocations->len; j++)
        {
          CptAllocation *allocation = &g_array_index (allocations, CptAllocation, j);
          json_builder_begin_object (builder);
          member_int (builder, "document_id", allocation->document_id);
          member_money (builder, "amount", allocation->amount);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  /* A page that could not be read leaves the list short: say so rather than print it */
  if (cpt_paged_list_get_error (list) != NULL)
    {
      g_propagate_error (error, g_error_copy (cpt_paged_list_get_error (list)));
      return CLI_EXIT_REFUSED;
    }
  if (cli_args_has (args, "json"))
    print_builder (builder);
  return CLI_EXIT_OK;
}

int
cli_payment (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  const char *sub = argc > 0 ? argv[0] : "";
  gint64 payment_id, document_id, amount = 0;

  if (strcmp (sub, "add") == 0)
    {
      if (!cli_args_parse (argc - 1, argv + 1, add_options, &args, error))
        return CLI_EXIT_USAGE;
      return payment_add (db, &args, error);
    }
  if (strcmp (sub, "list") == 0)
    {
      if (!cli_args_parse (argc - 1, argv + 1, list_options, &args, error) ||
          !cli_expect_positional (&args, 0, 0, "payment list [--client ID] [--json]", error))
        return CLI_EXIT_USAGE;
      return payment_list (db, &args, error);
    }
  if (strcmp (sub, "allocate") == 0 || strcmp (sub, "unallocate") == 0)
    {
      gboolean allocate = strcmp (sub, "allocate") == 0;
      if (!cli_args_parse (argc - 1, argv + 1, NULL, &args, error) ||
          !cli_expect_positional (&args, 2, allocate ? 3 : 2,
                                  allocate ? "payment allocate PAYMENT_ID DOC_ID [AMOUNT]"
                                           : "payment unallocate PAYMENT_ID DOC_ID", error) ||
          !cli_args_id (&args, 0, C_("kind of id", "payment"), &payment_id, error) ||
          !cli_args_id (&args, 1, C_("kind of id", "document"), &document_id, error))
        return CLI_EXIT_USAGE;
      if (!allocate)
        return cpt_payments_unallocate (db, payment_id, document_id, error) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
      if (args.positional->len == 3 &&
          (!cpt_money_parse (g_ptr_array_index (args.positional, 2), &amount, error) || amount <= 0))
        {
          if (*error == NULL)
            g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("An amount allocated is more than 0"));
          return CLI_EXIT_REFUSED;
        }
      return cpt_payments_allocate (db, payment_id, document_id, amount, error) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
    }
  if (strcmp (sub, "delete") == 0)
    {
      if (!cli_args_parse (argc - 1, argv + 1, NULL, &args, error) ||
          !cli_expect_positional (&args, 1, 1, "payment delete PAYMENT_ID", error) ||
          !cli_args_id (&args, 0, C_("kind of id", "payment"), &payment_id, error))
        return CLI_EXIT_USAGE;
      return cpt_payments_delete (db, payment_id, error) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
    }
  g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), "payment add|list|allocate|unallocate|delete ...");
  return CLI_EXIT_USAGE;
}

int
cli_document_mark_paid (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  gint64 id, payment;

  if (!cli_args_parse (argc, argv, paid_options, &args, error) ||
      !cli_expect_positional (&args, 1, 1, "document mark-paid ID [--date D] [--mode M] [--reference R]", error) ||
      !cli_args_id (&args, 0, C_("kind of id", "document"), &id, error))
    return CLI_EXIT_USAGE;
  payment = cpt_payments_mark_paid (db, id, cli_args_get (&args, "date"), cli_args_get (&args, "mode"),
                                    cli_args_get (&args, "reference"), error);
  if (payment == 0)
    return CLI_EXIT_REFUSED;
  printf ("%" G_GINT64_FORMAT "\n", payment);
  return CLI_EXIT_OK;
}

int
cli_document_mark_unpaid (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  g_autoptr(GArray) removed = NULL;
  gint64 id;

  if (!cli_args_parse (argc, argv, NULL, &args, error) ||
      !cli_expect_positional (&args, 1, 1, "document mark-unpaid ID", error) ||
      !cli_args_id (&args, 0, C_("kind of id", "document"), &id, error))
    return CLI_EXIT_USAGE;
  removed = cpt_payments_mark_unpaid (db, id, error);
  return removed ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
}

int
cli_client_balance (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  g_autofree char *today = NULL;
  CptClientBalance balance;
  gint64 id;

  if (!cli_args_parse (argc, argv, balance_options, &args, error) ||
      !cli_expect_positional (&args, 1, 1, "client balance ID [--json] [--today D]", error) ||
      !cli_args_id (&args, 0, C_("kind of id", "client"), &id, error))
    return CLI_EXIT_USAGE;
  if ((today = today_option (&args, error)) == NULL)
    return CLI_EXIT_USAGE;
  {
    g_autoptr(CptClient) client = cpt_client_load (db, id, error);
    if (client == NULL)
      return CLI_EXIT_REFUSED;
  }
  if (!cpt_payments_client_balance (db, id, today, &balance, error))
    return CLI_EXIT_REFUSED;
  if (cli_args_has (&args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      json_builder_begin_object (builder);
      member_int (builder, "client_id", id);
      member_string (builder, "today", today);
      member_money (builder, "invoiced", balance.invoiced);
      member_money (builder, "credited", balance.credited);
      member_money (builder, "paid", balance.paid);
      member_money (builder, "receivable", balance.receivable);
      member_money (builder, "overdue", balance.overdue);
      member_money (builder, "unallocated", balance.unallocated);
      json_builder_end_object (builder);
      print_builder (builder);
      return CLI_EXIT_OK;
    }
  {
    const struct { const char *label; gint64 value; } rows[] = {
      /* Translators: amounts of a client's balance, padded to 20 columns */
      { C_("client balance", "Invoiced"), balance.invoiced },
      { C_("client balance", "Credited"), balance.credited },
      { C_("client balance", "Paid"), balance.paid },
      { C_("client balance", "Receivable"), balance.receivable },
      { C_("client balance", "Overdue"), balance.overdue },
      { C_("client balance", "Unallocated credit"), balance.unallocated },
    };
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_autofree char *text = cpt_money_to_string (rows[i].value);
        printf ("%-20s %14s\n", rows[i].label, text);
      }
  }
  return CLI_EXIT_OK;
}

int
cli_client_deposits (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  g_autoptr(GPtrArray) deposits = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 id, total_net = 0, total_gross = 0, total_balance = 0;

  if (!cli_args_parse (argc, argv, balance_options, &args, error) ||
      !cli_expect_positional (&args, 1, 1, "client deposits ID [--json]", error) ||
      !cli_args_id (&args, 0, C_("kind of id", "client"), &id, error))
    return CLI_EXIT_USAGE;
  deposits = cpt_payments_client_deposits (db, id, error);
  if (deposits == NULL)
    return CLI_EXIT_REFUSED;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "deposits");
  json_builder_begin_array (builder);
  for (guint i = 0; i < deposits->len; i++)
    {
      CptClientDeposit *deposit = g_ptr_array_index (deposits, i);
      g_autofree char *net = cpt_money_to_string (deposit->net);
      g_autofree char *gross = cpt_money_to_string (deposit->gross);
      g_autofree char *balance = cpt_money_to_string (deposit->balance);

      total_net += deposit->net;
      total_gross += deposit->gross;
      total_balance += deposit->balance;
      if (!cli_args_has (&args, "json"))
        {
          g_autofree char *title = cli_cell (deposit->title, 26);

          printf ("%-14s %s %-14s %s  %-15s %12s %12s %12s\n",
                  deposit->number ? deposit->number : "-", title,
                  deposit->invoice_number ? deposit->invoice_number : "", deposit->date, deposit->state,
                  net, gross, balance);
        }
      json_builder_begin_object (builder);
      member_int (builder, "id", deposit->id);
      member_string (builder, "number", deposit->number);
      member_string (builder, "title", deposit->title);
      json_builder_set_member_name (builder, "invoice_id");
      if (deposit->invoice_id)
        json_builder_add_int_value (builder, deposit->invoice_id);
      else
        json_builder_add_null_value (builder);
      member_string (builder, "invoice_number", deposit->invoice_number);
      member_string (builder, "date", deposit->date);
      member_string (builder, "state", deposit->state);
      member_money (builder, "net", deposit->net);
      member_money (builder, "gross", deposit->gross);
      member_money (builder, "balance", deposit->balance);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_begin_object (builder);
  member_money (builder, "net", total_net);
  member_money (builder, "gross", total_gross);
  member_money (builder, "balance", total_balance);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  if (cli_args_has (&args, "json"))
    print_builder (builder);
  else
    {
      g_autofree char *net = cpt_money_to_string (total_net);
      g_autofree char *gross = cpt_money_to_string (total_gross);
      g_autofree char *balance = cpt_money_to_string (total_balance);
      printf ("%-87s %12s %12s %12s\n", _("Total"), net, gross, balance);
    }
  return CLI_EXIT_OK;
}

int
cli_dashboard (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  CptDashboard dashboard;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  static const char *const aging_names[] = { "1-30", "31-60", "61-90", "90+" };

  if (!cli_args_parse (argc, argv, dashboard_options, &args, error) ||
      !cli_expect_positional (&args, 0, 0, "dashboard [--json] [--today D] [--from D --to D]", error))
    return CLI_EXIT_USAGE;
  if (!cpt_dashboard_compute (db, cli_args_get (&args, "today"), cli_args_get (&args, "from"),
                              cli_args_get (&args, "to"), &dashboard, error))
    {
      cpt_dashboard_clear (&dashboard);
      return CLI_EXIT_REFUSED;
    }
  json_builder_begin_object (builder);
  member_string (builder, "today", dashboard.today);
  member_string (builder, "from", dashboard.from);
  member_string (builder, "to", dashboard.to);
  /* The contract of the payments issue: not_yet_due, overdue, partially_paid and collected
   * as {count, amount}, invoiced {net, gross}, aging[] {bucket, amount}, monthly[] {month,
   * net}, top_debtors[] {client_id, name, amount}. */
  member_count_amount (builder, "not_yet_due", dashboard.not_due_count, dashboard.not_due_amount);
  member_count_amount (builder, "overdue", dashboard.overdue_count, dashboard.overdue_amount);
  member_count_amount (builder, "partially_paid", dashboard.partially_paid_count,
                       dashboard.partially_paid_amount);
  member_count_amount (builder, "collected", dashboard.collected_count, dashboard.collected);
  /* The payment reminders due today (reminder list gives them). */
  json_builder_set_member_name (builder, "reminders_due");
  json_builder_add_int_value (builder, dashboard.reminders_due->len);
  json_builder_set_member_name (builder, "reminders_due_more");
  json_builder_add_boolean_value (builder, dashboard.reminders_due_more);
  json_builder_set_member_name (builder, "invoiced");
  json_builder_begin_object (builder);
  member_money (builder, "net", dashboard.invoiced_net);
  member_money (builder, "gross", dashboard.invoiced_gross);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "aging");
  json_builder_begin_array (builder);
  for (int i = 0; i < 4; i++)
    {
      json_builder_begin_object (builder);
      member_string (builder, "bucket", aging_names[i]);
      member_money (builder, "amount", dashboard.aging[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "monthly");
  json_builder_begin_array (builder);
  for (int i = 0; i < 12; i++)
    {
      json_builder_begin_object (builder);
      member_string (builder, "month", dashboard.revenue[i].month);
      member_money (builder, "net", dashboard.revenue[i].net);
      member_money (builder, "gross", dashboard.revenue[i].gross);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "top_debtors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < dashboard.top_debtors->len; i++)
    {
      CptDebtor *debtor = g_ptr_array_index (dashboard.top_debtors, i);
      json_builder_begin_object (builder);
      member_int (builder, "client_id", debtor->client_id);
      member_string (builder, "name", debtor->client_name);
      member_money (builder, "amount", debtor->receivable);
      member_money (builder, "overdue", debtor->overdue);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "overdue_invoices");
  json_builder_begin_array (builder);
  for (guint i = 0; i < dashboard.overdue->len; i++)
    {
      CptOverdueInvoice *invoice = g_ptr_array_index (dashboard.overdue, i);
      json_builder_begin_object (builder);
      member_int (builder, "id", invoice->document_id);
      member_string (builder, "number", invoice->number);
      member_string (builder, "client_name", invoice->client_name);
      member_string (builder, "due_date", invoice->due_date);
      member_int (builder, "days_late", invoice->days_late);
      member_money (builder, "balance", invoice->balance);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (cli_args_has (&args, "json"))
    print_builder (builder);
  else
    {
      g_autofree char *not_due = cpt_money_to_string (dashboard.not_due_amount);
      g_autofree char *overdue = cpt_money_to_string (dashboard.overdue_amount);
      g_autofree char *partial = cpt_money_to_string (dashboard.partially_paid_amount);
      g_autofree char *collected = cpt_money_to_string (dashboard.collected);
      g_autofree char *net = cpt_money_to_string (dashboard.invoiced_net);
      g_autofree char *gross = cpt_money_to_string (dashboard.invoiced_gross);

      printf (_("Today %s, period %s to %s\n"), dashboard.today, dashboard.from, dashboard.to);
      /* Translators: the counts and amounts of these three lines are aligned */
      printf (g_dngettext (GETTEXT_PACKAGE, "Not yet due      %8" PRId64 " invoice  %16s\n",
                           "Not yet due      %8" PRId64 " invoices %16s\n", (gulong) dashboard.not_due_count),
              dashboard.not_due_count, not_due);
      printf (g_dngettext (GETTEXT_PACKAGE, "Overdue          %8" PRId64 " invoice  %16s\n",
                           "Overdue          %8" PRId64 " invoices %16s\n", (gulong) dashboard.overdue_count),
              dashboard.overdue_count, overdue);
      printf (g_dngettext (GETTEXT_PACKAGE, "Partially paid   %8" PRId64 " invoice  %16s left\n",
                           "Partially paid   %8" PRId64 " invoices %16s left\n",
                           (gulong) dashboard.partially_paid_count),
              dashboard.partially_paid_count, partial);
      printf (_("Collected in the period %28s\n"), collected);
      printf (_("Invoiced in the period  %28s excl. VAT, %s incl. VAT\n"), net, gross);
      for (int i = 0; i < 4; i++)
        {
          static const char *labels[] = { N_("1-30 days late"), N_("31-60 days late"),
                                           N_("61-90 days late"), N_("over 90 days late") };
          g_autofree char *amount = cpt_money_to_string (dashboard.aging[i]);
          g_autofree char *label = cli_cell (_(labels[i]), 22);
          printf ("  %s %27s\n", label, amount);
        }
      for (guint i = 0; i < dashboard.top_debtors->len && i < 10; i++)
        {
          CptDebtor *debtor = g_ptr_array_index (dashboard.top_debtors, i);
          g_autofree char *amount = cpt_money_to_string (debtor->receivable);
          g_autofree char *name = cli_cell (debtor->client_name, 40);
          printf ("  %2u. %s %14s\n", i + 1, name, amount);
        }
    }
  cpt_dashboard_clear (&dashboard);
  return CLI_EXIT_OK;
}
