#define G_LOG_DOMAIN "cpt-dates"

#include "cpt-dates.h"
#include "cpt-error.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

gboolean
cpt_date_parse (const char *iso, GDate *out)
{
  unsigned y, m, d;
  char tail;

  if (iso == NULL || sscanf (iso, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 || strlen (iso) != 10)
    return FALSE;
  if (y < 1900 || y > 9999 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

char *
cpt_date_to_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

char *
cpt_date_normalize (const char *text, GError **error)
{
  GDate date;
  unsigned y, m, d;
  char tail;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (cpt_date_parse (stripped, &date))
    return cpt_date_to_iso (&date);
  if (sscanf (stripped, "%2u/%2u/%4u%c", &d, &m, &y, &tail) == 3 && y >= 1900 && y <= 9999 &&
      g_date_valid_dmy (d, m, y))
    {
      g_date_set_dmy (&date, d, m, y);
      return cpt_date_to_iso (&date);
    }
  g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
               _("“%s” is not a date: write it as 2026-11-22 or 22/11/2026"), stripped);
  return NULL;
}

char *
cpt_date_today (void)
{
  const char *fixed = g_getenv ("COMPTOIR_TODAY");
  GDate date;

  if (fixed != NULL && cpt_date_parse (fixed, &date))
    return g_strdup (fixed);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

char *
cpt_date_add_days (const char *iso, int days)
{
  GDate date;

  if (!cpt_date_parse (iso, &date))
    return NULL;
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return cpt_date_to_iso (&date);
}

char *
cpt_date_due (const char *iso, int days, gboolean end_of_month)
{
  GDate date;

  if (!cpt_date_parse (iso, &date))
    return NULL;
  g_date_add_days (&date, MAX (days, 0));
  if (end_of_month)
    g_date_set_day (&date, g_date_get_days_in_month (g_date_get_month (&date),
                                                     g_date_get_year (&date)));
  return cpt_date_to_iso (&date);
}

int
cpt_date_days_between (const char *from, const char *to)
{
  GDate a, b;

  if (!cpt_date_parse (from, &a) || !cpt_date_parse (to, &b))
    return 0;
  return g_date_days_between (&a, &b);
}

char *
cpt_date_format (const char *iso, const char *language)
{
  static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  GDate date;

  if (!cpt_date_parse (iso, &date))
    return g_strdup (iso ? iso : "");
  if (g_strcmp0 (language, "en") == 0)
    return g_strdup_printf ("%u %s %04u", g_date_get_day (&date),
                            months[g_date_get_month (&date) - 1], g_date_get_year (&date));
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (&date), g_date_get_month (&date),
                          g_date_get_year (&date));
}

char *
cpt_date_format_here (const char *iso)
{
  const char *const *names = g_get_language_names ();

  /* The first name is the one the translations use (LANGUAGE, then LC_ALL...). */
  return cpt_date_format (iso, names[0] != NULL && g_str_has_prefix (names[0], "fr") ? "fr" : "en");
}
