/* The document lifecycle by French rules (issue 3): validation and numbering, number formats,
 * immutability (through a raw SQLite connection too), snapshots, quotes, deposits and
 * balance invoices at mixed VAT rates, deposits attached and detached, pro forma, credit
 * notes, the audit trail and the hash chain, and the allowed actions. Every refusal is
 * checked for its error code, a key part of its message, and that it changed nothing. */
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "cpt-client.h"
#include "cpt-company.h"
#include "cpt-documents.h"
#include "cpt-document-extras.h"
#include "cpt-document-snapshot.h"
#include "cpt-payments.h"
#include "cpt-error.h"
#include "cpt-ledger.h"
#include "cpt-lifecycle.h"
#include "cpt-series.h"
#include "cpt-test-utils.h"
#include "cpt-vat.h"

#define TODAY "2026-03-15"
/* unit prices of the first line of the awkward quote: 333.33 and 3333.33 */
#define SMALL 3333300
#define BIG 33333300

/* ---------------------------------------------------------------- helpers */

/* A refusal: the error code and words of its message. */
#define assert_refused(err, want, words)                                                   \
  G_STMT_START {                                                                           \
    g_assert_nonnull (err);                                                                \
    if (!g_error_matches ((err), CPT_ERROR, (want)))                                       \
      g_error ("%s:%d: expected error code %d, got %s %d: %s", __FILE__, __LINE__,         \
               (int) (want), g_quark_to_string ((err)->domain), (err)->code, (err)->message); \
    if (strstr ((err)->message, (words)) == NULL)                                          \
      g_error ("%s:%d: “%s” does not mention “%s”", __FILE__, __LINE__, (err)->message,    \
               (words));                                                                   \
    g_clear_error (&(err));                                                                \
  } G_STMT_END

