/* cpt-identifiers.c: checks of French and European business identifiers.
 *
 * Every check works on the normalized form (cpt_identifier_normalize) and quotes the input
 * as the user typed it in its error messages, so they can find their typing mistake.
 */

#define G_LOG_DOMAIN "cpt-identifiers"

#include "cpt-identifiers.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (cpt-identifier-error-quark, cpt_identifier_error)

#define LA_POSTE_SIREN           "356000000"
#define LA_POSTE_HEAD_OFFICE     "35600000000048"
#define IBAN_MIN_LENGTH          5
#define IBAN_MAX_LENGTH          34
#define VAT_MIN_NATIONAL_LENGTH  2
#define VAT_MAX_NATIONAL_LENGTH  13

/* Characters allowed in an alphabetic French VAT key: digits and letters but I and O. */
static const char french_vat_key_alphabet[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

typedef struct
{
  const char *country;
  guint       length;
  const char *name;   /* how the error message names an IBAN of this country (N_) */
} IbanCountry;

static const IbanCountry iban_countries[] = {
  { "AT", 20, N_("An Austrian IBAN") },
  { "BE", 16, N_("A Belgian IBAN") },
  { "CH", 21, N_("A Swiss IBAN") },
  { "DE", 22, N_("A German IBAN") },
  { "ES", 24, N_("A Spanish IBAN") },
  { "FR", 27, N_("A French IBAN") },
  { "GB", 22, N_("A British IBAN") },
  { "IE", 22, N_("An Irish IBAN") },
  { "IT", 27, N_("An Italian IBAN") },
  { "LU", 20, N_("A Luxembourg IBAN") },
  { "MC", 27, N_("A Monegasque IBAN") },
  { "NL", 18, N_("A Dutch IBAN") },
  { "PT", 25, N_("A Portuguese IBAN") },
};

static gboolean
is_digit (char c)
{
  return g_ascii_isdigit (c);
}

static gboolean
is_alnum (char c)
{
  return g_ascii_isalnum (c);
}

static gboolean
all_chars (const char *str,
           gsize       len,
           gboolean  (*allowed) (char c))
{
  for (gsize i = 0; i < len; i++)
    if (str[i] == '\0' || !allowed (str[i]))
      return FALSE;
  return TRUE;
}

/* The input as typed, for error messages: valid UTF-8, without surrounding blanks. */
static char *
quote_input (const char *text)
{
  return g_strstrip (g_utf8_make_valid (text, -1));
}

/* Sets a FORMAT error naming the first character of @normalized that @allowed refuses,
 * e.g. `A SIREN has only digits; "73282932O" contains "O".` Returns FALSE if there is one. */
static gboolean
check_chars (const char  *normalized,
             gboolean   (*allowed) (char c),
             const char  *rule,
             const char  *quoted,
             GError     **error)
{
  const char *refused = normalized;
  gunichar c;
  char utf8[8] = { 0 };

  while (*refused != '\0' && allowed (*refused))
    refused++;
  if (*refused == '\0')
    return TRUE;

  c = g_utf8_get_char_validated (refused, -1);
  if (c == (gunichar) -1 || c == (gunichar) -2 || g_unichar_iscntrl (c))
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
                   /* Translators: a rule (“A SIREN has only digits”), then what was typed */
                   _("%s; \"%s\" contains other characters."), rule, quoted);
      return FALSE;
    }

  g_unichar_to_utf8 (c, utf8);
  g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
               /* Translators: a rule (“A SIREN has only digits”), what was typed, then the
                * first character that the rule refuses */
               _("%s; \"%s\" contains \"%s\"."), rule, quoted, utf8);
  return FALSE;
}

static gboolean
check_not_empty (const char  *normalized,
                 const char  *what,
                 GError     **error)
{
  if (*normalized != '\0')
    return TRUE;
  g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
               /* Translators: %s is SIREN, SIRET, IBAN, BIC or “VAT number” */
               _("The %s is empty."), what);
  return FALSE;
}

/* Luhn: from the right, every second digit is doubled (9 subtracted past 9); the sum must
 * be a multiple of 10. @digits holds only ASCII digits. */
static gboolean
luhn_valid (const char *digits)
{
  gsize len = strlen (digits);
  guint sum = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint digit = (guint) (digits[len - 1 - i] - '0');

      if (i % 2 == 1)
        {
          digit *= 2;
          if (digit > 9)
            digit -= 9;
        }
      sum += digit;
    }

  return sum % 10 == 0;
}

static guint
digit_sum (const char *digits)
{
  guint sum = 0;

  for (const char *p = digits; *p != '\0'; p++)
    sum += (guint) (*p - '0');
  return sum;
}

