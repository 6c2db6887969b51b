/* cpt-store-demo.c: the SQL of the demo generator. Statements are the connection's cached
 * ones: a million documents reuse a handful of them. */
#define G_LOG_DOMAIN "cpt-store"

#include <glib/gi18n-lib.h>

#include "cpt-store-demo.h"
#include "cpt-store-private.h"

#define WHAT _("Could not write demo data")

static void
bind_text_or_null (sqlite3_stmt *stmt, int column, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static void
bind_id_or_null (sqlite3_stmt *stmt, int column, gint64 id)
{
  if (id != 0)
    sqlite3_bind_int64 (stmt, column, id);
  else
    sqlite3_bind_null (stmt, column);
}

gint64
cpt_store_demo_max_id (CptDatabase *db, CptStoreDemoTable table, GError **error)
{
  static const char *const sql[] = {
    [CPT_STORE_DEMO_CLIENTS] = "SELECT coalesce (max (id), 0) FROM clients",
    [CPT_STORE_DEMO_PRODUCTS] = "SELECT coalesce (max (id), 0) FROM products",
    [CPT_STORE_DEMO_DOCUMENTS] = "SELECT coalesce (max (id), 0) FROM documents",
  };
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql[table], error);
  gboolean has_row = FALSE;
  gint64 id;

  if (stmt == NULL || !cpt_store_step (db, stmt, WHAT, &has_row, error))
    return -1;
  id = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return id;
}

gboolean
cpt_store_demo_catalogue (CptDatabase *db, const char *name, gint64 *out_id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT id FROM products WHERE code = 'SRV-001' AND name = ?", error);
  gboolean has_row = FALSE;

  *out_id = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (!cpt_store_step (db, stmt, WHAT, &has_row, error))
    return FALSE;
  if (has_row)
    *out_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
cpt_store_demo_insert_product (CptDatabase *db, const char *type, const char *code, const char *name,
                               const char *unit, gint64 unit_price, gint64 vat_rate,
                               const char *account, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "INSERT INTO products (type, code, name, unit, unit_price, vat_rate, account, sort_name) "
    "VALUES (?, ?, ?3, ?, ?, ?, ?, cpt_sort_key (?3))", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, unit, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, unit_price);
  sqlite3_bind_int64 (stmt, 6, vat_rate);
  sqlite3_bind_text (stmt, 7, account, -1, SQLITE_TRANSIENT);
  return cpt_database_step_done (db, stmt, WHAT, error);
}

gboolean
cpt_store_demo_insert_client (CptDatabase *db, const CptStoreDemoClient *c, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "INSERT INTO clients (kind, name, siren, siret, vat_number, email, phone, address, postcode, "
    "city, payment_days, end_of_month, language, sort_name) "
    "VALUES (?, ?2, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cpt_sort_key (?2))", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, c->name, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, c->siren);
  bind_text_or_null (stmt, 4, c->siret);
  bind_text_or_null (stmt, 5, c->vat_number);
  bind_text_or_null (stmt, 6, c->email);
  bind_text_or_null (stmt, 7, c->phone);
  bind_text_or_null (stmt, 8, c->address);
  bind_text_or_null (stmt, 9, c->postcode);
  bind_text_or_null (stmt, 10, c->city);
  sqlite3_bind_int64 (stmt, 11, c->payment_days);
  sqlite3_bind_int (stmt, 12, c->end_of_month ? 1 : 0);
  sqlite3_bind_text (stmt, 13, c->language, -1, SQLITE_TRANSIENT);
  return cpt_database_step_done (db, stmt, WHAT, error);
}

