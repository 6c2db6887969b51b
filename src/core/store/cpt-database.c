#define G_LOG_DOMAIN "cpt-database"

#include "cpt-database.h"
#include "cpt-store-database.h"
#include "cpt-store-hits.h"
#include "cpt-store-number-buckets.h"
#include "cpt-store-watch.h"
#include "cpt-database-private.h"
#include "cpt-error.h"
#include "cpt-search.h"
#include "cpt-sort-key.h"
#include "cpt-core-resources.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

/* "Cptr": marks the file as ours in the SQLite header (PRAGMA application_id). */
#define CPT_APPLICATION_ID 0x43707472

/* Files up to this size get a full quick_check when opened; larger ones only the header
 * and schema checks, so that a million-document file still opens at once. */
#define QUICK_CHECK_MAX_BYTES (64 * 1024 * 1024)

/* How long opening waits for another program's lock before saying the file is in use (the
 * window then offers to try again), and how long a write waits once the file is open. */
#define OPEN_BUSY_TIMEOUT_MS 5000
#define BUSY_TIMEOUT_MS      30000

/* Files whose last successful check is remembered; the oldest are forgotten first. */
#define CHECKS_KEPT 64

static gint quick_check_count;

/* Files this process holds open through a connection checked when it opened (path -> the
 * number of such connections). Another connection to one of them, such as the worker's
 * opening just after the window's, needs no check of its own: the file was found sound
 * and only SQLite, in this process or another, has written it since. */
static GMutex held_lock;
static GHashTable *held_checked;

/* ---------------------------------------------------------------- what opening waits for */

/* The watch of the opening under way in this thread (cpt_database_open_watched): kept
 * per thread rather than passed down, as every step of opening may wait on a lock. */
typedef struct
{
  CptDatabaseStageFunc func;
  gpointer             data;
  CptDatabaseStage     stage;       /* the last one said */
  gint64               wait_start;  /* of the lock being waited for, in µs */
} Watch;

static GPrivate current_watch;

static void
report_stage (CptDatabaseStage stage)
{
  Watch *watch = g_private_get (&current_watch);

  if (watch == NULL || watch->stage == stage)
    return;
  watch->stage = stage;
  watch->func (stage, watch->data);
}

void
cpt_database_report_stage (CptDatabaseStage stage)
{
  report_stage (stage);
}

/* As sqlite3_busy_timeout (OPEN_BUSY_TIMEOUT_MS), but says that it waits for another
 * program, once per wait. */
static int
on_busy (void *data, int count)
{
  Watch *watch = data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    {
      watch->wait_start = now;
      report_stage (CPT_DATABASE_STAGE_WAITING);
    }
  if (now - watch->wait_start >= (gint64) OPEN_BUSY_TIMEOUT_MS * 1000)
    return 0;
  g_usleep (20 * 1000);
  return 1;
}

/* While opening: a lock held by another program is waited for a while, and said. */
static void
wait_for_locks (sqlite3 *db)
{
  Watch *watch = g_private_get (&current_watch);

  if (watch != NULL)
    sqlite3_busy_handler (db, on_busy, watch);
  else
    sqlite3_busy_timeout (db, OPEN_BUSY_TIMEOUT_MS);
}

struct _CptDatabase
{
  GObject     parent_instance;
  char       *path;
  sqlite3    *db;
  char       *held_key;   /* in held_checked while this connection is open, or NULL */
  GHashTable *statements; /* SQL text -> sqlite3_stmt */
  guint       depth;      /* transaction nesting */
  gboolean    read_only;
};

G_DEFINE_FINAL_TYPE (CptDatabase, cpt_database, G_TYPE_OBJECT)

static void
cpt_database_finalize (GObject *object)
{
  CptDatabase *self = CPT_DATABASE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  if (self->held_key != NULL)
    {
      g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&held_lock);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (held_checked, self->held_key));

      if (count > 1)
        g_hash_table_insert (held_checked, g_strdup (self->held_key), GUINT_TO_POINTER (count - 1));
      else
        g_hash_table_remove (held_checked, self->held_key);
      g_free (self->held_key);
    }
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

gboolean
cpt_database_is_read_only (CptDatabase *self)
{
  return self->read_only;
}

guint
cpt_database_get_quick_check_count (void)
{
  return (guint) g_atomic_int_get (&quick_check_count);
}

