/* cpt-preview.h: a widget that shows a document's PDF, page under page, through Poppler, so
 * that the preview is the PDF that is printed and mailed. Zoomable (Ctrl+scroll, Ctrl+plus,
 * Ctrl+minus, Ctrl+0). Rendering (layout, PDF, pages to images) runs in a thread; the last
 * images stay on screen until the new ones come, and changes arriving meanwhile are merged
 * into one next rendering, so a draft being edited redraws within a few tens of
 * milliseconds. */
#pragma once

#include <gtk/gtk.h>

#include "cpt-render-document.h"

G_BEGIN_DECLS

#define CPT_TYPE_PREVIEW (cpt_preview_get_type ())
G_DECLARE_FINAL_TYPE (CptPreview, cpt_preview, CPT, PREVIEW, GtkWidget)

#define CPT_PREVIEW_ZOOM_MIN 0.25
#define CPT_PREVIEW_ZOOM_MAX 4.0

GtkWidget *cpt_preview_new          (void);
/* Lays out `document` (taken: the preview frees it) and shows it. */
void       cpt_preview_set_document (CptPreview *self, CptRenderDocument *document);
/* Shows an existing PDF. */
void       cpt_preview_set_pdf      (CptPreview *self, GBytes *pdf);
/* The PDF shown (NULL before the first rendering): what to print or save. */
GBytes    *cpt_preview_get_pdf      (CptPreview *self);
guint      cpt_preview_get_n_pages  (CptPreview *self);
/* 1.0 shows A4 at its real size on a 96 dpi screen. */
double     cpt_preview_get_zoom     (CptPreview *self);
void       cpt_preview_set_zoom     (CptPreview *self, double zoom);
/* How many renders of any preview are still at work in the rendering thread (for tests:
 * none may be when the application has quit). */
guint      cpt_preview_get_n_rendering (void);

G_END_DECLS
