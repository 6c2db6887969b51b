/* Draft documents: creation, lines, totals, ordering, deletion, and the refusals. */
#include <sqlite3.h>
#include <string.h>

#include "cpt-client.h"
#include "cpt-company.h"
#include "cpt-documents.h"
#include "cpt-enum-types.h"
#include "cpt-error.h"
#include "cpt-product.h"
#include "cpt-test-utils.h"

static gint64
make_client (CptDatabase *db, gint64 days, gboolean end_of_month)
{
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (client, "name", "Librairie Moreau", "payment-days", days,
                "end-of-month", end_of_month, NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  return cpt_client_get_id (client);
}

static CptDocumentLine *
item (const char *description, gint64 quantity, gint64 unit_price, gint64 rate, gint64 discount)
{
  CptDocumentLine *line = cpt_document_line_new ();

  g_object_set (line, "description", description, "quantity", quantity, "unit-price", unit_price,
                "vat-rate", rate, "discount-percent", discount, NULL);
  return line;
}

static void
add (CptDatabase *db, gint64 document_id, CptDocumentLine *line)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cpt_documents_add_line (db, document_id, line, &error));
  g_assert_no_error (error);
}

static void
test_create_dates (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, 45, TRUE);
  g_autoptr(CptDocument) invoice = cpt_documents_create (f->db, "invoice", client, "2026-01-20", NULL, "Livres", &error);
  g_autoptr(CptDocument) quote = cpt_documents_create (f->db, "devis", client, "20/01/2026", NULL, NULL, &error);
  g_autoptr(CptDocument) credit = cpt_documents_create (f->db, "credit-note", client, "2026-01-20", NULL, NULL, &error);
  g_autofree char *valid = NULL, *terms = NULL;

  g_assert_no_error (error);
  /* 45 days end of month: 2026-01-20 + 45 = 2026-03-06 -> 2026-03-31 */
  g_assert_cmpstr (cpt_document_get_due_date (invoice), ==, "2026-03-31");
  g_object_get (invoice, "payment-terms", &terms, NULL);
  g_assert_cmpstr (terms, ==, "Paiement à 45 jours fin de mois");
  g_assert_cmpstr (cpt_document_get_kind (quote), ==, "quote");
  g_object_get (quote, "valid-until", &valid, NULL);
  g_assert_cmpstr (valid, ==, "2026-02-19");
  g_assert_null (cpt_document_get_due_date (credit));
  g_assert_true (cpt_document_is_draft (invoice));
  g_assert_null (cpt_document_get_number (invoice));
  g_assert_cmpstr (cpt_document_get_client_name (invoice), ==, "Librairie Moreau");
}

