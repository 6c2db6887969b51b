#define G_LOG_DOMAIN "cpt-company"

#include "cpt-company.h"
#include "cpt-error.h"
#include "cpt-identifiers.h"
#include "cpt-store-company.h"
#include "cpt-validate.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
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
  /* the mail account (its password is in the keyring, never here) */
  char     *mail_from_name;
  char     *mail_from_address;
  char     *mail_host;
  gint64    mail_port;
  char     *mail_security;
  char     *mail_user;
  /* the late-payment rate agreed in the terms, hundredths of a percent; 0: the legal rate */
  gint64    late_interest_rate;
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
  /* the mail account: who sends, through which SMTP server (see cpt-mail.h) */
  CPT_FIELD_ENTRY (CptCompany, mail_from_name, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, mail_from_address, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, mail_host, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, mail_port, CPT_FIELD_INT64, E),
  CPT_FIELD_ENTRY (CptCompany, mail_security, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptCompany, mail_user, CPT_FIELD_STRING, E),
  /* claimed in the formal notice (cpt-late-penalties.h); 0: the ECB's rate + 10 points */
  CPT_FIELD_ENTRY (CptCompany, late_interest_rate, CPT_FIELD_INT64, E | CPT_FIELD_PERCENT),
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
  self->mail_security = g_strdup ("starttls");
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
cpt_company_mail_host_is_local (const char *host)
{
  return host != NULL && (g_ascii_strcasecmp (host, "localhost") == 0 ||
                          g_str_equal (host, "127.0.0.1") || g_str_equal (host, "::1"));
}

/* What is typed may stay incomplete (nothing is sent until it is whole), but what is typed
 * must be right. */
static gboolean
validate_mail_account (CptCompany *self, GError **error)
{
  cpt_validate_optional (&self->mail_host);
  cpt_validate_optional (&self->mail_user);
  cpt_validate_optional (&self->mail_from_name);
  if (self->mail_host != NULL)
    for (const char *c = self->mail_host; *c; c++)
      if (!g_ascii_isalnum (*c) && *c != '.' && *c != '-' && *c != ':' && *c != '_')
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                       _("Mail server: “%s” is not a server name (such as smtp.example.fr)"),
                       self->mail_host);
          return FALSE;
        }
  if (self->mail_port < 0 || self->mail_port > 65535)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("Mail server port: %" PRId64 " is not a port (1 to 65535, or 0 for "
                     "the usual one)"), self->mail_port);
      return FALSE;
    }
  if (self->mail_security == NULL || *self->mail_security == '\0')
    g_set_str (&self->mail_security, "starttls");
  if (!g_str_equal (self->mail_security, "tls") && !g_str_equal (self->mail_security, "starttls") &&
      !g_str_equal (self->mail_security, "none"))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("Mail security: “%s” is not one of tls, starttls or none"), self->mail_security);
      return FALSE;
    }
  /* A password sent in clear crosses no network only to this computer (a local relay). */
  if (g_str_equal (self->mail_security, "none") && self->mail_host != NULL &&
      !cpt_company_mail_host_is_local (self->mail_host))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("Mail security: a connection without encryption is only allowed to this "
                     "computer (localhost), not to %s"), self->mail_host);
      return FALSE;
    }
  if (!cpt_validate_emails (&self->mail_from_address, error))
    return FALSE;
  if (self->mail_from_address != NULL && strchr (self->mail_from_address, ',') != NULL)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("Sender address: one address only"));
      return FALSE;
    }
  return TRUE;
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
  return validate_mail_account (self, error);
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
  g_autoptr(GError) local = NULL;

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
  /* Its first bytes say what it claims to be; the documents need it drawn (a PNG cut short,
   * an SVG that does not parse would print every document without it) */
  if (!cpt_company_logo_check (image, &local))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("The logo “%s” cannot be read as an image: %s"),
                   path, local->message);
      return FALSE;
    }
  return cpt_store_company_set_logo (db, image, mime, error);
}

gboolean
cpt_company_logo_check (GBytes *logo, GError **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (logo);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, error);

  return pixbuf != NULL;
}

GBytes *
cpt_company_get_logo (CptDatabase *db, char **out_mime, GError **error)
{
  return cpt_store_company_get_logo (db, out_mime, error);
}
