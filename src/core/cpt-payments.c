#define G_LOG_DOMAIN "cpt-payments"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "cpt-client.h"
#include "cpt-store-private.h"
#include "cpt-company.h"
#include "cpt-dates.h"
#include "cpt-documents.h"
#include "cpt-error.h"
#include "cpt-ledger.h"
#include "cpt-lifecycle.h"
#include "cpt-search.h"
#include "cpt-money.h"
#include "cpt-payments.h"
#include "cpt-lifecycle-private.h"

/* ---------------------------------------------------------------- the record */

struct _CptPayment
{
  GObject  parent_instance;
  gint64   id;
  gint64   client_id;
  char    *date;
  gint64   amount;
  char    *mode;
  char    *reference;
  char    *note;
  char    *created_at;
  char    *client_name;
  gint64   allocated;
};

static const CptField payment_fields[] = {
  CPT_FIELD_ENTRY (CptPayment, id, CPT_FIELD_INT64, 0),
  CPT_FIELD_ENTRY (CptPayment, client_id, CPT_FIELD_INT64, 0),
  CPT_FIELD_ENTRY (CptPayment, date, CPT_FIELD_STRING, CPT_FIELD_DATE),
  CPT_FIELD_ENTRY (CptPayment, amount, CPT_FIELD_INT64, CPT_FIELD_MONEY),
  CPT_FIELD_ENTRY (CptPayment, mode, CPT_FIELD_STRING, 0),
  CPT_FIELD_ENTRY (CptPayment, reference, CPT_FIELD_STRING, CPT_FIELD_EDITABLE),
  CPT_FIELD_ENTRY (CptPayment, note, CPT_FIELD_STRING, CPT_FIELD_EDITABLE | CPT_FIELD_MULTILINE),
  CPT_FIELD_ENTRY (CptPayment, created_at, CPT_FIELD_STRING, CPT_FIELD_GENERATED),
  CPT_FIELD_ENTRY (CptPayment, client_name, CPT_FIELD_STRING, CPT_FIELD_NO_COLUMN),
  CPT_FIELD_ENTRY (CptPayment, allocated, CPT_FIELD_INT64, CPT_FIELD_NO_COLUMN | CPT_FIELD_MONEY),
};

static CptRecordClass payment_record = { payment_fields, G_N_ELEMENTS (payment_fields), NULL };

G_DEFINE_FINAL_TYPE (CptPayment, cpt_payment, G_TYPE_OBJECT)

static void
cpt_payment_init_defaults (CptPayment *self)
{
  self->mode = g_strdup ("transfer");
}

CPT_RECORD_IMPLEMENT (CptPayment, cpt_payment, payment_record)

const CptRecordClass *
cpt_payment_record (void)
{
  g_type_ensure (CPT_TYPE_PAYMENT);
  return &payment_record;
}

gint64 cpt_payment_get_id (CptPayment *self) { return self->id; }
gint64 cpt_payment_get_client_id (CptPayment *self) { return self->client_id; }
const char *cpt_payment_get_client_name (CptPayment *self) { return self->client_name; }
const char *cpt_payment_get_date (CptPayment *self) { return self->date; }
gint64 cpt_payment_get_amount (CptPayment *self) { return self->amount; }
const char *cpt_payment_get_mode (CptPayment *self) { return self->mode; }
const char *cpt_payment_get_reference (CptPayment *self) { return self->reference; }
gint64 cpt_payment_get_allocated (CptPayment *self) { return self->allocated; }

/* Columns of a payment row, then the client's name and what is allocated. */
#define PAYMENT_COLUMNS \
  "p.id, p.client_id, p.date, p.amount, p.mode, p.reference, p.note, p.created_at, " \
  "(SELECT name FROM clients WHERE id = p.client_id), " \
  "(SELECT coalesce (sum (amount), 0) FROM allocations WHERE payment_id = p.id)"

static GObject *
payment_from_row (sqlite3_stmt *stmt)
{
  CptPayment *self = g_object_new (CPT_TYPE_PAYMENT, NULL);

  cpt_record_read (&payment_record, G_OBJECT (self), stmt, 0);
  self->client_name = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  self->allocated = sqlite3_column_int64 (stmt, 9);
  return G_OBJECT (self);
}

