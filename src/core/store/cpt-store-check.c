#define G_LOG_DOMAIN "cpt-store"

#include "cpt-store-check.h"
#include "cpt-store-private.h"
#include "cpt-error.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

/* SQLite writes the JSON, so the text is the same whoever computes it. Every column that
 * makes the document is in it; adding one here changes every hash: never do it without a
 * new version tag. The check writes the same text in C (document_columns, line_columns and
 * cpt_store_ledger_reader_next() below), and asks this one whenever a hash does not match. */
#define CANONICAL_OF_D \
  "json_object ("                                                                                  \
  "  'v', 1, 'id', d.id, 'kind', d.kind, 'number', d.number, 'series', d.series, "                 \
  "  'period', d.period, 'sequence', d.sequence, 'client_id', d.client_id, "                       \
  "  'client_name', d.client_name, 'date', d.date, 'service_date', d.service_date, "               \
  "  'due_date', d.due_date, 'valid_until', d.valid_until, 'title', d.title, 'notes', d.notes, "   \
  "  'payment_terms', d.payment_terms, 'currency', d.currency, 'language', d.language, "           \
  "  'total_net', d.total_net, 'total_vat', d.total_vat, 'total_gross', d.total_gross, "           \
  "  'amount_due', d.amount_due, 'deposits_net', d.deposits_net, 'deposits_vat', d.deposits_vat, " \
  "  'deposits_gross', d.deposits_gross, 'quote_id', d.quote_id, 'proforma_id', d.proforma_id, "   \
  "  'credited_id', d.credited_id, 'validated_at', d.validated_at, "                              \
  "  'seller', (SELECT json FROM party_snapshots WHERE id = d.seller_id), "                        \
  "  'buyer', (SELECT json FROM party_snapshots WHERE id = d.buyer_id), "                          \
  "  'lines', (SELECT json_group_array (json_object ("                                             \
  "     'id', l.id, 'position', l.position, 'kind', l.kind, 'product_id', l.product_id, "          \
  "     'description', l.description, 'quantity', l.quantity, 'unit', l.unit, "                    \
  "     'unit_price', l.unit_price, 'discount_percent', l.discount_percent, "                      \
  "     'vat_rate', l.vat_rate, 'exemption_code', l.exemption_code, 'account', l.account, "        \
  "     'net', l.net, 'vat_amount', l.vat_amount, 'quote_line_id', l.quote_line_id, "              \
  "     'credited_line_id', l.credited_line_id, 'deposit_id', l.deposit_id)) "                     \
  "   FROM (SELECT * FROM document_lines WHERE document_id = d.id ORDER BY position, id) l))"

char *
cpt_store_ledger_canonical (CptDatabase *db, gint64 document_id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT " CANONICAL_OF_D " FROM documents d "
                                                 "WHERE d.id = ?", error);
  gboolean has_row = FALSE;
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (!cpt_store_step (db, stmt, _("Could not read the document"), &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND,
                   _("There is no document %" PRId64), document_id);
      return NULL;
    }
  text = cpt_store_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return text;
}

/* ---- a read-only connection of the check's own */

static sqlite3 *
open_reader (const char *path, GError **error)
{
  sqlite3 *handle = NULL;
  int rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (handle, 1);
      sqlite3_busy_timeout (handle, 5000);
      /* The check reads the whole file once: mapped, its pages are not copied from the
       * kernel's cache one by one (SQLite caps the size at what it was built with). */
      rc = sqlite3_exec (handle, "PRAGMA trusted_schema = OFF; PRAGMA mmap_size = 68719476736",
                         NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE, _("The check could not run: %s"),
                   handle ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
      sqlite3_close_v2 (handle);
      return NULL;
    }
  return handle;
}

static gboolean
fail (sqlite3 *handle, GError **error)
{
  g_set_error (error, CPT_ERROR, CPT_ERROR_DATABASE, _("The check could not run: %s"),
               sqlite3_errmsg (handle));
  return FALSE;
}

/* Steps a statement made on a connection of the check's own. */
static gboolean
step (sqlite3 *handle, sqlite3_stmt *stmt, gboolean *has_row, GError **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE || fail (handle, error);
}

/* ---- the file's structure */

static gboolean
pages (sqlite3 *handle, gboolean every_entry, GCancellable *cancellable, GPtrArray *problems,
       gboolean *unreadable, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  guint found = problems->len;
  int rc;

  if (sqlite3_prepare_v2 (handle, every_entry ? "PRAGMA integrity_check" : "PRAGMA quick_check",
                          -1, &stmt, NULL) != SQLITE_OK)
    return fail (handle, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *said = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (said, "ok") != 0)
        g_ptr_array_add (problems, g_strdup_printf (_("The database file is damaged: %s"), said));
    }
  /* SQLite ends its list with "malformed" when a page cannot be read at all: that is what
   * the check is looking for, not a check that could not run. */
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    {
      *unreadable = TRUE;
      if (problems->len == found)
        g_ptr_array_add (problems, g_strdup_printf (_("The database file is damaged: %s"),
                                                    sqlite3_errmsg (handle)));
      rc = SQLITE_DONE;
    }
  if (rc != SQLITE_DONE)
    fail (handle, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE && !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
count (sqlite3 *handle, const char *sql, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean has_row = FALSE, ok;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    return fail (handle, error);
  ok = step (handle, stmt, &has_row, error);
  *out = has_row ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_finalize (stmt);
  return ok;
}

/* The WHERE of a partial index, from its CREATE INDEX text (index expressions hold no
 * subquery, so the last WHERE is the index's). */
static const char *
partial_where (const char *sql)
{
  g_autofree char *upper = g_ascii_strup (sql, -1);
  const char *found = NULL;

  for (const char *p = strstr (upper, "WHERE"); p != NULL; p = strstr (p + 1, "WHERE"))
    if (p > upper && g_ascii_isspace (p[-1]) && g_ascii_isspace (p[5]))
      found = p - 1;
  return found ? sql + (found - upper) : "";
}

/* quick_check reads every page and record but does not compare an index with its table:
 * an entry missing or left over (a row deleted or added behind the index's back) shows as
 * a different count. A table is counted through its own b-tree (NOT INDEXED) and each index
 * through its own, under the index's WHERE when it is partial. */
static gboolean
index_counts (sqlite3 *handle, GCancellable *cancellable, GPtrArray *problems, GError **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  gboolean has_row = FALSE, ok;

  if (sqlite3_prepare_v2 (handle, "SELECT i.name, i.tbl_name, i.sql FROM sqlite_schema i "
                                  "JOIN sqlite_schema t ON t.name = i.tbl_name AND t.type = 'table' "
                                  "WHERE i.type = 'index' ORDER BY i.tbl_name, i.name",
                          -1, &stmt, NULL) != SQLITE_OK)
    return fail (handle, error);
  while ((ok = step (handle, stmt, &has_row, error)) && has_row)
    {
      const char *index = (const char *) sqlite3_column_text (stmt, 0);
      const char *table = (const char *) sqlite3_column_text (stmt, 1);
      const char *sql = (const char *) sqlite3_column_text (stmt, 2);
      const char *where = sql ? partial_where (sql) : "";
      g_autofree char *qindex = g_strdup_printf ("\"%s\"", index);
      g_autofree char *qtable = g_strdup_printf ("\"%s\"", table);
      g_autofree char *by_index = NULL, *by_table = NULL;
      gint64 entries = 0, expected = 0;

      if (strchr (index, '"') || strchr (table, '"'))
        continue;   /* not one of Comptoir's: the schema check names it */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      by_index = g_strdup_printf ("SELECT count(*) FROM %s INDEXED BY %s%s", qtable, qindex, where);
      by_table = g_strdup_printf ("SELECT count(*) FROM %s NOT INDEXED%s", qtable, where);
      if (*where == '\0' && g_hash_table_contains (rows, table))
        expected = *(gint64 *) g_hash_table_lookup (rows, table);
      else if (!(ok = count (handle, by_table, &expected, error)))
        break;
      else if (*where == '\0')
        g_hash_table_insert (rows, g_strdup (table), g_memdup2 (&expected, sizeof expected));
      if (!(ok = count (handle, by_index, &entries, error)))
        break;
      if (entries != expected)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("The database file is damaged: the index “%s” has "
                                            "%" PRId64 " entries for %" PRId64 " rows of “%s”"),
                                          index, entries, expected, table));
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* Whether this SQLite's quick_check counts each index's entries against its table's rows,
 * as its integrity_check does (3.46 does, 3.40 does not): its program then holds the
 * message it gives when they differ. */
static gboolean
quick_check_counts_indexes (void)
{
  static gsize probed = 0;
  static gboolean counts = FALSE;

  if (g_once_init_enter (&probed))
    {
      sqlite3 *memory = NULL;
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_open_v2 (":memory:", &memory, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
          sqlite3_exec (memory, "CREATE TABLE t (a); CREATE INDEX t_a ON t (a)", NULL, NULL, NULL) == SQLITE_OK &&
          sqlite3_prepare_v2 (memory, "EXPLAIN PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK)
        while (!counts && sqlite3_step (stmt) == SQLITE_ROW)
          counts = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "String8") == 0 &&
                   strstr ((const char *) sqlite3_column_text (stmt, 5), "wrong # of entries") != NULL;
      sqlite3_finalize (stmt);
      sqlite3_close_v2 (memory);
      g_once_init_leave (&probed, 1);
    }
  /* Tests make the count run on any SQLite. */
  return counts && g_strcmp0 (g_getenv ("COMPTOIR_CHECK_COUNT_INDEXES"), "1") != 0;
}

gboolean
cpt_store_check_file (CptDatabase  *db,
                      gboolean      own_connection,
                      gboolean      every_entry,
                      GCancellable *cancellable,
                      GPtrArray    *problems,
                      GError      **error)
{
  sqlite3 *handle = own_connection ? open_reader (cpt_database_get_path (db), error)
                                   : cpt_database_get_handle (db);
  gboolean ok = TRUE, unreadable = FALSE;
  gint64 start = g_get_monotonic_time ();

  if (handle == NULL)
    return FALSE;
  /* One snapshot for the pages and the counts, even while another process writes. */
  if (own_connection)
    ok = sqlite3_exec (handle, "BEGIN", NULL, NULL, NULL) == SQLITE_OK || fail (handle, error);
  ok = ok && pages (handle, every_entry, cancellable, problems, &unreadable, error);
  if (g_getenv ("COMPTOIR_CHECK_TIMES") != NULL)
    g_printerr ("check: SQLite's check of the pages took %.0f ms\n", (g_get_monotonic_time () - start) / 1e3);
  /* Pages SQLite cannot read give no counts, and integrity_check has compared every entry
   * already. */
  ok = ok && (every_entry || unreadable || quick_check_counts_indexes () ||
              index_counts (handle, cancellable, problems, error));
  if (own_connection)
    {
      sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL);
      sqlite3_close_v2 (handle);
    }
  return ok;
}

/* ---- the ledger's entries */

gboolean
cpt_store_ledger_bounds (CptDatabase *db, gint64 last_count, gint64 *first, gint64 *last,
                         GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT coalesce (min (seq), 0), coalesce (max (seq), 0) "
                                                 "FROM ledger", error);
  gboolean has_row = FALSE;

  *first = *last = 0;
  if (stmt == NULL || !cpt_store_step (db, stmt, _("Could not read the ledger"), &has_row, error))
    return FALSE;
  if (has_row)
    {
      *first = sqlite3_column_int64 (stmt, 0);
      *last = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  /* As the check always did: the last entries by their numbers, whatever gaps. */
  if (last_count > 0 && *last - last_count + 1 > *first)
    *first = *last - last_count + 1;
  return TRUE;
}

GPtrArray *
cpt_store_ledger_seal_keys (CptDatabase *db, gint64 first, gint64 last, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT key_id FROM ledger_seals WHERE seq BETWEEN ? AND ? "
                                                 "GROUP BY key_id ORDER BY min (seq)", error);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  gboolean has_row = FALSE, ok;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, last);
  while ((ok = cpt_store_step (db, stmt, _("Could not read the seals of the ledger"), &has_row, error)) && has_row)
    if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
      g_ptr_array_add (keys, cpt_store_dup_text (stmt, 0));
  return ok ? g_steal_pointer (&keys) : NULL;
}