gboolean
cpt_store_demo_insert_document (CptDatabase *db, const CptStoreDemoDocument *d, gint64 *out_id,
                                GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "INSERT INTO documents (kind, client_id, date, due_date, valid_until, title, payment_terms, "
    "language, total_net, total_vat, total_gross, amount_due, credited_id, client_name, "
    "client_sort_name) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT name FROM clients WHERE id = ?2), "
    "(SELECT sort_name FROM clients WHERE id = ?2))", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, cpt_document_kind_to_string (d->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, d->client_id);
  sqlite3_bind_text (stmt, 3, d->date, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 4, d->due_date);
  bind_text_or_null (stmt, 5, d->valid_until);
  bind_text_or_null (stmt, 6, d->title);
  bind_text_or_null (stmt, 7, d->payment_terms);
  sqlite3_bind_text (stmt, 8, d->language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, d->total_net);
  sqlite3_bind_int64 (stmt, 10, d->total_vat);
  sqlite3_bind_int64 (stmt, 11, d->total_gross);
  sqlite3_bind_int64 (stmt, 12, d->amount_due);
  bind_id_or_null (stmt, 13, d->credited_id);
  if (!cpt_database_step_done (db, stmt, WHAT, error))
    return FALSE;
  *out_id = cpt_database_last_insert_id (db);
  return TRUE;
}

gboolean
cpt_store_demo_insert_line (CptDatabase *db, const CptStoreDemoLine *l, gint64 *out_id,
                            GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "INSERT INTO document_lines (document_id, position, kind, product_id, description, "
    "quantity, unit, unit_price, discount_percent, vat_rate, account, net, credited_line_id) "
    "VALUES (?, ?, 'item', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, l->document_id);
  sqlite3_bind_int (stmt, 2, l->position);
  sqlite3_bind_int64 (stmt, 3, l->product_id);
  sqlite3_bind_text (stmt, 4, l->description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, l->quantity);
  sqlite3_bind_text (stmt, 6, l->unit, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, l->unit_price);
  sqlite3_bind_int64 (stmt, 8, l->discount_percent);
  sqlite3_bind_int64 (stmt, 9, l->vat_rate);
  sqlite3_bind_text (stmt, 10, l->account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, l->net);
  bind_id_or_null (stmt, 12, l->credited_line_id);
  if (!cpt_database_step_done (db, stmt, WHAT, error))
    return FALSE;
  *out_id = cpt_database_last_insert_id (db);
  return TRUE;
}

gboolean
cpt_store_demo_receivable (CptDatabase *db, gint64 id, gint64 *out_amount_due, gint64 *out_client_id,
                           gboolean *found, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT amount_due, client_id FROM receivables WHERE document_id = ?", error);

  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_store_step (db, stmt, WHAT, found, error))
    return FALSE;
  if (*found)
    {
      *out_amount_due = sqlite3_column_int64 (stmt, 0);
      *out_client_id = sqlite3_column_int64 (stmt, 1);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

gboolean
cpt_store_demo_insert_payment (CptDatabase *db, gint64 client_id, const char *date, gint64 amount,
                               const char *mode, gint64 document_id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "INSERT INTO payments (client_id, date, amount, mode, reference) VALUES (?, ?, ?, ?, NULL)", error);
  gint64 payment_id;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, amount);
  sqlite3_bind_text (stmt, 4, mode, -1, SQLITE_TRANSIENT);
  if (!cpt_database_step_done (db, stmt, WHAT, error))
    return FALSE;
  payment_id = cpt_database_last_insert_id (db);
  stmt = cpt_database_prepare (db,
    "INSERT INTO allocations (payment_id, document_id, amount) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, payment_id);
  sqlite3_bind_int64 (stmt, 2, document_id);
  sqlite3_bind_int64 (stmt, 3, amount);
  return cpt_database_step_done (db, stmt, WHAT, error);
}

gboolean
cpt_store_demo_number_proforma (CptDatabase *db, gint64 id, const char *number, const char *period,
                                gint64 sequence, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "UPDATE documents SET number = ?, series = 'proforma', period = ?, sequence = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 2, period);
  sqlite3_bind_int64 (stmt, 3, sequence);
  sqlite3_bind_int64 (stmt, 4, id);
  return cpt_database_step_done (db, stmt, WHAT, error);
}

gboolean
cpt_store_demo_insert_marks (CptDatabase *db, gint64 id, const char *sent_on, const char *accepted_on,
                             const char *refused_on, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "INSERT INTO document_marks (document_id, sent_on, accepted_on, refused_on) VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text_or_null (stmt, 2, sent_on);
  bind_text_or_null (stmt, 3, accepted_on);
  bind_text_or_null (stmt, 4, refused_on);
  return cpt_database_step_done (db, stmt, WHAT, error);
}
