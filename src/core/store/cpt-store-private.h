/* cpt-store-private.h: what the store's units share and nothing outside src/core/store/ may
 * use: stepping statements without dropping errors, reading text columns, and turning a
 * record's field table (cpt-record.h) into SQL. */
#pragma once

#include "cpt-database.h"
#include "cpt-store-database.h"
#include "cpt-document.h"
#include "cpt-document-line.h"
#include "cpt-record.h"

#include <sqlite3.h>

G_BEGIN_DECLS

/* Steps `stmt`. A row: *has_row = TRUE. The end: *has_row = FALSE and the statement is reset.
 * A failure (busy, full disk, damaged file...) sets `error` prefixed by `what` and resets the
 * statement: a loop over rows stops on it instead of taking a short list for the whole. */
gboolean  cpt_store_step          (CptDatabase  *db,
                                   sqlite3_stmt *stmt,
                                   const char   *what,
                                   gboolean     *has_row,
                                   GError      **error);
/* Runs `sql` with `id` bound to its one parameter; *changed tells whether a row was touched
 * (NULL: not wanted). */
gboolean  cpt_store_exec_with_id  (CptDatabase *db,
                                   const char  *sql,
                                   gint64       id,
                                   const char  *what,
                                   gboolean    *changed,
                                   GError     **error);
/* A copy of text column `column` (NULL for SQL NULL). */
char     *cpt_store_dup_text      (sqlite3_stmt *stmt,
                                   int           column);

/* "a, b, c" of the columns (fields without CPT_FIELD_NO_COLUMN). with_id = TRUE: every
 * column (for SELECT); FALSE: the written ones, without id and generated fields. */
char     *cpt_record_columns        (const CptRecordClass *record, gboolean with_id);
/* "?, ?, ?" matching cpt_record_columns(). */
char     *cpt_record_placeholders   (const CptRecordClass *record, gboolean with_id);
/* "a = ?, b = ?" for UPDATE (without id). */
char     *cpt_record_assignments    (const CptRecordClass *record);
/* Binds the columns in order from parameter index `first`; returns the next index. */
int       cpt_record_bind           (const CptRecordClass *record, GObject *object,
                                     sqlite3_stmt *stmt, int first, gboolean with_id);
/* Reads columns in cpt_record_columns(with_id = TRUE) order from column `first`. */
void      cpt_record_read           (const CptRecordClass *record, GObject *object,
                                     sqlite3_stmt *stmt, int first);

/* A document or a line read from a row in cpt_record_columns (TRUE) order from `first`. */
CptDocument     *cpt_document_new_from_row      (sqlite3_stmt *stmt, int first);
CptDocumentLine *cpt_document_line_new_from_row (sqlite3_stmt *stmt, int first);

G_END_DECLS
