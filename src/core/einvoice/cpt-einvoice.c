#include "cpt-einvoice.h"

static void
party_clear (CptEinvoiceParty *p)
{
  g_free (p->name);
  g_free (p->legal_id);
  g_free (p->legal_scheme);
  g_free (p->vat_id);
  g_free (p->tax_registration);
  g_free (p->endpoint);
  g_free (p->endpoint_scheme);
  g_free (p->street);
  g_free (p->postcode);
  g_free (p->city);
  g_free (p->country);
}

static void
line_free (gpointer data)
{
  CptEinvoiceLine *line = data;

  g_free (line->id);
  g_free (line->name);
  g_free (line->category);
  g_free (line);
}

static void
vat_free (gpointer data)
{
  CptEinvoiceVat *vat = data;

  g_free (vat->category);
  g_free (vat->reason);
  g_free (vat->reason_code);
  g_free (vat);
}

CptEinvoice *
cpt_einvoice_new (void)
{
  CptEinvoice *self = g_new0 (CptEinvoice, 1);

  self->preceding = g_ptr_array_new_with_free_func (g_free);
  self->lines = g_ptr_array_new_with_free_func (line_free);
  self->vat = g_ptr_array_new_with_free_func (vat_free);
  return self;
}

void
cpt_einvoice_free (CptEinvoice *self)
{
  if (self == NULL)
    return;
  g_free (self->number);
  g_free (self->issue_date);
  g_free (self->currency);
  g_free (self->due_date);
  g_free (self->payment_terms);
  g_free (self->billing_route);
  g_free (self->process);
  g_free (self->specification);
  g_free (self->deliver_country);
  g_ptr_array_unref (self->preceding);
  party_clear (&self->seller);
  party_clear (&self->buyer);
  g_ptr_array_unref (self->lines);
  g_ptr_array_unref (self->vat);
  g_free (self);
}

CptEinvoiceLine *
cpt_einvoice_add_line (CptEinvoice *self)
{
  CptEinvoiceLine *line = g_new0 (CptEinvoiceLine, 1);

  g_ptr_array_add (self->lines, line);
  return line;
}

CptEinvoiceVat *
cpt_einvoice_add_vat (CptEinvoice *self)
{
  CptEinvoiceVat *vat = g_new0 (CptEinvoiceVat, 1);

  g_ptr_array_add (self->vat, vat);
  return vat;
}