static const struct
{
  const char *mode;
  const char *label;
  const char *aliases[5];
} modes[] = {
  { "transfer", N_("Bank transfer"), { "virement", "wire", "bank-transfer", NULL } },
  { "card", N_("Card"), { "carte", "cb", "credit-card", NULL } },
  { "cheque", N_("Cheque"), { "chèque", "check", "cheque", NULL } },
  { "cash", N_("Cash"), { "espèces", "especes", "liquide", NULL } },
  { "direct_debit", N_("Direct debit"), { "direct-debit", "prélèvement", "prelevement", "sepa", NULL } },
  { "other", N_("Other"), { "autre", NULL } },
};

const char *
cpt_payment_mode_parse (const char *text, GError **error)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (modes); i++)
    {
      if (g_ascii_strcasecmp (text, modes[i].mode) == 0)
        return modes[i].mode;
      for (guint j = 0; modes[i].aliases[j]; j++)
        if (g_utf8_collate (text, modes[i].aliases[j]) == 0 || g_ascii_strcasecmp (text, modes[i].aliases[j]) == 0)
          return modes[i].mode;
    }
  g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
               _("“%s” is not a way of paying: use transfer, card, cheque, cash, direct-debit or other"),
               text ? text : "");
  return NULL;
}

const char *
cpt_payment_mode_label (const char *mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (g_strcmp0 (mode, modes[i].mode) == 0)
      return modes[i].label;
  return mode;
}

/* ---------------------------------------------------------------- helpers */

static gboolean
fail (CptDatabase *db)
{
  cpt_database_rollback (db);
  return FALSE;
}

static char *
document_name (CptDatabase *db, gint64 id)
{
  g_autoptr(CptDocument) document = cpt_documents_load (db, id, NULL);

  if (document && cpt_document_get_number (document))
    return g_strdup (cpt_document_get_number (document));
  return g_strdup_printf (_("document %" PRId64), id);
}

gboolean
cpt_payments_document_balance (CptDatabase *db, gint64 document_id, CptDocumentBalance *out,
                               GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT amount_due, credited, paid, balance FROM receivables WHERE document_id = ?", error);
  gboolean found;

  memset (out, 0, sizeof *out);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      out->amount_due = sqlite3_column_int64 (stmt, 0);
      out->credited = sqlite3_column_int64 (stmt, 1);
      out->paid = sqlite3_column_int64 (stmt, 2);
      out->balance = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (!found)
    {
      g_autofree char *name = document_name (db, document_id);
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s is not a validated invoice: only validated invoices and deposit "
                     "invoices are paid"), name);
    }
  return found;
}

static gint64
payment_left (CptDatabase *db, gint64 payment_id)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT p.amount - (SELECT coalesce (sum (amount), 0) FROM allocations WHERE payment_id = p.id) "
    "FROM payments p WHERE p.id = ?", NULL);
  gint64 left = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, payment_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    left = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return left;
}

/* Inside a transaction: allocates (amount 0: as much as possible) with plain-words checks
 * before the triggers would refuse. */
