/* test-money.c: parsing, formatting, rounding and splitting of money. */
#include <string.h>

#include "cpt-money.h"

#define NBSP  "\xC2\xA0"      /* U+00A0 NO-BREAK SPACE */
#define NNBSP "\xE2\x80\xAF"  /* U+202F NARROW NO-BREAK SPACE */
#define EURO  "\xE2\x82\xAC"
#define POUND "\xC2\xA3"

/* Parsing with `parse` must give `expected` and no error. */
#define assert_parses(parse, text, expected)                                   \
  G_STMT_START {                                                               \
    g_autoptr(GError) error_ = NULL;                                           \
    gint64 value_ = G_GINT64_CONSTANT (-777);                                  \
    gboolean ok_ = parse ((text), &value_, &error_);                           \
    if (error_ != NULL)                                                        \
      g_test_message ("%s (\"%s\"): %s", #parse, (text), error_->message);     \
    g_assert_no_error (error_);                                                \
    g_assert_true (ok_);                                                       \
    g_assert_cmpint (value_, ==, (expected));                                  \
  } G_STMT_END

/* Parsing with `parse` must fail with `code` and leave the output untouched. */
#define assert_refused(parse, text, code)                                      \
  G_STMT_START {                                                               \
    g_autoptr(GError) error_ = NULL;                                           \
    gint64 value_ = G_GINT64_CONSTANT (-777);                                  \
    gboolean ok_ = parse ((text), &value_, &error_);                           \
    if (ok_)                                                                   \
      g_test_message ("%s (\"%s\") gave %" G_GINT64_FORMAT, #parse,            \
                      (const char *) (text), value_);                          \
    g_assert_false (ok_);                                                      \
    g_assert_error (error_, CPT_MONEY_ERROR, (code));                          \
    g_assert_cmpint (value_, ==, -777);                                        \
  } G_STMT_END

#define assert_string_owned(expression, expected)                              \
  G_STMT_START {                                                               \
    g_autofree char *string_ = (expression);                                   \
    g_assert_cmpstr (string_, ==, (expected));                                 \
  } G_STMT_END

/* cpt_decimal_parse with a fixed number of decimals, shaped like the shorthands */
static gboolean
parse_0 (const char *text, gint64 *out, GError **error)
{
  return cpt_decimal_parse (text, 0, out, error);
}

static void
test_parse_accepts (void)
{
  assert_parses (cpt_money_parse, "1234.5", 123450);
  assert_parses (cpt_money_parse, "1 234,50", 123450);
  assert_parses (cpt_money_parse, "1234,50 " EURO, 123450);
  assert_parses (cpt_money_parse, "1.234,50", 123450);
  assert_parses (cpt_money_parse, "1,234.50", 123450);
  assert_parses (cpt_money_parse, EURO " 12", 1200);
  assert_parses (cpt_money_parse, "-3,5", -350);
  assert_parses (cpt_money_parse, "0", 0);
  assert_parses (cpt_money_parse, "-0", 0);
  assert_parses (cpt_money_parse, "+12", 1200);
  assert_parses (cpt_money_parse, "007", 700);
  assert_parses (cpt_money_parse, "0.05", 5);
  assert_parses (cpt_money_parse, "-0,01", -1);
  assert_parses (cpt_money_parse, ".5", 50);
  assert_parses (cpt_money_parse, "5,", 500);
  assert_parses (cpt_money_parse, "1 234 567,89", 123456789);
  assert_parses (cpt_money_parse, "1.234.567,89", 123456789);
  assert_parses (cpt_money_parse, "1,234,567.89", 123456789);
  /* one separator used several times can only be grouping */
  assert_parses (cpt_money_parse, "1,234,567", 123456700);
  assert_parses (cpt_money_parse, "1.234.567", 123456700);
  /* Swiss grouping */
  assert_parses (cpt_money_parse, "1'234.50", 123450);
  assert_parses (cpt_money_parse, "1\xE2\x80\x99" "234,50", 123450);
  /* U+2212 MINUS SIGN */
  assert_parses (cpt_money_parse, "\xE2\x88\x92" "12,50", -1250);
}

static void
test_parse_blanks (void)
{
  assert_parses (cpt_money_parse, "1" NBSP "234,50", 123450);
  assert_parses (cpt_money_parse, "1" NNBSP "234,50", 123450);
  assert_parses (cpt_money_parse, "1" NNBSP "234" NNBSP "567,89" NBSP EURO, 123456789);
  assert_parses (cpt_money_parse, "1\xE2\x80\x89" "234,50", 123450); /* U+2009 */
  assert_parses (cpt_money_parse, "  12  ", 1200);
  assert_parses (cpt_money_parse, "\t12,30\n", 1230);
  assert_parses (cpt_money_parse, NBSP "12" NBSP, 1200);
}

static void
test_parse_currency (void)
{
  assert_parses (cpt_money_parse, "12" EURO, 1200);
  assert_parses (cpt_money_parse, EURO "12", 1200);
  assert_parses (cpt_money_parse, "12 EUR", 1200);
  assert_parses (cpt_money_parse, "EUR 12", 1200);
  assert_parses (cpt_money_parse, "12 eur", 1200);
  assert_parses (cpt_money_parse, "$12.00", 1200);
  assert_parses (cpt_money_parse, POUND "3.5", 350);
  assert_parses (cpt_money_parse, "CHF 1'234.50", 123450);
  assert_parses (cpt_money_parse, "-" EURO "1,234.56", -123456);
  assert_parses (cpt_money_parse, EURO "-1,234.56", -123456);
  assert_parses (cpt_money_parse, EURO " -12", -1200);
  assert_parses (cpt_money_parse, "- 12 " EURO, -1200);
  assert_parses (cpt_money_parse, "-1 234,56 " EURO, -123456);
}

static void
test_parse_refuses (void)
{
  assert_refused (cpt_money_parse, "12,3.4", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "1e5", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "1E-5", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, NULL, CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "   ", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "abc", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "1,2,3", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "12.345", CPT_MONEY_ERROR_PRECISION);
  assert_refused (cpt_money_parse, "0.005", CPT_MONEY_ERROR_PRECISION);
  /* a single separator is decimal: "1,234" is 1.234, too precise for money */
  assert_refused (cpt_money_parse, "1,234", CPT_MONEY_ERROR_PRECISION);
  /* trailing zeros are not dropped: "12.500" may be a German 12 500 */
  assert_refused (cpt_money_parse, "12.500", CPT_MONEY_ERROR_PRECISION);
  assert_refused (cpt_money_parse, "99999999999999999999", CPT_MONEY_ERROR_OVERFLOW);
  assert_refused (cpt_money_parse, "-99999999999999999999", CPT_MONEY_ERROR_OVERFLOW);
  assert_refused (cpt_money_parse, "--1", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "+-1", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "-" EURO "-1", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "1-2", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "12-", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "1 23,00", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "1234 567", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "1  234", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "12 " EURO EURO, CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, EURO "12" EURO, CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "12 EUR $", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, EURO, CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "-", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, ",", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "12..5", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, ",234.5", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "1,234.5,6", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "1.2.3,4", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "1 234.567,89", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "1 2.345,67", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "1'234 567", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "1,234 567.00", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "1,234 56", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "0x10", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "12 kg", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "12 EURO", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "12 %", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "(12)", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_money_parse, "\xFF" "12", CPT_MONEY_ERROR_INVALID);
}

static void
test_parse_messages (void)
{
  struct { const char *text; const char *message; } cases[] = {
    { "12,3.4", "\"12,3.4\" is not an amount: use one decimal separator, like 1234.50 or 1 234,50" },
    { "12.345", "\"12.345\" has too many decimals for an amount: use at most 2" },
    { "1e5", "\"1e5\" is not an amount: write the number in full, without an exponent, like 100000" },
    { "--1", "\"--1\" is not an amount: put a single minus sign before the number, like -3,50" },
    { "12 " EURO EURO, "\"12 " EURO EURO "\" is not an amount: write the currency once, like 12 " EURO },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (cpt_money_parse (cases[i].text, NULL, &error));
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* every message quotes the input and names what was expected */
  {
    const char *texts[] = { "", "abc", "1,2,3", "1 23,00", "99999999999999999999" };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *quoted = g_strdup_printf ("\"%s\"", texts[i]);

        g_assert_false (cpt_money_parse (texts[i], NULL, &error));
        g_assert_nonnull (error);
        g_assert_true (g_str_has_prefix (error->message, quoted));
        g_assert_true (g_utf8_validate (error->message, -1, NULL));
      }
  }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (cpt_money_parse ("99999999999999999999", NULL, &error));
    g_assert_nonnull (strstr (error->message, "100000000000"));
  }

  /* invalid UTF-8 is still quoted as valid text */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (cpt_money_parse ("12\xFF", NULL, &error));
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
  }

  /* the noun follows the field */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (cpt_quantity_parse ("1.2345", NULL, &error));
    g_assert_cmpstr (error->message, ==, "\"1.2345\" has too many decimals for a quantity: use at most 3");
  }
}

