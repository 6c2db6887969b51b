#include "cpt-einvoice-generator.h"
#include "cpt-money.h"

static const char *const words[] = {
  "Prestation", "de", "conseil", "installation", "réseau", "maintenance", "évolutive", "audit",
  "formation", "équipe", "logiciel", "matériel", "déplacement", "Œuvre", "façade", "ingénierie",
};

static char *
text (GRand *rand, guint min_words, guint max_words)
{
  GString *out = g_string_new (NULL);
  guint n = g_rand_int_range (rand, min_words, max_words + 1);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
  return g_string_free (out, FALSE);
}

static CptDocumentLine *
item (GRand *rand, gint64 rate, const char *exemption)
{
  CptDocumentLine *line = cpt_document_line_new ();
  g_autofree char *description = text (rand, 1, g_rand_int_range (rand, 0, 10) == 0 ? 60 : 6);
  static const gint64 discounts[] = { 0, 0, 0, 1000, 1250, 500 };
  static const char *const units[] = { "C62", "HUR", "DAY", "KGM", NULL };

  g_object_set (line, "kind", "item", "description", description,
                "quantity", (gint64) g_rand_int_range (rand, 1, 50) * (g_rand_boolean (rand) ? 1000 : 250),
                "unit-price", (gint64) g_rand_int_range (rand, 1, 2000000),
                "discount-percent", discounts[g_rand_int_range (rand, 0, G_N_ELEMENTS (discounts))],
                "vat-rate", rate, "exemption-code", exemption,
                "unit", units[g_rand_int_range (rand, 0, G_N_ELEMENTS (units))], NULL);
  return line;
}

static void
seller (CptRenderParty *s, gboolean exempt)
{
  s->name = g_strdup ("Atelier Dupont SARL");
  s->legal_form = g_strdup ("SARL");
  s->share_capital = 1000000;
  s->siren = g_strdup ("732829320");
  s->siret = g_strdup ("73282932000074");
  s->rcs_city = g_strdup ("Lyon");
  s->vat_number = exempt ? NULL : g_strdup ("FR44732829320");
  s->address = g_strdup ("12 rue de la République");
  s->postcode = g_strdup ("69002");
  s->city = g_strdup ("Lyon");
  s->country = g_strdup ("FR");
  s->email = g_strdup ("factures@atelier-dupont.fr");
  s->iban = g_strdup ("FR7630006000011234567890189");
  s->vat_exempt = exempt;
}

typedef enum { BUYER_FR_BUSINESS, BUYER_FR_PERSON, BUYER_EU, BUYER_ELSEWHERE } BuyerKind;

static void
buyer (GRand *rand, CptRenderParty *b, BuyerKind kind)
{
  b->kind = g_strdup (kind == BUYER_FR_PERSON ? "individual" : "company");
  b->address = g_rand_int_range (rand, 0, 4) == 0 ? g_strdup ("Bâtiment B\n3 allée des Tilleuls\nZone d’activités")
                                                 : g_strdup ("3 allée des Tilleuls");
  b->email = g_strdup ("compta@client.example");
  switch (kind)
    {
    case BUYER_FR_BUSINESS:
      b->name = g_strdup ("Boulangerie Martin SAS");
      b->siren = g_strdup ("552100554");
      b->siret = g_strdup ("55210055400013");
      b->vat_number = g_strdup ("FR14552100554");
      b->postcode = g_strdup ("75011");
      b->city = g_strdup ("Paris");
      b->country = g_strdup ("FR");
      break;
    case BUYER_FR_PERSON:
      b->name = g_strdup ("Camille Roux");
      b->postcode = g_strdup ("13001");
      b->city = g_strdup ("Marseille");
      b->country = g_strdup ("FR");
      break;
    case BUYER_EU:
      b->name = g_strdup ("Müller Maschinenbau GmbH");
      b->vat_number = g_strdup ("DE123456789");
      b->postcode = g_strdup ("10115");
      b->city = g_strdup ("Berlin");
      b->country = g_strdup ("DE");
      break;
    case BUYER_ELSEWHERE:
      b->name = g_strdup ("Maple Leaf Trading Inc.");
      b->postcode = g_strdup ("H2X 1Y4");
      b->city = g_strdup ("Montréal");
      b->country = g_strdup ("CA");
      break;
    }
}

