/* cpt-money.c: money arithmetic, parsing and formatting.
 *
 * Everything is integer arithmetic; products that may not fit a gint64 go through 128-bit
 * intermediates. Rounding is half away from zero (EN 16931).
 */
#define G_LOG_DOMAIN "cpt-money"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cpt-money.h"

__extension__ typedef __int128 CptInt128;

#define NBSP  "\xC2\xA0"      /* U+00A0 NO-BREAK SPACE */
#define NNBSP "\xE2\x80\xAF"  /* U+202F NARROW NO-BREAK SPACE */

G_DEFINE_QUARK (cpt-money-error-quark, cpt_money_error)

/* Arithmetic */

static CptInt128
abs_128 (CptInt128 value)
{
  return value < 0 ? -value : value;
}

/* numerator / denominator, half away from zero; denominator > 0 */
static CptInt128
round_div_128 (CptInt128 numerator,
               CptInt128 denominator)
{
  CptInt128 quotient = numerator / denominator;
  CptInt128 remainder = abs_128 (numerator % denominator);

  if (remainder >= denominator - remainder)
    quotient += numerator < 0 ? -1 : 1;

  return quotient;
}

/* Functions without an error argument saturate rather than wrap. */
static gint64
clamp_to_int64 (CptInt128 value)
{
  if (value > G_MAXINT64)
    return G_MAXINT64;
  if (value < G_MININT64)
    return G_MININT64;
  return (gint64) value;
}

gint64
cpt_round_div (gint64 value,
               gint64 divisor)
{
  g_return_val_if_fail (divisor > 0, 0);

  return clamp_to_int64 (round_div_128 (value, divisor));
}

gboolean
cpt_line_net (gint64   quantity,
              gint64   unit_price,
              gint64   discount,
              gint64  *out_net,
              GError **error)
{
  /* quantity in 10^-3, price in 10^-4 of the currency: the product is in 10^-5 of a cent */
  CptInt128 gross = (CptInt128) quantity * unit_price;
  CptInt128 net;

  if (discount < 0 || discount > 10000)
    {
      g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_RANGE,
                   _("A discount of %" PRId64 " hundredths of a percent is not "
                     "between 0 and 100 %%"), discount);
      return FALSE;
    }

  if (discount == 10000)
    {
      net = 0;
    }
  else
    {
      /* With a discount under 100 %, |net| >= |gross| / 10^9: above this bound the net
       * cannot fit, and below it the product with (10000 - discount) fits 128 bits. */
      CptInt128 bound = (CptInt128) (CPT_MONEY_MAX_AMOUNT + 1) * 1000000000;

      if (abs_128 (gross) > bound)
        net = bound;
      else
        net = round_div_128 (gross * (10000 - discount), (CptInt128) 100000 * 10000);
    }

  if (abs_128 (net) > CPT_MONEY_MAX_AMOUNT)
    {
      g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_OVERFLOW,
                   _("The line amount is too large: a quantity of %" PRId64
                     " thousandths at a unit price of %" PRId64
                     " ten-thousandths goes over the largest amount allowed"),
                   quantity, unit_price);
      return FALSE;
    }

  if (out_net != NULL)
    *out_net = (gint64) net;

  return TRUE;
}

gint64
cpt_line_gross_rounded (gint64 quantity,
                        gint64 unit_price)
{
  return clamp_to_int64 (round_div_128 ((CptInt128) quantity * unit_price, 100000));
}

gint64
cpt_vat_amount (gint64 base,
                gint64 rate)
{
  return clamp_to_int64 (round_div_128 ((CptInt128) base * rate, 10000));
}

gint64
cpt_percent_of (gint64 amount,
                gint64 percent)
{
  return clamp_to_int64 (round_div_128 ((CptInt128) amount * percent, 10000));
}

gint64
cpt_late_interest (const CptInterestPeriod *periods,
                   guint                    n_periods)
{
  CptInt128 sum = 0;

  for (guint i = 0; i < n_periods; i++)
    sum += (CptInt128) periods[i].amount * periods[i].rate * periods[i].days;
  return clamp_to_int64 (round_div_128 (sum, 10000 * 365));
}

