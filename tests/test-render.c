/* Printable documents (issue 5): each kind rendered to PDF and read back with Poppler: page
 * count, the number, the totals, the French mandatory mentions; 100 lines over several pages
 * with the table header repeated and "page N / M"; the draft watermark; an English document;
 * the Factur-X attachment; PNG pages. COMPTOIR_RENDER_KEEP=DIR keeps the PDFs to look at. */
#include <poppler.h>
#include <sqlite3.h>
#include <string.h>

#include "cpt-store-database.h"
#include "cpt-error.h"
#include "cpt-facturx.h"
#include "cpt-money.h"
#include "cpt-pdf.h"
#include "cpt-render-document.h"
#include "cpt-render-fixtures.h"

static CptRenderFixtures fixtures;
static char *workdir;

typedef struct
{
  CptRenderDocument *doc;
  GBytes            *pdf;
  PopplerDocument   *poppler;
  GPtrArray         *pages;   /* the text of each page */
  char              *text;    /* all pages */
} Rendered;

static void
rendered_free (Rendered *r)
{
  cpt_render_document_free (r->doc);
  g_bytes_unref (r->pdf);
  g_object_unref (r->poppler);
  g_ptr_array_unref (r->pages);
  g_free (r->text);
  g_free (r);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rendered, rendered_free)

/* No-break spaces (French money: "1 234,56 €") come back from the PDF as spaces or not at
 * all, depending on how Poppler sees the gaps: compare with plain spaces. */
static char *
plain_spaces (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "\u202f", " ", 0);
  g_string_replace (out, "\u2009", " ", 0);
  g_string_replace (out, "\u2060", "", 0);
  g_string_replace (out, "\u00a0", " ", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static Rendered *
render (CptDatabase *db, gint64 id, CptPdfFlags flags)
{
  g_autoptr(GError) error = NULL;
  Rendered *r = g_new0 (Rendered, 1);
  GString *all = g_string_new (NULL);
  const char *keep = g_getenv ("COMPTOIR_RENDER_KEEP");

  r->doc = cpt_render_document_load (db, id, &error);
  g_assert_no_error (error);
  r->pdf = cpt_pdf_render (r->doc, flags, &error);
  g_assert_no_error (error);
  r->poppler = poppler_document_new_from_bytes (r->pdf, NULL, &error);
  g_assert_no_error (error);
  r->pages = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < poppler_document_get_n_pages (r->poppler); i++)
    {
      PopplerPage *page = poppler_document_get_page (r->poppler, i);
      g_autofree char *raw = poppler_page_get_text (page);
      char *text = plain_spaces (raw);

      g_object_unref (page);
      g_ptr_array_add (r->pages, text);
      g_string_append (all, text);
      g_string_append_c (all, '\n');
    }
  r->text = g_string_free (all, FALSE);
  if (keep != NULL)
    {
      g_autofree char *name = cpt_render_document_file_name (r->doc, "pdf");
      g_autofree char *path = g_build_filename (keep, name, NULL);
      g_file_set_contents (path, g_bytes_get_data (r->pdf, NULL), g_bytes_get_size (r->pdf), NULL);
    }
  return r;
}

static gboolean
contains (const char *haystack, const char *needle)
{
  g_autofree char *plain = plain_spaces (needle);
  return strstr (haystack, plain) != NULL;
}

#define assert_has(haystack, needle)                                                        \
  G_STMT_START {                                                                            \
    if (!contains ((haystack), (needle)))                                                   \
      g_error ("%s:%d: “%s” is not in the page:\n%s", __FILE__, __LINE__, (needle), (haystack)); \
  } G_STMT_END

#define assert_lacks(haystack, needle)                                                      \
  G_STMT_START {                                                                            \
    if (contains ((haystack), (needle)))                                                    \
      g_error ("%s:%d: “%s” should not be in the page", __FILE__, __LINE__, (needle));      \
  } G_STMT_END

