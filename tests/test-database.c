/* The database file: creation, migration, refusal of files that are not ours. */
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "cpt-client.h"
#include "cpt-database.h"
#include "cpt-database-private.h"
#include "cpt-error.h"
#include "cpt-test-utils.h"

static void
test_create_and_migrate (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "folder", "comptoir.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  stmt = cpt_database_prepare (db, "PRAGMA user_version", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, CPT_DATABASE_SCHEMA_VERSION);
  sqlite3_reset (stmt);

  stmt = cpt_database_prepare (db, "PRAGMA journal_mode", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_reset (stmt);

  stmt = cpt_database_prepare (db, "PRAGMA foreign_keys", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);

  stmt = cpt_database_prepare (db, "PRAGMA synchronous", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2); /* FULL */
  sqlite3_reset (stmt);

  /* Opening again is a no-op migration that keeps the data. */
  {
    g_autoptr(CptClient) client = cpt_client_new ();
    g_autoptr(CptDatabase) again = NULL;
    g_autoptr(CptClient) loaded = NULL;

    g_object_set (client, "name", "Persistante SARL", NULL);
    g_assert_true (cpt_client_insert (client, db, &error));
    g_clear_object (&db);
    again = cpt_database_open (path, &error);
    g_assert_no_error (error);
    loaded = cpt_client_load (again, cpt_client_get_id (client), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (cpt_client_get_name (loaded), ==, "Persistante SARL");
  }
  g_autofree char *parent = g_path_get_dirname (path);
  cpt_test_cleanup_dir (parent);
  g_autofree char *grandparent = g_path_get_dirname (parent);
  g_rmdir (grandparent);
  cpt_test_cleanup_dir (dir);
}

static void
test_empty_file_is_new (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

/* Opens `path`, expects `code`, and checks the file was not changed at all. */
static void
assert_refused (const char *path, CptError code, const char *words)
{
  g_autofree char *before = cpt_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);

  g_assert_null (db);
  g_assert_error (error, CPT_ERROR, code);
  g_assert_nonnull (strstr (error->message, words));
  after = cpt_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuses_text_file (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  const char *text = "Liste des courses : pain, fromage, vin. Pas une base de données du tout, "
                     "mais assez longue pour dépasser l'en-tête de cent octets de SQLite.";

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  assert_refused (path, CPT_ERROR_NOT_COMPTOIR, "not a Comptoir database");
  cpt_test_cleanup_dir (dir);
}

static void
test_refuses_foreign_sqlite (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "foreign.db", NULL);
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE recipes (name TEXT); "
                                      "INSERT INTO recipes VALUES ('tarte tatin');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  assert_refused (path, CPT_ERROR_NOT_COMPTOIR, "another program");
  cpt_test_cleanup_dir (dir);
}

static void
test_refuses_newer (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  sqlite3 *raw = NULL;

  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  assert_refused (path, CPT_ERROR_NEWER, "newer version of Comptoir");
  cpt_test_cleanup_dir (dir);
}

static void
test_refuses_truncated (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "cut.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  g_autofree char *data = NULL;
  gsize length;
  sqlite3 *raw = NULL;

  g_assert_no_error (error);
  g_clear_object (&db);
  /* Back to a rollback journal so the whole database is in the main file. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  g_assert_true (g_file_set_contents (path, data, length / 2, NULL));
  assert_refused (path, CPT_ERROR_CORRUPT, "damaged");
  cpt_test_cleanup_dir (dir);
}

static void
test_refuses_scrambled_pages (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "scrambled.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  g_autofree char *data = NULL;
  gsize length;
  sqlite3 *raw = NULL;

  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  /* Keep the header, scramble everything after the first page. */
  for (gsize i = 4096; i < length; i++)
    data[i] = (char) (i * 7 + 13);
  g_assert_true (g_file_set_contents (path, data, length, NULL));
  assert_refused (path, CPT_ERROR_CORRUPT, "damaged");
  cpt_test_cleanup_dir (dir);
}

static void
test_refuses_read_only (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;

  if (g_test_subprocess ())
    {
      /* Permission bits do not stop root: drop to "nobody" for the check. */
      const char *target = g_getenv ("CPT_TEST_READONLY_PATH");
      if (getuid () == 0 && setuid (65534) != 0)
        g_error ("cannot drop privileges");
      assert_refused (target, CPT_ERROR_READ_ONLY, "read-only");
      return;
    }
  dir = cpt_test_make_dir ();
  path = g_build_filename (dir, "locked.db", NULL);
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_setenv ("CPT_TEST_READONLY_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  cpt_test_cleanup_dir (dir);
}

/* A process that dies without closing leaves its last transactions in the -wal file; the
 * next start must recognise the file and find them. */
static void
test_reopens_after_crash (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  sqlite3_stmt *stmt;

  if (g_test_subprocess ())
    {
      g_autoptr(CptClient) client = cpt_client_new ();
      db = cpt_database_open (g_getenv ("CPT_TEST_CRASH_PATH"), &error);
      g_assert_no_error (error);
      g_object_set (client, "name", "Survivante SARL", NULL);
      g_assert_true (cpt_client_insert (client, db, &error));
      _exit (0); /* no close, no checkpoint */
    }
  dir = cpt_test_make_dir ();
  path = g_build_filename (dir, "crash.db", NULL);
  wal = g_strconcat (path, "-wal", NULL);
  g_setenv ("CPT_TEST_CRASH_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  stmt = cpt_database_prepare (db, "SELECT name FROM clients", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Survivante SARL");
  sqlite3_reset (stmt);
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

/* A process killed in the middle of a checkpoint: page 1, copied first, already counts the
 * pages that the WAL has not copied yet, so the file is shorter than its header says. The
 * WAL still holds them; the file opens whole. */
static void
test_reopens_mid_checkpoint (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal_path = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  gsize wal_length, page_size, frame;
  const guint8 *page_one = NULL;
  GStatBuf st;
  FILE *file;
  sqlite3_stmt *stmt;

  if (g_test_subprocess ())
    {
      db = cpt_database_open (g_getenv ("CPT_TEST_CRASH_PATH"), &error);
      g_assert_no_error (error);
      g_assert_true (cpt_database_exec (db, "PRAGMA wal_autocheckpoint = 0", &error));
      g_assert_true (cpt_database_exec (db,
        "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) "
        "INSERT INTO clients (name, address) SELECT 'Client ' || i, printf ('%.300c', 'x') FROM n",
        &error));
      _exit (0); /* no close, no checkpoint */
    }
  dir = cpt_test_make_dir ();
  path = g_build_filename (dir, "checkpoint.db", NULL);
  wal_path = g_strconcat (path, "-wal", NULL);
  g_setenv ("CPT_TEST_CRASH_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  /* Copy the newest page 1 of the WAL (32-byte header, then frames of a 24-byte header and a
   * page) over the file's, as the killed checkpoint did. */
  g_assert_true (g_file_get_contents (wal_path, &wal, &wal_length, NULL));
  page_size = ((guint8) wal[8] << 24) | ((guint8) wal[9] << 16) | ((guint8) wal[10] << 8) |
              (guint8) wal[11];
  for (frame = 32; frame + 24 + page_size <= wal_length; frame += 24 + page_size)
    if (wal[frame] == 0 && wal[frame + 1] == 0 && wal[frame + 2] == 0 && wal[frame + 3] == 1)
      page_one = (const guint8 *) wal + frame + 24;
  g_assert_nonnull (page_one);
  file = g_fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (page_one, 1, page_size, file), ==, page_size);
  fclose (file);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint ((guint64) st.st_size, <,
                    (guint64) page_size * ((page_one[28] << 24) | (page_one[29] << 16) |
                                           (page_one[30] << 8) | page_one[31]));

  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  stmt = cpt_database_prepare (db, "SELECT count(*) FROM clients", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 400);
  sqlite3_reset (stmt);
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

/* ---------------------------------------------------------------- busy, full, stale -wal */

/* Another program holds a lock on the file (`setup` takes it): opening waits, then says the
 * file is in use, not damaged, and changes nothing; once the lock is let go it opens. */
static void
assert_busy_while_held (const char *path, const char *setup)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *holder = NULL;

  g_assert_cmpint (sqlite3_open (path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, setup, NULL, NULL, NULL), ==, SQLITE_OK);
  before = cpt_test_file_checksum (path);

  db = cpt_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  g_assert_nonnull (strstr (error->message, "Nothing was changed"));
  g_assert_null (strstr (error->message, "damaged"));
  after = cpt_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  sqlite3_close (holder); /* lets go of the lock (rolls back its transaction) */
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
}

static void
test_busy_while_locked (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "held.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);

  g_assert_no_error (error);
  g_clear_object (&db);
  /* A program that takes the whole file (the sqlite3 shell, a database browser) ... */
  assert_busy_while_held (path, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE");
  /* ... and a file in rollback-journal mode (a copy made by another tool) being written. */
  assert_busy_while_held (path, "PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE");
  cpt_test_cleanup_dir (dir);
}

/* Opening while another process writes, checkpoints and closes (which removes the -wal):
 * each open waits its turn; none is called damaged. */
static void
test_busy_concurrent_writer (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "shared.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  guint damaged = 0, failed = 0;
  int status;
  pid_t writer;

  g_assert_no_error (error);
  g_assert_true (cpt_database_exec (db, "CREATE TABLE writer_notes (n INTEGER)", &error));
  g_clear_object (&db);

  writer = fork ();
  g_assert_cmpint (writer, >=, 0);
  if (writer == 0)
    {
      pid_t parent = getppid ();

      /* The writer: only SQLite, on connections of its own, until it is killed (or the
       * test is gone). */
      for (guint round = 0; getppid () == parent; round++)
        {
          sqlite3 *w = NULL;

          if (sqlite3_open (path, &w) == SQLITE_OK)
            {
              sqlite3_busy_timeout (w, 5000);
              for (guint i = 0; i < 10; i++)
                sqlite3_exec (w, "INSERT INTO writer_notes VALUES (random ())", NULL, NULL, NULL);
              if (round % 3 == 0)
                sqlite3_exec (w, "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL);
            }
          sqlite3_close (w);
        }
      _exit (0);
    }

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GError) open_error = NULL;
      g_autoptr(CptDatabase) opened = cpt_database_open (path, &open_error);

      if (opened == NULL)
        {
          g_test_message ("open %u: %s", i, open_error->message);
          failed++;
          if (g_error_matches (open_error, CPT_ERROR, CPT_ERROR_CORRUPT) ||
              strstr (open_error->message, "damaged") != NULL)
            damaged++;
        }
    }
  kill (writer, SIGKILL);
  waitpid (writer, &status, 0);

  g_assert_cmpuint (damaged, ==, 0);
  g_assert_cmpuint (failed, ==, 0);
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

/* Writes rows that stay in the -wal (the process dies without a checkpoint). */
static void
write_into_wal_and_die (const char *path, const char *sql)
{
  g_setenv ("CPT_TEST_CRASH_PATH", path, TRUE);
  g_setenv ("CPT_TEST_CRASH_SQL", sql, TRUE);
  g_test_trap_subprocess ("/database/stale-wal/subprocess", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_stale_wal_subprocess (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;

  if (!g_test_subprocess ())
    {
      g_test_skip ("run by /database/stale-wal/restored-copy");
      return;
    }
  db = cpt_database_open (g_getenv ("CPT_TEST_CRASH_PATH"), &error);
  g_assert_no_error (error);
  g_assert_true (cpt_database_exec (db, "PRAGMA wal_autocheckpoint = 0", &error));
  g_assert_true (cpt_database_exec (db, g_getenv ("CPT_TEST_CRASH_SQL"), &error));
  _exit (0); /* no close, no checkpoint */
}

/* A backup copied over a file that was not closed: the -wal beside it belongs to the file
 * it replaced. That is explained, the files are left as they are, and once the -wal is
 * moved away the restored copy opens. */
static void
test_stale_wal_beside_restored_copy (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "comptoir.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *wal_before = NULL, *db_before = NULL;
  g_autofree char *wal_after = NULL, *db_after = NULL;
  g_autofree char *moved = g_build_filename (dir, "moved-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  gsize backup_length;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  g_assert_true (cpt_database_exec (db, "CREATE TABLE notes (body TEXT)", &error));
  g_clear_object (&db);
  /* The backup, taken while the file was small. */
  g_assert_true (g_file_get_contents (path, &backup, &backup_length, NULL));

  /* The file then grows (checkpointed into it), and the last rows stay in its -wal when
   * the program is killed. */
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cpt_database_exec (db,
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
    "INSERT INTO notes SELECT printf ('%.400c', 'a') FROM n", &error));
  g_clear_object (&db);
  write_into_wal_and_die (path,
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
    "INSERT INTO notes SELECT printf ('%.400c', 'b') FROM n");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* The restore: the backup copied over the file, the -wal left beside it. */
  g_assert_true (g_file_set_contents (path, backup, backup_length, NULL));
  db_before = cpt_test_file_checksum (path);
  wal_before = cpt_test_file_checksum (wal);

  db = cpt_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_STALE_WAL);
  g_assert_null (strstr (error->message, "damaged"));
  g_assert_nonnull (strstr (error->message, "comptoir.db-wal"));
  g_assert_nonnull (strstr (error->message, "does not belong"));
  g_assert_nonnull (strstr (error->message, "Nothing was changed"));
  g_clear_error (&error);
  db_after = cpt_test_file_checksum (path);
  wal_after = cpt_test_file_checksum (wal);
  g_assert_cmpstr (db_before, ==, db_after);
  g_assert_cmpstr (wal_before, ==, wal_after);

  /* What the message says to do. */
  g_assert_cmpint (g_rename (wal, moved), ==, 0);
  g_unlink (shm);
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  stmt = cpt_database_prepare (db, "SELECT count(*) FROM notes", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_reset (stmt);
  g_clear_object (&db);

  /* A -wal that SQLite ignores (its header is not one) does not stop a sound file. */
  {
    char junk[4096];

    memset (junk, 0x5a, sizeof junk);
    g_assert_true (g_file_set_contents (wal, junk, sizeof junk, NULL));
    db = cpt_database_open (path, &error);
    g_assert_no_error (error);
    g_clear_object (&db);
  }
  g_unlink (moved);
  cpt_test_cleanup_dir (dir);
}

/* A full disk: writes beyond a limit fail (RLIMIT_FSIZE makes them fail with EFBIG, as
 * ENOSPC would; no file system can be filled here without root). The open says so, says
 * nothing was changed, and the file opens once there is room again. */
static void
test_full_disk (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;

  if (g_test_subprocess ())
    {
      struct rlimit limit = { 8192, 8192 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      db = cpt_database_open (g_getenv ("CPT_TEST_FULL_PATH"), &error);
      g_assert_null (db);
      g_assert_error (error, CPT_ERROR, CPT_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, "space"));
      g_assert_nonnull (strstr (error->message, "Nothing was changed"));
      g_assert_null (strstr (error->message, "damaged"));
      return;
    }
  dir = cpt_test_make_dir ();
  path = g_build_filename (dir, "full.db", NULL);
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  before = cpt_test_file_checksum (path);

  g_setenv ("CPT_TEST_FULL_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  after = cpt_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

/* The disk fills up while writing: the write says so, and nothing of it is kept. */
static void
test_full_disk_while_writing (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  sqlite3_stmt *stmt;

  if (g_test_subprocess ())
    {
      struct rlimit limit = { 65536, 65536 };

      db = cpt_database_open (g_getenv ("CPT_TEST_FULL_PATH"), &error);
      g_assert_no_error (error);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (cpt_database_exec (db, "INSERT INTO notes VALUES (zeroblob (1000000))",
                                         &error));
      g_assert_error (error, CPT_ERROR, CPT_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, "disk is full"));
      g_assert_nonnull (strstr (error->message, "Nothing was changed"));
      return;
    }
  dir = cpt_test_make_dir ();
  path = g_build_filename (dir, "filling.db", NULL);
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cpt_database_exec (db, "CREATE TABLE notes (body BLOB); "
                                        "INSERT INTO notes VALUES ('kept')", &error));
  g_clear_object (&db);

  g_setenv ("CPT_TEST_FULL_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  stmt = cpt_database_prepare (db, "SELECT group_concat (body) FROM notes", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "kept");
  sqlite3_reset (stmt);
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

/* ---------------------------------------------------------------- the check, once per change */

static void
test_check_once_per_change (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "checked.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  g_autofree char *data = NULL;
  gsize length, page_size;
  guint checks;
  sqlite3 *raw = NULL;
  GStatBuf st;
  struct utimbuf times;

  g_assert_no_error (error);
  g_assert_true (cpt_database_exec (db, "CREATE TABLE notes (body TEXT); "
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) "
    "INSERT INTO notes SELECT printf ('%.400c', 'n') FROM n", &error));
  g_clear_object (&db);

  /* The first open of the file checks it ... */
  checks = cpt_database_get_quick_check_count ();
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpuint (cpt_database_get_quick_check_count (), ==, checks + 1);

  /* ... the next ones, with the file unchanged, do not ... */
  for (guint i = 0; i < 3; i++)
    {
      db = cpt_database_open (path, &error);
      g_assert_no_error (error);
      g_clear_object (&db);
    }
  g_assert_cmpuint (cpt_database_get_quick_check_count (), ==, checks + 1);

  /* ... and a change made by another program is checked again. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "INSERT INTO notes VALUES ('changed')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (raw);
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpuint (cpt_database_get_quick_check_count (), ==, checks + 2);
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cpt_database_get_quick_check_count (), ==, checks + 2);

  /* A second connection while a checked one is open (the worker's beside the window's) is
   * not checked again, even after a change; once none is open, the change is. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "INSERT INTO notes VALUES ('changed again')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (raw);
  {
    g_autoptr(CptDatabase) second = cpt_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (cpt_database_get_quick_check_count (), ==, checks + 2);
  }
  g_clear_object (&db);
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpuint (cpt_database_get_quick_check_count (), ==, checks + 3);

  /* Damage done between two opens is caught, even with the modification time put back:
   * the last page, one of the notes' that only the full check reads. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  page_size = ((guint8) data[16] << 8) | (guint8) data[17];
  g_assert_cmpuint (length, >, 8 * page_size);
  for (gsize i = length - page_size; i < length; i++)
    data[i] = (char) (i * 7 + 13);
  g_assert_true (g_file_set_contents (path, data, length, NULL));
  times.actime = st.st_atime;
  times.modtime = st.st_mtime;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
  db = cpt_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_cmpuint (cpt_database_get_quick_check_count (), ==, checks + 4);
  cpt_test_cleanup_dir (dir);
}

/* A -wal left beside the file (another program still has it open) whose owner or mode is
 * set again, as SQLite run as root does at each opening, is not a change; a write to it is. */
static void
test_check_not_moved_by_wal_owner (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "wal-kept.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  sqlite3 *other = NULL;
  GStatBuf before, after;
  guint checks;

  g_assert_no_error (error);
  g_assert_true (cpt_database_exec (db, "CREATE TABLE notes (body TEXT)", &error));
  g_clear_object (&db);

  /* Another program writes and keeps the file open: its -wal stays, with frames. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "INSERT INTO notes VALUES ('kept in the wal')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (g_stat (wal, &before), ==, 0);
  g_assert_cmpint (before.st_size, >, 0);

  checks = cpt_database_get_quick_check_count ();
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpuint (cpt_database_get_quick_check_count (), ==, checks + 1);

  /* The same mode set again moves the -wal's ctime, as fchown does, and nothing else. */
  g_usleep (10 * 1000);
  g_assert_cmpint (g_chmod (wal, before.st_mode & 07777), ==, 0);
  g_assert_cmpint (g_stat (wal, &after), ==, 0);
  g_assert_cmpint (after.st_size, ==, before.st_size);
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpuint (cpt_database_get_quick_check_count (), ==, checks + 1);

  /* A write to the -wal is a change. */
  g_assert_cmpint (sqlite3_exec (other, "INSERT INTO notes VALUES ('another')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  g_assert_cmpuint (cpt_database_get_quick_check_count (), ==, checks + 2);

  sqlite3_close (other);
  cpt_test_cleanup_dir (dir);
}

/* ---------------------------------------------------------------- nothing made by mistake */

static void
test_missing_not_created (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *folder = g_build_filename (dir, "typo", NULL);
  g_autofree char *path = g_build_filename (folder, "comptoir.db", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  GStatBuf st;

  db = cpt_database_open_full (path, CPT_DATABASE_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no company file"));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  db = cpt_database_open_full (path, CPT_DATABASE_OPEN_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* An empty file is not made into a company file either. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  db = cpt_database_open_full (empty, CPT_DATABASE_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND);
  g_assert_cmpint (g_stat (empty, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_clear_error (&error);

  /* With CREATE it is made, folder and all. */
  db = cpt_database_open_full (path, CPT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&db);
  cpt_test_cleanup_dir (folder);
  cpt_test_cleanup_dir (dir);
}

/* ---------------------------------------------------------------- network file systems */

static void
test_remote_read_only (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "shared.db", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.db", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptClient) refused = cpt_client_new ();
  static const char *const types[] = { "0x6969", "0xFF534D42", "0xFE534D42", "0x517B",
                                       "0x65735546", "0x01021997", "0x00C36400" };
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  g_object_set (client, "name", "Lisible SARL", NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  g_clear_object (&db);
  g_assert_cmpuint (cpt_database_get_fs_type (path), !=, 0x6969);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_setenv ("COMPTOIR_TEST_FS_TYPE", types[i], TRUE);
      before = cpt_test_file_checksum (path);

      /* Not for writing ... */
      db = cpt_database_open (path, &error);
      g_assert_null (db);
      g_assert_error (error, CPT_ERROR, CPT_ERROR_REMOTE);
      g_assert_nonnull (strstr (error->message, "network or FUSE file system"));
      g_assert_null (strstr (error->message, "damaged"));
      g_clear_error (&error);

      /* ... nor made there ... */
      db = cpt_database_open (fresh, &error);
      g_assert_null (db);
      g_assert_error (error, CPT_ERROR, CPT_ERROR_REMOTE);
      g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
      g_clear_error (&error);

      /* ... but it can be read, and nothing can be written through that. */
      db = cpt_database_open_full (path, CPT_DATABASE_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      g_assert_true (cpt_database_is_read_only (db));
      stmt = cpt_database_prepare (db, "SELECT name FROM clients", &error);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Lisible SARL");
      sqlite3_reset (stmt);
      g_object_set (refused, "name", "Refusée SARL", NULL);
      g_assert_false (cpt_client_insert (refused, db, &error));
      g_assert_error (error, CPT_ERROR, CPT_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_clear_object (&db);
      after = cpt_test_file_checksum (path);
      g_assert_cmpstr (before, ==, after);
      g_clear_pointer (&before, g_free);
      g_clear_pointer (&after, g_free);
    }
  g_unsetenv ("COMPTOIR_TEST_FS_TYPE");

  /* Back on a local disk, it opens for writing. */
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  cpt_test_cleanup_dir (dir);
}

static void
test_transaction_rolls_back (CptTestDb *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) first = cpt_client_new ();
  g_autoptr(CptClient) second = cpt_client_new ();
  sqlite3_stmt *stmt;

  g_assert_true (cpt_database_begin (fixture->db, &error));
  g_object_set (first, "name", "Première", NULL);
  g_assert_true (cpt_client_insert (first, fixture->db, &error));
  /* Nested: a savepoint rolled back alone. */
  g_assert_true (cpt_database_begin (fixture->db, &error));
  g_object_set (second, "name", "Seconde", NULL);
  g_assert_true (cpt_client_insert (second, fixture->db, &error));
  cpt_database_rollback (fixture->db);
  g_assert_true (cpt_database_commit (fixture->db, &error));

  stmt = cpt_database_prepare (fixture->db, "SELECT group_concat (name) FROM clients", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Première");
  sqlite3_reset (stmt);

  /* A failure half-way leaves nothing of the transaction. */
  g_assert_true (cpt_database_begin (fixture->db, &error));
  g_assert_true (cpt_database_exec (fixture->db, "INSERT INTO clients (name) VALUES ('Fantôme')", &error));
  g_assert_false (cpt_database_exec (fixture->db, "INSERT INTO clients (name) VALUES ('')", &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  cpt_database_rollback (fixture->db);
  stmt = cpt_database_prepare (fixture->db, "SELECT count(*) FROM clients", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);
}

static gpointer
read_in_thread (gpointer data)
{
  return GINT_TO_POINTER (cpt_database_exec (data, "SELECT count(*) FROM products", NULL));
}

/* COMPTOIR_MAIN_THREAD_SQL counts the statements run where the main loop runs, and only
 * those: a statement in another thread is not counted. */
static void
test_main_thread_sql (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("comptoir-watch-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "company.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CptDatabase) db = NULL;
      GThread *thread;

      g_main_context_acquire (g_main_context_default ());
      db = cpt_database_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (cpt_database_exec (db, "SELECT count(*) FROM clients", &error));
      g_main_context_release (g_main_context_default ());
      /* Used in a thread that does not own the main context: not counted. */
      thread = g_thread_new ("reader", read_in_thread, db);
      g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
      return;
    }
  {
    g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "COMPTOIR_MAIN_THREAD_SQL", "0", TRUE);

    g_test_trap_subprocess_with_envp (NULL, (const char * const *) env, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();
    g_test_trap_assert_stderr ("*SQL on the main thread*SELECT count(*) FROM clients*");
    g_test_trap_assert_stderr ("*SQL statements on the main thread*");
    g_test_trap_assert_stderr_unmatched ("*FROM products*");
  }
  /* Without the variable, nothing is said. */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr_unmatched ("*main thread*");
}

/* POSIX locks belong to the process: opening a second connection used to read the file's
 * header with open()/close(), which dropped the locks of the first. Another process closing
 * the file then took itself for its last user and deleted the -wal under the open
 * connection, which from then on saw none of that process's writes (and would have written
 * where nobody reads). Here the window's case: a connection open, a second one opened (a
 * worker's), a write by comptoir-cli: the first connection sees it. */
static gint64
count_clients (CptDatabase *db)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT count(*) FROM clients", NULL);
  gint64 count;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

static void
test_second_connection_keeps_locks (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "comptoir.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) first = cpt_database_open (path, &error);
  g_autoptr(CptClient) client = cpt_client_new ();
  int status;

  g_assert_no_error (error);
  g_object_set (client, "name", "Boulangerie Martin", NULL);
  g_assert_true (cpt_client_insert (client, first, &error));
  g_assert_cmpint (count_clients (first), ==, 1);
  {
    g_autoptr(CptDatabase) second = cpt_database_open (path, &error);

    g_assert_no_error (error);
  }
  command = g_strdup_printf ("%s --db %s client add --name Other", g_getenv ("COMPTOIR_CLI"), path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_clients (first), ==, 2);
  g_clear_object (&first);
  cpt_test_cleanup_dir (dir);
}

int
main (int argc, char **argv)
{
  /* A cache of its own (its test subprocesses share it): the record of the files checked
   * is in the cache, which the other programs of the suite share, and one of them saving it
   * at the same time could drop the record a test here counts on
   * (/database/check-not-moved-by-wal-owner saw a second check once). */
  gboolean own_cache = g_getenv ("CPT_TEST_DATABASE_CACHE") == NULL;
  g_autofree char *cache = own_cache ? cpt_test_make_dir () : g_strdup (g_getenv ("CPT_TEST_DATABASE_CACHE"));
  g_autofree char *checks = g_build_filename (cache, "comptoir", NULL);
  int status;

  g_setenv ("CPT_TEST_DATABASE_CACHE", cache, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/database/create-and-migrate", test_create_and_migrate);
  g_test_add_func ("/database/empty-file-is-new", test_empty_file_is_new);
  g_test_add_func ("/database/refuses/text-file", test_refuses_text_file);
  g_test_add_func ("/database/refuses/foreign-sqlite", test_refuses_foreign_sqlite);
  g_test_add_func ("/database/refuses/newer", test_refuses_newer);
  g_test_add_func ("/database/refuses/truncated", test_refuses_truncated);
  g_test_add_func ("/database/refuses/scrambled", test_refuses_scrambled_pages);
  g_test_add_func ("/database/refuses/read-only", test_refuses_read_only);
  g_test_add_func ("/database/reopens-after-crash", test_reopens_after_crash);
  g_test_add_func ("/database/reopens-mid-checkpoint", test_reopens_mid_checkpoint);
  g_test_add_func ("/database/busy/locked", test_busy_while_locked);
  g_test_add_func ("/database/busy/concurrent-writer", test_busy_concurrent_writer);
  g_test_add_func ("/database/stale-wal/restored-copy", test_stale_wal_beside_restored_copy);
  g_test_add_func ("/database/stale-wal/subprocess", test_stale_wal_subprocess);
  g_test_add_func ("/database/full-disk", test_full_disk);
  g_test_add_func ("/database/full-disk-while-writing", test_full_disk_while_writing);
  g_test_add_func ("/database/check-once-per-change", test_check_once_per_change);
  g_test_add_func ("/database/check-not-moved-by-wal-owner", test_check_not_moved_by_wal_owner);
  g_test_add_func ("/database/missing-not-created", test_missing_not_created);
  g_test_add_func ("/database/remote-read-only", test_remote_read_only);
  g_test_add_func ("/database/main-thread-sql", test_main_thread_sql);
  g_test_add_func ("/database/second-connection-keeps-locks", test_second_connection_keeps_locks);
  CPT_TEST_DB ("/database/transactions/rollback", test_transaction_rolls_back);
  status = g_test_run ();
  if (own_cache)
    {
      cpt_test_cleanup_dir (checks);
      cpt_test_cleanup_dir (cache);
    }
  return status;
}