static void
test_parse_limits (void)
{
  /* CPT_MONEY_MAX_AMOUNT is the largest value accepted, in the field's own unit */
  assert_parses (cpt_money_parse, "100000000000", CPT_MONEY_MAX_AMOUNT);
  assert_parses (cpt_money_parse, "100 000 000 000,00", CPT_MONEY_MAX_AMOUNT);
  assert_parses (cpt_money_parse, "-100000000000", -CPT_MONEY_MAX_AMOUNT);
  assert_parses (cpt_money_parse, "99999999999.99", CPT_MONEY_MAX_AMOUNT - 1);
  assert_refused (cpt_money_parse, "100000000000.01", CPT_MONEY_ERROR_OVERFLOW);
  assert_refused (cpt_money_parse, "-100000000000.01", CPT_MONEY_ERROR_OVERFLOW);
  assert_refused (cpt_money_parse, "100000000001", CPT_MONEY_ERROR_OVERFLOW);
  assert_refused (cpt_money_parse, "9223372036854775808", CPT_MONEY_ERROR_OVERFLOW);
  assert_refused (cpt_money_parse,
                  "1000000000000000000000000000000000000000000000000000000000000",
                  CPT_MONEY_ERROR_OVERFLOW);
  assert_parses (cpt_money_parse, "0000000000000000000000000000000000012", 1200);

  assert_parses (cpt_unit_price_parse, "1000000000", CPT_MONEY_MAX_AMOUNT);
  assert_refused (cpt_unit_price_parse, "1000000000.0001", CPT_MONEY_ERROR_OVERFLOW);
  assert_parses (cpt_quantity_parse, "10000000000", CPT_MONEY_MAX_AMOUNT);
  assert_refused (cpt_quantity_parse, "10000000000.001", CPT_MONEY_ERROR_OVERFLOW);
}

static void
test_parse_quantity (void)
{
  assert_parses (cpt_quantity_parse, "1.5", 1500);
  assert_parses (cpt_quantity_parse, "1,5", 1500);
  assert_parses (cpt_quantity_parse, "2", 2000);
  assert_parses (cpt_quantity_parse, "0.125", 125);
  assert_parses (cpt_quantity_parse, "-1", -1000);
  assert_parses (cpt_quantity_parse, "1,234", 1234);
  assert_parses (cpt_quantity_parse, "1 234,5", 1234500);
  assert_refused (cpt_quantity_parse, "1.2345", CPT_MONEY_ERROR_PRECISION);
  assert_refused (cpt_quantity_parse, "1,5 h", CPT_MONEY_ERROR_INVALID);

  assert_parses (parse_0, "12", 12);
  assert_parses (parse_0, "1,234,567", 1234567);
  assert_refused (parse_0, "1.5", CPT_MONEY_ERROR_PRECISION);
  assert_parses (parse_0, "1,", 1);
  assert_refused (parse_0, "99999999999999", CPT_MONEY_ERROR_OVERFLOW);
}

static void
test_parse_unit_price (void)
{
  assert_parses (cpt_unit_price_parse, "33.3333", 333333);
  assert_parses (cpt_unit_price_parse, "0.005", 50);
  assert_parses (cpt_unit_price_parse, "12.5", 125000);
  assert_parses (cpt_unit_price_parse, "1 234,5678 " EURO, 12345678);
  assert_parses (cpt_unit_price_parse, "-0,0001", -1);
  assert_refused (cpt_unit_price_parse, "1.23456", CPT_MONEY_ERROR_PRECISION);
}

static void
test_parse_percent (void)
{
  assert_parses (cpt_percent_parse, "20", 2000);
  assert_parses (cpt_percent_parse, "5,5", 550);
  assert_parses (cpt_percent_parse, "5.5 %", 550);
  assert_parses (cpt_percent_parse, "2.1%", 210);
  assert_parses (cpt_percent_parse, "5,5" NNBSP "%", 550);
  assert_parses (cpt_percent_parse, "0", 0);
  assert_parses (cpt_percent_parse, "100", 10000);
  assert_parses (cpt_percent_parse, "8,50", 850);
  assert_refused (cpt_percent_parse, "100.01", CPT_MONEY_ERROR_RANGE);
  assert_refused (cpt_percent_parse, "-5", CPT_MONEY_ERROR_RANGE);
  assert_refused (cpt_percent_parse, "150 %", CPT_MONEY_ERROR_RANGE);
  assert_refused (cpt_percent_parse, "5.555", CPT_MONEY_ERROR_PRECISION);
  assert_refused (cpt_percent_parse, "99999999999999999999", CPT_MONEY_ERROR_OVERFLOW);
  assert_refused (cpt_percent_parse, "5 " EURO, CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_percent_parse, "5 % %", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_percent_parse, "%", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_percent_parse, "%5", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_percent_parse, "abc", CPT_MONEY_ERROR_INVALID);
  assert_refused (cpt_percent_parse, "", CPT_MONEY_ERROR_INVALID);

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (cpt_percent_parse ("150 %", NULL, &error));
    g_assert_cmpstr (error->message, ==, "\"150 %\" is not a percentage between 0 and 100");
  }
}

