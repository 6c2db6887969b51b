/* cpt-store-changes.h: what each commit changed, told by the store, and whether another
 * connection (another process) committed since the last look. */
#pragma once

#include "cpt-change.h"
#include "cpt-database.h"

G_BEGIN_DECLS

/* Called on the committing thread, from inside SQLite as a transaction that wrote commits,
 * with the CptChange flags of what it wrote. It must only take note (touch no database):
 * the change is to be told once the call that committed has returned. */
typedef void (*CptStoreCommitFunc) (CptChange what, gpointer user_data);

/* Calls `func` at every commit made through `db` (NULL stops). Rolled back writes are not
 * told. `func` must be safe to call from any thread that uses `db`. */
void      cpt_store_changes_watch (CptDatabase        *db,
                                   CptStoreCommitFunc  func,
                                   gpointer            user_data);

/* A number that changes when a connection other than `db` (another process, or another
 * connection of this one) has committed since `db` last looked; the commits made through
 * `db` itself do not change it. Cheap: no page of the file is read. */
gboolean  cpt_store_data_version  (CptDatabase *db,
                                   gint64      *version,
                                   GError     **error);

/* The write-ahead log of `db`'s file, which every commit of every process writes to (what
 * a file monitor watches to learn of other processes' commits). */
char     *cpt_store_changes_log_path (CptDatabase *db);

G_END_DECLS
