#define G_LOG_DOMAIN "cpt-units"

#include "cpt-units.h"
#include "cpt-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static const CptUnit units[] = {
  { "C62", "unit",     "unité",    "unit",  "u" },
  { "H87", "piece",    "pièce",    "pc",    "pce" },
  { "HUR", "hour",     "heure",    "h",     "h" },
  { "MIN", "minute",   "minute",   "min",   "min" },
  { "DAY", "day",      "jour",     "day",   "j" },
  { "WEE", "week",     "semaine",  "wk",    "sem." },
  { "MON", "month",    "mois",     "month", "mois" },
  { "ANN", "year",     "année",    "yr",    "an" },
  { "LS",  "flat fee", "forfait",  "flat",  "forfait" },
  { "KGM", "kilogram", "kilogramme", "kg",  "kg" },
  { "GRM", "gram",     "gramme",   "g",     "g" },
  { "TNE", "tonne",    "tonne",    "t",     "t" },
  { "MTR", "metre",    "mètre",    "m",     "m" },
  { "KMT", "kilometre", "kilomètre", "km",  "km" },
  { "MTK", "square metre", "mètre carré", "m²", "m²" },
  { "MTQ", "cubic metre", "mètre cube", "m³", "m³" },
  { "LTR", "litre",    "litre",    "l",     "l" },
  { "SET", "set",      "lot",      "set",   "lot" },
  { "XPK", "package",  "colis",    "pkg",   "colis" },
  { "E48", "service unit", "prestation", "service", "prest." },
};

const CptUnit *
cpt_unit_get_all (guint *n_units)
{
  *n_units = G_N_ELEMENTS (units);
  return units;
}

static gboolean
matches (const char *candidate, const char *text)
{
  gsize len = strlen (candidate);

  if (g_utf8_collate (candidate, text) == 0)
    return TRUE;
  /* plurals: "hours", "jours", "pièces" */
  return strlen (text) == len + 1 && strncmp (candidate, text, len) == 0 &&
         (text[len] == 's' || text[len] == 'x');
}

const CptUnit *
cpt_unit_lookup (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  folded = g_utf8_strdown (stripped, -1);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_ascii_strcasecmp (units[i].code, stripped) == 0)
      return &units[i];
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (matches (units[i].name_en, folded) || matches (units[i].name_fr, folded) ||
        strcmp (units[i].short_en, folded) == 0 || strcmp (units[i].short_fr, folded) == 0)
      return &units[i];
  return NULL;
}

const char *
cpt_unit_code_for (const char *text, GError **error)
{
  const CptUnit *unit = cpt_unit_lookup (text);

  if (unit == NULL)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("“%s” is not a unit Comptoir knows: use a name such as hour, day, piece, kg, "
                     "flat fee, or a UN/ECE code such as HUR, DAY, H87, KGM, LS"), text ? text : "");
      return NULL;
    }
  return unit->code;
}

const char *
cpt_unit_label (const char *code, const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_strcmp0 (units[i].code, code) == 0)
      return g_strcmp0 (language, "en") == 0 ? units[i].short_en : units[i].short_fr;
  return code ? code : "";
}
