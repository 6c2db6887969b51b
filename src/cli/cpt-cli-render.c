/* comptoir-cli: printable documents: PDF (Factur-X for e-invoices), PNG pages, the Factur-X
 * XML, and the batch rendering of a period (the benchmark path). */
#define G_LOG_DOMAIN "comptoir-cli"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "cpt-cli.h"
#include "cpt-dates.h"
#include "cpt-document.h"
#include "cpt-error.h"
#include "cpt-facturx.h"
#include "cpt-pdf.h"
#include "cpt-render-document.h"

static const CliOption render_options[] = {
  { "output", TRUE, FALSE }, { "no-facturx", FALSE, FALSE }, { "png", FALSE, FALSE },
  { "page", TRUE, FALSE }, { "dpi", TRUE, FALSE }, { NULL },
};
static const CliOption export_options[] = { { "output", TRUE, FALSE }, { NULL } };
static const CliOption render_all_options[] = {
  { "kind", TRUE, FALSE }, { "from", TRUE, FALSE }, { "to", TRUE, FALSE },
  { "output-dir", TRUE, FALSE }, { "no-facturx", FALSE, FALSE }, { NULL },
};

static gboolean
write_bytes (const char *path, GBytes *bytes, GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_file_set_contents (path, data, size, error);
}

static gboolean
require_output (CliArgs *args, const char *usage, const char **out, GError **error)
{
  *out = cli_args_get (args, "output");
  if (*out == NULL || **out == '\0')
    {
      g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), usage);
      return FALSE;
    }
  return TRUE;
}

int
cli_document_render (CptDatabase *db, int argc, char **argv, GError **error)
{
  static const char usage[] =
    "document render ID --output FILE.pdf [--no-facturx] | --png [--page N] [--dpi D] --output FILE.png";
  g_auto(CliArgs) args = { 0 };
  g_autoptr(CptRenderDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *output;
  gint64 id;

  if (!cli_args_parse (argc, argv, render_options, &args, error) ||
      !cli_expect_positional (&args, 1, 1, usage, error) ||
      !cli_args_id (&args, 0, C_("kind of id", "document"), &id, error) ||
      !require_output (&args, usage, &output, error))
    return CLI_EXIT_USAGE;
  if (cli_args_has (&args, "png"))
    {
      guint64 page = 1, dpi = 150;

      if ((cli_args_has (&args, "page") &&
           !cli_parse_count (cli_args_get (&args, "page"), "--page", 10000, &page, error)) ||
          (cli_args_has (&args, "dpi") &&
           !cli_parse_count (cli_args_get (&args, "dpi"), "--dpi", 1200, &dpi, error)))
        return CLI_EXIT_USAGE;
      if (page == 0)
        {
          g_set_error (error, CLI_USAGE_ERROR, 0, _("Pages are counted from 1"));
          return CLI_EXIT_USAGE;
        }
      if ((document = cpt_render_document_load (db, id, error)) == NULL ||
          (bytes = cpt_pdf_render_png (document, page - 1, dpi, error)) == NULL)
        return CLI_EXIT_REFUSED;
    }
  else
    {
      if (cli_args_has (&args, "page") || cli_args_has (&args, "dpi"))
        {
          g_set_error (error, CLI_USAGE_ERROR, 0, _("--page and --dpi go with --png"));
          return CLI_EXIT_USAGE;
        }
      if ((document = cpt_render_document_load (db, id, error)) == NULL ||
          (bytes = cpt_pdf_render (document, cli_args_has (&args, "no-facturx") ? CPT_PDF_NO_FACTURX
                                                                                 : CPT_PDF_DEFAULT,
                                   error)) == NULL)
        return CLI_EXIT_REFUSED;
    }
  return write_bytes (output, bytes, error) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
}

int
cli_document_export_xml (CptDatabase *db, int argc, char **argv, GError **error)
{
  static const char usage[] = "document export-xml ID --output FILE.xml";
  g_auto(CliArgs) args = { 0 };
  g_autoptr(CptRenderDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *output;
  gint64 id;

  if (!cli_args_parse (argc, argv, export_options, &args, error) ||
      !cli_expect_positional (&args, 1, 1, usage, error) ||
      !cli_args_id (&args, 0, C_("kind of id", "document"), &id, error) ||
      !require_output (&args, usage, &output, error))
    return CLI_EXIT_USAGE;
  if ((document = cpt_render_document_load (db, id, error)) == NULL ||
      (bytes = cpt_facturx_build (document, error)) == NULL)
    return CLI_EXIT_REFUSED;
  return write_bytes (output, bytes, error) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
}

int
cli_document_render_all (CptDatabase *db, int argc, char **argv, GError **error)
{
  static const char usage[] =
    "document render-all [--kind K] [--from D] [--to D] --output-dir DIR [--no-facturx]";
  g_auto(CliArgs) args = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autofree char *from = NULL, *to = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  CptDocumentKind kind = CPT_DOCUMENT_KIND_INVOICE;
  const char *dir;
  CptPdfFlags flags;
  guint written = 0;
  double seconds;

  if (!cli_args_parse (argc, argv, render_all_options, &args, error) ||
      !cli_expect_positional (&args, 0, 0, usage, error))
    return CLI_EXIT_USAGE;
  dir = cli_args_get (&args, "output-dir");
  if (dir == NULL || *dir == '\0')
    {
      g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), usage);
      return CLI_EXIT_USAGE;
    }
  if (cli_args_has (&args, "kind") &&
      !cpt_document_kind_parse (cli_args_get (&args, "kind"), &kind, error))
    return CLI_EXIT_USAGE;
  if ((cli_args_has (&args, "from") && (from = cpt_date_normalize (cli_args_get (&args, "from"), error)) == NULL) ||
      (cli_args_has (&args, "to") && (to = cpt_date_normalize (cli_args_get (&args, "to"), error)) == NULL))
    return CLI_EXIT_USAGE;
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("The folder %s cannot be created: %s"), dir, g_strerror (saved));
      return CLI_EXIT_REFUSED;
    }
  flags = cli_args_has (&args, "no-facturx") ? CPT_PDF_NO_FACTURX : CPT_PDF_DEFAULT;

  ids = cpt_render_document_ids (db, cpt_document_kind_to_string (kind), from, to, error);
  if (ids == NULL)
    return CLI_EXIT_REFUSED;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CptRenderDocument) document = cpt_render_document_load (db, g_array_index (ids, gint64, i), error);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *name = NULL, *path = NULL;

      if (document == NULL || (bytes = cpt_pdf_render (document, flags, error)) == NULL)
        return CLI_EXIT_REFUSED;
      name = cpt_render_document_file_name (document, "pdf");
      path = g_build_filename (dir, name, NULL);
      if (!write_bytes (path, bytes, error))
        return CLI_EXIT_REFUSED;
      written++;
    }
  seconds = g_timer_elapsed (timer, NULL);
  printf (g_dngettext (GETTEXT_PACKAGE, "%u document written to %s in %.1f s (%.0f per second)\n",
                       "%u documents written to %s in %.1f s (%.0f per second)\n", written),
          written, dir, seconds, seconds > 0 ? written / seconds : 0.0);
  return CLI_EXIT_OK;
}