static void
test_to_string (void)
{
  assert_string_owned (cpt_decimal_to_string (-123450, 2, 2), "-1234.50");
  assert_string_owned (cpt_decimal_to_string (123450, 2, 0), "1234.5");
  assert_string_owned (cpt_decimal_to_string (123400, 2, 0), "1234");
  assert_string_owned (cpt_decimal_to_string (123400, 2, 1), "1234.0");
  assert_string_owned (cpt_decimal_to_string (5, 2, 2), "0.05");
  assert_string_owned (cpt_decimal_to_string (-5, 2, 2), "-0.05");
  assert_string_owned (cpt_decimal_to_string (0, 2, 2), "0.00");
  assert_string_owned (cpt_decimal_to_string (0, 2, 0), "0");
  assert_string_owned (cpt_decimal_to_string (12, 0, 0), "12");
  assert_string_owned (cpt_decimal_to_string (-12, 0, 0), "-12");
  assert_string_owned (cpt_decimal_to_string (5, 2, 9), "0.05");
  assert_string_owned (cpt_decimal_to_string (G_MAXINT64, 2, 2), "92233720368547758.07");
  assert_string_owned (cpt_decimal_to_string (G_MININT64, 2, 2), "-92233720368547758.08");
  assert_string_owned (cpt_decimal_to_string (1, 20, 0), "0.00000000000000000001");

  assert_string_owned (cpt_money_to_string (123450), "1234.50");
  assert_string_owned (cpt_money_to_string (-1), "-0.01");
  assert_string_owned (cpt_money_to_string (100), "1.00");
  assert_string_owned (cpt_quantity_to_string (1500), "1.5");
  assert_string_owned (cpt_quantity_to_string (2000), "2");
  assert_string_owned (cpt_quantity_to_string (125), "0.125");
  assert_string_owned (cpt_quantity_to_string (-1), "-0.001");
  assert_string_owned (cpt_unit_price_to_string (125000), "12.50");
  assert_string_owned (cpt_unit_price_to_string (1234), "0.1234");
  assert_string_owned (cpt_unit_price_to_string (333333), "33.3333");
  assert_string_owned (cpt_unit_price_to_string (10), "0.001");
  assert_string_owned (cpt_unit_price_to_string (0), "0.00");
  assert_string_owned (cpt_percent_to_string (2000), "20");
  assert_string_owned (cpt_percent_to_string (550), "5.5");
  assert_string_owned (cpt_percent_to_string (210), "2.1");
  assert_string_owned (cpt_percent_to_string (5), "0.05");
}

static void
test_to_string_round_trip (void)
{
  const gint64 values[] = {
    0, 1, -1, 5, -5, 99, 100, 123450, -123450, 100000, 333333, 10000000,
    CPT_MONEY_MAX_AMOUNT, -CPT_MONEY_MAX_AMOUNT, CPT_MONEY_MAX_AMOUNT - 1,
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *money = cpt_money_to_string (values[i]);
      g_autofree char *quantity = cpt_quantity_to_string (values[i]);
      g_autofree char *price = cpt_unit_price_to_string (values[i]);

      assert_parses (cpt_money_parse, money, values[i]);
      assert_parses (cpt_quantity_parse, quantity, values[i]);
      assert_parses (cpt_unit_price_parse, price, values[i]);
    }

  for (gint64 rate = 0; rate <= 10000; rate++)
    {
      g_autofree char *percent = cpt_percent_to_string (rate);

      assert_parses (cpt_percent_parse, percent, rate);
    }

  for (guint i = 0; i < 2000; i++)
    {
      gint64 value = (gint64) g_test_rand_int () * g_test_rand_int_range (0, 2329) *
                     (g_test_rand_bit () ? 1 : -1);
      g_autofree char *money = cpt_money_to_string (value);

      g_assert_cmpint (ABS (value), <=, CPT_MONEY_MAX_AMOUNT);
      assert_parses (cpt_money_parse, money, value);
    }
}

static void
test_format_fr (void)
{
  assert_string_owned (cpt_money_format (123456, "EUR", "fr"), "1" NNBSP "234,56" NBSP EURO);
  assert_string_owned (cpt_money_format (-123456, "EUR", "fr"), "-1" NNBSP "234,56" NBSP EURO);
  assert_string_owned (cpt_money_format (0, "EUR", "fr"), "0,00" NBSP EURO);
  assert_string_owned (cpt_money_format (5, "EUR", "fr"), "0,05" NBSP EURO);
  assert_string_owned (cpt_money_format (-5, "EUR", "fr"), "-0,05" NBSP EURO);
  assert_string_owned (cpt_money_format (100, "EUR", "fr"), "1,00" NBSP EURO);
  assert_string_owned (cpt_money_format (99999, "EUR", "fr"), "999,99" NBSP EURO);
  assert_string_owned (cpt_money_format (100000, "EUR", "fr"), "1" NNBSP "000,00" NBSP EURO);
  assert_string_owned (cpt_money_format (CPT_MONEY_MAX_AMOUNT, "EUR", "fr"),
                       "100" NNBSP "000" NNBSP "000" NNBSP "000,00" NBSP EURO);
  assert_string_owned (cpt_money_format (G_MAXINT64, "EUR", "fr"),
                       "92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,07" NBSP EURO);
  assert_string_owned (cpt_money_format (G_MININT64, "EUR", "fr"),
                       "-92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,08" NBSP EURO);
  /* locale names and a missing currency */
  assert_string_owned (cpt_money_format (123456, "EUR", "fr_FR.UTF-8"), "1" NNBSP "234,56" NBSP EURO);
  assert_string_owned (cpt_money_format (123456, "EUR", "fr-CA"), "1" NNBSP "234,56" NBSP EURO);
  assert_string_owned (cpt_money_format (123456, NULL, "fr"), "1" NNBSP "234,56" NBSP EURO);

  /* exact bytes, so that nobody "simplifies" the spaces */
  {
    g_autofree char *text = cpt_money_format (123456, "EUR", "fr");
    const char expected[] = { '1', (char) 0xE2, (char) 0x80, (char) 0xAF, '2', '3', '4', ',', '5', '6',
                              (char) 0xC2, (char) 0xA0, (char) 0xE2, (char) 0x82, (char) 0xAC, '\0' };

    g_assert_cmpmem (text, strlen (text) + 1, expected, sizeof expected);
  }
}

