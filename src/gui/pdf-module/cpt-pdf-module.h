/* cpt-pdf-module.h: what the PDF reader module gives the application.
 *
 * Poppler, with the libraries it brings (NSS, GPGME, OpenJPEG, Little CMS: 14 in all), is
 * loaded only when a PDF is first shown or printed, from a module of its own
 * (comptoir-pdf.so, opened by CptPdfPages): linked into the application it cost every start
 * ~13 ms before the first frame (loading, and every symbol GTK looks up walking past its
 * libraries), for a preview that most starts never open. GTK loads its media backends the
 * same way. The module's symbols stay local to it (G_MODULE_BIND_LOCAL).
 *
 * A document is Poppler's own object, seen here as a GObject; the functions may be called
 * from any one thread at a time per document. */
#pragma once

#include <glib-object.h>
#include <cairo.h>

G_BEGIN_DECLS

/* Raised whenever the functions below change, so that a module left from another version of
 * the application is refused rather than called wrongly. */
#define CPT_PDF_MODULE_VERSION 1

/* The one symbol the module exports: returns its functions. */
#define CPT_PDF_MODULE_ENTRY "cpt_pdf_module_get"

typedef struct
{
  guint      version;   /* CPT_PDF_MODULE_VERSION */
  /* NULL with `error` set when `pdf` cannot be read. */
  GObject *(*open)          (GBytes     *pdf,
                             GError    **error);
  int       (*get_n_pages)  (GObject    *document);
  /* FALSE when the page cannot be read. In points. */
  gboolean  (*get_page_size)(GObject    *document,
                             int         index,
                             double     *width,
                             double     *height);
  /* Draws the page at 1 unit a point; for printing, without what is meant for the screen
   * only. FALSE when the page cannot be read. */
  gboolean  (*render_page)  (GObject    *document,
                             int         index,
                             cairo_t    *cr,
                             gboolean    for_printing);
} CptPdfModule;

typedef const CptPdfModule *(*CptPdfModuleGetFunc) (void);

G_END_DECLS
