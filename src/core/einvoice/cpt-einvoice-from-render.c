#include "cpt-einvoice-from-render.h"
#include "cpt-einvoice-rules.h"
#include "cpt-vat.h"

/* The same choices as src/render/cpt-facturx.c (SIREN only for French parties, electronic
 * address, "FR" when no country): keep both in step. The category of a line comes from
 * cpt_vat_category_of (), shared with it. */

static gboolean
is_french (const CptRenderParty *p)
{
  return p->country == NULL || g_ascii_strcasecmp (p->country, "FR") == 0;
}

static void
fill_party (CptEinvoiceParty *out, const CptRenderParty *p, gboolean seller)
{
  gboolean french = p->country != NULL && g_ascii_strcasecmp (p->country, "FR") == 0;

  out->name = g_strdup (p->name ? p->name : "");
  if (p->siren != NULL && french)
    {
      out->legal_id = g_strdup (p->siren);
      out->legal_scheme = g_strdup ("0002");
      out->endpoint = g_strdup (p->siren);
      out->endpoint_scheme = g_strdup ("0225");
    }
  else if (p->email != NULL)
    {
      out->endpoint = g_strdup (p->email);
      out->endpoint_scheme = g_strdup ("EM");
    }
  out->vat_id = g_strdup (p->vat_number);
  if (seller && p->vat_number == NULL && p->siren != NULL && french)
    out->tax_registration = g_strdup (p->siren);
  out->street = g_strdup (p->address);
  out->postcode = g_strdup (p->postcode);
  out->city = g_strdup (p->city);
  out->country = g_strdup (p->country ? p->country : "FR");
}

