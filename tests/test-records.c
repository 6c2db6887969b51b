/* Company, clients (memos, files, archiving) and products. */
#include <sqlite3.h>
#include <string.h>

#include "cpt-client.h"
#include "cpt-company.h"
#include "cpt-documents.h"
#include "cpt-error.h"
#include "cpt-identifiers.h"
#include "cpt-product.h"
#include "cpt-store-clients.h"
#include "cpt-store-company.h"
#include "cpt-store-products.h"
#include "cpt-test-utils.h"

static void
test_company_roundtrip (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = cpt_company_load (f->db, &error);
  g_autoptr(CptCompany) loaded = NULL;
  g_autofree char *iban = NULL, *vat = NULL, *siret = NULL;
  gint64 capital;

  g_assert_no_error (error);
  g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), "name", "Atelier Lumière", &error));
  g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), "siren", "732 829 320", &error));
  g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), "siret", "732 829 320 00074", &error));
  g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), "vat_number", "fr 44 732829320", &error));
  g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), "iban", "FR76 3000 6000 0112 3456 7890 189", &error));
  g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), "share_capital", "10 000,00 €", &error));
  g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), "vat_exempt", "yes", &error));
  g_assert_true (cpt_company_save (company, f->db, &error));
  g_assert_no_error (error);

  loaded = cpt_company_load (f->db, &error);
  g_object_get (loaded, "iban", &iban, "vat-number", &vat, "siret", &siret, "share-capital", &capital, NULL);
  g_assert_cmpstr (cpt_company_get_name (loaded), ==, "Atelier Lumière");
  g_assert_cmpstr (iban, ==, "FR7630006000011234567890189");
  g_assert_cmpstr (vat, ==, "FR44732829320");
  g_assert_cmpstr (siret, ==, "73282932000074");
  g_assert_cmpint (capital, ==, 1000000);
}

static void
test_company_refuses_bad_identifiers (CptTestDb *f, gconstpointer data)
{
  const struct { const char *key, *value, *words; } cases[] = {
    { "siren", "732829321", "check digit" },
    { "siret", "73282932000075", "SIRET" },
    { "vat_number", "FR45732829320", "key" },
    { "iban", "FR7630006000011234567890188", "IBAN" },
    { "bic", "BNP", "BIC" },
    { "email", "contact at atelier", "email" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CptCompany) company = cpt_company_load (f->db, &error);
      g_autoptr(CptCompany) again = NULL;
      g_autofree char *stored = NULL;
      g_autofree char *was = NULL;

      g_object_get (company, "name", &was, NULL);
      g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), "name", "Changée", &error));
      g_assert_true (cpt_record_set_from_text (cpt_company_record (), G_OBJECT (company), cases[i].key, cases[i].value, &error));
      g_assert_false (cpt_company_save (company, f->db, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[i].words));
      /* Nothing was written, not even the valid name. */
      again = cpt_company_load (f->db, NULL);
      g_object_get (again, "name", &stored, NULL);
      g_assert_cmpstr (stored, ==, was);
      g_assert_cmpstr (stored, !=, "Changée");
    }
}

static void
test_company_siret_must_match_siren (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = cpt_company_load (f->db, &error);

  g_object_set (company, "siren", "552100554", "siret", "73282932000074", NULL);
  g_assert_false (cpt_company_save (company, f->db, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "does not belong"));
}

