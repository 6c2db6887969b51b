/* cpt-new-document-dialog.h: a new quote, pro forma or invoice: its kind, client, date and
 * title; then its editor opens. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"
#include "cpt-kinds.h"

G_BEGIN_DECLS

#define CPT_TYPE_NEW_DOCUMENT_DIALOG (cpt_new_document_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CptNewDocumentDialog, cpt_new_document_dialog, CPT, NEW_DOCUMENT_DIALOG, AdwDialog)

/* kind: quote, proforma, invoice (others fall back to invoice); client_id 0: to choose.
 * The client's name is read, and the document made, in the context's worker
 * (CptNewDocumentDialog:busy meanwhile). */
CptNewDocumentDialog *cpt_new_document_dialog_new       (CptContext     *context,
                                                         CptDocumentKind kind,
                                                         gint64          client_id);
void                  cpt_new_document_dialog_set_client (CptNewDocumentDialog *self,
                                                          gint64                client_id);
void                  cpt_new_document_dialog_set_title_text (CptNewDocumentDialog *self,
                                                              const char           *title);
/* Creates as the Create button does: FALSE when refused at once (no client, a wrong date),
 * TRUE when the document is being made (its editor then opens). */
gboolean              cpt_new_document_dialog_create    (CptNewDocumentDialog *self);

G_END_DECLS
