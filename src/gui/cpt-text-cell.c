/* cpt-text-cell.c: see cpt-text-cell.h. */
#include "cpt-text-cell.h"

#include <string.h>
#include <pango/pangocairo.h>

#include "cpt-font-key.h"

struct _CptTextCell
{
  GtkWidget      parent_instance;

  char          *text;
  PangoAttrList *markup_attrs;   /* of the markup last set, NULL for plain text */
  PangoLayout   *layout;         /* made when first needed, dropped when the style changes */
  float          xalign;
  guint          min_chars;
  guint          nat_chars;
  guint          lines;
  /* The font's measures, in Pango units, read once per style (0: not read yet): the
   * cells of a list are measured again at each allocation of their row. */
  int            char_width;
  int            line_height;
  int            ascent;
  guint          font_serial;    /* of the Pango context they were read from */
};

static void accessible_text_init (GtkAccessibleTextInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CptTextCell, cpt_text_cell, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_ACCESSIBLE_TEXT, accessible_text_init))

/* ---------------------------------------------------------------- screen readers */

/* The characters from `start` to `end` (offsets in characters, clamped), with a nul after
 * them: GTK's AT-SPI bridge reads the bytes as a string. */
static GBytes *
text_between (const char *text, glong start, glong end)
{
  glong length = g_utf8_strlen (text, -1);
  char *part;

  start = CLAMP (start, 0, length);
  end = CLAMP (end, start, length);
  part = g_utf8_substring (text, start, end);
  return g_bytes_new_take (part, strlen (part) + 1);
}

static GBytes *
accessible_get_contents (GtkAccessibleText *accessible,
                         unsigned int       start,
                         unsigned int       end)
{
  CptTextCell *self = CPT_TEXT_CELL (accessible);

  return text_between (self->text, start, MIN (end, (unsigned int) G_MAXLONG));
}

/* A cell holds a word or a few on one or two lines: a word is read between spaces, a
 * sentence, line or paragraph is the line around `offset`. */
static GBytes *
accessible_get_contents_at (GtkAccessibleText            *accessible,
                            unsigned int                  offset,
                            GtkAccessibleTextGranularity  granularity,
                            unsigned int                 *start,
                            unsigned int                 *end)
{
  CptTextCell *self = CPT_TEXT_CELL (accessible);
  glong length = g_utf8_strlen (self->text, -1);
  glong from = MIN ((glong) offset, length), to = from;
  const char *at = g_utf8_offset_to_pointer (self->text, from);

  if (granularity == GTK_ACCESSIBLE_TEXT_GRANULARITY_CHARACTER)
    to = MIN (from + 1, length);
  else
    {
      gboolean word = granularity == GTK_ACCESSIBLE_TEXT_GRANULARITY_WORD;
      const char *p;

      for (p = at; from > 0; from--)
        {
          gunichar before = g_utf8_get_char (g_utf8_prev_char (p));

          if (before == '\n' || (word && g_unichar_isspace (before)))
            break;
          p = g_utf8_prev_char (p);
        }
      for (p = at; to < length; to++, p = g_utf8_next_char (p))
        {
          gunichar here = g_utf8_get_char (p);

          if (here == '\n' || (word && g_unichar_isspace (here)))
            break;
        }
    }
  *start = from;
  *end = to;
  return text_between (self->text, from, to);
}

static unsigned int
accessible_get_caret_position (GtkAccessibleText *accessible)
{
  return 0;
}

static gboolean
accessible_get_selection (GtkAccessibleText       *accessible,
                          gsize                   *n_ranges,
                          GtkAccessibleTextRange **ranges)
{
  *n_ranges = 0;
  *ranges = NULL;
  return FALSE;
}

static gboolean
accessible_get_attributes (GtkAccessibleText       *accessible,
                           unsigned int             offset,
                           gsize                   *n_ranges,
                           GtkAccessibleTextRange **ranges,
                           char                  ***attribute_names,
                           char                  ***attribute_values)
{
  *n_ranges = 0;
  *ranges = NULL;
  *attribute_names = g_new0 (char *, 1);
  *attribute_values = g_new0 (char *, 1);
  return FALSE;
}

static void
accessible_get_default_attributes (GtkAccessibleText   *accessible,
                                   char              ***attribute_names,
                                   char              ***attribute_values)
{
  *attribute_names = g_new0 (char *, 1);
  *attribute_values = g_new0 (char *, 1);
}

