#define G_LOG_DOMAIN "comptoir-cli"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cpt-cli.h"
#include "cpt-company.h"
#include "cpt-dates.h"
#include "cpt-document-query.h"
#include "cpt-documents.h"
#include "cpt-lifecycle.h"
#include "cpt-payments.h"
#include "cpt-lists.h"
#include "cpt-money.h"
#include "cpt-product.h"
#include "cpt-units.h"
#include "cpt-vat.h"

static const CliOption new_options[] = {
  { "kind", TRUE, FALSE }, { "client", TRUE, FALSE }, { "date", TRUE, FALSE },
  { "due", TRUE, FALSE }, { "title", TRUE, FALSE }, { NULL },
};
static const CliOption line_options[] = {
  { "product", TRUE, FALSE }, { "description", TRUE, FALSE }, { "quantity", TRUE, FALSE },
  { "unit", TRUE, FALSE }, { "unit-price", TRUE, FALSE }, { "vat", TRUE, FALSE },
  { "exemption", TRUE, FALSE }, { "discount", TRUE, FALSE }, { "text", FALSE, FALSE },
  { "subtotal", FALSE, FALSE }, { "position", TRUE, FALSE }, { "account", TRUE, FALSE },
  { NULL },
};
static const CliOption list_options[] = {
  { "kind", TRUE, FALSE }, { "client", TRUE, FALSE }, { "status", TRUE, FALSE },
  { "search", TRUE, FALSE }, { "from", TRUE, FALSE }, { "to", TRUE, FALSE },
  { "sort", TRUE, FALSE }, { "ascending", FALSE, FALSE }, { "limit", TRUE, FALSE },
  { "offset", TRUE, FALSE }, { "json", FALSE, FALSE }, { NULL },
};
static const CliOption json_options[] = { { "json", FALSE, FALSE }, { NULL } };

