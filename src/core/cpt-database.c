#define G_LOG_DOMAIN "cpt-database"

#include "cpt-database.h"
#include "cpt-error.h"
#include "cpt-search.h"
#include "cpt-sort-key.h"
#include "cpt-core-resources.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* "Cptr": marks the file as ours in the SQLite header (PRAGMA application_id). */
#define CPT_APPLICATION_ID 0x43707472

/* Files up to this size get a full quick_check when opened; larger ones only the header
 * and schema checks, so that a million-document file still opens at once. */
#define QUICK_CHECK_MAX_BYTES (64 * 1024 * 1024)

struct _CptDatabase
{
  GObject     parent_instance;
  char       *path;
  sqlite3    *db;
  GHashTable *statements; /* SQL text -> sqlite3_stmt */
  guint       depth;      /* transaction nesting */
};

G_DEFINE_FINAL_TYPE (CptDatabase, cpt_database, G_TYPE_OBJECT)

static void
cpt_database_finalize (GObject *object)
{
  CptDatabase *self = CPT_DATABASE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  G_OBJECT_CLASS (cpt_database_parent_class)->finalize (object);
}

static void
cpt_database_class_init (CptDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cpt_database_finalize;
}

static void
cpt_database_init (CptDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
}

char *
cpt_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "comptoir", "comptoir.db", NULL);
}

const char *
cpt_database_get_path (CptDatabase *self)
{
  return self->path;
}

sqlite3 *
cpt_database_get_handle (CptDatabase *self)
{
  return self->db;
}

