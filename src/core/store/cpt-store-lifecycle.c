#define G_LOG_DOMAIN "cpt-store"

#include "cpt-store-lifecycle.h"
#include "cpt-store-documents.h"
#include "cpt-store-private.h"
#include "cpt-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Each fact's SQL once, of the document whose id is the SQL expression `x` (?1, or a column
 * of an outer query). */
#define CREDITED_AMOUNT_OF(x) \
  "SELECT coalesce (sum (amount_due), 0) FROM documents " \
  "WHERE kind = 'credit_note' AND status = 'validated' AND credited_id = " x
/* The invoice that deducts deposit `x`, unless a validated credit note of that invoice gave
 * the deposit back. */
#define DEPOSIT_HOLDER_OF(x) \
  "SELECT d.id FROM document_lines l JOIN documents d ON d.id = l.document_id " \
  "WHERE l.deposit_id = " x " AND l.kind = 'deposit' AND d.kind = 'invoice' AND NOT EXISTS (" \
  "  SELECT 1 FROM documents c JOIN document_lines cl ON cl.document_id = c.id " \
  "  WHERE c.kind = 'credit_note' AND c.status = 'validated' AND c.credited_id = d.id " \
  "  AND cl.deposit_id = " x ") LIMIT 1"
#define CREDITED_AMOUNT_SQL CREDITED_AMOUNT_OF ("?1")
#define DEPOSIT_HOLDER_SQL DEPOSIT_HOLDER_OF ("?1")
#define PROFORMA_INVOICE_SQL \
  "SELECT id FROM documents WHERE proforma_id = ?1 AND kind = 'invoice' ORDER BY id LIMIT 1"
#define QUOTE_HAS_INVOICE_SQL \
  "SELECT count(*) > 0 FROM documents d WHERE d.quote_id = ?1 AND d.kind = 'invoice' AND NOT " \
  "(d.status = 'validated' AND (SELECT coalesce (sum (c.amount_due), 0) FROM documents c " \
  " WHERE c.credited_id = d.id AND c.kind = 'credit_note' AND c.status = 'validated') >= d.amount_due)"
#define QUOTE_HAS_DEPOSIT_SQL \
  "SELECT EXISTS (SELECT 1 FROM documents WHERE quote_id = ?1 AND kind = 'deposit')"
#define QUOTE_DRAFT_INVOICE_SQL \
  "SELECT id FROM documents WHERE quote_id = ?1 AND kind = 'invoice' AND status = 'draft' " \
  "ORDER BY id LIMIT 1"
/* What other validated credit notes than ?1 took of the invoice line `x`. */
#define CREDITED_QUANTITY_OF(x) \
  "SELECT coalesce (sum (l.quantity), 0) FROM document_lines l " \
  "JOIN documents c ON c.id = l.document_id " \
  "WHERE l.credited_line_id = " x " AND c.kind = 'credit_note' AND c.id != ?1 " \
  "AND c.status = 'validated'"

/* Runs a query whose parameters ?1, ?2... are `args` and reads its first column as an
 * integer; no row reads as 0. */
static gboolean
read_int_with (CptDatabase *db, const char *sql, const gint64 *args, guint n_args,
               const char *what, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);
  gboolean has_row;

  *out = 0;
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_args; i++)
    sqlite3_bind_int64 (stmt, (int) i + 1, args[i]);
  if (!cpt_store_step (db, stmt, what, &has_row, error))
    return FALSE;
  if (has_row)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static gboolean
read_int (CptDatabase *db, const char *sql, gint64 id, gint64 *out, GError **error)
{
  return read_int_with (db, sql, &id, 1, _("Could not read the document’s history"), out, error);
}

void
cpt_lifecycle_facts_clear (CptLifecycleFacts *facts)
{
  g_clear_pointer (&facts->sent_on, g_free);
  g_clear_pointer (&facts->accepted_on, g_free);
  g_clear_pointer (&facts->refused_on, g_free);
}