/* The columns CANONICAL_OF_D writes, in its order: a column's JSON key is its name. The last
 * N_SNAPSHOTS are the texts of the seller and the buyer, which the documents keep as
 * references to party_snapshots (`seller_id`, `buyer_id`). */
#define N_SNAPSHOTS 2
static const char *const document_columns[] = {
  "id", "kind", "number", "series", "period", "sequence", "client_id", "client_name", "date",
  "service_date", "due_date", "valid_until", "title", "notes", "payment_terms", "currency",
  "language", "total_net", "total_vat", "total_gross", "amount_due", "deposits_net",
  "deposits_vat", "deposits_gross", "quote_id", "proforma_id", "credited_id", "validated_at",
  "seller", "buyer",
};

static const char *const line_columns[] = {
  "id", "position", "kind", "product_id", "description", "quantity", "unit", "unit_price",
  "discount_percent", "vat_rate", "exemption_code", "account", "net", "vat_amount",
  "quote_line_id", "credited_line_id", "deposit_id",
};

/* The columns of an entry's row before the document's. */
enum
{
  ENTRY_SEQ,
  ENTRY_DOCUMENT_ID,
  ENTRY_PREVIOUS_HASH,
  ENTRY_HASH,
  ENTRY_NUMBER,
  ENTRY_KEY_ID,
  ENTRY_MAC,
  ENTRY_VALIDATED,
  ENTRY_DOCUMENT,
};

/* A line's row: its entry's sequence number, then the line. */
enum
{
  LINE_SEQ,
  LINE_FIRST,
};

/* The start of each member of the canonical text: `"v":1,"id":`, `,"kind":`... */
typedef struct
{
  const char *text;
  gsize       length;
} Key;

struct _CptStoreLedgerReader
{
  CptDatabase  *db;          /* NULL when the reader has its own connection */
  sqlite3      *handle;
  sqlite3_stmt *entries;     /* on the next entry when entries_rc is SQLITE_ROW */
  sqlite3_stmt *lines;       /* on the next line when lines_rc is SQLITE_ROW */
  int           entries_rc, lines_rc;
  sqlite3_stmt *canonical;   /* SQLite's canonical text of one document, on `handle` */
  sqlite3_stmt *snapshot;    /* the text of one party snapshot, on `handle` */
  /* Snapshots as the canonical text writes them, by id: most documents share their
   * seller's and many their buyer's, written once instead of once for each document */
  GHashTable   *snapshots;
  Key           document_keys[G_N_ELEMENTS (document_columns)];
  Key           line_keys[G_N_ELEMENTS (line_columns)];
  /* The current entry's text, kept here: the statements have moved on to the next one. */
  GString      *text, *previous_hash, *hash, *number, *key_id, *mac;
};

/* The entries, one row each with its document's (NULL when it is gone), in the order of the
 * chain; and beside them the documents' lines, in the same order and the order of the lines
 * (position, then id: that of their index). The canonical text is written from them in C
 * (cpt_store_ledger_reader_next()): SQLite's JSON functions took most of the check's time at
 * a million documents. Two statements, so that a document's columns are not read again for
 * each of its lines. The number of a document: its own, or the one the audit trail recorded
 * when it was validated (the row may have been emptied or deleted since). */
static char *
entries_sql (void)
{
  GString *sql = g_string_new ("SELECT l.seq, l.document_id, l.previous_hash, l.hash, "
                               "  coalesce (d.number, (SELECT json_extract (a.details, '$.number') "
                               "    FROM audit_events a WHERE a.action = 'validate' "
                               "    AND a.document_id = l.document_id ORDER BY a.id DESC LIMIT 1)), "
                               "  s.key_id, s.mac, d.status = 'validated'");

  for (guint i = 0; i < G_N_ELEMENTS (document_columns); i++)
    g_string_append_printf (sql, ", d.%s%s", document_columns[i],
                            i >= G_N_ELEMENTS (document_columns) - N_SNAPSHOTS ? "_id" : "");
  g_string_append (sql, " FROM ledger l LEFT JOIN documents d ON d.id = l.document_id "
                        "LEFT JOIN ledger_seals s ON s.seq = l.seq "
                        "WHERE l.seq BETWEEN ? AND ? ORDER BY l.seq");
  return g_string_free (sql, FALSE);
}

static char *
lines_sql (void)
{
  GString *sql = g_string_new ("SELECT l.seq");

  for (guint i = 0; i < G_N_ELEMENTS (line_columns); i++)
    g_string_append_printf (sql, ", dl.%s", line_columns[i]);
  g_string_append (sql, " FROM ledger l JOIN document_lines dl ON dl.document_id = l.document_id "
                        "WHERE l.seq BETWEEN ? AND ? ORDER BY l.seq, dl.position, dl.id");
  return g_string_free (sql, FALSE);
}