gint64
cpt_database_last_insert_id (CptDatabase *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

/* SQLite says SQLITE_FULL when a write comes up short, and an I/O error when the system
 * refuses it outright: the system's errno tells a full disk (or quota, or file size limit)
 * from a failing one. */
static gboolean
is_no_space (int rc, int sys_errno)
{
  return (rc & 0xff) == SQLITE_FULL ||
         ((rc & 0xff) == SQLITE_IOERR &&
          (sys_errno == ENOSPC || sys_errno == EDQUOT || sys_errno == EFBIG));
}

/* The connection's last error, with a write refused for want of space told as SQLITE_FULL. */
static int
last_error_code (CptDatabase *self)
{
  int code = sqlite3_extended_errcode (self->db);

  return is_no_space (code, sqlite3_system_errno (self->db)) ? SQLITE_FULL : code;
}

static CptError
error_kind (int code)
{
  switch (code & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return CPT_ERROR_CORRUPT;
    case SQLITE_READONLY:
      return CPT_ERROR_READ_ONLY;
    case SQLITE_CONSTRAINT:
      return CPT_ERROR_REFUSED;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CPT_ERROR_BUSY;
    case SQLITE_FULL:
      return CPT_ERROR_NO_SPACE;
    default:
      return CPT_ERROR_DATABASE;
    }
}

const char *
cpt_store_plain_reason (int code, const char *message)
{
  if ((code & 0xff) == SQLITE_FULL)
    return _("the disk is full. Nothing was changed; free some space, then try again");
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    return _("the file is in use by another program. Nothing was changed; try again later");
  return message;
}

/* SQLite's own words, except where plainer ones say what to do. */
static const char *
error_reason (CptDatabase *self, int code, const char *message)
{
  if ((code & 0xff) == SQLITE_READONLY && self->read_only)
    return _("the file is open read-only, nothing can be changed in it");
  return cpt_store_plain_reason (code, message);
}

void
cpt_database_set_error (CptDatabase *self, GError **error, const char *what)
{
  int code = last_error_code (self);

  /* Translators: the first %s says what failed (“Could not save the client”), the second
   * is the reason given by SQLite, in English */
  g_set_error (error, CPT_ERROR, error_kind (code), _("%s: %s"), what,
               error_reason (self, code, sqlite3_errmsg (self->db)));
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
      int code = last_error_code (self);
      g_set_error (error, CPT_ERROR, error_kind (code), "%s",
                   error_reason (self, code, message ? message : sqlite3_errmsg (self->db)));
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
cpt_database_begin_read (CptDatabase *self, GError **error)
{
  g_autofree char *sql = NULL;

  if (self->depth == 0)
    sql = g_strdup ("BEGIN DEFERRED");
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

/* A hot rollback journal: SQLite puts the file back as it was before the interrupted
 * transaction, so until then the file may well look short. */
static gboolean
has_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  GStatBuf st;

  return g_stat (journal, &st) == 0 && st.st_size > 0;
}

/* ---------------------------------------------------------------- plain words for failures */

static void
set_busy_error (const char *path, GError **error)
{
  g_set_error (error, CPT_ERROR, CPT_ERROR_BUSY,
               _("“%s” is in use by another program, which keeps it locked. Nothing was "
                 "changed; close that program or wait for it to finish, then try again."), path);
}

static void
set_no_space_error (const char *path, GError **error)
{
  g_set_error (error, CPT_ERROR, CPT_ERROR_NO_SPACE,
               _("There is not enough space left on the disk to open “%s”. Nothing was "
                 "changed; free some space, then try again."), path);
}

static gboolean
is_corruption (int rc)
{
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

/* Says why SQLite could not read the file, for every failure that is not damage: those
 * never say "damaged", which would send the user to overwrite a sound file. */
static void
set_open_error (const char *path, sqlite3 *db, int rc, GError **error)
{
  int sys_errno = db != NULL ? sqlite3_system_errno (db) : 0;

  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    set_busy_error (path, error);
  else if (is_no_space (rc, sys_errno))
    set_no_space_error (path, error);
  else if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_PERM ||
           (rc & 0xff) == SQLITE_CANTOPEN)
    g_set_error (error, CPT_ERROR, CPT_ERROR_READ_ONLY,
                 _("Comptoir cannot use “%s” (%s). Check the permissions of the file and of "
                   "its folder; nothing was changed."),
                 path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else
    g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE,
                 _("Could not read “%s” (%s). Nothing was changed; try again."),
                 path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

/* Reads up to `size` bytes from the start of `path` into `buffer` (*out_got: how many there
 * were), through SQLite's own file layer rather than open()/close(). POSIX advisory locks
 * belong to the process, and closing ANY descriptor of a file drops ALL the process's locks
 * on it: a plain open()/close() of the database while this process holds connections to it
 * let another process believe it was the file's last user, check the -wal in and delete it
 * under our open connections, which then neither saw that process's commits nor wrote where
 * it read (SQLite's "How To Corrupt", 2.2). SQLite's file layer keeps such a descriptor open
 * until the process's locks on the file are released. errno-like failures set `error`. */
static gboolean
read_file_head (const char *path,
                void       *buffer,
                gsize       size,
                gsize      *out_got,
                GError    **error)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);
  g_autofree sqlite3_file *file = g_malloc0 (vfs->szOsFile);
  sqlite3_int64 file_size = 0;
  int flags = 0;
  int rc;

  *out_got = 0;
  rc = vfs->xOpen (vfs, path, file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &flags);
  if (rc != SQLITE_OK)
    {
      int saved = errno;

      /* A failed xOpen leaves nothing to close. */
      g_set_error (error, CPT_ERROR, saved == EACCES ? CPT_ERROR_READ_ONLY : CPT_ERROR_DATABASE,
                   _("Cannot read “%s”: %s"), path, g_strerror (saved ? saved : EIO));
      return FALSE;
    }
  rc = file->pMethods->xFileSize (file, &file_size);
  if (rc == SQLITE_OK)
    {
      *out_got = (gsize) MIN ((sqlite3_int64) size, file_size);
      rc = *out_got == 0 ? SQLITE_OK : file->pMethods->xRead (file, buffer, (int) *out_got, 0);
    }
  file->pMethods->xClose (file);
  if (rc != SQLITE_OK)
    {
      *out_got = 0;
      g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE, _("Cannot read “%s”: %s"), path,
                   g_strerror (EIO));
      return FALSE;
    }
  return TRUE;
}

/* Whether the database file, read alone without the -wal beside it, is whole: a copy
 * made in memory, so that nothing is written and SQLite does not replay the -wal. */
static gboolean
main_file_sound_alone (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  unsigned char *copy;
  gboolean sound = FALSE;

  GStatBuf st;

  if (g_stat (path, &st) != 0 || st.st_size < 100 || st.st_size > QUICK_CHECK_MAX_BYTES)
    return FALSE;
  data = g_malloc (st.st_size);
  if (!read_file_head (path, data, st.st_size, &length, NULL) || length < 100)
    return FALSE;
  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    goto out;
  copy = sqlite3_malloc64 (length);
  if (copy == NULL)
    goto out;
  memcpy (copy, data, length);
  /* Marked as a rollback-journal file: a file in memory cannot have a -wal. */
  copy[18] = copy[19] = 1;
  if (sqlite3_deserialize (db, "main", copy, length, length,
                           SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
    goto out;
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                              "('company', 'clients', 'documents', 'document_lines')",
                          -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) != 4)
    goto out;
  sqlite3_finalize (stmt);
  stmt = NULL;
  sound = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW &&
          g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0 &&
          sqlite3_step (stmt) == SQLITE_DONE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return sound;
}

/* SQLite found damage reading the file through its -wal. When the file alone is whole, the
 * -wal is not its own (SQLite does not tell: it replays any -wal beside the file). That is
 * what a backup copied over a file that had not been closed looks like. */
static void
set_damaged_error (const char *path, gboolean tables_missing, GError **error)
{
  if (has_wal (path) && main_file_sound_alone (path))
    {
      g_autofree char *name = g_path_get_basename (path);

      g_set_error (error, CPT_ERROR, CPT_ERROR_STALE_WAL,
                   _("“%s” itself is whole, but the file “%s-wal” beside it does not belong to "
                     "it: it was probably left there by the file that a restored copy replaced, "
                     "or by another database. Nothing was changed. To open this file, move "
                     "“%s-wal” and “%s-shm” to another folder; to get back the file they "
                     "belong to, put that file back in its place instead."),
                   path, name, name, name);
    }
  else if (tables_missing)
    g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                 _("“%s” is marked as a Comptoir database but its tables are missing. "
                   "It was left as it is; restore it from a backup."), path);
  else
    g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                 _("“%s” is damaged and cannot be opened safely. It was left as it is; "
                   "restore it from a backup."), path);
}