gboolean
cpt_store_lifecycle_facts (CptDatabase *db, gint64 id, CptLifecycleFacts *out, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT m.sent_on, m.accepted_on, m.refused_on, "
    "  (" CREDITED_AMOUNT_SQL "), coalesce ((" DEPOSIT_HOLDER_SQL "), 0), "
    "  coalesce ((" PROFORMA_INVOICE_SQL "), 0), (" QUOTE_HAS_INVOICE_SQL "), "
    "  (" QUOTE_HAS_DEPOSIT_SQL "), coalesce ((" QUOTE_DRAFT_INVOICE_SQL "), 0) "
    "FROM (SELECT ?1 AS id) AS x LEFT JOIN document_marks m ON m.document_id = x.id", error);
  gboolean has_row;

  memset (out, 0, sizeof *out);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_store_step (db, stmt, _("Could not read the document’s history"), &has_row, error))
    return FALSE;
  out->sent_on = cpt_store_dup_text (stmt, 0);
  out->accepted_on = cpt_store_dup_text (stmt, 1);
  out->refused_on = cpt_store_dup_text (stmt, 2);
  out->credited_amount = sqlite3_column_int64 (stmt, 3);
  out->deposit_holder = sqlite3_column_int64 (stmt, 4);
  out->proforma_invoice = sqlite3_column_int64 (stmt, 5);
  out->quote_has_invoice = sqlite3_column_int (stmt, 6) != 0;
  out->quote_has_deposit = sqlite3_column_int (stmt, 7) != 0;
  out->quote_draft_invoice = sqlite3_column_int64 (stmt, 8);
  sqlite3_reset (stmt);
  return TRUE;
}

static const char *
mark_column (CptDocumentMark mark)
{
  switch (mark)
    {
    case CPT_MARK_SENT:
      return "sent_on";
    case CPT_MARK_ACCEPTED:
      return "accepted_on";
    case CPT_MARK_REFUSED:
      return "refused_on";
    }
  g_return_val_if_reached ("sent_on");
}

gboolean
cpt_store_lifecycle_get_mark (CptDatabase *db, gint64 id, CptDocumentMark mark, char **out_date,
                              GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM document_marks WHERE document_id = ?",
                                          mark_column (mark));
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);
  gboolean has_row;

  *out_date = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_store_step (db, stmt, _("Could not read the document’s history"), &has_row, error))
    return FALSE;
  if (has_row)
    {
      *out_date = cpt_store_dup_text (stmt, 0);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

gboolean
cpt_store_lifecycle_set_mark (CptDatabase *db, gint64 id, CptDocumentMark mark, const char *iso,
                              GError **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO document_marks (document_id, %1$s) "
                                          "VALUES (?1, ?2) ON CONFLICT (document_id) "
                                          "DO UPDATE SET %1$s = ?2", mark_column (mark));
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, iso, -1, SQLITE_TRANSIENT);
  return cpt_database_step_done (db, stmt, _("Could not save"), error);
}

gboolean
cpt_store_lifecycle_credited_amount (CptDatabase *db, gint64 invoice_id, gint64 *out,
                                     GError **error)
{
  return read_int (db, CREDITED_AMOUNT_SQL, invoice_id, out, error);
}

gboolean
cpt_store_lifecycle_credited_quantity (CptDatabase *db, gint64 line_id, gint64 except_note,
                                       gboolean validated_only, gint64 *out, GError **error)
{
  const gint64 args[] = { line_id, except_note, validated_only };

  return read_int_with (db,
    "SELECT coalesce (sum (l.quantity), 0) FROM document_lines l "
    "JOIN documents c ON c.id = l.document_id "
    "WHERE l.credited_line_id = ?1 AND c.kind = 'credit_note' AND c.id != ?2 "
    "AND (c.status = 'validated' OR NOT ?3)", args, G_N_ELEMENTS (args),
    _("Could not read what was credited"), out, error);
}

gboolean
cpt_store_lifecycle_deposit_holder (CptDatabase *db, gint64 deposit_id, gint64 *out,
                                    GError **error)
{
  return read_int (db, DEPOSIT_HOLDER_SQL, deposit_id, out, error);
}

gboolean
cpt_store_lifecycle_deposit_given_back (CptDatabase *db, gint64 invoice_id, gint64 deposit_id,
                                        gint64 except_note, gboolean *out, GError **error)
{
  const gint64 args[] = { invoice_id, deposit_id, except_note };
  gint64 count;

  *out = FALSE;
  if (!read_int_with (db,
        "SELECT count(*) FROM document_lines l JOIN documents c ON c.id = l.document_id "
        "WHERE c.kind = 'credit_note' AND c.credited_id = ?1 AND l.deposit_id = ?2 AND c.id != ?3",
        args, G_N_ELEMENTS (args), _("Could not read what was credited"), &count, error))
    return FALSE;
  *out = count > 0;
  return TRUE;
}

gboolean
cpt_store_lifecycle_proforma_invoice (CptDatabase *db, gint64 proforma_id, gint64 *out,
                                      GError **error)
{
  return read_int (db, PROFORMA_INVOICE_SQL, proforma_id, out, error);
}