typedef struct
{
  CptInt128 part;      /* magnitude of the part */
  CptInt128 remainder; /* of its share, over the sum of weights */
  guint     index;
} SplitRemainder;

static int
compare_split_remainders (const void *a,
                          const void *b)
{
  const SplitRemainder *ra = a;
  const SplitRemainder *rb = b;

  /* largest remainder first, then the earlier part */
  if (ra->remainder != rb->remainder)
    return ra->remainder > rb->remainder ? -1 : 1;
  if (ra->index != rb->index)
    return ra->index < rb->index ? -1 : 1;
  return 0;
}

void
cpt_split_proportional (gint64        total,
                        const gint64 *weights,
                        guint         n,
                        gint64       *out_parts)
{
  g_autofree SplitRemainder *remainders = NULL;
  gboolean has_positive = FALSE;
  gboolean has_negative = FALSE;
  CptInt128 weight_sum = 0;
  CptInt128 magnitude;
  CptInt128 given = 0;
  CptInt128 left;
  int sign;

  g_return_if_fail (n > 0);
  g_return_if_fail (weights != NULL);
  g_return_if_fail (out_parts != NULL);

  for (guint i = 0; i < n; i++)
    {
      has_positive |= weights[i] > 0;
      has_negative |= weights[i] < 0;
      weight_sum += abs_128 (weights[i]);
    }

  /* Weights of one sign give the same shares as their magnitudes; mixed signs are a bug
   * of the caller, but the parts still add up to the total. */
  if (has_positive && has_negative)
    g_critical ("%s: weights of mixed signs; splitting by their magnitudes", G_STRFUNC);

  if (weight_sum == 0)
    {
      out_parts[0] = total;
      for (guint i = 1; i < n; i++)
        out_parts[i] = 0;
      return;
    }

  /* Split the magnitude and put the sign back, so that negative totals are split like
   * positive ones (-100.00 over {1,1,1} gives {-33.34,-33.33,-33.33}). */
  sign = total < 0 ? -1 : 1;
  magnitude = abs_128 (total);
  remainders = g_new (SplitRemainder, n);

  for (guint i = 0; i < n; i++)
    {
      CptInt128 share = magnitude * abs_128 (weights[i]);

      remainders[i].part = share / weight_sum;
      remainders[i].remainder = share % weight_sum;
      remainders[i].index = i;
      given += remainders[i].part;
    }

  /* each floor loses less than one unit, so fewer than n units are left */
  left = magnitude - given;

  if (left > 0)
    {
      qsort (remainders, n, sizeof *remainders, compare_split_remainders);
      for (guint i = 0; i < (guint) left; i++)
        remainders[i].part += 1;
    }

  /* the magnitude of G_MININT64 only fits once the sign is back */
  for (guint i = 0; i < n; i++)
    out_parts[remainders[i].index] = (gint64) (sign * remainders[i].part);
}

gboolean
cpt_money_add (gint64   a,
               gint64   b,
               gint64  *out,
               GError **error)
{
  gint64 sum;

  if (__builtin_add_overflow (a, b, &sum))
    {
      g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_OVERFLOW,
                   _("The sum of %" PRId64 " and %" PRId64
                     " is too large to be held"), a, b);
      return FALSE;
    }

  if (out != NULL)
    *out = sum;

  return TRUE;
}

/* Parsing */

typedef struct
{
  const char *noun;     /* "an amount", for messages (N_, translated where used) */
  const char *example;  /* "1234.50 or 1 234,50" (N_ too) */
  gboolean    percent;  /* a "%" suffix instead of a currency */
} ParseKind;

/* Translators: the nouns end messages such as “"abc" is not an amount”; the examples
 * follow “like” in them */
