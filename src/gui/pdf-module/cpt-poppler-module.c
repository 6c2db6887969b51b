/* cpt-poppler-module.c: the PDF reader module, Poppler behind cpt-pdf-module.h. */
#include "cpt-pdf-module.h"

#include <gmodule.h>
#include <poppler.h>

static GObject *
open_pdf (GBytes *pdf, GError **error)
{
  return G_OBJECT (poppler_document_new_from_bytes (pdf, NULL, error));
}

static int
get_n_pages (GObject *document)
{
  return poppler_document_get_n_pages (POPPLER_DOCUMENT (document));
}

static gboolean
get_page_size (GObject *document, int index, double *width, double *height)
{
  PopplerPage *page = poppler_document_get_page (POPPLER_DOCUMENT (document), index);

  if (page == NULL)
    return FALSE;
  poppler_page_get_size (page, width, height);
  g_object_unref (page);
  return TRUE;
}

static gboolean
render_page (GObject *document, int index, cairo_t *cr, gboolean for_printing)
{
  PopplerPage *page = poppler_document_get_page (POPPLER_DOCUMENT (document), index);

  if (page == NULL)
    return FALSE;
  if (for_printing)
    poppler_page_render_for_printing (page, cr);
  else
    poppler_page_render (page, cr);
  g_object_unref (page);
  return TRUE;
}

static const CptPdfModule poppler_module = {
  .version = CPT_PDF_MODULE_VERSION,
  .open = open_pdf,
  .get_n_pages = get_n_pages,
  .get_page_size = get_page_size,
  .render_page = render_page,
};

G_MODULE_EXPORT const CptPdfModule *cpt_pdf_module_get (void);

G_MODULE_EXPORT const CptPdfModule *
cpt_pdf_module_get (void)
{
  return &poppler_module;
}