/* A line's place in its document: 1 for the first line. */
static gboolean
parse_position (const char *text, gint64 *out, GError **error)
{
  char *end = NULL;
  gint64 value;

  errno = 0;
  value = g_ascii_strtoll (text, &end, 10);
  if (*text == '\0' || *end != '\0' || errno != 0 || value < 1)
    {
      g_set_error (error, CLI_USAGE_ERROR, 0,
                   _("“%s” is not a position: lines are numbered from 1"), text);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static int
document_new (CptDatabase *db, CliArgs *args, GError **error)
{
  g_autoptr(CptDocument) document = NULL;
  gint64 client_id;
  CptDocumentKind kind;

  if (!cli_expect_positional (args, 0, 0, "document new --kind K --client ID [--date D] [--due D] [--title T]", error))
    return CLI_EXIT_USAGE;
  if (!cli_args_has (args, "kind") || !cli_args_has (args, "client"))
    {
      g_set_error (error, CLI_USAGE_ERROR, 0, _("document new needs --kind and --client"));
      return CLI_EXIT_USAGE;
    }
  if (!cli_parse_id (cli_args_get (args, "client"), C_("kind of id", "client"), &client_id, error))
    return CLI_EXIT_USAGE;
  /* --kind takes one of a fixed list: a wrong word is a usage error, as for list. */
  if (!cpt_document_kind_parse (cli_args_get (args, "kind"), &kind, error))
    return CLI_EXIT_USAGE;
  document = cpt_documents_create_kind (db, kind, client_id,
                                   cli_args_get (args, "date"), cli_args_get (args, "due"),
                                   cli_args_get (args, "title"), error);
  if (document == NULL)
    return CLI_EXIT_REFUSED;
  printf ("%" G_GINT64_FORMAT "\n", cpt_document_get_id (document));
  return CLI_EXIT_OK;
}

/* Options of add-line onto a line; values are parsed by the record (money, percent...). */
static gboolean
apply_line_options (CptDatabase *db, CptDocumentLine *line, CliArgs *args, const char *currency,
                    GError **error)
{
  static const struct { const char *option, *key; } map[] = {
    { "description", "description" }, { "quantity", "quantity" }, { "unit", "unit" },
    { "unit-price", "unit_price" }, { "vat", "vat_rate" }, { "exemption", "exemption_code" },
    { "discount", "discount_percent" }, { "account", "account" },
  };
  const char *product_text = cli_args_get (args, "product");

  if (cli_args_has (args, "text") && cli_args_has (args, "subtotal"))
    {
      g_set_error (error, CLI_USAGE_ERROR, 0, _("A line is either --text or --subtotal"));
      return FALSE;
    }
  if (product_text != NULL)
    {
      g_autoptr(CptProduct) product = NULL;
      g_autoptr(CptCompany) company = NULL;
      gint64 product_id;
      gboolean exempt = FALSE;

      if (!cli_parse_id (product_text, C_("kind of id", "product"), &product_id, error))
        return FALSE;
      product = cpt_product_load (db, product_id, error);
      if (product == NULL)
        return FALSE;
      cpt_documents_fill_line_from_product (line, product);
      company = cpt_company_load (db, NULL);
      if (company != NULL)
        g_object_get (company, "vat-exempt", &exempt, NULL);
      /* A company under the franchise charges no VAT whatever the catalogue says. */
      if (exempt)
        g_object_set (line, "vat-rate", (gint64) 0, NULL);
    }
  if (cli_args_has (args, "text"))
    g_object_set (line, "kind", "text", NULL);
  else if (cli_args_has (args, "subtotal"))
    g_object_set (line, "kind", "subtotal", NULL);
  else if (product_text == NULL)
    {
      gboolean exempt = FALSE;
      g_autoptr(CptCompany) company = cpt_company_load (db, NULL);

      if (company != NULL)
        g_object_get (company, "vat-exempt", &exempt, NULL);
      /* Without --vat a typed line takes the standard rate, or none under the franchise. */
      g_object_set (line, "vat-rate", (gint64) (exempt ? 0 : 2000), NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      const char *value = cli_args_get (args, map[i].option);
      if (value != NULL &&
          !cpt_record_set_from_text_in (cpt_document_line_record (), G_OBJECT (line), map[i].key,
                                        value, currency, error))
        return FALSE;
    }
  if (cli_args_get (args, "position"))
    {
      gint64 position;
      if (!parse_position (cli_args_get (args, "position"), &position, error))
        return FALSE;
      g_object_set (line, "position", position, NULL);
    }
  return TRUE;
}

static int
document_add_line (CptDatabase *db, CliArgs *args, GError **error)
{
  g_autoptr(CptDocumentLine) line = cpt_document_line_new ();
  g_autoptr(CptDocument) document = NULL;
  gint64 document_id;

  if (!cli_expect_positional (args, 1, 1, "document add-line ID [OPTIONS]", error) ||
      !cli_args_id (args, 0, C_("kind of id", "document"), &document_id, error))
    return CLI_EXIT_USAGE;
  /* Prices are in the document's currency. */
  document = cpt_documents_load (db, document_id, error);
  if (document == NULL)
    return CLI_EXIT_REFUSED;
  if (!apply_line_options (db, line, args, cpt_document_get_currency (document), error))
    return (*error)->domain == CLI_USAGE_ERROR ? CLI_EXIT_USAGE : CLI_EXIT_REFUSED;
  if (!cpt_documents_add_line (db, document_id, line, error))
    return CLI_EXIT_REFUSED;
  printf ("%" G_GINT64_FORMAT "\n", cpt_document_line_get_id (line));
  return CLI_EXIT_OK;
}

static void
add_string (JsonBuilder *builder, const char *member, const char *value)
{
  json_builder_set_member_name (builder, member);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_owned (JsonBuilder *builder, const char *member, char *value)
{
  add_string (builder, member, value);
  g_free (value);
}

static void
add_id_or_null (JsonBuilder *builder, const char *member, gint64 id)
{
  json_builder_set_member_name (builder, member);
  if (id > 0)
    json_builder_add_int_value (builder, id);
  else
    json_builder_add_null_value (builder);
}

/* The deposits a document deducts, one entry per deposit invoice (its lines are per rate). */
static void
add_deposits (CptDatabase *db, GPtrArray *lines, JsonBuilder *builder)
{
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));

  json_builder_set_member_name (builder, "deposits");
  json_builder_begin_array (builder);
  for (guint i = 0; i < lines->len; i++)
    {
      gint64 deposit_id = cpt_document_line_get_deposit_id (g_ptr_array_index (lines, i));
      g_autoptr(CptDocument) deposit = NULL;
      gint64 net = 0, vat = 0;
      gboolean done = FALSE;

      if (deposit_id == 0)
        continue;
      for (guint j = 0; j < seen->len && !done; j++)
        done = g_array_index (seen, gint64, j) == deposit_id;
      if (done)
        continue;
      g_array_append_val (seen, deposit_id);
      for (guint j = 0; j < lines->len; j++)
        if (cpt_document_line_get_deposit_id (g_ptr_array_index (lines, j)) == deposit_id)
          {
            net -= cpt_document_line_get_net (g_ptr_array_index (lines, j));
            vat -= cpt_document_line_get_vat_amount (g_ptr_array_index (lines, j));
          }
      deposit = cpt_documents_load (db, deposit_id, NULL);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, deposit_id);
      add_string (builder, "number", deposit ? cpt_document_get_number (deposit) : NULL);
      add_string (builder, "date", deposit ? cpt_document_get_date (deposit) : NULL);
      cli_json_money (builder, "net", net);
      cli_json_money (builder, "vat", vat);
      cli_json_money (builder, "gross", net + vat);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The payments issue's contract: payment_status (awaiting, overdue, partially-paid, paid,
 * credited, partially-credited), paid, balance and days_late; all null when the document is
 * not receivable (a draft, a quote, a pro forma, a credit note). */
static gboolean
add_payment_status (CptDatabase *db, CptDocument *document, CptDocumentStatus status,
                    JsonBuilder *builder, GError **error)
{
  static const struct { CptDocumentStatus status; const char *name; } names[] = {
    { CPT_DOCUMENT_STATUS_AWAITING_PAYMENT, "awaiting" },
    { CPT_DOCUMENT_STATUS_OVERDUE, "overdue" },
    { CPT_DOCUMENT_STATUS_PARTIALLY_PAID, "partially-paid" },
    { CPT_DOCUMENT_STATUS_PAID, "paid" },
    { CPT_DOCUMENT_STATUS_CREDITED, "credited" },
    { CPT_DOCUMENT_STATUS_PARTLY_CREDITED, "partially-credited" },
  };
  const char *name = NULL;
  CptDocumentBalance balance = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (status == names[i].status)
      name = names[i].name;
  /* A receivable status comes from the document's receivable: it is there to be read */
  if (name != NULL && !cpt_payments_document_balance (db, cpt_document_get_id (document), &balance, error))
    return FALSE;
  add_string (builder, "payment_status", name);
  if (name == NULL)
    {
      add_string (builder, "paid", NULL);
      add_string (builder, "balance", NULL);
      add_string (builder, "days_late", NULL);
      return TRUE;
    }
  cli_json_money (builder, "paid", balance.paid);
  cli_json_money (builder, "balance", balance.balance);
  json_builder_set_member_name (builder, "days_late");
  {
    g_autofree char *today = cpt_date_today ();
    const char *due = cpt_document_get_due_date (document) ? cpt_document_get_due_date (document)
                                                           : cpt_document_get_date (document);
    int days = balance.balance > 0 ? cpt_date_days_between (due, today) : 0;

    json_builder_add_int_value (builder, MAX (days, 0));
  }
  return TRUE;
}

static gboolean
document_to_json (CptDatabase *db, CptDocument *document, GPtrArray *lines, GArray *vat,
                  JsonBuilder *builder, GError **error)
{
  g_autofree char *service_date = NULL, *valid_until = NULL, *notes = NULL, *terms = NULL;
  CptDocumentStatus status;
  gint64 credited;

  /* What validated credit notes took off this document (0 for documents never credited) */
  if (!cpt_lifecycle_credited_amount (db, cpt_document_get_id (document), &credited, error))
    return FALSE;
  if (!cpt_payments_get_status (db, document, NULL, &status, error))
    return FALSE;

  g_object_get (document, "service-date", &service_date, "valid-until", &valid_until,
                "notes", &notes, "payment-terms", &terms, NULL);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, cpt_document_get_id (document));
  add_string (builder, "kind", cpt_document_kind_to_cli (cpt_document_get_document_kind (document)));
  add_string (builder, "status", cpt_document_status_to_string (status));
  add_string (builder, "number", cpt_document_get_number (document));
  add_string (builder, "date", cpt_document_get_date (document));
  add_string (builder, "due_date", cpt_document_get_due_date (document));
  add_string (builder, "service_date", service_date);
  add_string (builder, "valid_until", valid_until);
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_int_value (builder, cpt_document_get_client_id (document));
  add_string (builder, "client_name", cpt_document_get_client_name (document));
  add_string (builder, "title", cpt_document_get_title (document));
  add_string (builder, "notes", notes);
  add_string (builder, "payment_terms", terms);
  add_string (builder, "currency", cpt_document_get_currency (document));
  add_string (builder, "language", cpt_document_get_language (document));
  add_id_or_null (builder, "quote_id", cpt_document_get_quote_id (document));
  add_id_or_null (builder, "proforma_id", cpt_document_get_proforma_id (document));
  add_id_or_null (builder, "credited_invoice_id", cpt_document_get_credited_id (document));

  if (lines != NULL)
    {
      json_builder_set_member_name (builder, "lines");
      json_builder_begin_array (builder);
      for (guint i = 0; i < lines->len; i++)
        {
          CptDocumentLine *line = g_ptr_array_index (lines, i);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, cpt_document_line_get_id (line));
          json_builder_set_member_name (builder, "position");
          json_builder_add_int_value (builder, cpt_document_line_get_position (line));
          add_string (builder, "kind", cpt_document_line_get_kind (line));
          json_builder_set_member_name (builder, "product_id");
          if (cpt_document_line_get_product_id (line) > 0)
            json_builder_add_int_value (builder, cpt_document_line_get_product_id (line));
          else
            json_builder_add_null_value (builder);
          add_string (builder, "description", cpt_document_line_get_description (line));
          add_owned (builder, "quantity", cpt_quantity_to_string (cpt_document_line_get_quantity (line)));
          add_string (builder, "unit", cpt_document_line_get_unit (line));
          add_owned (builder, "unit_price", cpt_unit_price_to_string (cpt_document_line_get_unit_price (line)));
          add_owned (builder, "discount_percent", cpt_percent_to_string (cpt_document_line_get_discount_percent (line)));
          add_owned (builder, "vat_rate", cpt_percent_to_string (cpt_document_line_get_vat_rate (line)));
          add_string (builder, "exemption_code", cpt_document_line_get_exemption_code (line));
          add_string (builder, "account", cpt_document_line_get_account (line));
          cli_json_money (builder, "net", cpt_document_line_get_net (line));
          if (cpt_document_line_get_vat_amount (line) != 0)
            cli_json_money (builder, "vat_amount", cpt_document_line_get_vat_amount (line));
          add_id_or_null (builder, "quote_line_id", cpt_document_line_get_quote_line_id (line));
          add_id_or_null (builder, "credited_line_id", cpt_document_line_get_credited_line_id (line));
          add_id_or_null (builder, "deposit_id", cpt_document_line_get_deposit_id (line));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  if (lines != NULL)
    add_deposits (db, lines, builder);
  if (vat != NULL)
    {
      json_builder_set_member_name (builder, "vat_breakdown");
      json_builder_begin_array (builder);
      for (guint i = 0; i < vat->len; i++)
        {
          const CptVatEntry *entry = &g_array_index (vat, CptVatEntry, i);
          json_builder_begin_object (builder);
          add_owned (builder, "rate", cpt_percent_to_string (entry->rate));
          add_string (builder, "exemption_code", entry->exemption_code);
          cli_json_money (builder, "base", entry->base);
          cli_json_money (builder, "vat", entry->vat);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  cli_json_money (builder, "total_net", cpt_document_get_total_net (document));
  cli_json_money (builder, "total_vat", cpt_document_get_total_vat (document));
  cli_json_money (builder, "total_gross", cpt_document_get_total_gross (document));
  cli_json_money (builder, "deposits_deducted", cpt_document_get_deposits_gross (document));
  cli_json_money (builder, "amount_due", cpt_document_get_amount_due (document));
  cli_json_money (builder, "credited_amount", credited);
  if (!add_payment_status (db, document, status, builder, error))
    return FALSE;
  json_builder_end_object (builder);
  return TRUE;
}

/* People read amounts the way their language writes them. */
static const char *
cli_language (void)
{
  const char *messages = setlocale (LC_MESSAGES, NULL);
  return messages && g_str_has_prefix (messages, "fr") ? "fr" : "en";
}

static gboolean
print_document (CptDatabase *db, CptDocument *document, GPtrArray *lines, GArray *breakdown,
                GError **error)
{
  const char *lang = cli_language ();
  CptDocumentStatus status;
  const char *currency = cpt_document_get_currency (document);
  const char *number = cpt_document_get_number (document);
  g_autofree char *net = cpt_money_format (cpt_document_get_total_net (document), currency, lang);
  g_autofree char *vat = cpt_money_format (cpt_document_get_total_vat (document), currency, lang);
  g_autofree char *gross = cpt_money_format (cpt_document_get_total_gross (document), currency, lang);
  g_autofree char *due = cpt_money_format (cpt_document_get_amount_due (document), currency, lang);

  if (!cpt_payments_get_status (db, document, NULL, &status, error))
    return FALSE;
  printf ("%s %s  (id %" G_GINT64_FORMAT ", %s)\n",
          _(cpt_document_kind_label (cpt_document_get_document_kind (document))),
          number ? number : _("(draft, no number yet)"), cpt_document_get_id (document),
          /* Said in words here; --json and --status keep the keywords. */
          _(cpt_document_status_label (status)));
  /* Translators: the labels of “comptoir-cli document show” are padded to one width */
  printf (_("Client:   %s (id %" PRId64 ")\n"), cpt_document_get_client_name (document),
          cpt_document_get_client_id (document));
  if (cpt_document_get_due_date (document))
    printf (_("Date:     %s   due %s\n"), cpt_document_get_date (document),
            cpt_document_get_due_date (document));
  else
    printf (_("Date:     %s\n"), cpt_document_get_date (document));
  if (cpt_document_get_title (document))
    printf (_("Title:    %s\n"), cpt_document_get_title (document));
  printf ("\n");
  for (guint i = 0; i < lines->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (lines, i);
      const char *kind = cpt_document_line_get_kind (line);
      g_autofree char *line_net = cpt_money_format (cpt_document_line_get_net (line), currency, lang);
      /* Translators: a line of a document, named by its id */
      g_autofree char *tag = g_strdup_printf (_("[line %" PRId64 "]"), cpt_document_line_get_id (line));

      if (strcmp (kind, "text") == 0)
        printf ("%3u  %s  %s\n", i + 1, tag, cpt_document_line_get_description (line));
      else if (strcmp (kind, "deposit") == 0)
        printf ("%3u  %s  %-60.60s %14s\n", i + 1, tag, cpt_document_line_get_description (line),
                line_net);
      else if (strcmp (kind, "subtotal") == 0)
        printf ("%3u  %s  %-46s %14s\n", i + 1, tag, _("Subtotal"), line_net);
      else
        {
          g_autofree char *qty = cpt_quantity_to_string (cpt_document_line_get_quantity (line));
          g_autofree char *price = cpt_unit_price_to_string (cpt_document_line_get_unit_price (line));
          g_autofree char *rate = cpt_percent_to_string (cpt_document_line_get_vat_rate (line));
          g_autofree char *discount = cpt_percent_to_string (cpt_document_line_get_discount_percent (line));
          g_autofree char *first_line = g_strdup (cpt_document_line_get_description (line));
          char *nl = strchr (first_line, '\n');
          if (nl)
            *nl = '\0';
          printf ("%3u  %s  %-28.28s %7s %-5s x %10s%s%s%s  %s %s%%  %14s\n",
                  i + 1, tag, first_line, qty,
                  cpt_unit_label (cpt_document_line_get_unit (line), lang), price,
                  cpt_document_line_get_discount_percent (line) ? "  -" : "",
                  cpt_document_line_get_discount_percent (line) ? discount : "",
                  cpt_document_line_get_discount_percent (line) ? "%" : "", _("VAT"), rate,
                  line_net);
        }
    }
  printf ("\n");
  for (guint i = 0; i < breakdown->len; i++)
    {
      const CptVatEntry *entry = &g_array_index (breakdown, CptVatEntry, i);
      g_autofree char *rate = cpt_percent_to_string (entry->rate);
      g_autofree char *base = cpt_money_format (entry->base, currency, lang);
      g_autofree char *amount = cpt_money_format (entry->vat, currency, lang);
      /* Translators: a rate, an optional exemption code, the taxable amount, the VAT */
      printf (_("VAT %5s %%%s%s  on %14s  = %14s\n"), rate, entry->exemption_code ? "  " : "",
              entry->exemption_code ? entry->exemption_code : "", base, amount);
    }
  /* Translators: three lines whose amounts are aligned */
  printf (_("Total excluding VAT  %14s\nVAT                  %14s\nTotal including VAT  %14s\n"),
          net, vat, gross);
  if (cpt_document_get_deposits_gross (document) != 0)
    {
      g_autofree char *deposits = cpt_money_format (-cpt_document_get_deposits_gross (document), currency, lang);
      /* Translators: aligned with "Total including VAT" */
      printf (_("Deposits deducted    %14s\n"), deposits);
    }
  /* Translators: aligned with "Total including VAT" */
  printf (_("Amount due           %14s\n"), due);
  return TRUE;
}

static int
document_show (CptDatabase *db, CliArgs *args, GError **error)
{
  g_autoptr(CptDocument) document = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  CptDocumentTotals totals = { 0 };
  gint64 id;
  int status = CLI_EXIT_OK;

  if (!cli_expect_positional (args, 1, 1, "document show ID [--json]", error) ||
      !cli_args_id (args, 0, C_("kind of id", "document"), &id, error))
    return CLI_EXIT_USAGE;
  document = cpt_documents_load (db, id, error);
  if (document == NULL || (lines = cpt_documents_load_lines (db, id, error)) == NULL ||
      !cpt_documents_compute_totals (lines, &totals, error))
    return CLI_EXIT_REFUSED;
  if (cli_args_has (args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      if (!document_to_json (db, document, lines, totals.vat, builder, error))
        {
          cpt_document_totals_clear (&totals);
          return CLI_EXIT_REFUSED;
        }
      root = json_builder_get_root (builder);
      cli_print_json (root);
    }
  else if (!print_document (db, document, lines, totals.vat, error))
    status = CLI_EXIT_REFUSED;
  cpt_document_totals_clear (&totals);
  return status;
}

static gboolean
parse_sort (const char *text, CptDocumentSort *out, GError **error)
{
  static const struct { const char *name; CptDocumentSort sort; } sorts[] = {
    { "date", CPT_DOCUMENT_SORT_DATE }, { "number", CPT_DOCUMENT_SORT_NUMBER },
    { "client", CPT_DOCUMENT_SORT_CLIENT }, { "total", CPT_DOCUMENT_SORT_TOTAL },
    { "due", CPT_DOCUMENT_SORT_DUE_DATE },
  };
  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    if (g_strcmp0 (text, sorts[i].name) == 0)
      {
        *out = sorts[i].sort;
        return TRUE;
      }
  g_set_error (error, CLI_USAGE_ERROR, 0, _("--sort takes date, number, client, total or due, not “%s”"), text);
  return FALSE;
}

/* Every status `document show` gives (overdue, partially_paid, accepted_not_invoiced...),
 * also as the payment_status of the JSON spells them (partially-paid, awaiting). */
static gboolean
parse_state (const char *text, CptDocumentStatus *status, GError **error)
{
  static const struct { const char *name; CptDocumentStatus status; } aliases[] = {
    { "awaiting", CPT_DOCUMENT_STATUS_AWAITING_PAYMENT },
    { "partially_credited", CPT_DOCUMENT_STATUS_PARTLY_CREDITED },
  };
  g_autofree char *name = g_strdelimit (g_strdup (text), "-", '_');
  const char *const *states = cpt_document_states ();
  g_autofree char *accepted = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (strcmp (name, aliases[i].name) == 0)
      return (*status = aliases[i].status, TRUE);
  /* Only the statuses lists filter on (all of them, in the order they are offered). */
  for (guint i = 0; states[i]; i++)
    if (strcmp (name, states[i]) == 0)
      return cpt_document_status_from_string (states[i], status);
  accepted = g_strjoinv (", ", (char **) states);
  g_set_error (error, CLI_USAGE_ERROR, 0, _("--status takes one of %s, not “%s”"), accepted, text);
  return FALSE;
}

static int
document_list (CptDatabase *db, CliArgs *args, GError **error)
{
  CptDocumentQuery query = { 0 };
  const char *kinds[2] = { NULL, NULL };
  const char *states[2] = { NULL, NULL };
  const char *status = NULL;
  const char *state = NULL;
  CptDocumentState stored;
  CptDocumentStatus derived;
  g_autoptr(CptPagedList) list = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *from = NULL, *to = NULL;
  guint64 limit = 100, offset = 0;
  gboolean json = cli_args_has (args, "json");
  guint n, shown = 0;

  if (!cli_expect_positional (args, 0, 0, "document list [OPTIONS]", error))
    return CLI_EXIT_USAGE;
  if (cli_args_get (args, "kind"))
    {
      CptDocumentKind kind;

      if (!cpt_document_kind_parse (cli_args_get (args, "kind"), &kind, error))
        return CLI_EXIT_USAGE;
      /* The query filters on the stored kinds. */
      kinds[0] = cpt_document_kind_to_string (kind);
    }
  if (cli_args_get (args, "client") &&
      !cli_parse_id (cli_args_get (args, "client"), C_("kind of id", "client"), &query.client_id, error))
    return CLI_EXIT_USAGE;
  if (cli_args_get (args, "from") && (from = cpt_date_normalize (cli_args_get (args, "from"), error)) == NULL)
    return CLI_EXIT_USAGE;
  if (cli_args_get (args, "to") && (to = cpt_date_normalize (cli_args_get (args, "to"), error)) == NULL)
    return CLI_EXIT_USAGE;
  if (cli_args_get (args, "sort") && !parse_sort (cli_args_get (args, "sort"), &query.sort, error))
    return CLI_EXIT_USAGE;
  if ((cli_args_get (args, "limit") &&
       !cli_parse_count (cli_args_get (args, "limit"), "--limit", G_MAXUINT, &limit, error)) ||
      (cli_args_get (args, "offset") &&
       !cli_parse_count (cli_args_get (args, "offset"), "--offset", G_MAXUINT, &offset, error)))
    return CLI_EXIT_USAGE;
  if (cli_args_get (args, "status"))
    {
      status = cli_args_get (args, "status");
      if (!cpt_document_state_from_string (status, &stored))
        {
          if (!parse_state (status, &derived, error))
            return CLI_EXIT_USAGE;
          /* The query filters on the statuses' strings, as lists offer them. */
          state = cpt_document_status_to_string (derived);
        }
    }
  if (limit == 0)
    limit = G_MAXUINT;
  /* The lists of the window: a derived status (overdue, paid, accepted...) as they derive
   * it, which is as `document show` does; draft and validated are the stored status. */
  states[0] = state;
  query.kinds = kinds;
  query.states = state != NULL ? states : NULL;
  query.status = state == NULL ? status : NULL;
  query.date_from = from;
  query.date_to = to;
  query.search = cli_args_get (args, "search");
  query.ascending = cli_args_has (args, "ascending");
  list = cpt_document_query_list (db, &query);
  if (cpt_paged_list_get_error (list))
    {
      g_propagate_error (error, g_error_copy (cpt_paged_list_get_error (list)));
      return CLI_EXIT_REFUSED;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  json_builder_begin_array (builder);
  for (guint i = offset; i < n && shown < limit; i++, shown++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      CptDocument *document = CPT_IS_DOCUMENT_ROW (item) ? cpt_document_row_get_document (CPT_DOCUMENT_ROW (item))
                                                          : CPT_DOCUMENT (item);
      if (document == NULL)
        break;
      if (json)
        {
          if (!document_to_json (db, document, NULL, NULL, builder, error))
            return CLI_EXIT_REFUSED;
        }
      else
        {
          const char *number = cpt_document_get_number (document);
          g_autofree char *gross = cpt_money_to_string (cpt_document_get_total_gross (document));
          g_autofree char *draft = g_strdup_printf (_("draft #%" PRId64), cpt_document_get_id (document));
          g_autofree char *client = cli_cell (cpt_document_get_client_name (document), 34);
          g_autofree char *title = cli_cell (cpt_document_get_title (document), 26);

          printf ("%8" G_GINT64_FORMAT "  %-11s %-14s %s  %s %s %12s\n",
                  cpt_document_get_id (document),
                  cpt_document_kind_to_cli (cpt_document_get_document_kind (document)),
                  number ? number : draft, cpt_document_get_date (document),
                  client, title, gross);
        }
    }
  json_builder_end_array (builder);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      cli_print_json (root);
    }
  if (offset + shown < n && !json)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "(%u of %u document shown; use --limit and --offset for more)\n",
                                  "(%u of %u documents shown; use --limit and --offset for more)\n", n),
             shown, n);
  return CLI_EXIT_OK;
}

int
cli_document (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  const char *sub = argc > 0 ? argv[0] : "";
  gint64 id;

  if (strcmp (sub, "new") == 0)
    {
      if (!cli_args_parse (argc - 1, argv + 1, new_options, &args, error))
        return CLI_EXIT_USAGE;
      return document_new (db, &args, error);
    }
  if (strcmp (sub, "add-line") == 0)
    {
      if (!cli_args_parse (argc - 1, argv + 1, line_options, &args, error))
        return CLI_EXIT_USAGE;
      return document_add_line (db, &args, error);
    }
  if (strcmp (sub, "show") == 0)
    {
      if (!cli_args_parse (argc - 1, argv + 1, json_options, &args, error))
        return CLI_EXIT_USAGE;
      return document_show (db, &args, error);
    }
  if (strcmp (sub, "list") == 0)
    {
      if (!cli_args_parse (argc - 1, argv + 1, list_options, &args, error))
        return CLI_EXIT_USAGE;
      return document_list (db, &args, error);
    }
  if (strcmp (sub, "edit") == 0)
    {
      g_autoptr(CptDocument) document = NULL;
      g_autoptr(GPtrArray) assignments = g_ptr_array_new ();

      if (!cli_args_parse (argc - 1, argv + 1, NULL, &args, error) ||
          !cli_args_id (&args, 0, C_("kind of id", "document"), &id, error))
        return CLI_EXIT_USAGE;
      for (guint i = 1; i < args.positional->len; i++)
        g_ptr_array_add (assignments, g_ptr_array_index (args.positional, i));
      if (assignments->len == 0)
        {
          g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), "document edit ID KEY=VALUE...");
          return CLI_EXIT_USAGE;
        }
      document = cpt_documents_load (db, id, error);
      if (document == NULL ||
          !cli_apply_assignments (cpt_document_record (), G_OBJECT (document), assignments, error) ||
          !cpt_documents_update (db, document, error))
        return CLI_EXIT_REFUSED;
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "delete") == 0 || strcmp (sub, "remove-line") == 0)
    {
      gboolean line = strcmp (sub, "remove-line") == 0;
      if (!cli_args_parse (argc - 1, argv + 1, NULL, &args, error) ||
          !cli_expect_positional (&args, 1, 1, line ? "document remove-line LINE_ID" : "document delete ID", error) ||
          !cli_args_id (&args, 0, line ? C_("kind of id", "line") : C_("kind of id", "document"), &id, error))
        return CLI_EXIT_USAGE;
      if (line)
        return cpt_documents_remove_line (db, id, error) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
      return cpt_lifecycle_delete (db, id, error) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
    }
  if (strcmp (sub, "validate") == 0)
    return cli_document_validate (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "mark-paid") == 0)
    return cli_document_mark_paid (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "mark-unpaid") == 0)
    return cli_document_mark_unpaid (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "send") == 0)
    return cli_document_send (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "finalize") == 0)
    return cli_document_finalize (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "credit") == 0)
    return cli_document_credit (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "actions") == 0)
    return cli_document_actions (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "render") == 0)
    return cli_document_render (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "export-xml") == 0)
    return cli_document_export_xml (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "check") == 0)
    return cli_document_check (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "email") == 0)
    return cli_document_email (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "emails") == 0)
    return cli_document_emails (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "render-all") == 0)
    return cli_document_render_all (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "move-line") == 0)
    {
      gint64 position;
      if (!cli_args_parse (argc - 1, argv + 1, NULL, &args, error) ||
          !cli_expect_positional (&args, 2, 2, "document move-line LINE_ID POSITION", error) ||
          !cli_args_id (&args, 0, C_("kind of id", "line"), &id, error) ||
          !parse_position (g_ptr_array_index (args.positional, 1), &position, error))
        return CLI_EXIT_USAGE;
      return cpt_documents_move_line (db, id, position, error) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
    }
  g_set_error (error, CLI_USAGE_ERROR, 0,
               _("Usage: comptoir-cli %s"), "document new|add-line|show|list|edit|delete|remove-line|move-line|render|export-xml|check|render-all ...");
  return CLI_EXIT_USAGE;
}
