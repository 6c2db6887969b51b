#define G_LOG_DOMAIN "cpt-render-document"

#include "cpt-render-document.h"
#include "cpt-client.h"
#include "cpt-company.h"
#include "cpt-error.h"
#include "cpt-money.h"
#include "cpt-payments.h"
#include "cpt-store-render.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

static void
party_clear (CptRenderParty *party)
{
  g_free (party->kind);
  g_free (party->name);
  g_free (party->legal_form);
  g_free (party->siren);
  g_free (party->siret);
  g_free (party->rcs_city);
  g_free (party->vat_number);
  g_free (party->address);
  g_free (party->postcode);
  g_free (party->city);
  g_free (party->country);
  g_free (party->email);
  g_free (party->phone);
  g_free (party->website);
  g_free (party->delivery_address);
  g_free (party->delivery_postcode);
  g_free (party->delivery_city);
  g_free (party->delivery_country);
  g_free (party->iban);
  g_free (party->bic);
  g_free (party->penalty_text);
  g_free (party->footer);
  g_free (party->vat_exempt_text);
  memset (party, 0, sizeof *party);
}

static void
reference_free (CptRenderReference *reference)
{
  if (reference == NULL)
    return;
  g_free (reference->kind);
  g_free (reference->number);
  g_free (reference->date);
  g_free (reference);
}

void
cpt_render_document_free (CptRenderDocument *self)
{
  if (self == NULL)
    return;
  g_free (self->kind);
  g_free (self->number);
  g_free (self->date);
  g_free (self->service_date);
  g_free (self->due_date);
  g_free (self->valid_until);
  g_free (self->title);
  g_free (self->notes);
  g_free (self->payment_terms);
  g_free (self->currency);
  g_free (self->language);
  g_free (self->validated_at);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  cpt_document_totals_clear (&self->totals);
  party_clear (&self->seller);
  party_clear (&self->buyer);
  reference_free (self->quote);
  reference_free (self->credited);
  reference_free (self->proforma);
  g_clear_pointer (&self->deposits, g_ptr_array_unref);
  g_clear_pointer (&self->logo, g_bytes_unref);
  g_free (self->logo_mime);
  g_free (self);
}

