#define G_LOG_DOMAIN "comptoir-cli"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "cpt-cli.h"
#include "cpt-lists.h"
#include "cpt-money.h"
#include "cpt-product.h"
#include "cpt-units.h"

static const CliOption add_options[] = {
  { "name", TRUE, FALSE }, { "price", TRUE, FALSE }, { "vat", TRUE, FALSE },
  { "unit", TRUE, FALSE }, { "type", TRUE, FALSE }, { "code", TRUE, FALSE },
  { "account", TRUE, FALSE }, { "description", TRUE, FALSE }, { "json", FALSE, FALSE },
  { NULL },
};
static const CliOption list_options[] = {
  { "search", TRUE, FALSE }, { "archived", FALSE, FALSE }, { "json", FALSE, FALSE }, { NULL },
};
static const CliOption json_options[] = { { "json", FALSE, FALSE }, { NULL } };

/* option name -> record key */
static const char *
key_for (const char *option)
{
  if (strcmp (option, "price") == 0)
    return "unit_price";
  if (strcmp (option, "vat") == 0)
    return "vat_rate";
  return option;
}

static gboolean
apply_options (CptProduct *product, CliArgs *args, GError **error)
{
  for (guint i = 0; add_options[i].name; i++)
    {
      const char *value = cli_args_get (args, add_options[i].name);

      if (value == NULL || strcmp (add_options[i].name, "json") == 0)
        continue;
      if (!cpt_record_set_from_text (cpt_product_record (), G_OBJECT (product),
                                     key_for (add_options[i].name), value, error))
        return FALSE;
    }
  return TRUE;
}

static void
print_product_json (CptProduct *product, JsonBuilder *builder)
{
  json_builder_begin_object (builder);
  cli_record_to_json (cpt_product_record (), G_OBJECT (product), builder);
  json_builder_end_object (builder);
}

int
cli_product (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  const char *sub = argc > 0 ? argv[0] : "";
  gint64 id;

  if (strcmp (sub, "add") == 0)
    {
      g_autoptr(CptProduct) product = cpt_product_new ();

      if (!cli_args_parse (argc - 1, argv + 1, add_options, &args, error) ||
          !cli_expect_positional (&args, 0, 0, "product add --name N --price P --vat RATE [OPTIONS]", error))
        return CLI_EXIT_USAGE;
      if (!cli_args_has (&args, "name") || !cli_args_has (&args, "price") || !cli_args_has (&args, "vat"))
        {
          g_set_error (error, CLI_USAGE_ERROR, 0, _("product add needs --name, --price and --vat"));
          return CLI_EXIT_USAGE;
        }
      if (!apply_options (product, &args, error) || !cpt_product_insert (product, db, error))
        return CLI_EXIT_REFUSED;
      printf ("%" G_GINT64_FORMAT "\n", cpt_product_get_id (product));
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "list") == 0)
    {
      g_autoptr(CptPagedList) list = NULL;
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      guint n;

      if (!cli_args_parse (argc - 1, argv + 1, list_options, &args, error) ||
          !cli_expect_positional (&args, 0, 0, "product list [--search TEXT] [--archived] [--json]", error))
        return CLI_EXIT_USAGE;
      list = cpt_lists_products (db, cli_args_get (&args, "search"), cli_args_has (&args, "archived"));
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CptProduct) product = g_list_model_get_item (G_LIST_MODEL (list), i);
          g_autofree char *price = cpt_unit_price_to_string (cpt_product_get_unit_price (product));
          g_autofree char *rate = cpt_percent_to_string (cpt_product_get_vat_rate (product));

          if (cli_args_has (&args, "json"))
            print_product_json (product, builder);
          else
            printf ("%6" G_GINT64_FORMAT "  %-36s %12s / %-8s %s %s %%\n",
                    cpt_product_get_id (product), cpt_product_get_name (product), price,
                    cpt_unit_label (cpt_product_get_unit (product), "en"),
                    /* Translators: value-added tax, in the columns of the CLI's lists */
                    _("VAT"), rate);
        }
      json_builder_end_array (builder);
      if (cli_args_has (&args, "json"))
        {
          g_autoptr(JsonNode) root = json_builder_get_root (builder);
          cli_print_json (root);
        }
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "show") == 0)
    {
      g_autoptr(CptProduct) product = NULL;

      if (!cli_args_parse (argc - 1, argv + 1, json_options, &args, error) ||
          !cli_expect_positional (&args, 1, 1, "product show ID [--json]", error) ||
          !cli_args_id (&args, 0, C_("kind of id", "product"), &id, error))
        return CLI_EXIT_USAGE;
      product = cpt_product_load (db, id, error);
      if (product == NULL)
        return CLI_EXIT_REFUSED;
      if (cli_args_has (&args, "json"))
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;
          print_product_json (product, builder);
          root = json_builder_get_root (builder);
          cli_print_json (root);
        }
      else
        cli_record_print (cpt_product_record (), G_OBJECT (product));
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "edit") == 0)
    {
      g_autoptr(CptProduct) product = NULL;
      g_autoptr(GPtrArray) assignments = g_ptr_array_new ();

      if (!cli_args_parse (argc - 1, argv + 1, add_options, &args, error) ||
          !cli_args_id (&args, 0, C_("kind of id", "product"), &id, error))
        return CLI_EXIT_USAGE;
      for (guint i = 1; i < args.positional->len; i++)
        g_ptr_array_add (assignments, g_ptr_array_index (args.positional, i));
      product = cpt_product_load (db, id, error);
      if (product == NULL || !apply_options (product, &args, error) ||
          !cli_apply_assignments (cpt_product_record (), G_OBJECT (product), assignments, error) ||
          !cpt_product_update (product, db, error))
        return CLI_EXIT_REFUSED;
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "archive") == 0 || strcmp (sub, "unarchive") == 0)
    {
      if (!cli_args_parse (argc - 1, argv + 1, NULL, &args, error) ||
          !cli_expect_positional (&args, 1, 1, "product archive|unarchive ID", error) ||
          !cli_args_id (&args, 0, C_("kind of id", "product"), &id, error))
        return CLI_EXIT_USAGE;
      return cpt_product_set_archived (db, id, strcmp (sub, "archive") == 0, error)
               ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
    }
  g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), "product add|list|show|edit|archive ...");
  return CLI_EXIT_USAGE;
}
