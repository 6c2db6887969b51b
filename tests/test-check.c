/* `check` sees everything that matters (issue 10): each way of tampering with a company file
 * by raw SQL, and the seal of the ledger with the key kept in the real keyring of the test
 * session (tests/run-headless.sh starts an unlocked gnome-keyring). One test per tampering,
 * each through a second, raw SQLite connection as a person with the sqlite3 shell would. */
#include <libsecret/secret.h>
#include <sqlite3.h>
#include <string.h>

#include "cpt-client.h"
#include "cpt-documents.h"
#include "cpt-error.h"
#include "cpt-ledger.h"
#include "cpt-lifecycle.h"
#include "cpt-payments.h"
#include "cpt-seal.h"
#include "cpt-test-utils.h"
#include "cpt-check-test-utils.h"

/* ---------------------------------------------------------------- helpers */

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

/* A draft invoice of one line of `amount` cents at 20 %. */
static gint64
new_invoice (CptDatabase *db, gint64 client, gint64 amount)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) document = cpt_documents_create (db, "invoice", client, NULL, NULL, NULL, &error);
  g_autoptr(CptDocumentLine) line = cpt_document_line_new ();

  g_assert_no_error (error);
  g_object_set (line, "description", "Prestation", "unit-price", amount * 100,
                "vat-rate", (gint64) 2000, NULL);
  g_assert_true (cpt_documents_add_line (db, cpt_document_get_id (document), line, &error));
  g_assert_no_error (error);
  return cpt_document_get_id (document);
}

static gint64
validated_invoice (CptDatabase *db, gint64 client, gint64 amount)
{
  g_autoptr(GError) error = NULL;
  gint64 id = new_invoice (db, client, amount);

  if (!cpt_lifecycle_validate (db, id, NULL, &error))
    g_error ("validating #%" G_GINT64_FORMAT " failed: %s", id, error->message);
  return id;
}


static char *
raw_text (sqlite3 *raw, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}


static void
assert_all_good (CptDatabase *db)
{
  g_autoptr(CptLedgerReport) full = check (db, CPT_LEDGER_CHECK_FULL);
  g_autoptr(CptLedgerReport) quick = check (db, CPT_LEDGER_CHECK_QUICK);

  g_assert_cmpuint (full->problems->len, ==, 0);
  g_assert_cmpuint (full->unverified->len, ==, 0);
  g_assert_cmpuint (quick->problems->len, ==, 0);
  g_assert_cmpuint (quick->unverified->len, ==, 0);
}

/* Two validated invoices FA-2026-0001 (100.00) and FA-2026-0002 (200.00) of one client, the
 * first paid 50.00. */
static void
two_invoices (CptTestDb *f, gint64 *first, gint64 *second)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  CptAllocation allocation = { 0 };

  *first = validated_invoice (f->db, client, 10000);
  *second = validated_invoice (f->db, client, 20000);
  allocation.document_id = *first;
  allocation.amount = 5000;
  g_assert_cmpint (cpt_payments_add (f->db, client, NULL, 5000, "transfer", NULL, NULL,
                                     &allocation, 1, &error), >, 0);
  g_assert_no_error (error);
}

/* The text of a trigger as the file has it, to put it back exactly after a tampering. */
static char *
trigger_sql (sqlite3 *raw, const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT sql FROM sqlite_schema WHERE type = 'trigger' "
                                          "AND name = '%s'", name);
  char *text = raw_text (raw, sql);

  g_assert_nonnull (text);
  return text;
}

/* ---------------------------------------------------------------- tests */

static void
test_clean (CptTestDb *f, gconstpointer data)
{
  gint64 first, second;

  two_invoices (f, &first, &second);
  assert_all_good (f->db);
}

