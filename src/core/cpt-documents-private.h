/* cpt-documents-private.h: pieces of the document store shared with the lifecycle. */
#pragma once

#include "cpt-documents.h"

G_BEGIN_DECLS

/* The document if it is a draft (or a pro forma), else a CPT_ERROR_REFUSED naming it. */
CptDocument *cpt_documents_load_draft   (CptDatabase *db, gint64 id, GError **error);
/* Checks and normalises a line typed by someone (deposit lines are made by the lifecycle and
 * pass as they are). */
gboolean     cpt_documents_check_line   (CptDatabase *db, CptDocumentLine *line, GError **error);
/* Inserts a checked line as it is (document_id and position set by the caller). */
gboolean     cpt_documents_insert_line  (CptDatabase *db, CptDocumentLine *line, GError **error);
/* Recomputes and stores the totals of a draft. */
gboolean     cpt_documents_store_totals (CptDatabase *db, gint64 document_id, GError **error);
/* A new line with the values of `line` (no id, document or position). */
CptDocumentLine *cpt_documents_copy_line (CptDocumentLine *line);

G_END_DECLS
