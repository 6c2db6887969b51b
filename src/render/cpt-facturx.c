#define G_LOG_DOMAIN "cpt-facturx"

#include "cpt-facturx.h"
#include "cpt-company.h"
#include "cpt-error.h"
#include "cpt-money.h"
#include "cpt-vat.h"

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <string.h>

#define NS_RSM "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
#define NS_RAM "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
#define NS_QDT "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
#define NS_UDT "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"

typedef struct
{
  const CptRenderDocument *doc;
  xmlNsPtr                 rsm, ram, qdt, udt;
  gboolean                 en;
} Builder;

static xmlNodePtr
ram (Builder *b, xmlNodePtr parent, const char *name, const char *text)
{
  return xmlNewTextChild (parent, b->ram, BAD_CAST name, BAD_CAST text);
}

static xmlNodePtr
ram_with (Builder *b, xmlNodePtr parent, const char *name, const char *text,
          const char *attribute, const char *value)
{
  xmlNodePtr node = ram (b, parent, name, text);

  xmlNewProp (node, BAD_CAST attribute, BAD_CAST value);
  return node;
}

static void
amount (Builder *b, xmlNodePtr parent, const char *name, gint64 minor, gboolean with_currency)
{
  g_autofree char *text = cpt_money_to_string (minor);
  xmlNodePtr node = ram (b, parent, name, text);

  if (with_currency)
    xmlNewProp (node, BAD_CAST "currencyID", BAD_CAST b->doc->currency);
}

/* "2026-11-22" -> "20261122" (format 102) */
static void
date_102 (Builder *b, xmlNodePtr parent, const char *name, xmlNsPtr ns, const char *iso)
{
  g_autofree char *compact = g_strdup (iso);
  xmlNodePtr holder = ram (b, parent, name, NULL);
  xmlNodePtr node;
  char *out = compact;

  for (const char *in = iso; *in; in++)
    if (*in != '-')
      *out++ = *in;
  *out = '\0';
  node = xmlNewTextChild (holder, ns, BAD_CAST "DateTimeString", BAD_CAST compact);
  xmlNewProp (node, BAD_CAST "format", BAD_CAST "102");
}

static void
note (Builder *b, xmlNodePtr parent, const char *content, const char *subject)
{
  xmlNodePtr node;

  if (content == NULL || *content == '\0')
    return;
  node = ram (b, parent, "IncludedNote", NULL);
  ram (b, node, "Content", content);
  if (subject != NULL)
    ram (b, node, "SubjectCode", subject);
}

/* BT-23, the French billing framework: B (goods), S (services), M (both); 1 a plain
 * invoice, 4 a final invoice after deposits. */
static const char *
billing_mode (const CptRenderDocument *doc)
{
  static const char *const plain[] = { "S1", "B1", "M1" };
  static const char *const after_deposits[] = { "S4", "B4", "M4" };

  return doc->balance ? after_deposits[doc->category] : plain[doc->category];
}

static gboolean
is_french_business (const CptRenderParty *party)
{
  return g_strcmp0 (party->kind, "individual") != 0 && party->siren != NULL &&
         g_ascii_strcasecmp (party->country, "FR") == 0;
}

static void
address (Builder *b, xmlNodePtr parent, const char *street, const char *postcode,
         const char *city, const char *country)
{
  xmlNodePtr node = ram (b, parent, "PostalTradeAddress", NULL);

  if (postcode != NULL)
    ram (b, node, "PostcodeCode", postcode);
  if (street != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (street, "\n", 3);
      const char *names[] = { "LineOne", "LineTwo", "LineThree" };

      for (guint i = 0; lines[i] != NULL && i < 3; i++)
        {
          g_strstrip (lines[i]);
          if (i == 2 && strchr (lines[i], '\n') != NULL)
            g_strdelimit (lines[i], "\n", ' ');
          if (*lines[i])
            ram (b, node, names[i], lines[i]);
        }
    }
  if (city != NULL)
    ram (b, node, "CityName", city);
  ram (b, node, "CountryID", country ? country : "FR");
}

/* BT-33: legal form, share capital and registration, as on the paper. */
static char *
seller_legal_text (Builder *b)
{
  const CptRenderParty *s = &b->doc->seller;
  GString *out = g_string_new (NULL);

  if (s->legal_form != NULL)
    {
      g_string_append (out, s->legal_form);
      if (s->share_capital > 0)
        {
          g_autofree char *capital = cpt_money_format (s->share_capital, b->doc->currency, b->doc->language);
          g_string_append_printf (out, b->en ? " with a share capital of %s" : " au capital de %s", capital);
        }
    }
  if (s->rcs_city != NULL && s->siren != NULL)
    g_string_append_printf (out, "%sRCS %s %s", out->len ? ", " : "", s->rcs_city, s->siren);
  return g_string_free (out, FALSE);
}