/* The usual way past the triggers: drop them, change the row, put them back as they were. */
static void
test_back_to_draft (CptTestDb *f, gconstpointer data)
{
  gint64 first, second;
  g_autofree char *locked = NULL;
  sqlite3 *raw;

  two_invoices (f, &first, &second);
  raw = raw_open (f->path);
  locked = trigger_sql (raw, "documents_locked_update");
  raw_ok (raw, "DROP TRIGGER documents_locked_update");
  raw_ok (raw, "UPDATE documents SET status = 'draft' WHERE id = %" G_GINT64_FORMAT, first);
  /* The second loses its number too: the check names it from the audit trail. */
  raw_ok (raw, "UPDATE documents SET status = 'draft', number = NULL, series = NULL, "
               "period = NULL, sequence = NULL WHERE id = %" G_GINT64_FORMAT, second);
  raw_ok (raw, "%s", locked);
  sqlite3_close (raw);

  for (guint quick = 0; quick <= 1; quick++)
    {
      g_autoptr(CptLedgerReport) report = check (f->db, quick ? CPT_LEDGER_CHECK_QUICK : CPT_LEDGER_CHECK_FULL);

      assert_mentions (report->problems, "FA-2026-0001 was validated", "marked as a draft again");
      assert_mentions (report->problems, "FA-2026-0002 was validated", "marked as a draft again");
    }
}

/* The last validated invoice deleted with every trace of it: its number would be given
 * again, and only the series' counter still knows. */
static void
test_last_deleted (CptTestDb *f, gconstpointer data)
{
  gint64 first, second;
  sqlite3 *raw;

  two_invoices (f, &first, &second);
  raw = raw_open (f->path);
  raw_ok (raw, "DROP TRIGGER documents_locked_delete; DROP TRIGGER document_lines_locked_delete; "
               "DROP TRIGGER ledger_no_delete; DROP TRIGGER ledger_seals_no_delete; "
               "DROP TRIGGER audit_events_no_delete");
  /* First with the ledger and the audit trail left as they are. */
  raw_ok (raw, "DELETE FROM receivables WHERE document_id = %" G_GINT64_FORMAT, second);
  raw_ok (raw, "DELETE FROM document_lines WHERE document_id = %" G_GINT64_FORMAT, second);
  raw_ok (raw, "DELETE FROM documents WHERE id = %" G_GINT64_FORMAT, second);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_QUICK);

    assert_mentions (report->problems, "FA-2026-0002 was validated (the ledger records it)",
                     "deleted: its number would be given again");
    assert_mentions (report->problems, "invoice series", "would be given again");
  }
  /* Then with its ledger entry, its seal and its audit events gone too. */
  raw_ok (raw, "DELETE FROM ledger_seals WHERE seq = (SELECT max (seq) FROM ledger); "
               "DELETE FROM ledger WHERE document_id = %" G_GINT64_FORMAT "; "
               "DELETE FROM audit_events WHERE document_id = %" G_GINT64_FORMAT, second, second);
  sqlite3_close (raw);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_FULL);

    assert_mentions (report->problems, "The invoice series (2026) has given numbers up to 2",
                     "the last of them in the file is FA-2026-0001");
  }
}

/* Someone who knows the chain changes an invoice and computes the whole chain again: the
 * file is consistent with itself, only the seal (its key is not in the file) can tell. */