static guint
count (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static char *
money (Rendered *r, gint64 minor)
{
  return cpt_money_format (minor, r->doc->currency, r->doc->language);
}

static void
assert_amount (Rendered *r, gint64 minor)
{
  g_autofree char *text = money (r, minor);
  assert_has (r->text, text);
}

static void
test_invoice (void)
{
  g_autoptr(Rendered) r = render (fixtures.db, fixtures.invoice, CPT_PDF_DEFAULT);
  gint64 vat_20 = 0;

  g_assert_cmpint (poppler_document_get_n_pages (r->poppler), ==, 1);
  assert_has (r->text, "Facture");
  assert_has (r->text, r->doc->number);
  assert_has (r->text, "page 1 / 1");
  /* the seller: identity, registration, capital, VAT number */
  assert_has (r->text, "Atelier Lumière");
  assert_has (r->text, "SARL au capital de 10\u202f000\u00a0€");
  assert_has (r->text, "RCS Lyon 732\u00a0829\u00a0320");
  assert_has (r->text, "SIRET 732\u00a0829\u00a0320\u00a000074");
  assert_has (r->text, "FR44732829320");
  /* the client: SIREN and VAT number, delivery address */
  assert_has (r->text, "Bureau d’études Fournier SA");
  assert_has (r->text, r->doc->buyer.vat_number);
  assert_has (r->text, "LIVRAISON");
  assert_has (r->text, "Cesson-Sévigné");
  /* dates, terms and mentions */
  assert_has (r->text, "02/03/2026");
  assert_has (r->text, "Date de la prestation");
  assert_has (r->text, "27/02/2026");
  assert_has (r->text, "Échéance");
  assert_has (r->text, "01/04/2026");
  assert_has (r->text, "FR76 3000 6000 0112 3456 7890 189");
  assert_has (r->text, "Pas d’escompte pour paiement anticipé");
  assert_has (r->text, "trois fois le taux d’intérêt légal");
  assert_has (r->text, "Indemnité forfaitaire pour frais de recouvrement");
  assert_has (r->text, "40 €");
  assert_has (r->text, "Catégorie de l’opération : livraison de biens et prestation de services");
  assert_has (r->text, "Option pour le paiement de la TVA d’après les débits");
  assert_has (r->text, "Débours (art. 267 II-2° du CGI)");
  assert_has (r->text, "Remise");
  assert_has (r->text, "Sous-total");
  assert_has (r->text, "Étude et fournitures");
  /* the totals: per rate and overall */
  for (guint i = 0; i < r->doc->totals.vat->len; i++)
    {
      const CptVatEntry *entry = &g_array_index (r->doc->totals.vat, CptVatEntry, i);
      assert_amount (r, entry->base);
      assert_amount (r, entry->vat);
      if (entry->rate == 2000)
        vat_20 = entry->vat;
    }
  g_assert_cmpint (vat_20, >, 0);
  g_assert_cmpint (r->doc->totals.vat->len, ==, 4);
  assert_amount (r, r->doc->totals.total_net);
  assert_amount (r, r->doc->totals.total_vat);
  assert_amount (r, r->doc->totals.amount_due);
  assert_has (r->text, "Net à payer");
  /* the description wraps: its end is on the page */
  assert_has (r->text, "plan de câblage remis");
}

static void
test_long_invoice (void)
{
  g_autoptr(Rendered) r = render (fixtures.db, fixtures.long_invoice, CPT_PDF_DEFAULT);
  guint n = r->pages->len;

  g_assert_cmpuint (n, >=, 3);
  for (guint i = 0; i < n; i++)
    {
      const char *page = g_ptr_array_index (r->pages, i);
      g_autofree char *numbering = g_strdup_printf ("%s — page %u / %u", r->doc->number, i + 1, n);

      assert_has (page, numbering);
      assert_has (page, "Désignation");   /* the table header repeats */
      assert_has (page, "Total HT");
      /* the totals come once, on the last page */
      g_assert_cmpuint (count (page, "Net à payer"), ==, i == n - 1 ? 1 : 0);
    }
  /* every line once, whole */
  for (int i = 1; i <= 100; i++)
    {
      g_autofree char *label = g_strdup_printf ("Article %03d", i);
      g_assert_cmpuint (count (r->text, label), ==, 1);
    }
  for (guint i = 0; i < n; i++)
    {
      const char *page = g_ptr_array_index (r->pages, i);
      /* a wrapped description stays on one page: its first and last words together */
      for (const char *p = strstr (page, "référence longue"); p != NULL; p = strstr (p + 1, "référence longue"))
        g_assert_nonnull (strstr (p, "coupure des pages"));
    }
  assert_amount (r, r->doc->totals.amount_due);
}

/* Light grey pixels (the watermark's colour) in the middle of the first page. */
static guint
watermark_pixels (Rendered *r)
{
  PopplerPage *page = poppler_document_get_page (r->poppler, 0);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
  cairo_t *cr = cairo_create (surface);
  guint n = 0;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 0.5, 0.5);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 120; y < 300; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                              y * cairo_image_surface_get_stride (surface));
      for (int x = 40; x < 260; x++)
        {
          guint red = (row[x] >> 16) & 0xff, green = (row[x] >> 8) & 0xff, blue = row[x] & 0xff;
          n += red >= 224 && red <= 236 && green >= 224 && green <= 236 && blue >= 224 && blue <= 238;
        }
    }
  cairo_surface_destroy (surface);
  g_object_unref (page);
  return n;
}

