/* comptoir-cli document check ID [--json]: the EN 16931 and BR-FR rules the document's
 * e-invoice breaks, one per line (rule, business term, what is wrong, what to change). Exit 0
 * when none.
 * For a draft, what stands between it and its validation. */
#include <glib/gi18n.h>
#include <stdio.h>

#include "cpt-cli.h"
#include "cpt-einvoice-from-render.h"
#include "cpt-einvoice-rules.h"
#include "cpt-error.h"

static const CliOption check_options[] = { { "json", FALSE, FALSE }, { NULL } };

int
cli_document_check (CptDatabase *db, int argc, char **argv, GError **error)
{
  static const char usage[] = "document check ID [--json]";
  g_auto(CliArgs) args = { 0 };
  g_autoptr(CptRenderDocument) document = NULL;
  g_autoptr(CptEinvoice) invoice = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  gint64 id;

  if (!cli_args_parse (argc, argv, check_options, &args, error) ||
      !cli_expect_positional (&args, 1, 1, usage, error) ||
      !cli_args_id (&args, 0, C_("kind of id", "document"), &id, error))
    return CLI_EXIT_USAGE;
  if ((document = cpt_render_document_load (db, id, error)) == NULL)
    return CLI_EXIT_REFUSED;
  if ((invoice = cpt_einvoice_from_render (document)) == NULL)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("Only invoices, deposit invoices and credit notes are e-invoices"));
      return CLI_EXIT_REFUSED;
    }
  violations = cpt_einvoice_check_document (document, invoice);
  if (cli_args_has (&args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < violations->len; i++)
        {
          const CptEinvoiceViolation *v = g_ptr_array_index (violations, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "rule");
          json_builder_add_string_value (builder, v->rule);
          json_builder_set_member_name (builder, "field");
          json_builder_add_string_value (builder, v->field);
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, v->message);
          json_builder_set_member_name (builder, "fix");
          json_builder_add_string_value (builder, cpt_einvoice_fix_to_string (v->fix));
          json_builder_set_member_name (builder, "remedy");
          json_builder_add_string_value (builder, v->remedy);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      cli_print_json (root);
    }
  else if (violations->len == 0)
    printf ("%s\n", _("No EN 16931 or BR-FR rule is broken."));
  else
    for (guint i = 0; i < violations->len; i++)
      {
        const CptEinvoiceViolation *v = g_ptr_array_index (violations, i);
        printf ("%-12s %-7s %s %s\n", v->rule, v->field, v->message, v->remedy);
      }
  return violations->len == 0 ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
}