static void
test_chain_recomputed (CptTestDb *f, gconstpointer data)
{
  gint64 first, second;
  g_autofree char *locked = NULL, *no_update = NULL, *no_delete = NULL;
  const char *previous_hash = "0000000000000000000000000000000000000000000000000000000000000000";
  g_autofree char *previous = g_strdup (previous_hash);
  sqlite3 *raw;

  two_invoices (f, &first, &second);
  raw = raw_open (f->path);
  locked = trigger_sql (raw, "documents_locked_update");
  no_update = trigger_sql (raw, "ledger_no_update");
  no_delete = trigger_sql (raw, "ledger_no_delete");
  raw_ok (raw, "DROP TRIGGER documents_locked_update; DROP TRIGGER ledger_no_update; "
               "DROP TRIGGER ledger_no_delete");
  raw_ok (raw, "UPDATE documents SET title = 'Falsifié' WHERE id = %" G_GINT64_FORMAT, first);
  for (gint64 id = first; id <= second; id++)
    {
      g_autofree char *canonical = cpt_ledger_canonical (f->db, id, NULL);
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      g_autofree char *hash = NULL;

      g_assert_nonnull (canonical);
      g_checksum_update (checksum, (const guchar *) previous, strlen (previous));
      g_checksum_update (checksum, (const guchar *) "\n", 1);
      g_checksum_update (checksum, (const guchar *) canonical, strlen (canonical));
      hash = g_strdup (g_checksum_get_string (checksum));
      raw_ok (raw, "UPDATE ledger SET previous_hash = '%s', hash = '%s' WHERE document_id = %"
                   G_GINT64_FORMAT, previous, hash, id);
      g_free (previous);
      previous = g_steal_pointer (&hash);
    }
  raw_ok (raw, "%s; %s; %s", locked, no_update, no_delete);

  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_FULL);

    /* The chain itself holds... */
    g_assert_false (mentions (report->problems, "changed after its validation", NULL));
    g_assert_false (mentions (report->problems, "broken", NULL));
    /* ...but not its seal, from the changed invoice on. */
    assert_mentions (report->problems, "The seal of FA-2026-0001 does not match", "computed again");
    assert_mentions (report->problems, "The seal of FA-2026-0002 does not match", NULL);
  }

  /* Removing the seals too hides nothing: the check cannot vouch for the documents. */
  raw_ok (raw, "DROP TRIGGER ledger_seals_no_delete; DELETE FROM ledger_seals");
  sqlite3_close (raw);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_FULL);

    assert_mentions (report->unverified, "2 validated documents (FA-2026-0001 to FA-2026-0002) have no seal", NULL);
  }
}

static char *
company_uuid (CptDatabase *db)
{
  sqlite3_stmt *stmt = NULL;
  char *uuid;

  g_assert_cmpint (sqlite3_prepare_v2 (cpt_database_get_handle (db), "SELECT uuid FROM company",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_nonnull (uuid);
  return uuid;
}

/* The file on another computer, or with its key removed from the keyring: never all good. */
static void
test_key_removed (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = company_uuid (f->db);
  gint64 first, second;

  two_invoices (f, &first, &second);
  assert_all_good (f->db);
  g_assert_true (secret_password_clear_sync (cpt_seal_get_schema (), NULL, &error,
                                             "company", uuid, NULL));
  g_assert_no_error (error);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_FULL);

    g_assert_cmpuint (report->problems->len, ==, 0);
    assert_mentions (report->unverified, "The seal of 2 validated documents (FA-2026-0001 to FA-2026-0002)",
                     "cannot be verified on this computer");
  }
}

/* A validation while the keyring cannot be reached: the child process has no session bus. */
static void
validate_without_keyring (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/comptoir-test-bus", TRUE);
  db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (cpt_database_get_handle (db),
                                       "SELECT min (id) FROM documents WHERE status = 'draft'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (id, >, 0);
  /* Validation does not fail for want of a keyring. */
  g_assert_true (cpt_lifecycle_validate (db, id, NULL, &error));
  g_assert_no_error (error);
}

static void
run_without_keyring (const char *path)
{
  g_autofree char *child = g_strdup_printf ("%s/subprocess", g_test_get_path ());

  g_setenv ("COMPTOIR_TEST_CHECK_DB", path, TRUE);
  g_test_trap_subprocess (child, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_keyring_unavailable_child (void)
{
  if (g_test_subprocess ())
    validate_without_keyring (g_getenv ("COMPTOIR_TEST_CHECK_DB"));
}

static void
test_keyring_unavailable (CptTestDb *f, gconstpointer data)
{
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 unsealed, later;

  validated_invoice (f->db, client, 10000);
  unsealed = new_invoice (f->db, client, 20000);
  run_without_keyring (f->path);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_FULL);

    g_assert_cmpint (unsealed, >, 0);
    g_assert_cmpuint (report->problems->len, ==, 0);
    assert_mentions (report->unverified, "1 validated document (FA-2026-0002) has no seal",
                     "keyring could not be used");
  }
  /* A later validation with the keyring seals its own entry, not the unsealed one: sealing
   * it now would vouch for whatever it holds now. */
  later = validated_invoice (f->db, client, 30000);
  g_assert_cmpint (later, >, 0);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_FULL);

    g_assert_cmpuint (report->problems->len, ==, 0);
    g_assert_cmpuint (report->unverified->len, ==, 1);
    assert_mentions (report->unverified, "1 validated document (FA-2026-0002) has no seal", NULL);
  }
}

