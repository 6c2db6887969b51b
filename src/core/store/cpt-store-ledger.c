/* cpt-store-ledger.c: the SQL that writes the ledger, its seals and the audit trail. */
#define G_LOG_DOMAIN "cpt-store"

#include <glib/gi18n-lib.h>

#include "cpt-store-ledger.h"
#include "cpt-store-private.h"

/* The text of the one row `sql` gives, *out NULL when it gives none. */
static gboolean
one_text (CptDatabase *db, const char *sql, const char *what, char **out, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);
  gboolean has_row = FALSE;

  *out = NULL;
  if (stmt == NULL || !cpt_store_step (db, stmt, what, &has_row, error))
    return FALSE;
  if (has_row)
    {
      *out = cpt_store_dup_text (stmt, 0);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

gboolean
cpt_store_ledger_company_uuid (CptDatabase *db, char **out, GError **error)
{
  return one_text (db, "SELECT uuid FROM company WHERE id = 1", _("Could not read the company"), out, error);
}

gboolean
cpt_store_ledger_last_hash (CptDatabase *db, char **out, GError **error)
{
  return one_text (db, "SELECT hash FROM ledger ORDER BY seq DESC LIMIT 1", _("Could not read the ledger"),
                   out, error);
}

gboolean
cpt_store_ledger_insert (CptDatabase *db, gint64 document_id, const char *previous_hash,
                         const char *hash, gint64 *out_seq, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "INSERT INTO ledger (document_id, previous_hash, hash) "
                                                 "VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_text (stmt, 2, previous_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_TRANSIENT);
  if (!cpt_database_step_done (db, stmt, _("Could not record the document in the ledger"), error))
    return FALSE;
  *out_seq = cpt_database_last_insert_id (db);
  return TRUE;
}

gboolean
cpt_store_ledger_insert_seal (CptDatabase *db, gint64 seq, const char *key_id, const char *mac,
                              GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "INSERT INTO ledger_seals (seq, key_id, mac) "
                                                 "VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, key_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, mac, -1, SQLITE_TRANSIENT);
  return cpt_database_step_done (db, stmt, _("Could not seal the ledger"), error);
}

gboolean
cpt_store_ledger_foreach_unsealed (CptDatabase *db, gint64 before_seq, CptStoreLedgerEntryFunc func,
                                   gpointer user_data, guint *out_count, GError **error)
{
  sqlite3 *handle = cpt_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  *out_count = 0;
  /* Not the connection's cache: `func` writes with cached statements while this one runs. */
  if (sqlite3_prepare_v2 (handle, "SELECT l.seq, l.document_id, l.hash FROM ledger l "
                                  "WHERE l.seq < ? AND NOT EXISTS (SELECT 1 FROM ledger_seals) "
                                  "ORDER BY l.seq", -1, &stmt, NULL) != SQLITE_OK)
    {
      cpt_database_set_error (db, error, _("Could not seal the ledger"));
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, before_seq);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ok = func (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                 (const char *) sqlite3_column_text (stmt, 2), user_data, error);
      if (ok)
        (*out_count)++;
    }
  if (ok && rc != SQLITE_DONE)
    {
      cpt_database_set_error (db, error, _("Could not seal the ledger"));
      ok = FALSE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
cpt_store_ledger_never_sealed (CptDatabase *db, gboolean *out, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT EXISTS (SELECT 1 FROM ledger) "
                                                 "AND NOT EXISTS (SELECT 1 FROM ledger_seals)", error);
  gboolean has_row = FALSE;

  *out = FALSE;
  if (stmt == NULL || !cpt_store_step (db, stmt, _("Could not seal the ledger"), &has_row, error))
    return FALSE;
  if (has_row)
    {
      *out = sqlite3_column_int64 (stmt, 0) != 0;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

gboolean
cpt_store_ledger_counts (CptDatabase *db, gint64 *out_entries, gint64 *out_seals,
                         gint64 *out_last_seq, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT (SELECT count(*) FROM ledger), "
                                                 "(SELECT count(*) FROM ledger_seals), "
                                                 "(SELECT coalesce (max (seq), 0) FROM ledger)", error);
  gboolean has_row = FALSE;

  *out_entries = *out_seals = *out_last_seq = 0;
  if (stmt == NULL || !cpt_store_step (db, stmt, _("Could not seal the ledger"), &has_row, error))
    return FALSE;
  if (has_row)
    {
      *out_entries = sqlite3_column_int64 (stmt, 0);
      *out_seals = sqlite3_column_int64 (stmt, 1);
      *out_last_seq = sqlite3_column_int64 (stmt, 2);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

gboolean
cpt_store_audit_insert (CptDatabase *db, const char *action, gint64 document_id,
                        const char *details, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "INSERT INTO audit_events (action, document_id, details) "
                                                 "VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_TRANSIENT);
  if (document_id > 0)
    sqlite3_bind_int64 (stmt, 2, document_id);
  sqlite3_bind_text (stmt, 3, details, -1, SQLITE_TRANSIENT);
  return cpt_database_step_done (db, stmt, _("Could not write the audit trail"), error);
}
