/* cpt-formal-notice.c: the formal notice to pay, drawn with cairo and Pango on one A4 page,
 * in the plain shape of a French business letter: sender top left, addressee on the right,
 * place and date, subject, the claim as a short table, the notice itself, the signature. */
#define G_LOG_DOMAIN "cpt-formal-notice"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "cpt-dates.h"
#include "cpt-error.h"
#include "cpt-formal-notice.h"
#include "cpt-identifiers.h"
#include "cpt-layout.h"
#include "cpt-money.h"
#include "cpt-pdf.h"

#define MARGIN_X      56.0
#define MARGIN_TOP    52.0
#define WIDTH         (CPT_LAYOUT_PAGE_WIDTH - 2 * MARGIN_X)
#define ADDRESS_X     310.0
#define FONT_FAMILY   "Cantarell, DejaVu Sans, sans-serif"

static const double ink[3] = { 0.13, 0.13, 0.15 };
static const double muted[3] = { 0.40, 0.41, 0.44 };
static const double rule[3] = { 0.78, 0.79, 0.81 };
static const double shade[3] = { 0.935, 0.945, 0.96 };

typedef struct
{
  cairo_t               *cr;
  const CptFormalNotice *notice;
  const CptRenderDocument *doc;
  gboolean               en;
  double                 y;
} Letter;

#define T(fr, en_text) (letter->en ? (en_text) : (fr))

/* Draws `text` at (x, y) within `width`; returns its height. */
static double
draw_text (Letter *letter, double x, double y, double width, const char *text, double size,
           gboolean bold, const double *color, PangoAlignment align)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (letter->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);
  int w, h;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  cairo_set_source_rgb (letter->cr, color[0], color[1], color[2]);
  cairo_move_to (letter->cr, x, y);
  pango_cairo_show_layout (letter->cr, layout);
  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* A paragraph of the letter's body, then a gap. */
static void
paragraph (Letter *letter, const char *text, gboolean bold)
{
  letter->y += draw_text (letter, MARGIN_X, letter->y, WIDTH, text, 10.0, bold, ink,
                          PANGO_ALIGN_LEFT) + 10.0;
}

static char *
money (Letter *letter, gint64 minor)
{
  return cpt_money_format (minor, letter->doc->currency, letter->doc->language);
}

static char *
date_text (Letter *letter, const char *iso)
{
  return cpt_date_format (iso, letter->doc->language);
}

static void
append_address (GString *out, const CptRenderParty *party, gboolean en)
{
  if (party->address != NULL)
    g_string_append_printf (out, "\n%s", party->address);
  if (party->postcode != NULL || party->city != NULL)
    g_string_append_printf (out, "\n%s%s%s", party->postcode ? party->postcode : "",
                            party->postcode && party->city ? " " : "", party->city ? party->city : "");
  if (party->country != NULL && g_strcmp0 (party->country, "FR") != 0)
    g_string_append_printf (out, "\n%s", cpt_layout_country_name (party->country, en));
}

static void
draw_parties (Letter *letter)
{
  const CptRenderDocument *doc = letter->doc;
  g_autoptr(GString) seller = g_string_new (NULL);
  g_autoptr(GString) buyer = g_string_new (NULL);
  g_autofree char *when = date_text (letter, letter->notice->date);
  g_autofree char *place = NULL;
  double h;

  append_address (seller, &doc->seller, letter->en);
  if (doc->seller.siren != NULL)
    g_string_append_printf (seller, "\nSIREN %s", doc->seller.siren);
  if (doc->seller.email != NULL)
    g_string_append_printf (seller, "\n%s", doc->seller.email);
  if (doc->seller.phone != NULL)
    g_string_append_printf (seller, "\n%s", doc->seller.phone);
  h = draw_text (letter, MARGIN_X, MARGIN_TOP, 230, doc->seller.name ? doc->seller.name : "",
                 12.5, TRUE, ink, PANGO_ALIGN_LEFT);
  draw_text (letter, MARGIN_X, MARGIN_TOP + h + 2, 230, seller->str[0] ? seller->str + 1 : "",
             8.5, FALSE, muted, PANGO_ALIGN_LEFT);

  append_address (buyer, &doc->buyer, letter->en);
  h = draw_text (letter, ADDRESS_X, MARGIN_TOP + 90, CPT_LAYOUT_PAGE_WIDTH - MARGIN_X - ADDRESS_X,
                 doc->buyer.name ? doc->buyer.name : "", 10.5, TRUE, ink, PANGO_ALIGN_LEFT);
  h += draw_text (letter, ADDRESS_X, MARGIN_TOP + 90 + h + 2,
                  CPT_LAYOUT_PAGE_WIDTH - MARGIN_X - ADDRESS_X,
                  buyer->str[0] ? buyer->str + 1 : "", 10.0, FALSE, ink, PANGO_ALIGN_LEFT);

  place = doc->seller.city != NULL ? g_strdup_printf (T ("%s, le %s", "%s, %s"), doc->seller.city, when)
                                   : g_strdup_printf (T ("Le %s", "%s"), when);
  letter->y = MAX (MARGIN_TOP + 90 + h + 28, 230);
  letter->y += draw_text (letter, ADDRESS_X, letter->y, CPT_LAYOUT_PAGE_WIDTH - MARGIN_X - ADDRESS_X,
                          place, 10.0, FALSE, ink, PANGO_ALIGN_LEFT) + 26;
}

