#define G_LOG_DOMAIN "cpt-pdf"

#include "cpt-pdf.h"
#include "cpt-error.h"
#include "cpt-facturx.h"
#include "cpt-pdfa.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

cairo_status_t
cpt_pdf_append_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The moment the document came to be: its validation, so that rendering the same validated
 * document again gives the same file; now for drafts. */
static GDateTime *
document_time (const CptRenderDocument *doc)
{
  GDateTime *when = NULL;

  if (doc->validated_at != NULL)
    when = g_date_time_new_from_iso8601 (doc->validated_at, NULL);
  return when != NULL ? when : g_date_time_new_now_utc ();
}

static char *
document_title (const CptRenderDocument *doc)
{
  return doc->number != NULL ? g_strdup_printf ("%s %s", cpt_render_document_title (doc), doc->number)
                             : g_strdup (cpt_render_document_title (doc));
}

GBytes *
cpt_pdf_render_layout (const CptRenderDocument *doc, CptLayout *layout, CptPdfFlags flags, GError **error)
{
  GByteArray *array = g_byte_array_sized_new (64 * 1024);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GDateTime) when = document_time (doc);
  g_autofree char *title = document_title (doc);
  g_autofree char *date = NULL;
  g_autofree char *subject = g_strdup_printf ("%s — %s", doc->seller.name ? doc->seller.name : "",
                                              doc->buyer.name ? doc->buyer.name : "");
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (cpt_pdf_append_to_array, array, CPT_LAYOUT_PAGE_WIDTH,
                                                 CPT_LAYOUT_PAGE_HEIGHT);
  date = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, doc->seller.name ? doc->seller.name : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Comptoir " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  cr = cairo_create (surface);
  for (guint i = 0; i < cpt_layout_get_n_pages (layout); i++)
    {
      cpt_layout_draw_page (layout, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  pdf = g_byte_array_free_to_bytes (array);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("The PDF could not be written: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }

  if ((flags & CPT_PDF_NO_FACTURX) == 0 && cpt_render_document_is_einvoice (doc))
    {
      g_autoptr(GBytes) xml = cpt_facturx_build (doc, error);
      gboolean en = g_strcmp0 (doc->language, "en") == 0;
      CptPdfaInfo info = {
        .title = title,
        .author = doc->seller.name,
        .subject = subject,
        .language = doc->language,
        .date = when,
        .attachment_name = CPT_FACTURX_FILE_NAME,
        .attachment_description = en ? "Factur-X invoice (EN 16931)" : "Facture Factur-X (EN 16931)",
        .relationship = "Alternative",
        .conformance = CPT_FACTURX_CONFORMANCE,
        .document_type = "INVOICE",
      };

      if (xml == NULL)
        return NULL;
      return cpt_pdfa_make_facturx (pdf, xml, &info, error);
    }
  return g_steal_pointer (&pdf);
}

GBytes *
cpt_pdf_render (const CptRenderDocument *doc, CptPdfFlags flags, GError **error)
{
  g_autoptr(CptLayout) layout = cpt_layout_new (doc);

  return cpt_pdf_render_layout (doc, layout, flags, error);
}

cairo_surface_t *
cpt_pdf_render_image (CptLayout *layout, guint page, double dpi, GError **error)
{
  double scale = dpi / 72.0;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (page >= cpt_layout_get_n_pages (layout))
    {
      guint n = cpt_layout_get_n_pages (layout);
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND,
                   g_dngettext (GETTEXT_PACKAGE, "There is no page %u: the document has %u page",
                                "There is no page %u: the document has %u pages", n), page + 1, n);
      return NULL;
    }
  if (dpi < 10 || dpi > 1200)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("A resolution is between 10 and 1200 dpi"));
      return NULL;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (CPT_LAYOUT_PAGE_WIDTH * scale + 0.5),
                                        (int) (CPT_LAYOUT_PAGE_HEIGHT * scale + 0.5));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cpt_layout_draw_page (layout, cr, page);
  cairo_destroy (cr);
  return surface;
}

GBytes *
cpt_pdf_render_png (const CptRenderDocument *doc, guint page, double dpi, GError **error)
{
  g_autoptr(CptLayout) layout = cpt_layout_new (doc);
  cairo_surface_t *surface = cpt_pdf_render_image (layout, page, dpi, error);
  GByteArray *array;
  cairo_status_t status;

  if (surface == NULL)
    return NULL;
  array = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, cpt_pdf_append_to_array, array);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (array);
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("The image could not be written: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (array);
}
