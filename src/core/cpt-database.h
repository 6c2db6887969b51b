/* cpt-database.h: the Comptoir database file: open/create, migrations, transactions. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CPT_TYPE_DATABASE (cpt_database_get_type ())
G_DECLARE_FINAL_TYPE (CptDatabase, cpt_database, CPT, DATABASE, GObject)

/* Schema version this build writes; files with a higher user_version are refused. */
#define CPT_DATABASE_SCHEMA_VERSION 24

/* $XDG_DATA_HOME/comptoir/comptoir.db (the directory is not created). */
char        *cpt_database_default_path (void);

typedef enum
{
  CPT_DATABASE_OPEN_DEFAULT   = 0,
  /* Create the file (and its folder) when it is missing or empty. Without it, a missing
   * file is refused with CPT_ERROR_NOT_FOUND and nothing is created. */
  CPT_DATABASE_OPEN_CREATE    = 1 << 0,
  /* Read only: nothing is written (no migration either); writes fail with
   * CPT_ERROR_READ_ONLY. Allowed on network and FUSE file systems. */
  CPT_DATABASE_OPEN_READ_ONLY = 1 << 1,
  /* The file is a private copy that no other program opens (a backup being verified): the
   * refusal of network and FUSE file systems, which protects shared files from unreliable
   * locks, does not apply. Backup folders are often on a NAS, or behind the Flatpak file
   * portal, which is a FUSE file system. */
  CPT_DATABASE_OPEN_PRIVATE_COPY = 1 << 2,
} CptDatabaseOpenFlags;

/* Opens `path` and migrates it to CPT_DATABASE_SCHEMA_VERSION. A file that is missing
 * (without CPT_DATABASE_OPEN_CREATE), not a Comptoir database, damaged, read-only, in use by
 * another program, on a full disk, on a network file system (for writing) or from a newer
 * version gives a CPT_ERROR in plain words and is left untouched. */
CptDatabase *cpt_database_open_full    (const char           *path,
                                        CptDatabaseOpenFlags  flags,
                                        GError              **error);
/* What opening a file is busy with, for a window that waits for it. */
typedef enum
{
  CPT_DATABASE_STAGE_NONE = 0,
  /* The file is read through before it is opened (once per change of the file). */
  CPT_DATABASE_STAGE_CHECKING,
  /* Another program holds a lock on the file: opening waits a few seconds for it. */
  CPT_DATABASE_STAGE_WAITING,
  /* A file of an older version is brought up to the new format. */
  CPT_DATABASE_STAGE_UPGRADING,
  /* The numbers have outgrown how the lists by number count them: counted again (seconds
   * at a million documents, once in a long while; schema 21). */
  CPT_DATABASE_STAGE_RECOUNTING,
} CptDatabaseStage;

/* Called in the opening thread each time opening moves on to another stage. */
typedef void (*CptDatabaseStageFunc) (CptDatabaseStage stage, gpointer user_data);

/* cpt_database_open_full (), saying through `stage_func` (may be NULL) what it waits for. */
CptDatabase *cpt_database_open_watched (const char           *path,
                                        CptDatabaseOpenFlags  flags,
                                        CptDatabaseStageFunc  stage_func,
                                        gpointer              user_data,
                                        GError              **error);
/* cpt_database_open_full() with CPT_DATABASE_OPEN_CREATE. */
CptDatabase *cpt_database_open         (const char *path, GError **error);
gboolean     cpt_database_is_read_only (CptDatabase *self);
const char  *cpt_database_get_path     (CptDatabase *self);

/* Transactions (BEGIN IMMEDIATE ... COMMIT/ROLLBACK). Nested calls use savepoints. */
gboolean     cpt_database_begin        (CptDatabase *self, GError **error);
gboolean     cpt_database_commit       (CptDatabase *self, GError **error);
/* A read transaction (BEGIN DEFERRED): what is read until cpt_database_rollback () is of one
 * moment of the file, whatever other connections write meanwhile. */
gboolean     cpt_database_begin_read   (CptDatabase *self, GError **error);
void         cpt_database_rollback     (CptDatabase *self);

/* Runs SQL with no result rows. */
gboolean     cpt_database_exec         (CptDatabase *self, const char *sql, GError **error);
/* Sets a CPT_ERROR from the connection's last error, prefixed by `what`: CPT_ERROR_BUSY,
 * CPT_ERROR_NO_SPACE, CPT_ERROR_READ_ONLY... in plain words, else CPT_ERROR_DATABASE. */
void         cpt_database_set_error    (CptDatabase *self, GError **error, const char *what);

gint64       cpt_database_last_insert_id (CptDatabase *self);

/* What sqlite_schema of a file of this version holds, made by running every migration on an
 * empty database: object name -> "type\nsql" (SQLite's own objects left out). A new
 * reference to a table made once per process. */
GHashTable  *cpt_database_expected_schema (GError **error);

G_END_DECLS