gint64
cpt_database_last_insert_id (CptDatabase *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

void
cpt_database_set_error (CptDatabase *self, GError **error, const char *what)
{
  int code = sqlite3_extended_errcode (self->db) & 0xff;
  CptError kind = CPT_ERROR_DATABASE;

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    kind = CPT_ERROR_CORRUPT;
  else if (code == SQLITE_READONLY)
    kind = CPT_ERROR_READ_ONLY;
  else if (code == SQLITE_CONSTRAINT)
    kind = CPT_ERROR_REFUSED;
  /* Translators: the first %s says what failed (“Could not save the client”), the second
   * is the reason given by SQLite, in English */
  g_set_error (error, CPT_ERROR, kind, _("%s: %s"), what, sqlite3_errmsg (self->db));
}

gboolean
cpt_database_step_done (CptDatabase *self, sqlite3_stmt *stmt, const char *what, GError **error)
{
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE;

  if (!ok)
    cpt_database_set_error (self, error, what);
  sqlite3_reset (stmt);
  return ok;
}

gboolean
cpt_database_exec (CptDatabase *self, const char *sql, GError **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      int code = sqlite3_extended_errcode (self->db) & 0xff;
      g_set_error (error, CPT_ERROR,
                   code == SQLITE_CONSTRAINT ? CPT_ERROR_REFUSED :
                   code == SQLITE_READONLY ? CPT_ERROR_READ_ONLY :
                   (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) ? CPT_ERROR_CORRUPT :
                   CPT_ERROR_DATABASE,
                   "%s", message ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
cpt_database_prepare (CptDatabase *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      cpt_database_set_error (self, error, _("Could not prepare a query"));
      g_warning ("could not prepare: %s: %s", sql, sqlite3_errmsg (self->db));
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
cpt_database_begin (CptDatabase *self, GError **error)
{
  g_autofree char *sql = NULL;

  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT cpt_%u", self->depth);
  if (!cpt_database_exec (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
cpt_database_commit (CptDatabase *self, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self->depth > 0, FALSE);
  if (self->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE cpt_%u", self->depth - 1);
  if (!cpt_database_exec (self, sql, error))
    {
      cpt_database_rollback (self);
      return FALSE;
    }
  self->depth--;
  return TRUE;
}

void
cpt_database_rollback (CptDatabase *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (self->depth > 0);
  /* Statements left mid-step would keep the transaction busy. */
  GHashTableIter iter;
  gpointer stmt;
  g_hash_table_iter_init (&iter, self->statements);
  while (g_hash_table_iter_next (&iter, NULL, &stmt))
    sqlite3_reset (stmt);

  if (self->depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO cpt_%u; RELEASE cpt_%u", self->depth - 1, self->depth - 1);
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK && self->depth == 1 &&
      sqlite3_get_autocommit (self->db) == 0)
    g_warning ("rollback failed: %s", sqlite3_errmsg (self->db));
  self->depth--;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Whether a -wal file with content lies beside the database: the pages it holds are newer
 * than those of the file, and SQLite reads them first. */
static gboolean
has_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* After a crash the newest header may still be in the -wal file beside the database (a
 * checkpoint had not copied it back yet). When there is one, ask SQLite, read-only, for the
 * identifiers it sees through the WAL. Returns FALSE when SQLite cannot read the file. */
static gboolean
read_ids_through_wal (const char *path, guint32 *app_id, guint32 *user_version)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (!has_wal (path))
    return TRUE; /* no WAL: the header read from the file is the truth */
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT * FROM pragma_application_id, pragma_user_version",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *app_id = (guint32) sqlite3_column_int (stmt, 0);
      *user_version = (guint32) sqlite3_column_int (stmt, 1);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return ok;
}

/* Looks at the file before SQLite does, so that a foreign, corrupt or newer file is refused
 * without a single byte written (SQLite could otherwise roll back a hot journal or set up
 * WAL). Sets *out_new when the file is absent or empty. */
static gboolean
inspect_file (const char *path, gboolean *out_new, GError **error)
{
  guint8 header[100];
  GStatBuf st;
  int fd;
  gssize got;
  guint32 page_size, page_count, change_counter, valid_for, app_id, user_version;

  *out_new = FALSE;
  if (g_stat (path, &st) != 0)
    {
      if (errno == ENOENT)
        {
          *out_new = TRUE;
          return TRUE;
        }
      g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE, _("Cannot open “%s”: %s"), path,
                   g_strerror (errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_COMPTOIR, _("“%s” is not a file"), path);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      *out_new = TRUE;
      return TRUE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      g_set_error (error, CPT_ERROR, errno == EACCES ? CPT_ERROR_READ_ONLY : CPT_ERROR_DATABASE,
                   _("Cannot read “%s”: %s"), path, g_strerror (errno));
      return FALSE;
    }
  got = read (fd, header, sizeof header);
  close (fd);

  if (got < (gssize) sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_COMPTOIR,
                   _("“%s” is not a Comptoir database (it is not an SQLite file at all). "
                     "It was left as it is."), path);
      return FALSE;
    }

  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  change_counter = read_be32 (header + 24);
  page_count = read_be32 (header + 28);
  valid_for = read_be32 (header + 92);
  user_version = read_be32 (header + 60);
  app_id = read_be32 (header + 68);

  /* A checkpoint copies the WAL's pages in order, page 1 first: a process killed in the
   * middle of one leaves a header that counts pages the file does not have yet. They are
   * still in the WAL, which SQLite replays on opening, so the length only tells of damage
   * when there is no WAL (the quick check after this one reads through it). */
  if (page_size < 512 || (page_size & (page_size - 1)) != 0 ||
      (valid_for == change_counter && page_count > 0 && !has_wal (path) &&
       (guint64) st.st_size < (guint64) page_count * page_size))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                   _("“%s” is damaged (the file is shorter than its header says). "
                     "It was left as it is; restore it from a backup."), path);
      return FALSE;
    }
  if ((app_id != CPT_APPLICATION_ID || user_version > CPT_DATABASE_SCHEMA_VERSION) &&
      !read_ids_through_wal (path, &app_id, &user_version))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be opened safely. It was left as it is; "
                     "restore it from a backup."), path);
      return FALSE;
    }
  if (app_id != CPT_APPLICATION_ID)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_COMPTOIR,
                   _("“%s” is an SQLite database of another program, not a Comptoir database. "
                     "It was left as it is."), path);
      return FALSE;
    }
  if (user_version > CPT_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NEWER,
                   _("“%s” was written by a newer version of Comptoir (database version %u; "
                     "this one knows up to %u). Update Comptoir to open it; the file was left "
                     "as it is."), path, user_version, CPT_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_writable (const char *path, gboolean is_new, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (!is_new && g_access (path, W_OK) != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_READ_ONLY,
                   _("“%s” is read-only: Comptoir needs to write to it. Check its permissions "
                     "or copy it somewhere you can write."), path);
      return FALSE;
    }
  /* WAL needs its -wal and -shm files beside the database. */
  if (g_access (dir, W_OK) != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_READ_ONLY,
                   _("The folder “%s” is read-only: Comptoir needs to write its database there."),
                   dir);
      return FALSE;
    }
  return TRUE;
}