gboolean
cpt_store_lifecycle_quote_has_invoice (CptDatabase *db, gint64 quote_id, gboolean *out,
                                       GError **error)
{
  gint64 value;

  if (!read_int (db, QUOTE_HAS_INVOICE_SQL, quote_id, &value, error))
    return FALSE;
  *out = value != 0;
  return TRUE;
}

GArray *
cpt_store_lifecycle_quote_deposit_ids (CptDatabase *db, gint64 quote_id, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT id FROM documents WHERE quote_id = ? "
                                                 "AND kind = 'deposit' ORDER BY id", error);
  gboolean has_row, ok;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, quote_id);
  while ((ok = cpt_store_step (db, stmt, _("Could not read the quote’s deposits"), &has_row,
                               error)) && has_row)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return ok ? g_steal_pointer (&ids) : NULL;
}

gboolean
cpt_store_lifecycle_quote_line_invoiced (CptDatabase *db, gint64 quote_line_id,
                                         GArray *invoice_ids, gint64 *invoiced, GError **error)
{
  /* What invoices took (drafts count: they are on their way), less what credit notes of
   * those invoices gave back. */
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT d.id, sum (l.quantity) - coalesce ((SELECT sum (cl.quantity) FROM document_lines cl "
    "  JOIN documents c ON c.id = cl.document_id WHERE c.kind = 'credit_note' "
    "  AND c.status = 'validated' AND cl.credited_line_id IN "
    "  (SELECT id FROM document_lines WHERE document_id = d.id AND quote_line_id = ?1)), 0) "
    "FROM document_lines l JOIN documents d ON d.id = l.document_id "
    "WHERE l.quote_line_id = ?1 AND d.kind = 'invoice' GROUP BY d.id ORDER BY d.id", error);
  gboolean has_row, ok;

  *invoiced = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, quote_line_id);
  while ((ok = cpt_store_step (db, stmt, _("Could not read what was invoiced"), &has_row,
                               error)) && has_row)
    {
      gint64 invoice_id = sqlite3_column_int64 (stmt, 0);

      *invoiced += sqlite3_column_int64 (stmt, 1);
      g_array_append_val (invoice_ids, invoice_id);
    }
  return ok;
}

gboolean
cpt_store_lifecycle_last_position (CptDatabase *db, gint64 document_id, gint64 *out,
                                   GError **error)
{
  return read_int (db, "SELECT coalesce (max (position), 0) FROM document_lines "
                       "WHERE document_id = ?1", document_id, out, error);
}

gboolean
cpt_store_lifecycle_last_numbered (CptDatabase *db, const char *series, char **out_number,
                                   char **out_date, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT number, date FROM documents WHERE series = ? AND sequence IS NOT NULL "
    "ORDER BY date DESC, sequence DESC LIMIT 1", error);
  gboolean has_row;

  *out_number = *out_date = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, series, -1, SQLITE_TRANSIENT);
  if (!cpt_store_step (db, stmt, _("Could not read the series"), &has_row, error))
    return FALSE;
  if (has_row)
    {
      *out_number = cpt_store_dup_text (stmt, 0);
      *out_date = cpt_store_dup_text (stmt, 1);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* The seller and the buyer as they are when a document is validated: the document keeps
 * them, whatever later becomes of the company's and the client's records. */
static const char seller_sql[] =
  "SELECT json_object ('name', name, 'legal_form', legal_form, "
  "  'share_capital', share_capital, 'siren', siren, 'siret', siret, 'rcs_city', rcs_city, "
  "  'vat_number', vat_number, 'address', address, 'postcode', postcode, 'city', city, "
  "  'country', country, 'email', email, 'phone', phone, 'website', website, 'iban', iban, "
  "  'bic', bic, 'penalty_text', penalty_text, 'footer', footer, "
  "  'vat_on_debits', vat_on_debits, 'vat_exempt', vat_exempt, "
  "  'vat_exempt_text', vat_exempt_text) FROM company WHERE id = 1";
static const char buyer_sql[] =
  "SELECT json_object ('kind', kind, 'name', name, 'siren', siren, 'siret', siret, "
  "  'vat_number', vat_number, 'email', email, 'phone', phone, 'address', address, "
  "  'postcode', postcode, 'city', city, 'country', country, "
  "  'delivery_address', delivery_address, 'delivery_postcode', delivery_postcode, "
  "  'delivery_city', delivery_city, 'delivery_country', delivery_country, "
  "  'payment_days', payment_days, 'end_of_month', end_of_month) "
  "FROM clients WHERE id = (SELECT client_id FROM documents WHERE id = ?1)";

/* The snapshot that `sql` writes for document `id`, kept once (schema 17): the id of the
 * same text if it is there already, else of the text added. *out is 0 if `sql` finds
 * nothing (the snapshot is then NULL, as it always was then). */
static gboolean
snapshot (CptDatabase *db, const char *sql, gint64 id, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);
  g_autofree char *json = NULL;
  gboolean has_row;

  *out = 0;
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_store_step (db, stmt, _("Could not validate the document"), &has_row, error))
    return FALSE;
  if (!has_row)
    return TRUE;
  json = cpt_store_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  stmt = cpt_database_prepare (db, "SELECT id FROM party_snapshots WHERE json = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  if (!cpt_store_step (db, stmt, _("Could not validate the document"), &has_row, error))
    return FALSE;
  if (has_row)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      return TRUE;
    }

  stmt = cpt_database_prepare (db, "INSERT INTO party_snapshots (json) VALUES (?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  if (!cpt_database_step_done (db, stmt, _("Could not validate the document"), error))
    return FALSE;
  *out = sqlite3_last_insert_rowid (cpt_database_get_handle (db));
  return TRUE;
}

