/* cpt-layout.h: the one layout of every printed document (quote, pro forma, invoice, deposit
 * invoice, balance invoice, credit note), on A4, drawn with cairo and Pango onto any cairo
 * surface: PDF for files and mail, images for thumbnails and tests. Text is real text (fonts
 * are embedded by cairo). Strings printed on documents follow the document's language and
 * never go through gettext. */
#pragma once

#include <cairo.h>

#include "cpt-render-document.h"

G_BEGIN_DECLS

/* A4 in PostScript points */
#define CPT_LAYOUT_PAGE_WIDTH  595.2756
#define CPT_LAYOUT_PAGE_HEIGHT 841.8898

typedef struct _CptLayout CptLayout;

/* Measures and paginates `document`, which must outlive the layout. Thread-safe as long as
 * each thread uses its own layouts (Pango's cairo font map is per thread). */
CptLayout *cpt_layout_new         (const CptRenderDocument *document);
void       cpt_layout_free        (CptLayout *self);
guint      cpt_layout_get_n_pages (CptLayout *self);
/* Draws page `page` (0-based) with its origin at the top-left corner, in points. */
void       cpt_layout_draw_page   (CptLayout *self, cairo_t *cr, guint page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptLayout, cpt_layout_free)

/* A country's name as printed ("Royaume-Uni", "United Kingdom"), or its ISO code when the
 * table has no name for it. */
const char *cpt_layout_country_name (const char *code, gboolean en);

G_END_DECLS