static void
party (Builder *b, xmlNodePtr parent, const char *element, const CptRenderParty *p, gboolean seller)
{
  xmlNodePtr node = ram (b, parent, element, NULL);
  gboolean french = g_ascii_strcasecmp (p->country, "FR") == 0;

  if (p->siret != NULL && french)
    ram_with (b, node, "GlobalID", p->siret, "schemeID", "0009");
  ram (b, node, "Name", p->name ? p->name : "");
  if (seller)
    {
      g_autofree char *legal = seller_legal_text (b);
      if (*legal)
        ram (b, node, "Description", legal);
    }
  if (p->siren != NULL && french)
    {
      xmlNodePtr organization = ram (b, node, "SpecifiedLegalOrganization", NULL);
      ram_with (b, organization, "ID", p->siren, "schemeID", "0002");
    }
  if (seller && (p->phone != NULL || p->email != NULL))
    {
      xmlNodePtr contact = ram (b, node, "DefinedTradeContact", NULL);
      if (p->phone != NULL)
        ram (b, ram (b, contact, "TelephoneUniversalCommunication", NULL), "CompleteNumber", p->phone);
      if (p->email != NULL)
        ram (b, ram (b, contact, "EmailURIUniversalCommunication", NULL), "URIID", p->email);
    }
  address (b, node, p->address, p->postcode, p->city, p->country);
  /* The electronic address (BT-34, BT-49): the SIREN in the French directory (scheme 0225),
   * else the e-mail address. */
  if (p->siren != NULL && french)
    ram_with (b, ram (b, node, "URIUniversalCommunication", NULL), "URIID", p->siren, "schemeID", "0225");
  else if (p->email != NULL)
    ram_with (b, ram (b, node, "URIUniversalCommunication", NULL), "URIID", p->email, "schemeID", "EM");
  if (p->vat_number != NULL)
    ram_with (b, ram (b, node, "SpecifiedTaxRegistration", NULL), "ID", p->vat_number, "schemeID", "VA");
  else if (seller && p->siren != NULL && french)
    /* A business under the VAT franchise has no VAT number: its tax registration is its
     * SIREN (BT-32), which EN 16931 asks for on exempt invoices (BR-E-02). */
    ram_with (b, ram (b, node, "SpecifiedTaxRegistration", NULL), "ID", p->siren, "schemeID", "FC");
}

static void
rate_percent (Builder *b, xmlNodePtr parent, const char *category, gint64 rate)
{
  g_autofree char *text = cpt_percent_to_string (rate);

  /* "Not subject to VAT" has no rate at all (BR-O-05, BR-O-10). */
  if (g_strcmp0 (category, "O") != 0)
    ram (b, parent, "RateApplicablePercent", text);
}

static void
notes (Builder *b, xmlNodePtr document)
{
  const CptRenderDocument *doc = b->doc;
  const CptRenderParty *s = &doc->seller;
  g_autofree char *legal = seller_legal_text (b);

  if (doc->title != NULL)
    note (b, document, doc->title, NULL);
  if (doc->notes != NULL)
    note (b, document, doc->notes, "AAI");
  if (*legal)
    note (b, document, legal, "REG");
  note (b, document, s->penalty_text ? s->penalty_text
                     : b->en ? "Late payment: penalties at three times the French legal interest rate "
                               "(art. L441-10 of the French Commercial Code)."
                             : "En cas de retard de paiement, pénalités au taux de trois fois le taux "
                               "d’intérêt légal (art. L441-10 du Code de commerce).", "PMD");
  if (cpt_render_document_buyer_is_business (doc))
    note (b, document, b->en ? "Fixed compensation for recovery costs in case of late payment: EUR 40 "
                               "(art. D441-5 of the French Commercial Code)."
                             : "Indemnité forfaitaire pour frais de recouvrement en cas de retard de "
                               "paiement : 40 € (art. D441-5 du Code de commerce).", "PMT");
  else
    note (b, document, b->en ? "No fixed compensation for recovery costs: the client is a consumer."
                             : "Pas d’indemnité forfaitaire pour frais de recouvrement : client non "
                               "professionnel.", "PMT");
  note (b, document, b->en ? "No discount for early payment." : "Pas d’escompte pour paiement anticipé.", "AAB");
  if (s->vat_exempt)
    note (b, document, s->vat_exempt_text ? s->vat_exempt_text : CPT_VAT_EXEMPT_MENTION_FR, "TXD");
  if (s->vat_on_debits && !s->vat_exempt)
    note (b, document, b->en ? "The seller has opted to pay VAT on debits."
                             : "Option pour le paiement de la TVA d’après les débits.", "AAI");
  /* The French tax authority's processing of the invoice (BR-FR-20). */
  if (g_strcmp0 (doc->buyer.kind, "individual") == 0)
    note (b, document, "B2C", "BAR");
  else if (is_french_business (&doc->buyer))
    note (b, document, "B2B", "BAR");
  else if (doc->buyer.country != NULL && g_ascii_strcasecmp (doc->buyer.country, "FR") != 0)
    note (b, document, "B2BINT", "BAR");
}

