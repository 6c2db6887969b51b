#define G_LOG_DOMAIN "cpt-sort-key"

#include "cpt-sort-key.h"

#include <string.h>

char *
cpt_sort_key (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *decomposed = NULL;
  GString *key;

  if (text == NULL)
    return NULL;
  /* The model refuses broken text; a row written by another tool still gets a key. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  /* Lower case first, then decompose: "É" -> "é" -> "e" + U+0301, whose mark is dropped. */
  lower = g_utf8_strdown (text, -1);
  decomposed = g_utf8_normalize (lower, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup (lower);
  key = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Accents, cedillas and the like are the non-spacing marks of the decomposition. */
      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      /* Ligatures are read as their two letters: "Œuvre" sorts with "oeuvre". */
      switch (c)
        {
        case 0x0153: /* œ */
          g_string_append (key, "oe");
          break;
        case 0x00E6: /* æ */
          g_string_append (key, "ae");
          break;
        case 0x00DF: /* ß */
          g_string_append (key, "ss");
          break;
        default:
          g_string_append_unichar (key, c);
          break;
        }
    }
  return g_string_free (key, FALSE);
}