/* Empty strings are as good as none on paper. */
static char *
non_empty (char *text)
{
  if (text != NULL)
    g_strstrip (text);
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static char *
json_string (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_is_null (node) || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return non_empty (g_strdup (json_node_get_string (node)));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

static gint64
json_int (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_is_null (node) || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return 0;
}

/* The snapshot copied at validation (cpt-lifecycle.c, snapshot_sql). */
static gboolean
party_from_json (CptRenderParty *party, const char *json, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                   _("The identity recorded on the document is damaged"));
      return FALSE;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  party->kind = json_string (object, "kind");
  party->name = json_string (object, "name");
  party->legal_form = json_string (object, "legal_form");
  party->share_capital = json_int (object, "share_capital");
  party->siren = json_string (object, "siren");
  party->siret = json_string (object, "siret");
  party->rcs_city = json_string (object, "rcs_city");
  party->vat_number = json_string (object, "vat_number");
  party->address = json_string (object, "address");
  party->postcode = json_string (object, "postcode");
  party->city = json_string (object, "city");
  party->country = json_string (object, "country");
  party->email = json_string (object, "email");
  party->phone = json_string (object, "phone");
  party->website = json_string (object, "website");
  party->delivery_address = json_string (object, "delivery_address");
  party->delivery_postcode = json_string (object, "delivery_postcode");
  party->delivery_city = json_string (object, "delivery_city");
  party->delivery_country = json_string (object, "delivery_country");
  party->iban = json_string (object, "iban");
  party->bic = json_string (object, "bic");
  party->penalty_text = json_string (object, "penalty_text");
  party->footer = json_string (object, "footer");
  party->vat_exempt_text = json_string (object, "vat_exempt_text");
  party->vat_on_debits = json_int (object, "vat_on_debits") != 0;
  party->vat_exempt = json_int (object, "vat_exempt") != 0;
  return TRUE;
}

static void
seller_from_company (CptRenderParty *party, CptCompany *company)
{
  g_object_get (company, "name", &party->name, "legal-form", &party->legal_form,
                "share-capital", &party->share_capital, "siren", &party->siren,
                "siret", &party->siret, "rcs-city", &party->rcs_city,
                "vat-number", &party->vat_number, "address", &party->address,
                "postcode", &party->postcode, "city", &party->city, "country", &party->country,
                "email", &party->email, "phone", &party->phone, "website", &party->website,
                "iban", &party->iban, "bic", &party->bic, "penalty-text", &party->penalty_text,
                "footer", &party->footer, "vat-on-debits", &party->vat_on_debits,
                "vat-exempt", &party->vat_exempt, "vat-exempt-text", &party->vat_exempt_text,
                NULL);
}

static void
buyer_from_client (CptRenderParty *party, CptClient *client)
{
  g_object_get (client, "kind", &party->kind, "name", &party->name, "siren", &party->siren,
                "siret", &party->siret, "vat-number", &party->vat_number,
                "email", &party->email, "phone", &party->phone, "address", &party->address,
                "postcode", &party->postcode, "city", &party->city, "country", &party->country,
                "delivery-address", &party->delivery_address,
                "delivery-postcode", &party->delivery_postcode,
                "delivery-city", &party->delivery_city,
                "delivery-country", &party->delivery_country, NULL);
}

static void
party_tidy (CptRenderParty *party)
{
  char **fields[] = { &party->kind, &party->name, &party->legal_form, &party->siren,
                      &party->siret, &party->rcs_city, &party->vat_number, &party->address,
                      &party->postcode, &party->city, &party->country, &party->email,
                      &party->phone, &party->website, &party->delivery_address,
                      &party->delivery_postcode, &party->delivery_city,
                      &party->delivery_country, &party->iban, &party->bic,
                      &party->penalty_text, &party->footer, &party->vat_exempt_text };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    *fields[i] = non_empty (*fields[i]);
  if (party->country == NULL)
    party->country = g_strdup ("FR");
}

static CptRenderReference *
reference_load (CptDatabase *db, gint64 id, GError **error)
{
  g_autoptr(CptDocument) document = cpt_documents_load (db, id, error);
  CptRenderReference *reference;

  if (document == NULL)
    return NULL;
  reference = g_new0 (CptRenderReference, 1);
  reference->id = id;
  reference->kind = g_strdup (cpt_document_get_kind (document));
  reference->number = g_strdup (cpt_document_get_number (document));
  reference->date = g_strdup (cpt_document_get_date (document));
  reference->gross = cpt_document_get_amount_due (document);
  return reference;
}

/* What the products of the lines are: goods, services or both. A deposit invoice has no
 * product of its own, so its quote tells; lines typed without a product count as services,
 * the common case of the businesses Comptoir serves. */
static gboolean
operation_category (CptDatabase *db, gint64 id, gint64 quote_id, CptOperationCategory *out,
                    GError **error)
{
  gint64 goods = 0, services = 0;
  gint64 sources[] = { id, quote_id };

  for (guint i = 0; i < G_N_ELEMENTS (sources) && goods + services == 0; i++)
    if (sources[i] != 0 &&
        !cpt_store_render_product_types (db, sources[i], &goods, &services, error))
      return FALSE;
  if (goods > 0 && services > 0)
    *out = CPT_OPERATION_MIXED;
  else
    *out = goods > 0 ? CPT_OPERATION_GOODS : CPT_OPERATION_SERVICES;
  return TRUE;
}

CptRenderDocument *
cpt_render_document_load (CptDatabase *db, gint64 id, GError **error)
{
  g_autoptr(CptRenderDocument) self = g_new0 (CptRenderDocument, 1);
  g_autoptr(CptDocument) document = cpt_documents_load (db, id, error);
  g_autofree char *seller_json = NULL, *buyer_json = NULL;
  g_autoptr(CptClient) client = NULL;
  gint64 quote_id, credited_id, proforma_id;

  if (document == NULL)
    return NULL;
  self->id = id;
  self->kind = g_strdup (cpt_document_get_kind (document));
  g_object_get (document, "number", &self->number, "date", &self->date,
                "service-date", &self->service_date, "due-date", &self->due_date,
                "valid-until", &self->valid_until, "title", &self->title, "notes", &self->notes,
                "payment-terms", &self->payment_terms, "currency", &self->currency,
                "language", &self->language, "validated-at", &self->validated_at,
                "seller", &seller_json, "buyer", &buyer_json, NULL);
  self->title = non_empty (self->title);
  self->notes = non_empty (self->notes);
  self->payment_terms = non_empty (self->payment_terms);
  self->number = non_empty (self->number);
  if (g_strcmp0 (self->language, "en") != 0)
    g_set_str (&self->language, "fr");
  self->draft = cpt_document_is_draft (document) &&
                cpt_document_get_document_kind (document) != CPT_DOCUMENT_KIND_PROFORMA;

  self->lines = cpt_documents_load_lines (db, id, error);
  if (self->lines == NULL || !cpt_documents_compute_totals (self->lines, &self->totals, error))
    return NULL;

  client = cpt_client_load (db, cpt_document_get_client_id (document), error);
  if (client == NULL)
    return NULL;
  self->payment_days = cpt_client_get_payment_days (client);
  self->end_of_month = cpt_client_get_end_of_month (client);
  if (!cpt_document_is_draft (document) && seller_json != NULL && buyer_json != NULL)
    {
      if (!party_from_json (&self->seller, seller_json, error) ||
          !party_from_json (&self->buyer, buyer_json, error))
        return NULL;
    }
  else
    {
      g_autoptr(CptCompany) company = cpt_company_load (db, error);

      if (company == NULL)
        return NULL;
      seller_from_company (&self->seller, company);
      buyer_from_client (&self->buyer, client);
    }
  party_tidy (&self->seller);
  party_tidy (&self->buyer);
  {
    g_autoptr(GError) logo_error = NULL;

    /* a logo that cannot be read fails the rendering: a document must not go out without it */
    self->logo = cpt_company_get_logo (db, &self->logo_mime, &logo_error);
    if (logo_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&logo_error));
        return NULL;
      }
  }

  quote_id = cpt_document_get_quote_id (document);
  credited_id = cpt_document_get_credited_id (document);
  proforma_id = cpt_document_get_proforma_id (document);
  if (quote_id != 0 && (self->quote = reference_load (db, quote_id, error)) == NULL)
    return NULL;
  if (credited_id != 0 && (self->credited = reference_load (db, credited_id, error)) == NULL)
    return NULL;
  if (proforma_id != 0 && (self->proforma = reference_load (db, proforma_id, error)) == NULL)
    return NULL;

  self->deposits = g_ptr_array_new_with_free_func ((GDestroyNotify) reference_free);
  for (guint i = 0; i < self->lines->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (self->lines, i);
      gint64 deposit = cpt_document_line_get_deposit_id (line);
      gboolean seen = FALSE;
      CptRenderReference *reference;

      if (deposit == 0)
        continue;
      for (guint j = 0; j < self->deposits->len && !seen; j++)
        seen = ((CptRenderReference *) g_ptr_array_index (self->deposits, j))->id == deposit;
      if (seen)
        continue;
      if ((reference = reference_load (db, deposit, error)) == NULL)
        return NULL;
      g_ptr_array_add (self->deposits, reference);
    }
  self->balance = cpt_render_document_is_kind (self, CPT_DOCUMENT_KIND_INVOICE) && self->deposits->len > 0;
  if (!operation_category (db, id, quote_id, &self->category, error))
    return NULL;
  /* A document must not go out saying less was paid than was. */
  if (!cpt_document_is_draft (document) &&
      (cpt_render_document_is_kind (self, CPT_DOCUMENT_KIND_INVOICE) || cpt_render_document_is_kind (self, CPT_DOCUMENT_KIND_DEPOSIT)))
    {
      CptDocumentBalance balance = { 0 };

      if (!cpt_payments_document_balance (db, id, &balance, error))
        return NULL;
      self->paid = balance.paid;
    }
  cpt_document_totals_figures (&self->totals, self->balance, 0, self->paid, &self->figures);
  return g_steal_pointer (&self);
}

