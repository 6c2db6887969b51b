/* cpt-store-copy.c: whole-file operations for backup and restore. */
#define G_LOG_DOMAIN "cpt-store-copy"

#include "cpt-store-database.h"
#include "cpt-store-copy.h"
#include "cpt-paged-list-private.h"
#include "cpt-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

/* Same as cpt-database.c: "Cptr" in the header marks the file as ours. */
#define CPT_APPLICATION_ID 0x43707472

/* How long a copy waits for a lock held by a writer before saying the file is busy. */
#define BUSY_WAIT_MS 30000

static void
set_sqlite_error (GError **error, int code, const char *label, const char *detail)
{
  switch (code & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), label, detail);
      break;
    case SQLITE_FULL:
      g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE,
                   _("The disk is full: “%s” could not be written. Nothing else was changed."),
                   label);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("“%s” is in use by another program. Try again in a moment."), label);
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, CPT_ERROR, CPT_ERROR_READ_ONLY,
                   _("“%s” cannot be written here: %s"), label, detail);
      break;
    default:
      g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE, _("%s: %s"), label, detail);
    }
}

/* How many pages a cancellable copy writes between two looks at its GCancellable: 16 MB of
 * 4 KB pages, a fraction of a second. */
#define PAGES_PER_STEP 4096

static int
stop_if_cancelled (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

/* Copies `source` (a connection) into the new file `dest`, then makes the copy a standalone
 * file: the backup API copies the header too, which says WAL when the source is in WAL.
 * With a `cancellable`, the copy goes by steps, looking at it between them; a read
 * transaction held on `source` across the steps keeps it one moment of the file. */
static gboolean
backup_into (sqlite3 *source, const char *dest, GCancellable *cancellable, GError **error)
{
  sqlite3 *out = NULL;
  sqlite3_backup *backup;
  int rc, waited = 0;
  int pages = cancellable != NULL ? PAGES_PER_STEP : -1;
  gboolean reading = FALSE;
  gboolean cancelled = FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  rc = sqlite3_open_v2 (dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, rc, dest, out ? sqlite3_errmsg (out) : sqlite3_errstr (rc));
      sqlite3_close_v2 (out);
      return FALSE;
    }
  sqlite3_extended_result_codes (out, 1);
  backup = sqlite3_backup_init (out, "main", source, "main");
  if (backup == NULL)
    {
      set_sqlite_error (error, sqlite3_extended_errcode (out), dest, sqlite3_errmsg (out));
      sqlite3_close_v2 (out);
      return FALSE;
    }
  /* One read transaction on the source, so the copy is one moment of it: all pages in one
   * step, or, by steps, inside a transaction of ours (a backup step begins none when one is
   * open, and a snapshot held is never restarted by other connections' commits). In WAL
   * mode writers go on meanwhile; a rollback-journal writer may make us wait. */
  if (pages > 0 && sqlite3_get_autocommit (source))
    reading = sqlite3_exec (source, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL,
                            NULL) == SQLITE_OK;
  do
    {
      rc = sqlite3_backup_step (backup, pages);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waited < BUSY_WAIT_MS)
        {
          g_usleep (50 * 1000);
          waited += 50;
          continue;
        }
      if (rc == SQLITE_OK && g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          break;
        }
    }
  while (rc == SQLITE_OK || ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waited < BUSY_WAIT_MS));
  sqlite3_backup_finish (backup);
  if (reading)
    sqlite3_exec (source, "COMMIT", NULL, NULL, NULL);
  if (cancelled)
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      sqlite3_close_v2 (out);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      /* An error in the source (damage) is reported on the source connection. */
      int code = sqlite3_extended_errcode (source) & 0xff;

      if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB || rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
        set_sqlite_error (error, SQLITE_CORRUPT, sqlite3_db_filename (source, "main"),
                          sqlite3_errstr (rc));
      else
        set_sqlite_error (error, rc, dest, sqlite3_errstr (rc));
      sqlite3_close_v2 (out);
      return FALSE;
    }
  rc = sqlite3_exec (out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, sqlite3_extended_errcode (out), dest, sqlite3_errmsg (out));
      sqlite3_close_v2 (out);
      return FALSE;
    }
  rc = sqlite3_close_v2 (out);
  return rc == SQLITE_OK;
}

gboolean
cpt_database_copy_to (CptDatabase  *self,
                      const char   *dest,
                      GCancellable *cancellable,
                      GError      **error)
{
  g_return_val_if_fail (CPT_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  return backup_into (cpt_database_get_handle (self), dest, cancellable, error);
}

static gboolean
has_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

gboolean
cpt_database_copy_file (const char *source, const char *dest, GError **error)
{
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (source != NULL && dest != NULL, FALSE);

  if (has_wal (source))
    {
      /* Its newest pages are in the -wal: read through it. */
      rc = sqlite3_open_v2 (source, &db, SQLITE_OPEN_READONLY, NULL);
    }
  else
    {
      /* immutable: SQLite creates nothing beside the file and takes no lock on it. */
      g_autofree char *escaped = g_uri_escape_string (source, "/", FALSE);
      g_autofree char *uri = g_strdup_printf ("file:%s?mode=ro&immutable=1", escaped);

      rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    }
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, rc, source, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return FALSE;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_WAIT_MS);
  ok = backup_into (db, dest, NULL, error);
  sqlite3_close_v2 (db);
  return ok;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

gboolean
cpt_database_inspect_header (const char *path, const char *label, guint *out_version,
                             GError **error)
{
  guint8 header[100];
  guint32 page_size, app_id, user_version;
  gssize got;
  int fd;

  if (out_version != NULL)
    *out_version = 0;
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, CPT_ERROR, saved == ENOENT ? CPT_ERROR_NOT_FOUND : CPT_ERROR_DATABASE,
                   _("Cannot read “%s”: %s"), label, g_strerror (saved));
      return FALSE;
    }
  got = read (fd, header, sizeof header);
  close (fd);
  if (got < (gssize) sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_COMPTOIR,
                   _("“%s” is not a Comptoir file (it is not an SQLite database at all)."), label);
      return FALSE;
    }
  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                   _("“%s” is damaged (its header cannot be right)."), label);
      return FALSE;
    }
  /* With a -wal beside it, the header that counts may be in the -wal: SQLite judges it
   * when the copy is opened. */
  if (has_wal (path))
    return TRUE;
  app_id = read_be32 (header + 68);
  user_version = read_be32 (header + 60);
  if (app_id != CPT_APPLICATION_ID)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_COMPTOIR,
                   _("“%s” is an SQLite database of another program, not a Comptoir file."),
                   label);
      return FALSE;
    }
  if (user_version > CPT_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NEWER,
                   _("“%s” was written by a newer version of Comptoir (database version %u; this "
                     "one knows up to %u). Update Comptoir first."),
                   label, user_version, CPT_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }
  if (out_version != NULL)
    *out_version = user_version;
  return TRUE;
}

