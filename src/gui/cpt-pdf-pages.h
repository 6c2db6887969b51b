/* cpt-pdf-pages.h: a PDF opened to draw its pages, for the preview and for printing.
 *
 * Poppler does the reading, in a module loaded the first time a PDF is opened
 * (pdf-module/cpt-pdf-module.h says why); every function may be called from a thread, one
 * thread at a time for a given CptPdfPages. */
#pragma once

#include <glib-object.h>
#include <cairo.h>

G_BEGIN_DECLS

#define CPT_TYPE_PDF_PAGES (cpt_pdf_pages_get_type ())
G_DECLARE_FINAL_TYPE (CptPdfPages, cpt_pdf_pages, CPT, PDF_PAGES, GObject)

/* NULL with an error in plain words when `pdf` cannot be read, or when the PDF reader
 * cannot be loaded. */
CptPdfPages *cpt_pdf_pages_new_from_bytes (GBytes       *pdf,
                                           GError      **error);
int          cpt_pdf_pages_get_n_pages    (CptPdfPages  *self);
/* In points; FALSE when the page cannot be read. */
gboolean     cpt_pdf_pages_get_page_size  (CptPdfPages  *self,
                                           int           index,
                                           double       *width,
                                           double       *height);
/* Draws page `index` on `cr` at one unit a point, as the screen shows it or, with
 * `for_printing`, as a printer does (poppler_page_render_for_printing). FALSE when the page
 * cannot be read. */
gboolean     cpt_pdf_pages_render_page    (CptPdfPages  *self,
                                           int           index,
                                           cairo_t      *cr,
                                           gboolean      for_printing);

G_END_DECLS
