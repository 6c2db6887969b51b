#define G_LOG_DOMAIN "cpt-payments"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "cpt-client.h"
#include "cpt-company.h"
#include "cpt-dates.h"
#include "cpt-documents.h"
#include "cpt-error.h"
#include "cpt-ledger.h"
#include "cpt-lifecycle.h"
#include "cpt-money.h"
#include "cpt-payments.h"
#include "cpt-status.h"
#include "cpt-store-payments.h"
#include "cpt-store-status.h"

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

/* How a message names a document. Only ever called to word a refusal: if the document
 * cannot be read, its id names it, and the refusal is still the error the caller gets. */
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
  gboolean found;

  if (!cpt_store_payments_document_balance (db, document_id, out, &found, error))
    return FALSE;
  if (!found)
    {
      g_autofree char *name = document_name (db, document_id);
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("%s is not a validated invoice: only validated invoices and deposit "
                     "invoices are paid"), name);
    }
  return found;
}

/* Inside a transaction: allocates (amount 0: as much as possible) with plain-words checks
 * before the triggers would refuse. */
static gboolean
allocate (CptDatabase *db, CptPayment *payment, gint64 document_id, gint64 amount, GError **error)
{
  CptDocumentBalance balance;
  g_autofree char *name = NULL;
  gint64 client_id;
  gint64 left, total;

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
  if (!cpt_store_payments_left (db, payment->id, &left, error))
    return FALSE;
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
  /* A second allocation of the same payment to the same document adds to the first. */
  if (!cpt_store_payments_add_allocation (db, payment->id, document_id, amount, &total, error))
    return FALSE;
  {
    g_autofree char *text = cpt_money_to_string (total);
    g_autofree char *payment_text = g_strdup_printf ("%" G_GINT64_FORMAT, payment->id);
    g_autofree char *details = g_strdup_printf ("{\"payment\": %s, \"amount\": \"%s\"}", payment_text, text);
    return cpt_audit_add (db, "allocate", document_id, details, error);
  }
}

/* ---------------------------------------------------------------- payments */

CptPayment *
cpt_payments_load (CptDatabase *db, gint64 payment_id, GError **error)
{
  return cpt_store_payments_load (db, payment_id, error);
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
  id = cpt_store_payments_insert (db, client_id, iso, amount, stored_mode, reference, note, error);
  if (id == 0)
    return fail (db);
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

  if (!cpt_database_begin (db, error))
    return FALSE;
  payment = cpt_payments_load (db, payment_id, error);
  if (payment == NULL || !cpt_store_payments_delete (db, payment_id, NULL, error) ||
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
  gboolean found;

  if (!cpt_database_begin (db, error))
    return FALSE;
  if (!cpt_store_payments_remove_allocation (db, payment_id, document_id, &found, error))
    return fail (db);
  if (!found)
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

GArray *
cpt_payments_allocations_of_payment (CptDatabase *db, gint64 payment_id, GError **error)
{
  return cpt_store_payments_allocations_of_payment (db, payment_id, error);
}

GArray *
cpt_payments_allocations_of_document (CptDatabase *db, gint64 document_id, GError **error)
{
  return cpt_store_payments_allocations_of_document (db, document_id, error);
}

void
cpt_payment_received_free (CptPaymentReceived *received)
{
  if (received == NULL)
    return;
  g_clear_object (&received->payment);
  g_free (received);
}

GPtrArray *
cpt_payments_of_document (CptDatabase *db, gint64 document_id, GError **error)
{
  return cpt_store_payments_of_document (db, document_id, error);
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
  if (!cpt_store_payments_remove_allocations_of_document (db, document_id, error) ||
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

gboolean
cpt_payments_get_status (CptDatabase *db, CptDocument *document, const char *today,
                         CptDocumentStatus *status, GError **error)
{
  CptStatusFacts facts;

  /* The rules are cpt-status.c's, as in the lists (cpt-store-status.c). */
  if (!cpt_store_status_facts (db, cpt_document_get_id (document), today, TRUE, &facts, error))
    return FALSE;
  *status = cpt_status_derive_status (&facts);
  return TRUE;
}

char *
cpt_payments_status (CptDatabase *db, CptDocument *document, const char *today, GError **error)
{
  CptDocumentStatus status;

  if (!cpt_payments_get_status (db, document, today, &status, error))
    return NULL;
  return g_strdup (cpt_document_status_to_string (status));
}

gboolean
cpt_payments_client_balance (CptDatabase *db, gint64 client_id, const char *today,
                             CptClientBalance *out, GError **error)
{
  g_autofree char *now = today ? g_strdup (today) : cpt_date_today ();

  return cpt_store_payments_client_balance (db, client_id, now, out, error);
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
  g_autoptr(GPtrArray) stored = cpt_store_payments_client_deposits (db, client_id, error);
  g_autoptr(GPtrArray) deposits = NULL;

  if (stored == NULL)
    return NULL;
  deposits = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_client_deposit_free);
  for (guint i = 0; i < stored->len; i++)
    {
      CptStoreDeposit *row = g_ptr_array_index (stored, i);
      CptClientDeposit *deposit = g_new0 (CptClientDeposit, 1);

      deposit->id = row->id;
      deposit->number = g_steal_pointer (&row->number);
      deposit->title = g_steal_pointer (&row->title);
      deposit->date = g_steal_pointer (&row->date);
      deposit->net = row->net;
      deposit->gross = row->gross;
      deposit->balance = row->draft ? row->gross : row->balance;
      deposit->state = g_strdup (row->draft ? "draft"
                                 : row->credited > 0 && row->credited >= deposit->gross ? "credited"
                                 : deposit->balance <= 0 ? "paid"
                                 : row->paid > 0 ? "partially_paid" : "unpaid");
      g_ptr_array_add (deposits, deposit);
    }
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

CptPagedList *
cpt_lists_payments_filtered (CptDatabase *db, const CptPaymentFilter *filter, gboolean in_thread)
{
  return cpt_store_payments_list (db, filter, in_thread);
}

gboolean
cpt_payments_totals (CptDatabase *db, const CptPaymentFilter *filter, CptPaymentTotals *out,
                     GError **error)
{
  return cpt_store_payments_totals (db, filter, out, error);
}

CptPagedList *
cpt_lists_payments (CptDatabase *db, gint64 client_id, gboolean in_thread)
{
  CptPaymentFilter filter = { .client_id = client_id };

  return cpt_lists_payments_filtered (db, &filter, in_thread);
}