CptEinvoice *
cpt_einvoice_from_render (const CptRenderDocument *doc)
{
  static const char *const plain[] = { "S1", "B1", "M1" };
  static const char *const after_deposits[] = { "S4", "B4", "M4" };
  const CptDocumentTotals *t = &doc->totals;
  int type = cpt_render_document_type_code (doc);
  CptEinvoice *self;
  guint index = 0;

  /* A draft is checked for what stands between it and its validation: the e-invoice it
   * will be, its number aside. */
  if (type == 0 && doc->draft)
    type = cpt_render_document_is_kind (doc, CPT_DOCUMENT_KIND_INVOICE) ? 380
           : cpt_render_document_is_kind (doc, CPT_DOCUMENT_KIND_DEPOSIT) ? 386
           : cpt_render_document_is_kind (doc, CPT_DOCUMENT_KIND_CREDIT_NOTE) ? 381 : 0;
  if (type == 0)
    return NULL;
  self = cpt_einvoice_new ();
  self->number = g_strdup (doc->number);
  self->draft = doc->draft;
  self->issue_date = g_strdup (doc->date);
  self->type_code = type;
  self->currency = g_strdup (doc->currency);
  self->process = g_strdup (doc->balance ? after_deposits[doc->category] : plain[doc->category]);
  self->specification = g_strdup ("urn:cen.eu:en16931:2017");
  fill_party (&self->seller, &doc->seller, TRUE);
  fill_party (&self->buyer, &doc->buyer, FALSE);

  if (g_strcmp0 (doc->buyer.kind, "individual") == 0)
    self->billing_route = g_strdup ("B2C");
  else if (doc->buyer.siren != NULL && doc->buyer.country != NULL &&
           g_ascii_strcasecmp (doc->buyer.country, "FR") == 0)
    self->billing_route = g_strdup ("B2B");
  else if (doc->buyer.country != NULL && !is_french (&doc->buyer))
    self->billing_route = g_strdup ("B2BINT");

  if (doc->buyer.delivery_address != NULL || doc->buyer.delivery_city != NULL)
    self->deliver_country = g_strdup (doc->buyer.delivery_country ? doc->buyer.delivery_country
                                      : doc->buyer.country ? doc->buyer.country : "FR");
  else if (doc->buyer.country != NULL && g_ascii_strcasecmp (doc->buyer.country, doc->seller.country) != 0)
    self->deliver_country = g_strdup (doc->buyer.country);

  for (guint i = 0; i < doc->lines->len; i++)
    {
      CptDocumentLine *source = g_ptr_array_index (doc->lines, i);
      const char *kind = cpt_document_line_get_kind (source);
      gboolean deposit = g_strcmp0 (kind, "deposit") == 0;
      const char *description = cpt_document_line_get_description (source);
      gint64 rate = cpt_document_line_get_vat_rate (source);
      CptEinvoiceLine *line;

      if (!deposit && g_strcmp0 (kind, "item") != 0)
        continue;
      line = cpt_einvoice_add_line (self);
      line->id = g_strdup_printf ("%u", ++index);
      line->name = g_strdup (description && *description ? description : "-");
      line->net = cpt_document_line_get_net (source);
      /* a deducted deposit is one negative unit of its positive net */
      line->quantity = deposit ? -1000 : cpt_document_line_get_quantity (source);
      line->price = deposit ? -line->net * 100 : cpt_document_line_get_unit_price (source);
      line->category = g_strdup (cpt_vat_category_of (cpt_document_line_get_exemption_code (source), rate));
      line->has_rate = g_strcmp0 (line->category, "O") != 0;
      line->rate = rate;
    }

  for (guint i = 0; t->vat != NULL && i < t->vat->len; i++)
    {
      const CptVatEntry *entry = &g_array_index (t->vat, CptVatEntry, i);
      const CptVatExemption *reason = cpt_vat_exemption_lookup (entry->exemption_code);
      CptEinvoiceVat *vat = cpt_einvoice_add_vat (self);

      vat->category = g_strdup (cpt_vat_category_of (entry->exemption_code, entry->rate));
      vat->has_rate = g_strcmp0 (vat->category, "O") != 0;
      vat->rate = entry->rate;
      vat->base = entry->base;
      vat->amount = entry->vat;
      if (reason != NULL)
        {
          vat->reason = g_strdup (g_strcmp0 (doc->language, "en") == 0 ? reason->mention_en : reason->mention_fr);
          vat->reason_code = g_strdup (reason->code);
        }
    }

  /* BT-20 is always written: the credit note's refund sentence, or the terms */
  self->payment_terms = g_strdup (doc->payment_terms ? doc->payment_terms : "-");
  if (type != 381 && doc->due_date != NULL)
    self->due_date = g_strdup (type != 386 && g_strcmp0 (doc->due_date, doc->date) < 0 ? doc->date
                                                                                      : doc->due_date);
  self->line_total = t->total_net - t->deposits_net;
  self->tax_exclusive = self->line_total;
  self->tax_total = t->total_vat - t->deposits_vat;
  self->grand_total = t->amount_due;
  self->prepaid = doc->paid;
  self->due = t->amount_due - doc->paid;
  if (type == 381 && doc->credited != NULL && doc->credited->number != NULL)
    g_ptr_array_add (self->preceding, g_strdup (doc->credited->number));
  for (guint i = 0; doc->deposits != NULL && i < doc->deposits->len; i++)
    {
      const CptRenderReference *reference = g_ptr_array_index (doc->deposits, i);
      if (reference->number != NULL)
        g_ptr_array_add (self->preceding, g_strdup (reference->number));
    }
  return self;
}

GPtrArray *
cpt_einvoice_check_document (const CptRenderDocument *document,
                             const CptEinvoice       *invoice)
{
  GPtrArray *violations = cpt_einvoice_check (invoice);

  if (!cpt_render_document_for_the_network (document))
    for (guint i = violations->len; i > 0; i--)
      {
        const CptEinvoiceViolation *v = g_ptr_array_index (violations, i - 1);

        if (g_str_has_prefix (v->rule, "BR-FR-"))
          g_ptr_array_remove_index (violations, i - 1);
      }
  return violations;
}
