/* cpt-document-page.h: a document, editable while a draft, read-only once validated. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"
#include "cpt-kinds.h"

G_BEGIN_DECLS

#define CPT_TYPE_DOCUMENT_PAGE (cpt_document_page_get_type ())
G_DECLARE_FINAL_TYPE (CptDocumentPage, cpt_document_page, CPT, DOCUMENT_PAGE, AdwNavigationPage)

/* The page of document `id` of the file `context` works on (CptDocumentPage:context). */
CptDocumentPage *cpt_document_page_new (CptContext *context,
                                        gint64      id);
/* The kind of the document shown, for the window's sidebar; an invoice's before it is
 * loaded. */
CptDocumentKind  cpt_document_page_get_document_kind (CptDocumentPage *self);
/* The same as its stored string (quote, invoice, credit_note...); NULL before it is loaded. */
const char      *cpt_document_page_get_kind (CptDocumentPage *self);

G_END_DECLS
