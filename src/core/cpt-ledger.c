#define G_LOG_DOMAIN "cpt-ledger"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "cpt-error.h"
#include "cpt-ledger.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* SQLite writes the JSON, so the text is the same whoever computes it. Every column that
 * makes the document is in it; adding one here changes every hash: never do it without a
 * new version tag. */
static const char canonical_sql[] =
  "SELECT json_object ("
  "  'v', 1, 'id', d.id, 'kind', d.kind, 'number', d.number, 'series', d.series, "
  "  'period', d.period, 'sequence', d.sequence, 'client_id', d.client_id, "
  "  'client_name', d.client_name, 'date', d.date, 'service_date', d.service_date, "
  "  'due_date', d.due_date, 'valid_until', d.valid_until, 'title', d.title, 'notes', d.notes, "
  "  'payment_terms', d.payment_terms, 'currency', d.currency, 'language', d.language, "
  "  'total_net', d.total_net, 'total_vat', d.total_vat, 'total_gross', d.total_gross, "
  "  'amount_due', d.amount_due, 'deposits_net', d.deposits_net, 'deposits_vat', d.deposits_vat, "
  "  'deposits_gross', d.deposits_gross, 'quote_id', d.quote_id, 'proforma_id', d.proforma_id, "
  "  'credited_id', d.credited_id, 'validated_at', d.validated_at, 'seller', d.seller, "
  "  'buyer', d.buyer, "
  "  'lines', (SELECT json_group_array (json_object ("
  "     'id', l.id, 'position', l.position, 'kind', l.kind, 'product_id', l.product_id, "
  "     'description', l.description, 'quantity', l.quantity, 'unit', l.unit, "
  "     'unit_price', l.unit_price, 'discount_percent', l.discount_percent, "
  "     'vat_rate', l.vat_rate, 'exemption_code', l.exemption_code, 'account', l.account, "
  "     'net', l.net, 'vat_amount', l.vat_amount, 'quote_line_id', l.quote_line_id, "
  "     'credited_line_id', l.credited_line_id, 'deposit_id', l.deposit_id)) "
  "   FROM (SELECT * FROM document_lines WHERE document_id = d.id ORDER BY position, id) l)) "
  "FROM documents d WHERE d.id = ?";

char *
cpt_ledger_canonical (CptDatabase *db, gint64 document_id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, canonical_sql, error);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND,
                 _("There is no document %" PRId64), document_id);
  sqlite3_reset (stmt);
  return text;
}

static char *
chain_hash (const char *previous, const char *canonical)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) previous, strlen (previous));
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) canonical, strlen (canonical));
  return g_strdup (g_checksum_get_string (checksum));
}