static CptClient *
add_client (CptDatabase *db, const char *name)
{
  g_autoptr(GError) error = NULL;
  CptClient *client = cpt_client_new ();

  g_object_set (client, "name", name, NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  g_assert_no_error (error);
  return client;
}

static void
test_client_validation (CptTestDb *f, gconstpointer data)
{
  const struct { const char *key, *value; } bad[] = {
    { "name", "   " }, { "kind", "association" }, { "siren", "12345" },
    { "vat_number", "FR00552100554" }, { "email", "a@b" }, { "country", "France" },
    { "currency", "EURO" }, { "payment_days", "400" }, { "language", "de" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CptClient) client = cpt_client_new ();
      sqlite3_stmt *stmt;

      g_object_set (client, "name", "Client", NULL);
      if (cpt_record_set_from_text (cpt_client_record (), G_OBJECT (client), bad[i].key,
                                    bad[i].value, &error))
        g_assert_false (cpt_client_insert (client, f->db, &error));
      g_assert_nonnull (error);
      g_assert_cmpint (error->code, ==, CPT_ERROR_INVALID);
      stmt = cpt_database_prepare (f->db, "SELECT count(*) FROM clients", NULL);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
      sqlite3_reset (stmt);
    }
}

static void
test_client_normalises (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptClient) loaded = NULL;
  g_autofree char *siren = NULL, *email = NULL, *country = NULL, *currency = NULL;

  g_object_set (client, "name", "  Boulangerie Dupont  ", "siret", "552 100 554 00005",
                "email", "compta@dupont.fr; Patron@Dupont.fr", "country", "be", "currency", "chf", NULL);
  /* The SIREN is taken from the SIRET when not given. */
  g_assert_true (cpt_client_insert (client, f->db, &error));
  g_assert_no_error (error);
  loaded = cpt_client_load (f->db, cpt_client_get_id (client), &error);
  g_object_get (loaded, "siren", &siren, "email", &email, "country", &country, "currency", &currency, NULL);
  g_assert_cmpstr (cpt_client_get_name (loaded), ==, "Boulangerie Dupont");
  g_assert_cmpstr (siren, ==, "552100554");
  g_assert_cmpstr (email, ==, "compta@dupont.fr, Patron@Dupont.fr");
  g_assert_cmpstr (country, ==, "BE");
  g_assert_cmpstr (currency, ==, "CHF");
}

static void
test_client_memos (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = add_client (f->db, "Mémo SARL");
  g_autoptr(GPtrArray) memos = NULL;
  gint64 id = cpt_client_get_id (client);

  g_assert_cmpint (cpt_client_add_memo (f->db, id, "Camille", "Rappeler lundi", &error), >, 0);
  g_assert_cmpint (cpt_client_add_memo (f->db, id, "Hugo", "Devis envoyé", &error), >, 0);
  g_assert_cmpint (cpt_client_add_memo (f->db, id, "Hugo", "   ", &error), ==, 0);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cpt_client_add_memo (f->db, 9999, "Hugo", "Perdu", &error), ==, 0);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  memos = cpt_client_list_memos (f->db, id, &error);
  g_assert_cmpuint (memos->len, ==, 2);
  /* newest first */
  g_assert_cmpstr (((CptMemo *) g_ptr_array_index (memos, 0))->text, ==, "Devis envoyé");
  g_assert_cmpstr (((CptMemo *) g_ptr_array_index (memos, 1))->author, ==, "Camille");
}

static void
test_client_files (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = add_client (f->db, "Fichiers SAS");
  g_autofree char *source = g_build_filename (f->dir, "contrat.pdf", NULL);
  const char content[] = "%PDF-1.4\n% contrat signé\n\0binary\xff";
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 file_id;

  g_assert_true (g_file_set_contents (source, content, sizeof content, NULL));
  file_id = cpt_client_add_file (f->db, cpt_client_get_id (client), source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (file_id, >, 0);
  /* The file lives in the database: removing the original changes nothing. */
  g_unlink (source);
  files = cpt_client_list_files (f->db, cpt_client_get_id (client), &error);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (((CptClientFile *) g_ptr_array_index (files, 0))->name, ==, "contrat.pdf");
  g_assert_cmpint (((CptClientFile *) g_ptr_array_index (files, 0))->size, ==, sizeof content);
  bytes = cpt_client_get_file_data (f->db, file_id, &error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), content, sizeof content);

  g_assert_true (cpt_client_remove_file (f->db, file_id, &error));
  g_clear_pointer (&files, g_ptr_array_unref);
  files = cpt_client_list_files (f->db, cpt_client_get_id (client), &error);
  g_assert_cmpuint (files->len, ==, 0);

  g_assert_cmpint (cpt_client_add_file (f->db, cpt_client_get_id (client), "/nonexistent/x.pdf", &error), ==, 0);
  g_assert_nonnull (error);
}

