#define G_LOG_DOMAIN "cpt-store"

#include "cpt-store-payments.h"
#include "cpt-paged-list-private.h"
#include "cpt-store-private.h"
#include "cpt-error.h"
#include "cpt-search.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

/* Columns of a payment row, then the client's name and what is allocated. */
#define PAYMENT_COLUMNS \
  "p.id, p.client_id, p.date, p.amount, p.mode, p.reference, p.note, p.created_at, " \
  "(SELECT name FROM clients WHERE id = p.client_id), " \
  "(SELECT coalesce (sum (amount), 0) FROM allocations WHERE payment_id = p.id)"

/* Also the paged list's row function: it may run in the list's counting thread. */
static GObject *
payment_from_row (sqlite3_stmt *stmt)
{
  GObject *payment = g_object_new (CPT_TYPE_PAYMENT, NULL);

  cpt_record_read (cpt_payment_record (), payment, stmt, 0);
  g_object_set (payment,
                "client-name", (const char *) sqlite3_column_text (stmt, 8),
                "allocated", sqlite3_column_int64 (stmt, 9),
                NULL);
  return payment;
}

CptPayment *
cpt_store_payments_load (CptDatabase *db, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT " PAYMENT_COLUMNS " FROM payments p "
                                                 "WHERE p.id = ?", error);
  CptPayment *payment;
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_store_step (db, stmt, _("Could not read the payment"), &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no payment %" PRId64), id);
      return NULL;
    }
  payment = CPT_PAYMENT (payment_from_row (stmt));
  sqlite3_reset (stmt);
  return payment;
}

gint64
cpt_store_payments_insert (CptDatabase *db, gint64 client_id, const char *date, gint64 amount,
                           const char *mode, const char *reference, const char *note,
                           GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "INSERT INTO payments (client_id, date, amount, mode, reference, note) "
    "VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, amount);
  sqlite3_bind_text (stmt, 4, mode, -1, SQLITE_TRANSIENT);
  if (reference && *reference)
    sqlite3_bind_text (stmt, 5, reference, -1, SQLITE_TRANSIENT);
  if (note && *note)
    sqlite3_bind_text (stmt, 6, note, -1, SQLITE_TRANSIENT);
  if (!cpt_database_step_done (db, stmt, _("Could not record the payment"), error))
    return 0;
  return cpt_database_last_insert_id (db);
}

gboolean
cpt_store_payments_delete (CptDatabase *db, gint64 id, gboolean *found, GError **error)
{
  return cpt_store_exec_with_id (db, "DELETE FROM payments WHERE id = ?", id,
                                 _("Could not delete the payment"), found, error);
}

/* Runs `sql`, whose one parameter is `id`, and reads its one row's first column. */
static gboolean
read_int (CptDatabase *db, const char *sql, gint64 id, const char *what, gint64 *out,
          GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);
  gboolean has_row;

  *out = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_store_step (db, stmt, what, &has_row, error))
    return FALSE;
  if (has_row)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

gboolean
cpt_store_payments_left (CptDatabase *db, gint64 id, gint64 *out, GError **error)
{
  return read_int (db,
    "SELECT p.amount - (SELECT coalesce (sum (amount), 0) FROM allocations WHERE payment_id = p.id) "
    "FROM payments p WHERE p.id = ?", id, _("Could not read the payment"), out, error);
}

gboolean
cpt_store_payments_add_allocation (CptDatabase *db, gint64 payment_id, gint64 document_id,
                                   gint64 amount, gint64 *total, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "DELETE FROM allocations WHERE payment_id = ? "
                                                 "AND document_id = ? RETURNING amount", error);
  gboolean ok, has_row;

  *total = amount;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, payment_id);
  sqlite3_bind_int64 (stmt, 2, document_id);
  while ((ok = cpt_store_step (db, stmt, _("Could not allocate the payment"), &has_row, error))
         && has_row)
    *total += sqlite3_column_int64 (stmt, 0);
  if (!ok)
    return FALSE;
  stmt = cpt_database_prepare (db, "INSERT INTO allocations (payment_id, document_id, amount) "
                                   "VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, payment_id);
  sqlite3_bind_int64 (stmt, 2, document_id);
  sqlite3_bind_int64 (stmt, 3, *total);
  return cpt_database_step_done (db, stmt, _("Could not allocate the payment"), error);
}