/* Documents validated before the company had a key (before this version, or with no
 * keyring from the start) are sealed by its first key, once. */
static void
test_first_key_seals_earlier (CptTestDb *f, gconstpointer data)
{
  gint64 client = make_client (f->db, "Librairie Moreau");

  new_invoice (f->db, client, 10000);
  run_without_keyring (f->path);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_FULL);
    assert_mentions (report->unverified, "FA-2026-0001", "has no seal");
  }
  validated_invoice (f->db, client, 20000);
  assert_all_good (f->db);
}

static gint64
seal_unsealed (CptDatabase *db)
{
  g_autoptr(GError) error = NULL;
  gint64 sealed = -1;

  g_assert_true (cpt_ledger_seal_unsealed_file (db, NULL, &sealed, &error));
  g_assert_no_error (error);
  return sealed;
}

/* A file from before the seal (validated where no keyring could be reached, so this
 * computer has no key for its company) is sealed once; seals removed afterwards are not
 * made again. */
static void
test_seal_unsealed_file (CptTestDb *f, gconstpointer data)
{
  gint64 client = make_client (f->db, "Librairie Moreau");
  sqlite3 *raw;

  new_invoice (f->db, client, 10000);
  run_without_keyring (f->path);
  g_assert_cmpint (seal_unsealed (f->db), ==, 1);
  assert_all_good (f->db);
  g_assert_cmpint (seal_unsealed (f->db), ==, 0);

  raw = raw_open (f->path);
  raw_ok (raw, "DROP TRIGGER ledger_seals_no_delete; DELETE FROM ledger_seals");
  sqlite3_close (raw);
  g_assert_cmpint (seal_unsealed (f->db), ==, 0);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_FULL);
    assert_mentions (report->unverified, "FA-2026-0001", "has no seal");
  }
}

/* An unsealed file changed after its validation is not sealed: the seal would vouch for it. */
static void
test_seal_refused_when_changed (CptTestDb *f, gconstpointer data)
{
  gint64 client = make_client (f->db, "Librairie Moreau");
  sqlite3 *raw;

  new_invoice (f->db, client, 10000);
  run_without_keyring (f->path);
  raw = raw_open (f->path);
  raw_ok (raw, "DROP TRIGGER document_lines_locked_update; "
               "UPDATE document_lines SET description = 'Autre chose'");
  sqlite3_close (raw);
  g_assert_cmpint (seal_unsealed (f->db), ==, 0);
  raw = raw_open (f->path);
  {
    g_autofree char *seals = raw_text (raw, "SELECT count(*) FROM ledger_seals");
    g_assert_cmpstr (seals, ==, "0");
  }
  sqlite3_close (raw);
}