/* ---------------------------------------------------------------- network file systems */

static const struct
{
  guint32     magic;
  const char *name;
} remote_file_systems[] = {
  { 0x00006969, "NFS" },
  { 0x0000517B, "SMB" },
  { 0xFE534D42, "SMB2" },
  { 0xFF534D42, "CIFS" },
  { 0x65735546, "FUSE (sshfs, …)" },
  { 0x01021997, "9P" },
  { 0x5346414F, "AFS" },
  { 0x6B414653, "AFS" },
  { 0x00C36400, "Ceph" },
  { 0x73757245, "Coda" },
  { 0x0000564C, "NCP" },
  { 0x0BD00BD0, "Lustre" },
  { 0x786F4256, "VirtualBox shared folder" },
};

guint64
cpt_database_get_fs_type (const char *path)
{
  const char *override = g_getenv ("COMPTOIR_TEST_FS_TYPE");
  g_autofree char *where = g_strdup (path);
  struct statfs st;

  if (override != NULL && *override != '\0')
    return g_ascii_strtoull (override, NULL, 0);
  /* A file not made yet lives in its nearest existing folder. */
  while (statfs (where, &st) != 0)
    {
      char *parent = g_path_get_dirname (where);

      if (errno != ENOENT || strcmp (parent, where) == 0)
        {
          g_free (parent);
          return 0;
        }
      g_free (where);
      where = parent;
    }
  return (guint32) st.f_type;
}

