/* Payments, allocations, statuses at a given today, client balances, deposits, dashboard. */
#include <sqlite3.h>
#include <string.h>

#include "cpt-client.h"
#include "cpt-dashboard.h"
#include "cpt-document-query.h"
#include "cpt-documents.h"
#include "cpt-error.h"
#include "cpt-lifecycle.h"
#include "cpt-payments.h"
#include "cpt-reminders.h"
#include "cpt-test-utils.h"

static gint64
make_client (CptDatabase *db, const char *name, const char *kind)
{
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (client, "name", name, "email", "compta@example.org", "kind", kind, NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  return cpt_client_get_id (client);
}

/* A validated invoice of `gross` (net at 0 %... no: 20 % VAT, net = gross / 1.2 exactly). */
static gint64
make_invoice (CptDatabase *db, gint64 client, const char *kind, const char *date, const char *due,
              gint64 net)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) doc = cpt_documents_create (db, kind, client, date, due, NULL, &error);
  g_autoptr(CptDocumentLine) line = cpt_document_line_new ();

  g_assert_no_error (error);
  g_object_set (line, "description", "Prestation", "unit-price", net * 100, "vat-rate", (gint64) 2000, NULL);
  g_assert_true (cpt_documents_add_line (db, cpt_document_get_id (doc), line, &error));
  g_assert_true (cpt_test_validate_on_its_day (db, cpt_document_get_id (doc), NULL, &error));
  g_assert_no_error (error);
  return cpt_document_get_id (doc);
}

static char *
status_at (CptDatabase *db, gint64 id, const char *today)
{
  g_autoptr(CptDocument) doc = cpt_documents_load (db, id, NULL);
  return cpt_test_status (db, doc, today);
}

static void
assert_status (CptDatabase *db, gint64 id, const char *today, const char *expected)
{
  g_autofree char *status = status_at (db, id, today);
  g_assert_cmpstr (status, ==, expected);
}

static gint64
balance_of (CptDatabase *db, gint64 id)
{
  CptDocumentBalance balance;
  g_autoptr(GError) error = NULL;

  g_assert_true (cpt_payments_document_balance (db, id, &balance, &error));
  return balance.balance;
}

