/* test-identifiers.c: SIREN, SIRET, VAT number, IBAN and BIC checks. */

#include "cpt-identifiers.h"

typedef gboolean (*IdentifierCheck) (const char *text, char **out_normalized, GError **error);

/* @text passes @check and normalizes to @expected, with and without out_normalized. */
static void
assert_accepted (IdentifierCheck  check,
                 const char      *text,
                 const char      *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  g_assert_true (check (text, &normalized, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, expected);

  g_assert_true (check (text, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (check (text, NULL, NULL));
}

/* @text is refused by @check with @code, out_normalized is left alone, and the message,
 * when @message is given, is exactly that. */
static void
assert_refused (IdentifierCheck     check,
                const char         *text,
                CptIdentifierError  code,
                const char         *message)
{
  g_autoptr(GError) error = NULL;
  char *normalized = NULL;

  g_assert_false (check (text, &normalized, &error));
  g_assert_error (error, CPT_IDENTIFIER_ERROR, (gint) code);
  g_assert_null (normalized);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  g_test_message ("\"%s\": %s", text, error->message);

  g_assert_false (check (text, NULL, NULL));
}

static void
test_error_quark (void)
{
  g_assert_cmpuint (CPT_IDENTIFIER_ERROR, !=, 0);
  g_assert_cmpuint (CPT_IDENTIFIER_ERROR, ==, cpt_identifier_error_quark ());
  g_assert_cmpstr (g_quark_to_string (CPT_IDENTIFIER_ERROR), ==, "cpt-identifier-error-quark");
}

static void
test_normalize (void)
{
  struct { const char *text; const char *expected; } cases[] = {
    { "", "" },
    { "732 829 320", "732829320" },
    { "732.829.320", "732829320" },
    { "732-829-320", "732829320" },
    { "\t732 829 320 ", "732829320" },
    { "732\xC2\xA0" "829\xE2\x80\xAF" "320", "732829320" },  /* U+00A0, U+202F */
    { "fr 40 303 265 045", "FR40303265045" },
    { "gb82 west", "GB82WEST" },
    { "é-1", "é1" },  /* only ASCII letters are uppercased */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = cpt_identifier_normalize (cases[i].text);

      g_assert_cmpstr (normalized, ==, cases[i].expected);
    }
}

static void
test_siren_valid (void)
{
  assert_accepted (cpt_siren_check, "732829320", "732829320");
  assert_accepted (cpt_siren_check, "542051180", "542051180");  /* TotalEnergies */
  assert_accepted (cpt_siren_check, "552100554", "552100554");
  assert_accepted (cpt_siren_check, "303265045", "303265045");
  assert_accepted (cpt_siren_check, "356000000", "356000000");  /* La Poste */
  assert_accepted (cpt_siren_check, "732 829 320", "732829320");
  assert_accepted (cpt_siren_check, " 732.829.320 ", "732829320");
  assert_accepted (cpt_siren_check, "732\xC2\xA0" "829\xC2\xA0" "320", "732829320");
}

static void
test_siren_invalid (void)
{
  assert_refused (cpt_siren_check, "", CPT_IDENTIFIER_ERROR_FORMAT, "The SIREN is empty.");
  assert_refused (cpt_siren_check, "   ", CPT_IDENTIFIER_ERROR_FORMAT, "The SIREN is empty.");
  assert_refused (cpt_siren_check, "12345", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A SIREN has 9 digits; \"12345\" has 5.");
  assert_refused (cpt_siren_check, "7328293201", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A SIREN has 9 digits; \"7328293201\" has 10.");
  assert_refused (cpt_siren_check, "732 829 32", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A SIREN has 9 digits; \"732 829 32\" has 8.");
  assert_refused (cpt_siren_check, "73282932O", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A SIREN has only digits; \"73282932O\" contains \"O\".");
  assert_refused (cpt_siren_check, "ABCDEFGHI", CPT_IDENTIFIER_ERROR_FORMAT, NULL);
  assert_refused (cpt_siren_check, "732/829/320", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A SIREN has only digits; \"732/829/320\" contains \"/\".");
  assert_refused (cpt_siren_check, "123456788", CPT_IDENTIFIER_ERROR_CHECKSUM,
                  "The SIREN \"123456788\" is not valid: its check digit is wrong. "
                  "Check for a typing mistake.");
  /* one digit changed in each of the known-valid numbers */
  assert_refused (cpt_siren_check, "732829321", CPT_IDENTIFIER_ERROR_CHECKSUM, NULL);
  assert_refused (cpt_siren_check, "542051181", CPT_IDENTIFIER_ERROR_CHECKSUM, NULL);
  assert_refused (cpt_siren_check, "552100564", CPT_IDENTIFIER_ERROR_CHECKSUM, NULL);
  assert_refused (cpt_siren_check, "303265046", CPT_IDENTIFIER_ERROR_CHECKSUM, NULL);
  /* two adjacent digits swapped */
  assert_refused (cpt_siren_check, "723829320", CPT_IDENTIFIER_ERROR_CHECKSUM, NULL);
}

static void
test_siret_valid (void)
{
  assert_accepted (cpt_siret_check, "73282932000074", "73282932000074");
  assert_accepted (cpt_siret_check, "732 829 320 00074", "73282932000074");
  assert_accepted (cpt_siret_check, "732.829.320.00074", "73282932000074");
}

static void
test_siret_la_poste (void)
{
  /* The head office is an ordinary Luhn number (its digits add up to 26). */
  assert_accepted (cpt_siret_check, "35600000000048", "35600000000048");
  /* An establishment: Luhn fails, but the digits add up to 45. */
  assert_accepted (cpt_siret_check, "356 000 000 49837", "35600000049837");

  assert_refused (cpt_siret_check, "35600000049838", CPT_IDENTIFIER_ERROR_CHECKSUM,
                  "The SIRET \"35600000049838\" is not valid: the digits of a La Poste SIRET "
                  "add up to a multiple of 5. Check for a typing mistake.");
  assert_refused (cpt_siret_check, "35600000000049", CPT_IDENTIFIER_ERROR_CHECKSUM, NULL);
}

static void
test_siret_invalid (void)
{
  assert_refused (cpt_siret_check, "", CPT_IDENTIFIER_ERROR_FORMAT, "The SIRET is empty.");
  assert_refused (cpt_siret_check, "7328293200007", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A SIRET has 14 digits; \"7328293200007\" has 13.");
  assert_refused (cpt_siret_check, "732829320", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A SIRET has 14 digits; \"732829320\" has 9.");
  assert_refused (cpt_siret_check, "732829320000740", CPT_IDENTIFIER_ERROR_FORMAT, NULL);
  assert_refused (cpt_siret_check, "7328293200007A", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A SIRET has only digits; \"7328293200007A\" contains \"A\".");
  assert_refused (cpt_siret_check, "73282932000079", CPT_IDENTIFIER_ERROR_CHECKSUM,
                  "The SIRET \"73282932000079\" is not valid: its check digit is wrong. "
                  "Check for a typing mistake.");
  assert_refused (cpt_siret_check, "73282932100074", CPT_IDENTIFIER_ERROR_CHECKSUM, NULL);
  /* Luhn holds over all 14 digits, but not over the SIREN part. */
  assert_refused (cpt_siret_check, "12345678800009", CPT_IDENTIFIER_ERROR_CHECKSUM,
                  "The SIRET \"12345678800009\" is not valid: its first 9 digits, the SIREN "
                  "123456788, have a wrong check digit. Check for a typing mistake.");
}

static void
test_vat_valid (void)
{
  assert_accepted (cpt_vat_number_check, "FR40303265045", "FR40303265045");
  assert_accepted (cpt_vat_number_check, "FR 40 303 265 045", "FR40303265045");
  assert_accepted (cpt_vat_number_check, "fr40303265045", "FR40303265045");
  assert_accepted (cpt_vat_number_check, "FR44732829320", "FR44732829320");
  assert_accepted (cpt_vat_number_check, "FR59542051180", "FR59542051180");
  assert_accepted (cpt_vat_number_check, "FR96552100554", "FR96552100554");
  /* keys with letters, given since the numeric ones ran out */
  assert_accepted (cpt_vat_number_check, "FRK7399859412", "FRK7399859412");
  assert_accepted (cpt_vat_number_check, "FR4Z123456782", "FR4Z123456782");
  /* other countries: format only */
  assert_accepted (cpt_vat_number_check, "DE123456789", "DE123456789");
  assert_accepted (cpt_vat_number_check, "BE 0403.170.701", "BE0403170701");
  assert_accepted (cpt_vat_number_check, "ATU12345678", "ATU12345678");
  assert_accepted (cpt_vat_number_check, "NL123456789B01", "NL123456789B01");
  assert_accepted (cpt_vat_number_check, "EL094259216", "EL094259216");
}

static void
test_vat_invalid (void)
{
  assert_refused (cpt_vat_number_check, "", CPT_IDENTIFIER_ERROR_FORMAT,
                  "The VAT number is empty.");
  /* a SIREN alone, or the key and SIREN without the country */
  assert_refused (cpt_vat_number_check, "303265045", CPT_IDENTIFIER_ERROR_FORMAT, NULL);
  assert_refused (cpt_vat_number_check, "40303265045", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A VAT number starts with a two-letter country code, such as \"FR\"; "
                  "\"40303265045\" does not.");
  assert_refused (cpt_vat_number_check, "FR4030326504", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A French VAT number has 13 characters: \"FR\", a 2-character key and the "
                  "9-digit SIREN; \"FR4030326504\" has 12.");
  assert_refused (cpt_vat_number_check, "FR403032650451", CPT_IDENTIFIER_ERROR_FORMAT, NULL);
  assert_refused (cpt_vat_number_check, "FR", CPT_IDENTIFIER_ERROR_FORMAT, NULL);
  assert_refused (cpt_vat_number_check, "FR40303A65045", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A French VAT number ends with the 9 digits of the SIREN; "
                  "\"FR40303A65045\" ends with \"303A65045\".");
  assert_refused (cpt_vat_number_check, "FRIO303265045", CPT_IDENTIFIER_ERROR_FORMAT, NULL);
  assert_refused (cpt_vat_number_check, "FR40/303265045", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A VAT number has only letters and digits; \"FR40/303265045\" contains "
                  "\"/\".");
  /* wrong key */
  assert_refused (cpt_vat_number_check, "FR12303265045", CPT_IDENTIFIER_ERROR_CHECKSUM,
                  "The VAT number \"FR12303265045\" does not match its SIREN: the key should "
                  "be 40.");
  assert_refused (cpt_vat_number_check, "FR41303265045", CPT_IDENTIFIER_ERROR_CHECKSUM, NULL);
  /* a right key, but for another SIREN */
  assert_refused (cpt_vat_number_check, "FR40732829320", CPT_IDENTIFIER_ERROR_CHECKSUM,
                  "The VAT number \"FR40732829320\" does not match its SIREN: the key should "
                  "be 44.");
  /* the SIREN part itself has a typing mistake */
  assert_refused (cpt_vat_number_check, "FR40303265046", CPT_IDENTIFIER_ERROR_CHECKSUM,
                  "The VAT number \"FR40303265046\" is not valid: its SIREN 303265046 has a "
                  "wrong check digit. Check for a typing mistake.");
  /* letter keys that do not match */
  assert_refused (cpt_vat_number_check, "FRK8399859412", CPT_IDENTIFIER_ERROR_CHECKSUM, NULL);
  assert_refused (cpt_vat_number_check, "FR4Y123456782", CPT_IDENTIFIER_ERROR_CHECKSUM, NULL);
  /* other countries: 2 to 13 characters after the prefix */
  assert_refused (cpt_vat_number_check, "DE1", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A VAT number has 2 to 13 letters or digits after its country code; "
                  "\"DE1\" has 1.");
  assert_refused (cpt_vat_number_check, "DE12345678901234", CPT_IDENTIFIER_ERROR_FORMAT, NULL);
  assert_refused (cpt_vat_number_check, "D", CPT_IDENTIFIER_ERROR_FORMAT, NULL);
}

static void
test_vat_from_siren (void)
{
  struct { const char *siren; const char *expected; } cases[] = {
    { "303265045", "FR40303265045" },
    { "732829320", "FR44732829320" },
    { "542051180", "FR59542051180" },
    { "552100554", "FR96552100554" },
    { "303 265 045", "FR40303265045" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *vat = cpt_vat_number_from_siren (cases[i].siren);
      g_autofree char *normalized = NULL;

      g_assert_cmpstr (vat, ==, cases[i].expected);
      /* what it makes, the VAT check accepts */
      g_assert_true (cpt_vat_number_check (vat, &normalized, NULL));
      g_assert_cmpstr (normalized, ==, vat);
    }

  g_assert_null (cpt_vat_number_from_siren (""));
  g_assert_null (cpt_vat_number_from_siren ("12345"));
  g_assert_null (cpt_vat_number_from_siren ("123456788"));
  g_assert_null (cpt_vat_number_from_siren ("30326504A"));
}

static void
test_iban_valid (void)
{
  assert_accepted (cpt_iban_check, "FR7630006000011234567890189", "FR7630006000011234567890189");
  assert_accepted (cpt_iban_check, "FR76 3000 6000 0112 3456 7890 189",
                   "FR7630006000011234567890189");
  assert_accepted (cpt_iban_check, "DE89370400440532013000", "DE89370400440532013000");
  assert_accepted (cpt_iban_check, "DE89 3704 0044 0532 0130 00", "DE89370400440532013000");
  assert_accepted (cpt_iban_check, "GB82WEST12345698765432", "GB82WEST12345698765432");
  assert_accepted (cpt_iban_check, "gb82 west 1234 5698 7654 32", "GB82WEST12345698765432");
  assert_accepted (cpt_iban_check, "BE68539007547034", "BE68539007547034");
  assert_accepted (cpt_iban_check, "BE68-5390-0754-7034", "BE68539007547034");
  /* check digits at the edges of their 02..98 range */
  assert_accepted (cpt_iban_check, "DE98370400440532013032", "DE98370400440532013032");
  assert_accepted (cpt_iban_check, "DE97370400440532013050", "DE97370400440532013050");
}

static void
test_iban_invalid (void)
{
  assert_refused (cpt_iban_check, "", CPT_IDENTIFIER_ERROR_FORMAT, "The IBAN is empty.");
  /* wrong length for the country */
  assert_refused (cpt_iban_check, "FR76300060000112345678901", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A French IBAN has 27 characters; this one has 25.");
  assert_refused (cpt_iban_check, "FR76 3000 6000 0112 3456 7890 1899",
                  CPT_IDENTIFIER_ERROR_FORMAT,
                  "A French IBAN has 27 characters; this one has 28.");
  assert_refused (cpt_iban_check, "DE8937040044053201300", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A German IBAN has 22 characters; this one has 21.");
  assert_refused (cpt_iban_check, "GB82WEST1234569876543", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A British IBAN has 22 characters; this one has 21.");
  assert_refused (cpt_iban_check, "BE685390075470344", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A Belgian IBAN has 16 characters; this one has 17.");
  /* a German IBAN written with a Belgian prefix */
  assert_refused (cpt_iban_check, "BE89370400440532013000", CPT_IDENTIFIER_ERROR_FORMAT, NULL);
  /* countries not in the table: only the general limits */
  assert_refused (cpt_iban_check, "XX12", CPT_IDENTIFIER_ERROR_FORMAT,
                  "An IBAN has at least 5 characters; this one has 4.");
  assert_refused (cpt_iban_check, "XX12" "1234567890" "1234567890" "1234567890" "1", /* 35 */
                  CPT_IDENTIFIER_ERROR_FORMAT,
                  "An IBAN has at most 34 characters; this one has 35.");
  /* shape */
  assert_refused (cpt_iban_check, "7630006000011234567890189", CPT_IDENTIFIER_ERROR_FORMAT,
                  "An IBAN starts with a two-letter country code, such as \"FR\"; "
                  "\"7630006000011234567890189\" does not.");
  assert_refused (cpt_iban_check, "FRXX30006000011234567890189", CPT_IDENTIFIER_ERROR_FORMAT,
                  "An IBAN has 2 check digits after its country code; "
                  "\"FRXX30006000011234567890189\" does not.");
  assert_refused (cpt_iban_check, "FR76/3000/6000/0112/3456/7890/189",
                  CPT_IDENTIFIER_ERROR_FORMAT, NULL);
  assert_refused (cpt_iban_check, "FR76 3000 6000 0112 3456 7890 18é",
                  CPT_IDENTIFIER_ERROR_FORMAT,
                  "An IBAN has only letters and digits; "
                  "\"FR76 3000 6000 0112 3456 7890 18é\" contains \"é\".");
  /* wrong check digits, or a changed digit */
  assert_refused (cpt_iban_check, "FR76 3000 6000 0112 3456 7890 188",
                  CPT_IDENTIFIER_ERROR_CHECKSUM,
                  "The IBAN \"FR76 3000 6000 0112 3456 7890 188\" is not valid: its check "
                  "digits are wrong. Check for a typing mistake.");
  assert_refused (cpt_iban_check, "FR7730006000011234567890189", CPT_IDENTIFIER_ERROR_CHECKSUM,
                  NULL);
  assert_refused (cpt_iban_check, "DE88370400440532013000", CPT_IDENTIFIER_ERROR_CHECKSUM, NULL);
  assert_refused (cpt_iban_check, "GB82WEST12345698765433", CPT_IDENTIFIER_ERROR_CHECKSUM, NULL);
  assert_refused (cpt_iban_check, "BE68539007547043", CPT_IDENTIFIER_ERROR_CHECKSUM, NULL);
  /* 01 and 00 satisfy mod 97 here (98 and 97 are the real ones) but are never issued */
  assert_refused (cpt_iban_check, "DE01370400440532013032", CPT_IDENTIFIER_ERROR_CHECKSUM, NULL);
  assert_refused (cpt_iban_check, "DE00370400440532013050", CPT_IDENTIFIER_ERROR_CHECKSUM, NULL);
}

static void
test_iban_format (void)
{
  struct { const char *iban; const char *expected; } cases[] = {
    { "FR7630006000011234567890189", "FR76 3000 6000 0112 3456 7890 189" },
    { "DE89370400440532013000", "DE89 3704 0044 0532 0130 00" },
    { "GB82WEST12345698765432", "GB82 WEST 1234 5698 7654 32" },
    { "BE68539007547034", "BE68 5390 0754 7034" },
    { "FR76 3000 6000 0112 3456 7890 189", "FR76 3000 6000 0112 3456 7890 189" },
    { "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *formatted = cpt_iban_format (cases[i].iban);

      g_assert_cmpstr (formatted, ==, cases[i].expected);
    }
}

static void
test_bic_valid (void)
{
  assert_accepted (cpt_bic_check, "BNPAFRPPXXX", "BNPAFRPPXXX");
  assert_accepted (cpt_bic_check, "DEUTDEFF", "DEUTDEFF");
  assert_accepted (cpt_bic_check, "bnpa fr pp xxx", "BNPAFRPPXXX");
  assert_accepted (cpt_bic_check, "DEUTDEFF500", "DEUTDEFF500");
  assert_accepted (cpt_bic_check, "CEPAFRPP751", "CEPAFRPP751");
}

static void
test_bic_invalid (void)
{
  assert_refused (cpt_bic_check, "", CPT_IDENTIFIER_ERROR_FORMAT, "The BIC is empty.");
  assert_refused (cpt_bic_check, "BNPAFRP", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A BIC has 8 or 11 characters; \"BNPAFRP\" has 7.");
  assert_refused (cpt_bic_check, "BNPAFRPPXX", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A BIC has 8 or 11 characters; \"BNPAFRPPXX\" has 10.");
  assert_refused (cpt_bic_check, "BNPAFRPPXXXX", CPT_IDENTIFIER_ERROR_FORMAT, NULL);
  assert_refused (cpt_bic_check, "BNP1FRPP", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A BIC starts with 4 letters for the bank; \"BNP1FRPP\" starts with "
                  "\"BNP1\".");
  assert_refused (cpt_bic_check, "BNPA12PP", CPT_IDENTIFIER_ERROR_FORMAT,
                  "In a BIC, the 5th and 6th characters are the country code, 2 letters; "
                  "\"BNPA12PP\" has \"12\".");
  assert_refused (cpt_bic_check, "BNPAFRPP/XX", CPT_IDENTIFIER_ERROR_FORMAT,
                  "A BIC has only letters and digits; \"BNPAFRPP/XX\" contains \"/\".");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/identifiers/error-quark", test_error_quark);
  g_test_add_func ("/identifiers/normalize", test_normalize);
  g_test_add_func ("/identifiers/siren/valid", test_siren_valid);
  g_test_add_func ("/identifiers/siren/invalid", test_siren_invalid);
  g_test_add_func ("/identifiers/siret/valid", test_siret_valid);
  g_test_add_func ("/identifiers/siret/la-poste", test_siret_la_poste);
  g_test_add_func ("/identifiers/siret/invalid", test_siret_invalid);
  g_test_add_func ("/identifiers/vat/valid", test_vat_valid);
  g_test_add_func ("/identifiers/vat/invalid", test_vat_invalid);
  g_test_add_func ("/identifiers/vat/from-siren", test_vat_from_siren);
  g_test_add_func ("/identifiers/iban/valid", test_iban_valid);
  g_test_add_func ("/identifiers/iban/invalid", test_iban_invalid);
  g_test_add_func ("/identifiers/iban/format", test_iban_format);
  g_test_add_func ("/identifiers/bic/valid", test_bic_valid);
  g_test_add_func ("/identifiers/bic/invalid", test_bic_invalid);

  return g_test_run ();
}
