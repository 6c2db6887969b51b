/* cpt-units.h: units of measure and their UN/ECE Recommendation 20 codes (e-invoicing). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;     /* UN/ECE Rec. 20 / Rec. 21 code: "HUR" */
  const char *name_en;  /* "hour" */
  const char *name_fr;  /* "heure" */
  const char *short_en; /* as printed after a quantity: "h" */
  const char *short_fr;
} CptUnit;

/* Finds a unit by its code ("HUR"), English or French name or plural ("hours", "jours"),
 * or short form ("h", "kg", "m²"), case-insensitively. NULL when unknown. */
const CptUnit *cpt_unit_lookup (const char *text);
const CptUnit *cpt_unit_get_all (guint *n_units);
/* The code for text typed by someone, or NULL with a CPT_ERROR_INVALID listing examples. */
const char    *cpt_unit_code_for (const char *text, GError **error);
/* Short label for a code in a language ("h", "jour(s)"); the code itself when unknown. */
const char    *cpt_unit_label (const char *code, const char *language);

G_END_DECLS