static const char snapshot_sql[] =
  "UPDATE documents SET status = 'validated', number = ?1, series = ?2, period = ?3, "
  "  sequence = ?4, date = ?5, due_date = ?6, "
  "  validated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
  "  client_name = (SELECT name FROM clients WHERE id = documents.client_id), "
  "  client_sort_name = cpt_sort_key ((SELECT name FROM clients WHERE id = documents.client_id)), "
  "  seller_id = nullif (?8, 0), buyer_id = nullif (?9, 0) "
  "WHERE id = ?7 AND status = 'draft'";

gboolean
cpt_store_lifecycle_lock (CptDatabase *db, gint64 id, const char *number, const char *series,
                          const char *period, gint64 sequence, const char *date, const char *due,
                          GError **error)
{
  sqlite3_stmt *stmt;
  gint64 seller_id, buyer_id;

  if (!snapshot (db, seller_sql, id, &seller_id, error) ||
      !snapshot (db, buyer_sql, id, &buyer_id, error))
    return FALSE;
  stmt = cpt_database_prepare (db, snapshot_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, series, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, sequence);
  sqlite3_bind_text (stmt, 5, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, due, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, id);
  sqlite3_bind_int64 (stmt, 8, seller_id);
  sqlite3_bind_int64 (stmt, 9, buyer_id);
  if (!cpt_database_step_done (db, stmt, _("Could not validate the document"), error))
    return FALSE;
  if (sqlite3_changes (cpt_database_get_handle (db)) != 1)
    {
      /* the draft was validated or removed by someone else in between */
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("Could not validate the document: it is no longer a draft"));
      return FALSE;
    }
  return TRUE;
}