gboolean
cpt_store_payments_remove_allocation (CptDatabase *db, gint64 payment_id, gint64 document_id,
                                      gboolean *found, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "DELETE FROM allocations WHERE payment_id = ? "
                                                 "AND document_id = ?", error);

  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, payment_id);
  sqlite3_bind_int64 (stmt, 2, document_id);
  if (!cpt_database_step_done (db, stmt, _("Could not remove the allocation"), error))
    return FALSE;
  *found = sqlite3_changes (cpt_database_get_handle (db)) > 0;
  return TRUE;
}

gboolean
cpt_store_payments_remove_allocations_of_document (CptDatabase *db, gint64 document_id,
                                                   GError **error)
{
  return cpt_store_exec_with_id (db, "DELETE FROM allocations WHERE document_id = ?", document_id,
                                 _("Could not remove the allocations"), NULL, error);
}

static GArray *
allocations_where (CptDatabase *db, const char *sql, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);
  g_autoptr(GArray) allocations = NULL;
  gboolean ok, has_row;

  if (stmt == NULL)
    return NULL;
  allocations = g_array_new (FALSE, FALSE, sizeof (CptAllocation));
  sqlite3_bind_int64 (stmt, 1, id);
  while ((ok = cpt_store_step (db, stmt, _("Could not read the allocations"), &has_row, error))
         && has_row)
    {
      CptAllocation allocation = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                                   sqlite3_column_int64 (stmt, 2) };
      g_array_append_val (allocations, allocation);
    }
  return ok ? g_steal_pointer (&allocations) : NULL;
}

GArray *
cpt_store_payments_allocations_of_payment (CptDatabase *db, gint64 payment_id, GError **error)
{
  return allocations_where (db, "SELECT payment_id, document_id, amount FROM allocations "
                                "WHERE payment_id = ? ORDER BY payment_id, document_id",
                            payment_id, error);
}

GArray *
cpt_store_payments_allocations_of_document (CptDatabase *db, gint64 document_id, GError **error)
{
  return allocations_where (db, "SELECT payment_id, document_id, amount FROM allocations "
                                "WHERE document_id = ? ORDER BY payment_id, document_id",
                            document_id, error);
}

GPtrArray *
cpt_store_payments_of_document (CptDatabase *db, gint64 document_id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT " PAYMENT_COLUMNS ", a.amount FROM allocations a JOIN payments p ON p.id = a.payment_id "
    "WHERE a.document_id = ? ORDER BY p.date, p.id", error);
  g_autoptr(GPtrArray) received = NULL;
  gboolean ok, has_row;

  if (stmt == NULL)
    return NULL;
  received = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_payment_received_free);
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((ok = cpt_store_step (db, stmt, _("Could not read the payments"), &has_row, error))
         && has_row)
    {
      CptPaymentReceived *payment = g_new0 (CptPaymentReceived, 1);

      payment->payment = CPT_PAYMENT (payment_from_row (stmt));
      payment->amount = sqlite3_column_int64 (stmt, 10);
      g_ptr_array_add (received, payment);
    }
  return ok ? g_steal_pointer (&received) : NULL;
}

