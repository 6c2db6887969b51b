/* The rules implemented here, and those left to the validators (check-facturx, the
 * platforms), and why.
 *
 * | rules                           | here | why / what                                        |
 * |---------------------------------|------|---------------------------------------------------|
 * | BR-01..BR-07, BR-09, BR-11      | yes  | presence of BT-24, 1, 2, 3, 5, 27, 44, 40, 55     |
 * | BR-08, BR-10 (addresses)        | no   | the writer always emits BG-5/BG-8 (country "FR")  |
 * | BR-12..BR-15                    | no   | totals are always written by the model (integers) |
 * | BR-16, BR-21, BR-22, BR-25      | yes  | lines, line id, quantity, item name               |
 * | BR-24, BR-26                    | no   | net and price are integers, always present        |
 * | BR-27                           | yes  | item net price not negative                       |
 * | BR-17..BR-20, BR-28..BR-65      | no   | payee, tax representative, delivery, allowances, |
 * |                                 |      | charges, invoicing period, payment means: we      |
 * |                                 |      | never write them, or they need syntax context     |
 * | BR-CO-10, 13, 14, 15, 16, 17, 18| yes  | sums, cent exact (cpt-money rounding)             |
 * | BR-CO-25                        | yes  | amount due > 0 needs BT-9 or BT-20                |
 * | BR-CO-26                        | yes  | seller BT-29/30/31                                |
 * | other BR-CO                     | no   | code lists and syntax (XSD, Factur-X schematron)  |
 * | BR-S/Z/E/AE/IC(K)/G/O -01,-05,  | yes  | VAT category coherence, line to breakdown         |
 * |   -08, -09, -10 ; -02 ; BR-O-02 |      |                                                   |
 * | BR-O-11, BR-O-12                | yes  | "not subject to VAT" alone on its invoice         |
 * | BR-x-03/04/06/07 (allowances    | no   | we write no document-level allowance or charge    |
 * |   and charges by category)      |      |                                                   |
 * | BR-IC-11/12 (delivery)          | IC-12| deliver-to country for K                          |
 * | BR-DEC-*                        | no   | amounts are integer cents, quantities thousandths |
 * |                                 |      | and prices ten-thousandths: they cannot carry more|
 * |                                 |      | decimals than allowed (a received file will need  |
 * |                                 |      | them checked at parse time)                       |
 * | BR-FR-03 (years 2000-2099)      | yes  | BT-2, BT-9                                        |
 * | BR-FR-08 (BT-23 values)         | yes  |                                                   |
 * | BR-FR-10, BR-FR-11 (SIREN)      | yes  | 9 digits, seller always, buyer when B2B           |
 * | BR-FR-12, BR-FR-13 (BT-49/34)   | yes  | electronic addresses present                      |
 * | BR-FR-16 (French VAT rates)     | yes  | BT-119, BT-152                                    |
 * | BR-FR-CO-05 (credit note ref.)  | yes  | a 381 cites its invoice (BT-25)                   |
 * | BR-FR-CO-07 (due date)          | yes  | BT-9 not before BT-2 except deposit invoices      |
 * | BR-FR-09 (SIRET starts with the | no   | the records refuse a SIRET that is not the SIREN's|
 * |   SIREN)                        |      | (cpt-identifiers.c), and only those are written   |
 * | BR-FR-05/06/20/31 (notes),      | no   | notes and identifiers written by cpt-facturx.c    |
 * |   -17/18 (attachments), -23..30,|      | from fixed texts, or parts we never write;       |
 * |   BR-FR-MV-*, BR-FR-BD-*,       |      | multi-vendor and self-billing are not made here  |
 * |   BR-FR-CO-03/04/08/09/10/12/14/15|    |                                                   |
 * | CPT-K-01, CPT-G-01, CPT-AE-01   | yes  | Comptoir's own: an intra-community supply goes to |
 * |                                 |      | another member state, an export leaves the EU,    |
 * |                                 |      | reverse charge names the buyer's VAT number. The  |
 * |                                 |      | validators cannot check them; the tax office does |
 * | BT-23 against the lines         | -    | the framework is derived from the lines' products |
 * |                                 |      | (cpt-render-document.c), so it always fits them   |
 */
