#define G_LOG_DOMAIN "cpt-store"

#include "cpt-store-documents.h"
#include "cpt-store-private.h"
#include "cpt-error.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

CptDocument *
cpt_document_new_from_row (sqlite3_stmt *stmt, int first)
{
  CptDocument *document = cpt_document_new ();

  cpt_record_read (cpt_document_record (), G_OBJECT (document), stmt, first);
  return document;
}

CptDocumentLine *
cpt_document_line_new_from_row (sqlite3_stmt *stmt, int first)
{
  CptDocumentLine *line = cpt_document_line_new ();

  cpt_record_read (cpt_document_line_record (), G_OBJECT (line), stmt, first);
  return line;
}

static void
bind_text_or_null (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

gint64
cpt_store_documents_insert (CptDatabase *db, const CptStoreNewDocument *draft, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "INSERT INTO documents (kind, client_id, date, due_date, valid_until, title, payment_terms, "
    "currency, language, client_name, client_sort_name) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?10, cpt_sort_key (?10))", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, cpt_document_kind_to_string (draft->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, draft->client_id);
  sqlite3_bind_text (stmt, 3, draft->date, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, draft->due_date);
  bind_text_or_null (stmt, 5, draft->valid_until);
  bind_text_or_null (stmt, 6, draft->title);
  bind_text_or_null (stmt, 7, draft->payment_terms);
  sqlite3_bind_text (stmt, 8, draft->currency, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, draft->language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, draft->client_name, -1, SQLITE_TRANSIENT);
  if (!cpt_database_step_done (db, stmt, _("Could not create the document"), error))
    return 0;
  return cpt_database_last_insert_id (db);
}

gboolean
cpt_store_documents_set_number (CptDatabase *db, gint64 id, const char *number, const char *series,
                                const char *period, gint64 sequence, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "UPDATE documents SET number = ?, series = ?, "
                                                 "period = ?, sequence = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, series, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, sequence);
  sqlite3_bind_int64 (stmt, 5, id);
  return cpt_database_step_done (db, stmt, _("Could not number the pro forma"), error);
}

CptDocument *
cpt_store_documents_load (CptDatabase *db, gint64 id, GError **error)
{
  static char *sql = NULL;
  sqlite3_stmt *stmt;
  CptDocument *document;
  gboolean has_row;
  int n_columns;

  if (g_once_init_enter_pointer (&sql))
    {
      g_autofree char *columns = cpt_record_columns (cpt_document_record (), TRUE);
      /* then the seller and the buyer the document keeps (NULL for a draft) */
      g_once_init_leave_pointer (&sql, g_strdup_printf (
        "SELECT %s, (SELECT json FROM party_snapshots WHERE id = seller_id), "
        "  (SELECT json FROM party_snapshots WHERE id = buyer_id) "
        "FROM documents WHERE id = ?", columns));
    }
  stmt = cpt_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_store_step (db, stmt, _("Could not read the document"), &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no document %" PRId64), id);
      return NULL;
    }
  document = cpt_document_new_from_row (stmt, 0);
  n_columns = sqlite3_column_count (stmt);
  g_object_set (document,
                "seller", (const char *) sqlite3_column_text (stmt, n_columns - 2),
                "buyer", (const char *) sqlite3_column_text (stmt, n_columns - 1),
                NULL);
  sqlite3_reset (stmt);
  return document;
}

GPtrArray *
cpt_store_documents_load_lines (CptDatabase *db, gint64 id, GError **error)
{
  static char *sql = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean has_row, ok;

  if (g_once_init_enter_pointer (&sql))
    {
      g_autofree char *columns = cpt_record_columns (cpt_document_line_record (), TRUE);
      g_once_init_leave_pointer (&sql, g_strdup_printf ("SELECT %s FROM document_lines "
                                                        "WHERE document_id = ? "
                                                        "ORDER BY position, id", columns));
    }
  stmt = cpt_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((ok = cpt_store_step (db, stmt, _("Could not read the document’s lines"), &has_row,
                               error)) && has_row)
    g_ptr_array_add (lines, cpt_document_line_new_from_row (stmt, 0));
  return ok ? g_steal_pointer (&lines) : NULL;
}

gboolean
cpt_store_documents_update_header (CptDatabase *db, CptDocument *document, GError **error)
{
  g_autofree char *date = NULL, *due = NULL, *service = NULL, *valid = NULL;
  g_autofree char *title = NULL, *notes = NULL, *terms = NULL, *language = NULL;
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "UPDATE documents SET date = ?, due_date = ?, service_date = ?, valid_until = ?, title = ?, "
    "notes = ?, payment_terms = ?, language = ?, "
    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  g_object_get (document, "date", &date, "due-date", &due, "service-date", &service,
                "valid-until", &valid, "title", &title, "notes", &notes,
                "payment-terms", &terms, "language", &language, NULL);
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, due, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, service, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, valid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, terms, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, cpt_document_get_id (document));
  return cpt_database_step_done (db, stmt, _("Could not save the document"), error);
}

