/* cpt-badge.c: see cpt-badge.h. */
#include "cpt-badge.h"

#include <string.h>

#include "cpt-font-key.h"
#include "cpt-gui-utils.h"

struct _CptBadge
{
  GtkWidget    parent_instance;

  const char  *text;        /* translated, static */
  const char  *css_class;   /* "paid", "overdue"... (static), NULL: none yet */
  PangoLayout *layout;      /* made when first measured or drawn */
  guint        font_serial; /* of the Pango context when the style last changed */
  /* The text's size on one line, in pixels (0: not measured since it or the font last
   * changed): GTK measures a badge again and again. */
  int          text_width;
  int          text_height;
  guint        lines;
};

G_DEFINE_FINAL_TYPE (CptBadge, cpt_badge, GTK_TYPE_WIDGET)

static PangoLayout *
ensure_layout (CptBadge *self)
{
  if (self->layout != NULL)
    return self->layout;
  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD);
  pango_layout_set_alignment (self->layout, PANGO_ALIGN_CENTER);
  pango_layout_set_height (self->layout, -(int) self->lines);
  return self->layout;
}

static GtkSizeRequestMode
cpt_badge_get_request_mode (GtkWidget *widget)
{
  return CPT_BADGE (widget)->lines > 1 ? GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH
                                       : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

/* The size of each status's text on one line, in the last font badges were measured in:
 * a list makes a badge for each of its rows (some 200 before its first frame, most never
 * shown) for a few statuses, and laying a text out costs about as much as making the
 * widget. Main thread only, as widgets are. */
typedef struct
{
  int width;
  int height;
} TextSize;

static struct
{
  CptFontKey  key;
  GHashTable *sizes;   /* text → TextSize */
} measured;

static void
measure_text (CptBadge *self)
{
  PangoContext *context;
  TextSize *size;

  if (self->text_height > 0)
    return;
  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  self->font_serial = pango_context_get_serial (context);
  if (measured.sizes == NULL)
    measured.sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!cpt_font_key_follow (&measured.key, context))
    g_hash_table_remove_all (measured.sizes);
  size = g_hash_table_lookup (measured.sizes, self->text);
  if (size == NULL)
    {
      PangoLayout *layout = ensure_layout (self);
      PangoRectangle logical;

      pango_layout_set_width (layout, -1);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      size = g_new (TextSize, 1);
      size->width = logical.width;
      size->height = MAX (logical.height, 1);
      g_hash_table_insert (measured.sizes, g_strdup (self->text), size);
    }
  self->text_width = size->width;
  self->text_height = size->height;
}

static void
cpt_badge_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  CptBadge *self = CPT_BADGE (widget);

  measure_text (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As wide as the text on one line; narrower, its end goes on the next line or gives
       * way to an ellipsis, which needs about a line's height of room (a GtkLabel lays
       * the ellipsis out alone to know: one more layout of each badge). */
      *natural = self->text_width;
      *minimum = MIN (self->text_width, self->text_height);
    }
  else if (self->lines > 1 && for_size >= 0 && for_size < self->text_width)
    {
      PangoLayout *layout = ensure_layout (self);
      PangoRectangle logical;

      /* broken over lines: laid out at that width (snapshot () lays it out again at its own) */
      pango_layout_set_width (layout, for_size * PANGO_SCALE);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      *minimum = *natural = logical.height;
    }
  else
    *minimum = *natural = self->text_height;
}

static void
cpt_badge_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  CptBadge *self = CPT_BADGE (widget);
  PangoLayout *layout = ensure_layout (self);
  PangoRectangle logical;
  GdkRGBA color;

  /* At the badge's width, centred (as a GtkLabel places it, to the Pango unit): on more
   * lines or ellipsized where the text does not fit. */
  pango_layout_set_width (layout, gtk_widget_get_width (widget) * PANGO_SCALE);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  gtk_widget_get_color (widget, &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (0, floorf ((gtk_widget_get_height (widget) - logical.height) * 0.5f)));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
cpt_badge_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  CptBadge *self = CPT_BADGE (widget);
  guint serial;

  /* GTK brings the widget's Pango context up to date with the new style first. */
  GTK_WIDGET_CLASS (cpt_badge_parent_class)->css_changed (widget, change);
  /* Another font or size: the text is measured again. A class that only changes colours
   * (a status after another) draws it again, which GTK does. */
  serial = pango_context_get_serial (gtk_widget_get_pango_context (widget));
  if (self->font_serial != serial)
    {
      self->font_serial = serial;
      self->text_height = 0;
      if (self->layout != NULL)
        pango_layout_context_changed (self->layout);
      gtk_widget_queue_resize (widget);
    }
}

static void
cpt_badge_finalize (GObject *object)
{
  g_clear_object (&CPT_BADGE (object)->layout);
  G_OBJECT_CLASS (cpt_badge_parent_class)->finalize (object);
}

static void
cpt_badge_class_init (CptBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cpt_badge_finalize;
  widget_class->get_request_mode = cpt_badge_get_request_mode;
  widget_class->measure = cpt_badge_measure;
  widget_class->snapshot = cpt_badge_snapshot;
  widget_class->css_changed = cpt_badge_css_changed;
  /* style.css styles `.badge` labels */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
cpt_badge_init (CptBadge *self)
{
  self->text = "";
  self->lines = 1;
  gtk_widget_add_css_class (GTK_WIDGET (self), "badge");
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
cpt_badge_new (void)
{
  return g_object_new (CPT_TYPE_BADGE, NULL);
}

void
cpt_badge_set_state (CptBadge   *self,
                     const char *state)
{
  const char *text, *css_class;

  g_return_if_fail (CPT_IS_BADGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self), state != NULL);
  if (state == NULL)
    return;
  text = cpt_state_label (state);
  css_class = cpt_state_badge_class (state);
  /* Rows are bound again and again while scrolling: a class is swapped only when it
   * changes, which restyles the badge. */
  if (g_strcmp0 (css_class, self->css_class) != 0)
    {
      if (self->css_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), self->css_class);
      gtk_widget_add_css_class (GTK_WIDGET (self), css_class);
      self->css_class = css_class;
    }
  if (strcmp (text, self->text) == 0)
    return;
  self->text = text;
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text, -1);
  self->text_height = 0;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
cpt_badge_get_text (CptBadge *self)
{
  g_return_val_if_fail (CPT_IS_BADGE (self), NULL);

  return self->text;
}

void
cpt_badge_set_lines (CptBadge *self,
                     guint     lines)
{
  g_return_if_fail (CPT_IS_BADGE (self));

  lines = MAX (lines, 1);
  if (self->lines == lines)
    return;
  self->lines = lines;
  if (self->layout != NULL)
    pango_layout_set_height (self->layout, -(int) lines);
  /* Broken over lines, rounded as a block rather than a stadium (style.css). */
  if (lines > 1)
    gtk_widget_add_css_class (GTK_WIDGET (self), "wrapping");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "wrapping");
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
