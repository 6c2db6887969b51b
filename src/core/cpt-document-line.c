#define G_LOG_DOMAIN "cpt-document-line"

#include "cpt-document-line.h"

struct _CptDocumentLine
{
  GObject  parent_instance;
  gint64   id;
  gint64   document_id;
  gint64   position;
  char    *kind;
  gint64   product_id;
  char    *description;
  gint64   quantity;
  char    *unit;
  gint64   unit_price;
  gint64   discount_percent;
  gint64   vat_rate;
  char    *exemption_code;
  char    *account;
  gint64   net;
  gint64   vat_amount;
  gint64   quote_line_id;
  gint64   credited_line_id;
  gint64   deposit_id;
};

#define E CPT_FIELD_EDITABLE
static const CptField line_fields[] = {
  CPT_FIELD_ENTRY (CptDocumentLine, id, CPT_FIELD_INT64, 0),
  CPT_FIELD_ENTRY (CptDocumentLine, document_id, CPT_FIELD_INT64, 0),
  CPT_FIELD_ENTRY (CptDocumentLine, position, CPT_FIELD_INT64, 0),
  CPT_FIELD_ENTRY (CptDocumentLine, kind, CPT_FIELD_STRING, 0),
  CPT_FIELD_ENTRY (CptDocumentLine, product_id, CPT_FIELD_INT64, CPT_FIELD_REFERENCE),
  CPT_FIELD_ENTRY (CptDocumentLine, description, CPT_FIELD_STRING, E | CPT_FIELD_MULTILINE),
  CPT_FIELD_ENTRY (CptDocumentLine, quantity, CPT_FIELD_INT64, E | CPT_FIELD_QUANTITY),
  CPT_FIELD_ENTRY (CptDocumentLine, unit, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptDocumentLine, unit_price, CPT_FIELD_INT64, E | CPT_FIELD_UNIT_PRICE),
  CPT_FIELD_ENTRY (CptDocumentLine, discount_percent, CPT_FIELD_INT64, E | CPT_FIELD_PERCENT),
  CPT_FIELD_ENTRY (CptDocumentLine, vat_rate, CPT_FIELD_INT64, E | CPT_FIELD_PERCENT),
  CPT_FIELD_ENTRY (CptDocumentLine, exemption_code, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptDocumentLine, account, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptDocumentLine, net, CPT_FIELD_INT64, CPT_FIELD_MONEY),
  CPT_FIELD_ENTRY (CptDocumentLine, vat_amount, CPT_FIELD_INT64, CPT_FIELD_MONEY),
  CPT_FIELD_ENTRY (CptDocumentLine, quote_line_id, CPT_FIELD_INT64, CPT_FIELD_REFERENCE),
  CPT_FIELD_ENTRY (CptDocumentLine, credited_line_id, CPT_FIELD_INT64, CPT_FIELD_REFERENCE),
  CPT_FIELD_ENTRY (CptDocumentLine, deposit_id, CPT_FIELD_INT64, CPT_FIELD_REFERENCE),
};
#undef E

static CptRecordClass line_record = { line_fields, G_N_ELEMENTS (line_fields), NULL };

G_DEFINE_FINAL_TYPE (CptDocumentLine, cpt_document_line, G_TYPE_OBJECT)

static void
cpt_document_line_init_defaults (CptDocumentLine *self)
{
  self->kind = g_strdup ("item");
  self->quantity = 1000;
}

CPT_RECORD_IMPLEMENT (CptDocumentLine, cpt_document_line, line_record)

const CptRecordClass *
cpt_document_line_record (void)
{
  g_type_ensure (CPT_TYPE_DOCUMENT_LINE);
  return &line_record;
}

CptDocumentLine *
cpt_document_line_new (void)
{
  return g_object_new (CPT_TYPE_DOCUMENT_LINE, NULL);
}


gint64 cpt_document_line_get_id (CptDocumentLine *self) { return self->id; }
gint64 cpt_document_line_get_document_id (CptDocumentLine *self) { return self->document_id; }
gint64 cpt_document_line_get_position (CptDocumentLine *self) { return self->position; }
const char *cpt_document_line_get_kind (CptDocumentLine *self) { return self->kind; }
gint64 cpt_document_line_get_product_id (CptDocumentLine *self) { return self->product_id; }
const char *cpt_document_line_get_description (CptDocumentLine *self) { return self->description; }
gint64 cpt_document_line_get_quantity (CptDocumentLine *self) { return self->quantity; }
const char *cpt_document_line_get_unit (CptDocumentLine *self) { return self->unit; }
gint64 cpt_document_line_get_unit_price (CptDocumentLine *self) { return self->unit_price; }
gint64 cpt_document_line_get_discount_percent (CptDocumentLine *self) { return self->discount_percent; }
gint64 cpt_document_line_get_vat_rate (CptDocumentLine *self) { return self->vat_rate; }
const char *cpt_document_line_get_exemption_code (CptDocumentLine *self) { return self->exemption_code; }
const char *cpt_document_line_get_account (CptDocumentLine *self) { return self->account; }
gint64 cpt_document_line_get_net (CptDocumentLine *self) { return self->net; }
gboolean cpt_document_line_is_item (CptDocumentLine *self) { return g_strcmp0 (self->kind, "item") == 0; }
gint64 cpt_document_line_get_vat_amount (CptDocumentLine *self) { return self->vat_amount; }
gint64 cpt_document_line_get_quote_line_id (CptDocumentLine *self) { return self->quote_line_id; }
gint64 cpt_document_line_get_credited_line_id (CptDocumentLine *self) { return self->credited_line_id; }
gint64 cpt_document_line_get_deposit_id (CptDocumentLine *self) { return self->deposit_id; }