static const ParseKind number_kind = { N_("a number"), N_("1234.5 or 1 234,5"), FALSE };
static const ParseKind amount_kind = { N_("an amount"), N_("1234.50 or 1 234,50"), FALSE };
static const ParseKind price_kind = { N_("a price"), N_("12.50 or 12,50"), FALSE };
static const ParseKind quantity_kind = { N_("a quantity"), N_("1.5 or 1,5"), FALSE };
static const ParseKind percent_kind = { N_("a percentage"), N_("5.5 or 5,5 %"), TRUE };

/* Length in bytes of the blank at p, or 0. U+2009 THIN SPACE and U+2007 FIGURE SPACE are
 * accepted too: they are what a copy from a typeset document gives. */
static gsize
match_blank (const char *p)
{
  const guchar *u = (const guchar *) p;

  if (u[0] == ' ' || u[0] == '\t' || u[0] == '\n' || u[0] == '\r')
    return 1;
  if (u[0] == 0xC2 && u[1] == 0xA0)
    return 2;
  if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xAF || u[2] == 0x89 || u[2] == 0x87))
    return 3;
  return 0;
}

static const char *
skip_blanks (const char *p)
{
  gsize len;

  while ((len = match_blank (p)) > 0)
    p += len;

  return p;
}

/* "-", "+" or U+2212 MINUS SIGN */
static gsize
match_sign (const char *p,
            gboolean   *negative)
{
  if (*p == '-' || *p == '+')
    {
      *negative = *p == '-';
      return 1;
    }
  if (strncmp (p, "\xE2\x88\x92", 3) == 0)
    {
      *negative = TRUE;
      return 3;
    }
  return 0;
}

/* The currency signs and codes understood, with the ISO 4217 code each stands for. */
static const struct { const char *mark; const char *code; } currency_marks[] = {
  { "\xE2\x82\xAC" /* € */, "EUR" }, { "$", "USD" }, { "\xC2\xA3" /* £ */, "GBP" },
  { "EUR", "EUR" }, { "USD", "USD" }, { "GBP", "GBP" }, { "CHF", "CHF" },
};

/* The length of the currency at p, or 0; *code (when not NULL) gets its ISO code. */
static gsize
match_currency (const char  *p,
                const char **code)
{
  for (guint i = 0; i < G_N_ELEMENTS (currency_marks); i++)
    {
      gsize len = strlen (currency_marks[i].mark);

      /* ASCII-only case folding: the symbols' bytes compare exactly */
      if (g_ascii_strncasecmp (p, currency_marks[i].mark, len) == 0)
        {
          if (code != NULL)
            *code = currency_marks[i].code;
          return len;
        }
    }

  return 0;
}

static gsize
match_unit (const ParseKind *kind,
            const char      *p,
            const char     **code)
{
  if (kind->percent)
    return *p == '%' ? 1 : 0;
  return match_currency (p, code);
}

static gboolean
is_separator (char c)
{
  return c == ',' || c == '.';
}