static void
test_draft (void)
{
  g_autoptr(Rendered) r = render (fixtures.db, fixtures.draft, CPT_PDF_DEFAULT);
  g_autoptr(GList) attachments = poppler_document_get_attachments (r->poppler);

  g_autoptr(Rendered) validated = render (fixtures.db, fixtures.english, CPT_PDF_DEFAULT);

  g_assert_true (r->doc->draft);
  /* The watermark ("DRAFT": the client is English) is drawn, in light grey, across the
   * middle of the page; Poppler does not extract rotated text, so look at the pixels. */
  g_assert_cmpuint (watermark_pixels (r), >, watermark_pixels (validated) + 1000);
  assert_has (r->text, "Draft, not numbered");
  g_assert_null (attachments);            /* a draft is no e-invoice */
  g_list_free_full (g_steal_pointer (&attachments), g_object_unref);
}

static void
test_english (void)
{
  g_autoptr(Rendered) r = render (fixtures.db, fixtures.english, CPT_PDF_DEFAULT);
  g_autofree char *due = money (r, r->doc->totals.amount_due);

  g_assert_true (g_str_has_prefix (due, "€"));
  assert_has (r->text, "Invoice");
  assert_has (r->text, "BILL TO");
  assert_has (r->text, "Amount due");
  assert_has (r->text, "Total excl. VAT");
  assert_has (r->text, "VAT number");
  assert_has (r->text, "No discount for early payment");
  assert_has (r->text, "9 Mar 2026");
  assert_has (r->text, due);
  assert_has (r->text, "page 1 / 1");
  assert_lacks (r->text, "Facture");
  assert_lacks (r->text, "Net à payer");
  assert_lacks (r->text, "Échéance");
}

static void
test_balance (void)
{
  g_autoptr(Rendered) r = render (fixtures.db, fixtures.balance, CPT_PDF_DEFAULT);
  g_autoptr(Rendered) d1 = render (fixtures.db, fixtures.deposit_1, CPT_PDF_DEFAULT);
  g_autoptr(Rendered) d2 = render (fixtures.db, fixtures.deposit_2, CPT_PDF_DEFAULT);
  g_autoptr(Rendered) q = render (fixtures.db, fixtures.quote, CPT_PDF_DEFAULT);

  g_assert_true (r->doc->balance);
  g_assert_cmpuint (r->doc->deposits->len, ==, 2);
  assert_has (r->text, "Facture de solde");
  assert_has (r->text, "Acomptes déduits");
  assert_has (r->text, d1->doc->number);
  assert_has (r->text, d2->doc->number);
  assert_has (r->text, q->doc->number);
  assert_amount (r, r->doc->totals.total_net);
  assert_amount (r, -r->doc->totals.deposits_net);
  assert_amount (r, r->doc->totals.amount_due);
  g_assert_cmpint (r->doc->totals.amount_due, ==,
                   r->doc->totals.total_gross - d1->doc->totals.amount_due - d2->doc->totals.amount_due);

  assert_has (d1->text, "Facture d’acompte");
  assert_has (d1->text, "Acompte de 30\u202f%");
  assert_has (d1->text, q->doc->number);

  assert_has (q->text, "Devis");
  assert_has (q->text, "Valable jusqu’au");
  assert_has (q->text, "Bon pour accord");
  assert_lacks (q->text, "Net à payer");
}