static gboolean
allocate (CptDatabase *db, CptPayment *payment, gint64 document_id, gint64 amount, GError **error)
{
  CptDocumentBalance balance;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  gint64 client_id;
  gint64 left;

  if (!cpt_payments_document_balance (db, document_id, &balance, error))
    return FALSE;
  name = document_name (db, document_id);
  {
    g_autoptr(CptDocument) document = cpt_documents_load (db, document_id, error);
    if (document == NULL)
      return FALSE;
    client_id = cpt_document_get_client_id (document);
  }
  if (client_id != payment->client_id)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s is not an invoice of this payment’s client (%s)"), name, payment->client_name);
      return FALSE;
    }
  if (payment->amount < 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("A refund is not allocated to an invoice: it gives back the client’s credit"));
      return FALSE;
    }
  left = payment_left (db, payment->id);
  if (amount == 0)
    amount = MIN (left, balance.balance);
  if (amount < 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("An amount allocated is more than 0"));
      return FALSE;
    }
  if (balance.balance <= 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED, _("%s has nothing left to pay"), name);
      return FALSE;
    }
  if (amount > balance.balance)
    {
      g_autofree char *text = cpt_money_format_for_user (balance.balance, NULL);
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("Only %s is left to pay on %s"), text, name);
      return FALSE;
    }
  if (amount > left || amount == 0)
    {
      g_autofree char *text = cpt_money_format_for_user (left, NULL);
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("Only %s of this payment is not yet allocated"), text);
      return FALSE;
    }
  /* A second allocation of the same payment to the same document adds to the first:
   * allocations are never updated in place, so the first is taken out and made again. */
  stmt = cpt_database_prepare (db, "DELETE FROM allocations WHERE payment_id = ? AND document_id = ? "
                                   "RETURNING amount", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, payment->id);
  sqlite3_bind_int64 (stmt, 2, document_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    amount += sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  stmt = cpt_database_prepare (db, "INSERT INTO allocations (payment_id, document_id, amount) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, payment->id);
  sqlite3_bind_int64 (stmt, 2, document_id);
  sqlite3_bind_int64 (stmt, 3, amount);
  if (!cpt_database_step_done (db, stmt, _("Could not allocate the payment"), error))
    return FALSE;
  {
    g_autofree char *text = cpt_money_to_string (amount);
    g_autofree char *payment_text = g_strdup_printf ("%" G_GINT64_FORMAT, payment->id);
    g_autofree char *details = g_strdup_printf ("{\"payment\": %s, \"amount\": \"%s\"}", payment_text, text);
    return cpt_audit_add (db, "allocate", document_id, details, error);
  }
}

/* ---------------------------------------------------------------- payments */

CptPayment *
cpt_payments_load (CptDatabase *db, gint64 payment_id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT " PAYMENT_COLUMNS " FROM payments p WHERE p.id = ?", error);
  CptPayment *payment = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, payment_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    payment = CPT_PAYMENT (payment_from_row (stmt));
  else
    g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no payment %" PRId64), payment_id);
  sqlite3_reset (stmt);
  return payment;
}

gint64
cpt_payments_add (CptDatabase *db, gint64 client_id, const char *date, gint64 amount,
                  const char *mode, const char *reference, const char *note,
                  const CptAllocation *allocations, guint n_allocations, GError **error)
{
  g_autoptr(CptClient) client = NULL;
  g_autoptr(CptPayment) payment = NULL;
  g_autofree char *iso = NULL;
  const char *stored_mode;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!cpt_record_check_field_text (cpt_record_find_field (&payment_record, "reference"), reference, error) ||
      !cpt_record_check_field_text (cpt_record_find_field (&payment_record, "note"), note, error))
    return 0;
  iso = date ? cpt_date_normalize (date, error) : cpt_date_today ();
  if (iso == NULL)
    return 0;
  stored_mode = cpt_payment_mode_parse (mode ? mode : "transfer", error);
  if (stored_mode == NULL)
    return 0;
  if (amount == 0 || amount > CPT_MONEY_MAX_AMOUNT || amount < -CPT_MONEY_MAX_AMOUNT)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("A payment has an amount (negative for a refund), not zero"));
      return 0;
    }
  if (!cpt_database_begin (db, error))
    return 0;
  client = cpt_client_load (db, client_id, error);
  if (client == NULL)
    return fail (db);
  if (amount < 0)
    {
      /* A refund gives back the client's credit, and no more. */
      CptClientBalance balance;
      g_autofree char *today = cpt_date_today ();
      if (!cpt_payments_client_balance (db, client_id, today, &balance, error))
        return fail (db);
      if (-amount > balance.unallocated)
        {
          g_autofree char *text = cpt_money_format_for_user (balance.unallocated, NULL);
          g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                       _("A refund gives back the client’s credit, which is %s"), text);
          return fail (db);
        }
    }
  stmt = cpt_database_prepare (db, "INSERT INTO payments (client_id, date, amount, mode, reference, note) "
                                   "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return fail (db);
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_text (stmt, 2, iso, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, amount);
  sqlite3_bind_text (stmt, 4, stored_mode, -1, SQLITE_STATIC);
  if (reference && *reference)
    sqlite3_bind_text (stmt, 5, reference, -1, SQLITE_TRANSIENT);
  if (note && *note)
    sqlite3_bind_text (stmt, 6, note, -1, SQLITE_TRANSIENT);
  if (!cpt_database_step_done (db, stmt, _("Could not record the payment"), error))
    return fail (db);
  id = cpt_database_last_insert_id (db);
  payment = cpt_payments_load (db, id, error);
  if (payment == NULL)
    return fail (db);
  for (guint i = 0; i < n_allocations; i++)
    if (!allocate (db, payment, allocations[i].document_id, allocations[i].amount, error))
      return fail (db);
  if (!cpt_database_commit (db, error))
    return 0;
  return id;
}