static void
test_format_en (void)
{
  assert_string_owned (cpt_money_format (123456, "EUR", "en"), EURO "1,234.56");
  assert_string_owned (cpt_money_format (-123456, "EUR", "en"), "-" EURO "1,234.56");
  assert_string_owned (cpt_money_format (0, "EUR", "en"), EURO "0.00");
  assert_string_owned (cpt_money_format (5, "EUR", "en"), EURO "0.05");
  assert_string_owned (cpt_money_format (100000000, "EUR", "en"), EURO "1,000,000.00");
  assert_string_owned (cpt_money_format (CPT_MONEY_MAX_AMOUNT, "EUR", "en"), EURO "100,000,000,000.00");
  /* anything but French is English */
  assert_string_owned (cpt_money_format (123456, "EUR", NULL), EURO "1,234.56");
  assert_string_owned (cpt_money_format (123456, "EUR", "de"), EURO "1,234.56");
  assert_string_owned (cpt_money_format (123456, "EUR", "fry"), EURO "1,234.56");
  assert_string_owned (cpt_money_format (123456, "EUR", ""), EURO "1,234.56");
}

static void
test_format_currencies (void)
{
  assert_string_owned (cpt_money_format (123456, "USD", "en"), "$1,234.56");
  assert_string_owned (cpt_money_format (123456, "USD", "fr"), "1" NNBSP "234,56" NBSP "$");
  assert_string_owned (cpt_money_format (-123456, "USD", "en"), "-$1,234.56");
  assert_string_owned (cpt_money_format (123456, "GBP", "en"), POUND "1,234.56");
  assert_string_owned (cpt_money_format (123456, "GBP", "fr"), "1" NNBSP "234,56" NBSP POUND);
  assert_string_owned (cpt_money_format (123456, "CHF", "en"), "CHF" NBSP "1,234.56");
  assert_string_owned (cpt_money_format (-123456, "CHF", "en"), "-CHF" NBSP "1,234.56");
  assert_string_owned (cpt_money_format (123456, "CHF", "fr"), "1" NNBSP "234,56" NBSP "CHF");
  /* other codes as written, minor unit still taken as 2 decimals */
  assert_string_owned (cpt_money_format (123456, "JPY", "en"), "JPY" NBSP "1,234.56");
  assert_string_owned (cpt_money_format (123456, "JPY", "fr"), "1" NNBSP "234,56" NBSP "JPY");
  assert_string_owned (cpt_money_format (123456, "usd", "en"), "$1,234.56");
  assert_string_owned (cpt_money_format (123456, "jpy", "en"), "JPY" NBSP "1,234.56");
}

static void
test_format_decimal (void)
{
  assert_string_owned (cpt_decimal_format (12345, 1, 0, "fr"), "1" NNBSP "234,5");
  assert_string_owned (cpt_decimal_format (12345, 1, 0, "en"), "1,234.5");
  assert_string_owned (cpt_decimal_format (1500, 3, 0, "fr"), "1,5");
  assert_string_owned (cpt_decimal_format (2000, 3, 0, "en"), "2");
  assert_string_owned (cpt_decimal_format (-1234567, 3, 0, "fr"), "-1" NNBSP "234,567");
  assert_string_owned (cpt_decimal_format (550, 2, 0, "fr"), "5,5");
  assert_string_owned (cpt_decimal_format (0, 2, 2, "en"), "0.00");
  assert_string_owned (cpt_decimal_format (1234567, 0, 0, "en"), "1,234,567");
  assert_string_owned (cpt_decimal_format (123, 0, 0, "fr"), "123");
  assert_string_owned (cpt_decimal_format (123456, 0, 0, "fr"), "123" NNBSP "456");
}