static void
test_credit_note (void)
{
  g_autoptr(Rendered) r = render (fixtures.db, fixtures.credit_partial, CPT_PDF_DEFAULT);
  g_autoptr(Rendered) invoice = render (fixtures.db, fixtures.invoice, CPT_PDF_DEFAULT);
  g_autofree char *reference = g_strdup_printf ("Avoir sur la facture %s du 02/03/2026", invoice->doc->number);

  assert_has (r->text, "Avoir");
  assert_has (r->text, r->doc->number);
  assert_has (r->text, reference);
  assert_has (r->text, "Total de l’avoir");
  assert_amount (r, r->doc->totals.amount_due);
  assert_lacks (r->text, "Net à payer");

  /* cancelling a balance invoice gives its deposits back: they show as on the invoice */
  {
    g_autoptr(Rendered) all = render (fixtures.db, fixtures.credit_balance, CPT_PDF_DEFAULT);
    assert_has (all->text, "Acompte déduit");
    assert_has (all->text, "Acomptes déduits HT");
    assert_amount (all, all->doc->totals.amount_due);
  }
}

static void
test_intra_eu (void)
{
  g_autoptr(Rendered) r = render (fixtures.db, fixtures.intra_eu, CPT_PDF_DEFAULT);

  assert_has (r->text, "Brasserie du Parc SPRL");
  assert_has (r->text, "Belgique");
  assert_has (r->text, "BE0123456749");
  assert_has (r->text, "Exonération de TVA, art. 262 ter I du CGI (livraison intracommunautaire)");
  assert_has (r->text, "Catégorie de l’opération : livraison de biens");
  assert_amount (r, r->doc->totals.amount_due);
  g_assert_cmpint (r->doc->totals.total_vat, ==, 0);
}

static void
test_proforma (void)
{
  g_autoptr(Rendered) r = render (fixtures.db, fixtures.proforma, CPT_PDF_DEFAULT);
  g_autoptr(GList) attachments = poppler_document_get_attachments (r->poppler);

  g_assert_false (r->doc->draft);  /* no watermark: a pro forma is meant to be sent */
  assert_has (r->text, "Facture pro forma");
  assert_has (r->text, "Ce document n’est pas une facture");
  assert_has (r->text, r->doc->number);
  assert_lacks (r->text, "BROUILLON");
  g_assert_null (attachments);
}

static void
test_franchise (void)
{
  g_autoptr(Rendered) r = render (fixtures.franchise_db, fixtures.franchise, CPT_PDF_DEFAULT);

  assert_has (r->text, "TVA non applicable, art. 293 B du CGI");
  assert_lacks (r->text, "Total TVA");
  assert_lacks (r->text, "Taux de TVA");
  assert_amount (r, r->doc->totals.amount_due);
}

static void
test_paid (void)
{
  g_autoptr(Rendered) r = render (fixtures.db, fixtures.paid, CPT_PDF_DEFAULT);

  g_assert_cmpint (r->doc->paid, ==, 40000);
  assert_has (r->text, "Déjà réglé");
  assert_has (r->text, "Reste à payer");
  assert_amount (r, r->doc->totals.amount_due - 40000);
}