gboolean
cpt_payments_delete (CptDatabase *db, gint64 payment_id, GError **error)
{
  g_autoptr(CptPayment) payment = NULL;
  sqlite3_stmt *stmt;

  if (!cpt_database_begin (db, error))
    return FALSE;
  payment = cpt_payments_load (db, payment_id, error);
  if (payment == NULL)
    return fail (db);
  stmt = cpt_database_prepare (db, "DELETE FROM payments WHERE id = ?", error);
  if (stmt == NULL)
    return fail (db);
  sqlite3_bind_int64 (stmt, 1, payment_id);
  if (!cpt_database_step_done (db, stmt, _("Could not delete the payment"), error) ||
      !cpt_audit_add (db, "payment_delete", 0, NULL, error))
    return fail (db);
  return cpt_database_commit (db, error);
}

gboolean
cpt_payments_allocate (CptDatabase *db, gint64 payment_id, gint64 document_id, gint64 amount,
                       GError **error)
{
  g_autoptr(CptPayment) payment = NULL;

  if (!cpt_database_begin (db, error))
    return FALSE;
  payment = cpt_payments_load (db, payment_id, error);
  if (payment == NULL || !allocate (db, payment, document_id, amount, error))
    return fail (db);
  return cpt_database_commit (db, error);
}

gboolean
cpt_payments_unallocate (CptDatabase *db, gint64 payment_id, gint64 document_id, GError **error)
{
  sqlite3_stmt *stmt;

  if (!cpt_database_begin (db, error))
    return FALSE;
  stmt = cpt_database_prepare (db, "DELETE FROM allocations WHERE payment_id = ? AND document_id = ?", error);
  if (stmt == NULL)
    return fail (db);
  sqlite3_bind_int64 (stmt, 1, payment_id);
  sqlite3_bind_int64 (stmt, 2, document_id);
  if (!cpt_database_step_done (db, stmt, _("Could not remove the allocation"), error))
    return fail (db);
  if (sqlite3_changes (cpt_database_get_handle (db)) == 0)
    {
      g_autofree char *name = document_name (db, document_id);
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND,
                   _("Payment %" PRId64 " is not allocated to %s"), payment_id, name);
      return fail (db);
    }
  if (!cpt_audit_add (db, "unallocate", document_id, NULL, error))
    return fail (db);
  return cpt_database_commit (db, error);
}

static GArray *
allocations_where (CptDatabase *db, const char *column, gint64 id, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT payment_id, document_id, amount FROM allocations "
                                          "WHERE %s = ? ORDER BY payment_id, document_id", column);
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);
  GArray *allocations;

  if (stmt == NULL)
    return NULL;
  allocations = g_array_new (FALSE, FALSE, sizeof (CptAllocation));
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CptAllocation allocation = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                                   sqlite3_column_int64 (stmt, 2) };
      g_array_append_val (allocations, allocation);
    }
  sqlite3_reset (stmt);
  return allocations;
}

GArray *
cpt_payments_allocations_of_payment (CptDatabase *db, gint64 payment_id, GError **error)
{
  return allocations_where (db, "payment_id", payment_id, error);
}

GArray *
cpt_payments_allocations_of_document (CptDatabase *db, gint64 document_id, GError **error)
{
  return allocations_where (db, "document_id", document_id, error);
}

