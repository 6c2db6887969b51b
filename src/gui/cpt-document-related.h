/* cpt-document-related.h: the part of a document's page that says what happened to it: the
 * payments it received, the documents linked to it and its history. */
#pragma once

#include <gtk/gtk.h>

#include "cpt-document-snapshot.h"

G_BEGIN_DECLS

#define CPT_TYPE_DOCUMENT_RELATED (cpt_document_related_get_type ())
G_DECLARE_FINAL_TYPE (CptDocumentRelated, cpt_document_related, CPT, DOCUMENT_RELATED, GtkWidget)

CptDocumentSnapshot *cpt_document_related_get_document (CptDocumentRelated  *self);
void                 cpt_document_related_set_document (CptDocumentRelated  *self,
                                                        CptDocumentSnapshot *document);

G_END_DECLS
