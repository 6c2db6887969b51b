/* cpt-dates.h: calendar dates as ISO strings (YYYY-MM-DD), with an injectable "today". */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses "YYYY-MM-DD" (also "DD/MM/YYYY" as typed by French users); returns a newly
 * allocated ISO string or NULL with a CPT_ERROR_INVALID in plain words. */
char     *cpt_date_normalize   (const char *text, GError **error);
gboolean  cpt_date_parse       (const char *iso, GDate *out);
char     *cpt_date_to_iso      (const GDate *date);
/* Today as ISO, or the value of COMPTOIR_TODAY when set (tests and demos fix it). */
char     *cpt_date_today       (void);
char     *cpt_date_add_days    (const char *iso, int days);
/* Due date from an issue date and payment terms: `days` after, then to the end of that
 * month when `end_of_month` (the French "45 jours fin de mois" reading: date + N days, then
 * end of month). */
char     *cpt_date_due         (const char *iso, int days, gboolean end_of_month);
/* Days from `from` to `to` (positive when `to` is later). */
int       cpt_date_days_between (const char *from, const char *to);
/* "22/11/2026" (fr) or "22 Nov 2026" (en) */
char     *cpt_date_format      (const char *iso, const char *language);
/* A date in a message for people, written as the rest of the interface writes dates: in the
 * language of the translations in use (see cpt_format_date () in the window). */
char     *cpt_date_format_here (const char *iso);

G_END_DECLS