#define G_LOG_DOMAIN "cpt-einvoice"

#include "cpt-einvoice-rules.h"
#include "cpt-error.h"
#include "cpt-money.h"
#include "cpt-vat.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static void
violation_free (gpointer data)
{
  CptEinvoiceViolation *v = data;

  g_free (v->message);
  g_free (v);
}

/* What a user changes for each business term, and where. The terms Comptoir writes itself
 * (number, type, totals, the VAT breakdown) have no entry: breaking them is our fault. */
typedef struct
{
  const char     *field;
  CptEinvoiceFix  fix;
  const char     *remedy;
} Remedy;

static const Remedy remedies[] = {
  { "BT-27", CPT_EINVOICE_FIX_COMPANY, N_("Enter the business name in Preferences, Business.") },
  { "BT-30", CPT_EINVOICE_FIX_COMPANY, N_("Enter the business’s SIREN in Preferences, Business.") },
  { "BT-31", CPT_EINVOICE_FIX_COMPANY, N_("Enter the business’s VAT number in Preferences, Business.") },
  /* The tax registration of a French business is its SIREN. */
  { "BT-32", CPT_EINVOICE_FIX_COMPANY, N_("Enter the business’s SIREN in Preferences, Business.") },
  { "BT-34", CPT_EINVOICE_FIX_COMPANY, N_("Enter the business’s SIREN or email in Preferences, Business.") },
  { "BT-40", CPT_EINVOICE_FIX_COMPANY, N_("Enter the business’s country in Preferences, Business.") },
  { "BT-44", CPT_EINVOICE_FIX_CLIENT, N_("Enter the client’s name on its record.") },
  { "BT-47", CPT_EINVOICE_FIX_CLIENT, N_("Enter the client’s SIREN on its record.") },
  { "BT-48", CPT_EINVOICE_FIX_CLIENT, N_("Enter the client’s VAT number on its record.") },
  { "BT-49", CPT_EINVOICE_FIX_CLIENT, N_("Enter the client’s email or SIREN on its record.") },
  { "BT-55", CPT_EINVOICE_FIX_CLIENT, N_("Enter the client’s country code on its record.") },
  { "BT-80", CPT_EINVOICE_FIX_CLIENT, N_("Enter the delivery country on the client’s record.") },
  { "BT-2", CPT_EINVOICE_FIX_DOCUMENT, N_("Correct the document’s date.") },
  { "BT-5", CPT_EINVOICE_FIX_DOCUMENT, N_("Choose the document’s currency.") },
  { "BT-9", CPT_EINVOICE_FIX_DOCUMENT, N_("Set a due date on or after the document’s date.") },
  { "BT-25", CPT_EINVOICE_FIX_DOCUMENT, N_("Make the credit note from the invoice it corrects.") },
  { "BG-25", CPT_EINVOICE_FIX_LINES, N_("Add a line with what is sold.") },
  { "BT-126", CPT_EINVOICE_FIX_LINES, N_("Correct the line.") },
  { "BT-129", CPT_EINVOICE_FIX_LINES, N_("Enter the line’s quantity.") },
  { "BT-146", CPT_EINVOICE_FIX_LINES, N_("Enter a price that is not negative; a reduction is a discount.") },
  { "BT-153", CPT_EINVOICE_FIX_LINES, N_("Enter the line’s description.") },
  { "BT-152", CPT_EINVOICE_FIX_LINES, N_("Correct the line’s VAT rate or its exemption reason.") },
  { "BT-119", CPT_EINVOICE_FIX_LINES, N_("Correct the VAT rate of the lines.") },
  { "BT-120", CPT_EINVOICE_FIX_LINES, N_("Remove the exemption reason from the lines that carry VAT.") },
  { "BT-121", CPT_EINVOICE_FIX_LINES, N_("Choose the exemption reason of the lines at 0 % VAT.") },
};