/* Digits grouped by `group` in threes: 1 to 3 digits, then groups of exactly 3. */
static gboolean
check_grouping (const char *integer,
                char        group)
{
  g_auto(GStrv) groups = NULL;
  char separator[2] = { group, '\0' };

  if (group == '\0')
    return TRUE;

  groups = g_strsplit (integer, separator, -1);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      gsize len = strlen (groups[i]);

      if (i == 0 ? (len < 1 || len > 3) : len != 3)
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_decimal (const char      *text,
               guint            decimals,
               const ParseKind *kind,
               gint64          *out_value,
               const char     **out_currency,
               GError         **error)
{
  const char *currency = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GString) body = NULL;
  const char *p;
  const char *integer_end;
  const char *fraction;
  gboolean negative = FALSE;
  gboolean has_sign = FALSE;
  gboolean has_unit = FALSE;
  gboolean has_digit = FALSE;
  gboolean overflow = FALSE;
  guint n_commas = 0;
  guint n_dots = 0;
  char decimal_separator = '\0';
  char group = '\0';
  gsize fraction_len;
  CptInt128 value = 0;
  gsize len;

  g_return_val_if_fail (decimals <= 18, FALSE);

  if (text == NULL)
    text = "";

  /* the message quotes the input, which must then be valid UTF-8 */
  shown = g_utf8_make_valid (text, -1);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_INVALID,
                   _("\"%s\" is not %s: it contains characters that are not text"),
                   shown, _(kind->noun));
      return FALSE;
    }

  /* [sign] [currency [sign]] number [currency or %], blanks anywhere between */
  p = skip_blanks (text);

  if ((len = match_sign (p, &negative)) > 0)
    {
      has_sign = TRUE;
      p = skip_blanks (p + len);
    }

  if (!kind->percent && (len = match_currency (p, &currency)) > 0)
    {
      has_unit = TRUE;
      p = skip_blanks (p + len);

      if (!has_sign && (len = match_sign (p, &negative)) > 0)
        p = skip_blanks (p + len);
    }

  /* The number, normalised to ASCII: digits, ",", ".", "'" and " " for any blank. */
  body = g_string_new (NULL);
  for (;;)
    {
      if (g_ascii_isdigit (*p) || *p == ',' || *p == '.' || *p == '\'')
        {
          has_digit |= g_ascii_isdigit (*p);
          g_string_append_c (body, *p);
          p++;
        }
      else if ((len = match_blank (p)) > 0)
        {
          g_string_append_c (body, ' ');
          p += len;
        }
      else if (strncmp (p, "\xE2\x80\x99", 3) == 0) /* U+2019, a typographic apostrophe */
        {
          g_string_append_c (body, '\'');
          p += 3;
        }
      else
        {
          break;
        }
    }

  /* blanks before a currency that follows are not part of the number */
  while (body->len > 0 && body->str[body->len - 1] == ' ')
    g_string_truncate (body, body->len - 1);

  if ((len = match_unit (kind, p, has_unit ? NULL : &currency)) > 0)
    {
      if (has_unit)
        goto unit_twice;
      has_unit = TRUE;
      p = skip_blanks (p + len);
    }

  if (*p != '\0')
    {
      gboolean ignored;

      if (match_unit (kind, p, NULL) > 0)
        goto unit_twice;

      if (match_sign (p, &ignored) > 0)
        {
          g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_INVALID,
                       _("\"%s\" is not %s: put a single minus sign before the number, "
                         "like -3,50"), shown, _(kind->noun));
          return FALSE;
        }

      if ((*p == 'e' || *p == 'E') && body->len > 0 &&
          g_ascii_isdigit (body->str[body->len - 1]) &&
          (g_ascii_isdigit (p[1]) || p[1] == '-' || p[1] == '+'))
        {
          g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_INVALID,
                       _("\"%s\" is not %s: write the number in full, without an exponent, "
                         "like 100000"), shown, _(kind->noun));
          return FALSE;
        }

      g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_INVALID,
                   /* Translators: the third %s is “ or %” or “ or currency”, the last an
                    * example */
                   _("\"%s\" is not %s: use only digits, one decimal separator and "
                     "an optional sign%s, like %s"),
                   shown, _(kind->noun),
                   /* Translators: completes “an optional sign”; mind the leading space */
                   kind->percent ? _(" or %") : _(" or currency"),
                   _(kind->example));
      return FALSE;
    }

  if (!has_digit)
    {
      g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_INVALID,
                   _("\"%s\" is not %s: type a number, like %s"),
                   shown, _(kind->noun), _(kind->example));
      return FALSE;
    }

  /* Which of "," and "." is the decimal separator: the last one when both appear (the
   * other then groups thousands); a single one; none when one of them appears several
   * times (it groups thousands: "1,234,567"). */
  for (gsize i = 0; i < body->len; i++)
    {
      if (body->str[i] == ',')
        n_commas++;
      else if (body->str[i] == '.')
        n_dots++;
    }

  if (n_commas > 0 && n_dots > 0)
    {
      const char *last = body->str + body->len;

      while (!is_separator (*--last))
        ;
      /* if it also appears earlier, the fraction holds a separator and is refused below */
      decimal_separator = *last;
    }
  else if (n_commas == 1)
    {
      decimal_separator = ',';
    }
  else if (n_dots == 1)
    {
      decimal_separator = '.';
    }

  if (decimal_separator != '\0')
    {
      integer_end = strchr (body->str, decimal_separator);
      fraction = integer_end + 1;
    }
  else
    {
      integer_end = body->str + body->len;
      fraction = integer_end;
    }

  /* No grouping after the decimal separator */
  fraction_len = strlen (fraction);
  for (gsize i = 0; i < fraction_len; i++)
    {
      if (is_separator (fraction[i]))
        goto bad_separators;
      if (!g_ascii_isdigit (fraction[i]))
        goto bad_grouping;
    }

  /* One kind of grouping in the integer part, in threes */
  for (const char *q = body->str; q < integer_end; q++)
    {
      if (g_ascii_isdigit (*q))
        continue;
      if (group != '\0' && group != *q)
        goto bad_grouping;
      group = *q;
    }

  {
    g_autofree char *integer = g_strndup (body->str, integer_end - body->str);

    if (!check_grouping (integer, group))
      {
        if (is_separator (group))
          goto bad_separators;
        goto bad_grouping;
      }

    if (fraction_len > decimals)
      {
        if (decimals == 0)
          g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_PRECISION,
                       _("\"%s\" has decimals, which %s does not take: use a whole number"),
                       shown, _(kind->noun));
        else
          g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_PRECISION,
                       _("\"%s\" has too many decimals for %s: use at most %u"),
                       shown, _(kind->noun), decimals);
        return FALSE;
      }

    /* integer digits, then decimals padded with zeros; stop once over the limit */
    for (const char *q = integer; *q != '\0' && !overflow; q++)
      {
        if (g_ascii_isdigit (*q))
          {
            value = value * 10 + (*q - '0');
            overflow = value > CPT_MONEY_MAX_AMOUNT;
          }
      }
    for (guint i = 0; i < decimals && !overflow; i++)
      {
        value = value * 10 + (i < fraction_len ? fraction[i] - '0' : 0);
        overflow = value > CPT_MONEY_MAX_AMOUNT;
      }
  }

  if (overflow)
    {
      if (kind->percent)
        {
          g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_OVERFLOW,
                       _("\"%s\" is too large for a percentage: use a value between 0 and 100"),
                       shown);
        }
      else
        {
          g_autofree char *largest = cpt_decimal_to_string (CPT_MONEY_MAX_AMOUNT, decimals, 0);

          g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_OVERFLOW,
                       _("\"%s\" is too large for %s: the largest allowed is %s"),
                       shown, _(kind->noun), largest);
        }
      return FALSE;
    }

  if (out_value != NULL)
    *out_value = negative ? -(gint64) value : (gint64) value;
  if (out_currency != NULL)
    *out_currency = currency;

  return TRUE;

