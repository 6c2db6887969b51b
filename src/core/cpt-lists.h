/* cpt-lists.h: the list models of clients and products, and the orders of the documents'
 * lists, paging through SQLite (see cpt-paged-list.h). The documents' lists, for the window
 * and the CLI alike, are cpt_document_query_list () (cpt-document-query.h). */
#pragma once

#include "cpt-paged-list.h"

G_BEGIN_DECLS

typedef enum
{
  CPT_DOCUMENT_SORT_DATE,
  CPT_DOCUMENT_SORT_NUMBER,
  CPT_DOCUMENT_SORT_CLIENT,
  CPT_DOCUMENT_SORT_TOTAL,
  CPT_DOCUMENT_SORT_DUE_DATE,
} CptDocumentSort;

/* Items are CptClient, by name. */
CptPagedList *cpt_lists_clients   (CptDatabase *db, const char *search, gboolean with_archived);
/* Items are CptProduct, by name. */
CptPagedList *cpt_lists_products  (CptDatabase *db, const char *search, gboolean with_archived);
/* The same for windows: counted and read in threads, nothing on the calling thread
 * (CptPagedQuery count_in_thread); the rows come with items-changed,
 * cpt_paged_list_is_counting () is FALSE once they are there, and a row not read yet is a
 * placeholder (cpt_paged_list_is_placeholder ()). */
CptPagedList *cpt_lists_clients_in_thread  (CptDatabase *db, const char *search,
                                            gboolean with_archived);
CptPagedList *cpt_lists_products_in_thread (CptDatabase *db, const char *search,
                                            gboolean with_archived);

G_END_DECLS
