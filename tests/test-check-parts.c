/* The parts of `check` that make it fast at a million documents (issue 11), each made to
 * fail by a real tampering through a raw SQLite connection: the file's pages (quick_check on
 * a connection and thread of its own), the count of each index's entries against its table,
 * the chain and its seal walked in ranges on several threads, joined where they meet, and
 * the canonical text the walk writes in C, the same bytes as SQLite's JSON functions.
 * COMPTOIR_CHECK_THREADS=4 makes four ranges of eight entries whatever the machine. */
#include <inttypes.h>
#include <sqlite3.h>
#include <string.h>

#include "cpt-client.h"
#include "cpt-documents.h"
#include "cpt-error.h"
#include "cpt-ledger.h"
#include "cpt-lifecycle.h"
#include "cpt-test-utils.h"
#include "cpt-check-test-utils.h"
#include "cpt-store-check.h"

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

/* Documents the ledger records, one deleted (its lines left behind, as with foreign keys
 * off) and one set back to draft, in two of four ranges: the full check names both as the
 * ledger records them (the walk read them, and tells the ledger's query to run), in the
 * place the report always gave them, the same on one thread. */
static void
test_ledger_documents (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptLedgerReport) ranges = NULL;
  g_autoptr(CptLedgerReport) one = NULL;
  sqlite3 *raw;

  invoices (f->db, 8);
  raw = raw_open (f->path);
  raw_ok (raw, "DROP TRIGGER documents_locked_delete; DROP TRIGGER documents_locked_update");
  raw_ok (raw, "DELETE FROM documents WHERE number = 'FA-2026-0003'");
  raw_ok (raw, "UPDATE documents SET status = 'draft' WHERE number = 'FA-2026-0006'");
  sqlite3_close (raw);

  ranges = check (f->db, CPT_LEDGER_CHECK_FULL);
  assert_mentions (ranges->problems, "FA-2026-0003 was validated (the ledger records it)",
                   "has been deleted");
  assert_mentions (ranges->problems, "FA-2026-0006 was validated (the ledger records it)",
                   "marked as a draft again");
  g_assert_false (mentions (ranges->problems, "the audit trail records it", NULL));
  /* The safeguards first, as always. */
  assert_mentions (ranges->problems, "safeguard “documents_locked_delete” was removed", NULL);
  g_assert_nonnull (strstr (g_ptr_array_index (ranges->problems, 2), "FA-2026-0003 was validated"));
  g_assert_nonnull (strstr (g_ptr_array_index (ranges->problems, 3), "FA-2026-0006 was validated"));

  g_setenv ("COMPTOIR_CHECK_THREADS", "1", TRUE);
  one = check (f->db, CPT_LEDGER_CHECK_FULL);
  assert_same (one->problems, ranges->problems);
  g_setenv ("COMPTOIR_CHECK_THREADS", "4", TRUE);
}

/* ---- the canonical text written in C */

/* Text of every kind JSON escapes or passes as it is: quotes, backslashes, each control
 * character, DEL, accents, emoji, U+2028, text that looks like JSON or like an escape. */
static const char *const awkward_texts[] = {
  "", "Prestation", "a \"quoted\" word", "back\\slash\\", "\\u0041 is no escape", "/slash/",
  "tab\tnew line\ncarriage\rback\bform\f", "\x01\x02\x03\x04\x05\x06\x07\x0b\x0e\x0f\x10\x11",
  "\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f", "del \x7f", "\"\\\"\\",
  "é à ç œ — “guillemets” « français »", "emoji 😀, U+2028 \u2028, U+2029 \u2029, U+FFFD \ufffd",
  "{\"seller\": {\"name\": \"Moreau\", \"lines\": [1, 2.5, null]}}", "null", "0", "-1.5e3",
};

static const char *const awkward_pieces[] = {
  "a", "Z", " ", "0", "\"", "\\", "/", "\t", "\n", "\r", "\b", "\f", "\x01", "\x1f", "\x7f",
  "é", "😀", "\u2028", "{", "}",
};

/* Text of up to `max` pieces, each of them awkward at times: long runs of plain text too,
 * so that an escape falls at every place of an eight-byte word. */
static char *
awkward_text (GRand *rand, guint max)
{
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, max + 1);

  if (g_rand_int_range (rand, 0, 3) == 0)
    return g_strdup (awkward_texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (awkward_texts))]);
  for (guint i = 0; i < n; i++)
    if (g_rand_int_range (rand, 0, 4) == 0)
      g_string_append (text, awkward_pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (awkward_pieces))]);
    else
      g_string_append_c (text, 'a' + g_rand_int_range (rand, 0, 26));
  return g_string_free (text, FALSE);
}

static const gint64 awkward_integers[] = {
  0, 1, -1, 42, -4200, 10000, 123456789012, -987654321098, G_MAXINT64, G_MININT64,
  G_MAXINT64 - 1, G_MININT64 + 1, 999999999999999,
};

