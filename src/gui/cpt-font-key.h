/* cpt-font-key.h: which font a Pango context lays text out in, so that what was measured
 * in one widget serves the others: the cells of a list share their font, but each has its
 * own Pango context, and measuring text or reading a font's metrics costs more than making
 * a cell. Main thread only, as widgets are. */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

typedef struct
{
  PangoFontDescription *font;
  PangoLanguage        *language;
  PangoFontMap         *font_map;   /* held, so that another cannot come at its address */
  double                resolution;
  cairo_font_options_t *options;
} CptFontKey;

/* TRUE when `context` lays text out as the one `key` was last set from; else sets `key`
 * from `context` and returns FALSE: what was measured for the key is to be measured again. */
gboolean cpt_font_key_follow (CptFontKey   *key,
                              PangoContext *context);

G_END_DECLS