/* Renames a table of the fixtures' file behind the store's back. */
static void
rename_table (const char *from, const char *to)
{
  g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s RENAME TO %s", from, to);

  g_assert_cmpint (sqlite3_exec (cpt_database_get_handle (fixtures.db), sql, NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

/* What a document says is read in full or not at all: a document must not go out calling
 * goods services, or saying nothing was paid, because a read failed. */
static void
test_errors_reach_the_caller (void)
{
  const char *tables[] = { "products", "receivables" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  GLogLevelFlags fatal;

  /* once, so that the statements are prepared when their tables go */
  cpt_render_document_free (cpt_render_document_load (fixtures.db, fixtures.paid, &error));
  g_assert_no_error (error);
  ids = cpt_render_document_ids (fixtures.db, "invoice", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);
  g_clear_pointer (&ids, g_array_unref);

  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *gone = g_strdup_printf ("%s_gone", tables[i]);
      CptRenderDocument *document;

      rename_table (tables[i], gone);
      document = cpt_render_document_load (fixtures.db, fixtures.paid, &error);
      g_assert_null (document);
      /* (the payments' read still words its failure as "not a validated invoice") */
      g_assert_nonnull (error);
      g_assert_true (error->domain == CPT_ERROR);
      g_clear_error (&error);
      rename_table (gone, tables[i]);
    }
  rename_table ("documents", "documents_gone");
  ids = cpt_render_document_ids (fixtures.db, "invoice", NULL, NULL, &error);
  g_assert_null (ids);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  rename_table ("documents_gone", "documents");
  g_log_set_always_fatal (fatal);

  {
    g_autoptr(Rendered) r = render (fixtures.db, fixtures.paid, CPT_PDF_DEFAULT);

    g_assert_cmpint (r->doc->paid, ==, 40000);
  }
}

static void
test_facturx_attachment (void)
{
  g_autoptr(Rendered) r = render (fixtures.db, fixtures.invoice, CPT_PDF_DEFAULT);
  g_autoptr(Rendered) plain = render (fixtures.db, fixtures.invoice, CPT_PDF_NO_FACTURX);
  g_autoptr(GList) none = poppler_document_get_attachments (plain->poppler);
  GList *attachments = poppler_document_get_attachments (r->poppler);
  PopplerAttachment *attachment;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = cpt_facturx_build (r->doc, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (attachments), ==, 1);
  attachment = attachments->data;
  g_assert_cmpstr (poppler_attachment_get_name (attachment), ==, "factur-x.xml");
  g_assert_cmpuint (poppler_attachment_get_size (attachment), ==, g_bytes_get_size (xml));
  g_assert_null (none);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), r->doc->number));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), "<ram:TypeCode>380</ram:TypeCode>"));
  /* the XMP metadata is not compressed */
  g_assert_nonnull (memmem (g_bytes_get_data (r->pdf, NULL), g_bytes_get_size (r->pdf),
                            "<pdfaid:part>3</pdfaid:part>", strlen ("<pdfaid:part>3</pdfaid:part>")));
  g_list_free_full (attachments, g_object_unref);
}

/* A consumer is not on the e-invoicing network: its invoice is still a Factur-X (EN 16931),
 * with no electronic address for the buyer, which a consumer does not have. */
static void
test_consumer_facturx (void)
{
  g_autoptr(Rendered) r = render (fixtures.db, fixtures.individual, CPT_PDF_DEFAULT);
  g_autoptr(GList) attachments = poppler_document_get_attachments (r->poppler);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = cpt_facturx_build (r->doc, &error);

  g_assert_no_error (error);
  g_assert_false (cpt_render_document_for_the_network (r->doc));
  g_assert_cmpuint (g_list_length (attachments), ==, 1);
  g_list_free_full (g_steal_pointer (&attachments), g_object_unref);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), "Nicolas Clément"));
}

static void
test_reproducible (void)
{
  g_autoptr(Rendered) a = render (fixtures.db, fixtures.invoice, CPT_PDF_DEFAULT);
  g_autoptr(Rendered) b = render (fixtures.db, fixtures.invoice, CPT_PDF_DEFAULT);

  /* A validated document renders to the very same file: what was archived can be checked. */
  g_assert_true (g_bytes_equal (a->pdf, b->pdf));
}