/* Only digits, exactly @n_digits of them. @what is "SIREN" or "SIRET". */
static gboolean
check_digit_string (const char  *normalized,
                    guint        n_digits,
                    const char  *what,
                    const char  *quoted,
                    GError     **error)
{
  /* Translators: %s is SIREN or SIRET */
  g_autofree char *rule = g_strdup_printf (_("A %s has only digits"), what);
  gsize len;

  if (!check_not_empty (normalized, what, error) ||
      !check_chars (normalized, is_digit, rule, quoted, error))
    return FALSE;

  len = strlen (normalized);
  if (len != n_digits)
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
                   /* Translators: %s is SIREN or SIRET, then a number of digits, what was
                    * typed and how many characters it has */
                   _("A %s has %u digits; \"%s\" has %zu."),
                   what, n_digits, quoted, len);
      return FALSE;
    }

  return TRUE;
}

/* The numeric key of a French VAT number: (12 + 3 * (SIREN mod 97)) mod 97. */
static guint
french_vat_key (const char *siren)
{
  guint64 value = g_ascii_strtoull (siren, NULL, 10);

  return (guint) ((12 + 3 * (value % 97)) % 97);
}

/* Keys with letters are given to businesses registered after the numeric keys ran out;
 * this is the DGFiP check for them (as in python-stdnum's fr.tva). */
static gboolean
french_vat_alphanumeric_key_valid (const char *key,
                                   const char *siren)
{
  guint64 value = g_ascii_strtoull (siren, NULL, 10);
  guint first = (guint) (strchr (french_vat_key_alphabet, key[0]) - french_vat_key_alphabet);
  guint second = (guint) (strchr (french_vat_key_alphabet, key[1]) - french_vat_key_alphabet);
  guint check;

  if (g_ascii_isdigit (key[0]))
    check = first * 24 + second - 10;
  else
    check = first * 34 + second - 100;

  return (value + 1 + check / 11) % 11 == check % 11;
}

static gboolean
is_french_vat_key_char (char c)
{
  return c != '\0' && strchr (french_vat_key_alphabet, c) != NULL;
}

static const IbanCountry *
find_iban_country (const char *iban)
{
  for (gsize i = 0; i < G_N_ELEMENTS (iban_countries); i++)
    if (strncmp (iban, iban_countries[i].country, 2) == 0)
      return &iban_countries[i];
  return NULL;
}

/* ISO 13616: the first four characters move to the end, letters become 10 to 35, and the
 * resulting number mod 97 must be 1. Computed digit by digit to avoid big numbers. */
static guint
iban_mod97 (const char *iban)
{
  gsize len = strlen (iban);
  guint remainder = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = iban[(i + 4) % len];

      if (g_ascii_isdigit (c))
        remainder = (remainder * 10 + (guint) (c - '0')) % 97;
      else
        remainder = (remainder * 100 + (guint) (c - 'A' + 10)) % 97;
    }

  return remainder;
}

char *
cpt_identifier_normalize (const char *text)
{
  GString *normalized;

  if (text == NULL)
    return g_strdup ("");

  normalized = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '.' || *p == '-')
        continue;
      if (strncmp (p, "\xC2\xA0", 2) == 0) /* U+00A0 NO-BREAK SPACE */
        {
          p += 1;
          continue;
        }
      if (strncmp (p, "\xE2\x80\xAF", 3) == 0) /* U+202F NARROW NO-BREAK SPACE */
        {
          p += 2;
          continue;
        }
      g_string_append_c (normalized, g_ascii_toupper (*p));
    }

  return g_string_free (normalized, FALSE);
}

gboolean
cpt_siren_check (const char  *text,
                 char       **out_normalized,
                 GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  normalized = cpt_identifier_normalize (text);
  quoted = quote_input (text);

  if (!check_digit_string (normalized, 9, "SIREN", quoted, error))
    return FALSE;

  if (!luhn_valid (normalized))
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_CHECKSUM,
                   _("The SIREN \"%s\" is not valid: its check digit is wrong. "
                     "Check for a typing mistake."), quoted);
      return FALSE;
    }

  if (out_normalized != NULL)
    *out_normalized = g_steal_pointer (&normalized);
  return TRUE;
}

