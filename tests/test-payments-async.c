/* test-payments-async.c: what the payment dialog reads and writes in the worker's thread
 * (cpt-payments-async.h), on a real SQLite file. */
#include "cpt-client.h"
#include "cpt-documents.h"
#include "cpt-payments-async.h"
#include "cpt-test-utils.h"

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

/* Runs the main loop until the job is back (as a window's would). */
static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

/* A validated invoice of 120.00 (100.00 + 20 %) for `client_id`. */
static gint64
invoice (CptDatabase *db, gint64 client_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) document = cpt_documents_create (db, "invoice", client_id, NULL, NULL, NULL, &error);
  g_autoptr(CptDocumentLine) line = cpt_document_line_new ();

  g_assert_no_error (error);
  g_object_set (line, "kind", "item", "description", "Conseil", "quantity", (gint64) 1000,
                "unit", "C62", "unit-price", (gint64) 1000000, "vat-rate", (gint64) 2000, NULL);
  g_assert_true (cpt_documents_add_line (db, cpt_document_get_id (document), line, &error));
  g_assert_no_error (error);
  cpt_lifecycle_validate (db, cpt_document_get_id (document), NULL, &error);
  g_assert_no_error (error);
  return cpt_document_get_id (document);
}

static gint64
balance_of (CptDatabase *db, gint64 document_id)
{
  CptDocumentBalance balance;

  g_assert_true (cpt_payments_document_balance (db, document_id, &balance, NULL));
  return balance.balance;
}

static void
test_record_allocate_delete (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptWorker) worker = cpt_worker_new (f->path);
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptPaymentFacts) open = NULL;
  g_autoptr(CptPaymentFacts) viewed = NULL;
  g_autoptr(CptPaymentFacts) deleted = NULL;
  g_autoptr(GArray) allocations = g_array_new (FALSE, FALSE, sizeof (CptAllocation));
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  gint64 first, second, payment_id;
  CptAllocation allocation = { 0 };

  g_object_set (client, "name", "Hôtel du Parc", "email", "compta@example.org", "kind", "company", NULL);
  g_assert_true (cpt_client_insert (client, f->db, &error));
  first = invoice (f->db, cpt_client_get_id (client));
  second = invoice (f->db, cpt_client_get_id (client));

  /* The client's open invoices, as a new payment's dialog shows them. */
  cpt_payment_facts_load_async (worker, 0, cpt_client_get_id (client), NULL, on_done, &wait);
  open = cpt_payment_facts_load_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_null (open->payment);
  g_assert_cmpuint (open->open->len, ==, 2);
  g_assert_cmpint (open->balance.receivable, ==, 24000);

  /* 150.00 received: all of the first invoice, 30.00 of the second. */
  allocation.document_id = first;
  allocation.amount = 12000;
  g_array_append_val (allocations, allocation);
  allocation.document_id = second;
  allocation.amount = 3000;
  g_array_append_val (allocations, allocation);
  cpt_payments_add_async (worker, cpt_client_get_id (client), NULL, 15000, "transfer", "VIR 1",
                          allocations, NULL, on_done, &wait);
  payment_id = cpt_payments_add_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpint (payment_id, >, 0);
  g_assert_cmpint (balance_of (f->db, first), ==, 0);
  g_assert_cmpint (balance_of (f->db, second), ==, 9000);

  /* More than the payment: refused, nothing recorded. */
  cpt_payments_add_async (worker, cpt_client_get_id (client), NULL, 100, "cash", NULL,
                          allocations, NULL, on_done, &wait);
  g_assert_cmpint (cpt_payments_add_finish (worker, wait_for (&wait), &error), ==, 0);
  g_clear_object (&wait.result);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (balance_of (f->db, second), ==, 9000);

  /* Allocating what is left of a payment: all of it or nothing. */
  {
    g_autoptr(GArray) more = g_array_new (FALSE, FALSE, sizeof (CptAllocation));
    g_autoptr(CptPayment) credit = NULL;
    gint64 credit_id;
    CptAllocation part = { 0, second, 1000 };

    cpt_payments_add_async (worker, cpt_client_get_id (client), NULL, 2000, "cheque", NULL,
                            NULL, NULL, on_done, &wait);
    credit_id = cpt_payments_add_finish (worker, wait_for (&wait), &error);
    g_clear_object (&wait.result);
    g_assert_no_error (error);

    g_array_append_val (more, part);
    part.amount = 5000;   /* beyond the 20.00 of the payment, with the first */
    g_array_append_val (more, part);
    cpt_payments_allocate_all_async (worker, credit_id, more, NULL, on_done, &wait);
    g_assert_false (cpt_payments_allocate_all_finish (worker, wait_for (&wait), &error));
    g_clear_object (&wait.result);
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpint (balance_of (f->db, second), ==, 9000);

    g_array_set_size (more, 1);
    cpt_payments_allocate_all_async (worker, credit_id, more, NULL, on_done, &wait);
    g_assert_true (cpt_payments_allocate_all_finish (worker, wait_for (&wait), &error));
    g_clear_object (&wait.result);
    g_assert_no_error (error);
    g_assert_cmpint (balance_of (f->db, second), ==, 8000);
    credit = cpt_payments_load (f->db, credit_id, &error);
    g_assert_cmpint (cpt_payment_get_allocated (credit), ==, 1000);
  }

  /* A recorded payment, as its dialog shows it. */
  cpt_payment_facts_load_async (worker, payment_id, 0, NULL, on_done, &wait);
  viewed = cpt_payment_facts_load_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpint (cpt_payment_get_id (viewed->payment), ==, payment_id);
  g_assert_cmpuint (viewed->allocations->len, ==, 2);
  g_assert_cmpuint (viewed->numbers->len, ==, 2);
  g_assert_nonnull (g_ptr_array_index (viewed->numbers, 0));
  /* Nothing left of it: no invoice to offer. */
  g_assert_cmpuint (viewed->open->len, ==, 0);

  /* Deleted: what it was comes back, for Undo. */
  cpt_payments_delete_async (worker, payment_id, NULL, on_done, &wait);
  deleted = cpt_payments_delete_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpint (cpt_payment_get_amount (deleted->payment), ==, 15000);
  g_assert_cmpuint (deleted->allocations->len, ==, 2);
  g_assert_cmpint (balance_of (f->db, first), ==, 12000);
  g_assert_null (cpt_payments_load (f->db, payment_id, NULL));
}

static void
test_unknown_payment (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptWorker) worker = cpt_worker_new (f->path);
  g_autoptr(CptPaymentFacts) facts = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  cpt_payment_facts_load_async (worker, 4242, 0, NULL, on_done, &wait);
  facts = cpt_payment_facts_load_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_null (facts);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Nothing to delete: said, not done. */
  cpt_payments_delete_async (worker, 4242, NULL, on_done, &wait);
  g_assert_null (cpt_payments_delete_finish (worker, wait_for (&wait), &error));
  g_clear_object (&wait.result);
  g_assert_nonnull (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/payments-async/record-allocate-delete", CptTestDb, NULL, cpt_test_db_setup,
              test_record_allocate_delete, cpt_test_db_teardown);
  g_test_add ("/payments-async/unknown-payment", CptTestDb, NULL, cpt_test_db_setup,
              test_unknown_payment, cpt_test_db_teardown);

  return g_test_run ();
}