static void
test_format_round_trip (void)
{
  const gint64 values[] = { 0, 5, -5, 123456, -123456, 100000, CPT_MONEY_MAX_AMOUNT };
  const char *currencies[] = { "EUR", "USD", "GBP", "CHF" };
  const char *languages[] = { "fr", "en" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    for (guint c = 0; c < G_N_ELEMENTS (currencies); c++)
      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        {
          g_autofree char *text = cpt_money_format (values[i], currencies[c], languages[l]);

          assert_parses (cpt_money_parse, text, values[i]);
        }

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      {
        g_autofree char *text = cpt_decimal_format (values[i], 3, 0, languages[l]);

        assert_parses (cpt_quantity_parse, text, values[i]);
      }
}

static void
test_round_half_away (void)
{
  /* 0.005 -> 0.01 and -0.005 -> -0.01, in tenths of a cent */
  g_assert_cmpint (cpt_round_div (5, 10), ==, 1);
  g_assert_cmpint (cpt_round_div (-5, 10), ==, -1);
  g_assert_cmpint (cpt_round_div (4, 10), ==, 0);
  g_assert_cmpint (cpt_round_div (-4, 10), ==, 0);
  g_assert_cmpint (cpt_round_div (14, 10), ==, 1);
  g_assert_cmpint (cpt_round_div (15, 10), ==, 2);
  g_assert_cmpint (cpt_round_div (-15, 10), ==, -2);
  g_assert_cmpint (cpt_round_div (25, 10), ==, 3);   /* not to even */
  g_assert_cmpint (cpt_round_div (-25, 10), ==, -3);
  g_assert_cmpint (cpt_round_div (-16, 10), ==, -2);
  g_assert_cmpint (cpt_round_div (0, 7), ==, 0);
  g_assert_cmpint (cpt_round_div (10, 3), ==, 3);
  g_assert_cmpint (cpt_round_div (11, 3), ==, 4);
  g_assert_cmpint (cpt_round_div (-11, 3), ==, -4);
  g_assert_cmpint (cpt_round_div (1, 2), ==, 1);
  g_assert_cmpint (cpt_round_div (-1, 2), ==, -1);
  g_assert_cmpint (cpt_round_div (1, 3), ==, 0);
  g_assert_cmpint (cpt_round_div (7, 1), ==, 7);
}

static void
test_round_extremes (void)
{
  g_assert_cmpint (cpt_round_div (G_MAXINT64, 1), ==, G_MAXINT64);
  g_assert_cmpint (cpt_round_div (G_MININT64, 1), ==, G_MININT64);
  g_assert_cmpint (cpt_round_div (G_MAXINT64, 2), ==, G_GINT64_CONSTANT (4611686018427387904));
  g_assert_cmpint (cpt_round_div (G_MININT64, 2), ==, G_GINT64_CONSTANT (-4611686018427387904));
  g_assert_cmpint (cpt_round_div (G_MININT64 + 1, 2), ==, G_GINT64_CONSTANT (-4611686018427387904));
  g_assert_cmpint (cpt_round_div (G_MAXINT64, G_MAXINT64), ==, 1);
  g_assert_cmpint (cpt_round_div (G_MININT64, G_MAXINT64), ==, -1);
  g_assert_cmpint (cpt_round_div (G_MAXINT64 / 2, G_MAXINT64), ==, 0);
  g_assert_cmpint (cpt_round_div (G_MAXINT64 / 2 + 1, G_MAXINT64), ==, 1);
}

static void
test_line_net_simple (void)
{
  g_autoptr(GError) error = NULL;
  gint64 net = -777;

  /* 1 x 12.50 */
  g_assert_true (cpt_line_net (1000, 125000, 0, &net, &error));
  g_assert_no_error (error);
  g_assert_cmpint (net, ==, 1250);

  /* 2.5 x 3.3333 = 8.33325 */
  g_assert_true (cpt_line_net (2500, 33333, 0, &net, &error));
  g_assert_cmpint (net, ==, 833);
  g_assert_cmpint (cpt_line_gross_rounded (2500, 33333), ==, 833);

  /* half a cent, both signs, from either factor */
  g_assert_true (cpt_line_net (1000, 50, 0, &net, &error));
  g_assert_cmpint (net, ==, 1);
  g_assert_true (cpt_line_net (-1000, 50, 0, &net, &error));
  g_assert_cmpint (net, ==, -1);
  g_assert_true (cpt_line_net (1000, -50, 0, &net, &error));
  g_assert_cmpint (net, ==, -1);
  g_assert_true (cpt_line_net (1000, 49, 0, &net, &error));
  g_assert_cmpint (net, ==, 0);

  /* a credit line */
  g_assert_true (cpt_line_net (-2000, 125000, 0, &net, &error));
  g_assert_cmpint (net, ==, -2500);

  /* rounding happens once, on the product: 3 x 0.3333 is 1.00 (not 3 x 0.33) */
  g_assert_true (cpt_line_net (3000, 3333, 0, &net, &error));
  g_assert_cmpint (net, ==, 100);

  g_assert_true (cpt_line_net (0, 125000, 0, &net, &error));
  g_assert_cmpint (net, ==, 0);
  g_assert_true (cpt_line_net (1000, 125000, 0, NULL, &error));
  g_assert_no_error (error);
}

static void
test_line_net_discount (void)
{
  g_autoptr(GError) error = NULL;
  gint64 net = -777;

  /* 3 x 33.3333 = 99.9999, 10 % off = 89.99991 */
  g_assert_true (cpt_line_net (3000, 333333, 1000, &net, &error));
  g_assert_no_error (error);
  g_assert_cmpint (net, ==, 9000);
  g_assert_cmpint (cpt_line_gross_rounded (3000, 333333), ==, 10000);
  g_assert_cmpint (cpt_line_gross_rounded (3000, 333333) - net, ==, 1000);
  /* 3 x 33.3333 = 99.9999, 12.5 % off = 87.4999125 -> 87.50; discounting and rounding
   * each unit would give 3 x round(29.1666375) = 87.51 */
  g_assert_true (cpt_line_net (3000, 333333, 1250, &net, &error));
  g_assert_cmpint (net, ==, 8750);
  /* 3 x 33.3333 = 99.9999, 33.33 % off = 66.66993333 -> 66.67 */
  g_assert_true (cpt_line_net (3000, 333333, 3333, &net, &error));
  g_assert_cmpint (net, ==, 6667);
  g_assert_true (cpt_line_net (3000, 333333, 0, &net, &error));
  g_assert_cmpint (net, ==, 10000);

  /* 1.5 x 1.2345 = 1.85175, 2.5 % off = 1.80545625 -> 1.81; rounding the gross first
   * would give round(1.85 x 0.975) = round(1.80375) = 1.80 */
  g_assert_true (cpt_line_net (1500, 12345, 250, &net, &error));
  g_assert_cmpint (net, ==, 181);
  g_assert_cmpint (cpt_line_gross_rounded (1500, 12345), ==, 185);

  /* half off 1.05 = 0.525, both signs */
  g_assert_true (cpt_line_net (1000, 10500, 5000, &net, &error));
  g_assert_cmpint (net, ==, 53);
  g_assert_true (cpt_line_net (-1000, 10500, 5000, &net, &error));
  g_assert_cmpint (net, ==, -53);

  g_assert_true (cpt_line_net (1000, 10000, 1000, &net, &error));
  g_assert_cmpint (net, ==, 90);

  /* everything off */
  g_assert_true (cpt_line_net (1000, 10000, 10000, &net, &error));
  g_assert_cmpint (net, ==, 0);
  g_assert_cmpint (cpt_line_gross_rounded (1000, 10000), ==, 100);
}

static void
test_line_net_refuses (void)
{
  gint64 net = -777;

  {
    g_autoptr(GError) error = NULL;

    g_assert_true (cpt_line_net (1000, G_GINT64_CONSTANT (1000000000000000), 0, &net, &error));
    g_assert_no_error (error);
    g_assert_cmpint (net, ==, CPT_MONEY_MAX_AMOUNT);
    g_assert_true (cpt_line_net (-1000, G_GINT64_CONSTANT (1000000000000000), 0, &net, &error));
    g_assert_cmpint (net, ==, -CPT_MONEY_MAX_AMOUNT);
    net = -777;
  }

  {
    const struct { gint64 quantity, price, discount; } cases[] = {
      { 1000, G_GINT64_CONSTANT (1000000000000100), 0 },   /* MAX + 1 */
      { -1000, G_GINT64_CONSTANT (1000000000000100), 0 },
      { 1000, G_GINT64_CONSTANT (1000000000001000), 0 },
      { -1000, G_GINT64_CONSTANT (1000000000001000), 0 },
      { G_GINT64_CONSTANT (10000000000000), G_GINT64_CONSTANT (10000000000000), 0 },
      { G_MAXINT64, G_MAXINT64, 0 },
      { G_MAXINT64, G_MAXINT64, 9999 },
      { G_MININT64, G_MAXINT64, 5000 },
      { G_MININT64, G_MININT64, 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_false (cpt_line_net (cases[i].quantity, cases[i].price, cases[i].discount,
                                      &net, &error));
        g_assert_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_OVERFLOW);
        g_assert_cmpint (net, ==, -777);
      }
  }

  {
    g_autoptr(GError) error = NULL;

    /* a full discount of anything is zero */
    g_assert_true (cpt_line_net (G_MAXINT64, G_MAXINT64, 10000, &net, &error));
    g_assert_no_error (error);
    g_assert_cmpint (net, ==, 0);
    net = -777;
  }

  {
    const gint64 discounts[] = { -1, 10001, G_MININT64, G_MAXINT64 };

    for (guint i = 0; i < G_N_ELEMENTS (discounts); i++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_false (cpt_line_net (1000, 10000, discounts[i], &net, &error));
        g_assert_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_RANGE);
        g_assert_cmpint (net, ==, -777);
      }
  }

  /* no error argument to report with: saturate */
  g_assert_cmpint (cpt_line_gross_rounded (G_MAXINT64, G_MAXINT64), ==, G_MAXINT64);
  g_assert_cmpint (cpt_line_gross_rounded (G_MININT64, G_MAXINT64), ==, G_MININT64);
}

