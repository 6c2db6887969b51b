/* cpt-lists.h: the list models of documents, clients and products, filtered and sorted,
 * paging through SQLite (see cpt-paged-list.h). */
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

typedef struct
{
  const char      *kind;       /* NULL: every kind; else a kind as stored (credit_note) */
  const char      *status;     /* NULL: any; "draft", "validated" */
  gint64           client_id;  /* 0: every client */
  const char      *date_from;  /* ISO, inclusive; NULL: open */
  const char      *date_to;    /* ISO, inclusive; NULL: open */
  const char      *search;     /* words typed by someone (prefix match); NULL: none */
  CptDocumentSort  sort;
  gboolean         ascending;  /* default FALSE: newest first */
} CptDocumentFilter;

/* Items are CptDocumentRow: cpt_document_query_list () of one kind (or every kind). */
CptPagedList *cpt_lists_documents (CptDatabase *db, const CptDocumentFilter *filter);
/* Items are CptClient, by name. */
CptPagedList *cpt_lists_clients   (CptDatabase *db, const char *search, gboolean with_archived);
/* Items are CptProduct, by name. */
CptPagedList *cpt_lists_products  (CptDatabase *db, const char *search, gboolean with_archived);

G_END_DECLS