static void
make_keys (Key *keys, const char *const *names, guint n, const char *first)
{
  for (guint i = 0; i < n; i++)
    {
      char *text = g_strdup_printf ("%s\"%s\":", i == 0 ? first : ",", names[i]);

      keys[i].text = text;
      keys[i].length = strlen (text);
    }
}

static void
free_keys (Key *keys, guint n)
{
  for (guint i = 0; i < n; i++)
    g_free ((char *) keys[i].text);
}

static sqlite3_stmt *
prepare_range (sqlite3 *handle, const char *sql, gint64 first, gint64 last, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (handle, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, last);
  return stmt;
}

CptStoreLedgerReader *
cpt_store_ledger_reader_new (CptDatabase *db, const char *path, gint64 first, gint64 last,
                             GError **error)
{
  g_autoptr(CptStoreLedgerReader) reader = g_new0 (CptStoreLedgerReader, 1);
  g_autofree char *entries = entries_sql ();
  g_autofree char *lines = lines_sql ();

  reader->text = g_string_sized_new (8192);
  reader->previous_hash = g_string_new (NULL);
  reader->hash = g_string_new (NULL);
  reader->number = g_string_new (NULL);
  reader->key_id = g_string_new (NULL);
  reader->mac = g_string_new (NULL);
  reader->snapshots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  make_keys (reader->document_keys, document_columns, G_N_ELEMENTS (document_columns), "{\"v\":1,");
  make_keys (reader->line_keys, line_columns, G_N_ELEMENTS (line_columns), "{");
  if (path != NULL)
    {
      reader->handle = open_reader (path, error);
      if (reader->handle == NULL)
        return NULL;
      /* The two statements read one snapshot. */
      if (sqlite3_exec (reader->handle, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        {
          fail (reader->handle, error);
          return NULL;
        }
    }
  else
    {
      reader->db = db;
      reader->handle = cpt_database_get_handle (db);
    }
  reader->entries = prepare_range (reader->handle, entries, first, last, error);
  if (reader->entries == NULL)
    return NULL;
  reader->lines = prepare_range (reader->handle, lines, first, last, error);
  if (reader->lines == NULL)
    return NULL;
  reader->entries_rc = sqlite3_step (reader->entries);
  reader->lines_rc = sqlite3_step (reader->lines);
  return g_steal_pointer (&reader);
}

/* A text column kept in `to`: NULL when the column is NULL. */
static const char *
keep (GString *to, sqlite3_stmt *stmt, int column)
{
  const char *value;

  /* The type first: reading the value as a blob changes it. */
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  value = sqlite3_column_blob (stmt, column);
  g_string_truncate (to, 0);
  g_string_append_len (to, value, sqlite3_column_bytes (stmt, column));
  return to->str;
}

/* Room for `more` bytes at the end of `to`, which it then counts: the bytes are written
 * there by the caller. */
static inline char *
grow (GString *to, gsize more)
{
  gsize at = to->len;

  if (at + more >= to->allocated_len)
    g_string_set_size (to, at + more);
  to->len = at + more;
  to->str[to->len] = '\0';
  return to->str + at;
}

static inline void
put (GString *to, const char *text, gsize length)
{
  memcpy (grow (to, length), text, length);
}

/* What a byte of text becomes in SQLite's JSON: 0 itself, 'u' \u00XX, else \ and that. */
static const char json_escapes[256] = {
  'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'b', 't', 'n', 'u', 'f', 'r', 'u', 'u',
  'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
  ['"'] = '"', ['\\'] = '\\',
};

/* The first byte from `i` on that JSON escapes, or `length`: eight bytes at a time, as the
 * text of a million documents (their seller and buyer) is most of what the check reads. */
static inline gsize
next_escaped (const unsigned char *text, gsize i, gsize length)
{
#define EVERY_BYTE(b) (G_GUINT64_CONSTANT (0x0101010101010101) * (b))
  for (; i + 8 <= length; i += 8)
    {
      guint64 word, quote, backslash;

      memcpy (&word, text + i, 8);
      quote = word ^ EVERY_BYTE ('"');
      backslash = word ^ EVERY_BYTE ('\\');
      /* A byte below 0x20, or one that is zero once '"' or '\' is taken away: "determine
       * if a word has a byte less than n" (Bit Twiddling Hacks), never wrong when it says
       * none. */
      if ((((word - EVERY_BYTE (0x20)) & ~word) | ((quote - EVERY_BYTE (1)) & ~quote) |
           ((backslash - EVERY_BYTE (1)) & ~backslash)) & EVERY_BYTE (0x80))
        for (gsize j = i; j < i + 8; j++)
          if (json_escapes[text[j]] != 0)
            return j;
    }
#undef EVERY_BYTE
  for (; i < length; i++)
    if (json_escapes[text[i]] != 0)
      return i;
  return length;
}

/* A value as SQLite's json_object() writes it (3.40 to 3.46): integers in decimal, reals with
 * SQLite's own printf, text with '"', '\' and the control characters escaped. A blob, which
 * JSON cannot hold, is written as nothing SQLite would write: the document's hash then does
 * not match, and SQLite's own text is asked for. */
static void
put_json (GString *to, sqlite3_stmt *stmt, int column)
{
  static const char hex[] = "0123456789abcdef";

  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_INTEGER:
      {
        gint64 value = sqlite3_column_int64 (stmt, column);
        guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;
        char digits[24];
        int at = sizeof digits;

        do
          digits[--at] = '0' + magnitude % 10;
        while ((magnitude /= 10) != 0);
        if (value < 0)
          digits[--at] = '-';
        put (to, digits + at, sizeof digits - at);
      }
      break;

    case SQLITE_FLOAT:
      {
        char number[64];

        sqlite3_snprintf (sizeof number, number, "%!0.15g", sqlite3_column_double (stmt, column));
        put (to, number, strlen (number));
      }
      break;

    case SQLITE_TEXT:
      {
        /* As a blob: the bytes as they are on the page, where sqlite3_column_text() would
         * copy them to end them with a NUL. */
        const unsigned char *text = sqlite3_column_blob (stmt, column);
        gsize length = sqlite3_column_bytes (stmt, column);
        gsize plain = 0, i = 0;

        put (to, "\"", 1);
        while ((i = next_escaped (text, i, length)) < length)
          {
            char escaped = json_escapes[text[i]];
            char *out;

            put (to, (const char *) text + plain, i - plain);
            plain = i + 1;
            if (escaped != 'u')
              {
                out = grow (to, 2);
                out[0] = '\\';
                out[1] = escaped;
              }
            else
              {
                out = grow (to, 6);
                memcpy (out, "\\u00", 4);
                out[4] = hex[text[i] >> 4];
                out[5] = hex[text[i] & 0xf];
              }
            i++;
          }
        put (to, (const char *) text + plain, length - plain);
        put (to, "\"", 1);
      }
      break;

    case SQLITE_NULL:
      put (to, "null", 4);
      break;

    case SQLITE_BLOB:
    default:
      put (to, "\"\\u0000blob\"", 12);
      break;
    }
}

/* The members of a JSON object, from column `first` on, and its closing brace. */
static void
put_members (GString *to, sqlite3_stmt *stmt, int first, const Key *keys, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      put (to, keys[i].text, keys[i].length);
      put_json (to, stmt, first + i);
    }
}

/* Beyond this many, the snapshots kept are let go: a file whose clients changed often. */
#define MAX_SNAPSHOTS_KEPT 8192

/* The snapshot whose id is in `column`, as CANONICAL_OF_D writes it: null when there is none
 * (a draft's), or when the id names no snapshot (a file changed behind the foreign keys). */
static gboolean
put_snapshot (CptStoreLedgerReader *reader, sqlite3_stmt *stmt, int column, GError **error)
{
  gint64 id;
  const char *written;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      put (reader->text, "null", 4);
      return TRUE;
    }
  id = sqlite3_column_int64 (stmt, column);
  written = g_hash_table_lookup (reader->snapshots, &id);
  if (written == NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      gboolean has_row;

      if (reader->snapshot == NULL &&
          sqlite3_prepare_v2 (reader->handle, "SELECT json FROM party_snapshots WHERE id = ?", -1,
                              &reader->snapshot, NULL) != SQLITE_OK)
        return fail (reader->handle, error);
      sqlite3_bind_int64 (reader->snapshot, 1, id);
      if (!step (reader->handle, reader->snapshot, &has_row, error))
        {
          sqlite3_reset (reader->snapshot);
          return FALSE;
        }
      if (has_row)
        put_json (text, reader->snapshot, 0);
      else
        put (text, "null", 4);
      sqlite3_reset (reader->snapshot);
      if (g_hash_table_size (reader->snapshots) >= MAX_SNAPSHOTS_KEPT)
        g_hash_table_remove_all (reader->snapshots);
      written = text->str;
      g_hash_table_insert (reader->snapshots, g_memdup2 (&id, sizeof id),
                           g_string_free (g_steal_pointer (&text), FALSE));
    }
  put (reader->text, written, strlen (written));
  return TRUE;
}