static void
test_statuses (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie", "company");
  gint64 invoice = make_invoice (f->db, client, "invoice", "2026-01-10", "2026-02-09", 100000); /* 1 200.00 */
  CptAllocation half = { 0, invoice, 50000 };
  gint64 payment;

  assert_status (f->db, invoice, "2026-02-09", "awaiting_payment");
  assert_status (f->db, invoice, "2026-02-10", "overdue");
  payment = cpt_payments_add (f->db, client, "2026-01-20", 50000, "cheque", "CHQ 12", NULL, &half, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (payment, >, 0);
  assert_status (f->db, invoice, "2026-02-01", "partially_paid");
  assert_status (f->db, invoice, "2026-03-01", "overdue");
  g_assert_cmpint (balance_of (f->db, invoice), ==, 70000);
  g_assert_cmpint (cpt_payments_mark_paid (f->db, invoice, "2026-02-20", "transfer", NULL, &error), >, 0);
  assert_status (f->db, invoice, "2026-03-01", "paid");
  g_assert_cmpint (balance_of (f->db, invoice), ==, 0);

  /* Drafts, quotes and pro forma are never receivable. */
  {
    g_autoptr(CptDocument) draft = cpt_documents_create (f->db, "invoice", client, "2026-03-01", NULL, NULL, &error);
    g_autofree char *status = cpt_test_status (f->db, draft, "2026-05-01");
    CptDocumentBalance balance;
    g_assert_cmpstr (status, ==, "draft");
    g_assert_false (cpt_payments_document_balance (f->db, cpt_document_get_id (draft), &balance, &error));
    g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  }
}

static void
test_allocation_rules (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Garage", "company");
  gint64 other = make_client (f->db, "Autre", "individual");
  gint64 a = make_invoice (f->db, client, "invoice", "2026-01-10", NULL, 10000); /* 120.00 */
  gint64 b = make_invoice (f->db, client, "invoice", "2026-01-11", NULL, 20000); /* 240.00 */
  gint64 foreign = make_invoice (f->db, other, "invoice", "2026-01-12", NULL, 10000);
  CptAllocation too_much = { 0, a, 13000 };
  gint64 payment;
  g_autoptr(CptPayment) loaded = NULL;
  CptClientBalance balance;

  /* Refused as a whole: nothing recorded. */
  g_assert_cmpint (cpt_payments_add (f->db, client, "2026-01-20", 20000, "transfer", NULL, NULL, &too_much, 1, &error), ==, 0);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "120.00"));
  g_clear_error (&error);
  {
    g_autoptr(CptPagedList) payments = cpt_lists_payments (f->db, 0, FALSE);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (payments)), ==, 0);
  }

  payment = cpt_payments_add (f->db, client, "2026-01-20", 30000, "transfer", "VIR 1", NULL, NULL, 0, &error);
  g_assert_no_error (error);
  /* whole balance of a, then part of b, then nothing more */
  g_assert_true (cpt_payments_allocate (f->db, payment, a, 0, &error));
  g_assert_cmpint (balance_of (f->db, a), ==, 0);
  g_assert_false (cpt_payments_allocate (f->db, payment, b, 20000, &error));
  g_assert_nonnull (strstr (error->message, "180.00")); /* what is left of the payment */
  g_clear_error (&error);
  g_assert_true (cpt_payments_allocate (f->db, payment, b, 10000, &error));
  g_assert_true (cpt_payments_allocate (f->db, payment, b, 8000, &error)); /* adds up */
  g_assert_cmpint (balance_of (f->db, b), ==, 6000);
  g_assert_false (cpt_payments_allocate (f->db, payment, foreign, 0, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (cpt_payments_allocate (f->db, payment, a, 100, &error));
  g_assert_nonnull (strstr (error->message, "nothing left"));
  g_clear_error (&error);

  loaded = cpt_payments_load (f->db, payment, &error);
  g_assert_cmpint (cpt_payment_get_allocated (loaded), ==, 30000);

  /* Reverse a settlement: the payment stays, as credit. */
  g_assert_true (cpt_payments_unallocate (f->db, payment, b, &error));
  g_assert_cmpint (balance_of (f->db, b), ==, 24000);
  g_assert_true (cpt_payments_client_balance (f->db, client, "2026-03-01", &balance, &error));
  g_assert_cmpint (balance.unallocated, ==, 18000);
  g_assert_cmpint (balance.invoiced, ==, 36000);
  g_assert_cmpint (balance.paid, ==, 12000);
  g_assert_cmpint (balance.receivable, ==, 24000);
  g_assert_cmpint (balance.overdue, ==, 24000);

  /* A refund gives back credit, never more. */
  g_assert_cmpint (cpt_payments_add (f->db, client, "2026-03-02", -20000, "transfer", NULL, NULL, NULL, 0, &error), ==, 0);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_cmpint (cpt_payments_add (f->db, client, "2026-03-02", -18000, "transfer", NULL, NULL, NULL, 0, &error), >, 0);
  g_assert_true (cpt_payments_client_balance (f->db, client, "2026-03-03", &balance, &error));
  g_assert_cmpint (balance.unallocated, ==, 0);

  /* Bad input. */
  g_assert_cmpint (cpt_payments_add (f->db, client, "2026-13-01", 100, NULL, NULL, NULL, NULL, 0, &error), ==, 0);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cpt_payments_add (f->db, client, NULL, 100, "bitcoin", NULL, NULL, NULL, 0, &error), ==, 0);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cpt_payments_add (f->db, client, NULL, 0, NULL, NULL, NULL, NULL, 0, &error), ==, 0);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_INVALID);
}

