/* cpt-money.h: the one module that does money arithmetic, parsing and formatting.
 *
 * Units (DESIGN.md "Money"):
 *   amounts      gint64 in the currency's minor unit (cents for EUR)
 *   quantities   gint64 in thousandths (1500 = 1.5)
 *   unit prices  gint64 in hundredths of the minor unit (4 decimals of a euro: 12345 = 1.2345 EUR)
 *   VAT rates    gint64 in hundredths of a percent (2000 = 20 %, 550 = 5.5 %)
 *   discounts    gint64 in hundredths of a percent (1000 = 10 %)
 * Rounding follows EN 16931: half away from zero, line by line, then per VAT rate; totals
 * are sums of rounded figures.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CPT_MONEY_ERROR (cpt_money_error_quark ())

typedef enum
{
  CPT_MONEY_ERROR_INVALID,   /* not a number we accept: "12,3.4", "1e5", "abc", "" */
  CPT_MONEY_ERROR_OVERFLOW,  /* too large to be held */
  CPT_MONEY_ERROR_PRECISION, /* more decimals than the field allows */
  CPT_MONEY_ERROR_RANGE,     /* negative where not allowed, or over a limit (a rate over 100 %) */
  CPT_MONEY_ERROR_CURRENCY,  /* written in another currency than the one expected */
} CptMoneyError;

GQuark   cpt_money_error_quark (void);

/* Largest amount we accept anywhere: 10^13 minor units (100 billion EUR), so that sums of a
 * million documents can never overflow a gint64. */
#define CPT_MONEY_MAX_AMOUNT G_GINT64_CONSTANT (10000000000000)

/* Parse a user-typed decimal into an integer scaled by 10^decimals.
 * Accepts: optional sign, digits with optional grouping by spaces (ASCII space, U+00A0,
 * U+202F) or apostrophes in groups of three, one decimal separator ("," or "."), an optional
 * currency sign or code ("€", "EUR", "$") before or after, surrounding blanks.
 * When both "," and "." appear, the last one is the decimal separator and the other must be a
 * correct thousands grouping ("1.234,50" and "1,234.50" are accepted, "12,3.4" is not).
 * Refuses exponents, several signs, letters, empty input, more than `decimals` digits after
 * the separator (CPT_MONEY_ERROR_PRECISION) and values over CPT_MONEY_MAX_AMOUNT scaled
 * (CPT_MONEY_ERROR_OVERFLOW). The error message is in plain words and quotes the input. */
gboolean cpt_decimal_parse (const char  *text,
                            guint        decimals,
                            gint64      *out_value,
                            GError     **error);

/* Shorthands on top of cpt_decimal_parse() */
gboolean cpt_money_parse       (const char *text, gint64 *out_minor, GError **error);   /* 2 decimals */
gboolean cpt_unit_price_parse  (const char *text, gint64 *out_price, GError **error);   /* 4 decimals */
gboolean cpt_quantity_parse    (const char *text, gint64 *out_qty, GError **error);     /* 3 decimals */
/* The same, in `currency` (an ISO code; NULL: EUR): an amount written with the sign or
 * code of another currency ("12.50 $" in EUR) fails with CPT_MONEY_ERROR_CURRENCY, naming
 * the currency it saw. A bare number is in `currency`. */
gboolean cpt_money_parse_in    (const char *text, const char *currency, gint64 *out_minor,
                                GError **error);
gboolean cpt_unit_price_parse_in (const char *text, const char *currency, gint64 *out_price,
                                  GError **error);
/* Percentages: "20", "5,5", "5.5 %", "2.1%" -> hundredths; must be within 0..100 */
gboolean cpt_percent_parse     (const char *text, gint64 *out_hundredths, GError **error);

/* Machine format: "-1234.50"; always a dot, no grouping, exactly `decimals` decimals
 * (cpt_decimal_to_string) or trailing zeros trimmed down to `min_decimals`. */
char    *cpt_decimal_to_string (gint64 value, guint decimals, guint min_decimals);
char    *cpt_money_to_string   (gint64 minor);              /* "1234.50" */
char    *cpt_quantity_to_string (gint64 thousandths);       /* "1.5", "2", "0.125" */
char    *cpt_unit_price_to_string (gint64 price);           /* "12.50", "0.1234" (2..4 decimals) */
char    *cpt_percent_to_string (gint64 hundredths);         /* "20", "5.5", "2.1" */

/* Human format for a language ("fr", "en"; anything else falls back to "en"):
 *   fr: "1 234,56 €" with U+202F NARROW NO-BREAK SPACE between groups and U+00A0 NO-BREAK
 *       SPACE before the currency symbol; "-1 234,56 €"
 *   en: "€1,234.56", "-€1,234.56"
 * Currency symbols: EUR €, USD $, GBP £, CHF "CHF" (as a code with a space); other ISO codes
 * are written as the code ("1 234,56 JPY" / "JPY 1,234.56"). Minor units are assumed to be
 * 2 decimals. */
char    *cpt_money_format      (gint64 minor, const char *currency, const char *language);
/* The language of the person reading: "fr" when the translations in use are French,
 * else "en". Messages meant for people format their amounts with it. */