static void
accessible_text_init (GtkAccessibleTextInterface *iface)
{
  iface->get_contents = accessible_get_contents;
  iface->get_contents_at = accessible_get_contents_at;
  iface->get_caret_position = accessible_get_caret_position;
  iface->get_selection = accessible_get_selection;
  iface->get_attributes = accessible_get_attributes;
  iface->get_default_attributes = accessible_get_default_attributes;
}

/* ---------------------------------------------------------------- layout */

/* The last font measured, for all the cells: a list's cells share their font but each has
 * its Pango context, and reading a font's metrics costs ~15 µs (4 ms of a first screenful of
 * 300 cells). Main thread only, as widgets are. */
static struct
{
  CptFontKey key;
  int        char_width;
  int        line_height;
  int        ascent;
} last_font;

static void
measure_font (PangoContext *context)
{
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

  last_font.char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                              pango_font_metrics_get_approximate_digit_width (metrics));
  last_font.ascent = pango_font_metrics_get_ascent (metrics);
  last_font.line_height = MAX (1, last_font.ascent + pango_font_metrics_get_descent (metrics));
  pango_font_metrics_unref (metrics);
}

static void
read_font_measures (CptTextCell *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  if (self->line_height > 0 && self->font_serial == pango_context_get_serial (context))
    return;
  self->font_serial = pango_context_get_serial (context);
  if (!cpt_font_key_follow (&last_font.key, context))
    measure_font (context);
  self->char_width = last_font.char_width;
  self->ascent = last_font.ascent;
  self->line_height = last_font.line_height;
}

static void
update_alignment (CptTextCell *self)
{
  gboolean ltr = gtk_widget_get_direction (GTK_WIDGET (self)) != GTK_TEXT_DIR_RTL;
  PangoAlignment align;

  if (self->layout == NULL)
    return;
  if (self->xalign < 0.33f)
    align = ltr ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
  else if (self->xalign < 0.67f)
    align = PANGO_ALIGN_CENTER;
  else
    align = ltr ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
  pango_layout_set_alignment (self->layout, align);
}

static void
update_attributes (CptTextCell *self)
{
  g_autoptr(PangoAttrList) attrs = NULL;

  if (self->layout == NULL)
    return;
  attrs = self->markup_attrs != NULL ? pango_attr_list_copy (self->markup_attrs) : pango_attr_list_new ();
  /* The style's "font-feature-settings" reaches only GTK's own text widgets: figures of a
   * `.numeric` cell line up as the stylesheet asks (style.css). */
  if (gtk_widget_has_css_class (GTK_WIDGET (self), "numeric"))
    pango_attr_list_insert_before (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (self->layout, attrs);
}

static PangoLayout *
ensure_layout (CptTextCell *self)
{
  if (self->layout != NULL)
    return self->layout;
  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
  update_alignment (self);
  update_attributes (self);
  return self->layout;
}

static void
cpt_text_cell_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  CptTextCell *self = CPT_TEXT_CELL (widget);

  /* Never from the text: a column keeps its width whatever its rows say. */
  read_font_measures (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PANGO_PIXELS_CEIL (self->min_chars * self->char_width);
      *natural = PANGO_PIXELS_CEIL (MAX (self->min_chars, self->nat_chars) * self->char_width);
    }
  else
    {
      *minimum = *natural = PANGO_PIXELS_CEIL (self->lines * self->line_height);
      *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (self->ascent);
    }
}

static void
cpt_text_cell_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  CptTextCell *self = CPT_TEXT_CELL (widget);
  PangoLayout *layout = ensure_layout (self);

  pango_layout_set_width (layout, width * PANGO_SCALE);
  /* A height in Pango units keeps as many lines as fit, the last one ellipsized. */
  pango_layout_set_height (layout, height * PANGO_SCALE);
}

static void
cpt_text_cell_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CptTextCell *self = CPT_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int baseline = gtk_widget_get_baseline (widget);
  PangoLayout *layout;
  PangoRectangle logical;
  GdkRGBA color;
  float y;

  if (self->text == NULL || self->text[0] == '\0')
    return;
  layout = ensure_layout (self);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (baseline != -1)
    y = baseline - pango_layout_get_baseline (layout) / PANGO_SCALE;
  else
    y = MAX (0, floorf ((height - logical.height) * 0.5f));
  gtk_widget_get_color (widget, &color);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
