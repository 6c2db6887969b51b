/* cpt-print.h: printing a document. GtkPrintOperation draws the very PDF that is archived and
 * mailed, page by page through Poppler (poppler_page_render_for_printing), so that what is
 * printed is that PDF. Poppler renders the pages in a thread, into recording surfaces, as
 * soon as the operation is made; its draw-page only replays them (vectors kept). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows the print dialog for `pdf` and prints it. `job_name` names the job ("Facture
 * FA-2026-0001"). The callback gets the outcome with cpt_print_pdf_finish(). */
void     cpt_print_pdf        (GtkWindow           *parent,
                               GBytes              *pdf,
                               const char          *job_name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
/* TRUE when printed or cancelled by the person (*out_printed tells which); FALSE with an
 * error in plain words. */
gboolean cpt_print_pdf_finish (GAsyncResult        *result,
                               gboolean            *out_printed,
                               GError             **error);

/* The operation behind cpt_print_pdf (A4, full page, in points), to run in other ways
 * (GTK_PRINT_OPERATION_ACTION_EXPORT in tests). NULL with an error when `pdf` is unreadable. */
GtkPrintOperation *cpt_print_operation_new (GBytes      *pdf,
                                            const char  *job_name,
                                            GError     **error);

G_END_DECLS