gboolean
cpt_store_payments_document_balance (CptDatabase *db, gint64 document_id, CptDocumentBalance *out,
                                     gboolean *found, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT amount_due, credited, paid, balance FROM receivables WHERE document_id = ?", error);

  memset (out, 0, sizeof *out);
  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (!cpt_store_step (db, stmt, _("Could not read what is left to pay"), found, error))
    return FALSE;
  if (*found)
    {
      out->amount_due = sqlite3_column_int64 (stmt, 0);
      out->credited = sqlite3_column_int64 (stmt, 1);
      out->paid = sqlite3_column_int64 (stmt, 2);
      out->balance = sqlite3_column_int64 (stmt, 3);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

gboolean
cpt_store_payments_client_balance (CptDatabase *db, gint64 client_id, const char *today,
                                   CptClientBalance *out, GError **error)
{
  /* An invoice paid and then credited has a balance below zero: that much was paid for
   * nothing, and is owed to the client. It is their credit, beside the payments not
   * allocated, and not a negative amount left to collect. */
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT coalesce (sum (amount_due), 0), coalesce (sum (credited), 0), coalesce (sum (paid), 0), "
    "  coalesce (sum (max (balance, 0)), 0), "
    "  coalesce (sum (CASE WHEN balance > 0 AND due_date < ?2 THEN balance ELSE 0 END), 0), "
    "  (SELECT coalesce (sum (amount), 0) FROM payments WHERE client_id = ?1) "
    "  - (SELECT coalesce (sum (a.amount), 0) FROM allocations a JOIN payments p ON p.id = a.payment_id "
    "     WHERE p.client_id = ?1) "
    "  + coalesce (sum (max (-balance, 0)), 0) "
    "FROM receivables WHERE client_id = ?1", error);
  gboolean has_row;

  memset (out, 0, sizeof *out);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  if (!cpt_store_step (db, stmt, _("Could not read the client’s balance"), &has_row, error))
    return FALSE;
  if (has_row)
    {
      out->invoiced = sqlite3_column_int64 (stmt, 0);
      out->credited = sqlite3_column_int64 (stmt, 1);
      out->paid = sqlite3_column_int64 (stmt, 2);
      out->receivable = sqlite3_column_int64 (stmt, 3);
      out->overdue = sqlite3_column_int64 (stmt, 4);
      out->unallocated = sqlite3_column_int64 (stmt, 5);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

void
cpt_store_deposit_free (CptStoreDeposit *deposit)
{
  g_free (deposit->number);
  g_free (deposit->title);
  g_free (deposit->date);
  g_free (deposit);
}

GPtrArray *
cpt_store_payments_client_deposits (CptDatabase *db, gint64 client_id, GError **error)
{
  g_autoptr(GPtrArray) deposits = NULL;
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT d.id, d.number, d.title, d.date, d.status = 'draft', d.total_net, d.total_gross, "
    "  r.paid, r.credited, r.balance "
    "FROM documents d LEFT JOIN receivables r ON r.document_id = d.id "
    "WHERE d.client_id = ? AND d.kind = 'deposit' ORDER BY d.date DESC, d.id DESC", error);
  gboolean ok, has_row;

  if (stmt == NULL)
    return NULL;
  deposits = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_store_deposit_free);
  sqlite3_bind_int64 (stmt, 1, client_id);
  while ((ok = cpt_store_step (db, stmt, _("Could not read the client’s deposits"), &has_row,
                               error)) && has_row)
    {
      CptStoreDeposit *deposit = g_new0 (CptStoreDeposit, 1);

      deposit->id = sqlite3_column_int64 (stmt, 0);
      deposit->number = cpt_store_dup_text (stmt, 1);
      deposit->title = cpt_store_dup_text (stmt, 2);
      deposit->date = cpt_store_dup_text (stmt, 3);
      deposit->draft = sqlite3_column_int (stmt, 4) != 0;
      deposit->net = sqlite3_column_int64 (stmt, 5);
      deposit->gross = sqlite3_column_int64 (stmt, 6);
      deposit->paid = sqlite3_column_int64 (stmt, 7);
      deposit->credited = sqlite3_column_int64 (stmt, 8);
      deposit->balance = sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (deposits, deposit);
    }
  return ok ? g_steal_pointer (&deposits) : NULL;
}

/* The WHERE of the payments `filter` keeps (over "payments p"), its parameters in `params`
 * (GVariants: int64 or string). */
static char *
payment_filter_where (const CptPaymentFilter *filter, GPtrArray *params)
{
  g_autoptr(GString) where = g_string_new ("1");

  if (filter == NULL)
    return g_string_free (g_steal_pointer (&where), FALSE);
  if (filter->client_id > 0)
    {
      g_string_append (where, " AND p.client_id = ?");
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_int64 (filter->client_id)));
    }
  if (filter->date_from != NULL)
    {
      g_string_append (where, " AND p.date >= ?");
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (filter->date_from)));
    }
  if (filter->date_to != NULL)
    {
      g_string_append (where, " AND p.date <= ?");
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (filter->date_to)));
    }
  if (filter->search != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (filter->search));
      g_autofree char *query = cpt_search_build_query (stripped);

      if (*stripped != '\0')
        {
          g_autoptr(GString) pattern = g_string_new ("%");

          /* A bank reference is matched anywhere in it ("VIR 2026-0042" for "0042"); the
           * client by the start of the words of its name, as everywhere else. */
          for (const char *c = stripped; *c; c++)
            {
              if (*c == '%' || *c == '_' || *c == '\\')
                g_string_append_c (pattern, '\\');
              g_string_append_c (pattern, *c);
            }
          g_string_append_c (pattern, '%');
          if (query != NULL)
            {
              g_string_append (where, " AND (p.reference LIKE ? ESCAPE '\\' OR p.client_id IN "
                                      "(SELECT rowid FROM clients_fts WHERE clients_fts MATCH ?))");
              g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (pattern->str)));
              g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (query)));
            }
          else
            {
              g_string_append (where, " AND p.reference LIKE ? ESCAPE '\\'");
              g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (pattern->str)));
            }
        }
    }
  return g_string_free (g_steal_pointer (&where), FALSE);
}

