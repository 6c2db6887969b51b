/* Numbering under stress: two processes validating at once, and processes killed in the
 * middle of validations. Numbers stay gapless and unique, the chain stays whole. */
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cpt-client.h"
#include "cpt-documents.h"
#include "cpt-ledger.h"
#include "cpt-lifecycle.h"
#include "cpt-test-utils.h"

/* `n` draft invoices dated 2026-05-04 for one client, with one line each. */
static void
make_drafts (CptDatabase *db, guint n, GArray *ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();

  cpt_test_company_for_einvoices (db);
  g_object_set (client, "name", "Client pressé", "email", "compta@example.org", NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  g_assert_true (cpt_database_begin (db, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CptDocument) doc = cpt_documents_create (db, "invoice", cpt_client_get_id (client),
                                                         "2026-05-04", NULL, NULL, &error);
      g_autoptr(CptDocumentLine) line = cpt_document_line_new ();
      gint64 id;

      g_assert_no_error (error);
      g_object_set (line, "description", "Prestation", "unit-price", (gint64) (10000 + i * 100),
                    "vat-rate", (gint64) 2000, NULL);
      g_assert_true (cpt_documents_add_line (db, cpt_document_get_id (doc), line, &error));
      id = cpt_document_get_id (doc);
      g_array_append_val (ids, id);
    }
  g_assert_true (cpt_database_commit (db, &error));
}

static void
assert_clean (const char *path, gint64 expected_validated)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  problems = cpt_ledger_check (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);

  /* Sequences 1..n, each once, and every validated document complete. */
  stmt = cpt_database_prepare (db,
    "SELECT count(*), count (DISTINCT sequence), coalesce (min (sequence), 0), "
    "coalesce (max (sequence), 0), sum (number IS NULL OR seller_id IS NULL OR buyer_id IS NULL), "
    "(SELECT count(*) FROM ledger) FROM documents WHERE status = 'validated'", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (expected_validated >= 0)
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, expected_validated);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, sqlite3_column_int64 (stmt, 0));
  if (sqlite3_column_int64 (stmt, 0) > 0)
    g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, 1);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, sqlite3_column_int64 (stmt, 0));
  g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, 0);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
}

static void
validate_all (const char *path, GArray *ids, guint from, guint step, int ready_fd)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
  char go;

  if (db == NULL)
    _exit (3);
  if (ready_fd >= 0 && read (ready_fd, &go, 1) != 1)
    _exit (4);
  for (guint i = from; i < ids->len; i += step)
    if (!cpt_lifecycle_validate (db, g_array_index (ids, gint64, i), NULL, &error))
      {
        g_printerr ("validation failed: %s\n", error->message);
        _exit (5);
      }
  g_clear_object (&db);
  _exit (0);
}

static void
test_two_processes (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "concurrent.db", NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  int gate[2];
  pid_t children[2];

  {
    g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
    g_assert_no_error (error);
    make_drafts (db, 1000, ids);
  }
  g_assert_cmpint (pipe (gate), ==, 0);
  /* Interleaved halves, so both processes fight for the same series all along. */
  for (guint c = 0; c < 2; c++)
    {
      children[c] = fork ();
      g_assert_cmpint (children[c], >=, 0);
      if (children[c] == 0)
        {
          close (gate[1]);
          validate_all (path, ids, c, 2, gate[0]);
        }
    }
  close (gate[0]);
  /* Open the gate for both at once. */
  g_assert_cmpint (write (gate[1], "gg", 2), ==, 2);
  close (gate[1]);
  for (guint c = 0; c < 2; c++)
    {
      int status = 0;
      g_assert_cmpint (waitpid (children[c], &status, 0), ==, children[c]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }
  assert_clean (path, 1000);
  {
    g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
    sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT number FROM documents WHERE sequence = 1000", &error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "FA-2026-1000");
    sqlite3_reset (stmt);
  }
  cpt_test_cleanup_dir (dir);
}

static void
test_killed_during_validation (void)
{
  g_autofree char *dir = cpt_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "killed.db", NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  guint kills = 0, rounds = 0;

  {
    g_autoptr(CptDatabase) db = cpt_database_open (path, &error);
    g_assert_no_error (error);
    make_drafts (db, 3000, ids);
  }
  while (kills < 60 && rounds < 200)
    {
      pid_t child = fork ();
      int status = 0;

      rounds++;
      g_assert_cmpint (child, >=, 0);
      if (child == 0)
        {
          /* Validate what is still a draft, in order, until killed. */
          g_autoptr(CptDatabase) db = cpt_database_open (path, NULL);
          if (db == NULL)
            _exit (3);
          for (guint i = 0; i < ids->len; i++)
            {
              g_autoptr(CptDocument) doc = cpt_documents_load (db, g_array_index (ids, gint64, i), NULL);
              if (doc != NULL && cpt_document_is_draft (doc) &&
                  !cpt_lifecycle_validate (db, g_array_index (ids, gint64, i), NULL, NULL))
                _exit (5);
            }
          _exit (0);
        }
      g_usleep (g_rand_int_range (rand, 2000, 60000));
      if (kill (child, SIGKILL) == 0)
        kills++;
      g_assert_cmpint (waitpid (child, &status, 0), ==, child);
      g_assert_true (WIFSIGNALED (status) || (WIFEXITED (status) && WEXITSTATUS (status) == 0));
      /* After every kill the file opens and passes the check. */
      assert_clean (path, -1);
    }
  g_assert_cmpuint (kills, >=, 50);
  g_test_message ("%u kills in %u rounds", kills, rounds);
  cpt_test_cleanup_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("COMPTOIR_TODAY", "2026-05-04", TRUE);
  g_test_add_func ("/stress/two-processes-validate-1000", test_two_processes);
  g_test_add_func ("/stress/killed-during-validation", test_killed_during_validation);
  return g_test_run ();
}