gboolean
cpt_siret_check (const char  *text,
                 char       **out_normalized,
                 GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *siren = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  normalized = cpt_identifier_normalize (text);
  quoted = quote_input (text);

  if (!check_digit_string (normalized, 14, "SIRET", quoted, error))
    return FALSE;

  siren = g_strndup (normalized, 9);

  /* La Poste has too many establishments for Luhn over five digits: INSEE numbers them so
   * that the digits add up to a multiple of 5. Its head office is an ordinary Luhn number. */
  if (strcmp (siren, LA_POSTE_SIREN) == 0 && strcmp (normalized, LA_POSTE_HEAD_OFFICE) != 0)
    {
      if (digit_sum (normalized) % 5 != 0)
        {
          g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_CHECKSUM,
                       _("The SIRET \"%s\" is not valid: the digits of a La Poste SIRET add up "
                         "to a multiple of 5. Check for a typing mistake."), quoted);
          return FALSE;
        }
    }
  else if (!luhn_valid (normalized))
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_CHECKSUM,
                   _("The SIRET \"%s\" is not valid: its check digit is wrong. "
                     "Check for a typing mistake."), quoted);
      return FALSE;
    }

  if (!luhn_valid (siren))
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_CHECKSUM,
                   _("The SIRET \"%s\" is not valid: its first 9 digits, the SIREN %s, have a "
                     "wrong check digit. Check for a typing mistake."), quoted, siren);
      return FALSE;
    }

  if (out_normalized != NULL)
    *out_normalized = g_steal_pointer (&normalized);
  return TRUE;
}

static gboolean
check_french_vat_number (const char  *normalized,
                         const char  *quoted,
                         GError     **error)
{
  const char *key = normalized + 2;
  const char *siren = normalized + 4;
  gsize len = strlen (normalized);

  if (len != 13)
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
                   _("A French VAT number has 13 characters: \"FR\", a 2-character key and the "
                     "9-digit SIREN; \"%s\" has %zu."), quoted, len);
      return FALSE;
    }

  if (!all_chars (siren, 9, is_digit))
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
                   _("A French VAT number ends with the 9 digits of the SIREN; \"%s\" ends "
                     "with \"%s\"."), quoted, siren);
      return FALSE;
    }

  if (!is_french_vat_key_char (key[0]) || !is_french_vat_key_char (key[1]))
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
                   _("In a French VAT number, the 2 characters after \"FR\" are digits or "
                     "letters other than I and O; \"%s\" has \"%.2s\"."), quoted, key);
      return FALSE;
    }

  /* Monaco businesses have French VAT numbers whose last 9 digits start with 000 and are
   * not a SIREN, so they have no Luhn digit; the key still applies. */
  if (strncmp (siren, "000", 3) != 0 && !luhn_valid (siren))
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_CHECKSUM,
                   _("The VAT number \"%s\" is not valid: its SIREN %s has a wrong check "
                     "digit. Check for a typing mistake."), quoted, siren);
      return FALSE;
    }

  if (g_ascii_isdigit (key[0]) && g_ascii_isdigit (key[1]))
    {
      guint expected = french_vat_key (siren);
      guint actual = (guint) ((key[0] - '0') * 10 + (key[1] - '0'));

      if (actual != expected)
        {
          g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_CHECKSUM,
                       _("The VAT number \"%s\" does not match its SIREN: the key should be "
                         "%02u."), quoted, expected);
          return FALSE;
        }
    }
  else if (!french_vat_alphanumeric_key_valid (key, siren))
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_CHECKSUM,
                   _("The VAT number \"%s\" does not match its SIREN: its key %.2s is wrong. "
                     "Check for a typing mistake."), quoted, key);
      return FALSE;
    }

  return TRUE;
}

gboolean
cpt_vat_number_check (const char  *text,
                      char       **out_normalized,
                      GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *quoted = NULL;
  gsize national_len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  normalized = cpt_identifier_normalize (text);
  quoted = quote_input (text);

  if (!check_not_empty (normalized, _("VAT number"), error) ||
      !check_chars (normalized, is_alnum, _("A VAT number has only letters and digits"),
                    quoted, error))
    return FALSE;

  if (!g_ascii_isalpha (normalized[0]) || !g_ascii_isalpha (normalized[1]))
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
                   _("A VAT number starts with a two-letter country code, such as \"FR\"; "
                     "\"%s\" does not."), quoted);
      return FALSE;
    }

  if (g_str_has_prefix (normalized, "FR"))
    {
      if (!check_french_vat_number (normalized, quoted, error))
        return FALSE;
    }
  else
    {
      national_len = strlen (normalized) - 2;
      if (national_len < VAT_MIN_NATIONAL_LENGTH || national_len > VAT_MAX_NATIONAL_LENGTH)
        {
          g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
                       _("A VAT number has %u to %u letters or digits after its country code; "
                         "\"%s\" has %zu."),
                       VAT_MIN_NATIONAL_LENGTH, VAT_MAX_NATIONAL_LENGTH, quoted, national_len);
          return FALSE;
        }
    }

  if (out_normalized != NULL)
    *out_normalized = g_steal_pointer (&normalized);
  return TRUE;
}

