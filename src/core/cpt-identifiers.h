/* cpt-identifiers.h: checks of French and European business identifiers.
 * Each check normalises the input (drops spaces, dots, dashes; uppercases letters), and
 * on failure sets a CPT_IDENTIFIER_ERROR in plain words that says what is wrong
 * ("A SIREN has 9 digits; \"12345\" has 5", "The SIREN 123456788 fails its check digit").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CPT_IDENTIFIER_ERROR (cpt_identifier_error_quark ())

typedef enum
{
  CPT_IDENTIFIER_ERROR_FORMAT,    /* wrong length or characters */
  CPT_IDENTIFIER_ERROR_CHECKSUM,  /* right shape, wrong check digit/key */
} CptIdentifierError;

GQuark   cpt_identifier_error_quark (void);

/* Removes blanks (space, U+00A0, U+202F, tab), dots and dashes; uppercases ASCII letters. */
char    *cpt_identifier_normalize (const char *text);

/* SIREN: 9 digits, Luhn. (La Poste's SIREN 356000000 is valid by Luhn too.) */
gboolean cpt_siren_check  (const char *text, char **out_normalized, GError **error);
/* SIRET: 14 digits, Luhn; La Poste establishments (SIREN 356000000) use the digit-sum-
 * multiple-of-5 rule instead. */
gboolean cpt_siret_check  (const char *text, char **out_normalized, GError **error);
/* VAT number. French numbers: "FR" + 2-character key + SIREN, numeric key
 * = (12 + 3 * (SIREN mod 97)) mod 97, and the SIREN must pass Luhn. Other EU numbers: two
 * letter country prefix + 2 to 13 letters/digits (format only). */
gboolean cpt_vat_number_check (const char *text, char **out_normalized, GError **error);
/* The French VAT number derived from a SIREN (e.g. "FR40303265045" for 303265045). */
char    *cpt_vat_number_from_siren (const char *siren);
/* IBAN: country letters, 2 check digits, up to 30 alphanumerics, ISO 13616 mod-97 == 1;
 * known country lengths (FR 27, DE 22, BE 16, ES 24, IT 27, LU 20, CH 21, GB 22, NL 18,
 * PT 25, MC 27, AT 20, IE 22) are enforced. Normalized form has no spaces. */
gboolean cpt_iban_check   (const char *text, char **out_normalized, GError **error);
/* IBAN grouped by four for display: "FR76 3000 6000 0112 3456 7890 189" */
char    *cpt_iban_format  (const char *normalized);
/* BIC: 8 or 11 characters, 4 letters bank, 2 letters country, 2 alnum location, opt. 3 alnum. */
gboolean cpt_bic_check    (const char *text, char **out_normalized, GError **error);

G_END_DECLS