gint64
cpt_payments_mark_paid (CptDatabase *db, gint64 document_id, const char *date, const char *mode,
                        const char *reference, GError **error)
{
  g_autoptr(CptDocument) document = cpt_documents_load (db, document_id, error);
  CptDocumentBalance balance;
  CptAllocation allocation = { 0, document_id, 0 };

  if (document == NULL || !cpt_payments_document_balance (db, document_id, &balance, error))
    return 0;
  if (balance.balance <= 0)
    {
      g_autofree char *name = document_name (db, document_id);
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED, _("%s has nothing left to pay"), name);
      return 0;
    }
  allocation.amount = balance.balance;
  return cpt_payments_add (db, cpt_document_get_client_id (document), date, balance.balance, mode,
                           reference, NULL, &allocation, 1, error);
}

GArray *
cpt_payments_mark_unpaid (CptDatabase *db, gint64 document_id, GError **error)
{
  g_autoptr(GArray) allocations = NULL;
  CptDocumentBalance balance;
  sqlite3_stmt *stmt;

  if (!cpt_database_begin (db, error))
    return NULL;
  if (!cpt_payments_document_balance (db, document_id, &balance, error) ||
      (allocations = cpt_payments_allocations_of_document (db, document_id, error)) == NULL)
    {
      cpt_database_rollback (db);
      return NULL;
    }
  if (allocations->len == 0)
    {
      g_autofree char *name = document_name (db, document_id);
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED, _("No payment is allocated to %s"), name);
      cpt_database_rollback (db);
      return NULL;
    }
  stmt = cpt_database_prepare (db, "DELETE FROM allocations WHERE document_id = ?", error);
  if (stmt == NULL)
    {
      cpt_database_rollback (db);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (!cpt_database_step_done (db, stmt, _("Could not remove the allocations"), error) ||
      !cpt_audit_add (db, "mark_unpaid", document_id, NULL, error) ||
      !cpt_database_commit (db, error))
    {
      cpt_database_rollback (db);
      return NULL;
    }
  return g_steal_pointer (&allocations);
}

gboolean
cpt_payments_restore (CptDatabase *db, GArray *allocations, GError **error)
{
  if (!cpt_database_begin (db, error))
    return FALSE;
  for (guint i = 0; i < allocations->len; i++)
    {
      CptAllocation *allocation = &g_array_index (allocations, CptAllocation, i);
      g_autoptr(CptPayment) payment = cpt_payments_load (db, allocation->payment_id, error);
      if (payment == NULL || !allocate (db, payment, allocation->document_id, allocation->amount, error))
        return fail (db);
    }
  return cpt_database_commit (db, error);
}

/* ---------------------------------------------------------------- statuses and balances */

char *
cpt_payments_status (CptDatabase *db, CptDocument *document, const char *today)
{
  /* The rules are cpt-status.c's, as in the lists (cpt-store-status.c). */
  return cpt_lifecycle_derive_status (db, document, today, TRUE);
}

