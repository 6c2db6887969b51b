/* cpt-store-changes.c: SQLite's hooks turned into CptChange announcements.
 *
 * The update hook tells which table each written row is in; the flags gather until the
 * transaction ends. A rollback forgets them; the commit hook hands them on. The commit hook
 * runs as the commit begins, on every path that commits (a statement stepped to its end,
 * COMMIT, or an INSERT … RETURNING whose commit happens when it is reset); SQLite's WAL hook,
 * which runs once the commit is done, is not called on that last path, so it cannot be used.
 * The receiver must therefore tell the change later, from its main loop, not from the hook:
 * by then the commit is over. A commit that fails after its hook (a full disk) is told as
 * a change all the same: a reload too many, never one missing. */
#define G_LOG_DOMAIN "cpt-database"

#include "cpt-store-changes.h"
#include "cpt-store-watch.h"
#include "cpt-store-private.h"

typedef struct
{
  CptStoreCommitFunc func;
  gpointer           user_data;
  CptChange          pending;   /* what the open transaction wrote */
} Watch;

/* What a table's rows are, for those who show them. A client's name and the company show
 * on documents; a payment changes what is left to pay on documents. Tables of the record
 * (audit, seals) change nothing shown. A table not listed (a new one) changes everything:
 * better a reload too many than a stale list. */
static CptChange
change_of_table (const char *table)
{
  static const struct { const char *prefix; CptChange what; } tables[] = {
    { "documents", CPT_CHANGE_DOCUMENTS },      /* also documents_fts and its shadow tables */
    { "document_", CPT_CHANGE_DOCUMENTS },
    { "series_counters", CPT_CHANGE_DOCUMENTS },
    { "receivables", CPT_CHANGE_DOCUMENTS },
    { "open_by_", CPT_CHANGE_DOCUMENTS },
    { "daily_totals", CPT_CHANGE_DOCUMENTS },
    { "ledger_seals", 0 },
    { "ledger", CPT_CHANGE_DOCUMENTS },
    { "audit_events", 0 },
    { "clients", CPT_CHANGE_CLIENTS | CPT_CHANGE_DOCUMENTS },
    { "client_", CPT_CHANGE_CLIENTS },
    { "products", CPT_CHANGE_PRODUCTS },
    { "payments", CPT_CHANGE_PAYMENTS | CPT_CHANGE_DOCUMENTS },
    { "allocations", CPT_CHANGE_PAYMENTS | CPT_CHANGE_DOCUMENTS },
    { "company", CPT_CHANGE_COMPANY | CPT_CHANGE_DOCUMENTS },
    { "series", CPT_CHANGE_COMPANY | CPT_CHANGE_DOCUMENTS },
    /* a message shows in its document's history, and reminders count from it */
    { "mail_messages", CPT_CHANGE_MESSAGES | CPT_CHANGE_DOCUMENTS },
    { "mail_templates", CPT_CHANGE_COMPANY },
    { "sqlite_", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_has_prefix (table, tables[i].prefix))
      return tables[i].what;
  return CPT_CHANGE_ALL;
}

static void
on_update (void          *data,
           int            operation,
           const char    *database,
           const char    *table,
           sqlite3_int64  rowid)
{
  Watch *watch = data;

  /* Only the file itself: a temporary table of a query is nobody's business. */
  if (g_strcmp0 (database, "main") == 0)
    watch->pending |= change_of_table (table);
}

static void
on_rollback (void *data)
{
  Watch *watch = data;

  watch->pending = 0;
}

static int
on_commit (void *data)
{
  Watch *watch = data;
  CptChange what = watch->pending;

  watch->pending = 0;
  if (what != 0 && watch->func != NULL)
    watch->func (what, watch->user_data);
  /* 0: the commit goes on */
  return 0;
}

void
cpt_store_changes_watch (CptDatabase        *db,
                         CptStoreCommitFunc  func,
                         gpointer            user_data)
{
  sqlite3 *handle;
  Watch *watch;

  g_return_if_fail (CPT_IS_DATABASE (db));

  handle = cpt_database_get_handle (db);
  if (func == NULL)
    {
      sqlite3_update_hook (handle, NULL, NULL);
      sqlite3_rollback_hook (handle, NULL, NULL);
      sqlite3_commit_hook (handle, NULL, NULL);
      g_object_set_data (G_OBJECT (db), "cpt-store-changes", NULL);
      return;
    }
  watch = g_new0 (Watch, 1);
  watch->func = func;
  watch->user_data = user_data;
  /* The hooks point to the watch: it lives as long as the connection (or the next watch). */
  g_object_set_data_full (G_OBJECT (db), "cpt-store-changes", watch, g_free);
  sqlite3_update_hook (handle, on_update, watch);
  sqlite3_rollback_hook (handle, on_rollback, watch);
  sqlite3_commit_hook (handle, on_commit, watch);
}

gboolean
cpt_store_data_version (CptDatabase *db,
                        gint64      *version,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean has_row = FALSE;
  gboolean allowed;

  g_return_val_if_fail (CPT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (version != NULL, FALSE);

  /* The context reads it on the main loop when the log changes: a counter, no page read. */
  allowed = cpt_store_watch_allow (TRUE);
  stmt = cpt_database_prepare (db, "PRAGMA data_version", error);
  if (stmt == NULL || !cpt_store_step (db, stmt, "Reading the file's version", &has_row, error))
    {
      cpt_store_watch_allow (allowed);
      return FALSE;
    }
  *version = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  cpt_store_watch_allow (allowed);
  return TRUE;
}

char *
cpt_store_changes_log_path (CptDatabase *db)
{
  g_return_val_if_fail (CPT_IS_DATABASE (db), NULL);

  return g_strconcat (cpt_database_get_path (db), "-wal", NULL);
}