static void
test_triggers (CptTestDb *f, gconstpointer data)
{
  gint64 first, second;
  sqlite3 *raw;

  two_invoices (f, &first, &second);
  raw = raw_open (f->path);
  raw_ok (raw, "DROP TRIGGER documents_locked_delete");
  raw_ok (raw, "DROP TRIGGER document_lines_locked_update; "
               "CREATE TRIGGER document_lines_locked_update BEFORE UPDATE ON document_lines "
               "WHEN 0 BEGIN SELECT RAISE (ABORT, 'this document is validated: its lines cannot be changed'); END");
  raw_ok (raw, "CREATE TRIGGER sneaky AFTER INSERT ON payments BEGIN "
               "UPDATE payments SET note = 'x' WHERE id = new.id; END");
  sqlite3_close (raw);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_QUICK);

    assert_mentions (report->problems, "“documents_locked_delete” was removed", NULL);
    assert_mentions (report->problems, "“document_lines_locked_update” was replaced", NULL);
    assert_mentions (report->problems, "unknown trigger “sneaky”", NULL);
  }
}

static void
test_summaries (CptTestDb *f, gconstpointer data)
{
  gint64 first, second;
  sqlite3 *raw;

  two_invoices (f, &first, &second);
  raw = raw_open (f->path);
  /* Each summary changed on its own, so each is named. */
  raw_ok (raw, "UPDATE receivables SET paid = 0 WHERE document_id = %" G_GINT64_FORMAT, first);
  raw_ok (raw, "UPDATE open_by_client SET balance = balance + 100");
  raw_ok (raw, "UPDATE daily_totals SET invoiced_gross = invoiced_gross - 1");
  raw_ok (raw, "INSERT INTO paid_by_kind_day (kind, day, count) VALUES ('deposit', '2026-03-01', 3) "
               "ON CONFLICT (kind, day) DO UPDATE SET count = count + 3");
  raw_ok (raw, "UPDATE kind_day_counts SET count = count + 1 WHERE kind = 'invoice' AND day = (SELECT min (day) FROM kind_day_counts WHERE kind = 'invoice')");
  raw_ok (raw, "UPDATE kind_due_counts SET count = count - 1 WHERE kind = 'invoice' AND due = (SELECT max (due) FROM kind_due_counts WHERE kind = 'invoice')");
  raw_ok (raw, "INSERT INTO paid_by_kind_due (kind, due, part, count) VALUES ('invoice', '2026-03-01', 0, 2) "
               "ON CONFLICT (kind, due, part) DO UPDATE SET count = count + 2");
  raw_ok (raw, "INSERT INTO kind_client_counts (kind, client, count) VALUES ('quote', 'zz', 1) "
               "ON CONFLICT (kind, client) DO UPDATE SET count = count + 1");
  /* a count moved to the next bucket: the total is right, the buckets are not */
  raw_ok (raw, "UPDATE kind_total_counts SET bucket = bucket + 1 WHERE kind = 'invoice' "
               "AND bucket = (SELECT max (bucket) FROM kind_total_counts WHERE kind = 'invoice')");
  /* a number counted under a prefix one character shorter: the total is right, not the buckets */
  raw_ok (raw, "UPDATE kind_number_counts SET prefix = substr (prefix, 1, length (prefix) - 1) "
               "WHERE kind = 'invoice' AND prefix = (SELECT max (prefix) FROM kind_number_counts WHERE kind = 'invoice')");
  /* no deposit invoice is paid: any count of one is wrong */
  raw_ok (raw, "INSERT INTO paid_by_kind_client (kind, client, count) VALUES ('deposit', 'zz', 1)");
  raw_ok (raw, "INSERT INTO paid_by_kind_total (kind, bucket, count) VALUES ('deposit', 612, 1)");
  raw_ok (raw, "INSERT INTO paid_by_kind_number (kind, prefix, part, count) VALUES ('deposit', 'AC-2026-00', 0, 1)");
  /* an unpaid invoice's amount copied wrong for the lists' jumps */
  raw_ok (raw, "UPDATE open_receivables SET total_gross = total_gross + 1");
  /* no deposit invoice is paid: any bit of one is wrong */
  raw_ok (raw, "INSERT INTO paid_id_masks (kind, word, mask) VALUES ('deposit', 0, 2)");
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_QUICK);

    assert_mentions (report->problems, "what is owed on FA-2026-0001", "does not match");
    assert_mentions (report->problems, "what Librairie Moreau owes", "does not match");
    assert_mentions (report->problems, "The totals of 2026-", "do not match");
    /* paid = 0 left the due-date summary as the trigger made it: it is wrong too. */
    assert_mentions (report->problems, "invoices due on", "does not match");
    assert_mentions (report->problems, "paid documents the lists count as “Deposit invoice”",
                     "does not match");
    assert_mentions (report->problems, "number of documents the lists count as “Invoice”",
                     "does not match");
    assert_mentions (report->problems, "number of documents the lists sorted by due date count as “Invoice”",
                     "does not match");
    assert_mentions (report->problems, "number of documents the lists sorted by client count as “Quote”",
                     "does not match");
    assert_mentions (report->problems, "paid documents the lists sorted by due date count as “Invoice”",
                     "does not match");
    assert_mentions (report->problems, "number of documents the lists sorted by number count as “Invoice”",
                     "does not match");
    assert_mentions (report->problems, "number of documents the lists sorted by amount count as “Invoice”",
                     "does not match");
    assert_mentions (report->problems, "paid documents the lists sorted by client count as “Deposit invoice”",
                     "does not match");
    assert_mentions (report->problems, "paid documents the lists sorted by amount count as “Deposit invoice”",
                     "does not match");
    assert_mentions (report->problems, "paid documents the lists sorted by number count as “Deposit invoice”",
                     "does not match");
    assert_mentions (report->problems, "unpaid documents the lists sort as “Invoice”", "do not match");
    assert_mentions (report->problems, "paid documents the lists find as “Deposit invoice”",
                     "do not match");
  }
  /* A summary table gone is reported, not a failure of the check. */
  raw_ok (raw, "DROP TABLE daily_totals");
  sqlite3_close (raw);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_FULL);

    assert_mentions (report->problems, "The table “daily_totals” is missing", NULL);
  }
  /* So is the table of the seller and buyer snapshots, which the chain reads: the chain is
   * left unchecked, the rest is checked. */
  raw = raw_open (f->path);
  raw_ok (raw, "DROP TABLE party_snapshots");
  sqlite3_close (raw);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_FULL);

    assert_mentions (report->problems, "The table “party_snapshots” is missing", NULL);
    assert_mentions (report->problems, "The table “daily_totals” is missing", NULL);
  }
}

