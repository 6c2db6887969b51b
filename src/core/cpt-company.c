#define G_LOG_DOMAIN "cpt-company"

#include "cpt-company.h"
#include "cpt-error.h"
#include "cpt-identifiers.h"
#include "cpt-store-company.h"
#include "cpt-validate.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _CptCompany
{
  GObject   parent_instance;
  gint64    id;
  char     *name;
  char     *legal_form;
  gint64    share_capital;
  char     *siren;
  char     *siret;
  char     *rcs_city;
  char     *vat_number;
  char     *address;
  char     *postcode;
  char     *city;
  char     *country;
  char     *email;
  char     *phone;
  char     *website;
  char     *iban;
  char     *bic;
  gint64    payment_days;
  gboolean  end_of_month;
  char     *penalty_text;
  char     *footer;
  gboolean  vat_on_debits;
  gboolean  vat_exempt;
  char     *vat_exempt_text;
  char     *language;
  gboolean  separate_deposit_series;
};

#define E CPT_FIELD_EDITABLE
static const CptField company_fields[] = {
  CPT_FIELD_ENTRY (CptCompany, id, CPT_FIELD_INT64, 0),
  CPT_FIELD_ENTRY (CptCompany, name, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, legal_form, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, share_capital, CPT_FIELD_INT64, E | CPT_FIELD_MONEY),
  CPT_FIELD_ENTRY (CptCompany, siren, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, siret, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, rcs_city, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, vat_number, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, address, CPT_FIELD_STRING, E | CPT_FIELD_MULTILINE),
  CPT_FIELD_ENTRY (CptCompany, postcode, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, city, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, country, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, email, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, phone, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, website, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, iban, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, bic, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, payment_days, CPT_FIELD_INT64, E),
  CPT_FIELD_ENTRY (CptCompany, end_of_month, CPT_FIELD_BOOLEAN, E),
  CPT_FIELD_ENTRY (CptCompany, penalty_text, CPT_FIELD_STRING, E | CPT_FIELD_MULTILINE),
  CPT_FIELD_ENTRY (CptCompany, footer, CPT_FIELD_STRING, E | CPT_FIELD_MULTILINE),
  CPT_FIELD_ENTRY (CptCompany, vat_on_debits, CPT_FIELD_BOOLEAN, E),
  CPT_FIELD_ENTRY (CptCompany, vat_exempt, CPT_FIELD_BOOLEAN, E),
  CPT_FIELD_ENTRY (CptCompany, vat_exempt_text, CPT_FIELD_STRING, E | CPT_FIELD_MULTILINE),
  CPT_FIELD_ENTRY (CptCompany, language, CPT_FIELD_STRING, E),
  /* deposit invoices numbered in their own series (AC...) instead of the invoices' */
  CPT_FIELD_ENTRY (CptCompany, separate_deposit_series, CPT_FIELD_BOOLEAN, E),
};
#undef E

static CptRecordClass company_record = { company_fields, G_N_ELEMENTS (company_fields), NULL };

G_DEFINE_FINAL_TYPE (CptCompany, cpt_company, G_TYPE_OBJECT)

static void
cpt_company_init_defaults (CptCompany *self)
{
  self->id = 1;
  self->country = g_strdup ("FR");
  self->language = g_strdup ("fr");
  self->payment_days = 30;
}

CPT_RECORD_IMPLEMENT (CptCompany, cpt_company, company_record)

const CptRecordClass *
cpt_company_record (void)
{
  g_type_ensure (CPT_TYPE_COMPANY);
  return &company_record;
}

const char *
cpt_company_get_name (CptCompany *self)
{
  return self->name;
}

CptCompany *
cpt_company_load (CptDatabase *db, GError **error)
{
  return cpt_store_company_load (db, error);
}

gboolean
cpt_company_validate (CptCompany *self, GError **error)
{
  if (!cpt_record_check_text (&company_record, G_OBJECT (self), error) ||
      !cpt_validate_identifier (&self->siren, cpt_siren_check, error) ||
      !cpt_validate_identifier (&self->siret, cpt_siret_check, error) ||
      !cpt_validate_identifier (&self->vat_number, cpt_vat_number_check, error) ||
      !cpt_validate_identifier (&self->iban, cpt_iban_check, error) ||
      !cpt_validate_identifier (&self->bic, cpt_bic_check, error) ||
      !cpt_validate_emails (&self->email, error) ||
      !cpt_validate_country (&self->country, error) ||
      !cpt_validate_language (&self->language, error))
    return FALSE;
  if (self->siren != NULL && self->siret != NULL && !g_str_has_prefix (self->siret, self->siren))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("The SIRET %s does not belong to the SIREN %s: a SIRET starts with its SIREN"),
                   self->siret, self->siren);
      return FALSE;
    }
  if (self->payment_days < 0 || self->payment_days > 365)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("Payment terms must be between 0 and 365 days"));
      return FALSE;
    }
  if (self->share_capital < 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("The share capital cannot be negative"));
      return FALSE;
    }
  return TRUE;
}

gboolean
cpt_company_save (CptCompany *self, CptDatabase *db, GError **error)
{
  if (!cpt_company_validate (self, error))
    return FALSE;
  return cpt_store_company_save (db, self, error);
}

gboolean
cpt_company_set_logo_from_file (CptDatabase *db, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize length;
  const char *mime;
  g_autoptr(GBytes) image = NULL;

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  if (length > 2 * 1024 * 1024)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("The logo “%s” is too large (%zu KiB; at most 2048 KiB)"),
                   path, length / 1024);
      return FALSE;
    }
  if (length > 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    mime = "image/png";
  else if (length > 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    mime = "image/jpeg";
  else if (g_strstr_len (data, MIN (length, 1024), "<svg") != NULL)
    mime = "image/svg+xml";
  else
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("“%s” is not a PNG, JPEG or SVG image"), path);
      return FALSE;
    }
  image = g_bytes_new_take (g_steal_pointer (&data), length);
  return cpt_store_company_set_logo (db, image, mime, error);
}

GBytes *
cpt_company_get_logo (CptDatabase *db, char **out_mime, GError **error)
{
  return cpt_store_company_get_logo (db, out_mime, error);
}
