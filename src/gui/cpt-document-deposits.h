/* cpt-document-deposits.h: the part of an invoice's page that lists the deposit invoices it
 * deducts, with Detach, and offers the client's other deposits (Attach…). It writes nothing
 * itself: it activates document.attach-deposit and document.detach-deposit (an id) on its
 * page. */
#pragma once

#include <gtk/gtk.h>

#include "cpt-document-snapshot.h"

G_BEGIN_DECLS

#define CPT_TYPE_DOCUMENT_DEPOSITS (cpt_document_deposits_get_type ())
G_DECLARE_FINAL_TYPE (CptDocumentDeposits, cpt_document_deposits, CPT, DOCUMENT_DEPOSITS, GtkWidget)

CptDocumentSnapshot *cpt_document_deposits_get_document (CptDocumentDeposits *self);
void                 cpt_document_deposits_set_document (CptDocumentDeposits *self,
                                                         CptDocumentSnapshot *document);

G_END_DECLS