static void
bind_reference (sqlite3_stmt *stmt, int index, gint64 id)
{
  /* a reference to another row: 0 is none */
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
cpt_store_lifecycle_link_quote (CptDatabase *db, gint64 id, gint64 quote_id,
                                const char *language, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "UPDATE documents SET quote_id = ?, language = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  bind_reference (stmt, 1, quote_id);
  sqlite3_bind_text (stmt, 2, language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  return cpt_database_step_done (db, stmt, _("Could not save"), error);
}

gboolean
cpt_store_lifecycle_link_proforma (CptDatabase *db, gint64 id, gint64 proforma_id,
                                   const char *notes, const char *language, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "UPDATE documents SET proforma_id = ?, notes = ?, language = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  bind_reference (stmt, 1, proforma_id);
  sqlite3_bind_text (stmt, 2, notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, id);
  return cpt_database_step_done (db, stmt, _("Could not save"), error);
}

gboolean
cpt_store_lifecycle_link_credited (CptDatabase *db, gint64 id, gint64 invoice_id,
                                   const char *language, gint64 quote_id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "UPDATE documents SET credited_id = ?, language = ?, quote_id = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  bind_reference (stmt, 1, invoice_id);
  sqlite3_bind_text (stmt, 2, language, -1, SQLITE_TRANSIENT);
  bind_reference (stmt, 3, quote_id);
  sqlite3_bind_int64 (stmt, 4, id);
  return cpt_database_step_done (db, stmt, _("Could not save"), error);
}

gboolean
cpt_store_lifecycle_remove_deposit_lines (CptDatabase *db, gint64 invoice_id, gint64 deposit_id,
                                          GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "DELETE FROM document_lines WHERE document_id = ? AND deposit_id = ? AND kind = 'deposit'",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  sqlite3_bind_int64 (stmt, 2, deposit_id);
  if (!cpt_database_step_done (db, stmt, _("Could not save"), error))
    return FALSE;
  return cpt_store_exec_with_id (db,
    "UPDATE document_lines SET position = ranked.rank FROM "
    "  (SELECT id, row_number () OVER (ORDER BY position, id) AS rank FROM document_lines "
    "   WHERE document_id = ?) AS ranked "
    "WHERE document_lines.id = ranked.id AND document_lines.position != ranked.rank",
    invoice_id, _("Could not save"), NULL, error);
}

GArray *
cpt_store_lifecycle_line_facts (CptDatabase *db, gint64 document_id, GError **error)
{
  g_autoptr(GArray) facts = g_array_new (FALSE, TRUE, sizeof (CptLineFacts));
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT dl.id, "
    "  CASE WHEN dl.credited_line_id IS NULL THEN 0 ELSE coalesce ("
    "    (SELECT quantity FROM document_lines WHERE id = dl.credited_line_id), 0) END, "
    "  CASE WHEN dl.credited_line_id IS NULL THEN 0 ELSE ("
         CREDITED_QUANTITY_OF ("dl.credited_line_id") ") END, "
    "  CASE WHEN dl.deposit_id IS NULL THEN 0 ELSE coalesce (("
         DEPOSIT_HOLDER_OF ("dl.deposit_id") "), 0) END, "
    "  CASE WHEN dl.deposit_id IS NULL THEN 0 ELSE (" CREDITED_AMOUNT_OF ("dl.deposit_id") ") END "
    "FROM document_lines dl WHERE dl.document_id = ?1 ORDER BY dl.position, dl.id", error);
  gboolean has_row, ok;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((ok = cpt_store_step (db, stmt, _("Could not read the document’s history"), &has_row,
                               error)) && has_row)
    {
      CptLineFacts line = {
        .line_id = sqlite3_column_int64 (stmt, 0),
        .credited_line_quantity = sqlite3_column_int64 (stmt, 1),
        .credited_line_taken = sqlite3_column_int64 (stmt, 2),
        .deposit_holder = sqlite3_column_int64 (stmt, 3),
        .deposit_credited = sqlite3_column_int64 (stmt, 4),
      };
      g_array_append_val (facts, line);
    }
  return ok ? g_steal_pointer (&facts) : NULL;
}

void
cpt_document_aggregate_free (CptDocumentAggregate *aggregate)
{
  g_clear_object (&aggregate->document);
  g_clear_pointer (&aggregate->lines, g_ptr_array_unref);
  g_clear_pointer (&aggregate->line_facts, g_array_unref);
  cpt_lifecycle_facts_clear (&aggregate->facts);
  g_clear_object (&aggregate->credited);
  cpt_lifecycle_facts_clear (&aggregate->credited_facts);
  g_free (aggregate);
}

CptDocumentAggregate *
cpt_store_lifecycle_load (CptDatabase *db, gint64 id, GError **error)
{
  g_autoptr(CptDocumentAggregate) aggregate = g_new0 (CptDocumentAggregate, 1);
  gint64 credited_id;

  aggregate->document = cpt_store_documents_load (db, id, error);
  if (aggregate->document == NULL ||
      (aggregate->lines = cpt_store_documents_load_lines (db, id, error)) == NULL ||
      (aggregate->line_facts = cpt_store_lifecycle_line_facts (db, id, error)) == NULL ||
      !cpt_store_lifecycle_facts (db, id, &aggregate->facts, error))
    return NULL;
  /* the two reads of the lines follow one order; outside a transaction another program
   * could change the lines in between */
  if (aggregate->lines->len != aggregate->line_facts->len)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_BUSY,
                   _("The document’s lines changed while they were read: try again"));
      return NULL;
    }
  credited_id = cpt_document_get_credited_id (aggregate->document);
  if (credited_id != 0 &&
      ((aggregate->credited = cpt_store_documents_load (db, credited_id, error)) == NULL ||
       !cpt_store_lifecycle_facts (db, credited_id, &aggregate->credited_facts, error)))
    return NULL;
  return g_steal_pointer (&aggregate);
}