gboolean
cpt_store_ledger_reader_next (CptStoreLedgerReader *reader, CptStoreLedgerEntry *entry,
                              gboolean *has_row, GError **error)
{
  sqlite3_stmt *stmt = reader->entries;
  gboolean exists, any_line = FALSE;
  gint64 seq;

  *has_row = FALSE;
  if (reader->entries_rc == SQLITE_DONE)
    return TRUE;
  if (reader->entries_rc != SQLITE_ROW ||
      (reader->lines_rc != SQLITE_ROW && reader->lines_rc != SQLITE_DONE))
    return fail (reader->handle, error);

  seq = sqlite3_column_int64 (stmt, ENTRY_SEQ);
  entry->seq = seq;
  entry->document_id = sqlite3_column_int64 (stmt, ENTRY_DOCUMENT_ID);
  entry->previous_hash = keep (reader->previous_hash, stmt, ENTRY_PREVIOUS_HASH);
  entry->hash = keep (reader->hash, stmt, ENTRY_HASH);
  entry->number = keep (reader->number, stmt, ENTRY_NUMBER);
  entry->key_id = keep (reader->key_id, stmt, ENTRY_KEY_ID);
  entry->mac = keep (reader->mac, stmt, ENTRY_MAC);
  exists = sqlite3_column_type (stmt, ENTRY_DOCUMENT) != SQLITE_NULL;
  entry->validated = exists && sqlite3_column_int (stmt, ENTRY_VALIDATED) != 0;

  /* What CANONICAL_OF_D writes, byte for byte. */
  g_string_truncate (reader->text, 0);
  if (exists)
    {
      guint plain = G_N_ELEMENTS (document_columns) - N_SNAPSHOTS;

      put_members (reader->text, stmt, ENTRY_DOCUMENT, reader->document_keys, plain);
      for (guint i = plain; i < G_N_ELEMENTS (document_columns); i++)
        {
          put (reader->text, reader->document_keys[i].text, reader->document_keys[i].length);
          if (!put_snapshot (reader, stmt, ENTRY_DOCUMENT + i, error))
            return FALSE;
        }
      put (reader->text, ",\"lines\":[", 10);
    }
  /* The lines of a document that is gone are gone too, unless the file was changed behind
   * SQLite's foreign keys: they are not the document's then. */
  while (reader->lines_rc == SQLITE_ROW && sqlite3_column_int64 (reader->lines, LINE_SEQ) <= seq)
    {
      if (exists && sqlite3_column_int64 (reader->lines, LINE_SEQ) == seq)
        {
          if (any_line)
            put (reader->text, ",", 1);
          put_members (reader->text, reader->lines, LINE_FIRST, reader->line_keys,
                       G_N_ELEMENTS (line_columns));
          put (reader->text, "}", 1);
          any_line = TRUE;
        }
      reader->lines_rc = sqlite3_step (reader->lines);
    }
  if (reader->lines_rc != SQLITE_ROW && reader->lines_rc != SQLITE_DONE)
    return fail (reader->handle, error);
  if (exists)
    put (reader->text, "]}", 2);
  entry->canonical = exists ? reader->text->str : NULL;
  reader->entries_rc = sqlite3_step (stmt);
  *has_row = TRUE;
  return TRUE;
}

char *
cpt_store_ledger_reader_canonical (CptStoreLedgerReader *reader, gint64 document_id,
                                   GError **error)
{
  gboolean has_row = FALSE;
  char *text;

  if (reader->db != NULL)
    return cpt_store_ledger_canonical (reader->db, document_id, error);
  if (reader->canonical == NULL &&
      sqlite3_prepare_v2 (reader->handle, "SELECT " CANONICAL_OF_D " FROM documents d WHERE d.id = ?",
                          -1, &reader->canonical, NULL) != SQLITE_OK)
    {
      fail (reader->handle, error);
      return NULL;
    }
  sqlite3_bind_int64 (reader->canonical, 1, document_id);
  if (!step (reader->handle, reader->canonical, &has_row, error))
    {
      sqlite3_reset (reader->canonical);
      return NULL;
    }
  text = has_row ? g_strdup ((const char *) sqlite3_column_text (reader->canonical, 0)) : NULL;
  sqlite3_reset (reader->canonical);
  if (!has_row)
    g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND,
                 _("There is no document %" PRId64), document_id);
  return text;
}

void
cpt_store_ledger_reader_free (CptStoreLedgerReader *reader)
{
  if (reader == NULL)
    return;
  sqlite3_finalize (reader->entries);
  sqlite3_finalize (reader->lines);
  sqlite3_finalize (reader->canonical);
  sqlite3_finalize (reader->snapshot);
  g_clear_pointer (&reader->snapshots, g_hash_table_unref);
  if (reader->db == NULL && reader->handle != NULL)
    {
      sqlite3_exec (reader->handle, "COMMIT", NULL, NULL, NULL);
      sqlite3_close_v2 (reader->handle);
    }
  free_keys (reader->document_keys, G_N_ELEMENTS (document_columns));
  free_keys (reader->line_keys, G_N_ELEMENTS (line_columns));
  g_string_free (reader->text, TRUE);
  g_string_free (reader->previous_hash, TRUE);
  g_string_free (reader->hash, TRUE);
  g_string_free (reader->number, TRUE);
  g_string_free (reader->key_id, TRUE);
  g_string_free (reader->mac, TRUE);
  g_free (reader);
}

/* ---- the rest of the check, on the file's own connection */

typedef gboolean (*CheckRow) (sqlite3_stmt *stmt, gpointer data);

/* Runs a query of the check, calling `row` for each row until it returns FALSE; `limit`
 * binds the query's parameter when it has one (LIMIT ?). Made and finalized here: the check
 * runs seldom, and its temporary table changes the schema under cached statements. */