static CptRenderReference *
reference (const char *kind, const char *number, const char *date)
{
  CptRenderReference *r = g_new0 (CptRenderReference, 1);

  r->kind = g_strdup (kind);
  r->number = g_strdup (number);
  r->date = g_strdup (date);
  return r;
}

/* A deducted deposit: its own net and VAT, negative, at one rate. */
static CptDocumentLine *
deposit_line (gint64 base, gint64 rate)
{
  CptDocumentLine *line = cpt_document_line_new ();

  g_object_set (line, "kind", "deposit", "description", "Acompte", "vat-rate", rate,
                "net", -base, "vat-amount", -cpt_vat_amount (base, rate), NULL);
  return line;
}

CptRenderDocument *
cpt_einvoice_generate (GRand *rand, guint index, const char **broken)
{
  CptRenderDocument *doc = g_new0 (CptRenderDocument, 1);
  guint pick = g_rand_int_range (rand, 0, 100);
  gboolean exempt = g_rand_int_range (rand, 0, 7) == 0;
  BuyerKind who = g_rand_int_range (rand, 0, 4);
  static const gint64 rates[] = { 2000, 2000, 2000, 1000, 550, 210, 850 };
  guint n_lines = g_rand_int_range (rand, 0, 15) == 0 ? g_rand_int_range (rand, 60, 130)
                                                       : g_rand_int_range (rand, 1, 8);
  guint month = g_rand_int_range (rand, 1, 13), day = g_rand_int_range (rand, 1, 28);
  guint fault = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 1, 9) : 0;
  /* one reason per category: two E reasons at 0 % make two breakdowns of one base (case 8) */
  const char *exempt_code = g_rand_boolean (rand) ? "VATEX-EU-132" : "VATEX-FR-CGI261-4";
  g_autoptr(GError) error = NULL;

  *broken = NULL;
  doc->id = index + 1;
  doc->kind = g_strdup (pick < 60 ? "invoice" : pick < 75 ? "deposit" : pick < 88 ? "credit_note" : "invoice");
  doc->balance = pick >= 88;
  doc->number = g_strdup_printf ("%s-2026-%04u", g_str_equal (doc->kind, "credit_note") ? "AV"
                                 : g_str_equal (doc->kind, "deposit") ? "AC" : "FA", index + 1);
  doc->date = g_strdup_printf ("2026-%02u-%02u", month, day);
  doc->due_date = g_strdup_printf ("2026-%02u-%02u", month, MIN (day + 10, 28));
  doc->title = g_rand_boolean (rand) ? text (rand, 2, 8) : NULL;
  doc->notes = g_rand_int_range (rand, 0, 5) == 0 ? text (rand, 40, 120) : NULL;
  doc->currency = g_strdup ("EUR");
  doc->language = g_strdup (who == BUYER_FR_BUSINESS || who == BUYER_FR_PERSON ? "fr" : "en");
  doc->validated_at = g_strdup_printf ("%sT10:00:00Z", doc->date);
  doc->category = g_rand_int_range (rand, 0, 3);
  doc->payment_days = g_rand_boolean (rand) ? 30 : 0;
  seller (&doc->seller, exempt);
  buyer (rand, &doc->buyer, who);
  doc->lines = g_ptr_array_new_with_free_func (g_object_unref);
  doc->deposits = g_ptr_array_new ();

  for (guint i = 0; i < n_lines; i++)
    {
      gint64 rate = rates[g_rand_int_range (rand, 0, G_N_ELEMENTS (rates))];
      const char *code = NULL;

      if (exempt)
        rate = 0, code = "VATEX-FR-FRANCHISE";
      else if (who == BUYER_EU && g_rand_boolean (rand))
        rate = 0, code = g_rand_boolean (rand) ? "VATEX-EU-IC" : "VATEX-EU-AE";
      else if (who == BUYER_ELSEWHERE && g_rand_boolean (rand))
        rate = 0, code = "VATEX-EU-G";
      else if (g_rand_int_range (rand, 0, 8) == 0)
        rate = 0, code = exempt_code;
      if (who == BUYER_FR_BUSINESS && g_rand_int_range (rand, 0, 10) == 0 && !exempt)
        rate = 0, code = "VATEX-EU-AE";  /* domestic reverse charge (construction) */
      g_ptr_array_add (doc->lines, item (rand, rate, code));
    }
  if (doc->balance)
    {
      guint n = g_rand_int_range (rand, 1, 3);
      CptDocumentLine *first = g_ptr_array_index (doc->lines, 0);
      gint64 rate = cpt_document_line_get_vat_rate (first);

      g_object_set (first, "unit-price", (gint64) 50000000, "quantity", (gint64) 1000, NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *number = g_strdup_printf ("AC-2025-%04u", i + 1);
          CptDocumentLine *line = deposit_line (g_rand_int_range (rand, 1000, 1000000), rate);
          g_object_set (line, "exemption-code", cpt_document_line_get_exemption_code (first), NULL);
          g_ptr_array_add (doc->lines, line);
          g_ptr_array_add (doc->deposits, reference ("deposit", number, "2025-11-02"));
        }
    }
  if (g_str_equal (doc->kind, "credit_note"))
    doc->credited = reference ("invoice", "FA-2025-0042", "2025-12-01");

  /* the deliberate faults */
  switch (fault)
    {
    case 1:
      if (doc->balance)
        break;
      g_clear_pointer (&doc->credited, g_free);
      g_free (doc->kind);
      doc->kind = g_strdup ("credit_note");
      *broken = "BR-FR-CO-05";
      break;
    case 2:
      g_free (doc->seller.siren);
      doc->seller.siren = g_strdup ("73282932");
      *broken = "BR-FR-10";
      break;
    case 3:
      g_ptr_array_add (doc->lines, item (rand, 1900, NULL));
      *broken = "BR-FR-16";
      break;
    case 4:
      if (exempt)
        break;
      g_ptr_array_add (doc->lines, item (rand, 0, "VATEX-EU-O"));
      *broken = "BR-O-02";
      break;
    case 5:
    case 6:
      /* a buyer with no VAT number, billed reverse charge or an intra-community supply */
      if (exempt)
        break;
      g_clear_pointer (&doc->buyer.vat_number, g_free);
      if (fault == 6 && who == BUYER_EU)
        {
          g_ptr_array_add (doc->lines, item (rand, 0, "VATEX-EU-IC"));
          *broken = "BR-IC-02";
          break;
        }
      g_clear_pointer (&doc->buyer.siren, g_free);
      g_ptr_array_add (doc->lines, item (rand, 0, "VATEX-EU-AE"));
      *broken = "BR-AE-02";
      break;
    case 7:
      g_free (doc->seller.name);
      doc->seller.name = g_strdup ("");
      *broken = "BR-06";
      break;
    case 8:
      if (exempt)
        break;
      g_ptr_array_add (doc->lines, item (rand, 0, "VATEX-EU-132"));
      g_ptr_array_add (doc->lines, item (rand, 0, "VATEX-FR-CGI261-4"));
      *broken = "BR-E-08";
      break;
    }
  if (!cpt_documents_compute_totals (doc->lines, &doc->totals, &error))
    g_error ("document %u: %s", index, error->message);
  if (g_str_equal (doc->kind, "invoice") && !doc->balance && g_rand_int_range (rand, 0, 6) == 0)
    doc->paid = doc->totals.amount_due / 3;
  cpt_document_totals_figures (&doc->totals, doc->balance, 0, doc->paid, &doc->figures);
  return doc;
}