/* A summary row deleted (not changed) is as wrong as a changed one: the check compares both
 * ways, what the summary should hold against what it holds and back. */
static void
test_summaries_missing (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  CptAllocation allocation = { 0 };
  gint64 first, second;
  sqlite3 *raw;
  g_autofree char *client = NULL;
  g_autofree char *due = NULL;
  g_autofree char *sql = NULL;

  two_invoices (f, &first, &second);
  raw = raw_open (f->path);
  client = raw_text (raw, "SELECT client_id FROM documents LIMIT 1");
  sql = g_strdup_printf ("SELECT balance FROM receivables WHERE document_id = %" G_GINT64_FORMAT, second);
  due = raw_text (raw, sql);
  sqlite3_close (raw);
  /* The second one paid in full, so that an invoice is counted among the paid ones. */
  allocation.document_id = second;
  allocation.amount = g_ascii_strtoll (due, NULL, 10);
  g_assert_cmpint (cpt_payments_add (f->db, g_ascii_strtoll (client, NULL, 10), NULL,
                                     allocation.amount, "transfer", NULL, NULL, &allocation, 1,
                                     &error), >, 0);
  g_assert_no_error (error);
  assert_all_good (f->db);

  raw = raw_open (f->path);
  raw_ok (raw, "DELETE FROM open_by_due");
  raw_ok (raw, "DELETE FROM open_by_client");
  raw_ok (raw, "DELETE FROM daily_totals");
  raw_ok (raw, "DELETE FROM paid_by_kind_day");
  raw_ok (raw, "DELETE FROM kind_day_counts");
  raw_ok (raw, "DELETE FROM kind_due_counts");
  raw_ok (raw, "DELETE FROM kind_client_counts");
  raw_ok (raw, "DELETE FROM kind_total_counts");
  raw_ok (raw, "DELETE FROM kind_number_counts");
  raw_ok (raw, "DELETE FROM paid_by_kind_due");
  raw_ok (raw, "DELETE FROM paid_by_kind_client");
  raw_ok (raw, "DELETE FROM paid_by_kind_total");
  raw_ok (raw, "DELETE FROM paid_by_kind_number");
  raw_ok (raw, "DELETE FROM open_receivables");
  raw_ok (raw, "DELETE FROM paid_id_masks");
  sqlite3_close (raw);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_QUICK);

    assert_mentions (report->problems, "invoices due on", "does not match");
    assert_mentions (report->problems, "what Librairie Moreau owes", "does not match");
    assert_mentions (report->problems, "The totals of 2026-", "do not match");
    assert_mentions (report->problems, "paid documents the lists count as “Invoice”",
                     "does not match");
    assert_mentions (report->problems, "number of documents the lists count as “Invoice”",
                     "does not match");
    assert_mentions (report->problems, "number of documents the lists sorted by due date count as “Invoice”",
                     "does not match");
    assert_mentions (report->problems, "number of documents the lists sorted by client count as “Invoice”",
                     "does not match");
    assert_mentions (report->problems, "number of documents the lists sorted by number count as “Invoice”",
                     "does not match");
    assert_mentions (report->problems, "number of documents the lists sorted by amount count as “Invoice”",
                     "does not match");
    assert_mentions (report->problems, "paid documents the lists sorted by due date count as “Invoice”",
                     "does not match");
    assert_mentions (report->problems, "paid documents the lists sorted by client count as “Invoice”",
                     "does not match");
    assert_mentions (report->problems, "paid documents the lists sorted by amount count as “Invoice”",
                     "does not match");
    assert_mentions (report->problems, "paid documents the lists sorted by number count as “Invoice”",
                     "does not match");
    assert_mentions (report->problems, "unpaid documents the lists sort as “Invoice”", "do not match");
    assert_mentions (report->problems, "paid documents the lists find as “Invoice”", "do not match");
  }
}