static void
set_remedy (CptEinvoiceViolation *v)
{
  /* The same term, another cure: no VAT number may be shown when nothing is subject to it;
   * a VAT treatment that does not fit the client is more often the lines' mistake. */
  if (g_str_equal (v->rule, "BR-O-02"))
    {
      v->fix = CPT_EINVOICE_FIX_LINES;
      v->remedy = _("Choose another VAT treatment for the lines, or remove the VAT numbers.");
      return;
    }
  if (g_str_equal (v->rule, "BR-O-11") || g_str_equal (v->rule, "BR-O-12"))
    {
      v->fix = CPT_EINVOICE_FIX_LINES;
      v->remedy = _("Invoice the operations not subject to VAT on a document of their own.");
      return;
    }
  /* No VAT breakdown at all: there is no line yet. */
  if (g_str_equal (v->rule, "BR-CO-18"))
    {
      v->fix = CPT_EINVOICE_FIX_LINES;
      v->remedy = _("Add a line with what is sold.");
      return;
    }
  if (g_str_equal (v->rule, "CPT-K-01") || g_str_equal (v->rule, "CPT-G-01"))
    {
      v->fix = CPT_EINVOICE_FIX_LINES;
      v->remedy = _("Choose the VAT treatment that fits the client, or correct the client’s country.");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (remedies); i++)
    if (g_str_equal (remedies[i].field, v->field))
      {
        v->fix = remedies[i].fix;
        v->remedy = _(remedies[i].remedy);
        return;
      }
  v->fix = CPT_EINVOICE_FIX_NONE;
  v->remedy = _("Comptoir wrote this part itself: please report the problem.");
}

static void G_GNUC_PRINTF (4, 5)
add (GPtrArray *out, const char *rule, const char *field, const char *format, ...)
{
  CptEinvoiceViolation *v = g_new0 (CptEinvoiceViolation, 1);
  va_list args;

  va_start (args, format);
  v->rule = rule;
  v->field = field;
  v->message = g_strdup_vprintf (format, args);
  va_end (args);
  set_remedy (v);
  g_ptr_array_add (out, v);
}

const char *
cpt_einvoice_fix_to_string (CptEinvoiceFix fix)
{
  switch (fix)
    {
    case CPT_EINVOICE_FIX_COMPANY: return "company";
    case CPT_EINVOICE_FIX_CLIENT: return "client";
    case CPT_EINVOICE_FIX_DOCUMENT: return "document";
    case CPT_EINVOICE_FIX_LINES: return "lines";
    case CPT_EINVOICE_FIX_NONE:
    default: return "none";
    }
}