/* SQLite's locking is unreliable over network and FUSE file systems: two computers (or
 * two programs) may write at once and damage the file. Reading is still allowed. */
static gboolean
check_local (const char *path, GError **error)
{
  guint64 type = cpt_database_get_fs_type (path);

  for (guint i = 0; i < G_N_ELEMENTS (remote_file_systems); i++)
    if (type == remote_file_systems[i].magic)
      {
        /* Translators: the second %s names a file system: NFS, SMB, FUSE (sshfs, …) */
        g_set_error (error, CPT_ERROR, CPT_ERROR_REMOTE,
                     _("“%s” is on a network or FUSE file system (%s), where the file cannot be "
                       "locked reliably: Comptoir only reads it there, so that two programs "
                       "writing at once cannot spoil it. Copy it to a folder on this computer to "
                       "work on it."), path, remote_file_systems[i].name);
        return FALSE;
      }
  return TRUE;
}

/* ---------------------------------------------------------------- the check, once per change */

/* What identifies this state of the file: a change to the file or its -wal changes it.
 * The file's ctime cannot be set back by hand, unlike its mtime. Not the -wal's: SQLite
 * run as root gives the -wal its database's owner again at each opening (fchown), which
 * moves its ctime with nothing written, so every opening checked the file again; a change
 * to the -wal moves its size or its mtime. NULL when the file cannot be read. */
static char *
file_fingerprint (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  struct stat st, wal_st;
  guint8 header[100];
  guint32 counter = 0;
  GString *print;
  gsize got;

  if (stat (path, &st) != 0)
    return NULL;
  if (!read_file_head (path, header, sizeof header, &got, NULL))
    return NULL;
  if (got == sizeof header)
    counter = read_be32 (header + 24);

  print = g_string_new (NULL);
  g_string_append_printf (print, "%ju:%ju size %jd mtime %jd.%09ld ctime %jd.%09ld counter %u",
                          (uintmax_t) st.st_dev, (uintmax_t) st.st_ino, (intmax_t) st.st_size,
                          (intmax_t) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec,
                          (intmax_t) st.st_ctim.tv_sec, (long) st.st_ctim.tv_nsec, counter);
  /* An empty -wal holds nothing: the same as none (opening may create one). */
  if (stat (wal, &wal_st) == 0 && wal_st.st_size > 0)
    g_string_append_printf (print, "; wal %ju size %jd mtime %jd.%09ld",
                            (uintmax_t) wal_st.st_ino, (intmax_t) wal_st.st_size,
                            (intmax_t) wal_st.st_mtim.tv_sec, (long) wal_st.st_mtim.tv_nsec);
  return g_string_free (print, FALSE);
}

static char *
checks_file (void)
{
  return g_build_filename (g_get_user_cache_dir (), "comptoir", "checked-files.ini", NULL);
}

/* Paths may hold characters a key file group cannot: the group is a digest of the path. */
static char *
checks_group (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
}

static gboolean
was_checked (const char *path, const char *fingerprint)
{
  g_autoptr(GKeyFile) checks = g_key_file_new ();
  g_autofree char *file = checks_file ();
  g_autofree char *group = checks_group (path);
  g_autofree char *stored = NULL;

  if (!g_key_file_load_from_file (checks, file, G_KEY_FILE_NONE, NULL))
    return FALSE;
  stored = g_key_file_get_string (checks, group, "fingerprint", NULL);
  return g_strcmp0 (stored, fingerprint) == 0;
}

