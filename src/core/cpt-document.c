#define G_LOG_DOMAIN "cpt-document"

#include "cpt-document.h"
#include "cpt-enum-types.h"
#include "cpt-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _CptDocument
{
  GObject  parent_instance;
  gint64   id;
  CptDocumentKind  kind;
  CptDocumentState status;
  char    *number;
  gint64   client_id;
  char    *date;
  char    *service_date;
  char    *due_date;
  char    *valid_until;
  char    *title;
  char    *notes;
  char    *payment_terms;
  char    *currency;
  char    *language;
  gint64   total_net;
  gint64   total_vat;
  gint64   total_gross;
  gint64   amount_due;
  char    *created_at;
  char    *updated_at;
  char    *client_name;
  char    *series;
  char    *period;
  gint64   sequence;
  char    *validated_at;
  char    *seller;
  char    *buyer;
  gint64   quote_id;
  gint64   proforma_id;
  gint64   credited_id;
  gint64   deposits_net;
  gint64   deposits_vat;
  gint64   deposits_gross;
};

#define E CPT_FIELD_EDITABLE
#define G CPT_FIELD_GENERATED
static const CptField document_fields[] = {
  CPT_FIELD_ENTRY (CptDocument, id, CPT_FIELD_INT64, 0),
  CPT_FIELD_ENUM_ENTRY (CptDocument, kind, cpt_document_kind_get_type, 0),
  CPT_FIELD_ENUM_ENTRY (CptDocument, status, cpt_document_state_get_type, G),
  CPT_FIELD_ENTRY (CptDocument, number, CPT_FIELD_STRING, G),
  CPT_FIELD_ENTRY (CptDocument, client_id, CPT_FIELD_INT64, 0),
  CPT_FIELD_ENTRY (CptDocument, date, CPT_FIELD_STRING, E | CPT_FIELD_DATE),
  CPT_FIELD_ENTRY (CptDocument, service_date, CPT_FIELD_STRING, E | CPT_FIELD_DATE),
  CPT_FIELD_ENTRY (CptDocument, due_date, CPT_FIELD_STRING, E | CPT_FIELD_DATE),
  CPT_FIELD_ENTRY (CptDocument, valid_until, CPT_FIELD_STRING, E | CPT_FIELD_DATE),
  CPT_FIELD_ENTRY (CptDocument, title, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptDocument, notes, CPT_FIELD_STRING, E | CPT_FIELD_MULTILINE),
  CPT_FIELD_ENTRY (CptDocument, payment_terms, CPT_FIELD_STRING, E | CPT_FIELD_MULTILINE),
  CPT_FIELD_ENTRY (CptDocument, currency, CPT_FIELD_STRING, 0),
  CPT_FIELD_ENTRY (CptDocument, language, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptDocument, total_net, CPT_FIELD_INT64, G | CPT_FIELD_MONEY),
  CPT_FIELD_ENTRY (CptDocument, total_vat, CPT_FIELD_INT64, G | CPT_FIELD_MONEY),
  CPT_FIELD_ENTRY (CptDocument, total_gross, CPT_FIELD_INT64, G | CPT_FIELD_MONEY),
  CPT_FIELD_ENTRY (CptDocument, amount_due, CPT_FIELD_INT64, G | CPT_FIELD_MONEY),
  CPT_FIELD_ENTRY (CptDocument, created_at, CPT_FIELD_STRING, G),
  CPT_FIELD_ENTRY (CptDocument, updated_at, CPT_FIELD_STRING, G),
  CPT_FIELD_ENTRY (CptDocument, client_name, CPT_FIELD_STRING, G),
  CPT_FIELD_ENTRY (CptDocument, series, CPT_FIELD_STRING, G),
  CPT_FIELD_ENTRY (CptDocument, period, CPT_FIELD_STRING, G),
  CPT_FIELD_ENTRY (CptDocument, sequence, CPT_FIELD_INT64, G),
  CPT_FIELD_ENTRY (CptDocument, validated_at, CPT_FIELD_STRING, G),
  /* Kept once per distinct text (schema 17) and read with the document alone
   * (cpt_store_documents_load), not with the rows of a list */
  CPT_FIELD_ENTRY (CptDocument, seller, CPT_FIELD_STRING, CPT_FIELD_NO_COLUMN),
  CPT_FIELD_ENTRY (CptDocument, buyer, CPT_FIELD_STRING, CPT_FIELD_NO_COLUMN),
  CPT_FIELD_ENTRY (CptDocument, quote_id, CPT_FIELD_INT64, G | CPT_FIELD_REFERENCE),
  CPT_FIELD_ENTRY (CptDocument, proforma_id, CPT_FIELD_INT64, G | CPT_FIELD_REFERENCE),
  CPT_FIELD_ENTRY (CptDocument, credited_id, CPT_FIELD_INT64, G | CPT_FIELD_REFERENCE),
  CPT_FIELD_ENTRY (CptDocument, deposits_net, CPT_FIELD_INT64, G | CPT_FIELD_MONEY),
  CPT_FIELD_ENTRY (CptDocument, deposits_vat, CPT_FIELD_INT64, G | CPT_FIELD_MONEY),
  CPT_FIELD_ENTRY (CptDocument, deposits_gross, CPT_FIELD_INT64, G | CPT_FIELD_MONEY),
};
#undef E
#undef G

static CptRecordClass document_record = { document_fields, G_N_ELEMENTS (document_fields), NULL };

