/* cpt-pdf.h: a document as a PDF file (Factur-X PDF/A-3 for validated invoices, deposit
 * invoices and credit notes) or as PNG pages. What is printed, previewed, mailed and archived
 * is this PDF. */
#pragma once

#include <cairo.h>

#include "cpt-layout.h"
#include "cpt-render-document.h"

G_BEGIN_DECLS

typedef enum
{
  CPT_PDF_DEFAULT     = 0,
  CPT_PDF_NO_FACTURX  = 1 << 0,   /* a plain PDF even for an e-invoice */
} CptPdfFlags;

/* The PDF; for an e-invoice (see cpt_render_document_is_einvoice) a Factur-X PDF/A-3 with
 * its XML, unless CPT_PDF_NO_FACTURX. */
GBytes *cpt_pdf_render        (const CptRenderDocument *document, CptPdfFlags flags, GError **error);
/* Same, from an existing layout (its n pages). */
GBytes *cpt_pdf_render_layout (const CptRenderDocument *document, CptLayout *layout, CptPdfFlags flags,
                               GError **error);
/* Page `page` (0-based) at `dpi` dots per inch, white background, as a cairo image. */
cairo_surface_t *cpt_pdf_render_image (CptLayout *layout, guint page, double dpi, GError **error);
/* The same as PNG data. */
GBytes *cpt_pdf_render_png    (const CptRenderDocument *document, guint page, double dpi, GError **error);

/* A cairo write function that appends to the GByteArray `closure`. */
cairo_status_t cpt_pdf_append_to_array (void *closure, const unsigned char *data, unsigned int length);

G_END_DECLS