/* Schema and content checks done read-only before anything is written. */
static gboolean
verify_readonly (const char *path, GError **error)
{
  sqlite3 *db = NULL;
  g_autofree char *uri = g_strdup_printf ("file:%s?mode=ro", path);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  GStatBuf st;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                 "('company', 'clients', 'documents', 'document_lines')",
                             -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    ok = FALSE;
  else if (sqlite3_column_int (stmt, 0) != 4)
    {
      sqlite3_finalize (stmt);
      sqlite3_close_v2 (db);
      g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                   _("“%s” is marked as a Comptoir database but its tables are missing. "
                     "It was left as it is; restore it from a backup."), path);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (ok && g_stat (path, &st) == 0 && st.st_size <= QUICK_CHECK_MAX_BYTES)
    {
      rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
      else
        ok = FALSE;
      sqlite3_finalize (stmt);
    }
  sqlite3_close_v2 (db);

  if (!ok)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be opened safely. It was left as it is; "
                     "restore it from a backup."), path);
      return FALSE;
    }
  return TRUE;
}

static char *
load_schema (guint version, GError **error)
{
  g_autofree char *name = g_strdup_printf ("/io/github/comptoir/Comptoir/core/sql/schema-%u.sql",
                                           version);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (cpt_core_get_resource (), name, 0, error);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
check_foreign_keys (CptDatabase *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      cpt_database_set_error (self, error, _("Could not check the database"));
      return FALSE;
    }
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  if (!ok)
    g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                 _("The database has references to rows that do not exist"));
  return ok;
}

/* Fills the sort keys that schema 5 and 6 add as plain columns. The validated documents
 * keep their client's sort key too, but their immutability trigger refuses any UPDATE: it
 * is set aside for this one statement and made again from its own text, unchanged. */