/* Best effort: if it cannot be saved, the next open checks again. Two processes saving at
 * once lose one record, with the same result. */
static void
remember_checked (const char *path, const char *fingerprint)
{
  g_autoptr(GKeyFile) checks = g_key_file_new ();
  g_autofree char *file = checks_file ();
  g_autofree char *dir = g_path_get_dirname (file);
  g_autofree char *group = checks_group (path);
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  gsize n_groups = 0;
  g_auto(GStrv) groups = NULL;

  g_key_file_load_from_file (checks, file, G_KEY_FILE_NONE, NULL);
  g_key_file_set_string (checks, group, "path", absolute);
  g_key_file_set_string (checks, group, "fingerprint", fingerprint);
  g_key_file_set_int64 (checks, group, "checked", g_get_real_time ());

  groups = g_key_file_get_groups (checks, &n_groups);
  while (n_groups > CHECKS_KEPT)
    {
      const char *oldest = NULL;
      gint64 oldest_time = G_MAXINT64;

      for (gsize i = 0; groups[i] != NULL; i++)
        {
          gint64 time;

          if (!g_key_file_has_group (checks, groups[i]))
            continue;
          time = g_key_file_get_int64 (checks, groups[i], "checked", NULL);
          if (time < oldest_time)
            {
              oldest_time = time;
              oldest = groups[i];
            }
        }
      if (oldest == NULL)
        break;
      g_key_file_remove_group (checks, oldest, NULL);
      n_groups--;
    }

  if (g_mkdir_with_parents (dir, 0700) == 0)
    g_key_file_save_to_file (checks, file, NULL);
}

/* ---------------------------------------------------------------- looking before opening */

/* After a crash the newest header may still be in the -wal file beside the database (a
 * checkpoint had not copied it back yet). When there is one, ask SQLite, read-only, for the
 * identifiers it sees through the WAL. */
static gboolean
read_ids_through_wal (const char *path, guint32 *app_id, guint32 *user_version, GError **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!has_wal (path))
    return TRUE; /* no WAL: the header read from the file is the truth */
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      wait_for_locks (db);
      rc = sqlite3_prepare_v2 (db, "SELECT * FROM pragma_application_id, pragma_user_version",
                               -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *app_id = (guint32) sqlite3_column_int (stmt, 0);
          *user_version = (guint32) sqlite3_column_int (stmt, 1);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK && !is_corruption (rc))
    set_open_error (path, db, rc, error);
  sqlite3_close_v2 (db);
  if (rc != SQLITE_OK && is_corruption (rc))
    set_damaged_error (path, FALSE, error);
  return rc == SQLITE_OK;
}

/* Looks at the file before SQLite does, so that a foreign, corrupt or newer file is refused
 * without a single byte written (SQLite could otherwise roll back a hot journal or set up
 * WAL). Sets *out_new when the file is absent or empty. */
static gboolean
inspect_file (const char *path, gboolean *out_new, GError **error)
{
  guint8 header[100];
  GStatBuf st;
  gsize got;
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

  if (!read_file_head (path, header, sizeof header, &got, error))
    return FALSE;

  if (got < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
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
   * when there is no WAL (the quick check after this one reads through it), nor a hot
   * journal that puts the file back as it was. */
  if (page_size < 512 || (page_size & (page_size - 1)) != 0 ||
      (valid_for == change_counter && page_count > 0 && !has_wal (path) && !has_journal (path) &&
       (guint64) st.st_size < (guint64) page_count * page_size))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                   _("“%s” is damaged (the file is shorter than its header says). "
                     "It was left as it is; restore it from a backup."), path);
      return FALSE;
    }
  if ((app_id != CPT_APPLICATION_ID || user_version > CPT_DATABASE_SCHEMA_VERSION) &&
      !read_ids_through_wal (path, &app_id, &user_version, error))
    return FALSE;
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

/* Schema and content checks done read-only before anything is written. Only damage found by
 * SQLite says "damaged"; a lock, a full disk or a foreign -wal say so in their own words.
 * The full check runs once per change of the file, not at every open. */
static char *
held_key_of (const char *path)
{
  return g_canonicalize_filename (path, NULL);
}

static gboolean
held_checked_here (const char *path)
{
  g_autofree char *key = held_key_of (path);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&held_lock);

  return held_checked != NULL && g_hash_table_contains (held_checked, key);
}