static char *
sql_text (CptDatabase *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (cpt_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text ? text : g_strdup ("");
}

static gint64
sql_int (CptDatabase *db, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gint64
sql_int (CptDatabase *db, const char *format, ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_prepare_v2 (cpt_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Everything a refusal could have changed: every document with its lines (the canonical
 * text of the ledger), the counters, the series, the marks, the audit trail and the ledger. */
static char *
db_state (CptDatabase *db)
{
  GString *state = g_string_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  const char *tails[] = {
    "SELECT group_concat (x, ';') FROM (SELECT series || '/' || period || '=' || last AS x "
    "  FROM series_counters ORDER BY series, period)",
    "SELECT group_concat (x, ';') FROM (SELECT name || '|' || format || '|' || reset || '|' || "
    "  first_number AS x FROM series ORDER BY name)",
    "SELECT group_concat (x, ';') FROM (SELECT document_id || '|' || coalesce (sent_on, '') || '|' || "
    "  coalesce (accepted_on, '') || '|' || coalesce (refused_on, '') AS x FROM document_marks "
    "  ORDER BY document_id)",
    "SELECT count(*) || ' events, last ' || coalesce (max (id), 0) FROM audit_events",
    "SELECT count(*) || ' entries, last ' || coalesce ((SELECT hash FROM ledger ORDER BY seq DESC LIMIT 1), '') FROM ledger",
    "SELECT count(*) FROM document_lines",
  };

  g_assert_cmpint (sqlite3_prepare_v2 (cpt_database_get_handle (db), "SELECT id FROM documents ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *canonical = cpt_ledger_canonical (db, g_array_index (ids, gint64, i), NULL);
      g_string_append_printf (state, "%s\n", canonical);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tails); i++)
    {
      g_autofree char *text = sql_text (db, tails[i]);
      g_string_append_printf (state, "%s\n", text);
    }
  return g_string_free (state, FALSE);
}

#define assert_unchanged(db, before)                                                      \
  G_STMT_START {                                                                          \
    g_autofree char *after__ = db_state (db);                                             \
    g_assert_cmpstr (after__, ==, (before));                                              \
  } G_STMT_END

static void
assert_check_clean (CptDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = cpt_ledger_check (db, &error);

  g_assert_no_error (error);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("check: %s\n", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

static gint64
make_client (CptDatabase *db, const char *name)
{
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (client, "name", name, "email", "compta@example.org", "city", "Lyon", "payment-days", (gint64) 30, NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  g_assert_no_error (error);
  return cpt_client_get_id (client);
}

static CptDocumentLine *
item (const char *description, gint64 quantity, gint64 unit_price, gint64 rate)
{
  CptDocumentLine *line = cpt_document_line_new ();

  g_object_set (line, "description", description, "quantity", quantity, "unit-price", unit_price,
                "vat-rate", rate, NULL);
  return line;
}

/* Adds an item line; returns its id. Quantity in thousandths, price in hundredths of cents. */
static gint64
add_item (CptDatabase *db, gint64 document_id, const char *description, gint64 quantity,
          gint64 unit_price, gint64 rate)
{
  g_autoptr(CptDocumentLine) line = item (description, quantity, unit_price, rate);
  g_autoptr(GError) error = NULL;

  g_assert_true (cpt_documents_add_line (db, document_id, line, &error));
  g_assert_no_error (error);
  return cpt_document_line_get_id (line);
}

static gint64
new_document (CptDatabase *db, const char *kind, gint64 client, const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) document = cpt_documents_create (db, kind, client, date, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return cpt_document_get_id (document);
}

/* A draft with one line of `amount` cents at 20 %. */
static gint64
new_with_line (CptDatabase *db, const char *kind, gint64 client, const char *date, gint64 amount)
{
  gint64 id = new_document (db, kind, client, date);

  add_item (db, id, "Prestation", 1000, amount * 100, 2000);
  return id;
}

static CptDocument *
load (CptDatabase *db, gint64 id)
{
  g_autoptr(GError) error = NULL;
  CptDocument *document = cpt_documents_load (db, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static GPtrArray *
lines_of (CptDatabase *db, gint64 id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *lines = cpt_documents_load_lines (db, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (lines);
  return lines;
}

#define LINE(lines, i) ((CptDocumentLine *) g_ptr_array_index ((lines), (i)))

/* Validates and returns the number given. */
static char *
validate (CptDatabase *db, gint64 id, const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) document = NULL;

  if (!cpt_test_validate_on_its_day (db, id, date, &error))
    g_error ("validating #%" G_GINT64_FORMAT " failed: %s", id, error->message);
  document = load (db, id);
  g_assert_cmpstr (cpt_document_get_status (document), ==, "validated");
  g_assert_nonnull (cpt_document_get_number (document));
  return g_strdup (cpt_document_get_number (document));
}

/* A draft credit note of the whole of validated `invoice`. */
static gint64
credit_of (CptDatabase *db, gint64 invoice)
{
  g_autoptr(GError) error = NULL;
  gint64 note = cpt_lifecycle_credit (db, invoice, NULL, 0, &error);

  g_assert_no_error (error);
  return note;
}

static void
assert_number (CptDatabase *db, gint64 id, const char *date, const char *expected)
{
  g_autofree char *number = validate (db, id, date);

  g_assert_cmpstr (number, ==, expected);
}

static char *
status_at (CptDatabase *db, gint64 id, const char *today)
{
  g_autoptr(CptDocument) document = load (db, id);

  return cpt_lifecycle_status (db, document, today, NULL);
}

#define assert_status(db, id, today, expected)                                            \
  G_STMT_START {                                                                          \
    g_autofree char *status__ = status_at ((db), (id), (today));                          \
    g_assert_cmpstr (status__, ==, (expected));                                           \
  } G_STMT_END

static gint64
sent_quote (CptDatabase *db, gint64 client)
{
  g_autoptr(GError) error = NULL;
  gint64 quote = new_document (db, "quote", client, NULL);

  add_item (db, quote, "Conception", 1000, 1000000, 2000);
  g_assert_true (cpt_lifecycle_quote_send (db, quote, NULL, &error));
  g_assert_no_error (error);
  return quote;
}

/* The awkward quote: 1 x 333.33 at 20 %, 3 x 0.07 at 5.5 %, 7 x 1.09 at 10 %, 1 x 0.99 at
 * 2.1 % (or 3333.33 for the first line). Net 342.16 (20 %: 333.33, VAT 66.67; 10 %: 7.63, VAT 0.76; 5.5 %: 0.21, VAT 0.01;
 * 2.1 %: 0.99, VAT 0.02), VAT 67.46, gross 409.62. Sent and accepted. */
static gint64
awkward_quote (CptDatabase *db, gint64 client, gint64 first_price)
{
  g_autoptr(GError) error = NULL;
  gint64 quote = new_document (db, "quote", client, NULL);

  add_item (db, quote, "Maquette", 1000, first_price, 2000);
  add_item (db, quote, "Livrets", 3000, 700, 550);
  add_item (db, quote, "Repas", 7000, 10900, 1000);
  add_item (db, quote, "Presse", 1000, 9900, 210);
  g_assert_true (cpt_lifecycle_quote_send (db, quote, NULL, &error));
  g_assert_true (cpt_lifecycle_quote_accept (db, quote, NULL, &error));
  g_assert_no_error (error);
  return quote;
}

static gint64
quote_invoice (CptDatabase *db, gint64 quote, CptQuoteInvoice how, gint64 value)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cpt_lifecycle_quote_invoice (db, quote, how, value, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The (rate, net) of each line of a document, "2000:10000 1000:229". */
static char *
line_nets (CptDatabase *db, gint64 id, const char *kind)
{
  g_autoptr(GPtrArray) lines = lines_of (db, id);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    if (g_strcmp0 (cpt_document_line_get_kind (LINE (lines, i)), kind) == 0)
      g_string_append_printf (text, "%s%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, text->len ? " " : "",
                              cpt_document_line_get_vat_rate (LINE (lines, i)),
                              cpt_document_line_get_net (LINE (lines, i)));
  return g_string_free (text, FALSE);
}

static CptAction *
find_action (GPtrArray *actions, const char *name)
{
  for (guint i = 0; i < actions->len; i++)
    {
      CptAction *action = g_ptr_array_index (actions, i);
      if (g_strcmp0 (action->name, name) == 0)
        return action;
    }
  g_error ("no action “%s”", name);
  return NULL;
}

static void
assert_allowed (GPtrArray *actions, const char *name)
{
  CptAction *action = find_action (actions, name);

  if (!action->allowed)
    g_error ("“%s” should be allowed, refused: %s", name, action->reason);
  g_assert_null (action->reason);
}

static void
assert_not_allowed (GPtrArray *actions, const char *name, const char *words)
{
  CptAction *action = find_action (actions, name);

  if (action->allowed)
    g_error ("“%s” should be refused", name);
  g_assert_nonnull (action->reason);
  if (strstr (action->reason, words) == NULL)
    g_error ("the reason “%s” for “%s” does not mention “%s”", action->reason, name, words);
}

static GPtrArray *
actions_of (CptDatabase *db, gint64 id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *actions = cpt_lifecycle_actions (db, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (actions);
  return actions;
}

/* ---------------------------------------------------------------- 1. validation */

static void
test_validate_numbers (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 a = new_with_line (f->db, "invoice", client, "2026-03-01", 10000);
  gint64 b = new_with_line (f->db, "invoice", client, "2026-03-02", 20000);
  gint64 c = new_with_line (f->db, "invoice", client, "2026-03-03", 30000);
  gint64 early = new_with_line (f->db, "invoice", client, "2026-02-20", 5000);
  gint64 empty = new_document (f->db, "invoice", client, "2026-03-04");
  g_autoptr(CptDocument) first = NULL;
  g_autoptr(CptDocument) moved = NULL;
  g_autofree char *before = NULL;
  g_autoptr(CptDocumentLine) text = cpt_document_line_new ();

  assert_number (f->db, a, NULL, "FA-2026-0001");
  first = load (f->db, a);
  g_assert_cmpstr (cpt_document_get_series (first), ==, "invoice");
  g_assert_cmpstr (cpt_document_get_date (first), ==, "2026-03-01");
  {
    g_autofree char *validated_at = NULL, *period = NULL;
    gint64 sequence;
    g_object_get (first, "validated-at", &validated_at, "period", &period, "sequence", &sequence, NULL);
    g_assert_nonnull (validated_at);
    g_assert_cmpstr (period, ==, "2026");
    g_assert_cmpint (sequence, ==, 1);
  }
  assert_number (f->db, b, NULL, "FA-2026-0002");

  /* Validating twice is refused and changes nothing. */
  before = db_state (f->db);
  g_assert_false (cpt_test_validate_on_its_day (f->db, a, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "FA-2026-0001 is already validated");
  assert_unchanged (f->db, before);

  /* Earlier than the last validated document of the series: refused, naming it. */
  g_assert_false (cpt_test_validate_on_its_day (f->db, early, NULL, &error));
  /* The date written as everywhere on screen (C locale: English), not in ISO. */
  g_assert_nonnull (strstr (error->message, "2 Mar 2026"));
  assert_refused (error, CPT_ERROR_REFUSED, "FA-2026-0002");
  g_assert_false (cpt_test_validate_on_its_day (f->db, c, "2026-02-28", &error));
  assert_refused (error, CPT_ERROR_REFUSED, "FA-2026-0002");
  assert_unchanged (f->db, before);
  assert_status (f->db, early, NULL, "draft");

  assert_number (f->db, c, NULL, "FA-2026-0003");
  /* The early draft takes a later date and the next number; the date is the one given. */
  assert_number (f->db, early, "05/03/2026", "FA-2026-0004");
  moved = load (f->db, early);
  g_assert_cmpstr (cpt_document_get_date (moved), ==, "2026-03-05");
  /* Its due date (30 days from 2026-02-20) was before the new date: it follows. */
  g_assert_cmpstr (cpt_document_get_due_date (moved), >=, "2026-03-05");

  /* No line with an amount: refused (a text line is not enough). */
  g_object_set (text, "kind", "text", "description", "Rien à facturer", NULL);
  g_assert_true (cpt_documents_add_line (f->db, empty, text, &error));
  g_free (before);
  before = db_state (f->db);
  g_assert_false (cpt_test_validate_on_its_day (f->db, empty, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "no line with an amount");
  assert_unchanged (f->db, before);

  /* A bad date is refused as input. */
  g_assert_false (cpt_test_validate_on_its_day (f->db, empty, "2026-02-30", &error));
  assert_refused (error, CPT_ERROR_INVALID, "2026-02-30");
  g_assert_false (cpt_test_validate_on_its_day (f->db, 99999, NULL, &error));
  assert_refused (error, CPT_ERROR_NOT_FOUND, "99999");
  assert_unchanged (f->db, before);
  assert_check_clean (f->db);
}

static void
test_validate_series_per_kind (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 invoice = new_with_line (f->db, "invoice", client, "2026-03-01", 10000);
  gint64 deposit = new_with_line (f->db, "deposit", client, "2026-03-02", 3000);
  gint64 invoice2 = new_with_line (f->db, "invoice", client, "2026-03-03", 10000);
  gint64 deposit2 = new_with_line (f->db, "deposit", client, "2026-03-04", 3000);
  gint64 deposit3 = new_with_line (f->db, "deposit", client, "2026-03-05", 3000);
  gint64 quote = new_with_line (f->db, "quote", client, "2026-03-01", 50000);
  gint64 credit, credit2;
  g_autoptr(CptSeries) series = NULL;

  /* Deposit invoices share the invoices' chronology by default. */
  assert_number (f->db, invoice, NULL, "FA-2026-0001");
  assert_number (f->db, deposit, NULL, "FA-2026-0002");
  assert_number (f->db, invoice2, NULL, "FA-2026-0003");
  /* Credit notes and quotes have their own series. A credit note cites what it credits. */
  credit = cpt_lifecycle_credit (f->db, invoice, NULL, 0, &error);
  g_assert_no_error (error);
  credit2 = cpt_lifecycle_credit (f->db, invoice2, NULL, 0, &error);
  g_assert_no_error (error);
  assert_number (f->db, credit, "2026-03-06", "AV-2026-0001");
  assert_number (f->db, credit2, "2026-03-06", "AV-2026-0002");
  assert_number (f->db, quote, NULL, "DE-2026-0001");
  /* The company chooses a separate series for deposits: AC numbers, from 1. */
  {
    g_autoptr(CptCompany) company = cpt_company_load (f->db, &error);
    g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company),
                                             "separate_deposit_series", "yes", &error));
    g_assert_true (cpt_company_save (company, f->db, &error));
    g_assert_no_error (error);
  }
  assert_number (f->db, deposit2, NULL, "AC-2026-0001");
  assert_number (f->db, deposit3, NULL, "AC-2026-0002");
  {
    g_autoptr(CptDocument) doc = load (f->db, deposit2);
    g_assert_cmpstr (cpt_document_get_series (doc), ==, "deposit");
  }
  series = cpt_series_load (f->db, "invoice", &error);
  g_assert_cmpint (series->used, ==, 3);
  g_clear_pointer (&series, cpt_series_free);
  series = cpt_series_load (f->db, "deposit", &error);
  g_assert_cmpint (series->used, ==, 2);
  assert_check_clean (f->db);
}

/* Validation checks the e-invoice the document will be against the EN 16931 and BR-FR
 * rules (issue 13): an invoice a platform would refuse is not numbered, the refusal says
 * what to change and where, and the number is given once it is put right. */
/* A private person has no electronic address and is not on the e-invoicing network (sales
 * to consumers are reported, not e-invoiced): the BR-FR rules that would ask for one do not
 * stand between the invoice and its number. */
static void
test_validate_consumer (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();
  gint64 invoice;

  g_object_set (client, "name", "Jeanne Petit", "kind", "individual", "city", "Lyon", NULL);
  g_assert_true (cpt_client_insert (client, f->db, &error));
  g_assert_no_error (error);
  invoice = new_with_line (f->db, "invoice", cpt_client_get_id (client), "2026-03-10", 10000);
  assert_number (f->db, invoice, NULL, "FA-2026-0001");
}

static void
test_validate_einvoice_rules (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = cpt_company_load (f->db, &error);
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autofree char *before = NULL;
  gint64 invoice, note, quote;

  g_assert_no_error (error);
  g_object_set (company, "siren", NULL, NULL);
  g_assert_true (cpt_company_save (company, f->db, &error));
  g_object_set (client, "name", "Garage Fournier", "city", "Lyon", NULL);
  g_assert_true (cpt_client_insert (client, f->db, &error));
  invoice = new_with_line (f->db, "invoice", cpt_client_get_id (client), "2026-03-10", 10000);
  quote = new_with_line (f->db, "quote", cpt_client_get_id (client), "2026-03-10", 10000);

  before = db_state (f->db);
  g_assert_false (cpt_lifecycle_validate (f->db, invoice, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Enter the business’s SIREN in Preferences, Business. (BR-FR-10)"));
  g_assert_nonnull (strstr (error->message, "Enter the client’s email or SIREN on its record. (BR-FR-12)"));
  assert_refused (error, CPT_ERROR_REFUSED, "e-invoicing platforms would refuse draft #1");
  assert_unchanged (f->db, before);
  /* A quote is not an e-invoice: its rules are not these. */
  assert_number (f->db, quote, NULL, "DE-2026-0001");

  /* The seller's SIREN alone is not enough: the buyer needs an electronic address. */
  g_object_set (company, "siren", "732829320", NULL);
  g_assert_true (cpt_company_save (company, f->db, &error));
  g_clear_error (&error);
  g_free (before);
  before = db_state (f->db);
  g_assert_false (cpt_lifecycle_validate (f->db, invoice, NULL, &error));
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "BR-FR-10"));
  assert_refused (error, CPT_ERROR_REFUSED, "(BR-FR-12)");
  assert_unchanged (f->db, before);

  /* Put right: the first number of the series, none was lost to the refusals. */
  g_object_set (client, "email", "atelier@fournier.example", NULL);
  g_assert_true (cpt_client_update (client, f->db, &error));
  g_clear_error (&error);
  assert_number (f->db, invoice, NULL, "FA-2026-0001");

  /* A credit note made from its invoice cites it (BR-FR-CO-05) and validates. */
  note = credit_of (f->db, invoice);
  assert_number (f->db, note, NULL, "AV-2026-0001");
}

static void
test_deleted_draft_takes_no_number (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 one = new_with_line (f->db, "invoice", client, NULL, 10000);
  gint64 two = new_with_line (f->db, "invoice", client, NULL, 20000);
  gint64 three = new_with_line (f->db, "invoice", client, NULL, 30000);
  g_autofree char *preview = NULL;

  g_assert_true (cpt_lifecycle_delete (f->db, two, &error));
  g_assert_no_error (error);
  g_assert_null (cpt_documents_load (f->db, two, &error));
  assert_refused (error, CPT_ERROR_NOT_FOUND, "no document");
  assert_number (f->db, one, NULL, "FA-2026-0001");
  assert_number (f->db, three, NULL, "FA-2026-0002");
  preview = cpt_series_preview (f->db, "invoice", TODAY, &error);
  g_assert_cmpstr (preview, ==, "FA-2026-0003");
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM audit_events WHERE action = 'delete_draft' "
                                   "AND document_id = %" G_GINT64_FORMAT, two), ==, 1);
  assert_check_clean (f->db);
}

/* Renames `from` to `to` with raw SQL, behind the store's back. */
static void
rename_table (CptDatabase *db, const char *from, const char *to)
{
  g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s RENAME TO %s", from, to);

  g_assert_cmpint (sqlite3_exec (cpt_database_get_handle (db), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
}

static void
test_series_errors_reach_the_caller (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptSeries) series = NULL;
  g_autofree char *name = NULL, *preview = NULL;
  GLogLevelFlags fatal;

  /* each statement runs once first, so that it is prepared when its table goes: it then
   * fails when it steps, where a failure used to read as "no row" */
  name = cpt_series_for_kind (f->db, "deposit", &error);
  g_assert_no_error (error);
  g_clear_pointer (&name, g_free);
  preview = cpt_series_preview_with (f->db, "invoice", "F-{YYYY}-{N:3}", CPT_SERIES_RESET_YEARLY,
                                     40, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (preview, ==, "F-2026-040");
  g_clear_pointer (&preview, g_free);

  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  rename_table (f->db, "company", "company_gone");
  /* the deposits' series is not taken for the invoices' one when the choice cannot be read */
  name = cpt_series_for_kind (f->db, "deposit", &error);
  g_assert_null (name);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  rename_table (f->db, "company_gone", "company");

  /* nor is a first number shown when the counters cannot be read */
  rename_table (f->db, "series_counters", "counters_gone");
  preview = cpt_series_preview_with (f->db, "invoice", "F-{YYYY}-{N:3}", CPT_SERIES_RESET_YEARLY,
                                     40, TODAY, &error);
  g_assert_null (preview);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_false (cpt_series_set (f->db, "invoice", "F-{YYYY}-{N:3}", -1, 0, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  rename_table (f->db, "counters_gone", "series_counters");

  /* a series that cannot be read is not called unknown */
  rename_table (f->db, "series", "series_gone");
  series = cpt_series_load (f->db, "invoice", &error);
  g_assert_null (series);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  rename_table (f->db, "series_gone", "series");
  g_log_set_always_fatal (fatal);

  /* and nothing was changed */
  series = cpt_series_load (f->db, "invoice", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (series->format, ==, "FA-{YYYY}-{N:4}");
}

/* The editor's reads beside a document: a failure is not taken for "no deposit", "no
 * event" or "no linked document". */
static void
test_extras_errors_reach_the_caller (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 moreau = make_client (f->db, "Librairie Moreau");
  gint64 lenoir = make_client (f->db, "Atelier Lenoir");
  gint64 draft = new_with_line (f->db, "invoice", moreau, NULL, 10000);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) related = NULL;
  g_autoptr(CptDocument) document = NULL;
  GLogLevelFlags fatal;

  /* once each, so that the statements are prepared when their tables go */
  g_assert_true (cpt_documents_set_client (f->db, draft, lenoir, &error));
  g_assert_no_error (error);
  g_assert_true (cpt_documents_set_client (f->db, draft, moreau, &error));
  g_assert_no_error (error);
  history = cpt_documents_history (f->db, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_clear_pointer (&history, g_ptr_array_unref);
  related = cpt_documents_related (f->db, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (related->len, ==, 0);
  g_clear_pointer (&related, g_ptr_array_unref);

  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  /* whether the draft deducts deposits cannot be read: its client stays */
  rename_table (f->db, "document_lines", "lines_gone");
  g_assert_false (cpt_documents_set_client (f->db, draft, lenoir, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  related = cpt_documents_related (f->db, draft, &error);
  g_assert_null (related);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  rename_table (f->db, "lines_gone", "document_lines");

  rename_table (f->db, "audit_events", "events_gone");
  history = cpt_documents_history (f->db, draft, &error);
  g_assert_null (history);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  rename_table (f->db, "events_gone", "audit_events");
  g_log_set_always_fatal (fatal);

  document = load (f->db, draft);
  g_assert_cmpint (cpt_document_get_client_id (document), ==, moreau);
  g_assert_cmpstr (cpt_document_get_client_name (document), ==, "Librairie Moreau");
}

/* ---------------------------------------------------------------- 2. number formats */

static void
test_series_formats (void)
{
  struct { const char *format; gint64 counter; const char *date; const char *number; } good[] = {
    { "FA{YY}{MM}{N:4}", 1, "2026-03-15", "FA26030001" },           /* eKo */
    { "AC{YY}{MM}{N:4}", 3, "2025-08-02", "AC25080003" },
    { "FA{YY}{MM}{N:4}", 14, "2025-08-31", "FA25080014" },
    { "#F-{YYYY}-{MM}-{DD}-{N:3}", 7, "2026-03-05", "#F-2026-03-05-007" },  /* Factomos */
    { "FA-{YYYY}-{N:4}", 12345, "2026-01-01", "FA-2026-12345" },    /* a width is a minimum */
    { "{N}", 42, "2026-01-01", "42" },
    { "{N:9}_{YYYY}/{DD}.{MM}", 5, "2027-12-24", "000000005_2027/24.12" },
  };
  struct { const char *format; CptSeriesReset reset; const char *words; } bad[] = {
    { "FA-{YYYY}", CPT_SERIES_RESET_YEARLY, "exactly once" },
    { "FA-{N}-{N:4}", CPT_SERIES_RESET_NEVER, "exactly once" },
    { "FA-{X}-{N}", CPT_SERIES_RESET_NEVER, "“{X}” is not a token" },
    { "FA-{N:0}", CPT_SERIES_RESET_NEVER, "is not a token" },
    { "FA-{N:10}", CPT_SERIES_RESET_NEVER, "is not a token" },
    { "FA-{yyyy}-{N}", CPT_SERIES_RESET_NEVER, "is not a token" },
    { "FA-{N:4}", CPT_SERIES_RESET_YEARLY, "every year needs the year" },
    { "FA-{MM}-{N:4}", CPT_SERIES_RESET_YEARLY, "every year needs the year" },
    { "FA-{YYYY}-{N:4}", CPT_SERIES_RESET_MONTHLY, "every month needs the year and the month" },
    { "FA-{MM}-{N:4}", CPT_SERIES_RESET_MONTHLY, "every month needs the year and the month" },
    { "FA-{YYYY-{N}", CPT_SERIES_RESET_NEVER, "is not a token" },
    { "FA-{YYYY}-{N", CPT_SERIES_RESET_NEVER, "without its “}”" },
    { "FA-YYYY}-{N}", CPT_SERIES_RESET_NEVER, "without its “{”" },
    { "FA {N}", CPT_SERIES_RESET_NEVER, "cannot be part of a document number" },
    { "FA:{N}", CPT_SERIES_RESET_NEVER, "cannot be part of a document number" },
    { "FA\\{N}", CPT_SERIES_RESET_NEVER, "cannot be part of a document number" },
    { "FÀ-{N}", CPT_SERIES_RESET_NEVER, "cannot be part of a document number" },
    { "", CPT_SERIES_RESET_NEVER, "cannot be empty" },
    { "FA-{N}-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", CPT_SERIES_RESET_NEVER,
      "at most 64" },
  };
  const char *separators[] = { "A-{N}", "A_{N}", "A/{N}", "A.{N}", "#A{N}", "a9{N}" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *number = cpt_series_format_number (good[i].format, good[i].counter, good[i].date);

      if (!cpt_series_check_format (good[i].format, CPT_SERIES_RESET_NEVER, &error))
        g_error ("“%s” refused: %s", good[i].format, error->message);
      g_assert_cmpstr (number, ==, good[i].number);
    }
  g_assert_true (cpt_series_check_format ("FA{YY}{MM}{N:4}", CPT_SERIES_RESET_MONTHLY, NULL));
  g_assert_true (cpt_series_check_format ("FA-{YY}-{N}", CPT_SERIES_RESET_YEARLY, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    g_assert_true (cpt_series_check_format (separators[i], CPT_SERIES_RESET_NEVER, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      if (cpt_series_check_format (bad[i].format, bad[i].reset, &error))
        g_error ("“%s” (%s) should be refused", bad[i].format, cpt_series_reset_to_string (bad[i].reset));
      assert_refused (error, CPT_ERROR_INVALID, bad[i].words);
    }
  /* Periods. */
  {
    g_autofree char *never = cpt_series_period (CPT_SERIES_RESET_NEVER, "2026-11-05");
    g_autofree char *yearly = cpt_series_period (CPT_SERIES_RESET_YEARLY, "2026-11-05");
    g_autofree char *monthly = cpt_series_period (CPT_SERIES_RESET_MONTHLY, "2026-11-05");
    CptSeriesReset reset;
    g_autoptr(GError) error = NULL;

    g_assert_cmpstr (never, ==, "");
    g_assert_cmpstr (yearly, ==, "2026");
    g_assert_cmpstr (monthly, ==, "2026-11");
    g_assert_false (cpt_series_reset_parse ("weekly", &reset, &error));
    assert_refused (error, CPT_ERROR_INVALID, "weekly");
  }
}

static void
test_series_resets (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  g_autofree char *before = NULL;
  g_autoptr(CptSeries) series = NULL;
  gint64 id, invoices[3];

  /* Yearly (the default): restarts at 1 in a new year. */
  assert_number (f->db, new_with_line (f->db, "quote", client, "2026-12-30", 100), NULL, "DE-2026-0001");
  assert_number (f->db, new_with_line (f->db, "quote", client, "2026-12-31", 100), NULL, "DE-2026-0002");
  assert_number (f->db, new_with_line (f->db, "quote", client, "2027-01-02", 100), NULL, "DE-2027-0001");
  assert_number (f->db, new_with_line (f->db, "quote", client, "2027-01-03", 100), NULL, "DE-2027-0002");

  /* Monthly, in the eKo format: restarts in each month. */
  g_assert_true (cpt_series_set (f->db, "invoice", "FA{YY}{MM}{N:4}", CPT_SERIES_RESET_MONTHLY, 0, &error));
  g_assert_no_error (error);
  invoices[0] = new_with_line (f->db, "invoice", client, "2026-03-30", 100);
  assert_number (f->db, invoices[0], NULL, "FA26030001");
  invoices[1] = new_with_line (f->db, "invoice", client, "2026-03-31", 100);
  assert_number (f->db, invoices[1], NULL, "FA26030002");
  assert_number (f->db, new_with_line (f->db, "invoice", client, "2026-04-01", 100), NULL, "FA26040001");
  assert_number (f->db, new_with_line (f->db, "invoice", client, "2026-04-01", 100), NULL, "FA26040002");
  invoices[2] = new_with_line (f->db, "invoice", client, "2027-04-01", 100);
  assert_number (f->db, invoices[2], NULL, "FA27040001");

  /* Never: keeps counting over years. Each credit note cites the invoice it credits. */
  g_assert_true (cpt_series_set (f->db, "credit_note", "AV{N:5}", CPT_SERIES_RESET_NEVER, 0, &error));
  assert_number (f->db, credit_of (f->db, invoices[0]), "2026-12-31", "AV00001");
  assert_number (f->db, credit_of (f->db, invoices[1]), "2027-01-01", "AV00002");
  assert_number (f->db, credit_of (f->db, invoices[2]), "2028-06-01", "AV00003");
  assert_check_clean (f->db);

  /* Once used, when the counter restarts can no longer change. */
  before = db_state (f->db);
  g_assert_false (cpt_series_set (f->db, "invoice", NULL, CPT_SERIES_RESET_YEARLY, 0, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "can no longer change");
  g_assert_false (cpt_series_set (f->db, "credit_note", "AV-{YYYY}-{N:5}", CPT_SERIES_RESET_YEARLY, 0, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "can no longer change");
  /* Bad formats are refused by set too, and an unknown series. */
  g_assert_false (cpt_series_set (f->db, "invoice", "FA-{N}", -1, 0, &error));
  assert_refused (error, CPT_ERROR_INVALID, "every month");
  g_assert_false (cpt_series_set (f->db, "invoice", "FA{YY}{MM}", -1, 0, &error));
  assert_refused (error, CPT_ERROR_INVALID, "exactly once");
  g_assert_false (cpt_series_set (f->db, "receipts", "R{N}", -1, 0, &error));
  assert_refused (error, CPT_ERROR_NOT_FOUND, "receipts");
  assert_unchanged (f->db, before);
  series = cpt_series_load (f->db, "invoice", &error);
  g_assert_cmpstr (series->format, ==, "FA{YY}{MM}{N:4}");
  g_assert_cmpint (series->reset, ==, CPT_SERIES_RESET_MONTHLY);
  g_assert_cmpint (series->used, ==, 5);

  /* The format itself may change (same reset): the counter goes on. */
  g_assert_true (cpt_series_set (f->db, "invoice", "F-{YYYY}{MM}-{N:3}", -1, 0, &error));
  g_assert_no_error (error);
  id = new_with_line (f->db, "invoice", client, "2027-04-02", 100);
  assert_number (f->db, id, NULL, "F-202704-002");
  assert_check_clean (f->db);
}

static void
test_series_first_number (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  g_autofree char *preview = NULL;
  g_autofree char *before = NULL;
  g_autoptr(CptSeries) series = NULL;

  /* A business moving from another tool starts at 120. */
  g_assert_false (cpt_series_set (f->db, "invoice", NULL, -1, 1000000000, &error));
  assert_refused (error, CPT_ERROR_INVALID, "at most");
  g_assert_true (cpt_series_set (f->db, "invoice", NULL, -1, 120, &error));
  g_assert_no_error (error);
  preview = cpt_series_preview (f->db, "invoice", TODAY, &error);
  g_assert_cmpstr (preview, ==, "FA-2026-0120");
  series = cpt_series_load (f->db, "invoice", &error);
  g_assert_cmpint (series->first_number, ==, 120);
  g_assert_cmpint (series->used, ==, 0);
  /* Drafts do not count as use: it can still change. */
  new_with_line (f->db, "invoice", client, NULL, 100);
  g_assert_true (cpt_series_set (f->db, "invoice", NULL, -1, 119, &error));
  g_assert_true (cpt_series_set (f->db, "invoice", NULL, -1, 120, &error));

  assert_number (f->db, new_with_line (f->db, "invoice", client, "2026-03-01", 100), NULL, "FA-2026-0120");
  assert_number (f->db, new_with_line (f->db, "invoice", client, "2026-03-02", 100), NULL, "FA-2026-0121");

  before = db_state (f->db);
  g_assert_false (cpt_series_set (f->db, "invoice", NULL, -1, 500, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "before its first document is validated");
  g_assert_false (cpt_series_set (f->db, "invoice", "FA-{YYYY}-{N:4}", CPT_SERIES_RESET_NEVER, 0, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "can no longer change");
  assert_unchanged (f->db, before);

  /* The first number is for the very first document only: a new year starts at 1. */
  assert_number (f->db, new_with_line (f->db, "invoice", client, "2027-01-04", 100), NULL, "FA-2027-0001");
  /* Other series are untouched by it. */
  assert_number (f->db, new_with_line (f->db, "quote", client, "2026-03-01", 100), NULL, "DE-2026-0001");
  assert_check_clean (f->db);
}

/* ---------------------------------------------------------------- 3. immutability */

static void
raw_refused (sqlite3 *raw, const char *sql, const char *words)
{
  char *message = NULL;
  int rc = sqlite3_exec (raw, sql, NULL, NULL, &message);

  if (rc == SQLITE_OK)
    g_error ("“%s” was accepted", sql);
  g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_extended_errcode (raw), ==, SQLITE_CONSTRAINT_TRIGGER);
  if (message == NULL || strstr (message, words) == NULL)
    g_error ("“%s”: “%s” does not mention “%s”", sql, message, words);
  sqlite3_free (message);
}

static void
raw_ok (sqlite3 *raw, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (raw, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("“%s” failed: %s", sql, message);
}

/* The SQL with VALID, DRAFT and QUOTE replaced by ids. */
static char *
with_ids (const char *sql, gint64 valid, gint64 draft, gint64 quote)
{
  GString *text = g_string_new (sql);
  g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, valid);
  g_autofree char *d = g_strdup_printf ("%" G_GINT64_FORMAT, draft);
  g_autofree char *q = g_strdup_printf ("%" G_GINT64_FORMAT, quote);

  g_string_replace (text, "VALID", v, 0);
  g_string_replace (text, "DRAFT", d, 0);
  g_string_replace (text, "QUOTE", q, 0);
  return g_string_free (text, FALSE);
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  sqlite3_busy_timeout (raw, 5000);
  return raw;
}

static void
test_immutability_raw_sql (CptTestDb *f, gconstpointer data)
{
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 valid = new_with_line (f->db, "invoice", client, NULL, 10000);
  gint64 quote = new_with_line (f->db, "quote", client, NULL, 10000);
  gint64 draft = new_with_line (f->db, "invoice", client, NULL, 20000);
  g_autofree char *number = NULL;
  g_autofree char *before = NULL;
  sqlite3 *raw;
  const char *locked = "this document is validated and cannot be changed: issue a credit note";
  const char *locked_delete = "this document is validated and cannot be deleted";
  const char *lines = "this document is validated: its lines cannot be changed";
  struct { const char *sql; const char *words; } refused[] = {
    { "UPDATE documents SET total_gross = 1 WHERE id = VALID", locked },
    { "UPDATE documents SET title = 'Autre' WHERE id = VALID", locked },
    { "UPDATE documents SET status = 'draft' WHERE id = VALID", locked },
    { "UPDATE documents SET status = 'draft' WHERE id = QUOTE", locked },
    { "DELETE FROM documents WHERE id = VALID", locked_delete },
    { "DELETE FROM documents WHERE id = QUOTE", locked_delete },
    { "UPDATE document_lines SET unit_price = 1 WHERE document_id = VALID", lines },
    { "UPDATE document_lines SET description = 'x' WHERE document_id = QUOTE", lines },
    { "INSERT INTO document_lines (document_id, position, description, unit_price) "
      "VALUES (VALID, 9, 'Ajout', 100)", lines },
    { "DELETE FROM document_lines WHERE document_id = VALID", lines },
    /* moving a draft's line into a validated document */
    { "UPDATE document_lines SET document_id = VALID WHERE document_id = DRAFT", lines },
    /* the seller and buyer it keeps, and what they are */
    { "UPDATE documents SET buyer_id = NULL WHERE id = VALID", locked },
    { "UPDATE party_snapshots SET json = '{}'", "a snapshot of a validated document cannot be changed" },
    { "DELETE FROM party_snapshots", "a snapshot of a validated document cannot be deleted" },
    { "UPDATE ledger SET hash = 'x'", "append-only" },
    { "DELETE FROM ledger", "append-only" },
    { "UPDATE audit_events SET action = 'nothing'", "append-only" },
    { "DELETE FROM audit_events", "append-only" },
  };


  number = validate (f->db, valid, NULL);
  g_free (validate (f->db, quote, NULL));
  before = db_state (f->db);

  raw = raw_open (f->path);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *sql = with_ids (refused[i].sql, valid, draft, quote);
      raw_refused (raw, sql, refused[i].words);
    }
  /* Nothing moved, and the chain still checks. */
  assert_unchanged (f->db, before);
  assert_check_clean (f->db);

  /* Drafts stay editable, even from the shell. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE documents SET title = 'Brouillon modifié' WHERE id = %"
                                            G_GINT64_FORMAT, draft);
    g_autoptr(CptDocument) loaded = NULL;

    raw_ok (raw, sql);
    loaded = load (f->db, draft);
    g_assert_cmpstr (cpt_document_get_title (loaded), ==, "Brouillon modifié");
    g_free (sql);
    sql = g_strdup_printf ("DELETE FROM document_lines WHERE document_id = %1$" G_GINT64_FORMAT "; "
                           "DELETE FROM documents WHERE id = %1$" G_GINT64_FORMAT, draft);
    raw_ok (raw, sql);
    g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM documents WHERE id = %" G_GINT64_FORMAT, draft), ==, 0);
  }
  sqlite3_close (raw);
  assert_check_clean (f->db);
}

static gboolean
problems_mention (GPtrArray *problems, const char *a, const char *b)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const char *text = g_ptr_array_index (problems, i);
      if (strstr (text, a) && (b == NULL || strstr (text, b)))
        return TRUE;
    }
  return FALSE;
}

static void
test_check_detects_tampering (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 first = new_with_line (f->db, "invoice", client, NULL, 10000);
  gint64 second = new_with_line (f->db, "invoice", client, NULL, 20000);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *raw;

  assert_number (f->db, first, NULL, "FA-2026-0001");
  assert_number (f->db, second, NULL, "FA-2026-0002");
  assert_check_clean (f->db);

  /* Only a change of schema gets past the triggers; the check still sees it. */
  raw = raw_open (f->path);
  raw_ok (raw, "DROP TRIGGER documents_locked_update");
  sql = g_strdup_printf ("UPDATE documents SET title = 'Falsifié' WHERE id = %" G_GINT64_FORMAT, first);
  raw_ok (raw, sql);
  problems = cpt_ledger_check (f->db, &error);
  g_assert_no_error (error);
  /* The dropped trigger is named too (issue 10). */
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_true (problems_mention (problems, "FA-2026-0001", "changed after its validation"));
  g_assert_true (problems_mention (problems, "documents_locked_update", "was removed"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A removed ledger entry breaks the chain before the next document, and the document is
   * reported missing from it. */
  raw_ok (raw, "DROP TRIGGER ledger_no_delete");
  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM ledger WHERE document_id = %" G_GINT64_FORMAT, first);
  raw_ok (raw, sql);
  problems = cpt_ledger_check (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (problems_mention (problems, "broken before FA-2026-0002", NULL));
  g_assert_true (problems_mention (problems, "FA-2026-0001", "missing from the chain"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A gap in the numbering. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE documents SET sequence = 3, number = 'FA-2026-0003' WHERE id = %" G_GINT64_FORMAT, second);
  raw_ok (raw, sql);
  problems = cpt_ledger_check (f->db, &error);
  g_assert_true (problems_mention (problems, "gap", "FA-2026-0003"));
  sqlite3_close (raw);
}

/* ---------------------------------------------------------------- 4. snapshot */

static JsonObject *
parse_object (JsonParser *parser, const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (text);
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_snapshot (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = cpt_company_load (f->db, &error);
  gint64 client_id = make_client (f->db, "Librairie Moreau");
  g_autoptr(CptClient) client = NULL;
  gint64 valid = new_with_line (f->db, "invoice", client_id, NULL, 10000);
  gint64 draft = new_with_line (f->db, "invoice", client_id, NULL, 20000);
  g_autofree char *seller = NULL, *buyer = NULL, *terms = NULL, *canonical = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_object_set (company, "name", "Atelier Comptoir", "city", "Lyon", "siren", "732829320", NULL);
  g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), "siren", "732 829 320", &error));
  g_assert_true (cpt_company_save (company, f->db, &error));
  g_assert_no_error (error);

  g_free (validate (f->db, valid, NULL));
  {
    g_autoptr(CptDocument) doc = load (f->db, valid);
    g_object_get (doc, "seller", &seller, "buyer", &buyer, "payment-terms", &terms, NULL);
    canonical = cpt_ledger_canonical (f->db, valid, &error);
  }
  object = parse_object (parser, seller);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Atelier Comptoir");
  g_assert_cmpstr (json_object_get_string_member (object, "siren"), ==, "732829320");
  g_assert_cmpstr (json_object_get_string_member (object, "city"), ==, "Lyon");
  object = parse_object (parser, buyer);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Librairie Moreau");
  g_assert_cmpstr (json_object_get_string_member (object, "city"), ==, "Lyon");
  g_assert_cmpint (json_object_get_int_member (object, "payment_days"), ==, 30);
  g_assert_cmpstr (terms, ==, "Paiement à 30 jours");

  /* The client and the company change. */
  client = cpt_client_load (f->db, client_id, &error);
  g_object_set (client, "name", "Librairie Moreau & Fils", "email", "compta@example.org", "city", "Paris", "payment-days", (gint64) 45, NULL);
  g_assert_true (cpt_client_update (client, f->db, &error));
  g_assert_no_error (error);
  g_object_set (company, "name", "Comptoir SAS", "city", "Grenoble", "siren", "732829320", NULL);
  g_assert_true (cpt_company_save (company, f->db, &error));
  g_assert_no_error (error);

  /* The validated invoice is as it was. */
  {
    g_autoptr(CptDocument) doc = load (f->db, valid);
    g_autofree char *seller_after = NULL, *buyer_after = NULL;
    g_autofree char *canonical_after = cpt_ledger_canonical (f->db, valid, &error);

    g_object_get (doc, "seller", &seller_after, "buyer", &buyer_after, NULL);
    g_assert_cmpstr (cpt_document_get_client_name (doc), ==, "Librairie Moreau");
    g_assert_cmpstr (seller_after, ==, seller);
    g_assert_cmpstr (buyer_after, ==, buyer);
    g_assert_cmpstr (canonical_after, ==, canonical);
  }
  /* The draft follows the client, and takes the new identities when validated. */
  {
    g_autoptr(CptDocument) doc = load (f->db, draft);
    g_autofree char *seller_draft = NULL, *buyer_draft = NULL;

    g_assert_cmpstr (cpt_document_get_client_name (doc), ==, "Librairie Moreau & Fils");
    g_object_get (doc, "seller", &seller_draft, "buyer", &buyer_draft, NULL);
    g_assert_null (seller_draft);
    g_assert_null (buyer_draft);
  }
  g_free (validate (f->db, draft, NULL));
  {
    g_autoptr(CptDocument) doc = load (f->db, draft);
    g_autofree char *seller_new = NULL, *buyer_new = NULL;

    g_object_get (doc, "seller", &seller_new, "buyer", &buyer_new, NULL);
    object = parse_object (parser, seller_new);
    g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Comptoir SAS");
    object = parse_object (parser, buyer_new);
    g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Librairie Moreau & Fils");
    g_assert_cmpstr (json_object_get_string_member (object, "city"), ==, "Paris");
  }
  assert_check_clean (f->db);

  /* Each distinct text is kept once (schema 17): a third invoice with nothing changed shares
   * the second's seller and buyer. */
  {
    gint64 third = new_with_line (f->db, "invoice", client_id, NULL, 30000);
    g_autoptr(GPtrArray) problems = NULL;
    sqlite3 *raw;

    g_free (validate (f->db, third, NULL));
    g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM party_snapshots"), ==, 4);
    g_assert_cmpint (sql_int (f->db, "SELECT count (DISTINCT buyer_id) FROM documents "
                                     "WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                              draft, third), ==, 1);
    assert_check_clean (f->db);

    /* A shared snapshot changed behind the triggers is a change of every document that
     * keeps it, and of no other. */
    raw = raw_open (f->path);
    raw_ok (raw, "DROP TRIGGER party_snapshots_no_update");
    raw_ok (raw, "UPDATE party_snapshots SET json = replace (json, 'Paris', 'Nice') "
                 "WHERE json LIKE '%Paris%'");
    sqlite3_close (raw);
    problems = cpt_ledger_check (f->db, &error);
    g_assert_no_error (error);
    g_assert_true (problems_mention (problems, "FA-2026-0002", "changed after its validation"));
    g_assert_true (problems_mention (problems, "FA-2026-0003", "changed after its validation"));
    g_assert_false (problems_mention (problems, "FA-2026-0001", "changed after its validation"));
  }
}

/* ---------------------------------------------------------------- 5. quotes */

static void
test_quote_flow (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 quote = new_document (f->db, "quote", client, NULL);
  g_autofree char *before = NULL;
  g_autofree char *valid_until = NULL;
  gint64 deposit, balance;

  add_item (f->db, quote, "Conception", 2000, 500000, 2000);
  add_item (f->db, quote, "Impression", 1000, 300000, 550);
  assert_status (f->db, quote, NULL, "draft");
  {
    g_autoptr(CptDocument) doc = load (f->db, quote);
    g_object_get (doc, "valid-until", &valid_until, NULL);
    g_assert_cmpstr (valid_until, ==, "2026-04-14");
  }

  /* A draft quote can be neither accepted nor invoiced. */
  before = db_state (f->db);
  g_assert_false (cpt_lifecycle_quote_accept (f->db, quote, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "has not been sent: send it");
  g_assert_false (cpt_lifecycle_quote_refuse (f->db, quote, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "has not been sent: send it");
  g_assert_cmpint (cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_FULL, 0, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "is not accepted");
  assert_unchanged (f->db, before);

  /* Sending numbers it. */
  g_assert_true (cpt_lifecycle_quote_send (f->db, quote, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CptDocument) doc = load (f->db, quote);
    g_assert_cmpstr (cpt_document_get_number (doc), ==, "DE-2026-0001");
    g_assert_cmpstr (cpt_document_get_status (doc), ==, "validated");
  }
  assert_status (f->db, quote, TODAY, "sent");
  /* Sent without a date means today, and the history says so. */
  {
    g_autofree char *details = NULL;
    g_autofree char *sql = g_strdup_printf ("SELECT details FROM audit_events WHERE action = "
                                            "'quote_send' AND document_id = %" G_GINT64_FORMAT, quote);

    details = sql_text (f->db, sql);
    g_assert_cmpstr (details, ==, "{\"date\":\"" TODAY "\"}");
  }
  assert_status (f->db, quote, "2026-04-14", "sent");
  assert_status (f->db, quote, "2026-04-15", "expired");

  /* Not accepted yet: no invoice from it. */
  g_free (before);
  before = db_state (f->db);
  for (CptQuoteInvoice how = CPT_QUOTE_INVOICE_DEPOSIT_PERCENT; how <= CPT_QUOTE_INVOICE_BALANCE; how++)
    {
      g_assert_cmpint (cpt_lifecycle_quote_invoice (f->db, quote, how, 3000, &error), ==, 0);
      assert_refused (error, CPT_ERROR_REFUSED, "DE-2026-0001 is not accepted");
    }
  assert_unchanged (f->db, before);

  g_assert_true (cpt_lifecycle_quote_accept (f->db, quote, "2026-03-16", &error));
  g_assert_no_error (error);
  assert_status (f->db, quote, TODAY, "accepted_not_invoiced");
  /* Accepted is not expired, even after its validity. */
  assert_status (f->db, quote, "2026-06-01", "accepted_not_invoiced");

  g_free (before);
  before = db_state (f->db);
  g_assert_false (cpt_lifecycle_quote_accept (f->db, quote, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "already accepted on 2026-03-16");
  g_assert_false (cpt_lifecycle_quote_refuse (f->db, quote, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "already accepted");
  assert_unchanged (f->db, before);

  /* 30 % deposit, then the balance. */
  deposit = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 3000);
  {
    g_autoptr(CptDocument) doc = load (f->db, deposit);
    g_assert_cmpstr (cpt_document_get_kind (doc), ==, "deposit");
    g_assert_cmpint (cpt_document_get_quote_id (doc), ==, quote);
    g_assert_true (cpt_document_is_draft (doc));
  }
  assert_status (f->db, quote, TODAY, "accepted_deposit_invoiced");
  g_free (validate (f->db, deposit, NULL));
  assert_status (f->db, quote, TODAY, "accepted_deposit_invoiced");
  balance = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_BALANCE, 0);
  assert_status (f->db, quote, TODAY, "accepted_invoiced");
  g_free (validate (f->db, balance, NULL));
  assert_status (f->db, quote, TODAY, "accepted_invoiced");

  /* No more deposits once the final invoice exists. */
  g_free (before);
  before = db_state (f->db);
  g_assert_cmpint (cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 1000, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "already has its final invoice");
  g_assert_cmpint (cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_BALANCE, 0, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "already been invoiced");
  /* An invoice is not a quote. */
  g_assert_cmpint (cpt_lifecycle_quote_invoice (f->db, balance, CPT_QUOTE_INVOICE_FULL, 0, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "is not a quote");
  assert_unchanged (f->db, before);
  assert_check_clean (f->db);
}

static void
test_quote_refused (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 quote = sent_quote (f->db, client);
  g_autofree char *before = NULL;

  g_assert_true (cpt_lifecycle_quote_refuse (f->db, quote, "2026-03-20", &error));
  g_assert_no_error (error);
  assert_status (f->db, quote, TODAY, "refused");
  assert_status (f->db, quote, "2027-01-01", "refused");
  before = db_state (f->db);
  g_assert_false (cpt_lifecycle_quote_accept (f->db, quote, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "already refused on 2026-03-20");
  g_assert_false (cpt_lifecycle_quote_refuse (f->db, quote, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "already refused");
  g_assert_cmpint (cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_FULL, 0, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "is not accepted");
  /* A quote is never deleted once sent. */
  g_assert_false (cpt_lifecycle_delete (f->db, quote, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "a numbered quote is kept");
  assert_unchanged (f->db, before);
}

static void
test_quote_remaining (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 quote = new_document (f->db, "quote", client, NULL);
  gint64 line_a = add_item (f->db, quote, "Affiches", 10000, 150000, 2000);
  gint64 line_b = add_item (f->db, quote, "Brochures", 4000, 250000, 550);
  g_autoptr(GPtrArray) remaining = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *before = NULL;
  gint64 partial, balance, credit;
  CptRemainingLine *entry;

  g_assert_true (cpt_lifecycle_quote_send (f->db, quote, NULL, &error));
  g_assert_true (cpt_lifecycle_quote_accept (f->db, quote, NULL, &error));

  /* The whole quote in a draft invoice, cut down to a partial delivery: 6 posters, no
   * brochure. */
  partial = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_FULL, 0);
  lines = lines_of (f->db, partial);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpint (cpt_document_line_get_quote_line_id (LINE (lines, 0)), ==, line_a);
  g_assert_cmpint (cpt_document_line_get_quote_line_id (LINE (lines, 1)), ==, line_b);
  g_assert_cmpint (cpt_document_line_get_quantity (LINE (lines, 0)), ==, 10000);
  remaining = cpt_lifecycle_quote_remaining (f->db, quote, &error);
  g_assert_cmpint (((CptRemainingLine *) g_ptr_array_index (remaining, 0))->remaining, ==, 0);
  g_clear_pointer (&remaining, g_ptr_array_unref);

  g_object_set (LINE (lines, 0), "quantity", (gint64) 6000, NULL);
  g_assert_true (cpt_documents_update_line (f->db, LINE (lines, 0), &error));
  g_assert_true (cpt_documents_remove_line (f->db, cpt_document_line_get_id (LINE (lines, 1)), &error));
  g_assert_no_error (error);
  g_free (validate (f->db, partial, NULL));

  remaining = cpt_lifecycle_quote_remaining (f->db, quote, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (remaining->len, ==, 2);
  entry = g_ptr_array_index (remaining, 0);
  g_assert_cmpint (entry->line_id, ==, line_a);
  g_assert_cmpstr (entry->description, ==, "Affiches");
  g_assert_cmpint (entry->ordered, ==, 10000);
  g_assert_cmpint (entry->invoiced, ==, 6000);
  g_assert_cmpint (entry->remaining, ==, 4000);
  g_assert_cmpuint (entry->invoice_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (entry->invoice_ids, gint64, 0), ==, partial);
  entry = g_ptr_array_index (remaining, 1);
  g_assert_cmpint (entry->ordered, ==, 4000);
  g_assert_cmpint (entry->invoiced, ==, 0);
  g_assert_cmpint (entry->remaining, ==, 4000);
  g_assert_cmpuint (entry->invoice_ids->len, ==, 0);
  g_clear_pointer (&remaining, g_ptr_array_unref);

  /* An invoice of the whole is refused now; the balance takes what is left. */
  before = db_state (f->db);
  g_assert_cmpint (cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_FULL, 0, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "make the balance invoice");
  assert_unchanged (f->db, before);
  balance = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_BALANCE, 0);
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = lines_of (f->db, balance);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpint (cpt_document_line_get_quote_line_id (LINE (lines, 0)), ==, line_a);
  g_assert_cmpint (cpt_document_line_get_quantity (LINE (lines, 0)), ==, 4000);
  g_assert_cmpint (cpt_document_line_get_quote_line_id (LINE (lines, 1)), ==, line_b);
  g_assert_cmpint (cpt_document_line_get_quantity (LINE (lines, 1)), ==, 4000);
  {
    g_autoptr(CptDocument) doc = load (f->db, balance);
    /* 4 x 15.00 at 20 % + 4 x 25.00 at 5.5 % = 60.00 + 12.00 + 100.00 + 5.50 */
    g_assert_cmpint (cpt_document_get_total_net (doc), ==, 16000);
    g_assert_cmpint (cpt_document_get_total_gross (doc), ==, 17750);
    g_assert_cmpint (cpt_document_get_amount_due (doc), ==, 17750);
  }
  remaining = cpt_lifecycle_quote_remaining (f->db, quote, &error);
  entry = g_ptr_array_index (remaining, 0);
  g_assert_cmpint (entry->remaining, ==, 0);
  g_assert_cmpuint (entry->invoice_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (entry->invoice_ids, gint64, 1), ==, balance);
  g_clear_pointer (&remaining, g_ptr_array_unref);
  g_clear_pointer (&before, g_free);
  before = db_state (f->db);
  g_assert_cmpint (cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_BALANCE, 0, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "Everything on DE-2026-0001 has already been invoiced");
  assert_unchanged (f->db, before);
  g_free (validate (f->db, balance, NULL));

  /* A validated credit note gives 2 posters back to invoice. */
  {
    g_autoptr(GPtrArray) partial_lines = lines_of (f->db, partial);
    CptCreditPart part = { cpt_document_line_get_id (LINE (partial_lines, 0)), 2000 };
    credit = cpt_lifecycle_credit (f->db, partial, &part, 1, &error);
    g_assert_no_error (error);
  }
  g_free (validate (f->db, credit, NULL));
  remaining = cpt_lifecycle_quote_remaining (f->db, quote, &error);
  entry = g_ptr_array_index (remaining, 0);
  g_assert_cmpint (entry->invoiced, ==, 8000);
  g_assert_cmpint (entry->remaining, ==, 2000);
  assert_check_clean (f->db);
}

/* ---------------------------------------------------------------- 6. deposit arithmetic */

static void
test_deposit_percent_mixed_rates (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 quote = awkward_quote (f->db, client, SMALL);
  g_autoptr(CptDocument) quote_doc = load (f->db, quote);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) quote_lines = lines_of (f->db, quote);
  CptDocumentTotals quote_totals = { 0 };
  g_autofree char *nets = NULL, *before = NULL;
  gint64 deposit, sum = 0, weights_sum = 0, target;
  gint64 weights[4], expected[4];

  g_assert_cmpint (cpt_document_get_total_net (quote_doc), ==, 34216);
  g_assert_cmpint (cpt_document_get_total_vat (quote_doc), ==, 6746);
  g_assert_cmpint (cpt_document_get_total_gross (quote_doc), ==, 40962);

  deposit = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 3000);
  /* 30 % of 342.16 = 102.648 -> 102.65, split over the rates in proportion to their bases
   * (333.33, 7.63, 0.21, 0.99) by the largest remainder: 100.00, 2.29, 0.06, 0.30. */
  nets = line_nets (f->db, deposit, "item");
  g_assert_cmpstr (nets, ==, "2000:10000 1000:229 550:6 210:30");
  target = cpt_percent_of (34216, 3000);
  g_assert_cmpint (target, ==, 10265);

  /* The same, computed here from the quote's breakdown. */
  g_assert_true (cpt_documents_compute_totals (quote_lines, &quote_totals, &error));
  g_assert_cmpuint (quote_totals.vat->len, ==, 4);
  {
    gint64 floors = 0;
    guint order[4] = { 0, 1, 2, 3 };

    for (guint i = 0; i < 4; i++)
      weights_sum += weights[i] = g_array_index (quote_totals.vat, CptVatEntry, i).base;
    for (guint i = 0; i < 4; i++)
      floors += expected[i] = target * weights[i] / weights_sum;
    /* remainders, largest first (ties: earlier first) */
    for (guint i = 0; i < 4; i++)
      for (guint j = i + 1; j < 4; j++)
        if ((target * weights[order[j]]) % weights_sum > (target * weights[order[i]]) % weights_sum)
          {
            guint t = order[i];
            order[i] = order[j];
            order[j] = t;
          }
    for (guint i = 0; i < (guint) (target - floors); i++)
      expected[order[i]]++;
  }
  lines = lines_of (f->db, deposit);
  g_assert_cmpuint (lines->len, ==, 4);
  for (guint i = 0; i < lines->len; i++)
    {
      CptDocumentLine *line = LINE (lines, i);
      g_assert_cmpint (cpt_document_line_get_vat_rate (line), ==, g_array_index (quote_totals.vat, CptVatEntry, i).rate);
      g_assert_cmpint (cpt_document_line_get_net (line), ==, expected[i]);
      g_assert_cmpint (cpt_document_line_get_quantity (line), ==, 1000);
      g_assert_nonnull (strstr (cpt_document_line_get_description (line), "Acompte de 30 % sur le devis DE-2026-0001"));
      sum += cpt_document_line_get_net (line);
    }
  g_assert_cmpint (sum, ==, target);
  cpt_document_totals_clear (&quote_totals);
  {
    g_autoptr(CptDocument) doc = load (f->db, deposit);
    /* VAT 20.00 + 0.23 + 0.00 + 0.01 */
    g_assert_cmpint (cpt_document_get_total_net (doc), ==, 10265);
    g_assert_cmpint (cpt_document_get_total_vat (doc), ==, 2024);
    g_assert_cmpint (cpt_document_get_total_gross (doc), ==, 12289);
    g_assert_cmpint (cpt_document_get_amount_due (doc), ==, 12289);
  }
  g_free (validate (f->db, deposit, NULL));

  /* More than the quote's total is refused, by percentage or by amount; the exact rest is
   * accepted. */
  before = db_state (f->db);
  g_assert_cmpint (cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 7100, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "more than the quote’s total");
  g_assert_cmpint (cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_AMOUNT, 40962 - 12289 + 1, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "more than the quote’s total");
  g_assert_cmpint (cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 10001, &error), ==, 0);
  assert_refused (error, CPT_ERROR_INVALID, "at most 100");
  g_assert_cmpint (cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 0, &error), ==, 0);
  assert_refused (error, CPT_ERROR_INVALID, "more than 0");
  g_assert_cmpint (cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_AMOUNT, -100, &error), ==, 0);
  assert_refused (error, CPT_ERROR_INVALID, "more than 0");
  assert_unchanged (f->db, before);
  {
    gint64 rest = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_AMOUNT, 40962 - 12289);
    g_autoptr(CptDocument) doc = load (f->db, rest);
    g_assert_cmpint (cpt_document_get_total_gross (doc), ==, 40962 - 12289);
  }
}

static void
test_deposit_amount (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  /* The awkward quote with 3333.33 at 20 %: gross 4063.62 (net 3342.16, VAT 721.46) */
  gint64 big = awkward_quote (f->db, client, BIG);
  gint64 small = awkward_quote (f->db, client, SMALL);
  gint64 single = new_document (f->db, "quote", client, NULL);
  gint64 deposit;
  g_autofree char *nets = NULL;

  add_item (f->db, single, "Conseil", 1000, 20000000, 2000);
  g_assert_true (cpt_lifecycle_quote_send (f->db, single, NULL, &error));
  g_assert_true (cpt_lifecycle_quote_accept (f->db, single, NULL, &error));

  /* 1000.00 including VAT, split by the rates' gross amounts; each part's net is the one
   * whose VAT brings it back to the part. */
  deposit = quote_invoice (f->db, big, CPT_QUOTE_INVOICE_DEPOSIT_AMOUNT, 100000);
  {
    g_autoptr(CptDocument) doc = load (f->db, deposit);
    g_assert_cmpint (cpt_document_get_total_gross (doc), ==, 100000);
    g_assert_cmpint (cpt_document_get_total_net (doc) + cpt_document_get_total_vat (doc), ==, 100000);
  }
  nets = line_nets (f->db, deposit, "item");
  g_assert_cmpstr (nets, ==, "2000:83133 1000:190 550:6 210:24");

  /* 94.80 on the small quote: the 2.1 % part (0.24 gross) cannot be reached exactly (0.23
   * + VAT 0.00 = 0.23, 0.24 + VAT 0.01 = 0.25); the cent goes to another rate and the
   * deposit still comes to exactly 94.80. */
  deposit = quote_invoice (f->db, small, CPT_QUOTE_INVOICE_DEPOSIT_AMOUNT, 9480);
  {
    g_autoptr(CptDocument) doc = load (f->db, deposit);
    g_assert_cmpint (cpt_document_get_total_gross (doc), ==, 9480);
  }
  g_free (nets);
  nets = line_nets (f->db, deposit, "item");
  g_assert_cmpstr (nets, ==, "2000:7715 1000:176 550:5 210:23");
  /* Every amount around it is reached to the cent too. */
  g_assert_true (cpt_lifecycle_delete (f->db, deposit, &error));
  for (gint64 amount = 9400; amount <= 9600; amount++)
    {
      gint64 id = quote_invoice (f->db, small, CPT_QUOTE_INVOICE_DEPOSIT_AMOUNT, amount);
      g_autoptr(CptDocument) doc = load (f->db, id);
      if (cpt_document_get_total_gross (doc) != amount)
        g_error ("a deposit of %" G_GINT64_FORMAT " cents came to %" G_GINT64_FORMAT, amount,
                 cpt_document_get_total_gross (doc));
      g_assert_true (cpt_lifecycle_delete (f->db, id, &error));
    }

  /* With a single rate some gross amounts cannot exist: at 20 %, 1000.04 is 833.37 + 166.67
   * and 1000.06 is 833.38 + 166.68; nothing makes 1000.05. The deposit is then one cent
   * short, never over what was asked. */
  deposit = quote_invoice (f->db, single, CPT_QUOTE_INVOICE_DEPOSIT_AMOUNT, 100005);
  {
    g_autoptr(CptDocument) doc = load (f->db, deposit);
    g_assert_cmpint (cpt_document_get_total_gross (doc), ==, 100004);
    g_assert_cmpint (cpt_document_get_total_net (doc), ==, 83337);
  }
  deposit = quote_invoice (f->db, single, CPT_QUOTE_INVOICE_DEPOSIT_AMOUNT, 100006);
  {
    g_autoptr(CptDocument) doc = load (f->db, deposit);
    g_assert_cmpint (cpt_document_get_total_gross (doc), ==, 100006);
  }
}

/* ---------------------------------------------------------------- 7. balance */

static void
test_balance (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 quote = awkward_quote (f->db, client, SMALL);
  g_autoptr(GPtrArray) quote_lines = lines_of (f->db, quote);
  g_autoptr(GPtrArray) lines = NULL;
  CptDocumentTotals totals = { 0 };
  g_autofree char *before = NULL, *deposit_nets = NULL;
  g_autofree char *first_number = NULL, *second_number = NULL;
  gint64 first, second, draft, balance;
  struct { gint64 rate, base, vat; } expected[] = {
    /* order base/VAT minus both deposits' base/VAT, per rate */
    { 2000, 33333 - 10000 - 4069, 6667 - 2000 - 814 },
    { 1000, 763 - 229 - 93, 76 - 23 - 9 },
    { 550, 21 - 6 - 3, 1 - 0 - 0 },
    { 210, 99 - 30 - 12, 2 - 1 - 0 },
  };
  guint items = 0, deposits = 0;

  first = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 3000);
  first_number = validate (f->db, first, NULL);
  second = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_AMOUNT, 5000);
  {
    g_autoptr(CptDocument) doc = load (f->db, second);
    g_assert_cmpint (cpt_document_get_total_gross (doc), ==, 5000);
    g_assert_cmpint (cpt_document_get_total_vat (doc), ==, 823);
  }
  second_number = validate (f->db, second, NULL);
  g_assert_cmpstr (first_number, ==, "FA-2026-0001");
  g_assert_cmpstr (second_number, ==, "FA-2026-0002");

  /* A draft deposit blocks the balance. */
  draft = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 1000);
  before = db_state (f->db);
  g_assert_cmpint (cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_BALANCE, 0, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "still a draft"));
  assert_refused (error, CPT_ERROR_REFUSED, "validate or delete it");
  assert_unchanged (f->db, before);
  g_assert_true (cpt_lifecycle_delete (f->db, draft, &error));
  g_assert_no_error (error);

  balance = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_BALANCE, 0);
  lines = lines_of (f->db, balance);
  for (guint i = 0; i < lines->len; i++)
    {
      CptDocumentLine *line = LINE (lines, i);
      if (cpt_document_line_is_item (line))
        {
          CptDocumentLine *ordered = LINE (quote_lines, items);
          /* the order, line by line, referencing the quote */
          g_assert_cmpint (cpt_document_line_get_quote_line_id (line), ==, cpt_document_line_get_id (ordered));
          g_assert_cmpstr (cpt_document_line_get_description (line), ==, cpt_document_line_get_description (ordered));
          g_assert_cmpint (cpt_document_line_get_quantity (line), ==, cpt_document_line_get_quantity (ordered));
          g_assert_cmpint (cpt_document_line_get_net (line), ==, cpt_document_line_get_net (ordered));
          items++;
        }
      else
        {
          g_assert_cmpstr (cpt_document_line_get_kind (line), ==, "deposit");
          g_assert_cmpint (cpt_document_line_get_deposit_id (line), ==, deposits < 4 ? first : second);
          g_assert_cmpint (cpt_document_line_get_net (line), <, 0);
          g_assert_cmpint (cpt_document_line_get_vat_amount (line), <=, 0);
          g_assert_nonnull (strstr (cpt_document_line_get_description (line),
                                    deposits < 4 ? first_number : second_number));
          deposits++;
        }
    }
  g_assert_cmpuint (items, ==, 4);
  g_assert_cmpuint (deposits, ==, 8);
  deposit_nets = line_nets (f->db, balance, "deposit");
  g_assert_cmpstr (deposit_nets, ==,
                   "2000:-10000 1000:-229 550:-6 210:-30 2000:-4069 1000:-93 550:-3 210:-12");
  {
    g_autofree char *vats = NULL;
    GString *text = g_string_new (NULL);
    for (guint i = 0; i < lines->len; i++)
      if (!cpt_document_line_is_item (LINE (lines, i)))
        g_string_append_printf (text, "%s%" G_GINT64_FORMAT, text->len ? " " : "",
                                cpt_document_line_get_vat_amount (LINE (lines, i)));
    vats = g_string_free (text, FALSE);
    g_assert_cmpstr (vats, ==, "-2000 -23 0 -1 -814 -9 0 0");
  }

  {
    g_autoptr(CptDocument) doc = load (f->db, balance);
    gint64 deposits_net, deposits_vat;

    g_object_get (doc, "deposits-net", &deposits_net, "deposits-vat", &deposits_vat, NULL);
    g_assert_cmpint (cpt_document_get_quote_id (doc), ==, quote);
    /* total_* are the order's */
    g_assert_cmpint (cpt_document_get_total_net (doc), ==, 34216);
    g_assert_cmpint (cpt_document_get_total_vat (doc), ==, 6746);
    g_assert_cmpint (cpt_document_get_total_gross (doc), ==, 40962);
    g_assert_cmpint (deposits_net, ==, 10265 + 4177);
    g_assert_cmpint (deposits_vat, ==, 2024 + 823);
    g_assert_cmpint (cpt_document_get_deposits_gross (doc), ==, 12289 + 5000);
    g_assert_cmpint (cpt_document_get_amount_due (doc), ==, 40962 - 12289 - 5000);
  }

  /* The VAT breakdown, net of the deposits: exactly the order's minus the deposits'. */
  g_assert_true (cpt_documents_compute_totals (lines, &totals, &error));
  g_assert_cmpint (totals.amount_due, ==, 23673);
  g_assert_cmpint (totals.deposits_gross, ==, 17289);
  g_assert_cmpuint (totals.vat->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CptVatEntry *entry = &g_array_index (totals.vat, CptVatEntry, i);
      g_assert_cmpint (entry->rate, ==, expected[i].rate);
      g_assert_cmpint (entry->base, ==, expected[i].base);
      g_assert_cmpint (entry->vat, ==, expected[i].vat);
    }
  /* The breakdown of the order itself is untouched. */
  g_assert_cmpint (cpt_vat_breakdown_total_vat (totals.breakdown), ==, 6746);
  cpt_document_totals_clear (&totals);

  g_free (validate (f->db, balance, NULL));
  assert_status (f->db, quote, TODAY, "accepted_invoiced");
  g_assert_cmpint (cpt_test_deposit_invoice (f->db, first), ==, balance);
  g_assert_cmpint (cpt_test_deposit_invoice (f->db, second), ==, balance);
  assert_check_clean (f->db);
}

/* ---------------------------------------------------------------- 8. attach / detach */

/* What a document's page shows is read in one call, and says the same as the functions each
 * part used to call: the balance invoice's deposits and the draft invoice's deposits to
 * attach, a deposit's payments (with what of each went to it), linked documents, history. */
static void
test_document_snapshot (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 quote = awkward_quote (f->db, client, SMALL);
  gint64 deposit, second, balance, invoice, payment;
  CptDocumentBalance expected, shown;
  CptAllocation allocations[2];

  deposit = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 3000);
  g_free (validate (f->db, deposit, NULL));
  second = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 1000);
  g_free (validate (f->db, second, NULL));
  balance = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_BALANCE, 0);
  invoice = new_with_line (f->db, "invoice", client, NULL, 50000);

  /* One payment, partly to the first deposit; another one for the rest. */
  allocations[0] = (CptAllocation) { 0, deposit, 1000 };
  payment = cpt_payments_add (f->db, client, "2026-03-02", 1500, "cheque", "CHQ 12", NULL, allocations, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (payment, >, 0);
  allocations[0] = (CptAllocation) { 0, deposit, 500 };
  g_assert_cmpint (cpt_payments_add (f->db, client, "2026-03-01", 500, "transfer", NULL, NULL, allocations, 1, &error), >, 0);
  g_assert_no_error (error);

  {
    g_autoptr(CptDocumentSnapshot) snapshot = cpt_document_snapshot_load (f->db, deposit, &error);
    GPtrArray *payments;

    g_assert_no_error (error);
    g_assert_cmpint (cpt_document_snapshot_get_kind (snapshot), ==, CPT_DOCUMENT_KIND_DEPOSIT);
    g_assert_true (cpt_payments_document_balance (f->db, deposit, &expected, &error));
    g_assert_true (cpt_document_snapshot_get_balance (snapshot, &shown));
    g_assert_cmpmem (&shown, sizeof shown, &expected, sizeof expected);
    g_assert_cmpint (shown.paid, ==, 1500);
    payments = cpt_document_snapshot_get_payments (snapshot);
    g_assert_nonnull (payments);
    g_assert_cmpuint (payments->len, ==, 2);
    /* Oldest first; what went to this document, not the payment's whole amount. */
    g_assert_cmpstr (cpt_payment_get_date (((CptPaymentReceived *) payments->pdata[0])->payment), ==, "2026-03-01");
    g_assert_cmpint (((CptPaymentReceived *) payments->pdata[0])->amount, ==, 500);
    g_assert_cmpint (((CptPaymentReceived *) payments->pdata[1])->amount, ==, 1000);
    g_assert_cmpint (cpt_payment_get_amount (((CptPaymentReceived *) payments->pdata[1])->payment), ==, 1500);
    g_assert_cmpstr (cpt_payment_get_reference (((CptPaymentReceived *) payments->pdata[1])->payment), ==, "CHQ 12");
    /* A deposit deducts nothing and offers nothing to attach. */
    g_assert_null (cpt_document_snapshot_get_deposits (snapshot));
    g_assert_null (cpt_document_snapshot_get_attachable_deposits (snapshot));
    g_assert_false (cpt_document_snapshot_allows (snapshot, "edit"));
    g_assert_nonnull (cpt_document_snapshot_find_action (snapshot, "credit"));
    g_assert_cmpuint (cpt_document_snapshot_get_problems (snapshot)->len, ==, 0);
  }

  {
    g_autoptr(CptDocumentSnapshot) snapshot = cpt_document_snapshot_load (f->db, balance, &error);
    g_autoptr(GPtrArray) related = cpt_documents_related (f->db, balance, NULL);
    g_autoptr(GPtrArray) history = cpt_documents_history (f->db, balance, NULL);
    g_autoptr(GPtrArray) lines = lines_of (f->db, balance);
    GPtrArray *deposits;

    g_assert_no_error (error);
    /* The balance invoice deducts both deposits, once each, though each has a line per rate. */
    deposits = cpt_document_snapshot_get_deposits (snapshot);
    g_assert_cmpuint (deposits->len, ==, 2);
    g_assert_cmpint (cpt_document_get_id (deposits->pdata[0]), ==, deposit);
    g_assert_cmpint (cpt_document_get_id (deposits->pdata[1]), ==, second);
    g_assert_cmpuint (cpt_document_snapshot_get_lines (snapshot)->len, ==, lines->len);
    g_assert_cmpuint (cpt_document_snapshot_get_lines (snapshot)->len, >, 2);
    /* A draft: no receivable, nothing left to attach (both deposits are deducted here). */
    g_assert_false (cpt_document_snapshot_get_balance (snapshot, NULL));
    g_assert_null (cpt_document_snapshot_get_payments (snapshot));
    g_assert_cmpuint (cpt_document_snapshot_get_attachable_deposits (snapshot)->len, ==, 0);
    g_assert_true (cpt_document_snapshot_allows (snapshot, "edit"));
    g_assert_cmpuint (cpt_document_snapshot_get_related (snapshot)->len, ==, related->len);
    g_assert_cmpuint (related->len, >=, 1);
    g_assert_cmpuint (cpt_document_snapshot_get_history (snapshot)->len, ==, history->len);
  }

  /* Detached, a deposit is offered to the client's other draft invoice. */
  g_assert_true (cpt_lifecycle_detach_deposit (f->db, second, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CptDocumentSnapshot) snapshot = cpt_document_snapshot_load (f->db, invoice, &error);
    GPtrArray *attachable;

    g_assert_no_error (error);
    g_assert_cmpuint (cpt_document_snapshot_get_deposits (snapshot)->len, ==, 0);
    attachable = cpt_document_snapshot_get_attachable_deposits (snapshot);
    g_assert_cmpuint (attachable->len, ==, 1);
    g_assert_cmpint (((CptClientDeposit *) attachable->pdata[0])->id, ==, second);
  }

  /* A part that cannot be read is said, and the rest is there; a document that cannot be
   * read is an error. */
  rename_table (f->db, "audit_events", "events_gone");
  {
    g_autoptr(CptDocumentSnapshot) snapshot = cpt_document_snapshot_load (f->db, invoice, &error);

    g_assert_no_error (error);
    g_assert_null (cpt_document_snapshot_get_history (snapshot));
    g_assert_cmpuint (cpt_document_snapshot_get_problems (snapshot)->len, ==, 1);
    g_assert_nonnull (strstr (cpt_document_snapshot_get_problems (snapshot)->pdata[0], "audit_events"));
    g_assert_cmpuint (cpt_document_snapshot_get_lines (snapshot)->len, ==, 1);
  }
  rename_table (f->db, "events_gone", "audit_events");
  {
    g_autoptr(CptDocumentSnapshot) snapshot = cpt_document_snapshot_load (f->db, 987654, &error);

    g_assert_null (snapshot);
    g_assert_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND);
  }
}

static void
test_deposit_attach_detach (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 other = make_client (f->db, "Garage Martin");
  gint64 quote = awkward_quote (f->db, client, SMALL);
  gint64 deposit, balance, invoice, small, foreign, draft_deposit, credit, last;
  g_autofree char *before = NULL;

  deposit = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 3000);
  g_free (validate (f->db, deposit, NULL));
  balance = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_BALANCE, 0);
  g_assert_cmpint (cpt_test_deposit_invoice (f->db, deposit), ==, balance);

  /* Detach from the draft balance: its deduction goes. */
  g_assert_true (cpt_lifecycle_detach_deposit (f->db, deposit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cpt_test_deposit_invoice (f->db, deposit), ==, 0);
  {
    g_autoptr(CptDocument) doc = load (f->db, balance);
    g_autoptr(GPtrArray) lines = lines_of (f->db, balance);
    g_assert_cmpint (cpt_document_get_deposits_gross (doc), ==, 0);
    g_assert_cmpint (cpt_document_get_amount_due (doc), ==, 40962);
    g_assert_cmpuint (lines->len, ==, 4);
    for (guint i = 0; i < lines->len; i++)
      g_assert_cmpint (cpt_document_line_get_position (LINE (lines, i)), ==, i + 1);
  }
  before = db_state (f->db);
  g_assert_false (cpt_lifecycle_detach_deposit (f->db, deposit, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "is not deducted on any invoice");
  assert_unchanged (f->db, before);

  /* Attach to another draft invoice of the same client: its totals follow. */
  invoice = new_with_line (f->db, "invoice", client, NULL, 50000);
  g_assert_true (cpt_lifecycle_attach_deposit (f->db, deposit, invoice, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cpt_test_deposit_invoice (f->db, deposit), ==, invoice);
  {
    g_autoptr(CptDocument) doc = load (f->db, invoice);
    g_assert_cmpint (cpt_document_get_total_gross (doc), ==, 60000);
    g_assert_cmpint (cpt_document_get_deposits_gross (doc), ==, 12289);
    g_assert_cmpint (cpt_document_get_amount_due (doc), ==, 60000 - 12289);
  }

  /* Refusals, each changing nothing. */
  small = new_with_line (f->db, "invoice", client, NULL, 1000);
  foreign = new_with_line (f->db, "invoice", other, NULL, 500000);
  draft_deposit = new_with_line (f->db, "deposit", client, NULL, 1000);
  g_free (before);
  before = db_state (f->db);
  g_assert_false (cpt_lifecycle_attach_deposit (f->db, deposit, invoice, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "is already deducted on");
  g_assert_false (cpt_lifecycle_attach_deposit (f->db, deposit, balance, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "detach it from there first");
  g_assert_false (cpt_lifecycle_attach_deposit (f->db, draft_deposit, invoice, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "is a draft: only a validated deposit invoice");
  g_assert_false (cpt_lifecycle_attach_deposit (f->db, invoice, balance, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "is not a deposit invoice");
  g_assert_false (cpt_lifecycle_attach_deposit (f->db, deposit, quote, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "is not an invoice");
  assert_unchanged (f->db, before);

  g_assert_true (cpt_lifecycle_detach_deposit (f->db, deposit, &error));
  g_free (before);
  before = db_state (f->db);
  g_assert_false (cpt_lifecycle_attach_deposit (f->db, deposit, foreign, &error));
  g_assert_nonnull (strstr (error->message, "Garage Martin"));
  assert_refused (error, CPT_ERROR_REFUSED, "only deducted for the same client");
  g_assert_false (cpt_lifecycle_attach_deposit (f->db, deposit, small, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "would deduct more than the total");
  assert_unchanged (f->db, before);

  /* Validated with its deposit: the deduction is fixed. */
  g_assert_true (cpt_lifecycle_attach_deposit (f->db, deposit, invoice, &error));
  g_assert_true (cpt_lifecycle_delete (f->db, draft_deposit, &error));
  g_assert_no_error (error);
  g_free (validate (f->db, invoice, NULL));
  g_free (before);
  before = db_state (f->db);
  g_assert_false (cpt_lifecycle_detach_deposit (f->db, deposit, &error));
  g_assert_nonnull (strstr (error->message, "FA-2026-0002 is validated"));
  assert_refused (error, CPT_ERROR_REFUSED, "credit note");
  g_assert_false (cpt_lifecycle_attach_deposit (f->db, deposit, balance, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "already deducted on FA-2026-0002");
  {
    gint64 validated_other = new_with_line (f->db, "invoice", client, NULL, 50000);
    g_free (validate (f->db, validated_other, NULL));
    g_free (before);
    before = db_state (f->db);
    g_assert_false (cpt_lifecycle_attach_deposit (f->db, deposit, validated_other, &error));
    assert_refused (error, CPT_ERROR_REFUSED, "only be attached to a draft invoice");
    assert_unchanged (f->db, before);
  }

  /* A credit note cancelling the invoice frees the deposit: only once validated. */
  credit = cpt_lifecycle_credit (f->db, invoice, NULL, 0, &error);
  g_assert_no_error (error);
  {
    /* Its history starts with its creation, then says what it credits. */
    g_autoptr(GPtrArray) history = cpt_documents_history (f->db, credit, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 2);
    g_assert_cmpstr (((CptHistoryEvent *) history->pdata[0])->action, ==, "create");
    g_assert_cmpstr (((CptHistoryEvent *) history->pdata[1])->action, ==, "credit");
  }
  {
    g_autoptr(GPtrArray) lines = lines_of (f->db, credit);
    g_autoptr(CptDocument) doc = load (f->db, credit);
    guint deposit_lines = 0;
    for (guint i = 0; i < lines->len; i++)
      if (cpt_document_line_get_deposit_id (LINE (lines, i)) == deposit)
        deposit_lines++;
    g_assert_cmpuint (deposit_lines, ==, 4);
    g_assert_cmpint (cpt_document_get_amount_due (doc), ==, 60000 - 12289);
    g_assert_cmpint (cpt_document_get_deposits_gross (doc), ==, 12289);
  }
  g_assert_cmpint (cpt_test_deposit_invoice (f->db, deposit), ==, invoice);
  g_free (validate (f->db, credit, NULL));
  g_assert_cmpint (cpt_test_deposit_invoice (f->db, deposit), ==, 0);
  assert_status (f->db, invoice, NULL, "credited");
  g_assert_true (cpt_lifecycle_attach_deposit (f->db, deposit, balance, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cpt_test_deposit_invoice (f->db, deposit), ==, balance);
  {
    g_autoptr(CptDocument) doc = load (f->db, balance);
    g_assert_cmpint (cpt_document_get_amount_due (doc), ==, 40962 - 12289);
  }
  g_free (validate (f->db, balance, NULL));
  g_assert_cmpint (cpt_test_deposit_invoice (f->db, deposit), ==, balance);

  /* Deleting a draft invoice gives its deposits back too. */
  last = quote_invoice (f->db, awkward_quote (f->db, client, SMALL), CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 5000);
  g_free (validate (f->db, last, NULL));
  invoice = new_with_line (f->db, "invoice", client, NULL, 50000);
  g_assert_true (cpt_lifecycle_attach_deposit (f->db, last, invoice, &error));
  g_assert_cmpint (cpt_test_deposit_invoice (f->db, last), ==, invoice);
  g_assert_true (cpt_lifecycle_delete (f->db, invoice, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cpt_test_deposit_invoice (f->db, last), ==, 0);
  assert_check_clean (f->db);
}


/* A deposit deducted on an invoice cannot be credited as well (it was given back twice:
 * by the credit note and by the deduction). */
static void
test_deposit_credit_when_deducted (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 quote = awkward_quote (f->db, client, SMALL);
  gint64 deposit, balance, note, invoice, cancel;
  g_autofree char *before = NULL;

  deposit = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 3000);
  g_free (validate (f->db, deposit, NULL));
  balance = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_BALANCE, 0);

  before = db_state (f->db);
  g_assert_cmpint (cpt_lifecycle_credit (f->db, deposit, NULL, 0, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "FA-2026-0001 is deducted on draft #");
  assert_unchanged (f->db, before);
  {
    g_autoptr(GPtrArray) actions = actions_of (f->db, deposit);
    assert_not_allowed (actions, "credit", "is deducted on an invoice");
  }

  /* Free, it can be credited; a draft credit note does not stop attaching it again, but the
   * credit note is then refused at validation. */
  g_assert_true (cpt_lifecycle_detach_deposit (f->db, deposit, &error));
  note = cpt_lifecycle_credit (f->db, deposit, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (cpt_lifecycle_attach_deposit (f->db, deposit, balance, &error));
  g_assert_no_error (error);
  g_free (before);
  before = db_state (f->db);
  g_assert_false (cpt_test_validate_on_its_day (f->db, note, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "it cannot be credited as well");
  assert_unchanged (f->db, before);
  g_assert_true (cpt_lifecycle_detach_deposit (f->db, deposit, &error));
  g_free (validate (f->db, note, NULL));
  assert_status (f->db, deposit, NULL, "credited");
  g_free (before);
  before = db_state (f->db);
  g_assert_false (cpt_lifecycle_attach_deposit (f->db, deposit, balance, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "was credited");
  assert_unchanged (f->db, before);

  /* On a validated invoice: cancelling the invoice frees the deposit, which can then be
   * credited. */
  deposit = new_with_line (f->db, "deposit", client, NULL, 10000);
  g_free (validate (f->db, deposit, NULL));
  invoice = new_with_line (f->db, "invoice", client, NULL, 50000);
  g_assert_true (cpt_lifecycle_attach_deposit (f->db, deposit, invoice, &error));
  g_free (validate (f->db, invoice, NULL));
  g_assert_cmpint (cpt_lifecycle_credit (f->db, deposit, NULL, 0, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "is deducted on FA-2026-0003");
  cancel = cpt_lifecycle_credit (f->db, invoice, NULL, 0, &error);
  g_free (validate (f->db, cancel, NULL));
  note = cpt_lifecycle_credit (f->db, deposit, NULL, 0, &error);
  g_assert_no_error (error);
  g_free (validate (f->db, note, NULL));
  assert_status (f->db, deposit, NULL, "credited");
  assert_check_clean (f->db);
}

/* ---------------------------------------------------------------- 9. pro forma */

static void
test_proforma (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 proforma = new_document (f->db, "proforma", client, "2026-03-01");
  gint64 invoice, other, third;
  g_autoptr(GPtrArray) source = NULL;
  g_autoptr(GPtrArray) copied = NULL;
  g_autofree char *before = NULL;

  {
    g_autoptr(CptDocument) doc = load (f->db, proforma);
    g_assert_cmpstr (cpt_document_get_number (doc), ==, "PF-2026-0001");
    g_assert_cmpstr (cpt_document_get_series (doc), ==, "proforma");
    g_assert_true (cpt_document_is_draft (doc));
  }
  assert_status (f->db, proforma, NULL, "in_preparation");
  add_item (f->db, proforma, "Kakémonos", 3000, 455000, 2000);
  add_item (f->db, proforma, "Livres", 10000, 12345, 550);
  {
    g_autoptr(CptDocument) doc = load (f->db, proforma);
    g_object_set (doc, "title", "Salon du livre", "notes", "Livraison sur stand", NULL);
    g_assert_true (cpt_documents_update (f->db, doc, &error));
    g_assert_no_error (error);
  }

  before = db_state (f->db);
  g_assert_false (cpt_test_validate_on_its_day (f->db, proforma, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "pro forma is not validated");
  assert_unchanged (f->db, before);

  g_assert_true (cpt_lifecycle_mark_sent (f->db, proforma, "2026-03-02", &error));
  g_assert_no_error (error);
  assert_status (f->db, proforma, NULL, "sent");
  /* Still editable once sent. */
  add_item (f->db, proforma, "Affiche", 1000, 99900, 2000);

  invoice = cpt_lifecycle_finalize (f->db, proforma, &error);
  g_assert_no_error (error);
  g_assert_cmpint (invoice, >, 0);
  {
    g_autoptr(CptDocument) pf = load (f->db, proforma);
    g_autoptr(CptDocument) doc = load (f->db, invoice);
    g_autofree char *notes = NULL;

    g_object_get (doc, "notes", &notes, NULL);
    g_assert_cmpstr (cpt_document_get_kind (doc), ==, "invoice");
    g_assert_true (cpt_document_is_draft (doc));
    g_assert_null (cpt_document_get_number (doc));
    g_assert_cmpint (cpt_document_get_proforma_id (doc), ==, proforma);
    g_assert_cmpint (cpt_document_get_client_id (doc), ==, client);
    g_assert_cmpstr (cpt_document_get_title (doc), ==, "Salon du livre");
    g_assert_cmpstr (notes, ==, "Livraison sur stand");
    g_assert_cmpint (cpt_document_get_total_net (doc), ==, cpt_document_get_total_net (pf));
    g_assert_cmpint (cpt_document_get_total_vat (doc), ==, cpt_document_get_total_vat (pf));
    g_assert_cmpint (cpt_document_get_total_gross (doc), ==, cpt_document_get_total_gross (pf));
    /* 3 x 45.50 + 10 x 1.2345 + 9.99 = 136.50 + 12.35 + 9.99 */
    g_assert_cmpint (cpt_document_get_total_net (doc), ==, 15884);
  }
  source = lines_of (f->db, proforma);
  copied = lines_of (f->db, invoice);
  g_assert_cmpuint (copied->len, ==, source->len);
  for (guint i = 0; i < source->len; i++)
    {
      g_assert_cmpstr (cpt_document_line_get_description (LINE (copied, i)), ==,
                       cpt_document_line_get_description (LINE (source, i)));
      g_assert_cmpint (cpt_document_line_get_quantity (LINE (copied, i)), ==,
                       cpt_document_line_get_quantity (LINE (source, i)));
      g_assert_cmpint (cpt_document_line_get_unit_price (LINE (copied, i)), ==,
                       cpt_document_line_get_unit_price (LINE (source, i)));
      g_assert_cmpint (cpt_document_line_get_vat_rate (LINE (copied, i)), ==,
                       cpt_document_line_get_vat_rate (LINE (source, i)));
      g_assert_cmpint (cpt_document_line_get_net (LINE (copied, i)), ==,
                       cpt_document_line_get_net (LINE (source, i)));
    }

  g_free (before);
  before = db_state (f->db);
  g_assert_cmpint (cpt_lifecycle_finalize (f->db, proforma, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "PF-2026-0001 already has its final invoice");
  g_assert_cmpint (cpt_lifecycle_finalize (f->db, invoice, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "is not a pro forma");
  /* Once produced as an invoice, the pro forma is kept (it was a raw FOREIGN KEY error). */
  g_assert_false (cpt_lifecycle_delete (f->db, proforma, &error));
  g_assert_nonnull (strstr (error->message, "PF-2026-0001"));
  assert_refused (error, CPT_ERROR_REFUSED, "was produced as invoice #");
  assert_unchanged (f->db, before);
  {
    g_autoptr(GPtrArray) actions = actions_of (f->db, proforma);
    assert_not_allowed (actions, "delete", "was produced as an invoice");
    assert_not_allowed (actions, "finalize", "Already produced as invoice");
    assert_allowed (actions, "edit");
  }

  /* The pro forma is not in the invoice chronology: a later pro forma does not hold back
   * the invoice's date, and the invoice is the first of its series. */
  {
    gint64 later = new_document (f->db, "proforma", client, "2026-12-01");
    g_assert_true (cpt_lifecycle_delete (f->db, later, &error));
  }
  assert_number (f->db, invoice, NULL, "FA-2026-0001");
  /* Pro forma stay deletable; a deleted one leaves a hole in its own series only. */
  other = new_document (f->db, "proforma", client, NULL);
  g_assert_true (cpt_lifecycle_delete (f->db, other, &error));
  g_assert_no_error (error);
  third = new_document (f->db, "proforma", client, NULL);
  {
    g_autoptr(CptDocument) doc = load (f->db, third);
    g_assert_cmpstr (cpt_document_get_number (doc), ==, "PF-2026-0004");
  }
  /* Not in the ledger, and the check is clean. */
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM ledger WHERE document_id = %" G_GINT64_FORMAT, proforma), ==, 0);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM ledger"), ==, 1);
  assert_check_clean (f->db);
}

/* ---------------------------------------------------------------- 10. credit notes */

static void
test_credit_notes (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 invoice = new_document (f->db, "invoice", client, NULL);
  gint64 x = add_item (f->db, invoice, "Reliure", 2000, 1000000, 2000);
  gint64 y = add_item (f->db, invoice, "Dorure", 1000, 5000000, 2000);
  gint64 draft = new_with_line (f->db, "invoice", client, NULL, 1000);
  gint64 quote = sent_quote (f->db, client);
  gint64 partial, second, rest;
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  CptCreditPart one_x = { x, 1000 };
  CptCreditPart two_x = { x, 2000 };
  CptCreditPart foreign_part = { 0, 1000 };

  g_free (validate (f->db, invoice, NULL));
  assert_status (f->db, invoice, NULL, "validated");

  /* Refusals. */
  before = db_state (f->db);
  g_assert_cmpint (cpt_lifecycle_credit (f->db, draft, NULL, 0, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "is a draft: change or delete it");
  g_assert_cmpint (cpt_lifecycle_credit (f->db, quote, NULL, 0, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "Only invoices and deposit invoices are credited");
  foreign_part.line_id = add_item (f->db, draft, "Autre", 1000, 100, 2000);
  g_free (before);
  before = db_state (f->db);
  g_assert_cmpint (cpt_lifecycle_credit (f->db, invoice, &foreign_part, 1, &error), ==, 0);
  assert_refused (error, CPT_ERROR_INVALID, "is not a line with an amount of FA-2026-0001");
  {
    CptCreditPart zero = { x, 0 };
    g_assert_cmpint (cpt_lifecycle_credit (f->db, invoice, &zero, 1, &error), ==, 0);
    assert_refused (error, CPT_ERROR_INVALID, "more than 0");
  }
  {
    CptCreditPart three = { x, 3000 };
    g_assert_cmpint (cpt_lifecycle_credit (f->db, invoice, &three, 1, &error), ==, 0);
    assert_refused (error, CPT_ERROR_REFUSED, "only 2 is left to credit on FA-2026-0001");
  }
  g_assert_false (cpt_lifecycle_delete (f->db, invoice, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "Issue a credit note");
  assert_unchanged (f->db, before);

  /* Partial: one of the two bindings. */
  partial = cpt_lifecycle_credit (f->db, invoice, &one_x, 1, &error);
  g_assert_no_error (error);
  lines = lines_of (f->db, partial);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpint (cpt_document_line_get_credited_line_id (LINE (lines, 0)), ==, x);
  g_assert_cmpint (cpt_document_line_get_quantity (LINE (lines, 0)), ==, 1000);
  g_assert_cmpint (cpt_document_line_get_quote_line_id (LINE (lines, 0)), ==, 0);
  {
    g_autoptr(CptDocument) doc = load (f->db, partial);
    g_assert_cmpstr (cpt_document_get_kind (doc), ==, "credit_note");
    g_assert_cmpint (cpt_document_get_credited_id (doc), ==, invoice);
    g_assert_cmpint (cpt_document_get_amount_due (doc), ==, 12000);
    g_assert_cmpstr (cpt_document_get_title (doc), ==, "Avoir sur la facture FA-2026-0001");
  }
  /* A draft credit note does not count yet. */
  assert_status (f->db, invoice, NULL, "validated");
  g_assert_cmpint (cpt_test_credited_amount (f->db, invoice), ==, 0);

  /* The draft holds its quantity: asking for two more is refused at creation. */
  g_free (before);
  before = db_state (f->db);
  g_assert_cmpint (cpt_lifecycle_credit (f->db, invoice, &two_x, 1, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "only 1 is left to credit");
  assert_unchanged (f->db, before);

  /* A second draft for the other binding, then edited to two: together they would give back
   * three of two. Validating the first is fine, the second is refused. */
  second = cpt_lifecycle_credit (f->db, invoice, &one_x, 1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = lines_of (f->db, second);
  g_object_set (LINE (lines, 0), "quantity", (gint64) 2000, NULL);
  g_assert_true (cpt_documents_update_line (f->db, LINE (lines, 0), &error));
  g_assert_no_error (error);
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = lines_of (f->db, second);
  g_assert_cmpint (cpt_document_line_get_quantity (LINE (lines, 0)), ==, 2000);
  g_assert_cmpint (cpt_document_line_get_credited_line_id (LINE (lines, 0)), ==, x);
  g_free (validate (f->db, partial, NULL));
  assert_status (f->db, invoice, NULL, "partly_credited");
  g_assert_cmpint (cpt_test_credited_amount (f->db, invoice), ==, 12000);
  g_free (before);
  before = db_state (f->db);
  g_assert_false (cpt_test_validate_on_its_day (f->db, second, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "“Reliure”: only 1 is left to credit on FA-2026-0001");
  assert_unchanged (f->db, before);
  g_object_set (LINE (lines, 0), "quantity", (gint64) 1000, NULL);
  g_assert_true (cpt_documents_update_line (f->db, LINE (lines, 0), &error));
  g_free (validate (f->db, second, NULL));
  assert_status (f->db, invoice, NULL, "partly_credited");

  /* A draft credit note whose price was raised would give back more than what is left in
   * money: refused at validation too. */
  {
    CptCreditPart one_y = { y, 1000 };
    gint64 raised = cpt_lifecycle_credit (f->db, invoice, &one_y, 1, &error);
    g_autoptr(GPtrArray) raised_lines = NULL;

    g_assert_no_error (error);
    raised_lines = lines_of (f->db, raised);
    g_object_set (LINE (raised_lines, 0), "unit-price", (gint64) 7000000, NULL);
    g_assert_true (cpt_documents_update_line (f->db, LINE (raised_lines, 0), &error));
    g_free (before);
    before = db_state (f->db);
    g_assert_false (cpt_test_validate_on_its_day (f->db, raised, NULL, &error));
    assert_refused (error, CPT_ERROR_REFUSED, "gives back more than what is left to credit on FA-2026-0001");
    assert_unchanged (f->db, before);
    g_assert_true (cpt_lifecycle_delete (f->db, raised, &error));
    g_assert_no_error (error);
  }

  /* The rest (the whole of what is left): only the gilding. */
  rest = cpt_lifecycle_credit (f->db, invoice, NULL, 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = lines_of (f->db, rest);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpint (cpt_document_line_get_credited_line_id (LINE (lines, 0)), ==, y);
  g_free (validate (f->db, rest, NULL));
  assert_status (f->db, invoice, NULL, "credited");
  g_assert_cmpint (cpt_test_credited_amount (f->db, invoice), ==, 84000);
  {
    g_autoptr(CptDocument) doc = load (f->db, rest);
    g_assert_cmpstr (cpt_document_get_number (doc), ==, "AV-2026-0003");
  }
  g_free (before);
  before = db_state (f->db);
  g_assert_cmpint (cpt_lifecycle_credit (f->db, invoice, NULL, 0, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "already fully credited");
  g_assert_cmpint (cpt_lifecycle_credit (f->db, invoice, &one_x, 1, &error), ==, 0);
  assert_refused (error, CPT_ERROR_REFUSED, "only 0 is left");
  g_assert_false (cpt_lifecycle_delete (f->db, invoice, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "credit note");
  assert_unchanged (f->db, before);

  /* A whole credit at once copies every line with its reference. */
  {
    gint64 other = new_document (f->db, "invoice", client, NULL);
    gint64 a = add_item (f->db, other, "Papier", 5000, 12345, 550);
    gint64 b = add_item (f->db, other, "Encre", 1500, 99999, 2000);
    g_autoptr(CptDocumentLine) text = cpt_document_line_new ();
    gint64 whole;
    g_autoptr(GPtrArray) copied = NULL;

    g_object_set (text, "kind", "text", "description", "Merci", NULL);
    g_assert_true (cpt_documents_add_line (f->db, other, text, &error));
    g_free (validate (f->db, other, NULL));
    whole = cpt_lifecycle_credit (f->db, other, NULL, 0, &error);
    g_assert_no_error (error);
    copied = lines_of (f->db, whole);
    g_assert_cmpuint (copied->len, ==, 2);
    g_assert_cmpint (cpt_document_line_get_credited_line_id (LINE (copied, 0)), ==, a);
    g_assert_cmpint (cpt_document_line_get_credited_line_id (LINE (copied, 1)), ==, b);
    g_assert_cmpint (cpt_document_line_get_quantity (LINE (copied, 1)), ==, 1500);
    {
      g_autoptr(CptDocument) inv = load (f->db, other);
      g_autoptr(CptDocument) note = load (f->db, whole);
      g_assert_cmpint (cpt_document_get_total_net (note), ==, cpt_document_get_total_net (inv));
      g_assert_cmpint (cpt_document_get_total_vat (note), ==, cpt_document_get_total_vat (inv));
      g_assert_cmpint (cpt_document_get_amount_due (note), ==, cpt_document_get_amount_due (inv));
    }
    g_free (validate (f->db, whole, NULL));
    assert_status (f->db, other, NULL, "credited");
  }
  /* A deposit invoice can be credited too. */
  {
    gint64 deposit = new_with_line (f->db, "deposit", client, NULL, 30000);
    gint64 note;
    g_free (validate (f->db, deposit, NULL));
    note = cpt_lifecycle_credit (f->db, deposit, NULL, 0, &error);
    g_assert_no_error (error);
    g_free (validate (f->db, note, NULL));
    assert_status (f->db, deposit, NULL, "credited");
  }
  assert_check_clean (f->db);
}

/* ---------------------------------------------------------------- 11. audit and ledger */

static void
test_audit_and_ledger (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Café « Éluard »");
  gint64 quote = awkward_quote (f->db, client, SMALL);
  gint64 first = new_with_line (f->db, "invoice", client, NULL, 10000);
  gint64 gone = new_with_line (f->db, "invoice", client, NULL, 20000);
  gint64 deposit, invoice, credit;
  struct { const char *action; gint64 document; const char *words; } events[6];
  sqlite3_stmt *stmt = NULL;
  g_autofree char *previous = g_strdup ("0000000000000000000000000000000000000000000000000000000000000000");
  gint64 entries = 0;

  g_free (validate (f->db, first, NULL));
  {
    g_autoptr(CptDocument) doc = load (f->db, gone);
    /* Quotes and a backslash, which JSON must escape (a tab is refused in a title since
     * one-line fields take no control characters). */
    g_object_set (doc, "title", "Réparation \"urgente\" C:\\\\bis", NULL);
    g_assert_true (cpt_documents_update (f->db, doc, &error));
  }
  g_assert_true (cpt_lifecycle_delete (f->db, gone, &error));
  deposit = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 3000);
  g_free (validate (f->db, deposit, NULL));
  invoice = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_BALANCE, 0);
  g_assert_true (cpt_lifecycle_detach_deposit (f->db, deposit, &error));
  g_assert_true (cpt_lifecycle_attach_deposit (f->db, deposit, invoice, &error));
  g_free (validate (f->db, invoice, NULL));
  credit = cpt_lifecycle_credit (f->db, first, NULL, 0, &error);
  g_assert_no_error (error);
  g_free (validate (f->db, credit, NULL));

  events[0].action = "validate", events[0].document = first, events[0].words = "FA-2026-0001";
  events[1].action = "delete_draft", events[1].document = gone, events[1].words = "Éluard";
  events[2].action = "credit", events[2].document = credit, events[2].words = "FA-2026-0001";
  events[3].action = "deposit_detach", events[3].document = invoice, events[3].words = "FA-2026-0002";
  events[4].action = "deposit_attach", events[4].document = invoice, events[4].words = "FA-2026-0002";
  events[5].action = "validate", events[5].document = credit, events[5].words = "AV-2026-0001";
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT details FROM audit_events WHERE action = '%s' AND "
                                              "document_id = %" G_GINT64_FORMAT, events[i].action,
                                              events[i].document);
      g_autofree char *details = sql_text (f->db, sql);
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (strstr (details, events[i].words) == NULL)
        g_error ("no %s event for #%" G_GINT64_FORMAT " mentioning %s (got “%s”)", events[i].action,
                 events[i].document, events[i].words, details);
      /* details is a JSON object, whatever the names hold */
      if (!json_parser_load_from_data (parser, details, -1, NULL))
        g_error ("the details of %s are not JSON: %s", events[i].action, details);
    }
  /* The deleted draft's client and title are in its event, as they were. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT details FROM audit_events WHERE action = 'delete_draft' "
                                            "AND document_id = %" G_GINT64_FORMAT, gone);
    g_autofree char *details = sql_text (f->db, sql);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *object;

    g_assert_true (json_parser_load_from_data (parser, details, -1, NULL));
    object = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (object, "client"), ==, "Café « Éluard »");
    g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "Réparation \"urgente\" C:\\\\bis");
    g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "invoice");
  }
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM audit_events WHERE at IS NULL OR at = ''"), ==, 0);
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM audit_events WHERE action = 'validate'"), ==, 5);

  /* One ledger entry per validated document (quote, invoice, deposit, balance, credit
   * note), chained. */
  g_assert_cmpint (sql_int (f->db, "SELECT count(*) FROM documents WHERE status = 'validated'"), ==, 5);
  g_assert_cmpint (sqlite3_prepare_v2 (cpt_database_get_handle (f->db),
                                       "SELECT document_id, previous_hash, hash FROM ledger ORDER BY seq",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *prev = (const char *) sqlite3_column_text (stmt, 1);
      const char *hash = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *canonical = cpt_ledger_canonical (f->db, id, NULL);
      g_autofree char *input = g_strdup_printf ("%s\n%s", prev, canonical);
      g_autofree char *computed = g_compute_checksum_for_string (G_CHECKSUM_SHA256, input, -1);

      g_assert_cmpstr (prev, ==, previous);
      g_assert_cmpuint (strlen (hash), ==, 64);
      g_assert_cmpstr (computed, ==, hash);
      g_free (previous);
      previous = g_strdup (hash);
      entries++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (entries, ==, 5);
  g_assert_cmpint (sql_int (f->db, "SELECT count(DISTINCT document_id) FROM ledger"), ==, 5);
  assert_check_clean (f->db);
}

/* ---------------------------------------------------------------- 12. allowed actions */

static void
test_actions (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 invoice = new_with_line (f->db, "invoice", client, NULL, 10000);
  gint64 quote_id = new_with_line (f->db, "quote", client, NULL, 10000);
  gint64 proforma = new_with_line (f->db, "proforma", client, NULL, 10000);
  gint64 quote, deposit, balance, credit;
  g_autoptr(GPtrArray) actions = NULL;

  /* A draft invoice. */
  actions = actions_of (f->db, invoice);
  assert_allowed (actions, "edit");
  assert_allowed (actions, "delete");
  assert_allowed (actions, "validate");
  assert_allowed (actions, "attach_deposit");
  assert_not_allowed (actions, "credit", "is a draft");
  g_clear_pointer (&actions, g_ptr_array_unref);

  /* Validated. */
  g_free (validate (f->db, invoice, NULL));
  actions = actions_of (f->db, invoice);
  assert_not_allowed (actions, "edit", "credit note");
  assert_not_allowed (actions, "delete", "can never be deleted. Issue a credit note");
  assert_not_allowed (actions, "validate", "FA-2026-0001 is already validated");
  assert_not_allowed (actions, "attach_deposit", "its deposits are fixed");
  assert_allowed (actions, "credit");
  g_clear_pointer (&actions, g_ptr_array_unref);

  /* Fully credited. */
  credit = cpt_lifecycle_credit (f->db, invoice, NULL, 0, &error);
  g_free (validate (f->db, credit, NULL));
  actions = actions_of (f->db, invoice);
  assert_not_allowed (actions, "credit", "already fully credited");
  g_clear_pointer (&actions, g_ptr_array_unref);

  /* Quotes. */
  actions = actions_of (f->db, quote_id);
  assert_allowed (actions, "send");
  assert_not_allowed (actions, "accept", "Send the quote first");
  assert_not_allowed (actions, "invoice_deposit", "not accepted");
  g_clear_pointer (&actions, g_ptr_array_unref);
  g_assert_true (cpt_lifecycle_quote_send (f->db, quote_id, NULL, &error));
  actions = actions_of (f->db, quote_id);
  assert_not_allowed (actions, "send", "already sent");
  assert_not_allowed (actions, "delete", "a numbered quote is kept");
  assert_allowed (actions, "accept");
  assert_allowed (actions, "refuse");
  g_clear_pointer (&actions, g_ptr_array_unref);

  quote = awkward_quote (f->db, client, SMALL);
  actions = actions_of (f->db, quote);
  assert_not_allowed (actions, "accept", "already answered");
  assert_allowed (actions, "invoice_deposit");
  assert_allowed (actions, "invoice_full");
  assert_allowed (actions, "invoice_balance");
  g_clear_pointer (&actions, g_ptr_array_unref);

  /* A deposit: not attached, attached to a draft, attached to a validated invoice. */
  deposit = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 3000);
  actions = actions_of (f->db, deposit);
  assert_not_allowed (actions, "attach", "validate it first");
  g_clear_pointer (&actions, g_ptr_array_unref);
  g_free (validate (f->db, deposit, NULL));
  actions = actions_of (f->db, quote);
  assert_not_allowed (actions, "invoice_full", "make the balance invoice");
  g_clear_pointer (&actions, g_ptr_array_unref);
  actions = actions_of (f->db, deposit);
  assert_not_allowed (actions, "detach", "not deducted on any invoice");
  assert_allowed (actions, "attach");
  assert_allowed (actions, "credit");
  g_clear_pointer (&actions, g_ptr_array_unref);
  balance = quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_BALANCE, 0);
  actions = actions_of (f->db, deposit);
  assert_allowed (actions, "detach");
  assert_not_allowed (actions, "attach", "already deducted on draft #");
  g_clear_pointer (&actions, g_ptr_array_unref);
  g_free (validate (f->db, balance, NULL));
  actions = actions_of (f->db, deposit);
  assert_not_allowed (actions, "detach", "cancel it with a credit note to free them");
  g_clear_pointer (&actions, g_ptr_array_unref);
  actions = actions_of (f->db, quote);
  assert_not_allowed (actions, "invoice_deposit", "already has its final invoice");
  assert_not_allowed (actions, "invoice_balance", "has been invoiced");
  g_clear_pointer (&actions, g_ptr_array_unref);

  /* Pro forma. */
  actions = actions_of (f->db, proforma);
  assert_allowed (actions, "edit");
  assert_allowed (actions, "delete");
  assert_not_allowed (actions, "validate", "produce the final invoice");
  assert_allowed (actions, "finalize");
  g_clear_pointer (&actions, g_ptr_array_unref);
  g_assert_cmpint (cpt_lifecycle_finalize (f->db, proforma, &error), >, 0);
  actions = actions_of (f->db, proforma);
  assert_not_allowed (actions, "finalize", "Already produced as invoice");
  g_clear_pointer (&actions, g_ptr_array_unref);

  g_assert_null (cpt_lifecycle_actions (f->db, 99999, &error));
  assert_refused (error, CPT_ERROR_NOT_FOUND, "99999");
}

/* A mistyped year would lock the series (numbers follow dates): a date after today is
 * refused; one more than 30 days before today needs the confirmation flag; neither refusal
 * changes anything. Today is 2026-03-15. */
static void
test_validate_date_rules (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 future = new_with_line (f->db, "invoice", client, "2062-03-10", 10000);
  gint64 old = new_with_line (f->db, "invoice", client, "2026-02-12", 10000);
  gint64 recent = new_with_line (f->db, "invoice", client, "2026-02-13", 10000);
  gint64 quote = new_with_line (f->db, "quote", client, "2025-12-01", 10000);
  g_autofree char *before = db_state (f->db);

  g_assert_false (cpt_lifecycle_validate (f->db, future, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "cannot be dated 2062-03-10, after today (2026-03-15)");
  g_assert_false (cpt_lifecycle_validate_full (f->db, future, NULL, CPT_VALIDATE_CONFIRM_OLD_DATE, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "numbers follow the order of dates");
  /* Nor may another date given at validation be in the future. */
  g_assert_false (cpt_lifecycle_validate (f->db, recent, "2026-03-16", &error));
  assert_refused (error, CPT_ERROR_REFUSED, "after today");
  /* 31 days ago: to confirm; the message says why. */
  g_assert_false (cpt_lifecycle_validate (f->db, old, NULL, &error));
  assert_refused (error, CPT_ERROR_CONFIRM, "2026-02-12, 31 days ago");
  g_assert_false (cpt_lifecycle_validate (f->db, old, NULL, &error));
  assert_refused (error, CPT_ERROR_CONFIRM, "out of order in its series");
  /* Sending a quote validates it: the same rules. */
  g_assert_false (cpt_lifecycle_quote_send (f->db, quote, NULL, &error));
  assert_refused (error, CPT_ERROR_CONFIRM, "days ago");
  assert_unchanged (f->db, before);

  g_assert_true (cpt_lifecycle_validate_full (f->db, old, NULL, CPT_VALIDATE_CONFIRM_OLD_DATE, &error));
  g_assert_no_error (error);
  assert_status (f->db, old, NULL, "validated");
  /* 30 days ago and today need nothing. */
  g_assert_true (cpt_lifecycle_validate (f->db, recent, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cpt_lifecycle_validate (f->db, future, TODAY, &error));
  g_assert_no_error (error);
  g_assert_true (cpt_lifecycle_quote_send_full (f->db, quote, NULL, CPT_VALIDATE_CONFIRM_OLD_DATE, &error));
  g_assert_no_error (error);
}

/* Nothing to bill, nothing validated: an invoice, a deposit or a credit note of zero takes
 * no number. A balance invoice whose deposits cover everything bills the order: it is
 * validated with nothing left to pay. */
static void
test_validate_zero_total (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 invoice = new_document (f->db, "invoice", client, "2026-03-10");
  gint64 deposit = new_document (f->db, "deposit", client, "2026-03-10");
  gint64 note = new_document (f->db, "credit_note", client, "2026-03-10");
  gint64 free_quote = new_document (f->db, "quote", client, "2026-03-10");
  gint64 quote, full_deposit, balance;
  g_autofree char *before = NULL;

  add_item (f->db, invoice, "Geste commercial", 1000, 0, 2000);
  add_item (f->db, deposit, "Acompte", 1000, 0, 2000);
  add_item (f->db, note, "Avoir", 1000, 0, 2000);
  /* A line and its opposite: items, yet a total of zero. */
  add_item (f->db, invoice, "Reprise", -1000, 0, 2000);
  add_item (f->db, free_quote, "Devis gratuit", 1000, 0, 2000);
  before = db_state (f->db);
  g_assert_false (cpt_lifecycle_validate (f->db, invoice, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "total of zero: there is nothing to bill");
  g_assert_false (cpt_lifecycle_validate (f->db, deposit, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "nothing to bill");
  g_assert_false (cpt_lifecycle_validate (f->db, note, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "gives nothing back");
  assert_unchanged (f->db, before);
  /* A quote may offer something for free. */
  g_assert_true (cpt_lifecycle_validate (f->db, free_quote, NULL, &error));
  g_assert_no_error (error);

  quote = new_with_line (f->db, "quote", client, "2026-03-10", 100000);
  g_assert_true (cpt_lifecycle_quote_send (f->db, quote, NULL, &error));
  g_assert_true (cpt_lifecycle_quote_accept (f->db, quote, NULL, &error));
  full_deposit = cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 10000, &error);
  g_assert_no_error (error);
  g_free (validate (f->db, full_deposit, NULL));
  balance = cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_BALANCE, 0, &error);
  g_assert_no_error (error);
  g_free (validate (f->db, balance, NULL));
  {
    g_autoptr(CptDocument) doc = load (f->db, balance);
    g_assert_cmpint (cpt_document_get_total_gross (doc), ==, 120000);
    g_assert_cmpint (cpt_document_get_amount_due (doc), ==, 0);
  }
}

/* Only the rates in force (BR-FR-16) reach a line; a line that got another rate, or 0 %
 * without its exemption reason, by another way (an older version, raw SQL) is refused at
 * validation, naming it. */
static void
test_validate_vat_rates (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 invoice = new_document (f->db, "invoice", client, "2026-03-10");
  const gint64 in_force[] = { 2000, 1300, 1000, 850, 550, 210, 175, 105, 90 };
  const gint64 refused[] = { 700, 1730, 1960, 1, 10000 };
  g_autofree char *before = NULL;
  gint64 line_id;

  for (guint i = 0; i < G_N_ELEMENTS (in_force); i++)
    add_item (f->db, invoice, "Prestation", 1000, 10000, in_force[i]);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(CptDocumentLine) line = item ("Prestation", 1000, 10000, refused[i]);

      g_assert_false (cpt_documents_add_line (f->db, invoice, line, &error));
      assert_refused (error, CPT_ERROR_INVALID, "is not a VAT rate in force in France");
    }
  g_assert_true (cpt_vat_rate_is_valid (0));

  line_id = add_item (f->db, invoice, "Livres", 1000, 10000, 550);
  g_assert_cmpint (sql_int (f->db, "UPDATE document_lines SET vat_rate = 700 WHERE id = %" G_GINT64_FORMAT
                            " RETURNING 1", line_id), ==, 1);
  before = db_state (f->db);
  g_assert_false (cpt_lifecycle_validate (f->db, invoice, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "“Livres”: 7 % is not a VAT rate in force");
  assert_unchanged (f->db, before);
  g_assert_cmpint (sql_int (f->db, "UPDATE document_lines SET vat_rate = 0, exemption_code = NULL "
                            "WHERE id = %" G_GINT64_FORMAT " RETURNING 1", line_id), ==, 1);
  g_free (before);
  before = db_state (f->db);
  g_assert_false (cpt_lifecycle_validate (f->db, invoice, NULL, &error));
  assert_refused (error, CPT_ERROR_REFUSED, "“Livres” is at 0 % VAT without the reason");
  assert_unchanged (f->db, before);
  g_assert_cmpint (sql_int (f->db, "UPDATE document_lines SET exemption_code = 'VATEX-EU-79-C' "
                            "WHERE id = %" G_GINT64_FORMAT " RETURNING 1", line_id), ==, 1);
  g_free (validate (f->db, invoice, NULL));
}

/* A query that fails reaches the caller (issue 11): before, the lifecycle read a failed
 * query as 0 or "no mark", so a sent quote was offered to be sent again, and a credit note
 * was checked against a credited amount of 0. */
static void
test_errors_reach_the_caller (CptTestDb *f, gconstpointer data)
{
  sqlite3 *handle = cpt_database_get_handle (f->db);
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, "Librairie Moreau");
  gint64 quote = new_with_line (f->db, "quote", client, NULL, 10000);
  gint64 invoice = new_with_line (f->db, "invoice", client, NULL, 10000);
  gint64 credit, amount = -1;
  g_autoptr(GPtrArray) actions = NULL;
  GLogLevelFlags fatal;

  g_assert_true (cpt_lifecycle_quote_send (f->db, quote, NULL, &error));
  g_assert_no_error (error);
  g_free (validate (f->db, invoice, NULL));
  credit = cpt_lifecycle_credit (f->db, invoice, NULL, 0, &error);
  g_assert_no_error (error);
  g_free (validate (f->db, credit, NULL));

  /* a statement prepared before the table went fails when it runs, one prepared after
   * fails to prepare and warns: either way the error must reach the caller */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_cmpint (sqlite3_exec (handle, "ALTER TABLE document_marks RENAME TO marks_gone",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  actions = cpt_lifecycle_actions (f->db, quote, &error);
  g_assert_null (actions);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_false (cpt_lifecycle_quote_accept (f->db, quote, NULL, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  /* a status whose facts cannot be read is not guessed from the stored one */
  {
    g_autoptr(CptDocument) document = load (f->db, quote);
    g_autofree char *status = cpt_lifecycle_status (f->db, document, NULL, &error);

    g_assert_null (status);
    g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
    g_clear_error (&error);
  }
  g_assert_cmpint (sqlite3_exec (handle, "ALTER TABLE marks_gone RENAME TO document_marks",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* the typed reads answer when they can, and say so when they cannot */
  g_assert_true (cpt_lifecycle_credited_amount (f->db, invoice, &amount, &error));
  g_assert_cmpint (amount, ==, 12000);
  g_assert_cmpint (sqlite3_exec (handle, "ALTER TABLE document_lines RENAME TO lines_gone",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (cpt_lifecycle_deposit_invoice (f->db, credit, &amount, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_log_set_always_fatal (fatal);
}

int
main (int argc, char **argv)
{
  g_setenv ("COMPTOIR_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);
  CPT_TEST_DB ("/lifecycle/validate/numbers", test_validate_numbers);
  CPT_TEST_DB ("/lifecycle/validate/date-rules", test_validate_date_rules);
  CPT_TEST_DB ("/lifecycle/validate/zero-total", test_validate_zero_total);
  CPT_TEST_DB ("/lifecycle/validate/vat-rates", test_validate_vat_rates);
  CPT_TEST_DB ("/lifecycle/validate/series-per-kind", test_validate_series_per_kind);
  CPT_TEST_DB ("/lifecycle/validate/deleted-draft-takes-no-number", test_deleted_draft_takes_no_number);
  CPT_TEST_DB ("/lifecycle/validate/einvoice-rules", test_validate_einvoice_rules);
  CPT_TEST_DB ("/lifecycle/validate/consumer-not-e-invoiced", test_validate_consumer);
  g_test_add_func ("/lifecycle/series/formats", test_series_formats);
  CPT_TEST_DB ("/lifecycle/series/resets", test_series_resets);
  CPT_TEST_DB ("/lifecycle/series/first-number", test_series_first_number);
  CPT_TEST_DB ("/lifecycle/series/errors-reach-the-caller", test_series_errors_reach_the_caller);
  CPT_TEST_DB ("/lifecycle/extras/errors-reach-the-caller", test_extras_errors_reach_the_caller);
  CPT_TEST_DB ("/lifecycle/immutability/raw-sql", test_immutability_raw_sql);
  CPT_TEST_DB ("/lifecycle/immutability/check-detects-tampering", test_check_detects_tampering);
  CPT_TEST_DB ("/lifecycle/snapshot", test_snapshot);
  CPT_TEST_DB ("/lifecycle/quote/flow", test_quote_flow);
  CPT_TEST_DB ("/lifecycle/quote/refused", test_quote_refused);
  CPT_TEST_DB ("/lifecycle/quote/remaining", test_quote_remaining);
  CPT_TEST_DB ("/lifecycle/deposit/percent-mixed-rates", test_deposit_percent_mixed_rates);
  CPT_TEST_DB ("/lifecycle/deposit/amount", test_deposit_amount);
  CPT_TEST_DB ("/lifecycle/balance", test_balance);
  CPT_TEST_DB ("/lifecycle/deposit/attach-detach", test_deposit_attach_detach);
  CPT_TEST_DB ("/lifecycle/document-snapshot", test_document_snapshot);
  CPT_TEST_DB ("/lifecycle/deposit/credit-when-deducted", test_deposit_credit_when_deducted);
  CPT_TEST_DB ("/lifecycle/proforma", test_proforma);
  CPT_TEST_DB ("/lifecycle/credit-notes", test_credit_notes);
  CPT_TEST_DB ("/lifecycle/audit-and-ledger", test_audit_and_ledger);
  CPT_TEST_DB ("/lifecycle/actions", test_actions);
  CPT_TEST_DB ("/lifecycle/errors-reach-the-caller", test_errors_reach_the_caller);
  return g_test_run ();
}