gboolean
cpt_payments_client_balance (CptDatabase *db, gint64 client_id, const char *today,
                             CptClientBalance *out, GError **error)
{
  g_autofree char *now = today ? g_strdup (today) : cpt_date_today ();
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

  memset (out, 0, sizeof *out);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      out->invoiced = sqlite3_column_int64 (stmt, 0);
      out->credited = sqlite3_column_int64 (stmt, 1);
      out->paid = sqlite3_column_int64 (stmt, 2);
      out->receivable = sqlite3_column_int64 (stmt, 3);
      out->overdue = sqlite3_column_int64 (stmt, 4);
      out->unallocated = sqlite3_column_int64 (stmt, 5);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

void
cpt_client_deposit_free (CptClientDeposit *deposit)
{
  g_free (deposit->number);
  g_free (deposit->title);
  g_free (deposit->invoice_number);
  g_free (deposit->date);
  g_free (deposit->state);
  g_free (deposit);
}

GPtrArray *
cpt_payments_client_deposits (CptDatabase *db, gint64 client_id, GError **error)
{
  g_autoptr(GPtrArray) deposits = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_client_deposit_free);
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT d.id, d.number, d.title, d.date, d.status, d.total_net, d.total_gross, "
    "  r.paid, r.credited, r.balance "
    "FROM documents d LEFT JOIN receivables r ON r.document_id = d.id "
    "WHERE d.client_id = ? AND d.kind = 'deposit' ORDER BY d.date DESC, d.id DESC", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CptClientDeposit *deposit = g_new0 (CptClientDeposit, 1);
      gboolean draft = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "draft") == 0;
      gint64 paid = sqlite3_column_int64 (stmt, 7), credited = sqlite3_column_int64 (stmt, 8);

      deposit->id = sqlite3_column_int64 (stmt, 0);
      deposit->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      deposit->title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      deposit->date = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      deposit->net = sqlite3_column_int64 (stmt, 5);
      deposit->gross = sqlite3_column_int64 (stmt, 6);
      deposit->balance = draft ? deposit->gross : sqlite3_column_int64 (stmt, 9);
      deposit->state = g_strdup (draft ? "draft"
                                 : credited > 0 && credited >= deposit->gross ? "credited"
                                 : deposit->balance <= 0 ? "paid"
                                 : paid > 0 ? "partially_paid" : "unpaid");
      g_ptr_array_add (deposits, deposit);
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < deposits->len; i++)
    {
      CptClientDeposit *deposit = g_ptr_array_index (deposits, i);

      if (!cpt_lifecycle_deposit_invoice (db, deposit->id, &deposit->invoice_id, error))
        return NULL;
      if (deposit->invoice_id)
        {
          g_autoptr(CptDocument) invoice = cpt_documents_load (db, deposit->invoice_id, error);

          if (invoice == NULL)
            return NULL;
          deposit->invoice_number = cpt_document_get_number (invoice)
                                      ? g_strdup (cpt_document_get_number (invoice))
                                      : g_strdup_printf ("#%" G_GINT64_FORMAT, deposit->invoice_id);
        }
    }
  return g_steal_pointer (&deposits);
}

void
cpt_reminder_clear (CptReminder *reminder)
{
  g_clear_pointer (&reminder->penalty_text, g_free);
}

gboolean
cpt_payments_reminder (CptDatabase *db, gint64 document_id, const char *today, CptReminder *out,
                       GError **error)
{
  g_autoptr(CptDocument) document = cpt_documents_load (db, document_id, error);
  g_autoptr(CptCompany) company = NULL;
  g_autoptr(CptClient) client = NULL;
  g_autofree char *now = today ? g_strdup (today) : cpt_date_today ();
  CptDocumentBalance balance;
  const char *due;

  memset (out, 0, sizeof *out);
  if (document == NULL || !cpt_payments_document_balance (db, document_id, &balance, error) ||
      (company = cpt_company_load (db, error)) == NULL ||
      (client = cpt_client_load (db, cpt_document_get_client_id (document), error)) == NULL)
    return FALSE;
  due = cpt_document_get_due_date (document) ? cpt_document_get_due_date (document)
                                             : cpt_document_get_date (document);
  out->days_late = MAX (cpt_date_days_between (due, now), 0);
  out->balance = balance.balance;
  g_object_get (company, "penalty-text", &out->penalty_text, NULL);
  /* Art. L441-10 of the Code de commerce: 40 EUR for every late invoice to a business. */
  out->recovery_indemnity = g_strcmp0 (cpt_client_get_kind (client), "company") == 0 ? 4000 : 0;
  return TRUE;
}

/* The WHERE of the payments `filter` keeps (over "payments p"), its parameters in `params`. */
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

CptPagedList *
cpt_lists_payments_filtered (CptDatabase *db, const CptPaymentFilter *filter, gboolean in_thread)
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

gboolean
cpt_payments_totals (CptDatabase *db, const CptPaymentFilter *filter, CptPaymentTotals *out,
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
  int rc;

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
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->count = sqlite3_column_int64 (stmt, 0);
      out->received = sqlite3_column_int64 (stmt, 1);
      out->refunded = sqlite3_column_int64 (stmt, 2);
      out->unallocated = sqlite3_column_int64 (stmt, 3);
    }
  else
    cpt_database_set_error (db, error, _("Could not add up the payments"));
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

CptPagedList *
cpt_lists_payments (CptDatabase *db, gint64 client_id, gboolean in_thread)
{
  CptPaymentFilter filter = { .client_id = client_id };

  return cpt_lists_payments_filtered (db, &filter, in_thread);
}