static void
line_item (Builder *b, xmlNodePtr transaction, CptDocumentLine *line, guint index)
{
  gboolean deposit = g_strcmp0 (cpt_document_line_get_kind (line), "deposit") == 0;
  gint64 qty = cpt_document_line_get_quantity (line);
  gint64 price = cpt_document_line_get_unit_price (line);
  gint64 discount = cpt_document_line_get_discount_percent (line);
  gint64 rate = cpt_document_line_get_vat_rate (line);
  const char *code = cpt_document_line_get_exemption_code (line);
  const char *category = cpt_vat_category_of (code, rate);
  const char *description = cpt_document_line_get_description (line);
  const char *unit = cpt_document_line_get_unit (line);
  g_autofree char *id = g_strdup_printf ("%u", index);
  g_autofree char *qty_text = NULL, *price_text = NULL;
  xmlNodePtr item, node, settlement, tax;

  /* A deducted deposit is one negative unit of its (positive) net. */
  if (deposit)
    {
      qty_text = g_strdup ("-1");
      price_text = cpt_money_to_string (-cpt_document_line_get_net (line));
      unit = "C62";
    }
  else
    {
      qty_text = cpt_quantity_to_string (qty);
      price_text = cpt_unit_price_to_string (price);
    }

  item = ram (b, transaction, "IncludedSupplyChainTradeLineItem", NULL);
  node = ram (b, item, "AssociatedDocumentLineDocument", NULL);
  ram (b, node, "LineID", id);
  node = ram (b, item, "SpecifiedTradeProduct", NULL);
  ram (b, node, "Name", description && *description ? description : "-");
  node = ram (b, item, "SpecifiedLineTradeAgreement", NULL);
  ram (b, ram (b, node, "NetPriceProductTradePrice", NULL), "ChargeAmount", price_text);
  node = ram (b, item, "SpecifiedLineTradeDelivery", NULL);
  ram_with (b, node, "BilledQuantity", qty_text, "unitCode", unit && *unit ? unit : "C62");

  settlement = ram (b, item, "SpecifiedLineTradeSettlement", NULL);
  tax = ram (b, settlement, "ApplicableTradeTax", NULL);
  ram (b, tax, "TypeCode", "VAT");
  ram (b, tax, "CategoryCode", category);
  rate_percent (b, tax, category, rate);
  if (!deposit && discount != 0)
    {
      gint64 gross = cpt_line_gross_rounded (qty, price);
      gint64 net = cpt_document_line_get_net (line);
      g_autofree char *percent = cpt_percent_to_string (discount);
      xmlNodePtr allowance = ram (b, settlement, "SpecifiedTradeAllowanceCharge", NULL);

      xmlNewTextChild (ram (b, allowance, "ChargeIndicator", NULL), b->udt, BAD_CAST "Indicator",
                       BAD_CAST "false");
      ram (b, allowance, "CalculationPercent", percent);
      amount (b, allowance, "BasisAmount", gross, FALSE);
      amount (b, allowance, "ActualAmount", gross - net, FALSE);
      ram (b, allowance, "ReasonCode", "95");
      ram (b, allowance, "Reason", b->en ? "Discount" : "Remise");
    }
  node = ram (b, settlement, "SpecifiedTradeSettlementLineMonetarySummation", NULL);
  amount (b, node, "LineTotalAmount", cpt_document_line_get_net (line), FALSE);
}

