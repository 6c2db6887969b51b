/* A set of documents that covers every kind the layout and Factur-X handle: an invoice with
 * several VAT rates, a discount, a 0 % line with its exemption reason, text and subtotal
 * lines and a delivery address; a quote with two deposit invoices and its balance invoice;
 * a partial credit note; a full credit note of a balance invoice; an English client; an
 * intra-EU supply; a pro forma; a draft; a partly paid invoice; a 100-line invoice; and, in
 * a second database, a company under the VAT franchise (art. 293 B). Shared by test-render
 * and test-facturx. */
#pragma once

#include "cpt-client.h"
#include "cpt-company.h"
#include "cpt-demo.h"
#include "cpt-documents.h"
#include "cpt-identifiers.h"
#include "cpt-lifecycle.h"
#include "cpt-payments.h"
#include "cpt-product.h"
#include "cpt-test-utils.h"

typedef struct
{
  CptDatabase *db;
  CptDatabase *franchise_db;
  gint64 invoice;          /* FR business, 20 / 10 / 5.5 / 0 % (exempt), discount, text, subtotal */
  gint64 quote;
  gint64 deposit_1;        /* 30 % of the quote */
  gint64 deposit_2;        /* 20 % of the quote */
  gint64 balance;          /* deducts both deposits */
  gint64 credit_partial;   /* part of `invoice` */
  gint64 credit_balance;   /* all of a second balance invoice, deposits given back */
  gint64 english;          /* an English-speaking client */
  gint64 intra_eu;         /* a Belgian business, VATEX-EU-IC */
  gint64 proforma;
  gint64 draft;
  gint64 paid;             /* partly paid */
  gint64 long_invoice;     /* 100 lines */
  gint64 individual;       /* a consumer */
  gint64 franchise;        /* in franchise_db: TVA non applicable, art. 293 B du CGI */
} CptRenderFixtures;

static inline void
fixture_company (CptDatabase *db, gboolean franchise)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = cpt_company_load (db, &error);

  g_assert_no_error (error);
  if (franchise)
    g_object_set (company, "name", "Camille Martin Graphisme", "legal-form", "EI",
                  "siren", "732829320", "siret", "73282932000074", "address", "8 rue des Écoles",
                  "postcode", "35000", "city", "Rennes", "email", "camille@martin-graphisme.fr",
                  "iban", "FR7630006000011234567890189", "bic", "AGRIFRPP",
                  "vat-exempt", TRUE, NULL);
  else
    g_object_set (company, "name", "Atelier Lumière", "legal-form", "SARL",
                  "share-capital", (gint64) 1000000, "siren", "732829320",
                  "siret", "73282932000074", "rcs-city", "Lyon", "vat-number", "FR44732829320",
                  "address", "12 rue de la Charité", "postcode", "69002", "city", "Lyon",
                  "email", "contact@atelier-lumiere.fr", "phone", "04 78 00 00 00",
                  "website", "https://atelier-lumiere.fr", "iban", "FR7630006000011234567890189",
                  "bic", "AGRIFRPP", "footer", "Merci de votre confiance.",
                  "vat-on-debits", TRUE, NULL);
  g_assert_true (cpt_company_save (company, db, &error));
  g_assert_no_error (error);
}

static inline gint64
fixture_client (CptDatabase *db, const char *kind, const char *name, const char *siren,
                const char *country, const char *language, const char *vat_number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autofree char *vat = vat_number ? g_strdup (vat_number) : siren ? cpt_vat_number_from_siren (siren) : NULL;

  g_object_set (client, "kind", kind, "name", name, "siren", siren, "vat-number", vat,
                "address", "114 rue Pasteur", "postcode", "35000", "city", "Rennes",
                "country", country, "language", language, "email", "compta@example.org",
                "payment-days", (gint64) 30, NULL);
  if (g_strcmp0 (country, "BE") == 0)
    g_object_set (client, "address", "Rue de la Loi 16", "postcode", "1000", "city", "Bruxelles", NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  g_assert_no_error (error);
  return cpt_client_get_id (client);
}

static inline gint64
fixture_product (CptDatabase *db, const char *type, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptProduct) product = cpt_product_new ();

  g_object_set (product, "type", type, "name", name, "unit-price", (gint64) 100000,
                "vat-rate", (gint64) 2000, NULL);
  g_assert_true (cpt_product_insert (product, db, &error));
  g_assert_no_error (error);
  return cpt_product_get_id (product);
}

