/* cpt-preview-pane.h: the side pane of the document editor: the document as it will be
 * printed, and what goes through its PDF (saving, printing). */
#pragma once

#include <adwaita.h>

#include "cpt-database.h"

G_BEGIN_DECLS

#define CPT_TYPE_PREVIEW_PANE (cpt_preview_pane_get_type ())
G_DECLARE_FINAL_TYPE (CptPreviewPane, cpt_preview_pane, CPT, PREVIEW_PANE, GtkWidget)

CptPreviewPane *cpt_preview_pane_new           (CptDatabase    *db,
                                                gint64          document_id);
/* The document changed: render it again after a pause. */
void            cpt_preview_pane_queue_refresh (CptPreviewPane *self);
/* Asks where to save the PDF (GtkFileDialog), renders it in a thread and writes it. */
void            cpt_preview_pane_save_pdf      (CptPreviewPane *self);
/* Prints the PDF (GtkPrintOperation), when this build can. */
gboolean        cpt_preview_pane_can_print     (void);
void            cpt_preview_pane_print         (CptPreviewPane *self);

G_END_DECLS