unit_twice:
  g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_INVALID,
               /* Translators: the third %s is “percent sign” or “currency” */
               _("\"%s\" is not %s: write the %s once, like %s"),
               shown, _(kind->noun), kind->percent ? _("percent sign") : _("currency"),
               kind->percent ? "5,5 %" : "12 \xE2\x82\xAC");
  return FALSE;

bad_separators:
  g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_INVALID,
               _("\"%s\" is not %s: use one decimal separator, like %s"),
               shown, _(kind->noun), _(kind->example));
  return FALSE;

bad_grouping:
  g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_INVALID,
               _("\"%s\" is not %s: group digits by three with a single kind of separator, "
                 "like 1 234 567,89, or do not group them"),
               shown, _(kind->noun));
  return FALSE;
}

gboolean
cpt_decimal_parse (const char  *text,
                   guint        decimals,
                   gint64      *out_value,
                   GError     **error)
{
  return parse_decimal (text, decimals, &number_kind, out_value, NULL, error);
}

gboolean
cpt_money_parse (const char  *text,
                 gint64      *out_minor,
                 GError     **error)
{
  return parse_decimal (text, 2, &amount_kind, out_minor, NULL, error);
}

gboolean
cpt_unit_price_parse (const char  *text,
                      gint64      *out_price,
                      GError     **error)
{
  return parse_decimal (text, 4, &price_kind, out_price, NULL, error);
}