char *
cpt_vat_number_from_siren (const char *siren)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (siren != NULL, NULL);

  /* Only a valid SIREN has a VAT number: anything else would give a number that
   * cpt_vat_number_check refuses. */
  if (!cpt_siren_check (siren, &normalized, NULL))
    return NULL;

  return g_strdup_printf ("FR%02u%s", french_vat_key (normalized), normalized);
}

gboolean
cpt_iban_check (const char  *text,
                char       **out_normalized,
                GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *quoted = NULL;
  const IbanCountry *country;
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  normalized = cpt_identifier_normalize (text);
  quoted = quote_input (text);

  if (!check_not_empty (normalized, "IBAN", error) ||
      !check_chars (normalized, is_alnum, _("An IBAN has only letters and digits"), quoted, error))
    return FALSE;

  if (!g_ascii_isalpha (normalized[0]) || !g_ascii_isalpha (normalized[1]))
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
                   _("An IBAN starts with a two-letter country code, such as \"FR\"; "
                     "\"%s\" does not."), quoted);
      return FALSE;
    }

  if (!all_chars (normalized + 2, 2, is_digit))
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
                   _("An IBAN has 2 check digits after its country code; \"%s\" does not."),
                   quoted);
      return FALSE;
    }

  len = strlen (normalized);
  country = find_iban_country (normalized);
  if (country != NULL && len != country->length)
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
                   /* Translators: the first %s is one of “A French IBAN”, “A German IBAN”... */
                   _("%s has %u characters; this one has %zu."),
                   _(country->name), country->length, len);
      return FALSE;
    }
  if (len < IBAN_MIN_LENGTH)
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
                   _("An IBAN has at least %u characters; this one has %zu."),
                   IBAN_MIN_LENGTH, len);
      return FALSE;
    }
  if (len > IBAN_MAX_LENGTH)
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
                   _("An IBAN has at most %u characters; this one has %zu."),
                   IBAN_MAX_LENGTH, len);
      return FALSE;
    }

  /* Check digits 00, 01 and 99 can satisfy mod 97 but are never issued (ISO 13616). */
  if (iban_mod97 (normalized) != 1 ||
      strncmp (normalized + 2, "00", 2) == 0 ||
      strncmp (normalized + 2, "01", 2) == 0 ||
      strncmp (normalized + 2, "99", 2) == 0)
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_CHECKSUM,
                   _("The IBAN \"%s\" is not valid: its check digits are wrong. "
                     "Check for a typing mistake."), quoted);
      return FALSE;
    }

  if (out_normalized != NULL)
    *out_normalized = g_steal_pointer (&normalized);
  return TRUE;
}

char *
cpt_iban_format (const char *normalized)
{
  g_autofree char *compact = NULL;
  GString *formatted;

  g_return_val_if_fail (normalized != NULL, NULL);

  /* Normalizing again makes an already grouped IBAN come out the same. */
  compact = cpt_identifier_normalize (normalized);
  formatted = g_string_sized_new (strlen (compact) + strlen (compact) / 4);
  for (gsize i = 0; compact[i] != '\0'; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (formatted, ' ');
      g_string_append_c (formatted, compact[i]);
    }

  return g_string_free (formatted, FALSE);
}

gboolean
cpt_bic_check (const char  *text,
               char       **out_normalized,
               GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *quoted = NULL;
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  normalized = cpt_identifier_normalize (text);
  quoted = quote_input (text);

  if (!check_not_empty (normalized, "BIC", error) ||
      !check_chars (normalized, is_alnum, _("A BIC has only letters and digits"), quoted, error))
    return FALSE;

  len = strlen (normalized);
  if (len != 8 && len != 11)
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
                   _("A BIC has 8 or 11 characters; \"%s\" has %zu."),
                   quoted, len);
      return FALSE;
    }

  for (gsize i = 0; i < 4; i++)
    if (!g_ascii_isalpha (normalized[i]))
      {
        g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
                     _("A BIC starts with 4 letters for the bank; \"%s\" starts with \"%.4s\"."),
                     quoted, normalized);
        return FALSE;
      }

  if (!g_ascii_isalpha (normalized[4]) || !g_ascii_isalpha (normalized[5]))
    {
      g_set_error (error, CPT_IDENTIFIER_ERROR, CPT_IDENTIFIER_ERROR_FORMAT,
                   _("In a BIC, the 5th and 6th characters are the country code, 2 letters; "
                     "\"%s\" has \"%.2s\"."), quoted, normalized + 4);
      return FALSE;
    }

  if (out_normalized != NULL)
    *out_normalized = g_steal_pointer (&normalized);
  return TRUE;
}