static void
test_orphan_allocations (CptTestDb *f, gconstpointer data)
{
  gint64 first, second;
  g_autofree char *payment = NULL;
  sqlite3 *raw;

  two_invoices (f, &first, &second);
  raw = raw_open (f->path);
  payment = raw_text (raw, "SELECT payment_id FROM allocations");
  /* Foreign keys are off in a raw connection: the allocation stays behind. */
  raw_ok (raw, "DELETE FROM payments WHERE id = %s", payment);
  sqlite3_close (raw);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_QUICK);
    g_autofree char *words = g_strdup_printf ("belongs to payment %s, which no longer exists", payment);

    assert_mentions (report->problems, "An allocation to FA-2026-0001", words);
  }
}

/* A query of the check that fails makes the whole check fail, with the reason: it never
 * says all is well after looking at half the file. */
static void
test_query_error (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptLedgerReport) report = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gint64 first, second;
  sqlite3 *raw;

  two_invoices (f, &first, &second);
  raw = raw_open (f->path);
  raw_ok (raw, "DROP TRIGGER documents_locked_update; DROP TRIGGER audit_events_no_update");
  raw_ok (raw, "UPDATE documents SET status = 'draft', number = NULL, series = NULL, period = NULL, "
               "sequence = NULL WHERE id = %" G_GINT64_FORMAT, second);
  raw_ok (raw, "UPDATE audit_events SET details = '{not json' WHERE document_id = %" G_GINT64_FORMAT,
          second);
  sqlite3_close (raw);

  report = cpt_ledger_check_report (f->db, CPT_LEDGER_CHECK_FULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "The check could not run"));
  g_assert_nonnull (strstr (error->message, "JSON"));
  g_clear_error (&error);
  problems = cpt_ledger_check (f->db, &error);
  g_assert_null (problems);
  g_assert_nonnull (error);
}