static void
test_vat_rates (void)
{
  /* 1.09 at 5.5 % = 0.05995 */
  g_assert_cmpint (cpt_vat_amount (109, 550), ==, 6);
  g_assert_cmpint (cpt_vat_amount (-109, 550), ==, -6);
  /* 0.10 at 2.1 % = 0.0021 */
  g_assert_cmpint (cpt_vat_amount (10, 210), ==, 0);
  g_assert_cmpint (cpt_vat_amount (-10, 210), ==, 0);
  /* half cents: 0.10 at 5 % = 0.005 */
  g_assert_cmpint (cpt_vat_amount (10, 500), ==, 1);
  g_assert_cmpint (cpt_vat_amount (-10, 500), ==, -1);
  g_assert_cmpint (cpt_vat_amount (1, 5000), ==, 1);
  g_assert_cmpint (cpt_vat_amount (-1, 5000), ==, -1);
  /* 20 % */
  g_assert_cmpint (cpt_vat_amount (10000, 2000), ==, 2000);
  g_assert_cmpint (cpt_vat_amount (12346, 2000), ==, 2469);   /* 24.692 */
  g_assert_cmpint (cpt_vat_amount (12348, 2000), ==, 2470);   /* 24.696 */
  g_assert_cmpint (cpt_vat_amount (12347, 2000), ==, 2469);   /* 24.694 */
  g_assert_cmpint (cpt_vat_amount (12345, 2000), ==, 2469);   /* 24.69 exactly */
  /* 10 %, 8.5 % (DOM) */
  g_assert_cmpint (cpt_vat_amount (9095, 1000), ==, 910);     /* 9.095 */
  g_assert_cmpint (cpt_vat_amount (3333, 850), ==, 283);      /* 2.83305 */
  g_assert_cmpint (cpt_vat_amount (10000, 550), ==, 550);
  g_assert_cmpint (cpt_vat_amount (0, 2000), ==, 0);
  g_assert_cmpint (cpt_vat_amount (100, 0), ==, 0);
  g_assert_cmpint (cpt_vat_amount (CPT_MONEY_MAX_AMOUNT, 10000), ==, CPT_MONEY_MAX_AMOUNT);
  g_assert_cmpint (cpt_vat_amount (G_MAXINT64, 2000), ==, G_GINT64_CONSTANT (1844674407370955161));
  g_assert_cmpint (cpt_vat_amount (G_MAXINT64, 20000), ==, G_MAXINT64);
}

static void
test_percent_of (void)
{
  g_assert_cmpint (cpt_percent_of (10000, 3000), ==, 3000);
  g_assert_cmpint (cpt_percent_of (999, 3333), ==, 333);      /* 3.329667 */
  g_assert_cmpint (cpt_percent_of (-999, 3333), ==, -333);
  g_assert_cmpint (cpt_percent_of (1, 5000), ==, 1);
  g_assert_cmpint (cpt_percent_of (-1, 5000), ==, -1);
  g_assert_cmpint (cpt_percent_of (12345, 10000), ==, 12345);
  g_assert_cmpint (cpt_percent_of (12345, 0), ==, 0);
}

static void
assert_split (gint64        total,
              const gint64 *weights,
              guint         n,
              const gint64 *expected)
{
  g_autofree gint64 *parts = g_new (gint64, n);
  gint64 sum = 0;

  for (guint i = 0; i < n; i++)
    parts[i] = -777;

  cpt_split_proportional (total, weights, n, parts);

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (parts[i], ==, expected[i]);
      sum += parts[i];
    }
  g_assert_cmpint (sum, ==, total);
}

static void
test_split_exact (void)
{
  assert_split (10000, (gint64[]) { 1, 1, 1 }, 3, (gint64[]) { 3334, 3333, 3333 });
  assert_split (100, (gint64[]) { 2, 1 }, 2, (gint64[]) { 67, 33 });
  /* ties go to the earlier part */
  assert_split (2, (gint64[]) { 1, 1, 1 }, 3, (gint64[]) { 1, 1, 0 });
  /* the largest remainder wins, not the earlier part */
  assert_split (1, (gint64[]) { 1, 2 }, 2, (gint64[]) { 0, 1 });
  assert_split (1000, (gint64[]) { 1, 2, 3, 4 }, 4, (gint64[]) { 100, 200, 300, 400 });
  /* a deposit of 300.00 over bases 1000.00 / 50.00 / 3.33: 284.811..., 14.240..., 0.948... */
  assert_split (30000, (gint64[]) { 100000, 5000, 333 }, 3, (gint64[]) { 28481, 1424, 95 });
  assert_split (0, (gint64[]) { 1, 2, 3 }, 3, (gint64[]) { 0, 0, 0 });
  assert_split (12345, (gint64[]) { 7 }, 1, (gint64[]) { 12345 });
  assert_split (G_GINT64_CONSTANT (10000000000000),
                (gint64[]) { G_MAXINT64, G_MAXINT64, 1 }, 3,
                (gint64[]) { G_GINT64_CONSTANT (5000000000000), G_GINT64_CONSTANT (5000000000000), 0 });
  assert_split (G_MAXINT64, (gint64[]) { 1, 1 }, 2,
                (gint64[]) { G_GINT64_CONSTANT (4611686018427387904), G_GINT64_CONSTANT (4611686018427387903) });
}

static void
test_split_negative (void)
{
  assert_split (-10000, (gint64[]) { 1, 1, 1 }, 3, (gint64[]) { -3334, -3333, -3333 });
  assert_split (-100, (gint64[]) { 2, 1 }, 2, (gint64[]) { -67, -33 });
  /* negative weights (credit note bases) */
  assert_split (1000, (gint64[]) { -1, -1, -2 }, 3, (gint64[]) { 250, 250, 500 });
  assert_split (-1, (gint64[]) { -1, -2 }, 2, (gint64[]) { 0, -1 });
  assert_split (-10000, (gint64[]) { -1, -1, -1 }, 3, (gint64[]) { -3334, -3333, -3333 });
  assert_split (G_MININT64, (gint64[]) { 1 }, 1, (gint64[]) { G_MININT64 });
  assert_split (G_MININT64, (gint64[]) { 1, 1 }, 2,
                (gint64[]) { G_GINT64_CONSTANT (-4611686018427387904), G_GINT64_CONSTANT (-4611686018427387904) });
}

static void
test_split_zero_weights (void)
{
  assert_split (500, (gint64[]) { 0, 0, 0 }, 3, (gint64[]) { 500, 0, 0 });
  assert_split (-500, (gint64[]) { 0, 0 }, 2, (gint64[]) { -500, 0 });
  assert_split (500, (gint64[]) { 0, 1, 0 }, 3, (gint64[]) { 0, 500, 0 });
  /* 3.75 and 1.25: the zero weights get nothing even with cents left over */
  assert_split (5, (gint64[]) { 0, 3, 0, 1 }, 4, (gint64[]) { 0, 4, 0, 1 });
  assert_split (500, (gint64[]) { 0 }, 1, (gint64[]) { 500 });
}

