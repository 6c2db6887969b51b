/* Backups and restore (src/exchange/cpt-backup.c): a copy made while another connection
 * writes is consistent and passes the check; the retention keeps exactly 7 daily, 4 weekly
 * and 12 monthly copies; a restore keeps the former file aside; a damaged or foreign backup
 * is refused and leaves every file byte for byte. */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <utime.h>

#include "cpt-backup.h"
#include "cpt-client.h"
#include "cpt-store-copy.h"
#include "cpt-demo.h"
#include "cpt-document.h"
#include "cpt-document-line.h"
#include "cpt-documents.h"
#include "cpt-lifecycle.h"
#include "cpt-error.h"
#include "cpt-ledger.h"
#include "cpt-test-utils.h"

static gint64
count_rows (CptDatabase *db, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, NULL);
  gint64 count;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

static gint64
count_in_file (const char *path, const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);

  g_assert_no_error (error);
  return count_rows (db, table);
}

static void
add_client (CptDatabase *db, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();

  g_object_set (client, "name", name, "email", "compta@example.org", NULL);
  cpt_client_insert (client, db, &error);
  g_assert_no_error (error);
}

static gboolean
has_client (const char *path, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  sqlite3_stmt *stmt;
  gboolean found;

  g_assert_no_error (error);
  stmt = cpt_database_prepare (db, "SELECT count(*) FROM clients WHERE name = ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  found = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);
  return found;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The names in `dir` with the checksum of each file, sorted: what "nothing changed" means. */
static char *
snapshot_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *sum = cpt_test_file_checksum (path);

      g_ptr_array_add (lines, g_strdup_printf ("%s %s", name, sum));
    }
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* ---------------------------------------------------------------- retention */

static GPtrArray *
daily_times (int year, int month, int day, guint n_days)
{
  GPtrArray *times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(GDateTime) last = g_date_time_new_local (year, month, day, 10, 0, 0);

  for (guint i = 0; i < n_days; i++)
    g_ptr_array_add (times, g_date_time_add_days (last, -(int) i));
  return times;
}

static void
test_retention_year (void)
{
  /* A backup every day at 10:00 for a year, up to Wednesday 2 December 2026. */
  g_autoptr(GPtrArray) times = daily_times (2026, 12, 2, 365);
  static const char *const expected[] = {
    /* 7 daily */
    "2026-12-02", "2026-12-01", "2026-11-30", "2026-11-29", "2026-11-28", "2026-11-27",
    "2026-11-26",
    /* 4 weekly (ISO weeks): this week's is 12-02, last week's (Sunday 11-29) is a daily */
    "2026-11-22", "2026-11-15",
    /* 12 monthly: December's and November's (11-30) are dailies */
    "2026-10-31", "2026-09-30", "2026-08-31", "2026-07-31", "2026-06-30", "2026-05-31",
    "2026-04-30", "2026-03-31", "2026-02-28", "2026-01-31",
    NULL
  };
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *keep = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 2, 12, 2026);
  /* Shuffled: the order of the folder listing must not matter. */
  for (guint i = 0; i < times->len; i += 2)
    {
      gpointer swap = times->pdata[i];
      times->pdata[i] = times->pdata[times->len - 1 - i];
      times->pdata[times->len - 1 - i] = swap;
    }
  keep = cpt_backup_retention ((GDateTime *const *) times->pdata, times->len, &today);
  for (guint i = 0; i < times->len; i++)
    if (keep[i])
      g_ptr_array_add (kept, g_date_time_format (g_ptr_array_index (times, i), "%F"));
  g_ptr_array_sort (kept, compare_strings);
  g_assert_cmpuint (kept->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_true (g_ptr_array_find_with_equal_func (kept, expected[i], g_str_equal, NULL));
}

static void
test_retention_edges (void)
{
  g_autoptr(GDateTime) old1 = g_date_time_new_local (2024, 3, 1, 9, 0, 0);
  g_autoptr(GDateTime) old2 = g_date_time_new_local (2024, 5, 1, 9, 0, 0);
  g_autoptr(GDateTime) morning = g_date_time_new_local (2026, 12, 2, 8, 0, 0);
  g_autoptr(GDateTime) evening = g_date_time_new_local (2026, 12, 2, 18, 0, 0);
  g_autoptr(GDateTime) future = g_date_time_new_local (2027, 1, 5, 8, 0, 0);
  g_autoptr(GDateTime) yesterday_morning = g_date_time_new_local (2026, 12, 1, 8, 0, 0);
  g_autoptr(GDateTime) yesterday_evening = g_date_time_new_local (2026, 12, 1, 18, 0, 0);
  GDateTime *times[] = { old1, old2, morning, evening, future, yesterday_morning, yesterday_evening };
  g_autofree gboolean *keep = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 2, 12, 2026);
  keep = cpt_backup_retention (times, G_N_ELEMENTS (times), &today);
  /* After a long pause the old backups are still among the last days that have one. */
  g_assert_true (keep[0]);
  g_assert_true (keep[1]);
  /* Today's are all kept (one made by hand before a risky change)... */
  g_assert_true (keep[2]);
  g_assert_true (keep[3]);
  /* ...of an earlier day, the newer stands for the day. */
  g_assert_false (keep[5]);
  g_assert_true (keep[6]);
  /* A clock that was wrong: kept, judged later. */
  g_assert_true (keep[4]);

  g_free (cpt_backup_retention (NULL, 0, &today));
}