/* An amount or price in `currency`: a sign or code of another currency is refused, saying
 * which one was seen, rather than read as a number in the document's currency. */
static gboolean
parse_in (const char      *text,
          guint            decimals,
          const ParseKind *kind,
          const char      *currency,
          gint64          *out_value,
          GError         **error)
{
  const char *seen = NULL;
  gint64 value;

  if (!parse_decimal (text, decimals, kind, &value, &seen, error))
    return FALSE;
  if (currency == NULL)
    currency = "EUR";
  if (seen != NULL && g_ascii_strcasecmp (seen, currency) != 0)
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);

      g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_CURRENCY,
                   /* Translators: the input, then two ISO codes (USD, EUR) */
                   _("\"%s\" is in %s, but this is in %s: type the amount in %s, without "
                     "another currency's sign"), g_strstrip (shown), seen, currency, currency);
      return FALSE;
    }
  if (out_value != NULL)
    *out_value = value;
  return TRUE;
}

gboolean
cpt_money_parse_in (const char  *text,
                    const char  *currency,
                    gint64      *out_minor,
                    GError     **error)
{
  return parse_in (text, 2, &amount_kind, currency, out_minor, error);
}

gboolean
cpt_unit_price_parse_in (const char  *text,
                         const char  *currency,
                         gint64      *out_price,
                         GError     **error)
{
  return parse_in (text, 4, &price_kind, currency, out_price, error);
}

gboolean
cpt_quantity_parse (const char  *text,
                    gint64      *out_qty,
                    GError     **error)
{
  return parse_decimal (text, 3, &quantity_kind, out_qty, NULL, error);
}

gboolean
cpt_percent_parse (const char  *text,
                   gint64      *out_hundredths,
                   GError     **error)
{
  gint64 value;

  if (!parse_decimal (text, 2, &percent_kind, &value, NULL, error))
    return FALSE;

  if (value < 0 || value > 10000)
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);

      g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_RANGE,
                   _("\"%s\" is not a percentage between 0 and 100"), shown);
      return FALSE;
    }

  if (out_hundredths != NULL)
    *out_hundredths = value;

  return TRUE;
}

/* Formatting */

/* The digits of |value| split at the decimal point, the fraction trimmed of trailing
 * zeros down to min_decimals. Works for G_MININT64 and any number of decimals. */
static void
split_digits (gint64   value,
              guint    decimals,
              guint    min_decimals,
              char   **out_integer,
              char   **out_fraction)
{
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);
  g_autoptr(GString) padded = g_string_new (NULL);
  gsize integer_len;
  gsize fraction_len = decimals;

  for (gsize i = strlen (digits); i < (gsize) decimals + 1; i++)
    g_string_append_c (padded, '0');
  g_string_append (padded, digits);

  integer_len = padded->len - decimals;
  while (fraction_len > min_decimals && padded->str[integer_len + fraction_len - 1] == '0')
    fraction_len--;

  *out_integer = g_strndup (padded->str, integer_len);
  *out_fraction = g_strndup (padded->str + integer_len, fraction_len);
}

static gboolean
is_french (const char *language)
{
  return language != NULL &&
         g_ascii_strncasecmp (language, "fr", 2) == 0 &&
         (language[2] == '\0' || language[2] == '_' || language[2] == '-' ||
          language[2] == '.' || language[2] == '@');
}