cpt_text_cell_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  CptTextCell *self = CPT_TEXT_CELL (widget);
  PangoContext *context;

  /* GTK brings the widget's Pango context up to date with the new style first. */
  GTK_WIDGET_CLASS (cpt_text_cell_parent_class)->css_changed (widget, change);
  context = gtk_widget_get_pango_context (widget);
  if (self->line_height > 0 && self->font_serial != pango_context_get_serial (context))
    {
      /* Another font or size: measured and laid out again. A class that only dims the
       * text (most changes: a draft's cells are dimmed as they are bound) keeps both. */
      self->line_height = 0;
      if (self->layout != NULL)
        pango_layout_context_changed (self->layout);
      gtk_widget_queue_resize (widget);
    }
  update_attributes (self);
  gtk_widget_queue_draw (widget);
}

static void
cpt_text_cell_direction_changed (GtkWidget        *widget,
                                 GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (cpt_text_cell_parent_class)->direction_changed (widget, previous);
  update_alignment (CPT_TEXT_CELL (widget));
}

static void
cpt_text_cell_finalize (GObject *object)
{
  CptTextCell *self = CPT_TEXT_CELL (object);

  g_free (self->text);
  g_clear_pointer (&self->markup_attrs, pango_attr_list_unref);
  g_clear_object (&self->layout);
  G_OBJECT_CLASS (cpt_text_cell_parent_class)->finalize (object);
}

static void
cpt_text_cell_class_init (CptTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cpt_text_cell_finalize;
  widget_class->measure = cpt_text_cell_measure;
  widget_class->size_allocate = cpt_text_cell_size_allocate;
  widget_class->snapshot = cpt_text_cell_snapshot;
  widget_class->css_changed = cpt_text_cell_css_changed;
  widget_class->direction_changed = cpt_text_cell_direction_changed;
  /* Styled as the labels and inscriptions of lists are. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
cpt_text_cell_init (CptTextCell *self)
{
  self->text = g_strdup ("");
  self->min_chars = 3;
  self->lines = 1;
}

GtkWidget *
cpt_text_cell_new (void)
{
  return g_object_new (CPT_TYPE_TEXT_CELL, NULL);
}

const char *
cpt_text_cell_get_text (CptTextCell *self)
{
  g_return_val_if_fail (CPT_IS_TEXT_CELL (self), NULL);

  return self->text;
}

static void
take_text (CptTextCell *self, char *text, PangoAttrList *attrs)
{
  gboolean same = g_strcmp0 (self->text, text) == 0 && self->markup_attrs == NULL && attrs == NULL;

  if (same)
    {
      g_free (text);
      return;
    }
  g_free (self->text);
  self->text = text;
  g_clear_pointer (&self->markup_attrs, pango_attr_list_unref);
  self->markup_attrs = attrs;
  if (self->layout != NULL)
    {
      pango_layout_set_text (self->layout, self->text, -1);
      update_attributes (self);
    }
  gtk_accessible_text_update_contents (GTK_ACCESSIBLE_TEXT (self), GTK_ACCESSIBLE_TEXT_CONTENT_CHANGE_INSERT,
                                       0, g_utf8_strlen (self->text, -1));
  /* The size comes from the characters asked for, not the text: only drawn again. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cpt_text_cell_set_text (CptTextCell *self,
                        const char  *text)
{
  g_return_if_fail (CPT_IS_TEXT_CELL (self));

  take_text (self, g_strdup (text != NULL ? text : ""), NULL);
}

void
cpt_text_cell_set_markup (CptTextCell *self,
                          const char  *markup)
{
  PangoAttrList *attrs = NULL;
  char *text = NULL;

  g_return_if_fail (CPT_IS_TEXT_CELL (self));

  if (markup == NULL || !pango_parse_markup (markup, -1, 0, &attrs, &text, NULL, NULL))
    {
      take_text (self, g_strdup (markup != NULL ? markup : ""), NULL);
      return;
    }
  take_text (self, text, attrs);
}

void
cpt_text_cell_set_xalign (CptTextCell *self,
                          float        xalign)
{
  g_return_if_fail (CPT_IS_TEXT_CELL (self));

  self->xalign = CLAMP (xalign, 0.0f, 1.0f);
  update_alignment (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cpt_text_cell_set_chars (CptTextCell *self,
                         guint        min_chars,
                         guint        nat_chars)
{
  g_return_if_fail (CPT_IS_TEXT_CELL (self));

  if (self->min_chars == min_chars && self->nat_chars == nat_chars)
    return;
  self->min_chars = min_chars;
  self->nat_chars = nat_chars;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
cpt_text_cell_set_lines (CptTextCell *self,
                         guint        lines)
{
  g_return_if_fail (CPT_IS_TEXT_CELL (self));

  lines = MAX (lines, 1);
  if (self->lines == lines)
    return;
  self->lines = lines;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