GArray *
cpt_render_document_ids (CptDatabase *db, const char *kind, const char *from, const char *to,
                         GError **error)
{
  return cpt_store_render_document_ids (db, kind, from, to, error);
}

gboolean
cpt_render_document_is_kind (const CptRenderDocument *self, CptDocumentKind kind)
{
  CptDocumentKind own;

  return cpt_document_kind_from_string (self->kind, &own) && own == kind;
}

gboolean
cpt_render_document_is_einvoice (const CptRenderDocument *self)
{
  return !self->draft && (cpt_render_document_is_kind (self, CPT_DOCUMENT_KIND_INVOICE) ||
                          cpt_render_document_is_kind (self, CPT_DOCUMENT_KIND_DEPOSIT) ||
                          cpt_render_document_is_kind (self, CPT_DOCUMENT_KIND_CREDIT_NOTE));
}

int
cpt_render_document_type_code (const CptRenderDocument *self)
{
  if (!cpt_render_document_is_einvoice (self))
    return 0;
  if (cpt_render_document_is_kind (self, CPT_DOCUMENT_KIND_DEPOSIT))
    return 386;
  if (cpt_render_document_is_kind (self, CPT_DOCUMENT_KIND_CREDIT_NOTE))
    return 381;
  return 380;
}

const char *
cpt_render_document_title (const CptRenderDocument *self)
{
  gboolean en = g_strcmp0 (self->language, "en") == 0;

  if (cpt_render_document_is_kind (self, CPT_DOCUMENT_KIND_QUOTE))
    return en ? "Quote" : "Devis";
  if (cpt_render_document_is_kind (self, CPT_DOCUMENT_KIND_PROFORMA))
    return en ? "Pro forma invoice" : "Facture pro forma";
  if (cpt_render_document_is_kind (self, CPT_DOCUMENT_KIND_DEPOSIT))
    return en ? "Deposit invoice" : "Facture d’acompte";
  if (cpt_render_document_is_kind (self, CPT_DOCUMENT_KIND_CREDIT_NOTE))
    return en ? "Credit note" : "Avoir";
  if (self->balance)
    return en ? "Balance invoice" : "Facture de solde";
  return en ? "Invoice" : "Facture";
}