/* |value| with grouping and decimal separator of the language, no sign */
static void
append_magnitude (GString    *out,
                  gint64      value,
                  guint       decimals,
                  guint       min_decimals,
                  gboolean    french)
{
  g_autofree char *integer = NULL;
  g_autofree char *fraction = NULL;
  const char *group = french ? NNBSP : ",";
  gsize len;

  split_digits (value, decimals, min_decimals, &integer, &fraction);
  len = strlen (integer);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, group);
      g_string_append_c (out, integer[i]);
    }

  if (fraction[0] != '\0')
    {
      g_string_append_c (out, french ? ',' : '.');
      g_string_append (out, fraction);
    }
}

char *
cpt_decimal_to_string (gint64 value,
                       guint  decimals,
                       guint  min_decimals)
{
  g_autofree char *integer = NULL;
  g_autofree char *fraction = NULL;

  split_digits (value, decimals, min_decimals, &integer, &fraction);

  return g_strconcat (value < 0 ? "-" : "", integer,
                      fraction[0] != '\0' ? "." : "", fraction,
                      NULL);
}

char *
cpt_money_to_string (gint64 minor)
{
  return cpt_decimal_to_string (minor, 2, 2);
}

char *
cpt_quantity_to_string (gint64 thousandths)
{
  return cpt_decimal_to_string (thousandths, 3, 0);
}

char *
cpt_unit_price_to_string (gint64 price)
{
  return cpt_decimal_to_string (price, 4, 2);
}

char *
cpt_percent_to_string (gint64 hundredths)
{
  return cpt_decimal_to_string (hundredths, 2, 0);
}

const char *
cpt_user_language (void)
{
  const char *const *names = g_get_language_names ();

  /* The first name is the one the translations use (LANGUAGE, then LC_ALL...); GLib
   * caches the list. */
  return names[0] != NULL && g_str_has_prefix (names[0], "fr") ? "fr" : "en";
}

char *
cpt_money_format_for_user (gint64      minor,
                           const char *currency)
{
  return cpt_money_format (minor, currency != NULL ? currency : "EUR", cpt_user_language ());
}

char *
cpt_money_format (gint64      minor,
                  const char *currency,
                  const char *language)
{
  GString *out = g_string_new (NULL);
  gboolean french = is_french (language);
  g_autofree char *code = NULL;
  const char *symbol = NULL;

  if (currency == NULL || currency[0] == '\0')
    currency = "EUR";

  if (g_ascii_strcasecmp (currency, "EUR") == 0)
    symbol = "\xE2\x82\xAC";
  else if (g_ascii_strcasecmp (currency, "USD") == 0)
    symbol = "$";
  else if (g_ascii_strcasecmp (currency, "GBP") == 0)
    symbol = "\xC2\xA3";
  else
    code = g_ascii_strup (currency, -1);

  if (minor < 0)
    g_string_append_c (out, '-');

  if (french)
    {
      append_magnitude (out, minor, 2, 2, TRUE);
      g_string_append (out, NBSP);
      g_string_append (out, symbol != NULL ? symbol : code);
    }
  else if (symbol != NULL)
    {
      g_string_append (out, symbol);
      append_magnitude (out, minor, 2, 2, FALSE);
    }
  else
    {
      /* a code is a word: keep it on the line of its number */
      g_string_append (out, code);
      g_string_append (out, NBSP);
      append_magnitude (out, minor, 2, 2, FALSE);
    }

  return g_string_free (out, FALSE);
}

char *
cpt_decimal_format (gint64      value,
                    guint       decimals,
                    guint       min_decimals,
                    const char *language)
{
  GString *out = g_string_new (NULL);

  if (value < 0)
    g_string_append_c (out, '-');
  append_magnitude (out, value, decimals, min_decimals, is_french (language));

  return g_string_free (out, FALSE);
}

/* VAT breakdown */

struct _CptVatBreakdown
{
  GArray *entries; /* of CptVatEntry, sorted by rate descending, then exemption code */
};

static void
clear_vat_entry (gpointer data)
{
  CptVatEntry *entry = data;

  g_clear_pointer (&entry->exemption_code, g_free);
}

static int
compare_vat_keys (gint64      rate_a,
                  const char *code_a,
                  gint64      rate_b,
                  const char *code_b)
{
  if (rate_a != rate_b)
    return rate_a > rate_b ? -1 : 1;
  return g_strcmp0 (code_a, code_b);
}