gboolean
cpt_einvoice_refuse (GPtrArray *violations, const char *name, GError **error)
{
  g_autoptr(GString) text = NULL;

  if (violations->len == 0)
    return TRUE;
  text = g_string_new (NULL);
  g_string_printf (text, _("Not validated: the e-invoicing platforms would refuse %s."), name);
  for (guint i = 0; i < violations->len; i++)
    {
      const CptEinvoiceViolation *v = g_ptr_array_index (violations, i);
      /* TRANSLATORS: one reason a document cannot be validated: what is wrong, what to
       * change, and the rule's identifier, e.g. "BR-FR-10" */
      g_string_append_printf (text, _("\n• %s %s (%s)"), v->message, v->remedy, v->rule);
    }
  g_set_error_literal (error, CPT_ERROR, CPT_ERROR_REFUSED, text->str);
  return FALSE;
}

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
is_siren (const char *text)
{
  if (text == NULL || strlen (text) != 9)
    return FALSE;
  for (guint i = 0; i < 9; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* BR-FR-03: a year from 2000 to 2099 */
static gboolean
year_ok (const char *iso)
{
  return iso == NULL || (strlen (iso) >= 4 && iso[0] == '2' && iso[1] == '0' &&
                         g_ascii_isdigit (iso[2]) && g_ascii_isdigit (iso[3]));
}

/* The member states of the European Union, as ISO 3166 codes (Greece also as EL, its VAT
 * prefix). The French overseas departments have codes of their own and are outside the EU's
 * VAT territory, as are Monaco's neighbours beyond it. */
static gboolean
is_eu_member (const char *country)
{
  static const char *const members[] = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "GR", "HR",
    "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
  };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (g_ascii_strcasecmp (country, members[i]) == 0)
      return TRUE;
  return FALSE;
}

/* One VAT category, its rule prefix and the name printed in messages. */
typedef struct
{
  const char *code;
  const char *prefix;
  const char *r01, *r02, *r05, *r08, *r09, *r10;
} Category;

#define CATEGORY(code, p) { code, p, p "-01", p "-02", p "-05", p "-08", p "-09", p "-10" }
static const Category categories[] = {
  CATEGORY ("S", "BR-S"), CATEGORY ("Z", "BR-Z"), CATEGORY ("E", "BR-E"),
  CATEGORY ("AE", "BR-AE"), CATEGORY ("K", "BR-IC"), CATEGORY ("G", "BR-G"),
  CATEGORY ("O", "BR-O"),
};

static const char *
category_name (const char *code)
{
  if (g_strcmp0 (code, "S") == 0) return _("standard rated");
  if (g_strcmp0 (code, "Z") == 0) return _("zero rated");
  if (g_strcmp0 (code, "E") == 0) return _("exempt from VAT");
  if (g_strcmp0 (code, "AE") == 0) return _("reverse charge");
  if (g_strcmp0 (code, "K") == 0) return _("intra-community supply");
  if (g_strcmp0 (code, "G") == 0) return _("export outside the EU");
  if (g_strcmp0 (code, "O") == 0) return _("not subject to VAT");
  return code;
}

static void
check_category (const CptEinvoice *inv, const Category *c, GPtrArray *out)
{
  const CptEinvoiceParty *s = &inv->seller, *b = &inv->buyer;
  const char *name = category_name (c->code);
  gboolean has_line = FALSE;
  guint breakdowns = 0;

  for (guint i = 0; i < inv->lines->len; i++)
    {
      const CptEinvoiceLine *line = g_ptr_array_index (inv->lines, i);
      g_autofree char *rate = NULL;

      if (g_strcmp0 (line->category, c->code) != 0)
        continue;
      has_line = TRUE;
      rate = cpt_percent_to_string (line->rate);
      if (g_str_equal (c->code, "O"))
        {
          if (line->has_rate)
            add (out, c->r05, "BT-152", _("Line %s is not subject to VAT and must not carry a VAT rate."), line->id);
        }
      else if (g_str_equal (c->code, "S") ? (!line->has_rate || line->rate <= 0)
                                          : (line->has_rate && line->rate != 0))
        add (out, c->r05, "BT-152",
             g_str_equal (c->code, "S") ? _("Line %s is standard rated: its VAT rate must be above zero (it is %s %%).")
                                        : _("Line %s is %s: its VAT rate must be 0 %% (it is %s %%)."),
             line->id, g_str_equal (c->code, "S") ? rate : name, rate);
    }
  for (guint i = 0; i < inv->vat->len; i++)
    {
      const CptEinvoiceVat *vat = g_ptr_array_index (inv->vat, i);
      gint64 base = 0, expected;
      g_autofree char *rate = NULL, *have = NULL, *want = NULL;

      if (g_strcmp0 (vat->category, c->code) != 0)
        continue;
      breakdowns++;
      rate = cpt_percent_to_string (vat->rate);
      for (guint j = 0; j < inv->lines->len; j++)
        {
          const CptEinvoiceLine *line = g_ptr_array_index (inv->lines, j);
          if (g_strcmp0 (line->category, c->code) == 0 &&
              (g_str_equal (c->code, "O") || (line->has_rate && line->rate == vat->rate)))
            base += line->net;
        }
      if (base != vat->base)
        {
          have = cpt_money_to_string (vat->base);
          want = cpt_money_to_string (base);
          add (out, c->r08, "BT-116", _("The VAT base for %s at %s %% is %s but its lines add up to %s."),
               name, rate, have, want);
          g_clear_pointer (&have, g_free);
          g_clear_pointer (&want, g_free);
        }
      expected = g_str_equal (c->code, "S") ? cpt_vat_amount (vat->base, vat->rate) : 0;
      if (ABS (vat->amount - expected) > (g_str_equal (c->code, "S") ? 100 : 0))
        {
          have = cpt_money_to_string (vat->amount);
          want = cpt_money_to_string (expected);
          add (out, c->r09, "BT-117", _("The VAT for %s at %s %% is %s; it must be %s."), name, rate, have, want);
        }
      if (g_str_equal (c->code, "S") || g_str_equal (c->code, "Z"))
        {
          if (!blank (vat->reason) || !blank (vat->reason_code))
            add (out, c->r10, "BT-120", _("VAT that is %s must not give an exemption reason."), name);
        }
      else if (blank (vat->reason) && blank (vat->reason_code))
        add (out, c->r10, "BT-121", _("VAT that is %s needs an exemption reason (code or text)."), name);
    }
  if (!has_line)
    return;
  if (breakdowns == 0)
    add (out, c->r01, "BG-23", _("Lines are %s but the VAT breakdown has no entry for it."), name);

  /* who must be identified for VAT */
  if (g_str_equal (c->code, "O"))
    {
      if (!blank (s->vat_id) || !blank (b->vat_id))
        add (out, "BR-O-02", "BT-31",
             _("Lines not subject to VAT: the invoice must carry neither the seller’s nor the buyer’s VAT number."));
    }
  else if (g_str_equal (c->code, "K") || g_str_equal (c->code, "G"))
    {
      if (blank (s->vat_id))
        add (out, c->r02, "BT-31", _("Lines are %s: the seller’s VAT number is needed."), name);
      if (g_str_equal (c->code, "K") && blank (b->vat_id))
        add (out, c->r02, "BT-48", _("Lines are %s: the buyer’s VAT number is needed."), name);
    }
  else
    {
      if (blank (s->vat_id) && blank (s->tax_registration))
        add (out, c->r02, "BT-32", _("Lines are %s: the seller’s VAT number or tax registration is needed."), name);
      if (g_str_equal (c->code, "AE") && blank (b->vat_id) && blank (b->legal_id))
        add (out, c->r02, "BT-48", _("Lines are %s: the buyer’s VAT number or legal registration is needed."), name);
    }
  if (g_str_equal (c->code, "K") && blank (inv->deliver_country))
    add (out, "BR-IC-12", "BT-80", _("An intra-community supply needs the country delivered to."));

  /* Comptoir's own coherence rules (CPT-*): the validators cannot know where the buyer is
   * established, but the tax office does, and these are the mistakes users make. */
  if (g_str_equal (c->code, "K") && !blank (b->country) &&
      (!is_eu_member (b->country) || g_ascii_strcasecmp (b->country, s->country ? s->country : "FR") == 0))
    add (out, "CPT-K-01", "BT-55",
         _("Lines are %s, but the buyer is not established in another EU member state (its country is %s)."),
         name, b->country);
  if (g_str_equal (c->code, "G"))
    {
      const char *to = !blank (inv->deliver_country) ? inv->deliver_country : b->country;
      if (!blank (to) && is_eu_member (to))
        add (out, "CPT-G-01", "BT-80",
             _("Lines are %s, but the goods go to %s, inside the EU."), name, to);
    }
  if (g_str_equal (c->code, "AE") && blank (b->vat_id) && !blank (b->legal_id))
    add (out, "CPT-AE-01", "BT-48", _("Lines are %s: the buyer’s VAT number is needed."), name);
}

/* BR-O-11, BR-O-12: an operation outside the scope of VAT is invoiced on its own. */
static void
check_not_subject (const CptEinvoice *inv, GPtrArray *out)
{
  gboolean outside = FALSE, other_breakdown = FALSE, other_line = FALSE;

  for (guint i = 0; i < inv->vat->len; i++)
    {
      const CptEinvoiceVat *vat = g_ptr_array_index (inv->vat, i);
      if (g_strcmp0 (vat->category, "O") == 0)
        outside = TRUE;
      else
        other_breakdown = TRUE;
    }
  if (!outside)
    return;
  for (guint i = 0; i < inv->lines->len; i++)
    if (g_strcmp0 (((const CptEinvoiceLine *) g_ptr_array_index (inv->lines, i))->category, "O") != 0)
      other_line = TRUE;
  if (other_breakdown)
    add (out, "BR-O-11", "BG-23",
         _("Operations not subject to VAT cannot share an invoice with operations subject to it."));
  if (other_line)
    add (out, "BR-O-12", "BT-151",
         _("Operations not subject to VAT cannot share an invoice with lines of another VAT treatment."));
}

static void
check_sums (const CptEinvoice *inv, GPtrArray *out)
{
  gint64 lines = 0, vat = 0;
  g_autofree char *a = NULL, *b = NULL;

#define MISMATCH(rule, field, msg, have, want) G_STMT_START {                       \
    g_free (a); g_free (b);                                                         \
    a = cpt_money_to_string (have); b = cpt_money_to_string (want);                 \
    add (out, rule, field, msg, a, b); } G_STMT_END

  for (guint i = 0; i < inv->lines->len; i++)
    lines += ((const CptEinvoiceLine *) g_ptr_array_index (inv->lines, i))->net;
  for (guint i = 0; i < inv->vat->len; i++)
    vat += ((const CptEinvoiceVat *) g_ptr_array_index (inv->vat, i))->amount;
  if (inv->line_total != lines)
    MISMATCH ("BR-CO-10", "BT-106", _("The sum of line net amounts is %s but the lines add up to %s."),
              inv->line_total, lines);
  if (inv->tax_exclusive != inv->line_total - inv->allowances + inv->charges)
    MISMATCH ("BR-CO-13", "BT-109", _("The total without VAT is %s; it must be %s."),
              inv->tax_exclusive, inv->line_total - inv->allowances + inv->charges);
  if (inv->tax_total != vat)
    MISMATCH ("BR-CO-14", "BT-110", _("The VAT total is %s but the VAT breakdown adds up to %s."),
              inv->tax_total, vat);
  if (inv->grand_total != inv->tax_exclusive + inv->tax_total)
    MISMATCH ("BR-CO-15", "BT-112", _("The total with VAT is %s; it must be %s."),
              inv->grand_total, inv->tax_exclusive + inv->tax_total);
  if (inv->due != inv->grand_total - inv->prepaid + inv->rounding)
    MISMATCH ("BR-CO-16", "BT-115", _("The amount due is %s; it must be %s."),
              inv->due, inv->grand_total - inv->prepaid + inv->rounding);
  for (guint i = 0; i < inv->vat->len; i++)
    {
      const CptEinvoiceVat *entry = g_ptr_array_index (inv->vat, i);
      gint64 want = cpt_vat_amount (entry->base, entry->has_rate ? entry->rate : 0);
      /* As the CEN schematron: up to one currency unit apart. A balance invoice's VAT is its
       * items' VAT less each deposit's own rounded VAT, which may be a cent off base x rate. */
      if (ABS (entry->amount - want) > 100)
        MISMATCH ("BR-CO-17", "BT-117", _("A VAT amount is %s; its base times its rate, rounded, is %s."),
                  entry->amount, want);
    }
#undef MISMATCH
  if (inv->vat->len == 0)
    add (out, "BR-CO-18", "BG-23", _("The invoice needs at least one VAT breakdown."));
  if (inv->due > 0 && blank (inv->due_date) && blank (inv->payment_terms))
    add (out, "BR-CO-25", "BT-9", _("An amount is due: give a due date or payment terms."));
}