static void
test_client_archive_instead_of_delete (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) lonely = add_client (f->db, "Sans document");
  g_autoptr(CptClient) busy = add_client (f->db, "Avec document");
  g_autoptr(CptDocument) document = NULL;
  g_autoptr(CptClient) loaded = NULL;

  g_assert_true (cpt_client_delete (f->db, cpt_client_get_id (lonely), &error));
  g_assert_no_error (error);

  document = cpt_documents_create (f->db, "quote", cpt_client_get_id (busy), "2026-01-10", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cpt_client_delete (f->db, cpt_client_get_id (busy), &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "archive"));
  g_clear_error (&error);

  g_assert_true (cpt_client_set_archived (f->db, cpt_client_get_id (busy), TRUE, &error));
  loaded = cpt_client_load (f->db, cpt_client_get_id (busy), &error);
  g_assert_true (cpt_client_get_archived (loaded));
  /* No new document for an archived client. */
  g_clear_object (&document);
  document = cpt_documents_create (f->db, "invoice", cpt_client_get_id (busy), NULL, NULL, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
}

static void
test_products (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptProduct) product = cpt_product_new ();
  g_autoptr(CptProduct) goods = cpt_product_new ();
  g_autoptr(CptProduct) loaded = NULL;

  g_assert_true (cpt_record_set_from_text (cpt_product_record (), G_OBJECT (product), "name", "Conseil", &error));
  g_assert_true (cpt_record_set_from_text (cpt_product_record (), G_OBJECT (product), "unit", "heures", &error));
  g_assert_true (cpt_record_set_from_text (cpt_product_record (), G_OBJECT (product), "unit_price", "95,5", &error));
  g_assert_true (cpt_record_set_from_text (cpt_product_record (), G_OBJECT (product), "vat_rate", "5,5 %", &error));
  g_assert_true (cpt_product_insert (product, f->db, &error));
  loaded = cpt_product_load (f->db, cpt_product_get_id (product), &error);
  g_assert_cmpstr (cpt_product_get_unit (loaded), ==, "HUR");
  g_assert_cmpint (cpt_product_get_unit_price (loaded), ==, 955000);
  g_assert_cmpint (cpt_product_get_vat_rate (loaded), ==, 550);
  g_assert_cmpstr (cpt_product_get_account (loaded), ==, "706000");

  g_object_set (goods, "name", "Écran", "type", "goods", "unit", "H87", NULL);
  g_assert_true (cpt_product_insert (goods, f->db, &error));
  g_assert_cmpstr (cpt_product_get_account (goods), ==, "707000");

  g_object_set (goods, "unit", "furlong", NULL);
  g_assert_false (cpt_product_update (goods, f->db, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_INVALID);
  g_clear_error (&error);
  g_object_set (goods, "unit", "H87", "type", "food", NULL);
  g_assert_false (cpt_product_update (goods, f->db, &error));
  g_clear_error (&error);
  g_assert_false (cpt_record_set_from_text (cpt_product_record (), G_OBJECT (goods), "unit_price", "1e5", &error));
  g_clear_error (&error);
  g_assert_false (cpt_record_set_from_text (cpt_product_record (), G_OBJECT (goods), "vat_rate", "120", &error));
  g_assert_nonnull (error);
}

/* Text entering the model: valid UTF-8, no control character, a newline only where the
 * field is multi-line, a length limit; the message names the field; nothing is written. */