gboolean
cpt_render_document_for_the_network (const CptRenderDocument *self)
{
  return cpt_render_document_buyer_is_business (self) &&
         (cpt_render_document_is_kind (self, CPT_DOCUMENT_KIND_INVOICE) || cpt_render_document_is_kind (self, CPT_DOCUMENT_KIND_DEPOSIT) ||
          cpt_render_document_is_kind (self, CPT_DOCUMENT_KIND_CREDIT_NOTE));
}

gboolean
cpt_render_document_buyer_is_business (const CptRenderDocument *self)
{
  return g_strcmp0 (self->buyer.kind, "individual") != 0;
}

char *
cpt_render_document_file_name (const CptRenderDocument *self, const char *extension)
{
  g_autofree char *base = NULL;

  if (self->number != NULL)
    base = g_strdup (self->number);
  else
    base = g_strdup_printf ("%s-%" G_GINT64_FORMAT,
                            g_strcmp0 (self->language, "en") == 0 ? "draft" : "brouillon",
                            self->id);
  /* Numbers are the user's format: keep them, but never a path separator. */
  g_strdelimit (base, "/\\:", '-');
  return g_strdup_printf ("%s.%s", base, extension);
}

static gpointer
load_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  return cpt_render_document_load (db, *(gint64 *) data, error);
}

void
cpt_render_document_load_async (CptWorker *worker, gint64 id, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (CPT_IS_WORKER (worker));

  cpt_worker_run_async (worker, load_in_thread, g_memdup2 (&id, sizeof id), g_free,
                        (GDestroyNotify) cpt_render_document_free, cancellable, callback, user_data);
}

CptRenderDocument *
cpt_render_document_load_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}