static void
test_create_refusals (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, 30, FALSE);

  g_assert_null (cpt_documents_create (f->db, "receipt", client, NULL, NULL, NULL, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cpt_documents_create (f->db, "invoice", 999, NULL, NULL, NULL, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cpt_documents_create (f->db, "invoice", client, "2026-02-30", NULL, NULL, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cpt_documents_create (f->db, "invoice", client, "2026-02-10", "2026-02-01", NULL, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "before"));
}

static void
test_totals_mixed_rates (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, 30, FALSE);
  g_autoptr(CptDocument) doc = cpt_documents_create (f->db, "invoice", client, "2026-03-01", NULL, NULL, &error);
  gint64 id = cpt_document_get_id (doc);
  g_autoptr(CptDocument) loaded = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  CptDocumentTotals totals = { 0 };
  const CptVatEntry *entry;

  /* 3 x 33.3333 at 20 % with 10 % off = 89.99991 -> 90.00 */
  add (f->db, id, item ("Conseil", 3000, 333333, 2000, 1000));
  /* 7 x 1.09 at 5.5 % = 7.63 */
  add (f->db, id, item ("Livres", 7000, 10900, 550, 0));
  /* 0.5 x 0.99 at 2.1 % = 0.495 -> 0.50 */
  add (f->db, id, item ("Presse", 500, 9900, 210, 0));
  /* 1 x 10.00 at 10 % */
  add (f->db, id, item ("Repas", 1000, 100000, 1000, 0));
  /* and the 20 % base again so the rate groups: 2 x 0.05 = 0.10 */
  add (f->db, id, item ("Câble", 2000, 500, 2000, 0));

  loaded = cpt_documents_load (f->db, id, &error);
  /* net: 90.00 + 7.63 + 0.50 + 10.00 + 0.10 = 108.23
   * VAT: 20 % of 90.10 = 18.02; 10 % of 10.00 = 1.00; 5.5 % of 7.63 = 0.41965 -> 0.42;
   *      2.1 % of 0.50 = 0.0105 -> 0.01; total 19.45 */
  g_assert_cmpint (cpt_document_get_total_net (loaded), ==, 10823);
  g_assert_cmpint (cpt_document_get_total_vat (loaded), ==, 1945);
  g_assert_cmpint (cpt_document_get_total_gross (loaded), ==, 12768);
  g_assert_cmpint (cpt_document_get_amount_due (loaded), ==, 12768);

  lines = cpt_documents_load_lines (f->db, id, &error);
  g_assert_true (cpt_documents_compute_totals (lines, &totals, &error));
  g_assert_cmpuint (cpt_vat_breakdown_get_n_entries (totals.breakdown), ==, 4);
  entry = cpt_vat_breakdown_get_entry (totals.breakdown, 0);
  g_assert_cmpint (entry->rate, ==, 2000);
  g_assert_cmpint (entry->base, ==, 9010);
  g_assert_cmpint (entry->vat, ==, 1802);
  entry = cpt_vat_breakdown_get_entry (totals.breakdown, 2);
  g_assert_cmpint (entry->rate, ==, 550);
  g_assert_cmpint (entry->vat, ==, 42);
  cpt_document_totals_clear (&totals);
}

static void
test_text_and_subtotal_lines (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, 30, FALSE);
  g_autoptr(CptDocument) doc = cpt_documents_create (f->db, "quote", client, NULL, NULL, NULL, &error);
  gint64 id = cpt_document_get_id (doc);
  g_autoptr(CptDocumentLine) heading = cpt_document_line_new ();
  g_autoptr(CptDocumentLine) subtotal = cpt_document_line_new ();
  g_autoptr(CptDocumentLine) subtotal2 = cpt_document_line_new ();
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(CptDocument) loaded = NULL;

  g_object_set (heading, "kind", "text", "description", "Phase 1 : maquettes", NULL);
  add (f->db, id, heading);
  add (f->db, id, item ("Maquette", 2000, 4000000, 2000, 0));
  add (f->db, id, item ("Revue", 1000, 1500000, 2000, 0));
  g_object_set (subtotal, "kind", "subtotal", NULL);
  add (f->db, id, subtotal);
  add (f->db, id, item ("Intégration", 1000, 10000000, 2000, 0));
  g_object_set (subtotal2, "kind", "subtotal", NULL);
  add (f->db, id, subtotal2);

  lines = cpt_documents_load_lines (f->db, id, &error);
  g_assert_cmpuint (lines->len, ==, 6);
  g_assert_cmpint (cpt_document_line_get_net (g_ptr_array_index (lines, 0)), ==, 0);
  g_assert_cmpint (cpt_document_line_get_net (g_ptr_array_index (lines, 3)), ==, 95000);
  g_assert_cmpint (cpt_document_line_get_net (g_ptr_array_index (lines, 5)), ==, 100000);
  loaded = cpt_documents_load (f->db, id, &error);
  g_assert_cmpint (cpt_document_get_total_net (loaded), ==, 195000);
  g_assert_cmpint (cpt_document_get_total_vat (loaded), ==, 39000);

  /* An empty text line is refused. */
  g_clear_object (&heading);
  heading = cpt_document_line_new ();
  g_object_set (heading, "kind", "text", "description", "  ", NULL);
  g_assert_false (cpt_documents_add_line (f->db, id, heading, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_INVALID);
}

static void
test_line_refusals_change_nothing (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, 30, FALSE);
  g_autoptr(CptDocument) doc = cpt_documents_create (f->db, "invoice", client, NULL, NULL, NULL, &error);
  gint64 id = cpt_document_get_id (doc);
  struct { CptDocumentLine *line; const char *words; } bad[] = {
    { item ("", 1000, 100, 2000, 0), "description" },
    { item ("Prix négatif", 1000, -100, 2000, 0), "negative" },
    { item ("Remise folle", 1000, 100, 2000, 15000), "discount" },
    { item ("Taux fou", 1000, 100, 20000, 0), "VAT rate" },
    { item ("Sans raison", 1000, 100, 0, 0), "exempt" },
    { item ("Unité", 1000, 100, 2000, 0), "unit" },
    { item ("Code", 1000, 100, 0, 0), "exemption code" },
    { item ("Code sur 20 %", 1000, 100, 2000, 0), "0 %" },
  };
  g_autoptr(CptDocument) after = NULL;

  add (f->db, id, item ("Valide", 1000, 1000000, 2000, 0));
  g_object_set (bad[5].line, "unit", "furlong", NULL);
  g_object_set (bad[6].line, "exemption-code", "VATEX-XX-NOPE", NULL);
  g_object_set (bad[7].line, "exemption-code", "VATEX-EU-IC", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (cpt_documents_add_line (f->db, id, bad[i].line, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, bad[i].words) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, bad[i].words);
      g_clear_error (&error);
      g_object_unref (bad[i].line);
    }
  after = cpt_documents_load (f->db, id, &error);
  g_assert_cmpint (cpt_document_get_total_net (after), ==, 10000);
  {
    g_autoptr(GPtrArray) lines = cpt_documents_load_lines (f->db, id, &error);
    g_assert_cmpuint (lines->len, ==, 1);
  }
}