const char *cpt_user_language (void);
/* cpt_money_format () in cpt_user_language (); currency NULL: EUR. */
char    *cpt_money_format_for_user (gint64 minor, const char *currency);
/* Same grouping rules without currency, for quantities and rates: "1 234,5" / "1,234.5" */
char    *cpt_decimal_format    (gint64 value, guint decimals, guint min_decimals, const char *language);

/* Rounding: value / divisor rounded half away from zero (divisor > 0). Uses 128-bit
 * intermediates; never overflows for |value| < 2^63. */
gint64   cpt_round_div         (gint64 value, gint64 divisor);

/* EN 16931 line net: quantity (thousandths) x unit price (hundredths of minor unit), minus
 * discount percent (hundredths), rounded to the minor unit once, half away from zero:
 *   gross = quantity * unit_price / 100000   (kept exact, as 128-bit)
 *   net   = round(gross * (10000 - discount) / 10000)
 * Returns FALSE with CPT_MONEY_ERROR_OVERFLOW when |net| > CPT_MONEY_MAX_AMOUNT. */
gboolean cpt_line_net          (gint64 quantity, gint64 unit_price, gint64 discount,
                                gint64 *out_net, GError **error);
/* Line allowance actually taken (for e-invoicing BT-136): round(gross) - net, i.e. the
 * undiscounted amount rounded to the cent minus the net. */
gint64   cpt_line_gross_rounded (gint64 quantity, gint64 unit_price);

/* VAT of a taxable base at a rate: round(base * rate / 10000), half away from zero. */
gint64   cpt_vat_amount        (gint64 base, gint64 rate);

/* A percentage of an amount: round(amount * percent / 10000) (percent in hundredths). */
gint64   cpt_percent_of        (gint64 amount, gint64 percent);

/* A stretch of days over which the same amount was owed late at the same annual rate
 * (hundredths of a percent). */
typedef struct
{
  gint64 amount;
  gint64 rate;
  gint64 days;
} CptInterestPeriod;

/* Late-payment interest (art. L441-10 of the Code de commerce) over `periods`, pro rata
 * over a year of 365 days, rounded once at the end, half away from zero:
 *   round(sum(amount * rate * days) / (10000 * 365)) */
gint64   cpt_late_interest     (const CptInterestPeriod *periods, guint n_periods);

/* Split `total` over `n` parts in proportion to `weights` (all of the same sign, or zero),
 * so that the parts add up exactly to total: each part is floor of its share, then the
 * remaining cents go one by one to the parts with the largest remainders (largest remainder
 * method; ties go to the earlier part). When all weights are 0 the total goes to part 0.
 * Used to split a deposit over VAT rates. */
void     cpt_split_proportional (gint64 total, const gint64 *weights, guint n, gint64 *out_parts);

/* The net of an amount `gross` (VAT included) at `rate`: the n with n + vat(n) = gross when
 * there is one, else the nearest below (some grosses are reached by no net: at 2.1 %,
 * 0.23 + 0.00 and 0.24 + 0.01, nothing makes 0.24). */
gint64   cpt_net_for_gross     (gint64 gross, gint64 rate);

/* A deposit of `gross` (VAT included) asked on a document whose VAT rates are `rates`, split
 * over those rates in proportion to `weights` (their gross amounts): the net of each part in
 * `out_nets`, such that the parts with their VAT come to `gross`. The cent a part's gross
 * cannot reach is carried to the next part, and what is left at the end to the first rate
 * that can take it. With a single rate some amounts cannot be reached at all: the deposit is
 * then a cent short, never over. */
void     cpt_split_gross_over_rates (gint64 gross, const gint64 *rates, const gint64 *weights,
                                     guint n, gint64 *out_nets);

/* Overflow-checked addition for sums of amounts. */
gboolean cpt_money_add         (gint64 a, gint64 b, gint64 *out, GError **error);

/* A VAT breakdown accumulator: lines are added with (net, rate, category/exemption code);
 * the breakdown gives one entry per (rate, exemption code) with base, and VAT computed once
 * per rate from the summed base (EN 16931 BR-CO-17). */
typedef struct
{
  gint64  rate;            /* hundredths of a percent */
  char   *exemption_code;  /* NULL, or a VATEX code such as "VATEX-FR-FRANCHISE" */
  gint64  base;            /* sum of line nets at this rate */
  gint64  vat;             /* round(base * rate) */
} CptVatEntry;

typedef struct _CptVatBreakdown CptVatBreakdown;

CptVatBreakdown *cpt_vat_breakdown_new      (void);
void             cpt_vat_breakdown_free     (CptVatBreakdown *self);
void             cpt_vat_breakdown_add      (CptVatBreakdown *self, gint64 net, gint64 rate,
                                             const char *exemption_code);
/* Entries sorted by rate descending, then exemption code; VAT computed on each call. */
guint            cpt_vat_breakdown_get_n_entries (CptVatBreakdown *self);
const CptVatEntry *cpt_vat_breakdown_get_entry   (CptVatBreakdown *self, guint index);
gint64           cpt_vat_breakdown_total_base    (CptVatBreakdown *self);
gint64           cpt_vat_breakdown_total_vat     (CptVatBreakdown *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptVatBreakdown, cpt_vat_breakdown_free)

G_END_DECLS
