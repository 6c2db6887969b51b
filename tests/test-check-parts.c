/* The parts of `check` that make it fast at a million documents (issue 11), each made to
 * fail by a real tampering through a raw SQLite connection: the file's pages (quick_check on
 * a connection and thread of its own), the count of each index's entries against its table,
 * and the chain and its seal walked in ranges on several threads, joined where they meet.
 * COMPTOIR_CHECK_THREADS=4 makes four ranges of eight entries whatever the machine. */
#include <sqlite3.h>
#include <string.h>

#include "cpt-client.h"
#include "cpt-documents.h"
#include "cpt-error.h"
#include "cpt-ledger.h"
#include "cpt-lifecycle.h"
#include "cpt-test-utils.h"
#include "cpt-check-test-utils.h"

static gint64
make_client (CptDatabase *db, const char *name)
{
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (client, "name", name, "email", "compta@example.org", "city", "Lyon", NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  g_assert_no_error (error);
  return cpt_client_get_id (client);
}

/* `n` validated invoices FA-2026-0001... of one client. */
static void
invoices (CptDatabase *db, guint n)
{
  gint64 client = make_client (db, "Librairie Moreau");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CptDocument) document = cpt_documents_create (db, "invoice", client, NULL, NULL, NULL, &error);
      g_autoptr(CptDocumentLine) line = cpt_document_line_new ();

      g_assert_no_error (error);
      g_object_set (line, "description", "Prestation", "unit-price", (gint64) (i + 1) * 10000,
                    "vat-rate", (gint64) 2000, NULL);
      g_assert_true (cpt_documents_add_line (db, cpt_document_get_id (document), line, &error));
      g_assert_true (cpt_lifecycle_validate (db, cpt_document_get_id (document), NULL, &error));
      g_assert_no_error (error);
    }
}


static gint64
raw_int (sqlite3 *raw, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
raw_text (sqlite3 *raw, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}


static void
assert_same (GPtrArray *a, GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

/* ---------------------------------------------------------------- tests */

/* A page of a table the rest of the check never reads, overwritten in the file: only
 * SQLite's own check of the pages can see it. */
static void
test_broken_page (CptTestDb *f, gconstpointer data)
{
  gint64 page_size, root;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw;
  FILE *file;

  invoices (f->db, 2);
  raw = raw_open (f->path);
  for (guint i = 0; i < 50; i++)
    raw_ok (raw, "INSERT INTO client_memos (client_id, text) VALUES (1, 'Rappeler le client %u')", i);
  raw_ok (raw, "PRAGMA wal_checkpoint (TRUNCATE)");
  page_size = raw_int (raw, "PRAGMA page_size");
  root = raw_int (raw, "SELECT rootpage FROM sqlite_schema WHERE name = 'client_memos'");
  sqlite3_close (raw);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_FULL);
    g_assert_cmpuint (report->problems->len, ==, 0);
  }

  /* The page's b-tree header: a page type SQLite does not know. */
  file = fopen (f->path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (root - 1) * page_size + (root == 1 ? 100 : 0), SEEK_SET), ==, 0);
  g_assert_cmpint (fputc (0x07, file), ==, 0x07);
  g_assert_cmpint (fputc (0xff, file), ==, 0xff);
  g_assert_cmpint (fputc (0xff, file), ==, 0xff);
  fclose (file);

  for (guint every = 0; every <= 1; every++)
    {
      g_autoptr(CptLedgerReport) report = check (f->db, every ? CPT_LEDGER_CHECK_EVERY_ENTRY
                                                              : CPT_LEDGER_CHECK_FULL);
      assert_mentions (report->problems, "The database file is damaged", NULL);
      /* The file's findings come first, as they always did. */
      g_assert_true (g_str_has_prefix (g_ptr_array_index (report->problems, 0),
                                       "The database file is damaged"));
    }
  {
    /* The window's quick check at each opening never reads every page. */
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_QUICK);
    g_assert_false (mentions (report->problems, "damaged", NULL));
  }
}

/* An index made to miss a row: hidden from SQLite while a row is deleted behind it, then put
 * back. quick_check reads every page and finds nothing; the counts do. */