gboolean
cpt_database_quick_check (CptDatabase *self, GCancellable *cancellable, GError **error)
{
  sqlite3 *handle;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *answer = NULL;
  int rc;

  g_return_val_if_fail (CPT_IS_DATABASE (self), FALSE);

  handle = cpt_database_get_handle (self);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  rc = sqlite3_prepare_v2 (handle, "PRAGMA quick_check", -1, &stmt, NULL);
  if (cancellable != NULL)
    sqlite3_progress_handler (handle, 10000, stop_if_cancelled, cancellable);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    answer = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (cancellable != NULL)
    sqlite3_progress_handler (handle, 0, NULL, NULL);
  sqlite3_finalize (stmt);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (g_strcmp0 (answer, "ok") != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                   _("“%s” is damaged (SQLite’s quick check says: %s)."),
                   cpt_database_get_path (self),
                   answer ? answer : sqlite3_errmsg (cpt_database_get_handle (self)));
      return FALSE;
    }
  return TRUE;
}

gboolean
cpt_fsync_path (const char *path, GError **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  int saved;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  saved = errno;
  if (fd >= 0)
    close (fd);
  /* Some file systems cannot sync a folder: that is not a failure of the write. */
  if (fd >= 0 && (saved == EINVAL || saved == EROFS) && g_file_test (path, G_FILE_TEST_IS_DIR))
    return TRUE;
  g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE, _("Could not write “%s” to disk: %s"), path,
               g_strerror (saved));
  return FALSE;
}

static gboolean
keep_aside (const char *path, const char *aside, GError **error)
{
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) copy_error = NULL;

  if (link (path, aside) == 0)
    return TRUE;
  if (errno == EEXIST)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("“%s” already exists: it was left as it is, and nothing was restored."),
                   aside);
      return FALSE;
    }
  /* No hard links here (FAT, some network shares): a copy, the file being ours alone. */
  from = g_file_new_for_path (path);
  to = g_file_new_for_path (aside);
  if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &copy_error) ||
      !cpt_fsync_path (aside, error))
    {
      if (copy_error != NULL)
        g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE,
                     _("Could not keep the current file as “%s”: %s. Nothing was restored."),
                     aside, copy_error->message);
      g_unlink (aside);
      return FALSE;
    }
  return TRUE;
}

gboolean
cpt_database_replace_file (const char *path, const char *replacement, const char *aside,
                           GError **error)
{
  g_autofree char *dir = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *mode = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL && replacement != NULL && aside != NULL, FALSE);

  dir = g_path_get_dirname (path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_rename (replacement, path) != 0)
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE, _("Could not put the file in “%s”: %s"),
                       path, g_strerror (errno));
          return FALSE;
        }
      return cpt_fsync_path (dir, error);
    }

  /* Leaving WAL folds the -wal into the file and removes it (so no stale -wal can sit beside
   * the replacement), and only works when no other connection has the file open: the
   * connections that lists let go and keep for the next ones are closed first. */
  cpt_paged_list_close_kept_connections (path);
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, 2000);
      rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (mode, "delete") != 0 || has_wal (path) ||
      sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) != SQLITE_OK)
    {
      int code = db ? sqlite3_extended_errcode (db) & 0xff : rc;

      if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
        {
          /* The current file is damaged: it cannot be folded, but it is kept all the same,
           * with its -wal, which must not stay beside the replacement. */
          static const char *const companions[] = { "-wal", "-shm" };

          for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
            {
              g_autofree char *from = g_strconcat (path, companions[i], NULL);
              g_autofree char *to = g_strconcat (aside, companions[i], NULL);

              if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
                {
                  g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE,
                               _("Could not keep the current file as “%s”: %s. Nothing was restored."),
                               to, g_strerror (errno));
                  sqlite3_close_v2 (db);
                  return FALSE;
                }
            }
        }
      else
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                       _("“%s” is in use by another program (another Comptoir window or "
                         "comptoir-cli?). Close it and try again; nothing was changed."), path);
          sqlite3_close_v2 (db);
          return FALSE;
        }
    }

  ok = keep_aside (path, aside, error) && cpt_fsync_path (aside, error);
  if (ok && g_rename (replacement, path) != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE, _("Could not put the file in “%s”: %s"),
                   path, g_strerror (errno));
      g_unlink (aside);
      ok = FALSE;
    }
  /* The lock was on the file now named `aside`; it goes with the connection. */
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close_v2 (db);
  return ok && cpt_fsync_path (dir, error);
}
