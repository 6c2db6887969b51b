#define G_LOG_DOMAIN "comptoir-cli"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "cpt-cli.h"
#include "cpt-company.h"

static const CliOption show_options[] = { { "json", FALSE, FALSE }, { NULL } };

int
cli_company (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_autoptr(CptCompany) company = NULL;
  g_auto(CliArgs) args = { 0 };
  const char *sub = argc > 0 ? argv[0] : "";

  if (strcmp (sub, "show") == 0)
    {
      if (!cli_args_parse (argc - 1, argv + 1, show_options, &args, error) ||
          !cli_expect_positional (&args, 0, 0, "company show [--json]", error))
        return CLI_EXIT_USAGE;
      company = cpt_company_load (db, error);
      if (company == NULL)
        return CLI_EXIT_REFUSED;
      if (cli_args_has (&args, "json"))
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;
          g_autofree char *mime = NULL;
          g_autoptr(GError) logo_error = NULL;
          g_autoptr(GBytes) logo = cpt_company_get_logo (db, &mime, &logo_error);

          if (logo_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&logo_error));
              return CLI_EXIT_REFUSED;
            }

          json_builder_begin_object (builder);
          cli_record_to_json (cpt_company_record (), G_OBJECT (company), builder);
          json_builder_set_member_name (builder, "logo");
          if (logo)
            json_builder_add_string_value (builder, mime);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          cli_print_json (root);
        }
      else
        cli_record_print (cpt_company_record (), G_OBJECT (company));
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "set") == 0)
    {
      g_autoptr(GPtrArray) assignments = g_ptr_array_new ();
      const char *logo_path = NULL;

      if (argc < 2)
        {
          g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), "company set KEY=VALUE...");
          return CLI_EXIT_USAGE;
        }
      company = cpt_company_load (db, error);
      if (company == NULL)
        return CLI_EXIT_REFUSED;
      for (int i = 1; i < argc; i++)
        {
          if (g_str_has_prefix (argv[i], "logo="))
            logo_path = argv[i] + 5;
          else
            g_ptr_array_add (assignments, argv[i]);
        }
      /* Every value is checked before anything is written; the logo and the fields go in
       * one transaction. */
      if (!cli_apply_assignments (cpt_company_record (), G_OBJECT (company), assignments, error) ||
          !cpt_company_validate (company, error))
        return CLI_EXIT_REFUSED;
      if (!cpt_database_begin (db, error))
        return CLI_EXIT_REFUSED;
      if (!cpt_company_save (company, db, error) ||
          (logo_path && *logo_path && !cpt_company_set_logo_from_file (db, logo_path, error)))
        {
          cpt_database_rollback (db);
          return CLI_EXIT_REFUSED;
        }
      return cpt_database_commit (db, error) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
    }
  g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), "company show [--json] | set KEY=VALUE...");
  return CLI_EXIT_USAGE;
}