static void
test_png (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptRenderDocument) doc = cpt_render_document_load (fixtures.db, fixtures.long_invoice, &error);
  g_autoptr(GBytes) png = NULL;
  const guchar *data;

  g_assert_no_error (error);
  png = cpt_pdf_render_png (doc, 1, 72, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (png, NULL);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  /* IHDR: width and height, big-endian, at 16 and 20 */
  g_assert_cmpuint ((data[16] << 24) | (data[17] << 16) | (data[18] << 8) | data[19], ==, 595);
  g_assert_cmpuint ((data[20] << 24) | (data[21] << 16) | (data[22] << 8) | data[23], ==, 842);
  g_assert_null (cpt_pdf_render_png (doc, 99, 72, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND);
}

static int
run_cli (const char *db, const char *args, char **out)
{
  const char *cli = g_getenv ("COMPTOIR_CLI");
  g_autofree char *command = g_strdup_printf ("%s --db %s %s", cli, db, args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, out, NULL, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli (void)
{
  g_autofree char *db = g_build_filename (workdir, "render.db", NULL);
  g_autofree char *dir = g_build_filename (workdir, "cli", NULL);
  g_autofree char *args = NULL, *out = NULL, *data = NULL;
  g_autofree char *pdf = g_build_filename (dir, "invoice.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "page.png", NULL);
  g_autofree char *xml = g_build_filename (dir, "invoice.xml", NULL);
  g_autofree char *all = g_build_filename (dir, "all", NULL);
  g_autoptr(GDir) listing = NULL;
  gsize length;
  guint n = 0;

  if (g_getenv ("COMPTOIR_CLI") == NULL)
    {
      g_test_skip ("COMPTOIR_CLI is not set");
      return;
    }
  g_mkdir_with_parents (dir, 0700);
  args = g_strdup_printf ("document render %" G_GINT64_FORMAT " --output %s", fixtures.invoice, pdf);
  g_assert_cmpint (run_cli (db, args, NULL), ==, 0);
  g_assert_true (g_file_get_contents (pdf, &data, &length, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-1.7"));
  g_assert_nonnull (memmem (data, length, "factur-x.xml", 12));
  g_clear_pointer (&data, g_free);
  g_clear_pointer (&args, g_free);

  args = g_strdup_printf ("document render %" G_GINT64_FORMAT " --png --page 2 --dpi 36 --output %s",
                          fixtures.long_invoice, png);
  g_assert_cmpint (run_cli (db, args, NULL), ==, 0);
  g_assert_true (g_file_get_contents (png, &data, &length, NULL));
  g_assert_cmpmem (data, 4, "\x89PNG", 4);
  g_clear_pointer (&data, g_free);
  g_clear_pointer (&args, g_free);

  args = g_strdup_printf ("document export-xml %" G_GINT64_FORMAT " --output %s", fixtures.credit_partial, xml);
  g_assert_cmpint (run_cli (db, args, NULL), ==, 0);
  g_assert_true (g_file_get_contents (xml, &data, &length, NULL));
  g_assert_nonnull (strstr (data, "<ram:TypeCode>381</ram:TypeCode>"));
  g_clear_pointer (&data, g_free);
  g_clear_pointer (&args, g_free);

  /* a quote has no Factur-X; usage errors are told apart */
  args = g_strdup_printf ("document export-xml %" G_GINT64_FORMAT " --output %s", fixtures.quote, xml);
  g_assert_cmpint (run_cli (db, args, NULL), ==, 1);
  g_clear_pointer (&args, g_free);
  g_assert_cmpint (run_cli (db, "document render 1", NULL), ==, 2);
  g_assert_cmpint (run_cli (db, "document render 1 --output x.pdf --page 2", NULL), ==, 2);

  args = g_strdup_printf ("document render-all --kind invoice --from 2026-03-01 --to 2026-03-10 --output-dir %s", all);
  g_assert_cmpint (run_cli (db, args, &out), ==, 0);
  listing = g_dir_open (all, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n++;
  /* FA-2026-0001 to FA-2026-0008: invoices, deposit and balance invoices share the series;
   * --kind invoice takes the invoices of those dates: 0001, 0004, 0006, 0007, 0008 */
  g_assert_cmpuint (n, ==, 5);
  g_assert_nonnull (strstr (out, "5 documents"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("COMPTOIR_TODAY", "2026-03-25", TRUE);
  workdir = cpt_test_make_dir ();
  cpt_render_fixtures_build (&fixtures, workdir);

  g_test_add_func ("/render/invoice", test_invoice);
  g_test_add_func ("/render/long-invoice", test_long_invoice);
  g_test_add_func ("/render/draft", test_draft);
  g_test_add_func ("/render/english", test_english);
  g_test_add_func ("/render/balance", test_balance);
  g_test_add_func ("/render/credit-note", test_credit_note);
  g_test_add_func ("/render/intra-eu", test_intra_eu);
  g_test_add_func ("/render/proforma", test_proforma);
  g_test_add_func ("/render/franchise", test_franchise);
  g_test_add_func ("/render/paid", test_paid);
  g_test_add_func ("/render/errors-reach-the-caller", test_errors_reach_the_caller);
  g_test_add_func ("/render/facturx-attachment", test_facturx_attachment);
  g_test_add_func ("/render/consumer-facturx", test_consumer_facturx);
  g_test_add_func ("/render/reproducible", test_reproducible);
  g_test_add_func ("/render/png", test_png);
  g_test_add_func ("/render/cli", test_cli);
  status = g_test_run ();

  cpt_render_fixtures_clear (&fixtures);
  cpt_test_cleanup_dir (workdir);
  g_free (workdir);
  return status;
}