static gboolean
check_query (CptDatabase *db, const char *sql, guint limit, CheckRow row, gpointer data,
             GError **error)
{
  sqlite3 *handle = cpt_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (handle, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (row != NULL && !row (stmt, data))
      {
        rc = SQLITE_DONE;
        break;
      }
  if (rc != SQLITE_DONE)
    fail (handle, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

static const char *
text (sqlite3_stmt *stmt, int column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* The value of a pragma that reads as one number. */
static gboolean
pragma_value (CptDatabase *db, const char *sql, gint64 *value)
{
  return count (cpt_database_get_handle (db), sql, value, NULL) && *value != -1;
}

#define MAPPED_KEY "cpt-check-mapped"

/* The connection's settings from before the check, put back at its end. */
typedef struct
{
  gint64 mmap_size, temp_cache_size;
} Mapped;

static void
unmap (CptDatabase *db)
{
  g_autofree Mapped *was = g_object_steal_data (G_OBJECT (db), MAPPED_KEY);
  g_autofree char *set = NULL;

  if (was == NULL)
    return;
  set = g_strdup_printf ("PRAGMA main.mmap_size = %" PRId64 "; PRAGMA temp.cache_size = %" PRId64,
                         was->mmap_size, was->temp_cache_size);
  cpt_database_exec (db, set, NULL);
}

gboolean
cpt_store_check_begin (CptDatabase *db, gboolean mapped, GError **error)
{
  Mapped was = { 0 };

  /* The full check reads most of the file, several times: mapped, its pages are not copied
   * from the kernel's cache one by one into a page cache of 2000 (SQLite caps the size at
   * what it was built with), and the table of what is owed (the summaries) stays in
   * memory. */
  if (mapped && pragma_value (db, "PRAGMA main.mmap_size", &was.mmap_size) &&
      pragma_value (db, "PRAGMA temp.cache_size", &was.temp_cache_size))
    {
      g_object_set_data_full (G_OBJECT (db), MAPPED_KEY, g_memdup2 (&was, sizeof was), g_free);
      cpt_database_exec (db, "PRAGMA main.mmap_size = 68719476736; PRAGMA temp.cache_size = -262144",
                         NULL);
    }
  if (cpt_database_exec (db, "SAVEPOINT cpt_check", error))
    return TRUE;
  unmap (db);
  return FALSE;
}

void
cpt_store_check_end (CptDatabase *db)
{
  cpt_database_exec (db, "RELEASE cpt_check", NULL);
  unmap (db);
}

/* ---- the schema */

static gboolean
schema_row (sqlite3_stmt *stmt, gpointer data)
{
  GHashTable *found = data;

  g_hash_table_insert (found, g_strdup (text (stmt, 1)),
                       g_strdup_printf ("%s\n%s", text (stmt, 0), text (stmt, 2) ? text (stmt, 2) : ""));
  return TRUE;
}

gboolean
cpt_store_check_schema (CptDatabase *db, GHashTable *found, GError **error)
{
  return check_query (db, "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite!_%' ESCAPE '!'",
                      0, schema_row, found, error);
}

/* ---- what was validated and no longer is */

/* The document's number, or the one the audit trail recorded when it was validated (the
 * row may have been emptied or deleted since). */
#define NUMBER_OF(doc, id) \
  "coalesce (" doc ".number, (SELECT json_extract (a.details, '$.number') FROM audit_events a " \
  "WHERE a.action = 'validate' AND a.document_id = " id " ORDER BY a.id DESC LIMIT 1))"

/* A caller's callback and its data, for the row readers below. */
typedef struct
{
  union
  {
    CptStoreCheckDocumentFunc   document;
    CptStoreCheckTextFunc       text;
    CptStoreCheckNumberedFunc   numbered;
    CptStoreCheckCounterFunc    counter;
    CptStoreCheckNamedFunc      named;
    CptStoreCheckAllocationFunc allocation;
  } func;
  gpointer data;
} Rows;

static gboolean
document_row (sqlite3_stmt *stmt, gpointer data)
{
  Rows *rows = data;
  CptStoreCheckDocument row = {
    .id = sqlite3_column_int64 (stmt, 0),
    .number = text (stmt, 1),
    .exists = sqlite3_column_int (stmt, 2) != 0,
  };

  return rows->func.document (&row, rows->data);
}

gboolean
cpt_store_check_ledger_documents (CptDatabase *db, CptStoreCheckDocumentFunc func, gpointer data,
                                  GError **error)
{
  Rows rows = { .func.document = func, .data = data };

  return check_query (db, "SELECT l.document_id, " NUMBER_OF ("d", "l.document_id") ", d.id IS NOT NULL "
                          "FROM ledger l LEFT JOIN documents d ON d.id = l.document_id "
                          "WHERE d.id IS NULL OR d.status != 'validated' ORDER BY l.seq",
                      0, document_row, &rows, error);
}

gboolean
cpt_store_check_audit_documents (CptDatabase *db, CptStoreCheckDocumentFunc func, gpointer data,
                                 GError **error)
{
  Rows rows = { .func.document = func, .data = data };

  return check_query (db, "SELECT a.document_id, coalesce (d.number, json_extract (a.details, '$.number')), "
                          "  d.id IS NOT NULL "
                          "FROM audit_events a LEFT JOIN documents d ON d.id = a.document_id "
                          "WHERE a.action = 'validate' AND (d.id IS NULL OR d.status != 'validated') "
                          "ORDER BY a.id",
                      0, document_row, &rows, error);
}

static gboolean
text_row (sqlite3_stmt *stmt, gpointer data)
{
  Rows *rows = data;

  return rows->func.text (text (stmt, 0), rows->data);
}

gboolean
cpt_store_check_unchained (CptDatabase *db, guint limit, CptStoreCheckTextFunc func, gpointer data,
                           GError **error)
{
  Rows rows = { .func.text = func, .data = data };

  /* The validated documents and the ledger's entries are matched on indexes alone (v: one
   * that holds the status and the id); the row is read only for a document missing from the
   * ledger, in the same order as ever. */
  return check_query (db, "SELECT d.number FROM documents v JOIN documents d ON d.id = v.id "
                          "WHERE v.status = 'validated' "
                          "AND NOT EXISTS (SELECT 1 FROM ledger l WHERE l.document_id = v.id) "
                          "AND d.kind != 'proforma' LIMIT ?",
                      limit, text_row, &rows, error);
}

static gboolean
first_text_row (sqlite3_stmt *stmt, gpointer data)
{
  char **out = data;

  *out = g_strdup (text (stmt, 0));
  return FALSE;
}

gboolean
cpt_store_check_company_uuid (CptDatabase *db, char **out, GError **error)
{
  *out = NULL;
  return check_query (db, "SELECT uuid FROM company WHERE id = 1", 0, first_text_row, out, error);
}

/* ---- numbering */

static gboolean
numbered_row (sqlite3_stmt *stmt, gpointer data)
{
  Rows *rows = data;
  CptStoreCheckNumbered row = {
    .series = text (stmt, 0),
    .period = text (stmt, 1),
    .sequence = sqlite3_column_int64 (stmt, 2),
    .number = text (stmt, 3),
    .date = text (stmt, 4),
    .first_number = sqlite3_column_int64 (stmt, 5),
    .first_period = sqlite3_column_int (stmt, 6) != 0,
  };

  return rows->func.numbered (&row, rows->data);
}

gboolean
cpt_store_check_numbering (CptDatabase *db, CptStoreCheckNumberedFunc func, gpointer data,
                           GError **error)
{
  Rows rows = { .func.numbered = func, .data = data };

  /* The first period of each series is found once, from the index, not for every row. */
  return check_query (db, "WITH s AS MATERIALIZED (SELECT se.name, se.first_number, "
                          "  (SELECT min (period) FROM documents WHERE documents.series = se.name "
                          "   AND sequence IS NOT NULL) AS first_period FROM series se) "
                          "SELECT d.series, d.period, d.sequence, d.number, d.date, s.first_number, "
                          "  d.period = s.first_period "
                          "FROM documents d JOIN s ON s.name = d.series "
                          "WHERE d.sequence IS NOT NULL AND d.kind != 'proforma' "
                          "ORDER BY d.series, d.period, d.sequence",
                      0, numbered_row, &rows, error);
}

static gboolean
counter_row (sqlite3_stmt *stmt, gpointer data)
{
  Rows *rows = data;
  /* The type first: reading a column as a number may convert it. */
  gboolean any = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
  CptStoreCheckCounter row = {
    .series = text (stmt, 0),
    .period = text (stmt, 1),
    .last = sqlite3_column_int64 (stmt, 2),
    .any = any,
    .highest = sqlite3_column_int64 (stmt, 3),
    .highest_number = text (stmt, 4),
  };

  return rows->func.counter (&row, rows->data);
}

gboolean
cpt_store_check_counters (CptDatabase *db, CptStoreCheckCounterFunc func, gpointer data,
                          GError **error)
{
  Rows rows = { .func.counter = func, .data = data };

  /* A pro forma is no legal document and may be deleted: its series may end in a gap. */
  return check_query (db, "SELECT c.series, c.period, c.last, "
                          "  (SELECT max (sequence) FROM documents d WHERE d.series = c.series AND d.period = c.period "
                          "   AND d.sequence IS NOT NULL AND d.kind != 'proforma'), "
                          "  (SELECT number FROM documents d WHERE d.series = c.series AND d.period = c.period "
                          "   AND d.sequence IS NOT NULL AND d.kind != 'proforma' ORDER BY d.sequence DESC LIMIT 1) "
                          "FROM series_counters c WHERE c.series != 'proforma' ORDER BY c.series, c.period",
                      0, counter_row, &rows, error);
}

/* ---- summaries kept by triggers: computed again from what they summarise */

/* What the summaries should hold, computed from the documents and payments (the same rules
 * as the triggers of schema 3). */
#define EXPECTED_RECEIVABLES \
  "SELECT d.id AS document_id, d.number, d.client_id, d.kind, d.date, coalesce (d.due_date, d.date) AS due_date, " \
  "  d.amount_due, d.client_sort_name, d.total_gross, " \
  "  (SELECT coalesce (sum (c.amount_due), 0) FROM documents c WHERE c.credited_id = d.id " \
  "   AND c.kind = 'credit_note' AND c.status = 'validated') AS credited, " \
  "  (SELECT coalesce (sum (a.amount), 0) FROM allocations a WHERE a.document_id = d.id) AS paid " \
  "FROM documents d WHERE d.status = 'validated' AND d.kind IN ('invoice', 'deposit')"

#define EXPECTED_BALANCE "(amount_due - credited - paid)"

/* The rows of e that a lacks and those of a that e lacks. Compound selects associate to the
 * left, so "e EXCEPT a UNION a EXCEPT e" would be ((e − a) ∪ a) − e = a − e: a summary row
 * that is missing would never be seen. Each difference is its own subquery. */
#define BOTH_WAYS \
  "SELECT * FROM (SELECT * FROM e EXCEPT SELECT * FROM a) " \
  "UNION SELECT * FROM (SELECT * FROM a EXCEPT SELECT * FROM e)"

static const char *const summary_sql[] = {
  [CPT_STORE_CHECK_RECEIVABLES] =
    "SELECT " NUMBER_OF ("e", "e.document_id") ", e.document_id FROM temp.cpt_check_expected e "
    "LEFT JOIN receivables r ON r.document_id = e.document_id "
    "WHERE r.document_id IS NULL OR r.client_id != e.client_id OR r.kind != e.kind "
    "   OR r.date != e.date OR r.due_date != e.due_date OR r.amount_due != e.amount_due "
    "   OR r.credited != e.credited OR r.paid != e.paid "
    "   OR r.balance != e.amount_due - e.credited - e.paid "
    "ORDER BY e.document_id LIMIT ?",
  [CPT_STORE_CHECK_RECEIVABLES_STRAY] =
    "SELECT " NUMBER_OF ("d", "r.document_id") ", r.document_id FROM receivables r "
    "LEFT JOIN documents d ON d.id = r.document_id "
    "WHERE d.id IS NULL OR d.status != 'validated' OR d.kind NOT IN ('invoice', 'deposit') "
    "ORDER BY r.document_id LIMIT ?",
  [CPT_STORE_CHECK_OPEN_BY_DUE] =
    "WITH e AS (SELECT due_date, count(*) AS count, sum (" EXPECTED_BALANCE ") AS balance, "
    "  sum (paid > 0) AS partial_count, "
    "  sum (CASE WHEN paid > 0 THEN " EXPECTED_BALANCE " ELSE 0 END) AS partial_balance "
    "  FROM temp.cpt_check_expected WHERE " EXPECTED_BALANCE " > 0 GROUP BY due_date), "
    "a AS (SELECT due_date, count, balance, partial_count, partial_balance FROM open_by_due "
    "  WHERE count != 0 OR balance != 0 OR partial_count != 0 OR partial_balance != 0) "
    "SELECT due_date, 0 FROM (" BOTH_WAYS ") "
    "GROUP BY due_date ORDER BY due_date LIMIT ?",
  [CPT_STORE_CHECK_OPEN_BY_CLIENT] =
    "WITH e AS (SELECT client_id, count(*) AS count, sum (" EXPECTED_BALANCE ") AS balance "
    "  FROM temp.cpt_check_expected WHERE " EXPECTED_BALANCE " > 0 GROUP BY client_id), "
    "a AS (SELECT client_id, count, balance FROM open_by_client "
    "  WHERE count != 0 OR balance != 0), "
    "x AS (" BOTH_WAYS ") "
    "SELECT coalesce ((SELECT name FROM clients WHERE id = x.client_id), x.client_id), x.client_id "
    "FROM x GROUP BY x.client_id ORDER BY x.client_id LIMIT ?",
  [CPT_STORE_CHECK_DAILY_TOTALS] =
    /* Each side summed by day in the order of its index (no sort of every row), then the
     * two joined by day. */
    "WITH dd AS (SELECT date AS day, "
    "    sum (CASE kind WHEN 'credit_note' THEN -(total_net - deposits_net) ELSE total_net - deposits_net END) AS net, "
    "    sum (CASE kind WHEN 'credit_note' THEN -amount_due ELSE amount_due END) AS gross "
    "  FROM documents WHERE status = 'validated' AND kind IN ('invoice', 'deposit', 'credit_note') "
    "  GROUP BY date), "
    "pp AS (SELECT date AS day, sum (amount) AS collected FROM payments GROUP BY date), "
    "e AS (SELECT day, sum (net) AS invoiced_net, sum (gross) AS invoiced_gross, "
    "  sum (collected) AS collected FROM ("
    "    SELECT day, net, gross, 0 AS collected FROM dd "
    "    UNION ALL SELECT day, 0, 0, collected FROM pp) "
    "  GROUP BY day HAVING invoiced_net != 0 OR invoiced_gross != 0 OR collected != 0), "
    "a AS (SELECT day, invoiced_net, invoiced_gross, collected FROM daily_totals "
    "  WHERE invoiced_net != 0 OR invoiced_gross != 0 OR collected != 0) "
    "SELECT day, 0 FROM (" BOTH_WAYS ") "
    "GROUP BY day ORDER BY day LIMIT ?",
  [CPT_STORE_CHECK_PAID_BY_KIND] =
    "WITH e AS (SELECT kind, date AS day, count(*) AS count FROM temp.cpt_check_expected "
    "  WHERE " EXPECTED_BALANCE " <= 0 AND NOT (credited > 0 AND credited >= amount_due) "
    "  GROUP BY kind, date), "
    "a AS (SELECT kind, day, count FROM paid_by_kind_day WHERE count != 0) "
    "SELECT kind, 0 FROM (" BOTH_WAYS ") "
    "GROUP BY kind ORDER BY kind LIMIT ?",
  [CPT_STORE_CHECK_KIND_COUNTS] =
    "WITH e AS (SELECT kind, date AS day, count(*) AS count FROM documents GROUP BY kind, date), "
    "a AS (SELECT kind, day, count FROM kind_day_counts WHERE count != 0) "
    "SELECT kind, 0 FROM (" BOTH_WAYS ") "
    "GROUP BY kind ORDER BY kind LIMIT ?",
  /* The keys as schema-19.sql computes them, each side grouped in the order of an index
   * where it can be (at a million documents, the due dates took 1.1 s sorting every
   * document by its part, 0.2 s this way; the clients 0.5 s, 0.1 s). */
  [CPT_STORE_CHECK_DUE_COUNTS] =
    "WITH e AS (SELECT kind, due, part, sum (count) AS count FROM ("
    "    SELECT kind, coalesce (due_date, '') AS due, 0 AS part, count(*) AS count FROM documents "
    "    WHERE coalesce (due_date, '') != '' GROUP BY kind, coalesce (due_date, '') "
    "    UNION ALL SELECT kind, '', id >> 10, count(*) FROM documents "
    "    WHERE coalesce (due_date, '') = '' GROUP BY kind, id >> 10) "
    "  GROUP BY 1, 2, 3), "
    "a AS (SELECT kind, due, part, count FROM kind_due_counts WHERE count != 0) "
    "SELECT kind, 0 FROM (" BOTH_WAYS ") "
    "GROUP BY kind ORDER BY kind LIMIT ?",
  [CPT_STORE_CHECK_CLIENT_COUNTS] =
    "WITH e AS (SELECT kind, coalesce (client, '') AS client, sum (count) AS count FROM ("
    "    SELECT kind, client_sort_name AS client, count(*) AS count FROM documents "
    "    GROUP BY kind, client_sort_name) "
    "  GROUP BY 1, 2), "
    "a AS (SELECT kind, client, count FROM kind_client_counts WHERE count != 0) "
    "SELECT kind, 0 FROM (" BOTH_WAYS ") "
    "GROUP BY kind ORDER BY kind LIMIT ?",
  [CPT_STORE_CHECK_TOTAL_COUNTS] =
    "WITH e AS (SELECT kind, "
    "  CASE WHEN total_gross > 0 THEN length (total_gross) * 100 + substr (total_gross, 1, 2) "
    "       WHEN total_gross < 0 THEN -(length (-total_gross) * 100 + substr (-total_gross, 1, 2)) "
    "       ELSE 0 END AS bucket, count(*) AS count "
    "  FROM documents GROUP BY 1, 2), "
    "a AS (SELECT kind, bucket, count FROM kind_total_counts WHERE count != 0) "
    "SELECT kind, 0 FROM (" BOTH_WAYS ") "
    "GROUP BY kind ORDER BY kind LIMIT ?",
  [CPT_STORE_CHECK_PAID_BY_DUE] =
    "WITH p AS (SELECT kind, document_id FROM temp.cpt_check_expected "
    "  WHERE " EXPECTED_BALANCE " <= 0 AND NOT (credited > 0 AND credited >= amount_due)), "
    "e AS (SELECT p.kind, coalesce (d.due_date, '') AS due, "
    "  CASE WHEN coalesce (d.due_date, '') = '' THEN d.id >> 10 ELSE 0 END AS part, count(*) AS count "
    "  FROM p JOIN documents d ON d.id = p.document_id GROUP BY 1, 2, 3), "
    "a AS (SELECT kind, due, part, count FROM paid_by_kind_due WHERE count != 0) "
    "SELECT kind, 0 FROM (" BOTH_WAYS ") "
    "GROUP BY kind ORDER BY kind LIMIT ?",
  /* A copy of the open receivables with their documents' keys: compared with the
   * receivables, which the first summary compares with what is owed. */
  [CPT_STORE_CHECK_OPEN_RECEIVABLES] =
    "WITH e AS (SELECT r.document_id, r.kind, r.date, r.due_date, r.amount_due, r.credited, r.paid, "
    "  r.balance, d.client_sort_name, d.total_gross, d.number, d.due_date "
    "  FROM receivables r JOIN documents d ON d.id = r.document_id WHERE r.balance > 0), "
    "a AS (SELECT document_id, kind, date, due_date, amount_due, credited, paid, balance, "
    "  client_sort_name, total_gross, number, document_due_date FROM open_receivables) "
    "SELECT kind, 0 FROM (" BOTH_WAYS ") "
    "GROUP BY kind ORDER BY kind LIMIT ?",
  /* The paid ones as bits by word of 64 ids (schema 24), from what is owed: the bits of one
   * word are of distinct documents, so their sum is their union. */
  [CPT_STORE_CHECK_PAID_MASKS] =
    "WITH e AS (SELECT kind, document_id >> 6 AS word, sum (1 << (document_id & 63)) AS mask "
    "  FROM temp.cpt_check_expected "
    "  WHERE " EXPECTED_BALANCE " <= 0 AND NOT (credited > 0 AND credited >= amount_due) "
    "  GROUP BY kind, document_id >> 6), "
    "a AS (SELECT kind, word, mask FROM paid_id_masks WHERE mask != 0) "
    "SELECT kind, 0 FROM (" BOTH_WAYS ") "
    "GROUP BY kind ORDER BY kind LIMIT ?",
};

#define PAID_KEYS "cpt-store-check-paid-keys"

gboolean
cpt_store_check_summaries_begin (CptDatabase *db, GError **error)
{
  g_object_set_data (G_OBJECT (db), PAID_KEYS, NULL);
  /* What is owed on each invoice, computed once for the three summaries that use it. */
  return check_query (db, "DROP TABLE IF EXISTS temp.cpt_check_expected", 0, NULL, NULL, error) &&
         check_query (db, "CREATE TEMP TABLE cpt_check_expected AS " EXPECTED_RECEIVABLES, 0, NULL, NULL, error);
}

gboolean
cpt_store_check_summaries_end (CptDatabase *db, GError **error)
{
  g_object_set_data (G_OBJECT (db), PAID_KEYS, NULL);
  return check_query (db, "DROP TABLE IF EXISTS temp.cpt_check_expected", 0, NULL, NULL, error);
}

static gboolean
named_row (sqlite3_stmt *stmt, gpointer data)
{
  Rows *rows = data;
  CptStoreCheckNamed row = {
    .id = sqlite3_column_int64 (stmt, 1),
    .name = text (stmt, 0),
  };

  return rows->func.named (&row, rows->data);
}

/* The counts of the lists by number (schema 20), computed as schema-20.sql does. Grouping a
 * million numbers by their prefix in SQL sorts them all (0.8 s at a million documents, past
 * the check's 10 s): the documents are read in the order of the index on (kind,
 * coalesce (number, ''), id) instead, where the numbers of one bucket follow each other
 * (cutting to one length keeps the order), and counted here (0.15 s). */
typedef struct
{
  glong       length;     /* number_bucket_length */
  GHashTable *expected;   /* "kind\x1fprefix\x1fpart" -> count */
  char       *kind;       /* of the bucket being counted */
  char       *prefix;
  gint64      count;
} NumberCounts;

static char *
number_count_key (const char *kind, const char *prefix, gint64 part)
{
  return g_strdup_printf ("%s\x1f%s\x1f%" G_GINT64_FORMAT, kind, prefix, part);
}

static void
number_counts_flush (NumberCounts *counts)
{
  g_autofree char *key = NULL;
  gint64 *count;

  if (counts->count == 0)
    return;
  key = number_count_key (counts->kind, counts->prefix, 0);
  count = g_hash_table_lookup (counts->expected, key);
  if (count != NULL)
    *count += counts->count;
  else
    g_hash_table_insert (counts->expected, g_steal_pointer (&key),
                         g_memdup2 (&counts->count, sizeof counts->count));
  counts->count = 0;
}

static gboolean
number_row (sqlite3_stmt *stmt, gpointer data)
{
  NumberCounts *counts = data;
  const char *kind = text (stmt, 0);
  const char *number = text (stmt, 1);
  /* SQLite's substr () counts characters */
  const char *end = number;
  g_autofree char *prefix = NULL;

  for (glong i = 0; i < counts->length && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  prefix = g_strndup (number, end - number);
  if (counts->kind == NULL || strcmp (kind, counts->kind) != 0 || strcmp (prefix, counts->prefix) != 0)
    {
      number_counts_flush (counts);
      g_free (counts->kind);
      counts->kind = g_strdup (kind);
      g_free (counts->prefix);
      counts->prefix = g_steal_pointer (&prefix);
    }
  counts->count++;
  return TRUE;
}

static gboolean
draft_part_row (sqlite3_stmt *stmt, gpointer data)
{
  NumberCounts *counts = data;
  gint64 count = sqlite3_column_int64 (stmt, 2);

  g_hash_table_insert (counts->expected, number_count_key (text (stmt, 0), "", sqlite3_column_int64 (stmt, 1)),
                       g_memdup2 (&count, sizeof count));
  return TRUE;
}

typedef struct
{
  GHashTable *expected;
  GTree      *wrong;      /* kinds */
} NumberCompare;

static gboolean
kept_number_row (sqlite3_stmt *stmt, gpointer data)
{
  NumberCompare *compare = data;
  g_autofree char *key = number_count_key (text (stmt, 0), text (stmt, 1), sqlite3_column_int64 (stmt, 2));
  gint64 *expected = g_hash_table_lookup (compare->expected, key);

  if (expected == NULL || *expected != sqlite3_column_int64 (stmt, 3))
    g_tree_insert (compare->wrong, g_strdup (text (stmt, 0)), NULL);
  g_hash_table_remove (compare->expected, key);
  return TRUE;
}

static gboolean
report_kind (gpointer key, gpointer value, gpointer data)
{
  Rows *rows = ((gpointer *) data)[0];
  guint *left = ((gpointer *) data)[1];
  CptStoreCheckNamed row = { .name = key };

  if (*left == 0 || !rows->func.named (&row, rows->data))
    return TRUE;
  (*left)--;
  return FALSE;
}

static gboolean
check_number_counts (CptDatabase *db, guint limit, Rows *rows, GError **error)
{
  NumberCounts counts = { 0 };
  NumberCompare compare = { 0 };
  g_autoptr(GTree) wrong = g_tree_new_full ((GCompareDataFunc) strcmp, NULL, g_free, NULL);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key;
  gint64 length = 0;
  gboolean ok;

  if (!count (cpt_database_get_handle (db), "SELECT length FROM number_bucket_length", &length, error))
    return FALSE;
  counts.length = (glong) length;
  counts.expected = expected;
  ok = check_query (db, "SELECT kind, coalesce (number, '') FROM documents WHERE coalesce (number, '') != '' "
                        "ORDER BY kind, coalesce (number, '')", 0, number_row, &counts, error);
  number_counts_flush (&counts);
  g_free (counts.kind);
  g_free (counts.prefix);
  ok = ok && check_query (db, "SELECT kind, id >> 10, count(*) FROM documents WHERE coalesce (number, '') = '' "
                              "GROUP BY kind, id >> 10", 0, draft_part_row, &counts, error);
  compare.expected = expected;
  compare.wrong = wrong;
  ok = ok && check_query (db, "SELECT kind, prefix, part, count FROM kind_number_counts WHERE count != 0",
                          0, kept_number_row, &compare, error);
  if (!ok)
    return FALSE;
  /* what the documents give and no kept count has */
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *end = strchr (key, '\x1f');

      g_tree_insert (wrong, g_strndup (key, end - (const char *) key), NULL);
    }
  g_tree_foreach (wrong, report_kind, (gpointer[]) { rows, &limit });
  return TRUE;
}

/* The counts of the paid ones by client, amount and number (schema 22), computed as
 * schema-22.sql does: the three from one reading of what is owed (each summary grouped in SQL
 * took ~0.5 s at a million documents, past the check's 10 s), kept on `db` for the three
 * summaries until cpt_store_check_summaries_end (). */
enum { PAID_BY_CLIENT, PAID_BY_TOTAL, PAID_BY_NUMBER, N_PAID_KEYS };

typedef struct
{
  GHashTable *counts[N_PAID_KEYS];    /* "kind\x1fkey[\x1fpart]" -> gint64 */
  GString    *key;
} PaidKeys;

static void
paid_keys_free (PaidKeys *keys)
{
  for (guint i = 0; i < N_PAID_KEYS; i++)
    g_clear_pointer (&keys->counts[i], g_hash_table_unref);
  g_string_free (keys->key, TRUE);
  g_free (keys);
}

/* The text of `columns` of `stmt`, joined by \x1f. */
static const char *
key_of (GString *key, sqlite3_stmt *stmt, const int *columns, guint n_columns)
{
  g_string_truncate (key, 0);
  for (guint i = 0; i < n_columns; i++)
    {
      const char *value = text (stmt, columns[i]);

      if (i > 0)
        g_string_append_c (key, '\x1f');
      g_string_append (key, value != NULL ? value : "");
    }
  return key->str;
}

/* The columns of each key in the reading of what is owed (paid_row ()), and in the kept
 * summary, whose count follows them. */
static const struct { const int owed[3]; guint n; const char *kept; } paid_keys[N_PAID_KEYS] = {
  [PAID_BY_CLIENT] = { { 0, 1 }, 2, "SELECT kind, client, count FROM paid_by_kind_client WHERE count != 0" },
  [PAID_BY_TOTAL] = { { 0, 2 }, 2, "SELECT kind, bucket, count FROM paid_by_kind_total WHERE count != 0" },
  [PAID_BY_NUMBER] = { { 0, 3, 4 }, 3, "SELECT kind, prefix, part, count FROM paid_by_kind_number WHERE count != 0" },
};

/* kind, client, bucket, prefix, part */
static gboolean
paid_row (sqlite3_stmt *stmt, gpointer data)
{
  PaidKeys *keys = data;

  for (guint i = 0; i < N_PAID_KEYS; i++)
    {
      const char *key = key_of (keys->key, stmt, paid_keys[i].owed, paid_keys[i].n);
      gint64 *count = g_hash_table_lookup (keys->counts[i], key);

      if (count != NULL)
        (*count)++;
      else
        g_hash_table_insert (keys->counts[i], g_strdup (key), g_memdup2 (&(gint64) { 1 }, sizeof (gint64)));
    }
  return TRUE;
}

static PaidKeys *
read_paid_keys (CptDatabase *db, GError **error)
{
  PaidKeys *keys = g_object_get_data (G_OBJECT (db), PAID_KEYS);
  g_autofree char *sql = NULL;
  gint64 length = 1;

  if (keys != NULL)
    return keys;
  /* without the length (a table removed, reported on its own), the numbers' counts are not
   * compared and any length will do */
  if (!count (cpt_database_get_handle (db), "SELECT length FROM number_bucket_length", &length, NULL))
    length = 1;
  keys = g_new0 (PaidKeys, 1);
  keys->key = g_string_new (NULL);
  for (guint i = 0; i < N_PAID_KEYS; i++)
    keys->counts[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sql = g_strdup_printf (
    "SELECT kind, coalesce (client_sort_name, ''), "
    "  CASE WHEN total_gross > 0 THEN length (total_gross) * 1000 + substr (total_gross, 1, 3) "
    "       WHEN total_gross < 0 THEN -(length (-total_gross) * 1000 + substr (-total_gross, 1, 3)) "
    "       ELSE 0 END, "
    "  substr (coalesce (number, ''), 1, %" G_GINT64_FORMAT "), "
    "  CASE WHEN coalesce (number, '') = '' THEN document_id >> 10 ELSE 0 END "
    "FROM temp.cpt_check_expected "
    "WHERE " EXPECTED_BALANCE " <= 0 AND NOT (credited > 0 AND credited >= amount_due)", length);
  if (!check_query (db, sql, 0, paid_row, keys, error))
    {
      paid_keys_free (keys);
      return NULL;
    }
  g_object_set_data_full (G_OBJECT (db), PAID_KEYS, keys, (GDestroyNotify) paid_keys_free);
  return keys;
}

typedef struct
{
  GHashTable *expected;
  GTree      *wrong;      /* kinds */
  GString    *key;
  guint       n;          /* columns of the key, then the count */
} PaidCompare;

static gboolean
kept_paid_row (sqlite3_stmt *stmt, gpointer data)
{
  static const int columns[] = { 0, 1, 2 };
  PaidCompare *compare = data;
  const char *key = key_of (compare->key, stmt, columns, compare->n);
  gint64 *expected = g_hash_table_lookup (compare->expected, key);

  if (expected == NULL || *expected != sqlite3_column_int64 (stmt, compare->n))
    g_tree_insert (compare->wrong, g_strdup (text (stmt, 0)), NULL);
  g_hash_table_remove (compare->expected, key);
  return TRUE;
}

static gboolean
check_paid_keys (CptDatabase *db, guint which, guint limit, Rows *rows, GError **error)
{
  g_autoptr(GTree) wrong = g_tree_new_full ((GCompareDataFunc) strcmp, NULL, g_free, NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  PaidKeys *keys = read_paid_keys (db, error);
  PaidCompare compare = { NULL, wrong, key, paid_keys[which].n };
  GHashTableIter iter;
  gpointer left;

  if (keys == NULL)
    return FALSE;
  compare.expected = keys->counts[which];
  if (!check_query (db, paid_keys[which].kept, 0, kept_paid_row, &compare, error))
    return FALSE;
  /* what is owed gives and no kept count has */
  g_hash_table_iter_init (&iter, compare.expected);
  while (g_hash_table_iter_next (&iter, &left, NULL))
    {
      const char *end = strchr (left, '\x1f');

      g_tree_insert (wrong, g_strndup (left, end - (const char *) left), NULL);
    }
  g_tree_foreach (wrong, report_kind, (gpointer[]) { rows, &limit });
  return TRUE;
}

gboolean
cpt_store_check_summary (CptDatabase            *db,
                         CptStoreCheckSummary    summary,
                         guint                   limit,
                         CptStoreCheckNamedFunc  func,
                         gpointer                data,
                         GError                **error)
{
  Rows rows = { .func.named = func, .data = data };

  if (summary == CPT_STORE_CHECK_NUMBER_COUNTS)
    return check_number_counts (db, limit, &rows, error);
  if (summary >= CPT_STORE_CHECK_PAID_BY_CLIENT && summary <= CPT_STORE_CHECK_PAID_BY_NUMBER)
    return check_paid_keys (db, summary - CPT_STORE_CHECK_PAID_BY_CLIENT, limit, &rows, error);
  g_return_val_if_fail ((guint) summary < G_N_ELEMENTS (summary_sql), FALSE);
  return check_query (db, summary_sql[summary], limit, named_row, &rows, error);
}

/* ---- payments allocated to what no longer exists */

static gboolean
allocation_row (sqlite3_stmt *stmt, gpointer data)
{
  Rows *rows = data;
  CptStoreCheckAllocation row = {
    .payment = sqlite3_column_int64 (stmt, 0),
    .document = sqlite3_column_int64 (stmt, 1),
    .has_payment = sqlite3_column_int (stmt, 2) != 0,
    .has_document = sqlite3_column_int (stmt, 3) != 0,
    .number = text (stmt, 4),
  };

  return rows->func.allocation (&row, rows->data);
}

gboolean
cpt_store_check_allocations (CptDatabase *db, guint limit, CptStoreCheckAllocationFunc func,
                             gpointer data, GError **error)
{
  Rows rows = { .func.allocation = func, .data = data };

  return check_query (db, "SELECT al.payment_id, al.document_id, p.id IS NOT NULL, d.id IS NOT NULL, "
                          NUMBER_OF ("d", "al.document_id") " "
                          "FROM allocations al LEFT JOIN payments p ON p.id = al.payment_id "
                          "LEFT JOIN documents d ON d.id = al.document_id "
                          "WHERE p.id IS NULL OR d.id IS NULL OR d.status != 'validated' "
                          "   OR d.kind NOT IN ('invoice', 'deposit') "
                          "ORDER BY al.payment_id, al.document_id LIMIT ?",
                      limit, allocation_row, &rows, error);
}
