/* bench-render: 1 000 one-page invoices to PDF with Factur-X (PDF/A-3 and its XML), in one
 * process, from the database to files, as `comptoir-cli document render-all` does.
 *
 *   bench-render [--count N] [--dir DIR] [--html-runs N]
 *
 * Prints invoices per second, the peak memory (getrusage ru_maxrss) and the resident memory
 * after 100 and after N invoices, which must stay flat. It also writes an HTML version of one
 * invoice (DIR/invoice.html, the same content) and, when wkhtmltopdf is on the PATH (what
 * Odoo uses), times that many conversions of it: the comparison figure. bench/run-render-bench.sh
 * runs this inside the build environment and wkhtmltopdf on the host. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "cpt-store-database.h"
#include "cpt-company.h"
#include "cpt-database.h"
#include "cpt-dates.h"
#include "cpt-demo.h"
#include "cpt-money.h"
#include "cpt-pdf.h"
#include "cpt-render-document.h"
#include "cpt-units.h"

static long
resident_kib (void)
{
  g_autofree char *statm = NULL;
  long pages = 0, resident = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%ld %ld", &pages, &resident);
  return resident * (sysconf (_SC_PAGESIZE) / 1024);
}

static long
peak_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* ---------------------------------------------------------------- the HTML twin */

static void
html_escape (GString *out, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);
  g_string_append (out, escaped);
}