static const double awkward_reals[] = {
  0.5, -0.1, 1.0 / 3, 2.5e-7, 1e300, -1e-300, 123456.789, 1e15 + 0.5, 3.14159265358979,
};

typedef enum
{
  AWKWARD_ANY,
  AWKWARD_NOT_NULL,   /* a NOT NULL column */
  AWKWARD_RATE,       /* CHECK BETWEEN 0 AND 10000 */
} Awkward;

/* Binds a value of any type SQLite may hold in a column, NULL included unless `what` says. */
static void
bind_awkward (sqlite3_stmt *stmt, int at, GRand *rand, Awkward what)
{
  switch (g_rand_int_range (rand, what == AWKWARD_ANY ? 0 : 1, what == AWKWARD_RATE ? 3 : 7))
    {
    case 0:
      sqlite3_bind_null (stmt, at);
      break;
    case 1:
      sqlite3_bind_int64 (stmt, at, what == AWKWARD_RATE
                                      ? g_rand_int_range (rand, 0, 10001)
                                      : awkward_integers[g_rand_int_range (rand, 0, G_N_ELEMENTS (awkward_integers))]);
      break;
    case 2:
      sqlite3_bind_double (stmt, at, what == AWKWARD_RATE
                                       ? g_rand_double_range (rand, 0, 10000)
                                       : awkward_reals[g_rand_int_range (rand, 0, G_N_ELEMENTS (awkward_reals))]);
      break;
    case 3:
      /* A NUL inside the text, which SQLite keeps. */
      sqlite3_bind_text (stmt, at, "nul \0 inside", 13, SQLITE_STATIC);
      break;
    default:
      sqlite3_bind_text (stmt, at, awkward_text (rand, g_rand_int_range (rand, 0, 2) ? 12 : 300), -1, g_free);
      break;
    }
}

/* The seller and buyer snapshots of awkward_documents(): fewer than the documents, so that
 * the reader writes each from what it kept, as for a real file. */
#define N_SNAPSHOTS 6

/* `n` documents of awkward content (drafts: no trigger stops their lines), each with 0 to 5
 * lines of positions that tie, chained in the ledger as the lifecycle would (the hash of
 * SQLite's canonical text); the one numbered T-BLOB holds a blob, which the C text does
 * not write as SQLite does. */
static void
awkward_documents (CptDatabase *db, const char *path, guint n)
{
  static const char *const kinds[] = { "quote", "proforma", "invoice", "deposit", "credit_note" };
  static const char *const line_kinds[] = { "item", "text", "subtotal", "deposit" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autofree char *previous = g_strdup ("0000000000000000000000000000000000000000000000000000000000000000");
  sqlite3 *raw = raw_open (path);
  sqlite3_stmt *document = NULL, *line = NULL, *snapshot = NULL;

  raw_ok (raw, "BEGIN");
  /* The snapshots the documents share (schema 17), 1 to N_SNAPSHOTS: awkward texts too */
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "INSERT OR IGNORE INTO party_snapshots (json) VALUES (?)", -1,
                                       &snapshot, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < N_SNAPSHOTS; i++)
    {
      sqlite3_reset (snapshot);
      bind_awkward (snapshot, 1, rand, AWKWARD_NOT_NULL);
      if (sqlite3_step (snapshot) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (raw));
    }
  sqlite3_finalize (snapshot);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "INSERT INTO documents (kind, number, series, period, sequence, client_id, "
                                            "client_name, date, service_date, due_date, valid_until, title, notes, "
                                            "payment_terms, currency, language, total_net, total_vat, total_gross, "
                                            "amount_due, deposits_net, deposits_vat, deposits_gross, quote_id, "
                                            "proforma_id, credited_id, validated_at, seller_id, buyer_id) "
                                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                                            "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)",
                                       -1, &document, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "INSERT INTO document_lines (document_id, position, kind, product_id, "
                                            "description, quantity, unit, unit_price, discount_percent, vat_rate, "
                                            "exemption_code, account, net, vat_amount, quote_line_id, "
                                            "credited_line_id, deposit_id) "
                                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                                       -1, &line, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n; i++)
    {
      gint64 id;
      guint lines = g_rand_int_range (rand, 0, 6);

      sqlite3_reset (document);
      sqlite3_clear_bindings (document);
      for (int at = 1; at <= 29; at++)
        bind_awkward (document, at, rand, (at == 6 || at == 7 || at == 8 || (at >= 15 && at <= 23))
                                            ? AWKWARD_NOT_NULL : AWKWARD_ANY);
      sqlite3_bind_text (document, 1, kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))], -1, SQLITE_STATIC);
      sqlite3_bind_text (document, 2, g_strdup_printf ("T-%04u", i + 1), -1, g_free);
      /* the seller and the buyer: none, a snapshot, or an id that names none (written null
       * by SQLite's text too) */
      for (int at = 28; at <= 29; at++)
        {
          gint64 which = g_rand_int_range (rand, 0, N_SNAPSHOTS + 2);

          if (which == 0)
            sqlite3_bind_null (document, at);
          else
            sqlite3_bind_int64 (document, at, which <= N_SNAPSHOTS ? which : 1000 + which);
        }
      if (i == n / 2)
        {
          sqlite3_bind_text (document, 2, "T-BLOB", -1, SQLITE_STATIC);
          /* SQLite 3.45 and later read it as JSONB, a null (older ones refuse it: the check
           * could not run, as it never could). */
          sqlite3_bind_blob (document, 13, "\x00", 1, SQLITE_STATIC);
        }
      if (sqlite3_step (document) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (raw));
      id = sqlite3_last_insert_rowid (raw);
      for (guint j = 0; j < lines; j++)
        {
          sqlite3_reset (line);
          sqlite3_clear_bindings (line);
          for (int at = 4; at <= 17; at++)
            bind_awkward (line, at, rand, at == 9 || at == 10 ? AWKWARD_RATE
                                          : at == 6 || at == 8 || at == 13 || at == 14 ? AWKWARD_NOT_NULL
                                          : AWKWARD_ANY);
          sqlite3_bind_int64 (line, 1, id);
          sqlite3_bind_int64 (line, 2, g_rand_int_range (rand, 0, 3));
          sqlite3_bind_text (line, 3, line_kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (line_kinds))], -1, SQLITE_STATIC);
          if (sqlite3_step (line) != SQLITE_DONE)
            g_error ("%s", sqlite3_errmsg (raw));
        }
    }
  sqlite3_finalize (document);
  sqlite3_finalize (line);
  raw_ok (raw, "COMMIT");

  /* Chained as validation chains them, from SQLite's canonical text. */
  raw_ok (raw, "BEGIN");
  for (gint64 id = 1; id <= n; id++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *canonical = cpt_ledger_canonical (db, id, &error);
      g_autofree char *linked = NULL;
      char *hash;

      g_assert_no_error (error);
      linked = g_strdup_printf ("%s\n%s", previous, canonical);
      hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, linked, -1);
      raw_ok (raw, "INSERT INTO ledger (document_id, previous_hash, hash) VALUES (%" PRId64 ", '%s', '%s')",
              id, previous, hash);
      g_free (previous);
      previous = hash;
    }
  raw_ok (raw, "COMMIT");
  sqlite3_close (raw);
}