static void
test_split_random (void)
{
  for (guint round = 0; round < 2000; round++)
    {
      guint n = g_test_rand_int_range (1, 21);
      g_autofree gint64 *weights = g_new (gint64, n);
      g_autofree gint64 *parts = g_new (gint64, n);
      gint64 total = (gint64) g_test_rand_int_range (0, 1000000) * g_test_rand_int_range (0, 100000);
      int weight_sign = g_test_rand_bit () ? 1 : -1;
      gint64 weight_sum = 0;
      gint64 sum = 0;

      if (g_test_rand_bit ())
        total = -total;

      for (guint i = 0; i < n; i++)
        {
          weights[i] = g_test_rand_bit () ? 0 : weight_sign * g_test_rand_int_range (0, 1000000);
          weight_sum += ABS (weights[i]);
        }

      cpt_split_proportional (total, weights, n, parts);

      for (guint i = 0; i < n; i++)
        {
          sum += parts[i];

          if (weight_sum == 0)
            {
              g_assert_cmpint (parts[i], ==, i == 0 ? total : 0);
            }
          else
            {
              /* each part is its exact share rounded down or up: |part - share| < 1;
               * products stay under 10^11 * 10^6 * 20 < 2^63 */
              gint64 scaled_part = parts[i] * weight_sum;
              gint64 scaled_share = total * ABS (weights[i]);

              g_assert_cmpint (ABS (scaled_part - scaled_share), <, weight_sum);
              g_assert_true (parts[i] == 0 || (parts[i] < 0) == (total < 0));
            }
        }

      g_assert_cmpint (sum, ==, total);
    }
}

static void
test_add (void)
{
  gint64 sum = -777;

  {
    g_autoptr(GError) error = NULL;

    g_assert_true (cpt_money_add (1, 2, &sum, &error));
    g_assert_no_error (error);
    g_assert_cmpint (sum, ==, 3);
    g_assert_true (cpt_money_add (G_MAXINT64, G_MININT64, &sum, &error));
    g_assert_cmpint (sum, ==, -1);
    g_assert_true (cpt_money_add (G_MAXINT64 - 1, 1, &sum, &error));
    g_assert_cmpint (sum, ==, G_MAXINT64);
    sum = -777;
  }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (cpt_money_add (G_MAXINT64, 1, &sum, &error));
    g_assert_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_OVERFLOW);
    g_assert_cmpint (sum, ==, -777);
  }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (cpt_money_add (G_MININT64, -1, &sum, &error));
    g_assert_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_OVERFLOW);
    g_assert_cmpint (sum, ==, -777);
  }
}

static void
assert_entry (CptVatBreakdown *breakdown,
              guint            index,
              gint64           rate,
              const char      *exemption_code,
              gint64           base,
              gint64           vat)
{
  const CptVatEntry *entry = cpt_vat_breakdown_get_entry (breakdown, index);

  g_assert_nonnull (entry);
  g_assert_cmpint (entry->rate, ==, rate);
  g_assert_cmpstr (entry->exemption_code, ==, exemption_code);
  g_assert_cmpint (entry->base, ==, base);
  g_assert_cmpint (entry->vat, ==, vat);
}

static void
test_breakdown_many_lines (void)
{
  g_autoptr(CptVatBreakdown) breakdown = cpt_vat_breakdown_new ();
  gint64 per_line_vat = 0;

  struct { guint count; gint64 quantity, price, rate; } lines[] = {
    { 10, 1000, 3300, 2000 },   /* 0.33 at 20 %: 0.066 a line */
    { 1, -1000, 3300, 2000 },   /* a credit line at the same rate */
    { 7, 1000, 1000, 550 },     /* 0.10 at 5.5 %: 0.0055 a line */
    { 30, 2000, 1200, 210 },    /* 2 x 0.12 at 2.1 %: 0.00504 a line */
    { 3, 1000, 500, 1000 },     /* 0.05 at 10 %: 0.005 a line */
  };

  for (guint l = 0; l < G_N_ELEMENTS (lines); l++)
    for (guint i = 0; i < lines[l].count; i++)
      {
        g_autoptr(GError) error = NULL;
        gint64 net;

        g_assert_true (cpt_line_net (lines[l].quantity, lines[l].price, 0, &net, &error));
        g_assert_no_error (error);
        cpt_vat_breakdown_add (breakdown, net, lines[l].rate, NULL);
        per_line_vat += cpt_vat_amount (net, lines[l].rate);
      }

  g_assert_cmpuint (cpt_vat_breakdown_get_n_entries (breakdown), ==, 4);
  assert_entry (breakdown, 0, 2000, NULL, 297, 59);   /* 59.4 */
  assert_entry (breakdown, 1, 1000, NULL, 15, 2);     /* 1.5 */
  assert_entry (breakdown, 2, 550, NULL, 70, 4);      /* 3.85 */
  assert_entry (breakdown, 3, 210, NULL, 720, 15);    /* 15.12 */
  g_assert_cmpint (cpt_vat_breakdown_total_base (breakdown), ==, 1102);
  g_assert_cmpint (cpt_vat_breakdown_total_vat (breakdown), ==, 80);

  /* the data is chosen so that rounding per line would give another figure */
  g_assert_cmpint (per_line_vat, ==, 63 + 3 + 7 + 30);
  g_assert_cmpint (per_line_vat, !=, cpt_vat_breakdown_total_vat (breakdown));

  /* VAT follows later additions */
  cpt_vat_breakdown_add (breakdown, 3, 2000, NULL);
  assert_entry (breakdown, 0, 2000, NULL, 300, 60);
  g_assert_cmpint (cpt_vat_breakdown_total_vat (breakdown), ==, 81);
  g_assert_cmpint (cpt_vat_breakdown_total_base (breakdown), ==, 1105);
}

static void
test_breakdown_order (void)
{
  g_autoptr(CptVatBreakdown) breakdown = cpt_vat_breakdown_new ();

  g_assert_cmpuint (cpt_vat_breakdown_get_n_entries (breakdown), ==, 0);
  g_assert_cmpint (cpt_vat_breakdown_total_base (breakdown), ==, 0);
  g_assert_cmpint (cpt_vat_breakdown_total_vat (breakdown), ==, 0);

  cpt_vat_breakdown_add (breakdown, 1000, 550, NULL);
  cpt_vat_breakdown_add (breakdown, 2000, 2000, NULL);
  cpt_vat_breakdown_add (breakdown, 3000, 0, "VATEX-FR-FRANCHISE");
  cpt_vat_breakdown_add (breakdown, 4000, 1000, NULL);
  cpt_vat_breakdown_add (breakdown, 5000, 0, NULL);
  cpt_vat_breakdown_add (breakdown, 6000, 210, NULL);
  cpt_vat_breakdown_add (breakdown, 7000, 0, "VATEX-EU-IC");
  cpt_vat_breakdown_add (breakdown, 8000, 2000, NULL);
  cpt_vat_breakdown_add (breakdown, 9000, 0, "");  /* the same as no code */
  cpt_vat_breakdown_add (breakdown, 100, 0, "VATEX-FR-FRANCHISE");

  g_assert_cmpuint (cpt_vat_breakdown_get_n_entries (breakdown), ==, 7);
  assert_entry (breakdown, 0, 2000, NULL, 10000, 2000);
  assert_entry (breakdown, 1, 1000, NULL, 4000, 400);
  assert_entry (breakdown, 2, 550, NULL, 1000, 55);
  assert_entry (breakdown, 3, 210, NULL, 6000, 126);
  assert_entry (breakdown, 4, 0, NULL, 14000, 0);
  assert_entry (breakdown, 5, 0, "VATEX-EU-IC", 7000, 0);
  assert_entry (breakdown, 6, 0, "VATEX-FR-FRANCHISE", 3100, 0);
  g_assert_cmpint (cpt_vat_breakdown_total_base (breakdown), ==, 45100);
  g_assert_cmpint (cpt_vat_breakdown_total_vat (breakdown), ==, 2581);
}