CptVatBreakdown *
cpt_vat_breakdown_new (void)
{
  CptVatBreakdown *self = g_new0 (CptVatBreakdown, 1);

  self->entries = g_array_new (FALSE, TRUE, sizeof (CptVatEntry));
  g_array_set_clear_func (self->entries, clear_vat_entry);

  return self;
}

void
cpt_vat_breakdown_free (CptVatBreakdown *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->entries, g_array_unref);
  g_free (self);
}

void
cpt_vat_breakdown_add (CptVatBreakdown *self,
                       gint64           net,
                       gint64           rate,
                       const char      *exemption_code)
{
  CptVatEntry entry = { 0 };
  guint i;

  g_return_if_fail (self != NULL);

  /* "" and NULL both mean no exemption */
  if (exemption_code != NULL && exemption_code[0] == '\0')
    exemption_code = NULL;

  for (i = 0; i < self->entries->len; i++)
    {
      CptVatEntry *existing = &g_array_index (self->entries, CptVatEntry, i);
      int cmp = compare_vat_keys (rate, exemption_code, existing->rate, existing->exemption_code);

      if (cmp == 0)
        {
          if (__builtin_add_overflow (existing->base, net, &existing->base))
            g_critical ("%s: the base at rate %" G_GINT64_FORMAT " overflows", G_STRFUNC, rate);
          return;
        }
      if (cmp < 0)
        break;
    }

  entry.rate = rate;
  entry.exemption_code = g_strdup (exemption_code);
  entry.base = net;
  g_array_insert_val (self->entries, i, entry);
}

guint
cpt_vat_breakdown_get_n_entries (CptVatBreakdown *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

const CptVatEntry *
cpt_vat_breakdown_get_entry (CptVatBreakdown *self,
                             guint            index)
{
  CptVatEntry *entry;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  entry = &g_array_index (self->entries, CptVatEntry, index);
  entry->vat = cpt_vat_amount (entry->base, entry->rate);

  return entry;
}

gint64
cpt_vat_breakdown_total_base (CptVatBreakdown *self)
{
  gint64 total = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->entries->len; i++)
    total += g_array_index (self->entries, CptVatEntry, i).base;

  return total;
}

gint64
cpt_vat_breakdown_total_vat (CptVatBreakdown *self)
{
  gint64 total = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->entries->len; i++)
    total += cpt_vat_breakdown_get_entry (self, i)->vat;

  return total;
}

gint64
cpt_net_for_gross (gint64 gross, gint64 rate)
{
  gint64 guess = cpt_round_div (gross * 10000, 10000 + rate);

  for (gint64 n = guess + 2; n >= guess - 2; n--)
    if (n + cpt_vat_amount (n, rate) <= gross)
      return n;
  return guess;
}

void
cpt_split_gross_over_rates (gint64        gross,
                            const gint64 *rates,
                            const gint64 *weights,
                            guint         n,
                            gint64       *out_nets)
{
  gint64 carry = 0;

  g_return_if_fail (n > 0);
  cpt_split_proportional (gross, weights, n, out_nets);
  /* each part's net is the one whose VAT brings it back to the part, the cent it misses
   * going on to the next part */
  for (guint i = 0; i < n; i++)
    {
      gint64 target = out_nets[i] + carry;

      out_nets[i] = cpt_net_for_gross (target, rates[i]);
      carry = target - (out_nets[i] + cpt_vat_amount (out_nets[i], rates[i]));
    }
  /* the last part's cent goes to the first rate that can take it */
  for (guint i = 0; carry > 0 && i < n; i++)
    {
      gint64 target = out_nets[i] + cpt_vat_amount (out_nets[i], rates[i]) + carry;
      gint64 net = cpt_net_for_gross (target, rates[i]);

      if (net + cpt_vat_amount (net, rates[i]) == target)
        {
          out_nets[i] = net;
          carry = 0;
        }
    }
}