static void
test_text_fields (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autofree char *overlong = g_strnfill (301, 'x');
  struct { const char *key, *value, *words; } bad[] = {
    { "name", "Caf\xff", "Name: the text has bytes that are not characters" },
    { "name", "Evil\x1b[2J", "U+001B" },
    { "city", "Ly\non", "City: this field is one line" },
    { "name", "A\xe2\x80\xae" "B", "U+202E" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (cpt_record_set_from_text (cpt_client_record (), G_OBJECT (client), bad[i].key,
                                                bad[i].value, &error));
      g_assert_error (error, CPT_ERROR, CPT_ERROR_INVALID);
      if (strstr (error->message, bad[i].words) == NULL)
        g_error ("“%s” does not say “%s”", error->message, bad[i].words);
      g_clear_error (&error);
      /* Set directly (a property, as the window does): refused when written. */
      g_object_set (client, "name", "Atelier", NULL);
      g_object_set (client, bad[i].key, bad[i].value, NULL);
      g_assert_false (cpt_client_insert (client, f->db, &error));
      g_assert_error (error, CPT_ERROR, CPT_ERROR_INVALID);
      g_clear_error (&error);
      g_object_set (client, "city", NULL, NULL);
    }
  g_object_set (client, "name", overlong, NULL);
  g_assert_false (cpt_client_insert (client, f->db, &error));
  g_assert_nonnull (strstr (error->message, "too long"));
  g_clear_error (&error);
  g_object_set (client, "name", "Atelier Brun", "address", "12 rue Haute\nBâtiment B", NULL);
  g_assert_true (cpt_client_insert (client, f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cpt_client_get_id (client), ==, 1);
}

/* Sets every written field of `object` to a value that differs from its default and from the
 * value given with another `seed`, within what the table's constraints accept. */
static void
fill_distinct (const CptRecordClass *record, GObject *object, int seed)
{
  for (guint i = 0; i < record->n_fields; i++)
    {
      const CptField *field = &record->fields[i];
      g_autofree char *name = g_strdelimit (g_strdup (field->key), "_", '-');

      if (field->flags & (CPT_FIELD_NO_COLUMN | CPT_FIELD_GENERATED) ||
          strcmp (field->key, "id") == 0)
        continue;
      switch (field->type)
        {
        case CPT_FIELD_STRING:
          {
            g_autofree char *value = g_strdup_printf ("%s-%d", field->key, seed);

            if (strcmp (field->key, "kind") == 0)
              g_object_set (object, name, seed % 2 ? "individual" : "company", NULL);
            else if (strcmp (field->key, "type") == 0)
              g_object_set (object, name, seed % 2 ? "goods" : "service", NULL);
            else if (strcmp (field->key, "currency") == 0)
              g_object_set (object, name, seed % 2 ? "USD" : "CHF", NULL);
            else
              g_object_set (object, name, value, NULL);
          }
          break;
        case CPT_FIELD_INT64:
          g_object_set (object, name, (gint64) (10 * seed + i), NULL);
          break;
        case CPT_FIELD_BOOLEAN:
          g_object_set (object, name, (gboolean) ((seed + i) % 2), NULL);
          break;
        case CPT_FIELD_ENUM:
          {
            g_autoptr(GEnumClass) values = g_type_class_ref (field->enum_type ());

            g_object_set (object, name, values->values[(seed + i) % values->n_values].value, NULL);
          }
          break;
        }
    }
}

/* Every column field of `a` and `b` holds the same value. */
static void
assert_same_fields (const CptRecordClass *record, GObject *a, GObject *b)
{
  for (guint i = 0; i < record->n_fields; i++)
    {
      const CptField *field = &record->fields[i];
      g_autofree char *left = NULL, *right = NULL;

      if (field->flags & (CPT_FIELD_NO_COLUMN | CPT_FIELD_GENERATED))
        continue;
      left = cpt_record_get_as_text (record, a, field);
      right = cpt_record_get_as_text (record, b, field);
      if (g_strcmp0 (left, right) != 0)
        g_error ("field %s: written “%s”, read back “%s”", field->key, left, right);
    }
}

/* The store writes and reads every field of company, clients and products from their field
 * tables (issue 11, "generic records"): a field left out of a column list, bound out of
 * order or read from the wrong column comes back different. The store is called directly,
 * without the model's validation, so that every field can take a value of its own. */
static void
test_store_every_field (CptTestDb *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  for (int seed = 1; seed <= 2; seed++)
    {
      g_autoptr(CptClient) client = cpt_client_new ();
      g_autoptr(CptClient) client_back = NULL;
      g_autoptr(CptProduct) product = cpt_product_new ();
      g_autoptr(CptProduct) product_back = NULL;
      g_autoptr(CptCompany) company = cpt_store_company_load (f->db, &error);
      g_autoptr(CptCompany) company_back = NULL;

      g_assert_no_error (error);
      fill_distinct (cpt_client_record (), G_OBJECT (client), seed);
      g_assert_true (cpt_store_clients_insert (f->db, client, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cpt_client_get_id (client), ==, seed);
      client_back = cpt_store_clients_load (f->db, seed, &error);
      g_assert_no_error (error);
      assert_same_fields (cpt_client_record (), G_OBJECT (client), G_OBJECT (client_back));
      /* the update writes every field too */
      fill_distinct (cpt_client_record (), G_OBJECT (client_back), seed + 10);
      g_assert_true (cpt_store_clients_update (f->db, client_back, &error));
      g_clear_object (&client);
      client = cpt_store_clients_load (f->db, seed, &error);
      g_assert_no_error (error);
      assert_same_fields (cpt_client_record (), G_OBJECT (client_back), G_OBJECT (client));

      fill_distinct (cpt_product_record (), G_OBJECT (product), seed);
      g_assert_true (cpt_store_products_insert (f->db, product, &error));
      g_assert_no_error (error);
      product_back = cpt_store_products_load (f->db, cpt_product_get_id (product), &error);
      g_assert_no_error (error);
      assert_same_fields (cpt_product_record (), G_OBJECT (product), G_OBJECT (product_back));
      fill_distinct (cpt_product_record (), G_OBJECT (product_back), seed + 10);
      g_assert_true (cpt_store_products_update (f->db, product_back, &error));
      g_clear_object (&product);
      product = cpt_store_products_load (f->db, cpt_product_get_id (product_back), &error);
      assert_same_fields (cpt_product_record (), G_OBJECT (product_back), G_OBJECT (product));

      fill_distinct (cpt_company_record (), G_OBJECT (company), seed);
      g_assert_true (cpt_store_company_save (f->db, company, &error));
      g_assert_no_error (error);
      company_back = cpt_store_company_load (f->db, &error);
      g_assert_no_error (error);
      assert_same_fields (cpt_company_record (), G_OBJECT (company), G_OBJECT (company_back));
    }
  /* a missing row is "not found", in words */
  g_assert_null (cpt_store_clients_load (f->db, 99, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "99"));
}

/* A query that fails reaches the caller as an error; before, counting a client's documents
 * answered 0 when it failed (and the client could be offered for deletion), and a logo that
 * could not be read was left out of documents without a word. */
static void
test_store_errors_reach_the_caller (CptTestDb *f, gconstpointer data)
{
  sqlite3 *handle = cpt_database_get_handle (f->db);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = add_client (f->db, "Boulangerie Martin");
  g_autoptr(CptClient) still = NULL;
  g_autofree char *mime = NULL;
  gint64 count = -1;

  g_assert_cmpint (sqlite3_exec (handle, "ALTER TABLE documents RENAME TO documents_gone",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_test_expect_message ("cpt-database", G_LOG_LEVEL_WARNING, "*no such table*");
  g_assert_false (cpt_client_count_documents (f->db, cpt_client_get_id (client), &count, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  g_test_expect_message ("cpt-database", G_LOG_LEVEL_WARNING, "*no such table*");
  g_assert_false (cpt_client_delete (f->db, cpt_client_get_id (client), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  still = cpt_client_load (f->db, cpt_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_nonnull (still);

  g_assert_cmpint (sqlite3_exec (handle, "ALTER TABLE client_memos RENAME TO memos_gone",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_test_expect_message ("cpt-database", G_LOG_LEVEL_WARNING, "*no such table*");
  g_assert_null (cpt_client_list_memos (f->db, cpt_client_get_id (client), &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (handle, "ALTER TABLE company RENAME TO company_gone",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_test_expect_message ("cpt-database", G_LOG_LEVEL_WARNING, "*no such table*");
  g_assert_null (cpt_company_get_logo (f->db, &mime, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
  g_clear_error (&error);
  g_test_assert_expected_messages ();
  /* The company was read when the test's file was made, so its statement is prepared
   * already: it fails when it runs, with no warning from preparing, and still reaches the
   * caller. */
  g_assert_null (cpt_company_load (f->db, &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_DATABASE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  CPT_TEST_DB ("/records/company/roundtrip", test_company_roundtrip);
  CPT_TEST_DB ("/records/company/refuses-bad-identifiers", test_company_refuses_bad_identifiers);
  CPT_TEST_DB ("/records/company/siret-matches-siren", test_company_siret_must_match_siren);
  CPT_TEST_DB ("/records/client/validation", test_client_validation);
  CPT_TEST_DB ("/records/client/normalises", test_client_normalises);
  CPT_TEST_DB ("/records/client/memos", test_client_memos);
  CPT_TEST_DB ("/records/client/files", test_client_files);
  CPT_TEST_DB ("/records/client/archive-instead-of-delete", test_client_archive_instead_of_delete);
  CPT_TEST_DB ("/records/products", test_products);
  CPT_TEST_DB ("/records/text-fields", test_text_fields);
  CPT_TEST_DB ("/records/store/every-field", test_store_every_field);
  CPT_TEST_DB ("/records/store/errors-reach-the-caller", test_store_errors_reach_the_caller);
  return g_test_run ();
}
