/* cpt-document-list.h: a column view of documents over a paged query, with sortable
 * columns, status badges and a footer with the totals of the list and of the selection. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"

#include "cpt-database.h"
#include "cpt-document-query.h"

G_BEGIN_DECLS

#define CPT_TYPE_DOCUMENT_LIST (cpt_document_list_get_type ())
G_DECLARE_FINAL_TYPE (CptDocumentList, cpt_document_list, CPT, DOCUMENT_LIST, AdwBin)

CptDocumentList *cpt_document_list_new             (void);
/* The file the list shows (its database), whose worker adds up the list. */
void             cpt_document_list_set_context     (CptDocumentList *self,
                                                    CptContext      *context);
/* Shows the documents of `query` (copied). Its sort is replaced by the column the person
 * sorted by, if any. */
void             cpt_document_list_set_query       (CptDocumentList        *self,
                                                    const CptDocumentQuery *query);
/* Reads the list again (after a write), keeping the query. */
void             cpt_document_list_reload          (CptDocumentList *self);
/* Columns: number, kind, client, title, date, due, net, gross, balance, status. */
void             cpt_document_list_set_column_visible (CptDocumentList *self,
                                                       const char      *column,
                                                       gboolean         visible);
/* What shows when the list is empty. */
void             cpt_document_list_set_empty_state (CptDocumentList *self,
                                                    const char      *icon_name,
                                                    const char      *title,
                                                    const char      *description);
/* The rows (CptDocumentRow) and the selection; the first rows only, for the frames after
 * the list is filled (cpt-row-pacer.h). */
GtkSelectionModel *cpt_document_list_get_selection (CptDocumentList *self);
/* All the rows of the list (NULL before it has a database and a query). */
CptPagedList    *cpt_document_list_get_rows      (CptDocumentList *self);
GtkColumnView   *cpt_document_list_get_column_view (CptDocumentList *self);
/* "12 invoices · …": the footer texts (for the tests). */
const char      *cpt_document_list_get_total_text  (CptDocumentList *self);
const char      *cpt_document_list_get_selection_text (CptDocumentList *self);

G_END_DECLS
