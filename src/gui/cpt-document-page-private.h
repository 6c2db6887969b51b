/* cpt-document-page-private.h: what the tests look at inside CptDocumentPage. */
#pragma once

#include "cpt-document-page.h"
#include "cpt-documents.h"

G_BEGIN_DECLS

gint64                   cpt_document_page_get_id          (CptDocumentPage *self);
/* CptDocumentLine, as shown (new lines have id 0 until saved). */
GListModel              *cpt_document_page_get_lines       (CptDocumentPage *self);
GtkColumnView           *cpt_document_page_get_lines_view  (CptDocumentPage *self);
gboolean                 cpt_document_page_get_read_only   (CptDocumentPage *self);
/* The page is reading the document (at its opening, or after a write). */
gboolean                 cpt_document_page_is_loading      (CptDocumentPage *self);
/* The totals as shown, computed from the lines as typed. */
const CptDocumentTotals *cpt_document_page_get_totals      (CptDocumentPage *self);
GtkGrid                 *cpt_document_page_get_totals_grid (CptDocumentPage *self);
/* The buttons of the Actions popover. */
GtkWidget               *cpt_document_page_get_actions_box (CptDocumentPage *self);
/* Writes what was typed without waiting for the pause, and waits (running the main loop)
 * until it is stored. */
void                     cpt_document_page_save_now        (CptDocumentPage *self);
/* The PDF that "document.print" prints, rendered from what is typed now, and the name of
 * its print job (see cpt_preview_pane_render_pdf). */
void                     cpt_document_page_render_pdf        (CptDocumentPage      *self,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GBytes                  *cpt_document_page_render_pdf_finish (CptDocumentPage      *self,
                                                              GAsyncResult         *result,
                                                              char                **out_job_name,
                                                              GError              **error);
/* What "document.save-pdf" does with the file chosen in its dialog (toast or error shown). */
void                     cpt_document_page_save_pdf_to_file        (CptDocumentPage      *self,
                                                                    GFile                *file,
                                                                    GAsyncReadyCallback   callback,
                                                                    gpointer              user_data);
gboolean                 cpt_document_page_save_pdf_to_file_finish (CptDocumentPage      *self,
                                                                    GAsyncResult         *result,
                                                                    GError              **error);

G_END_DECLS
