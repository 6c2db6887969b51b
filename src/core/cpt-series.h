/* cpt-series.h: number series and their formats ("FA-{YYYY}-{N:4}" -> FA-2026-0001).
 *
 * A format is literal text (prefix, separators) with tokens in any order: {YYYY} and {YY}
 * for the year, {MM} the month, {DD} the day, {N} the counter, or {N:width} zero-padded to a
 * width from 1 to 9. The counter restarts never, yearly or monthly; a format whose counter
 * restarts must carry what tells the periods apart (the year; the year and month), or numbers
 * would repeat. */
#pragma once

#include "cpt-database.h"
#include "cpt-kinds.h"

G_BEGIN_DECLS

typedef enum
{
  CPT_SERIES_RESET_NEVER,
  CPT_SERIES_RESET_YEARLY,
  CPT_SERIES_RESET_MONTHLY,
} CptSeriesReset;

typedef struct
{
  char           *name;          /* invoice, deposit, credit_note, quote, proforma */
  char           *format;
  CptSeriesReset  reset;
  gint64          first_number;
  gint64          used;          /* numbers given so far in the series */
} CptSeries;

void        cpt_series_free       (CptSeries *series);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptSeries, cpt_series_free)

/* Checks a format (and that it suits the reset); errors in plain words. */
gboolean    cpt_series_check_format (const char *format, CptSeriesReset reset, GError **error);
/* The number for a counter value and an ISO date. */
char       *cpt_series_format_number (const char *format, gint64 counter, const char *iso_date);
/* The period a date falls in: "" (never), "2026" (yearly), "2026-11" (monthly). */
char       *cpt_series_period     (CptSeriesReset reset, const char *iso_date);
const char *cpt_series_reset_to_string (CptSeriesReset reset);
gboolean    cpt_series_reset_parse (const char *text, CptSeriesReset *out, GError **error);

/* The series a document kind takes its numbers from: deposit invoices share the invoices'
 * chronology unless the company chose a separate series. */
char       *cpt_series_for_document_kind (CptDatabase *db, CptDocumentKind kind, GError **error);
/* The same for a kind's database string ("deposit"). */
char       *cpt_series_for_kind   (CptDatabase *db, const char *kind, GError **error);

CptSeries  *cpt_series_load       (CptDatabase *db, const char *name, GError **error);
/* All five series in a fixed order. */
GPtrArray  *cpt_series_load_all   (CptDatabase *db, GError **error);
/* Changes the format; the reset and the first number only while the series has given no
 * number (a business moving from another tool sets where it starts, once). first_number
 * and reset may be 0 / -1 to keep them. */
gboolean    cpt_series_set        (CptDatabase *db, const char *name, const char *format,
                                   int reset, gint64 first_number, GError **error);

/* Inside the caller's transaction: the next counter and number of a series for a date, and
 * records it as used. */
gboolean    cpt_series_take_next  (CptDatabase *db, const char *name, const char *iso_date,
                                   char **out_number, char **out_period, gint64 *out_counter,
                                   GError **error);
/* The counter the next number of a series gets in a period: the last one given there plus
 * one (`period_used`), else `first_number` while the series has given no number, else 1. */
gint64      cpt_series_next_counter (CptSeries *series, gint64 first_number,
                                     gboolean period_used, gint64 last);
/* The number the next document of the series would get on that date (nothing recorded). */
char       *cpt_series_preview    (CptDatabase *db, const char *name, const char *iso_date,
                                   GError **error);

G_END_DECLS
