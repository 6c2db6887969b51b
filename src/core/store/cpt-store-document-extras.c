#define G_LOG_DOMAIN "cpt-store"

#include "cpt-store-document-extras.h"
#include "cpt-store-private.h"
#include "cpt-error.h"

#include <glib/gi18n-lib.h>

gboolean
cpt_store_document_extras_deducts_deposits (CptDatabase *db, gint64 id, gboolean *out_deducts,
                                            GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT EXISTS (SELECT 1 FROM document_lines WHERE document_id = ? "
    "AND deposit_id IS NOT NULL)", error);
  gboolean has_row;

  *out_deducts = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_store_step (db, stmt, _("Could not read the document’s deposits"), &has_row, error))
    return FALSE;
  if (has_row)
    {
      *out_deducts = sqlite3_column_int (stmt, 0) != 0;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

gboolean
cpt_store_document_extras_set_client (CptDatabase *db, gint64 id, gint64 client_id,
                                      const char *client_name, const char *currency,
                                      GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "UPDATE documents SET client_id = ?, client_name = ?2, client_sort_name = cpt_sort_key (?2), "
    "currency = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_text (stmt, 2, client_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, currency, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, id);
  return cpt_database_step_done (db, stmt, _("Could not change the client"), error);
}

GPtrArray *
cpt_store_document_extras_history (CptDatabase *db, gint64 id, GError **error)
{
  g_autoptr(GPtrArray) events =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_history_event_free);
  /* Creation is not an audit event; the document's own timestamp tells it. That one has
   * whole seconds and events have milliseconds: compared on the seconds, creation first. */
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT id, at, action, details FROM ("
    " SELECT 0 AS id, created_at AS at, 'create' AS action, NULL AS details, 0 AS rank"
    " FROM documents WHERE id = ?1"
    " UNION ALL SELECT id, at, action, details, 1 FROM audit_events WHERE document_id = ?1) "
    "ORDER BY substr (at, 1, 19), rank, id", error);
  gboolean ok, has_row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((ok = cpt_store_step (db, stmt, _("Could not read the history of the document"),
                               &has_row, error)) && has_row)
    {
      CptHistoryEvent *event = g_new0 (CptHistoryEvent, 1);

      event->id = sqlite3_column_int64 (stmt, 0);
      event->at = cpt_store_dup_text (stmt, 1);
      event->action = cpt_store_dup_text (stmt, 2);
      event->details = cpt_store_dup_text (stmt, 3);
      g_ptr_array_add (events, event);
    }
  return ok ? g_steal_pointer (&events) : NULL;
}

GPtrArray *
cpt_store_document_extras_related (CptDatabase *db, gint64 id, GError **error)
{
  g_autoptr(GPtrArray) related = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *columns = cpt_record_columns (cpt_document_record (), TRUE);
  g_autofree char *sql = g_strdup_printf (
    "SELECT %s FROM documents WHERE id != ?1 AND ("
    "  quote_id = ?1 OR proforma_id = ?1 OR credited_id = ?1"
    "  OR id IN (SELECT quote_id FROM documents WHERE id = ?1)"
    "  OR id IN (SELECT proforma_id FROM documents WHERE id = ?1)"
    "  OR id IN (SELECT credited_id FROM documents WHERE id = ?1)"
    "  OR id IN (SELECT deposit_id FROM document_lines WHERE document_id = ?1 AND deposit_id IS NOT NULL)"
    "  OR id IN (SELECT l.document_id FROM document_lines l WHERE l.deposit_id = ?1))"
    " ORDER BY date, id", columns);
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);
  gboolean ok, has_row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((ok = cpt_store_step (db, stmt, _("Could not read the linked documents"), &has_row,
                               error)) && has_row)
    g_ptr_array_add (related, cpt_document_new_from_row (stmt, 0));
  return ok ? g_steal_pointer (&related) : NULL;
}