/* A file whose company row was deleted behind Comptoir's back: said, in the quick check
 * of a window too (it opened such a file as a new one). */
static void
test_company_missing (CptTestDb *f, gconstpointer data)
{
  gint64 first, second;
  sqlite3 *raw;

  two_invoices (f, &first, &second);
  raw = raw_open (f->path);
  raw_ok (raw, "DELETE FROM company");
  sqlite3_close (raw);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_QUICK);

    assert_mentions (report->problems, "The company is missing from the file", "its row was deleted");
  }
}

/* A logo stored that no image can be drawn from (written by another program, or before
 * Comptoir read the image when it is chosen): every document prints without it, which the
 * check says; a logo that can be drawn is no problem. */
static void
test_logo_unreadable (CptTestDb *f, gconstpointer data)
{
  gint64 first, second;
  sqlite3 *raw;

  two_invoices (f, &first, &second);
  raw = raw_open (f->path);
  /* a PNG of one pixel, whole */
  raw_ok (raw, "UPDATE company SET logo_mime = 'image/png', logo = x'89504e470d0a1a0a0000000d4948445200000001000000010802"
               "000000907753de0000000c49444154789c63f8cfc0000003010100c9fe92ef0000000049454e44ae426082'");
  sqlite3_close (raw);
  assert_all_good (f->db);
  /* the same cut short: its first bytes still say PNG */
  raw = raw_open (f->path);
  raw_ok (raw, "UPDATE company SET logo = substr (logo, 1, 40)");
  sqlite3_close (raw);
  {
    g_autoptr(CptLedgerReport) report = check (f->db, CPT_LEDGER_CHECK_QUICK);

    assert_mentions (report->problems, "The company’s logo cannot be read", "printed without it");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("COMPTOIR_TODAY", "2026-03-15", TRUE);

  CPT_TEST_DB ("/check/clean", test_clean);
  CPT_TEST_DB ("/check/logo-unreadable", test_logo_unreadable);
  CPT_TEST_DB ("/check/back-to-draft", test_back_to_draft);
  CPT_TEST_DB ("/check/last-deleted", test_last_deleted);
  CPT_TEST_DB ("/check/chain-recomputed", test_chain_recomputed);
  CPT_TEST_DB ("/check/key-removed", test_key_removed);
  CPT_TEST_DB ("/check/keyring-unavailable", test_keyring_unavailable);
  g_test_add_func ("/check/keyring-unavailable/subprocess", test_keyring_unavailable_child);
  CPT_TEST_DB ("/check/first-key-seals-earlier", test_first_key_seals_earlier);
  g_test_add_func ("/check/first-key-seals-earlier/subprocess", test_keyring_unavailable_child);
  CPT_TEST_DB ("/check/seal-unsealed-file", test_seal_unsealed_file);
  g_test_add_func ("/check/seal-unsealed-file/subprocess", test_keyring_unavailable_child);
  CPT_TEST_DB ("/check/seal-refused-when-changed", test_seal_refused_when_changed);
  g_test_add_func ("/check/seal-refused-when-changed/subprocess", test_keyring_unavailable_child);
  CPT_TEST_DB ("/check/triggers", test_triggers);
  CPT_TEST_DB ("/check/summaries", test_summaries);
  CPT_TEST_DB ("/check/summaries-missing", test_summaries_missing);
  CPT_TEST_DB ("/check/orphan-allocations", test_orphan_allocations);
  CPT_TEST_DB ("/check/query-error", test_query_error);
  CPT_TEST_DB ("/check/company-missing", test_company_missing);
  return g_test_run ();
}
