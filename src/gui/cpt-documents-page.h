/* cpt-documents-page.h: the section pages of quotes, invoices, credit notes and deposits. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"
#include "cpt-database.h"
#include "cpt-document-list.h"

G_BEGIN_DECLS

#define CPT_TYPE_DOCUMENTS_PAGE (cpt_documents_page_get_type ())
G_DECLARE_FINAL_TYPE (CptDocumentsPage, cpt_documents_page, CPT, DOCUMENTS_PAGE, AdwNavigationPage)

/* section: quotes, invoices (with pro forma), credit-notes, deposits */
CptDocumentsPage *cpt_documents_page_new              (CptContext  *context,
                                                       const char  *section);
/* Shows every document of these statuses (as in cpt_document_states ()), and only them. */
void              cpt_documents_page_show_states      (CptDocumentsPage  *self,
                                                       const char *const *states);
CptDocumentList  *cpt_documents_page_get_list         (CptDocumentsPage *self);
GtkSearchEntry   *cpt_documents_page_get_search_entry (CptDocumentsPage *self);

G_END_DECLS