static void
test_mark_unpaid_and_undo (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Studio", "company");
  gint64 invoice = make_invoice (f->db, client, "invoice", "2026-04-01", "2026-05-01", 25000);
  g_autoptr(GArray) removed = NULL;

  g_assert_cmpint (cpt_payments_mark_paid (f->db, invoice, "2026-04-15", "card", NULL, &error), >, 0);
  assert_status (f->db, invoice, "2026-06-01", "paid");
  removed = cpt_payments_mark_unpaid (f->db, invoice, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (removed->len, ==, 1);
  assert_status (f->db, invoice, "2026-06-01", "overdue");
  g_assert_true (cpt_payments_restore (f->db, removed, &error));
  assert_status (f->db, invoice, "2026-06-01", "paid");
  g_assert_cmpint (cpt_payments_mark_paid (f->db, invoice, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
}

static void
test_credit_notes_settle (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Atelier", "company");
  gint64 invoice = make_invoice (f->db, client, "invoice", "2026-04-01", "2026-05-01", 10000);
  gint64 note = cpt_lifecycle_credit (f->db, invoice, NULL, 0, &error);

  g_assert_no_error (error);
  g_assert_true (cpt_test_validate_on_its_day (f->db, note, NULL, &error));
  assert_status (f->db, invoice, "2026-06-01", "credited");
  g_assert_cmpint (balance_of (f->db, invoice), ==, 0);
}

/* A paid invoice credited afterwards keeps its payment (the client paid it), and shows a
 * balance below zero: that much is owed to the client. It is their credit, which can be
 * refunded, and not a negative amount left to collect. */
static void
test_credit_after_payment (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Atelier", "company");
  gint64 invoice = make_invoice (f->db, client, "invoice", "2026-04-01", "2026-05-01", 10000);  /* 120.00 */
  gint64 open = make_invoice (f->db, client, "invoice", "2026-04-02", "2026-05-02", 5000);      /* 60.00 */
  CptAllocation whole = { 0, invoice, 12000 };
  CptCreditPart part = { 0, 500 };   /* half of the one line: 60.00 */
  CptClientBalance balance;
  gint64 note;

  g_assert_cmpint (cpt_payments_add (f->db, client, "2026-04-10", 12000, "transfer", NULL, NULL, &whole, 1, &error), >, 0);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) lines = cpt_documents_load_lines (f->db, invoice, &error);
    part.line_id = cpt_document_line_get_id (g_ptr_array_index (lines, 0));
  }
  note = cpt_lifecycle_credit (f->db, invoice, &part, 1, &error);
  g_assert_no_error (error);
  g_assert_true (cpt_test_validate_on_its_day (f->db, note, NULL, &error));
  g_assert_cmpint (balance_of (f->db, invoice), ==, -6000);

  g_assert_true (cpt_payments_client_balance (f->db, client, "2026-04-20", &balance, &error));
  g_assert_cmpint (balance.receivable, ==, 6000);   /* the other invoice only */
  {
    /* The invoices list's footer: to collect is the other invoice, not 60.00 - 60.00. */
    static const char *const invoices[] = { "invoice", NULL };
    CptDocumentQuery query = { .kinds = invoices, .client_id = client };
    CptDocumentSums sums;

    g_assert_true (cpt_document_query_sums (f->db, &query, &sums, NULL, &error));
    g_assert_cmpint (sums.count, ==, 2);
    g_assert_cmpint (sums.balance, ==, 6000);
  }
  g_assert_cmpint (balance.unallocated, ==, 6000);
  g_assert_cmpint (balance.credited, ==, 6000);

  /* The credit can be refunded, and no more. */
  g_assert_cmpint (cpt_payments_add (f->db, client, "2026-04-21", -6001, "transfer", NULL, NULL, NULL, 0, &error), ==, 0);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "60.00"));
  g_clear_error (&error);
  g_assert_cmpint (cpt_payments_add (f->db, client, "2026-04-21", -6000, "transfer", NULL, NULL, NULL, 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (cpt_payments_client_balance (f->db, client, "2026-04-22", &balance, &error));
  g_assert_cmpint (balance.unallocated, ==, 0);
  g_assert_cmpint (balance.receivable, ==, 6000);
  g_assert_cmpint (balance_of (f->db, open), ==, 6000);
}

static void
test_deposits_tab (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Conselio", "company");
  gint64 deposit = make_invoice (f->db, client, "deposit", "2025-08-18", NULL, 9091);
  gint64 invoice;
  g_autoptr(GPtrArray) deposits = NULL;
  CptClientDeposit *row;
  g_autoptr(CptDocument) draft = cpt_documents_create (f->db, "invoice", client, "2025-08-20", NULL, NULL, &error);
  g_autoptr(CptDocumentLine) line = cpt_document_line_new ();

  g_object_set (line, "description", "Solde", "unit-price", (gint64) 100000000, "vat-rate", (gint64) 2000, NULL);
  g_assert_true (cpt_documents_add_line (f->db, cpt_document_get_id (draft), line, &error));
  invoice = cpt_document_get_id (draft);
  g_assert_true (cpt_lifecycle_attach_deposit (f->db, deposit, invoice, &error));
  deposits = cpt_payments_client_deposits (f->db, client, &error);
  g_assert_cmpuint (deposits->len, ==, 1);
  row = g_ptr_array_index (deposits, 0);
  g_assert_cmpstr (row->state, ==, "unpaid");
  g_assert_cmpint (row->net, ==, 9091);
  g_assert_cmpint (row->gross, ==, 10909);
  g_assert_cmpint (row->balance, ==, 10909);
  g_assert_cmpint (row->invoice_id, ==, invoice);
}

static void
test_reminder (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 business = make_client (f->db, "Entreprise", "company");
  gint64 person = make_client (f->db, "Particulier", "individual");
  gint64 a = make_invoice (f->db, business, "invoice", "2026-01-01", "2026-01-31", 10000);
  gint64 b = make_invoice (f->db, person, "invoice", "2026-01-02", "2026-01-31", 10000);
  g_autoptr(CptReminderState) state = cpt_reminders_of_document (f->db, a, &error);
  CptLatePenalties penalties;

  g_assert_no_error (error);
  g_assert_cmpint (state->balance, ==, 12000);
  g_assert_cmpstr (state->due_date, ==, "2026-01-31");
  g_assert_cmpuint (state->level_sent, ==, 0);
  g_assert_cmpuint (state->next_level, ==, 1);
  g_assert_cmpstr (state->next_on, ==, "2026-02-07");
  g_assert_false (cpt_reminder_is_due (state, "2026-02-06"));
  g_assert_true (cpt_reminder_is_due (state, "2026-02-07"));
  /* 12 000 at 12.15 % (ECB 2.15 % on 1 January 2026 + 10 points) for 30 days:
   * 12000 * 1215 * 30 / 3 650 000 = 119.8 -> 120 cents */
  g_assert_true (cpt_reminders_penalties (f->db, a, "2026-03-02", &penalties, &error));
  g_assert_cmpint (penalties.days_late, ==, 30);
  g_assert_cmpint (penalties.rate, ==, 1215);
  g_assert_false (penalties.agreed);
  g_assert_cmpint (penalties.interest, ==, 120);
  g_assert_cmpint (penalties.recovery_indemnity, ==, 4000);
  g_assert_true (cpt_reminders_penalties (f->db, b, "2026-03-02", &penalties, &error));
  g_assert_cmpint (penalties.interest, ==, 0);
  g_assert_cmpint (penalties.recovery_indemnity, ==, 0);
  /* Not an invoice: refused in words. */
  g_clear_pointer (&state, cpt_reminder_state_free);
  state = cpt_reminders_of_document (f->db, 999999, &error);
  g_assert_null (state);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
}

/* The plan never skips a level, whatever the day: a desktop app is closed for weeks. */
static void
test_reminder_plan (void)
{
  CptReminderState state = { .balance = 5000, .due_date = "2026-01-31" };
  g_autoptr(GError) error = NULL;

  cpt_reminder_plan (&state);
  g_assert_cmpuint (state.next_level, ==, 1);
  g_assert_true (cpt_reminder_is_due (&state, "2026-12-31"));
  state.level_sent = 1;
  g_strlcpy (state.last_sent_on, "2026-12-31", sizeof state.last_sent_on);
  cpt_reminder_plan (&state);
  g_assert_cmpuint (state.next_level, ==, 2);
  g_assert_cmpstr (state.next_on, ==, "2027-01-14");
  state.last_waiting = TRUE;
  g_assert_false (cpt_reminder_is_due (&state, "2027-02-01"));
  g_assert_false (cpt_reminder_can_send (&state, "2027-02-01", &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  g_clear_error (&error);
  state.last_waiting = FALSE;
  state.level_sent = 3;
  cpt_reminder_plan (&state);
  g_assert_cmpuint (state.next_level, ==, 0);
  g_assert_false (cpt_reminder_is_due (&state, "2030-01-01"));
  state.level_sent = 0;
  state.balance = 0;
  cpt_reminder_plan (&state);
  g_assert_cmpuint (state.next_level, ==, 0);
  g_assert_false (cpt_reminder_can_send (&state, "2027-02-01", &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
}

/* Art. L441-10: the ECB rate of each half-year, + 10 points, pro rata of the days, on what
 * was owed each day. */
static void
test_late_penalties (void)
{
  CptLatePenalties p;
  CptLatePayment paid[] = { { "2025-07-11", 50000 } };

  /* The rate in force on 1 January (3.15 % since 18 December 2024) for the first half of
   * 2025, on 1 July (2.15 % since 11 June 2025) for the second. */
  g_assert_cmpint (cpt_late_penalties_ecb_rate ("2025-06-30"), ==, 315);
  g_assert_cmpint (cpt_late_penalties_legal_rate ("2025-06-30"), ==, 1315);
  g_assert_cmpint (cpt_late_penalties_legal_rate ("2025-07-01"), ==, 1215);
  g_assert_cmpint (cpt_late_penalties_legal_rate ("2023-03-01"), ==, 1250);
  /* 100 000 from 2025-06-21 (due 06-20) to 2025-07-10: 10 days at 13.15 %, 10 at 12.15 %:
   * 100000 * (1315 * 10 + 1215 * 10) / 3 650 000 = 693.15 -> 693 */
  cpt_late_penalties_compute (100000, "2025-06-20", "2025-07-10", NULL, 0, -1, TRUE, &p);
  g_assert_cmpint (p.days_late, ==, 20);
  g_assert_cmpint (p.interest, ==, 693);
  g_assert_cmpint (p.rate, ==, 1215);
  /* Half of it paid on 11 July: 150 000 owed until then, 100 000 after; to 2025-07-20:
   * (150000 * (1315 * 10 + 1215 * 11) + 100000 * 1215 * 9) / 3 650 000 = 1389.25 -> 1389 */
  cpt_late_penalties_compute (100000, "2025-06-20", "2025-07-20", paid, 1, -1, TRUE, &p);
  g_assert_cmpint (p.interest, ==, 1389);
  /* The agreed rate, whatever the ECB: 15 % over 365 days of 100 000 = 15 000. */
  cpt_late_penalties_compute (100000, "2025-01-01", "2026-01-01", NULL, 0, 1500, TRUE, &p);
  g_assert_true (p.agreed);
  g_assert_cmpint (p.interest, ==, 15000);
  /* Not late, or a consumer: nothing. */
  cpt_late_penalties_compute (100000, "2025-01-01", "2025-01-01", NULL, 0, -1, TRUE, &p);
  g_assert_cmpint (p.interest, ==, 0);
  g_assert_cmpint (p.recovery_indemnity, ==, 0);
  cpt_late_penalties_compute (100000, "2025-01-01", "2025-06-01", NULL, 0, -1, FALSE, &p);
  g_assert_cmpint (p.interest, ==, 0);
  g_assert_cmpint (p.recovery_indemnity, ==, 0);
}

static void
test_dashboard (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 c1 = make_client (f->db, "Alpha", "company");
  gint64 c2 = make_client (f->db, "Beta", "company");
  CptDashboard dashboard;
  /* today 2026-06-15; invoices (gross = net x 1.2) */
  /* made in date order: numbering is chronological */
  gint64 late_100 = make_invoice (f->db, c2, "invoice", "2026-02-01", "2026-03-07", 40000);  /* 480, 100 days */
  gint64 late_45 = make_invoice (f->db, c2, "invoice", "2026-04-01", "2026-05-01", 30000);   /* 360, 45 days */
  gint64 late_10 = make_invoice (f->db, c1, "invoice", "2026-05-01", "2026-06-05", 20000);   /* 240, 10 days */
  gint64 not_due = make_invoice (f->db, c1, "invoice", "2026-06-01", "2026-07-01", 10000);   /* 120 */
  gint64 paid = make_invoice (f->db, c1, "invoice", "2026-06-02", "2026-07-02", 50000);      /* 600 */
  CptAllocation part = { 0, late_45, 6000 };

  g_assert_cmpint (cpt_payments_mark_paid (f->db, paid, "2026-06-10", NULL, NULL, &error), >, 0);
  g_assert_cmpint (cpt_payments_add (f->db, c2, "2026-06-12", 6000, NULL, NULL, NULL, &part, 1, &error), >, 0);

  g_assert_true (cpt_dashboard_compute (f->db, "2026-06-15", "2026-06-01", "2026-06-30", &dashboard, &error));
  g_assert_cmpint (dashboard.not_due_count, ==, 1);
  g_assert_cmpint (dashboard.not_due_amount, ==, 12000);
  g_assert_cmpint (dashboard.overdue_count, ==, 3);
  g_assert_cmpint (dashboard.overdue_amount, ==, 24000 + 30000 + 48000);
  g_assert_cmpint (dashboard.partially_paid_count, ==, 1);
  g_assert_cmpint (dashboard.partially_paid_amount, ==, 30000);
  /* That partly paid invoice is overdue: the card of what is not yet due does not count it. */
  g_assert_cmpint (dashboard.not_due_partial_count, ==, 0);
  g_assert_cmpint (dashboard.not_due_partial_amount, ==, 0);
  g_assert_cmpint (dashboard.aging[0], ==, 24000);
  g_assert_cmpint (dashboard.aging[1], ==, 30000);
  g_assert_cmpint (dashboard.aging[2], ==, 0);
  g_assert_cmpint (dashboard.aging[3], ==, 48000);
  g_assert_cmpint (dashboard.collected, ==, 60000 + 6000);
  g_assert_cmpint (dashboard.invoiced_net, ==, 10000 + 50000);
  g_assert_cmpint (dashboard.invoiced_gross, ==, 12000 + 60000);
  g_assert_cmpstr (dashboard.revenue[11].month, ==, "2026-06");
  g_assert_cmpstr (dashboard.revenue[0].month, ==, "2025-07");
  g_assert_cmpint (dashboard.revenue[11].net, ==, 60000);
  g_assert_cmpint (dashboard.revenue[7].net, ==, 40000); /* 2026-02 */
  g_assert_cmpuint (dashboard.top_debtors->len, ==, 2);
  g_assert_cmpstr (((CptDebtor *) g_ptr_array_index (dashboard.top_debtors, 0))->client_name, ==, "Beta");
  g_assert_cmpint (((CptDebtor *) g_ptr_array_index (dashboard.top_debtors, 0))->receivable, ==, 78000);
  g_assert_cmpuint (dashboard.overdue->len, ==, 3);
  g_assert_cmpint (((CptOverdueInvoice *) g_ptr_array_index (dashboard.overdue, 0))->document_id, ==, late_100);
  g_assert_cmpint (((CptOverdueInvoice *) g_ptr_array_index (dashboard.overdue, 0))->days_late, ==, 100);
  g_assert_cmpint (((CptOverdueInvoice *) g_ptr_array_index (dashboard.overdue, 2))->document_id, ==, late_10);
  cpt_dashboard_clear (&dashboard);

  /* A part paid on the invoice not yet due: now it is one of them. */
  {
    CptAllocation on_not_due = { 0, not_due, 2000 };

    g_assert_cmpint (cpt_payments_add (f->db, c1, "2026-06-13", 2000, NULL, NULL, NULL, &on_not_due, 1, &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_true (cpt_dashboard_compute (f->db, "2026-06-15", "2026-06-01", "2026-06-30", &dashboard, &error));
  g_assert_cmpint (dashboard.not_due_partial_count, ==, 1);
  g_assert_cmpint (dashboard.not_due_partial_amount, ==, 10000);
  g_assert_cmpint (dashboard.partially_paid_count, ==, 2);
  g_assert_cmpint (dashboard.not_due_amount, ==, 10000);
  cpt_dashboard_clear (&dashboard);

  /* Marking paid moves the figures. */
  g_assert_cmpint (cpt_payments_mark_paid (f->db, late_100, "2026-06-14", NULL, NULL, &error), >, 0);
  g_assert_true (cpt_dashboard_compute (f->db, "2026-06-15", "2026-06-01", "2026-06-30", &dashboard, &error));
  g_assert_cmpint (dashboard.overdue_count, ==, 2);
  g_assert_cmpint (dashboard.aging[3], ==, 0);
  g_assert_cmpint (dashboard.collected, ==, 66000 + 2000 + 48000);
  cpt_dashboard_clear (&dashboard);

  g_assert_false (cpt_dashboard_compute (f->db, "2026-06-15", "2026-07-01", "2026-06-01", &dashboard, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_INVALID);
  cpt_dashboard_clear (&dashboard);
}

/* The summaries are kept by triggers: a raw sqlite3 connection cannot allocate beyond the
 * balance either. */
static void
test_raw_allocation_refused (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Brut", "company");
  gint64 invoice = make_invoice (f->db, client, "invoice", "2026-01-10", NULL, 10000);
  gint64 payment = cpt_payments_add (f->db, client, NULL, 100000, NULL, NULL, NULL, NULL, 0, &error);
  sqlite3 *raw = NULL;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO allocations (payment_id, document_id, amount) "
                                          "VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 99999)",
                                          payment, invoice);

  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  sqlite3_busy_timeout (raw, 5000);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (sqlite3_errmsg (raw), "beyond what is left to pay"));
  sqlite3_close (raw);
  g_assert_cmpint (balance_of (f->db, invoice), ==, 12000);
}

/* Validating under another date keeps the terms: the due date moves with it. */
static void
test_validation_date_moves_due_date (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Terme", "company");
  g_autoptr(CptDocument) draft = cpt_documents_create (f->db, "invoice", client, "2026-03-25", NULL, NULL, &error);
  g_autoptr(CptDocumentLine) line = cpt_document_line_new ();
  g_autoptr(CptDocument) validated = NULL;

  g_assert_cmpstr (cpt_document_get_due_date (draft), ==, "2026-04-24");
  g_object_set (line, "description", "Travaux", "unit-price", (gint64) 1000000, "vat-rate", (gint64) 2000, NULL);
  g_assert_true (cpt_documents_add_line (f->db, cpt_document_get_id (draft), line, &error));
  g_assert_true (cpt_test_validate_on_its_day (f->db, cpt_document_get_id (draft), "2026-03-06", &error));
  validated = cpt_documents_load (f->db, cpt_document_get_id (draft), &error);
  g_assert_cmpstr (cpt_document_get_date (validated), ==, "2026-03-06");
  g_assert_cmpstr (cpt_document_get_due_date (validated), ==, "2026-04-05");
}

/* A refusal writes its amounts as money in the reader's language, never as "3390.60". */
static void
test_refusals_say_money (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie", "company");
  gint64 invoice = make_invoice (f->db, client, "invoice", "2026-06-01", "2026-07-01", 282550); /* 3 390.60 */
  CptAllocation too_much = { 0, invoice, 500000 };
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  g_assert_cmpint (cpt_payments_add (f->db, client, NULL, 500000, "transfer", NULL, NULL, &too_much, 1, &error), ==, 0);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "€3,390.60"));
  g_clear_error (&error);

  g_setenv ("LANGUAGE", "fr", TRUE);
  g_assert_cmpint (cpt_payments_add (f->db, client, NULL, 500000, "transfer", NULL, NULL, &too_much, 1, &error), ==, 0);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "3\u202f390,60\u00a0€"));
  g_assert_null (strstr (error->message, "3390.60"));
  g_clear_error (&error);
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

static void
rename_table (CptDatabase *db, const char *from, const char *to)
{
  g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s RENAME TO %s", from, to);

  g_assert_cmpint (sqlite3_exec (cpt_database_get_handle (db), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* A failed query reaches the caller as an error and changes nothing. The statements are
 * read once first, so that they fail when stepped, as a busy or damaged file makes them
 * fail: the old code took that for "no payment", "nothing allocated" or a balance of 0,
 * so a refund could be refused for want of a credit that was there, and "mark as unpaid"
 * said that no payment was allocated. */
static void
test_errors_reach_the_caller (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Atelier Roux", "company");
  gint64 invoice = make_invoice (f->db, client, "invoice", "2026-04-01", "2026-05-01", 25000);
  gint64 payment = cpt_payments_mark_paid (f->db, invoice, "2026-04-15", "card", NULL, &error);
  g_autoptr(CptDocument) document = cpt_documents_load (f->db, invoice, &error);
  CptPaymentTotals totals;
  CptClientBalance balance;
  g_autoptr(GPtrArray) deposits = NULL;
  g_autoptr(GArray) allocations = NULL;
  g_autoptr(CptPayment) loaded = NULL;
  g_autofree char *status = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (payment, >, 0);
  /* once, to have every statement prepared */
  g_assert_true (cpt_payments_client_balance (f->db, client, "2026-06-01", &balance, &error));
  g_assert_cmpint (balance.paid, ==, 30000);
  g_clear_object (&loaded);
  loaded = cpt_payments_load (f->db, payment, &error);
  g_assert_nonnull (loaded);
  g_clear_pointer (&allocations, g_array_unref);
  allocations = cpt_payments_allocations_of_document (f->db, invoice, &error);
  g_assert_cmpuint (allocations->len, ==, 1);
  g_clear_pointer (&allocations, g_array_unref);
  allocations = cpt_payments_allocations_of_payment (f->db, payment, &error);
  g_assert_cmpuint (allocations->len, ==, 1);
  deposits = cpt_payments_client_deposits (f->db, client, &error);
  g_assert_nonnull (deposits);
  g_clear_pointer (&deposits, g_ptr_array_unref);
  g_assert_true (cpt_payments_totals (f->db, NULL, &totals, &error));
  g_assert_cmpint (totals.received, ==, 30000);
  g_assert_no_error (error);

  rename_table (f->db, "allocations", "allocations_gone");
  g_clear_object (&loaded);
  loaded = cpt_payments_load (f->db, payment, &error);
  g_assert_null (loaded);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_false (cpt_payments_client_balance (f->db, client, "2026-06-01", &balance, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  allocations = cpt_payments_allocations_of_document (f->db, invoice, &error);
  g_assert_null (allocations);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  allocations = cpt_payments_allocations_of_payment (f->db, payment, &error);
  g_assert_null (allocations);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  allocations = cpt_payments_mark_unpaid (f->db, invoice, &error);
  g_assert_null (allocations);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_false (cpt_payments_totals (f->db, NULL, &totals, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  rename_table (f->db, "allocations_gone", "allocations");

  rename_table (f->db, "receivables", "receivables_gone");
  deposits = cpt_payments_client_deposits (f->db, client, &error);
  g_assert_null (deposits);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  /* a receivable that cannot be read is not "not an invoice" */
  g_assert_false (cpt_payments_document_balance (f->db, invoice, &(CptDocumentBalance) { 0 }, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  g_test_expect_message ("cpt-database", G_LOG_LEVEL_WARNING, "*no such table*");
  status = cpt_payments_status (f->db, document, "2026-06-01", &error);
  g_test_assert_expected_messages ();
  g_assert_null (status);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  rename_table (f->db, "receivables_gone", "receivables");

  /* nothing was changed: the payment is still allocated */
  assert_status (f->db, invoice, "2026-06-01", "paid");
  allocations = cpt_payments_allocations_of_document (f->db, invoice, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (allocations->len, ==, 1);
}

/* Each query of the dashboard that fails reaches the caller, whichever summary it reads. */
static void
test_dashboard_errors_reach_the_caller (CptTestDb *f, gconstpointer data)
{
  static const char *const tables[] = { "open_by_due", "daily_totals", "payments",
                                        "open_by_client", "receivables" };
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Alpha", "company");
  gint64 late = make_invoice (f->db, client, "invoice", "2026-02-01", "2026-03-07", 40000);
  CptDashboard dashboard;

  g_assert_cmpint (late, >, 0);
  g_assert_cmpint (cpt_payments_mark_paid (f->db, make_invoice (f->db, client, "invoice", "2026-06-02",
                                                                "2026-07-02", 50000),
                                           "2026-06-10", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  /* once, to have every statement prepared: the failures below come when stepping */
  g_assert_true (cpt_dashboard_compute (f->db, "2026-06-15", NULL, NULL, &dashboard, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dashboard.overdue_count, ==, 1);
  g_assert_cmpuint (dashboard.top_debtors->len, ==, 1);
  cpt_dashboard_clear (&dashboard);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *gone = g_strdup_printf ("%s_gone", tables[i]);

      rename_table (f->db, tables[i], gone);
      g_assert_false (cpt_dashboard_compute (f->db, "2026-06-15", NULL, NULL, &dashboard, &error));
      g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
      g_assert_nonnull (strstr (error->message, tables[i]));
      g_clear_error (&error);
      cpt_dashboard_clear (&dashboard);
      rename_table (f->db, gone, tables[i]);
    }
  g_assert_true (cpt_dashboard_compute (f->db, "2026-06-15", NULL, NULL, &dashboard, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dashboard.overdue_amount, ==, 48000);
  cpt_dashboard_clear (&dashboard);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("COMPTOIR_TODAY", "2026-06-15", TRUE);
  CPT_TEST_DB ("/payments/statuses", test_statuses);
  CPT_TEST_DB ("/payments/allocation-rules", test_allocation_rules);
  CPT_TEST_DB ("/payments/mark-unpaid-and-undo", test_mark_unpaid_and_undo);
  CPT_TEST_DB ("/payments/credit-notes-settle", test_credit_notes_settle);
  CPT_TEST_DB ("/payments/credit-after-payment", test_credit_after_payment);
  CPT_TEST_DB ("/payments/deposits-tab", test_deposits_tab);
  CPT_TEST_DB ("/payments/reminder", test_reminder);
  g_test_add_func ("/payments/reminder-plan", test_reminder_plan);
  g_test_add_func ("/payments/late-penalties", test_late_penalties);
  CPT_TEST_DB ("/payments/dashboard", test_dashboard);
  CPT_TEST_DB ("/payments/raw-allocation-refused", test_raw_allocation_refused);
  CPT_TEST_DB ("/payments/validation-date-moves-due-date", test_validation_date_moves_due_date);
  CPT_TEST_DB ("/payments/refusals-say-money", test_refusals_say_money);
  CPT_TEST_DB ("/payments/errors-reach-the-caller", test_errors_reach_the_caller);
  CPT_TEST_DB ("/payments/dashboard/errors-reach-the-caller", test_dashboard_errors_reach_the_caller);
  return g_test_run ();
}