/* Every entry's canonical text as the reader writes it in C, against SQLite's. */
static guint
assert_canonical_as_sqlite (CptDatabase *db, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptStoreLedgerReader) reader = cpt_store_ledger_reader_new (db, path, 1, G_MAXINT64, &error);
  CptStoreLedgerEntry entry;
  gboolean has_row = FALSE;
  guint compared = 0;

  g_assert_no_error (error);
  while (cpt_store_ledger_reader_next (reader, &entry, &has_row, &error) && has_row)
    {
      g_autofree char *sqlite = cpt_store_ledger_canonical (db, entry.document_id, &error);

      g_assert_no_error (error);
      /* The blob: written as nothing SQLite writes, so that SQLite is asked. */
      if (g_strcmp0 (entry.number, "T-BLOB") == 0)
        {
          g_assert_cmpstr (entry.canonical, !=, sqlite);
          continue;
        }
      g_assert_cmpstr (entry.canonical, ==, sqlite);
      compared++;
    }
  g_assert_no_error (error);
  return compared;
}

/* Generated documents of awkward content (every control character, quotes, backslashes,
 * unicode, the largest and smallest integers, reals, NULLs, documents with no line, lines
 * whose positions tie): the reader's text is SQLite's, byte for byte, on the file's
 * connection and on one of its own. A blob, which the C text cannot write as SQLite does,
 * is no false alarm: SQLite's own text is asked before a document is called changed. A
 * document changed after all is still named, and none other. */
static void
test_canonical_in_c (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptLedgerReport) before = NULL;
  g_autoptr(CptLedgerReport) after = NULL;
  sqlite3 *raw;

  awkward_documents (f->db, f->path, 300);
  g_assert_cmpuint (assert_canonical_as_sqlite (f->db, NULL), ==, 299);
  g_assert_cmpuint (assert_canonical_as_sqlite (f->db, f->path), ==, 299);

  before = check (f->db, CPT_LEDGER_CHECK_FULL);
  g_assert_false (mentions (before->problems, "was changed after its validation", NULL));
  g_assert_false (mentions (before->problems, "The chain of validated documents is broken", NULL));

  raw = raw_open (f->path);
  raw_ok (raw, "UPDATE documents SET title = 'Falsifié' WHERE number = 'T-0200'");
  sqlite3_close (raw);
  after = check (f->db, CPT_LEDGER_CHECK_FULL);
  assert_mentions (after->problems, "T-0200 was changed after its validation", NULL);
  g_assert_cmpuint (after->problems->len, ==, before->problems->len + 1);
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
  CPT_TEST_DB ("/check-parts/ledger-documents", test_ledger_documents);
  CPT_TEST_DB ("/check-parts/canonical-in-c", test_canonical_in_c);
  return g_test_run ();
}