static void
referenced_invoice (Builder *b, xmlNodePtr settlement, const CptRenderReference *reference)
{
  xmlNodePtr node;

  if (reference == NULL || reference->number == NULL)
    return;
  node = ram (b, settlement, "InvoiceReferencedDocument", NULL);
  ram (b, node, "IssuerAssignedID", reference->number);
  date_102 (b, node, "FormattedIssueDateTime", b->qdt, reference->date);
}

GBytes *
cpt_facturx_build (const CptRenderDocument *doc, GError **error)
{
  Builder builder = { doc }, *b = &builder;
  const CptDocumentTotals *t = &doc->totals;
  xmlDocPtr xml;
  xmlNodePtr root, context, document, transaction, agreement, delivery, settlement, node;
  int type = cpt_render_document_type_code (doc);
  g_autofree char *type_text = g_strdup_printf ("%d", type);
  xmlChar *buffer = NULL;
  int size = 0;
  GBytes *bytes;
  guint index = 0;
  gint64 net = t->total_net - t->deposits_net, vat = t->total_vat - t->deposits_vat;

  if (type == 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("Only validated invoices, deposit invoices and credit notes are e-invoices"));
      return NULL;
    }
  b->en = g_strcmp0 (doc->language, "en") == 0;
  xml = xmlNewDoc (BAD_CAST "1.0");
  root = xmlNewNode (NULL, BAD_CAST "CrossIndustryInvoice");
  xmlDocSetRootElement (xml, root);
  b->rsm = xmlNewNs (root, BAD_CAST NS_RSM, BAD_CAST "rsm");
  b->qdt = xmlNewNs (root, BAD_CAST NS_QDT, BAD_CAST "qdt");
  b->ram = xmlNewNs (root, BAD_CAST NS_RAM, BAD_CAST "ram");
  b->udt = xmlNewNs (root, BAD_CAST NS_UDT, BAD_CAST "udt");
  xmlSetNs (root, b->rsm);

  context = xmlNewChild (root, b->rsm, BAD_CAST "ExchangedDocumentContext", NULL);
  ram (b, ram (b, context, "BusinessProcessSpecifiedDocumentContextParameter", NULL), "ID", billing_mode (doc));
  ram (b, ram (b, context, "GuidelineSpecifiedDocumentContextParameter", NULL), "ID", "urn:cen.eu:en16931:2017");

  document = xmlNewChild (root, b->rsm, BAD_CAST "ExchangedDocument", NULL);
  ram (b, document, "ID", doc->number);
  ram (b, document, "TypeCode", type_text);
  date_102 (b, document, "IssueDateTime", b->udt, doc->date);
  notes (b, document);

  transaction = xmlNewChild (root, b->rsm, BAD_CAST "SupplyChainTradeTransaction", NULL);
  for (guint i = 0; i < doc->lines->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (doc->lines, i);
      const char *kind = cpt_document_line_get_kind (line);

      if (g_strcmp0 (kind, "item") == 0 || g_strcmp0 (kind, "deposit") == 0)
        line_item (b, transaction, line, ++index);
    }

  agreement = ram (b, transaction, "ApplicableHeaderTradeAgreement", NULL);
  party (b, agreement, "SellerTradeParty", &doc->seller, TRUE);
  party (b, agreement, "BuyerTradeParty", &doc->buyer, FALSE);
  if (doc->quote != NULL && doc->quote->number != NULL)
    ram (b, ram (b, agreement, "SellerOrderReferencedDocument", NULL), "IssuerAssignedID", doc->quote->number);

  delivery = ram (b, transaction, "ApplicableHeaderTradeDelivery", NULL);
  if (doc->buyer.delivery_address != NULL || doc->buyer.delivery_city != NULL)
    {
      node = ram (b, delivery, "ShipToTradeParty", NULL);
      ram (b, node, "Name", doc->buyer.name ? doc->buyer.name : "");
      address (b, node, doc->buyer.delivery_address, doc->buyer.delivery_postcode, doc->buyer.delivery_city,
               doc->buyer.delivery_country ? doc->buyer.delivery_country : doc->buyer.country);
    }
  else if (doc->buyer.country != NULL && g_ascii_strcasecmp (doc->buyer.country, doc->seller.country) != 0)
    {
      /* Intra-EU supplies and exports need the country delivered to (BR-IC-12). */
      node = ram (b, delivery, "ShipToTradeParty", NULL);
      ram (b, node, "Name", doc->buyer.name ? doc->buyer.name : "");
      address (b, node, doc->buyer.address, doc->buyer.postcode, doc->buyer.city, doc->buyer.country);
    }
  date_102 (b, ram (b, delivery, "ActualDeliverySupplyChainEvent", NULL), "OccurrenceDateTime", b->udt,
            doc->service_date ? doc->service_date : doc->date);

  settlement = ram (b, transaction, "ApplicableHeaderTradeSettlement", NULL);
  if (type != 381)
    ram (b, settlement, "PaymentReference", doc->number);
  ram (b, settlement, "InvoiceCurrencyCode", doc->currency);
  if (type != 381 && doc->seller.iban != NULL)
    {
      xmlNodePtr means = ram (b, settlement, "SpecifiedTradeSettlementPaymentMeans", NULL);

      ram (b, means, "TypeCode", "58");  /* SEPA credit transfer */
      ram (b, ram (b, means, "PayeePartyCreditorFinancialAccount", NULL), "IBANID", doc->seller.iban);
      if (doc->seller.bic != NULL)
        ram (b, ram (b, means, "PayeeSpecifiedCreditorFinancialInstitution", NULL), "BICID", doc->seller.bic);
    }
  for (guint i = 0; t->vat != NULL && i < t->vat->len; i++)
    {
      const CptVatEntry *entry = &g_array_index (t->vat, CptVatEntry, i);
      const CptVatExemption *reason = cpt_vat_exemption_lookup (entry->exemption_code);
      const char *category = cpt_vat_category_of (entry->exemption_code, entry->rate);
      xmlNodePtr tax = ram (b, settlement, "ApplicableTradeTax", NULL);

      amount (b, tax, "CalculatedAmount", entry->vat, FALSE);
      ram (b, tax, "TypeCode", "VAT");
      if (reason != NULL)
        ram (b, tax, "ExemptionReason", b->en ? reason->mention_en : reason->mention_fr);
      amount (b, tax, "BasisAmount", entry->base, FALSE);
      ram (b, tax, "CategoryCode", category);
      if (reason != NULL)
        ram (b, tax, "ExemptionReasonCode", reason->code);
      if (doc->seller.vat_on_debits && g_strcmp0 (category, "S") == 0)
        ram (b, tax, "DueDateTypeCode", "5");  /* VAT due at the invoice date */
      rate_percent (b, tax, category, entry->rate);
    }
  node = ram (b, settlement, "SpecifiedTradePaymentTerms", NULL);
  if (type == 381)
    ram (b, node, "Description", b->en ? "Deducted from the next payment or refunded."
                                       : "Montant déduit du prochain règlement ou remboursé.");
  else
    {
      g_autofree char *terms = NULL;

      if (doc->payment_terms != NULL)
        terms = g_strdup (doc->payment_terms);
      else if (doc->payment_days == 0)
        terms = g_strdup (b->en ? "Payable on receipt." : "Payable à réception.");
      else
        terms = g_strdup_printf (b->en ? "Payment within %" G_GINT64_FORMAT " days%s."
                                       : "Paiement à %" G_GINT64_FORMAT " jours%s.",
                                 doc->payment_days, doc->end_of_month ? (b->en ? ", end of month" : " fin de mois") : "");
      ram (b, node, "Description", terms);
      if (doc->due_date != NULL)
        date_102 (b, node, "DueDateDateTime", b->udt,
                  /* a due date before the issue date is refused on anything but a deposit */
                  type != 386 && g_strcmp0 (doc->due_date, doc->date) < 0 ? doc->date : doc->due_date);
    }
  node = ram (b, settlement, "SpecifiedTradeSettlementHeaderMonetarySummation", NULL);
  amount (b, node, "LineTotalAmount", net, FALSE);
  amount (b, node, "TaxBasisTotalAmount", net, FALSE);
  amount (b, node, "TaxTotalAmount", vat, TRUE);
  amount (b, node, "GrandTotalAmount", t->amount_due, FALSE);
  if (doc->paid != 0)
    amount (b, node, "TotalPrepaidAmount", doc->paid, FALSE);
  amount (b, node, "DuePayableAmount", t->amount_due - doc->paid, FALSE);
  if (type == 381)
    referenced_invoice (b, settlement, doc->credited);
  for (guint i = 0; doc->deposits != NULL && i < doc->deposits->len; i++)
    referenced_invoice (b, settlement, g_ptr_array_index (doc->deposits, i));

  xmlDocDumpFormatMemoryEnc (xml, &buffer, &size, "UTF-8", 1);
  xmlFreeDoc (xml);
  bytes = g_bytes_new (buffer, size);
  xmlFree (buffer);
  return bytes;
}