static gboolean
rate_allowed (gint64 rate)
{
  return cpt_vat_rate_is_valid (rate);
}

GPtrArray *
cpt_einvoice_check (const CptEinvoice *inv)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (violation_free);
  const CptEinvoiceParty *s = &inv->seller, *b = &inv->buyer;
  static const char *const processes[] = { "B1", "S1", "M1", "B2", "S2", "M2", "S3", "B4", "S4", "M4",
                                           "S5", "S6", "B7", "S7", "B8", "S8", "M8", NULL };

  if (blank (inv->specification))
    add (out, "BR-01", "BT-24", _("The specification identifier is missing."));
  if (blank (inv->number) && !inv->draft)
    add (out, "BR-02", "BT-1", _("The invoice number is missing."));
  if (blank (inv->issue_date))
    add (out, "BR-03", "BT-2", _("The issue date is missing."));
  if (inv->type_code == 0)
    add (out, "BR-04", "BT-3", _("The document type is missing."));
  if (blank (inv->currency))
    add (out, "BR-05", "BT-5", _("The currency is missing."));
  if (blank (s->name))
    add (out, "BR-06", "BT-27", _("The seller’s name is missing."));
  if (blank (b->name))
    add (out, "BR-07", "BT-44", _("The buyer’s name is missing."));
  if (blank (s->country))
    add (out, "BR-09", "BT-40", _("The seller’s country is missing."));
  if (blank (b->country))
    add (out, "BR-11", "BT-55", _("The buyer’s country is missing."));
  if (inv->lines->len == 0)
    add (out, "BR-16", "BG-25", _("The invoice has no line."));
  for (guint i = 0; i < inv->lines->len; i++)
    {
      const CptEinvoiceLine *line = g_ptr_array_index (inv->lines, i);

      if (blank (line->id))
        add (out, "BR-21", "BT-126", _("A line has no identifier."));
      if (line->quantity == 0)
        add (out, "BR-22", "BT-129", _("Line %s has no quantity."), line->id);
      if (blank (line->name))
        add (out, "BR-25", "BT-153", _("Line %s has no item name."), line->id);
      if (line->price < 0)
        add (out, "BR-27", "BT-146", _("Line %s has a negative unit price: use a negative quantity instead."),
             line->id);
    }
  check_sums (inv, out);
  if (blank (s->vat_id) && blank (s->legal_id))
    add (out, "BR-CO-26", "BT-30", _("The seller needs a VAT number or a legal registration (SIREN)."));
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    check_category (inv, &categories[i], out);
  check_not_subject (inv, out);

  /* BR-FR 1.4 */
  if (!year_ok (inv->issue_date) || !year_ok (inv->due_date))
    add (out, "BR-FR-03", "BT-2", _("Dates must fall in the years 2000 to 2099."));
  if (inv->process == NULL || !g_strv_contains (processes, inv->process))
    add (out, "BR-FR-08", "BT-23", _("The billing framework “%s” is not one of the French codes."),
         inv->process ? inv->process : "");
  if (!is_siren (s->legal_id) || g_strcmp0 (s->legal_scheme, "0002") != 0)
    add (out, "BR-FR-10", "BT-30", _("The seller’s SIREN must be given, as 9 digits."));
  if (g_strcmp0 (inv->billing_route, "B2B") == 0 && !is_siren (b->legal_id))
    add (out, "BR-FR-11", "BT-47", _("The buyer is a French business: its SIREN must be given, as 9 digits."));
  if (blank (b->endpoint))
    add (out, "BR-FR-12", "BT-49", _("The buyer has no electronic address (SIREN or email)."));
  if (blank (s->endpoint))
    add (out, "BR-FR-13", "BT-34", _("The seller has no electronic address (SIREN or email)."));
  for (guint i = 0; i < inv->lines->len; i++)
    {
      const CptEinvoiceLine *line = g_ptr_array_index (inv->lines, i);
      if (line->has_rate && !rate_allowed (line->rate))
        {
          g_autofree char *rate = cpt_percent_to_string (line->rate);
          add (out, "BR-FR-16", "BT-152", _("Line %s has a VAT rate of %s %%, which is not a French rate."),
               line->id, rate);
        }
    }
  for (guint i = 0; i < inv->vat->len; i++)
    {
      const CptEinvoiceVat *vat = g_ptr_array_index (inv->vat, i);
      if (vat->has_rate && !rate_allowed (vat->rate))
        {
          g_autofree char *rate = cpt_percent_to_string (vat->rate);
          add (out, "BR-FR-16", "BT-119", _("The VAT breakdown has a rate of %s %%, which is not a French rate."),
               rate);
        }
    }
  if (inv->type_code == 381 && inv->preceding->len == 0)
    add (out, "BR-FR-CO-05", "BT-25", _("A credit note must cite the invoice it credits."));
  if (inv->type_code != 386 && inv->due_date != NULL && inv->issue_date != NULL &&
      g_strcmp0 (inv->due_date, inv->issue_date) < 0)
    add (out, "BR-FR-CO-07", "BT-9", _("The due date is before the issue date."));
  return out;
}