static inline gint64
fixture_document (CptDatabase *db, const char *kind, gint64 client, const char *date, const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) document = cpt_documents_create (db, kind, client, date, NULL, title, &error);

  g_assert_no_error (error);
  return cpt_document_get_id (document);
}

/* quantity in thousandths, price in hundredths of a cent, rate and discount in hundredths */
static inline void
fixture_line (CptDatabase *db, gint64 document, const char *kind, const char *description,
              gint64 quantity, const char *unit, gint64 price, gint64 rate, gint64 discount,
              const char *exemption, gint64 product)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocumentLine) line = cpt_document_line_new ();

  g_object_set (line, "kind", kind, "description", description, "quantity", quantity,
                "unit", unit, "unit-price", price, "vat-rate", rate, "discount-percent", discount,
                "exemption-code", exemption, "product-id", product, NULL);
  g_assert_true (cpt_documents_add_line (db, document, line, &error));
  g_assert_no_error (error);
}

#define ITEM(db, doc, text, qty, unit, price, rate) \
  fixture_line (db, doc, "item", text, qty, unit, price, rate, 0, NULL, 0)

static inline void
fixture_validate (CptDatabase *db, gint64 id, const char *date)
{
  g_autoptr(GError) error = NULL;

  cpt_lifecycle_validate (db, id, date, &error);
  g_assert_no_error (error);
}

static inline gint64
fixture_from_quote (CptDatabase *db, gint64 quote, CptQuoteInvoice how, gint64 value, const char *date)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cpt_lifecycle_quote_invoice (db, quote, how, value, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  fixture_validate (db, id, date);
  return id;
}

static inline gint64
fixture_quote (CptDatabase *db, gint64 client, const char *date)
{
  g_autoptr(GError) error = NULL;
  gint64 quote = fixture_document (db, "quote", client, date, "Rénovation de la boutique");

  ITEM (db, quote, "Dépose de l’ancien comptoir et évacuation", 1000, "LS", 85000000, 1000);
  ITEM (db, quote, "Comptoir en chêne massif sur mesure, vernis mat", 1000, "H87", 320000000, 2000);
  ITEM (db, quote, "Pose et raccordements", 16000, "HUR", 550000, 1000);
  g_assert_true (cpt_lifecycle_quote_send (db, quote, date, &error));
  g_assert_true (cpt_lifecycle_quote_accept (db, quote, date, &error));
  g_assert_no_error (error);
  return quote;
}