static char *
html_invoice (const CptRenderDocument *doc)
{
  GString *out = g_string_new (NULL);
  const char *lang = doc->language;
  const CptDocumentTotals *t = &doc->totals;

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">\n<style>\n"
                        "body { font-family: 'Cantarell', 'DejaVu Sans', sans-serif; font-size: 9pt; color: #222; margin: 15mm; }\n"
                        "h1 { color: #29517f; text-align: right; margin: 0; } .muted { color: #666; }\n"
                        ".head { display: flex; justify-content: space-between; } .client { border: 1px solid #ccc; padding: 8px; width: 45%; margin-left: auto; }\n"
                        "table { width: 100%; border-collapse: collapse; margin-top: 16px; } th { background: #29517f; color: white; text-align: right; padding: 4px; }\n"
                        "th:first-child, td:first-child { text-align: left; } td { border-bottom: 1px solid #ddd; padding: 4px; text-align: right; }\n"
                        ".totals { width: 45%; margin-left: auto; } .due { background: #29517f; color: white; font-weight: bold; }\n"
                        "footer { margin-top: 40px; font-size: 7pt; color: #666; border-top: 1px solid #ccc; }\n"
                        "</style></head><body>\n<div class=\"head\"><div><b>");
  html_escape (out, doc->seller.name);
  g_string_append (out, "</b><br><span class=\"muted\">");
  html_escape (out, doc->seller.address);
  g_string_append (out, "<br>");
  html_escape (out, doc->seller.postcode);
  g_string_append (out, " ");
  html_escape (out, doc->seller.city);
  g_string_append_printf (out, "<br>SIRET %s<br>TVA %s</span></div><div><h1>%s</h1><p><b>N° %s</b><br>Date : %s<br>Échéance : %s</p></div></div>\n",
                          doc->seller.siret ? doc->seller.siret : "", doc->seller.vat_number ? doc->seller.vat_number : "",
                          cpt_render_document_title (doc), doc->number ? doc->number : "", doc->date,
                          doc->due_date ? doc->due_date : "");
  g_string_append (out, "<div class=\"client\"><span class=\"muted\">FACTURÉ À</span><br><b>");
  html_escape (out, doc->buyer.name);
  g_string_append (out, "</b><br>");
  html_escape (out, doc->buyer.address);
  g_string_append (out, "<br>");
  html_escape (out, doc->buyer.postcode);
  g_string_append (out, " ");
  html_escape (out, doc->buyer.city);
  g_string_append (out, "</div>\n<table><tr><th>Désignation</th><th>Qté</th><th>Unité</th><th>P.U. HT</th><th>TVA</th><th>Total HT</th></tr>\n");
  for (guint i = 0; i < doc->lines->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (doc->lines, i);
      g_autofree char *qty = cpt_decimal_format (cpt_document_line_get_quantity (line), 3, 0, lang);
      g_autofree char *price = cpt_money_format (cpt_document_line_get_unit_price (line) / 100, doc->currency, lang);
      g_autofree char *rate = cpt_decimal_format (cpt_document_line_get_vat_rate (line), 2, 0, lang);
      g_autofree char *net = cpt_money_format (cpt_document_line_get_net (line), doc->currency, lang);

      g_string_append (out, "<tr><td>");
      html_escape (out, cpt_document_line_get_description (line));
      g_string_append_printf (out, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s %%</td><td>%s</td></tr>\n", qty,
                              cpt_unit_label (cpt_document_line_get_unit (line), lang), price, rate, net);
    }
  g_string_append (out, "</table>\n<table class=\"totals\">");
  {
    g_autofree char *net = cpt_money_format (t->total_net, doc->currency, lang);
    g_autofree char *vat = cpt_money_format (t->total_vat, doc->currency, lang);
    g_autofree char *gross = cpt_money_format (t->total_gross, doc->currency, lang);
    g_autofree char *due = cpt_money_format (t->amount_due, doc->currency, lang);
    g_string_append_printf (out, "<tr><td>Total HT</td><td>%s</td></tr><tr><td>Total TVA</td><td>%s</td></tr>"
                                 "<tr><td>Total TTC</td><td>%s</td></tr><tr class=\"due\"><td>Net à payer</td><td>%s</td></tr></table>\n",
                            net, vat, gross, due);
  }
  g_string_append (out, "<p><b>CONDITIONS DE PAIEMENT</b><br>Règlement par virement : IBAN ");
  html_escape (out, doc->seller.iban);
  g_string_append (out, "</p><p class=\"muted\">Pas d’escompte pour paiement anticipé. En cas de retard de paiement, pénalités au taux de "
                        "trois fois le taux d’intérêt légal. Indemnité forfaitaire pour frais de recouvrement : 40 €.</p>\n<footer>");
  html_escape (out, doc->seller.name);
  g_string_append_printf (out, " — %s — RCS %s %s</footer></body></html>\n", doc->seller.legal_form ? doc->seller.legal_form : "",
                          doc->seller.rcs_city ? doc->seller.rcs_city : "", doc->seller.siren ? doc->seller.siren : "");
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------- main */

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *dir = NULL, *db_path = NULL, *html_path = NULL;
  int count = 1000, html_runs = 10;
  long rss_100 = 0, rss_end, peak_100 = 0;
  gint64 start, elapsed, bytes = 0;
  sqlite3_stmt *stmt;
  GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, "Invoices to render (1000)", "N" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir, "Where to write the files (a new folder under /tmp)", "DIR" },
    { "html-runs", 0, 0, G_OPTION_ARG_INT, &html_runs, "wkhtmltopdf conversions to time (10)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— PDF/Factur-X rendering benchmark");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  if (dir == NULL)
    dir = g_dir_make_tmp ("comptoir-bench-render-XXXXXX", &error);
  if (dir == NULL || g_mkdir_with_parents (dir, 0755) != 0)
    {
      fprintf (stderr, "no output folder: %s\n", error ? error->message : dir);
      return 1;
    }
  g_setenv ("COMPTOIR_TODAY", "2026-11-22", FALSE);

  /* Demo data: invoices of 1 to 6 lines, one page each. */
  db_path = g_build_filename (dir, "bench.db", NULL);
  g_unlink (db_path);
  db = cpt_database_open (db_path, &error);
  if (db == NULL || !cpt_demo_generate (db, 50, (guint64) count * 3 / 2 + 200, 7, NULL, NULL, &error))
    {
      fprintf (stderr, "demo data: %s\n", error->message);
      return 1;
    }
  stmt = cpt_database_prepare (db, "SELECT id FROM documents WHERE kind = 'invoice' AND status = 'validated' "
                                   "ORDER BY date, id LIMIT ?", &error);
  sqlite3_bind_int (stmt, 1, count);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if ((int) ids->len < count)
    fprintf (stderr, "only %u validated invoices in the demo data\n", ids->len);

  /* A first one outside the clock: fonts and caches warm up once per process, as in the app. */
  {
    g_autoptr(CptRenderDocument) doc = cpt_render_document_load (db, g_array_index (ids, gint64, 0), &error);
    g_autoptr(GBytes) pdf = doc ? cpt_pdf_render (doc, CPT_PDF_DEFAULT, &error) : NULL;
    g_autofree char *html = doc ? html_invoice (doc) : NULL;

    if (pdf == NULL)
      {
        fprintf (stderr, "render: %s\n", error->message);
        return 1;
      }
    html_path = g_build_filename (dir, "invoice.html", NULL);
    g_file_set_contents (html_path, html, -1, NULL);
  }
  printf ("Rendering %u invoices to PDF/A-3 with Factur-X (one process, files written to %s)\n", ids->len, dir);
  printf ("  memory before: resident %ld KiB, peak %ld KiB\n", resident_kib (), peak_kib ());

  start = g_get_monotonic_time ();
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CptRenderDocument) doc = cpt_render_document_load (db, g_array_index (ids, gint64, i), &error);
      g_autoptr(GBytes) pdf = NULL;
      g_autofree char *name = NULL, *path = NULL;

      if (doc == NULL || (pdf = cpt_pdf_render (doc, CPT_PDF_DEFAULT, &error)) == NULL)
        {
          fprintf (stderr, "invoice %u: %s\n", i, error->message);
          return 1;
        }
      name = cpt_render_document_file_name (doc, "pdf");
      path = g_build_filename (dir, name, NULL);
      if (!g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      bytes += g_bytes_get_size (pdf);
      if (i + 1 == 100)
        {
          rss_100 = resident_kib ();
          peak_100 = peak_kib ();
        }
    }
  elapsed = g_get_monotonic_time () - start;
  rss_end = resident_kib ();

  printf ("  %u invoices in %.2f s: %.1f invoices per second (%.2f ms each, %.0f KiB per PDF on average)\n",
          ids->len, elapsed / 1e6, ids->len / (elapsed / 1e6), elapsed / 1e3 / ids->len,
          bytes / 1024.0 / ids->len);
  printf ("  memory: resident after 100: %ld KiB, after %u: %ld KiB (%+ld KiB); peak (ru_maxrss) after 100: %ld KiB, at the end: %ld KiB\n",
          rss_100, ids->len, rss_end, rss_end - rss_100, peak_100, peak_kib ());
  printf ("  HTML twin of one invoice for the comparison: %s\n", html_path);

  /* The comparison: wkhtmltopdf on the same invoice, when it is there. */
  {
    g_autofree char *wkhtmltopdf = g_find_program_in_path ("wkhtmltopdf");
    g_autofree char *out_pdf = g_build_filename (dir, "invoice-wkhtmltopdf.pdf", NULL);

    if (wkhtmltopdf == NULL)
      printf ("  wkhtmltopdf: not on the PATH here (bench/run-render-bench.sh runs it on the host)\n");
    else
      {
        gint64 begin = g_get_monotonic_time ();
        int done = 0;

        for (int i = 0; i < html_runs; i++)
          {
            const char *args[] = { wkhtmltopdf, "--quiet", "-s", "A4", html_path, out_pdf, NULL };
            int status = 0;

            if (!g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
              break;
            done++;
          }
        if (done > 0)
          printf ("  wkhtmltopdf: %d conversions of the same invoice in %.2f s: %.2f invoices per second\n", done,
                  (g_get_monotonic_time () - begin) / 1e6, done / ((g_get_monotonic_time () - begin) / 1e6));
        else
          printf ("  wkhtmltopdf: it failed to run\n");
      }
  }
  return 0;
}
