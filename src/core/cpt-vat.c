#define G_LOG_DOMAIN "cpt-vat"

#include "cpt-vat.h"
#include "cpt-error.h"
#include "cpt-money.h"

#include <glib/gi18n-lib.h>

static const CptVatExemption exemptions[] = {
  { "VATEX-FR-FRANCHISE", "E", "TVA non applicable, art. 293 B du CGI",
    "VAT not applicable, art. 293 B of the French tax code (CGI)" },
  { "VATEX-EU-IC", "K", "Exonération de TVA, art. 262 ter I du CGI (livraison intracommunautaire)",
    "Intra-Community supply exempt from VAT (art. 138 of Directive 2006/112/EC)" },
  { "VATEX-EU-AE", "AE", "Autoliquidation (art. 283-2 du CGI)",
    "Reverse charge: VAT payable by the customer" },
  { "VATEX-EU-G", "G", "Exonération de TVA, art. 262 I du CGI (exportation)",
    "Export outside the EU, exempt from VAT" },
  { "VATEX-EU-O", "O", "Opération hors du champ d’application de la TVA",
    "Not subject to VAT" },
  { "VATEX-EU-79-C", "E", "Débours (art. 267 II-2° du CGI)",
    "Disbursement on behalf of the customer, outside the taxable amount" },
  { "VATEX-FR-CGI261-4", "E", "Exonération de TVA, art. 261-4-4° du CGI (formation, enseignement)",
    "Exempt from VAT (training, art. 261-4-4° of the French tax code)" },
  { "VATEX-EU-132", "E", "Exonération de TVA, art. 261 du CGI",
    "Exempt from VAT (art. 132 of Directive 2006/112/EC)" },
};

const CptVatExemption *
cpt_vat_exemption_get_all (guint *n)
{
  *n = G_N_ELEMENTS (exemptions);
  return exemptions;
}

const CptVatExemption *
cpt_vat_exemption_lookup (const char *code)
{
  for (guint i = 0; code && i < G_N_ELEMENTS (exemptions); i++)
    if (g_ascii_strcasecmp (code, exemptions[i].code) == 0)
      return &exemptions[i];
  return NULL;
}

const char *
cpt_vat_category_of (const char *code, gint64 rate)
{
  const CptVatExemption *reason = cpt_vat_exemption_lookup (code);

  if (reason != NULL)
    return reason->category;
  return rate > 0 ? "S" : "Z";
}

const char *
cpt_vat_exemption_code_for (const char *text, GError **error)
{
  const CptVatExemption *exemption = cpt_vat_exemption_lookup (text);
  g_autoptr(GString) known = NULL;

  if (exemption != NULL)
    return exemption->code;
  known = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (exemptions); i++)
    g_string_append_printf (known, "%s%s", i ? ", " : "", exemptions[i].code);
  g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
               /* Translators: the second %s is a list of codes (VATEX-FR-FRANCHISE, ...) */
               _("“%s” is not a VAT exemption code Comptoir knows; use one of %s"),
               text ? text : "", known->str);
  return NULL;
}

/* The VAT rates in force in France (mainland, Corsica, overseas departments), in hundredths
 * of a percent, most common first. They are the current subset of what BR-FR-16 accepts
 * (its list also keeps the historical 19.6, 7, 9.2, 9.6 and 20.6 % for old invoices, which
 * a document validated today can no longer carry). 0 % is offered too, with an exemption
 * reason. */
static const gint64 rates[] = { 2000, 1000, 550, 210, 850, 1300, 175, 105, 90, 0 };

const gint64 *
cpt_vat_rate_get_all (guint *n)
{
  *n = G_N_ELEMENTS (rates);
  return rates;
}

gboolean
cpt_vat_rate_is_valid (gint64 rate)
{
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    if (rates[i] == rate)
      return TRUE;
  return FALSE;
}

gboolean
cpt_vat_rate_check (gint64 rate, GError **error)
{
  g_autoptr(GString) known = NULL;
  g_autofree char *shown = NULL;

  if (cpt_vat_rate_is_valid (rate))
    return TRUE;
  known = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      g_autofree char *text = cpt_percent_to_string (rates[i]);
      g_string_append_printf (known, "%s%s", i ? ", " : "", text);
    }
  shown = cpt_percent_to_string (rate);
  g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
               /* Translators: the first %s is a rate (7), the second the list (20, 10, 5.5...) */
               _("%s %% is not a VAT rate in force in France; use one of %s %%"),
               shown, known->str);
  return FALSE;
}
