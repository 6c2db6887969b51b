/* cpt-preview-pane.h: the side pane of the document editor: the document as it will be
 * printed, and what goes through its PDF (saving, printing). */
#pragma once

#include <adwaita.h>

#include "cpt-database.h"
#include "cpt-worker.h"

G_BEGIN_DECLS

#define CPT_TYPE_PREVIEW_PANE (cpt_preview_pane_get_type ())
G_DECLARE_FINAL_TYPE (CptPreviewPane, cpt_preview_pane, CPT, PREVIEW_PANE, GtkWidget)

/* Reads the document to render in `worker`, never on the main loop. */
CptPreviewPane *cpt_preview_pane_new           (CptWorker      *worker,
                                                gint64          document_id);
/* The document changed: render it again after a pause. */
void            cpt_preview_pane_queue_refresh (CptPreviewPane *self);
/* Asks where to save the PDF (GtkFileDialog), then cpt_preview_pane_save_pdf_to_file(). */
void            cpt_preview_pane_save_pdf      (CptPreviewPane *self);
/* Renders the PDF of the document as it is now in a thread and writes it to `file`, then
 * says so in a toast, or shows why not. `callback` (may be NULL) gets the outcome with
 * cpt_preview_pane_save_pdf_to_file_finish(). */
void            cpt_preview_pane_save_pdf_to_file        (CptPreviewPane      *self,
                                                          GFile               *file,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean        cpt_preview_pane_save_pdf_to_file_finish (CptPreviewPane      *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
/* Prints the PDF (GtkPrintOperation), when this build can: cpt_preview_pane_render_pdf(),
 * then cpt_print_pdf(). */
gboolean        cpt_preview_pane_can_print     (void);
void            cpt_preview_pane_print         (CptPreviewPane *self);
/* The PDF of the document as it is now, rendered in a thread: what is printed. The finish
 * gives it and the name of its print job ("Facture FA-2026-0001"). */
void            cpt_preview_pane_render_pdf        (CptPreviewPane       *self,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GBytes         *cpt_preview_pane_render_pdf_finish (CptPreviewPane       *self,
                                                    GAsyncResult         *result,
                                                    char                **out_job_name,
                                                    GError              **error);

G_END_DECLS