/* The claim: the invoice with its days late and what remains, then the penalties. */
static void
draw_claim (Letter *letter)
{
  const CptFormalNotice *n = letter->notice;
  const CptRenderDocument *doc = letter->doc;
  const char *due = doc->due_date ? doc->due_date : doc->date;
  const char *heads[] = { T ("Facture", "Invoice"), T ("Date", "Date"), T ("Échéance", "Due date"),
                          T ("Jours de retard", "Days late"), T ("Reste dû", "Amount due") };
  const double x[] = { MARGIN_X, MARGIN_X + 120, MARGIN_X + 205, MARGIN_X + 290, MARGIN_X + 380 };
  const double w[] = { 115, 80, 80, 85, WIDTH - 380 };
  g_autofree char *date = date_text (letter, doc->date), *due_text = date_text (letter, due);
  g_autofree char *days = g_strdup_printf ("%d", MAX (cpt_date_days_between (due, n->date), 0));
  g_autofree char *balance = money (letter, n->balance);
  const char *cells[] = { doc->number ? doc->number : "", date, due_text, days, balance };
  gint64 total = n->balance + n->penalties.interest + n->penalties.recovery_indemnity;
  double row = 20.0;

  cairo_set_source_rgb (letter->cr, shade[0], shade[1], shade[2]);
  cairo_rectangle (letter->cr, MARGIN_X, letter->y, WIDTH, row);
  cairo_fill (letter->cr);
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    draw_text (letter, x[i] + 4, letter->y + 5, w[i] - 8, heads[i], 8.5, TRUE, ink,
               i >= 3 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  letter->y += row;
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    draw_text (letter, x[i] + 4, letter->y + 5, w[i] - 8, cells[i], 9.5, FALSE, ink,
               i >= 3 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  letter->y += row;
  cairo_set_source_rgb (letter->cr, rule[0], rule[1], rule[2]);
  cairo_set_line_width (letter->cr, 0.6);
  cairo_move_to (letter->cr, MARGIN_X, letter->y + 0.5);
  cairo_line_to (letter->cr, MARGIN_X + WIDTH, letter->y + 0.5);
  cairo_stroke (letter->cr);
  letter->y += 6;

  if (n->penalties.recovery_indemnity > 0)
    {
      g_autofree char *rate = cpt_decimal_format (n->penalties.rate, 2, 0, doc->language);
      g_autofree char *interest_label = g_strdup_printf (
        T ("Pénalités de retard, taux annuel de %s %% sur %" G_GINT64_FORMAT " jours (art. L441-10 du Code de commerce)",
           "Late-payment interest, annual rate of %s %% over %" G_GINT64_FORMAT " days (art. L441-10, French Commercial Code)"),
        rate, n->penalties.days_late);
      g_autofree char *interest = money (letter, n->penalties.interest);
      g_autofree char *indemnity = money (letter, n->penalties.recovery_indemnity);
      g_autofree char *sum = money (letter, total);
      const char *labels[] = {
        interest_label,
        T ("Indemnité forfaitaire pour frais de recouvrement (art. D441-5 du Code de commerce)",
           "Flat recovery indemnity (art. D441-5, French Commercial Code)"),
      };
      const char *values[] = { interest, indemnity };

      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          double h = draw_text (letter, MARGIN_X + 4, letter->y + 3, 370, labels[i], 8.5, FALSE,
                                muted, PANGO_ALIGN_LEFT);

          draw_text (letter, x[4] + 4, letter->y + 3, w[4] - 8, values[i], 9.5, FALSE, ink,
                     PANGO_ALIGN_RIGHT);
          letter->y += MAX (h, 12) + 6;
        }
      draw_text (letter, MARGIN_X + 4, letter->y + 3, 370, T ("Total réclamé", "Total claimed"),
                 10.0, TRUE, ink, PANGO_ALIGN_LEFT);
      draw_text (letter, x[4] + 4, letter->y + 3, w[4] - 8, sum, 10.0, TRUE, ink, PANGO_ALIGN_RIGHT);
      letter->y += 22;
    }
  letter->y += 14;
}

static void
draw_body (Letter *letter)
{
  const CptFormalNotice *n = letter->notice;
  const CptRenderDocument *doc = letter->doc;
  gint64 total = n->balance + n->penalties.interest + n->penalties.recovery_indemnity;
  g_autofree char *subject = g_strdup_printf (T ("Objet : mise en demeure de payer – facture %s",
                                                 "Subject: formal notice to pay – invoice %s"),
                                              doc->number ? doc->number : "");
  g_autofree char *sum = money (letter, total);
  g_autofree char *deadline = date_text (letter, n->deadline);
  g_autofree char *notice = NULL;

  paragraph (letter, subject, TRUE);
  letter->y += 6;
  paragraph (letter, T ("Madame, Monsieur,", "Dear Sir or Madam,"), FALSE);
  paragraph (letter, T ("Malgré nos relances, la facture ci-dessous reste impayée à ce jour :",
                        "Despite our reminders, the invoice below remains unpaid to this day:"), FALSE);
  draw_claim (letter);
  notice = g_strdup_printf (
    T ("Par la présente, nous vous mettons en demeure de nous régler la somme de %s au plus tard "
       "le %s (article 1344 du Code civil). À défaut de paiement à cette date, nous engagerons "
       "sans autre avis une procédure de recouvrement, amiable ou judiciaire.",
       "We hereby give you formal notice to pay us the sum of %s by %s (article 1344 of the "
       "French Civil Code). Failing payment by that date, we will start recovery proceedings, "
       "amicable or judicial, without further notice."), sum, deadline);
  paragraph (letter, notice, FALSE);
  if (n->penalties.recovery_indemnity > 0)
    paragraph (letter, T ("Les pénalités de retard courent jusqu’au paiement complet.",
                          "Late-payment interest runs until payment in full."), FALSE);
  if (doc->seller.iban != NULL)
    {
      g_autofree char *iban = cpt_iban_format (doc->seller.iban);
      g_autofree char *details = doc->seller.bic
        ? g_strdup_printf (T ("Règlement par virement : IBAN %s – BIC %s", "Payment by bank transfer: IBAN %s – BIC %s"),
                           iban, doc->seller.bic)
        : g_strdup_printf (T ("Règlement par virement : IBAN %s", "Payment by bank transfer: IBAN %s"), iban);

      paragraph (letter, details, FALSE);
    }
  paragraph (letter, T ("Si votre règlement nous est parvenu entre-temps, nous vous prions de ne "
                        "pas tenir compte de cette lettre.",
                        "If your payment has reached us in the meantime, please disregard this letter."), FALSE);
  paragraph (letter, T ("Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.",
                        "Yours faithfully,"), FALSE);
  letter->y += 10;
  draw_text (letter, ADDRESS_X, letter->y, CPT_LAYOUT_PAGE_WIDTH - MARGIN_X - ADDRESS_X,
             doc->seller.name ? doc->seller.name : "", 10.0, TRUE, ink, PANGO_ALIGN_LEFT);
}

GBytes *
cpt_formal_notice_render (const CptFormalNotice *notice, GError **error)
{
  GByteArray *array = g_byte_array_sized_new (32 * 1024);
  g_autoptr(GBytes) pdf = NULL;
  Letter letter_data = { 0 };
  Letter *letter = &letter_data;
  g_autofree char *title = NULL, *stamp = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (notice != NULL && notice->invoice != NULL && notice->date != NULL, NULL);

  letter->notice = notice;
  letter->doc = notice->invoice;
  letter->en = g_strcmp0 (notice->invoice->language, "fr") != 0;
  title = g_strdup_printf (T ("Mise en demeure de payer – facture %s", "Formal notice to pay – invoice %s"),
                           letter->doc->number ? letter->doc->number : "");
  /* The letter's day, not the moment it is drawn: the same notice, the same file. */
  stamp = g_strdup_printf ("%sT00:00:00Z", notice->date);
  surface = cairo_pdf_surface_create_for_stream (cpt_pdf_append_to_array, array, CPT_LAYOUT_PAGE_WIDTH,
                                                 CPT_LAYOUT_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                  letter->doc->seller.name ? letter->doc->seller.name : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Comptoir " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, stamp);
  letter->cr = cairo_create (surface);
  cairo_set_source_rgb (letter->cr, 1, 1, 1);
  cairo_paint (letter->cr);
  draw_parties (letter);
  draw_body (letter);
  cairo_show_page (letter->cr);
  cairo_destroy (letter->cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  pdf = g_byte_array_free_to_bytes (array);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("The formal notice could not be written: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_steal_pointer (&pdf);
}
