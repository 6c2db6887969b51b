/* cpt-font-key.c: see cpt-font-key.h. */
#include "cpt-font-key.h"

gboolean
cpt_font_key_follow (CptFontKey   *key,
                     PangoContext *context)
{
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);

  if (key->font != NULL &&
      pango_font_description_equal (key->font, pango_context_get_font_description (context)) &&
      key->language == pango_context_get_language (context) &&
      key->font_map == pango_context_get_font_map (context) &&
      key->resolution == pango_cairo_context_get_resolution (context) &&
      (options == NULL ? key->options == NULL
                       : key->options != NULL && cairo_font_options_equal (options, key->options)))
    return TRUE;
  g_clear_pointer (&key->font, pango_font_description_free);
  g_clear_pointer (&key->options, cairo_font_options_destroy);
  key->font = pango_font_description_copy (pango_context_get_font_description (context));
  key->language = pango_context_get_language (context);
  g_set_object (&key->font_map, pango_context_get_font_map (context));
  key->resolution = pango_cairo_context_get_resolution (context);
  key->options = options != NULL ? cairo_font_options_copy (options) : NULL;
  return FALSE;
}
