/* cpt-vat.h: the VAT rates in force and VAT exemption reasons (VATEX codes) with their EN 16931 category and the
 * mention printed on French and English documents. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;       /* "VATEX-FR-FRANCHISE" */
  const char *category;   /* EN 16931 VAT category code: E, K, G, O, AE */
  const char *mention_fr; /* "TVA non applicable, art. 293 B du CGI" */
  const char *mention_en;
} CptVatExemption;

/* Case-insensitive lookup; NULL when unknown. */
const CptVatExemption *cpt_vat_exemption_lookup (const char *code);
/* The EN 16931 VAT category (UNCL 5305) of an amount at `rate` with exemption `code` (may be
 * NULL): the exemption's category, else S (standard) above 0 %, Z (zero rated) at 0 %. The
 * Factur-X writer and the rule engine both ask here, so they always agree. */
const char            *cpt_vat_category_of      (const char *code, gint64 rate);
const CptVatExemption *cpt_vat_exemption_get_all (guint *n);
/* The code, checked, or NULL with a CPT_ERROR_INVALID that lists the known codes. */
const char            *cpt_vat_exemption_code_for (const char *text, GError **error);

/* The VAT rates a document may carry (hundredths of a percent: 2000 = 20 %): those in force in
 * France, mainland, Corsica and overseas (BR-FR-16), and 0 % (which needs an exemption
 * reason). The window's choosers offer exactly these, in this order. */
const gint64          *cpt_vat_rate_get_all  (guint *n);
gboolean               cpt_vat_rate_is_valid (gint64 rate);
/* FALSE with a CPT_ERROR_INVALID that names the accepted rates. */
gboolean               cpt_vat_rate_check    (gint64 rate, GError **error);

G_END_DECLS