G_DEFINE_FINAL_TYPE (CptDocument, cpt_document, G_TYPE_OBJECT)

static void
cpt_document_init_defaults (CptDocument *self)
{
  self->kind = CPT_DOCUMENT_KIND_INVOICE;
  self->status = CPT_DOCUMENT_STATE_DRAFT;
  self->currency = g_strdup ("EUR");
  self->language = g_strdup ("fr");
}

CPT_RECORD_IMPLEMENT (CptDocument, cpt_document, document_record)

const CptRecordClass *
cpt_document_record (void)
{
  g_type_ensure (CPT_TYPE_DOCUMENT);
  return &document_record;
}

CptDocument *
cpt_document_new (void)
{
  return g_object_new (CPT_TYPE_DOCUMENT, NULL);
}


gint64 cpt_document_get_id (CptDocument *self) { return self->id; }
CptDocumentKind cpt_document_get_document_kind (CptDocument *self) { return self->kind; }
CptDocumentState cpt_document_get_state (CptDocument *self) { return self->status; }
const char *cpt_document_get_kind (CptDocument *self) { return cpt_document_kind_to_string (self->kind); }
const char *cpt_document_get_status (CptDocument *self) { return cpt_document_state_to_string (self->status); }
const char *cpt_document_get_number (CptDocument *self) { return self->number; }
gint64 cpt_document_get_client_id (CptDocument *self) { return self->client_id; }
const char *cpt_document_get_client_name (CptDocument *self) { return self->client_name; }
const char *cpt_document_get_date (CptDocument *self) { return self->date; }
const char *cpt_document_get_due_date (CptDocument *self) { return self->due_date; }
const char *cpt_document_get_title (CptDocument *self) { return self->title; }
const char *cpt_document_get_currency (CptDocument *self) { return self->currency; }
const char *cpt_document_get_language (CptDocument *self) { return self->language; }
gint64 cpt_document_get_total_net (CptDocument *self) { return self->total_net; }
gint64 cpt_document_get_total_vat (CptDocument *self) { return self->total_vat; }
gint64 cpt_document_get_total_gross (CptDocument *self) { return self->total_gross; }
gint64 cpt_document_get_amount_due (CptDocument *self) { return self->amount_due; }
gboolean cpt_document_is_draft (CptDocument *self) { return self->status == CPT_DOCUMENT_STATE_DRAFT; }
gint64 cpt_document_get_quote_id (CptDocument *self) { return self->quote_id; }
gint64 cpt_document_get_proforma_id (CptDocument *self) { return self->proforma_id; }
gint64 cpt_document_get_credited_id (CptDocument *self) { return self->credited_id; }
gint64 cpt_document_get_deposits_gross (CptDocument *self) { return self->deposits_gross; }
const char *cpt_document_get_series (CptDocument *self) { return self->series; }

/* People's spellings of the kinds, and their names. */
static const struct
{
  CptDocumentKind kind;
  const char     *label; /* English: callers that show it translate it with _() */
  const char     *cli;
  const char     *aliases[6];
} kinds[] = {
  { CPT_DOCUMENT_KIND_QUOTE, N_("Quote"), "quote", { "devis", "estimate", NULL } },
  { CPT_DOCUMENT_KIND_PROFORMA, N_("Pro forma invoice"), "proforma", { "pro-forma", "pro_forma", "pf", NULL } },
  { CPT_DOCUMENT_KIND_INVOICE, N_("Invoice"), "invoice", { "facture", NULL } },
  { CPT_DOCUMENT_KIND_DEPOSIT, N_("Deposit invoice"), "deposit", { "acompte", "deposit-invoice", "deposit_invoice", NULL } },
  { CPT_DOCUMENT_KIND_CREDIT_NOTE, N_("Credit note"), "credit-note", { "credit-note", "creditnote", "avoir", "credit", NULL } },
};

gboolean
cpt_document_kind_parse (const char       *text,
                         CptDocumentKind  *kind,
                         GError          **error)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_ascii_strcasecmp (text, cpt_document_kind_to_string (kinds[i].kind)) == 0)
        return (*kind = kinds[i].kind, TRUE);
      for (guint j = 0; kinds[i].aliases[j]; j++)
        if (g_ascii_strcasecmp (text, kinds[i].aliases[j]) == 0)
          return (*kind = kinds[i].kind, TRUE);
    }
  g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
               _("“%s” is not a kind of document: use quote, proforma, invoice, deposit or "
                 "credit-note"), text ? text : "");
  return FALSE;
}

const char *
cpt_document_kind_label (CptDocumentKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kind == kinds[i].kind)
      return kinds[i].label;
  return cpt_document_kind_to_string (kind);
}

const char *
cpt_document_kind_to_cli (CptDocumentKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kind == kinds[i].kind)
      return kinds[i].cli;
  return cpt_document_kind_to_string (kind);
}

CptDocument *
cpt_document_dup (CptDocument *self)
{
  g_autofree GParamSpec **pspecs = NULL;
  CptDocument *copy;
  guint n = 0;

  g_return_val_if_fail (CPT_IS_DOCUMENT (self), NULL);

  copy = g_object_new (CPT_TYPE_DOCUMENT, NULL);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
          (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (self), pspecs[i]->name, &value);
      g_object_set_property (G_OBJECT (copy), pspecs[i]->name, &value);
    }
  return copy;
}