gboolean
cpt_store_payments_totals (CptDatabase *db, const CptPaymentFilter *filter, CptPaymentTotals *out,
                           GError **error)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autofree char *where = payment_filter_where (filter, params);
  g_autofree char *sql = g_strdup_printf (
    "SELECT count (*), "
    "coalesce (sum (CASE WHEN p.amount > 0 THEN p.amount END), 0), "
    "coalesce (sum (CASE WHEN p.amount < 0 THEN -p.amount END), 0), "
    "coalesce (sum (CASE WHEN p.amount > 0 THEN p.amount - "
    "  (SELECT coalesce (sum (amount), 0) FROM allocations WHERE payment_id = p.id) END), 0) "
    "FROM payments p WHERE %s", where);
  sqlite3_stmt *stmt;
  gboolean has_row;

  memset (out, 0, sizeof *out);
  stmt = cpt_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < params->len; i++)
    {
      GVariant *value = g_ptr_array_index (params, i);

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, (int) i + 1, g_variant_get_int64 (value));
      else
        sqlite3_bind_text (stmt, (int) i + 1, g_variant_get_string (value, NULL), -1, SQLITE_TRANSIENT);
    }
  if (!cpt_store_step (db, stmt, _("Could not add up the payments"), &has_row, error))
    return FALSE;
  if (has_row)
    {
      out->count = sqlite3_column_int64 (stmt, 0);
      out->received = sqlite3_column_int64 (stmt, 1);
      out->refunded = sqlite3_column_int64 (stmt, 2);
      out->unallocated = sqlite3_column_int64 (stmt, 3);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

CptPagedList *
cpt_store_payments_list (CptDatabase *db, const CptPaymentFilter *filter, gboolean in_thread)
{
  static const char *const keys[] = { "p.date", "p.id", NULL };
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autofree char *where = payment_filter_where (filter, params);
  g_autofree char *from_where = g_strdup_printf ("FROM payments p WHERE %s", where);
  CptPagedQuery query = { 0 };

  query.columns = PAYMENT_COLUMNS;
  query.from_where = from_where;
  query.keys = keys;
  query.descending = TRUE;
  query.count_in_thread = in_thread;
  return cpt_paged_list_new (db, CPT_TYPE_PAYMENT, &query, params, payment_from_row);
}
