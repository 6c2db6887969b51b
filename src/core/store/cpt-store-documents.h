/* cpt-store-documents.h: the store's unit for documents and their lines (cpt-documents.c keeps
 * the rules: what a valid line is, when a document may change, the totals). */
#pragma once

#include "cpt-database.h"
#include "cpt-documents.h"

G_BEGIN_DECLS

/* A new draft's row, as cpt_documents_create() decided it. */
typedef struct
{
  CptDocumentKind kind;
  gint64      client_id;
  const char *client_name;
  const char *date;
  const char *due_date;       /* NULL: none */
  const char *valid_until;    /* NULL: none */
  const char *title;          /* NULL or "": none */
  const char *payment_terms;  /* NULL: none */
  const char *currency;
  const char *language;
} CptStoreNewDocument;

/* Inserts a draft; returns its id, 0 on failure. */
gint64       cpt_store_documents_insert        (CptDatabase *db, const CptStoreNewDocument *draft,
                                                GError **error);
/* Gives a pro forma its number as soon as it exists. */
gboolean     cpt_store_documents_set_number    (CptDatabase *db, gint64 id, const char *number,
                                                const char *series, const char *period,
                                                gint64 sequence, GError **error);
/* A missing document is CPT_ERROR_NOT_FOUND. */
CptDocument *cpt_store_documents_load          (CptDatabase *db, gint64 id, GError **error);
/* The lines of document `id`, in their order. */
GPtrArray   *cpt_store_documents_load_lines    (CptDatabase *db, gint64 id, GError **error);
/* Writes what a draft's header can change (dates, title, notes, terms, language). */
gboolean     cpt_store_documents_update_header (CptDatabase *db, CptDocument *document,
                                                GError **error);
gboolean     cpt_store_documents_delete_draft  (CptDatabase *db, gint64 id, GError **error);
/* Writes the totals of document `id` and the net of each subtotal line of `lines`. */
gboolean     cpt_store_documents_store_totals  (CptDatabase *db, gint64 id,
                                                const CptDocumentTotals *totals,
                                                GPtrArray *lines, GError **error);

/* Where a line is: its document (CPT_ERROR_NOT_FOUND when there is no line `line_id`), its
 * position, and whether it deducts a deposit. */
gboolean     cpt_store_documents_line_place    (CptDatabase *db, gint64 line_id,
                                                gint64 *document_id, gint64 *position,
                                                gboolean *is_deposit, GError **error);
gboolean     cpt_store_documents_count_lines   (CptDatabase *db, gint64 document_id,
                                                gint64 *count, GError **error);
/* Inserts `line` (document and position set) and sets its id. */
gboolean     cpt_store_documents_insert_line   (CptDatabase *db, CptDocumentLine *line,
                                                GError **error);
gboolean     cpt_store_documents_update_line   (CptDatabase *db, CptDocumentLine *line,
                                                GError **error);
/* Shifts the lines at and after `position` down by one, to make room. */
gboolean     cpt_store_documents_make_room     (CptDatabase *db, gint64 document_id,
                                                gint64 position, GError **error);
/* Removes a line and closes the gap. */
gboolean     cpt_store_documents_remove_line   (CptDatabase *db, gint64 document_id,
                                                gint64 line_id, GError **error);
/* Moves a line from `from` to `to`, shifting those between, and closes any gap. */
gboolean     cpt_store_documents_move_line     (CptDatabase *db, gint64 document_id,
                                                gint64 line_id, gint64 from, gint64 to,
                                                GError **error);

G_END_DECLS
