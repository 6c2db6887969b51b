/* cpt-database.h: the Comptoir database file: open/create, migrations, transactions. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CPT_TYPE_DATABASE (cpt_database_get_type ())
G_DECLARE_FINAL_TYPE (CptDatabase, cpt_database, CPT, DATABASE, GObject)

/* Schema version this build writes; files with a higher user_version are refused. */
#define CPT_DATABASE_SCHEMA_VERSION 6

/* $XDG_DATA_HOME/comptoir/comptoir.db (the directory is not created). */
char        *cpt_database_default_path (void);

/* Opens `path`, creating it (and its directory) when missing, and migrating it to
 * CPT_DATABASE_SCHEMA_VERSION. A file that is not a Comptoir database, is corrupt, is
 * read-only or comes from a newer version gives a CPT_ERROR and is left untouched. */
CptDatabase *cpt_database_open         (const char *path, GError **error);
const char  *cpt_database_get_path     (CptDatabase *self);
sqlite3     *cpt_database_get_handle   (CptDatabase *self);

/* Transactions (BEGIN IMMEDIATE ... COMMIT/ROLLBACK). Nested calls use savepoints. */
gboolean     cpt_database_begin        (CptDatabase *self, GError **error);
gboolean     cpt_database_commit       (CptDatabase *self, GError **error);
void         cpt_database_rollback     (CptDatabase *self);

/* Runs SQL with no result rows. */
gboolean     cpt_database_exec         (CptDatabase *self, const char *sql, GError **error);
/* Prepares (cached) a statement; the statement is reset and its bindings cleared. */
sqlite3_stmt *cpt_database_prepare     (CptDatabase *self, const char *sql, GError **error);
/* Sets a CPT_ERROR_DATABASE from the connection's last error, prefixed by `what`. */
void         cpt_database_set_error    (CptDatabase *self, GError **error, const char *what);

gint64       cpt_database_last_insert_id (CptDatabase *self);
/* Steps a statement that returns no row and resets it; on failure sets an error prefixed by
 * `what` (see cpt_database_set_error). */
gboolean     cpt_database_step_done    (CptDatabase *self, sqlite3_stmt *stmt, const char *what,
                                        GError **error);

G_END_DECLS
