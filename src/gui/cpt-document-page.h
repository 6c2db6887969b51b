/* cpt-document-page.h: a document, editable while a draft, read-only once validated. */
#pragma once

#include <adwaita.h>

#include "cpt-database.h"

G_BEGIN_DECLS

#define CPT_TYPE_DOCUMENT_PAGE (cpt_document_page_get_type ())
G_DECLARE_FINAL_TYPE (CptDocumentPage, cpt_document_page, CPT, DOCUMENT_PAGE, AdwNavigationPage)

CptDocumentPage *cpt_document_page_new (CptDatabase *db,
                                        gint64       id);
/* The kind of the document shown (quote, invoice, credit_note...), for the window's sidebar;
 * NULL before it is loaded. */
const char      *cpt_document_page_get_kind (CptDocumentPage *self);

G_END_DECLS
