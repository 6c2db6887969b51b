/* The database file: creation, migration, refusal of files that are not ours. */
#include <sqlite3.h>
#include <string.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "cpt-client.h"
#include "cpt-database.h"
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

int
main (int argc, char **argv)
{
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
  CPT_TEST_DB ("/database/transactions/rollback", test_transaction_rolls_back);
  return g_test_run ();
}