static void
hold_checked (CptDatabase *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&held_lock);
  guint count;

  if (held_checked == NULL)
    held_checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->held_key = held_key_of (self->path);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (held_checked, self->held_key));
  g_hash_table_insert (held_checked, g_strdup (self->held_key), GUINT_TO_POINTER (count + 1));
}

static gboolean
verify_readonly (const char *path, GError **error)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *result = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GStatBuf st;
  int rc, tables = 0;

  /* Taken before reading: a change made during the check gives another fingerprint, so
   * the next open checks again. */
  fingerprint = file_fingerprint (path);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      /* Another process may be writing, checkpointing or closing (which removes the -wal):
       * wait for it rather than take its lock for damage. */
      wait_for_locks (db);
      rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                   "('company', 'clients', 'documents', 'document_lines')",
                               -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          tables = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (rc == SQLITE_OK && tables == 4 && g_stat (path, &st) == 0 &&
      st.st_size <= QUICK_CHECK_MAX_BYTES && !held_checked_here (path) &&
      (fingerprint == NULL || !was_checked (path, fingerprint)))
    {
      g_atomic_int_inc (&quick_check_count);
      rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            {
              result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
              rc = SQLITE_OK;
            }
        }
      sqlite3_finalize (stmt);
      if (rc == SQLITE_OK && g_strcmp0 (result, "ok") == 0 && fingerprint != NULL)
        remember_checked (path, fingerprint);
    }
  else if (rc == SQLITE_OK)
    result = g_strdup ("ok");

  if (rc != SQLITE_OK && !is_corruption (rc))
    {
      set_open_error (path, db, rc, error);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  sqlite3_close_v2 (db);

  if (rc != SQLITE_OK || tables != 4 || g_strcmp0 (result, "ok") != 0)
    {
      set_damaged_error (path, rc == SQLITE_OK && tables != 4, error);
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

/* Runs `sql` with the validated documents' immutability trigger set aside, for a migration
 * that rewrites what they are stored as, not what they say: it refuses any UPDATE of them. It
 * is made again from its own text, unchanged. */
static gboolean
exec_unlocked (CptDatabase *self, const char *sql, GError **error)
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

  if (locked_sql != NULL && !cpt_database_exec (self, "DROP TRIGGER documents_locked_update", error))
    return FALSE;
  if (!cpt_database_exec (self, sql, error))
    return FALSE;
  return locked_sql == NULL || cpt_database_exec (self, locked_sql, error);
}

/* Fills the sort keys that schema 5 and 6 add as plain columns; the validated documents keep
 * their client's sort key too. */
static gboolean
fill_sort_keys (CptDatabase *self, GError **error)
{
  if (!cpt_database_exec (self, "UPDATE clients SET sort_name = cpt_sort_key (name);"
                                "UPDATE products SET sort_name = cpt_sort_key (name)", error))
    return FALSE;
  return exec_unlocked (self, "UPDATE documents SET client_sort_name = cpt_sort_key (client_name)",
                        error);
}

/* Points the documents at the snapshots that schema 17 keeps once, and drops the copies. */
static gboolean
share_party_snapshots (CptDatabase *self, GError **error)
{
  return exec_unlocked (self,
                        "UPDATE documents SET "
                        "  seller_id = (SELECT id FROM party_snapshots WHERE json = documents.seller), "
                        "  buyer_id = (SELECT id FROM party_snapshots WHERE json = documents.buyer) "
                        "WHERE seller IS NOT NULL OR buyer IS NOT NULL",
                        error) &&
         cpt_database_exec (self, "ALTER TABLE documents DROP COLUMN seller; "
                                  "ALTER TABLE documents DROP COLUMN buyer", error);
}

/* Fills the documents' search index that schema 14 makes again: the triggers that keep it
 * are made once every step has run (migrate ()). */
static gboolean
index_documents (CptDatabase *self, GError **error)
{
  return cpt_search_index_documents_after (self, 0, error);
}

/* Steps in C that follow a schema file, by the version that file brings. */
typedef gboolean (*MigrationStep) (CptDatabase *self, GError **error);
static const struct
{
  guint         version;
  MigrationStep step;
  /* The step leaves most of a table's pages three quarters empty (SQLite rewrites shorter
   * rows in place): the file is compacted once the migration is committed. */
  gboolean      compacts;
} c_steps[] = {
  { 5, fill_sort_keys, FALSE },
  { 6, fill_sort_keys, FALSE },
  { 14, index_documents, FALSE },
  { 17, share_party_snapshots, TRUE },
};

/* Rewrites the file without its empty space. Not being able to (a full disk) loses nothing:
 * the file is sound, only larger than it could be, and is used as it is. */
static void
compact (CptDatabase *self)
{
  g_autoptr(GError) error = NULL;

  if (!cpt_database_exec (self, "VACUUM", &error))
    g_message ("%s: could not compact the file after upgrading it: %s", self->path, error->message);
}

static gboolean
migrate (CptDatabase *self, GError **error)
{
  sqlite3_stmt *stmt;
  int version;
  gboolean compacts = FALSE;

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

  /* A new file is made, not upgraded: said only of a file with data in it. */
  if (version > 0)
    report_stage (CPT_DATABASE_STAGE_UPGRADING);
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
        if (c_steps[i].version == v)
          {
            if (!c_steps[i].step (self, error))
              goto fail;
            /* a new file has nothing to compact */
            compacts |= c_steps[i].compacts && version > 0;
          }
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
  if (compacts)
    compact (self);
  /* Copy the new header (application id, version) into the main file at once, so that the
   * file is recognised even if this process dies before its next checkpoint. */
  sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return TRUE;

fail:
  cpt_database_rollback (self);
  g_prefix_error (error, _("Could not prepare the database: "));
  return FALSE;
}

/* The lists by number count the numbers by their first characters (schema 20): once the
 * numbers have outgrown how many, they are counted again by a better length (seconds at a
 * million documents, once in a long while). Not being able to (a busy file) loses nothing but
 * speed: the counts are right by any length. */
static void
fit_number_buckets (CptDatabase *self)
{
  g_autoptr(GError) error = NULL;

  if (!cpt_store_number_buckets_fit (self, NULL, &error))
    g_message ("%s: could not choose again how the lists by number count the numbers: %s",
               self->path, error->message);
}

/* The plain message of a failure while setting the file up: a lock or a full disk is not
 * the file's fault, and says so. */
static void
explain_setup_error (const char *path, GError **error)
{
  if (error == NULL || *error == NULL || (*error)->domain != CPT_ERROR)
    return;
  if ((*error)->code == CPT_ERROR_BUSY)
    {
      g_clear_error (error);
      set_busy_error (path, error);
    }
  else if ((*error)->code == CPT_ERROR_NO_SPACE)
    {
      g_clear_error (error);
      set_no_space_error (path, error);
    }
  else
    /* Translators: put before an error message; %s is the path of the database file */
    g_prefix_error (error, _("“%s”: "), path);
}

/* A read-only connection cannot bring an older file up to date. */
static gboolean
check_current_version (CptDatabase *self, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (self, "PRAGMA user_version", error);
  int version;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      cpt_database_set_error (self, error, _("Could not read the database version"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (version < CPT_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_READ_ONLY,
                   _("“%s” was written by an older version of Comptoir and must be brought up "
                     "to date before it can be read here, which needs writing to it. Open it "
                     "once from a folder on this computer."), self->path);
      return FALSE;
    }
  return TRUE;
}

CptDatabase *
cpt_database_open_full (const char           *path,
                        CptDatabaseOpenFlags  flags,
                        GError              **error)
{
  g_autoptr(CptDatabase) self = NULL;
  g_autofree char *dir = NULL;
  gboolean read_only = (flags & CPT_DATABASE_OPEN_READ_ONLY) != 0;
  gboolean create = (flags & CPT_DATABASE_OPEN_CREATE) != 0 && !read_only;
  gboolean is_new, existed;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!inspect_file (path, &is_new, error))
    return NULL;
  if (is_new && !create)
    {
      /* A mistyped path must not leave a new, empty company file (nor its folders). */
      if (existed)
        g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND,
                     _("“%s” is empty: it is not a company file yet. Nothing was changed."),
                     path);
      else
        g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND,
                     _("There is no company file “%s”. Check the path; nothing was created."),
                     path);
      return NULL;
    }
  if (!read_only && (flags & CPT_DATABASE_OPEN_PRIVATE_COPY) == 0 && !check_local (path, error))
    return NULL;
  dir = g_path_get_dirname (path);
  if (is_new && g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_READ_ONLY, _("Cannot create the folder “%s”: %s"),
                   dir, g_strerror (errno));
      return NULL;
    }
  if (!read_only && !check_writable (path, is_new, error))
    return NULL;
  report_stage (CPT_DATABASE_STAGE_CHECKING);
  if (!is_new && !verify_readonly (path, error))
    return NULL;

  self = g_object_new (CPT_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->read_only = read_only;
  rc = sqlite3_open_v2 (path, &self->db,
                        (read_only ? SQLITE_OPEN_READONLY
                                   : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                        SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE, _("Cannot open “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  cpt_store_watch_connection (self->db);
  /* Setting up waits no longer than the check did: the window then says the file is in use
   * and offers to try again. */
  wait_for_locks (self->db);

  /* Comptoir's statements write the sort keys with cpt_sort_key () and test search hits
   * with cpt_search_hit (); the schema never uses them. */
  if (cpt_sort_key_register (self->db) != SQLITE_OK || cpt_store_hits_register (self->db) != SQLITE_OK)
    {
      cpt_database_set_error (self, error, _("Could not prepare the database"));
      g_prefix_error (error, _("“%s”: "), path);
      return NULL;
    }

  if (read_only ? !cpt_database_exec (self, "PRAGMA foreign_keys = ON; "
                                            "PRAGMA trusted_schema = OFF", error) ||
                  !check_current_version (self, error)
                : !cpt_database_exec (self, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; "
                                            "PRAGMA synchronous = FULL; PRAGMA trusted_schema = OFF",
                                      error) ||
                  !migrate (self, error))
    {
      explain_setup_error (path, error);
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
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  if (!read_only && (flags & CPT_DATABASE_OPEN_PRIVATE_COPY) == 0)
    fit_number_buckets (self);
  /* A new file has nothing to check; a copy of one is not the file. */
  if (!is_new && (flags & CPT_DATABASE_OPEN_PRIVATE_COPY) == 0)
    hold_checked (self);
  return g_steal_pointer (&self);
}

CptDatabase *
cpt_database_open_watched (const char           *path,
                           CptDatabaseOpenFlags  flags,
                           CptDatabaseStageFunc  stage_func,
                           gpointer              user_data,
                           GError              **error)
{
  Watch watch = { stage_func, user_data, CPT_DATABASE_STAGE_NONE, 0 };
  CptDatabase *database;

  if (stage_func == NULL)
    return cpt_database_open_full (path, flags, error);
  g_private_set (&current_watch, &watch);
  database = cpt_database_open_full (path, flags, error);
  g_private_set (&current_watch, NULL);
  return database;
}

CptDatabase *
cpt_database_open (const char *path, GError **error)
{
  return cpt_database_open_full (path, CPT_DATABASE_OPEN_CREATE, error);
}

/* Every migration run on an empty database in memory gives the schema a file of this
 * version must have: the check compares the file's with it, so that a trigger dropped or
 * rewritten by hand (the only way past the immutability triggers) does not go unseen. */
static GHashTable *
make_expected_schema (GError **error)
{
  g_autoptr(CptDatabase) scratch = g_object_new (CPT_TYPE_DATABASE, NULL);
  g_autoptr(GHashTable) schema = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  scratch->path = g_strdup (":memory:");
  if (sqlite3_open_v2 (":memory:", &scratch->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      cpt_database_set_error (scratch, error, _("Could not make the reference schema"));
      return NULL;
    }
  /* The migrations fill the sort keys with Comptoir's own function, as on a real file. */
  if (cpt_sort_key_register (scratch->db) != SQLITE_OK)
    {
      cpt_database_set_error (scratch, error, _("Could not make the reference schema"));
      return NULL;
    }
  if (!cpt_database_exec (scratch, "PRAGMA foreign_keys = ON", error) || !migrate (scratch, error))
    return NULL;
  if (sqlite3_prepare_v2 (scratch->db, "SELECT type, name, sql FROM sqlite_schema "
                                       "WHERE name NOT LIKE 'sqlite!_%' ESCAPE '!'",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      cpt_database_set_error (scratch, error, _("Could not make the reference schema"));
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (schema, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                         g_strdup_printf ("%s\n%s", sqlite3_column_text (stmt, 0),
                                          sqlite3_column_text (stmt, 2)
                                            ? (const char *) sqlite3_column_text (stmt, 2) : ""));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cpt_database_set_error (scratch, error, _("Could not make the reference schema"));
      return NULL;
    }
  return g_steal_pointer (&schema);
}

GHashTable *
cpt_database_expected_schema (GError **error)
{
  static GMutex lock;
  static GHashTable *cached;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);

  if (cached == NULL)
    cached = make_expected_schema (error);
  return cached != NULL ? g_hash_table_ref (cached) : NULL;
}