static gboolean
fill_sort_keys (CptDatabase *self, GError **error)
{
  g_autofree char *locked_sql = NULL;
  sqlite3_stmt *stmt;

  stmt = cpt_database_prepare (self, "SELECT sql FROM sqlite_schema "
                                     "WHERE type = 'trigger' AND name = 'documents_locked_update'",
                               error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    locked_sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (!cpt_database_exec (self, "UPDATE clients SET sort_name = cpt_sort_key (name);"
                                "UPDATE products SET sort_name = cpt_sort_key (name)", error))
    return FALSE;
  if (locked_sql != NULL && !cpt_database_exec (self, "DROP TRIGGER documents_locked_update", error))
    return FALSE;
  if (!cpt_database_exec (self, "UPDATE documents SET client_sort_name = cpt_sort_key (client_name)",
                          error))
    return FALSE;
  return locked_sql == NULL || cpt_database_exec (self, locked_sql, error);
}

/* Steps in C that follow a schema file, by the version that file brings. */
typedef gboolean (*MigrationStep) (CptDatabase *self, GError **error);
static const struct
{
  guint         version;
  MigrationStep step;
} c_steps[] = {
  { 5, fill_sort_keys },
  { 6, fill_sort_keys },
};

static gboolean
migrate (CptDatabase *self, GError **error)
{
  sqlite3_stmt *stmt;
  int version;

  stmt = cpt_database_prepare (self, "PRAGMA user_version", error);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (stmt != NULL)
        cpt_database_set_error (self, error, _("Could not read the database version"));
      return FALSE;
    }
  version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (version >= CPT_DATABASE_SCHEMA_VERSION)
    return TRUE;

  if (!cpt_database_begin (self, error))
    return FALSE;
  /* The search triggers name the tables a migration may rebuild: they are made again, as
   * the latest version has them, once every step has run. */
  if (!cpt_search_drop_triggers (self, error))
    goto fail;
  for (guint v = version + 1; v <= CPT_DATABASE_SCHEMA_VERSION; v++)
    {
      g_autofree char *sql = load_schema (v, error);
      g_autofree char *pragma = NULL;

      if (sql == NULL || !cpt_database_exec (self, sql, error))
        goto fail;
      for (guint i = 0; i < G_N_ELEMENTS (c_steps); i++)
        if (c_steps[i].version == v && !c_steps[i].step (self, error))
          goto fail;
      pragma = g_strdup_printf ("PRAGMA user_version = %u; PRAGMA application_id = %d", v,
                                CPT_APPLICATION_ID);
      if (!cpt_database_exec (self, pragma, error))
        goto fail;
    }
  if (!cpt_search_create_triggers (self, error))
    goto fail;
  /* A rebuilt table must still satisfy every foreign key. */
  if (!check_foreign_keys (self, error))
    goto fail;
  if (!cpt_database_commit (self, error))
    return FALSE;
  /* Copy the new header (application id, version) into the main file at once, so that the
   * file is recognised even if this process dies before its next checkpoint. */
  sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return TRUE;

fail:
  cpt_database_rollback (self);
  g_prefix_error (error, _("Could not prepare the database: "));
  return FALSE;
}

CptDatabase *
cpt_database_open (const char *path, GError **error)
{
  g_autoptr(CptDatabase) self = NULL;
  g_autofree char *dir = NULL;
  gboolean is_new, existed;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!inspect_file (path, &is_new, error))
    return NULL;
  dir = g_path_get_dirname (path);
  if (is_new && g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_READ_ONLY, _("Cannot create the folder “%s”: %s"),
                   dir, g_strerror (errno));
      return NULL;
    }
  if (!check_writable (path, is_new, error))
    return NULL;
  if (!is_new && !verify_readonly (path, error))
    return NULL;

  self = g_object_new (CPT_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE, _("Cannot open “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 30000);

  /* Comptoir's statements write the sort keys with cpt_sort_key (); the schema never uses it. */
  if (cpt_sort_key_register (self->db) != SQLITE_OK)
    {
      cpt_database_set_error (self, error, _("Could not prepare the database"));
      g_prefix_error (error, _("“%s”: "), path);
      return NULL;
    }

  if (!cpt_database_exec (self, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; "
                                "PRAGMA synchronous = FULL; PRAGMA trusted_schema = OFF",
                          error) ||
      !migrate (self, error))
    {
      /* Translators: put before an error message; %s is the path of the database file */
      g_prefix_error (error, _("“%s”: "), path);
      if (is_new)
        {
          /* Leave nothing behind: a half-made file would later look foreign. */
          g_autofree char *wal = g_strconcat (path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (path, "-shm", NULL);
          g_clear_pointer (&self->statements, g_hash_table_unref);
          sqlite3_close_v2 (self->db);
          self->db = NULL;
          if (existed)
            truncate (path, 0);
          else
            g_unlink (path);
          g_unlink (wal);
          g_unlink (shm);
        }
      return NULL;
    }
  return g_steal_pointer (&self);
}