static void
test_breakdown_credit_note (void)
{
  g_autoptr(CptVatBreakdown) breakdown = cpt_vat_breakdown_new ();

  /* negative bases round away from zero like positive ones */
  cpt_vat_breakdown_add (breakdown, -109, 550, NULL);
  cpt_vat_breakdown_add (breakdown, -10, 500, NULL);
  assert_entry (breakdown, 0, 550, NULL, -109, -6);
  assert_entry (breakdown, 1, 500, NULL, -10, -1);
  g_assert_cmpint (cpt_vat_breakdown_total_vat (breakdown), ==, -7);

  /* a free breakdown is NULL-safe */
  cpt_vat_breakdown_free (NULL);
}

/* An amount typed with another currency's sign is refused, naming what was seen. */
static void
test_parse_other_currency (void)
{
  g_autoptr(GError) error = NULL;
  gint64 value = 0;

  g_assert_true (cpt_unit_price_parse_in ("12,50 €", "EUR", &value, &error));
  g_assert_cmpint (value, ==, 125000);
  g_assert_true (cpt_money_parse_in ("EUR 3", NULL, &value, &error));
  g_assert_true (cpt_money_parse_in ("12.50", "USD", &value, &error));
  g_assert_no_error (error);
  g_assert_false (cpt_unit_price_parse_in ("12.50 $", "EUR", &value, &error));
  g_assert_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_CURRENCY);
  g_assert_nonnull (strstr (error->message, "is in USD, but this is in EUR"));
  g_clear_error (&error);
  g_assert_false (cpt_money_parse_in ("£5", NULL, &value, &error));
  g_assert_nonnull (strstr (error->message, "GBP"));
  g_clear_error (&error);
  g_assert_true (cpt_money_parse_in ("5 $", "USD", &value, &error));
}

/* The deposit policy (issue 11: money policies live in the money module): a deposit asked
 * VAT included, split over a quote's rates, comes to the amount asked, or a cent short when
 * no net reaches it; never over. */
static void
test_split_gross_over_rates (void)
{
  static const gint64 french_rates[] = { 2000, 1300, 1000, 850, 550, 210, 175, 105, 90 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  gint64 net[4];
  guint exact = 0;

  /* at 2.1 % no net makes 0.24: a single rate gives 0.23 */
  cpt_split_gross_over_rates (24, (gint64[]) { 210 }, (gint64[]) { 1 }, 1, net);
  g_assert_cmpint (net[0], ==, 23);
  g_assert_cmpint (net[0] + cpt_vat_amount (net[0], 210), ==, 23);
  /* with a second rate the cent goes there */
  cpt_split_gross_over_rates (48, (gint64[]) { 210, 2000 }, (gint64[]) { 24, 24 }, 2, net);
  g_assert_cmpint (net[0] + cpt_vat_amount (net[0], 210) + net[1] + cpt_vat_amount (net[1], 2000),
                   ==, 48);

  for (int round = 0; round < 20000; round++)
    {
      guint n = g_rand_int_range (rand, 1, 5);
      gint64 rates[4], weights[4], gross = g_rand_int_range (rand, 1, 10000000), sum = 0;

      for (guint i = 0; i < n; i++)
        {
          rates[i] = french_rates[(round + i * 3) % G_N_ELEMENTS (french_rates)];
          weights[i] = g_rand_int_range (rand, 1, 5000000);
        }
      cpt_split_gross_over_rates (gross, rates, weights, n, net);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpint (net[i], >=, 0);
          sum += net[i] + cpt_vat_amount (net[i], rates[i]);
        }
      g_assert_cmpint (sum, <=, gross);
      g_assert_cmpint (gross - sum, <=, 1);
      exact += sum == gross;
    }
  /* a cent short is the exception, not the rule */
  g_assert_cmpuint (exact, >, 19000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/parse/accepts", test_parse_accepts);
  g_test_add_func ("/money/parse/blanks", test_parse_blanks);
  g_test_add_func ("/money/parse/currency", test_parse_currency);
  g_test_add_func ("/money/parse/refuses", test_parse_refuses);
  g_test_add_func ("/money/parse/messages", test_parse_messages);
  g_test_add_func ("/money/parse/limits", test_parse_limits);
  g_test_add_func ("/money/parse/quantity", test_parse_quantity);
  g_test_add_func ("/money/parse/unit-price", test_parse_unit_price);
  g_test_add_func ("/money/parse/percent", test_parse_percent);
  g_test_add_func ("/money/to-string/values", test_to_string);
  g_test_add_func ("/money/to-string/round-trip", test_to_string_round_trip);
  g_test_add_func ("/money/format/fr", test_format_fr);
  g_test_add_func ("/money/format/en", test_format_en);
  g_test_add_func ("/money/format/currencies", test_format_currencies);
  g_test_add_func ("/money/format/decimal", test_format_decimal);
  g_test_add_func ("/money/format/round-trip", test_format_round_trip);
  g_test_add_func ("/money/round/half-away", test_round_half_away);
  g_test_add_func ("/money/round/extremes", test_round_extremes);
  g_test_add_func ("/money/line-net/simple", test_line_net_simple);
  g_test_add_func ("/money/line-net/discount", test_line_net_discount);
  g_test_add_func ("/money/line-net/refuses", test_line_net_refuses);
  g_test_add_func ("/money/vat/rates", test_vat_rates);
  g_test_add_func ("/money/percent-of", test_percent_of);
  g_test_add_func ("/money/split/exact", test_split_exact);
  g_test_add_func ("/money/split/negative", test_split_negative);
  g_test_add_func ("/money/split/zero-weights", test_split_zero_weights);
  g_test_add_func ("/money/split/random", test_split_random);
  g_test_add_func ("/money/add/overflow", test_add);
  g_test_add_func ("/money/split/gross-over-rates", test_split_gross_over_rates);
  g_test_add_func ("/money/breakdown/many-lines", test_breakdown_many_lines);
  g_test_add_func ("/money/breakdown/order", test_breakdown_order);
  g_test_add_func ("/money/breakdown/credit-note", test_breakdown_credit_note);
  g_test_add_func ("/money/parse/other-currency", test_parse_other_currency);

  return g_test_run ();
}
