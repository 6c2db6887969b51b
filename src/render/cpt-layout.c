#define G_LOG_DOMAIN "cpt-layout"

#include "cpt-layout.h"
#include "cpt-dates.h"
#include "cpt-money.h"
#include "cpt-units.h"
#include "cpt-vat.h"
#include "cpt-company.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

/* ---------------------------------------------------------------- geometry and style */

#define MARGIN_X       42.0
#define MARGIN_TOP     40.0
#define MARGIN_BOTTOM  28.0
#define CONTENT_WIDTH  (CPT_LAYOUT_PAGE_WIDTH - 2 * MARGIN_X)
#define ROW_PAD        4.0
#define CELL_PAD       4.0
#define BLOCK_GAP      14.0
#define FONT_FAMILY    "Cantarell, DejaVu Sans, sans-serif"

static const double ink[3] = { 0.13, 0.13, 0.15 };
static const double muted[3] = { 0.40, 0.41, 0.44 };
static const double accent[3] = { 0.16, 0.32, 0.50 };
static const double rule[3] = { 0.78, 0.79, 0.81 };
static const double shade[3] = { 0.935, 0.945, 0.96 };
static const double watermark[3] = { 0.90, 0.90, 0.91 };
static const double white[3] = { 1.0, 1.0, 1.0 };

typedef enum
{
  STYLE_BODY,       /* 8.5 pt */
  STYLE_BOLD,
  STYLE_SMALL,      /* 7 pt */
  STYLE_SMALL_BOLD,
  STYLE_NAME,       /* the seller's name */
  STYLE_TITLE,      /* "Facture" */
  STYLE_NUMBER,
  STYLE_TOTAL,      /* the amount due */
  STYLE_WATERMARK,
  N_STYLES
} Style;