gboolean
cpt_ledger_append (CptDatabase *db, gint64 document_id, GError **error)
{
  g_autofree char *canonical = cpt_ledger_canonical (db, document_id, error);
  g_autofree char *previous = NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (canonical == NULL)
    return FALSE;
  stmt = cpt_database_prepare (db, "SELECT hash FROM ledger ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  previous = g_strdup (sqlite3_step (stmt) == SQLITE_ROW
                         ? (const char *) sqlite3_column_text (stmt, 0) : GENESIS_HASH);
  sqlite3_reset (stmt);
  hash = chain_hash (previous, canonical);

  stmt = cpt_database_prepare (db, "INSERT INTO ledger (document_id, previous_hash, hash) "
                                   "VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_text (stmt, 2, previous, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    cpt_database_set_error (db, error, _("Could not record the document in the ledger"));
  sqlite3_reset (stmt);
  return ok;
}

gboolean
cpt_audit_add (CptDatabase *db, const char *action, gint64 document_id, const char *details,
               GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "INSERT INTO audit_events (action, document_id, details) "
                                                 "VALUES (?, ?, ?)", error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_TRANSIENT);
  if (document_id > 0)
    sqlite3_bind_int64 (stmt, 2, document_id);
  sqlite3_bind_text (stmt, 3, details, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    cpt_database_set_error (db, error, _("Could not write the audit trail"));
  sqlite3_reset (stmt);
  return ok;
}

static void
problem (GPtrArray *problems, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
problem (GPtrArray *problems, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static gboolean
check_integrity (CptDatabase *db, GPtrArray *problems, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Not cached: it runs once. */
  if (sqlite3_prepare_v2 (cpt_database_get_handle (db), "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      cpt_database_set_error (db, error, _("Could not check the database"));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        problem (problems, _("The database file is damaged: %s"), line);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    problem (problems, _("The database file is damaged: %s"), sqlite3_errmsg (cpt_database_get_handle (db)));
  return TRUE;
}

static void
check_chain (CptDatabase *db, GPtrArray *problems)
{
  sqlite3 *handle = cpt_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *expected_previous = g_strdup (GENESIS_HASH);
  guint reported = 0;

  if (sqlite3_prepare_v2 (handle, "SELECT l.seq, l.document_id, l.previous_hash, l.hash, d.number "
                                  "FROM ledger l LEFT JOIN documents d ON d.id = l.document_id "
                                  "ORDER BY l.seq", -1, &stmt, NULL) != SQLITE_OK)
    {
      problem (problems, _("The ledger cannot be read: %s"), sqlite3_errmsg (handle));
      return;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW && reported < 50)
    {
      gint64 document_id = sqlite3_column_int64 (stmt, 1);
      const char *previous = (const char *) sqlite3_column_text (stmt, 2);
      const char *hash = (const char *) sqlite3_column_text (stmt, 3);
      const char *number = (const char *) sqlite3_column_text (stmt, 4);
      g_autofree char *canonical = NULL;
      g_autofree char *computed = NULL;

      if (g_strcmp0 (previous, expected_previous) != 0)
        {
          problem (problems, _("The chain of validated documents is broken before %s: an entry "
                               "was removed or replaced"), number ? number : "?");
          reported++;
        }
      canonical = cpt_ledger_canonical (db, document_id, NULL);
      if (canonical == NULL)
        {
          problem (problems, _("A validated document (id %" PRId64 ") has disappeared"),
                   document_id);
          reported++;
        }
      else
        {
          computed = chain_hash (previous ? previous : "", canonical);
          if (g_strcmp0 (computed, hash) != 0)
            {
              problem (problems, _("%s was changed after its validation: its content no longer "
                                   "matches its fingerprint"), number ? number : "?");
              reported++;
            }
        }
      g_free (expected_previous);
      expected_previous = g_strdup (hash ? hash : "");
    }
  sqlite3_finalize (stmt);

  /* Every validated document is in the chain. */
  if (sqlite3_prepare_v2 (handle, "SELECT d.number FROM documents d WHERE d.status = 'validated' "
                                  "AND d.kind != 'proforma' AND NOT EXISTS "
                                  "(SELECT 1 FROM ledger l WHERE l.document_id = d.id) LIMIT 20",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        problem (problems, _("%s is validated but missing from the chain of validated documents"),
                 (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
}

/* Numbers of each series and period run from their start without a gap, in date order. */
static void
check_numbering (CptDatabase *db, GPtrArray *problems)
{
  sqlite3 *handle = cpt_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *series = NULL, *period = NULL, *last_date = NULL, *last_number = NULL;
  gint64 expected = 0;
  guint reported = 0;

  if (sqlite3_prepare_v2 (handle,
        "SELECT d.series, d.period, d.sequence, d.number, d.date, s.first_number, "
        "  d.period = (SELECT min (period) FROM documents WHERE series = d.series AND sequence IS NOT NULL) "
        "FROM documents d JOIN series s ON s.name = d.series "
        "WHERE d.sequence IS NOT NULL AND d.kind != 'proforma' "
        "ORDER BY d.series, d.period, d.sequence", -1, &stmt, NULL) != SQLITE_OK)
    {
      problem (problems, _("The numbering cannot be read: %s"), sqlite3_errmsg (handle));
      return;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW && reported < 50)
    {
      const char *row_series = (const char *) sqlite3_column_text (stmt, 0);
      const char *row_period = (const char *) sqlite3_column_text (stmt, 1);
      gint64 sequence = sqlite3_column_int64 (stmt, 2);
      const char *number = (const char *) sqlite3_column_text (stmt, 3);
      const char *date = (const char *) sqlite3_column_text (stmt, 4);

      if (g_strcmp0 (row_series, series) != 0 || g_strcmp0 (row_period, period) != 0)
        {
          gboolean first_period = sqlite3_column_int (stmt, 6) != 0;
          if (g_strcmp0 (row_series, series) != 0)
            g_clear_pointer (&last_date, g_free);
          g_free (series);
          g_free (period);
          series = g_strdup (row_series);
          period = g_strdup (row_period);
          expected = first_period ? sqlite3_column_int64 (stmt, 5) : 1;
        }
      if (sequence != expected)
        {
          if (sequence > expected)
            problem (problems,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Numbering gap in the %s series: %" PRId64 " number missing "
                                  "before %s",
                                  "Numbering gap in the %s series: %" PRId64 " numbers missing "
                                  "before %s", (gulong) (sequence - expected)),
                     series, sequence - expected, number);
          else
            problem (problems, _("Numbering error in the %s series: %s repeats an earlier number"),
                     series, number);
          reported++;
        }
      if (last_date != NULL && g_strcmp0 (date, last_date) < 0)
        {
          problem (problems, _("%s is dated %s, before %s of %s: the numbering is not chronological"),
                   number, date, last_number, last_date);
          reported++;
        }
      expected = sequence + 1;
      g_free (last_date);
      g_free (last_number);
      last_date = g_strdup (date);
      last_number = g_strdup (number);
    }
  sqlite3_finalize (stmt);
}

/* The summaries kept by triggers agree with what they summarise. */
static void
check_summaries (CptDatabase *db, GPtrArray *problems)
{
  static const struct { const char *what; const char *sql; } checks[] = {
    { N_("what is paid on each invoice"),
      "SELECT count(*) FROM receivables r WHERE r.paid != "
      "(SELECT coalesce (sum (amount), 0) FROM allocations WHERE document_id = r.document_id)" },
    { N_("what is credited on each invoice"),
      "SELECT count(*) FROM receivables r WHERE r.credited != "
      "(SELECT coalesce (sum (amount_due), 0) FROM documents c WHERE c.credited_id = r.document_id "
      " AND c.kind = 'credit_note' AND c.status = 'validated')" },
    { N_("the open invoices by due date"),
      "SELECT (SELECT coalesce (sum (balance), 0) FROM receivables WHERE balance > 0) "
      "    != (SELECT coalesce (sum (balance), 0) FROM open_by_due) "
      " OR (SELECT count(*) FROM receivables WHERE balance > 0) "
      "    != (SELECT coalesce (sum (count), 0) FROM open_by_due)" },
    { N_("the open invoices by client"),
      "SELECT (SELECT coalesce (sum (balance), 0) FROM receivables WHERE balance > 0) "
      "    != (SELECT coalesce (sum (balance), 0) FROM open_by_client)" },
    { N_("the payments collected per day"),
      "SELECT (SELECT coalesce (sum (amount), 0) FROM payments) "
      "    != (SELECT coalesce (sum (collected), 0) FROM daily_totals)" },
  };
  sqlite3 *handle = cpt_database_get_handle (db);

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (handle, checks[i].sql, -1, &stmt, NULL) != SQLITE_OK)
        continue;
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) != 0)
        problem (problems, _("The summary of %s does not match the documents and payments"),
                 _(checks[i].what));
      sqlite3_finalize (stmt);
    }
}

GPtrArray *
cpt_ledger_check (CptDatabase *db, GError **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (!check_integrity (db, problems, error))
    return NULL;
  check_chain (db, problems);
  check_numbering (db, problems);
  check_summaries (db, problems);
  return g_steal_pointer (&problems);
}