gboolean
cpt_store_documents_delete_draft (CptDatabase *db, gint64 id, GError **error)
{
  return cpt_store_exec_with_id (db, "DELETE FROM documents WHERE id = ? AND status = 'draft'",
                                 id, _("Could not delete the document"), NULL, error);
}

gboolean
cpt_store_documents_store_totals (CptDatabase *db, gint64 id, const CptDocumentTotals *totals,
                                  GPtrArray *lines, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "UPDATE documents SET total_net = ?, total_vat = ?, total_gross = ?, amount_due = ?, "
    "deposits_net = ?, deposits_vat = ?, deposits_gross = ?, "
    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, totals->total_net);
  sqlite3_bind_int64 (stmt, 2, totals->total_vat);
  sqlite3_bind_int64 (stmt, 3, totals->total_gross);
  sqlite3_bind_int64 (stmt, 4, totals->amount_due);
  sqlite3_bind_int64 (stmt, 5, totals->deposits_net);
  sqlite3_bind_int64 (stmt, 6, totals->deposits_vat);
  sqlite3_bind_int64 (stmt, 7, totals->deposits_gross);
  sqlite3_bind_int64 (stmt, 8, id);
  if (!cpt_database_step_done (db, stmt, _("Could not store the totals"), error))
    return FALSE;
  /* Subtotal lines carry the sum above them. */
  for (guint i = 0; i < lines->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (lines, i);

      if (g_strcmp0 (cpt_document_line_get_kind (line), "subtotal") != 0)
        continue;
      stmt = cpt_database_prepare (db, "UPDATE document_lines SET net = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, cpt_document_line_get_net (line));
      sqlite3_bind_int64 (stmt, 2, cpt_document_line_get_id (line));
      if (!cpt_database_step_done (db, stmt, _("Could not store a subtotal"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cpt_store_documents_line_place (CptDatabase *db, gint64 line_id, gint64 *document_id,
                                gint64 *position, gboolean *is_deposit, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT document_id, position, kind = 'deposit' FROM document_lines WHERE id = ?", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, line_id);
  if (!cpt_store_step (db, stmt, _("Could not read the line"), &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no line %" PRId64), line_id);
      return FALSE;
    }
  *document_id = sqlite3_column_int64 (stmt, 0);
  if (position != NULL)
    *position = sqlite3_column_int64 (stmt, 1);
  if (is_deposit != NULL)
    *is_deposit = sqlite3_column_int (stmt, 2) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
cpt_store_documents_count_lines (CptDatabase *db, gint64 document_id, gint64 *count,
                                 GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT count(*) FROM document_lines WHERE document_id = ?", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (!cpt_store_step (db, stmt, _("Could not read the document’s lines"), &has_row, error))
    return FALSE;
  *count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
cpt_store_documents_insert_line (CptDatabase *db, CptDocumentLine *line, GError **error)
{
  static char *sql = NULL;
  const CptRecordClass *record = cpt_document_line_record ();
  sqlite3_stmt *stmt;

  if (g_once_init_enter_pointer (&sql))
    {
      g_autofree char *columns = cpt_record_columns (record, FALSE);
      g_autofree char *placeholders = cpt_record_placeholders (record, FALSE);
      g_once_init_leave_pointer (&sql, g_strdup_printf ("INSERT INTO document_lines (%s) "
                                                        "VALUES (%s)", columns, placeholders));
    }
  stmt = cpt_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  cpt_record_bind (record, G_OBJECT (line), stmt, 1, FALSE);
  if (!cpt_database_step_done (db, stmt, _("Could not add the line"), error))
    return FALSE;
  g_object_set (line, "id", cpt_database_last_insert_id (db), NULL);
  return TRUE;
}

gboolean
cpt_store_documents_update_line (CptDatabase *db, CptDocumentLine *line, GError **error)
{
  const CptRecordClass *record = cpt_document_line_record ();
  g_autofree char *assignments = cpt_record_assignments (record);
  g_autofree char *sql = g_strdup_printf ("UPDATE document_lines SET %s WHERE id = ?", assignments);
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);
  int next;

  if (stmt == NULL)
    return FALSE;
  next = cpt_record_bind (record, G_OBJECT (line), stmt, 1, FALSE);
  sqlite3_bind_int64 (stmt, next, cpt_document_line_get_id (line));
  return cpt_database_step_done (db, stmt, _("Could not save the line"), error);
}

gboolean
cpt_store_documents_make_room (CptDatabase *db, gint64 document_id, gint64 position,
                               GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "UPDATE document_lines SET position = position + 1 "
                                                 "WHERE document_id = ? AND position >= ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, position);
  return cpt_database_step_done (db, stmt, _("Could not make room for the line"), error);
}

static gboolean
renumber_lines (CptDatabase *db, gint64 document_id, GError **error)
{
  /* The new positions are computed in one pass before any row changes (a correlated
   * subquery would see the rows it already renumbered). */
  return cpt_store_exec_with_id (db,
    "UPDATE document_lines SET position = ranked.rank FROM "
    "  (SELECT id, row_number () OVER (ORDER BY position, id) AS rank FROM document_lines "
    "   WHERE document_id = ?) AS ranked "
    "WHERE document_lines.id = ranked.id AND document_lines.position != ranked.rank",
    document_id, _("Could not renumber the lines"), NULL, error);
}

gboolean
cpt_store_documents_remove_line (CptDatabase *db, gint64 document_id, gint64 line_id,
                                 GError **error)
{
  return cpt_store_exec_with_id (db, "DELETE FROM document_lines WHERE id = ?", line_id,
                                 _("Could not remove the line"), NULL, error) &&
         renumber_lines (db, document_id, error);
}

gboolean
cpt_store_documents_move_line (CptDatabase *db, gint64 document_id, gint64 line_id, gint64 from,
                               gint64 to, GError **error)
{
  /* Shift the lines between the old and the new place by one, then drop the line in. */
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "UPDATE document_lines SET position = position + (CASE WHEN ?2 < ?3 THEN 1 ELSE -1 END) "
    "WHERE document_id = ?1 AND id != ?4 AND position BETWEEN min (?2, ?3) AND max (?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, line_id);
  if (!cpt_database_step_done (db, stmt, _("Could not move the line"), error))
    return FALSE;
  stmt = cpt_database_prepare (db, "UPDATE document_lines SET position = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, to);
  sqlite3_bind_int64 (stmt, 2, line_id);
  return cpt_database_step_done (db, stmt, _("Could not move the line"), error) &&
         renumber_lines (db, document_id, error);
}