static void
test_missing_index_entry (CptTestDb *f, gconstpointer data)
{
  g_autofree char *sql = NULL;
  gint64 root;
  sqlite3 *raw;

  invoices (f->db, 1);
  make_client (f->db, "Atelier Perrin");
  raw = raw_open (f->path);
  sql = raw_text (raw, "SELECT sql FROM sqlite_schema WHERE name = 'clients_by_name'");
  root = raw_int (raw, "SELECT rootpage FROM sqlite_schema WHERE name = 'clients_by_name'");
  raw_ok (raw, "PRAGMA writable_schema = ON; DELETE FROM sqlite_schema WHERE name = 'clients_by_name'");
  sqlite3_close (raw);
  raw = raw_open (f->path);
  raw_ok (raw, "DELETE FROM clients WHERE name = 'Atelier Perrin'");
  raw_ok (raw, "PRAGMA writable_schema = ON; INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) "
               "VALUES ('index', 'clients_by_name', 'clients', %" G_GINT64_FORMAT ", %s)",
          root, sqlite3_mprintf ("%Q", sql));
  sqlite3_close (raw);

  {
    /* This SQLite's quick_check may count the entries itself (3.46 does): found either way. */
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_FULL);

    assert_mentions (report->problems, "The database file is damaged", "clients_by_name");
    /* Nothing else is wrong: the schema is as Comptoir made it. */
    for (guint i = 0; i < report->problems->len; i++)
      g_assert_true (g_str_has_prefix (g_ptr_array_index (report->problems, i),
                                       "The database file is damaged"));
  }
  {
    /* The check's own count, as on an SQLite whose quick_check does not count (3.40). */
    g_autoptr(CptLedgerReport) report = NULL;

    g_setenv ("COMPTOIR_CHECK_COUNT_INDEXES", "1", TRUE);
    report = check (f->db, CPT_LEDGER_CHECK_FULL);
    g_unsetenv ("COMPTOIR_CHECK_COUNT_INDEXES");
    assert_mentions (report->problems, "The database file is damaged: the index “clients_by_name” has 2 entries",
                     "for 1 rows of “clients”");
  }
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_EVERY_ENTRY);
    assert_mentions (report->problems, "The database file is damaged", "clients_by_name");
  }
}

/* Eight entries in four ranges of two: a link broken where two ranges meet, a document
 * changed in the last range and a seal rewritten in the second are each named, and the
 * report is the same, line for line, as one walk on one thread gives. */
static void
test_chain_ranges (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptLedgerReport) ranges = NULL;
  g_autoptr(CptLedgerReport) one = NULL;
  sqlite3 *raw;

  invoices (f->db, 8);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_FULL);
    g_assert_cmpuint (report->problems->len, ==, 0);
    g_assert_cmpuint (report->unverified->len, ==, 0);
  }
  raw = raw_open (f->path);
  g_assert_cmpint (raw_int (raw, "SELECT min (seq) FROM ledger"), ==, 1);
  raw_ok (raw, "DROP TRIGGER ledger_no_update; DROP TRIGGER documents_locked_update; "
               "DROP TRIGGER ledger_seals_no_update");
  raw_ok (raw, "UPDATE ledger SET previous_hash = (SELECT hash FROM ledger WHERE seq = 3) WHERE seq = 5");
  raw_ok (raw, "UPDATE documents SET title = 'Falsifié' WHERE number = 'FA-2026-0008'");
  raw_ok (raw, "UPDATE ledger_seals SET mac = replace (mac, substr (mac, 1, 1), 'x') WHERE seq = 3");
  sqlite3_close (raw);

  g_setenv ("COMPTOIR_CHECK_THREADS", "4", TRUE);
  ranges = check (f->db, CPT_LEDGER_CHECK_FULL);
  assert_mentions (ranges->problems, "The chain of validated documents is broken before FA-2026-0005", NULL);
  assert_mentions (ranges->problems, "FA-2026-0005 was changed after its validation", NULL);
  assert_mentions (ranges->problems, "FA-2026-0008 was changed after its validation", NULL);
  assert_mentions (ranges->problems, "The seal of FA-2026-0003 does not match", NULL);
  g_assert_false (mentions (ranges->problems, "FA-2026-0006", NULL));
  g_assert_false (mentions (ranges->problems, "FA-2026-0004", NULL));
  {
    g_autoptr(CptLedgerReport) quick = check (f->db, CPT_LEDGER_CHECK_QUICK);
    assert_same (quick->problems, ranges->problems);
  }

  g_setenv ("COMPTOIR_CHECK_THREADS", "1", TRUE);
  one = check (f->db, CPT_LEDGER_CHECK_FULL);
  assert_same (one->problems, ranges->problems);
  assert_same (one->unverified, ranges->unverified);
  g_setenv ("COMPTOIR_CHECK_THREADS", "4", TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("COMPTOIR_TODAY", "2026-03-15", TRUE);
  g_setenv ("COMPTOIR_CHECK_THREADS", "4", TRUE);

  CPT_TEST_DB ("/check-parts/broken-page", test_broken_page);
  CPT_TEST_DB ("/check-parts/missing-index-entry", test_missing_index_entry);
  CPT_TEST_DB ("/check-parts/chain-ranges", test_chain_ranges);
  return g_test_run ();
}