static void
test_names (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 12, 2, 14, 30, 5);
  g_autofree char *name = cpt_backup_file_name ("/home/a/.local/share/comptoir/comptoir.db", when);
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *mine = g_build_filename (dir, name, NULL);
  g_autofree char *other = g_build_filename (dir, "atelier-backup-2026-12-03T100000.db", NULL);
  g_autofree char *junk = g_build_filename (dir, "comptoir-backup-notes.txt", NULL);
  g_autoptr(GPtrArray) list = NULL;

  g_assert_cmpstr (name, ==, "comptoir-backup-2026-12-02T143005.db");
  g_file_set_contents (mine, "x", 1, NULL);
  g_file_set_contents (other, "x", 1, NULL);
  g_file_set_contents (junk, "x", 1, NULL);
  /* Only the backups of this company file. */
  list = cpt_backup_list (dir, "/elsewhere/comptoir.db", NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((CptBackupEntry *) list->pdata[0])->path, ==, mine);
  cpt_test_cleanup_dir (dir);
}

/* ---------------------------------------------------------------- backup */

typedef struct
{
  char          *path;
  gint           stop;
  gint           rounds;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (writer->path, &error);

  g_assert_no_error (error);
  /* What a person does in the window meanwhile: a client, an invoice, validated (a new
   * link of the chain), over and over. */
  while (!g_atomic_int_get (&writer->stop))
    {
      g_autoptr(CptClient) client = cpt_client_new ();
      g_autoptr(CptDocument) invoice = NULL;
      g_autoptr(CptDocumentLine) line = cpt_document_line_new ();
      g_autofree char *name = g_strdup_printf ("Client %u", writer->rounds);

      g_object_set (client, "name", name, "email", "compta@example.org", NULL);
      g_assert_true (cpt_client_insert (client, db, &error));
      invoice = cpt_documents_create (db, "invoice", cpt_client_get_id (client), NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_object_set (line, "description", "Prestation", "quantity", (gint64) 1000,
                    "unit-price", (gint64) 1500000, "vat-rate", (gint64) 2000, NULL);
      g_assert_true (cpt_documents_add_line (db, cpt_document_get_id (invoice), line, &error));
      g_assert_true (cpt_lifecycle_validate (db, cpt_document_get_id (invoice), NULL, &error));
      g_assert_no_error (error);
      g_atomic_int_inc (&writer->rounds);
    }
  return NULL;
}

static void
test_backup_while_writing (CptTestDb *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Writer writer = { fixture->path, 0, 0 };
  GThread *thread;
  guint made = 0;

  cpt_demo_generate (fixture->db, 5, 40, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  thread = g_thread_new ("writer", writer_thread, &writer);
  while (g_atomic_int_get (&writer.rounds) < 2)
    g_usleep (1000);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *dest = g_strdup_printf ("%s/copy-%u.db", fixture->dir, i);
      gint64 before = count_rows (fixture->db, "documents");
      gint64 copied, after;

      cpt_backup_write (fixture->db, dest, NULL, &error);
      g_assert_no_error (error);
      after = count_rows (fixture->db, "documents");
      made++;
      /* One moment of the file: whole chunks, between what was there before and after. */
      copied = count_in_file (dest, "documents");
      g_assert_cmpint (copied, >=, before);
      g_assert_cmpint (copied, <=, after);
      cpt_backup_verify (dest, &error);
      g_assert_no_error (error);
      /* Standalone: nothing beside it. */
      {
        g_autofree char *wal = g_strconcat (dest, "-wal", NULL);
        g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      }
    }
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);
  g_assert_cmpuint (made, ==, 4);
  g_assert_cmpint (writer.rounds, >=, 2);

  /* The check of the copy is the project's own check: the copy passes it. */
  {
    g_autofree char *dest = g_strdup_printf ("%s/copy-3.db", fixture->dir);
    g_autoptr(CptDatabase) copy = cpt_database_open (dest, &error);
    g_autoptr(GPtrArray) problems = NULL;

    g_assert_no_error (error);
    problems = cpt_ledger_check (copy, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
test_backup_refuses_itself (CptTestDb *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = cpt_test_file_checksum (fixture->path);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  add_client (fixture->db, "Atelier Dupont");
  g_clear_pointer (&before, g_free);
  before = cpt_test_file_checksum (fixture->path);
  g_assert_false (cpt_backup_write (fixture->db, fixture->path, NULL, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (cpt_backup_write (fixture->db, wal, NULL, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  {
    g_autofree char *after = cpt_test_file_checksum (fixture->path);
    g_assert_cmpstr (before, ==, after);
  }
}

/* A backup folder on a NAS, or chosen through the Flatpak file portal, is on a network or
 * FUSE file system, where a company file is not opened for writing. The copy being verified
 * there is private to the backup: it must be written all the same. */
static void
test_backup_to_fuse_folder (CptTestDb *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "portal", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 2, 9, 0, 0);
  g_autofree char *written = NULL;

  add_client (fixture->db, "Atelier Dupont");
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_setenv ("COMPTOIR_TEST_FS_TYPE", "0x65735546", TRUE); /* FUSE */
  written = cpt_backup_to_folder (fixture->db, folder, now, NULL, &error);
  g_unsetenv ("COMPTOIR_TEST_FS_TYPE");
  g_assert_no_error (error);
  g_assert_nonnull (written);
  g_assert_true (g_str_has_prefix (written, folder));
  g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));
}

static void
test_daily (CptTestDb *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autoptr(GDateTime) morning = g_date_time_new_local (2026, 12, 2, 9, 0, 0);
  g_autoptr(GDateTime) evening = g_date_time_new_local (2026, 12, 2, 21, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_new_local (2026, 12, 3, 0, 0, 30);
  g_autofree char *first = NULL, *second = NULL, *third = NULL;
  g_autoptr(GPtrArray) list = NULL;

  add_client (fixture->db, "Atelier Dupont");
  first = cpt_backup_daily (fixture->db, folder, morning, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (g_str_has_suffix (first, "test-backup-2026-12-02T090000.db"));
  /* Once a day. */
  second = cpt_backup_daily (fixture->db, folder, evening, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (second);
  /* Past midnight, the next one. */
  third = cpt_backup_daily (fixture->db, folder, next, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (third);
  list = cpt_backup_list (folder, fixture->path, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((CptBackupEntry *) list->pdata[0])->path, ==, third);
  g_assert_true (has_client (third, "Atelier Dupont"));

  /* Pruning: forty days of old backups are thinned as the retention says. */
  for (guint i = 1; i <= 40; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_days (morning, -(int) i);
      g_autofree char *name = cpt_backup_file_name (fixture->path, when);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_assert_true (g_file_set_contents (path, "old", 3, NULL));
    }
  {
    GDate today;
    g_autoptr(GPtrArray) left = NULL;

    g_date_clear (&today, 1);
    g_date_set_dmy (&today, 3, 12, 2026);
    g_assert_cmpint (cpt_backup_prune (folder, fixture->path, &today, &error), >, 0);
    g_assert_no_error (error);
    left = cpt_backup_list (folder, fixture->path, &error);
    /* 7 days (12-03 ... 11-27), weeks of 11-29 (in the days) 11-22, 11-15, and months
     * December (in the days), November's newest (12-01 is December: 11-30 is in the days),
     * October 31 (from 40 days back, down to 10-23). */
    g_assert_cmpuint (left->len, ==, 7 + 2 + 1);
  }
}

/* A file in `folder` named `name`, holding `text`, last written `age` ago. */
static char *
put_file (const char *folder, const char *name, const char *text, GTimeSpan age)
{
  char *path = g_build_filename (folder, name, NULL);
  struct utimbuf times;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  times.actime = times.modtime = (g_get_real_time () - age) / G_USEC_PER_SEC;
  g_assert_cmpint (utime (path, &times), ==, 0);
  return path;
}

/* A backup killed during its copy leaves its hidden temporary file (as large as the company
 * file) in the folder: the next backup removes it, once it is old enough not to be the
 * file of a backup under way in another process, and removes nothing else. */
static void
test_stale_temporaries (CptTestDb *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autoptr(GDateTime) morning = g_date_time_new_local (2026, 12, 2, 9, 0, 0);
  const GTimeSpan old = 2 * G_TIME_SPAN_HOUR, days = 3 * G_TIME_SPAN_DAY;
  g_autofree char *stale = NULL, *stale_journal = NULL, *fresh = NULL, *finished = NULL;
  g_autofree char *unrelated = NULL, *held = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sums = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *written = NULL;
  int held_fd;

  add_client (fixture->db, "Atelier Dupont");
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  /* Left by a backup killed yesterday, with the journal SQLite had beside it. */
  stale = put_file (folder, ".test-backup-2026-12-01T090000.db.backup-Ab3xY9", "partial copy", days);
  stale_journal = put_file (folder, ".test-backup-2026-12-01T090000.db.backup-Ab3xY9-journal",
                            "journal", days);
  /* A backup of another process, a minute into its copy. */
  fresh = put_file (folder, ".test-backup-2026-12-02T085900.db.backup-Qr7tU2", "copying",
                    G_TIME_SPAN_MINUTE);
  g_ptr_array_add (kept, g_strdup (fresh));
  /* A backup under way for two hours (a slow disk): old, but its file is locked. */
  held = put_file (folder, ".test-backup-2026-12-02T070000.db.backup-Zz0aB1", "copying", old);
  held_fd = g_open (held, O_RDONLY, 0);
  g_assert_cmpint (held_fd, >=, 0);
  g_assert_cmpint (flock (held_fd, LOCK_EX), ==, 0);
  g_ptr_array_add (kept, g_strdup (held));
  /* Finished backups and what else people keep there, however old. */
  finished = put_file (folder, "test-backup-2026-12-01T090000.db", "a finished backup", days);
  g_ptr_array_add (kept, g_strdup (finished));
  unrelated = put_file (folder, "notes.txt", "my notes", days);
  g_ptr_array_add (kept, g_strdup (unrelated));
  /* Near misses: not the temporary files of this company file's backups. */
  g_ptr_array_add (kept, put_file (folder, ".test-backup-2026-12-01T090000.db.backup-Ab3xY9.keep",
                                   "mine", days));
  g_ptr_array_add (kept, put_file (folder, ".test-backup-2026-12-01T090000.db.backup-Ab3", "mine",
                                   days));
  g_ptr_array_add (kept, put_file (folder, ".other-backup-2026-12-01T090000.db.backup-Ab3xY9",
                                   "another company's", days));
  g_ptr_array_add (kept, put_file (folder, ".test-backup-yesterday.db.backup-Ab3xY9", "mine",
                                   days));
  g_ptr_array_add (kept, put_file (folder, ".test.db.backup-Ab3xY9", "mine", days));
  g_ptr_array_add (kept, put_file (folder, "test-backup-2026-12-01T090000.db.backup-Ab3xY9",
                                   "not hidden", days));
  for (guint i = 0; i < kept->len; i++)
    g_ptr_array_add (sums, cpt_test_file_checksum (g_ptr_array_index (kept, i)));

  written = cpt_backup_daily (fixture->db, folder, morning, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (written);
  g_assert_true (has_client (written, "Atelier Dupont"));

  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_journal, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < kept->len; i++)
    {
      g_autofree char *sum = cpt_test_file_checksum (g_ptr_array_index (kept, i));

      g_assert_cmpstr (sum, ==, g_ptr_array_index (sums, i));
    }
  /* The new backup, the files kept, and nothing of its own copy left behind. */
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (dir) != NULL)
      n++;
    g_assert_cmpuint (n, ==, kept->len + 1);
  }

  /* A day that already has its backup still clears what is stale. */
  close (held_fd);
  g_clear_pointer (&written, g_free);
  written = cpt_backup_daily (fixture->db, folder, morning, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (written);
  g_assert_false (g_file_test (held, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (finished, G_FILE_TEST_EXISTS));
  cpt_test_cleanup_dir (folder);
}

/* A backup that is cancelled (the application quits) or fails leaves no temporary file and
 * no backup. */
static void
test_cancelled_leaves_nothing (CptTestDb *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autoptr(GDateTime) morning = g_date_time_new_local (2026, 12, 2, 9, 0, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *written = NULL;
  g_autoptr(GDir) dir = NULL;

  add_client (fixture->db, "Atelier Dupont");
  g_cancellable_cancel (cancellable);
  written = cpt_backup_daily (fixture->db, folder, morning, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (written);
  g_clear_error (&error);
  dir = g_dir_open (folder, 0, NULL);
  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
  g_clear_pointer (&dir, g_dir_close);

  /* A copy that fails its verification (a safeguard of the file was removed behind
   * Comptoir's back): no backup, and the copy goes. */
  g_assert_true (cpt_database_exec (fixture->db, "DROP TRIGGER documents_locked_update", NULL));
  written = cpt_backup_daily (fixture->db, folder, morning, NULL, &error);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_CORRUPT);
  g_assert_null (written);
  dir = g_dir_open (folder, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
  cpt_test_cleanup_dir (folder);
}

/* ---------------------------------------------------------------- restore */

static void
test_restore_keeps_former_file (CptTestDb *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "saved.db", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 2, 14, 30, 5);
  g_autofree char *aside = NULL;
  g_autofree char *expected_aside = g_strconcat (fixture->path, ".before-restore-2026-12-02T143005", NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  add_client (fixture->db, "In the backup");
  cpt_backup_write (fixture->db, backup, NULL, &error);
  g_assert_no_error (error);
  add_client (fixture->db, "Only in the current file");

  /* Open (by this test, as the window would be): refused, nothing changed. */
  aside = cpt_backup_restore (backup, fixture->path, now, &error);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  g_assert_null (aside);
  g_clear_error (&error);
  g_assert_false (g_file_test (expected_aside, G_FILE_TEST_EXISTS));

  g_clear_object (&fixture->db);
  aside = cpt_backup_restore (backup, fixture->path, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (aside, ==, expected_aside);
  /* No stale -wal of the former file beside the restored one. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (has_client (fixture->path, "In the backup"));
  g_assert_false (has_client (fixture->path, "Only in the current file"));
  /* The newer data is not destroyed: it is in the file kept aside. */
  g_assert_true (has_client (aside, "Only in the current file"));
  /* The backup itself was only read. */
  g_assert_true (has_client (backup, "In the backup"));

  /* Restoring where there is no file yet (a new computer) just puts it there. */
  {
    g_autofree char *fresh = g_build_filename (fixture->dir, "new", "comptoir.db", NULL);
    g_autofree char *fresh_dir = g_path_get_dirname (fresh);
    g_autofree char *none = NULL;

    g_mkdir (fresh_dir, 0700);
    none = cpt_backup_restore (backup, fresh, now, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (none, ==, "");
    g_assert_true (has_client (fresh, "In the backup"));
    cpt_test_cleanup_dir (fresh_dir);
  }
}

static void
assert_refused_unchanged (CptTestDb *fixture, const char *backup, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *before = snapshot_dir (fixture->dir);
  g_autofree char *after = NULL;
  g_autofree char *aside = NULL;

  aside = cpt_backup_restore (backup, fixture->path, now, &error);
  g_assert_null (aside);
  g_assert_error (error, CPT_ERROR, code);
  g_test_message ("refused: %s", error->message);
  g_assert_true (strstr (error->message, "Nothing was restored") != NULL);
  after = snapshot_dir (fixture->dir);
  g_assert_cmpstr (before, ==, after);
}

static void
test_restore_refuses_bad_backups (CptTestDb *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "saved.db", NULL);
  g_autofree char *damaged = g_build_filename (fixture->dir, "damaged.db", NULL);
  g_autofree char *foreign = g_build_filename (fixture->dir, "foreign.db", NULL);
  g_autofree char *newer = g_build_filename (fixture->dir, "newer.db", NULL);
  g_autofree char *text = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  cpt_demo_generate (fixture->db, 10, 200, 7, NULL, NULL, &error);
  g_assert_no_error (error);
  cpt_backup_write (fixture->db, backup, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->db);

  /* Damaged: pages in the middle overwritten. */
  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 16 * 4096);
  memset (contents + 8 * 4096, 0x5a, 4 * 4096);
  g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
  assert_refused_unchanged (fixture, damaged, CPT_ERROR_CORRUPT);

  /* Truncated. */
  g_assert_true (g_file_set_contents (damaged, contents, length / 2, NULL));
  assert_refused_unchanged (fixture, damaged, CPT_ERROR_CORRUPT);

  /* Another program's SQLite file. */
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  assert_refused_unchanged (fixture, foreign, CPT_ERROR_NOT_COMPTOIR);

  /* From a newer Comptoir. */
  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL) || TRUE);
  {
    g_autofree char *good = NULL;
    gsize good_length;

    g_assert_true (g_file_get_contents (backup, &good, &good_length, NULL));
    good[60] = 0, good[61] = 0, good[62] = 0, good[63] = 99;   /* user_version */
    g_assert_true (g_file_set_contents (newer, good, good_length, NULL));
  }
  assert_refused_unchanged (fixture, newer, CPT_ERROR_NEWER);

  /* Not a database at all. */
  g_assert_true (g_file_set_contents (text, "not a database\n", -1, NULL));
  assert_refused_unchanged (fixture, text, CPT_ERROR_NOT_COMPTOIR);

  /* The sound backup still restores. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *aside = cpt_backup_restore (backup, fixture->path, now, &error);

    g_assert_no_error (error);
    g_assert_nonnull (aside);
  }
}

/* The usual reason to restore: the company file itself is damaged. */
static void
test_restore_over_damaged_file (CptTestDb *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "saved.db", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *aside = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  cpt_demo_generate (fixture->db, 10, 200, 5, NULL, NULL, &error);
  g_assert_no_error (error);
  add_client (fixture->db, "In the backup");
  cpt_backup_write (fixture->db, backup, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->db);

  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 16 * 4096);
  memset (contents + 6 * 4096, 0xa5, 6 * 4096);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, NULL));
  {
    g_autoptr(CptDatabase) db = cpt_database_open (fixture->path, &error);
    g_assert_null (db);
    g_assert_error (error, CPT_ERROR, CPT_ERROR_CORRUPT);
    g_clear_error (&error);
  }

  aside = cpt_backup_restore (backup, fixture->path, now, &error);
  g_assert_no_error (error);
  g_assert_true (has_client (fixture->path, "In the backup"));
  /* The damaged file is kept too: someone may want to look into it. */
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/retention/year", test_retention_year);
  g_test_add_func ("/backup/retention/edges", test_retention_edges);
  g_test_add_func ("/backup/names", test_names);
  CPT_TEST_DB ("/backup/while-writing", test_backup_while_writing);
  CPT_TEST_DB ("/backup/refuses-itself", test_backup_refuses_itself);
  CPT_TEST_DB ("/backup/to-fuse-folder", test_backup_to_fuse_folder);
  CPT_TEST_DB ("/backup/daily", test_daily);
  CPT_TEST_DB ("/backup/stale-temporaries", test_stale_temporaries);
  CPT_TEST_DB ("/backup/cancelled-leaves-nothing", test_cancelled_leaves_nothing);
  CPT_TEST_DB ("/backup/restore/keeps-former-file", test_restore_keeps_former_file);
  CPT_TEST_DB ("/backup/restore/refuses-bad-backups", test_restore_refuses_bad_backups);
  CPT_TEST_DB ("/backup/restore/over-damaged-file", test_restore_over_damaged_file);
  return g_test_run ();
}
