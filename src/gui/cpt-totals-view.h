/* cpt-totals-view.h: the totals of a document's page: without VAT, the VAT breakdown, with
 * VAT or due, and for a validated invoice what was credited, paid and is left. The figures
 * come from the code the PDF's totals block uses (cpt_document_totals_figures ()), computed
 * from the lines as typed. */
#pragma once

#include <gtk/gtk.h>

#include "cpt-document-snapshot.h"
#include "cpt-documents.h"

G_BEGIN_DECLS

#define CPT_TYPE_TOTALS_VIEW (cpt_totals_view_get_type ())
G_DECLARE_FINAL_TYPE (CptTotalsView, cpt_totals_view, CPT, TOTALS_VIEW, GtkWidget)

/* The document as read (its kind, currency, balance). */
CptDocumentSnapshot     *cpt_totals_view_get_document (CptTotalsView       *self);
void                     cpt_totals_view_set_document (CptTotalsView       *self,
                                                       CptDocumentSnapshot *document);
/* The lines as typed (CptDocumentLine); the view computes again when told. */
GListModel              *cpt_totals_view_get_lines    (CptTotalsView       *self);
void                     cpt_totals_view_set_lines    (CptTotalsView       *self,
                                                       GListModel          *lines);
/* A line's figures changed: computes and shows the totals again. */
void                     cpt_totals_view_update       (CptTotalsView       *self);
/* The totals as shown. */
const CptDocumentTotals *cpt_totals_view_get_totals   (CptTotalsView       *self);
GtkGrid                 *cpt_totals_view_get_grid     (CptTotalsView       *self);

G_END_DECLS
