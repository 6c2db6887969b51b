#define G_LOG_DOMAIN "cpt-store"

#include "cpt-store-clients.h"
#include "cpt-store-private.h"
#include "cpt-store-record.h"
#include "cpt-error.h"
#include "cpt-sort-key.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

static char *
client_sort_key (GObject *object)
{
  return cpt_sort_key (cpt_client_get_name (CPT_CLIENT (object)));
}

/* Filled at each call (on the caller's stack): several threads use the store. */
#define CLIENTS_TABLE \
  (&(CptStoreRecordTable) { "clients", "sort_name", client_sort_key, \
                            _("Could not read the client"), _("Could not add the client"), \
                            _("Could not save the client") })

static void
set_no_client (GError **error, gint64 id)
{
  g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no client %" PRId64), id);
}

CptClient *
cpt_store_clients_load (CptDatabase *db, gint64 id, GError **error)
{
  g_autoptr(CptClient) client = cpt_client_new ();
  gboolean found;

  if (!cpt_store_record_load (db, CLIENTS_TABLE, cpt_client_record (), id, G_OBJECT (client),
                              &found, error))
    return NULL;
  if (!found)
    {
      set_no_client (error, id);
      return NULL;
    }
  return g_steal_pointer (&client);
}

gboolean
cpt_store_clients_insert (CptDatabase *db, CptClient *client, GError **error)
{
  return cpt_store_record_insert (db, CLIENTS_TABLE, cpt_client_record (), G_OBJECT (client),
                                  error);
}

gboolean
cpt_store_clients_update (CptDatabase *db, CptClient *client, GError **error)
{
  gint64 id = cpt_client_get_id (client);
  gboolean found;

  if (!cpt_store_record_update (db, CLIENTS_TABLE, cpt_client_record (), G_OBJECT (client),
                                id, &found, error))
    return FALSE;
  if (!found)
    set_no_client (error, id);
  return found;
}

static gboolean
exec_on_client (CptDatabase *db, const char *sql, gint64 id, const char *what, GError **error)
{
  gboolean changed;

  if (!cpt_store_exec_with_id (db, sql, id, what, &changed, error))
    return FALSE;
  if (!changed)
    set_no_client (error, id);
  return changed;
}

gboolean
cpt_store_clients_set_archived (CptDatabase *db, gint64 id, gboolean archived, GError **error)
{
  return exec_on_client (db, archived ? "UPDATE clients SET archived = 1 WHERE id = ?"
                                      : "UPDATE clients SET archived = 0 WHERE id = ?",
                         id, _("Could not archive the client"), error);
}

gboolean
cpt_store_clients_delete (CptDatabase *db, gint64 id, GError **error)
{
  return exec_on_client (db, "DELETE FROM clients WHERE id = ?", id,
                         _("Could not delete the client"), error);
}

gboolean
cpt_store_clients_exists (CptDatabase *db, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT 1 FROM clients WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_store_step (db, stmt, _("Could not read the client"), &found, error))
    return FALSE;
  if (!found)
    {
      set_no_client (error, id);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
cpt_store_clients_count_documents (CptDatabase *db, gint64 id, gint64 *count, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT count(*) FROM documents WHERE client_id = ?", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_store_step (db, stmt, _("Could not count the client’s documents"), &has_row, error))
    return FALSE;
  *count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* ---------------------------------------------------------------- memos */

gint64
cpt_store_clients_add_memo (CptDatabase *db, gint64 client_id, const char *author,
                            const char *text, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "INSERT INTO client_memos (client_id, author, text) VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_text (stmt, 2, author, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  if (!cpt_database_step_done (db, stmt, _("Could not add the memo"), error))
    return 0;
  return cpt_database_last_insert_id (db);
}

GPtrArray *
cpt_store_clients_list_memos (CptDatabase *db, gint64 client_id, GError **error)
{
  g_autoptr(GPtrArray) memos = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_memo_free);
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT id, created_at, author, text FROM client_memos WHERE client_id = ? "
    "ORDER BY created_at DESC, id DESC", error);
  gboolean has_row, ok;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  while ((ok = cpt_store_step (db, stmt, _("Could not read the memos"), &has_row, error)) && has_row)
    {
      CptMemo *memo = g_new0 (CptMemo, 1);
      memo->id = sqlite3_column_int64 (stmt, 0);
      memo->created_at = cpt_store_dup_text (stmt, 1);
      memo->author = cpt_store_dup_text (stmt, 2);
      memo->text = cpt_store_dup_text (stmt, 3);
      g_ptr_array_add (memos, memo);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&memos);
}

gboolean
cpt_store_clients_delete_memo (CptDatabase *db, gint64 memo_id, GError **error)
{
  return cpt_store_exec_with_id (db, "DELETE FROM client_memos WHERE id = ?", memo_id,
                                 _("Could not delete the memo"), NULL, error);
}

/* ---------------------------------------------------------------- files */

gint64
cpt_store_clients_add_file (CptDatabase *db, gint64 client_id, const char *name,
                            const char *mime, const void *data, gsize length, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "INSERT INTO client_files (client_id, name, mime, size, data) VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, mime, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, length);
  sqlite3_bind_blob64 (stmt, 5, data, length, SQLITE_STATIC);
  if (!cpt_database_step_done (db, stmt, _("Could not attach the file"), error))
    return 0;
  return cpt_database_last_insert_id (db);
}

GPtrArray *
cpt_store_clients_list_files (CptDatabase *db, gint64 client_id, GError **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_client_file_free);
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT id, name, mime, size, added_at FROM client_files WHERE client_id = ? "
    "ORDER BY added_at DESC, id DESC", error);
  gboolean has_row, ok;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  while ((ok = cpt_store_step (db, stmt, _("Could not read the attached files"), &has_row,
                               error)) && has_row)
    {
      CptClientFile *file = g_new0 (CptClientFile, 1);
      file->id = sqlite3_column_int64 (stmt, 0);
      file->name = cpt_store_dup_text (stmt, 1);
      file->mime = cpt_store_dup_text (stmt, 2);
      file->size = sqlite3_column_int64 (stmt, 3);
      file->added_at = cpt_store_dup_text (stmt, 4);
      g_ptr_array_add (files, file);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&files);
}

GBytes *
cpt_store_clients_get_file_data (CptDatabase *db, gint64 file_id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT data FROM client_files WHERE id = ?", error);
  GBytes *bytes;
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, file_id);
  if (!cpt_store_step (db, stmt, _("Could not read the attached file"), &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no file %" PRId64), file_id);
      return NULL;
    }
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  return bytes;
}

gboolean
cpt_store_clients_remove_file (CptDatabase *db, gint64 file_id, GError **error)
{
  gboolean changed;

  if (!cpt_store_exec_with_id (db, "DELETE FROM client_files WHERE id = ?", file_id,
                               _("Could not remove the file"), &changed, error))
    return FALSE;
  if (!changed)
    g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no file %" PRId64), file_id);
  return changed;
}