static void
test_exemptions (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, 30, FALSE);
  g_autoptr(CptDocument) doc = cpt_documents_create (f->db, "invoice", client, NULL, NULL, NULL, &error);
  g_autoptr(CptDocumentLine) export = item ("Export", 1000, 5000000, 0, 0);
  g_autoptr(CptDocumentLine) franchise = item ("Franchise", 1000, 1000000, 0, 0);
  g_autoptr(CptDocumentLine) taxed = item ("Taxé", 1000, 1000000, 2000, 0);
  g_autoptr(CptCompany) company = cpt_company_load (f->db, &error);

  g_object_set (export, "exemption-code", "vatex-eu-g", NULL);
  add (f->db, cpt_document_get_id (doc), export);
  g_assert_cmpstr (cpt_document_line_get_exemption_code (export), ==, "VATEX-EU-G");

  /* A company under the franchise: 0 % lines get the 293 B reason; VAT lines are refused. */
  g_object_set (company, "vat-exempt", TRUE, NULL);
  g_assert_true (cpt_company_save (company, f->db, &error));
  add (f->db, cpt_document_get_id (doc), franchise);
  g_assert_cmpstr (cpt_document_line_get_exemption_code (franchise), ==, "VATEX-FR-FRANCHISE");
  g_assert_false (cpt_documents_add_line (f->db, cpt_document_get_id (doc), taxed, &error));
  g_assert_nonnull (strstr (error->message, "293 B"));
}

static void
test_move_and_remove (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, 30, FALSE);
  g_autoptr(CptDocument) doc = cpt_documents_create (f->db, "invoice", client, NULL, NULL, NULL, &error);
  gint64 id = cpt_document_get_id (doc);
  CptDocumentLine *lines[4];
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(CptDocument) loaded = NULL;
  const char *names[] = { "A", "B", "C", "D" };

  for (guint i = 0; i < 4; i++)
    {
      lines[i] = item (names[i], 1000, 100 * (i + 1) * 100, 2000, 0);
      add (f->db, id, lines[i]);
    }
  /* D to the top, then A to the bottom: D B C A */
  g_assert_true (cpt_documents_move_line (f->db, cpt_document_line_get_id (lines[3]), 1, &error));
  g_assert_true (cpt_documents_move_line (f->db, cpt_document_line_get_id (lines[0]), 4, &error));
  stored = cpt_documents_load_lines (f->db, id, &error);
  {
    GString *order = g_string_new (NULL);
    for (guint i = 0; i < stored->len; i++)
      {
        g_string_append (order, cpt_document_line_get_description (g_ptr_array_index (stored, i)));
        g_assert_cmpint (cpt_document_line_get_position (g_ptr_array_index (stored, i)), ==, i + 1);
      }
    g_assert_cmpstr (order->str, ==, "DBCA");
    g_string_free (order, TRUE);
  }
  /* Remove B: positions close up, totals follow. */
  g_assert_true (cpt_documents_remove_line (f->db, cpt_document_line_get_id (lines[1]), &error));
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = cpt_documents_load_lines (f->db, id, &error);
  g_assert_cmpuint (stored->len, ==, 3);
  g_assert_cmpint (cpt_document_line_get_position (g_ptr_array_index (stored, 2)), ==, 3);
  loaded = cpt_documents_load (f->db, id, &error);
  g_assert_cmpint (cpt_document_get_total_net (loaded), ==, 100 + 300 + 400);
  /* Insert at position 2. */
  {
    g_autoptr(CptDocumentLine) inserted = item ("X", 1000, 100, 2000, 0);
    g_object_set (inserted, "position", (gint64) 2, NULL);
    add (f->db, id, inserted);
    g_clear_pointer (&stored, g_ptr_array_unref);
    stored = cpt_documents_load_lines (f->db, id, &error);
    g_assert_cmpstr (cpt_document_line_get_description (g_ptr_array_index (stored, 1)), ==, "X");
    g_assert_cmpstr (cpt_document_line_get_description (g_ptr_array_index (stored, 2)), ==, "C");
  }
  for (guint i = 0; i < 4; i++)
    g_object_unref (lines[i]);
}