static inline void
cpt_render_fixtures_build (CptRenderFixtures *f, const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *path = g_build_filename (dir, "render.db", NULL);
  g_autofree char *franchise_path = g_build_filename (dir, "franchise.db", NULL);
  g_autofree char *siren_a = cpt_demo_random_siren (rand);
  g_autofree char *siren_b = cpt_demo_random_siren (rand);
  g_autofree char *siren_c = cpt_demo_random_siren (rand);
  gint64 client, english, belgian, person, service, goods, quote_2, balance_2, invoice_line = 0;

  f->db = cpt_database_open (path, &error);
  g_assert_no_error (error);
  fixture_company (f->db, FALSE);
  client = fixture_client (f->db, "company", "Bureau d’études Fournier SA", siren_a, "FR", "fr", NULL);
  english = fixture_client (f->db, "company", "Harbour Lights Ltd", siren_b, "FR", "en", NULL);
  belgian = fixture_client (f->db, "company", "Brasserie du Parc SPRL", NULL, "BE", "fr", "BE0123456749");
  person = fixture_client (f->db, "individual", "Nicolas Clément", NULL, "FR", "fr", NULL);
  {
    g_autoptr(CptClient) with_delivery = cpt_client_load (f->db, client, &error);
    g_object_set (with_delivery, "delivery-address", "Entrepôt B, 3 allée des Tilleuls",
                  "delivery-postcode", "35510", "delivery-city", "Cesson-Sévigné", NULL);
    g_assert_true (cpt_client_update (with_delivery, f->db, &error));
    g_assert_no_error (error);
  }
  service = fixture_product (f->db, "service", "Conseil");
  goods = fixture_product (f->db, "goods", "Luminaire");
  (void) siren_c;

  /* An invoice with everything on one page. */
  f->invoice = fixture_document (f->db, "invoice", client, "2026-03-02", "Éclairage du showroom");
  {
    g_autoptr(CptDocument) document = cpt_documents_load (f->db, f->invoice, &error);
    g_object_set (document, "service-date", "2026-02-27", "notes",
                  "Intervention réalisée en deux demi-journées, accès par la cour.", NULL);
    g_assert_true (cpt_documents_update (f->db, document, &error));
    g_assert_no_error (error);
  }
  fixture_line (f->db, f->invoice, "text", "Étude et fournitures", 0, NULL, 0, 0, 0, NULL, 0);
  fixture_line (f->db, f->invoice, "item",
                "Étude d’éclairage : relevés sur place, simulation des niveaux lumineux pièce par "
                "pièce, choix des sources et des optiques, note de calcul et plan de câblage remis "
                "au format PDF", 2500, "DAY", 6500000, 2000, 0, NULL, service);
  fixture_line (f->db, f->invoice, "item", "Suspension laiton « Opale » Ø 45 cm", 6000, "H87",
                32990000, 2000, 1000, NULL, goods);
  fixture_line (f->db, f->invoice, "subtotal", NULL, 0, NULL, 0, 0, 0, NULL, 0);
  ITEM (f->db, f->invoice, "Repas d’équipe sur le chantier", 4000, "C62", 185000, 1000);
  ITEM (f->db, f->invoice, "Livres techniques (normes NF C 15-100)", 2000, "H87", 395000, 550);
  fixture_line (f->db, f->invoice, "item", "Frais de dossier avancés pour le compte du client (débours)",
                1000, "C62", 350000, 0, 0, "VATEX-EU-79-C", 0);
  fixture_validate (f->db, f->invoice, "2026-03-02");

  /* A quote, two deposits, the balance. */
  f->quote = fixture_quote (f->db, client, "2026-03-03");
  f->deposit_1 = fixture_from_quote (f->db, f->quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 3000, "2026-03-04");
  f->deposit_2 = fixture_from_quote (f->db, f->quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 2000, "2026-03-05");
  f->balance = fixture_from_quote (f->db, f->quote, CPT_QUOTE_INVOICE_BALANCE, 0, "2026-03-06");

  /* A second quote whose balance invoice is cancelled entirely. */
  quote_2 = fixture_quote (f->db, client, "2026-03-06");
  fixture_from_quote (f->db, quote_2, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 4000, "2026-03-07");
  balance_2 = fixture_from_quote (f->db, quote_2, CPT_QUOTE_INVOICE_BALANCE, 0, "2026-03-08");
  f->credit_balance = cpt_lifecycle_credit (f->db, balance_2, NULL, 0, &error);
  g_assert_no_error (error);
  fixture_validate (f->db, f->credit_balance, "2026-03-09");

  /* A partial credit note: one of the six luminaires came back. */
  {
    g_autoptr(GPtrArray) lines = cpt_documents_load_lines (f->db, f->invoice, &error);
    CptCreditPart part;

    for (guint i = 0; i < lines->len; i++)
      if (cpt_document_line_get_product_id (g_ptr_array_index (lines, i)) == goods)
        invoice_line = cpt_document_line_get_id (g_ptr_array_index (lines, i));
    part.line_id = invoice_line;
    part.quantity = 1000;
    f->credit_partial = cpt_lifecycle_credit (f->db, f->invoice, &part, 1, &error);
    g_assert_no_error (error);
    fixture_validate (f->db, f->credit_partial, "2026-03-12");
  }

  /* English. */
  f->english = fixture_document (f->db, "invoice", english, "2026-03-09", "Lighting consultancy");
  ITEM (f->db, f->english, "Lighting design workshop with the store team", 1500, "DAY", 7200000, 2000);
  ITEM (f->db, f->english, "Travel expenses, Lyon – Rennes return", 1000, "LS", 1850000, 2000);
  fixture_validate (f->db, f->english, "2026-03-09");

  /* Intra-EU supply of goods. */
  f->intra_eu = fixture_document (f->db, "invoice", belgian, "2026-03-10", "Luminaires pour la salle");
  fixture_line (f->db, f->intra_eu, "item", "Applique murale « Halo »", 12000, "H87", 14900000, 0, 0,
                "VATEX-EU-IC", goods);
  fixture_validate (f->db, f->intra_eu, "2026-03-10");

  /* A consumer. */
  f->individual = fixture_document (f->db, "invoice", person, "2026-03-11", "Lampe de bureau");
  fixture_line (f->db, f->individual, "item", "Lampe de bureau articulée", 1000, "H87", 18900000, 2000, 0, NULL, goods);
  fixture_validate (f->db, f->individual, "2026-03-11");

  /* Partly paid. */
  f->paid = fixture_document (f->db, "invoice", client, "2026-03-13", "Maintenance du premier trimestre");
  ITEM (f->db, f->paid, "Maintenance mensuelle", 3000, "MON", 2500000, 2000);
  fixture_validate (f->db, f->paid, "2026-03-13");
  {
    CptAllocation allocation = { 0, f->paid, 40000 };
    gint64 payment = cpt_payments_add (f->db, client, "2026-03-20", 40000, "transfer", "VIR 0320", NULL,
                                       &allocation, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (payment, >, 0);
  }

  /* A pro forma and a draft. */
  f->proforma = fixture_document (f->db, "proforma", client, "2026-03-14", "Projet d’éclairage du hall");
  ITEM (f->db, f->proforma, "Étude d’éclairage du hall", 1000, "DAY", 6500000, 2000);
  f->draft = fixture_document (f->db, "invoice", english, "2026-03-15", "Draft for review");
  ITEM (f->db, f->draft, "Lighting audit", 1000, "LS", 45000000, 2000);

  /* 100 lines. */
  f->long_invoice = fixture_document (f->db, "invoice", client, "2026-03-16", "Fournitures du trimestre");
  for (int i = 1; i <= 100; i++)
    {
      g_autofree char *text = g_strdup_printf ("Article %03d%s", i,
                                               i % 9 == 0 ? " — référence longue avec sa description "
                                                            "détaillée qui passe sur plusieurs lignes "
                                                            "pour vérifier la coupure des pages" : "");
      ITEM (f->db, f->long_invoice, text, (i % 5 + 1) * 1000, "H87", 1000000 + i * 1250, i % 4 == 0 ? 550 : 2000);
    }
  fixture_validate (f->db, f->long_invoice, "2026-03-16");

  /* The franchise (art. 293 B du CGI). */
  f->franchise_db = cpt_database_open (franchise_path, &error);
  g_assert_no_error (error);
  fixture_company (f->franchise_db, TRUE);
  client = fixture_client (f->franchise_db, "company", "Bureau d’études Fournier SA", siren_a, "FR", "fr", NULL);
  f->franchise = fixture_document (f->franchise_db, "invoice", client, "2026-03-17", "Identité visuelle");
  ITEM (f->franchise_db, f->franchise, "Création du logo et de la charte graphique", 1000, "LS", 120000000, 0);
  ITEM (f->franchise_db, f->franchise, "Déclinaison sur les cartes de visite", 1000, "LS", 25000000, 0);
  fixture_validate (f->franchise_db, f->franchise, "2026-03-17");
}

static inline void
cpt_render_fixtures_clear (CptRenderFixtures *f)
{
  g_clear_object (&f->db);
  g_clear_object (&f->franchise_db);
}