static const struct
{
  double      size;
  PangoWeight weight;
  PangoStyle  slant;
} styles[N_STYLES] = {
  [STYLE_BODY] = { 8.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [STYLE_BOLD] = { 8.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [STYLE_SMALL] = { 7.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
  [STYLE_SMALL_BOLD] = { 7.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [STYLE_NAME] = { 12.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [STYLE_TITLE] = { 21.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [STYLE_NUMBER] = { 11.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [STYLE_TOTAL] = { 10.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  [STYLE_WATERMARK] = { 96.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
};

/* ---------------------------------------------------------------- display lists */

/* A block is a small display list, positioned relative to its own top-left corner; pages
 * place blocks one under the other. */
typedef struct
{
  PangoLayout  *layout;
  double        x, y;
  const double *color;
  int           from_line, to_line;   /* to_line -1: every line */
} Text;

typedef struct
{
  double        x, y, w, h;
  const double *color;
  double        stroke;               /* 0: filled; otherwise a line of that width */
} Shape;

typedef struct
{
  GPtrArray *texts;
  GArray    *shapes;
  cairo_surface_t *image;
  double     image_x, image_y, image_scale;
  double     height;
} Block;

typedef struct
{
  Block  *block;
  double  y;
} Placement;

typedef struct
{
  GArray *placements;
  Block  *footer;
} Page;

typedef enum
{
  COL_QUANTITY,
  COL_UNIT,
  COL_PRICE,
  COL_DISCOUNT,
  COL_VAT,
  COL_TOTAL,
  N_COLUMNS
} Column;

struct _CptLayout
{
  const CptRenderDocument *doc;
  gboolean                 en;
  PangoContext            *context;
  PangoFontDescription    *fonts[N_STYLES];
  GPtrArray               *blocks;     /* every Block, owned */
  GPtrArray               *pages;      /* Page */
  Block                   *first_header;
  Block                   *next_header;
  Block                   *table_header;
  Block                   *watermark;
  gboolean                 show_column[N_COLUMNS];
  double                   column_x[N_COLUMNS];
  double                   column_w[N_COLUMNS];
  double                   description_w;
  double                   footer_height;
  cairo_surface_t         *logo;
};

static void
text_free (Text *text)
{
  g_object_unref (text->layout);
  g_free (text);
}

static void
block_free (Block *block)
{
  g_ptr_array_unref (block->texts);
  g_array_unref (block->shapes);
  g_clear_pointer (&block->image, cairo_surface_destroy);
  g_free (block);
}

static Block *
block_new (CptLayout *self)
{
  Block *block = g_new0 (Block, 1);

  block->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) text_free);
  block->shapes = g_array_new (FALSE, FALSE, sizeof (Shape));
  g_ptr_array_add (self->blocks, block);
  return block;
}

static PangoLayout *
make_layout (CptLayout *self, const char *text, Style style, double width, PangoAlignment align)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, self->fonts[style]);
  /* Cantarell has no U+202F NARROW NO-BREAK SPACE (French digit groups, "20 %"): Pango
   * would fall back to a sliver. A thin space held by a word joiner looks right and still
   * never breaks. */
  if (text != NULL && strstr (text, "\u202f") != NULL)
    {
      g_autoptr(GString) fixed = g_string_new (text);
      g_string_replace (fixed, "\u202f", "\u2009\u2060", 0);
      pango_layout_set_text (layout, fixed->str, -1);
    }
  else
    pango_layout_set_text (layout, text ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* Adds text at (x, y) of the block; returns its height. */
static double
add_text (CptLayout *self, Block *block, const char *string, Style style, const double *color,
          double x, double y, double width, PangoAlignment align)
{
  Text *text = g_new0 (Text, 1);

  text->layout = make_layout (self, string, style, width, align);
  text->x = x;
  text->y = y;
  text->color = color;
  text->to_line = -1;
  g_ptr_array_add (block->texts, text);
  return layout_height (text->layout);
}

static void
add_shape (Block *block, double x, double y, double w, double h, const double *color, double stroke)
{
  Shape shape = { x, y, w, h, color, stroke };

  g_array_append_val (block->shapes, shape);
}

static void
add_hline (Block *block, double x, double y, double w, const double *color, double width)
{
  add_shape (block, x, y, w, 0, color, width);
}

static void
draw_text (cairo_t *cr, Text *text, double dy)
{
  PangoLayoutIter *iter;
  int first_top = -1, index = 0;

  cairo_set_source_rgb (cr, text->color[0], text->color[1], text->color[2]);
  if (text->to_line < 0)
    {
      cairo_move_to (cr, text->x, text->y + dy);
      pango_cairo_show_layout (cr, text->layout);
      return;
    }
  /* Part of a description longer than a page: only lines [from, to). */
  iter = pango_layout_get_iter (text->layout);
  do
    {
      if (index >= text->from_line && index < text->to_line)
        {
          PangoRectangle logical;
          int top, baseline = pango_layout_iter_get_baseline (iter);

          pango_layout_iter_get_line_yrange (iter, &top, NULL);
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          if (first_top < 0)
            first_top = top;
          cairo_move_to (cr, text->x + (double) logical.x / PANGO_SCALE,
                         text->y + dy + (double) (baseline - first_top) / PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_block (cairo_t *cr, Block *block, double dy)
{
  for (guint i = 0; i < block->shapes->len; i++)
    {
      Shape *shape = &g_array_index (block->shapes, Shape, i);

      cairo_set_source_rgb (cr, shape->color[0], shape->color[1], shape->color[2]);
      if (shape->stroke == 0)
        {
          cairo_rectangle (cr, shape->x, shape->y + dy, shape->w, shape->h);
          cairo_fill (cr);
        }
      else
        {
          cairo_set_line_width (cr, shape->stroke);
          if (shape->h == 0)
            {
              cairo_move_to (cr, shape->x, shape->y + dy);
              cairo_line_to (cr, shape->x + shape->w, shape->y + dy);
            }
          else
            cairo_rectangle (cr, shape->x, shape->y + dy, shape->w, shape->h);
          cairo_stroke (cr);
        }
    }
  if (block->image != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, block->image_x, block->image_y + dy);
      cairo_scale (cr, block->image_scale, block->image_scale);
      cairo_set_source_surface (cr, block->image, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  for (guint i = 0; i < block->texts->len; i++)
    draw_text (cr, g_ptr_array_index (block->texts, i), dy);
}

/* ---------------------------------------------------------------- formatting */

static char *
money (CptLayout *self, gint64 minor)
{
  return cpt_money_format (minor, self->doc->currency, self->doc->language);
}

/* "12,3456 €": unit prices keep up to 4 decimals, at least 2. */
static char *
unit_price (CptLayout *self, gint64 price)
{
  g_autofree char *pattern = NULL, *digits = NULL, *zero = NULL;
  GString *out;
  const char *at;

  if (price % 100 == 0)
    return money (self, price / 100);
  /* Same sign and currency placement as money: format 0 and put the digits in its place. */
  pattern = money (self, 0);
  zero = cpt_decimal_format (0, 2, 2, self->doc->language);
  digits = cpt_decimal_format (ABS (price), 4, 2, self->doc->language);
  at = strstr (pattern, zero);
  if (at == NULL)
    return g_steal_pointer (&digits);
  out = g_string_new (price < 0 ? "-" : "");
  g_string_append_len (out, pattern, at - pattern);
  g_string_append (out, digits);
  g_string_append (out, at + strlen (zero));
  return g_string_free (out, FALSE);
}

/* "10 000 €" for a share capital: no cents when there are none. */
static char *
money_whole (CptLayout *self, gint64 minor)
{
  char *text = money (self, minor);
  const char *decimals = self->en ? ".00" : ",00";
  char *at;

  if (minor % 100 == 0 && (at = strstr (text, decimals)) != NULL)
    memmove (at, at + 3, strlen (at + 3) + 1);
  return text;
}

static char *
percent (CptLayout *self, gint64 hundredths)
{
  g_autofree char *number = cpt_decimal_format (hundredths, 2, 0, self->doc->language);

  /* French puts a narrow no-break space before %. */
  return g_strconcat (number, self->en ? "%" : "\u202f%", NULL);
}

static char *
quantity (CptLayout *self, gint64 thousandths)
{
  return cpt_decimal_format (thousandths, 3, 0, self->doc->language);
}

static char *
date (CptLayout *self, const char *iso)
{
  return cpt_date_format (iso, self->doc->language);
}

/* "732 829 320", "732 829 320 00074" */
static char *
group_siren (const char *digits)
{
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i == 3 || i == 6 || i == 9)
        g_string_append (out, "\u00a0");
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/* "FR76 3000 6000 0112 3456 7890 189" */
static char *
group_iban (const char *iban)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; iban[i]; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, iban[i]);
    }
  return g_string_free (out, FALSE);
}

static const struct
{
  const char *code, *fr, *en;
} countries[] = {
  { "FR", "France", "France" }, { "BE", "Belgique", "Belgium" }, { "CH", "Suisse", "Switzerland" },
  { "LU", "Luxembourg", "Luxembourg" }, { "DE", "Allemagne", "Germany" },
  { "ES", "Espagne", "Spain" }, { "IT", "Italie", "Italy" }, { "PT", "Portugal", "Portugal" },
  { "NL", "Pays-Bas", "Netherlands" }, { "GB", "Royaume-Uni", "United Kingdom" },
  { "IE", "Irlande", "Ireland" }, { "AT", "Autriche", "Austria" }, { "US", "États-Unis", "United States" },
  { "CA", "Canada", "Canada" }, { "MC", "Monaco", "Monaco" }, { "DK", "Danemark", "Denmark" },
  { "SE", "Suède", "Sweden" }, { "PL", "Pologne", "Poland" }, { "GR", "Grèce", "Greece" },
};

const char *
cpt_layout_country_name (const char *code, gboolean en)
{
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_ascii_strcasecmp (code, countries[i].code) == 0)
      return en ? countries[i].en : countries[i].fr;
  return code;
}

static const char *
country_name (CptLayout *self, const char *code)
{
  return cpt_layout_country_name (code, self->en);
}

/* The postal lines of an address: street (one or more lines), "69002 Lyon", the country
 * when it is not the seller's. */
static char *
address_text (CptLayout *self, const char *street, const char *postcode, const char *city,
              const char *country)
{
  GString *out = g_string_new (NULL);

  if (street != NULL)
    g_string_append (out, street);
  if (postcode != NULL || city != NULL)
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (postcode != NULL)
        g_string_append (out, postcode);
      if (postcode != NULL && city != NULL)
        g_string_append_c (out, ' ');
      if (city != NULL)
        g_string_append (out, city);
    }
  if (country != NULL && g_ascii_strcasecmp (country, self->doc->seller.country ? self->doc->seller.country : "FR") != 0)
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, country_name (self, country));
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_kind (CptLayout *self, CptDocumentKind kind)
{
  return cpt_render_document_is_kind (self->doc, kind);
}

#define T(french, english) (self->en ? (english) : (french))

/* ---------------------------------------------------------------- the logo */

static cairo_surface_t *
load_logo (const CptRenderDocument *doc)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  int width, height, channels, stride;
  const guchar *pixels;
  gboolean scaled = FALSE;

  if (doc->logo == NULL)
    return NULL;
  stream = g_memory_input_stream_new_from_bytes (doc->logo);
  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &error);
  if (pixbuf == NULL)
    {
      g_warning ("The logo cannot be read: %s", error->message);
      return NULL;
    }
  /* At most 4 times the size it is printed at (about 300 dpi): big logos stay small. */
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  if (width > 700 || height > 240)
    {
      double scale = MIN (700.0 / width, 240.0 / height);
      GdkPixbuf *smaller = gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) (width * scale)),
                                                    MAX (1, (int) (height * scale)),
                                                    GDK_INTERP_HYPER);
      g_object_unref (pixbuf);
      pixbuf = smaller;
      width = gdk_pixbuf_get_width (pixbuf);
      height = gdk_pixbuf_get_height (pixbuf);
      scaled = TRUE;
    }
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  surface = cairo_image_surface_create (channels == 4 ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                        width, height);
  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    {
      const guchar *src = pixels + (gsize) y * stride;
      guint32 *dst = (guint32 *) (cairo_image_surface_get_data (surface) +
                                  (gsize) y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < width; x++, src += channels)
        {
          guint a = channels == 4 ? src[3] : 255;
          /* cairo wants premultiplied alpha */
          guint r = src[0] * a / 255, g = src[1] * a / 255, b = src[2] * a / 255;
          dst[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  /* A JPEG goes into the PDF as it is, not re-encoded. */
  if (!scaled && g_strcmp0 (doc->logo_mime, "image/jpeg") == 0)
    {
      gsize size;
      const guchar *data = g_bytes_get_data (doc->logo, &size);

      cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG, data, size,
                                   (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (doc->logo));
    }
  return surface;
}

/* ---------------------------------------------------------------- header and parties */

static double
add_label_value (CptLayout *self, Block *block, const char *label, const char *value,
                 double x, double y, double width)
{
  double label_w = width * 0.52;
  double h1 = add_text (self, block, label, STYLE_BODY, muted, x, y, label_w, PANGO_ALIGN_LEFT);
  double h2 = add_text (self, block, value, STYLE_BOLD, ink, x + label_w, y, width - label_w,
                        PANGO_ALIGN_RIGHT);

  return MAX (h1, h2) + 1.5;
}

static char *
seller_contact (CptLayout *self)
{
  const CptRenderParty *s = &self->doc->seller;
  GString *out = g_string_new (NULL);
  g_autofree char *address = address_text (self, s->address, s->postcode, s->city, NULL);

  g_string_append (out, address);
  if (s->phone != NULL)
    g_string_append_printf (out, "\n%s %s", T ("Tél.", "Tel."), s->phone);
  if (s->email != NULL)
    g_string_append_printf (out, "\n%s", s->email);
  if (s->website != NULL)
    g_string_append_printf (out, "\n%s", s->website);
  return g_string_free (out, FALSE);
}

/* Identifiers of a party: SIREN or SIRET, VAT number. */
static char *
party_identifiers (CptLayout *self, const CptRenderParty *party)
{
  GString *out = g_string_new (NULL);

  if (party->siret != NULL)
    {
      g_autofree char *grouped = group_siren (party->siret);
      g_string_append_printf (out, "SIRET\u00a0: %s", grouped);
    }
  else if (party->siren != NULL)
    {
      g_autofree char *grouped = group_siren (party->siren);
      g_string_append_printf (out, "SIREN\u00a0: %s", grouped);
    }
  if (party->vat_number != NULL)
    g_string_append_printf (out, "%s%s\u00a0: %s", out->len ? "\n" : "",
                            T ("N° TVA intracom.", "VAT number"), party->vat_number);
  if (self->en)
    {
      /* English has no space before the colon. */
      char *p;
      while ((p = strstr (out->str, "\u00a0:")) != NULL)
        g_string_erase (out, p - out->str, strlen ("\u00a0"));
    }
  return g_string_free (out, FALSE);
}

/* References to other documents, one per line. */
static char *
references_text (CptLayout *self)
{
  const CptRenderDocument *doc = self->doc;
  GString *out = g_string_new (NULL);

  if (doc->credited != NULL)
    {
      g_autofree char *when = date (self, doc->credited->date);
      CptDocumentKind credited;
      const char *what = cpt_document_kind_from_string (doc->credited->kind, &credited) &&
                         credited == CPT_DOCUMENT_KIND_DEPOSIT
                           ? T ("la facture d’acompte", "deposit invoice")
                           : T ("la facture", "invoice");
      g_string_append_printf (out, self->en ? "Credit note for %s %s of %s\n" : "Avoir sur %s %s du %s\n",
                              what, doc->credited->number ? doc->credited->number : "", when);
    }
  if (doc->quote != NULL && doc->quote->number != NULL)
    {
      g_autofree char *when = date (self, doc->quote->date);
      g_string_append_printf (out, self->en ? "Quote %s of %s\n" : "Devis %s du %s\n",
                              doc->quote->number, when);
    }
  if (doc->proforma != NULL && doc->proforma->number != NULL)
    {
      g_autofree char *when = date (self, doc->proforma->date);
      g_string_append_printf (out, self->en ? "Pro forma %s of %s\n" : "Pro forma %s du %s\n",
                              doc->proforma->number, when);
    }
  if (doc->deposits != NULL && doc->deposits->len > 0)
    {
      g_string_append (out, doc->deposits->len > 1 ? T ("Acomptes déduits : ", "Deposits deducted: ")
                                                   : T ("Acompte déduit : ", "Deposit deducted: "));
      for (guint i = 0; i < doc->deposits->len; i++)
        {
          CptRenderReference *deposit = g_ptr_array_index (doc->deposits, i);
          g_autofree char *when = date (self, deposit->date);

          g_string_append_printf (out, self->en ? "%s%s of %s" : "%s%s du %s", i ? ", " : "",
                                  deposit->number ? deposit->number : "?", when);
        }
      g_string_append_c (out, '\n');
    }
  if (out->len > 0)
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static Block *
build_first_header (CptLayout *self)
{
  const CptRenderDocument *doc = self->doc;
  Block *block = block_new (self);
  double left_w = CONTENT_WIDTH * 0.52, right_w = 214, right_x = MARGIN_X + CONTENT_WIDTH - right_w;
  double y = MARGIN_TOP, ry = MARGIN_TOP, by;
  g_autofree char *contact = seller_contact (self);
  g_autofree char *ids = party_identifiers (self, &doc->seller);
  g_autofree char *refs = references_text (self);
  const char *number = doc->number;

  /* Seller: logo, name, address and contact. */
  if (self->logo != NULL)
    {
      double w = cairo_image_surface_get_width (self->logo);
      double h = cairo_image_surface_get_height (self->logo);
      double scale = MIN (170.0 / w, 58.0 / h);

      block->image = cairo_surface_reference (self->logo);
      block->image_x = MARGIN_X;
      block->image_y = y;
      block->image_scale = scale;
      y += h * scale + 8;
    }
  y += add_text (self, block, doc->seller.name, STYLE_NAME, ink, MARGIN_X, y, left_w, PANGO_ALIGN_LEFT) + 2;
  y += add_text (self, block, contact, STYLE_BODY, muted, MARGIN_X, y, left_w, PANGO_ALIGN_LEFT);
  if (*ids)
    y += 3 + add_text (self, block, ids, STYLE_BODY, muted, MARGIN_X, y + 3, left_w, PANGO_ALIGN_LEFT);

  /* Title, number and dates. */
  ry += add_text (self, block, cpt_render_document_title (doc), STYLE_TITLE, accent, right_x, ry,
                  right_w, PANGO_ALIGN_RIGHT);
  if (number != NULL)
    {
      g_autofree char *line = g_strdup_printf (self->en ? "No. %s" : "N° %s", number);
      ry += add_text (self, block, line, STYLE_NUMBER, ink, right_x, ry, right_w, PANGO_ALIGN_RIGHT);
    }
  else if (doc->draft)
    ry += add_text (self, block, T ("Brouillon, sans numéro", "Draft, not numbered"), STYLE_NUMBER,
                    muted, right_x, ry, right_w, PANGO_ALIGN_RIGHT);
  if (is_kind (self, CPT_DOCUMENT_KIND_PROFORMA))
    ry += 2 + add_text (self, block, T ("Ce document n’est pas une facture", "This is not an invoice"),
                        STYLE_BOLD, accent, right_x, ry + 2, right_w, PANGO_ALIGN_RIGHT);
  ry += 8;
  {
    g_autofree char *issued = date (self, doc->date);
    ry += add_label_value (self, block, T ("Date", "Date"), issued, right_x, ry, right_w);
  }
  if (doc->service_date != NULL && g_strcmp0 (doc->service_date, doc->date) != 0)
    {
      g_autofree char *when = date (self, doc->service_date);
      const char *label = doc->category == CPT_OPERATION_GOODS ? T ("Date de livraison", "Delivery date")
                                                               : T ("Date de la prestation", "Service date");
      ry += add_label_value (self, block, label, when, right_x, ry, right_w);
    }
  if (is_kind (self, CPT_DOCUMENT_KIND_QUOTE))
    {
      const char *until = doc->valid_until ? doc->valid_until : doc->due_date;
      if (until != NULL)
        {
          g_autofree char *when = date (self, until);
          ry += add_label_value (self, block, T ("Valable jusqu’au", "Valid until"), when, right_x, ry, right_w);
        }
    }
  else if (!is_kind (self, CPT_DOCUMENT_KIND_CREDIT_NOTE) && doc->due_date != NULL)
    {
      g_autofree char *when = date (self, doc->due_date);
      ry += add_label_value (self, block, T ("Échéance", "Due date"), when, right_x, ry, right_w);
    }

  /* Client: billing address, identifiers; delivery address when there is one. */
  by = MAX (y, ry) + 20;
  {
    const CptRenderParty *b = &doc->buyer;
    g_autofree char *billing = address_text (self, b->address, b->postcode, b->city, b->country);
    g_autofree char *buyer_ids = party_identifiers (self, b);
    double box_x = right_x - 30, box_w = right_w + 30, cy = by + 8, ly = by;
    gboolean delivery = b->delivery_address != NULL || b->delivery_city != NULL;
    double box_top = by;

    cy += add_text (self, block, is_kind (self, CPT_DOCUMENT_KIND_QUOTE) || is_kind (self, CPT_DOCUMENT_KIND_CREDIT_NOTE) ? T ("CLIENT", "CLIENT")
                                                                                         : T ("FACTURÉ À", "BILL TO"),
                    STYLE_SMALL_BOLD, muted, box_x + 10, cy, box_w - 20, PANGO_ALIGN_LEFT);
    cy += 2 + add_text (self, block, b->name, STYLE_NUMBER, ink, box_x + 10, cy + 2, box_w - 20, PANGO_ALIGN_LEFT);
    cy += 1 + add_text (self, block, billing, STYLE_BODY, ink, box_x + 10, cy + 1, box_w - 20, PANGO_ALIGN_LEFT);
    if (*buyer_ids)
      cy += 3 + add_text (self, block, buyer_ids, STYLE_SMALL, muted, box_x + 10, cy + 3, box_w - 20, PANGO_ALIGN_LEFT);
    if (delivery)
      {
        g_autofree char *where = address_text (self, b->delivery_address, b->delivery_postcode,
                                               b->delivery_city, b->delivery_country ? b->delivery_country : b->country);
        cy += 6 + add_text (self, block, T ("LIVRAISON", "DELIVER TO"), STYLE_SMALL_BOLD, muted,
                            box_x + 10, cy + 6, box_w - 20, PANGO_ALIGN_LEFT);
        cy += 1 + add_text (self, block, where, STYLE_BODY, ink, box_x + 10, cy + 1, box_w - 20, PANGO_ALIGN_LEFT);
      }
    cy += 8;
    add_shape (block, box_x, box_top, box_w, cy - box_top, rule, 0.6);

    /* Left of the client: the subject and the references. */
    /* A credit note's own title ("Avoir sur la facture ...") repeats its reference. */
    if (doc->title != NULL &&
        !(doc->credited != NULL && doc->credited->number != NULL && strstr (doc->title, doc->credited->number) != NULL))
      {
        ly += add_text (self, block, T ("OBJET", "SUBJECT"), STYLE_SMALL_BOLD, muted, MARGIN_X, ly + 8,
                        box_x - MARGIN_X - 20, PANGO_ALIGN_LEFT) + 8;
        ly += 2 + add_text (self, block, doc->title, STYLE_BOLD, ink, MARGIN_X, ly + 2,
                            box_x - MARGIN_X - 20, PANGO_ALIGN_LEFT);
      }
    if (*refs)
      {
        ly += 8 + add_text (self, block, T ("RÉFÉRENCES", "REFERENCES"), STYLE_SMALL_BOLD, muted,
                            MARGIN_X, ly + 8, box_x - MARGIN_X - 20, PANGO_ALIGN_LEFT);
        ly += 2 + add_text (self, block, refs, STYLE_BODY, ink, MARGIN_X, ly + 2,
                            box_x - MARGIN_X - 20, PANGO_ALIGN_LEFT);
      }
    block->height = MAX (cy, ly) + 18;
  }
  return block;
}

static Block *
build_next_header (CptLayout *self)
{
  const CptRenderDocument *doc = self->doc;
  Block *block = block_new (self);
  g_autofree char *what = NULL;
  double h;

  what = g_strdup_printf ("%s %s%s", cpt_render_document_title (doc), doc->number ? doc->number : "",
                          T (" (suite)", " (continued)"));
  h = add_text (self, block, doc->seller.name, STYLE_BOLD, ink, MARGIN_X, MARGIN_TOP,
                CONTENT_WIDTH / 2, PANGO_ALIGN_LEFT);
  h = fmax (h, add_text (self, block, what, STYLE_BOLD, accent, MARGIN_X + CONTENT_WIDTH / 2, MARGIN_TOP,
                        CONTENT_WIDTH / 2, PANGO_ALIGN_RIGHT));
  add_hline (block, MARGIN_X, MARGIN_TOP + h + 5, CONTENT_WIDTH, rule, 0.6);
  block->height = MARGIN_TOP + h + 16;
  return block;
}

/* ---------------------------------------------------------------- the lines table */

static void
setup_columns (CptLayout *self)
{
  static const double widths[N_COLUMNS] = { 42, 38, 64, 40, 38, 70 };
  double x = MARGIN_X + CONTENT_WIDTH;
  gboolean discount = FALSE;

  for (guint i = 0; i < self->doc->lines->len; i++)
    discount |= cpt_document_line_get_discount_percent (g_ptr_array_index (self->doc->lines, i)) != 0;
  for (int c = 0; c < N_COLUMNS; c++)
    self->show_column[c] = TRUE;
  self->show_column[COL_DISCOUNT] = discount;
  /* Not subject to VAT: no VAT column at all. */
  self->show_column[COL_VAT] = !self->doc->seller.vat_exempt;
  for (int c = N_COLUMNS - 1; c >= 0; c--)
    {
      if (!self->show_column[c])
        continue;
      self->column_w[c] = widths[c];
      x -= widths[c];
      self->column_x[c] = x;
    }
  self->description_w = x - MARGIN_X - CELL_PAD;
}

static Block *
build_table_header (CptLayout *self)
{
  Block *block = block_new (self);
  const char *titles[N_COLUMNS] = {
    T ("Qté", "Qty"), T ("Unité", "Unit"), T ("P.U. HT", "Unit price"), T ("Remise", "Disc."),
    T ("TVA", "VAT"), T ("Total HT", "Amount"),
  };
  double h = 0;

  if (self->doc->seller.vat_exempt)
    {
      titles[COL_PRICE] = T ("Prix unitaire", "Unit price");
      titles[COL_TOTAL] = T ("Montant", "Amount");
    }
  h = add_text (self, block, T ("Désignation", "Description"), STYLE_SMALL_BOLD, white,
                MARGIN_X + CELL_PAD, ROW_PAD, self->description_w - CELL_PAD, PANGO_ALIGN_LEFT);
  for (int c = 0; c < N_COLUMNS; c++)
    if (self->show_column[c])
      h = fmax (h, add_text (self, block, titles[c], STYLE_SMALL_BOLD, white, self->column_x[c],
                            ROW_PAD, self->column_w[c] - CELL_PAD, PANGO_ALIGN_RIGHT));
  block->height = h + 2 * ROW_PAD;
  /* the band goes under the texts: shapes are drawn first */
  add_shape (block, MARGIN_X, 0, CONTENT_WIDTH, block->height, accent, 0);
  return block;
}

/* Whether lines need their own exemption mention: when the document mixes VAT treatments.
 * A document entirely exempt for one reason says it once, below the totals. */
static gboolean
mixed_vat (CptLayout *self)
{
  return self->doc->totals.vat != NULL && self->doc->totals.vat->len > 1;
}

static void
add_row_cell (CptLayout *self, Block *block, Column column, const char *text, Style style, double *h)
{
  if (!self->show_column[column] || text == NULL)
    return;
  *h = fmax (*h, add_text (self, block, text, style, ink, self->column_x[column], ROW_PAD,
                          self->column_w[column] - CELL_PAD, PANGO_ALIGN_RIGHT));
}

/* The blocks of one line: usually one; a description longer than a page is cut into pieces
 * between its lines, so that it never overflows a page. */
static void
build_line_rows (CptLayout *self, CptDocumentLine *line, double max_height, GPtrArray *rows)
{
  const char *kind = cpt_document_line_get_kind (line);
  const char *description = cpt_document_line_get_description (line);
  Block *block = block_new (self);
  double h = 0;

  if (g_strcmp0 (kind, "text") == 0)
    {
      gboolean heading = description != NULL && strchr (description, '\n') == NULL &&
                         g_utf8_strlen (description, -1) <= 80;
      h = add_text (self, block, description, heading ? STYLE_BOLD : STYLE_BODY, ink,
                    MARGIN_X + CELL_PAD, ROW_PAD + 2, CONTENT_WIDTH - 2 * CELL_PAD, PANGO_ALIGN_LEFT) + 2;
    }
  else if (g_strcmp0 (kind, "subtotal") == 0)
    {
      g_autofree char *amount = money (self, cpt_document_line_get_net (line));
      const char *label = description != NULL && *description ? description : T ("Sous-total", "Subtotal");

      h = add_text (self, block, label, STYLE_BOLD, ink, MARGIN_X, ROW_PAD,
                    self->column_x[COL_TOTAL] - MARGIN_X - CELL_PAD, PANGO_ALIGN_RIGHT);
      add_row_cell (self, block, COL_TOTAL, amount, STYLE_BOLD, &h);
      add_shape (block, MARGIN_X, 0, CONTENT_WIDTH, h + 2 * ROW_PAD, shade, 0);
    }
  else
    {
      gboolean deposit = g_strcmp0 (kind, "deposit") == 0;
      const char *exemption = cpt_document_line_get_exemption_code (line);
      const CptVatExemption *reason = cpt_vat_exemption_lookup (exemption);
      g_autofree char *total = money (self, cpt_document_line_get_net (line));
      g_autofree char *rate = percent (self, cpt_document_line_get_vat_rate (line));
      Text *text;

      h = add_text (self, block, description, STYLE_BODY, ink, MARGIN_X + CELL_PAD, ROW_PAD,
                    self->description_w - CELL_PAD, PANGO_ALIGN_LEFT);
      text = g_ptr_array_index (block->texts, block->texts->len - 1);
      if (reason != NULL && mixed_vat (self) && !self->doc->seller.vat_exempt)
        h += 1 + add_text (self, block, self->en ? reason->mention_en : reason->mention_fr,
                           STYLE_SMALL, muted, MARGIN_X + CELL_PAD, ROW_PAD + h + 1,
                           self->description_w - CELL_PAD, PANGO_ALIGN_LEFT);
      if (!deposit)
        {
          g_autofree char *qty = quantity (self, cpt_document_line_get_quantity (line));
          g_autofree char *price = unit_price (self, cpt_document_line_get_unit_price (line));
          g_autofree char *discount = cpt_document_line_get_discount_percent (line) != 0
                                        ? percent (self, cpt_document_line_get_discount_percent (line))
                                        : NULL;
          const char *unit = cpt_unit_label (cpt_document_line_get_unit (line), self->doc->language);

          add_row_cell (self, block, COL_QUANTITY, qty, STYLE_BODY, &h);
          add_row_cell (self, block, COL_UNIT, unit, STYLE_BODY, &h);
          add_row_cell (self, block, COL_PRICE, price, STYLE_BODY, &h);
          add_row_cell (self, block, COL_DISCOUNT, discount, STYLE_BODY, &h);
        }
      add_row_cell (self, block, COL_VAT, rate, STYLE_BODY, &h);
      add_row_cell (self, block, COL_TOTAL, total, STYLE_BODY, &h);

      /* Longer than a page: cut the description between its lines. */
      if (h + 2 * ROW_PAD > max_height)
        {
          PangoLayout *layout = text->layout;
          int n = pango_layout_get_line_count (layout), from = 0;
          PangoLayoutIter *iter = pango_layout_get_iter (layout);
          double piece_top = 0;
          int index = 0;
          Block *piece = block;

          text->from_line = 0;
          do
            {
              int top, bottom;
              pango_layout_iter_get_line_yrange (iter, &top, &bottom);
              if ((double) bottom / PANGO_SCALE - piece_top + 2 * ROW_PAD > max_height && index > from)
                {
                  Text *copy;

                  text->to_line = index;
                  piece->height = (double) top / PANGO_SCALE - piece_top + 2 * ROW_PAD;
                  g_ptr_array_add (rows, piece);
                  piece = block_new (self);
                  copy = g_new0 (Text, 1);
                  copy->layout = g_object_ref (layout);
                  copy->x = text->x;
                  copy->y = ROW_PAD;
                  copy->color = ink;
                  copy->from_line = index;
                  copy->to_line = n;
                  g_ptr_array_add (piece->texts, copy);
                  text = copy;
                  from = index;
                  piece_top = (double) top / PANGO_SCALE;
                }
              index++;
            }
          while (pango_layout_iter_next_line (iter));
          pango_layout_iter_free (iter);
          piece->height = layout_height (layout) - piece_top + 2 * ROW_PAD;
          add_hline (piece, MARGIN_X, piece->height, CONTENT_WIDTH, rule, 0.4);
          g_ptr_array_add (rows, piece);
          return;
        }
    }
  block->height = h + 2 * ROW_PAD;
  if (g_strcmp0 (kind, "subtotal") != 0)
    add_hline (block, MARGIN_X, block->height, CONTENT_WIDTH, rule, 0.4);
  g_ptr_array_add (rows, block);
}

/* ---------------------------------------------------------------- totals and mentions */

static const char *
exemption_short (CptLayout *self, const char *code)
{
  const CptVatExemption *reason = cpt_vat_exemption_lookup (code);
  const char *category = reason ? reason->category : "E";

  if (g_strcmp0 (category, "K") == 0)
    return T ("Livraison intracommunautaire", "Intra-EU supply");
  if (g_strcmp0 (category, "AE") == 0)
    return T ("Autoliquidation", "Reverse charge");
  if (g_strcmp0 (category, "G") == 0)
    return T ("Exportation", "Export");
  if (g_strcmp0 (category, "O") == 0)
    return T ("Hors champ", "Not subject");
  return T ("Exonéré", "Exempt");
}

static void
add_total_row (CptLayout *self, Block *block, double x, double w, double *y, const char *label,
               gint64 amount, Style style)
{
  g_autofree char *value = money (self, amount);
  double h = add_text (self, block, label, style, ink, x + 8, *y + 3, w * 0.6 - 8, PANGO_ALIGN_LEFT);

  h = fmax (h, add_text (self, block, value, style, ink, x + w * 0.4, *y + 3, w * 0.6 - 8, PANGO_ALIGN_RIGHT));
  *y += h + 6;
}

static Block *
build_totals (CptLayout *self)
{
  const CptRenderDocument *doc = self->doc;
  const CptDocumentTotals *t = &doc->totals;
  Block *block = block_new (self);
  double w = 236, x = MARGIN_X + CONTENT_WIDTH - w, y = 0, vy = 0;
  const CptTotalsFigures *f = &doc->figures;
  gboolean quote = is_kind (self, CPT_DOCUMENT_KIND_QUOTE), credit = is_kind (self, CPT_DOCUMENT_KIND_CREDIT_NOTE);
  gboolean exempt = doc->seller.vat_exempt;

  /* VAT breakdown on the left. */
  if (!exempt && t->vat != NULL && t->vat->len > 0)
    {
      double vx = MARGIN_X, c1 = 104, c2 = 74, c3 = 66, hh;

      hh = add_text (self, block, T ("Taux de TVA", "VAT rate"), STYLE_SMALL_BOLD, muted, vx + 4, vy,
                     c1 - 4, PANGO_ALIGN_LEFT);
      add_text (self, block, T ("Base HT", "Net amount"), STYLE_SMALL_BOLD, muted, vx + c1, vy, c2 - 4, PANGO_ALIGN_RIGHT);
      add_text (self, block, T ("Montant TVA", "VAT"), STYLE_SMALL_BOLD, muted, vx + c1 + c2, vy, c3 - 4, PANGO_ALIGN_RIGHT);
      vy += hh + 3;
      add_hline (block, vx, vy, c1 + c2 + c3, rule, 0.6);
      vy += 3;
      for (guint i = 0; i < t->vat->len; i++)
        {
          const CptVatEntry *entry = &g_array_index (t->vat, CptVatEntry, i);
          g_autofree char *rate = percent (self, entry->rate);
          g_autofree char *label = entry->exemption_code
                                     ? g_strdup_printf ("%s — %s", rate, exemption_short (self, entry->exemption_code))
                                     : g_strdup (rate);
          g_autofree char *base = money (self, entry->base);
          g_autofree char *amount = money (self, entry->vat);
          double h;

          h = add_text (self, block, label, STYLE_BODY, ink, vx + 4, vy, c1 - 4, PANGO_ALIGN_LEFT);
          add_text (self, block, base, STYLE_BODY, ink, vx + c1, vy, c2 - 4, PANGO_ALIGN_RIGHT);
          add_text (self, block, amount, STYLE_BODY, ink, vx + c1 + c2, vy, c3 - 4, PANGO_ALIGN_RIGHT);
          vy += h + 3;
        }
      add_hline (block, vx, vy, c1 + c2 + c3, rule, 0.6);
      vy += 4;
    }

  /* Totals on the right. */
  y = 0;
  if (f->deducts_deposits)
    {
      add_total_row (self, block, x, w, &y, T ("Total HT de la commande", "Order total excl. VAT"),
                     f->order_net, STYLE_BODY);
      add_total_row (self, block, x, w, &y, T ("Acomptes déduits HT", "Deposits deducted excl. VAT"),
                     -f->deposits_net, STYLE_BODY);
    }
  add_total_row (self, block, x, w, &y, exempt ? T ("Total", "Total") : T ("Total HT", "Total excl. VAT"),
                 f->net, STYLE_BOLD);
  if (!exempt)
    {
      add_total_row (self, block, x, w, &y, T ("Total TVA", "Total VAT"), f->vat, STYLE_BODY);
      add_hline (block, x, y - 2, w, rule, 0.6);
      if (!quote)
        add_total_row (self, block, x, w, &y, T ("Total TTC", "Total incl. VAT"), f->gross, STYLE_BOLD);
    }
  /* What was paid, as a sum received: not a negative amount. */
  if (f->paid != 0)
    add_total_row (self, block, x, w, &y, T ("Déjà réglé", "Already paid"), f->paid, STYLE_BODY);
  {
      const char *label = quote ? (exempt ? T ("Total", "Total") : T ("Total TTC", "Total incl. VAT"))
                        : credit ? T ("Total de l’avoir", "Total credited")
                        : f->paid != 0 ? T ("Reste à payer", "Balance due")
                        : T ("Net à payer", "Amount due");
      double top = y + 2;

      y += 4;
      add_shape (block, x, top, w, 0, accent, 0); /* placeholder, sized below */
      add_total_row (self, block, x, w, &y, label, f->left, STYLE_TOTAL);
      g_array_index (block->shapes, Shape, block->shapes->len - 1).h = y - top + 2;
      /* the highlighted row is white on the accent colour */
      for (guint i = block->texts->len - 2; i < block->texts->len; i++)
        ((Text *) g_ptr_array_index (block->texts, i))->color = white;
      y += 4;
    }
  if (exempt)
    {
      const char *mention = doc->seller.vat_exempt_text ? doc->seller.vat_exempt_text
                          : self->en ? "VAT not applicable, art. 293 B of the French tax code (CGI)"
                                     : CPT_VAT_EXEMPT_MENTION_FR;
      y += 2 + add_text (self, block, mention, STYLE_BOLD, ink, x, y + 2, w, PANGO_ALIGN_RIGHT);
    }
  block->height = MAX (y, vy) + 4;
  return block;
}

static char *
payment_text (CptLayout *self)
{
  const CptRenderDocument *doc = self->doc;
  const CptRenderParty *s = &doc->seller;
  GString *out = g_string_new (NULL);

  if (is_kind (self, CPT_DOCUMENT_KIND_CREDIT_NOTE))
    {
      g_string_append (out, T ("Le montant de cet avoir est déduit de votre prochain règlement ou vous est remboursé.",
                               "This credit note is deducted from your next payment or refunded to you."));
      return g_string_free (out, FALSE);
    }
  if (is_kind (self, CPT_DOCUMENT_KIND_QUOTE))
    {
      const char *until = doc->valid_until ? doc->valid_until : doc->due_date;
      if (until != NULL)
        {
          g_autofree char *when = date (self, until);
          g_string_append_printf (out, self->en ? "This quote is valid until %s." : "Devis valable jusqu’au %s.", when);
        }
    }
  else if (doc->due_date != NULL)
    {
      g_autofree char *when = date (self, doc->due_date);
      int days = cpt_date_days_between (doc->date, doc->due_date);

      if (days <= 0)
        g_string_append_printf (out, self->en ? "Payable on receipt (%s)." : "Payable à réception (%s).", when);
      else
        g_string_append_printf (out, self->en ? "Payment due by %s." : "Paiement à échéance du %s.", when);
    }
  if (doc->payment_terms != NULL)
    {
      const char *end = doc->payment_terms + strlen (doc->payment_terms) - 1;
      g_string_append_printf (out, "%s%s%s", out->len ? " " : "", doc->payment_terms,
                              strchr (".!?)", *end) ? "" : ".");
    }
  if (s->iban != NULL && !is_kind (self, CPT_DOCUMENT_KIND_QUOTE))
    {
      g_autofree char *iban = group_iban (s->iban);

      g_string_append_printf (out, "%s%s IBAN %s", out->len ? "\n" : "",
                              T ("Règlement par virement :", "Bank transfer:"), iban);
      if (s->bic != NULL)
        g_string_append_printf (out, " — BIC %s", s->bic);
      if (doc->number != NULL)
        g_string_append_printf (out, self->en ? " — reference: %s" : " — référence à rappeler : %s", doc->number);
    }
  return g_string_free (out, FALSE);
}

/* The legal mentions, in the document's language. */
static char *
mentions_text (CptLayout *self)
{
  const CptRenderDocument *doc = self->doc;
  const CptRenderParty *s = &doc->seller;
  GString *out = g_string_new (NULL);
  gboolean invoice_like = is_kind (self, CPT_DOCUMENT_KIND_INVOICE) || is_kind (self, CPT_DOCUMENT_KIND_DEPOSIT) || is_kind (self, CPT_DOCUMENT_KIND_PROFORMA);
  static const char *const category_fr[] = { "prestation de services", "livraison de biens",
                                             "livraison de biens et prestation de services" };
  static const char *const category_en[] = { "supply of services", "supply of goods",
                                             "supply of goods and services" };

  if (is_kind (self, CPT_DOCUMENT_KIND_PROFORMA))
    g_string_append (out, T ("Facture pro forma : ce document n’est pas une facture, il ne vaut ni demande "
                             "de paiement définitive ni justificatif comptable ou fiscal.\n",
                             "Pro forma invoice: this is not an invoice; it is neither a final request for "
                             "payment nor an accounting or tax document.\n"));
  g_string_append_printf (out, "%s%s.\n", T ("Catégorie de l’opération : ", "Type of transaction: "),
                          self->en ? category_en[doc->category] : category_fr[doc->category]);
  if (s->vat_on_debits && !s->vat_exempt)
    g_string_append (out, T ("Option pour le paiement de la TVA d’après les débits.\n",
                             "The seller has opted to pay VAT on debits.\n"));
  /* Exemption reasons, once each. */
  if (doc->totals.vat != NULL)
    for (guint i = 0; i < doc->totals.vat->len; i++)
      {
        const CptVatEntry *entry = &g_array_index (doc->totals.vat, CptVatEntry, i);
        const CptVatExemption *reason = cpt_vat_exemption_lookup (entry->exemption_code);
        gboolean seen = FALSE;

        if (reason == NULL || (s->vat_exempt && g_strcmp0 (reason->code, "VATEX-FR-FRANCHISE") == 0))
          continue;
        for (guint j = 0; j < i; j++)
          seen |= g_strcmp0 (g_array_index (doc->totals.vat, CptVatEntry, j).exemption_code, entry->exemption_code) == 0;
        if (!seen)
          g_string_append_printf (out, "%s.\n", self->en ? reason->mention_en : reason->mention_fr);
      }
  if (invoice_like || is_kind (self, CPT_DOCUMENT_KIND_QUOTE))
    {
      g_string_append (out, T ("Pas d’escompte pour paiement anticipé. ", "No discount for early payment. "));
      if (s->penalty_text != NULL)
        g_string_append_printf (out, "%s%s ", s->penalty_text,
                                g_str_has_suffix (s->penalty_text, ".") ? "" : ".");
      else
        g_string_append (out, T ("En cas de retard de paiement, pénalités au taux de trois fois le taux "
                                 "d’intérêt légal (art. L441-10 du Code de commerce). ",
                                 "Late payment: penalties at three times the French legal interest rate "
                                 "(art. L441-10 of the French Commercial Code). "));
      if (cpt_render_document_buyer_is_business (doc))
        g_string_append (out, T ("Indemnité forfaitaire pour frais de recouvrement en cas de retard de "
                                 "paiement : 40 € (art. D441-5 du Code de commerce).",
                                 "Fixed compensation for recovery costs in case of late payment: €40 "
                                 "(art. D441-5 of the French Commercial Code)."));
      g_string_append_c (out, '\n');
    }
  while (out->len > 0 && (out->str[out->len - 1] == '\n' || out->str[out->len - 1] == ' '))
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static Block *
build_paragraph (CptLayout *self, const char *caption, const char *text, Style style)
{
  Block *block;
  double y = 0;

  if (text == NULL || *text == '\0')
    return NULL;
  block = block_new (self);
  if (caption != NULL)
    y += 2 + add_text (self, block, caption, STYLE_SMALL_BOLD, muted, MARGIN_X, y, CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  y += add_text (self, block, text, style, style == STYLE_SMALL ? muted : ink, MARGIN_X, y,
                 CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  block->height = y;
  return block;
}

static Block *
build_acceptance (CptLayout *self)
{
  Block *block = block_new (self);
  double w = 236, x = MARGIN_X + CONTENT_WIDTH - w, h;

  h = add_text (self, block, T ("Bon pour accord — date et signature du client",
                                "Accepted — date and signature of the client"),
                STYLE_SMALL_BOLD, muted, x + 8, 6, w - 16, PANGO_ALIGN_LEFT);
  add_shape (block, x, 0, w, h + 64, rule, 0.6);
  block->height = h + 64;
  return block;
}

static Block *
build_footer (CptLayout *self, guint page, guint n_pages)
{
  const CptRenderDocument *doc = self->doc;
  const CptRenderParty *s = &doc->seller;
  Block *block = block_new (self);
  g_autoptr(GString) legal = g_string_new (s->name ? s->name : "");
  g_autofree char *where = NULL;
  g_autofree char *page_text = NULL;
  double y = 6, h;

  if (s->legal_form != NULL)
    {
      g_string_append_printf (legal, " — %s", s->legal_form);
      if (s->share_capital > 0)
        {
          g_autofree char *capital = money_whole (self, s->share_capital);
          g_string_append_printf (legal, self->en ? " with a share capital of %s" : " au capital de %s", capital);
        }
    }
  if (s->siren != NULL)
    {
      g_autofree char *siren = group_siren (s->siren);
      if (s->rcs_city != NULL)
        g_string_append_printf (legal, " — RCS %s %s", s->rcs_city, siren);
      else
        g_string_append_printf (legal, " — SIREN %s", siren);
    }
  if (s->siret != NULL)
    {
      g_autofree char *siret = group_siren (s->siret);
      g_string_append_printf (legal, " — SIRET %s", siret);
    }
  if (s->vat_number != NULL)
    g_string_append_printf (legal, self->en ? " — VAT %s" : " — TVA %s", s->vat_number);
  where = address_text (self, s->address, s->postcode, s->city, NULL);
  if (*where)
    {
      g_auto(GStrv) parts = g_strsplit (where, "\n", -1);
      g_autofree char *joined = g_strjoinv (", ", parts);
      g_string_append_printf (legal, " — %s", joined);
    }

  page_text = g_strdup_printf ("%s%spage %u / %u",
                               doc->number ? doc->number : "", doc->number ? " — " : "", page + 1, n_pages);
  add_hline (block, MARGIN_X, 0, CONTENT_WIDTH, rule, 0.6);
  h = add_text (self, block, page_text, STYLE_SMALL_BOLD, muted, MARGIN_X + CONTENT_WIDTH - 160, y, 160,
                PANGO_ALIGN_RIGHT);
  if (s->footer != NULL)
    h = fmax (h, add_text (self, block, s->footer, STYLE_SMALL, ink, MARGIN_X, y, CONTENT_WIDTH - 170,
                          PANGO_ALIGN_LEFT));
  y += h + 2;
  y += add_text (self, block, legal->str, STYLE_SMALL, muted, MARGIN_X, y, CONTENT_WIDTH, PANGO_ALIGN_LEFT);
  block->height = y;
  return block;
}

static Block *
build_watermark (CptLayout *self)
{
  Block *block = block_new (self);

  add_text (self, block, T ("BROUILLON", "DRAFT"), STYLE_WATERMARK, watermark, 0, 0, 0, PANGO_ALIGN_LEFT);
  return block;
}

/* ---------------------------------------------------------------- pagination */

static Page *
page_new (CptLayout *self)
{
  Page *page = g_new0 (Page, 1);

  page->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_ptr_array_add (self->pages, page);
  return page;
}

static void
page_free (Page *page)
{
  g_array_unref (page->placements);
  g_free (page);
}

static void
place (Page *page, Block *block, double y)
{
  Placement placement = { block, y };

  g_array_append_val (page->placements, placement);
}

CptLayout *
cpt_layout_new (const CptRenderDocument *document)
{
  CptLayout *self = g_new0 (CptLayout, 1);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) tail = g_ptr_array_new ();
  cairo_font_options_t *options;
  PangoFontMap *font_map;
  double bottom, y, body_height;
  Page *page;
  Block *probe_footer;

  self->doc = document;
  self->en = g_strcmp0 (document->language, "en") == 0;
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);

  /* Points as units, and no hinting of metrics: the same layout measures the same on a PDF
   * and on an image at any resolution. */
  font_map = pango_cairo_font_map_get_default ();
  self->context = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_language (self->context, pango_language_from_string (self->en ? "en" : "fr"));
  for (int s = 0; s < N_STYLES; s++)
    {
      self->fonts[s] = pango_font_description_from_string (FONT_FAMILY);
      pango_font_description_set_size (self->fonts[s], (int) (styles[s].size * PANGO_SCALE));
      pango_font_description_set_weight (self->fonts[s], styles[s].weight);
      pango_font_description_set_style (self->fonts[s], styles[s].slant);
    }
  self->logo = load_logo (document);

  setup_columns (self);
  self->first_header = build_first_header (self);
  self->next_header = build_next_header (self);
  self->table_header = build_table_header (self);
  if (document->draft)
    self->watermark = build_watermark (self);

  /* The footer's height with the widest page numbers. */
  probe_footer = build_footer (self, 998, 999);
  self->footer_height = probe_footer->height;
  bottom = CPT_LAYOUT_PAGE_HEIGHT - MARGIN_BOTTOM - self->footer_height - 10;
  /* A description longer than a page is cut into pieces as tall as the body of a following
   * page (it starts on a new page: a line splits only when it must). */
  body_height = bottom - self->next_header->height - self->table_header->height;

  {
    gboolean deposits_heading = FALSE;

    for (guint i = 0; i < document->lines->len; i++)
      {
        CptDocumentLine *line = g_ptr_array_index (document->lines, i);

        if (g_strcmp0 (cpt_document_line_get_kind (line), "deposit") == 0 && !deposits_heading)
          {
            Block *heading = block_new (self);
            double h = add_text (self, heading, document->deposits && document->deposits->len > 1
                                                  ? T ("Acomptes déduits", "Deposits deducted")
                                                  : T ("Acompte déduit", "Deposit deducted"),
                                 STYLE_BOLD, accent, MARGIN_X + CELL_PAD, ROW_PAD + 4,
                                 CONTENT_WIDTH, PANGO_ALIGN_LEFT);
            heading->height = h + 2 * ROW_PAD + 4;
            g_ptr_array_add (rows, heading);
            deposits_heading = TRUE;
          }
        build_line_rows (self, line, body_height, rows);
      }
  }
  g_ptr_array_add (tail, build_totals (self));
  {
    g_autofree char *payment = payment_text (self);
    g_autofree char *mentions = mentions_text (self);
    Block *block;

    if (is_kind (self, CPT_DOCUMENT_KIND_QUOTE))
      g_ptr_array_add (tail, build_acceptance (self));
    if ((block = build_paragraph (self, T ("NOTES", "NOTES"), document->notes, STYLE_BODY)) != NULL)
      g_ptr_array_add (tail, block);
    if ((block = build_paragraph (self, is_kind (self, CPT_DOCUMENT_KIND_CREDIT_NOTE) ? T ("REMBOURSEMENT", "REFUND")
                                                                      : T ("CONDITIONS DE PAIEMENT", "PAYMENT TERMS"),
                                  payment, STYLE_BODY)) != NULL)
      g_ptr_array_add (tail, block);
    if ((block = build_paragraph (self, T ("MENTIONS LÉGALES", "LEGAL NOTICES"), mentions, STYLE_SMALL)) != NULL)
      g_ptr_array_add (tail, block);
  }

  /* Lines: a row never splits (long ones were cut above); the table header repeats. */
  page = page_new (self);
  place (page, self->first_header, 0);
  y = self->first_header->height;
  for (guint i = 0; i < rows->len; i++)
    {
      Block *row = g_ptr_array_index (rows, i);

      if (i == 0 || y + row->height > bottom)
        {
          if (i > 0 || y + self->table_header->height + row->height > bottom)
            {
              page = page_new (self);
              place (page, self->next_header, 0);
              y = self->next_header->height;
            }
          place (page, self->table_header, y);
          y += self->table_header->height;
        }
      place (page, row, y);
      y += row->height;
    }
  /* Totals, terms and mentions once, at the end, each in one piece. */
  y += BLOCK_GAP;
  for (guint i = 0; i < tail->len; i++)
    {
      Block *block = g_ptr_array_index (tail, i);

      if (y + block->height > bottom)
        {
          page = page_new (self);
          place (page, self->next_header, 0);
          y = self->next_header->height;
        }
      place (page, block, y);
      y += block->height + BLOCK_GAP;
    }
  for (guint i = 0; i < self->pages->len; i++)
    ((Page *) g_ptr_array_index (self->pages, i))->footer = build_footer (self, i, self->pages->len);
  return self;
}

void
cpt_layout_free (CptLayout *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->pages);
  g_ptr_array_unref (self->blocks);
  for (int s = 0; s < N_STYLES; s++)
    pango_font_description_free (self->fonts[s]);
  g_clear_pointer (&self->logo, cairo_surface_destroy);
  g_object_unref (self->context);
  g_free (self);
}

guint
cpt_layout_get_n_pages (CptLayout *self)
{
  return self->pages->len;
}

void
cpt_layout_draw_page (CptLayout *self, cairo_t *cr, guint index)
{
  Page *page;

  g_return_if_fail (index < self->pages->len);
  page = g_ptr_array_index (self->pages, index);
  cairo_save (cr);
  if (self->watermark != NULL)
    {
      Text *text = g_ptr_array_index (self->watermark->texts, 0);
      PangoRectangle ink_rect;

      pango_layout_get_extents (text->layout, NULL, &ink_rect);
      cairo_save (cr);
      cairo_translate (cr, CPT_LAYOUT_PAGE_WIDTH / 2, CPT_LAYOUT_PAGE_HEIGHT / 2);
      cairo_rotate (cr, -G_PI / 4.2);
      cairo_translate (cr, -(double) ink_rect.width / PANGO_SCALE / 2, -(double) ink_rect.height / PANGO_SCALE / 2);
      draw_block (cr, self->watermark, 0);
      cairo_restore (cr);
    }
  for (guint i = 0; i < page->placements->len; i++)
    {
      Placement *placement = &g_array_index (page->placements, Placement, i);
      draw_block (cr, placement->block, placement->y);
    }
  draw_block (cr, page->footer,
              CPT_LAYOUT_PAGE_HEIGHT - MARGIN_BOTTOM - page->footer->height);
  cairo_restore (cr);
}