static void
test_from_product (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, 30, FALSE);
  g_autoptr(CptDocument) doc = cpt_documents_create (f->db, "invoice", client, NULL, NULL, NULL, &error);
  g_autoptr(CptProduct) product = cpt_product_new ();
  g_autoptr(CptDocumentLine) line = cpt_document_line_new ();

  g_object_set (product, "name", "Journée de formation", "description", "Sur site", "unit", "DAY",
                "unit-price", (gint64) 9000000, "vat-rate", (gint64) 2000, NULL);
  g_assert_true (cpt_product_insert (product, f->db, &error));
  cpt_documents_fill_line_from_product (line, product);
  g_object_set (line, "quantity", (gint64) 2500, NULL);
  add (f->db, cpt_document_get_id (doc), line);
  g_assert_cmpint (cpt_document_line_get_net (line), ==, 225000);
  g_assert_cmpstr (cpt_document_line_get_unit (line), ==, "DAY");
  g_assert_cmpstr (cpt_document_line_get_description (line), ==, "Journée de formation\nSur site");
  g_assert_cmpint (cpt_document_line_get_product_id (line), ==, cpt_product_get_id (product));
  g_assert_cmpstr (cpt_document_line_get_account (line), ==, "706000");
}

static void
test_update_and_delete (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, 30, FALSE);
  g_autoptr(CptDocument) doc = cpt_documents_create (f->db, "proforma", client, "2026-04-01", NULL, NULL, &error);
  g_autoptr(CptDocument) loaded = NULL;
  gint64 id = cpt_document_get_id (doc);
  sqlite3_stmt *stmt;

  add (f->db, id, item ("Ligne", 1000, 100, 2000, 0));
  g_object_set (doc, "title", "Salon 2026", "notes", "Livraison sur stand", NULL);
  g_assert_true (cpt_record_set_from_text (cpt_document_record (), G_OBJECT (doc), "due_date", "15/04/2026", &error));
  g_assert_true (cpt_documents_update (f->db, doc, &error));
  loaded = cpt_documents_load (f->db, id, &error);
  g_assert_cmpstr (cpt_document_get_title (loaded), ==, "Salon 2026");
  g_assert_cmpstr (cpt_document_get_due_date (loaded), ==, "2026-04-15");

  g_object_set (doc, "due-date", "2026-03-01", NULL);
  g_assert_false (cpt_documents_update (f->db, doc, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (cpt_documents_delete (f->db, id, &error));
  g_assert_null (cpt_documents_load (f->db, id, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND);
  stmt = cpt_database_prepare (f->db, "SELECT count(*) FROM document_lines", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_reset (stmt);
}

/* Validation is the lifecycle's business; here a document marked validated by hand must be
 * refused every change through the model. */
static void
test_validated_is_read_only (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 client = make_client (f->db, 30, FALSE);
  g_autoptr(CptDocument) doc = cpt_documents_create (f->db, "invoice", client, NULL, NULL, NULL, &error);
  g_autoptr(CptDocumentLine) line = item ("Ligne", 1000, 100, 2000, 0);
  g_autoptr(CptDocumentLine) extra = item ("Ajout", 1000, 100, 2000, 0);
  g_autofree char *sql = NULL;

  add (f->db, cpt_document_get_id (doc), line);
  sql = g_strdup_printf ("UPDATE documents SET status = 'validated', number = 'F-0001' WHERE id = %"
                         G_GINT64_FORMAT, cpt_document_get_id (doc));
  g_assert_true (cpt_database_exec (f->db, sql, &error));

  g_assert_false (cpt_documents_add_line (f->db, cpt_document_get_id (doc), extra, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "credit note"));
  g_clear_error (&error);
  g_assert_false (cpt_documents_remove_line (f->db, cpt_document_line_get_id (line), &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (cpt_documents_delete (f->db, cpt_document_get_id (doc), &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
}

/* The kinds and states are GEnums whose nicks are the database's strings (issue 11): each
 * nick round-trips, the documents table's CHECK lists exactly the kinds' nicks, and a
 * document of every kind is stored and read back as that kind. */
static void
test_kind_nicks (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (CPT_TYPE_DOCUMENT_KIND);
  g_autoptr(GEnumClass) states = g_type_class_ref (CPT_TYPE_DOCUMENT_STATE);
  g_autoptr(GEnumClass) statuses = g_type_class_ref (CPT_TYPE_DOCUMENT_STATUS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) schema = NULL;
  g_auto(GStrv) checked = NULL;
  g_autofree char *list = NULL;
  const char *text, *table, *check, *end;
  gint64 client = make_client (f->db, 30, FALSE);

  schema = g_resources_lookup_data ("/io/github/comptoir/Comptoir/core/sql/schema-1.sql",
                                    G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (schema, NULL);
  table = strstr (text, "CREATE TABLE documents (");
  g_assert_nonnull (table);
  check = strstr (table, "CHECK (kind IN (");
  g_assert_nonnull (check);
  check += strlen ("CHECK (kind IN (");
  end = strstr (check, "))");
  g_assert_nonnull (end);
  list = g_strndup (check, end - check);
  checked = g_strsplit (list, ", ", -1);
  g_assert_cmpuint (g_strv_length (checked), ==, kinds->n_values);

  for (guint i = 0; i < kinds->n_values; i++)
    {
      const GEnumValue *value = &kinds->values[i];
      g_autofree char *quoted = g_strdup_printf ("'%s'", value->value_nick);
      g_autoptr(CptDocument) document = NULL;
      CptDocumentKind parsed = -1;

      g_assert_true (g_strv_contains ((const char *const *) checked, quoted));
      g_assert_cmpstr (cpt_document_kind_to_string (value->value), ==, value->value_nick);
      g_assert_true (cpt_document_kind_from_string (value->value_nick, &parsed));
      g_assert_cmpint (parsed, ==, value->value);
      /* People's spelling parses to the same kind. */
      g_assert_true (cpt_document_kind_parse (value->value_nick, &parsed, &error));
      g_assert_no_error (error);
      g_assert_cmpint (parsed, ==, value->value);

      document = cpt_documents_create_kind (f->db, value->value, client, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      {
        g_autoptr(CptDocument) loaded = cpt_documents_load (f->db, cpt_document_get_id (document),
                                                            &error);
        g_assert_no_error (error);
        g_assert_cmpint (cpt_document_get_document_kind (loaded), ==, value->value);
        g_assert_cmpstr (cpt_document_get_kind (loaded), ==, value->value_nick);
        g_assert_cmpint (cpt_document_get_state (loaded), ==, CPT_DOCUMENT_STATE_DRAFT);
        g_assert_cmpstr (cpt_document_get_status (loaded), ==, "draft");
      }
    }
  g_assert_false (cpt_document_kind_from_string ("credit-note", &(CptDocumentKind) { 0 }));
  g_assert_false (cpt_document_kind_from_string (NULL, &(CptDocumentKind) { 0 }));

  for (guint i = 0; i < states->n_values; i++)
    {
      CptDocumentState parsed = -1;

      g_assert_cmpstr (cpt_document_state_to_string (states->values[i].value), ==,
                       states->values[i].value_nick);
      g_assert_true (cpt_document_state_from_string (states->values[i].value_nick, &parsed));
      g_assert_cmpint (parsed, ==, states->values[i].value);
    }
  for (guint i = 0; i < statuses->n_values; i++)
    {
      CptDocumentStatus parsed = -1;

      g_assert_cmpstr (cpt_document_status_to_string (statuses->values[i].value), ==,
                       statuses->values[i].value_nick);
      g_assert_true (cpt_document_status_from_string (statuses->values[i].value_nick, &parsed));
      g_assert_cmpint (parsed, ==, statuses->values[i].value);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  CPT_TEST_DB ("/documents/create/dates", test_create_dates);
  CPT_TEST_DB ("/documents/create/refusals", test_create_refusals);
  CPT_TEST_DB ("/documents/totals/mixed-rates", test_totals_mixed_rates);
  CPT_TEST_DB ("/documents/lines/text-and-subtotal", test_text_and_subtotal_lines);
  CPT_TEST_DB ("/documents/lines/refusals-change-nothing", test_line_refusals_change_nothing);
  CPT_TEST_DB ("/documents/lines/exemptions", test_exemptions);
  CPT_TEST_DB ("/documents/lines/move-and-remove", test_move_and_remove);
  CPT_TEST_DB ("/documents/lines/from-product", test_from_product);
  CPT_TEST_DB ("/documents/update-and-delete", test_update_and_delete);
  CPT_TEST_DB ("/documents/validated-is-read-only", test_validated_is_read_only);
  CPT_TEST_DB ("/documents/kinds/nicks", test_kind_nicks);
  return g_test_run ();
}
